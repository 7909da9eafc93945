/* doc.c: the document model shared by all stages (see gx_doc.h): freeing and offset mapping.
 *
 * gx_doc_orig_slice turns original code-point offsets back into bytes for mention surfaces; it
 * walks the UTF-8 from a cursor, so the usual in-order use is linear in the document.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_doc.h"

void gx_doc_clear(gx_doc *doc) {
    free(doc->id);
    free(doc->orig);
    free(doc->cp);
    free(doc->src_start);
    free(doc->src_end);
    free(doc->sents);
    memset(doc, 0, sizeof *doc);
}

void gx_doc_orig_span(const gx_doc *doc, uint32_t start, uint32_t end, uint32_t *out_start,
                      uint32_t *out_end) {
    *out_start = doc->src_start[start];
    *out_end = doc->src_end[end - 1];
}

/* Moves the cursor to original code point cp and returns its byte offset. */
static size_t S_seek(gx_doc *doc, uint32_t cp) {
    if (cp < doc->cur_cp) {
        doc->cur_cp = 0;
        doc->cur_byte = 0;
    }
    const uint8_t *s = (const uint8_t *)doc->orig;
    int32_t i = (int32_t)doc->cur_byte, len = (int32_t)doc->orig_len;
    while (doc->cur_cp < cp && i < len) {
        U8_FWD_1(s, i, len);
        doc->cur_cp++;
    }
    doc->cur_byte = (size_t)i;
    return doc->cur_byte;
}

void gx_doc_orig_slice(gx_doc *doc, uint32_t ostart, uint32_t oend, const char **out_ptr,
                       size_t *out_len) {
    size_t b0 = S_seek(doc, ostart);
    size_t b1 = S_seek(doc, oend);
    *out_ptr = doc->orig + b0;
    *out_len = b1 - b0;
}
