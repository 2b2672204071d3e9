/* SPDX-License-Identifier: MIT */
/**
 * @file report.h
 * @brief The egenkontroll report: checklist rates, deadline statistics, overdue obligations and the lex
 *        Sarah summary over a period.
 *
 * A report (::ek_report) is filled case by case and record by record and
 * then finished (ek_report_finish()); after that it answers the questions
 * a quality controller puts to the board and to IVO:
 *
 * - **Checklist items** (checklist.h, DOMAIN.md §6): per item the population
 *   counts of ::ek_item_counts (cases concerned, passed, failed, not
 *   checked, error, exceptions, the rate), over every unit and per unit.
 *   The case items come from ek_checklist_evaluate_obligations() of each
 *   case; E1 and E2 from ek_sarah_evaluate() of each lex Sarah record (its
 *   own unit); F1 (the run) gets one result, notchecked: the report records
 *   when, the sample, the versions and the results, but not who ran the
 *   egenkontroll nor the actions decided (`egenkontroll check --record` writes
 *   that record).  The numbers are those of an ::ek_checklist_aggregate fed
 *   with the same results, so they agree with `egenkontroll check`.
 * - **Deadline statistics** per rule of the rulebook (rules.h), over every
 *   unit, per unit and per month of the judged end (::ek_deadline_counts):
 *   the obligations by status, the share met on time among those due, the
 *   median delay of the late ones, and what is open and overdue at the
 *   as-of date.  The statuses are those of ek_evaluate_case() at the
 *   as-of date, so they agree with `egenkontroll evaluate`.
 * - **Overdue obligations** to act on: case id, unit, rule, legal end and
 *   days overdue (::ek_report_overdue).  Reports hold case identifiers only:
 *   the case model has no names or personal identity numbers.
 * - **The lex Sarah register summary** (ek_sarah_summary, sarah.h).
 * - **Input**: records read, in the period, sampled and rejected
 *   (::ek_report_totals), with the first ::EK_REPORT_MAX_REJECTED messages
 *   of rejected records.
 *
 * **The period.**  With ek_report_set_period(), a case belongs to the report
 * when the date of its first event on or before the as-of date (normally
 * the first report of concern; ek_checklist_result_case_date()) falls in
 * [from, to]; a lex Sarah record when its report date (datum.rapport)
 * does.  Every figure (checklist, deadlines, overdue list, lex Sarah) counts
 * only these; the others are counted as outside the period.  Without a
 * period every case and record is in it.
 *
 * **The sample** (ek_report_set_sample()): the checklist items of population
 * "case" are counted over a reproducible random sample of at most N cases
 * per unit (ek_sample_select() with the unit as group), the rotating
 * reviewer's sample of seed 003.  Deadline statistics, the overdue list and
 * the lex Sarah items always cover every case and record in the period:
 * they are computed, not reviewed, and an overdue obligation is never left
 * out of the list to act on.
 *
 * **Units** are listed in byte order of their names; "" stands for cases
 * or records without a unit.  Months are listed in date order.
 *
 * Thread safety: a report is used by one thread at a time.  Reports do not
 * share state: different threads may fill different reports at once from
 * the same context, checklist and delegation order (which are only read).
 */
#ifndef EGENKONTROLL_REPORT_H
#define EGENKONTROLL_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>
#include <egenkontroll/case.h>
#include <egenkontroll/rules.h>
#include <egenkontroll/sarah.h>
#include <egenkontroll/checklist.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A report (opaque).  One thread at a time. */
typedef struct ek_report ek_report;

/** "Every unit / month / rule" in the query functions. */
#define EK_REPORT_ALL ((size_t)-1)

/** At most this many rejected-record messages are kept (all are counted). */
#define EK_REPORT_MAX_REJECTED 1000

/** What kind of input a rejected record was. */
typedef enum ek_report_input {
    EK_REPORT_INPUT_CASE = 1,   /**< A case (egenkontroll/case-1). */
    EK_REPORT_INPUT_SARAH = 2   /**< A lex Sarah record (egenkontroll/avvikelse-1). */
} ek_report_input;

/* ------------------------------------------------------------------------ */
/* Building a report                                                         */

/**
 * Create an empty report judged as of @p as_of.
 * @param ctx calendar and policy; borrowed: must outlive the report.
 * @param as_of the evaluation date (in the supported range).
 * @param[out] out owned; free with ek_report_free().
 * @return EK_OK; EK_EINVAL (NULL, as_of EK_DATE_NONE); EK_ERANGE (as_of out of range); EK_ENOMEM.
 */
EK_API int ek_report_new(ek_report **out, const ek_context *ctx, ek_date as_of);

/** Free a report.  Accepts NULL. */
EK_API void ek_report_free(ek_report *r);

/**
 * Restrict the report to cases and records of the period [@p from, @p to]
 * (see the file comment).  EK_DATE_NONE leaves that end open.  Only before
 * the first case or record is added.
 * @return EK_OK; EK_EINVAL (NULL; from after to); EK_ESTATE (input already added).
 */
EK_API int ek_report_set_period(ek_report *r, ek_date from, ek_date to);

/**
 * Count the checklist items of population "case" over a reproducible sample
 * of at most @p n cases per unit (ek_sample_select(), seed @p seed); @p n = 0
 * counts every case.  Only before the first case is added.
 * @return EK_OK; EK_EINVAL; EK_ESTATE.
 */
EK_API int ek_report_set_sample(ek_report *r, size_t n, uint64_t seed);

/**
 * Use checklist @p cl (borrowed: must outlive the report) instead of the
 * built-in one.  Only before the first case or record is added.
 * @return EK_OK; EK_EINVAL; EK_ESTATE.
 */
EK_API int ek_report_set_checklist(ek_report *r, const ek_checklist *cl);

/**
 * Judge item C1 with delegation order @p d (borrowed: must outlive the
 * report; NULL: C1 is notchecked).  Only before the first case is added.
 * @return EK_OK; EK_EINVAL; EK_ESTATE.
 */
EK_API int ek_report_set_delegation(ek_report *r, const ek_delegation *d);

/**
 * Add one case: evaluate its deadlines (built-in rulebook) and its checklist
 * items at the as-of date and count them when it belongs to the period.
 * The case is only read; nothing of it is kept but its id and unit.
 * @param[out] included optional: 1 when the case belongs to the period.
 * @return EK_OK; EK_EINVAL (NULL); EK_ESTATE (already finished); EK_ENOMEM.
 *         On failure the report is unchanged.
 */
EK_API int ek_report_add_case(ek_report *r, const ek_case *c, int *included);

/**
 * Add one lex Sarah record: evaluate E1 and E2 (ek_sarah_evaluate()) at the
 * as-of date and count it, when its report date is in the period, in the
 * register summary and in items E1 and E2 (under the record's unit).
 * @param[out] included optional: 1 when the record belongs to the period.
 * @return EK_OK; EK_EINVAL; EK_ESTATE; EK_ENOMEM.  On failure the report is unchanged.
 */
EK_API int ek_report_add_sarah(ek_report *r, const ek_sarah_record *rec, int *included);

/**
 * Count one rejected input record (a line a reader refused).  The message
 * of @p e (may be NULL) is kept with its source, line and record id while
 * fewer than ::EK_REPORT_MAX_REJECTED are kept.
 * @return EK_OK; EK_EINVAL (NULL report, unknown @p input); EK_ESTATE.
 *         Never fails for lack of memory: the count is always kept.
 */
EK_API int ek_report_add_rejected(ek_report *r, ek_report_input input, const ek_error *e);

/**
 * Read every case of the `egenkontroll/case-1` file @p path ("-" = standard
 * input) into the report: good lines through ek_report_add_case(), lines the
 * reader rejects through ek_report_add_rejected().
 * @param[out] rejected optional: the number of lines rejected in this file.
 * @return EK_OK (also when lines were rejected); EK_EIO (cannot open or read
 *         the file; counted as one rejected record); EK_ENOMEM; EK_EINVAL; EK_ESTATE.
 */
EK_API int ek_report_read_cases(ek_report *r, const char *path, size_t *rejected);

/** As ek_report_read_cases() for an `egenkontroll/avvikelse-1` lex Sarah register. */
EK_API int ek_report_read_sarah(ek_report *r, const char *path, size_t *rejected);

/**
 * Finish the report: draw the sample, count the checklist, order the
 * overdue list and the units.  After this nothing more can be added; the
 * query functions need it.  Calling it twice is harmless.
 * @return EK_OK; EK_EINVAL; EK_ENOMEM (the report stays unfinished).
 */
EK_API int ek_report_finish(ek_report *r);

/* ------------------------------------------------------------------------ */
/* Reading a finished report                                                 */

/** Version of struct ek_report_totals understood by this header. */
#define EK_REPORT_TOTALS_VERSION 1

/** What went into a report. */
typedef struct ek_report_totals {
    unsigned int version;     /**< Set to EK_REPORT_TOTALS_VERSION by the caller. */
    ek_date as_of;            /**< The as-of date. */
    ek_date from;             /**< Start of the period, or EK_DATE_NONE (open). */
    ek_date to;               /**< End of the period, or EK_DATE_NONE (open). */
    size_t sample;            /**< Sample size per unit (0: every case). */
    uint64_t seed;            /**< Sample seed. */
    size_t cases_read;        /**< Cases added (accepted by the reader). */
    size_t cases_in_period;   /**< … of which in the period: the deadline population. */
    size_t cases_checked;     /**< … of which counted for the checklist (the sample, or all in the period). */
    size_t cases_rejected;    /**< Case records rejected (files that could not be read count once). */
    size_t sarah_read;        /**< Lex Sarah records added. */
    size_t sarah_in_period;   /**< … of which in the period. */
    size_t sarah_rejected;    /**< Lex Sarah records rejected. */
    size_t obligations;       /**< Obligations of the cases in the period (every status). */
    size_t overdue;           /**< … of which overdue at the as-of date (ek_report_overdue_count()). */
    ek_date first_case;       /**< Earliest case date in the period, or EK_DATE_NONE. */
    ek_date last_case;        /**< Latest case date in the period, or EK_DATE_NONE. */
} ek_report_totals;

/** Static initializer for struct ek_report_totals. */
#define EK_REPORT_TOTALS_INIT { EK_REPORT_TOTALS_VERSION, EK_DATE_NONE, EK_DATE_NONE, EK_DATE_NONE, 0, 0, 0, 0, 0, \
                                0, 0, 0, 0, 0, 0, EK_DATE_NONE, EK_DATE_NONE }

/** The totals.  Works before ek_report_finish() too (cases_checked is then 0).  @return EK_OK, EK_EINVAL, EK_EVERSION. */
EK_API int ek_report_totals_get(const ek_report *r, ek_report_totals *out);

/** The checklist the report counts (borrowed; the built-in one unless set).  NULL for NULL. */
EK_API const ek_checklist *ek_report_checklist(const ek_report *r);

/**
 * The legal basis of item @p item (index in ek_report_checklist()) over the
 * report's span: the basis in force on the first day (the period's start, or
 * the earliest case date) and, when it differs, "; " and the basis in force
 * on the last day (the period's end or the as-of date, whichever is
 * earlier), e.g. "SoL (2001:453) 11 kap. 1 a § 1 st.; SoL (2025:400) 20 kap.
 * 1 §".  Written into @p buf of @p size bytes (1024 always suffice).
 * @return EK_OK; EK_EINVAL; EK_ERANGE (index); EK_ELIMIT (buffer too small).
 */
EK_API int ek_report_item_basis(const ek_report *r, size_t item, char *buf, size_t size);

/** As ek_report_item_basis() for rule @p rule (an ::ek_rule_id) of the built-in rulebook. */
EK_API int ek_report_rule_basis(const ek_report *r, size_t rule, char *buf, size_t size);

/** Number of units (0 before ek_report_finish()). */
EK_API size_t ek_report_unit_count(const ek_report *r);

/** Unit @p k (0 … count-1) in byte order; "" for "no unit".  Borrowed from the report; NULL when out of range. */
EK_API const char *ek_report_unit(const ek_report *r, size_t k);

/** Number of months that hold a judged end (0 before ek_report_finish()). */
EK_API size_t ek_report_month_count(const ek_report *r);

/** The first day of month @p k (0 … count-1, in date order); EK_DATE_NONE when out of range. */
EK_API ek_date ek_report_month(const ek_report *r, size_t k);

/**
 * Checklist counts of item @p item (index in ek_report_checklist()) over
 * unit @p unit (EK_REPORT_ALL: every unit).  See ::ek_item_counts for the
 * population model; @c item is borrowed from the checklist.
 * @return EK_OK; EK_EINVAL (NULL); EK_ESTATE (not finished); EK_ERANGE; EK_EVERSION.
 */
EK_API int ek_report_item_counts(const ek_report *r, size_t item, size_t unit, ek_item_counts *out);

/** Version of struct ek_deadline_counts understood by this header. */
#define EK_DEADLINE_COUNTS_VERSION 1

/**
 * Deadline statistics of one rule (or every rule) over a unit and a month.
 *
 * - @c due = met + late + overdue: the obligations whose judged end has
 *   passed (or that were completed), the denominator of the share on time;
 * - @c on_time_rate = met / due when @c due > 0 (@c has_rate 1), met
 *   including those met through an exception (@c exceptions);
 * - @c late_median_days: the median of (completion − judged end) in days over
 *   the late ones (the mean of the middle two for an even count; 0 when
 *   there are none), @c late_max_days the largest;
 * - @c open = pending + overdue at the as-of date; @c overdue_median_days and
 *   @c overdue_max_days: days from the judged end to the as-of date over the
 *   overdue ones;
 * - error and notapplicable obligations are counted but never judged.
 */
typedef struct ek_deadline_counts {
    unsigned int version;        /**< Set to EK_DEADLINE_COUNTS_VERSION by the caller. */
    size_t obligations;          /**< Every obligation (all statuses). */
    size_t met;                  /**< Met on time. */
    size_t late;                 /**< Completed after the judged end. */
    size_t pending;              /**< Not completed, not yet due. */
    size_t overdue;              /**< Not completed, judged end passed. */
    size_t notapplicable;        /**< The duty did not arise. */
    size_t error;                /**< Contradictory data: not judged. */
    size_t exceptions;           /**< Met through a documented exception (EK_OBL_EXCEPTION). */
    size_t extended;             /**< With an extension decided in time (EK_OBL_EXTENDED). */
    size_t due;                  /**< met + late + overdue. */
    size_t open;                 /**< pending + overdue. */
    int has_rate;                /**< 1 when due > 0. */
    double on_time_rate;         /**< met / due, or 0.0. */
    double late_median_days;     /**< Median delay of the late ones in days, or 0.0. */
    long late_max_days;          /**< Largest delay, or 0. */
    double overdue_median_days;  /**< Median days overdue at the as-of date, or 0.0. */
    long overdue_max_days;       /**< Most days overdue, or 0. */
} ek_deadline_counts;

/** Static initializer for struct ek_deadline_counts. */
#define EK_DEADLINE_COUNTS_INIT { EK_DEADLINE_COUNTS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0, \
                                  0.0, 0 }

/**
 * Deadline statistics of rule @p rule (an ::ek_rule_id, or EK_REPORT_ALL)
 * over unit @p unit and month @p month (indices, or EK_REPORT_ALL).  An
 * obligation belongs to the month of its judged end (its legal end when no
 * end was judged); one with neither belongs to no month (only to
 * EK_REPORT_ALL).
 * @return EK_OK; EK_EINVAL; EK_ESTATE (not finished); EK_ERANGE; EK_EVERSION; EK_ENOMEM (median scratch).
 */
EK_API int ek_report_deadline_counts(const ek_report *r, size_t rule, size_t unit, size_t month,
                                     ek_deadline_counts *out);

/** Version of struct ek_report_overdue understood by this header. */
#define EK_REPORT_OVERDUE_VERSION 1

/** One overdue obligation to act on.  Strings borrowed from the report (or static). */
typedef struct ek_report_overdue {
    unsigned int version;   /**< Set to EK_REPORT_OVERDUE_VERSION by the caller. */
    const char *case_id;    /**< The case id (never a name or personal identity number). */
    const char *unit;       /**< Its unit, "" when none. */
    ek_rule_id rule;        /**< The rule. */
    const char *rule_name;  /**< Its public id (static). */
    unsigned int sequence;  /**< Recurring rules: 1, 2, …; else 0. */
    ek_date start;          /**< Start of the period. */
    ek_date legal;          /**< Legal end (1930:173 2 §). */
    ek_date judged;         /**< The end that judged it (legal, or nominal under a strict policy). */
    long days_overdue;      /**< as-of − judged end, in days (≥ 1). */
    const char *basis;      /**< Legal reference of the rule version applied (static). */
} ek_report_overdue;

/** Static initializer for struct ek_report_overdue. */
#define EK_REPORT_OVERDUE_INIT { EK_REPORT_OVERDUE_VERSION, NULL, NULL, (ek_rule_id)0, NULL, 0, EK_DATE_NONE, \
                                 EK_DATE_NONE, EK_DATE_NONE, 0, NULL }

/** Number of overdue obligations (0 before ek_report_finish()). */
EK_API size_t ek_report_overdue_count(const ek_report *r);

/**
 * Overdue obligation @p k: most days overdue first, then by case id, rule
 * and sequence.
 * @return EK_OK; EK_EINVAL; EK_ESTATE; EK_ERANGE; EK_EVERSION.
 */
EK_API int ek_report_overdue_at(const ek_report *r, size_t k, ek_report_overdue *out);

/** The lex Sarah register summary of the records in the period (borrowed; valid until the report is freed). */
EK_API const ek_sarah_summary *ek_report_sarah_summary(const ek_report *r);

/** Number of rejected-record messages kept (at most EK_REPORT_MAX_REJECTED). */
EK_API size_t ek_report_rejected_count(const ek_report *r);

/**
 * Rejected record @p k, in the order added.
 * @param[out] input optional: what kind of record.
 * @param[out] error optional: source, line, column, record id, field and message (borrowed from the report).
 * @return EK_OK; EK_EINVAL; EK_ERANGE.
 */
EK_API int ek_report_rejected(const ek_report *r, size_t k, ek_report_input *input, const ek_error **error);

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/**
 * Write a finished report as one JSON document (`egenkontroll/report-1`,
 * docs/formats.md), indented.  Rates are numbers in 0 … 1 or null; dates ISO
 * strings or null.
 * @param[out] out owned, NUL-terminated UTF-8; free with ek_free().
 * @return EK_OK; EK_EINVAL; EK_ESTATE (not finished); EK_ENOMEM.
 */
EK_API int ek_report_write_json(const ek_report *r, char **out);

/**
 * Write a finished report as CSV in a long format (RFC 4180, comma, CRLF
 * line ends, UTF-8): one header line `section,unit,id,title,measure,value`
 * and one line per figure.  @c section is "input", "item", "deadline",
 * "deadline_month", "overdue" or "sarah"; @c unit is "" for every unit;
 * @c id the item id, rule id, month (YYYY-MM) or case id; @c measure the
 * figure's name (the keys of the JSON form); rates are decimals in 0 … 1
 * with a point, dates ISO.  Filter or pivot it in a spreadsheet.
 * @param[out] out owned; free with ek_free().
 * @return EK_OK; EK_EINVAL; EK_ESTATE; EK_ENOMEM.
 */
EK_API int ek_report_write_csv(const ek_report *r, char **out);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_REPORT_H */
