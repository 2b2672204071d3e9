/* SPDX-License-Identifier: MIT */
/* JSON output of the egenkontroll report (report.h): format egenkontroll/report-1. */
#include <string.h>

#include <egenkontroll/report.h>

#include "../i18n.h"
#include "io_internal.h"

static json_t *jdate(ek_date d)
{
    char b[EK_DATE_BUFSIZE];
    if (d == EK_DATE_NONE || ek_date_format(d, b, sizeof b) != EK_OK)
        return json_null();
    return json_string(b);
}

static json_t *jsize(size_t n) { return json_integer((json_int_t)n); }

/* Set a key; returns 1 on failure (the value is stolen either way). */
static int set(json_t *obj, const char *key, json_t *v)
{
    return v == NULL || json_object_set_new(obj, key, v) != 0;
}

static json_t *item_counts(const ek_item_counts *c)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= set(o, "total", jsize(c->total));
    bad |= set(o, "notapplicable", jsize(c->notapplicable));
    bad |= set(o, "denominator", jsize(c->denominator));
    bad |= set(o, "exclusions", jsize(c->exclusions));
    bad |= set(o, "exceptions", jsize(c->exceptions));
    bad |= set(o, "numerator", jsize(c->numerator));
    bad |= set(o, "failed", jsize(c->failed));
    bad |= set(o, "fixed", jsize(c->fixed));
    bad |= set(o, "notchecked", jsize(c->notchecked));
    bad |= set(o, "error", jsize(c->error));
    bad |= set(o, "unknown", jsize(c->unknown));
    bad |= set(o, "informational", jsize(c->informational));
    bad |= set(o, "notselected", jsize(c->notselected));
    bad |= set(o, "judged", jsize(c->judged));
    bad |= set(o, "rate", c->has_rate ? json_real(c->rate) : json_null());
    bad |= set(o, "rate_low", c->has_rate ? json_real(c->rate_low) : json_null());
    bad |= set(o, "rate_high", c->has_rate ? json_real(c->rate_high) : json_null());
    bad |= set(o, "uncertain", json_boolean(c->uncertain));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *deadline_counts(const ek_deadline_counts *c)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= set(o, "obligations", jsize(c->obligations));
    bad |= set(o, "met", jsize(c->met));
    bad |= set(o, "late", jsize(c->late));
    bad |= set(o, "pending", jsize(c->pending));
    bad |= set(o, "overdue", jsize(c->overdue));
    bad |= set(o, "notapplicable", jsize(c->notapplicable));
    bad |= set(o, "error", jsize(c->error));
    bad |= set(o, "exceptions", jsize(c->exceptions));
    bad |= set(o, "extended", jsize(c->extended));
    bad |= set(o, "due", jsize(c->due));
    bad |= set(o, "open", jsize(c->open));
    bad |= set(o, "on_time_rate", c->has_rate ? json_real(c->on_time_rate) : json_null());
    bad |= set(o, "late_median_days", c->late ? json_real(c->late_median_days) : json_null());
    bad |= set(o, "late_max_days", c->late ? json_integer(c->late_max_days) : json_null());
    bad |= set(o, "overdue_median_days", c->overdue ? json_real(c->overdue_median_days) : json_null());
    bad |= set(o, "overdue_max_days", c->overdue ? json_integer(c->overdue_max_days) : json_null());
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Items, with counts over every unit and by unit. */
static int write_items(const ek_report *r, json_t *root)
{
    const ek_checklist *cl = ek_report_checklist(r);
    json_t *arr = json_array();
    if (!arr)
        return ek__oom();
    int rc = EK_OK;
    for (size_t i = 0; rc == EK_OK && i < ek_checklist_item_count(cl); i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ek_item_counts c = EK_ITEM_COUNTS_INIT;
        char basis[1024];
        if ((rc = ek_checklist_item(cl, i, &info)) != EK_OK ||
            (rc = ek_report_item_basis(r, i, basis, sizeof basis)) != EK_OK ||
            (rc = ek_report_item_counts(r, i, EK_REPORT_ALL, &c)) != EK_OK)
            break;
        json_t *o = json_object(), *by = json_object();
        int bad = !o || !by || json_array_append_new(arr, o) != 0;
        if (bad) {
            json_decref(by);
            rc = ek__oom();
            break;
        }
        bad |= set(o, "id", json_string(info.id));
        bad |= set(o, "title", json_string(info.title ? info.title : ""));
        bad |= set(o, "kind", json_string(ek_item_kind_name(info.kind) ? ek_item_kind_name(info.kind) : ""));
        bad |= set(o, "population",
                   json_string(ek_item_population_name(info.population) ? ek_item_population_name(info.population)
                                                                         : ""));
        bad |= set(o, "basis", json_string(basis));
        bad |= set(o, "counts", item_counts(&c));
        bad |= set(o, "by_unit", by);
        for (size_t u = 0; !bad && u < ek_report_unit_count(r); u++) {
            ek_item_counts cu = EK_ITEM_COUNTS_INIT;
            if ((rc = ek_report_item_counts(r, i, u, &cu)) != EK_OK)
                break;
            bad |= set(by, ek_report_unit(r, u), item_counts(&cu));
        }
        if (bad && rc == EK_OK)
            rc = ek__oom();
    }
    if (rc == EK_OK && set(root, "items", arr))
        return ek__oom();
    if (rc != EK_OK)
        json_decref(arr);
    return rc;
}

static int write_deadlines(const ek_report *r, json_t *root)
{
    const ek_rulebook *rb = ek_rulebook_builtin();
    json_t *arr = json_array();
    if (!arr || set(root, "deadlines", arr))
        return ek__oom();
    int rc = EK_OK;
    for (size_t k = 0; rc == EK_OK && k < ek_rulebook_rule_count(rb); k++) {
        ek_rule_info info = EK_RULE_INFO_INIT;
        ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
        char basis[1024];
        if ((rc = ek_rulebook_rule(rb, k, &info)) != EK_OK ||
            (rc = ek_report_rule_basis(r, k, basis, sizeof basis)) != EK_OK ||
            (rc = ek_report_deadline_counts(r, k, EK_REPORT_ALL, EK_REPORT_ALL, &c)) != EK_OK)
            break;
        if (info.kind == EK_RULE_ANNUAL)
            continue; /* board-level: not per case (forteckning_ivo) */
        json_t *o = json_object(), *by = json_object();
        int bad = !o || !by || json_array_append_new(arr, o) != 0;
        if (bad) {
            json_decref(by);
            return ek__oom();
        }
        bad |= set(o, "rule", json_string(info.name));
        bad |= set(o, "title", json_string(info.title ? info.title : ""));
        bad |= set(o, "basis", json_string(basis));
        bad |= set(o, "counts", deadline_counts(&c));
        bad |= set(o, "by_unit", by);
        for (size_t u = 0; !bad && u < ek_report_unit_count(r); u++) {
            ek_deadline_counts cu = EK_DEADLINE_COUNTS_INIT;
            if ((rc = ek_report_deadline_counts(r, k, u, EK_REPORT_ALL, &cu)) != EK_OK)
                break;
            bad |= set(by, ek_report_unit(r, u), deadline_counts(&cu));
        }
        if (bad && rc == EK_OK)
            rc = ek__oom();
    }
    if (rc)
        return rc;

    ek_deadline_counts all = EK_DEADLINE_COUNTS_INIT;
    if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &all)) != EK_OK)
        return rc;
    json_t *tot = json_object(), *by = json_object();
    if (!tot || !by || set(tot, "counts", deadline_counts(&all))) {
        json_decref(tot);
        json_decref(by);
        return ek__oom();
    }
    if (set(tot, "by_unit", by) || set(root, "deadlines_total", tot))
        return ek__oom();
    for (size_t u = 0; u < ek_report_unit_count(r); u++) {
        ek_deadline_counts cu = EK_DEADLINE_COUNTS_INIT;
        if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, u, EK_REPORT_ALL, &cu)) != EK_OK)
            return rc;
        if (set(by, ek_report_unit(r, u), deadline_counts(&cu)))
            return ek__oom();
    }

    json_t *months = json_array();
    if (!months || set(root, "deadlines_by_month", months))
        return ek__oom();
    for (size_t m = 0; m < ek_report_month_count(r); m++) {
        ek_deadline_counts cm = EK_DEADLINE_COUNTS_INIT;
        if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, m, &cm)) != EK_OK)
            return rc;
        char label[EK_DATE_BUFSIZE];
        if (ek_date_format(ek_report_month(r, m), label, sizeof label) != EK_OK)
            continue;
        label[7] = '\0';
        json_t *o = deadline_counts(&cm);
        if (!o || set(o, "month", json_string(label)) || json_array_append_new(months, o) != 0)
            return ek__oom();
    }
    return EK_OK;
}

static int write_overdue(const ek_report *r, json_t *root)
{
    json_t *arr = json_array();
    if (!arr || set(root, "overdue", arr))
        return ek__oom();
    for (size_t k = 0; k < ek_report_overdue_count(r); k++) {
        ek_report_overdue ov = EK_REPORT_OVERDUE_INIT;
        int rc = ek_report_overdue_at(r, k, &ov);
        if (rc)
            return rc;
        json_t *o = json_object();
        int bad = !o || json_array_append_new(arr, o) != 0;
        if (bad)
            return ek__oom();
        bad |= set(o, "case", json_string(ov.case_id));
        bad |= set(o, "unit", json_string(ov.unit));
        bad |= set(o, "rule", json_string(ov.rule_name ? ov.rule_name : ""));
        bad |= set(o, "seq", ov.sequence ? json_integer(ov.sequence) : json_null());
        bad |= set(o, "start", jdate(ov.start));
        bad |= set(o, "legal", jdate(ov.legal));
        bad |= set(o, "judged", jdate(ov.judged));
        bad |= set(o, "days_overdue", json_integer(ov.days_overdue));
        bad |= set(o, "basis", json_string(ov.basis ? ov.basis : ""));
        if (bad)
            return ek__oom();
    }
    return EK_OK;
}

static int write_input(const ek_report *r, const ek_report_totals *t, json_t *root)
{
    json_t *in = json_object(), *rej = json_array();
    if (!in || !rej || set(root, "input", in)) {
        json_decref(rej);
        return ek__oom();
    }
    int bad = 0;
    bad |= set(in, "cases_read", jsize(t->cases_read));
    bad |= set(in, "cases_in_period", jsize(t->cases_in_period));
    bad |= set(in, "cases_checked", jsize(t->cases_checked));
    bad |= set(in, "cases_rejected", jsize(t->cases_rejected));
    bad |= set(in, "sarah_read", jsize(t->sarah_read));
    bad |= set(in, "sarah_in_period", jsize(t->sarah_in_period));
    bad |= set(in, "sarah_rejected", jsize(t->sarah_rejected));
    bad |= set(in, "obligations", jsize(t->obligations));
    bad |= set(in, "rejected", rej);
    for (size_t k = 0; !bad && k < ek_report_rejected_count(r); k++) {
        ek_report_input kind = EK_REPORT_INPUT_CASE;
        const ek_error *e = NULL;
        if (ek_report_rejected(r, k, &kind, &e) != EK_OK)
            continue;
        json_t *o = json_object();
        bad |= !o || json_array_append_new(rej, o) != 0;
        if (bad)
            break;
        bad |= set(o, "input", json_string(kind == EK_REPORT_INPUT_CASE ? "case" : "sarah"));
        bad |= set(o, "source", e->source[0] ? json_string(e->source) : json_null());
        bad |= set(o, "line", e->line ? json_integer((json_int_t)e->line) : json_null());
        bad |= set(o, "id", e->record_id[0] ? json_string(e->record_id) : json_null());
        bad |= set(o, "field", e->field[0] ? json_string(e->field) : json_null());
        bad |= set(o, "status", json_string(ek_status_name(e->status)));
        char shown[EK_ERROR_FORMAT_SIZE];  /* as before: the display string, location included */
        ek_error_format(e, shown, sizeof shown);
        bad |= set(o, "message", json_string(shown));
    }
    return bad ? ek__oom() : EK_OK;
}

static int write_sarah(const ek_report *r, const ek_report_totals *t, json_t *root)
{
    if (t->sarah_read == 0 && t->sarah_rejected == 0)
        return set(root, "sarah", json_null()) ? ek__oom() : EK_OK;
    char *text = NULL;
    int rc = ek_sarah_summary_write_json(ek_report_sarah_summary(r), &text);
    if (rc)
        return rc;
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    ek_free(text);
    json_t *summary = doc ? json_object_get(doc, "summary") : NULL;
    if (!summary) {
        json_decref(doc);
        return ek__oom();
    }
    json_incref(summary);
    json_decref(doc);
    return set(root, "sarah", summary) ? ek__oom() : EK_OK;
}

int ek_report_write_json(const ek_report *r, char **out)
{
    EK__REPORT_LANG(r);
    if (out)
        *out = NULL;
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_report_write_json: NULL argument");
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
    const ek_checklist *cl = ek_report_checklist(r);
    json_t *root = json_object(), *period = json_object(), *span = json_object(), *clo = json_object(),
           *units = json_array();
    int bad = !root || !period || !span || !clo || !units;
    if (bad) {
        json_decref(root);
        json_decref(period);
        json_decref(span);
        json_decref(clo);
        json_decref(units);
        return ek__oom();
    }
    bad |= set(root, "format", json_string("egenkontroll/report-1"));
    bad |= set(root, "as_of", jdate(t.as_of));
    bad |= set(period, "from", jdate(t.from));
    bad |= set(period, "to", jdate(t.to));
    bad |= set(root, "period", period);
    bad |= set(span, "first", jdate(t.first_case));
    bad |= set(span, "last", jdate(t.last_case));
    bad |= set(root, "cases_span", span);
    bad |= set(root, "library", json_string(ek_version_string()));
    bad |= set(clo, "id", json_string(ek_checklist_id(cl) ? ek_checklist_id(cl) : ""));
    bad |= set(clo, "version", json_string(ek_checklist_version(cl) ? ek_checklist_version(cl) : ""));
    bad |= set(root, "checklist", clo);
    bad |= set(root, "rulebook", json_string(ek_rulebook_version(ek_rulebook_builtin())));
    if (t.sample > 0) {
        json_t *s = json_object();
        bad |= !s || set(root, "sample", s);
        json_t *ids = json_array();
        if (!bad && ids) {
            bad |= set(s, "per_unit", jsize(t.sample));
            bad |= set(s, "seed", t.seed <= (uint64_t)INT64_MAX ? json_integer((json_int_t)t.seed) : json_null());
            bad |= set(s, "period", json_string(ek_report_sample_period(r)));
            bad |= set(s, "cases", ids);
            for (size_t k = 0; !bad && k < ek_report_sample_count(r); k++)
                bad |= json_array_append_new(ids, json_string(ek_report_sample_case(r, k))) != 0;
        } else {
            json_decref(ids);
            bad = 1;
        }
    } else {
        bad |= set(root, "sample", json_null());
    }
    bad |= set(root, "units", units);
    for (size_t u = 0; !bad && u < ek_report_unit_count(r); u++)
        bad |= json_array_append_new(units, json_string(ek_report_unit(r, u))) != 0;
    if (bad) {
        json_decref(root);
        return ek__oom();
    }
    if ((rc = write_input(r, &t, root)) != EK_OK || (rc = write_items(r, root)) != EK_OK ||
        (rc = write_deadlines(r, root)) != EK_OK || (rc = write_overdue(r, root)) != EK_OK ||
        (rc = write_sarah(r, &t, root)) != EK_OK) {
        json_decref(root);
        return rc;
    }
    char *s = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    json_decref(root);
    if (!s)
        return ek__oom();
    char *copy = ek__strdup(s);
    free(s);
    if (!copy)
        return ek__oom();
    ek_text_mask_pnr(copy);  /* nothing shaped like a personnummer leaves in a report (issue 18) */
    *out = copy;
    return EK_OK;
}
