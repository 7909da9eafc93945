/* test_link.c: stage 7 (link): hand-built documents and mentions through gx_link_doc; counts of
 * co-mention edges for sentence, paragraph and document windows, per-document counting, and the
 * GX_MAX_WINDOW_ENTITIES cap (first entities in text order paired, one warning counted), and
 * evidence snippets (whitespace squeezed, long spans cut around "…"). */
#include <stdlib.h>
#include <string.h>
#include "gx_link.h"
#include "harness.h"

static uint32_t *S_nodes; /* node of each mention, filled by gx_link_doc */

/* Five sentences over three paragraphs. Mentions (sentence: entities):
 *   s0 (p0): A B      s1 (p0): A C      s2 (p1): B C A A      s3 (p1): (none)      s4 (p2): A B
 * sentence window:  AB 3 (s0, s2, s4)  AC 2 (s1, s2)  BC 1 (s2)
 * paragraph window: AB 3 (p0, p1, p2)  AC 2 (p0, p1)  BC 2 (p0, p1)
 * document window:  AB 1  AC 1  BC 1 */
static gx_sentence S_sents[] = {{0, 10, 0}, {10, 20, 0}, {20, 30, 1}, {30, 40, 1}, {40, 50, 2}};

static const struct {
    uint32_t sent;
    const char *name;
} S_ms[] = {
    {0, "A"}, {0, "B"}, {1, "A"}, {1, "C"}, {2, "B"},
    {2, "C"}, {2, "A"}, {2, "A"}, {4, "A"}, {4, "B"},
};
#define S_NMS (sizeof S_ms / sizeof *S_ms)

/* 50 ASCII characters of original text, mapped one to one (for evidence snippets). */
static char S_text[51] = "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij";
static uint32_t S_src[50], S_src_end[50], S_cp[50], S_bytes[51];

static void S_doc(gx_doc *doc, size_t seq) {
    memset(doc, 0, sizeof *doc);
    doc->id = "d";
    doc->file = "d.txt";
    doc->seq = seq;
    doc->n = 50;
    doc->orig = S_text;
    doc->orig_len = 50;
    doc->orig_cps = 50;
    for (uint32_t i = 0; i < 50; i++) S_src[i] = i, S_src_end[i] = i + 1, S_cp[i] = (uint32_t)S_text[i];
    for (uint32_t i = 0; i <= 50; i++) S_bytes[i] = i;
    doc->cp = S_cp;
    doc->orig_byte = S_bytes;
    doc->src_start = S_src;
    doc->src_end = S_src_end;
    doc->sents = S_sents;
    doc->n_sents = 5;
    doc->n_paras = 3;
}

/* Gives doc (doc->n set) an ASCII text of doc->n characters, mapped one to one. */
static void S_plain_text(gx_doc *doc) {
    doc->orig = malloc(doc->n + 1);
    doc->cp = malloc(doc->n * sizeof *doc->cp);
    doc->src_start = malloc(doc->n * sizeof *doc->src_start);
    doc->src_end = malloc(doc->n * sizeof *doc->src_end);
    doc->orig_byte = malloc((doc->n + 1) * sizeof *doc->orig_byte);
    for (uint32_t i = 0; i <= doc->n; i++) doc->orig_byte[i] = i;
    for (uint32_t i = 0; i < doc->n; i++) {
        doc->orig[i] = (char)('a' + i % 26);
        doc->cp[i] = (uint32_t)doc->orig[i];
        doc->src_start[i] = i;
        doc->src_end[i] = i + 1;
    }
    doc->orig[doc->n] = '\0';
    doc->orig_len = doc->orig_cps = doc->n;
}

static void S_mentions(gx_mentions *ms) {
    ms->v = calloc(S_NMS, sizeof *ms->v);
    ms->n = ms->cap = S_NMS;
    for (size_t i = 0; i < S_NMS; i++) {
        gx_mention *m = &ms->v[i];
        m->start = S_sents[S_ms[i].sent].start + (uint32_t)i % 10;
        m->end = m->start + 1;
        m->ostart = m->start;
        m->oend = m->end;
        m->sent = S_ms[i].sent;
        m->kind = GX_KIND_PERSON;
        m->canonical = S_ms[i].name;
        m->source = "dict";
    }
}

/* Edge between labels a and b, or NULL. */
static const gx_edge *S_edge(const gx_graph *g, const char *a, const char *b) {
    for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        const char *s = gx_graph_node(g, e->source)->label, *t = gx_graph_node(g, e->target)->label;
        if ((strcmp(s, a) == 0 && strcmp(t, b) == 0) || (strcmp(s, b) == 0 && strcmp(t, a) == 0))
            return e;
    }
    return NULL;
}

static unsigned S_count(const gx_graph *g, const char *a, const char *b) {
    const gx_edge *e = S_edge(g, a, b);
    return e ? e->count : 0;
}

static unsigned S_docs(const gx_graph *g, const char *a, const char *b) {
    const gx_edge *e = S_edge(g, a, b);
    return e ? e->documents : 0;
}

static const gx_node *S_node(const gx_graph *g, const char *name) {
    for (size_t i = 0; i < gx_graph_node_count(g); i++)
        if (strcmp(gx_graph_node(g, i)->label, name) == 0) return gx_graph_node(g, i);
    return NULL;
}

/* Links the sample document ndocs times (seq 0, 1, ...) with window w; returns the graph. */
static gx_graph *S_link(gx_window w, int ndocs, gx_diag *d) {
    gx_graph *g = gx_graph_new();
    gx_doc doc;
    gx_mentions ms = {0};
    S_mentions(&ms);
    for (int k = 0; k < ndocs; k++) {
        S_doc(&doc, (size_t)k);
        gx_link_doc(g, &doc, &ms, &(gx_link_opts){w, 0}, d, &S_nodes);
    }
    gx_mentions_free(&ms);
    gx_graph_finish(g);
    return g;
}

static void test_windows(gx_diag *d) {
    gx_graph *g = S_link(GX_WINDOW_SENTENCE, 1, d);
    eq_int(gx_graph_node_count(g), 3, "three entities");
    eq_int(gx_graph_edge_count(g), 3, "sentence: three edges");
    eq_int(S_count(g, "A", "B"), 3, "sentence: AB shares s0, s2 and s4");
    eq_int(S_count(g, "A", "C"), 2, "sentence: AC shares s1 and s2");
    eq_int(S_count(g, "B", "C"), 1, "sentence: BC shares s2 only");
    eq_int(S_docs(g, "A", "B"), 1, "sentence: one document");
    eq_int(S_node(g, "A")->mentions, 5, "A mentioned 5 times (twice in s2)");
    eq_int(S_node(g, "A")->documents, 1, "A in one document");
    eq_int(S_node(g, "C")->mentions, 2, "C mentioned twice");
    eq_int(gx_graph_check(g, stderr), 0, "sentence: check");
    gx_graph_free(g);

    g = S_link(GX_WINDOW_PARAGRAPH, 1, d);
    eq_int(S_count(g, "A", "B"), 3, "paragraph: AB in p0, p1, p2");
    eq_int(S_count(g, "A", "C"), 2, "paragraph: AC in p0, p1");
    eq_int(S_count(g, "B", "C"), 2, "paragraph: BC in p0, p1");
    eq_int(gx_graph_check(g, stderr), 0, "paragraph: check");
    gx_graph_free(g);

    g = S_link(GX_WINDOW_DOCUMENT, 1, d);
    eq_int(S_count(g, "A", "B"), 1, "document: AB once");
    eq_int(S_count(g, "A", "C"), 1, "document: AC once");
    eq_int(S_count(g, "B", "C"), 1, "document: BC once");
    gx_graph_free(g);

    g = S_link(GX_WINDOW_SENTENCE, 3, d);
    eq_int(S_count(g, "A", "B"), 9, "three documents: counts add up");
    eq_int(S_docs(g, "A", "B"), 3, "three documents: documents = 3");
    eq_int(S_docs(g, "B", "C"), 3, "BC documents = 3");
    eq_int(S_node(g, "A")->mentions, 15, "A mentions over three documents");
    eq_int(S_node(g, "A")->documents, 3, "A documents");
    gx_graph_free(g);

    g = S_link(GX_WINDOW_DOCUMENT, 3, d);
    ok(S_count(g, "A", "B") == 3 && S_docs(g, "A", "B") == 3, "document window: one per doc");
    gx_graph_free(g);

    /* no mentions: nothing added */
    g = gx_graph_new();
    gx_doc doc;
    S_doc(&doc, 0);
    gx_mentions none = {0};
    gx_link_doc(g, &doc, &none, &(gx_link_opts){GX_WINDOW_SENTENCE, 0}, d, &S_nodes);
    ok(gx_graph_node_count(g) == 0 && gx_graph_edge_count(g) == 0, "no mentions: empty graph");
    gx_graph_free(g);

    /* the same name with two kinds is two entities that can pair */
    g = gx_graph_new();
    gx_mentions ms = {0};
    S_mentions(&ms);
    ms.n = 2;
    ms.v[1].canonical = "A";
    ms.v[1].kind = GX_KIND_PLACE;
    gx_link_doc(g, &doc, &ms, &(gx_link_opts){GX_WINDOW_SENTENCE, 0}, d, &S_nodes);
    ok(gx_graph_node_count(g) == 2 && gx_graph_edge_count(g) == 1,
       "person A and place A are two nodes and one edge");
    gx_mentions_free(&ms);
    gx_graph_free(g);

    eq_int(gx_window_parse("paragraph", &(gx_window){0}), 1, "window_parse paragraph");
    gx_window w = GX_WINDOW_SENTENCE;
    ok(gx_window_parse("document", &w) && w == GX_WINDOW_DOCUMENT, "window_parse document");
    ok(!gx_window_parse("Sentence", &w) && w == GX_WINDOW_DOCUMENT, "unknown window untouched");
    eq_str(gx_window_name(GX_WINDOW_PARAGRAPH), "paragraph", "window_name");
}

/* One sentence with GX_MAX_WINDOW_ENTITIES + 5 distinct entities (each mentioned twice). The
 * last five in text order are interned first, so their node indices are the smallest: a cap by
 * node index instead of text order would pair them. */
static void test_cap(void) {
    enum { N = GX_MAX_WINDOW_ENTITIES + 5 };
    static char names[N][16];
    gx_graph *g = gx_graph_new();
    for (int i = 0; i < N; i++)
        snprintf(names[i], sizeof names[i], "e%04d", i);
    for (int i = N - 5; i < N; i++)
        gx_graph_intern(g, GX_KIND_ORG, names[i], strlen(names[i]));
    gx_mentions ms = {0};
    ms.v = calloc(2 * N, sizeof *ms.v);
    ms.n = ms.cap = 2 * N;
    for (size_t i = 0; i < ms.n; i++) {
        gx_mention *m = &ms.v[i];
        m->start = (uint32_t)i * 5;
        m->end = m->start + 5;
        m->ostart = m->start;
        m->oend = m->end;
        m->kind = GX_KIND_ORG;
        m->canonical = names[i % N];
        m->source = "dict";
    }
    gx_sentence one = {0, (uint32_t)ms.n * 5, 0};
    gx_doc doc = {0};
    doc.id = "big";
    doc.file = "big.txt";
    doc.n = one.end;
    S_plain_text(&doc);
    doc.sents = &one;
    doc.n_sents = 1;
    doc.n_paras = 1;
    char errbuf[2048] = {0};
    FILE *err = fmemopen(errbuf, sizeof errbuf - 1, "w");
    gx_diag *d = gx_diag_new(err);
    gx_link_doc(g, &doc, &ms, &(gx_link_opts){GX_WINDOW_SENTENCE, 0}, d, &S_nodes);
    fclose(err);
    eq_int(gx_diag_warnings(d), 1, "cap: one warning");
    ok(strstr(errbuf, "big.txt: ") && strstr(errbuf, "1005 distinct entities") &&
           strstr(errbuf, "GX_MAX_WINDOW_ENTITIES"),
       "cap: warning names the file, the count and the limit");
    eq_int(gx_graph_node_count(g), N, "cap: every entity is still a node");
    size_t want = (size_t)GX_MAX_WINDOW_ENTITIES * (GX_MAX_WINDOW_ENTITIES - 1) / 2;
    eq_int(gx_graph_edge_count(g), want, "cap: only the first GX_MAX_WINDOW_ENTITIES paired");
    size_t late = 0;
    for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        late += e->source < 5 || e->target < 5; /* indices 0..4: the last five in text order */
    }
    eq_int(late, 0, "cap: the entities after the first GX_MAX_WINDOW_ENTITIES are not paired");
    eq_int(gx_graph_node(g, 0)->mentions, 2, "cap: their mentions still count");

    /* exactly GX_MAX_WINDOW_ENTITIES distinct (each twice): no warning */
    gx_graph *g2 = gx_graph_new();
    gx_diag *d2 = gx_diag_new(NULL);
    ms.n = 2 * GX_MAX_WINDOW_ENTITIES;
    for (size_t i = 0; i < ms.n; i++)
        ms.v[i].canonical = names[i % GX_MAX_WINDOW_ENTITIES];
    gx_link_doc(g2, &doc, &ms, &(gx_link_opts){GX_WINDOW_SENTENCE, 0}, d2, &S_nodes);
    eq_int(gx_diag_warnings(d2), 0, "at the limit: no warning");
    eq_int(gx_graph_edge_count(g2), want, "at the limit: every pair");
    gx_diag_free(d2);
    gx_graph_free(g2);

    gx_mentions_free(&ms);
    free(doc.orig);
    free(doc.cp);
    free(doc.src_start);
    free(doc.src_end);
    free(doc.orig_byte);
    gx_diag_free(d);
    gx_graph_free(g);
}

/* Snippets: whitespace runs (also across the two parts of a cut snippet) become one space; a
 * span longer than GX_MAX_SNIPPET_CHARS keeps its head and tail around "…". */
static void test_snippet(void) {
    gx_doc doc;
    S_doc(&doc, 0);
    static char text[51] = "ab \t\n cd\r\nef  g                              xyz  ";
    doc.orig = text;
    char *s = gx_link_snippet(&doc, 0, 15);
    eq_str(s, "ab cd ef g", "whitespace runs become one space");
    free(s);
    s = gx_link_snippet(&doc, 2, 7);
    eq_str(s, " c", "a leading run is one space");
    free(s);
    free(gx_link_snippet(&doc, 0, 0));
    char big[4 * GX_MAX_SNIPPET_CHARS + 1];
    for (int i = 0; i < 4 * GX_MAX_SNIPPET_CHARS; i++) big[i] = (char)('a' + i % 26);
    big[4 * GX_MAX_SNIPPET_CHARS] = '\0';
    uint32_t bytes[4 * GX_MAX_SNIPPET_CHARS + 1];
    for (uint32_t i = 0; i <= 4 * GX_MAX_SNIPPET_CHARS; i++) bytes[i] = i;
    doc.orig = big;
    doc.orig_byte = bytes;
    s = gx_link_snippet(&doc, 0, 4 * GX_MAX_SNIPPET_CHARS);
    size_t half = GX_MAX_SNIPPET_CHARS / 2;
    ok(strlen(s) == 2 * half - 1 + 3, "a long span keeps its head and tail");
    ok(strncmp(s, big, half - 1) == 0 && memcmp(s + half - 1, "\xE2\x80\xA6", 3) == 0 &&
           strcmp(s + half + 2, big + 4 * GX_MAX_SNIPPET_CHARS - half) == 0,
       "head, ellipsis, tail");
    free(s);
}

int main(void) {
    test_snippet();
    gx_diag *d = gx_diag_new(stderr);
    test_windows(d);
    eq_int(gx_diag_warnings(d), 0, "small windows: no warning");
    gx_diag_free(d);
    test_cap();
    free(S_nodes);
    return gx_test_done();
}
