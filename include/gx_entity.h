/* gx_entity.h: stage 6, entities. Candidates -> the document's mentions of canonical entities.
 *
 * Resolution (resolve.c): further occurrences of names the rules found are added; overlapping
 * candidates are settled by priority, then leftmost-longest (a negative entry blocks what it
 * covers); candidates flagged keep (a party body's unit, byline names) stay beside the mention
 * that holds them, and with `nested` every candidate inside a mention does. Then aliases are
 * resolved within the document: a short or generic org (街道党工委, 区委, 明韬实业有限公司)
 * becomes the one full name in the document that ends with it, a short form (北林, 金水) the
 * place it shortens; when two full names fit, the mention is ambiguous: it is left out and
 * counted. A mention's canonical name fixes its node (gx_graph_intern).
 */
#ifndef GX_ENTITY_H
#define GX_ENTITY_H

#include "gx_common.h"
#include "gx_doc.h"
#include "gx_rules.h"

typedef struct {
    uint32_t start, end;   /* normalized code points, end exclusive */
    uint32_t ostart, oend; /* original code points, end exclusive: the surface */
    uint32_t sent;         /* index into doc->sents */
    gx_kind kind;
    const char *canonical; /* borrowed from the dictionary or the candidate list */
    const char *source;    /* "dict" or "rule:NAME" (static string) */
    int nested;            /* 1 if inside another mention of the document */
    uint32_t cand;         /* the candidate it comes from (gx_cands index), GX_NO_CAND if none */
} gx_mention;

typedef struct {
    gx_mention *v;
    size_t n, cap;
    size_t ambiguous; /* mentions left out of the last document: more than one referent */
    size_t generic;   /* generic mentions left out: no full name to resolve to */
    uint8_t *taken;   /* private scratch: positions covered by mentions */
    size_t cap_taken;
} gx_mentions;

void gx_mentions_free(gx_mentions *ms);

/* Replaces ms with the mentions of doc chosen from c (see top of file); nested = 1 also keeps
 * every candidate inside a chosen mention. c may gain candidates (repeats, short forms) and
 * canonical names. Mentions come sorted by start, outer before inner. */
void gx_resolve(const gx_doc *doc, gx_cands *c, int nested, gx_mentions *ms);

#endif
