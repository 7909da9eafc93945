/* run_docs.c: stages 1-7 for every document, on one thread or several (see run_int.h).
 *
 * The main thread reads documents into a ring of slots; worker threads take them in order, run
 * stages 2-7 and link into a partial graph of their own; the main thread commits finished slots
 * in input order (writing the slot's buffered mention or evidence lines) and frees them for the
 * next documents, so at most GX_SLOTS_PER_THREAD documents per thread are in memory. At the end
 * the partial graphs are merged (order-free, see graph_int.h), so the result does not depend on
 * which thread took which document. With one thread everything runs inline on the main thread.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "gx_emit.h"
#include "gx_mentions.h"
#include "gx_read.h"
#include "run_int.h"

/* Documents in flight per thread: enough to keep workers busy while one slow document is
 * committed, few enough that memory stays a handful of documents. */
#define GX_SLOTS_PER_THREAD 4

enum { S_FREE, S_READY, S_BUSY, S_DONE };

typedef struct {
    gx_doc doc;
    int state;
    gx_status rc;
    char *buf; /* lines to write when committed (mentions or evidence), or NULL */
    size_t len;
} S_slot;

typedef struct S_pool S_pool;

typedef struct {
    S_pool *p;
    gx_worker *w;
    gx_graph *g; /* partial graph (the result graph itself with one thread) */
    uint32_t *node_of;
    gx_run_stats st;
    pthread_t tid;
} S_thread;

struct S_pool {
    const gx_opts *o;
    gx_diag *d;
    FILE *edges;
    S_slot *slots;
    size_t n_slots;
    size_t next_read, next_take, next_commit; /* document sequence numbers */
    int closing;
    pthread_mutex_t mu;
    pthread_cond_t ready, done;
    /* progress (main thread only) */
    gx_reader *r;
    size_t total_bytes;
    double t0, last_shown;
    int show;
};

double gx_run_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- one document */

/* Stages 2-7 on the slot's document; lines for the output go to the slot's buffer. */
static gx_status S_process(S_thread *t, S_slot *s) {
    const gx_opts *o = t->p->o;
    const gx_mentions *ms;
    FILE *lines = NULL;
    gx_status rc = gx_worker_doc(t->w, &s->doc, t->p->d, &ms);
    if (rc != GX_OK) return rc;
    for (size_t i = 0; i < ms->n; i++) t->st.mentions[ms->v[i].kind]++;
    t->st.ambiguous += ms->ambiguous;
    t->st.generic += ms->generic;
    if (o->command == GX_CMD_MENTIONS || t->p->edges) lines = open_memstream(&s->buf, &s->len);
    if ((o->command == GX_CMD_MENTIONS || t->p->edges) && !lines)
        return gx_diag_error(t->p->d, GX_EIO, s->doc.file, 0, "cannot buffer output: %s",
                             strerror(errno));
    if (o->command == GX_CMD_MENTIONS) {
        rc = gx_mentions_write(lines, &s->doc, ms, t->p->d);
    } else {
        if (lines) gx_graph_set_evidence_hook(t->g, gx_emit_edge_line, lines);
        gx_link_doc(t->g, &s->doc, ms, &o->link, t->p->d, &t->node_of);
        gx_worker_relate(t->w, t->g, &s->doc, ms, t->node_of, t->p->d);
    }
    if (lines && fclose(lines) != 0 && rc == GX_OK)
        rc = gx_diag_error(t->p->d, GX_EIO, s->doc.file, 0, "cannot buffer output");
    return rc;
}

/* ---------------------------------------------------------------- progress */

static void S_progress(S_pool *p, int last) {
    double now = gx_run_now();
    if (!p->show || (!last && now - p->last_shown < 0.5)) return;
    p->last_shown = now;
    double mb = (double)gx_reader_bytes(p->r) / 1e6, secs = now - p->t0;
    double rate = secs > 0 ? mb / secs : 0;
    fprintf(stderr, "\rguanxi: %zu documents, %.1f MB, %.1f MB/s", p->next_commit, mb, rate);
    if (p->total_bytes && rate > 0 && !last) {
        double left = ((double)p->total_bytes / 1e6 - mb) / rate;
        fprintf(stderr, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    fprintf(stderr, last ? "\n" : "   ");
    fflush(stderr);
}

/* Total size of the inputs when they are all regular files (for the ETA), else 0. */
static size_t S_total_bytes(const gx_opts *o) {
    size_t total = 0;
    struct stat sb;
    for (size_t i = 0; i < o->n_inputs; i++) {
        if (strcmp(o->inputs[i], "-") == 0 || stat(o->inputs[i], &sb) != 0 || !S_ISREG(sb.st_mode))
            return 0;
        total += (size_t)sb.st_size;
    }
    return total;
}

/* ---------------------------------------------------------------- commit, in input order */

/* Writes the buffered lines of the next slot and frees it. Called with p->mu held (workers
 * never touch a DONE slot). */
static gx_status S_commit_one(S_pool *p, S_slot *s) {
    gx_status rc = s->rc;
    FILE *out = p->o->command == GX_CMD_MENTIONS ? p->o->out : p->edges;
    if (rc == GX_OK && s->len && fwrite(s->buf, 1, s->len, out) != s->len)
        rc = gx_diag_error(p->d, GX_EIO, out == p->edges ? p->o->edges_jsonl : "stdout", 0,
                           "write error: %s", strerror(errno));
    free(s->buf);
    s->buf = NULL;
    s->len = 0;
    gx_doc_clear(&s->doc);
    s->state = S_FREE;
    p->next_commit++;
    return rc;
}

/* Commits every finished slot at the head of the ring; with wait, first waits until the head
 * is finished. Returns the first error met. Called with p->mu held. */
static gx_status S_commit(S_pool *p, int wait) {
    gx_status rc = GX_OK;
    while (p->next_commit < p->next_read) {
        S_slot *s = &p->slots[p->next_commit % p->n_slots];
        if (s->state != S_DONE && !wait) break;
        while (s->state != S_DONE) pthread_cond_wait(&p->done, &p->mu);
        if ((rc = S_commit_one(p, s)) != GX_OK) break;
        wait = 0;
    }
    pthread_mutex_unlock(&p->mu);
    S_progress(p, 0);
    pthread_mutex_lock(&p->mu);
    return rc;
}

/* ---------------------------------------------------------------- workers */

static void *S_work(void *arg) {
    S_thread *t = arg;
    S_pool *p = t->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_take == p->next_read && !p->closing) pthread_cond_wait(&p->ready, &p->mu);
        if (p->next_take == p->next_read) break;
        S_slot *s = &p->slots[p->next_take++ % p->n_slots];
        s->state = S_BUSY;
        pthread_mutex_unlock(&p->mu);
        gx_status rc = S_process(t, s);
        pthread_mutex_lock(&p->mu);
        s->rc = rc;
        s->state = S_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ---------------------------------------------------------------- the loop */

/* Commits every document read so far, waiting for each; stops at the first error. */
static gx_status S_commit_all(S_pool *p) {
    gx_status rc = GX_OK;
    while (rc == GX_OK && p->next_commit < p->next_read) rc = S_commit(p, 1);
    return rc;
}

/* Reads documents into free slots until the inputs end or an error; returns the first error in
 * input order (what was read before a read error is still processed and committed). */
static gx_status S_feed(S_pool *p, S_thread *th, size_t n_threads) {
    gx_status rc = GX_OK, rc_read = GX_OK;
    int has = 1;
    pthread_mutex_lock(&p->mu);
    while (rc == GX_OK) {
        S_slot *s = &p->slots[p->next_read % p->n_slots];
        if (s->state != S_FREE && (rc = S_commit(p, 1)) != GX_OK) break;
        pthread_mutex_unlock(&p->mu);
        rc_read = gx_reader_next(p->r, &s->doc, &has); /* a free slot: no worker touches it */
        pthread_mutex_lock(&p->mu);
        if (rc_read != GX_OK || !has) break;
        s->state = S_READY;
        p->next_read++;
        if (n_threads == 1) {
            s->state = S_BUSY;
            s->rc = S_process(&th[0], s);
            s->state = S_DONE;
            p->next_take++;
        }
        pthread_cond_signal(&p->ready);
        rc = S_commit(p, 0);
    }
    if (rc == GX_OK) rc = S_commit_all(p);
    if (rc == GX_OK) rc = rc_read;
    p->next_read = p->next_take; /* after an error, documents not yet taken are dropped */
    p->closing = 1;
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->mu);
    return rc;
}

static void S_thread_init(S_thread *t, S_pool *p, const gx_engine *e, gx_graph *g,
                          size_t n_threads) {
    t->p = p;
    t->w = gx_worker_new(e);
    t->g = !g ? NULL : n_threads == 1 ? g : gx_graph_new_ev(p->o->evidence);
}

/* Adds what thread t counted to g and st, and frees it. */
static void S_thread_done(S_thread *t, gx_graph *g, gx_run_stats *st) {
    if (t->g && t->g != g) gx_graph_merge_free(g, t->g); /* the first one is moved, not copied */
    for (int k = 0; k < GX_KIND_COUNT; k++) st->mentions[k] += t->st.mentions[k];
    st->ambiguous += t->st.ambiguous;
    st->generic += t->st.generic;
    free(t->node_of);
    gx_worker_free(t->w);
}

gx_status gx_run_documents(const gx_opts *o, const gx_engine *e, gx_graph *g, FILE *edges,
                           gx_run_stats *st, gx_diag *d) {
    size_t n_threads = o->threads ? o->threads : 1, started = 0;
    S_pool p = {.o = o, .d = d, .edges = edges};
    p.n_slots = n_threads * GX_SLOTS_PER_THREAD;
    p.slots = gx_xcalloc(p.n_slots, sizeof *p.slots);
    p.r = gx_reader_new(o->inputs, o->n_inputs, d);
    if (o->command == GX_CMD_MAP) gx_reader_set_flags(p.r, GX_READ_STDIN_JSONL | GX_READ_NEED_IDS);
    gx_reader_set_encoding(p.r, o->encoding, o->lossy);
    p.t0 = p.last_shown = gx_run_now();
    p.show = o->progress;
    p.total_bytes = p.show ? S_total_bytes(o) : 0;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.done, NULL);
    S_thread *th = gx_xcalloc(n_threads, sizeof *th);
    for (size_t i = 0; i < n_threads; i++) S_thread_init(&th[i], &p, e, g, n_threads);
    gx_status rc = GX_OK;
    for (size_t i = 0; n_threads > 1 && i < n_threads && rc == GX_OK; i++, started++)
        if (pthread_create(&th[i].tid, NULL, S_work, &th[i]) != 0)
            rc = gx_diag_error(d, GX_EIO, NULL, 0, "cannot start thread %zu: %s", i + 1,
                               strerror(errno));
    gx_status rc2 = rc == GX_OK ? S_feed(&p, th, n_threads) : GX_OK;
    if (rc == GX_OK) rc = rc2;
    pthread_mutex_lock(&p.mu);
    p.closing = 1;
    pthread_cond_broadcast(&p.ready);
    pthread_mutex_unlock(&p.mu);
    for (size_t i = 0; i < started; i++) pthread_join(th[i].tid, NULL);
    if (rc == GX_OK) S_progress(&p, 1);
    st->docs = p.next_commit;
    st->bytes = gx_reader_bytes(p.r);
    for (size_t i = 0; i < n_threads; i++) S_thread_done(&th[i], g, st);
    for (size_t i = 0; i < p.n_slots; i++) {
        gx_doc_clear(&p.slots[i].doc);
        free(p.slots[i].buf);
    }
    free(th);
    free(p.slots);
    gx_reader_free(p.r);
    pthread_cond_destroy(&p.ready);
    pthread_cond_destroy(&p.done);
    pthread_mutex_destroy(&p.mu);
    return rc;
}
