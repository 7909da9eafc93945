/* test_merge.c: partial graphs (pipeline/graph_merge.c). Random documents are added to one graph
 * in order, and to several partial graphs in shuffled order and random splits that are then
 * merged in random order; both graphs must write byte-identical JSON. Small evidence and alias
 * limits make the "least items" rules decide often; repeated document ids and both directions of
 * a relation are in the mix. Also: the merged values are the least ones, not the first seen.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_emit.h"
#include "gx_graph.h"
#include "harness.h"

static uint64_t S_rng;
static uint32_t S_rand(uint32_t n) {
    S_rng = S_rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(S_rng >> 33) % n;
}

#define S_DOCS 60
#define S_NAMES 14

static const char *const S_names[S_NAMES] = {"甲", "乙", "丙", "丁", "戊", "己", "庚",
                                             "辛", "壬", "癸", "子", "丑", "寅", "卯"};

/* One document's operations, replayed identically into whichever graph receives it. */
typedef struct {
    char id[16];
    uint32_t seed;
} S_doc;

static uint32_t S_node(gx_graph *g, uint32_t k) {
    return gx_graph_intern(g, (gx_kind)(k % GX_KIND_COUNT), S_names[k], strlen(S_names[k]));
}

static void S_replay(gx_graph *g, const S_doc *doc, size_t seq) {
    uint64_t saved = S_rng;
    S_rng = doc->seed;
    uint32_t ops = 5 + S_rand(20);
    char snip[32], alias[32];
    for (uint32_t i = 0; i < ops; i++) {
        uint32_t a = S_rand(S_NAMES), b = S_rand(S_NAMES), at = S_rand(50);
        snprintf(snip, sizeof snip, "s%u", S_rand(7));
        gx_evidence ev = {doc->id, at / 10, at, at + 1 + S_rand(9), snip, NULL};
        uint32_t na = S_node(g, a), nb = S_node(g, b);
        switch (S_rand(4)) {
        case 0:
            snprintf(alias, sizeof alias, "别名%u", S_rand(40));
            gx_graph_add_mention(g, na, seq, doc->id, alias, strlen(alias), &ev);
            gx_graph_add_node_window(g, na);
            break;
        case 1:
            gx_graph_add_mention(g, na, seq, doc->id, NULL, 0, &ev);
            gx_graph_add_pair(g, na, nb, seq, (int)S_rand(2), &ev);
            break;
        case 2:
            ev.pattern = S_rand(2) ? "p1" : "p2";
            gx_graph_add_relation(g, (gx_relation)S_rand(GX_REL_COUNT), na, nb, seq, &ev);
            break;
        default: gx_graph_add_shared_sentence(g, na, nb); break;
        }
    }
    for (int i = 0; i < 3; i++) { /* beyond GX_MAX_ALIASES for the first name */
        snprintf(alias, sizeof alias, "多%u", S_rand(400));
        gx_graph_add_mention(g, S_node(g, 0), seq, doc->id, alias, strlen(alias), NULL);
    }
    gx_graph_add_windows(g, 3);
    S_rng = saved;
}

static char *S_json(gx_graph *g) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    gx_graph_finish(g);
    if (gx_emit_json(g, f, "mem", NULL) != GX_OK) buf[0] = '\0';
    fclose(f);
    return buf;
}

static void S_docs(S_doc *docs) {
    for (uint32_t i = 0; i < S_DOCS; i++) {
        /* ids repeat now and then and do not follow input order */
        snprintf(docs[i].id, sizeof docs[i].id, "d%02u", S_rand(S_DOCS * 2 / 3));
        docs[i].seed = S_rand(1u << 30);
    }
}

/* One round: all documents in order into one graph vs a random split merged in random order. */
static void S_round(uint32_t max_ev, uint32_t parts) {
    S_doc docs[S_DOCS];
    size_t order[S_DOCS];
    S_docs(docs);
    gx_graph *whole = gx_graph_new_ev(max_ev), *merged = gx_graph_new_ev(max_ev);
    for (size_t i = 0; i < S_DOCS; i++) S_replay(whole, &docs[i], i), order[i] = i;
    for (size_t i = S_DOCS - 1; i > 0; i--) {
        size_t j = S_rand((uint32_t)i + 1), t = order[i];
        order[i] = order[j], order[j] = t;
    }
    gx_graph *part[8];
    for (uint32_t p = 0; p < parts; p++) part[p] = gx_graph_new_ev(max_ev);
    for (size_t i = 0; i < S_DOCS; i++) S_replay(part[S_rand(parts)], &docs[order[i]], order[i]);
    gx_graph *moved = gx_graph_new_ev(max_ev); /* the same parts through gx_graph_merge_free */
    for (uint32_t p = 0; p < parts; p++) {
        gx_graph_merge(merged, part[(p + parts / 2) % parts]);
        gx_graph_merge_free(moved, part[(p + parts / 2) % parts]);
    }
    char *a = S_json(whole), *b = S_json(merged), *c = S_json(moved);
    ok(a[0] && strcmp(a, b) == 0, "merged partial graphs write what one graph writes");
    ok(strcmp(a, c) == 0, "merge_free (the first part moved, not copied) writes the same");
    free(c);
    gx_graph_free(moved);
    free(a), free(b);
    gx_graph_free(whole), gx_graph_free(merged);
}

/* The merge keeps the least values, whichever graph saw them first. */
static void test_least(void) {
    gx_graph *g1 = gx_graph_new_ev(1), *g2 = gx_graph_new_ev(1);
    gx_evidence late = {"b", 0, 5, 6, "x", NULL}, early = {"a", 0, 9, 10, "y", NULL};
    uint32_t n1 = gx_graph_intern(g1, GX_KIND_ORG, "甲", 3);
    uint32_t n2 = gx_graph_intern(g2, GX_KIND_ORG, "甲", 3);
    gx_graph_add_mention(g1, n1, 0, "b", "甲乙", 6, &late);
    gx_graph_add_mention(g2, n2, 1, "a", "甲丙", 6, &early);
    ok(!gx_graph_node_wants(g1, n1, "c", 0), "full: a later document is not wanted");
    ok(gx_graph_node_wants(g1, n1, "a", 0), "full: an earlier document still is");
    gx_graph_merge(g1, g2);
    gx_graph_finish(g1);
    const gx_node *n = gx_graph_node(g1, 0);
    eq_int(n->mentions, 2, "mentions add");
    eq_int(n->documents, 2, "documents add");
    eq_str(n->first_doc, "a", "first document is the least id");
    eq_int(n->n_evidence, 1, "evidence limit holds");
    eq_str(n->evidence[0].doc, "a", "the least evidence item wins");
    eq_str(n->aliases, "甲丙|甲乙", "aliases are united");
    gx_graph_free(g1), gx_graph_free(g2);
}

int main(void) {
    S_rng = 12345;
    for (int round = 0; round < 40; round++) S_round(1 + (uint32_t)round % 4, 2 + (uint32_t)round % 5);
    test_least();
    return gx_test_done();
}
