/* SPDX-License-Identifier: MIT */
/* egenkontroll evaluate: the statutory time limits of cases (bevakning), one case at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f,
            _("usage: egenkontroll evaluate [--as-of DATE] [--policy FILE] [--format text|json] FILE...\n\n"
            "Reads child cases (egenkontroll/case-1 JSON Lines; \"-\" = standard input), one at a time,\n"
            "and prints every statutory time limit of each case at DATE: its start, nominal end (Lag\n"
            "(1930:173) 1 §), legal end (after the 2 § roll-over), completion date, status (met, late,\n"
            "pending, overdue, notapplicable, error) and the legal basis in force on the due date.\n"
            "Only events dated on or before DATE count.\n\n"
            "  --as-of DATE     evaluate as of DATE (YYYY-MM-DD; default: today)\n"
            "  --policy FILE    policy parameters (egenkontroll/policy-1): bedom_mot (legal|nominal),\n"
            "                   skyddsbedomning_marginal, besok_intervall, genomforandeplan_intervall, …\n"
            "  --format text    (default) per case, a deadline list sorted by urgency: overdue first,\n"
            "                   then pending by legal end, then errors, late, met, not applicable\n"
            "  --format json    JSON Lines, one object per case: {\"id\", \"as_of\", \"obligations\":\n"
            "                   [{\"rule\", \"start\", \"nominal\", \"legal\", \"done\", \"status\", \"basis\",\n"
            "                   \"judged\", \"certainty\", \"seq\", \"flags\", \"message\", …}]}; a case that\n"
            "                   cannot be read gives {\"id\", \"error\"}\n\n"
            "The register of children in family homes (forteckning_ivo) is a board-level duty and is\n"
            "not listed per case.\n\n"
            "Exit status: 0 every case read; 3 some case or file was rejected (the others were still\n"
            "evaluated); 2 bad command line; 4 could not run.\n"));
}

static ek_date today(void)
{
    time_t t = time(NULL);
    struct tm tm;
#if defined(_WIN32)
    localtime_s(&tm, &t);
#else
    localtime_r(&t, &tm);
#endif
    ek_date d = EK_DATE_NONE;
    if (ek_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d) != EK_OK)
        return EK_DATE_NONE;
    return d;
}

static const char *dstr(ek_date d, char *buf)
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        return "-";
    return buf;
}

/* Status words of the text form (the JSON form keeps the codes met, late, …). */
static const char *status_label(ek_obligation_status s)
{
    static const char *const labels[] = {
        /* TRANSLATORS: obligation status codes in the text deadline list, at most 13 columns. */
        N_("met"), N_("late"), N_("pending"), N_("overdue"), N_("notapplicable"), N_("error"),
    };
    const char *code = ek_obligation_status_name(s);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(code, labels[i]) == 0)
            return _(labels[i]);
    return code;
}

static void print_text(const ek_evaluation *ev)
{
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE], b3[EK_DATE_BUFSIZE], b4[EK_DATE_BUFSIZE];
    size_t n = ek_evaluation_count(ev);
    printf(_("%s  (per %s: %zu försenade, %zu väntande, %zu fel)\n"), ek_evaluation_case_id(ev),
           dstr(ek_evaluation_as_of(ev), b1), ek_evaluation_count_status(ev, EK_OBL_OVERDUE),
           ek_evaluation_count_status(ev, EK_OBL_PENDING), ek_evaluation_count_status(ev, EK_OBL_ERROR));
    if (n == 0)
        printf("%s", _("  (inga frister)\n"));
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = ek_evaluation_at(ev, k);
        char rule[64];
        if (o->sequence > 0)
            snprintf(rule, sizeof rule, "%s #%u", o->rule_name, o->sequence);
        else
            snprintf(rule, sizeof rule, "%s", o->rule_name);
        printf(_("  %-13s %-34s start %s  slut %s (laglig %s)  klar %s  %s [%s]"), status_label(o->status),
               rule, dstr(o->start, b1), dstr(o->nominal, b2), dstr(o->legal, b3), dstr(o->done, b4),
               o->basis ? o->basis : "", o->certainty ? o->certainty : "");
        if (o->message && o->message[0])
            printf("  — %s", o->message);
        putchar('\n');
    }
}

static void print_rejected(int json)
{
    const ek_error *e = ek_error_last();
    ek_tool_error("evaluate: %s", e->message);
    if (!json)
        return;
    char *line = NULL;
    if (ek_evaluation_error_json(e->record_id[0] ? e->record_id : NULL, e->message, &line) == EK_OK) {
        puts(line);
        ek_free(line);
    } else {
        puts("{\"id\":null,\"error\":\"out of memory\"}");
    }
}

int ek_cmd_evaluate(int argc, char **argv)
{
    const char *as_of_text = NULL, *policy_path = NULL, *format = "text";
    int first_file = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EK_EXIT_OK;
        } else if (strcmp(a, "--as-of") == 0 || strcmp(a, "--policy") == 0 || strcmp(a, "--format") == 0) {
            if (i + 1 >= argc) {
                ek_tool_error("evaluate: %s needs a value", a);
                return EK_EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (a[2] == 'a')
                as_of_text = v;
            else if (a[2] == 'p')
                policy_path = v;
            else
                format = v;
        } else if (strncmp(a, "--as-of=", 8) == 0) {
            as_of_text = a + 8;
        } else if (strncmp(a, "--policy=", 9) == 0) {
            policy_path = a + 9;
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (strcmp(a, "--") == 0) {
            first_file = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            ek_tool_error("evaluate: unknown option \"%s\" (see egenkontroll evaluate --help)", a);
            return EK_EXIT_USAGE;
        } else {
            first_file = i;
            break;
        }
    }
    /* Options may not follow the files. */
    for (int i = first_file; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] != '\0' && !(i > 0 && strcmp(argv[i - 1], "--") == 0)) {
            ek_tool_error("evaluate: options must come before the files (\"%s\")", argv[i]);
            return EK_EXIT_USAGE;
        }
    int json;
    if (strcmp(format, "text") == 0)
        json = 0;
    else if (strcmp(format, "json") == 0)
        json = 1;
    else {
        ek_tool_error("evaluate: --format must be text or json, not \"%s\"", format);
        return EK_EXIT_USAGE;
    }
    if (first_file >= argc) {
        ek_tool_error("evaluate: no input files (use - for standard input)");
        return EK_EXIT_USAGE;
    }
    ek_date as_of = today();
    if (as_of_text != NULL && ek_date_parse(as_of_text, &as_of) != EK_OK) {
        ek_tool_error("evaluate: --as-of: %s", ek_error_last()->message);
        return EK_EXIT_USAGE;
    }

    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    char *out_buf = NULL;
    size_t out_len = 0, out_cap = 0;
    int status = EK_EXIT_OK;
    if (ek_context_new(&ctx) != EK_OK || ek_case_new(&c, "-") != EK_OK || ek_evaluation_new(&ev) != EK_OK) {
        ek_tool_error("evaluate: %s", ek_error_last()->message);
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (policy_path != NULL && ek_policy_load_json(ek_context_policy(ctx), policy_path) != EK_OK) {
        ek_tool_error("evaluate: --policy: %s", ek_error_last()->message);
        status = EK_EXIT_USAGE;
        goto done;
    }
    const ek_rulebook *rb = ek_rulebook_builtin();
    int first_case = 1;
    for (int f = first_file; f < argc && status != EK_EXIT_FAILURE; f++) {
        ek_case_reader *rd = NULL;
        if (ek_case_reader_open(&rd, argv[f]) != EK_OK) {
            ek_tool_error("evaluate: %s", ek_error_last()->message);
            status = EK_EXIT_INPUT;
            continue;
        }
        for (;;) {
            int rc = ek_case_reader_next(rd, c);
            if (rc == 0)
                break;
            if (rc < 0) {
                if (rc == EK_ENOMEM) {
                    ek_tool_error("evaluate: out of memory");
                    status = EK_EXIT_FAILURE;
                    break;
                }
                print_rejected(json);
                status = EK_EXIT_INPUT;
                if (rc == EK_EIO)
                    break;
                continue;
            }
            rc = ek_evaluate_case(ctx, rb, c, as_of, ev);
            if (rc != EK_OK) {
                print_rejected(json);
                status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                continue;
            }
            if (json) {
                out_len = 0; /* one buffer reused for every case */
                if (ek_evaluation_append_json(ev, &out_buf, &out_len, &out_cap) != EK_OK) {
                    ek_tool_error("evaluate: %s", ek_error_last()->message);
                    status = EK_EXIT_FAILURE;
                    break;
                }
                out_buf[out_len++] = '\n'; /* over the NUL */
                fwrite(out_buf, 1, out_len, stdout);
            } else {
                ek_evaluation_sort(ev, EK_ORDER_URGENCY);
                if (!first_case)
                    putchar('\n');
                print_text(ev);
            }
            first_case = 0;
        }
        ek_case_reader_free(rd);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        ek_tool_error("evaluate: error writing the output");
        status = EK_EXIT_FAILURE;
    }
done:
    ek_free(out_buf);
    ek_evaluation_free(ev);
    ek_case_free(c);
    ek_context_free(ctx);
    return status;
}
