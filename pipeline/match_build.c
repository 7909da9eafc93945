/* match_build.c: stage 5 (match), building the matcher once from a finished gx_dict.
 *
 * Three steps: the alphabet (every code point of a surface gets a dense id, most frequent first,
 * looked up through a table paged by 256 code points); a trie of the surfaces over those ids
 * (a hash map of (state, id) -> child, then edges sorted by (state, id)); and the double array
 * (match_int.h): states with the most children are placed first, each at the first base where
 * all its children's units are free; single children fill the holes left. The scan is in match.c.
 * Memory: 12 bytes a unit (match_int.h) plus 1 KB per 256-code-point page in use. On jieba's
 * dictionaries 60-80% of the units hold a state (105k terms: 226k units, 2.8 MB); states with
 * hundreds of children spread over a large alphabet pack worse (a synthetic 1000 x 300: 13%).
 */
#include <stdlib.h>
#include <string.h>
#include "gx_hash.h"
#include "match_int.h"

/* A block of 64 units where this many searches for a place began in vain is no longer tried
 * (until the states placed have half as many children): bounds the search on large dictionaries
 * (S_da_find). */
#define S_MAX_TRIES 64
#define S_PAGE (1u << GX_MATCH_PAGE_BITS)

void gx_matcher_free(gx_matcher *m) {
    if (!m) return;
    if (m->borrowed) {
        free(m);
        return;
    }
    free(m->page);
    free(m->ids);
    free(m->unit);
    free(m->out);
    free(m->flags);
    free(m);
}

size_t gx_matcher_states(const gx_matcher *m) { return m->n_states; }

/* The code points of entry i's surface into cp; returns how many (gx_dict keeps surfaces within
 * GX_MAX_ENTRY_CHARS, the deepest a scan walks). */
static uint32_t S_surface(const gx_dict *dict, size_t i, uint32_t cp[GX_MAX_ENTRY_CHARS]) {
    return (uint32_t)gx_utf8_cps(gx_dict_entry(dict, i)->surface, cp, GX_MAX_ENTRY_CHARS);
}

/* ---------------------------------------------------------------- alphabet */

typedef struct {
    uint32_t cp, count;
} S_sym;

static int S_cmp_sym(const void *pa, const void *pb) {
    const S_sym *a = pa, *b = pb;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return a->cp < b->cp ? -1 : a->cp > b->cp;
}

/* The code points of every surface with their counts, most frequent first; sets *out_n. */
static S_sym *S_symbols(const gx_dict *dict, size_t *out_n) {
    uint32_t *count = gx_xcalloc(GX_MATCH_CP_END, sizeof *count), cp[GX_MAX_ENTRY_CHARS];
    size_t n = 0;
    for (size_t i = 0; i < gx_dict_count(dict); i++)
        for (uint32_t j = 0, len = S_surface(dict, i, cp); j < len; j++)
            if (cp[j] < GX_MATCH_CP_END && !count[cp[j]]++) n++;
    S_sym *sym = gx_xmalloc(n * sizeof *sym);
    n = 0;
    for (uint32_t c = 0; c < GX_MATCH_CP_END; c++)
        if (count[c]) sym[n++] = (S_sym){c, count[c]};
    free(count);
    gx_sort(sym, n, sizeof *sym, S_cmp_sym);
    *out_n = n;
    return sym;
}

/* Ids 1..n in frequency order; the pages of code points that hold none share page 0. */
static void S_alphabet(gx_matcher *m, const gx_dict *dict) {
    size_t n;
    S_sym *sym = S_symbols(dict, &n);
    uint32_t n_pages = GX_MATCH_CP_END >> GX_MATCH_PAGE_BITS;
    m->page = gx_xcalloc(n_pages, sizeof *m->page);
    m->n_pages = 1;
    for (size_t k = 0; k < n; k++)
        m->page[sym[k].cp >> GX_MATCH_PAGE_BITS] = 1; /* marks the pages in use */
    for (uint32_t p = 0; p < n_pages; p++)
        if (m->page[p]) m->page[p] = (uint16_t)m->n_pages++;
    m->ids = gx_xcalloc((size_t)m->n_pages * S_PAGE, sizeof *m->ids);
    for (size_t k = 0; k < n; k++) {
        uint32_t c = sym[k].cp;
        m->ids[(size_t)m->page[c >> GX_MATCH_PAGE_BITS] * S_PAGE + (c & (S_PAGE - 1))] =
            (uint32_t)k + 1;
    }
    m->n_ids = (uint32_t)n + 1;
    free(sym);
}

/* ---------------------------------------------------------------- trie */

typedef struct {
    uint32_t parent, id, child;
} S_edge;

typedef struct {
    gx_u64map *next; /* (parent << 21 | id) -> child */
    S_edge *edges;   /* one per state but the root; sorted by (parent, id) once built */
    uint32_t *first; /* per state: its first edge; edges of s are [first[s], first[s+1]) */
    uint32_t *out;   /* per state: the first entry of the surface ending there, or NONE */
    size_t n_states, cap_edges, cap_out;
} S_trie;

static uint32_t S_trie_child(S_trie *t, uint32_t parent, uint32_t id) {
    uint32_t child = (uint32_t)t->n_states, found;
    if (!gx_u64map_put(t->next, (uint64_t)parent << 21 | id, child, &found)) return found;
    gx_grow((void **)&t->edges, &t->cap_edges, t->n_states, sizeof *t->edges);
    t->edges[t->n_states - 1] = (S_edge){parent, id, child};
    gx_grow((void **)&t->out, &t->cap_out, t->n_states + 1, sizeof *t->out);
    t->out[t->n_states++] = GX_MATCH_NONE;
    return child;
}

static int S_cmp_edge(const void *pa, const void *pb) {
    const S_edge *a = pa, *b = pb;
    if (a->parent != b->parent) return a->parent < b->parent ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The trie of every surface, its edges sorted and indexed by parent. */
static void S_trie_build(S_trie *t, const gx_matcher *m, const gx_dict *dict) {
    memset(t, 0, sizeof *t);
    t->next = gx_u64map_new();
    gx_grow((void **)&t->out, &t->cap_out, 1, sizeof *t->out);
    t->out[0] = GX_MATCH_NONE;
    t->n_states = 1;
    for (size_t i = 0; i < gx_dict_count(dict); i++) {
        uint32_t s = 0, cp[GX_MAX_ENTRY_CHARS];
        for (uint32_t j = 0, len = S_surface(dict, i, cp); j < len; j++)
            s = S_trie_child(t, s, gx_match_id(m, cp[j]));
        if (t->out[s] == GX_MATCH_NONE) t->out[s] = (uint32_t)i; /* the surface's first entry */
    }
    gx_u64map_free(t->next);
    gx_sort(t->edges, t->n_states - 1, sizeof *t->edges, S_cmp_edge);
    t->first = gx_xcalloc(t->n_states + 1, sizeof *t->first);
    for (size_t e = 0; e + 1 < t->n_states; e++) t->first[t->edges[e].parent + 1]++;
    for (size_t s = 0; s < t->n_states; s++) t->first[s + 1] += t->first[s];
}

static void S_trie_free(S_trie *t) {
    free(t->edges);
    free(t->first);
    free(t->out);
}

/* ---------------------------------------------------------------- double array */

/* A bitmap over the units with a floor below which every word is zero. */
typedef struct {
    uint64_t *w;
    size_t lo;
} S_bits;

typedef struct {
    gx_match_unit *unit; /* check: while placing, the trie state of the child the unit holds */
    S_bits free;         /* free units */
    S_bits cand;         /* free units still tried as the place of a first child (below) */
    uint8_t *tries;      /* per 64 units: failed searches that began there */
    size_t cap;          /* units allocated, a multiple of 64 */
    size_t top;          /* 1 + the highest unit used */
    size_t max_base;
} S_da;

static void S_bits_grow(S_bits *b, size_t from, size_t to) {
    b->w = gx_xrealloc(b->w, to / 64 * sizeof *b->w);
    memset(b->w + from / 64, 0xFF, (to - from) / 64 * sizeof *b->w);
}

static void S_bits_clear(S_bits *b, size_t p) { b->w[p / 64] &= ~(1ull << (p % 64)); }

/* The first set bit at or after p, or cap if there is none. */
static size_t S_bits_next(S_bits *b, size_t p, size_t cap) {
    size_t words = cap / 64;
    while (b->lo < words && !b->w[b->lo]) b->lo++;
    if (p < b->lo * 64) p = b->lo * 64;
    size_t w = p / 64;
    if (w >= words) return cap;
    uint64_t bits = b->w[w] & (~0ull << (p % 64));
    while (!bits) {
        if (++w == words) return cap;
        bits = b->w[w];
    }
    return w * 64 + (size_t)__builtin_ctzll(bits);
}

/* Bits q..q+63 of the map (bits past the end are set: units past the end are free). */
static uint64_t S_bits_at(const S_bits *b, size_t q, size_t cap) {
    size_t w = q / 64, r = q % 64, words = cap / 64;
    uint64_t lo = w < words ? b->w[w] : ~0ull;
    if (!r) return lo;
    uint64_t hi = w + 1 < words ? b->w[w + 1] : ~0ull;
    return lo >> r | hi << (64 - r);
}

static void S_da_grow(S_da *a, size_t need) {
    if (need <= a->cap) return;
    size_t cap = a->cap ? a->cap : 1024;
    while (cap < need) cap *= 2;
    a->unit = gx_xrealloc(a->unit, cap * sizeof *a->unit);
    a->tries = gx_xrealloc(a->tries, cap / 64);
    for (size_t p = a->cap; p < cap; p++) a->unit[p] = (gx_match_unit){0, GX_MATCH_NONE};
    memset(a->tries + a->cap / 64, 0, (cap - a->cap) / 64);
    S_bits_grow(&a->free, a->cap, cap);
    S_bits_grow(&a->cand, a->cap, cap);
    a->cap = cap;
}

static void S_da_use(S_da *a, size_t p, uint32_t check) {
    a->unit[p].check = check;
    S_bits_clear(&a->free, p);
    S_bits_clear(&a->cand, p);
    if (p >= a->top) a->top = p + 1;
}

/* Of the bases b0..b0+63, those where every child's unit is free, as bits. */
static uint64_t S_da_window(const S_da *a, size_t b0, const uint32_t *labels, size_t k) {
    uint64_t fit = ~0ull;
    for (size_t j = 0; j < k && fit; j++) fit &= S_bits_at(&a->free, b0 + labels[j], a->cap);
    return fit;
}

/* A base for the children labels[0..k) (ascending ids), the lowest found: a single child takes
 * the first free unit; several test 64 bases at a time, from the first candidate unit for the
 * first child on (a block where S_MAX_TRIES searches began in vain is dropped; its units still
 * take single children and later children). Grows the array to hold the children. */
static size_t S_da_find(S_da *a, const uint32_t *labels, size_t k) {
    size_t p = S_bits_next(k == 1 ? &a->free : &a->cand, labels[0], a->cap), base;
    for (;;) {
        if (p >= a->cap) p = a->cap > labels[0] ? a->cap : labels[0];
        uint64_t fit = k == 1 ? 1 : S_da_window(a, p - labels[0], labels, k);
        if (fit) {
            base = p - labels[0] + (size_t)__builtin_ctzll(fit);
            break;
        }
        if (++a->tries[p / 64] >= S_MAX_TRIES) a->cand.w[p / 64] = 0;
        p = S_bits_next(&a->cand, p + 64, a->cap);
    }
    S_da_grow(a, base + labels[k - 1] + 1);
    if (base > a->max_base) a->max_base = base;
    return base;
}

/* Makes every free unit a candidate again: done when the placing moves on to states with half
 * as many children, which fit where larger ones did not. */
static void S_da_renew(S_da *a) {
    memcpy(a->cand.w, a->free.w, a->cap / 64 * sizeof *a->cand.w);
    a->cand.lo = a->free.lo;
    memset(a->tries, 0, a->cap / 64);
}

static int S_cmp_u64(const void *pa, const void *pb) {
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/* The states that have children in the order they are placed: more children first (they are
 * the hardest to fit), then by state. Sets *out_n. */
static uint32_t *S_place_order(const S_trie *t, size_t *out_n) {
    uint64_t *key = gx_xmalloc(t->n_states * sizeof *key);
    size_t n = 0;
    for (uint32_t s = 0; s < t->n_states; s++)
        if (t->first[s + 1] > t->first[s])
            key[n++] = (uint64_t)(UINT32_MAX - (t->first[s + 1] - t->first[s])) << 32 | s;
    gx_sort(key, n, sizeof *key, S_cmp_u64);
    uint32_t *order = gx_xmalloc((n + 1) * sizeof *order);
    for (size_t i = 0; i < n; i++) order[i] = (uint32_t)key[i];
    free(key);
    *out_n = n;
    return order;
}

/* Chooses base[u] for every state with children and reserves their children's units. Returns 0
 * if the array outgrew 31-bit bases first. */
static int S_da_reserve(S_da *a, const S_trie *t, uint32_t *base, uint32_t n_ids) {
    size_t n;
    uint32_t *order = S_place_order(t, &n);
    uint32_t *labels = gx_xmalloc((size_t)n_ids * sizeof *labels);
    S_da_grow(a, (size_t)n_ids + 1);
    S_da_use(a, 0, GX_MATCH_ROOT_CHECK);
    size_t renew_at = SIZE_MAX;
    for (size_t i = 0; i < n && a->cap < GX_MATCH_TERM; i++) {
        const S_edge *e = t->edges + t->first[order[i]];
        size_t k = t->first[order[i] + 1] - t->first[order[i]];
        if (k <= renew_at) {
            S_da_renew(a);
            renew_at = k / 2;
        }
        for (size_t j = 0; j < k; j++) labels[j] = e[j].id;
        size_t b = S_da_find(a, labels, k);
        base[order[i]] = (uint32_t)b;
        for (size_t j = 0; j < k; j++) S_da_use(a, b + labels[j], e[j].child);
    }
    free(order);
    free(labels);
    return a->cap < GX_MATCH_TERM;
}

/* Turns the reservation into the matcher's arrays: checks name parent units, bases get their
 * GX_MATCH_TERM flag, out[] moves from states to units. */
static void S_da_finish(gx_matcher *m, S_da *a, const S_trie *t, const uint32_t *base) {
    uint32_t *pos = gx_xmalloc(t->n_states * sizeof *pos);
    pos[0] = 0;
    for (size_t e = 0; e + 1 < t->n_states; e++)
        pos[t->edges[e].child] = base[t->edges[e].parent] + t->edges[e].id;
    for (size_t e = 0; e + 1 < t->n_states; e++) {
        const S_edge *x = &t->edges[e];
        a->unit[pos[x->child]].check = pos[x->parent];
    }
    m->out = gx_xmalloc((size_t)m->n_units * sizeof *m->out);
    for (size_t p = 0; p < m->n_units; p++) m->out[p] = GX_MATCH_NONE;
    for (size_t s = 0; s < t->n_states; s++) {
        a->unit[pos[s]].base = base[s] | (t->out[s] != GX_MATCH_NONE ? GX_MATCH_TERM : 0);
        m->out[pos[s]] = t->out[s];
    }
    free(pos);
}

/* Fills the double array; returns 0 if it would not fit 31-bit bases. */
static int S_da_build(gx_matcher *m, const S_trie *t) {
    S_da a = {0};
    uint32_t *base = gx_xcalloc(t->n_states, sizeof *base);
    int fits = S_da_reserve(&a, t, base, m->n_ids);
    size_t n_units = a.max_base + m->n_ids > a.top ? a.max_base + m->n_ids : a.top;
    fits = fits && n_units < GX_MATCH_TERM;
    if (fits) {
        S_da_grow(&a, n_units);
        m->n_units = (uint32_t)n_units;
        S_da_finish(m, &a, t, base);
        m->unit = gx_xrealloc(a.unit, n_units * sizeof *m->unit);
    } else {
        free(a.unit);
    }
    free(a.free.w);
    free(a.cand.w);
    free(a.tries);
    free(base);
    return fits;
}

/* ---------------------------------------------------------------- entry point */

gx_status gx_matcher_new(const gx_dict *dict, gx_diag *d, gx_matcher **out) {
    gx_matcher *m = gx_xcalloc(1, sizeof *m);
    size_t n = gx_dict_count(dict);
    m->dict = dict;
    m->flags = gx_xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        if (gx_dict_entry(dict, i)->flags & GX_ENTRY_NEGATIVE) m->flags[i] |= GX_MATCH_NEGATIVE;
        if (gx_dict_next_same(dict, i) >= 0) m->flags[i] |= GX_MATCH_MORE;
    }
    S_alphabet(m, dict);
    S_trie t;
    S_trie_build(&t, m, dict);
    m->n_states = (uint32_t)t.n_states;
    int fits = S_da_build(m, &t);
    S_trie_free(&t);
    if (!fits) {
        gx_matcher_free(m);
        *out = NULL;
        return gx_diag_error(d, GX_ELIMIT, "dictionary", 0,
                             "the matcher would need more than 2^31 units");
    }
    *out = m;
    return GX_OK;
}
