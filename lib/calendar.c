/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER: replaced by the calendar module (issue 3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/calendar.h>

#include "internal.h"

struct ek_calendar { int dummy; };

int ek_calendar_new(ek_calendar **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_calendar_new: out is NULL");
    *out = ek__calloc(1, sizeof **out);
    return *out ? EK_OK : ek__oom();
}

void ek_calendar_free(ek_calendar *cal) { ek__free(cal); }

int ek_period_parse(const char *text, ek_period *out)
{
    if (text == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_period_parse: NULL argument");
    char *end;
    long n = strtol(text, &end, 10);
    if (end == text || n < 0 || n > 100000)
        return ek__error(EK_EPARSE, "bad period \"%s\"", text);
    ek_period p = { (int32_t)n, EK_UNIT_DAYS };
    if (strcmp(end, "d") == 0) p.unit = EK_UNIT_DAYS;
    else if (strcmp(end, "w") == 0) p.unit = EK_UNIT_WEEKS;
    else if (strcmp(end, "m") == 0) p.unit = EK_UNIT_MONTHS;
    else if (strcmp(end, "y") == 0) p.unit = EK_UNIT_YEARS;
    else if (strcmp(end, "wd") == 0) p.unit = EK_UNIT_WORKING_DAYS;
    else return ek__error(EK_EPARSE, "bad period \"%s\"", text);
    *out = p;
    return EK_OK;
}

int ek_period_format(ek_period p, char *buf, size_t size)
{
    static const char *u[] = { "", "d", "w", "m", "y", "wd" };
    if (buf == NULL || p.unit < EK_UNIT_DAYS || p.unit > EK_UNIT_WORKING_DAYS)
        return ek__error(EK_EINVAL, "ek_period_format: bad argument");
    snprintf(buf, size, "%d%s", (int)p.n, u[p.unit]);
    return EK_OK;
}
