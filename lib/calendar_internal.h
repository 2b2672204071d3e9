/* SPDX-License-Identifier: MIT */
/* Private helpers of the calendar module (date.c, period.c, calendar.c).  Not installed. */
#ifndef EK_CALENDAR_INTERNAL_H
#define EK_CALENDAR_INTERNAL_H

#include <egenkontroll/calendar.h>

#define EK__YEAR_MIN 1953
#define EK__YEAR_MAX 2199

/* Days since 1970-01-01 of a proleptic Gregorian y-m-d (no checks; any int year). */
int64_t ek__days_from_civil(int64_t y, int m, int d);
/* Inverse of ek__days_from_civil() for any int64 within +-2^40 days. */
void ek__civil_from_days(int64_t z, int64_t *y, int *m, int *d);
/* 28..31 for a valid month. */
int ek__days_in_month(int64_t y, int m);
/* "YYYY-MM-DD" (or "day N" for dates whose year is not 0..9999) into buf of >= 32 bytes; never fails. */
const char *ek__date_str(ek_date d, char *buf, size_t size);

/*
 * ek_deadline_compute_kind() without argument checks, for the evaluators' hot
 * path: @cal valid, @start in range, @p valid.  Returns EK_OK, or EK_ERANGE
 * (the end, or for a time set by law its roll-over, outside the range or on an
 * unverified day) with the last error set as the public function sets it.
 */
int ek__deadline_kind(const ek_calendar *cal, ek_date start, ek_period p, ek_period_kind kind, ek_deadline *out);

/*
 * The language of the names @cal returns (i18n.h; EK__LANG_PROCESS, the
 * default, follows the calling thread): set by ek_context_set_language() on
 * the context's own calendar.
 */
void ek__calendar_set_lang(ek_calendar *cal, int lang);

/* EK_OK, or EK_EINVAL with the last error naming @fn. */
int ek__period_check(ek_period p, const char *fn);

#endif
