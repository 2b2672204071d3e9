/* SPDX-License-Identifier: MIT */
/* egenkontroll deadline START PERIOD [--format text|json]: nominal and legal end of a period. */
#include <stdio.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f,
            _("usage: egenkontroll deadline START PERIOD [--format text|json]\n\n"
            "Computes the end of PERIOD counted from START (YYYY-MM-DD, 1953-01-01 to 2199-12-31):\n"
            "  Nd   N days, the start day not counted\n"
            "  Nw   N weeks, Nm N months, Ny N years: Lag (1930:173) 1 § (same weekday or day\n"
            "       number; the month's last day when that day does not exist)\n"
            "  Nwd  N working days strictly after START\n"
            "and prints the nominal end and the legal end (rolled under 1930:173 2 § past\n"
            "Saturdays, Sundays, public holidays, midsommarafton, julafton and nyårsafton).\n\n"
            "  --format text   (default) \"nominal<TAB>DATE\" and \"legal<TAB>DATE\" lines\n"
            "  --format json   one JSON object: start, period, nominal, legal, rolled\n"));
}

int ek_cmd_deadline(int argc, char **argv)
{
    const char *pos[2] = { NULL, NULL };
    int npos = 0, json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EK_EXIT_OK;
        }
        const char *fmt = NULL;
        if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc) {
                ek_tool_error("deadline: --format needs a value (text or json)");
                return EK_EXIT_USAGE;
            }
            fmt = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            fmt = a + 9;
        } else if (a[0] == '-' && a[1] != '\0') {
            ek_tool_error("deadline: unknown option \"%s\" (see egenkontroll deadline --help)", a);
            return EK_EXIT_USAGE;
        } else if (npos < 2) {
            pos[npos++] = a;
            continue;
        } else {
            ek_tool_error("deadline: unexpected argument \"%s\" (see egenkontroll deadline --help)", a);
            return EK_EXIT_USAGE;
        }
        if (strcmp(fmt, "json") == 0)
            json = 1;
        else if (strcmp(fmt, "text") == 0)
            json = 0;
        else {
            ek_tool_error("deadline: unknown format \"%s\" (expected text or json)", fmt);
            return EK_EXIT_USAGE;
        }
    }
    if (npos < 2) {
        ek_tool_error("deadline: expected START and PERIOD, e.g. egenkontroll deadline 2026-02-20 4m");
        return EK_EXIT_USAGE;
    }
    ek_date start;
    ek_period period;
    if (ek_date_parse(pos[0], &start) != EK_OK) {
        ek_tool_error("deadline: start: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_USAGE;
    }
    if (ek_period_parse(pos[1], &period) != EK_OK) {
        ek_tool_error("deadline: period: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_USAGE;
    }
    ek_calendar *cal = NULL;
    if (ek_calendar_new(&cal) != EK_OK) {
        ek_tool_error("deadline: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_FAILURE;
    }
    ek_deadline dl;
    int rc = ek_deadline_compute(cal, start, period, &dl);
    ek_calendar_free(cal);
    if (rc != EK_OK) {
        ek_tool_error("deadline: %s", EK_TOOL_LAST_ERROR());
        return rc == EK_ERANGE ? EK_EXIT_USAGE : EK_EXIT_FAILURE;
    }
    char s[EK_DATE_BUFSIZE], nom[EK_DATE_BUFSIZE], leg[EK_DATE_BUFSIZE], per[EK_PERIOD_BUFSIZE];
    if (ek_date_format(dl.start, s, sizeof s) != EK_OK || ek_date_format(dl.nominal, nom, sizeof nom) != EK_OK ||
        ek_date_format(dl.legal, leg, sizeof leg) != EK_OK || ek_period_format(period, per, sizeof per) != EK_OK) {
        ek_tool_error("deadline: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_FAILURE;
    }
    if (json)
        printf("{\"start\": \"%s\", \"period\": \"%s\", \"nominal\": \"%s\", \"legal\": \"%s\", \"rolled\": %s}\n",
               s, per, nom, leg, dl.nominal != dl.legal ? "true" : "false");
    else
        printf("nominal\t%s\nlegal\t%s\n", nom, leg);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        ek_tool_error("deadline: could not write the output");
        return EK_EXIT_FAILURE;
    }
    return EK_EXIT_OK;
}
