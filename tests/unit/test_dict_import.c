/* test_dict_import.c: stage 4 (dictionaries): jieba userdicts and HanLP CustomDictionary files
 * (dict_import.c), format detection by file name and `FILE TAG` (dict_read.c), the tag table,
 * and every malformed line reported with file:line instead of being absorbed into a word. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "gx_dict.h"
#include "harness.h"

static char S_dir[] = "/tmp/gx_test_importXXXXXX";
static char S_err[65536];
static FILE *S_errf;

/* Writes text to S_dir/name and returns the path (a static buffer, one at a time). */
static const char *S_file(const char *name, const char *text) {
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
    return path;
}

/* A fresh dictionary loaded from path as format; the messages go to S_err (cleared). */
static gx_dict *S_load(const char *path, gx_dict_format format, gx_status *rc) {
    memset(S_err, 0, sizeof S_err);
    rewind(S_errf);
    gx_diag *d = gx_diag_new(S_errf);
    gx_dict *dict = gx_dict_new();
    *rc = gx_dict_load_as(dict, path, format, d);
    fflush(S_errf);
    gx_diag_free(d);
    return dict;
}

/* The kind of surface s in dict, or -1 when it is not there. */
static int S_kind(const gx_dict *dict, const char *s) {
    long i = gx_dict_find(dict, s, strlen(s));
    return i < 0 ? -1 : (int)gx_dict_entry(dict, (size_t)i)->kind;
}

static int S_has(const char *msg) { return strstr(S_err, msg) != NULL; }

static void test_jieba(void) {
    gx_status rc;
    const char *p = S_file("user.txt",
                           "\xEF\xBB\xBF张三 nr\r\n"       /* 1: word tag */
                           "李四 5 nr\n"                   /* 2: word freq tag */
                           "北京大学 3 nt\n"               /* 3 */
                           "郑州 100 ns\n"                 /* 4 */
                           "云计算 5\n"                    /* 5: no tag: skipped */
                           "台中\n"                        /* 6: no tag: skipped */
                           "创新办 3 i\n"                  /* 7: not an entity tag */
                           "三会一课 1 program\n"          /* 8: guanxi's own type name */
                           "  王五   7  nr  \n"            /* 9: extra spaces */
                           "王六\t8\tnr\n"                 /* 10: tabs */
                           "ＣＢＤ 3 nt\n"                 /* 11: full-width, NFKC */
                           "\n"                            /* 12: blank */
                           "八一双鹿 3 nz\n"               /* 13: nz is not mapped */
                           "康熙 3674 nrfg\n"              /* 14 */
                           "伊拉克 10 nrt\n");             /* 15 */
    gx_dict *dict = S_load(p, GX_DICT_AUTO, &rc);
    ok(rc == GX_OK, "jieba file loads (*.txt is jieba)");
    eq_int(gx_dict_count(dict), 10, "ten entities");
    eq_int(S_kind(dict, "张三"), GX_KIND_PERSON, "nr is person (BOM and CRLF dropped)");
    eq_int(S_kind(dict, "李四"), GX_KIND_PERSON, "word freq tag");
    eq_int(S_kind(dict, "北京大学"), GX_KIND_ORG, "nt is org");
    eq_int(S_kind(dict, "郑州"), GX_KIND_PLACE, "ns is place");
    eq_int(S_kind(dict, "三会一课"), GX_KIND_PROGRAM, "tag program");
    eq_int(S_kind(dict, "王五"), GX_KIND_PERSON, "runs of spaces");
    eq_int(S_kind(dict, "王六"), GX_KIND_PERSON, "tabs separate too");
    eq_int(S_kind(dict, "CBD"), GX_KIND_ORG, "NFKC");
    eq_int(S_kind(dict, "康熙"), GX_KIND_PERSON, "nrfg is person");
    eq_int(S_kind(dict, "伊拉克"), GX_KIND_PERSON, "nrt is person (jieba's tag, as it is)");
    eq_int(S_kind(dict, "云计算"), -1, "untagged word skipped");
    eq_int(S_kind(dict, "八一双鹿"), -1, "nz skipped");
    ok(S_has("user.txt:5: 2 entries skipped: no tag and no default tag"), "no-tag warning");
    ok(S_has("user.txt:7: 1 entry skipped: tag 'i' maps to no entity type"), "tag warning");
    ok(S_has("user.txt:13: 1 entry skipped: tag 'nz'"), "nz warning");
    const gx_entry *e = gx_dict_entry(dict, 0);
    ok(strstr(e->file, "user.txt") != NULL && e->line == 1, "entry keeps file:line");
    eq_int(e->priority, 0, "frequency is not a priority");
    gx_dict_free(dict);
}

/* One bad jieba line: loading fails with msg at user.txt:2 (line 1 is good). */
static void S_bad_jieba(const char *line, const char *msg, const char *name) {
    char text[8192];
    snprintf(text, sizeof text, "好人 nr\n%s\n", line);
    gx_status rc;
    gx_dict *dict = S_load(S_file("bad.txt", text), GX_DICT_JIEBA, &rc);
    ok(rc == GX_EDICT, name);
    char want[512];
    snprintf(want, sizeof want, "guanxi: error: %s/bad.txt:2: %s", S_dir, msg);
    if (!S_has(want)) fprintf(stderr, "  want: %s\n  got:  %s", want, S_err);
    ok(S_has(want), name);
    eq_int(gx_dict_count(dict), 1, "the good line before it stays");
    gx_dict_free(dict);
}

static void test_jieba_malformed(void) {
    S_bad_jieba("Edu Trust认证 2000", "frequency 'Trust认证' is not a whole number: expected "
                "'word [freq] [tag]'; a jieba word cannot contain spaces (the native format "
                "allows them)", "word with a space (jieba would take 'Edu Trust认证')");
    S_bad_jieba("北京大学 3 NT", "tag 'NT' is not made of a-z (jieba would take the whole line for "
                "the word)", "upper-case tag");
    S_bad_jieba("Hello World", "'World' is neither a frequency (digits) nor a tag (a-z)",
                "two words");
    S_bad_jieba("a b c d", "more than 3 fields: expected 'word [freq] [tag]'", "four fields");
    S_bad_jieba("北京 ns 100", "'ns 100' is HanLP's order (word tag freq), jieba's is word freq "
                "tag: read the file with --dict-format hanlp", "HanLP line in a jieba file");
    S_bad_jieba("北京 1.5 ns", "frequency '1.5' is not a whole number", "fractional frequency");
    S_bad_jieba("北\x01京 3 ns", "control character U+0001 at byte 3 of the line",
                "control character");
    S_bad_jieba("北京\xff 3 ns", "invalid UTF-8 at byte 6 of the line", "invalid UTF-8");
    char tag[64] = "长标签 3 ";
    size_t n = strlen(tag);
    for (int i = 0; i <= GX_MAX_TAG_BYTES; i++) tag[n + (size_t)i] = 'a';
    tag[n + GX_MAX_TAG_BYTES + 1] = '\0';
    S_bad_jieba(tag, "tag longer than 32 bytes (GX_MAX_TAG_BYTES)", "tag over GX_MAX_TAG_BYTES");
    tag[n + GX_MAX_TAG_BYTES] = '\0';
    gx_status rc;
    gx_dict *dict = S_load(S_file("tag32.txt", tag), GX_DICT_JIEBA, &rc);
    ok(rc == GX_OK && S_has("tag 'aaaa"), "tag of GX_MAX_TAG_BYTES: read, skipped, counted");
    gx_dict_free(dict);
}

static void test_hanlp(void) {
    gx_status rc;
    const char *p = S_file("CustomDictionary.txt",
                           "张三 nr 10\n"          /* 1 */
                           "北京 ns 100 n 5\n"     /* 2 */
                           "苹果 n 50 ntc 10\n"    /* 3: the mapped tag counts */
                           "李白 nr 10 ns 20\n"    /* 4: two types: the more frequent */
                           "王安 nr 10 ns 10\n"    /* 5: a tie: the first */
                           "跑步 v 3\n"            /* 6: skipped */
                           "单词\n"                /* 7: no tag, no default */
                           "上海 ns\n"             /* 8: tag without frequency */
                           "协和医院 nth 2\n");    /* 9 */
    gx_dict *dict = S_load(p, GX_DICT_AUTO, &rc);
    ok(rc == GX_OK, "CustomDictionary*.txt is HanLP");
    eq_int(gx_dict_count(dict), 7, "seven entities");
    eq_int(S_kind(dict, "张三"), GX_KIND_PERSON, "nr");
    eq_int(S_kind(dict, "北京"), GX_KIND_PLACE, "ns with a second tag");
    eq_int(S_kind(dict, "苹果"), GX_KIND_ORG, "ntc is org even after n");
    eq_int(S_kind(dict, "李白"), GX_KIND_PLACE, "the more frequent type");
    eq_int(S_kind(dict, "王安"), GX_KIND_PERSON, "a tie: the first");
    eq_int(S_kind(dict, "上海"), GX_KIND_PLACE, "tag without frequency taken");
    eq_int(S_kind(dict, "协和医院"), GX_KIND_ORG, "nth is org");
    ok(S_has("CustomDictionary.txt:4: its tags name different entity types: read as place, the "
             "type of its most frequent one ('ns')"), "conflict warning");
    ok(S_has("CustomDictionary.txt:5: its tags name different entity types: read as person"),
       "a tie of two types warns too");
    ok(S_has("CustomDictionary.txt:8: tag 'ns' has no frequency: HanLP would ignore it"),
       "missing frequency warning");
    ok(S_has("CustomDictionary.txt:6: 1 entry skipped: tag 'v'"), "v skipped");
    ok(S_has("CustomDictionary.txt:7: 1 entry skipped: no tag and no default tag"), "no tag");
    gx_dict_free(dict);

    /* the per-file default tag, HanLP's `FILE TAG` */
    S_file("地名.txt", "中关村\n西单 ns 3\n王府井 nr 5\n");
    char path[600];
    snprintf(path, sizeof path, "%s/地名.txt ns", S_dir);
    dict = S_load(path, GX_DICT_AUTO, &rc);
    ok(rc == GX_OK, "'FILE TAG' loads FILE");
    eq_int(S_kind(dict, "中关村"), GX_KIND_PLACE, "untagged word takes the default tag");
    eq_int(S_kind(dict, "王府井"), GX_KIND_PERSON, "an explicit tag wins over the default");
    gx_dict_free(dict);
    dict = S_load(path, GX_DICT_JIEBA, &rc);
    ok(rc == GX_EDICT && S_has("'ns 3' is HanLP's order"), "jieba with a default tag reads jieba");
    gx_dict_free(dict);
    dict = S_load(path, GX_DICT_NATIVE, &rc);
    ok(rc == GX_EIO && S_has("地名.txt ns: cannot open dictionary"), "native: no default tag");
    gx_dict_free(dict);
    snprintf(path, sizeof path, "%s/nothere.txt ns", S_dir);
    dict = S_load(path, GX_DICT_AUTO, &rc);
    ok(rc == GX_EIO && S_has("nothere.txt ns: cannot open dictionary"), "missing FILE of a tag");
    gx_dict_free(dict);
}

static void S_bad_hanlp(const char *name_in, const char *text, const char *msg, const char *name) {
    gx_status rc;
    gx_dict *dict = S_load(S_file(name_in, text), GX_DICT_HANLP, &rc);
    ok(rc == GX_EDICT, name);
    if (!S_has(msg)) fprintf(stderr, "  want: %s\n  got:  %s", msg, S_err);
    ok(S_has(msg), name);
    gx_dict_free(dict);
}

static void test_hanlp_malformed(void) {
    S_bad_hanlp("h.txt", "北京 ns x\n", "h.txt:1: frequency 'x' of tag 'ns' is not a whole number "
                "in 0..2147483647: expected 'word [tag freq]...'; a HanLP word cannot contain "
                "spaces", "frequency not a number");
    S_bad_hanlp("h.txt", "好 nr 1\n北京 ns 2147483648\n", "h.txt:2: frequency '2147483648'",
                "frequency over Java's int");
    S_bad_hanlp("h.txt", "New York ns 10\n", "frequency 'ns' of tag 'York'", "word with a space");
    S_bad_hanlp("h.txt", "李小福 2 nr\n", "h.txt:1: a number '2' where a tag belongs: is this "
                "jieba's order (word freq tag)? read the file with --dict-format jieba",
                "a jieba line in a HanLP file");
    S_bad_hanlp("h.csv", ",ns,10\n", "h.csv:1: empty word", "CSV: empty word");
    S_bad_hanlp("h.csv", "北京,,10\n", "h.csv:1: empty tag", "CSV: empty tag");
    gx_status rc;
    gx_dict *dict = S_load(S_file("h.txt", "北京 ns 2147483647\n"), GX_DICT_HANLP, &rc);
    ok(rc == GX_OK, "largest frequency");
    gx_dict_free(dict);
    dict = S_load(S_file("p.csv", "张三, nr ,10\n王五,nr\n"), GX_DICT_AUTO, &rc);
    ok(rc == GX_OK && S_kind(dict, "张三") == GX_KIND_PERSON, "*.csv is HanLP, comma-separated");
    gx_dict_free(dict);
    dict = S_load(S_file("p.tsv", "New York\tns\t5\n"), GX_DICT_HANLP, &rc);
    ok(rc == GX_OK && S_kind(dict, "New York") == GX_KIND_PLACE, "HanLP *.tsv: tab-separated");
    gx_dict_free(dict);
}

static void test_detection(void) {
    gx_status rc;
    gx_dict *dict = S_load(S_file("n.tsv", "张三\tperson\n"), GX_DICT_AUTO, &rc);
    ok(rc == GX_OK && S_kind(dict, "张三") == GX_KIND_PERSON, "*.tsv is native");
    gx_dict_free(dict);
    dict = S_load(S_file("n.TSV", "张三\tperson\n"), GX_DICT_AUTO, &rc);
    ok(rc == GX_OK && S_kind(dict, "张三") == GX_KIND_PERSON, "extensions in any case");
    gx_dict_free(dict);
    dict = S_load(S_file("u.dic", "张三 3 nr\n"), GX_DICT_AUTO, &rc);
    ok(rc == GX_OK && S_kind(dict, "张三") == GX_KIND_PERSON, "any other name is jieba");
    gx_dict_free(dict);
    dict = S_load(S_file("n.txt", "张三\tperson\n"), GX_DICT_NATIVE, &rc);
    ok(rc == GX_OK && S_kind(dict, "张三") == GX_KIND_PERSON, "--dict-format native on a .txt");
    gx_dict_free(dict);
    dict = S_load(S_file("n2.tsv", "北京 ns 3\n"), GX_DICT_AUTO, &rc);
    ok(rc == GX_EDICT && S_has("n2.tsv:1: expected 2 to 4 tab-separated fields"),
       "a HanLP line in a .tsv read as native is an error, not a guess");
    gx_dict_free(dict);

    /* folders: auto and native load *.tsv only; jieba *.txt; HanLP *.txt and *.csv */
    char sub[600];
    snprintf(sub, sizeof sub, "%s/folder", S_dir);
    mkdir(sub, 0700);
    S_file("folder/a.tsv", "甲\tperson\n");
    S_file("folder/b.txt", "乙 3 nr\n");
    S_file("folder/c.csv", "丙,nr,3\n");
    S_file("folder/README", "not a dictionary\n");
    dict = S_load(sub, GX_DICT_AUTO, &rc);
    ok(rc == GX_OK && gx_dict_count(dict) == 1 && S_kind(dict, "甲") == 1, "folder: *.tsv");
    gx_dict_free(dict);
    dict = S_load(sub, GX_DICT_JIEBA, &rc);
    ok(rc == GX_OK && gx_dict_count(dict) == 1 && S_kind(dict, "乙") == 1, "folder: jieba *.txt");
    gx_dict_free(dict);
    dict = S_load(sub, GX_DICT_HANLP, &rc);
    ok(rc == GX_EDICT && S_has("folder/b.txt:1: a number '3' where a tag belongs"),
       "folder: HanLP reads *.txt (here a jieba file: an error)");
    gx_dict_free(dict);
    unlink(strcat(sub, "/b.txt"));
    snprintf(sub, sizeof sub, "%s/folder", S_dir);
    dict = S_load(sub, GX_DICT_HANLP, &rc);
    ok(rc == GX_OK && gx_dict_count(dict) == 1 && S_kind(dict, "丙") == 1, "folder: HanLP *.csv");
    gx_dict_free(dict);

    gx_dict_format fm;
    ok(gx_dict_format_parse("hanlp", &fm) && fm == GX_DICT_HANLP, "parse hanlp");
    ok(gx_dict_format_parse("auto", &fm) && fm == GX_DICT_AUTO, "parse auto");
    ok(!gx_dict_format_parse("HanLP", &fm), "names are lower case");
    eq_str(gx_dict_format_name(GX_DICT_JIEBA), "jieba", "format name");
}

/* GX_MAX_SKIP_TAGS distinct skipped tags are reported one by one, the rest together. */
static void test_skip_limit(void) {
    char *text = malloc(64 * (GX_MAX_SKIP_TAGS + 8));
    size_t n = 0;
    for (int i = 0; i < GX_MAX_SKIP_TAGS + 3; i++)
        n += (size_t)sprintf(text + n, "词%d 1 x%c%c\n", i, 'a' + i / 26, 'a' + i % 26);
    n += (size_t)sprintf(text + n, "再 1 xaa\n");
    gx_status rc;
    memset(S_err, 0, sizeof S_err);
    rewind(S_errf);
    gx_diag *d = gx_diag_new(S_errf);
    gx_diag_set_shown(d, 1000);
    gx_dict *dict = gx_dict_new();
    rc = gx_dict_load_as(dict, S_file("many.txt", text), GX_DICT_JIEBA, d);
    fflush(S_errf);
    ok(rc == GX_OK, "many tags load");
    eq_int(gx_diag_warnings(d), GX_MAX_SKIP_TAGS + 1, "GX_MAX_SKIP_TAGS warnings and one more");
    ok(S_has("many.txt:1: 2 entries skipped: tag 'xaa'"), "the most frequent first");
    ok(S_has("3 more skipped: more than 64 tags map to no entity type (GX_MAX_SKIP_TAGS; the "
             "first of the rest, 'xcm', is on this line)"), "the rest together");
    gx_dict_free(dict);
    gx_diag_free(d);
    free(text);
}

int main(void) {
    if (!mkdtemp(S_dir)) return 1;
    S_errf = fmemopen(S_err, sizeof S_err, "w");
    setvbuf(S_errf, NULL, _IONBF, 0);
    test_jieba();
    test_jieba_malformed();
    test_hanlp();
    test_hanlp_malformed();
    test_detection();
    test_skip_limit();
    fclose(S_errf);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", S_dir);
    return gx_test_done();
}
