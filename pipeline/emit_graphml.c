/* emit_graphml.c: the finished gx_graph as GraphML, through libxml2's xmlTextWriter.
 *
 * Last stage (emit), one of three emitters (see gx_emit.h). Follows CONTRACT.md §1: default
 * namespace, every <key> before the single <graph>, graph data first, then all nodes, then all
 * edges; prefixed key ids (v_label, e_weight) so Gephi maps them by attr.name; no empty <data>.
 * The writer escapes & < > " and CR; gx_sanitize() has already removed what XML cannot hold.
 */
#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>
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

/* <key id=.. for=.. attr.name=.. attr.type=../>. Returns < 0 on a writer error. */
static int S_key(xmlTextWriterPtr w, const char *id, const char *dom, const char *name,
                 const char *type) {
    char *sid = gx_sanitize(id, strlen(id), NULL), *sname = gx_sanitize(name, strlen(name), NULL);
    int rc = xmlTextWriterStartElement(w, S_X("key")) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("id"), S_X(sid)) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("for"), S_X(dom)) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("attr.name"), S_X(sname)) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("attr.type"), S_X(type)) < 0 ||
                     xmlTextWriterEndElement(w) < 0
                 ? -1
                 : 0;
    free(sid);
    free(sname);
    return rc;
}

/* <data key="key">text</data> with text as it is (clean); nothing when it is empty. */
static int S_data_clean(xmlTextWriterPtr w, const char *key, const char *text) {
    if (!*text) return 0;
    return xmlTextWriterStartElement(w, S_X("data")) < 0 ||
                   xmlTextWriterWriteAttribute(w, S_X("key"), S_X(key)) < 0 ||
                   xmlTextWriterWriteString(w, S_X(text)) < 0 || xmlTextWriterEndElement(w) < 0
               ? -1
               : 0;
}

/* <data key="key">text</data> with text sanitized; nothing when the result is empty. */
static int S_data(xmlTextWriterPtr w, const char *key, const char *text) {
    char *own;
    int rc = S_data_clean(w, key, gx_sanitized(text, &own));
    free(own);
    return rc;
}

static int S_data_u32(xmlTextWriterPtr w, const char *key, uint32_t v) {
    char buf[16];
    snprintf(buf, sizeof buf, "%" PRIu32, v);
    return S_data_clean(w, key, buf);
}

static int S_data_num(xmlTextWriterPtr w, const char *key, double v) {
    char buf[40];
    gx_emit_number(v, buf, sizeof buf);
    return S_data_clean(w, key, buf);
}

/* Evidence as a JSON array in a string attribute (GraphML has no list type); its strings are
 * already sanitized. */
static int S_data_evidence(xmlTextWriterPtr w, gx_jsonbuf *b, const char *key,
                           const gx_evidence *ev, uint32_t n) {
    const char *t = gx_emit_evidence_text(b, ev, n);
    return t ? S_data_clean(w, key, t) : 0;
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

static int S_write_keys(xmlTextWriterPtr w, const gx_graph *g, const S_maxima *m, gx_diag *d,
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
        if (S_key(w, id, "graph", k, "string") < 0) return -1;
    }
    uint32_t big = m->node_mentions > m->edge_count ? m->node_mentions : m->edge_count;
    for (size_t i = 0; i < sizeof S_keys / sizeof *S_keys; i++) {
        const char *type = strcmp(S_keys[i].type, "count") == 0 ? S_int_type(big) : S_keys[i].type;
        if (S_key(w, S_keys[i].id, S_keys[i].dom, S_keys[i].name, type) < 0) return -1;
    }
    return 0;
}

static int S_write_graph_data(xmlTextWriterPtr w, const gx_graph *g) {
    for (size_t i = 0; i < gx_graph_info_count(g); i++) {
        const char *k, *v;
        char id[256];
        gx_graph_info(g, i, &k, &v);
        if (!S_is_ident(k) || (size_t)snprintf(id, sizeof id, "g_%s", k) >= sizeof id) continue;
        if (S_data(w, id, v) < 0) return -1;
    }
    return 0;
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

static int S_attr(xmlTextWriterPtr w, const char *name, const char *value) {
    return xmlTextWriterWriteAttribute(w, S_X(name), S_X(value)) < 0 ? -1 : 0;
}

/* <data key="v_gfx"><y:ShapeNode> with geometry, fill, label and shape. */
static int S_yed_node(xmlTextWriterPtr w, const gx_node *n) {
    char width[32];
    size_t chars = 0;
    for (const char *p = n->label; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
    snprintf(width, sizeof width, "%zu.0", 20 + 14 * (chars < 40 ? chars : 40));
    char *label = gx_sanitize(n->label, strlen(n->label), NULL);
    int rc = xmlTextWriterStartElement(w, S_X("data")) < 0 || S_attr(w, "key", "v_gfx") < 0 ||
             xmlTextWriterStartElement(w, S_X("y:ShapeNode")) < 0 ||
             xmlTextWriterStartElement(w, S_X("y:Geometry")) < 0 || S_attr(w, "height", "30.0") < 0 ||
             S_attr(w, "width", width) < 0 || S_attr(w, "x", "0.0") < 0 || S_attr(w, "y", "0.0") < 0 ||
             xmlTextWriterEndElement(w) < 0 || xmlTextWriterStartElement(w, S_X("y:Fill")) < 0 ||
             S_attr(w, "color", S_yed_style[n->kind].fill) < 0 || S_attr(w, "transparent", "false") < 0 ||
             xmlTextWriterEndElement(w) < 0 || xmlTextWriterStartElement(w, S_X("y:NodeLabel")) < 0 ||
             xmlTextWriterWriteString(w, S_X(label)) < 0 || xmlTextWriterEndElement(w) < 0 ||
             xmlTextWriterStartElement(w, S_X("y:Shape")) < 0 ||
             S_attr(w, "type", S_yed_style[n->kind].shape) < 0 || xmlTextWriterEndElement(w) < 0 ||
             xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0
                 ? -1
                 : 0;
    free(label);
    return rc;
}

/* <data key="e_gfx"><y:PolyLineEdge>: width by weight, an arrow from the head of a directed
 * relation, the relation as label when one is stated. */
static int S_yed_edge(xmlTextWriterPtr w, const gx_edge *e, const char *rel) {
    char width[32];
    snprintf(width, sizeof width, "%.1f", 1.0 + log1p((double)e->count));
    const char *src = e->head == e->target ? "standard" : "none";
    const char *dst = e->head == e->source ? "standard" : "none";
    int rc = xmlTextWriterStartElement(w, S_X("data")) < 0 || S_attr(w, "key", "e_gfx") < 0 ||
             xmlTextWriterStartElement(w, S_X("y:PolyLineEdge")) < 0 ||
             xmlTextWriterStartElement(w, S_X("y:LineStyle")) < 0 ||
             S_attr(w, "color", e->relations ? "#1F77B4" : "#7F7F7F") < 0 ||
             S_attr(w, "type", "line") < 0 || S_attr(w, "width", width) < 0 ||
             xmlTextWriterEndElement(w) < 0 || xmlTextWriterStartElement(w, S_X("y:Arrows")) < 0 ||
             S_attr(w, "source", src) < 0 || S_attr(w, "target", dst) < 0 ||
             xmlTextWriterEndElement(w) < 0;
    if (!rc && e->relations)
        rc = xmlTextWriterStartElement(w, S_X("y:EdgeLabel")) < 0 ||
             xmlTextWriterWriteString(w, S_X(rel)) < 0 || xmlTextWriterEndElement(w) < 0;
    return rc || xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------- nodes and edges */

static int S_write_node(xmlTextWriterPtr w, gx_jsonbuf *b, const gx_node *n, int yed) {
    char *own;
    const char *id = gx_sanitized(n->id, &own);
    int rc = xmlTextWriterStartElement(w, S_X("node")) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("id"), S_X(id)) < 0 ||
                     S_data(w, "v_label", n->label) < 0 || S_data(w, "v_name", n->label) < 0 ||
                     S_data(w, "v_kind", gx_kind_name(n->kind)) < 0 ||
                     S_data_u32(w, "v_mentions", n->mentions) < 0 ||
                     S_data_u32(w, "v_documents", n->documents) < 0 ||
                     S_data_u32(w, "v_degree", n->degree) < 0 ||
                     S_data(w, "v_aliases", n->aliases) < 0 ||
                     S_data(w, "v_first_document", n->first_doc) < 0 ||
                     S_data_evidence(w, b, "v_evidence", n->evidence, n->n_evidence) < 0 ||
                     (yed && S_yed_node(w, n) < 0) || xmlTextWriterEndElement(w) < 0
                 ? -1
                 : 0;
    free(own);
    return rc;
}

/* Edge i as <edge id="e<i>">. The weight is the count, a double written like cJSON writes an
 * integral double ("3", not "3.0"), so all three formats carry the same bytes. */
static int S_write_edge(xmlTextWriterPtr w, gx_jsonbuf *b, const gx_graph *g, size_t i,
                        int yed) {
    const gx_edge *e = gx_graph_edge(g, i);
    const gx_node *s = gx_graph_node(g, e->source), *t = gx_graph_node(g, e->target);
    char eid[32], rel[128];
    snprintf(eid, sizeof eid, "e%zu", i);
    char *sown, *town;
    const char *sid = gx_sanitized(s->id, &sown), *tid = gx_sanitized(t->id, &town);
    const char *head = e->head == UINT32_MAX ? "" : gx_graph_node(g, e->head)->id;
    int rc = xmlTextWriterStartElement(w, S_X("edge")) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("id"), S_X(eid)) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("source"), S_X(sid)) < 0 ||
                     xmlTextWriterWriteAttribute(w, S_X("target"), S_X(tid)) < 0 ||
                     S_data_u32(w, "e_weight", e->count) < 0 ||
                     S_data(w, "e_relation", gx_edge_relation_text(e, rel, sizeof rel)) < 0 ||
                     S_data(w, "e_head", head) < 0 || S_data_u32(w, "e_count", e->count) < 0 ||
                     S_data_u32(w, "e_sentences", e->sentences) < 0 ||
                     S_data_u32(w, "e_documents", e->documents) < 0 ||
                     S_data_num(w, "e_pmi", e->pmi) < 0 || S_data_num(w, "e_npmi", e->npmi) < 0 ||
                     S_data_num(w, "e_jaccard", e->jaccard) < 0 ||
                     S_data_num(w, "e_dice", e->dice) < 0 ||
                     S_data_evidence(w, b, "e_evidence", e->evidence, e->n_evidence) < 0 ||
                     (yed && S_yed_edge(w, e, rel) < 0) || xmlTextWriterEndElement(w) < 0
                 ? -1
                 : 0;
    free(sown);
    free(town);
    return rc;
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

/* <key id=.. for=.. yfiles.type=../> of the yEd extension. */
static int S_yed_key(xmlTextWriterPtr w, const char *id, const char *dom, const char *type) {
    return xmlTextWriterStartElement(w, S_X("key")) < 0 || S_attr(w, "id", id) < 0 ||
                   S_attr(w, "for", dom) < 0 || S_attr(w, "yfiles.type", type) < 0 ||
                   xmlTextWriterEndElement(w) < 0
               ? -1
               : 0;
}

/* The whole document. Returns < 0 on a writer error. */
static int S_write_doc(xmlTextWriterPtr w, const gx_graph *g, gx_diag *d, const char *name,
                       int yed) {
    S_maxima m;
    S_maxima_of(g, &m);
    if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElement(w, S_X("graphml")) < 0 ||
        xmlTextWriterWriteAttribute(w, S_X("xmlns"), S_X(S_NS)) < 0 ||
        xmlTextWriterWriteAttribute(w, S_X("xmlns:xsi"), S_X(S_XSI)) < 0 ||
        (yed && xmlTextWriterWriteAttribute(w, S_X("xmlns:y"), S_X(S_YNS)) < 0) ||
        xmlTextWriterWriteAttribute(w, S_X("xsi:schemaLocation"), S_X(yed ? S_YSCHEMA : S_SCHEMA)) < 0 ||
        S_write_keys(w, g, &m, d, name) < 0 ||
        (yed && (S_yed_key(w, "v_gfx", "node", "nodegraphics") < 0 ||
                 S_yed_key(w, "e_gfx", "edge", "edgegraphics") < 0)) ||
        xmlTextWriterStartElement(w, S_X("graph")) < 0 ||
        xmlTextWriterWriteAttribute(w, S_X("id"), S_X("G")) < 0 ||
        xmlTextWriterWriteAttribute(w, S_X("edgedefault"), S_X("undirected")) < 0 ||
        S_write_graph_data(w, g) < 0)
        return -1;
    gx_jsonbuf *b = gx_jsonbuf_new();
    int rc = 0;
    for (size_t i = 0; i < gx_graph_node_count(g) && rc == 0; i++)
        rc = S_write_node(w, b, gx_graph_node(g, i), yed);
    for (size_t i = 0; i < gx_graph_edge_count(g) && rc == 0; i++)
        rc = S_write_edge(w, b, g, i, yed);
    gx_jsonbuf_free(b);
    return rc < 0 || xmlTextWriterEndDocument(w) < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------- entry point */

static gx_status S_emit(const gx_graph *g, FILE *out, const char *name, gx_diag *d, int yed) {
    gx_status st = GX_OK;
    xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL); /* does not close out */
    if (!buf) return gx_diag_error(d, GX_ELIB, name, 0, "libxml2 cannot create an output buffer");
    xmlTextWriterPtr w = xmlNewTextWriter(buf); /* owns buf from here on */
    if (!w) {
        st = gx_diag_error(d, GX_ELIB, name, 0, "libxml2 cannot create a text writer");
        goto exit_buf_created;
    }
    if (xmlTextWriterSetIndent(w, 1) < 0 || xmlTextWriterSetIndentString(w, S_X("  ")) < 0 ||
        S_write_doc(w, g, d, name, yed) < 0 || xmlTextWriterFlush(w) < 0) {
        st = ferror(out) ? gx_diag_error(d, GX_EIO, name, 0, "write error: %s", strerror(errno))
                         : gx_diag_error(d, GX_ELIB, name, 0, "libxml2 failed to write GraphML");
    } else if (ferror(out)) {
        st = gx_diag_error(d, GX_EIO, name, 0, "write error: %s", strerror(errno));
    }
    xmlFreeTextWriter(w);
    return st;

exit_buf_created:
    xmlOutputBufferClose(buf);
    return st;
}

gx_status gx_emit_graphml(const gx_graph *g, FILE *out, const char *name, gx_diag *d) {
    return S_emit(g, out, name, d, 0);
}

gx_status gx_emit_graphml_yed(const gx_graph *g, FILE *out, const char *name, gx_diag *d) {
    return S_emit(g, out, name, d, 1);
}
