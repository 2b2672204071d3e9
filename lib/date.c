/* SPDX-License-Identifier: MIT */
/* The date type: days since 1970-01-01, ISO 8601 parse/format, weekday. */
#include <stdio.h>
#include <string.h>

#include "calendar_internal.h"
#include "i18n.h"
#include "internal.h"

/* Floor division and modulo for the civil algorithms (H. Hinnant's, public domain). */
static int64_t floordiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int64_t ek__days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floordiv(y, 400);
    int64_t yoe = y - era * 400;                                  /* [0, 399] */
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;   /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void ek__civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floordiv(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int ek__days_in_month(int64_t y, int m)
{
    static const unsigned char len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return len[m - 1];
}

const char *ek__date_str(ek_date d, char *buf, size_t size)
{
    if (d == EK_DATE_NONE) {
        snprintf(buf, size, "no date");
        return buf;
    }
    if (d < -719528 || d > 2932896) {   /* outside years 0000..9999 */
        snprintf(buf, size, "day %lld", (long long)d);
        return buf;
    }
    int64_t y;
    int m, dd;
    ek__civil_from_days(d, &y, &m, &dd);
    snprintf(buf, size, "%04d-%02d-%02d", (int)y, m, dd);
    return buf;
}

int ek_date_in_range(ek_date d)
{
    return d >= EK_DATE_MIN && d <= EK_DATE_MAX;
}

int ek_date_from_ymd(int year, int month, int day, ek_date *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_date_from_ymd: out is NULL");
    if (month < 1 || month > 12)
        return ek__error(EK_EINVAL, "%04d-%02d-%02d is not a valid date: month %d does not exist",
                         year, month, day, month);
    if (day < 1 || day > ek__days_in_month(year, month))
        return ek__error(EK_EINVAL, "%04d-%02d-%02d is not a valid date: month %02d of %d has %d days",
                         year, month, day, month, year, ek__days_in_month(year, month));
    if (year < EK__YEAR_MIN || year > EK__YEAR_MAX)
        return ek__error(EK_ERANGE, "%04d-%02d-%02d is outside the supported range 1953-01-01 to 2199-12-31",
                         year, month, day);
    *out = ek__days_from_civil(year, month, day);
    return EK_OK;
}

int ek_date_to_ymd(ek_date d, int *year, int *month, int *day)
{
    if (!ek_date_in_range(d)) {
        char b[32];
        return ek__error(EK_ERANGE, "date %s is outside the supported range 1953-01-01 to 2199-12-31",
                         ek__date_str(d, b, sizeof b));
    }
    int64_t y;
    int m, dd;
    ek__civil_from_days(d, &y, &m, &dd);
    if (year)
        *year = (int)y;
    if (month)
        *month = m;
    if (day)
        *day = dd;
    return EK_OK;
}

static int digits(const char *t, size_t at, size_t n, int *val)
{
    int v = 0;
    for (size_t i = at; i < at + n; i++) {
        if (t[i] < '0' || t[i] > '9')
            return (int)i;
        v = v * 10 + (t[i] - '0');
    }
    *val = v;
    return -1;
}

int ek__date_shaped(const char *s)
{
    if (s == NULL)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    return s[10] == '\0';
}

int ek_date_parse_n(const char *text, size_t len, ek_date *out)
{
    if (text == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_date_parse: NULL argument");
    if (len == 0)
        return ek__error(EK_EPARSE, "\"\" is not a date (expected YYYY-MM-DD)");
    int y = 0, m = 0, d = 0;
    int bad = -1;
    size_t n = len < 10 ? len : 10;
    /* Find the first offending position within the first 10 bytes. */
    for (size_t i = 0; i < n && bad < 0; i++) {
        if (i == 4 || i == 7) {
            if (text[i] != '-')
                bad = (int)i;
        } else if (text[i] < '0' || text[i] > '9') {
            bad = (int)i;
        }
    }
    if (bad < 0 && len != 10)
        bad = (int)n;   /* too short, or trailing characters */
    /* The rejected text is never quoted: it may be anything, a name too (issue 18). */
    if (bad >= 0)
        return ek__error(EK_EPARSE, "not a date (expected YYYY-MM-DD): %s at position %d",
                         len < 10 && bad == (int)len ? _("too short") :
                         bad >= 10 ? _("trailing characters") : _("unexpected character"), bad + 1);
    (void)digits(text, 0, 4, &y);
    (void)digits(text, 5, 2, &m);
    (void)digits(text, 8, 2, &d);
    if (m < 1 || m > 12)
        return ek__error(EK_EINVAL, "\"%.10s\" is not a valid date: there is no month %02d", text, m);
    if (d < 1 || d > ek__days_in_month(y, m))
        return ek__error(EK_EINVAL, "\"%.10s\" is not a valid date: month %02d of %04d has %d days",
                         text, m, y, ek__days_in_month(y, m));
    if (y < EK__YEAR_MIN || y > EK__YEAR_MAX)
        return ek__error(EK_ERANGE, "\"%.10s\" is outside the supported range 1953-01-01 to 2199-12-31", text);
    *out = ek__days_from_civil(y, m, d);
    return EK_OK;
}

int ek_date_parse(const char *text, ek_date *out)
{
    if (text == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_date_parse: NULL argument");
    return ek_date_parse_n(text, strlen(text), out);
}

int ek_date_format(ek_date d, char *buf, size_t size)
{
    if (buf == NULL)
        return ek__error(EK_EINVAL, "ek_date_format: buf is NULL");
    if (size < EK_DATE_BUFSIZE)
        return ek__error(EK_EINVAL, "ek_date_format: buffer of %zu bytes is too small (need %d)",
                         size, EK_DATE_BUFSIZE);
    int y, m, dd;
    int rc = ek_date_to_ymd(d, &y, &m, &dd);
    if (rc != EK_OK)
        return rc;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + dd / 10);
    buf[9] = (char)('0' + dd % 10);
    buf[10] = '\0';
    return EK_OK;
}

int ek_date_weekday(ek_date d)
{
    if (!ek_date_in_range(d))
        return 0;
    int64_t r = (d + 3) % 7;   /* 1970-01-01 was a Thursday (ISO 4) */
    if (r < 0)
        r += 7;
    return (int)r + 1;
}
