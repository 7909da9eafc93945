/* test_suggest.c: the entity-like shapes of guanxi suggest (gx_suggest_shape) and the check of
 * names found by rules (gx_suggest_unlikely), against a tiny complete dictionary of rule rows.
 */
#include <stdio.h>
#include <string.h>
#include "gx_suggest.h"
#include "harness.h"

static const char *const S_rows[] = {
    "公园\tsuffix\t\tkind=place;min=2;max=6",
    "新区\tsuffix\t\tkind=place;min=2;max=4",
    "局\tsuffix\t\tprefix=place;max=10",
    "部\tsuffix\t\tmax=10",
    "工程\tsuffix\t\tkind=program;min=2;max=4",
    "活动\tsuffix\t\tkind=program;prefix=quote",
    "号院\tsuffix\t\tkind=place;prefix=numeral;min=1;max=6",
    "国家\tword",
    "全部\tword",
    "水平\tword",
    "王\tsurname",
    "高\tsurname\t\tsubtype=common",
    "东\tgiven",
    "峰\tgiven",
    "水\tgiven",
    "平\tgiven",
    "区\tgiven",
    "的\tstop",
    "和\tstop\t\tweak",
    "书记\ttitle",
    "个\tgeneric\t\tsubtype=measure",
    "期\tgeneric\t\tsubtype=measure",
    "区\tgeneric\t\tlevel",
    "北京\tplace",
    "北京市\tplace",
    "美\tplace\t美国\tabbrev",
};

/* Code points of a UTF-8 string of 3-byte characters (ASCII passes through). */
static size_t S_cps(const char *s, uint32_t *out) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        if (*p < 0x80) {
            out[n] = *p++;
            continue;
        }
        out[n] = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        p += 3;
    }
    return n;
}

static gx_shape S_shape(const gx_dict *dict, const char *s, gx_kind *kind) {
    uint32_t cp[64];
    *kind = GX_KIND_COUNT;
    return gx_suggest_shape(dict, cp, S_cps(s, cp), kind);
}

static int S_unlikely(const gx_dict *dict, const char *s, gx_kind kind) {
    uint32_t cp[64];
    return gx_suggest_unlikely(dict, cp, S_cps(s, cp), kind);
}

#define shape_is(dict, s, want_shape, want_kind)                                                   \
    do {                                                                                           \
        gx_kind k_;                                                                                \
        eq_int(S_shape(dict, s, &k_), want_shape, s);                                              \
        if ((want_shape) != GX_SHAPE_NONE) eq_int(k_, want_kind, s);                               \
    } while (0)

int main(void) {
    gx_diag *d = gx_diag_new(stderr);
    gx_dict *dict = gx_dict_new();
    for (size_t i = 0; i < sizeof S_rows / sizeof *S_rows; i++)
        ok(gx_dict_add_line(dict, S_rows[i], strlen(S_rows[i]), "t.tsv", (long)i + 1, d) == GX_OK,
           S_rows[i]);

    /* names before a suffix */
    shape_is(dict, "雄安新区", GX_SHAPE_SUFFIX, GX_KIND_PLACE);
    shape_is(dict, "北京新区", GX_SHAPE_SUFFIX, GX_KIND_PLACE);
    shape_is(dict, "国家公园", GX_SHAPE_NONE, 0);        /* common words before the suffix */
    shape_is(dict, "到北京新区", GX_SHAPE_NONE, 0);      /* the name starts at 北京 */
    shape_is(dict, "北京局", GX_SHAPE_SUFFIX, GX_KIND_ORG); /* prefix=place: a known place */
    shape_is(dict, "雄安局", GX_SHAPE_NONE, 0);
    shape_is(dict, "美丽局", GX_SHAPE_NONE, 0);          /* an abbreviation anchors nothing */
    shape_is(dict, "安保部", GX_SHAPE_SUFFIX, GX_KIND_ORG);
    shape_is(dict, "安全部", GX_SHAPE_NONE, 0);          /* 全部 runs across the suffix */
    shape_is(dict, "雄安工程", GX_SHAPE_SUFFIX, GX_KIND_PROGRAM);
    shape_is(dict, "二期工程", GX_SHAPE_NONE, 0);        /* a count before the suffix */
    shape_is(dict, "雄安活动", GX_SHAPE_NONE, 0);        /* prefix=quote needs quotes */
    shape_is(dict, "十九号院", GX_SHAPE_SUFFIX, GX_KIND_PLACE);
    shape_is(dict, "雄一号院", GX_SHAPE_NONE, 0);        /* prefix=numeral: numerals only */
    shape_is(dict, "个新区", GX_SHAPE_NONE, 0);          /* starts with a counter */
    shape_is(dict, "雄安的新区", GX_SHAPE_NONE, 0);      /* holds a stop word */
    shape_is(dict, "雄和安新区", GX_SHAPE_SUFFIX, GX_KIND_PLACE); /* a weak stop may stand */
    shape_is(dict, "北京市", GX_SHAPE_NONE, 0);          /* listed already */
    shape_is(dict, "新区", GX_SHAPE_NONE, 0);

    /* formulas */
    shape_is(dict, "一带一路", GX_SHAPE_FORMULA, GX_KIND_PROGRAM);
    shape_is(dict, "两学一做", GX_SHAPE_FORMULA, GX_KIND_PROGRAM);
    shape_is(dict, "三大全球倡议", GX_SHAPE_FORMULA, GX_KIND_PROGRAM);
    shape_is(dict, "两党两国关系", GX_SHAPE_NONE, 0);    /* the last chunk runs on */
    shape_is(dict, "一步一步", GX_SHAPE_NONE, 0);        /* a repetition */
    shape_is(dict, "三个代表", GX_SHAPE_NONE, 0);        /* numeral + counter: a count */
    shape_is(dict, "三农", GX_SHAPE_NONE, 0);            /* one chunk without quotes */
    shape_is(dict, "十九大", GX_SHAPE_NONE, 0);

    /* people */
    shape_is(dict, "王东峰", GX_SHAPE_PERSON, GX_KIND_PERSON);
    shape_is(dict, "王水平", GX_SHAPE_NONE, 0);          /* the given name is a common word */
    shape_is(dict, "高东峰", GX_SHAPE_NONE, 0);          /* a surname that is a common word */
    shape_is(dict, "王东", GX_SHAPE_NONE, 0);            /* two characters: left to the rules */
    shape_is(dict, "王东区", GX_SHAPE_NONE, 0);          /* ends in a level word */
    shape_is(dict, "王东雄", GX_SHAPE_NONE, 0);          /* 雄 is no given-name character */

    /* not Han; GX_SUGGEST_MAX_NGRAM (6) characters at most */
    shape_is(dict, "AB", GX_SHAPE_NONE, 0);
    shape_is(dict, "雄安雄安公园", GX_SHAPE_SUFFIX, GX_KIND_PLACE);
    shape_is(dict, "雄安雄安雄公园", GX_SHAPE_NONE, 0);
    eq_str(gx_shape_name(GX_SHAPE_SUFFIX), "suffix", "shape name");

    /* names found by rules */
    ok(S_unlikely(dict, "国家公园", GX_KIND_PLACE), "generic compound");
    ok(!S_unlikely(dict, "雄安新区", GX_KIND_PLACE), "a name");
    ok(!S_unlikely(dict, "北京雄安国家公园", GX_KIND_PLACE), "a name before a generic compound");
    ok(S_unlikely(dict, "国家全部公园", GX_KIND_PLACE), "GX_SUGGEST_GENERIC_MAX words: generic");
    ok(!S_unlikely(dict, "国家全部国家公园", GX_KIND_PLACE), "longer runs of words are not tested");
    ok(S_unlikely(dict, "王水平", GX_KIND_PERSON), "surname + common word");
    ok(S_unlikely(dict, "王东书记", GX_KIND_PERSON), "a title inside");
    ok(!S_unlikely(dict, "王东峰", GX_KIND_PERSON), "a person");
    ok(!S_unlikely(dict, "“国家”公园", GX_KIND_PLACE), "quotes: the rule's word stands");

    gx_dict_free(dict);
    gx_diag_free(d);
    return gx_test_done();
}
