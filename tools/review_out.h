/* SPDX-License-Identifier: MIT */
/* egenkontroll review --format xlsx (review_xlsx.c; built when libxlsxwriter is found, meson option xlsx). */
#ifndef EK_TOOLS_REVIEW_OUT_H
#define EK_TOOLS_REVIEW_OUT_H

#include <stddef.h>

#include <egenkontroll/egenkontroll.h>

/* The library's result @r as a word of the worksheet ("uppfylld", "brist", "fel i data", …; translated;
 * the code of ek_result_name() for an unknown value): the HTML page and the xlsx workbook (cmd_review.c). */
const char *ek_tool_review_word(ek_result r);

typedef struct ek_tool_review_xlsx ek_tool_review_xlsx;

/* Start the workbook @path for the checklist @cl (borrowed until close) judged as of @as_of; the rows get the
 * role @reviewer (borrowed) and the day @as_of until the reviewer changes them.  Returns 0, or -1 (no memory). */
int ek_tool_review_xlsx_open(ek_tool_review_xlsx **out, const char *path, const ek_checklist *cl, ek_date as_of,
                             const char *reviewer);
/* Add case @c with its results @res: its events, what the library judged, and a row per open judgement item
 * (filled in from @prefill, NULL: none).  Returns the number of open items. */
size_t ek_tool_review_xlsx_add(ek_tool_review_xlsx *x, const ek_case *c, const ek_checklist_result *res,
                               const ek_answers *prefill);
/* Finish with the sheet "about" (@meta: the sample in words), write and free @x.  Returns 0, or -1 when
 * the file could not be written. */
int ek_tool_review_xlsx_close(ek_tool_review_xlsx *x, const char *meta);

#endif
