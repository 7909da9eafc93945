/* fuzz_dict.c: libFuzzer target for stage 4 (dictionary lines) and stage 5 (the automaton).
 *
 * The input is a dictionary file (fuzz.tsv): it is cut into lines as gx_dict_load does (a BOM on
 * line 1 and trailing CR/LF dropped, lines over GX_MAX_DICT_LINE_BYTES skipped) and each line goes
 * through gx_dict_add_line; unlike the loader, lines after an error are still added, so a
 * dictionary that saw errors must stay consistent too. Then gx_matcher_new and scans, in both
 * modes, of a fixed text, of the input itself (decoded, invalid bytes as U+FFFD) and of all
 * surfaces in a row. The same bytes are also loaded as a jieba userdict (fuzz.txt), a HanLP
 * CustomDictionary (fuzz.csv, comma-separated) and a HanLP file with a default tag ("fuzz.txt ns",
 * format auto), with the entry checks below.
 * Invariants: add_line returns GX_OK, GX_EDICT or GX_ELIMIT only (GX_EICU cannot happen on the
 * valid UTF-8 that reaches ICU) and adds at most one entry; every entry has a non-empty,
 * NFKC-stable, trimmed surface of 1..GX_MAX_ENTRY_CHARS code points without control characters,
 * valid UTF-8 strings, fields in range, and is reachable by gx_dict_find + gx_dict_next_same with
 * one entry per role; the matcher builds; every hit lies in the text and spells its entry; and,
 * when small enough, the hits equal a brute-force search: all hits as a multiset, and the
 * leftmost-longest ones exactly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "fuzz_util.h"
#include "gx_dict.h"
#include "gx_match.h"
#include "gx_norm.h"

#define S_MAX_INPUT (64 * 1024)
/* Brute force only when text length x entries stays below this. */
#define S_MAX_BRUTE 1000000

static gx_diag *S_d;

static const char S_text[] =
    "北林路街道党工委书记张三在金水区调研“三会一课”工作法，中美关系、郑州市第四十七中学。"
    "ABC公司(郑州市)发布了「2024计划」!本报记者 孙志刚 通讯员 许秩康\n路 路路 党支部党支部";

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    if (!S_d) S_d = gx_diag_new(NULL);
    return 0;
}

/* Decodes s[0..n) into code points (invalid bytes become U+FFFD); caller frees. */
static uint32_t *S_decode(const char *s, size_t n, uint32_t *out_n) {
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    uint32_t k = 0;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        cp[k++] = c < 0 ? 0xFFFD : (uint32_t)c;
    }
    *out_n = k;
    return cp;
}

typedef struct {
    uint32_t *cp; /* surface code points */
    uint32_t n;
    uint32_t first; /* gx_dict_find of the surface */
} S_surf;

static int S_cmp_hit(const void *pa, const void *pb) {
    const gx_hit *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return a->entry < b->entry ? -1 : a->entry > b->entry;
}

static int S_at(const uint32_t *cp, uint32_t n, uint32_t i, const S_surf *s) {
    return s->n <= n - i && memcmp(cp + i, s->cp, s->n * sizeof *cp) == 0;
}

static void S_scan(const gx_dict *dict, const gx_matcher *m, const S_surf *surf,
                   const uint32_t *cp, uint32_t n, gx_hits *h) {
    size_t count = gx_dict_count(dict);
    int brute = (uint64_t)n * (count + 1) <= S_MAX_BRUTE;
    /* all hits */
    size_t got = gx_match_scan(m, cp, n, GX_MATCH_ALL, h);
    FZ_CHECK(got == h->n, "scan returned %zu, list has %zu", got, h->n);
    for (size_t i = 0; i < h->n; i++) {
        const gx_hit *x = &h->v[i];
        FZ_CHECK(x->start < x->end && x->end <= n && x->entry < count, "hit %zu = [%u, %u) entry %u",
                 i, x->start, x->end, x->entry);
        FZ_CHECK(x->end - x->start == surf[x->entry].n && S_at(cp, n, x->start, &surf[x->entry]),
                 "hit %zu [%u, %u) does not spell entry %u", i, x->start, x->end, x->entry);
        FZ_CHECK(i == 0 || h->v[i - 1].start < x->start ||
                     (h->v[i - 1].start == x->start && h->v[i - 1].end >= x->end),
                 "hits not sorted (start, longer first) at %zu", i);
    }
    if (brute) {
        gx_hit *want = NULL;
        size_t nw = 0, cap = 0;
        for (uint32_t i = 0; i < n; i++)
            for (size_t e = 0; e < count; e++)
                if (S_at(cp, n, i, &surf[e])) {
                    if (nw == cap) want = realloc(want, (cap = cap ? cap * 2 : 64) * sizeof *want);
                    want[nw++] = (gx_hit){i, i + surf[e].n, (uint32_t)e};
                }
        gx_hit *have = malloc((h->n + 1) * sizeof *have);
        if (h->n) memcpy(have, h->v, h->n * sizeof *have);
        if (nw) qsort(want, nw, sizeof *want, S_cmp_hit);
        if (h->n) qsort(have, h->n, sizeof *have, S_cmp_hit);
        FZ_CHECK(nw == h->n, "all hits: %zu, brute force finds %zu", h->n, nw);
        for (size_t i = 0; i < nw; i++)
            FZ_CHECK(S_cmp_hit(&want[i], &have[i]) == 0,
                     "all hits differ at %zu: [%u, %u) entry %u, brute force [%u, %u) entry %u", i,
                     have[i].start, have[i].end, have[i].entry, want[i].start, want[i].end,
                     want[i].entry);
        free(want);
        free(have);
    }
    /* leftmost-longest */
    got = gx_match_scan(m, cp, n, GX_MATCH_LONGEST, h);
    FZ_CHECK(got == h->n, "scan returned %zu, list has %zu", got, h->n);
    for (size_t i = 0; i < h->n; i++) {
        const gx_hit *x = &h->v[i];
        FZ_CHECK(x->start < x->end && x->end <= n && x->entry < count, "longest hit %zu = [%u, %u)",
                 i, x->start, x->end);
        FZ_CHECK(S_at(cp, n, x->start, &surf[x->entry]) && x->end - x->start == surf[x->entry].n,
                 "longest hit %zu does not spell its entry", i);
        FZ_CHECK(!(gx_dict_entry(dict, x->entry)->flags & GX_ENTRY_NEGATIVE),
                 "longest hit %zu is a negative entry", i);
        FZ_CHECK(i == 0 || h->v[i - 1].end <= x->start, "longest hits overlap at %zu", i);
    }
    if (brute) {
        size_t k = 0;
        for (uint32_t i = 0; i < n;) {
            uint32_t best = 0, be = 0;
            for (size_t e = 0; e < count; e++)
                if (surf[e].n > best && S_at(cp, n, i, &surf[e])) best = surf[e].n, be = surf[e].first;
            if (!best) {
                i++;
                continue;
            }
            if (!(gx_dict_entry(dict, be)->flags & GX_ENTRY_NEGATIVE)) {
                FZ_CHECK(k < h->n, "longest: missing hit [%u, %u) entry %u", i, i + best, be);
                FZ_CHECK(h->v[k].start == i && h->v[k].end == i + best && h->v[k].entry == be,
                         "longest hit %zu = [%u, %u) entry %u, brute force [%u, %u) entry %u", k,
                         h->v[k].start, h->v[k].end, h->v[k].entry, i, i + best, be);
                k++;
            }
            i += best;
        }
        FZ_CHECK(k == h->n, "longest: %zu hits, brute force %zu", h->n, k);
    }
}

/* Entry invariants; fills surf. */
static void S_check_entries(const gx_dict *dict, S_surf *surf) {
    size_t count = gx_dict_count(dict);
    for (size_t i = 0; i < count; i++) {
        const gx_entry *e = gx_dict_entry(dict, i);
        FZ_CHECK(e->surface && e->canonical, "entry %zu without surface or canonical", i);
        size_t n = strlen(e->surface);
        long cps = fz_utf8_ok(e->surface, n);
        FZ_CHECK(cps >= 1 && cps <= GX_MAX_ENTRY_CHARS, "entry %zu surface has %ld code points", i,
                 cps);
        for (size_t k = 0; k < n; k++)
            FZ_CHECK((unsigned char)e->surface[k] >= 0x20 && e->surface[k] != 0x7F,
                     "entry %zu surface holds a control character", i);
        FZ_CHECK(e->surface[0] != ' ' && e->surface[n - 1] != ' ', "entry %zu surface not trimmed", i);
        FZ_CHECK(fz_utf8_ok(e->canonical, strlen(e->canonical)) >= 0, "entry %zu canonical not UTF-8", i);
        FZ_CHECK(!e->subtype || fz_utf8_ok(e->subtype, strlen(e->subtype)) >= 0, "subtype not UTF-8");
        FZ_CHECK(!e->parent || fz_utf8_ok(e->parent, strlen(e->parent)) >= 0, "parent not UTF-8");
        FZ_CHECK((unsigned)e->role < GX_ROLE_COUNT && (unsigned)e->kind < GX_KIND_COUNT &&
                     (unsigned)e->prefix <= GX_PREFIX_QUOTE && e->side <= 3,
                 "entry %zu: role %d kind %d prefix %d side %u", i, (int)e->role, (int)e->kind,
                 (int)e->prefix, e->side);
        FZ_CHECK(e->min <= e->max && e->max <= GX_MAX_ENTRY_CHARS, "entry %zu: min %u max %u", i,
                 e->min, e->max);
        FZ_CHECK(e->priority >= -1000000 && e->priority <= 1000000, "entry %zu priority", i);
        /* NFKC-stable */
        char *nf = NULL;
        size_t nfn = 0;
        gx_status rc = gx_norm_string(e->surface, n, &nf, &nfn);
        FZ_CHECK(rc == GX_OK, "gx_norm_string failed (%d) on entry %zu surface", (int)rc, i);
        FZ_CHECK(nfn == n && memcmp(nf, e->surface, n) == 0, "entry %zu surface is not NFKC", i);
        free(nf);
        /* reachable through find + next_same, one entry per role */
        long f = gx_dict_find(dict, e->surface, n);
        FZ_CHECK(f >= 0 && (size_t)f <= i, "entry %zu: find gives %ld", i, f);
        FZ_CHECK(strcmp(gx_dict_entry(dict, (size_t)f)->surface, e->surface) == 0, "find: other surface");
        unsigned roles = 0;
        int seen = 0;
        size_t steps = 0;
        for (long j = f; j >= 0; j = gx_dict_next_same(dict, (size_t)j)) {
            FZ_CHECK(steps++ <= GX_ROLE_COUNT, "next_same chain of entry %zu too long", i);
            const gx_entry *o = gx_dict_entry(dict, (size_t)j);
            FZ_CHECK(strcmp(o->surface, e->surface) == 0, "next_same: other surface");
            FZ_CHECK(!(roles & (1u << o->role)), "two entries of role %d for one surface", (int)o->role);
            roles |= 1u << o->role;
            seen |= (size_t)j == i;
        }
        FZ_CHECK(seen, "entry %zu not on its surface's chain", i);
        surf[i].cp = malloc((n + 1) * sizeof(uint32_t));
        surf[i].n = 0;
        for (int32_t k = 0; k < (int32_t)n;) {
            UChar32 c;
            U8_NEXT(e->surface, k, (int32_t)n, c);
            surf[i].cp[surf[i].n++] = (uint32_t)c;
        }
        surf[i].first = (uint32_t)f;
    }
}

/* The input loaded from a file in another format: status and entries. */
static void S_import(const uint8_t *data, size_t size, const char *name, const char *suffix,
                     gx_dict_format format) {
    const char *path = fz_path(name);
    fz_write(path, 0, data, size);
    size_t np = strlen(path), ns = strlen(suffix);
    char *full = malloc(np + ns + 1);
    memcpy(full, path, np);
    memcpy(full + np, suffix, ns + 1);
    gx_dict *dict = gx_dict_new();
    gx_status rc = gx_dict_load_as(dict, full, format, S_d);
    free(full);
    FZ_CHECK(rc == GX_OK || rc == GX_EDICT || rc == GX_ELIMIT, "loading %s%s as %s returned %d",
             name, suffix, gx_dict_format_name(format), (int)rc);
    size_t count = gx_dict_count(dict);
    S_surf *surf = calloc(count + 1, sizeof *surf);
    S_check_entries(dict, surf);
    for (size_t i = 0; i < count; i++) free(surf[i].cp);
    free(surf);
    gx_dict_free(dict);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > S_MAX_INPUT) return 0;
    LLVMFuzzerInitialize(NULL, NULL);
    S_import(data, size, "fuzz.txt", "", GX_DICT_JIEBA);
    S_import(data, size, "fuzz.csv", "", GX_DICT_HANLP);
    S_import(data, size, "fuzz.txt", " ns", GX_DICT_AUTO);
    gx_dict *dict = gx_dict_new();
    const char *p = (const char *)data, *end = p + size;
    long line = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *s = p;
        size_t len = (size_t)((nl ? nl + 1 : end) - p);
        p = nl ? nl + 1 : end;
        line++;
        if (len > GX_MAX_DICT_LINE_BYTES) continue; /* the loader's error, not add_line's */
        if (line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, len -= 3;
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r')) len--;
        size_t before = gx_dict_count(dict);
        gx_status rc = gx_dict_add_line(dict, s, len, "fuzz.tsv", line, S_d);
        FZ_CHECK(rc == GX_OK || rc == GX_EDICT || rc == GX_ELIMIT,
                 "gx_dict_add_line returned %d on line %ld", (int)rc, line);
        size_t after = gx_dict_count(dict);
        FZ_CHECK(after == before || (rc == GX_OK && after == before + 1),
                 "line %ld (status %d) took the count from %zu to %zu", line, (int)rc, before, after);
    }
    size_t count = gx_dict_count(dict);
    S_surf *surf = calloc(count + 1, sizeof *surf);
    S_check_entries(dict, surf);

    gx_matcher *m = NULL;
    gx_status rc = gx_matcher_new(dict, S_d, &m);
    FZ_CHECK(rc == GX_OK && m != NULL, "gx_matcher_new returned %d", (int)rc);
    FZ_CHECK(gx_matcher_states(m) >= 1, "no root state");
    gx_hits h = {0};
    uint32_t n;
    uint32_t *cp = S_decode(S_text, sizeof S_text - 1, &n);
    S_scan(dict, m, surf, cp, n, &h);
    free(cp);
    cp = S_decode((const char *)data, size, &n);
    S_scan(dict, m, surf, cp, n, &h);
    free(cp);
    /* all surfaces in a row: every entry hits at least once */
    size_t total = 0;
    for (size_t i = 0; i < count; i++) total += surf[i].n;
    cp = malloc((total + 1) * sizeof *cp);
    n = 0;
    for (size_t i = 0; i < count; i++) {
        memcpy(cp + n, surf[i].cp, surf[i].n * sizeof *cp);
        n += surf[i].n;
    }
    S_scan(dict, m, surf, cp, n, &h);
    free(cp);

    gx_hits_free(&h);
    gx_matcher_free(m);
    for (size_t i = 0; i < count; i++) free(surf[i].cp);
    free(surf);
    gx_dict_free(dict);
    return 0;
}
