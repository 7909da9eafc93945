/* link.c: stage 7: mentions -> node counts and co-mention pairs per window (see gx_link.h).
 *
 * Mentions are sorted by position, so the window ids of consecutive mentions never decrease:
 * each window is one contiguous run. Its distinct entities are found by sorting node indices,
 * and every pair is added once: quadratic in distinct entities, hence GX_MAX_WINDOW_ENTITIES.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_link.h"

static const char *const S_windows[] = {"sentence", "paragraph", "document"};

const char *gx_window_name(gx_window w) { return S_windows[w]; }

int gx_window_parse(const char *s, gx_window *out) {
    for (int i = 0; i < 3; i++)
        if (strcmp(s, S_windows[i]) == 0) {
            *out = (gx_window)i;
            return 1;
        }
    return 0;
}

typedef struct {
    uint32_t node, pos; /* node index, first position in the window */
} S_item;

static int S_by_node(const void *pa, const void *pb) {
    const S_item *a = pa, *b = pb;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int S_by_pos(const void *pa, const void *pb) {
    const S_item *a = pa, *b = pb;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Pairs the distinct nodes of items[0..n) (modified in place). */
static void S_pair_window(gx_graph *g, const gx_doc *doc, S_item *items, size_t n, gx_diag *d) {
    gx_sort(items, n, sizeof *items, S_by_node);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || items[k - 1].node != items[i].node) items[k++] = items[i];
    if (k > GX_MAX_WINDOW_ENTITIES) {
        gx_diag_warn(d, doc->file, doc->line,
                     "document '%s': a window holds %zu distinct entities; only the first %d are "
                     "paired (GX_MAX_WINDOW_ENTITIES)",
                     doc->id, k, GX_MAX_WINDOW_ENTITIES);
        gx_sort(items, k, sizeof *items, S_by_pos);
        k = GX_MAX_WINDOW_ENTITIES;
        gx_sort(items, k, sizeof *items, S_by_node);
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) gx_graph_add_pair(g, items[i].node, items[j].node, doc->seq);
}

static uint32_t S_window_of(const gx_doc *doc, const gx_mention *m, gx_window w) {
    if (w == GX_WINDOW_DOCUMENT || doc->n_sents == 0) return 0;
    return w == GX_WINDOW_PARAGRAPH ? doc->sents[m->sent].para : m->sent;
}

void gx_link_doc(gx_graph *g, const gx_doc *doc, const gx_mentions *ms, gx_window w, gx_diag *d) {
    S_item *items = gx_xmalloc((ms->n ? ms->n : 1) * sizeof *items);
    size_t n = 0;
    uint32_t cur = 0;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        uint32_t node = gx_graph_intern(g, m->kind, m->canonical, strlen(m->canonical));
        gx_graph_add_mention(g, node, doc->seq);
        uint32_t win = S_window_of(doc, m, w);
        if (n && win != cur) {
            S_pair_window(g, doc, items, n, d);
            n = 0;
        }
        cur = win;
        items[n++] = (S_item){node, (uint32_t)i};
    }
    if (n) S_pair_window(g, doc, items, n, d);
    free(items);
}
