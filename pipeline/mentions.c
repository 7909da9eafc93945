/* mentions.c: `guanxi mentions` output: one JSON object a mention (see gx_mentions.h).
 *
 * Sits after stage 6 (entities): the mentions of each document are printed as soon as the
 * document is done, so output streams with the input.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "gx_mentions.h"

/* Builds the JSON object of mention m; NULL if cJSON fails. */
static cJSON *S_object(gx_doc *doc, const gx_mention *m) {
    const char *surf;
    size_t len;
    gx_doc_orig_slice(doc, m->ostart, m->oend, &surf, &len);
    char *text = gx_xstrndup(surf, len);
    cJSON *o = cJSON_CreateObject();
    int ok = o && cJSON_AddStringToObject(o, "doc", doc->id) &&
             cJSON_AddNumberToObject(o, "start", m->ostart) &&
             cJSON_AddNumberToObject(o, "end", m->oend) &&
             cJSON_AddStringToObject(o, "type", gx_kind_name(m->kind)) &&
             cJSON_AddStringToObject(o, "text", text) &&
             cJSON_AddStringToObject(o, "entity", m->canonical) &&
             cJSON_AddStringToObject(o, "source", m->source) &&
             (!m->nested || cJSON_AddTrueToObject(o, "nested"));
    free(text);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

gx_status gx_mentions_write(FILE *out, gx_doc *doc, const gx_mentions *ms, gx_diag *d) {
    for (size_t i = 0; i < ms->n; i++) {
        cJSON *o = S_object(doc, &ms->v[i]);
        char *line = o ? cJSON_PrintUnformatted(o) : NULL;
        cJSON_Delete(o);
        if (!line) return gx_diag_error(d, GX_ELIB, doc->file, doc->line, "cJSON failed");
        int bad = fputs(line, out) == EOF || fputc('\n', out) == EOF;
        free(line);
        if (bad) return gx_diag_error(d, GX_EIO, "stdout", 0, "write error: %s", strerror(errno));
    }
    return GX_OK;
}
