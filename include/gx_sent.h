/* gx_sent.h: stage 3, sentences and paragraphs over the normalized text.
 *
 * Sentence boundaries come from ICU's sentence BreakIterator; each sentence is trimmed of
 * surrounding whitespace and empty ones are dropped. A paragraph ends at every line break left
 * after normalization (rejoining has already removed the breaks PDF extraction inserted).
 */
#ifndef GX_SENT_H
#define GX_SENT_H

#include "gx_common.h"
#include "gx_diag.h"
#include "gx_doc.h"

/* Fills doc->sents, n_sents and n_paras from doc->cp. Returns GX_EICU on an ICU failure. */
GX_MUST_CHECK gx_status gx_sent_split(gx_doc *doc, gx_diag *d);

#endif
