/* test_norm.c: stage 2 (normalize): NFKC, rejoining of broken lines, CR handling, offset map. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include "gx_norm.h"
#include "harness.h"

static gx_diag *D;

/* Normalizes text and returns the normalized UTF-8 (static buffer); fills *doc. */
static const char *S_norm(const char *text, gx_doc *doc) {
    static char out[4096];
    gx_doc_clear(doc);
    doc->id = strdup("t");
    doc->orig = strdup(text);
    doc->orig_len = strlen(text);
    if (gx_norm_doc(doc, D) != GX_OK) return "(error)";
    int32_t k = 0;
    for (uint32_t i = 0; i < doc->n && k < (int32_t)sizeof out - 5; i++) {
        UBool err = 0;
        U8_APPEND(out, k, (int32_t)sizeof out - 1, (UChar32)doc->cp[i], err);
        (void)err;
    }
    out[k] = '\0';
    return out;
}

/* Every normalized code point maps into the original, in non-decreasing order. */
static int S_map_ok(const gx_doc *doc) {
    for (uint32_t i = 0; i < doc->n; i++) {
        if (doc->src_start[i] >= doc->src_end[i] || doc->src_end[i] > doc->orig_cps) return 0;
        if (i && doc->src_start[i] < doc->src_start[i - 1]) return 0;
    }
    return 1;
}

static const char *LONG = "以优化提升党群服务亮点工程为蓝本在整个辖区积极构造红色版图优化提升";

int main(void) {
    D = gx_diag_new(NULL);
    gx_doc doc = {0};
    char buf[1024];

    uint32_t differ = 0x110000;
    for (uint32_t c = 0; c < 0x110000 && differ == 0x110000; c++)
        if (gx_is_space(c) != (u_isUWhiteSpace((UChar32)c) ? 1 : 0)) differ = c;
    eq_int(differ, 0x110000, "gx_is_space's shortcuts agree with ICU's White_Space everywhere");

    eq_str(S_norm("ＡＢＣ１２３，！", &doc), "ABC123,!", "full-width forms to ASCII");
    ok(S_map_ok(&doc), "map after NFKC");
    eq_str(S_norm("a\r\nb\rc", &doc), "a\nb\nc", "CRLF and CR become LF");
    eq_int(doc.src_start[2], 3, "b comes from original code point 3 (after the CR)");
    eq_int(doc.orig_cps, 6, "original code points count the CR");

    snprintf(buf, sizeof buf, "%s鑫苑\n\n党总支%s。", LONG, LONG);
    const char *r = S_norm(buf, &doc);
    ok(strstr(r, "鑫苑党总支") != NULL, "line break inside a prose sentence is rejoined");
    ok(S_map_ok(&doc), "map after rejoin");
    uint32_t at = 0;
    for (uint32_t i = 0; i < doc.n; i++)
        if (i && doc.cp[i] == 0x515A && doc.cp[i - 1] == 0x82D1) { /* 苑党 */
            at = i;
            break;
        }
    eq_int(doc.src_start[at] - doc.src_start[at - 1], 3, "党 maps past the removed breaks");

    snprintf(buf, sizeof buf, "%s成 立了%s", LONG, LONG);
    ok(strstr(S_norm(buf, &doc), "成立了") != NULL, "space between Han in a prose line goes");

    eq_str(S_norm("本报记者 孙志刚 通讯员 许秩康 文/图", &doc), "本报记者 孙志刚 通讯员 许秩康 文/图",
           "byline keeps its spaces (short line)");
    snprintf(buf, sizeof buf, "摸清底数夯基础\n\n%s", LONG);
    ok(strncmp(S_norm(buf, &doc), "摸清底数夯基础\n\n", 23) == 0, "heading keeps its break");
    snprintf(buf, sizeof buf, "## ——%s\n\n%s。", LONG, LONG);
    ok(strstr(S_norm(buf, &doc), "升\n\n以") != NULL, "a long Markdown heading keeps its break");
    snprintf(buf, sizeof buf, "%s\n\n# %s。", LONG, LONG);
    ok(strstr(S_norm(buf, &doc), "升\n\n#") != NULL, "no join into a Markdown heading");
    snprintf(buf, sizeof buf, "%s各\n\n平安和谐北林 共建共治共享系列活动启动仪式\n\n项事业", LONG);
    r = S_norm(buf, &doc);
    ok(strstr(r, "各\n\n平安") != NULL, "no join into a photo caption");
    ok(strstr(r, "仪式\n\n项") != NULL, "no join out of a photo caption");
    snprintf(buf, sizeof buf, "%s慢慢布\n\n局。\n 提升", LONG);
    ok(strstr(S_norm(buf, &doc), "布局。") != NULL, "join onto a short line that ends a sentence");
    eq_str(S_norm("2018, 披甲出发", &doc), "2018, 披甲出发", "space after ASCII comma stays");
    snprintf(buf, sizeof buf, "%s。\n\n新的段落", LONG);
    ok(strstr(S_norm(buf, &doc), "。\n\n新") != NULL, "break after a sentence end stays");

    eq_str(S_norm("\xE3\x88\xA0", &doc), "(一)", "parenthesized ideograph expands");
    eq_int(doc.n, 3, "three code points out of one");
    ok(doc.src_start[1] == 0 && doc.src_end[1] == 1, "all three map to the one original");
    eq_str(S_norm("e\xCC\x81x", &doc), "\xC3\xA9x", "combining sequence composes");
    ok(doc.src_start[0] == 0 && doc.src_end[0] == 2 && doc.src_start[1] == 2, "composed map");
    eq_str(S_norm("", &doc), "", "empty text");
    eq_int(doc.n, 0, "empty has no code points");
    eq_str(S_norm("\xE3\x80\x80中", &doc), " 中", "ideographic space to space");

    char *s;
    size_t n;
    ok(gx_norm_string("ＡＢ（郑州）", strlen("ＡＢ（郑州）"), &s, &n) == GX_OK, "norm_string ok");
    eq_str(s, "AB(郑州)", "norm_string NFKC");
    free(s);
    ok(gx_is_han(0x4E2D) && !gx_is_han('a') && gx_is_han(0x20000), "gx_is_han");

    gx_doc_clear(&doc);
    gx_diag_free(D);
    return gx_test_done();
}
