/* SPDX-License-Identifier: MIT */
/* Suite "calendar": dates, the Swedish statutory calendar, periods, deadlines, batches. */
#include <stdio.h>

#include "ek_test.h"

static ek_calendar *cal;

static void setup(void) { ck_ok(ek_calendar_new(&cal)); }
static void teardown(void) { ek_calendar_free(cal); cal = NULL; }

#define D(s) ek_t_date(s)

/* Whole-range loops visit every day; under valgrind every 37th (still all weekdays and months). */
static ek_date range_step(void) { return getenv("EK_UNDER_VALGRIND") ? 37 : 1; }

static void ck_date_eq(ek_date got, const char *want)
{
    char b[EK_DATE_BUFSIZE] = "?";
    if (ek_date_format(got, b, sizeof b) != EK_OK)
        snprintf(b, sizeof b, "%lld", (long long)got);
    ck_assert_msg(got == D(want), "got %s, expected %s", b, want);
}

static ek_period P(const char *s)
{
    ek_period p;
    int rc = ek_period_parse(s, &p);
    ck_assert_msg(rc == EK_OK, "bad test period %s: %s", s, ek_error_last()->message);
    return p;
}

static void ck_deadline(const char *start, const char *period, const char *nominal, const char *legal)
{
    ek_deadline dl;
    int rc = ek_deadline_compute(cal, D(start), P(period), &dl);
    ck_assert_msg(rc == EK_OK, "%s + %s: %s", start, period, ek_error_last()->message);
    ck_assert_int_eq(dl.start, D(start));
    ck_date_eq(dl.nominal, nominal);
    ck_date_eq(dl.legal, legal);
}

static int working(const char *s)
{
    int w = -1;
    ck_ok(ek_calendar_is_working_day(cal, D(s), &w));
    return w;
}

static unsigned flags(const char *s)
{
    unsigned f = 0;
    ck_ok(ek_calendar_day_flags(cal, D(s), &f));
    return f;
}

static const char *name(const char *s)
{
    const char *n = "unset";
    ck_ok(ek_calendar_day_name(cal, D(s), &n));
    return n;
}

/* ---- dates ------------------------------------------------------------ */

START_TEST(range_constants)
{
    ek_date d;
    ck_ok(ek_date_from_ymd(1953, 1, 1, &d));
    ck_assert_int_eq(d, EK_DATE_MIN);
    ck_assert_int_eq(EK_DATE_MIN, -6209);
    ck_ok(ek_date_from_ymd(2199, 12, 31, &d));
    ck_assert_int_eq(d, EK_DATE_MAX);
    ck_assert_int_eq(EK_DATE_MAX, 84005);
    ck_ok(ek_date_from_ymd(1970, 1, 1, &d));
    ck_assert_int_eq(d, 0);
    ck_status(ek_date_from_ymd(1952, 12, 31, &d), EK_ERANGE);
    ck_status(ek_date_from_ymd(2200, 1, 1, &d), EK_ERANGE);
    ck_assert(ek_date_in_range(EK_DATE_MIN) && ek_date_in_range(EK_DATE_MAX));
    ck_assert(!ek_date_in_range(EK_DATE_MIN - 1) && !ek_date_in_range(EK_DATE_MAX + 1));
    ck_assert(!ek_date_in_range(EK_DATE_NONE));
}
END_TEST

START_TEST(parse_format_roundtrip_whole_range)
{
    int py = 1953, pm = 1, pd = 0;
    ek_date step = range_step();
    for (ek_date d = EK_DATE_MIN; d <= EK_DATE_MAX; d += (step == 1 || d + step <= EK_DATE_MAX) ? step : 1) {
        char b[EK_DATE_BUFSIZE];
        ck_ok(ek_date_format(d, b, sizeof b));
        ek_date back;
        ck_ok(ek_date_parse(b, &back));
        ck_assert_int_eq(back, d);
        int y, m, dd;
        ck_ok(ek_date_to_ymd(d, &y, &m, &dd));
        /* consecutive days */
        if (step > 1)
            ;
        else if (dd == pd + 1)
            ck_assert(y == py && m == pm);
        else
            ck_assert(dd == 1 && (m == pm + 1 || (m == 1 && pm == 12 && y == py + 1)));
        py = y; pm = m; pd = dd;
        ck_assert_int_eq(ek_date_weekday(d), (int)(((d % 7) + 7 + 3) % 7) + 1);
    }
    ck_assert(py == 2199 && pm == 12 && pd == 31);
}
END_TEST

START_TEST(parse_rejects)
{
    ek_date d = 12345;
    ck_status(ek_date_parse("2026-02-29", &d), EK_EINVAL);
    ck_msg_has("2026-02-29");
    ck_status(ek_date_parse("2025-13-01", &d), EK_EINVAL);
    ck_msg_has("2025-13-01");
    ck_status(ek_date_parse("2025-00-10", &d), EK_EINVAL);
    ck_status(ek_date_parse("2025-04-31", &d), EK_EINVAL);
    ck_status(ek_date_parse("2025-01-00", &d), EK_EINVAL);
    ck_status(ek_date_parse("1900-02-29", &d), EK_EINVAL);
    ck_status(ek_date_parse("2026-01-01x", &d), EK_EPARSE);
    ck_msg_has("trailing characters at position 11");
    ck_assert_msg(strstr(ek_error_last()->message, "2026-01-01x") == NULL, "%s", ek_error_last()->message); /* never the value (issue 18) */
    ck_status(ek_date_parse("2026-1-01", &d), EK_EPARSE);
    ck_msg_has("not a date (expected YYYY-MM-DD)");
    ck_assert_msg(strstr(ek_error_last()->message, "2026-1-01") == NULL, "%s", ek_error_last()->message); /* never the value (issue 18) */
    ck_status(ek_date_parse(" 2026-01-01", &d), EK_EPARSE);
    ck_status(ek_date_parse("2026-01-01 ", &d), EK_EPARSE);
    ck_status(ek_date_parse("2026/01/01", &d), EK_EPARSE);
    ck_status(ek_date_parse("20260101", &d), EK_EPARSE);
    ck_status(ek_date_parse("", &d), EK_EPARSE);
    ck_status(ek_date_parse("+2026-01-01", &d), EK_EPARSE);
    ck_status(ek_date_parse("1952-12-31", &d), EK_ERANGE);
    ck_msg_has("1952-12-31");
    ck_status(ek_date_parse("2200-01-01", &d), EK_ERANGE);
    ck_status(ek_date_parse(NULL, &d), EK_EINVAL);
    ck_status(ek_date_parse("2026-01-01", NULL), EK_EINVAL);
    ck_assert_int_eq(d, 12345);   /* untouched on failure */
    ck_ok(ek_date_parse("2024-02-29", &d));
    ck_ok(ek_date_parse("2000-02-29", &d));
    ck_ok(ek_date_parse_n("2026-03-01trailing", 10, &d));
    ck_date_eq(d, "2026-03-01");
    ck_status(ek_date_parse_n("2026-03-01", 9, &d), EK_EPARSE);
}
END_TEST

START_TEST(format_and_weekday_edges)
{
    char b[EK_DATE_BUFSIZE];
    ck_status(ek_date_format(EK_DATE_MAX + 1, b, sizeof b), EK_ERANGE);
    ck_status(ek_date_format(EK_DATE_NONE, b, sizeof b), EK_ERANGE);
    ck_status(ek_date_format(0, b, 10), EK_EINVAL);
    ck_status(ek_date_format(0, NULL, 11), EK_EINVAL);
    ck_ok(ek_date_format(EK_DATE_MIN, b, sizeof b));
    ck_assert_str_eq(b, "1953-01-01");
    ck_assert_int_eq(ek_date_weekday(D("1953-01-01")), 4);   /* Thursday */
    ck_assert_int_eq(ek_date_weekday(D("2026-06-20")), 6);
    ck_assert_int_eq(ek_date_weekday(D("2199-12-31")), 2);   /* Tuesday */
    ck_assert_int_eq(ek_date_weekday(EK_DATE_MIN - 1), 0);
    ck_assert_int_eq(ek_date_weekday(EK_DATE_NONE), 0);
}
END_TEST

/* ---- the calendar ------------------------------------------------------- */

START_TEST(holidays_2026)
{
    static const char *const want[][3] = {
        { "2026-01-01", "holiday", "nyårsdagen" }, { "2026-01-06", "holiday", "trettondedag jul" },
        { "2026-04-03", "holiday", "långfredagen" }, { "2026-04-05", "holiday", "påskdagen" },
        { "2026-04-06", "holiday", "annandag påsk" }, { "2026-05-01", "holiday", "första maj" },
        { "2026-05-14", "holiday", "Kristi himmelsfärdsdag" }, { "2026-05-24", "holiday", "pingstdagen" },
        { "2026-06-06", "holiday", "nationaldagen" }, { "2026-06-19", "eve", "midsommarafton" },
        { "2026-06-20", "holiday", "midsommardagen" }, { "2026-10-31", "holiday", "alla helgons dag" },
        { "2026-12-24", "eve", "julafton" }, { "2026-12-25", "holiday", "juldagen" },
        { "2026-12-26", "holiday", "annandag jul" }, { "2026-12-31", "eve", "nyårsafton" },
    };
    ek_named_day nd[32];
    size_t n = 99;
    ck_ok(ek_calendar_named_days(cal, 2026, NULL, 0, &n));
    ck_assert_uint_eq(n, 16);
    ck_ok(ek_calendar_named_days(cal, 2026, nd, 32, &n));
    ck_assert_uint_eq(n, 16);
    for (size_t i = 0; i < n; i++) {
        ck_date_eq(nd[i].date, want[i][0]);
        ck_assert_int_eq(nd[i].is_eve, strcmp(want[i][1], "eve") == 0);
        ck_assert_str_eq(nd[i].name, want[i][2]);
        ck_assert_str_eq(name(want[i][0]), want[i][2]);
        ck_assert_int_eq(working(want[i][0]), 0);
        ck_assert(flags(want[i][0]) & (nd[i].is_eve ? EK_DAY_EVE : EK_DAY_HOLIDAY));
    }
    /* cap smaller than the count: writes cap entries, reports the total */
    ek_named_day two[2];
    ck_ok(ek_calendar_named_days(cal, 2026, two, 2, &n));
    ck_assert_uint_eq(n, 16);
    ck_assert_str_eq(two[1].name, "trettondedag jul");
    ck_status(ek_calendar_named_days(cal, 1952, nd, 32, &n), EK_ERANGE);
    ck_msg_has("1952");
    ck_status(ek_calendar_named_days(cal, 2200, nd, 32, &n), EK_ERANGE);
    ck_status(ek_calendar_named_days(NULL, 2026, nd, 32, &n), EK_EINVAL);
}
END_TEST

START_TEST(law_change_2005)
{
    /* annandag pingst: a holiday up to 2004 (Easter 2004-04-11, 2005-03-27) */
    ck_assert_int_eq(working("2004-05-31"), 0);
    ck_assert_str_eq(name("2004-05-31"), "annandag pingst");
    ck_assert_int_eq(working("2005-05-16"), 1);
    ck_assert_ptr_null(name("2005-05-16"));
    /* nationaldagen: from 2005 */
    ck_assert_int_eq(working("2003-06-06"), 1);   /* a Friday */
    ck_assert_ptr_null(name("2003-06-06"));
    ck_assert_int_eq(working("2005-06-06"), 0);   /* a Monday */
    ck_assert_str_eq(name("2005-06-06"), "nationaldagen");
    ck_assert(flags("2005-06-06") & EK_DAY_HOLIDAY);
    /* periods crossing the change */
    ck_deadline("2004-05-17", "14d", "2004-05-31", "2004-06-01");
    ck_deadline("2005-05-02", "14d", "2005-05-16", "2005-05-16");
    ck_deadline("2003-05-23", "14d", "2003-06-06", "2003-06-06");
    ck_deadline("2005-05-23", "14d", "2005-06-06", "2005-06-07");
    ck_deadline("2004-12-06", "6m", "2005-06-06", "2005-06-07");
    ck_deadline("2004-05-28", "1wd", "2004-06-01", "2004-06-01");
    ck_deadline("2005-05-13", "1wd", "2005-05-16", "2005-05-16");
    /* counting the 2004 and 2005 working days of May-June */
    ek_date a, b;
    ck_ok(ek_calendar_add_working_days(cal, D("2004-04-30"), 40, &a));
    ck_ok(ek_calendar_add_working_days(cal, D("2005-04-30"), 40, &b));
    ck_date_eq(a, "2004-06-30");   /* 2004: 1 May Sat, Ascension 20 May, annandag pingst 31 May */
    ck_date_eq(b, "2005-06-29");   /* 2005: Ascension 5 May, nationaldagen 6 Jun, midsommarafton 24 Jun */
}
END_TEST

START_TEST(movable_saturdays_and_eves)
{
    /* midsommardagen: the Saturday in 20-26 June; midsommarafton the day before */
    ck_assert_str_eq(name("2026-06-20"), "midsommardagen");
    ck_assert_str_eq(name("2026-06-19"), "midsommarafton");
    ck_assert_str_eq(name("2027-06-26"), "midsommardagen");
    ck_assert_str_eq(name("2027-06-25"), "midsommarafton");
    ck_assert_int_eq(working("2027-06-24"), 1);
    /* alla helgons dag: the Saturday in 31 Oct - 6 Nov */
    ck_assert_str_eq(name("2026-10-31"), "alla helgons dag");
    ck_assert_str_eq(name("2025-11-01"), "alla helgons dag");
    ck_assert_str_eq(name("2027-11-06"), "alla helgons dag");
    ck_assert_int_eq(working("2025-10-31"), 1);   /* Friday, no eve */
    /* eves that do not roll: trettondedagsafton, påskafton, pingstafton */
    ck_assert_int_eq(working("2026-01-05"), 1);
    ck_assert_ptr_null(name("2026-01-05"));
    ck_assert_uint_eq(flags("2026-04-04"), EK_DAY_SATURDAY | EK_DAY_NONWORKING);   /* påskafton */
    ck_assert_ptr_null(name("2026-04-04"));
    ck_assert_uint_eq(flags("2026-05-23"), EK_DAY_SATURDAY | EK_DAY_NONWORKING);   /* pingstafton */
    /* julafton and nyårsafton on weekdays */
    ck_assert_uint_eq(flags("2026-12-24"), EK_DAY_EVE | EK_DAY_NONWORKING);
    ck_assert_uint_eq(flags("2025-12-31"), EK_DAY_EVE | EK_DAY_NONWORKING);
    ck_assert_uint_eq(flags("2026-12-27"), EK_DAY_SUNDAY | EK_DAY_NONWORKING);   /* unnamed Sunday */
    ck_assert_ptr_null(name("2026-12-27"));
    ck_assert_uint_eq(flags("2026-03-14"), EK_DAY_SATURDAY | EK_DAY_NONWORKING);
    ck_assert_uint_eq(flags("2026-03-16"), 0);
    /* holiday on a Sunday keeps both flags */
    ck_assert_uint_eq(flags("2026-04-05"), EK_DAY_SUNDAY | EK_DAY_HOLIDAY | EK_DAY_NONWORKING);
    /* two holidays on one day (Easter 2008-03-23): both listed */
    ek_named_day nd[32];
    size_t n;
    ck_ok(ek_calendar_named_days(cal, 2008, nd, 32, &n));
    int may1 = 0;
    for (size_t i = 0; i < n; i++)
        if (nd[i].date == D("2008-05-01"))
            may1++;
    ck_assert_int_eq(may1, 2);
    ck_assert_str_eq(name("2008-05-01"), "första maj");
    ck_ok(ek_calendar_named_days(cal, 2049, nd, 32, &n));   /* Easter 2049-04-18: pingstdagen on 6 June */
    int jun6 = 0;
    for (size_t i = 0; i < n; i++)
        if (nd[i].date == D("2049-06-06"))
            jun6++;
    ck_assert_int_eq(jun6, 2);
    for (size_t i = 1; i < n; i++)
        ck_assert(nd[i - 1].date <= nd[i].date);
    /* Easter dates, computus spot checks */
    ck_assert_str_eq(name("1954-04-18"), "påskdagen");
    ck_assert_str_eq(name("2038-04-25"), "påskdagen");   /* latest possible */
    ck_assert_str_eq(name("2160-03-23"), "påskdagen");
}
END_TEST

START_TEST(roll_chains)
{
    ek_date r;
    /* julafton (Thu) -> juldagen -> annandag jul (Sat) -> Sunday -> Monday 28th */
    for (const char *const *s = (const char *const[]){ "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-27", NULL };
         *s; s++) {
        ck_ok(ek_calendar_roll(cal, D(*s), &r));
        ck_date_eq(r, "2026-12-28");
    }
    ck_ok(ek_calendar_roll(cal, D("2026-12-28"), &r));
    ck_date_eq(r, "2026-12-28");
    /* julafton on a Wednesday (2025): five days to Monday 29th, the longest chain */
    ck_ok(ek_calendar_roll(cal, D("2025-12-24"), &r));
    ck_date_eq(r, "2025-12-29");
    /* nyårsafton (Thu) -> nyårsdagen (Fri) -> weekend -> Monday */
    ck_ok(ek_calendar_roll(cal, D("2026-12-31"), &r));
    ck_date_eq(r, "2027-01-04");
    /* Easter: långfredagen -> Tuesday */
    ck_ok(ek_calendar_roll(cal, D("2026-04-03"), &r));
    ck_date_eq(r, "2026-04-07");
    /* midsommarafton -> Monday */
    ck_ok(ek_calendar_roll(cal, D("2026-06-19"), &r));
    ck_date_eq(r, "2026-06-22");
    /* Kristi himmelsfärdsdag (Thu) -> Friday is a working day */
    ck_ok(ek_calendar_roll(cal, D("2026-05-14"), &r));
    ck_date_eq(r, "2026-05-15");
    /* annandag pingst 2004 after a weekend: Saturday -> Tuesday */
    ck_ok(ek_calendar_roll(cal, D("2004-05-29"), &r));
    ck_date_eq(r, "2004-06-01");
    /* the start of the range: nyårsdagen 1953 */
    ck_ok(ek_calendar_roll(cal, EK_DATE_MIN, &r));
    ck_date_eq(r, "1953-01-02");
}
END_TEST

/* ---- Lag (1930:173) 2 § in the wording in force on the day (issue 14, point 8) ----
 * SFS 1961:70 (in force 1961-06-01): Sundays, allmänna helgdagar, Saturdays in June-September,
 * påskafton, midsommarafton, julafton.  SFS 1965:127 (quoted as the wording in force by prop.
 * 1974:147 of 1974-10-25; its own day of entry into force not read): every Saturday, midsommarafton,
 * julafton.  SFS 1974:756 adds nyårsafton (its own print day not read: nyårsafton 1974 is open).
 * Before 1961-06-01 (SFS 1935:100, not read) only Sundays and allmänna helgdagar are certain.
 * A day on which the wordings that may be in force disagree is refused, never guessed. */

static int roll_status(const char *s, ek_date *out)
{
    return ek_calendar_roll(cal, D(s), out);
}

START_TEST(wordings_1930_173_2)
{
    ek_date r = 0;
    /* nyårsafton: a working day under 1961:70 and 1965:127, an eve from 1974:756 */
    ck_assert_int_eq(working("1970-12-31"), 1);   /* Thursday */
    ck_assert_uint_eq(flags("1970-12-31"), 0);
    ck_assert_ptr_null(name("1970-12-31"));
    ck_ok(roll_status("1970-12-31", &r));
    ck_date_eq(r, "1970-12-31");
    ck_deadline("1970-12-17", "14d", "1970-12-31", "1970-12-31");
    ck_assert_int_eq(working("1973-12-31"), 1);   /* Monday, 1965:127 in force (prop. 1974:147) */
    ck_assert_int_eq(working("1975-12-31"), 0);   /* Wednesday */
    ck_assert_uint_eq(flags("1975-12-31"), EK_DAY_EVE | EK_DAY_NONWORKING);
    ck_assert_str_eq(name("1975-12-31"), "nyårsafton");
    ck_deadline("1975-12-17", "14d", "1975-12-31", "1976-01-02");
    /* nyårsafton 1974: the day SFS 1974:756 entered into force is not verified */
    ck_status(roll_status("1974-12-31", &r), EK_ERANGE);
    ck_msg_has("1974-12-31");
    ck_msg_has("1974:756");
    unsigned f = 0;
    ck_ok(ek_calendar_day_flags(cal, D("1974-12-31"), &f));
    ck_assert_uint_eq(f, EK_DAY_UNVERIFIED);
    int w = 7;
    ck_status(ek_calendar_is_working_day(cal, D("1974-12-31"), &w), EK_ERANGE);
    ck_assert_int_eq(w, 7);
    /* Saturdays: June-September only under 1961:70, every Saturday under 1965:127 */
    ck_ok(roll_status("1965-07-03", &r));
    ck_date_eq(r, "1965-07-05");
    ck_assert_uint_eq(flags("1965-07-03"), EK_DAY_SATURDAY | EK_DAY_NONWORKING);
    ck_status(roll_status("1965-05-08", &r), EK_ERANGE);   /* 1961:70 or 1965:127: not verified */
    ck_msg_has("1965-05-08");
    ck_msg_has("1965:127");
    ck_assert_uint_eq(flags("1965-05-08"), EK_DAY_SATURDAY | EK_DAY_UNVERIFIED);
    ck_ok(roll_status("1974-10-26", &r));   /* after prop. 1974:147 (1974-10-25): 1965:127 in force */
    ck_date_eq(r, "1974-10-28");
    ck_status(roll_status("1974-10-19", &r), EK_ERANGE);
    ck_ok(roll_status("1980-05-10", &r));
    ck_date_eq(r, "1980-05-12");
    /* before 1961-06-01 (SFS 1935:100 not read): Saturdays and eves refused, Sundays and holidays roll */
    ck_status(roll_status("1961-05-27", &r), EK_ERANGE);
    ck_msg_has("1961-05-27");
    ck_msg_has("1961:70");
    ck_ok(roll_status("1961-06-03", &r));
    ck_date_eq(r, "1961-06-05");
    ck_status(roll_status("1958-12-24", &r), EK_ERANGE);   /* julafton, a Wednesday */
    ck_assert_ptr_null(name("1958-12-24"));
    ck_assert_uint_eq(flags("1958-12-24"), EK_DAY_UNVERIFIED);
    ck_ok(roll_status("1955-03-06", &r));   /* a Sunday */
    ck_date_eq(r, "1955-03-07");
    ck_status(roll_status("1955-04-08", &r), EK_ERANGE);   /* långfredagen -> Saturday: open */
    ck_ok(roll_status("1962-12-24", &r));   /* julafton, a Monday, under both 1961:70 and 1965:127 */
    ck_date_eq(r, "1962-12-27");
    /* påskafton: named by 1961:70 (a Saturday under 1965:127), not named by 1974:756 */
    ck_assert_str_eq(name("1965-04-17"), "påskafton");
    ck_assert_uint_eq(flags("1965-04-17"), EK_DAY_SATURDAY | EK_DAY_EVE | EK_DAY_NONWORKING);
    ck_ok(roll_status("1965-04-17", &r));
    ck_date_eq(r, "1965-04-20");
    ck_assert_ptr_null(name("1980-04-05"));
    ck_assert_uint_eq(flags("1980-04-05"), EK_DAY_SATURDAY | EK_DAY_NONWORKING);
    /* working days: counting over a refused day is refused, short of it works */
    ck_ok(ek_calendar_add_working_days(cal, D("1965-05-06"), 1, &r));
    ck_date_eq(r, "1965-05-07");
    ck_status(ek_calendar_add_working_days(cal, D("1965-05-06"), 2, &r), EK_ERANGE);
    ck_msg_has("1965-05-08");
    ck_ok(ek_calendar_add_working_days(cal, D("1965-07-01"), 2, &r));
    ck_date_eq(r, "1965-07-05");
    ek_deadline dl;
    ck_status(ek_deadline_compute(cal, D("1965-04-24"), P("14d"), &dl), EK_ERANGE);   /* ends 1965-05-08 */
    ck_msg_has("1965-05-08");
    ck_ok(ek_deadline_compute_kind(cal, D("1965-04-24"), P("14d"), EK_PERIOD_POLICY, &dl));   /* no roll */
    ck_date_eq(dl.legal, "1965-05-08");
    /* the named days follow the wording in force */
    ek_named_day nd[32];
    size_t n = 0;
    static const struct { int year; const char *date; int present; } eves[] = {
        { 1970, "1970-12-31", 0 }, { 1975, "1975-12-31", 1 }, { 1974, "1974-12-31", 0 },
        { 1965, "1965-04-17", 1 }, { 1980, "1980-04-05", 0 }, { 1961, "1961-04-01", 0 },
        { 1961, "1961-06-23", 1 }, { 1958, "1958-12-24", 0 }, { 1962, "1962-12-24", 1 },
    };
    for (size_t i = 0; i < sizeof eves / sizeof eves[0]; i++) {
        ck_ok(ek_calendar_named_days(cal, eves[i].year, nd, 32, &n));
        int found = 0;
        for (size_t k = 0; k < n; k++)
            if (nd[k].date == D(eves[i].date)) {
                ck_assert_int_eq(nd[k].is_eve, 1);
                found = 1;
            }
        ck_assert_msg(found == eves[i].present, "%s listed: %d", eves[i].date, found);
    }
    /* batches refuse the same days */
    ek_date in[3] = { D("1965-05-08"), D("1965-07-03"), D("1975-12-31") }, out[3];
    ck_status(ek_calendar_roll_batch(cal, in, out, 3), EK_ERANGE);
    ck_msg_has("element 0 (1965-05-08)");
    ck_assert_int_eq(out[0], EK_DATE_NONE);
    ck_date_eq(out[1], "1965-07-05");
    ck_date_eq(out[2], "1976-01-02");
}
END_TEST

/* The days a roll-over skips, with their names, for the explanations of a verdict. */
START_TEST(roll_explain)
{
    ek_skipped_day sk[EK_ROLL_SKIPPED_MAX];
    size_t n = 99;
    /* julafton 2026 (Thursday) -> Monday 28th */
    ck_ok(ek_calendar_roll_explain(cal, D("2026-12-24"), sk, EK_ROLL_SKIPPED_MAX, &n));
    ck_assert_uint_eq(n, 4);
    static const char *const want[][2] = {
        { "2026-12-24", "julafton" }, { "2026-12-25", "juldagen" },
        { "2026-12-26", "annandag jul" }, { "2026-12-27", "söndag" },
    };
    for (size_t i = 0; i < 4; i++) {
        ck_date_eq(sk[i].date, want[i][0]);
        ck_assert_str_eq(sk[i].name, want[i][1]);
        unsigned f;
        ck_ok(ek_calendar_day_flags(cal, sk[i].date, &f));
        ck_assert_uint_eq(sk[i].flags, f);
        ck_assert_ptr_nonnull(strstr(sk[i].basis, "1930:173"));
        ck_assert_ptr_nonnull(strstr(sk[i].basis, "1974:756"));
    }
    /* an ordinary Saturday and Sunday */
    ck_ok(ek_calendar_roll_explain(cal, D("2026-03-14"), sk, EK_ROLL_SKIPPED_MAX, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(sk[0].name, "lördag");
    ck_assert_str_eq(sk[1].name, "söndag");
    /* nyårsafton 2025 (Wednesday) -> nyårsdagen -> Friday 2 January */
    ck_ok(ek_calendar_roll_explain(cal, D("2025-12-31"), sk, EK_ROLL_SKIPPED_MAX, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(sk[0].name, "nyårsafton");
    ck_assert_str_eq(sk[1].name, "nyårsdagen");
    /* a working day moves nothing */
    ck_ok(ek_calendar_roll_explain(cal, D("2026-12-28"), sk, EK_ROLL_SKIPPED_MAX, &n));
    ck_assert_uint_eq(n, 0);
    /* påskafton under 1961:70/1965:127, with the basis of that time */
    ck_ok(ek_calendar_roll_explain(cal, D("1965-04-17"), sk, EK_ROLL_SKIPPED_MAX, &n));
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(sk[0].name, "påskafton");
    ck_assert_str_eq(sk[1].name, "påskdagen");
    ck_assert_str_eq(sk[2].name, "annandag påsk");
    ck_assert_ptr_nonnull(strstr(sk[0].basis, "1961:70"));
    /* cap smaller than the count: writes cap, reports the total; cap 0 sizes */
    ek_skipped_day one[1];
    ck_ok(ek_calendar_roll_explain(cal, D("2026-12-24"), one, 1, &n));
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(one[0].name, "julafton");
    ck_ok(ek_calendar_roll_explain(cal, D("2026-12-24"), NULL, 0, &n));
    ck_assert_uint_eq(n, 4);
    /* errors: as ek_calendar_roll() */
    ck_status(ek_calendar_roll_explain(cal, D("1965-05-08"), sk, EK_ROLL_SKIPPED_MAX, &n), EK_ERANGE);
    ck_msg_has("1965-05-08");
    ck_status(ek_calendar_roll_explain(cal, D("2199-12-31"), sk, EK_ROLL_SKIPPED_MAX, &n), EK_ERANGE);
    ck_status(ek_calendar_roll_explain(cal, EK_DATE_MIN - 1, sk, EK_ROLL_SKIPPED_MAX, &n), EK_ERANGE);
    ck_status(ek_calendar_roll_explain(NULL, D("2026-12-24"), sk, EK_ROLL_SKIPPED_MAX, &n), EK_EINVAL);
    ck_status(ek_calendar_roll_explain(cal, D("2026-12-24"), sk, EK_ROLL_SKIPPED_MAX, NULL), EK_EINVAL);
    ck_status(ek_calendar_roll_explain(cal, D("2026-12-24"), NULL, 2, &n), EK_EINVAL);
}
END_TEST

START_TEST(hand_checked_examples)
{
    /* DOMAIN.md §3 */
    ck_deadline("2025-12-17", "14d", "2025-12-31", "2026-01-02");
    ck_deadline("2026-06-05", "14d", "2026-06-19", "2026-06-22");
    ck_deadline("2026-12-10", "14d", "2026-12-24", "2026-12-28");
    ck_deadline("2025-10-31", "4m", "2026-02-28", "2026-03-02");
    ck_deadline("2026-08-31", "4m", "2026-12-31", "2027-01-04");
    ck_deadline("2026-02-20", "4m", "2026-06-20", "2026-06-22");
}
END_TEST

/* Issue 14: only a time set by law rolls (1930:173 2 §); a policy number and a set day never do. */
START_TEST(period_kinds)
{
    ek_deadline dl;
    /* A report received Friday 2026-01-09, "genast" with a 1-day policy grace: Saturday, not Monday. */
    ck_ok(ek_deadline_compute_kind(cal, D("2026-01-09"), P("1d"), EK_PERIOD_POLICY, &dl));
    ck_date_eq(dl.nominal, "2026-01-10");
    ck_date_eq(dl.legal, "2026-01-10");
    ck_ok(ek_deadline_compute_kind(cal, D("2026-01-09"), P("1d"), EK_PERIOD_LAW, &dl));
    ck_date_eq(dl.legal, "2026-01-12");
    /* 2026-12-23 + 1 day = julafton: stays julafton under a policy, rolls to 2026-12-28 under the law. */
    ck_ok(ek_deadline_compute_kind(cal, D("2026-12-23"), P("1d"), EK_PERIOD_POLICY, &dl));
    ck_date_eq(dl.legal, "2026-12-24");
    ck_ok(ek_deadline_compute_kind(cal, D("2026-12-23"), P("1d"), EK_PERIOD_LAW, &dl));
    ck_date_eq(dl.legal, "2026-12-28");
    /* Months under a policy: 1 § arithmetic for the nominal end, no roll (2026-06-20 is midsommardagen). */
    ck_ok(ek_deadline_compute_kind(cal, D("2026-02-20"), P("4m"), EK_PERIOD_POLICY, &dl));
    ck_date_eq(dl.nominal, "2026-06-20");
    ck_date_eq(dl.legal, "2026-06-20");
    /* A day set by a decision (IVO's svar_senast on a Sunday) is that day. */
    ck_ok(ek_deadline_compute_kind(cal, D("2026-03-29"), P("0d"), EK_PERIOD_SET_DATE, &dl));
    ck_date_eq(dl.nominal, "2026-03-29");
    ck_date_eq(dl.legal, "2026-03-29");
    ck_assert_int_eq(ek_deadline_compute_kind(cal, D("2026-03-29"), P("1d"), EK_PERIOD_SET_DATE, &dl), EK_EINVAL);
    ck_assert_int_eq(ek_deadline_compute_kind(cal, D("2026-03-29"), P("1d"), (ek_period_kind)7, &dl), EK_EINVAL);
    ck_assert_int_eq(ek_deadline_compute_kind(cal, D("2199-12-31"), P("1d"), EK_PERIOD_POLICY, &dl), EK_ERANGE);
    ck_assert_str_eq(ek_period_kind_name(EK_PERIOD_LAW), "lag");
    ck_assert_str_eq(ek_period_kind_name(EK_PERIOD_POLICY), "policy");
    ck_assert_str_eq(ek_period_kind_name(EK_PERIOD_SET_DATE), "faststalld_dag");
    ck_assert_ptr_null(ek_period_kind_name((ek_period_kind)9));
}
END_TEST

START_TEST(month_ends_and_leap_years)
{
    ck_deadline("2024-01-31", "1m", "2024-02-29", "2024-02-29");
    ck_deadline("2025-01-31", "1m", "2025-02-28", "2025-02-28");
    ck_deadline("2025-01-31", "2m", "2025-03-31", "2025-03-31");   /* not Feb 28 + 1 m */
    ck_deadline("2026-03-31", "1m", "2026-04-30", "2026-04-30");
    ck_deadline("2024-02-29", "1y", "2025-02-28", "2025-02-28");
    ck_deadline("2024-02-29", "4y", "2028-02-29", "2028-02-29");
    ck_deadline("2024-02-29", "12m", "2025-02-28", "2025-02-28");
    ck_deadline("2024-02-28", "1y", "2025-02-28", "2025-02-28");
    ck_deadline("2099-02-28", "1y", "2100-02-28", "2100-03-01");   /* 2100 is not a leap year; 28 Feb is a Sunday */
    ck_deadline("2096-02-29", "4y", "2100-02-28", "2100-03-01");
    ck_deadline("1999-02-28", "1y", "2000-02-28", "2000-02-28");
    ck_deadline("2026-02-28", "1m", "2026-03-28", "2026-03-30");   /* day 28, not "last day" */
    ck_deadline("2026-01-30", "1m", "2026-02-28", "2026-03-02");
    ck_deadline("2026-12-31", "2m", "2027-02-28", "2027-03-01");
    ck_deadline("2026-11-30", "3m", "2027-02-28", "2027-03-01");
    ck_deadline("2026-01-15", "0m", "2026-01-15", "2026-01-15");
    /* weeks: the same weekday */
    ck_deadline("2026-01-01", "1w", "2026-01-08", "2026-01-08");
    ck_deadline("2026-12-17", "1w", "2026-12-24", "2026-12-28");
    ck_deadline("2024-02-22", "1w", "2024-02-29", "2024-02-29");
    /* days: the start day not counted */
    ck_deadline("2026-01-01", "1d", "2026-01-02", "2026-01-02");
    ck_deadline("2024-02-28", "1d", "2024-02-29", "2024-02-29");
    ck_deadline("2026-01-07", "0d", "2026-01-07", "2026-01-07");
    ck_deadline("2026-01-03", "0d", "2026-01-03", "2026-01-05");
    /* working days strictly after the start */
    ck_deadline("2026-12-23", "1wd", "2026-12-28", "2026-12-28");
    ck_deadline("2026-12-25", "1wd", "2026-12-28", "2026-12-28");   /* a holiday start does not count itself */
    ck_deadline("2026-06-20", "1wd", "2026-06-22", "2026-06-22");
    ck_deadline("2026-06-22", "1wd", "2026-06-23", "2026-06-23");
    ck_deadline("2026-06-20", "0wd", "2026-06-20", "2026-06-20");
    ck_deadline("2026-12-21", "10wd", "2027-01-11", "2027-01-11");   /* julafton, trettondedag jul */
    ek_date r;
    ck_ok(ek_period_add(D("2025-10-31"), P("4m"), &r));
    ck_date_eq(r, "2026-02-28");
    ck_ok(ek_period_add(D("2024-02-29"), P("1y"), &r));
    ck_date_eq(r, "2025-02-28");
    ck_status(ek_period_add(D("2026-01-01"), P("3wd"), &r), EK_EINVAL);
}
END_TEST

START_TEST(range_ends)
{
    ek_date r = 777;
    ek_deadline dl;
    ck_status(ek_calendar_roll(cal, D("2199-12-31"), &r), EK_ERANGE);   /* nyårsafton: no next working day */
    ck_msg_has("2199-12-31");
    ck_status(ek_calendar_roll(cal, EK_DATE_MIN - 1, &r), EK_ERANGE);
    ck_msg_has("1952-12-31");
    ck_status(ek_calendar_roll(cal, EK_DATE_MAX + 1, &r), EK_ERANGE);
    ck_status(ek_calendar_roll(cal, EK_DATE_NONE, &r), EK_ERANGE);
    ck_ok(ek_calendar_roll(cal, D("2199-12-30"), &r));   /* a Monday */
    ck_date_eq(r, "2199-12-30");
    ck_status(ek_calendar_add_working_days(cal, D("2199-12-30"), 1, &r), EK_ERANGE);
    ck_ok(ek_calendar_add_working_days(cal, D("2199-12-27"), 1, &r));
    ck_date_eq(r, "2199-12-30");
    ck_status(ek_calendar_add_working_days(cal, D("2199-12-27"), 2, &r), EK_ERANGE);
    ck_status(ek_calendar_add_working_days(cal, D("2026-01-01"), 100000, &r), EK_ERANGE);
    ck_status(ek_calendar_add_working_days(cal, D("2026-01-01"), -1, &r), EK_EINVAL);
    ck_status(ek_calendar_add_working_days(cal, D("2026-01-01"), 2147483647, &r), EK_ERANGE);
    ck_status(ek_period_add(D("2199-12-01"), P("1m"), &r), EK_ERANGE);
    ck_status(ek_period_add(D("2199-12-25"), P("7d"), &r), EK_ERANGE);
    ck_ok(ek_period_add(D("2199-12-25"), P("6d"), &r));
    ck_status(ek_period_add(D("2026-01-01"), P("100000y"), &r), EK_ERANGE);
    ck_status(ek_period_add(EK_DATE_MIN - 1, P("1d"), &r), EK_ERANGE);
    ck_assert_int_eq(r, D("2199-12-31"));   /* untouched by the failures */
    ck_status(ek_deadline_compute(cal, D("2199-12-30"), P("1d"), &dl), EK_ERANGE);   /* nominal ok, legal not */
    ck_msg_has("2199-12-31");
    ck_status(ek_deadline_compute(cal, D("2199-12-01"), P("1m"), &dl), EK_ERANGE);
    ck_status(ek_deadline_compute(cal, D("2199-12-30"), P("1wd"), &dl), EK_ERANGE);
    ck_status(ek_deadline_compute(cal, EK_DATE_NONE, P("1d"), &dl), EK_ERANGE);
    ck_status(ek_deadline_compute(cal, D("2199-12-30"), P("100000y"), &dl), EK_ERANGE);
    ck_deadline("1953-01-01", "0d", "1953-01-01", "1953-01-02");
    ck_deadline("2199-11-30", "1m", "2199-12-30", "2199-12-30");
    unsigned f;
    int w;
    const char *nm;
    ck_status(ek_calendar_day_flags(cal, EK_DATE_MAX + 1, &f), EK_ERANGE);
    ck_status(ek_calendar_is_working_day(cal, EK_DATE_MIN - 1, &w), EK_ERANGE);
    ck_status(ek_calendar_day_name(cal, EK_DATE_MIN - 1, &nm), EK_ERANGE);
    ck_status(ek_calendar_is_working_day(NULL, 0, &w), EK_EINVAL);
    ck_status(ek_calendar_roll(NULL, 0, &r), EK_EINVAL);
    ck_status(ek_calendar_roll(cal, 0, NULL), EK_EINVAL);
    ek_period badp = { -1, EK_UNIT_DAYS };
    ck_status(ek_deadline_compute(cal, 0, badp, &dl), EK_EINVAL);
    badp.n = 1;
    badp.unit = (ek_period_unit)9;
    ck_status(ek_deadline_compute(cal, 0, badp, &dl), EK_EINVAL);
}
END_TEST

/* ek_period_format() writes what snprintf("%ld%s") wrote before (issue 15): every count of every
 * unit, and cut short the same way into buffers too small. */
START_TEST(period_format_is_snprintf)
{
    static const char *const suffix[] = { "", "d", "w", "m", "y", "wd" };
    for (int unit = EK_UNIT_DAYS; unit <= EK_UNIT_WORKING_DAYS; unit++)
        for (long n = 0; n <= 100000; n++) {
            ek_period p = { n, (ek_period_unit)unit };
            char want[EK_PERIOD_BUFSIZE], got[EK_PERIOD_BUFSIZE];
            snprintf(want, sizeof want, "%ld%s", n, suffix[unit]);
            ck_ok(ek_period_format(p, got, sizeof got));
            ck_assert_str_eq(got, want);
            if (n % 997 != 0 && n != 100000)
                continue;
            for (size_t size = 1; size <= strlen(want); size++) {
                char cut[EK_PERIOD_BUFSIZE], cut_want[EK_PERIOD_BUFSIZE];
                snprintf(cut_want, size, "%ld%s", n, suffix[unit]);
                ck_status(ek_period_format(p, cut, size), EK_EINVAL);
                ck_assert_str_eq(cut, cut_want);
            }
        }
}
END_TEST

START_TEST(periods_parse_format)
{
    static const char *const ok[] = { "14d", "1w", "4m", "2y", "10wd", "0d", "100000d", "0wd" };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ek_period p = P(ok[i]);
        char b[EK_PERIOD_BUFSIZE];
        ck_ok(ek_period_format(p, b, sizeof b));
        ck_assert_str_eq(b, ok[i]);
    }
    ck_assert_int_eq(P("4m").n, 4);
    ck_assert_int_eq(P("4m").unit, EK_UNIT_MONTHS);
    ck_assert_int_eq(P("10wd").unit, EK_UNIT_WORKING_DAYS);
    static const char *const bad[] = { "", "d", "4", "4x", "-1d", " 4d", "4d ", "4 d", "4D", "4dd", "4wdx",
                                       "+4d", "1.5m", "0x10d" };
    ek_period p = { 7, EK_UNIT_WEEKS };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_status(ek_period_parse(bad[i], &p), EK_EPARSE);
        char q[32];
        snprintf(q, sizeof q, "\"%s\"", bad[i]);
        ck_msg_has(q);
    }
    ck_status(ek_period_parse("100001d", &p), EK_ERANGE);
    ck_msg_has("100001d");
    ck_status(ek_period_parse("99999999999999999999d", &p), EK_ERANGE); /* calendar.h: a count too large, however long */
    ck_assert(p.n == 7 && p.unit == EK_UNIT_WEEKS);
    char small[3];
    ck_status(ek_period_format(P("14d"), small, sizeof small), EK_EINVAL);
    ek_period badp = { 1, (ek_period_unit)0 };
    char b[EK_PERIOD_BUFSIZE];
    ck_status(ek_period_format(badp, b, sizeof b), EK_EINVAL);
}
END_TEST

/* Properties over every day of the range. */
START_TEST(invariants_whole_range)
{
    for (ek_date d = EK_DATE_MIN; d <= EK_DATE_MAX; d += range_step()) {
        unsigned f;
        ck_ok(ek_calendar_day_flags(cal, d, &f));
        int wd = ek_date_weekday(d);
        ck_assert_int_eq(!!(f & EK_DAY_SATURDAY), wd == 6);
        ck_assert_int_eq(!!(f & EK_DAY_SUNDAY), wd == 7);
        /* 1930:173 2 § in the wording in force: a day is a working day, or not, or (before 1975 only)
         * EK_DAY_UNVERIFIED; Sundays and allmänna helgdagar roll under every wording */
        unsigned named = f & (EK_DAY_SATURDAY | EK_DAY_SUNDAY | EK_DAY_HOLIDAY | EK_DAY_EVE);
        int unv = !!(f & EK_DAY_UNVERIFIED);
        ck_assert(!(unv && (f & EK_DAY_NONWORKING)));
        if (f & EK_DAY_NONWORKING)
            ck_assert(named != 0);
        if (f & (EK_DAY_SUNDAY | EK_DAY_HOLIDAY))
            ck_assert(f & EK_DAY_NONWORKING);
        if (d >= D("1975-01-01")) {
            ck_assert(!unv);
            ck_assert_int_eq(!!(f & EK_DAY_NONWORKING), named != 0);
        }
        int y, m;
        ck_ok(ek_date_to_ymd(d, &y, &m, NULL));
        const char *nm;
        ck_ok(ek_calendar_day_name(cal, d, &nm));
        ck_assert_int_eq(nm != NULL, (f & (EK_DAY_HOLIDAY | EK_DAY_EVE)) != 0);
        if (d >= D("1961-06-01") && d < D("1974-10-25") && !(f & EK_DAY_HOLIDAY)) {
            /* SFS 1961:70 or 1965:127: only the Saturdays of October-May are open; påskafton and julafton roll under both */
            ck_assert_int_eq(unv, wd == 6 && (m < 6 || m > 9) && !(f & EK_DAY_EVE));   /* påskafton, julafton */
        }
        if (d >= D("1974-10-25") && d < D("1975-01-01"))
            ck_assert_int_eq(unv, d == D("1974-12-31"));
        if (d < D("1961-06-01"))   /* only Sundays and allmänna helgdagar are certain */
            ck_assert(!(f & EK_DAY_EVE) && (unv || (f & EK_DAY_NONWORKING) == 0 || (f & (EK_DAY_SUNDAY | EK_DAY_HOLIDAY))));
        /* roll: the first working day on or after d */
        ek_date r;
        if (ek_calendar_roll(cal, d, &r) == EK_OK) {
            ck_assert(r >= d && r - d <= 5);   /* 5: julafton on a Wednesday, or 22 Dec a Saturday */
            int w;
            ck_ok(ek_calendar_is_working_day(cal, r, &w));
            ck_assert(w);
            for (ek_date x = d; x < r; x++) {
                ck_ok(ek_calendar_is_working_day(cal, x, &w));
                ck_assert(!w);
            }
            /* +1 working day: the first working day strictly after d */
            ek_date a;
            if (ek_calendar_add_working_days(cal, d, 1, &a) == EK_OK) {
                ck_ok(ek_calendar_roll(cal, d + 1, &r));
                ck_assert_int_eq(a, r);
            }
        } else {
            ck_assert(d > D("2199-12-30") || d < D("1975-01-01"));
            ck_msg_has(d < D("1975-01-01") ? "is not verified" : "2199-12-31");
        }
    }
}
END_TEST

START_TEST(batch_equals_scalar)
{
    size_t n = (size_t)(EK_DATE_MAX - EK_DATE_MIN + 1) + 3;
    ek_date *in = malloc(n * sizeof *in), *o1 = malloc(n * sizeof *o1), *o2 = malloc(n * sizeof *o2);
    ck_assert(in && o1 && o2);
    size_t k = 0;
    for (ek_date d = EK_DATE_MIN; d <= EK_DATE_MAX; d++)
        in[k++] = d;
    const size_t stride = (size_t)range_step();
    in[k++] = EK_DATE_NONE;
    in[k++] = EK_DATE_MIN - 1;
    in[k++] = EK_DATE_MAX + 1;
    ck_status(ek_calendar_roll_batch(cal, in, o1, n), EK_ERANGE);
    ck_msg_has("element 2 (1953-01-03)");   /* the first that fails: a Saturday before SFS 1961:70 */
    for (size_t i = 0; i < n; i += (i + stride < n - 3) ? stride : 1) {
        ek_date r;
        if (ek_calendar_roll(cal, in[i], &r) == EK_OK)
            ck_assert_int_eq(o1[i], r);
        else
            ck_assert_int_eq(o1[i], EK_DATE_NONE);
    }
    static const int counts[] = { 0, 1, 10, 250 };
    for (size_t c = 0; c < 4; c++) {
        ck_status(ek_calendar_add_working_days_batch(cal, in, counts[c], o1, n), EK_ERANGE);
        for (size_t i = 0; i < n; i += (i + stride < n - 3) ? stride : 1) {
            ek_date r;
            if (ek_calendar_add_working_days(cal, in[i], counts[c], &r) == EK_OK)
                ck_assert_int_eq(o1[i], r);
            else
                ck_assert_int_eq(o1[i], EK_DATE_NONE);
        }
    }
    static const char *const periods[] = { "14d", "0d", "1w", "4m", "1m", "2y", "10wd", "0wd" };
    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++) {
        ck_status(ek_deadline_compute_batch(cal, in, P(periods[p]), o1, o2, n), EK_ERANGE);
        for (size_t i = 0; i < n; i += (i + stride < n - 3) ? stride : 1) {
            ek_deadline dl;
            if (ek_deadline_compute(cal, in[i], P(periods[p]), &dl) == EK_OK) {
                ck_assert_int_eq(o1[i], dl.nominal);
                ck_assert_int_eq(o2[i], dl.legal);
            } else {
                ck_assert(o2[i] == EK_DATE_NONE);
                ek_date nom;
                if (P(periods[p]).unit != EK_UNIT_WORKING_DAYS && ek_period_add(in[i], P(periods[p]), &nom) == EK_OK)
                    ck_assert_int_eq(o1[i], nom);   /* only the roll-over left the range */
                else
                    ck_assert_int_eq(o1[i], EK_DATE_NONE);
            }
        }
    }
    /* either output may be NULL; in place works (1000 days from 2026, where every wording is verified) */
    const ek_date *in26 = in + (D("2026-01-01") - EK_DATE_MIN);
    ck_status(ek_deadline_compute_batch(cal, in, P("4m"), NULL, o2, 1000), EK_ERANGE);   /* 1953-1955 */
    ck_ok(ek_deadline_compute_batch(cal, in26, P("4m"), NULL, o2, 1000));
    ck_ok(ek_deadline_compute_batch(cal, in26, P("4m"), o1, NULL, 1000));
    ck_ok(ek_deadline_compute_batch(cal, in26, P("4m"), NULL, NULL, 1000));
    memcpy(o2, in26, 1000 * sizeof *in);
    ck_ok(ek_calendar_roll_batch(cal, o2, o2, 1000));
    ck_ok(ek_calendar_roll_batch(cal, in26, o1, 1000));
    ck_assert(memcmp(o1, o2, 1000 * sizeof *o1) == 0);
    ck_ok(ek_calendar_roll_batch(cal, NULL, NULL, 0));
    ck_status(ek_calendar_roll_batch(cal, NULL, o1, 1), EK_EINVAL);
    ck_status(ek_calendar_add_working_days_batch(cal, in, -1, o1, 1), EK_EINVAL);
    ck_status(ek_deadline_compute_batch(NULL, in, P("1d"), o1, o2, 1), EK_EINVAL);
    free(in);
    free(o1);
    free(o2);
}
END_TEST

START_TEST(calendar_new_allocation_failure)
{
    ck_status(ek_calendar_new(NULL), EK_EINVAL);
    for (int sticky = 0; sticky <= 1; sticky++) {
        int succeeded = 0;
        for (long fail_at = 1; fail_at < 50 && !succeeded; fail_at++) {
            ek_t_alloc st = { 0, fail_at, sticky, 0 };
            ek_t_alloc_install(&st);
            ek_calendar *c = (ek_calendar *)&st;   /* must be reset */
            int rc = ek_calendar_new(&c);
            if (rc == EK_OK) {
                succeeded = 1;
                ck_assert_int_eq(fail_at, st.count + 1);   /* every allocation was tried once */
                ek_date r;
                ck_ok(ek_calendar_roll(c, D("2026-12-24"), &r));
                ck_date_eq(r, "2026-12-28");
                ek_calendar_free(c);
            } else {
                ck_assert_int_eq(rc, EK_ENOMEM);
                ck_assert_ptr_null(c);
                ck_msg_has("out of memory");
            }
            ck_assert_int_eq(st.live, 0);
            ek_t_alloc_uninstall();
        }
        ck_assert(succeeded);
    }
}
END_TEST

static Suite *calendar_suite(void)
{
    Suite *s = suite_create("calendar");
    TCase *t = tcase_create("dates");
    tcase_add_test(t, range_constants);
    tcase_add_test(t, parse_format_roundtrip_whole_range);
    tcase_add_test(t, parse_rejects);
    tcase_add_test(t, format_and_weekday_edges);
    tcase_add_test(t, periods_parse_format);
    tcase_add_test(t, period_format_is_snprintf);
    suite_add_tcase(s, t);
    t = tcase_create("calendar");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, holidays_2026);
    tcase_add_test(t, law_change_2005);
    tcase_add_test(t, movable_saturdays_and_eves);
    tcase_add_test(t, roll_chains);
    tcase_add_test(t, wordings_1930_173_2);
    tcase_add_test(t, roll_explain);
    tcase_add_test(t, hand_checked_examples);
    tcase_add_test(t, period_kinds);
    tcase_add_test(t, month_ends_and_leap_years);
    tcase_add_test(t, range_ends);
    tcase_add_test(t, invariants_whole_range);
    tcase_add_test(t, batch_equals_scalar);
    suite_add_tcase(s, t);
    t = tcase_create("allocation");
    tcase_add_test(t, calendar_new_allocation_failure);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return ek_t_run(calendar_suite());
}
