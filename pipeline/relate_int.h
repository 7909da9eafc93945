/* relate_int.h: private to the relation stage (relate.c, relate_text.c, relate_prog.c,
 * relate_index.c).
 *
 * One document's context for the pattern functions and the helpers they share: adding a
 * relation with evidence, a place's administrative level, trigger words between two positions
 * and clause boundaries, and the per-document indexes that keep every pattern linear or
 * n log n in the document's mentions (a hostile document holds tens of thousands).
 * Nothing outside relate*.c includes it.
 */
#ifndef GX_RELATE_INT_H
#define GX_RELATE_INT_H

#include "gx_relate.h"

/* A candidate's span and index; a gx_rel_cset holds them sorted by (start, end, cand). */
typedef struct {
    uint32_t start, end; /* the candidate's span */
    uint32_t cand;       /* index into the gx_cands */
} gx_rel_span;

/* The candidates of one kind a name may hold (gx_rel_longest), sorted by (start, end, cand). */
typedef struct {
    gx_rel_span *v;
    size_t n;
} gx_rel_cset;

/* A place mention keyed by its paragraph and canonical name (the gazetteer's lookup). */
typedef struct {
    uint32_t para;    /* paragraph of the mention's sentence */
    const char *name; /* its canonical name (borrowed) */
    size_t i;         /* the mention's index */
} gx_rel_named;

typedef struct {
    gx_graph *g;
    gx_doc *doc;
    const gx_mentions *ms;
    const uint32_t *node_of; /* node of each mention */
    const gx_cands *c;
    const gx_dict *dict;
    const gx_hits *hits; /* every dictionary hit, sorted by start */
    /* set by gx_rel_agents: per mention, who acts there: the subject of its sentence before it,
     * or the topic (agent_topic 1); SIZE_MAX if none or a person */
    size_t *agent;
    uint8_t *agent_topic;
    /* set by the name patterns: per org mention, the place its name says it is located in
     * (loc_node UINT32_MAX if none) and that place's span */
    uint32_t *loc_node;
    gx_mention *loc;
    /* set before the patterns (relate.c): per mention, the last body formed by members before
     * it (…等15家单位组建如意湖“区域党委”), SIZE_MAX if none, and whether it is one */
    size_t *formed;
    uint8_t *members;
    /* per-document indexes (relate_index.c), built before the patterns, read-only after */
    uint32_t *top_end;   /* per mention i: largest end of a top-level mention in 0..i, 0 if none */
    size_t *next_top;    /* per i in 0..n: the first top-level mention >= i, ms->n if none */
    size_t *next_agent;  /* per i in 0..n: the first top-level agent >= i, ms->n if none */
    size_t *prev_top;    /* per i in 0..n: the last top-level mention < i, SIZE_MAX if none */
    uint32_t *lid;       /* per mention: its node numbered within the document, 0..n_lids */
    size_t n_lids;       /* distinct nodes among the mentions */
    uint32_t *top_count; /* per lid: the top-level mentions of that node */
    gx_rel_cset places;  /* place candidates with a name, not negative or generic */
    gx_rel_cset orgs;    /* org candidates with a name, not negative, generic or a unit */
    gx_rel_named *named; /* place mentions with a name, by (para, name, index) */
    size_t n_named;
    size_t components_cut; /* umbrella programs that reached GX_MAX_COMPONENTS components */
} gx_rel_ctx;

/* Builds the indexes of x (relate_index.c) from its mentions, nodes and candidates. */
void gx_rel_index_build(gx_rel_ctx *x);

/* Frees what gx_rel_index_build allocated. */
void gx_rel_index_free(gx_rel_ctx *x);

/* The first mention starting at or after p (mentions are sorted by start), ms->n if none. */
size_t gx_rel_first_from(const gx_rel_ctx *x, uint32_t p);

/* 1 if a top-level mention covers position p. */
int gx_rel_covered(const gx_rel_ctx *x, uint32_t p);

/* The first hit starting at or after a (hits are sorted by start), hits->n if none. */
size_t gx_rel_hit_first(const gx_rel_ctx *x, uint32_t a);

/* Of the candidates of s starting at p and ending by lim, the longest (ties: the first in
 * candidate order), or NULL. */
const gx_cand *gx_rel_longest(const gx_rel_ctx *x, const gx_rel_cset *s, uint32_t p, uint32_t lim);

/* The first place mention other than mention skip in paragraph para with canonical name
 * `name`, SIZE_MAX if none. */
size_t gx_rel_named_in(const gx_rel_ctx *x, uint32_t para, const char *name, size_t skip);

/* Adds rel from node head to node tail, with evidence spanning mentions a and b (in b's
 * sentence) and the pattern's name (a static string). */
void gx_rel_add(gx_rel_ctx *x, gx_relation rel, uint32_t head, uint32_t tail, const gx_mention *a,
                const gx_mention *b, const char *pattern);

/* The level of a subdistrict or town (gx_rel_level): an org is located in the place its name
 * starts with only from this level down. */
#define GX_REL_LOCAL_LEVEL 4

/* Administrative size of a place from its name's ending: bigger is a smaller number; 9 when
 * unknown. */
int gx_rel_level(const char *name);

/* The bytes of name before its longest listed ending (二七 of 二七区), all of it when none. */
size_t gx_rel_stem_len(const char *name);

/* The level of a place: its gazetteer subtype's (country 0, province or state 1, city 2, county
 * 3) when candidate cand has one, else gx_rel_level(canonical). */
int gx_rel_cand_level(const gx_rel_ctx *x, uint32_t cand, const char *canonical);

/* gx_rel_cand_level of mention m. */
int gx_rel_mlevel(const gx_rel_ctx *x, const gx_mention *m);

/* 1 if a hit of role `role` (and subtype sub, if not NULL) spans exactly [a, b). */
int gx_rel_hit_between(const gx_rel_ctx *x, uint32_t a, uint32_t b, gx_role role, const char *sub);

/* 1 if c is a Chinese numeral or an ASCII digit. */
int gx_rel_numeral(uint32_t c);

/* The length in code points of the UTF-8 word w when the normalized text at a (before limit)
 * spells it, else 0. */
uint32_t gx_rel_word_at(const gx_rel_ctx *x, uint32_t a, uint32_t limit, const char *w);

/* Length of the list join at a within [a, b) (、 和 及 与 以及 同), or 0. */
uint32_t gx_rel_join_at(const gx_rel_ctx *x, uint32_t a, uint32_t b);

/* 1 if c ends a clause: , ; 。 ! ? : */
int gx_rel_clause_end(uint32_t c);

/* 1 if mention m can act: a top-level org, or an administrative place (district, subdistrict,
 * town, community) used as the agent (航海东路街道以…). */
int gx_rel_agent(const gx_rel_ctx *x, const gx_mention *m);

/* The person j when org mention i is followed by a title and that person (区委书记陈红民),
 * else SIZE_MAX. */
size_t gx_rel_titled(const gx_rel_ctx *x, size_t i);

/* The patterns, one group a file: relate_text.c (words between mentions, sentences),
 * relate_prog.c (programs). Each adds what it finds to x->g. */
void gx_rel_roles(gx_rel_ctx *x);
void gx_rel_partners(gx_rel_ctx *x);
void gx_rel_sentences(gx_rel_ctx *x);
void gx_rel_components(gx_rel_ctx *x);
void gx_rel_programs(gx_rel_ctx *x);

/* Fills x->agent and x->agent_topic (relate_prog.c); runs before the patterns that read them. */
void gx_rel_agents(gx_rel_ctx *x);

#endif
