/* run_int.h: what the runner's files share (private to run*.c).
 *
 * run.c sets up the engine and the graph and writes the outputs; run_docs.c takes every
 * document through stages 1-7 on o->threads threads and merges what they found; run_reduce.c
 * is guanxi reduce, which reads partial graphs instead of documents; run_suggest.c is guanxi
 * suggest, which counts candidates instead of building a graph.
 */
#ifndef GX_RUN_INT_H
#define GX_RUN_INT_H

#include "gx_engine.h"
#include "gx_graph.h"
#include "gx_run.h"

typedef struct {
    size_t docs, bytes, mentions[GX_KIND_COUNT], ambiguous, generic;
} gx_run_stats;

/* Reads every input and runs each document through stages 2-7: mentions are written to o->out
 * (command mentions), or linked into g (which gets every document's counts; may be NULL for
 * mentions) with every evidence item also written to edges when not NULL. Outputs come in
 * input order whatever the number of threads. Returns GX_OK or the status of the first error
 * in input order (message in d); st gets the counts. */
GX_MUST_CHECK gx_status gx_run_documents(const gx_opts *o, const gx_engine *e, gx_graph *g,
                                         FILE *edges, gx_run_stats *st, gx_diag *d);

/* Sets the graph attributes (generator, window, documents), finishes and prunes g and writes
 * the files of the command (extract, reduce: graph files; render: diagrams). *written gets the
 * paths (caller frees). */
GX_MUST_CHECK gx_status gx_run_emit(const gx_opts *o, gx_graph *g, const char *window,
                                    uint64_t docs, gx_diag *d, char **written);

/* guanxi reduce (run_reduce.c): reads partial graph lines from the inputs and writes the graph
 * files, or the merged lines with o->lines. */
GX_MUST_CHECK gx_status gx_run_reduce(const gx_opts *o, gx_diag *d);

/* guanxi suggest (run_suggest.c): reads every input on one thread and writes the suggested
 * dictionary lines to o->out. */
GX_MUST_CHECK gx_status gx_run_suggest(const gx_opts *o, gx_diag *d);

/* Seconds on a monotonic clock. */
double gx_run_now(void);

#endif
