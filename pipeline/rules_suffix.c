/* rules_suffix.c: stage 5b recognizer for names that end in a suffix word.
 *
 * Organizations (…党支部, …有限公司, …小学), places (…路, …号院, …社区) and named programs
 * (…工程) share one shape: a name, then a suffix from the dictionary (role suffix, with the
 * kind, prefix mode and length bounds of its row). Suffix hits are visited in order of their end,
 * so a name can chain onto one found just before it (…有限公司 + 南阳 + 分公司 + 党委) and use
 * it as an anchor (众意路 + 小学). Where the name starts: at the leftmost known place or org
 * inside the window before the suffix (河南省 in 联合河南省住建厅), else at the window's hard
 * boundary (punctuation, a stop word, a title). A party body's unit (the name before 党支部)
 * becomes a candidate of its own.
 */
#include <string.h>
#include "rules_int.h"

/* 1 if a longer suffix (starting earlier) ends where hit k ends: only the longest is used. */
static int S_shadowed(const gx_rctx *x, const gx_hit *h) {
    uint32_t lo, hi;
    gx_r_ending(x, h->end, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *o = &x->hits->v[x->c->by_end[k]];
        if (o->start < h->start && gx_r_entry(x, x->c->by_end[k])->role == GX_ROLE_SUFFIX)
            return 1;
    }
    return 0;
}

/* Length of the longest title flagged subtype=head (部长, 社长) starting at p, 0 if none. */
static uint32_t S_head_title(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    uint32_t best = 0;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_TITLE && e->subtype && strcmp(e->subtype, "head") == 0 &&
            x->hits->v[i].end - p > best)
            best = x->hits->v[i].end - p;
    }
    return best;
}

/* 1 if a word starting inside the suffix runs past its end (部署 over 部, 路段 over 路, 委员
 * over 委): then the suffix is the start of that word, not the end of a name. The title of a
 * body's head does not count: 外交部|长 names the body and its head. */
static int S_runs_on(const gx_rctx *x, const gx_hit *h) {
    /* a word starting right after the suffix settles the split: 党总支|书记 (not 支书),
     * 组织部|下发 (not 部下) */
    size_t lo, hi;
    gx_r_starting(x, h->end, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (x->hits->v[i].end - h->end >= 2) return 0;
    for (uint32_t p = h->start; p < h->end; p++) {
        uint32_t oc, title = S_head_title(x, p); /* 部|长: the body's head */
        if (title && gx_r_org_ends(x, h->start, &oc) != UINT32_MAX) title = 0; /* 外交部|部长 */
        for (int r = 0; r < GX_ROLE_COUNT; r++) {
            if (r == GX_ROLE_SUFFIX || r == GX_ROLE_SURNAME || r == GX_ROLE_GENERIC ||
                r == GX_ROLE_GIVEN || r == GX_ROLE_TITLE)
                continue;
            uint32_t len = gx_r_role_starts(x, p, (gx_role)r);
            if (len > h->end - p && len != title) return 1;
        }
    }
    return 0;
}

/* 1 if a negative word ends with the suffix (思路, 道路 over 路) or a dictionary entity runs
 * from before the suffix into its middle: then the suffix is part of that word. An entity that
 * ends with the suffix (the street stem 桐柏路) is another reading, left to resolution. */
static int S_glued(const gx_rctx *x, const gx_hit *h) {
    for (uint32_t p = h->start + 1; p <= h->end; p++) {
        uint32_t lo, hi;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_hit *o = &x->hits->v[x->c->by_end[k]];
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            if (o->start < h->start && gx_r_is_entity(e) &&
                (p < h->end || (e->flags & GX_ENTRY_NEGATIVE)))
                return 1;
        }
    }
    return 0;
}

/* 1 if [start, end) is covered by places laid end to end (新郑市龙湖镇泰山村). */
static int S_places_only(const gx_rctx *x, uint32_t start, uint32_t end) {
    uint32_t p = end;
    while (p > start) {
        uint32_t s = gx_r_entity_ends(x, p, 0);
        if (s == UINT32_MAX || s < start) return 0;
        p = s;
    }
    return 1;
}

/* Start of the numeral run ending at end (spaces between digits allowed), or end if none. */
static uint32_t S_numeral_run(const gx_rctx *x, uint32_t end) {
    const uint32_t *cp = x->doc->cp;
    uint32_t i = end;
    while (i > x->s0 && (gx_r_numeral(cp[i - 1]) || (cp[i - 1] == ' ' && i - 1 > x->s0 &&
                                                     gx_r_numeral(cp[i - 2]))))
        i--;
    while (i < end && cp[i] == ' ') i++;
    if (i > x->s0 && cp[i - 1] == 0x7B2C) i--; /* 第 */
    return i;
}

/* Start of the last generic word (role generic; with bound_only, only those flagged bound)
 * ending inside (a, end]; UINT32_MAX if none. With at_end, only one ending at end counts, and
 * not one flagged weak: a trade (保险) makes a name generic only when it is all of the name
 * (保险公司, not 平安保险公司). */
static uint32_t S_generic_before(const gx_rctx *x, uint32_t a, uint32_t end, int bound_only,
                                 int at_end) {
    for (uint32_t p = end; p > a; p--) {
        uint32_t lo, hi;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            uint32_t s = x->hits->v[x->c->by_end[k]].start;
            int generic = gx_r_generic_noun(e) && !(at_end && (e->flags & GX_ENTRY_WEAK));
            if (s >= a && generic && (!bound_only || (e->flags & GX_ENTRY_BOUND))) return bound_only ? p : s;
        }
        if (at_end) break;
    }
    return UINT32_MAX;
}

/* 1 if a generic word lies inside [a, end) (区相关职能局: not a body of the district). */
static int S_has_generic(const gx_rctx *x, uint32_t a, uint32_t end) {
    for (uint32_t p = a + 1; p <= end; p++) {
        uint32_t lo, hi;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            if (x->hits->v[x->c->by_end[k]].start >= a && gx_r_generic_noun(e)) return 1;
        }
    }
    return 0;
}

/* For prefix=place: the place, org or level word ending last inside [w, end), and the places
 * and orgs laid end to end before it (新郑市龙湖镇泰山村 + 村委; in 二七区紧扣郑州市委 the body is
 * 郑州市 + 委). UINT32_MAX if none. */
static uint32_t S_place_chain(const gx_rctx *x, uint32_t w, uint32_t end) {
    uint32_t a = gx_r_anchor_last(x, w, end);
    for (uint32_t s; a != UINT32_MAX && a > w && (s = gx_r_entity_ends(x, a, 1)) != UINT32_MAX &&
                     s >= w;)
        a = s;
    return a;
}

/* 1 if a word or stop word of two or more characters starts before a and ends after it: the
 * name's first character belongs to it (特区|政府 over 区政府, 地区|大部). */
static int S_word_into(const gx_rctx *x, uint32_t a) {
    for (uint32_t p = a + 1; p < a + 4 && p <= x->s1; p++) {
        uint32_t lo, hi;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            gx_role r = gx_r_entry(x, x->c->by_end[k])->role;
            if (x->hits->v[x->c->by_end[k]].start < a && (r == GX_ROLE_WORD || r == GX_ROLE_STOP))
                return 1;
        }
    }
    return 0;
}

/* 1 if [a, end) is one country or territory of the dictionary (subtype country, territory). */
static int S_country_only(const gx_rctx *x, uint32_t a, uint32_t end) {
    uint32_t lo, hi;
    gx_r_ending(x, end, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (x->hits->v[x->c->by_end[k]].start == a && gx_r_is_entity(e) &&
            e->kind == GX_KIND_PLACE && e->subtype &&
            (strcmp(e->subtype, "country") == 0 || strcmp(e->subtype, "territory") == 0))
            return 1;
    }
    return 0;
}

/* Where the name before the suffix starts, by the suffix's prefix mode; UINT32_MAX if there
 * is no acceptable name. A place or org anchor may lie beyond a weak stop (河南谦晟祥和实业);
 * without one the name starts at the nearest boundary, weak stops included. */
static uint32_t S_name_start(const gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    uint32_t end = h->start, w, ws, a;
    int hard, hard2;
    unsigned chain = (e->flags & (GX_ENTRY_UNIT | GX_ENTRY_CHAIN)) ? GX_W_CHAIN : 0;
    if (e->prefix == GX_PREFIX_NUMERAL) {
        uint32_t num = S_numeral_run(x, end);
        if (num == end || end - num < e->min) return UINT32_MAX;
        end = num;
        while (end > x->s0 && x->doc->cp[end - 1] == ' ') end--;
    }
    gx_r_window(x, end, e->max, chain, &w, &hard);
    if (e->prefix == GX_PREFIX_PLACE) {
        a = S_place_chain(x, w, end);
        if (a != UINT32_MAX && (x->doc->cp[a] < 0x80 || S_word_into(x, a))) return UINT32_MAX;
        if (a != UINT32_MAX && (e->flags & GX_ENTRY_LOCAL) && S_country_only(x, a, end))
            return UINT32_MAX; /* 美国|政府 */
        if (a != UINT32_MAX && gx_r_role_starts(x, a, GX_ROLE_GENERIC) && S_has_generic(x, a, end))
            return UINT32_MAX;
        return a;
    }
    a = gx_r_anchor(x, w, end, 0);
    uint32_t oc, os = gx_r_org_ends(x, w, &oc);
    if (chain && os != UINT32_MAX && (a == UINT32_MAX || a == w)) return os; /* 中储… + 南阳分公司 */
    if (a != UINT32_MAX) return a;
    gx_r_window(x, end, e->max, chain | GX_W_WEAK, &ws, &hard2);
    uint32_t b = S_generic_before(x, ws, end, 1, 0); /* 成员单位中信证券: start after 单位 */
    if (b != UINT32_MAX) ws = b;
    if (e->prefix == GX_PREFIX_NUMERAL) return hard2 ? ws : end;
    return hard2 ? ws : UINT32_MAX;
}

/* 1 if the name ends in a generic word that no place or org covers (…单位党组织, 基层党组织). */
static int S_generic_tail(const gx_rctx *x, uint32_t start, uint32_t end) {
    uint32_t g = S_generic_before(x, start, end, 0, 1);
    if (g == UINT32_MAX) return 0;
    uint32_t e = gx_r_entity_ends(x, end, 1);
    return e == UINT32_MAX || e > g;
}

/* 1 if the parentheses of [a, b) are balanced (中粮工程科技(郑州)有限公司, not 村(社区). */
static int S_balanced(const uint32_t *cp, uint32_t a, uint32_t b) {
    int depth = 0;
    for (uint32_t i = a; i < b; i++) {
        depth += cp[i] == '(' ? 1 : cp[i] == ')' ? -1 : 0;
        if (depth < 0) return 0;
    }
    return depth == 0;
}

static int S_open_q(uint32_t c) { return c == 0x201C || c == '"'; }
static int S_close_q(uint32_t c) { return c == 0x201D || c == '"'; }

static const char *S_source(gx_kind k) {
    switch (k) {
    case GX_KIND_ORG: return "rule:org_suffix";
    case GX_KIND_PLACE: return "rule:place_suffix";
    case GX_KIND_PROGRAM: return "rule:program_suffix";
    default: return "rule:suffix";
    }
}

/* A party body's unit: the org before the suffix (found earlier, or a new candidate when the
 * name is not just places). */
static void S_unit(gx_rctx *x, uint32_t start, uint32_t end, uint32_t outer) {
    uint32_t oc;
    if (gx_r_org_ends(x, end, &oc) == start && oc != GX_NO_CAND) {
        x->c->v[oc].flags |= GX_CAND_UNIT | GX_CAND_KEEP;
        x->c->v[oc].outer = outer;
        return;
    }
    if (S_places_only(x, start, end) || end - start < 4) return; /* 如意湖 of 如意湖党工委 */
    uint32_t u = gx_r_add(x, start, end, GX_KIND_ORG, "rule:org_unit", GX_CAND_UNIT | GX_CAND_KEEP);
    x->c->v[u].outer = outer;
}

/* 1 if the dictionary knows a place that ends with the suffix (鑫苑社区; not a low-priority
 * alias such as the street stem 桐柏路): the place rule then adds nothing and would only merge
 * it with the place before (北林路街道 | 鑫苑社区). */
static int S_known_place(const gx_rctx *x, const gx_hit *h) {
    uint32_t lo, hi;
    gx_r_ending(x, h->end, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (x->hits->v[x->c->by_end[k]].start < h->start && gx_r_is_entity(e) &&
            e->kind == GX_KIND_PLACE && !(e->flags & GX_ENTRY_NEGATIVE) && e->priority >= 0)
            return 1;
    }
    return 0;
}

static void S_one(gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    if (e->prefix == GX_PREFIX_QUOTE || S_shadowed(x, h) || S_glued(x, h) || S_runs_on(x, h))
        return;
    if (e->kind == GX_KIND_PLACE && S_known_place(x, h)) return;
    gx_r_seek(x, h->start);
    if (h->start < x->s0) return;
    uint32_t start = S_name_start(x, h, e), end = h->end, q;
    if (start == UINT32_MAX || !S_balanced(x->doc->cp, start, h->end)) return;
    int generic = start == h->start || gx_r_all_generic(x, start, h->start) ||
                  S_generic_tail(x, start, h->start);
    if (generic && (e->kind != GX_KIND_ORG || e->prefix != GX_PREFIX_NAME)) return;
    if (generic && h->end - start < 2) return; /* 厂 alone (厂|长) stands for no body */
    if (!generic && h->start - start < e->min) return;
    /* a quoted body after a place: 如意湖“区域党委” */
    if (start > x->s0 && S_open_q(x->doc->cp[start - 1]) && end < x->s1 &&
        S_close_q(x->doc->cp[end]) && (q = gx_r_entity_ends(x, start - 1, 1)) != UINT32_MAX) {
        start = q;
        end++;
        generic = 0;
    }
    uint32_t c = gx_r_add(x, start, end, e->kind, S_source(e->kind), generic ? GX_CAND_GENERIC : 0);
    if (!generic && (e->flags & GX_ENTRY_UNIT) && end == h->end) S_unit(x, start, h->start, c);
}

void gx_rules_suffix(gx_rctx *x) {
    for (uint32_t p = 1; p <= x->doc->n; p++) {
        uint32_t lo, hi;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            if (e->role == GX_ROLE_SUFFIX) S_one(x, &x->hits->v[x->c->by_end[k]], e);
        }
    }
}
