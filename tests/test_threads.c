/* SPDX-License-Identifier: MIT */
/* Suite "threads": many threads sharing one context (calendar and policy),
 * one read-only case and one input buffer, each doing its own work — the
 * thread-safety promise of egenkontroll.h.  Every thread's results must equal
 * the single-threaded reference, and each thread's last error must stay its
 * own.  Run under ThreadSanitizer in CI (a clang -Db_sanitize=thread build);
 * under plain builds it still checks the results.
 *
 * Covered: calendar (scalar and batch), deadlines, policy getters, context
 * accessors, per-thread errors, the case model (shared read-only case,
 * per-thread cases), the case reader and writer; deadline evaluation with the
 * shared built-in rulebook (also through ek_evaluate_cases' and ek_evaluate_stream's own threads), the
 * shared built-in checklist with a shared delegation order (also through
 * ek_checklist_evaluate_cases' own threads), lex Sarah
 * evaluation of shared records. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ek_test.h"

#define NTHREADS 8
#define NDATES 2000
#define NCASES 64

static int iterations(void)
{
    if (getenv("EK_UNDER_VALGRIND"))
        return 1;
    const char *s = getenv("EK_THREAD_ITERATIONS");
    return s ? atoi(s) : 10;
}

/* Everything the threads share (read-only while they run). */
static struct {
    ek_context *ctx;
    ek_case *shared_case;
    char *shared_case_json;       /* reference text of shared_case */
    char *input;                  /* NCASES cases as JSON Lines (+ one bad line) */
    size_t input_len;
    char *case_json[NCASES];      /* reference text of each case read */
    ek_date start[NDATES];
    ek_date ref_nominal[NDATES][3], ref_legal[NDATES][3];
    ek_date ref_roll[NDATES], ref_wd[NDATES];
    char ref_policy[64][32];
} g;

static const ek_period periods[3] = { { 14, EK_UNIT_DAYS }, { 4, EK_UNIT_MONTHS }, { 10, EK_UNIT_WORKING_DAYS } };

/* Build a case deterministically from a number. */
static void build_case(ek_case *c, int k)
{
    char id[32];
    snprintf(id, sizeof id, "BU-2026-%04d", k);
    ck_ok(ek_case_reset(c, id));
    ck_ok(ek_case_set_unit(c, k % 2 ? "Barn och unga" : "Familjehem"));
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2012-05-01") + k * 31));
    ek_date d = ek_t_date("2025-11-03") + k * 3;
    static const char *types[] = { "anmalan_mottagen", "skyddsbedomning", "beslut_inleda_utredning",
                                   "utredning_inledd", "samtal_med_barnet", "utredning_avslutad" };
    for (int e = 0; e < 6 + k % 5; e++) {
        size_t idx;
        ck_ok(ek_case_add_event(c, types[e % 6], d + e * 11 - (e % 3) * 5, &idx));
        char eid[16];
        snprintf(eid, sizeof eid, "e%d", e);
        ck_ok(ek_case_event_set_id(c, idx, eid));
        ck_ok(ek_case_event_set_string(c, idx, "x_anteckning", "syntetisk"));
    }
    ck_ok(ek_case_add_answer(c, "B4", EK_RESULT_PASS, "granskare", d + 100, NULL));
}

static void setup_shared(void)
{
    ck_ok(ek_context_new(&g.ctx));
    ck_ok(ek_policy_set(ek_context_policy(g.ctx), "besok_intervall", "6w"));
    const ek_calendar *cal = ek_context_calendar(g.ctx);
    for (int i = 0; i < NDATES; i++) {
        g.start[i] = ek_t_date("2024-01-01") + i * 7 % 1500 + i / 500;
        for (int p = 0; p < 3; p++) {
            ek_deadline dl;
            ck_ok(ek_deadline_compute(cal, g.start[i], periods[p], &dl));
            g.ref_nominal[i][p] = dl.nominal;
            g.ref_legal[i][p] = dl.legal;
        }
        ck_ok(ek_calendar_roll(cal, g.start[i], &g.ref_roll[i]));
        ck_ok(ek_calendar_add_working_days(cal, g.start[i], 3, &g.ref_wd[i]));
    }
    size_t n = ek_policy_param_count();
    for (size_t i = 0; i < n; i++) {
        const ek_policy_param_info *info;
        ck_ok(ek_policy_param_at(i, &info));
        ck_ok(ek_policy_get(ek_context_policy_const(g.ctx), info->name, g.ref_policy[i], 32));
    }

    ck_ok(ek_case_new(&g.shared_case, "tmp"));
    build_case(g.shared_case, 999);
    ck_ok(ek_case_write_json(g.shared_case, &g.shared_case_json));

    /* The input: NCASES cases, with a bad line in the middle. */
    size_t cap = 1 << 20;
    g.input = malloc(cap);
    ck_assert_ptr_nonnull(g.input);
    g.input_len = 0;
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "tmp"));
    for (int k = 0; k < NCASES; k++) {
        build_case(c, k);
        ck_ok(ek_case_write_json(c, &g.case_json[k]));
        size_t len = strlen(g.case_json[k]);
        ck_assert_uint_lt(g.input_len + len + 64, cap);
        memcpy(g.input + g.input_len, g.case_json[k], len);
        g.input_len += len;
        g.input[g.input_len++] = '\n';
        if (k == NCASES / 2)
            g.input_len += (size_t)sprintf(g.input + g.input_len, "{\"id\": \"BU-bad\", \"events\": 7}\n");
    }
    ek_case_free(c);
}

static void teardown_shared(void)
{
    ek_context_free(g.ctx);
    ek_case_free(g.shared_case);
    ek_free(g.shared_case_json);
    for (int k = 0; k < NCASES; k++)
        ek_free(g.case_json[k]);
    free(g.input);
    memset(&g, 0, sizeof g);
}

/* A thread's failure: a message (static text or formatted into its buffer). */
typedef struct worker {
    int id;
    char failure[1024];
} worker;

#define W_CHECK(cond) do { if (!(cond)) { \
    snprintf(w->failure, sizeof w->failure, "thread %d: %.100s:%d: %.300s (last error: %.500s)", w->id, __FILE__, \
             __LINE__, #cond, ek_error_last()->message); return NULL; } } while (0)

static void *work(void *arg)
{
    worker *w = arg;
    const ek_calendar *cal = ek_context_calendar(g.ctx);
    const ek_policy *pol = ek_context_policy_const(g.ctx);
    ek_case *own = NULL;
    W_CHECK(ek_case_new(&own, "own") == EK_OK);
    ek_date *nominal = malloc(NDATES * sizeof *nominal), *legal = malloc(NDATES * sizeof *legal);
    W_CHECK(nominal && legal);

    for (int it = 0; it < iterations(); it++) {
        /* Calendar and deadlines: scalars, in an order that differs per thread. */
        for (int j = 0; j < NDATES; j++) {
            int i = (j * (2 * w->id + 1) + w->id) % NDATES;
            int p = (i + w->id) % 3;
            ek_deadline dl;
            W_CHECK(ek_deadline_compute(cal, g.start[i], periods[p], &dl) == EK_OK);
            W_CHECK(dl.nominal == g.ref_nominal[i][p] && dl.legal == g.ref_legal[i][p]);
            ek_date d;
            W_CHECK(ek_calendar_roll(cal, g.start[i], &d) == EK_OK && d == g.ref_roll[i]);
            W_CHECK(ek_calendar_add_working_days(cal, g.start[i], 3, &d) == EK_OK && d == g.ref_wd[i]);
            int wd;
            W_CHECK(ek_calendar_is_working_day(cal, d, &wd) == EK_OK && wd == 1);
        }
        /* Batches. */
        int p = w->id % 3;
        W_CHECK(ek_deadline_compute_batch(cal, g.start, periods[p], nominal, legal, NDATES) == EK_OK);
        for (int i = 0; i < NDATES; i++)
            W_CHECK(nominal[i] == g.ref_nominal[i][p] && legal[i] == g.ref_legal[i][p]);
        W_CHECK(ek_calendar_roll_batch(cal, g.start, nominal, NDATES) == EK_OK);
        for (int i = 0; i < NDATES; i++)
            W_CHECK(nominal[i] == g.ref_roll[i]);

        /* Policy getters on the shared policy. */
        size_t n = ek_policy_param_count();
        for (size_t i = 0; i < n; i++) {
            const ek_policy_param_info *info;
            char buf[32];
            W_CHECK(ek_policy_param_at(i, &info) == EK_OK);
            W_CHECK(ek_policy_get(pol, info->name, buf, sizeof buf) == EK_OK);
            W_CHECK(strcmp(buf, g.ref_policy[i]) == 0);
        }
        ek_period per;
        W_CHECK(ek_policy_get_period(pol, "besok_intervall", &per) == EK_OK && per.n == 6);
        W_CHECK(ek_policy_judge_on(pol) == EK_JUDGE_LEGAL);

        /* Per-thread errors: each thread's message stays its own. */
        char name[32];
        snprintf(name, sizeof name, "no_such_param_t%d", w->id);
        ek_policy *mine = NULL;
        W_CHECK(ek_policy_new(&mine) == EK_OK);
        W_CHECK(ek_policy_set(mine, name, "1d") == EK_ENOTFOUND);
        ek_date d;
        W_CHECK(ek_date_parse("2026-02-30", &d) != EK_OK); /* other threads' errors in between */
        W_CHECK(ek_policy_set(mine, name, "1d") == EK_ENOTFOUND);
        W_CHECK(strstr(ek_error_last()->message, name) != NULL);
        ek_policy_free(mine);

        /* The shared case, read-only. */
        char *text = NULL;
        W_CHECK(ek_case_write_json(g.shared_case, &text) == EK_OK);
        W_CHECK(strcmp(text, g.shared_case_json) == 0);
        ek_free(text);
        for (size_t k = 0; k < ek_case_event_count(g.shared_case); k++) {
            ek_event_info ev = EK_EVENT_INFO_INIT;
            size_t idx;
            W_CHECK(ek_case_event(g.shared_case, k, &ev) == EK_OK);
            W_CHECK(ek_case_event_in_date_order(g.shared_case, k, &idx) == EK_OK);
        }

        /* Each thread reads all cases from its own reader over the shared input. */
        ek_case_reader *r = NULL;
        W_CHECK(ek_case_reader_from_memory(&r, g.input, g.input_len, "shared.jsonl") == EK_OK);
        int k = 0, bad = 0, rc;
        while ((rc = ek_case_reader_next(r, own)) != 0) {
            if (rc < 0) {
                W_CHECK(rc == EK_EPARSE && strcmp(ek_error_last()->source, "shared.jsonl") == 0 &&
                    strstr(ek_t_last_error_text(), "shared.jsonl:") != NULL);
                bad++;
                continue;
            }
            W_CHECK(k < NCASES);
            W_CHECK(ek_case_write_json(own, &text) == EK_OK);
            W_CHECK(strcmp(text, g.case_json[k]) == 0);
            ek_free(text);
            k++;
        }
        ek_case_reader_free(r);
        W_CHECK(k == NCASES && bad == 1);
    }
    free(nominal);
    free(legal);
    ek_case_free(own);
    return NULL;
}

START_TEST(shared_context_many_threads)
{
    setup_shared();
    pthread_t t[NTHREADS];
    worker w[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        w[i].id = i;
        w[i].failure[0] = '\0';
        ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_msg(w[i].failure[0] == '\0', "%s", w[i].failure);
    teardown_shared();
}
END_TEST

/* Contexts, calendars and policies created and freed concurrently. */
static void *churn(void *arg)
{
    worker *w = arg;
    for (int i = 0; i < 4; i++) {
        ek_context *ctx = NULL;
        W_CHECK(ek_context_new(&ctx) == EK_OK);
        W_CHECK(ek_policy_set(ek_context_policy(ctx), "bedom_mot", i % 2 ? "nominal" : "legal") == EK_OK);
        W_CHECK(ek_policy_judge_on(ek_context_policy_const(ctx)) == (i % 2 ? EK_JUDGE_NOMINAL : EK_JUDGE_LEGAL));
        ek_context_free(ctx);
    }
    return NULL;
}

START_TEST(concurrent_create_free)
{
    pthread_t t[NTHREADS];
    worker w[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        w[i].id = i;
        w[i].failure[0] = '\0';
        ck_assert_int_eq(pthread_create(&t[i], NULL, churn, &w[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_msg(w[i].failure[0] == '\0', "%s", w[i].failure);
}
END_TEST

/* ---- evaluation: one rulebook, one checklist, one delegation order ------- */

#define MAX_EVAL_CASES 128
#define MAX_SARAH 128

static struct {
    const ek_rulebook *rb;
    ek_checklist *cl;
    ek_delegation *deleg;
    ek_case *cases[MAX_EVAL_CASES];
    size_t ncases;
    char *ref_rules[MAX_EVAL_CASES];      /* fingerprint of the obligations */
    char *ref_checklist[MAX_EVAL_CASES];  /* checklist result JSON */
    ek_sarah_record *sarah[MAX_SARAH];
    size_t nsarah;
    char *ref_sarah[MAX_SARAH];
} e;

static const ek_date as_of_eval = 20468; /* 2026-01-15 */

/* The obligations as text (libc memory). */
static char *rules_fingerprint(const ek_evaluation *ev)
{
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t k = 0; k < ek_evaluation_count(ev); k++) {
        const ek_obligation *o = ek_evaluation_at(ev, k);
        int w = snprintf(s + n, cap - n, "%s#%u %d %x %lld %lld %lld %lld %s|", o->rule_name, o->sequence,
                         (int)o->status, o->flags, (long long)o->start, (long long)o->nominal, (long long)o->legal,
                         (long long)o->done, o->message);
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
    }
    return s;
}

static char *path_in_source(const char *rel)
{
    const char *src = getenv("EK_SOURCE_DIR");
    char *p = malloc(4096);
    ck_assert_ptr_nonnull(p);
    snprintf(p, 4096, "%s/%s", src ? src : "..", rel);
    return p;
}

static void read_cases_file(const char *rel)
{
    char *path = path_in_source(rel);
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_open(&r, path));
    for (;;) {
        if (e.ncases == MAX_EVAL_CASES)
            break;
        ek_case *c = NULL;
        ck_ok(ek_case_new(&c, "x"));
        int rc = ek_case_reader_next(r, c);
        if (rc == 1) {
            e.cases[e.ncases++] = c;
            continue;
        }
        ek_case_free(c);
        if (rc == 0)
            break;
    }
    ek_case_reader_free(r);
    free(path);
}

static void setup_eval(void)
{
    ck_ok(ek_context_new(&g.ctx));
    e.rb = ek_rulebook_builtin();
    ck_assert_ptr_nonnull(e.rb);
    ck_ok(ek_checklist_new_builtin(&e.cl));
    char *path = path_in_source("examples/data/delegation.json");
    ck_ok(ek_delegation_load_json(&e.deleg, path));
    free(path);
    read_cases_file("examples/data/seeds.jsonl");
    read_cases_file("tests/data/rules/cases.jsonl");
    read_cases_file("tests/data/cases/canonical.jsonl");
    read_cases_file("examples/data/cases.jsonl");
    ck_assert_uint_gt(e.ncases, 20);

    ek_evaluation *ev = NULL;
    ek_checklist_result *res = NULL;
    ck_ok(ek_evaluation_new(&ev));
    ck_ok(ek_checklist_result_new(&res));
    for (size_t i = 0; i < e.ncases; i++) {
        ck_ok(ek_evaluate_case(g.ctx, e.rb, e.cases[i], as_of_eval, ev));
        e.ref_rules[i] = rules_fingerprint(ev);
        ck_ok(ek_checklist_evaluate(g.ctx, e.cl, e.cases[i], e.deleg, as_of_eval, res));
        ck_ok(ek_checklist_result_write_json(res, &e.ref_checklist[i]));
    }
    ek_checklist_result_free(res);
    ek_evaluation_free(ev);

    path = path_in_source("examples/data/sarah.jsonl");
    ek_sarah_reader *sr = NULL;
    ck_ok(ek_sarah_reader_open(&sr, path));
    free(path);
    ek_sarah_record *rec = NULL;
    int rc;
    while ((rc = ek_sarah_reader_next(sr, &rec)) != 0 && e.nsarah < MAX_SARAH) {
        if (rc != 1)
            continue;
        ek_sarah_result *sres = NULL;
        ck_ok(ek_sarah_result_new(&sres));
        ck_ok(ek_sarah_evaluate(g.ctx, rec, as_of_eval, sres));
        ck_ok(ek_sarah_result_write_json(sres, &e.ref_sarah[e.nsarah]));
        ek_sarah_result_free(sres);
        e.sarah[e.nsarah++] = rec;
    }
    ek_sarah_reader_free(sr);
    ck_assert_uint_gt(e.nsarah, 5);
}

static void teardown_eval(void)
{
    for (size_t i = 0; i < e.ncases; i++) {
        ek_case_free(e.cases[i]);
        free(e.ref_rules[i]);
        ek_free(e.ref_checklist[i]);
    }
    for (size_t i = 0; i < e.nsarah; i++) {
        ek_sarah_record_free(e.sarah[i]);
        ek_free(e.ref_sarah[i]);
    }
    ek_checklist_free(e.cl);
    ek_delegation_free(e.deleg);
    ek_context_free(g.ctx);
    memset(&e, 0, sizeof e);
    g.ctx = NULL;
}

static void *evaluate_work(void *arg)
{
    worker *w = arg;
    ek_evaluation *ev = NULL;
    ek_checklist_result *res = NULL;
    W_CHECK(ek_evaluation_new(&ev) == EK_OK);
    W_CHECK(ek_checklist_result_new(&res) == EK_OK);
    for (int it = 0; it < iterations(); it++) {
        for (size_t j = 0; j < e.ncases; j++) {
            size_t i = (j * 7 + (size_t)w->id * 13) % e.ncases; /* each thread its own order */
            W_CHECK(ek_evaluate_case(g.ctx, e.rb, e.cases[i], as_of_eval, ev) == EK_OK);
            char *fp = rules_fingerprint(ev);
            W_CHECK(fp && strcmp(fp, e.ref_rules[i]) == 0);
            free(fp);
            W_CHECK(ek_checklist_evaluate(g.ctx, e.cl, e.cases[i], e.deleg, as_of_eval, res) == EK_OK);
            char *text = NULL;
            W_CHECK(ek_checklist_result_write_json(res, &text) == EK_OK);
            W_CHECK(strcmp(text, e.ref_checklist[i]) == 0);
            ek_free(text);
        }
        for (size_t j = 0; j < e.nsarah; j++) {
            size_t i = (j + (size_t)w->id) % e.nsarah;
            ek_sarah_result *sres = NULL;
            W_CHECK(ek_sarah_result_new(&sres) == EK_OK);
            W_CHECK(ek_sarah_evaluate(g.ctx, e.sarah[i], as_of_eval, sres) == EK_OK);
            char *text = NULL;
            W_CHECK(ek_sarah_result_write_json(sres, &text) == EK_OK);
            W_CHECK(strcmp(text, e.ref_sarah[i]) == 0);
            ek_free(text);
            ek_sarah_result_free(sres);
        }
        /* Read-only queries of the shared rulebook and checklist. */
        for (size_t k = 0; k < ek_rulebook_rule_count(e.rb); k++) {
            ek_rule_info ri = EK_RULE_INFO_INIT;
            W_CHECK(ek_rulebook_rule(e.rb, k, &ri) == EK_OK);
        }
        for (size_t k = 0; k < ek_checklist_item_count(e.cl); k++) {
            ek_item_info ii = EK_ITEM_INFO_INIT;
            W_CHECK(ek_checklist_item(e.cl, k, &ii) == EK_OK);
        }
    }
    ek_checklist_result_free(res);
    ek_evaluation_free(ev);
    return NULL;
}

/* ek_evaluate_stream(): the render callback on the library's threads, the results in order. */
static int stream_render(void *user, const ek_case *c, ek_evaluation *ev, char **buf, size_t *len, size_t *cap)
{
    (void)user;
    (void)c;
    char *fp = rules_fingerprint(ev);
    int rc = fp ? ek_buffer_append(buf, len, cap, fp, strlen(fp)) : EK_ENOMEM;
    free(fp);
    return rc;
}

static int stream_check(void *user, const ek_stream_result *r)
{
    size_t *i = user;
    ck_assert_int_eq(r->status, EK_OK);
    ck_assert_uint_lt(*i, e.ncases);
    ck_assert_uint_eq(r->text_len, strlen(e.ref_rules[*i]));
    ck_assert(memcmp(r->text, e.ref_rules[*i], r->text_len) == 0);
    (*i)++;
    return 0;
}

static void stream_cases(unsigned jobs)
{
    char *all = NULL;
    size_t len = 0, cap = 0;
    for (size_t i = 0; i < e.ncases; i++) {
        char *line = NULL;
        ck_ok(ek_case_write_json(e.cases[i], &line));
        ck_ok(ek_buffer_append(&all, &len, &cap, line, strlen(line)));
        ck_ok(ek_buffer_append(&all, &len, &cap, "\n", 1));
        ek_free(line);
    }
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, all, len, "threads"));
    ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
    opt.as_of = as_of_eval;
    opt.jobs = jobs;
    opt.render = stream_render;
    size_t n = 0;
    ck_ok(ek_evaluate_stream(g.ctx, r, &opt, stream_check, &n));
    ck_assert_uint_eq(n, e.ncases);
    ek_case_reader_free(r);
    ek_free(all);
}

START_TEST(shared_rulebook_checklist_many_threads)
{
    setup_eval();
    pthread_t t[NTHREADS];
    worker w[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        w[i].id = i;
        w[i].failure[0] = '\0';
        ck_assert_int_eq(pthread_create(&t[i], NULL, evaluate_work, &w[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_msg(w[i].failure[0] == '\0', "%s", w[i].failure);

    /* The library's own worker threads: ek_evaluate_cases with 4 threads. */
    ek_evaluation *evs[MAX_EVAL_CASES];
    int statuses[MAX_EVAL_CASES];
    for (size_t i = 0; i < e.ncases; i++)
        ck_ok(ek_evaluation_new(&evs[i]));
    ck_ok(ek_evaluate_cases(g.ctx, e.rb, (const ek_case *const *)e.cases, e.ncases, as_of_eval, evs, statuses, 4));
    for (size_t i = 0; i < e.ncases; i++) {
        ck_assert_int_eq(statuses[i], EK_OK);
        char *fp = rules_fingerprint(evs[i]);
        ck_assert_str_eq(fp, e.ref_rules[i]);
        free(fp);
        ek_evaluation_free(evs[i]);
    }
    /* … and ek_checklist_evaluate_cases with 4 threads: the same results as one by one. */
    ek_checklist_result *res[MAX_EVAL_CASES];
    for (size_t i = 0; i < e.ncases; i++)
        ck_ok(ek_checklist_result_new(&res[i]));
    ck_ok(ek_checklist_evaluate_cases(g.ctx, e.cl, (const ek_case *const *)e.cases, e.ncases, e.deleg, as_of_eval,
                                      res, statuses, 4));
    for (size_t i = 0; i < e.ncases; i++) {
        char *text = NULL;
        ck_assert_int_eq(statuses[i], EK_OK);
        ck_ok(ek_checklist_result_write_json(res[i], &text));
        ck_assert_str_eq(text, e.ref_checklist[i]);
        ek_free(text);
        ek_checklist_result_free(res[i]);
    }
    /* … and ek_evaluate_stream with 4 threads: in order, as one by one. */
    stream_cases(4);
    ck_assert_int_eq(ek_checklist_evaluate_cases(NULL, e.cl, NULL, 0, NULL, as_of_eval, NULL, NULL, 1), EK_EINVAL);
    ck_ok(ek_checklist_evaluate_cases(g.ctx, e.cl, NULL, 0, NULL, as_of_eval, NULL, NULL, 4));
    teardown_eval();
}
END_TEST

static Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("shared");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, shared_context_many_threads);
    tcase_add_test(tc, concurrent_create_free);
    tcase_add_test(tc, shared_rulebook_checklist_many_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ek_t_run(threads_suite());
}
