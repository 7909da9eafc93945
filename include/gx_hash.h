/* gx_hash.h: two small open-addressing hash maps used by the dictionary and the graph (support).
 *
 * gx_strmap maps byte strings to uint32 values; it copies every key into its own pool, so callers
 * may pass borrowed or temporary keys. gx_u64map maps uint64 keys to uint32 values. Neither
 * iterates: callers that need an order keep their own arrays (output is never in hash order).
 */
#ifndef GX_HASH_H
#define GX_HASH_H

#include "gx_common.h"

/* 64-bit FNV-1a of n bytes, continuing from h (start with GX_FNV_OFFSET). */
#define GX_FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t gx_fnv1a(uint64_t h, const void *data, size_t n);

/* XXH64 (Yann Collet's xxHash, 64-bit variant, as its specification defines it) of n bytes with
 * the given seed: four lanes of one multiply per 8 bytes, ~10 GB/s. Checksums compiled
 * dictionary images and fingerprints the dictionary files they were compiled from. */
uint64_t gx_xxh64(const void *data, size_t n, uint64_t seed);

typedef struct gx_strmap gx_strmap;

gx_strmap *gx_strmap_new(void);
void gx_strmap_free(gx_strmap *m);
/* Returns 1 and sets *out if key is present, else 0. */
int gx_strmap_get(const gx_strmap *m, const char *key, size_t n, uint32_t *out);
/* Inserts key (copied) with value if absent. Returns 1 if inserted, 0 if it was present, in which
 * case *out_existing (if not NULL) gets the stored value and nothing changes. */
int gx_strmap_put(gx_strmap *m, const char *key, size_t n, uint32_t value, uint32_t *out_existing);
/* Overwrites the value of a present key; returns 0 if the key is absent. */
int gx_strmap_set(gx_strmap *m, const char *key, size_t n, uint32_t value);
size_t gx_strmap_size(const gx_strmap *m);

typedef struct gx_u64map gx_u64map;

gx_u64map *gx_u64map_new(void);
void gx_u64map_free(gx_u64map *m);
int gx_u64map_get(const gx_u64map *m, uint64_t key, uint32_t *out);
/* Inserts if absent; same contract as gx_strmap_put. */
int gx_u64map_put(gx_u64map *m, uint64_t key, uint32_t value, uint32_t *out_existing);
/* Overwrites the value of a present key; returns 0 if the key is absent. */
int gx_u64map_set(gx_u64map *m, uint64_t key, uint32_t value);
size_t gx_u64map_size(const gx_u64map *m);

#endif
