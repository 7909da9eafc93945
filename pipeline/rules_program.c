/* rules_program.c: stage 5b recognizer for programs: named methods and numbered formulas.
 *
 * Three shapes, all bounded by the sentence:
 *   - a quoted name followed by a program suffix (role suffix, kind=program, prefix=quote), with
 *     at most GX_R_MODIFIER characters between: “一征三议两公开”工作法, “九个一”系列活动;
 *   - a formula, quoted or not: numeral-led chunks (一征三议两公开, 四重点一稳定一保证, 两学一做),
 *     a numeral with 大 (五大发展理念), digits joined by + (1+4+6+4, 1+X+Y); inside quotes also a
 *     single chunk (“五星党员”, “四个一”) or bare digits (“133”, “2468”);
 *   - a quoted name of at most GX_R_NAME_MAX characters that ends in a program suffix
 *     (“汝河模式”) or follows a program verb (generic, subtype=program_verb: 开展“路长制”工作);
 *   - a quoted formula of parallel segments: two or more runs of Han characters of nearly one
 *     length joined by 、 , or spaces (“组织全覆盖、作用全发挥、服务全响应”, “提升落实力 北林新
 *     担当”): a slogan, goal or principle, which the annotation counts as a program;
 *   - the rest (a quoted phrase, speech, 133名农民工, 2018年) is not a program.
 * Counts and dates are told apart by the measure words after a numeral (role generic with
 * subtype=measure: 名 年 次 个…): a chunk whose content is only such a word is a count.
 */
#include <string.h>
#include "gx_norm.h"
#include "rules_int.h"

#define GX_R_MODIFIER 8   /* characters allowed between a closing quote and a program suffix */
#define GX_R_QUOTE_MAX 40 /* longest quoted name considered */
#define GX_R_NAME_MAX 20  /* longest quoted name without a suffix or formula (longer: a slogan) */

static int S_open_quote(uint32_t c) { return c == 0x201C || c == '"' || c == 0x300C; }
static int S_close_quote(uint32_t c) { return c == 0x201D || c == '"' || c == 0x300D; }
/* A control character (C0, DEL, C1) ends a quote unclosed: a name never holds one. */
static int S_control(uint32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }
static int S_digitish(uint32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* 1 if a generic word with subtype=measure (a counter) starts at p. */
static int S_measure_at(const gx_rctx *x, uint32_t p) {
    uint32_t lo, hi;
    for (uint32_t len = 1; len <= 2; len++) {
        gx_r_ending(x, p + len, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_hit *h = &x->hits->v[x->c->by_end[k]];
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            if (h->start == p && e->role == GX_ROLE_GENERIC && e->subtype &&
                e->subtype[0] == 'm' && e->subtype[1] == 'e')
                return 1;
        }
    }
    return 0;
}

#define S_MAX_CHUNKS 8

/* 1 if [a, b) is digits or letters joined by at least one '+' (1+4+6+4, 1+X+Y). */
static int S_plus_formula(const uint32_t *cp, uint32_t a, uint32_t b) {
    int plus = 0, run = 0;
    for (uint32_t i = a; i < b; i++) {
        if (S_digitish(cp[i])) run++;
        else if (cp[i] == '+' && run) plus++, run = 0;
        else return 0;
    }
    return plus > 0 && run > 0;
}

typedef struct {
    uint32_t num, content, end; /* numeral start, content start, chunk end */
} S_chunk;

/* Splits [a, b) into numeral + content chunks (numerals 1..3 characters of one script, content
 * the non-numeral Han characters up to the next numeral). Returns the number of chunks when they
 * cover [a, b) (the last content may be long: S_formula_end cuts it), else 0. *out_count is set
 * when a content starts with a measure word (a count: 3个, 两次), unless it is 个 between two
 * Chinese numerals (四个一; 2个百分点 is a count). */
static int S_chunks(const gx_rctx *x, uint32_t a, uint32_t b, S_chunk *ch, int *out_count) {
    const uint32_t *cp = x->doc->cp;
    int n = 0;
    *out_count = 0;
    for (uint32_t i = a; i < b; n++) {
        uint32_t j = i;
        while (j < b && gx_r_numeral(cp[j]) && (cp[j] < 0x80) == (cp[i] < 0x80)) j++;
        uint32_t k = j;
        while (k < b && gx_is_han(cp[k]) && !gx_r_numeral(cp[k])) k++;
        if (n == S_MAX_CHUNKS || j == i || j - i > 3 || (k < b && !gx_r_numeral(cp[k]))) return 0;
        int ge_numeral = k == j + 1 && cp[j] == 0x4E2A && k < b && cp[i] >= 0x80 &&
                         cp[k] >= 0x80; /* 四个一; 2个百分点 is a count */
        if (k > j && S_measure_at(x, j) && !ge_numeral) *out_count = 1;
        ch[n] = (S_chunk){i, j, k};
        i = k;
    }
    return n;
}

/* 1 if a word of two or more characters (not a surname or given-name character) starts at p. */
static int S_word_at(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        gx_role r = gx_r_entry(x, i)->role;
        if (x->hits->v[i].end - p >= 2 && r != GX_ROLE_SURNAME && r != GX_ROLE_GIVEN) return 1;
    }
    return 0;
}

static int S_big(const gx_rctx *x, const S_chunk *c) {
    return c->end > c->content && x->doc->cp[c->content] == 0x5927; /* 大 */
}

/* End of the formula that starts [a, b), or 0. Several chunks of at most 4 characters each,
 * the last no longer than the longest before it plus one, cut where a dictionary word starts
 * (四重点一稳定一保证 stops before 工作);
 * or one numeral + 大 chunk (五大发展理念) that fills [a, b); inside quotes any chunking of the
 * whole content. */
/* 1 if two neighbouring chunks repeat each other (一步一步走, 一仗一仗打): a manner, no formula. */
static int S_repeats(const gx_rctx *x, const S_chunk *ch, int n) {
    const uint32_t *cp = x->doc->cp;
    for (int i = 0; i + 1 < n; i++) {
        uint32_t la = ch[i].end - ch[i].num, lb = ch[i + 1].end - ch[i + 1].num;
        if (la <= lb && memcmp(cp + ch[i].num, cp + ch[i + 1].num, la * sizeof *cp) == 0) return 1;
    }
    return 0;
}

/* 1 if the chunks open with a numeral of two or more characters and 大: an ordinal party
 * congress (十五大, 十九大), an event, not a count of big things (五大发展理念, 十大惠民工程). */
static int S_congress(const gx_rctx *x, const S_chunk *ch, int n) {
    return n >= 1 && ch[0].content - ch[0].num >= 2 && x->doc->cp[ch[0].num] >= 0x80 &&
           S_big(x, &ch[0]);
}

/* 1 if a place or org of the dictionary (two or more characters) starts at a: its numeral is
 * part of a name (二七区, 三门峡, 九江), no formula's. */
static int S_named_at(const gx_rctx *x, uint32_t a) {
    size_t lo, hi;
    gx_r_starting(x, a, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (gx_r_is_entity(e) && !(e->flags & GX_ENTRY_NEGATIVE) && x->hits->v[i].end - a >= 2 &&
            (e->kind == GX_KIND_PLACE || e->kind == GX_KIND_ORG))
            return 1;
    }
    return 0;
}

static uint32_t S_formula_end(const gx_rctx *x, uint32_t a, uint32_t b, int quoted) {
    S_chunk ch[S_MAX_CHUNKS];
    int count, n = S_chunks(x, a, b, ch, &count);
    if (S_congress(x, ch, n) || S_named_at(x, a)) return 0;
    /* inside quotes a Chinese numeral and a counter name a formula (“四个到位”, “三项工程”) */
    if (n == 0 || (count && !(quoted && x->doc->cp[a] >= 0x80)) || S_repeats(x, ch, n)) return 0;
    if (quoted) {
        for (int i = 0; i < n; i++)
            if (ch[i].end - ch[i].content > 6) return 0;
        return b - a >= 2 ? b : 0;
    }
    if (n == 1) /* 五大发展理念; not 5大类 (a count) */
        return S_big(x, &ch[0]) && x->doc->cp[a] >= 0x80 && ch[0].end - ch[0].content <= 6 ? b : 0;
    uint32_t longest = 0;
    for (int i = 0; i < n - 1; i++) {
        uint32_t len = ch[i].end - ch[i].content;
        int ge = len == 1 && x->doc->cp[ch[i].content] == 0x4E2A; /* 四个一 */
        if ((len == 0 || len > 4) && !ge) return 0;
        if (len > longest && !ge) longest = len;
    }
    if (longest == 0) longest = 1;
    uint32_t last = ch[n - 1].end - ch[n - 1].content, c = ch[n - 1].content;
    if (last == 0) return 0;
    if (last <= longest) return c + last;
    for (uint32_t len = longest + 1; len >= 1; len--) /* cut where a known word starts */
        if (len == last || S_word_at(x, c + len)) return c + len;
    return c + longest;
}

/* 1 if the content [a, b) of a quote is a formula, or formulas separated by 、 or a comma
 * (“三项工程、一项管理”). */
static int S_formula(const gx_rctx *x, uint32_t a, uint32_t b, int quoted) {
    const uint32_t *cp = x->doc->cp;
    if (b <= a) return 0;
    if (S_plus_formula(cp, a, b)) return 1;
    for (uint32_t i = a; i < b; i++)
        if (cp[i] == 0x3001 || cp[i] == ',')
            return i > a && S_formula_end(x, a, i, quoted) == i && S_formula(x, i + 1, b, quoted);
    return S_formula_end(x, a, b, quoted) == b;
}

/* Segments of a parallel formula: at least 2, each S_SEG_MIN..S_SEG_MAX Han characters, the
 * longest at most one longer than the shortest. */
#define S_SEG_MIN 2
#define S_SEG_MAX 8

/* 1 if c separates the segments of a parallel formula: 、 , ， or (when sep_space) a space. */
static int S_seg_sep(uint32_t c, int sep_space) {
    return c == 0x3001 || c == ',' || c == 0xFF0C || (sep_space && (c == ' ' || c == 0x3000));
}

/* 1 if the normalizer removed spaces, and only spaces, between code points i and i + 1 (it
 * rejoins the Han characters of long lines: “提升落实力 北林新担当” reads 提升落实力北林新担当). */
static int S_removed_space(const gx_rctx *x, uint32_t i) {
    const gx_doc *d = x->doc;
    if (i + 1 >= d->n || d->src_start[i + 1] <= d->src_end[i]) return 0;
    const char *s;
    size_t n;
    gx_doc_orig_slice(d, d->src_end[i], d->src_start[i + 1], &s, &n);
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ') return 0;
    return 1;
}

/* 1 if the quote's content [a, b) is a formula of parallel segments (see the top of the file):
 * only Han characters and separators; spaces (kept, or removed by the normalizer) separate only
 * when no 、 or comma does (a space the PDF left inside a segment: “外防 输入、内防扩散”).
 * Speech, a phrase or a title is one segment, or segments of unlike length (“实现两个率先,
 * 领跑中部城区发展”). */
typedef struct {
    uint32_t n, len, lo, hi; /* segments closed, length of the open one, shortest, longest */
} S_segs;

static void S_seg_close(S_segs *s) {
    if (s->len == 0) return;
    s->n++;
    s->lo = s->len < s->lo ? s->len : s->lo;
    s->hi = s->len > s->hi ? s->len : s->hi;
    s->len = 0;
}

static int S_parallel(const gx_rctx *x, uint32_t a, uint32_t b) {
    const uint32_t *cp = x->doc->cp;
    int sep_space = 1;
    for (uint32_t i = a; i < b; i++)
        if (S_seg_sep(cp[i], 0)) sep_space = 0;
    S_segs s = {0, 0, UINT32_MAX, 0};
    for (uint32_t i = a; i < b; i++) {
        uint32_t c = cp[i];
        if (S_seg_sep(c, sep_space)) {
            if (s.len == 0 && c != ' ' && c != 0x3000) return 0; /* 、、 or a leading 、 */
            S_seg_close(&s);
        } else if (gx_is_han(c)) {
            s.len++;
            if (sep_space && i + 1 < b && S_removed_space(x, i)) S_seg_close(&s);
        } else if (c != ' ' && c != 0x3000) {
            return 0;
        }
    }
    S_seg_close(&s);
    if (sep_space && s.lo <= S_SEG_MIN) return 0; /* a space the PDF left: “党员 攻坚班” */
    return s.n >= 2 && s.lo >= S_SEG_MIN && s.hi <= S_SEG_MAX && s.hi - s.lo <= 1;
}

/* 1 if a generic word of subtype sub spans [p, q) for some q, which is then *out_end. */
static int S_generic_at(const gx_rctx *x, uint32_t p, const char *sub, uint32_t *out_end) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_GENERIC && e->subtype && strcmp(e->subtype, sub) == 0) {
            *out_end = x->hits->v[i].end;
            return 1;
        }
    }
    return 0;
}

/* 1 if the quote closed at c describes the noun after 的 (“纵到底、横到边”的服务管理体系), unless
 * that noun is a slogan's kind ending the phrase (generic, subtype=slogan_kind: “大党建、大服务、
 * 大发展”的理念,). */
static int S_attributive(const gx_rctx *x, uint32_t c) {
    const uint32_t *cp = x->doc->cp;
    uint32_t e;
    if (c + 1 >= x->s1 || cp[c + 1] != 0x7684) return 0; /* 的 */
    return !S_generic_at(x, c + 2, "slogan_kind", &e) || (e < x->s1 && gx_is_han(cp[e]));
}

/* Length of a program suffix (kind=program) starting at p, 0 if none. */
static uint32_t S_prog_suffix(const gx_rctx *x, uint32_t p) {
    uint32_t lo, hi, best = 0;
    for (uint32_t q = p + 1; q <= x->s1 && q <= p + 8; q++) {
        gx_r_ending(x, q, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_hit *h = &x->hits->v[x->c->by_end[k]];
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            if (h->start == p && e->role == GX_ROLE_SUFFIX && e->kind == GX_KIND_PROGRAM &&
                q - p > best)
                best = q - p;
        }
    }
    return best;
}

/* The quote opened at o and closed at c (content (o, c)): a program with a suffix, or a
 * quoted formula. */
/* The inner name of a quoted program, kept beside it when it is a formula or a dictionary
 * program (“四个全面”战略 also mentions 四个全面). */
static void S_inner(gx_rctx *x, uint32_t a, uint32_t b, uint32_t outer) {
    long e = gx_r_lookup(x, a, b);
    int known = e >= 0 && gx_dict_entry(x->dict, (size_t)e)->kind == GX_KIND_PROGRAM &&
                gx_dict_entry(x->dict, (size_t)e)->role == GX_ROLE_ENTITY;
    if (!known && !S_formula(x, a, b, 1)) return;
    uint32_t k = gx_r_add(x, a, b, GX_KIND_PROGRAM, "rule:quoted_formula", GX_CAND_KEEP);
    x->c->v[k].outer = outer;
}

/* 1 if a program verb (generic, subtype=program_verb: 开展, 实施…) ends at o or a space before. */
static int S_after_verb(const gx_rctx *x, uint32_t o) {
    if (o > x->s0 && x->doc->cp[o - 1] == ' ') o--;
    uint32_t lo, hi;
    gx_r_ending(x, o, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (e->role == GX_ROLE_GENERIC && e->subtype && strcmp(e->subtype, "program_verb") == 0)
            return 1;
    }
    return 0;
}

/* 1 if the quote's content [a, b) ends with a program suffix after at least two characters
 * (“汝河模式”, “非公党建试点引领计划”). */
static int S_ends_in_suffix(const gx_rctx *x, uint32_t a, uint32_t b) {
    for (uint32_t p = a + 2; p + 1 < b; p++)
        if (S_prog_suffix(x, p) == b - p) return 1;
    return 0;
}

static void S_quoted(gx_rctx *x, uint32_t o, uint32_t c) {
    const uint32_t *cp = x->doc->cp;
    uint32_t a = o + 1, b = c;
    while (a < b && cp[a] == ' ') a++;
    while (b > a && cp[b - 1] == ' ') b--;
    for (uint32_t p = c + 1; p <= c + 1 + GX_R_MODIFIER && p < x->s1; p++) {
        uint32_t len = S_prog_suffix(x, p);
        if (len) {
            uint32_t k = gx_r_add(x, o, p + len, GX_KIND_PROGRAM, "rule:quoted_program", 0);
            S_inner(x, a, b, k);
            return;
        }
        if (!gx_is_han(cp[p]) || gx_r_numeral(cp[p]) || gx_r_role_starts(x, p, GX_ROLE_STOP)) break;
    }
    int digits = 1;
    for (uint32_t i = a; i < b; i++) digits = digits && cp[i] >= '0' && cp[i] <= '9';
    if (digits && b - a >= 2 && b - a <= 6) {
        gx_r_add(x, o, c + 1, GX_KIND_PROGRAM, "rule:quoted_formula", 0);
    } else if (S_formula(x, a, b, 1)) {
        gx_r_add(x, a, b, GX_KIND_PROGRAM, "rule:quoted_formula", 0);
    } else if (a < b && gx_r_numeral(cp[a]) && S_formula_end(x, a, b, 0) > a + 1) {
        /* a formula leading the quote: “三级三类便民服务中心” */
        gx_r_add(x, a, S_formula_end(x, a, b, 0), GX_KIND_PROGRAM, "rule:quoted_formula", 0);
    } else if (b >= a + 2 && b <= a + GX_R_NAME_MAX &&
               (S_ends_in_suffix(x, a, b) || S_after_verb(x, o))) {
        gx_r_add(x, a, b, GX_KIND_PROGRAM, "rule:quoted_name", 0);
    } else if (S_parallel(x, a, b) && !S_attributive(x, c)) {
        gx_r_add(x, a, b, GX_KIND_PROGRAM, "rule:quoted_slogan", 0);
    }
}

static void S_quotes(gx_rctx *x) {
    const uint32_t *cp = x->doc->cp;
    for (uint32_t si = 0; si < x->doc->n_sents; si++) {
        x->sent = si;
        x->s0 = x->doc->sents[si].start;
        x->s1 = x->doc->sents[si].end;
        for (uint32_t i = x->s0; i < x->s1; i++) {
            if (!S_open_quote(cp[i])) continue;
            uint32_t j = i + 1;
            while (j < x->s1 && j - i <= GX_R_QUOTE_MAX && !S_close_quote(cp[j]) &&
                   !S_open_quote(cp[j]) && !S_control(cp[j]))
                j++;
            if (j < x->s1 && S_close_quote(cp[j]) && j > i + 1) {
                S_quoted(x, i, j);
                i = j;
            }
        }
    }
}

/* Unquoted formulas in the sentence [s0, s1): at each numeral that follows a non-numeral, the
 * run of Han characters and digits up to punctuation (formulas hold verbs: 一征三议两公开), as a
 * + formula or as numeral chunks (cut by S_formula_end). */
static void S_bare_at(gx_rctx *x, uint32_t *pi) {
    const uint32_t *cp = x->doc->cp;
    uint32_t i = *pi, j = i;
    while (j < x->s1 && (S_digitish(cp[j]) || cp[j] == '+')) j++;
    if (S_plus_formula(cp, i, j)) {
        gx_r_add(x, i, j, GX_KIND_PROGRAM, "rule:formula", 0);
        *pi = j - 1;
        return;
    }
    j = i;
    while (j < x->s1 && j - i < 24 && (gx_is_han(cp[j]) || S_digitish(cp[j]))) j++;
    uint32_t end = S_formula_end(x, i, j, 0);
    if (end <= i + 1) return;
    uint32_t full = end; /* a program suffix close after: 九个一 + 主题 + 系列活动 */
    for (uint32_t p = end; p <= end + 4 && p < x->s1 && gx_is_han(cp[p]); p++) {
        uint32_t len = S_prog_suffix(x, p);
        if (len) {
            full = p + len;
            break;
        }
    }
    gx_r_add(x, i, full, GX_KIND_PROGRAM, "rule:formula", 0);
    *pi = full - 1;
}

static void S_bare(gx_rctx *x) {
    const uint32_t *cp = x->doc->cp;
    for (uint32_t si = 0; si < x->doc->n_sents; si++) {
        x->sent = si;
        x->s0 = x->doc->sents[si].start;
        x->s1 = x->doc->sents[si].end;
        for (uint32_t i = x->s0; i < x->s1; i++) {
            if (!gx_r_numeral(cp[i])) continue;
            if (i > x->s0 && (gx_r_numeral(cp[i - 1]) || S_digitish(cp[i - 1]) || cp[i - 1] == '+'))
                continue;
            S_bare_at(x, &i);
        }
    }
}

void gx_rules_program(gx_rctx *x) {
    S_quotes(x);
    S_bare(x);
}
