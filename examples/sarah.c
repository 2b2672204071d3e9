/* SPDX-License-Identifier: MIT */
/*
 * sarah: a lex Sarah record kept through the C API, and its time limits and
 * investigation judged at a date (items E1 and E2 of the checklist).
 *
 *   sarah [AS_OF]        e.g.  sarah 2026-03-31
 *
 * The record is synthetic: a staff member reports a missförhållande on
 * 2026-01-12; it is registered and investigated, assessed as serious on
 * 2026-02-03, and reported to IVO on 2026-02-20 with the investigation
 * attached — seventeen days after the assessment, while the policy's
 * "snarast" (sarah_anmalan_ivo) is 14 days by default, counted in calendar
 * days and never rolled: E1 fails.  The investigation answers eight of its
 * nine elements, but says no to "tidigare_liknande" (similar events before,
 * and why it happened again): E2 fails on the day of the IVO report and
 * names it.  Every change is made by a role on a date and lands in the
 * record's history.
 *
 * The record is judged twice: on 2026-02-10, after the assessment, when the
 * IVO limit is still open (notchecked, never pass), and once the rest is
 * recorded.  One ek_sarah_result is created once and refilled by
 * ek_sarah_evaluate() each time, like the results of ek_evaluate_case() and
 * ek_checklist_evaluate().
 */
#include <stdio.h>

#include <egenkontroll/egenkontroll.h>

static int fail(const char *what)
{
    const ek_error *e = ek_error_last();
    fprintf(stderr, "sarah: %s: %s (%s)\n", what, e->message, ek_status_name(e->status));
    return 1;
}

static ek_date day(const char *iso)
{
    ek_date d = EK_DATE_NONE;
    (void)ek_date_parse(iso, &d); /* literals below: always valid */
    return d;
}

/* A change made by @p who on @p when (a role, never a name). */
static ek_sarah_change by(const char *who, const char *when)
{
    ek_sarah_change ch = EK_SARAH_CHANGE_INIT;
    ch.who = who;
    ch.date = day(when);
    return ch;
}

/* The record up to the seriousness assessment (2026-02-03). */
static int keep_record_until_assessed(ek_sarah_record *r)
{
    ek_sarah_change ch = by("enhetschef", "2026-01-12");
    int rc = ek_sarah_record_set_text(r, EK_SARAH_UNIT, "Barn och unga", &ch);
    if (rc == EK_OK)
        rc = ek_sarah_record_set_text(r, EK_SARAH_KATEGORI, "handlaggning", &ch);
    if (rc == EK_OK)
        rc = ek_sarah_record_transition(r, EK_SARAH_STATE_REGISTRERAD, day("2026-01-12"), &ch);
    ch = by("enhetschef", "2026-01-13");
    if (rc == EK_OK)
        rc = ek_sarah_record_transition(r, EK_SARAH_STATE_UNDER_UTREDNING, day("2026-01-13"), &ch);
    /* The investigation answers eight elements; "tidigare_liknande" is documented as missing. */
    ch = by("utredare", "2026-02-02");
    for (size_t el = 0; rc == EK_OK && el < ek_sarah_element_count(); el++)
        rc = ek_sarah_record_set_element(r, (ek_sarah_element)el,
                                         el == EK_SARAH_EL_TIDIGARE_LIKNANDE ? EK_SARAH_NO : EK_SARAH_YES, &ch);
    if (rc == EK_OK) {
        ek_sarah_measure m = EK_SARAH_MEASURE_INIT;
        m.beskrivning = "Rutinen för bevakning av utredningstid ses över";
        m.ansvarig = "enhetschef";
        m.senast = day("2026-03-15");
        rc = ek_sarah_record_add_measure(r, &m, &ch, NULL);
    }
    if (rc == EK_OK)
        rc = ek_sarah_record_set_utredning_bifogad(r, EK_SARAH_YES, &ch);
    ch = by("socialchef", "2026-02-03");
    if (rc == EK_OK)
        rc = ek_sarah_record_set_allvarlig(r, EK_SARAH_YES, &ch);
    if (rc == EK_OK)
        rc = ek_sarah_record_transition(r, EK_SARAH_STATE_BEDOMD, day("2026-02-03"), &ch);
    return rc;
}

/* The rest: the report to IVO (17 days after the assessment) and the measure done. */
static int keep_record_rest(ek_sarah_record *r)
{
    ek_sarah_change ch = by("socialchef", "2026-02-20");
    int rc = ek_sarah_record_transition(r, EK_SARAH_STATE_ANMALD_IVO, day("2026-02-20"), &ch);
    ch = by("enhetschef", "2026-03-10");
    if (rc == EK_OK)
        rc = ek_sarah_record_set_measure_done(r, 0, day("2026-03-10"), &ch);
    return rc == EK_OK ? ek_sarah_record_validate(r) : rc;
}

static void print_result(const ek_sarah_result *res, const char *as_of)
{
    printf("%s per %s (%s):\n", ek_sarah_result_id(res), as_of, ek_sarah_state_name(ek_sarah_result_state(res)));
    for (size_t k = 0; k < 2; k++) {
        ek_sarah_item it = EK_SARAH_ITEM_INIT;
        if (ek_sarah_result_item(res, k, &it) == EK_OK)
            printf("  %s %-13s %s\n", it.item, ek_result_name(it.result), it.message);
    }
    for (size_t k = 0; k < ek_sarah_result_limit_count(res); k++) {
        ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
        char due[EK_DATE_BUFSIZE] = "-", done[EK_DATE_BUFSIZE] = "-";
        if (ek_sarah_result_limit(res, k, &l) != EK_OK)
            continue;
        if (l.legal != EK_DATE_NONE)
            ek_date_format(l.legal, due, sizeof due);
        if (l.done != EK_DATE_NONE)
            ek_date_format(l.done, done, sizeof done);
        printf("    %-26s %-13s senast %-10s  gjort %-10s  %s%s%s\n", l.name, ek_result_name(l.result), due, done,
               l.basis, l.policy ? ", policy " : "", l.policy ? l.policy : "");
    }
}

int main(int argc, char **argv)
{
    const char *dates[2] = { "2026-02-10", argc > 1 ? argv[1] : "2026-03-31" };
    ek_context *ctx = NULL;
    ek_sarah_record *r = NULL;
    ek_sarah_result *res = NULL;
    int status = 1;
    if (ek_context_new(&ctx) != EK_OK ||
        ek_sarah_record_new(&r, "SARAH-2026-001", EK_SARAH_TYP_MISSFORHALLANDE, day("2026-01-12")) != EK_OK ||
        ek_sarah_result_new(&res) != EK_OK) {
        status = fail("setup");
        goto done;
    }
    /* Evaluated while open, and again once the rest is recorded: the same result object refilled. */
    for (int k = 0; k < 2; k++) {
        ek_date as_of;
        if ((k == 0 ? keep_record_until_assessed(r) : keep_record_rest(r)) != EK_OK) {
            status = fail("record");
            goto done;
        }
        if (ek_date_parse(dates[k], &as_of) != EK_OK || ek_sarah_evaluate(ctx, r, as_of, res) != EK_OK) {
            status = fail(dates[k]);
            goto done;
        }
        print_result(res, dates[k]);
    }
    printf("%zu changes in the history\n", ek_sarah_record_history_count(r));
    /* The verdicts by their typed ids, as a report would count them. */
    printf("E1 %s, E2 %s\n", ek_result_name(ek_sarah_result_verdict(res, EK_SARAH_ITEM_E1)),
           ek_result_name(ek_sarah_result_verdict(res, EK_SARAH_ITEM_E2)));
    status = 0;
done:
    ek_sarah_result_free(res);
    ek_sarah_record_free(r);
    ek_context_free(ctx);
    return status;
}
