/* test_match.c: stage 5 (match): Aho-Corasick over code points, leftmost-longest and all hits,
 * negative entries, failure links across shared suffixes. */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_dict.h"
#include "gx_match.h"
#include "harness.h"

static uint32_t S_cps[256];

static uint32_t S_decode(const char *s) {
    int32_t i = 0, len = (int32_t)strlen(s);
    uint32_t n = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        S_cps[n++] = (uint32_t)c;
    }
    return n;
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

int main(void) {
    gx_diag *d = gx_diag_new(NULL);
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
    gx_diag_free(d);
    return gx_test_done();
}
