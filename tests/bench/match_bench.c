/* match_bench.c: benchmark of stage 5 (match) alone, the peer of ../shared/bench/hs_bench.
 *
 * usage: match_bench TERMS CORPUS [--all]
 * TERMS is a term list `word<TAB>tag[<TAB>...]` (../shared/bench/dict_ent.tsv: jieba tags nr, ns,
 * nt, nz become person, place, org, program; any other tag is program too), loaded into a
 * gx_dict with gx_dict_add_line. The matcher is built once (setup). The hot loop takes CORPUS
 * (held in memory) one line at a time, as the pipeline takes one document at a time: UTF-8 decode
 * to code points (the matcher's input) + gx_match_scan, leftmost-longest or with --all every hit.
 * A decode-only pass is timed as well and shown in the note. Prints one line in the format of
 * ../shared/bench/common.h: RESULT peer=guanxi_match bytes= secs= mbps= setup= items=hits note=...
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gx_dict.h"
#include "gx_match.h"

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The whole file in a gx_xmalloc'd buffer (caller frees); exits on an I/O error. */
static char *S_slurp(const char *path, size_t *out_len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 20, n = 0, r;
    char *b = gx_xmalloc(cap);
    while ((r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) b = gx_xrealloc(b, cap *= 2);
    }
    fclose(f);
    *out_len = n;
    return b;
}

/* ---------------------------------------------------------------- terms */

static const char *S_type_of(const char *tag, size_t n) {
    if (n == 2 && tag[0] == 'n' && tag[1] == 'r') return "person";
    if (n == 2 && tag[0] == 'n' && tag[1] == 's') return "place";
    if (n == 2 && tag[0] == 'n' && tag[1] == 't') return "org";
    return "program";
}

/* Adds `word<TAB>type` for every `word<TAB>tag...` line; returns the lines skipped. */
static size_t S_load_terms(gx_dict *dict, const char *path, gx_diag *d) {
    size_t len, skipped = 0;
    char *text = S_slurp(path, &len), line[GX_MAX_DICT_LINE_BYTES];
    long no = 0;
    for (char *p = text, *end = text + len, *nl; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        no++;
        char *tab = memchr(p, '\t', (size_t)(nl - p));
        if (!tab || tab == p) continue;
        char *tag = tab + 1, *tag_end = memchr(tag, '\t', (size_t)(nl - tag));
        if (!tag_end) tag_end = nl;
        int k = snprintf(line, sizeof line, "%.*s\t%s", (int)(tab - p), p,
                         S_type_of(tag, (size_t)(tag_end - tag)));
        if (k < 0 || (size_t)k >= sizeof line ||
            gx_dict_add_line(dict, line, (size_t)k, path, no, d) != GX_OK)
            skipped++;
    }
    free(text);
    return skipped;
}

/* ---------------------------------------------------------------- UTF-8 */

/* Decodes s[0..n) into out (room for n code points); invalid sequences become U+FFFD, one per
 * offending byte. Returns the number of code points. ASCII 8 bytes at a time, CJK fast path. */
static uint32_t S_decode(const uint8_t *s, size_t n, uint32_t *out) {
    const uint8_t *p = s, *e = s + n;
    uint32_t k = 0;
    while (p < e) {
        uint32_t c = *p;
        if (c < 0x80) {
            uint64_t w;
            if (p + 8 <= e && (memcpy(&w, p, 8), !(w & 0x8080808080808080ull))) {
                for (int i = 0; i < 8; i++) out[k++] = p[i];
                p += 8;
            } else {
                out[k++] = c;
                p++;
            }
        } else if ((c & 0xF0) == 0xE0 && p + 3 <= e && (p[1] & 0xC0) == 0x80 &&
                   (p[2] & 0xC0) == 0x80) {
            c = (c & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
            out[k++] = c < 0x800 || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c;
            p += 3;
        } else if ((c & 0xE0) == 0xC0 && p + 2 <= e && (p[1] & 0xC0) == 0x80 && c >= 0xC2) {
            out[k++] = (c & 0x1F) << 6 | (p[1] & 0x3F);
            p += 2;
        } else if ((c & 0xF8) == 0xF0 && p + 4 <= e && (p[1] & 0xC0) == 0x80 &&
                   (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
            c = (c & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 |
                (p[3] & 0x3F);
            out[k++] = c < 0x10000 || c > 0x10FFFF ? 0xFFFD : c;
            p += 4;
        } else {
            out[k++] = 0xFFFD;
            p++;
        }
    }
    return k;
}

/* ---------------------------------------------------------------- hot loop */

typedef struct {
    const gx_matcher *m; /* NULL: decode only */
    gx_match_mode mode;
    uint32_t *cp;        /* room for the longest line */
    gx_hits hits;
    unsigned long long n_cp, n_hits;
} S_run;

/* Decodes (and scans, when r->m) every line of text[0..len); returns the seconds taken. */
static double S_pass(S_run *r, const char *text, size_t len) {
    r->n_cp = r->n_hits = 0;
    double t0 = S_now();
    for (const char *p = text, *end = text + len, *nl; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        uint32_t n = S_decode((const uint8_t *)p, (size_t)(nl - p), r->cp);
        r->n_cp += n;
        if (r->m) r->n_hits += gx_match_scan(r->m, r->cp, n, r->mode, &r->hits);
    }
    return S_now() - t0;
}

static size_t S_longest_line(const char *text, size_t len) {
    size_t best = 0;
    for (const char *p = text, *end = text + len, *nl; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        if ((size_t)(nl - p) > best) best = (size_t)(nl - p);
    }
    return best;
}

/* ---------------------------------------------------------------- main */

typedef struct {
    gx_dict *dict;
    gx_matcher *m;
    size_t skipped, heap; /* terms not loaded; heap bytes the matcher holds */
    double load, build;   /* seconds */
} S_setup;

static S_setup S_build(const char *terms, gx_diag *d) {
    S_setup s = {0};
    double t0 = S_now();
    s.dict = gx_dict_new();
    s.skipped = S_load_terms(s.dict, terms, d);
    double t1 = S_now();
    size_t before = mallinfo2().uordblks;
    if (gx_matcher_new(s.dict, d, &s.m) != GX_OK) exit(1);
    s.heap = mallinfo2().uordblks - before;
    s.build = S_now() - t1;
    s.load = t1 - t0;
    return s;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--all") != 0)) {
        fprintf(stderr, "usage: match_bench TERMS CORPUS [--all]\n");
        return 2;
    }
    gx_diag *d = gx_diag_new(NULL);
    S_setup s = S_build(argv[1], d);
    size_t len;
    char *text = S_slurp(argv[2], &len);
    S_run r = {.mode = argc == 4 ? GX_MATCH_ALL : GX_MATCH_LONGEST};
    r.cp = gx_xmalloc((S_longest_line(text, len) + 1) * sizeof *r.cp);
    S_pass(&r, text, len); /* warm up: page in the text, grow the buffers */
    double t_dec = S_pass(&r, text, len);
    r.m = s.m;
    S_pass(&r, text, len);
    double secs = S_pass(&r, text, len);
    char note[512];
    snprintf(note, sizeof note,
             "mode=%s,entries=%zu,skipped=%zu,warnings=%zu,states=%zu,automaton=%zuKiB,"
             "load=%.3fs,codepoints=%llu,decode_secs=%.4f,decode_mbps=%.1f,scan_secs=%.4f",
             r.mode == GX_MATCH_ALL ? "all" : "longest", gx_dict_count(s.dict), s.skipped,
             gx_diag_warnings(d), gx_matcher_states(s.m), s.heap >> 10, s.load, r.n_cp, t_dec,
             t_dec > 0 ? (double)len / t_dec / 1e6 : 0.0, secs - t_dec);
    printf("RESULT peer=guanxi_match bytes=%zu secs=%.4f mbps=%.1f setup=%.3f items=%llu note=%s\n",
           len, secs, secs > 0 ? (double)len / secs / 1e6 : 0.0, s.build, r.n_hits, note);
    gx_hits_free(&r.hits);
    free(r.cp);
    free(text);
    gx_matcher_free(s.m);
    gx_dict_free(s.dict);
    gx_diag_free(d);
    return 0;
}
