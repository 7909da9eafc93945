/* entity.c: stage 6: hits -> mentions with original offsets, sentences and canonical names.
 *
 * Hits arrive sorted by start, so one forward walk over the sentences places them all.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_entity.h"

void gx_mentions_free(gx_mentions *ms) {
    free(ms->v);
    memset(ms, 0, sizeof *ms);
}

void gx_entity_mentions(const gx_doc *doc, const gx_dict *dict, const gx_hits *hits,
                        gx_mentions *ms) {
    ms->n = 0;
    uint32_t s = 0;
    for (size_t i = 0; i < hits->n; i++) {
        const gx_hit *h = &hits->v[i];
        const gx_entry *e = gx_dict_entry(dict, h->entry);
        while (s + 1 < doc->n_sents && doc->sents[s].end <= h->start) s++;
        gx_grow((void **)&ms->v, &ms->cap, ms->n + 1, sizeof *ms->v);
        gx_mention *m = &ms->v[ms->n++];
        m->start = h->start;
        m->end = h->end;
        gx_doc_orig_span(doc, h->start, h->end, &m->ostart, &m->oend);
        m->sent = s;
        m->kind = e->kind;
        m->canonical = e->canonical;
        m->source = "dict";
    }
}
