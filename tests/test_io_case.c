/* SPDX-License-Identifier: MIT */
/* Suite "io_case": the egenkontroll/case-1 JSON Lines reader and writer, and
 * the policy JSON loader.  Fixtures: tests/data/cases/ (synthetic). */
#include <stdio.h>

#include "ek_test.h"

static char path_buf[1024];

static const char *data_path(const char *name)
{
    return ek_t_source_path(path_buf, sizeof path_buf, "tests/data/cases/%s", name);
}

static ek_case *new_case(void)
{
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "tmp"));
    return c;
}

/* Occurrences of @needle in @s. */
static int count_of(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* Assert next() fails with @status and the error names line, case id and field; column > 0. */
static void expect_error(ek_case_reader *r, ek_case *c, int status, unsigned long line, const char *id,
                         const char *field)
{
    int rc = ek_case_reader_next(r, c);
    const ek_error *e = ek_error_last();
    ck_assert_msg(rc == status, "line %lu: got %s, expected %s (%s)", line, ek_status_name(rc),
                  ek_status_name(status), e->message);
    ck_assert_int_eq(e->status, status);
    ck_assert_uint_eq(e->line, line);
    ck_assert_msg(e->column > 0, "no column in \"%s\"", e->message);
    ck_assert_str_eq(e->record_id, id);
    ck_assert_str_eq(e->field, field);
    /* The place lives in the fields; the display string (ek_error_format) names it once, the message
     * never (issue 19). */
    const char *shown = ek_t_error_text(e);
    ck_assert_msg(strstr(shown, e->source) == shown, "display \"%s\" lacks the source", shown);
    ck_assert_msg(strstr(e->message, e->source) == NULL, "message \"%s\" names the source", e->message);
    char part[256];
    if (*id) {
        snprintf(part, sizeof part, "(case %s", id);
        ck_assert_msg(count_of(shown, part) == 1, "display \"%s\" names the case %d times", shown,
                      count_of(shown, part));
        ck_assert_msg(strstr(e->message, part) == NULL, "message \"%s\" names the case", e->message);
    }
    if (*field) {
        snprintf(part, sizeof part, "field %s)", field);
        ck_assert_msg(count_of(shown, part) == 1, "display \"%s\" names the field %d times", shown,
                      count_of(shown, part));
        ck_assert_msg(strstr(e->message, part) == NULL, "message \"%s\" names the field", e->message);
    }
}

static void expect_case(ek_case_reader *r, ek_case *c, const char *id)
{
    int rc = ek_case_reader_next(r, c);
    ck_assert_msg(rc == 1, "expected case %s, got %s: %s", id, ek_status_name(rc), ek_error_last()->message);
    ck_assert_str_eq(ek_case_id(c), id);
}

START_TEST(canonical_round_trip)
{
    size_t len;
    char *text = ek_t_slurp(data_path("canonical.jsonl"), &len);
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_open(&r, data_path("canonical.jsonl")));
    ek_case *c = new_case();
    char *line = text;
    int n = 0;
    for (;;) {
        int rc = ek_case_reader_next(r, c);
        ck_assert_msg(rc >= 0, "%s", ek_error_last()->message);
        if (rc == 0)
            break;
        char *nl = strchr(line, '\n');
        ck_assert_ptr_nonnull(nl);
        *nl = '\0';
        char *out = NULL;
        ck_ok(ek_case_write_json(c, &out));
        ck_assert_str_eq(out, line);
        /* and the output reads back to the same text */
        ek_case *c2 = new_case();
        ck_ok(ek_case_read_json(c2, out, strlen(out), NULL));
        char *out2 = NULL;
        ck_ok(ek_case_write_json(c2, &out2));
        ck_assert_str_eq(out2, out);
        ek_free(out2);
        ek_case_free(c2);
        ek_free(out);
        line = nl + 1;
        n++;
    }
    ck_assert_int_eq(n, 3);
    ek_case_reader_free(r);
    ek_case_free(c);
    free(text);
}
END_TEST

START_TEST(canonical_content)
{
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_open(&r, data_path("canonical.jsonl")));
    ek_case *c = new_case();
    expect_case(r, c, "BU-2025-0117");
    ck_assert_str_eq(ek_case_unit(c), "Barn och unga");
    ck_assert(ek_case_birth_date(c) == ek_t_date("2014-03-09"));
    ck_assert_uint_eq(ek_case_event_count(c), 4);
    ck_assert_uint_eq(ek_case_warning_count(c), 0);
    int b = 1;
    ck_ok(ek_case_event_get_bool(c, 0, "avser_vald", &b));
    ck_assert_int_eq(b, 0);
    ek_event_info e = EK_EVENT_INFO_INIT;
    ck_ok(ek_case_event(c, 1, &e));
    ck_assert_str_eq(e.ref, "a1");
    ek_answer_info a = EK_ANSWER_INFO_INIT;
    ck_ok(ek_case_find_answer(c, "B4", &a));
    ck_assert_int_eq(a.result, EK_RESULT_PASS);
    ck_assert(a.date == ek_t_date("2025-11-02"));

    expect_case(r, c, "BU-2025-0200");
    ck_assert_uint_eq(ek_case_event_count(c), 0);
    ck_assert_ptr_null(ek_case_unit(c));

    expect_case(r, c, "BU-2025-0201");
    ck_assert_str_eq(ek_case_unit(c), "Familjehem \"Öst\" \\ enhet\t2");
    ek_date d;
    ck_ok(ek_case_event_get_date(c, 0, "ny_slutdag", &d));
    ck_assert(d == ek_t_date("2026-03-01"));
    ck_ok(ek_case_event(c, 1, &e));
    ck_assert_int_eq(e.type, EK_EV_UNKNOWN);
    ck_assert_str_eq(e.type_name, "telefonsamtal_okand_typ");
    ek_attr_info ai = EK_ATTR_INFO_INIT;
    ck_ok(ek_case_event_attr(c, 1, 1, &ai));
    ck_assert_str_eq(ai.key, "langd");
    ck_assert_int_eq(ai.kind, EK_ATTR_RAW);
    ck_assert_str_eq(ai.string, "12.5");
    /* date order: the unknown event (2025-11-30) comes first */
    size_t idx;
    ck_ok(ek_case_event_in_date_order(c, 0, &idx));
    ck_assert_uint_eq(idx, 1);
    /* warnings: unknown type, child keys, the event key "bilagor", answer key, three top-level keys */
    ck_assert_uint_eq(ek_case_warning_count(c), 8);
    ck_assert_uint_eq(ek_case_extra_count(c), 3);
    ck_assert_uint_eq(ek_case_child_extra_count(c), 2);
    ck_assert_uint_eq(ek_case_answer_extra_count(c, 0), 1);
    ck_assert_int_eq(ek_case_reader_next(r, c), 0);
    ck_assert_int_eq(ek_case_reader_next(r, c), 0);
    ek_case_reader_free(r);
    ek_case_free(c);
}
END_TEST

START_TEST(bad_lines_do_not_cost_good_ones)
{
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_open(&r, data_path("mixed.jsonl")));
    ek_case *c = new_case();
    expect_case(r, c, "OK-1");
    expect_error(r, c, EK_EINVAL, 3, "BAD-DATE", "events[3].date");
    ck_msg_has("2026-02-29");
    /* the column points at the value "2026-02-29" */
    {
        size_t len;
        char *text = ek_t_slurp(data_path("mixed.jsonl"), &len);
        char *l3 = strchr(strchr(text, '\n') + 1, '\n') + 1;
        char *at = strstr(l3, "\"2026-02-29\"");
        ck_assert_uint_eq(ek_error_last()->column, (unsigned long)(at - l3) + 1);
        free(text);
    }
    expect_case(r, c, "OK-2");
    ck_assert_uint_eq(ek_case_reader_line(r), 5);
    expect_error(r, c, EK_EPARSE, 6, "", "");
    expect_error(r, c, EK_EPARSE, 7, "BAD-KIND", "events[0].avser_vald");
    ck_msg_has("boolean");
    expect_error(r, c, EK_ECONFLICT, 8, "OK-1", "id");
    expect_error(r, c, EK_EINVAL, 9, "BAD-REQ", "events[1].ny_slutdag");
    expect_error(r, c, EK_EPARSE, 10, "BAD-FORMAT", "format");
    ck_msg_has("unsupported format (expected \"egenkontroll/case-1\")");
    ck_assert_msg(strstr(ek_error_last()->message, "egenkontroll/case-2") == NULL, "%s", ek_error_last()->message); /* never the value (issue 18) */
    expect_case(r, c, "OK-3");
    ck_assert_uint_eq(ek_case_warning_count(c), 1);
    ck_assert_ptr_nonnull(strstr(ek_case_warning(c, 0), "format"));
    ck_assert_int_eq(ek_case_reader_next(r, c), 0);
    ek_case_reader_free(r);
    ek_case_free(c);
}
END_TEST

/* Read @text (memory) and return the statuses of next() in @got (up to n). */
static int run_memory(const char *text, size_t len, int *got, int n, char ids[][32])
{
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, text, len, "mem.jsonl"));
    ek_case *c = new_case();
    int k = 0;
    for (; k < n; k++) {
        got[k] = ek_case_reader_next(r, c);
        if (ids)
            snprintf(ids[k], 32, "%s", got[k] == 1 ? ek_case_id(c) : "");
        if (got[k] == 0)
            break;
    }
    ek_case_reader_free(r);
    ek_case_free(c);
    return k;
}

START_TEST(blank_lines_and_crlf)
{
    const char text[] = "\n\n   \t\n{\"id\": \"A\", \"events\": []}\r\n\r\n{\"id\": \"B\", \"events\": []}";
    int got[8];
    char ids[8][32];
    int k = run_memory(text, sizeof text - 1, got, 8, ids);
    ck_assert_int_eq(k, 2);
    ck_assert_int_eq(got[0], 1);
    ck_assert_str_eq(ids[0], "A");
    ck_assert_int_eq(got[1], 1);
    ck_assert_str_eq(ids[1], "B");

    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_open(&r, data_path("crlf.jsonl")));
    ek_case *c = new_case();
    expect_case(r, c, "CRLF-1");
    int b = 0;
    ck_ok(ek_case_event_get_bool(c, 0, "enskilt_samtal", &b));
    ck_assert_int_eq(b, 1);
    char *out = NULL;
    ck_ok(ek_case_write_json(c, &out));
    ck_assert_ptr_null(strchr(out, '\r'));
    ek_free(out);
    expect_case(r, c, "CRLF-2");
    ck_assert_int_eq(ek_case_reader_next(r, c), 0);
    ek_case_reader_free(r);
    ek_case_free(c);
}
END_TEST

START_TEST(very_long_string)
{
    size_t big = 2u * 1024u * 1024u;
    const char *pre = "{\"id\": \"LONG\", \"unit\": \"";
    const char *post = "\", \"events\": []}\n{\"id\": \"NEXT\", \"events\": []}\n";
    size_t len = strlen(pre) + big + strlen(post);
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    strcpy(text, pre);
    memset(text + strlen(pre), 'x', big);
    strcpy(text + strlen(pre) + big, post);
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, text, len, "long.jsonl"));
    ek_case *c = new_case();
    expect_case(r, c, "LONG");
    ck_assert_uint_eq(strlen(ek_case_unit(c)), big);
    char *out = NULL;
    ck_ok(ek_case_write_json(c, &out));
    ck_assert_uint_eq(strlen(out), strlen(pre) + big + strlen("\", \"events\": []}") + strlen("{\"format\": \"egenkontroll/case-1\", ") - 1);
    ek_free(out);
    expect_case(r, c, "NEXT");
    ek_case_reader_free(r);
    ek_case_free(c);
    free(text);
}
END_TEST

START_TEST(line_over_the_limit)
{
    size_t over = EK_IO_MAX_LINE + 10;
    const char *post = "\n{\"id\": \"AFTER\", \"events\": []}\n";
    size_t len = over + strlen(post);
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    memset(text, ' ', over);
    memcpy(text, "{\"id\": \"HUGE\", \"unit\": \"", 24);
    strcpy(text + over, post);
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, text, len, "huge.jsonl"));
    free(text);
    ek_case *c = new_case();
    ck_status(ek_case_reader_next(r, c), EK_ELIMIT);
    ck_assert_uint_eq(ek_error_last()->line, 1);
    ck_msg_has("huge.jsonl:1");
    expect_case(r, c, "AFTER");
    ck_assert_uint_eq(ek_case_reader_line(r), 2);
    ek_case_reader_free(r);
    ek_case_free(c);
}
END_TEST

START_TEST(nul_byte_and_invalid_utf8)
{
    const char text[] = "{\"id\": \"N\0UL\", \"events\": []}\n"
                        "{\"id\": \"U\", \"unit\": \"\xC3\x28\", \"events\": []}\n"
                        "{\"id\": \"E\", \"unit\": \"a\\u0000b\", \"events\": []}\n"
                        "{\"id\": \"OK\", \"unit\": \"\xC3\xA5\", \"events\": []}\n";
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, text, sizeof text - 1, "bytes.jsonl"));
    ek_case *c = new_case();
    for (unsigned long line = 1; line <= 3; line++) {
        int rc = ek_case_reader_next(r, c);
        ck_assert_msg(rc == EK_EPARSE, "line %lu: %s (%s)", line, ek_status_name(rc), ek_error_last()->message);
        ck_assert_uint_eq(ek_error_last()->line, line);
        ck_assert_uint_gt(ek_error_last()->column, 0);
    }
    expect_case(r, c, "OK");
    ck_assert_str_eq(ek_case_unit(c), "\xC3\xA5");
    ek_case_reader_free(r);
    ek_case_free(c);
}
END_TEST

START_TEST(deep_nesting)
{
    char text[4096];
    size_t n = 0;
    n += (size_t)sprintf(text + n, "{\"id\": \"DEEP\", \"events\": [], \"x\": ");
    for (int i = 0; i < 100; i++)
        text[n++] = '[';
    for (int i = 0; i < 100; i++)
        text[n++] = ']';
    n += (size_t)sprintf(text + n, "}\n{\"id\": \"SHALLOW\", \"events\": [], \"x\": [[[1]]]}\n");
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, text, n, "deep.jsonl"));
    ek_case *c = new_case();
    ck_status(ek_case_reader_next(r, c), EK_ELIMIT);
    ck_assert_uint_eq(ek_error_last()->line, 1);
    ck_assert_uint_gt(ek_error_last()->column, 0);
    expect_case(r, c, "SHALLOW");
    const char *k, *j;
    ck_ok(ek_case_extra(c, 0, &k, &j));
    ck_assert_str_eq(j, "[[[1]]]");
    ek_case_reader_free(r);
    ek_case_free(c);
}
END_TEST

/* One line, one expected error. */
static void one_bad(const char *line, int status, const char *id, const char *field, const char *needle)
{
    ek_case_reader *r = NULL;
    ck_ok(ek_case_reader_from_memory(&r, line, strlen(line), "one.jsonl"));
    ek_case *c = new_case();
    expect_error(r, c, status, 1, id, field);
    if (needle)
        ck_msg_has(needle);
    ck_assert_int_eq(ek_case_reader_next(r, c), 0);
    ek_case_reader_free(r);
    ek_case_free(c);
}

START_TEST(every_error_is_located)
{
    one_bad("{\"events\": []}", EK_EPARSE, "", "", "\"id\"");
    one_bad("{\"id\": 7, \"events\": []}", EK_EPARSE, "", "id", "integer");
    one_bad("{\"id\": \"\", \"events\": []}", EK_EPARSE, "", "id", "empty");
    one_bad("{\"id\": \"X\"}", EK_EPARSE, "X", "", "\"events\"");
    one_bad("{\"id\": \"X\", \"events\": {}}", EK_EPARSE, "X", "events", "array");
    one_bad("{\"id\": \"X\", \"events\": [1]}", EK_EPARSE, "X", "events[0]", "object");
    one_bad("{\"id\": \"X\", \"events\": [{\"date\": \"2025-01-01\"}]}", EK_EPARSE, "X", "events[0]", "\"type\"");
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"besok\"}]}", EK_EPARSE, "X", "events[0]", "\"date\"");
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": 3, \"date\": \"2025-01-01\"}]}", EK_EPARSE, "X", "events[0].type", NULL);
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"besok\", \"date\": \"2025-1-1\"}]}", EK_EPARSE, "X", "events[0].date", "not a date (expected YYYY-MM-DD)");
    ck_assert_msg(strstr(ek_error_last()->message, "2025-1-1") == NULL, "%s", ek_error_last()->message); /* issue 18 */
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"besok\", \"date\": 20250101}]}", EK_EPARSE, "X", "events[0].date", NULL);
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"besok\", \"date\": \"2300-01-01\"}]}", EK_ERANGE, "X", "events[0].date", NULL);
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"besok\", \"date\": \"2025-01-01\", \"id\": 1}]}", EK_EPARSE, "X", "events[0].id", NULL);
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"ivo_beslut\", \"date\": \"2025-01-01\", \"svar_senast\": \"2025-02-30\"}]}",
            EK_EINVAL, "X", "events[0].svar_senast", "2025-02-30");
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"utredning_avslutad\", \"date\": \"2025-01-01\", \"barnets_asikt\": \"kanske\"}]}",
            EK_EINVAL, "X", "events[0].barnets_asikt", "must be one of dokumenterad|skal_dokumenterat|saknas");
    ck_assert_msg(strstr(ek_error_last()->message, "kanske") == NULL, "%s", ek_error_last()->message); /* issue 18 */
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"familjehemsutredning_klar\", \"date\": \"2025-01-01\", \"hem\": \"H\", \"utredd_av\": true}]}",
            EK_EPARSE, "X", "events[0].utredd_av", NULL);
    one_bad("{\"id\": \"X\", \"events\": [{\"type\": \"placering_verkstalld\", \"date\": \"2025-01-01\", \"grund\": \"sol\"}]}",
            EK_EINVAL, "X", "events[0].placeringsform", NULL);
    one_bad("{\"id\": \"X\", \"unit\": 5, \"events\": []}", EK_EPARSE, "X", "unit", NULL);
    one_bad("{\"id\": \"X\", \"child\": [], \"events\": []}", EK_EPARSE, "X", "child", NULL);
    one_bad("{\"id\": \"X\", \"child\": {\"birth_date\": \"2014-13-01\"}, \"events\": []}", EK_EINVAL, "X", "child.birth_date", NULL);
    one_bad("{\"id\": \"X\", \"events\": [], \"answers\": [{\"item\": \"B4\"}]}", EK_EPARSE, "X", "answers[0]", "\"result\"");
    one_bad("{\"id\": \"X\", \"events\": [], \"answers\": [{\"item\": \"B4\", \"result\": \"passed\"}]}", EK_EPARSE, "X", "answers[0].result", "not a result (pass, fail");
    ck_assert_msg(strstr(ek_error_last()->message, "passed") == NULL, "%s", ek_error_last()->message); /* issue 18 */
    one_bad("{\"id\": \"X\", \"events\": [], \"answers\": [{\"item\": \"B4\", \"result\": \"error\"}]}", EK_EINVAL, "X", "answers[0].result", NULL);
    one_bad("{\"id\": \"X\", \"events\": [], \"answers\": [{\"item\": \"B4\", \"result\": \"pass\", \"date\": \"x\"}]}", EK_EPARSE, "X", "answers[0].date", NULL);
    one_bad("{\"id\": \"X\", \"format\": 1, \"events\": []}", EK_EPARSE, "X", "format", NULL);
    one_bad("{\"id\": \"X\", \"events\": [], \"id\": \"Y\"}", EK_EPARSE, "", "", "duplicate");
    one_bad("[1, 2]", EK_EPARSE, "", "", "object");
}
END_TEST

START_TEST(column_points_at_the_value)
{
    const char *line = "{\"id\": \"X\", \"events\": [{\"type\": \"besok\", \"date\": \"2025-01-01\"}, "
                       "{\"type\": \"besok\", \"date\": \"2025-01-02\", \"enskilt_samtal\": \"ja\"}]}";
    ek_case *c = new_case();
    ck_status(ek_case_read_json(c, line, strlen(line), "x.jsonl"), EK_EPARSE);
    const char *at = strstr(line, "\"ja\"");
    ck_assert_uint_eq(ek_error_last()->column, (unsigned long)(at - line) + 1);
    ck_assert_str_eq(ek_error_last()->field, "events[1].enskilt_samtal");
    ck_msg_has("x.jsonl:1:");
    ek_case_free(c);
}
END_TEST

START_TEST(builder_output_reads_back)
{
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "BYGGT-1"));
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2012-02-29")));
    size_t i;
    ck_ok(ek_case_add_event(c, "beslut_vard", ek_t_date("2025-05-05"), &i));
    ck_ok(ek_case_event_set_string(c, i, "grund", "lvu3"));
    ck_ok(ek_case_event_set_string(c, i, "beslutsfattare", "utskott"));
    ck_ok(ek_case_add_event(c, "anmalan_mottagen", ek_t_date("2025-01-05"), &i));
    ck_ok(ek_case_event_set_string(c, i, "anmalare", "polis\x01\"/"));
    ck_ok(ek_case_add_answer(c, "D1", EK_RESULT_NOTAPPLICABLE, NULL, EK_DATE_NONE, "ej placerad"));
    char *out = NULL;
    ck_ok(ek_case_write_json(c, &out));
    ck_assert_str_eq(out,
        "{\"format\": \"egenkontroll/case-1\", \"id\": \"BYGGT-1\", \"child\": {\"birth_date\": \"2012-02-29\"}, "
        "\"events\": [{\"type\": \"beslut_vard\", \"date\": \"2025-05-05\", \"grund\": \"lvu3\", \"beslutsfattare\": \"utskott\"}, "
        "{\"type\": \"anmalan_mottagen\", \"date\": \"2025-01-05\", \"anmalare\": \"polis\\u0001\\\"/\"}], "
        "\"answers\": [{\"item\": \"D1\", \"result\": \"notapplicable\", \"comment\": \"ej placerad\"}]}");
    ek_case *c2 = new_case();
    ck_ok(ek_case_read_json(c2, out, strlen(out), NULL));
    const char *s;
    ck_ok(ek_case_event_get_string(c2, 1, "anmalare", &s));
    ck_assert_str_eq(s, "polis\x01\"/");
    char *out2 = NULL;
    ck_ok(ek_case_write_json(c2, &out2));
    ck_assert_str_eq(out2, out);
    ek_free(out);
    ek_free(out2);
    ek_case_free(c);
    ek_case_free(c2);
    ck_status(ek_case_write_json(NULL, &out), EK_EINVAL);
}
END_TEST

START_TEST(reader_allocation_failures)
{
    size_t len;
    char *text = ek_t_slurp(data_path("canonical.jsonl"), &len);
    for (int sticky = 0; sticky <= 1; sticky++) {
        for (long n = 1; n < 400; n++) {
            ek_t_alloc st = { 0, 0, 0, 0 };
            ek_t_alloc_install(&st);
            ek_case_reader *r = NULL;
            ek_case *c = NULL;
            ck_ok(ek_case_reader_from_memory(&r, text, len, "canonical.jsonl"));
            ck_ok(ek_case_new(&c, "x"));
            st.fail_at = st.count + n;
            st.sticky = sticky;
            int hit = 0, cases = 0;
            for (int guard = 0; guard < 20; guard++) {
                int rc = ek_case_reader_next(r, c);
                if (rc == 0)
                    break;
                if (rc == 1) {
                    cases++;
                    char *out = NULL;
                    int wrc = ek_case_write_json(c, &out);
                    ck_assert(wrc == EK_OK || wrc == EK_ENOMEM);
                    hit |= wrc == EK_ENOMEM;
                    ek_free(out);
                    continue;
                }
                ck_assert_msg(rc == EK_ENOMEM || !hit || sticky || rc == EK_EPARSE,
                              "allocation %ld: %s", n, ek_error_last()->message);
                if (rc == EK_ENOMEM) {
                    hit = 1;
                    st.fail_at = 0; /* memory is back: the reader must go on */
                }
            }
            /* the case object is still usable */
            ck_ok(ek_case_reset(c, "after"));
            ck_ok(ek_case_add_event(c, "besok", ek_t_date("2025-01-01"), NULL));
            ek_case_free(c);
            ek_case_reader_free(r);
            ek_t_alloc_uninstall();
            ck_assert_msg(st.live == 0, "leak after failing allocation %ld (sticky %d)", n, sticky);
            if (!hit) {
                ck_assert_int_eq(cases, 3);
                break;
            }
        }
    }
    free(text);
}
END_TEST

START_TEST(policy_json)
{
    ek_policy *p = NULL;
    ck_ok(ek_policy_new(&p));
    char buf[32];
    ck_ok(ek_policy_load_json(p, data_path("policy.json")));
    ck_ok(ek_policy_get(p, "besok_intervall", buf, sizeof buf));
    ck_assert_str_eq(buf, "3m");
    ck_assert_int_eq(ek_policy_judge_on(p), EK_JUDGE_NOMINAL);

    ek_policy *q = NULL;
    ck_ok(ek_policy_new(&q));
    ck_status(ek_policy_load_json(q, data_path("policy-bad.json")), EK_ENOTFOUND);
    ck_msg_has("besoks_intervall");
    ck_assert_uint_eq(ek_error_last()->line, 5);
    ck_assert_uint_eq(ek_error_last()->column, 25);
    ck_assert_str_eq(ek_error_last()->field, "parametrar.besoks_intervall");
    /* all or nothing: besok_intervall was not changed */
    char def[32];
    ck_ok(ek_policy_reset(p));
    ck_ok(ek_policy_get(p, "besok_intervall", def, sizeof def));
    ck_ok(ek_policy_get(q, "besok_intervall", buf, sizeof buf));
    ck_assert_str_eq(buf, def);

    const char *t1 = "{\"parametrar\": {\"besok_intervall\": 3}}";
    ck_status(ek_policy_load_json_string(q, t1, strlen(t1), "p.json"), EK_EPARSE);
    ck_msg_has("besok_intervall");
    ck_msg_has("p.json:1:");
    const char *t2 = "{\"parametrar\": {\"besok_intervall\": \"3 manader\"}}";
    ck_status(ek_policy_load_json_string(q, t2, strlen(t2), NULL), EK_EPARSE);
    ck_assert_str_eq(ek_error_last()->field, "parametrar.besok_intervall");
    const char *t3 = "{\"format\": \"egenkontroll/policy-9\", \"parametrar\": {}}";
    ck_status(ek_policy_load_json_string(q, t3, strlen(t3), NULL), EK_EPARSE);
    ck_assert_str_eq(ek_error_last()->field, "format");
    const char *t4 = "{\"parametrar\": {}, \"extra\": 1}";
    ck_status(ek_policy_load_json_string(q, t4, strlen(t4), NULL), EK_ENOTFOUND);
    ck_msg_has("extra");
    const char *t5 = "{\"parametrar\": {\n  \"bedom_mot\": \"legal\",\n}";
    ck_status(ek_policy_load_json_string(q, t5, strlen(t5), NULL), EK_EPARSE);
    ck_assert_uint_gt(ek_error_last()->line, 1);
    const char *t6 = "{\"parametrar\": {\"bedom_mot\": \"nominal\"}}";
    ck_ok(ek_policy_load_json_string(q, t6, strlen(t6), NULL));
    ck_assert_int_eq(ek_policy_judge_on(q), EK_JUDGE_NOMINAL);
    ck_status(ek_policy_load_json(q, "/nonexistent/policy.json"), EK_EIO);
    ck_msg_has("/nonexistent/policy.json");
    ek_policy_free(p);
    ek_policy_free(q);
}
END_TEST

static Suite *io_case_suite(void)
{
    Suite *s = suite_create("io_case");
    TCase *t = tcase_create("reader");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, canonical_round_trip);
    tcase_add_test(t, canonical_content);
    tcase_add_test(t, bad_lines_do_not_cost_good_ones);
    tcase_add_test(t, blank_lines_and_crlf);
    tcase_add_test(t, very_long_string);
    tcase_add_test(t, line_over_the_limit);
    tcase_add_test(t, nul_byte_and_invalid_utf8);
    tcase_add_test(t, deep_nesting);
    tcase_add_test(t, every_error_is_located);
    tcase_add_test(t, column_points_at_the_value);
    tcase_add_test(t, builder_output_reads_back);
    tcase_add_test(t, reader_allocation_failures);
    tcase_add_test(t, policy_json);
    suite_add_tcase(s, t);
    return s;
}

int main(void) { return ek_t_run(io_case_suite()); }
