/* graph.c: the graph model every stage builds and every emitter reads (see gx_graph.h).
 *
 * Nodes are interned by (kind, name) in a string map; edges by the node-index pair in a u64 map.
 * Ids are a hash of kind and name, so they are the same in every run and corpus. finish() sorts
 * nodes by id and edges by endpoint ids: the output never depends on insertion or hash order.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_graph.h"
#include "gx_hash.h"

typedef struct {
    gx_node pub;
    char *id, *label;
    size_t last_doc; /* SIZE_MAX: no document yet */
    size_t old_index; /* index before finish() sorted the nodes */
} S_node;

typedef struct {
    gx_edge pub;
    size_t last_doc;
} S_edge;

struct gx_graph {
    S_node *nodes;
    size_t n_nodes, cap_nodes;
    S_edge *edges;
    size_t n_edges, cap_edges;
    gx_strmap *node_index; /* kind byte + name -> node index */
    gx_u64map *edge_index; /* (min << 32 | max) node indices -> edge index */
    char **info;           /* key, value, key, value, ... */
    size_t n_info, cap_info;
    int finished;
};

gx_graph *gx_graph_new(void) {
    gx_graph *g = gx_xcalloc(1, sizeof *g);
    g->node_index = gx_strmap_new();
    g->edge_index = gx_u64map_new();
    return g;
}

void gx_graph_free(gx_graph *g) {
    if (!g) return;
    for (size_t i = 0; i < g->n_nodes; i++) {
        free(g->nodes[i].id);
        free(g->nodes[i].label);
    }
    for (size_t i = 0; i < g->n_info; i++) free(g->info[i]);
    free(g->info);
    free(g->nodes);
    free(g->edges);
    gx_strmap_free(g->node_index);
    gx_u64map_free(g->edge_index);
    free(g);
}

/* "<kind>_<16 hex>" from FNV-1a over kind name, a NUL and the name. */
static char *S_make_id(gx_kind kind, const char *name, size_t len) {
    const char *k = gx_kind_name(kind);
    uint64_t h = gx_fnv1a(GX_FNV_OFFSET, k, strlen(k) + 1);
    h = gx_fnv1a(h, name, len);
    char buf[64];
    snprintf(buf, sizeof buf, "%s_%016llx", k, (unsigned long long)h);
    return gx_xstrdup(buf);
}

uint32_t gx_graph_intern(gx_graph *g, gx_kind kind, const char *name, size_t len) {
    char stackkey[256];
    char *key = len + 1 <= sizeof stackkey ? stackkey : gx_xmalloc(len + 1);
    key[0] = (char)('0' + kind);
    memcpy(key + 1, name, len);
    uint32_t idx = (uint32_t)g->n_nodes, found;
    if (!gx_strmap_put(g->node_index, key, len + 1, idx, &found)) idx = found;
    if (key != stackkey) free(key);
    if (idx != g->n_nodes) return idx;
    gx_grow((void **)&g->nodes, &g->cap_nodes, g->n_nodes + 1, sizeof *g->nodes);
    S_node *n = &g->nodes[g->n_nodes++];
    memset(n, 0, sizeof *n);
    n->label = gx_xstrndup(name, len);
    n->id = S_make_id(kind, name, len);
    n->pub.kind = kind;
    n->last_doc = SIZE_MAX;
    return idx;
}

void gx_graph_add_mention(gx_graph *g, uint32_t node, size_t doc_seq) {
    S_node *n = &g->nodes[node];
    n->pub.mentions++;
    if (n->last_doc != doc_seq) {
        n->last_doc = doc_seq;
        n->pub.documents++;
    }
}

void gx_graph_add_pair(gx_graph *g, uint32_t a, uint32_t b, size_t doc_seq) {
    if (a == b) return;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uint64_t key = (uint64_t)a << 32 | b;
    uint32_t idx = (uint32_t)g->n_edges, found;
    if (!gx_u64map_put(g->edge_index, key, idx, &found)) idx = found;
    if (idx == g->n_edges) {
        gx_grow((void **)&g->edges, &g->cap_edges, g->n_edges + 1, sizeof *g->edges);
        S_edge *e = &g->edges[g->n_edges++];
        memset(e, 0, sizeof *e);
        e->pub.source = a;
        e->pub.target = b;
        e->pub.relation = "co_mention";
        e->last_doc = SIZE_MAX;
    }
    S_edge *e = &g->edges[idx];
    e->pub.count++;
    if (e->last_doc != doc_seq) {
        e->last_doc = doc_seq;
        e->pub.documents++;
    }
}

void gx_graph_set_info(gx_graph *g, const char *key, const char *value) {
    for (size_t i = 0; i < g->n_info; i += 2) {
        if (strcmp(g->info[i], key) == 0) {
            free(g->info[i + 1]);
            g->info[i + 1] = gx_xstrdup(value);
            return;
        }
    }
    gx_grow((void **)&g->info, &g->cap_info, g->n_info + 2, sizeof *g->info);
    g->info[g->n_info++] = gx_xstrdup(key);
    g->info[g->n_info++] = gx_xstrdup(value);
}

/* ---------------------------------------------------------------- finish: sort and freeze */

static int S_cmp_node(const void *pa, const void *pb) {
    const S_node *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    return c ? c : strcmp(a->label, b->label);
}

static int S_cmp_edge(const void *pa, const void *pb) {
    const S_edge *a = pa, *b = pb;
    if (a->pub.source != b->pub.source) return a->pub.source < b->pub.source ? -1 : 1;
    if (a->pub.target != b->pub.target) return a->pub.target < b->pub.target ? -1 : 1;
    return 0;
}

/* Two names whose hashes collide get "_2", "_3"... in label order, so ids stay unique. */
static void S_dedupe_ids(gx_graph *g) {
    for (size_t i = 1, run = 1; i < g->n_nodes; i++) {
        if (strcmp(g->nodes[i].id, g->nodes[i - run].id) != 0) {
            run = 1;
            continue;
        }
        char *old = g->nodes[i].id;
        size_t n = strlen(old) + 24;
        g->nodes[i].id = gx_xmalloc(n);
        snprintf(g->nodes[i].id, n, "%s_%zu", old, ++run);
        free(old);
    }
}

void gx_graph_finish(gx_graph *g) {
    if (g->finished) return;
    g->finished = 1;
    for (size_t i = 0; i < g->n_nodes; i++) g->nodes[i].old_index = i;
    gx_sort(g->nodes, g->n_nodes, sizeof *g->nodes, S_cmp_node);
    S_dedupe_ids(g);
    uint32_t *newpos = gx_xmalloc((g->n_nodes ? g->n_nodes : 1) * sizeof *newpos);
    for (size_t i = 0; i < g->n_nodes; i++) {
        newpos[g->nodes[i].old_index] = (uint32_t)i;
        g->nodes[i].pub.id = g->nodes[i].id;
        g->nodes[i].pub.label = g->nodes[i].label;
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        gx_edge *e = &g->edges[i].pub;
        uint32_t a = newpos[e->source], b = newpos[e->target];
        e->source = a < b ? a : b;
        e->target = a < b ? b : a;
    }
    free(newpos);
    gx_sort(g->edges, g->n_edges, sizeof *g->edges, S_cmp_edge);
}

size_t gx_graph_node_count(const gx_graph *g) { return g->n_nodes; }
size_t gx_graph_edge_count(const gx_graph *g) { return g->n_edges; }

const gx_node *gx_graph_node(const gx_graph *g, size_t i) {
    S_node *n = &g->nodes[i];
    n->pub.id = n->id;
    n->pub.label = n->label;
    return &n->pub;
}

const gx_edge *gx_graph_edge(const gx_graph *g, size_t i) { return &g->edges[i].pub; }
size_t gx_graph_info_count(const gx_graph *g) { return g->n_info / 2; }

void gx_graph_info(const gx_graph *g, size_t i, const char **out_key, const char **out_value) {
    *out_key = g->info[2 * i];
    *out_value = g->info[2 * i + 1];
}

/* ---------------------------------------------------------------- invariants */

static int S_id_ok(const char *s) {
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_')) return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

size_t gx_graph_check(const gx_graph *g, FILE *err) {
    size_t bad = 0;
#define S_BAD(...)                                                                                 \
    do {                                                                                           \
        bad++;                                                                                     \
        if (err) fprintf(err, "gx_graph_check: " __VA_ARGS__);                                    \
    } while (0)
    for (size_t i = 0; i < g->n_nodes; i++) {
        const S_node *n = &g->nodes[i];
        if (!S_id_ok(n->id)) S_BAD("node %zu: bad id '%s'\n", i, n->id);
        if ((unsigned)n->pub.kind >= GX_KIND_COUNT) S_BAD("node %zu: bad kind\n", i);
        if (g->finished && i && strcmp(g->nodes[i - 1].id, n->id) >= 0)
            S_BAD("node %zu: ids not strictly increasing\n", i);
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        const gx_edge *e = &g->edges[i].pub;
        if (e->source >= g->n_nodes || e->target >= g->n_nodes) {
            S_BAD("edge %zu: endpoint out of range\n", i);
            continue;
        }
        if (e->source == e->target) S_BAD("edge %zu: self loop\n", i);
        if (g->finished && e->source > e->target) S_BAD("edge %zu: endpoints not ordered\n", i);
        if (g->finished && i && S_cmp_edge(&g->edges[i - 1], &g->edges[i]) >= 0)
            S_BAD("edge %zu: edges not sorted or parallel\n", i);
        if (e->count == 0 || e->documents == 0 || e->documents > e->count)
            S_BAD("edge %zu: bad counts %u/%u\n", i, e->count, e->documents);
    }
#undef S_BAD
    return bad;
}
