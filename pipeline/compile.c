/* compile.c: `guanxi dict compile PATH... -o FILE`: stages 4 and 5 run once, their result
 * written as a dictionary image (gx_image.h) that later runs map instead of building.
 *
 * Records the sources first (so that a file changed during the load leaves a stale image, not a
 * silently outdated one), loads the paths in order as -d does, builds the matcher, writes the
 * image beside its final name and renames it into place.
 */
#include <stdio.h>
#include <time.h>
#include "gx_image.h"

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Dictionaries in paths[0..n) into dict; an image among them is refused (compile its sources). */
static gx_status S_load(gx_dict *dict, const char *const *paths, size_t n, gx_diag *d) {
    gx_status rc = GX_OK;
    for (size_t i = 0; i < n && rc == GX_OK; i++)
        rc = gx_image_sniff(paths[i])
                 ? gx_diag_error(d, GX_EDICT, paths[i], 0,
                                 "already a dictionary image (compile its sources instead)")
                 : gx_dict_load(dict, paths[i], d);
    return rc;
}

gx_status gx_dict_compile(const char *const *paths, size_t n, const char *out_path, int quiet,
                          FILE *out, gx_diag *d) {
    double t0 = S_now();
    gx_image_sources *src = NULL;
    gx_dict *dict = gx_dict_new();
    gx_matcher *m = NULL;
    gx_status rc = gx_image_sources_new(paths, n, d, &src);
    if (rc == GX_OK) rc = S_load(dict, paths, n, d);
    if (rc == GX_OK) rc = gx_matcher_new(dict, d, &m);
    if (rc == GX_OK) rc = gx_dict_write_image(dict, m, src, out_path, d);
    if (rc == GX_OK && !quiet)
        fprintf(out, "guanxi: compiled %zu dictionary entries from %zu files into %s (%.2f s)\n",
                gx_dict_count(dict), gx_image_sources_files(src), out_path, S_now() - t0);
    gx_matcher_free(m);
    gx_dict_free(dict);
    gx_image_sources_free(src);
    return rc;
}
