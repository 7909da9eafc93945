/* relate_index.c: the per-document indexes of the relation stage (stage 7b, see relate.c).
 *
 * Built once per document before the patterns run, so that a pattern finds a mention's
 * neighbours, the names inside a mention or the places a paragraph names by binary search or a
 * jump instead of a scan of the whole document (a hostile document without punctuation holds
 * tens of thousands of mentions): successors and predecessors among top-level mentions and
 * agents, the cover of top-level mentions, nodes numbered within the document, place and org
 * candidates by span, place mentions by paragraph and name.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "relate_int.h"

/* ---------------------------------------------------------------- mentions */

/* top_end, next_top, next_agent and prev_top (see relate_int.h). */
static void S_neighbours(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t n = ms->n;
    x->top_end = gx_xmalloc((n ? n : 1) * sizeof *x->top_end);
    x->next_top = gx_xmalloc((n + 1) * sizeof *x->next_top);
    x->next_agent = gx_xmalloc((n + 1) * sizeof *x->next_agent);
    x->prev_top = gx_xmalloc((n + 1) * sizeof *x->prev_top);
    uint32_t end = 0;
    size_t prev = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        x->prev_top[i] = prev;
        if (!ms->v[i].nested) {
            prev = i;
            if (ms->v[i].end > end) end = ms->v[i].end;
        }
        x->top_end[i] = end;
    }
    x->prev_top[n] = prev;
    x->next_top[n] = x->next_agent[n] = n;
    for (size_t i = n; i > 0; i--) {
        const gx_mention *m = &ms->v[i - 1];
        x->next_top[i - 1] = m->nested ? x->next_top[i] : i - 1;
        x->next_agent[i - 1] = !m->nested && gx_rel_agent(x, m) ? i - 1 : x->next_agent[i];
    }
}

/* The first of the n items of `size` bytes at base, sorted by the uint32_t start at byte `off`
 * of each, whose start is p or more; n if none (mentions and hits alike). */
static size_t S_lower_bound(const void *base, size_t n, size_t size, size_t off, uint32_t p) {
    const unsigned char *b = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t start;
        memcpy(&start, b + mid * size + off, sizeof start);
        if (start < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t gx_rel_first_from(const gx_rel_ctx *x, uint32_t p) {
    return S_lower_bound(x->ms->v, x->ms->n, sizeof *x->ms->v, offsetof(gx_mention, start), p);
}

/* The mentions starting at or before p are 0..t; one covers p when the largest top-level end
 * among them lies after p. */
int gx_rel_covered(const gx_rel_ctx *x, uint32_t p) {
    size_t t1 = gx_rel_first_from(x, p + 1); /* t + 1: the first mention starting after p */
    return t1 > 0 && x->top_end[t1 - 1] > p;
}

size_t gx_rel_hit_first(const gx_rel_ctx *x, uint32_t a) {
    return S_lower_bound(x->hits->v, x->hits->n, sizeof *x->hits->v, offsetof(gx_hit, start), a);
}

/* ---------------------------------------------------------------- nodes */

typedef struct {
    uint32_t node;
    size_t i;
} S_node_at;

static int S_cmp_node_at(const void *pa, const void *pb) {
    const S_node_at *a = pa, *b = pb;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* lid, n_lids and top_count: nodes numbered in increasing node order. */
static void S_nodes(gx_rel_ctx *x) {
    size_t n = x->ms->n;
    S_node_at *v = gx_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (S_node_at){x->node_of[i], i};
    gx_sort(v, n, sizeof *v, S_cmp_node_at);
    x->lid = gx_xmalloc((n ? n : 1) * sizeof *x->lid);
    x->top_count = gx_xcalloc(n ? n : 1, sizeof *x->top_count);
    x->n_lids = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || v[k].node != v[k - 1].node) x->n_lids++;
        uint32_t l = (uint32_t)(x->n_lids - 1);
        x->lid[v[k].i] = l;
        x->top_count[l] += !x->ms->v[v[k].i].nested;
    }
    free(v);
}

/* ---------------------------------------------------------------- candidates */

static int S_cmp_span(const void *pa, const void *pb) {
    const gx_rel_span *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return a->cand < b->cand ? -1 : a->cand > b->cand;
}

/* The named candidates of kind `kind` whose flags avoid `without`, sorted by span. */
static void S_cset(const gx_rel_ctx *x, gx_kind kind, uint32_t without, gx_rel_cset *out) {
    out->v = gx_xmalloc((x->c->n ? x->c->n : 1) * sizeof *out->v);
    out->n = 0;
    for (size_t k = 0; k < x->c->n; k++) {
        const gx_cand *c = &x->c->v[k];
        if (c->kind == kind && c->canonical && !(c->flags & without))
            out->v[out->n++] = (gx_rel_span){c->start, c->end, (uint32_t)k};
    }
    gx_sort(out->v, out->n, sizeof *out->v, S_cmp_span);
}

/* The first span of s at (start, end) or after it in span order (after it when `after`),
 * whatever the candidate index. */
static size_t S_span_bound(const gx_rel_cset *s, uint32_t start, uint32_t end, int after) {
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const gx_rel_span *v = &s->v[mid];
        if (v->start < start || (v->start == start && (v->end < end || (after && v->end == end))))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The last span starting at p and ending by lim has the longest end; the first span with that
 * end is the first in candidate order. */
const gx_cand *gx_rel_longest(const gx_rel_ctx *x, const gx_rel_cset *s, uint32_t p, uint32_t lim) {
    size_t k = S_span_bound(s, p, lim, 1);
    if (k == 0 || s->v[k - 1].start != p) return NULL;
    k = S_span_bound(s, p, s->v[k - 1].end, 0);
    return &x->c->v[s->v[k].cand];
}

/* ---------------------------------------------------------------- place names */

static int S_cmp_named(const void *pa, const void *pb) {
    const gx_rel_named *a = pa, *b = pb;
    if (a->para != b->para) return a->para < b->para ? -1 : 1;
    int c = strcmp(a->name, b->name);
    if (c) return c;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* named: the place mentions with a name, by paragraph, name and index. */
static void S_named(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    x->named = gx_xmalloc((ms->n ? ms->n : 1) * sizeof *x->named);
    x->n_named = 0;
    for (size_t i = 0; i < ms->n; i++)
        if (ms->v[i].kind == GX_KIND_PLACE && ms->v[i].canonical)
            x->named[x->n_named++] =
                (gx_rel_named){x->doc->sents[ms->v[i].sent].para, ms->v[i].canonical, i};
    gx_sort(x->named, x->n_named, sizeof *x->named, S_cmp_named);
}

size_t gx_rel_named_in(const gx_rel_ctx *x, uint32_t para, const char *name, size_t skip) {
    gx_rel_named key = {para, name, 0};
    size_t lo = 0, hi = x->n_named;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S_cmp_named(&x->named[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < x->n_named && x->named[lo].i == skip) lo++;
    if (lo < x->n_named && x->named[lo].para == para && strcmp(x->named[lo].name, name) == 0)
        return x->named[lo].i;
    return SIZE_MAX;
}

/* ---------------------------------------------------------------- build and free */

void gx_rel_index_build(gx_rel_ctx *x) {
    S_neighbours(x);
    S_nodes(x);
    S_cset(x, GX_KIND_PLACE, GX_CAND_NEGATIVE | GX_CAND_GENERIC, &x->places);
    S_cset(x, GX_KIND_ORG, GX_CAND_NEGATIVE | GX_CAND_GENERIC | GX_CAND_UNIT, &x->orgs);
    S_named(x);
}

void gx_rel_index_free(gx_rel_ctx *x) {
    free(x->top_end);
    free(x->next_top);
    free(x->next_agent);
    free(x->prev_top);
    free(x->lid);
    free(x->top_count);
    free(x->places.v);
    free(x->orgs.v);
    free(x->named);
}
