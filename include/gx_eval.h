/* gx_eval.h: `guanxi eval`: the pipeline's mentions scored against gold annotations.
 *
 * Two gold layouts:
 *   - unified JSONL, one document a line: {"id","text","entities":[[start,end,TYPE,surface],...]}
 *     (code-point offsets; TYPE PER/LOC/ORG/PROG or person/place/org/program). The mentions
 *     `guanxi mentions` would print (same options) are compared by exact span and type. The types scored
 *     are those the gold uses. Same numbers as ../shared/gold/nerscore.py.
 *   - a folder of per-document entity TSVs (type, canonical, aliases|..., count, flags), the
 *     texts given as inputs (document id = file name without .txt). An entity found matches a
 *     gold entity of its type when any of their names agree after NFKC and removing quotes and
 *     spaces; entries flagged uncertain or nested-only are optional. Same numbers as
 *     ../shared/gold/goldscore.py.
 * Prints P/R/F1 per type, then micro and macro; with errors, every miss (FN) and false hit (FP)
 * with its context, before the scores.
 */
#ifndef GX_EVAL_H
#define GX_EVAL_H

#include <stdio.h>
#include "gx_common.h"
#include "gx_diag.h"
#include "gx_dict.h"

typedef struct {
    const char *gold;             /* a .jsonl file or a folder of .tsv files */
    const char *const *inputs;    /* texts for the TSV layout */
    size_t n_inputs;
    const char *const *dicts;     /* as for extract (none: the default) */
    size_t n_dicts;
    int nested;                   /* as --nested: every mention inside a mention too */
    int errors;                   /* list misses and false hits */
    FILE *out;                    /* where the report goes */
    const gx_dict_format *dict_formats; /* per dicts[i]: how it is read (NULL: all auto) */
} gx_eval_opts;

/* Runs the evaluation. Returns GX_OK, or an error (unreadable or malformed gold: GX_EIO,
 * GX_EINPUT; pipeline errors) with the message in d. */
GX_MUST_CHECK gx_status gx_eval(const gx_eval_opts *o, gx_diag *d);

#endif
