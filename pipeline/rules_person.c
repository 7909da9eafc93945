/* rules_person.c: stage 5b recognizer for people.
 *
 * A name is a surname (role surname; compound ones such as 欧阳 win) and one or two given-name
 * characters. It is found next to a title (role title: 书记陈红民 with side=before, 焦裕禄同志
 * with side=after), in a byline after a title flagged byline (本报记者 孙志刚 通讯员 许秩康, a
 * space-separated list), or on an author line: a short paragraph of two to five such names
 * separated by spaces (张贺喜 陈卫博 张萌). A name never starts with a common word (role word:
 * 高度, 全面) and the second given character is dropped when a stop word, title or suffix starts
 * there (书记李一说: 李一). Without any of these, a surname and two given-name characters (role
 * given) after a clear boundary is a name too, at the lowest priority (江宏伟的作品), when it
 * ends at a boundary or where no word starts across its end (张金柱|案件).
 */
#include <string.h>
#include "gx_norm.h"
#include "rules_int.h"

/* 1 if something at q ends a name: not a Han character, or a stop word, title or suffix starts. */
static int S_breaks(const gx_rctx *x, uint32_t q) {
    if (q >= x->s1 || !gx_is_han(x->doc->cp[q]) || gx_r_numeral(x->doc->cp[q])) return 1;
    return gx_r_role_starts(x, q, GX_ROLE_STOP) || gx_r_role_starts(x, q, GX_ROLE_TITLE) ||
           gx_r_role_starts(x, q, GX_ROLE_SUFFIX);
}

/* 1 if c is a Chinese numeral that given names hold (邵一夫, 唐四清, 和万春); not 两 零 〇, and
 * not a digit. */
static int S_name_numeral(uint32_t c) {
    return gx_r_numeral(c) && c >= 0x80 && c != 0x4E24 && c != 0x96F6 && c != 0x3007;
}

/* S_breaks for a given-name character next to a title: a Chinese numeral does not break the name
 * (香港邵一夫先生, 书记李一认为) unless a word starts with it (王|一行). */
static int S_given_breaks(const gx_rctx *x, uint32_t q) {
    if (q < x->s1 && S_name_numeral(x->doc->cp[q]))
        return gx_r_role_starts(x, q, GX_ROLE_WORD) >= 2 || gx_r_role_starts(x, q, GX_ROLE_STOP) >= 2 ||
               q + 1 >= x->s1 || gx_r_numeral(x->doc->cp[q + 1]) ||
               gx_r_role_starts(x, q + 1, GX_ROLE_GENERIC); /* 数百|名, 一|二 */
    return S_breaks(x, q);
}

/* 1 if a place or org entity of the dictionary (not a low-priority one) starts at p: 中国 in
 * 代表中国队 is no surname. */
static int S_entity_starts(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (gx_r_is_entity(e) && e->kind != GX_KIND_PERSON && e->priority >= 0 &&
            x->hits->v[i].end - p >= 2)
            return 1;
    }
    return 0;
}

static int S_left_open(const gx_rctx *x, uint32_t p);

static int S_word_across(const gx_rctx *x, uint32_t p);

static int S_common_surname(const gx_rctx *x, uint32_t p);

static int S_function_word(const gx_rctx *x, uint32_t p);

/* 1 if a word of two or more characters starts at g and ends after end. */
static int S_word_past(const gx_rctx *x, uint32_t g, uint32_t end) {
    size_t lo, hi;
    gx_r_starting(x, g, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if ((e->role == GX_ROLE_WORD || e->role == GX_ROLE_STOP) && x->hits->v[i].end > end &&
            x->hits->v[i].end - g >= 2)
            return 1;
    }
    return 0;
}

/* 1 if a Japanese family name (surname subtype=japanese) starts at p. */
static int S_japanese(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_SURNAME && e->subtype && strcmp(e->subtype, "japanese") == 0)
            return 1;
    }
    return 0;
}

/* Length of a name starting at p (0 if none): surname + 1 or 2 given characters (3 for a
 * Japanese name ending in 郎). */
static uint32_t S_name_at(const gx_rctx *x, uint32_t p) {
    uint32_t sn = gx_r_role_starts(x, p, GX_ROLE_SURNAME);
    if (sn == 0 || gx_r_role_starts(x, p, GX_ROLE_WORD) > sn || S_entity_starts(x, p)) return 0;
    uint32_t g = p + sn;
    if (S_given_breaks(x, g)) return 0;
    uint32_t len = sn + (S_given_breaks(x, g + 1) ? 1 : 2);
    if (S_word_past(x, g, p + len)) return 0; /* 职工都|工作: 都 is no surname here */
    if (len == sn + 2 && S_word_past(x, g + 1, p + len) && !gx_r_role_starts(x, p + len, GX_ROLE_STOP))
        len--; /* 罗干|今天, but 刘小明|报道 */
    if (S_common_surname(x, p) && gx_r_role_starts(x, g, GX_ROLE_WORD) >= 2) return 0; /* 和|工作 */
    long e = gx_r_lookup(x, p, p + len); /* a known non-person word is no name */
    if (e >= 0 && gx_dict_entry(x->dict, (size_t)e)->kind != GX_KIND_PERSON) return 0;
    if (len == sn + 2 && p + len < x->s1 && x->doc->cp[p + len] == 0x90CE /* 郎 */ &&
        S_japanese(x, p))
        len++; /* 谷口|清太郎: a Japanese given name in -rō */
    return len;
}

/* Length of a name ending at end (0 if none): the longest of 2..4 characters that starts with
 * a surname and holds only Han characters. */
/* 1 if a place or org entity of two or more characters starts inside [p, end) (党工委书记:
 * 党工委 is no name). */
static int S_entity_inside(const gx_rctx *x, uint32_t p, uint32_t end) {
    for (uint32_t i = p; i + 1 < end; i++)
        if (S_entity_starts(x, i)) return 1;
    return 0;
}

/* 1 if a full name [p, p + 3) before a title may start right after any character (书画篆刻家|
 * 刘华云女士, 宣教科|郝彦南同志): a surname that is no common word and two given characters,
 * no word across its start. */
static int S_full_before_title(const gx_rctx *x, uint32_t p, uint32_t sn, uint32_t len) {
    return sn == 1 && len == 3 && !S_common_surname(x, p) && !S_word_across(x, p) &&
           gx_r_role_starts(x, p + 1, GX_ROLE_GIVEN) && gx_r_role_starts(x, p + 2, GX_ROLE_GIVEN);
}

static uint32_t S_name_before(const gx_rctx *x, uint32_t end) {
    for (uint32_t len = 4; len >= 2; len--) {
        if (end < x->s0 + len) continue;
        uint32_t p = end - len, ok = 1;
        uint32_t sn = gx_r_role_starts(x, p, GX_ROLE_SURNAME);
        for (uint32_t i = p; i < end && ok; i++)
            ok = gx_is_han(x->doc->cp[i]) &&
                 (!gx_r_numeral(x->doc->cp[i]) || (i >= p + sn && sn && !S_given_breaks(x, i)));
        if (!ok || sn == 0 || sn >= len || len - sn > 2) continue;
        if (gx_r_role_starts(x, p, GX_ROLE_WORD) > sn) continue;
        if (!S_left_open(x, p) && !S_full_before_title(x, p, sn, len)) continue;
        if (S_entity_inside(x, p, end)) continue;
        if (S_function_word(x, p) && len > 2 && gx_r_role_starts(x, p + 1, GX_ROLE_SURNAME))
            continue; /* 女王和|明仁天皇: 和 joins, the name starts after it */
        return len;
    }
    return 0;
}

/* Names after a byline title: space-separated tokens that are names, until something else. */
static void S_byline(gx_rctx *x, uint32_t p) {
    const uint32_t *cp = x->doc->cp;
    for (;;) {
        while (p < x->s1 && cp[p] == ' ') p++;
        uint32_t q = p;
        while (q < x->s1 && gx_is_han(cp[q])) q++;
        if (q == p || q - p > 4 || gx_r_role_starts(x, p, GX_ROLE_TITLE)) return;
        uint32_t len = S_name_at(x, p);
        if (q - p >= 2 && len < q - p && gx_r_role_starts(x, p, GX_ROLE_SURNAME) + 2 >= q - p)
            len = q - p;
        if (len != q - p || gx_r_role_starts(x, p, GX_ROLE_SURNAME) == 0) return;
        gx_r_add(x, p, q, GX_KIND_PERSON, "rule:byline", GX_CAND_KEEP);
        p = q;
    }
}

/* 1 if the surname at p is also a common word (和, 有): not a name alone. */
static int S_common_surname(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_SURNAME && e->subtype &&
            (strcmp(e->subtype, "common") == 0 || strcmp(e->subtype, "function") == 0))
            return 1;
    }
    return 0;
}

/* 1 if the surname at p is also a conjunction or preposition (和, 向). */
static int S_function_word(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_SURNAME && e->subtype && strcmp(e->subtype, "function") == 0) return 1;
    }
    return 0;
}

/* 1 if the common surname at p (和, 向, 易) reads as the word it also is: something starts
 * right after it, a word, title, generic word or entity (和|企业, 向|全球), a surname after a
 * conjunction (和|苏林), or a numeral (和|第一批). */
static int S_conjunction(const gx_rctx *x, uint32_t p) {
    if (!S_common_surname(x, p)) return 0;
    uint32_t g = p + gx_r_role_starts(x, p, GX_ROLE_SURNAME);
    if (g >= x->s1 || gx_r_numeral(x->doc->cp[g]) || x->doc->cp[g] == 0x7B2C /* 第 */) return 1;
    size_t lo, hi;
    gx_r_starting(x, g, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_WORD || e->role == GX_ROLE_STOP || e->role == GX_ROLE_TITLE ||
            e->role == GX_ROLE_GENERIC || gx_r_is_entity(e) || (e->role == GX_ROLE_SURNAME &&
                                                                S_function_word(x, p)))
            return 1;
    }
    return 0;
}

/* The name after a title at p: a Chinese name, or a transliterated one when that is longer and
 * the Chinese reading holds only transliteration characters (前锋巴蒂斯图塔, not 巴蒂斯), also after
 * a first character that is only a surname (部长贾斯蒂卡, not 贾斯蒂). */
static void S_name_after(gx_rctx *x, uint32_t p) {
    uint32_t len = S_conjunction(x, p) ? 0 : S_name_at(x, p); /* 副总理|和|苏林, 专家|和|企业家 */
    uint32_t tl = gx_r_translit_after(x, p), all = 1;
    for (uint32_t i = p + 1; i < p + len; i++) all = all && gx_r_translit(x, i);
    if (tl == 0 && len >= 3 && all && gx_r_translit_after(x, p + 1) + 1 > len)
        tl = gx_r_translit_after(x, p + 1) + 1; /* 贾|斯蒂卡: a surname opens a transliteration */
    if (tl > len && (len == 0 || all)) {
        gx_r_add(x, p, p + tl, GX_KIND_PERSON, "rule:title_foreign", 0);
        return;
    }
    if (len) gx_r_add(x, p, p + len, GX_KIND_PERSON, "rule:title_name", 0);
}

/* 1 if the surname at p, right before a title, stands alone as a name (李|老师): a boundary
 * before it (the sentence start, punctuation, a stop word; not a number: 1张|党员), no word
 * across it (执政党), not a common word (和), not an abbreviation after a Han character (驻华). */
static int S_surname_alone(const gx_rctx *x, uint32_t p) {
    const uint32_t *cp = x->doc->cp;
    if (S_common_surname(x, p)) return 0;
    if (p > x->s0 && gx_is_han(cp[p - 1])) {
        if (!gx_r_role_ends(x, p, GX_ROLE_STOP)) return 0;
        size_t lo, hi;
        gx_r_starting(x, p, &lo, &hi);
        for (size_t i = lo; i < hi; i++)
            if (gx_r_is_entity(gx_r_entry(x, i)) || (gx_r_entry(x, i)->flags & GX_ENTRY_ABBREV))
                return 0;
    } else if (p > x->s0 && cp[p - 1] < 0x80 && cp[p - 1] >= '0' && cp[p - 1] <= '9') {
        return 0;
    }
    uint32_t lo, hi;
    gx_r_ending(x, p + 1, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++)
        if (x->hits->v[x->c->by_end[k]].start < p) return 0;
    return 1;
}

/* The name before a title ending at end: a Chinese or transliterated name, or a surname alone
 * right after a boundary (李老师, 陈教授, 桥本首相: the surname is the mention). */
static void S_name_ahead(gx_rctx *x, uint32_t end, const gx_entry *e) {
    uint32_t len = (e->side & 2) ? S_name_before(x, end) : 0, tl = 0;
    if (e->side & 2) tl = gx_r_translit_before(x, end);
    if (tl > len) {
        gx_r_add(x, end - tl, end, GX_KIND_PERSON, "rule:foreign_title", 0);
        return;
    }
    if (len) {
        gx_r_add(x, end - len, end, GX_KIND_PERSON, "rule:name_title", 0);
        return;
    }
    if (end >= x->s0 + 2 && gx_r_role_starts(x, end - 2, GX_ROLE_SURNAME) == 2 &&
        S_surname_alone(x, end - 2)) { /* 欧阳|先生, 桥本|首相 */
        gx_r_add(x, end - 2, end, GX_KIND_PERSON, "rule:surname_title", 0);
        return;
    }
    if (end > x->s0 && gx_r_role_starts(x, end - 1, GX_ROLE_SURNAME) == 1 &&
        S_surname_alone(x, end - 1))
        gx_r_add(x, end - 1, end, GX_KIND_PERSON, "rule:surname_title", 0);
}

/* 1 if a place, an organization or an organization suffix ends at p: a title starting there
 * follows a name (英国|外交大臣 over 国外, 统战部|副部长 over 部副). */
static int S_body_ends(const gx_rctx *x, uint32_t p) {
    return gx_r_entity_ends(x, p, 1) != UINT32_MAX || gx_r_role_ends(x, p, GX_ROLE_SUFFIX);
}

/* 1 if the title e is the head of a body named by its first character (部长, subtype=head). */
static int S_head_title(const gx_entry *e) {
    return e->subtype && strcmp(e->subtype, "head") == 0;
}

/* 1 if a known name of the dictionary (any kind) starts inside [p, end): 邓小平 in 习邓小. */
static int S_known_inside(const gx_rctx *x, uint32_t p, uint32_t end) {
    for (uint32_t i = p; i < end; i++) {
        size_t lo, hi;
        gx_r_starting(x, i, &lo, &hi);
        for (size_t k = lo; k < hi; k++)
            if (gx_r_is_entity(gx_r_entry(x, k)) && x->hits->v[k].end - i >= 2) return 1;
    }
    return 0;
}

/* 1 if a word of two or more characters runs across either end of the title hit h (妇女|儿童
 * over 女儿): then the title is no word of this text. Not a word across its start when a body
 * ends there (英国|外交大臣) or, for a head title, a body ends with its first character
 * (财政部|长: 部长 of 财政部), nor one across its end that a transliterated name after it
 * covers (总理|科尔 over 理科). */
static int S_title_void(const gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    int body = S_body_ends(x, h->start) ||
               (S_head_title(e) && gx_r_entity_ends(x, h->start + 1, 1) != UINT32_MAX);
    uint32_t tl = gx_r_translit_after(x, h->end);
    uint32_t nl = (e->side & 1) ? S_name_at(x, h->end) : 0;
    if (nl > tl && !S_known_inside(x, h->end + 1, h->end + nl))
        tl = nl; /* 署长|于友先 over 长于: the name covers the word's end; not 同学|习|邓小平 */
    for (uint32_t p = h->start + 1; p < h->end; p++) {
        uint32_t lo, hi;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi && !body; k++) {
            const gx_hit *o = &x->hits->v[x->c->by_end[k]];
            if (o->start < h->start && o->end - o->start >= 2 &&
                gx_r_entry(x, x->c->by_end[k])->role != GX_ROLE_TITLE)
                return 1;
        }
        size_t a, b;
        gx_r_starting(x, p, &a, &b);
        for (size_t i = a; i < b; i++)
            if (x->hits->v[i].end > h->end && x->hits->v[i].end - p >= 2 &&
                x->hits->v[i].end > h->end + tl && gx_r_entry(x, i)->role != GX_ROLE_TITLE)
                return 1;
    }
    return 0;
}

/* 1 if a longer title ends where h ends (副局长 over 局长): only the longest is used. */
static int S_title_shadowed(const gx_rctx *x, const gx_hit *h) {
    uint32_t lo, hi;
    gx_r_ending(x, h->end, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++)
        if (x->hits->v[x->c->by_end[k]].start < h->start &&
            gx_r_entry(x, x->c->by_end[k])->role == GX_ROLE_TITLE)
            return 1;
    return 0;
}

static void S_title(gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    gx_r_seek(x, h->start);
    if (S_title_void(x, h, e) || S_title_shadowed(x, h)) return;
    if (e->side & 1) {
        uint32_t p = h->end;
        if ((e->flags & GX_ENTRY_BYLINE) && p < x->s1 && x->doc->cp[p] == ' ') S_byline(x, p);
        else S_name_after(x, p);
    }
    S_name_ahead(x, h->start, e);
}

/* 1 if a name may start at p: a sentence start, a non-Han character, or a stop word, title or
 * entity ending right before it. */
static int S_word_across(const gx_rctx *x, uint32_t p) {
    for (uint32_t end = p + 1; end < p + 4 && end <= x->s1; end++) { /* 实|施毛: a word across p */
        uint32_t lo, hi;
        gx_r_ending(x, end, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            if (x->hits->v[x->c->by_end[k]].start < p && (e->role == GX_ROLE_WORD ||
                                                          e->role == GX_ROLE_STOP))
                return 1;
        }
    }
    return 0;
}

static int S_left_open(const gx_rctx *x, uint32_t p) {
    if (p == x->s0 || !gx_is_han(x->doc->cp[p - 1])) return 1;
    if (S_word_across(x, p)) return 0;
    return gx_r_role_ends(x, p, GX_ROLE_STOP) || gx_r_role_ends(x, p, GX_ROLE_TITLE) ||
           gx_r_entity_ends(x, p, 1) != UINT32_MAX;
}

/* 1 if a name may end after the character at g, its last one: something ends a name after it
 * (S_breaks), or no word or stop word of two or more characters starts at g (辛业江|有期徒刑,
 * 张金柱|案件; not 王建|设计) and no transliteration runs on across it (费尔南|德斯). */
static int S_right_open(const gx_rctx *x, uint32_t g) {
    if (S_breaks(x, g + 1)) return 1;
    if ((gx_r_translit(x, g - 1) || gx_r_translit(x, g)) && gx_r_translit(x, g + 1))
        return 0; /* 费尔南|德斯 runs on */
    if (gx_r_translit(x, g - 1) && gx_r_translit(x, g)) return 0; /* 高尔夫|球 */
    if (g + 2 >= x->s1 || !gx_is_han(x->doc->cp[g + 2])) return 0; /* 和昌瑞景园、: one name */
    return gx_r_role_starts(x, g, GX_ROLE_WORD) < 2 && gx_r_role_starts(x, g, GX_ROLE_STOP) < 2;
}

/* 1 if no stop, title, suffix or generic word starts at q: the character may be a given one. */
static int S_plain(const gx_rctx *x, uint32_t q) {
    uint32_t c = x->doc->cp[q];
    if (!gx_is_han(c) || (gx_r_numeral(c) && !S_name_numeral(c))) return 0;
    size_t lo, hi;
    gx_r_starting(x, q, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        gx_role r = gx_r_entry(x, i)->role;
        if (r == GX_ROLE_STOP || r == GX_ROLE_TITLE || r == GX_ROLE_SUFFIX || r == GX_ROLE_GENERIC)
            return 0;
    }
    return 1;
}

/* 1 if the given part [q, q + 2) is a rarer one: one character a given one (小 counts, as the
 * first: 彭小兰), both plain, and a stop word right after (袁步兵|本人, 路甬祥|是;
 * punctuation is too weak: 为国争光|，). */
static int S_rare_given(const gx_rctx *x, uint32_t q) {
    int g1 = gx_r_role_starts(x, q, GX_ROLE_GIVEN) || x->doc->cp[q] == 0x5C0F; /* 小 */
    int g2 = gx_r_role_starts(x, q + 1, GX_ROLE_GIVEN) != 0;
    if (g1 == g2 || !S_plain(x, q) || !S_plain(x, q + 1)) return 0;
    return q + 2 < x->s1 && gx_r_role_starts(x, q + 2, GX_ROLE_STOP);
}

/* A name with no title: surname + two given-name characters (role given) standing between
 * boundaries on both sides, not a known word, or a rarer given part with a stop after it
 * (S_rare_given). Priority -1: any other candidate wins. */
static void S_bare_name(gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    uint32_t p = h->start, q = h->end;
    if (e->subtype && (strcmp(e->subtype, "common") == 0 || strcmp(e->subtype, "function") == 0 ||
                       strcmp(e->subtype, "japanese") == 0))
        return; /* 和, 有; 田中 (a Japanese name only beside a title) */
    gx_r_seek(x, p);
    if (q + 2 > x->s1 || p < x->s0) return;
    if ((!gx_r_role_starts(x, q, GX_ROLE_GIVEN) || !gx_r_role_starts(x, q + 1, GX_ROLE_GIVEN)) &&
        !S_rare_given(x, q))
        return;
    if (gx_r_role_starts(x, p, GX_ROLE_WORD) > q - p || gx_r_role_starts(x, q, GX_ROLE_STOP) ||
        gx_r_role_starts(x, q + 1, GX_ROLE_STOP) || gx_r_role_starts(x, q, GX_ROLE_WORD))
        return;
    if (!S_left_open(x, p) || !S_right_open(x, q + 1)) return;
    if (gx_r_lookup(x, p, q + 2) >= 0 || gx_r_role_starts(x, q, GX_ROLE_WORD) >= 2) return;
    const uint32_t *cp = x->doc->cp; /* a quoted "name" is a nickname or a slogan: “路长制” */
    if (p > x->s0 && q + 2 < x->s1 && (cp[p - 1] == 0x201C || cp[p - 1] == '"') &&
        (cp[q + 2] == 0x201D || cp[q + 2] == '"'))
        return;
    size_t n0 = x->c->n;
    uint32_t c = gx_r_add(x, p, q + 2, GX_KIND_PERSON, "rule:surname_name", 0);
    if (c >= n0) x->c->v[c].priority = -1; /* a title's name (found before) keeps its priority */
}

/* A two-character name with no title: a one-character surname that is no common word and one
 * given character, opening a clause (after punctuation or at the sentence start) and followed by
 * a stop word of two or more characters (顾俊|还是; 柳萍|的 is not enough), no word over it.
 * Priority -1: any other candidate wins. */
static void S_short_name(gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    uint32_t p = h->start, q = h->end;
    if (q != p + 1 || e->subtype) return; /* 和, 有 (common), 田中 (japanese) */
    gx_r_seek(x, p);
    const uint32_t *cp = x->doc->cp;
    if (q + 2 > x->s1 || (p > x->s0 && gx_is_han(cp[p - 1]))) return;
    if (!gx_r_role_starts(x, q, GX_ROLE_GIVEN) || !S_plain(x, q) || gx_r_translit(x, q)) return;
    if (gx_r_role_starts(x, p, GX_ROLE_WORD) > 1 || gx_r_role_starts(x, q, GX_ROLE_WORD) >= 2 ||
        gx_r_lookup(x, p, q + 1) >= 0 || S_entity_starts(x, p))
        return;
    if (gx_r_role_starts(x, q + 1, GX_ROLE_STOP) < 2) return;
    size_t n0 = x->c->n;
    uint32_t c = gx_r_add(x, p, q + 1, GX_KIND_PERSON, "rule:surname_name", 0);
    if (c >= n0) x->c->v[c].priority = -1;
}

/* A sentence that is a whole paragraph of 2..5 space-separated names. */
static void S_author_line(gx_rctx *x, uint32_t si) {
    const gx_doc *d = x->doc;
    const gx_sentence *s = &d->sents[si];
    if ((si > 0 && d->sents[si - 1].para == s->para) ||
        (si + 1 < d->n_sents && d->sents[si + 1].para == s->para))
        return;
    x->sent = si;
    x->s0 = s->start;
    x->s1 = s->end;
    uint32_t starts[5], ends[5], n = 0, p = s->start;
    while (p < s->end) {
        uint32_t q = p;
        while (q < s->end && gx_is_han(d->cp[q])) q++;
        uint32_t sn = gx_r_role_starts(x, p, GX_ROLE_SURNAME);
        if (n == 5 || q - p < 2 || q - p > 4 || sn == 0 || q - p - sn > 2 || q - p <= sn) return;
        if (gx_r_role_starts(x, p, GX_ROLE_WORD) >= q - p || gx_r_lookup(x, p, q) >= 0) return;
        starts[n] = p;
        ends[n++] = q;
        if (q < s->end && d->cp[q] != ' ') return;
        p = q + 1;
    }
    for (uint32_t i = 0; n >= 2 && i < n; i++)
        gx_r_add(x, starts[i], ends[i], GX_KIND_PERSON, "rule:author_line", GX_CAND_KEEP);
}

void gx_rules_person(gx_rctx *x) {
    for (size_t i = 0; i < x->hits->n; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_TITLE) S_title(x, &x->hits->v[i], e);
    }
    for (size_t i = 0; i < x->hits->n; i++)
        if (gx_r_entry(x, i)->role == GX_ROLE_SURNAME)
            S_bare_name(x, &x->hits->v[i], gx_r_entry(x, i));
    for (size_t i = 0; i < x->hits->n; i++)
        if (gx_r_entry(x, i)->role == GX_ROLE_SURNAME)
            S_short_name(x, &x->hits->v[i], gx_r_entry(x, i));
    for (uint32_t si = 0; si < x->doc->n_sents; si++) S_author_line(x, si);
}
