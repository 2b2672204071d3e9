/* SPDX-License-Identifier: MIT */
/* libFuzzer target: ek_date_parse / ek_date_parse_n / ek_period_parse and
 * the date arithmetic fed by what they accept.  Checks round trips and the
 * documented invariants, not just "does not crash". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#define CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); abort(); } } while (0)

static ek_calendar *cal;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ek_calendar_new(&cal) != EK_OK) {
        fprintf(stderr, "ek_calendar_new: %s\n", ek_error_last()->message);
        abort();
    }
    return 0;
}

static void check_deadline(ek_date start, ek_period p)
{
    ek_date end = EK_DATE_NONE;
    int rc = ek_period_add(start, p, &end);
    if (p.unit == EK_UNIT_WORKING_DAYS)
        CHECK(rc == EK_EINVAL);
    if (rc == EK_OK) {
        CHECK(ek_date_in_range(end));
        CHECK(end >= start);
    }
    ek_deadline dl;
    rc = ek_deadline_compute(cal, start, p, &dl);
    if (rc != EK_OK) {
        CHECK(rc < 0);
        CHECK(ek_error_last()->message[0] != '\0');
        return;
    }
    CHECK(dl.start == start);
    CHECK(ek_date_in_range(dl.nominal) && ek_date_in_range(dl.legal));
    CHECK(dl.nominal >= start);
    CHECK(dl.legal >= dl.nominal);
    int working = -1;
    CHECK(ek_calendar_is_working_day(cal, dl.legal, &working) == EK_OK);
    /* 0 working days from a holiday is the start itself (documented). */
    if (p.unit != EK_UNIT_WORKING_DAYS || p.n > 0)
        CHECK(working == 1);
    if (p.unit == EK_UNIT_WORKING_DAYS)
        CHECK(dl.legal == dl.nominal);
    else
        CHECK(dl.nominal == end);
    /* The batch entry point must agree with the single one. */
    ek_date nominal = 0, legal = 0;
    CHECK(ek_deadline_compute_batch(cal, &start, p, &nominal, &legal, 1) == EK_OK);
    CHECK(nominal == dl.nominal && legal == dl.legal);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char *z = malloc(size + 1);
    if (z == NULL)
        return 0;
    memcpy(z, data, size);
    z[size] = '\0';
    int has_nul = memchr(data, 0, size) != NULL;

    /* Dates: a buffer with a length, and the NUL-terminated form. */
    ek_date d1 = 12345, d2 = 12345;
    int rc1 = ek_date_parse_n(text, size, &d1);
    if (rc1 != EK_OK) { /* the error describes this call (checked before the next call replaces it) */
        CHECK(ek_error_last()->status == rc1);
        CHECK(ek_error_last()->message[0] != '\0');
    }
    int rc2 = ek_date_parse(z, &d2);
    CHECK(rc1 == EK_OK || rc1 == EK_EPARSE || rc1 == EK_EINVAL || rc1 == EK_ERANGE);
    if (rc1 != EK_OK)
        CHECK(d1 == 12345); /* outputs untouched on failure */
    if (!has_nul) {
        CHECK(rc1 == rc2);
        if (rc1 == EK_OK)
            CHECK(d1 == d2);
    }
    if (rc1 == EK_OK) {
        CHECK(ek_date_in_range(d1));
        char buf[EK_DATE_BUFSIZE];
        CHECK(ek_date_format(d1, buf, sizeof buf) == EK_OK);
        CHECK(size == 10 && memcmp(buf, data, 10) == 0); /* exactly "YYYY-MM-DD" */
        int y, m, d;
        ek_date back;
        CHECK(ek_date_to_ymd(d1, &y, &m, &d) == EK_OK);
        CHECK(ek_date_from_ymd(y, m, d, &back) == EK_OK && back == d1);
        int wd = ek_date_weekday(d1);
        CHECK(wd >= 1 && wd <= 7);
        ek_date rolled;
        if (ek_calendar_roll(cal, d1, &rolled) == EK_OK)
            CHECK(rolled >= d1);
    } else if (rc2 != EK_OK) {
        CHECK(ek_error_last()->status == rc2);
    }

    /* Periods: parse, format, parse again. */
    ek_period p = { 7, EK_UNIT_DAYS };
    int rc = ek_period_parse(z, &p);
    CHECK(rc == EK_OK || rc == EK_EPARSE || rc == EK_ERANGE || rc == EK_EINVAL);
    if (rc == EK_OK) {
        CHECK(p.n >= 0 && p.n <= 100000);
        char buf[EK_PERIOD_BUFSIZE];
        CHECK(ek_period_format(p, buf, sizeof buf) == EK_OK);
        ek_period q;
        CHECK(ek_period_parse(buf, &q) == EK_OK);
        CHECK(q.n == p.n && q.unit == p.unit);
        /* Arithmetic with the parsed period from a date taken from the input. */
        ek_date start = EK_DATE_MIN + (ek_date)(size * 7919u % (unsigned)(EK_DATE_MAX - EK_DATE_MIN + 1));
        check_deadline(start, p);
        if (rc1 == EK_OK)
            check_deadline(d1, p);
    } else {
        CHECK(p.n == 7 && p.unit == EK_UNIT_DAYS);
    }

    /* Raw arithmetic: 4 bytes of date offset, 4 bytes of count, 1 byte of unit. */
    if (size >= 9) {
        uint32_t a, b;
        memcpy(&a, data, 4);
        memcpy(&b, data + 4, 4);
        ek_date start = (ek_date)(int32_t)a;
        ek_period q = { (int32_t)(b % 200001u) - 50000, (ek_period_unit)(data[8] % 7) };
        ek_date out;
        int r = ek_period_add(start, q, &out);
        if (r == EK_OK)
            CHECK(ek_date_in_range(out));
        ek_deadline dl;
        r = ek_deadline_compute(cal, start, q, &dl);
        if (r == EK_OK)
            CHECK(ek_date_in_range(dl.legal) && dl.legal >= dl.nominal);
        int n = (int)(int32_t)b;
        r = ek_calendar_add_working_days(cal, start, n, &out);
        if (r == EK_OK) {
            CHECK(n >= 0 && ek_date_in_range(out) && out >= start);
        }
        unsigned int flags;
        r = ek_calendar_day_flags(cal, start, &flags);
        CHECK(r == (ek_date_in_range(start) ? EK_OK : EK_ERANGE));
        const char *name = NULL;
        if (ek_calendar_day_name(cal, start, &name) == EK_OK && name)
            CHECK(strlen(name) > 0);
        int y = (int)(int16_t)(a >> 16), m = (int)(int8_t)(b & 0xff), dd = (int)(int8_t)(b >> 8);
        if (ek_date_from_ymd(y, m, dd, &out) == EK_OK) {
            int yy, mm, ddd;
            CHECK(ek_date_to_ymd(out, &yy, &mm, &ddd) == EK_OK && yy == y && mm == m && ddd == dd);
        }
        ek_named_day days[32];
        size_t count = 0;
        if (ek_calendar_named_days(cal, y, days, 32, &count) == EK_OK)
            CHECK(count <= 32);
    }
    free(z);
    return 0;
}
