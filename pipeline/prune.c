/* prune.c: stage 8a: fewer nodes and edges for readable diagrams (see gx_prune.h).
 *
 * Works on a finished graph through gx_graph_keep, so indices and order stay those of the
 * output, and every step is deterministic.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_prune.h"

int gx_prune_parse_kinds(const char *list, unsigned *out) {
    unsigned bits = 0;
    for (const char *p = list;;) {
        size_t n = strcspn(p, ",");
        gx_kind k;
        if (n == 0 || !gx_kind_parse(p, n, &k)) return 0;
        bits |= 1u << k;
        if (!p[n]) break;
        p += n + 1;
    }
    *out = bits;
    return 1;
}

typedef struct {
    uint32_t typed, count, idx;
    double npmi;
} S_strength;

/* Strength order of edges: typed first, then weight, then NPMI, then output order. */
static int S_stronger(const void *pa, const void *pb) {
    const S_strength *a = pa, *b = pb;
    if (a->typed != b->typed) return a->typed > b->typed ? -1 : 1;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    if (a->npmi != b->npmi) return a->npmi > b->npmi ? -1 : 1;
    return a->idx < b->idx ? -1 : 1;
}

/* Marks in keep[] the edges among the top n of either end. */
static void S_top_edges(const gx_graph *g, uint32_t n, uint8_t *keep) {
    size_t nn = gx_graph_node_count(g), ne = gx_graph_edge_count(g);
    S_strength *order = gx_xmalloc((ne ? ne : 1) * sizeof *order);
    uint32_t *used = gx_xcalloc(nn + 1, sizeof *used);
    for (size_t i = 0; i < ne; i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        order[i] = (S_strength){e->relations != 0, e->count, (uint32_t)i, e->npmi};
    }
    gx_sort(order, ne, sizeof *order, S_stronger);
    for (size_t i = 0; i < ne; i++) {
        const gx_edge *e = gx_graph_edge(g, order[i].idx);
        int take = keep[order[i].idx] && (used[e->source] < n || used[e->target] < n);
        keep[order[i].idx] = (uint8_t)take;
        if (take) used[e->source]++, used[e->target]++;
    }
    free(order);
    free(used);
}

static uint32_t S_find(uint32_t *up, uint32_t x) {
    while (up[x] != x) x = up[x] = up[up[x]];
    return x;
}

/* Marks in keep_node[] the nodes of the largest connected component over the kept edges. */
static void S_largest(const gx_graph *g, const uint8_t *keep_edge, uint8_t *keep_node) {
    size_t nn = gx_graph_node_count(g);
    uint32_t *up = gx_xmalloc((nn ? nn : 1) * sizeof *up), *size = gx_xcalloc(nn + 1, sizeof *size);
    for (size_t i = 0; i < nn; i++) up[i] = (uint32_t)i;
    for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        if (!keep_edge[i] || !keep_node[e->source] || !keep_node[e->target]) continue;
        uint32_t a = S_find(up, e->source), b = S_find(up, e->target);
        if (a != b) up[a < b ? b : a] = a < b ? a : b; /* the smaller index is the root */
    }
    uint32_t best = UINT32_MAX;
    for (size_t i = 0; i < nn; i++)
        if (keep_node[i]) size[S_find(up, (uint32_t)i)]++;
    for (size_t i = 0; i < nn; i++)
        if (size[i] && (best == UINT32_MAX || size[i] > size[best])) best = (uint32_t)i;
    for (size_t i = 0; i < nn; i++) keep_node[i] = keep_node[i] && S_find(up, (uint32_t)i) == best;
    free(up);
    free(size);
}

typedef struct {
    uint32_t mentions, degree, idx;
} S_rank;

static int S_more_mentioned(const void *pa, const void *pb) {
    const S_rank *a = pa, *b = pb;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    if (a->degree != b->degree) return a->degree > b->degree ? -1 : 1;
    return a->idx < b->idx ? -1 : 1; /* output order is id order */
}

/* Unmarks in keep[] all but the n most mentioned nodes it holds. */
static void S_max_nodes(const gx_graph *g, uint32_t n, uint8_t *keep) {
    size_t nn = gx_graph_node_count(g), k = 0;
    S_rank *r = gx_xmalloc((nn ? nn : 1) * sizeof *r);
    for (size_t i = 0; i < nn; i++)
        if (keep[i]) {
            const gx_node *x = gx_graph_node(g, i);
            r[k++] = (S_rank){x->mentions, x->degree, (uint32_t)i};
        }
    gx_sort(r, k, sizeof *r, S_more_mentioned);
    for (size_t i = n; i < k; i++) keep[r[i].idx] = 0;
    free(r);
}

void gx_prune(gx_graph *g, const gx_prune_opts *o) {
    if (!o->kinds && !o->min_weight && !o->top_edges && !o->largest_component && !o->max_nodes)
        return;
    size_t nn = gx_graph_node_count(g), ne = gx_graph_edge_count(g);
    uint8_t *kn = gx_xmalloc(nn + 1), *ke = gx_xmalloc(ne + 1);
    for (size_t i = 0; i < nn; i++) kn[i] = !o->kinds || (o->kinds >> gx_graph_node(g, i)->kind & 1);
    if (o->max_nodes) S_max_nodes(g, o->max_nodes, kn);
    for (size_t i = 0; i < ne; i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        ke[i] = kn[e->source] && kn[e->target] && (e->relations || e->count >= o->min_weight);
    }
    if (o->top_edges) S_top_edges(g, o->top_edges, ke);
    if (o->largest_component) S_largest(g, ke, kn);
    gx_graph_keep(g, kn, ke);
    free(kn);
    free(ke);
}
