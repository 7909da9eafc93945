/* match_int.h: stage 5 (match), private to match_build.c (builds) and match.c (scans).
 *
 * The matcher is a trie of every dictionary surface stored as a double array over a dense
 * alphabet. Code points that occur in some surface get ids 1..n_ids-1 (most frequent first),
 * every other code point id 0, which no state has an edge for. The child of state s on id c is
 * t = base(s) + c when unit[t].check == s; the root is unit 0. The array is padded so that
 * base(s) + c is in range for every state and every id, so a scan never bounds-checks.
 */
#ifndef GX_MATCH_INT_H
#define GX_MATCH_INT_H

#include "gx_match.h"

#define GX_MATCH_NONE       UINT32_MAX       /* no entry / free unit */
#define GX_MATCH_ROOT_CHECK (UINT32_MAX - 1) /* check of the root: the parent of no state */
#define GX_MATCH_TERM       0x80000000u      /* base flag: a surface ends at this state */
#define GX_MATCH_CP_END     0x110000u        /* code points at or above it have id 0 */
#define GX_MATCH_PAGE_BITS  8                /* the id table is paged by 256 code points */
#define GX_MATCH_NEGATIVE   1                /* entry flag: the entry is negative */
#define GX_MATCH_MORE       2                /* entry flag: gx_dict_next_same has another */

typedef struct {
    uint32_t base;  /* offset of the children, | GX_MATCH_TERM when a surface ends here */
    uint32_t check; /* the parent unit, GX_MATCH_NONE if the unit is free */
} gx_match_unit;

struct gx_matcher {
    const gx_dict *dict;  /* for the other entries of a surface (gx_dict_next_same) */
    uint32_t n_states;    /* trie states, root included */
    uint32_t n_units;     /* units of the double array, padding included */
    uint32_t n_ids;       /* alphabet size, id 0 included */
    uint32_t n_pages;     /* id pages, page 0 being all zero */
    uint16_t *page;       /* per page of code points (cp >> 8): its page of ids */
    uint32_t *ids;        /* n_pages * 256: the id of a code point */
    gx_match_unit *unit;  /* n_units */
    uint32_t *out;        /* per unit: the first entry whose surface ends there, or NONE */
    uint8_t *flags;       /* per entry: GX_MATCH_NEGATIVE, GX_MATCH_MORE */
    int borrowed;         /* the arrays live in a dictionary image (match_image.c): not freed */
};

/* The id of code point c (0 if no surface holds it). */
static inline uint32_t gx_match_id(const gx_matcher *m, uint32_t c) {
    if (c >= GX_MATCH_CP_END) return 0;
    return m->ids[(uint32_t)m->page[c >> GX_MATCH_PAGE_BITS] << GX_MATCH_PAGE_BITS |
                  (c & ((1u << GX_MATCH_PAGE_BITS) - 1))];
}

#endif
