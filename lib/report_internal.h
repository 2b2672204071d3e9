/* SPDX-License-Identifier: MIT */
/* Private helpers of the report module, for lib/io/report_read.c (which reads files into a report).  Not installed. */
#ifndef EK_REPORT_INTERNAL_H
#define EK_REPORT_INTERNAL_H

#include <egenkontroll/report.h>

/* Whether ek_report_finish() has succeeded on @r (0 for NULL). */
int ek__report_finished(const ek_report *r);

#endif
