/* SPDX-License-Identifier: MIT */
/* Helpers shared by the subcommands of the egenkontroll tool. */
#include <time.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

ek_date ek_tool_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    ek_date d = EK_DATE_NONE;
    if (localtime_r(&t, &tm) != NULL && ek_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d) != EK_OK)
        d = EK_DATE_NONE;
    return d;
}

const char *ek_tool_date_str(ek_date d, char *buf)
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        return "-";
    return buf;
}

size_t ek_tool_ulen(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}
