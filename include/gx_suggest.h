/* gx_suggest.h: guanxi suggest: what a corpus has that the dictionaries lack.
 *
 * Runs after stage 6 on each document (its normalized text and mentions) and counts two kinds
 * of candidates: (a) names the rules found that no dictionary lists, by kind and canonical
 * name, with the branching entropy of their neighbours; (b) n-grams of Han characters
 * (gx_ngram.h) of an entity-like shape (gx_suggest_shape: the suffix, surname, given-name,
 * stop, word and counter rows of the dictionaries decide it). Memory is bounded by the two
 * capped tables, never by the corpus. gx_suggest_write scores the candidates seen at least
 * min_count times, sorts them (score, then surface and kind) and writes each as a dictionary
 * line whose 5th field starts a comment with the statistics:
 *   surface TAB type TAB TAB TAB # TAB count TAB documents TAB score TAB source TAB context
 * The owner of a gx_suggest frees it with gx_suggest_free; the dictionary is borrowed.
 */
#ifndef GX_SUGGEST_H
#define GX_SUGGEST_H

#include <stdio.h>
#include "gx_common.h"
#include "gx_diag.h"
#include "gx_dict.h"
#include "gx_doc.h"
#include "gx_entity.h"

typedef struct {
    uint32_t min_count; /* candidates seen fewer times are left out (--min-count; 0 means 3) */
    uint32_t top;       /* write at most this many (--top); 0: all */
    unsigned kinds;     /* bit set of gx_kind to write (--type); 0: all */
    size_t max_ngrams;  /* n-gram table cap; 0: GX_SUGGEST_MAX_NGRAMS */
    size_t max_names;   /* rule-name table cap; 0: GX_SUGGEST_MAX_NAMES */
} gx_suggest_opts;

/* What a run counted, for the summary. */
typedef struct {
    size_t names;        /* rule names (and their neighbours) in the table now */
    size_t names_pruned; /* entries the pruning of the name table dropped */
    size_t ngrams;       /* n-grams in the table now */
    size_t ngrams_pruned;
    size_t unfit;        /* rule mentions left out: names no dictionary line can hold (over
                            GX_MAX_ENTRY_CHARS, whitespace or control characters, a leading #) */
    size_t written[GX_KIND_COUNT]; /* lines written, by kind */
} gx_suggest_stats;

typedef struct gx_suggest gx_suggest;

/* A collector for dictionary dict (borrowed; it must outlive the collector). */
gx_suggest *gx_suggest_new(const gx_dict *dict, const gx_suggest_opts *o);
void gx_suggest_free(gx_suggest *s);

/* Counts the candidates of one document (after gx_worker_doc; documents in input order). */
void gx_suggest_doc(gx_suggest *s, gx_doc *doc, const gx_mentions *ms);

/* Scores, sorts and writes the candidates to out (named out_name in messages). Returns GX_OK or
 * GX_EIO with the message in d. */
GX_MUST_CHECK gx_status gx_suggest_write(gx_suggest *s, FILE *out, const char *out_name,
                                         gx_diag *d);

/* The counts so far. */
void gx_suggest_get_stats(const gx_suggest *s, gx_suggest_stats *out);

/* Entity-like shapes of a string of n (2..GX_SUGGEST_MAX_NGRAM) Han characters cp that no
 * dictionary row lists in any role:
 *   GX_SHAPE_FORMULA  numeral-led chunks (一带一路, 两学一做), the last no longer than the
 *                     longest before it plus one, no chunk repeating the one before (一步一步),
 *                     no counter after a numeral (三个月); or a numeral, 大 and words (三大全球倡议);
 *   GX_SHAPE_SUFFIX   a name of at least 2 characters before a suffix row (kind= of the row,
 *                     within its min/max; prefix=place wants a known place or org ending before
 *                     the suffix, prefix=numeral numerals, prefix=quote rows need quotes so they
 *                     do not count), the name not common words only (国家公园), not a count (二期
 *                     工程), not holding a known place or org after its start (抗议日本政府), and
 *                     no common word running across the suffix (全部);
 *   GX_SHAPE_PERSON   a surname row (not subtype=common) and given-name rows, 3 characters (4
 *                     with a two-character surname), not ending in a suffix or level word
 *                     (丰台区), the given name not a common word (惠民生), no known entity (伊朗称)
 *                     or title inside, not starting with a common word;
 * and none starts with a counter (个行政村) or holds a stop word (weak ones aside). Returns the
 * shape, or GX_SHAPE_NONE, and sets *out_kind. */
typedef enum { GX_SHAPE_NONE = 0, GX_SHAPE_FORMULA, GX_SHAPE_SUFFIX, GX_SHAPE_PERSON } gx_shape;
gx_shape gx_suggest_shape(const gx_dict *dict, const uint32_t *cp, size_t n, gx_kind *out_kind);

/* 1 if a name of kind found by a rule (code points cp[0..n)) reads as common words rather
 * than a name: an org, place or program whose part before its longest suffix row is at most
 * GX_SUGGEST_GENERIC_MAX characters of common words (国家公园, 重大工程, 工作委员会); a person
 * whose given name is a common word or who holds a known entity or a title (乌军称 stays: the
 * rows cannot tell). Names with other than Han characters are never unlikely. */
int gx_suggest_unlikely(const gx_dict *dict, const uint32_t *cp, size_t n, gx_kind kind);

/* "formula", "suffix", "person" (the source column says "ngram:" and this). */
const char *gx_shape_name(gx_shape sh);

#endif
