/* SPDX-License-Identifier: MIT */
/*
 * ek_evaluate_stream() (io.h): the outcome of every line, in input order, equals the one-case-
 * at-a-time loop (ek_case_reader_next() + ek_evaluate_case()) for every number of threads; bad
 * lines and duplicate ids are reported at the same lines with the same errors; a callback that
 * returns non-zero stops at once; the progress callback is called at the same points whatever
 * the threads; the callbacks run on the calling thread.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "ek_test.h"

#include <egenkontroll/io.h>

/* ---- a growable list of strings: one per line's outcome ---- */

typedef struct strs {
    char **s;
    size_t n, cap;
} strs;

__attribute__((format(printf, 2, 3))) static void strs_add(strs *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    char *p = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(p);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->s = realloc(l->s, l->cap * sizeof *l->s);
        ck_assert_ptr_nonnull(l->s);
    }
    l->s[l->n++] = p;
}

static void strs_free(strs *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->s[i]);
    free(l->s);
    memset(l, 0, sizeof *l);
}

static const char *err_str(const ek_error *e, char *buf, size_t size)
{
    snprintf(buf, size, "%s|%s|%lu|%lu|%s|%s", e->message, e->source, e->line, e->column, e->record_id, e->field);
    return buf;
}

/* ---- the input: demo cases with every kind of bad line between them ---- */

static const char BAD_LINES[] =
    "\n   \n{\"id\":\"BAD-1\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-02-30\"}]}\n"
    "not json at all\n"
    "[1,2,3]\n"
    "{\"id\":\"CRLF-1\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-03-03\"}]}\r\n"
    "{\"id\":\"CRLF-1\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-99-03\"}]}\n"
    "{\"events\":[]}\n"
    "{\"id\":\"X\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-03-03\"}]}\n"
    "{\"id\":\"X\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-03-03\"}]}\n"
    "{\"id\":\"DEEP\",\"events\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n"
    "{\"id\":\"UNKNOWN-TYPE\",\"events\":[{\"type\":\"nytt_slags_handelse\",\"date\":\"2025-03-03\"}],\"extra\":1}\n";

/*
 * The demo cases, then the bad lines, then the first 300 demo lines again (all duplicates), then
 * a last case without a final newline: about 3,300 lines, many batches for every thread count.
 */
static char *mixed_input(size_t *len)
{
    size_t n;
    char *demo = ek_t_slurp_source("examples/data/cases.jsonl", &n);
    size_t head = 0;
    for (int k = 0; k < 300 && head < n; head++)
        if (demo[head] == '\n')
            k++;
    static const char last[] = "{\"id\":\"LAST\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-03-03\"}]}";
    char *p = malloc(n + sizeof BAD_LINES + head + sizeof last);
    ck_assert_ptr_nonnull(p);
    memcpy(p, demo, n);
    memcpy(p + n, BAD_LINES, sizeof BAD_LINES - 1);
    memcpy(p + n + sizeof BAD_LINES - 1, demo, head);
    memcpy(p + n + sizeof BAD_LINES - 1 + head, last, sizeof last);
    *len = n + sizeof BAD_LINES - 1 + head + sizeof last - 1;
    free(demo);
    return p;
}

/* ---- the reference: one case at a time ---- */

static void sequential(const ek_context *ctx, const char *data, size_t len, ek_date as_of, strs *out)
{
    ek_case_reader *r = NULL;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    char *buf = NULL, eb[1200];
    size_t blen = 0, bcap = 0;
    ck_ok(ek_case_reader_from_memory(&r, data, len, "mixed.jsonl"));
    ck_ok(ek_case_new(&c, "-"));
    ck_ok(ek_evaluation_new(&ev));
    for (;;) {
        int rc = ek_case_reader_next(r, c);
        if (rc == 0)
            break;
        unsigned long line = ek_case_reader_line(r);
        if (rc < 0) {
            strs_add(out, "%lu read %s %s", line, ek_status_name(rc), err_str(ek_error_last(), eb, sizeof eb));
            continue;
        }
        rc = ek_evaluate_case(ctx, ek_rulebook_builtin(), c, as_of, ev);
        if (rc != EK_OK) {
            strs_add(out, "%lu evaluate %s %s", line, ek_status_name(rc), err_str(ek_error_last(), eb, sizeof eb));
            continue;
        }
        blen = 0;
        ck_ok(ek_evaluation_append_json(ev, &buf, &blen, &bcap));
        strs_add(out, "%lu ok %s w%zu %s", line, ek_case_id(c), ek_case_warning_count(c), buf);
    }
    ek_free(buf);
    ek_evaluation_free(ev);
    ek_case_free(c);
    ek_case_reader_free(r);
}

/* ---- the stream ---- */

typedef struct collect {
    strs *out;
    pthread_t caller;
    int wrong_thread;
    int stop_after;     /* > 0: return 7 from this call on */
    size_t calls;
    strs progress;
} collect;

static int render_json(void *user, const ek_case *c, ek_evaluation *ev, char **buf, size_t *len, size_t *cap)
{
    (void)user;
    (void)c;
    return ek_evaluation_append_json(ev, buf, len, cap);
}

static int on_result(void *user, const ek_stream_result *r)
{
    collect *k = user;
    char eb[1200];
    k->calls++;
    if (!pthread_equal(pthread_self(), k->caller))
        k->wrong_thread = 1;
    ck_assert_uint_eq(r->version, EK_STREAM_RESULT_VERSION);
    if (r->status == EK_OK) {
        ck_assert_int_eq(r->stage, EK_STREAM_OK);
        ck_assert_ptr_null(r->error);
        ck_assert_ptr_nonnull(r->c);
        ck_assert_ptr_nonnull(r->ev);
        ck_assert_str_eq(ek_evaluation_case_id(r->ev), ek_case_id(r->c));
        strs_add(k->out, "%lu ok %s w%zu %.*s", r->line, ek_case_id(r->c), ek_case_warning_count(r->c),
                 (int)r->text_len, r->text);
    } else {
        ck_assert_ptr_nonnull(r->error);
        ck_assert_int_eq(r->error->status, r->status);
        ck_assert(r->stage == EK_STREAM_READ || r->stage == EK_STREAM_EVALUATE);
        if (r->stage == EK_STREAM_READ)
            ck_assert_ptr_null(r->c);
        else
            ck_assert_ptr_nonnull(r->c);
        strs_add(k->out, "%lu %s %s %s", r->line, r->stage == EK_STREAM_READ ? "read" : "evaluate",
                 ek_status_name(r->status), err_str(r->error, eb, sizeof eb));
    }
    return k->stop_after > 0 && k->calls >= (size_t)k->stop_after ? 7 : 0;
}

static int on_progress(void *user, const ek_stream_progress *p)
{
    collect *k = user;
    if (!pthread_equal(pthread_self(), k->caller))
        k->wrong_thread = 1;
    ck_assert_uint_eq(p->version, EK_STREAM_PROGRESS_VERSION);
    ck_assert_uint_eq(p->lines, p->evaluated + p->rejected);
    strs_add(&k->progress, "%llu %llu %llu %lu %d", p->lines, p->evaluated, p->rejected, p->line, p->done);
    return 0;
}

static int stream(const ek_context *ctx, const char *data, size_t len, ek_date as_of, unsigned jobs, collect *k)
{
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, data, len, "mixed.jsonl"));
    ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
    opt.as_of = as_of;
    opt.jobs = jobs;
    opt.render = render_json;
    opt.progress = on_progress;
    opt.progress_user = k;
    opt.progress_every = 100;
    k->caller = pthread_self();
    int rc = ek_evaluate_stream(ctx, r, &opt, on_result, k);
    ek_case_reader_free(r);
    return rc;
}

static void assert_same(const strs *want, const strs *got, unsigned jobs)
{
    for (size_t i = 0; i < want->n && i < got->n; i++)
        ck_assert_msg(strcmp(want->s[i], got->s[i]) == 0, "jobs %u, outcome %zu:\n  want %.300s\n  got  %.300s", jobs,
                      i, want->s[i], got->s[i]);
    ck_assert_uint_eq(got->n, want->n);
}

START_TEST(in_order_equals_one_at_a_time)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    size_t len;
    char *data = mixed_input(&len);
    ek_date as_of = ek_t_date("2026-06-30");
    strs want = { 0 };
    sequential(ctx, data, len, as_of, &want);
    ck_assert_uint_gt(want.n, 3000);
    strs first_progress = { 0 };
    static const unsigned jobs[] = { 1, 2, 4, 0, 3 };
    for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++) {
        strs got = { 0 };
        collect k = { .out = &got };
        ck_ok(stream(ctx, data, len, as_of, jobs[j], &k));
        ck_assert_msg(!k.wrong_thread, "a callback ran on another thread (jobs %u)", jobs[j]);
        assert_same(&want, &got, jobs[j]);
        /* Progress: every 100 lines and once at the end, the same for every thread count. */
        ck_assert_uint_eq(k.progress.n, want.n / 100 + 1);
        ck_assert_str_eq(k.progress.s[0], "100 100 0 100 0");
        const char *last = k.progress.s[k.progress.n - 1];
        ck_assert_msg(strstr(last, " 1") == last + strlen(last) - 2, "last progress call not done: %s", last);
        if (j == 0)
            first_progress = k.progress;
        else {
            assert_same(&first_progress, &k.progress, jobs[j]);
            strs_free(&k.progress);
        }
        strs_free(&got);
    }
    strs_free(&first_progress);
    strs_free(&want);
    free(data);
    ek_context_free(ctx);
}
END_TEST

/* Bad lines and duplicate ids at their lines, with the reader's errors; the good lines around them kept. */
START_TEST(bad_lines_and_duplicates_at_their_lines)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    size_t len;
    char *data = mixed_input(&len);
    for (unsigned jobs = 1; jobs <= 4; jobs *= 2) {
        strs got = { 0 };
        collect k = { .out = &got };
        ck_ok(stream(ctx, data, len, ek_t_date("2026-06-30"), jobs, &k));
        size_t dup = 0, bad = 0, good = 0;
        const char *bad1 = NULL, *crlf2 = NULL, *x2 = NULL, *last = NULL;
        for (size_t i = 0; i < got.n; i++) {
            const char *s = got.s[i];
            if (strstr(s, " read EK_ECONFLICT ") && strstr(s, "appears earlier"))
                dup++;
            else if (strstr(s, " read "))
                bad++;
            else
                good++;
            if (strncmp(s, "3003 ", 5) == 0)
                bad1 = s;
            if (strncmp(s, "3007 ", 5) == 0)
                crlf2 = s;
            if (strncmp(s, "3010 ", 5) == 0)
                x2 = s;
            if (i + 1 == got.n)
                last = s;
        }
        /* 3000 demo cases + BAD-1..UNKNOWN-TYPE (3 good: CRLF-1, X, UNKNOWN-TYPE) + LAST */
        ck_assert_uint_eq(good, 3004);
        ck_assert_uint_eq(dup, 300 + 2);   /* the second CRLF-1 and X, and the 300 repeated demo lines */
        ck_assert_uint_eq(bad, 5);         /* BAD-1, not json, [1,2,3], no id, DEEP */
        ck_assert_ptr_nonnull(bad1);
        ck_assert_msg(strstr(bad1, "read EK_EINVAL") && strstr(bad1, "|mixed.jsonl|3003|") &&
                      strstr(bad1, "|BAD-1|events[0].date"), "%s", bad1);
        ck_assert_ptr_nonnull(crlf2);       /* a duplicate that is also bad: the duplicate is reported */
        ck_assert_msg(strstr(crlf2, "EK_ECONFLICT") && strstr(crlf2, "|CRLF-1|id"), "%s", crlf2);
        ck_assert_ptr_nonnull(x2);
        ck_assert_msg(strstr(x2, "EK_ECONFLICT") && strstr(x2, "|3010|"), "%s", x2);
        ck_assert_msg(strstr(last, " ok LAST ") != NULL, "%s", last);
        strs_free(&got);
        strs_free(&k.progress);
    }
    free(data);
    ek_context_free(ctx);
}
END_TEST

/* A result callback that returns non-zero stops at once; its value is returned; no progress after. */
START_TEST(nonzero_stops)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    size_t len;
    char *data = mixed_input(&len);
    static const int stops[] = { 1, 5, 250, 1000, 3005 };
    for (unsigned jobs = 1; jobs <= 4; jobs *= 2)
        for (size_t s = 0; s < sizeof stops / sizeof stops[0]; s++) {
            strs got = { 0 };
            collect k = { .out = &got, .stop_after = stops[s] };
            ck_assert_int_eq(stream(ctx, data, len, ek_t_date("2026-06-30"), jobs, &k), 7);
            ck_assert_uint_eq(k.calls, (size_t)stops[s]);
            /* progress only for the lines handed over before the stop, never "done" */
            ck_assert_uint_eq(k.progress.n, (size_t)(stops[s] - 1) / 100);
            for (size_t i = 0; i < k.progress.n; i++)
                ck_assert_msg(k.progress.s[i][strlen(k.progress.s[i]) - 1] == '0', "%s", k.progress.s[i]);
            strs_free(&got);
            strs_free(&k.progress);
        }
    free(data);
    ek_context_free(ctx);
}
END_TEST

/* A render callback that is slow on the library's threads, so that they are still rendering later
 * lines when the result callback stops the stream. */
typedef struct busy {
    collect k;
    atomic_int in_render;   /* render calls running now */
    atomic_int renders;     /* render calls made */
} busy;

static int render_slow_on_workers(void *user, const ek_case *c, ek_evaluation *ev, char **buf, size_t *len,
                                  size_t *cap)
{
    busy *b = user;
    atomic_fetch_add(&b->in_render, 1);
    atomic_fetch_add(&b->renders, 1);
    if (!pthread_equal(pthread_self(), b->k.caller)) {
        struct timespec ts = { 0, 200000 }; /* 0.2 ms */
        nanosleep(&ts, NULL);
    }
    int rc = render_json(NULL, c, ev, buf, len, cap);
    atomic_fetch_sub(&b->in_render, 1);
    return rc;
}

/* The result callback stops (a write failure) while the other threads are busy with the batches
 * after it: the stop's value is returned, nothing more is handed over, the lines before are those of
 * the one-at-a-time loop, and every render call has returned when ek_evaluate_stream() does (its
 * threads are joined; no leak under valgrind). */
START_TEST(stop_while_workers_busy)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    size_t len;
    char *data = mixed_input(&len);
    ek_date as_of = ek_t_date("2026-06-30");
    strs want = { 0 };
    sequential(ctx, data, len, as_of, &want);
    static const int stops[] = { 3, 70, 1000, 3001 };
    for (unsigned jobs = 2; jobs <= 4; jobs++)
        for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
            strs got = { 0 };
            busy b = { .k = { .out = &got, .stop_after = stops[i], .caller = pthread_self() } };
            atomic_init(&b.in_render, 0);
            atomic_init(&b.renders, 0);
            ek_case_reader *r = NULL;
            ck_ok(ek_case_reader_from_memory(&r, data, len, "mixed.jsonl"));
            ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
            opt.as_of = as_of;
            opt.jobs = jobs;
            opt.render = render_slow_on_workers;
            opt.render_user = &b;
            ck_assert_int_eq(ek_evaluate_stream(ctx, r, &opt, on_result, &b.k), 7);
            ck_assert_int_eq(atomic_load(&b.in_render), 0);
            ck_assert_uint_eq(b.k.calls, (size_t)stops[i]);
            ck_assert_uint_eq(got.n, (size_t)stops[i]);
            ck_assert(!b.k.wrong_thread);
            for (size_t l = 0; l < got.n; l++)
                ck_assert_msg(strcmp(want.s[l], got.s[l]) == 0, "jobs %u, stop %d, outcome %zu:\n  want %.300s\n  got  %.300s",
                              jobs, stops[i], l, want.s[l], got.s[l]);
            /* no more than the lines in flight were rendered (128 per thread, io.h) */
            ck_assert_int_le(atomic_load(&b.renders), stops[i] + 128 * (int)jobs);
            ek_case_reader_free(r);
            strs_free(&got);
        }
    strs_free(&want);
    free(data);
    ek_context_free(ctx);
}
END_TEST

static int stop_progress(void *user, const ek_stream_progress *p)
{
    (*(int *)user)++;
    return p->lines >= 200 ? -1000 : 0;
}

static int count_progress(void *user, const ek_stream_progress *p)
{
    (void)p;
    (*(int *)user)++;
    return 0;
}

static int count_results(void *user, const ek_stream_result *r)
{
    (void)r;
    (*(size_t *)user)++;
    return 0;
}

/* A progress callback that returns non-zero stops too; progress_every 0 means 1000. */
START_TEST(progress_stops_and_default_interval)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    size_t len;
    char *data = mixed_input(&len);
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        ek_case_reader *r = NULL;
        ck_ok(ek_case_reader_from_memory(&r, data, len, "mixed.jsonl"));
        ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
        opt.as_of = ek_t_date("2026-06-30");
        opt.jobs = jobs;
        int calls = 0;
        size_t results = 0;
        opt.progress = stop_progress;
        opt.progress_user = &calls;
        opt.progress_every = 50;
        ck_assert_int_eq(ek_evaluate_stream(ctx, r, &opt, count_results, &results), -1000);
        ck_assert_int_eq(calls, 4);
        ck_assert_uint_eq(results, 200);
        ek_case_reader_free(r);

        ck_ok(ek_case_reader_from_memory(&r, data, len, "mixed.jsonl"));
        opt.progress = count_progress;
        opt.progress_every = 0;
        calls = 0;
        results = 0;
        ck_ok(ek_evaluate_stream(ctx, r, &opt, count_results, &results));
        ck_assert_uint_gt(results, 3000);
        ck_assert_int_eq(calls, (int)(results / 1000) + 1);
        ek_case_reader_free(r);
    }
    free(data);
    ek_context_free(ctx);
}
END_TEST

static int render_fails(void *user, const ek_case *c, ek_evaluation *ev, char **buf, size_t *len, size_t *cap)
{
    (void)user;
    (void)buf;
    (void)len;
    (void)cap;
    (void)ev;
    if (strcmp(ek_case_id(c), "B") == 0)
        return ek_buffer_append(NULL, NULL, NULL, NULL, 0); /* EK_EINVAL with its message */
    return ek_buffer_append(buf, len, cap, ek_case_id(c), strlen(ek_case_id(c)));
}

typedef struct seen {
    char text[64];
    int status[3];
    ek_stream_stage stage[3];
    int has_ev[3];
    size_t n;
} seen;

static int note(void *user, const ek_stream_result *r)
{
    seen *s = user;
    ck_assert_uint_lt(s->n, 3);
    s->status[s->n] = r->status;
    s->stage[s->n] = r->stage;
    s->has_ev[s->n] = r->ev != NULL && r->c != NULL;
    if (r->text)
        strncat(s->text, r->text, r->text_len);
    s->n++;
    return 0;
}

/* A render failure fails its line only (EK_STREAM_RENDER, with the case and its evaluation). */
START_TEST(render_failure_is_one_lines)
{
    static const char in[] = "{\"id\":\"A\",\"events\":[]}\n{\"id\":\"B\",\"events\":[]}\n{\"id\":\"C\",\"events\":[]}\n";
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        ek_case_reader *r = NULL;
        ck_ok(ek_case_reader_from_memory(&r, in, sizeof in - 1, NULL));
        ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
        opt.as_of = ek_t_date("2026-06-30");
        opt.jobs = jobs;
        opt.render = render_fails;
        seen s;
        memset(&s, 0, sizeof s);
        ck_ok(ek_evaluate_stream(ctx, r, &opt, note, &s));
        ck_assert_uint_eq(s.n, 3);
        ck_assert_str_eq(s.text, "AC");
        ck_assert_int_eq(s.status[1], EK_EINVAL);
        ck_assert_int_eq(s.stage[1], EK_STREAM_RENDER);
        ck_assert(s.has_ev[0] && s.has_ev[1] && s.has_ev[2]);
        ck_assert_int_eq(s.stage[2], EK_STREAM_OK);
        ek_case_reader_free(r);
    }
    ek_context_free(ctx);
}
END_TEST

START_TEST(bad_arguments)
{
    ek_context *ctx = NULL;
    ek_case_reader *r = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_case_reader_from_memory(&r, "", 0, NULL));
    ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
    size_t n = 0;
    ck_status(ek_evaluate_stream(ctx, r, &opt, count_results, &n), EK_EINVAL); /* no as_of */
    ck_msg_has("as_of");
    opt.as_of = ek_t_date("2026-06-30");
    ck_status(ek_evaluate_stream(NULL, r, &opt, count_results, &n), EK_EINVAL);
    ck_status(ek_evaluate_stream(ctx, NULL, &opt, count_results, &n), EK_EINVAL);
    ck_status(ek_evaluate_stream(ctx, r, NULL, count_results, &n), EK_EINVAL);
    ck_status(ek_evaluate_stream(ctx, r, &opt, NULL, &n), EK_EINVAL);
    opt.version = 99;
    ck_status(ek_evaluate_stream(ctx, r, &opt, count_results, &n), EK_EINVAL);
    opt.version = EK_EVALUATE_STREAM_OPTIONS_VERSION;
    ck_ok(ek_evaluate_stream(ctx, r, &opt, count_results, &n)); /* empty input: no line, EK_OK */
    ck_assert_uint_eq(n, 0);
    ek_case_reader_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(buffer_append)
{
    char *b = NULL;
    size_t len = 0, cap = 0;
    ck_ok(ek_buffer_append(&b, &len, &cap, "ab\0c", 4));
    ck_ok(ek_buffer_append(&b, &len, &cap, NULL, 0));
    ck_assert_uint_eq(len, 4);
    ck_assert(memcmp(b, "ab\0c", 5) == 0); /* NUL-terminated */
    for (int i = 0; i < 1000; i++)
        ck_ok(ek_buffer_append(&b, &len, &cap, "0123456789", 10));
    ck_assert_uint_eq(len, 10004);
    ck_assert_uint_gt(cap, len);
    ck_assert_int_eq(b[len], '\0');
    ck_status(ek_buffer_append(&b, &len, &cap, NULL, 1), EK_EINVAL);
    size_t bad = cap + 1;
    ck_status(ek_buffer_append(&b, &bad, &cap, "x", 1), EK_EINVAL);
    ek_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("evaluate_stream");
    TCase *t = tcase_create("stream");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, in_order_equals_one_at_a_time);
    tcase_add_test(t, bad_lines_and_duplicates_at_their_lines);
    tcase_add_test(t, nonzero_stops);
    tcase_add_test(t, stop_while_workers_busy);
    tcase_add_test(t, progress_stops_and_default_interval);
    tcase_add_test(t, render_failure_is_one_lines);
    tcase_add_test(t, bad_arguments);
    tcase_add_test(t, buffer_append);
    suite_add_tcase(s, t);
    return ek_t_run(s);
}
