/* image_sources.c: stage 4 compiled: what a dictionary image was compiled from, and whether that
 * changed since (gx_image.h), plus the string pool the image's sections point into.
 *
 * `guanxi dict compile` records every path it was given by absolute path: a file with its size,
 * mtime and XXH64; a folder with the hash of its *.tsv names (the files gx_dict_load reads from
 * it: not hidden, name ending in .tsv) followed by each of those files. An image is stale when
 * a recorded file that still exists differs in size or mtime AND in contents (touching a file
 * does not make an image stale), or a recorded folder holds another set of *.tsv files.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "dict_image_int.h"
#include "gx_hash.h"

/* ---------------------------------------------------------------- string pool */

struct gx_img_pool {
    gx_strmap *seen; /* string -> offset */
    char *buf;
    size_t n, cap;
};

gx_img_pool *gx_img_pool_new(void) {
    gx_img_pool *p = gx_xcalloc(1, sizeof *p);
    p->seen = gx_strmap_new();
    return p;
}

void gx_img_pool_free(gx_img_pool *p) {
    if (!p) return;
    gx_strmap_free(p->seen);
    free(p->buf);
    free(p);
}

uint32_t gx_img_pool_add(gx_img_pool *p, const char *s) {
    if (!s) return GX_IMG_NONE;
    size_t len = strlen(s);
    uint32_t off;
    if (gx_strmap_get(p->seen, s, len, &off)) return off;
    if (p->n + len + 1 + 8 > GX_MAX_IMAGE_STRING_BYTES) return GX_IMG_NONE - 1;
    gx_grow((void **)&p->buf, &p->cap, p->n + len + 1, 1);
    memcpy(p->buf + p->n, s, len + 1);
    off = (uint32_t)p->n;
    p->n += len + 1;
    (void)gx_strmap_put(p->seen, s, len, off, NULL);
    return off;
}

const char *gx_img_pool_bytes(gx_img_pool *p, size_t *out_size) {
    size_t size = (p->n + 4 + 7) / 8 * 8;
    gx_grow((void **)&p->buf, &p->cap, size, 1);
    memset(p->buf + p->n, 0, size - p->n);
    *out_size = size;
    return p->buf;
}

/* ---------------------------------------------------------------- recording */

typedef struct {
    char *path; /* absolute */
    gx_img_source rec;
} S_src;

struct gx_image_sources {
    S_src *v;
    size_t n, cap, files;
    uint64_t hash; /* over the files' hashes, in order */
};

void gx_image_sources_free(gx_image_sources *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].path);
    free(s->v);
    free(s);
}

size_t gx_image_sources_files(const gx_image_sources *s) {
    return s->files;
}
uint64_t gx_image_sources_hash(const gx_image_sources *s) {
    return s->hash;
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.tsv names of folder dir, sorted (caller frees each and the array); -1 if unreadable. */
static long S_tsv_names(const char *dir, char ***out) {
    DIR *dh = opendir(dir);
    *out = NULL;
    if (!dh) return -1;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0) continue;
        gx_grow((void **)out, &cap, n + 1, sizeof **out);
        (*out)[n++] = gx_xstrdup(e->d_name);
    }
    closedir(dh);
    gx_sort(*out, n, sizeof **out, S_cmp_str);
    return (long)n;
}

/* Hash of names[0..n), each with its NUL; frees them. */
static uint64_t S_names_hash(char **names, size_t n) {
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) {
        h = gx_xxh64(names[i], strlen(names[i]) + 1, h);
        free(names[i]);
    }
    free(names);
    return h;
}

/* XXH64 of the contents of path; 0 with errno set when it cannot be read. */
static int S_file_hash(const char *path, uint64_t *out) {
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = gx_xmalloc(cap);
    while ((r = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += r) == cap) buf = gx_xrealloc(buf, cap *= 2);
    int ok = !ferror(f);
    fclose(f);
    *out = gx_xxh64(buf, n, 0);
    free(buf);
    return ok;
}

static S_src *S_push(gx_image_sources *s, const char *abs, uint32_t kind) {
    gx_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
    S_src *x = &s->v[s->n++];
    memset(x, 0, sizeof *x);
    x->path = gx_xstrdup(abs);
    x->rec.kind = kind;
    return x;
}

static gx_status S_add_file(gx_image_sources *s, const char *abs, gx_diag *d) {
    struct stat st;
    S_src *x = S_push(s, abs, GX_IMG_FILE);
    if (stat(abs, &st) != 0 || !S_file_hash(abs, &x->rec.hash))
        return gx_diag_error(d, GX_EIO, abs, 0, "cannot read dictionary: %s", strerror(errno));
    x->rec.size = (uint64_t)st.st_size;
    x->rec.mtime_s = (int64_t)st.st_mtim.tv_sec;
    x->rec.mtime_ns = (int64_t)st.st_mtim.tv_nsec;
    s->hash = gx_xxh64(&x->rec.hash, sizeof x->rec.hash, s->hash);
    s->files++;
    return GX_OK;
}

static gx_status S_add_folder(gx_image_sources *s, const char *abs, gx_diag *d) {
    char **names;
    long n = S_tsv_names(abs, &names);
    if (n < 0) return gx_diag_error(d, GX_EIO, abs, 0, "cannot read folder: %s", strerror(errno));
    gx_status rc = GX_OK;
    for (long i = 0; i < n && rc == GX_OK; i++) {
        size_t len = strlen(abs) + strlen(names[i]) + 2;
        char *p = gx_xmalloc(len);
        snprintf(p, len, "%s/%s", abs, names[i]);
        rc = S_add_file(s, p, d);
        free(p);
    }
    S_src *x = S_push(s, abs, GX_IMG_FOLDER); /* after its files: they were pushed first */
    x->rec.size = (uint64_t)n;
    x->rec.hash = S_names_hash(names, (size_t)n);
    return rc;
}

gx_status gx_image_sources_new(const char *const *paths, size_t n, gx_diag *d,
                               gx_image_sources **out) {
    gx_image_sources *s = gx_xcalloc(1, sizeof *s);
    gx_status rc = GX_OK;
    for (size_t i = 0; i < n && rc == GX_OK; i++) {
        char abs[PATH_MAX];
        struct stat st;
        if (!realpath(paths[i], abs) || stat(abs, &st) != 0)
            rc = gx_diag_error(d, GX_EIO, paths[i], 0, "cannot open dictionary: %s",
                               strerror(errno));
        else
            rc = S_ISDIR(st.st_mode) ? S_add_folder(s, abs, d) : S_add_file(s, abs, d);
    }
    if (rc != GX_OK) {
        gx_image_sources_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

gx_img_source *gx_img_sources_records(const gx_image_sources *s, gx_img_pool *pool, size_t *out_n) {
    gx_img_source *rec = gx_xmalloc(s->n * sizeof *rec + 1);
    for (size_t i = 0; i < s->n; i++) {
        rec[i] = s->v[i].rec;
        rec[i].path = gx_img_pool_add(pool, s->v[i].path);
    }
    *out_n = s->n;
    return rec;
}

/* ---------------------------------------------------------------- freshness */

/* Whether the source r still is what was recorded (or is gone: not checked). */
static int S_unchanged(const gx_img_source *r, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return errno == ENOENT || errno == ENOTDIR;
    if (r->kind == GX_IMG_FOLDER) {
        char **names;
        long n = S_tsv_names(path, &names);
        uint64_t h = n >= 0 ? S_names_hash(names, (size_t)n) : 0; /* frees the names */
        return n >= 0 && (uint64_t)n == r->size && h == r->hash;
    }
    if ((uint64_t)st.st_size != r->size) return 0;
    if (st.st_mtim.tv_sec == r->mtime_s && st.st_mtim.tv_nsec == r->mtime_ns) return 1;
    uint64_t h;
    return S_file_hash(path, &h) && h == r->hash; /* touched, perhaps not changed */
}

gx_status gx_img_sources_fresh(const gx_img_source *rec, size_t n, const char *pool,
                               const char *image, gx_diag *d) {
    for (size_t i = 0; i < n; i++) {
        const char *path = pool + rec[i].path;
        if (!S_unchanged(&rec[i], path))
            return gx_diag_error(
                d, GX_EDICT, image, 0,
                "stale dictionary image: %s %s since it was compiled "
                "(compile it again with guanxi dict compile)",
                path, rec[i].kind == GX_IMG_FOLDER ? "gained or lost .tsv files" : "changed");
    }
    return GX_OK;
}
