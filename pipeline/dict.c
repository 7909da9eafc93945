/* dict.c: stage 4: dictionary lines -> a table of normalized entries (see gx_dict.h).
 *
 * The entry table and the native line format: each line is split on tabs, checked,
 * NFKC-normalized and stored in an arena; a string map from surface to entry index merges
 * repeated surfaces (the later definition wins). Files and folders are read by dict_read.c,
 * jieba and HanLP lines parsed by dict_import.c; all of them end in gx_dict_finish here. The
 * matcher (match.c) is built from the finished table.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict_image_int.h"
#include "dict_int.h"
#include "gx_hash.h"
#include "gx_norm.h"
#include "gx_read.h"

struct gx_dict {
    gx_dict_sink sink; /* the loader's sink: S_store; its arena holds the strings */
    gx_entry *entries;
    uint32_t *next_same; /* per entry: next entry with the same surface (other role), or NONE */
    gx_dict_img *img;    /* a dict opened from an image (dict_image.c) reads it; else NULL */
    size_t n, cap, cap_next;
    gx_strmap *by_key;     /* role byte + surface -> entry index (one entry per role) */
    gx_strmap *by_surface; /* surface -> first entry with it */
};

static gx_status S_store(gx_dict_sink *s, const gx_entry *e, gx_diag *d);

gx_dict *gx_dict_new(void) {
    gx_dict *dict = gx_xcalloc(1, sizeof *dict);
    dict->by_surface = gx_strmap_new();
    dict->by_key = gx_strmap_new();
    dict->sink.add = S_store;
    dict->sink.arena = gx_arena_new();
    return dict;
}

gx_dict_sink *gx_dict_sink_of(gx_dict *dict) { return &dict->sink; }

void gx_dict_free(gx_dict *dict) {
    if (!dict) return;
    free(dict->entries);
    free(dict->next_same);
    gx_dict_img_free(dict->img);
    gx_strmap_free(dict->by_surface);
    gx_strmap_free(dict->by_key);
    gx_arena_free(dict->sink.arena);
    free(dict);
}

size_t gx_dict_count(const gx_dict *dict) { return dict->n; }
const gx_entry *gx_dict_entry(const gx_dict *dict, size_t i) {
    return dict->img ? gx_dict_img_entry(dict->img, i) : &dict->entries[i];
}

long gx_dict_find(const gx_dict *dict, const char *s, size_t n) {
    uint32_t i;
    if (dict->img) return gx_dict_img_find(dict->img, s, n);
    return gx_strmap_get(dict->by_surface, s, n, &i) ? (long)i : -1;
}

long gx_dict_next_same(const gx_dict *dict, size_t i) {
    if (dict->img) return gx_dict_img_next_same(dict->img, i);
    return dict->next_same[i] == UINT32_MAX ? -1 : (long)dict->next_same[i];
}

/* ---------------------------------------------------------------- fields */

typedef gx_dfield S_field;

static void S_trim(S_field *f) {
    while (f->n && (f->p[0] == ' ' || f->p[0] == '\t')) f->p++, f->n--;
    while (f->n && (f->p[f->n - 1] == ' ' || f->p[f->n - 1] == '\t')) f->n--;
}

static size_t S_count_cps(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

gx_status gx_dict_bad(gx_dict_file *f, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return gx_diag_error(f->d, GX_EDICT, f->file, f->line, "%s", msg);
}

gx_status gx_dict_field(gx_dict_file *f, const char *what, S_field raw, const char **out) {
    *out = NULL;
    S_field t = raw;
    S_trim(&t);
    if (t.n == 0) return GX_OK;
    char *s;
    size_t n;
    if (gx_norm_string(t.p, t.n, &s, &n) != GX_OK)
        return gx_diag_error(f->d, GX_EICU, f->file, f->line, "cannot normalize the %s", what);
    S_field u = {s, n}; /* NFKC turns U+3000 and U+00A0 into spaces: trim again */
    S_trim(&u);
    if (u.n) *out = gx_arena_strndup(f->sink->arena, u.p, u.n);
    free(s);
    if (f->sink->lint) gx_dict_lint_field(f, what, raw, *out ? *out : "");
    return GX_OK;
}

gx_status gx_dict_finish(gx_dict_file *f, gx_entry *e) {
    e->file = f->file;
    e->line = f->line;
    if (!e->surface) return gx_dict_bad(f, "empty surface");
    if (!e->canonical) e->canonical = e->surface;
    if (S_count_cps(e->surface, strlen(e->surface)) > GX_MAX_ENTRY_CHARS)
        return gx_dict_bad(f, "surface longer than %d characters (GX_MAX_ENTRY_CHARS)",
                           GX_MAX_ENTRY_CHARS);
    return f->sink->add(f->sink, e, f->d);
}

/* ---------------------------------------------------------------- attributes */

static const char *const S_role_names[GX_ROLE_COUNT] = {
    NULL, "suffix", "title", "surname", "stop", "generic", "word", "given"};

const char *gx_role_name(gx_role r) { return (unsigned)r < GX_ROLE_COUNT ? S_role_names[r] : NULL; }

static int S_eq(S_field f, const char *lit) {
    return f.n == strlen(lit) && memcmp(f.p, lit, f.n) == 0;
}

/* Parses an integer attribute value in lo..hi. */
static int S_int(S_field v, long lo, long hi, long *out) {
    char buf[24], *end;
    if (v.n == 0 || v.n >= sizeof buf) return 0;
    memcpy(buf, v.p, v.n);
    buf[v.n] = '\0';
    *out = strtol(buf, &end, 10);
    return *end == '\0' && *out >= lo && *out <= hi;
}

static gx_status S_bad(gx_dict_file *f, S_field k, S_field v, const char *want) {
    return gx_dict_bad(f, "attribute %.*s=%.*s: expected %s", (int)k.n, k.p, (int)v.n, v.p, want);
}

/* The flags written as a bare key: entry i is the flag bit 1 << i (GX_ENTRY_NEGATIVE ...
 * GX_ENTRY_ABBREV, in that order). */
static const char *const S_flags[] = {"negative", "unit",  "byline", "generic", "level",
                                      "weak",     "chain", "bound",  "abbrev",  "local"};

/* One attribute. Unknown keys are a warning (newer dictionaries stay loadable). */
static gx_status S_attr(gx_dict_file *f, gx_entry *e, S_field k, S_field v, int has_value) {
    static const char *const prefixes[] = {"name", "place", "numeral", "quote"};
    static const char *const sides[] = {"", "before", "after", "both"};
    long n;
    for (size_t i = 0; !has_value && i < sizeof S_flags / sizeof *S_flags; i++) {
        if (!S_eq(k, S_flags[i])) continue;
        e->flags |= 1u << i;
        return GX_OK;
    }
    if (has_value && S_eq(k, "priority")) {
        if (!S_int(v, -1000000, 1000000, &n))
            return S_bad(f, k, v, "an integer in -1000000..1000000");
        e->priority = (int32_t)n;
    } else if (has_value && (S_eq(k, "min") || S_eq(k, "max"))) {
        if (!S_int(v, 0, GX_MAX_ENTRY_CHARS, &n)) return S_bad(f, k, v, "an integer in 0..64");
        *(S_eq(k, "min") ? &e->min : &e->max) = (uint8_t)n;
    } else if (has_value && S_eq(k, "kind")) {
        if (!gx_kind_parse(v.p, v.n, &e->kind))
            return S_bad(f, k, v, "org, person, place or program");
    } else if (has_value && S_eq(k, "prefix")) {
        size_t i = 0;
        while (i < 4 && !S_eq(v, prefixes[i])) i++;
        if (i == 4) return S_bad(f, k, v, "name, place, numeral or quote");
        e->prefix = (gx_prefix)i;
    } else if (has_value && S_eq(k, "side")) {
        size_t i = 1;
        while (i < 4 && !S_eq(v, sides[i])) i++;
        if (i == 4) return S_bad(f, k, v, "before, after or both");
        e->side = (uint8_t)i;
    } else if (has_value && S_eq(k, "subtype")) {
        e->subtype = gx_arena_strndup(f->sink->arena, v.p, v.n);
    } else if (has_value && S_eq(k, "parent")) {
        return gx_dict_field(f, "parent", v, &e->parent);
    } else {
        gx_diag_warn(f->d, f->file, f->line, "unknown attribute '%.*s' ignored", (int)k.n, k.p);
    }
    return GX_OK;
}

/* Parses `key=value;key=value;flag` into e. */
static gx_status S_parse_attrs(gx_dict_file *f, gx_entry *e, S_field a) {
    while (a.n) {
        const char *semi = memchr(a.p, ';', a.n);
        S_field kv = {a.p, semi ? (size_t)(semi - a.p) : a.n};
        a.p += kv.n + (semi != NULL);
        a.n -= kv.n + (semi != NULL);
        S_trim(&kv);
        if (kv.n == 0) continue;
        const char *eq = memchr(kv.p, '=', kv.n);
        S_field key = {kv.p, eq ? (size_t)(eq - kv.p) : kv.n};
        S_field val = {eq ? eq + 1 : kv.p + kv.n, eq ? kv.n - key.n - 1 : 0};
        S_trim(&key);
        S_trim(&val);
        gx_status rc = S_attr(f, e, key, val, eq != NULL);
        if (rc != GX_OK) return rc;
    }
    return GX_OK;
}

/* The type column: an entity kind or a rule role. Rule words get their defaults here. */
static int S_parse_type(S_field f, gx_entry *e) {
    if (gx_kind_parse(f.p, f.n, &e->kind)) return 1;
    for (int r = 1; r < GX_ROLE_COUNT; r++) {
        if (!S_eq(f, S_role_names[r])) continue;
        e->role = (gx_role)r;
        e->kind = r == GX_ROLE_TITLE || r == GX_ROLE_SURNAME ? GX_KIND_PERSON : GX_KIND_ORG;
        e->min = r == GX_ROLE_TITLE ? 2 : 1;
        e->max = r == GX_ROLE_TITLE ? 4 : 16;
        e->side = r == GX_ROLE_TITLE ? 1 : 0;
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- the table */

/* Links entry i after the last entry with the same surface (or makes it the first). */
static void S_link_surface(gx_dict *dict, uint32_t i) {
    const char *s = dict->entries[i].surface;
    uint32_t first;
    dict->next_same[i] = UINT32_MAX;
    if (gx_strmap_put(dict->by_surface, s, strlen(s), i, &first)) return;
    while (dict->next_same[first] != UINT32_MAX) first = dict->next_same[first];
    dict->next_same[first] = i;
}

/* The loader's sink: a new (role, surface) is appended, a known one replaced. */
static gx_status S_store(gx_dict_sink *sink, const gx_entry *e, gx_diag *d) {
    gx_dict *dict = (gx_dict *)sink;
    assert(!dict->img); /* read-only: merge it into a new dict instead (gx_image.h) */
    char stackkey[GX_MAX_ENTRY_CHARS * 4 + 2];
    size_t n = strlen(e->surface);
    uint32_t old;
    stackkey[0] = (char)('0' + e->role);
    memcpy(stackkey + 1, e->surface, n);
    if (!gx_strmap_put(dict->by_key, stackkey, n + 1, (uint32_t)dict->n, &old)) {
        const gx_entry *o = &dict->entries[old];
        if (o->kind != e->kind || strcmp(o->canonical, e->canonical) != 0)
            gx_diag_warn(d, e->file, e->line, "'%s' (%s) replaces the entry from %s:%ld (%s)",
                         e->surface, gx_kind_name(e->kind), o->file, o->line,
                         gx_kind_name(o->kind));
        dict->entries[old] = *e;
        return GX_OK;
    }
    if (dict->n >= GX_MAX_DICT_ENTRIES)
        return gx_diag_error(d, GX_ELIMIT, e->file, e->line,
                             "more than %d dictionary entries (GX_MAX_DICT_ENTRIES)",
                             GX_MAX_DICT_ENTRIES);
    gx_grow((void **)&dict->entries, &dict->cap, dict->n + 1, sizeof *dict->entries);
    gx_grow((void **)&dict->next_same, &dict->cap_next, dict->n + 1, sizeof *dict->next_same);
    dict->entries[dict->n] = *e;
    S_link_surface(dict, (uint32_t)dict->n++);
    return GX_OK;
}

/* ---------------------------------------------------------------- one native line */

/* Splits text on tabs into at most 5 fields (5 means "too many"). */
static int S_split(const char *text, size_t len, S_field f[5]) {
    int k = 0;
    const char *p = text, *end = text + len;
    while (k < 5) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        f[k].p = p;
        f[k].n = tab ? (size_t)(tab - p) : (size_t)(end - p);
        k++;
        if (!tab) break;
        p = tab + 1;
    }
    return k;
}

gx_status gx_dict_line_native(gx_dict_file *f, const char *text, size_t len) {
    S_field all = {text, len};
    S_trim(&all);
    if (all.n == 0 || all.p[0] == '#') return GX_OK;
    gx_status rc = gx_dict_controls(f, text, len);
    if (rc != GX_OK) return rc;
    S_field fl[5];
    int k = S_split(text, len, fl);
    if (k == 5 && fl[4].n && fl[4].p[0] == '#') k = 4; /* a trailing comment (guanxi suggest) */
    if (k < 2 || k > 4)
        return gx_dict_bad(f, "expected 2 to 4 tab-separated fields, got %s", k > 4 ? "more" : "1");
    S_trim(&fl[1]);
    if (k > 3) S_trim(&fl[3]);
    gx_entry e = {0};
    if (!S_parse_type(fl[1], &e))
        return gx_dict_bad(f, "unknown type '%.*s' (expected org, person, place, program, or a "
                              "rule role: suffix, title, surname, stop, generic, word, given)",
                           (int)fl[1].n, fl[1].p);
    rc = gx_dict_field(f, "surface", fl[0], &e.surface);
    if (rc == GX_OK && k > 2) rc = gx_dict_field(f, "canonical", fl[2], &e.canonical);
    if (rc == GX_OK && k > 3) rc = S_parse_attrs(f, &e, fl[3]);
    if (rc == GX_OK && e.min > e.max)
        rc = gx_dict_bad(f, "min=%u is larger than max=%u", e.min, e.max);
    return rc == GX_OK ? gx_dict_finish(f, &e) : rc;
}

gx_status gx_dict_add_line(gx_dict *dict, const char *text, size_t len, const char *file,
                           long line, gx_diag *d) {
    gx_dict_file f = {.sink = &dict->sink, .d = d, .file = file, .line = line,
                      .format = GX_DICT_NATIVE};
    size_t bad;
    if (!gx_utf8_valid(text, len, &bad))
        return gx_dict_bad(&f, "invalid UTF-8 at byte %zu of the line", bad);
    return gx_dict_line_native(&f, text, len);
}

/* ---------------------------------------------------------------- images (gx_image.h) */

gx_dict *gx_dict_new_image(gx_dict_img *im, size_t n) {
    gx_dict *dict = gx_dict_new();
    dict->img = im;
    dict->n = n;
    return dict;
}

gx_dict_img *gx_dict_img_of(const gx_dict *dict) { return dict->img; }

gx_status gx_dict_merge(gx_dict *dst, const gx_dict *src, gx_diag *d) {
    gx_status rc = GX_OK;
    for (size_t i = 0; i < gx_dict_count(src) && rc == GX_OK; i++) {
        gx_entry e = *gx_dict_entry(src, i);
        size_t len = strlen(e.surface);
        if (len == 0 || len > 4 * GX_MAX_ENTRY_CHARS ||
            S_count_cps(e.surface, len) > GX_MAX_ENTRY_CHARS)
            rc = gx_diag_error(d, GX_EDICT, e.file ? e.file : "dictionary image", e.line,
                               "surface of %zu bytes", len);
        else rc = S_store(&dst->sink, &e, d);
    }
    return rc;
}
