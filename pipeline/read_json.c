/* read_json.c: stage 1 (read), the \u escapes of a JSONL line that cJSON cannot take: \u0000
 * (its C strings would cut the text there) and lone UTF-16 surrogates (\ud800 without its low
 * half: cJSON refuses the line). read.c reports the first as an error and the second as an
 * error naming its byte, or with --lossy rewrites it to \ufffd and counts it.
 *
 * An escape is a backslash run of odd length followed by u and four hex digits; an even run is
 * escaped backslashes.
 */
#include <string.h>
#include "read_int.h"

/* The code unit of the escape whose backslash run starts at i, or -1 (not an escape); *next is
 * where scanning goes on. */
static long S_escape(const char *s, size_t len, size_t i, size_t *next) {
    size_t j = i;
    while (j < len && s[j] == '\\') j++;
    *next = j;
    if ((j - i) % 2 == 0 || len - j < 5 || s[j] != 'u') return -1;
    long v = 0;
    for (size_t k = j + 1; k < j + 5; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    *next = j + 5;
    return v;
}

int gx_read_has_nul_escape(const char *line, size_t len) {
    for (size_t i = 0, next; i < len; i = next > i ? next : i + 1) {
        next = i + 1;
        if (line[i] == '\\' && S_escape(line, len, i, &next) == 0) return 1;
    }
    return 0;
}

/* Offset of the backslash of the first lone surrogate escape at or after *i, len if none. */
static size_t S_next_lone(const char *s, size_t len, size_t from) {
    for (size_t i = from, next; i < len; i = next > i ? next : i + 1) {
        next = i + 1;
        if (s[i] != '\\') continue;
        size_t at = next = i; /* the escape starts at the last backslash of the run */
        long v = S_escape(s, len, i, &next);
        if (v < 0xD800 || v > 0xDFFF) continue;
        at = next - 6;
        size_t after;
        long low = v <= 0xDBFF && next < len && s[next] == '\\' ? S_escape(s, len, next, &after) : -1;
        if (low >= 0xDC00 && low <= 0xDFFF) {
            next = after; /* a pair */
            continue;
        }
        return at;
    }
    return len;
}

size_t gx_read_lone_surrogate(const char *line, size_t len) {
    return S_next_lone(line, len, 0);
}

size_t gx_read_fix_surrogates(char *line, size_t len) {
    size_t n = 0;
    for (size_t at = S_next_lone(line, len, 0); at < len; at = S_next_lone(line, len, at + 6)) {
        memcpy(line + at, "\\ufffd", 6);
        n++;
    }
    return n;
}
