/* SPDX-License-Identifier: MIT */
/* Suite "case": the case builder (case.h): events, attribute kinds, warnings,
 * reset reuse, stable date order, answers, extras, allocation failures. */
#include <stdio.h>

#include "ek_test.h"

static ek_case *new_case(const char *id)
{
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, id));
    ck_assert_ptr_nonnull(c);
    return c;
}

START_TEST(type_names_round_trip)
{
    /* The known types are 1 … ek_event_type_count(); the last is the last enumerator. */
    size_t n_types = ek_event_type_count();
    ck_assert_uint_eq(n_types, (size_t)EK_EV_BEGARAN_AVGORANDE_BESVARAD);
    for (size_t t = 1; t <= n_types; t++) {
        const char *n = ek_event_type_name((ek_event_type)t);
        ck_assert_ptr_nonnull(n);
        ck_assert_int_eq(ek_event_type_from_name(n), (int)t);
    }
    ck_assert_str_eq(ek_event_type_name((ek_event_type)n_types), "begaran_avgorande_besvarad");
    ck_assert_ptr_null(ek_event_type_name(EK_EV_UNKNOWN));
    ck_assert_ptr_null(ek_event_type_name((ek_event_type)(n_types + 1)));
    ck_assert_ptr_null(ek_event_type_name((ek_event_type)-1));
    ck_assert_int_eq(ek_event_type_from_name("anmalan_mottagen"), EK_EV_ANMALAN_MOTTAGEN);
    ck_assert_int_eq(ek_event_type_from_name("ivo_svar"), EK_EV_IVO_SVAR);
    ck_assert_int_eq(ek_event_type_from_name("lvu_uppfoljning_avslutad"), EK_EV_LVU_UPPFOLJNING_AVSLUTAD);
    ck_assert_int_eq(ek_event_type_from_name("anmalan"), EK_EV_UNKNOWN);
    ck_assert_int_eq(ek_event_type_from_name(""), EK_EV_UNKNOWN);
    ck_assert_int_eq(ek_event_type_from_name(NULL), EK_EV_UNKNOWN);
}
END_TEST

START_TEST(new_requires_id)
{
    ek_case *c = NULL;
    ck_status(ek_case_new(&c, NULL), EK_EINVAL);
    ck_status(ek_case_new(&c, ""), EK_EINVAL);
    ck_status(ek_case_new(NULL, "X"), EK_EINVAL);
    ck_assert_ptr_null(c);
    ek_case_free(NULL);
}
END_TEST

START_TEST(builder_basics)
{
    ek_case *c = new_case("BU-2025-0117");
    ck_assert_str_eq(ek_case_id(c), "BU-2025-0117");
    ck_assert_ptr_null(ek_case_unit(c));
    ck_assert(ek_case_birth_date(c) == EK_DATE_NONE);
    ck_ok(ek_case_set_unit(c, "Barn och unga"));
    ck_assert_str_eq(ek_case_unit(c), "Barn och unga");
    ck_ok(ek_case_set_unit(c, NULL));
    ck_assert_ptr_null(ek_case_unit(c));
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2014-03-09")));
    ck_assert(ek_case_birth_date(c) == ek_t_date("2014-03-09"));
    ck_status(ek_case_set_birth_date(c, EK_DATE_MAX + 1), EK_ERANGE);
    ck_assert(ek_case_birth_date(c) == ek_t_date("2014-03-09"));

    size_t i = 99;
    ck_ok(ek_case_add_event(c, "anmalan_mottagen", ek_t_date("2025-09-01"), &i));
    ck_assert_uint_eq(i, 0);
    ck_ok(ek_case_event_set_string(c, 0, "anmalare", "skola"));
    ck_ok(ek_case_event_set_bool(c, 0, "avser_vald", 0));
    ck_ok(ek_case_event_set_id(c, 0, "e1"));
    ck_ok(ek_case_add_event(c, "utredning_forlangd", ek_t_date("2025-12-01"), &i));
    ck_assert_uint_eq(i, 1);
    ck_ok(ek_case_event_set_date(c, 1, "ny_slutdag", ek_t_date("2026-03-01")));
    ck_ok(ek_case_event_set_ref(c, 1, "e1"));
    ck_assert_uint_eq(ek_case_event_count(c), 2);
    ck_assert_uint_eq(ek_case_warning_count(c), 0);

    ek_event_info e = EK_EVENT_INFO_INIT;
    ck_ok(ek_case_event(c, 0, &e));
    ck_assert_int_eq(e.type, EK_EV_ANMALAN_MOTTAGEN);
    ck_assert_str_eq(e.type_name, "anmalan_mottagen");
    ck_assert_str_eq(e.id, "e1");
    ck_assert_ptr_null(e.ref);
    ck_assert_uint_eq(e.attr_count, 2);
    ck_ok(ek_case_event(c, 1, &e));
    ck_assert_str_eq(e.ref, "e1");
    ck_assert_ptr_null(e.id);
    ck_assert(e.date == ek_t_date("2025-12-01"));
    ck_ok(ek_case_event_set_ref(c, 1, NULL));
    ck_ok(ek_case_event(c, 1, &e));
    ck_assert_ptr_null(e.ref);
    ck_status(ek_case_event(c, 2, &e), EK_ERANGE);
    e.version = 77;
    ck_status(ek_case_event(c, 0, &e), EK_EVERSION);
    e.version = EK_EVENT_INFO_VERSION;

    const char *s = NULL;
    int b = -1;
    ek_date d = 0;
    ck_ok(ek_case_event_get_string(c, 0, "anmalare", &s));
    ck_assert_str_eq(s, "skola");
    ck_ok(ek_case_event_get_bool(c, 0, "avser_vald", &b));
    ck_assert_int_eq(b, 0);
    ck_ok(ek_case_event_get_date(c, 1, "ny_slutdag", &d));
    ck_assert(d == ek_t_date("2026-03-01"));
    ck_status(ek_case_event_get_string(c, 0, "nope", &s), EK_ENOTFOUND);
    ck_status(ek_case_event_get_bool(c, 0, "anmalare", &b), EK_EINVAL);
    ck_status(ek_case_event_get_string(c, 5, "anmalare", &s), EK_ERANGE);

    /* attributes in the order set; a key set twice keeps its place and the last value */
    ck_ok(ek_case_event_set_bool(c, 0, "avser_vald", 1));
    ek_attr_info a = EK_ATTR_INFO_INIT;
    ck_ok(ek_case_event_attr(c, 0, 0, &a));
    ck_assert_str_eq(a.key, "anmalare");
    ck_assert_int_eq(a.kind, EK_ATTR_STRING);
    ck_assert_str_eq(a.string, "skola");
    ck_ok(ek_case_event_attr(c, 0, 1, &a));
    ck_assert_str_eq(a.key, "avser_vald");
    ck_assert_int_eq(a.kind, EK_ATTR_BOOL);
    ck_assert_int_eq(a.boolean, 1);
    ck_assert_ptr_null(a.string);
    ck_status(ek_case_event_attr(c, 0, 2, &a), EK_ERANGE);
    ck_ok(ek_case_event(c, 0, &e));
    ck_assert_uint_eq(e.attr_count, 2);
    ek_case_free(c);
}
END_TEST

START_TEST(kinds_and_values_validated)
{
    ek_case *c = new_case("BU-K");
    size_t i;
    ck_ok(ek_case_add_event(c, "anmalan_mottagen", ek_t_date("2025-09-01"), &i));
    ck_status(ek_case_event_set_string(c, i, "avser_vald", "ja"), EK_EINVAL);
    ck_msg_has("BU-K");
    ck_msg_has("events[0].avser_vald");
    ck_assert_str_eq(ek_error_last()->record_id, "BU-K");
    ck_assert_str_eq(ek_error_last()->field, "events[0].avser_vald");
    ck_status(ek_case_event_set_raw(c, i, "avser_vald", "1"), EK_EINVAL);

    ck_ok(ek_case_add_event(c, "utredning_avslutad", ek_t_date("2025-12-01"), &i));
    ck_ok(ek_case_event_set_string(c, i, "barnets_asikt", "skal_dokumenterat"));
    ck_status(ek_case_event_set_string(c, i, "barnets_asikt", "kanske"), EK_EINVAL);
    ck_msg_has("dokumenterad|skal_dokumenterat|saknas");
    ck_msg_has("events[1].barnets_asikt");
    const char *s;
    ck_ok(ek_case_event_get_string(c, i, "barnets_asikt", &s));
    ck_assert_str_eq(s, "skal_dokumenterat"); /* unchanged by the failed set */
    ck_status(ek_case_event_set_string(c, i, "utfall", "kanske"), EK_EINVAL);
    ck_ok(ek_case_event_set_string(c, i, "utfall", "ingen_insats"));
    ck_status(ek_case_event_set_bool(c, i, "utfall", 1), EK_EINVAL);

    ck_ok(ek_case_add_event(c, "utredning_forlangd", ek_t_date("2025-12-02"), &i));
    ck_status(ek_case_event_set_string(c, i, "ny_slutdag", "2026-01-01"), EK_EINVAL);
    ck_status(ek_case_event_set_date(c, i, "ny_slutdag", EK_DATE_MIN - 1), EK_ERANGE);
    ck_ok(ek_case_add_event(c, "familjehemsutredning_klar", ek_t_date("2025-12-03"), &i));
    ck_status(ek_case_event_set_string(c, i, "utredd_av", "tredje"), EK_EINVAL);
    ck_ok(ek_case_event_set_string(c, i, "utredd_av", "annan"));
    ck_ok(ek_case_add_event(c, "placering_verkstalld", ek_t_date("2025-12-04"), &i));
    ck_status(ek_case_event_set_string(c, i, "grund", "lvu1"), EK_EINVAL);
    ck_status(ek_case_event_set_string(c, i, "placeringsform", "hotell"), EK_EINVAL);
    ck_ok(ek_case_event_set_string(c, i, "grund", "lvu3"));
    ck_ok(ek_case_event_set_string(c, i, "placeringsform", "hvb"));
    ck_ok(ek_case_add_event(c, "samtal_med_barnet", ek_t_date("2025-12-05"), &i));
    ck_status(ek_case_event_set_string(c, i, "enskilt", "true"), EK_EINVAL);
    ck_ok(ek_case_event_set_bool(c, i, "enskilt", 7));
    int b;
    ck_ok(ek_case_event_get_bool(c, i, "enskilt", &b));
    ck_assert_int_eq(b, 1);
    /* type/date/id/ref are not attributes */
    ck_status(ek_case_event_set_string(c, i, "date", "x"), EK_EINVAL);
    ck_status(ek_case_event_set_string(c, i, "", "x"), EK_EINVAL);
    ck_status(ek_case_event_set_string(c, i, "x", NULL), EK_EINVAL);
    ck_assert_uint_eq(ek_case_warning_count(c), 0);

    ek_attr_kind kind;
    const char *values;
    int req;
    ck_ok(ek_event_attr_spec(EK_EV_IVO_BESLUT, "svar_senast", &kind, &values, &req));
    ck_assert_int_eq(kind, EK_ATTR_DATE);
    ck_assert_ptr_null(values);
    ck_assert_int_eq(req, 1);
    ck_ok(ek_event_attr_spec(EK_EV_BESLUT_VARD, "grund", &kind, &values, &req));
    ck_assert_str_eq(values, "sol|lvu2|lvu3");
    ck_assert_int_eq(req, 0);
    ck_status(ek_event_attr_spec(EK_EV_BESLUT_VARD, "nope", &kind, &values, &req), EK_ENOTFOUND);
    ek_case_free(c);
}
END_TEST

START_TEST(unknown_types_and_keys_warn)
{
    ek_case *c = new_case("BU-W");
    size_t i;
    ck_ok(ek_case_add_event(c, "telefonsamtal", ek_t_date("2025-09-01"), &i));
    ck_assert_uint_eq(ek_case_warning_count(c), 1);
    ck_assert_ptr_nonnull(strstr(ek_case_warning(c, 0), "telefonsamtal"));
    ek_event_info e = EK_EVENT_INFO_INIT;
    ck_ok(ek_case_event(c, i, &e));
    ck_assert_int_eq(e.type, EK_EV_UNKNOWN);
    ck_assert_str_eq(e.type_name, "telefonsamtal");
    /* keys of an unknown type: kept, no extra warning per key */
    ck_ok(ek_case_event_set_string(c, i, "med", "skola"));
    ck_assert_uint_eq(ek_case_warning_count(c), 1);

    ck_ok(ek_case_add_event(c, "besok", ek_t_date("2025-09-02"), &i));
    ck_ok(ek_case_event_set_raw(c, i, "plats", "{\"ort\": \"X\"}"));
    ck_ok(ek_case_event_set_string(c, i, "ovrigt", "y"));
    ck_assert_uint_eq(ek_case_warning_count(c), 3);
    ck_assert_ptr_nonnull(strstr(ek_case_warning(c, 1), "plats"));
    ck_assert_ptr_nonnull(strstr(ek_case_warning(c, 1), "events[1]"));
    ck_ok(ek_case_event_set_string(c, i, "ovrigt", "z")); /* replaced: no second warning */
    ck_assert_uint_eq(ek_case_warning_count(c), 3);
    ck_assert_ptr_null(ek_case_warning(c, 3));
    ek_attr_info a = EK_ATTR_INFO_INIT;
    ck_ok(ek_case_event_attr(c, i, 0, &a));
    ck_assert_int_eq(a.kind, EK_ATTR_RAW);
    ck_assert_str_eq(a.string, "{\"ort\": \"X\"}");
    ck_ok(ek_case_add_warning(c, "own warning"));
    ck_assert_str_eq(ek_case_warning(c, 3), "own warning");
    ek_case_free(c);
}
END_TEST

START_TEST(date_order_is_stable)
{
    ek_case *c = new_case("BU-ORD");
    /* dates (days after 2025-01-01) in the order added */
    static const int off[] = { 5, 1, 5, 0, 9, 1, 5, 0, 3 };
    const size_t n = sizeof off / sizeof off[0];
    ek_date base = ek_t_date("2025-01-01");
    for (size_t k = 0; k < n; k++)
        ck_ok(ek_case_add_event(c, "besok", base + off[k], NULL));
    static const size_t want[] = { 3, 7, 1, 5, 8, 0, 2, 6, 4 };
    for (size_t k = 0; k < n; k++) {
        size_t idx;
        ck_ok(ek_case_event_in_date_order(c, k, &idx));
        ck_assert_uint_eq(idx, want[k]);
    }
    size_t idx;
    ck_status(ek_case_event_in_date_order(c, n, &idx), EK_ERANGE);
    ek_case_free(c);
}
END_TEST

START_TEST(date_order_many)
{
    ek_case *c = new_case("BU-MANY");
    ek_date base = ek_t_date("2020-01-01");
    for (int k = 0; k < 2000; k++)
        ck_ok(ek_case_add_event(c, "besok", base + (k * 7919) % 97, NULL));
    ek_date prev = EK_DATE_MIN;
    size_t prev_idx = 0;
    for (size_t k = 0; k < 2000; k++) {
        size_t idx;
        ek_event_info e = EK_EVENT_INFO_INIT;
        ck_ok(ek_case_event_in_date_order(c, k, &idx));
        ck_ok(ek_case_event(c, idx, &e));
        ck_assert(e.date >= prev);
        if (k > 0 && e.date == prev)
            ck_assert_uint_gt(idx, prev_idx);
        prev = e.date;
        prev_idx = idx;
    }
    ek_case_free(c);
}
END_TEST

START_TEST(add_event_rejects)
{
    ek_case *c = new_case("BU-R");
    ck_status(ek_case_add_event(c, "besok", EK_DATE_NONE, NULL), EK_EINVAL);
    ck_status(ek_case_add_event(c, "besok", EK_DATE_MAX + 1, NULL), EK_ERANGE);
    ck_msg_has("events[0].date");
    ck_status(ek_case_add_event(c, "", 0, NULL), EK_EINVAL);
    ck_status(ek_case_add_event(c, NULL, 0, NULL), EK_EINVAL);
    ck_status(ek_case_add_event(NULL, "besok", 0, NULL), EK_EINVAL);
    ck_assert_uint_eq(ek_case_event_count(c), 0);
    ck_status(ek_case_event_set_string(c, 0, "k", "v"), EK_ERANGE);
    ek_case_free(c);
}
END_TEST

START_TEST(validate_required)
{
    ek_case *c = new_case("BU-V");
    size_t i;
    ck_ok(ek_case_validate(c));
    ck_ok(ek_case_add_event(c, "anmalan_mottagen", ek_t_date("2025-09-01"), NULL));
    ck_ok(ek_case_add_event(c, "ivo_beslut", ek_t_date("2025-09-02"), &i));
    ck_status(ek_case_validate(c), EK_EINVAL);
    ck_msg_has("svar_senast");
    ck_assert_str_eq(ek_error_last()->field, "events[1].svar_senast");
    ck_assert_str_eq(ek_error_last()->record_id, "BU-V");
    ck_ok(ek_case_event_set_date(c, i, "svar_senast", ek_t_date("2025-10-01")));
    ck_ok(ek_case_validate(c));
    ck_ok(ek_case_add_event(c, "placering_verkstalld", ek_t_date("2025-09-03"), &i));
    ck_ok(ek_case_event_set_string(c, i, "grund", "sol"));
    ck_status(ek_case_validate(c), EK_EINVAL);
    ck_assert_str_eq(ek_error_last()->field, "events[2].placeringsform");
    ck_ok(ek_case_event_set_string(c, i, "placeringsform", "familjehem"));
    ck_ok(ek_case_validate(c));
    ck_ok(ek_case_add_event(c, "familjehemsutredning_klar", ek_t_date("2025-09-04"), NULL));
    ck_status(ek_case_validate(c), EK_EINVAL);
    ck_assert_str_eq(ek_error_last()->field, "events[3].hem");
    ek_case_free(c);
    ck_status(ek_case_validate(NULL), EK_EINVAL);
}
END_TEST

START_TEST(answers)
{
    ek_case *c = new_case("BU-A");
    ck_ok(ek_case_add_answer(c, "B4", EK_RESULT_PASS, "kvalitetscontroller", ek_t_date("2025-11-02"), NULL));
    ck_ok(ek_case_add_answer(c, "C1", EK_RESULT_NOTAPPLICABLE, NULL, EK_DATE_NONE, "ej aktuellt"));
    ck_status(ek_case_add_answer(c, "C2", EK_RESULT_ERROR, NULL, EK_DATE_NONE, NULL), EK_EINVAL);
    ck_status(ek_case_add_answer(c, "C2", EK_RESULT_UNKNOWN, NULL, EK_DATE_NONE, NULL), EK_EINVAL);
    ck_status(ek_case_add_answer(c, "", EK_RESULT_PASS, NULL, EK_DATE_NONE, NULL), EK_EINVAL);
    ck_status(ek_case_add_answer(c, "C2", EK_RESULT_PASS, NULL, EK_DATE_MAX + 5, NULL), EK_ERANGE);
    ck_assert_uint_eq(ek_case_answer_count(c), 2);
    ek_answer_info a = EK_ANSWER_INFO_INIT;
    ck_ok(ek_case_answer(c, 0, &a));
    ck_assert_str_eq(a.item, "B4");
    ck_assert_int_eq(a.result, EK_RESULT_PASS);
    ck_assert_str_eq(a.reviewer, "kvalitetscontroller");
    ck_assert(a.date == ek_t_date("2025-11-02"));
    ck_assert_ptr_null(a.comment);
    ck_ok(ek_case_answer_set_extra(c, 0, "bilaga", "\"x\""));
    ck_assert_uint_eq(ek_case_answer_extra_count(c, 0), 1);
    /* replacing keeps the slot, drops the extras */
    ck_ok(ek_case_add_answer(c, "B4", EK_RESULT_FAIL, NULL, EK_DATE_NONE, "saknas"));
    ck_assert_uint_eq(ek_case_answer_count(c), 2);
    ck_assert_uint_eq(ek_case_answer_extra_count(c, 0), 0);
    ck_ok(ek_case_find_answer(c, "B4", &a));
    ck_assert_int_eq(a.result, EK_RESULT_FAIL);
    ck_assert_ptr_null(a.reviewer);
    ck_assert_str_eq(a.comment, "saknas");
    ck_assert(a.date == EK_DATE_NONE);
    ck_ok(ek_case_find_answer(c, "C1", &a));
    ck_assert_str_eq(a.comment, "ej aktuellt");
    ck_status(ek_case_find_answer(c, "Z9", &a), EK_ENOTFOUND);
    ck_status(ek_case_answer(c, 2, &a), EK_ERANGE);
    ck_status(ek_case_answer_set_extra(c, 2, "k", "1"), EK_ERANGE);
    a.version = 0;
    ck_status(ek_case_answer(c, 0, &a), EK_EVERSION);
    ek_case_free(c);
}
END_TEST

START_TEST(extras)
{
    ek_case *c = new_case("BU-X");
    ck_ok(ek_case_set_extra(c, "kalla", "\"system-x\""));
    ck_ok(ek_case_set_extra(c, "n", "1"));
    ck_ok(ek_case_set_extra(c, "kalla", "\"system-y\""));
    ck_ok(ek_case_set_child_extra(c, "kon", "\"x\""));
    ck_status(ek_case_set_child_extra(c, "birth_date", "\"2014-01-01\""), EK_EINVAL);
    ck_status(ek_case_set_extra(c, "k", NULL), EK_EINVAL);
    ck_assert_uint_eq(ek_case_extra_count(c), 2);
    ck_assert_uint_eq(ek_case_child_extra_count(c), 1);
    const char *k, *j;
    ck_ok(ek_case_extra(c, 0, &k, &j));
    ck_assert_str_eq(k, "kalla");
    ck_assert_str_eq(j, "\"system-y\"");
    ck_ok(ek_case_extra(c, 1, &k, &j));
    ck_assert_str_eq(k, "n");
    ck_status(ek_case_extra(c, 2, &k, &j), EK_ERANGE);
    ck_ok(ek_case_child_extra(c, 0, &k, &j));
    ck_assert_str_eq(k, "kon");
    ek_case_free(c);
}
END_TEST

START_TEST(reset_reuses_buffers)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "BU-0"));
    char id[32];
    long after_first = 0;
    for (int round = 0; round < 5; round++) {
        snprintf(id, sizeof id, "BU-%d", round);
        ck_ok(ek_case_reset(c, id));
        ck_assert_str_eq(ek_case_id(c), id);
        ck_assert_uint_eq(ek_case_event_count(c), 0);
        ck_assert_uint_eq(ek_case_warning_count(c), 0);
        ck_assert_uint_eq(ek_case_answer_count(c), 0);
        ck_assert_uint_eq(ek_case_extra_count(c), 0);
        ck_assert_ptr_null(ek_case_unit(c));
        ck_assert(ek_case_birth_date(c) == EK_DATE_NONE);
        ck_ok(ek_case_set_unit(c, "Barn och unga"));
        for (int k = 0; k < 50; k++) {
            size_t i;
            ck_ok(ek_case_add_event(c, k % 7 ? "besok" : "okand_typ", ek_t_date("2025-01-01") + 50 - k, &i));
            ck_ok(ek_case_event_set_bool(c, i, "enskilt_samtal", k & 1));
            ck_ok(ek_case_event_set_string(c, i, "anteckning", "en ganska lang anteckning om besoket"));
        }
        ck_ok(ek_case_add_answer(c, "B4", EK_RESULT_PASS, "granskare", EK_DATE_NONE, NULL));
        ck_ok(ek_case_set_extra(c, "x", "[1, 2, 3]"));
        if (round == 0)
            after_first = st.count;
    }
    /* rounds 2..5 allocated nothing */
    ck_assert_int_eq(st.count, after_first);
    /* resetting with the case's own id (a string in its arena) is fine */
    ck_ok(ek_case_reset(c, ek_case_id(c)));
    ck_assert_str_eq(ek_case_id(c), "BU-4");
    ck_status(ek_case_reset(c, ""), EK_EINVAL);
    ck_assert_str_eq(ek_case_id(c), "BU-4");
    ek_case_free(c);
    ck_assert_int_eq(st.live, 0);
    ek_t_alloc_uninstall();
}
END_TEST

/* Build a small case fully; every call may fail with EK_ENOMEM only. */
static int build(ek_case *c, int *failed)
{
    size_t i = 0;
    int rc;
#define TRY(call) do { rc = (call); if (rc == EK_ENOMEM) { *failed = 1; return rc; } \
    ck_assert_msg(rc == EK_OK, "%s: %s", #call, ek_error_last()->message); } while (0)
    TRY(ek_case_set_unit(c, "Barn och unga"));
    for (int k = 0; k < 20; k++) {
        TRY(ek_case_add_event(c, k == 3 ? "okand" : "utredning_forlangd", ek_t_date("2025-09-01") + 20 - k, &i));
        TRY(ek_case_event_set_date(c, i, "ny_slutdag", ek_t_date("2026-01-01")));
        TRY(ek_case_event_set_string(c, i, "ovrigt", "text som tar plats i arenan, gang pa gang"));
        TRY(ek_case_event_set_id(c, i, "id"));
    }
    TRY(ek_case_add_answer(c, "B4", EK_RESULT_PASS, "r", EK_DATE_NONE, "c"));
    TRY(ek_case_add_warning(c, "w"));
    TRY(ek_case_set_extra(c, "k", "1"));
#undef TRY
    return EK_OK;
}

START_TEST(allocation_failures)
{
    for (int sticky = 0; sticky <= 1; sticky++) {
        for (long n = 1; n < 200; n++) {
            ek_t_alloc st = { 0, n, sticky, 0 };
            ek_t_alloc_install(&st);
            ek_case *c = NULL;
            int rc = ek_case_new(&c, "BU-OOM");
            if (rc != EK_OK) {
                ck_assert_int_eq(rc, EK_ENOMEM);
                ck_assert_ptr_null(c);
                ek_t_alloc_uninstall();
                ck_assert_int_eq(st.live, 0);
                continue;
            }
            int failed = 0;
            size_t before = 0;
            rc = build(c, &failed);
            if (failed) {
                /* the case is still consistent and usable once memory is back */
                before = ek_case_event_count(c);
                st.fail_at = 0;
                ck_ok(ek_case_add_event(c, "besok", ek_t_date("2025-01-01"), NULL));
                ck_assert_uint_eq(ek_case_event_count(c), before + 1);
                for (size_t k = 0; k <= before; k++) {
                    size_t idx;
                    ek_event_info e = EK_EVENT_INFO_INIT;
                    ck_ok(ek_case_event_in_date_order(c, k, &idx));
                    ck_ok(ek_case_event(c, idx, &e));
                }
                ck_ok(ek_case_reset(c, "BU-AGAIN"));
                ck_assert_int_eq(build(c, &failed), EK_OK);
            }
            ek_case_free(c);
            ek_t_alloc_uninstall();
            ck_assert_msg(st.live == 0, "leak after failing allocation %ld (sticky %d)", n, sticky);
            if (!failed && rc == EK_OK && n > st.count)
                break;
        }
    }
}
END_TEST

START_TEST(reset_allocation_failure_keeps_case)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "BU-1"));
    ck_ok(ek_case_add_event(c, "besok", ek_t_date("2025-01-01"), NULL));
    char big[4096];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    st.fail_at = st.count + 1;
    ck_status(ek_case_reset(c, big), EK_ENOMEM);
    ck_assert_str_eq(ek_case_id(c), "BU-1");
    ck_assert_uint_eq(ek_case_event_count(c), 1);
    st.fail_at = 0;
    ck_ok(ek_case_reset(c, big));
    ck_assert_str_eq(ek_case_id(c), big);
    ek_case_free(c);
    ek_t_alloc_uninstall();
    ck_assert_int_eq(st.live, 0);
}
END_TEST

static Suite *case_suite(void)
{
    Suite *s = suite_create("case");
    TCase *t = tcase_create("builder");
    tcase_add_test(t, type_names_round_trip);
    tcase_add_test(t, new_requires_id);
    tcase_add_test(t, builder_basics);
    tcase_add_test(t, kinds_and_values_validated);
    tcase_add_test(t, unknown_types_and_keys_warn);
    tcase_add_test(t, date_order_is_stable);
    tcase_add_test(t, date_order_many);
    tcase_add_test(t, add_event_rejects);
    tcase_add_test(t, validate_required);
    tcase_add_test(t, answers);
    tcase_add_test(t, extras);
    suite_add_tcase(s, t);
    TCase *m = tcase_create("memory");
    tcase_add_test(m, reset_reuses_buffers);
    tcase_add_test(m, allocation_failures);
    tcase_add_test(m, reset_allocation_failure_keeps_case);
    suite_add_tcase(s, m);
    return s;
}

int main(void) { return ek_t_run(case_suite()); }
