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

/* The caller's options, or the defaults; EK_OK or EK_EVERSION. */
static int read_options(const ek_report_read_options *opt, const char *fn, ek_report_read_options *out)
{
    ek_report_read_options def = EK_REPORT_READ_OPTIONS_INIT;
    if (opt && opt->version != EK_REPORT_READ_OPTIONS_VERSION)
        return ek__error(EK_EVERSION, "%s: unknown options version %u", fn, opt->version);
    *out = opt ? *opt : def;
    return EK_OK;
}

/* Count a rejected record (the thread's last error describes it), tell the caller, keep the error. */
static void reject(ek_report *r, ek_report_input input, const char *path, const ek_report_read_options *o,
                   size_t *rejected)
{
    ek_error e = *ek_error_last();
    if (o->rejected)
        o->rejected(o->user, path, &e);
    ek_report_add_rejected(r, input, &e);
    if (rejected)
        (*rejected)++;
    *ek__error_slot() = e;
}

int ek_report_read_cases_with(ek_report *r, const char *path, const ek_report_read_options *opt, size_t *rejected)
{
    EK__REPORT_LANG(r);
    if (rejected)
        *rejected = 0;
    if (!r || !path)
        return ek__error(EK_EINVAL, "ek_report_read_cases: NULL argument");
    ek_report_read_options o;
    int rc = read_options(opt, "ek_report_read_cases_with", &o);
    if (rc)
        return rc;
    if (ek__report_finished(r))
        return ek__error(EK_ESTATE, "ek_report_read_cases: the report is finished");
    ek_case_reader *rd = NULL;
    ek_case *c = NULL;
    if ((rc = ek_case_reader_open(&rd, path)) != EK_OK) {
        if (rc != EK_ENOMEM)
            reject(r, EK_REPORT_INPUT_CASE, path, &o, rejected);
        return rc;
    }
    if ((rc = ek_case_new(&c, "-")) != EK_OK) {
        ek_case_reader_free(rd);
        return rc;
    }
    size_t records = 0;
    for (;;) {
        int n = ek_case_reader_next(rd, c);
        if (n == 0)
            break;
        records++;
        if (o.progress)
            o.progress(o.user, path, records);
        if (n > 0) {
            if (o.read_case)
                o.read_case(o.user, path, ek_case_reader_line(rd), c);
            n = ek_report_add_case(r, c, NULL);
            if (n == EK_OK)
                continue;
        }
        if (n == EK_ENOMEM) {
            rc = n;
            break;
        }
        reject(r, EK_REPORT_INPUT_CASE, path, &o, rejected);
        if (n == EK_EIO) {
            rc = n;
            break;
        }
    }
    ek_case_free(c);
    ek_case_reader_free(rd);
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
    if (rejected)
        *rejected = 0;
    if (!r || !path)
        return ek__error(EK_EINVAL, "ek_report_read_sarah: NULL argument");
    ek_report_read_options o;
    int rc = read_options(opt, "ek_report_read_sarah_with", &o);
    if (rc)
        return rc;
    if (ek__report_finished(r))
        return ek__error(EK_ESTATE, "ek_report_read_sarah: the report is finished");
    ek_sarah_reader *rd = NULL;
    if ((rc = ek_sarah_reader_open(&rd, path)) != EK_OK) {
        if (rc != EK_ENOMEM)
            reject(r, EK_REPORT_INPUT_SARAH, path, &o, rejected);
        return rc;
    }
    size_t records = 0;
    for (;;) {
        ek_sarah_record *rec = NULL;
        int n = ek_sarah_reader_next(rd, &rec);
        if (n == 0)
            break;
        records++;
        if (o.progress)
            o.progress(o.user, path, records);
        if (n > 0) {
            n = ek_report_add_sarah(r, rec, NULL);
            ek_sarah_record_free(rec);
            if (n == EK_OK)
                continue;
        }
        if (n == EK_ENOMEM) {
            rc = n;
            break;
        }
        reject(r, EK_REPORT_INPUT_SARAH, path, &o, rejected);
        if (n == EK_EIO) {
            rc = n;
            break;
        }
    }
    ek_sarah_reader_free(rd);
    return rc;
}

int ek_report_read_sarah(ek_report *r, const char *path, size_t *rejected)
{
    EK__REPORT_LANG(r);
    return ek_report_read_sarah_with(r, path, NULL, rejected);
}
