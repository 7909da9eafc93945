/* test_dict.c: stage 4 (dictionaries): the TSV format, attributes, NFKC, errors with file:line,
 * later definitions replacing earlier ones, files and folders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gx_dict.h"
#include "harness.h"

static gx_status S_add(gx_dict *dict, const char *line, gx_diag *d) {
    return gx_dict_add_line(dict, line, strlen(line), "t.tsv", 7, d);
}

int main(void) {
    char errbuf[4096] = {0};
    FILE *err = fmemopen(errbuf, sizeof errbuf, "w");
    setvbuf(err, NULL, _IONBF, 0);
    gx_diag *d = gx_diag_new(err);
    gx_dict *dict = gx_dict_new();

    ok(S_add(dict, "郑州\tplace\t郑州市", d) == GX_OK, "3 fields");
    ok(S_add(dict, "三会一课\tprogram", d) == GX_OK, "2 fields");
    ok(S_add(dict, "院校社区\tplace\t\tsubtype=community;parent=北林路街道;priority=-1", d) == GX_OK,
         "4 fields, empty canonical");
    ok(S_add(dict, "# comment\tignored", d) == GX_OK, "comment");
    ok(S_add(dict, "   ", d) == GX_OK, "blank");
    ok(S_add(dict, "ＣＢＤ\tplace", d) == GX_OK, "full-width surface");
    ok(S_add(dict, "小区\tplace\t\tnegative", d) == GX_OK, "negative flag");
    eq_int(gx_dict_count(dict), 5, "five entries");
    const gx_entry *e = gx_dict_entry(dict, 0);
    eq_str(e->canonical, "郑州市", "canonical");
    eq_int(e->kind, GX_KIND_PLACE, "kind");
    e = gx_dict_entry(dict, 2);
    eq_str(e->canonical, "院校社区", "empty canonical = surface");
    eq_str(e->subtype, "community", "subtype");
    eq_str(e->parent, "北林路街道", "parent");
    eq_int(e->priority, -1, "priority");
    eq_str(gx_dict_entry(dict, 3)->surface, "CBD", "surface NFKC");
    ok(gx_dict_entry(dict, 4)->flags & GX_ENTRY_NEGATIVE, "negative");

    /* surfaces with spaces, digits, Latin letters and the middle dot (issue 5) */
    size_t before = gx_dict_count(dict);
    ok(S_add(dict, "New York\tplace", d) == GX_OK, "surface with a space");
    ok(S_add(dict, "G20\torg", d) == GX_OK, "surface with digits");
    ok(S_add(dict, "7天酒店\torg", d) == GX_OK, "surface starting with a digit");
    ok(S_add(dict, "AT&T\torg", d) == GX_OK, "Latin letters and &");
    ok(S_add(dict, "弗拉基米尔·普京\tperson\t\tpriority=2", d) == GX_OK, "middle dot");
    ok(S_add(dict, "  Hong Kong  \tplace\t  香港  ", d) == GX_OK, "spaces around fields");
    eq_int(gx_dict_count(dict), before + 6, "six more entries");
    eq_str(gx_dict_entry(dict, before)->surface, "New York", "inner space kept");
    eq_str(gx_dict_entry(dict, before + 1)->surface, "G20", "digits kept");
    eq_str(gx_dict_entry(dict, before + 4)->surface, "弗拉基米尔·普京", "U+00B7 kept");
    eq_str(gx_dict_entry(dict, before + 5)->surface, "Hong Kong", "outer spaces trimmed");
    eq_str(gx_dict_entry(dict, before + 5)->canonical, "香港", "canonical trimmed");
    ok(gx_dict_find(dict, "New York", 8) == (long)before, "found by its surface");

    ok(S_add(dict, "郑州\torg", d) == GX_OK, "redefinition accepted");
    eq_int(gx_dict_count(dict), before + 6, "redefinition replaces");
    eq_int(gx_dict_entry(dict, 0)->kind, GX_KIND_ORG, "later wins");
    ok(strstr(errbuf, "t.tsv:7: '郑州' (org) replaces the entry from t.tsv:7") != NULL,
       "redefinition warning");

    ok(S_add(dict, "onlyone", d) == GX_EDICT, "one field is an error");
    ok(strstr(errbuf, "guanxi: error: t.tsv:7: expected 2 to 4 tab-separated fields, got 1"),
       "message names file:line");
    ok(S_add(dict, "a\tb\tc\td\te", d) == GX_EDICT, "five fields");
    ok(S_add(dict, "a\tplace\tc\td\t #x", d) == GX_EDICT, "a 5th field ' #' is no comment");
    ok(S_add(dict, "注释\tplace\t\t\t#\t3\t2\t1.5\tctx\tmore", d) == GX_OK,
       "a 5th field starting with # ends the line");
    eq_int(gx_dict_count(dict), before + 7, "the commented line is an entry");
    eq_str(gx_dict_entry(dict, before + 6)->canonical, "注释", "its canonical is the surface");
    ok(S_add(dict, "x\tthing", d) == GX_EDICT, "unknown type");
    ok(strstr(errbuf, "unknown type 'thing'") != NULL, "unknown type message");
    ok(S_add(dict, "\tplace", d) == GX_EDICT, "empty surface");
    ok(S_add(dict, "a\xff\tplace", d) == GX_EDICT, "invalid UTF-8");
    ok(S_add(dict, "a\x01b\tplace", d) == GX_EDICT, "control character in the surface");
    ok(S_add(dict, "ab\tplace\tc\x7f", d) == GX_EDICT, "DEL in the canonical");
    ok(strstr(errbuf, "t.tsv:7: control character U+007F at byte 10 of the line") != NULL,
       "control character message");
    ok(S_add(dict, "ab\tplace\t\tparent=x\xc2\x85", d) == GX_EDICT, "C1 control (NEL) in attrs");
    ok(S_add(dict, "# comment with \x01 is fine", d) == GX_OK, "control in a comment is ignored");
    ok(S_add(dict, "x\tplace\t\tpriority=high", d) == GX_EDICT, "bad priority");
    char longline[300];
    for (int i = 0; i < 65; i++) longline[i] = 'x';
    strcpy(longline + 65, "\tplace");
    ok(S_add(dict, longline, d) == GX_EDICT, "surface over GX_MAX_ENTRY_CHARS");
    longline[64] = '\t';
    strcpy(longline + 64, "\tplace");
    ok(S_add(dict, longline, d) == GX_OK, "surface of exactly GX_MAX_ENTRY_CHARS");

    /* files: BOM, CRLF, a folder in name order */
    char dir[] = "/tmp/gx_test_dictXXXXXX";
    ok(mkdtemp(dir) != NULL, "mkdtemp");
    char p1[256], p2[256], p3[256];
    snprintf(p1, sizeof p1, "%s/b.tsv", dir);
    snprintf(p2, sizeof p2, "%s/a.tsv", dir);
    snprintf(p3, sizeof p3, "%s/bad.tsv", dir);
    FILE *f = fopen(p1, "w");
    fputs("\xEF\xBB\xBF金水区\tplace\r\n同名\tplace\r\n", f);
    fclose(f);
    f = fopen(p2, "w");
    fputs("同名\torg\n", f);
    fclose(f);
    gx_dict *dd = gx_dict_new();
    ok(gx_dict_load(dd, dir, d) == GX_OK, "load folder");
    eq_int(gx_dict_count(dd), 2, "two surfaces");
    eq_str(gx_dict_entry(dd, 1)->surface, "金水区", "BOM and CR stripped");
    eq_int(gx_dict_entry(dd, 0)->kind, GX_KIND_PLACE, "b.tsv loads after a.tsv and wins");
    f = fopen(p3, "w");
    fputs("好\tplace\n坏\n", f);
    fclose(f);
    ok(gx_dict_load(dd, p3, d) == GX_EDICT, "bad file");
    ok(strstr(errbuf, "bad.tsv:2: expected 2 to 4") != NULL, "error names the file and line 2");
    ok(gx_dict_load(dd, "/nonexistent/x.tsv", d) == GX_EIO, "missing file");

    /* GX_MAX_DICT_LINE_BYTES: a line of exactly that many bytes loads, one more is an error
     * (and a much longer one is read in bounded memory) */
    f = fopen(p3, "w");
    fputs("长\tplace\t\tsubtype=", f);
    for (int i = (int)strlen("长\tplace\t\tsubtype="); i < GX_MAX_DICT_LINE_BYTES; i++)
        fputc('x', f);
    fputs("\r\n", f);
    fclose(f);
    ok(gx_dict_load(dd, p3, d) == GX_OK, "line of GX_MAX_DICT_LINE_BYTES bytes (plus CRLF)");
    f = fopen(p3, "w");
    fputs("长\tplace\t\tsubtype=", f);
    for (int i = (int)strlen("长\tplace\t\tsubtype="); i <= GX_MAX_DICT_LINE_BYTES * 100; i++)
        fputc('x', f);
    fputs("\n", f);
    fclose(f);
    ok(gx_dict_load(dd, p3, d) == GX_EDICT, "longer line");
    ok(strstr(errbuf, "bad.tsv:1: line longer than 4096 bytes") != NULL, "line length message");
    unlink(p1);
    unlink(p2);
    unlink(p3);
    rmdir(dir);

    gx_dict_free(dd);
    gx_dict_free(dict);
    gx_diag_free(d);
    fclose(err);
    return gx_test_done();
}
