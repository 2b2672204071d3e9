/* SPDX-License-Identifier: MIT */
/* Suite "io_eval_json": the evaluation writer (lib/io/json_eval.c) writes straight into a text
 * buffer; its bytes must equal jansson's json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) of the
 * object tree that the previous implementation built.  That implementation is kept here, verbatim
 * but for its names, as the reference: every evaluation of the rule fixtures and the demo data at
 * several as-of dates, tricky case ids (quotes, backslashes, every control character, DEL,
 * non-ASCII UTF-8 of 2, 3 and 4 bytes) and error records with tricky messages, and invalid UTF-8
 * (refused by both with EK_ENOMEM). */
#include <jansson.h>
#include <stdio.h>

#include "ek_test.h"

/* ---- the reference: the jansson-based writer as it was ------------------------------------- */

static json_t *ref_jdate(ek_date d)
{
    char b[EK_DATE_BUFSIZE];
    if (d == EK_DATE_NONE || ek_date_format(d, b, sizeof b) != EK_OK)
        return json_null();
    return json_string(b);
}

static json_t *ref_jindex(size_t i) { return json_integer((json_int_t)i); }

static int ref_put(json_t *obj, const char *key, json_t *v)
{
    return v != NULL && json_object_set_new(obj, key, v) == 0;
}

static json_t *ref_obligation_json(const ek_obligation *o)
{
    json_t *j = json_object();
    if (j == NULL)
        return NULL;
    int ok = ref_put(j, "rule", json_string(o->rule_name)) && ref_put(j, "start", ref_jdate(o->start)) &&
             ref_put(j, "nominal", ref_jdate(o->nominal)) && ref_put(j, "legal", ref_jdate(o->legal)) &&
             ref_put(j, "done", ref_jdate(o->done)) &&
             ref_put(j, "status", json_string(ek_obligation_status_name(o->status))) &&
             ref_put(j, "basis", json_string(o->basis ? o->basis : "")) && ref_put(j, "judged", ref_jdate(o->judged)) &&
             ref_put(j, "certainty", json_string(o->certainty ? o->certainty : ""));
    if (ok && o->sequence > 0)
        ok = ref_put(j, "seq", json_integer(o->sequence));
    json_t *flags = ok ? json_array() : NULL;
    ok = ok && flags != NULL;
    for (unsigned bit = 1; ok && bit != 0 && bit <= o->flags; bit <<= 1) {
        const char *name = (o->flags & bit) ? ek_obligation_flag_name(bit) : NULL;
        if (name != NULL)
            ok = json_array_append_new(flags, json_string(name)) == 0;
    }
    if (ok)
        ok = ref_put(j, "flags", flags);
    else
        json_decref(flags);
    if (ok && o->message != NULL && o->message[0] != '\0')
        ok = ref_put(j, "message", json_string(o->message));
    if (ok && o->start_event != EK_NO_EVENT)
        ok = ref_put(j, "start_event", ref_jindex(o->start_event));
    if (ok && o->done_event != EK_NO_EVENT)
        ok = ref_put(j, "done_event", ref_jindex(o->done_event));
    if (ok && o->extension_event != EK_NO_EVENT)
        ok = ref_put(j, "extension_event", ref_jindex(o->extension_event));
    if (!ok) {
        json_decref(j);
        return NULL;
    }
    return j;
}

/* NULL when jansson refuses (e.g. invalid UTF-8); malloc'd otherwise. */
static char *ref_dump(json_t *root)
{
    if (root == NULL)
        return NULL;
    char *s = json_dumps(root, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(root);
    return s;
}

static char *ref_write(const ek_evaluation *ev)
{
    json_t *root = json_object();
    json_t *arr = json_array();
    int ok = root != NULL && arr != NULL && ref_put(root, "id", json_string(ek_evaluation_case_id(ev))) &&
             ref_put(root, "as_of", ref_jdate(ek_evaluation_as_of(ev)));
    for (size_t k = 0; ok && k < ek_evaluation_count(ev); k++) {
        json_t *o = ref_obligation_json(ek_evaluation_at(ev, k));
        ok = o != NULL && json_array_append_new(arr, o) == 0;
    }
    if (ok) {
        ok = ref_put(root, "obligations", arr);
        arr = NULL;
    }
    json_decref(arr);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return ref_dump(root);
}

static char *ref_error(const char *id, const char *message)
{
    json_t *root = json_object();
    int ok = root != NULL && ref_put(root, "id", id ? json_string(id) : json_null()) &&
             ref_put(root, "error", json_string(message));
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return ref_dump(root);
}

/* ---- helpers ---------------------------------------------------------------------------------- */

/* The new writer (both entry points, the appending one into a reused buffer) equals the reference. */
static void same_as_reference(const ek_evaluation *ev, char **buf, size_t *len, size_t *cap)
{
    char *ref = ref_write(ev);
    char *out = NULL;
    int rc = ek_evaluation_write_json(ev, &out);
    size_t before = *len;
    int rc2 = ek_evaluation_append_json(ev, buf, len, cap);
    if (ref == NULL) {
        ck_assert_int_eq(rc, EK_ENOMEM);
        ck_assert_int_eq(rc2, EK_ENOMEM);
        ck_assert_uint_eq(*len, before);
        return;
    }
    ck_assert_msg(rc == EK_OK, "%s", ek_error_last()->message);
    ck_assert_int_eq(rc2, EK_OK);
    ck_assert_str_eq(out, ref);
    ck_assert_uint_eq(*len - before, strlen(ref));
    ck_assert(memcmp(*buf + before, ref, strlen(ref)) == 0);
    ck_assert_int_eq((*buf)[*len], '\0');
    ek_free(out);
    free(ref);
}

static void error_same_as_reference(const char *id, const char *message)
{
    char *ref = ref_error(id, message);
    char *out = NULL, *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = ek_evaluation_error_write_json(id, message, &out);
    int rc2 = ek_evaluation_error_append_json(id, message, &buf, &len, &cap);
    if (ref == NULL) {
        ck_assert_int_eq(rc, EK_ENOMEM);
        ck_assert_int_eq(rc2, EK_ENOMEM);
        ck_assert_uint_eq(len, 0);
    } else {
        ck_assert_int_eq(rc, EK_OK);
        ck_assert_int_eq(rc2, EK_OK);
        ck_assert_str_eq(out, ref);
        ck_assert_str_eq(buf, ref);
        ck_assert_uint_eq(len, strlen(ref));
    }
    ek_free(out);
    ek_free(buf);
    free(ref);
}

/* Strings that exercise every escaping and UTF-8 path (valid ones). */
static const char *const tricky[] = {
    "plain", "with \"quotes\"", "back\\slash\\", "slash/ok", "tab\there", "nl\nand\rcr", "\b\f",
    "\x01\x02\x03\x04\x05\x06\x07\x0b\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f",
    "del\x7f", "\xc3\xa5\xc3\xa4\xc3\xb6 \xc3\x85\xc3\x84\xc3\x96", "\xc2\x80\xdf\xbf", "\xe0\xa0\x80\xe2\x80\x94\xef\xbf\xbf",
    "\xed\x9f\xbf\xee\x80\x80", "\xf0\x90\x80\x80\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf", "\"", "\\", "",
    "end with escape\n", "\xe2\x80\x9cquoted\xe2\x80\x9d \\\"mix\\\"",
};

/* Invalid UTF-8: both writers refuse. */
static const char *const invalid[] = {
    "\x80", "a\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2x", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80",
    "\xed\xbf\xbf", "\xe2\x82", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
    "\xf8\x88\x80\x80\x80", "\xfe", "\xff", "ok\xe2\x82\xac then \xa4",
};

/* ---- tests ------------------------------------------------------------------------------------ */

START_TEST(fixtures_and_demo_data)
{
    static const char *const files[] = { "tests/data/rules/cases.jsonl", "examples/data/cases.jsonl",
                                         "tests/data/cases/canonical.jsonl", "tests/data/cases/mixed.jsonl" };
    static const char *const dates[] = { "2024-06-30", "2025-06-30", "2025-12-31", "2026-06-30", "2030-01-01" };
    ek_context *ctx = NULL;
    ek_evaluation *ev = NULL;
    ek_case *c = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_evaluation_new(&ev));
    ck_ok(ek_case_new(&c, "tmp"));
    char *buf = NULL;
    size_t len = 0, cap = 0, compared = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t n;
        char *text = ek_t_slurp_source(files[f], &n);
        for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++) {
            ek_date as_of;
            ck_ok(ek_date_parse(dates[d], &as_of));
            ek_case_reader *r = NULL;
            ck_ok(ek_case_reader_from_memory(&r, text, n, files[f]));
            int rc;
            while ((rc = ek_case_reader_next(r, c)) != 0) {
                if (rc < 0)
                    continue; /* fixtures with rejected lines */
                if (ek_evaluate_case(ctx, ek_rulebook_builtin(), c, as_of, ev) != EK_OK)
                    continue;
                same_as_reference(ev, &buf, &len, &cap);
                if (len > 100000)
                    len = 0; /* keep reusing the buffer */
                compared++;
            }
            ek_case_reader_free(r);
        }
        free(text);
    }
    ck_assert_uint_gt(compared, 100);
    ek_free(buf);
    ek_case_free(c);
    ek_evaluation_free(ev);
    ek_context_free(ctx);
}
END_TEST

START_TEST(tricky_case_ids)
{
    ek_context *ctx = NULL;
    ek_evaluation *ev = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_evaluation_new(&ev));
    ek_date as_of, d;
    ck_ok(ek_date_parse("2025-12-31", &as_of));
    ck_ok(ek_date_parse("2025-03-14", &d));
    char *buf = NULL;
    size_t len = 0, cap = 0, tested = 0;
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
        if (tricky[i][0] == '\0')
            continue; /* a case id is never empty */
        ek_case *c = NULL;
        if (ek_case_new(&c, tricky[i]) != EK_OK)
            continue; /* the case model refuses this id: nothing to write */
        size_t idx;
        ck_ok(ek_case_add_event(c, "anmalan", d, &idx));
        ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, as_of, ev));
        same_as_reference(ev, &buf, &len, &cap);
        tested++;
        ek_case_free(c);
    }
    ck_assert_uint_gt(tested, 5);
    ek_free(buf);
    ek_evaluation_free(ev);
    ek_context_free(ctx);
}
END_TEST

START_TEST(tricky_error_records)
{
    size_t nt = sizeof tricky / sizeof tricky[0], ni = sizeof invalid / sizeof invalid[0];
    for (size_t i = 0; i < nt; i++) {
        error_same_as_reference(NULL, tricky[i]);
        for (size_t j = 0; j < nt; j++)
            error_same_as_reference(tricky[i], tricky[j]);
        for (size_t j = 0; j < ni; j++) {
            error_same_as_reference(tricky[i], invalid[j]);
            error_same_as_reference(invalid[j], tricky[i]);
        }
    }
    /* Every single byte value after an ASCII prefix, and every 2-byte lead with every continuation. */
    char s[8];
    for (int b = 1; b < 256; b++) {
        snprintf(s, sizeof s, "x%c", b);
        error_same_as_reference("id", s);
        for (int c2 = 1; c2 < 256; c2 += 7) {
            snprintf(s, sizeof s, "%c%cz", b, c2);
            error_same_as_reference(s, "m");
        }
    }
}
END_TEST

START_TEST(append_reuses_and_rolls_back)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    ck_ok(ek_evaluation_error_append_json("a", "b", &buf, &len, &cap));
    ck_assert_str_eq(buf, "{\"id\":\"a\",\"error\":\"b\"}");
    size_t first = len;
    ck_assert_int_eq(ek_evaluation_error_append_json("a", "\xff", &buf, &len, &cap), EK_ENOMEM);
    ck_assert_uint_eq(len, first);
    ck_assert_str_eq(buf, "{\"id\":\"a\",\"error\":\"b\"}");
    ck_ok(ek_evaluation_error_append_json(NULL, "c", &buf, &len, &cap));
    ck_assert_str_eq(buf, "{\"id\":\"a\",\"error\":\"b\"}{\"id\":null,\"error\":\"c\"}");
    char *keep = buf;
    len = 0;
    ck_ok(ek_evaluation_error_append_json("a", "b", &buf, &len, &cap));
    ck_assert_ptr_eq(buf, keep); /* reused, not reallocated */
    ck_assert_int_eq(ek_evaluation_error_append_json("a", "b", NULL, &len, &cap), EK_EINVAL);
    ck_assert_int_eq(ek_evaluation_error_append_json("a", NULL, &buf, &len, &cap), EK_EINVAL);
    size_t bad = cap + 1;
    ck_assert_int_eq(ek_evaluation_error_append_json("a", "b", &buf, &bad, &cap), EK_EINVAL);
    /* A newline over the NUL may fill the buffer (len == cap); the next record still fits. */
    len = 0;
    ck_ok(ek_evaluation_error_append_json("a", "b", &buf, &len, &cap));
    memset(buf + len, '\n', cap - len);
    size_t full = len = cap;
    ck_assert_int_eq(ek_evaluation_error_append_json("a", "\xff", &buf, &len, &cap), EK_ENOMEM);
    ck_assert_uint_eq(len, full);
    ck_ok(ek_evaluation_error_append_json("a", "b", &buf, &len, &cap));
    ck_assert_uint_gt(cap, full);
    ck_assert_str_eq(buf + full, "{\"id\":\"a\",\"error\":\"b\"}");
    ek_free(buf);
    ck_assert_int_eq(ek_evaluation_append_json(NULL, &buf, &len, &cap), EK_EINVAL);
}
END_TEST

START_TEST(allocation_failures)
{
    ek_t_alloc a = { 0 };
    for (unsigned long fail = 1; fail < 20; fail++) {
        memset(&a, 0, sizeof a);
        a.fail_at = fail;
        ek_t_alloc_install(&a);
        char *out = NULL;
        int rc = ek_evaluation_error_write_json("id", "a message", &out);
        if (rc == EK_OK)
            ck_assert_str_eq(out, "{\"id\":\"id\",\"error\":\"a message\"}");
        else
            ck_assert_ptr_null(out);
        ek_free(out);
        ck_assert_int_eq(a.live, 0);
        ek_t_alloc_uninstall();
        if (rc == EK_OK)
            break;
        ck_assert_int_eq(rc, EK_ENOMEM);
    }
}
END_TEST

/* Each byte that needs attention at every position of strings of 0..40 bytes (the writer looks
 * at 8 bytes at a time, issue 15), valid and invalid alike; and a message of every length. */
START_TEST(special_bytes_at_every_position)
{
    static const char *const special[] = { "\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa5",
                                           "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xff", "\xc3", " ", "~" };
    char text[64];
    for (size_t n = 0; n <= 40; n++)
        for (size_t k = 0; k < sizeof special / sizeof special[0]; k++)
            for (size_t at = 0; at <= n; at++) {
                memset(text, 'a', n);
                size_t sl = strlen(special[k]);
                memcpy(text + at, special[k], sl);
                memset(text + at + sl, 'b', n - at);
                text[n + sl] = '\0';
                error_same_as_reference(text, text);
            }
}
END_TEST

/* Two of them at every pair of positions in strings of up to 16 bytes: a Swedish letter before an
 * escape or a bad byte, and so on (the writer copies text that needs nothing whole, after checking
 * it 8 bytes at a time, issue 15). */
START_TEST(two_special_bytes_at_every_position)
{
    static const char *const special[] = { "\"", "\\", "\n", "\x1f", "\x7f", "\xc3\xa5", "\xc3\x85",
                                           "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xe2\x80",
                                           "\xed\xa0\x80", "~" };
    const size_t ns = sizeof special / sizeof special[0];
    char text[64];
    for (size_t n = 0; n <= 16; n++)
        for (size_t j = 0; j < ns; j++)
            for (size_t k = 0; k < ns; k++)
                for (size_t at = 0; at <= n; at++)
                    for (size_t at2 = at; at2 <= n; at2++) {
                        size_t l1 = strlen(special[j]), l2 = strlen(special[k]), o = 0;
                        memset(text, 'a', at);
                        o = at;
                        memcpy(text + o, special[j], l1);
                        o += l1;
                        memset(text + o, 'b', at2 - at);
                        o += at2 - at;
                        memcpy(text + o, special[k], l2);
                        o += l2;
                        memset(text + o, 'c', n - at2);
                        o += n - at2;
                        text[o] = '\0';
                        error_same_as_reference(text, text);
                    }
}
END_TEST

/* Every date of the supported range and its edges, as the writer formats them (it formats
 * dates itself now, issue 15), against ek_date_format(). */
START_TEST(every_date)
{
    ek_context *ctx = NULL;
    ek_evaluation *ev = NULL;
    ek_case *c = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_evaluation_new(&ev));
    ck_ok(ek_case_new(&c, "D"));
    char *out = NULL, *buf = NULL;
    size_t len = 0, cap = 0;
    for (ek_date d = EK_DATE_MIN; d <= EK_DATE_MAX; d++) {
        /* the evaluation's as-of date is written by the same routine as every obligation date */
        ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, d, ev));
        len = 0;
        ck_ok(ek_evaluation_append_json(ev, &buf, &len, &cap));
        char want[EK_DATE_BUFSIZE], pat[64];
        ck_ok(ek_date_format(d, want, sizeof want));
        snprintf(pat, sizeof pat, "\"as_of\":\"%s\"", want);
        ck_assert_msg(strstr(buf, pat) != NULL, "%s lacks %s", buf, pat);
    }
    ek_free(out);
    ek_free(buf);
    ek_case_free(c);
    ek_evaluation_free(ev);
    ek_context_free(ctx);
}
END_TEST

static Suite *io_eval_json_suite(void)
{
    Suite *s = suite_create("io_eval_json");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, fixtures_and_demo_data);
    tcase_add_test(t, tricky_case_ids);
    tcase_add_test(t, tricky_error_records);
    tcase_add_test(t, append_reuses_and_rolls_back);
    tcase_add_test(t, special_bytes_at_every_position);
    tcase_add_test(t, two_special_bytes_at_every_position);
    tcase_add_test(t, every_date);
    tcase_add_test(t, allocation_failures);
    suite_add_tcase(s, t);
    return s;
}

int main(void) { return ek_t_run(io_eval_json_suite()); }
