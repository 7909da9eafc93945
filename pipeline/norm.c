/* norm.c: stage 2: original UTF-8 -> rejoined, NFKC-normalized code points plus offset map.
 *
 * Three passes over one document: decode (and fold CR/CRLF), decide which whitespace runs to
 * rejoin (see gx_norm.h), then NFKC with ICU in UTF-16. NFKC runs only on the segments ICU's
 * quick check does not pass, each segment cut at normalization boundaries, so every output code
 * point can name the original range it came from. ICU's UErrorCode never leaves this file.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include "gx_norm.h"

int gx_is_han(uint32_t c) {
    if (c >= 0x4E00 && c <= 0x9FFF) return 1;
    if (c < 0x2E80) return 0;
    return u_hasBinaryProperty((UChar32)c, UCHAR_IDEOGRAPHIC) ? 1 : 0;
}

int gx_is_space(uint32_t c) {
    if (c == ' ' || c == '\n' || c == '\t') return 1;
    if (c < 0x80 && c != 0x0B && c != 0x0C && c != '\r') return 0;
    if (c > 0x3000) return 0; /* U+3000 IDEOGRAPHIC SPACE is the last White_Space code point */
    return u_isUWhiteSpace((UChar32)c) ? 1 : 0;
}

static int S_is_break(uint32_t c) {
    return c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Decodes orig into code points, folding CRLF to LF (the CR is dropped) and a lone CR to LF.
 * *out_src[k] is the original code-point index of decoded code point k. */
static uint32_t S_decode(gx_doc *doc, uint32_t **out_cp, uint32_t **out_src,
                         uint32_t *out_orig_cps) {
    const uint8_t *s = (const uint8_t *)doc->orig;
    int32_t i = 0, len = (int32_t)doc->orig_len;
    size_t n = 0; /* code points: bytes that do not continue a sequence (the text is UTF-8) */
    for (size_t b = 0; b < doc->orig_len; b++) n += (s[b] & 0xC0) != 0x80;
    uint32_t *cp = gx_xmalloc((n + 1) * sizeof *cp);
    uint32_t *src = gx_xmalloc((n + 1) * sizeof *src);
    uint32_t *bytes = gx_xmalloc((n + 1) * sizeof *bytes);
    uint32_t k = 0, o = 0;
    while (i < len) {
        UChar32 c;
        bytes[o] = (uint32_t)i;
        U8_NEXT_UNSAFE(s, i, c);
        if (c == '\r') {
            if (i < len && s[i] == '\n') {
                o++;
                continue;
            }
            c = '\n';
        }
        cp[k] = (uint32_t)c;
        src[k++] = o++;
    }
    bytes[o] = (uint32_t)len;
    free(doc->orig_byte);
    doc->orig_byte = bytes;
    *out_cp = cp;
    *out_src = src;
    *out_orig_cps = o;
    return k;
}

/* ---------------------------------------------------------------- rejoin */

typedef struct {
    const uint32_t *cp;
    uint32_t n;
    uint32_t *vis;   /* vis[i]: visible (non-space) code points in cp[0..i) */
    uint32_t nl_pos; /* cached: position of the next break at or after nl_from */
    uint32_t nl_from;
} S_lines;

static uint32_t S_next_break(S_lines *L, uint32_t from) {
    if (from < L->nl_from || from > L->nl_pos) {
        uint32_t i = from;
        while (i < L->n && !S_is_break(L->cp[i])) i++;
        L->nl_pos = i;
    }
    L->nl_from = from;
    return L->nl_pos;
}

/* Does the line ending at position end (exclusive) end a sentence? Closing quotes and brackets
 * after the final punctuation are skipped. */
static int S_ends_sentence(const S_lines *L, uint32_t start, uint32_t end) {
    static const uint32_t closers[] = {0x201D, 0x2019, 0x300D, 0x300F, ')', 0xFF09, 0x3011,
                                       0x300B, '"', '\''};
    static const uint32_t finals[] = {0x3002, 0xFF01, 0xFF1F, '!', '?', 0xFF1B, ';', 0x2026, '.'};
    uint32_t i = end, guard = 0;
    while (i > start && gx_is_space(L->cp[i - 1]) && guard++ < 64) i--;
    for (int moved = 1; moved && i > start;) {
        moved = 0;
        for (size_t k = 0; k < sizeof closers / sizeof *closers; k++)
            if (L->cp[i - 1] == closers[k]) {
                i--;
                moved = 1;
                break;
            }
    }
    if (i == start) return 0;
    for (size_t k = 0; k < sizeof finals / sizeof *finals; k++)
        if (L->cp[i - 1] == finals[k]) return 1;
    return 0;
}

/* 1 if the line starting at ls is a Markdown heading (# 标题): it is never rejoined with
 * the line before or after it, even when it is long and ends without punctuation. */
static int S_heading_line(const S_lines *L, uint32_t ls) {
    while (ls < L->n && gx_is_space(L->cp[ls]) && !S_is_break(L->cp[ls])) ls++;
    return ls < L->n && L->cp[ls] == '#';
}

/* Decides whether the whitespace run [a, b) between two Han characters goes; ls is the start of
 * the line holding a. Runs are visited left to right, so the cached next-break position keeps
 * the whole pass linear. */
static int S_rejoin_run(S_lines *L, uint32_t ls, uint32_t a, uint32_t b) {
    uint32_t first_br = a;
    while (first_br < b && !S_is_break(L->cp[first_br])) first_br++;
    if (first_br == b) { /* spaces only: rejoin inside prose lines */
        uint32_t le = S_next_break(L, b);
        return L->vis[le] - L->vis[ls] >= GX_REJOIN_MIN_LINE;
    }
    uint32_t last_br = b;
    while (!S_is_break(L->cp[last_br - 1])) last_br--;
    if (S_heading_line(L, ls) || S_heading_line(L, last_br)) return 0;
    uint32_t ne = S_next_break(L, b);
    int before_prose = L->vis[first_br] - L->vis[ls] >= GX_REJOIN_MIN_LINE;
    int after_prose = L->vis[ne] - L->vis[last_br] >= GX_REJOIN_MIN_LINE;
    return before_prose && (after_prose || S_ends_sentence(L, last_br, ne));
}

/* Marks drop[i] = 1 for every code point that rejoining removes. */
static void S_rejoin(const uint32_t *cp, uint32_t n, uint8_t *drop) {
    S_lines L = {cp, n, gx_xmalloc(((size_t)n + 1) * sizeof(uint32_t)), 0, UINT32_MAX};
    L.vis[0] = 0;
    for (uint32_t i = 0; i < n; i++) L.vis[i + 1] = L.vis[i] + !gx_is_space(cp[i]);
    uint32_t i = 0, ls = 0; /* ls: start of the current line */
    while (i < n) {
        if (!gx_is_space(cp[i])) {
            i++;
            continue;
        }
        uint32_t a = i, lsa = ls;
        for (; i < n && gx_is_space(cp[i]); i++)
            if (S_is_break(cp[i])) ls = i + 1;
        if (a > 0 && i < n && gx_is_han(cp[a - 1]) && gx_is_han(cp[i]) &&
            S_rejoin_run(&L, lsa, a, i))
            memset(drop + a, 1, i - a);
    }
    free(L.vis);
}

/* ---------------------------------------------------------------- NFKC with offsets */

typedef struct {
    uint32_t *cp, *start, *end;
    uint32_t n;
    size_t cap;
} S_out;

static void S_emit(S_out *o, uint32_t c, uint32_t s, uint32_t e) {
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 1024;
        o->cp = gx_xrealloc(o->cp, o->cap * sizeof *o->cp);
        o->start = gx_xrealloc(o->start, o->cap * sizeof *o->start);
        o->end = gx_xrealloc(o->end, o->cap * sizeof *o->end);
    }
    o->cp[o->n] = c;
    o->start[o->n] = s;
    o->end[o->n++] = e;
}

/* Normalizes u[a..b) (one segment between normalization boundaries) and maps every output code
 * point to the original range of the whole segment. */
static int S_norm_segment(const UNormalizer2 *n2, const UChar *u, const uint32_t *usrc, int32_t a,
                          int32_t b, UChar **buf, int32_t *bufcap, S_out *o) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = unorm2_normalize(n2, u + a, b - a, *buf, *bufcap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        *bufcap = len + 16;
        *buf = gx_xrealloc(*buf, (size_t)*bufcap * sizeof **buf);
        st = U_ZERO_ERROR;
        len = unorm2_normalize(n2, u + a, b - a, *buf, *bufcap, &st);
    }
    if (U_FAILURE(st)) return 0;
    uint32_t os = usrc[a], oe = usrc[b - 1] + 1;
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U16_NEXT(*buf, i, len, c);
        S_emit(o, (uint32_t)c, os, oe);
    }
    return 1;
}

/* NFKC over u[0..len) with usrc[k] = original code point of UTF-16 unit k. */
static int S_nfkc(const UChar *u, const uint32_t *usrc, int32_t len, S_out *o) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);
    if (U_FAILURE(st)) return 0;
    UChar *buf = NULL;
    int32_t bufcap = 0, i = 0;
    while (i < len) {
        int32_t yes = i + unorm2_spanQuickCheckYes(n2, u + i, len - i, &st);
        if (U_FAILURE(st)) break;
        while (i < yes) {
            UChar32 c;
            uint32_t src = usrc[i];
            U16_NEXT(u, i, len, c);
            S_emit(o, (uint32_t)c, src, src + 1);
        }
        if (i >= len) break;
        int32_t j = i;
        UChar32 c;
        U16_NEXT(u, j, len, c);
        while (j < len) {
            int32_t k = j;
            U16_NEXT(u, k, len, c);
            if (unorm2_hasBoundaryBefore(n2, c)) break;
            j = k;
        }
        if (!S_norm_segment(n2, u, usrc, i, j, &buf, &bufcap, o)) {
            st = U_ILLEGAL_ARGUMENT_ERROR;
            break;
        }
        i = j;
    }
    free(buf);
    return U_SUCCESS(st);
}

gx_status gx_norm_doc(gx_doc *doc, gx_diag *d) {
    uint32_t *cp, *src, orig_cps;
    uint32_t n = S_decode(doc, &cp, &src, &orig_cps);
    uint8_t *drop = gx_xcalloc((size_t)n + 1, 1);
    S_rejoin(cp, n, drop);
    UChar *u = gx_xmalloc(((size_t)n * 2 + 1) * sizeof *u);
    uint32_t *usrc = gx_xmalloc(((size_t)n * 2 + 1) * sizeof *usrc);
    int32_t ulen = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (drop[k]) continue;
        UBool err = 0;
        int32_t at = ulen;
        U16_APPEND(u, ulen, (int32_t)(n * 2 + 1), (UChar32)cp[k], err);
        (void)err; /* capacity is 2 units per code point: cannot overflow */
        for (int32_t j = at; j < ulen; j++) usrc[j] = src[k];
    }
    free(drop);
    free(cp);
    free(src);
    S_out o = {0};
    int ok = S_nfkc(u, usrc, ulen, &o);
    free(u);
    free(usrc);
    if (!ok) {
        free(o.cp);
        free(o.start);
        free(o.end);
        return gx_diag_error(d, GX_EICU, doc->file, doc->line, "document '%s': NFKC failed",
                             doc->id);
    }
    doc->cp = o.cp;
    doc->src_start = o.start;
    doc->src_end = o.end;
    doc->n = o.n;
    doc->orig_cps = orig_cps;
    return GX_OK;
}

gx_status gx_norm_string(const char *s, size_t n, char **out, size_t *out_len) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);
    int32_t ulen = 0;
    UChar *u = gx_xmalloc((n + 1) * sizeof *u);
    u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &st);
    int32_t cap = ulen * 4 + 16, olen = 0;
    UChar *nb = gx_xmalloc((size_t)cap * sizeof *nb);
    if (U_SUCCESS(st)) olen = unorm2_normalize(n2, u, ulen, nb, cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) { /* NFKC can grow 18 times (U+FDFA): olen is the need */
        st = U_ZERO_ERROR;
        cap = olen + 1;
        nb = gx_xrealloc(nb, (size_t)cap * sizeof *nb);
        olen = unorm2_normalize(n2, u, ulen, nb, cap, &st);
    }
    char *res = NULL;
    int32_t blen = 0;
    if (U_SUCCESS(st)) {
        res = gx_xmalloc((size_t)olen * 3 + 1);
        u_strToUTF8(res, olen * 3 + 1, &blen, nb, olen, &st);
    }
    free(u);
    free(nb);
    if (U_FAILURE(st)) {
        free(res);
        return GX_EICU;
    }
    *out = res;
    *out_len = (size_t)blen;
    return GX_OK;
}
