/* image.c: stages 4-5 compiled, the container of a dictionary image (gx_image.h): a header, a
 * table of sections, the sections. dict_image.c and match_image.c fill and read the sections.
 *
 * Layout (native byte order; every section starts at a multiple of S_ALIGN):
 *   0   magic "\x89GXD\r\n\x1a\n"   8  u32 format version   12 u32 byte-order mark 0x0A0B0C0D
 *   16  u64 checksum: XXH64 (seed 0) of bytes [24, size)
 *   24  u64 size of the file        32 u64 layout tag (gx_dict_image_abi)
 *   40  u32 sections (GX_SEC_COUNT) 44 u32 header bytes
 *   48  per section: u64 offset, u64 size
 * Checks run in that order (magic, byte order, version, size, layout, checksum, section bounds)
 * so that each failure gets its own message; nothing past the header is read before the
 * checksum matched. The file is mapped with MAP_POPULATE: the checksum reads every page anyway.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "gx_hash.h"
#include "gx_emit.h"
#include "gx_image.h"

#define S_MAGIC       "\x89GXD\r\n\x1a\n"
#define S_BYTE_ORDER  0x0A0B0C0Du
#define S_SUMMED_FROM 24 /* the checksum covers the file from the size field on */
#define S_ALIGN       64 /* sections start on a cache line */

typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t byte_order;
    uint64_t checksum;
    uint64_t size;
    uint64_t abi;
    uint32_t n_sections;
    uint32_t header_bytes;
    struct {
        uint64_t offset, size;
    } sec[GX_SEC_COUNT];
} S_header;

struct gx_image {
    const unsigned char *map; /* the whole file, read-only */
    size_t size;
    char *path;
};

void gx_image_free(gx_image *img) {
    if (!img) return;
    if (img->map) munmap((void *)img->map, img->size);
    free(img->path);
    free(img);
}

const void *gx_image_section(const gx_image *img, gx_image_sec id, size_t *out_size) {
    const S_header *h = (const S_header *)img->map;
    *out_size = (size_t)h->sec[id].size;
    return img->map + h->sec[id].offset;
}

const char *gx_image_path(const gx_image *img) {
    return img->path;
}
size_t gx_image_size(const gx_image *img) {
    return img->size;
}

/* ---------------------------------------------------------------- verification */

static gx_status S_bad(gx_diag *d, const char *path, const char *what) {
    return gx_diag_error(d, GX_EDICT, path, 0, "not a usable dictionary image: %s", what);
}

/* Magic, byte order, version, size and layout tag of the header at h (size bytes mapped). */
static gx_status S_check_header(const S_header *h, size_t size, uint64_t abi, const char *path,
                                gx_diag *d) {
    if (size < sizeof *h || memcmp(h->magic, S_MAGIC, 8) != 0)
        return size >= 8 && memcmp(h->magic, S_MAGIC, 8) == 0
                   ? gx_diag_error(d, GX_EDICT, path, 0,
                                   "truncated dictionary image (%zu bytes, less than its header)",
                                   size)
                   : S_bad(d, path, "no image magic (compile one with guanxi dict compile)");
    if (h->byte_order != S_BYTE_ORDER)
        return S_bad(d, path, "written on a machine of the other byte order");
    if (h->version != GX_IMAGE_VERSION)
        return gx_diag_error(d, GX_EDICT, path, 0,
                             "dictionary image format version %u, this guanxi reads version %d "
                             "(compile it again with guanxi dict compile)",
                             h->version, GX_IMAGE_VERSION);
    if (h->size != size)
        return gx_diag_error(
            d, GX_EDICT, path, 0, "%s dictionary image: %zu bytes, its header says %llu",
            size < h->size ? "truncated" : "damaged", size, (unsigned long long)h->size);
    if (h->abi != abi || h->n_sections != GX_SEC_COUNT || h->header_bytes != sizeof *h)
        return S_bad(d, path, "record layout of another build (compile it again)");
    return GX_OK;
}

/* Every section inside the file, after the header, aligned, in order and not overlapping. */
static gx_status S_check_sections(const S_header *h, const char *path, gx_diag *d) {
    uint64_t at = sizeof *h;
    for (int i = 0; i < GX_SEC_COUNT; i++) {
        uint64_t off = h->sec[i].offset, n = h->sec[i].size;
        if (off < at || off % S_ALIGN || off > h->size || n > h->size - off)
            return gx_diag_error(d, GX_EDICT, path, 0,
                                 "damaged dictionary image: section %d out of bounds", i);
        at = off + n;
    }
    return GX_OK;
}

static gx_status S_map(const char *path, gx_diag *d, const unsigned char **out, size_t *out_size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return gx_diag_error(d, GX_EIO, path, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    gx_status rc = GX_OK;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) != 0)
        rc = gx_diag_error(d, GX_EIO, path, 0, "cannot stat: %s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = S_bad(d, path, "not a regular file");
    else if (st.st_size < (off_t)sizeof(S_header))
        rc = st.st_size >= 8 ? GX_OK : S_bad(d, path, "no image magic (empty or tiny file)");
    if (rc == GX_OK && st.st_size > 0) {
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map == MAP_FAILED)
            rc = gx_diag_error(d, GX_EIO, path, 0, "cannot map: %s", strerror(errno));
    }
    close(fd);
    *out = rc == GX_OK ? map : NULL;
    *out_size = rc == GX_OK ? (size_t)st.st_size : 0;
    return rc;
}

gx_status gx_image_open(const char *path, uint64_t abi, gx_diag *d, gx_image **out) {
    *out = NULL;
    gx_image *img = gx_xcalloc(1, sizeof *img);
    img->path = gx_xstrdup(path);
    gx_status rc = S_map(path, d, &img->map, &img->size);
    if (rc == GX_OK && img->size < sizeof(S_header)) {
        S_header h = {{0}, 0, 0, 0, 0, 0, 0, 0, {{0, 0}}}; /* a short file: its magic decides */
        memcpy(&h, img->map, img->size);
        rc = S_check_header(&h, img->size, abi, path, d);
    }
    const S_header *h = (const S_header *)img->map;
    if (rc == GX_OK) rc = S_check_header(h, img->size, abi, path, d);
    if (rc == GX_OK &&
        gx_xxh64(img->map + S_SUMMED_FROM, img->size - S_SUMMED_FROM, 0) != h->checksum)
        rc = gx_diag_error(d, GX_EDICT, path, 0, "corrupt dictionary image: checksum mismatch");
    if (rc == GX_OK) rc = S_check_sections(h, path, d);
    if (rc != GX_OK) {
        gx_image_free(img);
        return rc;
    }
    *out = img;
    return GX_OK;
}

/* ---------------------------------------------------------------- writing */

static size_t S_up(size_t n) {
    return (n + S_ALIGN - 1) / S_ALIGN * S_ALIGN;
}

/* The whole image in one buffer (caller frees); sets *out_size. */
static unsigned char *S_assemble(uint64_t abi, const gx_image_part parts[GX_SEC_COUNT],
                                 size_t *out_size) {
    S_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, S_MAGIC, 8);
    h.version = GX_IMAGE_VERSION;
    h.byte_order = S_BYTE_ORDER;
    h.abi = abi;
    h.n_sections = GX_SEC_COUNT;
    h.header_bytes = sizeof h;
    size_t at = S_up(sizeof h);
    for (int i = 0; i < GX_SEC_COUNT; i++) {
        h.sec[i].offset = at;
        h.sec[i].size = parts[i].size;
        at = S_up(at + parts[i].size);
    }
    h.size = at;
    unsigned char *buf = gx_xcalloc(1, at);
    for (int i = 0; i < GX_SEC_COUNT; i++)
        if (parts[i].size) memcpy(buf + h.sec[i].offset, parts[i].data, parts[i].size);
    memcpy(buf, &h, sizeof h);
    h.checksum = gx_xxh64(buf + S_SUMMED_FROM, at - S_SUMMED_FROM, 0);
    memcpy(buf, &h, sizeof h);
    *out_size = at;
    return buf;
}

/* Writes buf[0..n) to a new temporary file beside path and renames it to path. */
static gx_status S_write_file(const char *path, const unsigned char *buf, size_t n, gx_diag *d) {
    size_t len = strlen(path) + 16;
    char *tmp = gx_xmalloc(len);
    snprintf(tmp, len, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    gx_status rc = GX_OK;
    if (fd >= 0) gx_emit_temp_track(tmp); /* removed on SIGINT/SIGTERM */
    if (fd < 0) {
        rc = gx_diag_error(d, GX_EIO, path, 0, "cannot create: %s", strerror(errno));
        free(tmp);
        return rc;
    }
    for (size_t done = 0; done < n && rc == GX_OK;) {
        ssize_t w = write(fd, buf + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            rc = gx_diag_error(d, GX_EIO, path, 0, "write error: %s", strerror(errno));
        else
            done += (size_t)w;
    }
    if (fchmod(fd, 0644) != 0 && rc == GX_OK)
        rc = gx_diag_error(d, GX_EIO, path, 0, "cannot chmod: %s", strerror(errno));
    if (close(fd) != 0 && rc == GX_OK)
        rc = gx_diag_error(d, GX_EIO, path, 0, "write error: %s", strerror(errno));
    if (rc == GX_OK && rename(tmp, path) != 0)
        rc = gx_diag_error(d, GX_EIO, path, 0, "cannot rename: %s", strerror(errno));
    if (rc != GX_OK) unlink(tmp);
    gx_emit_temp_done();
    free(tmp);
    return rc;
}

gx_status gx_image_write(const char *path, uint64_t abi, const gx_image_part parts[GX_SEC_COUNT],
                         gx_diag *d) {
    size_t n;
    unsigned char *buf = S_assemble(abi, parts, &n);
    gx_status rc = S_write_file(path, buf, n, d);
    free(buf);
    return rc;
}

int gx_image_sniff(const char *path) {
    size_t n = strlen(path), k = strlen(GX_IMAGE_EXT);
    if (n >= k && strcmp(path + n - k, GX_IMAGE_EXT) == 0) return 1;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    FILE *f = fopen(path, "rb");
    char magic[8];
    int is = f && fread(magic, 1, 8, f) == 8 && memcmp(magic, S_MAGIC, 8) == 0;
    if (f) fclose(f);
    return is;
}
