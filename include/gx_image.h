/* gx_image.h: stages 4-5 compiled. A dictionary image: the merged dictionaries and their
 * automaton in one binary file (`guanxi dict compile PATH... -o FILE.gxd`), mapped read-only with
 * mmap and used in place, so that loading a million entries costs a checksum, not a build.
 *
 * The file is a header and a table of pointer-free sections (image.c; the layout is in its header
 * comment and in dicts/README.md): the entries as fixed records with offsets into a string pool,
 * the pool, next_same, a frozen hash from surface to first entry (dict_image.c), and the
 * matcher's arrays of match_int.h (match_image.c). Magic, format version, byte order, a layout
 * tag, the size and an XXH64 checksum of everything are verified before any section is trusted,
 * and every offset, count and index is bounds-checked after: a truncated, corrupt, foreign or
 * old image is GX_EDICT naming the file, never a crash. An image also records what it was
 * compiled from (paths, sizes, mtimes, content hashes) so that a stale one can be told.
 * A dict opened from an image is read-only and owns the mapping; it must outlive the matcher
 * gx_matcher_from_image makes from it and every dict it is merged into.
 */
#ifndef GX_IMAGE_H
#define GX_IMAGE_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_dict.h"
#include "gx_match.h"

/* Format version: bumped at every change of the layout or of what a section means. */
#define GX_IMAGE_VERSION 1
/* The customary file name extension; `-d PATH` reads PATH as an image when it ends with it or
 * starts with the image magic. */
#define GX_IMAGE_EXT ".gxd"

/* The sections, in file order. */
typedef enum {
    GX_SEC_SOURCES = 0, /* what it was compiled from (dict_image.c) */
    GX_SEC_DICT,        /* dictionary counts */
    GX_SEC_ENTRIES,     /* fixed entry records */
    GX_SEC_ATTRS,       /* the distinct attribute tuples of the entries */
    GX_SEC_STRINGS,     /* NUL-terminated UTF-8 strings the records point into */
    GX_SEC_NEXT_SAME,   /* per entry: next entry of the same surface */
    GX_SEC_HASH,        /* open-addressing table: surface -> first entry */
    GX_SEC_MATCH,       /* matcher counts (match_image.c) */
    GX_SEC_PAGE,        /* the matcher's arrays, as in match_int.h */
    GX_SEC_IDS,
    GX_SEC_UNITS,
    GX_SEC_OUT,
    GX_SEC_FLAGS,
    GX_SEC_COUNT
} gx_image_sec;

/* One section to write: size bytes at data (borrowed). */
typedef struct {
    const void *data;
    size_t size;
} gx_image_part;

/* ---- the container (image.c) ---- */

typedef struct gx_image gx_image;

/* Maps path and verifies header, size, layout tag (abi: see gx_dict_image_abi) and checksum,
 * and that every section lies inside the file. On error returns GX_EIO or GX_EDICT with the
 * message (naming path) in d and *out = NULL. Free with gx_image_free. */
GX_MUST_CHECK gx_status gx_image_open(const char *path, uint64_t abi, gx_diag *d, gx_image **out);
void gx_image_free(gx_image *img);
/* Section id of img: its bytes (8-byte aligned) and their count in *out_size. */
const void *gx_image_section(const gx_image *img, gx_image_sec id, size_t *out_size);
/* The path the image was opened from (owned by img). */
const char *gx_image_path(const gx_image *img);
/* Bytes of the whole file. */
size_t gx_image_size(const gx_image *img);

/* Writes parts[0..GX_SEC_COUNT) as an image to path: into a temporary file beside it, renamed
 * into place when complete (a failed write leaves no image and an old one untouched).
 * GX_EIO with the message in d on failure. */
GX_MUST_CHECK gx_status gx_image_write(const char *path, uint64_t abi,
                                       const gx_image_part parts[GX_SEC_COUNT], gx_diag *d);

/* 1 if path ends with GX_IMAGE_EXT or is a file that starts with the image magic, else 0. */
int gx_image_sniff(const char *path);

/* ---- the dictionary in an image (dict_image.c) ---- */

/* Storage for the small count sections while an image is written. */
typedef struct {
    uint64_t v[8];
} gx_image_meta;

/* What an image was compiled from: every dictionary path given and every file it stood for. */
typedef struct gx_image_sources gx_image_sources;

/* Records paths[0..n) (a file, or a folder and its *.tsv files: name, size, mtime and XXH64 of
 * the contents). Call it before loading them, so that a change during the load makes the image
 * stale, not silently out of date. GX_EIO with the message in d when a path cannot be read.
 * Free with gx_image_sources_free. */
GX_MUST_CHECK gx_status gx_image_sources_new(const char *const *paths, size_t n, gx_diag *d,
                                             gx_image_sources **out);
void gx_image_sources_free(gx_image_sources *s);
/* Files recorded (folders' files included), and the XXH64 of all their contents in order. */
size_t gx_image_sources_files(const gx_image_sources *s);
uint64_t gx_image_sources_hash(const gx_image_sources *s);

/* The layout tag an image of this build carries: record sizes and the constants the sections
 * depend on; an image with another tag is rejected. */
uint64_t gx_dict_image_abi(void);

/* Writes dict, its matcher m (built from dict by gx_matcher_new) and src as an image to path.
 * GX_ELIMIT when a section outgrows its 32-bit offsets, GX_EIO on a write error. */
GX_MUST_CHECK gx_status gx_dict_write_image(const gx_dict *dict, const gx_matcher *m,
                                            const gx_image_sources *src, const char *path,
                                            gx_diag *d);

/* Opens the image at path as a read-only dict backed by the mapping (gx_dict_count, _entry,
 * _find and _next_same work on it; an entry's gx_entry is made on first use, from the record).
 * Verified as gx_image_open says, then every record, string offset, chain and hash slot is
 * checked. Errors: GX_EIO, GX_EDICT naming path. Free with gx_dict_free. Never pass it to
 * gx_dict_load or gx_dict_add_line: merge it into a gx_dict_new() with gx_dict_merge. */
GX_MUST_CHECK gx_status gx_dict_open_image(const char *path, gx_diag *d, gx_dict **out);

/* The image behind a dict from gx_dict_open_image, or NULL for any other dict. */
const gx_image *gx_dict_image(const gx_dict *dict);

/* GX_OK when no source the image of dict names has changed since it was compiled (a file whose
 * size or mtime differs counts as changed only if its contents hash differs too; a folder
 * changes when its set of *.tsv files does; sources that no longer exist are not checked), else
 * GX_EDICT with "IMAGE: stale: SOURCE changed since it was compiled ..." in d. */
GX_MUST_CHECK gx_status gx_dict_image_fresh(const gx_dict *dict, gx_diag *d);

/* Adds every entry of src to dst in src's order, as if its lines were loaded after what dst
 * holds (later definitions replace earlier ones, with the same warnings). dst borrows src's
 * strings: src must outlive dst. GX_EDICT if an entry of src breaks a limit of gx_dict_load. */
GX_MUST_CHECK gx_status gx_dict_merge(gx_dict *dst, const gx_dict *src, gx_diag *d);

/* ---- the matcher in an image (match_image.c) ---- */

/* The layout tag of the matcher's sections (unit size, page bits, flags). */
uint64_t gx_matcher_image_abi(void);

/* The matcher's sections (GX_SEC_MATCH to GX_SEC_FLAGS) of m into parts; meta holds the counts
 * and must live until the parts are written. */
void gx_matcher_image_parts(const gx_matcher *m, gx_image_meta *meta,
                            gx_image_part parts[GX_SEC_COUNT]);

/* A matcher whose arrays are those in the image of dict (from gx_dict_open_image), checked so
 * that no scan can leave them; nothing is copied. dict must outlive it. GX_EDICT naming the
 * image when a section is inconsistent. Free with gx_matcher_free. */
GX_MUST_CHECK gx_status gx_matcher_from_image(const gx_dict *dict, gx_diag *d, gx_matcher **out);

/* ---- guanxi dict compile (compile.c) ---- */

/* Loads paths[0..n) (dictionary files and folders, as -d does), builds the matcher and writes
 * the image to out_path. Unless quiet, prints one summary line to out. GX_OK or the status of
 * the first error, with the message in d. */
GX_MUST_CHECK gx_status gx_dict_compile(const char *const *paths, size_t n, const char *out_path,
                                        int quiet, FILE *out, gx_diag *d);

#endif
