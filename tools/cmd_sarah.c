/* SPDX-License-Identifier: MIT */
/* egenkontroll sarah: check a lex Sarah register (items E1 and E2 per record, then a summary). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f, "%s",
            _("usage: egenkontroll sarah [--as-of DATE] [--policy FILE] [--format text|json] [--include-text] FILE...\n\n"
            "Reads lex Sarah records (egenkontroll/avvikelse-1 JSON Lines; \"-\" = standard input) and\n"
            "prints for each record items E1 (time limits: registered, investigation opened, IVO\n"
            "notified after a serious assessment, investigation sent within 2 months when not\n"
            "attached, measures by their due dates) and E2 (the nine elements of the investigation,\n"
            "SOSFS 2011:5 5 kap.), each time limit, and then a summary of the register.\n\n"
            "  --as-of DATE     judge open time limits as of DATE (default: today)\n"
            "  --policy FILE    policy parameters (egenkontroll/policy-1), e.g. sarah_anmalan_ivo\n"
            "  --format text    (default) readable lines\n"
            "  --format json    JSON Lines: one object per record {\"id\", \"results\", \"obligations\"},\n"
            "                   {\"id\", \"error\", …} for a rejected record, then {\"summary\": …}\n"
            "  --include-text   text format: also print each measure's beskrivning (free text is left\n"
            "                   out unless asked for; personal identity numbers are masked even then)\n\n"
            "Exit status: 0 all records read; 3 some record or file was rejected (the others were\n"
            "still checked); 2 bad command line; 4 could not run.\n"));
}

static void print_rejected(int json)
{
    const ek_error *e = ek_error_last();
    const char *shown = EK_TOOL_ERROR_TEXT(e);
    ek_tool_error("sarah: %s", shown);
    if (!json)
        return;
    char *line = NULL;
    puts(ek_error_write_json(e, &line) == EK_OK ? line : "{\"id\": null, \"error\": \"out of memory\"}");
    ek_free(line);
}

/* Print s left-aligned in at least width characters. */
static void lpad(const char *s, size_t width)
{
    fputs(s, stdout);
    for (size_t n = ek_tool_ulen(s); n < width; n++)
        putchar(' ');
}

/* With --include-text: the measures' descriptions (free text: shown only when asked, issue 18). */
static void print_measure_texts(const ek_sarah_record *rec)
{
    for (size_t k = 0; k < ek_sarah_record_measure_count(rec); k++) {
        ek_sarah_measure m = EK_SARAH_MEASURE_INIT;
        if (ek_sarah_record_measure(rec, k, &m) != EK_OK)
            continue;
        printf("    atgarder[%zu].beskrivning: ", k);
        ek_tool_fputs_safe(m.beskrivning ? m.beskrivning : "", stdout);
        putchar('\n');
    }
}

static void print_text(const ek_sarah_record *rec, const ek_sarah_result *res, int include_text)
{
    const char *kat = ek_sarah_record_text(rec, EK_SARAH_KATEGORI);
    const char *unit = ek_sarah_record_text(rec, EK_SARAH_UNIT);
    ek_sarah_tri allv = ek_sarah_record_allvarlig(rec);
    char id[256], kb[256], ub[256];
    /* The state, typ and the keys are codes of egenkontroll/avvikelse-1: never translated. */
    printf("%s  %s  typ=%s  kategori=%s  enhet=%s  allvarlig=%s\n", ek_tool_safe(ek_sarah_record_id(rec), id, sizeof id),
           ek_sarah_state_name(ek_sarah_record_state(rec)), ek_sarah_typ_name(ek_sarah_record_typ(rec)),
           kat ? ek_tool_safe(kat, kb, sizeof kb) : "-", unit ? ek_tool_safe(unit, ub, sizeof ub) : "-",
           allv == EK_SARAH_YES ? _("ja") : allv == EK_SARAH_NO ? _("nej") : _("ej bedömd"));
    for (size_t k = 0; k < 2; k++) {
        ek_sarah_item it = EK_SARAH_ITEM_INIT;
        if (ek_sarah_result_item(res, k, &it) == EK_OK) {
            printf("  %s  ", it.item);
            lpad(ek_result_label(it.result), 13);
            fputs("  ", stdout);
            ek_tool_fputs_safe(it.message, stdout);
            printf("  [%s]\n", it.basis);
        }
    }
    for (size_t k = 0; k < ek_sarah_result_limit_count(res); k++) {
        ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
        if (ek_sarah_result_limit(res, k, &l) != EK_OK)
            continue;
        char name[48], b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE], b3[EK_DATE_BUFSIZE];
        if (l.kind == EK_SARAH_LIMIT_ATGARD)
            snprintf(name, sizeof name, "%s[%zu]", l.name, l.measure_index);
        else
            snprintf(name, sizeof name, "%s", l.name);
        printf("    %-26s ", name);
        lpad(ek_result_label(l.result), 13);
        putchar(' ');
        printf(_("nominell %s  laglig %s  utfört %s"), ek_tool_date_str(l.nominal, b1), ek_tool_date_str(l.legal, b2),
               ek_tool_date_str(l.done, b3));
        fputs("  ", stdout);
        ek_tool_fputs_safe(l.message, stdout);
        printf("  [%s]\n", l.basis);
    }
    if (include_text)
        print_measure_texts(rec);
}

int ek_cmd_sarah(int argc, char **argv)
{
    const char *as_of_text = NULL, *policy_path = NULL, *format = "text";
    int json = 0, nfiles = 0, include_text = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (files == NULL) {
        ek_tool_error("sarah: out of memory");
        return EK_EXIT_FAILURE;
    }
    const ek_tool_opt options[] = {
        EK_TOOL_VALUE("--as-of", &as_of_text), EK_TOOL_VALUE("--policy", &policy_path),
        EK_TOOL_VALUE("--format", &format),    EK_TOOL_FLAG("--include-text", &include_text),
    };
    int r = ek_tool_options_anywhere("sarah", argc, argv, options, sizeof options / sizeof options[0], files, &nfiles);
    if (r == EK_EXIT_OK && strcmp(format, "json") != 0 && strcmp(format, "text") != 0) {
        ek_tool_error("sarah: unknown format \"%s\" (expected text or json)", format);
        r = EK_EXIT_USAGE;
    }
    if (r != EK_EXIT_OK) {
        if (r == EK_TOOL_HELP)
            usage(stdout);
        free(files);
        return r == EK_TOOL_HELP ? EK_EXIT_OK : r;
    }
    json = strcmp(format, "json") == 0;
    if (nfiles == 0) {
        ek_tool_error("sarah: expected at least one FILE (see egenkontroll sarah --help)");
        free(files);
        return EK_EXIT_USAGE;
    }
    ek_date as_of = EK_DATE_NONE;
    if (as_of_text != NULL) {
        if (ek_date_parse(as_of_text, &as_of) != EK_OK) {
            ek_tool_error("sarah: --as-of: %s", EK_TOOL_LAST_ERROR());
            free(files);
            return EK_EXIT_USAGE;
        }
    } else {
        as_of = ek_tool_today();
    }

    int status = EK_EXIT_OK;
    ek_context *ctx = NULL;
    ek_sarah_summary *sum = NULL;
    ek_sarah_result *res = NULL; /* one result, refilled for every record */
    if (ek_tool_context_new(&ctx) != EK_OK || ek_sarah_summary_new(&sum) != EK_OK || ek_sarah_result_new(&res) != EK_OK) {
        ek_tool_error("sarah: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (policy_path != NULL && ek_policy_load_json(ek_context_policy(ctx), policy_path) != EK_OK) {
        ek_tool_error("sarah: --policy: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    for (int f = 0; f < nfiles && status != EK_EXIT_FAILURE; f++) {
        ek_sarah_reader *rd = NULL;
        if (ek_sarah_reader_open(&rd, files[f]) != EK_OK) {
            print_rejected(json);
            status = EK_EXIT_INPUT;
            continue;
        }
        for (;;) {
            ek_sarah_record *rec = NULL;
            int rc = ek_sarah_reader_next(rd, &rec);
            if (rc == 0)
                break;
            if (rc < 0) {
                print_rejected(json);
                if (rc == EK_ENOMEM || rc == EK_EIO) {
                    status = EK_EXIT_FAILURE;
                    break;
                }
                ek_sarah_summary_add_rejected(sum);
                status = EK_EXIT_INPUT;
                continue;
            }
            char *line = NULL;
            if (ek_sarah_evaluate(ctx, rec, as_of, res) != EK_OK || ek_sarah_summary_add(sum, rec, res) != EK_OK ||
                (json && ek_sarah_result_write_json(res, &line) != EK_OK)) {
                ek_tool_error("sarah: %s", EK_TOOL_LAST_ERROR());
                status = EK_EXIT_FAILURE;
            } else if (json) {
                printf("%s\n", line);
            } else {
                print_text(rec, res, include_text);
            }
            ek_free(line);
            ek_sarah_record_free(rec);
            if (status == EK_EXIT_FAILURE)
                break;
        }
        ek_sarah_reader_free(rd);
    }
    if (status != EK_EXIT_FAILURE) {
        if (json) {
            char *line = NULL;
            if (ek_sarah_summary_write_json(sum, &line) == EK_OK)
                printf("%s\n", line);
            else
                status = EK_EXIT_FAILURE;
            ek_free(line);
        } else {
            ek_tool_sarah_summary_print(sum, 0);
        }
    }
done:
    ek_sarah_result_free(res);
    ek_sarah_summary_free(sum);
    ek_context_free(ctx);
    free(files);
    if (fflush(stdout) != 0 && status == EK_EXIT_OK)
        status = EK_EXIT_FAILURE;
    return status;
}
