/* read_int.h: private to stage 1 (read.c, read_json.c): checks of JSONL lines that cJSON leaves
 * to its callers. */
#ifndef GX_READ_INT_H
#define GX_READ_INT_H

#include <stddef.h>

/* 1 if line holds the JSON escape \u0000 (a NUL, which cJSON's C strings would silently cut
 * the text at). */
int gx_read_has_nul_escape(const char *line, size_t len);

/* Byte offset of the first \uXXXX escape of a UTF-16 surrogate that is not half of a pair
 * (\ud800 alone; cJSON refuses the whole line), or len if none. */
size_t gx_read_lone_surrogate(const char *line, size_t len);

/* Rewrites in place every lone surrogate escape into \ufffd (the same six bytes); returns how
 * many. */
size_t gx_read_fix_surrogates(char *line, size_t len);

#endif
