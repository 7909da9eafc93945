/* resolve.c: stage 6: candidates -> mentions (see gx_entity.h).
 *
 * Order of work: repeats of rule-found names (alias.c), selection of non-overlapping mentions
 * (priority levels, each leftmost-longest, ties: negative, then dictionary, then rule, then
 * generic), the candidates kept inside them, aliases and short forms (alias.c), then the
 * mention records with original offsets and sentence numbers.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_norm.h"
#include "resolve_int.h"

void gx_mentions_free(gx_mentions *ms) {
    free(ms->v);
    free(ms->taken);
    memset(ms, 0, sizeof *ms);
}

const char *gx_res_canon(const gx_doc *doc, gx_cands *c, gx_cand *k) {
    if (k->canonical) return k->canonical;
    size_t cap = ((size_t)(k->end - k->start)) * 4 + 1;
    char *buf = gx_arena_alloc(c->arena, cap);
    int32_t n = 0;
    for (uint32_t i = k->start; i < k->end; i++)
        if (!gx_is_space(doc->cp[i])) U8_APPEND_UNSAFE(buf, n, (UChar32)doc->cp[i]);
    buf[n] = '\0';
    k->canonical = buf;
    return buf;
}

/* ---------------------------------------------------------------- selection */

typedef struct {
    int32_t priority;
    uint32_t start, end, rank, idx;
} S_key;

/* Ties on the same span: a negative entry, then the dictionary, then a rule's program (a
 * formula-shaped name such as 一楼一廊一广场 is a program, not a square), other rules, generic. */
static uint32_t S_rank(const gx_cand *k) {
    if (k->flags & GX_CAND_NEGATIVE) return 0;
    if (k->flags & GX_CAND_GENERIC) return 4;
    if (k->entry != GX_NO_ENTRY) return 1;
    return k->kind == GX_KIND_PROGRAM ? 2 : 3;
}

static int S_cmp_select(const void *pa, const void *pb) {
    const S_key *a = pa, *b = pb;
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return a->idx < b->idx ? -1 : 1;
}

/* Marks chosen[i] = 1 for the candidates selected as mentions: by priority level, each level
 * leftmost-longest. owner[p] = the chosen candidate covering position p, or GX_NO_CAND. */
static void S_select(const gx_doc *doc, const gx_cands *c, uint8_t *chosen, uint32_t *owner) {
    S_key *order = gx_xmalloc((c->n + 1) * sizeof *order);
    for (size_t i = 0; i < c->n; i++) {
        const gx_cand *k = &c->v[i];
        order[i] = (S_key){k->priority, k->start, k->end, S_rank(k), (uint32_t)i};
    }
    gx_sort(order, c->n, sizeof *order, S_cmp_select);
    for (uint32_t p = 0; p < doc->n; p++) owner[p] = GX_NO_CAND;
    for (size_t i = 0; i < c->n; i++) {
        const gx_cand *k = &c->v[order[i].idx];
        uint32_t p = k->start;
        while (p < k->end && owner[p] == GX_NO_CAND) p++;
        if (p < k->end || k->start >= k->end) continue;
        for (p = k->start; p < k->end; p++) owner[p] = order[i].idx;
        chosen[order[i].idx] = 1;
    }
    free(order);
}

/* ---------------------------------------------------------------- output */

static void S_push(gx_mentions *ms, const gx_cand *k, uint32_t idx, int nested) {
    gx_grow((void **)&ms->v, &ms->cap, ms->n + 1, sizeof *ms->v);
    gx_mention *m = &ms->v[ms->n++];
    memset(m, 0, sizeof *m);
    m->start = k->start;
    m->end = k->end;
    m->kind = k->kind;
    m->canonical = k->canonical;
    m->source = k->source;
    m->nested = nested;
    m->cand = idx;
}

static int S_cmp_mention(const void *pa, const void *pb) {
    const gx_mention *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;
    return a->kind < b->kind ? -1 : a->kind > b->kind;
}

/* Chosen candidates, and those inside one that are kept (or all, with nested). */
static void S_collect(const gx_cands *c, const uint8_t *chosen, const uint32_t *owner,
                      const uint8_t *drop, int nested, gx_mentions *ms) {
    for (size_t i = 0; i < c->n; i++) {
        const gx_cand *k = &c->v[i];
        if (drop[i] || (k->flags & GX_CAND_NEGATIVE) || k->start >= k->end) continue;
        if (chosen[i]) {
            S_push(ms, k, (uint32_t)i, 0);
            continue;
        }
        uint32_t o = owner[k->start];
        if (o == GX_NO_CAND || owner[k->end - 1] != o || drop[o]) continue;
        const gx_cand *out = &c->v[o];
        if (out->start > k->start || out->end < k->end || (k->flags & GX_CAND_GENERIC)) continue;
        if (out->start == k->start && out->end == k->end) continue;
        if (nested || (k->flags & GX_CAND_KEEP)) S_push(ms, k, (uint32_t)i, 1);
    }
}

/* Removes repeated (span, kind) records, keeping the first. */
static void S_dedupe(gx_mentions *ms) {
    size_t k = 0;
    for (size_t i = 0; i < ms->n; i++) {
        if (k && ms->v[k - 1].start == ms->v[i].start && ms->v[k - 1].end == ms->v[i].end &&
            ms->v[k - 1].kind == ms->v[i].kind)
            continue;
        ms->v[k++] = ms->v[i];
    }
    ms->n = k;
}

static void S_places(const gx_doc *doc, gx_mentions *ms) {
    uint32_t s = 0;
    for (size_t i = 0; i < ms->n; i++) {
        gx_mention *m = &ms->v[i];
        while (s + 1 < doc->n_sents && doc->sents[s].end <= m->start) s++;
        m->sent = s;
        gx_doc_orig_span(doc, m->start, m->end, &m->ostart, &m->oend);
    }
}

void gx_resolve(const gx_doc *doc, gx_cands *c, int nested, gx_mentions *ms) {
    ms->n = ms->ambiguous = ms->generic = 0;
    gx_res_repeats(doc, c);
    for (size_t i = 0; i < c->n; i++) gx_res_canon(doc, c, &c->v[i]);
    uint8_t *chosen = gx_xcalloc(c->n + 1, 1);
    uint32_t *owner = gx_xmalloc(((size_t)doc->n + 1) * sizeof *owner);
    S_select(doc, c, chosen, owner);
    uint8_t *drop = gx_xcalloc(c->n + 1, 1);
    gx_res_aliases(c, chosen, drop, ms);
    S_collect(c, chosen, owner, drop, nested, ms);
    gx_res_short_forms(doc, c, owner, ms);
    gx_sort(ms->v, ms->n, sizeof *ms->v, S_cmp_mention);
    S_dedupe(ms);
    S_places(doc, ms);
    free(chosen);
    free(owner);
    free(drop);
}
