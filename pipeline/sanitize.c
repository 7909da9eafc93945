/* sanitize.c: the one text filter for every string that reaches an output (see gx_common.h).
 *
 * None of libxml2, cgraph or cJSON rejects control characters or invalid UTF-8, so this makes
 * every string valid UTF-8 that all three formats (and XML 1.0 in particular) accept
 * (CONTRACT.md §0 "Text sanitising"). It runs once per string, where the string enters: the
 * reader for document ids, graph.c for everything a gx_graph stores (labels, aliases, evidence,
 * info), the --edges-jsonl writer for its lines. The emitters then write graph strings as they
 * are, instead of each of the three checking every string again.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_common.h"

/* U+FFFD REPLACEMENT CHARACTER, the stand-in for each ill-formed sequence. */
#define S_REPLACEMENT 0xFFFD

/* 1 if code point c is dropped from output: C0 controls except TAB and LF (CR is handled by the
 * caller), DEL and the C1 block U+007F..U+009F, and the noncharacters U+FFFE / U+FFFF. */
static int S_dropped(UChar32 c) {
    if (c < 0x20) return c != '\t' && c != '\n';
    if (c >= 0x7F && c <= 0x9F) return 1;
    return c == 0xFFFE || c == 0xFFFF;
}

/* Appends code point c (valid, not a surrogate) to out at *j as UTF-8. */
static void S_put(char *out, size_t *j, UChar32 c) {
    size_t k = *j;
    U8_APPEND_UNSAFE((uint8_t *)out, k, c);
    *j = k;
}

/* 1 if u[0..n) is already what gx_sanitize makes of it (the usual case): then it is copied as
 * it is. */
static int S_clean(const uint8_t *u, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t b = u[i];
        if (b >= 0x20 && b < 0x7F) {
            i++;
            continue;
        }
        if (b < 0x80) {
            if (b != '\t' && b != '\n') return 0;
            i++;
            continue;
        }
        UChar32 c;
        U8_NEXT(u, i, n, c);
        if (c < 0 || S_dropped(c)) return 0;
    }
    return 1;
}

int gx_clean(const char *s, size_t n) { return S_clean((const uint8_t *)s, n); }

const char *gx_sanitized(const char *s, char **owned) {
    size_t n = strlen(s);
    *owned = S_clean((const uint8_t *)s, n) ? NULL : gx_sanitize(s, n, NULL);
    return *owned ? *owned : s;
}

char *gx_sanitize(const char *s, size_t n, size_t *out_len) {
    const uint8_t *u = (const uint8_t *)s;
    if (S_clean(u, n)) {
        char *copy = gx_xmalloc(n + 1);
        memcpy(copy, s, n);
        copy[n] = '\0';
        if (out_len) *out_len = n;
        return copy;
    }
    /* Worst case: every byte is ill-formed and becomes the 3-byte U+FFFD. */
    char *out = gx_xmalloc(n <= (SIZE_MAX - 1) / 3 ? 3 * n + 1 : SIZE_MAX);
    size_t i = 0, j = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(u, i, n, c);
        if (c < 0) {
            S_put(out, &j, S_REPLACEMENT);
        } else if (c == '\r') {
            if (i < n && u[i] == '\n') i++; /* CRLF: one LF */
            out[j++] = '\n';
        } else if (!S_dropped(c)) {
            S_put(out, &j, c);
        }
    }
    out[j] = '\0';
    if (out_len) *out_len = j;
    return out;
}
