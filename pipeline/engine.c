/* engine.c: stages 2-6 of one document (see gx_engine.h): the shared dictionary and automaton,
 * and the per-worker scratch that normalize, sentences, match, rules and resolve reuse.
 * Dictionaries: one compiled image (-d FILE.gxd alone, or the default image when it is up to
 * date) is used in place, dictionary and automaton; any other mix is merged into one dict, images
 * included (their entries are added as if loaded there), and the automaton is built.
 */
#include <stdlib.h>
#include <unistd.h>
#include "gx_dict.h"
#include "gx_engine.h"
#include "gx_image.h"
#include "gx_match.h"
#include "gx_norm.h"
#include "gx_relate.h"
#include "gx_rules.h"
#include "gx_sent.h"

#ifndef GX_DICT_DIR
#define GX_DICT_DIR "dicts"
#endif
#ifndef GX_DICT_IMAGE /* the image the Makefile compiles from GX_DICT_DIR ("": none) */
#define GX_DICT_IMAGE ""
#endif

struct gx_engine {
    gx_dict *dict;
    gx_matcher *matcher;
    gx_dict **images; /* images merged into dict: they hold its strings */
    size_t n_images;
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

/* Opens the image at path into *out, refusing a stale one. */
static gx_status S_open_image(const char *path, gx_diag *d, gx_dict **out) {
    gx_status rc = gx_dict_open_image(path, d, out);
    if (rc == GX_OK && (rc = gx_dict_image_fresh(*out, d)) != GX_OK) {
        gx_dict_free(*out);
        *out = NULL;
    }
    return rc;
}

/* Uses the default image in place when there is one and it is up to date (1), else 0: the
 * folder is read. A damaged default image is a warning. */
static int S_default_image(gx_engine *e, gx_diag *d) {
    const char *env = getenv("GUANXI_DICTS");
    if ((env && *env) || !*GX_DICT_IMAGE || access(GX_DICT_IMAGE, R_OK) != 0) return 0;
    gx_diag *quiet = gx_diag_new(NULL);
    int fresh = 0;
    gx_status rc = gx_dict_open_image(GX_DICT_IMAGE, quiet, &e->dict);
    if (rc == GX_OK) fresh = gx_dict_image_fresh(e->dict, quiet) == GX_OK;
    if (rc == GX_OK && fresh) rc = gx_matcher_from_image(e->dict, quiet, &e->matcher);
    gx_diag_free(quiet);
    if (rc != GX_OK)
        gx_diag_warn(d, GX_DICT_IMAGE, 0, "unusable dictionary image, reading %s instead (make "
                     "compiles it again)", GX_DICT_DIR);
    if (rc == GX_OK && fresh) return 1;
    gx_dict_free(e->dict);
    e->dict = NULL;
    return 0;
}

/* Loads path into e->dict: a dictionary file or folder read as format, or (format auto) an
 * image, merged entry by entry. */
static gx_status S_load(gx_engine *e, const char *path, gx_dict_format format, gx_diag *d) {
    if (format != GX_DICT_AUTO || !gx_image_sniff(path))
        return gx_dict_load_as(e->dict, path, format, d);
    gx_dict *img;
    gx_status rc = S_open_image(path, d, &img);
    if (rc != GX_OK) return rc;
    e->images = gx_xrealloc(e->images, (e->n_images + 1) * sizeof *e->images);
    e->images[e->n_images++] = img;
    return gx_dict_merge(e->dict, img, d);
}

gx_status gx_engine_new(const char *const *dicts, const gx_dict_format *formats, size_t n,
                        int nested, gx_diag *d, gx_engine **out) {
    const char *def = gx_default_dicts();
    gx_engine *e = gx_xcalloc(1, sizeof *e);
    e->nested = nested;
    gx_status rc = GX_OK;
    if (n == 1 && (!formats || formats[0] == GX_DICT_AUTO) && gx_image_sniff(dicts[0])) {
        rc = S_open_image(dicts[0], d, &e->dict); /* one image: used in place */
        if (rc == GX_OK) rc = gx_matcher_from_image(e->dict, d, &e->matcher);
    } else if (n > 0 || !S_default_image(e, d)) {
        e->dict = gx_dict_new();
        for (size_t i = 0; i < (n ? n : 1) && rc == GX_OK; i++)
            rc = S_load(e, n ? dicts[i] : def, n && formats ? formats[i] : GX_DICT_AUTO, d);
        if (rc == GX_OK) rc = gx_matcher_new(e->dict, d, &e->matcher);
    }
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
    for (size_t i = 0; i < e->n_images; i++) gx_dict_free(e->images[i]);
    free(e->images);
    free(e);
}

size_t gx_engine_entries(const gx_engine *e) { return gx_dict_count(e->dict); }

gx_status gx_engine_set_t2s(gx_engine *e, gx_diag *d) {
    gx_status rc = gx_t2s_init(d);
    if (rc == GX_OK) e->t2s = 1;
    return rc;
}

const gx_dict *gx_engine_dict(const gx_engine *e) { return e->dict; }

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
                      const uint32_t *node_of, gx_diag *d) {
    gx_relate_doc(g, doc, ms, node_of, &w->cands, w->e->dict, &w->hits, d);
}
