/* ngram.c: n-gram counts, branching entropy and cohesion for guanxi suggest (see gx_ngram.h).
 *
 * Sits beside stages 2-6: suggest.c hands it the Han runs of each normalized document. A run is
 * walked from its last character to its first; at each start the n-grams of 1..max_len+1
 * characters are counted, and the count an (n+1)-gram had before the hit updates the neighbour
 * sums of its prefix (right side) and of its suffix (left side, counted at the previous start),
 * so no pass over the table is needed at the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_ngram.h"

/* c·ln c is tabulated below this count (the rest is computed). */
#define S_CLOGC_TABLE 4096

struct gx_ngrams {
    gx_tally *t;
    uint32_t max_len, mark;
    gx_ngram_mark_fn fn;
    void *arg;
    uint64_t chars;
    char *buf;     /* UTF-8 of the current run */
    uint32_t *off; /* byte offset of each of its characters, and the end */
    size_t cap_buf, cap_off;
    double clogc[S_CLOGC_TABLE];
};

double gx_entropy(double total, double sum_clogc) {
    if (total <= 0) return 0;
    double h = log(total) - sum_clogc / total;
    return h > 0 ? h : 0;
}

double gx_pmi(double c_ab, double c_a, double c_b, double total) {
    return log(c_ab * total / (c_a * c_b));
}

gx_ngrams *gx_ngrams_new(uint32_t max_len, size_t cap, uint32_t mark, gx_ngram_mark_fn fn,
                         void *arg) {
    gx_ngrams *g = gx_xcalloc(1, sizeof *g);
    g->max_len = max_len < 1 ? 1 : max_len > GX_SUGGEST_MAX_NGRAM ? GX_SUGGEST_MAX_NGRAM : max_len;
    size_t least = 4 * ((size_t)g->max_len + 1);
    g->t = gx_tally_new(cap < least ? least : cap);
    g->mark = mark ? mark : 1;
    g->fn = fn;
    g->arg = arg;
    for (uint32_t c = 1; c < S_CLOGC_TABLE; c++) g->clogc[c] = (double)c * log((double)c);
    return g;
}

void gx_ngrams_free(gx_ngrams *g) {
    if (!g) return;
    gx_tally_free(g->t);
    free(g->buf);
    free(g->off);
    free(g);
}

static double S_clogc(const gx_ngrams *g, uint32_t c) {
    return c < S_CLOGC_TABLE ? g->clogc[c] : (double)c * log((double)c);
}

/* Encodes cp[start..end) into g->buf with character offsets in g->off. */
static void S_encode(gx_ngrams *g, const uint32_t *cp, uint32_t start, uint32_t end) {
    size_t n = end - start;
    gx_grow((void **)&g->buf, &g->cap_buf, n * 4 + 1, 1);
    gx_grow((void **)&g->off, &g->cap_off, n + 1, sizeof *g->off);
    int32_t k = 0;
    for (size_t i = 0; i < n; i++) {
        g->off[i] = (uint32_t)k;
        U8_APPEND_UNSAFE(g->buf, k, (UChar32)cp[start + i]);
    }
    g->off[n] = (uint32_t)k;
}

/* Finds again the entries of the n-grams starting at run index r (after pruning). */
static void S_refind(const gx_ngrams *g, uint32_t r, uint32_t run_len, long *idx) {
    for (uint32_t len = 1; len <= g->max_len + 1 && r + len <= run_len; len++)
        idx[len] = gx_tally_find(g->t, g->buf + g->off[r], g->off[r + len] - g->off[r]);
}

/* Counts the n-gram at run index r of len characters; returns its entry. */
static uint32_t S_hit(gx_ngrams *g, const uint32_t *cp, uint32_t start, uint32_t r, uint32_t len,
                      uint32_t doc, uint32_t *out_before) {
    const char *key = g->buf + g->off[r];
    uint32_t i = gx_tally_hit(g->t, key, g->off[r + len] - g->off[r], doc, out_before);
    if (*out_before + 1 == g->mark && len >= 2 && len <= g->max_len && g->fn) {
        char *note = NULL;
        uint32_t tag = g->fn(g->arg, cp, start + r, len, &note);
        gx_tally_at(g->t, i)->tag = tag;
        gx_tally_set_note(g->t, i, note);
    }
    return i;
}

void gx_ngrams_add(gx_ngrams *g, const uint32_t *cp, uint32_t start, uint32_t end, uint32_t doc) {
    if (end <= start) return;
    uint32_t n = end - start;
    long prev[GX_SUGGEST_MAX_NGRAM + 2], cur[GX_SUGGEST_MAX_NGRAM + 2];
    for (uint32_t l = 0; l <= g->max_len + 1; l++) prev[l] = cur[l] = -1;
    S_encode(g, cp, start, end);
    g->chars += n;
    for (uint32_t r = n; r-- > 0;) {
        if (gx_tally_reserve(g->t, g->max_len + 1)) S_refind(g, r + 1, n, prev);
        for (uint32_t len = 1; len <= g->max_len + 1 && r + len <= n; len++)
            gx_tally_prefetch(g->t, g->buf + g->off[r], g->off[r + len] - g->off[r]);
        for (uint32_t len = 1; len <= g->max_len + 1 && r + len <= n; len++) {
            uint32_t before;
            cur[len] = S_hit(g, cp, start, r, len, doc, &before);
            if (len < 2) continue;
            double delta = S_clogc(g, before + 1) - (before ? S_clogc(g, before) : 0);
            gx_tally_at(g->t, (uint32_t)cur[len - 1])->right += delta;
            if (prev[len - 1] >= 0) gx_tally_at(g->t, (uint32_t)prev[len - 1])->left += delta;
        }
        memcpy(prev, cur, sizeof prev);
        for (uint32_t len = n - r + 1; len <= g->max_len + 1; len++) prev[len] = -1;
    }
}

/* ---------------------------------------------------------------- statistics */

/* Count of key[0..n), at least floor (a part pruned away counts as often as the whole). */
static double S_count(const gx_ngrams *g, const char *key, size_t n, uint32_t floor) {
    long i = gx_tally_find(g->t, key, n);
    uint32_t c = i >= 0 ? gx_tally_get(g->t, (uint32_t)i)->count : 0;
    return (double)(c > floor ? c : floor);
}

static double S_cohesion(const gx_ngrams *g, const char *key, size_t n, uint32_t count) {
    double best = 0, total = (double)(g->chars ? g->chars : 1);
    int first = 1;
    for (int32_t k = 0; k < (int32_t)n;) {
        UChar32 c;
        U8_NEXT_UNSAFE(key, k, c);
        (void)c;
        if ((size_t)k >= n) break;
        double pmi = gx_pmi(count, S_count(g, key, (size_t)k, count),
                            S_count(g, key + k, n - (size_t)k, count), total);
        if (first || pmi < best) best = pmi;
        first = 0;
    }
    return best;
}

void gx_ngrams_stats_at(const gx_ngrams *g, uint32_t i, gx_ngram_stats *out) {
    const gx_tally_entry *e = gx_tally_get(g->t, i);
    out->count = e->count;
    out->docs = e->docs;
    out->left = gx_entropy(e->count, e->left);
    out->right = gx_entropy(e->count, e->right);
    out->cohesion = S_cohesion(g, gx_tally_key(g->t, i), e->len, e->count);
}

int gx_ngrams_get(const gx_ngrams *g, const uint32_t *cp, size_t n, gx_ngram_stats *out) {
    char key[GX_SUGGEST_MAX_NGRAM * 4 + 8];
    int32_t k = 0;
    if (n == 0 || n > g->max_len + 1) return 0;
    for (size_t i = 0; i < n; i++) U8_APPEND_UNSAFE(key, k, (UChar32)cp[i]);
    long i = gx_tally_find(g->t, key, (size_t)k);
    if (i < 0) return 0;
    gx_ngrams_stats_at(g, (uint32_t)i, out);
    return 1;
}

const gx_tally *gx_ngrams_tally(const gx_ngrams *g) { return g->t; }
uint64_t gx_ngrams_chars(const gx_ngrams *g) { return g->chars; }
