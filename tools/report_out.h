/* SPDX-License-Identifier: MIT */
/* Other output forms of egenkontroll report (besides text, JSON and CSV, which the library writes). */
#ifndef EK_TOOLS_REPORT_OUT_H
#define EK_TOOLS_REPORT_OUT_H

#include <egenkontroll/report.h>

/*
 * Write the finished report @r as an Excel workbook to @path (report_xlsx.c;
 * built when libxlsxwriter is found, meson option xlsx).  Prints one error
 * line on failure.  Returns an exit status (EK_EXIT_OK or EK_EXIT_FAILURE).
 */
int ek_tool_report_xlsx(const ek_report *r, const char *path);

#endif
