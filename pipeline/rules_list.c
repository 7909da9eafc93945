/* rules_list.c: stage 5b recognizer for people named in a list next to a known name.
 *
 * In 华君武、丁聪、朱根华、苗地等 or 涅姆佐夫和赫里斯坚科, one name found by the dictionary or a
 * person rule vouches for its neighbours: a token between list separators (、 和 与 及 ／) that
 * looks like a name (a surname and one or two characters, or a run of Han characters starting
 * with a transliteration character) and ends at a boundary is a person too. Runs after the other
 * person rules; names it finds vouch for their own neighbours in turn.
 */
#include "gx_norm.h"
#include "rules_int.h"

#define S_MAX_TOKEN 8 /* characters of a listed name */

/* Length of the list separator ending at p (、 和 与 及 ／ /), 0 if none. */
static uint32_t S_sep_before(const gx_rctx *x, uint32_t p) {
    if (p <= x->s0) return 0;
    switch (x->doc->cp[p - 1]) {
    case 0x3001: case 0x548C: case 0x4E0E: case 0x53CA: case 0xFF0F: case '/': return 1;
    default: return 0;
    }
}

/* Length of the list separator at p, 0 if none. */
static uint32_t S_sep_after(const gx_rctx *x, uint32_t p) {
    return p < x->s1 ? S_sep_before(x, p + 1) : 0;
}

/* 1 if a listed name may end at p: the sentence end, a character that is not Han, a separator,
 * 等 or a stop word. */
static int S_token_end(const gx_rctx *x, uint32_t p) {
    if (p >= x->s1 || !gx_is_han(x->doc->cp[p]) || S_sep_after(x, p)) return 1;
    return x->doc->cp[p] == 0x7B49 /* 等 */ || gx_r_role_starts(x, p, GX_ROLE_STOP) > 0;
}

/* 1 if [p, q) looks like a name: a surname and one or two more characters, or (foreign) a run
 * starting with a transliteration character; only Han characters, no numeral, no place or org
 * entity or common word starting it, and no common word ending it. */
static int S_namelike(const gx_rctx *x, uint32_t p, uint32_t q) {
    if (q - p < 2 || q - p > S_MAX_TOKEN) return 0;
    for (uint32_t i = p; i < q; i++)
        if (!gx_is_han(x->doc->cp[i]) || gx_r_numeral(x->doc->cp[i])) return 0;
    if (gx_r_role_starts(x, p, GX_ROLE_WORD) >= 2 || gx_r_lookup(x, p, q) >= 0) return 0;
    if (q - p >= 3 && gx_r_role_starts(x, q - 2, GX_ROLE_WORD) == 2) return 0; /* 昌|公寓 */
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++)
        if (gx_r_is_entity(gx_r_entry(x, i)) && gx_r_entry(x, i)->kind != GX_KIND_PERSON) return 0;
    uint32_t sn = gx_r_role_starts(x, p, GX_ROLE_SURNAME);
    if (sn && q - p - sn <= 2) return 1;
    return gx_r_translit(x, p) && gx_r_translit(x, p + 1);
}

/* The name token after the separator ending at p: its end, or UINT32_MAX. */
static uint32_t S_token_after(const gx_rctx *x, uint32_t p) {
    for (uint32_t q = p + 2; q <= p + S_MAX_TOKEN && q <= x->s1; q++)
        if (S_token_end(x, q)) return S_namelike(x, p, q) ? q : UINT32_MAX;
    return UINT32_MAX;
}

/* The name token before the separator starting at end: its start, or UINT32_MAX. */
static uint32_t S_token_before(const gx_rctx *x, uint32_t end) {
    uint32_t p = end; /* back to 、 or a non-Han character (和 may start a name: 和昌…) */
    while (p > x->s0 && end - p < S_MAX_TOKEN && gx_is_han(x->doc->cp[p - 1]) &&
           x->doc->cp[p - 1] != 0x3001)
        p--;
    if (p > x->s0 && gx_is_han(x->doc->cp[p - 1]) && x->doc->cp[p - 1] != 0x3001) return UINT32_MAX;
    return S_namelike(x, p, end) ? p : UINT32_MAX;
}

static int S_is_person(const gx_cand *c) {
    return c->kind == GX_KIND_PERSON && !(c->flags & (GX_CAND_NEGATIVE | GX_CAND_GENERIC));
}

/* Adds the listed name [p, q) with the priority of the name that vouches for it (a bare name's
 * neighbour is as weak as the bare name). */
static void S_add(gx_rctx *x, uint32_t p, uint32_t q, int32_t priority) {
    size_t n0 = x->c->n;
    uint32_t k = gx_r_add(x, p, q, GX_KIND_PERSON, "rule:name_list", 0);
    if (k >= n0) x->c->v[k].priority = priority < 0 ? priority : 0;
}

void gx_rules_list(gx_rctx *x) {
    for (size_t i = 0; i < x->c->n; i++) { /* grows as names are found */
        gx_cand c = x->c->v[i];
        if (!S_is_person(&c) || c.end - c.start < 2) continue;
        gx_r_seek(x, c.start);
        if (S_sep_after(x, c.end)) {
            uint32_t q = S_token_after(x, c.end + 1);
            if (q != UINT32_MAX) S_add(x, c.end + 1, q, c.priority);
        }
        if (S_sep_before(x, c.start) && c.start - 1 > x->s0) {
            uint32_t p = S_token_before(x, c.start - 1);
            if (p != UINT32_MAX) S_add(x, p, c.start - 1, c.priority);
        }
    }
}
