/* relate_prog.c: who acts where (stage 7b, see relate.c), and uses_program: an agent -> a
 * program it runs.
 *   sentence     the subject of the program's clause: the first agent of its sentence (an org,
 *                or an administrative place used as the agent) that can be a subject, or a
 *                later one that opens a clause of its own (…;惠济法院党总支通过…开展…)
 *   context      else the topic: of the subjects that opened a clause in the sentences before
 *                (街道党工委提出…), the one most often so, a heading's subject (——中原区委组织部
 *                统筹推进…) counting twice and for the whole text (Chinese drops the subject the
 *                text is about: …。扎实开展“支部建设提升年”活动); a topic place stands for the
 *                body located in it by name (北林路街道 -> 北林路街道党工委)
 * An agent is no subject when it only names a speaker's body (区委书记陈红民介绍), is cited as a
 * news source (央视网消息), follows an object mark (组建红叶合唱团, 对众意路小学), stands in a
 * document title (《二七区委…方案》), is counted (3个区域大党委) or heads a longer name; a
 * person subject leaves its clause to the person.
 */
#include <string.h>
#include "relate_int.h"
#include <stdlib.h>

/* Sentences a topic lasts without being named again. */
#define S_CONTEXT 40

/* 1 if [s, e) lies inside 《…》 within its sentence. */
static int S_in_title(const gx_rel_ctx *x, uint32_t s, uint32_t sent_start) {
    for (uint32_t p = s; p > sent_start; p--) {
        uint32_t c = x->doc->cp[p - 1];
        if (c == 0x300B) return 0; /* 》 */
        if (c == 0x300A) return 1; /* 《 */
    }
    return 0;
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
 * 、 and another such org (省委常委、市委书记马懿). */
static int S_speaker(const gx_rel_ctx *x, size_t i) {
    for (;;) {
        if (gx_rel_titled(x, i) != SIZE_MAX) return 1;
        size_t k = S_next(x, i);
        if (k == SIZE_MAX || x->ms->v[k].kind != GX_KIND_ORG) return 0;
        uint32_t comma = x->ms->v[k].start - 1;
        if (x->doc->cp[comma] != 0x3001 || comma <= x->ms->v[i].end ||
            !gx_rel_hit_between(x, x->ms->v[i].end, comma, GX_ROLE_TITLE, NULL))
            return 0;
        i = k;
    }
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
static const char *const S_object_marks[] = {"组建", "组成", "成立", "联合", "携手", "帮助", "指导",
                                             "慰问", "走进", "来到", "对",   "向",   "给",   "为"};

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
static int S_subject(const gx_rel_ctx *x, size_t i) {
    const gx_mention *m = &x->ms->v[i];
    if (!gx_rel_agent(x, m)) return 0;
    const gx_sentence *se = &x->doc->sents[m->sent];
    size_t k = S_next(x, i);
    if (k != SIZE_MAX && x->ms->v[k].start == m->end) return 0;
    return !S_speaker(x, i) && !S_news_source(x, m) && !S_object(x, m) &&
           !S_in_title(x, m->start, se->start) && !S_counted(x, m->start);
}

/* 1 if mention i opens a clause: only spaces and dashes between it and the sentence start or
 * the last clause end. */
static int S_opens_clause(const gx_rel_ctx *x, size_t i) {
    const gx_mention *m = &x->ms->v[i];
    uint32_t s0 = x->doc->sents[m->sent].start;
    for (uint32_t p = m->start; p > s0; p--) {
        uint32_t c = x->doc->cp[p - 1];
        if (gx_rel_clause_end(c)) return 1;
        if (c != ' ' && c != 0x2014 && c != '-' && c != 0x3000) return 0;
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

/* Weight of subject mention k for the topic at sentence `sent`: 0 when it lies more than
 * S_CONTEXT sentences back, except in a heading, which speaks for the text below it and
 * counts twice. */
static size_t S_weight(const gx_rel_ctx *x, size_t k, uint32_t sent) {
    uint32_t s = x->ms->v[k].sent;
    if (S_heading(x, s)) return 2;
    return s + S_CONTEXT >= sent;
}

/* The topic at sentence `sent`: of the subjects subj[0..n) that opened a clause, the one with
 * the most weight (ties: the latest); SIZE_MAX if none. */
static size_t S_topic(const gx_rel_ctx *x, const size_t *subj, size_t n, uint32_t sent) {
    size_t best = SIZE_MAX, best_n = 0;
    for (size_t a = 0; a < n; a++) {
        if (!S_weight(x, subj[a], sent)) continue;
        size_t c = 0;
        for (size_t b = 0; b < n; b++)
            if (x->node_of[subj[b]] == x->node_of[subj[a]]) c += S_weight(x, subj[b], sent);
        if (c >= best_n) {
            best = subj[a];
            best_n = c;
        }
    }
    return best;
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

/* The agent of every mention (see relate_int.h): per sentence the first subject before it,
 * else the topic; none after a person subject. */
void gx_rel_agents(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t subject = SIZE_MAX, n_subj = 0;
    size_t *subj = gx_xmalloc((ms->n ? ms->n : 1) * sizeof *subj); /* clause-opening subjects */
    uint32_t sent = UINT32_MAX, blocked = 0; /* a person subject blocks others up to here */
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
        x->agent[i] = subject; /* the agent before mention i */
        x->agent_topic[i] = 0;
        if (m->start < blocked)
            x->agent[i] = SIZE_MAX; /* the person's doing */
        else if (subject == SIZE_MAX) {
            x->agent[i] = S_topic(x, subj, n_subj, m->sent);
            x->agent_topic[i] = 1;
        }
        if (m->start >= blocked && S_subject(x, i)) {
            int opens = S_opens_clause(x, i);
            if (subject == SIZE_MAX || opens) subject = i; /* a clause's own subject */
            if (opens) subj[n_subj++] = i;
        }
    }
    free(subj);
}

/* The body of place mention p: of the orgs of the document located in it by name (文化路街道党工委
 * in 文化路街道), the one mentioned most (ties: the first); p itself if none. */
static size_t S_body_of(const gx_rel_ctx *x, size_t p) {
    size_t best = p, best_n = 0;
    for (size_t i = 0; i < x->ms->n; i++) {
        if (x->loc_node[i] != x->node_of[p]) continue;
        size_t n = 0;
        for (size_t j = 0; j < x->ms->n; j++)
            n += x->node_of[j] == x->node_of[i] && !x->ms->v[j].nested;
        if (n > best_n) {
            best = i;
            best_n = n;
        }
    }
    return best;
}

/* uses_program: a program -> its agent (sentence or context). */
void gx_rel_programs(gx_rel_ctx *x) {
    for (size_t i = 0; i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        size_t o = x->agent[i];
        if (m->kind != GX_KIND_PROGRAM || m->nested || o == SIZE_MAX) continue;
        if (x->agent_topic[i] && x->ms->v[o].kind == GX_KIND_PLACE) o = S_body_of(x, o);
        gx_rel_add(x, GX_REL_USES_PROGRAM, x->node_of[o], x->node_of[i], &x->ms->v[o], m,
                   x->agent_topic[i] ? "context" : "sentence");
    }
}
