/* emit_graphml.c: the finished gx_graph as GraphML, through libxml2's output buffer.
 *
 * Last stage (emit), one of three emitters (see gx_emit.h). Follows CONTRACT.md §1: default
 * namespace, every <key> before the single <graph>, graph data first, then all nodes, then all
 * edges; prefixed key ids (v_label, e_weight) so Gephi maps them by attr.name; no empty <data>.
 * libxml2 escapes every string: text with xmlEncodeSpecialChars (& < > " CR), attribute values
 * with xmlAttrSerializeTxtContent; graph.c has already removed what XML cannot hold. The
 * markup around them is guanxi's own, indented two spaces a level as xmlTextWriter indents it:
 * the writer cost four library calls, a copy of the element name and a list operation per
 * <data>, most of the time of the whole emitter.
 */
#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/entities.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include "emit_int.h"

#define S_NS     "http://graphml.graphdrawing.org/xmlns"
#define S_XSI    "http://www.w3.org/2001/XMLSchema-instance"
#define S_SCHEMA S_NS " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
#define S_YNS    "http://www.yworks.com/xml/graphml"
#define S_YSCHEMA S_NS " http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"

#define S_X(s) ((const xmlChar *)(s))

/* Largest counts over the graph: a count above INT32_MAX needs attr.type "long" (Gephi reads
 * "int" as a Java int, CONTRACT.md §0 Numbers). */
typedef struct {
    uint32_t node_mentions, node_documents, edge_count, edge_documents;
} S_maxima;

/* ---------------------------------------------------------------- small writers */

/* 1 if key is an ASCII identifier, so that "g_<key>" is an XSD NMTOKEN. */
static int S_is_ident(const char *s) {
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_')) return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

static const char *S_int_type(uint32_t max) {
    return max > INT32_MAX ? "long" : "int";
}

/* ---------------------------------------------------------------- the XML writer */

/* The output and where the markup stands. Errors are kept in err and checked at the end. */
#define S_STAGE_BYTES 65536

typedef struct {
    xmlOutputBufferPtr out;
    char stage[S_STAGE_BYTES]; /* markup and text gathered for one xmlOutputBufferWrite */
    size_t staged;
    xmlBufferPtr attr; /* an attribute value being escaped */
    int depth;         /* elements open */
    int open;          /* 1 while the last start tag may still take attributes */
    int err;
} S_xml;

/* Hands the staged bytes to libxml2's buffer (one call instead of one per piece). */
static void S_flush(S_xml *x) {
    if (x->staged && xmlOutputBufferWrite(x->out, (int)x->staged, x->stage) < 0) x->err = 1;
    x->staged = 0;
}

static void S_raw(S_xml *x, const char *s) {
    size_t n = strlen(s);
    if (x->staged + n > S_STAGE_BYTES) S_flush(x);
    if (n > S_STAGE_BYTES) {
        if (xmlOutputBufferWrite(x->out, (int)n, s) < 0) x->err = 1;
        return;
    }
    memcpy(x->stage + x->staged, s, n);
    x->staged += n;
}

/* Text content, escaped by libxml2. */
static void S_text(S_xml *x, const char *s) {
    xmlChar *e = xmlEncodeSpecialChars(NULL, S_X(s));
    if (!e) x->err = 1;
    else S_raw(x, (const char *)e);
    xmlFree(e);
}

static void S_indent(S_xml *x) {
    static const char spaces[] = "                                ";
    int n = 2 * x->depth;
    for (; n > (int)sizeof spaces - 1; n -= (int)sizeof spaces - 1) S_raw(x, spaces);
    S_raw(x, spaces + (sizeof spaces - 1 - (size_t)n));
}

/* <name on a line of its own; the element before, if its start tag is open, gets children. */
static void S_begin(S_xml *x, const char *name) {
    if (x->open) S_raw(x, ">\n");
    S_indent(x);
    S_raw(x, "<");
    S_raw(x, name);
    x->open = 1;
    x->depth++;
}

/* name="value" in the open start tag, the value escaped by libxml2. */
static void S_attr(S_xml *x, const char *name, const char *value) {
    xmlBufferEmpty(x->attr);
    xmlAttrSerializeTxtContent(x->attr, NULL, NULL, S_X(value));
    S_raw(x, " ");
    S_raw(x, name);
    S_raw(x, "=\"");
    S_raw(x, (const char *)xmlBufferContent(x->attr));
    S_raw(x, "\"");
}

/* Closes the innermost element: "/>" when it has no children, else </name> on its own line. */
static void S_end(S_xml *x, const char *name) {
    x->depth--;
    if (x->open) {
        S_raw(x, "/>\n");
        x->open = 0;
        return;
    }
    S_indent(x);
    S_raw(x, "</");
    S_raw(x, name);
    S_raw(x, ">\n");
}

/* Closes the innermost element (name) around text, escaped unless clean (digits). */
static void S_end_text(S_xml *x, const char *name, const char *text, int clean) {
    S_raw(x, ">");
    if (clean) S_raw(x, text);
    else S_text(x, text);
    S_raw(x, "</");
    S_raw(x, name);
    S_raw(x, ">\n");
    x->open = 0;
    x->depth--;
}

/* ---------------------------------------------------------------- small writers */

/* <key id=.. for=.. attr.name=.. attr.type=../>. */
static void S_key(S_xml *x, const char *id, const char *dom, const char *name, const char *type) {
    S_begin(x, "key");
    S_attr(x, "id", id);
    S_attr(x, "for", dom);
    S_attr(x, "attr.name", name);
    S_attr(x, "attr.type", type);
    S_end(x, "key");
}

/* <data key="key">text</data>, text escaped (escape) or digits; nothing when it is empty. */
static void S_data_as(S_xml *x, const char *key, const char *text, int escape) {
    if (!*text) return;
    S_begin(x, "data");
    S_raw(x, " key=\""); /* key ids are guanxi's identifiers: nothing to escape */
    S_raw(x, key);
    S_raw(x, "\"");
    S_end_text(x, "data", text, !escape);
}

/* <data key="key">text</data>, text escaped; nothing when it is empty. */
static void S_data(S_xml *x, const char *key, const char *text) { S_data_as(x, key, text, 1); }

static void S_data_u32(S_xml *x, const char *key, uint32_t v) {
    char buf[16];
    snprintf(buf, sizeof buf, "%" PRIu32, v);
    S_data_as(x, key, buf, 0);
}

static void S_data_num(S_xml *x, const char *key, double v) {
    char buf[40];
    gx_emit_number(v, buf, sizeof buf);
    S_data_as(x, key, buf, 0); /* digits, '.', '-', 'e', '+': nothing to escape */
}

/* Evidence as a JSON array in a string attribute (GraphML has no list type); its strings are
 * already sanitized. */
static void S_data_evidence(S_xml *x, gx_jsonbuf *b, const char *key, const gx_evidence *ev,
                            uint32_t n) {
    if (!n) return;
    const char *t = gx_emit_evidence_text(b, ev, n);
    if (t) S_data_as(x, key, t, 1);
    else x->err = 1;
}

/* ---------------------------------------------------------------- document parts */

/* The node and edge keys. Columns: id, for, attr.name, attr.type ("count": int, or long when a
 * value passes INT32_MAX). Key ids are prefixed (v_, e_) so Gephi maps label and weight by
 * attr.name (CONTRACT.md §1). */
static const struct {
    const char *id, *dom, *name, *type;
} S_keys[] = {
    {"v_label", "node", "label", "string"},        {"v_name", "node", "name", "string"},
    {"v_kind", "node", "kind", "string"},          {"v_mentions", "node", "mentions", "count"},
    {"v_documents", "node", "documents", "count"}, {"v_degree", "node", "degree", "count"},
    {"v_aliases", "node", "aliases", "string"},    {"v_first_document", "node", "first_document", "string"},
    {"v_evidence", "node", "evidence", "string"},  {"e_weight", "edge", "weight", "double"},
    {"e_relation", "edge", "relation", "string"},  {"e_head", "edge", "head", "string"},
    {"e_count", "edge", "count", "count"},         {"e_sentences", "edge", "sentences", "count"},
    {"e_documents", "edge", "documents", "count"}, {"e_pmi", "edge", "pmi", "double"},
    {"e_npmi", "edge", "npmi", "double"},          {"e_jaccard", "edge", "jaccard", "double"},
    {"e_dice", "edge", "dice", "double"},          {"e_evidence", "edge", "evidence", "string"},
};

static void S_write_keys(S_xml *x, const gx_graph *g, const S_maxima *m, gx_diag *d,
                         const char *name) {
    for (size_t i = 0; i < gx_graph_info_count(g); i++) {
        const char *k, *v;
        gx_graph_info(g, i, &k, &v);
        if (!S_is_ident(k)) {
            gx_diag_warn(d, name, 0, "graph attribute '%s' is not an identifier; not written", k);
            continue;
        }
        char id[256];
        if ((size_t)snprintf(id, sizeof id, "g_%s", k) >= sizeof id) continue;
        S_key(x, id, "graph", k, "string");
    }
    uint32_t big = m->node_mentions > m->edge_count ? m->node_mentions : m->edge_count;
    for (size_t i = 0; i < sizeof S_keys / sizeof *S_keys; i++) {
        const char *type = strcmp(S_keys[i].type, "count") == 0 ? S_int_type(big) : S_keys[i].type;
        S_key(x, S_keys[i].id, S_keys[i].dom, S_keys[i].name, type);
    }
}

static void S_write_graph_data(S_xml *x, const gx_graph *g) {
    for (size_t i = 0; i < gx_graph_info_count(g); i++) {
        const char *k, *v;
        char id[256];
        gx_graph_info(g, i, &k, &v);
        if (!S_is_ident(k) || (size_t)snprintf(id, sizeof id, "g_%s", k) >= sizeof id) continue;
        S_data(x, id, v);
    }
}

/* ---------------------------------------------------------------- yEd (--yed) */

/* Node look in yEd per kind: fill colour and shape (the DOT palette). */
static const struct {
    const char *fill, *shape;
} S_yed_style[GX_KIND_COUNT] = {
    [GX_KIND_ORG] = {"#AEC7E8", "roundrectangle"},
    [GX_KIND_PERSON] = {"#FFBB78", "ellipse"},
    [GX_KIND_PLACE] = {"#98DF8A", "hexagon"},
    [GX_KIND_PROGRAM] = {"#C5B0D5", "parallelogram"},
};

/* An empty element with attributes: <name a="v" .../>, pairs NULL-terminated. */
static void S_empty(S_xml *x, const char *name, const char *const *pairs) {
    S_begin(x, name);
    for (; pairs[0]; pairs += 2) S_attr(x, pairs[0], pairs[1]);
    S_end(x, name);
}

/* <data key="v_gfx"><y:ShapeNode> with geometry, fill, label and shape. */
static void S_yed_node(S_xml *x, const gx_node *n) {
    char width[32];
    size_t chars = 0;
    for (const char *p = n->label; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
    snprintf(width, sizeof width, "%zu.0", 20 + 14 * (chars < 40 ? chars : 40));
    S_begin(x, "data");
    S_attr(x, "key", "v_gfx");
    S_begin(x, "y:ShapeNode");
    S_empty(x, "y:Geometry",
            (const char *const[]){"height", "30.0", "width", width, "x", "0.0", "y", "0.0", NULL});
    S_empty(x, "y:Fill",
            (const char *const[]){"color", S_yed_style[n->kind].fill, "transparent", "false", NULL});
    S_begin(x, "y:NodeLabel");
    S_end_text(x, "y:NodeLabel", n->label, 0);
    S_empty(x, "y:Shape", (const char *const[]){"type", S_yed_style[n->kind].shape, NULL});
    S_end(x, "y:ShapeNode");
    S_end(x, "data");
}

/* <data key="e_gfx"><y:PolyLineEdge>: width by weight, an arrow from the head of a directed
 * relation, the relation as label when one is stated. */
static void S_yed_edge(S_xml *x, const gx_edge *e, const char *rel) {
    char width[32];
    snprintf(width, sizeof width, "%.1f", 1.0 + log1p((double)e->count));
    const char *src = e->head == e->target ? "standard" : "none";
    const char *dst = e->head == e->source ? "standard" : "none";
    S_begin(x, "data");
    S_attr(x, "key", "e_gfx");
    S_begin(x, "y:PolyLineEdge");
    S_empty(x, "y:LineStyle",
            (const char *const[]){"color", e->relations ? "#1F77B4" : "#7F7F7F", "type", "line",
                                  "width", width, NULL});
    S_empty(x, "y:Arrows", (const char *const[]){"source", src, "target", dst, NULL});
    if (e->relations) {
        S_begin(x, "y:EdgeLabel");
        S_end_text(x, "y:EdgeLabel", rel, 0);
    }
    S_end(x, "y:PolyLineEdge");
    S_end(x, "data");
}

/* ---------------------------------------------------------------- nodes and edges */

static void S_write_node(S_xml *x, gx_jsonbuf *b, const gx_node *n, int yed) {
    S_begin(x, "node");
    S_attr(x, "id", n->id);
    S_data(x, "v_label", n->label);
    S_data(x, "v_name", n->label);
    S_data(x, "v_kind", gx_kind_name(n->kind));
    S_data_u32(x, "v_mentions", n->mentions);
    S_data_u32(x, "v_documents", n->documents);
    S_data_u32(x, "v_degree", n->degree);
    S_data(x, "v_aliases", n->aliases);
    S_data(x, "v_first_document", n->first_doc);
    S_data_evidence(x, b, "v_evidence", n->evidence, n->n_evidence);
    if (yed) S_yed_node(x, n);
    S_end(x, "node");
}

/* Edge i as <edge id="e<i>">. The weight is the count, a double written like cJSON writes an
 * integral double ("3", not "3.0"), so all three formats carry the same bytes. */
static void S_write_edge(S_xml *x, gx_jsonbuf *b, const gx_graph *g, size_t i, int yed) {
    const gx_edge *e = gx_graph_edge(g, i);
    char eid[32], rel[128];
    snprintf(eid, sizeof eid, "e%zu", i);
    S_begin(x, "edge");
    S_attr(x, "id", eid);
    S_attr(x, "source", gx_graph_node(g, e->source)->id);
    S_attr(x, "target", gx_graph_node(g, e->target)->id);
    S_data_u32(x, "e_weight", e->count);
    S_data(x, "e_relation", gx_edge_relation_text(e, rel, sizeof rel));
    S_data(x, "e_head", e->head == UINT32_MAX ? "" : gx_graph_node(g, e->head)->id);
    S_data_u32(x, "e_count", e->count);
    S_data_u32(x, "e_sentences", e->sentences);
    S_data_u32(x, "e_documents", e->documents);
    S_data_num(x, "e_pmi", e->pmi);
    S_data_num(x, "e_npmi", e->npmi);
    S_data_num(x, "e_jaccard", e->jaccard);
    S_data_num(x, "e_dice", e->dice);
    S_data_evidence(x, b, "e_evidence", e->evidence, e->n_evidence);
    if (yed) S_yed_edge(x, e, rel);
    S_end(x, "edge");
}

static void S_maxima_of(const gx_graph *g, S_maxima *m) {
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < gx_graph_node_count(g); i++) {
        const gx_node *n = gx_graph_node(g, i);
        if (n->mentions > m->node_mentions) m->node_mentions = n->mentions;
        if (n->documents > m->node_documents) m->node_documents = n->documents;
    }
    for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        if (e->count > m->edge_count) m->edge_count = e->count;
        if (e->documents > m->edge_documents) m->edge_documents = e->documents;
    }
}

/* The whole document; errors are left in x->err. */
static void S_write_doc(S_xml *x, const gx_graph *g, gx_diag *d, const char *name, int yed) {
    S_maxima m;
    S_maxima_of(g, &m);
    S_raw(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    S_begin(x, "graphml");
    S_attr(x, "xmlns", S_NS);
    S_attr(x, "xmlns:xsi", S_XSI);
    if (yed) S_attr(x, "xmlns:y", S_YNS);
    S_attr(x, "xsi:schemaLocation", yed ? S_YSCHEMA : S_SCHEMA);
    S_write_keys(x, g, &m, d, name);
    if (yed) {
        S_empty(x, "key", (const char *const[]){"id", "v_gfx", "for", "node", "yfiles.type",
                                                "nodegraphics", NULL});
        S_empty(x, "key", (const char *const[]){"id", "e_gfx", "for", "edge", "yfiles.type",
                                                "edgegraphics", NULL});
    }
    S_begin(x, "graph");
    S_attr(x, "id", "G");
    S_attr(x, "edgedefault", "undirected");
    S_write_graph_data(x, g);
    gx_jsonbuf *b = gx_jsonbuf_new();
    for (size_t i = 0; i < gx_graph_node_count(g) && !x->err; i++)
        S_write_node(x, b, gx_graph_node(g, i), yed);
    for (size_t i = 0; i < gx_graph_edge_count(g) && !x->err; i++) S_write_edge(x, b, g, i, yed);
    gx_jsonbuf_free(b);
    S_end(x, "graph");
    S_end(x, "graphml");
}

/* ---------------------------------------------------------------- entry point */

static gx_status S_emit(const gx_graph *g, FILE *out, const char *name, gx_diag *d, int yed) {
    S_xml *x = gx_xcalloc(1, sizeof *x);
    x->out = xmlOutputBufferCreateFile(out, NULL);
    x->attr = xmlBufferCreate();
    if (!x->out || !x->attr) {
        if (x->out) xmlOutputBufferClose(x->out);
        xmlBufferFree(x->attr);
        free(x);
        return gx_diag_error(d, GX_ELIB, name, 0, "libxml2 cannot create an output buffer");
    }
    S_write_doc(x, g, d, name, yed);
    S_flush(x);
    int closed = xmlOutputBufferClose(x->out); /* flushes; does not close out */
    int bad = x->err || closed < 0;
    xmlBufferFree(x->attr);
    free(x);
    if (bad || ferror(out))
        return ferror(out) ? gx_diag_error(d, GX_EIO, name, 0, "write error: %s", strerror(errno))
                           : gx_diag_error(d, GX_ELIB, name, 0, "libxml2 failed to write GraphML");
    return GX_OK;
}

gx_status gx_emit_graphml(const gx_graph *g, FILE *out, const char *name, gx_diag *d) {
    return S_emit(g, out, name, d, 0);
}

gx_status gx_emit_graphml_yed(const gx_graph *g, FILE *out, const char *name, gx_diag *d) {
    return S_emit(g, out, name, d, 1);
}
