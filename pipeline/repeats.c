/* repeats.c: stage 6 (resolve): a name a rule found once is a mention wherever it recurs in the
 * document (区委书记陈红民 ... 陈红民表示). See gx_res_repeats in resolve_int.h.
 *
 * Linear in the document: the names (distinct by kind and text, in candidate order) are grouped
 * by their first two code points (every name has two or more), one pass over the text tries only
 * the names starting with the pair at hand, and hash sets answer "seen before" and "already a candidate there". The new
 * candidates are appended name by name, each name's occurrences left to right.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_hash.h"
#include "resolve_int.h"

typedef struct {
    uint32_t start, len; /* the candidate the name comes from */
    gx_kind kind;
    uint32_t next;       /* next name with the same first two code points, UINT32_MAX: none */
} S_name;

typedef struct {
    uint32_t name, pos;
} S_occ;

/* Key of (kind, text of cp[start..start+len)) for the seen set, in *buf (grown as needed). */
static size_t S_text_key(const gx_doc *doc, gx_kind kind, uint32_t start, uint32_t len,
                         char **buf, size_t *cap) {
    size_t n = 1 + (size_t)len * sizeof *doc->cp;
    gx_grow((void **)buf, cap, n, 1);
    (*buf)[0] = (char)kind;
    memcpy(*buf + 1, doc->cp + start, (size_t)len * sizeof *doc->cp);
    return n;
}

/* The first two code points at p (p + 1 < doc->n). */
static uint64_t S_pair(const gx_doc *doc, uint32_t p) {
    return (uint64_t)doc->cp[p] << 32 | doc->cp[p + 1];
}

static uint64_t S_span_key(uint32_t start, uint32_t len, gx_kind kind) {
    return (uint64_t)start << 32 | (uint64_t)len << 2 | (uint64_t)kind;
}

/* The names to look for: candidates found by a rule (no dictionary entry), not generic or
 * negative, of two code points or more, whose kind and text no earlier rule candidate had. */
static S_name *S_names(const gx_doc *doc, const gx_cands *c, size_t *out_n) {
    gx_strmap *seen = gx_strmap_new();
    S_name *v = gx_xmalloc((c->n ? c->n : 1) * sizeof *v);
    char *key = NULL;
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < c->n; i++) {
        const gx_cand *k = &c->v[i];
        if (k->entry != GX_NO_ENTRY) continue;
        uint32_t len = k->end - k->start;
        size_t kn = S_text_key(doc, k->kind, k->start, len, &key, &cap);
        int fresh = gx_strmap_put(seen, key, kn, 0, NULL);
        if (fresh && len >= 2 && !(k->flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE)))
            v[n++] = (S_name){k->start, len, k->kind, UINT32_MAX};
    }
    free(key);
    gx_strmap_free(seen);
    *out_n = n;
    return v;
}

/* Every occurrence of every name elsewhere in the text where no candidate of its kind and span
 * exists yet, in text order. */
static S_occ *S_find(const gx_doc *doc, const gx_cands *c, S_name *names, size_t nn,
                     size_t *out_n) {
    gx_u64map *slot_of = gx_u64map_new(), *spans = gx_u64map_new();
    uint32_t *head = gx_xmalloc((nn ? nn : 1) * sizeof *head), n_slots = 0, slot, dummy;
    for (size_t i = nn; i-- > 0;) { /* each first pair's list, in name order */
        if (gx_u64map_put(slot_of, S_pair(doc, names[i].start), n_slots, &slot)) {
            slot = n_slots++;
            head[slot] = UINT32_MAX;
        }
        names[i].next = head[slot];
        head[slot] = (uint32_t)i;
    }
    for (size_t i = 0; i < c->n; i++)
        gx_u64map_put(spans, S_span_key(c->v[i].start, c->v[i].end - c->v[i].start, c->v[i].kind),
                      0, NULL);
    S_occ *occ = NULL;
    size_t n = 0, cap = 0;
    for (uint32_t p = 0; p + 1 < doc->n; p++) {
        if (!gx_u64map_get(slot_of, S_pair(doc, p), &slot)) continue;
        for (uint32_t i = head[slot]; i != UINT32_MAX; i = names[i].next) {
            const S_name *m = &names[i];
            if (p == m->start || m->len > doc->n - p ||
                memcmp(doc->cp + p, doc->cp + m->start, (size_t)m->len * sizeof *doc->cp) != 0 ||
                gx_u64map_get(spans, S_span_key(p, m->len, m->kind), &dummy))
                continue;
            gx_grow((void **)&occ, &cap, n + 1, sizeof *occ);
            occ[n++] = (S_occ){i, p};
        }
    }
    free(head);
    gx_u64map_free(slot_of);
    gx_u64map_free(spans);
    *out_n = n;
    return occ;
}

/* Orders occurrences by name, keeping text order within a name (stable). */
static int S_by_name(const void *pa, const void *pb) {
    const S_occ *a = pa, *b = pb;
    if (a->name != b->name) return a->name < b->name ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

void gx_res_repeats(const gx_doc *doc, gx_cands *c) {
    size_t nn, no;
    S_name *names = S_names(doc, c, &nn);
    S_occ *occ = nn ? S_find(doc, c, names, nn, &no) : NULL;
    if (!nn) no = 0;
    gx_sort(occ, no, sizeof *occ, S_by_name);
    for (size_t i = 0; i < no; i++) {
        const S_name *m = &names[occ[i].name];
        gx_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
        c->v[c->n++] = (gx_cand){occ[i].pos, occ[i].pos + m->len, m->kind, 0, GX_NO_ENTRY,
                                 NULL, "rule:repeat", 0, GX_NO_CAND};
    }
    free(occ);
    free(names);
}
