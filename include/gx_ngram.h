/* gx_ngram.h: n-gram statistics for new-word discovery (guanxi suggest, after stage 2).
 *
 * Input: runs of Han characters of the normalized text (a run ends at any other character).
 * Every n-gram of 1..max_len+1 characters of a run is counted in a gx_tally (capped, pruned as
 * gx_tally.h says); the (n+1)-grams give the left and right neighbours of the n-grams, so the
 * branching entropy of each side is kept up to date as counts grow: an entry keeps
 * S = sum of c·ln c over its neighbours, and H = ln N − S/N with N its count. A run's start or
 * end is a boundary, and every boundary counts as a neighbour of its own (so “三农” between
 * quotes has the highest entropy its count allows). Cohesion is the least pointwise mutual
 * information over the binary splits of an n-gram: min over a|b of ln(c(ab)·T / (c(a)·c(b))),
 * T the characters counted. Output: per n-gram count, documents, left/right entropy, cohesion.
 */
#ifndef GX_NGRAM_H
#define GX_NGRAM_H

#include "gx_common.h"
#include "gx_tally.h"

typedef struct {
    uint32_t count, docs; /* occurrences and documents (lower bounds after pruning) */
    double left, right;   /* branching entropy of the left and right neighbours, nats */
    double cohesion;      /* least PMI over binary splits, nats (0 for one character) */
} gx_ngram_stats;

/* Entropy of a distribution of total items whose counts c have sum c·ln c = sum_clogc:
 * ln(total) − sum_clogc/total, never below 0; 0 when total is 0. */
double gx_entropy(double total, double sum_clogc);

/* Pointwise mutual information of a pair seen c_ab times whose parts were seen c_a and c_b
 * times among total items: ln(c_ab·total / (c_a·c_b)). All counts > 0. */
double gx_pmi(double c_ab, double c_a, double c_b, double total);

typedef struct gx_ngrams gx_ngrams;

/* Called when an n-gram of 2..max_len characters at cp[start..start+len) reaches the count
 * `mark` of gx_ngrams_new: returns the tag to store (0: none) and may set *out_note to a
 * malloc'd string the table then owns. */
typedef uint32_t (*gx_ngram_mark_fn)(void *arg, const uint32_t *cp, uint32_t start, uint32_t len,
                                     char **out_note);

/* A table for n-grams up to max_len (1..GX_SUGGEST_MAX_NGRAM) characters holding at most cap
 * entries (cap >= 4 * (max_len + 1)); mark >= 1 and fn (may be NULL) as above. Free with
 * gx_ngrams_free. */
gx_ngrams *gx_ngrams_new(uint32_t max_len, size_t cap, uint32_t mark, gx_ngram_mark_fn fn,
                         void *arg);
void gx_ngrams_free(gx_ngrams *g);

/* Counts the n-grams of the run cp[start..end) (Han characters only, between boundaries) in
 * document doc (numbered from 0, increasing). */
void gx_ngrams_add(gx_ngrams *g, const uint32_t *cp, uint32_t start, uint32_t end, uint32_t doc);

/* Statistics of the n-gram cp[0..n): returns 1 and fills *out, or 0 if it is not in the table. */
int gx_ngrams_get(const gx_ngrams *g, const uint32_t *cp, size_t n, gx_ngram_stats *out);

/* The table (keys are UTF-8; tags as the mark function returned) and the statistics of its
 * entry i. */
const gx_tally *gx_ngrams_tally(const gx_ngrams *g);
void gx_ngrams_stats_at(const gx_ngrams *g, uint32_t i, gx_ngram_stats *out);

/* Characters counted (T). */
uint64_t gx_ngrams_chars(const gx_ngrams *g);

#endif
