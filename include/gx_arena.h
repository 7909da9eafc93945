/* gx_arena.h: a bump allocator for memory that dies all at once (support).
 *
 * Used for dictionary strings and per-document scratch. Allocations are never freed one by
 * one; gx_arena_free releases everything. Pointers stay valid until then.
 */
#ifndef GX_ARENA_H
#define GX_ARENA_H

#include "gx_common.h"

typedef struct gx_arena gx_arena;

gx_arena *gx_arena_new(void);
void gx_arena_free(gx_arena *a);
/* n bytes aligned for any type. Never returns NULL (OOM aborts). */
void *gx_arena_alloc(gx_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n). */
char *gx_arena_strndup(gx_arena *a, const char *s, size_t n);

#endif
