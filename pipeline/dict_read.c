/* dict_read.c: stage 4: dictionary paths -> lines for the parser of each file's format.
 *
 * Resolves a path (a file, a folder, or HanLP's `FILE TAG` with a per-file default tag), picks
 * the format of each file (--dict-format, else the detection table below), reads it line by line
 * with a bounded reader (BOM, CRLF, GX_MAX_DICT_LINE_BYTES, UTF-8 and control characters are
 * checked here for every format) and hands each line to dict.c (native) or dict_import.c
 * (jieba, HanLP). The sink decides what becomes of the entries (see dict_int.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "dict_int.h"
#include "gx_read.h"

/* ---------------------------------------------------------------- formats */

static const char *const S_format_names[] = {"auto", "native", "jieba", "hanlp"};

int gx_dict_format_parse(const char *s, gx_dict_format *out) {
    for (size_t i = 0; i < sizeof S_format_names / sizeof *S_format_names; i++) {
        if (strcmp(s, S_format_names[i]) != 0) continue;
        *out = (gx_dict_format)i;
        return 1;
    }
    return 0;
}

const char *gx_dict_format_name(gx_dict_format f) {
    return (unsigned)f < sizeof S_format_names / sizeof *S_format_names ? S_format_names[f] : "?";
}

/* How --dict-format auto reads a file, by its name: the first row that fits decides; no row
 * fits: jieba. Columns: the pattern, 1 if it is a prefix of the file name (else a suffix, any
 * case), the format. */
static const struct {
    const char *pattern;
    int prefix;
    gx_dict_format format;
} S_detect[] = {
    {".tsv", 0, GX_DICT_NATIVE},            /* guanxi's own format */
    {".csv", 0, GX_DICT_HANLP},             /* HanLP reads *.csv comma-separated */
    {"CustomDictionary", 1, GX_DICT_HANLP}, /* HanLP's main custom dictionary */
};

/* The file extensions a folder loads, by format (auto: *.tsv, read as native). */
static const struct {
    gx_dict_format format;
    const char *ext;
} S_folder_exts[] = {
    {GX_DICT_AUTO, ".tsv"},  {GX_DICT_NATIVE, ".tsv"}, {GX_DICT_JIEBA, ".txt"},
    {GX_DICT_HANLP, ".txt"}, {GX_DICT_HANLP, ".csv"},
};

static int S_ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static const char *S_base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static gx_dict_format S_detect_format(const char *path) {
    const char *base = S_base(path);
    for (size_t i = 0; i < sizeof S_detect / sizeof *S_detect; i++) {
        const char *p = S_detect[i].pattern;
        if (S_detect[i].prefix ? strncmp(base, p, strlen(p)) == 0 : S_ends_with(base, p))
            return S_detect[i].format;
    }
    return GX_DICT_JIEBA;
}

/* HanLP splits *.csv on commas and *.tsv on tabs, everything else on white space. */
static char S_hanlp_sep(const char *path) {
    return S_ends_with(path, ".csv") ? ',' : S_ends_with(path, ".tsv") ? '\t' : 0;
}

static int S_folder_takes(gx_dict_format format, const char *name) {
    for (size_t i = 0; i < sizeof S_folder_exts / sizeof *S_folder_exts; i++)
        if (S_folder_exts[i].format == format && S_ends_with(name, S_folder_exts[i].ext)) return 1;
    return 0;
}

/* ---------------------------------------------------------------- one line */

/* 1 if a control character (C0 but TAB, DEL, C1) starts at t[i]; *cp is its code point. */
static int S_control_at(const char *t, size_t len, size_t i, unsigned *cp) {
    unsigned char c = (unsigned char)t[i], c2 = i + 1 < len ? (unsigned char)t[i + 1] : 0;
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
        *cp = c;
        return 1;
    }
    if (c == 0xC2 && c2 >= 0x80 && c2 <= 0x9F) { /* U+0080..U+009F in UTF-8 */
        *cp = c2;
        return 1;
    }
    return 0;
}

gx_status gx_dict_controls(gx_dict_file *f, const char *text, size_t len) {
    unsigned cp;
    for (size_t i = 0; i < len; i++)
        if (S_control_at(text, len, i, &cp))
            return gx_dict_bad(f, "control character U+%04X at byte %zu of the line", cp, i);
    return GX_OK;
}

static gx_status (*const S_parsers[])(gx_dict_file *, const char *, size_t) = {
    [GX_DICT_NATIVE] = gx_dict_line_native,
    [GX_DICT_JIEBA] = gx_dict_line_jieba,
    [GX_DICT_HANLP] = gx_dict_line_hanlp,
};

/* One line of f (no '\n'); too_long: it had more than GX_MAX_DICT_LINE_BYTES bytes. */
static gx_status S_line(gx_dict_file *f, char *p, size_t len, int too_long) {
    if (too_long) return gx_dict_bad(f, "line longer than %d bytes", GX_MAX_DICT_LINE_BYTES);
    if (f->line == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3, len -= 3;
    size_t bad;
    if (!gx_utf8_valid(p, len, &bad))
        return gx_dict_bad(f, "invalid UTF-8 at byte %zu of the line", bad);
    if (f->sink->lint) gx_dict_lint_line(f, p, len);
    return S_parsers[f->format](f, p, len);
}

/* Reads one line without its LF or CRLF into buf (GX_MAX_DICT_LINE_BYTES + 1 bytes); the rest
 * of a longer line is read and dropped (*too_long). Returns 0 at the end of the file. */
static int S_getline(FILE *fh, char *buf, size_t *out_len, int *too_long) {
    size_t n = 0;
    int c, any = 0;
    *too_long = 0;
    while ((c = getc_unlocked(fh)) != EOF) {
        any = 1;
        if (c == '\n') break;
        if (n <= GX_MAX_DICT_LINE_BYTES) buf[n++] = (char)c;
        else *too_long = 1;
    }
    if (n && buf[n - 1] == '\r') n--;
    if (n > GX_MAX_DICT_LINE_BYTES) *too_long = 1;
    *out_len = n;
    return any;
}

/* After a line error: in keep-going mode count it and go on (returns GX_OK) until
 * GX_MAX_CHECK_ERRORS; else (or for errors that are not about the line) returns rc. */
static gx_status S_after_error(gx_dict_file *f, gx_status rc) {
    gx_dict_sink *s = f->sink;
    if (!s->keep_going || rc != GX_EDICT) return rc;
    if (++s->line_errors < GX_MAX_CHECK_ERRORS) return GX_OK;
    return gx_diag_error(f->d, GX_EDICT, f->file, f->line,
                         "too many errors (%d, GX_MAX_CHECK_ERRORS): stopped here",
                         GX_MAX_CHECK_ERRORS);
}

/* ---------------------------------------------------------------- files and folders */

static gx_status S_read_lines(gx_dict_file *f, FILE *fh) {
    char *line = gx_xmalloc(GX_MAX_DICT_LINE_BYTES + 2);
    size_t len;
    int too_long;
    gx_status rc = GX_OK;
    while (rc == GX_OK && S_getline(fh, line, &len, &too_long)) {
        f->line++;
        rc = S_line(f, line, len, too_long);
        if (rc != GX_OK) rc = S_after_error(f, rc);
    }
    free(line);
    return rc;
}

static gx_status S_read_file(gx_dict_sink *s, const char *path, gx_dict_format format,
                             const char *tag, gx_diag *d) {
    if (format == GX_DICT_AUTO) format = tag ? GX_DICT_HANLP : S_detect_format(path);
    if (tag && format == GX_DICT_NATIVE)
        return gx_diag_error(d, GX_EDICT, path, 0,
                             "a native dictionary takes no default tag ('%s')", tag);
    FILE *fh = fopen(path, "rb");
    if (!fh)
        return gx_diag_error(d, GX_EIO, path, 0, "cannot open dictionary: %s", strerror(errno));
    gx_dict_file f = {.sink = s, .d = d, .format = format};
    f.file = gx_arena_strndup(s->arena, path, strlen(path));
    f.default_tag = tag ? gx_arena_strndup(s->arena, tag, strlen(tag)) : NULL;
    f.sep = format == GX_DICT_HANLP ? S_hanlp_sep(path) : 0;
    gx_status rc = S_read_lines(&f, fh);
    if (rc == GX_OK && ferror(fh))
        rc = gx_diag_error(d, GX_EIO, f.file, 0, "read error: %s", strerror(errno));
    fclose(fh);
    if (rc == GX_OK) gx_dict_skips_report(&f);
    free(f.skips);
    s->files++;
    return rc;
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files of dir that format loads, sorted; *out_n of them. */
static char **S_list(DIR *dh, gx_dict_format format, size_t *out_n) {
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.' || !S_folder_takes(format, e->d_name)) continue;
        gx_grow((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = gx_xstrdup(e->d_name);
    }
    gx_sort(names, n, sizeof *names, S_cmp_str);
    *out_n = n;
    return names;
}

static gx_status S_read_dir(gx_dict_sink *s, const char *dir, gx_dict_format format, gx_diag *d) {
    DIR *dh = opendir(dir);
    if (!dh) return gx_diag_error(d, GX_EIO, dir, 0, "cannot read folder: %s", strerror(errno));
    size_t n;
    char **names = S_list(dh, format, &n);
    closedir(dh);
    if (n == 0)
        gx_diag_warn(d, dir, 0, "no %s dictionary files in folder",
                     format == GX_DICT_HANLP  ? "*.txt or *.csv"
                     : format == GX_DICT_JIEBA ? "*.txt"
                                               : "*.tsv");
    gx_status rc = GX_OK;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = gx_xmalloc(len);
        snprintf(path, len, "%s/%s", dir, names[i]);
        if (rc == GX_OK || (s->keep_going && rc != GX_ELIMIT && rc != GX_EICU)) {
            gx_status r = S_read_file(s, path, format, NULL, d);
            if (rc == GX_OK) rc = r;
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* HanLP's `FILE TAG`: when path does not exist but the part of its file name before the last
 * space is a file, *out_file is that file and *out_tag the tag (both new strings, caller
 * frees). Returns 0 when path is not of that form. */
static int S_split_tag(const char *path, char **out_file, char **out_tag) {
    const char *base = S_base(path), *cut = strrchr(base, ' ');
    if (!cut || cut == base || !cut[1] || strlen(cut + 1) > GX_MAX_TAG_BYTES) return 0;
    char *file = gx_xstrndup(path, (size_t)(cut - path));
    struct stat st;
    if (stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(file);
        return 0;
    }
    *out_file = file;
    *out_tag = gx_xstrdup(cut + 1);
    return 1;
}

gx_status gx_dict_read(gx_dict_sink *s, const char *path, gx_dict_format format, gx_diag *d) {
    struct stat st;
    if (stat(path, &st) == 0)
        return S_ISDIR(st.st_mode) ? S_read_dir(s, path, format, d)
                                   : S_read_file(s, path, format, NULL, d);
    int err = errno;
    char *file, *tag;
    if (format != GX_DICT_NATIVE && S_split_tag(path, &file, &tag)) {
        gx_status rc = S_read_file(s, file, format, tag, d);
        free(file);
        free(tag);
        return rc;
    }
    return gx_diag_error(d, GX_EIO, path, 0, "cannot open dictionary: %s", strerror(err));
}

gx_status gx_dict_load_as(gx_dict *dict, const char *path, gx_dict_format format, gx_diag *d) {
    return gx_dict_read(gx_dict_sink_of(dict), path, format, d);
}

gx_status gx_dict_load(gx_dict *dict, const char *path, gx_diag *d) {
    return gx_dict_load_as(dict, path, GX_DICT_AUTO, d);
}
