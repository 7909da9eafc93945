/* suggest_out.c: guanxi suggest, output (see gx_suggest.h). The last step of the command: the
 * candidates both tables hold are scored, sorted (score, then surface bytes, then kind: never
 * hash or input order) and written as dictionary lines, one per surface, with the statistics
 * in a trailing comment field.
 *
 * Score: a free-standing word has varied neighbours on both sides, so the smaller branching
 * entropy (nats) times ln(1 + documents). An n-gram must also hold together: its score is
 * scaled by its cohesion up to S_COHESION_FULL, and it is left out below S_MIN_ENTROPY or
 * S_MIN_COHESION. Names found by rules are scored without cohesion (the rule vouches for it).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gx_hash.h"
#include "suggest_int.h"

/* Least branching entropy (nats, each side) and cohesion (PMI, nats) of an n-gram candidate,
 * and the cohesion from which it gets its full score. */
#define S_MIN_ENTROPY 1.0
#define S_MIN_COHESION 2.0
#define S_COHESION_FULL 6.0

typedef struct {
    const char *surface; /* borrowed from a table's key pool, len bytes */
    size_t len;
    gx_kind kind;
    uint32_t count, docs;
    double score;
    const char *source;  /* "rule:NAME", or the shape of an n-gram */
    const char *context; /* borrowed note */
} S_cand;

typedef struct {
    S_cand *v;
    size_t n, cap;
} S_cands;

static double S_min(double a, double b) { return a < b ? a : b; }

static void S_push(S_cands *c, const S_cand *x) {
    gx_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = *x;
}

static int S_kind_wanted(const gx_suggest *s, gx_kind k) {
    return !s->o.kinds || (s->o.kinds & (1u << k));
}

/* Rule names: keys 'N' + kind digit + name. */
static void S_collect_names(const gx_suggest *s, S_cands *c) {
    for (uint32_t i = 0; i < gx_tally_size(s->names); i++) {
        const gx_tally_entry *e = gx_tally_get(s->names, i);
        const char *key = gx_tally_key(s->names, i);
        gx_kind kind = (gx_kind)(key[1] - '0');
        if (key[0] != 'N' || e->count < s->o.min_count || !S_kind_wanted(s, kind)) continue;
        double h = S_min(gx_entropy(e->count, e->left), gx_entropy(e->count, e->right));
        S_cand x = {key + 2, e->len - 2, kind, e->count, e->docs, h * log1p(e->docs),
                    s->sources[e->tag - 1], e->note};
        S_push(c, &x);
    }
}

static const char *const S_ngram_sources[] = {"", "ngram:formula", "ngram:suffix", "ngram:person"};

/* N-grams of an entity-like shape (tagged when they reached min_count). */
static void S_collect_ngrams(const gx_suggest *s, S_cands *c) {
    const gx_tally *t = gx_ngrams_tally(s->ngrams);
    for (uint32_t i = 0; i < gx_tally_size(t); i++) {
        const gx_tally_entry *e = gx_tally_get(t, i);
        if (!e->tag || e->count < s->o.min_count) continue;
        gx_kind kind = GX_SUGGEST_TAG_KIND(e->tag);
        if (!S_kind_wanted(s, kind)) continue;
        gx_ngram_stats st;
        gx_ngrams_stats_at(s->ngrams, i, &st);
        double h = S_min(st.left, st.right);
        if (h < S_MIN_ENTROPY || st.cohesion < S_MIN_COHESION) continue;
        double score = h * log1p(st.docs) * S_min(1.0, st.cohesion / S_COHESION_FULL);
        S_cand x = {gx_tally_key(t, i), e->len, kind, st.count, st.docs, score,
                    S_ngram_sources[GX_SUGGEST_TAG_SHAPE(e->tag)], e->note};
        S_push(c, &x);
    }
}

static int S_cmp(const void *pa, const void *pb) {
    const S_cand *a = pa, *b = pb;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    size_t n = a->len < b->len ? a->len : b->len;
    int r = memcmp(a->surface, b->surface, n);
    if (r) return r;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    return (int)a->kind - (int)b->kind;
}

static const char S_header[] =
    "# guanxi suggest: surface\ttype\tcanonical\tattrs\t#\tcount\tdocuments\tscore\tsource"
    "\tcontext\n";

/* Writes one line; returns 0 on a write error. */
static int S_line(FILE *out, const S_cand *x) {
    fwrite(x->surface, 1, x->len, out);
    return fprintf(out, "\t%s\t\t\t#\t%u\t%u\t%.3f\t%s\t%s\n", gx_kind_name(x->kind), x->count,
                   x->docs, x->score, x->source, x->context ? x->context : "") > 0;
}

gx_status gx_suggest_write(gx_suggest *s, FILE *out, const char *out_name, gx_diag *d) {
    S_cands c = {0};
    S_collect_names(s, &c);
    S_collect_ngrams(s, &c);
    gx_sort(c.v, c.n, sizeof *c.v, S_cmp);
    gx_strmap *seen = gx_strmap_new();
    int ok = fputs(S_header, out) != EOF;
    size_t written = 0;
    for (size_t i = 0; i < c.n && ok && (!s->o.top || written < s->o.top); i++) {
        if (!gx_strmap_put(seen, c.v[i].surface, c.v[i].len, 0, NULL)) continue; /* one a surface */
        ok = S_line(out, &c.v[i]);
        s->written[c.v[i].kind]++;
        written++;
    }
    gx_strmap_free(seen);
    free(c.v);
    if (!ok || ferror(out))
        return gx_diag_error(d, GX_EIO, out_name, 0, "write error: %s", strerror(errno));
    return GX_OK;
}
