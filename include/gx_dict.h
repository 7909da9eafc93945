/* gx_dict.h: stage 4, dictionaries. TSV files in, a read-only entry table out.
 *
 * Format (dicts/README.md): UTF-8, one entry a line, `surface<TAB>type[<TAB>canonical[<TAB>attrs]]`,
 * type org|person|place|program, canonical empty or absent = surface, attrs `key=value;...` with
 * keys priority (integer), subtype, parent, and the flag `negative`. `#` starts a comment line;
 * a BOM and CRLF line ends are accepted. Surfaces and canonicals are NFKC-normalized on load so
 * they match normalized text. A malformed line is an error naming file:line. Files load in the
 * order given; a folder loads its *.tsv files in name order; a later entry for the same surface
 * replaces the earlier one (a warning says so when they differ). Built once, then const.
 */
#ifndef GX_DICT_H
#define GX_DICT_H

#include "gx_common.h"
#include "gx_diag.h"

enum { GX_ENTRY_NEGATIVE = 1 }; /* gx_entry.flags: the surface is never a mention */

typedef struct {
    const char *surface;   /* NFKC UTF-8, 1..GX_MAX_ENTRY_CHARS code points */
    const char *canonical; /* NFKC UTF-8 entity name */
    const char *subtype;   /* attrs subtype=, or NULL */
    const char *parent;    /* attrs parent=, or NULL */
    const char *file;      /* dictionary file it came from */
    long line;             /* its line there */
    int32_t priority;      /* attrs priority=, default 0 */
    gx_kind kind;          /* org, person, place or program */
    uint32_t flags;        /* GX_ENTRY_* */
} gx_entry;

typedef struct gx_dict gx_dict;

/* An empty dictionary. Free with gx_dict_free (NULL is a no-op). */
gx_dict *gx_dict_new(void);
void gx_dict_free(gx_dict *dict);

/* Loads a dictionary file or a folder of *.tsv files into dict. Returns GX_EIO, GX_EDICT,
 * GX_ELIMIT or GX_EICU with the message (file:line) in d; entries loaded before the error stay. */
GX_MUST_CHECK gx_status gx_dict_load(gx_dict *dict, const char *path, gx_diag *d);

/* Parses one dictionary line (no line terminator) as if it were line `line` of `file`.
 * Comment and blank lines are accepted and add nothing. Same errors as gx_dict_load. */
GX_MUST_CHECK gx_status gx_dict_add_line(gx_dict *dict, const char *text, size_t len,
                                         const char *file, long line, gx_diag *d);

size_t gx_dict_count(const gx_dict *dict);
/* Entry i (i < count), in first-definition order. */
const gx_entry *gx_dict_entry(const gx_dict *dict, size_t i);

#endif
