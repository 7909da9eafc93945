/* fuzz_norm.c: libFuzzer target for stages 1-3: read (UTF-8 check, encodings, .txt and .jsonl
 * files), normalize (gx_norm_doc, --t2s) and sentence split (gx_sent_split).
 *
 * Byte 0 chooses the options, the rest is the input. Bits 0-1 are the mode:
 *   0  a gx_doc built in memory (the input, if UTF-8); bit 2 drops a leading BOM first (as the
 *      reader does), bit 3 applies gx_t2s_doc after norm
 *   1  gx_reader on a .txt file; bits 2-4 the gx_encoding, bit 5 lossy, bit 6 pads the file with
 *      ASCII so the input straddles the reader's first read (chunked feeding: a sequence split
 *      across reads; reader checks only), bit 7 t2s
 *   2  gx_reader on a .jsonl file; bits 2-4 encoding, bit 5 lossy, bit 7 t2s
 *   3  gx_decode in memory; bits 2-4 encoding, bit 5 lossy, bit 7 t2s
 * Checked always: gx_utf8_valid agrees with ICU's u_strFromUTF8 and with a reference decoder,
 * and its bad offset is the first ill-formed sequence. Decoding (gx_decode, the .txt reader)
 * returns GX_OK or GX_EUTF8 only, never GX_EUTF8 when lossy or on UTF-8 read as UTF-8; its text
 * is UTF-8, NUL-terminated, and equal to the input minus its BOM when the input is UTF-8 read as
 * utf-8, or as auto without NUL bytes. Every JSONL text is UTF-8 without NUL. After norm: every
 * code point is a scalar value, src_start < src_end <= orig_cps, src_start and src_end
 * non-decreasing; t2s keeps scalar values. After sent: sentences inside [0, n), increasing, not
 * overlapping, trimmed, paragraphs non-decreasing; their original slices are whole code points.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include "fuzz_util.h"
#include "gx_norm.h"
#include "gx_read.h"
#include "gx_sent.h"

#define S_MAX_INPUT (64 * 1024)
/* The reader's first fread asks for this many bytes (gx_grow of 65537 from 16: 131072 - 1). */
#define S_FIRST_READ 131071

static gx_diag *S_d;
static int S_t2s_ok; /* ICU has the Traditional-Simplified transliterator */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    if (S_d) return 0;
    S_d = gx_diag_new(NULL);
    S_t2s_ok = gx_t2s_init(S_d) == GX_OK;
    return 0;
}

/* gx_utf8_valid against ICU and the reference decoder. */
static void S_check_utf8(const char *s, size_t n) {
    size_t bad = (size_t)-1;
    int ok = gx_utf8_valid(s, n, &bad);
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = malloc((n + 1) * sizeof *u);
    u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &st);
    free(u);
    int icu_ok = U_SUCCESS(st);
    FZ_CHECK(ok == icu_ok, "gx_utf8_valid says %d, ICU u_strFromUTF8 says %s", ok, u_errorName(st));
    FZ_CHECK(ok == (fz_utf8_ok(s, n) >= 0), "gx_utf8_valid says %d, reference decoder disagrees", ok);
    if (!ok) {
        size_t bad2;
        FZ_CHECK(bad < n, "bad offset %zu, length %zu", bad, n);
        FZ_CHECK(gx_utf8_valid(s, bad, &bad2), "prefix before bad offset %zu is not valid", bad);
        FZ_CHECK(!gx_utf8_valid(s + bad, n - bad, &bad2) && bad2 == 0,
                 "the sequence at bad offset %zu is valid", bad);
    }
}

/* Norm and sentence invariants of one document (orig set, valid UTF-8). */
static void S_check_doc(gx_doc *doc, int t2s) {
    gx_status rc = gx_norm_doc(doc, S_d);
    FZ_CHECK(rc == GX_OK, "gx_norm_doc returned %d on valid UTF-8", (int)rc);
    long cps = fz_utf8_ok(doc->orig, doc->orig_len);
    FZ_CHECK(cps >= 0 && (uint32_t)cps == doc->orig_cps, "orig_cps %u, text has %ld",
             doc->orig_cps, cps);
    FZ_CHECK(doc->n == 0 || (doc->cp && doc->src_start && doc->src_end), "arrays missing");
    for (uint32_t i = 0; i < doc->n; i++) {
        FZ_CHECK(fz_scalar(doc->cp[i]), "cp[%u] = U+%X is not a scalar value", i, doc->cp[i]);
        FZ_CHECK(doc->src_start[i] < doc->src_end[i], "src[%u] = [%u, %u) is empty", i,
                 doc->src_start[i], doc->src_end[i]);
        FZ_CHECK(doc->src_end[i] <= doc->orig_cps, "src_end[%u] = %u > orig_cps %u", i,
                 doc->src_end[i], doc->orig_cps);
        FZ_CHECK(i == 0 || doc->src_start[i] >= doc->src_start[i - 1],
                 "src_start decreases at %u: %u after %u", i, doc->src_start[i],
                 doc->src_start[i - 1]);
        FZ_CHECK(i == 0 || doc->src_end[i] >= doc->src_end[i - 1],
                 "src_end decreases at %u: %u after %u", i, doc->src_end[i], doc->src_end[i - 1]);
    }
    rc = gx_sent_split(doc, S_d);
    FZ_CHECK(rc == GX_OK, "gx_sent_split returned %d", (int)rc);
    if (t2s && S_t2s_ok) { /* as gx_worker_doc: after sentences, offsets unchanged */
        gx_t2s_doc(doc);
        for (uint32_t i = 0; i < doc->n; i++)
            FZ_CHECK(fz_scalar(doc->cp[i]), "t2s: cp[%u] = U+%X is not a scalar value", i, doc->cp[i]);
    }
    FZ_CHECK(doc->n_sents == 0 ? doc->n_paras == 0 : doc->n_paras == doc->sents[doc->n_sents - 1].para + 1,
             "n_paras %u does not follow the last sentence", doc->n_paras);
    for (uint32_t i = 0; i < doc->n_sents; i++) {
        const gx_sentence *s = &doc->sents[i];
        FZ_CHECK(s->start < s->end && s->end <= doc->n, "sentence %u = [%u, %u) of %u", i,
                 s->start, s->end, doc->n);
        FZ_CHECK(i == 0 || s->start >= doc->sents[i - 1].end, "sentence %u starts at %u before %u",
                 i, s->start, doc->sents[i - 1].end);
        FZ_CHECK(i == 0 || s->para >= doc->sents[i - 1].para, "paragraph decreases at sentence %u", i);
        FZ_CHECK(!gx_is_space(doc->cp[s->start]) && !gx_is_space(doc->cp[s->end - 1]),
                 "sentence %u not trimmed", i);
        uint32_t os, oe;
        gx_doc_orig_span(doc, s->start, s->end, &os, &oe);
        FZ_CHECK(os < oe && oe <= doc->orig_cps, "sentence %u maps to [%u, %u) of %u", i, os, oe,
                 doc->orig_cps);
        const char *p;
        size_t len;
        gx_doc_orig_slice(doc, os, oe, &p, &len);
        FZ_CHECK(p >= doc->orig && p + len <= doc->orig + doc->orig_len, "slice outside orig");
        long k = fz_utf8_ok(p, len);
        FZ_CHECK(k == (long)(oe - os), "slice of [%u, %u) has %ld code points", os, oe, k);
    }
}

static void S_in_memory(const uint8_t *data, size_t size, int strip_bom, int t2s) {
    if (fz_utf8_ok((const char *)data, size) < 0) return;
    if (strip_bom && size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, size -= 3;
    gx_doc doc = {0};
    doc.id = strdup("fuzz");
    doc.orig = malloc(size + 1);
    if (size) memcpy(doc.orig, data, size);
    doc.orig[size] = '\0';
    doc.orig_len = size;
    doc.file = "fuzz";
    S_check_doc(&doc, t2s);
    gx_doc_clear(&doc);
}

/* What decoding data[0..size) as enc may give: status rc and text[0..len). */
static void S_check_decoded(const uint8_t *data, size_t size, gx_encoding enc, int lossy,
                            gx_status rc, const char *text, size_t len) {
    FZ_CHECK(rc == GX_OK || rc == GX_EUTF8, "decoding as %s returned %d", gx_encoding_name(enc),
             (int)rc);
    FZ_CHECK(rc == GX_OK || !lossy, "lossy decoding as %s returned %d", gx_encoding_name(enc),
             (int)rc);
    size_t skip = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *s = (const char *)data + skip;
    size_t n = size - skip;
    int utf8 = fz_utf8_ok(s, n) >= 0;
    int exact = utf8 && (enc == GX_ENC_UTF8 || (enc == GX_ENC_AUTO && !memchr(data, '\0', size)));
    FZ_CHECK(!exact || rc == GX_OK, "UTF-8 read as %s refused", gx_encoding_name(enc));
    FZ_CHECK(enc != GX_ENC_UTF8 || lossy || utf8 || rc == GX_EUTF8, "invalid UTF-8 accepted as utf-8");
    if (rc != GX_OK) return;
    FZ_CHECK(text != NULL, "GX_OK without text (as %s)", gx_encoding_name(enc));
    FZ_CHECK(text[len] == '\0', "decoded text not NUL-terminated");
    FZ_CHECK(fz_utf8_ok(text, len) >= 0, "decoded text (as %s) is not UTF-8", gx_encoding_name(enc));
    if (exact)
        FZ_CHECK(len == n && memcmp(text, s, n) == 0,
                 "UTF-8 read as %s changed (%zu bytes, input %zu)", gx_encoding_name(enc), len, n);
}

static void S_decode(const uint8_t *data, size_t size, gx_encoding enc, int lossy, int t2s) {
    gx_decode_in in = {(const char *)data, size, enc, lossy, "fuzz", 0};
    gx_decoded dec;
    gx_status rc = gx_decode(&in, &dec, S_d);
    S_check_decoded(data, size, enc, lossy, rc, dec.text, dec.len);
    if (rc != GX_OK) return;
    FZ_CHECK(dec.enc != GX_ENC_AUTO && dec.enc != GX_ENC_UTF16, "decoded as %s",
             gx_encoding_name(dec.enc));
    FZ_CHECK(lossy || dec.replaced == 0, "%zu replacements without lossy", dec.replaced);
    gx_doc doc = {0};
    doc.id = strdup("fuzz");
    doc.orig = dec.text;
    doc.orig_len = dec.len;
    doc.file = "fuzz";
    S_check_doc(&doc, t2s);
    gx_doc_clear(&doc);
}

static void S_txt(const uint8_t *data, size_t size, gx_encoding enc, int lossy, int pad_it,
                  int t2s) {
    size_t pad = pad_it ? S_FIRST_READ - 1 - (size ? data[0] & 7 : 0) : 0;
    const char *path = fz_path("fuzz.txt");
    fz_write(path, pad, data, size);
    const char *in[1] = {path};
    gx_reader *r = gx_reader_new(in, 1, S_d);
    gx_reader_set_encoding(r, enc, lossy);
    gx_doc doc = {0};
    int has = 0;
    gx_status rc = gx_reader_next(r, &doc, &has);
    uint8_t *want = malloc(pad + size + 1);
    memset(want, 'a', pad);
    if (size) memcpy(want + pad, data, size);
    S_check_decoded(want, pad + size, enc, lossy, rc, doc.orig, doc.orig_len);
    if (rc == GX_OK) {
        FZ_CHECK(has == 1, "no document from a .txt file");
        FZ_CHECK(strcmp(doc.id, "fuzz") == 0, "id '%s'", doc.id);
        if (!pad) S_check_doc(&doc, t2s);
        gx_doc_clear(&doc);
        rc = gx_reader_next(r, &doc, &has);
        FZ_CHECK(rc == GX_OK && has == 0, "a second document from one .txt file");
    }
    free(want);
    gx_doc_clear(&doc);
    gx_reader_free(r);
}

static void S_jsonl(const uint8_t *data, size_t size, gx_encoding enc, int lossy, int t2s) {
    const char *path = fz_path("fuzz.jsonl");
    fz_write(path, 0, data, size);
    const char *in[1] = {path};
    gx_reader *r = gx_reader_new(in, 1, S_d);
    gx_reader_set_encoding(r, enc, lossy);
    gx_doc doc = {0};
    int has = 0;
    for (int k = 0; k < 64; k++) {
        gx_status rc = gx_reader_next(r, &doc, &has);
        FZ_CHECK(rc == GX_OK || rc == GX_EUTF8 || rc == GX_EINPUT, "reader returned %d", (int)rc);
        FZ_CHECK(rc != GX_EUTF8 || !lossy, "lossy JSONL reader returned GX_EUTF8");
        if (rc != GX_OK || !has) break;
        FZ_CHECK(doc.id && doc.orig, "document without id or text");
        FZ_CHECK(strlen(doc.orig) == doc.orig_len, "NUL inside a JSONL text");
        FZ_CHECK(fz_utf8_ok(doc.orig, doc.orig_len) >= 0, "JSONL text '%s' is not UTF-8", doc.id);
        FZ_CHECK(fz_utf8_ok(doc.id, strlen(doc.id)) >= 0, "JSONL id is not UTF-8");
        S_check_doc(&doc, t2s);
        gx_doc_clear(&doc);
    }
    gx_doc_clear(&doc);
    gx_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > S_MAX_INPUT + 1) return 0;
    LLVMFuzzerInitialize(NULL, NULL);
    uint8_t opt = data[0];
    data++, size--;
    S_check_utf8((const char *)data, size);
    gx_encoding enc = (gx_encoding)((opt >> 2) & 7);
    int lossy = (opt >> 5) & 1, t2s = (opt >> 7) & 1;
    switch (opt & 3) {
    case 0: S_in_memory(data, size, (opt >> 2) & 1, (opt >> 3) & 1); break;
    case 1: S_txt(data, size, enc, lossy, (opt >> 6) & 1, t2s); break;
    case 2: S_jsonl(data, size, enc, lossy, t2s); break;
    default: S_decode(data, size, enc, lossy, t2s); break;
    }
    return 0;
}
