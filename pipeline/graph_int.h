/* graph_int.h: the graph model's private records, shared by graph.c (building, finishing),
 * graph_merge.c (adding one partial graph to another) and graph_io.c (partial graphs as
 * map/reduce lines). Nothing outside graph*.c includes it.
 *
 * Everything a partial graph holds is an aggregate that does not depend on the order documents
 * arrive in, so partial graphs of any split of a corpus merge into the same graph: counts add,
 * the first document is the least id, evidence is the least items by value (gx_graph_ev_cmp),
 * aliases beyond the limit are the least strings, and a relation's head is the end it is stated
 * for most often.
 */
#ifndef GX_GRAPH_INT_H
#define GX_GRAPH_INT_H

#include "gx_graph.h"
#include "gx_hash.h"

typedef struct {
    gx_evidence *v; /* sorted by gx_graph_ev_cmp; strings owned, doc interned in the graph */
    uint32_t n;
} gx_evlist;

typedef struct {
    gx_node pub;
    char *id, *label, *first_doc, *aliases_joined;
    char **aliases;
    uint32_t n_aliases;
    gx_evlist ev;
    size_t last_doc;  /* sequence number of the last document counted; SIZE_MAX: none */
    size_t old_index; /* index before finish() sorted the nodes */
} gx_gnode;

typedef struct {
    gx_edge pub;
    size_t last_doc;
    uint32_t dir[GX_REL_COUNT][2]; /* statements with pub.source [0] / pub.target [1] as head */
    gx_evlist typed, co;
} gx_gedge;

struct gx_graph {
    gx_gnode *nodes;
    size_t n_nodes, cap_nodes;
    gx_gedge *edges;
    size_t n_edges, cap_edges;
    gx_strmap *node_index; /* kind byte + name -> node index */
    gx_u64map *edge_index; /* (min << 32 | max) node indices -> edge index */
    gx_strmap *docs;       /* document ids shared by evidence items */
    char **doc_ids;
    size_t n_docs, cap_docs;
    char **info; /* key, value, key, value, ... */
    size_t n_info, cap_info;
    uint64_t windows;
    uint32_t max_ev;
    gx_evidence_hook hook;
    void *hook_ctx;
    int finished;
};

/* Orders evidence by value: document id, start, end, pattern (co-mention first), snippet,
 * sentence. Ties are equal items. */
int gx_graph_ev_cmp(const gx_evidence *a, const gx_evidence *b);

/* Adds a copy of ev to e if it is among the graph's max_ev least items (the item it pushes out
 * is freed). */
void gx_graph_ev_keep(gx_graph *g, gx_evlist *e, const gx_evidence *ev);

/* Adds alias text[0..len) to n unless it is its label or present; beyond GX_MAX_ALIASES the
 * least strings are kept. */
void gx_graph_alias_add(gx_gnode *n, const char *text, size_t len);

/* Keeps doc as n's first document if it is the least id seen. */
void gx_graph_first_doc(gx_gnode *n, const char *doc);

/* The edge of nodes a and b, created if needed. */
gx_gedge *gx_graph_edge_of(gx_graph *g, uint32_t a, uint32_t b);

/* Adds the counts, aliases and evidence of node sn to node at of g (same kind and name). */
void gx_graph_node_merge(gx_graph *g, uint32_t at, const gx_gnode *sn);

/* Adds the counts, relations and evidence of edge se (whose source and target are a and b in
 * g) to the edge of a and b in g. */
void gx_graph_edge_merge(gx_graph *g, uint32_t a, uint32_t b, const gx_gedge *se);

#endif
