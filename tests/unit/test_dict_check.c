/* test_dict_check.c: stage 4 (dictionaries): `guanxi dict check` (dict_check.c): every lint, its
 * severity and its file:line, keeping going after malformed lines, all three formats together,
 * the summary line and GX_MAX_CHECK_ERRORS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gx_dict.h"
#include "harness.h"

static char S_dir[] = "/tmp/gx_test_checkXXXXXX";
static char S_err[1 << 20], S_out[4096];

static char *S_file(const char *name, const char *text) {
    static char paths[8][512];
    static int k;
    char *path = paths[k++ % 8];
    snprintf(path, 512, "%s/%s", S_dir, name);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
    return path;
}

/* Runs the check on paths[0..n) (formats may be NULL); messages in S_err, summary in S_out. */
static gx_status S_check(const char *const *paths, const gx_dict_format *formats, size_t n,
                         size_t *errors, size_t *warnings) {
    memset(S_err, 0, sizeof S_err);
    memset(S_out, 0, sizeof S_out);
    FILE *err = fmemopen(S_err, sizeof S_err - 1, "w");
    FILE *out = fmemopen(S_out, sizeof S_out - 1, "w");
    gx_diag *d = gx_diag_new(err);
    gx_status rc = gx_dict_check(paths, formats, n, 0, out, d);
    *errors = gx_diag_errors(d);
    *warnings = gx_diag_warnings(d);
    gx_diag_free(d);
    fclose(err);
    fclose(out);
    return rc;
}

/* 1 if S_err has "guanxi: SEV: DIR/FILE_LINE_MSG" (FILE_LINE_MSG = "a.tsv:3: ..."). */
static int S_said(const char *sev, const char *file_line_msg) {
    char want[1024];
    snprintf(want, sizeof want, "guanxi: %s: %s/%s", sev, S_dir, file_line_msg);
    if (strstr(S_err, want)) return 1;
    fprintf(stderr, "  missing: %s\n", want);
    return 0;
}

static void test_lines(void) {
    const char *p = S_file("lines.tsv",
                           "ＣＢＤ\tplace\n"                   /* 1: full-width */
                           "ﬁlm\torg\n"                        /* 2: not NFKC (ligature) */
                           " 北京 \tplace\n"                   /* 3: spaces around */
                           "北京 大学\torg\n"                  /* 4: space between Han */
                           "坏\x01行\tplace\n"                 /* 5: control: error */
                           "隐\xE2\x80\x8B形\tplace\n"         /* 6: zero-width space */
                           "只有一列\n"                        /* 7: malformed: error */
                           "好\tthing\n"                       /* 8: unknown type: error */
                           "New York\tplace\n"                 /* 9: fine */
                           "纽约\tplace\tNew York \n");        /* 10: canonical with a space */
    size_t e, w;
    gx_status rc = S_check((const char *const *)&p, NULL, 1, &e, &w);
    ok(rc == GX_EDICT, "errors: GX_EDICT");
    eq_int(e, 3, "three errors");
    ok(S_said("warning", "lines.tsv:1: surface 'ＣＢＤ' has full-width forms: it is loaded as 'CBD'"),
       "full-width");
    ok(S_said("warning", "lines.tsv:2: surface 'ﬁlm' is not in NFKC form: it is loaded as 'film'"),
       "not NFKC");
    ok(S_said("warning", "lines.tsv:3: surface ' 北京 ' has leading or trailing spaces"),
       "spaces around");
    ok(S_said("warning", "lines.tsv:4: surface '北京 大学' has a space between two Han"),
       "space between Han characters");
    ok(S_said("error", "lines.tsv:5: control character U+0001 at byte 3 of the line"), "control");
    ok(S_said("warning", "lines.tsv:6: invisible character U+200B at byte 3 of the line"),
       "invisible");
    ok(S_said("error", "lines.tsv:7: expected 2 to 4 tab-separated fields, got 1"),
       "goes on after an error");
    ok(S_said("error", "lines.tsv:8: unknown type 'thing'"), "and after another");
    ok(S_said("warning", "lines.tsv:10: canonical 'New York ' has leading or trailing spaces"),
       "canonical spaces");
    ok(strstr(S_err, "lines.tsv:9:") == NULL, "a surface with a Latin space is fine");
    ok(strstr(S_out, "guanxi: dict check: 1 file, 7 entries: 3 errors, ") == S_out, "summary");
}

static void test_repeats(void) {
    const char *a = S_file("a.tsv",
                           "张三\tperson\n"                     /* 1 */
                           "张三\tperson\n"                     /* 2: duplicate */
                           "李四\tperson\n"                     /* 3 */
                           "李四\torg\n"                        /* 4: conflict in one file */
                           "郑州\tplace\t郑州市\n"              /* 5 */
                           "郑州\tplace\t郑州县\n"              /* 6: canonical conflict */
                           "郑州市\tplace\n"                    /* 7 */
                           "王五\tperson\t\tpriority=1\n"       /* 8 */
                           "王五\tperson\t\tpriority=2\n"       /* 9: other attributes */
                           "路\tsuffix\t\tkind=place\n"         /* 10: another role: fine */
                           "路\tsurname\n");                    /* 11 */
    const char *b = S_file("b.tsv",
                           "张三\torg\n"                        /* 1: conflict across files */
                           "郑州市\tplace\n"                    /* 2: duplicate across files */
                           "王五\tperson\t\tnegative\n");       /* 3: negative across files */
    const char *paths[] = {a, b};
    size_t e, w;
    gx_status rc = S_check(paths, NULL, 2, &e, &w);
    ok(rc == GX_EDICT, "a conflict within a file is an error");
    eq_int(e, 2, "two errors");
    ok(S_said("warning", "a.tsv:2: '张三' (person) repeats the entry at"), "duplicate");
    ok(S_said("error", "a.tsv:4: '李四' is org here but person at"), "conflict in a file");
    ok(strstr(S_err, "a.tsv:3 (conflicting types); the later one replaces the earlier"),
       "names the other line");
    ok(S_said("error", "a.tsv:6: '郑州' stands for '郑州县' here but for '郑州市' at"),
       "canonical conflict");
    ok(S_said("warning", "a.tsv:9: '王五' (person) repeats the entry at"), "other attributes");
    ok(strstr(S_err, "a.tsv:8 with other attributes; this one replaces it"), "says so");
    ok(strstr(S_err, "a.tsv:11") == NULL, "one surface, two roles: fine");
    ok(S_said("warning", "b.tsv:1: '张三' is org here but person at"), "conflict across files");
    ok(S_said("warning", "b.tsv:2: '郑州市' (place) repeats the entry at"), "duplicate across");
    ok(S_said("warning", "b.tsv:3: '王五' is negative person here but person at"),
       "negative across files");
    ok(strstr(S_err, "canonical '郑州县'") != NULL, "the kept alias' canonical is checked");
}

static void test_names(void) {
    const char *a = S_file("names.tsv",
                           "郑州\tplace\t郑州市\n"                   /* 1: fine */
                           "郑州市\tplace\t\tparent=河南省\n"        /* 2: parent missing */
                           "豫\tplace\t河南\n"                       /* 3: alias of an alias */
                           "河南\tplace\t河南省\n"                   /* 4: canonical missing */
                           "中原\tplace\t中原集团\n"                 /* 5: canonical is an org */
                           "中原集团\torg\n"                         /* 6 */
                           "新郑州\tplace\t新城\n"                   /* 7: canonical negative */
                           "新城\tplace\t\tnegative\n"               /* 8 */
                           "金水\tplace\t金水区\tparent=郑州市\n"    /* 9: fine */
                           "金水区\tplace\t\tparent=郑州市\n");      /* 10 */
    size_t e, w;
    gx_status rc = S_check(&a, NULL, 1, &e, &w);
    ok(rc == GX_OK, "warnings only: GX_OK");
    eq_int(e, 0, "no errors");
    eq_int(w, 5, "five warnings");
    ok(S_said("warning", "names.tsv:2: parent '河南省' of '郑州市' is not an entry"), "parent");
    ok(S_said("warning", "names.tsv:3: canonical '河南' of '豫' is itself an alias of '河南省'"),
       "alias chain");
    ok(S_said("warning", "names.tsv:4: canonical '河南省' of '河南' is not an entry itself"),
       "canonical missing");
    ok(S_said("warning", "names.tsv:5: canonical '中原集团' of '中原' is org at"), "kind");
    ok(S_said("warning", "names.tsv:7: canonical '新城' of '新郑州' is negative place at"),
       "canonical negative");
    ok(strstr(S_out, "0 errors, 5 warnings"), "summary counts");
}

static void test_shadow(void) {
    const char *a = S_file("shadow.tsv",
                           "马路\tplace\t\tnegative\n"               /* 1 */
                           "一马路\tplace\t\tpriority=-1\n"          /* 2: shadowed */
                           "陇海马路\tplace\n"                       /* 3: equal priority: wins */
                           "马\tplace\t\tpriority=-5\n"              /* 4: inside the negative */
                           "来路\tplace\t\tnegative;priority=3\n"    /* 5 */
                           "未来路\tplace\t\tpriority=2\n"           /* 6: shadowed */
                           "上街\tplace\t\tnegative;priority=-2\n"   /* 7 */
                           "上街村\tplace\t\tpriority=-2\n");        /* 8: equal: wins */
    size_t e, w;
    gx_status rc = S_check(&a, NULL, 1, &e, &w);
    ok(rc == GX_OK, "shadows are warnings");
    eq_int(w, 2, "two shadowed entries");
    ok(S_said("warning", "shadow.tsv:2: '一马路' is shadowed: the negative entry '马路' ("),
       "shadowed");
    ok(strstr(S_err, "shadow.tsv:1) inside it has a higher priority (0 > -1), so it never "
                     "becomes a mention"), "why");
    ok(S_said("warning", "shadow.tsv:6: '未来路' is shadowed: the negative entry '来路'"),
       "higher priorities too");
}

static void test_formats(void) {
    const char *paths[] = {S_file("n.tsv", "张三\tperson\n"),
                           S_file("j.txt", "张三 3 nr\n李四 ns 5\n王五 3 v\n"),
                           S_file("h.txt", "张三 ns 3\n赵六 nr x\n"),
                           S_file("nothere.tsv", "") /* replaced below */};
    unlink(paths[3]);
    gx_dict_format formats[] = {GX_DICT_AUTO, GX_DICT_JIEBA, GX_DICT_HANLP, GX_DICT_AUTO};
    size_t e, w;
    gx_status rc = S_check(paths, formats, 4, &e, &w);
    ok(rc == GX_EDICT, "errors in several formats");
    ok(S_said("warning", "j.txt:1: '张三' (person) repeats the entry at"), "jieba duplicate");
    ok(S_said("error", "j.txt:2: 'ns 5' is HanLP's order"), "jieba error, going on");
    ok(S_said("warning", "j.txt:3: 1 entry skipped: tag 'v'"), "jieba skip counted");
    ok(S_said("warning", "h.txt:1: '张三' is place here but person at"), "HanLP conflict");
    ok(S_said("error", "h.txt:2: frequency 'x' of tag 'nr'"), "HanLP error");
    ok(S_said("error", "nothere.tsv: cannot open dictionary"), "missing path, then goes on");
    ok(strstr(S_out, "3 files, 3 entries: 3 errors, "), "summary");
}

/* GX_MAX_CHECK_ERRORS: a file of nothing but bad lines stops the check there. */
static void test_error_limit(void) {
    size_t cap = (GX_MAX_CHECK_ERRORS + 10) * 8;
    char *text = malloc(cap), *q = text;
    for (int i = 0; i < GX_MAX_CHECK_ERRORS + 10; i++) q += sprintf(q, "bad%d\n", i);
    const char *paths[] = {S_file("bad.tsv", text), S_file("after.tsv", "好\tplace\n")};
    free(text);
    size_t e, w;
    gx_status rc = S_check(paths, NULL, 2, &e, &w);
    ok(rc == GX_EDICT, "too many errors");
    eq_int(e, GX_MAX_CHECK_ERRORS + 1, "GX_MAX_CHECK_ERRORS errors and the stop");
    ok(S_said("error", "bad.tsv:200: too many errors (200, GX_MAX_CHECK_ERRORS): stopped here"),
       "stop message");
    ok(strstr(S_out, "1 file, 0 entries"), "nothing read after the stop");
}

int main(void) {
    if (!mkdtemp(S_dir)) return 1;
    test_lines();
    test_repeats();
    test_names();
    test_shadow();
    test_formats();
    test_error_limit();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", S_dir);
    return gx_test_done();
}
