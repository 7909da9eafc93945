/* rules.c: stage 5b framework: candidates from dictionary hits, then the recognizers.
 *
 * Indexes the document's hits by end position (a counting sort into c->by_end), keeps a list of
 * the candidates ending at each position, and provides the boundary helpers the recognizers
 * share (rules_int.h). The recognizers themselves live in rules_place.c, rules_org.c,
 * rules_person.c and rules_program.c.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "gx_norm.h"
#include "rules_int.h"

void gx_cands_free(gx_cands *c) {
    free(c->v);
    free(c->by_end);
    free(c->end_first);
    free(c->start_first);
    gx_r_cindex_free(c);
    gx_arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

int gx_r_generic_noun(const gx_entry *e) {
    if (e->role == GX_ROLE_SUFFIX) return (e->flags & GX_ENTRY_GENERIC) != 0;
    if (e->role != GX_ROLE_GENERIC || (e->flags & GX_ENTRY_LEVEL)) return 0;
    return !e->subtype || strcmp(e->subtype, "jurisdiction") == 0;
}

int gx_r_is_entity(const gx_entry *e) {
    return e->role == GX_ROLE_ENTITY && !(e->flags & GX_ENTRY_ABBREV);
}

const gx_entry *gx_r_entry(const gx_rctx *x, size_t i) {
    return gx_dict_entry(x->dict, x->hits->v[i].entry);
}

/* ---------------------------------------------------------------- indexes */

/* The first hit starting at or after each position 0 .. n + 1 (hits are sorted by start). */
static void S_index_starts(const gx_doc *doc, const gx_hits *h, gx_cands *c) {
    size_t npos = (size_t)doc->n + 2, i = 0;
    gx_grow((void **)&c->start_first, &c->cap_start, npos, sizeof *c->start_first);
    for (size_t p = 0; p < npos; p++) {
        while (i < h->n && h->v[i].start < p) i++;
        c->start_first[p] = (uint32_t)i;
    }
}

/* Counting sort of the hits by end position into c->by_end / c->end_first. */
static void S_index_hits(const gx_doc *doc, const gx_hits *h, gx_cands *c) {
    size_t npos = (size_t)doc->n + 2;
    gx_grow((void **)&c->end_first, &c->cap_pos, npos, sizeof *c->end_first);
    gx_grow((void **)&c->by_end, &c->cap_hits, h->n + 1, sizeof *c->by_end);
    memset(c->end_first, 0, npos * sizeof *c->end_first);
    for (size_t i = 0; i < h->n; i++) c->end_first[h->v[i].end + 1]++;
    for (size_t p = 1; p < npos; p++) c->end_first[p] += c->end_first[p - 1];
    for (size_t i = 0; i < h->n; i++) c->by_end[c->end_first[h->v[i].end]++] = (uint32_t)i;
    for (size_t p = npos - 1; p > 0; p--) c->end_first[p] = c->end_first[p - 1];
    c->end_first[0] = 0;
}

void gx_r_ending(const gx_rctx *x, uint32_t p, uint32_t *out_lo, uint32_t *out_hi) {
    if (p > x->doc->n) { /* past the end of the text: nothing ends there */
        *out_lo = *out_hi = 0;
        return;
    }
    *out_lo = x->c->end_first[p];
    *out_hi = x->c->end_first[p + 1];
}

int gx_r_role_ends(const gx_rctx *x, uint32_t p, gx_role role) {
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++)
        if (gx_r_entry(x, x->c->by_end[k])->role == role) return 1;
    return 0;
}

/* First hit starting at or after p. */
static size_t S_first_from(const gx_rctx *x, uint32_t p) {
    return p <= x->doc->n ? x->c->start_first[p] : x->hits->n;
}

void gx_r_starting(const gx_rctx *x, uint32_t p, size_t *out_lo, size_t *out_hi) {
    size_t i = S_first_from(x, p);
    *out_lo = i;
    while (i < x->hits->n && x->hits->v[i].start == p) i++;
    *out_hi = i;
}

uint32_t gx_r_role_starts(const gx_rctx *x, uint32_t p, gx_role role) {
    uint32_t best = 0;
    for (size_t i = S_first_from(x, p); i < x->hits->n && x->hits->v[i].start == p; i++)
        if (gx_r_entry(x, i)->role == role && x->hits->v[i].end - p > best)
            best = x->hits->v[i].end - p;
    return best;
}

uint32_t gx_r_entity_ends(const gx_rctx *x, uint32_t p, int orgs) {
    uint32_t lo, hi, best = UINT32_MAX;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *h = &x->hits->v[x->c->by_end[k]];
        const gx_entry *e = gx_dict_entry(x->dict, h->entry);
        if (!gx_r_is_entity(e) || (e->flags & GX_ENTRY_NEGATIVE)) continue;
        if ((e->kind == GX_KIND_PLACE || (orgs && e->kind == GX_KIND_ORG)) && h->start < best)
            best = h->start;
    }
    for (uint32_t i = gx_r_cands_ending(x->c, p); i != GX_NO_CAND; i = gx_r_next_ending(x->c, i)) {
        const gx_cand *c = &x->c->v[i]; /* rule candidates so far */
        if (c->entry != GX_NO_ENTRY || (c->flags & GX_CAND_GENERIC)) continue;
        if ((c->kind == GX_KIND_PLACE || (orgs && c->kind == GX_KIND_ORG)) && c->start < best)
            best = c->start;
    }
    return best;
}

uint32_t gx_r_org_ends(const gx_rctx *x, uint32_t p, uint32_t *out_cand) {
    uint32_t best = UINT32_MAX;
    *out_cand = GX_NO_CAND;
    for (uint32_t i = gx_r_cands_ending(x->c, p); i != GX_NO_CAND; i = gx_r_next_ending(x->c, i)) {
        const gx_cand *c = &x->c->v[i];
        if (c->kind != GX_KIND_ORG || (c->flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE))) continue;
        if (c->start < best) {
            best = c->start;
            *out_cand = (uint32_t)i;
        }
    }
    return best;
}

/* ---------------------------------------------------------------- characters and windows */

int gx_r_namechar(uint32_t c) {
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '(' || c == ')' || c == '-';
    return c == 0xB7 || gx_is_han(c);
}

int gx_r_numeral(uint32_t c) {
    switch (c) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一二三四五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六七八九十 */
    case 0x767E: case 0x5343: case 0x4E07: case 0x4E24: case 0x53CC: /* 百千万两双 */
    case 0x96F6: case 0x3007:                                         /* 零〇 */
        return 1;
    default: return c >= '0' && c <= '9';
    }
}

int gx_rules_numeral(uint32_t c) { return gx_r_numeral(c); }

static int S_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* 1 if the hit runs partly over an entity or candidate (it starts or ends inside one): then it
 * is not a word of this text (区长 inside 惠济区 + 长兴路). */
static int S_void(const gx_rctx *x, const gx_hit *h) {
    for (uint32_t p = h->start + 1; p < h->end; p++) { /* something ending inside h */
        uint32_t lo, hi;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_hit *o = &x->hits->v[x->c->by_end[k]];
            if (o->start < h->start && gx_r_is_entity(gx_r_entry(x, x->c->by_end[k])))
                return 1;
        }
    }
    for (uint32_t p = h->start + 1; p < h->end; p++) { /* a candidate across either end */
        const gx_cands *cs = x->c;
        for (uint32_t i = gx_r_cands_ending(cs, p); i != GX_NO_CAND; i = gx_r_next_ending(cs, i))
            if (cs->v[i].start < h->start) return 1;
        for (uint32_t i = gx_r_cands_starting(cs, p); i != GX_NO_CAND; i = gx_r_next_starting(cs, i))
            if (cs->v[i].end > h->end) return 1;
    }
    return 0;
}

/* 1 if the one-character hit h repeats the character before or after it (颐和和社会工作服务中心):
 * a conjunction is never doubled, so one of the two belongs to the name. */
static int S_doubled(const gx_rctx *x, const gx_hit *h) {
    const uint32_t *cp = x->doc->cp;
    if (h->end - h->start != 1) return 0;
    return (h->start > 0 && cp[h->start - 1] == cp[h->start]) ||
           (h->end < x->doc->n && cp[h->end] == cp[h->start]);
}

/* 1 if a boundary word (stop, title but not a common noun; weak stops only with GX_W_WEAK, and
 * not a doubled one) ends
 * at p. */
static int S_stop_ends(const gx_rctx *x, uint32_t p, unsigned flags) {
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (e->role != GX_ROLE_STOP && e->role != GX_ROLE_TITLE) continue;
        if (e->role == GX_ROLE_TITLE && e->subtype && strcmp(e->subtype, "common") == 0)
            continue; /* 工人|路, 中国|代表团 */
        if ((e->flags & GX_ENTRY_WEAK) && !(flags & GX_W_WEAK)) continue;
        if ((e->flags & GX_ENTRY_WEAK) && S_doubled(x, &x->hits->v[x->c->by_end[k]])) continue;
        if (!S_void(x, &x->hits->v[x->c->by_end[k]])) return 1;
    }
    return 0;
}

/* 1 if the numeral run ending at p is an ordinal (第二): 第二人民医院 holds no count. */
static int S_ordinal(const gx_rctx *x, uint32_t p) {
    const uint32_t *cp = x->doc->cp;
    uint32_t i = p, n = 0;
    while (i > 0 && n < 8 && gx_r_numeral(cp[i - 1])) i--, n++;
    return i > 0 && cp[i - 1] == 0x7B2C; /* 第 */
}

/* 1 if a counter (generic, subtype=measure) ends at p right after a numeral that is no ordinal:
 * 5个, 三类 (not 第二|人民医院). */
static int S_count_ends(const gx_rctx *x, uint32_t p) {
    uint32_t lo, hi;
    gx_r_ending(x, p, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const gx_hit *h = &x->hits->v[x->c->by_end[k]];
        const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
        if (e->role == GX_ROLE_GENERIC && e->subtype && e->subtype[0] == 'm' && h->start > 0 &&
            gx_r_numeral(x->doc->cp[h->start - 1]) && !S_ordinal(x, h->start))
            return 1;
    }
    return 0;
}

void gx_r_window(const gx_rctx *x, uint32_t end, uint32_t max, unsigned flags, uint32_t *out_start,
                 int *out_hard) {
    const uint32_t *cp = x->doc->cp;
    uint32_t i = end, count = 0, oc;
    int depth = 0; /* ')' seen minus '(': an unmatched '(' bounds the window */
    *out_hard = 1;
    while (i > x->s0) {
        if (S_stop_ends(x, i, flags) || S_count_ends(x, i)) break;
        if (cp[i - 1] == '(' && depth == 0) break;
        depth += cp[i - 1] == ')' ? 1 : cp[i - 1] == '(' ? -1 : 0;
        if ((i != end || !(flags & GX_W_CHAIN)) && gx_r_org_ends(x, i, &oc) != UINT32_MAX) break;
        uint32_t c = cp[i - 1];
        if (c == ' ' && i - 1 > x->s0 && (S_digit(cp[i - 2]) || (i < end && S_digit(cp[i])))) {
            i--;
            continue;
        }
        if (!gx_r_namechar(c)) break;
        if (count == max) {
            *out_hard = 0;
            break;
        }
        i--;
        count++;
    }
    *out_start = i;
}

int gx_r_all_generic(const gx_rctx *x, uint32_t start, uint32_t end) {
    uint32_t p = end;
    while (p > start) { /* peel generic words (and parentheses) off the end */
        uint32_t c = x->doc->cp[p - 1];
        if (c == '(' || c == ')') {
            p--;
            continue;
        }
        uint32_t lo, hi, next = p;
        gx_r_ending(x, p, &lo, &hi);
        for (uint32_t k = lo; k < hi; k++) {
            const gx_hit *h = &x->hits->v[x->c->by_end[k]];
            const gx_entry *e = gx_r_entry(x, x->c->by_end[k]);
            int generic = gx_r_generic_noun(e) || (e->role == GX_ROLE_GENERIC &&
                                                   (e->flags & GX_ENTRY_LEVEL));
            if (h->start >= start && h->start < next && generic) next = h->start;
        }
        if (next == p) return 0;
        p = next;
    }
    return 1;
}

size_t gx_r_text(const gx_rctx *x, uint32_t start, uint32_t end, char *buf, size_t cap) {
    int32_t k = 0;
    for (uint32_t i = start; i < end; i++) {
        if (gx_is_space(x->doc->cp[i])) continue;
        if ((size_t)k + 5 >= cap) break;
        U8_APPEND_UNSAFE(buf, k, (UChar32)x->doc->cp[i]);
    }
    buf[k] = '\0';
    return (size_t)k;
}

long gx_r_lookup(const gx_rctx *x, uint32_t start, uint32_t end) {
    char buf[4 * GX_MAX_ENTRY_CHARS + 8];
    if (end - start > GX_MAX_ENTRY_CHARS) return -1;
    size_t n = gx_r_text(x, start, end, buf, sizeof buf);
    return gx_dict_find(x->dict, buf, n);
}

void gx_r_seek(gx_rctx *x, uint32_t pos) {
    const gx_doc *d = x->doc;
    if (d->n_sents == 0) {
        x->s0 = 0;
        x->s1 = d->n;
        return;
    }
    if (pos < x->s0) x->sent = 0;
    while (x->sent + 1 < d->n_sents && d->sents[x->sent].end <= pos) x->sent++;
    x->s0 = d->sents[x->sent].start;
    x->s1 = d->sents[x->sent].end;
}

/* 1 if hit h may anchor a name: a place or org entity (with levels, a level word too), not
 * right after '('. */
static int S_anchor_hit(const gx_rctx *x, const gx_hit *h, int levels) {
    const gx_entry *e = gx_dict_entry(x->dict, h->entry);
    int ok = gx_r_is_entity(e) && !(e->flags & GX_ENTRY_NEGATIVE) &&
             (e->kind == GX_KIND_PLACE || e->kind == GX_KIND_ORG);
    ok = ok || (levels && e->role == GX_ROLE_GENERIC && (e->flags & GX_ENTRY_LEVEL));
    return ok && (h->start == 0 || x->doc->cp[h->start - 1] != '(');
}

static int S_anchor_cand(const gx_rctx *x, const gx_cand *c) {
    if (c->entry != GX_NO_ENTRY || (c->flags & (GX_CAND_GENERIC | GX_CAND_NEGATIVE))) return 0;
    if (c->kind != GX_KIND_PLACE && c->kind != GX_KIND_ORG) return 0;
    return c->start == 0 || x->doc->cp[c->start - 1] != '(';
}

uint32_t gx_r_anchor(const gx_rctx *x, uint32_t w, uint32_t end, int levels) {
    uint32_t best = UINT32_MAX;
    for (size_t i = S_first_from(x, w); i < x->hits->n; i++) { /* sorted by start */
        const gx_hit *h = &x->hits->v[i];
        if (h->start >= end || h->start >= best) break;
        if (h->end <= end && S_anchor_hit(x, h, levels)) best = h->start;
    }
    for (uint32_t p = w + 1; p <= end; p++) /* candidates inside [w, end) end in (w, end] */
        for (uint32_t i = gx_r_cands_ending(x->c, p); i != GX_NO_CAND; i = gx_r_next_ending(x->c, i)) {
            const gx_cand *c = &x->c->v[i];
            if (c->start >= w && c->start < best && S_anchor_cand(x, c)) best = c->start;
        }
    return best;
}

uint32_t gx_r_anchor_last(const gx_rctx *x, uint32_t w, uint32_t end) {
    uint32_t best = UINT32_MAX, best_end = 0;
    for (size_t i = S_first_from(x, w); i < x->hits->n && x->hits->v[i].start < end; i++) {
        const gx_hit *h = &x->hits->v[i];
        if (h->end <= end && S_anchor_hit(x, h, 1) &&
            (h->end > best_end || (h->end == best_end && h->start < best))) {
            best = h->start;
            best_end = h->end;
        }
    }
    for (uint32_t p = w + 1; p <= end; p++)
        for (uint32_t i = gx_r_cands_ending(x->c, p); i != GX_NO_CAND; i = gx_r_next_ending(x->c, i)) {
            const gx_cand *c = &x->c->v[i];
            if (c->start >= w && S_anchor_cand(x, c) &&
                (c->end > best_end || (c->end == best_end && c->start < best))) {
                best = c->start;
                best_end = c->end;
            }
        }
    return best;
}

uint32_t gx_r_add(gx_rctx *x, uint32_t start, uint32_t end, gx_kind kind, const char *source,
                  uint32_t flags) {
    gx_cands *c = x->c;
    for (uint32_t i = gx_r_cands_ending(c, end); i != GX_NO_CAND; i = gx_r_next_ending(c, i))
        if (c->v[i].start == start && c->v[i].kind == kind && c->v[i].entry == GX_NO_ENTRY) {
            c->v[i].flags |= flags & GX_CAND_KEEP; /* the same span and kind from two rules */
            return i;
        }
    gx_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n] = (gx_cand){start, end, kind, 0, GX_NO_ENTRY, NULL, source, flags, GX_NO_CAND};
    gx_r_cindex_add(c, (uint32_t)c->n);
    return (uint32_t)c->n++;
}

/* ---------------------------------------------------------------- driver */

/* One candidate per dictionary entity hit (negative ones too: they block). */
static void S_dict_cands(gx_rctx *x) {
    for (size_t i = 0; i < x->hits->n; i++) {
        const gx_hit *h = &x->hits->v[i];
        const gx_entry *e = gx_dict_entry(x->dict, h->entry);
        if (e->role != GX_ROLE_ENTITY || (e->flags & GX_ENTRY_ABBREV)) continue;
        gx_cands *c = x->c;
        gx_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
        c->v[c->n] = (gx_cand){h->start, h->end, e->kind, e->priority, h->entry, e->canonical,
                               "dict", (e->flags & GX_ENTRY_NEGATIVE) ? GX_CAND_NEGATIVE : 0,
                               GX_NO_CAND};
        gx_r_cindex_add(c, (uint32_t)c->n++);
    }
}

void gx_rules_run(const gx_doc *doc, const gx_dict *dict, const gx_hits *hits, gx_cands *c) {
    c->n = 0;
    gx_r_cindex_reset(c);
    gx_arena_free(c->arena);
    c->arena = gx_arena_new();
    S_index_hits(doc, hits, c);
    S_index_starts(doc, hits, c);
    gx_rctx x = {doc, dict, hits, c, 0, 0, 0};
    S_dict_cands(&x);
    gx_rules_suffix(&x);
    gx_rules_foreign(&x);
    gx_rules_person(&x);
    gx_rules_list(&x);
    gx_rules_listhead(&x);
    gx_rules_abbrev(&x);
    gx_rules_program(&x);
    gx_rules_chain(&x);
}
