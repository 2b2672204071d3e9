/* SPDX-License-Identifier: MIT */
/*
 * egenkontroll report --format xlsx: the report as an Excel workbook (libxlsxwriter).
 *
 * One sheet per section, each a flat table with one header row (frozen, with
 * an autofilter): numbers are written as numbers, shares as numbers with a
 * percentage format, dates as dates.  Headings and labels are Swedish (the
 * language of the run); rule and item ids stay codes in their own column.
 * Cells are written as strings or numbers, never as formulas, so text from
 * the input (case ids, units) cannot become a formula in Excel.
 *
 * The workbook is written in libxlsxwriter's constant-memory mode (issue 15,
 * flat memory): each row is flushed to a temporary file once the next row is
 * started, so memory does not grow with the overdue list.  That mode keeps
 * only the current row: every sheet must be written top to bottom, row by
 * row, never going back to an earlier row (a cell written to an earlier row
 * is dropped; tests/python/test_excel.py compares the sheets with the JSON
 * report, so it shows up there as missing).
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"
#include "report_out.h"

typedef struct sheet {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *head, *pct, *date, *num1;
    lxw_row_t row;
    lxw_col_t ncols;
} sheet;

/* A new sheet called @name with the (translated) column headers @cols. */
static int sheet_open(sheet *s, const char *name, const char *const *cols, size_t ncols, const double *widths)
{
    s->ws = workbook_add_worksheet(s->wb, name);
    if (!s->ws)
        return -1;
    s->ncols = (lxw_col_t)ncols;
    for (size_t c = 0; c < ncols; c++) {
        worksheet_write_string(s->ws, 0, (lxw_col_t)c, _(cols[c]), s->head);
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, widths ? widths[c] : 12.0, NULL);
    }
    worksheet_freeze_panes(s->ws, 1, 0);
    s->row = 1;
    return 0;
}

static void sheet_close(sheet *s)
{
    worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, (lxw_col_t)(s->ncols - 1));
}

static void put_str(sheet *s, lxw_col_t c, const char *v)
{
    char *safe = NULL; /* no formula, control character or personal identity number (common.h, issue 18) */
    if (v && v[0] && ek_text_safe_dup(v, EK_TEXT_CELL, &safe) == EK_OK)
        worksheet_write_string(s->ws, s->row, c, safe, NULL);
    ek_free(safe);
}

static void put_num(sheet *s, lxw_col_t c, double v)
{
    worksheet_write_number(s->ws, s->row, c, v, NULL);
}

static void put_pct(sheet *s, lxw_col_t c, int has, double v)
{
    if (has)
        worksheet_write_number(s->ws, s->row, c, v, s->pct);
}

static void put_days(sheet *s, lxw_col_t c, int has, double v)
{
    if (has)
        worksheet_write_number(s->ws, s->row, c, v, s->num1);
}

static void put_date(sheet *s, lxw_col_t c, ek_date d)
{
    int y, m, dd;
    if (d == EK_DATE_NONE || ek_date_to_ymd(d, &y, &m, &dd) != EK_OK)
        return;
    lxw_datetime dt = { y, m, dd, 0, 0, 0.0 };
    worksheet_write_datetime(s->ws, s->row, c, &dt, s->date);
}

static const char *unit_name(const char *u)
{
    return u && u[0] ? u : _("(ingen enhet)");
}

/* ---- the sheets ----------------------------------------------------------------- */

static int sheet_overview(sheet *s, const ek_report *r, const ek_report_totals *t)
{
    static const char *const cols[] = { N_("Uppgift"), N_("Värde") };
    static const double w[] = { 44, 40 };
    if (sheet_open(s, _("Översikt"), cols, 2, w))
        return -1;
    const ek_checklist *cl = ek_report_checklist(r);
    struct { const char *label; int kind; ek_date d; size_t n; const char *text; } rows[] = {
        { N_("Rapportdag"), 1, t->as_of, 0, NULL },
        { N_("Period från (första händelse)"), 1, t->from != EK_DATE_NONE ? t->from : t->first_case, 0, NULL },
        { N_("Period till (första händelse)"), 1, t->to != EK_DATE_NONE ? t->to : t->last_case, 0, NULL },
        { N_("Ärenden lästa"), 0, 0, t->cases_read, NULL },
        { N_("Ärenden i perioden"), 0, 0, t->cases_in_period, NULL },
        { N_("Ärenden granskade (checklistan)"), 0, 0, t->cases_checked, NULL },
        { N_("Ärenden avvisade"), 0, 0, t->cases_rejected, NULL },
        { N_("Lex Sarah-avvikelser lästa"), 0, 0, t->sarah_read, NULL },
        { N_("Lex Sarah-avvikelser i perioden"), 0, 0, t->sarah_in_period, NULL },
        { N_("Lex Sarah-avvikelser avvisade"), 0, 0, t->sarah_rejected, NULL },
        { N_("Frister"), 0, 0, t->obligations, NULL },
        { N_("Försenade per rapportdagen"), 0, 0, t->overdue, NULL },
        { N_("Checklista"), 2, 0, 0, ek_checklist_id(cl) },
        { N_("Checklistans version"), 2, 0, 0, ek_checklist_version(cl) },
        { N_("Regelbok"), 2, 0, 0, ek_rulebook_version(ek_rulebook_builtin()) },
        { N_("libegenkontroll"), 2, 0, 0, ek_version_string() },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++, s->row++) {
        put_str(s, 0, _(rows[i].label));
        if (rows[i].kind == 0)
            put_num(s, 1, (double)rows[i].n);
        else if (rows[i].kind == 1)
            put_date(s, 1, rows[i].d);
        else
            put_str(s, 1, rows[i].text);
    }
    if (t->sample > 0) {
        put_str(s, 0, _("Urval: högst ärenden per enhet"));
        put_num(s, 1, (double)t->sample);
        s->row++;
        put_str(s, 0, _("Urvalets frö"));
        put_num(s, 1, (double)t->seed);
        s->row++;
    }
    sheet_close(s);
    return 0;
}

static void item_row(sheet *s, const ek_item_info *info, const char *unit, const ek_item_counts *c,
                     const char *basis)
{
    put_str(s, 0, info->id);
    put_str(s, 1, info->title);
    put_str(s, 2, unit);
    double v[] = { (double)c->denominator, (double)c->numerator, (double)(c->failed + c->fixed),
                   (double)(c->notchecked + c->unknown + c->informational), (double)c->error,
                   (double)c->exceptions, (double)c->judged };
    for (lxw_col_t k = 0; k < 7; k++)
        put_num(s, (lxw_col_t)(3 + k), v[k]);
    put_pct(s, 10, c->has_rate, c->rate);
    put_str(s, 11, basis);
    s->row++;
}

static int sheet_items(sheet *s, const ek_report *r)
{
    static const char *const cols[] = { N_("Punkt"), N_("Titel"), N_("Enhet"), N_("Berörda"), N_("Godkända"),
                                        N_("Brister"), N_("Ej granskade"), N_("Fel"), N_("Undantag"),
                                        N_("Bedömda"), N_("Andel godkända"), N_("Lagrum") };
    static const double w[] = { 8, 48, 16, 10, 10, 10, 12, 8, 10, 10, 14, 60 };
    if (sheet_open(s, _("Checklistan"), cols, 12, w))
        return -1;
    const ek_checklist *cl = ek_report_checklist(r);
    size_t nu = ek_report_unit_count(r);
    for (size_t i = 0; i < ek_checklist_item_count(cl); i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ek_item_counts c = EK_ITEM_COUNTS_INIT;
        char basis[1024];
        if (ek_checklist_item(cl, i, &info) != EK_OK || ek_report_item_counts(r, i, EK_REPORT_ALL, &c) != EK_OK ||
            ek_report_item_basis(r, i, basis, sizeof basis) != EK_OK)
            return -1;
        item_row(s, &info, _("Alla"), &c, basis);
        for (size_t u = 0; u < nu; u++) {
            ek_item_counts cu = EK_ITEM_COUNTS_INIT;
            if (ek_report_item_counts(r, i, u, &cu) != EK_OK)
                return -1;
            item_row(s, &info, unit_name(ek_report_unit(r, u)), &cu, basis);
        }
    }
    sheet_close(s);
    return 0;
}

static void deadline_row(sheet *s, lxw_col_t c0, const ek_deadline_counts *c)
{
    double v[] = { (double)c->obligations, (double)c->met,        (double)c->late,
                   (double)c->overdue,     (double)c->pending,    (double)c->error,
                   (double)c->exceptions,  (double)c->extended,   (double)c->due,
                   (double)c->open };
    for (lxw_col_t k = 0; k < 10; k++)
        put_num(s, (lxw_col_t)(c0 + k), v[k]);
    put_pct(s, (lxw_col_t)(c0 + 10), c->has_rate, c->on_time_rate);
    put_days(s, (lxw_col_t)(c0 + 11), c->late > 0, c->late_median_days);
    put_days(s, (lxw_col_t)(c0 + 12), c->overdue > 0, c->overdue_median_days);
    s->row++;
}

#define DEADLINE_COLS                                                                                             \
    N_("Frister"), N_("I tid"), N_("Sena"), N_("Ej klara efter slutdagen"), N_("Väntar"), N_("Fel"),            \
        N_("Undantag"), N_("Förlängda"), N_("Förfallna"), N_("Öppna"), N_("Andel i tid"),                         \
        N_("Median försening (dagar)"), N_("Median dagar efter slutdagen")
#define DEADLINE_WIDTHS 10, 8, 8, 14, 8, 6, 10, 10, 10, 8, 12, 14, 14

static int sheet_deadlines(sheet *s, const ek_report *r)
{
    static const char *const cols[] = { N_("Regel-id"), N_("Regel"), N_("Enhet"), DEADLINE_COLS };
    static const double w[] = { 24, 44, 16, DEADLINE_WIDTHS };
    if (sheet_open(s, _("Frister"), cols, 16, w))
        return -1;
    const ek_rulebook *rb = ek_rulebook_builtin();
    size_t nu = ek_report_unit_count(r);
    for (size_t k = 0, nrules = ek_rulebook_rule_count(rb); k <= nrules; k++) {
        ek_rule_info info = EK_RULE_INFO_INIT;
        size_t rule = EK_REPORT_ALL;
        const char *name = "", *title = _("Totalt");
        if (k < nrules) {
            if (ek_rulebook_rule(rb, k, &info) != EK_OK)
                return -1;
            if (info.kind == EK_RULE_ANNUAL)
                continue;
            rule = k;
            name = info.name;
            title = info.title;
        }
        ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
        if (ek_report_deadline_counts(r, rule, EK_REPORT_ALL, EK_REPORT_ALL, &c) != EK_OK)
            return -1;
        if (c.obligations == 0 && rule != EK_REPORT_ALL)
            continue;
        put_str(s, 0, name);
        put_str(s, 1, title);
        put_str(s, 2, _("Alla"));
        deadline_row(s, 3, &c);
        for (size_t u = 0; u < nu; u++) {
            ek_deadline_counts cu = EK_DEADLINE_COUNTS_INIT;
            if (ek_report_deadline_counts(r, rule, u, EK_REPORT_ALL, &cu) != EK_OK)
                return -1;
            if (cu.obligations == 0)
                continue;
            put_str(s, 0, name);
            put_str(s, 1, title);
            put_str(s, 2, unit_name(ek_report_unit(r, u)));
            deadline_row(s, 3, &cu);
        }
    }
    sheet_close(s);
    return 0;
}

static int sheet_months(sheet *s, const ek_report *r)
{
    static const char *const cols[] = { N_("Månad"), DEADLINE_COLS };
    static const double w[] = { 10, DEADLINE_WIDTHS };
    if (sheet_open(s, _("Per månad"), cols, 14, w))
        return -1;
    for (size_t m = 0; m < ek_report_month_count(r); m++) {
        ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
        char d[EK_DATE_BUFSIZE];
        if (ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, m, &c) != EK_OK ||
            ek_date_format(ek_report_month(r, m), d, sizeof d) != EK_OK)
            return -1;
        d[7] = '\0'; /* YYYY-MM: text, so that Excel does not make a day of it */
        put_str(s, 0, d);
        deadline_row(s, 1, &c);
    }
    sheet_close(s);
    return 0;
}

static int sheet_overdue(sheet *s, const ek_report *r)
{
    static const char *const cols[] = { N_("Ärende"), N_("Enhet"), N_("Regel-id"), N_("Regel"), N_("Nr"),
                                        N_("Start"), N_("Laglig slutdag"), N_("Bedömd slutdag"),
                                        N_("Dagar efter slutdagen"), N_("Lagrum") };
    static const double w[] = { 18, 16, 24, 40, 5, 12, 14, 14, 12, 50 };
    if (sheet_open(s, _("Försenade"), cols, 10, w))
        return -1;
    const ek_rulebook *rb = ek_rulebook_builtin();
    for (size_t k = 0; k < ek_report_overdue_count(r); k++, s->row++) {
        ek_report_overdue ov = EK_REPORT_OVERDUE_INIT;
        ek_rule_info info = EK_RULE_INFO_INIT;
        if (ek_report_overdue_at(r, k, &ov) != EK_OK)
            return -1;
        put_str(s, 0, ov.case_id);
        put_str(s, 1, unit_name(ov.unit));
        put_str(s, 2, ov.rule_name);
        if (ek_rulebook_rule(rb, (size_t)ov.rule, &info) == EK_OK)
            put_str(s, 3, info.title);
        if (ov.sequence)
            put_num(s, 4, (double)ov.sequence);
        put_date(s, 5, ov.start);
        put_date(s, 6, ov.legal);
        put_date(s, 7, ov.judged);
        put_num(s, 8, (double)ov.days_overdue);
        put_str(s, 9, ov.basis);
    }
    sheet_close(s);
    return 0;
}

static void sarah_line(sheet *s, const char *measure, const char *value, double n)
{
    put_str(s, 0, measure);
    put_str(s, 1, value);
    put_num(s, 2, n);
    s->row++;
}

static int sheet_sarah(sheet *s, const ek_report *r)
{
    static const char *const cols[] = { N_("Mått"), N_("Värde"), N_("Antal") };
    static const double w[] = { 36, 30, 10 };
    if (sheet_open(s, _("Lex Sarah"), cols, 3, w))
        return -1;
    const ek_sarah_summary *sum = ek_report_sarah_summary(r);
    ek_sarah_summary_counts c = EK_SARAH_SUMMARY_COUNTS_INIT;
    if (ek_sarah_summary_counts_get(sum, &c) != EK_OK)
        return -1;
    /* The states are the codes of egenkontroll/avvikelse-1, shown as words here. */
    static const char *const states[] = { NULL, N_("rapporterad"), N_("registrerad"), N_("under utredning"),
                                          N_("bedömd"), N_("anmäld till IVO"), N_("avslutad") };
    static const char *const results[] = { NULL, N_("godkänd"), N_("brist"), N_("fel"), N_("okänd"),
                                           N_("ej tillämplig"), N_("ej granskad"), N_("ej i urvalet"),
                                           N_("öppen rättsfråga"), N_("åtgärdad") };
    sarah_line(s, _("Avvikelser i perioden"), "", (double)c.records);
    sarah_line(s, _("Avvisade"), "", (double)c.rejected);
    for (int i = EK_SARAH_STATE_RAPPORTERAD; i <= EK_SARAH_STATE_AVSLUTAD && i < 7; i++)
        sarah_line(s, _("Status"), _(states[i]), (double)c.by_state[i]);
    sarah_line(s, _("Allvarlighet"), _("allvarlig"), (double)c.allvarlig_yes);
    sarah_line(s, _("Allvarlighet"), _("inte allvarlig"), (double)c.allvarlig_no);
    sarah_line(s, _("Allvarlighet"), _("ej bedömd"), (double)c.allvarlig_unknown);
    sarah_line(s, _("Anmälda till IVO"), "", (double)c.anmald_ivo);
    if (c.ivo_days_n) {
        put_str(s, 0, _("Dagar från rapport till anmälan till IVO"));
        put_str(s, 1, _("median"));
        put_days(s, 2, 1, c.ivo_days_median);
        s->row++;
    }
    for (int i = 1; i < 10; i++)
        if (c.e1[i])
            sarah_line(s, _("E1 tidsgränser"), _(results[i]), (double)c.e1[i]);
    for (int i = 1; i < 10; i++)
        if (c.e2[i])
            sarah_line(s, _("E2 utredningens innehåll"), _(results[i]), (double)c.e2[i]);
    sarah_line(s, _("Åtgärder"), "", (double)c.measures);
    sarah_line(s, _("Åtgärder"), _("ej genomförda efter slutdatum"), (double)c.measures_overdue);
    sarah_line(s, _("Åtgärder"), _("genomförda för sent"), (double)c.measures_late);
    static const struct { ek_sarah_group g; const char *title; } groups[] = {
        { EK_SARAH_GROUP_KATEGORI, N_("Kategori") }, { EK_SARAH_GROUP_UNIT, N_("Enhet") },
    };
    for (size_t g = 0; g < 2; g++) {
        for (size_t k = 0; k < ek_sarah_summary_group_count(sum, groups[g].g); k++) {
            const char *name;
            size_t n, serious;
            if (ek_sarah_summary_group(sum, groups[g].g, k, &name, &n, &serious) == EK_OK)
                sarah_line(s, _(groups[g].title), name, (double)n);
        }
    }
    sheet_close(s);
    return 0;
}

int ek_tool_report_xlsx(const ek_report *r, const char *path)
{
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    if (ek_report_totals_get(r, &t) != EK_OK) {
        ek_tool_error("report: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_FAILURE;
    }
    lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
    sheet s = { 0 };
    s.wb = workbook_new_opt(path, &opts);
    if (!s.wb) {
        ek_tool_error("report: cannot create the workbook \"%s\"", path);
        return EK_EXIT_FAILURE;
    }
    s.head = workbook_add_format(s.wb);
    format_set_bold(s.head);
    format_set_text_wrap(s.head);
    format_set_align(s.head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(s.head, LXW_BORDER_THIN);
    s.pct = workbook_add_format(s.wb);
    format_set_num_format(s.pct, "0.0%");
    s.num1 = workbook_add_format(s.wb);
    format_set_num_format(s.num1, "0.0");
    s.date = workbook_add_format(s.wb);
    format_set_num_format(s.date, "yyyy-mm-dd");
    int bad = sheet_overview(&s, r, &t) || sheet_items(&s, r) || sheet_deadlines(&s, r) || sheet_months(&s, r) ||
              sheet_overdue(&s, r);
    if (!bad && (t.sarah_read > 0 || t.sarah_rejected > 0))
        bad = sheet_sarah(&s, r);
    lxw_error e = workbook_close(s.wb);
    if (bad) {
        ek_tool_error("report: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_FAILURE;
    }
    if (e != LXW_NO_ERROR) {
        ek_tool_error("report: cannot write \"%s\": %s", path, lxw_strerror(e));
        return EK_EXIT_FAILURE;
    }
    return EK_EXIT_OK;
}
