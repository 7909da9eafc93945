/* diag.c: errors and warnings of every stage (support; see gx_diag.h).
 *
 * Formats "guanxi: error: FILE:LINE: message" and counts. A mutex makes it usable from worker
 * threads; messages are short, so holding it while printing is fine.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include "gx_diag.h"

struct gx_diag {
    FILE *out;
    size_t errors, warnings;
    size_t shown; /* most warnings printed one by one */
    pthread_mutex_t lock;
};

gx_diag *gx_diag_new(FILE *stream) {
    gx_diag *d = gx_xcalloc(1, sizeof *d);
    d->out = stream;
    d->shown = GX_MAX_WARNINGS_SHOWN;
    pthread_mutex_init(&d->lock, NULL);
    return d;
}

void gx_diag_free(gx_diag *d) {
    if (!d) return;
    pthread_mutex_destroy(&d->lock);
    free(d);
}

GX_PRINTF(5, 0)
static void S_print(gx_diag *d, const char *sev, const char *file, long line, const char *fmt,
                    va_list ap) {
    if (!d->out) return;
    fprintf(d->out, "guanxi: %s: ", sev);
    if (file && line > 0) fprintf(d->out, "%s:%ld: ", file, line);
    else if (file) fprintf(d->out, "%s: ", file);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
}

gx_status gx_diag_error(gx_diag *d, gx_status status, const char *file, long line,
                        const char *fmt, ...) {
    va_list ap;
    pthread_mutex_lock(&d->lock);
    d->errors++;
    va_start(ap, fmt);
    S_print(d, "error", file, line, fmt, ap);
    va_end(ap);
    pthread_mutex_unlock(&d->lock);
    return status;
}

void gx_diag_warn(gx_diag *d, const char *file, long line, const char *fmt, ...) {
    va_list ap;
    pthread_mutex_lock(&d->lock);
    if (d->warnings++ < d->shown) {
        va_start(ap, fmt);
        S_print(d, "warning", file, line, fmt, ap);
        va_end(ap);
    }
    pthread_mutex_unlock(&d->lock);
}

void gx_diag_set_shown(gx_diag *d, size_t max) {
    pthread_mutex_lock(&d->lock);
    d->shown = max;
    pthread_mutex_unlock(&d->lock);
}

size_t gx_diag_errors(const gx_diag *d) { return d->errors; }
size_t gx_diag_warnings(const gx_diag *d) { return d->warnings; }

void gx_diag_summary(gx_diag *d) {
    if (d->out && d->warnings > d->shown)
        fprintf(d->out, "guanxi: %zu more warnings not shown (%zu in all)\n",
                d->warnings - d->shown, d->warnings);
}
