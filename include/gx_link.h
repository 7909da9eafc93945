/* gx_link.h: stage 7, link. A document's mentions -> nodes, co-mention edges, evidence.
 *
 * Every mention counts toward its entity's node (and names an alias when its surface differs).
 * Two distinct entities mentioned in the same window (a sentence, a paragraph, the document, or
 * a block of whole sentences of about --window-chars characters) share that window: their
 * edge's count grows by one per window, its sentences by one per sentence they share, its
 * documents by one per document. A window holding more than GX_MAX_WINDOW_ENTITIES distinct
 * entities pairs only the first that many (in text order) and counts a warning. Nodes and edges
 * keep their first evidence items (document, sentence, offsets, snippet).
 */
#ifndef GX_LINK_H
#define GX_LINK_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_doc.h"
#include "gx_entity.h"
#include "gx_graph.h"

typedef enum {
    GX_WINDOW_SENTENCE = 0,
    GX_WINDOW_PARAGRAPH,
    GX_WINDOW_DOCUMENT,
    GX_WINDOW_CHARS /* blocks of whole sentences of about `chars` characters */
} gx_window;

typedef struct {
    gx_window window;
    uint32_t chars; /* GX_WINDOW_CHARS: block size in characters */
} gx_link_opts;

/* "sentence", "paragraph", "document", "chars". */
const char *gx_window_name(gx_window w);
/* Returns 1 and sets *out for sentence, paragraph or document, else 0. */
int gx_window_parse(const char *s, gx_window *out);

/* Adds doc's mentions (sorted by start) to g. Documents must arrive in increasing doc->seq.
 * *io_nodes (a buffer the caller keeps and frees, may start NULL) receives the node index of
 * each mention, for the relation stage. */
void gx_link_doc(gx_graph *g, gx_doc *doc, const gx_mentions *ms, const gx_link_opts *o,
                 gx_diag *d, uint32_t **io_nodes);

/* The original text of code points [s, e) as an evidence snippet: at most GX_MAX_SNIPPET_CHARS
 * code points (a longer span keeps head and tail around "…"), whitespace runs as one space.
 * Caller frees. */
char *gx_link_snippet(gx_doc *doc, uint32_t s, uint32_t e);

#endif
