/* gx_rules.h: stage 5b, rules. Dictionary hits + text -> candidate mentions.
 *
 * Input: a normalized document and every hit of the automaton in it (GX_MATCH_ALL), entities and
 * rule words alike. Output: candidates, i.e. spans that may be mentions: one per dictionary
 * entity hit, and those the recognizers find (rules_org.c, rules_person.c, rules_place.c,
 * rules_program.c). What the recognizers look for is data: suffixes, titles, surnames, stop and
 * generic words are dictionary rows (gx_role). Choosing among overlapping candidates and
 * resolving aliases is the next stage's work (gx_resolve.h). The candidate list owns an arena
 * for canonical names built by rules; it is reused document after document.
 */
#ifndef GX_RULES_H
#define GX_RULES_H

#include "gx_arena.h"
#include "gx_common.h"
#include "gx_dict.h"
#include "gx_doc.h"
#include "gx_match.h"

#define GX_NO_ENTRY UINT32_MAX
#define GX_NO_CAND UINT32_MAX

/* gx_cand.flags */
enum {
    GX_CAND_NEGATIVE = 1, /* blocks what it covers, never a mention (negative dictionary entry) */
    GX_CAND_GENERIC = 2,  /* only generic words before the suffix (党工委, 社区党支部): a mention
                             only if it resolves to a full name in the document */
    GX_CAND_UNIT = 4,     /* the unit named inside a party body (…公司 in …公司党支部) */
    GX_CAND_KEEP = 8      /* kept even when nested in a longer mention (units, byline names) */
};

typedef struct {
    uint32_t start, end;   /* normalized code points, end exclusive */
    gx_kind kind;
    int32_t priority;      /* higher wins overlaps (dictionary priority=; rules use 0) */
    uint32_t entry;        /* dictionary entry, or GX_NO_ENTRY for a rule's candidate */
    const char *canonical; /* canonical name; NULL: the span's text without whitespace */
    const char *source;    /* "dict" or "rule:NAME" (static string) */
    uint32_t flags;        /* GX_CAND_* */
    uint32_t outer;        /* unit: index of the party body it belongs to, else GX_NO_CAND */
} gx_cand;

typedef struct {
    gx_cand *v;
    size_t n, cap;
    gx_arena *arena;    /* canonical names built by rules; reset per document */
    uint32_t *by_end;   /* private: hit indices sorted by end position */
    uint32_t *end_first; /* private: by_end range of each position, n + 2 entries */
    uint32_t *start_first; /* private: first hit starting at or after each position, n + 2 */
    size_t cap_pos, cap_start, cap_hits;
    struct gx_cindex *index; /* private: candidates by position (rules_index.c) */
} gx_cands;

/* Frees everything the list holds and zeroes it. */
void gx_cands_free(gx_cands *c);

/* Replaces c's candidates with those of doc: one per entity hit of hits (all hits, sorted by
 * start as gx_match_scan gives them), then those of every recognizer. */
void gx_rules_run(const gx_doc *doc, const gx_dict *dict, const gx_hits *hits, gx_cands *c);

/* 1 if c is a numeral as the rules read them: a Chinese numeral (一 … 十 百 千 万 两 双 零 〇) or
 * an ASCII digit (guanxi suggest shapes formulas with it). */
int gx_rules_numeral(uint32_t c);

#endif
