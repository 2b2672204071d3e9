/* SPDX-License-Identifier: MIT */
/*
 * deadline: the nominal and legal end of a statutory period.
 *
 *   deadline [START [PERIOD]]      e.g.  deadline 2025-10-31 4m
 *
 * Shows the calendar API: parse a date and a period, build the calendar once,
 * compute a deadline (1930:173 1 § and 2 §), then the same for a batch of
 * start dates without any allocation per date.
 */
#include <stdio.h>

#include <egenkontroll/egenkontroll.h>

static int fail(const char *what)
{
    const ek_error *e = ek_error_last();
    char shown[EK_ERROR_FORMAT_SIZE];  /* where (file:line:column, case, field) and what */
    ek_error_format(e, shown, sizeof shown);
    fprintf(stderr, "deadline: %s: %s (%s)\n", what, shown, ek_status_name(e->status));
    return 1;
}

int main(int argc, char **argv)
{
    const char *start_text = argc > 1 ? argv[1] : "2025-10-31";
    const char *period_text = argc > 2 ? argv[2] : "4m";

    ek_date start;
    ek_period period;
    if (ek_date_parse(start_text, &start) != EK_OK)
        return fail("start");
    if (ek_period_parse(period_text, &period) != EK_OK)
        return fail("period");

    ek_calendar *cal = NULL;   /* immutable once built; share it between threads */
    if (ek_calendar_new(&cal) != EK_OK)
        return fail("calendar");

    ek_deadline dl;
    if (ek_deadline_compute(cal, start, period, &dl) != EK_OK) {
        ek_calendar_free(cal);
        return fail("deadline");
    }
    char nominal[EK_DATE_BUFSIZE], legal[EK_DATE_BUFSIZE];
    ek_date_format(dl.nominal, nominal, sizeof nominal);
    ek_date_format(dl.legal, legal, sizeof legal);
    const char *name = NULL;
    ek_calendar_day_name(cal, dl.nominal, &name);
    printf("%s + %s: nominal end %s%s%s%s, legal end %s\n", start_text, period_text, nominal,
           name ? " (" : "", name ? name : "", name ? ")" : "", legal);

    /* A batch: the next seven start dates, computed in one call. */
    ek_date starts[7], nom[7], leg[7];
    for (int i = 0; i < 7; i++)
        starts[i] = start + 1 + i;
    int rc = ek_deadline_compute_batch(cal, starts, period, nom, leg, 7);
    if (rc != EK_OK)
        fprintf(stderr, "deadline: some dates left the supported range: %s\n", ek_error_last()->message);
    for (int i = 0; i < 7; i++) {
        char s[EK_DATE_BUFSIZE], n[EK_DATE_BUFSIZE] = "-", l[EK_DATE_BUFSIZE] = "-";
        ek_date_format(starts[i], s, sizeof s);
        if (nom[i] != EK_DATE_NONE)
            ek_date_format(nom[i], n, sizeof n);
        if (leg[i] != EK_DATE_NONE)
            ek_date_format(leg[i], l, sizeof l);
        printf("  %s  %s  %s\n", s, n, l);
    }
    ek_calendar_free(cal);
    return 0;
}
