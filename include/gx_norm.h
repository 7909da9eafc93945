/* gx_norm.h: stage 2, normalize. gx_doc.orig -> gx_doc.cp with an offset map back.
 *
 * NFKC (ICU) turns full-width digits, letters and punctuation into their plain forms. Before it,
 * what PDF extraction broke is rejoined: a run of spaces or line breaks between two Han
 * characters is removed when it sits inside a prose line (a line of at least GX_REJOIN_MIN_LINE
 * visible characters), or, for a line break, when the line before is prose and the line after is
 * prose or ends a sentence (so headings, bylines and photo captions keep their breaks). CRLF and
 * CR become LF. Every normalized code point records the original code-point range it came from.
 */
#ifndef GX_NORM_H
#define GX_NORM_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_doc.h"

/* Fills doc->cp, n, src_start, src_end and orig_cps from doc->orig (valid UTF-8).
 * Returns GX_EICU with a message naming the document on an ICU failure. */
GX_MUST_CHECK gx_status gx_norm_doc(gx_doc *doc, gx_diag *d);

/* NFKC of s[0..n) (valid UTF-8) into a new NUL-terminated string *out (caller frees) of
 * *out_len bytes; no rejoining. Used for dictionary surfaces so they match normalized text.
 * Returns GX_EICU on failure (nothing allocated). */
GX_MUST_CHECK gx_status gx_norm_string(const char *s, size_t n, char **out, size_t *out_len);

/* --t2s (t2s.c): builds the traditional -> simplified table once (safe from any thread).
 * Returns GX_EICU with a message when ICU lacks the transliterator. */
GX_MUST_CHECK gx_status gx_t2s_init(gx_diag *d);
/* The simplified form of c (c itself when it has none of one code point); needs gx_t2s_init. */
uint32_t gx_t2s(uint32_t c);
/* Maps every code point of doc->cp through gx_t2s: offsets do not change. */
void gx_t2s_doc(gx_doc *doc);

/* 1 if c is a Han ideograph (Unicode property Ideographic). */
int gx_is_han(uint32_t c);

/* 1 if c is Unicode White_Space. */
int gx_is_space(uint32_t c);

#endif
