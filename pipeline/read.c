/* read.c: stage 1: inputs (files, folders, JSONL, stdin) -> one gx_doc at a time.
 *
 * Folders are listed when reached (paths only), files are read when their document is asked
 * for, JSONL is read line by line: memory holds one document, never the corpus. Every document's
 * text is checked to be UTF-8 here, so later stages can trust it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include <unicode/utf8.h>
#include "gx_hash.h"
#include "gx_read.h"
#include "read_int.h"

struct gx_reader {
    const char *const *inputs;
    size_t n_inputs, next_input;
    gx_diag *d;
    /* files of every folder listed so far; kept until the reader is freed because documents
     * borrow their path for messages */
    char **files;      /* full paths */
    size_t *root_lens; /* per file: length of its folder prefix + '/' */
    size_t n_files, cap_files, cap_roots, next_file;
    /* current JSONL */
    FILE *jsonl;
    const char *jsonl_path;
    long jsonl_line;
    size_t jsonl_off;
    char *linebuf;
    size_t linecap;
    /* bookkeeping */
    size_t seq, bytes;
    gx_strmap *ids; /* for duplicate-id warnings */
    unsigned flags; /* gx_read_flag */
    gx_encoding enc; /* of text files; of JSONL lines unless auto */
    int lossy;
};

gx_reader *gx_reader_new(const char *const *inputs, size_t n, gx_diag *d) {
    gx_reader *r = gx_xcalloc(1, sizeof *r);
    r->inputs = inputs;
    r->n_inputs = n;
    r->d = d;
    r->ids = gx_strmap_new();
    return r;
}

void gx_reader_free(gx_reader *r) {
    if (!r) return;
    for (size_t i = 0; i < r->n_files; i++) free(r->files[i]);
    free(r->files);
    free(r->root_lens);
    if (r->jsonl && r->jsonl != stdin) fclose(r->jsonl);
    free(r->linebuf);
    gx_strmap_free(r->ids);
    free(r);
}

size_t gx_reader_bytes(const gx_reader *r) { return r->bytes; }

void gx_reader_set_flags(gx_reader *r, unsigned flags) { r->flags = flags; }

int gx_utf8_valid(const char *s, size_t n, size_t *out_bad) {
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) { /* ASCII fast path */
            i++;
            continue;
        }
        int32_t j = 0, len = (int32_t)(n - i < 8 ? n - i : 8);
        UChar32 c;
        U8_NEXT(p + i, j, len, c);
        if (c < 0) {
            *out_bad = i;
            return 0;
        }
        i += (size_t)j;
    }
    return 1;
}

/* ---------------------------------------------------------------- folders */

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_has_suffix(const char *s, const char *suf) {
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

typedef struct S_dirchain {
    dev_t dev;
    ino_t ino;
    const struct S_dirchain *up;
} S_dirchain;

/* Appends every *.txt below dir to r->files, recursing; warns about loops and depth. */
static gx_status S_list_dir(gx_reader *r, const char *dir, const S_dirchain *up, int depth) {
    struct stat st;
    if (stat(dir, &st) != 0)
        return gx_diag_error(r->d, GX_EIO, dir, 0, "cannot read folder: %s", strerror(errno));
    for (const S_dirchain *c = up; c; c = c->up) {
        if (c->dev == st.st_dev && c->ino == st.st_ino) {
            gx_diag_warn(r->d, dir, 0, "symbolic link loop, folder skipped");
            return GX_OK;
        }
    }
    if (depth > GX_MAX_DIR_DEPTH) {
        gx_diag_warn(r->d, dir, 0, "deeper than %d folders (GX_MAX_DIR_DEPTH), skipped",
                     GX_MAX_DIR_DEPTH);
        return GX_OK;
    }
    S_dirchain self = {st.st_dev, st.st_ino, up};
    DIR *dh = opendir(dir);
    if (!dh) return gx_diag_error(r->d, GX_EIO, dir, 0, "cannot read folder: %s", strerror(errno));
    gx_status rc = GX_OK;
    struct dirent *e;
    while (rc == GX_OK && (e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.') continue; /* ., .., hidden files */
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *path = gx_xmalloc(n);
        snprintf(path, n, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0) {
            gx_diag_warn(r->d, path, 0, "cannot stat (%s), skipped", strerror(errno));
            free(path);
        } else if (S_ISDIR(st.st_mode)) {
            rc = S_list_dir(r, path, &self, depth + 1);
            free(path);
        } else if (S_ISREG(st.st_mode) && S_has_suffix(e->d_name, ".txt")) {
            gx_grow((void **)&r->files, &r->cap_files, r->n_files + 1, sizeof *r->files);
            r->files[r->n_files++] = path;
        } else {
            free(path);
        }
    }
    closedir(dh);
    return rc;
}

static gx_status S_open_dir(gx_reader *r, const char *dir) {
    size_t n = strlen(dir), first = r->n_files;
    while (n > 1 && dir[n - 1] == '/') n--;
    char *root = gx_xstrndup(dir, n);
    gx_status rc = S_list_dir(r, root, NULL, 0);
    free(root);
    if (rc != GX_OK) return rc;
    if (r->n_files == first) {
        gx_diag_warn(r->d, dir, 0, "no .txt files in folder");
        return GX_OK;
    }
    gx_sort(r->files + first, r->n_files - first, sizeof *r->files, S_cmp_str);
    gx_grow((void **)&r->root_lens, &r->cap_roots, r->n_files, sizeof *r->root_lens);
    for (size_t i = first; i < r->n_files; i++) r->root_lens[i] = n + 1;
    return GX_OK;
}

/* ---------------------------------------------------------------- whole files */

static gx_status S_slurp(gx_reader *r, FILE *f, const char *path, char **out, size_t *out_len) {
    size_t len = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        gx_grow((void **)&buf, &cap, len + 65536 + 1, 1);
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len > GX_MAX_DOC_BYTES) {
            free(buf);
            return gx_diag_error(r->d, GX_ELIMIT, path, 0,
                                 "document larger than %zu bytes (GX_MAX_DOC_BYTES)",
                                 (size_t)GX_MAX_DOC_BYTES);
        }
        if (got == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        return gx_diag_error(r->d, GX_EIO, path, 0, "read error: %s", strerror(errno));
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return GX_OK;
}

/* Drops a UTF-8 BOM from the start of buf[0..*len). */
static void S_strip_bom(char *buf, size_t *len) {
    if (*len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(buf, buf + 3, *len - 3 + 1);
        *len -= 3;
    }
}

/* Says what decoding did that the user should know: an encoding found by detection, bytes
 * replaced by U+FFFD. */
static void S_report_decoding(gx_reader *r, const char *path, long line, const gx_decoded *dec) {
    if (dec->detected)
        gx_diag_warn(r->d, path, line, "not UTF-8; read as %s (detected, confidence %d%%)",
                     gx_encoding_name(dec->enc), dec->confidence);
    if (dec->replaced)
        gx_diag_warn(r->d, path, line, "%zu invalid byte sequence%s replaced by U+FFFD (--lossy)",
                     dec->replaced, dec->replaced == 1 ? "" : "s");
}

void gx_reader_set_encoding(gx_reader *r, gx_encoding enc, int lossy) {
    r->enc = enc;
    r->lossy = lossy;
}

static gx_status S_check_text(gx_reader *r, const char *path, long line, size_t base,
                              const char *s, size_t n) {
    size_t bad;
    if (gx_utf8_valid(s, n, &bad)) return GX_OK;
    return gx_diag_error(r->d, GX_EUTF8, path, line,
                         "invalid UTF-8 at byte %zu (JSONL is read as UTF-8 unless --encoding "
                         "names another encoding; see also --lossy)",
                         base + bad);
}

/* Makes the document id safe for every output (gx_sanitize, with a warning when that changes it)
 * and warns when it repeats (outputs stay correct: documents are counted by position). */
static void S_note_id(gx_reader *r, gx_doc *doc) {
    if (!gx_clean(doc->id, strlen(doc->id))) {
        char *clean = gx_sanitize(doc->id, strlen(doc->id), NULL);
        gx_diag_warn(r->d, doc->file, doc->line,
                     "document id written as '%s': its control characters and noncharacters are "
                     "dropped, invalid UTF-8 becomes U+FFFD",
                     clean);
        free(doc->id);
        doc->id = clean;
    }
    if (!gx_strmap_put(r->ids, doc->id, strlen(doc->id), (uint32_t)doc->seq, NULL))
        gx_diag_warn(r->d, doc->file, doc->line, "duplicate document id '%s'", doc->id);
}

static gx_status S_read_file(gx_reader *r, const char *path, char *id, gx_doc *doc) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        free(id);
        return gx_diag_error(r->d, GX_EIO, path, 0, "cannot open: %s", strerror(errno));
    }
    char *buf = NULL;
    size_t len = 0;
    gx_status rc = S_slurp(r, f, path, &buf, &len);
    if (f != stdin) fclose(f);
    if (rc != GX_OK) {
        free(id);
        return rc;
    }
    r->bytes += len;
    gx_decoded dec;
    gx_decode_in in = {buf, len, r->enc, r->lossy, path, 0};
    rc = gx_decode(&in, &dec, r->d);
    free(buf);
    if (rc != GX_OK) {
        free(id);
        return rc;
    }
    S_report_decoding(r, path, 0, &dec);
    doc->id = id;
    doc->orig = dec.text;
    doc->orig_len = dec.len;
    doc->file = path;
    doc->seq = r->seq++;
    S_note_id(r, doc);
    return GX_OK;
}

/* Id of a file: its path relative to the folder (or its base name), without ".txt". */
static char *S_file_id(const char *rel) {
    size_t n = strlen(rel);
    if (S_has_suffix(rel, ".txt") && n > 4) n -= 4;
    return gx_xstrndup(rel, n);
}

/* ---------------------------------------------------------------- JSONL */

/* The raw text of the number after the top-level key "id" in a line cJSON has already accepted,
 * so that 64-bit ids keep every digit (cJSON holds numbers as doubles). Only strings, nesting
 * and key positions are tracked; no value is decoded here. Returns 0 if not found. */
static int S_raw_id_number(const char *p, size_t n, const char **out, size_t *out_len) {
    int depth = 0, key = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '"') {
            size_t j = i + 1;
            while (j < n && p[j] != '"') j += p[j] == '\\' ? 2 : 1;
            int is_id = depth == 1 && key && j - i - 1 == 2 && memcmp(p + i + 1, "id", 2) == 0;
            i = j;
            if (!is_id) continue;
            for (j = i + 1; j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == ':'); j++) {}
            size_t k = j;
            while (k < n && strchr("+-.0123456789eE", p[k])) k++;
            if (k == j) return 0;
            *out = p + j;
            *out_len = k - j;
            return 1;
        }
        if (c == '{' || c == '[') depth++;
        if (c == '}' || c == ']') depth--;
        key = (c == '{' || c == ',') ? depth == 1 : (c == ' ' || c == '\t' || c == '\r') && key;
    }
    return 0;
}

static char *S_json_id(const cJSON *id, const char *line, size_t len, const char *path,
                       long lineno) {
    char buf[64];
    const char *raw;
    size_t rawlen;
    if (cJSON_IsString(id)) return gx_xstrdup(id->valuestring);
    if (cJSON_IsNumber(id)) {
        if (S_raw_id_number(line, len, &raw, &rawlen)) return gx_xstrndup(raw, rawlen);
        snprintf(buf, sizeof buf, "%.17g", id->valuedouble);
        return gx_xstrdup(buf);
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base) + 32;
    char *s = gx_xmalloc(n);
    size_t stem = S_has_suffix(base, ".jsonl") ? strlen(base) - 6 : strlen(base);
    snprintf(s, n, "%.*s:%ld", (int)stem, base, lineno);
    return s;
}

/* Lone surrogate escapes (\ud800 alone) make cJSON refuse the line: an error naming the byte, or
 * with --lossy each becomes \ufffd, counted in a warning. */
static gx_status S_surrogates(gx_reader *r, char *line, size_t len) {
    size_t at = gx_read_lone_surrogate(line, len);
    if (at == len) return GX_OK;
    if (!r->lossy)
        return gx_diag_error(r->d, GX_EINPUT, r->jsonl_path, r->jsonl_line,
                             "lone UTF-16 surrogate escape %.6s at byte %zu of the line (not a "
                             "character; --lossy replaces it by U+FFFD)", line + at, at);
    size_t n = gx_read_fix_surrogates(line, len);
    gx_diag_warn(r->d, r->jsonl_path, r->jsonl_line,
                 "%zu lone surrogate escape%s replaced by U+FFFD (--lossy)", n, n == 1 ? "" : "s");
    return GX_OK;
}

static gx_status S_parse_jsonl(gx_reader *r, const char *line, size_t len, gx_doc *doc) {
    const char *path = r->jsonl_path, *end = NULL;
    cJSON *obj = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (!obj)
        return gx_diag_error(r->d, GX_EINPUT, path, r->jsonl_line,
                             "not valid JSON (error at byte %zu of the line)",
                             (size_t)(end && end >= line ? end - line : 0));
    if (!cJSON_IsObject(obj)) {
        cJSON_Delete(obj);
        return gx_diag_error(r->d, GX_EINPUT, path, r->jsonl_line, "not a JSON object");
    }
    while (end && end < line + len && (*end == ' ' || *end == '\t' || *end == '\r')) end++;
    if (end != line + len) {
        cJSON_Delete(obj);
        return gx_diag_error(r->d, GX_EINPUT, path, r->jsonl_line,
                             "text after the JSON object at byte %zu of the line",
                             (size_t)(end ? end - line : 0));
    }
    if (gx_read_has_nul_escape(line, len)) {
        cJSON_Delete(obj);
        return gx_diag_error(r->d, GX_EINPUT, path, r->jsonl_line,
                             "\\u0000 (NUL) in a JSON string is not supported");
    }
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
    if (!cJSON_IsString(text)) {
        cJSON_Delete(obj);
        return gx_diag_error(r->d, GX_EINPUT, path, r->jsonl_line,
                             "no \"text\" string in JSON object");
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (id && !cJSON_IsString(id) && !cJSON_IsNumber(id)) {
        cJSON_Delete(obj);
        return gx_diag_error(r->d, GX_EINPUT, path, r->jsonl_line,
                             "\"id\" must be a string or a number");
    }
    if (!id && (r->flags & GX_READ_NEED_IDS)) {
        cJSON_Delete(obj);
        return gx_diag_error(r->d, GX_EINPUT, path, r->jsonl_line,
                             "no \"id\": guanxi map needs an id on every document (a shard "
                             "cannot number the lines of the whole corpus)");
    }
    doc->id = S_json_id(id, line, len, path, r->jsonl_line);
    doc->orig_len = strlen(text->valuestring);
    doc->orig = gx_xstrndup(text->valuestring, doc->orig_len);
    cJSON_Delete(obj);
    S_strip_bom(doc->orig, &doc->orig_len);
    doc->file = path;
    doc->line = r->jsonl_line;
    doc->seq = r->seq++;
    S_note_id(r, doc);
    return GX_OK;
}

/* Checks the JSONL line in r->linebuf (*len bytes) is UTF-8, or decodes it in place from the
 * encoding given with gx_reader_set_encoding (or replaces what is invalid, with lossy). */
static gx_status S_line_text(gx_reader *r, size_t off, size_t *len) {
    if ((r->enc == GX_ENC_AUTO || r->enc == GX_ENC_UTF8) && !r->lossy)
        return S_check_text(r, r->jsonl_path, r->jsonl_line, off, r->linebuf, *len);
    gx_decoded dec;
    gx_decode_in in = {r->linebuf, *len, r->enc == GX_ENC_AUTO ? GX_ENC_UTF8 : r->enc, r->lossy,
                       r->jsonl_path, r->jsonl_line};
    gx_status rc = gx_decode(&in, &dec, r->d);
    if (rc != GX_OK) return rc;
    S_report_decoding(r, r->jsonl_path, r->jsonl_line, &dec);
    free(r->linebuf);
    r->linebuf = dec.text;
    r->linecap = dec.len + 1;
    *len = dec.len;
    return GX_OK;
}

/* Reads the next non-blank JSONL line into doc; *out_has = 0 at end of file. */
static gx_status S_next_jsonl(gx_reader *r, gx_doc *doc, int *out_has) {
    ssize_t got;
    while ((got = getline(&r->linebuf, &r->linecap, r->jsonl)) >= 0) {
        size_t len = (size_t)got, off = r->jsonl_off;
        r->jsonl_line++;
        r->jsonl_off += len;
        r->bytes += len;
        if (len > GX_MAX_DOC_BYTES)
            return gx_diag_error(r->d, GX_ELIMIT, r->jsonl_path, r->jsonl_line,
                                 "line longer than %zu bytes (GX_MAX_DOC_BYTES)",
                                 (size_t)GX_MAX_DOC_BYTES);
        gx_status rc = S_line_text(r, off, &len);
        if (rc != GX_OK) return rc;
        size_t skip = r->jsonl_line == 1 && len >= 3 && memcmp(r->linebuf, "\xEF\xBB\xBF", 3) == 0;
        char *p = r->linebuf + 3 * skip;
        size_t n = len - 3 * skip;
        while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n == 0) continue;
        *out_has = 1;
        rc = S_surrogates(r, p, n);
        return rc == GX_OK ? S_parse_jsonl(r, p, n, doc) : rc;
    }
    if (ferror(r->jsonl))
        return gx_diag_error(r->d, GX_EIO, r->jsonl_path, 0, "read error: %s", strerror(errno));
    if (r->jsonl != stdin) fclose(r->jsonl);
    r->jsonl = NULL;
    *out_has = 0;
    return GX_OK;
}

static gx_status S_open_jsonl(gx_reader *r, const char *path) {
    r->jsonl = fopen(path, "rb");
    if (!r->jsonl) return gx_diag_error(r->d, GX_EIO, path, 0, "cannot open: %s", strerror(errno));
    r->jsonl_path = path;
    r->jsonl_line = 0;
    r->jsonl_off = 0;
    return GX_OK;
}

/* ---------------------------------------------------------------- the iterator */

/* Starts the next input: a folder is listed, a JSONL file opened, a file or stdin read into doc
 * (then *out_has = 1). */
static gx_status S_start_input(gx_reader *r, const char *in, gx_doc *doc, int *out_has) {
    struct stat st;
    *out_has = 0;
    if (strcmp(in, "-") == 0 && (r->flags & GX_READ_STDIN_JSONL)) {
        r->jsonl = stdin;
        r->jsonl_path = "-";
        r->jsonl_line = 0;
        r->jsonl_off = 0;
        return GX_OK;
    }
    if (strcmp(in, "-") == 0) {
        *out_has = 1;
        return S_read_file(r, in, gx_xstrdup("-"), doc);
    }
    if (stat(in, &st) != 0)
        return gx_diag_error(r->d, GX_EIO, in, 0, "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode)) return S_open_dir(r, in);
    if (S_has_suffix(in, ".jsonl")) return S_open_jsonl(r, in);
    const char *base = strrchr(in, '/');
    *out_has = 1;
    return S_read_file(r, in, S_file_id(base ? base + 1 : in), doc);
}

gx_status gx_reader_next(gx_reader *r, gx_doc *doc, int *out_has) {
    for (;;) {
        if (r->jsonl) {
            gx_status rc = S_next_jsonl(r, doc, out_has);
            if (rc != GX_OK || *out_has) return rc;
            continue;
        }
        if (r->next_file < r->n_files) {
            size_t i = r->next_file++;
            *out_has = 1;
            return S_read_file(r, r->files[i], S_file_id(r->files[i] + r->root_lens[i]), doc);
        }
        if (r->next_input >= r->n_inputs) {
            *out_has = 0;
            return GX_OK;
        }
        gx_status rc = S_start_input(r, r->inputs[r->next_input++], doc, out_has);
        if (rc != GX_OK || *out_has) return rc;
    }
}
