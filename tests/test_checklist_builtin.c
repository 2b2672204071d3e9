/* SPDX-License-Identifier: MIT */
/*
 * The core's built-in checklist (C data generated at build time, lib/checklist_builtin.c) is the
 * checklist its JSON text loads to (lib/io/checklist_builtin.c through the ordinary loader): the same
 * structures, written out as C (lib/io/checklist_c.c), and the same results on every case of the test
 * and example data.  Issue 19, point 1; docs/HACKING.md, "Layers".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ek_test.h"
#include "io/checklist_c.h"
#include "io/io_internal.h"

/* The checklist as C text (owned; free()). */
static char *as_c(const ek_checklist *cl)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    ek__checklist_write_c(f, cl);
    ck_assert_int_eq(fclose(f), 0);
    return text;
}

/* Equal texts; otherwise fail naming the first line that differs. */
static void same_text(const char *a, const char *b)
{
    size_t i = 0;
    unsigned long line = 1;
    while (a[i] && a[i] == b[i]) {
        if (a[i] == '\n')
            line++;
        i++;
    }
    if (a[i] == b[i])
        return;
    size_t start = i;
    while (start > 0 && a[start - 1] != '\n' && i - start < 60)
        start--;
    ck_assert_msg(0, "line %lu differs: \"%.120s\" vs \"%.120s\"", line, a + start, b + start);
}

START_TEST(builtin_is_the_json)
{
    ek_checklist *from_data = NULL, *from_json = NULL;
    ck_ok(ek_checklist_new_builtin(&from_data));
    ck_ok(ek__checklist_parse_builtin(&from_json));
    char *a = as_c(from_data), *b = as_c(from_json);
    ck_assert_uint_gt(strlen(a), 10000);
    same_text(a, b);
    free(a);
    free(b);
    /* … and as the public API shows it */
    ck_assert_str_eq(ek_checklist_id(from_data), ek_checklist_id(from_json));
    ck_assert_str_eq(ek_checklist_version(from_data), ek_checklist_version(from_json));
    ck_assert_uint_eq(ek_checklist_item_count(from_data), ek_checklist_item_count(from_json));
    for (size_t i = 0; i < ek_checklist_item_count(from_data); i++) {
        ek_item_info x = EK_ITEM_INFO_INIT, y = EK_ITEM_INFO_INIT;
        ck_ok(ek_checklist_item(from_data, i, &x));
        ck_ok(ek_checklist_item(from_json, i, &y));
        ck_assert_str_eq(x.id, y.id);
        ck_assert_str_eq(x.title, y.title);
        ck_assert_str_eq(x.description, y.description);
        ck_assert_str_eq(x.origin, "builtin");
        ck_assert_str_eq(y.origin, "builtin");
        ck_assert_int_eq(x.kind, y.kind);
        ck_assert_int_eq(x.population, y.population);
        ck_assert_uint_eq(x.basis_count, y.basis_count);
    }
    /* two copies are independent: freeing one leaves the other whole */
    ek_checklist *again = NULL;
    ck_ok(ek_checklist_new_builtin(&again));
    ek_checklist_free(from_data);
    char *c = as_c(again), *d = as_c(from_json);
    same_text(c, d);
    free(c);
    free(d);
    ek_checklist_free(again);
    ek_checklist_free(from_json);
}
END_TEST

static void compare_on(const char *rel, const char *delegation_rel)
{
    char path[1024];
    const char *src = getenv("EK_SOURCE_DIR");
    ek_checklist *from_data = NULL, *from_json = NULL;
    ck_ok(ek_checklist_new_builtin(&from_data));
    ck_ok(ek__checklist_parse_builtin(&from_json));
    ek_delegation *d = NULL;
    if (delegation_rel) {
        snprintf(path, sizeof path, "%s/%s", src ? src : ".", delegation_rel);
        ck_ok(ek_delegation_load_json(&d, path));
    }
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "-"));
    ek_checklist_result *ra = NULL, *rb = NULL;
    ck_ok(ek_checklist_result_new(&ra));
    ck_ok(ek_checklist_result_new(&rb));
    snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
    ek_case_reader *rd = NULL;
    ck_ok(ek_case_reader_open(&rd, path));
    int rc, cases = 0;
    while ((rc = ek_case_reader_next(rd, c)) != 0) {
        if (rc < 0)
            continue; /* a bad line of a test file: the reader's business */
        int sa = ek_checklist_evaluate(ctx, from_data, c, d, ek_t_date("2026-03-01"), ra);
        int sb = ek_checklist_evaluate(ctx, from_json, c, d, ek_t_date("2026-03-01"), rb);
        ck_assert_int_eq(sa, sb);
        if (sa != EK_OK)
            continue;
        char *ja = NULL, *jb = NULL;
        ck_ok(ek_checklist_result_write_json(ra, &ja));
        ck_ok(ek_checklist_result_write_json(rb, &jb));
        same_text(ja, jb);
        ek_free(ja);
        ek_free(jb);
        cases++;
    }
    ck_assert_int_gt(cases, 0);
    ek_case_reader_free(rd);
    ek_checklist_result_free(ra);
    ek_checklist_result_free(rb);
    ek_case_free(c);
    ek_context_free(ctx);
    ek_delegation_free(d);
    ek_checklist_free(from_data);
    ek_checklist_free(from_json);
}

START_TEST(same_results_on_the_data)
{
    compare_on("tests/data/checklist/items.jsonl", NULL);
    compare_on("tests/data/checklist/audit.jsonl", NULL);
    compare_on("tests/data/checklist/mixed.jsonl", "tests/data/checklist/delegation.json");
    compare_on("examples/data/cases.jsonl", "examples/data/delegation.json");
    compare_on("examples/data/seeds.jsonl", NULL);
}
END_TEST

static Suite *checklist_builtin_suite(void)
{
    Suite *s = suite_create("checklist_builtin");
    TCase *t = tcase_create("builtin");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, builtin_is_the_json);
    tcase_add_test(t, same_results_on_the_data);
    suite_add_tcase(s, t);
    return s;
}

int main(void) { return ek_t_run(checklist_builtin_suite()); }
