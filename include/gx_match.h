/* gx_match.h: stage 5, match. Dictionary surfaces found in normalized text.
 *
 * One trie over Unicode code points (a double array over a dense alphabet of the code points the
 * dictionary uses) holds every surface of every type. A scan
 * reports hits as normalized code-point spans with the dictionary entry they matched:
 * leftmost-longest (non-overlapping; at each position the longest surface starting there, and
 * the scan resumes after it) or all hits (nested and overlapping, negative entries included: the
 * caller decides what they block). In leftmost-longest mode a negative entry takes part in the
 * resolution, so it blocks what it covers, but is not reported.
 * The matcher is built once from a finished gx_dict and is read-only afterwards: one matcher
 * may be shared by threads, each with its own gx_hits.
 */
#ifndef GX_MATCH_H
#define GX_MATCH_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_dict.h"

typedef struct {
    uint32_t start, end; /* normalized code points, end exclusive */
    uint32_t entry;      /* index into the gx_dict the matcher was built from */
} gx_hit;

/* A growable hit list plus the scan's scratch memory; reuse one per thread. Zero-initialize,
 * free with gx_hits_free. */
typedef struct {
    gx_hit *v;
    size_t n, cap;
    void *scratch; /* private to match.c */
    size_t scratch_cap;
} gx_hits;

void gx_hits_free(gx_hits *h);

typedef enum { GX_MATCH_LONGEST = 0, GX_MATCH_ALL = 1 } gx_match_mode;

typedef struct gx_matcher gx_matcher;

/* Builds the automaton of every entry of dict (dict must outlive the matcher). */
GX_MUST_CHECK gx_status gx_matcher_new(const gx_dict *dict, gx_diag *d, gx_matcher **out);
void gx_matcher_free(gx_matcher *m);

/* States of the automaton (for summaries and tests). */
size_t gx_matcher_states(const gx_matcher *m);

/* Replaces out->v[0..n) with the hits in cp[0..n), sorted by start then longer first.
 * Returns the number of hits. */
size_t gx_match_scan(const gx_matcher *m, const uint32_t *cp, uint32_t n, gx_match_mode mode,
                     gx_hits *out);

#endif
