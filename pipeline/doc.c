/* doc.c: the document model shared by all stages (see gx_doc.h): freeing and offset mapping.
 *
 * gx_doc_orig_slice turns original code-point offsets back into bytes for mention surfaces and
 * snippets through the byte offsets normalization records.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_doc.h"

void gx_doc_clear(gx_doc *doc) {
    free(doc->id);
    free(doc->orig);
    free(doc->cp);
    free(doc->src_start);
    free(doc->src_end);
    free(doc->sents);
    free(doc->orig_byte);
    memset(doc, 0, sizeof *doc);
}

void gx_doc_orig_span(const gx_doc *doc, uint32_t start, uint32_t end, uint32_t *out_start,
                      uint32_t *out_end) {
    *out_start = doc->src_start[start];
    *out_end = doc->src_end[end - 1];
}

void gx_doc_orig_slice(const gx_doc *doc, uint32_t ostart, uint32_t oend, const char **out_ptr,
                       size_t *out_len) {
    size_t b0 = doc->orig_byte[ostart], b1 = doc->orig_byte[oend];
    *out_ptr = doc->orig + b0;
    *out_len = b1 - b0;
}
