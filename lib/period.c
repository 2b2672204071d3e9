/* SPDX-License-Identifier: MIT */
/* Statutory periods: "14d", "1w", "4m", "2y", "10wd"; 1930:173 1 § end dates. */
#include <stdio.h>
#include <string.h>

#include "calendar_internal.h"
#include "internal.h"

#define PERIOD_N_MAX 100000

static const char *const unit_suffix[] = { "", "d", "w", "m", "y", "wd" };

int ek_period_parse(const char *text, ek_period *out)
{
    if (text == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_period_parse: NULL argument");
    const char *p = text;
    long n = 0;
    int ndig = 0;
    while (*p >= '0' && *p <= '9') {
        if (n <= PERIOD_N_MAX)
            n = n * 10 + (*p - '0');
        p++;
        ndig++;
    }
    ek_period r = { 0, EK_UNIT_DAYS };
    if (ndig == 0)
        goto bad;
    if (strcmp(p, "d") == 0)
        r.unit = EK_UNIT_DAYS;
    else if (strcmp(p, "w") == 0)
        r.unit = EK_UNIT_WEEKS;
    else if (strcmp(p, "m") == 0)
        r.unit = EK_UNIT_MONTHS;
    else if (strcmp(p, "y") == 0)
        r.unit = EK_UNIT_YEARS;
    else if (strcmp(p, "wd") == 0)
        r.unit = EK_UNIT_WORKING_DAYS;
    else
        goto bad;
    if (n > PERIOD_N_MAX)
        return ek__error(EK_ERANGE, "period \"%.40s\": the count is larger than %d", text, PERIOD_N_MAX);
    r.n = (int32_t)n;
    *out = r;
    return EK_OK;
bad:
    return ek__error(EK_EPARSE, "\"%.40s%s\" is not a period (expected a count and a unit: 14d, 1w, 4m, 2y, 10wd)",
                     text, strlen(text) > 40 ? "..." : "");
}

static int period_valid(ek_period p)
{
    return p.n >= 0 && p.n <= PERIOD_N_MAX && p.unit >= EK_UNIT_DAYS && p.unit <= EK_UNIT_WORKING_DAYS;
}

int ek__period_check(ek_period p, const char *fn)
{
    if (!period_valid(p))
        return ek__error(EK_EINVAL, "%s: invalid period (count %ld, unit %d; count must be 0..%d)",
                         fn, (long)p.n, (int)p.unit, PERIOD_N_MAX);
    return EK_OK;
}

int ek_period_format(ek_period p, char *buf, size_t size)
{
    if (buf == NULL)
        return ek__error(EK_EINVAL, "ek_period_format: buf is NULL");
    int rc = ek__period_check(p, "ek_period_format");
    if (rc != EK_OK)
        return rc;
    /* What snprintf(buf, size, "%ld%s", n, suffix) writes, without its cost (issue 15: once per
     * obligation in `evaluate --explain --format json`): the count is 0 … PERIOD_N_MAX. */
    char t[EK_PERIOD_BUFSIZE];
    size_t len = 0, k = 0;
    char digits[8];
    unsigned long v = (unsigned long)p.n;
    do {
        digits[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (k > 0)
        t[len++] = digits[--k];
    for (const char *u = unit_suffix[p.unit]; *u != '\0'; u++)
        t[len++] = *u;
    if (len >= size) {
        if (size > 0) { /* cut short, as snprintf() */
            memcpy(buf, t, size - 1);
            buf[size - 1] = '\0';
        }
        return ek__error(EK_EINVAL, "ek_period_format: buffer of %zu bytes is too small", size);
    }
    memcpy(buf, t, len);
    buf[len] = '\0';
    return EK_OK;
}

/* 1930:173 1 §: the same day number n months on, or that month's last day. */
static int add_months(ek_date start, int64_t months, ek_date *out)
{
    int64_t y;
    int m, d;
    ek__civil_from_days(start, &y, &m, &d);
    int64_t mi = y * 12 + (m - 1) + months;
    int64_t y2 = mi / 12;
    int m2 = (int)(mi % 12) + 1;
    if (y2 > EK__YEAR_MAX)
        return EK_ERANGE;
    int dim = ek__days_in_month(y2, m2);
    *out = ek__days_from_civil(y2, m2, d < dim ? d : dim);
    return EK_OK;
}

int ek_period_add(ek_date start, ek_period p, ek_date *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_period_add: out is NULL");
    int rc = ek__period_check(p, "ek_period_add");
    if (rc != EK_OK)
        return rc;
    char b[32], pb[EK_PERIOD_BUFSIZE];
    if (!ek_date_in_range(start))
        return ek__error(EK_ERANGE, "ek_period_add: start %s is outside the supported range 1953-01-01 to 2199-12-31",
                         ek__date_str(start, b, sizeof b));
    ek_date r = 0;
    switch (p.unit) {
    case EK_UNIT_DAYS: r = start + p.n; break;
    case EK_UNIT_WEEKS: r = start + (int64_t)7 * p.n; break;
    case EK_UNIT_MONTHS: rc = add_months(start, p.n, &r); break;
    case EK_UNIT_YEARS: rc = add_months(start, (int64_t)12 * p.n, &r); break;
    default:
        return ek__error(EK_EINVAL, "ek_period_add: working-day periods need a calendar (use ek_deadline_compute)");
    }
    if (rc != EK_OK || r > EK_DATE_MAX) {
        (void)ek_period_format(p, pb, sizeof pb);
        return ek__error(EK_ERANGE, "%s + %s ends after 2199-12-31, the end of the supported range",
                         ek__date_str(start, b, sizeof b), pb);
    }
    *out = r;
    return EK_OK;
}
