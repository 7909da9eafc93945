/* run.c: gx_run(): the stages in order (see gx_run.h).
 *
 *   engine: dictionaries -> automaton
 *   for each document, on -j threads (run_docs.c):
 *       read -> [norm -> sent -> match -> rules -> resolve] -> (mentions | link)
 *   extract: merge partial graphs, finish -> emit GraphML, DOT, JSON -> summary
 */
#include <stdlib.h>
#include <string.h>
#include "gx_emit.h"
#include "gx_render.h"
#include "run_int.h"

static void S_summary(const gx_opts *o, const gx_graph *g, const gx_run_stats *st, size_t entries,
                      const char *written, double secs) {
    if (o->quiet || !o->err) return;
    size_t total = 0;
    for (int k = 0; k < GX_KIND_COUNT; k++) total += st->mentions[k];
    fprintf(o->err, "guanxi: %zu documents, %.1f KB, %zu dictionary entries\n", st->docs,
            (double)st->bytes / 1024.0, entries);
    fprintf(o->err, "  mentions  %zu (", total);
    for (int k = 0; k < GX_KIND_COUNT; k++)
        fprintf(o->err, "%s%s %zu", k ? ", " : "", gx_kind_name((gx_kind)k), st->mentions[k]);
    fprintf(o->err, ")\n");
    if (st->ambiguous || st->generic)
        fprintf(o->err, "  left out  %zu ambiguous, %zu generic mentions (no single referent)\n",
                st->ambiguous, st->generic);
    if (g) {
        fprintf(o->err, "  entities  %zu\n", gx_graph_node_count(g));
        fprintf(o->err, "  edges     %zu (%s window)\n", gx_graph_edge_count(g),
                gx_window_name(o->link.window));
        fprintf(o->err, "  wrote     %s\n", written ? written : "nothing");
    }
    fprintf(o->err, "  seconds   %.2f\n", secs);
}

gx_status gx_run_emit(const gx_opts *o, gx_graph *g, const char *window, uint64_t docs,
                      gx_diag *d, char **written) {
    char buf[32];
    gx_graph_set_info(g, "generator", "guanxi " GX_VERSION);
    gx_graph_set_info(g, "window", window);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)docs);
    gx_graph_set_info(g, "documents", buf);
    gx_graph_finish(g);
    gx_prune(g, &o->prune);
#ifdef GX_DEBUG
    if (gx_graph_check(g, stderr) != 0) abort();
#endif
    if (o->command == GX_CMD_RENDER) return gx_render_files(g, o->out_dir, o->view, d, written);
    return gx_emit_files(g, o->out_dir, o->formats | (o->yed ? GX_FORMAT_YED : 0), o->threads, d,
                         written);
}

/* map: the partial graph as lines on o->out. */
static gx_status S_map_out(const gx_opts *o, const gx_graph *g, const gx_run_stats *st,
                           gx_diag *d, char **written) {
    gx_lines_meta m = {.documents = st->docs};
    snprintf(m.window, sizeof m.window, "%s", gx_window_name(o->link.window));
    *written = gx_xstrdup("stdout (partial graph lines)");
    return gx_graph_write_lines(g, &m, o->out, "stdout", d);
}

gx_status gx_run(const gx_opts *o, gx_diag *d) {
    if (o->command == GX_CMD_REDUCE) return gx_run_reduce(o, d);
    if (o->command == GX_CMD_SUGGEST) return gx_run_suggest(o, d);
    double t0 = gx_run_now();
    gx_run_stats st = {0};
    gx_engine *e = NULL;
    gx_graph *g = o->command != GX_CMD_MENTIONS ? gx_graph_new_ev(o->evidence) : NULL;
    char *written = NULL;
    gx_stream *edges = NULL;
    gx_status rc = gx_engine_new(o->dicts, o->dict_formats, o->n_dicts, o->nested, d, &e);
    if (rc == GX_OK && o->t2s) rc = gx_engine_set_t2s(e, d);
    if (rc == GX_OK && g && o->edges_jsonl) {
        edges = gx_stream_open(o->edges_jsonl, d);
        if (!edges) rc = GX_EIO;
    }
    if (rc == GX_OK) rc = gx_run_documents(o, e, g, edges ? gx_stream_file(edges) : NULL, &st, d);
    gx_status rc2 = gx_stream_close(edges, rc != GX_OK, d);
    if (rc == GX_OK) rc = rc2;
    if (rc == GX_OK && o->command == GX_CMD_MAP) rc = S_map_out(o, g, &st, d, &written);
    else if (rc == GX_OK && g)
        rc = gx_run_emit(o, g, gx_window_name(o->link.window), st.docs, d, &written);
    if (rc == GX_OK) S_summary(o, g, &st, gx_engine_entries(e), written, gx_run_now() - t0);
    free(written);
    gx_graph_free(g);
    gx_engine_free(e);
    return rc;
}
