/* SPDX-License-Identifier: MIT */
/* Check suite for the checklist: truth tables, result mappings, items, loader errors, delegation,
 * aggregation, sampling, allocation failures. */
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "ek_test.h"

static const char *ITEM_IDS[] = { "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "C1", "C2",
                                  "C3", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "E1", "E2",
                                  "F1", "F4" };
static const char *ITEM_KINDS[] = { "D", "D", "C", "J", "D", "D", "C", "C/J", "J", "C/J", "C/J", "C", "C", "D",
                                    "C/J", "C", "C", "C", "D", "D", "D", "D", "C/J", "D", "C/J", "D", "C", "C",
                                    "D" };
#define NITEMS (sizeof ITEM_IDS / sizeof ITEM_IDS[0])

static const ek_truth ALL_TRUTHS[] = { EK_TRUTH_TRUE, EK_TRUTH_FALSE, EK_TRUTH_ERROR, EK_TRUTH_UNKNOWN,
                                       EK_TRUTH_NOTCHECKED, EK_TRUTH_NOTAPPLICABLE };

/* ---- truth tables ---------------------------------------------------------------- */

/* The tables written out cell by cell (rows: left operand, columns: right), order T F E U N A. */
#define T EK_TRUTH_TRUE
#define F EK_TRUTH_FALSE
#define E EK_TRUTH_ERROR
#define U EK_TRUTH_UNKNOWN
#define N EK_TRUTH_NOTCHECKED
#define A EK_TRUTH_NOTAPPLICABLE
static const ek_truth AND_TABLE[6][6] = {
    /*        T  F  E  U  N  A */
    /* T */ { T, F, E, U, N, T },
    /* F */ { F, F, F, F, F, F },
    /* E */ { E, F, E, E, E, E },
    /* U */ { U, F, E, U, U, U },
    /* N */ { N, F, E, U, N, N },
    /* A */ { T, F, E, U, N, A },
};
static const ek_truth OR_TABLE[6][6] = {
    /*        T  F  E  U  N  A */
    /* T */ { T, T, T, T, T, T },
    /* F */ { T, F, E, U, N, F },
    /* E */ { T, E, E, E, E, E },
    /* U */ { T, U, E, U, U, U },
    /* N */ { T, N, E, U, N, N },
    /* A */ { T, F, E, U, N, A },
};
static const ek_truth NOT_TABLE[6] = { F, T, E, U, N, A };
#undef T
#undef F
#undef E
#undef U
#undef N
#undef A

START_TEST(truth_tables_every_cell)
{
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
            ek_truth v[2] = { ALL_TRUTHS[i], ALL_TRUTHS[j] };
            ck_assert_msg(ek_truth_all(v, 2) == AND_TABLE[i][j], "all(%s, %s) = %s, want %s",
                          ek_truth_name(v[0]), ek_truth_name(v[1]), ek_truth_name(ek_truth_all(v, 2)),
                          ek_truth_name(AND_TABLE[i][j]));
            ck_assert_msg(ek_truth_any(v, 2) == OR_TABLE[i][j], "any(%s, %s) = %s, want %s",
                          ek_truth_name(v[0]), ek_truth_name(v[1]), ek_truth_name(ek_truth_any(v, 2)),
                          ek_truth_name(OR_TABLE[i][j]));
        }
        ck_assert_msg(ek_truth_not(ALL_TRUTHS[i]) == NOT_TABLE[i], "not(%s)", ek_truth_name(ALL_TRUTHS[i]));
        ek_truth one = ALL_TRUTHS[i];
        ck_assert(ek_truth_all(&one, 1) == one);
        ck_assert(ek_truth_any(&one, 1) == one);
    }
    ck_assert(ek_truth_all(NULL, 0) == EK_TRUTH_NOTAPPLICABLE);
    ck_assert(ek_truth_any(NULL, 0) == EK_TRUTH_NOTAPPLICABLE);
    ek_truth bad[2] = { (ek_truth)0, EK_TRUTH_TRUE };
    ck_assert(ek_truth_all(bad, 2) == EK_TRUTH_ERROR);
    ck_assert(ek_truth_not((ek_truth)99) == EK_TRUTH_ERROR);
}
END_TEST

START_TEST(truth_all_any_commutative_and_associative)
{
    for (int a = 0; a < 6; a++)
        for (int b = 0; b < 6; b++)
            for (int c = 0; c < 6; c++) {
                ek_truth x[3] = { ALL_TRUTHS[a], ALL_TRUTHS[b], ALL_TRUTHS[c] };
                int perm[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
                ek_truth all0 = ek_truth_all(x, 3), any0 = ek_truth_any(x, 3);
                for (int p = 0; p < 6; p++) {
                    ek_truth y[3] = { x[perm[p][0]], x[perm[p][1]], x[perm[p][2]] };
                    ck_assert(ek_truth_all(y, 3) == all0);
                    ck_assert(ek_truth_any(y, 3) == any0);
                }
                /* (a ∧ b) ∧ c */
                ek_truth ab[2] = { x[0], x[1] };
                ek_truth abc[2] = { ek_truth_all(ab, 2), x[2] };
                ck_assert(ek_truth_all(abc, 2) == all0);
                ek_truth abo[2] = { ek_truth_any(ab, 2), x[2] };
                ck_assert(ek_truth_any(abo, 2) == any0);
                /* never "true" unless every judged operand is true / some is */
                if (all0 == EK_TRUTH_TRUE)
                    for (int k = 0; k < 3; k++)
                        ck_assert(x[k] == EK_TRUTH_TRUE || x[k] == EK_TRUTH_NOTAPPLICABLE);
            }
}
END_TEST

START_TEST(truth_result_mapping_every_cell)
{
    static const struct { ek_truth t; ek_result r; } table[] = {
        { EK_TRUTH_TRUE, EK_RESULT_PASS },           { EK_TRUTH_FALSE, EK_RESULT_FAIL },
        { EK_TRUTH_ERROR, EK_RESULT_ERROR },         { EK_TRUTH_UNKNOWN, EK_RESULT_UNKNOWN },
        { EK_TRUTH_NOTCHECKED, EK_RESULT_NOTCHECKED }, { EK_TRUTH_NOTAPPLICABLE, EK_RESULT_NOTAPPLICABLE },
        { EK_TRUTH_INVALID, EK_RESULT_ERROR },       { (ek_truth)77, EK_RESULT_ERROR },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        ck_assert_msg(ek_truth_result(table[i].t) == table[i].r, "truth %d", (int)table[i].t);
    static const struct { ek_obligation_status s; ek_truth t; } obl[] = {
        { EK_OBL_MET, EK_TRUTH_TRUE },       { EK_OBL_LATE, EK_TRUTH_FALSE },
        { EK_OBL_PENDING, EK_TRUTH_NOTCHECKED }, { EK_OBL_OVERDUE, EK_TRUTH_FALSE },
        { EK_OBL_NOTAPPLICABLE, EK_TRUTH_NOTAPPLICABLE }, { EK_OBL_ERROR, EK_TRUTH_ERROR },
        { (ek_obligation_status)0, EK_TRUTH_ERROR },
    };
    for (size_t i = 0; i < sizeof obl / sizeof obl[0]; i++)
        ck_assert_msg(ek_obligation_truth(obl[i].s) == obl[i].t, "status %d", (int)obl[i].s);
    for (int i = 0; i < 6; i++) {
        ek_truth back;
        ck_ok(ek_truth_from_name(ek_truth_name(ALL_TRUTHS[i]), &back));
        ck_assert(back == ALL_TRUTHS[i]);
    }
    ek_truth t;
    ck_status(ek_truth_from_name("maybe", &t), EK_EPARSE);
}
END_TEST

/* ---- helpers ---------------------------------------------------------------------- */

static ek_checklist *load_str(const char *json)
{
    ek_checklist *cl = NULL;
    int rc = ek_checklist_load_json_string(&cl, json, strlen(json), "test.json");
    ck_assert_msg(rc == EK_OK, "load: %s", ek_error_last()->message);
    return cl;
}

static ek_result result_of(const ek_checklist_result *res, const char *item, unsigned int *flags)
{
    size_t k;
    ck_assert_msg(ek_checklist_result_find(res, item, &k) == EK_OK, "no result for %s", item);
    ek_item_result ir = EK_ITEM_RESULT_INIT;
    ck_ok(ek_checklist_result_item(res, k, &ir));
    if (flags)
        *flags = ir.flags;
    return ir.result;
}

#define MINI_HEAD "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"items\": [" \
                  "{\"id\": \"X1\", \"title\": \"x\", \"kind\": \"D\", \"basis\": [{\"ref\": \"SoL (2025:400) 20 kap. 3 §\"}], "

/* ---- obligation status → item result (through the rule predicate) ---------------------- */

/* A long Swedish item message is kept whole (issue 19, point 5: it used to be cut at 1 600 bytes, in the
 * middle of an "ö"). */
START_TEST(long_swedish_message_kept_whole)
{
    char text[2100] = "";
    for (int i = 0; i < 1000; i++)
        strcat(text, "\xC3\xB6");  /* 1 000 × ö: 2 000 bytes */
    char json[2600];
    snprintf(json, sizeof json, MINI_HEAD "\"criterion\": {\"value\": true}, \"messages\": {\"pass\": \"%s\"}}]}", text);
    ek_checklist *cl = load_str(json);
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_case *c;
    ck_ok(ek_case_new(&c, "BU-1"));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-01-01"), res));
    size_t k;
    ck_ok(ek_checklist_result_find(res, "X1", &k));
    ek_item_result ir = EK_ITEM_RESULT_INIT;
    ck_ok(ek_checklist_result_item(res, k, &ir));
    ck_assert_int_eq(ir.result, EK_RESULT_PASS);
    size_t len = strlen(ir.message);
    ck_assert_msg(len == strlen(text) + 1, "message cut to %zu bytes (last byte 0x%02x)", len,
                  len ? (unsigned char)ir.message[len - 1] : 0);
    ck_assert_int_eq(strncmp(ir.message, text, strlen(text)), 0);
    ck_assert_str_eq(ir.message + strlen(text), ".");
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

START_TEST(obligation_status_to_item_result_every_cell)
{
    ek_checklist *cl = load_str(MINI_HEAD "\"criterion\": {\"rule\": {\"rule\": \"utredning\"}}}]}");
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_case *c;
    ck_ok(ek_case_new(&c, "BU-1"));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    static const struct { ek_obligation_status s; ek_result want; } table[] = {
        { EK_OBL_MET, EK_RESULT_PASS },         { EK_OBL_LATE, EK_RESULT_FAIL },
        { EK_OBL_PENDING, EK_RESULT_NOTCHECKED }, { EK_OBL_OVERDUE, EK_RESULT_FAIL },
        { EK_OBL_NOTAPPLICABLE, EK_RESULT_NOTAPPLICABLE }, { EK_OBL_ERROR, EK_RESULT_ERROR },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        ek_obligation o;
        memset(&o, 0, sizeof o);
        o.version = EK_OBLIGATION_VERSION;
        o.rule = EK_RULE_UTREDNING;
        o.rule_name = "utredning";
        o.status = table[i].s;
        o.start = ek_t_date("2025-06-01");
        o.nominal = o.legal = o.judged = ek_t_date("2025-10-01");
        o.done = EK_DATE_NONE;
        o.start_event = o.done_event = o.extension_event = EK_NO_EVENT;
        o.message = "";
        ck_ok(ek_checklist_evaluate_obligations(ctx, cl, c, &o, 1, NULL, ek_t_date("2026-01-01"), res));
        ck_assert_msg(result_of(res, "X1", NULL) == table[i].want, "status %s → %s, want %s",
                      ek_obligation_status_name(table[i].s), ek_result_name(result_of(res, "X1", NULL)),
                      ek_result_name(table[i].want));
        /* a met obligation beside this one: pending and notapplicable are ignored, the rest decide */
        ek_obligation two[2] = { o, o };
        two[0].status = EK_OBL_MET;
        ck_ok(ek_checklist_evaluate_obligations(ctx, cl, c, two, 2, NULL, ek_t_date("2026-01-01"), res));
        ek_result want2 = table[i].s == EK_OBL_PENDING || table[i].s == EK_OBL_NOTAPPLICABLE ? EK_RESULT_PASS
                                                                                             : table[i].want;
        ck_assert_msg(result_of(res, "X1", NULL) == want2, "met + %s", ek_obligation_status_name(table[i].s));
    }
    /* no obligation at all: notapplicable */
    ck_ok(ek_checklist_evaluate_obligations(ctx, cl, c, NULL, 0, NULL, ek_t_date("2026-01-01"), res));
    ck_assert(result_of(res, "X1", NULL) == EK_RESULT_NOTAPPLICABLE);
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* ---- predicate value → item result, for the criterion and for applicability ------------- */

START_TEST(predicate_value_to_item_result_every_cell)
{
    static const struct { const char *v; ek_result as_criterion; ek_result as_applies; } table[] = {
        { "true", EK_RESULT_PASS, EK_RESULT_PASS },
        { "false", EK_RESULT_FAIL, EK_RESULT_NOTAPPLICABLE },
        { "error", EK_RESULT_ERROR, EK_RESULT_ERROR },
        { "unknown", EK_RESULT_UNKNOWN, EK_RESULT_UNKNOWN },
        { "notchecked", EK_RESULT_NOTCHECKED, EK_RESULT_NOTCHECKED },
        { "notapplicable", EK_RESULT_NOTAPPLICABLE, EK_RESULT_NOTAPPLICABLE },
    };
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_case *c;
    ck_ok(ek_case_new(&c, "BU-1"));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char json[512];
        snprintf(json, sizeof json, MINI_HEAD "\"criterion\": {\"value\": \"%s\"}}, {\"id\": \"X2\", \"title\": \"y\", "
                 "\"kind\": \"C\", \"basis\": [{\"ref\": \"r\"}], \"applies\": {\"value\": \"%s\"}, "
                 "\"criterion\": {\"value\": true}}]}", table[i].v, table[i].v);
        ek_checklist *cl = load_str(json);
        ck_ok(ek_checklist_evaluate_obligations(ctx, cl, c, NULL, 0, NULL, ek_t_date("2026-01-01"), res));
        ck_assert_msg(result_of(res, "X1", NULL) == table[i].as_criterion, "criterion %s", table[i].v);
        ck_assert_msg(result_of(res, "X2", NULL) == table[i].as_applies, "applies %s", table[i].v);
        ek_checklist_free(cl);
    }
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_context_free(ctx);
}
END_TEST

START_TEST(exception_exclusion_open_question_order)
{
    /* exception only when the criterion is not true; open question only when it is false */
    static const struct { const char *crit, *exc, *oq; ek_result want; unsigned int flag; } table[] = {
        { "true", "true", "true", EK_RESULT_PASS, 0 },
        { "false", "true", "true", EK_RESULT_PASS, EK_ITEM_EXCEPTION },
        { "false", "false", "true", EK_RESULT_INFORMATIONAL, EK_ITEM_OPEN_QUESTION },
        { "false", "false", "false", EK_RESULT_FAIL, 0 },
        { "unknown", "false", "true", EK_RESULT_UNKNOWN, 0 },
        { "error", "true", "true", EK_RESULT_PASS, EK_ITEM_EXCEPTION },
        { "notchecked", "unknown", "true", EK_RESULT_NOTCHECKED, 0 },
    };
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_case *c;
    ck_ok(ek_case_new(&c, "BU-1"));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char json[700];
        snprintf(json, sizeof json, MINI_HEAD "\"criterion\": {\"value\": \"%s\"}, \"exception\": {\"value\": \"%s\"}, "
                 "\"open_question\": {\"when\": {\"value\": \"%s\"}, \"message\": \"öppen fråga\"}}, "
                 "{\"id\": \"X2\", \"title\": \"y\", \"kind\": \"C\", \"basis\": [{\"ref\": \"r\"}], "
                 "\"exclude\": {\"value\": true}, \"criterion\": {\"value\": false}}]}",
                 table[i].crit, table[i].exc, table[i].oq);
        ek_checklist *cl = load_str(json);
        ck_ok(ek_checklist_evaluate_obligations(ctx, cl, c, NULL, 0, NULL, ek_t_date("2026-01-01"), res));
        unsigned int flags;
        ck_assert_msg(result_of(res, "X1", &flags) == table[i].want, "row %zu", i);
        ck_assert_uint_eq(flags & (EK_ITEM_EXCEPTION | EK_ITEM_OPEN_QUESTION), table[i].flag);
        ck_assert(result_of(res, "X2", &flags) == EK_RESULT_NOTAPPLICABLE);
        ck_assert(flags & EK_ITEM_EXCLUDED);
        ek_checklist_free(cl);
    }
    /* an open question may not claim pass or fail */
    const char *bad = MINI_HEAD "\"criterion\": {\"value\": true}, \"open_question\": {\"when\": {\"value\": true}, "
                                "\"message\": \"m\", \"result\": \"pass\"}}]}";
    ek_checklist *cl = NULL;
    ck_status(ek_checklist_load_json_string(&cl, bad, strlen(bad), "oq.json"), EK_EPARSE);
    ck_msg_has("never pass or fail");
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_context_free(ctx);
}
END_TEST

/* ---- the built-in checklist ------------------------------------------------------------ */

START_TEST(builtin_has_every_item_of_domain_6)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_assert_uint_eq(ek_checklist_item_count(cl), NITEMS);
    ck_assert_str_eq(ek_checklist_id(cl), "egenkontroll-sol");
    ck_assert(strlen(ek_checklist_version(cl)) > 0);
    for (size_t i = 0; i < NITEMS; i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ck_ok(ek_checklist_item(cl, i, &info));
        ck_assert_str_eq(info.id, ITEM_IDS[i]);
        ck_assert_msg(strcmp(ek_item_kind_name(info.kind), ITEM_KINDS[i]) == 0, "%s kind %s", info.id,
                      ek_item_kind_name(info.kind));
        ck_assert_msg(info.basis_count > 0 && strlen(info.title) > 0, "%s", info.id);
        ck_assert_str_eq(info.origin, "builtin");
        ek_item_population want = (ITEM_IDS[i][0] == 'E') ? EK_POPULATION_SARAH
                                : strcmp(ITEM_IDS[i], "F1") == 0 ? EK_POPULATION_RUN : EK_POPULATION_CASE;
        ck_assert_msg(info.population == want, "%s population", info.id);
        size_t idx;
        ck_ok(ek_checklist_find(cl, ITEM_IDS[i], &idx));
        ck_assert_uint_eq(idx, i);
    }
    size_t idx;
    ck_status(ek_checklist_find(cl, "Z9", &idx), EK_ENOTFOUND);
    /* law of the day: A2 in each regime */
    ck_ok(ek_checklist_find(cl, "A2", &idx));
    char buf[512];
    ck_ok(ek_checklist_item_basis_on(cl, idx, ek_t_date("2025-06-30"), buf, sizeof buf));
    ck_assert_str_eq(buf, "SoL (2001:453) 11 kap. 1 a § 2 st.");
    ck_ok(ek_checklist_item_basis_on(cl, idx, ek_t_date("2025-07-01"), buf, sizeof buf));
    ck_assert_str_eq(buf, "SoL (2025:400) 20 kap. 2 §");
    ck_status(ek_checklist_item_basis_on(cl, idx, ek_t_date("2025-07-01"), buf, 5), EK_ELIMIT);
    /* the last byte that fits, and one too few (written without snprintf since issue 15) */
    size_t need = strlen("SoL (2025:400) 20 kap. 2 §") + 1;
    ck_ok(ek_checklist_item_basis_on(cl, idx, ek_t_date("2025-07-01"), buf, need));
    ck_assert_str_eq(buf, "SoL (2025:400) 20 kap. 2 §");
    ck_status(ek_checklist_item_basis_on(cl, idx, ek_t_date("2025-07-01"), buf, need - 1), EK_ELIMIT);
    ck_assert_uint_lt(strlen(buf), need - 1);
    ek_item_basis b = EK_ITEM_BASIS_INIT;
    ck_ok(ek_checklist_item_basis(cl, idx, 1, &b));
    ck_assert(b.valid_from == ek_t_date("2025-07-01"));
    ck_assert(b.valid_to == EK_DATE_NONE);
    ck_assert_str_eq(b.certainty, "V");
    ek_checklist_free(cl);
}
END_TEST

/* The references shown are those in force on the day (DOMAIN.md §4: 6:8 2 st. before 2022-07-01, then 6:8 b;
 * LVU 13 c § from 2022-07-01; the region notice of old 11 kap. 3 a § only from 2017). */
static void basis_on_is(ek_checklist *cl, const char *item, const char *day, const char *want, const char *not_want)
{
    size_t idx;
    char buf[512];
    ck_ok(ek_checklist_find(cl, item, &idx));
    ck_ok(ek_checklist_item_basis_on(cl, idx, ek_t_date(day), buf, sizeof buf));
    ck_assert_msg(strstr(buf, want) != NULL, "%s on %s: \"%s\" lacks \"%s\"", item, day, buf, want);
    if (not_want)
        ck_assert_msg(strstr(buf, not_want) == NULL, "%s on %s: \"%s\" cites \"%s\"", item, day, buf, not_want);
}

START_TEST(basis_of_the_day_per_item)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    basis_on_is(cl, "D6", "2017-12-18", "SoL (2001:453) 6 kap. 8 § 2 st.", "8 b §");
    basis_on_is(cl, "D6", "2017-12-18", "LVU (1990:52) 13 § 3 st.", "13 c §");
    basis_on_is(cl, "D6", "2022-07-01", "SoL (2001:453) 6 kap. 8 b §", "8 § 2 st.");
    basis_on_is(cl, "D6", "2022-07-01", "LVU (1990:52) 13 c §", NULL);
    basis_on_is(cl, "D6", "2025-07-01", "SoL (2025:400) 22 kap. 14 §", "2001:453");
    basis_on_is(cl, "D4", "2019-01-20", "SoF (2001:937) 5 kap. 1 a §", NULL);
    basis_on_is(cl, "B6", "2016-06-01", "SoL (2001:453)", "3 a §");
    basis_on_is(cl, "B6", "2018-06-01", "SoL (2001:453) 11 kap. 3 a §", NULL);
    /* A1 has the same validity as the rule skyddsbedomning (11 kap. 1 a § from 2013-01-01). */
    size_t idx;
    ck_ok(ek_checklist_find(cl, "A1", &idx));
    ek_item_basis b = EK_ITEM_BASIS_INIT;
    ck_ok(ek_checklist_item_basis(cl, idx, 0, &b));
    ck_assert(b.valid_from == ek_t_date("2013-01-01"));
    /* B2's old reference has no certainty mark in DOMAIN.md §4 ("V new"): not claimed as verified. */
    ck_ok(ek_checklist_find(cl, "B2", &idx));
    ck_ok(ek_checklist_item_basis(cl, idx, 0, &b));
    ck_assert_str_eq(b.certainty, "R");
    ek_checklist_free(cl);
}
END_TEST

/* ---- every item: pass, fail, notapplicable … from tests/data/checklist/items.jsonl ------------ */

static char *data_path(const char *rel)
{
    const char *src = getenv("EK_SOURCE_DIR");
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s/tests/data/checklist/%s", src ? src : ".", rel);
    return buf;
}

START_TEST(items_behave_as_the_data_file_expects)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_case *c;
    ck_ok(ek_case_new(&c, "-"));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    ek_case_reader *rd;
    ck_ok(ek_case_reader_open(&rd, data_path("items.jsonl")));
    int rc, cases = 0, checks = 0;
    int seen_pass[NITEMS], seen_fail[NITEMS], seen_na[NITEMS];
    memset(seen_pass, 0, sizeof seen_pass);
    memset(seen_fail, 0, sizeof seen_fail);
    memset(seen_na, 0, sizeof seen_na);
    while ((rc = ek_case_reader_next(rd, c)) == 1) {
        cases++;
        ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
        const char *expect = NULL;
        for (size_t k = 0; k < ek_case_extra_count(c); k++) {
            const char *key, *val;
            ck_ok(ek_case_extra(c, k, &key, &val));
            if (strcmp(key, "x_expect") == 0)
                expect = val;
        }
        ck_assert_msg(expect != NULL, "%s has no x_expect", ek_case_id(c));
        for (size_t i = 0; i < NITEMS; i++) {
            char needle[16];
            snprintf(needle, sizeof needle, "\"%s\": \"", ITEM_IDS[i]);
            const char *p = strstr(expect, needle);
            if (!p)
                continue;
            p += strlen(needle);
            char want_name[32];
            size_t n = strcspn(p, "\"");
            ck_assert(n < sizeof want_name);
            memcpy(want_name, p, n);
            want_name[n] = '\0';
            ek_result want;
            ck_ok(ek_result_from_name(want_name, &want));
            ek_result got = result_of(res, ITEM_IDS[i], NULL);
            size_t k;
            ek_checklist_result_find(res, ITEM_IDS[i], &k);
            ek_item_result ir = EK_ITEM_RESULT_INIT;
            ek_checklist_result_item(res, k, &ir);
            ck_assert_msg(got == want, "%s %s: %s, want %s (%s)", ek_case_id(c), ITEM_IDS[i], ek_result_name(got),
                          want_name, ir.message);
            ck_assert(ir.message && strlen(ir.message) > 0 && ir.basis && strlen(ir.basis) > 0);
            seen_pass[i] |= got == EK_RESULT_PASS;
            seen_fail[i] |= got == EK_RESULT_FAIL;
            seen_na[i] |= got == EK_RESULT_NOTAPPLICABLE;
            checks++;
        }
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_int_ge(cases, 40);
    /* every case item has a pass, a fail and a notapplicable case, except where noted */
    for (size_t i = 0; i < NITEMS; i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ck_ok(ek_checklist_item(cl, i, &info));
        if (info.population != EK_POPULATION_CASE)
            continue;
        ck_assert_msg(seen_na[i], "%s: no notapplicable case", ITEM_IDS[i]);
        int rule_heavy = !strcmp(ITEM_IDS[i], "D4") || !strcmp(ITEM_IDS[i], "D5") || !strcmp(ITEM_IDS[i], "D6") ||
                         !strcmp(ITEM_IDS[i], "D7") || !strcmp(ITEM_IDS[i], "A5") || !strcmp(ITEM_IDS[i], "C1");
        if (!rule_heavy)
            ck_assert_msg(seen_pass[i] && seen_fail[i], "%s: pass %d fail %d", ITEM_IDS[i], seen_pass[i], seen_fail[i]);
    }
    ek_case_reader_free(rd);
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* Cases of the DOMAIN.md audit (tests/data/checklist/audit.jsonl): each has the results it must give. */
START_TEST(audit_cases_behave_as_the_data_file_expects)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_case *c;
    ck_ok(ek_case_new(&c, "-"));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    ek_case_reader *rd;
    ck_ok(ek_case_reader_open(&rd, data_path("audit.jsonl")));
    int rc, checks = 0;
    while ((rc = ek_case_reader_next(rd, c)) == 1) {
        ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
        const char *expect = NULL;
        for (size_t k = 0; k < ek_case_extra_count(c); k++) {
            const char *key, *val;
            ck_ok(ek_case_extra(c, k, &key, &val));
            if (strcmp(key, "x_expect") == 0)
                expect = val;
        }
        ck_assert_msg(expect != NULL, "%s has no x_expect", ek_case_id(c));
        for (size_t i = 0; i < NITEMS; i++) {
            char needle[16], want_name[32];
            snprintf(needle, sizeof needle, "\"%s\": \"", ITEM_IDS[i]);
            const char *p = strstr(expect, needle);
            if (!p)
                continue;
            p += strlen(needle);
            size_t n = strcspn(p, "\"");
            ck_assert(n < sizeof want_name);
            memcpy(want_name, p, n);
            want_name[n] = '\0';
            ek_result want;
            ck_ok(ek_result_from_name(want_name, &want));
            size_t k;
            ck_ok(ek_checklist_result_find(res, ITEM_IDS[i], &k));
            ek_item_result ir = EK_ITEM_RESULT_INIT;
            ck_ok(ek_checklist_result_item(res, k, &ir));
            ck_assert_msg(ir.result == want, "%s %s: %s, want %s (%s)", ek_case_id(c), ITEM_IDS[i],
                          ek_result_name(ir.result), want_name, ir.message);
            ck_assert(ir.basis && strlen(ir.basis) > 0);
            checks++;
        }
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_int_ge(checks, 8);
    ek_case_reader_free(rd);
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* Build a case with a few events; returns the case. */
static ek_case *mk_case(const char *id)
{
    ek_case *c;
    ck_ok(ek_case_new(&c, id));
    return c;
}

static size_t ev(ek_case *c, const char *type, const char *date)
{
    size_t i;
    ck_ok(ek_case_add_event(c, type, ek_t_date(date), &i));
    return i;
}

START_TEST(a2_exception_and_d1_law_change)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    ek_case *c = mk_case("BU-EX");
    ev(c, "anmalan_mottagen", "2025-09-01");
    ev(c, "forhandsbedomning_synnerliga_skal", "2025-09-10");
    size_t i = ev(c, "beslut_inleda_utredning", "2025-09-25");
    ck_ok(ek_case_event_set_string(c, i, "beslutsfattare", "socialsekreterare"));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
    unsigned int flags;
    ck_assert(result_of(res, "A2", &flags) == EK_RESULT_PASS);
    ck_assert(flags & EK_ITEM_EXCEPTION);
    ek_case_free(c);
    /* Synnerliga skäl extend the time, never waive it (issue 14): a decision after the extended end fails. */
    c = mk_case("BU-EX2");
    ev(c, "anmalan_mottagen", "2025-09-01");
    ev(c, "forhandsbedomning_synnerliga_skal", "2025-09-10");
    i = ev(c, "beslut_inleda_utredning", "2025-10-06");
    ck_ok(ek_case_event_set_string(c, i, "beslutsfattare", "socialsekreterare"));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
    ck_assert(result_of(res, "A2", &flags) == EK_RESULT_FAIL);
    ek_case_free(c);

    /* D1: the same facts either side of 2025-07-01 */
    static const struct { const char *fhu, *placed, *by; int reg; ek_result want; const char *basis; } t[] = {
        { "2025-06-01", "2025-06-30", "annan", 1, EK_RESULT_FAIL, "SoL (2001:453) 6 kap. 6 §" },
        { "2025-06-01", "2025-07-01", "annan", 1, EK_RESULT_INFORMATIONAL, "SoL (2025:400) 22 kap. 2 §" },
        { "2025-06-01", "2025-07-01", "annan", 0, EK_RESULT_FAIL, "SoL (2025:400) 22 kap. 2 §" },
        { "2025-06-01", "2025-06-30", "egen", 0, EK_RESULT_FAIL, "SoL (2001:453) 6 kap. 6 §" },
        { "2025-06-01", "2025-07-01", "egen", 1, EK_RESULT_PASS, "SoL (2025:400) 22 kap. 2 §" },
    };
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        c = mk_case("BU-D1");
        i = ev(c, "familjehemsutredning_klar", t[k].fhu);
        ck_ok(ek_case_event_set_string(c, i, "hem", "H"));
        ck_ok(ek_case_event_set_string(c, i, "utredd_av", t[k].by));
        ck_ok(ek_case_event_set_bool(c, i, "registerkontroll", t[k].reg));
        i = ev(c, "placering_verkstalld", t[k].placed);
        ck_ok(ek_case_event_set_string(c, i, "placeringsform", "familjehem"));
        ck_ok(ek_case_event_set_string(c, i, "grund", "sol"));
        ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
        size_t r;
        ck_ok(ek_checklist_result_find(res, "D1", &r));
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        ck_ok(ek_checklist_result_item(res, r, &ir));
        ck_assert_msg(ir.result == t[k].want, "row %zu: %s (%s)", k, ek_result_name(ir.result), ir.message);
        ck_assert_msg(strstr(ir.basis, t[k].basis) != NULL, "row %zu basis %s", k, ir.basis);
        if (ir.result == EK_RESULT_INFORMATIONAL) {
            ck_assert(ir.flags & EK_ITEM_OPEN_QUESTION);
            ck_assert(strstr(ir.message, "öppen") != NULL);
        }
        ck_assert_uint_ge(ir.evidence_count, 1);
        ek_case_free(c);
    }
    ek_checklist_result_free(res);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* ---- C1: the delegation check ------------------------------------------------------------ */

START_TEST(c1_delegation)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    ek_delegation *d;
    ck_ok(ek_delegation_load_json(&d, data_path("delegation.json")));
    ck_assert_str_eq(ek_delegation_kommun(d), "Exempelby");
    ck_assert_uint_eq(ek_delegation_type_count(d), 2);
    int allowed;
    ck_ok(ek_delegation_check(d, "beslut_vard", "namnd", &allowed));
    ck_assert_int_eq(allowed, 1);
    ck_status(ek_delegation_check(d, "overvagande", "utskott", &allowed), EK_ENOTFOUND);

    static const struct { const char *type, *role; ek_result with, without; } t[] = {
        { "beslut_inleda_utredning", "socialsekreterare", EK_RESULT_PASS, EK_RESULT_NOTCHECKED },
        { "beslut_vard", "socialsekreterare", EK_RESULT_FAIL, EK_RESULT_NOTCHECKED },
        { "beslut_inte_inleda_utredning", "enhetschef", EK_RESULT_NOTCHECKED, EK_RESULT_NOTCHECKED },
        { "beslut_vard", NULL, EK_RESULT_UNKNOWN, EK_RESULT_NOTCHECKED },
        { "anmalan_mottagen", NULL, EK_RESULT_NOTAPPLICABLE, EK_RESULT_NOTAPPLICABLE },
    };
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        ek_case *c = mk_case("BU-C1");
        size_t i = ev(c, t[k].type, "2025-09-01");
        if (t[k].role)
            ck_ok(ek_case_event_set_string(c, i, "beslutsfattare", t[k].role));
        ck_ok(ek_checklist_evaluate(ctx, cl, c, d, ek_t_date("2026-03-01"), res));
        ck_assert_msg(result_of(res, "C1", NULL) == t[k].with, "row %zu with order: %s", k,
                      ek_result_name(result_of(res, "C1", NULL)));
        ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
        ck_assert_msg(result_of(res, "C1", NULL) == t[k].without, "row %zu without order", k);
        ek_case_free(c);
    }
    /* a failing decision beside an allowed one fails; the message names the decision, never the role given
       (an attribute value, issue 18) */
    ek_case *c = mk_case("BU-C1b");
    size_t i = ev(c, "beslut_inleda_utredning", "2025-09-01");
    ck_ok(ek_case_event_set_string(c, i, "beslutsfattare", "enhetschef"));
    i = ev(c, "beslut_vard", "2025-10-01");
    ck_ok(ek_case_event_set_string(c, i, "beslutsfattare", "enhetschef"));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, d, ek_t_date("2026-03-01"), res));
    size_t r;
    ck_ok(ek_checklist_result_find(res, "C1", &r));
    ek_item_result ir = EK_ITEM_RESULT_INIT;
    ck_ok(ek_checklist_result_item(res, r, &ir));
    ck_assert(ir.result == EK_RESULT_FAIL);
    ck_assert_msg(!strstr(ir.message, "enhetschef") && strstr(ir.message, "2025-10-01"), "%s", ir.message);
    ek_evidence e = EK_EVIDENCE_INIT;
    ck_ok(ek_checklist_result_evidence(res, r, 0, &e));
    ck_assert(e.kind == EK_EVIDENCE_EVENT && e.event_index == 1 && e.date == ek_t_date("2025-10-01"));
    ck_assert_str_eq(e.event_type, "beslut_vard");
    ek_case_free(c);

    /* malformed delegation orders name the place */
    static const struct { const char *json, *needle; } bad[] = {
        { "{\"format\": \"egenkontroll/delegation-1\", \"beslut\": {\"beslut_vard\": [\"utskott\", 3]}}",
          "bad.json:1:79: wrong type: a role must be a non-empty string, not an integer (field beslut.beslut_vard[1])" },
        { "{\"format\": \"egenkontroll/delegation-1\", \"beslut\": {\"beslut_vard\": \"utskott\"}}", "beslut.beslut_vard" },
        { "{\"format\": \"egenkontroll/delegation-2\", \"beslut\": {}}", "delegation-1" },
        { "{\"format\": \"egenkontroll/delegation-1\"}", "beslut" },
        { "{\"format\": \"egenkontroll/delegation-1\",\n \"beslut\": {\"a\": [}}", "bad.json:2:" },
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        ek_delegation *x = NULL;
        int rc = ek_delegation_load_json_string(&x, bad[k].json, strlen(bad[k].json), "bad.json");
        ck_assert_msg(rc == EK_EPARSE, "row %zu: %s", k, ek_status_name(rc));
        ck_assert_msg(strstr(ek_t_last_error_text(), bad[k].needle), "row %zu: %s", k, ek_t_last_error_text());
        ck_assert_ptr_null(x);
    }
    ek_delegation_free(d);
    ek_checklist_result_free(res);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* ---- loader errors ------------------------------------------------------------------------ */

START_TEST(checklist_errors_name_the_place)
{
    static const struct { const char *json; int status; const char *needle; } t[] = {
        { MINI_HEAD "\"criterion\": {\"evnt\": {\"type\": \"besok\"}}}]}", EK_EPARSE,
          "test.json:1:190: unknown predicate \"evnt\"" },
        { MINI_HEAD "\"criterion\": {\"evnt\": {\"type\": \"besok\"}}}]}", EK_EPARSE,
          "(case X1, field items[0].criterion.evnt)" },
        { MINI_HEAD "\n\"criterion\": {\"event\": {\"type\": \"beslut_inte_inleda_utredning\",\n"
                    "  \"where\": {\"attr\": {\"key\": \"motivering\", \"equals\": \"ja\"}}}}}]}", EK_EPARSE,
          "test.json:3:53: wrong argument type: \"motivering\" of beslut_inte_inleda_utredning is a boolean, not a string" },
        { MINI_HEAD "\"criterion\": {\"event\": {\"type\": \"utredning_avslutad\", \"where\": {\"attr\": "
                    "{\"key\": \"barnets_asikt\", \"equals\": \"kanske\"}}}}}]}", EK_EPARSE, "\"kanske\" is not a value of" },
        { MINI_HEAD "\"criterion\": {\"event\": {\"type\": \"besk\"}}}]}", EK_EPARSE, "unknown event type \"besk\"" },
        { MINI_HEAD "\"criterion\": {\"rule\": {\"rule\": \"utredningen\"}}}]}", EK_EPARSE, "unknown rule \"utredningen\"" },
        { MINI_HEAD "\"criterion\": {\"all\": []}}]}", EK_EPARSE, "non-empty array" },
        { MINI_HEAD "\"criterion\": {\"all\": {\"value\": true}}}]}", EK_EPARSE, "wrong argument type: \"all\"" },
        { MINI_HEAD "\"criterion\": {\"within\": {\"from\": {\"type\": \"besok\"}, \"to\": {\"type\": \"besok\"}, "
                    "\"period\": {\"policy\": \"besok_oftare\"}}}}]}", EK_EPARSE, "not a period parameter" },
        { MINI_HEAD "\"criterion\": {\"within\": {\"from\": {\"type\": \"besok\"}, \"to\": {\"type\": \"besok\"}, "
                    "\"period\": 14}}}]}", EK_EPARSE, "(case X1, field items[0].criterion.within.period)" },
        { MINI_HEAD "\"criterion\": {\"attr\": {\"key\": \"enskilt\", \"equals\": true}}}]}", EK_EPARSE,
          "\"attr\" is used outside an event's \"where\"" },
        { MINI_HEAD "\"criterion\": {\"value\": true}}, {\"id\": \"X1\", \"title\": \"t\", \"kind\": \"C\", "
                    "\"basis\": [{\"ref\": \"r\"}], \"criterion\": {\"value\": true}}]}", EK_ECONFLICT,
          "duplicate item id \"X1\" (case X1, field items[1].id)" },
        { "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"definitions\": "
          "{\"a\": {\"ref\": \"b\"}, \"b\": {\"not\": {\"ref\": \"a\"}}}, \"items\": []}", EK_EPARSE,
          "reference cycle" },
        { "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"definitions\": "
          "{\"a\": {\"ref\": \"a\"}}, \"items\": []}", EK_EPARSE, "definition \"a\" refers back to itself" },
        { MINI_HEAD "\"criterion\": {\"ref\": \"nope\"}}]}", EK_EPARSE, "no definition named \"nope\"" },
        { MINI_HEAD "\"criterion\": {\"age\": {\"min\": 15}}}]}", EK_EPARSE,
          "\"age\" is used outside an event's \"where\"" },
        { MINI_HEAD "\"criterion\": {\"event\": {\"type\": \"vardnadshavare_begar_avslut\", \"where\": "
                    "{\"age\": {}}}}}]}", EK_EPARSE, "\"age\" needs \"min\" or \"under\"" },
        { MINI_HEAD "\"criterion\": {\"event\": {\"type\": \"vardnadshavare_begar_avslut\", \"where\": "
                    "{\"age\": {\"min\": \"15\"}}}}}]}", EK_EPARSE, "(case X1, field items[0].criterion.event.where.age.min)" },
        { MINI_HEAD "\"criterion\": {\"event\": {\"type\": \"vardnadshavare_begar_avslut\", \"where\": "
                    "{\"age\": {\"min\": 15, \"max\": 18}}}}}]}", EK_EPARSE, "\"max\"" },
        { MINI_HEAD "\"kriterium\": {\"value\": true}, \"criterion\": {\"value\": true}}]}", EK_EPARSE,
          "unknown key \"kriterium\" in an item" },
        { "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"items\": [{\"id\": \"X1\", "
          "\"title\": \"t\", \"kind\": \"D\", \"criterion\": {\"value\": true}}]}", EK_EPARSE, "\"basis\"" },
        { MINI_HEAD "\"criterion\": {\"value\": true}, \"kind\": \"Q\"}]}", EK_EPARSE, "invalid JSON" },
        { MINI_HEAD "\"criterion\": {\"value\": \"maybe\"}}]}", EK_EPARSE, "not a truth value" },
        { MINI_HEAD "\"criterion\": {\"value\": true, \"not\": {\"value\": true}}}]}", EK_EPARSE, "holds one predicate" },
        { "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"extends\": \"builtin\", "
          "\"items\": [{\"id\": \"A1\", \"title\": \"t\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}], "
          "\"criterion\": {\"value\": true}}]}", EK_ECONFLICT, "built-in checklist: add \"replace\": true" },
        { "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"extends\": \"builtin\", "
          "\"items\": [{\"id\": \"Q1\", \"replace\": true, \"title\": \"t\", \"kind\": \"D\", \"basis\": [{\"ref\": \"r\"}], "
          "\"criterion\": {\"value\": true}}]}", EK_ENOTFOUND, "no item \"Q1\"" },
        { "{\"format\": \"egenkontroll/checklist-2\", \"id\": \"t\", \"version\": \"1\", \"items\": []}", EK_EPARSE,
          "unsupported format" },
        { "[1, 2]", EK_EPARSE, "must be a JSON object" },
        { "{\"format\": \"egenkontroll/checklist-1\",\n\"id\": \"t\",\n\"version\": 1, \"items\": []}", EK_EPARSE,
          "test.json:3:12: wrong argument type: \"version\" must be a string, not an integer (field version)" },
    };
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        ek_checklist *cl = NULL;
        int rc = ek_checklist_load_json_string(&cl, t[k].json, strlen(t[k].json), "test.json");
        ck_assert_msg(rc == t[k].status, "row %zu: %s (%s)", k, ek_status_name(rc), ek_error_last()->message);
        ck_assert_msg(strstr(ek_t_last_error_text(), t[k].needle) != NULL, "row %zu: \"%s\" lacks \"%s\"", k,
                      ek_t_last_error_text(), t[k].needle);
        ck_assert_ptr_null(cl);
    }
}
END_TEST

START_TEST(checklist_depth_limit)
{
    /* 30 nested "not"s: too deep in the file itself */
    char json[2048];
    char *p = json;
    p += sprintf(p, MINI_HEAD "\"criterion\": ");
    for (int i = 0; i < 30; i++)
        p += sprintf(p, "{\"not\": ");
    p += sprintf(p, "{\"value\": true}");
    for (int i = 0; i < 30; i++)
        p += sprintf(p, "}");
    sprintf(p, "}]}");
    ek_checklist *cl = NULL;
    ck_status(ek_checklist_load_json_string(&cl, json, strlen(json), "deep.json"), EK_ELIMIT);
    ck_msg_has("excessive depth");
    ck_msg_has("(case X1, field items[0]");
    /* deep only through definitions: d0 → d1 → … → d29 */
    p = json;
    p += sprintf(p, "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"t\", \"version\": \"1\", \"definitions\": {");
    for (int i = 0; i < 30; i++)
        p += sprintf(p, "%s\"d%d\": {\"not\": {\"ref\": \"d%d\"}}", i ? ", " : "", i, i + 1);
    p += sprintf(p, ", \"d30\": {\"value\": true}}, \"items\": []}");
    ck_status(ek_checklist_load_json_string(&cl, json, strlen(json), "deep.json"), EK_ELIMIT);
    ck_msg_has("counting definitions");
}
END_TEST

START_TEST(extend_builtin)
{
    const char *json =
        "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"exempelby\", \"version\": \"3\", \"extends\": \"builtin\",\n"
        " \"definitions\": {\"samtal_enskilt\": {\"attr\": {\"key\": \"enskilt\", \"equals\": true}}},\n"
        " \"items\": [\n"
        "  {\"id\": \"X1\", \"title\": \"Enskilt samtal under utredningen\", \"kind\": \"C\",\n"
        "   \"basis\": [{\"ref\": \"Lokal rutin 2026:1\", \"from\": \"2026-01-01\"}],\n"
        "   \"applies\": {\"event\": {\"type\": \"utredning_inledd\"}},\n"
        "   \"criterion\": {\"event\": {\"type\": \"samtal_med_barnet\", \"where\": {\"ref\": \"samtal_enskilt\"}}}},\n"
        "  {\"id\": \"B4\", \"replace\": true, \"title\": \"Barnets bästa (strukturerat)\", \"kind\": \"C/J\",\n"
        "   \"basis\": [{\"ref\": \"SoL (2025:400) 3 kap. 1 §\", \"from\": \"2025-07-01\"}],\n"
        "   \"applies\": {\"event\": {\"type\": \"utredning_avslutad\"}},\n"
        "   \"criterion\": {\"first_known\": [{\"answer\": \"B4\"}, {\"event\": {\"type\": \"utredning_avslutad\", "
        "\"for\": \"every\", \"where\": {\"attr\": {\"key\": \"barnets_basta_bedomt\", \"equals\": true}}}}]}}]}";
    ek_checklist *cl = load_str(json);
    ck_assert_uint_eq(ek_checklist_item_count(cl), NITEMS + 1);
    ck_assert_str_eq(ek_checklist_id(cl), "exempelby");
    ck_assert(strstr(ek_checklist_version(cl), "+exempelby-3") != NULL);
    size_t idx;
    ck_ok(ek_checklist_find(cl, "B4", &idx));
    ck_assert_uint_eq(idx, 8);  /* replaced in place */
    ek_item_info info = EK_ITEM_INFO_INIT;
    ck_ok(ek_checklist_item(cl, idx, &info));
    ck_assert_str_eq(info.origin, "test.json");
    ck_assert(info.kind == EK_ITEM_PRESENCE_JUDGEMENT);
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    ek_case *c = mk_case("BU-X");
    ev(c, "utredning_inledd", "2025-09-01");
    size_t i = ev(c, "samtal_med_barnet", "2025-09-10");
    ck_ok(ek_case_event_set_bool(c, i, "enskilt", 1));
    i = ev(c, "utredning_avslutad", "2025-12-01");
    ck_ok(ek_case_event_set_bool(c, i, "barnets_basta_bedomt", 1));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
    ck_assert(result_of(res, "X1", NULL) == EK_RESULT_PASS);
    ck_assert(result_of(res, "B4", NULL) == EK_RESULT_PASS);
    ck_ok(ek_case_add_answer(c, "B4", EK_RESULT_FAIL, "granskare", EK_DATE_NONE, "inte bedömt"));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
    unsigned int flags;
    ck_assert(result_of(res, "B4", &flags) == EK_RESULT_FAIL);
    ck_assert(flags & EK_ITEM_ANSWERED);
    ek_case_free(c);
    ek_checklist_result_free(res);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* ---- aggregation ------------------------------------------------------------------------- */

START_TEST(aggregate_population_model)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_checklist_aggregate *agg;
    ck_ok(ek_checklist_aggregate_new(&agg, cl));
    static const struct { ek_result r; unsigned int flags; const char *unit; } feed[] = {
        { EK_RESULT_PASS, 0, "V" }, { EK_RESULT_PASS, 0, "V" }, { EK_RESULT_PASS, 0, "N" },
        { EK_RESULT_PASS, EK_ITEM_EXCEPTION, "N" }, { EK_RESULT_FAIL, 0, "V" },
        { EK_RESULT_NOTAPPLICABLE, 0, "V" }, { EK_RESULT_NOTAPPLICABLE, EK_ITEM_EXCLUDED, "N" },
        { EK_RESULT_NOTCHECKED, 0, "V" }, { EK_RESULT_ERROR, 0, "N" }, { EK_RESULT_UNKNOWN, 0, "V" },
        { EK_RESULT_INFORMATIONAL, 0, "V" }, { EK_RESULT_FIXED, 0, "N" },
    };
    for (size_t k = 0; k < sizeof feed / sizeof feed[0]; k++)
        ck_ok(ek_checklist_aggregate_add_result(agg, "A2", feed[k].unit, "2025", feed[k].r, feed[k].flags));
    ck_status(ek_checklist_aggregate_add_result(agg, "Q9", NULL, NULL, EK_RESULT_PASS, 0), EK_ENOTFOUND);
    ck_status(ek_checklist_aggregate_add_result(agg, "A2", NULL, NULL, EK_RESULT_INVALID, 0), EK_EINVAL);
    size_t a2;
    ck_ok(ek_checklist_find(cl, "A2", &a2));
    ek_item_counts c = EK_ITEM_COUNTS_INIT;
    ck_ok(ek_checklist_aggregate_counts(agg, a2, EK_ALL_GROUPS, &c));
    ck_assert_uint_eq(c.total, 12);
    ck_assert_uint_eq(c.notapplicable, 1);
    ck_assert_uint_eq(c.denominator, 11);
    ck_assert_uint_eq(c.exclusions, 1);
    ck_assert_uint_eq(c.exceptions, 1);
    ck_assert_uint_eq(c.numerator, 3);
    ck_assert_uint_eq(c.failed, 1);
    ck_assert_uint_eq(c.fixed, 1);
    ck_assert_uint_eq(c.notchecked, 1);
    ck_assert_uint_eq(c.error, 1);
    ck_assert_uint_eq(c.unknown, 1);
    ck_assert_uint_eq(c.informational, 1);
    ck_assert_uint_eq(c.judged, 5);
    ck_assert_int_eq(c.has_rate, 1);
    ck_assert_double_eq_tol(c.rate, 0.6, 1e-12);
    /* the identity of the population model */
    ck_assert_uint_eq(c.denominator, c.exclusions + c.exceptions + c.numerator + c.failed + c.fixed + c.notchecked +
                                         c.error + c.unknown + c.informational + c.notselected);
    ck_assert_uint_eq(ek_checklist_aggregate_group_count(agg), 2);
    const char *unit, *period;
    ck_ok(ek_checklist_aggregate_group(agg, 1, &unit, &period));
    ck_assert_str_eq(unit, "N");
    ck_assert_str_eq(period, "2025");
    ck_ok(ek_checklist_aggregate_counts(agg, a2, 1, &c));
    ck_assert_uint_eq(c.numerator, 1);
    ck_assert_uint_eq(c.judged, 2);
    ck_ok(ek_checklist_aggregate_counts(agg, 0, EK_ALL_GROUPS, &c));
    ck_assert_int_eq(c.has_rate, 0);
    ck_assert_uint_eq(c.total, 0);
    char *js;
    ck_ok(ek_checklist_aggregate_write_json(agg, cl, &js));
    ck_assert(strstr(js, "\"item\": \"A2\", \"total\": 12") != NULL);
    ck_assert(strstr(js, "\"rate\": null") != NULL);
    ek_free(js);
    ek_checklist_aggregate_free(agg);
    ek_checklist_free(cl);
}
END_TEST

/* Every rate carries n judged and its 95 % Wilson interval; below the minimum it is uncertain. */
START_TEST(aggregate_rate_wilson_interval)
{
    double lo = -1, hi = -1;
    ck_ok(ek_wilson_interval(8, 10, &lo, &hi));
    ck_assert_double_eq_tol(lo, 0.4902, 1e-4);
    ck_assert_double_eq_tol(hi, 0.9433, 1e-4);
    ck_ok(ek_wilson_interval(0, 5, &lo, &hi));
    ck_assert_double_eq_tol(lo, 0.0, 1e-12);
    ck_assert_double_eq_tol(hi, 0.4345, 1e-4);
    ck_ok(ek_wilson_interval(5, 5, &lo, &hi));
    ck_assert_double_eq_tol(lo, 0.5655, 1e-4);
    ck_assert_double_eq_tol(hi, 1.0, 1e-12);
    ck_ok(ek_wilson_interval(1, 2, &lo, &hi));
    ck_assert_double_eq_tol(lo, 0.0945, 1e-4);
    ck_assert_double_eq_tol(hi, 0.9055, 1e-4);
    ck_status(ek_wilson_interval(0, 0, &lo, &hi), EK_EINVAL);
    ck_status(ek_wilson_interval(3, 2, &lo, &hi), EK_EINVAL);

    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_checklist_aggregate *agg;
    ck_ok(ek_checklist_aggregate_new(&agg, cl));
    for (int k = 0; k < 10; k++) /* A2: 8 of 10 in unit "N" */
        ck_ok(ek_checklist_aggregate_add_result(agg, "A2", "N", "2025", k < 8 ? EK_RESULT_PASS : EK_RESULT_FAIL, 0));
    for (int k = 0; k < 9; k++) /* A3: 9 of 9, one short of the default minimum */
        ck_ok(ek_checklist_aggregate_add_result(agg, "A3", "N", "2025", EK_RESULT_PASS, 0));
    size_t a2, a3, a1;
    ck_ok(ek_checklist_find(cl, "A2", &a2));
    ck_ok(ek_checklist_find(cl, "A3", &a3));
    ck_ok(ek_checklist_find(cl, "A1", &a1));
    ek_item_counts c = EK_ITEM_COUNTS_INIT;
    ck_ok(ek_checklist_aggregate_counts(agg, a2, EK_ALL_GROUPS, &c));
    ck_assert_uint_eq(c.judged, 10);
    ck_assert_double_eq_tol(c.rate_low, 0.4902, 1e-4);
    ck_assert_double_eq_tol(c.rate_high, 0.9433, 1e-4);
    ck_assert_int_eq(c.uncertain, 0); /* exactly the minimum: certain */
    ck_ok(ek_checklist_aggregate_counts(agg, a3, EK_ALL_GROUPS, &c));
    ck_assert_uint_eq(c.judged, 9);
    ck_assert_int_eq(c.uncertain, 1);
    ck_ok(ek_checklist_aggregate_counts(agg, a1, EK_ALL_GROUPS, &c));
    ck_assert_int_eq(c.has_rate, 0);
    ck_assert_int_eq(c.uncertain, 1);
    ck_assert_double_eq_tol(c.rate_high, 0.0, 1e-12);
    ck_ok(ek_checklist_aggregate_set_min_judged(agg, 9));
    ck_ok(ek_checklist_aggregate_counts(agg, a3, EK_ALL_GROUPS, &c));
    ck_assert_int_eq(c.uncertain, 0);
    ck_status(ek_checklist_aggregate_set_min_judged(NULL, 9), EK_EINVAL);
    /* a caller built against version 1 of the struct gets only its fields */
    struct { ek_item_counts c; } big;
    memset(&big, 0x5a, sizeof big);
    big.c.version = 1;
    ck_ok(ek_checklist_aggregate_counts(agg, a2, EK_ALL_GROUPS, &big.c));
    ck_assert_uint_eq(big.c.judged, 10);
    unsigned char *tail = (unsigned char *)&big.c.rate_low;
    ck_assert_uint_eq(tail[0], 0x5a);
    ek_checklist_aggregate_free(agg);
    ek_checklist_free(cl);
}
END_TEST

/* ---- sampling ------------------------------------------------------------------------------ */

START_TEST(sampling_reproducible)
{
    /* golden values (computed independently; the algorithm is documented in checklist.h) */
    ck_assert(ek_sample_key(0, "") == 0x813f0174a2367c13ULL);
    ck_assert(ek_sample_key(1, "BU-2025-0117") == 0x5087c4aa3e46b9c2ULL);
    ck_assert(ek_sample_key(42, "BU-1") == 0xeeab73cdeadecc99ULL);
    ck_assert(ek_sample_key(2026, "BU-2024-000001") == 0xfb47b8cdf9970ad2ULL);
    const char *ids[10], *rev[10];
    char buf[10][8];
    for (int i = 0; i < 10; i++) {
        snprintf(buf[i], sizeof buf[i], "BU-%d", i);
        ids[i] = buf[i];
        rev[9 - i] = buf[i];
    }
    unsigned char sel[10], sel2[10];
    ck_ok(ek_sample_select(ids, NULL, 10, 3, 7, sel));
    int n = 0;
    for (int i = 0; i < 10; i++)
        n += sel[i];
    ck_assert_int_eq(n, 3);
    ck_assert(sel[6] && sel[5] && sel[7]);
    ck_ok(ek_sample_select(rev, NULL, 10, 3, 7, sel2));  /* order of the input does not matter */
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(sel[i], sel2[9 - i]);
    /* per group */
    const char *groups[10];
    for (int i = 0; i < 10; i++)
        groups[i] = i < 4 ? "V|2025" : "N|2025";
    ck_ok(ek_sample_select(ids, groups, 10, 2, 7, sel));
    int nv = 0, nn = 0;
    for (int i = 0; i < 10; i++) {
        nv += i < 4 && sel[i];
        nn += i >= 4 && sel[i];
    }
    ck_assert_int_eq(nv, 2);
    ck_assert_int_eq(nn, 2);
    /* n larger than a group takes the group */
    ck_ok(ek_sample_select(ids, groups, 10, 100, 7, sel));
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(sel[i], 1);
    ck_ok(ek_sample_select(NULL, NULL, 0, 3, 7, NULL));
}
END_TEST

/* ek_sample_period_label(): the period of a date as check files cases and lex Sarah records (the label of
 * ek_sample_group()), at the boundaries of each period, and its errors. */
START_TEST(sample_period_label_boundaries)
{
    static const struct { int y, m, d; const char *period, *want; } rows[] = {
        { 2025, 1, 1, "year", "2025" },       { 2025, 12, 31, "year", "2025" },
        { 2025, 6, 30, "half", "2025-H1" },   { 2025, 7, 1, "half", "2025-H2" },
        { 2025, 12, 31, "half", "2025-H2" },  { 2025, 1, 1, "half", "2025-H1" },
        { 2025, 3, 31, "quarter", "2025-Q1" }, { 2025, 4, 1, "quarter", "2025-Q2" },
        { 2025, 9, 30, "quarter", "2025-Q3" }, { 2025, 10, 1, "quarter", "2025-Q4" },
        { 2024, 2, 29, "month", "2024-02" },  { 2025, 3, 1, "month", "2025-03" },
        { 2025, 12, 31, "month", "2025-12" }, { 2025, 6, 15, "all", "" },
        { 1953, 1, 1, "quarter", "1953-Q1" }, { 2199, 12, 31, "half", "2199-H2" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ek_date d;
        char buf[EK_SAMPLE_PERIOD_BUFSIZE];
        ck_ok(ek_date_from_ymd(rows[i].y, rows[i].m, rows[i].d, &d));
        ck_ok(ek_sample_period_label(d, rows[i].period, buf, sizeof buf));
        ck_assert_str_eq(buf, rows[i].want);
    }
    char buf[EK_SAMPLE_PERIOD_BUFSIZE] = "x";
    ck_ok(ek_sample_period_label(EK_DATE_NONE, "month", buf, sizeof buf));  /* no date: no period */
    ck_assert_str_eq(buf, "");
    ek_date d;
    ck_ok(ek_date_from_ymd(2025, 7, 1, &d));
    ck_status(ek_sample_period_label(d, "week", buf, sizeof buf), EK_EINVAL);
    ck_msg_has("\"week\"");
    ck_status(ek_sample_period_label(d, "Year", buf, sizeof buf), EK_EINVAL);
    ck_status(ek_sample_period_label(d, NULL, buf, sizeof buf), EK_EINVAL);
    ck_status(ek_sample_period_label(d, "year", NULL, 8), EK_EINVAL);
    ck_status(ek_sample_period_label(d, "year", buf, 0), EK_EINVAL);
    ck_status(ek_sample_period_label(d, "half", buf, 7), EK_ELIMIT);  /* "2025-H2" needs 8 */
    ck_ok(ek_sample_period_label(d, "half", buf, 8));
    ck_assert_str_eq(buf, "2025-H2");
    /* ek_sample_group() ends with the same label */
    ek_case *c = mk_case("P-1");
    char grp[64];
    ev(c, "anmalan_inkom", "2025-07-01");
    ck_ok(ek_sample_group(c, "quarter", grp, sizeof grp));
    ck_assert_str_eq(grp, "|2025-Q3");
    ek_case_free(c);
}
END_TEST

/* ---- results JSON ------------------------------------------------------------------------ */

START_TEST(result_json_line)
{
    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_context *ctx;
    ck_ok(ek_context_new(&ctx));
    ek_checklist_result *res;
    ck_ok(ek_checklist_result_new(&res));
    ek_case *c = mk_case("BU-J");
    ck_ok(ek_case_set_unit(c, "Barn och unga"));
    ev(c, "anmalan_mottagen", "2025-09-01");
    ev(c, "skyddsbedomning", "2025-09-03");
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, ek_t_date("2026-03-01"), res));
    ck_assert_str_eq(ek_checklist_result_case_id(res), "BU-J");
    ck_assert_str_eq(ek_checklist_result_unit(res), "Barn och unga");
    ck_assert(ek_checklist_result_case_date(res) == ek_t_date("2025-09-01"));
    char *js;
    ck_ok(ek_checklist_result_write_json(res, &js));
    ck_assert(strncmp(js, "{\"id\": \"BU-J\", \"unit\": \"Barn och unga\", \"as_of\": \"2026-03-01\", \"results\": [", 75) == 0);
    ck_assert(strstr(js, "{\"item\": \"A1\", \"result\": \"fail\"") != NULL);
    ck_assert(strstr(js, "\"obligation\": \"skyddsbedomning\"") != NULL);
    ck_assert(strchr(js, '\n') == NULL);
    ek_free(js);
    ek_case_free(c);
    ek_checklist_result_free(res);
    ek_context_free(ctx);
    ek_checklist_free(cl);
}
END_TEST

/* ---- the run record (F1) ----------------------------------------------------------------- */

START_TEST(run_record_f1_and_json)
{
    /* F1 passes only when an action that is not blank is documented. */
    ek_run_record r = EK_RUN_RECORD_INIT;
    ck_assert_int_eq(ek_run_record_f1(NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(ek_run_record_f1(&r), EK_RESULT_NOTCHECKED);
    const char *blank[] = { "", " \t\n" };
    r.actions = blank;
    r.action_count = 2;
    ck_assert_int_eq(ek_run_record_f1(&r), EK_RESULT_NOTCHECKED);
    const char *acts[] = { " ", "Rutinen ses över" };
    r.actions = acts;
    ck_assert_int_eq(ek_run_record_f1(&r), EK_RESULT_PASS);

    ek_checklist *cl;
    ck_ok(ek_checklist_new_builtin(&cl));
    ek_checklist_aggregate *agg;
    ck_ok(ek_checklist_aggregate_new(&agg, cl));
    ck_ok(ek_checklist_aggregate_add_result(agg, "F1", NULL, NULL, ek_run_record_f1(&r), 0));
    char path[] = "/tmp/ek_run_record_XXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("abc", f);
    fclose(f);
    const char *files[] = { path, "-", path };
    const char *cases[] = { "{\"id\": \"BU-1\", \"results\": []}" };
    r.reviewer = "kvalitetscontroller 19121212-1212";
    r.made = ek_t_date("2026-03-02");
    r.as_of = ek_t_date("2026-03-01");
    r.checklist = cl;
    r.aggregate = agg;
    r.case_files = files;
    r.case_file_count = 3;
    r.case_results = cases;
    r.case_result_count = 1;
    r.audited = 1;
    char *js = NULL;
    ck_ok(ek_run_record_write_json(&r, &js));
    ck_assert_msg(strncmp(js, "{\"format\": \"egenkontroll/run-1\", \"vem\": \"kvalitetscontroller XXXXXXXX-XXXX\", "
                              "\"nar\": \"2026-03-02\", \"as_of\": \"2026-03-01\", \"checklista\": {\"id\": "
                              "\"egenkontroll-sol\"", 151) == 0, "%s", js);
    char want[512];
    /* sha256("abc") (FIPS 180-2, appendix B.1); standard input: null; each file once. */
    snprintf(want, sizeof want, "\"sha256\": {\"%s\": "
             "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"-\": null}, \"urval\": null, "
             "\"granskade\": 1, \"avvisade\": 0, \"sammanstallning\": {", path);
    ck_assert_msg(strstr(js, want) != NULL, "%s", js);
    ck_assert(strstr(js, "\"fall\": [{\"id\": \"BU-1\", \"results\": []}], \"atgarder\": [{\"beskrivning\": \" \"}, "
                         "{\"beskrivning\": \"Rutinen ses över\"}]}\n") != NULL);
    ck_assert(strstr(js, "{\"item\": \"F1\", \"total\": 1") != NULL);
    ek_free(js);

    /* Errors: a file that cannot be read, a case result that is not an object, an unset version. */
    const char *missing[] = { "/nonexistent/ek-cases.jsonl" };
    r.case_files = missing;
    r.case_file_count = 1;
    js = NULL;
    ck_status(ek_run_record_write_json(&r, &js), EK_EIO);
    ck_assert_str_eq(ek_error_last()->source, "/nonexistent/ek-cases.jsonl");
    ck_assert(js == NULL);
    r.case_file_count = 0;
    const char *bad[] = { "{\"id\": \"BU-1\"}", "[1]" };
    r.case_results = bad;
    r.case_result_count = 2;
    ck_status(ek_run_record_write_json(&r, &js), EK_EINVAL);
    ck_msg_has("case_results[1]");
    r.case_result_count = 1;
    r.version = 0;
    ck_status(ek_run_record_write_json(&r, &js), EK_EINVAL);
    r.version = EK_RUN_RECORD_VERSION;
    r.aggregate = NULL;
    ck_status(ek_run_record_write_json(&r, &js), EK_EINVAL);
    r.aggregate = agg;
    ck_status(ek_run_record_write_json(NULL, &js), EK_EINVAL);
    ck_status(ek_run_record_write_file(&r, "/nonexistent/dir/run.json"), EK_EIO);
    ck_assert_str_eq(ek_error_last()->source, "/nonexistent/dir/run.json");
    /* A digest is never masked, even where it holds a run of digits shaped like a personnummer
     * (sha256("ek-275") contains 9906270300); a file name is, as everywhere in the record. */
    f = fopen(path, "w");
    fputs("ek-275", f);
    fclose(f);
    const char *shaped[] = { path, "/tmp/19121212-1212.jsonl" };
    r.case_files = shaped;
    r.case_file_count = 1;
    r.case_result_count = 0;
    ck_ok(ek_run_record_write_json(&r, &js));
    ck_assert_msg(strstr(js, "\"8c9906270300b66b22aa4d9874aeffd03aa82dc09984975a1409a6ba76dda7ec\"") != NULL, "%s", js);
    ek_free(js);
    r.case_files = shaped + 1;
    ck_status(ek_run_record_write_json(&r, &js), EK_EIO);
    r.case_file_count = 0;
    r.answer_files = shaped + 1;
    r.answer_file_count = 0;
    r.checklist_file = "/tmp/19121212-1212.json";
    ck_status(ek_run_record_write_json(&r, &js), EK_EIO);
    r.checklist_file = NULL;
    ck_ok(ek_run_record_write_file(&r, path));
    f = fopen(path, "r");
    char head[39] = "";
    ck_assert(fgets(head, sizeof head, f) != NULL);
    fclose(f);
    ck_assert_str_eq(head, "{\"format\": \"egenkontroll/run-1\", \"vem\"");
    remove(path);
    ek_checklist_aggregate_free(agg);
    ek_checklist_free(cl);
}
END_TEST

START_TEST(error_line_json)
{
    ek_error e = EK_ERROR_INIT;
    e.status = EK_EPARSE;
    strcpy(e.message, "invalid \"JSON\"\n");  /* the description; the place is in the fields (issue 19) */
    strcpy(e.source, "x.jsonl");
    e.line = 4;
    e.column = 2;
    strcpy(e.record_id, "BU-\xc3"); /* an id cut inside a UTF-8 character */
    char *js = NULL;
    ck_ok(ek_error_write_json(&e, &js));
    /* "error" is the display string (ek_error_format()), as the tool prints it */
    ck_assert_str_eq(js, "{\"id\": \"BU-\xef\xbf\xbd\", \"error\": \"x.jsonl:4:2: invalid \\\"JSON\\\"\\n (case BU-\xef\xbf\xbd)\", "
                         "\"status\": \"EK_EPARSE\", \"source\": \"x.jsonl\", \"line\": 4, \"column\": 2, \"field\": null}");
    ek_free(js);
    ck_status(ek_error_write_json(NULL, &js), EK_EINVAL);
}
END_TEST

/* ---- allocation failures --------------------------------------------------------------- */

static int run_all(ek_t_alloc *st, int *failed)
{
    (void)st;
    ek_checklist *cl = NULL, *ext = NULL;
    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ek_checklist_result *res = NULL;
    ek_checklist_aggregate *agg = NULL;
    ek_delegation *d = NULL;
    int rc;
    const char *json = "{\"format\": \"egenkontroll/checklist-1\", \"id\": \"e\", \"version\": \"1\", \"extends\": "
                       "\"builtin\", \"definitions\": {\"x\": {\"value\": true}}, \"items\": [{\"id\": \"X1\", "
                       "\"title\": \"t\", \"kind\": \"C\", \"basis\": [{\"ref\": \"r\"}], \"criterion\": {\"all\": "
                       "[{\"ref\": \"x\"}, {\"event\": {\"type\": \"besok\", \"for\": \"every\", \"where\": {\"attr\": "
                       "{\"key\": \"enskilt_samtal\", \"in\": [true]}}}}]}}]}";
    const char *djson = "{\"format\": \"egenkontroll/delegation-1\", \"kommun\": \"K\", \"beslut\": "
                        "{\"beslut_vard\": [\"utskott\", \"namnd\"], \"overvagande\": [\"utskott\"]}}";
#define TRY(call) do { rc = (call); if (rc == EK_ENOMEM) { *failed = 1; goto out; } \
    ck_assert_msg(rc == EK_OK, "%s: %s", #call, ek_error_last()->message); } while (0)
    TRY(ek_checklist_new_builtin(&cl));
    TRY(ek_checklist_load_json_string(&ext, json, strlen(json), "ext.json"));
    TRY(ek_delegation_load_json_string(&d, djson, strlen(djson), "d.json"));
    TRY(ek_context_new(&ctx));
    TRY(ek_case_new(&c, "BU-A"));
    size_t i;
    TRY(ek_case_add_event(c, "anmalan_mottagen", ek_t_date("2025-09-01"), &i));
    TRY(ek_case_add_event(c, "beslut_vard", ek_t_date("2025-09-20"), &i));
    TRY(ek_case_event_set_string(c, i, "beslutsfattare", "socialsekreterare"));
    TRY(ek_case_add_event(c, "placering_verkstalld", ek_t_date("2025-10-01"), &i));
    TRY(ek_case_event_set_string(c, i, "placeringsform", "familjehem"));
    TRY(ek_case_event_set_string(c, i, "grund", "sol"));
    TRY(ek_case_add_event(c, "besok", ek_t_date("2025-12-01"), &i));
    TRY(ek_checklist_result_new(&res));
    TRY(ek_checklist_evaluate(ctx, cl, c, d, ek_t_date("2026-03-01"), res));
    TRY(ek_checklist_evaluate(ctx, ext, c, NULL, ek_t_date("2026-03-01"), res));
    TRY(ek_checklist_aggregate_new(&agg, ext));
    TRY(ek_checklist_aggregate_add(agg, res, "2025"));
    TRY(ek_checklist_aggregate_add_result(agg, "E1", "U", "2025", EK_RESULT_PASS, 0));
    char *js = NULL;
    TRY(ek_checklist_result_write_json(res, &js));
    ek_free(js);
    js = NULL;
    TRY(ek_checklist_aggregate_write_json(agg, ext, &js));
    ek_free(js);
    const char *ids[3] = { "a", "b", "c" };
    unsigned char sel[3];
    TRY(ek_sample_select(ids, NULL, 3, 1, 5, sel));
#undef TRY
out:
    ek_checklist_aggregate_free(agg);
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_context_free(ctx);
    ek_delegation_free(d);
    ek_checklist_free(ext);
    ek_checklist_free(cl);
    return rc;
}

START_TEST(allocation_failures)
{
    const char *vg = getenv("EK_UNDER_VALGRIND");
    long step = vg && *vg ? 97 : 1;
    for (int sticky = 0; sticky < 2; sticky++) {
        long n;
        for (n = 1;; n += step) {
            ek_t_alloc st = { 0, n, sticky, 0 };
            ek_t_alloc_install(&st);
            int failed = 0;
            int rc = run_all(&st, &failed);
            ek_t_alloc_uninstall();
            ck_assert_msg(st.live == 0, "fail at %ld (sticky %d): %ld blocks leaked", n, sticky, st.live);
            ck_assert_msg(rc == EK_OK || rc == EK_ENOMEM, "fail at %ld: %s", n, ek_status_name(rc));
            if (!failed && rc == EK_OK)
                break;
            ck_assert_msg(n < 200000, "does not terminate");
        }
        ck_assert_int_gt(n, 50);  /* the loop did exercise failures */
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("checklist");
    TCase *t = tcase_create("truth");
    tcase_add_test(t, truth_tables_every_cell);
    tcase_add_test(t, sample_period_label_boundaries);
    tcase_add_test(t, truth_all_any_commutative_and_associative);
    tcase_add_test(t, truth_result_mapping_every_cell);
    tcase_add_test(t, obligation_status_to_item_result_every_cell);
    tcase_add_test(t, long_swedish_message_kept_whole);
    tcase_add_test(t, predicate_value_to_item_result_every_cell);
    tcase_add_test(t, exception_exclusion_open_question_order);
    suite_add_tcase(s, t);
    t = tcase_create("items");
    tcase_add_test(t, builtin_has_every_item_of_domain_6);
    tcase_add_test(t, basis_of_the_day_per_item);
    tcase_add_test(t, items_behave_as_the_data_file_expects);
    tcase_add_test(t, audit_cases_behave_as_the_data_file_expects);
    tcase_add_test(t, a2_exception_and_d1_law_change);
    tcase_add_test(t, c1_delegation);
    tcase_add_test(t, result_json_line);
    suite_add_tcase(s, t);
    t = tcase_create("loader");
    tcase_add_test(t, checklist_errors_name_the_place);
    tcase_add_test(t, checklist_depth_limit);
    tcase_add_test(t, extend_builtin);
    suite_add_tcase(s, t);
    t = tcase_create("aggregate");
    tcase_add_test(t, aggregate_population_model);
    tcase_add_test(t, aggregate_rate_wilson_interval);
    tcase_add_test(t, sampling_reproducible);
    tcase_add_test(t, run_record_f1_and_json);
    tcase_add_test(t, error_line_json);
    suite_add_tcase(s, t);
    t = tcase_create("alloc");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, allocation_failures);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return ek_t_run(suite());
}
