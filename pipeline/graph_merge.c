/* graph_merge.c: adds one partial graph to another (graph model; see gx_graph.h).
 *
 * Worker threads and map tasks each build a partial graph over their own documents; merging
 * them gives the graph one pass over all documents would have built, because every field is an
 * order-free aggregate (graph_int.h). A document must be counted in one partial graph only.
 */
#include <stdlib.h>
#include <string.h>
#include "graph_int.h"

/* Adds every item of src to dst (of graph g). */
static void S_evs(gx_graph *g, gx_evlist *dst, const gx_evlist *src) {
    for (uint32_t i = 0; i < src->n; i++) gx_graph_ev_keep(g, dst, &src->v[i]);
}

void gx_graph_node_merge(gx_graph *g, uint32_t at, const gx_gnode *sn) {
    gx_gnode *n = &g->nodes[at];
    n->pub.mentions += sn->pub.mentions;
    n->pub.documents += sn->pub.documents;
    n->pub.windows += sn->pub.windows;
    if (sn->first_doc) gx_graph_first_doc(n, sn->first_doc);
    for (uint32_t k = 0; k < sn->n_aliases; k++)
        gx_graph_alias_add(n, sn->aliases[k], strlen(sn->aliases[k]));
    S_evs(g, &n->ev, &sn->ev);
}

void gx_graph_edge_merge(gx_graph *g, uint32_t a, uint32_t b, const gx_gedge *se) {
    gx_gedge *e = gx_graph_edge_of(g, a, b);
    int swap = e->pub.source != a;
    e->pub.count += se->pub.count;
    e->pub.sentences += se->pub.sentences;
    e->pub.documents += se->pub.documents;
    e->pub.relations |= se->pub.relations;
    for (int r = 0; r < GX_REL_COUNT; r++) {
        e->dir[r][0] += se->dir[r][swap];
        e->dir[r][1] += se->dir[r][!swap];
    }
    S_evs(g, &e->typed, &se->typed);
    S_evs(g, &e->co, &se->co);
}

void gx_graph_merge(gx_graph *dst, const gx_graph *src) {
    uint32_t *map = gx_xmalloc((src->n_nodes ? src->n_nodes : 1) * sizeof *map);
    for (size_t i = 0; i < src->n_nodes; i++) {
        const gx_gnode *sn = &src->nodes[i];
        map[i] = gx_graph_intern(dst, sn->pub.kind, sn->label, strlen(sn->label));
        gx_graph_node_merge(dst, map[i], sn);
    }
    for (size_t i = 0; i < src->n_edges; i++) {
        const gx_gedge *se = &src->edges[i];
        gx_graph_edge_merge(dst, map[se->pub.source], map[se->pub.target], se);
    }
    dst->windows += src->windows;
    free(map);
}

/* 1 if g has counted nothing yet. */
static int S_empty(const gx_graph *g) {
    return g->n_nodes == 0 && g->n_edges == 0 && g->n_docs == 0 && g->windows == 0 &&
           g->n_info == 0 && !g->finished;
}

void gx_graph_merge_free(gx_graph *dst, gx_graph *src) {
    if (S_empty(dst) && src->max_ev == dst->max_ev && !src->finished) {
        gx_graph t = *dst; /* dst takes src's contents whole and keeps its own hook */
        *dst = *src;
        dst->hook = t.hook, dst->hook_ctx = t.hook_ctx;
        *src = t;
    } else {
        gx_graph_merge(dst, src);
    }
    gx_graph_free(src);
}
