/* sent.c: stage 3: normalized code points -> sentences with paragraph numbers.
 *
 * Runs ICU's sentence BreakIterator over a UTF-16 copy of the normalized text and maps its
 * boundaries back to code points. ICU's UErrorCode stays in this file.
 */
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include "gx_norm.h"
#include "gx_sent.h"

static int S_is_break(uint32_t c) {
    return c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

typedef struct {
    gx_doc *doc;
    size_t cap;
    uint32_t prev_end; /* end of the last sentence kept */
} S_acc;

/* Adds sentence [a, b) (code points, untrimmed) if it holds anything but whitespace. */
static void S_add(S_acc *acc, uint32_t a, uint32_t b) {
    gx_doc *doc = acc->doc;
    while (a < b && gx_is_space(doc->cp[a])) a++;
    while (b > a && gx_is_space(doc->cp[b - 1])) b--;
    if (a == b) return;
    uint32_t para = doc->n_sents ? doc->sents[doc->n_sents - 1].para : 0;
    if (doc->n_sents) {
        for (uint32_t i = acc->prev_end; i < a; i++)
            if (S_is_break(doc->cp[i])) {
                para++;
                break;
            }
    }
    gx_grow((void **)&doc->sents, &acc->cap, doc->n_sents + 1, sizeof *doc->sents);
    doc->sents[doc->n_sents++] = (gx_sentence){a, b, para};
    doc->n_paras = para + 1;
    acc->prev_end = b;
}

gx_status gx_sent_split(gx_doc *doc, gx_diag *d) {
    doc->n_sents = doc->n_paras = 0;
    if (doc->n == 0) return GX_OK;
    UChar *u = gx_xmalloc(((size_t)doc->n * 2 + 1) * sizeof *u);
    int32_t len = 0, cap = (int32_t)doc->n * 2 + 1;
    for (uint32_t i = 0; i < doc->n; i++) {
        UBool err = 0;
        U16_APPEND(u, len, cap, (UChar32)doc->cp[i], err);
        (void)err; /* two units per code point always fit */
    }
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "zh", u, len, &st);
    if (U_FAILURE(st)) {
        free(u);
        return gx_diag_error(d, GX_EICU, doc->file, doc->line,
                             "document '%s': ICU sentence break failed: %s", doc->id,
                             u_errorName(st));
    }
    S_acc acc = {doc, 0, 0};
    int32_t prev16 = 0;
    uint32_t prevcp = 0, cp = 0;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        for (int32_t i = prev16; i < b; i++) cp += !U16_IS_TRAIL(u[i]);
        S_add(&acc, prevcp, cp);
        prev16 = b;
        prevcp = cp;
    }
    ubrk_close(bi);
    free(u);
    return GX_OK;
}
