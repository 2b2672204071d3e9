/* SPDX-License-Identifier: MIT */
/* Suite "rules": the temporal rulebook and deadline evaluation at their boundaries. */
#include <stdio.h>

#include "ek_test.h"
#include "rules_internal.h"

static ek_context *ctx;
static ek_evaluation *ev;
static const ek_rulebook *rb;

static void setup(void)
{
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_evaluation_new(&ev));
    rb = ek_rulebook_builtin();
}

static void teardown(void)
{
    ek_evaluation_free(ev);
    ek_context_free(ctx);
    ev = NULL;
    ctx = NULL;
}

static ek_case *mk(void)
{
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "T-1"));
    return c;
}

/* Add an event; returns its index. */
static size_t add(ek_case *c, const char *type, const char *date)
{
    size_t i = 0;
    ck_ok(ek_case_add_event(c, type, ek_t_date(date), &i));
    return i;
}

static size_t place(ek_case *c, const char *date, const char *form, const char *grund, const char *hem)
{
    size_t i = add(c, "placering_verkstalld", date);
    ck_ok(ek_case_event_set_string(c, i, "placeringsform", form));
    ck_ok(ek_case_event_set_string(c, i, "grund", grund));
    if (hem)
        ck_ok(ek_case_event_set_string(c, i, "hem", hem));
    return i;
}

static void run(ek_case *c, const char *as_of) { ck_ok(ek_evaluate_case(ctx, rb, c, ek_t_date(as_of), ev)); }

static size_t count_rule(ek_rule_id rule)
{
    size_t n = 0;
    for (size_t k = 0; k < ek_evaluation_count(ev); k++)
        n += ek_evaluation_at(ev, k)->rule == rule;
    return n;
}

/* The nth (0-based) obligation of a rule; fails the test when missing. */
static const ek_obligation *nth(ek_rule_id rule, size_t n)
{
    size_t seen = 0;
    for (size_t k = 0; k < ek_evaluation_count(ev); k++) {
        const ek_obligation *o = ek_evaluation_at(ev, k);
        if (o->rule == rule && seen++ == n)
            return o;
    }
    ck_abort_msg("no obligation %zu of rule %s (%zu obligations)", n, ek_rule_name(rule), ek_evaluation_count(ev));
    return NULL;
}

static void date_eq(ek_date got, const char *want)
{
    char b[EK_DATE_BUFSIZE] = "NONE";
    if (got != EK_DATE_NONE)
        ck_ok(ek_date_format(got, b, sizeof b));
    if (want == NULL)
        ck_assert_msg(got == EK_DATE_NONE, "expected no date, got %s", b);
    else
        ck_assert_msg(got == ek_t_date(want), "expected %s, got %s", want, b);
}

/* Check start, nominal, legal, done and status of an obligation. */
static void expect(const ek_obligation *o, const char *start, const char *nominal, const char *legal, const char *done,
                   ek_obligation_status st)
{
    ck_assert_ptr_nonnull(o);
    if (start)
        date_eq(o->start, start);
    date_eq(o->nominal, nominal);
    date_eq(o->legal, legal);
    date_eq(o->done, done);
    ck_assert_msg(o->status == st, "%s: status %s, expected %s (%s)", o->rule_name, ek_obligation_status_name(o->status),
                  ek_obligation_status_name(st), o->message);
}

static void strict(void) { ck_ok(ek_policy_set(ek_context_policy(ctx), "bedom_mot", "nominal")); }

/* ------------------------------------------------------------------------ */

START_TEST(rulebook_has_every_rule_of_the_catalogue)
{
    static const char *ids[] = { "skyddsbedomning", "forhandsbedomning", "utredning", "information_utredning",
        "aterkoppling_anmalare", "overvagande_sol", "vardnadsoverflyttning", "vardplan_revision",
        "jourhem_efter_utredning", "forteckning_ivo", "lvu_overvagande", "lvu_omprovning",
        "lvu_vardnadsoverflyttning", "lvu_understallning", "lvu_ansokan_vard", "lvu_vard_paborjad", "lvu_umgange",
        "lvu_uppfoljning", "fl_begaran_avgorande", "ivo_forelaggande", "besok_placerat_barn",
        "genomforandeplan_uppfoljning" };
    ck_assert_uint_eq(ek_rulebook_rule_count(rb), 22);
    ck_assert_str_eq(ek_rulebook_version(rb), "2026.1");
    for (size_t i = 0; i < 22; i++) {
        size_t idx = 99;
        ck_ok(ek_rulebook_find(rb, ids[i], &idx));
        ck_assert_uint_eq(idx, i);
        ck_assert_str_eq(ek_rule_name((ek_rule_id)i), ids[i]);
        ek_rule_info info = EK_RULE_INFO_INIT;
        ck_ok(ek_rulebook_rule(rb, i, &info));
        ck_assert_str_eq(info.name, ids[i]);
        ck_assert(info.title[0] != '\0' && info.description[0] != '\0');
        ck_assert_uint_ge(info.version_count, 1);
        ek_date prev_to = EK_DATE_NONE;
        int old_law = 0, new_law = 0;
        for (size_t k = 0; k < info.version_count; k++) {
            ek_rule_version_info v = EK_RULE_VERSION_INFO_INIT;
            ck_ok(ek_rulebook_rule_version(rb, i, k, &v));
            ck_assert(v.basis != NULL && v.certainty != NULL);
            ck_assert(strchr("VSR", v.certainty[0]) != NULL);
            old_law |= strstr(v.basis, "(2001:453)") != NULL || strstr(v.basis, "(2001:937)") != NULL;
            new_law |= strstr(v.basis, "(2025:400)") != NULL || strstr(v.basis, "(2025:468)") != NULL;
            /* versions are contiguous */
            if (k > 0)
                ck_assert_msg(v.valid_from == prev_to + 1, "%s version %zu not contiguous", ids[i], k);
            prev_to = v.valid_to;
        }
        ck_assert_msg(prev_to == EK_DATE_NONE, "%s: last version must be open", ids[i]);
        /* Every SoL/SoF rule cites both laws (FL 12 § is cited with SoL only under the new law). */
        if ((old_law || new_law) && i != EK_RULE_FL_BEGARAN_AVGORANDE)
            ck_assert_msg(old_law && new_law, "%s cites only one of the two laws", ids[i]);
    }
    size_t idx;
    ck_status(ek_rulebook_find(rb, "forhandsbedomningen", &idx), EK_ENOTFOUND);
    ck_msg_has("forhandsbedomningen");
    /* The built-in rulebook's count bounds ek_rule_id (no count sentinel in the public enum). */
    ck_assert_uint_eq(ek_rulebook_rule_count(rb), (size_t)EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING + 1);
    ck_assert_str_eq(ek_rule_name(EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING), "genomforandeplan_uppfoljning");
    ck_assert_ptr_null(ek_rule_name((ek_rule_id)ek_rulebook_rule_count(rb)));
    ck_assert_ptr_null(ek_rule_name((ek_rule_id)-1));
    ek_rule_info bad = EK_RULE_INFO_INIT;
    bad.version = 99;
    ck_status(ek_rulebook_rule(rb, 0, &bad), EK_EVERSION);
}
END_TEST

START_TEST(version_on_switches_on_2025_07_01)
{
    ek_rule_version_info v = EK_RULE_VERSION_INFO_INIT;
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_UTREDNING, ek_t_date("2025-06-30"), &v));
    ck_assert_str_eq(v.basis, "SoL (2001:453) 11 kap. 2 § 2 st.");
    ck_assert_str_eq(v.certainty, "S");
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_UTREDNING, ek_t_date("2025-07-01"), &v));
    ck_assert_str_eq(v.basis, "SoL (2025:400) 20 kap. 3 §");
    ck_assert_str_eq(v.certainty, "V");
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_VARDNADSOVERFLYTTNING, ek_t_date("2022-06-30"), &v));
    ck_assert_int_eq(v.period.n, 3);
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_VARDNADSOVERFLYTTNING, ek_t_date("2022-07-01"), &v));
    ck_assert_int_eq(v.period.n, 2);
    ck_assert_str_eq(v.basis, "SoL (2001:453) 6 kap. 8 b §");
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_ATERKOPPLING_ANMALARE, ek_t_date("2026-01-14"), &v));
    ck_assert_int_eq(v.has_limit, 0);
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_ATERKOPPLING_ANMALARE, ek_t_date("2026-01-15"), &v));
    ck_assert_int_eq(v.has_limit, 1);
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_BESOK_PLACERAT_BARN, ek_t_date("2026-01-15"), &v));
    ck_assert_str_eq(v.policy_param, "besok_intervall");
    ck_assert_int_eq(ek_rulebook_version_on(rb, EK_RULE_FORHANDSBEDOMNING, ek_t_date("2012-12-31"), &v), EK_ENOTFOUND);
}
END_TEST

/* Certainty marks as DOMAIN.md §4 gives them, and what it marks uncertain visible in every result. */
START_TEST(certainty_as_domain_gives_it)
{
    ek_rule_version_info v = EK_RULE_VERSION_INFO_INIT;
    /* "V new" only: the old references are not claimed as read in a source */
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_INFORMATION_UTREDNING, ek_t_date("2025-06-30"), &v));
    ck_assert_str_eq(v.certainty, "R");
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_FORTECKNING_IVO, ek_t_date("2025-01-31"), &v));
    ck_assert_str_eq(v.certainty, "R");
    /* aterkoppling_anmalare is V throughout (19:6 without a limit until SFS 2025:1501) */
    ck_ok(ek_rulebook_version_on(rb, EK_RULE_ATERKOPPLING_ANMALARE, ek_t_date("2025-10-01"), &v));
    ck_assert_str_eq(v.certainty, "V");
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2025-09-01");
    add(c, "aterkoppling_begard", "2025-09-02");
    add(c, "beslut_inleda_utredning", "2025-09-10");
    add(c, "aterkoppling_lamnad", "2025-10-20");
    run(c, "2026-02-01");
    const ek_obligation *o = nth(EK_RULE_ATERKOPPLING_ANMALARE, 0);
    ck_assert_int_eq(o->status, EK_OBL_MET);
    ck_assert_str_eq(o->certainty, "V");
    ck_assert(!(o->flags & EK_OBL_UNCERTAIN));
    ek_case_free(c);
    /* overvagande_sol, lvu_overvagande: "V (start R)": the reading of the start point is flagged */
    c = mk();
    place(c, "2025-01-15", "familjehem", "sol", "H1");
    run(c, "2025-03-01");
    ck_assert(nth(EK_RULE_OVERVAGANDE_SOL, 0)->flags & EK_OBL_UNCERTAIN);
    ek_case_free(c);
    c = mk();
    place(c, "2025-01-15", "hvb", "lvu2", NULL);
    run(c, "2025-03-01");
    ck_assert(nth(EK_RULE_LVU_OVERVAGANDE, 0)->flags & EK_OBL_UNCERTAIN);
    /* lvu_omprovning's start (verkställighet) is in the statute: not flagged */
    ek_case_free(c);
    c = mk();
    place(c, "2025-01-15", "hvb", "lvu3", NULL);
    run(c, "2025-03-01");
    ck_assert(!(nth(EK_RULE_LVU_OMPROVNING, 0)->flags & EK_OBL_UNCERTAIN));
    ek_case_free(c);
}
END_TEST

START_TEST(names_round_trip)
{
    for (int s = EK_OBL_MET; s <= EK_OBL_ERROR; s++) {
        ek_obligation_status back;
        ck_ok(ek_obligation_status_from_name(ek_obligation_status_name((ek_obligation_status)s), &back));
        ck_assert_int_eq(back, s);
    }
    ek_obligation_status st;
    ck_status(ek_obligation_status_from_name("ok", &st), EK_EPARSE);
    ck_assert_str_eq(ek_obligation_status_name((ek_obligation_status)0), "invalid");
    ck_assert_str_eq(ek_obligation_flag_name(EK_OBL_EXCEPTION), "undantag");
    ck_assert_ptr_null(ek_obligation_flag_name(3));
}
END_TEST

/* ---- förhandsbedömning ---------------------------------------------------- */

START_TEST(forhandsbedomning_rolls_over_new_year)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2025-12-17");
    run(c, "2026-01-02");   /* the last legal day, nothing decided */
    const ek_obligation *o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    expect(o, "2025-12-17", "2025-12-31", "2026-01-02", NULL, EK_OBL_PENDING);
    ck_assert_str_eq(o->basis, "SoL (2025:400) 20 kap. 2 §");
    ck_assert_str_eq(o->certainty, "V");
    ck_assert_uint_eq(o->start_event, 0);
    run(c, "2026-01-03");   /* the day after */
    expect(nth(EK_RULE_FORHANDSBEDOMNING, 0), NULL, "2025-12-31", "2026-01-02", NULL, EK_OBL_OVERDUE);

    size_t d = add(c, "beslut_inleda_utredning", "2026-01-02");
    run(c, "2026-02-01");
    o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    expect(o, NULL, "2025-12-31", "2026-01-02", "2026-01-02", EK_OBL_MET);
    ck_assert_uint_eq(o->done_event, d);
    date_eq(o->judged, "2026-01-02");
    /* A strict policy judges by the nominal end. */
    strict();
    run(c, "2026-02-01");
    o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    ck_assert_int_eq(o->status, EK_OBL_LATE);
    ck_assert(o->flags & EK_OBL_NOMINAL_JUDGED);
    date_eq(o->judged, "2025-12-31");
    ek_case_free(c);
}
END_TEST

START_TEST(forhandsbedomning_late_and_as_of_filter)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-06-05");
    add(c, "beslut_inte_inleda_utredning", "2026-06-23");
    run(c, "2026-07-01");   /* 06-19 midsommarafton → 06-22; 06-23 is late */
    expect(nth(EK_RULE_FORHANDSBEDOMNING, 0), NULL, "2026-06-19", "2026-06-22", "2026-06-23", EK_OBL_LATE);
    run(c, "2026-06-22");   /* the decision is after as-of: it does not exist yet */
    expect(nth(EK_RULE_FORHANDSBEDOMNING, 0), NULL, "2026-06-19", "2026-06-22", NULL, EK_OBL_PENDING);
    run(c, "2026-06-04");   /* before the report: nothing at all */
    ck_assert_uint_eq(ek_evaluation_count(ev), 0);
    ek_case_free(c);
}
END_TEST

START_TEST(forhandsbedomning_basis_straddles_2025_07_01)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2025-06-10");   /* due 2025-06-24: old law */
    add(c, "anmalan_mottagen", "2025-06-20");   /* due 2025-07-04: new law */
    run(c, "2025-08-01");
    ck_assert_str_eq(nth(EK_RULE_FORHANDSBEDOMNING, 0)->basis, "SoL (2001:453) 11 kap. 1 a § 2 st.");
    ck_assert_str_eq(nth(EK_RULE_FORHANDSBEDOMNING, 0)->certainty, "S");
    ck_assert_str_eq(nth(EK_RULE_FORHANDSBEDOMNING, 1)->basis, "SoL (2025:400) 20 kap. 2 §");
    ck_assert_str_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->basis, "SoL (2001:453) 11 kap. 1 a § 1 st.");
    ck_assert_str_eq(nth(EK_RULE_SKYDDSBEDOMNING, 1)->basis, "SoL (2001:453) 11 kap. 1 a § 1 st.");
    ek_case_free(c);
}
END_TEST

START_TEST(forhandsbedomning_not_needed_when_investigation_running)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-02-02");
    add(c, "pagaende_utredning", "2026-02-03");
    run(c, "2026-03-01");
    const ek_obligation *o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    ck_assert_int_eq(o->status, EK_OBL_NOTAPPLICABLE);
    ck_assert(strstr(o->message, "pågående utredning") != NULL);
    ek_case_free(c);

    /* Inferred from the data: an investigation opened before the report, not completed. */
    c = mk();
    add(c, "utredning_inledd", "2026-01-10");
    add(c, "anmalan_mottagen", "2026-02-02");
    run(c, "2026-03-01");
    o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    ck_assert_int_eq(o->status, EK_OBL_NOTAPPLICABLE);
    ck_assert(o->flags & EK_OBL_ASSUMED);
    ek_case_free(c);
}
END_TEST

START_TEST(forhandsbedomning_synnerliga_skal)
{
    /* Issue 14: synnerliga skäl extend the time (20 kap. 2 §: "får endast förlängas"); 0.1 read them as a waiver. */
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-03-02");           /* nominal 03-16 (Mon) */
    size_t x = add(c, "forhandsbedomning_synnerliga_skal", "2026-03-16");
    ck_ok(ek_case_event_set_string(c, x, "skal", "barnet vistas utomlands"));
    add(c, "beslut_inleda_utredning", "2026-03-25");
    run(c, "2026-04-01");
    const ek_obligation *o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    expect(o, NULL, "2026-03-30", "2026-03-30", "2026-03-25", EK_OBL_MET);   /* policy cap: 14 days after 03-16 */
    ck_assert(o->flags & EK_OBL_EXTENDED);
    ck_assert_uint_eq(o->extension_event, x);
    ck_assert(strstr(o->message, "förlängd") != NULL);
    ek_case_free(c);

    /* Documented the day after the end: no extension, late, and it says so. */
    c = mk();
    add(c, "anmalan_mottagen", "2026-03-02");
    add(c, "forhandsbedomning_synnerliga_skal", "2026-03-17");
    add(c, "beslut_inleda_utredning", "2026-03-25");
    run(c, "2026-04-01");
    o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    ck_assert_int_eq(o->status, EK_OBL_LATE);
    ck_assert(!(o->flags & EK_OBL_EXTENDED));
    ck_assert(o->flags & EK_OBL_EXTENSION_TOO_LATE);
    ek_case_free(c);

    /* In time and still undecided after the extended end: overdue, never waived. */
    c = mk();
    add(c, "anmalan_mottagen", "2026-03-02");
    add(c, "forhandsbedomning_synnerliga_skal", "2026-03-10");
    run(c, "2026-04-01");
    o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    ck_assert_int_eq(o->status, EK_OBL_OVERDUE);
    ck_assert(o->flags & EK_OBL_EXTENDED);
    ek_case_free(c);
}
END_TEST

/* ---- utredning ------------------------------------------------------------ */

START_TEST(utredning_month_end_and_rollover)
{
    ek_case *c = mk();
    add(c, "utredning_inledd", "2025-10-31");
    size_t a = add(c, "utredning_avslutad", "2026-03-02");
    run(c, "2026-04-01");   /* 2026-02-28 is a Saturday: legal 03-02 */
    expect(nth(EK_RULE_UTREDNING, 0), "2025-10-31", "2026-02-28", "2026-03-02", "2026-03-02", EK_OBL_MET);
    ck_assert_str_eq(nth(EK_RULE_UTREDNING, 0)->basis, "SoL (2025:400) 20 kap. 3 §");
    ck_ok(ek_case_reset(c, "T-2"));
    add(c, "utredning_inledd", "2025-10-31");
    add(c, "utredning_avslutad", "2026-03-03");
    run(c, "2026-04-01");
    expect(nth(EK_RULE_UTREDNING, 0), NULL, "2026-02-28", "2026-03-02", "2026-03-03", EK_OBL_LATE);
    (void)a;
    ck_ok(ek_case_reset(c, "T-3"));
    add(c, "utredning_inledd", "2026-08-31");
    run(c, "2027-01-04");
    expect(nth(EK_RULE_UTREDNING, 0), NULL, "2026-12-31", "2027-01-04", NULL, EK_OBL_PENDING);
    run(c, "2027-01-05");
    ck_assert_int_eq(nth(EK_RULE_UTREDNING, 0)->status, EK_OBL_OVERDUE);
    ek_case_free(c);
}
END_TEST

START_TEST(utredning_extension_before_and_after_expiry)
{
    ek_case *c = mk();
    size_t s = add(c, "utredning_inledd", "2025-10-31");
    size_t x = add(c, "utredning_forlangd", "2026-02-20");
    ck_ok(ek_case_event_set_date(c, x, "ny_slutdag", ek_t_date("2026-04-30")));
    add(c, "utredning_avslutad", "2026-04-15");
    run(c, "2026-05-01");
    const ek_obligation *o = nth(EK_RULE_UTREDNING, 0);
    expect(o, NULL, "2026-04-30", "2026-04-30", "2026-04-15", EK_OBL_MET);
    ck_assert(o->flags & EK_OBL_EXTENDED);
    ck_assert_uint_eq(o->extension_event, x);
    date_eq(o->original_nominal, "2026-02-28");
    (void)s;
    ek_case_free(c);

    /* Decided on the legal end (nominal already passed): in time under the default policy, not under strict. */
    c = mk();
    add(c, "utredning_inledd", "2025-10-31");
    x = add(c, "utredning_forlangd", "2026-03-02");
    ck_ok(ek_case_event_set_date(c, x, "ny_slutdag", ek_t_date("2026-04-30")));
    run(c, "2026-04-01");
    o = nth(EK_RULE_UTREDNING, 0);
    expect(o, NULL, "2026-04-30", "2026-04-30", NULL, EK_OBL_PENDING);
    strict();
    run(c, "2026-04-01");
    o = nth(EK_RULE_UTREDNING, 0);
    expect(o, NULL, "2026-02-28", "2026-03-02", NULL, EK_OBL_OVERDUE);
    ck_assert(o->flags & EK_OBL_EXTENSION_TOO_LATE);
    ck_assert(strstr(o->message, "räddar inte") != NULL);
    ek_case_free(c);
}
END_TEST

START_TEST(utredning_extension_after_expiry_does_not_rescue)
{
    ek_case *c = mk();
    add(c, "utredning_inledd", "2025-10-31");
    size_t x = add(c, "utredning_forlangd", "2026-03-03");
    ck_ok(ek_case_event_set_date(c, x, "ny_slutdag", ek_t_date("2026-04-30")));
    add(c, "utredning_avslutad", "2026-04-15");
    run(c, "2026-05-01");
    const ek_obligation *o = nth(EK_RULE_UTREDNING, 0);
    expect(o, NULL, "2026-02-28", "2026-03-02", "2026-04-15", EK_OBL_LATE);
    ck_assert(o->flags & EK_OBL_EXTENSION_TOO_LATE);
    ck_assert(!(o->flags & EK_OBL_EXTENDED));
    ek_case_free(c);
}
END_TEST

/* Issue 19: an obligation's message grows as needed; it was cut at 400 bytes before. */
START_TEST(long_message_is_not_cut)
{
    static const char *days[] = { "2026-03-03", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30",
                                  "2026-04-06", "2026-04-13", "2026-04-20" };
    enum { N = sizeof days / sizeof days[0] };
    ek_case *c = mk();
    add(c, "utredning_inledd", "2025-10-31");
    for (size_t i = 0; i < N; i++) {
        size_t x = add(c, "utredning_forlangd", days[i]);
        ck_ok(ek_case_event_set_date(c, x, "ny_slutdag", ek_t_date("2026-06-30")));
    }
    run(c, "2026-05-01");
    const ek_obligation *o = nth(EK_RULE_UTREDNING, 0);
    ck_assert(o->flags & EK_OBL_EXTENSION_TOO_LATE);
    /* One "…: räddar inte fristen" per extension, "; "-separated, the last one whole. */
    size_t n = 0;
    for (const char *p = o->message; (p = strstr(p, "räddar inte fristen")) != NULL; p++)
        n++;
    ck_assert_msg(n == N, "%zu of %d parts in a message of %zu bytes: %s", n, (int)N, strlen(o->message), o->message);
    ck_assert_msg(strlen(o->message) > 400, "message of %zu bytes", strlen(o->message));
    char last[128];
    snprintf(last, sizeof last, "utredning_forlangd %s, efter att fristen löpt ut 2026-03-02: räddar inte fristen",
             days[N - 1]);
    size_t len = strlen(o->message), ll = strlen(last);
    ck_assert(len > ll && strcmp(o->message + len - ll, last) == 0);
    ck_assert(strncmp(o->message + len - ll - 2, "; ", 2) == 0);
    ek_case_free(c);
}
END_TEST

/* A case of more than 64 events (the evaluation indexes events by type in 64-bit words): starts,
 * completions and a running investigation found across word boundaries, as in a short case. */
START_TEST(many_events_cross_word_boundaries)
{
    ek_case *c = mk();
    add(c, "utredning_inledd", "2025-01-10");                /* position 0 */
    for (int i = 0; i < 70; i++)
        add(c, "samtal_med_barnet", "2025-01-20");
    add(c, "anmalan_mottagen", "2025-04-01");                /* position 71 */
    add(c, "skyddsbedomning", "2025-04-01");
    for (int i = 0; i < 70; i++)
        add(c, "samtal_med_barnet", "2025-05-20");
    add(c, "utredning_avslutad", "2025-09-01");              /* position 142 */
    run(c, "2025-10-01");
    const ek_obligation *o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    ck_assert_int_eq(o->status, EK_OBL_NOTAPPLICABLE);       /* the investigation opened at position 0 runs */
    ck_assert(o->flags & EK_OBL_ASSUMED);
    ck_assert(strstr(o->message, "2025-01-10") != NULL);
    o = nth(EK_RULE_SKYDDSBEDOMNING, 0);
    date_eq(o->done, "2025-04-01");
    ck_assert_int_eq(o->status, EK_OBL_MET);
    o = nth(EK_RULE_UTREDNING, 0);
    date_eq(o->start, "2025-01-10");
    date_eq(o->done, "2025-09-01");
    ck_assert_int_eq(o->status, EK_OBL_LATE);
    ck_assert_uint_eq(count_rule(EK_RULE_UTREDNING), 1);
    ek_case_free(c);
}
END_TEST

/* Only the rules an event of the case starts are run, and in rulebook order, whatever the order of
 * the event types in the case. */
START_TEST(rules_run_in_rulebook_order)
{
    ek_case *c = mk();
    add(c, "ivo_beslut", "2025-03-01");
    add(c, "begaran_avgorande", "2025-03-02");
    add(c, "utredning_inledd", "2025-03-03");
    add(c, "anmalan_mottagen", "2025-03-04");
    run(c, "2025-12-31");
    ck_assert_uint_eq(count_rule(EK_RULE_IVO_FORELAGGANDE), 1);
    ck_assert_uint_eq(count_rule(EK_RULE_FL_BEGARAN_AVGORANDE), 1);
    ck_assert_uint_eq(count_rule(EK_RULE_UTREDNING), 1);
    ck_assert_uint_eq(count_rule(EK_RULE_SKYDDSBEDOMNING), 1);
    ck_assert_uint_eq(count_rule(EK_RULE_BESOK_PLACERAT_BARN), 0);   /* no placement */
    for (size_t k = 1; k < ek_evaluation_count(ev); k++)
        ck_assert_int_le(ek_evaluation_at(ev, k - 1)->rule, ek_evaluation_at(ev, k)->rule);
    ek_case_free(c);
}
END_TEST

START_TEST(contradictions_are_errors)
{
    ek_case *c = mk();
    add(c, "utredning_avslutad", "2025-09-05");
    add(c, "utredning_inledd", "2025-09-10");
    run(c, "2025-12-01");
    const ek_obligation *o = nth(EK_RULE_UTREDNING, 0);
    ck_assert_int_eq(o->status, EK_OBL_ERROR);
    ck_assert(strstr(o->message, "utredning_avslutad") != NULL);
    ck_assert(strstr(o->message, "2025-09-05") != NULL);
    ek_case_free(c);

    /* A completion that names its start by ref but is dated before it. */
    c = mk();
    size_t s = add(c, "anmalan_mottagen", "2026-02-10");
    ck_ok(ek_case_event_set_id(c, s, "a1"));
    size_t d = add(c, "beslut_inleda_utredning", "2026-02-01");
    ck_ok(ek_case_event_set_ref(c, d, "a1"));
    run(c, "2026-03-01");
    ck_assert_int_eq(nth(EK_RULE_FORHANDSBEDOMNING, 0)->status, EK_OBL_ERROR);
    ek_case_free(c);

    /* IVO decision without a reply date. */
    c = mk();
    add(c, "ivo_beslut", "2026-02-01");
    run(c, "2026-03-01");
    ck_assert_int_eq(nth(EK_RULE_IVO_FORELAGGANDE, 0)->status, EK_OBL_ERROR);
    ek_case_free(c);
}
END_TEST

START_TEST(ref_pairs_out_of_order)
{
    ek_case *c = mk();
    size_t a1 = add(c, "anmalan_mottagen", "2026-02-02");
    size_t a2 = add(c, "anmalan_mottagen", "2026-02-03");
    ck_ok(ek_case_event_set_id(c, a1, "a1"));
    ck_ok(ek_case_event_set_id(c, a2, "a2"));
    size_t d2 = add(c, "beslut_inleda_utredning", "2026-02-05");
    ck_ok(ek_case_event_set_ref(c, d2, "a2"));
    run(c, "2026-02-10");
    expect(nth(EK_RULE_FORHANDSBEDOMNING, 0), "2026-02-02", "2026-02-16", "2026-02-16", NULL, EK_OBL_PENDING);
    expect(nth(EK_RULE_FORHANDSBEDOMNING, 1), "2026-02-03", "2026-02-17", "2026-02-17", "2026-02-05", EK_OBL_MET);
    ek_case_free(c);
}
END_TEST

/* Start and completion that both name the same report by ref (how case
 * systems link feedback to the report it concerns) belong together. */
START_TEST(ref_to_a_shared_subject_pairs)
{
    ek_case *c = mk();
    size_t r = add(c, "anmalan_mottagen", "2026-02-02");
    ck_ok(ek_case_event_set_id(c, r, "r1"));
    ck_ok(ek_case_event_set_ref(c, add(c, "aterkoppling_begard", "2026-02-03"), "r1"));
    ck_ok(ek_case_event_set_ref(c, add(c, "beslut_inleda_utredning", "2026-02-05"), "r1"));
    ck_ok(ek_case_event_set_ref(c, add(c, "aterkoppling_lamnad", "2026-02-09"), "r1"));
    run(c, "2026-02-20");
    expect(nth(EK_RULE_ATERKOPPLING_ANMALARE, 0), "2026-02-05", "2026-02-12", "2026-02-12", "2026-02-09", EK_OBL_MET);
    ek_case_free(c);

    /* Two reports: the feedback names the second one, so the first stays open. */
    c = mk();
    r = add(c, "anmalan_mottagen", "2026-02-02");
    ck_ok(ek_case_event_set_id(c, r, "r1"));
    r = add(c, "anmalan_mottagen", "2026-02-03");
    ck_ok(ek_case_event_set_id(c, r, "r2"));
    ck_ok(ek_case_event_set_ref(c, add(c, "aterkoppling_begard", "2026-02-03"), "r1"));
    ck_ok(ek_case_event_set_ref(c, add(c, "aterkoppling_begard", "2026-02-04"), "r2"));
    ck_ok(ek_case_event_set_ref(c, add(c, "beslut_inleda_utredning", "2026-02-05"), "r1"));
    ck_ok(ek_case_event_set_ref(c, add(c, "beslut_inte_inleda_utredning", "2026-02-06"), "r2"));
    ck_ok(ek_case_event_set_ref(c, add(c, "aterkoppling_lamnad", "2026-02-09"), "r2"));
    run(c, "2026-02-20");
    ck_assert_uint_eq(count_rule(EK_RULE_ATERKOPPLING_ANMALARE), 2);
    const ek_obligation *o1 = nth(EK_RULE_ATERKOPPLING_ANMALARE, 0);
    const ek_obligation *o2 = nth(EK_RULE_ATERKOPPLING_ANMALARE, 1);
    ck_assert_int_eq(o1->status, EK_OBL_OVERDUE);
    ck_assert_int_eq(o2->status, EK_OBL_MET);
    date_eq(o2->done, "2026-02-09");
    ek_case_free(c);
}
END_TEST

/* A report whose reporter is not recorded: the feedback duty is assumed, and says so. */
START_TEST(aterkoppling_unknown_reporter_is_an_assumption)
{
    ek_case *c = mk();
    size_t r = add(c, "anmalan_mottagen", "2026-02-02");
    ck_ok(ek_case_event_set_id(c, r, "r1"));
    ck_ok(ek_case_event_set_ref(c, add(c, "aterkoppling_begard", "2026-02-03"), "r1"));
    ck_ok(ek_case_event_set_ref(c, add(c, "beslut_inleda_utredning", "2026-02-05"), "r1"));
    run(c, "2026-03-01");
    const ek_obligation *o = nth(EK_RULE_ATERKOPPLING_ANMALARE, 0);
    ck_assert_int_eq(o->status, EK_OBL_OVERDUE);
    ck_assert_msg(o->flags & EK_OBL_ASSUMED, "flags %#x lack EK_OBL_ASSUMED", o->flags);
    ek_case_free(c);

    /* A recorded mandatory reporter is no assumption. */
    c = mk();
    r = add(c, "anmalan_mottagen", "2026-02-02");
    ck_ok(ek_case_event_set_string(c, r, "anmalare", "skola"));
    add(c, "aterkoppling_begard", "2026-02-03");
    add(c, "beslut_inleda_utredning", "2026-02-05");
    run(c, "2026-03-01");
    ck_assert(!(nth(EK_RULE_ATERKOPPLING_ANMALARE, 0)->flags & EK_OBL_ASSUMED));
    ek_case_free(c);
}
END_TEST

/* A duty that arises when a report comes in did not arise for a report
 * received before the duty was introduced (2013-01-01): not applicable, not
 * "met" or "overdue" on the day of entry into force. */
START_TEST(duty_introduced_after_the_report_does_not_arise)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2010-03-01");
    add(c, "beslut_inleda_utredning", "2010-05-01");
    run(c, "2026-03-01");
    ck_assert_int_eq(nth(EK_RULE_FORHANDSBEDOMNING, 0)->status, EK_OBL_NOTAPPLICABLE);
    ck_assert_int_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->status, EK_OBL_NOTAPPLICABLE);
    ek_case_free(c);

    /* Received on the day the duty came into force: it applies. */
    c = mk();
    add(c, "anmalan_mottagen", "2013-01-01");
    add(c, "beslut_inleda_utredning", "2013-01-10");
    run(c, "2026-03-01");
    ck_assert_int_eq(nth(EK_RULE_FORHANDSBEDOMNING, 0)->status, EK_OBL_MET);
    ck_assert_int_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->status, EK_OBL_OVERDUE);
    ek_case_free(c);
}
END_TEST

/* ---- genast-rules ---------------------------------------------------------- */

START_TEST(skyddsbedomning_grace_from_policy)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-06-05");   /* Friday; +1d = nationaldagen (Sat): "genast" never rolls (issue 14) */
    run(c, "2026-06-06");
    expect(nth(EK_RULE_SKYDDSBEDOMNING, 0), NULL, "2026-06-06", "2026-06-06", NULL, EK_OBL_PENDING);
    ck_assert_str_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->basis, "SoL (2025:400) 20 kap. 1 §");
    ck_assert_int_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->period_kind, EK_PERIOD_POLICY);
    ck_assert_str_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->policy_param, "skyddsbedomning_marginal");
    run(c, "2026-06-07");
    ck_assert_int_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->status, EK_OBL_OVERDUE);
    add(c, "skyddsbedomning", "2026-06-08");
    run(c, "2026-06-09");
    ck_assert_int_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->status, EK_OBL_LATE);
    strict();
    run(c, "2026-06-09");
    ck_assert_int_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->status, EK_OBL_LATE);
    ck_ok(ek_policy_set(ek_context_policy(ctx), "skyddsbedomning_marginal", "0d"));
    run(c, "2026-06-09");
    expect(nth(EK_RULE_SKYDDSBEDOMNING, 0), NULL, "2026-06-05", "2026-06-05", "2026-06-08", EK_OBL_LATE);
    ek_case_free(c);
}
END_TEST

START_TEST(information_utredning_genast)
{
    ek_case *c = mk();
    add(c, "utredning_inledd", "2026-03-10");
    add(c, "information_utredning", "2026-03-11");
    run(c, "2026-04-01");
    expect(nth(EK_RULE_INFORMATION_UTREDNING, 0), NULL, "2026-03-11", "2026-03-11", "2026-03-11", EK_OBL_MET);
    ck_assert_str_eq(nth(EK_RULE_INFORMATION_UTREDNING, 0)->basis, "SoL (2025:400) 20 kap. 4 §");
    ek_case_free(c);
}
END_TEST

/* ---- återkoppling (2026-01-15) -------------------------------------------- */

START_TEST(aterkoppling_from_2026_01_15)
{
    ek_case *c = mk();
    size_t r = add(c, "anmalan_mottagen", "2026-01-05");
    ck_ok(ek_case_event_set_string(c, r, "anmalare", "skola"));
    add(c, "aterkoppling_begard", "2026-01-10");
    add(c, "beslut_inleda_utredning", "2026-01-12");
    run(c, "2026-01-19");
    const ek_obligation *o = nth(EK_RULE_ATERKOPPLING_ANMALARE, 0);
    expect(o, "2026-01-12", "2026-01-19", "2026-01-19", NULL, EK_OBL_PENDING);
    ck_assert_str_eq(o->basis, "SoL (2025:400) 19 kap. 6 § (SFS 2025:1501)");
    run(c, "2026-01-20");
    ck_assert_int_eq(nth(EK_RULE_ATERKOPPLING_ANMALARE, 0)->status, EK_OBL_OVERDUE);
    ek_case_free(c);

    /* Decision 2026-01-05: a week ends 01-12, before the rule: due on entry into force. */
    c = mk();
    add(c, "anmalan_mottagen", "2025-12-20");
    add(c, "aterkoppling_begard", "2026-01-02");
    add(c, "beslut_inte_inleda_utredning", "2026-01-05");
    run(c, "2026-01-15");
    o = nth(EK_RULE_ATERKOPPLING_ANMALARE, 0);
    expect(o, "2026-01-05", "2026-01-15", "2026-01-15", NULL, EK_OBL_PENDING);
    ck_assert(o->flags & EK_OBL_CLAMPED);
    date_eq(o->original_nominal, "2026-01-12");
    run(c, "2026-01-16");
    ck_assert_int_eq(nth(EK_RULE_ATERKOPPLING_ANMALARE, 0)->status, EK_OBL_OVERDUE);
    ek_case_free(c);

    /* Answered in 2025 when no limit applied: met under the version then in force. */
    c = mk();
    add(c, "anmalan_mottagen", "2025-09-01");
    add(c, "aterkoppling_begard", "2025-09-02");
    add(c, "beslut_inleda_utredning", "2025-09-10");
    add(c, "aterkoppling_lamnad", "2025-10-20");
    run(c, "2026-02-01");
    o = nth(EK_RULE_ATERKOPPLING_ANMALARE, 0);
    expect(o, NULL, NULL, NULL, "2025-10-20", EK_OBL_MET);
    ck_assert_str_eq(o->basis, "SoL (2025:400) 19 kap. 6 §");
    ek_case_free(c);

    /* Asked after the decision: "genast" (policy 1d). */
    c = mk();
    add(c, "anmalan_mottagen", "2026-02-02");
    add(c, "beslut_inleda_utredning", "2026-02-05");
    add(c, "aterkoppling_begard", "2026-02-09");
    run(c, "2026-02-10");
    expect(nth(EK_RULE_ATERKOPPLING_ANMALARE, 0), "2026-02-09", "2026-02-10", "2026-02-10", NULL, EK_OBL_PENDING);
    ek_case_free(c);

    /* A private person is not a mandatory reporter. */
    c = mk();
    r = add(c, "anmalan_mottagen", "2026-02-02");
    ck_ok(ek_case_event_set_string(c, r, "anmalare", "privatperson"));
    add(c, "aterkoppling_begard", "2026-02-03");
    run(c, "2026-03-01");
    ck_assert_int_eq(nth(EK_RULE_ATERKOPPLING_ANMALARE, 0)->status, EK_OBL_NOTAPPLICABLE);
    ek_case_free(c);
}
END_TEST

/* ---- recurring duties ------------------------------------------------------ */

START_TEST(overvagande_sol_series)
{
    ek_case *c = mk();
    place(c, "2025-01-15", "familjehem", "sol", "H1");
    add(c, "overvagande", "2025-07-10");
    add(c, "overvagande", "2026-01-20");
    run(c, "2026-03-01");
    ck_assert_uint_eq(count_rule(EK_RULE_OVERVAGANDE_SOL), 3);
    const ek_obligation *o = nth(EK_RULE_OVERVAGANDE_SOL, 0);
    expect(o, "2025-01-15", "2025-07-15", "2025-07-15", "2025-07-10", EK_OBL_MET);
    ck_assert_uint_eq(o->sequence, 1);
    ck_assert_str_eq(o->basis, "SoL (2025:400) 22 kap. 13 §");
    expect(nth(EK_RULE_OVERVAGANDE_SOL, 1), "2025-07-10", "2026-01-10", "2026-01-12", "2026-01-20", EK_OBL_LATE);
    o = nth(EK_RULE_OVERVAGANDE_SOL, 2);
    expect(o, "2026-01-20", "2026-07-20", "2026-07-20", NULL, EK_OBL_PENDING);
    ck_assert(o->flags & EK_OBL_NEXT);
    ck_assert(o->flags & EK_OBL_RECURRING);
    /* LVU rules do not apply to a SoL placement. */
    ck_assert_uint_eq(count_rule(EK_RULE_LVU_OVERVAGANDE), 0);
    ek_case_free(c);
}
END_TEST

START_TEST(overvagande_missed_periods_count_from_the_same_day)
{
    ek_case *c = mk();
    place(c, "2024-08-31", "hvb", "sol", NULL);
    run(c, "2026-03-01");
    ck_assert_uint_eq(count_rule(EK_RULE_OVERVAGANDE_SOL), 3);
    expect(nth(EK_RULE_OVERVAGANDE_SOL, 0), NULL, "2025-02-28", "2025-02-28", NULL, EK_OBL_OVERDUE);
    ck_assert_str_eq(nth(EK_RULE_OVERVAGANDE_SOL, 0)->basis, "SoL (2001:453) 6 kap. 8 § 1 st.");
    expect(nth(EK_RULE_OVERVAGANDE_SOL, 1), NULL, "2025-08-31", "2025-09-01", NULL, EK_OBL_OVERDUE);
    ck_assert_str_eq(nth(EK_RULE_OVERVAGANDE_SOL, 1)->basis, "SoL (2025:400) 22 kap. 13 §");
    /* 2024-08-31 + 18 months, not 2025-08-31 + 6 months (= 2026-02-28 as well, but via the same day) */
    expect(nth(EK_RULE_OVERVAGANDE_SOL, 2), NULL, "2026-02-28", "2026-03-02", NULL, EK_OBL_PENDING);
    /* Strict: the third is overdue, and the next one (2024-08-31 + 24 months) is listed. */
    strict();
    run(c, "2026-03-01");
    ck_assert_uint_eq(count_rule(EK_RULE_OVERVAGANDE_SOL), 4);
    ck_assert_int_eq(nth(EK_RULE_OVERVAGANDE_SOL, 2)->status, EK_OBL_OVERDUE);
    expect(nth(EK_RULE_OVERVAGANDE_SOL, 3), NULL, "2026-08-31", "2026-08-31", NULL, EK_OBL_PENDING);
    ek_case_free(c);
}
END_TEST

START_TEST(series_end_with_placement)
{
    ek_case *c = mk();
    place(c, "2025-01-15", "familjehem", "sol", "H1");
    add(c, "placering_avslutad", "2025-10-01");
    run(c, "2026-06-01");
    ck_assert_uint_eq(count_rule(EK_RULE_OVERVAGANDE_SOL), 1);
    ck_assert_int_eq(nth(EK_RULE_OVERVAGANDE_SOL, 0)->status, EK_OBL_OVERDUE);
    /* visits every 3 months: 04-15, 07-15 due in the placement; 10-15 not */
    ck_assert_uint_eq(count_rule(EK_RULE_BESOK_PLACERAT_BARN), 2);
    ek_case_free(c);
}
END_TEST

START_TEST(besok_interval_is_policy)
{
    ek_case *c = mk();
    place(c, "2026-01-15", "familjehem", "sol", "H1");
    add(c, "besok", "2026-03-01");
    run(c, "2026-06-10");
    ck_assert_uint_eq(count_rule(EK_RULE_BESOK_PLACERAT_BARN), 3);
    expect(nth(EK_RULE_BESOK_PLACERAT_BARN, 0), NULL, "2026-04-15", "2026-04-15", "2026-03-01", EK_OBL_MET);
    expect(nth(EK_RULE_BESOK_PLACERAT_BARN, 1), "2026-03-01", "2026-06-01", "2026-06-01", NULL, EK_OBL_OVERDUE);
    expect(nth(EK_RULE_BESOK_PLACERAT_BARN, 2), NULL, "2026-09-01", "2026-09-01", NULL, EK_OBL_PENDING);
    ck_assert_str_eq(nth(EK_RULE_BESOK_PLACERAT_BARN, 0)->basis, "SoL (2025:400) 22 kap. 11–12 §§");
    ck_ok(ek_policy_set(ek_context_policy(ctx), "besok_intervall", "1m"));
    run(c, "2026-06-10");
    /* 02-15 (Sunday): a policy interval does not roll (issue 14); the visit on 03-01 is late; then monthly */
    expect(nth(EK_RULE_BESOK_PLACERAT_BARN, 0), NULL, "2026-02-15", "2026-02-15", "2026-03-01", EK_OBL_LATE);
    ck_assert_uint_eq(count_rule(EK_RULE_BESOK_PLACERAT_BARN), 5);   /* 04-01, 05-01, 06-01 overdue, 07-01 */
    ek_case_free(c);
}
END_TEST

START_TEST(vardnadsoverflyttning_2022_change)
{
    ek_case *c = mk();
    place(c, "2020-01-10", "familjehem", "sol", "H1");
    run(c, "2022-08-01");
    const ek_obligation *o = nth(EK_RULE_VARDNADSOVERFLYTTNING, 0);
    /* 2 years would be 2022-01-10, before the amendment: due on 2022-07-01 */
    expect(o, "2020-01-10", "2022-07-01", "2022-07-01", NULL, EK_OBL_OVERDUE);
    ck_assert(o->flags & EK_OBL_CLAMPED);
    ck_assert_str_eq(o->basis, "SoL (2001:453) 6 kap. 8 b §");
    run(c, "2022-07-01");
    ck_assert_int_eq(nth(EK_RULE_VARDNADSOVERFLYTTNING, 0)->status, EK_OBL_PENDING);
    ek_case_free(c);

    /* Three years under the old wording, then yearly. */
    c = mk();
    place(c, "2019-01-10", "familjehem", "sol", "H1");
    add(c, "vardnadsoverflyttning_overvagd", "2022-01-20");
    run(c, "2023-03-01");
    ck_assert_uint_eq(count_rule(EK_RULE_VARDNADSOVERFLYTTNING), 3);
    o = nth(EK_RULE_VARDNADSOVERFLYTTNING, 0);
    expect(o, NULL, "2022-01-10", "2022-01-10", "2022-01-20", EK_OBL_LATE);
    ck_assert_str_eq(o->basis, "SoL (2001:453) 6 kap. 8 § 2 st.");
    expect(nth(EK_RULE_VARDNADSOVERFLYTTNING, 1), "2022-01-20", "2023-01-20", "2023-01-20", NULL, EK_OBL_OVERDUE);
    ck_assert_str_eq(nth(EK_RULE_VARDNADSOVERFLYTTNING, 1)->basis, "SoL (2001:453) 6 kap. 8 b §");
    ek_case_free(c);

    /* A move to another familjehem restarts the count; an HVB never counts. */
    c = mk();
    place(c, "2023-09-01", "familjehem", "sol", "H1");
    place(c, "2024-03-01", "familjehem", "sol", "H2");
    run(c, "2026-04-01");
    ck_assert_uint_eq(count_rule(EK_RULE_VARDNADSOVERFLYTTNING), 2);   /* overdue, then yearly: next pending */
    date_eq(nth(EK_RULE_VARDNADSOVERFLYTTNING, 1)->nominal, "2027-03-01");
    o = nth(EK_RULE_VARDNADSOVERFLYTTNING, 0);
    expect(o, "2024-03-01", "2026-03-01", "2026-03-02", NULL, EK_OBL_OVERDUE);
    ck_assert_str_eq(o->basis, "SoL (2025:400) 22 kap. 14 §");
    ek_case_free(c);
}
END_TEST

START_TEST(lvu_rules)
{
    ek_case *c = mk();
    add(c, "omedelbart_omhandertagande", "2026-06-05");
    add(c, "omedelbart_omhandertagande_verkstallt", "2026-06-05");
    add(c, "understallning", "2026-06-12");
    run(c, "2026-07-10");
    const ek_obligation *o = nth(EK_RULE_LVU_UNDERSTALLNING, 0);
    expect(o, NULL, "2026-06-12", "2026-06-12", "2026-06-12", EK_OBL_MET);
    ck_assert(o->flags & EK_OBL_LAPSES);
    ck_assert_str_eq(o->basis, "LVU (1990:52) 7 §");
    /* 06-05 + 4 weeks = 07-03 */
    expect(nth(EK_RULE_LVU_ANSOKAN_VARD, 0), NULL, "2026-07-03", "2026-07-03", NULL, EK_OBL_OVERDUE);
    ek_case_free(c);

    c = mk();
    add(c, "dom_laga_kraft", "2026-05-04");
    place(c, "2026-05-20", "familjehem", "lvu3", "H1");
    add(c, "omprovning", "2026-11-10");
    run(c, "2026-12-01");
    expect(nth(EK_RULE_LVU_VARD_PABORJAD, 0), NULL, "2026-06-01", "2026-06-01", "2026-05-20", EK_OBL_MET);
    expect(nth(EK_RULE_LVU_OMPROVNING, 0), "2026-05-20", "2026-11-20", "2026-11-20", "2026-11-10", EK_OBL_MET);
    ck_assert_str_eq(nth(EK_RULE_LVU_OMPROVNING, 0)->basis, "LVU (1990:52) 13 § 2 st.");
    ck_assert_uint_eq(count_rule(EK_RULE_LVU_OMPROVNING), 2);
    ck_assert_uint_eq(count_rule(EK_RULE_OVERVAGANDE_SOL), 0);
    ck_assert_uint_eq(count_rule(EK_RULE_LVU_VARDNADSOVERFLYTTNING), 1);
    ek_case_free(c);

    c = mk();
    place(c, "2025-11-30", "hvb", "lvu2", NULL);
    add(c, "umgangesbegransning", "2025-11-30");
    add(c, "umgangesbegransning_omprovad", "2026-03-02");
    run(c, "2026-03-10");
    expect(nth(EK_RULE_LVU_UMGANGE, 0), NULL, "2026-02-28", "2026-03-02", "2026-03-02", EK_OBL_MET);
    expect(nth(EK_RULE_LVU_UMGANGE, 1), "2026-03-02", "2026-06-02", "2026-06-02", NULL, EK_OBL_PENDING);
    ck_assert_str_eq(nth(EK_RULE_LVU_OVERVAGANDE, 0)->basis, "LVU (1990:52) 13 § 1 st.");
    ek_case_free(c);
}
END_TEST

START_TEST(lvu_uppfoljning_only_under_18)
{
    ek_case *c = mk();
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2008-03-01")));
    add(c, "lvu_vard_avslutad", "2026-02-28");   /* 17 years old */
    run(c, "2026-03-10");
    expect(nth(EK_RULE_LVU_UPPFOLJNING, 0), NULL, "2026-08-28", "2026-08-28", NULL, EK_OBL_PENDING);
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2008-02-28")));   /* 18 that day */
    run(c, "2026-03-10");
    ck_assert_int_eq(nth(EK_RULE_LVU_UPPFOLJNING, 0)->status, EK_OBL_NOTAPPLICABLE);
    ck_ok(ek_case_set_birth_date(c, EK_DATE_NONE));
    run(c, "2026-03-10");
    ck_assert(nth(EK_RULE_LVU_UPPFOLJNING, 0)->flags & EK_OBL_ASSUMED);
    ck_assert(nth(EK_RULE_LVU_UPPFOLJNING, 0)->flags & EK_OBL_UNCERTAIN);
    ek_case_free(c);
}
END_TEST

START_TEST(vardplan_jourhem_genomforandeplan)
{
    ek_case *c = mk();
    place(c, "2024-03-15", "familjehem", "sol", "H1");
    add(c, "genomforandeplan", "2025-10-01");
    add(c, "genomforandeplan_reviderad", "2026-04-01");
    run(c, "2026-04-10");
    expect(nth(EK_RULE_VARDPLAN_REVISION, 0), NULL, "2026-03-15", "2026-03-16", NULL, EK_OBL_OVERDUE);
    ck_assert_str_eq(nth(EK_RULE_VARDPLAN_REVISION, 0)->basis, "SoL (2025:400) 9 kap. 13 §");
    expect(nth(EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING, 0), "2025-10-01", "2026-04-01", "2026-04-01", "2026-04-01",
           EK_OBL_MET);
    ck_assert_uint_eq(count_rule(EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING), 2);
    ek_case_free(c);

    c = mk();
    place(c, "2018-05-02", "familjehem", "sol", "H1");
    run(c, "2021-04-01");   /* the duty came 2021-03-01 */
    const ek_obligation *o = nth(EK_RULE_VARDPLAN_REVISION, 0);
    expect(o, NULL, "2021-03-01", "2021-03-01", NULL, EK_OBL_OVERDUE);
    ck_assert(o->flags & EK_OBL_CLAMPED);
    ek_case_free(c);

    c = mk();
    place(c, "2025-09-01", "jourhem", "sol", "J1");
    add(c, "utredning_inledd", "2025-09-01");
    add(c, "utredning_avslutad", "2025-10-15");
    place(c, "2025-12-10", "familjehem", "sol", "H1");
    run(c, "2026-01-10");
    expect(nth(EK_RULE_JOURHEM_EFTER_UTREDNING, 0), "2025-10-15", "2025-12-15", "2025-12-15", "2025-12-10",
           EK_OBL_MET);
    ek_case_free(c);
}
END_TEST

START_TEST(ivo_fl_and_annual)
{
    ek_case *c = mk();
    size_t b = add(c, "ivo_beslut", "2026-02-01");
    ck_ok(ek_case_event_set_date(c, b, "svar_senast", ek_t_date("2026-03-27")));   /* Friday */
    add(c, "ivo_svar", "2026-03-27");
    run(c, "2026-04-01");
    expect(nth(EK_RULE_IVO_FORELAGGANDE, 0), NULL, "2026-03-27", "2026-03-27", "2026-03-27", EK_OBL_MET);
    ck_assert_int_eq(nth(EK_RULE_IVO_FORELAGGANDE, 0)->period_kind, EK_PERIOD_SET_DATE);
    ek_case_free(c);

    c = mk();
    add(c, "anmalan_mottagen", "2025-01-10");
    ek_case_add_event(c, "begaran_avgorande", ek_t_date("2025-05-10"), NULL);
    ek_case_add_event(c, "begaran_avgorande", ek_t_date("2025-08-11"), NULL);
    ek_case_add_event(c, "begaran_avgorande_besvarad", ek_t_date("2025-09-05"), NULL);
    run(c, "2025-10-01");
    ck_assert_int_eq(nth(EK_RULE_FL_BEGARAN_AVGORANDE, 0)->status, EK_OBL_NOTAPPLICABLE);
    expect(nth(EK_RULE_FL_BEGARAN_AVGORANDE, 1), NULL, "2025-09-08", "2025-09-08", "2025-09-05", EK_OBL_MET);
    /* The annual register is a board duty, never per case. */
    ck_assert_uint_eq(count_rule(EK_RULE_FORTECKNING_IVO), 0);
    ek_case_free(c);

    ek_obligation o;
    ck_ok(ek_evaluate_annual(ctx, rb, EK_RULE_FORTECKNING_IVO, 2026, EK_DATE_NONE, ek_t_date("2026-02-02"), &o));
    expect(&o, "2026-01-01", "2026-01-31", "2026-02-02", NULL, EK_OBL_PENDING);
    ck_assert_str_eq(o.basis, "SoF (2025:468) 3 kap. 4 §");
    ck_ok(ek_evaluate_annual(ctx, rb, EK_RULE_FORTECKNING_IVO, 2025, ek_t_date("2025-02-03"), ek_t_date("2025-03-01"),
                             &o));
    expect(&o, NULL, "2025-01-31", "2025-01-31", "2025-02-03", EK_OBL_LATE);
    ck_assert_str_eq(o.basis, "SoF (2001:937) 7 kap. 1 §");
    ck_status(ek_evaluate_annual(ctx, rb, EK_RULE_UTREDNING, 2025, EK_DATE_NONE, ek_t_date("2025-03-01"), &o),
              EK_EINVAL);
}
END_TEST

START_TEST(sort_batch_and_arguments)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-01-05");
    add(c, "skyddsbedomning", "2026-01-05");
    add(c, "utredning_inledd", "2026-01-12");
    run(c, "2026-02-01");
    ck_ok(ek_evaluation_sort(ev, EK_ORDER_URGENCY));
    ck_assert_int_eq(ek_evaluation_at(ev, 0)->status, EK_OBL_OVERDUE);   /* forhandsbedomning */
    ck_assert_int_eq(ek_evaluation_at(ev, 1)->status, EK_OBL_OVERDUE);   /* information_utredning */
    ck_assert_int_eq(ek_evaluation_at(ev, 2)->status, EK_OBL_PENDING);   /* utredning */
    ck_assert_int_eq(ek_evaluation_at(ev, 3)->status, EK_OBL_MET);
    ck_assert_str_eq(ek_evaluation_case_id(ev), "T-1");
    date_eq(ek_evaluation_as_of(ev), "2026-02-01");
    ck_assert_uint_eq(ek_evaluation_count_status(ev, EK_OBL_OVERDUE), 2);
    size_t idx;
    ck_ok(ek_evaluation_find(ev, EK_RULE_UTREDNING, 0, &idx));
    ck_assert_int_eq(ek_evaluation_find(ev, EK_RULE_LVU_UMGANGE, 0, &idx), EK_ENOTFOUND);
    ck_ok(ek_evaluation_sort(ev, EK_ORDER_RULE));
    ck_assert_int_eq(ek_evaluation_at(ev, 0)->rule, EK_RULE_SKYDDSBEDOMNING);

    /* batch: the same answers with 1 and 4 threads */
    enum { N = 16 };
    const ek_case *cases[N];
    ek_evaluation *outs[N];
    int st[N];
    for (int i = 0; i < N; i++) {
        cases[i] = c;
        ck_ok(ek_evaluation_new(&outs[i]));
    }
    for (unsigned th = 1; th <= 4; th += 3) {
        ck_ok(ek_evaluate_cases(ctx, rb, cases, N, ek_t_date("2026-02-01"), outs, st, th));
        for (int i = 0; i < N; i++) {
            ck_assert_int_eq(st[i], EK_OK);
            ck_assert_uint_eq(ek_evaluation_count(outs[i]), 4);
        }
    }
    ck_status(ek_evaluate_cases(ctx, rb, cases, N, EK_DATE_NONE, outs, st, 2), EK_EINVAL);
    for (int i = 0; i < N; i++)
        ek_evaluation_free(outs[i]);

    ck_status(ek_evaluate_case(ctx, rb, c, EK_DATE_NONE, ev), EK_EINVAL);
    ck_assert_uint_eq(ek_evaluation_count(ev), 0);
    ck_status(ek_evaluate_case(ctx, rb, c, EK_DATE_MAX + 1, ev), EK_ERANGE);
    ck_status(ek_evaluate_case(NULL, rb, c, 0, ev), EK_EINVAL);
    ek_case_free(c);
}
END_TEST

START_TEST(evaluation_allocation_failures)
{
    ek_case *c = mk();
    place(c, "2020-01-15", "familjehem", "sol", "H1");
    add(c, "anmalan_mottagen", "2020-01-02");
    for (int sticky = 0; sticky <= 1; sticky++) {
        int ok = 0;
        for (long n = 1; n < 64 && !ok; n++) {
            ek_t_alloc st = { 0, n, sticky, 0 };
            ek_t_alloc_install(&st);
            ek_evaluation *e = NULL;
            int rc = ek_evaluation_new(&e);
            if (rc == EK_OK)
                rc = ek_evaluate_case(ctx, rb, c, ek_t_date("2026-01-01"), e);
            if (rc == EK_OK) {
                ok = 1;
                ck_assert_uint_gt(ek_evaluation_count(e), 20);
            } else {
                ck_assert_int_eq(rc, EK_ENOMEM);
                if (e)
                    ck_assert_uint_eq(ek_evaluation_count(e), 0);
            }
            ek_evaluation_free(e);
            ek_t_alloc_uninstall();
            ck_assert_msg(st.live == 0, "fail_at=%ld leaked %ld", n, st.live);
        }
        ck_assert(ok);
    }
    /* Once grown, re-evaluating does not allocate. */
    ek_evaluation *e = NULL;
    ck_ok(ek_evaluation_new(&e));
    ck_ok(ek_evaluate_case(ctx, rb, c, ek_t_date("2026-01-01"), e));
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ck_ok(ek_evaluate_case(ctx, rb, c, ek_t_date("2026-01-01"), e));
    ek_t_alloc_uninstall();
    ck_assert_int_eq(st.count, 0);
    ek_evaluation_free(e);
    ek_case_free(c);
}
END_TEST

/* ---- issue 14: verdicts corrected against the statute texts ---------------------------------------- */

/* 1. "Genast" is a policy grace in calendar days: it never rolls over a weekend or julafton. */
START_TEST(genast_never_rolls)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-01-09");          /* Friday */
    add(c, "skyddsbedomning", "2026-01-12");           /* Monday */
    run(c, "2026-02-01");
    expect(nth(EK_RULE_SKYDDSBEDOMNING, 0), "2026-01-09", "2026-01-10", "2026-01-10", "2026-01-12", EK_OBL_LATE);
    ek_case_free(c);

    c = mk();
    add(c, "anmalan_mottagen", "2026-12-23");
    add(c, "skyddsbedomning", "2026-12-28");
    run(c, "2027-01-10");
    expect(nth(EK_RULE_SKYDDSBEDOMNING, 0), NULL, "2026-12-24", "2026-12-24", "2026-12-28", EK_OBL_LATE);
    /* the last day itself is on time */
    ek_case_free(c);
    c = mk();
    add(c, "anmalan_mottagen", "2026-12-23");
    add(c, "skyddsbedomning", "2026-12-24");
    run(c, "2027-01-10");
    ck_assert_int_eq(nth(EK_RULE_SKYDDSBEDOMNING, 0)->status, EK_OBL_MET);
    ek_case_free(c);

    /* information_utredning: the same. */
    c = mk();
    add(c, "utredning_inledd", "2026-01-09");
    add(c, "information_utredning", "2026-01-12");
    run(c, "2026-02-01");
    expect(nth(EK_RULE_INFORMATION_UTREDNING, 0), NULL, "2026-01-10", "2026-01-10", "2026-01-12", EK_OBL_LATE);
    ek_case_free(c);

    /* aterkoppling asked for after the decision: "genast", calendar days. */
    c = mk();
    size_t r = add(c, "anmalan_mottagen", "2026-02-02");
    ck_ok(ek_case_event_set_string(c, r, "anmalare", "skola"));
    add(c, "beslut_inte_inleda_utredning", "2026-02-05");
    add(c, "aterkoppling_begard", "2026-02-13");      /* Friday, after the decision */
    add(c, "aterkoppling_lamnad", "2026-02-16");      /* Monday */
    run(c, "2026-03-01");
    expect(nth(EK_RULE_ATERKOPPLING_ANMALARE, 0), NULL, "2026-02-14", "2026-02-14", "2026-02-16", EK_OBL_LATE);
    ek_case_free(c);
}
END_TEST

/* 2. Synnerliga skäl extend the time to a new end; they never waive it. */
START_TEST(synnerliga_skal_extend_never_waive)
{
    /* No decision a year later: overdue (the policy cap, 14 days after the end, applies). */
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-03-02");          /* nominal end 03-16 */
    size_t x = add(c, "forhandsbedomning_synnerliga_skal", "2026-03-10");
    run(c, "2027-03-01");
    const ek_obligation *o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    expect(o, NULL, "2026-03-30", "2026-03-30", NULL, EK_OBL_OVERDUE);
    ck_assert(o->flags & EK_OBL_EXTENDED);
    ck_assert(!(o->flags & EK_OBL_EXCEPTION));
    ck_assert_uint_eq(o->extension_event, x);
    date_eq(o->original_nominal, "2026-03-16");
    /* the last day of the cap, and the day after */
    run(c, "2026-03-30");
    ck_assert_int_eq(nth(EK_RULE_FORHANDSBEDOMNING, 0)->status, EK_OBL_PENDING);
    run(c, "2026-03-31");
    ck_assert_int_eq(nth(EK_RULE_FORHANDSBEDOMNING, 0)->status, EK_OBL_OVERDUE);
    ek_case_free(c);

    /* A new end date recorded on the event (a day set by the board: not rolled). */
    c = mk();
    add(c, "anmalan_mottagen", "2026-03-02");
    x = add(c, "forhandsbedomning_synnerliga_skal", "2026-03-12");
    ck_ok(ek_case_event_set_date(c, x, "ny_slutdag", ek_t_date("2026-04-04")));   /* påskafton, Saturday */
    add(c, "beslut_inleda_utredning", "2026-04-06");
    run(c, "2026-05-01");
    o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    expect(o, NULL, "2026-04-04", "2026-04-04", "2026-04-06", EK_OBL_LATE);
    ck_assert(o->flags & EK_OBL_EXTENDED);
    ek_case_free(c);

    /* Documented after the end: no extension, late. */
    c = mk();
    add(c, "anmalan_mottagen", "2026-03-02");
    add(c, "forhandsbedomning_synnerliga_skal", "2026-03-17");
    add(c, "beslut_inleda_utredning", "2026-03-25");
    run(c, "2026-04-01");
    o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    expect(o, NULL, "2026-03-16", "2026-03-16", "2026-03-25", EK_OBL_LATE);
    ck_assert(o->flags & EK_OBL_EXTENSION_TOO_LATE);
    ek_case_free(c);

    /* The cap is a policy parameter. */
    c = mk();
    add(c, "anmalan_mottagen", "2026-03-02");
    add(c, "forhandsbedomning_synnerliga_skal", "2026-03-10");
    ck_ok(ek_policy_set(ek_context_policy(ctx), "synnerliga_skal_forlangning", "1m"));
    run(c, "2026-04-10");
    expect(nth(EK_RULE_FORHANDSBEDOMNING, 0), NULL, "2026-04-16", "2026-04-16", NULL, EK_OBL_PENDING);
    ek_case_free(c);
}
END_TEST

/* 3. Duties for a "barn" (3 kap. 1 § 2 st.: under 18) end on the 18th birthday. */
START_TEST(child_duties_end_at_18)
{
    ek_case *c = mk();
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2010-05-10")));   /* 18 on 2028-05-10 */
    place(c, "2027-01-15", "familjehem", "sol", "H1");
    run(c, "2030-01-01");
    /* övervägande due 2027-07-15 and 2028-01-15; the next (2028-07-15) is after the birthday */
    ck_assert_uint_eq(count_rule(EK_RULE_OVERVAGANDE_SOL), 2);
    expect(nth(EK_RULE_OVERVAGANDE_SOL, 1), NULL, "2028-01-15", "2028-01-17", NULL, EK_OBL_OVERDUE);
    /* custody transfer after 2 years (2029-01-15): the child is 18 by then */
    ck_assert_uint_eq(count_rule(EK_RULE_VARDNADSOVERFLYTTNING), 0);
    /* a due date on the birthday itself does not arise either */
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2010-01-15")));   /* 18 on 2028-01-15 */
    run(c, "2030-01-01");
    ck_assert_uint_eq(count_rule(EK_RULE_OVERVAGANDE_SOL), 1);
    /* without a birth date the duty goes on, and the result says it is assumed */
    ck_ok(ek_case_set_birth_date(c, EK_DATE_NONE));
    run(c, "2030-01-01");
    ck_assert_uint_gt(count_rule(EK_RULE_OVERVAGANDE_SOL), 2);
    ck_assert(nth(EK_RULE_OVERVAGANDE_SOL, 0)->flags & EK_OBL_ASSUMED);
    ck_assert(strstr(nth(EK_RULE_OVERVAGANDE_SOL, 0)->message, "födelsedatum") != NULL);
    ek_case_free(c);

    /* LVU 13 c §: the same */
    c = mk();
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2009-06-01")));   /* 18 on 2027-06-01 */
    place(c, "2025-08-01", "familjehem", "lvu2", "H2");
    run(c, "2028-01-01");
    ck_assert_uint_eq(count_rule(EK_RULE_LVU_VARDNADSOVERFLYTTNING), 0);
    ek_case_free(c);
}
END_TEST

/* 4. LVU 21 c §: the follow-up ends at most six months after it began. */
START_TEST(lvu_uppfoljning_counts_from_its_start)
{
    ek_case *c = mk();
    ck_ok(ek_case_set_birth_date(c, ek_t_date("2012-01-01")));
    add(c, "lvu_vard_avslutad", "2026-01-10");
    add(c, "lvu_uppfoljning_paborjad", "2026-03-02");
    add(c, "lvu_uppfoljning_avslutad", "2026-08-20");
    run(c, "2026-10-01");
    ck_assert_uint_eq(count_rule(EK_RULE_LVU_UPPFOLJNING), 1);
    expect(nth(EK_RULE_LVU_UPPFOLJNING, 0), "2026-03-02", "2026-09-02", "2026-09-02", "2026-08-20", EK_OBL_MET);
    ek_case_free(c);
}
END_TEST

/* 9. A day set by the board or an authority is that day: no roll-over. */
START_TEST(set_dates_never_roll)
{
    ek_case *c = mk();
    size_t b = add(c, "ivo_beslut", "2026-02-01");
    ck_ok(ek_case_event_set_date(c, b, "svar_senast", ek_t_date("2026-03-28")));   /* Saturday */
    add(c, "ivo_svar", "2026-03-30");
    run(c, "2026-04-01");
    expect(nth(EK_RULE_IVO_FORELAGGANDE, 0), NULL, "2026-03-28", "2026-03-28", "2026-03-30", EK_OBL_LATE);
    ek_case_free(c);

    c = mk();
    add(c, "utredning_inledd", "2026-01-20");
    size_t f = add(c, "utredning_forlangd", "2026-04-10");
    ck_ok(ek_case_event_set_date(c, f, "ny_slutdag", ek_t_date("2026-06-20")));   /* midsommardagen */
    add(c, "utredning_avslutad", "2026-06-22");
    run(c, "2026-07-01");
    expect(nth(EK_RULE_UTREDNING, 0), NULL, "2026-06-20", "2026-06-20", "2026-06-22", EK_OBL_LATE);
    ek_case_free(c);
}
END_TEST

/* What a rule documents (ek_rule_info) is what it evaluates (the entry's masks): one source, checked. */
static uint64_t mask_of(const char *names)
{
    uint64_t m = 0;
    char buf[256];
    ck_assert_uint_lt(strlen(names), sizeof buf);
    strcpy(buf, names);
    for (char *save = NULL, *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
        ek_event_type ty = ek_event_type_from_name(t);
        ck_assert_msg(ty != EK_EV_UNKNOWN, "documented event type \"%s\" is not in the vocabulary", t);
        m |= (uint64_t)1 << ty;
    }
    return m;
}

START_TEST(entries_document_what_they_evaluate)
{
    for (size_t i = 0; i < rb->nrules; i++) {
        const ek__rule_def *r = &rb->rules[i];
        ek_rule_info info = EK_RULE_INFO_INIT;
        ck_ok(ek_rulebook_rule(rb, i, &info));
        ck_assert_msg(mask_of(info.start_events) == r->start_mask, "%s: start_events differ from the entry", r->name);
        ck_assert_msg(mask_of(info.completion_events) == r->done_mask, "%s: completion_events differ", r->name);
        ck_assert_msg((r->shape == EK__SHAPE_BOARD) == (info.kind == EK_RULE_ANNUAL), "%s: kind and shape differ", r->name);
        ck_assert_msg(r->shape == EK__SHAPE_BOARD || r->start_mask != 0, "%s: nothing starts it", r->name);
        ck_assert_msg((r->ext.event != 0) == (info.extension == EK_EXTENSION_SYNNERLIGA_SKAL ||
                                              info.extension == EK_EXTENSION_NEW_END_DATE),
                      "%s: extension documented and evaluated differ", r->name);
        ck_assert_msg(((r->conditions & EK__C_FROM_DECISION) != 0) == (r->genast_policy >= 0), "%s: genast", r->name);
        ck_assert_msg(((r->conditions & EK__C_ALT_START) != 0) == (r->alt_start_mask != 0), "%s: alt start", r->name);
        ck_assert_msg(((r->conditions & EK__C_NOT_IF_INVESTIGATION_RUNNING) != 0) == (r->na_mask != 0), "%s: na", r->name);
        for (size_t k = 0; k < r->nversions; k++) {
            const ek__rule_version *v = &r->versions[k];
            /* a policy number is kind policy; a set day needs the attribute that sets it */
            ck_assert_msg((v->policy >= 0) == (v->kind == EK_PERIOD_POLICY), "%s v%zu: policy and kind differ", r->name, k);
            ck_assert_msg((v->kind == EK_PERIOD_SET_DATE) == (r->set_date_attr != NULL && v->has_limit),
                          "%s v%zu: set date without attribute", r->name, k);
            ek_rule_version_info vi = EK_RULE_VERSION_INFO_INIT;
            ck_ok(ek_rulebook_rule_version(rb, i, k, &vi));
            ck_assert_int_eq(vi.period_kind, v->kind);
        }
    }
}
END_TEST

/* Every verdict carries its explanation: events, period and kind, the days that moved it, law and policy. */
START_TEST(explanations)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-12-10");
    add(c, "beslut_inleda_utredning", "2026-12-28");
    run(c, "2027-01-10");
    const ek_obligation *o = nth(EK_RULE_FORHANDSBEDOMNING, 0);
    expect(o, NULL, "2026-12-24", "2026-12-28", "2026-12-28", EK_OBL_MET);
    ek_explanation x = EK_EXPLANATION_INIT;
    ck_ok(ek_obligation_explain(ctx, c, o, &x));
    ck_assert_uint_eq(x.start.index, 0);
    ck_assert_str_eq(x.start.type, "anmalan_mottagen");
    ck_assert_uint_eq(x.done.index, 1);
    ck_assert_int_eq(x.period.n, 14);
    ck_assert_int_eq(x.period_kind, EK_PERIOD_LAW);
    ck_assert_str_eq(x.judge_on, "legal");
    ck_assert_uint_eq(x.moved_count, 4);   /* julafton, juldagen, annandag jul, söndag */
    ck_assert_str_eq(x.moved[0].name, "julafton");
    ck_assert_str_eq(x.moved[3].name, "söndag");
    date_eq(x.moved[3].date, "2026-12-27");
    ck_assert_str_eq(x.basis, "SoL (2025:400) 20 kap. 2 §");
    char text[1024];
    ck_ok(ek_explanation_format(&x, text, sizeof text));
    ck_assert_msg(strstr(text, "julafton 2026-12-24") && strstr(text, "till 2026-12-28") && strstr(text, "14d"), "%s", text);
    char small[40];
    ck_status(ek_explanation_format(&x, small, sizeof small), EK_ERANGE);
    ck_assert_uint_lt(strlen(small), sizeof small);

    /* a policy grace: its parameter and value, no days moved */
    o = nth(EK_RULE_SKYDDSBEDOMNING, 0);
    ck_ok(ek_obligation_explain(ctx, c, o, &x));
    ck_assert_str_eq(x.policy_param, "skyddsbedomning_marginal");
    ck_assert_str_eq(x.policy_value, "1d");
    ck_assert_int_eq(x.period_kind, EK_PERIOD_POLICY);
    ck_assert_uint_eq(x.moved_count, 0);
    ck_assert_uint_eq(x.done.index, EK_NO_EVENT);

    ek_explanation bad = { .version = 9 };
    ck_status(ek_obligation_explain(ctx, c, o, &bad), EK_EVERSION);
    ck_status(ek_obligation_explain(ctx, NULL, o, &x), EK_EINVAL);
    ek_case_free(c);
}
END_TEST

/* What-if: the obligations whose status differs under another policy, matched by rule, start and sequence. */
START_TEST(compare_policies)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-12-10");          /* nominal 12-24, legal 12-28 */
    add(c, "beslut_inleda_utredning", "2026-12-28");
    add(c, "utredning_inledd", "2026-12-28");
    ek_context *ctx2 = NULL;
    ek_evaluation *ev2 = NULL;
    ck_ok(ek_context_new(&ctx2));
    ck_ok(ek_evaluation_new(&ev2));
    ck_ok(ek_policy_set(ek_context_policy(ctx2), "bedom_mot", "nominal"));
    run(c, "2027-01-10");
    ck_ok(ek_evaluate_case(ctx2, rb, c, ek_t_date("2027-01-10"), ev2));
    size_t n = 99;
    ck_ok(ek_evaluation_compare(ev, ev, NULL, 0, &n));
    ck_assert_uint_eq(n, 0);
    ck_ok(ek_evaluation_compare(ev, ev2, NULL, 0, &n));
    ck_assert_uint_eq(n, 1);                             /* only the förhandsbedömning: met → late */
    ek_obligation_change ch[4];
    ck_ok(ek_evaluation_compare(ev, ev2, ch, 4, &n));
    ck_assert_int_eq(ch[0].before->rule, EK_RULE_FORHANDSBEDOMNING);
    ck_assert_int_eq(ch[0].before->status, EK_OBL_MET);
    ck_assert_int_eq(ch[0].after->status, EK_OBL_LATE);
    /* an obligation that arises in only one evaluation: as-of before the investigation started */
    ck_ok(ek_evaluate_case(ctx2, rb, c, ek_t_date("2026-12-27"), ev2));
    ck_ok(ek_evaluation_compare(ev, ev2, ch, 4, &n));
    int only_before = 0;
    for (size_t k = 0; k < n && k < 4; k++)
        only_before += ch[k].after == NULL;
    ck_assert_int_ge(only_before, 1);
    ck_status(ek_evaluation_compare(ev, NULL, NULL, 0, &n), EK_EINVAL);
    ck_status(ek_evaluation_compare(ev, ev2, NULL, 3, &n), EK_EINVAL);
    ek_evaluation_free(ev2);
    ek_context_free(ctx2);
    ek_case_free(c);
}
END_TEST

/* Strict input: a typo in an event type is an error naming the case and the field, not a silent overdue. */
START_TEST(strict_input)
{
    ek_case *c = mk();
    add(c, "anmalan_mottagen", "2026-01-05");
    add(c, "beslut_inleda_utredning", "2026-01-08");
    ek_case_add_event(c, "utrednin_inledd", ek_t_date("2026-01-10"), NULL);   /* typo: kept, unknown */
    ck_ok(ek_case_check_vocabulary(c) == EK_OK ? EK_EPARSE : EK_OK);
    ck_assert_str_eq(ek_error_last()->field, "events[2].type");
    ck_assert_str_eq(ek_error_last()->record_id, "T-1");
    run(c, "2026-06-01");                               /* not strict: evaluated */
    ck_assert_int_eq(ek_context_strict(ctx), 0);
    ck_ok(ek_context_set_strict(ctx, 1));
    ck_assert_int_eq(ek_context_strict(ctx), 1);
    ck_status(ek_evaluate_case(ctx, rb, c, ek_t_date("2026-06-01"), ev), EK_EPARSE);
    ck_msg_has("utrednin_inledd");
    ek_case_free(c);

    c = mk();
    size_t i = add(c, "anmalan_mottagen", "2026-01-05");
    ck_ok(ek_case_event_set_string(c, i, "anmalare", "skola"));
    ck_ok(ek_case_check_vocabulary(c));
    run(c, "2026-06-01");                               /* strict, and every key known */
    ck_ok(ek_case_event_set_string(c, i, "farg", "bla"));
    ck_status(ek_case_check_vocabulary(c), EK_EPARSE);
    ck_assert_str_eq(ek_error_last()->field, "events[0].farg");
    ck_status(ek_case_check_vocabulary(NULL), EK_EINVAL);
    ck_status(ek_context_set_strict(NULL, 1), EK_EINVAL);
    ek_case_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, rulebook_has_every_rule_of_the_catalogue);
    tcase_add_test(tc, version_on_switches_on_2025_07_01);
    tcase_add_test(tc, names_round_trip);
    tcase_add_test(tc, certainty_as_domain_gives_it);
    tcase_add_test(tc, forhandsbedomning_rolls_over_new_year);
    tcase_add_test(tc, forhandsbedomning_late_and_as_of_filter);
    tcase_add_test(tc, forhandsbedomning_basis_straddles_2025_07_01);
    tcase_add_test(tc, forhandsbedomning_not_needed_when_investigation_running);
    tcase_add_test(tc, forhandsbedomning_synnerliga_skal);
    tcase_add_test(tc, utredning_month_end_and_rollover);
    tcase_add_test(tc, utredning_extension_before_and_after_expiry);
    tcase_add_test(tc, utredning_extension_after_expiry_does_not_rescue);
    tcase_add_test(tc, long_message_is_not_cut);
    tcase_add_test(tc, many_events_cross_word_boundaries);
    tcase_add_test(tc, rules_run_in_rulebook_order);
    tcase_add_test(tc, contradictions_are_errors);
    tcase_add_test(tc, ref_pairs_out_of_order);
    tcase_add_test(tc, ref_to_a_shared_subject_pairs);
    tcase_add_test(tc, duty_introduced_after_the_report_does_not_arise);
    tcase_add_test(tc, aterkoppling_unknown_reporter_is_an_assumption);
    tcase_add_test(tc, skyddsbedomning_grace_from_policy);
    tcase_add_test(tc, information_utredning_genast);
    tcase_add_test(tc, aterkoppling_from_2026_01_15);
    tcase_add_test(tc, overvagande_sol_series);
    tcase_add_test(tc, overvagande_missed_periods_count_from_the_same_day);
    tcase_add_test(tc, series_end_with_placement);
    tcase_add_test(tc, besok_interval_is_policy);
    tcase_add_test(tc, vardnadsoverflyttning_2022_change);
    tcase_add_test(tc, lvu_rules);
    tcase_add_test(tc, lvu_uppfoljning_only_under_18);
    tcase_add_test(tc, vardplan_jourhem_genomforandeplan);
    tcase_add_test(tc, ivo_fl_and_annual);
    tcase_add_test(tc, sort_batch_and_arguments);
    tcase_add_test(tc, evaluation_allocation_failures);
    tcase_add_test(tc, genast_never_rolls);
    tcase_add_test(tc, explanations);
    tcase_add_test(tc, strict_input);
    tcase_add_test(tc, compare_policies);
    tcase_add_test(tc, entries_document_what_they_evaluate);
    tcase_add_test(tc, synnerliga_skal_extend_never_waive);
    tcase_add_test(tc, child_duties_end_at_18);
    tcase_add_test(tc, lvu_uppfoljning_counts_from_its_start);
    tcase_add_test(tc, set_dates_never_roll);
    suite_add_tcase(s, tc);
    return ek_t_run(s);
}
