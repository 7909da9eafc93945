/* graph.c: the graph model every stage builds and every emitter reads (see gx_graph.h).
 *
 * Nodes are interned by (kind, name) in a string map; edges by the node-index pair in a u64 map.
 * Ids are a hash of kind and name, so they are the same in every run and corpus. Evidence is
 * bounded per node and edge (typed and co-mention evidence apart, merged typed-first at finish).
 * finish() sorts nodes by id and edges by endpoint ids: the output never depends on insertion or
 * hash order. Every string the graph stores is sanitized on the way in (gx_sanitize), so the
 * emitters write them as they are.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "graph_int.h"

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

static void gx_evlist_free(gx_evlist *e) {
    for (uint32_t i = 0; i < e->n; i++) {
        free((char *)e->v[i].snippet);
        free((char *)e->v[i].pattern);
    }
    free(e->v);
}

void gx_graph_free(gx_graph *g) {
    if (!g) return;
    for (size_t i = 0; i < g->n_nodes; i++) {
        gx_gnode *n = &g->nodes[i];
        free(n->id);
        free(n->label);
        free(n->first_doc);
        free(n->aliases_joined);
        for (uint32_t k = 0; k < n->n_aliases; k++) free(n->aliases[k]);
        free(n->aliases);
        gx_evlist_free(&n->ev);
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        gx_evlist_free(&g->edges[i].typed);
        gx_evlist_free(&g->edges[i].co);
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
    g->doc_ids[g->n_docs++] = gx_sanitize(doc, strlen(doc), NULL);
    return g->doc_ids[i];
}

static int S_strcmp0(const char *a, const char *b) {
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

int gx_graph_ev_cmp(const gx_evidence *a, const gx_evidence *b) {
    int c = a->doc == b->doc ? 0 : strcmp(a->doc, b->doc);
    if (c) return c;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    if ((c = S_strcmp0(a->pattern, b->pattern)) != 0) return c;
    if ((c = S_strcmp0(a->snippet, b->snippet)) != 0) return c;
    return a->sentence < b->sentence ? -1 : a->sentence > b->sentence;
}

void gx_graph_ev_keep(gx_graph *g, gx_evlist *e, const gx_evidence *ev) {
    if (!ev || g->max_ev == 0) return;
    if (e->n >= g->max_ev) {
        if (gx_graph_ev_cmp(ev, &e->v[e->n - 1]) >= 0) return;
        e->n--;
        free((char *)e->v[e->n].snippet);
        free((char *)e->v[e->n].pattern);
    }
    if (!e->v) e->v = gx_xmalloc(g->max_ev * sizeof *e->v);
    uint32_t at = e->n;
    while (at > 0 && gx_graph_ev_cmp(ev, &e->v[at - 1]) < 0) at--;
    memmove(&e->v[at + 1], &e->v[at], (e->n - at) * sizeof *e->v);
    e->n++;
    gx_evidence *x = &e->v[at];
    *x = *ev;
    x->doc = S_doc(g, ev->doc);
    x->snippet = ev->snippet ? gx_sanitize(ev->snippet, strlen(ev->snippet), NULL) : gx_xstrdup("");
    x->pattern = ev->pattern ? gx_sanitize(ev->pattern, strlen(ev->pattern), NULL) : NULL;
}

/* 1 if an item of document doc starting at start could still enter e (more evidence wanted). */
static int S_ev_wants(const gx_graph *g, const gx_evlist *e, const char *doc, uint32_t start) {
    if (e->n < g->max_ev) return 1;
    if (g->max_ev == 0) return 0;
    const gx_evidence *w = &e->v[e->n - 1];
    int c = strcmp(doc, w->doc);
    return c < 0 || (c == 0 && start <= w->start);
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
    gx_gnode *n = &g->nodes[g->n_nodes++];
    memset(n, 0, sizeof *n);
    n->label = gx_sanitize(name, len, NULL);
    n->id = gx_xstrdup(gx_graph_id_of(kind, name, len));
    n->pub.kind = kind;
    n->last_doc = SIZE_MAX;
    return idx;
}

void gx_graph_alias_add(gx_gnode *n, const char *text, size_t len) {
    if (!gx_clean(text, len)) {
        size_t clen;
        char *clean = gx_sanitize(text, len, &clen);
        gx_graph_alias_add(n, clean, clen);
        free(clean);
        return;
    }
    if (len == strlen(n->label) && memcmp(n->label, text, len) == 0) return;
    uint32_t most = 0;
    for (uint32_t k = 0; k < n->n_aliases; k++) {
        if (strlen(n->aliases[k]) == len && memcmp(n->aliases[k], text, len) == 0) return;
        if (strcmp(n->aliases[k], n->aliases[most]) > 0) most = k;
    }
    char *copy = gx_xstrndup(text, len);
    if (n->n_aliases >= GX_MAX_ALIASES) {
        if (strcmp(copy, n->aliases[most]) >= 0) {
            free(copy);
            return;
        }
        free(n->aliases[most]);
        n->aliases[most] = copy;
        return;
    }
    n->aliases = gx_xrealloc(n->aliases, (n->n_aliases + 1) * sizeof *n->aliases);
    n->aliases[n->n_aliases++] = copy;
}

void gx_graph_first_doc(gx_gnode *n, const char *doc) {
    char *own;
    doc = gx_sanitized(doc, &own);
    if (!n->first_doc || strcmp(doc, n->first_doc) < 0) {
        free(n->first_doc);
        n->first_doc = gx_xstrdup(doc);
    }
    free(own);
}

void gx_graph_add_mention(gx_graph *g, uint32_t node, size_t doc_seq, const char *doc,
                          const char *text, size_t len, const gx_evidence *ev) {
    gx_gnode *n = &g->nodes[node];
    n->pub.mentions++;
    if (n->last_doc != doc_seq) {
        n->last_doc = doc_seq;
        n->pub.documents++;
        if (doc) gx_graph_first_doc(n, doc);
    }
    if (text) gx_graph_alias_add(n, text, len);
    gx_graph_ev_keep(g, &n->ev, ev);
}

void gx_graph_add_node_window(gx_graph *g, uint32_t node) { g->nodes[node].pub.windows++; }

void gx_graph_set_evidence_hook(gx_graph *g, gx_evidence_hook hook, void *ctx) {
    g->hook = hook;
    g->hook_ctx = ctx;
}

static void S_hook(gx_graph *g, uint32_t a, uint32_t b, const char *rel, const gx_evidence *ev) {
    if (g->hook && ev) g->hook(g->hook_ctx, g->nodes[a].id, g->nodes[b].id, rel, ev);
}

int gx_graph_node_wants(const gx_graph *g, uint32_t node, const char *doc, uint32_t start) {
    return S_ev_wants(g, &g->nodes[node].ev, doc, start);
}

int gx_graph_pair_wants(const gx_graph *g, uint32_t a, uint32_t b, const char *doc,
                        uint32_t start) {
    uint32_t i;
    if (g->hook) return 1;
    if (g->max_ev == 0) return 0;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    return !gx_u64map_get(g->edge_index, (uint64_t)a << 32 | b, &i) ||
           S_ev_wants(g, &g->edges[i].co, doc, start);
}

void gx_graph_add_windows(gx_graph *g, uint64_t n) { g->windows += n; }

gx_gedge *gx_graph_edge_of(gx_graph *g, uint32_t a, uint32_t b) {
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uint64_t key = (uint64_t)a << 32 | b;
    uint32_t idx = (uint32_t)g->n_edges, found;
    if (!gx_u64map_put(g->edge_index, key, idx, &found)) return &g->edges[found];
    gx_grow((void **)&g->edges, &g->cap_edges, g->n_edges + 1, sizeof *g->edges);
    gx_gedge *e = &g->edges[g->n_edges++];
    memset(e, 0, sizeof *e);
    e->pub.source = a;
    e->pub.target = b;
    e->pub.head = UINT32_MAX;
    e->last_doc = SIZE_MAX;
    return e;
}

static void S_count_doc(gx_gedge *e, size_t doc_seq) {
    if (e->last_doc != doc_seq) {
        e->last_doc = doc_seq;
        e->pub.documents++;
    }
}

void gx_graph_add_pair(gx_graph *g, uint32_t a, uint32_t b, size_t doc_seq, int sentence,
                       const gx_evidence *ev) {
    if (a == b) return;
    gx_gedge *e = gx_graph_edge_of(g, a, b);
    e->pub.count++;
    e->pub.sentences += sentence != 0;
    S_count_doc(e, doc_seq);
    gx_graph_ev_keep(g, &e->co, ev);
    S_hook(g, a, b, "co_mention", ev);
}

void gx_graph_add_shared_sentence(gx_graph *g, uint32_t a, uint32_t b) {
    if (a != b) gx_graph_edge_of(g, a, b)->pub.sentences++;
}

void gx_graph_add_relation(gx_graph *g, gx_relation rel, uint32_t head, uint32_t tail,
                           size_t doc_seq, const gx_evidence *ev) {
    if (head == tail || (unsigned)rel >= GX_REL_COUNT) return;
    gx_gedge *e = gx_graph_edge_of(g, head, tail);
    e->dir[rel][head != e->pub.source]++;
    e->pub.relations |= 1u << rel;
    S_count_doc(e, doc_seq);
    gx_graph_ev_keep(g, &e->typed, ev);
    S_hook(g, head, tail, S_rel_names[rel], ev);
}

void gx_graph_set_info(gx_graph *g, const char *key, const char *value) {
    for (size_t i = 0; i < g->n_info; i += 2) {
        if (strcmp(g->info[i], key) == 0) {
            free(g->info[i + 1]);
            g->info[i + 1] = gx_sanitize(value, strlen(value), NULL);
            return;
        }
    }
    gx_grow((void **)&g->info, &g->cap_info, g->n_info + 2, sizeof *g->info);
    g->info[g->n_info++] = gx_xstrdup(key);
    g->info[g->n_info++] = gx_sanitize(value, strlen(value), NULL);
}

/* ---------------------------------------------------------------- finish: sort and freeze */

static int S_cmp_node(const void *pa, const void *pb) {
    const gx_gnode *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    return c ? c : strcmp(a->label, b->label);
}

static int S_cmp_edge(const void *pa, const void *pb) {
    const gx_gedge *a = pa, *b = pb;
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
static char *S_join_aliases(gx_gnode *n) {
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
static void S_merge_evidence(gx_graph *g, gx_gedge *e) {
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
    e->co = (gx_evlist){NULL, 0};
    e->pub.evidence = e->typed.v;
    e->pub.n_evidence = e->typed.n;
}

/* Heads, degrees, measures and public pointers, once nodes and edges are in output order. */
static void S_publish(gx_graph *g) {
    for (size_t i = 0; i < g->n_nodes; i++) {
        gx_gnode *n = &g->nodes[i];
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

/* The head of e's first directed relation (in gx_relation order) as a new node index: the end
 * it is stated for most often, on a tie the one whose id sorts first (a, b: new indices of the
 * old source and target). UINT32_MAX if e has no directed relation. */
static uint32_t S_head(const gx_gedge *e, uint32_t a, uint32_t b) {
    for (int r = 0; r < GX_REL_COUNT; r++) {
        const uint32_t *d = e->dir[r];
        if (r == GX_REL_PARTNER || d[0] + d[1] == 0) continue;
        if (d[0] != d[1]) return d[0] > d[1] ? a : b;
        return a < b ? a : b;
    }
    return UINT32_MAX;
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
        gx_gedge *s = &g->edges[i];
        gx_edge *e = &s->pub;
        uint32_t a = newpos[e->source], b = newpos[e->target];
        e->source = a < b ? a : b;
        e->target = a < b ? b : a;
        e->head = S_head(s, a, b);
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
        gx_gnode *n = &g->nodes[i];
        free(n->id), free(n->label), free(n->first_doc), free(n->aliases_joined);
        for (uint32_t a = 0; a < n->n_aliases; a++) free(n->aliases[a]);
        free(n->aliases);
        gx_evlist_free(&n->ev);
    }
    g->n_nodes = k;
    k = 0;
    for (size_t i = 0; i < g->n_edges; i++) {
        gx_gedge *e = &g->edges[i];
        uint32_t a = newpos[e->pub.source], b = newpos[e->pub.target];
        if (!keep_edge[i] || a == UINT32_MAX || b == UINT32_MAX) {
            gx_evlist_free(&e->typed);
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
    gx_gnode *n = &g->nodes[i];
    if (g->finished) return &n->pub; /* published by finish: read-only, safe from threads */
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

static int S_clean0(const char *s) { return !s || gx_clean(s, strlen(s)); }

/* The number of evidence items of e whose strings are not sanitized. */
static size_t S_unclean_ev(const gx_evlist *e) {
    size_t bad = 0;
    for (uint32_t i = 0; i < e->n; i++)
        bad += !S_clean0(e->v[i].doc) || !S_clean0(e->v[i].snippet) || !S_clean0(e->v[i].pattern);
    return bad;
}

/* The number of strings of node n that are not sanitized. */
static size_t S_unclean_node(const gx_gnode *n) {
    size_t bad = !S_clean0(n->label) + !S_clean0(n->first_doc) + !S_clean0(n->aliases_joined);
    for (uint32_t k = 0; k < n->n_aliases; k++) bad += !S_clean0(n->aliases[k]);
    return bad + S_unclean_ev(&n->ev);
}

size_t gx_graph_check(const gx_graph *g, FILE *err) {
    size_t bad = 0;
#define S_BAD(...)                                                                                 \
    do {                                                                                           \
        bad++;                                                                                     \
        if (err) fprintf(err, "gx_graph_check: " __VA_ARGS__);                                    \
    } while (0)
    for (size_t i = 0; i < g->n_nodes; i++) {
        const gx_gnode *n = &g->nodes[i];
        if (!S_id_ok(n->id)) S_BAD("node %zu: bad id '%s'\n", i, n->id);
        if ((unsigned)n->pub.kind >= GX_KIND_COUNT) S_BAD("node %zu: bad kind\n", i);
        if (g->finished && i && strcmp(g->nodes[i - 1].id, n->id) >= 0)
            S_BAD("node %zu: ids not strictly increasing\n", i);
        if (S_unclean_node(n)) S_BAD("node %zu: a string is not sanitized\n", i);
    }
    for (size_t i = 0; i < g->n_info; i++)
        if (!S_clean0(g->info[i])) S_BAD("info %zu: not sanitized\n", i);
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
        if (S_unclean_ev(&g->edges[i].typed) || S_unclean_ev(&g->edges[i].co))
            S_BAD("edge %zu: evidence not sanitized\n", i);
    }
#undef S_BAD
    return bad;
}
