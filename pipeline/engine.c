/* engine.c: stages 2-6 of one document (see gx_engine.h): the shared dictionary and automaton,
 * and the per-worker scratch that normalize, sentences, match, rules and resolve reuse.
 */
#include <stdlib.h>
#include "gx_dict.h"
#include "gx_engine.h"
#include "gx_match.h"
#include "gx_norm.h"
#include "gx_relate.h"
#include "gx_rules.h"
#include "gx_sent.h"

#ifndef GX_DICT_DIR
#define GX_DICT_DIR "dicts"
#endif

struct gx_engine {
    gx_dict *dict;
    gx_matcher *matcher;
    int nested;
    int t2s;
};

struct gx_worker {
    const gx_engine *e;
    gx_hits hits;
    gx_cands cands;
    gx_mentions ms;
};

const char *gx_default_dicts(void) {
    const char *env = getenv("GUANXI_DICTS");
    return env && *env ? env : GX_DICT_DIR;
}

gx_status gx_engine_new(const char *const *dicts, const gx_dict_format *formats, size_t n,
                        int nested, gx_diag *d, gx_engine **out) {
    const char *def = gx_default_dicts();
    gx_engine *e = gx_xcalloc(1, sizeof *e);
    e->dict = gx_dict_new();
    e->nested = nested;
    gx_status rc = GX_OK;
    for (size_t i = 0; i < (n ? n : 1) && rc == GX_OK; i++)
        rc = gx_dict_load_as(e->dict, n ? dicts[i] : def, n && formats ? formats[i] : GX_DICT_AUTO,
                             d);
    if (rc == GX_OK) rc = gx_matcher_new(e->dict, d, &e->matcher);
    if (rc != GX_OK) {
        gx_engine_free(e);
        e = NULL;
    }
    *out = e;
    return rc;
}

void gx_engine_free(gx_engine *e) {
    if (!e) return;
    gx_matcher_free(e->matcher);
    gx_dict_free(e->dict);
    free(e);
}

size_t gx_engine_entries(const gx_engine *e) { return gx_dict_count(e->dict); }

gx_status gx_engine_set_t2s(gx_engine *e, gx_diag *d) {
    gx_status rc = gx_t2s_init(d);
    if (rc == GX_OK) e->t2s = 1;
    return rc;
}

gx_worker *gx_worker_new(const gx_engine *e) {
    gx_worker *w = gx_xcalloc(1, sizeof *w);
    w->e = e;
    return w;
}

void gx_worker_free(gx_worker *w) {
    if (!w) return;
    gx_hits_free(&w->hits);
    gx_cands_free(&w->cands);
    gx_mentions_free(&w->ms);
    free(w);
}

gx_status gx_worker_doc(gx_worker *w, gx_doc *doc, gx_diag *d, const gx_mentions **out) {
    gx_status rc = gx_norm_doc(doc, d);
    if (rc == GX_OK) rc = gx_sent_split(doc, d);
    if (rc != GX_OK) return rc;
    if (w->e->t2s) gx_t2s_doc(doc);
    gx_match_scan(w->e->matcher, doc->cp, doc->n, GX_MATCH_ALL, &w->hits);
    gx_rules_run(doc, w->e->dict, &w->hits, &w->cands);
    gx_resolve(doc, &w->cands, w->e->nested, &w->ms);
    *out = &w->ms;
    return GX_OK;
}

void gx_worker_relate(gx_worker *w, gx_graph *g, gx_doc *doc, const gx_mentions *ms,
                      const uint32_t *node_of) {
    gx_relate_doc(g, doc, ms, node_of, &w->cands, w->e->dict, &w->hits);
}
