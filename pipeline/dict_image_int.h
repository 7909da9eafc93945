/* dict_image_int.h: private to the dictionary stage's image files: dict.c (the dict object),
 * dict_image.c (a dict backed by an image) and image_sources.c (what an image was compiled from).
 *
 * A dict opened from an image keeps a gx_dict_img: the mapping plus the sections it reads. The
 * accessors of dict.c hand over to it while the dict holds one. The record layouts below are the
 * file format (gx_image.h, image.c): changing one means bumping GX_IMAGE_VERSION.
 */
#ifndef GX_DICT_IMAGE_INT_H
#define GX_DICT_IMAGE_INT_H

#include "gx_dict.h"
#include "gx_image.h"

#define GX_IMG_NONE UINT32_MAX /* no string / no entry */

/* One entry (GX_SEC_ENTRIES): its strings, offsets into GX_SEC_STRINGS (canonical == surface
 * when the entry names itself), and its attributes, shared by every entry that has the same. */
typedef struct {
    uint32_t surface, canonical;
    uint32_t attrs; /* index into GX_SEC_ATTRS */
    uint32_t line;  /* UINT32_MAX when the line number did not fit */
} gx_img_entry;

/* Attributes of entries (GX_SEC_ATTRS), each distinct tuple once: offsets or GX_IMG_NONE. */
typedef struct {
    uint32_t subtype, parent, file;
    int32_t priority;
    uint32_t flags; /* GX_ENTRY_* */
    uint8_t kind, role, prefix, min, max, side, pad[2];
} gx_img_attrs;

/* One source (GX_SEC_SOURCES): a folder given to compile, or a file loaded. */
typedef struct {
    uint32_t path;   /* absolute path, offset into GX_SEC_STRINGS */
    uint32_t kind;   /* GX_IMG_FILE or GX_IMG_FOLDER */
    uint64_t size;   /* file: bytes; folder: its *.tsv files */
    int64_t mtime_s; /* file: modification time (folder: 0) */
    int64_t mtime_ns;
    uint64_t hash; /* file: XXH64 of the contents; folder: of its *.tsv names, NUL-ended */
} gx_img_source;

enum { GX_IMG_FILE = 1, GX_IMG_FOLDER = 2 };

/* GX_SEC_DICT: the counts, as gx_image_meta.v[]. */
enum {
    GX_IMG_ENTRIES = 0, /* entries */
    GX_IMG_SLOTS,       /* hash slots (a power of two) */
    GX_IMG_ATTRS,       /* attribute tuples */
    GX_IMG_SOURCES,     /* source records */
    GX_IMG_FILES,       /* of which files */
    GX_IMG_CONTENTS,    /* XXH64 over the files' hashes */
    GX_IMG_META_WORDS
};

typedef struct gx_dict_img gx_dict_img;

/* ---- dict.c ---- */

/* A dict backed by im (which it takes over; n entries). */
gx_dict *gx_dict_new_image(gx_dict_img *im, size_t n);
/* The image state of dict, or NULL. */
gx_dict_img *gx_dict_img_of(const gx_dict *dict);

/* ---- dict_image.c: the accessors of a dict backed by an image ---- */

const gx_entry *gx_dict_img_entry(gx_dict_img *im, size_t i);
long gx_dict_img_find(const gx_dict_img *im, const char *s, size_t n);
long gx_dict_img_next_same(const gx_dict_img *im, size_t i);
void gx_dict_img_free(gx_dict_img *im);
const gx_image *gx_dict_img_image(const gx_dict_img *im);

/* ---- image_sources.c ---- */

/* Appends the string s (with its NUL) to a growing pool, once: the offset of s in it. */
typedef struct gx_img_pool gx_img_pool;
gx_img_pool *gx_img_pool_new(void);
void gx_img_pool_free(gx_img_pool *p);
/* GX_IMG_NONE for NULL; UINT32_MAX - 1 when the pool would outgrow 32-bit offsets. */
uint32_t gx_img_pool_add(gx_img_pool *p, const char *s);
/* The pool padded with NULs to a multiple of 8, at least 4 of them (decoders that read a
 * character's trail bytes never leave it). Valid until the next add. */
const char *gx_img_pool_bytes(gx_img_pool *p, size_t *out_size);

/* The source records of s, their paths added to pool; *out_n records (caller frees). */
gx_img_source *gx_img_sources_records(const gx_image_sources *s, gx_img_pool *pool, size_t *out_n);

/* Checks rec[0..n) against the file system; GX_EDICT naming image on the first change. */
GX_MUST_CHECK gx_status gx_img_sources_fresh(const gx_img_source *rec, size_t n, const char *pool,
                                             const char *image, gx_diag *d);

#endif
