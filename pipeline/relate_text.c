/* relate_text.c: relation patterns that read the words between mentions and whole sentences
 * (stage 7b, see relate.c).
 *   role         person after an org and a title: 如意湖党工委书记李一 (title); titles listed
 *                with 、 (title_list)
 *   partner      orgs on both sides of a partner word in one clause (联合, 结对, 共建: partner)
 *   located_in   orgs of a sentence about a jurisdiction (辖区) -> its place (jurisdiction)
 *   part_of      smaller places listed after a bigger one, or places of its level named after
 *                it (sentence); communities of a sentence without a subdistrict -> the
 *                subdistrict of its topic (topic); programs listed before a numbered umbrella
 *                program (components)
 * Trigger words are dictionary rows: generic words with subtype=partner, jurisdiction.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
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

/* Words that join the items of a list (联合A、B和C). */
static const char *const S_list_joins[] = {"\u3001", "和", "及", "与", "以及", "同"};

uint32_t gx_rel_join_at(const gx_rel_ctx *x, uint32_t a, uint32_t b) {
    for (size_t k = 0; k < sizeof S_list_joins / sizeof *S_list_joins; k++) {
        uint32_t n = gx_rel_word_at(x, a, b, S_list_joins[k]);
        if (n) return n;
    }
    return 0;
}

/* Longest list item no dictionary knows that may stand between two known ones. */
#define S_MAX_ITEM 16

/* 1 if the text [a, b) joins two list items: a join, optionally followed by an unknown item
 * (Han characters and brackets only) and another join; the first item may follow the word
 * directly or after 了. */
static int S_joined(const gx_rel_ctx *x, uint32_t a, uint32_t b, int first) {
    if (a == b) return 1;
    if (first) return b == a + 1 && x->doc->cp[a] == 0x4E86; /* 了 */
    uint32_t j = gx_rel_join_at(x, a, b);
    if (!j || a + j == b) return j > 0;
    for (uint32_t p = a + j; p < b && p < a + j + S_MAX_ITEM; p++) {
        uint32_t c = x->doc->cp[p], k = gx_rel_join_at(x, p, b);
        if (k && p + k == b && p > a + j) return 1;
        if (!(c >= 0x4E00 && c <= 0x9FFF) && c != '(' && c != ')') return 0;
    }
    return 0;
}

/* 1 if mention m can be a partner: an org or an administrative place acting as one. */
static int S_partner_kind(const gx_rel_ctx *x, const gx_mention *m) {
    return gx_rel_agent(x, m);
}

/* The partners a partner word ending at w names: the list of agents right after it (联合A、B和C
 * 等单位…), from the first top-level mention after the word (other mentions between two agents
 * lie inside an unknown item). *out_first and *out_end bound their mention indices. A list
 * starts right after its word (or 了) and each gap in it ends with a join, which no partner word
 * ends with: no two words walk the same items, so the walks add up to the mentions, and the
 * heads of a word lie within 12 characters before it (tests/cli/hostile.sh). */
static void S_objects(const gx_rel_ctx *x, uint32_t w, size_t *out_first, size_t *out_end) {
    const gx_mentions *ms = x->ms;
    size_t j = x->next_top[gx_rel_first_from(x, w)];
    *out_first = *out_end = j;
    uint32_t prev = w;
    for (size_t k = j; k < ms->n; k = x->next_agent[k + 1]) {
        const gx_mention *t = &ms->v[k];
        if (!S_partner_kind(x, t) || !S_joined(x, prev, t->start, k == j)) break;
        prev = t->end;
        *out_end = k + 1;
    }
}

/* 1 if position p opens a clause: only spaces between it and the start of its sentence or a
 * clause end (强化督促落实,联合区纪委…: the text's topic is the subject). */
static int S_opens_at(const gx_rel_ctx *x, uint32_t p) {
    for (; p > 0; p--) {
        uint32_t c = x->doc->cp[p - 1];
        if (gx_rel_clause_end(c) || c == '\n') return 1;
        if (c != ' ' && c != 0x3000) return 0;
    }
    return 1;
}

/* partner: the agents before a partner word in its clause (within 12 characters: 同乐社区党支部、
 * 清华园社区党支部联合…), else the subject of the sentence before it or, when the word opens
 * its clause, the topic, and each agent of the list right after the word (partner). */
void gx_rel_partners(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t h = 0; h < x->hits->n; h++) {
        const gx_hit *w = &x->hits->v[h];
        const gx_entry *e = gx_dict_entry(x->dict, w->entry);
        if (e->role != GX_ROLE_GENERIC || !e->subtype || strcmp(e->subtype, "partner") != 0 ||
            gx_rel_covered(x, w->start))
            continue;
        size_t first, end, heads = 0;
        S_objects(x, w->end, &first, &end);
        if (first == end) continue;
        for (size_t i = x->prev_top[first]; i != SIZE_MAX; i = x->prev_top[i]) {
            const gx_mention *o = &ms->v[i];
            int crossed = o->end + 12 < w->start;
            for (uint32_t q = o->end; q < w->start && !crossed; q++)
                crossed = gx_rel_clause_end(x->doc->cp[q]);
            if (crossed) break;
            if (!S_partner_kind(x, o)) continue;
            heads++;
            for (size_t j = first; j < end; j++)
                if (S_partner_kind(x, &ms->v[j]))
                    gx_rel_add(x, GX_REL_PARTNER, x->node_of[i], x->node_of[j], o, &ms->v[j],
                               "partner");
        }
        size_t a = x->agent[first];
        /* a topic is too weak, unless the word opens its clause: the dropped subject */
        if (heads || a == SIZE_MAX || (x->agent_topic[first] && !S_opens_at(x, w->start))) continue;
        for (size_t j = first; j < end; j++)
            if (S_partner_kind(x, &ms->v[j]))
                gx_rel_add(x, GX_REL_PARTNER, x->node_of[a], x->node_of[j], &ms->v[a], &ms->v[j],
                           "partner");
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
static uint32_t S_word_in(const gx_rel_ctx *x, uint32_t s0, uint32_t s1, const char *sub) {
    for (size_t i = gx_rel_hit_first(x, s0); i < x->hits->n && x->hits->v[i].start < s1; i++) {
        const gx_entry *e = gx_dict_entry(x->dict, x->hits->v[i].entry);
        if (e->role == GX_ROLE_GENERIC && e->subtype && strcmp(e->subtype, sub) == 0 &&
            !gx_rel_covered(x, x->hits->v[i].start))
            return x->hits->v[i].start + 1;
    }
    return 0;
}

/* What the units of a jurisdiction word need, computed once for its sentence [lo, hi) of
 * mentions, so that each unit is settled in constant time. */
typedef struct {
    uint32_t w;      /* the word's position */
    uint32_t stop;   /* the first position from w holding ; or a member word, UINT32_MAX if none
                      * before the sentence's last mention */
    uint32_t clause; /* 1 + the last clause end in [start of mention lo, w), 0 if none */
    size_t lo;
    size_t *last; /* per mention lo..hi: the last item of the list of agents it opens, each
                   * joined to the one before (S_joined), all ending by w */
} S_juris;

/* Fills j for the jurisdiction word at w in the sentence [lo, hi) of mentions (hi > lo). The
 * list a mention k opens continues with the next top-level agent when it ends by w, no mention
 * before it ends after w and the two are joined; it goes on as that agent's list. */
static void S_juris_init(const gx_rel_ctx *x, size_t lo, size_t hi, uint32_t w, S_juris *j) {
    const gx_mention *v = x->ms->v;
    j->w = w;
    j->lo = lo;
    j->stop = UINT32_MAX;
    for (uint32_t q = w; q < v[hi - 1].start && j->stop == UINT32_MAX; q++)
        if (x->doc->cp[q] == ';' || gx_rel_hit_between(x, q, q + 2, GX_ROLE_GENERIC, "member"))
            j->stop = q;
    j->clause = 0;
    for (uint32_t q = w; q > v[lo].start && !j->clause; q--)
        if (gx_rel_clause_end(x->doc->cp[q - 1])) j->clause = q;
    j->last = gx_xmalloc((hi - lo) * sizeof *j->last);
    size_t after = hi; /* the first mention after k ending after w */
    for (size_t k = hi; k-- > lo;) {
        size_t a = x->next_agent[k + 1];
        j->last[k - lo] = a < after && S_joined(x, v[k].end, v[a].start, 0) ? j->last[a - lo] : k;
        if (v[k].end > w) after = k;
    }
}

/* 1 if org mention k is one of the units the jurisdiction word of j speaks of: after it in its
 * sentence (驻辖区单位党组织即A、B), or in the list that ends in 等 right before it (A、B等辖区
 * 各领域15家单位). */
static int S_in_jurisdiction(const gx_rel_ctx *x, const S_juris *j, size_t k) {
    const gx_mention *m = &x->ms->v[k];
    if (m->start > j->w) /* after it, before a ; or a member word (…组建如意湖“区域党委”) */
        return j->stop >= m->start;
    uint32_t e = x->ms->v[j->last[k - j->lo]].end; /* after the list's last item: 等 */
    if (e >= j->w || x->doc->cp[e] != 0x7B49) return 0;
    return j->clause <= e; /* and no clause end up to the word */
}

/* The place a sentence [lo, hi) of mentions is about: its first administrative place, else the
 * place its first org is located in by name (北林路街道党工委…). *out_node, *out_m: the place;
 * returns the index of the mention that names it (the place or the org), SIZE_MAX if none. */
static size_t S_sentence_place(const gx_rel_ctx *x, size_t lo, size_t hi, uint32_t *out_node,
                               const gx_mention **out_m) {
    for (size_t k = lo; k < hi; k++) {
        const gx_mention *m = &x->ms->v[k];
        int level = m->kind == GX_KIND_PLACE && !m->nested ? gx_rel_mlevel(x, m) : 9;
        if (level >= 3 && level <= 5) {
            *out_node = x->node_of[k];
            *out_m = m;
            return k;
        }
        if (m->kind == GX_KIND_ORG && !m->nested && x->loc_node[k] != UINT32_MAX) {
            *out_node = x->loc_node[k];
            *out_m = &x->loc[k];
            return k;
        }
    }
    return SIZE_MAX;
}

/* 1 if place m is where people live: a community or village (level 5), or a compound of level
 * 6 (汝河小区, 191号院), not a road or street. */
static int S_home(const gx_rel_ctx *x, const gx_mention *m) {
    int level = gx_rel_mlevel(x, m);
    uint32_t last = x->doc->cp[m->end - 1];
    return level == 5 || (level == 6 && last != 0x8DEF && last != 0x8857); /* 路 街 */
}

/* A sentence that names no subdistrict, town or bigger place: its communities, villages and
 * compounds (S_home) are part of the subdistrict or town its topic is, or is located in by name
 * (汝河路街道党工委 … 。以金苑、汝河小区两个党建示范社区为支撑: topic), unless a name right
 * before it holds it. */
static void S_topic_places(gx_rel_ctx *x, size_t lo, size_t hi) {
    size_t a = SIZE_MAX; /* the topic: the agent of the sentence's first mention, if a topic */
    if (x->agent_topic[lo]) a = x->agent[lo];
    if (a == SIZE_MAX) return;
    const gx_mention *am = &x->ms->v[a];
    uint32_t node = am->kind == GX_KIND_PLACE ? x->node_of[a] : x->loc_node[a];
    const gx_mention *pm = am->kind == GX_KIND_PLACE ? am : &x->loc[a];
    if (node == UINT32_MAX || gx_rel_mlevel(x, pm) != GX_REL_LOCAL_LEVEL) return;
    for (size_t k = lo; k < hi; k++) {
        const gx_mention *m = &x->ms->v[k];
        size_t b = x->prev_top[k]; /* a name right before it holds it (…办事处代书胡同社区) */
        if (!m->nested && m->kind == GX_KIND_PLACE && S_home(x, m) &&
            (b == SIZE_MAX || x->ms->v[b].end != m->start))
            gx_rel_add(x, GX_REL_PART_OF, x->node_of[k], node, m, pm, "topic");
    }
}

/* 1 if place m's name starts with the stem of place p's, two characters or more, and runs on
 * (二七新区 of 二七区: a zone named after its district). */
static int S_stem_of(const gx_mention *p, const gx_mention *m) {
    size_t n = gx_rel_stem_len(p->canonical);
    return n >= 6 && n < strlen(p->canonical) && strlen(m->canonical) > strlen(p->canonical) &&
           strncmp(m->canonical, p->canonical, n) == 0;
}

/* Per sentence: orgs of a sentence about a jurisdiction (辖区, subtype=jurisdiction) are located
 * in its place (jurisdiction); smaller places after it, not in one list with it, are part of it
 * (sentence). A list: top-level mentions from the place on, each gap a list join (金苑社区、
 * 汝河小区): coordinate items, not a whole and its part. A sentence without a place: see
 * S_topic_places. */
void gx_rel_sentences(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    for (size_t i = 0; i < ms->n;) {
        size_t lo, hi;
        S_sentence(x, i, &lo, &hi);
        i = hi;
        uint32_t place;
        const gx_mention *pm;
        size_t p = S_sentence_place(x, lo, hi, &place, &pm);
        if (p == SIZE_MAX || gx_rel_mlevel(x, pm) > GX_REL_LOCAL_LEVEL) S_topic_places(x, lo, hi);
        if (p == SIZE_MAX) continue;
        const gx_sentence *se = &x->doc->sents[ms->v[lo].sent];
        uint32_t juris = S_word_in(x, se->start, se->end, "jurisdiction"); /* its position + 1 */
        S_juris jw = {.last = NULL};
        if (juris) S_juris_init(x, lo, hi, juris - 1, &jw);
        int plevel = gx_rel_mlevel(x, pm), one_list = 1; /* p..k stand in one list */
        uint32_t list_end = ms->v[p].end;
        for (size_t k = p + 1; k < hi; k++) {
            const gx_mention *m = &ms->v[k];
            if (m->nested) continue;
            if (one_list) {
                uint32_t j = gx_rel_join_at(x, list_end, m->start);
                one_list = j && list_end + j == m->start;
                list_end = m->end;
            }
            if (x->node_of[k] == place) continue;
            if (juris && m->kind == GX_KIND_ORG && S_in_jurisdiction(x, &jw, k))
                gx_rel_add(x, GX_REL_LOCATED_IN, x->node_of[k], place, m, pm, "jurisdiction");
            if (m->kind == GX_KIND_ORG && x->loc_node[k] != UINT32_MAX && !one_list &&
                gx_rel_mlevel(x, &x->loc[k]) > plevel)
                gx_rel_add(x, GX_REL_PART_OF, x->loc_node[k], place, &x->loc[k], pm, "sentence");
            int level = gx_rel_mlevel(x, m);
            if (m->kind == GX_KIND_PLACE && !one_list &&
                ((level > plevel && level <= 6) || (level == plevel && S_stem_of(pm, m))))
                gx_rel_add(x, GX_REL_PART_OF, x->node_of[k], place, m, pm, "sentence");
        }
        free(jw.last);
    }
}

/* Program components: programs listed with 、 or 和 right before a numbered umbrella program
 * (红色阵地工程、红色文化工程和红色服务工程“三大工程”) are part of it (components), at most
 * GX_MAX_COMPONENTS of them, the nearest: a run of numbered programs (each an umbrella) would
 * otherwise relate every one to every one before it. */
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
        size_t n = 0;
        for (size_t k = x->prev_top[i]; k != SIZE_MAX; k = x->prev_top[k]) {
            const gx_mention *c = &ms->v[k];
            uint32_t gap = at - c->end, sep = at > c->end ? x->doc->cp[c->end] : 0;
            if (c->kind != GX_KIND_PROGRAM || gap > 1 ||
                (gap == 1 && sep != 0x3001 && sep != 0x548C))
                break;
            if (n++ == GX_MAX_COMPONENTS) {
                x->components_cut++;
                break;
            }
            gx_rel_add(x, GX_REL_PART_OF, x->node_of[k], x->node_of[i], c, u, "components");
            at = c->start;
        }
    }
}
