/* relate.c: stage 7b: typed relations a document states, added to the graph with evidence.
 *
 * After link (nodes exist for every mention). Each relation names the pattern that found it.
 * This file: the helpers the patterns share, the patterns that read names (a party body and its
 * unit, places inside names, org chains, the gazetteer, adjacent and member bodies) and
 * gx_relate_doc, which runs every pattern. Words between mentions and sentence patterns are in
 * relate_text.c, programs in relate_prog.c, the indexes that keep each pattern linear or n log n
 * in the document's mentions in relate_index.c. Names:
 *   part_of      a party body -> its unit (unit); a place -> the bigger place right before it
 *                (北林路街道鑫苑社区, 惠济区刘寨街道: name), or the bigger places of the org
 *                right before it (…办事处代书胡同社区: name); a place -> its gazetteer parent
 *                when the document mentions the parent too (gazetteer); …分公司 -> …有限公司
 *                (chain); the orgs that form a body, or that a later list calls its member
 *                units -> the body (members)
 *   located_in   an org -> the place its name starts with (北林路街道党工委 -> 北林路街道: name),
 *                and the district before a road it names (管城区西大街办事处: name); a body a
 *                local actor forms -> the actor's place (formed)
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include "relate_int.h"
#include "gx_link.h"

/* Adds rel from mention (or node) head to tail with evidence spanning both mentions. A node
 * related to itself adds nothing (gx_graph_add_relation): no snippet is made for it. */
void gx_rel_add(gx_rel_ctx *x, gx_relation rel, uint32_t head, uint32_t tail, const gx_mention *a,
                const gx_mention *b, const char *pattern) {
    if (head == tail) return;
    uint32_t s = a->ostart < b->ostart ? a->ostart : b->ostart;
    uint32_t e = a->oend > b->oend ? a->oend : b->oend;
    gx_evidence ev = {x->doc->id, b->sent, s, e, gx_link_snippet(x->doc, s, e), pattern};
    gx_graph_add_relation(x->g, rel, head, tail, x->doc->seq, &ev);
    free((char *)ev.snippet);
}

/* Administrative size of a place from its name's longest listed ending: bigger is a smaller
 * number; 9: unknown. Zones inside a district (产业集聚区, 景区) count as level 4. */
/* The longest listed ending of name (bytes, 0 if none) and its level in *out_level (9 if
 * none). */
static size_t S_ending(const char *name, int *out_level) {
    static const struct {
        const char *end;
        int level;
    } ends[] = {{"国", 0},     {"省", 1},   {"自治区", 1}, {"市", 2},   {"州", 2}, {"新区", 3},
                {"区", 3},     {"县", 3},   {"街道", 4},   {"镇", 4},   {"乡", 4}, {"集聚区", 4},
                {"商业区", 4}, {"景区", 4}, {"园区", 4},   {"社区", 5}, {"村", 5}, {"路", 6},
                {"街", 6},     {"号院", 6}, {"小区", 6}};
    size_t n = strlen(name), best = 0;
    int level = 9;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t m = strlen(ends[i].end);
        if (n > m && m > best && strcmp(name + n - m, ends[i].end) == 0) {
            best = m;
            level = ends[i].level;
        }
    }
    *out_level = level;
    return best;
}

int gx_rel_level(const char *name) {
    int level;
    S_ending(name, &level);
    return level;
}

size_t gx_rel_stem_len(const char *name) {
    int level;
    return strlen(name) - S_ending(name, &level);
}

/* Levels of the gazetteer's place subtypes (a country's name has no telling ending: 乌克兰). */
static const struct {
    const char *subtype;
    int level;
} S_subtype_levels[] = {
    {"continent", 0},
    {"region", 0},
    {"country", 0},
    {"territory", 1},
    {"province", 1},
    {"state", 1},
    {"city", 2},
    {"county", 3},
    /* natural features: a name they head names a body's domain (黑海舰队, 辽河防汛抗旱总指挥部) */
    {"sea", 0},
    {"river", 0},
    {"lake", 0},
    {"mountain", 0},
    {"landform", 0}};

int gx_rel_cand_level(const gx_rel_ctx *x, uint32_t cand, const char *canonical) {
    if (cand != GX_NO_CAND && x->c->v[cand].entry != GX_NO_ENTRY) {
        const gx_entry *e = gx_dict_entry(x->dict, x->c->v[cand].entry);
        for (size_t i = 0; e->subtype && i < sizeof S_subtype_levels / sizeof *S_subtype_levels;
             i++)
            if (strcmp(e->subtype, S_subtype_levels[i].subtype) == 0)
                return S_subtype_levels[i].level;
    }
    return gx_rel_level(canonical);
}

int gx_rel_mlevel(const gx_rel_ctx *x, const gx_mention *m) {
    return gx_rel_cand_level(x, m->cand, m->canonical);
}

static const gx_entry *S_entry(const gx_rel_ctx *x, const gx_mention *m) {
    if (m->cand == GX_NO_CAND || x->c->v[m->cand].entry == GX_NO_ENTRY) return NULL;
    return gx_dict_entry(x->dict, x->c->v[m->cand].entry);
}

/* 1 if c is a Chinese numeral or an ASCII digit (an umbrella program: 四大工程, “133”). */
int gx_rel_numeral(uint32_t c) {
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                    0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E24, 0x53CC};
    if (c >= '0' && c <= '9') return 1;
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (nums[i] == c) return 1;
    return 0;
}

/* The length in code points of UTF-8 word w when the text at a (before limit) spells it, else 0. */
uint32_t gx_rel_word_at(const gx_rel_ctx *x, uint32_t a, uint32_t limit, const char *w) {
    int32_t i = 0, n = (int32_t)strlen(w);
    uint32_t q = a;
    while (i < n) {
        UChar32 c;
        U8_NEXT_UNSAFE(w, i, c);
        if (q >= limit || x->doc->cp[q] != (uint32_t)c) return 0;
        q++;
    }
    return q - a;
}

/* 1 if a hit of role `role` (and subtype sub, if not NULL) spans exactly [a, b). */
int gx_rel_hit_between(const gx_rel_ctx *x, uint32_t a, uint32_t b, gx_role role, const char *sub) {
    for (size_t i = gx_rel_hit_first(x, a); i < x->hits->n && x->hits->v[i].start == a; i++) {
        const gx_entry *e = gx_dict_entry(x->dict, x->hits->v[i].entry);
        if (x->hits->v[i].end == b && e->role == role &&
            (!sub || (e->subtype && !strcmp(e->subtype, sub))))
            return 1;
    }
    return 0;
}

int gx_rel_clause_end(uint32_t c) {
    return c == ',' || c == ';' || c == 0x3002 || c == '!' || c == '?' || c == ':' ||
           c == 0x2026; /* …… */
}

/* 1 if m can act: an org, or an administrative place (district, subdistrict, town, community)
 * used as the agent (航海东路街道以…, 二七区…). */
int gx_rel_agent(const gx_rel_ctx *x, const gx_mention *m) {
    if (m->nested) return 0;
    if (m->kind == GX_KIND_ORG) return 1;
    int level = m->kind == GX_KIND_PLACE ? gx_rel_mlevel(x, m) : 9;
    return level >= 3 && level <= 5;
}

/* ---------------------------------------------------------------- names */

/* part_of from name composition: a party body -> its unit (unit); a place -> the bigger place
 * written right before it, both of known level and the first not a one-character abbreviation
 * (惠济区刘寨街道, not 中俄) (name). */
static void S_names(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t outer = SIZE_MAX;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        if (!m->nested)
            outer = i;
        else if (outer != SIZE_MAX && m->kind == GX_KIND_ORG && ms->v[outer].kind == GX_KIND_ORG)
            gx_rel_add(x, GX_REL_PART_OF, x->node_of[outer], x->node_of[i], &ms->v[outer], m,
                       "unit");
        if (m->nested || i + 1 >= ms->n) continue;
        size_t j = i + 1;
        while (j < ms->n && ms->v[j].nested)
            j++;
        if (j < ms->n && ms->v[j].start == m->end && m->kind == GX_KIND_PLACE &&
            ms->v[j].kind == GX_KIND_PLACE && m->end - m->start > 1 &&
            gx_rel_mlevel(x, m) < gx_rel_mlevel(x, &ms->v[j]) && gx_rel_mlevel(x, &ms->v[j]) < 9)
            gx_rel_add(x, GX_REL_PART_OF, x->node_of[j], x->node_of[i], &ms->v[j], m, "name");
    }
}

/* The longest place candidate starting at p and ending by end, or NULL. */
static const gx_cand *S_place_at(const gx_rel_ctx *x, uint32_t p, uint32_t end) {
    return gx_rel_longest(x, &x->places, p, end);
}

/* A node for a name found inside a mention (a place in an org's name, an org in a chain),
 * counted as one more mention of it with its surface (an alias: 管城区 of 管城回族区); pm gets
 * its span. */
static uint32_t S_inner_node(gx_rel_ctx *x, const gx_cand *c, const gx_mention *outer,
                             gx_mention *pm) {
    *pm = *outer;
    pm->start = c->start;
    pm->end = c->end;
    pm->kind = c->kind;
    pm->cand = (uint32_t)(c - x->c->v);
    gx_doc_orig_span(x->doc, c->start, c->end, &pm->ostart, &pm->oend);
    uint32_t node = gx_graph_intern(x->g, c->kind, c->canonical, strlen(c->canonical));
    char *s = gx_xmalloc((size_t)(c->end - c->start) * 4 + 1);
    int32_t k = 0;
    for (uint32_t i = c->start; i < c->end; i++) {
        uint32_t ch = x->doc->cp[i];
        if (ch != ' ' && ch != '\n' && ch != '\t' && ch != 0x3000)
            U8_APPEND_UNSAFE(s, k, (UChar32)ch);
    }
    gx_graph_add_mention(x->g, node, x->doc->seq, x->doc->id, s, (size_t)k, NULL);
    free(s);
    return node;
}

/* The level of candidate c (gx_rel_cand_level). */
static int S_clevel(const gx_rel_ctx *x, const gx_cand *c) {
    return gx_rel_cand_level(x, (uint32_t)(c - x->c->v), c->canonical);
}

/* Places a name starts with, laid end to end (惠济区刘寨街道办事处), at most S_MAX_CHAIN. */
#define S_MAX_CHAIN 8
typedef struct {
    const gx_cand *c[S_MAX_CHAIN];
    uint32_t node[S_MAX_CHAIN]; /* UINT32_MAX until a relation needs the node */
    gx_mention m[S_MAX_CHAIN];
    size_t n;
} S_chain;

/* Node k of the chain inside mention outer, made on first use. */
static uint32_t S_chain_node(gx_rel_ctx *x, S_chain *ch, size_t k, const gx_mention *outer) {
    if (ch->node[k] == UINT32_MAX) {
        ch->node[k] = S_inner_node(x, ch->c[k], outer, &ch->m[k]);
        ch->m[k].canonical = ch->c[k]->canonical;
    }
    return ch->node[k];
}

/* The relation of mention m to the last place of its chain: an org is located in it when it
 * lies below a district (GX_REL_LOCAL_LEVEL: a district, city or province at the head of a name
 * marks the body's jurisdiction or level, 二七区委, 河南省住建厅, 郑州市儿童医院, not where it
 * stands); a district, subdistrict, town, community or village is part of it when it is bigger
 * (武汉百步亭社区 -> 武汉; not a road named after a city, 临汾路). -1: none. */
static int S_chain_rel(const gx_rel_ctx *x, const gx_mention *m, const gx_cand *last) {
    int level = S_clevel(x, last);
    if (m->kind == GX_KIND_ORG) return level >= GX_REL_LOCAL_LEVEL ? GX_REL_LOCATED_IN : -1;
    int own = gx_rel_mlevel(x, m);
    if (strcmp(m->canonical, last->canonical) == 0 || own < 3 || own > 5 ||
        last->end - last->start < 2 || m->end - last->end < 3) /* 中原区: a stem, not a place */
        return -1;
    return level < own ? GX_REL_PART_OF : -1;
}

/* A place written right after org mention i is part of the bigger place node (mention pm) the
 * org is located in by name (管城区北下街办事处代书胡同社区 -> 北下街街道, 管城区) (name). */
static void S_after_body(gx_rel_ctx *x, size_t i, uint32_t node, const gx_mention *pm) {
    size_t j = x->next_top[i + 1];
    if (j >= x->ms->n) return;
    const gx_mention *m = &x->ms->v[j];
    int level = m->kind == GX_KIND_PLACE && m->start == x->ms->v[i].end ? gx_rel_mlevel(x, m) : 9;
    if (level < 9 && gx_rel_mlevel(x, pm) < level)
        gx_rel_add(x, GX_REL_PART_OF, x->node_of[j], node, m, pm, "name");
}

/* An org located on a road or street by name (管城区西大街办事处), or in a subdistrict the text
 * names as one (管城区北下街办事处: 北下街 for 北下街街道), is located in the district written
 * before the road or at its head too: a road is no area (name). */
static void S_road_district(gx_rel_ctx *x, S_chain *ch, size_t i) {
    const gx_cand *road = ch->c[ch->n - 1], *d = NULL;
    uint32_t last = x->doc->cp[road->end - 1];
    if (S_clevel(x, road) < GX_REL_LOCAL_LEVEL || (last != 0x8DEF && last != 0x8857))
        return; /* 路 街 */
    if (ch->n >= 2)
        d = ch->c[ch->n - 2];
    else if (road->end > road->start + 1)
        d = gx_rel_longest(x, &x->places, road->start, road->end - 1);
    if (!d || d->end - d->start < 2 || S_clevel(x, d) != 3) return;
    gx_mention dm;
    uint32_t node = ch->n >= 2 ? S_chain_node(x, ch, ch->n - 2, &x->ms->v[i])
                               : S_inner_node(x, d, &x->ms->v[i], &dm);
    const gx_mention *pm = ch->n >= 2 ? &ch->m[ch->n - 2] : &dm;
    gx_rel_add(x, GX_REL_LOCATED_IN, x->node_of[i], node, &x->ms->v[i], pm, "name");
    S_after_body(x, i, node, pm);
}

/* Places inside the names of orgs and places: each smaller one is part of the one before it, and
 * the name's owner relates to the last, most specific one (S_chain_rel) (name). */
static void S_located(gx_rel_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        if ((m->kind != GX_KIND_ORG && m->kind != GX_KIND_PLACE) || m->nested) continue;
        S_chain ch = {.n = 0};
        for (const gx_cand *p = S_place_at(x, m->start, m->end - 1); p && ch.n < S_MAX_CHAIN;
             p = S_place_at(x, p->end, m->end - 1)) {
            ch.node[ch.n] = UINT32_MAX;
            ch.c[ch.n++] = p;
        }
        for (size_t k = 1; k < ch.n; k++)
            if (S_clevel(x, ch.c[k - 1]) < S_clevel(x, ch.c[k])) {
                uint32_t part = S_chain_node(x, &ch, k, m), whole = S_chain_node(x, &ch, k - 1, m);
                gx_rel_add(x, GX_REL_PART_OF, part, whole, &ch.m[k], &ch.m[k - 1], "name");
            }
        int rel = ch.n ? S_chain_rel(x, m, ch.c[ch.n - 1]) : -1;
        if (rel < 0) continue;
        uint32_t node = S_chain_node(x, &ch, ch.n - 1, m);
        gx_rel_add(x, (gx_relation)rel, x->node_of[i], node, m, &ch.m[ch.n - 1], "name");
        if (rel == GX_REL_LOCATED_IN) {
            x->loc_node[i] = node;
            x->loc[i] = ch.m[ch.n - 1];
            S_after_body(x, i, node, &x->loc[i]);
            S_road_district(x, &ch, i);
        }
    }
}

/* part_of along an org chain: an org mention -> the longest org inside its name that starts
 * where it starts (…公安分局治安管理大队刘寨中队 -> …公安分局治安管理大队). */
static void S_chains(gx_rel_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        if (m->kind != GX_KIND_ORG || m->nested) continue;
        const gx_cand *best = m->end ? gx_rel_longest(x, &x->orgs, m->start, m->end - 1) : NULL;
        if (!best) continue;
        gx_mention pm;
        uint32_t node = S_inner_node(x, best, m, &pm);
        gx_rel_add(x, GX_REL_PART_OF, x->node_of[i], node, m, &pm, "chain");
    }
}

static uint32_t S_para(const gx_rel_ctx *x, size_t i) {
    return x->doc->sents[x->ms->v[i].sent].para;
}

/* part_of from the gazetteer: a place whose dictionary parent the same paragraph mentions (a
 * parent named paragraphs away is world knowledge, not something the text states). */
static void S_gazetteer(gx_rel_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_entry *e = S_entry(x, &x->ms->v[i]);
        if (!e || !e->parent || x->ms->v[i].kind != GX_KIND_PLACE) continue;
        size_t j = gx_rel_named_in(x, S_para(x, i), e->parent, i);
        if (j != SIZE_MAX)
            gx_rel_add(x, GX_REL_PART_OF, x->node_of[i], x->node_of[j], &x->ms->v[i], &x->ms->v[j],
                       "gazetteer");
    }
}

/* Words after a list of orgs that call them the member units of a body (…、郑州四十七中等成员
 * 单位). */
static const char *const S_member_units[] = {"等成员单位", "等成员", "成员单位"};

/* 1 if org mention k is followed by a member-unit word. */
static int S_member_unit(const gx_rel_ctx *x, size_t k) {
    const gx_mention *m = &x->ms->v[k];
    for (size_t w = 0; w < sizeof S_member_units / sizeof *S_member_units; w++)
        if (gx_rel_word_at(x, m->end, x->doc->n, S_member_units[w])) return 1;
    return 0;
}

/* The orgs of the list ending at org mention k (each gap a list join: A、B和C), named member
 * units after the body formed last, mention `body`, are part of it (members). */
static void S_member_list(gx_rel_ctx *x, size_t k, size_t body) {
    const gx_mentions *ms = x->ms;
    for (;;) {
        const gx_mention *m = &ms->v[k];
        if (m->kind != GX_KIND_ORG) return;
        gx_rel_add(x, GX_REL_PART_OF, x->node_of[k], x->node_of[body], m, &ms->v[body], "members");
        size_t p = x->prev_top[k];
        if (p == SIZE_MAX || ms->v[p].end >= m->start ||
            ms->v[p].end + gx_rel_join_at(x, ms->v[p].end, m->start) != m->start)
            return;
        k = p;
    }
}

/* An org that body mention i's agent forms (北林路街道党工委…相继组建红叶合唱团) stands in the
 * subdistrict or community the agent is, or is located in by name, unless its own name places it
 * (formed). */
static void S_formed_in(gx_rel_ctx *x, size_t i, const size_t *located) {
    size_t a = x->agent[i];
    if (x->loc_node[i] != UINT32_MAX || a == SIZE_MAX) return;
    if (located[x->lid[a]] != SIZE_MAX) a = located[x->lid[a]]; /* 街道党工委: its full name */
    const gx_mention *am = &x->ms->v[a];
    int place = am->kind == GX_KIND_PLACE;
    const gx_mention *pm = place ? am : &x->loc[a];
    uint32_t node = place ? x->node_of[a] : x->loc_node[a];
    if (node == UINT32_MAX) return;
    int level = gx_rel_mlevel(x, pm);
    if (level >= GX_REL_LOCAL_LEVEL && level <= 5)
        gx_rel_add(x, GX_REL_LOCATED_IN, x->node_of[i], node, &x->ms->v[i], pm, "formed");
}

/* Adjacent orgs (管城区西大街办事处西大街便民服务中心): the second is part of the first (name). */
static void S_adjacent(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i + 1 < ms->n; i++) {
        const gx_mention *a = &ms->v[i], *b = &ms->v[i + 1];
        if (!a->nested && !b->nested && a->kind == GX_KIND_ORG && b->kind == GX_KIND_ORG &&
            b->start == a->end)
            gx_rel_add(x, GX_REL_PART_OF, x->node_of[i + 1], x->node_of[i], b, a, "name");
    }
}

/* 1 if org mention i follows a member word (组建, subtype=member). */
static int S_after_member_word(const gx_rel_ctx *x, size_t i) {
    uint32_t w = x->ms->v[i].start;
    return w >= 2 && gx_rel_hit_between(x, w - 2, w, GX_ROLE_GENERIC, "member");
}

/* Fills x->formed and x->members: a body is formed by members when two or more top-level orgs of
 * its sentence stand before the member word before it (one alone forms the body, it is no
 * member: 党工委组建合唱团). */
static void S_formed_index(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t orgs = 0, formed = SIZE_MAX; /* top-level orgs of the sentence up to mention i */
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *body = &ms->v[i];
        if (i > 0 && ms->v[i - 1].sent != body->sent) orgs = 0;
        x->formed[i] = formed;
        x->members[i] = 0;
        if (body->kind != GX_KIND_ORG || body->nested) continue;
        if (orgs >= 2 && S_after_member_word(x, i)) {
            x->members[i] = 1;
            formed = i;
        }
        orgs++;
    }
}

/* members: the orgs of its sentence before a body formed by members are part of it
 * (…等15家单位组建如意湖“区域党委”), and so are the orgs a later list calls member units
 * (…、郑州四十七中等成员单位); a body formed after a member word stands in its actor's place
 * (S_formed_in) (members). */
static void S_bodies(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t *located = gx_xmalloc((x->n_lids ? x->n_lids : 1) * sizeof *located);
    for (size_t l = 0; l < x->n_lids; l++)
        located[l] = SIZE_MAX; /* per node: a mention located by name, SIZE_MAX if none */
    for (size_t i = ms->n; i-- > 0;)
        if (x->loc_node[i] != UINT32_MAX) located[x->lid[i]] = i;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *body = &ms->v[i];
        if (body->kind != GX_KIND_ORG || body->nested) continue;
        if (x->formed[i] != SIZE_MAX && S_member_unit(x, i)) S_member_list(x, i, x->formed[i]);
        if (!S_after_member_word(x, i)) continue;
        S_formed_in(x, i, located);
        for (size_t k = i; x->members[i] && k > 0 && ms->v[k - 1].sent == body->sent; k--) {
            const gx_mention *m = &ms->v[k - 1];
            if (m->kind == GX_KIND_ORG && !m->nested)
                gx_rel_add(x, GX_REL_PART_OF, x->node_of[k - 1], x->node_of[i], m, body, "members");
        }
    }
    free(located);
}

void gx_relate_doc(gx_graph *g, gx_doc *doc, const gx_mentions *ms, const uint32_t *node_of,
                   const gx_cands *c, const gx_dict *dict, const gx_hits *hits, gx_diag *d) {
    size_t n = ms->n ? ms->n : 1;
    gx_rel_ctx x = {.g = g,
                    .doc = doc,
                    .ms = ms,
                    .node_of = node_of,
                    .c = c,
                    .dict = dict,
                    .hits = hits,
                    .agent = gx_xmalloc(n * sizeof *x.agent),
                    .agent_topic = gx_xmalloc(n),
                    .loc_node = gx_xmalloc(n * sizeof *x.loc_node),
                    .loc = gx_xmalloc(n * sizeof *x.loc),
                    .formed = gx_xmalloc(n * sizeof *x.formed),
                    .members = gx_xmalloc(n)};
    for (size_t i = 0; i < ms->n; i++)
        x.loc_node[i] = UINT32_MAX;
    gx_rel_index_build(&x);
    S_formed_index(&x);
    S_names(&x);
    S_located(&x);
    gx_rel_agents(&x); /* after S_located: the actors read x->loc_node */
    S_chains(&x);
    S_gazetteer(&x);
    gx_rel_roles(&x);
    gx_rel_partners(&x);
    gx_rel_programs(&x);
    gx_rel_sentences(&x);
    gx_rel_components(&x);
    S_adjacent(&x);
    S_bodies(&x);
    if (x.components_cut)
        gx_diag_warn(d, doc->file, doc->line,
                     "document '%s': %zu umbrella programs follow more than %d listed programs; "
                     "only the %d nearest are their components (GX_MAX_COMPONENTS)",
                     doc->id, x.components_cut, GX_MAX_COMPONENTS, GX_MAX_COMPONENTS);
    gx_rel_index_free(&x);
    free(x.agent);
    free(x.agent_topic);
    free(x.loc_node);
    free(x.loc);
    free(x.formed);
    free(x.members);
}
