/* gx_link.h: stage 7, link. A document's mentions -> nodes and co-mention edges of the graph.
 *
 * Every mention counts toward its entity's node. Two distinct entities mentioned in the same
 * window (sentence, paragraph or whole document) share that window: their edge's count grows by
 * one per window and its document count by one per document. A window holding more than
 * GX_MAX_WINDOW_ENTITIES distinct entities pairs only the first that many (in text order) and
 * counts a warning.
 */
#ifndef GX_LINK_H
#define GX_LINK_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_doc.h"
#include "gx_entity.h"
#include "gx_graph.h"

typedef enum { GX_WINDOW_SENTENCE = 0, GX_WINDOW_PARAGRAPH, GX_WINDOW_DOCUMENT } gx_window;

/* "sentence", "paragraph", "document". */
const char *gx_window_name(gx_window w);
/* Returns 1 and sets *out for a known window name, else 0. */
int gx_window_parse(const char *s, gx_window *out);

/* Adds doc's mentions (sorted by start) to g. Documents must arrive in increasing doc->seq. */
void gx_link_doc(gx_graph *g, const gx_doc *doc, const gx_mentions *ms, gx_window w, gx_diag *d);

#endif
