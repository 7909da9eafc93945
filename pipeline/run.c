/* run.c: gx_run(): the stages in order, one document at a time (see gx_run.h).
 *
 *   engine: dictionaries -> automaton
 *   for each document: read -> [norm -> sent -> match -> rules -> resolve] -> (mentions | link)
 *   extract: finish graph -> emit GraphML, DOT, JSON -> summary
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gx_emit.h"
#include "gx_engine.h"
#include "gx_graph.h"
#include "gx_mentions.h"
#include "gx_read.h"
#include "gx_render.h"
#include "gx_run.h"

typedef struct {
    size_t docs, bytes, mentions[GX_KIND_COUNT], ambiguous, generic;
} S_stats;

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One document through stages 2-7. */
static gx_status S_process(const gx_opts *o, gx_doc *doc, gx_worker *w, gx_graph *g,
                           S_stats *st, gx_diag *d, uint32_t **node_of) {
    const gx_mentions *ms;
    gx_status rc = gx_worker_doc(w, doc, d, &ms);
    if (rc != GX_OK) return rc;
    for (size_t i = 0; i < ms->n; i++) st->mentions[ms->v[i].kind]++;
    st->ambiguous += ms->ambiguous;
    st->generic += ms->generic;
    if (o->command == GX_CMD_MENTIONS) return gx_mentions_write(o->out, doc, ms, d);
    gx_link_doc(g, doc, ms, &o->link, d, node_of);
    gx_worker_relate(w, g, doc, ms, *node_of);
    return GX_OK;
}

static gx_status S_documents(const gx_opts *o, const gx_engine *e, gx_graph *g, S_stats *st,
                             gx_diag *d) {
    gx_reader *r = gx_reader_new(o->inputs, o->n_inputs, d);
    gx_worker *w = gx_worker_new(e);
    gx_doc doc = {0};
    gx_status rc;
    uint32_t *node_of = NULL;
    int has;
    while ((rc = gx_reader_next(r, &doc, &has)) == GX_OK && has) {
        rc = S_process(o, &doc, w, g, st, d, &node_of);
        gx_doc_clear(&doc);
        if (rc != GX_OK) break;
        st->docs++;
    }
    gx_doc_clear(&doc);
    st->bytes = gx_reader_bytes(r);
    free(node_of);
    gx_worker_free(w);
    gx_reader_free(r);
    return rc;
}

static void S_summary(const gx_opts *o, const gx_graph *g, const S_stats *st, size_t entries,
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

static gx_status S_emit(const gx_opts *o, gx_graph *g, const S_stats *st, gx_diag *d,
                        char **written) {
    char buf[32];
    gx_graph_set_info(g, "generator", "guanxi " GX_VERSION);
    gx_graph_set_info(g, "window", gx_window_name(o->link.window));
    snprintf(buf, sizeof buf, "%zu", st->docs);
    gx_graph_set_info(g, "documents", buf);
    gx_graph_finish(g);
    gx_prune(g, &o->prune);
#ifdef GX_DEBUG
    if (gx_graph_check(g, stderr) != 0) abort();
#endif
    if (o->command == GX_CMD_RENDER) return gx_render_files(g, o->out_dir, o->view, d, written);
    return gx_emit_files(g, o->out_dir, o->formats | (o->yed ? GX_FORMAT_YED : 0), d, written);
}

gx_status gx_run(const gx_opts *o, gx_diag *d) {
    double t0 = S_now();
    S_stats st = {0};
    gx_engine *e = NULL;
    gx_graph *g = o->command != GX_CMD_MENTIONS ? gx_graph_new_ev(o->evidence) : NULL;
    char *written = NULL;
    gx_stream *edges = NULL;
    gx_status rc = gx_engine_new(o->dicts, o->n_dicts, o->nested, d, &e);
    if (rc == GX_OK && g && o->edges_jsonl) {
        edges = gx_stream_open(o->edges_jsonl, d);
        if (!edges) rc = GX_EIO;
        else gx_graph_set_evidence_hook(g, gx_emit_edge_line, gx_stream_file(edges));
    }
    if (rc == GX_OK) rc = S_documents(o, e, g, &st, d);
    gx_status rc2 = gx_stream_close(edges, rc != GX_OK, d);
    if (rc == GX_OK) rc = rc2;
    if (rc == GX_OK && g) rc = S_emit(o, g, &st, d, &written);
    if (rc == GX_OK) S_summary(o, g, &st, gx_engine_entries(e), written, S_now() - t0);
    free(written);
    gx_graph_free(g);
    gx_engine_free(e);
    return rc;
}
