/* test_emit.c: unit tests for the emit stage (pipeline/emit*.c): GraphML, DOT and JSON written
 * from a hand-built graph with hostile names, then read back with the libraries the consumers
 * use (libxml2, cgraph, cJSON); the cross-emitter id check; gx_emit_files and gx_format_parse.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "gx_emit.h"
#include "harness.h"

#define ELLIPSIS "\xE2\x80\xA6"

/* Names that break naive writers. Columns: kind, name bytes (may hold NUL-free invalid UTF-8). */
static const struct {
    gx_kind kind;
    const char *name;
} S_names[] = {
    {GX_KIND_ORG, "中国科学院"},
    {GX_KIND_PERSON, "& < > \" ' \\"},
    {GX_KIND_PLACE, "trail\\"},
    {GX_KIND_PROGRAM, "line1\nline2"},
    {GX_KIND_ORG, "\xF0\x9F\x98\x80表情"},
    {GX_KIND_PERSON, "ctl\x01x\x7F\xC2\x85y"},
    {GX_KIND_PLACE, "bad\xFF\xFE utf\xE4\xB8"},
    {GX_KIND_ORG, "北京\r\n大学"},
    {GX_KIND_PROGRAM, "\\N literal"},
    {GX_KIND_PERSON, "<b>not html</b>"},
};
#define S_NNAMES (sizeof S_names / sizeof S_names[0])

/* The hostile graph: a ring over S_names, one pair counted in two documents, graph info. */
static gx_graph *S_graph(void) {
    gx_graph *g = gx_graph_new();
    uint32_t ids[S_NNAMES];
    for (size_t i = 0; i < S_NNAMES; i++) {
        ids[i] = gx_graph_intern(g, S_names[i].kind, S_names[i].name, strlen(S_names[i].name));
        gx_graph_add_mention(g, ids[i], 0, "d", NULL, 0, NULL);
    }
    for (size_t i = 0; i < S_NNAMES; i++)
        gx_graph_add_pair(g, ids[i], ids[(i + 1) % S_NNAMES], 0, 1, NULL);
    gx_graph_add_mention(g, ids[0], 1, "d", NULL, 0, NULL);
    gx_graph_add_mention(g, ids[1], 1, "d", NULL, 0, NULL);
    gx_graph_add_pair(g, ids[0], ids[1], 1, 1, NULL);
    gx_graph_add_pair(g, ids[0], ids[1], 1, 1, NULL);
    gx_graph_set_info(g, "generator", "guanxi test");
    gx_graph_set_info(g, "note", "tab\there\x01, cr\r\n");
    gx_graph_finish(g);
    return g;
}

/* The node whose original name is name (NULL if none). */
/* The node named name; its label is name sanitized (the graph sanitizes what it stores). */
static const gx_node *S_find(const gx_graph *g, const char *name) {
    char *want = gx_sanitize(name, strlen(name), NULL);
    const gx_node *n = NULL;
    for (size_t i = 0; i < gx_graph_node_count(g) && !n; i++)
        if (strcmp(gx_graph_node(g, i)->label, want) == 0) n = gx_graph_node(g, i);
    free(want);
    return n;
}

typedef gx_status (*S_emitter)(const gx_graph *, FILE *, const char *, gx_diag *);

/* Emits g with fn into a malloc'ed NUL-terminated buffer (caller frees). */
static char *S_emit_mem(S_emitter fn, const gx_graph *g, size_t *out_len, gx_status *out_st) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    gx_diag *d = gx_diag_new(stderr);
    *out_st = fn(g, f, "mem", d);
    fclose(f);
    gx_diag_free(d);
    *out_len = len;
    return buf;
}

/* Sorted list of strings, to compare id sets across formats. */
typedef struct {
    char **v;
    size_t n;
} S_set;

static void S_set_add(S_set *s, const char *a, const char *b, const char *c) {
    s->v = gx_xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    size_t n = strlen(a) + strlen(b) + strlen(c) + 3;
    s->v[s->n] = gx_xmalloc(n);
    snprintf(s->v[s->n++], n, "%s|%s|%s", a, b, c);
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_set_equal(S_set *a, S_set *b) {
    qsort(a->v, a->n, sizeof *a->v, S_cmp_str);
    qsort(b->v, b->n, sizeof *b->v, S_cmp_str);
    if (a->n != b->n) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0) return 0;
    return 1;
}

static void S_set_free(S_set *s) {
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

/* ---------------------------------------------------------------- GraphML */

static int S_is(xmlNodePtr x, const char *name) {
    return x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

/* Text of the <data key=key> child of x (caller frees with xmlFree), NULL if absent. */
static xmlChar *S_xml_data(xmlNodePtr x, const char *key) {
    for (xmlNodePtr c = x->children; c; c = c->next) {
        if (!S_is(c, "data")) continue;
        xmlChar *k = xmlGetProp(c, (const xmlChar *)"key");
        int hit = k && strcmp((const char *)k, key) == 0;
        xmlFree(k);
        if (hit) return xmlNodeGetContent(c);
    }
    return NULL;
}

/* Checks the node element x against node n of g. */
static void S_check_xml_node(xmlNodePtr x, const gx_node *n) {
    char *want = gx_sanitize(n->label, strlen(n->label), NULL);
    xmlChar *label = S_xml_data(x, "v_label"), *name = S_xml_data(x, "v_name");
    xmlChar *kind = S_xml_data(x, "v_kind"), *mentions = S_xml_data(x, "v_mentions");
    eq_str((const char *)label, want, "graphml: label round-trips sanitized");
    eq_str((const char *)name, want, "graphml: name == label");
    eq_str((const char *)kind, gx_kind_name(n->kind), "graphml: kind");
    ok(mentions && strtoul((const char *)mentions, NULL, 10) == n->mentions, "graphml: mentions");
    xmlFree(label);
    xmlFree(name);
    xmlFree(kind);
    xmlFree(mentions);
    free(want);
}

/* Walks the <graph> element: counts, per-node checks, ids into nodes / edges. */
static void S_walk_graphml(xmlNodePtr graph, const gx_graph *g, S_set *nodes, S_set *edges) {
    size_t nn = 0, ne = 0, empty = 0;
    int node_after_edge = 0;
    for (xmlNodePtr c = graph->children; c; c = c->next) {
        if (S_is(c, "node")) {
            xmlChar *id = xmlGetProp(c, (const xmlChar *)"id");
            if (ne) node_after_edge = 1;
            if (nn < gx_graph_node_count(g)) {
                eq_str((const char *)id, gx_graph_node(g, nn)->id, "graphml: node order");
                S_check_xml_node(c, gx_graph_node(g, nn));
            }
            S_set_add(nodes, (const char *)id, "", "");
            xmlFree(id);
            nn++;
        } else if (S_is(c, "edge")) {
            xmlChar *id = xmlGetProp(c, (const xmlChar *)"id");
            xmlChar *s = xmlGetProp(c, (const xmlChar *)"source");
            xmlChar *t = xmlGetProp(c, (const xmlChar *)"target");
            S_set_add(edges, (const char *)id, (const char *)s, (const char *)t);
            xmlFree(id);
            xmlFree(s);
            xmlFree(t);
            ne++;
        }
        for (xmlNodePtr dd = c->children; dd; dd = dd->next)
            if (S_is(dd, "data") && !dd->children) empty++;
    }
    eq_int(nn, gx_graph_node_count(g), "graphml: node count");
    eq_int(ne, gx_graph_edge_count(g), "graphml: edge count");
    ok(!node_after_edge, "graphml: all nodes before edges");
    eq_int(empty, 0, "graphml: no empty <data>");
}

static void test_graphml(const gx_graph *g, int hostile, S_set *nodes, S_set *edges) {
    size_t len;
    gx_status st;
    char *buf = S_emit_mem(gx_emit_graphml, g, &len, &st);
    eq_int(st, GX_OK, "graphml: status");
    ok(strncmp(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0,
       "graphml: declaration");
    ok(strstr(buf, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"") != NULL,
       "graphml: ns");
    ok(strstr(buf,
              "\n  <key id=\"v_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>") !=
           NULL,
       "graphml: 2-space indent, key form");
    if (hostile)
        ok(strstr(buf, "<data key=\"e_weight\">3</data>") != NULL, "graphml: weight written as 3");
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, "mem.graphml", NULL, XML_PARSE_NONET);
    ok(doc != NULL, "graphml: well-formed");
    if (doc) {
        xmlNodePtr root = xmlDocGetRootElement(doc), graph = NULL;
        ok(root && root->ns &&
               strcmp((const char *)root->ns->href, "http://graphml.graphdrawing.org/xmlns") == 0,
           "graphml: default namespace");
        int keys_after_graph = 0;
        for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
            if (S_is(c, "graph"))
                graph = c;
            else if (S_is(c, "key") && graph)
                keys_after_graph = 1;
        }
        ok(graph != NULL && !keys_after_graph, "graphml: keys then one graph");
        if (graph && hostile) {
            xmlChar *note = S_xml_data(graph, "g_note");
            eq_str((const char *)note, "tab\there, cr\n", "graphml: graph info sanitized");
            xmlFree(note);
        }
        if (graph) S_walk_graphml(graph, g, nodes, edges);
        xmlFreeDoc(doc);
    }
    free(buf);
}

/* ---------------------------------------------------------------- JSON */

static const char *S_json_str(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double S_json_num(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static void S_check_json_nodes(const cJSON *nodes, const gx_graph *g, S_set *ids) {
    eq_int(cJSON_GetArraySize(nodes), gx_graph_node_count(g), "json: node count");
    size_t i = 0;
    for (const cJSON *n = nodes ? nodes->child : NULL; n; n = n->next, i++) {
        const gx_node *gn = gx_graph_node(g, i < gx_graph_node_count(g) ? i : 0);
        char *want = gx_sanitize(gn->label, strlen(gn->label), NULL);
        eq_str(S_json_str(n, "id"), gn->id, "json: node id in order");
        eq_str(S_json_str(n, "label"), want, "json: label sanitized");
        eq_str(S_json_str(n, "name"), want, "json: name == label");
        eq_str(S_json_str(n, "kind"), gx_kind_name(gn->kind), "json: kind");
        ok(S_json_num(n, "mentions") == gn->mentions, "json: mentions");
        ok(S_json_num(n, "documents") == gn->documents, "json: documents");
        S_set_add(ids, S_json_str(n, "id") ? S_json_str(n, "id") : "?", "", "");
        free(want);
    }
}

static void S_check_json_links(const cJSON *links, const gx_graph *g, S_set *nodes, S_set *edges) {
    eq_int(cJSON_GetArraySize(links), gx_graph_edge_count(g), "json: link count");
    size_t dangling = 0, i = 0;
    for (const cJSON *l = links ? links->child : NULL; l; l = l->next, i++) {
        const char *s = S_json_str(l, "source"), *t = S_json_str(l, "target");
        const char *id = S_json_str(l, "id");
        char want_id[32];
        snprintf(want_id, sizeof want_id, "e%zu", i);
        eq_str(id, want_id, "json: link ids e0..eN");
        for (const char *end = s;; end = t) {
            int found = 0;
            for (size_t k = 0; end && k < nodes->n; k++)
                if (strncmp(nodes->v[k], end, strlen(end)) == 0 && nodes->v[k][strlen(end)] == '|')
                    found = 1;
            if (!found) dangling++;
            if (end == t) break;
        }
        ok(S_json_num(l, "weight") == S_json_num(l, "count") && S_json_num(l, "count") >= 1,
           "json: weight == count");
        eq_str(S_json_str(l, "relation"), "co_mention", "json: relation");
        S_set_add(edges, id ? id : "?", s ? s : "?", t ? t : "?");
    }
    eq_int(dangling, 0, "json: every source/target is a node id");
}

static void test_json(const gx_graph *g, int hostile, S_set *nodes, S_set *edges) {
    size_t len;
    gx_status st;
    char *buf = S_emit_mem(gx_emit_json, g, &len, &st);
    eq_int(st, GX_OK, "json: status");
    ok(len > 0 && buf[len - 1] == '\n', "json: ends with a newline");
    ok(strstr(buf, "null") == NULL && strstr(buf, "nan") == NULL, "json: no null / NaN");
    cJSON *root = cJSON_Parse(buf);
    ok(root != NULL, "json: parses");
    if (root) {
        ok(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(root, "directed")), "json: directed");
        ok(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(root, "multigraph")), "json: multigraph");
        const cJSON *info = cJSON_GetObjectItemCaseSensitive(root, "graph");
        ok(cJSON_IsObject(info), "json: graph object");
        if (hostile) {
            eq_str(S_json_str(info, "generator"), "guanxi test", "json: graph info");
            eq_str(S_json_str(info, "note"), "tab\there, cr\n", "json: graph info sanitized");
        }
        S_check_json_nodes(cJSON_GetObjectItemCaseSensitive(root, "nodes"), g, nodes);
        S_check_json_links(cJSON_GetObjectItemCaseSensitive(root, "links"), g, nodes, edges);
        cJSON_Delete(root);
    }
    free(buf);
}

/* ---------------------------------------------------------------- DOT */

static void S_check_dot_label(Agraph_t *ag, const gx_graph *g, const char *name, const char *want) {
    const gx_node *n = S_find(g, name);
    Agnode_t *an = n ? agnode(ag, (char *)n->id, 0) : NULL;
    ok(an != NULL, "dot: node found by id");
    if (an) eq_str(agget(an, "label"), want, "dot: label reads back escaped");
}

/* The escaped labels and the edge attributes of the hostile graph, read back. */
static void S_check_dot_hostile(Agraph_t *ag, const gx_graph *g) {
    S_check_dot_label(ag, g, "trail\\", "trail\\\\");
    S_check_dot_label(ag, g, "& < > \" ' \\", "& < > \" ' \\\\");
    S_check_dot_label(ag, g, "line1\nline2", "line1\\nline2");
    S_check_dot_label(ag, g, "\\N literal", "\\\\N literal");
    S_check_dot_label(ag, g, "北京\r\n大学", "北京\\n大学");
    S_check_dot_label(ag, g, "ctl\x01x\x7F\xC2\x85y", "ctlxy");
    S_check_dot_label(ag, g, "<b>not html</b>", "<b>not html</b>");
    Agnode_t *n0 = agfstnode(ag);
    Agedge_t *e = n0 ? agfstedge(ag, n0) : NULL;
    ok(e && atoi(agget(e, "weight")) >= 1, "dot: integer layout weight >= 1");
    ok(e && strcmp(agget(e, "w"), agget(e, "count")) == 0, "dot: w == count");
    ok(e && strchr(agget(e, "penwidth"), '.'), "dot: penwidth");
    eq_str(e ? agnameof(e) : NULL, "e0", "dot: first edge is named e0");
    eq_str(agget(n0, "style"), "filled", "dot: node style default");
    eq_str(agget(n0, "kind"), gx_kind_name(gx_graph_node(g, 0)->kind), "dot: kind");
}

static void test_dot(const gx_graph *g, int hostile) {
    size_t len;
    gx_status st;
    char *buf = S_emit_mem(gx_emit_dot, g, &len, &st);
    eq_int(st, GX_OK, "dot: status");
    ok(strncmp(buf, "graph kg {", 10) == 0, "dot: undirected graph kg");
    ok(strstr(buf, "\x01") == NULL && strstr(buf, "\r") == NULL, "dot: no controls");
    Agraph_t *ag = agmemread(buf);
    ok(ag != NULL, "dot: parses");
    if (ag) {
        eq_int(agnnodes(ag), gx_graph_node_count(g), "dot: node count");
        eq_int(agnedges(ag), gx_graph_edge_count(g), "dot: edge count");
        eq_str(agget(ag, "layout"), "sfdp", "dot: layout");
        eq_str(agget(ag, "charset"), "UTF-8", "dot: charset");
        eq_str(agget(ag, "fontname"), "Noto Sans CJK SC", "dot: fontname");
        if (hostile) S_check_dot_hostile(ag, g);
        agclose(ag);
    }
    free(buf);
}

/* A label far over 16000 bytes is cut at a code point in DOT only. */
static void test_dot_long_label(void) {
    size_t n = 9000;
    char *name = gx_xmalloc(2 * n + 4);
    for (size_t i = 0; i < n; i++)
        memcpy(name + 2 * i, i % 2 ? "\\\\" : "\xC3\xA9", 2);
    name[2 * n - 1] = '\0'; /* odd count of bytes: ends in a backslash */
    gx_graph *g = gx_graph_new();
    uint32_t a = gx_graph_intern(g, GX_KIND_ORG, name, strlen(name));
    uint32_t b = gx_graph_intern(g, GX_KIND_PLACE, "x", 1);
    gx_graph_add_pair(g, a, b, 0, 1, NULL);
    gx_graph_finish(g);
    size_t len;
    gx_status st;
    char *buf = S_emit_mem(gx_emit_dot, g, &len, &st);
    eq_int(st, GX_OK, "long dot: status");
    Agraph_t *ag = agmemread(buf);
    ok(ag != NULL, "long dot: parses");
    const gx_node *nd = S_find(g, name);
    Agnode_t *an = ag && nd ? agnode(ag, (char *)nd->id, 0) : NULL;
    const char *label = an ? agget(an, "label") : "";
    size_t ll = strlen(label);
    ok(ll <= 16000 && ll > 15000, "long dot: label cut below 16000 bytes");
    ok(ll >= 3 && strcmp(label + ll - 3, ELLIPSIS) == 0, "long dot: ends with an ellipsis");
    size_t bs = 0;
    while (bs < ll - 3 && label[ll - 4 - bs] == '\\')
        bs++;
    eq_int(bs % 2, 0, "long dot: no escape cut in half");
    if (ag) agclose(ag);
    free(buf);
    buf = S_emit_mem(gx_emit_json, g, &len, &st);
    cJSON *root = cJSON_Parse(buf);
    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(root, "nodes");
    int full = 0;
    for (const cJSON *o = nodes ? nodes->child : NULL; o; o = o->next)
        if (S_json_str(o, "label") && strcmp(S_json_str(o, "label"), name) == 0) full = 1;
    ok(full, "long json: full label kept");
    cJSON_Delete(root);
    free(buf);
    gx_graph_free(g);
    free(name);
}

/* ---------------------------------------------------------------- all formats */

static void test_cross_and_determinism(const gx_graph *g) {
    S_set xn = {0}, xe = {0}, jn = {0}, je = {0};
    test_graphml(g, 1, &xn, &xe);
    test_json(g, 1, &jn, &je);
    ok(S_set_equal(&xn, &jn), "cross: GraphML and JSON node ids equal");
    ok(S_set_equal(&xe, &je), "cross: GraphML and JSON edge (id, source, target) equal");
    S_set_free(&xn);
    S_set_free(&xe);
    S_set_free(&jn);
    S_set_free(&je);
    S_emitter fns[] = {gx_emit_graphml, gx_emit_dot, gx_emit_json};
    for (size_t i = 0; i < 3; i++) {
        size_t l1, l2;
        gx_status s1, s2;
        char *a = S_emit_mem(fns[i], g, &l1, &s1), *b = S_emit_mem(fns[i], g, &l2, &s2);
        ok(l1 == l2 && memcmp(a, b, l1) == 0, "byte-identical on a second run");
        free(a);
        free(b);
    }
}

/* Each emitter reports a write error (GX_EIO) on a full device. */
static void test_write_error(const gx_graph *g) {
    S_emitter fns[] = {gx_emit_graphml, gx_emit_dot, gx_emit_json};
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen("/dev/full", "w");
        if (!f) return;
        gx_diag *d = gx_diag_new(NULL);
        eq_int(fns[i](g, f, "/dev/full", d), GX_EIO, "write error -> GX_EIO");
        ok(gx_diag_errors(d) == 1, "write error: one message");
        fclose(f);
        gx_diag_free(d);
    }
}

static void test_empty_graph(void) {
    /* Not finished: gx_graph_finish() on an empty graph calls qsort(NULL, 0, ...), which UBSan
     * rejects (a graph.c issue); an empty graph has no order to fix anyway. */
    gx_graph *g = gx_graph_new();
    S_set xn = {0}, xe = {0}, jn = {0}, je = {0};
    test_graphml(g, 0, &xn, &xe);
    test_json(g, 0, &jn, &je);
    test_dot(g, 0);
    eq_int(xn.n + xe.n + jn.n + je.n, 0, "empty graph: nothing in GraphML or JSON");
    S_set_free(&xn);
    S_set_free(&xe);
    S_set_free(&jn);
    S_set_free(&je);
    gx_graph_free(g);
}

/* ---------------------------------------------------------------- files */

/* Names in dir (excluding . and ..), joined by spaces, sorted; caller frees. */
static char *S_listdir(const char *dir) {
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    char *out = gx_xcalloc(1, 1024);
    for (int i = 0; i < n; i++) {
        if (strcmp(ents[i]->d_name, ".") && strcmp(ents[i]->d_name, "..")) {
            if (*out) strcat(out, " ");
            strncat(out, ents[i]->d_name, 1000 - strlen(out));
        }
        free(ents[i]);
    }
    if (n >= 0) free(ents);
    return out;
}

static char *S_slurp(const char *path, size_t *out_len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int c;
    while (f && (c = fgetc(f)) != EOF)
        fputc(c, m);
    if (f) fclose(f);
    fclose(m);
    *out_len = len;
    return buf;
}

static void S_rm_rf(const char *path) {
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", path);
}

static void test_files(const gx_graph *g) {
    char root[] = "/tmp/gx_test_emit.XXXXXX";
    if (!mkdtemp(root)) {
        ok(0, "mkdtemp");
        return;
    }
    char dir[256], want[1024];
    snprintf(dir, sizeof dir, "%s/out/nested/", root);
    gx_diag *d = gx_diag_new(stderr);
    char *written = NULL;
    eq_int(gx_emit_files(g, dir, GX_FORMAT_ALL, 3, d, &written), GX_OK, "files: status");
    snprintf(want, sizeof want,
             "%s/out/nested/graph.graphml, %s/out/nested/graph.dot, "
             "%s/out/nested/graph.json",
             root, root, root);
    eq_str(written, want, "files: written list");
    free(written);
    char *names = S_listdir(dir);
    eq_str(names, "graph.dot graph.graphml graph.json", "files: three files, no temporaries");
    free(names);
    char path[512];
    snprintf(path, sizeof path, "%sgraph.json", dir);
    struct stat sb;
    ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0644, "files: mode 0666 & ~umask, not 0600");
    size_t fl, ml;
    gx_status st;
    char *file = S_slurp(path, &fl), *mem = S_emit_mem(gx_emit_json, g, &ml, &st);
    ok(fl == ml && memcmp(file, mem, fl) == 0, "files: graph.json == emitted JSON");
    free(file);
    free(mem);

    /* Only JSON, into a folder that already exists. */
    snprintf(dir, sizeof dir, "%s/one", root);
    mkdir(dir, 0777);
    eq_int(gx_emit_files(g, dir, GX_FORMAT_JSON, 1, d, NULL), GX_OK, "files: json only");
    names = S_listdir(dir);
    eq_str(names, "graph.json", "files: only graph.json");
    free(names);

    /* A folder under a regular file cannot be created: error, nothing left behind. */
    snprintf(path, sizeof path, "%s/plain", root);
    FILE *f = fopen(path, "w");
    if (f) fclose(f);
    snprintf(dir, sizeof dir, "%s/plain/sub", root);
    gx_diag *quiet = gx_diag_new(NULL);
    written = NULL;
    eq_int(gx_emit_files(g, dir, GX_FORMAT_ALL, 2, quiet, &written), GX_EIO, "files: bad dir fails");
    ok(gx_diag_errors(quiet) == 1, "files: bad dir reported once");
    ok(written == NULL || *written == '\0', "files: nothing reported written");
    free(written);
    names = S_listdir(root);
    eq_str(names, "one out plain", "files: nothing created beside plain");
    free(names);
    ok(stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0, "files: plain untouched");
    gx_emit_cleanup_temps(); /* nothing open: a no-op */
    gx_diag_free(quiet);
    gx_diag_free(d);
    S_rm_rf(root);
}

/* ---------------------------------------------------------------- format lists */

static void test_format_parse(void) {
    static const struct {
        const char *list;
        int ok;
        unsigned bits;
    } cases[] = {
        {"graphml", 1, GX_FORMAT_GRAPHML},
        {"dot", 1, GX_FORMAT_DOT},
        {"json", 1, GX_FORMAT_JSON},
        {"graphml,json", 1, GX_FORMAT_GRAPHML | GX_FORMAT_JSON},
        {"json,dot,graphml", 1, GX_FORMAT_ALL},
        {"json,json", 1, GX_FORMAT_JSON},
        {"all", 1, GX_FORMAT_ALL},
        {"", 0, 0},
        {",", 0, 0},
        {"json,", 0, 0},
        {",json", 0, 0},
        {"graphml,,json", 0, 0},
        {"JSON", 0, 0},
        {" json", 0, 0},
        {"xml", 0, 0},
        {"jso", 0, 0},
        {"jsonx", 0, 0},
        {"json,bogus", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned out = 99;
        eq_int(gx_format_parse(cases[i].list, &out), cases[i].ok, cases[i].list);
        eq_int(out, cases[i].ok ? cases[i].bits : 99, cases[i].list);
    }
}

/* cJSON's way to print a number (print_number in cJSON.c), which gx_emit_number must match. */
static void S_cjson_number(double v, char *buf, size_t cap) {
    if (v == (double)(int)v && fabs(v) < 2147483647.0) snprintf(buf, cap, "%d", (int)v);
    else {
        snprintf(buf, cap, "%1.15g", v);
        if (strtod(buf, NULL) != v) snprintf(buf, cap, "%1.17g", v);
    }
}

/* gx_emit_number writes the bytes cJSON writes: measures rounded to 6 decimals (its fast path),
 * at the edges of that path (1e-4, 1e9), and arbitrary doubles. */
static void test_numbers(void) {
    static const double fixed[] = {0.5, -0.5, 11.211523, 0.000100, 0.0001, 0.00009, 99999.999999,
                                   999999999.999999, 1e9, 1e9 + 0.5, 123456.7, -3.000001,
                                   1.0 / 3, 2.0 / 3, 1e-7, 6.02e23, -2147483648.0, 2147483647.0,
                                   4294967296.0, 0.1 + 0.2};
    char got[64], want[64];
    size_t bad = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        gx_emit_number(fixed[i], got, sizeof got);
        S_cjson_number(fixed[i], want, sizeof want);
        if (strcmp(got, want) != 0 && bad++ < 5) fprintf(stderr, "  %s vs %s\n", got, want);
    }
    unsigned long long r = 88172645463325252ull;
    for (int i = 0; i < 300000; i++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17; /* xorshift64 */
        double v = i % 3 == 0 ? round((double)(r % 2000000000000ull) - 1e12) / 1e6
                 : i % 3 == 1 ? round((double)(r % 20000000)) / 1e6 * ((r >> 40) % 2 ? 1 : -1)
                              : (double)(r >> 11) / (double)(1ull << 53) * pow(10, (double)(r % 40) - 20);
        gx_emit_number(v, got, sizeof got);
        S_cjson_number(v, want, sizeof want);
        if (strcmp(got, want) != 0 && bad++ < 5) fprintf(stderr, "  %s vs %s\n", got, want);
    }
    eq_int(bad, 0, "gx_emit_number writes cJSON's bytes (fixed and 300,000 random numbers)");
    gx_emit_number(0.123457, got, 4);
    eq_str(got, "0.1", "gx_emit_number cuts at cap");
}

int main(void) {
    umask(022);
    test_numbers();
    gx_graph *g = S_graph();
    eq_int(gx_graph_check(g, stderr), 0, "test graph is valid");
    test_cross_and_determinism(g);
    test_dot(g, 1);
    test_dot_long_label();
    test_write_error(g);
    test_empty_graph();
    test_files(g);
    test_format_parse();
    gx_graph_free(g);
    xmlCleanupParser();
    return gx_test_done();
}
