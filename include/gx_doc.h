/* gx_doc.h: one document as it flows through the stages.
 *
 * read fills the identity and original text; norm adds the normalized text (code points) and the
 * offset map back to the original; sent adds sentences and paragraphs. Later stages refer to the
 * normalized text by code-point offsets (uint32_t start, end; end exclusive), never by pointer.
 * This is a plain struct because the scanning stages read its arrays in their hot loops; each
 * stage documents which fields it sets. The document owns every array in it: gx_doc_clear()
 * frees them all.
 *
 * Offsets are code points, not bytes (unlike STYLE §3): the matcher walks code points, and the
 * output contract asks for code-point offsets, so keeping one unit avoids conversions.
 */
#ifndef GX_DOC_H
#define GX_DOC_H

#include "gx_common.h"

typedef struct {
    uint32_t start, end; /* normalized code points, end exclusive, trimmed of whitespace */
    uint32_t para;       /* 0-based paragraph index within the document */
} gx_sentence;

typedef struct {
    /* ---- set by read */
    char *id;         /* document id (UTF-8, NUL-terminated) */
    char *orig;       /* original text, UTF-8 (validated), BOM removed, NUL-terminated */
    size_t orig_len;  /* bytes in orig */
    const char *file; /* input path, for messages (borrowed from the reader) */
    long line;        /* 1-based line of a JSONL document, 0 for whole files */
    size_t seq;       /* 0-based position of the document in the run */
    /* ---- set by norm */
    uint32_t *cp;        /* normalized text: NFKC, rejoined, CR/CRLF as LF */
    uint32_t n;          /* code points in cp */
    uint32_t *src_start; /* per normalized code point: first original code point it comes from */
    uint32_t *src_end;   /* per normalized code point: end (exclusive) of its original range */
    uint32_t orig_cps;   /* code points in orig */
    uint32_t *orig_byte; /* byte offset in orig of each original code point, orig_cps + 1 of them */
    /* ---- set by sent */
    gx_sentence *sents;
    uint32_t n_sents;
    uint32_t n_paras;
} gx_doc;

/* Frees every array of the document and zeroes it (safe on a zeroed struct). */
void gx_doc_clear(gx_doc *doc);

/* Maps normalized code points [start, end) (start < end <= doc->n) to the original code-point
 * range [*out_start, *out_end) they come from. */
void gx_doc_orig_span(const gx_doc *doc, uint32_t start, uint32_t end, uint32_t *out_start,
                      uint32_t *out_end);

/* Points *out_ptr at the original bytes of original code points [ostart, oend) and sets
 * *out_len (constant time, through doc->orig_byte). */
void gx_doc_orig_slice(const gx_doc *doc, uint32_t ostart, uint32_t oend, const char **out_ptr,
                       size_t *out_len);

#endif
