/* gx_graph.h: THE graph model. Stages add to it; emitters only read it.
 *
 * Building: gx_graph_intern() turns (kind, canonical name) into a node index, gx_graph_add_mention()
 * and gx_graph_add_pair() count mentions and shared windows, with a document sequence number so
 * that per-document counts are counted once. Documents must be added in increasing sequence.
 * gx_graph_finish() then sorts nodes by id and edges by (source id, target id) and freezes the
 * graph: from then on it is read-only and its order is the output order. The graph owns every
 * string in it; the pointers in gx_node / gx_edge live until gx_graph_free().
 */
#ifndef GX_GRAPH_H
#define GX_GRAPH_H

#include <stdio.h>
#include "gx_common.h"

typedef struct gx_graph gx_graph;

typedef struct {
    const char *id;     /* stable ASCII id, "<kind>_<16 hex digits>": same name and kind, same id */
    const char *label;  /* canonical name (UTF-8, NUL-terminated, not yet sanitized for output) */
    gx_kind kind;       /* org, person, place or program */
    uint32_t mentions;  /* mentions of the entity in all documents */
    uint32_t documents; /* documents that mention it */
} gx_node;

typedef struct {
    uint32_t source;      /* node index; after finish, the node whose id sorts first */
    uint32_t target;      /* node index of the other end; never equal to source */
    uint32_t count;       /* windows (sentences, paragraphs or documents) shared */
    uint32_t documents;   /* documents in which the two share a window */
    const char *relation; /* "co_mention" */
} gx_edge;

/* A new, empty graph. Free with gx_graph_free (NULL is a no-op). */
gx_graph *gx_graph_new(void);
void gx_graph_free(gx_graph *g);

/* Returns the index of the node (kind, name[0..len)), creating it if needed. The name is copied.
 * Must not be called after gx_graph_finish. */
uint32_t gx_graph_intern(gx_graph *g, gx_kind kind, const char *name, size_t len);

/* Counts one mention of node in document doc_seq. */
void gx_graph_add_mention(gx_graph *g, uint32_t node, size_t doc_seq);

/* Counts one window of document doc_seq shared by nodes a and b (a != b; order is irrelevant). */
void gx_graph_add_pair(gx_graph *g, uint32_t a, uint32_t b, size_t doc_seq);

/* Sets a graph-level attribute (copied; a key set twice keeps the last value). Attributes are
 * written in the order their keys were first set. Keys must be ASCII identifiers. */
void gx_graph_set_info(gx_graph *g, const char *key, const char *value);

/* Sorts and freezes the graph (see top of file). Idempotent. */
void gx_graph_finish(gx_graph *g);

size_t gx_graph_node_count(const gx_graph *g);
size_t gx_graph_edge_count(const gx_graph *g);
/* The i-th node / edge (i < count). After finish, in output order. */
const gx_node *gx_graph_node(const gx_graph *g, size_t i);
const gx_edge *gx_graph_edge(const gx_graph *g, size_t i);
size_t gx_graph_info_count(const gx_graph *g);
/* The i-th graph attribute: sets *out_key and *out_value. */
void gx_graph_info(const gx_graph *g, size_t i, const char **out_key, const char **out_value);

/* Verifies the invariants (ids well-formed and unique, sorted order after finish, endpoints in
 * range, no self loops, one edge per pair). Prints each violation to err (may be NULL) and
 * returns the number of violations. */
size_t gx_graph_check(const gx_graph *g, FILE *err);

#endif
