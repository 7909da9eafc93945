/* gx_prune.h: stage 8a, prune. A finished graph -> a smaller, readable one.
 *
 * Applied in this order: keep only nodes of the kinds asked for (--types) and, with max_nodes,
 * the max_nodes most mentioned of them (ties: more edges, then id); drop co-mention-only
 * edges lighter than min_weight (edges that state a typed relation always stay); keep for each
 * node only its top_edges strongest edges (an edge stays when it is among the strongest of
 * either end; strength: typed first, then weight, then NPMI); keep only the largest connected
 * component (most nodes; ties: the one holding the smallest node id). Nodes left without edges
 * stay, except with largest_component.
 */
#ifndef GX_PRUNE_H
#define GX_PRUNE_H

#include "gx_common.h"
#include "gx_graph.h"

typedef struct {
    unsigned kinds;          /* bit set of gx_kind to keep; 0: all */
    uint32_t min_weight;     /* 0: no limit */
    uint32_t top_edges;      /* 0: no limit */
    uint32_t max_nodes;      /* 0: no limit */
    int largest_component;
} gx_prune_opts;

/* Parses a comma list of kinds (org,person,place,program) into *out. Returns 1, or 0 on an
 * unknown or empty name (*out untouched). */
int gx_prune_parse_kinds(const char *list, unsigned *out);

/* Prunes the finished graph g in place. */
void gx_prune(gx_graph *g, const gx_prune_opts *o);

#endif
