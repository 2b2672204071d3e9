/* SPDX-License-Identifier: MIT */
/*
 * Evaluating a stream of cases in input order on several threads (io.h, ek_evaluate_stream()).
 *
 * One batch at a time: the calling thread reads up to 256 lines per thread (copying their text),
 * the threads of ek__parallel_for() — the calling one among them — parse, evaluate and render
 * them, each slot into its own case and evaluation, and the calling thread then applies the
 * duplicate-id check and hands the slots to the caller in order.  Every callback of the caller
 * but `render` therefore runs on the calling thread, and the outcome of each line does not depend
 * on the number of threads: the line is read by ek__case_read_line() exactly as
 * ek_case_reader_next() reads it, and the id check, which depends on the lines before, runs in
 * order (io_internal.h).
 */
#include <stdatomic.h>
#include <string.h>

#include "../buf_internal.h"
#include "../i18n.h"
#include "../parallel_internal.h"
#include "io_internal.h"

/* Lines per batch: per thread, to outweigh starting the threads; one thread needs no batch. */
#define LINES_PER_THREAD 128
#define LINES_ONE_THREAD 8
#define MAX_THREADS 64

typedef struct slot {
    size_t off, len;          /* the line's text in stream.text */
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

typedef struct stream {
    const ek_context *ctx;
    const ek_rulebook *rb;
    const ek_evaluate_stream_options *opt;
    const char *name;
    char *text;               /* the batch's lines, each NUL-terminated */
    size_t tlen, tcap;
    slot *slots;              /* nslots made (with case and evaluation), n used in this batch */
    size_t nslots, n;
    void *parsers[MAX_THREADS];
    unsigned int threads;
    atomic_size_t next;       /* the next slot a thread takes */
    int read_lang;            /* the caller's language: the reading's, as ek_case_reader_next()'s */
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

static int text_reserve(stream *S, size_t more)
{
    if (more > ((size_t)-1) - S->tlen)
        return ek__oom();
    return ek__vec_reserve((void **)&S->text, &S->tcap, S->tlen + more, 1, 1u << 16);
}

/* Slot @i of the batch, made (with its case and evaluation) on first use. */
static int slot_get(stream *S, size_t i, slot **out)
{
    if (i >= S->nslots) {
        slot *s = &S->slots[i];
        memset(s, 0, sizeof *s);
        int rc = ek_case_new(&s->c, "-");
        if (rc == EK_OK)
            rc = ek_evaluation_new(&s->ev);
        if (rc != EK_OK) {
            ek_case_free(s->c);
            return rc;
        }
        S->nslots = i + 1;
    }
    slot *s = &S->slots[i];
    s->pre = 0;
    s->status = EK_OK;
    s->stage = EK_STREAM_OK;
    s->key = 0;
    s->out_len = 0;
    *out = s;
    return EK_OK;
}

/*
 * Fill the batch from the reader.  Returns EK_OK (*end set at the end of the input or after a
 * read error that ends it, which is kept in the last slot) or EK_ENOMEM (the batch is lost).
 */
static int fill(stream *S, ek_case_reader *r, size_t max, int *end)
{
    S->n = S->tlen = 0;
    *end = 0;
    while (S->n < max) {
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
        int mrc = slot_get(S, S->n, &s);
        if (mrc != EK_OK)
            return mrc;
        s->line = ek_case_reader_line(r);
        if (rc < 0) {
            s->pre = 1;
            s->status = rc;
            s->stage = EK_STREAM_READ;
            s->err = e;
            S->n++;
            if (rc == EK_EIO || rc == EK_ENOMEM) {
                *end = 1;
                return EK_OK;
            }
            continue;
        }
        if ((mrc = text_reserve(S, len + 1)) != EK_OK)
            return mrc;
        s->off = S->tlen;
        s->len = len;
        memcpy(S->text + S->tlen, text, len);
        S->text[S->tlen + len] = '\0';
        S->tlen += len + 1;
        S->n++;
    }
    return EK_OK;
}

static void fail(slot *s, int rc, ek_stream_stage stage)
{
    s->status = rc;
    s->stage = stage;
    s->err = *ek_error_last();
}

static void work_one(stream *S, slot *s, void *parser)
{
    if (s->pre)
        return;
    int lang = ek__lang_enter(S->read_lang);
    int rc = ek__case_read_line(parser, s->c, S->text + s->off, s->len, S->name, s->line, &s->key);
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

/* Job @t of ek__parallel_for(): thread t takes slots until none is left. */
static int work(void *arg, size_t t)
{
    stream *S = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&S->next, 1);
        if (i >= S->n)
            return EK_OK;
        work_one(S, &S->slots[i], S->parsers[t]);
    }
}

static int report_progress(stream *S, const ek_stream_progress *p)
{
    return S->opt->progress != NULL ? S->opt->progress(S->opt->progress_user, p) : 0;
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
    size_t max = S.threads == 1 ? LINES_ONE_THREAD : (size_t)LINES_PER_THREAD * S.threads;
    unsigned long every = opt->progress_every ? opt->progress_every : 1000;
    ek_stream_progress prog = { EK_STREAM_PROGRESS_VERSION, 0, 0, 0, 0, 0 };
    int rc = EK_OK, end = 0;
    S.slots = ek__calloc(max, sizeof *S.slots);
    if (S.slots == NULL)
        return ek__oom();
    for (unsigned t = 0; t < S.threads; t++)
        S.parsers[t] = ek__case_parser_new(); /* NULL: a parser per line (slower, same results) */
    while (rc == EK_OK && !end) {
        if ((rc = fill(&S, r, max, &end)) != EK_OK)
            break;
        atomic_store(&S.next, 0);
        if ((rc = ek__parallel_for(S.threads, S.threads, work, &S, NULL)) != EK_OK)
            break;
        for (size_t i = 0; i < S.n && rc == EK_OK; i++) {
            slot *s = &S.slots[i];
            if (!s->pre) {
                int lang = ek__lang_enter(S.read_lang);
                int claim = ek__case_reader_claim_id(r, s->key, S.text + s->off, s->len, s->line);
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
            int cb_lang = ek__lang_enter(s->stage == EK_STREAM_READ ? S.read_lang : EK__LANG_KEEP);
            rc = on_result(user, &res);
            ek__lang_restore(&cb_lang);
            if (rc != 0)
                break;
            prog.lines++;
            prog.evaluated += ok;
            prog.rejected += !ok;
            prog.line = s->line;
            if (s->stage == EK_STREAM_READ && (s->status == EK_EIO || s->status == EK_ENOMEM))
                rc = s->status; /* a read error or an allocation failure while reading ends the input */
            else if (prog.lines % every == 0)
                rc = report_progress(&S, &prog);
        }
    }
    if (rc == EK_OK) {
        prog.done = 1;
        rc = report_progress(&S, &prog);
    }
    for (unsigned t = 0; t < S.threads; t++)
        ek__case_parser_free(S.parsers[t]);
    for (size_t i = 0; i < S.nslots; i++) {
        ek_case_free(S.slots[i].c);
        ek_evaluation_free(S.slots[i].ev);
        ek__free(S.slots[i].out);
    }
    ek__free(S.slots);
    ek__free(S.text);
    return rc;
}
