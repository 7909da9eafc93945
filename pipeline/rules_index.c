/* rules_index.c: stage 5b (rules): the candidates by end and by start position.
 *
 * Recognizers ask "which candidates end at p" (a name before a suffix, a repeated span) and
 * "which cross this hit"; a scan of every candidate per question made long documents quadratic.
 * Each position that has candidates gets a slot (a hash map from position to slot), each slot a
 * list of candidate indices in the order they were added, so answers come in the order a full
 * scan would give them. Memory is proportional to the candidates, not to the text.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_hash.h"
#include "rules_int.h"

typedef struct {
    gx_u64map *slot;       /* position -> slot */
    uint32_t *head, *tail; /* per slot: first and last candidate */
    size_t n, cap;
} S_lists;

struct gx_cindex {
    S_lists by_end, by_start;
    uint32_t *next_end, *next_start; /* per candidate: the next in its lists */
    size_t cap;
};

static void S_lists_free(S_lists *l) {
    gx_u64map_free(l->slot);
    free(l->head);
    free(l->tail);
    memset(l, 0, sizeof *l);
}

void gx_r_cindex_free(gx_cands *c) {
    if (!c->index) return;
    S_lists_free(&c->index->by_end);
    S_lists_free(&c->index->by_start);
    free(c->index->next_end);
    free(c->index->next_start);
    free(c->index);
    c->index = NULL;
}

void gx_r_cindex_reset(gx_cands *c) {
    if (!c->index) c->index = gx_xcalloc(1, sizeof *c->index);
    gx_u64map_free(c->index->by_end.slot);
    gx_u64map_free(c->index->by_start.slot);
    c->index->by_end.slot = gx_u64map_new();
    c->index->by_start.slot = gx_u64map_new();
    c->index->by_end.n = c->index->by_start.n = 0;
}

/* Appends candidate i to the list of position p; next is the candidates' link array. */
static void S_append(S_lists *l, uint32_t *next, uint64_t p, uint32_t i) {
    uint32_t s;
    next[i] = GX_NO_CAND;
    if (gx_u64map_put(l->slot, p, (uint32_t)l->n, &s)) {
        s = (uint32_t)l->n++;
        size_t cap = l->cap;
        gx_grow((void **)&l->head, &cap, l->n, sizeof *l->head);
        gx_grow((void **)&l->tail, &l->cap, l->n, sizeof *l->tail);
        l->head[s] = i;
    } else {
        next[l->tail[s]] = i;
    }
    l->tail[s] = i;
}

void gx_r_cindex_add(gx_cands *c, uint32_t i) {
    struct gx_cindex *x = c->index;
    if (i >= x->cap) {
        size_t cap = x->cap;
        gx_grow((void **)&x->next_end, &cap, (size_t)i + 1, sizeof *x->next_end);
        gx_grow((void **)&x->next_start, &x->cap, (size_t)i + 1, sizeof *x->next_start);
    }
    S_append(&x->by_end, x->next_end, c->v[i].end, i);
    S_append(&x->by_start, x->next_start, c->v[i].start, i);
}

static uint32_t S_first(const S_lists *l, uint32_t p) {
    uint32_t s;
    return gx_u64map_get(l->slot, p, &s) ? l->head[s] : GX_NO_CAND;
}

uint32_t gx_r_cands_ending(const gx_cands *c, uint32_t p) { return S_first(&c->index->by_end, p); }
uint32_t gx_r_cands_starting(const gx_cands *c, uint32_t p) {
    return S_first(&c->index->by_start, p);
}
uint32_t gx_r_next_ending(const gx_cands *c, uint32_t i) { return c->index->next_end[i]; }
uint32_t gx_r_next_starting(const gx_cands *c, uint32_t i) { return c->index->next_start[i]; }
