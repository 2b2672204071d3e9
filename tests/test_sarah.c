/* SPDX-License-Identifier: MIT */
/* Check suite for lex Sarah records: lifecycle, process order, frozen IVO report, history,
 * E1 time limits at every boundary, E2, JSON reading/writing, summary, allocation failures. */
#include <stdio.h>
#include <string.h>

#include "ek_test.h"

#define D(s) ek_t_date(s)

static ek_sarah_change chg(const char *date)
{
    ek_sarah_change c = EK_SARAH_CHANGE_INIT;
    c.date = D(date);
    c.who = "enhetschef";
    return c;
}

/* A record created with rapport on @rapport. */
static ek_sarah_record *rec_new(const char *id, const char *rapport)
{
    ek_sarah_record *r = NULL;
    ck_ok(ek_sarah_record_new(&r, id, EK_SARAH_TYP_MISSFORHALLANDE, D(rapport)));
    return r;
}

/* Drive a record into @state (rapport 2025-09-01, one day per step) with allvarlig @allv. */
static ek_sarah_record *rec_in_state(ek_sarah_state state, ek_sarah_tri allv)
{
    ek_sarah_record *r = rec_new("LS-T", "2025-09-01");
    ek_sarah_change c = chg("2025-09-02");
    if (state >= EK_SARAH_STATE_REGISTRERAD)
        ck_ok(ek_sarah_record_transition(r, EK_SARAH_STATE_REGISTRERAD, D("2025-09-02"), &c));
    c.date = D("2025-09-03");
    if (state >= EK_SARAH_STATE_UNDER_UTREDNING)
        ck_ok(ek_sarah_record_transition(r, EK_SARAH_STATE_UNDER_UTREDNING, D("2025-09-03"), &c));
    c.date = D("2025-09-04");
    if (state >= EK_SARAH_STATE_BEDOMD) {
        ck_ok(ek_sarah_record_set_allvarlig(r, state == EK_SARAH_STATE_BEDOMD ? allv : EK_SARAH_YES, &c));
        ck_ok(ek_sarah_record_transition(r, EK_SARAH_STATE_BEDOMD, D("2025-09-04"), &c));
    }
    c.date = D("2025-09-05");
    if (state >= EK_SARAH_STATE_ANMALD_IVO)
        ck_ok(ek_sarah_record_transition(r, EK_SARAH_STATE_ANMALD_IVO, D("2025-09-05"), &c));
    c.date = D("2025-09-06");
    if (state >= EK_SARAH_STATE_AVSLUTAD)
        ck_ok(ek_sarah_record_transition(r, EK_SARAH_STATE_AVSLUTAD, D("2025-09-06"), &c));
    ck_assert_int_eq(ek_sarah_record_state(r), state);
    return r;
}

/* ---- lifecycle ------------------------------------------------------------------------ */

/* The documented table (sarah.h): allowed[from][to]. */
static const int allowed[7][7] = {
    [1] = { [2] = 1, [3] = 1 },
    [2] = { [3] = 1 },
    [3] = { [4] = 1 },
    [4] = { [5] = 1, [6] = 1 },
    [5] = { [6] = 1 },
};

START_TEST(transition_table)
{
    for (int f = 0; f <= 7; f++)
        for (int t = 0; t <= 7; t++) {
            int want = (f >= 1 && f <= 6 && t >= 1 && t <= 6) ? allowed[f][t] : 0;
            ck_assert_msg(ek_sarah_transition_allowed((ek_sarah_state)f, (ek_sarah_state)t) == want,
                          "allowed(%d, %d) should be %d", f, t, want);
        }
}
END_TEST

/* Every (from, to) pair on a real record: allowed ones succeed, the others are EK_ESTATE naming both states. */
START_TEST(transition_every_pair)
{
    for (int f = 1; f <= 6; f++)
        for (int t = 1; t <= 6; t++) {
            ek_sarah_tri allv = t == EK_SARAH_STATE_AVSLUTAD ? EK_SARAH_NO : EK_SARAH_YES;
            ek_sarah_record *r = rec_in_state((ek_sarah_state)f, allv);
            ek_sarah_change c = chg("2025-12-31");
            if (t == EK_SARAH_STATE_BEDOMD && ek_sarah_record_allvarlig(r) == EK_SARAH_UNKNOWN)
                ck_ok(ek_sarah_record_set_allvarlig(r, EK_SARAH_YES, &c));
            int rc = ek_sarah_record_transition(r, (ek_sarah_state)t, D("2025-09-10"), &c);
            if (allowed[f][t]) {
                ck_assert_msg(rc == EK_OK, "%d -> %d: %s", f, t, ek_error_last()->message);
                ck_assert_int_eq(ek_sarah_record_state(r), t);
            } else {
                ck_assert_msg(rc == EK_ESTATE, "%d -> %d returned %s", f, t, ek_status_name(rc));
                char want[80];
                snprintf(want, sizeof want, "from %s to %s", ek_sarah_state_name((ek_sarah_state)f),
                         ek_sarah_state_name((ek_sarah_state)t));
                ck_msg_has(want);
                ck_assert_int_eq(ek_sarah_record_state(r), f);
            }
            ek_sarah_record_free(r);
        }
}
END_TEST

START_TEST(transition_allvarlig_conditions)
{
    ek_sarah_change c = chg("2025-12-31");
    ek_sarah_record *r = rec_in_state(EK_SARAH_STATE_UNDER_UTREDNING, EK_SARAH_UNKNOWN);
    ck_status(ek_sarah_record_transition(r, EK_SARAH_STATE_BEDOMD, D("2025-09-04"), &c), EK_ESTATE);
    ck_msg_has("allvarlig");
    ek_sarah_record_free(r);

    r = rec_in_state(EK_SARAH_STATE_BEDOMD, EK_SARAH_NO);
    ck_status(ek_sarah_record_transition(r, EK_SARAH_STATE_ANMALD_IVO, D("2025-09-05"), &c), EK_ESTATE);
    ck_msg_has("allvarlig true");
    ek_sarah_record_free(r);

    r = rec_in_state(EK_SARAH_STATE_BEDOMD, EK_SARAH_YES);
    ck_status(ek_sarah_record_transition(r, EK_SARAH_STATE_AVSLUTAD, D("2025-09-05"), &c), EK_ESTATE);
    ck_msg_has("reported to IVO");
    ek_sarah_record_free(r);
}
END_TEST

START_TEST(process_order_names_both_dates)
{
    ek_sarah_record *r = rec_in_state(EK_SARAH_STATE_UNDER_UTREDNING, EK_SARAH_UNKNOWN);
    ek_sarah_change c = chg("2025-12-31");
    ck_ok(ek_sarah_record_set_allvarlig(r, EK_SARAH_NO, &c));
    ck_status(ek_sarah_record_transition(r, EK_SARAH_STATE_BEDOMD, D("2025-08-30"), &c), EK_ECONFLICT);
    ck_msg_has("bedomd 2025-08-30 is before rapport 2025-09-01");
    ck_assert_str_eq(ek_error_last()->field, "datum.bedomd");
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_HANDELSE, D("2025-09-02"), &c), EK_ECONFLICT);
    ck_msg_has("rapport 2025-09-01 is before handelse 2025-09-02");
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_AVSLUTAD, D("2025-09-02"), &c), EK_ECONFLICT);
    ck_msg_has("avslutad 2025-09-02 is before utredning_inledd 2025-09-03");
    /* a date cannot be recorded before it happened */
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_BEDOMD, D("2026-01-10"), &c), EK_ECONFLICT);
    ck_msg_has("after the change date");
    /* history in time order */
    ek_sarah_change back = chg("2025-09-01");
    ck_status(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "x", &back), EK_ECONFLICT);
    ck_msg_has("before the last history entry");
    /* rapport cannot be cleared; unchanged record */
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_RAPPORT, EK_DATE_NONE, &c), EK_EINVAL);
    ck_assert(ek_sarah_record_date(r, EK_SARAH_BEDOMD) == EK_DATE_NONE);
    ck_ok(ek_sarah_record_validate(r));
    ek_sarah_record_free(r);
}
END_TEST

/* ---- frozen IVO report and amendments ---------------------------------------------------- */

START_TEST(frozen_ivo_report)
{
    ek_sarah_record *r = rec_in_state(EK_SARAH_STATE_BEDOMD, EK_SARAH_YES);
    ek_sarah_change c = chg("2025-10-01");
    ck_ok(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "rattssakerhet_handlaggning", &c));
    ck_status(ek_sarah_record_add_amendment(r, "kategori", "rättelse", &c), EK_ESTATE); /* no report yet */
    ck_ok(ek_sarah_record_transition(r, EK_SARAH_STATE_ANMALD_IVO, D("2025-09-20"), &c));
    size_t nh = ek_sarah_record_history_count(r);
    ek_sarah_change later = chg("2025-10-05");
    ck_status(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "overgrepp", &later), EK_ESTATE);
    ck_msg_has("cannot be changed");
    ck_status(ek_sarah_record_set_text(r, EK_SARAH_UNIT, "HVB", &later), EK_ESTATE);
    ck_status(ek_sarah_record_set_text(r, EK_SARAH_RAPPORTOR, "x", &later), EK_ESTATE);
    ck_status(ek_sarah_record_set_typ(r, EK_SARAH_TYP_PATAGLIG_RISK, &later), EK_ESTATE);
    ck_status(ek_sarah_record_set_allvarlig(r, EK_SARAH_NO, &later), EK_ESTATE);
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_HANDELSE, D("2025-08-01"), &later), EK_ESTATE);
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_RAPPORT, D("2025-08-31"), &later), EK_ESTATE);
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_BEDOMD, D("2025-09-05"), &later), EK_ESTATE);
    ck_status(ek_sarah_record_set_date(r, EK_SARAH_ANMALD_IVO, D("2025-09-21"), &later), EK_ESTATE);
    ck_assert_uint_eq(ek_sarah_record_history_count(r), nh);
    ck_assert_str_eq(ek_sarah_record_text(r, EK_SARAH_KATEGORI), "rattssakerhet_handlaggning");
    /* the investigation, measures, later dates and IVO's answer stay editable */
    ck_ok(ek_sarah_record_set_element(r, EK_SARAH_EL_ORSAKER, EK_SARAH_YES, &later));
    ck_ok(ek_sarah_record_set_text(r, EK_SARAH_IVO_DIARIENUMMER, "EX-1", &later));
    ck_ok(ek_sarah_record_set_date(r, EK_SARAH_UTREDNING_TILL_IVO, D("2025-10-05"), &later));
    /* amendments: on or after the report */
    ek_sarah_change before = chg("2025-09-19");
    ek_sarah_record *r2 = NULL;
    ck_ok(ek_sarah_record_clone(r, &r2));
    ck_ok(ek_sarah_record_add_amendment(r, "kategori", "Kategorin ska vara övergrepp.", &later));
    ek_sarah_history_entry h = EK_SARAH_HISTORY_ENTRY_INIT;
    ck_ok(ek_sarah_record_history(r, ek_sarah_record_history_count(r) - 1, &h));
    ck_assert_int_eq(h.kind, EK_SARAH_HIST_KOMPLETTERING);
    ck_assert_str_eq(h.field, "kategori");
    ck_assert_str_eq(h.new_value, "Kategorin ska vara övergrepp.");
    ck_assert(h.date == D("2025-10-05"));
    ek_sarah_record_free(r);
    /* a fresh record reported to IVO on 2025-09-20: an amendment dated the 19th is refused */
    const char *imported = "{\"id\": \"LS-I\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": "
                           "\"2025-09-01\", \"anmald_ivo\": \"2025-09-20\"}, \"allvarlig\": true}";
    ek_sarah_record *r3 = NULL;
    ck_ok(ek_sarah_read_json(&r3, imported, strlen(imported), NULL));
    ck_status(ek_sarah_record_add_amendment(r3, "kategori", "x", &before), EK_ECONFLICT);
    ck_msg_has("before the report to IVO");
    ek_sarah_record_free(r3);
    ek_sarah_record_free(r2);
}
END_TEST

START_TEST(history_entries)
{
    ek_sarah_record *r = rec_new("LS-H", "2025-09-01");
    ek_sarah_change c = chg("2025-09-02");
    ck_ok(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "ovrigt", &c));
    ck_ok(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "ovrigt", &c)); /* no change: no entry */
    ck_ok(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "verksamhetssystem", &c));
    ck_ok(ek_sarah_record_set_date(r, EK_SARAH_REGISTRERAD, D("2025-09-02"), &c));
    ck_assert_uint_eq(ek_sarah_record_history_count(r), 3);
    ek_sarah_history_entry h = EK_SARAH_HISTORY_ENTRY_INIT;
    ck_ok(ek_sarah_record_history(r, 1, &h));
    ck_assert_int_eq(h.kind, EK_SARAH_HIST_ANDRING);
    ck_assert_str_eq(h.who, "enhetschef");
    ck_assert_str_eq(h.field, "kategori");
    ck_assert_str_eq(h.old_value, "ovrigt");
    ck_assert_str_eq(h.new_value, "verksamhetssystem");
    ck_ok(ek_sarah_record_history(r, 2, &h));
    ck_assert_str_eq(h.field, "datum.registrerad");
    ck_assert_ptr_null(h.old_value);
    ck_assert_str_eq(h.new_value, "2025-09-02");
    ek_sarah_history_entry bad = EK_SARAH_HISTORY_ENTRY_INIT;
    bad.version = 99;
    ck_status(ek_sarah_record_history(r, 0, &bad), EK_EVERSION);
    ck_status(ek_sarah_record_history(r, 3, &h), EK_ERANGE);
    ek_sarah_change nowho = chg("2025-09-03");
    nowho.who = NULL;
    ck_status(ek_sarah_record_set_text(r, EK_SARAH_UNIT, "u", &nowho), EK_EINVAL);
    ck_status(ek_sarah_record_set_text(r, EK_SARAH_UNIT, "u", NULL), EK_EINVAL);
    ek_sarah_record_free(r);
}
END_TEST

/* ---- E1 time limits ------------------------------------------------------------------------ */

static ek_context *ctx_new(int nominal)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    if (nominal)
        ck_ok(ek_policy_set(ek_context_policy(ctx), "bedom_mot", "nominal"));
    return ctx;
}

/* Evaluate and return limit @kind's result (first of that kind); fills *out if given. */
static ek_result limit_result(const ek_context *ctx, const ek_sarah_record *r, ek_date as_of, ek_sarah_limit_kind kind,
                              ek_sarah_limit *out)
{
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, r, as_of, res));
    ek_result got = EK_RESULT_INVALID;
    for (size_t k = 0; k < ek_sarah_result_limit_count(res); k++) {
        ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
        ck_ok(ek_sarah_result_limit(res, k, &l));
        if (l.kind == kind) {
            got = l.result;
            if (out) { /* keep the static parts only */
                *out = l;
                out->message = NULL;
                out->period = NULL;
            }
            break;
        }
    }
    ek_sarah_result_free(res);
    return got;
}

static ek_result item_result(const ek_context *ctx, const ek_sarah_record *r, ek_date as_of, size_t k, char *msg,
                             size_t msz)
{
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, r, as_of, res));
    ek_sarah_item it = EK_SARAH_ITEM_INIT;
    ck_ok(ek_sarah_result_item(res, k, &it));
    if (msg)
        snprintf(msg, msz, "%s", it.message);
    ek_result got = it.result;
    ek_sarah_result_free(res);
    return got;
}

/* Set date @f on a copy made from a JSON line (no history friction in tests). */
static ek_sarah_record *from_json(const char *line)
{
    ek_sarah_record *r = NULL;
    ck_ok(ek_sarah_read_json(&r, line, strlen(line), "test"));
    return r;
}

#define REC(datum, rest) from_json("{\"id\": \"LS-B\", \"typ\": \"missforhallande\", \"datum\": {" datum "}" rest "}")

START_TEST(registrering_boundaries)
{
    ek_context *ctx = ctx_new(0);
    /* Monday 2025-09-01 + 1d = Tuesday 2025-09-02: last legal day, then the day after. */
    ek_sarah_record *r = REC("\"rapport\": \"2025-09-01\", \"registrerad\": \"2025-09-02\"", "");
    ek_sarah_limit l;
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_REGISTRERING, &l), EK_RESULT_PASS);
    ck_assert(l.nominal == D("2025-09-02") && l.legal == D("2025-09-02"));
    ck_assert_str_eq(l.policy, "sarah_registrering");
    ck_assert_str_eq(l.basis, "SoL (2025:400) 27 kap. 5 §; SOSFS 2011:5");
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-09-01\", \"registrerad\": \"2025-09-03\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    /* A policy grace for "genast"/"utan dröjsmål" is not a period set by law: no 1930:173 2 § roll-over
     * (issue 14).  Friday 2025-06-27 + 1d = Saturday 06-28 is also the legal end; registered on the Monday
     * 06-30 is late (old law: due before 2025-07-01).  Until this change the Monday passed. */
    r = REC("\"rapport\": \"2025-06-27\", \"registrerad\": \"2025-06-28\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-06-27\", \"registrerad\": \"2025-06-30\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_REGISTRERING, &l), EK_RESULT_FAIL);
    ck_assert(l.nominal == D("2025-06-28") && l.legal == D("2025-06-28"));
    ck_assert_str_eq(l.basis, "SoL (2001:453) 14 kap. 6 §; SOSFS 2011:5");
    ek_context *strict = ctx_new(1);
    ck_assert_int_eq(limit_result(strict, r, D("2025-12-31"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-06-27\", \"registrerad\": \"2025-07-01\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    /* Not yet registered: open on the last day (notchecked), overdue the day after; no as-of: notchecked.
     * The last day is nyårsafton: not moved past nyårsdagen (a policy grace). */
    r = REC("\"rapport\": \"2025-12-30\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_REGISTRERING, &l), EK_RESULT_NOTCHECKED);
    ck_assert(l.nominal == D("2025-12-31") && l.legal == D("2025-12-31"));
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-01"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_FAIL);
    ck_assert_int_eq(limit_result(ctx, r, EK_DATE_NONE, EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(limit_result(strict, r, D("2026-01-01"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    ek_context_free(strict);
    ek_context_free(ctx);
}
END_TEST

START_TEST(utredning_inledd_boundaries)
{
    ek_context *ctx = ctx_new(0);
    /* Friday + 1d grace = Saturday, not rolled (policy grace): the Saturday passes, the Monday is late */
    ek_sarah_record *r = REC("\"rapport\": \"2025-06-27\", \"utredning_inledd\": \"2025-06-28\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_UTREDNING_INLEDD, NULL), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-06-27\", \"utredning_inledd\": \"2025-06-30\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_UTREDNING_INLEDD, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-06-27\", \"utredning_inledd\": \"2025-07-01\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_UTREDNING_INLEDD, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    /* policy changes the limit */
    ck_ok(ek_policy_set(ek_context_policy(ctx), "sarah_utredning_inledd", "5d"));
    r = REC("\"rapport\": \"2025-09-01\", \"utredning_inledd\": \"2025-09-06\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_UTREDNING_INLEDD, NULL), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-09-01\", \"utredning_inledd\": \"2025-09-09\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_UTREDNING_INLEDD, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(anmalan_ivo_boundaries)
{
    ek_context *ctx = ctx_new(0);
    /* bedomd 2025-12-10 + 14d = julafton 12-24.  "Snarast" has no number in law: the 14 days are the policy's,
     * not rolled past juldagen, annandag jul and the weekend (issue 14; until then 12-29 passed). */
    ek_sarah_limit l;
    ek_sarah_record *r = REC("\"rapport\": \"2025-12-01\", \"bedomd\": \"2025-12-10\", \"anmald_ivo\": \"2025-12-24\"",
                             ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_ANMALAN_IVO, &l), EK_RESULT_PASS);
    ck_assert(l.nominal == D("2025-12-24") && l.legal == D("2025-12-24"));
    ck_assert(l.start == D("2025-12-10"));
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-12-01\", \"bedomd\": \"2025-12-10\", \"anmald_ivo\": \"2025-12-25\"",
            ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    /* not yet reported */
    r = REC("\"rapport\": \"2025-12-01\", \"bedomd\": \"2025-12-10\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-24"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-25"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(allvarlig_absent_never_pass)
{
    ek_context *ctx = ctx_new(0);
    char msg[600];
    /* absent: IVO limit notchecked even when a report was sent; E1 then cannot pass */
    ek_sarah_record *r = REC("\"rapport\": \"2025-09-01\", \"registrerad\": \"2025-09-01\", \"utredning_inledd\": "
                             "\"2025-09-01\", \"anmald_ivo\": \"2025-09-05\"", ", \"ivo\": {\"utredning_bifogad\": true}");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(item_result(ctx, r, D("2025-12-31"), 0, msg, sizeof msg), EK_RESULT_NOTCHECKED);
    ck_assert_msg(strstr(msg, "sarah_anmalan_ivo") != NULL, "%s", msg);
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-09-01\", \"registrerad\": \"2025-09-01\", \"utredning_inledd\": \"2025-09-01\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(item_result(ctx, r, D("2025-12-31"), 0, NULL, 0), EK_RESULT_NOTCHECKED);
    ek_sarah_record_free(r);
    /* false: not applicable, and E1 can pass */
    r = REC("\"rapport\": \"2025-09-01\", \"registrerad\": \"2025-09-01\", \"utredning_inledd\": \"2025-09-01\", "
            "\"bedomd\": \"2025-09-10\"", ", \"allvarlig\": false");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_NOTAPPLICABLE);
    ck_assert_int_eq(item_result(ctx, r, D("2025-12-31"), 0, NULL, 0), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    /* true without a bedomd date: notchecked */
    r = REC("\"rapport\": \"2025-09-01\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-31"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_NOTCHECKED);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(utredning_till_ivo_boundaries)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_limit l;
    /* anmald 2025-10-20 + 2m = Saturday 12-20 -> Monday 12-22 */
    ek_sarah_record *r = REC("\"rapport\": \"2025-10-01\", \"bedomd\": \"2025-10-10\", \"anmald_ivo\": \"2025-10-20\", "
                             "\"utredning_till_ivo\": \"2025-12-22\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, &l), EK_RESULT_PASS);
    ck_assert(l.nominal == D("2025-12-20") && l.legal == D("2025-12-22"));
    /* DOMAIN.md §5: SOSFS 2011:5 (S); its status under SoL (2025:400) 27 kap. 6 § is unclear (R) */
    ck_assert_str_eq(l.certainty, "R");
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-03-03\", \"bedomd\": \"2025-03-10\", \"anmald_ivo\": \"2025-03-20\", "
            "\"utredning_till_ivo\": \"2025-05-02\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-06-30"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, &l), EK_RESULT_PASS);
    ck_assert(l.nominal == D("2025-05-20"));
    ck_assert_str_eq(l.certainty, "S");   /* due under SoL (2001:453), which SOSFS 2011:5 was issued under */
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-10-01\", \"bedomd\": \"2025-10-10\", \"anmald_ivo\": \"2025-10-20\", "
            "\"utredning_till_ivo\": \"2025-12-23\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    /* not sent, investigation still open at the report: judged */
    r = REC("\"rapport\": \"2025-10-01\", \"bedomd\": \"2025-10-10\", \"anmald_ivo\": \"2025-10-20\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-22"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-23"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    /* attached: not applicable */
    r = REC("\"rapport\": \"2025-10-01\", \"bedomd\": \"2025-10-10\", \"anmald_ivo\": \"2025-10-20\"",
            ", \"allvarlig\": true, \"ivo\": {\"utredning_bifogad\": true}");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, NULL), EK_RESULT_NOTAPPLICABLE);
    ek_sarah_record_free(r);
    /* closed at the report, unknown whether attached: notchecked, never pass */
    r = REC("\"rapport\": \"2025-10-01\", \"utredning_inledd\": \"2025-10-01\", \"bedomd\": \"2025-10-10\", "
            "\"anmald_ivo\": \"2025-10-20\", \"avslutad\": \"2025-10-20\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, NULL), EK_RESULT_NOTCHECKED);
    ek_sarah_record_free(r);
    /* no IVO report */
    r = REC("\"rapport\": \"2025-10-01\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, NULL), EK_RESULT_NOTAPPLICABLE);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(measure_boundaries)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_limit l;
    ek_sarah_record *r = REC("\"rapport\": \"2025-06-01\"",
                             ", \"atgarder\": [{\"beskrivning\": \"a\", \"senast\": \"2025-06-30\", \"genomford\": \"2025-06-30\"}]");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_ATGARD, &l), EK_RESULT_PASS);
    ck_assert(l.nominal == D("2025-06-30") && l.legal == D("2025-06-30"));
    ck_assert_str_eq(l.basis, "SoL (2001:453) 14 kap. 6 §; SOSFS 2011:5 5 kap.");
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-06-01\"",
            ", \"atgarder\": [{\"beskrivning\": \"a\", \"senast\": \"2025-07-01\", \"genomford\": \"2025-07-02\"}]");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_ATGARD, &l), EK_RESULT_FAIL);
    ck_assert_str_eq(l.basis, "SoL (2025:400) 27 kap. 5 §; SOSFS 2011:5 5 kap.");
    ek_sarah_record_free(r);
    /* a self-set due date on a Saturday is not rolled over */
    r = REC("\"rapport\": \"2025-06-01\"", ", \"atgarder\": [{\"beskrivning\": \"a\", \"senast\": \"2025-12-20\"}]");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-20"), EK_SARAH_LIMIT_ATGARD, NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-21"), EK_SARAH_LIMIT_ATGARD, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-06-01\"", ", \"atgarder\": [{\"beskrivning\": \"a\"}]");
    ck_assert_int_eq(limit_result(ctx, r, D("2025-12-21"), EK_SARAH_LIMIT_ATGARD, NULL), EK_RESULT_NOTCHECKED);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* ---- period kinds (issue 14 points 1 and 9; DOMAIN.md §3 "What rolls and what does not") ------------- */

/* "Genast" (registration, opening the investigation): a policy grace in calendar days, never rolled over by
 * 1930:173 2 § -- the board keeps an on-call service.  Worked dates: a report on Friday 2026-01-09 registered
 * on Monday 2026-01-12 with a 1-day grace is late; one on 2026-12-23 registered after julafton is late. */
START_TEST(genast_policy_grace_never_rolls)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_limit l;
    ek_sarah_record *r = REC("\"rapport\": \"2026-01-09\", \"registrerad\": \"2026-01-12\", "
                             "\"utredning_inledd\": \"2026-01-12\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-02-01"), EK_SARAH_LIMIT_REGISTRERING, &l), EK_RESULT_FAIL);
    ck_assert(l.nominal == D("2026-01-10") && l.legal == D("2026-01-10")); /* Saturday, not moved to Monday */
    ck_assert_int_eq(limit_result(ctx, r, D("2026-02-01"), EK_SARAH_LIMIT_UTREDNING_INLEDD, &l), EK_RESULT_FAIL);
    ck_assert(l.legal == D("2026-01-10"));
    ek_sarah_record_free(r);
    /* registered on the Saturday (the on-call service): in time */
    r = REC("\"rapport\": \"2026-01-09\", \"registrerad\": \"2026-01-10\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-02-01"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    /* 2026-12-23 + 1d = julafton 12-24: the last day, also under the default judging end (the legal end) */
    r = REC("\"rapport\": \"2026-12-23\", \"registrerad\": \"2026-12-28\", \"utredning_inledd\": \"2026-12-24\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2027-01-31"), EK_SARAH_LIMIT_REGISTRERING, &l), EK_RESULT_FAIL);
    ck_assert(l.nominal == D("2026-12-24") && l.legal == D("2026-12-24"));
    ck_assert_int_eq(limit_result(ctx, r, D("2027-01-31"), EK_SARAH_LIMIT_UTREDNING_INLEDD, NULL), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    /* not yet registered: overdue the day after the grace, even when that day is juldagen */
    r = REC("\"rapport\": \"2026-12-23\"", "");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-12-24"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(limit_result(ctx, r, D("2026-12-25"), EK_SARAH_LIMIT_REGISTRERING, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* "Snarast" (the IVO report): the policy's 14 days are not a period set by law either: never rolled. */
START_TEST(snarast_policy_never_rolls)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_limit l;
    /* bedomd 2025-12-10 + 14d = julafton: reported on julafton in time, on 12-29 late */
    ek_sarah_record *r = REC("\"rapport\": \"2025-12-01\", \"bedomd\": \"2025-12-10\", \"anmald_ivo\": \"2025-12-24\"",
                             ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_ANMALAN_IVO, &l), EK_RESULT_PASS);
    ck_assert(l.nominal == D("2025-12-24") && l.legal == D("2025-12-24"));
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2025-12-01\", \"bedomd\": \"2025-12-10\", \"anmald_ivo\": \"2025-12-29\"",
            ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2026-01-31"), EK_SARAH_LIMIT_ANMALAN_IVO, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* The 2 months of SOSFS 2011:5 are set by a författning (a föreskrift of Socialstyrelsen): 1930:173 2 §
 * applies.  anmald_ivo 2026-10-24 + 2m = julafton 2026-12-24 -> Monday 2026-12-28. */
START_TEST(sosfs_two_months_roll)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_limit l;
    ek_sarah_record *r = REC("\"rapport\": \"2026-10-01\", \"bedomd\": \"2026-10-20\", \"anmald_ivo\": \"2026-10-24\", "
                             "\"utredning_till_ivo\": \"2026-12-28\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2027-01-31"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, &l), EK_RESULT_PASS);
    ck_assert(l.nominal == D("2026-12-24") && l.legal == D("2026-12-28"));
    ek_sarah_record_free(r);
    r = REC("\"rapport\": \"2026-10-01\", \"bedomd\": \"2026-10-20\", \"anmald_ivo\": \"2026-10-24\", "
            "\"utredning_till_ivo\": \"2026-12-29\"", ", \"allvarlig\": true");
    ck_assert_int_eq(limit_result(ctx, r, D("2027-01-31"), EK_SARAH_LIMIT_UTREDNING_TILL_IVO, NULL), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* A measure's due date is a day set by the board (EK_PERIOD_SET_DATE): never rolled, and the JSON of every
 * limit names its period kind. */
START_TEST(period_kind_in_json)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_record *r = REC("\"rapport\": \"2026-10-01\", \"registrerad\": \"2026-10-01\", \"bedomd\": \"2026-10-20\", "
                             "\"anmald_ivo\": \"2026-10-24\"", ", \"allvarlig\": true, \"atgarder\": [{\"beskrivning\": "
                             "\"a\", \"senast\": \"2026-12-24\", \"genomford\": \"2026-12-28\"}]");
    ek_sarah_limit l;
    ck_assert_int_eq(limit_result(ctx, r, D("2027-01-31"), EK_SARAH_LIMIT_ATGARD, &l), EK_RESULT_FAIL);
    ck_assert(l.nominal == D("2026-12-24") && l.legal == D("2026-12-24"));
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, r, D("2027-01-31"), res));
    char *js = NULL;
    ck_ok(ek_sarah_result_write_json(res, &js));
    /* three policy numbers, one period set by a författning, one day set by the board */
    static const struct { const char *text; int n; } want[] = {
        { "\"period_kind\": \"policy\"", 3 }, { "\"period_kind\": \"lag\"", 1 },
        { "\"period_kind\": \"faststalld_dag\"", 1 }, { "\"period\": null, \"period_kind\": \"faststalld_dag\"", 1 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int n = 0;
        for (const char *p = js; (p = strstr(p, want[i].text)) != NULL; p++)
            n++;
        ck_assert_msg(n == want[i].n, "%s: %d times, want %d, in %s", want[i].text, n, want[i].n, js);
    }
    ek_free(js);
    ek_sarah_result_free(res);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* ---- E2 ------------------------------------------------------------------------------------ */

START_TEST(e2_elements)
{
    ek_context *ctx = ctx_new(0);
    char msg[600];
    const char *all = "\"vad_och_konsekvenser\": true, \"nar_och_hur_uppmarksammat\": true, \"nar_det_hande\": true, "
                      "\"risk_upprepning\": true, \"atgarder\": true";
    char line[1024];
    snprintf(line, sizeof line, "{\"id\": \"E2\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\", "
             "\"utredning_inledd\": \"2025-09-01\", \"bedomd\": \"2025-09-02\", \"avslutad\": \"2025-09-30\"}, "
             "\"allvarlig\": false, \"utredning\": {%s, \"orsaker\": false, \"tidigare_liknande\": true, "
             "\"stallningstagande\": false}}", all);
    ek_sarah_record *r = from_json(line);
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, r, D("2025-12-31"), res));
    ek_sarah_item it = EK_SARAH_ITEM_INIT;
    ck_ok(ek_sarah_result_item(res, 1, &it));
    ck_assert_str_eq(it.item, "E2");
    ck_assert_int_eq(it.result, EK_RESULT_FAIL);
    ck_assert_uint_eq(it.missing, (1u << EK_SARAH_EL_ORSAKER) | (1u << EK_SARAH_EL_STALLNINGSTAGANDE));
    ck_assert_uint_eq(it.unknown, 1u << EK_SARAH_EL_OVRIGT);
    ck_assert_msg(strstr(it.message, "(4) orsaker") && strstr(it.message, "(9) stallningstagande") &&
                  strstr(it.message, "(8) ovrigt"), "%s", it.message);
    ek_sarah_result_free(res);
    ek_sarah_record_free(r);
    /* open investigation: notchecked, still naming what is missing */
    r = REC("\"rapport\": \"2025-09-01\"", ", \"utredning\": {\"orsaker\": false}");
    ck_assert_int_eq(item_result(ctx, r, D("2025-12-31"), 1, msg, sizeof msg), EK_RESULT_NOTCHECKED);
    ck_assert_msg(strstr(msg, "orsaker") != NULL, "%s", msg);
    ek_sarah_record_free(r);
    /* closed, nothing false but some not stated: notchecked (never pass) */
    r = REC("\"rapport\": \"2025-09-01\", \"avslutad\": \"2025-09-30\"", ", \"utredning\": {\"orsaker\": true}");
    ck_assert_int_eq(item_result(ctx, r, D("2025-12-31"), 1, NULL, 0), EK_RESULT_NOTCHECKED);
    ek_sarah_record_free(r);
    /* all nine */
    snprintf(line, sizeof line, "{\"id\": \"E2\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}, "
             "\"utredning\": {%s, \"orsaker\": true, \"tidigare_liknande\": true, \"ovrigt\": true, "
             "\"stallningstagande\": true}}", all);
    r = from_json(line);
    ck_assert_int_eq(item_result(ctx, r, D("2025-12-31"), 1, NULL, 0), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* E2 is judged when the record is reported to IVO: 27 kap. 6 § SoL (2025:400), "Den utredning som gjorts med
 * anledning av det inträffade ska bifogas anmälan" -- unless the investigation goes to IVO later by the SOSFS
 * 2011:5 route (not attached, sent within 2 months), in which case it is judged when sent.  It is judged again
 * when closed.  An element is judged by its value on that day: the history undoes later changes. */

static const char *nine(char *buf, size_t size, const char *orsaker)
{
    snprintf(buf, size, "\"utredning\": {\"vad_och_konsekvenser\": true, \"nar_och_hur_uppmarksammat\": true, "
             "\"nar_det_hande\": true, \"orsaker\": %s, \"tidigare_liknande\": true, \"risk_upprepning\": true, "
             "\"atgarder\": true, \"ovrigt\": true, \"stallningstagande\": true}", orsaker);
    return buf;
}

/* A serious record reported to IVO on 2026-02-02 (+ 2 months = 2026-04-02); @dates more datum keys,
 * @ivo the "ivo" object body, @orsaker the current value, @hist a historik array body or "". */
static ek_sarah_record *reported(const char *dates, const char *ivo, const char *orsaker, const char *hist)
{
    char u[600], line[2000];
    snprintf(line, sizeof line, "{\"id\": \"E2-IVO\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": "
             "\"2026-01-12\", \"registrerad\": \"2026-01-12\", \"utredning_inledd\": \"2026-01-12\", \"bedomd\": "
             "\"2026-01-26\", \"anmald_ivo\": \"2026-02-02\"%s}, \"allvarlig\": true, %s, \"ivo\": {%s}%s%s%s}",
             dates, nine(u, sizeof u, orsaker), ivo, *hist ? ", \"historik\": [" : "", hist, *hist ? "]" : "");
    return from_json(line);
}

#define ORSAKER_SET(date) "{\"datum\": \"" date "\", \"av\": \"utredare\", \"typ\": \"andring\", " \
                          "\"falt\": \"utredning.orsaker\", \"fore\": \"false\", \"efter\": \"true\"}"

START_TEST(e2_judged_at_ivo_report)
{
    ek_context *ctx = ctx_new(0);
    char msg[600];
    /* Reported, investigation still open, nothing said about attaching, never sent: once the 2 months are out
     * the SOSFS route is not open any more, and what was missing at the report is a failure (it used to wait
     * for the investigation to close: notchecked for ever). */
    ek_sarah_record *r = reported("", "", "false", "");
    ck_assert_int_eq(item_result(ctx, r, D("2026-04-02"), 1, msg, sizeof msg), EK_RESULT_NOTCHECKED);
    ck_assert_int_eq(item_result(ctx, r, D("2026-04-03"), 1, msg, sizeof msg), EK_RESULT_FAIL);
    ck_assert_msg(strstr(msg, "anmälan till IVO 2026-02-02") && strstr(msg, "(4) orsaker"), "%s", msg);
    ek_sarah_record_free(r);
    /* Attached to the report, complete today, but the causes were documented only after the report: the
     * investigation attached lacked them.  Fail, although all nine are true now. */
    r = reported("", "\"utredning_bifogad\": true", "true", ORSAKER_SET("2026-02-10"));
    ck_assert_int_eq(item_result(ctx, r, D("2026-02-03"), 1, msg, sizeof msg), EK_RESULT_FAIL);
    ck_assert_msg(strstr(msg, "anmälan till IVO 2026-02-02") && strstr(msg, "(4) orsaker"), "%s", msg);
    ek_sarah_record_free(r);
    /* ... documented on the day of the report: it was there */
    r = reported("", "\"utredning_bifogad\": true", "true", ORSAKER_SET("2026-02-02"));
    ck_assert_int_eq(item_result(ctx, r, D("2026-02-03"), 1, msg, sizeof msg), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(e2_sosfs_route)
{
    ek_context *ctx = ctx_new(0);
    char msg[600];
    /* Not attached (the SOSFS 2011:5 route), within the 2 months: still open, not a failure yet */
    ek_sarah_record *r = reported("", "\"utredning_bifogad\": false", "false", "");
    ck_assert_int_eq(item_result(ctx, r, D("2026-03-15"), 1, msg, sizeof msg), EK_RESULT_NOTCHECKED);
    ck_assert_msg(strstr(msg, "2026-04-02") != NULL, "%s", msg);
    ck_assert_int_eq(item_result(ctx, r, D("2026-04-03"), 1, NULL, 0), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    /* sent on the last day, complete when sent (causes added before): pass */
    r = reported(", \"utredning_till_ivo\": \"2026-04-02\"", "\"utredning_bifogad\": false", "true",
                 ORSAKER_SET("2026-03-30"));
    ck_assert_int_eq(item_result(ctx, r, D("2026-05-01"), 1, msg, sizeof msg), EK_RESULT_PASS);
    ek_sarah_record_free(r);
    /* sent without the causes: fail, naming the sending */
    r = reported(", \"utredning_till_ivo\": \"2026-04-02\"", "\"utredning_bifogad\": false", "true",
                 ORSAKER_SET("2026-04-20"));
    ck_assert_int_eq(item_result(ctx, r, D("2026-05-01"), 1, msg, sizeof msg), EK_RESULT_FAIL);
    ck_assert_msg(strstr(msg, "2026-04-02") && strstr(msg, "(4) orsaker"), "%s", msg);
    ek_sarah_record_free(r);
    /* sent after the 2 months: the route does not excuse the report, judged as at 2026-02-02 */
    r = reported(", \"utredning_till_ivo\": \"2026-04-03\"", "\"utredning_bifogad\": false", "true",
                 ORSAKER_SET("2026-03-30"));
    ck_assert_int_eq(item_result(ctx, r, D("2026-05-01"), 1, msg, sizeof msg), EK_RESULT_FAIL);
    ck_assert_msg(strstr(msg, "anmälan till IVO 2026-02-02"), "%s", msg);
    ek_sarah_record_free(r);
    /* closed later with an element missing at the close: fail at the close */
    r = reported(", \"utredning_till_ivo\": \"2026-03-20\", \"avslutad\": \"2026-03-20\"",
                 "\"utredning_bifogad\": false", "false", "");
    ck_assert_int_eq(item_result(ctx, r, D("2026-05-01"), 1, msg, sizeof msg), EK_RESULT_FAIL);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* ---- the limit table (issue 14: one declarative entry read by evaluation and documentation) ------------- */

static ek_sarah_date_field field_by_name(const char *name)
{
    for (int f = 0; f < (int)ek_sarah_date_field_count(); f++) {
        char want[40];
        snprintf(want, sizeof want, "datum.%s", ek_sarah_date_field_name((ek_sarah_date_field)f));
        if (strcmp(name, want) == 0)
            return (ek_sarah_date_field)f;
    }
    return (ek_sarah_date_field)ek_sarah_date_field_count();
}

/* What each entry documents is what the evaluation does: the same name and policy, counted from the documented
 * start field, completed by the documented done field, rolled over only when its kind is "lag", and the basis
 * and certainty of the version in force on the due date. */
START_TEST(limit_table_matches_evaluation)
{
    ek_context *ctx = ctx_new(0);
    /* every limit applies; each due date falls on a Saturday or julafton, so a roll-over would show */
    ek_sarah_record *r = REC("\"rapport\": \"2026-01-09\", \"registrerad\": \"2026-01-10\", \"utredning_inledd\": "
                             "\"2026-01-12\", \"bedomd\": \"2026-12-10\", \"anmald_ivo\": \"2026-12-20\", "
                             "\"utredning_till_ivo\": \"2027-02-22\"",
                             ", \"allvarlig\": true, \"ivo\": {\"utredning_bifogad\": false}, \"atgarder\": "
                             "[{\"beskrivning\": \"a\", \"senast\": \"2026-12-24\", \"genomford\": \"2026-12-28\"}]");
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, r, D("2027-06-01"), res));
    ck_assert_uint_eq(ek_sarah_limit_count(), 5);
    ck_assert_uint_eq(ek_sarah_result_limit_count(res), ek_sarah_limit_count()); /* one measure */
    for (size_t i = 0; i < ek_sarah_limit_count(); i++) {
        ek_sarah_limit_info info = EK_SARAH_LIMIT_INFO_INIT;
        ck_ok(ek_sarah_limit_at(i, &info));
        ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
        ck_ok(ek_sarah_result_limit(res, i, &l));
        ck_assert_int_eq(l.kind, info.kind);
        ck_assert_int_eq((int)info.kind, (int)i + 1);
        ck_assert_str_eq(l.name, info.name);
        ck_assert_msg(info.applies && *info.applies && info.words && *info.words, "%s", info.name);
        ck_assert_msg((l.policy == NULL) == (info.policy == NULL) && (!l.policy || !strcmp(l.policy, info.policy)),
                      "%s: policy", info.name);
        ck_assert_msg(l.result == EK_RESULT_PASS || l.result == EK_RESULT_FAIL, "%s: %s", info.name, l.message);
        if (info.period_kind == EK_PERIOD_SET_DATE) {
            ck_assert_str_eq(info.start, "atgarder[].senast");
            ck_assert_str_eq(info.done, "atgarder[].genomford");
            ck_assert(l.period == NULL && info.policy == NULL);
            ck_assert(l.nominal == D("2026-12-24") && l.done == D("2026-12-28"));
        } else {
            ek_sarah_date_field sf = field_by_name(info.start), df = field_by_name(info.done);
            ck_assert_msg((size_t)sf < ek_sarah_date_field_count() && (size_t)df < ek_sarah_date_field_count(), "%s", info.name);
            ck_assert_msg(l.start == ek_sarah_record_date(r, sf), "%s: start", info.name);
            ck_assert_msg(l.done == ek_sarah_record_date(r, df), "%s: done", info.name);
            ck_assert(l.period != NULL && info.policy != NULL);
        }
        int weekend_or_eve = ek_date_weekday(l.nominal) >= 6 || l.nominal == D("2026-12-24");
        ck_assert_msg(weekend_or_eve, "%s: fixture should end on a day 2 § would move", info.name);
        if (info.period_kind == EK_PERIOD_LAW)
            ck_assert_msg(l.legal > l.nominal, "%s: a time set by law rolls over", info.name);
        else
            ck_assert_msg(l.legal == l.nominal, "%s: never rolled", info.name);
        /* the version in force on the due date */
        int found = 0;
        for (size_t k = 0; k < info.version_count; k++) {
            ek_sarah_limit_version_info v = EK_SARAH_LIMIT_VERSION_INFO_INIT;
            ck_ok(ek_sarah_limit_version(i, k, &v));
            if (k == 0)
                ck_assert_str_eq(l.basis_old, v.basis);
            if (k + 1 == info.version_count) {
                ck_assert_str_eq(l.basis_new, v.basis);
                ck_assert(v.valid_to == EK_DATE_NONE);
            } else {
                ek_sarah_limit_version_info next = EK_SARAH_LIMIT_VERSION_INFO_INIT;
                ck_ok(ek_sarah_limit_version(i, k + 1, &next));
                ck_assert_msg(v.valid_to + 1 == next.valid_from, "%s: versions must be contiguous", info.name);
            }
            if (l.nominal >= v.valid_from && (v.valid_to == EK_DATE_NONE || l.nominal <= v.valid_to)) {
                ck_assert_str_eq(l.basis, v.basis);
                ck_assert_str_eq(l.certainty, v.certainty);
                found = 1;
            }
        }
        ck_assert_msg(found, "%s: no version in force on the due date", info.name);
    }
    /* the law change is the same day for every entry: SoL (2025:400) from 2025-07-01 */
    for (size_t i = 0; i < ek_sarah_limit_count(); i++) {
        ek_sarah_limit_version_info v = EK_SARAH_LIMIT_VERSION_INFO_INIT;
        ck_ok(ek_sarah_limit_version(i, 1, &v));
        ck_assert(v.valid_from == D("2025-07-01"));
        ck_assert_msg(strstr(v.basis, "SoL (2025:400) 27 kap.") != NULL, "%s", v.basis);
    }
    ek_sarah_result_free(res);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

START_TEST(limit_table_api_errors)
{
    ek_sarah_limit_info info = EK_SARAH_LIMIT_INFO_INIT;
    ck_assert_int_eq(ek_sarah_limit_at(0, NULL), EK_EINVAL);
    ck_assert_int_eq(ek_sarah_limit_at(ek_sarah_limit_count(), &info), EK_ERANGE);
    info.version = 99;
    ck_assert_int_eq(ek_sarah_limit_at(0, &info), EK_EVERSION);
    ek_sarah_limit_version_info v = EK_SARAH_LIMIT_VERSION_INFO_INIT;
    ck_assert_int_eq(ek_sarah_limit_version(0, 2, &v), EK_ERANGE);
    ck_assert_int_eq(ek_sarah_limit_version(ek_sarah_limit_count(), 0, &v), EK_ERANGE);
    ck_assert_int_eq(ek_sarah_limit_version(0, 0, NULL), EK_EINVAL);
    v.version = 0;
    ck_assert_int_eq(ek_sarah_limit_version(0, 0, &v), EK_EVERSION);
}
END_TEST

START_TEST(conflict_gives_error_result)
{
    /* A record built through the internal reader cannot break order, so break it via clone + read of bad JSON:
     * the reader rejects it; evaluation of a valid record never errors. Check the reader message instead. */
    const char *bad = "{\"id\": \"LS-X\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-05\", "
                      "\"bedomd\": \"2025-09-01\"}}";
    ek_sarah_record *r = NULL;
    ck_status(ek_sarah_read_json(&r, bad, strlen(bad), "reg.jsonl"), EK_ECONFLICT);
    ck_msg_has("bedomd 2025-09-01 is before rapport 2025-09-05");
    ck_msg_has("reg.jsonl:1:");
    ck_assert_str_eq(ek_error_last()->record_id, "LS-X");
    ck_assert_str_eq(ek_error_last()->field, "datum.bedomd");
    ck_assert_uint_eq(ek_error_last()->column, (unsigned long)(strstr(bad, "\"2025-09-01\"") - bad) + 1);
    ck_assert_ptr_null(r);
}
END_TEST

/* ---- one result convention (issue 19, point 5): a result is created once and refilled ---------------- */

/* Limit k's message, copied (it is borrowed from the result). */
static void limit_msg(const ek_sarah_result *res, size_t k, char *buf, size_t size)
{
    ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
    ck_ok(ek_sarah_result_limit(res, k, &l));
    snprintf(buf, size, "%s", l.message);
}

START_TEST(result_is_reused)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_result *res = NULL;
    ck_status(ek_sarah_result_new(NULL), EK_EINVAL);
    ck_ok(ek_sarah_result_new(&res));
    /* new: empty */
    ck_assert_ptr_null(ek_sarah_result_id(res));
    ck_assert_uint_eq(ek_sarah_result_limit_count(res), 0);
    ck_assert_int_eq(ek_sarah_result_verdict(res, EK_SARAH_ITEM_E1), EK_RESULT_INVALID);
    ck_assert_int_eq(ek_sarah_result_state(res), 0);
    ck_assert_int_eq(ek_sarah_result_as_of(res), EK_DATE_NONE);

    /* a record with three measures: four limits and three measure limits */
    ek_sarah_record *big = rec_in_state(EK_SARAH_STATE_ANMALD_IVO, EK_SARAH_YES);
    ek_sarah_change c = chg("2025-09-10");
    for (int i = 0; i < 3; i++) {
        ek_sarah_measure m = EK_SARAH_MEASURE_INIT;
        m.beskrivning = "Ny rutin";
        m.senast = D("2025-10-01");
        ck_ok(ek_sarah_record_add_measure(big, &m, &c, NULL));
    }
    ck_ok(ek_sarah_evaluate(ctx, big, D("2025-12-31"), res));
    ck_assert_str_eq(ek_sarah_result_id(res), "LS-T");
    ck_assert_uint_eq(ek_sarah_result_limit_count(res), 7);
    ck_assert_int_eq(ek_sarah_result_verdict(res, EK_SARAH_ITEM_E1), EK_RESULT_FAIL); /* measures overdue */

    /* the same object for a small record: nothing of the first stays */
    ek_sarah_record *small = rec_new("LS-S", "2025-09-01");
    ck_ok(ek_sarah_evaluate(ctx, small, D("2025-09-02"), res));
    ck_assert_str_eq(ek_sarah_result_id(res), "LS-S");
    ck_assert_uint_eq(ek_sarah_result_limit_count(res), 4);
    ck_assert_int_eq(ek_sarah_result_state(res), EK_SARAH_STATE_RAPPORTERAD);
    ck_assert_int_eq(ek_sarah_result_as_of(res), D("2025-09-02"));
    ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
    ck_status(ek_sarah_result_limit(res, 4, &l), EK_ERANGE);
    /* every string is the second evaluation's, equal to a fresh result's */
    ek_sarah_result *fresh = NULL;
    ck_ok(ek_sarah_result_new(&fresh));
    ck_ok(ek_sarah_evaluate(ctx, small, D("2025-09-02"), fresh));
    for (size_t k = 0; k < 4; k++) {
        char a[600], b[600];
        limit_msg(res, k, a, sizeof a);
        limit_msg(fresh, k, b, sizeof b);
        ck_assert_str_eq(a, b);
    }
    for (size_t k = 0; k < 2; k++) {
        ek_sarah_item x = EK_SARAH_ITEM_INIT, y = EK_SARAH_ITEM_INIT;
        ck_ok(ek_sarah_result_item(res, k, &x));
        ck_ok(ek_sarah_result_item(fresh, k, &y));
        ck_assert_str_eq(x.message, y.message);
        ck_assert_int_eq(x.result, y.result);
    }

    /* refused arguments leave the content as it was */
    ck_status(ek_sarah_evaluate(ctx, big, (ek_date)99999999, res), EK_ERANGE);
    ck_status(ek_sarah_evaluate(ctx, NULL, D("2025-12-31"), res), EK_EINVAL);
    ck_status(ek_sarah_evaluate(ctx, big, D("2025-12-31"), NULL), EK_EINVAL);
    ck_assert_str_eq(ek_sarah_result_id(res), "LS-S");
    ck_assert_uint_eq(ek_sarah_result_limit_count(res), 4);

    ek_sarah_result_free(fresh);
    ek_sarah_result_free(res);
    ek_sarah_result_free(NULL);
    ek_sarah_record_free(big);
    ek_sarah_record_free(small);
    ek_context_free(ctx);
}
END_TEST

/* ---- growable messages (issue 19, point 5): a long message is kept whole ----------------------------- */

/* Many overdue measures: E1 names every failed limit (the 600-byte buffer used to stop the list quietly). */
START_TEST(e1_message_lists_every_limit)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_record *r = rec_new("LS-M", "2025-09-01");
    ek_sarah_change c = chg("2025-09-10");
    enum { N_MEASURES = 60 };
    for (int i = 0; i < N_MEASURES; i++) {
        ek_sarah_measure m = EK_SARAH_MEASURE_INIT;
        m.beskrivning = "Ny rutin";
        m.senast = D("2025-10-01");
        ck_ok(ek_sarah_record_add_measure(r, &m, &c, NULL));
    }
    char want[4096];
    size_t n = (size_t)snprintf(want, sizeof want, "Frist inte h\xC3\xa5llen: sarah_registrering, sarah_utredning_inledd");
    for (int i = 0; i < N_MEASURES; i++)
        n += (size_t)snprintf(want + n, sizeof want - n, ", sarah_atgard[%d]", i);
    snprintf(want + n, sizeof want - n, ".");
    ck_assert_uint_gt(strlen(want), 600);
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, r, D("2025-12-31"), res));
    ek_sarah_item e1 = EK_SARAH_ITEM_INIT;
    ck_ok(ek_sarah_result_item(res, EK_SARAH_ITEM_E1, &e1));
    ck_assert_int_eq(e1.result, EK_RESULT_FAIL);
    ck_assert_str_eq(e1.message, want);
    ek_sarah_result_free(res);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* E2 judged on three days (the IVO report, the investigation sent late, the closing), all nine elements missing
 * on each: three whole sentences (the 600-byte buffer cut the third). */
START_TEST(e2_message_names_every_day)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_record *r = from_json(
        "{\"id\": \"E2-LONG\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2026-01-12\", "
        "\"registrerad\": \"2026-01-12\", \"utredning_inledd\": \"2026-01-12\", \"bedomd\": \"2026-01-26\", "
        "\"anmald_ivo\": \"2026-02-02\", \"utredning_till_ivo\": \"2026-04-10\", \"avslutad\": \"2026-04-20\"}, "
        "\"allvarlig\": true, \"utredning\": {\"vad_och_konsekvenser\": false, \"nar_och_hur_uppmarksammat\": false, "
        "\"nar_det_hande\": false, \"orsaker\": false, \"tidigare_liknande\": false, \"risk_upprepning\": false, "
        "\"atgarder\": false, \"ovrigt\": false, \"stallningstagande\": false}, "
        "\"ivo\": {\"utredning_bifogad\": false}}");
    static const char all[] = "(1) vad_och_konsekvenser, (2) nar_och_hur_uppmarksammat, (3) nar_det_hande, "
                              "(4) orsaker, (5) tidigare_liknande, (6) risk_upprepning, (7) atgarder, (8) ovrigt, "
                              "(9) stallningstagande";
    char want[2048];
    snprintf(want, sizeof want,
             "Vid anm\xC3\xa4lan till IVO 2026-02-02 saknades i utredningen: %s. "
             "Vid utredningen skickad till IVO 2026-04-10 saknades i utredningen: %s. "
             "Vid avslut 2026-04-20 saknades i utredningen: %s.", all, all, all);
    ck_assert_uint_gt(strlen(want), 600);
    char got[2048];
    ck_assert_int_eq(item_result(ctx, r, D("2026-05-01"), EK_SARAH_ITEM_E2, got, sizeof got), EK_RESULT_FAIL);
    ck_assert_str_eq(got, want);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* The result object is refilled: once it has held the largest record, evaluating again allocates nothing. */
START_TEST(evaluation_allocates_nothing_after_warm_up)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_record *big = rec_new("LS-BIG", "2025-09-01"), *small = rec_new("LS-S", "2025-09-01");
    ek_sarah_change c = chg("2025-09-10");
    for (int i = 0; i < 40; i++) {
        ek_sarah_measure m = EK_SARAH_MEASURE_INIT;
        m.beskrivning = "Ny rutin";
        m.senast = D("2025-10-01");
        ck_ok(ek_sarah_record_add_measure(big, &m, &c, NULL));
    }
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, big, D("2025-12-31"), res));
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ck_ok(ek_sarah_evaluate(ctx, small, D("2025-12-31"), res));
    ck_ok(ek_sarah_evaluate(ctx, big, D("2025-12-31"), res));
    ck_ok(ek_sarah_evaluate(ctx, big, D("2025-10-01"), res));
    ek_t_alloc_uninstall();
    ck_assert_int_eq(st.count, 0);
    ek_sarah_result_free(res);
    ek_sarah_record_free(big);
    ek_sarah_record_free(small);
    ek_context_free(ctx);
}
END_TEST

/* E1 and E2 by their typed id, equal to the items' results (report.c no longer compares "E1"/"E2" text). */
START_TEST(result_verdict_by_item_id)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_record *r = rec_in_state(EK_SARAH_STATE_BEDOMD, EK_SARAH_NO);
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    ck_ok(ek_sarah_evaluate(ctx, r, D("2025-09-04"), res));
    static const char *const names[2] = { "E1", "E2" };
    for (int k = EK_SARAH_ITEM_E1; k <= EK_SARAH_ITEM_E2; k++) {
        ek_sarah_item it = EK_SARAH_ITEM_INIT;
        ck_ok(ek_sarah_result_item(res, (size_t)k, &it));
        ck_assert_str_eq(it.item, names[k]);
        ck_assert_int_eq(ek_sarah_result_verdict(res, (ek_sarah_item_id)k), it.result);
        ck_assert_int_ne(it.result, EK_RESULT_INVALID);
    }
    ck_assert_int_eq(ek_sarah_result_verdict(res, (ek_sarah_item_id)2), EK_RESULT_INVALID);
    ck_assert_int_eq(ek_sarah_result_verdict(res, (ek_sarah_item_id)-1), EK_RESULT_INVALID);
    ck_assert_int_eq(ek_sarah_result_verdict(NULL, EK_SARAH_ITEM_E1), EK_RESULT_INVALID);
    ek_sarah_result_free(res);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
}
END_TEST

/* The counts of the enums are functions (no sentinel in the public header): every value below has a name,
 * the count itself has none. */
START_TEST(enum_counts)
{
    ck_assert_uint_eq(ek_sarah_date_field_count(), 9);
    ck_assert_uint_eq(ek_sarah_element_count(), 9);
    ck_assert_uint_eq(ek_sarah_text_field_count(), 5);
    for (size_t i = 0; i < ek_sarah_date_field_count(); i++)
        ck_assert_ptr_nonnull(ek_sarah_date_field_name((ek_sarah_date_field)i));
    ck_assert_ptr_null(ek_sarah_date_field_name((ek_sarah_date_field)ek_sarah_date_field_count()));
    for (size_t i = 0; i < ek_sarah_element_count(); i++)
        ck_assert_ptr_nonnull(ek_sarah_element_name((ek_sarah_element)i));
    ck_assert_ptr_null(ek_sarah_element_name((ek_sarah_element)ek_sarah_element_count()));
    for (size_t i = 0; i < ek_sarah_text_field_count(); i++)
        ck_assert_ptr_nonnull(ek_sarah_text_field_name((ek_sarah_text_field)i));
    ck_assert_ptr_null(ek_sarah_text_field_name((ek_sarah_text_field)ek_sarah_text_field_count()));
    ck_assert_str_eq(ek_sarah_date_field_name(EK_SARAH_AVSLUTAD), "avslutad");
    ck_assert_str_eq(ek_sarah_element_name(EK_SARAH_EL_STALLNINGSTAGANDE), "stallningstagande");
    ck_assert_str_eq(ek_sarah_text_field_name(EK_SARAH_IVO_BESLUT), "ivo.beslut");
}
END_TEST

/* ---- messages in the context's language (issue 19, point 5) ---------------------------------------------- */

/* The lex Sarah messages go through the catalogue like every other message: Swedish as written (capital Å as
 * UTF-8, C3 85: the words are whole msgids, never upper-cased byte by byte), English from po/en.po. */
START_TEST(messages_in_the_context_language)
{
    ek_sarah_record *r = rec_in_state(EK_SARAH_STATE_BEDOMD, EK_SARAH_NO);
    ek_sarah_change c = chg("2025-09-20");
    ek_sarah_measure m = EK_SARAH_MEASURE_INIT;
    m.beskrivning = "Ny rutin";
    m.senast = D("2025-10-01");
    m.genomford = D("2025-09-20");
    ck_ok(ek_sarah_record_add_measure(r, &m, &c, NULL));
    static const struct {
        const char *lang, *measure, *e1, *e2;
    } want[] = {
        { "sv", "\xC3\x85tg\xC3\xa4rd 0: \xC3\x85tg\xC3\xa4rden genomf\xC3\xb6rd 2025-09-20, inom fristen: "
                "fastst\xC3\xa4lld slutdag 2025-10-01.",
          "Frist inte h\xC3\xa5llen: ", "Utredningen \xC3\xa4r inte avslutad; " },
        { "en", "Measure 0: Measure carried out 2025-09-20, within the time limit: set last day 2025-10-01.",
          "Time limit not met: ", "The investigation is not closed; not yet documented: " },
    };
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
        ek_context *ctx = ctx_new(0);
        ck_ok(ek_context_set_language(ctx, want[w].lang));
        ek_sarah_result *res = NULL;
        ck_ok(ek_sarah_result_new(&res));
        ck_ok(ek_sarah_evaluate(ctx, r, D("2025-12-31"), res));
        ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
        size_t n = ek_sarah_result_limit_count(res);
        ck_assert_uint_eq(n, 5);
        ck_ok(ek_sarah_result_limit(res, n - 1, &l));
        ck_assert_int_eq(l.kind, EK_SARAH_LIMIT_ATGARD);
        ck_assert_str_eq(l.message, want[w].measure);
        ek_sarah_item e1 = EK_SARAH_ITEM_INIT, e2 = EK_SARAH_ITEM_INIT;
        ck_ok(ek_sarah_result_item(res, EK_SARAH_ITEM_E1, &e1));
        ck_ok(ek_sarah_result_item(res, EK_SARAH_ITEM_E2, &e2));
        ck_assert_int_eq(e1.result, EK_RESULT_FAIL); /* registered the day after the report: not "genast" */
        ck_assert_msg(strncmp(e1.message, want[w].e1, strlen(want[w].e1)) == 0, "%s: %s", want[w].lang, e1.message);
        ck_assert_msg(strncmp(e2.message, want[w].e2, strlen(want[w].e2)) == 0, "%s: %s", want[w].lang, e2.message);
        ek_sarah_result_free(res);
        ek_context_free(ctx);
    }
    ek_sarah_record_free(r);
}
END_TEST

/* ---- JSON ------------------------------------------------------------------------------------ */

static const char ROUND[] =
    "{\"format\": \"egenkontroll/avvikelse-1\", \"id\": \"LS-R\", \"unit\": \"Barn och unga\", \"typ\": \"missforhallande\", "
    "\"kategori\": \"rattssakerhet_handlaggning\", \"rapportor\": \"socialsekreterare\", "
    "\"datum\": {\"handelse\": \"2025-08-30\", \"rapport\": \"2025-09-01\", \"bedomd\": \"2025-09-15\", "
    "\"anmald_ivo\": \"2025-09-20\", \"x_datum\": 1}, \"allvarlig\": true, "
    "\"utredning\": {\"orsaker\": true, \"ovrigt\": false, \"x_utr\": \"k\"}, "
    "\"atgarder\": [{\"beskrivning\": \"Ny rutin\", \"ansvarig\": \"enhetschef\", \"senast\": \"2025-12-01\", "
    "\"x_m\": [1, 2]}], \"ivo\": {\"diarienummer\": \"EX-1\", \"utredning_bifogad\": false, \"x_ivo\": null}, "
    "\"historik\": [{\"datum\": \"2025-09-01\", \"av\": \"registrator\", \"typ\": \"andring\", \"falt\": \"kategori\", "
    "\"fore\": null, \"efter\": \"rattssakerhet_handlaggning\", \"x_h\": true}, {\"datum\": \"2025-09-25\", "
    "\"av\": \"socialchef\", \"typ\": \"komplettering\", \"falt\": \"kategori\", \"fore\": null, \"efter\": \"Rättelse\"}], "
    "\"risk\": {\"konsekvens\": 3, \"sannolikhet\": 2}, \"diarienummer\": \"SN 2025/17\"}";

START_TEST(json_round_trip)
{
    ek_sarah_record *r = from_json(ROUND);
    ck_assert_uint_eq(ek_sarah_record_history_count(r), 2);
    ck_assert_uint_eq(ek_sarah_record_extra_count(r), 2);
    ck_assert_int_eq(ek_sarah_record_utredning_bifogad(r), EK_SARAH_NO);
    char *out = NULL;
    ck_ok(ek_sarah_write_json(r, &out));
    ck_assert_str_eq(out, ROUND);
    /* clone and a change, then again */
    ek_sarah_record *c = NULL;
    ck_ok(ek_sarah_record_clone(r, &c));
    ek_sarah_change ch = chg("2025-10-01");
    ck_ok(ek_sarah_record_set_element(c, EK_SARAH_EL_OVRIGT, EK_SARAH_YES, &ch));
    ck_ok(ek_sarah_record_add_amendment(c, "unit", "Enheten heter Barn och familj.", &ch));
    char *out2 = NULL, *out3 = NULL;
    ck_ok(ek_sarah_write_json(c, &out2));
    ek_sarah_record *back = from_json(out2);
    ck_ok(ek_sarah_write_json(back, &out3));
    ck_assert_str_eq(out2, out3);
    ck_assert_uint_eq(ek_sarah_record_history_count(back), 4);
    ek_sarah_history_entry h = EK_SARAH_HISTORY_ENTRY_INIT;
    ck_ok(ek_sarah_record_history(back, 2, &h));
    ck_assert_str_eq(h.field, "utredning.ovrigt");
    ck_assert_str_eq(h.old_value, "false");
    ck_assert_str_eq(h.new_value, "true");
    ek_free(out);
    ek_free(out2);
    ek_free(out3);
    ek_sarah_record_free(r);
    ek_sarah_record_free(c);
    ek_sarah_record_free(back);
}
END_TEST

START_TEST(json_history_cannot_alter_ivo_report)
{
    const char *bad = "{\"id\": \"LS-F\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\", "
                      "\"anmald_ivo\": \"2025-09-10\"}, \"historik\": [{\"datum\": \"2025-09-12\", \"av\": \"x\", "
                      "\"falt\": \"kategori\", \"fore\": \"a\", \"efter\": \"b\"}]}";
    ek_sarah_record *r = NULL;
    ck_status(ek_sarah_read_json(&r, bad, strlen(bad), NULL), EK_ECONFLICT);
    ck_msg_has("historik[0] changes kategori on 2025-09-12, after the report to IVO 2025-09-10");
}
END_TEST

typedef struct bad_line {
    const char *json;
    int status;
    const char *msg;
    const char *field;
    const char *column_at;  /* the error column points at this text */
} bad_line;

START_TEST(json_errors_keep_good_records)
{
    static const bad_line bad[] = {
        { "{\"id\": \"B1\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}, \"allvarlig\": \"ja\"}",
          EK_EPARSE, "\"allvarlig\" must be true or false, found a string", "allvarlig", "\"ja\"" },
        { "{\"id\": \"B2\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-02-30\"}}",
          EK_EINVAL, "\"datum.rapport\" is not a valid date: \"2025-02-30\"", "datum.rapport", "\"2025-02-30\"" },
        { "{\"id\": \"B3\", \"typ\": \"missforhallande\", \"datum\": {\"handelse\": \"2025-09-01\"}}",
          EK_EPARSE, "required key \"datum.rapport\" is missing", "datum.rapport", "{\"handelse\"" },
        { "{\"id\": \"B4\", \"typ\": \"fel\", \"datum\": {\"rapport\": \"2025-09-01\"}}",
          EK_EINVAL, "\"typ\" must be \"missforhallande\" or \"pataglig_risk\" (case", "typ", "\"fel\"" },  /* not the value */
        { "{\"id\": \"B5\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-05\", \"avslutad\": \"2025-09-04\"}}",
          EK_ECONFLICT, "avslutad 2025-09-04 is before rapport 2025-09-05", "datum.avslutad", "\"2025-09-04\"" },
        { "{\"id\": \"B6\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}, "
          "\"atgarder\": [{\"beskrivning\": \"a\"}, {\"beskrivning\": \"b\", \"senast\": 20251201}]}",
          EK_EPARSE, "\"atgarder[1].senast\" must be a date string", "atgarder[1].senast", "20251201" },
        { "{\"id\": \"B7\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}",
          EK_EPARSE, "invalid JSON", "", NULL },
        { "{\"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}}",
          EK_EPARSE, "required key \"id\" is missing", "id", NULL },
        { "{\"id\": \"G1\", \"typ\": \"pataglig_risk\", \"datum\": {\"rapport\": \"2025-09-02\"}}",
          EK_ECONFLICT, "record id \"G1\" appears more than once", "id", "\"G1\"" },
        { "{\"format\": \"egenkontroll/case-1\", \"id\": \"B9\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}}",
          EK_EPARSE, "\"format\" must be \"egenkontroll/avvikelse-1\"", "format", "\"egenkontroll/case-1\"" },
        { "{\"id\": \"B10\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"1900-01-01\"}}",
          EK_ERANGE, "not a valid date", "datum.rapport", "\"1900-01-01\"" },
        /* an optional key in the second measure when the first has it too: the column is the second's */
        { "{\"id\": \"B11\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}, "
          "\"atgarder\": [{\"beskrivning\": \"a\", \"senast\": \"2025-10-01\"}, {\"beskrivning\": \"b\", \"senast\": \"2025-02-30\"}]}",
          EK_EINVAL, "\"atgarder[1].senast\" is not a valid date", "atgarder[1].senast", "\"2025-02-30\"" },
    };
    const size_t nbad = sizeof bad / sizeof bad[0];
    char text[8192] = "{\"id\": \"G1\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}}\n";
    for (size_t i = 0; i < nbad; i++) {
        strcat(text, bad[i].json);
        strcat(text, "\n\n");
    }
    strcat(text, "{\"id\": \"G2\", \"typ\": \"missforhallande\", \"datum\": {\"rapport\": \"2025-09-01\"}}\n");
    ek_sarah_reader *rd = NULL;
    ck_ok(ek_sarah_reader_from_memory(&rd, text, strlen(text), "reg.jsonl"));
    ek_sarah_record *r = NULL;
    ck_assert_int_eq(ek_sarah_reader_next(rd, &r), 1);
    ck_assert_str_eq(ek_sarah_record_id(r), "G1");
    ek_sarah_record_free(r);
    for (size_t i = 0; i < nbad; i++) {
        r = NULL;
        int rc = ek_sarah_reader_next(rd, &r);
        const ek_error *e = ek_error_last();
        ck_assert_msg(rc == bad[i].status, "line %zu: %s, want %s: %s", i + 2, ek_status_name(rc),
                      ek_status_name(bad[i].status), e->message);
        ck_assert_ptr_null(r);
        const char *shown = ek_t_error_text(e);
        ck_assert_msg(strstr(shown, bad[i].msg) != NULL, "line %zu: \"%s\" lacks \"%s\"", i, shown, bad[i].msg);
        ck_assert_str_eq(e->source, "reg.jsonl");
        ck_assert_uint_eq(e->line, 2 + 2 * i);
        ck_assert_str_eq(e->field, bad[i].field);
        if (bad[i].column_at) {
            const char *at = strstr(bad[i].json, bad[i].column_at);
            ck_assert_uint_eq(e->column, (unsigned long)(at - bad[i].json) + 1);
        }
        char prefix[64];
        snprintf(prefix, sizeof prefix, "reg.jsonl:%zu:", 2 + 2 * i);
        ck_assert_msg(strncmp(shown, prefix, strlen(prefix)) == 0, "%s", shown);
        ck_assert_msg(strstr(e->message, prefix) == NULL, "the message names the place: %s", e->message);
    }
    ck_assert_int_eq(ek_sarah_reader_next(rd, &r), 1);
    ck_assert_str_eq(ek_sarah_record_id(r), "G2");
    ek_sarah_record_free(r);
    ck_assert_int_eq(ek_sarah_reader_next(rd, &r), 0);
    ek_sarah_reader_free(rd);
}
END_TEST

/* ---- summary ---------------------------------------------------------------------------------- */

START_TEST(summary_counts)
{
    ek_context *ctx = ctx_new(0);
    ek_sarah_summary *s = NULL;
    ck_ok(ek_sarah_summary_new(&s));
    const char *lines[] = {
        "{\"id\": \"1\", \"typ\": \"missforhallande\", \"kategori\": \"a\", \"unit\": \"U\", \"datum\": {\"rapport\": \"2025-09-01\", "
        "\"bedomd\": \"2025-09-05\", \"anmald_ivo\": \"2025-09-11\"}, \"allvarlig\": true, "
        "\"atgarder\": [{\"beskrivning\": \"x\", \"senast\": \"2025-10-01\"}, {\"beskrivning\": \"y\", \"senast\": \"2025-10-01\", \"genomford\": \"2025-10-02\"}]}",
        "{\"id\": \"2\", \"typ\": \"missforhallande\", \"kategori\": \"a\", \"datum\": {\"rapport\": \"2025-09-01\", "
        "\"bedomd\": \"2025-09-05\", \"anmald_ivo\": \"2025-09-21\"}, \"allvarlig\": true}",
        "{\"id\": \"3\", \"typ\": \"pataglig_risk\", \"kategori\": \"b\", \"unit\": \"U\", \"datum\": {\"rapport\": \"2025-09-01\", "
        "\"registrerad\": \"2025-09-01\", \"utredning_inledd\": \"2025-09-01\", \"bedomd\": \"2025-09-05\"}, \"allvarlig\": false}",
        "{\"id\": \"4\", \"typ\": \"pataglig_risk\", \"datum\": {\"rapport\": \"2025-09-01\", \"anmald_ivo\": \"2025-09-02\"}}",
    };
    for (size_t i = 0; i < 4; i++) {
        ek_sarah_record *r = from_json(lines[i]);
        ek_sarah_result *res = NULL;
        ck_ok(ek_sarah_result_new(&res));
        ck_ok(ek_sarah_evaluate(ctx, r, D("2025-12-31"), res));
        ck_ok(ek_sarah_summary_add(s, r, res));
        ek_sarah_result_free(res);
        ek_sarah_record_free(r);
    }
    ck_ok(ek_sarah_summary_add_rejected(s));
    ek_sarah_summary_counts c = EK_SARAH_SUMMARY_COUNTS_INIT;
    ck_ok(ek_sarah_summary_counts_get(s, &c));
    ck_assert_uint_eq(c.records, 4);
    ck_assert_uint_eq(c.rejected, 1);
    ck_assert_uint_eq(c.by_state[EK_SARAH_STATE_ANMALD_IVO], 3);
    ck_assert_uint_eq(c.by_state[EK_SARAH_STATE_BEDOMD], 1);
    ck_assert_uint_eq(c.allvarlig_yes, 2);
    ck_assert_uint_eq(c.allvarlig_no, 1);
    ck_assert_uint_eq(c.allvarlig_unknown, 1);
    ck_assert_uint_eq(c.anmald_ivo, 3);
    ck_assert_uint_eq(c.measures, 2);
    ck_assert_uint_eq(c.measures_overdue, 1);
    ck_assert_uint_eq(c.measures_late, 1);
    ck_assert_uint_eq(c.ivo_days_n, 3);  /* 10, 20, 1 days */
    ck_assert(c.ivo_days_median == 10.0);
    ck_assert_int_eq(c.ivo_days_min, 1);
    ck_assert_int_eq(c.ivo_days_max, 20);
    ck_assert(c.ivo_days_q1 == 5.5 && c.ivo_days_q3 == 15.0);
    ck_assert_uint_eq(c.e1[EK_RESULT_PASS] + c.e1[EK_RESULT_FAIL] + c.e1[EK_RESULT_NOTCHECKED] + c.e1[EK_RESULT_ERROR], 4);
    ck_assert_uint_eq(c.e1[EK_RESULT_PASS], 1); /* record 3 */
    ck_assert_uint_eq(ek_sarah_summary_group_count(s, EK_SARAH_GROUP_KATEGORI), 3);
    const char *name;
    size_t n, serious;
    ck_ok(ek_sarah_summary_group(s, EK_SARAH_GROUP_KATEGORI, 0, &name, &n, &serious));
    ck_assert_str_eq(name, "a");
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(serious, 2);
    ck_ok(ek_sarah_summary_group(s, EK_SARAH_GROUP_UNIT, 1, &name, &n, NULL));
    ck_assert_str_eq(name, "(ingen)");
    ck_assert_uint_eq(n, 2);
    ck_status(ek_sarah_summary_group(s, EK_SARAH_GROUP_UNIT, 2, &name, &n, NULL), EK_ERANGE);
    char *json = NULL;
    ck_ok(ek_sarah_summary_write_json(s, &json));
    ck_assert_msg(strstr(json, "\"records\": 4") && strstr(json, "\"rejected\": 1"), "%s", json);
    ek_free(json);
    ek_sarah_summary_free(s);
    ek_context_free(ctx);
}
END_TEST

/* ---- allocation failures -------------------------------------------------------------------------- */

/* Everything the module allocates for; each call may fail only with EK_ENOMEM. */
static int scenario(const ek_context *ctx)
{
    int rc;
#define TRY(call) do { rc = (call); if (rc == EK_ENOMEM) goto out; \
    ck_assert_msg(rc == EK_OK, "%s: %s", #call, ek_error_last()->message); } while (0)
    ek_sarah_record *r = NULL, *c = NULL, *back = NULL;
    ek_sarah_result *res = NULL;
    ek_sarah_summary *s = NULL;
    ek_sarah_reader *rd = NULL;
    char *out = NULL, *out2 = NULL, *out3 = NULL;
    ek_sarah_change ch = chg("2025-12-31");
    TRY(ek_sarah_record_new(&r, "LS-A", EK_SARAH_TYP_MISSFORHALLANDE, D("2025-09-01")));
    TRY(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "k", &ch));
    TRY(ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "k2", &ch));
    TRY(ek_sarah_record_transition(r, EK_SARAH_STATE_REGISTRERAD, D("2025-09-02"), &ch));
    TRY(ek_sarah_record_transition(r, EK_SARAH_STATE_UNDER_UTREDNING, D("2025-09-03"), &ch));
    TRY(ek_sarah_record_set_allvarlig(r, EK_SARAH_YES, &ch));
    TRY(ek_sarah_record_transition(r, EK_SARAH_STATE_BEDOMD, D("2025-09-04"), &ch));
    for (int i = 0; i < 6; i++) {
        ek_sarah_measure m = EK_SARAH_MEASURE_INIT;
        m.beskrivning = "åtgärd";
        m.ansvarig = "enhetschef";
        m.senast = D("2025-10-01");
        TRY(ek_sarah_record_add_measure(r, &m, &ch, NULL));
    }
    TRY(ek_sarah_record_set_measure_done(r, 0, D("2025-09-30"), &ch));
    TRY(ek_sarah_record_transition(r, EK_SARAH_STATE_ANMALD_IVO, D("2025-09-05"), &ch));
    TRY(ek_sarah_record_add_amendment(r, "kategori", "rättelse", &ch));
    TRY(ek_sarah_record_set_extra(r, "x", "[1]"));
    TRY(ek_sarah_record_set_extra(r, "x", "[2]"));
    TRY(ek_sarah_record_clone(r, &c));
    TRY(ek_sarah_write_json(c, &out));
    TRY(ek_sarah_read_json(&back, ROUND, strlen(ROUND), "m"));
    TRY(ek_sarah_result_new(&res));
    TRY(ek_sarah_evaluate(ctx, r, D("2025-12-31"), res));
    TRY(ek_sarah_result_write_json(res, &out2));
    TRY(ek_sarah_summary_new(&s));
    TRY(ek_sarah_summary_add(s, r, res));
    TRY(ek_sarah_summary_add(s, back, NULL));
    TRY(ek_sarah_summary_write_json(s, &out3));
    TRY(ek_sarah_reader_from_memory(&rd, out, strlen(out), "m"));
    ek_sarah_record *rr = NULL;
    rc = ek_sarah_reader_next(rd, &rr);
    if (rc == EK_ENOMEM)
        goto out;
    ck_assert_msg(rc == 1, "reader: %s", ek_error_last()->message);
    ek_sarah_record_free(rr);
    rc = EK_OK;
out:
#undef TRY
    ek_sarah_reader_free(rd);
    ek_free(out);
    ek_free(out2);
    ek_free(out3);
    ek_sarah_summary_free(s);
    ek_sarah_result_free(res);
    ek_sarah_record_free(back);
    ek_sarah_record_free(c);
    ek_sarah_record_free(r);
    return rc;
}

static void alloc_loop(int sticky)
{
    ek_context *ctx = ctx_new(0);
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ck_assert_int_eq(scenario(ctx), EK_OK);
    long total = st.count;
    ck_assert_int_eq(st.live, 0);
    ck_assert(total > 50);
    for (long n = 1; n <= total; n++) {
        st.count = 0;
        st.fail_at = n;
        st.sticky = sticky;
        st.live = 0;
        int rc = scenario(ctx);
        ck_assert_msg(rc == EK_ENOMEM || (!sticky && rc == EK_OK), "fail at %ld: %s (%s)", n, ek_status_name(rc),
                      ek_error_last()->message);
        ck_assert_msg(st.live == 0, "fail at %ld (sticky %d): %ld blocks leaked", n, sticky, st.live);
    }
    ek_t_alloc_uninstall();
    ek_context_free(ctx);
}

START_TEST(alloc_fail_once) { alloc_loop(0); }
END_TEST

START_TEST(alloc_fail_sticky) { alloc_loop(1); }
END_TEST

/* A failed change leaves the record as it was. */
START_TEST(alloc_fail_leaves_record_unchanged)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_sarah_record *r = rec_new("LS-U", "2025-09-01");
    ek_sarah_change ch = chg("2025-09-02");
    for (long n = 1; n <= 3; n++) {
        st.count = 0;
        st.fail_at = n;
        st.sticky = 1;
        int rc = ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "k", &ch);
        if (rc == EK_OK)
            break;
        ck_assert_int_eq(rc, EK_ENOMEM);
        ck_assert_ptr_null(ek_sarah_record_text(r, EK_SARAH_KATEGORI));
        ck_assert_uint_eq(ek_sarah_record_history_count(r), 0);
    }
    st.fail_at = 0;
    ek_sarah_record_free(r);
    ck_assert_int_eq(st.live, 0);
    ek_t_alloc_uninstall();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("sarah");
    TCase *t = tcase_create("lifecycle");
    tcase_add_test(t, transition_table);
    tcase_add_test(t, transition_every_pair);
    tcase_add_test(t, transition_allvarlig_conditions);
    tcase_add_test(t, process_order_names_both_dates);
    tcase_add_test(t, frozen_ivo_report);
    tcase_add_test(t, history_entries);
    suite_add_tcase(s, t);
    t = tcase_create("limits");
    tcase_add_test(t, registrering_boundaries);
    tcase_add_test(t, utredning_inledd_boundaries);
    tcase_add_test(t, anmalan_ivo_boundaries);
    tcase_add_test(t, allvarlig_absent_never_pass);
    tcase_add_test(t, utredning_till_ivo_boundaries);
    tcase_add_test(t, measure_boundaries);
    tcase_add_test(t, genast_policy_grace_never_rolls);
    tcase_add_test(t, snarast_policy_never_rolls);
    tcase_add_test(t, sosfs_two_months_roll);
    tcase_add_test(t, period_kind_in_json);
    tcase_add_test(t, e2_elements);
    tcase_add_test(t, e2_judged_at_ivo_report);
    tcase_add_test(t, e2_sosfs_route);
    tcase_add_test(t, limit_table_matches_evaluation);
    tcase_add_test(t, limit_table_api_errors);
    suite_add_tcase(s, t);
    t = tcase_create("json");
    tcase_add_test(t, conflict_gives_error_result);
    tcase_add_test(t, result_is_reused);
    tcase_add_test(t, result_verdict_by_item_id);
    tcase_add_test(t, e1_message_lists_every_limit);
    tcase_add_test(t, e2_message_names_every_day);
    tcase_add_test(t, evaluation_allocates_nothing_after_warm_up);
    tcase_add_test(t, enum_counts);
    tcase_add_test(t, messages_in_the_context_language);
    tcase_add_test(t, json_round_trip);
    tcase_add_test(t, json_history_cannot_alter_ivo_report);
    tcase_add_test(t, json_errors_keep_good_records);
    tcase_add_test(t, summary_counts);
    suite_add_tcase(s, t);
    t = tcase_create("alloc");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, alloc_fail_once);
    tcase_add_test(t, alloc_fail_sticky);
    tcase_add_test(t, alloc_fail_leaves_record_unchanged);
    suite_add_tcase(s, t);
    return s;
}

int main(void) { return ek_t_run(suite()); }
