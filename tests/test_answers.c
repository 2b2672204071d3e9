/* SPDX-License-Identifier: MIT */
/* Check suite for answer sets (answers.h) and their granskning-1 reader and writer (io.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ek_test.h"

#define LINE(id, item, result, date) \
    "{\"format\": \"egenkontroll/granskning-1\", \"id\": \"" id "\", \"item\": \"" item "\", \"result\": \"" result \
    "\", \"comment\": \"\", \"reviewer\": \"kvalitetscontroller\", \"date\": \"" date "\"}\n"

static int add(ek_answers *a, const char *id, const char *item, ek_result r, const char *date, const char *comment)
{
    ek_answer_record rec = EK_ANSWER_RECORD_INIT;
    rec.case_id = id;
    rec.item = item;
    rec.result = r;
    rec.date = date ? ek_t_date(date) : EK_DATE_NONE;
    rec.comment = comment;
    rec.reviewer = "kvalitetscontroller";
    rec.source = "svar.jsonl";
    rec.line = 7;
    return ek_answers_add(a, &rec);
}

/* A case with a report about violence (A4 applies), with its own answer for A4 when @p own_date is given. */
static ek_case *mk_case(const char *id, ek_result own, const char *own_date)
{
    ek_case *c = NULL;
    size_t i;
    ck_ok(ek_case_new(&c, id));
    ck_ok(ek_case_add_event(c, "anmalan_mottagen", ek_t_date("2025-09-01"), &i));
    ck_ok(ek_case_event_set_bool(c, i, "avser_vald", 1));
    ck_ok(ek_case_add_event(c, "skyddsbedomning", ek_t_date("2025-09-01"), &i));
    if (own_date)
        ck_ok(ek_case_add_answer(c, "A4", own, "kvalitetscontroller", ek_t_date(own_date), NULL));
    return c;
}

static ek_result found(const ek_answers *a, const ek_case *c, const char *item)
{
    ek_answer_info info = EK_ANSWER_INFO_INIT;
    int rc = ek_answers_find(a, c, item, &info);
    if (rc == EK_ENOTFOUND)
        return EK_RESULT_INVALID;
    ck_ok(rc);
    return info.result;
}

/* Which answer counts: the later date; on equal dates or a missing date, the set's. */
START_TEST(later_date_counts)
{
    ek_answers *a = NULL;
    ck_ok(ek_answers_new(&a));
    ek_case *c = mk_case("BU-1", EK_RESULT_PASS, "2026-01-10");
    ck_assert_int_eq(found(a, c, "A4"), EK_RESULT_PASS);       /* only the case's own */
    ck_assert_int_eq(found(NULL, c, "A4"), EK_RESULT_PASS);
    ck_assert_int_eq(found(a, c, "B4"), EK_RESULT_INVALID);     /* neither */
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_FAIL, "2026-01-09", NULL));
    ck_assert_int_eq(found(a, c, "A4"), EK_RESULT_PASS);       /* the day before: the export's counts */
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_FAIL, "2026-01-10", NULL));
    ck_assert_int_eq(found(a, c, "A4"), EK_RESULT_FAIL);       /* the same day: the set's */
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_NOTAPPLICABLE, "2026-01-11", NULL));
    ck_assert_int_eq(found(a, c, "A4"), EK_RESULT_NOTAPPLICABLE); /* the day after */
    ck_assert_uint_eq(ek_answers_count(a), 1);
    /* Within the set: an older answer added later does not replace a newer one. */
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_PASS, "2026-01-05", NULL));
    ck_assert_int_eq(found(a, c, "A4"), EK_RESULT_NOTAPPLICABLE);
    /* A missing date: the set's counts. */
    ek_case *d = mk_case("BU-2", EK_RESULT_PASS, "2026-01-10");
    ck_ok(add(a, "BU-2", "A4", EK_RESULT_FAIL, NULL, NULL));
    ck_assert_int_eq(found(a, d, "A4"), EK_RESULT_FAIL);
    /* Another case's answers never apply. */
    ek_case *e = mk_case("BU-3", EK_RESULT_PASS, NULL);
    ck_assert_int_eq(found(a, e, "A4"), EK_RESULT_INVALID);
    ek_case_free(c);
    ek_case_free(d);
    ek_case_free(e);
    ek_answers_free(a);
}
END_TEST

/* Conflicts are noted once, naming both answers and which counts; agreeing answers are not conflicts. */
START_TEST(conflicts_noted)
{
    ek_answers *a = NULL;
    ck_ok(ek_answers_new(&a));
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_PASS, "2026-02-01", "ok"));
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_PASS, "2026-02-01", "ok"));
    ck_assert_uint_eq(ek_answers_note_count(a), 0);
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_FAIL, "2026-02-03", "saknas"));
    ck_assert_uint_eq(ek_answers_note_count(a), 1);
    const ek_error *n = ek_answers_note(a, 0);
    ck_assert_int_eq(n->status, EK_ECONFLICT);
    ck_assert_str_eq(n->source, "svar.jsonl");
    ck_assert_uint_eq(n->line, 7);
    ck_assert_str_eq(n->record_id, "BU-1");
    ck_assert_ptr_nonnull(strstr(n->message, "pass (2026-02-01"));
    ck_assert_ptr_nonnull(strstr(n->message, "fail (2026-02-03)"));
    ck_assert_ptr_nonnull(strstr(n->message, "later"));
    ck_assert_ptr_null(ek_answers_note(a, 1));
    /* With the export's answer: noted at the visit, once however often the case is visited. */
    ek_case *c = mk_case("BU-1", EK_RESULT_PASS, "2026-02-02");
    size_t nans = 0;
    ck_ok(ek_answers_visit(a, c, &nans));
    ck_assert_uint_eq(nans, 1);
    ck_ok(ek_answers_visit(a, c, NULL));
    ck_assert_uint_eq(ek_answers_note_count(a), 2);
    n = ek_answers_note(a, 1);
    ck_assert_int_eq(n->status, EK_ECONFLICT);
    ck_assert_ptr_nonnull(strstr(n->message, "export"));
    ck_assert_ptr_nonnull(strstr(n->message, "answer file's counts"));
    ek_answer_record r = EK_ANSWER_RECORD_INIT;
    ck_ok(ek_answers_get(a, 0, &r));
    ck_assert_uint_eq(r.visits, 2);
    ck_assert_str_eq(r.comment, "saknas");
    ek_case_free(c);
    ek_answers_free(a);
}
END_TEST

/* Unknown case ids and items: errors naming file and line; the other answers still count. */
START_TEST(unknown_ids_and_items)
{
    ek_answers *a = NULL;
    ek_checklist *cl = NULL;
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_ok(ek_answers_new(&a));
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_FAIL, "2026-02-01", NULL));
    ck_ok(add(a, "NOPE", "A4", EK_RESULT_FAIL, "2026-02-01", NULL));
    ck_ok(add(a, "BU-1", "Z9", EK_RESULT_FAIL, "2026-02-01", NULL));
    ek_case *c = mk_case("BU-1", EK_RESULT_PASS, NULL);
    ck_ok(ek_answers_visit(a, c, NULL));
    size_t unknown = 0;
    ck_ok(ek_answers_check(a, cl, &unknown));
    ck_assert_uint_eq(unknown, 2);
    ck_assert_uint_eq(ek_answers_note_count(a), 2);
    ck_assert_int_eq(ek_answers_note(a, 0)->status, EK_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(ek_t_error_text(ek_answers_note(a, 0)), "svar.jsonl:7: unknown case id \"NOPE\""));
    ck_assert_ptr_nonnull(strstr(ek_t_error_text(ek_answers_note(a, 1)), "unknown item \"Z9\""));
    ck_ok(ek_answers_check(a, cl, &unknown)); /* nothing new */
    ck_assert_uint_eq(ek_answers_note_count(a), 2);
    ck_assert_uint_eq(unknown, 2);
    ck_assert_int_eq(found(a, c, "A4"), EK_RESULT_FAIL);
    ek_case_free(c);
    ek_answers_free(a);
    ek_checklist_free(cl);
}
END_TEST

START_TEST(bad_arguments)
{
    ek_answers *a = NULL;
    ck_status(ek_answers_new(NULL), EK_EINVAL);
    ck_ok(ek_answers_new(&a));
    ck_status(add(a, "", "A4", EK_RESULT_PASS, NULL, NULL), EK_EINVAL);
    ck_status(add(a, "BU-1", "", EK_RESULT_PASS, NULL, NULL), EK_EINVAL);
    ck_status(add(a, "BU-1", "A4", EK_RESULT_NOTCHECKED, NULL, NULL), EK_EINVAL);
    ck_msg_has("svar.jsonl:7:");
    ek_answer_record r = EK_ANSWER_RECORD_INIT;
    r.version = 99;
    ck_status(ek_answers_add(a, &r), EK_EVERSION);
    ck_status(ek_answers_get(a, 0, &r), EK_EVERSION);
    r.version = EK_ANSWER_RECORD_VERSION;
    ck_status(ek_answers_get(a, 0, &r), EK_ERANGE);
    ck_assert_uint_eq(ek_answers_count(a), 0);
    ck_assert_uint_eq(ek_answers_count(NULL), 0);
    ck_assert_ptr_null(ek_answers_note(NULL, 0));
    ek_answers_free(a);
    ek_answers_free(NULL);
}
END_TEST

/* The reader: good lines count, bad ones are noted with file:line:column and key. */
START_TEST(reader)
{
    const char *text = LINE("BU-1", "A4", "pass", "2026-02-01")
        "\n"
        "{\"format\": \"egenkontroll/granskning-1\", \"id\": \"BU-1\", \"item\": \"B4\", \"result\": \"maybe\", "
        "\"comment\": \"\", \"reviewer\": \"x\", \"date\": \"2026-02-01\"}\n"
        "{\"format\": \"egenkontroll/case-1\", \"id\": \"BU-1\"}\n"
        "{\"format\": \"egenkontroll/granskning-1\", \"id\": \"BU-2\", \"item\": \"B4\", \"result\": \"fail\", "
        "\"reviewer\": \"x\", \"date\": \"2026-02-01\"}\n"
        "{\"format\": \"egenkontroll/granskning-1\", \"id\": \"BU-2\", \"item\": \"B4\", \"result\": \"fail\", "
        "\"comment\": \"\", \"reviewer\": \"x\", \"date\": \"2026-02-30\"}\n"
        "not json\n"
        "{\"format\": \"egenkontroll/granskning-1\", \"id\": \"BU-3\", \"item\": \"B6\", \"result\": \"notapplicable\", "
        "\"comment\": \"flyttat\", \"reviewer\": \"x\", \"date\": \"2026-02-01\", \"checklist\": \"egenkontroll-sol\", "
        "\"version\": \"2026.1\", \"x_extra\": 1}\n";
    ek_answers *a = NULL;
    size_t rejected = 99;
    ck_ok(ek_answers_new(&a));
    ck_ok(ek_answers_read_json_string(a, text, strlen(text), "svar.jsonl", &rejected));
    ck_assert_uint_eq(rejected, 5);
    ck_assert_uint_eq(ek_answers_count(a), 2);
    ck_assert_uint_eq(ek_answers_note_count(a), 5);
    ck_assert_str_eq(ek_t_error_text(ek_answers_note(a, 0)),
                     "svar.jsonl:3:79: \"result\" must be pass, fail or notapplicable, not \"maybe\" (case BU-1, field result)");
    ck_assert_ptr_nonnull(strstr(ek_t_error_text(ek_answers_note(a, 1)), "svar.jsonl:4:"));
    ck_assert_ptr_nonnull(strstr(ek_t_error_text(ek_answers_note(a, 1)), "egenkontroll/granskning-1"));
    ck_assert_ptr_nonnull(strstr(ek_t_error_text(ek_answers_note(a, 2)), "svar.jsonl:5:1: missing required key \"comment\""));
    ck_assert_ptr_nonnull(strstr(ek_t_error_text(ek_answers_note(a, 3)), "\"2026-02-30\""));
    ck_assert_str_eq(ek_answers_note(a, 3)->field, "date");
    ck_assert_uint_eq(ek_answers_note(a, 4)->line, 7);
    ek_answer_record r = EK_ANSWER_RECORD_INIT;
    ck_ok(ek_answers_get(a, 1, &r));
    ck_assert_str_eq(r.case_id, "BU-3");
    ck_assert_int_eq(r.result, EK_RESULT_NOTAPPLICABLE);
    ck_assert_str_eq(r.comment, "flyttat");
    ck_assert_str_eq(r.checklist_version, "2026.1");
    ck_assert_str_eq(r.source, "svar.jsonl");
    ck_assert_uint_eq(r.line, 8);
    /* Written back and read again: the same answers. */
    char *out = NULL;
    ck_ok(ek_answers_write_json(a, &out));
    ck_assert_ptr_nonnull(strstr(out, "{\"format\": \"egenkontroll/granskning-1\", \"id\": \"BU-1\", \"item\": \"A4\", "
                                      "\"result\": \"pass\", \"comment\": \"\", \"reviewer\": \"kvalitetscontroller\", "
                                      "\"date\": \"2026-02-01\"}\n"));
    ek_answers *b = NULL;
    ck_ok(ek_answers_new(&b));
    ck_ok(ek_answers_read_json_string(b, out, strlen(out), "again", &rejected));
    ck_assert_uint_eq(rejected, 0);
    char *out2 = NULL;
    ck_ok(ek_answers_write_json(b, &out2));
    ck_assert_str_eq(out, out2);
    ek_free(out);
    ek_free(out2);
    ek_answers_free(b);
    ck_status(ek_answers_read_json(a, "/nonexistent/svar.jsonl", &rejected), EK_EIO);
    ck_msg_has("/nonexistent/svar.jsonl");
    ek_answers_free(a);
}
END_TEST

/* The evaluation takes the answer that counts; the case itself is not changed. */
START_TEST(evaluation_and_report)
{
    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    ek_answers *a = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_ok(ek_checklist_result_new(&res));
    ck_ok(ek_answers_new(&a));
    ek_case *c = mk_case("BU-1", EK_RESULT_PASS, NULL);
    ek_date as_of = ek_t_date("2026-03-01");
    size_t k;
    ek_item_result ir = EK_ITEM_RESULT_INIT;
    ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, NULL, a, as_of, res));
    ck_ok(ek_checklist_result_find(res, "A4", &k));
    ck_ok(ek_checklist_result_item(res, k, &ir));
    ck_assert_int_eq(ir.result, EK_RESULT_NOTCHECKED);
    ck_ok(add(a, "BU-1", "A4", EK_RESULT_FAIL, "2026-02-01", "inget våldsperspektiv"));
    ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, NULL, a, as_of, res));
    ck_ok(ek_checklist_result_item(res, k, &ir));
    ck_assert_int_eq(ir.result, EK_RESULT_FAIL);
    /* the reviewer's comment is free text: never in the message (issue 18) */
    ck_assert_ptr_null(strstr(ir.message, "inget våldsperspektiv"));
    ck_assert_ptr_nonnull(strstr(ir.message, "granskaren har bedömt A4 som inte uppfylld"));
    /* Dated after the as-of date: not yet given. */
    ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, NULL, a, ek_t_date("2026-01-31"), res));
    ck_ok(ek_checklist_result_item(res, k, &ir));
    ck_assert_int_eq(ir.result, EK_RESULT_NOTCHECKED);
    ck_assert_uint_eq(ek_case_answer_count(c), 0);
    /* ek_checklist_evaluate is the same without a set. */
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, as_of, res));
    ck_ok(ek_checklist_result_item(res, k, &ir));
    ck_assert_int_eq(ir.result, EK_RESULT_NOTCHECKED);

    /* The report: A4 judged through the set; unknown ids noted at finish. */
    ck_ok(add(a, "NOPE", "A4", EK_RESULT_FAIL, "2026-02-01", NULL));
    ek_report *r = NULL;
    ck_ok(ek_report_new(&r, ctx, as_of));
    ck_ok(ek_report_set_answers(r, a));
    ck_ok(ek_report_add_case(r, c, NULL));
    ck_status(ek_report_set_answers(r, a), EK_ESTATE);
    ck_ok(ek_report_finish(r));
    size_t a4;
    ck_ok(ek_checklist_find(cl, "A4", &a4));
    ek_item_counts cnt = EK_ITEM_COUNTS_INIT;
    ck_ok(ek_report_item_counts(r, a4, EK_REPORT_ALL, &cnt));
    ck_assert_uint_eq(cnt.failed, 1);
    ck_assert_uint_eq(cnt.notchecked, 0);
    ck_assert_uint_eq(ek_answers_note_count(a), 1);
    ck_assert_ptr_nonnull(strstr(ek_t_error_text(ek_answers_note(a, 0)), "unknown case id \"NOPE\""));
    ek_report_free(r);
    ek_case_free(c);
    ek_answers_free(a);
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_context_free(ctx);
}
END_TEST

static int scenario(void)
{
    const char *text = LINE("BU-1", "A4", "pass", "2026-02-01") LINE("BU-1", "A4", "fail", "2026-02-02")
        LINE("BU-2", "B4", "fail", "2026-02-02") "{\"bad\": 1}\n";
    ek_answers *a = NULL;
    int rc = ek_answers_new(&a);
    if (rc == EK_OK)
        rc = ek_answers_read_json_string(a, text, strlen(text), "svar.jsonl", NULL);
    ek_case *c = NULL;
    if (rc == EK_OK)
        rc = ek_case_new(&c, "BU-1");
    if (rc == EK_OK)
        rc = ek_case_add_answer(c, "A4", EK_RESULT_PASS, NULL, ek_t_date("2026-03-01"), NULL);
    if (rc == EK_OK)
        rc = ek_answers_visit(a, c, NULL);
    if (rc == EK_OK)
        rc = ek_answers_check(a, NULL, NULL);
    char *out = NULL;
    if (rc == EK_OK)
        rc = ek_answers_write_json(a, &out);
    ek_free(out);
    ek_case_free(c);
    ek_answers_free(a);
    return rc;
}

START_TEST(alloc_fail)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ck_ok(scenario());
    long total = st.count;
    ck_assert(total > 10);
    for (int sticky = 0; sticky <= 1; sticky++)
        for (long n = 1; n <= total; n++) {
            st.count = 0;
            st.fail_at = n;
            st.sticky = sticky;
            st.live = 0;
            int rc = scenario();
            ck_assert_msg(rc == EK_ENOMEM || (!sticky && rc == EK_OK), "fail at %ld: %s", n, ek_status_name(rc));
            ck_assert_msg(st.live == 0, "fail at %ld (sticky %d): %ld blocks leaked", n, sticky, st.live);
        }
    ek_t_alloc_uninstall();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("answers");
    TCase *t = tcase_create("answers");
    tcase_add_test(t, later_date_counts);
    tcase_add_test(t, conflicts_noted);
    tcase_add_test(t, unknown_ids_and_items);
    tcase_add_test(t, bad_arguments);
    tcase_add_test(t, reader);
    tcase_add_test(t, evaluation_and_report);
    tcase_add_test(t, alloc_fail);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return ek_t_run(suite());
}
