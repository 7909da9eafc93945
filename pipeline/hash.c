/* hash.c: open-addressing hash maps with linear probing (support; see gx_hash.h).
 *
 * Keys of gx_strmap live in one growing byte pool addressed by offset, so growing the pool never
 * invalidates a slot. Tables double at 50% load; lookups compare the cached hash first.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_hash.h"

uint64_t gx_fnv1a(uint64_t h, const void *data, size_t n) {
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* ---------------------------------------------------------------- XXH64 */

#define S_P1 0x9E3779B185EBCA87ULL
#define S_P2 0xC2B2AE3D27D4EB4FULL
#define S_P3 0x165667B19E3779F9ULL
#define S_P4 0x85EBCA77C2B2AE63ULL
#define S_P5 0x27D4EB2F165667C5ULL

static inline uint64_t S_rotl(uint64_t x, int r) { return x << r | x >> (64 - r); }

/* Little-endian loads, as the specification reads its input. */
static inline uint64_t S_le64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline uint64_t S_le32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

static inline uint64_t S_round(uint64_t acc, uint64_t in) {
    return S_rotl(acc + in * S_P2, 31) * S_P1;
}

static inline uint64_t S_merge(uint64_t h, uint64_t v) { return (h ^ S_round(0, v)) * S_P1 + S_P4; }

/* The four lanes over whole 32-byte stripes; advances *pp past them. */
static uint64_t S_stripes(const unsigned char **pp, const unsigned char *end, uint64_t seed) {
    const unsigned char *p = *pp;
    uint64_t v1 = seed + S_P1 + S_P2, v2 = seed + S_P2, v3 = seed, v4 = seed - S_P1;
    for (; end - p >= 32; p += 32) {
        v1 = S_round(v1, S_le64(p));
        v2 = S_round(v2, S_le64(p + 8));
        v3 = S_round(v3, S_le64(p + 16));
        v4 = S_round(v4, S_le64(p + 24));
    }
    *pp = p;
    uint64_t h = S_rotl(v1, 1) + S_rotl(v2, 7) + S_rotl(v3, 12) + S_rotl(v4, 18);
    return S_merge(S_merge(S_merge(S_merge(h, v1), v2), v3), v4);
}

uint64_t gx_xxh64(const void *data, size_t n, uint64_t seed) {
    const unsigned char *p = data, *end = p + n;
    uint64_t h = n >= 32 ? S_stripes(&p, end, seed) : seed + S_P5;
    h += (uint64_t)n;
    for (; end - p >= 8; p += 8) h = S_rotl(h ^ S_round(0, S_le64(p)), 27) * S_P1 + S_P4;
    if (end - p >= 4) {
        h = S_rotl(h ^ S_le32(p) * S_P1, 23) * S_P2 + S_P3;
        p += 4;
    }
    for (; p < end; p++) h = S_rotl(h ^ *p * S_P5, 11) * S_P1;
    h ^= h >> 33;
    h *= S_P2;
    h ^= h >> 29;
    h *= S_P3;
    return h ^ h >> 32;
}

/* ---------------------------------------------------------------- string map */

typedef struct {
    uint64_t hash;
    size_t off; /* key offset in pool; SIZE_MAX marks an empty slot */
    uint32_t len, value;
} S_sslot;

struct gx_strmap {
    S_sslot *slots;
    size_t cap, size; /* cap is a power of two */
    char *pool;
    size_t pool_len, pool_cap;
};

static S_sslot *S_salloc(size_t cap) {
    S_sslot *s = gx_xmalloc(cap * sizeof *s);
    for (size_t i = 0; i < cap; i++) s[i].off = SIZE_MAX;
    return s;
}

gx_strmap *gx_strmap_new(void) {
    gx_strmap *m = gx_xcalloc(1, sizeof *m);
    m->cap = 64;
    m->slots = S_salloc(m->cap);
    return m;
}

void gx_strmap_free(gx_strmap *m) {
    if (!m) return;
    free(m->slots);
    free(m->pool);
    free(m);
}

static S_sslot *S_sfind(const gx_strmap *m, const char *key, size_t n, uint64_t h) {
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        S_sslot *s = &m->slots[i];
        if (s->off == SIZE_MAX) return s;
        if (s->hash == h && s->len == n && memcmp(m->pool + s->off, key, n) == 0) return s;
    }
}

static void S_sgrow(gx_strmap *m) {
    S_sslot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = S_salloc(m->cap);
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].off == SIZE_MAX) continue;
        size_t mask = m->cap - 1, j = (size_t)old[i].hash & mask;
        while (m->slots[j].off != SIZE_MAX) j = (j + 1) & mask;
        m->slots[j] = old[i];
    }
    free(old);
}

int gx_strmap_get(const gx_strmap *m, const char *key, size_t n, uint32_t *out) {
    S_sslot *s = S_sfind(m, key, n, gx_fnv1a(GX_FNV_OFFSET, key, n));
    if (s->off == SIZE_MAX) return 0;
    *out = s->value;
    return 1;
}

int gx_strmap_put(gx_strmap *m, const char *key, size_t n, uint32_t value,
                  uint32_t *out_existing) {
    uint64_t h = gx_fnv1a(GX_FNV_OFFSET, key, n);
    S_sslot *s = S_sfind(m, key, n, h);
    if (s->off != SIZE_MAX) {
        if (out_existing) *out_existing = s->value;
        return 0;
    }
    gx_grow((void **)&m->pool, &m->pool_cap, m->pool_len + n + 1, 1);
    memcpy(m->pool + m->pool_len, key, n);
    s->hash = h;
    s->off = m->pool_len;
    s->len = (uint32_t)n;
    s->value = value;
    m->pool_len += n;
    if (++m->size * 2 > m->cap) S_sgrow(m);
    return 1;
}

int gx_strmap_set(gx_strmap *m, const char *key, size_t n, uint32_t value) {
    S_sslot *s = S_sfind(m, key, n, gx_fnv1a(GX_FNV_OFFSET, key, n));
    if (s->off == SIZE_MAX) return 0;
    s->value = value;
    return 1;
}

size_t gx_strmap_size(const gx_strmap *m) { return m->size; }

/* ---------------------------------------------------------------- u64 map */

typedef struct {
    uint64_t key;
    uint32_t value, used;
} S_uslot;

struct gx_u64map {
    S_uslot *slots;
    size_t cap, size;
};

gx_u64map *gx_u64map_new(void) {
    gx_u64map *m = gx_xcalloc(1, sizeof *m);
    m->cap = 64;
    m->slots = gx_xcalloc(m->cap, sizeof *m->slots);
    return m;
}

void gx_u64map_free(gx_u64map *m) {
    if (!m) return;
    free(m->slots);
    free(m);
}

static size_t S_umix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k;
}

static S_uslot *S_ufind(const gx_u64map *m, uint64_t key) {
    size_t mask = m->cap - 1;
    for (size_t i = S_umix(key) & mask;; i = (i + 1) & mask)
        if (!m->slots[i].used || m->slots[i].key == key) return &m->slots[i];
}

int gx_u64map_get(const gx_u64map *m, uint64_t key, uint32_t *out) {
    S_uslot *s = S_ufind(m, key);
    if (!s->used) return 0;
    *out = s->value;
    return 1;
}

static void S_ugrow(gx_u64map *m) {
    S_uslot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = gx_xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].used) *S_ufind(m, old[i].key) = old[i];
    free(old);
}

int gx_u64map_put(gx_u64map *m, uint64_t key, uint32_t value, uint32_t *out_existing) {
    S_uslot *s = S_ufind(m, key);
    if (s->used) {
        if (out_existing) *out_existing = s->value;
        return 0;
    }
    s->used = 1;
    s->key = key;
    s->value = value;
    if (++m->size * 2 > m->cap) S_ugrow(m);
    return 1;
}

int gx_u64map_set(gx_u64map *m, uint64_t key, uint32_t value) {
    S_uslot *s = S_ufind(m, key);
    if (!s->used) return 0;
    s->value = value;
    return 1;
}

size_t gx_u64map_size(const gx_u64map *m) { return m->size; }
