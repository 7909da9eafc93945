/* relate_text.c: relation patterns that read the words between mentions and whole sentences
 * (stage 7b, see relate.c).
 *   role         person after an org and a title: 如意湖党工委书记李一 (title); titles listed
 *                with 、 (title_list)
 *   partner      orgs on both sides of a partner word in one clause (联合, 结对, 共建: partner)
 *   located_in   orgs of a sentence about a jurisdiction (辖区) -> its place (jurisdiction)
 *   part_of      smaller places listed after a bigger one (sentence); programs listed before a
 *                numbered umbrella program (components)
 * Trigger words are dictionary rows: generic words with subtype=partner, jurisdiction.
 */
#include <string.h>
#include "relate_int.h"

/* ---------------------------------------------------------------- words between mentions */

size_t gx_rel_titled(const gx_rel_ctx *x, size_t i) {
    const gx_mentions *ms = x->ms;
    const gx_mention *o = &ms->v[i];
    if (o->kind != GX_KIND_ORG || o->nested) return SIZE_MAX;
    size_t j = i + 1;
    while (j < ms->n && ms->v[j].nested)
        j++;
    if (j >= ms->n || ms->v[j].kind != GX_KIND_PERSON) return SIZE_MAX;
    uint32_t b = ms->v[j].start;
    if (b > o->end && x->doc->cp[b - 1] == ' ') b--;
    return b > o->end && gx_rel_hit_between(x, o->end, b, GX_ROLE_TITLE, NULL) ? j : SIZE_MAX;
}

/* role: org, title, person (a space allowed before the person). */
void gx_rel_roles(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i + 1 < ms->n; i++) {
        size_t j = gx_rel_titled(x, i);
        if (j == SIZE_MAX) continue;
        gx_rel_add(x, GX_REL_ROLE, x->node_of[j], x->node_of[i], &ms->v[j], &ms->v[i], "title");
        /* earlier titles of the same person: 省委常委、市委书记马懿 */
        for (size_t k = i; k > 0; k--) {
            const gx_mention *p = &ms->v[k - 1], *q = &ms->v[k];
            if (p->nested || p->kind != GX_KIND_ORG) continue;
            uint32_t comma = q->start - 1;
            if (q->start == 0 || x->doc->cp[comma] != 0x3001 || comma <= p->end ||
                !gx_rel_hit_between(x, p->end, comma, GX_ROLE_TITLE, NULL))
                break;
            gx_rel_add(x, GX_REL_ROLE, x->node_of[j], x->node_of[k - 1], &ms->v[j], p,
                       "title_list");
        }
    }
}

/* partner: orgs before and after a partner word in one clause. */
void gx_rel_partners(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *o = &ms->v[i];
        if (o->kind != GX_KIND_ORG || o->nested) continue;
        uint32_t p = o->end; /* a partner word within the clause after the subject */
        for (; p < x->doc->n && !gx_rel_clause_end(x->doc->cp[p]) && p < o->end + 12; p++) {
            uint32_t len;
            for (len = 2;
                 len <= 2 && !gx_rel_hit_between(x, p, p + len, GX_ROLE_GENERIC, "partner");
                 len++) {
            }
            if (len <= 2) break;
        }
        if (p >= x->doc->n || gx_rel_clause_end(x->doc->cp[p]) || p >= o->end + 12) continue;
        for (size_t j = i + 1;
             j < ms->n && !gx_rel_clause_end(x->doc->cp[ms->v[j].start ? ms->v[j].start - 1 : 0]);
             j++) {
            const gx_mention *t = &ms->v[j];
            int crossed = 0;
            for (uint32_t q = o->end; q < t->start && !crossed; q++)
                crossed = gx_rel_clause_end(x->doc->cp[q]);
            if (crossed) break;
            if (t->kind == GX_KIND_ORG && !t->nested && t->start > p)
                gx_rel_add(x, GX_REL_PARTNER, x->node_of[i], x->node_of[j], o, t, "partner");
        }
    }
}

/* ---------------------------------------------------------------- sentence patterns */

/* [*lo, *hi): the top-level mentions of the sentence of mention i. */
static void S_sentence(const gx_rel_ctx *x, size_t i, size_t *lo, size_t *hi) {
    uint32_t s = x->ms->v[i].sent;
    size_t a = i, b = i;
    while (a > 0 && x->ms->v[a - 1].sent == s)
        a--;
    while (b < x->ms->n && x->ms->v[b].sent == s)
        b++;
    *lo = a;
    *hi = b;
}

/* 1 if a generic word of subtype `sub` lies in the sentence [s0, s1) of the normalized text. */
static int S_word_in(const gx_rel_ctx *x, uint32_t s0, uint32_t s1, const char *sub) {
    for (size_t i = 0; i < x->hits->n && x->hits->v[i].start < s1; i++) {
        const gx_entry *e = gx_dict_entry(x->dict, x->hits->v[i].entry);
        if (x->hits->v[i].start >= s0 && e->role == GX_ROLE_GENERIC && e->subtype &&
            strcmp(e->subtype, sub) == 0)
            return 1;
    }
    return 0;
}

/* The first administrative place of the sentence [lo, hi) of mentions, else the place the
 * first org's name starts with (through its located_in); SIZE_MAX if none. */
static size_t S_sentence_place(const gx_rel_ctx *x, size_t lo, size_t hi) {
    for (size_t k = lo; k < hi; k++) {
        const gx_mention *m = &x->ms->v[k];
        int level = m->kind == GX_KIND_PLACE && !m->nested ? gx_rel_level(m->canonical) : 9;
        if (level >= 3 && level <= 5) return k;
    }
    return SIZE_MAX;
}

/* Per sentence: orgs of a sentence about a jurisdiction (辖区, subtype=jurisdiction) are located
 * in its place (jurisdiction); smaller places listed after a bigger one are part of it
 * (sentence). */
void gx_rel_sentences(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i < ms->n;) {
        size_t lo, hi;
        S_sentence(x, i, &lo, &hi);
        i = hi;
        size_t p = S_sentence_place(x, lo, hi);
        if (p == SIZE_MAX) continue;
        const gx_sentence *se = &x->doc->sents[ms->v[lo].sent];
        int juris = S_word_in(x, se->start, se->end, "jurisdiction");
        int plevel = gx_rel_level(ms->v[p].canonical);
        for (size_t k = lo; k < hi; k++) {
            const gx_mention *m = &ms->v[k];
            if (m->nested || x->node_of[k] == x->node_of[p]) continue;
            if (juris && m->kind == GX_KIND_ORG && k > p)
                gx_rel_add(x, GX_REL_LOCATED_IN, x->node_of[k], x->node_of[p], m, &ms->v[p],
                           "jurisdiction");
            if (m->kind == GX_KIND_PLACE && k > p && gx_rel_level(m->canonical) > plevel &&
                gx_rel_level(m->canonical) <= 6)
                gx_rel_add(x, GX_REL_PART_OF, x->node_of[k], x->node_of[p], m, &ms->v[p],
                           "sentence");
        }
    }
}

/* Program components: programs listed with 、 or 和 right before a numbered umbrella program
 * (红色阵地工程、红色文化工程和红色服务工程“三大工程”) are part of it (components). */
void gx_rel_components(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 1; i < ms->n; i++) {
        const gx_mention *u = &ms->v[i];
        if (u->kind != GX_KIND_PROGRAM || u->nested) continue;
        uint32_t s = u->start;
        while (s < u->end && (x->doc->cp[s] == 0x201C || x->doc->cp[s] == '"'))
            s++;
        if (!gx_rel_numeral(x->doc->cp[s])) continue;
        uint32_t at = u->start; /* an opening quote before the umbrella belongs to it */
        if (at > 0 && (x->doc->cp[at - 1] == 0x201C || x->doc->cp[at - 1] == '"')) at--;
        for (size_t k = i; k > 0; k--) {
            const gx_mention *c = &ms->v[k - 1];
            if (c->nested) continue;
            uint32_t gap = at - c->end, sep = at > c->end ? x->doc->cp[c->end] : 0;
            if (c->kind != GX_KIND_PROGRAM || gap > 1 ||
                (gap == 1 && sep != 0x3001 && sep != 0x548C))
                break;
            gx_rel_add(x, GX_REL_PART_OF, x->node_of[k - 1], x->node_of[i], c, u, "components");
            at = c->start;
        }
    }
}
