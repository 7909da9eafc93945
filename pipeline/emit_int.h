/* emit_int.h: what the three emitters share (private to emit*.c). */
#ifndef GX_EMIT_INT_H
#define GX_EMIT_INT_H

#include "gx_emit.h"

/* Scratch memory for gx_emit_evidence_text, reused from one call to the next. */
typedef struct gx_jsonbuf gx_jsonbuf;
gx_jsonbuf *gx_jsonbuf_new(void);
void gx_jsonbuf_free(gx_jsonbuf *b);

/* The evidence items as a JSON array text (compact, sanitized strings): [{"doc","sentence",
 * "start","end","snippet"[,"pattern"]}, ...], in b's memory until the next call on b. NULL when
 * n is 0 or cJSON fails. */
const char *gx_emit_evidence_text(gx_jsonbuf *b, const gx_evidence *ev, uint32_t n);

/* cgraph's graph type (emit_dot.c and render.c include <graphviz/cgraph.h>). */
struct Agraph_s;

/* Declares guanxi's DOT attributes on ag and adds the nodes and edges of g in output order
 * (with keep_edge not NULL, only the edges it marks and the nodes they join; with
 * whole_to_part, edges run from the end that is not the head to the head, for a top-down
 * hierarchy). Returns < 0 on a cgraph error. */
int gx_dot_fill(struct Agraph_s *ag, const gx_graph *g, const uint8_t *keep_edge,
                int whole_to_part);

#endif
