/* alias.c: stage 6, one referent per name within a document (see gx_entity.h, resolve_int.h).
 *
 * (Repeats of names a rule found are in repeats.c.)
 * Aliases: an org mention that is the tail of exactly one longer org name of the document
 * (街道党工委 -> 惠济区刘寨街道党工委, 区委 -> 中原区委) or an abbreviation of it (惠济法院党总支 ->
 * 惠济区人民法院党总支) takes that name; names that are themselves tails of a longer one do not
 * count as a second referent. Short forms: the stem of a place (北林路街道 -> 北林路, 北林;
 * 金水区 -> 金水) is a mention of it where nothing else covers the text.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_hash.h"
#include "resolve_int.h"

/* ---------------------------------------------------------------- aliases */

static int S_ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), m = strlen(tail);
    return n > m && memcmp(s + n - m, tail, m) == 0;
}

/* The distinct names of the chosen, non-generic org candidates, in candidate order. */
static const char **S_org_names(const gx_cands *c, const uint8_t *chosen, size_t *out_n) {
    const char **names = gx_xmalloc((c->n + 1) * sizeof *names);
    gx_strmap *seen = gx_strmap_new();
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        const gx_cand *k = &c->v[i];
        if (!chosen[i] && !(k->flags & GX_CAND_KEEP)) continue;
        if (k->kind != GX_KIND_ORG || (k->flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE))) continue;
        if (gx_strmap_put(seen, k->canonical, strlen(k->canonical), 0, NULL)) names[n++] = k->canonical;
    }
    gx_strmap_free(seen);
    *out_n = n;
    return names;
}

/* The one full name that name shortens, NULL if none; *out_many is set if several do. */
static const char *S_target(const char *name, const gx_res_names *index, int *out_many) {
    const char *t[8];
    size_t nt = gx_res_names_targets(index, name, t, 8);
    size_t kept = 0;
    const char *one = NULL;
    for (size_t a = 0; a < nt; a++) { /* a tail of another target is that target's alias */
        int tail = 0;
        for (size_t b = 0; b < nt && !tail; b++) tail = b != a && S_ends_with(t[b], t[a]);
        if (!tail) {
            kept++;
            one = t[a];
        }
    }
    *out_many = kept > 1;
    return kept == 1 ? one : NULL;
}

/* S_target once per distinct name: memo maps a name to its answer (0 none, 1 many, 2 + j the
 * j-th of targets). */
static const char *S_target_memo(const char *name, const gx_res_names *index, gx_strmap *memo,
                                 const char ***targets, size_t *n_targets, size_t *cap, int *many) {
    uint32_t v;
    size_t len = strlen(name);
    if (!gx_strmap_get(memo, name, len, &v)) {
        const char *t = S_target(name, index, many);
        v = t ? (uint32_t)(2 + *n_targets) : (uint32_t)*many;
        if (t) {
            gx_grow((void **)targets, cap, *n_targets + 1, sizeof **targets);
            (*targets)[(*n_targets)++] = t;
        }
        gx_strmap_put(memo, name, len, v, NULL);
    }
    *many = v == 1;
    return v >= 2 ? (*targets)[v - 2] : NULL;
}

void gx_res_aliases(gx_cands *c, const uint8_t *chosen, uint8_t *drop, gx_mentions *ms) {
    size_t n, n_targets = 0, cap = 0;
    const char **names = S_org_names(c, chosen, &n), **targets = NULL;
    gx_res_names *index = gx_res_names_new(names, n);
    gx_strmap *memo = gx_strmap_new();
    for (size_t i = 0; i < c->n; i++) {
        gx_cand *k = &c->v[i];
        if (k->kind != GX_KIND_ORG || (k->flags & GX_CAND_NEGATIVE)) continue;
        int many;
        const char *t = S_target_memo(k->canonical, index, memo, &targets, &n_targets, &cap, &many);
        if (t) {
            k->canonical = t;
            k->source = "rule:alias";
            k->flags &= ~(uint32_t)GX_CAND_GENERIC;
        } else if (many || (k->flags & GX_CAND_GENERIC)) {
            drop[i] = 1;
            if (chosen[i]) *(many ? &ms->ambiguous : &ms->generic) += 1;
        }
    }
    gx_strmap_free(memo);
    free(targets);
    gx_res_names_free(index);
    free(names);
}

/* ---------------------------------------------------------------- short forms */

/* Administrative endings a short form drops, longest first. */
static const char *const S_endings[] = {"办事处", "新区", "街道", "社区", "镇", "乡",
                                        "区",     "县",   "市",   "村"};

typedef struct {
    uint32_t cp[8];
    uint32_t n;
    const char *full; /* NULL once two places claim the same short form */
} S_short;

static void S_add_short(S_short *s, size_t *n, size_t cap, const uint32_t *cp, uint32_t len,
                        const char *full) {
    if (len < 2 || len > 8) return;
    for (size_t i = 0; i < *n; i++)
        if (s[i].n == len && memcmp(s[i].cp, cp, len * sizeof *cp) == 0) {
            if (s[i].full && strcmp(s[i].full, full) != 0) s[i].full = NULL;
            return;
        }
    if (*n == cap) return;
    memcpy(s[*n].cp, cp, len * sizeof *cp);
    s[*n].n = len;
    s[(*n)++].full = full;
}

/* The short forms of place name full: its stem without an administrative ending, and the
 * stem's first two characters when the stem is longer. */
static void S_shorts_of(const char *full, S_short *s, size_t *n, size_t cap) {
    uint32_t cp[GX_MAX_ENTRY_CHARS * 4];
    size_t len = gx_utf8_cps(full, cp, sizeof cp / sizeof *cp);
    for (size_t e = 0; e < sizeof S_endings / sizeof *S_endings; e++) {
        uint32_t end[4];
        size_t m = gx_utf8_cps(S_endings[e], end, 4);
        if (len <= m + 1 || memcmp(cp + len - m, end, m * sizeof *cp) != 0) continue;
        S_add_short(s, n, cap, cp, (uint32_t)(len - m), full);
        if (len - m >= 3) S_add_short(s, n, cap, cp, 2, full);
        return;
    }
}

void gx_res_short_forms(const gx_doc *doc, gx_cands *c, const uint32_t *owner, gx_mentions *ms) {
    (void)c;
    S_short shorts[64];
    size_t ns = 0, n0 = ms->n;
    for (size_t i = 0; i < n0; i++) /* only places the dictionary knows: rules may err */
        if (ms->v[i].kind == GX_KIND_PLACE && strcmp(ms->v[i].source, "dict") == 0)
            S_shorts_of(ms->v[i].canonical, shorts, &ns, 64);
    gx_grow((void **)&ms->taken, &ms->cap_taken, (size_t)doc->n + 1, 1);
    for (uint32_t p = 0; p < doc->n; p++) ms->taken[p] = owner[p] != GX_NO_CAND;
    for (size_t k = 0; k < ns; k++) {
        const S_short *s = &shorts[k];
        if (!s->full) continue;
        for (uint32_t p = 0; p + s->n <= doc->n; p++) {
            if (doc->cp[p] != s->cp[0] || memcmp(doc->cp + p, s->cp, s->n * sizeof *s->cp) != 0)
                continue;
            uint32_t q = p;
            while (q < p + s->n && !ms->taken[q]) q++;
            if (q < p + s->n) continue;
            memset(ms->taken + p, 1, s->n);
            gx_grow((void **)&ms->v, &ms->cap, ms->n + 1, sizeof *ms->v);
            ms->v[ms->n++] = (gx_mention){p, p + s->n, 0, 0, 0, GX_KIND_PLACE, s->full,
                                          "rule:short_form", 0, GX_NO_CAND};
        }
    }
}
