/* SPDX-License-Identifier: MIT */
/* Helpers shared by the subcommands of the egenkontroll tool. */
#include <string.h>
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

const char *ek_tool_safe(const char *s, char *buf, size_t size)
{
    size_t n = ek_text_safe(s, EK_TEXT_LINE, buf, size);
    if (n >= size) { /* cut: ek_text_safe never splits a character or an escape */
        size_t len = strlen(buf);
        while (len > 0 && len + sizeof "…" > size) {
            len--;
            while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
                len--;
        }
        memcpy(buf + len, "…", sizeof "…");
    }
    return buf;
}

void ek_tool_fputs_safe(const char *s, FILE *f)
{
    char small[512], *p = NULL;
    if (ek_text_safe(s, EK_TEXT_LINE, small, sizeof small) < sizeof small)
        fputs(small, f);
    else if (ek_text_safe_dup(s, EK_TEXT_LINE, &p) == EK_OK)
        fputs(p, f);
    else
        fputs(ek_tool_safe(s, small, sizeof small), f);
    ek_free(p);
}
