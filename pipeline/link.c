/* link.c: stage 7: a document's mentions -> node counts, co-mention pairs and evidence.
 *
 * Mentions are sorted by position, so the window ids of consecutive mentions never decrease:
 * each window is one contiguous run. Its distinct entities are found by sorting node indices and
 * every pair is added once: quadratic in distinct entities, hence GX_MAX_WINDOW_ENTITIES. With
 * a window wider than a sentence, sentences shared are counted by a second pass per sentence.
 * Evidence snippets are built only while the graph still wants evidence for a node or pair.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_hash.h"
#include "gx_link.h"

static const char *const S_windows[] = {"sentence", "paragraph", "document", "chars"};

const char *gx_window_name(gx_window w) { return S_windows[w]; }

int gx_window_parse(const char *s, gx_window *out) {
    for (int i = 0; i < 3; i++)
        if (strcmp(s, S_windows[i]) == 0) {
            *out = (gx_window)i;
            return 1;
        }
    return 0;
}

/* ---------------------------------------------------------------- evidence */

/* Appends p[0..n) to out at k with every run of spaces, tabs, CRs and LFs as one space (a run
 * may continue one that out already ends with). Returns the new length. Runs of other bytes are
 * copied whole: snippets are mostly CJK, with few spaces. */
static size_t S_squeeze(char *out, size_t k, const char *p, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t run = i;
        while (run < n && p[run] != ' ' && p[run] != '\n' && p[run] != '\r' && p[run] != '\t')
            run++;
        memcpy(out + k, p + i, run - i);
        k += run - i;
        if (run == n) break;
        if (k == 0 || out[k - 1] != ' ') out[k++] = ' ';
        i = run + 1;
    }
    return k;
}

/* The original text of code points [s, e), at most GX_MAX_SNIPPET_CHARS of them (a longer span
 * keeps its head and tail around "…"); whitespace runs become one space. Caller frees. */
char *gx_link_snippet(gx_doc *doc, uint32_t s, uint32_t e) {
    static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
    const uint32_t half = GX_MAX_SNIPPET_CHARS / 2;
    uint32_t cuts[4] = {s, e, e, e};
    if (e - s > GX_MAX_SNIPPET_CHARS) cuts[1] = s + half - 1, cuts[2] = e - half;
    char *out = gx_xmalloc(GX_MAX_SNIPPET_CHARS * 4 + 8);
    size_t k = 0;
    for (int part = 0; part < 3; part += 2) {
        const char *p;
        size_t n;
        gx_doc_orig_slice(doc, cuts[part], cuts[part + 1], &p, &n);
        k = S_squeeze(out, k, p, n);
        if (part == 0 && cuts[1] != cuts[2]) {
            memcpy(out + k, ellipsis, sizeof ellipsis - 1);
            k += sizeof ellipsis - 1;
        }
    }
    out[k] = '\0';
    return out;
}

/* Evidence around mention m (its sentence, cut to the snippet size around the mention). */
static void S_mention_evidence(gx_doc *doc, const gx_mention *m, gx_evidence *ev) {
    uint32_t ss = 0, se = doc->orig_cps;
    if (doc->n_sents) gx_doc_orig_span(doc, doc->sents[m->sent].start, doc->sents[m->sent].end, &ss, &se);
    uint32_t pad = (GX_MAX_SNIPPET_CHARS - (m->oend - m->ostart < GX_MAX_SNIPPET_CHARS ? m->oend - m->ostart : 0)) / 2;
    uint32_t a = m->ostart > ss + pad ? m->ostart - pad : ss, b = m->oend + pad < se ? m->oend + pad : se;
    *ev = (gx_evidence){doc->id, m->sent, m->ostart, m->oend, gx_link_snippet(doc, a, b), NULL};
}

/* The mention's normalized surface without whitespace (an alias of its entity). */
static char *S_surface(const gx_doc *doc, const gx_mention *m, size_t *out_len) {
    char *s = gx_xmalloc((size_t)(m->end - m->start) * 4 + 1);
    int32_t k = 0;
    for (uint32_t i = m->start; i < m->end; i++) {
        uint32_t c = doc->cp[i];
        if (c != ' ' && c != '\n' && c != '\t' && c != 0x3000) U8_APPEND_UNSAFE(s, k, (UChar32)c);
    }
    s[k] = '\0';
    *out_len = (size_t)k;
    return s;
}

/* ---------------------------------------------------------------- windows */

typedef struct {
    uint32_t node, pos; /* node index, first mention (index into ms) in the window */
} S_item;

static int S_by_node(const void *pa, const void *pb) {
    const S_item *a = pa, *b = pb;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int S_by_pos(const void *pa, const void *pb) {
    const S_item *a = pa, *b = pb;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

typedef struct {
    gx_graph *g;
    gx_doc *doc;
    const gx_mentions *ms;
    const gx_link_opts *o;
    gx_diag *d;
} S_ctx;

/* Distinct nodes of items[0..n) in place, in the order of their first mentions (so pairs, and
 * evidence lines, come in text order whatever the node indices), capped at
 * GX_MAX_WINDOW_ENTITIES (the first ones in text order). Returns their number. */
static size_t S_distinct(S_ctx *x, S_item *items, size_t n) {
    gx_sort(items, n, sizeof *items, S_by_node);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || items[k - 1].node != items[i].node) items[k++] = items[i];
    gx_sort(items, k, sizeof *items, S_by_pos);
    if (k > GX_MAX_WINDOW_ENTITIES) {
        gx_diag_warn(x->d, x->doc->file, x->doc->line,
                     "document '%s': a window holds %zu distinct entities; only the first %d are "
                     "paired (GX_MAX_WINDOW_ENTITIES)",
                     x->doc->id, k, GX_MAX_WINDOW_ENTITIES);
        k = GX_MAX_WINDOW_ENTITIES;
    }
    return k;
}

/* Evidence of a pair: the text from the first mention of one to that of the other. */
static void S_pair_evidence(S_ctx *x, const S_item *a, const S_item *b, gx_evidence *ev) {
    const gx_mention *ma = &x->ms->v[a->pos], *mb = &x->ms->v[b->pos];
    const gx_mention *f = ma->ostart <= mb->ostart ? ma : mb, *l = f == ma ? mb : ma;
    uint32_t s = f->ostart, e = l->oend > f->oend ? l->oend : f->oend;
    *ev = (gx_evidence){x->doc->id, f->sent, s, e, gx_link_snippet(x->doc, s, e), NULL};
}

static int S_pair_wants(S_ctx *x, const S_item *a, const S_item *b) {
    uint32_t sa = x->ms->v[a->pos].ostart, sb = x->ms->v[b->pos].ostart;
    return gx_graph_pair_wants(x->g, a->node, b->node, x->doc->id, sa < sb ? sa : sb);
}

/* One window: node windows, then every pair (sentence: the window is one sentence). The k
 * paired nodes are left in items[0..k); returns k. */
static size_t S_pair_window(S_ctx *x, S_item *items, size_t n, int sentence) {
    size_t k = S_distinct(x, items, n);
    for (size_t i = 0; i < k; i++) gx_graph_add_node_window(x->g, items[i].node);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            gx_evidence ev, *evp = NULL;
            if (S_pair_wants(x, &items[i], &items[j])) {
                S_pair_evidence(x, &items[i], &items[j], &ev);
                evp = &ev;
            }
            gx_graph_add_pair(x->g, items[i].node, items[j].node, x->doc->seq, sentence, evp);
            if (evp) free((char *)ev.snippet);
        }
    return k;
}

/* Sentences shared, for windows wider than a sentence: each sentence of the window's mentions
 * [i0, i1) counts for the pairs of its distinct nodes. When the window was capped
 * (GX_MAX_WINDOW_ENTITIES), only nodes it paired (in paired, k of them) count, so that a
 * sentence never makes an edge the window did not. */
static void S_window_sentences(S_ctx *x, const uint32_t *node_of, size_t i0, size_t i1,
                               const S_item *paired, size_t k, int capped) {
    gx_u64map *in = NULL;
    uint32_t dummy;
    if (capped) {
        in = gx_u64map_new();
        for (size_t i = 0; i < k; i++) gx_u64map_put(in, paired[i].node, 0, NULL);
    }
    S_item *items = gx_xmalloc((i1 - i0 + 1) * sizeof *items);
    for (size_t a = i0; a < i1;) {
        size_t b = a, n = 0;
        while (b < i1 && x->ms->v[b].sent == x->ms->v[a].sent) {
            if (!in || gx_u64map_get(in, node_of[b], &dummy)) items[n++] = (S_item){node_of[b], (uint32_t)b};
            b++;
        }
        size_t m = S_distinct(x, items, n);
        for (size_t i = 0; i < m; i++)
            for (size_t j = i + 1; j < m; j++)
                gx_graph_add_shared_sentence(x->g, items[i].node, items[j].node);
        a = b;
    }
    free(items);
    gx_u64map_free(in);
}

/* Window id of sentence s: itself, its paragraph, 0, or its block of about o->chars characters
 * (blocks are whole sentences; a new block starts when the next sentence would pass the size). */
static uint32_t S_window_of(S_ctx *x, uint32_t s, uint32_t *block, uint32_t *block_start) {
    const gx_doc *d = x->doc;
    switch (x->o->window) {
    case GX_WINDOW_SENTENCE: return s;
    case GX_WINDOW_PARAGRAPH: return d->n_sents ? d->sents[s].para : 0;
    case GX_WINDOW_DOCUMENT: return 0;
    default:
        if (d->n_sents && d->sents[s].end - *block_start > x->o->chars && d->sents[s].start > *block_start) {
            (*block)++;
            *block_start = d->sents[s].start;
        }
        return *block;
    }
}

static uint32_t S_count_windows(S_ctx *x) {
    const gx_doc *d = x->doc;
    uint32_t block = 0, bs = 0, last = 0;
    if (x->o->window == GX_WINDOW_SENTENCE) return d->n_sents;
    if (x->o->window == GX_WINDOW_PARAGRAPH) return d->n_paras;
    if (x->o->window == GX_WINDOW_DOCUMENT || d->n_sents == 0) return 1;
    for (uint32_t s = 0; s < d->n_sents; s++) last = S_window_of(x, s, &block, &bs);
    return last + 1;
}

/* Pairs the window of mentions [i0, i1) (items is scratch), and counts its shared sentences
 * when the window is wider than a sentence. */
static void S_window(S_ctx *x, const uint32_t *node_of, size_t i0, size_t i1, S_item *items) {
    int one_sentence = x->o->window == GX_WINDOW_SENTENCE;
    size_t n = 0;
    for (size_t i = i0; i < i1; i++) items[n++] = (S_item){node_of[i], (uint32_t)i};
    size_t k = S_pair_window(x, items, n, one_sentence);
    if (!one_sentence) S_window_sentences(x, node_of, i0, i1, items, k, k == GX_MAX_WINDOW_ENTITIES);
}

/* The runs of mentions by window, each paired. */
static void S_runs(S_ctx *x, const uint32_t *node_of) {
    S_item *items = gx_xmalloc((x->ms->n ? x->ms->n : 1) * sizeof *items);
    uint32_t block = 0, bs = 0, cur = 0, s_last = UINT32_MAX, w = 0;
    size_t i0 = 0;
    for (size_t i = 0; i < x->ms->n; i++) {
        uint32_t s = x->ms->v[i].sent;
        if (s != s_last) w = S_window_of(x, s, &block, &bs);
        s_last = s;
        if (i > i0 && w != cur) {
            S_window(x, node_of, i0, i, items);
            i0 = i;
        }
        cur = w;
    }
    if (x->ms->n > i0) S_window(x, node_of, i0, x->ms->n, items);
    free(items);
}

void gx_link_doc(gx_graph *g, gx_doc *doc, const gx_mentions *ms, const gx_link_opts *o,
                 gx_diag *d, uint32_t **io_nodes) {
    S_ctx x = {g, doc, ms, o, d};
    *io_nodes = gx_xrealloc(*io_nodes, (ms->n ? ms->n : 1) * sizeof **io_nodes);
    uint32_t *node_of = *io_nodes;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        node_of[i] = gx_graph_intern(g, m->kind, m->canonical, strlen(m->canonical));
        size_t len;
        char *surface = S_surface(doc, m, &len);
        gx_evidence ev, *evp = NULL;
        if (gx_graph_node_wants(g, node_of[i], doc->id, m->ostart)) {
            S_mention_evidence(doc, m, &ev);
            evp = &ev;
        }
        gx_graph_add_mention(g, node_of[i], doc->seq, doc->id, surface, len, evp);
        if (evp) free((char *)ev.snippet);
        free(surface);
    }
    gx_graph_add_windows(g, S_count_windows(&x));
    S_runs(&x, node_of);
}
