/* rules_chain.c: stage 5b, bodies named by a chain of names (the last recognizer).
 *
 * A place right before an organization names that organization's own branch or office (法国 +
 * 内政部, 纽约 + 联合国总部, 日本 + 雅马哈), and an organization right before a sub-body (a name
 * ending in a suffix flagged chain: 中央军委 + 法制局, 耶鲁大学 + 公共卫生学院) names the sub-body:
 * the whole chain is one organization, found as a candidate that the longer-first selection
 * prefers. Generic names, abbreviations and negative entries make no chain.
 */
#include <stdlib.h>
#include "gx_norm.h"
#include "rules_int.h"

/* 1 if candidate c may start a chain: a named place or org, not generic, not negative, not an
 * abbreviation (one character). */
static int S_head(const gx_cand *c) {
    if (c->flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE)) return 0;
    if (c->kind != GX_KIND_PLACE && c->kind != GX_KIND_ORG) return 0;
    return c->end - c->start >= 2 && c->priority >= 0;
}

/* 1 if a suffix flagged chain ends at p, starting after a (a sub-body: …法制局, …学院). */
static int S_chain_suffix_ends(const gx_rctx *x, uint32_t a, uint32_t p) {
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (e->role == GX_ROLE_SUFFIX && (e->flags & GX_ENTRY_CHAIN) &&
            x->hits->v[x->c->by_end[k]].start >= a)
            return 1;
    }
    return 0;
}

/* 1 if a word, stop word or negative entry starts inside [a, b) and runs past b (民间艺术团|体,
 * 建设部|门): the name does not end at b. A title does not count (内政部|长 is the office). */
static int S_runs_past(const gx_rctx *x, uint32_t a, uint32_t b) {
    for (uint32_t p = a + 1; p < b; p++) {
        size_t lo, hi;
        gx_r_starting(x, p, &lo, &hi);
        for (size_t i = lo; i < hi; i++) {
            const gx_entry *e = gx_r_entry(x, i);
            if (x->hits->v[i].end > b && (e->role == GX_ROLE_WORD || e->role == GX_ROLE_STOP ||
                                          (e->flags & GX_ENTRY_NEGATIVE)) &&
                gx_r_role_starts(x, p, GX_ROLE_TITLE) != x->hits->v[i].end - p)
                return 1; /* a title (部长) is no such word: 法国内政部|长 */
        }
    }
    return 0;
}

/* 1 if candidate b may end a chain after a: an org, not generic; after an org only a sub-body. */
static int S_tail(const gx_rctx *x, const gx_cand *a, const gx_cand *b) {
    if (b->kind != GX_KIND_ORG || (b->flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE))) return 0;
    if (b->end - b->start < 2 || b->priority < 0 || S_runs_past(x, b->start, b->end)) return 0;
    return a->kind == GX_KIND_PLACE || S_chain_suffix_ends(x, b->start, b->end);
}

static int S_cmp_u64(const void *pa, const void *pb) {
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

void gx_rules_chain(gx_rctx *x) {
    size_t n = x->c->n;
    uint64_t *by_start = gx_xmalloc((n + 1) * sizeof *by_start); /* start << 32 | index */
    for (size_t i = 0; i < n; i++) by_start[i] = (uint64_t)x->c->v[i].start << 32 | i;
    gx_sort(by_start, n, sizeof *by_start, S_cmp_u64);
    for (size_t i = 0; i < n; i++) {
        if (!S_head(&x->c->v[i])) continue;
        uint64_t key = (uint64_t)x->c->v[i].end << 32;
        size_t lo = 0, hi = n; /* first candidate starting at the head's end */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (by_start[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        for (size_t k = lo; k < n && by_start[k] >> 32 == key >> 32; k++) {
            const gx_cand *a = &x->c->v[i], *b = &x->c->v[(uint32_t)by_start[k]];
            if (!S_tail(x, a, b)) continue;
            gx_r_seek(x, a->start);
            if (b->end > x->s1) continue;
            uint32_t a0 = a->start, b1 = b->end;
            gx_r_add(x, a0, b1, GX_KIND_ORG, "rule:org_chain", 0);
        }
    }
    free(by_start);
}
