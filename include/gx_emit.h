/* gx_emit.h: the last stage: a finished gx_graph written as GraphML, DOT and JSON.
 *
 * One emitter per format (emit_graphml.c via libxml2's output buffer, emit_dot.c via cgraph,
 * emit_json.c via cJSON), each following ../shared/formats/CONTRACT.md. The strings of a gx_graph
 * are already safe for every format (graph.c sanitizes what it stores, see gx_sanitize()), so
 * emitters write them as they are. gx_emit_files() writes each file to a temporary name in the
 * output folder and renames it into place, so a failed run never leaves half a graph behind.
 */
#ifndef GX_EMIT_H
#define GX_EMIT_H

#include <stdio.h>
#include "gx_common.h"
#include "gx_diag.h"
#include "gx_graph.h"

typedef enum {
    GX_FORMAT_GRAPHML = 1 << 0,
    GX_FORMAT_DOT = 1 << 1,
    GX_FORMAT_JSON = 1 << 2,
    GX_FORMAT_ALL = 7,
    GX_FORMAT_YED = 1 << 3 /* with GX_FORMAT_GRAPHML: add the yFiles extension for yEd */
} gx_format;

/* Parses a comma list such as "graphml,json" into a gx_format bit set.
 * Returns 1 on success, 0 (with *out untouched) on an unknown or empty name. */
int gx_format_parse(const char *list, unsigned *out);

/* Each writes the finished graph g to out. name is the file name used in messages.
 * On a library error returns GX_ELIB (GX_EIO on a write error) with a message in d. */
GX_MUST_CHECK gx_status gx_emit_graphml(const gx_graph *g, FILE *out, const char *name, gx_diag *d);
/* GraphML plus yEd's yFiles extension (shape, colour, label per node; arrows and labels of
 * typed relations); valid against yEd's schema, not the plain GraphML XSD. */
GX_MUST_CHECK gx_status gx_emit_graphml_yed(const gx_graph *g, FILE *out, const char *name,
                                            gx_diag *d);
GX_MUST_CHECK gx_status gx_emit_dot(const gx_graph *g, FILE *out, const char *name, gx_diag *d);
GX_MUST_CHECK gx_status gx_emit_json(const gx_graph *g, FILE *out, const char *name, gx_diag *d);

/* Writes dir/graph.graphml, dir/graph.dot, dir/graph.json (those in formats), creating dir if
 * needed, on up to `threads` threads (0 or 1: this one). Each goes to a temporary file first and is renamed into place only when complete.
 * On error no partial file remains and the status says why. The paths of the files written are
 * printed to *out_written (caller frees; may be NULL) as a ", "-separated list. */
GX_MUST_CHECK gx_status gx_emit_files(const gx_graph *g, const char *dir, unsigned formats,
                                      size_t threads, gx_diag *d, char **out_written);

/* A streamed output (written while documents are read): a temporary file beside path, renamed
 * into place by gx_stream_close. One at a time. */
typedef struct gx_stream gx_stream;

/* Opens it; NULL with a message in d on error. */
gx_stream *gx_stream_open(const char *path, gx_diag *d);
/* Its FILE (owned by the stream). */
FILE *gx_stream_file(gx_stream *s);
/* Renames it into place, or removes it when abort_it is set or writing failed (the status
 * says why). Frees s; NULL is a no-op. */
GX_MUST_CHECK gx_status gx_stream_close(gx_stream *s, int abort_it, gx_diag *d);

/* The evidence hook (see gx_graph_set_evidence_hook) that writes one JSON object a line to the
 * FILE given as ctx: {"source","target","relation","doc","sentence","start","end","snippet"
 * [,"pattern"]}; source is the head of a directed relation. */
void gx_emit_edge_line(void *ctx, const char *a_id, const char *b_id, const char *relation,
                       const gx_evidence *ev);

/* Removes any temporary output file still open (called from a signal handler on SIGINT). */
void gx_emit_cleanup_temps(void);

/* Records the path of a temporary file another stage writes (a dictionary image being
 * compiled) so that gx_emit_cleanup_temps() removes it too; gx_emit_temp_done() forgets it once
 * it was renamed or removed. One such file at a time. */
void gx_emit_temp_track(const char *path);
void gx_emit_temp_done(void);

/* Formats v as cJSON prints numbers ("3" for integral values, else %1.15g or, when that does
 * not read back exactly, %1.17g), in the C locale; so GraphML, DOT and JSON write the same
 * bytes. v must be finite. */
void gx_emit_number(double v, char *buf, size_t cap);

#endif
