/* alias.c: stage 6, one referent per name within a document (see gx_entity.h, resolve_int.h).
 *
 * Repeats: a name a rule found once (区委书记陈红民) is a mention wherever it recurs (陈红民表示).
 * Aliases: an org mention that is the tail of exactly one longer org name of the document
 * (街道党工委 -> 惠济区刘寨街道党工委, 区委 -> 中原区委) or an abbreviation of it (惠济法院党总支 ->
 * 惠济区人民法院党总支) takes that name; names that are themselves tails of a longer one do not
 * count as a second referent. Short forms: the stem of a place (北林路街道 -> 北林路, 北林;
 * 金水区 -> 金水) is a mention of it where nothing else covers the text.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "resolve_int.h"

/* ---------------------------------------------------------------- repeats */

static int S_same_text(const gx_doc *doc, uint32_t a, uint32_t b, uint32_t len) {
    return memcmp(doc->cp + a, doc->cp + b, len * sizeof *doc->cp) == 0;
}

static int S_has_cand(const gx_cands *c, uint32_t start, uint32_t end, gx_kind kind) {
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].start == start && c->v[i].end == end && c->v[i].kind == kind) return 1;
    return 0;
}

static void S_add(gx_cands *c, uint32_t start, uint32_t end, gx_kind kind, const char *canon,
                  const char *source) {
    gx_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = (gx_cand){start, end, kind, 0, GX_NO_ENTRY, canon, source, 0, GX_NO_CAND};
}

void gx_res_repeats(const gx_doc *doc, gx_cands *c) {
    size_t n0 = c->n;
    for (size_t i = 0; i < n0; i++) {
        gx_cand k = c->v[i];
        uint32_t len = k.end - k.start;
        if (k.entry != GX_NO_ENTRY || (k.flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE)) || len < 2)
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = c->v[j].entry == GX_NO_ENTRY && c->v[j].kind == k.kind &&
                   c->v[j].end - c->v[j].start == len && S_same_text(doc, c->v[j].start, k.start, len);
        for (uint32_t p = 0; !seen && p + len <= doc->n; p++) {
            if (p == k.start || doc->cp[p] != doc->cp[k.start] || !S_same_text(doc, p, k.start, len))
                continue;
            if (!S_has_cand(c, p, p + len, k.kind)) S_add(c, p, p + len, k.kind, NULL, "rule:repeat");
        }
    }
}

/* ---------------------------------------------------------------- aliases */

static int S_ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), m = strlen(tail);
    return n > m && memcmp(s + n - m, tail, m) == 0;
}

/* 1 if full is tail with at least two characters in front (中原区委 for 区委; not 团省委 for
 * 省委: one character such as 团 makes another body, not a longer name of the same one). */
static int S_longer_name(const char *full, const char *tail) {
    if (!S_ends_with(full, tail)) return 0;
    const char *p = full;
    int32_t i = 0, n = (int32_t)(strlen(full) - strlen(tail)), chars = 0;
    while (i < n) {
        U8_FWD_1_UNSAFE(p, i);
        chars++;
    }
    return chars >= 2;
}

/* Code points of a UTF-8 string into cp (at most cap); returns the count. */
static size_t S_cps(const char *s, uint32_t *cp, size_t cap) {
    int32_t i = 0, n = (int32_t)strlen(s);
    size_t k = 0;
    while (i < n && k < cap) {
        UChar32 c;
        U8_NEXT_UNSAFE(s, i, c);
        cp[k++] = (uint32_t)c;
    }
    return k;
}

/* 1 if short abbreviates full: same first two and last characters (three, or two for a name of
 * four), short's characters appear in full in order, and full is longer (惠济法院党总支 in
 * 惠济区人民法院党总支, 惠济法院 in 惠济区人民法院). */
static int S_abbrev(const char *shortn, const char *full) {
    uint32_t a[GX_MAX_ENTRY_CHARS * 4], b[GX_MAX_ENTRY_CHARS * 4];
    size_t n = S_cps(shortn, a, sizeof a / sizeof *a), m = S_cps(full, b, sizeof b / sizeof *b);
    if (n < 4 || m <= n || a[0] != b[0] || a[1] != b[1]) return 0;
    for (size_t k = 1; k <= (n == 4 ? 2 : 3); k++)
        if (a[n - k] != b[m - k]) return 0;
    size_t j = 0;
    for (size_t i = 0; i < m && j < n; i++) j += b[i] == a[j];
    return j == n;
}

/* The distinct names of the chosen, non-generic org candidates. */
static const char **S_org_names(const gx_cands *c, const uint8_t *chosen, size_t *out_n) {
    const char **names = gx_xmalloc((c->n + 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        const gx_cand *k = &c->v[i];
        if (!chosen[i] && !(k->flags & GX_CAND_KEEP)) continue;
        if (k->kind != GX_KIND_ORG || (k->flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE))) continue;
        size_t j = 0;
        while (j < n && strcmp(names[j], k->canonical) != 0) j++;
        if (j == n) names[n++] = k->canonical;
    }
    *out_n = n;
    return names;
}

/* The one full name that name shortens, NULL if none; *out_many is set if several do. */
static const char *S_target(const char *name, const char **names, size_t n, int *out_many) {
    const char *t[8];
    size_t nt = 0;
    for (size_t j = 0; j < n && nt < 8; j++)
        if (S_longer_name(names[j], name) || S_abbrev(name, names[j])) t[nt++] = names[j];
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

void gx_res_aliases(gx_cands *c, const uint8_t *chosen, uint8_t *drop, gx_mentions *ms) {
    size_t n;
    const char **names = S_org_names(c, chosen, &n);
    for (size_t i = 0; i < c->n; i++) {
        gx_cand *k = &c->v[i];
        if (k->kind != GX_KIND_ORG || (k->flags & GX_CAND_NEGATIVE)) continue;
        int many;
        const char *t = S_target(k->canonical, names, n, &many);
        if (t) {
            k->canonical = t;
            k->source = "rule:alias";
            k->flags &= ~(uint32_t)GX_CAND_GENERIC;
        } else if (many || (k->flags & GX_CAND_GENERIC)) {
            drop[i] = 1;
            if (chosen[i]) *(many ? &ms->ambiguous : &ms->generic) += 1;
        }
    }
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
    size_t len = S_cps(full, cp, sizeof cp / sizeof *cp);
    for (size_t e = 0; e < sizeof S_endings / sizeof *S_endings; e++) {
        uint32_t end[4];
        size_t m = S_cps(S_endings[e], end, 4);
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
