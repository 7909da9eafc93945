/* common.c: allocators that abort on out-of-memory, and entity kind names (support).
 *
 * The only place in guanxi that calls malloc/realloc directly (STYLE §4.6).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/utf8.h>
#include "gx_common.h"

static void S_oom(void) {
    fputs("guanxi: out of memory\n", stderr);
    abort();
}

void *gx_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) S_oom();
    return p;
}

void *gx_xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) S_oom();
    return p;
}

void *gx_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) S_oom();
    return q;
}

char *gx_xstrndup(const char *s, size_t n) {
    char *p = gx_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *gx_xstrdup(const char *s) { return gx_xstrndup(s, strlen(s)); }

void gx_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
    if (n > 1) qsort(base, n, size, cmp);
}

void gx_grow(void **p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem) S_oom();
        c *= 2;
    }
    *p = gx_xrealloc(*p, c * elem);
    *cap = c;
}

static const char *const S_kind_names[GX_KIND_COUNT] = {"org", "person", "place", "program"};

/* Accepted spellings per kind, besides the canonical name (case-insensitive). */
static const struct {
    const char *alias;
    gx_kind kind;
} S_kind_aliases[] = {
    {"org", GX_KIND_ORG},       {"organization", GX_KIND_ORG}, {"person", GX_KIND_PERSON},
    {"per", GX_KIND_PERSON},    {"place", GX_KIND_PLACE},      {"loc", GX_KIND_PLACE},
    {"location", GX_KIND_PLACE}, {"program", GX_KIND_PROGRAM}, {"prog", GX_KIND_PROGRAM},
};

const char *gx_kind_name(gx_kind k) {
    return (unsigned)k < GX_KIND_COUNT ? S_kind_names[k] : "unknown";
}

int gx_kind_parse(const char *s, size_t n, gx_kind *out) {
    for (size_t i = 0; i < sizeof S_kind_aliases / sizeof S_kind_aliases[0]; i++) {
        if (strlen(S_kind_aliases[i].alias) == n && strncasecmp(S_kind_aliases[i].alias, s, n) == 0) {
            *out = S_kind_aliases[i].kind;
            return 1;
        }
    }
    return 0;
}

size_t gx_utf8_cps(const char *s, uint32_t *cp, size_t cap) {
    int32_t i = 0, n = (int32_t)strlen(s);
    size_t k = 0;
    while (i < n && k < cap) {
        UChar32 c;
        U8_NEXT_UNSAFE(s, i, c);
        cp[k++] = (uint32_t)c;
    }
    return k;
}
