/* dict_image.c: stage 4 compiled: a finished gx_dict as image sections, and a read-only gx_dict
 * backed by a mapped image (gx_image.h; container in image.c, matcher in match_image.c).
 *
 * Sections: GX_SEC_ENTRIES holds one 16-byte gx_img_entry per entry, in the dict's order (the
 * matcher's entry numbers): surface and canonical as offsets into GX_SEC_STRINGS (each string
 * stored once), the line, and the index of its attributes in GX_SEC_ATTRS (each distinct tuple
 * of subtype, parent, file, priority, flags, kind, role... once). GX_SEC_NEXT_SAME is the dict's
 * next_same array; GX_SEC_HASH an open-addressing table of entry numbers (linear probing,
 * FNV-1a of the surface, at most half full) holding the first entry of every surface, which is
 * what gx_dict_find returns. Opening checks every offset, index, enum and chain with branch-free
 * passes (no string is read); a hash slot is checked when a lookup reads it. Then the dict reads
 * the sections in place.
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
#define S_CHUNK      (1u << S_CHUNK_BITS)

struct gx_dict_img {
    gx_image *img;
    const gx_img_entry *rec;   /* n records */
    const gx_img_attrs *attrs; /* n_attrs tuples */
    const char *pool;          /* pool_size bytes, the last 4 NUL */
    const uint32_t *next_same; /* n */
    const uint32_t *slots;     /* mask + 1 */
    const gx_img_source *src;  /* n_src */
    size_t n, n_attrs, pool_size, mask, n_src;
    _Atomic(gx_entry *) *chunks; /* per S_CHUNK entries: their gx_entry, once made */
};

static size_t S_chunks(size_t n) {
    return (n + S_CHUNK - 1) >> S_CHUNK_BITS;
}

void gx_dict_img_free(gx_dict_img *im) {
    if (!im) return;
    for (size_t c = 0; im->chunks && c < S_chunks(im->n); c++)
        free(atomic_load(&im->chunks[c]));
    free(im->chunks);
    gx_image_free(im->img);
    free(im);
}

const gx_image *gx_dict_img_image(const gx_dict_img *im) {
    return im->img;
}

const gx_image *gx_dict_image(const gx_dict *dict) {
    gx_dict_img *im = gx_dict_img_of(dict);
    return im ? im->img : NULL;
}

uint64_t gx_dict_image_abi(void) {
    const uint64_t v[] = {sizeof(gx_img_entry),  sizeof(gx_img_source), GX_MAX_ENTRY_CHARS,
                          sizeof(gx_img_attrs),  GX_ROLE_COUNT,         GX_KIND_COUNT,
                          GX_PREFIX_QUOTE,       GX_ENTRY_ABBREV,       GX_IMG_META_WORDS,
                          gx_matcher_image_abi()};
    return gx_xxh64(v, sizeof v, 0);
}

/* ---------------------------------------------------------------- reading */

static uint64_t S_surface_hash(const char *s, size_t n) {
    return gx_fnv1a(GX_FNV_OFFSET, s, n);
}

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
        if (e >= im->n) continue; /* damaged: checked here, not at open */
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
    const gx_img_attrs *a = &im->attrs[r->attrs];
    gx_entry e = {S_str(im, r->surface),
                  S_str(im, r->canonical),
                  S_str(im, a->subtype),
                  S_str(im, a->parent),
                  S_str(im, a->file),
                  (long)r->line,
                  a->priority,
                  (gx_kind)a->kind,
                  (gx_role)a->role,
                  (gx_prefix)a->prefix,
                  a->min,
                  a->max,
                  a->side,
                  a->flags};
    return e;
}

/* Makes the gx_entry of chunk c; the first thread to finish publishes its copy. */
static gx_entry *S_make_chunk(gx_dict_img *im, size_t c) {
    size_t lo = c << S_CHUNK_BITS, hi = lo + S_CHUNK < im->n ? lo + S_CHUNK : im->n;
    gx_entry *v = gx_xmalloc((hi - lo) * sizeof *v), *seen = NULL;
    for (size_t i = lo; i < hi; i++)
        v[i - lo] = S_entry(im, &im->rec[i]);
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

/* The index of the first bad attribute tuple, or n_attrs. */
static size_t S_bad_attrs(const gx_dict_img *im) {
    for (size_t i = 0; i < im->n_attrs; i++) {
        const gx_img_attrs *a = &im->attrs[i];
        if (!S_off_ok(im, a->subtype, 1) || !S_off_ok(im, a->parent, 1) ||
            !S_off_ok(im, a->file, 1) || a->kind >= GX_KIND_COUNT || a->role >= GX_ROLE_COUNT ||
            a->prefix > GX_PREFIX_QUOTE || a->side > 3 || a->min > a->max ||
            a->max > GX_MAX_ENTRY_CHARS)
            return i;
    }
    return im->n_attrs;
}

/* Whether every record's offsets and attribute index are in range and every chain only goes
 * forward (so no cycle, every entry of one in range): one branch-free pass, as the records are
 * most of the image. */
static int S_records_ok(const gx_dict_img *im) {
    uint32_t pool = (uint32_t)im->pool_size, attrs = (uint32_t)im->n_attrs, n = (uint32_t)im->n;
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++) {
        const gx_img_entry *r = &im->rec[i];
        uint32_t nx = im->next_same[i];
        bad |= (uint32_t)(r->surface >= pool) | (r->canonical >= pool) | (r->attrs >= attrs) |
               ((nx != GX_IMG_NONE) & ((nx <= i) | (nx >= n)));
    }
    return !bad;
}

static gx_status S_bad(const gx_dict_img *im, gx_diag *d, const char *what) {
    return gx_diag_error(d, GX_EDICT, gx_image_path(im->img), 0, "damaged dictionary image: %s",
                         what);
}

/* Sizes of the dict's sections against its counts; sets im's section pointers. */
static gx_status S_sections(gx_dict_img *im, gx_diag *d) {
    size_t n_meta, n_rec, n_attrs, n_next, n_slots, n_src;
    const gx_image_meta *meta = gx_image_section(im->img, GX_SEC_DICT, &n_meta);
    if (n_meta != sizeof *meta) return S_bad(im, d, "dictionary counts");
    uint64_t n = meta->v[GX_IMG_ENTRIES], slots = meta->v[GX_IMG_SLOTS];
    im->rec = gx_image_section(im->img, GX_SEC_ENTRIES, &n_rec);
    im->attrs = gx_image_section(im->img, GX_SEC_ATTRS, &n_attrs);
    im->pool = gx_image_section(im->img, GX_SEC_STRINGS, &im->pool_size);
    im->next_same = gx_image_section(im->img, GX_SEC_NEXT_SAME, &n_next);
    im->slots = gx_image_section(im->img, GX_SEC_HASH, &n_slots);
    im->src = gx_image_section(im->img, GX_SEC_SOURCES, &n_src);
    if (n > GX_MAX_DICT_ENTRIES || n_rec != n * sizeof *im->rec ||
        n_next != n * sizeof *im->next_same ||
        n_attrs != meta->v[GX_IMG_ATTRS] * sizeof *im->attrs || (n && !n_attrs))
        return S_bad(im, d, "entry sections do not match the entry count");
    if (slots < 2 * n || slots < 8 || (slots & (slots - 1)) || n_slots != slots * sizeof(uint32_t))
        return S_bad(im, d, "hash section");
    if (im->pool_size < 4 || im->pool_size >= GX_IMG_NONE || im->pool_size % 8 ||
        memcmp(im->pool + im->pool_size - 4, "\0\0\0\0", 4) != 0)
        return S_bad(im, d, "string section");
    if (n_src % sizeof *im->src || n_src / sizeof *im->src != meta->v[GX_IMG_SOURCES])
        return S_bad(im, d, "source section");
    im->n = (size_t)n;
    im->n_attrs = n_attrs / sizeof *im->attrs;
    im->mask = (size_t)slots - 1;
    im->n_src = n_src / sizeof *im->src;
    return GX_OK;
}

/* Every record, attribute tuple, chain and source path in range. */
static gx_status S_verify(gx_dict_img *im, gx_diag *d) {
    size_t bad = S_bad_attrs(im);
    if (bad < im->n_attrs)
        return gx_diag_error(d, GX_EDICT, gx_image_path(im->img), 0,
                             "damaged dictionary image: attributes %zu out of range", bad);
    if (!S_records_ok(im)) return S_bad(im, d, "an entry out of range");
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
    for (size_t c = 0; c < S_chunks(im->n); c++)
        atomic_init(&im->chunks[c], NULL);
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
    gx_strmap *seen_attrs; /* the bytes of a tuple -> its index */
    gx_img_attrs *attrs;
    size_t n_attrs, cap_attrs;
    gx_img_entry *rec;
    uint32_t *next_same, *slots;
    gx_img_source *src;
    size_t n, n_slots, n_src;
    gx_image_meta meta, match_meta;
} S_out;

/* The index of e's attribute tuple, added when new; GX_IMG_NONE - 1 if the pool is full. */
static uint32_t S_attrs(S_out *o, const gx_entry *e) {
    gx_img_attrs a;
    memset(&a, 0, sizeof a);
    a.subtype = gx_img_pool_add(o->pool, e->subtype);
    a.parent = gx_img_pool_add(o->pool, e->parent);
    a.file = gx_img_pool_add(o->pool, e->file);
    if (a.subtype == GX_IMG_NONE - 1 || a.parent == GX_IMG_NONE - 1 || a.file == GX_IMG_NONE - 1)
        return GX_IMG_NONE - 1;
    a.priority = e->priority;
    a.flags = e->flags;
    a.kind = (uint8_t)e->kind;
    a.role = (uint8_t)e->role;
    a.prefix = (uint8_t)e->prefix;
    a.min = e->min;
    a.max = e->max;
    a.side = e->side;
    uint32_t k = (uint32_t)o->n_attrs;
    if (!gx_strmap_put(o->seen_attrs, (const char *)&a, sizeof a, k, &k)) return k;
    gx_grow((void **)&o->attrs, &o->cap_attrs, o->n_attrs + 1, sizeof *o->attrs);
    o->attrs[o->n_attrs++] = a;
    return k;
}

/* The records of every entry; 0 if the string pool outgrew 32-bit offsets. */
static int S_records(S_out *o, const gx_dict *dict) {
    for (size_t i = 0; i < o->n; i++) {
        const gx_entry *e = gx_dict_entry(dict, i);
        gx_img_entry *r = &o->rec[i];
        r->surface = gx_img_pool_add(o->pool, e->surface);
        r->canonical = gx_img_pool_add(o->pool, e->canonical ? e->canonical : e->surface);
        r->attrs = S_attrs(o, e);
        if (r->surface == GX_IMG_NONE - 1 || r->canonical == GX_IMG_NONE - 1 ||
            r->attrs == GX_IMG_NONE - 1)
            return 0;
        r->line =
            e->line >= 0 && (unsigned long)e->line < UINT32_MAX ? (uint32_t)e->line : UINT32_MAX;
        long nx = gx_dict_next_same(dict, i);
        o->next_same[i] = nx < 0 ? GX_IMG_NONE : (uint32_t)nx;
    }
    return 1;
}

/* The frozen hash: the first entry of every surface, at most half the slots used. */
static void S_hash(S_out *o, const gx_dict *dict) {
    o->n_slots = 8;
    while (o->n_slots < 2 * o->n)
        o->n_slots *= 2;
    o->slots = gx_xmalloc(o->n_slots * sizeof *o->slots);
    memset(o->slots, 0xFF, o->n_slots * sizeof *o->slots);
    for (size_t i = 0; i < o->n; i++) {
        const char *s = gx_dict_entry(dict, i)->surface;
        size_t len = strlen(s);
        if (gx_dict_find(dict, s, len) != (long)i) continue; /* not its surface's first */
        size_t k = (size_t)S_surface_hash(s, len) & (o->n_slots - 1);
        while (o->slots[k] != GX_IMG_NONE)
            k = (k + 1) & (o->n_slots - 1);
        o->slots[k] = (uint32_t)i;
    }
}

static void S_out_free(S_out *o) {
    gx_img_pool_free(o->pool);
    gx_strmap_free(o->seen_attrs);
    free(o->attrs);
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
    o.seen_attrs = gx_strmap_new();
    o.rec = gx_xmalloc(o.n * sizeof *o.rec + 1);
    o.next_same = gx_xmalloc(o.n * sizeof *o.next_same + 1);
    o.src = gx_img_sources_records(src, o.pool, &o.n_src);
    gx_status rc = GX_OK;
    if (!S_records(&o, dict))
        rc = gx_diag_error(d, GX_ELIMIT, path, 0,
                           "the strings outgrow a dictionary image (%u bytes, "
                           "GX_MAX_IMAGE_STRING_BYTES)",
                           GX_MAX_IMAGE_STRING_BYTES);
    if (rc == GX_OK) {
        S_hash(&o, dict);
        o.meta.v[GX_IMG_ENTRIES] = o.n;
        o.meta.v[GX_IMG_SLOTS] = o.n_slots;
        o.meta.v[GX_IMG_ATTRS] = o.n_attrs;
        o.meta.v[GX_IMG_SOURCES] = o.n_src;
        o.meta.v[GX_IMG_FILES] = gx_image_sources_files(src);
        o.meta.v[GX_IMG_CONTENTS] = gx_image_sources_hash(src);
        gx_image_part parts[GX_SEC_COUNT] = {{0}};
        parts[GX_SEC_SOURCES] = (gx_image_part){o.src, o.n_src * sizeof *o.src};
        parts[GX_SEC_DICT] = (gx_image_part){&o.meta, sizeof o.meta};
        parts[GX_SEC_ENTRIES] = (gx_image_part){o.rec, o.n * sizeof *o.rec};
        parts[GX_SEC_ATTRS] = (gx_image_part){o.attrs, o.n_attrs * sizeof *o.attrs};
        parts[GX_SEC_NEXT_SAME] = (gx_image_part){o.next_same, o.n * sizeof *o.next_same};
        parts[GX_SEC_HASH] = (gx_image_part){o.slots, o.n_slots * sizeof *o.slots};
        parts[GX_SEC_STRINGS].data = gx_img_pool_bytes(o.pool, &parts[GX_SEC_STRINGS].size);
        gx_matcher_image_parts(m, &o.match_meta, parts);
        rc = gx_image_write(path, gx_dict_image_abi(), parts, d);
    }
    S_out_free(&o);
    return rc;
}
