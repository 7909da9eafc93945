/* relate.c: stage 7b: typed relations a document states, added to the graph with evidence.
 *
 * After link (nodes exist for every mention). Each relation names the pattern that found it:
 *   role         person after an org and a title: 如意湖党工委书记李一 (title)
 *   part_of      a party body -> its unit (unit); a place -> the bigger place right before it
 *                (北林路街道鑫苑社区, 惠济区刘寨街道: name); a place -> its gazetteer parent when
 *                the document mentions the parent too (gazetteer)
 *   located_in   an org -> the place its name starts with (北林路街道党工委 -> 北林路街道: name)
 *   partner      orgs on both sides of a partner word in one clause (联合, 结对, 共建: partner)
 *   uses_program an org -> a program: the nearest org before it in the sentence (sentence), else
 *                the org the text last spoke of (context)
 * Trigger words are dictionary rows: generic words with subtype=partner.
 */
#include <stdlib.h>
#include <string.h>
#include "gx_relate.h"
#include "gx_link.h"

typedef struct {
    gx_graph *g;
    gx_doc *doc;
    const gx_mentions *ms;
    const uint32_t *node_of;
    const gx_cands *c;
    const gx_dict *dict;
    const gx_hits *hits;
} S_ctx;

/* Adds rel from mention (or node) head to tail with evidence spanning both mentions. */
static void S_rel(S_ctx *x, gx_relation rel, uint32_t head, uint32_t tail, const gx_mention *a,
                  const gx_mention *b, const char *pattern) {
    uint32_t s = a->ostart < b->ostart ? a->ostart : b->ostart;
    uint32_t e = a->oend > b->oend ? a->oend : b->oend;
    gx_evidence ev = {x->doc->id, b->sent, s, e, gx_link_snippet(x->doc, s, e), pattern};
    gx_graph_add_relation(x->g, rel, head, tail, x->doc->seq, &ev);
    free((char *)ev.snippet);
}

/* Administrative size of a place from its name's ending: bigger is smaller number; 9: unknown. */
static int S_level(const char *name) {
    static const struct {
        const char *end;
        int level;
    } ends[] = {{"省", 1}, {"自治区", 1}, {"市", 2}, {"州", 2}, {"新区", 3}, {"区", 3},
                {"县", 3}, {"街道", 4}, {"镇", 4},  {"乡", 4},   {"社区", 5}, {"村", 5},
                {"路", 6}, {"街", 6},  {"号院", 6}, {"小区", 6}};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t m = strlen(ends[i].end);
        if (n > m && strcmp(name + n - m, ends[i].end) == 0) return ends[i].level;
    }
    return 9;
}

static const gx_entry *S_entry(const S_ctx *x, const gx_mention *m) {
    if (m->cand == GX_NO_CAND || x->c->v[m->cand].entry == GX_NO_ENTRY) return NULL;
    return gx_dict_entry(x->dict, x->c->v[m->cand].entry);
}

/* 1 if c is a Chinese numeral or an ASCII digit (an umbrella program: 四大工程, “133”). */
static int S_numeral(uint32_t c) {
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                    0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E24, 0x53CC};
    if (c >= '0' && c <= '9') return 1;
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (nums[i] == c) return 1;
    return 0;
}

/* ---------------------------------------------------------------- names */

/* part_of from name composition and units; located_in from an org's leading place. */
static void S_names(S_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t outer = SIZE_MAX;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        if (!m->nested) outer = i;
        else if (outer != SIZE_MAX && m->kind == GX_KIND_ORG && ms->v[outer].kind == GX_KIND_ORG)
            S_rel(x, GX_REL_PART_OF, x->node_of[outer], x->node_of[i], &ms->v[outer], m, "unit");
        if (m->nested || i + 1 >= ms->n) continue;
        size_t j = i + 1;
        while (j < ms->n && ms->v[j].nested) j++;
        if (j < ms->n && ms->v[j].start == m->end && m->kind == GX_KIND_PLACE &&
            ms->v[j].kind == GX_KIND_PLACE && S_level(m->canonical) < S_level(ms->v[j].canonical))
            S_rel(x, GX_REL_PART_OF, x->node_of[j], x->node_of[i], &ms->v[j], m, "name");
    }
}

/* The longest place candidate starting at p and ending by end, or NULL. */
static const gx_cand *S_place_at(const S_ctx *x, uint32_t p, uint32_t end) {
    const gx_cand *best = NULL;
    for (size_t k = 0; k < x->c->n; k++) {
        const gx_cand *c = &x->c->v[k];
        if (c->kind == GX_KIND_PLACE && c->start == p && c->end <= end && c->canonical &&
            !(c->flags & (GX_CAND_NEGATIVE | GX_CAND_GENERIC)) && (!best || c->end > best->end))
            best = c;
    }
    return best;
}

/* A node for a name found inside a mention (a place in an org's name, an org in a chain),
 * counted as one more mention of it; pm gets its span. */
static uint32_t S_inner_node(S_ctx *x, const gx_cand *c, const gx_mention *outer, gx_mention *pm) {
    *pm = *outer;
    pm->start = c->start;
    pm->end = c->end;
    pm->kind = c->kind;
    gx_doc_orig_span(x->doc, c->start, c->end, &pm->ostart, &pm->oend);
    uint32_t node = gx_graph_intern(x->g, c->kind, c->canonical, strlen(c->canonical));
    gx_graph_add_mention(x->g, node, x->doc->seq, x->doc->id, NULL, 0, NULL);
    return node;
}

/* located_in: the org's name starts with places laid end to end (惠济区刘寨街道办事处); it is
 * located in the last, most specific one (刘寨街道). */
static void S_located(S_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        if (m->kind != GX_KIND_ORG || m->nested) continue;
        const gx_cand *last = NULL;
        uint32_t prev_node = UINT32_MAX;
        gx_mention prev;
        for (const gx_cand *p = S_place_at(x, m->start, m->end - 1); p;
             p = S_place_at(x, p->end, m->end - 1)) {
            gx_mention pm;
            uint32_t node = S_inner_node(x, p, m, &pm);
            if (prev_node != UINT32_MAX && S_level(prev.canonical) < S_level(p->canonical))
                S_rel(x, GX_REL_PART_OF, node, prev_node, &pm, &prev, "name");
            prev_node = node;
            prev = pm;
            prev.canonical = p->canonical;
            last = p;
        }
        if (!last) continue;
        S_rel(x, GX_REL_LOCATED_IN, x->node_of[i], prev_node, m, &prev, "name");
    }
}

/* part_of along an org chain: an org mention -> the longest org inside its name that starts
 * where it starts (…公安分局治安管理大队刘寨中队 -> …公安分局治安管理大队). */
static void S_chains(S_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        if (m->kind != GX_KIND_ORG || m->nested) continue;
        const gx_cand *best = NULL;
        for (size_t k = 0; k < x->c->n; k++) {
            const gx_cand *c = &x->c->v[k];
            if (c->kind == GX_KIND_ORG && c->start == m->start && c->end < m->end && c->canonical &&
                !(c->flags & (GX_CAND_NEGATIVE | GX_CAND_GENERIC | GX_CAND_UNIT)) &&
                (!best || c->end > best->end))
                best = c;
        }
        if (!best) continue;
        gx_mention pm;
        uint32_t node = S_inner_node(x, best, m, &pm);
        S_rel(x, GX_REL_PART_OF, x->node_of[i], node, m, &pm, "chain");
    }
}

/* part_of from the gazetteer: a place whose dictionary parent the document also mentions. */
static void S_gazetteer(S_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_entry *e = S_entry(x, &x->ms->v[i]);
        if (!e || !e->parent || x->ms->v[i].kind != GX_KIND_PLACE) continue;
        for (size_t j = 0; j < x->ms->n; j++)
            if (j != i && x->ms->v[j].kind == GX_KIND_PLACE && strcmp(x->ms->v[j].canonical, e->parent) == 0) {
                S_rel(x, GX_REL_PART_OF, x->node_of[i], x->node_of[j], &x->ms->v[i], &x->ms->v[j], "gazetteer");
                break;
            }
    }
}

/* ---------------------------------------------------------------- words between mentions */

/* 1 if a hit of role `role` (and subtype sub, if not NULL) spans exactly [a, b). */
static int S_hit_between(const S_ctx *x, uint32_t a, uint32_t b, gx_role role, const char *sub) {
    size_t lo = 0, hi = x->hits->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->hits->v[mid].start < a) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < x->hits->n && x->hits->v[i].start == a; i++) {
        const gx_entry *e = gx_dict_entry(x->dict, x->hits->v[i].entry);
        if (x->hits->v[i].end == b && e->role == role && (!sub || (e->subtype && !strcmp(e->subtype, sub))))
            return 1;
    }
    return 0;
}

/* role: org, title, person (a space allowed before the person). */
static void S_roles(S_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i + 1 < ms->n; i++) {
        const gx_mention *o = &ms->v[i];
        if (o->kind != GX_KIND_ORG || o->nested) continue;
        size_t j = i + 1;
        while (j < ms->n && ms->v[j].nested) j++;
        if (j >= ms->n || ms->v[j].kind != GX_KIND_PERSON) continue;
        uint32_t b = ms->v[j].start;
        if (b > o->end && x->doc->cp[b - 1] == ' ') b--;
        if (!(b > o->end && S_hit_between(x, o->end, b, GX_ROLE_TITLE, NULL))) continue;
        S_rel(x, GX_REL_ROLE, x->node_of[j], x->node_of[i], &ms->v[j], o, "title");
        /* earlier titles of the same person: 省委常委、市委书记马懿 */
        for (size_t k = i; k > 0; k--) {
            const gx_mention *p = &ms->v[k - 1], *q = &ms->v[k];
            if (p->nested || p->kind != GX_KIND_ORG) continue;
            uint32_t comma = q->start - 1;
            if (q->start == 0 || x->doc->cp[comma] != 0x3001 || comma <= p->end ||
                !S_hit_between(x, p->end, comma, GX_ROLE_TITLE, NULL))
                break;
            S_rel(x, GX_REL_ROLE, x->node_of[j], x->node_of[k - 1], &ms->v[j], p, "title_list");
        }
    }
}

static int S_clause_end(uint32_t c) {
    return c == ',' || c == ';' || c == 0x3002 || c == '!' || c == '?' || c == ':';
}

/* partner: orgs before and after a partner word in one clause. */
static void S_partners(S_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *o = &ms->v[i];
        if (o->kind != GX_KIND_ORG || o->nested) continue;
        uint32_t p = o->end; /* a partner word within the clause after the subject */
        for (; p < x->doc->n && !S_clause_end(x->doc->cp[p]) && p < o->end + 12; p++) {
            uint32_t len;
            for (len = 2; len <= 2 && !S_hit_between(x, p, p + len, GX_ROLE_GENERIC, "partner"); len++) {}
            if (len <= 2) break;
        }
        if (p >= x->doc->n || S_clause_end(x->doc->cp[p]) || p >= o->end + 12) continue;
        for (size_t j = i + 1; j < ms->n && !S_clause_end(x->doc->cp[ms->v[j].start ? ms->v[j].start - 1 : 0]); j++) {
            const gx_mention *t = &ms->v[j];
            int crossed = 0;
            for (uint32_t q = o->end; q < t->start && !crossed; q++) crossed = S_clause_end(x->doc->cp[q]);
            if (crossed) break;
            if (t->kind == GX_KIND_ORG && !t->nested && t->start > p)
                S_rel(x, GX_REL_PARTNER, x->node_of[i], x->node_of[j], o, t, "partner");
        }
    }
}

/* The org the text around sentence `sent` is about: the one with most top-level mentions in
 * the S_CONTEXT sentences up to it (ties: the latest); SIZE_MAX if none. */
#define S_CONTEXT 40
static size_t S_dominant(const S_ctx *x, size_t upto, uint32_t sent) {
    size_t best = SIZE_MAX, best_n = 0;
    for (size_t i = 0; i <= upto && i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        if (m->kind != GX_KIND_ORG || m->nested || m->sent + S_CONTEXT < sent) continue;
        size_t n = 0;
        for (size_t j = 0; j <= upto; j++)
            n += x->node_of[j] == x->node_of[i] && !x->ms->v[j].nested && x->ms->v[j].sent + S_CONTEXT >= sent;
        if (n >= best_n) {
            best = i;
            best_n = n;
        }
    }
    return best;
}

/* 1 if m can act: an org, or an administrative place (district, subdistrict, town, community)
 * used as the agent (航海东路街道以…, 二七区…). */
static int S_agent(const gx_mention *m) {
    if (m->nested) return 0;
    if (m->kind == GX_KIND_ORG) return 1;
    int level = m->kind == GX_KIND_PLACE ? S_level(m->canonical) : 9;
    return level >= 3 && level <= 5;
}

/* uses_program: the first agent of the program's sentence (its subject: an org or an
 * administrative place) when one comes before the program, else the org the text around it is
 * about. */
static void S_programs(S_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t first_org = SIZE_MAX;
    uint32_t sent = UINT32_MAX;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        if (m->sent != sent) {
            sent = m->sent;
            first_org = SIZE_MAX;
        }
        if (S_agent(m) && first_org == SIZE_MAX) first_org = i;
        if (m->kind != GX_KIND_PROGRAM || m->nested) continue;
        size_t o = first_org;
        const char *pattern = "sentence";
        if (o == SIZE_MAX) {
            o = S_dominant(x, i, m->sent);
            pattern = "context";
        }
        if (o != SIZE_MAX)
            S_rel(x, GX_REL_USES_PROGRAM, x->node_of[o], x->node_of[i], &ms->v[o], m, pattern);
    }
}

/* ---------------------------------------------------------------- sentence patterns */

/* [*lo, *hi): the top-level mentions of the sentence of mention i. */
static void S_sentence(const S_ctx *x, size_t i, size_t *lo, size_t *hi) {
    uint32_t s = x->ms->v[i].sent;
    size_t a = i, b = i;
    while (a > 0 && x->ms->v[a - 1].sent == s) a--;
    while (b < x->ms->n && x->ms->v[b].sent == s) b++;
    *lo = a;
    *hi = b;
}

/* 1 if a generic word of subtype `sub` lies in the sentence [s0, s1) of the normalized text. */
static int S_word_in(const S_ctx *x, uint32_t s0, uint32_t s1, const char *sub) {
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
static size_t S_sentence_place(const S_ctx *x, size_t lo, size_t hi) {
    for (size_t k = lo; k < hi; k++) {
        const gx_mention *m = &x->ms->v[k];
        int level = m->kind == GX_KIND_PLACE && !m->nested ? S_level(m->canonical) : 9;
        if (level >= 3 && level <= 5) return k;
    }
    return SIZE_MAX;
}

/* Per sentence: orgs of a sentence about a jurisdiction (辖区, subtype=jurisdiction) are located
 * in its place (jurisdiction); smaller places listed after a bigger one are part of it
 * (sentence). */
static void S_sentences(S_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i < ms->n;) {
        size_t lo, hi;
        S_sentence(x, i, &lo, &hi);
        i = hi;
        size_t p = S_sentence_place(x, lo, hi);
        if (p == SIZE_MAX) continue;
        const gx_sentence *se = &x->doc->sents[ms->v[lo].sent];
        int juris = S_word_in(x, se->start, se->end, "jurisdiction");
        int plevel = S_level(ms->v[p].canonical);
        for (size_t k = lo; k < hi; k++) {
            const gx_mention *m = &ms->v[k];
            if (m->nested || x->node_of[k] == x->node_of[p]) continue;
            if (juris && m->kind == GX_KIND_ORG && k > p)
                S_rel(x, GX_REL_LOCATED_IN, x->node_of[k], x->node_of[p], m, &ms->v[p], "jurisdiction");
            if (m->kind == GX_KIND_PLACE && k > p && S_level(m->canonical) > plevel &&
                S_level(m->canonical) <= 6)
                S_rel(x, GX_REL_PART_OF, x->node_of[k], x->node_of[p], m, &ms->v[p], "sentence");
        }
    }
}

/* Program components: programs listed with 、 or 和 right before a numbered umbrella program
 * (红色阵地工程、红色文化工程和红色服务工程“三大工程”) are part of it (components). */
static void S_components(S_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 1; i < ms->n; i++) {
        const gx_mention *u = &ms->v[i];
        if (u->kind != GX_KIND_PROGRAM || u->nested) continue;
        uint32_t s = u->start;
        while (s < u->end && (x->doc->cp[s] == 0x201C || x->doc->cp[s] == '"')) s++;
        if (!S_numeral(x->doc->cp[s])) continue;
        uint32_t at = u->start; /* an opening quote before the umbrella belongs to it */
        if (at > 0 && (x->doc->cp[at - 1] == 0x201C || x->doc->cp[at - 1] == '"')) at--;
        for (size_t k = i; k > 0; k--) {
            const gx_mention *c = &ms->v[k - 1];
            if (c->nested) continue;
            uint32_t gap = at - c->end, sep = at > c->end ? x->doc->cp[c->end] : 0;
            if (c->kind != GX_KIND_PROGRAM || gap > 1 || (gap == 1 && sep != 0x3001 && sep != 0x548C))
                break;
            S_rel(x, GX_REL_PART_OF, x->node_of[k - 1], x->node_of[i], c, u, "components");
            at = c->start;
        }
    }
}

/* Adjacent orgs (管城区西大街办事处西大街便民服务中心): the second is part of the first (name);
 * members: orgs before a member word (组建, subtype=member) and the org after it that they
 * form (…等15家单位组建如意湖“区域党委”) are part of it (members). */
static void S_bodies(S_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i + 1 < ms->n; i++) {
        const gx_mention *a = &ms->v[i], *b = &ms->v[i + 1];
        if (!a->nested && !b->nested && a->kind == GX_KIND_ORG && b->kind == GX_KIND_ORG &&
            b->start == a->end)
            S_rel(x, GX_REL_PART_OF, x->node_of[i + 1], x->node_of[i], b, a, "name");
    }
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *body = &ms->v[i];
        if (body->kind != GX_KIND_ORG || body->nested) continue;
        uint32_t w = body->start; /* a member word right before the body */
        if (w < 2 || !S_hit_between(x, w - 2, w, GX_ROLE_GENERIC, "member")) continue;
        for (size_t k = i; k > 0 && ms->v[k - 1].sent == body->sent; k--) {
            const gx_mention *m = &ms->v[k - 1];
            if (m->kind == GX_KIND_ORG && !m->nested)
                S_rel(x, GX_REL_PART_OF, x->node_of[k - 1], x->node_of[i], m, body, "members");
        }
    }
}

void gx_relate_doc(gx_graph *g, gx_doc *doc, const gx_mentions *ms, const uint32_t *node_of,
                   const gx_cands *c, const gx_dict *dict, const gx_hits *hits) {
    S_ctx x = {g, doc, ms, node_of, c, dict, hits};
    S_names(&x);
    S_located(&x);
    S_chains(&x);
    S_gazetteer(&x);
    S_roles(&x);
    S_partners(&x);
    S_programs(&x);
    S_sentences(&x);
    S_components(&x);
    S_bodies(&x);
}
