/* SPDX-License-Identifier: MIT */
/* Suite "io_checklist_json": the checklist result writer (ek_checklist_result_write_json,
 * lib/io/json_checklist.c) writes straight into a text buffer (issue 15: the jansson tree it built
 * made `check` 10-16x slower than `evaluate`); its bytes must equal jansson's
 * json_dumps(JSON_PRESERVE_ORDER) of the object tree that the previous implementation built.  That
 * implementation is kept here, verbatim but for its names, as the reference: every result of the
 * checklist fixtures, the report fixtures and the demo data, with and without reviewers' answers
 * and a delegation order, at several as-of dates, and cases with tricky ids and units. */
#include <jansson.h>
#include <stdio.h>

#include "ek_test.h"

/* ---- the reference: the jansson-based writer as it was ------------------------------------- */

static json_t *ref_jdate(ek_date d)
{
    char buf[EK_DATE_BUFSIZE];
    if (d == EK_DATE_NONE || ek_date_format(d, buf, sizeof buf) != EK_OK)
        return json_null();
    return json_string(buf);
}

static int ref_set(json_t *obj, const char *key, json_t *v)
{
    return v ? json_object_set_new(obj, key, v) : -1;
}

static const char *const ref_flag_names[] = { "undantag", "exkluderad", "oppen_fraga", "granskarsvar" };

/* NULL when jansson refuses; malloc'd otherwise (masked as the library masks its output). */
static char *ref_write(const ek_checklist_result *res)
{
    json_t *root = json_object();
    json_t *results = json_array();
    int bad = !root || !results;
    bad |= ref_set(root, "id", json_string(ek_checklist_result_case_id(res)));
    if (*ek_checklist_result_unit(res))
        bad |= ref_set(root, "unit", json_string(ek_checklist_result_unit(res)));
    bad |= ref_set(root, "as_of", ref_jdate(ek_checklist_result_as_of(res)));
    bad |= results ? json_object_set(root, "results", results) : -1;
    for (size_t k = 0; !bad && k < ek_checklist_result_count(res); k++) {
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        if (ek_checklist_result_item(res, k, &ir) != EK_OK)
            continue;
        json_t *o = json_object(), *ev = json_array(), *flags = json_array();
        bad |= !o || !ev || !flags;
        if (bad) {
            json_decref(o);
            json_decref(ev);
            json_decref(flags);
            break;
        }
        bad |= ref_set(o, "item", json_string(ir.item));
        bad |= ref_set(o, "result", json_string(ek_result_name(ir.result)));
        bad |= ref_set(o, "message", json_string(ir.message));
        bad |= ref_set(o, "basis", json_string(ir.basis));
        for (size_t j = 0; !bad && j < ir.evidence_count; j++) {
            ek_evidence x = EK_EVIDENCE_INIT;
            if (ek_checklist_result_evidence(res, k, j, &x) != EK_OK)
                continue;
            json_t *e = json_object();
            bad |= !e;
            if (bad)
                break;
            if (x.kind == EK_EVIDENCE_EVENT) {
                bad |= ref_set(e, "event", json_integer((json_int_t)x.event_index));
                bad |= ref_set(e, "type", json_string(x.event_type));
                bad |= ref_set(e, "date", ref_jdate(x.date));
            } else if (x.kind == EK_EVIDENCE_OBLIGATION) {
                bad |= ref_set(e, "obligation", json_string(x.rule ? x.rule : ""));
                bad |= ref_set(e, "sequence", json_integer(x.sequence));
                bad |= ref_set(e, "status", json_string(ek_obligation_status_name(x.status)));
                bad |= ref_set(e, "due", ref_jdate(x.date));
                if (x.event_index != EK_NO_EVENT)
                    bad |= ref_set(e, "event", json_integer((json_int_t)x.event_index));
            } else {
                bad |= ref_set(e, "answer", json_string(ir.item));
                bad |= ref_set(e, "date", ref_jdate(x.date));
            }
            if (x.note && *x.note)
                bad |= ref_set(e, "note", json_string(x.note));
            bad |= json_array_append_new(ev, e);
        }
        bad |= json_object_set_new(o, "evidence", ev);
        for (unsigned int b = 0; b < 4; b++)
            if (ir.flags & (1u << b))
                bad |= json_array_append_new(flags, json_string(ref_flag_names[b]));
        if (json_array_size(flags))
            bad |= json_object_set_new(o, "flags", flags);
        else
            json_decref(flags);
        bad |= json_array_append_new(results, o);
    }
    json_decref(results);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    char *s = json_dumps(root, JSON_PRESERVE_ORDER);
    json_decref(root);
    if (s)
        ek_text_mask_pnr(s);
    return s;
}

/* ---- helpers ---------------------------------------------------------------------------------- */

/* What the result set holds, summed over the comparisons (so that the test shows it saw them). */
typedef struct seen {
    size_t compared, units, event_ev, obligation_ev, answer_ev, notes, flags;
} seen;

static void same_as_reference(const ek_checklist_result *res, seen *s)
{
    char *ref = ref_write(res);
    char *out = NULL;
    int rc = ek_checklist_result_write_json(res, &out);
    ck_assert_msg(ref != NULL, "the reference refused a result");
    ck_assert_msg(rc == EK_OK, "%s", ek_error_last()->message);
    ck_assert_str_eq(out, ref);
    /* the append form: the same bytes after what the buffer held, twice over */
    char *buf = NULL;
    size_t len = 0, cap = 0;
    ck_ok(ek_evaluation_error_append_json("x", "y", &buf, &len, &cap));
    size_t before = len;
    ck_ok(ek_checklist_result_append_json(res, &buf, &len, &cap));
    ck_assert_uint_eq(len - before, strlen(ref));
    ck_assert_str_eq(buf + before, ref);
    ck_assert_int_eq(strncmp(buf, "{\"id\":\"x\",\"error\":\"y\"}", before), 0);
    before = len;
    ck_ok(ek_checklist_result_append_json(res, &buf, &len, &cap));
    ck_assert_str_eq(buf + before, ref);
    ek_free(buf);
    ek_free(out);
    free(ref);
    s->compared++;
    s->units += *ek_checklist_result_unit(res) != '\0';
    for (size_t k = 0; k < ek_checklist_result_count(res); k++) {
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        if (ek_checklist_result_item(res, k, &ir) != EK_OK)
            continue;
        s->flags += ir.flags != 0;
        for (size_t j = 0; j < ir.evidence_count; j++) {
            ek_evidence x = EK_EVIDENCE_INIT;
            if (ek_checklist_result_evidence(res, k, j, &x) != EK_OK)
                continue;
            s->event_ev += x.kind == EK_EVIDENCE_EVENT;
            s->obligation_ev += x.kind == EK_EVIDENCE_OBLIGATION;
            s->answer_ev += x.kind != EK_EVIDENCE_EVENT && x.kind != EK_EVIDENCE_OBLIGATION;
            s->notes += x.note && *x.note;
        }
    }
}

/* ---- tests ------------------------------------------------------------------------------------ */

START_TEST(fixtures_and_demo_data)
{
    static const char *const files[] = { "tests/data/checklist/audit.jsonl", "tests/data/checklist/items.jsonl",
                                         "tests/data/checklist/mixed.jsonl", "tests/data/report/cases.jsonl",
                                         "tests/data/rules/cases.jsonl",     "examples/data/cases.jsonl" };
    static const char *const dates[] = { "2025-06-30", "2025-12-31", "2026-03-01", "2030-01-01" };
    char path[1024];
    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    ek_case *c = NULL;
    ek_delegation *del = NULL;
    ek_answers *answers = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_ok(ek_checklist_result_new(&res));
    ck_ok(ek_case_new(&c, "tmp"));
    ck_ok(ek_delegation_load_json(&del, ek_t_source_path(path, sizeof path, "tests/data/checklist/delegation.json")));
    ck_ok(ek_answers_new(&answers));
    ck_ok(ek_answers_read_json(answers, ek_t_source_path(path, sizeof path, "tests/data/answers/svar.jsonl"), NULL));
    seen s = { 0 };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t n;
        char *text = ek_t_slurp_source(files[f], &n);
        for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++) {
            if (f == sizeof files / sizeof files[0] - 1 && d % 2 == 1)
                continue; /* the 3,000 demo cases at two dates keep the suite short */
            ek_date as_of;
            ck_ok(ek_date_parse(dates[d], &as_of));
            ek_case_reader *r = NULL;
            ck_ok(ek_case_reader_from_memory(&r, text, n, files[f]));
            int rc;
            while ((rc = ek_case_reader_next(r, c)) != 0) {
                if (rc < 0)
                    continue; /* fixtures with rejected lines */
                for (int with = 0; with < 2; with++) {
                    if (ek_checklist_evaluate_answers(ctx, cl, c, with ? del : NULL, with ? answers : NULL, as_of,
                                                      res) != EK_OK)
                        continue;
                    same_as_reference(res, &s);
                }
            }
            ek_case_reader_free(r);
        }
        free(text);
    }
    ck_assert_uint_gt(s.compared, 1000);
    ck_assert_uint_gt(s.units, 0);
    ck_assert_uint_gt(s.event_ev, 0);
    ck_assert_uint_gt(s.obligation_ev, 0);
    ck_assert_uint_gt(s.answer_ev, 0);
    ck_assert_uint_gt(s.notes, 0);
    ck_assert_uint_gt(s.flags, 0);
    ek_answers_free(answers);
    ek_delegation_free(del);
    ek_case_free(c);
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_context_free(ctx);
}
END_TEST

/* Case ids and units with every escaping and UTF-8 path (quotes, backslashes, control
 * characters, DEL, non-ASCII of 2, 3 and 4 bytes) and digits shaped like a personnummer. */
START_TEST(tricky_ids_and_units)
{
    static const char *const tricky[] = {
        "plain", "with \"quotes\"", "back\\slash\\", "slash/ok", "tab\there", "nl\nand\rcr", "\b\f",
        "\x01\x02\x03\x1f", "del\x7f", "\xc3\xa5\xc3\xa4\xc3\xb6 \xc3\x85\xc3\x84\xc3\x96",
        "\xe2\x80\x94\xef\xbf\xbf", "\xf0\x9f\x98\x80", "19121212-1212", "1212121212 x", "\"", "\\",
    };
    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_ok(ek_checklist_result_new(&res));
    ek_date as_of, d;
    ck_ok(ek_date_parse("2025-12-31", &as_of));
    ck_ok(ek_date_parse("2025-03-14", &d));
    seen s = { 0 };
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++)
        for (size_t u = 0; u < sizeof tricky / sizeof tricky[0]; u += 3) {
            ek_case *c = NULL;
            if (ek_case_new(&c, tricky[i]) != EK_OK)
                continue; /* the case model refuses this id: nothing to write */
            if (ek_case_set_unit(c, tricky[u]) == EK_OK) {
                size_t idx;
                ck_ok(ek_case_add_event(c, "anmalan", d, &idx));
                ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, NULL, NULL, as_of, res));
                same_as_reference(res, &s);
            }
            ek_case_free(c);
        }
    ck_assert_uint_gt(s.compared, 20);
    ck_assert_uint_gt(s.units, 20);
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_context_free(ctx);
}
END_TEST

/* Text of the checklist's own (basis, messages, explanations) shaped like a personnummer is masked
 * as the whole line was (issue 18): the writer's fast paths for the checklist's constant strings
 * (issue 15) must not skip it. */
START_TEST(checklist_text_masked)
{
    static const char json[] =
        "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"items\": ["
        "{\"id\": \"X1\", \"title\": \"x\", \"kind\": \"D\", "
        "\"basis\": [{\"ref\": \"Rutin 19121212-1212\"}, {\"ref\": \"SoL 121212+1212\", \"from\": \"2025-01-01\"}], "
        "\"criterion\": {\"event\": {\"type\": \"anmalan_mottagen\"}}, "
        "\"messages\": {\"pass\": \"Granskad 1212121212\", \"fail\": \"Brist 201212121212\"}}, "
        "{\"id\": \"X2\", \"title\": \"x\", \"kind\": \"D\", \"basis\": [{\"ref\": \"121212-1212\"}], "
        "\"criterion\": {\"event\": {\"type\": \"vardplan\"}, \"message\": \"saknas 121212-1212\"}}, "
        "{\"id\": \"121212-1212\", \"title\": \"x\", \"kind\": \"D\", \"basis\": [{\"ref\": \"SoL 1 §\"}], "
        "\"criterion\": {\"event\": {\"type\": \"besok\"}}, \"messages\": {\"fail\": \"Ej 121212-1212\"}}]}";
    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    ck_ok(ek_context_new(&ctx));
    int rc = ek_checklist_load_json_string(&cl, json, strlen(json), "pnr.json");
    ck_assert_msg(rc == EK_OK, "%s", ek_error_last()->message);
    ck_ok(ek_checklist_result_new(&res));
    seen s = { 0 };
    ek_date as_of;
    ck_ok(ek_date_parse("2025-12-31", &as_of));
    /* an event in 2024 (the first reference only) and one in 2025 (both) */
    static const char *const dates[] = { "2024-03-14", "2025-03-14" };
    for (size_t k = 0; k < 2; k++) {
        ek_case *c = NULL;
        ek_date d;
        size_t idx;
        ck_ok(ek_case_new(&c, "A1"));
        ck_ok(ek_date_parse(dates[k], &d));
        ck_ok(ek_case_add_event(c, "anmalan_mottagen", d, &idx));
        ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, NULL, NULL, as_of, res));
        same_as_reference(res, &s);
        for (int twice = 0; twice < 2; twice++) { /* the same again: nothing kept from the first */
            char *out = NULL;
            ck_ok(ek_checklist_result_write_json(res, &out));
            ck_assert_msg(strstr(out, "1212") == NULL, "%s", out);
            ck_assert_ptr_nonnull(strstr(out, "\"Granskad XXXXXXXXXX.\""));
            ck_assert_ptr_nonnull(strstr(out, "Rutin XXXXXXXX-XXXX"));
            ck_assert_ptr_nonnull(strstr(out, "saknas XXXXXX-XXXX"));
            ck_assert_ptr_nonnull(strstr(out, "\"Ej XXXXXX-XXXX"));
            ck_assert(!strstr(out, "SoL XXXXXX+XXXX") == !k);
            ck_assert_ptr_nonnull(strstr(out, "{\"item\": \"XXXXXX-XXXX\""));
            ek_free(out);
        }
        ek_case_free(c);
    }
    ck_assert_uint_eq(s.compared, 2);
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_context_free(ctx);
}
END_TEST

START_TEST(append_bad_arguments)
{
    ek_checklist_result *res = NULL;
    ck_ok(ek_checklist_result_new(&res));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    ck_assert_int_eq(ek_checklist_result_append_json(NULL, &buf, &len, &cap), EK_EINVAL);
    ck_assert_int_eq(ek_checklist_result_append_json(res, NULL, &len, &cap), EK_EINVAL);
    ck_assert_int_eq(ek_checklist_result_append_json(res, &buf, NULL, &cap), EK_EINVAL);
    ck_assert_int_eq(ek_checklist_result_append_json(res, &buf, &len, NULL), EK_EINVAL);
    len = 3; /* NULL buffer with a length */
    ck_assert_int_eq(ek_checklist_result_append_json(res, &buf, &len, &cap), EK_EINVAL);
    len = 0;
    ck_ok(ek_checklist_result_append_json(res, &buf, &len, &cap)); /* an empty result set */
    ck_assert_str_eq(buf, "{\"id\": \"\", \"as_of\": null, \"results\": []}");
    size_t keep = len;
    len = cap + 1; /* a length beyond the capacity */
    ck_assert_int_eq(ek_checklist_result_append_json(res, &buf, &len, &cap), EK_EINVAL);
    ck_assert_uint_eq(len, cap + 1);
    (void)keep;
    ek_free(buf);
    ek_checklist_result_free(res);
}
END_TEST

START_TEST(allocation_failures)
{
    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    ek_case *c = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_ok(ek_checklist_result_new(&res));
    ck_ok(ek_case_new(&c, "A1"));
    ek_date as_of, d;
    ck_ok(ek_date_parse("2025-12-31", &as_of));
    ck_ok(ek_date_parse("2025-03-14", &d));
    size_t idx;
    ck_ok(ek_case_add_event(c, "anmalan", d, &idx));
    ck_ok(ek_checklist_evaluate_answers(ctx, cl, c, NULL, NULL, as_of, res));
    char *want = ref_write(res);
    ck_assert_ptr_nonnull(want);
    ek_t_alloc a = { 0 };
    for (unsigned long fail = 1; fail < 40; fail++) {
        memset(&a, 0, sizeof a);
        a.fail_at = fail;
        ek_t_alloc_install(&a);
        char *out = NULL;
        int rc = ek_checklist_result_write_json(res, &out);
        if (rc == EK_OK)
            ck_assert_str_eq(out, want);
        else
            ck_assert_ptr_null(out);
        ek_free(out);
        ck_assert_int_eq(a.live, 0);
        ek_t_alloc_uninstall();
        if (rc == EK_OK)
            break;
        ck_assert_int_eq(rc, EK_ENOMEM);
    }
    free(want);
    ek_case_free(c);
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_context_free(ctx);
}
END_TEST

static Suite *io_checklist_json_suite(void)
{
    Suite *s = suite_create("io_checklist_json");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, fixtures_and_demo_data);
    tcase_add_test(t, tricky_ids_and_units);
    tcase_add_test(t, allocation_failures);
    tcase_add_test(t, checklist_text_masked);
    tcase_add_test(t, append_bad_arguments);
    suite_add_tcase(s, t);
    return s;
}

int main(void) { return ek_t_run(io_checklist_json_suite()); }
