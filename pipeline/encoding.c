/* encoding.c: stage 1, read: the bytes of a text file -> UTF-8, with ICU (see gx_read.h).
 *
 * UTF-8 stays as it is (checked; with lossy, ill-formed sequences become U+FFFD and are
 * counted). Other encodings go through an ICU converter to UTF-16 and back to UTF-8; a strict
 * conversion stops at the first byte sequence the encoding does not define and reports its
 * offset. With auto, a byte order mark decides, then valid UTF-8 without NUL bytes is UTF-8, and
 * only otherwise ICU's charset detector guesses; a guess is trusted only when its confidence is
 * at least GX_DETECT_MIN_CONFIDENCE and the decoded text is mostly Han (GX_DETECT_MIN_HAN_PCT),
 * the GB family is always read as GB18030 (a superset of GB2312 and GBK). ICU's UErrorCode never
 * leaves this file.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include "gx_norm.h"
#include "gx_read.h"

/* Names on the command line and ICU converter names, in gx_encoding order. */
static const struct {
    const char *name, *icu;
} S_enc[] = {
    {"auto", NULL},         {"utf-8", "UTF-8"}, {"gb18030", "GB18030"},
    {"gbk", "GBK"},         {"big5", "Big5"},   {"utf-16", "UTF-16"},
    {"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
};

int gx_encoding_parse(const char *s, gx_encoding *out) {
    for (size_t i = 0; i < sizeof S_enc / sizeof *S_enc; i++)
        if (strcasecmp(s, S_enc[i].name) == 0) {
            *out = (gx_encoding)i;
            return 1;
        }
    return 0;
}

const char *gx_encoding_name(gx_encoding e) { return S_enc[e].name; }

/* ---------------------------------------------------------------- UTF-8 */

/* Copies s[0..n) replacing each ill-formed sequence by U+FFFD; *replaced counts them. */
static char *S_utf8_lossy(const char *s, size_t n, size_t *out_len, size_t *replaced) {
    const uint8_t *u = (const uint8_t *)s;
    uint8_t *out = gx_xmalloc(n * 3 + 1);
    size_t i = 0, j = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(u, i, n, c);
        if (c < 0) c = 0xFFFD, (*replaced)++;
        U8_APPEND_UNSAFE(out, j, c);
    }
    out[j] = '\0';
    *out_len = j;
    return (char *)out;
}

/* ---------------------------------------------------------------- ICU converters */

typedef struct {
    size_t count;
} S_subst;

/* Substitutes like ICU's default callback and counts each substitution. */
static void S_count_subst(const void *ctx, UConverterToUnicodeArgs *args, const char *bytes,
                          int32_t len, UConverterCallbackReason reason, UErrorCode *err) {
    if (reason <= UCNV_IRREGULAR) ((S_subst *)ctx)->count++;
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, bytes, len, reason, err);
}

/* Decodes buf with ICU converter `name` into UTF-16 *out (caller frees). Strict: returns the
 * byte offset of the first undefined or ill-formed sequence in *bad (and 0), else 1. */
static int S_to_utf16(const char *name, const char *buf, size_t len, int lossy, UChar **out,
                      int32_t *out_len, size_t *bad, size_t *replaced) {
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &st);
    S_subst sub = {0};
    if (U_FAILURE(st)) return 0;
    if (lossy)
        ucnv_setToUCallBack(cv, S_count_subst, &sub, NULL, NULL, &st);
    else
        ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    size_t cap = len + 2;
    UChar *u = gx_xmalloc(cap * sizeof *u), *target = u;
    const char *src = buf;
    ucnv_toUnicode(cv, &target, u + cap, &src, buf + len, NULL, 1, &st);
    int ok = U_SUCCESS(st);
    if (!ok) {
        char invalid[32];
        int8_t n = sizeof invalid;
        UErrorCode st2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cv, invalid, &n, &st2);
        *bad = (size_t)(src - buf) - (U_SUCCESS(st2) ? (size_t)n : 0);
        free(u);
        u = NULL;
    }
    ucnv_close(cv);
    *out = u;
    *out_len = (int32_t)(target - (u ? u : target));
    *replaced += sub.count;
    return ok;
}

/* UTF-16 u[0..n) -> new UTF-8 string (NUL-terminated); NULL on an ICU failure. */
static char *S_to_utf8(const UChar *u, int32_t n, size_t *out_len) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8(NULL, 0, &need, u, n, &st);
    st = U_ZERO_ERROR;
    char *s = gx_xmalloc((size_t)need + 1);
    u_strToUTF8(s, need + 1, &need, u, n, &st);
    if (U_FAILURE(st)) {
        free(s);
        return NULL;
    }
    *out_len = (size_t)need;
    return s;
}

/* ---------------------------------------------------------------- detection */

/* Percent of Han among the non-space, non-ASCII-punctuation code points of s. */
static unsigned S_han_pct(const char *s, size_t n) {
    size_t han = 0, all = 0, i = 0;
    const uint8_t *u = (const uint8_t *)s;
    while (i < n) {
        UChar32 c;
        U8_NEXT(u, i, n, c);
        if (c < 0 || gx_is_space((uint32_t)c) || (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z')))
            continue;
        all++;
        han += gx_is_han((uint32_t)c);
    }
    return all ? (unsigned)(han * 100 / all) : 0;
}

/* ICU's best guess for buf: an encoding guanxi reads, or GX_ENC_AUTO when none fits. */
static gx_encoding S_detect(const char *buf, size_t len, int32_t *out_conf) {
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&st);
    gx_encoding e = GX_ENC_AUTO;
    *out_conf = 0;
    int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
    ucsdet_setText(det, buf, n, &st);
    const UCharsetMatch *m = U_SUCCESS(st) ? ucsdet_detect(det, &st) : NULL;
    const char *name = m ? ucsdet_getName(m, &st) : NULL;
    if (name && U_SUCCESS(st)) {
        *out_conf = ucsdet_getConfidence(m, &st);
        if (strcmp(name, "GB18030") == 0 || strcmp(name, "GBK") == 0 || strcmp(name, "GB2312") == 0)
            e = GX_ENC_GB18030;
        else if (strcmp(name, "Big5") == 0)
            e = GX_ENC_BIG5;
        else if (strcmp(name, "UTF-16LE") == 0)
            e = GX_ENC_UTF16LE;
        else if (strcmp(name, "UTF-16BE") == 0)
            e = GX_ENC_UTF16BE;
        else if (strcmp(name, "UTF-8") == 0)
            e = GX_ENC_UTF8;
    }
    ucsdet_close(det);
    return e;
}

/* The encoding a byte order mark names (its length in *bom), or GX_ENC_AUTO. */
static gx_encoding S_bom(const char *b, size_t len, size_t *bom) {
    const uint8_t *u = (const uint8_t *)b;
    *bom = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return *bom = 3, GX_ENC_UTF8;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) return *bom = 2, GX_ENC_UTF16LE;
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) return *bom = 2, GX_ENC_UTF16BE;
    return GX_ENC_AUTO;
}

/* ---------------------------------------------------------------- entry point */

static gx_status S_convert(const gx_decode_in *in, gx_encoding e, size_t skip, gx_decoded *out,
                           gx_diag *d) {
    const char *buf = in->bytes + skip;
    size_t len = in->len - skip, bad = 0;
    if (e == GX_ENC_UTF8) {
        if (in->lossy) {
            out->text = S_utf8_lossy(buf, len, &out->len, &out->replaced);
            return GX_OK;
        }
        if (!gx_utf8_valid(buf, len, &bad))
            return gx_diag_error(d, GX_EUTF8, in->file, in->line, "invalid UTF-8 at byte %zu%s",
                                 skip + bad, in->enc == GX_ENC_AUTO ? " (not a detectable "
                                 "GB18030, Big5 or UTF-16 text either; see --encoding, --lossy)" : "");
        out->text = gx_xstrndup(buf, len);
        out->len = len;
        return GX_OK;
    }
    UChar *u;
    int32_t ulen;
    if (!S_to_utf16(S_enc[e].icu, buf, len, in->lossy, &u, &ulen, &bad, &out->replaced)) {
        if (!u && bad == 0 && len == 0) return GX_OK;
        return gx_diag_error(d, GX_EUTF8, in->file, in->line, "invalid %s at byte %zu",
                             S_enc[e].name, skip + bad);
    }
    out->text = S_to_utf8(u, ulen, &out->len);
    free(u);
    if (!out->text)
        return gx_diag_error(d, GX_EICU, in->file, in->line, "cannot convert from %s",
                             S_enc[e].name);
    return GX_OK;
}

/* With auto: the detector's guess when it is trusted (see the top of the file), decoded into
 * *out; 0 when the text should be read as UTF-8. */
static int S_try_guess(const gx_decode_in *in, gx_decoded *out) {
    int32_t conf = 0;
    size_t bad, rep = 0, n8;
    if (gx_utf8_valid(in->bytes, in->len, &bad) && !memchr(in->bytes, '\0', in->len)) return 0;
    gx_encoding guess = S_detect(in->bytes, in->len, &conf);
    if (guess == GX_ENC_AUTO || guess == GX_ENC_UTF8 || conf < GX_DETECT_MIN_CONFIDENCE) return 0;
    UChar *u;
    int32_t ulen;
    if (!S_to_utf16(S_enc[guess].icu, in->bytes, in->len, 0, &u, &ulen, &bad, &rep)) return 0;
    char *t = S_to_utf8(u, ulen, &n8);
    free(u);
    if (!t || S_han_pct(t, n8) < GX_DETECT_MIN_HAN_PCT) {
        free(t);
        return 0;
    }
    *out = (gx_decoded){t, n8, guess, 1, conf, 0};
    return 1;
}

gx_status gx_decode(const gx_decode_in *in, gx_decoded *out, gx_diag *d) {
    size_t bom = 0;
    memset(out, 0, sizeof *out);
    gx_encoding e = in->enc, b = S_bom(in->bytes, in->len, &bom);
    /* a byte order mark decides for auto and utf-16, and is dropped when it agrees */
    if (b != GX_ENC_AUTO && (e == GX_ENC_AUTO || e == b || (e == GX_ENC_UTF16 && b != GX_ENC_UTF8)))
        e = b;
    else
        bom = 0;
    if (e == GX_ENC_UTF16) e = GX_ENC_UTF16LE; /* no BOM: little-endian, as Windows writes it */
    if (e == GX_ENC_AUTO && S_try_guess(in, out)) return GX_OK;
    if (e == GX_ENC_AUTO) e = GX_ENC_UTF8;
    out->enc = e;
    return S_convert(in, e, bom, out, d);
}
