/* suggest.c: guanxi suggest, counting (see gx_suggest.h). After stage 6 of each document:
 *
 *   mentions found by a rule, not listed  -> name table (kind + canonical, neighbours, context)
 *   Han runs of the normalized text       -> n-gram table (gx_ngram.h); an n-gram reaching
 *                                            --min-count is shaped (suggest_shape.c) and, when
 *                                            entity-like, keeps that occurrence as its context
 *
 * suggest_out.c scores, sorts and writes what the tables hold at the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_link.h"
#include "gx_norm.h"
#include "suggest_int.h"

/* Sources that only repeat or resolve a name found elsewhere: a name keeps the source of the
 * recognizer that found it when one does. */
static const char *const S_derived[] = {"rule:repeat", "rule:alias", "rule:short_form"};

/* Sources that saw a title beside the person (书记陈红民): their names are not second-guessed
 * by gx_suggest_unlikely (汪洋 is a word and a leader). */
static const char *const S_titled[] = {"rule:title_name", "rule:name_title", "rule:byline"};

/* ---------------------------------------------------------------- contexts */

/* Index of the sentence holding normalized position p (the last starting at or before it). */
static uint32_t S_sentence(const gx_doc *doc, uint32_t p) {
    uint32_t lo = 0, hi = doc->n_sents;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (doc->sents[mid].start <= p) lo = mid;
        else hi = mid;
    }
    return lo;
}

char *gx_suggest_context(gx_doc *doc, uint32_t start, uint32_t end) {
    uint32_t os, oe, ss = 0, se = doc->orig_cps;
    gx_doc_orig_span(doc, start, end, &os, &oe);
    if (doc->n_sents) {
        const gx_sentence *s = &doc->sents[S_sentence(doc, start)];
        if (s->start < s->end && s->start <= start && end <= s->end)
            gx_doc_orig_span(doc, s->start, s->end, &ss, &se);
    }
    uint32_t len = oe - os;
    uint32_t pad = len < GX_SUGGEST_CONTEXT_CHARS ? (GX_SUGGEST_CONTEXT_CHARS - len) / 2 : 0;
    uint32_t a = os > ss + pad ? os - pad : ss, b = oe + pad < se ? oe + pad : se;
    if (a > os) a = os;
    if (b < oe) b = oe;
    char *snip = gx_link_snippet(doc, a, b);
    for (char *p = snip; *p; p++) /* control characters would spoil the TSV for other tools */
        if ((unsigned char)*p < 0x20 || *p == 0x7F) *p = ' ';
    return snip;
}

/* ---------------------------------------------------------------- collector */

static uint32_t S_mark(void *arg, const uint32_t *cp, uint32_t start, uint32_t len, char **note) {
    gx_suggest *s = arg;
    gx_kind kind;
    gx_shape sh = gx_suggest_shape(s->dict, cp + start, len, &kind);
    if (sh == GX_SHAPE_NONE) return 0;
    *note = gx_suggest_context(s->doc, start, start + len);
    return GX_SUGGEST_TAG(sh, kind);
}

gx_suggest *gx_suggest_new(const gx_dict *dict, const gx_suggest_opts *o) {
    gx_suggest *s = gx_xcalloc(1, sizeof *s);
    s->dict = dict;
    s->o = *o;
    if (!s->o.min_count) s->o.min_count = 3;
    if (!s->o.max_ngrams) s->o.max_ngrams = GX_SUGGEST_MAX_NGRAMS;
    if (!s->o.max_names) s->o.max_names = GX_SUGGEST_MAX_NAMES;
    s->ngrams = gx_ngrams_new(GX_SUGGEST_MAX_NGRAM, s->o.max_ngrams, s->o.min_count, S_mark, s);
    s->names = gx_tally_new(s->o.max_names < 8 ? 8 : s->o.max_names);
    return s;
}

void gx_suggest_free(gx_suggest *s) {
    if (!s) return;
    gx_ngrams_free(s->ngrams);
    gx_tally_free(s->names);
    free(s->sources);
    free(s->key);
    free(s);
}

/* The index + 1 of source in s->sources (added when new). */
static uint32_t S_source_id(gx_suggest *s, const char *source) {
    for (size_t i = 0; i < s->n_sources; i++)
        if (strcmp(s->sources[i], source) == 0) return (uint32_t)i + 1;
    gx_grow((void **)&s->sources, &s->cap_sources, s->n_sources + 1, sizeof *s->sources);
    s->sources[s->n_sources++] = source;
    return (uint32_t)s->n_sources;
}

static int S_in(const char *source, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(source, list[i]) == 0) return 1;
    return 0;
}

static int S_is_derived(const char *source) {
    return S_in(source, S_derived, sizeof S_derived / sizeof *S_derived);
}

/* 1 if the rule's name reads as common words (gx_suggest_unlikely), unless a title vouches. */
static int S_unlikely(gx_suggest *s, const gx_mention *m, size_t len) {
    if (m->kind == GX_KIND_PERSON && S_in(m->source, S_titled, sizeof S_titled / sizeof *S_titled))
        return 0;
    uint32_t cp[GX_MAX_ENTRY_CHARS];
    size_t n = 0;
    for (int32_t i = 0; i < (int32_t)len && n < GX_MAX_ENTRY_CHARS;) {
        UChar32 c;
        U8_NEXT_UNSAFE(m->canonical, i, c);
        cp[n++] = (uint32_t)c;
    }
    return gx_suggest_unlikely(s->dict, cp, n, m->kind);
}

/* 1 if the name may become a dictionary line: 1..GX_MAX_ENTRY_CHARS code points, no
 * whitespace or control character, not starting with '#' (a comment line). */
static int S_valid_name(const char *name, size_t n) {
    int32_t i = 0, cps = 0;
    if (n == 0 || name[0] == '#') return 0;
    while (i < (int32_t)n) {
        UChar32 c;
        U8_NEXT(name, i, (int32_t)n, c);
        if (c < 0 || c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || gx_is_space((uint32_t)c))
            return 0;
        cps++;
    }
    return cps <= GX_MAX_ENTRY_CHARS;
}

/* Builds the key tag + canonical [+ neighbour] in s->key; returns its length. */
static size_t S_key(gx_suggest *s, char tag, gx_kind kind, const char *name, size_t n,
                    uint32_t neighbour) {
    gx_grow((void **)&s->key, &s->cap_key, n + 8, 1);
    s->key[0] = tag;
    s->key[1] = (char)('0' + kind);
    memcpy(s->key + 2, name, n);
    int32_t k = (int32_t)n + 2;
    if (neighbour) U8_APPEND_UNSAFE(s->key, k, (UChar32)neighbour);
    return (size_t)k;
}

/* Counts neighbour c (0: a boundary, which adds nothing) on one side of name entry i. */
static void S_neighbour(gx_suggest *s, uint32_t i, char side, const gx_mention *m, uint32_t c) {
    if (!c) return;
    size_t n = S_key(s, side, m->kind, m->canonical, strlen(m->canonical), c);
    uint32_t before;
    gx_tally_hit(s->names, s->key, n, s->seq, &before);
    double delta = (before + 1) * log(before + 1.0) - (before ? before * log((double)before) : 0);
    gx_tally_entry *e = gx_tally_at(s->names, i);
    if (side == 'L') e->left += delta;
    else e->right += delta;
}

/* Counts a mention found by a rule whose name no dictionary row lists. */
static void S_name(gx_suggest *s, gx_doc *doc, const gx_mention *m) {
    size_t len = strlen(m->canonical);
    if (strcmp(m->source, "dict") == 0 || gx_dict_find(s->dict, m->canonical, len) >= 0) return;
    if (!S_valid_name(m->canonical, len)) {
        s->unfit++;
        return;
    }
    if (S_unlikely(s, m, len)) return;
    gx_tally_reserve(s->names, 3);
    size_t n = S_key(s, 'N', m->kind, m->canonical, len, 0);
    uint32_t before, i = gx_tally_hit(s->names, s->key, n, s->seq, &before);
    gx_tally_entry *e = gx_tally_at(s->names, i);
    /* the first mention's source and context, until a recognizer finds it (not a repeat) */
    if (before == 0 || (!S_is_derived(m->source) && S_is_derived(s->sources[e->tag - 1]))) {
        e->tag = S_source_id(s, m->source);
        gx_tally_set_note(s->names, i, gx_suggest_context(doc, m->start, m->end));
    }
    uint32_t l = m->start > 0 && gx_is_han(doc->cp[m->start - 1]) ? doc->cp[m->start - 1] : 0;
    uint32_t r = m->end < doc->n && gx_is_han(doc->cp[m->end]) ? doc->cp[m->end] : 0;
    S_neighbour(s, i, 'L', m, l);
    S_neighbour(s, i, 'R', m, r);
}

void gx_suggest_doc(gx_suggest *s, gx_doc *doc, const gx_mentions *ms) {
    s->doc = doc;
    for (size_t i = 0; i < ms->n; i++) S_name(s, doc, &ms->v[i]);
    for (uint32_t p = 0; p < doc->n;) {
        uint32_t q = p;
        while (q < doc->n && gx_is_han(doc->cp[q])) q++;
        if (q > p) gx_ngrams_add(s->ngrams, doc->cp, p, q, s->seq);
        p = q + 1;
    }
    s->doc = NULL;
    s->seq++;
}

void gx_suggest_get_stats(const gx_suggest *s, gx_suggest_stats *out) {
    memset(out, 0, sizeof *out);
    out->names = gx_tally_size(s->names);
    out->names_pruned = gx_tally_dropped(s->names);
    out->ngrams = gx_tally_size(gx_ngrams_tally(s->ngrams));
    out->ngrams_pruned = gx_tally_dropped(gx_ngrams_tally(s->ngrams));
    out->unfit = s->unfit;
    memcpy(out->written, s->written, sizeof out->written);
}
