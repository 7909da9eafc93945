/* rules_person.c: stage 5b recognizer for people.
 *
 * A name is a surname (role surname; compound ones such as 欧阳 win) and one or two given-name
 * characters. It is found next to a title (role title: 书记陈红民 with side=before, 焦裕禄同志
 * with side=after), in a byline after a title flagged byline (本报记者 孙志刚 通讯员 许秩康, a
 * space-separated list), or on an author line: a short paragraph of two to five such names
 * separated by spaces (张贺喜 陈卫博 张萌). A name never starts with a common word (role word:
 * 高度, 全面) and the second given character is dropped when a stop word, title or suffix starts
 * there (书记李一说: 李一). Without any of these, a surname and two given-name characters (role
 * given) between clear boundaries is a name too, at the lowest priority (江宏伟的作品).
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

/* Length of a name starting at p (0 if none): surname + 1 or 2 given characters. */
static uint32_t S_name_at(const gx_rctx *x, uint32_t p) {
    uint32_t sn = gx_r_role_starts(x, p, GX_ROLE_SURNAME);
    if (sn == 0 || gx_r_role_starts(x, p, GX_ROLE_WORD) > sn) return 0;
    uint32_t g = p + sn;
    if (S_breaks(x, g)) return 0;
    uint32_t len = sn + (S_breaks(x, g + 1) ? 1 : 2);
    long e = gx_r_lookup(x, p, p + len); /* a known non-person word is no name */
    if (e >= 0 && gx_dict_entry(x->dict, (size_t)e)->kind != GX_KIND_PERSON) return 0;
    return len;
}

/* Length of a name ending at end (0 if none): the longest of 2..4 characters that starts with
 * a surname and holds only Han characters. */
static uint32_t S_name_before(const gx_rctx *x, uint32_t end) {
    for (uint32_t len = 4; len >= 2; len--) {
        if (end < x->s0 + len) continue;
        uint32_t p = end - len, ok = 1;
        for (uint32_t i = p; i < end && ok; i++) ok = gx_is_han(x->doc->cp[i]) && !gx_r_numeral(x->doc->cp[i]);
        uint32_t sn = gx_r_role_starts(x, p, GX_ROLE_SURNAME);
        if (!ok || sn == 0 || sn >= len || len - sn > 2) continue;
        if (gx_r_role_starts(x, p, GX_ROLE_WORD) > sn) continue;
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

static void S_title(gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    gx_r_seek(x, h->start);
    if (e->side & 1) {
        uint32_t p = h->end;
        if (e->flags & GX_ENTRY_BYLINE) {
            S_byline(x, p);
        } else {
            uint32_t len = S_name_at(x, p);
            if (len) gx_r_add(x, p, p + len, GX_KIND_PERSON, "rule:title_name", 0);
        }
    }
    if (e->side & 2) {
        uint32_t len = S_name_before(x, h->start);
        if (len) gx_r_add(x, h->start - len, h->start, GX_KIND_PERSON, "rule:name_title", 0);
    }
}

/* 1 if a name may start at p: a sentence start, a non-Han character, or a stop word, title or
 * entity ending right before it. */
static int S_left_open(const gx_rctx *x, uint32_t p) {
    if (p == x->s0 || !gx_is_han(x->doc->cp[p - 1])) return 1;
    return gx_r_role_ends(x, p, GX_ROLE_STOP) || gx_r_role_ends(x, p, GX_ROLE_TITLE) ||
           gx_r_entity_ends(x, p, 1) != UINT32_MAX;
}

/* A name with no title: surname + two given-name characters (role given) standing between
 * boundaries on both sides, not a known word. Priority -1: any other candidate wins. */
static void S_bare_name(gx_rctx *x, const gx_hit *h, const gx_entry *e) {
    uint32_t p = h->start, q = h->end;
    if (e->subtype && strcmp(e->subtype, "common") == 0) return;
    gx_r_seek(x, p);
    if (q + 2 > x->s1 || p < x->s0) return;
    if (!gx_r_role_starts(x, q, GX_ROLE_GIVEN) || !gx_r_role_starts(x, q + 1, GX_ROLE_GIVEN)) return;
    if (gx_r_role_starts(x, p, GX_ROLE_WORD) > q - p || gx_r_role_starts(x, q, GX_ROLE_STOP) ||
        gx_r_role_starts(x, q + 1, GX_ROLE_STOP) || gx_r_role_starts(x, q, GX_ROLE_WORD))
        return;
    if (!S_left_open(x, p) || !S_breaks(x, q + 2)) return;
    if (gx_r_lookup(x, p, q + 2) >= 0 || gx_r_role_starts(x, q, GX_ROLE_WORD) >= 2) return;
    const uint32_t *cp = x->doc->cp; /* a quoted "name" is a nickname or a slogan: “路长制” */
    if (p > x->s0 && q + 2 < x->s1 && (cp[p - 1] == 0x201C || cp[p - 1] == '"') &&
        (cp[q + 2] == 0x201D || cp[q + 2] == '"'))
        return;
    size_t n0 = x->c->n;
    uint32_t c = gx_r_add(x, p, q + 2, GX_KIND_PERSON, "rule:surname_name", 0);
    if (c >= n0) x->c->v[c].priority = -1; /* a title's name (found before) keeps its priority */
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
    for (uint32_t si = 0; si < x->doc->n_sents; si++) S_author_line(x, si);
}
