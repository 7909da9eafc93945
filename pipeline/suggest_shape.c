/* suggest_shape.c: entity-like shapes of n-grams for guanxi suggest (see gx_suggest.h).
 *
 * Sits after the n-gram counter: an n-gram that reaches --min-count is kept as a candidate only
 * if it looks like a formula, a name before a suffix, or a person's name. Every word list used
 * here is a dictionary row (suffix, surname, given, stop, word, generic with subtype=measure,
 * entity), so the shapes follow the rules tables in dicts/; nothing is listed in this file.
 */
#include <string.h>
#include <unicode/utf8.h>
#include "gx_norm.h"
#include "gx_rules.h"
#include "gx_suggest.h"

/* Longest numeral run of a formula chunk, and longest chunk content (characters). */
#define S_NUM_MAX 2
#define S_CONTENT_MAX 4
/* Longest stop or common word looked for inside a candidate (characters). */
#define S_WORD_MAX 4

static const char *const S_shape_names[] = {"none", "formula", "suffix", "person"};

const char *gx_shape_name(gx_shape sh) { return S_shape_names[sh]; }

/* The entry of role `role` whose surface is cp[a..b), or NULL. */
static const gx_entry *S_find(const gx_dict *dict, const uint32_t *cp, size_t a, size_t b,
                              gx_role role) {
    char buf[GX_SUGGEST_MAX_NGRAM * 4 + 8];
    int32_t k = 0;
    if (b <= a || b - a > GX_SUGGEST_MAX_NGRAM + 1) return NULL;
    for (size_t i = a; i < b; i++) U8_APPEND_UNSAFE(buf, k, (UChar32)cp[i]);
    for (long i = gx_dict_find(dict, buf, (size_t)k); i >= 0;
         i = gx_dict_next_same(dict, (size_t)i))
        if (gx_dict_entry(dict, (size_t)i)->role == role) return gx_dict_entry(dict, (size_t)i);
    return NULL;
}

/* 1 if any dictionary row has the surface cp[a..b). */
static int S_listed(const gx_dict *dict, const uint32_t *cp, size_t a, size_t b) {
    char buf[GX_SUGGEST_MAX_NGRAM * 4 + 8];
    int32_t k = 0;
    if (b <= a || b - a > GX_SUGGEST_MAX_NGRAM + 1) return 0;
    for (size_t i = a; i < b; i++) U8_APPEND_UNSAFE(buf, k, (UChar32)cp[i]);
    return gx_dict_find(dict, buf, (size_t)k) >= 0;
}

/* 1 if a stop word (not a weak one) lies inside cp[0..n). */
static int S_has_stop(const gx_dict *dict, const uint32_t *cp, size_t n) {
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b <= n && b - a <= S_WORD_MAX; b++) {
            const gx_entry *e = S_find(dict, cp, a, b, GX_ROLE_STOP);
            if (e && !(e->flags & GX_ENTRY_WEAK)) return 1;
        }
    return 0;
}

/* ---------------------------------------------------------------- formulas */

/* 1 if a counter (generic row with subtype=measure) starts at cp[p]. */
static int S_measure_at(const gx_dict *dict, const uint32_t *cp, size_t p, size_t n) {
    for (size_t len = 1; len <= 2 && p + len <= n; len++) {
        const gx_entry *e = S_find(dict, cp, p, p + len, GX_ROLE_GENERIC);
        if (e && e->subtype && strcmp(e->subtype, "measure") == 0) return 1;
    }
    return 0;
}

/* Splits cp[0..n) into chunks of a numeral (1..S_NUM_MAX characters) and a content
 * (1..S_CONTENT_MAX other characters, not starting with a counter); chunk c spans
 * [at[c], at[c + 1]) and *out_num[c] is its numeral's length. Returns the number of chunks, 0
 * when cp does not split so. */
static size_t S_chunks(const gx_dict *dict, const uint32_t *cp, size_t n, size_t *at,
                       size_t *num) {
    size_t m = 0;
    for (size_t i = 0; i < n; m++) {
        size_t j = i, k;
        while (j < n && gx_rules_numeral(cp[j])) j++;
        for (k = j; k < n && !gx_rules_numeral(cp[k]); k++) {}
        if (j - i > S_NUM_MAX || k == j || k - j > S_CONTENT_MAX || S_measure_at(dict, cp, j, n))
            return 0;
        at[m] = i, num[m] = j - i;
        i = k;
    }
    at[m] = n;
    return m;
}

/* Numeral-led chunks (一带一路, 八纵八横, 两学一做), the last no longer than the longest before
 * it plus one (as the rules cut them), no chunk repeating the one before (一步一步 is a
 * manner); or a numeral, 大 and words (三大全球倡议). */
static int S_formula(const gx_dict *dict, const uint32_t *cp, size_t n) {
    size_t at[GX_SUGGEST_MAX_NGRAM + 1], num[GX_SUGGEST_MAX_NGRAM], longest = 0;
    if (n < 3 || cp[0] < 0x80 || !gx_rules_numeral(cp[0])) return 0;
    if (cp[1] == 0x5927) { /* 大 */
        for (size_t i = 2; i < n; i++)
            if (gx_rules_numeral(cp[i])) return 0;
        return n >= 4;
    }
    size_t m = S_chunks(dict, cp, n, at, num);
    if (m < 2) return 0;
    for (size_t c = 0; c + 1 < m; c++) {
        size_t len = at[c + 1] - at[c] - num[c];
        if (len > longest) longest = len;
        size_t la = at[c + 1] - at[c], lb = at[c + 2] - at[c + 1];
        if (la == lb && memcmp(cp + at[c], cp + at[c + 1], la * sizeof *cp) == 0) return 0;
    }
    return at[m] - at[m - 1] - num[m - 1] <= longest + 1; /* not 两党两国关系 */
}

/* ---------------------------------------------------------------- names before a suffix */

/* 1 if cp[a..b) is a known entity of at least two characters (not an abbreviation, not
 * negative) of any kind, or with places_orgs only a place or an org. */
static int S_entity(const gx_dict *dict, const uint32_t *cp, size_t a, size_t b, int places_orgs) {
    const gx_entry *e = b - a >= 2 ? S_find(dict, cp, a, b, GX_ROLE_ENTITY) : NULL;
    if (!e || (e->flags & (GX_ENTRY_NEGATIVE | GX_ENTRY_ABBREV))) return 0;
    return !places_orgs || e->kind == GX_KIND_PLACE || e->kind == GX_KIND_ORG;
}

/* 1 if cp[0..k) is common words only (word, generic, stop and suffix rows): 国家 in 国家公园,
 * 工作 in 工作委员会, 污水处理 in 污水处理厂; a name before a suffix that is only that is generic. */
static int S_common_words(const gx_dict *dict, const uint32_t *cp, size_t k) {
    static const gx_role roles[] = {GX_ROLE_WORD, GX_ROLE_GENERIC, GX_ROLE_STOP, GX_ROLE_SUFFIX};
    uint8_t reach[GX_SUGGEST_GENERIC_MAX + 1] = {1}; /* reach[i]: cp[0..i) is covered */
    if (k == 0 || k > GX_SUGGEST_GENERIC_MAX) return 0;
    for (size_t a = 0; a < k; a++) {
        if (!reach[a]) continue;
        for (size_t b = a + 1; b <= k; b++)
            for (size_t r = 0; r < sizeof roles / sizeof *roles && !reach[b]; r++)
                if (S_find(dict, cp, a, b, roles[r])) reach[b] = 1;
    }
    return reach[k];
}

/* 1 if a common word runs across position k of cp[0..n) (全部: 部 is no suffix there). */
static int S_word_across(const gx_dict *dict, const uint32_t *cp, size_t n, size_t k) {
    for (size_t a = k > S_WORD_MAX ? k - S_WORD_MAX : 0; a < k; a++)
        for (size_t b = k + 1; b <= n && b - a <= S_WORD_MAX; b++)
            if (S_find(dict, cp, a, b, GX_ROLE_WORD)) return 1;
    return 0;
}

/* 1 if cp[0..k) ends with a known place or org, or with a level word (省, 区). */
static int S_place_before(const gx_dict *dict, const uint32_t *cp, size_t k) {
    for (size_t a = 0; a < k; a++) {
        if (S_entity(dict, cp, a, k, 1)) return 1;
        const gx_entry *e = S_find(dict, cp, a, k, GX_ROLE_GENERIC);
        if (e && (e->flags & GX_ENTRY_LEVEL)) return 1;
    }
    return 0;
}

/* 1 if a known place or org starts inside cp[1..k): the name would start there, as the rules
 * read it (日本政府, not 抗议日本政府). */
static int S_starts_late(const gx_dict *dict, const uint32_t *cp, size_t k) {
    for (size_t a = 1; a + 2 <= k; a++)
        for (size_t b = a + 2; b <= k; b++)
            if (S_entity(dict, cp, a, b, 1)) return 1;
    return 0;
}

/* 1 if the suffix row e fits the name cp[0..k) before it. */
static int S_suffix_fits(const gx_dict *dict, const gx_entry *e, const uint32_t *cp, size_t k,
                         size_t n) {
    if (e->prefix == GX_PREFIX_QUOTE || k < 2 || k < e->min || k > e->max) return 0;
    size_t num = 0;
    while (num < k && gx_rules_numeral(cp[num])) num++;
    if (e->prefix == GX_PREFIX_NUMERAL) return num == k;
    if (num && num < k && S_measure_at(dict, cp, num, n)) return 0; /* 二期工程: a count */
    if (e->prefix == GX_PREFIX_PLACE && !S_place_before(dict, cp, k)) return 0;
    return !S_common_words(dict, cp, k) && !S_word_across(dict, cp, n, k) &&
           !S_starts_late(dict, cp, k);
}

/* The kind of the name before the longest fitting suffix, or -1. */
static int S_suffix(const gx_dict *dict, const uint32_t *cp, size_t n) {
    for (size_t k = 2; k < n; k++) {
        const gx_entry *e = S_find(dict, cp, k, n, GX_ROLE_SUFFIX);
        if (e && S_suffix_fits(dict, e, cp, k, n)) return (int)e->kind;
    }
    return -1;
}

/* ---------------------------------------------------------------- people */

/* Length of the surname cp starts with (1 or 2), or 0. */
static size_t S_surname(const gx_dict *dict, const uint32_t *cp, size_t n) {
    for (size_t len = n < 2 ? n : 2; len >= 1; len--)
        if (S_find(dict, cp, 0, len, GX_ROLE_SURNAME)) return len;
    return 0;
}

/* 1 if a person's name cp[0..n) with a surname of s characters reads as words instead: the
 * given name is a common word (惠民生, 高水平), a known entity lies inside (伊朗称, 秦岭站), a
 * title does, or the name starts with a common word. */
static int S_person_unlikely(const gx_dict *dict, const uint32_t *cp, size_t n, size_t s) {
    if (n - s >= 2 && S_find(dict, cp, s, n, GX_ROLE_WORD)) return 1;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b <= n; b++)
            if (S_entity(dict, cp, a, b, 0) || S_find(dict, cp, a, b, GX_ROLE_TITLE) ||
                (a == 0 && b >= 2 && S_find(dict, cp, a, b, GX_ROLE_WORD)))
                return 1;
    return 0;
}

static int S_person(const gx_dict *dict, const uint32_t *cp, size_t n) {
    size_t s = S_surname(dict, cp, n);
    const gx_entry *e = s ? S_find(dict, cp, 0, s, GX_ROLE_SURNAME) : NULL;
    if (!e || (e->subtype && strcmp(e->subtype, "common") == 0)) return 0;
    if (n - s < (s == 1 ? 2 : 1) || n - s > 2) return 0;
    for (size_t i = s; i < n; i++)
        if (!S_find(dict, cp, i, i + 1, GX_ROLE_GIVEN)) return 0;
    /* 丰台区, 王家村: a place's name ends in a suffix or level word */
    const gx_entry *last = S_find(dict, cp, n - 1, n, GX_ROLE_GENERIC);
    if (S_find(dict, cp, n - 1, n, GX_ROLE_SUFFIX) || (last && (last->flags & GX_ENTRY_LEVEL)))
        return 0;
    return !S_person_unlikely(dict, cp, n, s);
}

/* ---------------------------------------------------------------- all shapes */

gx_shape gx_suggest_shape(const gx_dict *dict, const uint32_t *cp, size_t n, gx_kind *out_kind) {
    if (n < 2 || n > GX_SUGGEST_MAX_NGRAM) return GX_SHAPE_NONE;
    for (size_t i = 0; i < n; i++)
        if (!gx_is_han(cp[i])) return GX_SHAPE_NONE;
    if (S_listed(dict, cp, 0, n) || S_has_stop(dict, cp, n)) return GX_SHAPE_NONE;
    if (S_formula(dict, cp, n)) {
        *out_kind = GX_KIND_PROGRAM;
        return GX_SHAPE_FORMULA;
    }
    if (S_measure_at(dict, cp, 0, n)) return GX_SHAPE_NONE; /* 个行政村, 项重大工程: a count */
    int kind = S_suffix(dict, cp, n);
    if (kind >= 0) {
        *out_kind = (gx_kind)kind;
        return GX_SHAPE_SUFFIX;
    }
    if (S_person(dict, cp, n)) {
        *out_kind = GX_KIND_PERSON;
        return GX_SHAPE_PERSON;
    }
    return GX_SHAPE_NONE;
}

/* ---------------------------------------------------------------- names found by rules */

int gx_suggest_unlikely(const gx_dict *dict, const uint32_t *cp, size_t n, gx_kind kind) {
    for (size_t i = 0; i < n; i++)
        if (!gx_is_han(cp[i])) return 0; /* quoted, numbered, foreign: the rule's word stands */
    if (kind == GX_KIND_PERSON) {
        size_t s = n >= 2 && n <= 4 ? S_surname(dict, cp, n) : 0;
        return s && s < n && S_person_unlikely(dict, cp, n, s);
    }
    for (size_t k = 1; k < n && n - k <= GX_SUGGEST_MAX_NGRAM; k++)
        if (S_find(dict, cp, k, n, GX_ROLE_SUFFIX)) return S_common_words(dict, cp, k);
    return 0;
}
