/* emit.c: format selection and the safe writing of the output files (last stage; see gx_emit.h).
 *
 * gx_emit_files() creates the output folder, writes each selected format to a hidden temporary
 * file beside its final name (mkstemp), and renames them into place only once all were written,
 * so a failed or interrupted run leaves no half-written graph. The open temporaries are listed in
 * a static table that gx_emit_cleanup_temps() can unlink from a signal handler. With more than
 * one thread the formats are written at the same time (each uses its own library).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "gx_emit.h"

#define S_NFORMATS 3
#define S_PATH_MAX 4096

typedef gx_status (*S_emitter)(const gx_graph *, FILE *, const char *, gx_diag *);

/* The formats in output order. Columns: bit, name in a format list, file name, emitter. */
static const struct {
    unsigned bit;
    const char *name, *file;
    S_emitter emit;
} S_formats[S_NFORMATS] = {
    {GX_FORMAT_GRAPHML, "graphml", "graph.graphml", gx_emit_graphml},
    {GX_FORMAT_DOT, "dot", "graph.dot", gx_emit_dot},
    {GX_FORMAT_JSON, "json", "graph.json", gx_emit_json},
};

/* Temporary files that exist right now: a slot's path is valid while its flag is set. Only
 * written outside signal handlers; gx_emit_cleanup_temps() only reads. */
#define S_STREAM S_NFORMATS /* the slot of a streamed output (gx_stream) */
#define S_OTHER (S_NFORMATS + 1) /* another stage's temporary (gx_emit_temp_track) */
#define S_SLOTS (S_NFORMATS + 2)
static char S_temp_path[S_SLOTS][S_PATH_MAX];
static volatile sig_atomic_t S_temp_live[S_SLOTS];

/* ---------------------------------------------------------------- format list */

int gx_format_parse(const char *list, unsigned *out) {
    unsigned bits = 0;
    const char *p = list;
    for (;;) {
        size_t n = strcspn(p, ",");
        unsigned bit = 0;
        if (n == 3 && strncmp(p, "all", 3) == 0) bit = GX_FORMAT_ALL;
        for (size_t i = 0; i < S_NFORMATS && !bit; i++)
            if (strlen(S_formats[i].name) == n && strncmp(p, S_formats[i].name, n) == 0)
                bit = S_formats[i].bit;
        if (!bit) return 0; /* unknown or empty name */
        bits |= bit;
        if (p[n] == '\0') break;
        p += n + 1;
    }
    *out = bits;
    return 1;
}

/* ---------------------------------------------------------------- temporary files */

void gx_emit_cleanup_temps(void) {
    for (int i = 0; i < S_SLOTS; i++)
        if (S_temp_live[i]) unlink(S_temp_path[i]); /* async-signal-safe */
}

void gx_emit_temp_track(const char *path) {
    snprintf(S_temp_path[S_OTHER], S_PATH_MAX, "%s", path);
    atomic_signal_fence(memory_order_seq_cst);
    S_temp_live[S_OTHER] = strlen(path) < S_PATH_MAX;
}

void gx_emit_temp_done(void) {
    S_temp_live[S_OTHER] = 0;
}

static void S_temp_forget(int slot) {
    S_temp_live[slot] = 0;
}

/* Removes the temporary file of slot, if any. */
static void S_temp_remove(int slot) {
    if (!S_temp_live[slot]) return;
    S_temp_live[slot] = 0;
    atomic_signal_fence(memory_order_seq_cst);
    unlink(S_temp_path[slot]);
}

/* Output files get the usual 0666 & ~umask, not mkstemp's 0600. */
static void S_set_mode(int fd) {
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
}

/* Creates a temporary file ".BASE.XXXXXX" in dir, recorded in slot, opened as *out. final
 * names the file in messages. On error nothing is left and the status says why. */
static gx_status S_open_temp(const char *dir, const char *base, int slot, const char *final,
                             gx_diag *d, FILE **out) {
    char tmp[S_PATH_MAX];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base) >= sizeof tmp)
        return gx_diag_error(d, GX_EIO, final, 0, "path too long");
    int fd = mkstemp(tmp);
    if (fd < 0) return gx_diag_error(d, GX_EIO, final, 0, "cannot create: %s", strerror(errno));
    memcpy(S_temp_path[slot], tmp, sizeof tmp);
    atomic_signal_fence(memory_order_seq_cst); /* path complete before the handler may see it */
    S_temp_live[slot] = 1;
    S_set_mode(fd);
    *out = fdopen(fd, "w");
    if (*out) __fsetlocking(*out, FSETLOCKING_BYCALLER); /* one writer thread: no lock per call */
    if (!*out) {
        gx_status st = gx_diag_error(d, GX_EIO, final, 0, "cannot open: %s", strerror(errno));
        close(fd);
        S_temp_remove(slot);
        return st;
    }
    return GX_OK;
}

/* Writes format f to a new temporary file in dir, recorded in slot f. final names the file in
 * messages. On error the temporary is gone and the status says why. */
static gx_status S_write_temp(const gx_graph *g, const char *dir, int f, unsigned formats,
                              const char *final, gx_diag *d) {
    FILE *fp;
    gx_status st0 = S_open_temp(dir, S_formats[f].file, f, final, d, &fp);
    if (st0 != GX_OK) return st0;
    gx_status st = (f == 0 && (formats & GX_FORMAT_YED)) ? gx_emit_graphml_yed(g, fp, final, d)
                                                        : S_formats[f].emit(g, fp, final, d);
    if (st == GX_OK && (fflush(fp) != 0 || ferror(fp)))
        st = gx_diag_error(d, GX_EIO, final, 0, "write error: %s", strerror(errno));
    if (fclose(fp) != 0 && st == GX_OK)
        st = gx_diag_error(d, GX_EIO, final, 0, "cannot close: %s", strerror(errno));
    if (st != GX_OK) S_temp_remove(f);
    return st;
}

/* ---------------------------------------------------------------- output folder */

/* mkdir -p path. Returns GX_OK, or GX_EIO with a message naming the part that failed. */
static gx_status S_mkdir_p(const char *path, gx_diag *d) {
    char buf[S_PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) return gx_diag_error(d, GX_EIO, path, 0, "bad output folder");
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0') continue;
        char c = buf[i];
        buf[i] = '\0';
        struct stat sb;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return gx_diag_error(d, GX_EIO, buf, 0, "cannot create folder: %s", strerror(errno));
        if (stat(buf, &sb) != 0)
            return gx_diag_error(d, GX_EIO, buf, 0, "cannot create folder: %s", strerror(errno));
        if (!S_ISDIR(sb.st_mode))
            return gx_diag_error(d, GX_EIO, buf, 0, "cannot create folder: %s", strerror(ENOTDIR));
        buf[i] = c;
    }
    return GX_OK;
}

/* dir without trailing slashes ("/" stays "/"), in out (S_PATH_MAX bytes). */
static void S_trim_dir(const char *dir, char *out) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n >= S_PATH_MAX) n = S_PATH_MAX - 1;
    memcpy(out, dir, n);
    out[n] = '\0';
}

/* ---------------------------------------------------------------- writing all formats */

/* Appends ", path" (or "path" first) to the growing list *list of length *len. */
static void S_list_add(char **list, size_t *len, const char *path) {
    size_t add = strlen(path) + (*len ? 2 : 0);
    *list = gx_xrealloc(*list, *len + add + 1);
    snprintf(*list + *len, add + 1, "%s%s", *len ? ", " : "", path);
    *len += add;
}

/* ---------------------------------------------------------------- moving into place */

/* Renames every live temporary to its final name, all or nothing: a file about to be replaced
 * is first hard-linked to a backup name, and if a later rename fails the earlier ones are undone
 * (old files restored, new ones removed), so the folder never holds a mix of two runs. */
static gx_status S_commit(char final[][S_PATH_MAX], gx_diag *d, char **list, size_t *len) {
    char bak[S_NFORMATS][S_PATH_MAX + 4];
    int had[S_NFORMATS] = {0}, done[S_NFORMATS] = {0};
    gx_status st = GX_OK;
    for (int f = 0; f < S_NFORMATS && st == GX_OK; f++) {
        struct stat sb;
        if (!S_temp_live[f] || lstat(final[f], &sb) != 0) continue;
        if (S_ISDIR(sb.st_mode))
            st = gx_diag_error(d, GX_EIO, final[f], 0, "cannot replace: %s", strerror(EISDIR));
        snprintf(bak[f], sizeof bak[f], "%s.old", S_temp_path[f]);
        if (st == GX_OK && link(final[f], bak[f]) != 0)
            st = gx_diag_error(d, GX_EIO, final[f], 0, "cannot back up: %s", strerror(errno));
        had[f] = st == GX_OK;
    }
    for (int f = 0; f < S_NFORMATS && st == GX_OK; f++) {
        if (!S_temp_live[f]) continue;
        if (rename(S_temp_path[f], final[f]) != 0) {
            st = gx_diag_error(d, GX_EIO, final[f], 0, "cannot rename: %s", strerror(errno));
            break;
        }
        S_temp_forget(f);
        done[f] = 1;
    }
    for (int f = 0; f < S_NFORMATS; f++) {
        if (st != GX_OK && done[f]) {
            if (had[f]) (void)rename(bak[f], final[f]);
            else (void)unlink(final[f]);
        } else if (done[f]) {
            S_list_add(list, len, final[f]);
        }
        if (had[f]) (void)unlink(bak[f]); /* gone already if it was restored */
    }
    return st;
}

/* What the writer threads share: the formats to write and the next one to take. */
typedef struct {
    const gx_graph *g;
    const char *base;
    unsigned formats;
    char (*final)[S_PATH_MAX];
    gx_status st[S_NFORMATS];
    atomic_int next;
    gx_diag *d;
} S_job;

static void *S_writer(void *arg) {
    S_job *j = arg;
    for (int f; (f = atomic_fetch_add(&j->next, 1)) < S_NFORMATS;)
        if (j->formats & S_formats[f].bit)
            j->st[f] = S_write_temp(j->g, j->base, f, j->formats, j->final[f], j->d);
    return NULL;
}

/* Writes the temporaries of the selected formats on up to `threads` threads (the graph is
 * read-only and each format has its own library and slot). Returns the first error in format
 * order. */
static gx_status S_write_all(S_job *j, size_t threads) {
    pthread_t tid[S_NFORMATS];
    size_t n = 0, want = 0;
    for (int f = 0; f < S_NFORMATS; f++) want += (j->formats & S_formats[f].bit) != 0;
    if (threads > want) threads = want;
    for (size_t i = 1; i < threads; i++)
        if (pthread_create(&tid[n], NULL, S_writer, j) == 0) n++;
    S_writer(j); /* this thread writes too; with no other thread it writes them all */
    for (size_t i = 0; i < n; i++) pthread_join(tid[i], NULL);
    for (int f = 0; f < S_NFORMATS; f++)
        if (j->st[f] != GX_OK) return j->st[f];
    return GX_OK;
}

gx_status gx_emit_files(const gx_graph *g, const char *dir, unsigned formats, size_t threads,
                        gx_diag *d, char **out_written) {
    char base[S_PATH_MAX], final[S_NFORMATS][S_PATH_MAX];
    S_job job = {.g = g, .base = base, .formats = formats, .final = final, .d = d};
    S_trim_dir(dir, base);
    gx_status st = S_mkdir_p(base, d);
    for (int f = 0; f < S_NFORMATS && st == GX_OK; f++) {
        if (!(formats & S_formats[f].bit)) continue;
        const char *sep = strcmp(base, "/") == 0 ? "" : "/";
        if ((size_t)snprintf(final[f], S_PATH_MAX, "%s%s%s", base, sep, S_formats[f].file) >=
            S_PATH_MAX)
            st = gx_diag_error(d, GX_EIO, base, 0, "path too long");
    }
    if (st == GX_OK) st = S_write_all(&job, threads ? threads : 1);
    char *list = gx_xstrdup("");
    size_t len = 0;
    if (st == GX_OK) st = S_commit(final, d, &list, &len);
    for (int f = 0; f < S_NFORMATS; f++) S_temp_remove(f); /* any left after an error */
    if (out_written)
        *out_written = list;
    else
        free(list);
    return st;
}

/* ---------------------------------------------------------------- streamed outputs */

struct gx_stream {
    FILE *fp;
    char final[S_PATH_MAX];
};

gx_stream *gx_stream_open(const char *path, gx_diag *d) {
    gx_stream *s = gx_xcalloc(1, sizeof *s);
    char dir[S_PATH_MAX];
    snprintf(s->final, sizeof s->final, "%s", path);
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path) snprintf(dir, sizeof dir, "/");
    if (S_temp_live[S_STREAM] || S_mkdir_p(dir, d) != GX_OK ||
        S_open_temp(dir, base, S_STREAM, path, d, &s->fp) != GX_OK) {
        if (S_temp_live[S_STREAM]) gx_diag_error(d, GX_EIO, path, 0, "another stream is open");
        free(s);
        return NULL;
    }
    return s;
}

FILE *gx_stream_file(gx_stream *s) { return s->fp; }

gx_status gx_stream_close(gx_stream *s, int abort_it, gx_diag *d) {
    if (!s) return GX_OK;
    gx_status st = GX_OK;
    if (!abort_it && (fflush(s->fp) != 0 || ferror(s->fp)))
        st = gx_diag_error(d, GX_EIO, s->final, 0, "write error: %s", strerror(errno));
    if (fclose(s->fp) != 0 && st == GX_OK && !abort_it)
        st = gx_diag_error(d, GX_EIO, s->final, 0, "cannot close: %s", strerror(errno));
    if (!abort_it && st == GX_OK) {
        if (rename(S_temp_path[S_STREAM], s->final) == 0) S_temp_forget(S_STREAM);
        else st = gx_diag_error(d, GX_EIO, s->final, 0, "cannot rename: %s", strerror(errno));
    }
    S_temp_remove(S_STREAM);
    free(s);
    return st;
}
