/* resolve_int.h: what resolve.c and alias.c share (private to stage 6). */
#ifndef GX_RESOLVE_INT_H
#define GX_RESOLVE_INT_H

#include "gx_entity.h"

/* The candidate's canonical name, building it from the text (whitespace dropped) if unset. */
const char *gx_res_canon(const gx_doc *doc, gx_cands *c, gx_cand *k);

/* Adds a candidate for every further occurrence of a name a rule found (陈红民 after
 * 区委书记陈红民). */
void gx_res_repeats(const gx_doc *doc, gx_cands *c);

/* Rewrites the canonical name of chosen org candidates that are short or generic forms of one
 * full name in the document; sets drop[i] for ambiguous and unresolved generic ones and counts
 * them in ms->ambiguous / ms->generic. */
void gx_res_aliases(gx_cands *c, const uint8_t *chosen, uint8_t *drop, gx_mentions *ms);

/* The org names of a document indexed for gx_res_aliases (alias_names.c); borrows names. */
typedef struct gx_res_names gx_res_names;
gx_res_names *gx_res_names_new(const char *const *names, size_t n);
void gx_res_names_free(gx_res_names *x);
/* The names that name shortens, in name order, at most cap of them into t: those ending with it
 * after two or more characters (中原区委 for 区委) and those it abbreviates (惠济区人民法院党总支
 * for 惠济法院党总支). Returns their count. */
size_t gx_res_names_targets(const gx_res_names *x, const char *name, const char **t, size_t cap);

/* Adds mentions for short forms of the document's places (北林 for 北林路街道, 金水 for 金水区)
 * where no mention covers them; owner marks covered positions. */
void gx_res_short_forms(const gx_doc *doc, gx_cands *c, const uint32_t *owner, gx_mentions *ms);

#endif
