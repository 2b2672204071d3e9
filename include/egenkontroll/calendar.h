/* SPDX-License-Identifier: MIT */
/**
 * @file calendar.h
 * @brief Dates, the Swedish statutory calendar and time-limit arithmetic.
 *
 * Legal basis: Lag (1989:253) om allmänna helgdagar (as amended by SFS
 * 2004:1320 from 2005-04-01) and Lag (1930:173) om beräkning av lagstadgad tid
 * (1 § period ends, 2 § roll-over).
 *
 * 2 § is applied in the wording in force on the day (docs/rules.md, "Lag
 * (1930:173)"): from 1975 the list of SFS 1974:756 (Saturdays, Sundays,
 * allmänna helgdagar, midsommarafton, julafton, nyårsafton); from 1961-06-01
 * SFS 1961:70 (Saturdays in June-September, påskafton, midsommarafton,
 * julafton) or SFS 1965:127 (every Saturday, midsommarafton, julafton), the
 * day 1965:127 entered into force not being verified; before 1961-06-01 only
 * Sundays and allmänna helgdagar are verified.  A day on which the wordings
 * that may be in force disagree (a Saturday in October-May 1961-06-01 to
 * 1974-10-24, nyårsafton 1974, a Saturday or an eve before 1961-06-01) is
 * flagged EK_DAY_UNVERIFIED: whether it is a working day is refused with
 * EK_ERANGE, and so is any roll-over or working-day count that meets it.
 *
 * Dates are plain integers (ek_date): days since 1970-01-01, the same
 * representation as NumPy's datetime64[D], so arrays pass without copying.
 * The supported range is EK_DATE_MIN (1953-01-01) to EK_DATE_MAX
 * (2199-12-31), inclusive; every function returns EK_ERANGE rather than a
 * wrong answer for a date (or a computed result) outside it.
 */
#ifndef EGENKONTROLL_CALENDAR_H
#define EGENKONTROLL_CALENDAR_H

#include <egenkontroll/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A calendar date: days since 1970-01-01 (proleptic Gregorian). */
typedef int64_t ek_date;

/** "No date" (equal to NumPy's NaT). */
#define EK_DATE_NONE INT64_MIN
/** First supported date, 1953-01-01. */
#define EK_DATE_MIN ((ek_date)-6209)
/** Last supported date, 2199-12-31. */
#define EK_DATE_MAX ((ek_date)84005)
/** Buffer size for ek_date_format(): "YYYY-MM-DD" plus NUL. */
#define EK_DATE_BUFSIZE 11

/**
 * Whether a date is within the supported range (EK_DATE_MIN … EK_DATE_MAX).
 * @param d  any value, including EK_DATE_NONE.
 * @return 1 when @p d is within the range, else 0 (never fails, does not
 *         touch the last error).  Thread-safe.
 */
EK_API int ek_date_in_range(ek_date d);

/**
 * Make a date from year, month (1-12) and day (1-31).
 * @param year   proleptic Gregorian year.
 * @param month  1-12.
 * @param day    1 … the length of the month.
 * @param[out] out  receives the date; untouched on failure.
 * @return EK_OK; EK_EINVAL (@p out NULL, or an impossible date such as
 *         2026-02-29 or month 13); EK_ERANGE (a real date outside the
 *         supported range).  Thread-safe.
 */
EK_API int ek_date_from_ymd(int year, int month, int day, ek_date *out);

/**
 * Split a supported date into year, month and day.
 * @param d           the date.
 * @param[out] year   receives the year; may be NULL.
 * @param[out] month  receives the month (1-12); may be NULL.
 * @param[out] day    receives the day of the month (1-31); may be NULL.
 * @return EK_OK, EK_ERANGE (@p d outside the supported range, including
 *         EK_DATE_NONE; nothing written).  Thread-safe.
 */
EK_API int ek_date_to_ymd(ek_date d, int *year, int *month, int *day);

/**
 * Parse an ISO 8601 calendar date "YYYY-MM-DD" (exactly that form, no
 * leading/trailing space or other characters).
 * @param text      NUL-terminated; borrowed for the call.
 * @param[out] out  receives the date; untouched on failure.
 * @return EK_OK; EK_EPARSE (malformed, trailing junk; the last error names
 *         the text and the offending position) or EK_EINVAL (NULL argument,
 *         or an impossible date such as 2026-02-29) or EK_ERANGE (outside
 *         the range).  Thread-safe.
 */
EK_API int ek_date_parse(const char *text, ek_date *out);

/**
 * Like ek_date_parse() for a buffer of @p len bytes that need not be
 * NUL-terminated.
 * @param text      at least @p len bytes; borrowed for the call.
 * @param len       number of bytes of @p text to parse (exactly 10 for a date).
 * @param[out] out  receives the date; untouched on failure.
 * @return as ek_date_parse(); an empty buffer is EK_EPARSE.  Thread-safe.
 */
EK_API int ek_date_parse_n(const char *text, size_t len, ek_date *out);

/**
 * Write "YYYY-MM-DD" and a NUL into @p buf.
 * @param d         a supported date.
 * @param[out] buf  caller's buffer of @p size bytes.
 * @param size      at least EK_DATE_BUFSIZE.
 * @return EK_OK, EK_EINVAL (@p buf NULL or @p size smaller than
 *         EK_DATE_BUFSIZE), EK_ERANGE (@p d outside the supported range).
 *         Thread-safe.
 */
EK_API int ek_date_format(ek_date d, char *buf, size_t size);

/**
 * ISO weekday of a date.
 * @param d  the date.
 * @return 1 = Monday … 7 = Sunday; 0 when @p d is outside the supported
 *         range (the last error is not set).  Thread-safe.
 */
EK_API int ek_date_weekday(ek_date d);

/* ------------------------------------------------------------------------ */
/* The calendar                                                              */

/**
 * The Swedish statutory calendar over the whole supported range, built once
 * as tables (a flag byte and a working-day count per day).  Immutable after
 * ek_calendar_new(): any number of threads may use one calendar at once.
 */
typedef struct ek_calendar ek_calendar;

/** Day flags, combined with bitwise or. */
typedef enum ek_day_flags {
    EK_DAY_SATURDAY = 1u << 0,   /**< A Saturday. */
    EK_DAY_SUNDAY = 1u << 1,     /**< A Sunday (always allmän helgdag, 1989:253 1 §). */
    EK_DAY_HOLIDAY = 1u << 2,    /**< A named allmän helgdag under 1989:253 (incl. those on Sat/Sun). */
    EK_DAY_EVE = 1u << 3,        /**< An eve that 1930:173 2 § names in the wording in force on the day:
                                      midsommarafton, julafton; nyårsafton from 1975 (SFS 1974:756);
                                      påskafton 1961-06-01 to 1974-10-24 (SFS 1961:70). */
    EK_DAY_NONWORKING = 1u << 4, /**< Not a working day: 1930:173 2 § in the wording in force moves a last
                                      day falling on it (a Sunday, an allmän helgdag, or a Saturday or eve
                                      that wording names). */
    EK_DAY_UNVERIFIED = 1u << 5  /**< Neither a working day nor not: the wordings of 2 § that may be in force
                                      on the day disagree about it and none is verified (see the file
                                      comment); set only on days before 1975. */
} ek_day_flags;

/**
 * Build the calendar: about 1.3 MB of tables over 1953-2199, built in well
 * under a millisecond; build one and share it (it is immutable).
 * @param[out] out receives the calendar; owned; free with ek_calendar_free();
 *                 set to NULL on failure (unless @p out itself is NULL).
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM (nothing leaked).
 *         Thread-safe.
 */
EK_API int ek_calendar_new(ek_calendar **out);

/**
 * Free a calendar made by ek_calendar_new() (never one borrowed from
 * ek_context_calendar()).  Not while another thread uses it.
 * @param cal  the calendar, or NULL (no-op).
 */
EK_API void ek_calendar_free(ek_calendar *cal);

/**
 * The flags of a day.
 * @param cal       the calendar.
 * @param d         the day.
 * @param[out] out  receives the ::ek_day_flags bits of @p d.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p d outside the range).
 *         Thread-safe.
 */
EK_API int ek_calendar_day_flags(const ek_calendar *cal, ek_date d, unsigned int *out);

/**
 * Whether a day is a working day in the 1930:173 2 § sense, in the wording in
 * force on the day.
 * @param cal       the calendar.
 * @param d         the day.
 * @param[out] out  receives 1 for a working day, else 0; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p d outside the range, or an
 *         EK_DAY_UNVERIFIED day: the last error names it and the wordings).
 *         Thread-safe.
 */
EK_API int ek_calendar_is_working_day(const ek_calendar *cal, ek_date d, int *out);

/**
 * The Swedish name of the holiday or eve on @p d ("juldagen",
 * "midsommarafton"), or NULL for an ordinary day and for unnamed Saturdays
 * and Sundays.  The string is static.  When two holidays fall on one day
 * (första maj and Kristi himmelsfärdsdag in 2008; pingstdagen and
 * nationaldagen in 2049) the first in ek_calendar_named_days() order is
 * given.  The name is looked up in the library's message catalogue (the
 * Swedish name unless the process's locale or LANGUAGE asks for another
 * language that has a translation).
 * @param cal        the calendar.
 * @param d          the day.
 * @param[out] name  receives the name (borrowed, static: valid for the life
 *                   of the process) or NULL.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p d outside the range).
 *         Thread-safe.
 */
EK_API int ek_calendar_day_name(const ek_calendar *cal, ek_date d, const char **name);

/** One named day of a year, as listed by ek_calendar_named_days(). */
typedef struct ek_named_day {
    ek_date date;       /**< The day. */
    int is_eve;         /**< 1 for a 1930:173 eve, 0 for an allmän helgdag. */
    const char *name;   /**< Static name, translated like ek_calendar_day_name(). */
} ek_named_day;

/**
 * List the named public holidays and 1930:173 eves of @p year in date order
 * (a day with two holidays gives two entries).
 * Writes at most @p cap entries into @p out and the total number into
 * @p count (call with cap 0 to size the buffer; 32 is always enough).
 * @param cal         the calendar.
 * @param year        1953-2199.
 * @param[out] out    caller's array of @p cap entries; the names are static;
 *                    may be NULL when @p cap is 0.
 * @param cap         number of entries @p out can hold.
 * @param[out] count  receives the total number of named days of the year
 *                    (which may exceed @p cap).
 * @return EK_OK, EK_EINVAL (@p cal or @p count NULL, @p out NULL with
 *         @p cap > 0), EK_ERANGE (year outside 1953-2199).  Thread-safe.
 */
EK_API int ek_calendar_named_days(const ek_calendar *cal, int year,
                                  ek_named_day *out, size_t cap, size_t *count);

/**
 * 1930:173 2 §: @p d itself when it is a working day, else the next working
 * day (at most 5 days later: julafton on a Wednesday).
 * @param cal       the calendar.
 * @param d         the day.
 * @param[out] out  receives the working day; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p d outside the range, or the
 *         result would leave it: 2199-12-31 has no next working day; or the
 *         roll meets an EK_DAY_UNVERIFIED day before a working day, which the
 *         last error names).  Thread-safe.
 */
EK_API int ek_calendar_roll(const ek_calendar *cal, ek_date d, ek_date *out);

/** One day that a roll-over under 1930:173 2 § skips, as listed by ek_calendar_roll_explain(). */
typedef struct ek_skipped_day {
    ek_date date;        /**< The day. */
    unsigned int flags;  /**< Its ::ek_day_flags (as ek_calendar_day_flags()). */
    const char *name;    /**< Static: the holiday or eve ("julafton", "juldagen"), else "lördag" or
                              "söndag"; translated like ek_calendar_day_name(). */
    const char *basis;   /**< Static, never translated: the wording of 2 § that moves it, e.g.
                              "Lag (1930:173) 2 § i lydelse enligt SFS 1974:756". */
} ek_skipped_day;

/** More than the longest roll-over ever skips (5 days: julafton on a Wednesday). */
#define EK_ROLL_SKIPPED_MAX 8

/**
 * Why ek_calendar_roll() moves @p d: the days from @p d up to (not including)
 * the working day it returns, each with its name and the wording of 2 § in
 * force on it, for the explanation of a verdict.  A working day skips none.
 * Writes at most @p cap entries into @p out and the total into @p count (call
 * with cap 0 to size; EK_ROLL_SKIPPED_MAX is always enough).
 * @param cal         the calendar.
 * @param d           the day (a nominal end).
 * @param[out] out    caller's array of @p cap entries; may be NULL when @p cap is 0.
 * @param cap         number of entries @p out can hold.
 * @param[out] count  receives the number of days skipped (0 when @p d is a working day).
 * @return EK_OK; EK_EINVAL (@p cal or @p count NULL, @p out NULL with
 *         @p cap > 0); EK_ERANGE as ek_calendar_roll() (nothing written).
 *         Thread-safe.
 */
EK_API int ek_calendar_roll_explain(const ek_calendar *cal, ek_date d, ek_skipped_day *out, size_t cap,
                                    size_t *count);

/**
 * The @p n th working day strictly after @p d (n >= 0; n = 0 gives @p d).
 * A start on a non-working day does not count itself.
 * @param cal       the calendar.
 * @param d         the start day.
 * @param n         number of working days, >= 0.
 * @param[out] out  receives the day; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL, n < 0), EK_ERANGE (@p d outside the
 *         range, or the result after 2199-12-31, or an EK_DAY_UNVERIFIED day
 *         after @p d and up to the result: the count is then not known).
 *         Thread-safe.
 */
EK_API int ek_calendar_add_working_days(const ek_calendar *cal, ek_date d, int n, ek_date *out);

/* ------------------------------------------------------------------------ */
/* Periods and deadlines                                                     */

/** Units of a statutory period. */
typedef enum ek_period_unit {
    EK_UNIT_DAYS = 1,          /**< Days; the start day not counted. */
    EK_UNIT_WEEKS = 2,         /**< Weeks, 1930:173 1 § (same weekday). */
    EK_UNIT_MONTHS = 3,        /**< Months, 1930:173 1 § (same day number, else last day of month). */
    EK_UNIT_YEARS = 4,         /**< Years, 1930:173 1 §. */
    EK_UNIT_WORKING_DAYS = 5   /**< Working days strictly after the start. */
} ek_period_unit;

/** A period such as 14 days or 4 months.  A plain value type. */
typedef struct ek_period {
    int32_t n;             /**< Count, 0 … 100000. */
    ek_period_unit unit;   /**< Unit. */
} ek_period;

/** Buffer size that always suffices for ek_period_format(). */
#define EK_PERIOD_BUFSIZE 16

/**
 * Parse "14d", "1w", "4m", "2y" or "10wd" (non-negative count, no spaces).
 * @param text      NUL-terminated; borrowed for the call.
 * @param[out] out  receives the period; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_EPARSE (the last error names the
 *         text), EK_ERANGE (count larger than 100000).  Thread-safe.
 */
EK_API int ek_period_parse(const char *text, ek_period *out);

/**
 * Format a period in the ek_period_parse() notation.
 * @param p         the period.
 * @param[out] buf  caller's buffer of @p size bytes (EK_PERIOD_BUFSIZE suffices).
 * @param size      size of @p buf.
 * @return EK_OK, EK_EINVAL (@p buf NULL, invalid period, buffer too small).
 *         Thread-safe.
 */
EK_API int ek_period_format(ek_period p, char *buf, size_t size);

/**
 * Nominal end of a period counted from @p start (1930:173 1 §, or the start
 * day not counted for days).  Working-day periods need a calendar and are
 * rejected here with EK_EINVAL; use ek_deadline_compute().
 * @param start     the day the period is counted from.
 * @param p         the period (not EK_UNIT_WORKING_DAYS).
 * @param[out] out  receives the nominal end; untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL, invalid period, working days),
 *         EK_ERANGE (@p start or the end outside the range).  Thread-safe.
 */
EK_API int ek_period_add(ek_date start, ek_period p, ek_date *out);

/** A computed deadline. */
typedef struct ek_deadline {
    ek_date start;    /**< The day the period is counted from. */
    ek_date nominal;  /**< End under 1930:173 1 § (or day/working-day counting). */
    ek_date legal;    /**< nominal rolled to a working day under 1930:173 2 § (equal for working days). */
} ek_deadline;

/**
 * Compute nominal and legal end of @p p counted from @p start.
 * @param cal       the calendar.
 * @param start     the day the period is counted from.
 * @param p         the period (any unit).
 * @param[out] out  receives the deadline.
 * @return EK_OK, EK_EINVAL (NULL, invalid period), EK_ERANGE (the start, the
 *         nominal end or the legal end outside the range, or the roll-over or a
 *         working-day count meets an EK_DAY_UNVERIFIED day; @p out untouched).
 *         Thread-safe.
 */
EK_API int ek_deadline_compute(const ek_calendar *cal, ek_date start, ek_period p, ek_deadline *out);

/**
 * Who set a time limit, which decides whether 1930:173 2 § moves its last day
 * (DOMAIN.md §3; docs/rules.md "Tidsfristens art").  2 § applies to the time
 * within which an action must be taken "enligt lag eller särskild
 * författning"; a number the board's policy gives to a duty the law leaves
 * open, and a day fixed by a decision, are not such times.
 */
typedef enum ek_period_kind {
    EK_PERIOD_LAW = 0,      /**< Set by law or ordinance ("inom fjorton dagar", "fyra månader"): 1930:173 1 § and the 2 § roll-over. */
    EK_PERIOD_POLICY = 1,   /**< The policy's number for a duty the law leaves open ("genast", "snarast", "regelbundet"): counted like a period (days, 1 § months), never rolled. */
    EK_PERIOD_SET_DATE = 2  /**< A day fixed by a decision of the board or an authority (an extension's new end date, IVO's reply date, a measure's due date): that day, never rolled. */
} ek_period_kind;

/**
 * The code of a period kind: "lag", "policy" or "faststalld_dag".
 * @param kind  the kind.
 * @return the code; static; NULL for an unknown value.  Thread-safe.
 */
EK_API const char *ek_period_kind_name(ek_period_kind kind);

/**
 * ek_deadline_compute() for a limit of a given kind: for EK_PERIOD_LAW the
 * same result; for EK_PERIOD_POLICY and EK_PERIOD_SET_DATE the legal end is
 * the nominal end (no roll-over).  For EK_PERIOD_SET_DATE pass the day set as
 * @p start and a period of 0 days.
 * @param cal       the calendar.
 * @param start     the day the period is counted from (the day set, for EK_PERIOD_SET_DATE).
 * @param p         the period (any unit; 0 days for EK_PERIOD_SET_DATE).
 * @param kind      the kind.
 * @param[out] out  receives the deadline; untouched on failure.
 * @return as ek_deadline_compute(); EK_EINVAL also for an unknown @p kind or a
 *         EK_PERIOD_SET_DATE with a non-zero period.  Thread-safe.
 */
EK_API int ek_deadline_compute_kind(const ek_calendar *cal, ek_date start, ek_period p, ek_period_kind kind,
                                    ek_deadline *out);

/* ------------------------------------------------------------------------ */
/* Batch entry points: no allocation, no per-element error handling.        */
/* An element that is EK_DATE_NONE or out of range, or whose result the      */
/* scalar call refuses (an EK_DAY_UNVERIFIED day), gives EK_DATE_NONE in the */
/* output; the return value is then EK_ERANGE and the last error names the   */
/* first such index.  Input and output may be the same array.               */

/**
 * ek_calendar_roll() over @p count dates.
 * @param cal       the calendar.
 * @param in        @p count dates (may be NULL when @p count is 0).
 * @param[out] out  @p count results (may be @p in).
 * @param count     number of dates.
 * @return EK_OK, EK_EINVAL (@p cal NULL, an array NULL with @p count > 0),
 *         EK_ERANGE (see above: every element is still written).  Thread-safe.
 */
EK_API int ek_calendar_roll_batch(const ek_calendar *cal, const ek_date *in, ek_date *out, size_t count);

/**
 * ek_calendar_add_working_days() over @p count dates, the same @p n for each.
 * @param cal       the calendar.
 * @param in        @p count start dates (may be NULL when @p count is 0).
 * @param n         number of working days, >= 0.
 * @param[out] out  @p count results (may be @p in).
 * @param count     number of dates.
 * @return EK_OK, EK_EINVAL (@p cal NULL, an array NULL with @p count > 0,
 *         n < 0; nothing written), EK_ERANGE (see above).  Thread-safe.
 */
EK_API int ek_calendar_add_working_days_batch(const ek_calendar *cal, const ek_date *in, int n,
                                              ek_date *out, size_t count);

/**
 * ek_deadline_compute() over @p count start dates with one period; either
 * output array may be NULL.  When only the roll-over leaves the range
 * (nominal end 2199-12-31) the nominal end is written and the legal end is
 * EK_DATE_NONE.
 * @param cal           the calendar.
 * @param start         @p count start dates (may be NULL when @p count is 0).
 * @param p             the period, any unit.
 * @param[out] nominal  @p count nominal ends, or NULL.
 * @param[out] legal    @p count legal ends, or NULL.
 * @param count         number of dates.
 * @return EK_OK, EK_EINVAL (@p cal NULL, @p start NULL with @p count > 0,
 *         invalid period; nothing written), EK_ERANGE (see above).
 *         Thread-safe.
 */
EK_API int ek_deadline_compute_batch(const ek_calendar *cal, const ek_date *start, ek_period p,
                                     ek_date *nominal, ek_date *legal, size_t count);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_CALENDAR_H */
