/* SPDX-License-Identifier: MIT */
/* egenkontroll: command-line front end of libegenkontroll. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

void ek_tool_error(const char *fmt, ...)
{
    va_list ap;
    fputs("egenkontroll: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    { "calendar", ek_cmd_calendar, "list the public holidays and eves of a year" },
    { "deadline", ek_cmd_deadline, "compute the nominal and legal end of a period" },
    { "evaluate", ek_cmd_evaluate, "evaluate the statutory time limits of cases (bevakning)" },
    { "check", ek_cmd_check, "audit cases against the egenkontroll checklist" },
    { "sarah", ek_cmd_sarah, "check a lex Sarah register" },
    { "report", ek_cmd_report, "write the egenkontroll report for a period" },
    { "policy", ek_cmd_policy, "list the policy parameters and their defaults" },
};

static void usage(FILE *f)
{
    fprintf(f, "usage: egenkontroll COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n  egenkontroll --version\n  egenkontroll COMMAND --help\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EK_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EK_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("egenkontroll %s (library %s)\n", EK_VERSION_STRING, ek_version_string());
        return EK_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    ek_tool_error("unknown command \"%s\" (see egenkontroll --help)", argv[1]);
    return EK_EXIT_USAGE;
}
