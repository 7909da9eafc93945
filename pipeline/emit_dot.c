/* emit_dot.c: the finished gx_graph as Graphviz DOT, through cgraph (agopen ... agwrite).
 *
 * Last stage (emit), one of three emitters (see gx_emit.h). Follows CONTRACT.md §2: an undirected
 * `graph kg`, sfdp layout defaults, a CJK font everywhere, ASCII node names, labels escaped as
 * escString because agwrite never escapes backslashes, every value under 16000 bytes, and the
 * real weight kept in `w` while `weight` is the integer layout weight. Edges are named e<k>
 * (agwrite writes key=e<k>), the ids GraphML and JSON use. Nodes and edges are created in gx_graph
 * order: agwrite keeps the edge order and writes each node just before its first use; it sorts each
 * attribute list by name. Both are deterministic. Edges carry no evidence: DOT is for drawing,
 * and one unique snippet per edge was a third of the DOT cost (cgraph interns every value and
 * agwrite scans it to quote it); GraphML, JSON and --edges-jsonl hold the evidence.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <graphviz/cgraph.h>
#include <unicode/utf8.h>
#include "emit_int.h"

/* Budget for one attribute value as written in the file: Graphviz 2.42's scanner rejects quoted
 * strings over 16384 bytes (CONTRACT.md §2 Length). */
#define S_MAX_VALUE_BYTES 16000
/* Cap on the layout `weight` (an int to Graphviz); heavier edges gain nothing in the layout. */
#define S_MAX_LAYOUT_WEIGHT 1000
#define S_ELLIPSIS          "\xE2\x80\xA6" /* U+2026 HORIZONTAL ELLIPSIS, marks a cut label */
#define S_FONT              "Noto Sans CJK SC"

/* Node look per kind. Columns: shape, fill colour (light tints, so black text stays readable). */
static const struct {
    const char *shape, *fill;
} S_kind_style[GX_KIND_COUNT] = {
    [GX_KIND_ORG] = {"box", "#AEC7E8"},        /* light blue */
    [GX_KIND_PERSON] = {"ellipse", "#FFBB78"}, /* light orange */
    [GX_KIND_PLACE] = {"hexagon", "#98DF8A"},  /* light green */
    [GX_KIND_PROGRAM] = {"note", "#C5B0D5"},   /* light purple */
};

/* Attributes declared before any object, so every file lists them the same way. Columns: object
 * kind, name, default ("" = no default; agwrite then omits it from the defaults line). */
static const struct {
    int kind;
    const char *name, *def;
} S_attrs[] = {
    {AGRAPH, "charset", "UTF-8"},
    {AGRAPH, "layout", "sfdp"},
    {AGRAPH, "overlap", "prism"},
    {AGRAPH, "outputorder", "edgesfirst"},
    {AGRAPH, "splines", "false"},
    {AGRAPH, "fontname", S_FONT},
    {AGNODE, "fontname", S_FONT},
    {AGNODE, "style", "filled"},
    {AGNODE, "label", "\\N"},
    {AGNODE, "kind", ""},
    {AGNODE, "mentions", ""},
    {AGNODE, "documents", ""},
    {AGNODE, "shape", ""},
    {AGNODE, "fillcolor", ""},
    {AGEDGE, "fontname", S_FONT},
    {AGEDGE, "relation", ""},
    {AGEDGE, "head", ""},
    {AGEDGE, "dir", ""},
    {AGEDGE, "sentences", ""},
    {AGEDGE, "count", ""},
    {AGEDGE, "documents", ""},
    {AGEDGE, "w", ""},
    {AGEDGE, "weight", ""},
    {AGEDGE, "penwidth", ""},
};

/* ---------------------------------------------------------------- label escaping */

/* Escapes whole code points of s[0..n) (sanitized UTF-8) into out at *j as escString: `\` -> `\\`,
 * LF -> `\n`. Stops before the code point that would take the value past budget bytes in the
 * file (agwrite writes `"` as `\"`, so it counts 2). Returns the bytes of s consumed. */
static size_t S_escape(const uint8_t *s, size_t n, size_t budget, char *out, size_t *j) {
    size_t i = 0, used = 0;
    while (i < n) {
        size_t start = i;
        U8_FWD_1(s, i, n);
        size_t cost = i - start;
        if (s[start] == '\\' || s[start] == '\n' || s[start] == '"') cost = 2;
        if (used + cost > budget) return start;
        used += cost;
        if (s[start] == '\\' || s[start] == '\n') {
            out[(*j)++] = '\\';
            out[(*j)++] = s[start] == '\n' ? 'n' : '\\';
        } else {
            memcpy(out + *j, s + start, i - start);
            *j += i - start;
        }
    }
    return n;
}

/* The DOT label for s (sanitized, as every graph string): escaped, cut at a code point with "…"
 * when too long. It is s itself when that needs none of it (the usual case: *owned = NULL), else
 * a copy that is also put in *owned for the caller to free(). */
static const char *S_label(const char *s, char **owned) {
    size_t n = strlen(s);
    *owned = NULL;
    if (n < S_MAX_VALUE_BYTES / 2 && !strpbrk(s, "\\\n")) return s; /* nothing to escape or cut */
    size_t cap = (n < S_MAX_VALUE_BYTES / 2 ? 2 * n : S_MAX_VALUE_BYTES) + sizeof S_ELLIPSIS;
    char *out = gx_xmalloc(cap);
    size_t j = 0;
    if (S_escape((const uint8_t *)s, n, S_MAX_VALUE_BYTES, out, &j) < n) {
        j = 0;
        S_escape((const uint8_t *)s, n, S_MAX_VALUE_BYTES - strlen(S_ELLIPSIS), out, &j);
        memcpy(out + j, S_ELLIPSIS, strlen(S_ELLIPSIS));
        j += strlen(S_ELLIPSIS);
    }
    out[j] = '\0';
    *owned = out;
    return out;
}

/* ---------------------------------------------------------------- graph building */

/* The declared attributes set per object, looked up once (agsafeset would search cgraph's
 * attribute dictionary by name at every call). */
typedef struct {
    Agsym_t *label, *kind, *mentions, *n_documents, *shape, *fillcolor;
    Agsym_t *relation, *head, *dir, *sentences, *count, *e_documents, *w, *weight,
        *penwidth;
} S_syms;

static int S_find_syms(Agraph_t *ag, S_syms *y) {
    static const struct {
        int kind;
        const char *name;
        size_t off;
    } want[] = {
        {AGNODE, "label", offsetof(S_syms, label)},
        {AGNODE, "kind", offsetof(S_syms, kind)},
        {AGNODE, "mentions", offsetof(S_syms, mentions)},
        {AGNODE, "documents", offsetof(S_syms, n_documents)},
        {AGNODE, "shape", offsetof(S_syms, shape)},
        {AGNODE, "fillcolor", offsetof(S_syms, fillcolor)},
        {AGEDGE, "relation", offsetof(S_syms, relation)},
        {AGEDGE, "head", offsetof(S_syms, head)},
        {AGEDGE, "dir", offsetof(S_syms, dir)},
        {AGEDGE, "sentences", offsetof(S_syms, sentences)},
        {AGEDGE, "count", offsetof(S_syms, count)},
        {AGEDGE, "documents", offsetof(S_syms, e_documents)},
        {AGEDGE, "w", offsetof(S_syms, w)},
        {AGEDGE, "weight", offsetof(S_syms, weight)},
        {AGEDGE, "penwidth", offsetof(S_syms, penwidth)},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        Agsym_t *sym = agattr(ag, want[i].kind, (char *)want[i].name, NULL);
        if (!sym) return -1;
        *(Agsym_t **)((char *)y + want[i].off) = sym;
    }
    return 0;
}

static int S_set_u32(void *obj, Agsym_t *sym, uint32_t v) {
    char buf[24];
    gx_emit_number(v, buf, sizeof buf); /* the digits, as GraphML and JSON write them */
    return agxset(obj, sym, buf);
}

/* Creates node n (named by its id) with its attributes. Returns NULL on a cgraph error. */
static Agnode_t *S_add_node(Agraph_t *ag, const S_syms *y, const gx_node *n) {
    char *olabel;
    const char *label = S_label(n->label, &olabel);
    Agnode_t *an = agnode(ag, (char *)n->id, 1);
    if (an && (agxset(an, y->label, (char *)label) != 0 ||
               agxset(an, y->kind, (char *)gx_kind_name(n->kind)) != 0 ||
               S_set_u32(an, y->mentions, n->mentions) != 0 ||
               S_set_u32(an, y->n_documents, n->documents) != 0 ||
               agxset(an, y->shape, (char *)S_kind_style[n->kind].shape) != 0 ||
               agxset(an, y->fillcolor, (char *)S_kind_style[n->kind].fill) != 0))
        an = NULL;
    free(olabel);
    return an;
}

/* Edge attributes. The real weight is the count ("3", as in GraphML and JSON); `weight` is the
 * integer layout weight in [1, S_MAX_LAYOUT_WEIGHT]; penwidth is 1 + log1p(count), printed from
 * integer hundredths so that no locale can turn the '.' into ','. */
static int S_set_edge_attrs(Agedge_t *ae, const S_syms *y, const gx_graph *g, const gx_edge *e) {
    char relbuf[128];
    gx_edge_relation_text(e, relbuf, sizeof relbuf);
    uint32_t lw = e->count < 1                     ? 1
                  : e->count > S_MAX_LAYOUT_WEIGHT ? S_MAX_LAYOUT_WEIGHT
                                                   : e->count;
    long hundredths = lround(100.0 * (1.0 + log1p((double)e->count)));
    char pen[32];
    snprintf(pen, sizeof pen, "%ld.%02ld", hundredths / 100, hundredths % 100);
    int rc = agxset(ae, y->relation, relbuf) != 0 || S_set_u32(ae, y->count, e->count) != 0 ||
             S_set_u32(ae, y->sentences, e->sentences) != 0 ||
             S_set_u32(ae, y->e_documents, e->documents) != 0 || S_set_u32(ae, y->w, e->count) != 0 ||
             S_set_u32(ae, y->weight, lw) != 0 || agxset(ae, y->penwidth, pen) != 0;
    if (e->head != UINT32_MAX && rc == 0) { /* the arrow points from the head to the other end */
        const char *hid = gx_graph_node(g, e->head)->id;
        rc = agxset(ae, y->head, (char *)hid) != 0 ||
             agxset(ae, y->dir, e->head == e->source ? "forward" : "back") != 0;
    }
    return rc ? -1 : 0;
}

/* Declares the attributes, then creates every node and edge in gx_graph order (with keep_edge,
 * only the edges it marks and the nodes they join). Returns < 0 on a cgraph error. */
int gx_dot_fill(Agraph_t *ag, const gx_graph *g, const uint8_t *keep_edge, int whole_to_part) {
    for (size_t i = 0; i < sizeof S_attrs / sizeof S_attrs[0]; i++)
        if (!agattr(ag, S_attrs[i].kind, (char *)S_attrs[i].name, (char *)S_attrs[i].def))
            return -1;
    S_syms y;
    if (S_find_syms(ag, &y) < 0) return -1;
    size_t nn = gx_graph_node_count(g), ne = gx_graph_edge_count(g);
    Agnode_t **nodes = gx_xcalloc(nn + 1, sizeof *nodes);
    uint8_t *used = gx_xcalloc(nn + 1, 1);
    for (size_t i = 0; i < ne; i++)
        if (!keep_edge || keep_edge[i])
            used[gx_graph_edge(g, i)->source] = used[gx_graph_edge(g, i)->target] = 1;
    int rc = 0;
    for (size_t i = 0; i < nn && rc == 0; i++)
        if ((!keep_edge || used[i]) && !(nodes[i] = S_add_node(ag, &y, gx_graph_node(g, i)))) rc = -1;
    for (size_t i = 0; i < ne && rc == 0; i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        if (keep_edge && !keep_edge[i]) continue;
        char eid[32];
        snprintf(eid, sizeof eid, "e%zu", i);
        uint32_t from = e->source, to = e->target;
        if (whole_to_part && e->head == e->source) from = e->target, to = e->source;
        Agedge_t *ae = agedge(ag, nodes[from], nodes[to], eid, 1);
        if (!ae || S_set_edge_attrs(ae, &y, g, e) < 0) rc = -1;
        if (ae && whole_to_part) agxset(ae, y.dir, "forward");
    }
    free(nodes);
    free(used);
    return rc;
}

/* ---------------------------------------------------------------- entry point */

gx_status gx_emit_dot(const gx_graph *g, FILE *out, const char *name, gx_diag *d) {
    gx_status st = GX_OK;
    Agraph_t *ag = agopen("kg", Agundirected, NULL);
    if (!ag) return gx_diag_error(d, GX_ELIB, name, 0, "cgraph cannot create a graph");
    if (gx_dot_fill(ag, g, NULL, 0) < 0) {
        st = gx_diag_error(d, GX_ELIB, name, 0, "cgraph failed to build the graph");
        goto exit_graph_opened;
    }
    if (agwrite(ag, out) != 0 || fflush(out) != 0 || ferror(out)) {
        st = ferror(out) ? gx_diag_error(d, GX_EIO, name, 0, "write error: %s", strerror(errno))
                         : gx_diag_error(d, GX_ELIB, name, 0, "cgraph failed to write DOT");
        goto exit_graph_opened;
    }

exit_graph_opened:
    agclose(ag);
    return st;
}
