/* SPDX-License-Identifier: MIT */
/* Check suite for the egenkontroll report (report.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ek_test.h"

/* A case with one report of concern on @p report (unit @p unit), its
 * skyddsbedömning on @p skydd (NULL: none) and a decision not to open an
 * investigation on @p beslut (NULL: none). */
static ek_case *mk_case(const char *id, const char *unit, const char *report, const char *skydd,
                        const char *beslut)
{
    ek_case *c = NULL;
    size_t i;
    ck_ok(ek_case_new(&c, id));
    if (unit)
        ck_ok(ek_case_set_unit(c, unit));
    ck_ok(ek_case_add_event(c, "anmalan_mottagen", ek_t_date(report), &i));
    ck_ok(ek_case_event_set_id(c, i, "r1"));
    ck_ok(ek_case_event_set_string(c, i, "anmalare", "skola"));
    ck_ok(ek_case_event_set_bool(c, i, "avser_vald", 0));
    if (skydd) {
        ck_ok(ek_case_add_event(c, "skyddsbedomning", ek_t_date(skydd), &i));
        ck_ok(ek_case_event_set_ref(c, i, "r1"));
    }
    if (beslut) {
        ck_ok(ek_case_add_event(c, "beslut_inte_inleda_utredning", ek_t_date(beslut), &i));
        ck_ok(ek_case_event_set_ref(c, i, "r1"));
        ck_ok(ek_case_event_set_string(c, i, "beslutsfattare", "enhetschef"));
        ck_ok(ek_case_event_set_bool(c, i, "motivering", 1));
        ck_ok(ek_case_event_set_string(c, i, "barnets_asikt", "dokumenterad"));
    }
    return c;
}

static ek_report *mk_report(ek_context **ctx, const char *as_of)
{
    ek_report *r = NULL;
    ck_ok(ek_context_new(ctx));
    ck_ok(ek_report_new(&r, *ctx, ek_t_date(as_of)));
    return r;
}

static void add(ek_report *r, ek_case *c, int want_included)
{
    int inc = -1;
    ck_ok(ek_report_add_case(r, c, &inc));
    ck_assert_int_eq(inc, want_included);
    ek_case_free(c);
}

static ek_deadline_counts dl(const ek_report *r, size_t rule, size_t unit, size_t month)
{
    ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
    ck_ok(ek_report_deadline_counts(r, rule, unit, month, &c));
    return c;
}

static ek_item_counts item(const ek_report *r, const char *id, size_t unit)
{
    size_t k;
    ek_item_counts c = EK_ITEM_COUNTS_INIT;
    ck_ok(ek_checklist_find(ek_report_checklist(r), id, &k));
    ck_ok(ek_report_item_counts(r, k, unit, &c));
    return c;
}

/* The fixture of the CLI test, read through the library. */
START_TEST(hand_checked_fixture)
{
    const char *src = getenv("EK_SOURCE_DIR");
    char cases[1024], sarah[1024];
    snprintf(cases, sizeof cases, "%s/tests/data/report/cases.jsonl", src ? src : ".");
    snprintf(sarah, sizeof sarah, "%s/tests/data/report/sarah.jsonl", src ? src : ".");
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    ck_ok(ek_report_set_period(r, ek_t_date("2025-01-01"), ek_t_date("2025-12-31")));
    size_t rej = 99;
    ck_ok(ek_report_read_cases(r, cases, &rej));
    ck_assert_uint_eq(rej, 1);
    ck_ok(ek_report_read_sarah(r, sarah, &rej));
    ck_assert_uint_eq(rej, 0);
    ck_ok(ek_report_finish(r));

    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    ck_ok(ek_report_totals_get(r, &t));
    ck_assert_uint_eq(t.cases_read, 3);
    ck_assert_uint_eq(t.cases_in_period, 2);
    ck_assert_uint_eq(t.cases_checked, 2);
    ck_assert_uint_eq(t.cases_rejected, 1);
    ck_assert_uint_eq(t.sarah_read, 2);
    ck_assert_uint_eq(t.sarah_in_period, 1);
    ck_assert_int_eq(t.first_case, ek_t_date("2025-03-03"));
    ck_assert_int_eq(t.last_case, ek_t_date("2025-03-05"));

    ck_assert_uint_eq(ek_report_unit_count(r), 2);
    ck_assert_str_eq(ek_report_unit(r, 0), "Norr");
    ck_assert_str_eq(ek_report_unit(r, 1), "Söder");
    ck_assert_ptr_null(ek_report_unit(r, 2));

    /* T-1 same day; T-2 on 2025-03-10 against the judged end 2025-03-06 (1 day of grace). */
    ek_deadline_counts s = dl(r, EK_RULE_SKYDDSBEDOMNING, EK_REPORT_ALL, EK_REPORT_ALL);
    ck_assert_uint_eq(s.obligations, 2);
    ck_assert_uint_eq(s.met, 1);
    ck_assert_uint_eq(s.late, 1);
    ck_assert_uint_eq(s.due, 2);
    ck_assert(s.has_rate && s.on_time_rate == 0.5);
    ck_assert(s.late_median_days == 4.0);
    ck_assert_int_eq(s.late_max_days, 4);
    /* Only Söder was late. */
    ck_assert(dl(r, EK_RULE_SKYDDSBEDOMNING, 0, EK_REPORT_ALL).on_time_rate == 1.0);
    ck_assert_uint_eq(dl(r, EK_RULE_SKYDDSBEDOMNING, 1, EK_REPORT_ALL).late, 1);

    ek_deadline_counts f = dl(r, EK_RULE_FORHANDSBEDOMNING, EK_REPORT_ALL, EK_REPORT_ALL);
    ck_assert_uint_eq(f.met, 1);
    ck_assert_uint_eq(f.overdue, 1);
    ck_assert_uint_eq(f.open, 1);
    ck_assert(f.overdue_median_days == 74.0);

    /* Overdue: the förhandsbedömning of T-2, legal end Wednesday 2025-03-19, 74 days on 2025-06-01. */
    ck_assert_uint_eq(ek_report_overdue_count(r), 1);
    ek_report_overdue ov = EK_REPORT_OVERDUE_INIT;
    ck_ok(ek_report_overdue_at(r, 0, &ov));
    ck_assert_str_eq(ov.case_id, "T-2");
    ck_assert_str_eq(ov.unit, "Söder");
    ck_assert_str_eq(ov.rule_name, "forhandsbedomning");
    ck_assert_int_eq(ov.legal, ek_t_date("2025-03-19"));
    ck_assert_int_eq(ov.days_overdue, 74);
    ck_status(ek_report_overdue_at(r, 1, &ov), EK_ERANGE);

    ek_item_counts a1 = item(r, "A1", EK_REPORT_ALL);
    ck_assert_uint_eq(a1.denominator, 2);
    ck_assert_uint_eq(a1.numerator, 1);
    ck_assert_uint_eq(a1.failed, 1);
    ck_assert(a1.has_rate && a1.rate == 0.5);
    ck_assert_uint_eq(item(r, "A1", 0).numerator, 1);
    ck_assert_uint_eq(item(r, "A1", 1).failed, 1);
    /* Without a delegation order C1 is not checked, never passed. */
    ek_item_counts c1 = item(r, "C1", EK_REPORT_ALL);
    ck_assert_uint_eq(c1.numerator, 0);
    ck_assert_uint_eq(c1.notchecked, 1);
    /* E1/E2 count the lex Sarah record in the period. */
    ck_assert_uint_eq(item(r, "E1", EK_REPORT_ALL).total, 1);

    ck_assert_uint_eq(ek_report_rejected_count(r), 1);
    const ek_error *e = NULL;
    ek_report_input in = 0;
    ck_ok(ek_report_rejected(r, 0, &in, &e));
    ck_assert_int_eq(in, EK_REPORT_INPUT_CASE);
    ck_assert_str_eq(e->record_id, "BAD-1");
    ck_assert_uint_eq(e->line, 4);

    char basis[1024];
    size_t k;
    ck_ok(ek_checklist_find(ek_report_checklist(r), "A2", &k));
    ck_ok(ek_report_item_basis(r, k, basis, sizeof basis));
    ck_assert_str_eq(basis, "SoL (2001:453) 11 kap. 1 a § 2 st.");
    ck_status(ek_report_item_basis(r, k, basis, 8), EK_ELIMIT);
    ek_report_free(r);
    ek_context_free(ctx);
}
END_TEST

/* Period ends: the first and last day belong to it, the days around do not. */
START_TEST(period_boundaries)
{
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2026-03-01");
    ck_ok(ek_report_set_period(r, ek_t_date("2025-07-01"), ek_t_date("2025-12-31")));
    add(r, mk_case("P-1", "U", "2025-06-30", "2025-06-30", NULL), 0);
    add(r, mk_case("P-2", "U", "2025-07-01", "2025-07-01", NULL), 1);
    add(r, mk_case("P-3", "U", "2025-12-31", "2025-12-31", NULL), 1);
    add(r, mk_case("P-4", "U", "2026-01-01", "2026-01-01", NULL), 0);
    /* Events after as-of do not exist: the case has no date and falls outside. */
    add(r, mk_case("P-5", "U", "2026-03-02", NULL, NULL), 0);
    ck_ok(ek_report_finish(r));
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    ck_ok(ek_report_totals_get(r, &t));
    ck_assert_uint_eq(t.cases_read, 5);
    ck_assert_uint_eq(t.cases_in_period, 2);
    ck_assert_uint_eq(dl(r, EK_RULE_SKYDDSBEDOMNING, EK_REPORT_ALL, EK_REPORT_ALL).met, 2);
    /* Law change inside the period: both bases, old first, no repetition. */
    char basis[1024];
    ck_ok(ek_report_rule_basis(r, EK_RULE_FORHANDSBEDOMNING, basis, sizeof basis));
    ck_assert_msg(strstr(basis, "SoL (2025:400) 20 kap. 2 §") != NULL, "%s", basis);
    ek_report_free(r);

    ck_ok(ek_report_new(&r, ctx, ek_t_date("2026-03-01")));
    ck_status(ek_report_set_period(r, ek_t_date("2025-12-31"), ek_t_date("2025-07-01")), EK_EINVAL);
    /* Open ends. */
    ck_ok(ek_report_set_period(r, EK_DATE_NONE, ek_t_date("2025-07-01")));
    add(r, mk_case("O-1", NULL, "1990-01-01", NULL, NULL), 1);
    add(r, mk_case("O-2", NULL, "2025-07-02", NULL, NULL), 0);
    ck_ok(ek_report_finish(r));
    ck_assert_uint_eq(ek_report_unit_count(r), 1);
    ck_assert_str_eq(ek_report_unit(r, 0), "");
    ek_report_free(r);
    ek_context_free(ctx);
}
END_TEST

/* Median of an even number of delays is the mean of the middle two; months group by judged end. */
START_TEST(median_and_months)
{
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    /* Reports on Monday 2025-03-03: judged end Tuesday 2025-03-04 (one day of grace). */
    add(r, mk_case("M-1", "U", "2025-03-03", "2025-03-06", NULL), 1); /* 2 days late */
    add(r, mk_case("M-2", "U", "2025-03-03", "2025-03-09", NULL), 1); /* 5 days late */
    add(r, mk_case("M-3", "U", "2025-03-03", "2025-03-04", NULL), 1); /* on the last day: met */
    add(r, mk_case("M-4", "U", "2025-04-28", "2025-04-28", NULL), 1);
    ck_ok(ek_report_finish(r));
    ek_deadline_counts s = dl(r, EK_RULE_SKYDDSBEDOMNING, EK_REPORT_ALL, EK_REPORT_ALL);
    ck_assert_uint_eq(s.late, 2);
    ck_assert_uint_eq(s.met, 2);
    ck_assert(s.late_median_days == 3.5);
    ck_assert_int_eq(s.late_max_days, 5);
    /* Months: March (skydd ×3, förhandsbedömning due 2025-03-17 ×3), April (skydd of M-4), May (its
     * förhandsbedömning, due 2025-05-12). */
    ck_assert_uint_eq(ek_report_month_count(r), 3);
    ck_assert_int_eq(ek_report_month(r, 0), ek_t_date("2025-03-01"));
    ck_assert_int_eq(ek_report_month(r, 2), ek_t_date("2025-05-01"));
    ck_assert_int_eq(ek_report_month(r, 3), EK_DATE_NONE);
    ck_assert_uint_eq(dl(r, EK_RULE_SKYDDSBEDOMNING, EK_REPORT_ALL, 0).obligations, 3);
    ck_assert_uint_eq(dl(r, EK_REPORT_ALL, EK_REPORT_ALL, 0).obligations, 6);
    ck_assert_uint_eq(dl(r, EK_REPORT_ALL, EK_REPORT_ALL, 1).obligations, 1);
    ek_deadline_counts none = EK_DEADLINE_COUNTS_INIT;
    ck_status(ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, 3, &none), EK_ERANGE);
    ck_status(ek_report_deadline_counts(r, ek_rulebook_rule_count(ek_rulebook_builtin()), EK_REPORT_ALL, EK_REPORT_ALL, &none), EK_ERANGE);
    none.version = 99;
    ck_status(ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &none), EK_EVERSION);
    ek_report_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(states)
{
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    ek_deadline_counts d = EK_DEADLINE_COUNTS_INIT;
    ek_item_counts ic = EK_ITEM_COUNTS_INIT;
    ck_status(ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &d), EK_ESTATE);
    ck_status(ek_report_item_counts(r, 0, EK_REPORT_ALL, &ic), EK_ESTATE);
    char *out = NULL;
    ck_status(ek_report_write_json(r, &out), EK_ESTATE);
    ck_status(ek_report_write_csv(r, &out), EK_ESTATE);
    ck_ok(ek_report_add_rejected(r, EK_REPORT_INPUT_CASE, NULL));
    ck_status(ek_report_set_period(r, EK_DATE_NONE, EK_DATE_NONE), EK_ESTATE);
    ck_status(ek_report_set_sample(r, 3, 1), EK_ESTATE);
    ck_status(ek_report_add_rejected(r, (ek_report_input)7, NULL), EK_EINVAL);
    ck_ok(ek_report_finish(r));
    ck_ok(ek_report_finish(r));
    ek_case *c = mk_case("S-1", NULL, "2025-03-03", NULL, NULL);
    ck_status(ek_report_add_case(r, c, NULL), EK_ESTATE);
    ek_case_free(c);
    /* Empty but finished: every item named, no rate; JSON and CSV written. */
    ck_ok(ek_report_item_counts(r, 0, EK_REPORT_ALL, &ic));
    ck_assert_str_eq(ic.item, "A1");
    ck_assert_int_eq(ic.has_rate, 0);
    ck_ok(ek_report_write_json(r, &out));
    ck_assert(strstr(out, "\"cases_rejected\": 1") != NULL);
    ek_free(out);
    ck_ok(ek_report_write_csv(r, &out));
    ck_assert(strncmp(out, "section,unit,id,title,measure,value\r\n", 37) == 0);
    ek_free(out);
    ek_report_free(r);
    ek_report_free(NULL);
    ck_status(ek_report_new(&r, ctx, EK_DATE_NONE), EK_EINVAL);
    ck_status(ek_report_new(&r, NULL, ek_t_date("2025-01-01")), EK_EINVAL);
    ek_context_free(ctx);
}
END_TEST

/* What ek_report_read_cases_with() tells its caller (issue 19, point 4: the CLI's progress line, warnings and
 * messages come from the library's read loop). */
typedef struct read_log {
    size_t ticks, last, cases, rejected;
    unsigned long last_line;
    char first_rejected[1024];
} read_log;

static void log_progress(void *user, const char *path, size_t records)
{
    read_log *l = user;
    ck_assert(path != NULL);
    ck_assert_uint_eq(records, l->last + 1);
    l->last = records;
    l->ticks++;
}

static void log_case(void *user, const char *path, unsigned long line, const ek_case *c)
{
    read_log *l = user;
    (void)path;
    ck_assert(ek_case_id(c) != NULL);
    ck_assert(line > l->last_line);
    l->last_line = line;
    l->cases++;
}

static void log_rejected(void *user, const char *path, const ek_error *e)
{
    read_log *l = user;
    (void)path;
    if (l->rejected++ == 0)
        (void)ek_error_format(e, l->first_rejected, sizeof l->first_rejected); /* the place is in the fields */
}

START_TEST(read_with_callbacks)
{
    const char *src = getenv("EK_SOURCE_DIR");
    char cases[1024];
    snprintf(cases, sizeof cases, "%s/tests/data/report/cases.jsonl", src ? src : ".");
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    read_log log;
    memset(&log, 0, sizeof log);
    ek_report_read_options opt = EK_REPORT_READ_OPTIONS_INIT;
    opt.progress = log_progress;
    opt.read_case = log_case;
    opt.rejected = log_rejected;
    opt.user = &log;
    size_t rej = 99;
    ck_ok(ek_report_read_cases_with(r, cases, &opt, &rej));
    ck_assert_uint_eq(rej, 1);
    ck_assert_uint_eq(log.ticks, 4);     /* every line, the rejected one too */
    ck_assert_uint_eq(log.cases, 3);
    ck_assert_uint_eq(log.rejected, 1);
    ck_assert(log.first_rejected[0] != '\0');
    /* A file that cannot be opened: one rejected record, told once. */
    memset(&log, 0, sizeof log);
    ck_status(ek_report_read_cases_with(r, "/nonexistent/cases.jsonl", &opt, &rej), EK_EIO);
    ck_assert_uint_eq(rej, 1);
    ck_assert_uint_eq(log.rejected, 1);
    ck_assert(strstr(log.first_rejected, "nonexistent") != NULL);
    /* No options: as ek_report_read_cases(); an unknown version is refused before anything is read. */
    ck_ok(ek_report_read_sarah_with(r, "/dev/null", NULL, &rej));
    opt.version = 99;
    ck_status(ek_report_read_cases_with(r, cases, &opt, &rej), EK_EVERSION);
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    ck_ok(ek_report_totals_get(r, &t));
    ck_assert_uint_eq(t.cases_read, 3);
    ck_assert_uint_eq(t.cases_rejected, 2);
    ck_ok(ek_report_finish(r));
    opt.version = EK_REPORT_READ_OPTIONS_VERSION;
    ck_status(ek_report_read_cases_with(r, cases, &opt, &rej), EK_ESTATE);
    ek_report_free(r);
    ek_context_free(ctx);
}
END_TEST

/* The sample is the one check, review and Python draw (issue 16, point 5): ek_sample_select() over the groups
 * of ek_sample_group(), by unit and year unless another period is set. */
START_TEST(sample_as_check)
{
    static const char *const dates[] = { "2024-03-04", "2024-11-04", "2025-02-03", "2025-05-05", "2025-08-04" };
    const char *periods[] = { NULL, "all", "half" };
    for (size_t p = 0; p < 3; p++) {
        ek_context *ctx = NULL;
        ek_report *r = mk_report(&ctx, "2026-01-15");
        ck_ok(ek_report_set_sample(r, 1, 17));
        if (periods[p])
            ck_ok(ek_report_set_sample_period(r, periods[p]));
        ck_assert_str_eq(ek_report_sample_period(r), periods[p] ? periods[p] : "year");
        const char *ids[20], *groups[20];
        char idbuf[20][16], grpbuf[20][64];
        unsigned char sel[20];
        for (int i = 0; i < 20; i++) {
            snprintf(idbuf[i], sizeof idbuf[i], "Y-%02d", i);
            ek_case *c = mk_case(idbuf[i], i % 2 ? "Norr" : "Söder", dates[i % 5], NULL, NULL);
            ck_ok(ek_sample_group(c, periods[p] ? periods[p] : "year", grpbuf[i], sizeof grpbuf[i]));
            ids[i] = idbuf[i];
            groups[i] = grpbuf[i];
            add(r, c, 1);
        }
        ck_ok(ek_sample_select(ids, groups, 20, 1, 17, sel));
        ck_ok(ek_report_finish(r));
        size_t want = 0;
        for (int i = 0; i < 20; i++)
            want += sel[i];
        ck_assert_uint_eq(want, p == 0 ? 4 : p == 1 ? 2 : 8); /* groups: unit × year, unit, unit × half-year */
        ck_assert_uint_eq(ek_report_sample_count(r), want);
        ek_report_totals t = EK_REPORT_TOTALS_INIT;
        ck_ok(ek_report_totals_get(r, &t));
        ck_assert_uint_eq(t.cases_checked, want);
        for (size_t k = 0; k < want; k++) {
            const char *id = ek_report_sample_case(r, k);
            ck_assert(id != NULL);
            if (k > 0)
                ck_assert(strcmp(ek_report_sample_case(r, k - 1), id) < 0);
            int found = 0;
            for (int i = 0; i < 20; i++)
                found |= sel[i] && strcmp(ids[i], id) == 0;
            ck_assert_msg(found, "%s sampled by the report, not by ek_sample_select()", id);
        }
        ck_assert(ek_report_sample_case(r, want) == NULL);
        ck_assert_uint_eq(item(r, "A1", EK_REPORT_ALL).total, want);
        ek_report_free(r);
        ek_context_free(ctx);
    }
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2026-01-15");
    ck_status(ek_report_set_sample_period(r, "week"), EK_EINVAL);
    ck_status(ek_report_set_sample_period(r, NULL), EK_EINVAL);
    ck_assert_uint_eq(ek_report_sample_count(r), 0);
    ek_report_free(r);
    ek_context_free(ctx);
}
END_TEST

/* The sample thins the checklist only, reproducibly, per unit. */
START_TEST(sample_per_unit)
{
    ek_context *ctx = NULL;
    size_t checked[2];
    for (int run = 0; run < 2; run++) {
        ek_report *r = mk_report(&ctx, "2025-06-01");
        ck_ok(ek_report_set_sample(r, 2, 42));
        char id[32];
        for (int i = 0; i < 10; i++) {
            snprintf(id, sizeof id, "S-%d", i);
            add(r, mk_case(id, i % 2 ? "A" : "B", "2025-03-03", "2025-03-03", NULL), 1);
        }
        add(r, mk_case("S-lone", "C", "2025-03-03", "2025-03-03", NULL), 1);
        ck_ok(ek_report_finish(r));
        ek_report_totals t = EK_REPORT_TOTALS_INIT;
        ck_ok(ek_report_totals_get(r, &t));
        ck_assert_uint_eq(t.cases_in_period, 11);
        ck_assert_uint_eq(t.cases_checked, 5); /* 2 + 2 + 1 */
        ck_assert_uint_eq(item(r, "A1", EK_REPORT_ALL).denominator, 5);
        ck_assert_uint_eq(item(r, "A1", 0).denominator, 2);
        ck_assert_uint_eq(dl(r, EK_RULE_SKYDDSBEDOMNING, EK_REPORT_ALL, EK_REPORT_ALL).obligations, 11);
        checked[run] = t.cases_checked;
        ek_report_free(r);
        ek_context_free(ctx);
    }
    ck_assert_uint_eq(checked[0], checked[1]);
}
END_TEST

/* Delays of one cell far apart (issue 15: each cell counts a window of days around its first delay densely and
 * the others in sorted bins): the median and the largest stay exact, the middle pair straddling both. */
START_TEST(median_wide_delays)
{
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2026-06-01");
    /* Reports on Monday 2025-03-03: judged end 2025-03-04; delays 200 (first), 401, 2, 402, 5, 30, 200, 31. */
    const char *done[] = { "2025-09-20", "2026-04-09", "2025-03-06", "2026-04-10",
                           "2025-03-09", "2025-04-03", "2025-09-20", "2025-04-04" };
    char id[16];
    for (size_t i = 0; i < sizeof done / sizeof *done; i++) {
        snprintf(id, sizeof id, "W-%zu", i);
        add(r, mk_case(id, "U", "2025-03-03", done[i], NULL), 1);
    }
    ck_ok(ek_report_finish(r));
    /* 2 5 30 31 | 200 200 401 402 */
    ek_deadline_counts s = dl(r, EK_RULE_SKYDDSBEDOMNING, EK_REPORT_ALL, EK_REPORT_ALL);
    ck_assert_uint_eq(s.late, 8);
    ck_assert_msg(s.late_median_days == 115.5, "median %g", s.late_median_days);
    ck_assert_int_eq(s.late_max_days, 402);
    s = dl(r, EK_RULE_SKYDDSBEDOMNING, 0, 0);
    ck_assert_msg(s.late_median_days == 115.5, "median %g", s.late_median_days);
    ck_assert_int_eq(s.late_max_days, 402);
    ek_report_free(r);
    ek_context_free(ctx);
}
END_TEST

/* Flat memory (issue 15): the report keeps nothing per case.  After a warm-up, a thousand more cases of the
 * same units, months and day counts (none overdue) leave the number of live blocks where it was; the
 * medians still come out exact. */
START_TEST(flat_memory)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    char id[32];
    long warm = 0;
    for (int i = 0; i < 1100; i++) {
        if (i == 100)
            warm = st.live;
        snprintf(id, sizeof id, "M-%04d", i);
        /* förhandsbedömning closed in time (beslut after 7 days); the skyddsbedömning a day late for
         * every other case, on time for the others */
        add(r, mk_case(id, i % 2 ? "Norr" : "Söder", "2025-03-03", i % 2 ? "2025-03-05" : "2025-03-03",
                       "2025-03-10"), 1);
    }
    ck_assert_msg(st.live <= warm, "%ld live blocks after 1100 cases, %ld after 100", st.live, warm);
    ck_ok(ek_report_finish(r));
    ek_deadline_counts d = dl(r, EK_RULE_SKYDDSBEDOMNING, EK_REPORT_ALL, EK_REPORT_ALL);
    ck_assert_uint_eq(d.obligations, 1100);
    ck_assert_uint_eq(d.met, 550);
    ck_assert_uint_eq(d.late, 550);
    ck_assert_msg(d.late_median_days == 1.0, "median %g max %ld", d.late_median_days, d.late_max_days);
    ck_assert_int_eq(d.late_max_days, 1); /* the skyddsbedömning is due the day after the report */
    ck_assert_uint_eq(ek_report_overdue_count(r), 0);
    ek_report_free(r);
    ek_context_free(ctx);
    ck_assert_int_eq(st.live, 0);
    ek_t_alloc_uninstall();
}
END_TEST


/* ---- the streaming JSON writer (issue 15) ----------------------------------------------------- */

/* What a sink received: the pieces one after another. */
typedef struct pieces {
    char *text;
    size_t len, cap;
    size_t calls;
    size_t largest;
    size_t fail_at; /* refuse call number fail_at (1-based); 0: never */
} pieces;

static int collect(void *user, const char *data, size_t len)
{
    pieces *p = user;
    p->calls++;
    if (p->fail_at && p->calls == p->fail_at)
        return 7;
    ck_assert_uint_gt(len, 0);
    if (len > p->largest)
        p->largest = len;
    ck_ok(ek_buffer_append(&p->text, &p->len, &p->cap, data, len));
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    char chunk[65536];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        ck_ok(ek_buffer_append(&buf, &n, &cap, chunk, got));
    fclose(f);
    *len = n;
    return buf;
}

/* The demo data with lex Sarah records, a delegation order and rejected lines: a document of
 * several pieces. */
static ek_report *demo_report(ek_context **ctx, ek_delegation **deleg)
{
    const char *src = getenv("EK_SOURCE_DIR");
    char path[1024];
    ek_report *r = mk_report(ctx, "2026-03-01");
    snprintf(path, sizeof path, "%s/examples/data/delegation.json", src ? src : ".");
    ck_ok(ek_delegation_load_json(deleg, path));
    ck_ok(ek_report_set_delegation(r, *deleg));
    size_t rej = 0;
    snprintf(path, sizeof path, "%s/examples/data/cases.jsonl", src ? src : ".");
    ck_ok(ek_report_read_cases(r, path, &rej));
    snprintf(path, sizeof path, "%s/tests/data/report/cases.jsonl", src ? src : ".");
    ck_ok(ek_report_read_cases(r, path, &rej));
    ck_assert_uint_gt(rej, 0);
    snprintf(path, sizeof path, "%s/examples/data/sarah.jsonl", src ? src : ".");
    ck_ok(ek_report_read_sarah(r, path, &rej));
    ck_ok(ek_report_finish(r));
    return r;
}

/* The sink receives the string form's bytes, in pieces of about 64 KiB; the file form adds a newline. */
START_TEST(json_sink_equals_string)
{
    ek_context *ctx = NULL;
    ek_delegation *deleg = NULL;
    ek_report *r = demo_report(&ctx, &deleg);
    char *whole = NULL;
    ck_ok(ek_report_write_json(r, &whole));
    size_t n = strlen(whole);
    ck_assert_uint_gt(n, 4 * 65536);
    ck_assert_uint_gt(ek_report_overdue_count(r), 100);
    ck_assert_ptr_nonnull(strstr(whole, "\"sarah\": {\n    \"records\""));
    pieces p = { NULL, 0, 0, 0, 0, 0 };
    ck_ok(ek_report_write_json_sink(r, collect, &p));
    ck_assert_uint_gt(p.calls, 4);
    ck_assert_uint_lt(p.largest, 80 * 1024); /* a chunk and the rest of one element */
    ck_assert_uint_eq(p.len, n);
    ck_assert_msg(memcmp(p.text, whole, n) == 0, "the pieces differ from the string form");

    char path[] = "/tmp/ek_report_json_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_ok(ek_report_write_json_file(r, path));
    size_t flen = 0;
    char *file = slurp(path, &flen);
    unlink(path);
    ck_assert_uint_eq(flen, n + 1);
    ck_assert(memcmp(file, whole, n) == 0 && file[n] == '\n');
    ek_free(file);
    ek_free(p.text);
    ek_free(whole);
    ek_report_free(r);
    ek_delegation_free(deleg);
    ek_context_free(ctx);
}
END_TEST

/* The CSV text in pieces of whole lines (issue 15, flat memory): byte for byte the string form in
 * both dialects; a refusing sink stops the writer with EK_EIO; nothing leaked. */
START_TEST(csv_sink_equals_string)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_context *ctx = NULL;
    ek_delegation *deleg = NULL;
    ek_report *r = demo_report(&ctx, &deleg);
    const ek_csv_dialect dialects[] = { EK_CSV_RFC4180, EK_CSV_EXCEL_SV };
    for (size_t d = 0; d < 2; d++) {
        char *whole = NULL;
        ck_ok(ek_report_write_csv_dialect(r, dialects[d], &whole));
        size_t n = strlen(whole);
        ck_assert_uint_gt(n, 2 * 65536);
        pieces p = { NULL, 0, 0, 0, 0, 0 };
        ck_ok(ek_report_write_csv_sink(r, dialects[d], collect, &p));
        ck_assert_uint_gt(p.calls, 2);
        ck_assert_uint_lt(p.largest, 66 * 1024); /* a piece and the rest of one line */
        ck_assert_uint_eq(p.len, n);
        ck_assert_msg(memcmp(p.text, whole, n) == 0, "the pieces differ from the string form");
        ek_free(p.text);
        for (size_t fail = 1; fail <= 2; fail++) {
            pieces q = { NULL, 0, 0, 0, 0, fail };
            ck_status(ek_report_write_csv_sink(r, dialects[d], collect, &q), EK_EIO);
            ck_msg_has("could not be written");
            ck_assert_uint_eq(q.calls, fail);
            ek_free(q.text);
        }
        ek_free(whole);
    }
    pieces p = { NULL, 0, 0, 0, 0, 0 };
    ck_status(ek_report_write_csv_sink(NULL, EK_CSV_RFC4180, collect, &p), EK_EINVAL);
    ck_status(ek_report_write_csv_sink(r, EK_CSV_RFC4180, NULL, &p), EK_EINVAL);
    ck_status(ek_report_write_csv_sink(r, (ek_csv_dialect)99, collect, &p), EK_EINVAL);
    ck_assert_uint_eq(p.calls, 0);
    ek_report_free(r);
    ek_delegation_free(deleg);
    ek_context_free(ctx);
    ek_context *ctx2 = NULL;
    ek_report *unfinished = mk_report(&ctx2, "2025-06-01");
    ck_status(ek_report_write_csv_sink(unfinished, EK_CSV_RFC4180, collect, &p), EK_ESTATE);
    ck_assert_uint_eq(p.calls, 0);
    ek_report_free(unfinished);
    ek_context_free(ctx2);
    ck_assert_int_eq(st.live, 0);
    ek_t_alloc_uninstall();
}
END_TEST

/* Case ids shaped like personal identity numbers, in an overdue list of many pieces: masked in
 * every piece exactly as in the string form (a piece never ends inside a digit run). */
START_TEST(json_sink_masks_like_string)
{
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    char id[32];
    for (int i = 0; i < 600; i++) {
        snprintf(id, sizeof id, "P%02d%02d%02d-%04d", i % 100, 1 + i % 12, 1 + i % 28, i);
        add(r, mk_case(id, i % 2 ? "Norr" : "Söder", "2025-03-03", NULL, NULL), 1);
    }
    ck_ok(ek_report_finish(r));
    ck_assert_uint_eq(ek_report_overdue_count(r), 1200);
    char *whole = NULL;
    ck_ok(ek_report_write_json(r, &whole));
    ck_assert_ptr_null(strstr(whole, "-0599\""));
    ck_assert_ptr_nonnull(strstr(whole, "\"case\": \"PXXXXXX-XXXX\""));
    pieces p = { NULL, 0, 0, 0, 0, 0 };
    ck_ok(ek_report_write_json_sink(r, collect, &p));
    ck_assert_uint_gt(p.calls, 3);
    ck_assert_uint_eq(p.len, strlen(whole));
    ck_assert_msg(memcmp(p.text, whole, p.len) == 0, "the pieces are masked differently");
    ek_free(p.text);
    ek_free(whole);
    ek_report_free(r);
    ek_context_free(ctx);
}
END_TEST

/* A sink that refuses stops the writer: EK_EIO, no further call, nothing leaked.  A full disk
 * (/dev/full) and a directory that does not exist name the file and the reason. */
START_TEST(json_sink_errors)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    pieces p = { NULL, 0, 0, 0, 0, 0 };
    ck_status(ek_report_write_json_sink(r, collect, &p), EK_ESTATE); /* not finished */
    ck_assert_uint_eq(p.calls, 0);
    char id[32];
    for (int i = 0; i < 600; i++) {
        snprintf(id, sizeof id, "E-%04d", i);
        add(r, mk_case(id, "Norr", "2025-03-03", NULL, NULL), 1);
    }
    ck_ok(ek_report_finish(r));
    for (size_t fail = 1; fail <= 3; fail++) {
        pieces q = { NULL, 0, 0, 0, 0, fail };
        ck_status(ek_report_write_json_sink(r, collect, &q), EK_EIO);
        ck_msg_has("could not be written");
        ck_assert_uint_eq(q.calls, fail);
        ek_free(q.text);
    }
    ck_status(ek_report_write_json_sink(NULL, collect, &p), EK_EINVAL);
    ck_status(ek_report_write_json_sink(r, NULL, &p), EK_EINVAL);
    ck_status(ek_report_write_json_file(r, NULL), EK_EINVAL);
    ck_status(ek_report_write_json_file(NULL, "/dev/null"), EK_EINVAL);
    ck_ok(ek_report_write_json_file(r, "/dev/null"));
    ck_status(ek_report_write_json_file(r, "/dev/full"), EK_EIO);
    ck_msg_has("/dev/full");
    ck_msg_has(strerror(ENOSPC));
    ck_status(ek_report_write_json_file(r, "/nonexistent-dir/report.json"), EK_EIO);
    ck_msg_has("/nonexistent-dir/report.json");
    ck_msg_has("cannot open");
    ek_report_free(r);
    ek_context_free(ctx);
    ck_assert_int_eq(st.live, 0);
    ek_t_alloc_uninstall();
}
END_TEST

static int discard(void *user, const char *data, size_t len)
{
    (void)user;
    (void)data;
    (void)len;
    return 0;
}

/* One full report: cases, a lex Sarah record, finish, the writers. */
static int scenario(const ek_context *ctx, ek_case *const *cases, size_t n, const ek_sarah_record *rec)
{
    ek_report *r = NULL;
    char *out = NULL;
    int rc = ek_report_new(&r, ctx, ek_t_date("2025-06-01"));
    for (size_t i = 0; rc == EK_OK && i < n; i++)
        rc = ek_report_add_case(r, cases[i], NULL);
    if (rc == EK_OK)
        rc = ek_report_add_sarah(r, rec, NULL);
    if (rc == EK_OK)
        rc = ek_report_add_rejected(r, EK_REPORT_INPUT_SARAH, ek_error_last());
    if (rc == EK_OK)
        rc = ek_report_finish(r);
    if (rc == EK_OK) {
        ek_deadline_counts d = EK_DEADLINE_COUNTS_INIT;
        rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &d);
    }
    if (rc == EK_OK)
        rc = ek_report_write_csv(r, &out);
    ek_free(out);
    out = NULL;
    if (rc == EK_OK)
        rc = ek_report_write_json(r, &out);
    ek_free(out);
    if (rc == EK_OK)
        rc = ek_report_write_json_sink(r, discard, NULL);
    ek_report_free(r);
    return rc;
}

static void alloc_loop(int sticky)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    ek_case *cases[3] = { mk_case("F-1", "Norr", "2025-03-03", "2025-03-03", "2025-03-10"),
                          mk_case("F-2", "Söder", "2025-03-05", "2025-03-10", NULL),
                          mk_case("F-3", NULL, "2025-04-01", NULL, NULL) };
    ek_sarah_record *rec = NULL;
    const char *line = "{\"id\": \"LS-F\", \"unit\": \"Norr\", \"typ\": \"missforhallande\", "
                       "\"datum\": {\"rapport\": \"2025-02-03\", \"registrerad\": \"2025-02-03\"}}";
    ck_ok(ek_sarah_read_json(&rec, line, strlen(line), NULL));
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ck_ok(scenario(ctx, cases, 3, rec));
    long total = st.count;
    ck_assert_int_eq(st.live, 0);
    ck_assert(total > 20);
    for (long n = 1; n <= total; n++) {
        st.count = 0;
        st.fail_at = n;
        st.sticky = sticky;
        st.live = 0;
        int rc = scenario(ctx, cases, 3, rec);
        ck_assert_msg(rc == EK_ENOMEM || (!sticky && rc == EK_OK), "fail at %ld: %s (%s)", n, ek_status_name(rc),
                      ek_error_last()->message);
        ck_assert_msg(st.live == 0, "fail at %ld (sticky %d): %ld blocks leaked", n, sticky, st.live);
    }
    ek_t_alloc_uninstall();
    for (int i = 0; i < 3; i++)
        ek_case_free(cases[i]);
    ek_sarah_record_free(rec);
    ek_context_free(ctx);
}

START_TEST(alloc_fail_once) { alloc_loop(0); }
END_TEST

START_TEST(alloc_fail_sticky) { alloc_loop(1); }
END_TEST

/* A case whose addition fails for lack of memory leaves the report as it was. */
START_TEST(alloc_fail_leaves_report_unchanged)
{
    /* Everything is allocated through the test allocator (it cannot free libc blocks). */
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_context *ctx = NULL;
    ek_report *r = mk_report(&ctx, "2025-06-01");
    ek_case *c = mk_case("U-1", "Norr", "2025-03-05", "2025-03-10", NULL);
    add(r, mk_case("U-0", "Söder", "2025-03-03", "2025-03-03", NULL), 1);
    for (long n = 1;; n++) {
        st.count = 0;
        st.fail_at = n;
        st.sticky = 1;
        int rc = ek_report_add_case(r, c, NULL);
        if (rc == EK_OK)
            break;
        ck_assert_int_eq(rc, EK_ENOMEM);
        ek_report_totals t = EK_REPORT_TOTALS_INIT;
        ck_ok(ek_report_totals_get(r, &t));
        ck_assert_uint_eq(t.cases_read, 1);
        ck_assert_uint_eq(t.obligations, 2);
        ck_assert_uint_eq(t.overdue, 1); /* U-0's förhandsbedömning */
        ck_assert_uint_eq(ek_report_unit_count(r), 0); /* not finished */
    }
    st.fail_at = 0;
    ck_ok(ek_report_finish(r));
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    ck_ok(ek_report_totals_get(r, &t));
    ck_assert_uint_eq(t.cases_read, 2);
    ck_assert_uint_eq(ek_report_unit_count(r), 2);
    ck_assert_uint_eq(ek_report_overdue_count(r), 2);
    ek_case_free(c);
    ek_report_free(r);
    ek_context_free(ctx);
    ck_assert_int_eq(st.live, 0);
    ek_t_alloc_uninstall();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report");
    TCase *t = tcase_create("report");
    tcase_add_test(t, hand_checked_fixture);
    tcase_add_test(t, period_boundaries);
    tcase_add_test(t, median_and_months);
    tcase_add_test(t, median_wide_delays);
    tcase_add_test(t, states);
    tcase_add_test(t, sample_per_unit);
    tcase_add_test(t, flat_memory);
    tcase_add_test(t, read_with_callbacks);
    tcase_add_test(t, sample_as_check);
    tcase_add_test(t, json_sink_equals_string);
    tcase_add_test(t, json_sink_masks_like_string);
    tcase_add_test(t, json_sink_errors);
    tcase_add_test(t, csv_sink_equals_string);
    suite_add_tcase(s, t);
    TCase *a = tcase_create("alloc");
    tcase_set_timeout(a, 120);
    tcase_add_test(a, alloc_fail_once);
    tcase_add_test(a, alloc_fail_sticky);
    tcase_add_test(a, alloc_fail_leaves_report_unchanged);
    suite_add_tcase(s, a);
    return s;
}

int main(void)
{
    return ek_t_run(suite());
}
