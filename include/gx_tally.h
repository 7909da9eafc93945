/* gx_tally.h: a capped table of counted byte strings (support, used by guanxi suggest).
 *
 * Counts the occurrences and documents of keys in at most `cap` entries. When a new key would
 * not fit, the table is pruned: every entry seen at most t times is dropped, with t = 1, 2, …
 * the least that leaves at most cap/2 entries (lossy counting: a dropped key that comes back
 * starts again from 0, so counts are lower bounds, exact for keys that always stayed above the
 * thresholds). Pruning depends only on the sequence of hits, so the same input gives the same
 * table. Entries also carry two sums and a tag for the caller and an owned note string. The
 * table never iterates in hash order: entry indices follow first insertion (survivors keep
 * their relative order when pruning renumbers them).
 */
#ifndef GX_TALLY_H
#define GX_TALLY_H

#include "gx_common.h"

typedef struct {
    uint32_t count;      /* occurrences counted since the key was (last) inserted */
    uint32_t docs;       /* distinct documents among them */
    uint32_t last_doc;   /* private: 1 + the last document counted */
    uint32_t tag;        /* caller's data, 0 when created */
    double left, right;  /* caller's sums (neighbour statistics), 0 when created */
    char *note;          /* owned by the table (gx_tally_set_note), or NULL */
    uint32_t key, len;   /* private: the key's offset in the pool and its length in bytes */
} gx_tally_entry;

typedef struct gx_tally gx_tally;

/* An empty table of at most cap entries (cap >= 2). Free with gx_tally_free. */
gx_tally *gx_tally_new(size_t cap);
void gx_tally_free(gx_tally *t);

/* Makes room for `need` new keys (need <= cap / 2): prunes when size + need > cap. Returns 1
 * when it pruned (entry indices changed: find them again), else 0. */
int gx_tally_reserve(gx_tally *t, size_t need);

/* Counts one occurrence of key[0..n) in document doc (documents numbered from 0, in increasing
 * order). A new key needs room (gx_tally_reserve before; without room it is an assertion).
 * Returns the entry index; *out_before (if not NULL) gets the count before this hit. */
uint32_t gx_tally_hit(gx_tally *t, const char *key, size_t n, uint32_t doc, uint32_t *out_before);

/* Starts loading the memory a lookup of key[0..n) will read (a hint: lookups of several keys
 * known in advance then wait for memory together instead of one after the other). */
void gx_tally_prefetch(const gx_tally *t, const char *key, size_t n);

/* Index of the entry of key[0..n), or -1. */
long gx_tally_find(const gx_tally *t, const char *key, size_t n);

/* Entry i (i < size), valid until the next hit or prune. */
gx_tally_entry *gx_tally_at(gx_tally *t, uint32_t i);
const gx_tally_entry *gx_tally_get(const gx_tally *t, uint32_t i);

/* The key bytes of entry i (e->len of them, not NUL-terminated), valid until the next hit. */
const char *gx_tally_key(const gx_tally *t, uint32_t i);

/* Gives entry i the note s (the table takes ownership and frees the previous one). */
void gx_tally_set_note(gx_tally *t, uint32_t i, char *s);

size_t gx_tally_size(const gx_tally *t);
/* Entries dropped by pruning so far, and the highest threshold t used (0: never pruned). */
size_t gx_tally_dropped(const gx_tally *t);
uint32_t gx_tally_threshold(const gx_tally *t);

#endif
