/* gx_graph.h: THE graph model. Stages add to it; emitters only read it.
 *
 * Building: gx_graph_intern() turns (kind, canonical name) into a node index; the link stage
 * counts mentions, windows and shared windows (co-mention edges) and adds typed relations with
 * their evidence. Counts that are per document are counted once: documents must be added in
 * increasing sequence number. gx_graph_finish() computes degrees and association measures, sorts
 * nodes by id and edges by (source id, target id), and freezes the graph: from then on it is
 * read-only and its order is the output order. The graph owns every string in it; the pointers
 * in gx_node, gx_edge and gx_evidence live until gx_graph_free(). Every string it stores is
 * sanitized on the way in (gx_sanitize): labels, aliases, document ids, evidence, info values.
 */
#ifndef GX_GRAPH_H
#define GX_GRAPH_H

#include <stdio.h>
#include "gx_common.h"
#include "gx_diag.h"

/* Typed relations a text states, in the fixed order used in the "relation" attribute. */
typedef enum {
    GX_REL_ROLE = 0,      /* person -> org: a title in it (区委书记陈红民) */
    GX_REL_PART_OF,       /* part -> whole: community -> subdistrict, party body -> unit */
    GX_REL_LOCATED_IN,    /* org -> place */
    GX_REL_PARTNER,       /* org <-> org that 联合 / 结对 / 共建 (undirected) */
    GX_REL_USES_PROGRAM,  /* org -> program it 运用 / 实施 / 开展 */
    GX_REL_COUNT
} gx_relation;

/* "role", "part_of", "located_in", "partner", "uses_program". */
const char *gx_relation_name(gx_relation r);
/* Returns 1 and sets *out for a relation name, else 0. */
int gx_relation_parse(const char *s, size_t n, gx_relation *out);

typedef struct {
    const char *doc;     /* document id */
    uint32_t sentence;   /* sentence index in the document */
    uint32_t start, end; /* original code points of the evidence span, end exclusive */
    const char *snippet; /* its text, at most GX_MAX_SNIPPET_CHARS code points */
    const char *pattern; /* typed relation: the pattern that stated it; NULL: co-mention */
} gx_evidence;

typedef struct {
    const char *id;        /* stable ASCII id, "<kind>_<16 hex digits>": same name and kind, same id */
    const char *label;     /* canonical name (UTF-8, NUL-terminated, sanitized: gx_sanitize) */
    const char *aliases;   /* the other surfaces seen, sorted, '|'-joined ("" if none; beyond
                              GX_MAX_ALIASES the least strings) */
    const char *first_doc; /* least id (byte order) of the documents that mention it */
    gx_kind kind;          /* org, person, place or program */
    uint32_t mentions;     /* mentions of the entity in all documents */
    uint32_t documents;    /* documents that mention it */
    uint32_t windows;      /* windows that mention it */
    uint32_t degree;       /* edges (after finish) */
    const gx_evidence *evidence; /* the least mentions by (document id, position), n_evidence */
    uint32_t n_evidence;
} gx_node;

typedef struct {
    uint32_t source;    /* node index; after finish, the node whose id sorts first */
    uint32_t target;    /* node index of the other end; never equal to source */
    uint32_t count;     /* windows (sentences, paragraphs or documents) shared; 0 if only typed */
    uint32_t sentences; /* sentences shared */
    uint32_t documents; /* documents in which the two share a window or a stated relation */
    uint32_t relations; /* bit set of gx_relation stated for the pair */
    uint32_t head;      /* node index of the head of its first directed relation (the end it is
                           stated for most often; on a tie the lesser id), UINT32_MAX if none */
    double pmi, npmi, jaccard, dice; /* association over windows (0 when count is 0) */
    const gx_evidence *evidence; /* typed evidence first, then co-mentions, each the least
                                    items by (document id, position); n_evidence items */
    uint32_t n_evidence;
} gx_edge;

typedef struct gx_graph gx_graph;

/* A new, empty graph keeping up to max_evidence items per node and edge (at most
 * GX_MAX_EVIDENCE). Free with gx_graph_free (NULL is a no-op). */
gx_graph *gx_graph_new_ev(uint32_t max_evidence);
/* gx_graph_new_ev(3). */
gx_graph *gx_graph_new(void);
void gx_graph_free(gx_graph *g);

/* Returns the index of the node (kind, name[0..len)), creating it if needed. The name is copied.
 * Must not be called after gx_graph_finish. */
uint32_t gx_graph_intern(gx_graph *g, gx_kind kind, const char *name, size_t len);

/* The stable id a node (kind, name) has or will have (for streaming outputs before finish).
 * Returns a pointer valid until the next call of this function. */
const char *gx_graph_id_of(gx_kind kind, const char *name, size_t len);

/* Counts one mention of node in document doc_seq (id doc) with surface text[0..len) (an alias if
 * it differs from the name) and keeps ev as evidence while fewer than the limit are kept. */
void gx_graph_add_mention(gx_graph *g, uint32_t node, size_t doc_seq, const char *doc,
                          const char *text, size_t len, const gx_evidence *ev);

/* Called for every evidence item of every edge as it is added (co-mention and typed), with the
 * ids of the two nodes (head first for a directed relation) and the relation name
 * ("co_mention" for a shared window). */
typedef void (*gx_evidence_hook)(void *ctx, const char *a_id, const char *b_id,
                                 const char *relation, const gx_evidence *ev);

/* Sets the hook (NULL: none). With a hook, gx_graph_pair_wants is always 1. */
void gx_graph_set_evidence_hook(gx_graph *g, gx_evidence_hook hook, void *ctx);

/* 1 if an evidence item of document doc starting at original code point start could still be
 * kept for node / for the pair (a, b): callers build snippets only then. */
int gx_graph_node_wants(const gx_graph *g, uint32_t node, const char *doc, uint32_t start);
int gx_graph_pair_wants(const gx_graph *g, uint32_t a, uint32_t b, const char *doc,
                        uint32_t start);

/* Counts one window holding node (for the association measures). */
void gx_graph_add_node_window(gx_graph *g, uint32_t node);

/* Counts n windows in all (mentioning anything or not). */
void gx_graph_add_windows(gx_graph *g, uint64_t n);

/* Counts one window of document doc_seq shared by nodes a and b (a != b; order irrelevant);
 * sentence = 1 when the window is (or lies in) one sentence both share; ev (may be NULL) is kept
 * as evidence while fewer than the limit are kept. */
void gx_graph_add_pair(gx_graph *g, uint32_t a, uint32_t b, size_t doc_seq, int sentence,
                       const gx_evidence *ev);

/* Counts one sentence of document doc_seq shared by a and b without sharing a window count
 * (for paragraph and document windows: sentences are counted apart from windows). */
void gx_graph_add_shared_sentence(gx_graph *g, uint32_t a, uint32_t b);

/* States relation rel from head to tail (partner: either way) in document doc_seq, with ev (not
 * NULL; its pattern names the rule) as evidence. */
void gx_graph_add_relation(gx_graph *g, gx_relation rel, uint32_t head, uint32_t tail,
                           size_t doc_seq, const gx_evidence *ev);

/* Adds everything src counted to dst (neither finished; src unchanged): the result equals the
 * graph of dst's and src's documents together, whatever the split (a document must be in one of
 * them only). Graph attributes are not merged. */
void gx_graph_merge(gx_graph *dst, const gx_graph *src);

/* gx_graph_merge(dst, src), then gx_graph_free(src); when dst has counted nothing yet (and keeps
 * as much evidence), dst takes src's contents instead of copying them: the same result, without
 * the copy (the first partial graph of a threaded run). */
void gx_graph_merge_free(gx_graph *dst, gx_graph *src);

/* ---- partial graphs as text lines (guanxi map writes them, guanxi reduce reads them) */

typedef struct {
    uint64_t documents; /* documents counted */
    char window[16];    /* co-mention window name ("" until a graph record names one) */
    uint32_t evidence;  /* reading: the least evidence limit among the records read (start at
                           UINT32_MAX); writing: unused (the graph's own limit is written) */
} gx_lines_meta;

/* Writes the unfinished graph g and m as "KEY<TAB>VALUE" lines (compact JSON; format at the top
 * of graph_io.c), sorted by key, to out (name for messages). GX_EIO on a write error. */
GX_MUST_CHECK gx_status gx_graph_write_lines(const gx_graph *g, const gx_lines_meta *m, FILE *out,
                                             const char *name, gx_diag *d);

/* Merges one line (without its newline) of such output into the unfinished graph g and m.
 * GX_EINPUT with a message naming file:lineno on a malformed line or a window that differs from
 * one read before. */
GX_MUST_CHECK gx_status gx_graph_read_line(gx_graph *g, gx_lines_meta *m, const char *line,
                                           size_t len, const char *file, long lineno, gx_diag *d);

/* Sets a graph-level attribute (copied; a key set twice keeps the last value). Attributes are
 * written in the order their keys were first set. Keys must be ASCII identifiers. */
void gx_graph_set_info(gx_graph *g, const char *key, const char *value);

/* Computes degrees and association measures, sorts and freezes the graph (see top of file).
 * Idempotent. */
void gx_graph_finish(gx_graph *g);

size_t gx_graph_node_count(const gx_graph *g);
size_t gx_graph_edge_count(const gx_graph *g);
/* The i-th node / edge (i < count). After finish, in output order. */
const gx_node *gx_graph_node(const gx_graph *g, size_t i);
const gx_edge *gx_graph_edge(const gx_graph *g, size_t i);
size_t gx_graph_info_count(const gx_graph *g);
/* The i-th graph attribute: sets *out_key and *out_value. */
void gx_graph_info(const gx_graph *g, size_t i, const char **out_key, const char **out_value);

/* Writes the relation attribute of e into buf (cap bytes): its typed relations in gx_relation
 * order, then co_mention when the pair shares windows, joined by '|'. Returns buf. */
char *gx_edge_relation_text(const gx_edge *e, char *buf, size_t cap);

/* Keeps only the nodes with keep_node[i] set and the edges with keep_edge[i] set whose ends are
 * both kept (indices in output order; the graph must be finished), recomputing degrees. */
void gx_graph_keep(gx_graph *g, const uint8_t *keep_node, const uint8_t *keep_edge);

/* Verifies the invariants (ids well-formed and unique, sorted order after finish, endpoints in
 * range, no self loops, one edge per pair, counts consistent). Prints each violation to err (may
 * be NULL) and returns the number of violations. */
size_t gx_graph_check(const gx_graph *g, FILE *err);

#endif
