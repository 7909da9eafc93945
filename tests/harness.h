/* harness.h: the tiny unit-test harness (tests/unit/test_*.c).
 *
 * ok(cond, name), eq_int(a, b, name), eq_str(a, b, name) count and report; a test program ends
 * with `return gx_test_done();`, which prints "N passed, N failed" as its last line and returns
 * nonzero on any failure. Failures print file:line and the values compared.
 */
#ifndef GX_HARNESS_H
#define GX_HARNESS_H

#include <stdio.h>
#include <string.h>

static int gx_test_passed, gx_test_failed;

#define ok(cond, name)                                                                             \
    do {                                                                                           \
        if (cond) gx_test_passed++;                                                                \
        else {                                                                                     \
            gx_test_failed++;                                                                      \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, (name));                     \
        }                                                                                          \
    } while (0)

#define eq_int(a, b, name)                                                                         \
    do {                                                                                           \
        long long gx_a_ = (long long)(a), gx_b_ = (long long)(b);                                  \
        if (gx_a_ == gx_b_) gx_test_passed++;                                                      \
        else {                                                                                     \
            gx_test_failed++;                                                                      \
            fprintf(stderr, "FAIL %s:%d: %s: got %lld, expected %lld\n", __FILE__, __LINE__,      \
                    (name), gx_a_, gx_b_);                                                         \
        }                                                                                          \
    } while (0)

#define eq_str(a, b, name)                                                                         \
    do {                                                                                           \
        const char *gx_a_ = (a), *gx_b_ = (b);                                                     \
        if (gx_a_ && gx_b_ && strcmp(gx_a_, gx_b_) == 0) gx_test_passed++;                         \
        else {                                                                                     \
            gx_test_failed++;                                                                      \
            fprintf(stderr, "FAIL %s:%d: %s: got \"%s\", expected \"%s\"\n", __FILE__, __LINE__,  \
                    (name), gx_a_ ? gx_a_ : "(null)", gx_b_ ? gx_b_ : "(null)");                   \
        }                                                                                          \
    } while (0)

static inline int gx_test_done(void) {
    printf("%d passed, %d failed\n", gx_test_passed, gx_test_failed);
    return gx_test_failed != 0;
}

#endif
