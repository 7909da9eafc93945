/* dict_import.c: stage 4: jieba userdict and HanLP CustomDictionary lines -> entries.
 *
 * jieba: `word [freq] [tag]`; HanLP: `word [tag freq]...`, with the file's default tag (HanLP's
 * `FILE TAG`) for untagged words. Fields are separated by runs of spaces and tabs (HanLP *.csv:
 * commas, *.tsv: tabs), so a word cannot contain a space: unlike jieba, which would take a line it
 * cannot read as one long word, every line that does not parse is an error naming file:line.
 * Tags map to entity types through S_tags; words whose tag maps to none are skipped and counted,
 * one warning per tag when the file ends. Frequencies are checked and then ignored. dict_read.c
 * calls these; the entries go through gx_dict_finish (dict.c) like native ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict_int.h"

/* Tags that name an entity type (jieba's tag set and HanLP's Nature; dicts/README.md). Every
 * other tag is skipped with a counted warning: nz (other proper nouns: products, works,
 * languages...), j (abbreviations), nr1/nr2 (name parts), nnt (job titles), ni/nic/nis/nit
 * (parts and suffixes of organization names), and all common words. */
static const struct {
    const char *tag;
    gx_kind kind;
} S_tags[] = {
    {"nr", GX_KIND_PERSON},    /* person name (jieba, HanLP) */
    {"nrt", GX_KIND_PERSON},   /* jieba: transliterated or historical name */
    {"nrfg", GX_KIND_PERSON},  /* jieba: person name */
    {"nrf", GX_KIND_PERSON},   /* HanLP: transliterated person name */
    {"nrj", GX_KIND_PERSON},   /* HanLP: Japanese person name */
    {"ns", GX_KIND_PLACE},     /* place name */
    {"nsf", GX_KIND_PLACE},    /* HanLP: transliterated place name */
    {"nt", GX_KIND_ORG},       /* organization */
    {"ntc", GX_KIND_ORG},      /* HanLP: company */
    {"ntcf", GX_KIND_ORG},     /* HanLP: factory */
    {"ntcb", GX_KIND_ORG},     /* HanLP: bank */
    {"ntch", GX_KIND_ORG},     /* HanLP: hotel */
    {"nto", GX_KIND_ORG},      /* HanLP: government body */
    {"ntu", GX_KIND_ORG},      /* HanLP: university */
    {"nts", GX_KIND_ORG},      /* HanLP: school */
    {"nth", GX_KIND_ORG},      /* HanLP: hospital */
    {"org", GX_KIND_ORG},      /* guanxi's own type names, so such files can say it directly */
    {"person", GX_KIND_PERSON},
    {"place", GX_KIND_PLACE},
    {"program", GX_KIND_PROGRAM},
};

static int S_tag_kind(gx_dfield t, gx_kind *out) {
    for (size_t i = 0; i < sizeof S_tags / sizeof *S_tags; i++) {
        if (strlen(S_tags[i].tag) != t.n || memcmp(S_tags[i].tag, t.p, t.n) != 0) continue;
        *out = S_tags[i].kind;
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- fields */

static int S_is_blank(char c) { return c == ' ' || c == '\t'; }

/* The fields of a line: sep 0: runs of spaces and tabs separate them; else sep does, and
 * spaces and tabs around a field are dropped. */
typedef struct {
    const char *p, *end;
    char sep;
    int done;
} S_fields;

/* The next field into *out; 0 when none is left. */
static int S_next(S_fields *it, gx_dfield *out) {
    const char *p = it->p;
    if (!it->sep)
        while (p < it->end && S_is_blank(*p)) p++;
    if (it->done || (!it->sep && p == it->end)) return 0;
    const char *q = p;
    while (q < it->end && (it->sep ? *q != it->sep : !S_is_blank(*q))) q++;
    *out = (gx_dfield){p, (size_t)(q - p)};
    while (it->sep && out->n && S_is_blank(out->p[0])) out->p++, out->n--;
    while (it->sep && out->n && S_is_blank(out->p[out->n - 1])) out->n--;
    it->done = q == it->end;
    it->p = it->done ? q : q + 1;
    return 1;
}

static int S_blank_line(const char *text, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (!S_is_blank(text[i])) return 0;
    return 1;
}

static int S_digits(gx_dfield t) {
    if (t.n == 0) return 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.p[i] < '0' || t.p[i] > '9') return 0;
    return 1;
}

/* A HanLP-style tag: a letter, then letters and digits (nr, nr1, Rg). */
static int S_tagish(gx_dfield t) {
    if (t.n == 0 || !((t.p[0] >= 'a' && t.p[0] <= 'z') || (t.p[0] >= 'A' && t.p[0] <= 'Z')))
        return 0;
    for (size_t i = 1; i < t.n; i++)
        if (!((t.p[i] >= 'a' && t.p[i] <= 'z') || (t.p[i] >= 'A' && t.p[i] <= 'Z') ||
              (t.p[i] >= '0' && t.p[i] <= '9')))
            return 0;
    return 1;
}

static int S_lower(gx_dfield t) {
    if (t.n == 0) return 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.p[i] < 'a' || t.p[i] > 'z') return 0;
    return 1;
}

/* The hint after a field error: with space-separated fields, a word cannot hold a space. */
static const char *S_space_hint(const gx_dict_file *f) {
    if (f->sep) return "";
    return f->format == GX_DICT_JIEBA
               ? "; a jieba word cannot contain spaces (the native format allows them)"
               : "; a HanLP word cannot contain spaces (the native format allows them)";
}

/* ---------------------------------------------------------------- skipped words */

static void S_skip(gx_dict_file *f, gx_dfield tag) {
    size_t i = 0;
    while (i < f->n_skips && (strlen(f->skips[i].tag) != tag.n ||
                              memcmp(f->skips[i].tag, tag.p, tag.n) != 0))
        i++;
    if (i == f->n_skips && i == GX_MAX_SKIP_TAGS + 1) i = GX_MAX_SKIP_TAGS; /* other tags */
    if (i == f->n_skips) {
        gx_grow((void **)&f->skips, &f->cap_skips, i + 1, sizeof *f->skips);
        memset(&f->skips[i], 0, sizeof f->skips[i]);
        memcpy(f->skips[i].tag, tag.p, tag.n);
        f->skips[i].first = f->line;
        f->n_skips++;
    }
    f->skips[i].count++;
}

static int S_cmp_skip(const void *pa, const void *pb) {
    const gx_dict_skip *a = pa, *b = pb;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

void gx_dict_skips_report(gx_dict_file *f) {
    size_t n = f->n_skips < GX_MAX_SKIP_TAGS ? f->n_skips : GX_MAX_SKIP_TAGS;
    gx_sort(f->skips, n, sizeof *f->skips, S_cmp_skip);
    for (size_t i = 0; i < n; i++) {
        const gx_dict_skip *k = &f->skips[i];
        if (k->tag[0])
            gx_diag_warn(f->d, f->file, k->first,
                         "%zu %s skipped: tag '%s' maps to no entity type (the first is on "
                         "this line)", k->count, k->count == 1 ? "entry" : "entries", k->tag);
        else
            gx_diag_warn(f->d, f->file, k->first,
                         "%zu %s skipped: no tag and no default tag (the first is on this "
                         "line); add a tag, or name one for the whole file: -d '%s TAG'",
                         k->count, k->count == 1 ? "entry" : "entries", f->file);
    }
    if (f->n_skips > GX_MAX_SKIP_TAGS) {
        const gx_dict_skip *k = &f->skips[GX_MAX_SKIP_TAGS];
        gx_diag_warn(f->d, f->file, k->first,
                     "%zu more skipped: more than %d tags map to no entity type "
                     "(GX_MAX_SKIP_TAGS; the first of the rest, '%s', is on this line)",
                     k->count, GX_MAX_SKIP_TAGS, k->tag);
    }
    free(f->skips);
    f->skips = NULL;
    f->n_skips = f->cap_skips = 0;
}

/* ---------------------------------------------------------------- lines */

/* Adds word as an entity of the type tag maps to, or counts it as skipped. */
static gx_status S_import(gx_dict_file *f, gx_dfield word, gx_dfield tag) {
    gx_kind kind;
    if (tag.n == 0 && f->default_tag) tag = (gx_dfield){f->default_tag, strlen(f->default_tag)};
    if (tag.n == 0) tag.p = ""; /* never NULL for memcmp */
    if (!S_tag_kind(tag, &kind)) {
        S_skip(f, tag);
        return GX_OK;
    }
    if (memchr(word.p, '\t', word.n)) /* a CSV field may hold one; a surface never does */
        return gx_dict_bad(f, "a tab inside the word '%.*s'", (int)word.n, word.p);
    gx_entry e = {0};
    e.kind = kind;
    gx_status rc = gx_dict_field(f, "word", word, &e.surface);
    return rc == GX_OK ? gx_dict_finish(f, &e) : rc;
}

static gx_status S_check_tag(gx_dict_file *f, gx_dfield tag) {
    if (tag.n == 0) return gx_dict_bad(f, "empty tag");
    if (tag.n > GX_MAX_TAG_BYTES)
        return gx_dict_bad(f, "tag longer than %d bytes (GX_MAX_TAG_BYTES)", GX_MAX_TAG_BYTES);
    return GX_OK;
}

/* jieba's word [freq] [tag] (jieba/__init__.py re_userdict: freq digits, tag a-z). */
gx_status gx_dict_line_jieba(gx_dict_file *f, const char *text, size_t len) {
    if (S_blank_line(text, len)) return GX_OK;
    gx_status rc = gx_dict_controls(f, text, len);
    if (rc != GX_OK) return rc;
    S_fields it = {text, text + len, 0, 0};
    gx_dfield t[4], freq = {0}, tag = {0};
    int k = 0;
    while (k < 4 && S_next(&it, &t[k])) k++;
    if (k == 4)
        return gx_dict_bad(f, "more than 3 fields: expected 'word [freq] [tag]'%s",
                           S_space_hint(f));
    if (k == 2) *(S_digits(t[1]) ? &freq : &tag) = t[1];
    if (k == 3) {
        freq = t[1];
        tag = t[2];
    }
    if (k == 3 && S_tagish(freq) && S_digits(tag))
        return gx_dict_bad(f, "'%.*s %.*s' is HanLP's order (word tag freq), jieba's is word freq "
                              "tag: read the file with --dict-format hanlp",
                           (int)freq.n, freq.p, (int)tag.n, tag.p);
    if (freq.n && !S_digits(freq))
        return gx_dict_bad(f, "frequency '%.*s' is not a whole number: expected 'word [freq] "
                              "[tag]'%s", (int)freq.n, freq.p, S_space_hint(f));
    if (tag.n && !S_lower(tag) && k == 3)
        return gx_dict_bad(f, "tag '%.*s' is not made of a-z (jieba would take the whole line "
                              "for the word)", (int)tag.n, tag.p);
    if (tag.n && !S_lower(tag))
        return gx_dict_bad(f, "'%.*s' is neither a frequency (digits) nor a tag (a-z): expected "
                              "'word [freq] [tag]'%s", (int)tag.n, tag.p, S_space_hint(f));
    rc = tag.n ? S_check_tag(f, tag) : GX_OK;
    return rc == GX_OK ? S_import(f, t[0], tag) : rc;
}

/* The tag a HanLP line is read as: of the tags that name an entity type the most frequent
 * (the first on a tie); else its first tag. */
typedef struct {
    gx_dfield tag, first;
    long long freq;
    gx_kind kind;
    int mapped, conflict;
} S_pick;

static void S_consider(S_pick *p, gx_dfield tag, long long freq) {
    gx_kind kind;
    if (!p->first.n) p->first = tag;
    if (!S_tag_kind(tag, &kind)) return;
    if (p->mapped && kind != p->kind) p->conflict = 1;
    if (p->mapped && freq <= p->freq) return;
    *p = (S_pick){tag, p->first, freq, kind, 1, p->conflict};
}

/* A HanLP frequency: a whole number that fits Java's int (Integer.parseInt). */
static int S_freq(gx_dfield t, long long *out) {
    if (!S_digits(t) || t.n > 10) return 0;
    long long v = 0;
    for (size_t i = 0; i < t.n; i++) v = v * 10 + (t.p[i] - '0');
    *out = v;
    return v <= 2147483647LL;
}

/* One tag-frequency pair of a HanLP line into p. */
static gx_status S_pair(gx_dict_file *f, S_fields *it, gx_dfield tag, S_pick *p) {
    gx_dfield freq;
    long long fr = 0;
    gx_status rc = S_check_tag(f, tag);
    if (rc != GX_OK) return rc;
    if (S_digits(tag))
        return gx_dict_bad(f, "a number '%.*s' where a tag belongs: is this jieba's order (word "
                              "freq tag)? read the file with --dict-format jieba",
                           (int)tag.n, tag.p);
    if (!S_next(it, &freq))
        gx_diag_warn(f->d, f->file, f->line,
                     "tag '%.*s' has no frequency: HanLP would ignore it and use the file's "
                     "default; taken as written", (int)tag.n, tag.p);
    else if (!S_freq(freq, &fr))
        return gx_dict_bad(f, "frequency '%.*s' of tag '%.*s' is not a whole number in "
                              "0..2147483647: expected 'word [tag freq]...'%s",
                           (int)freq.n, freq.p, (int)tag.n, tag.p, S_space_hint(f));
    S_consider(p, tag, fr);
    return GX_OK;
}

/* HanLP's word [tag freq]... (DynamicCustomDictionary.load). */
gx_status gx_dict_line_hanlp(gx_dict_file *f, const char *text, size_t len) {
    if (S_blank_line(text, len)) return GX_OK;
    gx_status rc = gx_dict_controls(f, text, len);
    if (rc != GX_OK) return rc;
    S_fields it = {text, text + len, f->sep, 0};
    gx_dfield word, tag;
    S_pick p = {0};
    if (!S_next(&it, &word) || word.n == 0) return gx_dict_bad(f, "empty word");
    while (rc == GX_OK && S_next(&it, &tag)) rc = S_pair(f, &it, tag, &p);
    if (rc != GX_OK) return rc;
    if (p.conflict)
        gx_diag_warn(f->d, f->file, f->line,
                     "its tags name different entity types: read as %s, the type of its most "
                     "frequent one ('%.*s')", gx_kind_name(p.kind), (int)p.tag.n, p.tag.p);
    return S_import(f, word, p.mapped ? p.tag : p.first);
}
