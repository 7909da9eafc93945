/* rules_int.h: what the recognizer files of stage 5b share (private to rules*.c).
 *
 * S_ctx bundles the document, the dictionary, the hits indexed by end position and the
 * candidate list; the helpers answer the questions every recognizer asks: is this a name
 * character, does a stop word or a place end here, where does the name before a suffix start.
 */
#ifndef GX_RULES_INT_H
#define GX_RULES_INT_H

#include "gx_rules.h"

typedef struct {
    const gx_doc *doc;
    const gx_dict *dict;
    const gx_hits *hits;
    gx_cands *c;
    uint32_t sent;     /* index of the sentence being scanned */
    uint32_t s0, s1;   /* its span */
} gx_rctx;

/* 1 if e is a generic noun: a generic row without a context subtype (measure, pair, side,
 * visit, partner, member are context words; jurisdiction words are generic nouns too), or a
 * suffix flagged generic. Level words are not generic nouns. */
int gx_r_generic_noun(const gx_entry *e);

/* 1 if e names an entity that may anchor or bound names: role entity, not an abbreviation. */
int gx_r_is_entity(const gx_entry *e);

/* The entry of hit i. */
const gx_entry *gx_r_entry(const gx_rctx *x, size_t i);

/* Hits ending at position p: indices into x->hits->v in [*out_lo, *out_hi) of c->by_end. */
void gx_r_ending(const gx_rctx *x, uint32_t p, uint32_t *out_lo, uint32_t *out_hi);

/* Hits starting at p: indices [*out_lo, *out_hi) of x->hits->v. */
void gx_r_starting(const gx_rctx *x, uint32_t p, size_t *out_lo, size_t *out_hi);

/* 1 if a hit of role `role` ends at p (any kind). */
int gx_r_role_ends(const gx_rctx *x, uint32_t p, gx_role role);

/* Length of the longest hit of role `role` starting at p, 0 if none. */
uint32_t gx_r_role_starts(const gx_rctx *x, uint32_t p, gx_role role);

/* Start of the longest place (or, with orgs = 1, place or org) entity that ends at p, among
 * dictionary hits and candidates found so far; UINT32_MAX if none. */
uint32_t gx_r_entity_ends(const gx_rctx *x, uint32_t p, int orgs);

/* Start of the longest org candidate (dictionary or rule, not generic) ending at p, with its
 * index in *out_cand; UINT32_MAX if none. */
uint32_t gx_r_org_ends(const gx_rctx *x, uint32_t p, uint32_t *out_cand);

/* 1 if c may be part of a name: Han, ASCII letter or digit, '(' ')' '·' '-'. */
int gx_r_namechar(uint32_t c);

/* 1 if c is a Chinese numeral (一 … 十 百 千 万 两 双 零 〇) or an ASCII digit. */
int gx_r_numeral(uint32_t c);

/* gx_r_window flags */
enum {
    GX_W_WEAK = 1, /* weak stop words (和 与 及) bound the window too */
    GX_W_CHAIN = 2 /* an organization ending at `end` may lie inside the window */
};

/* How far left a name ending at `end` may reach: the window [*out_start, end) holds only name
 * characters (single spaces next to digits allowed), stays inside the sentence, and crosses no
 * stop or title word (unless an entity runs across that word: 区长 in 惠济区长兴路), no count
 * (a numeral and a counter: 5个), and no end of an organization found before (except one ending
 * at `end`, with GX_W_CHAIN); at most max characters. *out_hard is 1 when the window stops at a
 * boundary, 0 when it stops at max. */
void gx_r_window(const gx_rctx *x, uint32_t end, uint32_t max, unsigned flags, uint32_t *out_start,
                 int *out_hard);

/* Adds a candidate; returns its index. canonical NULL means the span's text. */
uint32_t gx_r_add(gx_rctx *x, uint32_t start, uint32_t end, gx_kind kind, const char *source,
                  uint32_t flags);

/* 1 if [start, end) consists of generic words only (or is empty). */
int gx_r_all_generic(const gx_rctx *x, uint32_t start, uint32_t end);

/* The normalized text of [start, end) as UTF-8 in buf (NUL-terminated); returns its length. */
size_t gx_r_text(const gx_rctx *x, uint32_t start, uint32_t end, char *buf, size_t cap);

/* Entry index whose surface is the text [start, end), or -1. */
long gx_r_lookup(const gx_rctx *x, uint32_t start, uint32_t end);

/* Moves the sentence cursor (x->sent, s0, s1) to the sentence holding pos. */
void gx_r_seek(gx_rctx *x, uint32_t pos);

/* Leftmost start of a place or org (dictionary entity or rule candidate, not generic; with
 * levels = 1 also a generic word flagged level: 区, 省) lying inside [w, end) and not right
 * after '(' (郑州 in 中粮工程科技(郑州) anchors nothing); UINT32_MAX if none. */
uint32_t gx_r_anchor(const gx_rctx *x, uint32_t w, uint32_t end, int levels);

/* The anchor (levels included) ending last inside [w, end), the longest of those; its start or
 * UINT32_MAX. */
uint32_t gx_r_anchor_last(const gx_rctx *x, uint32_t w, uint32_t end);

/* 1 if the character at p is one of transliterated names (role given, subtype foreign or both). */
int gx_r_translit(const gx_rctx *x, uint32_t p);

/* Length of the run of transliteration characters (2 to 8) starting at p that no word
 * interrupts (总统|拉莫斯), 0 if none. */
uint32_t gx_r_translit_after(const gx_rctx *x, uint32_t p);

/* Length of the run of transliteration characters (2 to 8) ending at end, with a word boundary
 * before it (费舍尔|议长), 0 if none. */
uint32_t gx_r_translit_before(const gx_rctx *x, uint32_t end);

/* The candidates' position index (rules_index.c): every candidate added goes through
 * gx_r_cindex_add; the lists of a position come in the order candidates were added. */
void gx_r_cindex_reset(gx_cands *c);
void gx_r_cindex_add(gx_cands *c, uint32_t i);
void gx_r_cindex_free(gx_cands *c);
/* First candidate ending / starting at p, or GX_NO_CAND; then the next one of that list. */
uint32_t gx_r_cands_ending(const gx_cands *c, uint32_t p);
uint32_t gx_r_cands_starting(const gx_cands *c, uint32_t p);
uint32_t gx_r_next_ending(const gx_cands *c, uint32_t i);
uint32_t gx_r_next_starting(const gx_cands *c, uint32_t i);

/* The recognizers, run in this order (later ones see earlier candidates as anchors). */
void gx_rules_suffix(gx_rctx *x);
void gx_rules_person(gx_rctx *x);
void gx_rules_foreign(gx_rctx *x);
void gx_rules_list(gx_rctx *x);
void gx_rules_listhead(gx_rctx *x);
void gx_rules_chain(gx_rctx *x);
void gx_rules_abbrev(gx_rctx *x);
void gx_rules_program(gx_rctx *x);

#endif
