/* gx_engine.h: stages 2-6 for one document at a time, shared by every command.
 *
 * An engine owns what is built once: the merged dictionaries and the automaton (read-only
 * afterwards). A worker owns the scratch of one document (hits, candidates, mentions) and is
 * reused from document to document; each thread needs its own worker. gx_worker_doc takes a
 * document from read (stage 1) to its mentions (stage 6): normalize, sentences, match, rules,
 * resolve.
 */
#ifndef GX_ENGINE_H
#define GX_ENGINE_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_dict.h"
#include "gx_doc.h"
#include "gx_entity.h"
#include "gx_graph.h"

typedef struct gx_engine gx_engine;
typedef struct gx_worker gx_worker;

/* Loads dicts[0..n) in order, dicts[i] read as formats[i] (formats NULL: all GX_DICT_AUTO;
 * n = 0: gx_default_dicts()) and builds the automaton. On error returns the status with the
 * message in d and *out = NULL. Free with gx_engine_free. */
GX_MUST_CHECK gx_status gx_engine_new(const char *const *dicts, const gx_dict_format *formats,
                                      size_t n, int nested, gx_diag *d, gx_engine **out);
void gx_engine_free(gx_engine *e);

/* Matches traditional characters as simplified from now on (--t2s): see gx_t2s_init. */
GX_MUST_CHECK gx_status gx_engine_set_t2s(gx_engine *e, gx_diag *d);

/* Dictionary entries loaded (all roles). */
size_t gx_engine_entries(const gx_engine *e);

/* The merged dictionary (read-only, owned by the engine). */
const gx_dict *gx_engine_dict(const gx_engine *e);

/* A worker for engine e (which must outlive it). Free with gx_worker_free. */
gx_worker *gx_worker_new(const gx_engine *e);
void gx_worker_free(gx_worker *w);

/* Runs stages 2-6 on doc (filled by read). Returns GX_OK and points *out at the document's
 * mentions (owned by the worker, valid until its next call), or an error status with the
 * message in d. */
GX_MUST_CHECK gx_status gx_worker_doc(gx_worker *w, gx_doc *doc, gx_diag *d,
                                      const gx_mentions **out);

/* Adds the typed relations of the document last run through w (its mentions ms, their nodes
 * node_of from gx_link_doc) to g; a relation limit reached is a warning in d. */
void gx_worker_relate(gx_worker *w, gx_graph *g, gx_doc *doc, const gx_mentions *ms,
                      const uint32_t *node_of, gx_diag *d);

/* The dictionary folder used when none is given: $GUANXI_DICTS if set, else the dicts/ folder
 * of the source tree the binary was built from. */
const char *gx_default_dicts(void);

#endif
