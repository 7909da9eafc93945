/* test_sanitize.c: unit tests for gx_sanitize() (pipeline/sanitize.c), the text filter every
 * emitter applies before writing a string (CONTRACT.md §0 "Text sanitising").
 */
#include <stdlib.h>
#include <string.h>
#include "gx_emit.h"
#include "harness.h"

#define FFFD "\xEF\xBF\xBD"

/* Sanitizes the n bytes at s and compares with want (and its length). */
static void S_check(const char *s, size_t n, const char *want, const char *name) {
    size_t len = 12345;
    char *got = gx_sanitize(s, n, &len);
    eq_str(got, want, name);
    eq_int(len, strlen(want), name);
    eq_int(strlen(got), len, name); /* no interior NUL */
    free(got);
}

#define CHECK(lit, want, name) S_check((lit), sizeof(lit) - 1, (want), (name))

static void test_valid_kept(void) {
    CHECK("", "", "empty");
    CHECK("plain ascii", "plain ascii", "ascii");
    CHECK("中国科学院", "中国科学院", "CJK kept");
    CHECK("\xF0\x9F\x98\x80 emoji", "\xF0\x9F\x98\x80 emoji", "emoji kept");
    CHECK("\xF0\xA0\x80\x80", "\xF0\xA0\x80\x80", "CJK ext B (4 bytes) kept");
    CHECK("& < > \" ' \\", "& < > \" ' \\", "markup characters kept");
    CHECK("\xEF\xBF\xBD", FFFD, "a real U+FFFD stays");
    CHECK("\xEF\xBF\xBC\xEF\xBF\xBD", "\xEF\xBF\xBC" FFFD, "U+FFFC kept");
    CHECK("\xC2\xA0", "\xC2\xA0", "U+00A0 kept (first after C1)");
}

static void test_invalid_bytes(void) {
    CHECK("a\xFF"
          "b",
          "a" FFFD "b", "0xFF");
    CHECK("\xFF\xFE", FFFD FFFD, "two bad bytes, two U+FFFD");
    CHECK("\x80", FFFD, "lone continuation byte");
    CHECK("\xC0\xAF", FFFD FFFD, "overlong '/'");
    CHECK("\xED\xA0\x80", FFFD FFFD FFFD, "UTF-16 surrogate D800");
    CHECK("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, "above U+10FFFF");
    CHECK("\xE4\xB8"
          "x",
          FFFD "x", "cut 3-byte sequence then ASCII: one U+FFFD");
    CHECK("ok\xE4\xB8", "ok" FFFD, "truncated 3-byte sequence at the end");
    CHECK("ok\xF0\x9F\x98", "ok" FFFD, "truncated 4-byte sequence at the end");
    CHECK("ok\xC3", "ok" FFFD, "truncated 2-byte sequence at the end");
    CHECK("\xE4\xB8\xAD\xE4", "\xE4\xB8\xAD" FFFD, "valid then truncated");
}

static void test_controls(void) {
    CHECK("a\tb\nc", "a\tb\nc", "TAB and LF kept");
    CHECK("a\x01\x02\x1F"
          "b",
          "ab", "C0 removed");
    CHECK("a\x0B\x0C"
          "b",
          "ab", "VT and FF removed");
    S_check("a\0b", 3, "ab", "NUL removed");
    CHECK("a\x1B[31mb", "a[31mb", "ESC removed");
    CHECK("a\rb", "a\nb", "CR -> LF");
    CHECK("a\r\nb", "a\nb", "CRLF -> LF");
    CHECK("a\r\r\nb", "a\n\nb", "CR CRLF -> two LF");
    CHECK("a\n\rb", "a\n\nb", "LF CR -> two LF");
    CHECK("end\r", "end\n", "CR at the end");
    CHECK("a\x7F"
          "b",
          "ab", "DEL removed");
    CHECK("a\xC2\x80\xC2\x85\xC2\x9F"
          "b",
          "ab", "C1 U+0080..U+009F removed");
    CHECK("a\xEF\xBF\xBE\xEF\xBF\xBF"
          "b",
          "ab", "U+FFFE and U+FFFF removed");
}

static void test_null_out_len(void) {
    char *s = gx_sanitize("x\ry", 3, NULL);
    eq_str(s, "x\ny", "out_len may be NULL");
    free(s);
}

int main(void) {
    test_valid_kept();
    test_invalid_bytes();
    test_controls();
    test_null_out_len();
    return gx_test_done();
}
