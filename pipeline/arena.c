/* arena.c: bump allocator in chunks (support; see gx_arena.h). */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include "gx_arena.h"

typedef struct S_chunk {
    struct S_chunk *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} S_chunk;

struct gx_arena {
    S_chunk *head;
};

gx_arena *gx_arena_new(void) { return gx_xcalloc(1, sizeof(gx_arena)); }

void gx_arena_free(gx_arena *a) {
    if (!a) return;
    for (S_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *gx_arena_alloc(gx_arena *a, size_t n) {
    const size_t align = alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    S_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > 65536 ? n : 65536;
        c = gx_xmalloc(sizeof *c + size);
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

char *gx_arena_strndup(gx_arena *a, const char *s, size_t n) {
    char *p = gx_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
