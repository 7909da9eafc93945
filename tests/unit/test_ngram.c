/* test_ngram.c: the capped tally (pruning, documents) and the n-gram statistics of guanxi suggest
 * (counts, branching entropy, cohesion) on tiny made-up texts with answers worked out by hand.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gx_ngram.h"
#include "gx_tally.h"
#include "harness.h"

#define near(a, b, name) ok(fabs((a) - (b)) < 1e-9, name)

/* Code points of a UTF-8 string of 3-byte characters (the Han test texts). */
static size_t S_cps(const char *s, uint32_t *out) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += 3, n++)
        out[n] = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return n;
}

static void S_run(gx_ngrams *g, const char *s, uint32_t doc) {
    uint32_t cp[256];
    size_t n = S_cps(s, cp);
    gx_ngrams_add(g, cp, 0, (uint32_t)n, doc);
}

static int S_get(gx_ngrams *g, const char *s, gx_ngram_stats *st) {
    uint32_t cp[64];
    return gx_ngrams_get(g, cp, S_cps(s, cp), st);
}

static uint32_t S_hits(gx_tally *t, const char *key, int times, uint32_t doc) {
    uint32_t i = 0;
    for (int k = 0; k < times; k++) {
        if (gx_tally_find(t, key, strlen(key)) < 0) gx_tally_reserve(t, 1);
        i = gx_tally_hit(t, key, strlen(key), doc, NULL);
    }
    return i;
}

static void test_tally(void) {
    gx_tally *t = gx_tally_new(4);
    S_hits(t, "a", 3, 0);
    S_hits(t, "b", 1, 0);
    S_hits(t, "c", 1, 0);
    S_hits(t, "c", 1, 1);
    S_hits(t, "d", 1, 2);
    eq_int(gx_tally_size(t), 4, "four keys");
    eq_int(gx_tally_get(t, 0)->docs, 1, "a: three hits in one document");
    eq_int(gx_tally_get(t, 2)->docs, 2, "c: two documents");
    eq_int(gx_tally_reserve(t, 1), 1, "a fifth key prunes");
    eq_int(gx_tally_size(t), 2, "count-1 entries dropped");
    eq_int(gx_tally_dropped(t), 2, "two dropped");
    eq_int(gx_tally_threshold(t), 1, "threshold 1");
    ok(gx_tally_find(t, "a", 1) == 0 && gx_tally_find(t, "c", 1) == 1, "survivors keep order");
    ok(gx_tally_find(t, "b", 1) < 0, "b is gone");
    uint32_t before = 99;
    gx_tally_hit(t, "b", 1, 3, &before);
    eq_int(before, 0, "a dropped key starts again from 0");
    gx_tally_set_note(t, 0, gx_xstrdup("note"));
    eq_str(gx_tally_get(t, 0)->note, "note", "note kept");
    gx_tally_free(t);

    /* thresholds above the histogram: found by sorting */
    t = gx_tally_new(4);
    const char *keys[] = {"w", "x", "y", "z"};
    for (int k = 0; k < 4; k++) S_hits(t, keys[k], 2000 + k, 0);
    gx_tally_set_note(t, 0, gx_xstrdup("freed with its entry"));
    gx_tally_reserve(t, 1);
    eq_int(gx_tally_size(t), 2, "two most frequent kept");
    ok(gx_tally_find(t, "y", 1) == 0 && gx_tally_find(t, "z", 1) == 1, "y and z kept");
    eq_int(gx_tally_threshold(t), 2001, "threshold 2001");
    gx_tally_free(t);
    gx_tally_free(NULL);
}

static void test_formulas(void) {
    near(gx_entropy(4, 2 * log(2)), 1.5 * log(2), "entropy of {2,1,1}");
    near(gx_entropy(3, 0), log(3), "three distinct neighbours");
    near(gx_entropy(5, 5 * log(5)), 0, "one neighbour");
    near(gx_entropy(0, 0), 0, "no neighbours");
    near(gx_pmi(2, 2, 2, 6), log(3), "pmi");
}

/* doc 0: 甲乙丙甲乙丁, doc 1: 甲乙, doc 2: 丙甲乙丙 (T = 12).
 * 甲乙: 4 times in 3 documents; left neighbours {start, 丙, start, 丙}: ln 4 − (2 ln 2)/4 =
 * 1.5 ln 2 (every boundary is a neighbour of its own); right {丙, 丁, end, 丙}: the same;
 * cohesion ln(4·12/(4·4)) = ln 3. 甲: right always 乙 (0), left {start, 丙, start, 丙}. */
static uint32_t S_mark(void *arg, const uint32_t *cp, uint32_t start, uint32_t len, char **note) {
    (void)cp;
    (*(int *)arg)++;
    char buf[32];
    snprintf(buf, sizeof buf, "%u:%u", start, len);
    *note = gx_xstrdup(buf);
    return 10 + len;
}

static void test_ngrams(void) {
    int marks = 0;
    gx_ngrams *g = gx_ngrams_new(2, 1000, 2, S_mark, &marks);
    S_run(g, "甲乙丙甲乙丁", 0);
    S_run(g, "甲乙", 1);
    S_run(g, "丙甲乙丙", 2);
    gx_ngram_stats st;
    eq_int(gx_ngrams_chars(g), 12, "T");
    ok(S_get(g, "甲乙", &st), "甲乙 counted");
    eq_int(st.count, 4, "甲乙 count");
    eq_int(st.docs, 3, "甲乙 documents");
    near(st.left, 1.5 * log(2), "甲乙 left entropy");
    near(st.right, 1.5 * log(2), "甲乙 right entropy");
    near(st.cohesion, log(3), "甲乙 cohesion");
    ok(S_get(g, "甲", &st), "甲 counted");
    near(st.right, 0, "甲: always 乙 on the right");
    near(st.left, 1.5 * log(2), "甲 left entropy");
    near(st.cohesion, 0, "one character has no cohesion");
    ok(S_get(g, "丙甲", &st), "丙甲");
    eq_int(st.count, 2, "丙甲 count");
    near(st.cohesion, log(2 * 12.0 / (3 * 4)), "丙甲 cohesion ln(2·12/(3·4))");
    near(st.left, log(2), "丙甲 left {乙, start}");
    ok(S_get(g, "甲乙丙", &st), "trigrams are counted (neighbours of the bigrams)");
    eq_int(st.count, 2, "甲乙丙 count");
    ok(!S_get(g, "乙甲", &st), "never seen");
    ok(!S_get(g, "甲乙丙甲", &st), "longer than max_len + 1 is not counted");

    /* the mark callback: 甲乙 reached 2 at start 0 of doc 0 (a run is walked right to left) */
    long i = gx_tally_find(gx_ngrams_tally(g), "甲乙", strlen("甲乙"));
    ok(i >= 0, "甲乙 entry");
    const gx_tally_entry *e = gx_tally_get(gx_ngrams_tally(g), (uint32_t)i);
    eq_int(e->tag, 12, "tag from the mark function");
    eq_str(e->note, "0:2", "note from the mark function");
    ok(marks > 0, "mark called");
    i = gx_tally_find(gx_ngrams_tally(g), "甲", strlen("甲"));
    eq_int(gx_tally_get(gx_ngrams_tally(g), (uint32_t)i)->tag, 0, "single characters get no mark");
    gx_ngrams_free(g);
    gx_ngrams_free(NULL);
}

/* A table far too small for its input stays within its cap, prunes, and keeps the frequent. */
static void test_pruning(void) {
    gx_ngrams *g = gx_ngrams_new(2, 24, 1, NULL, NULL);
    uint32_t cp[8];
    for (uint32_t doc = 0; doc < 200; doc++) {
        cp[0] = 0x7532, cp[1] = 0x4E59; /* 甲乙 */
        cp[2] = 0x4E00 + 100 + doc * 3, cp[3] = cp[2] + 1, cp[4] = cp[2] + 2;
        gx_ngrams_add(g, cp, 0, 2, doc);
        gx_ngrams_add(g, cp, 2, 5, doc);
        ok(gx_tally_size(gx_ngrams_tally(g)) <= 24, "never above the cap");
    }
    gx_ngram_stats st;
    ok(gx_tally_dropped(gx_ngrams_tally(g)) > 0, "pruned");
    ok(gx_ngrams_get(g, cp, 2, &st), "the frequent bigram survives");
    eq_int(st.count, 200, "and its count is exact");
    eq_int(st.docs, 200, "documents too");
    near(st.left, log(200), "every occurrence between boundaries");
    gx_ngrams_free(g);
}

int main(void) {
    test_tally();
    test_formulas();
    test_ngrams();
    test_pruning();
    return gx_test_done();
}
