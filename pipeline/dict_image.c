/* dict_image.c: stage 4 compiled: a finished gx_dict as image sections, and a read-only gx_dict
 * backed by a mapped image (gx_image.h; container in image.c, matcher in match_image.c).
 *
 * Sections: GX_SEC_ENTRIES holds one gx_img_entry per entry, in the dict's order (the matcher's
 * entry numbers), its strings offsets into GX_SEC_STRINGS (each string stored once);
 * GX_SEC_NEXT_SAME is the dict's next_same array; GX_SEC_HASH an open-addressing table of
 * entry numbers (linear probing, FNV-1a of the surface, at most half full) holding the first
 * entry of every surface, which is what gx_dict_find returns. Opening checks every offset,
 * enum, chain and slot (linear, no string is read), then the dict reads the sections in place.
 * gx_dict_entry must return a gx_entry with char pointers: those are made per chunk of
 * S_CHUNK entries on first use (fixed up from the records) and published with an atomic
 * compare-and-swap, so a dict shared by threads stays safe and an open costs no entry building.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "dict_image_int.h"
#include "gx_hash.h"

#define S_CHUNK_BITS 8
#define S_CHUNK (1u << S_CHUNK_BITS)

struct gx_dict_img {
    gx_image *img;
    const gx_img_entry *rec;   /* n records */
    const char *pool;          /* pool_size bytes, the last 4 NUL */
    const uint32_t *next_same; /* n */
    const uint32_t *slots;     /* mask + 1 */
    const gx_img_source *src;  /* n_src */
    size_t n, pool_size, mask, n_src;
    _Atomic(gx_entry *) *chunks; /* per S_CHUNK entries: their gx_entry, once made */
};

static size_t S_chunks(size_t n) { return (n + S_CHUNK - 1) >> S_CHUNK_BITS; }

void gx_dict_img_free(gx_dict_img *im) {
    if (!im) return;
    for (size_t c = 0; im->chunks && c < S_chunks(im->n); c++) free(atomic_load(&im->chunks[c]));
    free(im->chunks);
    gx_image_free(im->img);
    free(im);
}

const gx_image *gx_dict_img_image(const gx_dict_img *im) { return im->img; }

const gx_image *gx_dict_image(const gx_dict *dict) {
    gx_dict_img *im = gx_dict_img_of(dict);
    return im ? im->img : NULL;
}

uint64_t gx_dict_image_abi(void) {
    const uint64_t v[] = {sizeof(gx_img_entry), sizeof(gx_img_source), GX_MAX_ENTRY_CHARS,
                          GX_ROLE_COUNT,        GX_KIND_COUNT,         GX_PREFIX_QUOTE,
                          GX_ENTRY_ABBREV,      GX_IMG_META_WORDS,     gx_matcher_image_abi()};
    return gx_xxh64(v, sizeof v, 0);
}

/* ---------------------------------------------------------------- reading */

static uint64_t S_surface_hash(const char *s, size_t n) { return gx_fnv1a(GX_FNV_OFFSET, s, n); }

/* Whether the NUL-terminated t equals s[0..n) (s may hold NULs; never reads t past its NUL). */
static int S_same(const char *t, const char *s, size_t n) {
    for (size_t j = 0; j < n; j++)
        if (t[j] != s[j] || !t[j]) return 0;
    return t[n] == '\0';
}

long gx_dict_img_find(const gx_dict_img *im, const char *s, size_t n) {
    size_t i = (size_t)S_surface_hash(s, n) & im->mask;
    for (size_t k = 0; k <= im->mask; k++, i = (i + 1) & im->mask) {
        uint32_t e = im->slots[i];
        if (e == GX_IMG_NONE) return -1;
        if (S_same(im->pool + im->rec[e].surface, s, n)) return (long)e;
    }
    return -1;
}

long gx_dict_img_next_same(const gx_dict_img *im, size_t i) {
    return im->next_same[i] == GX_IMG_NONE ? -1 : (long)im->next_same[i];
}

static const char *S_str(const gx_dict_img *im, uint32_t off) {
    return off == GX_IMG_NONE ? NULL : im->pool + off;
}

static gx_entry S_entry(const gx_dict_img *im, const gx_img_entry *r) {
    gx_entry e = {S_str(im, r->surface), S_str(im, r->canonical), S_str(im, r->subtype),
                  S_str(im, r->parent),  S_str(im, r->file),      (long)r->line,
                  r->priority,           (gx_kind)r->kind,        (gx_role)r->role,
                  (gx_prefix)r->prefix,  r->min,                  r->max,
                  r->side,               r->flags};
    return e;
}

/* Makes the gx_entry of chunk c; the first thread to finish publishes its copy. */
static gx_entry *S_make_chunk(gx_dict_img *im, size_t c) {
    size_t lo = c << S_CHUNK_BITS, hi = lo + S_CHUNK < im->n ? lo + S_CHUNK : im->n;
    gx_entry *v = gx_xmalloc((hi - lo) * sizeof *v), *seen = NULL;
    for (size_t i = lo; i < hi; i++) v[i - lo] = S_entry(im, &im->rec[i]);
    if (atomic_compare_exchange_strong(&im->chunks[c], &seen, v)) return v;
    free(v);
    return seen;
}

const gx_entry *gx_dict_img_entry(gx_dict_img *im, size_t i) {
    gx_entry *v = atomic_load_explicit(&im->chunks[i >> S_CHUNK_BITS], memory_order_acquire);
    if (!v) v = S_make_chunk(im, i >> S_CHUNK_BITS);
    return &v[i & (S_CHUNK - 1)];
}

/* ---------------------------------------------------------------- verification */

static int S_off_ok(const gx_dict_img *im, uint32_t off, int may_be_none) {
    return off == GX_IMG_NONE ? may_be_none : off < im->pool_size;
}

/* The index of the first bad record, or n. */
static size_t S_bad_record(const gx_dict_img *im) {
    for (size_t i = 0; i < im->n; i++) {
        const gx_img_entry *r = &im->rec[i];
        if (!S_off_ok(im, r->surface, 0) || !S_off_ok(im, r->canonical, 0) ||
            !S_off_ok(im, r->subtype, 1) || !S_off_ok(im, r->parent, 1) ||
            !S_off_ok(im, r->file, 1) || r->kind >= GX_KIND_COUNT || r->role >= GX_ROLE_COUNT ||
            r->prefix > GX_PREFIX_QUOTE || r->side > 3 || r->min > r->max ||
            r->max > GX_MAX_ENTRY_CHARS)
            return i;
        /* chains only go forward: no cycle, and every entry of one is in range */
        uint32_t nx = im->next_same[i];
        if (nx != GX_IMG_NONE && (nx <= i || nx >= im->n)) return i;
    }
    return im->n;
}

static gx_status S_bad(const gx_dict_img *im, gx_diag *d, const char *what) {
    return gx_diag_error(d, GX_EDICT, gx_image_path(im->img), 0,
                         "damaged dictionary image: %s", what);
}

/* Sizes of the dict's sections against its counts; sets im's section pointers. */
static gx_status S_sections(gx_dict_img *im, gx_diag *d) {
    size_t n_meta, n_rec, n_next, n_slots, n_src;
    const gx_image_meta *meta = gx_image_section(im->img, GX_SEC_DICT, &n_meta);
    if (n_meta != sizeof *meta) return S_bad(im, d, "dictionary counts");
    uint64_t n = meta->v[GX_IMG_ENTRIES], slots = meta->v[GX_IMG_SLOTS];
    im->rec = gx_image_section(im->img, GX_SEC_ENTRIES, &n_rec);
    im->pool = gx_image_section(im->img, GX_SEC_STRINGS, &im->pool_size);
    im->next_same = gx_image_section(im->img, GX_SEC_NEXT_SAME, &n_next);
    im->slots = gx_image_section(im->img, GX_SEC_HASH, &n_slots);
    im->src = gx_image_section(im->img, GX_SEC_SOURCES, &n_src);
    if (n > GX_MAX_DICT_ENTRIES || n_rec != n * sizeof *im->rec ||
        n_next != n * sizeof *im->next_same)
        return S_bad(im, d, "entry sections do not match the entry count");
    if (slots < 2 * n || slots < 8 || (slots & (slots - 1)) || n_slots != slots * sizeof(uint32_t))
        return S_bad(im, d, "hash section");
    if (im->pool_size < 4 || im->pool_size >= GX_IMG_NONE || im->pool_size % 8 ||
        memcmp(im->pool + im->pool_size - 4, "\0\0\0\0", 4) != 0)
        return S_bad(im, d, "string section");
    if (n_src % sizeof *im->src || n_src / sizeof *im->src != meta->v[GX_IMG_SOURCES])
        return S_bad(im, d, "source section");
    im->n = (size_t)n;
    im->mask = (size_t)slots - 1;
    im->n_src = n_src / sizeof *im->src;
    return GX_OK;
}

/* Every record, chain, slot and source path in range. */
static gx_status S_verify(gx_dict_img *im, gx_diag *d) {
    size_t bad = S_bad_record(im);
    if (bad < im->n)
        return gx_diag_error(d, GX_EDICT, gx_image_path(im->img), 0,
                             "damaged dictionary image: entry %zu out of range", bad);
    for (size_t i = 0; i <= im->mask; i++)
        if (im->slots[i] != GX_IMG_NONE && im->slots[i] >= im->n)
            return S_bad(im, d, "hash slot out of range");
    for (size_t i = 0; i < im->n_src; i++)
        if (!S_off_ok(im, im->src[i].path, 0)) return S_bad(im, d, "source path out of range");
    return GX_OK;
}

gx_status gx_dict_open_image(const char *path, gx_diag *d, gx_dict **out) {
    *out = NULL;
    gx_dict_img *im = gx_xcalloc(1, sizeof *im);
    gx_status rc = gx_image_open(path, gx_dict_image_abi(), d, &im->img);
    if (rc == GX_OK) rc = S_sections(im, d);
    if (rc == GX_OK) rc = S_verify(im, d);
    if (rc != GX_OK) {
        gx_dict_img_free(im);
        return rc;
    }
    im->chunks = gx_xmalloc(S_chunks(im->n) * sizeof *im->chunks + 1);
    for (size_t c = 0; c < S_chunks(im->n); c++) atomic_init(&im->chunks[c], NULL);
    *out = gx_dict_new_image(im, im->n);
    return GX_OK;
}

gx_status gx_dict_image_fresh(const gx_dict *dict, gx_diag *d) {
    const gx_dict_img *im = gx_dict_img_of(dict);
    if (!im) return GX_OK;
    return gx_img_sources_fresh(im->src, im->n_src, im->pool, gx_image_path(im->img), d);
}

/* ---------------------------------------------------------------- writing */

typedef struct {
    gx_img_pool *pool;
    gx_img_entry *rec;
    uint32_t *next_same, *slots;
    gx_img_source *src;
    size_t n, n_slots, n_src;
    gx_image_meta meta, match_meta;
} S_out;

/* The records of every entry; 0 if the string pool outgrew 32-bit offsets. */
static int S_records(S_out *o, const gx_dict *dict) {
    for (size_t i = 0; i < o->n; i++) {
        const gx_entry *e = gx_dict_entry(dict, i);
        gx_img_entry *r = &o->rec[i];
        memset(r, 0, sizeof *r);
        r->surface = gx_img_pool_add(o->pool, e->surface);
        r->canonical = gx_img_pool_add(o->pool, e->canonical ? e->canonical : e->surface);
        r->subtype = gx_img_pool_add(o->pool, e->subtype);
        r->parent = gx_img_pool_add(o->pool, e->parent);
        r->file = gx_img_pool_add(o->pool, e->file);
        if (r->surface == GX_IMG_NONE - 1 || r->canonical == GX_IMG_NONE - 1 ||
            r->subtype == GX_IMG_NONE - 1 || r->parent == GX_IMG_NONE - 1 ||
            r->file == GX_IMG_NONE - 1)
            return 0;
        r->line = e->line >= 0 && (unsigned long)e->line < UINT32_MAX ? (uint32_t)e->line : UINT32_MAX;
        r->priority = e->priority;
        r->flags = e->flags;
        r->kind = (uint8_t)e->kind;
        r->role = (uint8_t)e->role;
        r->prefix = (uint8_t)e->prefix;
        r->min = e->min;
        r->max = e->max;
        r->side = e->side;
        long nx = gx_dict_next_same(dict, i);
        o->next_same[i] = nx < 0 ? GX_IMG_NONE : (uint32_t)nx;
    }
    return 1;
}

/* The frozen hash: the first entry of every surface, at most half the slots used. */
static void S_hash(S_out *o, const gx_dict *dict) {
    o->n_slots = 8;
    while (o->n_slots < 2 * o->n) o->n_slots *= 2;
    o->slots = gx_xmalloc(o->n_slots * sizeof *o->slots);
    memset(o->slots, 0xFF, o->n_slots * sizeof *o->slots);
    for (size_t i = 0; i < o->n; i++) {
        const char *s = gx_dict_entry(dict, i)->surface;
        size_t len = strlen(s);
        if (gx_dict_find(dict, s, len) != (long)i) continue; /* not its surface's first */
        size_t k = (size_t)S_surface_hash(s, len) & (o->n_slots - 1);
        while (o->slots[k] != GX_IMG_NONE) k = (k + 1) & (o->n_slots - 1);
        o->slots[k] = (uint32_t)i;
    }
}

static void S_out_free(S_out *o) {
    gx_img_pool_free(o->pool);
    free(o->rec);
    free(o->next_same);
    free(o->slots);
    free(o->src);
}

gx_status gx_dict_write_image(const gx_dict *dict, const gx_matcher *m, const gx_image_sources *src,
                              const char *path, gx_diag *d) {
    S_out o = {0};
    o.n = gx_dict_count(dict);
    o.pool = gx_img_pool_new();
    o.rec = gx_xmalloc(o.n * sizeof *o.rec + 1);
    o.next_same = gx_xmalloc(o.n * sizeof *o.next_same + 1);
    o.src = gx_img_sources_records(src, o.pool, &o.n_src);
    gx_status rc = GX_OK;
    if (!S_records(&o, dict))
        rc = gx_diag_error(d, GX_ELIMIT, path, 0, "the strings outgrow a dictionary image (4 GB)");
    if (rc == GX_OK) {
        S_hash(&o, dict);
        o.meta.v[GX_IMG_ENTRIES] = o.n;
        o.meta.v[GX_IMG_SLOTS] = o.n_slots;
        o.meta.v[GX_IMG_SOURCES] = o.n_src;
        o.meta.v[GX_IMG_FILES] = gx_image_sources_files(src);
        o.meta.v[GX_IMG_CONTENTS] = gx_image_sources_hash(src);
        gx_image_part parts[GX_SEC_COUNT] = {{0}};
        parts[GX_SEC_SOURCES] = (gx_image_part){o.src, o.n_src * sizeof *o.src};
        parts[GX_SEC_DICT] = (gx_image_part){&o.meta, sizeof o.meta};
        parts[GX_SEC_ENTRIES] = (gx_image_part){o.rec, o.n * sizeof *o.rec};
        parts[GX_SEC_NEXT_SAME] = (gx_image_part){o.next_same, o.n * sizeof *o.next_same};
        parts[GX_SEC_HASH] = (gx_image_part){o.slots, o.n_slots * sizeof *o.slots};
        parts[GX_SEC_STRINGS].data = gx_img_pool_bytes(o.pool, &parts[GX_SEC_STRINGS].size);
        gx_matcher_image_parts(m, &o.match_meta, parts);
        rc = gx_image_write(path, gx_dict_image_abi(), parts, d);
    }
    S_out_free(&o);
    return rc;
}
