/* SPDX-License-Identifier: MIT */
/*
 * Reading files into a report (report.h: ek_report_read_cases(), ek_report_read_sarah() and their _with()
 * forms): the readers of io.h feed ek_report_add_case() / ek_report_add_sarah(), rejected records go to
 * ek_report_add_rejected().  Here in io/ because it opens files; the report itself (report.c) only counts.
 */
#include <string.h>

#include <egenkontroll/io.h>
#include <egenkontroll/report.h>

#include "../i18n.h"
#include "io_internal.h"
#include "../report_internal.h"

/* One file being read into a report: the reader of its kind, the record read, what the caller asked. */
typedef struct source {
    ek_report *r;
    ek_report_input input;
    const char *path;
    ek_report_read_options o;   /* the caller's options or the defaults */
    size_t *rejected;           /* the caller's count, or NULL */
    int (*next)(struct source *s); /* read one record: >0 read, 0 end of input, <0 status */
    int (*add)(struct source *s);  /* add the record read to the report: EK_OK or status */
    ek_case_reader *cases;      /* EK_REPORT_INPUT_CASE */
    ek_case *c;
    ek_sarah_reader *sarah;     /* EK_REPORT_INPUT_SARAH */
    ek_sarah_record *rec;
} source;

/* What both readers check first: zero *@rejected, the arguments, the caller's options (or the
 * defaults) and that the report is still open; fills *@s (no reader yet).  @input says which reader
 * (its name in the messages).  EK_OK, EK_EINVAL, EK_EVERSION or EK_ESTATE. */
static int begin(source *s, ek_report *r, ek_report_input input, const char *path, const ek_report_read_options *opt,
                 size_t *rejected)
{
    const int sarah = input == EK_REPORT_INPUT_SARAH;
    memset(s, 0, sizeof *s);
    if (rejected)
        *rejected = 0;
    if (!r || !path)
        return ek__error(EK_EINVAL, sarah ? "ek_report_read_sarah: NULL argument"
                                          : "ek_report_read_cases: NULL argument");
    ek_report_read_options def = EK_REPORT_READ_OPTIONS_INIT;
    if (opt && opt->version != EK_REPORT_READ_OPTIONS_VERSION)
        return ek__error(EK_EVERSION, "%s: unknown options version %u",
                         sarah ? "ek_report_read_sarah_with" : "ek_report_read_cases_with", opt->version);
    if (ek__report_finished(r))
        return ek__error(EK_ESTATE, sarah ? "ek_report_read_sarah: the report is finished"
                                          : "ek_report_read_cases: the report is finished");
    s->r = r;
    s->input = input;
    s->path = path;
    s->o = opt ? *opt : def;
    s->rejected = rejected;
    return EK_OK;
}

/* Count a rejected record (the thread's last error describes it), tell the caller, keep the error. */
static void reject(const source *s)
{
    ek_error e = *ek_error_last();
    if (s->o.rejected)
        s->o.rejected(s->o.user, s->path, &e);
    ek_report_add_rejected(s->r, s->input, &e);
    if (s->rejected)
        (*s->rejected)++;
    *ek__error_slot() = e;
}

/* Read every record of @s into its report: progress for each, rejected ones counted and passed on.
 * Stops at the end, at an I/O error (after rejecting it) or when memory runs out.  EK_OK or that
 * status. */
static int read_all(source *s)
{
    size_t records = 0;
    for (;;) {
        int n = s->next(s);
        if (n == 0)
            return EK_OK;
        records++;
        if (s->o.progress)
            s->o.progress(s->o.user, s->path, records);
        if (n > 0) {
            n = s->add(s);
            if (n == EK_OK)
                continue;
        }
        if (n == EK_ENOMEM)
            return n;
        reject(s);
        if (n == EK_EIO)
            return n;
    }
}

static int next_case(source *s) { return ek_case_reader_next(s->cases, s->c); }

static int add_case(source *s)
{
    if (s->o.read_case)
        s->o.read_case(s->o.user, s->path, ek_case_reader_line(s->cases), s->c);
    return ek_report_add_case(s->r, s->c, NULL);
}

static int next_sarah(source *s)
{
    s->rec = NULL;
    return ek_sarah_reader_next(s->sarah, &s->rec);
}

static int add_sarah(source *s)
{
    int rc = ek_report_add_sarah(s->r, s->rec, NULL);
    ek_sarah_record_free(s->rec);
    s->rec = NULL;
    return rc;
}

int ek_report_read_cases_with(ek_report *r, const char *path, const ek_report_read_options *opt, size_t *rejected)
{
    EK__REPORT_LANG(r);
    source s;
    int rc = begin(&s, r, EK_REPORT_INPUT_CASE, path, opt, rejected);
    if (rc)
        return rc;
    if ((rc = ek_case_reader_open(&s.cases, path)) != EK_OK) {
        if (rc != EK_ENOMEM)
            reject(&s);
        return rc;
    }
    if ((rc = ek_case_new(&s.c, "-")) != EK_OK) {
        ek_case_reader_free(s.cases);
        return rc;
    }
    s.next = next_case;
    s.add = add_case;
    rc = read_all(&s);
    ek_case_free(s.c);
    ek_case_reader_free(s.cases);
    return rc;
}

int ek_report_read_cases(ek_report *r, const char *path, size_t *rejected)
{
    EK__REPORT_LANG(r);
    return ek_report_read_cases_with(r, path, NULL, rejected);
}

int ek_report_read_sarah_with(ek_report *r, const char *path, const ek_report_read_options *opt, size_t *rejected)
{
    EK__REPORT_LANG(r);
    source s;
    int rc = begin(&s, r, EK_REPORT_INPUT_SARAH, path, opt, rejected);
    if (rc)
        return rc;
    if ((rc = ek_sarah_reader_open(&s.sarah, path)) != EK_OK) {
        if (rc != EK_ENOMEM)
            reject(&s);
        return rc;
    }
    s.next = next_sarah;
    s.add = add_sarah;
    rc = read_all(&s);
    ek_sarah_reader_free(s.sarah);
    return rc;
}

int ek_report_read_sarah(ek_report *r, const char *path, size_t *rejected)
{
    EK__REPORT_LANG(r);
    return ek_report_read_sarah_with(r, path, NULL, rejected);
}
