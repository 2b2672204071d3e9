/* SPDX-License-Identifier: MIT */
/* egenkontroll evaluate: the statutory time limits of cases (bevakning), one case at a time. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f,
            _("usage: egenkontroll evaluate [--as-of DATE] [--policy FILE] [--format text|json|csv]\n"
            "                             [--csv-dialect rfc4180|excel-sv] FILE...\n\n"
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
            "                   cannot be read gives {\"id\", \"error\"}\n"
            "  --format csv     one table, one line per obligation: id,unit,rule,seq,status,start,\n"
            "                   nominal,legal,judged,done,basis,certainty,flags,message (a case that\n"
            "                   cannot be read is only reported on standard error)\n"
            "  --csv-dialect D  rfc4180 (default): comma; excel-sv: semicolon and a UTF-8 byte order\n"
            "                   mark, as Swedish Excel reads it\n"
            "  --explain        with each obligation, why: the events used, the period and who set it\n"
            "                   (law, policy, a day set by a decision), each day that moved the last day,\n"
            "                   the law version and the policy values (text: a paragraph; json: an\n"
            "                   \"explain\" object; implies --jobs 1)\n"
            "  --strict         a case with an event type or attribute key outside the case-1\n"
            "                   vocabulary is rejected with an error naming file, line, case and\n"
            "                   field (default: evaluated, with a warning)\n"
            "  --compare-policy FILE  instead of the obligations, those whose status would differ under\n"
            "                   the policy in FILE (egenkontroll/policy-1, over --policy or the defaults):\n"
            "                   text, or JSON Lines {\"id\", \"as_of\", \"changes\"}\n\n"
            "The register of children in family homes (forteckning_ivo) is a board-level duty and is\n"
            "not listed per case.\n\n"
            "Exit status: 0 every case read; 3 some case or file was rejected (the others were still\n"
            "evaluated); 2 bad command line; 4 could not run.\n"));
}

/* A case's text, appended to the library's buffer in render() (instead of through a FILE opened
 * for each case: open_memstream() cost more than the text it held, issue 15). */
typedef struct tout {
    char **buf;
    size_t *len, *cap;
    int rc;
} tout;

static void tput(tout *t, const char *s, size_t n)
{
    if (t->rc == EK_OK)
        t->rc = ek_buffer_append(t->buf, t->len, t->cap, s, n);
}

static void tputs(tout *t, const char *s)
{
    tput(t, s, strlen(s));
}

static void tprintf(tout *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void tprintf(tout *t, const char *fmt, ...)
{
    char small[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof small) {
        tput(t, small, (size_t)n);
        return;
    }
    char *big = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (big == NULL) {
        t->rc = EK_ENOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    tput(t, big, (size_t)n);
    free(big);
}

/* With @ctx and @c (--explain), each obligation is followed by its explanation. */
static void print_text(tout *f, const ek_evaluation *ev, const ek_context *ctx, const ek_case *c)
{
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE], b3[EK_DATE_BUFSIZE], b4[EK_DATE_BUFSIZE];
    size_t n = ek_evaluation_count(ev);
    char id[256];
    tprintf(f, _("%s  (per %s: %zu försenade, %zu väntande, %zu fel)\n"), ek_tool_safe(ek_evaluation_case_id(ev), id, sizeof id),
           ek_tool_date_str(ek_evaluation_as_of(ev), b1), ek_evaluation_count_status(ev, EK_OBL_OVERDUE),
           ek_evaluation_count_status(ev, EK_OBL_PENDING), ek_evaluation_count_status(ev, EK_OBL_ERROR));
    if (n == 0)
        tputs(f, _("  (inga frister)\n"));
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = ek_evaluation_at(ev, k);
        char rule[64];
        if (o->sequence > 0)
            snprintf(rule, sizeof rule, "%s #%u", o->rule_name, o->sequence);
        else
            snprintf(rule, sizeof rule, "%s", o->rule_name);
        tprintf(f, _("  %-13s %-34s start %s  slut %s (laglig %s)  klar %s  %s [%s]"), ek_obligation_status_label(o->status),
               rule, ek_tool_date_str(o->start, b1), ek_tool_date_str(o->nominal, b2), ek_tool_date_str(o->legal, b3), ek_tool_date_str(o->done, b4),
               o->basis ? o->basis : "", o->certainty ? o->certainty : "");
        if (o->message && o->message[0]) {
            char small[512], *owned;
            tputs(f, "  — ");
            tputs(f, ek_tool_safe_whole(o->message, small, sizeof small, &owned));
            ek_free(owned);
        }
        tput(f, "\n", 1);
        ek_explanation x = { .version = EK_EXPLANATION_VERSION };
        char text[1024];
        if (ctx != NULL && ek_obligation_explain(ctx, c, o, &x) == EK_OK) {
            (void)ek_explanation_format(&x, text, sizeof text); /* cut short at worst */
            tprintf(f, _("      förklaring: %s\n"), text);
        }
    }
}

/* --compare-policy (text): the obligations of one case whose status differs under the other policy. */
static int print_changes(FILE *f, const ek_evaluation *a, const ek_evaluation *b)
{
    size_t n = 0;
    int rc = ek_evaluation_compare(a, b, NULL, 0, &n);
    if (rc != EK_OK || n == 0)
        return rc;
    ek_obligation_change *ch = malloc(n * sizeof *ch);
    if (ch == NULL)
        return EK_ENOMEM;
    rc = ek_evaluation_compare(a, b, ch, n, &n);
    char d1[EK_DATE_BUFSIZE], d2[EK_DATE_BUFSIZE], d3[EK_DATE_BUFSIZE], id[256];
    ek_tool_safe(ek_evaluation_case_id(a), id, sizeof id);
    for (size_t k = 0; rc == EK_OK && k < n; k++) {
        const ek_obligation *x = ch[k].before, *y = ch[k].after, *o = x ? x : y;
        char rule[64];
        if (o->sequence > 0)
            snprintf(rule, sizeof rule, "%s #%u", o->rule_name, o->sequence);
        else
            snprintf(rule, sizeof rule, "%s", o->rule_name);
        fprintf(f, _("%s  %s  start %s: %s → %s  (slut %s → %s)\n"), id, rule, ek_tool_date_str(o->start, d1),
                x ? ek_obligation_status_label(x->status) : _("uppstår inte"),
                y ? ek_obligation_status_label(y->status) : _("uppstår inte"),
                ek_tool_date_str(x ? x->judged : EK_DATE_NONE, d2), ek_tool_date_str(y ? y->judged : EK_DATE_NONE, d3));
    }
    free(ch);
    return rc;
}

/* The output forms; `json` below holds one of them. */
enum { FMT_TEXT = 0, FMT_JSON = 1, FMT_CSV = 2, FMT_CSV_SV = 3 };

/* A rejected case: its message on standard error, and with --format json its error record. */
static void print_rejected_msg(int json, const char *message, const char *record_id)
{
    ek_tool_error("evaluate: %s", message);
    if (json != FMT_JSON)
        return;
    char *line = NULL;
    if (ek_evaluation_error_write_json(record_id[0] ? record_id : NULL, message, &line) == EK_OK) {
        puts(line);
        ek_free(line);
    } else {
        puts("{\"id\":null,\"error\":\"out of memory\"}");
    }
}

static void print_rejected(int json)
{
    const ek_error *e = ek_error_last();
    print_rejected_msg(json, EK_TOOL_ERROR_TEXT(e), e->record_id);
}

/* ---- one file: ek_evaluate_stream() reads, evaluates and renders on --jobs threads, in order ---- */

typedef struct run {
    const ek_context *ctx, *ctx2;  /* ctx2: --compare-policy */
    const ek_rulebook *rb;
    ek_date as_of;
    int json, explain, strict;
    const char *file;              /* the argument, for --strict */
    const char *name;              /* the reader's name */
    ek_evaluation *ev2;
    char *out_buf;
    size_t out_len, out_cap;
    int *first_case, *status;
    size_t nwarn;
    char *obuf;                    /* the ordinary cases' output, not yet written (out_flush) */
    size_t olen, ocap;
} run;

/* The cases' output is gathered and written in blocks of this size (one write(2) per 256 KiB
 * instead of one per stdio buffer of 4 KiB: issue 15), and written out before anything else goes
 * to standard output, so what standard output shows is unchanged. */
#define OUT_BLOCK (256u * 1024u)

static void out_flush(run *R)
{
    if (R->olen > 0)
        fwrite(R->obuf, 1, R->olen, stdout);
    R->olen = 0;
}

/* Append @n bytes of a case's output (written straight away if they cannot be kept). */
static void out_put(run *R, const char *text, size_t n)
{
    if (ek_buffer_append(&R->obuf, &R->olen, &R->ocap, text, n) != EK_OK) {
        out_flush(R);
        fwrite(text, 1, n, stdout);
        return;
    }
    if (R->olen >= OUT_BLOCK)
        out_flush(R);
}

/* On the worker threads: a case's output (text, JSON, CSV) into the library's buffer. */
static int render(void *user, const ek_case *c, ek_evaluation *ev, char **buf, size_t *len, size_t *cap)
{
    const run *R = user;
    int rc;
    if (R->json == FMT_JSON) {
        rc = R->explain ? ek_evaluation_append_json_explained(R->ctx, c, ev, buf, len, cap)
                        : ek_evaluation_append_json(ev, buf, len, cap);
        if (rc == EK_OK)
            (*buf)[(*len)++] = '\n'; /* over the NUL */
        return rc;
    }
    if (R->json != FMT_TEXT)
        return ek_evaluation_append_csv(ev, ek_case_unit(c), R->json == FMT_CSV_SV ? EK_CSV_EXCEL_SV : EK_CSV_RFC4180,
                                        buf, len, cap);
    ek_evaluation_sort(ev, EK_ORDER_URGENCY);
    tout t = { buf, len, cap, EK_OK };
    print_text(&t, ev, R->explain ? R->ctx : NULL, c);
    return t.rc;
}

/* On the calling thread, in input order: each line's outcome, written as the command always has. */
static int on_result(void *user, const ek_stream_result *r)
{
    run *R = user;
    if (r->stage != EK_STREAM_OK || R->ev2 != NULL || R->strict)
        out_flush(R); /* something else may be written to standard output below */
    if (r->stage == EK_STREAM_READ) {
        if (r->status == EK_ENOMEM) {
            ek_tool_error("evaluate: out of memory");
            *R->status = EK_EXIT_FAILURE;
            return 1;
        }
        print_rejected_msg(R->json, EK_TOOL_ERROR_TEXT(r->error), r->error->record_id);
        *R->status = EK_EXIT_INPUT;
        return 0;
    }
    ek_tool_case_warnings("evaluate", R->name, r->line, r->c, &R->nwarn);
    if (R->strict && ek_tool_strict_reject("evaluate", R->file, r->line, r->c)) {
        *R->status = EK_EXIT_INPUT;
        char *line = NULL;
        if (R->json == FMT_JSON && ek_case_check_vocabulary(r->c) != EK_OK &&
            ek_evaluation_error_write_json(ek_case_id(r->c), EK_TOOL_LAST_ERROR(), &line) == EK_OK) {
            puts(line);
            ek_free(line);
        }
        return 0;
    }
    if (r->stage == EK_STREAM_EVALUATE) {
        print_rejected_msg(R->json, EK_TOOL_ERROR_TEXT(r->error), r->error->record_id);
        *R->status = r->status == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
        return 0;
    }
    if (r->stage == EK_STREAM_RENDER) {
        ek_tool_error("evaluate: %s", r->status == EK_ENOMEM ? "out of memory" : EK_TOOL_ERROR_TEXT(r->error));
        *R->status = EK_EXIT_FAILURE;
        return 1;
    }
    if (R->ev2 != NULL) { /* --compare-policy: the same case under the other policy */
        int rc = ek_evaluate_case(R->ctx2, R->rb, r->c, R->as_of, R->ev2);
        if (rc != EK_OK) {
            print_rejected(R->json);
            *R->status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
            return 0;
        }
        R->out_len = 0;
        int wrc = R->json == FMT_JSON ? ek_evaluation_compare_append_json(r->ev, R->ev2, &R->out_buf, &R->out_len,
                                                                          &R->out_cap)
                                      : print_changes(stdout, r->ev, R->ev2);
        if (wrc != EK_OK) {
            ek_tool_error("evaluate: out of memory");
            *R->status = EK_EXIT_FAILURE;
            return 1;
        }
        if (R->json == FMT_JSON && R->out_len > 0) {
            R->out_buf[R->out_len++] = '\n'; /* over the NUL */
            fwrite(R->out_buf, 1, R->out_len, stdout);
        }
        return 0;
    }
    if (R->json == FMT_TEXT && !*R->first_case)
        out_put(R, "\n", 1);
    out_put(R, r->text, r->text_len);
    *R->first_case = 0;
    return 0;
}

int ek_cmd_evaluate(int argc, char **argv)
{
    const char *as_of_text = NULL, *policy_path = NULL, *format = "text", *jobs_text = "1", *dialect = NULL;
    int explain = 0, strict = 0;
    const char *compare_path = NULL;
    int first_file = argc;
    const ek_tool_opt options[] = {
        EK_TOOL_VALUE("--as-of", &as_of_text),  EK_TOOL_VALUE("--policy", &policy_path),
        EK_TOOL_VALUE("--format", &format),     EK_TOOL_VALUE("--compare-policy", &compare_path),
        EK_TOOL_VALUE("--jobs", &jobs_text),    EK_TOOL_VALUE("-j", &jobs_text),
        EK_TOOL_VALUE("--csv-dialect", &dialect), EK_TOOL_FLAG("--explain", &explain),
        EK_TOOL_FLAG("--strict", &strict),
    };
    int r = ek_tool_options_first("evaluate", argc, argv, options, sizeof options / sizeof options[0], &first_file);
    if (r == EK_TOOL_HELP)
        usage(stdout);
    if (r != EK_EXIT_OK)
        return r == EK_TOOL_HELP ? EK_EXIT_OK : r;
    int json;
    if (strcmp(format, "text") == 0)
        json = FMT_TEXT;
    else if (strcmp(format, "json") == 0)
        json = FMT_JSON;
    else if (strcmp(format, "csv") == 0)
        json = FMT_CSV;
    else {
        ek_tool_error("evaluate: --format must be text, json or csv, not \"%s\"", format);
        return EK_EXIT_USAGE;
    }
    if (dialect != NULL && strcmp(dialect, "rfc4180") != 0 && strcmp(dialect, "excel-sv") != 0) {
        ek_tool_error("evaluate: --csv-dialect must be rfc4180 or excel-sv, not \"%s\"", dialect);
        return EK_EXIT_USAGE;
    }
    if (dialect != NULL && json != FMT_CSV) {
        ek_tool_error("evaluate: --csv-dialect needs --format csv");
        return EK_EXIT_USAGE;
    }
    if (dialect != NULL && strcmp(dialect, "excel-sv") == 0)
        json = FMT_CSV_SV;
    if (compare_path != NULL && (explain || (json != FMT_TEXT && json != FMT_JSON))) {
        ek_tool_error("evaluate: --compare-policy needs --format text or json, without --explain");
        return EK_EXIT_USAGE;
    }
    if (explain && json != FMT_TEXT && json != FMT_JSON) {
        ek_tool_error("evaluate: --explain needs --format text or json");
        return EK_EXIT_USAGE;
    }
    char *jend = NULL;
    long jobs = strtol(jobs_text, &jend, 10);
    if (jend == jobs_text || *jend != '\0' || jobs < 0 || jobs > 256) {
        ek_tool_error("evaluate: --jobs must be a number from 0 to 256, not \"%s\"", jobs_text);
        return EK_EXIT_USAGE;
    }
    if (jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (n > 256 ? 256 : n) : 1;
    }
    if (explain || compare_path != NULL || strict)
        jobs = 1;   /* the explanation and the comparison need the case, which only the sequential path keeps */
    if (first_file >= argc) {
        ek_tool_error("evaluate: no input files (use - for standard input)");
        return EK_EXIT_USAGE;
    }
    ek_date as_of = ek_tool_today();
    if (as_of_text != NULL && ek_date_parse(as_of_text, &as_of) != EK_OK) {
        ek_tool_error("evaluate: --as-of: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_USAGE;
    }

    ek_context *ctx = NULL;
    ek_evaluation *ev2 = NULL;
    ek_context *ctx2 = NULL;
    char *out_buf = NULL;
    size_t out_len = 0, out_cap = 0;
    int status = EK_EXIT_OK;
    if (ek_tool_context_new(&ctx) != EK_OK) {
        ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (policy_path != NULL && ek_policy_load_json(ek_context_policy(ctx), policy_path) != EK_OK) {
        ek_tool_error("evaluate: --policy: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (compare_path != NULL &&
        (ek_tool_context_new(&ctx2) != EK_OK || ek_evaluation_new(&ev2) != EK_OK ||
         ek_policy_copy(ek_context_policy(ctx2), ek_context_policy_const(ctx)) != EK_OK)) {
        ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (compare_path != NULL && ek_policy_load_json(ek_context_policy(ctx2), compare_path) != EK_OK) {
        ek_tool_error("evaluate: --compare-policy: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    const ek_rulebook *rb = ek_rulebook_builtin();
    int first_case = 1;
    if (json == FMT_CSV || json == FMT_CSV_SV) {
        if (ek_evaluation_csv_header(json == FMT_CSV_SV ? EK_CSV_EXCEL_SV : EK_CSV_RFC4180, &out_buf, &out_len,
                                     &out_cap) != EK_OK) {
            ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
            status = EK_EXIT_FAILURE;
            goto done;
        }
        fwrite(out_buf, 1, out_len, stdout);
    }
    ek_tool_warn_repeated_files("evaluate", argv + first_file, argc - first_file);
    for (int f = first_file; f < argc && status != EK_EXIT_FAILURE; f++) {
        ek_case_reader *rd = NULL;
        if (ek_case_reader_open(&rd, argv[f]) != EK_OK) {
            ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
            status = EK_EXIT_INPUT;
            continue;
        }
        run R = { ctx, ctx2, rb, as_of, json, explain, strict, argv[f], ek_case_reader_name(rd), ev2,
                  NULL, 0, 0, &first_case, &status, 0, NULL, 0, 0 };
        ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
        opt.as_of = as_of;
        opt.jobs = (unsigned)jobs;
        opt.rulebook = rb;
        opt.render = ev2 != NULL ? NULL : render;
        opt.render_user = &R;
        int rc = ek_evaluate_stream(ctx, rd, &opt, on_result, &R);
        out_flush(&R);
        ek_free(R.obuf);
        ek_free(R.out_buf);
        /* (A read error, or running out of memory while reading, was handed to on_result.) */
        if (rc == EK_ENOMEM) {
            ek_tool_error("evaluate: out of memory");
            status = EK_EXIT_FAILURE;
        } else if (rc < 0 && rc != EK_EIO) {
            ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
            status = EK_EXIT_FAILURE;
        }
        ek_tool_warnings_done("evaluate", ek_case_reader_name(rd), R.nwarn);
        ek_case_reader_free(rd);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        ek_tool_error("evaluate: error writing the output");
        status = EK_EXIT_FAILURE;
    }
done:
    ek_free(out_buf);
    ek_evaluation_free(ev2);
    ek_context_free(ctx2);
    ek_context_free(ctx);
    return status;
}
