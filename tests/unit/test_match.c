/* test_match.c: stage 5 (match): the double-array trie over code points, leftmost-longest and all
 * hits, negative entries, overlaps across shared suffixes; code points outside the alphabet, astral
 * planes, terms at the end of the text, surfaces with several entries, an empty dictionary, a
 * large alphabet; and a seeded comparison with a naive matcher (gx_dict_find on every substring).
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_dict.h"
#include "gx_match.h"
#include "harness.h"

static uint32_t S_cps[4096];

/* The code points of s in S_cps; returns their count. */
static uint32_t S_decode(const char *s) {
    return (uint32_t)gx_utf8_cps(s, S_cps, sizeof S_cps / sizeof *S_cps);
}

static gx_dict *S_dict(const char *const *lines, gx_diag *d) {
    gx_dict *dict = gx_dict_new();
    for (int i = 0; lines[i]; i++)
        if (gx_dict_add_line(dict, lines[i], strlen(lines[i]), "t.tsv", i + 1, d) != GX_OK) abort();
    return dict;
}

/* "start-end:surface,..." of the hits, for compact comparisons. */
static const char *S_show(const gx_dict *dict, const gx_hits *h) {
    static char buf[1024];
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < h->n; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%u-%u:%s", i ? "," : "", h->v[i].start,
                              h->v[i].end, gx_dict_entry(dict, h->v[i].entry)->surface);
    return buf;
}

static void S_basics(gx_diag *d) {
    const char *lines[] = {"惠济区\tplace", "惠济区人民法院\torg", "人民法院\torg", "法院\torg",
                           "he\tperson",    "she\tperson",        "hers\tperson", "his\tperson",
                           "区人\tplace\t\tnegative", "𠀀字\tplace", NULL};
    gx_dict *dict = S_dict(lines, d);
    gx_matcher *m;
    ok(gx_matcher_new(dict, d, &m) == GX_OK, "build");
    gx_hits h = {0};

    gx_match_scan(m, S_cps, S_decode("在惠济区人民法院里"), GX_MATCH_LONGEST, &h);
    eq_str(S_show(dict, &h), "1-8:惠济区人民法院", "longest wins at the leftmost start");
    gx_match_scan(m, S_cps, S_decode("在惠济区人民法院里"), GX_MATCH_ALL, &h);
    eq_str(S_show(dict, &h), "1-8:惠济区人民法院,1-4:惠济区,3-5:区人,4-8:人民法院,6-8:法院",
           "all hits, nested, the negative 区人 included");
    gx_match_scan(m, S_cps, S_decode("惠济区人民"), GX_MATCH_LONGEST, &h);
    eq_str(S_show(dict, &h), "0-3:惠济区", "prefix of a longer entry: the shorter entry");
    gx_match_scan(m, S_cps, S_decode("ushers"), GX_MATCH_ALL, &h);
    eq_str(S_show(dict, &h), "1-4:she,2-6:hers,2-4:he", "classic Aho-Corasick example");
    gx_match_scan(m, S_cps, S_decode("ushers"), GX_MATCH_LONGEST, &h);
    eq_str(S_show(dict, &h), "1-4:she", "leftmost first, then resume after it");
    gx_match_scan(m, S_cps, S_decode("上区人民法院"), GX_MATCH_LONGEST, &h);
    eq_str(S_show(dict, &h), "4-6:法院", "a negative entry blocks what it covers");
    gx_match_scan(m, S_cps, S_decode("x𠀀字y"), GX_MATCH_LONGEST, &h);
    eq_str(S_show(dict, &h), "1-3:𠀀字", "supplementary-plane code points");
    gx_match_scan(m, S_cps, S_decode(""), GX_MATCH_LONGEST, &h);
    eq_int(h.n, 0, "empty text");

    /* Long common prefixes: text "aaaa...", entries a, aa, ..., a^64 */
    gx_dict *dict2 = gx_dict_new();
    char line[80];
    for (int k = 1; k <= GX_MAX_ENTRY_CHARS; k++) {
        memset(line, 'a', (size_t)k);
        memcpy(line + k, "\tplace", 7);
        ok(gx_dict_add_line(dict2, line, strlen(line), "a.tsv", k, d) == GX_OK, "add a^k");
    }
    gx_matcher *m2;
    ok(gx_matcher_new(dict2, d, &m2) == GX_OK, "build a^k");
    for (int i = 0; i < 200; i++) S_cps[i] = 'a';
    gx_match_scan(m2, S_cps, 200, GX_MATCH_LONGEST, &h);
    eq_int(h.n, 4, "200 a's: 64+64+64+8");
    eq_int(h.v[3].end - h.v[3].start, 8, "last piece 8 long");
    eq_int(gx_matcher_states(m2), GX_MAX_ENTRY_CHARS + 1, "one state per prefix");

    gx_hits_free(&h);
    gx_matcher_free(m);
    gx_matcher_free(m2);
    gx_dict_free(dict);
    gx_dict_free(dict2);
}

/* Scans cp[0..n) in mode and shows the hits. */
static const char *S_scan(const gx_matcher *m, const gx_dict *dict, const uint32_t *cp, uint32_t n,
                          gx_match_mode mode, gx_hits *h) {
    gx_match_scan(m, cp, n, mode, h);
    return S_show(dict, h);
}

/* Code points no surface holds (id 0), astral planes, the last code point, the end of the text. */
static void S_alphabet_edges(gx_diag *d) {
    const char *lines[] = {"惠济区\tplace", "济南\tplace", "人民法院\torg", "法院\torg",
                           "𠀀字\tplace", "字𠀀\tplace", "z\xf4\x8f\xbf\xbf\tplace", NULL};
    gx_dict *dict = S_dict(lines, d);
    gx_matcher *m;
    ok(gx_matcher_new(dict, d, &m) == GX_OK, "build");
    gx_hits h = {0};
    eq_str(S_scan(m, dict, S_cps, S_decode("惠济x区"), GX_MATCH_ALL, &h), "",
           "a code point outside the alphabet breaks a surface");
    eq_str(S_scan(m, dict, S_cps, S_decode("济惠济区"), GX_MATCH_LONGEST, &h), "1-4:惠济区",
           "a walk that fails inside the trie restarts at the next position");
    uint32_t odd[] = {0xFFFFFFFF, 0x60E0, 0x6D4E, 0x533A, 0x110000, 0, 0xD800, 0x10FFFF, 'z'};
    eq_str(S_scan(m, dict, odd, 9, GX_MATCH_ALL, &h), "1-4:惠济区",
           "values past U+10FFFF, NUL and surrogates match nothing");
    uint32_t split[] = {0x60E0, 0x110000, 0x6D4E, 0x533A};
    eq_str(S_scan(m, dict, split, 4, GX_MATCH_LONGEST, &h), "", "nor let a surface through");
    uint32_t last[] = {'z', 0x10FFFF};
    eq_str(S_scan(m, dict, last, 2, GX_MATCH_LONGEST, &h), "0-2:z\xf4\x8f\xbf\xbf",
           "U+10FFFF in a surface");
    eq_str(S_scan(m, dict, S_cps, S_decode("𠀀字𠀀字"), GX_MATCH_ALL, &h),
           "0-2:𠀀字,1-3:字𠀀,2-4:𠀀字", "astral code points, overlapping");
    eq_str(S_scan(m, dict, S_cps, S_decode("字𠀁"), GX_MATCH_ALL, &h), "",
           "an astral code point on a page in use but not in the alphabet");
    eq_str(S_scan(m, dict, S_cps, S_decode("在人民法院"), GX_MATCH_ALL, &h),
           "1-5:人民法院,3-5:法院", "surfaces that end at the end of the text");
    eq_str(S_scan(m, dict, S_cps, S_decode("在人民法院"), GX_MATCH_LONGEST, &h), "1-5:人民法院",
           "leftmost-longest at the end of the text");
    eq_str(S_scan(m, dict, S_cps, S_decode("惠济区人民法"), GX_MATCH_LONGEST, &h), "0-3:惠济区",
           "the text ends inside a longer surface");
    eq_str(S_scan(m, dict, S_cps, S_decode("法"), GX_MATCH_ALL, &h), "", "one code point, a prefix");
    gx_hits_free(&h);
    gx_matcher_free(m);
    gx_dict_free(dict);
}

/* One surface, several entries (roles): all of them in gx_dict_next_same order, longest first. */
static void S_same_surface(gx_diag *d) {
    const char *lines[] = {"路\tsurname", "北林路\tplace", "路\tsuffix", "北林\tplace", NULL};
    gx_dict *dict = S_dict(lines, d);
    gx_matcher *m;
    ok(gx_matcher_new(dict, d, &m) == GX_OK, "build");
    gx_hits h = {0};
    eq_str(S_scan(m, dict, S_cps, S_decode("北林路路"), GX_MATCH_ALL, &h),
           "0-3:北林路,0-2:北林,2-3:路,2-3:路,3-4:路,3-4:路", "every entry of a surface");
    eq_int(h.v[2].entry, 0, "the first entry first");
    eq_int(h.v[3].entry, 2, "then the next one");
    eq_str(S_scan(m, dict, S_cps, S_decode("路北林"), GX_MATCH_LONGEST, &h), "0-1:路,1-3:北林",
           "leftmost-longest reports the surface once");
    eq_int(h.v[0].entry, 0, "as its first entry");
    gx_hits_free(&h);
    gx_matcher_free(m);
    gx_dict_free(dict);
}

static void S_empty_dict(gx_diag *d) {
    gx_dict *dict = gx_dict_new();
    gx_matcher *m;
    ok(gx_matcher_new(dict, d, &m) == GX_OK, "build an empty dictionary");
    eq_int(gx_matcher_states(m), 1, "the root only");
    gx_hits h = {0};
    eq_int(gx_match_scan(m, S_cps, S_decode("惠济区"), GX_MATCH_ALL, &h), 0, "no hits");
    eq_int(gx_match_scan(m, S_cps, S_decode("惠济区"), GX_MATCH_LONGEST, &h), 0, "none longest");
    gx_hits_free(&h);
    gx_matcher_free(m);
    gx_dict_free(dict);
}

/* 2500 code points over several pages (BMP and plane 2), each a surface, and each with the next
 * one a surface of two. */
static void S_large_alphabet(gx_diag *d) {
    gx_dict *dict = gx_dict_new();
    uint32_t n = 0;
    for (uint32_t c = 0x4E00; c < 0x4E00 + 2000; c++) S_cps[n++] = c;
    for (uint32_t c = 0x20000; c < 0x20000 + 500; c++) S_cps[n++] = c;
    uint32_t added = 0;
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t len = 1; len <= 2 && i + len <= n; len++) {
            char line[32];
            int32_t k = 0;
            for (uint32_t j = i; j < i + len; j++) U8_APPEND_UNSAFE(line, k, S_cps[j]);
            memcpy(line + k, "\tplace", 7);
            added += gx_dict_add_line(dict, line, strlen(line), "a.tsv", i + 1, d) == GX_OK;
        }
    }
    eq_int(added, n + n - 1, "add every single and pair");
    gx_matcher *m;
    ok(gx_matcher_new(dict, d, &m) == GX_OK, "build a large alphabet");
    gx_hits h = {0};
    eq_int(gx_match_scan(m, S_cps, n, GX_MATCH_ALL, &h), n + n - 1, "every single and pair");
    eq_int(gx_match_scan(m, S_cps, n, GX_MATCH_LONGEST, &h), n / 2, "pairs, leftmost-longest");
    eq_int(h.v[h.n - 1].end, n, "the last pair ends the text");
    gx_hits_free(&h);
    gx_matcher_free(m);
    gx_dict_free(dict);
}

/* ---------------------------------------------------------------- against a naive matcher */

/* The entry of the surface cp[0..n) by gx_dict_find, or -1. */
static long S_find(const gx_dict *dict, const uint32_t *cp, uint32_t n) {
    char buf[GX_MAX_ENTRY_CHARS * 4];
    int32_t k = 0;
    for (uint32_t j = 0; j < n; j++) {
        if (cp[j] > 0x10FFFF || (cp[j] >= 0xD800 && cp[j] <= 0xDFFF)) return -1;
        U8_APPEND_UNSAFE(buf, k, cp[j]);
    }
    return gx_dict_find(dict, buf, (size_t)k);
}

/* What gx_match_scan must give, the slow way, into h (room for every hit). */
static void S_naive(const gx_dict *dict, const uint32_t *cp, uint32_t n, gx_match_mode mode,
                    gx_hits *h) {
    h->n = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t max = n - i < GX_MAX_ENTRY_CHARS ? n - i : GX_MAX_ENTRY_CHARS;
        for (uint32_t len = max; len > 0; len--) {
            long e = S_find(dict, cp + i, len);
            if (e < 0) continue;
            if (mode == GX_MATCH_ALL) {
                for (; e >= 0; e = gx_dict_next_same(dict, (size_t)e))
                    h->v[h->n++] = (gx_hit){i, i + len, (uint32_t)e};
                continue;
            }
            if (!(gx_dict_entry(dict, (size_t)e)->flags & GX_ENTRY_NEGATIVE))
                h->v[h->n++] = (gx_hit){i, i + len, (uint32_t)e};
            i += len - 1;
            break;
        }
    }
}

static int S_same_hits(const gx_hits *a, const gx_hits *b) {
    if (a->n != b->n) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].start != b->v[i].start || a->v[i].end != b->v[i].end ||
            a->v[i].entry != b->v[i].entry)
            return 0;
    return 1;
}

/* A random dictionary of short surfaces over a few code points (lots of overlaps). */
static gx_dict *S_random_dict(gx_diag *d, int alpha) {
    static const char *const pool[] = {"a", "b", "中", "国", "𠀀", "é", "人", "\xf4\x8f\xbf\xbf"};
    static const char *const types[] = {"\tplace", "\torg", "\tplace\t\tnegative", "\tsurname",
                                        "\tperson", "\tstop", "\tprogram\t\tpriority=2"};
    gx_dict *dict = gx_dict_new();
    int words = 1 + rand() % 40, maxlen = 1 + rand() % 6;
    for (int w = 0; w < words; w++) {
        char line[128];
        int k = 0, len = 1 + rand() % maxlen;
        for (int j = 0; j < len; j++)
            k += snprintf(line + k, sizeof line - (size_t)k, "%s", pool[rand() % alpha]);
        k += snprintf(line + k, sizeof line - (size_t)k, "%s", types[rand() % 7]);
        if (gx_dict_add_line(dict, line, (size_t)k, "r.tsv", w + 1, d) != GX_OK) abort();
    }
    return dict;
}

static void S_versus_naive(gx_diag *d) {
    static const uint32_t text_pool[] = {'a', 'b', 0x4E2D, 0x56FD, 0x20000, 0xE9, 0x4EBA,
                                         0x10FFFF, 'z', 0x20001, 0x110000, 0xFFFFFFFF, 0};
    unsigned seed = 20240611, bad = 0, rounds = 400;
    printf("# test_match: naive comparison, seed %u\n", seed);
    srand(seed);
    gx_hits h = {0}, want = {0};
    want.v = malloc(sizeof *want.v * 300 * 64);
    for (unsigned r = 0; r < rounds; r++) {
        int alpha = 2 + rand() % 7;
        gx_dict *dict = S_random_dict(d, alpha);
        gx_matcher *m;
        if (gx_matcher_new(dict, d, &m) != GX_OK) abort();
        for (int t = 0; t < 10; t++) {
            uint32_t n = (uint32_t)(rand() % 300), pool = (uint32_t)alpha + (rand() % 3 ? 0 : 5);
            for (uint32_t i = 0; i < n; i++) S_cps[i] = text_pool[(uint32_t)rand() % pool];
            for (int mode = 0; mode < 2; mode++) {
                gx_match_scan(m, S_cps, n, (gx_match_mode)mode, &h);
                S_naive(dict, S_cps, n, (gx_match_mode)mode, &want);
                if (!S_same_hits(&h, &want) && bad++ < 3)
                    fprintf(stderr, "round %u text %d mode %d: %s\n", r, t, mode, S_show(dict, &h));
            }
        }
        gx_matcher_free(m);
        gx_dict_free(dict);
    }
    eq_int(bad, 0, "the same hits as a naive matcher, in the same order");
    free(want.v);
    gx_hits_free(&h);
}

int main(void) {
    gx_diag *d = gx_diag_new(NULL);
    S_basics(d);
    S_alphabet_edges(d);
    S_same_surface(d);
    S_empty_dict(d);
    S_large_alphabet(d);
    S_versus_naive(d);
    gx_diag_free(d);
    return gx_test_done();
}
