/* fuzz_util.h: what the libFuzzer targets in tests/fuzz/ share (header-only, static helpers).
 *
 * FZ_CHECK(cond, fmt, ...) aborts with a message when an invariant fails, so libFuzzer keeps the
 * input as a crasher and the replay driver (replay.c) reports it. fz_tmpdir() is a private
 * folder for inputs written as files (removed at exit). fz_utf8_ok() is a reference UTF-8 check
 * written without ICU, used to judge what the pipeline hands on.
 */
#ifndef GX_FUZZ_UTIL_H
#define GX_FUZZ_UTIL_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define FZ_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__, __LINE__, #cond);          \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fz_dir[64];
static char fz_paths[8][128];
static int fz_npaths;
static pid_t fz_owner;

/* Removes the temp folder and its files; only in the process that made it (the replay driver
 * forks a child per input, and children exit through here too). */
static inline void fz_cleanup(void) {
    if (!fz_dir[0] || getpid() != fz_owner) return;
    DIR *dh = opendir(fz_dir);
    struct dirent *e;
    char path[512];
    while (dh && (e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", fz_dir, e->d_name);
        unlink(path);
    }
    if (dh) closedir(dh);
    rmdir(fz_dir);
}

/* The path of file `name` in the private temp folder (created on first use). */
static inline const char *fz_path(const char *name) {
    if (!fz_dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fz_dir, sizeof fz_dir, "%s/gx_fuzz.XXXXXX", t && *t && strlen(t) < 40 ? t : "/tmp");
        if (!mkdtemp(fz_dir)) {
            perror("mkdtemp");
            abort();
        }
        fz_owner = getpid();
        atexit(fz_cleanup);
    }
    for (int i = 0; i < fz_npaths; i++)
        if (strcmp(strrchr(fz_paths[i], '/') + 1, name) == 0) return fz_paths[i];
    if (fz_npaths == 8) abort();
    snprintf(fz_paths[fz_npaths], sizeof fz_paths[0], "%s/%s", fz_dir, name);
    return fz_paths[fz_npaths++];
}

/* Writes pad bytes of 'a' then data[0..n) to path. */
static inline void fz_write(const char *path, size_t pad, const uint8_t *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    for (size_t i = 0; i < pad; i++) putc('a', f);
    if (n && fwrite(data, 1, n, f) != n) abort();
    if (fclose(f) != 0) abort();
}

/* Reference UTF-8 check (Unicode 3.9 table D3-7: shortest form, no surrogates, <= U+10FFFF).
 * Returns the number of code points, or -1 if s[0..n) is not well-formed. */
static inline long fz_utf8_ok(const char *str, size_t n) {
    const uint8_t *s = (const uint8_t *)str;
    long k = 0;
    for (size_t i = 0; i < n; k++) {
        uint8_t c = s[i];
        size_t len;
        uint8_t lo = 0x80, hi = 0xBF;
        if (c < 0x80) len = 1;
        else if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else return -1;
        if (n - i < len) return -1;
        for (size_t j = 1; j < len; j++) {
            uint8_t b = s[i + j];
            if (j == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return -1;
        }
        i += len;
    }
    return k;
}

/* 1 if c is a Unicode scalar value (not a surrogate, at most U+10FFFF). */
static inline int fz_scalar(uint32_t c) { return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF); }

#endif
