/* match_image.c: stage 5 compiled: the matcher's arrays (match_int.h) as sections of a
 * dictionary image, and a matcher that scans them in place from the mapping (gx_image.h).
 *
 * GX_SEC_MATCH holds the counts, then GX_SEC_PAGE, _IDS, _UNITS, _OUT and _FLAGS the arrays
 * exactly as gx_matcher_new leaves them. Before a scan may run on an image, every value the
 * scan uses as an index is checked against the length of what it indexes: page numbers, ids,
 * each used unit's base (+ the largest id stays inside the array, the padding the scan relies on
 * instead of bounds checks), its check, its entry, and the next-entry chains of the flags. So a
 * damaged image that passed its checksum still cannot make a scan read outside the mapping.
 */
#include <string.h>
#include "gx_image.h"
#include "gx_hash.h"
#include "match_int.h"

#define S_PAGES (GX_MATCH_CP_END >> GX_MATCH_PAGE_BITS)

/* GX_SEC_MATCH: the counts, as gx_image_meta.v[]. */
enum { S_STATES = 0, S_UNITS, S_IDS, S_PAGES_USED, S_ENTRIES };

uint64_t gx_matcher_image_abi(void) {
    const uint64_t v[] = {sizeof(gx_match_unit), GX_MATCH_PAGE_BITS, GX_MATCH_CP_END,
                          GX_MATCH_TERM,         GX_MATCH_NEGATIVE,  GX_MATCH_MORE,
                          GX_MAX_ENTRY_CHARS};
    return gx_xxh64(v, sizeof v, 0);
}

void gx_matcher_image_parts(const gx_matcher *m, gx_image_meta *meta,
                            gx_image_part parts[GX_SEC_COUNT]) {
    size_t n_entries = gx_dict_count(m->dict);
    memset(meta, 0, sizeof *meta);
    meta->v[S_STATES] = m->n_states;
    meta->v[S_UNITS] = m->n_units;
    meta->v[S_IDS] = m->n_ids;
    meta->v[S_PAGES_USED] = m->n_pages;
    meta->v[S_ENTRIES] = n_entries;
    parts[GX_SEC_MATCH] = (gx_image_part){meta, sizeof *meta};
    parts[GX_SEC_PAGE] = (gx_image_part){m->page, S_PAGES * sizeof *m->page};
    parts[GX_SEC_IDS] =
        (gx_image_part){m->ids, (size_t)m->n_pages * (1u << GX_MATCH_PAGE_BITS) * sizeof *m->ids};
    parts[GX_SEC_UNITS] = (gx_image_part){m->unit, m->n_units * sizeof *m->unit};
    parts[GX_SEC_OUT] = (gx_image_part){m->out, m->n_units * sizeof *m->out};
    parts[GX_SEC_FLAGS] = (gx_image_part){m->flags, n_entries + 1};
}

/* ---------------------------------------------------------------- reading */

/* Points m's arrays at the sections; 0 if a size does not match the counts. */
static int S_sections(gx_matcher *m, const gx_image *img, size_t n_entries) {
    size_t n_meta, n_page, n_ids, n_units, n_out, n_flags;
    const gx_image_meta *meta = gx_image_section(img, GX_SEC_MATCH, &n_meta);
    if (n_meta != sizeof *meta || meta->v[S_ENTRIES] != n_entries) return 0;
    uint64_t units = meta->v[S_UNITS], ids = meta->v[S_IDS], pages = meta->v[S_PAGES_USED];
    if (units >= GX_MATCH_TERM || ids == 0 || ids > units || pages == 0 || pages > S_PAGES + 1)
        return 0;
    m->n_states = (uint32_t)(meta->v[S_STATES] < units ? meta->v[S_STATES] : units);
    m->n_units = (uint32_t)units;
    m->n_ids = (uint32_t)ids;
    m->n_pages = (uint32_t)pages;
    m->page = (uint16_t *)gx_image_section(img, GX_SEC_PAGE, &n_page);
    m->ids = (uint32_t *)gx_image_section(img, GX_SEC_IDS, &n_ids);
    m->unit = (gx_match_unit *)gx_image_section(img, GX_SEC_UNITS, &n_units);
    m->out = (uint32_t *)gx_image_section(img, GX_SEC_OUT, &n_out);
    m->flags = (uint8_t *)gx_image_section(img, GX_SEC_FLAGS, &n_flags);
    return n_page == S_PAGES * sizeof *m->page &&
           n_ids == pages * (1u << GX_MATCH_PAGE_BITS) * sizeof *m->ids &&
           n_units == units * sizeof *m->unit && n_out == units * sizeof *m->out &&
           n_flags == n_entries + 1;
}

/* Whether every index the scan takes from the arrays is in range (see the header comment): the
 * units are most of the matcher, so their pass is branch-free. The entry chains are the dict's
 * (checked when it opened); the scan stops a chain at its end whatever the flags say. */
static int S_indexes_ok(const gx_matcher *m, size_t n_entries) {
    for (size_t p = 0; p < S_PAGES; p++)
        if (m->page[p] >= m->n_pages) return 0;
    for (size_t k = 0; k < (size_t)m->n_pages << GX_MATCH_PAGE_BITS; k++)
        if (m->ids[k] >= m->n_ids) return 0;
    uint32_t max_base = m->n_units - m->n_ids, bad = 0, n = (uint32_t)n_entries;
    for (uint32_t u = 0; u < m->n_units; u++) {
        gx_match_unit x = m->unit[u];
        uint32_t used = (x.check != GX_MATCH_NONE) | (u == 0); /* a free unit is never reached */
        bad |=
            used & (((x.base & ~GX_MATCH_TERM) > max_base) | ((x.base >> 31) & (m->out[u] >= n)));
    }
    return !bad;
}

gx_status gx_matcher_from_image(const gx_dict *dict, gx_diag *d, gx_matcher **out) {
    *out = NULL;
    const gx_image *img = gx_dict_image(dict);
    if (!img) return gx_diag_error(d, GX_EDICT, "dictionary", 0, "not opened from an image");
    gx_matcher *m = gx_xcalloc(1, sizeof *m);
    m->dict = dict;
    m->borrowed = 1;
    size_t n = gx_dict_count(dict);
    if (!S_sections(m, img, n) || !S_indexes_ok(m, n)) {
        gx_matcher_free(m);
        return gx_diag_error(d, GX_EDICT, gx_image_path(img), 0,
                             "damaged dictionary image: matcher sections out of range");
    }
    *out = m;
    return GX_OK;
}
