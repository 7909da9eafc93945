/* test_read.c: stage 1 (read): folders (nested, hidden, non-.txt, sorted ids), .txt files, JSONL
 * (numeric, string and missing ids, blank lines, CRLF, BOM), BOM stripping, invalid UTF-8 as
 * GX_EUTF8 with the byte offset in the message, and gx_utf8_valid on edge cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gx_read.h"
#include "read_int.h"
#include "harness.h"

static char S_root[64];
static char S_err[8192];
static FILE *S_errf;

/* Writes len bytes of data to S_root/rel (len 0: strlen), creating nothing else. */
static void S_write(const char *rel, const char *data, size_t len) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", S_root, rel);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fwrite(data, 1, len ? len : strlen(data), f);
    fclose(f);
}

static void S_mkdir(const char *rel) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", S_root, rel);
    mkdir(path, 0777);
}

/* Clears the captured diagnostic stream. */
static void S_err_reset(void) {
    rewind(S_errf);
    memset(S_err, 0, sizeof S_err);
}

/* Reads every document of inputs into ids (joined by '|') and texts (joined by '|'); returns the
 * status of the first failing call (or GX_OK) and the number of documents read. */
typedef struct {
    char ids[1024], texts[1024];
    size_t n;
    gx_status st;
    size_t warnings;
    long lines[16];
    size_t seqs[16];
} S_result;

static void S_read_all(const char *const *inputs, size_t n_inputs, S_result *res) {
    memset(res, 0, sizeof *res);
    gx_diag *d = gx_diag_new(S_errf);
    gx_reader *r = gx_reader_new(inputs, n_inputs, d);
    gx_doc doc = {0};
    int has = 0;
    while ((res->st = gx_reader_next(r, &doc, &has)) == GX_OK && has) {
        size_t k = strlen(res->ids), t = strlen(res->texts);
        snprintf(res->ids + k, sizeof res->ids - k, "%s%s", res->n ? "|" : "", doc.id);
        snprintf(res->texts + t, sizeof res->texts - t, "%s%s", res->n ? "|" : "", doc.orig);
        ok(strlen(doc.orig) == doc.orig_len, "orig_len matches the NUL-terminated text");
        if (res->n < 16) {
            res->lines[res->n] = doc.line;
            res->seqs[res->n] = doc.seq;
        }
        res->n++;
        gx_doc_clear(&doc);
    }
    gx_doc_clear(&doc);
    res->warnings = gx_diag_warnings(d);
    gx_reader_free(r);
    gx_diag_free(d);
}

static char S_path[8][512];

static const char *S_at(int slot, const char *rel) {
    snprintf(S_path[slot], sizeof S_path[slot], "%s%s%s", S_root, *rel ? "/" : "", rel);
    return S_path[slot];
}

/* Runs fn in a child process; returns 0 if its tests passed, 1 if one failed, 128+signal if it
 * died. The child's failure messages go to stderr like ours. */
static int S_in_child(void (*fn)(void)) {
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int before = gx_test_failed;
        fn();
        exit(gx_test_failed > before);
    }
    int st = 0;
    if (waitpid(pid, &st, 0) != pid) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void S_empty_folder(void) {
    S_result res;
    S_err_reset();
    const char *in3[] = {S_at(2, "tree/zempty")};
    S_read_all(in3, 1, &res);
    eq_int(res.st, GX_OK, "empty folder: not an error");
    eq_int(res.n, 0, "empty folder: no documents");
    eq_int(res.warnings, 1, "empty folder: one warning");
    ok(strstr(S_err, "guanxi: warning: ") && strstr(S_err, "zempty: no .txt files in folder"),
       "empty folder: warning names the folder");
}

/* ---------------------------------------------------------------- folders */

static void test_folder(void) {
    S_mkdir("tree");
    S_mkdir("tree/sub");
    S_mkdir("tree/sub/deeper");
    S_mkdir("tree/.hid");
    S_mkdir("tree/zempty");
    S_write("tree/b.txt", "bee", 0);
    S_write("tree/a.txt", "ay", 0);
    S_write("tree/sub/c.txt", "sea", 0);
    S_write("tree/sub/deeper/d.txt", "dee", 0);
    S_write("tree/sub.txt", "subfile", 0); /* '.' sorts before '/': before sub/c */
    S_write("tree/.hidden.txt", "hidden", 0);
    S_write("tree/.hid/e.txt", "in hidden folder", 0);
    S_write("tree/note.md", "not txt", 0);
    S_write("tree/upper.TXT", "wrong case", 0);
    S_write("tree/x.txt.bak", "backup", 0);
    S_write("tree/lines.jsonl", "{\"id\":1,\"text\":\"jsonl in folder\"}\n", 0);

    S_result res;
    const char *in[] = {S_at(0, "tree")};
    S_read_all(in, 1, &res);
    eq_int(res.st, GX_OK, "folder: reads");
    eq_int(res.n, 5, "folder: five .txt documents");
    eq_str(res.ids, "a|b|sub|sub/c|sub/deeper/d", "folder: ids relative, no .txt, sorted by path");
    eq_str(res.texts, "ay|bee|subfile|sea|dee", "folder: texts in the same order");
    eq_int(res.lines[0], 0, "folder: whole files have line 0");
    ok(res.seqs[0] == 0 && res.seqs[4] == 4, "folder: seq counts documents");
    eq_int(res.warnings, 0, "folder: no warnings");

    const char *in2[] = {S_at(1, "tree/sub/")};
    S_read_all(in2, 1, &res);
    eq_str(res.ids, "c|deeper/d", "folder with trailing slash: ids relative to it");

    /* run in a child process: a crash there (sanitizer or signal) is one failed test, not the
     * end of this program */
    eq_int(S_in_child(S_empty_folder), 0, "empty folder: child process passed");

    /* several inputs: seq continues across them, a folder between two files */
    const char *in4[] = {S_at(3, "tree/a.txt"), S_at(4, "tree/sub/deeper"),
                         S_at(5, "tree/note.md")};
    S_read_all(in4, 3, &res);
    eq_str(res.ids, "a|d|note.md", "inputs in order; a non-.txt file keeps its full name as id");
    ok(res.seqs[0] == 0 && res.seqs[1] == 1 && res.seqs[2] == 2, "seq across inputs");
}

/* ---------------------------------------------------------------- plain files and BOM */

static void test_files(void) {
    S_result res;
    S_write("bom.txt", "\xEF\xBB\xBF\xE5\xBC\xA0\xE4\xB8\x89\r\nx", 0);
    const char *in[] = {S_at(0, "bom.txt")};
    S_read_all(in, 1, &res);
    eq_int(res.st, GX_OK, "BOM file reads");
    eq_str(res.texts, "\xE5\xBC\xA0\xE4\xB8\x89\r\nx", "BOM dropped, CR kept");

    S_write("twobom.txt", "\xEF\xBB\xBF\xEF\xBB\xBFx", 0);
    const char *in2[] = {S_at(1, "twobom.txt")};
    S_read_all(in2, 1, &res);
    eq_str(res.texts, "\xEF\xBB\xBFx", "only one leading BOM is dropped");

    S_write("empty.txt", "", 0);
    const char *in3[] = {S_at(2, "empty.txt")};
    S_read_all(in3, 1, &res);
    eq_int(res.n, 1, "empty file is one (empty) document");
    eq_str(res.texts, "", "empty text");

    const char *in4[] = {S_at(3, "a.txt"), S_at(4, "a.txt")};
    S_write("a.txt", "x", 0);
    S_err_reset();
    S_read_all(in4, 2, &res);
    eq_int(res.n, 2, "duplicate ids: both documents read");
    eq_int(res.warnings, 1, "duplicate ids: one warning");
    ok(strstr(S_err, "duplicate document id 'a'") != NULL, "duplicate id warning text");

    S_err_reset();
    const char *in5[] = {S_at(5, "does-not-exist.txt")};
    S_read_all(in5, 1, &res);
    eq_int(res.st, GX_EIO, "missing file: GX_EIO");
    ok(strstr(S_err, "guanxi: error: ") && strstr(S_err, "does-not-exist.txt: cannot open"),
       "missing file: message names it");
}

/* ---------------------------------------------------------------- invalid UTF-8 */

static void test_bad_utf8(void) {
    S_result res;
    char want[600];

    S_write("bad.txt",
            "ab\xE5\xBC\xA0\xFF"
            "cd",
            0); /* a b 张 <FF>: byte 5 */
    S_err_reset();
    const char *in[] = {S_at(0, "bad.txt")};
    S_read_all(in, 1, &res);
    eq_int(res.st, GX_EUTF8, "invalid UTF-8: GX_EUTF8");
    eq_int(res.n, 0, "invalid UTF-8: no document");
    snprintf(want, sizeof want,
             "guanxi: error: %s: invalid UTF-8 at byte 5 (not a detectable GB18030, Big5 or "
             "UTF-16 text either; see --encoding, --lossy)\n",
             in[0]);
    eq_str(S_err, want, "invalid UTF-8: message names file and byte offset");

    S_write("badbom.txt",
            "\xEF\xBB\xBF"
            "ab\xC3\x28",
            0); /* offset counted in the file */
    S_err_reset();
    const char *in2[] = {S_at(1, "badbom.txt")};
    S_read_all(in2, 1, &res);
    eq_int(res.st, GX_EUTF8, "invalid UTF-8 after BOM");
    ok(strstr(S_err, "badbom.txt: invalid UTF-8 at byte 5") != NULL,
       "offset is a file offset (BOM counted)");

    S_write("trunc.txt", "abc\xE4\xB8", 0); /* truncated at end of file */
    S_err_reset();
    const char *in3[] = {S_at(2, "trunc.txt")};
    S_read_all(in3, 1, &res);
    eq_int(res.st, GX_EUTF8, "truncated sequence at EOF");
    ok(strstr(S_err, "trunc.txt: invalid UTF-8 at byte 3") != NULL, "truncated: byte 3");

    S_mkdir("badtree");
    S_write("badtree/ok.txt", "fine", 0);
    S_write("badtree/z.txt", "\xED\xA0\x80", 0); /* UTF-8-encoded surrogate */
    S_err_reset();
    const char *in4[] = {S_at(3, "badtree")};
    S_read_all(in4, 1, &res);
    eq_int(res.n, 1, "folder: documents before the bad one are read");
    eq_int(res.st, GX_EUTF8, "folder: surrogate is GX_EUTF8");
    ok(strstr(S_err, "badtree/z.txt: invalid UTF-8 at byte 0") != NULL,
       "folder: message names the file's path");
}

/* ---------------------------------------------------------------- JSONL */

static void test_jsonl(void) {
    S_result res;
    S_write("docs.jsonl",
            "\xEF\xBB\xBF{\"id\": 42, \"text\": \"forty-two\"}\n"
            "\n"
            "   \t\n"
            "{\"text\": \"no id\"}\r\n"
            "{\"id\": \"s/7\", \"text\": \"\\ufeffstring id\"}\n"
            "{\"id\": -3, \"text\": \"\"}\n"
            "{\"id\": 2.5, \"text\": \"\\u5f20\\u4e09 \\ud83d\\ude00\"}",
            0);
    const char *in[] = {S_at(0, "docs.jsonl")};
    S_err_reset();
    S_read_all(in, 1, &res);
    eq_int(res.st, GX_OK, "jsonl: reads");
    eq_int(res.n, 5, "jsonl: blank and whitespace lines skipped");
    eq_str(res.ids, "42|docs:4|s/7|-3|2.5",
           "jsonl: numeric id as decimal, missing id FILE:LINE (file stem), string id kept");
    eq_str(res.texts, "forty-two|no id|string id||\xE5\xBC\xA0\xE4\xB8\x89 \xF0\x9F\x98\x80",
           "jsonl: texts unescaped, BOM of the text dropped, surrogate pair joined");
    ok(res.lines[0] == 1 && res.lines[1] == 4 && res.lines[2] == 5 && res.lines[4] == 7,
       "jsonl: line numbers count blank lines");
    eq_int(res.warnings, 0, "jsonl: no warnings");

    /* 64-bit ids keep their digits; only the top-level "id" key counts */
    S_write("ids.jsonl",
            "{\"meta\": {\"id\": 7}, \"note\": \"\\\"id\\\": 9\", \"id\": 1234567890123456789, "
            "\"text\": \"x\"}\n"
            "{\"id\":-12345678901234567890,\"text\":\"y\"}\n",
            0);
    const char *inids[] = {S_at(0, "ids.jsonl")};
    S_err_reset();
    S_read_all(inids, 1, &res);
    eq_str(res.ids, "1234567890123456789|-12345678901234567890",
           "jsonl: numeric ids keep every digit, nested and quoted \"id\" ignored");

    S_write("bad1.jsonl", "{\"id\":1,\"text\":\"a\"}\nnot json\n", 0);
    S_err_reset();
    const char *in1[] = {S_at(1, "bad1.jsonl")};
    S_read_all(in1, 1, &res);
    eq_int(res.st, GX_EINPUT, "jsonl: not JSON is GX_EINPUT");
    eq_int(res.n, 1, "jsonl: the good line before it was read");
    ok(strstr(S_err, "bad1.jsonl:2: ") != NULL, "jsonl: error names file:line");

    S_write("bad2.jsonl", "{\"id\":1}\n", 0);
    S_err_reset();
    const char *in2[] = {S_at(2, "bad2.jsonl")};
    S_read_all(in2, 1, &res);
    eq_int(res.st, GX_EINPUT, "jsonl: missing text");
    ok(strstr(S_err, "bad2.jsonl:1: ") && strstr(S_err, "text"), "jsonl: missing text message");

    S_write("bad3.jsonl", "{\"id\":true,\"text\":\"x\"}\n", 0);
    const char *in3[] = {S_at(3, "bad3.jsonl")};
    S_read_all(in3, 1, &res);
    eq_int(res.st, GX_EINPUT, "jsonl: boolean id");

    S_write("bad4.jsonl", "[\"text\"]\n", 0);
    const char *in4[] = {S_at(4, "bad4.jsonl")};
    S_read_all(in4, 1, &res);
    eq_int(res.st, GX_EINPUT, "jsonl: array line");

    S_write("bad5.jsonl", "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"\xFF\"}\n", 0);
    S_err_reset();
    const char *in5[] = {S_at(5, "bad5.jsonl")};
    S_read_all(in5, 1, &res);
    eq_int(res.st, GX_EUTF8, "jsonl: invalid UTF-8");
    ok(strstr(S_err, "bad5.jsonl:2: invalid UTF-8 at byte 36") != NULL,
       "jsonl: UTF-8 error names line and file byte offset");

    S_write("bad6.jsonl", "{\"id\":1,\"text\":5}\n", 0);
    const char *in6[] = {S_at(6, "bad6.jsonl")};
    S_read_all(in6, 1, &res);
    eq_int(res.st, GX_EINPUT, "jsonl: text not a string");

    S_write("empty.jsonl", "\n\n", 0);
    const char *in7[] = {S_at(7, "empty.jsonl")};
    S_read_all(in7, 1, &res);
    ok(res.st == GX_OK && res.n == 0, "jsonl: only blank lines: no documents");
}

/* ---------------------------------------------------------------- gx_utf8_valid */

static void S_valid(const char *s, size_t n, int want, size_t want_bad, const char *name) {
    size_t bad = 12345;
    int v = gx_utf8_valid(s, n, &bad);
    eq_int(v, want, name);
    if (!want) eq_int(bad, want_bad, name);
}

static void test_utf8(void) {
    S_valid("", 0, 1, 0, "empty is valid");
    S_valid("abc\0def", 7, 1, 0, "NUL is valid ASCII");
    S_valid("\xE5\xBC\xA0\xF0\x9F\x98\x80", 7, 1, 0, "3- and 4-byte sequences");
    S_valid("\xF4\x8F\xBF\xBF", 4, 1, 0, "U+10FFFF is valid");
    S_valid("\xEF\xBF\xBE\xEF\xBF\xBF", 6, 1, 0, "noncharacters U+FFFE/U+FFFF are valid UTF-8");
    S_valid("\xEE\x80\x80", 3, 1, 0, "private use U+E000 is valid");
    S_valid("\xED\x9F\xBF", 3, 1, 0, "U+D7FF (just below surrogates) is valid");
    S_valid("\xED\xA0\x80", 3, 0, 0, "high surrogate U+D800 in UTF-8 is invalid");
    S_valid("ab\xED\xBF\xBF", 5, 0, 2, "low surrogate U+DFFF invalid at 2");
    S_valid("\xED\xA0\xBD\xED\xB8\x80", 6, 0, 0, "CESU-8 surrogate pair is invalid");
    S_valid("\xC0\xAF", 2, 0, 0, "overlong 2-byte '/'");
    S_valid("\xC1\xBF", 2, 0, 0, "overlong C1");
    S_valid("x\xE0\x80\xAF", 4, 0, 1, "overlong 3-byte");
    S_valid("\xF0\x80\x80\xAF", 4, 0, 0, "overlong 4-byte");
    S_valid("\xF4\x90\x80\x80", 4, 0, 0, "above U+10FFFF");
    S_valid("\xF5\x80\x80\x80", 4, 0, 0, "F5 lead byte");
    S_valid("\xFE", 1, 0, 0, "FE");
    S_valid("\xFF", 1, 0, 0, "FF");
    S_valid("abc\x80", 4, 0, 3, "lone continuation byte");
    S_valid("\xE5\xBC", 2, 0, 0, "truncated 3-byte at end");
    S_valid("\xE5\xBC\xA0\xE5\xBC", 5, 0, 3, "truncated after a valid one");
    S_valid("\xE5\xBC\xA0", 2, 0, 0, "n cuts a valid sequence: invalid");
    S_valid("\xE5"
            "a\xA0",
            3, 0, 0, "ASCII inside a sequence");
    S_valid("\xF0\x9F\x98", 3, 0, 0, "truncated 4-byte");
    char big[40];
    memset(big, 'a', sizeof big);
    memcpy(big + 30, "\xF0\x9F\x98\x80\xC3", 5);
    S_valid(big, 35, 0, 34, "offset far into the buffer");
}

/* read_json.c: \u escapes cJSON cannot take */
static void test_json_escapes(void) {
    const char *a = "{\"text\":\"x\\ud800y\"}";
    eq_int(gx_read_lone_surrogate(a, strlen(a)), 10, "lone high surrogate: offset of its backslash");
    const char *pair = "\"\\ud83d\\ude00\"";
    eq_int(gx_read_lone_surrogate(pair, strlen(pair)), strlen(pair), "a surrogate pair is no lone one");
    const char *low = "\"\\udc00\\ud800\"";
    eq_int(gx_read_lone_surrogate(low, strlen(low)), 1, "a low surrogate first is lone");
    const char *esc = "\"\\\\ud800\"";
    eq_int(gx_read_lone_surrogate(esc, strlen(esc)), strlen(esc), "an escaped backslash before u is text");
    const char *odd = "\"\\\\\\ud800\"";
    eq_int(gx_read_lone_surrogate(odd, strlen(odd)), 3, "three backslashes: the last one escapes");
    const char *hi2 = "\"\\ud800\\ud800\\udc00\"";
    eq_int(gx_read_lone_surrogate(hi2, strlen(hi2)), 1, "two highs: the first is lone");
    char fix[] = "\\udfff\\ud83d\\ude00\\uDBFFz\\uD800";
    size_t len = strlen(fix);
    eq_int(gx_read_fix_surrogates(fix, len), 3, "three lone escapes fixed");
    eq_str(fix, "\\ufffd\\ud83d\\ude00\\ufffdz\\ufffd", "each became \\ufffd, the pair kept");
    eq_int(strlen(fix), len, "same length");
    const char *nul = "\"a\\u0000\"", *notnul = "\"a\\\\u0000\"";
    ok(gx_read_has_nul_escape(nul, strlen(nul)), "\\u0000 found");
    ok(!gx_read_has_nul_escape(notnul, strlen(notnul)), "\\\\u0000 is text");
    ok(!gx_read_has_nul_escape("\\u000", 5), "a cut escape is none");
}

int main(void) {
    snprintf(S_root, sizeof S_root, "/tmp/gx_test_readXXXXXX");
    if (!mkdtemp(S_root)) {
        perror("mkdtemp");
        return 2;
    }
    S_errf = fmemopen(S_err, sizeof S_err - 1, "w");
    setvbuf(S_errf, NULL, _IONBF, 0);

    test_folder();
    test_files();
    test_bad_utf8();
    test_jsonl();
    test_json_escapes();
    test_utf8();

    fclose(S_errf);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_root);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", S_root);
    return gx_test_done();
}
