/* gx_mentions.h: the mention-lines output of `guanxi mentions` (JSON Lines via cJSON).
 *
 * One object a mention: {"doc","start","end","type","text","entity","source"} plus
 * "nested": true on a mention that lies inside another (a party body's unit, or any with
 * --nested); start/end in original code points (end exclusive) and text the exact original
 * slice, so that
 * text == original[start:end] always holds. The text is not sanitized like graph labels:
 * input is validated UTF-8 and cJSON escapes every control character, and sanitizing would
 * break that equality.
 */
#ifndef GX_MENTIONS_H
#define GX_MENTIONS_H

#include <stdio.h>
#include "gx_common.h"
#include "gx_diag.h"
#include "gx_doc.h"
#include "gx_entity.h"

/* Writes one line per mention of ms to out. Returns GX_EIO on a write error, GX_ELIB if cJSON
 * fails, with a message in d. */
GX_MUST_CHECK gx_status gx_mentions_write(FILE *out, gx_doc *doc, const gx_mentions *ms,
                                          gx_diag *d);

#endif
