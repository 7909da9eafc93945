/* rules_abbrev.c: stage 5b recognizer for one-character place abbreviations.
 *
 * 美 stands for 美国 and 京 for 北京 only in a few contexts, all given as data. A run of two or
 * more different abbreviations is a list of places (中美关系, 印巴, 中日韩三国): always before a
 * word flagged subtype=pair, otherwise when the run stands alone, i.e. no word runs across either
 * of its ends (节日美食, 以中国, 中越过) and a boundary lies before it. An abbreviation flagged
 * subtype=strong is a mention alone before a word flagged subtype=side (美方, 俄总统) or after one
 * flagged subtype=visit (访华, 在京), again with no word across it; one flagged subtype=weak (以,
 * a preposition too) starts a run only before a pair word. Abbreviations joined by 、 are a list
 * of places on their own (中、阿建交). Abbreviations are place
 * entries with the flag abbrev; elsewhere they are no mention (rules.c leaves them out).
 */
#include <string.h>
#include "gx_norm.h"
#include "rules_int.h"

/* The abbreviation entry of a one-character hit at p, or NULL. */
static const gx_entry *S_abbrev_at(const gx_rctx *x, uint32_t p) {
    uint32_t lo, hi;
    gx_r_ending(x, p + 1, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *h = &x->hits->v[x->c->by_end[k]];
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (h->start == p && e->role == GX_ROLE_ENTITY && (e->flags & GX_ENTRY_ABBREV)) return e;
    }
    return NULL;
}

static int S_is(const gx_entry *e, const char *sub) {
    return e && e->subtype && strcmp(e->subtype, sub) == 0;
}

static int S_is_context(const gx_entry *e, const char *sub) {
    return e->role == GX_ROLE_GENERIC && S_is(e, sub);
}

/* The other end of the longest generic word of subtype `sub` that starts at p (starts = 1) or
 * ends at p (starts = 0); UINT32_MAX if none. */
static uint32_t S_context(const gx_rctx *x, uint32_t p, const char *sub, int starts) {
    uint32_t best = UINT32_MAX;
    if (starts) {
        size_t lo, hi;
        gx_r_starting(x, p, &lo, &hi);
        for (size_t i = lo; i < hi; i++)
            if (S_is_context(gx_r_entry(x, i), sub) &&
                (best == UINT32_MAX || x->hits->v[i].end > best))
                best = x->hits->v[i].end;
        return best;
    }
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *h = &x->hits->v[x->c->by_end[k]];
        if (S_is_context(gx_r_entry(x, x->c->by_end[k]), sub) && (best == UINT32_MAX ||
                                                                   h->start < best))
            best = h->start;
    }
    return best;
}

/* 1 if every character of [a, b) is a strong abbreviation (中日: a word, but both are places). */
static int S_all_strong(const gx_rctx *x, uint32_t a, uint32_t b) {
    for (uint32_t i = a; i < b; i++)
        if (!S_is(S_abbrev_at(x, i), "strong")) return 0;
    return 1;
}

/* 1 if hit h blocks reading [p, q) as abbreviations: it runs across p or q (节日|美, 以|中国;
 * not across q when a longer word starts at q: 访华|表示), or
 * it is an entity (中华 of 中华法系) or negative entry, or a word of two or more characters inside
 * the run (非法, 加以) that is not made of strong abbreviations alone. Context words do not block, nor a word that is the
 * abbreviation with its context (美方, 来华): [a, b) is that span. */
/* 1 if a stop word of two or more characters (a verb, an adverb) starts at q and ends after end:
 * the text after the run reads as a word of its own (访华|表示 over 华表; not 对美|好事 over
 * 美好, where 好事 is a plain word). */
static int S_word_from(const gx_rctx *x, uint32_t q, uint32_t end) {
    size_t lo, hi;
    gx_r_starting(x, q, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        gx_role r = gx_r_entry(x, i)->role;
        if (r == GX_ROLE_STOP && x->hits->v[i].end > end &&
            x->hits->v[i].end - q >= 2)
            return 1;
    }
    return 0;
}

static int S_blocks(const gx_rctx *x, const gx_hit *h, const gx_entry *e, uint32_t p, uint32_t q,
                    uint32_t a, uint32_t b) {
    if (h->end <= p || h->start >= q || h->end - h->start < 2) return 0;
    if (h->start >= p && h->end > q && !(e->flags & GX_ENTRY_NEGATIVE) &&
        e->role != GX_ROLE_ENTITY && S_word_from(x, q, h->end))
        return 0; /* 访华|表示: 华表 is no word of this text */
    if (S_is_context(e, "pair") || S_is_context(e, "side") || S_is_context(e, "visit")) return 0;
    if (e->role == GX_ROLE_ENTITY && !(e->flags & GX_ENTRY_ABBREV)) return 1; /* 中华|法系 */
    if ((h->start < p || h->end > q) && h->start >= a && h->end <= b &&
        !(e->flags & GX_ENTRY_NEGATIVE) && (e->role != GX_ROLE_ENTITY || (e->flags & GX_ENTRY_ABBREV)))
        return 0;
    if (h->start < p || h->end > q) return 1;
    return (e->flags & GX_ENTRY_NEGATIVE) || !S_all_strong(x, h->start, h->end);
}

/* 1 if some hit blocks [p, q) (see S_blocks); [a, b) is the run with its context words. */
static int S_blocked(const gx_rctx *x, uint32_t p, uint32_t q, uint32_t a, uint32_t b) {
    for (uint32_t end = p + 1; end <= x->doc->n && end < q + GX_MAX_ENTRY_CHARS; end++) {
        uint32_t lo, hi;
        gx_r_ending(x, end, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_hit *h = &x->hits->v[x->c->by_end[k]];
            if (S_blocks(x, h, gx_r_entry(x, x->c->by_end[k]), p, q, a, b)) return 1;
        }
    }
    return 0;
}

/* 1 if a name may start at p: a sentence start, a non-Han character other than a digit (3日以: a
 * date), or a word, stop word or entity ending right before it. */
static int S_left_open(const gx_rctx *x, uint32_t p) {
    gx_r_seek((gx_rctx *)x, p);
    if (p == x->s0) return 1;
    uint32_t c = x->doc->cp[p - 1];
    if (!gx_is_han(c)) return !(c >= '0' && c <= '9');
    if (gx_r_numeral(c)) return 0;
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *h = &x->hits->v[x->c->by_end[k]];
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (h->end - h->start >= 2 || e->role == GX_ROLE_STOP ||
            (e->role == GX_ROLE_ENTITY && !(e->flags & GX_ENTRY_ABBREV)))
            return 1;
    }
    return 0;
}

/* 1 if the run [p, q) repeats an abbreviation (美美与共, 巴巴多斯): no list of places. */
static int S_repeats(const gx_rctx *x, uint32_t p, uint32_t q) {
    for (uint32_t i = p; i < q; i++)
        for (uint32_t j = i + 1; j < q; j++)
            if (x->doc->cp[i] == x->doc->cp[j]) return 1;
    return 0;
}

static void S_add(gx_rctx *x, uint32_t p, const gx_entry *e) {
    uint32_t c = gx_r_add(x, p, p + 1, GX_KIND_PLACE, "rule:abbrev", 0);
    x->c->v[c].canonical = e->canonical;
}

/* 1 if a number follows at q (比赛中以2∶3), unless it counts the countries of the run: a
 * Chinese numeral and 国 方 or 个 (中美两国, 日美三个联合公报). */
static int S_count_after(const gx_rctx *x, uint32_t q) {
    const uint32_t *cp = x->doc->cp;
    if (q >= x->doc->n || !gx_r_numeral(cp[q])) return 0;
    if (cp[q] < 0x80 || q + 1 >= x->doc->n) return 1;
    return cp[q + 1] != 0x56FD /* 国 */ && cp[q + 1] != 0x65B9 /* 方 */ && cp[q + 1] != 0x4E2A /* 个 */;
}

/* A run [p, q) of two or more abbreviations. */
static void S_run(gx_rctx *x, uint32_t p, uint32_t q) {
    int pair = S_context(x, q, "pair", 1) != UINT32_MAX;
    if (S_repeats(x, p, q)) return;
    if (!pair && (S_blocked(x, p, q, p, q) || !S_left_open(x, p))) return;
    if (!pair && (S_is(S_abbrev_at(x, p), "weak") || S_count_after(x, q)))
        return; /* 以欧元结算, 比赛中以2∶3: a preposition, not Israel */
    for (uint32_t i = p; i < q; i++) S_add(x, i, S_abbrev_at(x, i));
}

/* 1 if a word of two or more characters ends at p and starts before a (采访 over 访). */
static int S_inside_word(const gx_rctx *x, uint32_t a, uint32_t p) {
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *h = &x->hits->v[x->c->by_end[k]];
        if (h->start < a && h->end - h->start >= 2) return 1;
    }
    return 0;
}

/* One abbreviation at p, alone: strong, with a side word after it or a visit word before it. */
static void S_single(gx_rctx *x, uint32_t p, const gx_entry *e) {
    if (!S_is(e, "strong")) return;
    uint32_t side = S_context(x, p + 1, "side", 1), visit = S_context(x, p, "visit", 0);
    if (visit != UINT32_MAX && S_inside_word(x, visit, p)) visit = UINT32_MAX; /* 采访中 */
    if (side == UINT32_MAX && visit == UINT32_MAX) return;
    uint32_t a = visit != UINT32_MAX ? visit : p, b = side != UINT32_MAX ? side : p + 1;
    if (!S_blocked(x, p, p + 1, a, b)) S_add(x, p, e);
}

/* 1 if a word of two or more characters other than an abbreviation runs across position p
 * (starts before p and ends after it). */
static int S_crossed(const gx_rctx *x, uint32_t p) {
    for (uint32_t end = p + 1; end <= x->doc->n && end < p + GX_MAX_ENTRY_CHARS; end++) {
        uint32_t lo, hi;
        gx_r_ending(x, end, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_hit *h = &x->hits->v[x->c->by_end[k]];
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            if (h->start < p && !(e->flags & GX_ENTRY_ABBREV) && !S_all_strong(x, h->start, h->end))
                return 1;
        }
    }
    return 0;
}

/* 1 if a word of two or more characters other than an abbreviation run starts at p and ends
 * after q (加强 at the end of 中美加). */
static int S_runs_on(const gx_rctx *x, uint32_t p, uint32_t q) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (x->hits->v[i].end > q && x->hits->v[i].end - p >= 2 && !(e->flags & GX_ENTRY_ABBREV) &&
            !S_all_strong(x, p, x->hits->v[i].end))
            return 1;
    }
    return 0;
}

/* 1 if the abbreviation at i stands alone as a list item: a separator or the list's end next to
 * it, no word across it (中、英文: 英文 runs on). */
static int S_list_item(const gx_rctx *x, uint32_t i) {
    return S_abbrev_at(x, i) && !S_crossed(x, i) && !S_crossed(x, i + 1) && !S_runs_on(x, i, i + 1);
}

#define S_LIST_MAX 8 /* items of a list of abbreviations joined by 、 */

/* A list of one-character abbreviations joined by 、 starting at p (中、美建交, 中、美在政治…):
 * at least two different items, a boundary before the first, which is not a weak one (以)
 * unless a pair word follows the list, and after the last a pair word, a stop word, a count
 * (日、韩两国) or no Han character. Returns the position after the list, or p if none. */
static uint32_t S_list(gx_rctx *x, uint32_t p) {
    const uint32_t *cp = x->doc->cp;
    uint32_t items[S_LIST_MAX], n = 0, i = p;
    while (n < S_LIST_MAX && i < x->doc->n && S_list_item(x, i)) {
        for (uint32_t k = 0; k < n; k++)
            if (cp[items[k]] == cp[i]) return p; /* 美、美: no list of places */
        items[n++] = i;
        if (i + 2 >= x->doc->n || cp[i + 1] != 0x3001 /* 、 */ || !S_abbrev_at(x, i + 2)) break;
        i += 2;
    }
    uint32_t q = items[n ? n - 1 : 0] + 1;
    if (n < 2 || !S_left_open(x, p) || S_count_after(x, q)) return p;
    int pair = S_context(x, q, "pair", 1) != UINT32_MAX;
    if (S_is(S_abbrev_at(x, p), "weak") && !pair) return p;
    if (!pair && q < x->doc->n && gx_is_han(cp[q]) && !gx_r_numeral(cp[q]) &&
        !gx_r_role_starts(x, q, GX_ROLE_STOP))
        return p; /* 中、英|文: a word goes on after the list */
    for (uint32_t k = 0; k < n; k++) S_add(x, items[k], S_abbrev_at(x, items[k]));
    return q;
}

void gx_rules_abbrev(gx_rctx *x) {
    const gx_doc *d = x->doc;
    for (uint32_t p = 0; p < d->n; p++) {
        const gx_entry *e = S_abbrev_at(x, p);
        if (!e) continue;
        uint32_t q = p;
        while (q < d->n && S_abbrev_at(x, q)) q++;
        uint32_t r = p;
        while (r + 1 < q && S_crossed(x, r + 1)) r++; /* 参加|美伊: the run starts after 加 */
        uint32_t t = q;
        while (t - r > 2 && S_runs_on(x, t - 1, t)) t--; /* 中美|加强: the run ends before 加 */
        if (t - r >= 2) S_run(x, r, t);
        else if (q == p + 1 && q < d->n && d->cp[q] == 0x3001 && S_list(x, p) > q) {
            p = S_list(x, p) - 1; /* 中、阿 */
            continue;
        } else if (r == p) S_single(x, p, e);
        p = q - 1;
    }
}
