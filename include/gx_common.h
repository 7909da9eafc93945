/* gx_common.h: what every stage of guanxi shares.
 *
 * Status codes (every fallible function returns one; details go to a gx_diag), the entity kinds,
 * every named limit of the program, and the out-of-memory-aborting allocators that are the only
 * callers of malloc in the project. Nothing here depends on a third-party library.
 */
#ifndef GX_COMMON_H
#define GX_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define GX_VERSION "0.1.0"

#define GX_MUST_CHECK __attribute__((warn_unused_result))
#define GX_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Status of a fallible call. GX_OK is 0; everything else is an error whose message is in the
 * gx_diag passed to the call. main.c maps them to exit codes (0 ok, 1 data/IO, 2 usage). */
typedef enum {
    GX_OK = 0,
    GX_EIO,     /* a file could not be read or written */
    GX_EUTF8,   /* invalid UTF-8 in input */
    GX_EINPUT,  /* malformed input document (JSONL line, unknown input kind) */
    GX_EDICT,   /* malformed dictionary */
    GX_ELIMIT,  /* a named limit below was exceeded */
    GX_EICU,    /* ICU reported an error */
    GX_ELIB,    /* libxml2, cgraph or cJSON reported an error */
    GX_EUSAGE,  /* bad command line */
    GX_EINTR    /* interrupted by a signal */
} gx_status;

/* Entity kinds, in the fixed order used for sorting and summaries. */
typedef enum {
    GX_KIND_ORG = 0,
    GX_KIND_PERSON,
    GX_KIND_PLACE,
    GX_KIND_PROGRAM,
    GX_KIND_COUNT
} gx_kind;

/* "org", "person", "place", "program". */
const char *gx_kind_name(gx_kind k);

/* The code points of the valid UTF-8 string s into cp, at most cap of them; returns the count. */
size_t gx_utf8_cps(const char *s, uint32_t *cp, size_t cap);

/* Parses a kind name of n bytes (also accepts ORG/PER/LOC/PROG in any case).
 * Returns 1 and sets *out on success, 0 if the name is unknown. */
int gx_kind_parse(const char *s, size_t n, gx_kind *out);

/* ---- Named limits. Exceeding one is GX_ELIMIT or a counted warning, never unbounded work. ---- */

/* Largest single document (a .txt file, a JSONL line, stdin), in bytes. */
#define GX_MAX_DOC_BYTES ((size_t)1 << 30)
/* Longest dictionary line, in bytes; longer lines are a dictionary error. */
#define GX_MAX_DICT_LINE_BYTES 4096
/* Longest dictionary surface, in code points (bounds matcher depth and matches per position). */
#define GX_MAX_ENTRY_CHARS 64
/* Most dictionary entries after merging all dictionary files. */
#define GX_MAX_DICT_ENTRIES 20000000
/* Longest jieba/HanLP tag (part of speech), in bytes; a longer one is a dictionary error. */
#define GX_MAX_TAG_BYTES 32
/* Most distinct skipped tags one jieba/HanLP file reports one by one (one counted warning each,
 * most frequent first); the rest are reported together as one warning. */
#define GX_MAX_SKIP_TAGS 64
/* `guanxi dict check` stops after this many errors (a binary or wrong-format file). */
#define GX_MAX_CHECK_ERRORS 200
/* Most warnings `guanxi dict check` prints one by one (instead of GX_MAX_WARNINGS_SHOWN); the
 * rest are only counted. */
#define GX_MAX_CHECK_SHOWN 10000
/* Most distinct entities paired within one window; the rest of the window is not paired and a
 * warning is counted (pairing is quadratic in this number). */
#define GX_MAX_WINDOW_ENTITIES 1000
/* Most programs listed before a numbered umbrella program (红色阵地工程、…“三大工程”) that are
 * related as its components, the nearest first; one counted warning per document that reaches
 * it (a run of numbered programs, each an umbrella, would relate every one to every one before). */
#define GX_MAX_COMPONENTS 16
/* Longest sentence, in code points: a longer run without a sentence end (a scraped line with no
 * punctuation) is cut after its last comma, enumeration comma, semicolon, colon or space in the
 * second half of the limit, else at the limit; one counted warning per document. Bounds the
 * work of the rules and of the sentence window on hostile text. */
#define GX_MAX_SENTENCE_CHARS 1000
/* Deepest folder nesting followed when reading an input folder. */
#define GX_MAX_DIR_DEPTH 64
/* Most evidence items kept per node and per edge (--evidence K may lower it). */
#define GX_MAX_EVIDENCE 64
/* Longest evidence snippet, in code points. */
#define GX_MAX_SNIPPET_CHARS 80
/* Most aliases (other surfaces) kept per node. */
#define GX_MAX_ALIASES 32
/* Encoding detection (--encoding auto): ICU's confidence (0..100) below which a guess is not
 * trusted, and the share of Han among letters the decoded text must reach. */
#define GX_DETECT_MIN_CONFIDENCE 25
#define GX_DETECT_MIN_HAN_PCT 50
/* Most worker threads (-j). */
#define GX_MAX_THREADS 256
/* Most warnings printed one by one; the rest are only counted. */
#define GX_MAX_WARNINGS_SHOWN 20
/* guanxi suggest: longest candidate n-gram, in code points (n-grams one longer are counted too,
 * for the neighbours of the longest). */
#define GX_SUGGEST_MAX_NGRAM 6
/* guanxi suggest: most n-grams counted at once; when full, the least frequent are dropped (the
 * count-1 entries first, see gx_tally.h) until at most half remain. About 70 bytes each. */
#define GX_SUGGEST_MAX_NGRAMS ((size_t)1 << 22)
/* guanxi suggest: most names found by rules (and their neighbours) counted at once; pruned the
 * same way. */
#define GX_SUGGEST_MAX_NAMES ((size_t)1 << 20)
/* guanxi suggest: longest name before a suffix that is tested for being common words only
 * (a generic compound such as 国家公园 or 污水处理厂), in code points. */
#define GX_SUGGEST_GENERIC_MAX 4
/* guanxi suggest: the example context of a suggestion, in code points around it. */
#define GX_SUGGEST_CONTEXT_CHARS 40
/* Lines shorter than this many code points are headings, bylines or captions: spaces and line
 * breaks after them are kept by the normalizer (see norm.c). */
#define GX_REJOIN_MIN_LINE 24
/* Bytes of the strings of a compiled dictionary image (its records hold 32-bit offsets); more is
 * GX_ELIMIT from guanxi dict compile. */
#define GX_MAX_IMAGE_STRING_BYTES 0xFFFFFF00u

/* ---- Allocation: OOM prints "guanxi: out of memory" and aborts, here and nowhere else. ---- */
void *gx_xmalloc(size_t n);
void *gx_xcalloc(size_t count, size_t size);
void *gx_xrealloc(void *p, size_t n);
char *gx_xstrdup(const char *s);
char *gx_xstrndup(const char *s, size_t n);

/* qsort that accepts an empty (possibly NULL) array: qsort(NULL, 0, ...) is undefined. */
void gx_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Grows *p (an array of elem-sized items with capacity *cap) to hold at least need items. */
void gx_grow(void **p, size_t *cap, size_t need, size_t elem);

/* Returns a new NUL-terminated copy of s[0..n) that is safe for every output format
 * (sanitize.c): valid UTF-8 (each invalid byte becomes U+FFFD), C0 controls other than TAB and
 * LF removed, CR and CRLF turned into LF, U+007F..U+009F, U+FFFE and U+FFFF removed. *out_len
 * (may be NULL) gets its length. The caller frees it with free(). */
char *gx_sanitize(const char *s, size_t n, size_t *out_len);

/* 1 if s[0..n) is already what gx_sanitize() makes of it (the usual case), else 0. */
int gx_clean(const char *s, size_t n);

/* The NUL-terminated s as gx_sanitize() makes it, without a copy in the usual case: s itself
 * when it is already clean (*owned = NULL), else a sanitized copy that is also put in *owned
 * for the caller to free(). */
const char *gx_sanitized(const char *s, char **owned);

#endif
