/* SPDX-License-Identifier: MIT */
/* egenkontroll calendar YEAR: the named public holidays and 1930:173 eves of a year. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f,
            _("usage: egenkontroll calendar YEAR\n\n"
            "Lists the named public holidays of Lag (1989:253) om allmänna helgdagar and the eves\n"
            "that roll over a time limit under Lag (1930:173) 2 § in the wording in force on the day\n"
            "(midsommarafton, julafton; nyårsafton from 1975; påskafton from 1961-06-01 to 1974;\n"
            "none before 1961-06-01, where the wording is not verified) of YEAR (1953-2199), one per\n"
            "line in date order:\n\n"
            "  YYYY-MM-DD<TAB>holiday|eve<TAB>name\n\n"
            "Ordinary Saturdays and Sundays are not listed.  Two holidays on one day give two lines.\n"));
}

int ek_cmd_calendar(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return EK_EXIT_OK;
    }
    if (argc != 2) {
        ek_tool_error(argc < 2 ? "calendar: missing YEAR (see egenkontroll calendar --help)"
                               : "calendar: unexpected argument \"%s\" (see egenkontroll calendar --help)",
                      argc < 2 ? "" : argv[2]);
        return EK_EXIT_USAGE;
    }
    const char *text = argv[1];
    char *end = NULL;
    errno = 0;
    long year = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || text[0] == '-' || text[0] == '+' || text[0] == ' ') {
        ek_tool_error("calendar: \"%s\" is not a year (expected a number such as 2026)", text);
        return EK_EXIT_USAGE;
    }
    if (year < 1953 || year > 2199) {
        ek_tool_error("calendar: year \"%s\" is outside the supported range 1953-2199", text);
        return EK_EXIT_USAGE;
    }
    /* The calendar of a context in the tool's language: its names come from the library's own translations. */
    ek_context *ctx = NULL;
    if (ek_tool_context_new(&ctx) != EK_OK) {
        ek_tool_error("calendar: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_FAILURE;
    }
    const ek_calendar *cal = ek_context_calendar(ctx);
    ek_named_day days[32];
    size_t n = 0;
    int rc = ek_calendar_named_days(cal, (int)year, days, sizeof days / sizeof days[0], &n);
    if (rc != EK_OK) {
        ek_tool_error("calendar: %s", EK_TOOL_LAST_ERROR());
        ek_context_free(ctx);
        return EK_EXIT_FAILURE;
    }
    for (size_t i = 0; i < n && i < sizeof days / sizeof days[0]; i++) {
        char buf[EK_DATE_BUFSIZE];
        if (ek_date_format(days[i].date, buf, sizeof buf) != EK_OK) {
            ek_tool_error("calendar: %s", EK_TOOL_LAST_ERROR());
            ek_context_free(ctx);
            return EK_EXIT_FAILURE;
        }
        printf("%s\t%s\t%s\n", buf, days[i].is_eve ? "eve" : "holiday", days[i].name);
    }
    ek_context_free(ctx);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        ek_tool_error("calendar: could not write the output");
        return EK_EXIT_FAILURE;
    }
    return EK_EXIT_OK;
}
