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
    uint32_t cut;      /* sentences cut at GX_MAX_SENTENCE_CHARS */
} S_acc;

/* Where a sentence may be cut: after a comma, semicolon, colon or space. */
static int S_soft_end(uint32_t c) {
    return c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1B || c == ';' || c == 0xFF1A ||
           c == ':' || gx_is_space(c);
}

/* Adds sentence [a, b) (code points, untrimmed) if it holds anything but whitespace, in pieces
 * of at most GX_MAX_SENTENCE_CHARS. */
static void S_add_one(S_acc *acc, uint32_t a, uint32_t b);

static void S_add(S_acc *acc, uint32_t a, uint32_t b) {
    if (b - a > GX_MAX_SENTENCE_CHARS) acc->cut++;
    while (b - a > GX_MAX_SENTENCE_CHARS) {
        uint32_t c = a + GX_MAX_SENTENCE_CHARS;
        while (c > a + GX_MAX_SENTENCE_CHARS / 2 && !S_soft_end(acc->doc->cp[c - 1])) c--;
        if (c == a + GX_MAX_SENTENCE_CHARS / 2) c = a + GX_MAX_SENTENCE_CHARS;
        S_add_one(acc, a, c);
        a = c;
    }
    S_add_one(acc, a, b);
}

static void S_add_one(S_acc *acc, uint32_t a, uint32_t b) {
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
    S_acc acc = {doc, 0, 0, 0};
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
    if (acc.cut)
        gx_diag_warn(d, doc->file, doc->line,
                     "document '%s': %u sentence%s longer than %d characters cut at a comma or at "
                     "the limit (GX_MAX_SENTENCE_CHARS)",
                     doc->id, acc.cut, acc.cut == 1 ? "" : "s", GX_MAX_SENTENCE_CHARS);
    return GX_OK;
}
