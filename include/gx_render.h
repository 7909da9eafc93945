/* gx_render.h: stage 9, render. A finished (pruned) graph -> SVG and PNG diagrams through
 * Graphviz's gvc library.
 *
 * Two views: network (every edge, laid out by sfdp) and hierarchy (part_of and located_in
 * edges from the whole to the part, laid out by dot, places grouped in clusters by district).
 * Nodes are coloured and shaped by kind (org box, person ellipse, place hexagon, program note),
 * edges widened by weight, labels in a CJK font (Noto Sans CJK SC; install fonts-noto-cjk), and
 * a legend of the kinds stands under the drawing.
 */
#ifndef GX_RENDER_H
#define GX_RENDER_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_graph.h"

typedef enum { GX_VIEW_NETWORK = 0, GX_VIEW_HIERARCHY } gx_view;

/* Returns 1 and sets *out for "network" or "hierarchy", else 0. */
int gx_view_parse(const char *s, gx_view *out);

/* Writes dir/graph.svg and dir/graph.png (network view) or dir/hierarchy.svg and
 * dir/hierarchy.png, each through a temporary file renamed into place. The paths written are
 * listed in *out_written (", "-separated; caller frees; may be NULL). Returns GX_ELIB on a
 * Graphviz failure, GX_EIO on a write failure, with the message in d. */
GX_MUST_CHECK gx_status gx_render_files(const gx_graph *g, const char *dir, gx_view view,
                                        gx_diag *d, char **out_written);

#endif
