/* t2s.c: stage 2, normalize (option --t2s): traditional Han characters -> simplified, one code
 * point for one, so every offset stays the original text's.
 *
 * The table comes from ICU's Traditional-Simplified transliterator applied to each Han code
 * point of the BMP on its own (built once, on first use, for all threads); a character whose
 * simplified form is not a single code point is left as it is. Dictionaries are simplified, so
 * matching then finds 臺北市 as 台北市 while mentions keep the original surface.
 */
#include <pthread.h>
#include <unicode/utrans.h>
#include "gx_norm.h"

/* Han blocks of the BMP that hold traditional forms: Extension A, the Unified block and the
 * compatibility ideographs. */
static const struct {
    uint32_t lo, hi;
} S_blocks[] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};

static uint16_t S_table[0x10000]; /* 0: unchanged */
static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static int S_ok;

static void S_build(void) {
    UErrorCode st = U_ZERO_ERROR;
    static const UChar id[] = {'T', 'r', 'a', 'd', 'i', 't', 'i', 'o', 'n', 'a', 'l', '-',
                               'S', 'i', 'm', 'p', 'l', 'i', 'f', 'i', 'e', 'd', 0};
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st)) return;
    for (size_t b = 0; b < sizeof S_blocks / sizeof *S_blocks; b++)
        for (uint32_t c = S_blocks[b].lo; c <= S_blocks[b].hi && U_SUCCESS(st); c++) {
            UChar buf[8] = {(UChar)c};
            int32_t len = 1, limit = 1;
            utrans_transUChars(t, buf, &len, 8, 0, &limit, &st);
            if (U_SUCCESS(st) && len == 1 && buf[0] != c) S_table[c] = buf[0];
        }
    S_ok = U_SUCCESS(st);
    utrans_close(t);
}

gx_status gx_t2s_init(gx_diag *d) {
    pthread_once(&S_once, S_build);
    if (!S_ok)
        return gx_diag_error(d, GX_EICU, NULL, 0,
                             "ICU has no Traditional-Simplified transliterator (--t2s)");
    return GX_OK;
}

uint32_t gx_t2s(uint32_t c) { return c < 0x10000 && S_table[c] ? S_table[c] : c; }

void gx_t2s_doc(gx_doc *doc) {
    for (uint32_t i = 0; i < doc->n; i++) doc->cp[i] = gx_t2s(doc->cp[i]);
}
