/* graph.c: the graph model every stage builds and every emitter reads (see gx_graph.h).
 *
 * Nodes are interned by (kind, name) in a string map; edges by the node-index pair in a u64 map.
 * Ids are a hash of kind and name, so they are the same in every run and corpus. Evidence is
 * bounded per node and edge (typed and co-mention evidence apart, merged typed-first at finish).
 * finish() sorts nodes by id and edges by endpoint ids: the output never depends on insertion or
 * hash order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gx_graph.h"
#include "gx_hash.h"

typedef struct {
    gx_evidence *v;
    uint32_t n;
} S_evs;

typedef struct {
    gx_node pub;
    char *id, *label, *first_doc, *aliases_joined;
    char **aliases;
    uint32_t n_aliases;
    S_evs ev;
    size_t last_doc;  /* SIZE_MAX: no document yet */
    size_t old_index; /* index before finish() sorted the nodes */
} S_node;

typedef struct {
    gx_edge pub;
    size_t last_doc;
    uint32_t heads[GX_REL_COUNT]; /* head of each directed relation stated */
    S_evs typed, co;
} S_edge;

struct gx_graph {
    S_node *nodes;
    size_t n_nodes, cap_nodes;
    S_edge *edges;
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

static const char *const S_rel_names[GX_REL_COUNT] = {"role", "part_of", "located_in", "partner",
                                                      "uses_program"};

const char *gx_relation_name(gx_relation r) {
    return (unsigned)r < GX_REL_COUNT ? S_rel_names[r] : "unknown";
}

int gx_relation_parse(const char *s, size_t n, gx_relation *out) {
    for (int r = 0; r < GX_REL_COUNT; r++)
        if (strlen(S_rel_names[r]) == n && memcmp(S_rel_names[r], s, n) == 0) {
            *out = (gx_relation)r;
            return 1;
        }
    return 0;
}

gx_graph *gx_graph_new_ev(uint32_t max_evidence) {
    gx_graph *g = gx_xcalloc(1, sizeof *g);
    g->node_index = gx_strmap_new();
    g->edge_index = gx_u64map_new();
    g->docs = gx_strmap_new();
    g->max_ev = max_evidence < GX_MAX_EVIDENCE ? max_evidence : GX_MAX_EVIDENCE;
    return g;
}

gx_graph *gx_graph_new(void) { return gx_graph_new_ev(3); }

static void S_evs_free(S_evs *e) {
    for (uint32_t i = 0; i < e->n; i++) {
        free((char *)e->v[i].snippet);
        free((char *)e->v[i].pattern);
    }
    free(e->v);
}

void gx_graph_free(gx_graph *g) {
    if (!g) return;
    for (size_t i = 0; i < g->n_nodes; i++) {
        S_node *n = &g->nodes[i];
        free(n->id);
        free(n->label);
        free(n->first_doc);
        free(n->aliases_joined);
        for (uint32_t k = 0; k < n->n_aliases; k++) free(n->aliases[k]);
        free(n->aliases);
        S_evs_free(&n->ev);
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        S_evs_free(&g->edges[i].typed);
        S_evs_free(&g->edges[i].co);
    }
    for (size_t i = 0; i < g->n_info; i++) free(g->info[i]);
    for (size_t i = 0; i < g->n_docs; i++) free(g->doc_ids[i]);
    free(g->doc_ids);
    free(g->info);
    free(g->nodes);
    free(g->edges);
    gx_strmap_free(g->node_index);
    gx_u64map_free(g->edge_index);
    gx_strmap_free(g->docs);
    free(g);
}

/* ---------------------------------------------------------------- ids and evidence */

const char *gx_graph_id_of(gx_kind kind, const char *name, size_t len) {
    static _Thread_local char buf[64];
    const char *k = gx_kind_name(kind);
    uint64_t h = gx_fnv1a(GX_FNV_OFFSET, k, strlen(k) + 1);
    h = gx_fnv1a(h, name, len);
    snprintf(buf, sizeof buf, "%s_%016llx", k, (unsigned long long)h);
    return buf;
}

/* The graph's copy of a document id (one copy per document). */
static const char *S_doc(gx_graph *g, const char *doc) {
    uint32_t i = (uint32_t)g->n_docs;
    if (!gx_strmap_put(g->docs, doc, strlen(doc), i, &i)) return g->doc_ids[i];
    gx_grow((void **)&g->doc_ids, &g->cap_docs, g->n_docs + 1, sizeof *g->doc_ids);
    g->doc_ids[g->n_docs++] = gx_xstrdup(doc);
    return g->doc_ids[i];
}

/* Appends a copy of ev to e unless it holds max items already. */
static void S_keep(gx_graph *g, S_evs *e, const gx_evidence *ev) {
    if (!ev || e->n >= g->max_ev) return;
    if (!e->v) e->v = gx_xmalloc(g->max_ev * sizeof *e->v);
    gx_evidence *x = &e->v[e->n++];
    *x = *ev;
    x->doc = S_doc(g, ev->doc);
    x->snippet = gx_xstrdup(ev->snippet ? ev->snippet : "");
    x->pattern = ev->pattern ? gx_xstrdup(ev->pattern) : NULL;
}

/* ---------------------------------------------------------------- building */

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
    n->id = gx_xstrdup(gx_graph_id_of(kind, name, len));
    n->pub.kind = kind;
    n->last_doc = SIZE_MAX;
    return idx;
}

static void S_add_alias(S_node *n, const char *text, size_t len) {
    if (len == strlen(n->label) && memcmp(n->label, text, len) == 0) return;
    for (uint32_t k = 0; k < n->n_aliases; k++)
        if (strlen(n->aliases[k]) == len && memcmp(n->aliases[k], text, len) == 0) return;
    if (n->n_aliases >= GX_MAX_ALIASES) return;
    n->aliases = gx_xrealloc(n->aliases, (n->n_aliases + 1) * sizeof *n->aliases);
    n->aliases[n->n_aliases++] = gx_xstrndup(text, len);
}

void gx_graph_add_mention(gx_graph *g, uint32_t node, size_t doc_seq, const char *doc,
                          const char *text, size_t len, const gx_evidence *ev) {
    S_node *n = &g->nodes[node];
    n->pub.mentions++;
    if (n->last_doc != doc_seq) {
        n->last_doc = doc_seq;
        n->pub.documents++;
        if (!n->first_doc && doc) n->first_doc = gx_xstrdup(doc);
    }
    if (text) S_add_alias(n, text, len);
    S_keep(g, &n->ev, ev);
}

void gx_graph_add_node_window(gx_graph *g, uint32_t node) { g->nodes[node].pub.windows++; }

void gx_graph_set_evidence_hook(gx_graph *g, gx_evidence_hook hook, void *ctx) {
    g->hook = hook;
    g->hook_ctx = ctx;
}

static void S_hook(gx_graph *g, uint32_t a, uint32_t b, const char *rel, const gx_evidence *ev) {
    if (g->hook && ev) g->hook(g->hook_ctx, g->nodes[a].id, g->nodes[b].id, rel, ev);
}

int gx_graph_node_wants(const gx_graph *g, uint32_t node) {
    return g->nodes[node].ev.n < g->max_ev;
}

int gx_graph_pair_wants(const gx_graph *g, uint32_t a, uint32_t b) {
    uint32_t i;
    if (g->hook) return 1;
    if (g->max_ev == 0) return 0;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    return !gx_u64map_get(g->edge_index, (uint64_t)a << 32 | b, &i) || g->edges[i].co.n < g->max_ev;
}
void gx_graph_add_windows(gx_graph *g, uint64_t n) { g->windows += n; }

/* The edge of a and b, created if needed. */
static S_edge *S_edge_of(gx_graph *g, uint32_t a, uint32_t b) {
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uint64_t key = (uint64_t)a << 32 | b;
    uint32_t idx = (uint32_t)g->n_edges, found;
    if (!gx_u64map_put(g->edge_index, key, idx, &found)) return &g->edges[found];
    gx_grow((void **)&g->edges, &g->cap_edges, g->n_edges + 1, sizeof *g->edges);
    S_edge *e = &g->edges[g->n_edges++];
    memset(e, 0, sizeof *e);
    e->pub.source = a;
    e->pub.target = b;
    e->pub.head = UINT32_MAX;
    for (int r = 0; r < GX_REL_COUNT; r++) e->heads[r] = UINT32_MAX;
    e->last_doc = SIZE_MAX;
    return e;
}

static void S_count_doc(S_edge *e, size_t doc_seq) {
    if (e->last_doc != doc_seq) {
        e->last_doc = doc_seq;
        e->pub.documents++;
    }
}

void gx_graph_add_pair(gx_graph *g, uint32_t a, uint32_t b, size_t doc_seq, int sentence,
                       const gx_evidence *ev) {
    if (a == b) return;
    S_edge *e = S_edge_of(g, a, b);
    e->pub.count++;
    e->pub.sentences += sentence != 0;
    S_count_doc(e, doc_seq);
    S_keep(g, &e->co, ev);
    S_hook(g, a, b, "co_mention", ev);
}

void gx_graph_add_shared_sentence(gx_graph *g, uint32_t a, uint32_t b) {
    if (a != b) S_edge_of(g, a, b)->pub.sentences++;
}

void gx_graph_add_relation(gx_graph *g, gx_relation rel, uint32_t head, uint32_t tail,
                           size_t doc_seq, const gx_evidence *ev) {
    if (head == tail || (unsigned)rel >= GX_REL_COUNT) return;
    S_edge *e = S_edge_of(g, head, tail);
    if (!(e->pub.relations & (1u << rel))) e->heads[rel] = head;
    e->pub.relations |= 1u << rel;
    S_count_doc(e, doc_seq);
    S_keep(g, &e->typed, ev);
    S_hook(g, head, tail, S_rel_names[rel], ev);
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

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
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

/* Sorted, '|'-joined aliases of n. */
static char *S_join_aliases(S_node *n) {
    size_t len = 1;
    gx_sort(n->aliases, n->n_aliases, sizeof *n->aliases, S_cmp_str);
    for (uint32_t k = 0; k < n->n_aliases; k++) len += strlen(n->aliases[k]) + 1;
    char *s = gx_xmalloc(len), *p = s;
    for (uint32_t k = 0; k < n->n_aliases; k++)
        p += sprintf(p, "%s%s", k ? "|" : "", n->aliases[k]);
    *p = '\0';
    return s;
}

/* Association measures of e over N windows (pmi = ln(c N / (na nb)), npmi = pmi / -ln(c / N),
 * jaccard = c / (na + nb - c), dice = 2c / (na + nb)); 0 where undefined, always finite. */
static void S_measures(const gx_graph *g, gx_edge *e) {
    double c = e->count, n = (double)g->windows;
    double na = g->nodes[e->source].pub.windows, nb = g->nodes[e->target].pub.windows;
    e->pmi = e->npmi = e->jaccard = e->dice = 0;
    if (c <= 0 || n <= 0 || na <= 0 || nb <= 0) return;
    e->pmi = log(c * n / (na * nb));
    e->npmi = c >= n ? 1.0 : e->pmi / -log(c / n);
    e->jaccard = na + nb - c > 0 ? c / (na + nb - c) : 0;
    e->dice = 2 * c / (na + nb);
    /* six decimals are plenty and keep the files readable (and equal in all three formats) */
    e->pmi = round(e->pmi * 1e6) / 1e6;
    e->npmi = round(e->npmi * 1e6) / 1e6;
    e->jaccard = round(e->jaccard * 1e6) / 1e6;
    e->dice = round(e->dice * 1e6) / 1e6;
}

/* Typed evidence first, then co-mentions, at most max items. */
static void S_merge_evidence(gx_graph *g, S_edge *e) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < e->co.n; i++) {
        if (e->typed.n + k >= g->max_ev) {
            free((char *)e->co.v[i].snippet);
            free((char *)e->co.v[i].pattern);
            continue;
        }
        if (!e->typed.v) e->typed.v = gx_xmalloc(g->max_ev * sizeof *e->typed.v);
        e->typed.v[e->typed.n + k++] = e->co.v[i];
    }
    e->typed.n += k;
    free(e->co.v);
    e->co = (S_evs){NULL, 0};
    e->pub.evidence = e->typed.v;
    e->pub.n_evidence = e->typed.n;
}

/* Heads, degrees, measures and public pointers, once nodes and edges are in output order. */
static void S_publish(gx_graph *g) {
    for (size_t i = 0; i < g->n_nodes; i++) {
        S_node *n = &g->nodes[i];
        n->pub.id = n->id;
        n->pub.label = n->label;
        n->pub.first_doc = n->first_doc ? n->first_doc : "";
        n->pub.aliases = n->aliases_joined ? n->aliases_joined : "";
        n->pub.evidence = n->ev.v;
        n->pub.n_evidence = n->ev.n;
        n->pub.degree = 0;
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        gx_edge *e = &g->edges[i].pub;
        g->nodes[e->source].pub.degree++;
        g->nodes[e->target].pub.degree++;
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
        g->nodes[i].aliases_joined = S_join_aliases(&g->nodes[i]);
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        S_edge *s = &g->edges[i];
        gx_edge *e = &s->pub;
        uint32_t a = newpos[e->source], b = newpos[e->target];
        e->source = a < b ? a : b;
        e->target = a < b ? b : a;
        for (int r = 0; r < GX_REL_COUNT && e->head == UINT32_MAX; r++)
            if (r != GX_REL_PARTNER && s->heads[r] != UINT32_MAX) e->head = newpos[s->heads[r]];
        S_merge_evidence(g, s);
    }
    free(newpos);
    gx_sort(g->edges, g->n_edges, sizeof *g->edges, S_cmp_edge);
    S_publish(g);
    for (size_t i = 0; i < g->n_edges; i++) S_measures(g, &g->edges[i].pub);
}

void gx_graph_keep(gx_graph *g, const uint8_t *keep_node, const uint8_t *keep_edge) {
    uint32_t *newpos = gx_xmalloc((g->n_nodes ? g->n_nodes : 1) * sizeof *newpos);
    size_t k = 0;
    for (size_t i = 0; i < g->n_nodes; i++) {
        if (keep_node[i]) {
            newpos[i] = (uint32_t)k;
            g->nodes[k++] = g->nodes[i];
            continue;
        }
        newpos[i] = UINT32_MAX;
        S_node *n = &g->nodes[i];
        free(n->id), free(n->label), free(n->first_doc), free(n->aliases_joined);
        for (uint32_t a = 0; a < n->n_aliases; a++) free(n->aliases[a]);
        free(n->aliases);
        S_evs_free(&n->ev);
    }
    g->n_nodes = k;
    k = 0;
    for (size_t i = 0; i < g->n_edges; i++) {
        S_edge *e = &g->edges[i];
        uint32_t a = newpos[e->pub.source], b = newpos[e->pub.target];
        if (!keep_edge[i] || a == UINT32_MAX || b == UINT32_MAX) {
            S_evs_free(&e->typed);
            continue;
        }
        e->pub.source = a;
        e->pub.target = b;
        if (e->pub.head != UINT32_MAX) e->pub.head = newpos[e->pub.head];
        g->edges[k++] = *e;
    }
    g->n_edges = k;
    free(newpos);
    S_publish(g);
}

size_t gx_graph_node_count(const gx_graph *g) { return g->n_nodes; }
size_t gx_graph_edge_count(const gx_graph *g) { return g->n_edges; }

const gx_node *gx_graph_node(const gx_graph *g, size_t i) {
    S_node *n = &g->nodes[i];
    n->pub.id = n->id;
    n->pub.label = n->label;
    if (!n->pub.aliases) n->pub.aliases = "";
    if (!n->pub.first_doc) n->pub.first_doc = n->first_doc ? n->first_doc : "";
    return &n->pub;
}

const gx_edge *gx_graph_edge(const gx_graph *g, size_t i) { return &g->edges[i].pub; }
size_t gx_graph_info_count(const gx_graph *g) { return g->n_info / 2; }

void gx_graph_info(const gx_graph *g, size_t i, const char **out_key, const char **out_value) {
    *out_key = g->info[2 * i];
    *out_value = g->info[2 * i + 1];
}

char *gx_edge_relation_text(const gx_edge *e, char *buf, size_t cap) {
    size_t n = 0;
    buf[0] = '\0';
    for (int r = 0; r < GX_REL_COUNT; r++)
        if (e->relations & (1u << r))
            n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%s", n ? "|" : "", S_rel_names[r]);
    if (e->count > 0 || n == 0)
        snprintf(buf + n, n < cap ? cap - n : 0, "%sco_mention", n ? "|" : "");
    return buf;
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

static int S_finite(double v) { return v == v && v - v == 0; }

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
        if ((e->count == 0 && e->relations == 0) || e->documents == 0 ||
            (e->relations == 0 && e->documents > e->count))
            S_BAD("edge %zu: bad counts %u/%u\n", i, e->count, e->documents);
        if (e->head != UINT32_MAX && e->head != e->source && e->head != e->target)
            S_BAD("edge %zu: head is not an end\n", i);
        if (!S_finite(e->pmi) || !S_finite(e->npmi) || !S_finite(e->jaccard) || !S_finite(e->dice))
            S_BAD("edge %zu: measure not finite\n", i);
    }
#undef S_BAD
    return bad;
}
