/* gx_read.h: stage 1, read. Inputs in, one gx_doc at a time out.
 *
 * An input is a .txt file (one document, id = file name without .txt; any other non-.jsonl file
 * is read the same way, id = file name), a folder (every *.txt below it, hidden entries skipped,
 * sorted by relative path; id = that path without .txt), a .jsonl file (a document a line:
 * {"id": ..., "text": ...}; a numeric id becomes its decimal string, a missing id becomes
 * "STEM:LINE" with STEM the file name without .jsonl), or "-" (stdin, one document, id "-"). Documents are read one by one (the corpus
 * is never held in memory). Text must be UTF-8; a leading BOM is dropped; invalid UTF-8 is an
 * error naming the file and byte offset.
 */
#ifndef GX_READ_H
#define GX_READ_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_doc.h"

typedef struct gx_reader gx_reader;

/* A reader over inputs[0..n) (strings borrowed; they must outlive the reader). Reports to d.
 * Free with gx_reader_free. */
gx_reader *gx_reader_new(const char *const *inputs, size_t n, gx_diag *d);
void gx_reader_free(gx_reader *r);

/* ---- encodings (encoding.c) */

typedef enum {
    GX_ENC_AUTO = 0, /* byte order mark, else UTF-8 if valid, else ICU's detector (see encoding.c) */
    GX_ENC_UTF8,
    GX_ENC_GB18030,
    GX_ENC_GBK,
    GX_ENC_BIG5,
    GX_ENC_UTF16,    /* by byte order mark; little-endian without one */
    GX_ENC_UTF16LE,
    GX_ENC_UTF16BE
} gx_encoding;

/* Parses "auto", "utf-8", "gb18030", "gbk", "big5", "utf-16", "utf-16le", "utf-16be" (any
 * case). Returns 1 on success, else 0. */
int gx_encoding_parse(const char *s, gx_encoding *out);
/* The name gx_encoding_parse takes for e. */
const char *gx_encoding_name(gx_encoding e);

typedef struct {
    const char *bytes; /* the raw bytes (borrowed) */
    size_t len;
    gx_encoding enc;   /* what the user asked for */
    int lossy;         /* replace what does not decode by U+FFFD (counted) instead of failing */
    const char *file;  /* for messages */
    long line;         /* for messages (0: none) */
} gx_decode_in;

typedef struct {
    char *text;        /* UTF-8 without byte order mark, NUL-terminated (caller frees) */
    size_t len;
    gx_encoding enc;   /* the encoding read */
    int detected;      /* 1 when auto chose it through the detector */
    int confidence;    /* the detector's confidence, 0..100 */
    size_t replaced;   /* lossy: sequences replaced by U+FFFD */
} gx_decoded;

/* Decodes in->bytes into UTF-8 (see encoding.c for how auto decides). Returns GX_EUTF8 with a
 * message naming file, line and byte offset on bytes the encoding does not define (unless
 * lossy), GX_EICU on a converter failure; out->text is then NULL. */
GX_MUST_CHECK gx_status gx_decode(const gx_decode_in *in, gx_decoded *out, gx_diag *d);

/* ---- the reader */

typedef enum {
    GX_READ_STDIN_JSONL = 1 << 0, /* "-" is JSONL (a document a line), not one document */
    GX_READ_NEED_IDS = 1 << 1     /* a JSONL line without "id" is an error (GX_EINPUT) */
} gx_read_flag;

/* Sets gx_read_flag bits (before the first gx_reader_next). */
void gx_reader_set_flags(gx_reader *r, unsigned flags);

/* Text files (and stdin) are in encoding enc (default GX_ENC_AUTO); with lossy, what does not
 * decode becomes U+FFFD with a counted warning. JSONL files are UTF-8 unless enc names another
 * encoding, which then applies to every line. */
void gx_reader_set_encoding(gx_reader *r, gx_encoding enc, int lossy);

/* Reads the next document into *out_doc (which must be zeroed or cleared; the caller clears it
 * with gx_doc_clear) and sets *out_has to 1, or sets *out_has to 0 at the end of all inputs.
 * Returns GX_EIO (unreadable input), GX_EUTF8, GX_EINPUT (bad JSONL line) or GX_ELIMIT (a
 * document over GX_MAX_DOC_BYTES) with the message in the diag; the run should then stop. */
GX_MUST_CHECK gx_status gx_reader_next(gx_reader *r, gx_doc *out_doc, int *out_has);

/* Input bytes consumed so far (for progress and throughput). */
size_t gx_reader_bytes(const gx_reader *r);

/* Checks that s[0..n) is UTF-8 (ICU's U8_NEXT). Returns 1 if valid; else 0 and sets *out_bad to
 * the byte offset of the first invalid sequence. */
int gx_utf8_valid(const char *s, size_t n, size_t *out_bad);

#endif
