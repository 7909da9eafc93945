/* gx_diag.h: diagnostics collected along the pipeline.
 *
 * Every stage reports errors and warnings here, always naming a file and a position. Messages are
 * printed to the diag's stream as they arrive ("guanxi: error: FILE:LINE: message"); warnings
 * beyond GX_MAX_WARNINGS_SHOWN are only counted, and gx_diag_summary() prints the count. The
 * runner stops after the first stage that reports an error. A gx_diag is safe to share between
 * threads.
 */
#ifndef GX_DIAG_H
#define GX_DIAG_H

#include <stdio.h>
#include "gx_common.h"

typedef struct gx_diag gx_diag;

/* Creates a diag printing to stream (borrowed; NULL prints nothing). Free with gx_diag_free. */
gx_diag *gx_diag_new(FILE *stream);
void gx_diag_free(gx_diag *d);

/* Reports an error at file:line (line 0: no line) and returns status, so callers can write
 * `return gx_diag_error(d, GX_EIO, path, 0, "cannot open: %s", strerror(errno));`. */
gx_status gx_diag_error(gx_diag *d, gx_status status, const char *file, long line,
                        const char *fmt, ...) GX_PRINTF(5, 6);

/* Counts a warning at file:line and prints it while fewer than GX_MAX_WARNINGS_SHOWN were. */
void gx_diag_warn(gx_diag *d, const char *file, long line, const char *fmt, ...) GX_PRINTF(4, 5);

/* Prints at most max warnings one by one from now on (default GX_MAX_WARNINGS_SHOWN). */
void gx_diag_set_shown(gx_diag *d, size_t max);

size_t gx_diag_errors(const gx_diag *d);
size_t gx_diag_warnings(const gx_diag *d);

/* Prints "guanxi: N more warnings not shown" when some were suppressed. */
void gx_diag_summary(gx_diag *d);

#endif
