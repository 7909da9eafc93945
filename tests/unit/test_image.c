/* test_image.c: dictionary images (gx_image.h): a compiled image gives the same entries, lookups
 * and hits as the TSV it came from; every single-byte corruption, every truncation, a wrong
 * version and a wrong byte order are GX_EDICT naming the file; a forged image whose checksum was
 * made to match is refused (or, for hash slots, read safely); staleness of files and folders;
 * merging an image with more TSV lines; entries made lazily from several threads.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unicode/utf8.h>
#include <unistd.h>
#include "gx_hash.h"
#include "gx_image.h"
#include "harness.h"

static char S_dir[64], S_tsv[128], S_img[128], S_bad[128];

static const char S_lines[] = "# a small dictionary with every kind of field\n"
                              "惠济区\tplace\t\tparent=郑州市;subtype=district\n"
                              "郑州市\tplace\n"
                              "郑州\tplace\t郑州市\n"
                              "惠济区人民法院\torg\t\tpriority=5\n"
                              "人民法院\torg\n"
                              "法院\torg\n"
                              "区人\tplace\t\tnegative\n"
                              "路\tsurname\n"
                              "北林路\tplace\n"
                              "路\tsuffix\t\tkind=place;prefix=name;min=1;max=8\n"
                              "书记\ttitle\t\tside=both;byline\n"
                              "𠀀字\tplace\n"
                              "he\tperson\nshe\tperson\nhers\tperson\n";

static void S_write(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) abort();
}

static unsigned char *S_read(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) abort();
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*n + 1);
    if (fread(b, 1, *n, f) != *n) abort();
    fclose(f);
    return b;
}

static void S_write_bytes(const char *path, const unsigned char *b, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) abort();
}

static uint32_t S_cps[256];

/* The code points of s in S_cps; returns their count. */
static uint32_t S_decode(const char *s) {
    return (uint32_t)gx_utf8_cps(s, S_cps, sizeof S_cps / sizeof *S_cps);
}

/* ---------------------------------------------------------------- round trip */

static int S_str_eq(const char *a, const char *b) {
    return a == b || (a && b && !strcmp(a, b));
}

static int S_entry_eq(const gx_entry *a, const gx_entry *b) {
    return S_str_eq(a->surface, b->surface) && S_str_eq(a->canonical, b->canonical) &&
           S_str_eq(a->subtype, b->subtype) && S_str_eq(a->parent, b->parent) &&
           S_str_eq(a->file, b->file) && a->line == b->line && a->priority == b->priority &&
           a->kind == b->kind && a->role == b->role && a->prefix == b->prefix && a->min == b->min &&
           a->max == b->max && a->side == b->side && a->flags == b->flags;
}

/* The hits of text in mode as "start-end:entry,...". */
static const char *S_hits(const gx_matcher *m, const char *text, gx_match_mode mode) {
    static char buf[2][1024];
    static int which;
    gx_hits h = {0};
    gx_match_scan(m, S_cps, S_decode(text), mode, &h);
    char *b = buf[which ^= 1];
    size_t k = 0;
    b[0] = '\0';
    for (size_t i = 0; i < h.n; i++)
        k += (size_t)snprintf(b + k, 1024 - k, "%u-%u:%u,", h.v[i].start, h.v[i].end, h.v[i].entry);
    gx_hits_free(&h);
    return b;
}

static void S_round_trip(gx_diag *d) {
    const char *paths[] = {S_tsv};
    ok(gx_dict_compile(paths, 1, S_img, 1, stdout, d) == GX_OK, "compile");
    gx_dict *tsv = gx_dict_new(), *img = NULL;
    gx_matcher *mt = NULL, *mi = NULL;
    ok(gx_dict_load(tsv, S_tsv, d) == GX_OK && gx_matcher_new(tsv, d, &mt) == GX_OK, "load TSV");
    ok(gx_dict_open_image(S_img, d, &img) == GX_OK, "open image");
    ok(gx_dict_image_fresh(img, d) == GX_OK, "fresh");
    ok(gx_matcher_from_image(img, d, &mi) == GX_OK, "matcher from image");
    ok(gx_dict_image(img) != NULL && gx_dict_image(tsv) == NULL, "gx_dict_image");
    eq_int(gx_dict_count(img), gx_dict_count(tsv), "same count");
    int same = 1;
    for (size_t i = 0; i < gx_dict_count(tsv); i++) {
        const gx_entry *e = gx_dict_entry(tsv, i);
        same &= S_entry_eq(e, gx_dict_entry(img, i));
        same &= gx_dict_next_same(img, i) == gx_dict_next_same(tsv, i);
        same &= gx_dict_find(img, e->surface, strlen(e->surface)) ==
                gx_dict_find(tsv, e->surface, strlen(e->surface));
    }
    ok(same, "every entry, chain and lookup the same");
    ok(gx_dict_entry(img, 3) == gx_dict_entry(img, 3), "an entry is made once");
    eq_int(gx_dict_find(img, "不在", strlen("不在")), -1, "absent surface");
    eq_int(gx_dict_find(img, "郑州市", 6), gx_dict_find(tsv, "郑州市", 6), "present surface");
    eq_int(gx_dict_find(img, "郑州市\0x", 8), -1, "a NUL inside the key");
    eq_int(gx_dict_find(img, "郑州", 3), -1, "a prefix of a surface");
    eq_int(gx_matcher_states(mi), gx_matcher_states(mt), "same states");
    const char *texts[] = {
        "在惠济区人民法院里", "上区人民法院", "ushers", "北林路书记路", "x𠀀字y", "郑州郑州市", ""};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        eq_str(S_hits(mi, texts[i], GX_MATCH_ALL), S_hits(mt, texts[i], GX_MATCH_ALL), texts[i]);
        eq_str(S_hits(mi, texts[i], GX_MATCH_LONGEST), S_hits(mt, texts[i], GX_MATCH_LONGEST),
               texts[i]);
    }
    gx_matcher_free(mi);
    gx_matcher_free(mt);
    gx_dict_free(img);
    gx_dict_free(tsv);
}

/* ---------------------------------------------------------------- damage */

/* Opens path (dict and matcher) with its messages in buf: the status. */
static gx_status S_open(const char *path, char *buf, size_t cap) {
    FILE *f = fmemopen(buf, cap, "w");
    gx_diag *d = gx_diag_new(f);
    gx_dict *dict = NULL;
    gx_matcher *m = NULL;
    gx_status rc = gx_dict_open_image(path, d, &dict);
    if (rc == GX_OK) rc = gx_matcher_from_image(dict, d, &m);
    if (rc == GX_OK) { /* whatever opened must scan safely */
        gx_hits h = {0};
        gx_match_scan(m, S_cps, S_decode("在惠济区人民法院里北林路"), GX_MATCH_ALL, &h);
        gx_hits_free(&h);
    }
    gx_matcher_free(m);
    gx_dict_free(dict);
    gx_diag_free(d);
    fclose(f);
    return rc;
}

/* Positions tried: every one in the header and the small sections at the start, then a prime
 * stride through the large ones, and the last byte. */
static size_t S_step(size_t i, size_t n) {
    return i < 1024 || i + 1 == n ? 1 : i + 61 < n ? 61 : n - 1 - i;
}

static void S_corruption(void) {
    size_t n;
    unsigned char *b = S_read(S_img, &n);
    char msg[1024];
    size_t caught = 0, named = 0, tried = 0;
    for (size_t i = 0; i < n; i += S_step(i, n), tried++) { /* changed bytes */
        b[i] ^= 0x5A;
        S_write_bytes(S_bad, b, n);
        caught += S_open(S_bad, msg, sizeof msg) == GX_EDICT;
        named += strstr(msg, S_bad) != NULL;
        b[i] ^= 0x5A;
    }
    eq_int(caught, tried, "every changed byte is GX_EDICT");
    eq_int(named, tried, "and the message names the file");
    for (size_t i = 256; i < n; i += 997) { /* and a few with a different change */
        b[i] += 1;
        S_write_bytes(S_bad, b, n);
        ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT && strstr(msg, "checksum"), "checksum");
        b[i] -= 1;
    }
    size_t truncs = 0;
    tried = 0;
    for (size_t len = 0; len < n; len += S_step(len, n), tried++) { /* truncations */
        S_write_bytes(S_bad, b, len);
        truncs += S_open(S_bad, msg, sizeof msg) == GX_EDICT;
    }
    eq_int(truncs, tried, "every truncation is GX_EDICT");
    S_write_bytes(S_bad, b, n / 2);
    S_open(S_bad, msg, sizeof msg);
    ok(strstr(msg, "truncated") != NULL, "the message says truncated");
    unsigned char *longer = calloc(n + 64, 1);
    memcpy(longer, b, n);
    S_write_bytes(S_bad, longer, n + 64);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT, "trailing bytes");
    free(longer);
    S_write_bytes(S_bad, b, 0);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT && strstr(msg, "magic"), "empty file");
    ok(S_open("/nonexistent/x.gxd", msg, sizeof msg) == GX_EIO, "missing file is GX_EIO");
    free(b);
}

static void S_version_and_order(void) {
    size_t n;
    unsigned char *b = S_read(S_img, &n);
    char msg[1024];
    uint32_t v;
    memcpy(&v, b + 8, 4);
    eq_int(v, GX_IMAGE_VERSION, "version at byte 8");
    v++;
    memcpy(b + 8, &v, 4);
    S_write_bytes(S_bad, b, n);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT && strstr(msg, "format version 2"),
       "a newer version is refused, by number");
    v--;
    memcpy(b + 8, &v, 4);
    uint32_t bom = 0x0D0C0B0A; /* the mark as the other byte order reads it */
    memcpy(b + 12, &bom, 4);
    S_write_bytes(S_bad, b, n);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT && strstr(msg, "byte order"), "byte order");
    free(b);
}

/* Section id's bytes in image b (via the section table at 48). */
static unsigned char *S_sec(unsigned char *b, int id, size_t *size) {
    uint64_t off, sz;
    memcpy(&off, b + 48 + 16 * (size_t)id, 8);
    memcpy(&sz, b + 56 + 16 * (size_t)id, 8);
    *size = (size_t)sz;
    return b + off;
}

/* Writes b with a matching checksum: a forgery only the bounds checks can catch. */
static void S_forge(unsigned char *b, size_t n) {
    uint64_t sum = gx_xxh64(b + 24, n - 24, 0);
    memcpy(b + 16, &sum, 8);
    S_write_bytes(S_bad, b, n);
}

static void S_forgeries(void) {
    size_t n, sz;
    unsigned char *b = S_read(S_img, &n), *orig = malloc(n);
    memcpy(orig, b, n);
    char msg[1024];
    uint32_t big = 0x7FFFFFF0, none = UINT32_MAX;
    memcpy(S_sec(b, GX_SEC_ENTRIES, &sz) + 0, &big, 4); /* entry 0's surface offset */
    S_forge(b, n);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT && strstr(msg, "out of range"), "surface offset");
    memcpy(b, orig, n);
    memcpy(S_sec(b, GX_SEC_ENTRIES, &sz) + 8, &big, 4); /* its attribute index */
    S_forge(b, n);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT, "attribute index");
    memcpy(b, orig, n);
    unsigned char *next = S_sec(b, GX_SEC_NEXT_SAME, &sz);
    uint32_t zero = 0;
    memcpy(next + 4, &zero, 4); /* entry 1 -> entry 0: a chain going back (a cycle) */
    S_forge(b, n);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT, "a chain going back");
    memcpy(b, orig, n);
    unsigned char *units = S_sec(b, GX_SEC_UNITS, &sz);
    memcpy(units, &big, 4); /* the root's base */
    S_forge(b, n);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT && strstr(msg, "matcher"), "a base past the end");
    memcpy(b, orig, n);
    unsigned char *ids = S_sec(b, GX_SEC_IDS, &sz);
    memcpy(ids + sz - 4, &big, 4);
    S_forge(b, n);
    ok(S_open(S_bad, msg, sizeof msg) == GX_EDICT, "an id past the alphabet");
    memcpy(b, orig, n);
    unsigned char *slots = S_sec(b, GX_SEC_HASH, &sz);
    for (size_t k = 0; k < sz; k += 4)
        if (memcmp(slots + k, &none, 4) != 0) memcpy(slots + k, &big, 4);
    S_forge(b, n);
    gx_diag *d = gx_diag_new(NULL);
    gx_dict *dict = NULL;
    ok(gx_dict_open_image(S_bad, d, &dict) == GX_OK, "hash slots are checked when read");
    if (dict) eq_int(gx_dict_find(dict, "郑州市", 6), -1, "a damaged slot finds nothing");
    gx_dict_free(dict);
    gx_diag_free(d);
    free(orig);
    free(b);
}

/* ---------------------------------------------------------------- staleness and merging */

static gx_status S_fresh(const char *img, char *msg, size_t cap) {
    FILE *f = fmemopen(msg, cap, "w");
    gx_diag *d = gx_diag_new(f);
    gx_dict *dict = NULL;
    gx_status rc = gx_dict_open_image(img, d, &dict);
    if (rc == GX_OK) rc = gx_dict_image_fresh(dict, d);
    gx_dict_free(dict);
    gx_diag_free(d);
    fclose(f);
    return rc;
}

static void S_staleness(gx_diag *d) {
    char folder[128], a[160], b[160], img[160], msg[1024];
    snprintf(folder, sizeof folder, "%s/f", S_dir);
    snprintf(a, sizeof a, "%s/a.tsv", folder);
    snprintf(b, sizeof b, "%s/b.tsv", folder);
    snprintf(img, sizeof img, "%s/f.gxd", S_dir);
    mkdir(folder, 0755);
    S_write(a, "张三\tperson\n");
    const char *paths[] = {folder};
    ok(gx_dict_compile(paths, 1, img, 1, stdout, d) == GX_OK, "compile a folder");
    eq_int(S_fresh(img, msg, sizeof msg), GX_OK, "fresh after compiling");
    struct timespec later[2] = {{0, UTIME_OMIT}, {time(NULL) + 10, 0}};
    utimensat(AT_FDCWD, a, later, 0);
    eq_int(S_fresh(img, msg, sizeof msg), GX_OK, "touched but the same: fresh");
    S_write(a, "李四\tperson\n");
    utimensat(AT_FDCWD, a, later, 0);
    ok(S_fresh(img, msg, sizeof msg) == GX_EDICT && strstr(msg, "stale") && strstr(msg, "a.tsv") &&
           strstr(msg, img),
       "same size, other contents: stale, naming image and source");
    S_write(a, "张三\tperson\n王五\tperson\n");
    ok(S_fresh(img, msg, sizeof msg) == GX_EDICT, "another size: stale");
    ok(gx_dict_compile(paths, 1, img, 1, stdout, d) == GX_OK, "compile again");
    eq_int(S_fresh(img, msg, sizeof msg), GX_OK, "fresh again");
    S_write(b, "王五\tperson\n");
    ok(S_fresh(img, msg, sizeof msg) == GX_EDICT && strstr(msg, "gained or lost"),
       "a file added to the folder: stale");
    unlink(b);
    eq_int(S_fresh(img, msg, sizeof msg), GX_OK, "removed again: fresh");
    unlink(a);
    rmdir(folder);
    eq_int(S_fresh(img, msg, sizeof msg), GX_OK, "sources gone: not checked");
    unlink(img);
    const char *img_in[] = {S_img};
    ok(gx_dict_compile(img_in, 1, img, 1, stdout, d) == GX_EDICT, "an image is not a source");
}

static void S_merge(gx_diag *d) {
    gx_dict *img = NULL, *all = gx_dict_new();
    ok(gx_dict_open_image(S_img, d, &img) == GX_OK, "open");
    ok(gx_dict_merge(all, img, d) == GX_OK, "merge");
    const char *l1 = "郑州\tplace\t郑州大学", *l2 = "金水区\tplace";
    ok(gx_dict_add_line(all, l1, strlen(l1), "extra.tsv", 1, d) == GX_OK, "add a line");
    ok(gx_dict_add_line(all, l2, strlen(l2), "extra.tsv", 2, d) == GX_OK, "add a line");
    eq_int(gx_dict_count(all), gx_dict_count(img) + 1, "one replaced, one added");
    long z = gx_dict_find(all, "郑州", 6);
    ok(z >= 0 && strcmp(gx_dict_entry(all, (size_t)z)->canonical, "郑州大学") == 0,
       "the later definition wins");
    gx_matcher *m;
    ok(gx_matcher_new(all, d, &m) == GX_OK, "build");
    ok(strstr(S_hits(m, "金水区", GX_MATCH_ALL), "0-3:") != NULL, "the added surface matches");
    gx_matcher_free(m);
    gx_dict_free(all);
    gx_dict_free(img);
}

/* ---------------------------------------------------------------- threads */

typedef struct {
    const gx_dict *dict;
    const gx_entry *seen[64];
} S_job;

static void *S_touch(void *arg) {
    S_job *j = arg;
    size_t n = gx_dict_count(j->dict);
    for (size_t i = 0; i < n && i < 64; i++)
        j->seen[i] = gx_dict_entry(j->dict, n - 1 - i);
    return NULL;
}

static void S_threads(gx_diag *d) {
    gx_dict *img = NULL;
    ok(gx_dict_open_image(S_img, d, &img) == GX_OK, "open");
    S_job jobs[4];
    memset(jobs, 0, sizeof jobs);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].dict = img;
        pthread_create(&t[i], NULL, S_touch, &jobs[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    int same = 1;
    for (int i = 1; i < 4; i++)
        same &= memcmp(jobs[i].seen, jobs[0].seen, sizeof jobs[0].seen) == 0;
    ok(same, "threads making entries at once see the same ones");
    gx_dict_free(img);
}

/* /dev/shm when there is one: the damage tests write the image a few thousand times. */
static const char *S_tmpdir(void) {
    struct stat st;
    return stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
               ? "/dev/shm"
               : "/tmp";
}

int main(void) {
    snprintf(S_dir, sizeof S_dir, "%s/gx_test_imageXXXXXX", S_tmpdir());
    if (!mkdtemp(S_dir)) return perror("mkdtemp"), 1;
    snprintf(S_tsv, sizeof S_tsv, "%s/d.tsv", S_dir);
    snprintf(S_img, sizeof S_img, "%s/d.gxd", S_dir);
    snprintf(S_bad, sizeof S_bad, "%s/bad.gxd", S_dir);
    S_write(S_tsv, S_lines);
    gx_diag *d = gx_diag_new(stderr);
    S_round_trip(d);
    S_corruption();
    S_version_and_order();
    S_forgeries();
    S_staleness(d);
    S_merge(d);
    S_threads(d);
    eq_int(gx_diag_errors(d), 1, "one error reported: the image given as a source");
    gx_diag_free(d);
    unlink(S_tsv);
    unlink(S_img);
    unlink(S_bad);
    rmdir(S_dir);
    return gx_test_done();
}
