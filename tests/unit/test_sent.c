/* test_sent.c: stage 3 (sentences): gx_norm_doc + gx_sent_split on Chinese punctuation, closing
 * quotes, paragraph numbering at the line breaks left after normalization, trimming, empty and
 * whitespace-only text. */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_norm.h"
#include "gx_sent.h"
#include "harness.h"

static gx_diag *D;
static gx_doc S_doc;

/* Normalizes and splits text into S_doc; returns the status. */
static gx_status S_split(const char *text) {
    gx_doc_clear(&S_doc);
    S_doc.id = strdup("t");
    S_doc.orig = strdup(text);
    S_doc.orig_len = strlen(text);
    gx_status st = gx_norm_doc(&S_doc, D);
    if (st == GX_OK) st = gx_sent_split(&S_doc, D);
    return st;
}

/* The sentences of S_doc as "para:text" joined by '|' (static buffer). */
static const char *S_sents(void) {
    static char out[8192];
    int32_t k = 0, cap = (int32_t)sizeof out - 16;
    out[0] = '\0';
    for (uint32_t s = 0; s < S_doc.n_sents && k < cap; s++) {
        k += snprintf(out + k, (size_t)(cap - k), "%s%u:", s ? "|" : "", S_doc.sents[s].para);
        for (uint32_t i = S_doc.sents[s].start; i < S_doc.sents[s].end && k < cap; i++) {
            UBool err = 0;
            U8_APPEND(out, k, cap, (UChar32)S_doc.cp[i], err);
            (void)err;
        }
    }
    out[k] = '\0';
    return out;
}

/* Sentences are in order, non-overlapping, inside the text, trimmed, and paragraphs never
 * decrease and are below n_paras. */
static int S_well_formed(void) {
    uint32_t prev_end = 0, prev_para = 0;
    for (uint32_t s = 0; s < S_doc.n_sents; s++) {
        const gx_sentence *x = &S_doc.sents[s];
        if (x->start >= x->end || x->end > S_doc.n || x->start < prev_end) return 0;
        if (gx_is_space(S_doc.cp[x->start]) || gx_is_space(S_doc.cp[x->end - 1])) return 0;
        if (x->para < prev_para || x->para >= S_doc.n_paras) return 0;
        if (s && x->para > prev_para + 1) return 0;
        prev_end = x->end;
        prev_para = x->para;
    }
    return S_doc.n_sents ? S_doc.sents[0].para == 0 : S_doc.n_paras == 0;
}

/* A prose line (>= GX_REJOIN_MIN_LINE visible characters, no sentence end). */
static const char *LONG = "以优化提升党群服务亮点工程为蓝本在整个辖区积极构造红色版图优化提升";

int main(void) {
    D = gx_diag_new(stderr);
    char buf[2048];

    eq_int(S_split("张三来了。李四走了！王五呢？赵六"), GX_OK, "split ok");
    eq_str(S_sents(), "0:张三来了。|0:李四走了!|0:王五呢?|0:赵六",
           "。！？ end sentences (NFKC: ！→!)");
    eq_int(S_doc.n_paras, 1, "one paragraph");
    ok(S_well_formed(), "well-formed");

    S_split("他说：“我来了。”然后走了。她问：「好吗？」没人答。");
    eq_str(S_sents(), "0:他说:“我来了。”|0:然后走了。|0:她问:「好吗?」|0:没人答。",
           "closing quotes stay with the sentence they close");
    ok(S_well_formed(), "well-formed (quotes)");

    S_split("真的吗？！是的。");
    eq_str(S_sents(), "0:真的吗?!|0:是的。", "?! is one sentence end");

    S_split("第一段。\n\n第二段一句。第二句。\n第三段。");
    eq_str(S_sents(), "0:第一段。|1:第二段一句。|1:第二句。|2:第三段。",
           "a paragraph ends at each remaining line break, blank lines count once");
    eq_int(S_doc.n_paras, 3, "three paragraphs");
    ok(S_well_formed(), "well-formed (paragraphs)");

    S_split("标题\n正文没有句号");
    eq_str(S_sents(), "0:标题|1:正文没有句号", "a line break ends a sentence without punctuation");
    eq_int(S_doc.n_paras, 2, "heading is its own paragraph");

    S_split("一。\r\n二。\r三。");
    eq_str(S_sents(), "0:一。|1:二。|2:三。", "CRLF and CR are paragraph breaks");

    snprintf(buf, sizeof buf, "%s北京\n大学%s。\n下一段。", LONG, LONG);
    S_split(buf);
    eq_int(S_doc.n_sents, 2, "a rejoined PDF break does not split the sentence");
    eq_int(S_doc.n_paras, 2, "... nor the paragraph");
    ok(strstr(S_sents(), "北京大学") != NULL, "rejoined text");
    ok(S_well_formed(), "well-formed (rejoin)");

    S_split("  \t 你好。  \n\n   再见。 \n");
    eq_str(S_sents(), "0:你好。|1:再见。", "sentences are trimmed");
    eq_int(S_doc.sents[0].start, 4, "trimmed start is a code point offset");
    eq_int(S_doc.sents[0].end, 7, "trimmed end");

    S_split("Hello world. 这是中文。😀表情！");
    eq_str(S_sents(), "0:Hello world.|0:这是中文。|0:😀表情!", "mixed scripts and emoji");
    eq_int(S_doc.sents[2].start, 18, "offsets count an emoji as one code point");

    eq_int(S_split(""), GX_OK, "empty text ok");
    eq_int(S_doc.n_sents, 0, "empty: no sentences");
    eq_int(S_doc.n_paras, 0, "empty: no paragraphs");
    ok(S_well_formed(), "well-formed (empty)");

    eq_int(S_split(" \n\n\t\r\n\xE3\x80\x80 "), GX_OK, "whitespace-only ok");
    eq_int(S_doc.n_sents, 0, "whitespace-only: no sentences");
    eq_int(S_doc.n_paras, 0, "whitespace-only: no paragraphs");

    S_split("\n\n\n第一句。");
    eq_str(S_sents(), "0:第一句。", "leading blank lines: first sentence in paragraph 0");

    /* many sentences: paragraph numbers stay consecutive */
    buf[0] = '\0';
    for (int i = 0; i < 50; i++)
        strcat(buf, i % 5 == 4 ? "句。\n" : "句。");
    S_split(buf);
    eq_int(S_doc.n_sents, 50, "fifty sentences");
    eq_int(S_doc.n_paras, 10, "ten paragraphs");
    eq_int(S_doc.sents[49].para, 9, "last one in paragraph 9");
    ok(S_well_formed(), "well-formed (many)");

    /* GX_MAX_SENTENCE_CHARS: a long run without a sentence end is cut, after a comma in the
     * second half of the limit, else at the limit, with one counted warning per document */
    {
        size_t n = 3 * GX_MAX_SENTENCE_CHARS + 10, k = 0;
        char *big = malloc(n * 3 + 16);
        for (size_t i = 0; i < n; i++) {
            const char *ch = i == GX_MAX_SENTENCE_CHARS - 100 ? "，" : "字";
            memcpy(big + k, ch, 3);
            k += 3;
        }
        big[k] = '\0';
        size_t w0 = gx_diag_warnings(D);
        eq_int(S_split(big), GX_OK, "long sentence: ok");
        eq_int(S_doc.n_sents, 4, "long sentence: cut into four pieces");
        eq_int(S_doc.sents[0].end, GX_MAX_SENTENCE_CHARS - 99, "first cut after the comma");
        eq_int(S_doc.sents[1].start, GX_MAX_SENTENCE_CHARS - 99, "next piece starts there");
        eq_int(S_doc.sents[1].end - S_doc.sents[1].start, GX_MAX_SENTENCE_CHARS,
               "no comma: cut at the limit");
        eq_int(S_doc.sents[3].end, n, "the pieces cover the text");
        ok(S_well_formed(), "well-formed (cut)");
        eq_int(gx_diag_warnings(D) - w0, 1, "one warning for the document");
        memcpy(big + 3 * (GX_MAX_SENTENCE_CHARS - 1), "。", 3);
        big[3 * GX_MAX_SENTENCE_CHARS] = '\0';
        w0 = gx_diag_warnings(D);
        S_split(big);
        eq_int(S_doc.n_sents, 1, "a sentence of exactly the limit is not cut");
        eq_int(S_doc.sents[0].end, GX_MAX_SENTENCE_CHARS, "... it is whole");
        eq_int(gx_diag_warnings(D) - w0, 0, "... and not warned about");
        free(big);
    }

    gx_doc_clear(&S_doc);
    gx_diag_free(D);
    return gx_test_done();
}
