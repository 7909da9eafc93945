/* render.c: stage 9: the finished graph as SVG and PNG diagrams, through Graphviz gvc.
 *
 * Builds the cgraph graph with the DOT emitter's builder (gx_dot_fill), adds what a drawing
 * needs (engine, size, a legend as an HTML label, district clusters in the hierarchy view),
 * lays it out once and renders it twice. The gvc context and the graph live and die in
 * gx_render_files (goto-cleanup ladder); files are written through gx_stream (temporary file,
 * renamed when complete).
 */
#include <stdlib.h>
#include <string.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include "emit_int.h"
#include "gx_render.h"

int gx_view_parse(const char *s, gx_view *out) {
    if (strcmp(s, "network") == 0) *out = GX_VIEW_NETWORK;
    else if (strcmp(s, "hierarchy") == 0) *out = GX_VIEW_HIERARCHY;
    else return 0;
    return 1;
}

/* The legend under the drawing: one coloured cell per kind (the DOT emitter's palette). */
static const char S_legend[] =
    "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"4\" CELLPADDING=\"4\"><TR>"
    "<TD BGCOLOR=\"#AEC7E8\">组织 org</TD><TD BGCOLOR=\"#FFBB78\">人物 person</TD>"
    "<TD BGCOLOR=\"#98DF8A\">地点 place</TD><TD BGCOLOR=\"#C5B0D5\">项目 program</TD>"
    "<TD BORDER=\"0\">edge width: windows shared; arrow: typed relation</TD></TR></TABLE>";

/* Graph attributes of a drawing. Columns: name, network value, hierarchy value. */
static const struct {
    const char *name, *network, *hierarchy;
} S_draw[] = {
    {"layout", "sfdp", "dot"},     {"size", "24,24", "30,30"},         {"ratio", "compress", "compress"},
    {"dpi", "96", "96"},
    {"labelloc", "b", "b"},        {"rankdir", "", "LR"},             {"splines", "false", "true"},
    {"overlap", "prism", "false"}, {"outputorder", "edgesfirst", "edgesfirst"},
};

static int S_set_drawing(Agraph_t *ag, gx_view view) {
    for (size_t i = 0; i < sizeof S_draw / sizeof *S_draw; i++) {
        const char *v = view == GX_VIEW_NETWORK ? S_draw[i].network : S_draw[i].hierarchy;
        if (*v && agsafeset(ag, (char *)S_draw[i].name, (char *)v, "") != 0) return -1;
    }
    char *html = agstrdup_html(ag, (char *)S_legend);
    int rc = agsafeset(ag, "label", html, "") != 0 ? -1 : 0;
    agstrfree(ag, html);
    return rc;
}

/* ---------------------------------------------------------------- hierarchy: edges, clusters */

static uint8_t *S_hierarchy_edges(const gx_graph *g) {
    size_t ne = gx_graph_edge_count(g);
    uint8_t *keep = gx_xcalloc(ne + 1, 1);
    unsigned bits = 1u << GX_REL_PART_OF | 1u << GX_REL_LOCATED_IN;
    for (size_t i = 0; i < ne; i++) keep[i] = (gx_graph_edge(g, i)->relations & bits) != 0;
    return keep;
}

/* A district or county: a place named …区 or …县, not a community or compound (社区, 小区, 园区). */
static int S_is_district(const gx_node *n) {
    static const char *const not_districts[] = {"社区", "小区", "园区", "景区", "校区", "营区"};
    size_t len = strlen(n->label);
    if (n->kind != GX_KIND_PLACE || len <= 3) return 0;
    if (strcmp(n->label + len - 3, "县") == 0) return 1;
    if (strcmp(n->label + len - 3, "区") != 0) return 0;
    for (size_t i = 0; i < sizeof not_districts / sizeof *not_districts; i++)
        if (len > 6 && strcmp(n->label + len - 6, not_districts[i]) == 0) return 0;
    return 1;
}

/* district[i]: the district node a node lies in (itself for a district), through part_of and
 * located_in edges, a few steps up; UINT32_MAX if none. */
static uint32_t *S_districts(const gx_graph *g, const uint8_t *keep) {
    size_t nn = gx_graph_node_count(g);
    uint32_t *dist = gx_xmalloc((nn ? nn : 1) * sizeof *dist);
    for (size_t i = 0; i < nn; i++) dist[i] = S_is_district(gx_graph_node(g, i)) ? (uint32_t)i : UINT32_MAX;
    for (int step = 0; step < 4; step++)
        for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
            const gx_edge *e = gx_graph_edge(g, i);
            if (!keep[i] || e->head == UINT32_MAX) continue;
            uint32_t part = e->head, whole = e->head == e->source ? e->target : e->source;
            if (dist[part] == UINT32_MAX && !S_is_district(gx_graph_node(g, part)))
                dist[part] = dist[whole];
        }
    return dist;
}

/* A cluster per district holding its nodes, labelled with the district's name. */
static int S_clusters(Agraph_t *ag, const gx_graph *g, const uint8_t *keep) {
    uint32_t *dist = S_districts(g, keep);
    int rc = 0;
    for (size_t i = 0; i < gx_graph_node_count(g) && rc == 0; i++) {
        Agnode_t *n = agnode(ag, (char *)gx_graph_node(g, i)->id, 0);
        if (!n || dist[i] == UINT32_MAX) continue;
        const gx_node *dn = gx_graph_node(g, dist[i]);
        char name[96];
        snprintf(name, sizeof name, "cluster_%s", dn->id);
        Agraph_t *sub = agsubg(ag, name, 1);
        if (!sub || !agsubnode(sub, n, 1) || agsafeset(sub, "label", (char *)dn->label, "") != 0)
            rc = -1; /* graph labels are already sanitized */
    }
    free(dist);
    return rc;
}

/* ---------------------------------------------------------------- rendering */

static void S_list_add(char **list, const char *path) {
    size_t n = *list ? strlen(*list) : 0;
    *list = gx_xrealloc(*list, n + strlen(path) + 3);
    snprintf(*list + n, strlen(path) + 3, "%s%s", n ? ", " : "", path);
}

/* Renders the laid-out graph as fmt to dir/base.fmt. */
static gx_status S_render_one(GVC_t *gvc, Agraph_t *ag, const char *dir, const char *base,
                              const char *fmt, gx_diag *d, char **written) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s", dir, base, fmt);
    gx_stream *s = gx_stream_open(path, d);
    if (!s) return GX_EIO;
    int bad = gvRender(gvc, ag, fmt, gx_stream_file(s)) != 0;
    if (bad) gx_diag_error(d, GX_ELIB, path, 0, "Graphviz could not render %s", fmt);
    gx_status st = gx_stream_close(s, bad, d);
    if (bad) return GX_ELIB;
    if (st == GX_OK) S_list_add(written, path);
    return st;
}

gx_status gx_render_files(const gx_graph *g, const char *dir, gx_view view, gx_diag *d,
                          char **out_written) {
    gx_status st = GX_OK;
    char *written = NULL;
    uint8_t *keep = view == GX_VIEW_HIERARCHY ? S_hierarchy_edges(g) : NULL;
    GVC_t *gvc = gvContext();
    if (!gvc) {
        free(keep);
        return gx_diag_error(d, GX_ELIB, dir, 0, "Graphviz cannot create a context");
    }
    Agraph_t *ag = agopen("kg", view == GX_VIEW_HIERARCHY ? Agdirected : Agundirected, NULL);
    if (!ag) {
        st = gx_diag_error(d, GX_ELIB, dir, 0, "cgraph cannot create a graph");
        goto exit_context_created;
    }
    if (gx_dot_fill(ag, g, keep, view == GX_VIEW_HIERARCHY) < 0 || S_set_drawing(ag, view) < 0 ||
        (keep && S_clusters(ag, g, keep) < 0)) {
        st = gx_diag_error(d, GX_ELIB, dir, 0, "cgraph failed to build the drawing");
        goto exit_graph_opened;
    }
    if (gvLayout(gvc, ag, view == GX_VIEW_HIERARCHY ? "dot" : "sfdp") != 0) {
        st = gx_diag_error(d, GX_ELIB, dir, 0, "Graphviz layout failed");
        goto exit_graph_opened;
    }
    const char *base = view == GX_VIEW_HIERARCHY ? "hierarchy" : "graph";
    st = S_render_one(gvc, ag, dir, base, "svg", d, &written);
    if (st == GX_OK) st = S_render_one(gvc, ag, dir, base, "png", d, &written);
    gvFreeLayout(gvc, ag);

exit_graph_opened:
    agclose(ag);
exit_context_created:
    gvFreeContext(gvc);
    free(keep);
    if (out_written) *out_written = written;
    else free(written);
    return st;
}
