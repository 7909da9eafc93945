/* emit_json.c: the finished gx_graph as NetworkX node-link JSON, through cJSON, streamed one
 * node or link a line.
 *
 * Last stage (emit), one of three emitters (see gx_emit.h). Follows CONTRACT.md §3: "directed" and
 * "multigraph" always present, node ids as link source/target (not indexes), the edge array under
 * both "links" and "edges" (so every NetworkX version loads it with defaults), UTF-8 without BOM. Numbers are counts, so never NaN or Inf; cJSON writes an integral
 * double as "3", the same bytes the GraphML and DOT emitters write.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <math.h>
#include "emit_int.h"

/* ---------------------------------------------------------------- members */

/* Items point into the graph and into this scratch instead of holding copies (cJSON's
 * references), so building an element allocates only its items: the number texts live here until
 * the element is printed, and the print buffer is reused from one element to the next. */
#define S_MAX_NUMS (16 + 3 * GX_MAX_EVIDENCE)
typedef struct {
    char num[S_MAX_NUMS][32];
    size_t n_num;
    char *text;
    size_t cap;
} S_scratch;

/* Adds item under key, a string that outlives item (a literal or a graph attribute name: ASCII
 * identifiers, which gx_graph_set_info requires); on failure frees it. Returns 0 or -1. */
static int S_add_item(cJSON *obj, const char *key, cJSON *item) {
    if (!item) return -1;
    if (cJSON_AddItemToObjectCS(obj, key, item)) return 0;
    cJSON_Delete(item);
    return -1;
}

/* Adds a string item that refers to value (a graph string, already sanitized, or a literal). */
static int S_add_str(cJSON *obj, const char *key, const char *value) {
    return S_add_item(obj, key, cJSON_CreateStringReference(value));
}

/* Adds a string item holding a sanitized copy of value (text that did not come from the graph). */
static int S_add_clean(cJSON *obj, const char *key, const char *value) {
    char *own;
    const char *v = gx_sanitized(value, &own);
    cJSON *item = own ? cJSON_CreateString(own) : cJSON_CreateStringReference(v);
    free(own);
    return S_add_item(obj, key, item);
}

/* Adds a number as gx_emit_number prints it (the bytes cJSON would print, found faster), as a
 * raw item that refers to its text in the scratch. */
static int S_add_num(S_scratch *x, cJSON *obj, const char *key, double value) {
    if (x->n_num == S_MAX_NUMS) return -1; /* more numbers than any element has */
    char *buf = x->num[x->n_num++];
    gx_emit_number(value, buf, sizeof x->num[0]);
    cJSON *item = cJSON_CreateStringReference(buf);
    if (item) item->type = cJSON_Raw | cJSON_IsReference; /* printed as it is, never freed */
    return S_add_item(obj, key, item);
}

/* Adds item to array; on failure frees it. Returns 0 or -1. */
static int S_append(cJSON *array, cJSON *item) {
    if (cJSON_AddItemToArray(array, item)) return 0;
    cJSON_Delete(item);
    return -1;
}

/* Prints item compactly into the scratch's buffer (grown as needed) and frees it. Returns the
 * text, or NULL if cJSON failed. */
static const char *S_print(S_scratch *x, cJSON *item) {
    const char *text = NULL;
    if (!x->text) x->text = gx_xmalloc(x->cap = 4096);
    while (item && !text && x->cap <= INT_MAX / 2) {
        if (cJSON_PrintPreallocated(item, x->text, (int)x->cap, 0)) text = x->text;
        else x->text = gx_xrealloc(x->text, x->cap *= 2);
    }
    cJSON_Delete(item);
    x->n_num = 0;
    return text;
}

/* ---------------------------------------------------------------- shared with the others */

/* The digits of u after an optional '-' into buf (cap bytes, at least 24); returns the length. */
static size_t S_digits(unsigned long long u, int neg, char *buf) {
    char tmp[24];
    int k = 0;
    do tmp[k++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    size_t j = 0;
    if (neg) buf[j++] = '-';
    while (k > 0) buf[j++] = tmp[--k];
    buf[j] = '\0';
    return j;
}

void gx_emit_number(double v, char *buf, size_t cap) {
    char tmp[48];
    double a = fabs(v);
    if (v == (double)(int)v && a < 2147483647.0) { /* cJSON's "%d" */
        S_digits((unsigned long long)a, v < 0, tmp);
    } else if (a >= 1e-4 && a < 1e9 && round(v * 1e6) / 1e6 == v) {
        /* v is the double nearest to a decimal k / 10^6 of at most 15 digits (the graph's
         * measures are rounded so): %1.15g prints exactly that decimal in fixed notation and it
         * reads back as v, so its digits are written directly, trailing zeros dropped */
        unsigned long long k = (unsigned long long)llround(a * 1e6);
        size_t j = S_digits(k / 1000000, v < 0, tmp);
        unsigned long long frac = k % 1000000;
        if (frac) {
            tmp[j++] = '.';
            for (unsigned long long p = 100000; frac; p /= 10) {
                tmp[j++] = (char)('0' + frac / p);
                frac %= p;
            }
            tmp[j] = '\0';
        }
    } else {
        snprintf(tmp, sizeof tmp, "%1.15g", v);
        if (strtod(tmp, NULL) != v) snprintf(tmp, sizeof tmp, "%1.17g", v); /* cJSON's check */
    }
    size_t n = strlen(tmp);
    if (n >= cap) n = cap - 1;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
}

/* The evidence items as a cJSON array; NULL if cJSON fails. */
static cJSON *S_evidence(S_scratch *x, const gx_evidence *ev, uint32_t n) {
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; a && i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        int ok = o && S_add_str(o, "doc", ev[i].doc) == 0 &&
                 S_add_num(x, o, "sentence", ev[i].sentence) == 0 &&
                 S_add_num(x, o, "start", ev[i].start) == 0 &&
                 S_add_num(x, o, "end", ev[i].end) == 0 &&
                 S_add_str(o, "snippet", ev[i].snippet) == 0 &&
                 (!ev[i].pattern || S_add_str(o, "pattern", ev[i].pattern) == 0);
        if (!ok) cJSON_Delete(o);
        if (!ok || S_append(a, o) < 0) { /* S_append frees o when it fails */
            cJSON_Delete(a);
            return NULL;
        }
    }
    return a;
}

struct gx_jsonbuf {
    S_scratch x;
};

gx_jsonbuf *gx_jsonbuf_new(void) {
    return gx_xcalloc(1, sizeof(gx_jsonbuf));
}

void gx_jsonbuf_free(gx_jsonbuf *b) {
    if (b) free(b->x.text);
    free(b);
}

const char *gx_emit_evidence_text(gx_jsonbuf *b, const gx_evidence *ev, uint32_t n) {
    return n ? S_print(&b->x, S_evidence(&b->x, ev, n)) : NULL;
}

/* The aliases ('|'-joined) as an array. Each alias is copied: it is not a string of its own. */
static cJSON *S_aliases(const char *joined) {
    cJSON *a = cJSON_CreateArray();
    for (const char *p = joined; a && *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        char *one = gx_xstrndup(p, n);
        cJSON *s = cJSON_CreateString(one);
        free(one);
        if (!s || !cJSON_AddItemToArray(a, s)) {
            cJSON_Delete(s);
            cJSON_Delete(a);
            return NULL;
        }
        p += n + (bar != NULL);
    }
    return a;
}

/* ---------------------------------------------------------------- sections */

static int S_add_graph(cJSON *root, const gx_graph *g) {
    cJSON *obj = cJSON_AddObjectToObject(root, "graph");
    if (!obj) return -1;
    for (size_t i = 0; i < gx_graph_info_count(g); i++) {
        const char *k, *v;
        gx_graph_info(g, i, &k, &v);
        if (S_add_str(obj, k, v) < 0) return -1;
    }
    return 0;
}

static cJSON *S_node(S_scratch *x, const gx_node *n) {
    cJSON *o = cJSON_CreateObject();
    if (o && (S_add_str(o, "id", n->id) < 0 || S_add_str(o, "label", n->label) < 0 ||
              S_add_str(o, "name", n->label) < 0 || S_add_str(o, "kind", gx_kind_name(n->kind)) < 0 ||
              S_add_num(x, o, "mentions", n->mentions) < 0 ||
              S_add_num(x, o, "documents", n->documents) < 0 ||
              S_add_num(x, o, "degree", n->degree) < 0 ||
              S_add_item(o, "aliases", S_aliases(n->aliases)) < 0 ||
              S_add_str(o, "first_document", n->first_doc) < 0 ||
              S_add_item(o, "evidence", S_evidence(x, n->evidence, n->n_evidence)) < 0)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}

/* Link i, "id": "e<i>" as in GraphML; the weight is the count. eid and rel are the caller's
 * buffers, referred to until the link is printed. */
static cJSON *S_link(S_scratch *x, const gx_graph *g, size_t i, char eid[32], char rel[128]) {
    const gx_edge *e = gx_graph_edge(g, i);
    snprintf(eid, 32, "e%zu", i);
    cJSON *o = cJSON_CreateObject();
    if (o && (S_add_str(o, "id", eid) < 0 ||
              S_add_str(o, "source", gx_graph_node(g, e->source)->id) < 0 ||
              S_add_str(o, "target", gx_graph_node(g, e->target)->id) < 0 ||
              S_add_num(x, o, "weight", e->count) < 0 ||
              S_add_str(o, "relation", gx_edge_relation_text(e, rel, 128)) < 0 ||
              (e->head != UINT32_MAX && S_add_str(o, "head", gx_graph_node(g, e->head)->id) < 0) ||
              S_add_num(x, o, "count", e->count) < 0 ||
              S_add_num(x, o, "sentences", e->sentences) < 0 ||
              S_add_num(x, o, "documents", e->documents) < 0 || S_add_num(x, o, "pmi", e->pmi) < 0 ||
              S_add_num(x, o, "npmi", e->npmi) < 0 || S_add_num(x, o, "jaccard", e->jaccard) < 0 ||
              S_add_num(x, o, "dice", e->dice) < 0 ||
              S_add_item(o, "evidence", S_evidence(x, e->evidence, e->n_evidence)) < 0)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}

/* Writes sep then text to out and, when not NULL, to copy. Returns nonzero on a write error. */
static int S_put(FILE *out, FILE *copy, const char *sep, const char *text) {
    return fputs(sep, out) == EOF || fputs(text, out) == EOF ||
           (copy && (fputs(sep, copy) == EOF || fputs(text, copy) == EOF));
}

/* The nodes, one a line. Returns < 0 if cJSON failed, > 0 on a write error. */
static int S_put_nodes(S_scratch *x, FILE *out, const gx_graph *g) {
    int rc = 0;
    for (size_t i = 0; i < gx_graph_node_count(g) && rc == 0; i++) {
        const char *text = S_print(x, S_node(x, gx_graph_node(g, i)));
        rc = text ? S_put(out, NULL, i ? ",\n" : "\n", text) : -1;
    }
    return rc;
}

/* The links, one a line; each also goes to copy (when not NULL) for the "edges" array. */
static int S_put_links(S_scratch *x, FILE *out, FILE *copy, const gx_graph *g) {
    int rc = 0;
    for (size_t i = 0; i < gx_graph_edge_count(g) && rc == 0; i++) {
        char eid[32], rel[128];
        const char *text = S_print(x, S_link(x, g, i, eid, rel));
        rc = text ? S_put(out, copy, i ? ",\n" : "\n", text) : -1;
    }
    return rc;
}

/* Appends the bytes of tmp (rewound) to out. Returns nonzero on an I/O error. */
static int S_append_file(FILE *out, FILE *tmp) {
    char buf[65536];
    size_t n;
    if (fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0) return 1;
    while ((n = fread(buf, 1, sizeof buf, tmp)) > 0)
        if (fwrite(buf, 1, n, out) != n) return 1;
    return ferror(tmp);
}

/* The whole document, element by element: one node or link a line, so memory holds one element,
 * not the graph's JSON. The same links go under "edges" again: NetworkX <= 3.5 and d3 read
 * "links", NetworkX >= 3.6 reads "edges" by default (CONTRACT.md §3). They are printed once, into
 * a temporary file that is copied back (printed twice when no temporary file can be made).
 * Returns < 0 if cJSON failed, > 0 on a write error. */
static int S_write(S_scratch *x, FILE *out, const gx_graph *g) {
    cJSON *head = cJSON_CreateObject();
    if (!head || !cJSON_AddFalseToObject(head, "directed") ||
        !cJSON_AddFalseToObject(head, "multigraph") || S_add_graph(head, g) < 0) {
        cJSON_Delete(head);
        return -1;
    }
    char *text = (char *)S_print(x, head);
    if (!text) return -1;
    text[strlen(text) - 1] = '\0'; /* drop the closing brace: the arrays follow */
    int rc = fputs(text, out) == EOF || fputs(",\n\"nodes\": [", out) == EOF;
    if (rc == 0) rc = S_put_nodes(x, out, g);
    FILE *tmp = rc == 0 ? tmpfile() : NULL;
    if (rc == 0) rc = fputs("\n],\n\"links\": [", out) == EOF;
    if (rc == 0) rc = S_put_links(x, out, tmp, g);
    if (rc == 0) rc = fputs("\n],\n\"edges\": [", out) == EOF;
    if (rc == 0) rc = tmp ? S_append_file(out, tmp) : S_put_links(x, out, NULL, g);
    if (rc == 0) rc = fputs("\n]}\n", out) == EOF;
    if (tmp) fclose(tmp);
    return rc;
}

/* ---------------------------------------------------------------- entry point */

gx_status gx_emit_json(const gx_graph *g, FILE *out, const char *name, gx_diag *d) {
    S_scratch *x = gx_xcalloc(1, sizeof *x);
    int rc = S_write(x, out, g);
    free(x->text);
    free(x);
    if (rc < 0) return gx_diag_error(d, GX_ELIB, name, 0, "cJSON failed to build the document");
    if (rc > 0 || fflush(out) != 0 || ferror(out))
        return gx_diag_error(d, GX_EIO, name, 0, "write error: %s", strerror(errno));
    return GX_OK;
}

/* ---------------------------------------------------------------- edges JSONL (--edges-jsonl) */

void gx_emit_edge_line(void *ctx, const char *a_id, const char *b_id, const char *relation,
                       const gx_evidence *ev) {
    FILE *out = ctx;
    S_scratch x;
    x.n_num = x.cap = 0;
    x.text = NULL;
    cJSON *o = cJSON_CreateObject();
    int ok = o && S_add_str(o, "source", a_id) == 0 && S_add_str(o, "target", b_id) == 0 &&
             S_add_str(o, "relation", relation) == 0 && S_add_str(o, "doc", ev->doc) == 0 &&
             S_add_num(&x, o, "sentence", ev->sentence) == 0 &&
             S_add_num(&x, o, "start", ev->start) == 0 && S_add_num(&x, o, "end", ev->end) == 0 &&
             S_add_clean(o, "snippet", ev->snippet) == 0 &&
             (!ev->pattern || S_add_clean(o, "pattern", ev->pattern) == 0);
    const char *line = S_print(&x, ok ? o : NULL);
    if (!ok) cJSON_Delete(o);
    if (line) fprintf(out, "%s\n", line);
    else fputs("{\"error\":\"cJSON failed\"}\n", out); /* keeps one line per item */
    free(x.text);
}
