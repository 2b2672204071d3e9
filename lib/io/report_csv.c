/* SPDX-License-Identifier: MIT */
/* CSV output of the egenkontroll report (report.h): long format section,unit,id,title,measure,value. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "i18n.h"
#include "csv_internal.h"
#include "../internal.h"

typedef ek__csv sbuf;

static void row(sbuf *b, const char *section, const char *unit, const char *id, const char *title,
                const char *measure, const char *value)
{
    ek__csv_text(b, section);
    ek__csv_text(b, unit);
    ek__csv_text(b, id);
    ek__csv_text(b, title);
    ek__csv_text(b, measure);
    ek__csv_text(b, value);
    ek__csv_end(b);
}

static void row_head(sbuf *b, const char *section, const char *unit, const char *id, const char *title,
                     const char *measure)
{
    ek__csv_text(b, section);
    ek__csv_text(b, unit);
    ek__csv_text(b, id);
    ek__csv_text(b, title);
    ek__csv_text(b, measure);
}

static void rowz(sbuf *b, const char *section, const char *unit, const char *id, const char *title,
                 const char *measure, size_t v)
{
    row_head(b, section, unit, id, title, measure);
    ek__csv_size(b, v);
    ek__csv_end(b);
}

static void rowd(sbuf *b, const char *section, const char *unit, const char *id, const char *title,
                 const char *measure, int has, double v)
{
    row_head(b, section, unit, id, title, measure);
    ek__csv_real(b, has, v);
    ek__csv_end(b);
}

static void item_rows(sbuf *b, const char *unit, const char *id, const char *title, const ek_item_counts *c)
{
    static const char *const s = "item";
    rowz(b, s, unit, id, title, "denominator", c->denominator);
    rowz(b, s, unit, id, title, "numerator", c->numerator);
    rowz(b, s, unit, id, title, "failed", c->failed);
    rowz(b, s, unit, id, title, "notchecked", c->notchecked);
    rowz(b, s, unit, id, title, "error", c->error);
    rowz(b, s, unit, id, title, "unknown", c->unknown);
    rowz(b, s, unit, id, title, "informational", c->informational);
    rowz(b, s, unit, id, title, "exceptions", c->exceptions);
    rowz(b, s, unit, id, title, "exclusions", c->exclusions);
    rowz(b, s, unit, id, title, "judged", c->judged);
    rowd(b, s, unit, id, title, "rate", c->has_rate, c->rate);
    rowd(b, s, unit, id, title, "rate_low", c->has_rate, c->rate_low);
    rowd(b, s, unit, id, title, "rate_high", c->has_rate, c->rate_high);
    rowz(b, s, unit, id, title, "uncertain", (size_t)(c->uncertain != 0));
}

static void deadline_rows(sbuf *b, const char *s, const char *unit, const char *id, const char *title,
                          const ek_deadline_counts *c)
{
    rowz(b, s, unit, id, title, "obligations", c->obligations);
    rowz(b, s, unit, id, title, "met", c->met);
    rowz(b, s, unit, id, title, "late", c->late);
    rowz(b, s, unit, id, title, "pending", c->pending);
    rowz(b, s, unit, id, title, "overdue", c->overdue);
    rowz(b, s, unit, id, title, "error", c->error);
    rowz(b, s, unit, id, title, "exceptions", c->exceptions);
    rowz(b, s, unit, id, title, "due", c->due);
    rowz(b, s, unit, id, title, "open", c->open);
    rowd(b, s, unit, id, title, "on_time_rate", c->has_rate, c->on_time_rate);
    rowd(b, s, unit, id, title, "late_median_days", c->late > 0, c->late_median_days);
    rowd(b, s, unit, id, title, "overdue_median_days", c->overdue > 0, c->overdue_median_days);
}

int ek_report_write_csv(const ek_report *r, char **out)
{
    EK__REPORT_LANG(r);
    return ek_report_write_csv_dialect(r, EK_CSV_RFC4180, out);
}

/*
 * The rows of the report into @b (started in its dialect; with or without a sink): the statuses of
 * ek_report_write_csv_dialect() but EK_ENOMEM/EK_EIO, which ek__csv_finish*() give.  @b is left
 * for the caller to finish or discard.
 */
static int write_rows(const ek_report *r, sbuf *b)
{
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    ek_deadline_counts probe = EK_DEADLINE_COUNTS_INIT;
    int rc = ek_report_totals_get(r, &t);
    if (rc == EK_OK) /* fails with EK_ESTATE when not finished */
        rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &probe);
    if (rc)
        return rc;
    ek__csv_bom(b);
    char d1[EK_DATE_BUFSIZE];
    row(b, "section", "unit", "id", "title", "measure", "value");
    row(b, "input", "", "", "", "as_of", ek_date_format(t.as_of, d1, sizeof d1) == EK_OK ? d1 : "");
    row(b, "input", "", "", "", "from", t.from != EK_DATE_NONE && ek_date_format(t.from, d1, sizeof d1) == EK_OK ? d1 : "");
    row(b, "input", "", "", "", "to", t.to != EK_DATE_NONE && ek_date_format(t.to, d1, sizeof d1) == EK_OK ? d1 : "");
    rowz(b, "input", "", "", "", "cases_read", t.cases_read);
    rowz(b, "input", "", "", "", "cases_in_period", t.cases_in_period);
    rowz(b, "input", "", "", "", "cases_checked", t.cases_checked);
    rowz(b, "input", "", "", "", "cases_rejected", t.cases_rejected);
    rowz(b, "input", "", "", "", "sarah_read", t.sarah_read);
    rowz(b, "input", "", "", "", "sarah_in_period", t.sarah_in_period);
    rowz(b, "input", "", "", "", "sarah_rejected", t.sarah_rejected);
    rowz(b, "input", "", "", "", "sample", t.sample);

    const ek_checklist *cl = ek_report_checklist(r);
    size_t nu = ek_report_unit_count(r);
    for (size_t i = 0; rc == EK_OK && i < ek_checklist_item_count(cl); i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ek_item_counts c = EK_ITEM_COUNTS_INIT;
        if ((rc = ek_checklist_item(cl, i, &info)) != EK_OK || (rc = ek_report_item_counts(r, i, EK_REPORT_ALL, &c)))
            break;
        item_rows(b, "", info.id, info.title, &c);
        for (size_t u = 0; rc == EK_OK && u < nu; u++) {
            ek_item_counts cu = EK_ITEM_COUNTS_INIT;
            if ((rc = ek_report_item_counts(r, i, u, &cu)) == EK_OK)
                item_rows(b, ek_report_unit(r, u), info.id, info.title, &cu);
        }
    }
    const ek_rulebook *rb = ek_rulebook_builtin();
    for (size_t k = 0; rc == EK_OK && k < ek_rulebook_rule_count(rb); k++) {
        ek_rule_info info = EK_RULE_INFO_INIT;
        ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
        if ((rc = ek_rulebook_rule(rb, k, &info)) != EK_OK)
            break;
        if (info.kind == EK_RULE_ANNUAL)
            continue;
        if ((rc = ek_report_deadline_counts(r, k, EK_REPORT_ALL, EK_REPORT_ALL, &c)) != EK_OK)
            break;
        deadline_rows(b, "deadline", "", info.name, info.title, &c);
        for (size_t u = 0; rc == EK_OK && u < nu; u++) {
            ek_deadline_counts cu = EK_DEADLINE_COUNTS_INIT;
            if ((rc = ek_report_deadline_counts(r, k, u, EK_REPORT_ALL, &cu)) == EK_OK)
                deadline_rows(b, "deadline", ek_report_unit(r, u), info.name, info.title, &cu);
        }
    }
    for (size_t m = 0; rc == EK_OK && m < ek_report_month_count(r); m++) {
        ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
        if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, m, &c)) != EK_OK)
            break;
        if (ek_date_format(ek_report_month(r, m), d1, sizeof d1) != EK_OK)
            continue;
        d1[7] = '\0';
        deadline_rows(b, "deadline_month", "", d1, "", &c);
    }
    for (size_t k = 0; rc == EK_OK && k < ek_report_overdue_count(r); k++) {
        ek_report_overdue ov = EK_REPORT_OVERDUE_INIT;
        if ((rc = ek_report_overdue_at(r, k, &ov)) != EK_OK)
            break;
        char rule[96];
        if (ov.sequence)
            snprintf(rule, sizeof rule, "%s #%u", ov.rule_name, ov.sequence);
        else
            snprintf(rule, sizeof rule, "%s", ov.rule_name);
        row(b, "overdue", ov.unit, ov.case_id, rule, "legal",
            ek_date_format(ov.legal, d1, sizeof d1) == EK_OK ? d1 : "");
        row_head(b, "overdue", ov.unit, ov.case_id, rule, "days_overdue");
        ek__csv_long(b, ov.days_overdue);
        ek__csv_end(b);
    }
    if (rc == EK_OK && (t.sarah_read > 0 || t.sarah_rejected > 0)) {
        ek_sarah_summary_counts sc = EK_SARAH_SUMMARY_COUNTS_INIT;
        if ((rc = ek_sarah_summary_counts_get(ek_report_sarah_summary(r), &sc)) == EK_OK) {
            rowz(b, "sarah", "", "", "", "records", sc.records);
            rowz(b, "sarah", "", "", "", "rejected", sc.rejected);
            for (int s = EK_SARAH_STATE_RAPPORTERAD; s <= EK_SARAH_STATE_AVSLUTAD; s++)
                rowz(b, "sarah", "", "", "", ek_sarah_state_name((ek_sarah_state)s), sc.by_state[s]);
            rowz(b, "sarah", "", "", "", "allvarlig", sc.allvarlig_yes);
            rowz(b, "sarah", "", "", "", "inte_allvarlig", sc.allvarlig_no);
            rowz(b, "sarah", "", "", "", "ej_bedomd", sc.allvarlig_unknown);
            rowz(b, "sarah", "", "", "", "anmald_ivo", sc.anmald_ivo);
            rowd(b, "sarah", "", "", "", "ivo_days_median", sc.ivo_days_n > 0, sc.ivo_days_median);
            rowz(b, "sarah", "", "", "", "measures", sc.measures);
            rowz(b, "sarah", "", "", "", "measures_overdue", sc.measures_overdue);
            rowz(b, "sarah", "", "", "", "measures_late", sc.measures_late);
        }
    }
    return rc;
}

int ek_report_write_csv_dialect(const ek_report *r, ek_csv_dialect dialect, char **out)
{
    EK__REPORT_LANG(r);
    if (out)
        *out = NULL;
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_report_write_csv: NULL argument");
    sbuf b;
    int rc = ek__csv_init(&b, dialect);
    if (rc == EK_OK && (rc = write_rows(r, &b)) == EK_OK)
        return ek__csv_finish(&b, out);
    ek__csv_discard(&b);
    return rc;
}

int ek_report_write_csv_sink(const ek_report *r, ek_csv_dialect dialect, ek_write_fn sink, void *user)
{
    EK__REPORT_LANG(r);
    if (!r || !sink)
        return ek__error(EK_EINVAL, "ek_report_write_csv_sink: NULL argument");
    sbuf b;
    int rc = ek__csv_init(&b, dialect);
    if (rc != EK_OK)
        return rc;
    b.sink = sink;
    b.user = user;
    if ((rc = write_rows(r, &b)) != EK_OK) {
        ek__csv_discard(&b);
        return rc;
    }
    if ((rc = ek__csv_finish_sink(&b)) == EK_EIO)
        ek__error(EK_EIO, "the report could not be written: the output refused it (%d)", b.refused);
    return rc;
}
