/* gx_entity.h: stage 6, entities. Matcher hits -> mentions of canonical entities.
 *
 * A mention is a hit placed in the document: its normalized and original spans, its sentence,
 * its kind and the canonical name of the entity it refers to (the dictionary's canonical
 * column, or the surface itself). Grouping mentions by (kind, canonical) into graph nodes is
 * done by gx_graph_intern; the canonical name fixes the node's stable id.
 */
#ifndef GX_ENTITY_H
#define GX_ENTITY_H

#include "gx_common.h"
#include "gx_dict.h"
#include "gx_doc.h"
#include "gx_match.h"

typedef struct {
    uint32_t start, end;   /* normalized code points, end exclusive */
    uint32_t ostart, oend; /* original code points, end exclusive: the surface */
    uint32_t sent;         /* index into doc->sents */
    gx_kind kind;
    const char *canonical; /* borrowed from the dictionary */
    const char *source;    /* "dict" or "rule:NAME" (static string) */
} gx_mention;

typedef struct {
    gx_mention *v;
    size_t n, cap;
} gx_mentions;

void gx_mentions_free(gx_mentions *ms);

/* Replaces ms->v with one mention per hit of doc (hits sorted by start, as gx_match_scan gives
 * them), in the same order. */
void gx_entity_mentions(const gx_doc *doc, const gx_dict *dict, const gx_hits *hits,
                        gx_mentions *ms);

#endif
