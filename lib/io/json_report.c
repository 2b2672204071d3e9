/* SPDX-License-Identifier: MIT */
/*
 * JSON output of the egenkontroll report (report.h): format egenkontroll/report-1.
 *
 * Written straight into a text buffer (jbuf_internal.h), no jansson tree: the bytes are those
 * json_dumps(JSON_PRESERVE_ORDER | JSON_INDENT(2)) wrote when the document was built as one
 * (newline and two spaces per level, ": " after a key, "{}" and "[]" when empty, reals as
 * json_real()).  With a sink the buffer is handed over whenever it holds EK__REPORT_CHUNK bytes
 * and an element has just ended, so memory is the report's own figures plus one chunk, however
 * long the overdue list (issue 15); without one it keeps the whole document (the string form).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/report.h>

#include "../i18n.h"
#include "io_internal.h"
#include "jbuf_internal.h"

/* Hand the text to the sink once this much is buffered (at the end of an element). */
#define EK__REPORT_CHUNK ((size_t)64 * 1024)
/* Deepest nesting of the document: root, items, an item, by_unit, a unit's counts. */
#define EK__REPORT_DEPTH 8

typedef struct jw {
    ek__jbuf b;
    ek_write_fn sink; /* NULL: keep the whole document in b */
    void *user;
    int depth;
    int first[EK__REPORT_DEPTH]; /* nothing written yet in the object or array at this depth */
    int rc;                      /* the first failure (EK_OK so far) */
} jw;

static void indent(jw *w, int depth)
{
    static const char spaces[] = "                ";
    EK__JB_LIT(&w->b, "\n");
    for (int k = 0; k < depth; k++)
        ek__jb_put(&w->b, spaces, 2);
}

/* Before a value in the current array, or a key in the current object. */
static void next(jw *w)
{
    if (w->first[w->depth])
        w->first[w->depth] = 0;
    else
        EK__JB_LIT(&w->b, ",");
    indent(w, w->depth);
}

static void key(jw *w, const char *k)
{
    next(w);
    ek__jb_str(&w->b, k);
    EK__JB_LIT(&w->b, ": ");
}

static void open_(jw *w, const char *bracket)
{
    ek__jb_put(&w->b, bracket, 1);
    if (w->depth + 1 >= EK__REPORT_DEPTH) {
        w->rc = w->rc ? w->rc : ek__error(EK_EINTERNAL, "report JSON: nesting deeper than %d", EK__REPORT_DEPTH);
        return;
    }
    w->first[++w->depth] = 1;
}

static void close_(jw *w, const char *bracket)
{
    if (w->rc)
        return;
    int empty = w->first[w->depth];
    w->depth--;
    if (!empty)
        indent(w, w->depth);
    ek__jb_put(&w->b, bracket, 1);
}

#define OBJ(w) open_((w), "{")
#define END_OBJ(w) close_((w), "}")
#define ARR(w) open_((w), "[")
#define END_ARR(w) close_((w), "]")

static void v_str(jw *w, const char *s) { ek__jb_str(&w->b, s); }
static void v_null(jw *w) { EK__JB_LIT(&w->b, "null"); }
static void v_size(jw *w, size_t n) { ek__jb_uint(&w->b, (unsigned long long)n); }
static void v_int(jw *w, long long n) { ek__jb_int(&w->b, n); }
static void v_date(jw *w, ek_date d) { ek__jb_date(&w->b, d); }
static void v_bool(jw *w, int t)
{
    if (t)
        EK__JB_LIT(&w->b, "true");
    else
        EK__JB_LIT(&w->b, "false");
}

static void v_real(jw *w, double v)
{
    if (ek__jb_real(&w->b, v) != 0 && !w->rc) /* json_real() refused NaN and infinities */
        w->rc = ek__error(EK_EINTERNAL, "report JSON: a rate or median is not a finite number");
}

/* A string value as before: json_string(s ? s : ""). */
static void v_text(jw *w, const char *s) { v_str(w, s ? s : ""); }

/* The first failure so far: the writer's own, out of memory or text that is not UTF-8. */
static int failed(jw *w)
{
    if (w->rc)
        return w->rc;
    if (w->b.oom)
        return w->rc = ek__oom();
    if (w->b.bad_utf8)
        return w->rc = ek__error(EK_ENOMEM, "text that is not valid UTF-8 cannot be written as JSON");
    return EK_OK;
}

/*
 * At the end of an element: with a sink and a full chunk, mask it and hand it over.  The chunk
 * ends with '}', ']' or a string's '"' and the next one starts with ',' or a newline, so nothing
 * shaped like a personnummer (digits, '-', '+') spans two chunks and masking them one at a time
 * masks exactly what masking the whole document did.
 */
static int flush(jw *w, int force)
{
    if (failed(w) || !w->sink || w->b.n == 0 || (!force && w->b.n < EK__REPORT_CHUNK))
        return w->rc;
    w->b.p[w->b.n] = '\0';
    ek_text_mask_pnr(w->b.p);  /* nothing shaped like a personnummer leaves in a report (issue 18) */
    int src = w->sink(w->user, w->b.p, w->b.n);
    w->b.n = 0;
    if (src != 0)
        w->rc = ek__error(EK_EIO, "the report could not be written: the output refused it (%d)", src);
    return w->rc;
}

static void item_counts(jw *w, const ek_item_counts *c)
{
    OBJ(w);
    key(w, "total"), v_size(w, c->total);
    key(w, "notapplicable"), v_size(w, c->notapplicable);
    key(w, "denominator"), v_size(w, c->denominator);
    key(w, "exclusions"), v_size(w, c->exclusions);
    key(w, "exceptions"), v_size(w, c->exceptions);
    key(w, "numerator"), v_size(w, c->numerator);
    key(w, "failed"), v_size(w, c->failed);
    key(w, "fixed"), v_size(w, c->fixed);
    key(w, "notchecked"), v_size(w, c->notchecked);
    key(w, "error"), v_size(w, c->error);
    key(w, "unknown"), v_size(w, c->unknown);
    key(w, "informational"), v_size(w, c->informational);
    key(w, "notselected"), v_size(w, c->notselected);
    key(w, "judged"), v_size(w, c->judged);
    key(w, "rate");
    c->has_rate ? v_real(w, c->rate) : v_null(w);
    key(w, "rate_low");
    c->has_rate ? v_real(w, c->rate_low) : v_null(w);
    key(w, "rate_high");
    c->has_rate ? v_real(w, c->rate_high) : v_null(w);
    key(w, "uncertain"), v_bool(w, c->uncertain);
    END_OBJ(w);
}

/* The counts of a deadline; a month's row adds "month" (@month not NULL) after them. */
static void deadline_counts(jw *w, const ek_deadline_counts *c, const char *month)
{
    OBJ(w);
    key(w, "obligations"), v_size(w, c->obligations);
    key(w, "met"), v_size(w, c->met);
    key(w, "late"), v_size(w, c->late);
    key(w, "pending"), v_size(w, c->pending);
    key(w, "overdue"), v_size(w, c->overdue);
    key(w, "notapplicable"), v_size(w, c->notapplicable);
    key(w, "error"), v_size(w, c->error);
    key(w, "exceptions"), v_size(w, c->exceptions);
    key(w, "extended"), v_size(w, c->extended);
    key(w, "due"), v_size(w, c->due);
    key(w, "open"), v_size(w, c->open);
    key(w, "on_time_rate");
    c->has_rate ? v_real(w, c->on_time_rate) : v_null(w);
    key(w, "late_median_days");
    c->late ? v_real(w, c->late_median_days) : v_null(w);
    key(w, "late_max_days");
    c->late ? v_int(w, c->late_max_days) : v_null(w);
    key(w, "overdue_median_days");
    c->overdue ? v_real(w, c->overdue_median_days) : v_null(w);
    key(w, "overdue_max_days");
    c->overdue ? v_int(w, c->overdue_max_days) : v_null(w);
    if (month)
        key(w, "month"), v_str(w, month);
    END_OBJ(w);
}

/* Items, with counts over every unit and by unit. */
static int write_items(jw *w, const ek_report *r)
{
    const ek_checklist *cl = ek_report_checklist(r);
    key(w, "items");
    ARR(w);
    for (size_t i = 0; i < ek_checklist_item_count(cl); i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ek_item_counts c = EK_ITEM_COUNTS_INIT;
        char basis[1024];
        int rc;
        if ((rc = ek_checklist_item(cl, i, &info)) != EK_OK ||
            (rc = ek_report_item_basis(r, i, basis, sizeof basis)) != EK_OK ||
            (rc = ek_report_item_counts(r, i, EK_REPORT_ALL, &c)) != EK_OK)
            return rc;
        next(w);
        OBJ(w);
        key(w, "id"), v_str(w, info.id);
        key(w, "title"), v_text(w, info.title);
        key(w, "kind"), v_text(w, ek_item_kind_name(info.kind));
        key(w, "population"), v_text(w, ek_item_population_name(info.population));
        key(w, "basis"), v_str(w, basis);
        key(w, "counts"), item_counts(w, &c);
        key(w, "by_unit");
        OBJ(w);
        for (size_t u = 0; u < ek_report_unit_count(r); u++) {
            ek_item_counts cu = EK_ITEM_COUNTS_INIT;
            if ((rc = ek_report_item_counts(r, i, u, &cu)) != EK_OK)
                return rc;
            key(w, ek_report_unit(r, u)), item_counts(w, &cu);
        }
        END_OBJ(w);
        END_OBJ(w);
        if (flush(w, 0))
            return w->rc;
    }
    END_ARR(w);
    return failed(w);
}

static int write_deadlines(jw *w, const ek_report *r)
{
    const ek_rulebook *rb = ek_rulebook_builtin();
    int rc;
    key(w, "deadlines");
    ARR(w);
    for (size_t k = 0; k < ek_rulebook_rule_count(rb); k++) {
        ek_rule_info info = EK_RULE_INFO_INIT;
        ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
        char basis[1024];
        if ((rc = ek_rulebook_rule(rb, k, &info)) != EK_OK ||
            (rc = ek_report_rule_basis(r, k, basis, sizeof basis)) != EK_OK ||
            (rc = ek_report_deadline_counts(r, k, EK_REPORT_ALL, EK_REPORT_ALL, &c)) != EK_OK)
            return rc;
        if (info.kind == EK_RULE_ANNUAL)
            continue; /* board-level: not per case (forteckning_ivo) */
        next(w);
        OBJ(w);
        key(w, "rule"), v_str(w, info.name);
        key(w, "title"), v_text(w, info.title);
        key(w, "basis"), v_str(w, basis);
        key(w, "counts"), deadline_counts(w, &c, NULL);
        key(w, "by_unit");
        OBJ(w);
        for (size_t u = 0; u < ek_report_unit_count(r); u++) {
            ek_deadline_counts cu = EK_DEADLINE_COUNTS_INIT;
            if ((rc = ek_report_deadline_counts(r, k, u, EK_REPORT_ALL, &cu)) != EK_OK)
                return rc;
            key(w, ek_report_unit(r, u)), deadline_counts(w, &cu, NULL);
        }
        END_OBJ(w);
        END_OBJ(w);
        if (flush(w, 0))
            return w->rc;
    }
    END_ARR(w);

    ek_deadline_counts all = EK_DEADLINE_COUNTS_INIT;
    if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &all)) != EK_OK)
        return rc;
    key(w, "deadlines_total");
    OBJ(w);
    key(w, "counts"), deadline_counts(w, &all, NULL);
    key(w, "by_unit");
    OBJ(w);
    for (size_t u = 0; u < ek_report_unit_count(r); u++) {
        ek_deadline_counts cu = EK_DEADLINE_COUNTS_INIT;
        if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, u, EK_REPORT_ALL, &cu)) != EK_OK)
            return rc;
        key(w, ek_report_unit(r, u)), deadline_counts(w, &cu, NULL);
    }
    END_OBJ(w);
    END_OBJ(w);

    key(w, "deadlines_by_month");
    ARR(w);
    for (size_t m = 0; m < ek_report_month_count(r); m++) {
        ek_deadline_counts cm = EK_DEADLINE_COUNTS_INIT;
        if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, m, &cm)) != EK_OK)
            return rc;
        char label[EK_DATE_BUFSIZE];
        if (ek_date_format(ek_report_month(r, m), label, sizeof label) != EK_OK)
            continue;
        label[7] = '\0';
        next(w);
        deadline_counts(w, &cm, label);
        if (flush(w, 0))
            return w->rc;
    }
    END_ARR(w);
    return failed(w);
}

/* The overdue list, read from the report one entry at a time (it is not copied). */
static int write_overdue(jw *w, const ek_report *r)
{
    key(w, "overdue");
    ARR(w);
    for (size_t k = 0; k < ek_report_overdue_count(r); k++) {
        ek_report_overdue ov = EK_REPORT_OVERDUE_INIT;
        int rc = ek_report_overdue_at(r, k, &ov);
        if (rc)
            return rc;
        next(w);
        OBJ(w);
        key(w, "case"), v_str(w, ov.case_id);
        key(w, "unit"), v_str(w, ov.unit);
        key(w, "rule"), v_text(w, ov.rule_name);
        key(w, "seq");
        ov.sequence ? v_int(w, ov.sequence) : v_null(w);
        key(w, "start"), v_date(w, ov.start);
        key(w, "legal"), v_date(w, ov.legal);
        key(w, "judged"), v_date(w, ov.judged);
        key(w, "days_overdue"), v_int(w, ov.days_overdue);
        key(w, "basis"), v_text(w, ov.basis);
        END_OBJ(w);
        if (flush(w, 0))
            return w->rc;
    }
    END_ARR(w);
    return failed(w);
}

static int write_input(jw *w, const ek_report *r, const ek_report_totals *t)
{
    key(w, "input");
    OBJ(w);
    key(w, "cases_read"), v_size(w, t->cases_read);
    key(w, "cases_in_period"), v_size(w, t->cases_in_period);
    key(w, "cases_checked"), v_size(w, t->cases_checked);
    key(w, "cases_rejected"), v_size(w, t->cases_rejected);
    key(w, "sarah_read"), v_size(w, t->sarah_read);
    key(w, "sarah_in_period"), v_size(w, t->sarah_in_period);
    key(w, "sarah_rejected"), v_size(w, t->sarah_rejected);
    key(w, "obligations"), v_size(w, t->obligations);
    key(w, "rejected");
    ARR(w);
    for (size_t k = 0; k < ek_report_rejected_count(r); k++) {
        ek_report_input kind = EK_REPORT_INPUT_CASE;
        const ek_error *e = NULL;
        if (ek_report_rejected(r, k, &kind, &e) != EK_OK)
            continue;
        next(w);
        OBJ(w);
        key(w, "input"), v_str(w, kind == EK_REPORT_INPUT_CASE ? "case" : "sarah");
        key(w, "source");
        e->source[0] ? v_str(w, e->source) : v_null(w);
        key(w, "line");
        e->line ? v_size(w, e->line) : v_null(w);
        key(w, "id");
        e->record_id[0] ? v_str(w, e->record_id) : v_null(w);
        key(w, "field");
        e->field[0] ? v_str(w, e->field) : v_null(w);
        key(w, "status"), v_str(w, ek_status_name(e->status));
        char shown[EK_ERROR_FORMAT_SIZE]; /* as before: the display string, location included */
        ek_error_format(e, shown, sizeof shown);
        key(w, "message"), v_str(w, shown);
        END_OBJ(w);
        if (flush(w, 0))
            return w->rc;
    }
    END_ARR(w);
    END_OBJ(w);
    return failed(w);
}

/*
 * The lex Sarah summary: the "summary" of ek_sarah_summary_write_json(), as json_dumps() indents
 * it one level down (it is small: a few dozen figures per unit and category).  Its own dump gets
 * two more spaces after every newline; a newline inside a string is written as "\n", so every
 * newline of the dump is indentation.
 */
static int write_sarah(jw *w, const ek_report *r, const ek_report_totals *t)
{
    key(w, "sarah");
    if (t->sarah_read == 0 && t->sarah_rejected == 0) {
        v_null(w);
        return failed(w);
    }
    char *text = NULL;
    int rc = ek_sarah_summary_write_json(ek_report_sarah_summary(r), &text);
    if (rc)
        return rc;
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    ek_free(text);
    json_t *summary = doc ? json_object_get(doc, "summary") : NULL;
    char *s = summary ? json_dumps(summary, JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_ENCODE_ANY) : NULL;
    json_decref(doc);
    if (!s)
        return ek__oom();
    for (const char *p = s; *p; p++) {
        if (*p == '\n')
            indent(w, w->depth);
        else
            ek__jb_put(&w->b, p, 1);
    }
    free(s);
    return failed(w);
}

static int write_head(jw *w, const ek_report *r, const ek_report_totals *t)
{
    const ek_checklist *cl = ek_report_checklist(r);
    key(w, "format"), v_str(w, "egenkontroll/report-1");
    key(w, "as_of"), v_date(w, t->as_of);
    key(w, "period");
    OBJ(w);
    key(w, "from"), v_date(w, t->from);
    key(w, "to"), v_date(w, t->to);
    END_OBJ(w);
    key(w, "cases_span");
    OBJ(w);
    key(w, "first"), v_date(w, t->first_case);
    key(w, "last"), v_date(w, t->last_case);
    END_OBJ(w);
    key(w, "library"), v_str(w, ek_version_string());
    key(w, "checklist");
    OBJ(w);
    key(w, "id"), v_text(w, ek_checklist_id(cl));
    key(w, "version"), v_text(w, ek_checklist_version(cl));
    END_OBJ(w);
    key(w, "rulebook"), v_str(w, ek_rulebook_version(ek_rulebook_builtin()));
    key(w, "sample");
    if (t->sample > 0) {
        OBJ(w);
        key(w, "per_unit"), v_size(w, t->sample);
        key(w, "seed");
        t->seed <= (uint64_t)INT64_MAX ? v_int(w, (long long)t->seed) : v_null(w);
        key(w, "period"), v_str(w, ek_report_sample_period(r));
        key(w, "cases");
        ARR(w);
        for (size_t k = 0; k < ek_report_sample_count(r); k++) {
            next(w), v_str(w, ek_report_sample_case(r, k));
            if (flush(w, 0))
                return w->rc;
        }
        END_ARR(w);
        END_OBJ(w);
    } else {
        v_null(w);
    }
    key(w, "units");
    ARR(w);
    for (size_t u = 0; u < ek_report_unit_count(r); u++)
        next(w), v_str(w, ek_report_unit(r, u));
    END_ARR(w);
    return failed(w);
}

/* The whole document into @w (its sink, or its buffer). */
static int write_report(jw *w, const ek_report *r)
{
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    int rc = ek_report_totals_get(r, &t);
    if (rc)
        return rc;
    if (ek_report_month_count(r) == 0 && ek_report_unit_count(r) == 0) {
        /* Either empty or not finished: ask a function that knows. */
        ek_deadline_counts probe = EK_DEADLINE_COUNTS_INIT;
        if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &probe)) != EK_OK)
            return rc;
    }
    OBJ(w);
    if ((rc = write_head(w, r, &t)) != EK_OK || (rc = write_input(w, r, &t)) != EK_OK ||
        (rc = write_items(w, r)) != EK_OK || (rc = write_deadlines(w, r)) != EK_OK ||
        (rc = write_overdue(w, r)) != EK_OK || (rc = write_sarah(w, r, &t)) != EK_OK)
        return rc;
    END_OBJ(w);
    return flush(w, 1);
}

int ek_report_write_json(const ek_report *r, char **out)
{
    EK__REPORT_LANG(r);
    if (out)
        *out = NULL;
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_report_write_json: NULL argument");
    jw w;
    memset(&w, 0, sizeof w);
    int rc = write_report(&w, r);
    if (rc != EK_OK) {
        ek__free(w.b.p);
        return rc;
    }
    return ek__jb_take(&w.b, out); /* masks the whole document */
}

int ek_report_write_json_sink(const ek_report *r, ek_write_fn sink, void *user)
{
    EK__REPORT_LANG(r);
    if (!r || !sink)
        return ek__error(EK_EINVAL, "ek_report_write_json_sink: NULL argument");
    jw w;
    memset(&w, 0, sizeof w);
    w.sink = sink;
    w.user = user;
    int rc = write_report(&w, r);
    ek__free(w.b.p);
    return rc;
}

typedef struct file_sink {
    FILE *f;
    int err; /* errno of the first failed write */
} file_sink;

static int to_file(void *user, const char *data, size_t len)
{
    file_sink *fs = user;
    if (fwrite(data, 1, len, fs->f) == len)
        return 0;
    fs->err = errno ? errno : EIO;
    return 1;
}

int ek_report_write_json_file(const ek_report *r, const char *path)
{
    EK__REPORT_LANG(r);
    if (!r || !path)
        return ek__error(EK_EINVAL, "ek_report_write_json_file: NULL argument");
    FILE *f = fopen(path, "w");
    if (!f)
        return ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "cannot open for writing: %s", strerror(errno));
    file_sink fs = { f, 0 };
    errno = 0;
    int rc = ek_report_write_json_sink(r, to_file, &fs);
    if (rc == EK_OK && to_file(&fs, "\n", 1) != 0)
        rc = EK_EIO;
    if (fclose(f) != 0 && rc == EK_OK) {
        fs.err = errno;
        rc = EK_EIO;
    }
    if (rc == EK_EIO && fs.err)
        return ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "write error: %s", strerror(fs.err));
    return rc;
}
