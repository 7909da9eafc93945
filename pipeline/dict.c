/* dict.c: stage 4: dictionary TSV files -> a table of normalized entries (see gx_dict.h).
 *
 * Each line is split on tabs, checked, NFKC-normalized and stored in an arena; a string map
 * from surface to entry index merges repeated surfaces (the later definition wins). The
 * matcher (match.c) is built from the finished table.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "gx_arena.h"
#include "gx_dict.h"
#include "gx_hash.h"
#include "gx_norm.h"
#include "gx_read.h"

struct gx_dict {
    gx_entry *entries;
    uint32_t *next_same; /* per entry: next entry with the same surface (other role), or NONE */
    size_t n, cap, cap_next;
    gx_strmap *by_key;     /* role byte + surface -> entry index (one entry per role) */
    gx_strmap *by_surface; /* surface -> first entry with it */
    gx_arena *arena;
};

gx_dict *gx_dict_new(void) {
    gx_dict *dict = gx_xcalloc(1, sizeof *dict);
    dict->by_surface = gx_strmap_new();
    dict->by_key = gx_strmap_new();
    dict->arena = gx_arena_new();
    return dict;
}

void gx_dict_free(gx_dict *dict) {
    if (!dict) return;
    free(dict->entries);
    free(dict->next_same);
    gx_strmap_free(dict->by_surface);
    gx_strmap_free(dict->by_key);
    gx_arena_free(dict->arena);
    free(dict);
}

size_t gx_dict_count(const gx_dict *dict) { return dict->n; }
const gx_entry *gx_dict_entry(const gx_dict *dict, size_t i) { return &dict->entries[i]; }

long gx_dict_find(const gx_dict *dict, const char *s, size_t n) {
    uint32_t i;
    return gx_strmap_get(dict->by_surface, s, n, &i) ? (long)i : -1;
}

long gx_dict_next_same(const gx_dict *dict, size_t i) {
    return dict->next_same[i] == UINT32_MAX ? -1 : (long)dict->next_same[i];
}

/* ---------------------------------------------------------------- one line */

typedef struct {
    const char *p;
    size_t n;
} S_field;

static void S_trim(S_field *f) {
    while (f->n && (f->p[0] == ' ' || f->p[0] == '\t')) f->p++, f->n--;
    while (f->n && (f->p[f->n - 1] == ' ' || f->p[f->n - 1] == '\t')) f->n--;
}

static int S_has_control(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) return 1;
    return 0;
}

static size_t S_count_cps(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* NFKC copy of a field into the arena; NULL for an empty field. */
static gx_status S_norm_field(gx_dict *dict, S_field f, const char **out) {
    *out = NULL;
    if (f.n == 0) return GX_OK;
    char *s;
    size_t n;
    gx_status rc = gx_norm_string(f.p, f.n, &s, &n);
    if (rc != GX_OK) return rc;
    S_field t = {s, n}; /* NFKC turns U+3000 and U+00A0 into spaces: trim again */
    S_trim(&t);
    if (t.n) *out = gx_arena_strndup(dict->arena, t.p, t.n);
    free(s);
    return GX_OK;
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

typedef struct {
    gx_dict *dict;
    gx_entry *e;
    const char *file;
    long line;
    gx_diag *d;
} S_actx;

static gx_status S_bad(S_actx *a, S_field k, S_field v, const char *want) {
    return gx_diag_error(a->d, GX_EDICT, a->file, a->line, "attribute %.*s=%.*s: expected %s",
                         (int)k.n, k.p, (int)v.n, v.p, want);
}

/* One attribute. Unknown keys are a warning (newer dictionaries stay loadable). */
static gx_status S_attr(S_actx *a, S_field k, S_field v, int has_value) {
    static const char *const prefixes[] = {"name", "place", "numeral", "quote"};
    static const char *const sides[] = {"", "before", "after", "both"};
    gx_entry *e = a->e;
    long n;
    if (!has_value && S_eq(k, "negative")) e->flags |= GX_ENTRY_NEGATIVE;
    else if (!has_value && S_eq(k, "unit")) e->flags |= GX_ENTRY_UNIT;
    else if (!has_value && S_eq(k, "byline")) e->flags |= GX_ENTRY_BYLINE;
    else if (!has_value && S_eq(k, "generic")) e->flags |= GX_ENTRY_GENERIC;
    else if (!has_value && S_eq(k, "level")) e->flags |= GX_ENTRY_LEVEL;
    else if (!has_value && S_eq(k, "weak")) e->flags |= GX_ENTRY_WEAK;
    else if (!has_value && S_eq(k, "chain")) e->flags |= GX_ENTRY_CHAIN;
    else if (!has_value && S_eq(k, "bound")) e->flags |= GX_ENTRY_BOUND;
    else if (!has_value && S_eq(k, "abbrev")) e->flags |= GX_ENTRY_ABBREV;
    else if (has_value && S_eq(k, "priority")) {
        if (!S_int(v, -1000000, 1000000, &n)) return S_bad(a, k, v, "an integer in -1000000..1000000");
        e->priority = (int32_t)n;
    } else if (has_value && (S_eq(k, "min") || S_eq(k, "max"))) {
        if (!S_int(v, 0, GX_MAX_ENTRY_CHARS, &n)) return S_bad(a, k, v, "an integer in 0..64");
        *(S_eq(k, "min") ? &e->min : &e->max) = (uint8_t)n;
    } else if (has_value && S_eq(k, "kind")) {
        if (!gx_kind_parse(v.p, v.n, &e->kind)) return S_bad(a, k, v, "org, person, place or program");
    } else if (has_value && S_eq(k, "prefix")) {
        size_t i = 0;
        while (i < 4 && !S_eq(v, prefixes[i])) i++;
        if (i == 4) return S_bad(a, k, v, "name, place, numeral or quote");
        e->prefix = (gx_prefix)i;
    } else if (has_value && S_eq(k, "side")) {
        size_t i = 1;
        while (i < 4 && !S_eq(v, sides[i])) i++;
        if (i == 4) return S_bad(a, k, v, "before, after or both");
        e->side = (uint8_t)i;
    } else if (has_value && S_eq(k, "subtype")) {
        e->subtype = gx_arena_strndup(a->dict->arena, v.p, v.n);
    } else if (has_value && S_eq(k, "parent")) {
        gx_status rc = S_norm_field(a->dict, v, &e->parent);
        if (rc != GX_OK) return gx_diag_error(a->d, rc, a->file, a->line, "cannot normalize parent");
    } else {
        gx_diag_warn(a->d, a->file, a->line, "unknown attribute '%.*s' ignored", (int)k.n, k.p);
    }
    return GX_OK;
}

/* Parses `key=value;key=value;flag` into a->e. */
static gx_status S_parse_attrs(S_actx *a, S_field f) {
    while (f.n) {
        const char *semi = memchr(f.p, ';', f.n);
        S_field kv = {f.p, semi ? (size_t)(semi - f.p) : f.n};
        f.p += kv.n + (semi != NULL);
        f.n -= kv.n + (semi != NULL);
        S_trim(&kv);
        if (kv.n == 0) continue;
        const char *eq = memchr(kv.p, '=', kv.n);
        S_field key = {kv.p, eq ? (size_t)(eq - kv.p) : kv.n};
        S_field val = {eq ? eq + 1 : kv.p + kv.n, eq ? kv.n - key.n - 1 : 0};
        S_trim(&key);
        S_trim(&val);
        gx_status rc = S_attr(a, key, val, eq != NULL);
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

/* Links entry i after the last entry with the same surface (or makes it the first). */
static void S_link_surface(gx_dict *dict, uint32_t i) {
    const char *s = dict->entries[i].surface;
    uint32_t first;
    dict->next_same[i] = UINT32_MAX;
    if (gx_strmap_put(dict->by_surface, s, strlen(s), i, &first)) return;
    while (dict->next_same[first] != UINT32_MAX) first = dict->next_same[first];
    dict->next_same[first] = i;
}

static gx_status S_store(gx_dict *dict, gx_entry *e, gx_diag *d) {
    char stackkey[GX_MAX_DICT_LINE_BYTES + 2];
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

static gx_status S_check_surface(const gx_entry *e, const char *file, long line, gx_diag *d) {
    size_t n = strlen(e->surface);
    if (S_has_control(e->surface, n))
        return gx_diag_error(d, GX_EDICT, file, line, "control character in surface");
    if (S_count_cps(e->surface, n) > GX_MAX_ENTRY_CHARS)
        return gx_diag_error(d, GX_EDICT, file, line,
                             "surface longer than %d characters (GX_MAX_ENTRY_CHARS)",
                             GX_MAX_ENTRY_CHARS);
    return GX_OK;
}

gx_status gx_dict_add_line(gx_dict *dict, const char *text, size_t len, const char *file,
                           long line, gx_diag *d) {
    size_t bad;
    if (!gx_utf8_valid(text, len, &bad))
        return gx_diag_error(d, GX_EDICT, file, line, "invalid UTF-8 at byte %zu of the line", bad);
    S_field all = {text, len};
    S_trim(&all);
    if (all.n == 0 || all.p[0] == '#') return GX_OK;
    S_field f[5];
    int k = S_split(text, len, f);
    if (k == 5 && f[4].n && f[4].p[0] == '#') k = 4; /* a trailing comment (guanxi suggest) */
    if (k < 2 || k > 4)
        return gx_diag_error(d, GX_EDICT, file, line,
                             "expected 2 to 4 tab-separated fields, got %s", k > 4 ? "more" : "1");
    for (int i = 0; i < k; i++) S_trim(&f[i]);
    gx_entry e = {0};
    e.file = file;
    e.line = line;
    if (!S_parse_type(f[1], &e))
        return gx_diag_error(d, GX_EDICT, file, line,
                             "unknown type '%.*s' (expected org, person, place, program, or a "
                             "rule role: suffix, title, surname, stop, generic, word, given)",
                             (int)f[1].n, f[1].p);
    gx_status rc = S_norm_field(dict, f[0], &e.surface);
    if (rc == GX_OK && k > 2) rc = S_norm_field(dict, f[2], &e.canonical);
    if (rc != GX_OK) return gx_diag_error(d, rc, file, line, "cannot normalize entry");
    if (!e.surface) return gx_diag_error(d, GX_EDICT, file, line, "empty surface");
    if (!e.canonical) e.canonical = e.surface;
    rc = S_check_surface(&e, file, line, d);
    S_actx a = {dict, &e, file, line, d};
    if (rc == GX_OK && k > 3) rc = S_parse_attrs(&a, f[3]);
    if (rc == GX_OK && e.min > e.max)
        rc = gx_diag_error(d, GX_EDICT, file, line, "min=%u is larger than max=%u", e.min, e.max);
    return rc == GX_OK ? S_store(dict, &e, d) : rc;
}

/* ---------------------------------------------------------------- files and folders */

static gx_status S_load_file(gx_dict *dict, const char *path, gx_diag *d) {
    FILE *f = fopen(path, "rb");
    if (!f) return gx_diag_error(d, GX_EIO, path, 0, "cannot open dictionary: %s", strerror(errno));
    const char *file = gx_arena_strndup(dict->arena, path, strlen(path));
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    long line = 0;
    gx_status rc = GX_OK;
    while (rc == GX_OK && (got = getline(&buf, &cap, f)) >= 0) {
        size_t len = (size_t)got;
        char *p = buf;
        line++;
        if (len > GX_MAX_DICT_LINE_BYTES) {
            rc = gx_diag_error(d, GX_EDICT, file, line, "line longer than %d bytes",
                               GX_MAX_DICT_LINE_BYTES);
            break;
        }
        if (line == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3, len -= 3;
        while (len && (p[len - 1] == '\n' || p[len - 1] == '\r')) len--;
        rc = gx_dict_add_line(dict, p, len, file, line, d);
    }
    if (rc == GX_OK && ferror(f))
        rc = gx_diag_error(d, GX_EIO, file, 0, "read error: %s", strerror(errno));
    free(buf);
    fclose(f);
    return rc;
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static gx_status S_load_dir(gx_dict *dict, const char *dir, gx_diag *d) {
    DIR *dh = opendir(dir);
    if (!dh) return gx_diag_error(d, GX_EIO, dir, 0, "cannot read folder: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0) continue;
        gx_grow((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = gx_xstrdup(e->d_name);
    }
    closedir(dh);
    gx_sort(names, n, sizeof *names, S_cmp_str);
    if (n == 0) gx_diag_warn(d, dir, 0, "no .tsv dictionary files in folder");
    gx_status rc = GX_OK;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = gx_xmalloc(len);
        snprintf(path, len, "%s/%s", dir, names[i]);
        if (rc == GX_OK) rc = S_load_file(dict, path, d);
        free(path);
        free(names[i]);
    }
    free(names);
    return rc;
}

gx_status gx_dict_load(gx_dict *dict, const char *path, gx_diag *d) {
    struct stat st;
    if (stat(path, &st) != 0)
        return gx_diag_error(d, GX_EIO, path, 0, "cannot open dictionary: %s", strerror(errno));
    return S_ISDIR(st.st_mode) ? S_load_dir(dict, path, d) : S_load_file(dict, path, d);
}
