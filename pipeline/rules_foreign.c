/* rules_foreign.c: stage 5b recognizer for foreign names (part of the person rules).
 *
 * Transliterated names are written with characters of a small set (role given, subtype foreign
 * or both: 克 林 顿 斯 娃 …), their parts joined by a middle dot (卡洛斯·阿马特). A dotted name is
 * a person wherever it stands; a run of transliteration characters is one next to a title
 * (总统拉莫斯, 费舍尔议长; rules_person.c asks gx_r_translit_after / _before). A part reaches over
 * transliteration characters, or, for names of other origins (差猜·春哈旺), over a few Han
 * characters up to the nearest word boundary.
 */
#include <string.h>
#include "gx_norm.h"
#include "rules_int.h"

#define S_MAX_PART 8  /* characters of one part of a foreign name */
#define S_MAX_PLAIN 3 /* Han characters of a part that has no transliteration characters */

int gx_r_translit(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    if (p >= x->doc->n) return 0;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_GIVEN && x->hits->v[i].end == p + 1 && e->subtype &&
            (strcmp(e->subtype, "foreign") == 0 || strcmp(e->subtype, "both") == 0))
            return 1;
    }
    return 0;
}

/* 1 if a name part does not reach back over p: a stop word or title ends there, or a place or
 * org entity (美国专家|希拉, 的|阿·德米特里延科). Everyday words do not bound (首相约翰: 相约). */
static int S_word_ends(const gx_rctx *x, uint32_t p) {
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (e->role == GX_ROLE_STOP || e->role == GX_ROLE_TITLE ||
            (gx_r_is_entity(e) && e->kind != GX_KIND_PERSON && !(e->flags & GX_ENTRY_NEGATIVE)))
            return 1;
    }
    return 0;
}

/* 1 if a name part does not reach on over p: a stop word, title or suffix starts there (…说,
 * …先生), or a word of two or more characters that runs past the transliteration characters. */
static int S_word_starts(const gx_rctx *x, uint32_t p) {
    size_t lo, hi;
    gx_r_starting(x, p, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const gx_entry *e = gx_r_entry(x, i);
        if (e->role == GX_ROLE_GIVEN || e->role == GX_ROLE_SURNAME) continue;
        if (e->role == GX_ROLE_STOP || e->role == GX_ROLE_TITLE || e->role == GX_ROLE_SUFFIX)
            return 1;
        uint32_t q = p;
        while (q < x->hits->v[i].end && gx_r_translit(x, q)) q++;
        if (q < x->hits->v[i].end && x->hits->v[i].end - p >= 2) return 1;
    }
    return 0;
}

/* 1 if an everyday word of two or more characters ends at p that no title or stop word runs
 * across (干事|彼得 bounds; 首|相约|翰 does not, 首相 is a title). */
static int S_plain_word_ends(const gx_rctx *x, uint32_t p) {
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *h = &x->hits->v[x->c->by_end[k]];
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (e->role != GX_ROLE_WORD || h->end - h->start < 2) continue;
        int crossed = 0;
        for (uint32_t q = h->start + 1; q < h->end && !crossed; q++)
            crossed = gx_r_role_ends(x, q, GX_ROLE_TITLE) || gx_r_role_ends(x, q, GX_ROLE_STOP);
        if (!crossed) return 1;
    }
    return 0;
}

static int S_han(const gx_rctx *x, uint32_t p) {
    return p >= x->s0 && p < x->s1 && gx_is_han(x->doc->cp[p]) && !gx_r_numeral(x->doc->cp[p]);
}

/* Start of the name part ending at end: transliteration characters back to a boundary (a stop
 * word, title or entity ends there), bridging one other Han character between two of them
 * (彼得, 鲍里斯 after a title); when there are none, up to S_MAX_PLAIN Han characters. */
static uint32_t S_part_left(const gx_rctx *x, uint32_t end) {
    uint32_t i = end;
    while (i > x->s0 && end - i < S_MAX_PART && S_han(x, i - 1) && (i == end || !S_word_ends(x, i))) {
        if (x->doc->cp[i - 1] == 0x4EBA /* 人 */ && S_word_ends(x, i - 1))
            break; /* 荷兰人|维姆·…: a nationality, not the name */
        if (!gx_r_translit(x, i - 1)) {
            int bridge = i - 1 > x->s0 && (gx_r_translit(x, i - 2) || S_word_ends(x, i - 1) ||
                                           !S_han(x, i - 2));
            if (!bridge || (i < end && S_plain_word_ends(x, i))) break;
        }
        i--;
    }
    if (i < end) return i;
    while (i > x->s0 && end - i < S_MAX_PLAIN && S_han(x, i - 1) && (i == end || !S_word_ends(x, i)))
        i--;
    return i;
}

/* 1 if p holds 万 between two transliteration characters: a syllable (莱万多夫斯基), not a
 * numeral. */
static int S_wan(const gx_rctx *x, uint32_t p) {
    return p > x->s0 && p + 1 < x->s1 && x->doc->cp[p] == 0x4E07 && gx_r_translit(x, p - 1) &&
           gx_r_translit(x, p + 1);
}

/* 1 if the part may end with the other Han character at i (托马|肖|及): a character that starts
 * no word itself and is no Chinese given-name character (德米特里延科|均|获得: an adverb), with
 * no Han character after it or a stop word, title or suffix there. */
static int S_last_other(const gx_rctx *x, uint32_t i) {
    if (!S_han(x, i) || S_word_starts(x, i) || gx_r_role_starts(x, i, GX_ROLE_GIVEN)) return 0;
    return !S_han(x, i + 1) || S_word_starts(x, i + 1);
}

/* End of the name part starting at p: transliteration characters, bridging one other Han
 * character between two of them (莱万多夫斯基, 德米特里延科) or ending with one before a boundary
 * (迈克尔·托马肖|及); else up to S_MAX_PLAIN Han. */
static uint32_t S_part_right(const gx_rctx *x, uint32_t p) {
    uint32_t i = p;
    while (i - p < S_MAX_PART && (S_han(x, i) || S_wan(x, i)) && (i == p || !S_word_starts(x, i))) {
        if (!gx_r_translit(x, i) && (i == p || !gx_r_translit(x, i + 1) || !S_han(x, i + 1))) {
            if (i > p + 1 && i - p < S_MAX_PART && S_last_other(x, i)) i++; /* 托马|肖 */
            break;
        }
        i++;
    }
    if (i > p) return i;
    while (i - p < S_MAX_PLAIN && S_han(x, i) && (i == p || !S_word_starts(x, i))) i++;
    return i;
}

uint32_t gx_r_translit_after(const gx_rctx *x, uint32_t p) {
    uint32_t i = p;
    while (i - p < S_MAX_PART && S_han(x, i) && gx_r_translit(x, i) && (i == p || !S_word_starts(x, i)))
        i++;
    return i - p >= 2 ? i - p : 0;
}

uint32_t gx_r_translit_before(const gx_rctx *x, uint32_t end) {
    uint32_t i = end;
    while (i > x->s0 && end - i < S_MAX_PART && S_han(x, i - 1) && gx_r_translit(x, i - 1) &&
           (i == end || !S_word_ends(x, i)))
        i--;
    if (end - i < 2 || (i > x->s0 && S_han(x, i - 1) && !S_word_ends(x, i))) return 0;
    return end - i;
}

static int S_dot(uint32_t c) { return c == 0xB7 || c == 0x30FB || c == 0x2022; }

/* The dotted name around the dot at d: parts to the left and right, further dots included. */
static void S_dotted(gx_rctx *x, uint32_t d) {
    const uint32_t *cp = x->doc->cp;
    uint32_t start = S_part_left(x, d), end = d;
    if (start == d) return;
    while (end < x->s1 && S_dot(cp[end])) {
        uint32_t e = S_part_right(x, end + 1);
        if (e == end + 1) return;
        end = e;
    }
    gx_r_add(x, start, end, GX_KIND_PERSON, "rule:foreign_name", 0);
}

void gx_rules_foreign(gx_rctx *x) {
    const uint32_t *cp = x->doc->cp;
    for (uint32_t p = 1; p + 1 < x->doc->n; p++) {
        if (!S_dot(cp[p]) || !gx_is_han(cp[p - 1]) || !gx_is_han(cp[p + 1])) continue;
        gx_r_seek(x, p);
        uint32_t s = S_part_left(x, p);
        if (s > x->s0 && S_dot(cp[s - 1])) continue; /* not the first dot: found from the first */
        S_dotted(x, p);
    }
}
