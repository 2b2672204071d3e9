/* SPDX-License-Identifier: MIT */
/*
 * egenkontroll review --format xlsx: the reviewer's worksheet as an Excel workbook (libxlsxwriter), for
 * reviewers who work in Excel.  The same cases as the HTML page, in four sheets:
 *   1. the judgements to make: one row per open judgement item of a sampled case, with the result as a
 *      dropdown list (validated: "uppfylld", "inte uppfylld", "ej aktuell"; with --lang en "met", "not met",
 *      "not applicable"), a comment, the reviewer's role and the day; answers given before are filled in;
 *   2. the timelines: every event of every case, in date order;
 *   3. what the library already judged, and why;
 *   4. about: the sample, the as-of day, the checklist and how the answers are read back.
 * The first sheet's columns are those of egenkontroll/granskning-1 (id, item, result, comment, reviewer, date,
 * checklist, version), so that python3 -m egenkontroll.review --from-xlsx and egenkontroll.Answers read it
 * back (bindings/python/egenkontroll/review.py accepts the Swedish and English headers and words).  Cells are
 * strings, numbers or dates, never formulas; text from the input is made safe (no formula prefix, control
 * character or personal identity number: ek_text_safe_dup(), EK_TEXT_CELL).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"
#include "review_out.h"

struct ek_tool_review_xlsx {
    lxw_workbook *wb;
    lxw_worksheet *todo, *events, *judged, *about;
    lxw_format *head, *date, *wrap, *input, *inputdate;
    lxw_row_t todo_row, events_row, judged_row;
    const ek_checklist *cl;
    const char *reviewer;
    ek_date as_of;
    const char *choices[4];
};

static void put_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *v, lxw_format *fmt)
{
    char *safe = NULL;
    if (v && v[0] && ek_text_safe_dup(v, EK_TEXT_CELL, &safe) == EK_OK)
        worksheet_write_string(ws, r, c, safe, fmt);
    else if (fmt)
        worksheet_write_blank(ws, r, c, fmt);
    ek_free(safe);
}

static void put_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ek_date d, lxw_format *fmt)
{
    int y, m, dd;
    if (d != EK_DATE_NONE && ek_date_to_ymd(d, &y, &m, &dd) == EK_OK) {
        lxw_datetime dt = { y, m, dd, 0, 0, 0.0 };
        worksheet_write_datetime(ws, r, c, &dt, fmt);
    } else if (fmt)
        worksheet_write_blank(ws, r, c, fmt);
}

static void header(lxw_worksheet *ws, lxw_format *head, const char *const *cols, const double *widths, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, _(cols[c]), head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
}

/* The result word of an answer in the dropdown's language. */
static const char *choice_of(const ek_tool_review_xlsx *x, ek_result r)
{
    return r == EK_RESULT_PASS ? x->choices[0] : r == EK_RESULT_FAIL ? x->choices[1]
                                             : r == EK_RESULT_NOTAPPLICABLE ? x->choices[2] : NULL;
}

/* The sheet names (at most 31 characters, no []:*?/\). */
static const char *sheet_name(int k)
{
    /* TRANSLATORS: names of the sheets of the review workbook (at most 31 characters). */
    static const char *const names[] = { N_("Att bedöma"), N_("Händelser"), N_("Redan bedömt"), N_("Om granskningen") };
    return _(names[k]);
}

int ek_tool_review_xlsx_open(ek_tool_review_xlsx **out, const char *path, const ek_checklist *cl, ek_date as_of,
                             const char *reviewer)
{
    ek_tool_review_xlsx *x = calloc(1, sizeof *x);
    if (!x)
        return -1;
    x->wb = workbook_new(path);
    if (!x->wb) {
        free(x);
        return -1;
    }
    x->cl = cl;
    x->as_of = as_of;
    x->reviewer = reviewer;
    /* TRANSLATORS: the result words of the review workbook's dropdown list; the reader of the workbook
       (python3 -m egenkontroll.review) accepts these Swedish words and the English met / not met /
       not applicable. */
    /* In context (C_): the dropdown's words differ from the same Swedish words elsewhere in English
       ("met", not "passed"). */
    x->choices[0] = C_("review answer", "uppfylld");
    x->choices[1] = C_("review answer", "inte uppfylld");
    x->choices[2] = C_("review answer", "ej aktuell");
    x->choices[3] = NULL;
    x->head = workbook_add_format(x->wb);
    format_set_bold(x->head);
    format_set_bg_color(x->head, 0xDCE6F0);
    format_set_text_wrap(x->head);
    x->date = workbook_add_format(x->wb);
    format_set_num_format(x->date, "yyyy-mm-dd");
    x->wrap = workbook_add_format(x->wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->input = workbook_add_format(x->wb);
    format_set_bg_color(x->input, 0xFFF7D6);
    format_set_border(x->input, LXW_BORDER_THIN);
    format_set_text_wrap(x->input);
    x->inputdate = workbook_add_format(x->wb);
    format_set_bg_color(x->inputdate, 0xFFF7D6);
    format_set_border(x->inputdate, LXW_BORDER_THIN);
    format_set_num_format(x->inputdate, "yyyy-mm-dd");

    x->todo = workbook_add_worksheet(x->wb, sheet_name(0));
    x->events = workbook_add_worksheet(x->wb, sheet_name(1));
    x->judged = workbook_add_worksheet(x->wb, sheet_name(2));
    x->about = workbook_add_worksheet(x->wb, sheet_name(3));
    if (!x->todo || !x->events || !x->judged || !x->about || !x->head || !x->date || !x->wrap || !x->input ||
        !x->inputdate) {
        workbook_close(x->wb);
        free(x);
        return -1;
    }
    /* The first sheet's headers name the granskning-1 keys (docs/formats.md); Swedish by default. */
    static const char *const todo_cols[] = { N_("Ärende"), N_("Enhet"), N_("Punkt"), N_("Rubrik"), N_("Vad ska bedömas"),
                                             N_("Resultat"), N_("Kommentar"), N_("Granskare"), N_("Datum"),
                                             N_("Checklista"), N_("Version") };
    static const double todo_w[] = { 18, 18, 7, 30, 50, 16, 40, 18, 12, 16, 9 };
    header(x->todo, x->head, todo_cols, todo_w, 11);
    static const char *const ev_cols[] = { N_("Ärende"), N_("Enhet"), N_("Datum"), N_("Händelse"), N_("Händelse-id") };
    static const double ev_w[] = { 18, 18, 12, 40, 16 };
    header(x->events, x->head, ev_cols, ev_w, 5);
    static const char *const j_cols[] = { N_("Ärende"), N_("Punkt"), N_("Rubrik"), N_("Resultat"), N_("Varför"),
                                          N_("Grund") };
    static const double j_w[] = { 18, 7, 30, 14, 70, 40 };
    header(x->judged, x->head, j_cols, j_w, 6);
    x->todo_row = x->events_row = x->judged_row = 1;
    *out = x;
    return 0;
}

size_t ek_tool_review_xlsx_add(ek_tool_review_xlsx *x, const ek_case *c, const ek_checklist_result *res,
                               const ek_answers *prefill)
{
    const char *id = ek_case_id(c), *unit = ek_case_unit(c);
    size_t open = 0;
    for (size_t k = 0; k < ek_case_event_count(c); k++) {
        size_t idx;
        ek_event_info e = EK_EVENT_INFO_INIT;
        if (ek_case_event_in_date_order(c, k, &idx) != EK_OK || ek_case_event(c, idx, &e) != EK_OK)
            continue;
        put_str(x->events, x->events_row, 0, id, NULL);
        put_str(x->events, x->events_row, 1, unit, NULL);
        put_date(x->events, x->events_row, 2, e.date, x->date);
        put_str(x->events, x->events_row, 3, e.type_name, NULL);
        put_str(x->events, x->events_row, 4, e.id, NULL);
        x->events_row++;
    }
    for (size_t k = 0; k < ek_checklist_result_count(res); k++) {
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        ek_item_info info = EK_ITEM_INFO_INIT;
        if (ek_checklist_result_item(res, k, &ir) != EK_OK || ek_checklist_item(x->cl, ir.item_index, &info) != EK_OK)
            continue;
        int is_open = (info.kind == EK_ITEM_JUDGEMENT || info.kind == EK_ITEM_PRESENCE_JUDGEMENT) &&
                      ir.result == EK_RESULT_NOTCHECKED;
        if (!is_open) {
            if (ir.result == EK_RESULT_NOTAPPLICABLE && !(ir.flags & EK_ITEM_EXCLUDED))
                continue; /* as in the text output: counted, not listed */
            put_str(x->judged, x->judged_row, 0, id, NULL);
            put_str(x->judged, x->judged_row, 1, ir.item, NULL);
            put_str(x->judged, x->judged_row, 2, info.title, NULL);
            put_str(x->judged, x->judged_row, 3, ek_tool_review_word(ir.result), NULL);
            put_str(x->judged, x->judged_row, 4, ir.message, x->wrap);
            put_str(x->judged, x->judged_row, 5, ir.basis, x->wrap);
            x->judged_row++;
            continue;
        }
        lxw_row_t r = x->todo_row++;
        open++;
        ek_answer_info given = EK_ANSWER_INFO_INIT;
        int has = prefill && ek_answers_find(prefill, c, ir.item, &given) == EK_OK;
        put_str(x->todo, r, 0, id, NULL);
        put_str(x->todo, r, 1, unit, NULL);
        put_str(x->todo, r, 2, ir.item, NULL);
        put_str(x->todo, r, 3, info.title, x->wrap);
        put_str(x->todo, r, 4, info.description, x->wrap);
        put_str(x->todo, r, 5, has ? choice_of(x, given.result) : NULL, x->input);
        put_str(x->todo, r, 6, has ? given.comment : NULL, x->input);
        put_str(x->todo, r, 7, has && given.reviewer ? given.reviewer : x->reviewer, x->input);
        put_date(x->todo, r, 8, has && given.date != EK_DATE_NONE ? given.date : x->as_of, x->inputdate);
        put_str(x->todo, r, 9, ek_checklist_id(x->cl), NULL);
        put_str(x->todo, r, 10, ek_checklist_version(x->cl), NULL);
    }
    return open;
}

int ek_tool_review_xlsx_close(ek_tool_review_xlsx *x, const char *meta)
{
    if (!x)
        return 0;
    lxw_row_t last = x->todo_row > 1 ? x->todo_row - 1 : 1;
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = (char **)x->choices; /* only read by libxlsxwriter */
    v.ignore_blank = LXW_VALIDATION_ON;
    v.show_error = LXW_VALIDATION_ON;
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    v.error_title = _("Välj ur listan");
    v.error_message = _("Resultatet är uppfylld, inte uppfylld eller ej aktuell.");
    v.show_input = LXW_VALIDATION_ON;
    v.input_title = _("Resultat");
    v.input_message = _("Välj uppfylld, inte uppfylld eller ej aktuell. Tom: inte bedömd än.");
    worksheet_data_validation_range(x->todo, 1, 5, last, 5, &v);
    worksheet_autofilter(x->todo, 0, 0, last, 10);
    worksheet_autofilter(x->events, 0, 0, x->events_row > 1 ? x->events_row - 1 : 1, 4);
    worksheet_autofilter(x->judged, 0, 0, x->judged_row > 1 ? x->judged_row - 1 : 1, 5);

    char b[EK_DATE_BUFSIZE];
    worksheet_set_column(x->about, 0, 0, 110, x->wrap);
    lxw_row_t r = 0;
    char line[600];
    snprintf(line, sizeof line, _("Granskning per %s"), ek_tool_date_str(x->as_of, b));
    worksheet_write_string(x->about, r++, 0, line, x->head);
    put_str(x->about, r++, 0, meta, x->wrap);
    worksheet_write_string(x->about, r++, 0,
                           _("Fyll i kolumnerna Resultat och Kommentar på bladet \"Att bedöma\" (en rad per "
                             "bedömningspunkt som biblioteket inte kan avgöra). Tomt resultat: inte bedömd än."),
                           x->wrap);
    worksheet_write_string(x->about, r++, 0,
                           _("Läs tillbaka svaren: python3 -m egenkontroll.review --from-xlsx granskning.xlsx -o "
                             "svar.jsonl, sedan egenkontroll check --answers svar.jsonl (eller report). "
                             "Python: egenkontroll.Answers.load(\"granskning.xlsx\")."),
                           x->wrap);
    worksheet_write_string(x->about, r++, 0,
                           _("Bladen \"Händelser\" och \"Redan bedömt\" visar ärendenas händelser och vad "
                             "biblioteket redan bedömt och varför."),
                           x->wrap);
    worksheet_activate(x->todo);
    return workbook_close(x->wb) == LXW_NO_ERROR ? (free(x), 0) : (free(x), -1);
}
