/* rules_listhead.c: stage 5b recognizer for short place names listed before a shared head.
 *
 * In 对映月路、银莺、果树所等3个社区 or 针对新航、耿庄2个村改居社区 the items are communities
 * named without their suffix: the head (a place suffix flagged generic, kind=place: 社区, 村)
 * follows the count of the list (等 + numeral + a counter + at most S_MAX_MOD characters). Each
 * item of 2..S_MAX_ITEM Han characters that no candidate covers yet becomes a place named item +
 * head (银莺 -> 银莺社区), but only when the list holds exactly as many items as the count says
 * (the guard against reading a phrase as a list). Runs after the suffix and person rules.
 */
#include <string.h>
#include <unicode/utf8.h>
#include "gx_norm.h"
#include "rules_int.h"

#define S_MAX_ITEM 4  /* characters of a listed short name */
#define S_MAX_MOD 6   /* characters between the counter and the head (村改居, 党建示范) */
#define S_MAX_LIST 12 /* items of one list */

/* Length of a place suffix flagged generic (社区, 村) starting at p, 0 if none. */
static uint32_t S_head_at(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_SUFFIX && e->kind == GX_KIND_PLACE && (e->flags & GX_ENTRY_GENERIC))
            return x->hits->v[i].end - p;
    }
    return 0;
}

/* 1 if a counter (generic, subtype=measure) of one character spans [p, p + 1). */
static int S_counter_at(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (x->hits->v[i].end == p + 1 && e->role == GX_ROLE_GENERIC && e->subtype &&
            strcmp(e->subtype, "measure") == 0)
            return 1;
    }
    return 0;
}

/* The value of the numeral [a, b): ASCII digits, or one Chinese numeral 一..十 or 两; 0 if
 * neither. */
static uint32_t S_count(const uint32_t *cp, uint32_t a, uint32_t b) {
    static const uint32_t han[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                   0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341}; /* 一..十 */
    uint32_t v = 0;
    if (cp[a] >= '0' && cp[a] <= '9') {
        for (uint32_t i = a; i < b; i++) {
            if (cp[i] < '0' || cp[i] > '9' || v > 100) return 0;
            v = v * 10 + (cp[i] - '0');
        }
        return v;
    }
    if (b != a + 1) return 0;
    if (cp[a] == 0x4E24) return 2; /* 两 */
    for (uint32_t k = 0; k < sizeof han / sizeof *han; k++)
        if (cp[a] == han[k]) return k + 1;
    return 0;
}

/* 1 if [p, q) may be a listed short name: Han characters, no numeral. */
static int S_item(const uint32_t *cp, uint32_t p, uint32_t q) {
    if (q - p < 2 || q - p > S_MAX_ITEM) return 0;
    for (uint32_t i = p; i < q; i++)
        if (!gx_is_han(cp[i]) || gx_r_numeral(cp[i]) || cp[i] == 0x3001) return 0;
    return 1;
}

/* Start of the first item, which ends at e: after a character that is not Han, or after a stop
 * word (对, 针对, 以) right before it; UINT32_MAX if neither. */
static uint32_t S_first_item(const gx_rctx *x, uint32_t e) {
    const uint32_t *cp = x->doc->cp;
    for (uint32_t p = e - 2; p + S_MAX_ITEM >= e && p >= x->s0 && p < e; p--) {
        if (!S_item(cp, p, e)) return UINT32_MAX;
        if (p == x->s0 || !gx_is_han(cp[p - 1]) || gx_r_role_ends(x, p, GX_ROLE_STOP)) return p;
        if (p == 0) break;
    }
    return UINT32_MAX;
}

/* The place [p, q) named p..q + the head [h, h + hn), unless a candidate already covers it. */
static void S_add(gx_rctx *x, uint32_t p, uint32_t q, uint32_t h, uint32_t hn) {
    for (uint32_t i = gx_r_cands_ending(x->c, q); i != GX_NO_CAND; i = gx_r_next_ending(x->c, i))
        if (x->c->v[i].start <= p) return;
    size_t cap = (size_t)(q - p + hn) * 4 + 1;
    char *name = gx_arena_alloc(x->c->arena, cap);
    int32_t k = 0;
    for (uint32_t i = p; i < q; i++)
        U8_APPEND_UNSAFE(name, k, (UChar32)x->doc->cp[i]);
    for (uint32_t i = h; i < h + hn; i++)
        U8_APPEND_UNSAFE(name, k, (UChar32)x->doc->cp[i]);
    name[k] = '\0';
    uint32_t c = gx_r_add(x, p, q, GX_KIND_PLACE, "rule:list_head", 0);
    x->c->v[c].canonical = name;
}

/* The list before the head at h (its length hn), if its count matches. */
static void S_list_at(gx_rctx *x, uint32_t h, uint32_t hn) {
    const uint32_t *cp = x->doc->cp;
    uint32_t m = h; /* back over the modifier to the counter */
    while (m > x->s0 && h - m < S_MAX_MOD && gx_is_han(cp[m - 1]) && !S_counter_at(x, m - 1) &&
           !gx_r_numeral(cp[m - 1]))
        m--;
    if (m <= x->s0 + 1 || !S_counter_at(x, m - 1)) return;
    uint32_t ne = m - 1, nb = ne;
    while (nb > x->s0 && gx_r_numeral(cp[nb - 1]) && ne - nb < 3)
        nb--;
    uint32_t n = nb < ne ? S_count(cp, nb, ne) : 0;
    if (n < 2 || n > S_MAX_LIST) return;
    uint32_t e = nb > x->s0 && cp[nb - 1] == 0x7B49 ? nb - 1 : nb; /* 等 */
    uint32_t starts[S_MAX_LIST], ends[S_MAX_LIST], k = 0;
    for (;;) { /* items from the last one back, each after a 、 but the first */
        uint32_t p = e;
        while (p > x->s0 && e - p <= S_MAX_ITEM && gx_is_han(cp[p - 1]) && cp[p - 1] != 0x3001)
            p--;
        if (k == S_MAX_LIST) return;
        if (p > x->s0 && cp[p - 1] == 0x3001) {
            if (!S_item(cp, p, e)) return;
            starts[k] = p, ends[k++] = e;
            e = p - 1;
            continue;
        }
        p = S_first_item(x, e);
        if (p == UINT32_MAX) return;
        starts[k] = p, ends[k++] = e;
        break;
    }
    if (k != n) return;
    for (uint32_t i = 0; i < k; i++)
        S_add(x, starts[i], ends[i], h, hn);
}

/* 1 if another head follows the one at [h, h + hn) within S_MAX_MOD Han characters: the phrase
 * ends there (村改居社区: the head is 社区). */
static int S_head_later(const gx_rctx *x, uint32_t h, uint32_t hn) {
    for (uint32_t j = h + hn; j < x->s1 && j <= h + S_MAX_MOD && gx_is_han(x->doc->cp[j]); j++)
        if (S_head_at(x, j)) return 1;
    return 0;
}

void gx_rules_listhead(gx_rctx *x) {
    const uint32_t *cp = x->doc->cp;
    for (uint32_t si = 0; si < x->doc->n_sents; si++) {
        x->sent = si;
        x->s0 = x->doc->sents[si].start;
        x->s1 = x->doc->sents[si].end;
        for (uint32_t i = x->s0 + 1; i < x->s1; i++) {
            if (!gx_is_han(cp[i])) continue;
            uint32_t hn = S_head_at(x, i);
            if (hn && !S_head_later(x, i, hn)) S_list_at(x, i, hn);
        }
    }
}
