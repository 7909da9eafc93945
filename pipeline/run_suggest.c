/* run_suggest.c: `guanxi suggest`: stages 1-6 on every document, then the suggestion counters
 * instead of link (see gx_suggest.h); at the end the suggested dictionary lines go to o->out.
 *
 * One thread, one document at a time: the reader streams, one worker runs normalize to resolve,
 * and memory is the dictionaries plus the two capped tables of the collector.
 */
#include "gx_read.h"
#include "run_int.h"

static void S_summary(const gx_opts *o, const gx_suggest *s, size_t docs, size_t bytes,
                      size_t entries, double secs) {
    if (o->quiet || !o->err) return;
    gx_suggest_stats st;
    gx_suggest_get_stats(s, &st);
    size_t total = 0;
    for (int k = 0; k < GX_KIND_COUNT; k++) total += st.written[k];
    fprintf(o->err, "guanxi: %zu documents, %.1f KB, %zu dictionary entries\n", docs,
            (double)bytes / 1024.0, entries);
    fprintf(o->err, "  suggested %zu (", total);
    for (int k = 0; k < GX_KIND_COUNT; k++)
        fprintf(o->err, "%s%s %zu", k ? ", " : "", gx_kind_name((gx_kind)k), st.written[k]);
    fprintf(o->err, ")\n  counted   %zu n-grams (%zu pruned), %zu rule names and neighbours "
                    "(%zu pruned)\n",
            st.ngrams, st.ngrams_pruned, st.names, st.names_pruned);
    if (st.unfit)
        fprintf(o->err, "  left out  %zu rule mentions no dictionary line can hold\n", st.unfit);
    fprintf(o->err, "  seconds   %.2f\n", secs);
}

/* Reads every document of r through w into s; returns the first error. */
static gx_status S_count(gx_reader *r, gx_worker *w, gx_suggest *s, size_t *docs, gx_diag *d) {
    gx_doc doc = {0};
    int has;
    gx_status rc;
    while ((rc = gx_reader_next(r, &doc, &has)) == GX_OK && has) {
        const gx_mentions *ms;
        rc = gx_worker_doc(w, &doc, d, &ms);
        if (rc == GX_OK) gx_suggest_doc(s, &doc, ms), (*docs)++;
        gx_doc_clear(&doc);
        if (rc != GX_OK) break;
    }
    gx_doc_clear(&doc);
    return rc;
}

gx_status gx_run_suggest(const gx_opts *o, gx_diag *d) {
    double t0 = gx_run_now();
    gx_engine *e;
    gx_status rc = gx_engine_new(o->dicts, o->dict_formats, o->n_dicts, o->nested, d, &e);
    if (rc == GX_OK && o->t2s) rc = gx_engine_set_t2s(e, d);
    if (rc != GX_OK) {
        gx_engine_free(e);
        return rc;
    }
    gx_worker *w = gx_worker_new(e);
    gx_suggest *s = gx_suggest_new(gx_engine_dict(e), &o->suggest);
    gx_reader *r = gx_reader_new(o->inputs, o->n_inputs, d);
    gx_reader_set_encoding(r, o->encoding, o->lossy);
    size_t docs = 0;
    rc = S_count(r, w, s, &docs, d);
    if (rc == GX_OK) rc = gx_suggest_write(s, o->out, "stdout", d);
    if (rc == GX_OK)
        S_summary(o, s, docs, gx_reader_bytes(r), gx_engine_entries(e), gx_run_now() - t0);
    gx_reader_free(r);
    gx_suggest_free(s);
    gx_worker_free(w);
    gx_engine_free(e);
    return rc;
}
