/* rules_abbrev.c: stage 5b recognizer for one-character place abbreviations.
 *
 * 美 stands for 美国 and 京 for 北京 only in a few contexts, all given as data: a run of two or
 * more abbreviations before a word flagged subtype=pair (中美关系, 中日韩三国, 中俄双边); and
 * for those flagged subtype=strong alone, before a word flagged subtype=side (美方, 中方) or
 * after one flagged subtype=visit (访华, 来京, 驻华). Abbreviations are place entries with the flag abbrev; elsewhere they are no
 * mention (rules.c leaves them out of the candidates).
 */
#include <string.h>
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

static int S_is_context(const gx_entry *e, const char *sub) {
    return e->role == GX_ROLE_GENERIC && e->subtype && strcmp(e->subtype, sub) == 0;
}

/* 1 if a generic word of subtype `sub` starts at p (starts = 1) or ends at p (starts = 0). */
static int S_context(const gx_rctx *x, uint32_t p, const char *sub, int starts) {
    if (starts) {
        size_t lo, hi;
        gx_r_starting(x, p, &lo, &hi);
        for (size_t i = lo; i < hi; i++)
            if (S_is_context(gx_r_entry(x, i), sub)) return 1;
        return 0;
    }
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++)
        if (S_is_context(gx_r_entry(x, x->c->by_end[k]), sub)) return 1;
    return 0;
}

static void S_add(gx_rctx *x, uint32_t p, const gx_entry *e) {
    uint32_t c = gx_r_add(x, p, p + 1, GX_KIND_PLACE, "rule:abbrev", 0);
    x->c->v[c].canonical = e->canonical;
}

void gx_rules_abbrev(gx_rctx *x) {
    const gx_doc *d = x->doc;
    for (uint32_t p = 0; p < d->n; p++) {
        const gx_entry *e = S_abbrev_at(x, p);
        if (!e) continue;
        uint32_t q = p;
        while (q < d->n && S_abbrev_at(x, q)) q++;
        if (q - p >= 2 && S_context(x, q, "pair", 1)) {
            for (uint32_t i = p; i < q; i++) S_add(x, i, S_abbrev_at(x, i));
        } else if (q - p == 1 && e->subtype && strcmp(e->subtype, "strong") == 0 &&
                   (S_context(x, q, "side", 1) || S_context(x, p, "visit", 0))) {
            S_add(x, p, e);
        }
        p = q - 1;
    }
}
