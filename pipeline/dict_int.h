/* dict_int.h: private to the dictionary stage (dict.c, dict_read.c, dict_import.c, dict_check.c).
 *
 * dict_read.c opens files and folders, picks each file's format and cuts it into lines; a line
 * parser of the format (native: dict.c; jieba, HanLP: dict_import.c) turns a line into a
 * gx_entry and hands it to a sink. The loader's sink is the gx_dict itself (later definitions
 * replace earlier ones); the checker's sink keeps every entry with its file:line. In lint mode
 * (dict check) the parsers also warn about what loading forgives (dict_check.c), and in
 * keep-going mode a malformed line is counted and reading goes on.
 */
#ifndef GX_DICT_INT_H
#define GX_DICT_INT_H

#include "gx_arena.h"
#include "gx_dict.h"

/* A slice of a line: p[0..n), not NUL-terminated. */
typedef struct {
    const char *p;
    size_t n;
} gx_dfield;

typedef struct gx_dict_sink gx_dict_sink;
struct gx_dict_sink {
    /* Takes entry e (its strings live in arena, or are borrowed from the caller's line file
     * name): stores, merges or collects a copy. Returns GX_OK or an error (with d). */
    gx_status (*add)(gx_dict_sink *s, const gx_entry *e, gx_diag *d);
    gx_arena *arena;    /* owns entry strings and file names */
    int lint;           /* dict check: also warn about what loading forgives */
    int keep_going;     /* dict check: after a malformed line, count it and read on */
    size_t line_errors; /* malformed lines so far (keep_going) */
    size_t files;       /* files read so far */
};

/* Entries of one jieba/HanLP tag that were skipped in one file (reported when it ends). */
typedef struct {
    char tag[GX_MAX_TAG_BYTES + 1]; /* "" for words without a tag */
    size_t count;
    long first; /* line of the first one */
} gx_dict_skip;

/* One file being read. */
typedef struct {
    gx_dict_sink *sink;
    gx_diag *d;
    const char *file;        /* name for messages and gx_entry.file */
    long line;               /* current line */
    gx_dict_format format;   /* never GX_DICT_AUTO here */
    const char *default_tag; /* jieba/HanLP: the tag of untagged words (`FILE TAG`), or NULL */
    char sep;                /* HanLP: ',' (*.csv) or '\t' (*.tsv); 0: runs of spaces and tabs */
    gx_dict_skip *skips;     /* skipped tags, at most GX_MAX_SKIP_TAGS (+1 for "other tags") */
    size_t n_skips, cap_skips;
} gx_dict_file;

/* ---- dict.c ---- */

/* The sink that merges entries into dict (the loader). */
gx_dict_sink *gx_dict_sink_of(gx_dict *dict);

/* Parses one native line (no terminator) of f. Comment and blank lines add nothing. */
GX_MUST_CHECK gx_status gx_dict_line_native(gx_dict_file *f, const char *text, size_t len);

/* NFKC copy of raw (spaces around it trimmed, before and after NFKC) into the sink's arena;
 * *out = NULL when it is empty. In lint mode, warns about what changed, naming `what`
 * (surface, canonical, parent). */
GX_MUST_CHECK gx_status gx_dict_field(gx_dict_file *f, const char *what, gx_dfield raw,
                                      const char **out);

/* Checks e's surface (length) and hands e to the sink. e->file and e->line are set here. */
GX_MUST_CHECK gx_status gx_dict_finish(gx_dict_file *f, gx_entry *e);

/* An error at f's current line: GX_EDICT with the message in f->d. */
gx_status gx_dict_bad(gx_dict_file *f, const char *fmt, ...) GX_PRINTF(2, 3);

/* Errors on a control character (C0 but TAB, DEL, C1) anywhere in the line. */
GX_MUST_CHECK gx_status gx_dict_controls(gx_dict_file *f, const char *text, size_t len);

/* ---- dict_import.c ---- */

/* One jieba line `word [freq] [tag]` / one HanLP line `word [tag freq]...`. Words whose tag names
 * no entity type are counted in f->skips. */
GX_MUST_CHECK gx_status gx_dict_line_jieba(gx_dict_file *f, const char *text, size_t len);
GX_MUST_CHECK gx_status gx_dict_line_hanlp(gx_dict_file *f, const char *text, size_t len);

/* Reports f's skipped tags as counted warnings (most frequent first) and frees them. */
void gx_dict_skips_report(gx_dict_file *f);

/* ---- dict_read.c ---- */

/* Reads path (a file, a folder, or HanLP's `FILE TAG`) in format into sink s. */
GX_MUST_CHECK gx_status gx_dict_read(gx_dict_sink *s, const char *path, gx_dict_format format,
                                     gx_diag *d);

/* ---- dict_check.c: lint mode ---- */

/* Warns about raw (a field of f's line) when NFKC changed it (normalized: what it became). */
void gx_dict_lint_field(gx_dict_file *f, const char *what, gx_dfield raw, const char *normalized);

/* Warns about invisible characters (zero-width, bidi controls, soft hyphen) in the line. */
void gx_dict_lint_line(gx_dict_file *f, const char *text, size_t len);

#endif
