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

/* ---- the cases' results kept for the run record ----------------------------------- */

typedef struct lines {
    char **v;
    size_t n, cap;
} lines;

/* Append @line (owned; freed on failure too); -1 when out of memory. */
static int lines_add(lines *l, char *line)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            ek_free(line);
            return -1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = line;
    return 0;
}

static void lines_free(lines *l)
{
    for (size_t k = 0; k < l->n; k++)
        ek_free(l->v[k]);
    free(l->v);
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

/* ---- JSON output in large blocks --------------------------------------------------------- */

/* The cases' JSON lines are appended to one buffer (ek_checklist_result_append_json(): no
 * allocation per case) and written in blocks of this size: one write(2) per 256 KiB instead of one
 * per stdio buffer of 4 KiB (issue 15; as tools/cmd_evaluate.c).  The block is written out before
 * anything else goes to standard output, so what standard output shows is unchanged. */
#define OUT_BLOCK (256u * 1024u)

typedef struct outbuf {
    char *p;
    size_t n, cap;
} outbuf;

static void out_flush(outbuf *o)
{
    if (o->n > 0)
        fwrite(o->p, 1, o->n, stdout);
    o->n = 0;
}

/* Append one case's JSON line; EK_OK or the status of ek_checklist_result_append_json(). */
static int out_case(outbuf *o, const ek_checklist_result *res)
{
    int rc = ek_checklist_result_append_json(res, &o->p, &o->n, &o->cap);
    if (rc != EK_OK)
        return rc;
    o->p[o->n++] = '\n'; /* over the NUL */
    if (o->n >= OUT_BLOCK)
        out_flush(o);
    return EK_OK;
}

/* ---- main ------------------------------------------------------------------------------ */

typedef struct opts {
    const char *as_of, *checklist, *delegation, *policy, *sarah, *format, *record, *reviewer, *period;
    const char *sample, *seed;
    ek_tool_list answers, actions;
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
    o.answers.v = calloc((size_t)argc + 1, sizeof *o.answers.v);
    o.actions.v = calloc((size_t)argc + 1, sizeof *o.actions.v);
    if (!o.answers.v || !o.actions.v) {
        free((void *)o.answers.v);
        free((void *)o.actions.v);
        ek_tool_error("check: out of memory");
        return EK_EXIT_FAILURE;
    }
    int status = check_main(argc, argv, &o);
    free((void *)o.answers.v);
    free((void *)o.actions.v);
    return status;
}

static int check_main(int argc, char **argv, opts *op)
{
    opts o = *op;
    int first_file = argc;
    const ek_tool_opt options[] = {
        EK_TOOL_VALUE("--as-of", &o.as_of),          EK_TOOL_VALUE("--checklist", &o.checklist),
        EK_TOOL_VALUE("--delegation", &o.delegation), EK_TOOL_VALUE("--policy", &o.policy),
        EK_TOOL_VALUE("--sarah", &o.sarah),           EK_TOOL_VALUE("--format", &o.format),
        EK_TOOL_VALUE("--record", &o.record),         EK_TOOL_VALUE("--reviewer", &o.reviewer),
        EK_TOOL_VALUE("--sample-period", &o.period),  EK_TOOL_VALUE("--sample", &o.sample),
        EK_TOOL_VALUE("--seed", &o.seed),             EK_TOOL_LIST("--answers", &o.answers),
        EK_TOOL_LIST("--action", &o.actions),         EK_TOOL_FLAG("--strict", &o.strict),
        EK_TOOL_FLAG("--print-checklist", &o.print_checklist),
    };
    int r = ek_tool_options_first("check", argc, argv, options, sizeof options / sizeof options[0], &first_file);
    if (r == EK_TOOL_HELP)
        usage(stdout);
    if (r != EK_EXIT_OK)
        return r == EK_TOOL_HELP ? EK_EXIT_OK : r;
    if (o.print_checklist) {
        fputs(ek_checklist_builtin_json(), stdout);
        putchar('\n');
        return EK_EXIT_OK;
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
    if (!ek_tool_sample_period_ok(o.period)) {
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
    if (o.actions.n && !o.record) {
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
        ek_tool_error("check: --as-of: %s", EK_TOOL_LAST_ERROR());
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
    lines cases_json;
    memset(&cases_json, 0, sizeof cases_json);
    outbuf out = { NULL, 0, 0 };
    const char **valda = NULL;
    size_t rejected = 0, audited = 0;
    int status = ek_tool_answers_load("check", o.answers.v, o.answers.n, &answers);
    if (status == EK_EXIT_USAGE || status == EK_EXIT_FAILURE)
        goto done;
    if (ek_tool_context_new(&ctx) != EK_OK || ek_case_new(&c, "-") != EK_OK || ek_checklist_result_new(&res) != EK_OK) {
        ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
    }
    ek_context_set_strict(ctx, o.strict);
    if (o.policy && ek_policy_load_json(ek_context_policy(ctx), o.policy) != EK_OK) {
        ek_tool_error("check: --policy: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if ((o.checklist ? ek_checklist_load_json(&cl, o.checklist) : ek_checklist_new_builtin(&cl)) != EK_OK) {
        ek_tool_error("check: --checklist: %s", EK_TOOL_LAST_ERROR());
        status = ek_error_last()->status == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_USAGE;
        goto done;
    }
    if (o.delegation && ek_delegation_load_json(&del, o.delegation) != EK_OK) {
        ek_tool_error("check: --delegation: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (ek_checklist_aggregate_new(&agg, cl) != EK_OK) {
        ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
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
            ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
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
                ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
                if (json) {
                    out_flush(&out);
                    char *e = NULL;
                    puts(ek_error_write_json(ek_error_last(), &e) == EK_OK ? e
                                                                           : "{\"id\": null, \"error\": \"out of memory\"}");
                    ek_free(e);
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
                ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
                status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                rejected++;
                continue;
            }
            char per[EK_SAMPLE_PERIOD_BUFSIZE];
            (void)ek_sample_period_label(ek_tool_case_date(c), o.period, per, sizeof per); /* checked above */
            if (ek_checklist_aggregate_add(agg, res, per) != EK_OK) {
                ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
                status = EK_EXIT_FAILURE;
                break;
            }
            audited++;
            char *line = NULL;
            if ((json && out_case(&out, res) != EK_OK) ||
                (o.record && ek_checklist_result_write_json(res, &line) != EK_OK)) {
                ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
                status = EK_EXIT_FAILURE;
                break;
            }
            if (!json) {
                if (!first_case)
                    putchar('\n');
                print_text(res);
            }
            if (o.record) {
                if (lines_add(&cases_json, line) != 0) {
                    ek_tool_error("check: out of memory");
                    status = EK_EXIT_FAILURE;
                    break;
                }
            } else
                ek_free(line);
            first_case = 0;
        }
        ek_tool_warnings_done("check", argv[f], nwarn);
        ek_case_reader_free(rd);
    }

    out_flush(&out);

    /* Lex Sarah records: E1 and E2, per record. */
    if (o.sarah && status != EK_EXIT_FAILURE) {
        ek_sarah_reader *sr = NULL;
        if (ek_sarah_reader_open(&sr, o.sarah) != EK_OK) {
            ek_tool_error("check: --sarah: %s", EK_TOOL_LAST_ERROR());
            status = EK_EXIT_INPUT;
        } else {
            for (;;) {
                ek_sarah_record *rec = NULL;
                int rc = ek_sarah_reader_next(sr, &rec);
                if (rc == 0)
                    break;
                if (rc < 0) {
                    ek_tool_error("check: --sarah: %s", EK_TOOL_LAST_ERROR());
                    status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                    rejected++;
                    if (rc == EK_ENOMEM || rc == EK_EIO)
                        break;
                    continue;
                }
                ek_sarah_result *sres = NULL;
                rc = ek_sarah_result_new(&sres);
                if (rc == EK_OK)
                    rc = ek_sarah_evaluate(ctx, rec, as_of, sres);
                if (rc == EK_OK) {
                    const char *unit = ek_sarah_record_text(rec, EK_SARAH_UNIT);
                    char per[EK_SAMPLE_PERIOD_BUFSIZE];
                    (void)ek_sample_period_label(ek_sarah_record_date(rec, EK_SARAH_RAPPORT), o.period, per,
                                                 sizeof per);
                    rc = ek_checklist_aggregate_add_sarah(agg, sres, unit, per);
                }
                if (rc != EK_OK) {
                    ek_tool_error("check: --sarah: %s", EK_TOOL_LAST_ERROR());
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

    /* The run record (F1), written by the library; F1 passes only when it documents an action. */
    ek_run_record rec = EK_RUN_RECORD_INIT;
    rec.reviewer = o.reviewer;
    rec.as_of = as_of;
    rec.checklist = cl;
    rec.checklist_file = o.checklist;
    rec.policy_file = o.policy;
    rec.delegation_file = o.delegation;
    rec.sarah_file = o.sarah;
    rec.case_files = (const char *const *)(argv + first_file);
    rec.case_file_count = (size_t)(argc - first_file);
    rec.answer_files = o.answers.v;
    rec.answer_file_count = o.answers.n;
    if (o.sample) {
        valda = calloc(ss.n + 1, sizeof *valda);
        if (!valda) {
            ek_tool_error("check: out of memory");
            status = EK_EXIT_FAILURE;
            goto done;
        }
        for (size_t i = 0; i < ss.n; i++)
            if (ss.selected[i])
                valda[rec.sample_id_count++] = ss.ids[i];
        rec.sample_size = (size_t)sample_n;
        rec.sample_seed = seed;
        rec.sample_period = o.period;
        rec.sample_read = ss.n;
        rec.sample_ids = (const char *const *)valda;
    }
    rec.audited = audited;
    rec.rejected = rejected;
    rec.aggregate = agg;
    rec.case_results = (const char *const *)cases_json.v;
    rec.case_result_count = cases_json.n;
    rec.actions = o.actions.v;
    rec.action_count = o.actions.n;
    {
        size_t f1;
        if (ek_checklist_find(cl, "F1", &f1) == EK_OK)
            ek_checklist_aggregate_add_result(agg, "F1", NULL, NULL,
                                              ek_run_record_f1(o.record ? &rec : NULL), 0);
    }
    if (o.record && ek_run_record_write_file(&rec, o.record) != EK_OK) {
        ek_tool_error("check: --record: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
    }
    char *agg_json = NULL;
    if (json && ek_checklist_aggregate_write_json(agg, cl, &agg_json) != EK_OK) {
        ek_tool_error("check: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
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
    out_flush(&out);
    ek_free(out.p);
    ek_answers_free(answers);
    lines_free(&cases_json);
    free((void *)valda);
    ek_tool_sample_free(&ss);
    ek_checklist_aggregate_free(agg);
    ek_checklist_result_free(res);
    ek_delegation_free(del);
    ek_checklist_free(cl);
    ek_case_free(c);
    ek_context_free(ctx);
    return status;
}
