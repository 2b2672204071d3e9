/* SPDX-License-Identifier: MIT */
/* Suite "alloc_fail": a systematic allocation-failure sweep (SQLite-style).
 *
 * For every public entry point that allocates, run it with the 1st, 2nd, …
 * Nth allocation failing — once, and from then on ("sticky") — until it
 * succeeds without reaching the failure.  Each run must:
 *   - return EK_ENOMEM (never crash, never another status, never EK_OK
 *     after an allocation it needed was refused) with the last error set;
 *   - leave no leak: ek_t_alloc.live == 0 once everything is freed;
 *   - leave its objects as they were ("nothing was changed", common.h) and
 *     usable: with allocation working again the same work completes and gives
 *     exactly the result of a run that never failed.
 *
 * Covered: context, calendar, policy (incl. JSON), the JSON Lines reader,
 * the case builder, the case reader and writer, deadline evaluation, the
 * checklist (load, evaluate, write), delegation orders, lex Sarah (read,
 * clone, write, evaluate, summary).  Uses private symbols (io_internal.h)
 * for the line reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ek_test.h"
#include "io/io_internal.h"

#define SWEEP_MAX 100000L

/* ---- the sweep driver ----------------------------------------------------- */

/*
 * One entry point under test.  setup() builds what the call needs with
 * allocation working (may be NULL); run() makes the call(s) and returns a
 * status; check() runs afterwards with allocation working again and asserts
 * the objects are unchanged (on EK_ENOMEM) or correct (on EK_OK), and usable;
 * teardown() frees everything.
 */
typedef struct sweep_case {
    const char *name;
    void *(*setup)(void);
    int (*run)(void *state);
    void (*check)(void *state, int rc);
    void (*teardown)(void *state);
} sweep_case;

static ek_t_alloc *g_alloc; /* the running sweep's counters (for run() functions) */

static void sweep(const sweep_case *sc)
{
    for (int sticky = 0; sticky <= 1; sticky++) {
        long n;
        int done = 0;
        /* Under valgrind every allocation is slow: after the first 32, try every 13th. */
        long stride = getenv("EK_UNDER_VALGRIND") ? 13 : 1;
        for (n = 1; n <= SWEEP_MAX && !done; n += n < 32 ? 1 : stride) {
            ek_t_alloc st = { 0, 0, 0, 0 };
            g_alloc = &st;
            ek_t_alloc_install(&st);
            void *state = sc->setup ? sc->setup() : NULL;
            long base = st.count;
            st.fail_at = base + n;
            st.sticky = sticky;
            ek_error_clear();
            int rc = sc->run(state);
            int hit = st.count >= st.fail_at;
            st.fail_at = 0; /* allocation works again */
            st.sticky = 0;
            if (rc == EK_ENOMEM) {
                ck_assert_msg(hit, "%s: EK_ENOMEM without a failed allocation (n=%ld)", sc->name, n);
                ck_assert_msg(ek_error_last()->status == EK_ENOMEM, "%s: last error not EK_ENOMEM (n=%ld, %s)",
                              sc->name, n, ek_error_last()->message);
            } else {
                ck_assert_msg(rc == EK_OK, "%s: allocation %ld %s failed gave %s: %s", sc->name, n,
                              sticky ? "and later" : "", ek_status_name(rc), ek_error_last()->message);
                ck_assert_msg(!hit, "%s: returned EK_OK although allocation %ld %s failed", sc->name, n,
                              sticky ? "and later" : "");
                done = 1;
            }
            if (sc->check)
                sc->check(state, rc);
            if (sc->teardown)
                sc->teardown(state);
            ek_t_alloc_uninstall();
            g_alloc = NULL;
            ck_assert_msg(st.live == 0, "%s: %ld block(s) leaked with allocation %ld %s failing", sc->name,
                          st.live, n, sticky ? "and later" : "");
        }
        ck_assert_msg(done, "%s: still failing after %ld allocations", sc->name, SWEEP_MAX);
        if (sticky)
            fprintf(stderr, "alloc_fail: %-28s %4ld allocation(s) swept, once and sticky\n", sc->name, n - 2);
    }
}

/* ---- context, calendar, policy ------------------------------------------- */

static int run_context_new(void *state)
{
    (void)state;
    ek_context *ctx = (ek_context *)0x1;
    int rc = ek_context_new(&ctx);
    if (rc == EK_OK) {
        ck_assert_ptr_nonnull(ek_context_calendar(ctx));
        ek_context_free(ctx);
    } else {
        ck_assert_ptr_eq(ctx, (ek_context *)0x1); /* output untouched on failure */
    }
    return rc;
}

static int run_calendar_new(void *state)
{
    (void)state;
    ek_calendar *cal = NULL;
    int rc = ek_calendar_new(&cal);
    if (rc == EK_OK) {
        ek_deadline dl;
        ek_period p = { 14, EK_UNIT_DAYS };
        ck_ok(ek_deadline_compute(cal, ek_t_date("2026-06-05"), p, &dl));
        ck_assert(dl.legal == ek_t_date("2026-06-22")); /* 19 June midsommarafton, 20-21 weekend */
        ek_calendar_free(cal);
    } else {
        ck_assert_ptr_null(cal);
    }
    return rc;
}

static int run_policy_new(void *state)
{
    (void)state;
    ek_policy *p = NULL;
    int rc = ek_policy_new(&p);
    if (rc == EK_OK) {
        ck_ok(ek_policy_set(p, "besok_intervall", "6w"));
        ek_policy_free(p);
    } else {
        ck_assert_ptr_null(p);
    }
    return rc;
}

/* The policy's setters and getters never allocate. */
static void *setup_policy(void)
{
    ek_policy *p = NULL;
    ck_ok(ek_policy_new(&p));
    return p;
}

static int run_policy_setters(void *state)
{
    ek_policy *p = state;
    long before = g_alloc->count;
    ek_policy *q = NULL;
    ck_ok(ek_policy_set(p, "bedom_mot", "nominal"));
    ck_ok(ek_policy_set(p, "besok_intervall", "10wd"));
    char buf[32];
    ck_ok(ek_policy_get(p, "besok_intervall", buf, sizeof buf));
    ck_ok(ek_policy_reset(p));
    ck_assert_int_eq(g_alloc->count, before);
    int rc = ek_policy_new(&q);
    ek_policy_free(q);
    return rc;
}

static void teardown_policy(void *state) { ek_policy_free(state); }

/* ---- JSON Lines reader ------------------------------------------------------ */

static char big_input[3 * 70000];
static size_t big_len;

static void make_big_input(void)
{
    if (big_len)
        return;
    /* line 1: small; line 2: ~200 KB (buffer growth); line 3: small */
    size_t n = (size_t)sprintf(big_input, "{\"k\":1}\n{\"k\":2,\"s\":\"");
    memset(big_input + n, 'x', 200000);
    n += 200000;
    n += (size_t)sprintf(big_input + n, "\"}\n\n{\"k\":3}\n");
    big_len = n;
}

static int run_reader_from_memory(void *state)
{
    (void)state;
    make_big_input();
    ek_jsonl_reader *r = NULL;
    int rc = ek_jsonl_reader_from_memory(&r, big_input, big_len, "sweep.jsonl");
    if (rc == EK_OK)
        ek_jsonl_reader_free(r);
    else
        ck_assert_ptr_null(r);
    return rc;
}

static char tmp_path[64];

static int run_reader_open(void *state)
{
    (void)state;
    ek_jsonl_reader *r = NULL;
    int rc = ek_jsonl_reader_open(&r, tmp_path);
    if (rc == EK_OK)
        ek_jsonl_reader_free(r);
    else
        ck_assert_ptr_null(r);
    return rc;
}

static void *setup_reader(void)
{
    make_big_input();
    ek_jsonl_reader *r = NULL;
    ck_ok(ek_jsonl_reader_from_memory(&r, big_input, big_len, "sweep.jsonl"));
    return r;
}

/* Read every line; a failure returns at once. */
static int run_reader_lines(void *state)
{
    ek_jsonl_reader *r = state;
    for (;;) {
        const char *line;
        size_t len;
        int rc = ek__jsonl_next(r, &line, &len);
        if (rc == 0)
            return EK_OK;
        if (rc < 0)
            return rc;
    }
}

/* After a failure the reader goes on with the next line: the line that
 * failed is skipped whole (its tail is never handed out as a line of its
 * own), and the last line (k=3, line 4) still comes with its line number. */
static void check_reader_lines(void *state, int rc)
{
    ek_jsonl_reader *r = state;
    if (rc == EK_OK) {
        ck_assert_uint_eq(ek_jsonl_reader_line(r), 4);
        return;
    }
    ck_assert_uint_ge(ek_error_last()->line, 1);
    const char *line;
    size_t len;
    int got3 = 0;
    while ((rc = ek__jsonl_next(r, &line, &len)) == 1) {
        json_t *obj = NULL;
        ck_ok(ek__json_parse_object("sweep.jsonl", ek_jsonl_reader_line(r), line, len, &obj));
        json_decref(obj);
        if (strcmp(line, "{\"k\":3}") == 0) {
            got3 = 1;
            ck_assert_uint_eq(ek_jsonl_reader_line(r), 4);
        }
    }
    ck_assert_int_eq(rc, 0);
    ck_assert(got3);
}

static void teardown_reader(void *state) { ek_jsonl_reader_free(state); }

/* Parsing a line goes through jansson's own allocator, not ours: it must
 * not allocate through the hook at all. */
static int run_parse_object(void *state)
{
    (void)state;
    long before = g_alloc->count;
    json_t *obj = NULL;
    ck_ok(ek__json_parse_object("x", 1, "{\"a\":[1,2,{\"b\":null}]}", 22, &obj));
    json_decref(obj);
    ck_assert_int_eq(g_alloc->count, before);
    ek_context *ctx = NULL;
    int rc = ek_context_new(&ctx);
    ek_context_free(ctx);
    return rc;
}

/* ---- the case builder ------------------------------------------------------- */

#define SCRIPT_EVENTS 24
#define SCRIPT_HEAD 8
#define SCRIPT_PER_EVENT 7
#define SCRIPT_TAIL 3
#define SCRIPT_STEPS (SCRIPT_HEAD + SCRIPT_EVENTS * SCRIPT_PER_EVENT + SCRIPT_TAIL)

static const char *const script_types[] = {
    "anmalan_mottagen", "skyddsbedomning", "beslut_inleda_utredning", "utredning_inledd",
    "samtal_med_barnet", "okand_handelse", "besok", "utredning_avslutad",
};

/* Step k of a script that builds a rich case: every mutator of case.h. */
static int script_step(ek_case *c, int k)
{
    char buf[96];
    switch (k) {
    case 0: return ek_case_set_unit(c, "Barn och unga, enhet 3");
    case 1: return ek_case_set_birth_date(c, ek_t_date("2014-03-09"));
    case 2: return ek_case_add_warning(c, "manual warning added by the sweep");
    case 3: return ek_case_set_extra(c, "x_top", "{\"a\":[1,2,3]}");
    case 4: return ek_case_set_child_extra(c, "x_child", "\"text\"");
    case 5: return ek_case_add_answer(c, "B4", EK_RESULT_PASS, "granskare 1", ek_t_date("2026-02-01"),
                                      "kommentar");
    case 6: return ek_case_answer_set_extra(c, 0, "x_answer", "true");
    case 7: return ek_case_set_unit(c, "Barn och unga, enhet 4 (efter omorganisation)");
    default: break;
    }
    k -= SCRIPT_HEAD;
    if (k < SCRIPT_EVENTS * SCRIPT_PER_EVENT) {
        size_t e = (size_t)(k / SCRIPT_PER_EVENT);
        /* dates out of order so that the date order has work to do */
        ek_date d = ek_t_date("2026-01-05") + (ek_date)((e * 37) % 90);
        switch (k % SCRIPT_PER_EVENT) {
        case 0: return ek_case_add_event(c, script_types[e % 8], d, NULL);
        case 1:
            snprintf(buf, sizeof buf, "ev-%zu", e);
            return ek_case_event_set_id(c, e, buf);
        case 2:
            snprintf(buf, sizeof buf, "ev-%zu", e ? e - 1 : 0);
            return ek_case_event_set_ref(c, e, buf);
        case 3:
            snprintf(buf, sizeof buf, "a string value for event %zu that is long enough to grow the arena", e);
            return ek_case_event_set_string(c, e, "x_text", buf);
        case 4: return ek_case_event_set_bool(c, e, "x_flag", (int)(e & 1));
        case 5: return ek_case_event_set_date(c, e, "x_date", d + 1);
        case 6: return ek_case_event_set_raw(c, e, "x_raw", "{\"nested\":[true,null]}");
        }
    }
    k -= SCRIPT_EVENTS * SCRIPT_PER_EVENT;
    switch (k) {
    case 0: return ek_case_add_answer(c, "B4", EK_RESULT_FAIL, NULL, EK_DATE_NONE, NULL); /* replaces */
    case 1: return ek_case_add_answer(c, "C2", EK_RESULT_NOTAPPLICABLE, "granskare 2", EK_DATE_NONE, NULL);
    case 2: return ek_case_set_extra(c, "x_top2", "null");
    }
    ck_abort_msg("no script step %d", k);
    return EK_EINTERNAL;
}

/* Everything readable through the public API, as text (libc memory, not the hook). */
static char *fingerprint(const ek_case *c)
{
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
#define FP(...) do { int w_ = snprintf(s + n, cap - n, __VA_ARGS__); \
        ck_assert(w_ >= 0 && (size_t)w_ < cap - n); n += (size_t)w_; } while (0)
    FP("id=%s unit=%s birth=%lld\n", ek_case_id(c), ek_case_unit(c) ? ek_case_unit(c) : "(null)",
       (long long)ek_case_birth_date(c));
    size_t ne = ek_case_event_count(c);
    for (size_t i = 0; i < ne; i++) {
        ek_event_info ev = EK_EVENT_INFO_INIT;
        ck_ok(ek_case_event(c, i, &ev));
        size_t ord;
        ck_ok(ek_case_event_in_date_order(c, i, &ord));
        FP("ev %zu %d %s %lld id=%s ref=%s attrs=%zu order=%zu\n", ev.index, (int)ev.type, ev.type_name,
           (long long)ev.date, ev.id ? ev.id : "-", ev.ref ? ev.ref : "-", ev.attr_count, ord);
        for (size_t k = 0; k < ev.attr_count; k++) {
            ek_attr_info a = EK_ATTR_INFO_INIT;
            ck_ok(ek_case_event_attr(c, i, k, &a));
            FP("  %s %d %s %d %lld\n", a.key, (int)a.kind, a.string ? a.string : "-", a.boolean, (long long)a.date);
        }
    }
    for (size_t k = 0; k < ek_case_answer_count(c); k++) {
        ek_answer_info a = EK_ANSWER_INFO_INIT;
        ck_ok(ek_case_answer(c, k, &a));
        FP("answer %s %d %s %lld %s extras=%zu\n", a.item, (int)a.result, a.reviewer ? a.reviewer : "-",
           (long long)a.date, a.comment ? a.comment : "-", ek_case_answer_extra_count(c, k));
        for (size_t x = 0; x < ek_case_answer_extra_count(c, k); x++) {
            const char *key, *json;
            ck_ok(ek_case_answer_extra(c, k, x, &key, &json));
            FP("  %s=%s\n", key, json);
        }
    }
    for (size_t k = 0; k < ek_case_warning_count(c); k++)
        FP("warning %s\n", ek_case_warning(c, k));
    for (size_t k = 0; k < ek_case_extra_count(c); k++) {
        const char *key, *json;
        ck_ok(ek_case_extra(c, k, &key, &json));
        FP("extra %s=%s\n", key, json);
    }
    for (size_t k = 0; k < ek_case_child_extra_count(c); k++) {
        const char *key, *json;
        ck_ok(ek_case_child_extra(c, k, &key, &json));
        FP("child %s=%s\n", key, json);
    }
#undef FP
    return s;
}

static char *reference_fp; /* fingerprint of the script run without failures */

typedef struct case_state {
    ek_case *c;
    int reset_first;   /* run ek_case_reset before the script */
    int failed_step;   /* step that returned EK_ENOMEM, or -1 */
    char *before;      /* fingerprint before that step */
} case_state;

static void *setup_case(void)
{
    case_state *s = calloc(1, sizeof *s);
    ck_ok(ek_case_new(&s->c, "BU-2026-0001"));
    s->failed_step = -1;
    return s;
}

/* A used case, to be reset: exercises reuse of its buffers. */
static void *setup_used_case(void)
{
    case_state *s = setup_case();
    for (int k = 0; k < SCRIPT_STEPS; k++)
        ck_ok(script_step(s->c, k));
    s->reset_first = 1;
    return s;
}

static int run_case_script(void *state)
{
    case_state *s = state;
    if (s->reset_first) {
        int rc = ek_case_reset(s->c, "BU-2026-0002-efter-reset");
        if (rc != EK_OK)
            return rc;
    }
    for (int k = 0; k < SCRIPT_STEPS; k++) {
        /* the fingerprint is taken with allocation failures paused */
        long fail_at = g_alloc->fail_at, count = g_alloc->count;
        g_alloc->fail_at = 0;
        free(s->before);
        s->before = fingerprint(s->c);
        ck_assert_int_eq(g_alloc->count, count); /* reading never allocates */
        g_alloc->fail_at = fail_at;
        int rc = script_step(s->c, k);
        if (rc != EK_OK) {
            s->failed_step = k;
            return rc;
        }
    }
    return EK_OK;
}

static void check_case_script(void *state, int rc)
{
    case_state *s = state;
    if (rc != EK_OK) {
        /* nothing changed by the failed call … */
        char *now = fingerprint(s->c);
        ck_assert_msg(strcmp(now, s->before) == 0, "script step %d changed the case although it failed:\n"
                      "before:\n%s\nafter:\n%s", s->failed_step, s->before, now);
        free(now);
        /* … and the case is usable: the rest of the script completes. */
        if (s->failed_step < 0) { /* the reset failed */
            ck_assert_str_eq(ek_case_id(s->c), "BU-2026-0001");
            ck_ok(ek_case_reset(s->c, "BU-2026-0002-efter-reset"));
            s->failed_step = 0;
        }
        for (int k = s->failed_step; k < SCRIPT_STEPS; k++)
            ck_ok(script_step(s->c, k));
    }
    char *fp = fingerprint(s->c);
    if (s->reset_first) {
        /* same content as a fresh case apart from the id */
        const char *nl = strchr(fp, ' ');
        const char *rnl = strchr(reference_fp, ' ');
        ck_assert_str_eq(nl, rnl);
    } else {
        ck_assert_str_eq(fp, reference_fp);
    }
    free(fp);
    (void)ek_case_validate(s->c); /* runs; the synthetic case may lack required keys */
}

static void teardown_case(void *state)
{
    case_state *s = state;
    ek_case_free(s->c);
    free(s->before);
    free(s);
}

static int run_case_new(void *state)
{
    (void)state;
    ek_case *c = (ek_case *)0x1;
    int rc = ek_case_new(&c, "BU-2026-0003 with a long identifier that does not fit in a small buffer");
    if (rc == EK_OK) {
        ck_assert_str_eq(ek_case_id(c), "BU-2026-0003 with a long identifier that does not fit in a small buffer");
        ek_case_free(c);
    } else {
        ck_assert_ptr_eq(c, (ek_case *)0x1);
    }
    return rc;
}

/* ---- readers, writers, evaluations: results equal a run without failures -- */

/* Fixture text from the repository (EK_SOURCE_DIR), first @lines lines. */
static char *fixture(const char *rel, int lines)
{
    const char *src = getenv("EK_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", src ? src : "..", rel);
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    int c, got = 0;
    while (n + 1 < cap && (c = getc(fp)) != EOF) {
        buf[n++] = (char)c;
        if (c == '\n' && ++got == lines)
            break;
    }
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static char *fx_cases, *fx_case1, *fx_sarah, *fx_sarah1, *fx_deleg;
static const ek_date as_of = 20468; /* 2026-01-15 */

/*
 * A text sweep: make() does the whole job from nothing (create, read,
 * evaluate, write, free) and returns its status and, on success, a text
 * (libc memory) that must equal the text of a run without failures.
 */
typedef int (*make_fn)(char **text);
static make_fn cur_make;
static char *cur_ref;

static int run_make(void *state)
{
    (void)state;
    char *text = NULL;
    int rc = cur_make(&text);
    if (rc == EK_OK) {
        ck_assert_ptr_nonnull(text);
        ck_assert_str_eq(text, cur_ref);
    } else {
        ck_assert_ptr_null(text);
    }
    free(text);
    return rc;
}

static void sweep_text(const char *name, make_fn make)
{
    ck_ok(make(&cur_ref)); /* the reference, allocation working */
    cur_make = make;
    sweep_case sc = { name, NULL, run_make, NULL, NULL };
    sweep(&sc);
    free(cur_ref);
    cur_ref = NULL;
}

/* Move an ek_free-owned string into libc memory. */
static char *own(char *ek_text)
{
    char *t = strdup(ek_text);
    ek_free(ek_text);
    return t;
}

#define TRY(call) do { rc = (call); if (rc != EK_OK) goto out; } while (0)

/* Read every case of a JSON Lines input and write each back. */
static int make_case_reader(char **text)
{
    int rc;
    ek_case_reader *r = NULL;
    ek_case *c = NULL;
    size_t cap = 1 << 20, n = 0;
    char *acc = malloc(cap);
    ck_assert_ptr_nonnull(acc);
    acc[0] = '\0';
    TRY(ek_case_new(&c, "x"));
    TRY(ek_case_reader_from_memory(&r, fx_cases, strlen(fx_cases), "sweep.jsonl"));
    for (;;) {
        rc = ek_case_reader_next(r, c);
        if (rc == 0)
            break;
        if (rc == EK_ENOMEM)
            goto out;
        if (rc < 0) { /* a bad line in the fixture: note it and go on */
            n += (size_t)snprintf(acc + n, cap - n, "bad %lu %s\n", ek_case_reader_line(r),
                                  ek_status_name(rc));
            continue;
        }
        char *out = NULL;
        TRY(ek_case_write_json(c, &out));
        n += (size_t)snprintf(acc + n, cap - n, "%s\n", out);
        ek_free(out);
    }
    rc = EK_OK;
out:
    ek_case_reader_free(r);
    ek_case_free(c);
    if (rc == EK_OK)
        *text = acc;
    else
        free(acc);
    return rc;
}

static ek_context *shared_ctx; /* made with the default allocator, only read during sweeps */

static int make_case_evaluate(char **text)
{
    int rc;
    const ek_context *ctx = shared_ctx;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    char *out = NULL;
    TRY(ek_case_new(&c, "x"));
    TRY(ek_case_read_json(c, fx_case1, strlen(fx_case1), "case.json"));
    TRY(ek_evaluation_new(&ev));
    TRY(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, as_of, ev));
    TRY(ek_checklist_new_builtin(&cl));
    TRY(ek_checklist_result_new(&res));
    size_t nobl = ek_evaluation_count(ev);
    ek_obligation *obl = malloc((nobl + 1) * sizeof *obl); /* ek_evaluation_at() gives one at a time */
    ck_assert_ptr_nonnull(obl);
    for (size_t k = 0; k < nobl; k++)
        obl[k] = *ek_evaluation_at(ev, k);
    rc = ek_checklist_evaluate_obligations(ctx, cl, c, obl, nobl, NULL, as_of, res);
    free(obl);
    if (rc != EK_OK)
        goto out;
    TRY(ek_checklist_result_write_json(res, &out));
    *text = own(out);
out:
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_evaluation_free(ev);
    ek_case_free(c);
    return rc;
}

static int make_checklist_load(char **text)
{
    int rc;
    ek_checklist *cl = NULL;
    ek_delegation *d = NULL;
    const char *json = ek_checklist_builtin_json();
    TRY(ek_checklist_load_json_string(&cl, json, strlen(json), "builtin.json"));
    TRY(ek_delegation_load_json_string(&d, fx_deleg, strlen(fx_deleg), "delegation.json"));
    char buf[256];
    snprintf(buf, sizeof buf, "%s %s %zu %zu", ek_checklist_id(cl), ek_checklist_version(cl),
             ek_checklist_item_count(cl), ek_delegation_type_count(d));
    *text = strdup(buf);
out:
    ek_delegation_free(d);
    ek_checklist_free(cl);
    return rc;
}

static int make_policy_json(char **text)
{
    int rc;
    ek_policy *p = NULL;
    static const char json[] = "{\"format\": \"egenkontroll/policy-1\", \"parametrar\": "
                               "{\"besok_intervall\": \"6w\", \"bedom_mot\": \"nominal\"}}";
    TRY(ek_policy_new(&p));
    TRY(ek_policy_load_json_string(p, json, sizeof json - 1, "policy.json"));
    char buf[32];
    TRY(ek_policy_get(p, "besok_intervall", buf, sizeof buf));
    *text = strdup(buf);
out:
    ek_policy_free(p);
    return rc;
}

/* Read lex Sarah records, clone, write, evaluate and summarise them. */
static int make_sarah(char **text)
{
    int rc;
    ek_context *ctx = NULL;
    ek_sarah_reader *r = NULL;
    ek_sarah_summary *sum = NULL;
    ek_sarah_record *rec = NULL, *copy = NULL;
    ek_sarah_result *res = NULL;
    size_t cap = 1 << 20, n = 0;
    char *acc = malloc(cap), *out = NULL;
    ck_assert_ptr_nonnull(acc);
    acc[0] = '\0';
    TRY(ek_context_new(&ctx));
    TRY(ek_sarah_summary_new(&sum));
    TRY(ek_sarah_result_new(&res)); /* one result reused for every record */
    TRY(ek_sarah_reader_from_memory(&r, fx_sarah, strlen(fx_sarah), "sarah.jsonl"));
    for (;;) {
        rc = ek_sarah_reader_next(r, &rec);
        if (rc == 0)
            break;
        if (rc == EK_ENOMEM)
            goto out;
        if (rc < 0) {
            n += (size_t)snprintf(acc + n, cap - n, "bad %lu\n", ek_sarah_reader_line(r));
            TRY(ek_sarah_summary_add_rejected(sum));
            continue;
        }
        TRY(ek_sarah_record_clone(rec, &copy));
        TRY(ek_sarah_write_json(copy, &out));
        n += (size_t)snprintf(acc + n, cap - n, "%s\n", out);
        ek_free(out);
        out = NULL;
        TRY(ek_sarah_evaluate(ctx, rec, as_of, res));
        TRY(ek_sarah_result_write_json(res, &out));
        n += (size_t)snprintf(acc + n, cap - n, "%s\n", out);
        ek_free(out);
        out = NULL;
        TRY(ek_sarah_summary_add(sum, rec, res));
        ek_sarah_record_free(copy);
        copy = NULL;
        ek_sarah_record_free(rec);
        rec = NULL;
    }
    TRY(ek_sarah_summary_write_json(sum, &out));
    n += (size_t)snprintf(acc + n, cap - n, "%s\n", out);
    ek_free(out);
    rc = EK_OK;
out:
    ek_sarah_result_free(res);
    ek_sarah_record_free(copy);
    ek_sarah_record_free(rec);
    ek_sarah_reader_free(r);
    ek_sarah_summary_free(sum);
    ek_context_free(ctx);
    if (rc == EK_OK)
        *text = acc;
    else
        free(acc);
    return rc;
}

static int make_sarah_read_json(char **text)
{
    int rc;
    ek_sarah_record *rec = NULL;
    char *out = NULL;
    TRY(ek_sarah_read_json(&rec, fx_sarah1, strlen(fx_sarah1), "one.json"));
    TRY(ek_sarah_write_json(rec, &out));
    *text = own(out);
out:
    ek_sarah_record_free(rec);
    return rc;
}

/* Objects reused after a failure: an evaluation and a checklist result that
 * failed must be left empty and give the reference on the next call. */
typedef struct reuse_state {
    ek_context *ctx;
    ek_case *c;
    ek_evaluation *ev;
    ek_checklist *cl;
    ek_checklist_result *res;
} reuse_state;

static char *reuse_ref;

static void *setup_reuse(void)
{
    reuse_state *s = calloc(1, sizeof *s);
    ck_ok(ek_context_new(&s->ctx));
    ck_ok(ek_case_new(&s->c, "x"));
    ck_ok(ek_case_read_json(s->c, fx_case1, strlen(fx_case1), "case.json"));
    ck_ok(ek_evaluation_new(&s->ev));
    ck_ok(ek_checklist_new_builtin(&s->cl));
    ck_ok(ek_checklist_result_new(&s->res));
    return s;
}

static int run_reuse(void *state)
{
    reuse_state *s = state;
    int rc = ek_evaluate_case(s->ctx, ek_rulebook_builtin(), s->c, as_of, s->ev);
    if (rc != EK_OK) {
        ck_assert_uint_eq(ek_evaluation_count(s->ev), 0);
        return rc;
    }
    rc = ek_checklist_evaluate(s->ctx, s->cl, s->c, NULL, as_of, s->res);
    if (rc != EK_OK)
        ck_assert_uint_eq(ek_checklist_result_count(s->res), 0);
    return rc;
}

static void check_reuse(void *state, int rc)
{
    reuse_state *s = state;
    (void)rc;
    ck_ok(ek_evaluate_case(s->ctx, ek_rulebook_builtin(), s->c, as_of, s->ev));
    ck_ok(ek_checklist_evaluate(s->ctx, s->cl, s->c, NULL, as_of, s->res));
    char *out = NULL;
    ck_ok(ek_checklist_result_write_json(s->res, &out));
    if (reuse_ref == NULL)
        reuse_ref = strdup(out);
    ck_assert_str_eq(out, reuse_ref);
    ek_free(out);
}

static void teardown_reuse(void *state)
{
    reuse_state *s = state;
    ek_checklist_result_free(s->res);
    ek_checklist_free(s->cl);
    ek_evaluation_free(s->ev);
    ek_case_free(s->c);
    ek_context_free(s->ctx);
    free(s);
}

START_TEST(sweep_io_and_evaluation)
{
    ck_ok(ek_set_allocator(NULL));
    fx_cases = fixture("tests/data/cases/mixed.jsonl", 40);
    fx_case1 = fixture("examples/data/seeds.jsonl", 1);
    fx_sarah = fixture("tests/data/sarah/mixed.jsonl", 12);
    fx_sarah1 = fixture("examples/data/sarah.jsonl", 1);
    fx_deleg = fixture("examples/data/delegation.json", 100);
    ck_ok(ek_context_new(&shared_ctx));
    sweep_text("policy-1 JSON", make_policy_json);
    sweep_text("case reader + writer", make_case_reader);
    sweep_text("evaluate case + checklist", make_case_evaluate);
    sweep_text("checklist/delegation load", make_checklist_load);
    sweep_text("lex Sarah read_json+write", make_sarah_read_json);
    sweep_text("lex Sarah reader..summary", make_sarah);
    sweep_case reuse = { "evaluation reused after fail", setup_reuse, run_reuse, check_reuse, teardown_reuse };
    sweep(&reuse);
    free(reuse_ref);
    reuse_ref = NULL;
    ek_context_free(shared_ctx);
    shared_ctx = NULL;
    free(fx_cases);
    free(fx_case1);
    free(fx_sarah);
    free(fx_sarah1);
    free(fx_deleg);
}
END_TEST

/* ---- the tests -------------------------------------------------------------- */

START_TEST(sweep_core)
{
    ck_ok(ek_set_allocator(NULL)); /* a failed test (no fork) may have left one installed */
    static const sweep_case cases[] = {
        { "ek_context_new", NULL, run_context_new, NULL, NULL },
        { "ek_calendar_new", NULL, run_calendar_new, NULL, NULL },
        { "ek_policy_new", NULL, run_policy_new, NULL, NULL },
        { "ek_policy_set/get/reset", setup_policy, run_policy_setters, NULL, teardown_policy },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        sweep(&cases[i]);
}
END_TEST

START_TEST(sweep_jsonl)
{
    ck_ok(ek_set_allocator(NULL));
    snprintf(tmp_path, sizeof tmp_path, "/tmp/ek_alloc_fail_%ld.jsonl", (long)getpid());
    FILE *fp = fopen(tmp_path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("{\"k\":1}\n", fp);
    fclose(fp);
    static const sweep_case cases[] = {
        { "ek_jsonl_reader_from_memory", NULL, run_reader_from_memory, NULL, NULL },
        { "ek_jsonl_reader_open", NULL, run_reader_open, NULL, NULL },
        { "ek__jsonl_next", setup_reader, run_reader_lines, check_reader_lines, teardown_reader },
        { "ek__json_parse_object", NULL, run_parse_object, NULL, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        sweep(&cases[i]);
    unlink(tmp_path);
}
END_TEST

START_TEST(sweep_case_builder)
{
    ck_ok(ek_set_allocator(NULL));
    /* the reference: the script without failures */
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "BU-2026-0001"));
    for (int k = 0; k < SCRIPT_STEPS; k++)
        ck_ok(script_step(c, k));
    reference_fp = fingerprint(c);
    ek_case_free(c);
    static const sweep_case cases[] = {
        { "ek_case_new", NULL, run_case_new, NULL, NULL },
        { "case builder (every mutator)", setup_case, run_case_script, check_case_script, teardown_case },
        { "ek_case_reset + builder", setup_used_case, run_case_script, check_case_script, teardown_case },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        sweep(&cases[i]);
    free(reference_fp);
    reference_fp = NULL;
}
END_TEST

static Suite *alloc_suite(void)
{
    Suite *s = suite_create("alloc_fail");
    TCase *tc = tcase_create("sweep");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, sweep_core);
    tcase_add_test(tc, sweep_jsonl);
    tcase_add_test(tc, sweep_case_builder);
    tcase_add_test(tc, sweep_io_and_evaluation);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ek_t_run(alloc_suite());
}
