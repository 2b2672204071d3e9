/* SPDX-License-Identifier: MIT */
/* Check suite for the checklist evaluation's fast paths (issue 15): the verdicts-only evaluation
 * the report counts with (ek__checklist_evaluate_verdicts(), private, hence the static library)
 * against the full evaluation; the case's event index; the default texts looked up once per
 * result set and language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ek_test.h"
#include "../lib/checklist_internal.h"

static char *src_path(const char *rel)
{
    const char *src = getenv("EK_SOURCE_DIR");
    static char buf[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", src ? src : ".", rel);
    return buf[k];
}

/* Every case of @cases_file: the verdicts-only evaluation gives each item the result, criterion and
 * flags (all but EK_ITEM_ANSWERED, which needs the evidence) of the full one, and no text.  Returns
 * the number of cases compared; *answered counts items whose full result had EK_ITEM_ANSWERED. */
static size_t compare_file(const char *cases_file, const char *checklist, const char *delegation,
                           const char *answers_file, ek_date as_of, size_t *answered)
{
    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_delegation *del = NULL;
    ek_answers *ans = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(checklist ? ek_checklist_load_json(&cl, src_path(checklist)) : ek_checklist_new_builtin(&cl));
    if (delegation)
        ck_ok(ek_delegation_load_json(&del, src_path(delegation)));
    if (answers_file) {
        size_t rejected = 0;
        ck_ok(ek_answers_new(&ans));
        ck_ok(ek_answers_read_json(ans, src_path(answers_file), &rejected));
    }
    ek_case_reader *rd = NULL;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    ek_checklist_result *full = NULL, *fast = NULL;
    ck_ok(ek_case_reader_open(&rd, src_path(cases_file)));
    ck_ok(ek_case_new(&c, "-"));
    ck_ok(ek_evaluation_new(&ev));
    ck_ok(ek_checklist_result_new(&full));
    ck_ok(ek_checklist_result_new(&fast));
    ek_obligation *obl = NULL;
    size_t ncases = 0, cap = 0;
    for (;;) {
        int rc = ek_case_reader_next(rd, c);
        if (rc == 0)
            break;
        if (rc < 0)
            continue; /* a rejected line: nothing to compare */
        ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, as_of, ev));
        size_t n = ek_evaluation_count(ev);
        if (n > cap) {
            cap = n;
            obl = realloc(obl, cap * sizeof *obl);
            ck_assert(obl != NULL);
        }
        for (size_t k = 0; k < n; k++)
            obl[k] = *ek_evaluation_at(ev, k);
        ck_ok(ek_checklist_evaluate_obligations_answers(ctx, cl, c, obl, n, del, ans, as_of, full));
        ck_ok(ek__checklist_evaluate_verdicts(ctx, cl, c, obl, n, del, ans, as_of, fast));
        ck_assert_uint_eq(ek_checklist_result_count(fast), ek_checklist_result_count(full));
        ck_assert_str_eq(ek_checklist_result_case_id(fast), ek_checklist_result_case_id(full));
        ck_assert_str_eq(ek_checklist_result_unit(fast), ek_checklist_result_unit(full));
        ck_assert(ek_checklist_result_case_date(fast) == ek_checklist_result_case_date(full));
        for (size_t k = 0; k < ek_checklist_result_count(full); k++) {
            ek_item_result a = EK_ITEM_RESULT_INIT, b = EK_ITEM_RESULT_INIT;
            ck_ok(ek_checklist_result_item(full, k, &a));
            ck_ok(ek_checklist_result_item(fast, k, &b));
            ck_assert_uint_eq(b.item_index, a.item_index);
            ck_assert_msg(b.result == a.result && b.criterion == a.criterion &&
                              b.flags == (a.flags & ~(unsigned int)EK_ITEM_ANSWERED),
                          "%s, case %s, item %s: verdicts %s/%s/%#x, full %s/%s/%#x", cases_file,
                          ek_checklist_result_case_id(full), a.item, ek_result_name(b.result),
                          ek_truth_name(b.criterion), b.flags, ek_result_name(a.result), ek_truth_name(a.criterion),
                          a.flags);
            ck_assert_str_eq(b.message, "");
            ck_assert_str_eq(b.basis, "");
            ck_assert_uint_eq(b.evidence_count, 0);
            if (a.flags & EK_ITEM_ANSWERED)
                ++*answered;
        }
        ncases++;
    }
    free(obl);
    ek_checklist_result_free(full);
    ek_checklist_result_free(fast);
    ek_evaluation_free(ev);
    ek_case_free(c);
    ek_case_reader_free(rd);
    ek_answers_free(ans);
    ek_delegation_free(del);
    ek_checklist_free(cl);
    ek_context_free(ctx);
    return ncases;
}

START_TEST(verdicts_equal_the_full_evaluation_demo)
{
    size_t answered = 0;
    /* 3 000 demo cases with reviewers' answers and a delegation order */
    size_t n = compare_file("examples/data/cases.jsonl", NULL, "examples/data/delegation.json",
                            "examples/data/granskning-demo.jsonl", ek_t_date("2026-12-01"), &answered);
    ck_assert_uint_ge(n, 3000);
    ck_assert_uint_gt(answered, 0); /* the answers took part */
    /* without a delegation order (C1 not checked), an earlier as-of date (windows still open) */
    n = compare_file("examples/data/cases.jsonl", NULL, NULL, NULL, ek_t_date("2024-06-30"), &answered);
    ck_assert_uint_ge(n, 3000);
}
END_TEST

START_TEST(verdicts_equal_the_full_evaluation_fixtures)
{
    size_t answered = 0, n = 0;
    const char *files[] = { "tests/data/checklist/items.jsonl", "tests/data/checklist/audit.jsonl",
                            "tests/data/checklist/mixed.jsonl", "tests/data/report/cases.jsonl" };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        n += compare_file(files[f], NULL, "tests/data/checklist/delegation.json", "tests/data/answers/svar.jsonl",
                          ek_t_date("2026-12-01"), &answered);
        /* a checklist of the municipality's own (local items, messages, references) */
        n += compare_file(files[f], "tests/data/checklist/local-checklist.json", NULL, NULL,
                          ek_t_date("2026-12-01"), &answered);
    }
    ck_assert_uint_gt(n, 50);
}
END_TEST

/* ---- the case's event index: types by code and by name, the as-of date, date ranges ------------- */

static ek_item_result item_of(const ek_checklist_result *res, const char *id)
{
    size_t k;
    ck_assert_msg(ek_checklist_result_find(res, id, &k) == EK_OK, "no result for %s", id);
    ek_item_result ir = EK_ITEM_RESULT_INIT;
    ck_ok(ek_checklist_result_item(res, k, &ir));
    return ir;
}

static size_t add_ev(ek_case *c, const char *type, const char *date)
{
    size_t i;
    ck_ok(ek_case_add_event(c, type, ek_t_date(date), &i));
    return i;
}

START_TEST(event_index_types_by_code_and_name)
{
    /* U1: an event of a type the library does not know (compared by name) or a known one (by code);
     * U2: only in a date range; U3: a known type followed by an unknown one within 14 days. */
    const char *json =
        "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\",\n"
        " \"event_types\": [\"kommunens_uppfoljning\"], \"items\": [\n"
        " {\"id\": \"U1\", \"title\": \"u1\", \"kind\": \"D\", \"basis\": [{\"ref\": \"Lokal rutin 1\"}],\n"
        "  \"criterion\": {\"event\": {\"type\": [\"kommunens_uppfoljning\", \"besok\"]}}},\n"
        " {\"id\": \"U2\", \"title\": \"u2\", \"kind\": \"D\", \"basis\": [{\"ref\": \"Lokal rutin 2\"}],\n"
        "  \"criterion\": {\"event\": {\"type\": \"kommunens_uppfoljning\", \"date_from\": \"2026-02-01\",\n"
        "                             \"date_to\": \"2026-02-28\"}}},\n"
        " {\"id\": \"U3\", \"title\": \"u3\", \"kind\": \"D\", \"basis\": [{\"ref\": \"Lokal rutin 3\"}],\n"
        "  \"applies\": {\"event\": {\"type\": \"utredning_inledd\"}},\n"
        "  \"criterion\": {\"within\": {\"from\": {\"type\": \"utredning_inledd\"},\n"
        "                              \"to\": {\"type\": \"kommunens_uppfoljning\"}, \"period\": \"14d\"}}}]}";
    ek_checklist *cl = NULL;
    ck_ok(ek_checklist_load_json_string(&cl, json, strlen(json), "index.json"));
    ek_context *ctx = NULL;
    ek_checklist_result *res = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_checklist_result_new(&res));
    ek_date as_of = ek_t_date("2026-03-01");

    /* no event: U1 and U2 fail, U3 does not apply */
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "IDX-1"));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, as_of, res));
    ck_assert(item_of(res, "U1").result == EK_RESULT_FAIL);
    ck_assert(item_of(res, "U2").result == EK_RESULT_FAIL);
    ck_assert(item_of(res, "U3").result == EK_RESULT_NOTAPPLICABLE);
    ek_case_free(c);

    /* the unknown type after the as-of date does not count; in the range and on or before it does */
    ck_ok(ek_case_new(&c, "IDX-2"));
    add_ev(c, "utredning_inledd", "2026-01-10");
    add_ev(c, "kommunens_uppfoljning", "2026-03-02"); /* the day after the as-of date */
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, as_of, res));
    ck_assert(item_of(res, "U1").result == EK_RESULT_FAIL);
    ck_assert(item_of(res, "U2").result == EK_RESULT_FAIL);
    ck_assert(item_of(res, "U3").result == EK_RESULT_FAIL);   /* window 2026-01-10 + 14 d has passed */
    ck_assert_ptr_nonnull(strstr(item_of(res, "U3").message, "inledd utredning 2026-01-10"));
    ek_case_free(c);

    ck_ok(ek_case_new(&c, "IDX-3"));
    add_ev(c, "utredning_inledd", "2026-02-10");
    size_t k = add_ev(c, "kommunens_uppfoljning", "2026-02-24"); /* the 14th day: last day of the window */
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, as_of, res));
    ek_item_result u1 = item_of(res, "U1");
    ck_assert(u1.result == EK_RESULT_PASS);
    ck_assert_uint_eq(u1.evidence_count, 1);
    ek_evidence x = EK_EVIDENCE_INIT;
    ck_ok(ek_checklist_result_evidence(res, 0, 0, &x));
    ck_assert_uint_eq(x.event_index, k);
    ck_assert_str_eq(x.event_type, "kommunens_uppfoljning");
    ck_assert(item_of(res, "U2").result == EK_RESULT_PASS);
    ck_assert(item_of(res, "U3").result == EK_RESULT_PASS);
    ek_case_free(c);

    /* a known type alone answers U1; outside U2's range (2026-03-01) U2 fails; the day after the
     * window (the 15th day) U3 fails */
    ck_ok(ek_case_new(&c, "IDX-4"));
    add_ev(c, "utredning_inledd", "2026-02-10");
    add_ev(c, "besok", "2026-02-12");
    add_ev(c, "kommunens_uppfoljning", "2026-02-25");
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, as_of, res));
    ck_assert(item_of(res, "U1").result == EK_RESULT_PASS);
    ck_assert(item_of(res, "U2").result == EK_RESULT_PASS);
    ck_assert(item_of(res, "U3").result == EK_RESULT_FAIL);
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-02-11"), res)); /* only the first */
    ck_assert(item_of(res, "U1").result == EK_RESULT_FAIL);
    ck_assert(item_of(res, "U3").result == EK_RESULT_NOTCHECKED); /* the window is still open */
    ek_case_free(c);

    ek_checklist_result_free(res);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* The default texts per result are looked up once per result set and language (issue 15): one
 * result set used with a Swedish, an English and the process's context in turn follows each. */
START_TEST(default_texts_follow_the_context_language)
{
    ek_checklist *cl = NULL;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_context *sv = NULL, *en = NULL, *proc = NULL;
    ck_ok(ek_context_new(&sv));
    ck_ok(ek_context_new(&en));
    ck_ok(ek_context_new(&proc));
    ck_ok(ek_context_set_language(sv, "sv"));
    ck_ok(ek_context_set_language(en, "en"));
    ek_checklist_result *res = NULL;
    ck_ok(ek_checklist_result_new(&res));
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "LANG-1"));
    add_ev(c, "anmalan_mottagen", "2026-01-10");
    ek_context *order[] = { sv, en, sv, proc, en, en, sv };
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        ck_ok(ek_checklist_evaluate(order[k], cl, c, NULL, ek_t_date("2026-03-01"), res));
        ek_item_result b1 = item_of(res, "B1"); /* no investigation: does not apply */
        ck_assert(b1.result == EK_RESULT_NOTAPPLICABLE);
        if (order[k] == en)
            ck_assert_str_eq(b1.message, "Does not apply to the case.");
        else if (order[k] == sv)
            ck_assert_str_eq(b1.message, "G\xc3\xa4ller inte \xc3\xa4rendet.");
        else /* the process's language: the tests run in the C locale, the msgid itself */
            ck_assert_str_eq(b1.message, "G\xc3\xa4ller inte \xc3\xa4rendet.");
    }
    ek_case_free(c);
    ek_checklist_result_free(res);
    ek_context_free(sv);
    ek_context_free(en);
    ek_context_free(proc);
    ek_checklist_free(cl);
}
END_TEST

/* The verdict stops at the dominant value (issue 15): an event quantifier at the first event that
 * decides it, all/any at the first operand, a relation at the first anchor; a later event, operand
 * or anchor that would decide it must still count. */
START_TEST(verdict_stops_only_at_the_dominant_value)
{
    const char *json =
        "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"items\": [\n"
        " {\"id\": \"S1\", \"title\": \"s\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}],\n"
        "  \"criterion\": {\"event\": {\"type\": \"samtal_med_barnet\", \"where\": {\"attr\": {\"key\": \"enskilt\", \"equals\": true}}}}},\n"
        " {\"id\": \"S2\", \"title\": \"s\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}],\n"
        "  \"criterion\": {\"event\": {\"type\": \"samtal_med_barnet\", \"for\": \"every\", \"where\": {\"attr\": {\"key\": \"enskilt\", \"equals\": true}}}}},\n"
        " {\"id\": \"S3\", \"title\": \"s\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}],\n"
        "  \"criterion\": {\"any\": [{\"event\": {\"type\": \"vardplan\"}}, {\"event\": {\"type\": \"besok\"}}]}},\n"
        " {\"id\": \"S4\", \"title\": \"s\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}],\n"
        "  \"criterion\": {\"all\": [{\"event\": {\"type\": \"besok\"}}, {\"event\": {\"type\": \"vardplan\"}}]}},\n"
        " {\"id\": \"S5\", \"title\": \"s\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}],\n"
        "  \"criterion\": {\"within\": {\"from\": {\"type\": \"samtal_med_barnet\"}, \"to\": {\"type\": \"besok\"},\n"
        "                              \"period\": \"14d\", \"for\": \"every\"}}},\n"
        " {\"id\": \"S6\", \"title\": \"s\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}],\n"
        "  \"criterion\": {\"first_known\": [{\"answer\": \"S6\"}, {\"event\": {\"type\": \"vardplan\"}}]}}]}";
    ek_checklist *cl = NULL;
    ck_ok(ek_checklist_load_json_string(&cl, json, strlen(json), "dominant.json"));
    ek_context *ctx = NULL;
    ek_checklist_result *res = NULL, *fast = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_checklist_result_new(&res));
    ck_ok(ek_checklist_result_new(&fast));
    ek_date as_of = ek_t_date("2026-03-01");
    for (int order = 0; order < 2; order++) {
        ek_case *c = NULL;
        ck_ok(ek_case_new(&c, "DOM-1"));
        /* the talk that is not private first, then the private one (order 1: the other way round) */
        size_t a = add_ev(c, "samtal_med_barnet", "2026-01-10");
        size_t b = add_ev(c, "samtal_med_barnet", "2026-01-20");
        ck_ok(ek_case_event_set_bool(c, a, "enskilt", order));
        ck_ok(ek_case_event_set_bool(c, b, "enskilt", !order));
        add_ev(c, "besok", "2026-01-15"); /* within 14 days of the first talk only */
        ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, as_of, res));
        ck_assert_int_eq(item_of(res, "S1").result, EK_RESULT_PASS);
        ck_assert_int_eq(item_of(res, "S2").result, EK_RESULT_FAIL);
        ck_assert_int_eq(item_of(res, "S3").result, EK_RESULT_PASS);
        ck_assert_int_eq(item_of(res, "S4").result, EK_RESULT_FAIL);
        ck_assert_int_eq(item_of(res, "S5").result, EK_RESULT_FAIL);
        ck_assert_int_eq(item_of(res, "S6").result, EK_RESULT_FAIL); /* no answer: the event decides */
        ck_ok(ek__checklist_evaluate_verdicts(ctx, cl, c, NULL, 0, NULL, NULL, as_of, fast));
        for (size_t k = 0; k < ek_checklist_result_count(res); k++) {
            ek_item_result x = EK_ITEM_RESULT_INIT, y = EK_ITEM_RESULT_INIT;
            ck_ok(ek_checklist_result_item(res, k, &x));
            ck_ok(ek_checklist_result_item(fast, k, &y));
            ck_assert_int_eq(x.result, y.result);
        }
        ek_case_free(c);
    }
    ek_checklist_result_free(fast);
    ek_checklist_result_free(res);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* The basis texts prepared with the checklist (ek__btext, issue 15) are what
 * ek_checklist_item_basis_on() gives on every day from 1999 to 2031, around each reference's first
 * and last day too, for the built-in checklist, a local one, and one whose references change often
 * (overlapping, adjacent, open-ended, the same day twice); "plain" only for text with nothing to
 * escape or mask. */
static void btext_as_basis_on(const ek_checklist *cl)
{
    ck_assert_uint_gt(cl->nitems, 0);
    for (size_t i = 0; i < cl->nitems; i++) {
        const ek__item *it = &cl->items[i];
        ck_assert_uint_gt(it->nbtext, 0);
        for (ek_date d = ek_t_date("1999-01-01"); d <= ek_t_date("2031-12-31"); d++) {
            char want[512];
            if (ek_checklist_item_basis_on(cl, i, d, want, sizeof want) != EK_OK)
                want[0] = '\0';
            const ek__btext *bt = ek__item_btext(it, d);
            ck_assert_ptr_nonnull(bt);
            ck_assert_msg(strcmp(bt->text, want) == 0, "item %s on day %lld: \"%s\", not \"%s\"", it->id,
                          (long long)d, bt->text, want);
            ck_assert_uint_eq(bt->len, strlen(want));
            if (bt->plain) {
                char copy[512];
                memcpy(copy, want, bt->len + 1);
                ck_assert_uint_eq(ek_text_mask_pnr(copy), 0);
                ck_assert_ptr_null(strpbrk(want, "\"\\\n\t\r"));
            }
        }
    }
}

START_TEST(basis_texts_prepared_per_interval)
{
    ek_checklist *cl = NULL;
    ck_ok(ek_checklist_new_builtin(&cl));
    btext_as_basis_on(cl);
    size_t plain = 0;
    for (size_t i = 0; i < cl->nitems; i++)
        for (size_t k = 0; k < cl->items[i].nbtext; k++)
            plain += cl->items[i].btext[k].plain;
    ck_assert_uint_gt(plain, cl->nitems); /* the built-in references need neither escaping nor masking */
    ek_checklist_free(cl);
    char path[1024];
    ck_ok(ek_checklist_load_json(&cl, ek_t_source_path(path, sizeof path, "tests/data/checklist/local-checklist.json")));
    btext_as_basis_on(cl);
    ek_checklist_free(cl);
    static const char json[] =
        "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"items\": ["
        "{\"id\": \"X1\", \"title\": \"x\", \"kind\": \"D\", \"basis\": ["
        "{\"ref\": \"a 1 \\u00a7\", \"to\": \"2001-12-31\"}, {\"ref\": \"b \\\"c\\\"\", \"from\": \"2002-01-01\", \"to\": \"2010-06-30\"}, "
        "{\"ref\": \"d 121212-1212\", \"from\": \"2005-02-28\"}, {\"ref\": \"e\", \"from\": \"2005-02-28\", \"to\": \"2005-02-28\"}, "
        "{\"ref\": \"f\", \"from\": \"2030-01-01\"}], \"criterion\": {\"value\": true}}, "
        "{\"id\": \"X2\", \"title\": \"x\", \"kind\": \"D\", \"basis\": [{\"ref\": \"g\", \"from\": \"2000-01-01\", \"to\": \"2000-12-31\"}], "
        "\"criterion\": {\"value\": true}}]}";
    int rc = ek_checklist_load_json_string(&cl, json, strlen(json), "b.json");
    ck_assert_msg(rc == EK_OK, "%s", ek_error_last()->message);
    btext_as_basis_on(cl);
    ck_assert_uint_eq(cl->items[0].nbtext, 6); /* before 2002, 2002, 2005-02-28, 2005-03-01, 2010-07-01, 2030 */
    ek_checklist_free(cl);
}
END_TEST

/* A result set used case after case keeps the rulebook evaluation and the obligations between them
 * (issue 15): each case's results are those of a fresh result set. */
START_TEST(reused_result_set_equals_a_fresh_one)
{
    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_delegation *del = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_checklist_new_builtin(&cl));
    char path[1024];
    ck_ok(ek_delegation_load_json(&del, ek_t_source_path(path, sizeof path, "tests/data/checklist/delegation.json")));
    ek_case_reader *rd = NULL;
    ek_case *c = NULL;
    ek_checklist_result *kept = NULL;
    ck_ok(ek_case_reader_open(&rd, ek_t_source_path(path, sizeof path, "examples/data/cases.jsonl")));
    ck_ok(ek_case_new(&c, "-"));
    ck_ok(ek_checklist_result_new(&kept));
    size_t n = 0, obligations = 0;
    int rc;
    while ((rc = ek_case_reader_next(rd, c)) != 0) {
        if (rc < 0)
            continue;
        ek_checklist_result *fresh = NULL;
        ck_ok(ek_checklist_result_new(&fresh));
        ek_date as_of = n % 2 ? ek_t_date("2025-12-31") : ek_t_date("2026-06-30");
        ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, n % 3 ? del : NULL, NULL, as_of, kept));
        ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, n % 3 ? del : NULL, NULL, as_of, fresh));
        char *a = NULL, *b = NULL;
        ck_ok(ek_checklist_result_write_json(kept, &a));
        ck_ok(ek_checklist_result_write_json(fresh, &b));
        ck_assert_str_eq(a, b);
        obligations += strstr(a, "\"obligation\"") != NULL;
        ek_free(a);
        ek_free(b);
        ek_checklist_result_free(fresh);
        n++;
    }
    ck_assert_uint_gt(n, 1000);
    ck_assert_uint_gt(obligations, 100);
    ek_checklist_result_free(kept);
    ek_case_free(c);
    ek_case_reader_free(rd);
    ek_delegation_free(del);
    ek_checklist_free(cl);
    ek_context_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("checklist_fast");
    TCase *t = tcase_create("verdicts");
    tcase_set_timeout(t, 300);
    tcase_add_test(t, verdicts_equal_the_full_evaluation_demo);
    tcase_add_test(t, verdicts_equal_the_full_evaluation_fixtures);
    suite_add_tcase(s, t);
    t = tcase_create("index");
    tcase_add_test(t, event_index_types_by_code_and_name);
    tcase_add_test(t, verdict_stops_only_at_the_dominant_value);
    suite_add_tcase(s, t);
    t = tcase_create("texts");
    tcase_add_test(t, default_texts_follow_the_context_language);
    tcase_add_test(t, basis_texts_prepared_per_interval);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, reused_result_set_equals_a_fresh_one);
    suite_add_tcase(s, t);
    return ek_t_run(s);
}
