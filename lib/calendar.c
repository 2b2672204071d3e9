/* SPDX-License-Identifier: MIT */
/*
 * The Swedish statutory calendar as tables over the whole supported range.
 *
 * Per day (index i = d - EK_DATE_MIN):
 *   bits[i]    ek_day_flags in bits 0-4; bits 5-7: days to the next working
 *              day (0 on a working day, at most 5 in 1953-2199), or
 *              ROLL_UNVERIFIED when an EK_DAY_UNVERIFIED day comes first (on
 *              such a day itself too), or ROLL_NONE when there is none before
 *              the end of the range;
 *   upto[i]    number of working days in [EK_DATE_MIN, d];
 *   unv_upto[i] number of EK_DAY_UNVERIFIED days in [EK_DATE_MIN, d], kept
 *              only for i < unv_end (none later);
 *   ymd[i]     month index (months since 1953-01) << 5 | day of month.
 * Per working day k (0-based): wdate[k] = its day index.
 * Per month: month_start (day index of its 1st) and month_len.
 * So roll, +N working days and +N months are a few table look-ups each.
 *
 * Sources: Lag (1989:253) om allmänna helgdagar, as amended by SFS 2004:1320
 * (nationaldagen from 2005, annandag pingst up to 2004); Lag (1930:173) om
 * beräkning av lagstadgad tid, 1 § (period ends) and 2 § (roll-over) in the
 * wording in force on the day: the table WORDINGS below, read from the SFS
 * texts listed in docs/rules.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "calendar_internal.h"
#include "i18n.h"
#include "internal.h"

#define NDAYS ((size_t)(EK_DATE_MAX - EK_DATE_MIN + 1))
#define NMONTHS ((EK__YEAR_MAX - EK__YEAR_MIN + 1) * 12)
#define FLAG_MASK 0x1fu
#define ROLL_SHIFT 5
#define ROLL_UNVERIFIED 6u
#define ROLL_NONE 7u
#define NAMED_MAX 32

struct ek_calendar {
    uint8_t *bits;
    int32_t *upto;
    uint32_t *ymd;
    int32_t *wdate;
    int32_t *unv_upto;
    int32_t unv_end;
    int32_t nwd;
    int32_t month_start[NMONTHS + 1];
    uint8_t month_len[NMONTHS];
    int lang; /* of the names returned (i18n.h); EK__LANG_PROCESS: the calling thread's */
};

void ek__calendar_set_lang(ek_calendar *cal, int lang)
{
    if (cal != NULL)
        cal->lang = lang;
}

/* The calendar's language for EK__LANG_SCOPE(): its context's, else the calling thread's. */
static int cal_lang(const ek_calendar *cal)
{
    return cal->lang != EK__LANG_PROCESS ? cal->lang : EK__LANG_KEEP;
}

static const char RANGE_TEXT[] = N_("the supported range 1953-01-01 to 2199-12-31");

/* ---- Lag (1930:173) 2 §: the days it names, wording by wording ------------
 *
 * Besides Sundays and allmänna helgdagar (named by every wording), a wording
 * names some of these kinds of day.  A day's kinds are its REASON bits. */
enum {
    R_SATURDAY = 1u << 0,         /* any Saturday */
    R_SATURDAY_JUN_SEP = 1u << 1, /* a Saturday in June, July, August or September */
    R_PASKAFTON = 1u << 2,
    R_MIDSOMMARAFTON = 1u << 3,
    R_JULAFTON = 1u << 4,
    R_NYARSAFTON = 1u << 5,
    R_EVES = R_PASKAFTON | R_MIDSOMMARAFTON | R_JULAFTON | R_NYARSAFTON,
    R_ANY = R_SATURDAY | R_SATURDAY_JUN_SEP | R_EVES
};

/* The wordings read (docs/rules.md, "Lag (1930:173)"). */
#define W_1961 (R_SATURDAY_JUN_SEP | R_PASKAFTON | R_MIDSOMMARAFTON | R_JULAFTON)  /* SFS 1961:70 */
#define W_1965 (R_SATURDAY | R_MIDSOMMARAFTON | R_JULAFTON)                        /* SFS 1965:127 */
#define W_1974 (R_SATURDAY | R_MIDSOMMARAFTON | R_JULAFTON | R_NYARSAFTON)         /* SFS 1974:756 */

/*
 * From its first day to the next entry's, the wordings that may be in force
 * (the days on which 1965:127 and 1974:756 entered into force were not read,
 * nor the wording before 1961:70).  A day rolls when every candidate names
 * it, is a working day when none does, and is EK_DAY_UNVERIFIED otherwise.
 * "Not read" before 1961-06-01 is the pair {nothing, everything}: only
 * Sundays and allmänna helgdagar (söndagsregeln, in every wording) are
 * certain there.  An eve is flagged EK_DAY_EVE when it rolls and a verified
 * wording (verified = 1) names it.
 */
static const struct wording_period {
    int y, m, d;                /* first day */
    unsigned cand[2];           /* the candidate wordings (equal when one is known) */
    int verified;               /* the candidates are wordings read, not placeholders */
    const char *basis;          /* for ek_skipped_day.basis: never translated */
    const char *why;            /* for the refusal, English msgid */
} WORDINGS[] = {
    { 1953, 1, 1, { 0, R_ANY }, 0, "Lag (1930:173) 2 § (söndag och allmän helgdag: varje lydelse)",
      N_("before 1961-06-01 (SFS 1961:70) the wording of Lag (1930:173) 2 § (SFS 1935:100) has not been "
         "verified: only Sundays and allmänna helgdagar are certain") },
    { 1961, 6, 1, { W_1961, W_1965 }, 1, "Lag (1930:173) 2 § i lydelse enligt SFS 1961:70 eller SFS 1965:127",
      N_("Lag (1930:173) 2 § named only the Saturdays of June-September from 1961-06-01 (SFS 1961:70) and "
         "every Saturday under SFS 1965:127, whose day of entry into force has not been verified "
         "(it was in force on 1974-10-25, prop. 1974:147)") },
    { 1974, 10, 25, { W_1965, W_1974 }, 1, "Lag (1930:173) 2 § i lydelse enligt SFS 1965:127 eller SFS 1974:756",
      N_("SFS 1974:756 added nyårsafton to Lag (1930:173) 2 § in December 1974, and the day it entered into "
         "force has not been verified") },
    { 1975, 1, 1, { W_1974, W_1974 }, 1, "Lag (1930:173) 2 § i lydelse enligt SFS 1974:756", NULL },
};
#define NWORDINGS (sizeof WORDINGS / sizeof WORDINGS[0])

/* Index into WORDINGS of the period holding day d. */
static size_t wording_of(ek_date d)
{
    size_t k = 0;
    while (k + 1 < NWORDINGS &&
           d >= ek__days_from_civil(WORDINGS[k + 1].y, WORDINGS[k + 1].m, WORDINGS[k + 1].d))
        k++;
    return k;
}

/* ---- the named days of a year ------------------------------------------ */

/* Gregorian Easter Sunday (anonymous Gregorian algorithm / Meeus-Jones-Butcher). */
static ek_date easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return ek__days_from_civil(y, month, day);
}

static int weekday_of(ek_date d)   /* ISO 1..7, any date */
{
    int64_t r = (d + 3) % 7;
    return (int)(r < 0 ? r + 7 : r) + 1;
}

/* The Saturday on or after y-m-d. */
static ek_date saturday_from(int y, int m, int d)
{
    ek_date s = ek__days_from_civil(y, m, d);
    return s + (6 - weekday_of(s) + 7) % 7;
}

/*
 * The named allmänna helgdagar and every eve any wording of 1930:173 2 § names,
 * of @year, in date order (stable: on a shared date, the order below).  Returns
 * the count (<= NAMED_MAX).  is_eve holds the eve's R_* bit here (0 for a
 * holiday); which eves count on a day is the calendar's EK_DAY_EVE.
 */
static size_t year_named(int y, ek_named_day *out)
{
    size_t n = 0;
    ek_date e = easter(y);
    ek_date midsommar = saturday_from(y, 6, 20);
#define ADD(date_, eve_, name_) do { out[n].date = (date_); out[n].is_eve = (eve_); out[n].name = (name_); n++; } while (0)
    ADD(ek__days_from_civil(y, 1, 1), 0, N_("nyårsdagen"));
    ADD(ek__days_from_civil(y, 1, 6), 0, N_("trettondedag jul"));
    ADD(e - 2, 0, N_("långfredagen"));
    ADD(e - 1, R_PASKAFTON, N_("påskafton"));   /* a 2 § eve only while SFS 1961:70 may be in force */
    ADD(e, 0, N_("påskdagen"));
    ADD(e + 1, 0, N_("annandag påsk"));
    ADD(ek__days_from_civil(y, 5, 1), 0, N_("första maj"));
    ADD(e + 39, 0, N_("Kristi himmelsfärdsdag"));
    ADD(e + 49, 0, N_("pingstdagen"));
    if (y <= 2004)   /* removed by SFS 2004:1320 */
        ADD(e + 50, 0, N_("annandag pingst"));
    if (y >= 2005)   /* added by SFS 2004:1320 */
        ADD(ek__days_from_civil(y, 6, 6), 0, N_("nationaldagen"));
    ADD(midsommar - 1, R_MIDSOMMARAFTON, N_("midsommarafton"));
    ADD(midsommar, 0, N_("midsommardagen"));
    ADD(saturday_from(y, 10, 31), 0, N_("alla helgons dag"));
    ADD(ek__days_from_civil(y, 12, 24), R_JULAFTON, N_("julafton"));
    ADD(ek__days_from_civil(y, 12, 25), 0, N_("juldagen"));
    ADD(ek__days_from_civil(y, 12, 26), 0, N_("annandag jul"));
    ADD(ek__days_from_civil(y, 12, 31), R_NYARSAFTON, N_("nyårsafton"));
#undef ADD
    /* Insertion sort, stable: Kristi himmelsfärdsdag may precede or meet
     * första maj; pingstdagen may follow or meet nationaldagen. */
    for (size_t i = 1; i < n; i++) {
        ek_named_day t = out[i];
        size_t j = i;
        while (j > 0 && out[j - 1].date > t.date) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = t;
    }
    return n;
}

/* ---- building ------------------------------------------------------------ */

int ek_calendar_new(ek_calendar **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_calendar_new: out is NULL");
    *out = NULL;
    ek_calendar *cal = ek__calloc(1, sizeof *cal);
    if (cal == NULL)
        return ek__oom();
    cal->bits = ek__calloc(NDAYS, sizeof *cal->bits);
    cal->upto = cal->bits ? ek__calloc(NDAYS, sizeof *cal->upto) : NULL;
    cal->ymd = cal->upto ? ek__malloc(NDAYS * sizeof *cal->ymd) : NULL;
    if (cal->ymd == NULL) {
        ek_calendar_free(cal);
        return ek__oom();
    }

    /* Holidays, and the eves' reason bits (kept in bits 2-7 until the flags are set). */
    ek_named_day nd[NAMED_MAX];
    for (int y = EK__YEAR_MIN; y <= EK__YEAR_MAX; y++) {
        size_t n = year_named(y, nd);
        for (size_t k = 0; k < n; k++) {
            size_t i = (size_t)(nd[k].date - EK_DATE_MIN);
            if (nd[k].is_eve)
                cal->bits[i] = (uint8_t)(cal->bits[i] | (unsigned)nd[k].is_eve << 2);
            else
                cal->upto[i] = 1;   /* scratch: an allmän helgdag */
        }
    }
    /* Flags under the wording of 2 § in force, working-day counts, months. */
    enum { S_WORK, S_ROLL, S_UNV };
    int32_t nwd = 0, last_unv = -1;
    int wd = weekday_of(EK_DATE_MIN);
    int y = EK__YEAR_MIN, m = 1, md = 1, mi = 0;
    size_t wk = 0;
    ek_date next_start = ek__days_from_civil(WORDINGS[1].y, WORDINGS[1].m, WORDINGS[1].d);
    for (size_t i = 0; i < NDAYS; i++) {
        ek_date d = EK_DATE_MIN + (ek_date)i;
        while (wk + 1 < NWORDINGS && d >= next_start) {
            wk++;
            next_start = wk + 1 < NWORDINGS ? ek__days_from_civil(WORDINGS[wk + 1].y, WORDINGS[wk + 1].m,
                                                                 WORDINGS[wk + 1].d) : EK_DATE_MAX + 1;
        }
        const struct wording_period *w = &WORDINGS[wk];
        unsigned reason = (unsigned)cal->bits[i] >> 2, b = cal->upto[i] ? (unsigned)EK_DAY_HOLIDAY : 0u;
        if (wd == 6) {
            b |= EK_DAY_SATURDAY;
            reason |= R_SATURDAY | (m >= 6 && m <= 9 ? (unsigned)R_SATURDAY_JUN_SEP : 0u);
        } else if (wd == 7) {
            b |= EK_DAY_SUNDAY;
        }
        int st;
        if (b & (EK_DAY_SUNDAY | EK_DAY_HOLIDAY))
            st = S_ROLL;   /* söndag och allmän helgdag: every wording */
        else {
            int r0 = (reason & w->cand[0]) != 0, r1 = (reason & w->cand[1]) != 0;
            st = r0 && r1 ? S_ROLL : !r0 && !r1 ? S_WORK : S_UNV;
        }
        if (st == S_ROLL) {
            b |= EK_DAY_NONWORKING;
            if (w->verified && (reason & R_EVES & (w->cand[0] | w->cand[1])))
                b |= EK_DAY_EVE;
        }
        /* bits 5-7 hold the status until the roll distances are computed */
        cal->bits[i] = (uint8_t)(b | (unsigned)st << ROLL_SHIFT);
        if (st == S_WORK)
            nwd++;
        else if (st == S_UNV)
            last_unv = (int32_t)i;
        cal->upto[i] = nwd;
        if (md == 1) {
            cal->month_start[mi] = (int32_t)i;
            cal->month_len[mi] = (uint8_t)ek__days_in_month(y, m);
        }
        cal->ymd[i] = (uint32_t)mi << 5 | (uint32_t)md;
        wd = wd == 7 ? 1 : wd + 1;
        if (++md > ek__days_in_month(y, m)) {
            md = 1;
            mi++;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    cal->month_start[NMONTHS] = (int32_t)NDAYS;
    cal->nwd = nwd;
    cal->unv_end = last_unv + 1;
    cal->wdate = ek__malloc((size_t)(nwd > 0 ? nwd : 1) * sizeof *cal->wdate);
    cal->unv_upto = cal->wdate ? ek__malloc((size_t)(cal->unv_end > 0 ? cal->unv_end : 1) * sizeof *cal->unv_upto)
                               : NULL;
    if (cal->unv_upto == NULL) {
        ek_calendar_free(cal);
        return ek__oom();
    }
    for (int32_t i = 0, c = 0; i < cal->unv_end; i++) {
        c += (cal->bits[i] >> ROLL_SHIFT) == S_UNV;
        cal->unv_upto[i] = c;
    }
    /* Working-day index and roll distances (backwards). */
    int32_t k = nwd;
    unsigned after = ROLL_NONE;   /* the roll code of the day after i */
    for (size_t i = NDAYS; i-- > 0;) {
        unsigned st = (unsigned)cal->bits[i] >> ROLL_SHIFT, code;
        if (st == S_WORK) {
            code = 0;
            cal->wdate[--k] = (int32_t)i;
        } else if (st == S_UNV) {
            code = ROLL_UNVERIFIED;
        } else if (after >= ROLL_UNVERIFIED) {
            code = after;   /* no working day before an unverified day or the end */
        } else {
            code = after + 1;
            if (code >= ROLL_UNVERIFIED) {   /* never for 1989:253 / 1930:173 */
                ek_calendar_free(cal);
                return ek__error(EK_EINTERNAL, "ek_calendar_new: %u non-working days in a row", code);
            }
        }
        cal->bits[i] = (uint8_t)((cal->bits[i] & FLAG_MASK) | code << ROLL_SHIFT);
        after = code;
    }
    *out = cal;
    return EK_OK;
}

void ek_calendar_free(ek_calendar *cal)
{
    if (cal == NULL)
        return;
    ek__free(cal->bits);
    ek__free(cal->upto);
    ek__free(cal->ymd);
    ek__free(cal->wdate);
    ek__free(cal->unv_upto);
    ek__free(cal);
}

/* ---- scalar queries ------------------------------------------------------ */

static int range_error(const char *fn, ek_date d)
{
    char b[32];
    return ek__error(EK_ERANGE, "%s: date %s is outside %s", fn, ek__date_str(d, b, sizeof b), _(RANGE_TEXT));
}

#define CHECK_CAL(fn) do { if (cal == NULL) return ek__error(EK_EINVAL, fn ": calendar is NULL"); } while (0)
#define CHECK_DATE(fn, d) do { if (!ek_date_in_range(d)) return range_error(fn, d); } while (0)

static inline unsigned roll_code(const ek_calendar *cal, size_t i) { return (unsigned)cal->bits[i] >> ROLL_SHIFT; }

/* An EK_DAY_UNVERIFIED day: neither a working day nor a day 2 § certainly moves. */
static inline int is_unverified(const ek_calendar *cal, size_t i)
{
    return roll_code(cal, i) == ROLL_UNVERIFIED && !(cal->bits[i] & EK_DAY_NONWORKING);
}

static inline unsigned flags_of(const ek_calendar *cal, size_t i)
{
    return (cal->bits[i] & FLAG_MASK) | (is_unverified(cal, i) ? (unsigned)EK_DAY_UNVERIFIED : 0u);
}

/* Number of EK_DAY_UNVERIFIED days in (i, j] (day indices, i < j). */
static inline int64_t unverified_between(const ek_calendar *cal, size_t i, size_t j)
{
    if ((int64_t)i + 1 >= cal->unv_end)
        return 0;
    size_t jj = j < (size_t)cal->unv_end ? j : (size_t)cal->unv_end - 1;
    return (int64_t)cal->unv_upto[jj] - cal->unv_upto[i];
}

/* The first EK_DAY_UNVERIFIED day at or after day index i (one exists). */
static ek_date first_unverified(const ek_calendar *cal, size_t i)
{
    while (i + 1 < (size_t)cal->unv_end && !is_unverified(cal, i))
        i++;
    return EK_DATE_MIN + (ek_date)i;
}

/* EK_ERANGE: what 2 § does on day @u (an EK_DAY_UNVERIFIED day met from @d) is not verified. */
static int unverified_error(const char *fn, ek_date d, ek_date u)
{
    char b[32], bu[32];
    const char *why = WORDINGS[wording_of(u)].why;
    if (d == u)
        return ek__error(EK_ERANGE, "%s: whether Lag (1930:173) 2 § moves a last day falling on %s is not "
                         "verified: %s (docs/rules.md)", fn, ek__date_str(u, bu, sizeof bu), _(why));
    return ek__error(EK_ERANGE, "%s: counting from %s meets %s, and whether Lag (1930:173) 2 § moves a last "
                     "day falling on it is not verified: %s (docs/rules.md)", fn, ek__date_str(d, b, sizeof b),
                     ek__date_str(u, bu, sizeof bu), _(why));
}

int ek_calendar_day_flags(const ek_calendar *cal, ek_date d, unsigned int *out)
{
    CHECK_CAL("ek_calendar_day_flags");
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_calendar_day_flags: out is NULL");
    CHECK_DATE("ek_calendar_day_flags", d);
    *out = flags_of(cal, (size_t)(d - EK_DATE_MIN));
    return EK_OK;
}

int ek_calendar_is_working_day(const ek_calendar *cal, ek_date d, int *out)
{
    CHECK_CAL("ek_calendar_is_working_day");
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_calendar_is_working_day: out is NULL");
    CHECK_DATE("ek_calendar_is_working_day", d);
    size_t i = (size_t)(d - EK_DATE_MIN);
    if (is_unverified(cal, i))
        return unverified_error("ek_calendar_is_working_day", d, d);
    *out = !(cal->bits[i] & EK_DAY_NONWORKING);
    return EK_OK;
}

/* The untranslated name of a holiday, or of an eve the wording in force names, on day index i; else NULL. */
static const char *name_of(const ek_calendar *cal, size_t i)
{
    unsigned f = cal->bits[i];
    if (!(f & (EK_DAY_HOLIDAY | EK_DAY_EVE)))
        return NULL;
    ek_date d = EK_DATE_MIN + (ek_date)i;
    int y;
    (void)ek_date_to_ymd(d, &y, NULL, NULL);
    ek_named_day nd[NAMED_MAX];
    size_t n = year_named(y, nd);
    for (size_t k = 0; k < n; k++)
        if (nd[k].date == d && (nd[k].is_eve ? (f & EK_DAY_EVE) : (f & EK_DAY_HOLIDAY)))
            return nd[k].name;
    return NULL;
}

int ek_calendar_day_name(const ek_calendar *cal, ek_date d, const char **name)
{
    CHECK_CAL("ek_calendar_day_name");
    EK__LANG_SCOPE(cal_lang(cal));
    if (name == NULL)
        return ek__error(EK_EINVAL, "ek_calendar_day_name: name is NULL");
    CHECK_DATE("ek_calendar_day_name", d);
    const char *n = name_of(cal, (size_t)(d - EK_DATE_MIN));
    *name = n ? _(n) : NULL;  /* translated (static for the process lifetime) */
    return EK_OK;
}

int ek_calendar_named_days(const ek_calendar *cal, int year, ek_named_day *out, size_t cap, size_t *count)
{
    CHECK_CAL("ek_calendar_named_days");
    EK__LANG_SCOPE(cal_lang(cal));
    if (count == NULL || (out == NULL && cap > 0))
        return ek__error(EK_EINVAL, "ek_calendar_named_days: NULL argument");
    if (year < EK__YEAR_MIN || year > EK__YEAR_MAX)
        return ek__error(EK_ERANGE, "ek_calendar_named_days: year %d is outside %s", year, _(RANGE_TEXT));
    ek_named_day nd[NAMED_MAX];
    size_t n = year_named(year, nd), kept = 0;
    for (size_t k = 0; k < n; k++) {
        /* an eve only where the wording of 2 § in force names it */
        if (nd[k].is_eve && !(cal->bits[nd[k].date - EK_DATE_MIN] & EK_DAY_EVE))
            continue;
        if (kept < cap) {
            out[kept] = nd[k];
            out[kept].is_eve = nd[k].is_eve != 0;
            out[kept].name = _(nd[k].name);  /* translated (static for the process lifetime) */
        }
        kept++;
    }
    *count = kept;
    return EK_OK;
}

/* EK_OK with the rolled day in *out, or the error of a roll from d. */
static int roll_one(const ek_calendar *cal, const char *fn, ek_date d, ek_date *out)
{
    size_t i = (size_t)(d - EK_DATE_MIN);
    unsigned delta = roll_code(cal, i);
    if (delta == ROLL_NONE) {
        char b[32];
        return ek__error(EK_ERANGE, "%s: the next working day after %s is after 2199-12-31, "
                         "the end of the supported range", fn, ek__date_str(d, b, sizeof b));
    }
    if (delta == ROLL_UNVERIFIED)
        return unverified_error(fn, d, first_unverified(cal, i));
    *out = d + delta;
    return EK_OK;
}

int ek_calendar_roll(const ek_calendar *cal, ek_date d, ek_date *out)
{
    CHECK_CAL("ek_calendar_roll");
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_calendar_roll: out is NULL");
    CHECK_DATE("ek_calendar_roll", d);
    return roll_one(cal, "ek_calendar_roll", d, out);
}

int ek_calendar_roll_explain(const ek_calendar *cal, ek_date d, ek_skipped_day *out, size_t cap, size_t *count)
{
    CHECK_CAL("ek_calendar_roll_explain");
    EK__LANG_SCOPE(cal_lang(cal));
    if (count == NULL || (out == NULL && cap > 0))
        return ek__error(EK_EINVAL, "ek_calendar_roll_explain: NULL argument");
    CHECK_DATE("ek_calendar_roll_explain", d);
    ek_date r = d; /* set by roll_one(); initialised for -Wmaybe-uninitialized in release builds */
    int rc = roll_one(cal, "ek_calendar_roll_explain", d, &r);
    if (rc != EK_OK)
        return rc;
    size_t n = 0;
    for (ek_date x = d; x < r; x++, n++) {
        if (n >= cap)
            continue;
        size_t i = (size_t)(x - EK_DATE_MIN);
        unsigned f = flags_of(cal, i);
        const char *nm = name_of(cal, i);
        if (nm == NULL)
            nm = (f & EK_DAY_SATURDAY) ? N_("lördag") : N_("söndag");   /* nothing else rolls unnamed */
        out[n].date = x;
        out[n].flags = f;
        out[n].name = _(nm);
        out[n].basis = WORDINGS[wording_of(x)].basis;
    }
    *count = n;
    return EK_OK;
}

/* Index into wdate of the n-th (n >= 1) working day strictly after day index i, or -1. */
static inline int64_t nth_after(const ek_calendar *cal, size_t i, int64_t n)
{
    int64_t k = (int64_t)cal->upto[i] + n - 1;
    return k < cal->nwd ? k : -1;
}

int ek_calendar_add_working_days(const ek_calendar *cal, ek_date d, int n, ek_date *out)
{
    CHECK_CAL("ek_calendar_add_working_days");
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_calendar_add_working_days: out is NULL");
    if (n < 0)
        return ek__error(EK_EINVAL, "ek_calendar_add_working_days: count %d is negative", n);
    CHECK_DATE("ek_calendar_add_working_days", d);
    if (n == 0) {
        *out = d;
        return EK_OK;
    }
    size_t i = (size_t)(d - EK_DATE_MIN);
    int64_t k = nth_after(cal, i, n);
    if (k < 0) {
        char b[32];
        return ek__error(EK_ERANGE, "ek_calendar_add_working_days: %s + %d working days is after 2199-12-31, "
                         "the end of the supported range", ek__date_str(d, b, sizeof b), n);
    }
    if (unverified_between(cal, i, (size_t)cal->wdate[k]) > 0)
        return unverified_error("ek_calendar_add_working_days", d, first_unverified(cal, i + 1));
    *out = EK_DATE_MIN + cal->wdate[k];
    return EK_OK;
}

/* ---- deadlines ------------------------------------------------------------ */

/*
 * The nominal and legal end for day index i (in range).  Returns 0 on
 * success, 1 when the nominal end is out of range (both NONE), 2 when only
 * the legal end is (nominal set, legal NONE), 3 when the roll-over meets an
 * EK_DAY_UNVERIFIED day (nominal set, legal NONE), 4 when a working-day count
 * does (both NONE).
 */
static inline int deadline_one(const ek_calendar *cal, size_t i, ek_period p, ek_date *nom, ek_date *leg)
{
    int64_t j;
    switch (p.unit) {
    case EK_UNIT_DAYS:
        j = (int64_t)i + p.n;
        break;
    case EK_UNIT_WEEKS:
        j = (int64_t)i + (int64_t)7 * p.n;
        break;
    case EK_UNIT_MONTHS:
    case EK_UNIT_YEARS: {
        uint32_t ym = cal->ymd[i];
        int64_t m2 = (int64_t)(ym >> 5) + (p.unit == EK_UNIT_YEARS ? (int64_t)12 * p.n : p.n);
        if (m2 >= NMONTHS)
            goto none;
        unsigned md = ym & 31u, len = cal->month_len[m2];
        j = cal->month_start[m2] + (int64_t)(md < len ? md : len) - 1;
        break;
    }
    default: { /* EK_UNIT_WORKING_DAYS */
        if (p.n == 0) {
            *nom = *leg = EK_DATE_MIN + (int64_t)i;
            return 0;
        }
        int64_t k = nth_after(cal, i, p.n);
        if (k < 0)
            goto none;
        if (unverified_between(cal, i, (size_t)cal->wdate[k]) > 0) {
            *nom = *leg = EK_DATE_NONE;
            return 4;
        }
        *nom = *leg = EK_DATE_MIN + cal->wdate[k];
        return 0;
    }
    }
    if (j >= (int64_t)NDAYS)
        goto none;
    *nom = EK_DATE_MIN + j;
    unsigned delta = cal->bits[j] >> ROLL_SHIFT;
    if (delta >= ROLL_UNVERIFIED) {
        *leg = EK_DATE_NONE;
        return delta == ROLL_NONE ? 2 : 3;
    }
    *leg = *nom + delta;
    return 0;
none:
    *nom = *leg = EK_DATE_NONE;
    return 1;
}

/*
 * The deadline of @p from @start for a limit of @kind, arguments already
 * checked (@fn names the caller in errors).  One body for the public
 * functions and the evaluators' hot path (ek__deadline_kind()).
 */
/* deadline_kind()'s failures (out of line: the hot path keeps no buffers on its stack). */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int deadline_error(const ek_calendar *cal, ek_date start, ek_period p, int st, ek_date nominal,
                          const char *fn)
{
    char b[32], b2[32], pb[EK_PERIOD_BUFSIZE];
    (void)ek_period_format(p, pb, sizeof pb);
    if (st == 1)
        return ek__error(EK_ERANGE, "%s + %s ends after 2199-12-31, the end of the supported range",
                         ek__date_str(start, b, sizeof b), pb);
    if (st == 3)
        return unverified_error(fn, nominal, first_unverified(cal, (size_t)(nominal - EK_DATE_MIN)));
    if (st == 4)
        return unverified_error(fn, start, first_unverified(cal, (size_t)(start - EK_DATE_MIN) + 1));
    return ek__error(EK_ERANGE, "%s + %s ends on %s, whose next working day is after 2199-12-31, "
                     "the end of the supported range", ek__date_str(start, b, sizeof b), pb,
                     ek__date_str(nominal, b2, sizeof b2));
}

static int deadline_kind(const ek_calendar *cal, ek_date start, ek_period p, ek_period_kind kind, ek_deadline *out,
                         const char *fn)
{
    ek_deadline r = { start, EK_DATE_NONE, EK_DATE_NONE };
    int st = deadline_one(cal, (size_t)(start - EK_DATE_MIN), p, &r.nominal, &r.legal);
    if (kind != EK_PERIOD_LAW && (st == 2 || st == 3))
        st = 0; /* not a time set by law: 1930:173 2 § does not move it, so its roll-over does not matter */
    if (st != 0)
        return deadline_error(cal, start, p, st, r.nominal, fn);
    if (kind != EK_PERIOD_LAW)
        r.legal = r.nominal;
    *out = r;
    return EK_OK;
}

int ek__deadline_kind(const ek_calendar *cal, ek_date start, ek_period p, ek_period_kind kind, ek_deadline *out)
{
    return deadline_kind(cal, start, p, kind, out, "ek_deadline_compute_kind");
}

int ek_deadline_compute(const ek_calendar *cal, ek_date start, ek_period p, ek_deadline *out)
{
    CHECK_CAL("ek_deadline_compute");
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_deadline_compute: out is NULL");
    int rc = ek__period_check(p, "ek_deadline_compute");
    if (rc != EK_OK)
        return rc;
    CHECK_DATE("ek_deadline_compute", start);
    return deadline_kind(cal, start, p, EK_PERIOD_LAW, out, "ek_deadline_compute");
}

const char *ek_period_kind_name(ek_period_kind kind)
{
    switch (kind) {
    case EK_PERIOD_LAW: return "lag";
    case EK_PERIOD_POLICY: return "policy";
    case EK_PERIOD_SET_DATE: return "faststalld_dag";
    }
    return NULL;
}

int ek_deadline_compute_kind(const ek_calendar *cal, ek_date start, ek_period p, ek_period_kind kind,
                             ek_deadline *out)
{
    if (ek_period_kind_name(kind) == NULL)
        return ek__error(EK_EINVAL, "ek_deadline_compute_kind: unknown period kind %d", (int)kind);
    if (kind == EK_PERIOD_SET_DATE && p.n != 0)
        return ek__error(EK_EINVAL, "ek_deadline_compute_kind: a set date takes a period of 0 days");
    CHECK_CAL("ek_deadline_compute_kind");
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_deadline_compute_kind: out is NULL");
    int rc = ek__period_check(p, "ek_deadline_compute_kind");
    if (rc != EK_OK)
        return rc;
    CHECK_DATE("ek_deadline_compute_kind", start);
    return deadline_kind(cal, start, p, kind, out, "ek_deadline_compute_kind");
}

/* ---- batches ---------------------------------------------------------------- */

static int batch_error(const char *fn, size_t index, ek_date d, const char *why)
{
    char b[32];
    return ek__error(EK_ERANGE, "%s: element %zu (%s) %s", fn, index, ek__date_str(d, b, sizeof b), why);
}

#define IN_RANGE_INDEX(x, i) (((i) = (uint64_t)(x) - (uint64_t)EK_DATE_MIN) < (uint64_t)NDAYS)

static const char UNVERIFIED_TEXT[] =
    N_("meets a day on which the wording of Lag (1930:173) 2 § in force is not verified (docs/rules.md)");

int ek_calendar_roll_batch(const ek_calendar *cal, const ek_date *in, ek_date *out, size_t count)
{
    CHECK_CAL("ek_calendar_roll_batch");
    if (count > 0 && (in == NULL || out == NULL))
        return ek__error(EK_EINVAL, "ek_calendar_roll_batch: NULL array");
    const uint8_t *bits = cal->bits;
    size_t bad = SIZE_MAX;
    ek_date bad_date = 0;
    for (size_t k = 0; k < count; k++) {
        ek_date x = in[k];
        uint64_t i;
        if (IN_RANGE_INDEX(x, i)) {
            unsigned delta = bits[i] >> ROLL_SHIFT;
            if (delta < ROLL_UNVERIFIED) {
                out[k] = x + delta;
                continue;
            }
        }
        out[k] = EK_DATE_NONE;
        if (bad == SIZE_MAX) {
            bad = k;
            bad_date = x;
        }
    }
    if (bad != SIZE_MAX)
        return batch_error("ek_calendar_roll_batch", bad, bad_date,
                           !ek_date_in_range(bad_date) ? _("is outside the supported range 1953-01-01 to 2199-12-31")
                           : roll_code(cal, (size_t)(bad_date - EK_DATE_MIN)) == ROLL_UNVERIFIED ? _(UNVERIFIED_TEXT)
                                                      : _("has no working day on or after it up to 2199-12-31"));
    return EK_OK;
}

int ek_calendar_add_working_days_batch(const ek_calendar *cal, const ek_date *in, int n, ek_date *out, size_t count)
{
    CHECK_CAL("ek_calendar_add_working_days_batch");
    if (count > 0 && (in == NULL || out == NULL))
        return ek__error(EK_EINVAL, "ek_calendar_add_working_days_batch: NULL array");
    if (n < 0)
        return ek__error(EK_EINVAL, "ek_calendar_add_working_days_batch: count %d is negative", n);
    const int32_t *upto = cal->upto, *wdate = cal->wdate;
    const int64_t nwd = cal->nwd;
    size_t bad = SIZE_MAX;
    ek_date bad_date = 0;
    for (size_t k = 0; k < count; k++) {
        ek_date x = in[k];
        uint64_t i;
        if (IN_RANGE_INDEX(x, i)) {
            if (n == 0) {
                out[k] = x;
                continue;
            }
            int64_t j = (int64_t)upto[i] + n - 1;
            if (j < nwd && unverified_between(cal, (size_t)i, (size_t)wdate[j]) == 0) {
                out[k] = EK_DATE_MIN + wdate[j];
                continue;
            }
        }
        out[k] = EK_DATE_NONE;
        if (bad == SIZE_MAX) {
            bad = k;
            bad_date = x;
        }
    }
    if (bad != SIZE_MAX)
        return batch_error("ek_calendar_add_working_days_batch", bad, bad_date,
                           !ek_date_in_range(bad_date) ? _("is outside the supported range 1953-01-01 to 2199-12-31")
                           : nth_after(cal, (size_t)(bad_date - EK_DATE_MIN), n) >= 0 ? _(UNVERIFIED_TEXT)
                                                      : _("plus the working days is after 2199-12-31"));
    return EK_OK;
}

/* One loop per unit, so that the unit's switch is not taken per element. */
#define DEADLINE_LOOP(UNIT)                                                                   \
    for (size_t k = 0; k < count; k++) {                                                      \
        ek_date x = start[k], nom = EK_DATE_NONE, leg = EK_DATE_NONE;                         \
        uint64_t i;                                                                           \
        int st = IN_RANGE_INDEX(x, i) ? deadline_one(cal, (size_t)i, q_##UNIT, &nom, &leg) : 1; \
        if (nominal)                                                                          \
            nominal[k] = nom;                                                                 \
        if (legal)                                                                            \
            legal[k] = leg;                                                                   \
        if (st != 0 && bad == SIZE_MAX) {                                                     \
            bad = k;                                                                          \
            bad_date = x;                                                                     \
            bad_st = st;                                                                      \
        }                                                                                     \
    }

int ek_deadline_compute_batch(const ek_calendar *cal, const ek_date *start, ek_period p,
                              ek_date *nominal, ek_date *legal, size_t count)
{
    CHECK_CAL("ek_deadline_compute_batch");
    if (count > 0 && start == NULL)
        return ek__error(EK_EINVAL, "ek_deadline_compute_batch: start is NULL");
    int rc = ek__period_check(p, "ek_deadline_compute_batch");
    if (rc != EK_OK)
        return rc;
    size_t bad = SIZE_MAX;
    ek_date bad_date = 0;
    int bad_st = 0;
    /* The unit as a compile-time constant in each loop (deadline_one is inlined). */
    const ek_period q_EK_UNIT_DAYS = { p.n, EK_UNIT_DAYS }, q_EK_UNIT_WEEKS = { p.n, EK_UNIT_WEEKS },
                    q_EK_UNIT_MONTHS = { p.n, EK_UNIT_MONTHS }, q_EK_UNIT_YEARS = { p.n, EK_UNIT_YEARS },
                    q_EK_UNIT_WORKING_DAYS = { p.n, EK_UNIT_WORKING_DAYS };
    switch (p.unit) {
    case EK_UNIT_DAYS: DEADLINE_LOOP(EK_UNIT_DAYS) break;
    case EK_UNIT_WEEKS: DEADLINE_LOOP(EK_UNIT_WEEKS) break;
    case EK_UNIT_MONTHS: DEADLINE_LOOP(EK_UNIT_MONTHS) break;
    case EK_UNIT_YEARS: DEADLINE_LOOP(EK_UNIT_YEARS) break;
    default: DEADLINE_LOOP(EK_UNIT_WORKING_DAYS) break;
    }
    if (bad != SIZE_MAX)
        return batch_error("ek_deadline_compute_batch", bad, bad_date,
                           !ek_date_in_range(bad_date) ? _("is outside the supported range 1953-01-01 to 2199-12-31")
                           : bad_st >= 3 ? _(UNVERIFIED_TEXT)
                                         : _("plus the period (or its roll-over) is after 2199-12-31"));
    return EK_OK;
}

