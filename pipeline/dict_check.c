/* dict_check.c: `guanxi dict check`: lints dictionaries of every format (see gx_dict.h).
 *
 * Reads the paths through dict_read.c in lint and keep-going mode into a sink that keeps every
 * entry with its file:line (nothing is merged), then looks at them together: repeated surfaces
 * (duplicates and conflicting types), canonical names and parents that are not entries, entries
 * shadowed by a negative entry. What loading forgives (non-NFKC and full-width forms, spaces
 * around a field or between Han characters, invisible characters) is warned about while lines
 * are parsed, by the two gx_dict_lint_* functions below.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "dict_int.h"
#include "gx_hash.h"
#include "gx_match.h"
#include "gx_norm.h"

/* ---------------------------------------------------------------- lints while parsing */

static int S_fullwidth(const char *s, size_t n) {
    int32_t i = 0, len = (int32_t)n;
    while (i < len) {
        UChar32 c;
        U8_NEXT_UNSAFE((const uint8_t *)s, i, c);
        if ((c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000 || (c >= 0xFFE0 && c <= 0xFFE6)) return 1;
    }
    return 0;
}

/* 1 if s has white space between two Han characters (the normalizer removes it in prose). */
static int S_han_gap(const char *s) {
    int32_t i = 0, len = (int32_t)strlen(s);
    UChar32 c, before = 0;
    int gap = 0;
    while (i < len) {
        U8_NEXT_UNSAFE((const uint8_t *)s, i, c);
        if (gx_is_space((uint32_t)c)) {
            gap = gap || gx_is_han((uint32_t)before);
            continue;
        }
        if (gap && gx_is_han((uint32_t)c)) return 1;
        gap = 0;
        before = c;
    }
    return 0;
}

void gx_dict_lint_field(gx_dict_file *f, const char *what, gx_dfield raw, const char *normalized) {
    gx_dfield t = raw;
    while (t.n && (t.p[0] == ' ' || t.p[0] == '\t')) t.p++, t.n--;
    while (t.n && (t.p[t.n - 1] == ' ' || t.p[t.n - 1] == '\t')) t.n--;
    if (t.n != raw.n)
        gx_diag_warn(f->d, f->file, f->line, "%s '%.*s' has leading or trailing spaces (removed "
                     "on load)", what, (int)raw.n, raw.p);
    if (t.n != strlen(normalized) || memcmp(t.p, normalized, t.n) != 0)
        gx_diag_warn(f->d, f->file, f->line, "%s '%.*s' %s: it is loaded as '%s'", what,
                     (int)t.n, t.p,
                     S_fullwidth(t.p, t.n) ? "has full-width forms" : "is not in NFKC form",
                     normalized);
    if ((strcmp(what, "surface") == 0 || strcmp(what, "word") == 0) && S_han_gap(normalized))
        gx_diag_warn(f->d, f->file, f->line, "%s '%s' has a space between two Han characters: "
                     "the normalizer removes such spaces in running text, so it matches only in "
                     "short lines (headings, bylines)", what, normalized);
}

/* Zero-width and bidi format characters, the soft hyphen, a BOM inside the file: NFKC keeps
 * them, so an entry holding one matches only text that holds the same invisible character. */
static int S_invisible(UChar32 c) {
    return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

void gx_dict_lint_line(gx_dict_file *f, const char *text, size_t len) {
    int32_t i = 0, n = (int32_t)len;
    while (i < n) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT_UNSAFE((const uint8_t *)text, i, c);
        if (!S_invisible(c)) continue;
        gx_diag_warn(f->d, f->file, f->line, "invisible character U+%04X at byte %d of the line: "
                     "the entry matches only text that has it too", (unsigned)c, (int)at);
        return;
    }
}

/* ---------------------------------------------------------------- the collecting sink */

typedef struct {
    gx_dict_sink sink; /* first: dict_read.c sees only this */
    gx_entry *v;       /* every entry, in load order */
    size_t n, cap;
    gx_diag *d;
} S_check;

static gx_status S_collect(gx_dict_sink *s, const gx_entry *e, gx_diag *d) {
    S_check *c = (S_check *)s;
    if (c->n >= GX_MAX_DICT_ENTRIES)
        return gx_diag_error(d, GX_ELIMIT, e->file, e->line,
                             "more than %d dictionary entries (GX_MAX_DICT_ENTRIES)",
                             GX_MAX_DICT_ENTRIES);
    gx_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = *e;
    return GX_OK;
}

/* ---------------------------------------------------------------- repeated surfaces */

typedef struct {
    const char *surface;
    uint32_t idx;
    uint8_t role;
} S_key;

static int S_cmp_key(const void *pa, const void *pb) {
    const S_key *a = pa, *b = pb;
    if (a->role != b->role) return a->role < b->role ? -1 : 1;
    int c = strcmp(a->surface, b->surface);
    if (c) return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Entries sorted by (role, surface, load order): each group is one surface of one role. */
static S_key *S_groups(const S_check *c) {
    S_key *k = gx_xmalloc((c->n + 1) * sizeof *k);
    for (size_t i = 0; i < c->n; i++)
        k[i] = (S_key){c->v[i].surface, (uint32_t)i, (uint8_t)c->v[i].role};
    gx_sort(k, c->n, sizeof *k, S_cmp_key);
    return k;
}

static int S_streq(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* "place", "negative place", "suffix (org)". */
static const char *S_type(const gx_entry *e, char *buf, size_t cap) {
    if (e->role != GX_ROLE_ENTITY)
        snprintf(buf, cap, "%s (%s)", gx_role_name(e->role), gx_kind_name(e->kind));
    else
        snprintf(buf, cap, "%s%s", e->flags & GX_ENTRY_NEGATIVE ? "negative " : "",
                 gx_kind_name(e->kind));
    return buf;
}

static int S_same_attrs(const gx_entry *a, const gx_entry *b) {
    return a->priority == b->priority && a->flags == b->flags && S_streq(a->subtype, b->subtype) &&
           S_streq(a->parent, b->parent) && a->prefix == b->prefix && a->min == b->min &&
           a->max == b->max && a->side == b->side;
}

/* Reports a conflict: an error when both lines are in one file (it contradicts itself), a
 * warning across files (a later file may override an earlier one on purpose). */
static void S_conflict(S_check *c, const gx_entry *e, const gx_entry *o, const char *msg) {
    if (strcmp(e->file, o->file) == 0)
        gx_diag_error(c->d, GX_EDICT, e->file, e->line, "%s; the later one replaces the earlier",
                      msg);
    else
        gx_diag_warn(c->d, e->file, e->line, "%s; the later one replaces the earlier", msg);
}

/* Entry e repeats the surface of o, the entry it replaces. */
static void S_repeat(S_check *c, const gx_entry *e, const gx_entry *o) {
    char t1[48], t2[48], msg[1024];
    if (e->kind != o->kind || e->role != o->role ||
        (e->flags & GX_ENTRY_NEGATIVE) != (o->flags & GX_ENTRY_NEGATIVE)) {
        snprintf(msg, sizeof msg, "'%s' is %s here but %s at %s:%ld (conflicting types)",
                 e->surface, S_type(e, t1, sizeof t1), S_type(o, t2, sizeof t2), o->file, o->line);
        S_conflict(c, e, o, msg);
    } else if (strcmp(e->canonical, o->canonical) != 0) {
        snprintf(msg, sizeof msg, "'%s' stands for '%s' here but for '%s' at %s:%ld (conflicting "
                 "canonical names)", e->surface, e->canonical, o->canonical, o->file, o->line);
        S_conflict(c, e, o, msg);
    } else {
        gx_diag_warn(c->d, e->file, e->line, "'%s' (%s) repeats the entry at %s:%ld%s",
                     e->surface, S_type(e, t1, sizeof t1), o->file, o->line,
                     S_same_attrs(e, o) ? " (duplicate)"
                                        : " with other attributes; this one replaces it");
    }
}

/* prev[i] = the entry that entry i replaces (the one before it with its role and surface), or
 * UINT32_MAX; last[i] = 1 if nothing replaces entry i (loading keeps it). */
static void S_links(const S_check *c, const S_key *k, uint32_t *prev, uint8_t *last) {
    for (size_t i = 0; i < c->n; i++) {
        int same = i > 0 && k[i - 1].role == k[i].role &&
                   strcmp(k[i - 1].surface, k[i].surface) == 0;
        prev[k[i].idx] = same ? k[i - 1].idx : UINT32_MAX;
        last[k[i].idx] = 1;
        if (same) last[k[i - 1].idx] = 0;
    }
}

/* ---------------------------------------------------------------- names that must be entries */

/* The entity entries that loading keeps, by surface. */
static gx_strmap *S_entities(const S_check *c, const uint8_t *last) {
    gx_strmap *m = gx_strmap_new();
    for (size_t i = 0; i < c->n; i++)
        if (last[i] && c->v[i].role == GX_ROLE_ENTITY)
            gx_strmap_put(m, c->v[i].surface, strlen(c->v[i].surface), (uint32_t)i, NULL);
    return m;
}

static void S_canonical(S_check *c, const gx_entry *e, const gx_strmap *ents) {
    uint32_t j;
    const char *name = e->canonical;
    if (!gx_strmap_get(ents, name, strlen(name), &j)) {
        gx_diag_warn(c->d, e->file, e->line, "canonical '%s' of '%s' is not an entry itself "
                     "(add '%s<TAB>%s', or check it together with the file that has it)",
                     name, e->surface, name, gx_kind_name(e->kind));
        return;
    }
    const gx_entry *t = &c->v[j];
    char t1[48];
    if ((t->flags & GX_ENTRY_NEGATIVE) || t->kind != e->kind)
        gx_diag_warn(c->d, e->file, e->line, "canonical '%s' of '%s' is %s at %s:%ld, not %s",
                     name, e->surface, S_type(t, t1, sizeof t1), t->file, t->line,
                     gx_kind_name(e->kind));
    else if (strcmp(t->canonical, t->surface) != 0)
        gx_diag_warn(c->d, e->file, e->line, "canonical '%s' of '%s' is itself an alias of '%s' "
                     "(%s:%ld): the two make two entities; point at '%s'", name, e->surface,
                     t->canonical, t->file, t->line, t->canonical);
}

/* Canonical name and parent of an entity entry that loading keeps. */
static void S_names(S_check *c, const gx_entry *e, const gx_strmap *ents) {
    uint32_t j;
    if (strcmp(e->canonical, e->surface) != 0) S_canonical(c, e, ents);
    if (e->parent && !gx_strmap_get(ents, e->parent, strlen(e->parent), &j))
        gx_diag_warn(c->d, e->file, e->line, "parent '%s' of '%s' is not an entry (the "
                     "gazetteer part_of relation needs it)", e->parent, e->surface);
}

/* ---------------------------------------------------------------- shadowed by a negative */

/* The negative entity entries that loading keeps, as a dictionary of their own. */
static gx_dict *S_negatives(S_check *c, const uint8_t *last) {
    gx_dict *neg = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const gx_entry *e = &c->v[i];
        if (!last[i] || e->role != GX_ROLE_ENTITY || !(e->flags & GX_ENTRY_NEGATIVE)) continue;
        if (!neg) neg = gx_dict_new();
        gx_dict_sink *s = gx_dict_sink_of(neg);
        if (s->add(s, e, c->d) != GX_OK) break; /* cannot fail below GX_MAX_DICT_ENTRIES */
    }
    return neg;
}

/* Warns when a negative entry inside e (never all of it: that is one surface) outranks it:
 * resolution takes higher priorities first, so e never becomes a mention. At equal priority
 * the longer e wins (leftmost-longest), so that is no shadow. */
static void S_shadow(S_check *c, const gx_entry *e, const gx_matcher *m, const gx_dict *neg,
                     gx_hits *hits) {
    uint32_t cps[GX_MAX_ENTRY_CHARS];
    uint32_t n = 0;
    int32_t i = 0, len = (int32_t)strlen(e->surface);
    while (i < len && n < GX_MAX_ENTRY_CHARS) {
        UChar32 ch;
        U8_NEXT_UNSAFE((const uint8_t *)e->surface, i, ch);
        cps[n++] = (uint32_t)ch;
    }
    gx_match_scan(m, cps, n, GX_MATCH_ALL, hits);
    for (size_t h = 0; h < hits->n; h++) {
        const gx_entry *x = gx_dict_entry(neg, hits->v[h].entry);
        if (hits->v[h].end - hits->v[h].start == n || x->priority <= e->priority) continue;
        gx_diag_warn(c->d, e->file, e->line, "'%s' is shadowed: the negative entry '%s' "
                     "(%s:%ld) inside it has a higher priority (%d > %d), so it never becomes a "
                     "mention", e->surface, x->surface, x->file, x->line, (int)x->priority,
                     (int)e->priority);
        return;
    }
}

/* The lints across entries, entry by entry in load order (so by file and line). */
static gx_status S_lint_all(S_check *c) {
    S_key *k = S_groups(c);
    uint32_t *prev = gx_xmalloc((c->n + 1) * sizeof *prev);
    uint8_t *last = gx_xcalloc(c->n + 1, 1);
    S_links(c, k, prev, last);
    free(k);
    gx_strmap *ents = S_entities(c, last);
    gx_dict *neg = S_negatives(c, last);
    gx_matcher *m = NULL;
    gx_status rc = neg ? gx_matcher_new(neg, c->d, &m) : GX_OK;
    gx_hits hits = {0};
    for (size_t i = 0; rc == GX_OK && i < c->n; i++) {
        const gx_entry *e = &c->v[i];
        if (prev[i] != UINT32_MAX) S_repeat(c, e, &c->v[prev[i]]);
        if (!last[i] || e->role != GX_ROLE_ENTITY || (e->flags & GX_ENTRY_NEGATIVE)) continue;
        S_names(c, e, ents);
        if (m) S_shadow(c, e, m, neg, &hits);
    }
    gx_hits_free(&hits);
    gx_matcher_free(m);
    gx_dict_free(neg);
    gx_strmap_free(ents);
    free(prev);
    free(last);
    return rc;
}

/* Reads every path; goes on after errors about one file, stops at a limit or an ICU failure.
 * Returns the first error. */
static gx_status S_read_all(S_check *c, const char *const *paths, const gx_dict_format *formats,
                            size_t n) {
    gx_status rc = GX_OK;
    for (size_t i = 0; i < n; i++) {
        gx_status r = gx_dict_read(&c->sink, paths[i], formats ? formats[i] : GX_DICT_AUTO, c->d);
        if (rc == GX_OK && c->sink.line_errors) rc = GX_EDICT; /* counted, not returned */
        if (rc == GX_OK) rc = r;
        if (r == GX_ELIMIT || r == GX_EICU || c->sink.line_errors >= GX_MAX_CHECK_ERRORS) break;
    }
    return rc;
}

static const char *S_s(size_t n) { return n == 1 ? "" : "s"; }

gx_status gx_dict_check(const char *const *paths, const gx_dict_format *formats, size_t n,
                        int quiet, FILE *out, gx_diag *d) {
    S_check c = {{S_collect, gx_arena_new(), 1, 1, 0, 0}, NULL, 0, 0, d};
    size_t errors0 = gx_diag_errors(d), warnings0 = gx_diag_warnings(d);
    gx_diag_set_shown(d, GX_MAX_CHECK_SHOWN);
    gx_status rc = S_read_all(&c, paths, formats, n);
    if (rc != GX_ELIMIT && rc != GX_EICU && c.sink.line_errors < GX_MAX_CHECK_ERRORS) {
        gx_status r = S_lint_all(&c);
        if (rc == GX_OK) rc = r;
    }
    size_t errors = gx_diag_errors(d) - errors0, warnings = gx_diag_warnings(d) - warnings0;
    if (rc == GX_OK && errors) rc = GX_EDICT;
    if (!quiet)
        fprintf(out, "guanxi: dict check: %zu file%s, %zu entr%s: %zu error%s, %zu warning%s\n",
                c.sink.files, S_s(c.sink.files), c.n, c.n == 1 ? "y" : "ies", errors, S_s(errors),
                warnings, S_s(warnings));
    free(c.v);
    gx_arena_free(c.sink.arena);
    return rc;
}
