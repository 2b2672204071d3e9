/* SPDX-License-Identifier: MIT */
/*
 * Evaluating a stream of cases in input order on several threads (io.h, ek_evaluate_stream()).
 *
 * A pipeline over a ring of batches: the calling thread reads lines into the next free batch
 * (copying their text) and publishes it; the worker threads, started once for the whole stream
 * (parallel.c), take its slots a few at a time and parse, evaluate and render each into its own
 * case and evaluation; as soon as the oldest batch is finished, the calling thread applies the
 * duplicate-id check and hands its slots to the caller in order, and the batch is free to be
 * read into again.  When it has nothing to read or hand over, the calling thread takes slots
 * too, so with two threads both work.  So reading batch k+1 and writing batch k-1 overlap the
 * work on batch k, and threads are started and joined once, not once per batch.
 *
 * Every callback of the caller but `render` runs on the calling thread, and the outcome of each
 * line does not depend on the number of threads: the line is read by ek__case_read_line() exactly
 * as ek_case_reader_next() reads it, and the id check, which depends on the lines before, runs in
 * input order when the batch is handed over (io_internal.h).
 *
 * Synchronisation: one mutex guards the ring's counters (filled, handed, grab) and each batch's
 * next and done; a batch's lines and slots are written by the calling thread only while it is
 * not published (or after it is done), and each slot by the one thread that took it.
 */
#include <pthread.h>
#include <string.h>

#include "../buf_internal.h"
#include "../i18n.h"
#include "../parallel_internal.h"
#include "io_internal.h"

/* Batches in the ring (one with one thread: nothing to overlap) and lines per batch: with
 * LINES_PER_THREAD * threads per batch, NBUF * LINES_PER_THREAD = 128 lines per thread are in
 * flight at most (io.h).  Slots are taken CHUNK at a time (one lock per CHUNK lines). */
#define NBUF 4
#define LINES_PER_THREAD 32
#define LINES_ONE_THREAD 8
#define CHUNK 8
#define MAX_THREADS EK__THREADS_MAX

typedef struct slot {
    size_t off, len;          /* the line's text in its batch's text */
    unsigned long line;
    int pre;                  /* the reader's error for this line: no text, err set */
    int status;
    ek_stream_stage stage;
    unsigned long long key;   /* the id's key for the in-order duplicate check (0: none) */
    ek_case *c;
    ek_evaluation *ev;
    char *out;                /* the render callback's text */
    size_t out_len, out_cap;
    ek_error err;             /* the failure */
} slot;

typedef struct batch {
    char *text;               /* the lines, each NUL-terminated */
    size_t tlen, tcap;
    slot *slots;              /* nslots made (with case and evaluation), n used */
    size_t nslots, n;
    size_t next, done;        /* under the lock: the next slot to take, slots finished */
} batch;

typedef struct stream {
    const ek_context *ctx;
    const ek_rulebook *rb;
    const ek_evaluate_stream_options *opt;
    const char *name;
    int read_lang;            /* the caller's language: the reading's, as ek_case_reader_next()'s */
    unsigned int threads;
    void *parsers[MAX_THREADS];
    batch ring[NBUF];
    unsigned int nbuf;        /* batches in the ring */
    size_t max;               /* lines per batch */
    size_t chunk;             /* slots taken at a time */
    pthread_mutex_t lock;
    pthread_cond_t work_cv;   /* to the workers: a batch was published, or stop */
    pthread_cond_t done_cv;   /* to the calling thread: a batch is finished */
    /* Under the lock.  Batch number k (0, 1, …) is ring[k % nbuf]; batches handed … filled-1 are
     * in flight, grab is the oldest that may still have slots to take. */
    unsigned long long filled, handed, grab;
    int stop;
} stream;

int ek_buffer_append(char **buf, size_t *len, size_t *cap, const char *data, size_t n)
{
    if (buf == NULL || len == NULL || cap == NULL || (*buf == NULL && (*len || *cap)) || *len > *cap ||
        (data == NULL && n > 0))
        return ek__error(EK_EINVAL, "ek_buffer_append: NULL or inconsistent argument");
    if (n >= (size_t)-1 / 2 - *len)
        return ek__oom();
    int rc = ek__vec_reserve((void **)buf, cap, *len + n + 1, 1, 1024);
    if (rc != EK_OK)
        return rc;
    if (n > 0)
        memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0';
    return EK_OK;
}

static int text_reserve(batch *b, size_t more)
{
    if (more > ((size_t)-1) - b->tlen)
        return ek__oom();
    return ek__vec_reserve((void **)&b->text, &b->tcap, b->tlen + more, 1, 1u << 16);
}

/* Slot @i of batch @b, made (with its case and evaluation) on first use. */
static int slot_get(batch *b, size_t i, slot **out)
{
    if (i >= b->nslots) {
        slot *s = &b->slots[i];
        memset(s, 0, sizeof *s);
        int rc = ek_case_new(&s->c, "-");
        if (rc == EK_OK)
            rc = ek_evaluation_new(&s->ev);
        if (rc != EK_OK) {
            ek_case_free(s->c);
            return rc;
        }
        b->nslots = i + 1;
    }
    slot *s = &b->slots[i];
    s->pre = 0;
    s->status = EK_OK;
    s->stage = EK_STREAM_OK;
    s->key = 0;
    s->out_len = 0;
    *out = s;
    return EK_OK;
}

/*
 * Fill batch @b (not published) from the reader.  Returns EK_OK (*end set at the end of the input
 * or after a read error that ends it, which is kept in the last slot) or EK_ENOMEM (the batch is
 * lost).
 */
static int fill(stream *S, batch *b, ek_case_reader *r, int *end)
{
    b->n = b->tlen = b->next = b->done = 0;
    *end = 0;
    while (b->n < S->max) {
        const char *text;
        size_t len;
        int lang = ek__lang_enter(S->read_lang);
        int rc = ek__case_reader_next_text(r, &text, &len);
        ek__lang_restore(&lang);
        if (rc == 0) {
            *end = 1;
            return EK_OK;
        }
        ek_error e;
        if (rc < 0)
            e = *ek_error_last();
        slot *s;
        int mrc = slot_get(b, b->n, &s);
        if (mrc != EK_OK)
            return mrc;
        s->line = ek_case_reader_line(r);
        if (rc < 0) {
            s->pre = 1;
            s->status = rc;
            s->stage = EK_STREAM_READ;
            s->err = e;
            b->n++;
            if (rc == EK_EIO || rc == EK_ENOMEM) {
                *end = 1;
                return EK_OK;
            }
            continue;
        }
        if ((mrc = text_reserve(b, len + 1)) != EK_OK)
            return mrc;
        s->off = b->tlen;
        s->len = len;
        memcpy(b->text + b->tlen, text, len);
        b->text[b->tlen + len] = '\0';
        b->tlen += len + 1;
        b->n++;
    }
    return EK_OK;
}

static void fail(slot *s, int rc, ek_stream_stage stage)
{
    s->status = rc;
    s->stage = stage;
    s->err = *ek_error_last();
}

static void work_one(const stream *S, const batch *b, slot *s, void *parser)
{
    if (s->pre)
        return;
    int lang = ek__lang_enter(S->read_lang);
    int rc = ek__case_read_line(parser, s->c, b->text + s->off, s->len, S->name, s->line, &s->key);
    ek__lang_restore(&lang);
    if (rc != EK_OK) {
        fail(s, rc, EK_STREAM_READ);
        return;
    }
    rc = ek_evaluate_case(S->ctx, S->rb, s->c, S->opt->as_of, s->ev);
    if (rc != EK_OK) {
        fail(s, rc, EK_STREAM_EVALUATE);
        return;
    }
    if (S->opt->render != NULL) {
        rc = S->opt->render(S->opt->render_user, s->c, s->ev, &s->out, &s->out_len, &s->out_cap);
        if (rc != EK_OK)
            fail(s, rc, EK_STREAM_RENDER);
    }
}

/* Under the lock: take up to S->chunk slots [*i0, *i1) of the oldest published batch that has
 * some left, or NULL. */
static batch *take_locked(stream *S, size_t *i0, size_t *i1)
{
    while (S->grab < S->filled) {
        batch *b = &S->ring[S->grab % S->nbuf];
        if (b->next < b->n) {
            size_t k = b->n - b->next < S->chunk ? b->n - b->next : S->chunk;
            *i0 = b->next;
            b->next += k;
            *i1 = b->next;
            if (b->next == b->n)
                S->grab++;
            return b;
        }
        S->grab++;
    }
    return NULL;
}

/* With the lock held on entry and on return: work on slots [i0, i1) of @b with @parser. */
static void work_chunk_locked(stream *S, batch *b, size_t i0, size_t i1, void *parser)
{
    pthread_mutex_unlock(&S->lock);
    for (size_t i = i0; i < i1; i++)
        work_one(S, b, &b->slots[i], parser);
    pthread_mutex_lock(&S->lock);
    b->done += i1 - i0;
    if (b->done == b->n)
        pthread_cond_signal(&S->done_cv);
}

/* Worker thread @t (1 … threads-1): takes slots until told to stop. */
static void worker(void *arg, unsigned int t)
{
    stream *S = arg;
    pthread_mutex_lock(&S->lock);
    for (;;) {
        size_t i0 = 0, i1 = 0;
        batch *b = NULL;
        while (!S->stop && (b = take_locked(S, &i0, &i1)) == NULL)
            pthread_cond_wait(&S->work_cv, &S->lock);
        if (S->stop)
            break;
        work_chunk_locked(S, b, i0, i1, S->parsers[t]);
    }
    pthread_mutex_unlock(&S->lock);
}

static int report_progress(const stream *S, const ek_stream_progress *p)
{
    return S->opt->progress != NULL ? S->opt->progress(S->opt->progress_user, p) : 0;
}

/* On the calling thread: the id check and the result callback for each slot of finished batch @b,
 * in order.  Returns EK_OK, a callback's value, or the status of a read error that ends the input. */
static int hand_over(stream *S, batch *b, ek_case_reader *r, ek_stream_result_fn on_result, void *user,
                     ek_stream_progress *prog, unsigned long every)
{
    const ek_evaluate_stream_options *opt = S->opt;
    int rc = EK_OK;
    for (size_t i = 0; i < b->n && rc == EK_OK; i++) {
        slot *s = &b->slots[i];
        if (!s->pre) {
            int lang = ek__lang_enter(S->read_lang);
            int claim = ek__case_reader_claim_id(r, s->key, b->text + s->off, s->len, s->line);
            ek__lang_restore(&lang);
            if (claim != EK_OK) /* the duplicate's error replaces the line's result */
                fail(s, claim, EK_STREAM_READ);
        }
        int ok = s->status == EK_OK;
        ek_stream_result res = { EK_STREAM_RESULT_VERSION, s->line, s->status, s->stage,
                                 ok ? NULL : &s->err,
                                 s->stage == EK_STREAM_OK || s->stage > EK_STREAM_READ ? s->c : NULL,
                                 s->stage == EK_STREAM_OK || s->stage == EK_STREAM_RENDER ? s->ev : NULL,
                                 ok && opt->render ? s->out : NULL, ok && opt->render ? s->out_len : 0 };
        /* The callback runs in the language of what it is given: a reading error in the
         * reading's (the caller's), anything else in the context's, so that ek_error_format()
         * of res.error puts its connecting words in the message's language. */
        int cb_lang = ek__lang_enter(s->stage == EK_STREAM_READ ? S->read_lang : EK__LANG_KEEP);
        rc = on_result(user, &res);
        ek__lang_restore(&cb_lang);
        if (rc != 0)
            break;
        prog->lines++;
        prog->evaluated += ok;
        prog->rejected += !ok;
        prog->line = s->line;
        if (s->stage == EK_STREAM_READ && (s->status == EK_EIO || s->status == EK_ENOMEM))
            rc = s->status; /* a read error or an allocation failure while reading ends the input */
        else if (prog->lines % every == 0)
            rc = report_progress(S, prog);
    }
    return rc;
}

/* The pipeline on the calling thread (see the top): returns as ek_evaluate_stream(). */
static int run(stream *S, ek_case_reader *r, ek_stream_result_fn on_result, void *user)
{
    const ek_evaluate_stream_options *opt = S->opt;
    unsigned long every = opt->progress_every ? opt->progress_every : 1000;
    ek_stream_progress prog = { EK_STREAM_PROGRESS_VERSION, 0, 0, 0, 0, 0 };
    int rc = EK_OK, fill_rc = EK_OK, end = 0;
    pthread_mutex_lock(&S->lock);
    for (;;) {
        batch *head = &S->ring[S->handed % S->nbuf];
        if (S->handed < S->filled && head->done == head->n) { /* hand the oldest batch over */
            pthread_mutex_unlock(&S->lock);
            rc = hand_over(S, head, r, on_result, user, &prog, every);
            pthread_mutex_lock(&S->lock);
            S->handed++;
            if (S->grab < S->handed) /* an empty batch, never taken from */
                S->grab = S->handed;
            if (rc != EK_OK)
                break;
            continue;
        }
        if (!end && S->filled - S->handed < S->nbuf) { /* read into the next free batch */
            batch *b = &S->ring[S->filled % S->nbuf];
            pthread_mutex_unlock(&S->lock);
            fill_rc = fill(S, b, r, &end);
            pthread_mutex_lock(&S->lock);
            if (fill_rc != EK_OK) { /* that batch is lost; the ones before it are still handed over */
                end = 1;
                continue;
            }
            S->filled++;
            pthread_cond_broadcast(&S->work_cv);
            continue;
        }
        if (S->handed == S->filled) /* everything read was handed over */
            break;
        size_t i0 = 0, i1 = 0;
        batch *b = take_locked(S, &i0, &i1);
        if (b != NULL) /* help the workers */
            work_chunk_locked(S, b, i0, i1, S->parsers[0]);
        else /* the oldest batch's last slots are on other threads */
            pthread_cond_wait(&S->done_cv, &S->lock);
    }
    pthread_mutex_unlock(&S->lock);
    if (rc == EK_OK)
        rc = fill_rc;
    if (rc == EK_OK) {
        prog.done = 1;
        rc = report_progress(S, &prog);
    }
    return rc;
}

int ek_evaluate_stream(const ek_context *ctx, ek_case_reader *r, const ek_evaluate_stream_options *opt,
                       ek_stream_result_fn on_result, void *user)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || r == NULL || opt == NULL || on_result == NULL)
        return ek__error(EK_EINVAL, "ek_evaluate_stream: NULL argument");
    if (opt->version != EK_EVALUATE_STREAM_OPTIONS_VERSION)
        return ek__error(EK_EINVAL, "ek_evaluate_stream: options version %u, expected %u", opt->version,
                         (unsigned)EK_EVALUATE_STREAM_OPTIONS_VERSION);
    if (opt->as_of == EK_DATE_NONE)
        return ek__error(EK_EINVAL, "ek_evaluate_stream: no as_of date");
    stream S;
    memset(&S, 0, sizeof S);
    S.ctx = ctx;
    S.read_lang = ek__lang_saved; /* the caller's language, saved by EK__CONTEXT_LANG() */
    S.rb = opt->rulebook ? opt->rulebook : ek_rulebook_builtin();
    S.opt = opt;
    S.name = ek_case_reader_name(r);
    S.threads = opt->jobs == 0 ? 1 : opt->jobs > MAX_THREADS ? MAX_THREADS : opt->jobs;
    S.nbuf = S.threads == 1 ? 1 : NBUF;
    S.max = S.threads == 1 ? LINES_ONE_THREAD : (size_t)LINES_PER_THREAD * S.threads;
    S.chunk = S.threads == 1 ? S.max : CHUNK;
    int rc = EK_OK;
    for (unsigned k = 0; k < S.nbuf && rc == EK_OK; k++)
        if ((S.ring[k].slots = ek__calloc(S.max, sizeof *S.ring[k].slots)) == NULL)
            rc = ek__oom();
    int locks = 0; /* the mutex and the two conditions made */
    if (rc == EK_OK) {
        if (pthread_mutex_init(&S.lock, NULL) == 0) {
            locks = 1;
            if (pthread_cond_init(&S.work_cv, NULL) == 0) {
                locks = 2;
                if (pthread_cond_init(&S.done_cv, NULL) == 0)
                    locks = 3;
            }
        }
        if (locks < 3)
            rc = ek__error(EK_ENOMEM, "cannot create a mutex");
    }
    if (rc == EK_OK) {
        for (unsigned t = 0; t < S.threads; t++)
            S.parsers[t] = ek__case_parser_new(); /* NULL: a parser per line (slower, same results) */
        ek__thread_group g;
        ek__threads_start(&g, S.threads, worker, &S);
        rc = run(&S, r, on_result, user);
        pthread_mutex_lock(&S.lock);
        S.stop = 1;
        pthread_cond_broadcast(&S.work_cv);
        pthread_mutex_unlock(&S.lock);
        ek__threads_join(&g);
        for (unsigned t = 0; t < S.threads; t++)
            ek__case_parser_free(S.parsers[t]);
    }
    if (locks > 2)
        pthread_cond_destroy(&S.done_cv);
    if (locks > 1)
        pthread_cond_destroy(&S.work_cv);
    if (locks > 0)
        pthread_mutex_destroy(&S.lock);
    for (unsigned k = 0; k < S.nbuf; k++) {
        batch *b = &S.ring[k];
        for (size_t i = 0; i < b->nslots; i++) {
            ek_case_free(b->slots[i].c);
            ek_evaluation_free(b->slots[i].ev);
            ek__free(b->slots[i].out);
        }
        ek__free(b->slots);
        ek__free(b->text);
    }
    return rc;
}
