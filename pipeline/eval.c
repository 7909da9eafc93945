/* eval.c: `guanxi eval` (see gx_eval.h): runs stages 1-6 on gold documents and scores the
 * mentions, span-exact for the JSONL layout, entity-level for the TSV layout, with the same
 * rules as ../shared/gold/nerscore.py and goldscore.py so the numbers agree.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include <unicode/utf8.h>
#include "gx_engine.h"
#include "gx_eval.h"
#include "gx_norm.h"
#include "gx_read.h"

enum { S_ORG, S_PER, S_LOC, S_PROG, S_NT };
static const char *const S_tname[S_NT] = {"ORG", "PER", "LOC", "PROG"};

typedef struct {
    size_t tp[S_NT], fp[S_NT], fn[S_NT];
    int seen[S_NT]; /* the gold uses the type */
} S_score;

static int S_type_of_kind(gx_kind k) {
    static const int map[GX_KIND_COUNT] = {S_ORG, S_PER, S_LOC, S_PROG};
    return map[k];
}

/* Gold type names: PER/LOC/ORG/PROG, the entity kinds, and the usual tag sets. */
static int S_type_parse(const char *s) {
    static const struct {
        const char *name;
        int t;
    } names[] = {{"ORG", S_ORG},   {"ORGANIZATION", S_ORG}, {"NT", S_ORG},     {"NI", S_ORG},
                 {"PER", S_PER},   {"PERSON", S_PER},       {"NR", S_PER},     {"NH", S_PER},
                 {"LOC", S_LOC},   {"PLACE", S_LOC},        {"LOCATION", S_LOC}, {"NS", S_LOC},
                 {"GPE", S_LOC},   {"PROG", S_PROG},        {"PROGRAM", S_PROG}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(names[i].name, s) == 0) return names[i].t;
    return -1;
}

/* ---------------------------------------------------------------- report */

static double S_f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

static void S_report(FILE *out, const S_score *sc, int all_types) {
    size_t tp = 0, fp = 0, fn = 0;
    double fsum = 0;
    int nt = 0;
    for (int t = 0; t < S_NT; t++) {
        if (!all_types && !sc->seen[t]) continue;
        double p = sc->tp[t] + sc->fp[t] ? (double)sc->tp[t] / (double)(sc->tp[t] + sc->fp[t]) : 0;
        double r = sc->tp[t] + sc->fn[t] ? (double)sc->tp[t] / (double)(sc->tp[t] + sc->fn[t]) : 0;
        fprintf(out, "%s\tP %.3f\tR %.3f\tF1 %.3f\ttp %zu fp %zu fn %zu\n", S_tname[t], p, r,
                S_f1(p, r), sc->tp[t], sc->fp[t], sc->fn[t]);
        tp += sc->tp[t];
        fp += sc->fp[t];
        fn += sc->fn[t];
        fsum += S_f1(p, r);
        nt++;
    }
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 0, r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    fprintf(out, "micro\tP %.3f\tR %.3f\tF1 %.3f\ttp %zu fp %zu fn %zu\n", p, r, S_f1(p, r), tp, fp, fn);
    fprintf(out, "micro F1 %.3f\n", S_f1(p, r));
    fprintf(out, "macro F1 %.3f\n", nt ? fsum / nt : 0.0);
}

/* Prints the original text around code points [s, e) as "before[span]after". */
static void S_context(FILE *out, gx_doc *doc, uint32_t s, uint32_t e) {
    const char *p;
    size_t n;
    uint32_t a = s > 12 ? s - 12 : 0, b = e + 12 < doc->orig_cps ? e + 12 : doc->orig_cps;
    uint32_t cuts[4] = {a, s, e, b};
    for (int i = 0; i < 3; i++) {
        gx_doc_orig_slice(doc, cuts[i], cuts[i + 1], &p, &n);
        if (i == 1) fputc('[', out);
        for (size_t k = 0; k < n; k++) fputc(p[k] == '\n' || p[k] == '\t' || p[k] == '\r' ? ' ' : p[k], out);
        if (i == 1) fputc(']', out);
    }
}

/* ---------------------------------------------------------------- JSONL: exact spans */

typedef struct {
    uint32_t s, e;
    int t;
} S_span;

static int S_has_span(const S_span *v, size_t n, S_span x) {
    for (size_t i = 0; i < n; i++)
        if (v[i].s == x.s && v[i].e == x.e && v[i].t == x.t) return 1;
    return 0;
}

/* Gold spans of one JSONL object; -1 if malformed. */
static long S_gold_spans(const cJSON *ents, S_span **out, S_score *sc) {
    size_t n = 0, cap = 0;
    const cJSON *it;
    *out = NULL;
    cJSON_ArrayForEach(it, ents) {
        const cJSON *s = cJSON_GetArrayItem(it, 0), *e = cJSON_GetArrayItem(it, 1),
                    *t = cJSON_GetArrayItem(it, 2);
        if (!cJSON_IsNumber(s) || !cJSON_IsNumber(e) || !cJSON_IsString(t)) return -1;
        int ty = S_type_parse(t->valuestring);
        if (ty < 0) continue;
        sc->seen[ty] = 1;
        gx_grow((void **)out, &cap, n + 1, sizeof **out);
        (*out)[n++] = (S_span){(uint32_t)s->valuedouble, (uint32_t)e->valuedouble, ty};
    }
    return (long)n;
}

static void S_score_spans(const gx_eval_opts *o, gx_doc *doc, const gx_mentions *ms,
                          const S_span *gold, size_t ng, S_score *sc) {
    S_span *pred = gx_xmalloc((ms->n + 1) * sizeof *pred);
    size_t np = 0;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        S_span x = {m->ostart, m->oend, S_type_of_kind(m->kind)};
        if (!S_has_span(pred, np, x)) pred[np++] = x;
    }
    for (size_t i = 0; i < ng; i++) {
        if (S_has_span(pred, np, gold[i])) {
            sc->tp[gold[i].t]++;
        } else {
            sc->fn[gold[i].t]++;
            if (o->errors) {
                fprintf(o->out, "FN\t%s\t%s\t", doc->id, S_tname[gold[i].t]);
                S_context(o->out, doc, gold[i].s, gold[i].e);
                fputc('\n', o->out);
            }
        }
    }
    for (size_t i = 0; i < np; i++) {
        if (S_has_span(gold, ng, pred[i])) continue;
        sc->fp[pred[i].t]++;
        if (o->errors && sc->seen[pred[i].t]) {
            fprintf(o->out, "FP\t%s\t%s\t", doc->id, S_tname[pred[i].t]);
            S_context(o->out, doc, pred[i].s, pred[i].e);
            fputc('\n', o->out);
        }
    }
    free(pred);
}

/* One gold line: the document through the pipeline, then its spans scored. */
static gx_status S_jsonl_line(const gx_eval_opts *o, gx_worker *w, const char *line, size_t len,
                              long lineno, S_score *sc, gx_diag *d) {
    size_t bad;
    if (!gx_utf8_valid(line, len, &bad))
        return gx_diag_error(d, GX_EUTF8, o->gold, lineno, "invalid UTF-8 at byte %zu", bad);
    cJSON *obj = cJSON_ParseWithLength(line, len);
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
    const cJSON *ents = cJSON_GetObjectItemCaseSensitive(obj, "entities");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    S_span *gold = NULL;
    long ng = cJSON_IsString(text) && cJSON_IsArray(ents) ? S_gold_spans(ents, &gold, sc) : -1;
    gx_status rc = GX_OK;
    if (ng < 0) {
        rc = gx_diag_error(d, GX_EINPUT, o->gold, lineno,
                           "expected {\"id\", \"text\", \"entities\": [[start, end, TYPE], ...]}");
    } else {
        char idbuf[32];
        snprintf(idbuf, sizeof idbuf, "%ld", lineno);
        gx_doc doc = {0};
        doc.id = gx_xstrdup(cJSON_IsString(id) ? id->valuestring : idbuf);
        doc.orig = gx_xstrdup(text->valuestring);
        doc.orig_len = strlen(doc.orig);
        doc.file = o->gold;
        doc.line = lineno;
        const gx_mentions *ms;
        rc = gx_worker_doc(w, &doc, d, &ms);
        if (rc == GX_OK) S_score_spans(o, &doc, ms, gold, (size_t)ng, sc);
        gx_doc_clear(&doc);
    }
    free(gold);
    cJSON_Delete(obj);
    return rc;
}

static gx_status S_eval_jsonl(const gx_eval_opts *o, gx_worker *w, S_score *sc, gx_diag *d) {
    FILE *f = fopen(o->gold, "rb");
    if (!f) return gx_diag_error(d, GX_EIO, o->gold, 0, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    gx_status rc = GX_OK;
    while (rc == GX_OK && (got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        if (len) rc = S_jsonl_line(o, w, line, len, lineno, sc, d);
    }
    free(line);
    fclose(f);
    return rc;
}

/* ---------------------------------------------------------------- TSV folder: entities */

/* NFKC of s[0..n) without quotes and spaces: the scorers' name key. Caller frees. */
static char *S_key(const char *s, size_t n) {
    static const uint32_t drop[] = {0x201C, 0x201D, '"', 0x2018, 0x2019, '\'', 0x300C, 0x300D,
                                    0x300E, 0x300F, ' ', 0x3000, '\t'};
    char *norm;
    size_t len;
    if (gx_norm_string(s, n, &norm, &len) != GX_OK) return gx_xstrndup(s, n);
    int32_t i = 0, k = 0;
    while (i < (int32_t)len) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT_UNSAFE(norm, i, c);
        int skip = 0;
        for (size_t j = 0; j < sizeof drop / sizeof *drop && !skip; j++) skip = (uint32_t)c == drop[j];
        if (!skip) {
            memmove(norm + k, norm + at, (size_t)(i - at));
            k += i - at;
        }
    }
    norm[k] = '\0';
    return norm;
}

typedef struct {
    int t, optional, hit;
    char *canonical;
    char **names;
    size_t n_names;
} S_gent;

typedef struct {
    S_gent *v;
    size_t n, cap;
} S_gents;

static void S_gents_free(S_gents *g) {
    for (size_t i = 0; i < g->n; i++) {
        for (size_t j = 0; j < g->v[i].n_names; j++) free(g->v[i].names[j]);
        free(g->v[i].names);
        free(g->v[i].canonical);
    }
    free(g->v);
    memset(g, 0, sizeof *g);
}

static void S_add_name(char ***names, size_t *n, char *key) {
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*names)[i], key) == 0) {
            free(key);
            return;
        }
    *names = gx_xrealloc(*names, (*n + 1) * sizeof **names);
    (*names)[(*n)++] = key;
}

/* One gold TSV line: type, canonical, aliases, count, flags. */
static void S_gold_line(char *line, S_gents *g, S_score *sc) {
    char *f[5] = {0};
    int k = 0;
    for (char *p = line; k < 5 && p; k++) {
        f[k] = p;
        p = strchr(p, '\t');
        if (p) *p++ = '\0';
    }
    int t = k >= 3 ? S_type_parse(f[0]) : -1;
    if (t < 0) return;
    sc->seen[t] = 1;
    gx_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v);
    S_gent *e = &g->v[g->n++];
    memset(e, 0, sizeof *e);
    e->t = t;
    e->canonical = gx_xstrdup(f[1]);
    e->optional = k > 4 && (strstr(f[4], "uncertain") || strstr(f[4], "nested-only") ||
                            strstr(f[4], "nested-in-uncertain-only"));
    S_add_name(&e->names, &e->n_names, S_key(f[1], strlen(f[1])));
    for (char *a = f[2], *bar; a && *a; a = bar ? bar + 1 : NULL) {
        bar = strchr(a, '|');
        size_t n = bar ? (size_t)(bar - a) : strlen(a);
        if (n) S_add_name(&e->names, &e->n_names, S_key(a, n));
    }
}

static gx_status S_load_gold_tsv(const char *path, S_gents *g, S_score *sc, gx_diag *d) {
    FILE *f = fopen(path, "rb");
    if (!f) return gx_diag_error(d, GX_EIO, path, 0, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) >= 0) {
        while (got && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        S_gold_line(line, g, sc);
    }
    free(line);
    fclose(f);
    return GX_OK;
}

/* The document's entities as found: one per (type, canonical key), with every name. */
static void S_pred_entities(gx_doc *doc, const gx_mentions *ms,
                            S_gents *p, uint32_t **first) {
    *first = gx_xmalloc((ms->n + 1) * sizeof **first);
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        char *ck = S_key(m->canonical, strlen(m->canonical));
        int t = S_type_of_kind(m->kind);
        size_t j = 0;
        while (j < p->n && !(p->v[j].t == t && strcmp(p->v[j].names[0], ck) == 0)) j++;
        if (j == p->n) {
            gx_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
            memset(&p->v[j], 0, sizeof p->v[j]);
            p->v[j].t = t;
            p->v[j].canonical = gx_xstrdup(m->canonical);
            S_add_name(&p->v[j].names, &p->v[j].n_names, ck);
            (*first)[j] = (uint32_t)i;
            p->n++;
        } else {
            free(ck);
        }
        const char *s;
        size_t n;
        gx_doc_orig_slice(doc, m->ostart, m->oend, &s, &n);
        S_add_name(&p->v[j].names, &p->v[j].n_names, S_key(s, n));
    }
}

static int S_names_meet(const S_gent *a, const S_gent *b) {
    for (size_t i = 0; i < a->n_names; i++)
        for (size_t j = 0; j < b->n_names; j++)
            if (strcmp(a->names[i], b->names[j]) == 0) return 1;
    return 0;
}

static void S_score_entities(const gx_eval_opts *o, gx_doc *doc, const gx_mentions *ms,
                             S_gents *gold, S_score *sc) {
    S_gents pred = {0};
    uint32_t *first;
    S_pred_entities(doc, ms, &pred, &first);
    for (size_t i = 0; i < pred.n; i++) {
        int hit = 0;
        for (size_t j = 0; j < gold->n; j++)
            if (gold->v[j].t == pred.v[i].t && S_names_meet(&gold->v[j], &pred.v[i]))
                hit = gold->v[j].hit = 1;
        if (hit) continue;
        sc->fp[pred.v[i].t]++;
        if (o->errors) {
            const gx_mention *m = &ms->v[first[i]];
            fprintf(o->out, "FP\t%s\t%s\t%s\t%s\t", doc->id, S_tname[pred.v[i].t],
                    pred.v[i].canonical, m->source);
            S_context(o->out, doc, m->ostart, m->oend);
            fputc('\n', o->out);
        }
    }
    for (size_t j = 0; j < gold->n; j++) {
        if (gold->v[j].optional) continue;
        if (gold->v[j].hit) sc->tp[gold->v[j].t]++;
        else {
            sc->fn[gold->v[j].t]++;
            if (o->errors)
                fprintf(o->out, "FN\t%s\t%s\t%s\n", doc->id, S_tname[gold->v[j].t],
                        gold->v[j].canonical);
        }
    }
    free(first);
    S_gents_free(&pred);
}

/* The gold TSV of a document id (its base name without extension); NULL if there is none. */
static char *S_gold_path(const char *dir, const char *id) {
    const char *base = strrchr(id, '/');
    base = base ? base + 1 : id;
    size_t n = strlen(dir) + strlen(base) + 8;
    char *path = gx_xmalloc(n);
    snprintf(path, n, "%s/%s.tsv", dir, base);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(path);
        return NULL;
    }
    return path;
}

static gx_status S_eval_tsv(const gx_eval_opts *o, gx_worker *w, S_score *sc, gx_diag *d) {
    if (o->n_inputs == 0)
        return gx_diag_error(d, GX_EUSAGE, o->gold, 0,
                             "a folder of gold TSVs needs the texts: guanxi eval GOLD INPUT...");
    gx_reader *r = gx_reader_new(o->inputs, o->n_inputs, d);
    gx_doc doc = {0};
    int has;
    gx_status rc;
    size_t scored = 0;
    while ((rc = gx_reader_next(r, &doc, &has)) == GX_OK && has) {
        char *path = S_gold_path(o->gold, doc.id);
        const gx_mentions *ms;
        S_gents gold = {0};
        if (path && (rc = S_load_gold_tsv(path, &gold, sc, d)) == GX_OK &&
            (rc = gx_worker_doc(w, &doc, d, &ms)) == GX_OK) {
            S_score_entities(o, &doc, ms, &gold, sc);
            scored++;
        }
        S_gents_free(&gold);
        free(path);
        gx_doc_clear(&doc);
        if (rc != GX_OK) break;
    }
    gx_doc_clear(&doc);
    gx_reader_free(r);
    if (rc == GX_OK && scored == 0)
        rc = gx_diag_error(d, GX_EINPUT, o->gold, 0, "no input document has a gold TSV here");
    return rc;
}

gx_status gx_eval(const gx_eval_opts *o, gx_diag *d) {
    struct stat st;
    if (stat(o->gold, &st) != 0)
        return gx_diag_error(d, GX_EIO, o->gold, 0, "cannot open: %s", strerror(errno));
    gx_engine *e;
    gx_status rc = gx_engine_new(o->dicts, o->dict_formats, o->n_dicts, o->nested, d, &e);
    if (rc != GX_OK) return rc;
    gx_worker *w = gx_worker_new(e);
    S_score sc = {0};
    int tsv = S_ISDIR(st.st_mode);
    rc = tsv ? S_eval_tsv(o, w, &sc, d) : S_eval_jsonl(o, w, &sc, d);
    if (rc == GX_OK) S_report(o->out, &sc, tsv);
    gx_worker_free(w);
    gx_engine_free(e);
    return rc;
}
