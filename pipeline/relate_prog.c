/* relate_prog.c: who acts where (stage 7b, see relate.c), and uses_program: an agent -> a
 * program it runs.
 *   sentence     the subject of the program's clause: the first agent of its sentence (an org,
 *                or an administrative place used as the agent) that can be a subject, or a
 *                later one that opens a clause of its own (…;惠济法院党总支通过…开展…)
 *   context      else the topic: of the subjects that opened a clause in the sentences before
 *                (街道党工委提出…), the one most often so, a heading's subject (——中原区委组织部
 *                统筹推进…) counting twice and for the whole text (Chinese drops the subject the
 *                text is about: …。扎实开展“支部建设提升年”活动); a topic place stands for the
 *                body located in it by name (北林路街道 -> 北林路街道党工委); a document may
 *                hold several articles, each ended by an author line, and a topic ends with its
 *                article
 * An agent is no subject when it only names a speaker's body (区委书记陈红民介绍), is cited as a
 * news source (央视网消息), follows an object mark (组建红叶合唱团, 对众意路小学), stands in a
 * document title (《二七区委…方案》) or a quotation (“平安和谐北林”), is counted (3个区域大党委) or
 * heads a longer name; a person subject leaves its clause to the person.
 */
#include <string.h>
#include "relate_int.h"
#include <stdlib.h>

/* Sentences a topic lasts without being named again. */
#define S_CONTEXT 40

/* What gx_rel_agents keeps while it walks the mentions in order: the last 《 or 》 and the last
 * quotation mark before the mention (S_in_title, S_in_quote), which mentions name a speaker's
 * body (S_speaker). */
typedef struct {
    uint32_t scanned;  /* the text before it was looked at for 《 》 and quotation marks */
    uint32_t mark_at;  /* 1 + position of the last 《 or 》 before scanned, 0 if none */
    uint32_t mark;     /* that character */
    uint8_t *speaker;  /* per mention: 0 not known yet, 1 no, 2 a speaker's body */
    uint32_t quote_at; /* 1 + position of the last quotation mark before scanned, 0 if none */
    int quote_open;    /* that mark opened a quotation */
    int quote_clause;  /* a clause ended since: the quotation is speech, not a name */
} S_walk;

/* 1 if a mention starting at s lies inside 《…》 within its sentence: the last 《 or 》 between
 * the sentence start and s is a 《. Calls come in order of s. */
static int S_in_title(const gx_rel_ctx *x, S_walk *wk, uint32_t s, uint32_t sent_start) {
    for (; wk->scanned < s; wk->scanned++) {
        uint32_t c = x->doc->cp[wk->scanned];
        if (c == 0x300A || c == 0x300B) { /* 《 》 */
            wk->mark_at = wk->scanned + 1;
            wk->mark = c;
        } else if (c == 0x201C || c == 0x201D || c == '"') { /* “ ” and " (opens, then closes) */
            wk->quote_open = c == '"' ? wk->quote_at < sent_start || !wk->quote_open : c == 0x201C;
            wk->quote_at = wk->scanned + 1;
            wk->quote_clause = 0;
        } else if (gx_rel_clause_end(c))
            wk->quote_clause = 1;
    }
    return wk->mark_at > sent_start && wk->mark == 0x300A;
}

/* 1 if a mention lies inside a quotation within its sentence (whose opening mark may end the
 * sentence before: 。“), with no clause end before it in the quotation (a slogan: “平安和谐
 * 北林”, not speech: “…,区委提出了…”); call after S_in_title for the mention's start. */
static int S_in_quote(const S_walk *wk, uint32_t sent_start) {
    return wk->quote_at >= sent_start && wk->quote_open && !wk->quote_clause;
}

/* 1 if a numeral and a measure word stand right before position s (3个, 15家). */
static int S_counted(const gx_rel_ctx *x, uint32_t s) {
    for (uint32_t len = 1; len <= 3 && len < s; len++)
        if (gx_rel_hit_between(x, s - len, s, GX_ROLE_GENERIC, "measure") &&
            gx_rel_numeral(x->doc->cp[s - len - 1]))
            return 1;
    return 0;
}

/* The next top-level mention after mention i, or SIZE_MAX. */
static size_t S_next(const gx_rel_ctx *x, size_t i) {
    size_t j = i + 1;
    while (j < x->ms->n && x->ms->v[j].nested)
        j++;
    return j < x->ms->n ? j : SIZE_MAX;
}

/* 1 if org mention i only names a speaker's body: a title and the person follow it, or a title,
 * 、 and another such org (省委常委、市委书记马懿), which is one by the same rule. The answer is
 * kept for every mention of the chain, so that each mention is looked at once. */
static int S_speaker(const gx_rel_ctx *x, S_walk *wk, size_t i) {
    size_t from = i;
    int yes;
    for (;;) {
        if (wk->speaker[i]) {
            yes = wk->speaker[i] == 2;
            break;
        }
        if ((yes = gx_rel_titled(x, i) != SIZE_MAX)) break;
        size_t k = S_next(x, i);
        if (k == SIZE_MAX || x->ms->v[k].kind != GX_KIND_ORG) break;
        uint32_t comma = x->ms->v[k].start - 1;
        if (x->doc->cp[comma] != 0x3001 || comma <= x->ms->v[i].end ||
            !gx_rel_hit_between(x, x->ms->v[i].end, comma, GX_ROLE_TITLE, NULL))
            break;
        i = k;
    }
    for (size_t k = from; k != i; k = S_next(x, k))
        wk->speaker[k] = (uint8_t)(1 + yes);
    wk->speaker[i] = (uint8_t)(1 + yes);
    return yes;
}

/* Words that make the org right before them a news source (央视网消息, 新华社电, 据…报道). */
static const char *const S_source[] = {"消息", "讯", "电", "报道", "援引"};

/* 1 if org mention m is cited as a news source. */
static int S_news_source(const gx_rel_ctx *x, const gx_mention *m) {
    if (m->start > 0 && x->doc->cp[m->start - 1] == 0x636E) return 1; /* 据 */
    for (size_t k = 0; k < sizeof S_source / sizeof *S_source; k++)
        if (gx_rel_word_at(x, m->end, x->doc->n, S_source[k])) return 1;
    return 0;
}

/* Words that make the agent right after them an object (组建红叶合唱团, 对众意路小学, 来到金水区).
 */
static const char *const S_object_marks[] = {"组建", "组成", "成立", "联合", "携手", "帮助",
                                             "指导", "慰问", "走进", "来到", "庆祝", "纪念",
                                             "统筹", "对",   "向",   "给",   "为"};

/* 1 if an object mark ends right before mention m. */
static int S_object(const gx_rel_ctx *x, const gx_mention *m) {
    for (size_t k = 0; k < sizeof S_object_marks / sizeof *S_object_marks; k++) {
        const char *w = S_object_marks[k];
        uint32_t n = (uint32_t)(strlen(w) / 3); /* Han characters are 3 UTF-8 bytes */
        if (m->start >= n && gx_rel_word_at(x, m->start - n, m->start, w) == n) return 1;
    }
    return 0;
}

/* 1 if mention i can be the subject of its sentence: an agent that is not a speaker's body, not
 * a news source, not an object, not in a title, not counted and not the first part of a longer
 * name (管城回族区航海东路街道). */
static int S_subject(const gx_rel_ctx *x, S_walk *wk, size_t i) {
    const gx_mention *m = &x->ms->v[i];
    if (!gx_rel_agent(x, m)) return 0;
    const gx_sentence *se = &x->doc->sents[m->sent];
    size_t k = S_next(x, i);
    if (k != SIZE_MAX && x->ms->v[k].start == m->end) return 0;
    return !S_speaker(x, wk, i) && !S_news_source(x, m) && !S_object(x, m) &&
           !S_in_title(x, wk, m->start, se->start) && !S_in_quote(wk, se->start) &&
           !S_counted(x, m->start);
}

/* 1 if mention i opens a clause: only spaces, dashes, Markdown heading marks (## ——) and the
 * places its name follows (管城回族区 of 管城回族区航海东路街道) between it and the sentence
 * start or the last clause end. */
static int S_opens_clause(const gx_rel_ctx *x, size_t i) {
    const gx_mention *m = &x->ms->v[i];
    uint32_t s0 = x->doc->sents[m->sent].start, p = m->start;
    for (size_t k = x->prev_top[i]; k != SIZE_MAX && x->ms->v[k].end == p &&
                                    x->ms->v[k].kind == GX_KIND_PLACE && x->ms->v[k].start >= s0;
         k = x->prev_top[k])
        p = x->ms->v[k].start;
    for (; p > s0; p--) {
        uint32_t c = x->doc->cp[p - 1];
        if (gx_rel_clause_end(c)) return 1;
        if (c != ' ' && c != 0x2014 && c != '-' && c != 0x3000 && c != '#') return 0;
    }
    return 1;
}

/* 1 if sentence s is a heading: a paragraph of its own that ends without 。 ! ? (a title or
 * subtitle: ——中原区委组织部统筹推进基层党建). */
static int S_heading(const gx_rel_ctx *x, uint32_t s) {
    const gx_sentence *se = &x->doc->sents[s];
    if ((s > 0 && x->doc->sents[s - 1].para == se->para) ||
        (s + 1 < x->doc->n_sents && x->doc->sents[s + 1].para == se->para) || se->end == se->start)
        return 0;
    uint32_t c = x->doc->cp[se->end - 1];
    return c != 0x3002 && c != '!' && c != '?' && c != ';';
}

/* The topic (see the top of the file): of the subjects that opened a clause so far, the one
 * with the most weight, a subject counting 1 for its node while it lies at most S_CONTEXT
 * sentences back and 2 for good in a heading, which speaks for the text below it (ties: the
 * latest subject). Kept up to date as subjects come and leave the window: per node (x->lid) the
 * weight and latest counting subject, and a tournament tree over the nodes whose root is the
 * heaviest, so that each mention asks in constant time. */
typedef struct {
    size_t *subj;         /* the clause-opening subjects, in order (of their sentences too) */
    size_t n, expired;    /* subjects; those before `expired` left the window or are headings */
    size_t *weight;       /* per node: the weight of its counting subjects */
    size_t *last;         /* per node: 1 + position in subj of its latest counting subject, or 0 */
    size_t *last_head;    /* per node: 1 + position in subj of its latest subject in a heading */
    uint32_t *tree;       /* tree[1]: the best node; node l's leaf at size + l; UINT32_MAX: none */
    size_t size;          /* leaves: a power of two, at least one per node */
    uint32_t *group;      /* per node: the node of its actor (S_actors), whose weight it adds to */
    uint32_t *article;    /* per sentence: the first sentence of its article (S_articles) */
    size_t heads_expired; /* subjects before it are no headings of an article before the asked */
} S_topics;

/* Of nodes a and b, the heavier (ties: the one with the latest counting subject). */
static uint32_t S_better(const S_topics *t, uint32_t a, uint32_t b) {
    if (a == UINT32_MAX || b == UINT32_MAX) return a == UINT32_MAX ? b : a;
    if (t->weight[a] != t->weight[b]) return t->weight[a] > t->weight[b] ? a : b;
    return t->last[a] >= t->last[b] ? a : b;
}

/* Most names and characters of an author line (张贺喜 陈卫博 张萌). */
#define S_AUTHOR_NAMES 5
#define S_AUTHOR_CHARS 4

/* 1 if sentence s is an author line: a paragraph of its own holding 2 to S_AUTHOR_NAMES names
 * of 2 to S_AUTHOR_CHARS Han characters apart by spaces, the first a person mention. */
static int S_author_line(const gx_rel_ctx *x, uint32_t s) {
    const gx_sentence *se = &x->doc->sents[s];
    if ((s > 0 && x->doc->sents[s - 1].para == se->para) ||
        (s + 1 < x->doc->n_sents && x->doc->sents[s + 1].para == se->para))
        return 0;
    size_t i = gx_rel_first_from(x, se->start);
    if (i >= x->ms->n || x->ms->v[i].start != se->start || x->ms->v[i].kind != GX_KIND_PERSON)
        return 0;
    unsigned names = 0, len = 0;
    for (uint32_t p = se->start; p <= se->end; p++) {
        uint32_t c = p < se->end ? x->doc->cp[p] : ' ';
        if (c >= 0x4E00 && c <= 0x9FFF) {
            if (++len > S_AUTHOR_CHARS) return 0;
            continue;
        }
        if ((c != ' ' && c != 0x3000) || (len > 0 && len < 2)) return 0;
        names += len > 0;
        len = 0;
    }
    return names >= 2 && names <= S_AUTHOR_NAMES;
}

/* 1 if sentence s is a paragraph of its own that holds a byline's name (本报记者 孙志刚). */
static int S_byline(const gx_rel_ctx *x, uint32_t s) {
    const gx_sentence *se = &x->doc->sents[s];
    if ((s > 0 && x->doc->sents[s - 1].para == se->para) ||
        (s + 1 < x->doc->n_sents && x->doc->sents[s + 1].para == se->para))
        return 0;
    for (size_t i = gx_rel_first_from(x, se->start); i < x->ms->n && x->ms->v[i].start < se->end;
         i++)
        if (x->ms->v[i].kind == GX_KIND_PERSON && strcmp(x->ms->v[i].source, "rule:byline") == 0)
            return 1;
    return 0;
}

/* Per sentence the first sentence of its article: a document may hold several articles. One
 * ends with an author line after prose (张贺喜 陈卫博 张萌), or the next one opens with its
 * headings and a byline after prose (中原区汝河路街道办事处 / 为民逐梦惟笃行 / 本报记者 孙志刚). */
static uint32_t *S_articles_new(const gx_rel_ctx *x) {
    uint32_t n = x->doc->n_sents, start = 0, prose = 0; /* 1 + the article's last prose sentence */
    uint32_t *a = gx_xmalloc((n ? n : 1) * sizeof *a);
    for (uint32_t s = 0; s < n; s++) {
        a[s] = start;
        if (prose && S_byline(x, s)) {
            uint32_t k = s;
            while (k > prose && S_heading(x, k - 1))
                k--;
            for (uint32_t q = k; q <= s; q++)
                a[q] = k;
            start = k;
            prose = 0;
        } else if (s > 0 && !S_heading(x, s - 1) && S_author_line(x, s)) {
            start = s + 1;
            prose = 0;
        } else if (!S_heading(x, s))
            prose = s + 1;
    }
    return a;
}

static void S_topics_new(const gx_rel_ctx *x, S_topics *t) {
    size_t n = x->n_lids ? x->n_lids : 1;
    t->subj = gx_xmalloc((x->ms->n ? x->ms->n : 1) * sizeof *t->subj);
    t->n = t->expired = t->heads_expired = 0;
    t->article = S_articles_new(x);
    t->weight = gx_xcalloc(n, sizeof *t->weight);
    t->last = gx_xcalloc(n, sizeof *t->last);
    t->last_head = gx_xcalloc(n, sizeof *t->last_head);
    for (t->size = 1; t->size < n; t->size *= 2)
        ;
    t->tree = gx_xmalloc(2 * t->size * sizeof *t->tree);
    t->group = gx_xmalloc(n * sizeof *t->group);
    for (size_t l = 0; l < n; l++)
        t->group[l] = (uint32_t)l;
    for (size_t l = 0; l < t->size; l++)
        t->tree[t->size + l] = l < x->n_lids ? (uint32_t)l : UINT32_MAX;
    for (size_t k = t->size; k-- > 1;)
        t->tree[k] = S_better(t, t->tree[2 * k], t->tree[2 * k + 1]);
}

static void S_topics_free(S_topics *t) {
    free(t->subj);
    free(t->weight);
    free(t->last);
    free(t->last_head);
    free(t->tree);
    free(t->group);
    free(t->article);
}

/* Node l's weight or latest subject changed: replays its matches up to the root. */
static void S_topics_update(S_topics *t, uint32_t l) {
    for (size_t k = (t->size + l) / 2; k >= 1; k /= 2)
        t->tree[k] = S_better(t, t->tree[2 * k], t->tree[2 * k + 1]);
}

/* Subject mention i opened a clause. */
static void S_topics_add(const gx_rel_ctx *x, S_topics *t, size_t i) {
    size_t pos = t->n++;
    uint32_t l = t->group[x->lid[i]];
    int heading = S_heading(x, x->ms->v[i].sent);
    t->subj[pos] = i;
    t->weight[l] += heading ? 2 : 1;
    t->last[l] = pos + 1;
    if (heading) t->last_head[l] = pos + 1;
    S_topics_update(t, l);
}

/* The headings of the articles before sentence `art` stop counting. */
static void S_topics_leave_article(const gx_rel_ctx *x, S_topics *t, uint32_t art) {
    for (; t->heads_expired < t->n; t->heads_expired++) {
        size_t pos = t->heads_expired, k = t->subj[pos];
        uint32_t s = x->ms->v[k].sent, l = t->group[x->lid[k]];
        if (s >= art) break;
        if (!S_heading(x, s)) continue;
        t->weight[l] -= 2;
        if (t->last_head[l] == pos + 1) t->last_head[l] = 0;
        if (t->last[l] == pos + 1) t->last[l] = 0;
        S_topics_update(t, l);
    }
}

/* The topic at sentence `sent` (not before the last one asked), SIZE_MAX if none. Subjects
 * leave the window oldest first: one that was its node's latest leaves only the node's
 * headings counting; all leave at the start of the next article. */
static size_t S_topic(const gx_rel_ctx *x, S_topics *t, uint32_t sent) {
    uint32_t art = t->article[sent];
    for (; t->expired < t->n; t->expired++) {
        size_t k = t->subj[t->expired];
        uint32_t s = x->ms->v[k].sent, l = t->group[x->lid[k]];
        if (S_heading(x, s)) continue;
        if (s + S_CONTEXT >= sent && s >= art) break;
        t->weight[l]--;
        if (t->last[l] == t->expired + 1) t->last[l] = t->last_head[l];
        S_topics_update(t, l);
    }
    S_topics_leave_article(x, t, art);
    uint32_t best = t->tree[1];
    return best != UINT32_MAX && t->weight[best] ? t->subj[t->last[best] - 1] : SIZE_MAX;
}

/* Words that, right after a person, report what the person says
 * (区委书记陈红民介绍,近年来,二七区…): the next clause has a subject of its own. */
static const char *const S_speech[] = {"介绍", "说", "表示", "指出", "强调", "认为", "谈到"};

/* Where a person mention p's reported speech starts (after the speech word and a clause end),
 * or 0 when p is not followed by one: then p is the sentence's subject. */
static uint32_t S_speech_end(const gx_rel_ctx *x, const gx_mention *p) {
    for (size_t k = 0; k < sizeof S_speech / sizeof *S_speech; k++) {
        uint32_t n = gx_rel_word_at(x, p->end, x->doc->n, S_speech[k]);
        uint32_t q = p->end + n;
        if (n && q < x->doc->n && gx_rel_clause_end(x->doc->cp[q])) return q + 1;
    }
    return 0;
}

/* An org located by name in a place node (x->loc_node). */
typedef struct {
    uint32_t node; /* the place's node */
    size_t i;      /* the org mention */
} S_body;

static int S_cmp_body(const void *pa, const void *pb) {
    const S_body *a = pa, *b = pb;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Per place node orgs are located in by name, the body of the place: of those orgs the one
 * mentioned most at top level (ties: the first); sorted by node, *out_n of them. The caller
 * frees the array. */
static S_body *S_bodies_new(const gx_rel_ctx *x, size_t *out_n) {
    S_body *v = gx_xmalloc((x->ms->n ? x->ms->n : 1) * sizeof *v);
    size_t n = 0, k = 0;
    for (size_t i = 0; i < x->ms->n; i++)
        if (x->loc_node[i] != UINT32_MAX) v[n++] = (S_body){x->loc_node[i], i};
    gx_sort(v, n, sizeof *v, S_cmp_body);
    for (size_t a = 0; a < n; a++) {
        if (k && v[k - 1].node == v[a].node) {
            if (x->top_count[x->lid[v[a].i]] > x->top_count[x->lid[v[k - 1].i]]) v[k - 1] = v[a];
        } else
            v[k++] = v[a];
    }
    *out_n = k;
    return v;
}

/* What one walk over the mentions in order keeps: the sentence's subject and a person subject's
 * reach, per mention whether it opens a clause as a subject, per node its latest top-level
 * mention. */
typedef struct {
    S_walk wk;
    uint8_t *opener; /* per mention: 1 if a subject that opens a clause */
    size_t *latest;  /* per node: its latest top-level mention so far, SIZE_MAX if none */
    size_t *rep;     /* per actor node (S_topics.group): the node that names it */
} S_pass_state;

/* The mention that names the actor of topic mention o: the latest one so far of the node that
 * names its actor, else o. */
static size_t S_named_topic(const gx_rel_ctx *x, const S_topics *t, const S_pass_state *ps,
                            size_t o) {
    if (o == SIZE_MAX) return o;
    size_t r = ps->rep[t->group[x->lid[o]]];
    return ps->latest[r] != SIZE_MAX ? ps->latest[r] : o;
}

/* One walk over the mentions: fills ps->opener; with t, also x->agent and x->agent_topic (per
 * sentence the first subject before the mention, else the topic; none after a person
 * subject). */
static void S_pass(gx_rel_ctx *x, S_topics *t, S_pass_state *ps) {
    const gx_mentions *ms = x->ms;
    size_t subject = SIZE_MAX;
    uint32_t sent = UINT32_MAX, blocked = 0; /* a person subject blocks others up to here */
    ps->wk.scanned = ps->wk.mark_at = ps->wk.mark = ps->wk.quote_at = 0;
    ps->wk.quote_open = ps->wk.quote_clause = 0;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        if (m->sent != sent) {
            sent = m->sent;
            subject = SIZE_MAX;
            blocked = 0;
        }
        if (subject == SIZE_MAX && m->kind == GX_KIND_PERSON && !m->nested && m->start >= blocked) {
            uint32_t e = S_speech_end(x, m);
            blocked = e ? e : x->doc->sents[m->sent].end;
        }
        if (t) {
            x->agent[i] = subject; /* the agent before mention i */
            x->agent_topic[i] = 0;
            if (m->start < blocked)
                x->agent[i] = SIZE_MAX; /* the person's doing */
            else if (subject == SIZE_MAX) {
                x->agent[i] = S_named_topic(x, t, ps, S_topic(x, t, m->sent));
                x->agent_topic[i] = 1;
            }
            if (!m->nested) ps->latest[x->lid[i]] = i;
        }
        ps->opener[i] = 0;
        if (m->start >= blocked && S_subject(x, &ps->wk, i)) {
            int opens = S_opens_clause(x, i);
            if (subject == SIZE_MAX || opens) subject = i; /* a clause's own subject */
            ps->opener[i] = (uint8_t)opens;
            if (opens && t) S_topics_add(x, t, i);
        }
    }
}

/* The node of place node `node` among the document's (x->lid), UINT32_MAX if no mention has
 * it; first[l] is a mention of node l (nodes are numbered in increasing order). */
static uint32_t S_lid_of(const gx_rel_ctx *x, const size_t *first, uint32_t node) {
    size_t lo = 0, hi = x->n_lids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->node_of[first[mid]] < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->n_lids && x->node_of[first[lo]] == node ? (uint32_t)lo : UINT32_MAX;
}

/* Actors: a place and the body located in it by name (北林路街道, 北林路街道党工委) are one
 * actor for the topic, their subjects weigh together; the topic names the one the text writes
 * out (not a short form: 北林) as a clause-opening subject more often, ties the body
 * (汝河路街道以…, ten times: the place; 北林路街道党工委 as often as 北林路街道: the body). */
static void S_actors(const gx_rel_ctx *x, S_topics *t, S_pass_state *ps) {
    size_t n = x->n_lids ? x->n_lids : 1, nb;
    size_t *first = gx_xmalloc(n * sizeof *first), *subjects = gx_xcalloc(n, sizeof *subjects);
    for (size_t i = x->ms->n; i-- > 0;) {
        first[x->lid[i]] = i;
        subjects[x->lid[i]] += ps->opener[i] && strcmp(x->ms->v[i].source, "rule:short_form") != 0;
    }
    for (size_t l = 0; l < n; l++)
        ps->rep[l] = l;
    S_body *b = S_bodies_new(x, &nb);
    for (size_t k = 0; k < nb; k++) {
        uint32_t lp = S_lid_of(x, first, b[k].node), lb = x->lid[b[k].i];
        if (lp == UINT32_MAX || t->group[lb] != lb || lp == lb) continue;
        t->group[lb] = lp;
        ps->rep[lp] = subjects[lp] > subjects[lb] ? lp : lb;
    }
    free(b);
    free(first);
    free(subjects);
}

/* The agent of every mention (see relate_int.h): a first walk finds the subjects, which settle
 * the actors; the second finds the agents. */
void gx_rel_agents(gx_rel_ctx *x) {
    size_t n = x->ms->n ? x->ms->n : 1;
    S_pass_state ps = {.wk = {.speaker = gx_xcalloc(n, 1)},
                       .opener = gx_xmalloc(n),
                       .latest = gx_xmalloc(n * sizeof *ps.latest),
                       .rep = gx_xmalloc(n * sizeof *ps.rep)};
    for (size_t l = 0; l < n; l++)
        ps.latest[l] = SIZE_MAX;
    S_topics topics;
    S_topics_new(x, &topics);
    S_pass(x, NULL, &ps);
    S_actors(x, &topics, &ps);
    S_pass(x, &topics, &ps);
    free(ps.wk.speaker);
    free(ps.opener);
    free(ps.latest);
    free(ps.rep);
    S_topics_free(&topics);
}

/* The value of a Chinese numeral or digit from 1 to 10 (the count of a numbered program), else 0.
 */
static int S_count_of(uint32_t c) {
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                    0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
    if (c >= '1' && c <= '9') return (int)(c - '0');
    if (c == 0x4E24) return 2; /* 两 */
    for (size_t k = 0; k < sizeof nums / sizeof *nums; k++)
        if (nums[k] == c) return (int)k + 1;
    return 0;
}

/* Longest item of an owner's list (S_owner). */
#define S_MAX_OWNED_ITEM 8

/* The owner of numbered program mention i: an org written right before the items the number
 * counts, each of 2 to S_MAX_OWNED_ITEM Han characters, joined by list joins, with nothing else
 * between (郑州市委新型城镇化、产业发展、开放创新、生态建设“四大重点”工作: 郑州市委, not the
 * sentence's subject), else SIZE_MAX. */
static size_t S_owner(const gx_rel_ctx *x, size_t i) {
    const gx_mention *u = &x->ms->v[i];
    uint32_t s = u->start, at = u->start;
    while (s < u->end && (x->doc->cp[s] == 0x201C || x->doc->cp[s] == '"'))
        s++;
    int want = S_count_of(x->doc->cp[s]), items = 0;
    if (at > 0 && (x->doc->cp[at - 1] == 0x201C || x->doc->cp[at - 1] == '"')) at--;
    size_t o = x->prev_top[i];
    if (want < 2 || o == SIZE_MAX || x->ms->v[o].kind != GX_KIND_ORG) return SIZE_MAX;
    uint32_t from = x->ms->v[o].end, len = 0; /* the item read backwards from at */
    for (uint32_t p = at; p > from; p--) {
        uint32_t c = x->doc->cp[p - 1];
        if (c >= 0x4E00 && c <= 0x9FFF && c != 0x548C && c != 0x53CA && ++len <= S_MAX_OWNED_ITEM)
            continue;
        if (len < 2 || gx_rel_join_at(x, p - 1, p) != 1) return SIZE_MAX;
        items++;
        len = 0;
    }
    return len >= 2 && items + 1 == want ? o : SIZE_MAX;
}

/* Words for the member units of a body that open a sentence as its subject (各成员单位充分
 * 履行监督权利…, 也推动了“一居一特色”). */
static const char *const S_member_subjects[] = {"各成员单位", "成员单位"};

/* The body formed by members last before program mention i when its sentence opens with its
 * member units as the subject: they act as that body (members), else SIZE_MAX. */
static size_t S_member_agent(const gx_rel_ctx *x, size_t i) {
    const gx_sentence *se = &x->doc->sents[x->ms->v[i].sent];
    uint32_t p = se->start;
    while (p < se->end && (x->doc->cp[p] == ' ' || x->doc->cp[p] == 0x3000))
        p++;
    if (x->formed[i] == SIZE_MAX) return SIZE_MAX;
    for (size_t k = 0; k < sizeof S_member_subjects / sizeof *S_member_subjects; k++)
        if (gx_rel_word_at(x, p, se->end, S_member_subjects[k])) return x->formed[i];
    return SIZE_MAX;
}

/* uses_program: a program -> its agent (sentence or context), its owner (S_owner: owner) or the
 * body its sentence's member units act as (S_member_agent: members). */
void gx_rel_programs(gx_rel_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        if (m->kind != GX_KIND_PROGRAM || m->nested) continue;
        size_t o = S_owner(x, i);
        const char *pattern = "owner";
        if (o == SIZE_MAX && (o = S_member_agent(x, i)) != SIZE_MAX) pattern = "members";
        if (o == SIZE_MAX && (o = x->agent[i]) != SIZE_MAX)
            pattern = x->agent_topic[i] ? "context" : "sentence";
        if (o != SIZE_MAX)
            gx_rel_add(x, GX_REL_USES_PROGRAM, x->node_of[o], x->node_of[i], &x->ms->v[o], m,
                       pattern);
    }
}
