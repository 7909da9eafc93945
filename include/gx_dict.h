/* gx_dict.h: stage 4, dictionaries. Dictionary files in, a read-only entry table out.
 *
 * Native format (dicts/README.md): UTF-8, one entry a line, `surface<TAB>type[<TAB>canonical[<TAB>attrs]]`,
 * canonical empty or absent = surface, attrs `key=value;...`; a 5th field starting with `#` ends
 * the line (a trailing comment: guanxi suggest writes its statistics there). The type is an entity kind
 * (org|person|place|program: the surface names an entity) or a rule role, a word the rules of
 * rules.c look for (suffix, title, surname, stop, generic, word, given; see gx_role). Attribute keys: priority
 * (integer), subtype, parent, the flag `negative`, and for rule words kind, prefix, min, max,
 * side and the flags unit, chain, byline, generic, level, bound, weak and abbrev. `#` starts a comment line;
 * a BOM and CRLF line ends are accepted. Surfaces and canonicals are NFKC-normalized on load so
 * they match normalized text. A malformed line is an error naming file:line. Files load in the
 * order given; a folder loads its *.tsv files in name order; a later entry for the same surface
 * and role replaces the earlier one (a warning says so when they differ); one surface may have
 * one entry per role (路 is a surname and a road suffix). Built once, then const.
 * jieba userdicts and HanLP CustomDictionary files are read too (dict_import.c; gx_dict_format
 * and dicts/README.md say which file is read how); `guanxi dict check` lints all three formats
 * (dict_check.c).
 */
#ifndef GX_DICT_H
#define GX_DICT_H

#include "gx_common.h"
#include "gx_diag.h"

/* gx_entry.flags */
enum {
    GX_ENTRY_NEGATIVE = 1, /* the surface is never a mention (it blocks what it covers) */
    GX_ENTRY_UNIT = 2,     /* suffix: what precedes it is an organization of its own (党支部) */
    GX_ENTRY_BYLINE = 4,   /* title: names follow as a space-separated list (本报记者 A B) */
    GX_ENTRY_GENERIC = 8,  /* suffix: the word alone is generic too (社区, 街道) */
    GX_ENTRY_LEVEL = 16,   /* generic: an administrative level that may start a body (区, 省) */
    GX_ENTRY_WEAK = 32,    /* stop: a conjunction that names may hold (和 in 祥和实业) */
    GX_ENTRY_CHAIN = 64,   /* suffix: may follow an organization's name (…有限公司 + 南阳分公司) */
    GX_ENTRY_BOUND = 128,  /* generic: a name does not reach back over it (成员单位|中信证券) */
    GX_ENTRY_ABBREV = 256, /* entity: a one-character abbreviation (美 for 美国), a mention only
                              in the contexts of rules_abbrev.c (中美关系, 美方, 访华) */
    GX_ENTRY_LOCAL = 512   /* suffix: a country alone before it names no body (美国政府: the
                              country is the mention, as news corpora annotate it) */
};

/* What a dictionary row is: an entity, or a word that rules use. */
typedef enum {
    GX_ROLE_ENTITY = 0, /* surface names an entity of `kind` */
    GX_ROLE_SUFFIX,     /* ends a name of `kind`: org 党支部, place 路, program 工作法 */
    GX_ROLE_TITLE,      /* a person's title or function beside a name: 书记, 教授, 记者 */
    GX_ROLE_SURNAME,    /* a family name: 张, 欧阳 */
    GX_ROLE_STOP,       /* never inside a name: a name found by a rule does not cross it */
    GX_ROLE_GENERIC,    /* too general to be a name by itself: 社区, 街道, 各 */
    GX_ROLE_WORD,       /* a common word: a person name does not start with it (高度, 全面) */
    GX_ROLE_GIVEN,      /* a character common in given names (a name with no title: 江宏伟) */
    GX_ROLE_COUNT
} gx_role;

/* What must stand before a suffix (attribute prefix=). */
typedef enum {
    GX_PREFIX_NAME = 0, /* any name: known entities or unknown characters */
    GX_PREFIX_PLACE,    /* a known place (or an organization) directly before it: 局, 厅, 委 */
    GX_PREFIX_NUMERAL,  /* a number: 四十七中, 五步工作法 */
    GX_PREFIX_QUOTE     /* a quoted name directly before it: “三会一课”制度 */
} gx_prefix;

/* Rule role names as written in the type column ("suffix", "title", ...); NULL for entity. */
const char *gx_role_name(gx_role r);

typedef struct {
    const char *surface;   /* NFKC UTF-8, 1..GX_MAX_ENTRY_CHARS code points */
    const char *canonical; /* NFKC UTF-8 entity name */
    const char *subtype;   /* attrs subtype=, or NULL */
    const char *parent;    /* attrs parent=, or NULL */
    const char *file;      /* dictionary file it came from */
    long line;             /* its line there */
    int32_t priority;      /* attrs priority=, default 0 */
    gx_kind kind;          /* entity: its kind; suffix: the kind of the name it ends (kind=) */
    gx_role role;          /* entity or rule word */
    gx_prefix prefix;      /* suffix: what must precede it (prefix=) */
    uint8_t min, max;      /* suffix: prefix length in characters (min=, max=); title: name length */
    uint8_t side;          /* title: 1 names follow it (side=before), 2 names precede it, 3 both */
    uint32_t flags;        /* GX_ENTRY_* */
} gx_entry;

typedef struct gx_dict gx_dict;

/* How a dictionary file is read (--dict-format). AUTO decides by the path (dicts/README.md):
 * a folder loads its *.tsv files; `FILE TAG` (FILE exists, the path as given does not) is a
 * HanLP file with default tag TAG; *.tsv native; *.csv and CustomDictionary* HanLP; any other
 * file jieba. With an explicit format a folder loads the files of that format's extensions
 * (native *.tsv, jieba *.txt, HanLP *.txt and *.csv). */
typedef enum {
    GX_DICT_AUTO = 0, /* decide by the path */
    GX_DICT_NATIVE,   /* surface<TAB>type[<TAB>canonical[<TAB>attrs]] */
    GX_DICT_JIEBA,    /* jieba userdict: word [freq] [tag], space-separated */
    GX_DICT_HANLP     /* HanLP CustomDictionary: word [tag freq]..., space-separated */
} gx_dict_format;

/* Parses "auto", "native", "jieba" or "hanlp"; returns 1 and sets *out, or 0 if unknown. */
int gx_dict_format_parse(const char *s, gx_dict_format *out);
/* "auto", "native", "jieba", "hanlp". */
const char *gx_dict_format_name(gx_dict_format f);

/* An empty dictionary. Free with gx_dict_free (NULL is a no-op). */
gx_dict *gx_dict_new(void);
void gx_dict_free(gx_dict *dict);

/* Loads a dictionary file or a folder of *.tsv files into dict (format chosen by the path).
 * Returns GX_EIO, GX_EDICT, GX_ELIMIT or GX_EICU with the message (file:line) in d; entries
 * loaded before the error stay. Skipped jieba/HanLP words are counted warnings. */
GX_MUST_CHECK gx_status gx_dict_load(gx_dict *dict, const char *path, gx_diag *d);
/* gx_dict_load, reading path in the given format (GX_DICT_AUTO: as gx_dict_load). */
GX_MUST_CHECK gx_status gx_dict_load_as(gx_dict *dict, const char *path, gx_dict_format format,
                                        gx_diag *d);

/* Parses one dictionary line (no line terminator) as if it were line `line` of `file`.
 * Comment and blank lines are accepted and add nothing. Same errors as gx_dict_load. */
GX_MUST_CHECK gx_status gx_dict_add_line(gx_dict *dict, const char *text, size_t len,
                                         const char *file, long line, gx_diag *d);

size_t gx_dict_count(const gx_dict *dict);
/* Index of the first entry whose (normalized) surface is s[0..n), or -1. A surface has at most
 * one entry per role (an entity, a suffix, a surname...); gx_dict_next_same walks the others. */
long gx_dict_find(const gx_dict *dict, const char *s, size_t n);
/* The next entry with the same surface as entry i (another role), or -1. */
long gx_dict_next_same(const gx_dict *dict, size_t i);
/* Entry i (i < count), in first-definition order. */
const gx_entry *gx_dict_entry(const gx_dict *dict, size_t i);

/* ---- guanxi dict check (dict_check.c) ---- */

/* Reads every path (formats[i] for paths[i]; formats NULL: all AUTO) as the loader would, but
 * keeps going after a malformed line, and reports as `guanxi: error|warning: FILE:LINE: message`
 * in d: parse errors, duplicates (within and across files), one surface with conflicting types
 * (an error within one file, a warning across files, where the later one replaces the earlier),
 * canonical names and parents that are not entries, non-NFKC and full-width forms, leading or
 * trailing spaces, spaces between Han characters, control and invisible characters, entries
 * shadowed by a negative entry. Raises d's shown-warnings limit to GX_MAX_CHECK_SHOWN and stops
 * after GX_MAX_CHECK_ERRORS errors. Unless quiet, prints one summary line to out. Returns GX_OK
 * when there was no error (warnings allowed), else the status of the first error. */
GX_MUST_CHECK gx_status gx_dict_check(const char *const *paths, const gx_dict_format *formats,
                                      size_t n, int quiet, FILE *out, gx_diag *d);

#endif
