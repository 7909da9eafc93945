/* match.c: stage 5 (match), the scan: dictionary surfaces in normalized code points (gx_match.h).
 *
 * The text's code points are first turned into alphabet ids (match_int.h). Then from every start
 * position the scan walks the double-array trie as far as the text follows it: an id that starts
 * no surface costs one lookup in the root's part of the array, and a walk never goes deeper than
 * GX_MAX_ENTRY_CHARS. Leftmost-longest keeps the deepest surface of the walk and resumes after it;
 * all-hits reports the walk's surfaces longest first, so hits come out sorted by start then
 * longer first with no sort. Cost is linear in the text times GX_MAX_ENTRY_CHARS. The build is in
 * match_build.c.
 */
#include <stdlib.h>
#include <string.h>
#include "match_int.h"

void gx_hits_free(gx_hits *h) {
    free(h->v);
    free(h->scratch);
    memset(h, 0, sizeof *h);
}

static inline void S_push(gx_hits *out, uint32_t start, uint32_t end, uint32_t entry) {
    if (out->n == out->cap) gx_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
    out->v[out->n++] = (gx_hit){start, end, entry};
}

/* The ids of cp[0..n), in the scratch memory of out. */
static const uint32_t *S_ids(const gx_matcher *m, const uint32_t *cp, uint32_t n, gx_hits *out) {
    size_t cap = out->scratch_cap;
    gx_grow(&out->scratch, &cap, (size_t)n + 1, sizeof(uint32_t));
    out->scratch_cap = cap;
    uint32_t *id = out->scratch;
    for (uint32_t i = 0; i < n; i++) id[i] = gx_match_id(m, cp[i]);
    return id;
}

/* The child of unit s on id c, or GX_MATCH_NONE. */
static inline uint32_t S_step(const gx_matcher *m, uint32_t s, uint32_t c) {
    uint32_t t = (m->unit[s].base & ~GX_MATCH_TERM) + c;
    return m->unit[t].check == s ? t : GX_MATCH_NONE;
}

/* ---------------------------------------------------------------- leftmost-longest */

/* The longest surface that starts at id[0] (n > 0): its length (0 if none) and, in *out_unit,
 * the unit where it ends. */
static inline uint32_t S_longest_at(const gx_matcher *m, const uint32_t *id, uint32_t n,
                                    uint32_t *out_unit) {
    uint32_t s = S_step(m, 0, id[0]), len = 0;
    if (n > GX_MAX_ENTRY_CHARS) n = GX_MAX_ENTRY_CHARS;
    for (uint32_t j = 1; s != GX_MATCH_NONE; j++) {
        if (m->unit[s].base & GX_MATCH_TERM) {
            len = j;
            *out_unit = s;
        }
        if (j == n) break;
        s = S_step(m, s, id[j]);
    }
    return len;
}

static void S_scan_longest(const gx_matcher *m, const uint32_t *id, uint32_t n, gx_hits *out) {
    for (uint32_t i = 0; i < n;) {
        uint32_t u = 0, len = S_longest_at(m, id + i, n - i, &u);
        if (!len) {
            i++;
            continue;
        }
        uint32_t e = m->out[u];
        if (!(m->flags[e] & GX_MATCH_NEGATIVE)) S_push(out, i, i + len, e);
        i += len;
    }
}

/* ---------------------------------------------------------------- all hits */

/* Every surface that starts at id[i], where the walk from the root reached unit s: longest
 * first, the entries of one surface in gx_dict_next_same order. */
static void S_all_from(const gx_matcher *m, uint32_t s, const uint32_t *id, uint32_t i, uint32_t n,
                       gx_hits *out) {
    uint32_t end[GX_MAX_ENTRY_CHARS], unit[GX_MAX_ENTRY_CHARS], k = 0;
    uint32_t stop = n - i > GX_MAX_ENTRY_CHARS ? i + GX_MAX_ENTRY_CHARS : n;
    for (uint32_t j = i + 1; s != GX_MATCH_NONE; j++) {
        if (m->unit[s].base & GX_MATCH_TERM) {
            end[k] = j;
            unit[k++] = s;
        }
        if (j == stop) break;
        s = S_step(m, s, id[j]);
    }
    while (k--) { /* the chain ends at the flag or at -1, whichever comes first (images) */
        for (long e = m->out[unit[k]]; e >= 0;
             e = m->flags[e] & GX_MATCH_MORE ? gx_dict_next_same(m->dict, (size_t)e) : -1)
            S_push(out, i, end[k], (uint32_t)e);
    }
}

static void S_scan_all(const gx_matcher *m, const uint32_t *id, uint32_t n, gx_hits *out) {
    for (uint32_t i = 0; i < n; i++) {
        uint32_t s = S_step(m, 0, id[i]);
        if (s != GX_MATCH_NONE) S_all_from(m, s, id, i, n, out);
    }
}

size_t gx_match_scan(const gx_matcher *m, const uint32_t *cp, uint32_t n, gx_match_mode mode,
                     gx_hits *out) {
    out->n = 0;
    const uint32_t *id = S_ids(m, cp, n, out);
    if (mode == GX_MATCH_ALL) S_scan_all(m, id, n, out);
    else S_scan_longest(m, id, n, out);
    return out->n;
}
