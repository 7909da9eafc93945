/* test_graph.c: the graph model (pipeline/graph.c): interning by (kind, name), stable ids that do
 * not depend on insertion order or on the rest of the graph, per-document counting, the order
 * after gx_graph_finish, graph attributes, and gx_graph_check (good graphs pass, broken ones
 * are reported). */
#include <stdlib.h>
#include <string.h>
#include "gx_graph.h"
#include "harness.h"

/* The id the header promises: "<kind>_<16 hex>" of FNV-1a 64 over kind name, NUL, name. */
static void S_expected_id(gx_kind kind, const char *name, char *out, size_t cap) {
    uint64_t h = 0xcbf29ce484222325ULL;
    const char *k = gx_kind_name(kind);
    for (size_t i = 0; i <= strlen(k); i++)
        h = (h ^ (uint8_t)k[i]) * 0x100000001b3ULL;
    for (size_t i = 0; name[i]; i++)
        h = (h ^ (uint8_t)name[i]) * 0x100000001b3ULL;
    snprintf(out, cap, "%s_%016llx", k, (unsigned long long)h);
}

static uint32_t S_in(gx_graph *g, gx_kind k, const char *name) {
    return gx_graph_intern(g, k, name, strlen(name));
}

/* Index of the node labelled name with kind k after finish, or SIZE_MAX. */
static size_t S_find(const gx_graph *g, gx_kind k, const char *name) {
    for (size_t i = 0; i < gx_graph_node_count(g); i++) {
        const gx_node *n = gx_graph_node(g, i);
        if (n->kind == k && strcmp(n->label, name) == 0) return i;
    }
    return SIZE_MAX;
}

/* The edge between the nodes labelled a and b (either order), or NULL. */
static const gx_edge *S_edge(const gx_graph *g, const char *a, const char *b) {
    for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        const char *s = gx_graph_node(g, e->source)->label, *t = gx_graph_node(g, e->target)->label;
        if ((strcmp(s, a) == 0 && strcmp(t, b) == 0) || (strcmp(s, b) == 0 && strcmp(t, a) == 0))
            return e;
    }
    return NULL;
}

/* Nodes sorted by id, edges by (source, target) with source < target. */
static int S_sorted(const gx_graph *g) {
    for (size_t i = 1; i < gx_graph_node_count(g); i++)
        if (strcmp(gx_graph_node(g, i - 1)->id, gx_graph_node(g, i)->id) >= 0) return 0;
    for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        if (e->source >= e->target) return 0;
        if (i) {
            const gx_edge *p = gx_graph_edge(g, i - 1);
            if (p->source > e->source || (p->source == e->source && p->target >= e->target))
                return 0;
        }
    }
    return 1;
}

static const struct {
    gx_kind kind;
    const char *name;
} S_names[] = {
    {GX_KIND_PERSON, "张三"},      {GX_KIND_PLACE, "北京"}, {GX_KIND_ORG, "清华大学"},
    {GX_KIND_PROGRAM, "三会一课"}, {GX_KIND_PLACE, "张三"}, {GX_KIND_ORG, "A&B <x>"},
};
#define S_N (sizeof S_names / sizeof *S_names)

/* Builds a graph from S_names interned in forward or reverse order, with a ring of pairs. */
static gx_graph *S_build(int reverse) {
    gx_graph *g = gx_graph_new();
    uint32_t idx[S_N];
    for (size_t j = 0; j < S_N; j++) {
        size_t i = reverse ? S_N - 1 - j : j;
        idx[i] = S_in(g, S_names[i].kind, S_names[i].name);
        gx_graph_add_mention(g, idx[i], 0, "d", NULL, 0, NULL);
    }
    for (size_t j = 0; j < S_N; j++) {
        size_t i = reverse ? S_N - 1 - j : j;
        gx_graph_add_pair(g, idx[i], idx[(i + 1) % S_N], 0, 1, NULL);
    }
    gx_graph_finish(g);
    return g;
}

static void test_intern(void) {
    gx_graph *g = gx_graph_new();
    uint32_t a = S_in(g, GX_KIND_PERSON, "张三");
    eq_int(a, 0, "first node is index 0");
    eq_int(S_in(g, GX_KIND_PERSON, "张三"), a, "same (kind, name): same index");
    uint32_t b = S_in(g, GX_KIND_PLACE, "张三");
    ok(b != a, "same name, other kind: other node");
    uint32_t c = S_in(g, GX_KIND_PERSON, "张三丰");
    ok(c != a && c != b, "other name: other node");
    eq_int(gx_graph_intern(g, GX_KIND_PERSON, "张三丰XYZ", strlen("张三丰")), c,
           "the name is name[0..len), not up to NUL");
    eq_int(S_in(g, GX_KIND_PERSON, ""), 3, "empty name is a node of its own");
    eq_int(gx_graph_node_count(g), 4, "four nodes");
    eq_str(gx_graph_node(g, a)->label, "张三", "label copied");
    eq_int(gx_graph_node(g, b)->kind, GX_KIND_PLACE, "kind kept");
    ok(strcmp(gx_graph_node(g, a)->id, gx_graph_node(g, b)->id) != 0, "kinds give distinct ids");

    /* a long name (beyond any small stack buffer) interns the same way */
    char longname[1200];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    uint32_t l1 = S_in(g, GX_KIND_ORG, longname);
    eq_int(S_in(g, GX_KIND_ORG, longname), l1, "long name interns once");
    eq_str(gx_graph_node(g, l1)->label, longname, "long label intact");

    /* many nodes: the index survives map growth */
    char name[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "n%d", i);
        S_in(g, GX_KIND_PLACE, name);
    }
    int same = 1;
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "n%d", i);
        same &= S_in(g, GX_KIND_PLACE, name) == (uint32_t)(5 + i);
    }
    ok(same, "5000 names keep their index");
    eq_int(gx_graph_node_count(g), 5005, "5005 nodes");
    eq_int(gx_graph_check(g, stderr), 0, "check before finish");
    gx_graph_finish(g);
    eq_int(gx_graph_check(g, stderr), 0, "check after finish");
    ok(S_sorted(g), "sorted after finish");
    gx_graph_free(g);
    gx_graph_free(NULL);
}

static void test_ids(void) {
    gx_graph *f = S_build(0), *r = S_build(1);
    char want[64];
    eq_int(gx_graph_node_count(f), S_N, "all nodes");
    eq_int(gx_graph_node_count(r), S_N, "all nodes (reverse)");
    int same = 1, fmt = 1;
    for (size_t i = 0; i < S_N; i++) {
        const gx_node *a = gx_graph_node(f, i), *b = gx_graph_node(r, i);
        same &= strcmp(a->id, b->id) == 0 && strcmp(a->label, b->label) == 0 && a->kind == b->kind;
        S_expected_id(a->kind, a->label, want, sizeof want);
        fmt &= strcmp(a->id, want) == 0;
    }
    ok(same, "same nodes in the same order whatever the insertion order");
    ok(fmt, "ids are <kind>_<FNV-1a 64 of kind NUL name, 16 hex>");
    eq_int(gx_graph_edge_count(f), gx_graph_edge_count(r), "same edge count");
    same = 1;
    for (size_t i = 0; i < gx_graph_edge_count(f); i++) {
        const gx_edge *a = gx_graph_edge(f, i), *b = gx_graph_edge(r, i);
        same &= a->source == b->source && a->target == b->target && a->count == b->count;
    }
    ok(same, "same edges in the same order whatever the insertion order");
    ok(S_sorted(f) && S_sorted(r), "nodes by id, edges by endpoints");
    eq_int(gx_graph_check(f, stderr), 0, "check forward");
    eq_int(gx_graph_check(r, stderr), 0, "check reverse");

    /* an id does not depend on the rest of the graph */
    gx_graph *one = gx_graph_new();
    S_in(one, GX_KIND_PERSON, "张三");
    gx_graph_finish(one);
    size_t k = S_find(f, GX_KIND_PERSON, "张三");
    ok(k != SIZE_MAX && strcmp(gx_graph_node(one, 0)->id, gx_graph_node(f, k)->id) == 0,
       "id of 张三 alone equals its id in a bigger graph");
    S_expected_id(GX_KIND_PERSON, "张三", want, sizeof want);
    eq_str(gx_graph_node(one, 0)->id, want, "id value");
    ok(S_edge(f, "张三", "北京") && S_edge(f, "A&B <x>", "张三"), "ring edges survive the sort");
    gx_graph_free(one);
    gx_graph_free(f);
    gx_graph_free(r);
}

static void test_counts(void) {
    gx_graph *g = gx_graph_new();
    uint32_t a = S_in(g, GX_KIND_PERSON, "甲"), b = S_in(g, GX_KIND_PERSON, "乙");
    uint32_t c = S_in(g, GX_KIND_PLACE, "丙");
    for (int i = 0; i < 3; i++)
        gx_graph_add_mention(g, a, 0, "d", NULL, 0, NULL);
    gx_graph_add_mention(g, a, 1, "d", NULL, 0, NULL);
    gx_graph_add_mention(g, a, 5, "d", NULL, 0, NULL);
    gx_graph_add_mention(g, b, 1, "d", NULL, 0, NULL);
    gx_graph_add_pair(g, a, b, 0, 1, NULL);
    gx_graph_add_pair(g, b, a, 0, 1, NULL); /* same pair, other order */
    gx_graph_add_pair(g, a, b, 1, 1, NULL);
    gx_graph_add_pair(g, a, c, 2, 1, NULL);
    gx_graph_add_pair(g, c, c, 2, 1, NULL); /* self pair: ignored */
    eq_int(gx_graph_edge_count(g), 2, "two edges, no self loop");
    eq_int(gx_graph_check(g, stderr), 0, "check before finish");
    gx_graph_finish(g);
    gx_graph_finish(g); /* idempotent */
    eq_int(gx_graph_check(g, stderr), 0, "check after finish (twice)");
    const gx_node *na = gx_graph_node(g, S_find(g, GX_KIND_PERSON, "甲"));
    eq_int(na->mentions, 5, "mentions counted every time");
    eq_int(na->documents, 3, "documents counted once per document");
    const gx_node *nc = gx_graph_node(g, S_find(g, GX_KIND_PLACE, "丙"));
    ok(nc->mentions == 0 && nc->documents == 0, "a node with no mention has zero counts");
    const gx_edge *e = S_edge(g, "甲", "乙");
    ok(e && e->count == 3 && e->documents == 2, "pair: 3 windows in 2 documents");
    char rel[64];
    ok(e && strcmp(gx_edge_relation_text(e, rel, sizeof rel), "co_mention") == 0, "relation co_mention");
    e = S_edge(g, "甲", "丙");
    ok(e && e->count == 1 && e->documents == 1, "pair: 1 window in 1 document");
    ok(S_sorted(g), "sorted");
    gx_graph_free(g);
}

static void test_info_and_check(void) {
    gx_graph *g = gx_graph_new();
    gx_graph_set_info(g, "generator", "x");
    gx_graph_set_info(g, "window", "sentence");
    gx_graph_set_info(g, "generator", "guanxi test");
    eq_int(gx_graph_info_count(g), 2, "two attributes");
    const char *k, *v;
    gx_graph_info(g, 0, &k, &v);
    ok(strcmp(k, "generator") == 0 && strcmp(v, "guanxi test") == 0, "first-set order, last value");
    gx_graph_info(g, 1, &k, &v);
    ok(strcmp(k, "window") == 0 && strcmp(v, "sentence") == 0, "second attribute");

    eq_int(gx_graph_check(g, NULL), 0, "empty graph is fine");
    gx_graph_finish(g);
    eq_int(gx_graph_node_count(g), 0, "empty finish");
    eq_int(gx_graph_check(g, NULL), 0, "empty finished graph is fine");
    gx_graph_free(g);

    /* gx_graph_check reports what the public API cannot produce: break an edge by hand */
    g = gx_graph_new();
    uint32_t a = S_in(g, GX_KIND_ORG, "甲"), b = S_in(g, GX_KIND_ORG, "乙");
    gx_graph_add_mention(g, a, 0, "d", NULL, 0, NULL);
    gx_graph_add_pair(g, a, b, 0, 1, NULL);
    gx_graph_finish(g);
    gx_edge *e = (gx_edge *)gx_graph_edge(g, 0);
    char errbuf[1024] = {0};
    FILE *err = fmemopen(errbuf, sizeof errbuf - 1, "w");
    uint32_t saved = e->target;
    e->target = e->source;
    ok(gx_graph_check(g, err) >= 1, "self loop reported");
    e->target = saved;
    e->source = 7;
    ok(gx_graph_check(g, err) >= 1, "endpoint out of range reported");
    e->source = saved == 1 ? 0 : 1;
    e->documents = 2; /* more documents than windows */
    ok(gx_graph_check(g, err) >= 1, "documents > count reported");
    e->documents = 1;
    eq_int(gx_graph_check(g, err), 0, "restored graph passes");
    fclose(err);
    ok(strstr(errbuf, "gx_graph_check: ") != NULL, "violations are printed");
    gx_graph_free(g);
}

/* Whatever a stage hands the graph, what it stores is safe for every output format. */
static void test_sanitized_on_entry(void) {
    gx_graph *g = gx_graph_new();
    uint32_t a = S_in(g, GX_KIND_ORG, "甲\x01公司\r\n"), b = S_in(g, GX_KIND_PLACE, "乙\xC2\x85");
    gx_graph_add_mention(g, a, 0, "d\x02oc", "甲\x7F", 4, NULL);
    gx_evidence ev = {"d\x02oc", 0, 0, 3, "片段\x01\xFF", "pat\x1Fx"};
    gx_graph_add_pair(g, a, b, 0, 1, &ev);
    gx_graph_add_relation(g, GX_REL_LOCATED_IN, a, b, 0, &ev);
    gx_graph_set_info(g, "note", "tab\there\x01");
    eq_int(gx_graph_check(g, stderr), 0, "every stored string is sanitized (before finish)");
    gx_graph_finish(g);
    eq_int(gx_graph_check(g, stderr), 0, "every stored string is sanitized (after finish)");
    size_t i = S_find(g, GX_KIND_ORG, "甲公司\n");
    ok(i != SIZE_MAX, "label sanitized: control dropped, CRLF -> LF");
    if (i != SIZE_MAX) {
        const gx_node *n = gx_graph_node(g, i);
        eq_str(n->aliases, "甲", "alias sanitized (DEL dropped)");
        eq_str(n->first_doc, "doc", "first document sanitized");
    }
    ok(S_find(g, GX_KIND_PLACE, "乙") != SIZE_MAX, "C1 control dropped from a label");
    const gx_edge *e = gx_graph_edge_count(g) ? gx_graph_edge(g, 0) : NULL;
    ok(e && e->n_evidence == 2, "typed and co-mention evidence kept");
    for (uint32_t k = 0; e && k < e->n_evidence; k++) {
        eq_str(e->evidence[k].snippet, "片段\xEF\xBF\xBD",
               "snippet: control dropped, bad byte U+FFFD");
        eq_str(e->evidence[k].doc, "doc", "evidence document sanitized");
    }
    const char *k, *v;
    gx_graph_info(g, 0, &k, &v);
    eq_str(v, "tab\there", "info value sanitized");
    gx_graph_free(g);
}

int main(void) {
    test_intern();
    test_ids();
    test_counts();
    test_info_and_check();
    test_sanitized_on_entry();
    return gx_test_done();
}
