/* SPDX-License-Identifier: MIT */
/* egenkontroll check: audit cases against the egenkontroll checklist; summary with rates; run record (F1). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f,
            _("usage: egenkontroll check [OPTIONS] FILE...\n\n"
            "Audits child cases (egenkontroll/case-1 JSON Lines; \"-\" = standard input) against the\n"
            "egenkontroll checklist (items A1 … F4 of the built-in checklist, or your own): one result per\n"
            "item and case (pass, fail, error, unknown, notapplicable, notchecked, informational) with a\n"
            "Swedish message, the evidence and the legal basis, then a summary per item with the\n"
            "population model (denominator, exclusions, exceptions, numerator, rate).\n\n"
            "  --as-of DATE         audit as of DATE (YYYY-MM-DD; default: today)\n"
            "  --checklist FILE     egenkontroll/checklist-1 (docs/FORMATS-checklist.md); default: built-in\n"
            "  --delegation FILE    egenkontroll/delegation-1 for item C1 (without it C1 is notchecked)\n"
            "  --policy FILE        egenkontroll/policy-1 parameters\n"
            "  --sarah FILE         lex Sarah records (egenkontroll/avvikelse-1) for items E1 and E2\n"
            "  --answers FILE       reviewers' answers (egenkontroll/granskning-1), merged with the answers\n"
            "                       in the cases; the later date counts; may be repeated\n"
            "  --sample N           audit a reproducible random sample of N cases per unit and period\n"
            "  --seed S             sample seed (unsigned integer; default 1)\n"
            "  --sample-period P    year (default), half, quarter, month or all; a case's period is the\n"
            "                       date of its first event\n"
            "  --format text|json   text (default): per case, failures first, then a summary table;\n"
            "                       json: JSON Lines, one object per case {\"id\", \"as_of\", \"results\":\n"
            "                       [{\"item\", \"result\", \"message\", \"basis\", \"evidence\", \"flags\"}]},\n"
            "                       then one line {\"summary\": {…}}\n"
            "  --strict             a case with an event type or attribute key outside the case-1\n"
            "                       vocabulary is rejected (file, line, case, field) instead of audited\n"
            "  --record FILE        write the run record (F1): who, when, sample, checklist and rulebook\n"
            "                       versions, results (egenkontroll/run-1 JSON)\n"
            "  --reviewer WHO       who runs the egenkontroll (role, never a personal identity number)\n"
            "  --action TEXT        a follow-up action decided (repeatable; needs --record); F1 passes only\n"
            "                       when the record documents at least one\n"
            "  --print-checklist    print the built-in checklist (JSON) and exit\n\n"
            "Sampling: each case gets the key ek_sample_key(seed, id) (FNV-1a 64 over the seed's 8 bytes,\n"
            "little-endian, and the id's bytes, then the SplitMix64 finaliser); within each unit and period\n"
            "the N cases with the smallest keys are audited (ties: by id).  Same seed, same sample, on\n"
            "every platform.  Sampling reads the files twice, so it does not accept \"-\".\n\n"
            "Exit status: 0 every input accepted; 3 some case, record or file was rejected (the others were\n"
            "still audited); 2 bad command line or a rejected checklist/delegation/policy file; 4 could not run.\n"));
}

/* The period label of a date ("2025", "2025-H2", "2025-Q3", "2025-09", ""). */
static void period_label(const char *kind, ek_date d, char *buf, size_t size)
{
    int y, m, dd;
    buf[0] = '\0';
    if (strcmp(kind, "all") == 0 || d == EK_DATE_NONE || ek_date_to_ymd(d, &y, &m, &dd) != EK_OK)
        return;
    if (strcmp(kind, "half") == 0)
        snprintf(buf, size, "%04d-H%d", y, m <= 6 ? 1 : 2);
    else if (strcmp(kind, "quarter") == 0)
        snprintf(buf, size, "%04d-Q%d", y, (m - 1) / 3 + 1);
    else if (strcmp(kind, "month") == 0)
        snprintf(buf, size, "%04d-%02d", y, m);
    else
        snprintf(buf, size, "%04d", y);
}


/* ---- a growable string (for the run record) ------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t n, cap;
    int oom;
} sbuf;

static void sb_addn(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            b->oom = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_add(sbuf *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

static void sb_json_str(sbuf *b, const char *s)
{
    if (!s) {
        sb_add(b, "null");
        return;
    }
    sb_add(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            sb_addn(b, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            sb_add(b, esc);
        } else
            sb_addn(b, (const char *)p, 1);
    }
    sb_add(b, "\"");
}

/* ---- text output ------------------------------------------------------------------ */

static const char *label_sv(ek_result r)
{
    switch (r) {
    case EK_RESULT_PASS: return _("uppfylld");
    case EK_RESULT_FAIL: return _("BRIST");
    case EK_RESULT_ERROR: return _("FEL I DATA");
    case EK_RESULT_UNKNOWN: return _("oklart");
    case EK_RESULT_NOTAPPLICABLE: return _("ej aktuell");
    case EK_RESULT_NOTCHECKED: return _("ej bedömd");
    case EK_RESULT_NOTSELECTED: return _("ej vald");
    case EK_RESULT_INFORMATIONAL: return _("för kännedom");
    case EK_RESULT_FIXED: return _("åtgärdad");
    default: return "?";
    }
}

static int order_of(ek_result r)
{
    static const ek_result order[] = { EK_RESULT_FAIL, EK_RESULT_ERROR, EK_RESULT_UNKNOWN, EK_RESULT_INFORMATIONAL,
                                       EK_RESULT_NOTCHECKED, EK_RESULT_FIXED, EK_RESULT_PASS,
                                       EK_RESULT_NOTAPPLICABLE, EK_RESULT_NOTSELECTED };
    for (int i = 0; i < 9; i++)
        if (order[i] == r)
            return i;
    return 9;
}

static void print_text(const ek_checklist_result *res)
{
    char b[EK_DATE_BUFSIZE];
    size_t n = ek_checklist_result_count(res);
    size_t fails = 0, nc = 0;
    for (size_t k = 0; k < n; k++) {
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        if (ek_checklist_result_item(res, k, &ir) == EK_OK) {
            fails += ir.result == EK_RESULT_FAIL;
            nc += ir.result == EK_RESULT_NOTCHECKED;
        }
    }
    const char *unit = ek_checklist_result_unit(res);
    char id[256], un[256], item[64];
    printf(_("%s%s%s%s  (per %s: %zu brister, %zu ej bedömda)\n"),
           ek_tool_safe(ek_checklist_result_case_id(res), id, sizeof id), *unit ? " (" : "",
           ek_tool_safe(unit, un, sizeof un), *unit ? ")" : "", ek_tool_date_str(ek_checklist_result_as_of(res), b),
           fails, nc);
    for (int rank = 0; rank <= 9; rank++)
        for (size_t k = 0; k < n; k++) {
            ek_item_result ir = EK_ITEM_RESULT_INIT;
            if (ek_checklist_result_item(res, k, &ir) != EK_OK || order_of(ir.result) != rank)
                continue;
            if (ir.result == EK_RESULT_NOTAPPLICABLE && !(ir.flags & EK_ITEM_EXCLUDED))
                continue;  /* counted in the summary; not listed per case */
            const char *lab = label_sv(ir.result);
            int extra = 0;  /* %-13s pads bytes; count the UTF-8 continuation bytes of å/ä/ö */
            for (const char *q = lab; *q; q++)
                extra += ((unsigned char)*q & 0xC0) == 0x80;
            printf("  %-4s %-*s ", ek_tool_safe(ir.item, item, sizeof item), 13 + extra, lab);
            ek_tool_fputs_safe(ir.message, stdout);
            fputs(" [", stdout);
            ek_tool_fputs_safe(ir.basis, stdout);
            fputs("]\n", stdout);
        }
}

static void print_summary_text(const ek_checklist *cl, const ek_checklist_aggregate *agg, size_t rejected,
                               int recorded)
{
    printf(_("\nSammanställning: %zu ärenden"), ek_checklist_aggregate_case_count(agg));
    if (rejected)
        printf(_(", %zu avvisade"), rejected);
    printf(_(" (checklista %s %s)\n"), ek_checklist_id(cl), ek_checklist_version(cl));
    printf("  %-5s %7s %6s %7s %9s %8s %9s %5s %7s %9s %7s\n", _("punkt"), _("nämnare"), _("exkl."), _("undant."), _("uppfyllda"),
           _("brister"), _("ej bedömd"), _("fel"), _("oklara"), _("kännedom"), _("andel"));
    for (size_t i = 0; i < ek_checklist_item_count(cl); i++) {
        ek_item_counts c = EK_ITEM_COUNTS_INIT;
        ek_item_info info = EK_ITEM_INFO_INIT;
        if (ek_checklist_aggregate_counts(agg, i, EK_ALL_GROUPS, &c) != EK_OK || ek_checklist_item(cl, i, &info) != EK_OK)
            continue;
        char rate[16];
        if (c.has_rate)
            snprintf(rate, sizeof rate, "%.0f %%", c.rate * 100.0);
        else
            snprintf(rate, sizeof rate, "-");
        printf("  %-5s %7zu %6zu %7zu %9zu %8zu %9zu %5zu %7zu %9zu %7s", c.item, c.denominator, c.exclusions,
               c.exceptions, c.numerator, c.failed + c.fixed, c.notchecked, c.error, c.unknown, c.informational, rate);
        if (info.population == EK_POPULATION_SARAH && c.total == 0)
            printf("%s", _("  (lex Sarah-rapporter: ange --sarah FILE)"));
        else if (info.population == EK_POPULATION_SARAH)
            printf("%s", _("  (per lex Sarah-rapport)"));
        else if (info.population == EK_POPULATION_RUN)
            printf(_("  (denna körning%s)"), c.numerator ? _(" är dokumenterad")
                                             : recorded ? _(": åtgärderna saknas, ange --action TEXT")
                                                        : _(": ange --record FILE"));
        putchar('\n');
    }
    printf("%s", _("  andel = uppfyllda / (uppfyllda + brister); ej bedömda, fel och oklara räknas aldrig som uppfyllda.\n"));
}

/* ---- main ------------------------------------------------------------------------------ */

typedef struct opts {
    const char *as_of, *checklist, *delegation, *policy, *sarah, *format, *record, *reviewer, *period;
    const char *sample, *seed;
    const char **answers;
    size_t nanswers;
    const char **actions;
    size_t nactions;
    int print_checklist;
    int strict;
} opts;

static int check_main(int argc, char **argv, opts *op);

int ek_cmd_check(int argc, char **argv)
{
    opts o;
    memset(&o, 0, sizeof o);
    o.format = "text";
    o.period = "year";
    o.answers = calloc((size_t)argc + 1, sizeof *o.answers);
    o.actions = calloc((size_t)argc + 1, sizeof *o.actions);
    if (!o.answers || !o.actions) {
        free((void *)o.answers);
        free((void *)o.actions);
        ek_tool_error("check: out of memory");
        return EK_EXIT_FAILURE;
    }
    int status = check_main(argc, argv, &o);
    free((void *)o.answers);
    free((void *)o.actions);
    return status;
}

static int check_main(int argc, char **argv, opts *op)
{
    opts o = *op;
    int first_file = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        int r;
        if ((r = ek_tool_take("check", argc, argv, &i, "--answers", &val)) != 0) {
            if (r < 0)
                return EK_EXIT_USAGE;
            o.answers[o.nanswers++] = val;
            continue;
        }
        if (strcmp(a, "--strict") == 0) {
            o.strict = 1;
            continue;
        }
        if ((r = ek_tool_take("check", argc, argv, &i, "--action", &val)) != 0) {
            if (r < 0)
                return EK_EXIT_USAGE;
            o.actions[o.nactions++] = val;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EK_EXIT_OK;
        }
        if (strcmp(a, "--print-checklist") == 0) {
            o.print_checklist = 1;
            continue;
        }
        if ((r = ek_tool_take("check", argc, argv, &i, "--as-of", &o.as_of)) || (r = ek_tool_take("check", argc, argv, &i, "--checklist", &o.checklist)) ||
            (r = ek_tool_take("check", argc, argv, &i, "--delegation", &o.delegation)) || (r = ek_tool_take("check", argc, argv, &i, "--policy", &o.policy)) ||
            (r = ek_tool_take("check", argc, argv, &i, "--sarah", &o.sarah)) || (r = ek_tool_take("check", argc, argv, &i, "--format", &o.format)) ||
            (r = ek_tool_take("check", argc, argv, &i, "--record", &o.record)) || (r = ek_tool_take("check", argc, argv, &i, "--reviewer", &o.reviewer)) ||
            (r = ek_tool_take("check", argc, argv, &i, "--sample-period", &o.period)) || (r = ek_tool_take("check", argc, argv, &i, "--sample", &o.sample)) ||
            (r = ek_tool_take("check", argc, argv, &i, "--seed", &o.seed))) {
            if (r < 0)
                return EK_EXIT_USAGE;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            first_file = i + 1;
            break;
        }
        if (a[0] == '-' && a[1] != '\0') {
            ek_tool_error("check: unknown option \"%s\" (see egenkontroll check --help)", a);
            return EK_EXIT_USAGE;
        }
        first_file = i;
        break;
    }
    if (o.print_checklist) {
        fputs(ek_checklist_builtin_json(), stdout);
        putchar('\n');
        return EK_EXIT_OK;
    }
    for (int i = first_file; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i - 1], "--") != 0) {
            ek_tool_error("check: options must come before the files (\"%s\")", argv[i]);
            return EK_EXIT_USAGE;
        }
    int json;
    if (strcmp(o.format, "text") == 0)
        json = 0;
    else if (strcmp(o.format, "json") == 0)
        json = 1;
    else {
        ek_tool_error("check: --format must be text or json, not \"%s\"", o.format);
        return EK_EXIT_USAGE;
    }
    if (strcmp(o.period, "year") && strcmp(o.period, "half") && strcmp(o.period, "quarter") &&
        strcmp(o.period, "month") && strcmp(o.period, "all")) {
        ek_tool_error("check: --sample-period must be year, half, quarter, month or all, not \"%s\"", o.period);
        return EK_EXIT_USAGE;
    }
    uint64_t sample_n = 0, seed = 1;
    if (o.sample && (ek_tool_parse_u64(o.sample, &sample_n) != 0 || sample_n == 0)) {
        ek_tool_error("check: --sample must be a positive whole number, not \"%s\"", o.sample);
        return EK_EXIT_USAGE;
    }
    if (o.seed && ek_tool_parse_u64(o.seed, &seed) != 0) {
        ek_tool_error("check: --seed must be an unsigned whole number, not \"%s\"", o.seed);
        return EK_EXIT_USAGE;
    }
    if (o.nactions && !o.record) {
        ek_tool_error("check: --action needs --record (the actions are documented in the run record)");
        return EK_EXIT_USAGE;
    }
    if (o.seed && !o.sample) {
        ek_tool_error("check: --seed needs --sample");
        return EK_EXIT_USAGE;
    }
    if (first_file >= argc) {
        ek_tool_error("check: no input files (use - for standard input)");
        return EK_EXIT_USAGE;
    }
    if (o.sample)
        for (int i = first_file; i < argc; i++)
            if (strcmp(argv[i], "-") == 0) {
                ek_tool_error("check: --sample reads the files twice and cannot read standard input");
                return EK_EXIT_USAGE;
            }
    ek_date as_of = ek_tool_today();
    if (o.as_of && ek_date_parse(o.as_of, &as_of) != EK_OK) {
        ek_tool_error("check: --as-of: %s", ek_error_last()->message);
        return EK_EXIT_USAGE;
    }

    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ek_checklist *cl = NULL;
    ek_delegation *del = NULL;
    ek_checklist_result *res = NULL;
    ek_checklist_aggregate *agg = NULL;
    ek_answers *answers = NULL;
    size_t notes_printed = 0;
    ek_tool_sample ss;
    memset(&ss, 0, sizeof ss);
    sbuf cases_json;
    memset(&cases_json, 0, sizeof cases_json);
    size_t rejected = 0, audited = 0;
    int status = ek_tool_answers_load("check", o.answers, o.nanswers, &answers);
    if (status == EK_EXIT_USAGE || status == EK_EXIT_FAILURE)
        goto done;
    if (ek_context_new(&ctx) != EK_OK || ek_case_new(&c, "-") != EK_OK || ek_checklist_result_new(&res) != EK_OK) {
        ek_tool_error("check: %s", ek_error_last()->message);
        status = EK_EXIT_FAILURE;
        goto done;
    }
    ek_context_set_strict(ctx, o.strict);
    if (o.policy && ek_policy_load_json(ek_context_policy(ctx), o.policy) != EK_OK) {
        ek_tool_error("check: --policy: %s", ek_error_last()->message);
        status = EK_EXIT_USAGE;
        goto done;
    }
    if ((o.checklist ? ek_checklist_load_json(&cl, o.checklist) : ek_checklist_new_builtin(&cl)) != EK_OK) {
        ek_tool_error("check: --checklist: %s", ek_error_last()->message);
        status = ek_error_last()->status == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_USAGE;
        goto done;
    }
    if (o.delegation && ek_delegation_load_json(&del, o.delegation) != EK_OK) {
        ek_tool_error("check: --delegation: %s", ek_error_last()->message);
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (ek_checklist_aggregate_new(&agg, cl) != EK_OK) {
        ek_tool_error("check: %s", ek_error_last()->message);
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (o.sample) {
        if (ek_tool_sample_draw(&ss, argv + first_file, argc - first_file, o.period, (size_t)sample_n, seed, NULL,
                                EK_DATE_NONE, EK_DATE_NONE) != EK_OK) {
            ek_tool_error("check: sampling: out of memory");
            status = EK_EXIT_FAILURE;
            goto done;
        }
    }

    size_t ordinal = 0;
    int first_case = 1;
    ek_tool_warn_repeated_files("check", argv + first_file, argc - first_file);
    for (int f = first_file; f < argc && status != EK_EXIT_FAILURE; f++) {
        ek_case_reader *rd = NULL;
        size_t nwarn = 0;
        if (ek_case_reader_open(&rd, argv[f]) != EK_OK) {
            ek_tool_error("check: %s", ek_error_last()->message);
            status = EK_EXIT_INPUT;
            continue;
        }
        for (;;) {
            int rc = ek_case_reader_next(rd, c);
            if (rc == 0)
                break;
            if (rc < 0) {
                if (rc == EK_ENOMEM) {
                    ek_tool_error("check: out of memory");
                    status = EK_EXIT_FAILURE;
                    break;
                }
                ek_tool_error("check: %s", ek_error_last()->message);
                if (json) {
                    sbuf e;
                    memset(&e, 0, sizeof e);
                    sb_add(&e, "{\"id\": ");
                    sb_json_str(&e, ek_error_last()->record_id[0] ? ek_error_last()->record_id : NULL);
                    sb_add(&e, ", \"error\": ");
                    sb_json_str(&e, ek_error_last()->message);
                    sb_add(&e, "}");
                    puts(e.oom ? "{\"id\": null, \"error\": \"out of memory\"}" : e.p);
                    free(e.p);
                }
                rejected++;
                status = EK_EXIT_INPUT;
                if (rc == EK_EIO)
                    break;
                continue;
            }
            size_t me = ordinal++;
            ek_tool_case_warnings("check", argv[f], ek_case_reader_line(rd), c, &nwarn);
            if (answers && ek_answers_visit(answers, c, NULL) != EK_OK) {
                ek_tool_error("check: out of memory");
                status = EK_EXIT_FAILURE;
                break;
            }
            if (o.sample && !ek_tool_sample_has(&ss, me, c))
                continue;
            if (o.strict && ek_tool_strict_reject("check", argv[f], ek_case_reader_line(rd), c)) {
                status = EK_EXIT_INPUT;
                rejected++;
                continue;
            }
            rc = ek_checklist_evaluate_answers(ctx, cl, c, del, answers, as_of, res);
            if (rc != EK_OK) {
                ek_tool_error("check: %s", ek_error_last()->message);
                status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                rejected++;
                continue;
            }
            char per[32];
            period_label(o.period, ek_tool_case_date(c), per, sizeof per);
            if (ek_checklist_aggregate_add(agg, res, per) != EK_OK) {
                ek_tool_error("check: %s", ek_error_last()->message);
                status = EK_EXIT_FAILURE;
                break;
            }
            audited++;
            char *line = NULL;
            if ((json || o.record) && ek_checklist_result_write_json(res, &line) != EK_OK) {
                ek_tool_error("check: %s", ek_error_last()->message);
                status = EK_EXIT_FAILURE;
                break;
            }
            if (json)
                puts(line);
            else {
                if (!first_case)
                    putchar('\n');
                print_text(res);
            }
            if (o.record) {
                sb_add(&cases_json, cases_json.n ? ",\n  " : "\n  ");
                sb_add(&cases_json, line);
            }
            ek_free(line);
            first_case = 0;
        }
        ek_tool_warnings_done("check", argv[f], nwarn);
        ek_case_reader_free(rd);
    }

    /* Lex Sarah records: E1 and E2, per record. */
    if (o.sarah && status != EK_EXIT_FAILURE) {
        ek_sarah_reader *sr = NULL;
        if (ek_sarah_reader_open(&sr, o.sarah) != EK_OK) {
            ek_tool_error("check: --sarah: %s", ek_error_last()->message);
            status = EK_EXIT_INPUT;
        } else {
            for (;;) {
                ek_sarah_record *rec = NULL;
                int rc = ek_sarah_reader_next(sr, &rec);
                if (rc == 0)
                    break;
                if (rc < 0) {
                    ek_tool_error("check: --sarah: %s", ek_error_last()->message);
                    status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                    rejected++;
                    if (rc == EK_ENOMEM || rc == EK_EIO)
                        break;
                    continue;
                }
                ek_sarah_result *sres = NULL;
                rc = ek_sarah_evaluate(ctx, rec, as_of, &sres);
                if (rc == EK_OK) {
                    const char *unit = ek_sarah_record_text(rec, EK_SARAH_UNIT);
                    char per[32];
                    period_label(o.period, ek_sarah_record_date(rec, EK_SARAH_RAPPORT), per, sizeof per);
                    rc = ek_checklist_aggregate_add_sarah(agg, sres, unit, per);
                }
                if (rc != EK_OK) {
                    ek_tool_error("check: --sarah: %s", ek_error_last()->message);
                    status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                }
                ek_sarah_result_free(sres);
                ek_sarah_record_free(rec);
            }
            ek_sarah_reader_free(sr);
        }
    }

    /* Answers for cases no file had, or for items the checklist lacks: errors; conflicts: warnings. */
    if (answers && status != EK_EXIT_FAILURE) {
        if (ek_answers_check(answers, cl, NULL) != EK_OK) {
            ek_tool_error("check: out of memory");
            status = EK_EXIT_FAILURE;
            goto done;
        }
        int st = ek_tool_answers_notes("check", answers, &notes_printed);
        if (st > status)
            status = st;
    }

    /* F1: this run is documented when the run record is written. */
    {
        size_t f1;
        if (ek_checklist_find(cl, "F1", &f1) == EK_OK)
            ek_checklist_aggregate_add_result(agg, "F1", NULL, NULL,
                                              o.record && o.nactions ? EK_RESULT_PASS : EK_RESULT_NOTCHECKED, 0);
    }
    char *agg_json = NULL;
    if (ek_checklist_aggregate_write_json(agg, cl, &agg_json) != EK_OK) {
        ek_tool_error("check: %s", ek_error_last()->message);
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (o.record) {
        char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
        sbuf r;
        memset(&r, 0, sizeof r);
        sb_add(&r, "{\"format\": \"egenkontroll/run-1\",\n \"vem\": ");
        sb_json_str(&r, o.reviewer);
        sb_add(&r, ",\n \"nar\": ");
        sb_json_str(&r, ek_tool_date_str(ek_tool_today(), b1));
        sb_add(&r, ",\n \"as_of\": ");
        sb_json_str(&r, ek_tool_date_str(as_of, b2));
        sb_add(&r, ",\n \"checklista\": {\"id\": ");
        sb_json_str(&r, ek_checklist_id(cl));
        sb_add(&r, ", \"version\": ");
        sb_json_str(&r, ek_checklist_version(cl));
        sb_add(&r, ", \"fil\": ");
        sb_json_str(&r, o.checklist);
        sb_add(&r, "},\n \"regelbok\": ");
        sb_json_str(&r, ek_rulebook_version(ek_rulebook_builtin()));
        sb_add(&r, ",\n \"bibliotek\": ");
        sb_json_str(&r, ek_version_string());
        sb_add(&r, ",\n \"policy\": ");
        sb_json_str(&r, o.policy);
        sb_add(&r, ",\n \"delegation\": ");
        sb_json_str(&r, o.delegation);
        sb_add(&r, ",\n \"sarah\": ");
        sb_json_str(&r, o.sarah);
        sb_add(&r, ",\n \"indata\": [");
        for (int f = first_file; f < argc; f++) {
            if (f > first_file)
                sb_add(&r, ", ");
            sb_json_str(&r, argv[f]);
        }
        sb_add(&r, "],\n \"urval\": ");
        if (o.sample) {
            char num[64];
            snprintf(num, sizeof num, "{\"n\": %llu, \"seed\": %llu, \"period\": ", (unsigned long long)sample_n,
                     (unsigned long long)seed);
            sb_add(&r, num);
            sb_json_str(&r, o.period);
            sb_add(&r, ", \"algoritm\": \"ek_sample_key: FNV-1a 64 (seed, 8 byte little-endian; id) + SplitMix64; "
                       "de N minsta nycklarna per enhet och period, lika nycklar efter id\", \"lasta\": ");
            snprintf(num, sizeof num, "%zu", ss.n);
            sb_add(&r, num);
            sb_add(&r, ", \"valda\": [");
            int firstsel = 1;
            for (size_t i = 0; i < ss.n; i++)
                if (ss.selected[i]) {
                    if (!firstsel)
                        sb_add(&r, ", ");
                    sb_json_str(&r, ss.ids[i]);
                    firstsel = 0;
                }
            sb_add(&r, "]}");
        } else
            sb_add(&r, "null");
        char num[64];
        snprintf(num, sizeof num, ",\n \"granskade\": %zu, \"avvisade\": %zu", audited, rejected);
        sb_add(&r, num);
        sb_add(&r, ",\n \"sammanstallning\": ");
        sb_add(&r, agg_json);
        sb_add(&r, ",\n \"fall\": [");
        if (cases_json.p)
            sb_add(&r, cases_json.p);
        sb_add(&r, "],\n \"atgarder\": [");
        for (size_t k = 0; k < o.nactions; k++) {
            sb_add(&r, k ? ", {\"beskrivning\": " : "{\"beskrivning\": ");
            sb_json_str(&r, o.actions[k]);
            sb_add(&r, "}");
        }
        sb_add(&r, "]}\n");
        if (!r.oom)
            ek_text_mask_pnr(r.p);  /* nothing shaped like a personnummer in the record (issue 18) */
        FILE *out = r.oom ? NULL : fopen(o.record, "w");
        int ok = out && fputs(r.p, out) >= 0;
        if (out && fclose(out) != 0)
            ok = 0;
        free(r.p);
        if (!ok || cases_json.oom) {
            ek_tool_error("check: --record: cannot write \"%s\"", o.record);
            status = EK_EXIT_FAILURE;
        }
    }
    if (json)
        printf("{\"summary\": %s}\n", agg_json);
    else
        print_summary_text(cl, agg, rejected, o.record != NULL);
    ek_free(agg_json);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        ek_tool_error("check: error writing the output");
        status = EK_EXIT_FAILURE;
    }
done:
    ek_answers_free(answers);
    free(cases_json.p);
    ek_tool_sample_free(&ss);
    ek_checklist_aggregate_free(agg);
    ek_checklist_result_free(res);
    ek_delegation_free(del);
    ek_checklist_free(cl);
    ek_case_free(c);
    ek_context_free(ctx);
    return status;
}
