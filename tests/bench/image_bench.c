/* image_bench.c: benchmark of dictionary images (gx_image.h): how long a run waits for a large
 * compiled dictionary to be ready to scan, against loading it from TSV.
 *
 * usage: image_bench WORDS DIR [N]
 * WORDS is a word list `word [freq] [tag]` (../shared/gazetteers/jieba/jieba_dict.txt). DIR gets
 * DIR/dict_N.tsv, about N entries (default 1,000,000): every word as an entity of its tag's kind
 * (nr person, ns place, nt org, else program), then each word + 有限公司, + 街道, + 工作法, ...
 * until N lines; and DIR/dict_N.gxd, compiled from it with gx_dict_compile. Then, with the image
 * in the page cache, S_REPS times: open + verify (checksum, bounds) + freshness check + matcher
 * ready to scan; the median is the result. Also timed once each: loading the TSV and building
 * the matcher (what a run does without an image), making every gx_entry of the image (what the
 * lazy entries save at open), and a scan of the words joined as text with both matchers, whose
 * hits must be the same. Prints one line in the format of ../shared/bench/common.h:
 * RESULT peer=guanxi_image_load bytes=IMAGE secs=LOAD mbps= setup=COMPILE items=ENTRIES note=...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unicode/utf8.h>
#include "gx_dict.h"
#include "gx_image.h"
#include "gx_match.h"

#define S_REPS 9

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void S_die(const char *what) {
    fprintf(stderr, "image_bench: %s\n", what);
    exit(1);
}

/* ---------------------------------------------------------------- the dictionary */

static const char *S_kind(const char *tag) {
    if (strcmp(tag, "nr") == 0) return "person";
    if (strcmp(tag, "ns") == 0) return "place";
    if (strcmp(tag, "nt") == 0) return "org";
    return "program";
}

/* Writes about n entries made from the words of words_path to tsv; returns the lines. */
static size_t S_make_tsv(const char *words_path, const char *tsv, size_t n) {
    static const char *const suffix[][2] = {
        {"", NULL},        {"有限公司", "org"}, {"街道", "place"}, {"工作法", "program"},
        {"委员会", "org"}, {"社区", "place"},   {"研究院", "org"}, {"大道", "place"}};
    FILE *in = fopen(words_path, "r"), *out = fopen(tsv, "w");
    if (!in || !out) S_die("cannot open the word list or write the dictionary");
    char line[1024], word[512], tag[64];
    size_t lines = 0;
    for (size_t round = 0; lines < n && round < sizeof suffix / sizeof *suffix; round++) {
        rewind(in);
        while (lines < n && fgets(line, sizeof line, in)) {
            tag[0] = '\0';
            if (sscanf(line, "%511s %*s %63s", word, tag) < 1 || strlen(word) > 180) continue;
            const char *kind = suffix[round][1] ? suffix[round][1] : S_kind(tag);
            fprintf(out, "%s%s\t%s\n", word, suffix[round][0], kind);
            lines++;
        }
    }
    fclose(in);
    if (fclose(out) != 0) S_die("write error");
    return lines;
}

/* ---------------------------------------------------------------- timing */

static int S_cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Open + verify + fresh + matcher: the median seconds of S_REPS runs (min in *out_min). */
static double S_time_open(const char *img, gx_diag *d, double *out_min) {
    double t[S_REPS];
    for (int r = 0; r < S_REPS; r++) {
        gx_dict *dict;
        gx_matcher *m;
        double t0 = S_now();
        if (gx_dict_open_image(img, d, &dict) != GX_OK || gx_dict_image_fresh(dict, d) != GX_OK ||
            gx_matcher_from_image(dict, d, &m) != GX_OK)
            S_die("the image does not open");
        t[r] = S_now() - t0;
        gx_matcher_free(m);
        gx_dict_free(dict);
    }
    qsort(t, S_REPS, sizeof *t, S_cmp_double);
    *out_min = t[0];
    return t[S_REPS / 2];
}

/* The words' surfaces joined into one text of code points (every entry 1 in 16). */
static uint32_t *S_text(const gx_dict *dict, uint32_t *out_n) {
    size_t cap = 1 << 20, n = 0;
    uint32_t *cp = malloc(cap * sizeof *cp);
    for (size_t i = 0; i < gx_dict_count(dict); i += 16) {
        const char *s = gx_dict_entry(dict, i)->surface;
        int32_t k = 0, len = (int32_t)strlen(s);
        while (k < len) {
            if (n + 2 >= cap) cp = realloc(cp, (cap *= 2) * sizeof *cp);
            UChar32 c;
            U8_NEXT(s, k, len, c);
            cp[n++] = (uint32_t)c;
        }
        cp[n++] = 0x3002; /* 。 */
    }
    *out_n = (uint32_t)n;
    return cp;
}

/* Whether both matchers find the same hits (same spans, same surfaces) in the text. */
static int S_same_hits(const gx_dict *d1, const gx_matcher *m1, const gx_dict *d2,
                       const gx_matcher *m2) {
    uint32_t n;
    uint32_t *cp = S_text(d1, &n);
    gx_hits a = {0}, b = {0};
    gx_match_scan(m1, cp, n, GX_MATCH_ALL, &a);
    gx_match_scan(m2, cp, n, GX_MATCH_ALL, &b);
    int same = a.n == b.n && a.n > 0;
    for (size_t i = 0; same && i < a.n; i++)
        same = a.v[i].start == b.v[i].start && a.v[i].end == b.v[i].end &&
               a.v[i].entry == b.v[i].entry &&
               strcmp(gx_dict_entry(d1, a.v[i].entry)->canonical,
                      gx_dict_entry(d2, b.v[i].entry)->canonical) == 0;
    gx_hits_free(&a);
    gx_hits_free(&b);
    free(cp);
    return same;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: image_bench WORDS DIR [N]\n");
        return 2;
    }
    size_t want = argc == 4 ? strtoul(argv[3], NULL, 10) : 1000000;
    char tsv[4096], img[4096];
    snprintf(tsv, sizeof tsv, "%s/dict_%zu.tsv", argv[2], want);
    snprintf(img, sizeof img, "%s/dict_%zu.gxd", argv[2], want);
    gx_diag *d = gx_diag_new(NULL), *loud = gx_diag_new(stderr);
    S_make_tsv(argv[1], tsv, want);

    double t0 = S_now();
    const char *paths[] = {tsv};
    if (gx_dict_compile(paths, 1, img, 1, stdout, loud) != GX_OK) S_die("compile failed");
    double compile = S_now() - t0;

    double best, load = S_time_open(img, loud, &best);

    t0 = S_now(); /* without an image: what every run would pay */
    gx_dict *tdict = gx_dict_new();
    gx_matcher *tm;
    if (gx_dict_load(tdict, tsv, d) != GX_OK || gx_matcher_new(tdict, d, &tm) != GX_OK)
        S_die("the TSV does not load");
    double tsv_secs = S_now() - t0;

    gx_dict *dict;
    gx_matcher *m;
    if (gx_dict_open_image(img, d, &dict) != GX_OK || gx_matcher_from_image(dict, d, &m) != GX_OK)
        S_die("the image does not open");
    t0 = S_now();
    for (size_t i = 0; i < gx_dict_count(dict); i++)
        (void)gx_dict_entry(dict, i);
    double all_entries = S_now() - t0;
    int same = S_same_hits(tdict, tm, dict, m);
    struct stat st;
    stat(img, &st);

    printf("RESULT peer=guanxi_image_load bytes=%lld secs=%.6f mbps=%.1f setup=%.3f items=%zu "
           "note=load_ms=%.1f,min_ms=%.1f,image_mb=%.1f,states=%zu,tsv_load_build_s=%.2f,"
           "all_entries_ms=%.1f,same_hits=%s\n",
           (long long)st.st_size, load, (double)st.st_size / load / 1e6, compile,
           gx_dict_count(dict), load * 1e3, best * 1e3, (double)st.st_size / 1e6,
           gx_matcher_states(m), tsv_secs, all_entries * 1e3, same ? "yes" : "NO");
    gx_matcher_free(m);
    gx_dict_free(dict);
    gx_matcher_free(tm);
    gx_dict_free(tdict);
    gx_diag_free(d);
    gx_diag_free(loud);
    return same ? 0 : 1;
}
