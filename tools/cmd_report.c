/* SPDX-License-Identifier: MIT */
/* egenkontroll report: the egenkontroll report for a period (report.h), as text, JSON or CSV. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"
#include "report_out.h"

static void usage(FILE *f)
{
    fprintf(f, "%s",
            _("usage: egenkontroll report [--as-of DATE] [--from DATE --to DATE] [--delegation FILE]\n"
            "                           [--sarah FILE] [--checklist FILE] [--policy FILE]\n"
            "                           [--sample N [--seed S] [--sample-period P]] [--answers FILE]\n"
            "                           [--format text|json|csv|xlsx] [--csv-dialect rfc4180|excel-sv]\n"
            "                           [-o FILE] FILE...\n\n"
            "Writes the egenkontroll report over child cases (egenkontroll/case-1 JSON Lines; \"-\" =\n"
            "standard input) and, with --sarah, a lex Sarah register (egenkontroll/avvikelse-1):\n"
            "  1. per checklist item (A1 … F4, title, legal basis): cases concerned, passed, failed,\n"
            "     not checked, error, exceptions and the rate (passed / judged);\n"
            "  2. deadline statistics per rule: share met on time among those due, median delay\n"
            "     of the late ones, open and overdue at DATE;\n"
            "  3. the same by unit;\n"
            "  4. the lex Sarah register summary;\n"
            "  5. the overdue obligations to act on (case id, rule, legal end, days overdue).\n"
            "Reports hold case identifiers only.  The figures are those of `egenkontroll evaluate`,\n"
            "`check` and `sarah` on the same input.\n\n"
            "  --as-of DATE        judge as of DATE (YYYY-MM-DD; default: today)\n"
            "  --from DATE         the period: cases whose first event (normally the report of\n"
            "  --to DATE           concern) falls in [from, to], lex Sarah records whose report\n"
            "                      date does (default: every case and record)\n"
            "  --delegation FILE   delegation order (egenkontroll/delegation-1) for item C1\n"
            "                      (without it C1 is not checked)\n"
            "  --sarah FILE        lex Sarah register for E1, E2 and the summary (may be repeated)\n"
            "  --checklist FILE    a checklist of one's own (egenkontroll/checklist-1)\n"
            "  --answers FILE      reviewers' answers (egenkontroll/granskning-1), merged with the\n"
            "                      answers in the cases; the later date counts; may be repeated\n"
            "  --policy FILE       policy parameters (egenkontroll/policy-1)\n"
            "  --sample N          count the checklist over a reproducible random sample of at most\n"
            "                      N cases per unit and period, the cases check --sample draws\n"
            "                      (deadlines and the overdue list stay complete)\n"
            "  --seed S            the sample's seed (an unsigned integer; default 1, as for check)\n"
            "  --sample-period P   year (default), half, quarter, month or all, as for check\n"
            "  --format text       (default) aligned tables in Swedish (English with --lang en),\n"
            "                      rates as percentages\n"
            "  --format json       one JSON document (egenkontroll/report-1)\n"
            "  --format csv        long CSV: section,unit,id,title,measure,value (the header, sections\n"
            "                      and measures are fixed codes; titles follow the language)\n"
            "  --format xlsx       an Excel workbook (needs -o): a sheet per section with Swedish\n"
            "                      headings, numbers as numbers, shares as percentages\n"
            "  --csv-dialect D     rfc4180 (default): comma, decimal point; excel-sv: semicolon,\n"
            "                      decimal comma and a UTF-8 byte order mark, as Swedish Excel reads it\n"
            "  -o, --output FILE   write to FILE instead of standard output\n\n"
            "Progress is shown on standard error when it is a terminal.\n\n"
            "Exit status: 0 every record read; 3 some record or file was rejected (the others were\n"
            "still counted; the report gives the number); 2 bad command line; 4 could not run.\n"));
}

/* ---- text helpers ----------------------------------------------------------- */

/* Print s left-aligned in width characters, cut with "…" when longer (made safe: ek_tool_safe). */
static void lpad(const char *s, size_t width)
{
    char safe[512];
    s = ek_tool_safe(s, safe, sizeof safe);
    size_t n = ek_tool_ulen(s);
    if (n <= width) {
        fputs(s, stdout);
        for (; n < width; n++)
            putchar(' ');
        return;
    }
    size_t chars = 0;
    const char *p = s;
    while (*p && chars < width - 1) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        chars++;
    }
    fwrite(s, 1, (size_t)(p - s), stdout);
    fputs("…", stdout);
}

/* Print s right-aligned in width characters (made safe: ek_tool_safe). */
static void rpad(const char *s, size_t width)
{
    char safe[512];
    s = ek_tool_safe(s, safe, sizeof safe);
    for (size_t n = ek_tool_ulen(s); n < width; n++)
        putchar(' ');
    fputs(s, stdout);
}

static void rnum(size_t v, size_t width)
{
    char b[32];
    snprintf(b, sizeof b, "%zu", v);
    rpad(b, width);
}

static void rule_line(size_t width)
{
    for (size_t i = 0; i < width; i++)
        fputs("─", stdout);
    putchar('\n');
}

static void heading(const char *title)
{
    printf("\n%s\n", title);
    rule_line(ek_tool_ulen(title));
}

static const char *unit_label(const char *u)
{
    return u && u[0] ? u : _("(ingen enhet)");
}

/*
 * A table column: its (translated) header and its width in characters, at
 * least the data's width and at least the header's, so that a longer
 * translation widens the column instead of shifting the rows.
 */
typedef struct column {
    const char *label;
    size_t width;
} column;

/* Translate the headers of @cols and fit the widths; returns the table's width (one space between columns). */
static size_t columns_fit(column *cols, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        cols[i].label = _(cols[i].label);
        if (ek_tool_ulen(cols[i].label) > cols[i].width)
            cols[i].width = ek_tool_ulen(cols[i].label);
        total += cols[i].width + (i ? 1 : 0);
    }
    return total;
}

/* Print the header line: the first @left columns left-aligned, the others right-aligned. */
static void columns_header(const column *cols, size_t n, size_t left)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            putchar(' ');
        if (i < left)
            lpad(cols[i].label, cols[i].width);
        else
            rpad(cols[i].label, cols[i].width);
    }
    putchar('\n');
}

/* ---- text report -------------------------------------------------------------- */

static void text_header(const ek_report *r, const ek_report_totals *t)
{
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE], title[160];
    const ek_checklist *cl = ek_report_checklist(r);
    snprintf(title, sizeof title, _("EGENKONTROLL — rapport per %s"), ek_tool_date_str(t->as_of, b1));
    printf("%s\n", title);
    rule_line(ek_tool_ulen(title));
    /* TRANSLATORS: the report's header lines: keep the labels ("Period:", "Underlag:", …) padded to
       the same width (13 characters) so that the values line up. */
    if (t->from != EK_DATE_NONE || t->to != EK_DATE_NONE)
        printf(_("Period:      %s – %s (ärenden vars första händelse ligger i perioden)\n"), ek_tool_date_str(t->from, b1),
               ek_tool_date_str(t->to, b2));
    else
        printf(_("Period:      alla ärenden (första händelse %s – %s)\n"), ek_tool_date_str(t->first_case, b1),
               ek_tool_date_str(t->last_case, b2));
    printf(_("Underlag:    %zu ärenden lästa, %zu i perioden"), t->cases_read, t->cases_in_period);
    if (t->sample > 0)
        printf(_(", %zu i urvalet (högst %zu per enhet och period \"%s\", frö %llu)"), t->cases_checked, t->sample,
               ek_report_sample_period(r), (unsigned long long)t->seed);
    printf(_("; %zu avvisade\n"), t->cases_rejected);
    if (t->sarah_read > 0 || t->sarah_rejected > 0)
        printf(_("Lex Sarah:   %zu avvikelser lästa, %zu i perioden; %zu avvisade\n"), t->sarah_read,
               t->sarah_in_period, t->sarah_rejected);
    else
        fputs(_("Lex Sarah:   inget register angivet (--sarah)\n"), stdout);
    printf(_("Regelverk:   checklista %s %s, regelbok %s, libegenkontroll %s\n"), ek_checklist_id(cl),
           ek_checklist_version(cl), ek_rulebook_version(ek_rulebook_builtin()), ek_version_string());
    if (t->cases_rejected > 0 || t->sarah_rejected > 0)
        printf(_("OBS:         %zu poster kunde inte läsas och ingår inte (se felmeddelandena)\n"),
               t->cases_rejected + t->sarah_rejected);
}

static int text_items(const ek_report *r)
{
    const ek_checklist *cl = ek_report_checklist(r);
    heading(_("1. Checklistan (andel godkända av bedömda)"));
    /* TRANSLATORS: column headers of the checklist table; a longer header widens its column. */
    column cols[] = { { N_("Punkt"), 5 },    { N_("Titel"), 44 },      { N_("Berörda"), 7 },
                      { N_("Godkända"), 8 }, { N_("Brister"), 7 },     { N_("Ej gransk."), 10 },
                      { N_("Fel"), 4 },      { N_("Undantag"), 8 },    { N_("Andel"), 8 } };
    size_t ncols = sizeof cols / sizeof cols[0];
    columns_fit(cols, ncols);
    columns_header(cols, ncols, 2);
    int rc = EK_OK;
    for (size_t i = 0; i < ek_checklist_item_count(cl); i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ek_item_counts c = EK_ITEM_COUNTS_INIT;
        char basis[1024], p[32];
        if ((rc = ek_checklist_item(cl, i, &info)) != EK_OK ||
            (rc = ek_report_item_counts(r, i, EK_REPORT_ALL, &c)) != EK_OK ||
            (rc = ek_report_item_basis(r, i, basis, sizeof basis)) != EK_OK)
            return rc;
        size_t v[] = { 0, 0, c.denominator, c.numerator, c.failed + c.fixed,
                       c.notchecked + c.unknown + c.informational, c.error, c.exceptions };
        lpad(info.id, cols[0].width);
        putchar(' ');
        lpad(info.title ? info.title : "", cols[1].width);
        for (size_t k = 2; k < ncols - 1; k++) {
            putchar(' ');
            rnum(v[k], cols[k].width);
        }
        putchar(' ');
        rpad(ek_tool_pct(c.has_rate, c.rate, p, sizeof p), cols[ncols - 1].width);
        putchar('\n');
        printf("%*s", (int)cols[0].width + 1, "");
        ek_tool_fputs_safe(basis, stdout);
        if (info.population == EK_POPULATION_SARAH)
            fputs(_("  (per lex Sarah-avvikelse)"), stdout);
        else if (info.population == EK_POPULATION_RUN)
            fputs(_("  (gäller körningen: vem och vilka åtgärder dokumenteras med check --record)"), stdout);
        putchar('\n');
    }
    fputs(_("Berörda = ärenden punkten gäller (nämnare); Ej gransk. = ej granskade, okända och öppna\n"
            "rättsfrågor; Andel = godkända / (godkända + brister); undantag och ej bedömda räknas inte.\n"),
          stdout);
    return EK_OK;
}

static int text_deadlines(const ek_report *r)
{
    const ek_rulebook *rb = ek_rulebook_builtin();
    heading(_("2. Frister (bevakning) per regel"));
    /* TRANSLATORS: column headers of the deadline table; a longer header widens its column. */
    column cols[] = { { N_("Regel"), 28 },   { N_("Frister"), 7 }, { N_("I tid"), 7 },   { N_("Sena"), 6 },
                      { N_("Ej kl."), 6 },   { N_("Väntar"), 7 },  { N_("Fel"), 4 },     { N_("I tid %"), 8 },
                      { N_("Median d"), 9 }, { N_("Öppna"), 6 },   { N_("Försenade"), 9 } };
    size_t ncols = sizeof cols / sizeof cols[0];
    size_t total = columns_fit(cols, ncols);
    columns_header(cols, ncols, 1);
    int rc = EK_OK;
    for (size_t k = 0, nrules = ek_rulebook_rule_count(rb); k <= nrules; k++) {
        ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
        const char *name = _("Totalt");
        if (k < nrules) {
            ek_rule_info info = EK_RULE_INFO_INIT;
            if ((rc = ek_rulebook_rule(rb, k, &info)) != EK_OK)
                return rc;
            if (info.kind == EK_RULE_ANNUAL)
                continue;
            name = info.name;
            if ((rc = ek_report_deadline_counts(r, k, EK_REPORT_ALL, EK_REPORT_ALL, &c)) != EK_OK)
                return rc;
            if (c.obligations == 0)
                continue;
        } else {
            if ((rc = ek_report_deadline_counts(r, EK_REPORT_ALL, EK_REPORT_ALL, EK_REPORT_ALL, &c)) != EK_OK)
                return rc;
            rule_line(total);
        }
        char p[32], d[32];
        size_t v[] = { 0, c.obligations, c.met, c.late, c.overdue, c.pending, c.error };
        lpad(name, cols[0].width);
        for (size_t j = 1; j < 7; j++) {
            putchar(' ');
            rnum(v[j], cols[j].width);
        }
        putchar(' ');
        rpad(ek_tool_pct(c.has_rate, c.on_time_rate, p, sizeof p), cols[7].width);
        putchar(' ');
        rpad(ek_tool_days(c.late > 0, c.late_median_days, d, sizeof d), cols[8].width);
        putchar(' ');
        rnum(c.open, cols[9].width);
        putchar(' ');
        rnum(c.overdue, cols[10].width);
        putchar('\n');
    }
    fputs(_("I tid % = i tid / (i tid + sena + ej klara efter slutdagen); Median d = median försening i dagar\n"
            "för de sena; Öppna = väntande + försenade per rapportdagen.  Regler utan frister i perioden visas inte.\n"),
          stdout);
    return EK_OK;
}

/* The header line of a table per unit: @label in at least @min characters (returned: the first column's
 * width), then each unit right-aligned in @w. */
static size_t units_header(const ek_report *r, const char *label, size_t min, size_t w)
{
    size_t first = ek_tool_ulen(label) > min ? ek_tool_ulen(label) : min;
    lpad(label, first);
    for (size_t u = 0; u < ek_report_unit_count(r); u++) {
        putchar(' ');
        rpad(unit_label(ek_report_unit(r, u)), w);
    }
    putchar('\n');
    return first;
}

static int text_units(const ek_report *r)
{
    size_t nu = ek_report_unit_count(r);
    size_t w = 16;
    for (size_t u = 0; u < nu; u++)
        if (ek_tool_ulen(unit_label(ek_report_unit(r, u))) > w)
            w = ek_tool_ulen(unit_label(ek_report_unit(r, u)));
    if (nu < 2 && (nu == 0 || ek_report_unit(r, 0)[0] == '\0'))
        return EK_OK; /* no units in the data */
    const ek_checklist *cl = ek_report_checklist(r);
    heading(_("3. Per enhet"));
    fputs(_("Checklistan, andel godkända (berörda):\n"), stdout);
    size_t iw = units_header(r, _("Punkt"), 5, w);
    int rc;
    for (size_t i = 0; i < ek_checklist_item_count(cl); i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        ek_item_counts all = EK_ITEM_COUNTS_INIT;
        if ((rc = ek_checklist_item(cl, i, &info)) != EK_OK ||
            (rc = ek_report_item_counts(r, i, EK_REPORT_ALL, &all)) != EK_OK)
            return rc;
        if (all.denominator == 0)
            continue; /* concerns no case: section 1 says so */
        lpad(info.id, iw);
        for (size_t u = 0; u < nu; u++) {
            ek_item_counts c = EK_ITEM_COUNTS_INIT;
            char p[32], cell[64];
            if ((rc = ek_report_item_counts(r, i, u, &c)) != EK_OK)
                return rc;
            snprintf(cell, sizeof cell, "%s (%zu)", ek_tool_pct(c.has_rate, c.rate, p, sizeof p), c.denominator);
            putchar(' ');
            rpad(cell, w);
        }
        putchar('\n');
    }
    fputs(_("\nFrister, andel i tid (försenade nu):\n"), stdout);
    size_t rw = units_header(r, _("Regel"), 28, w);
    const ek_rulebook *rb = ek_rulebook_builtin();
    for (size_t k = 0, nrules = ek_rulebook_rule_count(rb); k <= nrules; k++) {
        const char *name = _("Totalt");
        size_t rule = EK_REPORT_ALL;
        if (k < nrules) {
            ek_rule_info info = EK_RULE_INFO_INIT;
            ek_deadline_counts all = EK_DEADLINE_COUNTS_INIT;
            if ((rc = ek_rulebook_rule(rb, k, &info)) != EK_OK ||
                (rc = ek_report_deadline_counts(r, k, EK_REPORT_ALL, EK_REPORT_ALL, &all)) != EK_OK)
                return rc;
            if (info.kind == EK_RULE_ANNUAL || all.obligations == 0)
                continue;
            name = info.name;
            rule = k;
        }
        lpad(name, rw);
        for (size_t u = 0; u < nu; u++) {
            ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
            char p[32], cell[64];
            if ((rc = ek_report_deadline_counts(r, rule, u, EK_REPORT_ALL, &c)) != EK_OK)
                return rc;
            snprintf(cell, sizeof cell, "%s (%zu)", ek_tool_pct(c.has_rate, c.on_time_rate, p, sizeof p), c.overdue);
            putchar(' ');
            rpad(cell, w);
        }
        putchar('\n');
    }
    return EK_OK;
}

static int text_overdue(const ek_report *r)
{
    size_t n = ek_report_overdue_count(r);
    char title[160];
    snprintf(title, sizeof title, _("5. Försenade frister att åtgärda (%zu)"), n);
    heading(title);
    if (n == 0) {
        fputs(_("Inga.\n"), stdout);
        return EK_OK;
    }
    /* TRANSLATORS: column headers of the overdue list; a longer header widens its column. */
    column cols[] = { { N_("Ärende"), 22 }, { N_("Enhet"), 20 }, { N_("Frist"), 34 }, { N_("Laglig slut"), 11 },
                      { N_("Dagar"), 6 } };
    size_t ncols = sizeof cols / sizeof cols[0];
    columns_fit(cols, ncols);
    columns_header(cols, ncols, 4);
    for (size_t k = 0; k < n; k++) {
        ek_report_overdue ov = EK_REPORT_OVERDUE_INIT;
        char rule[96], b1[EK_DATE_BUFSIZE], d[32];
        int rc = ek_report_overdue_at(r, k, &ov);
        if (rc)
            return rc;
        if (ov.sequence)
            snprintf(rule, sizeof rule, "%s #%u", ov.rule_name, ov.sequence);
        else
            snprintf(rule, sizeof rule, "%s", ov.rule_name);
        lpad(ov.case_id, cols[0].width);
        putchar(' ');
        lpad(unit_label(ov.unit), cols[1].width);
        putchar(' ');
        lpad(rule, cols[2].width);
        putchar(' ');
        lpad(ek_tool_date_str(ov.legal, b1), cols[3].width);
        putchar(' ');
        snprintf(d, sizeof d, "%ld", ov.days_overdue);
        rpad(d, cols[4].width);
        putchar('\n');
    }
    fputs(_("Äldst först.  Dagar = dagar sedan slutdagen som frister bedöms mot (laglig slutdag enligt policyn).\n"),
          stdout);
    return EK_OK;
}

static void text_sarah(const ek_report *r, const ek_report_totals *t)
{
    heading(_("4. Lex Sarah-registret"));
    if (t->sarah_read == 0 && t->sarah_rejected == 0) {
        fputs(_("Inget register angivet (--sarah FIL).\n"), stdout);
        return;
    }
    ek_tool_sarah_summary_print(ek_report_sarah_summary(r), 1);
}

static int print_text(const ek_report *r)
{
    ek_report_totals t = EK_REPORT_TOTALS_INIT;
    int rc = ek_report_totals_get(r, &t);
    if (rc)
        return rc;
    text_header(r, &t);
    if ((rc = text_items(r)) != EK_OK || (rc = text_deadlines(r)) != EK_OK || (rc = text_units(r)) != EK_OK)
        return rc;
    text_sarah(r, &t);
    return text_overdue(r);
}

/* ---- reading ------------------------------------------------------------------- */

/* The library reads (ek_report_read_cases_with()); the tool shows a progress line, the reader's warnings
 * and the rejected records. */
typedef struct reading {
    int tty;          /* progress on standard error */
    int shown;        /* a progress line is on the terminal */
    size_t nwarn;     /* case warnings shown for this file */
} reading;

static void progress_end(reading *p)
{
    if (p->shown) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
        p->shown = 0;
    }
}

static void on_progress(void *user, const char *path, size_t records)
{
    reading *p = user;
    if (p->tty && records % 250 == 0) {
        fputc('\r', stderr);
        fprintf(stderr, _("egenkontroll report: %s: %zu poster …"), path, records);
        fflush(stderr);
        p->shown = 1;
    }
}

static void on_case(void *user, const char *path, unsigned long line, const ek_case *c)
{
    reading *p = user;
    if (ek_case_warning_count(c) > 0) {
        progress_end(p);
        ek_tool_case_warnings("report", path, line, c, &p->nwarn);
    }
}

static void on_rejected(void *user, const char *path, const ek_error *e)
{
    (void)path;
    progress_end(user);
    ek_tool_error("report: %s", EK_TOOL_ERROR_TEXT(e));
}

/* Read one case file (@sarah 0) or lex Sarah register (1); returns the worst exit status. */
static int read_file(ek_report *r, const char *path, int sarah, int tty)
{
    reading p = { tty, 0, 0 };
    ek_report_read_options opt = EK_REPORT_READ_OPTIONS_INIT;
    opt.progress = sarah ? NULL : on_progress;
    opt.read_case = on_case;
    opt.rejected = on_rejected;
    opt.user = &p;
    size_t rejected = 0;
    int rc = sarah ? ek_report_read_sarah_with(r, path, &opt, &rejected)
                   : ek_report_read_cases_with(r, path, &opt, &rejected);
    progress_end(&p);
    if (!sarah)
        ek_tool_warnings_done("report", path, p.nwarn);
    if (rc == EK_ENOMEM) {
        ek_tool_error("report: out of memory");
        return EK_EXIT_FAILURE;
    }
    return rejected > 0 || rc != EK_OK ? EK_EXIT_INPUT : EK_EXIT_OK;
}

/* The JSON or CSV document goes to standard output piece by piece (ek_report_write_*_sink()). */
typedef struct out_sink {
    FILE *f;
    int err; /* errno of the first failed write, 0 */
} out_sink;

static int write_out(void *user, const char *data, size_t len)
{
    out_sink *o = user;
    errno = 0;
    if (fwrite(data, 1, len, o->f) == len)
        return 0;
    o->err = errno ? errno : EIO;
    return 1;
}

static int worse(int a, int b)
{
    return a == EK_EXIT_FAILURE || b == EK_EXIT_FAILURE ? EK_EXIT_FAILURE : a > b ? a : b;
}

/* ---- command line ---------------------------------------------------------------- */

int ek_cmd_report(int argc, char **argv)
{
    const char *as_of_text = NULL, *from_text = NULL, *to_text = NULL, *deleg_path = NULL, *checklist_path = NULL,
               *policy_path = NULL, *format = "text", *sample_text = NULL, *seed_text = NULL,
               *output = NULL, *dialect_text = NULL, *period_text = NULL;
    int nfiles = 0, status = EK_EXIT_OK;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    ek_tool_list sarah = { calloc((size_t)argc + 1, sizeof(const char *)), 0 };
    ek_tool_list answer_files = { calloc((size_t)argc + 1, sizeof(const char *)), 0 };
    size_t notes_printed = 0;
    ek_answers *answers = NULL;
    if (!files || !sarah.v || !answer_files.v) {
        free(files);
        free((void *)sarah.v);
        free((void *)answer_files.v);
        ek_tool_error("report: out of memory");
        return EK_EXIT_FAILURE;
    }
    const ek_tool_opt options[] = {
        EK_TOOL_VALUE("--as-of", &as_of_text),       EK_TOOL_VALUE("--from", &from_text),
        EK_TOOL_VALUE("--to", &to_text),             EK_TOOL_VALUE("--delegation", &deleg_path),
        EK_TOOL_LIST("--sarah", &sarah),             EK_TOOL_VALUE("--checklist", &checklist_path),
        EK_TOOL_VALUE("--policy", &policy_path),     EK_TOOL_VALUE("--format", &format),
        EK_TOOL_VALUE("--sample", &sample_text),     EK_TOOL_VALUE("--seed", &seed_text),
        EK_TOOL_VALUE("--output", &output),          EK_TOOL_VALUE("-o", &output),
        EK_TOOL_VALUE("--csv-dialect", &dialect_text), EK_TOOL_LIST("--answers", &answer_files),
        EK_TOOL_VALUE("--sample-period", &period_text),
    };
    int parsed = ek_tool_options_anywhere("report", argc, argv, options, sizeof options / sizeof options[0], files,
                                          &nfiles);
    if (parsed != EK_EXIT_OK) {
        if (parsed == EK_TOOL_HELP)
            usage(stdout);
        free(files);
        free((void *)sarah.v);
        free((void *)answer_files.v);
        return parsed == EK_TOOL_HELP ? EK_EXIT_OK : parsed;
    }

    ek_context *ctx = NULL;
    ek_report *rep = NULL;
    ek_delegation *deleg = NULL;
    ek_checklist *cl = NULL;
    int write_err = 0; /* errno of a failed write of the output */
    int fmt = strcmp(format, "text") == 0   ? 0
              : strcmp(format, "json") == 0 ? 1
              : strcmp(format, "csv") == 0  ? 2
              : strcmp(format, "xlsx") == 0 ? 3
                                            : -1;
    ek_date as_of = ek_tool_today(), from = EK_DATE_NONE, to = EK_DATE_NONE;
    size_t sample = 0;
    uint64_t seed = 1;
    if (fmt < 0) {
        ek_tool_error("report: --format must be text, json, csv or xlsx, not \"%s\"", format);
        status = EK_EXIT_USAGE;
        goto done;
    }
#ifndef EK_HAVE_XLSX
    if (fmt == 3) {
        ek_tool_error("report: --format xlsx is not available: this egenkontroll was built without libxlsxwriter");
        status = EK_EXIT_USAGE;
        goto done;
    }
#endif
    if (fmt == 3 && (!output || strcmp(output, "-") == 0)) {
        ek_tool_error("report: --format xlsx needs -o FILE (a workbook is not written to standard output)");
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (dialect_text && strcmp(dialect_text, "rfc4180") != 0 && strcmp(dialect_text, "excel-sv") != 0) {
        ek_tool_error("report: --csv-dialect must be rfc4180 or excel-sv, not \"%s\"", dialect_text);
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (dialect_text && fmt != 2) {
        ek_tool_error("report: --csv-dialect needs --format csv");
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (nfiles == 0) {
        ek_tool_error("report: no case files (use - for standard input; see egenkontroll report --help)");
        status = EK_EXIT_USAGE;
        goto done;
    }
    if ((as_of_text && ek_date_parse(as_of_text, &as_of) != EK_OK) ||
        (from_text && ek_date_parse(from_text, &from) != EK_OK) || (to_text && ek_date_parse(to_text, &to) != EK_OK)) {
        ek_tool_error("report: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (from != EK_DATE_NONE && to != EK_DATE_NONE && from > to) {
        ek_tool_error("report: --from %s is after --to %s", from_text, to_text);
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (period_text && !ek_tool_sample_period_ok(period_text)) {
        ek_tool_error("report: --sample-period must be year, half, quarter, month or all, not \"%s\"", period_text);
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (period_text && !sample_text) {
        ek_tool_error("report: --sample-period needs --sample");
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (seed_text && !sample_text) {
        ek_tool_error("report: --seed needs --sample");
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (sample_text) {
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(sample_text, &end, 10);
        if (errno || !end || *end || sample_text[0] == '-' || sample_text[0] == '\0' || v == 0 || v > SIZE_MAX) {
            ek_tool_error("report: --sample must be a positive whole number, not \"%s\"", sample_text);
            status = EK_EXIT_USAGE;
            goto done;
        }
        sample = (size_t)v;
        if (seed_text) {
            errno = 0;
            v = strtoull(seed_text, &end, 10);
            if (errno || !end || *end || seed_text[0] == '-' || seed_text[0] == '\0') {
                ek_tool_error("report: --seed must be an unsigned whole number, not \"%s\"", seed_text);
                status = EK_EXIT_USAGE;
                goto done;
            }
            seed = (uint64_t)v;
        }
    }
    status = ek_tool_answers_load("report", answer_files.v, answer_files.n, &answers);
    if (status == EK_EXIT_USAGE || status == EK_EXIT_FAILURE)
        goto done;
    if (ek_tool_context_new(&ctx) != EK_OK) {
        ek_tool_error("report: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (policy_path && ek_policy_load_json(ek_context_policy(ctx), policy_path) != EK_OK) {
        ek_tool_error("report: --policy: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (deleg_path && ek_delegation_load_json(&deleg, deleg_path) != EK_OK) {
        ek_tool_error("report: --delegation: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (checklist_path && ek_checklist_load_json(&cl, checklist_path) != EK_OK) {
        ek_tool_error("report: --checklist: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    int rc = ek_report_new(&rep, ctx, as_of);
    if (rc == EK_OK)
        rc = ek_report_set_period(rep, from, to);
    if (rc == EK_OK && sample)
        rc = ek_report_set_sample(rep, sample, seed);
    if (rc == EK_OK && period_text)
        rc = ek_report_set_sample_period(rep, period_text);
    if (rc == EK_OK && deleg)
        rc = ek_report_set_delegation(rep, deleg);
    if (rc == EK_OK && cl)
        rc = ek_report_set_checklist(rep, cl);
    if (rc == EK_OK && answers)
        rc = ek_report_set_answers(rep, answers);
    if (rc != EK_OK) {
        ek_tool_error("report: %s", EK_TOOL_LAST_ERROR());
        status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_USAGE;
        goto done;
    }
    int tty = isatty(fileno(stderr));
    ek_tool_warn_repeated_files("report", (char *const *)files, nfiles);
    ek_tool_warn_repeated_files("report", (char *const *)sarah.v, (int)sarah.n);
    for (int f = 0; f < nfiles && status != EK_EXIT_FAILURE; f++)
        status = worse(status, read_file(rep, files[f], 0, tty));
    for (size_t f = 0; f < sarah.n && status != EK_EXIT_FAILURE; f++)
        status = worse(status, read_file(rep, sarah.v[f], 1, tty));
    if (status == EK_EXIT_FAILURE)
        goto done;
    if (tty)
        fprintf(stderr, "\r%s\r\033[K", _("egenkontroll report: sammanställer …"));
    if (ek_report_finish(rep) != EK_OK) {
        ek_tool_error("report: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (answers)
        status = worse(status, ek_tool_answers_notes("report", answers, &notes_printed));
    if (fmt != 3 && output && strcmp(output, "-") != 0 && freopen(output, "w", stdout) == NULL) {
        ek_tool_error("report: cannot open \"%s\" for writing: %s", output, strerror(errno));
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (fmt == 3) {
#ifdef EK_HAVE_XLSX
        status = worse(status, ek_tool_report_xlsx(rep, output));
#endif
        rc = EK_OK;
    } else if (fmt == 0) {
        rc = print_text(rep);
    } else {
        ek_csv_dialect dialect = dialect_text && strcmp(dialect_text, "excel-sv") == 0 ? EK_CSV_EXCEL_SV
                                                                                        : EK_CSV_RFC4180;
        out_sink sink = { stdout, 0 };
        if (fmt == 1) {
            rc = ek_report_write_json_sink(rep, write_out, &sink);
            if (rc == EK_OK)
                putchar('\n');
        } else {
            rc = ek_report_write_csv_sink(rep, dialect, write_out, &sink);
        }
        if (rc == EK_EIO && sink.err) { /* said once, below */
            write_err = sink.err;
            goto done;
        }
    }
    if (rc != EK_OK) {
        ek_tool_error("report: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
    }
done:
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout) || write_err) {
        if (!write_err)
            write_err = errno;
        if (write_err)
            ek_tool_error("report: error writing the output: %s", strerror(write_err));
        else
            ek_tool_error("report: error writing the output");
        status = EK_EXIT_FAILURE;
    }
    ek_report_free(rep);
    ek_answers_free(answers);
    free((void *)answer_files.v);
    ek_checklist_free(cl);
    ek_delegation_free(deleg);
    ek_context_free(ctx);
    free(files);
    free((void *)sarah.v);
    return status;
}
