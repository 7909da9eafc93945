/* run_reduce.c: `guanxi reduce`: partial graph lines (from guanxi map) -> one graph -> the graph
 * files, or the merged lines again (see run_int.h).
 *
 * Takes the place of stages 1-7: every line is merged into one unfinished graph as it is read
 * (order-free, so the lines need not be sorted and any number of maps may feed it); then the
 * graph is finished and written exactly as extract writes it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "run_int.h"

/* Merges every line of one input ("-": stdin) into g and m; *lines counts them. */
static gx_status S_read(const char *path, gx_graph *g, gx_lines_meta *m, size_t *lines,
                        gx_diag *d) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return gx_diag_error(d, GX_EIO, path, 0, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    gx_status rc = GX_OK;
    while (rc == GX_OK && (got = getline(&buf, &cap, f)) >= 0) {
        size_t n = (size_t)got;
        lineno++;
        if ((size_t)got > GX_MAX_DOC_BYTES) {
            rc = gx_diag_error(d, GX_ELIMIT, path, lineno, "line longer than %zu bytes (GX_MAX_DOC_BYTES)",
                               (size_t)GX_MAX_DOC_BYTES);
            break;
        }
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) n--;
        if (n == 0) continue;
        rc = gx_graph_read_line(g, m, buf, n, path, lineno, d);
        (*lines)++;
    }
    if (rc == GX_OK && ferror(f)) rc = gx_diag_error(d, GX_EIO, path, 0, "read error: %s", strerror(errno));
    free(buf);
    if (f != stdin) fclose(f);
    return rc;
}

static void S_summary(const gx_opts *o, const gx_graph *g, const gx_lines_meta *m, size_t lines,
                      const char *written, double secs) {
    if (o->quiet || !o->err) return;
    fprintf(o->err, "guanxi: reduce: %zu partial-graph lines, %llu documents\n", lines,
            (unsigned long long)m->documents);
    fprintf(o->err, "  entities  %zu\n", gx_graph_node_count(g));
    fprintf(o->err, "  edges     %zu (%s window)\n", gx_graph_edge_count(g), m->window);
    fprintf(o->err, "  wrote     %s\n", written ? written : "nothing");
    fprintf(o->err, "  seconds   %.2f\n", secs);
}

gx_status gx_run_reduce(const gx_opts *o, gx_diag *d) {
    double t0 = gx_run_now();
    gx_graph *g = gx_graph_new_ev(o->evidence);
    gx_lines_meta m = {.evidence = UINT32_MAX};
    size_t lines = 0;
    char *written = NULL;
    gx_status rc = GX_OK;
    for (size_t i = 0; i < o->n_inputs && rc == GX_OK; i++) rc = S_read(o->inputs[i], g, &m, &lines, d);
    if (rc == GX_OK && m.evidence != UINT32_MAX && m.evidence < o->evidence)
        rc = gx_diag_error(d, GX_EUSAGE, NULL, 0,
                           "the maps kept %u evidence items, reduce wants %u: map with "
                           "--evidence %u or more",
                           m.evidence, o->evidence, o->evidence);
    if (rc == GX_OK && !m.window[0] && lines)
        rc = gx_diag_error(d, GX_EINPUT, NULL, 0, "no [\"graph\"] record in the partial graphs");
    if (rc == GX_OK && !m.window[0]) snprintf(m.window, sizeof m.window, "%s", gx_window_name(o->link.window));
    if (rc == GX_OK && o->lines) {
        rc = gx_graph_write_lines(g, &m, o->out, "stdout", d);
        written = gx_xstrdup("stdout (partial graph lines)");
    } else if (rc == GX_OK) {
        rc = gx_run_emit(o, g, m.window, m.documents, d, &written);
    }
    if (rc == GX_OK) S_summary(o, g, &m, lines, written, gx_run_now() - t0);
    free(written);
    gx_graph_free(g);
    return rc;
}
