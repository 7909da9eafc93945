/* alias_names.c: stage 6 (resolve): the org names of a document indexed for alias lookups (see
 * gx_res_names_targets in resolve_int.h; alias.c uses it).
 *
 * A short form names a longer org when the longer one ends with it after two or more characters
 * (区委 -> 中原区委) or abbreviates it (惠济法院党总支 -> 惠济区人民法院党总支). Asking every name
 * of the document made a document with many orgs quadratic; instead every name is filed under
 * each of its tails that has two or more characters before it (a string map) and under a hash of
 * its first two and last two code points (the abbreviation check's fixed points), so a lookup
 * walks only names that can match. Lists are in name order, so answers come in the order a full
 * scan would give them.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_hash.h"
#include "resolve_int.h"

#define S_NONE UINT32_MAX

typedef struct {
    uint32_t name, next;
} S_link;

struct gx_res_names {
    const char *const *names;
    size_t n;
    gx_strmap *tails; /* tail -> first link */
    gx_u64map *ends;  /* S_ends_key -> first link */
    S_link *links;
    size_t n_links, cap_links;
};

static uint64_t S_ends_key(const uint32_t *cp, size_t n) {
    uint32_t k[4] = {cp[0], cp[1], cp[n - 2], cp[n - 1]};
    return gx_fnv1a(GX_FNV_OFFSET, k, sizeof k);
}

/* 1 if short abbreviates full: same first two and last characters (three, or two for a name of
 * four), short's characters appear in full in order, and full is longer (惠济法院党总支 in
 * 惠济区人民法院党总支, 惠济法院 in 惠济区人民法院). */
static int S_abbrev(const char *shortn, const char *full) {
    uint32_t a[GX_MAX_ENTRY_CHARS * 4], b[GX_MAX_ENTRY_CHARS * 4];
    size_t n = gx_utf8_cps(shortn, a, sizeof a / sizeof *a), m = gx_utf8_cps(full, b, sizeof b / sizeof *b);
    if (n < 4 || m <= n || a[0] != b[0] || a[1] != b[1]) return 0;
    for (size_t k = 1; k <= (n == 4 ? 2 : 3); k++)
        if (a[n - k] != b[m - k]) return 0;
    size_t j = 0;
    for (size_t i = 0; i < m && j < n; i++) j += b[i] == a[j];
    return j == n;
}

/* Prepends name i to the list stored under the map value *head (S_NONE: empty). */
static uint32_t S_push(gx_res_names *x, uint32_t head, uint32_t i) {
    gx_grow((void **)&x->links, &x->cap_links, x->n_links + 1, sizeof *x->links);
    x->links[x->n_links] = (S_link){i, head};
    return (uint32_t)x->n_links++;
}

static void S_file_tails(gx_res_names *x, uint32_t i) {
    const char *s = x->names[i];
    int32_t at = 0, len = (int32_t)strlen(s);
    for (int chars = 0; at < len; chars++) {
        if (chars >= 2) {
            uint32_t head, link = S_push(x, S_NONE, i);
            if (!gx_strmap_put(x->tails, s + at, (size_t)(len - at), link, &head)) {
                x->links[link].next = head;
                gx_strmap_set(x->tails, s + at, (size_t)(len - at), link);
            }
        }
        U8_FWD_1_UNSAFE(s, at);
    }
}

static void S_file_ends(gx_res_names *x, uint32_t i) {
    uint32_t cp[GX_MAX_ENTRY_CHARS * 4], head;
    size_t m = gx_utf8_cps(x->names[i], cp, sizeof cp / sizeof *cp);
    if (m < 5) return; /* a full name is longer than an abbreviation of four or more */
    uint64_t key = S_ends_key(cp, m);
    uint32_t link = S_push(x, S_NONE, i);
    if (!gx_u64map_put(x->ends, key, link, &head)) {
        x->links[link].next = head;
        gx_u64map_set(x->ends, key, link);
    }
}

gx_res_names *gx_res_names_new(const char *const *names, size_t n) {
    gx_res_names *x = gx_xcalloc(1, sizeof *x);
    x->names = names;
    x->n = n;
    x->tails = gx_strmap_new();
    x->ends = gx_u64map_new();
    for (size_t i = n; i-- > 0;) { /* prepending from the last name keeps lists in name order */
        S_file_tails(x, (uint32_t)i);
        S_file_ends(x, (uint32_t)i);
    }
    return x;
}

void gx_res_names_free(gx_res_names *x) {
    if (!x) return;
    gx_strmap_free(x->tails);
    gx_u64map_free(x->ends);
    free(x->links);
    free(x);
}

/* The first link of the abbreviation candidates of name, S_NONE if it cannot abbreviate. */
static uint32_t S_ends_first(const gx_res_names *x, const char *name) {
    uint32_t cp[GX_MAX_ENTRY_CHARS * 4], head;
    size_t n = gx_utf8_cps(name, cp, sizeof cp / sizeof *cp);
    return n >= 4 && gx_u64map_get(x->ends, S_ends_key(cp, n), &head) ? head : S_NONE;
}

size_t gx_res_names_targets(const gx_res_names *x, const char *name, const char **t, size_t cap) {
    uint32_t a = S_NONE, b = S_ends_first(x, name);
    if (!gx_strmap_get(x->tails, name, strlen(name), &a)) a = S_NONE;
    size_t nt = 0;
    while (nt < cap && (a != S_NONE || b != S_NONE)) { /* merge two lists in name order */
        uint32_t ia = a != S_NONE ? x->links[a].name : S_NONE;
        uint32_t ib = b != S_NONE ? x->links[b].name : S_NONE;
        if (ia <= ib) {
            t[nt++] = x->names[ia];
            a = x->links[a].next;
            if (ia == ib) b = x->links[b].next;
        } else {
            if (S_abbrev(name, x->names[ib])) t[nt++] = x->names[ib];
            b = x->links[b].next;
        }
    }
    return nt;
}
