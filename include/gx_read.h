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

typedef enum {
    GX_READ_STDIN_JSONL = 1 << 0, /* "-" is JSONL (a document a line), not one document */
    GX_READ_NEED_IDS = 1 << 1     /* a JSONL line without "id" is an error (GX_EINPUT) */
} gx_read_flag;

/* Sets gx_read_flag bits (before the first gx_reader_next). */
void gx_reader_set_flags(gx_reader *r, unsigned flags);

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
