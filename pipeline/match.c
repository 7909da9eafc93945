/* match.c: stage 5: Aho-Corasick over code points, leftmost-longest (see gx_match.h).
 *
 * Build: a trie of every surface (hash map of (state, code point) -> child), flattened into
 * sorted edge arrays per state plus a direct table for the root's BMP children; failure and
 * dictionary-suffix links by breadth-first search. Scan: the classic automaton walk; every hit
 * updates the longest hit known for its start position, and one left-to-right pass over those
 * picks the leftmost-longest ones. Cost is linear in the text times the matches per position,
 * which GX_MAX_ENTRY_CHARS bounds.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_hash.h"
#include "gx_match.h"

#define S_ROOT_TABLE 0x10000 /* root children below this code point use a direct table */
#define S_NONE UINT32_MAX

struct gx_matcher {
    const gx_dict *dict;  /* for the other entries of a surface (gx_dict_next_same) */
    uint32_t n_states;
    uint32_t *edge_first; /* per state: first edge index; edges of s are [first[s], first[s+1]) */
    uint32_t *edge_cp;    /* sorted by code point within a state */
    uint32_t *edge_to;
    uint32_t *root_next;  /* S_ROOT_TABLE entries: child of the root, 0 if none */
    uint32_t *fail;
    uint32_t *dict_link;  /* nearest state on the failure chain that ends a surface, 0 if none */
    uint32_t *out;        /* entry ending at this state, S_NONE if none */
    uint8_t *depth;
    uint8_t *negative;    /* per entry: 1 if the entry is negative */
};

void gx_hits_free(gx_hits *h) {
    free(h->v);
    free(h->scratch);
    memset(h, 0, sizeof *h);
}

void gx_matcher_free(gx_matcher *m) {
    if (!m) return;
    free(m->edge_first);
    free(m->edge_cp);
    free(m->edge_to);
    free(m->root_next);
    free(m->fail);
    free(m->dict_link);
    free(m->out);
    free(m->depth);
    free(m->negative);
    free(m);
}

size_t gx_matcher_states(const gx_matcher *m) { return m->n_states; }

/* ---------------------------------------------------------------- build */

typedef struct {
    uint32_t parent, cp, child;
} S_edge;

typedef struct {
    gx_u64map *next; /* (parent << 21 | cp) -> child */
    S_edge *edges;
    size_t n_edges, cap_edges;
    uint32_t *out;
    uint8_t *depth;
    size_t n_states, cap_out, cap_depth;
} S_trie;

static uint32_t S_trie_child(S_trie *t, uint32_t parent, uint32_t cp) {
    uint32_t child = (uint32_t)t->n_states, found;
    if (!gx_u64map_put(t->next, (uint64_t)parent << 21 | cp, child, &found)) return found;
    gx_grow((void **)&t->edges, &t->cap_edges, t->n_edges + 1, sizeof *t->edges);
    t->edges[t->n_edges++] = (S_edge){parent, cp, child};
    gx_grow((void **)&t->out, &t->cap_out, t->n_states + 1, sizeof *t->out);
    gx_grow((void **)&t->depth, &t->cap_depth, t->n_states + 1, sizeof *t->depth);
    t->out[child] = S_NONE;
    t->depth[child] = (uint8_t)(t->depth[parent] + 1);
    t->n_states++;
    return child;
}

static void S_trie_insert(S_trie *t, const char *s, uint32_t entry) {
    const uint8_t *p = (const uint8_t *)s;
    int32_t i = 0, len = (int32_t)strlen(s);
    uint32_t state = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT_UNSAFE(p, i, c);
        state = S_trie_child(t, state, (uint32_t)c);
    }
    if (t->out[state] == S_NONE) t->out[state] = entry; /* the first entry of the surface */
}

static int S_cmp_edge(const void *pa, const void *pb) {
    const S_edge *a = pa, *b = pb;
    if (a->parent != b->parent) return a->parent < b->parent ? -1 : 1;
    return a->cp < b->cp ? -1 : a->cp > b->cp;
}

static inline uint32_t S_goto(const gx_matcher *m, uint32_t s, uint32_t c) {
    if (s == 0 && c < S_ROOT_TABLE) return m->root_next[c];
    uint32_t lo = m->edge_first[s], hi = m->edge_first[s + 1];
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (m->edge_cp[mid] < c) lo = mid + 1;
        else hi = mid;
    }
    return lo < m->edge_first[s + 1] && m->edge_cp[lo] == c ? m->edge_to[lo] : 0;
}

/* Flattens the trie's edges into per-state sorted arrays and the root table. */
static void S_flatten(gx_matcher *m, S_trie *t) {
    gx_sort(t->edges, t->n_edges, sizeof *t->edges, S_cmp_edge);
    m->edge_first = gx_xcalloc((size_t)m->n_states + 1, sizeof *m->edge_first);
    m->edge_cp = gx_xmalloc((t->n_edges + 1) * sizeof *m->edge_cp);
    m->edge_to = gx_xmalloc((t->n_edges + 1) * sizeof *m->edge_to);
    m->root_next = gx_xcalloc(S_ROOT_TABLE, sizeof *m->root_next);
    for (size_t i = 0; i < t->n_edges; i++) {
        m->edge_first[t->edges[i].parent + 1]++;
        m->edge_cp[i] = t->edges[i].cp;
        m->edge_to[i] = t->edges[i].child;
        if (t->edges[i].parent == 0 && t->edges[i].cp < S_ROOT_TABLE)
            m->root_next[t->edges[i].cp] = t->edges[i].child;
    }
    for (uint32_t s = 0; s < m->n_states; s++) m->edge_first[s + 1] += m->edge_first[s];
}

/* Failure and dictionary links in breadth-first order. */
static void S_links(gx_matcher *m) {
    uint32_t *queue = gx_xmalloc((size_t)m->n_states * sizeof *queue);
    size_t head = 0, tail = 0;
    m->fail = gx_xcalloc(m->n_states, sizeof *m->fail);
    m->dict_link = gx_xcalloc(m->n_states, sizeof *m->dict_link);
    for (uint32_t e = m->edge_first[0]; e < m->edge_first[1]; e++) queue[tail++] = m->edge_to[e];
    while (head < tail) {
        uint32_t u = queue[head++];
        for (uint32_t e = m->edge_first[u]; e < m->edge_first[u + 1]; e++) {
            uint32_t v = m->edge_to[e], c = m->edge_cp[e], f = m->fail[u], g;
            while ((g = S_goto(m, f, c)) == 0 && f != 0) f = m->fail[f];
            m->fail[v] = g;
            m->dict_link[v] = m->out[g] != S_NONE ? g : m->dict_link[g];
            queue[tail++] = v;
        }
    }
    free(queue);
}

gx_status gx_matcher_new(const gx_dict *dict, gx_diag *d, gx_matcher **out) {
    (void)d; /* building cannot fail on a valid gx_dict; kept for future limits */
    S_trie t = {0};
    t.next = gx_u64map_new();
    gx_grow((void **)&t.out, &t.cap_out, 1, sizeof *t.out);
    gx_grow((void **)&t.depth, &t.cap_depth, 1, sizeof *t.depth);
    t.out[0] = S_NONE;
    t.depth[0] = 0;
    t.n_states = 1;
    gx_matcher *m = gx_xcalloc(1, sizeof *m);
    m->dict = dict;
    size_t n = gx_dict_count(dict);
    m->negative = gx_xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        const gx_entry *e = gx_dict_entry(dict, i);
        S_trie_insert(&t, e->surface, (uint32_t)i);
        m->negative[i] = (e->flags & GX_ENTRY_NEGATIVE) != 0;
    }
    gx_u64map_free(t.next);
    m->n_states = (uint32_t)t.n_states;
    m->out = t.out;
    m->depth = t.depth;
    S_flatten(m, &t);
    free(t.edges);
    S_links(m);
    *out = m;
    return GX_OK;
}

/* ---------------------------------------------------------------- scan */

typedef struct {
    uint32_t entry;
    uint8_t len; /* 0: no hit starts here */
} S_best;

static void S_push(gx_hits *out, uint32_t start, uint32_t end, uint32_t entry) {
    gx_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
    out->v[out->n++] = (gx_hit){start, end, entry};
}

static int S_cmp_hit(const void *pa, const void *pb) {
    const gx_hit *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->end > b->end ? -1 : a->end < b->end;
}

static void S_scan_all(const gx_matcher *m, const uint32_t *cp, uint32_t n, gx_hits *out) {
    uint32_t s = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t t;
        while ((t = S_goto(m, s, cp[i])) == 0 && s != 0) s = m->fail[s];
        s = t;
        for (uint32_t o = m->out[s] != S_NONE ? s : m->dict_link[s]; o; o = m->dict_link[o])
            for (long e = m->out[o]; e >= 0; e = gx_dict_next_same(m->dict, (size_t)e))
                S_push(out, i + 1 - m->depth[o], i + 1, (uint32_t)e);
    }
    gx_sort(out->v, out->n, sizeof *out->v, S_cmp_hit);
}

static void S_scan_longest(const gx_matcher *m, const uint32_t *cp, uint32_t n, gx_hits *out) {
    size_t cap = out->scratch_cap;
    gx_grow(&out->scratch, &cap, (size_t)n + 1, sizeof(S_best));
    out->scratch_cap = cap;
    S_best *best = out->scratch;
    memset(best, 0, ((size_t)n + 1) * sizeof *best);
    uint32_t s = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t t;
        while ((t = S_goto(m, s, cp[i])) == 0 && s != 0) s = m->fail[s];
        s = t;
        for (uint32_t o = m->out[s] != S_NONE ? s : m->dict_link[s]; o; o = m->dict_link[o]) {
            S_best *b = &best[i + 1 - m->depth[o]];
            if (m->depth[o] > b->len) *b = (S_best){m->out[o], m->depth[o]};
        }
    }
    for (uint32_t i = 0; i < n;) {
        if (!best[i].len) {
            i++;
            continue;
        }
        if (!m->negative[best[i].entry]) S_push(out, i, i + best[i].len, best[i].entry);
        i += best[i].len;
    }
}

size_t gx_match_scan(const gx_matcher *m, const uint32_t *cp, uint32_t n, gx_match_mode mode,
                     gx_hits *out) {
    out->n = 0;
    if (mode == GX_MATCH_ALL) S_scan_all(m, cp, n, out);
    else S_scan_longest(m, cp, n, out);
    return out->n;
}
