/* relate_prog.c: uses_program (stage 7b, see relate.c): an org -> a program it runs.
 *   sentence     the first agent of the program's sentence (an org, or an administrative place
 *                used as the agent) when one comes before the program
 *   context      else the org the text around it is about
 */
#include "relate_int.h"

/* The org the text around sentence `sent` is about: the one with most top-level mentions in
 * the S_CONTEXT sentences up to it (ties: the latest); SIZE_MAX if none. */
#define S_CONTEXT 40
static size_t S_dominant(const gx_rel_ctx *x, size_t upto, uint32_t sent) {
    size_t best = SIZE_MAX, best_n = 0;
    for (size_t i = 0; i <= upto && i < x->ms->n; i++) {
        const gx_mention *m = &x->ms->v[i];
        if (m->kind != GX_KIND_ORG || m->nested || m->sent + S_CONTEXT < sent) continue;
        size_t n = 0;
        for (size_t j = 0; j <= upto; j++)
            n += x->node_of[j] == x->node_of[i] && !x->ms->v[j].nested &&
                 x->ms->v[j].sent + S_CONTEXT >= sent;
        if (n >= best_n) {
            best = i;
            best_n = n;
        }
    }
    return best;
}

/* uses_program: the first agent of the program's sentence (its subject: an org or an
 * administrative place) when one comes before the program, else the org the text around it is
 * about. */
void gx_rel_programs(gx_rel_ctx *x) {
    const gx_mentions *ms = x->ms;
    size_t first_org = SIZE_MAX;
    uint32_t sent = UINT32_MAX;
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        if (m->sent != sent) {
            sent = m->sent;
            first_org = SIZE_MAX;
        }
        if (gx_rel_agent(m) && first_org == SIZE_MAX) first_org = i;
        if (m->kind != GX_KIND_PROGRAM || m->nested) continue;
        size_t o = first_org;
        const char *pattern = "sentence";
        if (o == SIZE_MAX) {
            o = S_dominant(x, i, m->sent);
            pattern = "context";
        }
        if (o != SIZE_MAX)
            gx_rel_add(x, GX_REL_USES_PROGRAM, x->node_of[o], x->node_of[i], &ms->v[o], m, pattern);
    }
}
