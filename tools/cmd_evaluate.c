/* SPDX-License-Identifier: MIT */
/* egenkontroll evaluate: the statutory time limits of cases (bevakning), one case at a time. */
#include <pthread.h>
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

/* With @ctx and @c (--explain), each obligation is followed by its explanation. */
static void print_text(FILE *f, const ek_evaluation *ev, const ek_context *ctx, const ek_case *c)
{
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE], b3[EK_DATE_BUFSIZE], b4[EK_DATE_BUFSIZE];
    size_t n = ek_evaluation_count(ev);
    char id[256];
    fprintf(f, _("%s  (per %s: %zu försenade, %zu väntande, %zu fel)\n"), ek_tool_safe(ek_evaluation_case_id(ev), id, sizeof id),
           ek_tool_date_str(ek_evaluation_as_of(ev), b1), ek_evaluation_count_status(ev, EK_OBL_OVERDUE),
           ek_evaluation_count_status(ev, EK_OBL_PENDING), ek_evaluation_count_status(ev, EK_OBL_ERROR));
    if (n == 0)
        fputs(_("  (inga frister)\n"), f);
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = ek_evaluation_at(ev, k);
        char rule[64];
        if (o->sequence > 0)
            snprintf(rule, sizeof rule, "%s #%u", o->rule_name, o->sequence);
        else
            snprintf(rule, sizeof rule, "%s", o->rule_name);
        fprintf(f, _("  %-13s %-34s start %s  slut %s (laglig %s)  klar %s  %s [%s]"), status_label(o->status),
               rule, ek_tool_date_str(o->start, b1), ek_tool_date_str(o->nominal, b2), ek_tool_date_str(o->legal, b3), ek_tool_date_str(o->done, b4),
               o->basis ? o->basis : "", o->certainty ? o->certainty : "");
        if (o->message && o->message[0]) {
            fputs("  — ", f);
            ek_tool_fputs_safe(o->message, f);
        }
        fputc('\n', f);
        ek_explanation x = { .version = EK_EXPLANATION_VERSION };
        char text[1024];
        if (ctx != NULL && ek_obligation_explain(ctx, c, o, &x) == EK_OK) {
            (void)ek_explanation_format(&x, text, sizeof text); /* cut short at worst */
            fprintf(f, _("      förklaring: %s\n"), text);
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
                x ? status_label(x->status) : _("uppstår inte"), y ? status_label(y->status) : _("uppstår inte"),
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
    if (ek_evaluation_error_json(record_id[0] ? record_id : NULL, message, &line) == EK_OK) {
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

/* ---- --jobs N: read in this thread, parse + evaluate + format in N workers, write in order ---- */

#define PAR_BATCH 256

enum { PL_DONE, PL_READ, PL_EVAL, PL_WRITE, PL_PRE }; /* per-line outcome */

typedef struct pline {
    size_t off, len;          /* the raw line in batch.text */
    unsigned long line;       /* its number */
    int kind, rc;             /* outcome and status */
    unsigned long long key;   /* id key for the in-order duplicate check (0: none) */
    size_t out, out_len;      /* its output (a case) or message + NUL + record id + NUL (a failure) in batch.out */
    size_t warn, nwarn;       /* the case's warnings to show: nwarn × (message + NUL + id + NUL) in batch.out */
} pline;

typedef struct batch {
    char *text;
    size_t tlen, tcap;
    pline lines[PAR_BATCH];
    size_t n;
    char *out;
    size_t olen, ocap;
    int state;                /* 0 free, 1 filled, 2 done */
    int failed;               /* out of memory in the worker */
} batch;

typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    batch *b;
    size_t nb;
    unsigned long long next_fill, next_work;
    int eof;
    const ek_context *ctx;
    const ek_rulebook *rb;
    ek_date as_of;
    int json;
    const char *name;
} pool;

static int grow_to(char **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 1 << 16;
    while (n < need)
        n *= 2;
    char *q = realloc(*p, n);
    if (q == NULL)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Keep a failure's message and record id in the batch output. */
static int keep_error(batch *b, pline *l, const char *message, const char *record_id)
{
    size_t m = strlen(message) + 1, r = strlen(record_id) + 1;
    if (grow_to(&b->out, &b->ocap, b->olen + m + r + 1) != 0)
        return -1;
    l->out = b->olen;
    memcpy(b->out + b->olen, message, m);
    memcpy(b->out + b->olen + m, record_id, r);
    b->olen += m + r;
    l->out_len = m + r;
    return 0;
}

static void work_batch(pool *P, batch *b, ek_case *c, ek_evaluation *ev)
{
    b->olen = 0;
    for (size_t i = 0; i < b->n && !b->failed; i++) {
        pline *l = &b->lines[i];
        if (l->kind == PL_PRE)
            continue; /* the reader's error, kept by the reading thread */
        l->rc = ek_case_read_json_line(c, b->text + l->off, l->len, P->name, l->line, &l->key);
        l->kind = PL_READ;
        l->nwarn = 0;
        for (size_t k = 0; l->rc == EK_OK && k < ek_case_warning_count(c); k++) {
            const char *w = ek_case_warning(c, k), *id = ek_case_id(c);
            if (!ek_tool_warning_shown(w))
                continue;
            size_t wl = strlen(w) + 1, il = strlen(id) + 1;
            if (grow_to(&b->out, &b->ocap, b->olen + wl + il + 1) != 0) {
                b->failed = 1;
                break;
            }
            if (l->nwarn++ == 0)
                l->warn = b->olen;
            memcpy(b->out + b->olen, w, wl);
            memcpy(b->out + b->olen + wl, id, il);
            b->olen += wl + il;
        }
        if (l->rc == EK_OK) {
            l->kind = PL_EVAL;
            l->rc = ek_evaluate_case(P->ctx, P->rb, c, P->as_of, ev);
        }
        if (l->rc == EK_OK) {
            l->kind = PL_WRITE;
            l->out = b->olen;
            if (P->json == FMT_JSON) {
                l->rc = ek_evaluation_append_json(ev, &b->out, &b->olen, &b->ocap);
                if (l->rc == EK_OK)
                    b->out[b->olen++] = '\n';
            } else if (P->json != FMT_TEXT) {
                l->rc = ek_evaluation_append_csv(ev, ek_case_unit(c), P->json == FMT_CSV_SV ? EK_CSV_EXCEL_SV
                                                                                            : EK_CSV_RFC4180,
                                                 &b->out, &b->olen, &b->ocap);
            } else {
                ek_evaluation_sort(ev, EK_ORDER_URGENCY);
                char *mp = NULL;
                size_t ms = 0;
                FILE *m = open_memstream(&mp, &ms);
                if (m == NULL) {
                    b->failed = 1;
                    break;
                }
                print_text(m, ev, NULL, NULL);
                int bad = fclose(m) != 0 || grow_to(&b->out, &b->ocap, b->olen + ms + 1) != 0;
                if (!bad) {
                    memcpy(b->out + b->olen, mp, ms);
                    b->olen += ms;
                }
                free(mp);
                if (bad) {
                    b->failed = 1;
                    break;
                }
            }
            l->out_len = b->olen - l->out;
            if (l->rc == EK_OK)
                l->kind = PL_DONE;
        }
        if (l->kind != PL_DONE) {
            const ek_error *e = ek_error_last();
            if (keep_error(b, l, EK_TOOL_ERROR_TEXT(e), e->record_id) != 0)
                b->failed = 1;
        }
    }
}

static void *worker(void *arg)
{
    pool *P = arg;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    int ok = ek_case_new(&c, "-") == EK_OK && ek_evaluation_new(&ev) == EK_OK;
    pthread_mutex_lock(&P->lock);
    for (;;) {
        while (P->next_work == P->next_fill && !P->eof)
            pthread_cond_wait(&P->cond, &P->lock);
        if (P->next_work == P->next_fill)
            break;
        batch *b = &P->b[P->next_work++ % P->nb];
        pthread_mutex_unlock(&P->lock);
        if (ok)
            work_batch(P, b, c, ev);
        else
            b->failed = 1;
        pthread_mutex_lock(&P->lock);
        b->state = 2;
        pthread_cond_broadcast(&P->cond);
    }
    pthread_mutex_unlock(&P->lock);
    ek_evaluation_free(ev);
    ek_case_free(c);
    return NULL;
}

/* Fill batch @b from the reader; returns 1 at the end of the input (or a read error that ends it). */
static int fill_batch(ek_case_reader *rd, batch *b)
{
    b->tlen = b->n = 0;
    b->failed = 0;
    while (b->n < PAR_BATCH) {
        const char *text;
        size_t len;
        int rc = ek_case_reader_next_text(rd, &text, &len);
        if (rc == 0)
            return 1;
        pline *l = &b->lines[b->n];
        memset(l, 0, sizeof *l);
        l->line = ek_case_reader_line(rd);
        if (rc < 0) {
            const ek_error *e = ek_error_last();
            l->kind = PL_PRE;
            l->rc = rc;
            /* the message goes into the text buffer: the worker leaves this line alone */
            const char *shown = EK_TOOL_ERROR_TEXT(e);
            size_t m = strlen(shown) + 1, r = strlen(e->record_id) + 1;
            if (grow_to(&b->text, &b->tcap, b->tlen + m + r) != 0) {
                b->failed = 1;
                return 1;
            }
            l->off = b->tlen;
            memcpy(b->text + b->tlen, shown, m);
            memcpy(b->text + b->tlen + m, e->record_id, r);
            b->tlen += m + r;
            b->n++;
            if (rc == EK_EIO || rc == EK_ENOMEM)
                return 1;
            continue;
        }
        if (grow_to(&b->text, &b->tcap, b->tlen + len + 1) != 0) {
            b->failed = 1;
            return 1;
        }
        l->off = b->tlen;
        l->len = len;
        memcpy(b->text + b->tlen, text, len);
        b->text[b->tlen + len] = '\0';
        b->tlen += len + 1;
        b->n++;
    }
    return 0;
}

/* Write batch @b in input order, exactly as the one-thread loop would; returns 1 to stop this file. */
static int write_batch(ek_case_reader *rd, batch *b, int json, int *first_case, int *status, size_t *nwarn)
{
    for (size_t i = 0; i < b->n; i++) {
        pline *l = &b->lines[i];
        if (l->kind == PL_PRE) {
            const char *msg = b->text + l->off;
            if (l->rc == EK_ENOMEM) {
                ek_tool_error("evaluate: out of memory");
                *status = EK_EXIT_FAILURE;
                return 1;
            }
            print_rejected_msg(json, msg, msg + strlen(msg) + 1);
            *status = EK_EXIT_INPUT;
            if (l->rc == EK_EIO)
                return 1;
            continue;
        }
        int claim = ek_case_reader_claim_id(rd, l->key, b->text + l->off, l->len, l->line);
        if (claim == EK_ENOMEM) {
            ek_tool_error("evaluate: out of memory");
            *status = EK_EXIT_FAILURE;
            return 1;
        }
        if (claim != EK_OK) { /* a duplicate id: the reader's error replaces the worker's result */
            print_rejected(json);
            *status = EK_EXIT_INPUT;
            continue;
        }
        const char *w = b->out + l->warn;
        for (size_t k = 0; l->kind != PL_READ && k < l->nwarn; k++) { /* as the one-thread loop prints them */
            const char *id = w + strlen(w) + 1;
            ek_tool_case_warning("evaluate", ek_case_reader_name(rd), l->line, w, id, nwarn);
            w = id + strlen(id) + 1;
        }
        const char *msg = b->out + l->out;
        switch (l->kind) {
        case PL_READ:
            if (l->rc == EK_ENOMEM) {
                ek_tool_error("evaluate: out of memory");
                *status = EK_EXIT_FAILURE;
                return 1;
            }
            print_rejected_msg(json, msg, msg + strlen(msg) + 1);
            *status = EK_EXIT_INPUT;
            break;
        case PL_EVAL:
            print_rejected_msg(json, msg, msg + strlen(msg) + 1);
            *status = l->rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
            break;
        case PL_WRITE:
            ek_tool_error("evaluate: %s", msg);
            *status = EK_EXIT_FAILURE;
            return 1;
        default:
            if (json == FMT_TEXT && !*first_case)
                putchar('\n');
            fwrite(b->out + l->out, 1, l->out_len, stdout);
            *first_case = 0;
        }
    }
    return 0;
}

/* Evaluate one opened file with @jobs worker threads. */
static void evaluate_parallel(ek_case_reader *rd, const ek_context *ctx, const ek_rulebook *rb, ek_date as_of,
                              int json, unsigned jobs, int *first_case, int *status)
{
    pool P;
    memset(&P, 0, sizeof P);
    P.nb = 4u * jobs;
    P.b = calloc(P.nb, sizeof *P.b);
    P.ctx = ctx;
    P.rb = rb;
    P.as_of = as_of;
    P.json = json;
    P.name = ek_case_reader_name(rd);
    pthread_t *tids = calloc(jobs, sizeof *tids);
    if (P.b == NULL || tids == NULL || pthread_mutex_init(&P.lock, NULL) != 0) {
        free(P.b);
        free(tids);
        ek_tool_error("evaluate: out of memory");
        *status = EK_EXIT_FAILURE;
        return;
    }
    pthread_cond_init(&P.cond, NULL);
    unsigned started = 0;
    for (unsigned t = 0; t < jobs; t++)
        if (pthread_create(&tids[started], NULL, worker, &P) == 0)
            started++;
    unsigned long long next_write = 0;
    int eof = started == 0, stop = 0;
    size_t nwarn = 0;
    if (started == 0) {
        ek_tool_error("evaluate: cannot start threads");
        *status = EK_EXIT_FAILURE;
    }
    while (!stop && (!eof || next_write < P.next_fill)) {
        if (!eof && P.next_fill - next_write < P.nb) {
            batch *b = &P.b[P.next_fill % P.nb];
            eof = fill_batch(rd, b);
            pthread_mutex_lock(&P.lock);
            if (b->n > 0) {
                b->state = 1;
                P.next_fill++;
            }
            P.eof = eof;
            pthread_cond_broadcast(&P.cond);
            pthread_mutex_unlock(&P.lock);
            continue;
        }
        batch *b = &P.b[next_write % P.nb];
        pthread_mutex_lock(&P.lock);
        while (b->state != 2)
            pthread_cond_wait(&P.cond, &P.lock);
        pthread_mutex_unlock(&P.lock);
        if (b->failed) {
            ek_tool_error("evaluate: out of memory");
            *status = EK_EXIT_FAILURE;
            stop = 1;
        } else {
            stop = write_batch(rd, b, json, first_case, status, &nwarn);
        }
        pthread_mutex_lock(&P.lock);
        b->state = 0;
        next_write++;
        pthread_mutex_unlock(&P.lock);
    }
    pthread_mutex_lock(&P.lock);
    P.eof = 1;
    pthread_cond_broadcast(&P.cond);
    pthread_mutex_unlock(&P.lock);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    for (size_t i = 0; i < P.nb; i++) {
        free(P.b[i].text);
        free(P.b[i].out);
    }
    free(P.b);
    free(tids);
    pthread_cond_destroy(&P.cond);
    pthread_mutex_destroy(&P.lock);
    ek_tool_warnings_done("evaluate", ek_case_reader_name(rd), nwarn);
}

int ek_cmd_evaluate(int argc, char **argv)
{
    const char *as_of_text = NULL, *policy_path = NULL, *format = "text", *jobs_text = "1", *dialect = NULL;
    int explain = 0, strict = 0;
    const char *compare_path = NULL;
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
        } else if (strcmp(a, "--explain") == 0) {
            explain = 1;
        } else if (strcmp(a, "--strict") == 0) {
            strict = 1;
        } else if (strcmp(a, "--compare-policy") == 0) {
            if (i + 1 >= argc) {
                ek_tool_error("evaluate: %s needs a value", a);
                return EK_EXIT_USAGE;
            }
            compare_path = argv[++i];
        } else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
            if (i + 1 >= argc) {
                ek_tool_error("evaluate: %s needs a value", a);
                return EK_EXIT_USAGE;
            }
            jobs_text = argv[++i];
        } else if (strcmp(a, "--csv-dialect") == 0) {
            if (i + 1 >= argc) {
                ek_tool_error("evaluate: %s needs a value", a);
                return EK_EXIT_USAGE;
            }
            dialect = argv[++i];
        } else if (strncmp(a, "--csv-dialect=", 14) == 0) {
            dialect = a + 14;
        } else if (strncmp(a, "--jobs=", 7) == 0) {
            jobs_text = a + 7;
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
    ek_case *c = NULL;
    ek_evaluation *ev = NULL, *ev2 = NULL;
    ek_context *ctx2 = NULL;
    char *out_buf = NULL;
    size_t out_len = 0, out_cap = 0;
    int status = EK_EXIT_OK;
    if (ek_tool_context_new(&ctx) != EK_OK || ek_case_new(&c, "-") != EK_OK || ek_evaluation_new(&ev) != EK_OK) {
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
        size_t nwarn = 0;
        if (ek_case_reader_open(&rd, argv[f]) != EK_OK) {
            ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
            status = EK_EXIT_INPUT;
            continue;
        }
        if (jobs > 1) {
            evaluate_parallel(rd, ctx, rb, as_of, json, (unsigned)jobs, &first_case, &status);
            ek_case_reader_free(rd);
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
            ek_tool_case_warnings("evaluate", ek_case_reader_name(rd), ek_case_reader_line(rd), c, &nwarn);
            if (strict && ek_tool_strict_reject("evaluate", argv[f], ek_case_reader_line(rd), c)) {
                status = EK_EXIT_INPUT;
                char *line = NULL;
                if (json == FMT_JSON && ek_case_check_vocabulary(c) != EK_OK &&
                    ek_evaluation_error_json(ek_case_id(c), EK_TOOL_LAST_ERROR(), &line) == EK_OK) {
                    puts(line);
                    ek_free(line);
                }
                continue;
            }
            rc = ek_evaluate_case(ctx, rb, c, as_of, ev);
            if (rc == EK_OK && ev2 != NULL) {
                rc = ek_evaluate_case(ctx2, rb, c, as_of, ev2);
                if (rc == EK_OK) {
                    out_len = 0;
                    int wrc = json == FMT_JSON ? ek_evaluation_compare_append_json(ev, ev2, &out_buf, &out_len, &out_cap)
                                               : print_changes(stdout, ev, ev2);
                    if (wrc != EK_OK) {
                        ek_tool_error("evaluate: out of memory");
                        status = EK_EXIT_FAILURE;
                        break;
                    }
                    if (json == FMT_JSON && out_len > 0) {
                        out_buf[out_len++] = '\n'; /* over the NUL */
                        fwrite(out_buf, 1, out_len, stdout);
                    }
                    continue;
                }
            }
            if (rc != EK_OK) {
                print_rejected(json);
                status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                continue;
            }
            if (json == FMT_CSV || json == FMT_CSV_SV) {
                out_len = 0;
                if (ek_evaluation_append_csv(ev, ek_case_unit(c), json == FMT_CSV_SV ? EK_CSV_EXCEL_SV : EK_CSV_RFC4180,
                                             &out_buf, &out_len, &out_cap) != EK_OK) {
                    ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
                    status = EK_EXIT_FAILURE;
                    break;
                }
                fwrite(out_buf, 1, out_len, stdout);
            } else if (json) {
                out_len = 0; /* one buffer reused for every case */
                if ((explain ? ek_evaluation_append_json_explained(ctx, c, ev, &out_buf, &out_len, &out_cap)
                             : ek_evaluation_append_json(ev, &out_buf, &out_len, &out_cap)) != EK_OK) {
                    ek_tool_error("evaluate: %s", EK_TOOL_LAST_ERROR());
                    status = EK_EXIT_FAILURE;
                    break;
                }
                out_buf[out_len++] = '\n'; /* over the NUL */
                fwrite(out_buf, 1, out_len, stdout);
            } else {
                ek_evaluation_sort(ev, EK_ORDER_URGENCY);
                if (!first_case)
                    putchar('\n');
                print_text(stdout, ev, explain ? ctx : NULL, c);
            }
            first_case = 0;
        }
        ek_tool_warnings_done("evaluate", ek_case_reader_name(rd), nwarn);
        ek_case_reader_free(rd);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        ek_tool_error("evaluate: error writing the output");
        status = EK_EXIT_FAILURE;
    }
done:
    ek_free(out_buf);
    ek_evaluation_free(ev);
    ek_evaluation_free(ev2);
    ek_context_free(ctx2);
    ek_case_free(c);
    ek_context_free(ctx);
    return status;
}
