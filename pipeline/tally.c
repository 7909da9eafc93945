/* tally.c: a capped table of counted byte strings (support for guanxi suggest; see gx_tally.h).
 *
 * Entries live in one array in insertion order, their keys in one byte pool; an open-addressing
 * index of entry numbers (linear probing, at most half full) finds them. Pruning keeps the
 * entries above a count threshold in their order, compacts the pool and rebuilds the index.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "gx_hash.h"
#include "gx_tally.h"

/* Counts up to this are binned exactly when choosing the pruning threshold; a higher threshold
 * is found by sorting the counts. */
#define S_HIST_BINS 1024

struct gx_tally {
    gx_tally_entry *v;
    size_t n, cap_v, cap; /* entries, array capacity, the table's limit */
    uint64_t *slots;      /* high half: the key's hash tag; low half: entry index + 1, 0 = empty */
    size_t mask;          /* slot count - 1 (a power of two) */
    char *pool;
    size_t pool_len, pool_cap;
    size_t dropped;
    uint32_t threshold;
};

gx_tally *gx_tally_new(size_t cap) {
    gx_tally *t = gx_xcalloc(1, sizeof *t);
    t->cap = cap < 2 ? 2 : cap;
    t->mask = 63;
    t->slots = gx_xcalloc(t->mask + 1, sizeof *t->slots);
    return t;
}

void gx_tally_free(gx_tally *t) {
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) free(t->v[i].note);
    free(t->v);
    free(t->slots);
    free(t->pool);
    free(t);
}

/* FNV-1a, then a 64-bit finalizer: FNV's low bits depend only on the low bits of the bytes,
 * and UTF-8 Han characters differ mostly in few of those. */
static size_t S_hash(const char *key, size_t n) {
    uint64_t h = gx_fnv1a(GX_FNV_OFFSET, key, n);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return (size_t)(h ^ (h >> 33));
}

/* The slot holding key, or the empty slot where it would go; *out_tag gets the hash tag a new
 * slot must hold. The tag spares reading entries and keys on most probes. */
static uint64_t *S_slot(const gx_tally *t, const char *key, size_t n, uint64_t *out_tag) {
    size_t h = S_hash(key, n);
    uint64_t tag = (uint64_t)(uint32_t)(h >> 32) << 32;
    *out_tag = tag;
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        uint64_t s = t->slots[i];
        if (s == 0) return &t->slots[i];
        if ((s & 0xFFFFFFFF00000000ULL) != tag) continue;
        const gx_tally_entry *e = &t->v[(uint32_t)s - 1];
        if (e->len == n && memcmp(t->pool + e->key, key, n) == 0) return &t->slots[i];
    }
}

/* Rebuilds the index with slot_count slots (a power of two above twice the entries). */
static void S_reindex(gx_tally *t, size_t slot_count) {
    free(t->slots);
    t->mask = slot_count - 1;
    t->slots = gx_xcalloc(slot_count, sizeof *t->slots);
    for (size_t i = 0; i < t->n; i++) {
        uint64_t tag, *slot = S_slot(t, t->pool + t->v[i].key, t->v[i].len, &tag);
        *slot = tag | ((uint64_t)i + 1);
    }
}

void gx_tally_prefetch(const gx_tally *t, const char *key, size_t n) {
    __builtin_prefetch(&t->slots[S_hash(key, n) & t->mask]);
}

long gx_tally_find(const gx_tally *t, const char *key, size_t n) {
    uint64_t tag, s = *S_slot(t, key, n, &tag);
    return s ? (long)(uint32_t)s - 1 : -1;
}

/* Appends a new entry for key; the caller made room. */
static uint32_t S_insert(gx_tally *t, uint64_t *slot, uint64_t tag, const char *key, size_t n) {
    assert(t->n < t->cap && n <= UINT32_MAX);
    gx_grow((void **)&t->v, &t->cap_v, t->n + 1, sizeof *t->v);
    gx_grow((void **)&t->pool, &t->pool_cap, t->pool_len + n + 1, 1);
    memcpy(t->pool + t->pool_len, key, n);
    t->v[t->n] = (gx_tally_entry){.key = (uint32_t)t->pool_len, .len = (uint32_t)n};
    t->pool_len += n;
    *slot = tag | (uint64_t)++t->n;
    if (t->n * 2 > t->mask + 1) S_reindex(t, (t->mask + 1) * 2);
    return (uint32_t)t->n - 1;
}

uint32_t gx_tally_hit(gx_tally *t, const char *key, size_t n, uint32_t doc, uint32_t *out_before) {
    uint64_t tag, *slot = S_slot(t, key, n, &tag);
    uint32_t i = *slot ? (uint32_t)*slot - 1 : S_insert(t, slot, tag, key, n);
    gx_tally_entry *e = &t->v[i];
    if (out_before) *out_before = e->count;
    if (e->count < UINT32_MAX) e->count++;
    if (e->last_doc != doc + 1) {
        e->docs++;
        e->last_doc = doc + 1;
    }
    return i;
}

/* ---------------------------------------------------------------- pruning */

static int S_cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The least threshold t such that at most keep (< t->n) entries have a count above t. */
static uint32_t S_threshold(const gx_tally *t, size_t keep) {
    size_t *hist = gx_xcalloc(S_HIST_BINS, sizeof *hist), above = t->n;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].count < S_HIST_BINS) hist[t->v[i].count]++;
    uint32_t th = 0;
    for (uint32_t c = 1; c < S_HIST_BINS && !th; c++)
        if ((above -= hist[c]) <= keep) th = c;
    free(hist);
    if (th) return th;
    uint32_t *counts = gx_xmalloc(t->n * sizeof *counts); /* rare: only very frequent keys */
    for (size_t i = 0; i < t->n; i++) counts[i] = t->v[i].count;
    gx_sort(counts, t->n, sizeof *counts, S_cmp_u32);
    th = counts[t->n - keep - 1];
    free(counts);
    return th;
}

/* Drops every entry counted at most th times; survivors keep their order. */
static void S_drop(gx_tally *t, uint32_t th) {
    char *pool = gx_xmalloc(t->pool_len + 1);
    size_t k = 0, plen = 0;
    for (size_t i = 0; i < t->n; i++) {
        gx_tally_entry e = t->v[i];
        if (e.count <= th) {
            free(e.note);
            continue;
        }
        memcpy(pool + plen, t->pool + e.key, e.len);
        e.key = (uint32_t)plen;
        plen += e.len;
        t->v[k++] = e;
    }
    t->dropped += t->n - k;
    t->n = k;
    free(t->pool);
    t->pool = pool;
    t->pool_len = plen;
    t->pool_cap = t->pool_len + 1;
    S_reindex(t, t->mask + 1);
}

int gx_tally_reserve(gx_tally *t, size_t need) {
    assert(need <= t->cap / 2);
    if (t->n + need <= t->cap) return 0;
    uint32_t th = S_threshold(t, t->cap / 2);
    if (th > t->threshold) t->threshold = th;
    S_drop(t, th);
    return 1;
}

/* ---------------------------------------------------------------- access */

gx_tally_entry *gx_tally_at(gx_tally *t, uint32_t i) { return &t->v[i]; }
const gx_tally_entry *gx_tally_get(const gx_tally *t, uint32_t i) { return &t->v[i]; }
const char *gx_tally_key(const gx_tally *t, uint32_t i) { return t->pool + t->v[i].key; }

void gx_tally_set_note(gx_tally *t, uint32_t i, char *s) {
    free(t->v[i].note);
    t->v[i].note = s;
}

size_t gx_tally_size(const gx_tally *t) { return t->n; }
size_t gx_tally_dropped(const gx_tally *t) { return t->dropped; }
uint32_t gx_tally_threshold(const gx_tally *t) { return t->threshold; }
