/* suggest_int.h: what the files of guanxi suggest share (private to suggest*.c).
 *
 * suggest.c counts candidates document by document into the two tables; suggest_out.c scores,
 * sorts and writes them; suggest_shape.c decides which n-grams have an entity-like shape.
 */
#ifndef GX_SUGGEST_INT_H
#define GX_SUGGEST_INT_H

#include "gx_ngram.h"
#include "gx_suggest.h"
#include "gx_tally.h"

/* Tag of an n-gram entry with an entity-like shape (0: none); rule names use 1 + their source
 * index, and their neighbour entries 0. Name keys are 'N', a kind digit and the canonical name;
 * neighbour keys 'L' or 'R', the kind digit, the name and the neighbouring character. */
#define GX_SUGGEST_TAG(shape, kind) ((uint32_t)(shape) << 4 | (uint32_t)(kind))
#define GX_SUGGEST_TAG_SHAPE(tag) ((gx_shape)((tag) >> 4))
#define GX_SUGGEST_TAG_KIND(tag) ((gx_kind)((tag)&15u))

struct gx_suggest {
    const gx_dict *dict;      /* borrowed */
    gx_suggest_opts o;        /* defaults filled in */
    gx_ngrams *ngrams;        /* n-grams of the Han runs */
    gx_tally *names;          /* rule names and their neighbours */
    gx_doc *doc;              /* the document being counted (for the n-gram mark callback) */
    uint32_t seq;             /* its number */
    const char **sources;     /* distinct mention sources seen (static strings) */
    size_t n_sources, cap_sources;
    char *key;                /* scratch for name keys */
    size_t cap_key;
    size_t unfit;             /* rule names no dictionary line can hold */
    size_t written[GX_KIND_COUNT];
};

/* The example context of normalized code points [start, end) of doc: the original text around
 * it within its sentence, about GX_SUGGEST_CONTEXT_CHARS code points, control characters as
 * spaces. Caller frees. */
char *gx_suggest_context(gx_doc *doc, uint32_t start, uint32_t end);

#endif
