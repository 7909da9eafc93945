/* graph_io.c: an unfinished (partial) graph as text lines and back: what `guanxi map` writes and
 * `guanxi reduce` reads (graph model; see gx_graph.h).
 *
 * One line per record, "KEY<TAB>VALUE", both compact JSON written and parsed by cJSON (which
 * escapes tabs and newlines, so neither appears raw):
 *   ["graph"]                          {"documents","windows","window","evidence"}
 *   ["node",KIND,NAME]                 {"mentions","documents","windows","first_document",
 *                                       "aliases":[...],"evidence":[EV...]}
 *   ["edge",KIND1,NAME1,KIND2,NAME2]   {"count","sentences","documents","relations",
 *                                       "heads":[[n1,n2] per relation],"typed":[EV...],"co":[EV...]}
 * with the two ends of an edge in (kind, name) order, heads[r] counting statements of relation
 * r with end 1 / end 2 as head, and EV = [doc, sentence, start, end, snippet, pattern|null].
 * Strings are written raw (not sanitized) so a round trip is exact. Lines are written sorted by
 * key; reading does not need any order, because merging is order-free (graph_int.h).
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "graph_int.h"

/* ---------------------------------------------------------------- writing */

typedef struct {
    char *key;
    size_t index; /* node index, or n_nodes + edge index */
} S_rec;

static int S_cmp_rec(const void *a, const void *b) {
    return strcmp(((const S_rec *)a)->key, ((const S_rec *)b)->key);
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static cJSON *S_ev_array(const gx_evlist *e) {
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; a && i < e->n; i++) {
        const gx_evidence *v = &e->v[i];
        cJSON *x = cJSON_CreateArray();
        cJSON_AddItemToArray(x, cJSON_CreateString(v->doc));
        cJSON_AddItemToArray(x, cJSON_CreateNumber(v->sentence));
        cJSON_AddItemToArray(x, cJSON_CreateNumber(v->start));
        cJSON_AddItemToArray(x, cJSON_CreateNumber(v->end));
        cJSON_AddItemToArray(x, cJSON_CreateString(v->snippet ? v->snippet : ""));
        cJSON_AddItemToArray(x, v->pattern ? cJSON_CreateString(v->pattern) : cJSON_CreateNull());
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static char *S_node_key(const gx_gnode *n) {
    cJSON *k = cJSON_CreateArray();
    cJSON_AddItemToArray(k, cJSON_CreateString("node"));
    cJSON_AddItemToArray(k, cJSON_CreateString(gx_kind_name(n->pub.kind)));
    cJSON_AddItemToArray(k, cJSON_CreateString(n->label));
    char *s = cJSON_PrintUnformatted(k);
    cJSON_Delete(k);
    return s;
}

/* 1 if node a sorts after node b by (kind, name). */
static int S_after(const gx_gnode *a, const gx_gnode *b) {
    if (a->pub.kind != b->pub.kind) return a->pub.kind > b->pub.kind;
    return strcmp(a->label, b->label) > 0;
}

static char *S_edge_key(const gx_graph *g, const gx_gedge *e) {
    const gx_gnode *a = &g->nodes[e->pub.source], *b = &g->nodes[e->pub.target];
    if (S_after(a, b)) a = &g->nodes[e->pub.target], b = &g->nodes[e->pub.source];
    cJSON *k = cJSON_CreateArray();
    cJSON_AddItemToArray(k, cJSON_CreateString("edge"));
    cJSON_AddItemToArray(k, cJSON_CreateString(gx_kind_name(a->pub.kind)));
    cJSON_AddItemToArray(k, cJSON_CreateString(a->label));
    cJSON_AddItemToArray(k, cJSON_CreateString(gx_kind_name(b->pub.kind)));
    cJSON_AddItemToArray(k, cJSON_CreateString(b->label));
    char *s = cJSON_PrintUnformatted(k);
    cJSON_Delete(k);
    return s;
}

static cJSON *S_node_value(const gx_gnode *n) {
    cJSON *v = cJSON_CreateObject(), *al = cJSON_CreateArray();
    cJSON_AddNumberToObject(v, "mentions", n->pub.mentions);
    cJSON_AddNumberToObject(v, "documents", n->pub.documents);
    cJSON_AddNumberToObject(v, "windows", n->pub.windows);
    if (n->first_doc) cJSON_AddStringToObject(v, "first_document", n->first_doc);
    char **sorted = gx_xmalloc((n->n_aliases ? n->n_aliases : 1) * sizeof *sorted);
    if (n->n_aliases) memcpy(sorted, n->aliases, n->n_aliases * sizeof *sorted);
    gx_sort(sorted, n->n_aliases, sizeof *sorted, S_cmp_str); /* not in arrival order */
    for (uint32_t k = 0; k < n->n_aliases; k++) cJSON_AddItemToArray(al, cJSON_CreateString(sorted[k]));
    free(sorted);
    cJSON_AddItemToObject(v, "aliases", al);
    cJSON_AddItemToObject(v, "evidence", S_ev_array(&n->ev));
    return v;
}

static cJSON *S_edge_value(const gx_graph *g, const gx_gedge *e) {
    int swap = S_after(&g->nodes[e->pub.source], &g->nodes[e->pub.target]);
    cJSON *v = cJSON_CreateObject(), *heads = cJSON_CreateArray();
    cJSON_AddNumberToObject(v, "count", e->pub.count);
    cJSON_AddNumberToObject(v, "sentences", e->pub.sentences);
    cJSON_AddNumberToObject(v, "documents", e->pub.documents);
    cJSON_AddNumberToObject(v, "relations", e->pub.relations);
    for (int r = 0; r < GX_REL_COUNT; r++) {
        int pair[2] = {(int)e->dir[r][swap], (int)e->dir[r][!swap]};
        cJSON_AddItemToArray(heads, cJSON_CreateIntArray(pair, 2));
    }
    cJSON_AddItemToObject(v, "heads", heads);
    cJSON_AddItemToObject(v, "typed", S_ev_array(&e->typed));
    cJSON_AddItemToObject(v, "co", S_ev_array(&e->co));
    return v;
}

/* Prints "key<TAB>value\n" (value freed); returns 0, or -1 on a write or cJSON error. */
static int S_put(FILE *out, const char *key, cJSON *value) {
    char *v = value ? cJSON_PrintUnformatted(value) : NULL;
    cJSON_Delete(value);
    int rc = v && key && fprintf(out, "%s\t%s\n", key, v) > 0 ? 0 : -1;
    free(v);
    return rc;
}

static int S_put_graph(const gx_graph *g, const gx_lines_meta *m, FILE *out) {
    cJSON *v = cJSON_CreateObject();
    cJSON_AddNumberToObject(v, "documents", (double)m->documents);
    cJSON_AddNumberToObject(v, "windows", (double)g->windows);
    cJSON_AddStringToObject(v, "window", m->window);
    cJSON_AddNumberToObject(v, "evidence", g->max_ev);
    return S_put(out, "[\"graph\"]", v); /* the key graph_key in gx_graph_write_lines */
}

gx_status gx_graph_write_lines(const gx_graph *g, const gx_lines_meta *m, FILE *out,
                               const char *name, gx_diag *d) {
    size_t n = g->n_nodes + g->n_edges;
    S_rec *recs = gx_xmalloc((n ? n : 1) * sizeof *recs);
    for (size_t i = 0; i < g->n_nodes; i++) recs[i] = (S_rec){S_node_key(&g->nodes[i]), i};
    for (size_t i = 0; i < g->n_edges; i++)
        recs[g->n_nodes + i] = (S_rec){S_edge_key(g, &g->edges[i]), g->n_nodes + i};
    gx_sort(recs, n, sizeof *recs, S_cmp_rec);
    static const char *const graph_key = "[\"graph\"]";
    int bad = 0, graph_done = 0;
    for (size_t i = 0; i < n; i++) {
        size_t x = recs[i].index;
        if (!graph_done && strcmp(recs[i].key, graph_key) > 0) bad = S_put_graph(g, m, out), graph_done = 1;
        cJSON *v = x < g->n_nodes ? S_node_value(&g->nodes[x])
                                  : S_edge_value(g, &g->edges[x - g->n_nodes]);
        if (!bad) bad = S_put(out, recs[i].key, v);
        else cJSON_Delete(v);
        free(recs[i].key);
    }
    free(recs);
    if (!graph_done && !bad) bad = S_put_graph(g, m, out);
    if (bad || ferror(out)) return gx_diag_error(d, GX_EIO, name, 0, "write error");
    return GX_OK;
}

/* ---------------------------------------------------------------- reading */

typedef struct {
    gx_diag *d;
    const char *file;
    long line;
} S_at;

static gx_status S_bad(const S_at *at, const char *what) {
    return gx_diag_error(at->d, GX_EINPUT, at->file, at->line, "bad partial-graph line: %s", what);
}

/* The unsigned integer member key of o (0 when absent); -1 in *bad if it is not one. */
static uint64_t S_num(const cJSON *o, const char *key, int *bad) {
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!x) return 0;
    if (!cJSON_IsNumber(x) || x->valuedouble < 0 || x->valuedouble > 9007199254740992.0 ||
        x->valuedouble != (double)(uint64_t)x->valuedouble) {
        *bad = 1;
        return 0;
    }
    return (uint64_t)x->valuedouble;
}

static const char *S_str(const cJSON *a, int i) {
    const cJSON *x = cJSON_GetArrayItem(a, i);
    return cJSON_IsString(x) ? x->valuestring : NULL;
}

/* The kind named by item i of a; -1 if none. */
static int S_kind(const cJSON *a, int i) {
    const char *s = S_str(a, i);
    for (int k = 0; s && k < GX_KIND_COUNT; k++)
        if (strcmp(s, gx_kind_name((gx_kind)k)) == 0) return k;
    return -1;
}

/* Parses an EV array into e (strings borrowed from the cJSON tree; e->v allocated). */
static int S_ev_parse(const cJSON *a, gx_evlist *e) {
    int n = cJSON_GetArraySize(a);
    e->n = 0;
    e->v = NULL;
    if (a && !cJSON_IsArray(a)) return -1;
    if (n > GX_MAX_EVIDENCE) return -1;
    e->v = gx_xcalloc(n ? (size_t)n : 1, sizeof *e->v);
    for (int i = 0; i < n; i++) {
        const cJSON *x = cJSON_GetArrayItem(a, i), *pat = cJSON_GetArrayItem(x, 5);
        double num[3];
        for (int k = 0; k < 3; k++) {
            const cJSON *y = cJSON_GetArrayItem(x, k + 1);
            num[k] = cJSON_IsNumber(y) ? y->valuedouble : -1;
            if (num[k] < 0 || num[k] > UINT32_MAX) return -1;
        }
        if (!S_str(x, 0) || !S_str(x, 4) || !(cJSON_IsString(pat) || cJSON_IsNull(pat))) return -1;
        e->v[e->n++] = (gx_evidence){S_str(x, 0), (uint32_t)num[0], (uint32_t)num[1],
                                     (uint32_t)num[2], S_str(x, 4),
                                     cJSON_IsString(pat) ? pat->valuestring : NULL};
    }
    return 0;
}

static gx_status S_read_graph(gx_graph *g, gx_lines_meta *m, const cJSON *v, const S_at *at) {
    int bad = 0;
    uint64_t docs = S_num(v, "documents", &bad), wins = S_num(v, "windows", &bad);
    uint64_t ev = S_num(v, "evidence", &bad);
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(v, "window");
    if (bad || !cJSON_IsString(w) || strlen(w->valuestring) >= sizeof m->window)
        return S_bad(at, "graph record");
    if (m->window[0] && strcmp(m->window, w->valuestring) != 0)
        return gx_diag_error(at->d, GX_EINPUT, at->file, at->line,
                             "partial graphs of different windows (%s and %s): map every shard "
                             "with the same options", m->window, w->valuestring);
    strcpy(m->window, w->valuestring);
    m->documents += docs;
    g->windows += wins;
    if (ev < m->evidence) m->evidence = (uint32_t)ev;
    return GX_OK;
}

static gx_status S_read_node(gx_graph *g, const cJSON *k, const cJSON *v, const S_at *at) {
    int kind = S_kind(k, 1), bad = 0;
    const char *name = S_str(k, 2);
    const cJSON *al = cJSON_GetObjectItemCaseSensitive(v, "aliases");
    const cJSON *fd = cJSON_GetObjectItemCaseSensitive(v, "first_document");
    gx_gnode n = {0};
    n.pub.mentions = (uint32_t)S_num(v, "mentions", &bad);
    n.pub.documents = (uint32_t)S_num(v, "documents", &bad);
    n.pub.windows = (uint32_t)S_num(v, "windows", &bad);
    int n_al = cJSON_GetArraySize(al);
    if (kind < 0 || !name || bad || (al && !cJSON_IsArray(al)) || (fd && !cJSON_IsString(fd)) ||
        n_al > GX_MAX_ALIASES || S_ev_parse(cJSON_GetObjectItemCaseSensitive(v, "evidence"), &n.ev) < 0) {
        free(n.ev.v);
        return S_bad(at, "node record");
    }
    n.pub.kind = (gx_kind)kind;
    n.label = (char *)name;
    n.first_doc = fd ? fd->valuestring : NULL;
    n.aliases = gx_xcalloc(n_al ? (size_t)n_al : 1, sizeof *n.aliases);
    for (int i = 0; i < n_al; i++) {
        const char *s = S_str(al, i);
        if (s) n.aliases[n.n_aliases++] = (char *)s;
    }
    gx_graph_node_merge(g, gx_graph_intern(g, n.pub.kind, name, strlen(name)), &n);
    free(n.aliases);
    free(n.ev.v);
    return GX_OK;
}

static gx_status S_read_edge(gx_graph *g, const cJSON *k, const cJSON *v, const S_at *at) {
    int ka = S_kind(k, 1), kb = S_kind(k, 3), bad = 0;
    const char *a = S_str(k, 2), *b = S_str(k, 4);
    const cJSON *heads = cJSON_GetObjectItemCaseSensitive(v, "heads");
    gx_gedge e = {0};
    e.pub.count = (uint32_t)S_num(v, "count", &bad);
    e.pub.sentences = (uint32_t)S_num(v, "sentences", &bad);
    e.pub.documents = (uint32_t)S_num(v, "documents", &bad);
    e.pub.relations = (uint32_t)S_num(v, "relations", &bad);
    for (int r = 0; r < GX_REL_COUNT && heads; r++)
        for (int i = 0; i < 2; i++) {
            const cJSON *x = cJSON_GetArrayItem(cJSON_GetArrayItem(heads, r), i);
            if (!cJSON_IsNumber(x) || x->valuedouble < 0) bad = 1;
            else e.dir[r][i] = (uint32_t)x->valuedouble;
        }
    int ok = ka >= 0 && kb >= 0 && a && b && !bad && e.pub.relations < (1u << GX_REL_COUNT) &&
             (ka != kb || strcmp(a, b) != 0);
    ok = ok && S_ev_parse(cJSON_GetObjectItemCaseSensitive(v, "typed"), &e.typed) == 0;
    ok = ok && S_ev_parse(cJSON_GetObjectItemCaseSensitive(v, "co"), &e.co) == 0;
    if (ok) {
        uint32_t na = gx_graph_intern(g, (gx_kind)ka, a, strlen(a));
        uint32_t nb = gx_graph_intern(g, (gx_kind)kb, b, strlen(b));
        gx_graph_edge_merge(g, na, nb, &e);
    }
    free(e.typed.v);
    free(e.co.v);
    return ok ? GX_OK : S_bad(at, "edge record");
}

gx_status gx_graph_read_line(gx_graph *g, gx_lines_meta *m, const char *line, size_t len,
                             const char *file, long lineno, gx_diag *d) {
    S_at at = {d, file, lineno};
    const char *tab = memchr(line, '\t', len);
    if (!tab) return S_bad(&at, "no tab between key and value");
    cJSON *k = cJSON_ParseWithLength(line, (size_t)(tab - line));
    cJSON *v = cJSON_ParseWithLength(tab + 1, len - (size_t)(tab + 1 - line));
    const char *what = S_str(k, 0);
    gx_status rc;
    if (!cJSON_IsArray(k) || !cJSON_IsObject(v) || !what) rc = S_bad(&at, "key or value is not JSON");
    else if (strcmp(what, "graph") == 0) rc = S_read_graph(g, m, v, &at);
    else if (strcmp(what, "node") == 0) rc = S_read_node(g, k, v, &at);
    else if (strcmp(what, "edge") == 0) rc = S_read_edge(g, k, v, &at);
    else rc = S_bad(&at, "unknown record");
    cJSON_Delete(k);
    cJSON_Delete(v);
    return rc;
}
