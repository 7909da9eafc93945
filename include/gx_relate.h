/* gx_relate.h: stage 7b, relations. A document's mentions -> typed relations with evidence.
 *
 * Runs after gx_link_doc on the same document (which gave node_of, the node of each mention).
 * It reads the candidates, hits and dictionary of the document's worker for the words between
 * mentions (titles, partner words), dictionary parents and the places inside org names. See
 * relate.c for the patterns.
 */
#ifndef GX_RELATE_H
#define GX_RELATE_H

#include "gx_diag.h"
#include "gx_dict.h"
#include "gx_doc.h"
#include "gx_entity.h"
#include "gx_graph.h"
#include "gx_match.h"
#include "gx_rules.h"

/* Adds the typed relations doc states to g (documents in increasing doc->seq). A relation
 * limit reached (GX_MAX_COMPONENTS) is one counted warning per document in d. */
void gx_relate_doc(gx_graph *g, gx_doc *doc, const gx_mentions *ms, const uint32_t *node_of,
                   const gx_cands *c, const gx_dict *dict, const gx_hits *hits, gx_diag *d);

#endif
