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
 * per unit and period of the cases in the report's period: the cases
 * ek_sample_select() draws with the groups of ek_sample_group() (period
 * "year" unless ek_report_set_sample_period() says otherwise) — the same
 * cases as `egenkontroll check --sample`, `egenkontroll review --sample` and
 * Python `egenkontroll.sample_cases()` for the same seed and options.  The
 * report keeps only the sample (at most N cases per group), never every case;
 * ek_report_sample_case() lists it.  Deadline statistics, the overdue list and
 * the lex Sarah items always cover every case and record in the period:
 * they are computed, not reviewed, and an overdue obligation is never left
 * out of the list to act on.
 *
 * **Units** are listed in byte order of their names; "" stands for cases
 * or records without a unit.  Months are listed in date order.
 *
 * **Ownership.**  The context, a checklist set with
 * ek_report_set_checklist() and a delegation order set with
 * ek_report_set_delegation() are borrowed and must outlive the report;
 * cases and lex Sarah records are only read while they are added (nothing
 * of them is kept but ids and units).  Strings and structures the query
 * functions return are borrowed from the report (valid until
 * ek_report_free()) or static; ek_report_write_json() and
 * ek_report_write_csv() return text owned by the caller (free with
 * ek_free()); ek_report_write_json_sink() lends each piece to the sink for
 * the duration of the call.
 *
 * **Errors** follow egenkontroll.h: every fallible function returns EK_OK or
 * a negative ::ek_status and sets the thread's last error (ek_error_last());
 * building functions called in the wrong state return EK_ESTATE.
 *
 * Thread safety: a report is used by one thread at a time (also for the
 * query functions, which are not promised to be safe to call concurrently).
 * Reports do not share state: different threads may fill different reports
 * at once from the same context, checklist and delegation order (which are
 * only read).  Functions marked "thread-safe" need no locking.
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
 * Create an empty report judged as of @p as_of, counting the built-in
 * checklist (ek_report_set_checklist() replaces it), with no period, no
 * sample and no delegation order.
 * @param[out] out receives the report; owned; free with ek_report_free().
 *                 Set to NULL on failure.
 * @param ctx      calendar and policy; borrowed: must outlive the report.
 * @param as_of    the evaluation date (in the supported range).
 * @return EK_OK; EK_EINVAL (@p out or @p ctx NULL, @p as_of EK_DATE_NONE);
 *         EK_ERANGE (@p as_of out of range); EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_report_new(ek_report **out, const ek_context *ctx, ek_date as_of);

/**
 * Free a report and everything it owns (not the borrowed context,
 * checklist or delegation order).  Pointers borrowed from it become invalid.
 * @param r  the report, or NULL (nothing happens).
 */
EK_API void ek_report_free(ek_report *r);

/**
 * Restrict the report to cases and records of the period [@p from, @p to]
 * (see the file comment).  Only before the first case or record is added.
 * @param r     the report.
 * @param from  first day of the period (inclusive), or EK_DATE_NONE (open).
 * @param to    last day of the period (inclusive), or EK_DATE_NONE (open).
 * @return EK_OK; EK_EINVAL (@p r NULL; @p from after @p to); EK_ESTATE
 *         (input already added, or finished).  The report is unchanged on
 *         failure.
 */
EK_API int ek_report_set_period(ek_report *r, ek_date from, ek_date to);

/**
 * Count the checklist items of population "case" over a reproducible sample
 * of at most @p n cases per unit and period (ek_sample_group(),
 * ek_sample_select(), seed @p seed; the period is set by
 * ek_report_set_sample_period(), "year" by default); @p n = 0 counts every
 * case.  The sample is drawn by ek_report_finish().  Only
 * before the first case or record is added.
 * @param r     the report.
 * @param n     cases per unit, or 0 for every case.
 * @param seed  the sampling seed (ek_sample_key()).
 * @return EK_OK; EK_EINVAL (@p r NULL); EK_ESTATE (input already added, or
 *         finished).
 */
EK_API int ek_report_set_sample(ek_report *r, size_t n, uint64_t seed);

/**
 * The period of the sample's groups (ek_sample_group()): "year" (the default,
 * as `egenkontroll check`), "half", "quarter", "month" or "all" (one group
 * per unit).  Only before the first case or record is added.
 * @param r       the report.
 * @param period  the period's name; only read.
 * @return EK_OK; EK_EINVAL (@p r NULL, another @p period); EK_ESTATE (input
 *         already added, or finished).
 */
EK_API int ek_report_set_sample_period(ek_report *r, const char *period);

/**
 * The period of the sample's groups (ek_report_set_sample_period()).
 * @param r  the report.
 * @return "year", "half", "quarter", "month" or "all" (static); NULL when
 *         @p r is NULL.
 */
EK_API const char *ek_report_sample_period(const ek_report *r);

/**
 * Use checklist @p cl instead of the built-in one.  Only before the first
 * case or record is added.
 * @param r   the report.
 * @param cl  the checklist; borrowed: must outlive the report, and must not
 *            change while the report uses it.
 * @return EK_OK; EK_EINVAL (@p r or @p cl NULL); EK_ESTATE (input already
 *         added, or finished).
 */
EK_API int ek_report_set_checklist(ek_report *r, const ek_checklist *cl);

/**
 * Merge reviewers' answers kept apart from the cases (answers.h) into the
 * judgement items.  Every case added is visited (ek_answers_visit(): a
 * conflict with the case's own answer is noted), also a case outside the
 * period; ek_report_finish() then notes answers for unknown case ids or
 * items (ek_answers_check()).  Read the notes with ek_answers_note().  Only
 * before the first case or record is added.
 * @param r  the report.
 * @param a  the answer set; borrowed: must outlive the report; changed by
 *           the report (visits, notes).  NULL (the default): only the
 *           cases' own answers.
 * @return EK_OK; EK_EINVAL (@p r NULL); EK_ESTATE (input already added, or
 *         finished).
 */
EK_API int ek_report_set_answers(ek_report *r, ek_answers *a);

/**
 * Judge item C1 with delegation order @p d.  Only before the first case or
 * record is added.
 * @param r  the report.
 * @param d  the delegation order; borrowed: must outlive the report.  NULL
 *           (the default): C1 is notchecked.
 * @return EK_OK; EK_EINVAL (@p r NULL); EK_ESTATE (input already added, or
 *         finished).
 */
EK_API int ek_report_set_delegation(ek_report *r, const ek_delegation *d);

/**
 * Add one case: evaluate its deadlines (built-in rulebook) and its checklist
 * items at the as-of date and count them when it belongs to the period.  A
 * case outside the period is only counted as read (::ek_report_totals
 * cases_read) and not evaluated.
 * @param r  the report (not finished).
 * @param c  the case; borrowed for the call only: nothing of it is kept but
 *           copies of its id and unit.
 * @param[out] included optional (may be NULL): receives 1 when the case
 *                      belongs to the period and was counted, else 0.
 * @return EK_OK; EK_EINVAL (NULL argument; a checklist that gives a case a
 *         different number of results); EK_ESTATE (already finished);
 *         EK_ELIMIT (more than 2^32 - 1 cases or units); EK_ENOMEM; or the
 *         status of ek_evaluate_case() / ek_checklist_evaluate_obligations()
 *         for a case they refuse.  On failure the report is unchanged (the
 *         case is not counted, not even as read).
 */
EK_API int ek_report_add_case(ek_report *r, const ek_case *c, int *included);

/**
 * Add one lex Sarah record: evaluate E1 and E2 (ek_sarah_evaluate()) at the
 * as-of date and count it, when its report date is in the period, in the
 * register summary and in items E1 and E2 (under the record's unit).  A
 * record outside the period is only counted as read.
 * @param r    the report (not finished).
 * @param rec  the record; borrowed for the call only (nothing of it is kept
 *             but a copy of its unit).
 * @param[out] included optional (may be NULL): receives 1 when the record
 *                      belongs to the period and was counted, else 0.
 * @return EK_OK; EK_EINVAL (NULL argument); EK_ESTATE (already finished);
 *         EK_ELIMIT (too many units); EK_ENOMEM; or the status of
 *         ek_sarah_evaluate() for a record it refuses.  On failure the
 *         record is not counted (a unit first seen in it may stay listed,
 *         with no counts).
 */
EK_API int ek_report_add_sarah(ek_report *r, const ek_sarah_record *rec, int *included);

/**
 * Count one rejected input record (a line a reader refused, or a file that
 * could not be read).  The message is kept with its source, line and record
 * id while fewer than ::EK_REPORT_MAX_REJECTED are kept
 * (ek_report_rejected()).
 * @param r      the report (not finished).
 * @param input  what kind of record it was.
 * @param e      the reader's error, copied with its language (typically
 *               ek_error_last()); NULL: count it without a message.  A struct
 *               of version 1 is read only as far as its members go and kept
 *               in the calling thread's language; one of an unknown version
 *               is counted without a message.  The thread's last error is
 *               left as it was.
 * @return EK_OK; EK_EINVAL (@p r NULL, unknown @p input); EK_ESTATE (already
 *         finished).  Never fails for lack of memory: the count is always
 *         kept, only the message may be dropped.
 */
EK_API int ek_report_add_rejected(ek_report *r, ek_report_input input, const ek_error *e);

/**
 * Read every case of the `egenkontroll/case-1` file @p path ("-" = standard
 * input) into the report: good lines through ek_report_add_case(); lines the
 * reader rejects, and cases ek_report_add_case() refuses, through
 * ek_report_add_rejected().
 * @param r     the report (not finished).
 * @param path  the file name (only read), or "-" for standard input.
 * @param[out] rejected optional (may be NULL): receives the number of
 *                      records rejected in this file (0 on success).
 * @return EK_OK (also when lines were rejected); EK_EIO (cannot open or read
 *         the file: counted as one rejected record; the lines read before a
 *         read error stay counted); EK_ENOMEM (the lines added before stay
 *         counted); EK_EINVAL (NULL argument); EK_ESTATE (already finished).
 *         The last error describes the failure.
 */
EK_API int ek_report_read_cases(ek_report *r, const char *path, size_t *rejected);

/**
 * As ek_report_read_cases() for an `egenkontroll/avvikelse-1` lex Sarah
 * register: records through ek_report_add_sarah(), rejected ones through
 * ek_report_add_rejected().
 * @param r     the report (not finished).
 * @param path  the file name (only read), or "-" for standard input.
 * @param[out] rejected optional (may be NULL): receives the number of
 *                      records rejected in this file.
 * @return as ek_report_read_cases().
 */
EK_API int ek_report_read_sarah(ek_report *r, const char *path, size_t *rejected);

/** Version of struct ek_report_read_options understood by this header. */
#define EK_REPORT_READ_OPTIONS_VERSION 1

/**
 * What ek_report_read_cases_with() and ek_report_read_sarah_with() tell the
 * caller while they read (every callback optional: NULL).  The callbacks are
 * called on the reading thread, in file order; they must not use the report.
 */
typedef struct ek_report_read_options {
    unsigned int version;  /**< Set to EK_REPORT_READ_OPTIONS_VERSION by the caller. */
    /** After every record read (accepted or not): @p records read from @p path so far (a progress tick). */
    void (*progress)(void *user, const char *path, size_t records);
    /** Each case the reader accepted, before it is added (e.g. to show its ek_case_warning()s); @p line is
     *  its line in @p path.  Not called by ek_report_read_sarah_with(). */
    void (*read_case)(void *user, const char *path, unsigned long line, const ek_case *c);
    /** Each record rejected (a line the reader refused, a record the report refused, a file that could not be
     *  opened or read), with its error (borrowed for the call), before it is counted. */
    void (*rejected)(void *user, const char *path, const ek_error *e);
    void *user;            /**< Passed to the callbacks. */
} ek_report_read_options;

/** Static initializer for struct ek_report_read_options (no callbacks). */
#define EK_REPORT_READ_OPTIONS_INIT { EK_REPORT_READ_OPTIONS_VERSION, NULL, NULL, NULL, NULL }

/**
 * As ek_report_read_cases(), telling the caller of the progress, of each case
 * read and of each record rejected through @p opt (what `egenkontroll report`
 * uses for its progress line and messages).
 * @param r     the report (not finished).
 * @param path  the file name (only read), or "-" for standard input.
 * @param opt   the callbacks, or NULL (none: exactly ek_report_read_cases()); only read.
 * @param[out] rejected optional (may be NULL): receives the number of
 *                      records rejected in this file.
 * @return as ek_report_read_cases(); EK_EVERSION (unknown @p opt->version).
 */
EK_API int ek_report_read_cases_with(ek_report *r, const char *path, const ek_report_read_options *opt,
                                     size_t *rejected);

/**
 * As ek_report_read_sarah(), with the callbacks of @p opt (read_case is not
 * called).
 * @param r     the report (not finished).
 * @param path  the file name (only read), or "-" for standard input.
 * @param opt   the callbacks, or NULL; only read.
 * @param[out] rejected optional (may be NULL): receives the number of
 *                      records rejected in this file.
 * @return as ek_report_read_sarah(); EK_EVERSION (unknown @p opt->version).
 */
EK_API int ek_report_read_sarah_with(ek_report *r, const char *path, const ek_report_read_options *opt,
                                     size_t *rejected);

/**
 * Finish the report: draw the sample, count the checklist, order the
 * overdue list and the units.  After this nothing more can be added; the
 * query functions need it.  Calling it twice is harmless.
 * @param r  the report.
 * @return EK_OK; EK_EINVAL (@p r NULL); EK_ENOMEM (the report stays
 *         unfinished and may be finished again).
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
    size_t sample;            /**< Sample size per unit and period (0: every case). */
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

/**
 * The totals of what went into the report.  Works before ek_report_finish()
 * too (cases_checked is then 0).
 * @param r  the report.
 * @param[in,out] out struct with out->version set (EK_REPORT_TOTALS_INIT);
 *                    receives the totals.  Untouched on failure.
 * @return EK_OK; EK_EINVAL (NULL argument); EK_EVERSION (unknown
 *         out->version).
 */
EK_API int ek_report_totals_get(const ek_report *r, ek_report_totals *out);

/**
 * The checklist the report counts: the built-in one unless
 * ek_report_set_checklist() set another.
 * @param r  the report.
 * @return the checklist; borrowed, valid until the report is freed (or, for
 *         a checklist set by the caller, as long as the caller keeps it).
 *         NULL when @p r is NULL.
 */
EK_API const ek_checklist *ek_report_checklist(const ek_report *r);

/**
 * The legal basis of item @p item over the report's span: the basis in
 * force on the first day (the period's start, or the earliest case date)
 * and, when it differs, "; " and the parts of the basis in force on the
 * last day (the period's end or the as-of date, whichever is earlier) not
 * already given, e.g. "SoL (2001:453) 11 kap. 1 a § 1 st.; SoL (2025:400)
 * 20 kap. 1 §".
 * @param r     the report.
 * @param item  the item's index in ek_report_checklist().
 * @param[out] buf  receives the NUL-terminated text (caller's buffer).
 * @param size  size of @p buf in bytes (1024 always suffice).
 * @return EK_OK; EK_EINVAL (NULL argument, @p size 0); EK_ERANGE (@p item);
 *         EK_ELIMIT (@p buf too small).
 */
EK_API int ek_report_item_basis(const ek_report *r, size_t item, char *buf, size_t size);

/**
 * As ek_report_item_basis() for rule @p rule of the built-in rulebook; a
 * rule in force on neither day gives the basis of its latest version.
 * @param r     the report.
 * @param rule  an ::ek_rule_id.
 * @param[out] buf  receives the NUL-terminated text (caller's buffer).
 * @param size  size of @p buf in bytes (1024 always suffice).
 * @return EK_OK; EK_EINVAL (NULL argument, @p size 0); EK_ERANGE (@p rule);
 *         EK_ELIMIT (@p buf too small).
 */
EK_API int ek_report_rule_basis(const ek_report *r, size_t rule, char *buf, size_t size);

/**
 * Number of units of the cases and records in the period.
 * @param r  the report.
 * @return the count; 0 before ek_report_finish() and for NULL.
 */
EK_API size_t ek_report_unit_count(const ek_report *r);

/**
 * Unit @p k, in byte order of the names.
 * @param r  the report (finished).
 * @param k  0 … ek_report_unit_count() - 1.
 * @return the unit's name, "" for "no unit"; borrowed, valid until the
 *         report is freed.  NULL when @p k is out of range, the report is
 *         not finished or @p r is NULL.
 */
EK_API const char *ek_report_unit(const ek_report *r, size_t k);

/**
 * Number of months that hold the judged end of some obligation.
 * @param r  the report.
 * @return the count; 0 before ek_report_finish() and for NULL.
 */
EK_API size_t ek_report_month_count(const ek_report *r);

/**
 * Month @p k, in date order.
 * @param r  the report (finished).
 * @param k  0 … ek_report_month_count() - 1.
 * @return the first day of the month; EK_DATE_NONE when @p k is out of
 *         range, the report is not finished or @p r is NULL.
 */
EK_API ek_date ek_report_month(const ek_report *r, size_t k);

/**
 * Checklist counts of item @p item over unit @p unit.  See ::ek_item_counts
 * for the population model.
 * @param r     the report (finished).
 * @param item  the item's index in ek_report_checklist().
 * @param unit  a unit index (ek_report_unit()), or EK_REPORT_ALL for every
 *              unit.
 * @param[in,out] out struct with out->version set (EK_ITEM_COUNTS_INIT);
 *                    receives the counts; out->item is borrowed from the
 *                    checklist.
 * @return EK_OK; EK_EINVAL (NULL argument); EK_ESTATE (not finished);
 *         EK_ERANGE (@p item or @p unit); EK_EVERSION (unknown out->version).
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
 * Deadline statistics of rule @p rule over unit @p unit and month @p month.
 * An obligation belongs to the month of its judged end (its legal end when
 * no end was judged); one with neither belongs to no month (only to
 * EK_REPORT_ALL).
 * @param r      the report (finished).
 * @param rule   an ::ek_rule_id, or EK_REPORT_ALL for every rule.
 * @param unit   a unit index (ek_report_unit()), or EK_REPORT_ALL.
 * @param month  a month index (ek_report_month()), or EK_REPORT_ALL.
 * @param[in,out] out struct with out->version set (EK_DEADLINE_COUNTS_INIT);
 *                    receives the counts.  Untouched on failure.
 * @return EK_OK; EK_EINVAL (NULL argument); EK_ESTATE (not finished);
 *         EK_ERANGE (@p rule, @p unit or @p month); EK_EVERSION (unknown
 *         out->version); EK_ENOMEM (scratch for the medians).
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

/**
 * Number of cases in the sample (::ek_report_totals cases_checked with a
 * sample).
 * @param r  the report.
 * @return the count; 0 without a sample, before ek_report_finish() and for
 *         NULL.
 */
EK_API size_t ek_report_sample_count(const ek_report *r);

/**
 * The id of case @p k of the sample, in byte order of the ids.
 * @param r  the report (finished).
 * @param k  0 … ek_report_sample_count() - 1.
 * @return the id; borrowed, valid until the report is freed.  NULL when @p k
 *         is out of range, the report is not finished or @p r is NULL.
 */
EK_API const char *ek_report_sample_case(const ek_report *r, size_t k);

/**
 * Number of overdue obligations at the as-of date, of the cases in the
 * period.
 * @param r  the report.
 * @return the count; 0 before ek_report_finish() and for NULL.
 */
EK_API size_t ek_report_overdue_count(const ek_report *r);

/**
 * Overdue obligation @p k: most days overdue first, then by case id, rule
 * and sequence.
 * @param r  the report (finished).
 * @param k  0 … ek_report_overdue_count() - 1.
 * @param[in,out] out struct with out->version set (EK_REPORT_OVERDUE_INIT);
 *                    receives the obligation; its strings are borrowed from
 *                    the report (valid until it is freed) or static.
 * @return EK_OK; EK_EINVAL (NULL argument); EK_ESTATE (not finished);
 *         EK_ERANGE (@p k); EK_EVERSION (unknown out->version).
 */
EK_API int ek_report_overdue_at(const ek_report *r, size_t k, ek_report_overdue *out);

/**
 * The lex Sarah register summary of the records in the period, with the
 * rejected lex Sarah records counted (sarah.h).
 * @param r  the report.
 * @return the summary; borrowed, valid until the report is freed.  NULL when
 *         @p r is NULL.
 */
EK_API const ek_sarah_summary *ek_report_sarah_summary(const ek_report *r);

/**
 * Number of rejected-record messages kept; ::ek_report_totals counts every
 * rejected record.
 * @param r  the report.
 * @return the count (at most ::EK_REPORT_MAX_REJECTED); 0 for NULL.
 */
EK_API size_t ek_report_rejected_count(const ek_report *r);

/**
 * Rejected record @p k, in the order added.  Works before
 * ek_report_finish() too.
 * @param r  the report.
 * @param k  0 … ek_report_rejected_count() - 1.
 * @param[out] input optional (may be NULL): receives what kind of record it
 *                   was.
 * @param[out] error optional (may be NULL): receives its source, line,
 *                   column, record id, field and message; borrowed, valid
 *                   until the report is freed.
 * @return EK_OK; EK_EINVAL (@p r NULL); EK_ERANGE (@p k).
 */
EK_API int ek_report_rejected(const ek_report *r, size_t k, ek_report_input *input, const ek_error **error);

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/**
 * Write a finished report as one JSON document (`egenkontroll/report-1`,
 * docs/formats.md, docs/schema/report-1.schema.json), indented.  Rates are
 * numbers in 0 … 1 or null; dates ISO strings or null.  Keys and codes
 * (statuses, rule names, item ids) are never translated; only the "title"
 * values are text, in the language of the process's locale (ek_item_info,
 * ek_rule_info: the Swedish msgid in the "C" locale).
 * Anything shaped like a personal identity number is masked
 * (ek_text_mask_pnr()).  The whole document is held in memory at once
 * (about 300 bytes per overdue obligation, ~65 MB for 219 000): for a large
 * report write it with ek_report_write_json_sink() or
 * ek_report_write_json_file(), which give the same bytes in pieces.
 * @param r  the report (finished); only read.
 * @param[out] out receives the document: owned, NUL-terminated UTF-8; free
 *                 with ek_free().  Set to NULL on failure.
 * @return EK_OK; EK_EINVAL (NULL argument); EK_ESTATE (not finished);
 *         EK_ENOMEM (also for text that is not valid UTF-8); EK_EINTERNAL
 *         (a figure that is not a finite number: a bug).
 */
EK_API int ek_report_write_json(const ek_report *r, char **out);

/**
 * Write the document of ek_report_write_json() to @p sink in pieces, in
 * order: the concatenated pieces are byte for byte the text
 * ek_report_write_json() returns (no final newline), masked alike.  The
 * writer holds at most about 64 KiB of the text at a time besides the
 * report itself, however long the overdue list.
 * @param r     the report (finished); only read.
 * @param sink  receives the pieces (::ek_write_fn); called on the calling
 *              thread.
 * @param user  passed to @p sink.
 * @return EK_OK; EK_EINVAL (@p r or @p sink NULL); EK_ESTATE (not
 *         finished, before anything is written); EK_EIO (@p sink returned
 *         non-zero: nothing more is written); EK_ENOMEM (also for text that
 *         is not valid UTF-8); EK_EINTERNAL (as ek_report_write_json()).
 *         On failure @p sink may have received part of the document.
 */
EK_API int ek_report_write_json_sink(const ek_report *r, ek_write_fn sink, void *user);

/**
 * Write the document of ek_report_write_json() and a final newline to the
 * file @p path (created or truncated), in pieces as
 * ek_report_write_json_sink().
 * @param r     the report (finished); only read.
 * @param path  the file to write.
 * @return the statuses of ek_report_write_json_sink(); EK_EIO when @p path
 *         cannot be opened or written (the last error names it and the
 *         reason, e.g. "No space left on device"; the file may then be
 *         incomplete).  Thread-safe for distinct paths and reports.
 */
EK_API int ek_report_write_json_file(const ek_report *r, const char *path);

/**
 * Write a finished report as CSV in a long format (RFC 4180, comma, CRLF
 * line ends, UTF-8): one header line `section,unit,id,title,measure,value`
 * and one line per figure.  @c section is "input", "item", "deadline",
 * "deadline_month", "overdue" or "sarah"; @c unit is "" for every unit;
 * @c id the item id, rule id, month (YYYY-MM) or case id; @c measure the
 * figure's name (the keys of the JSON form); rates are decimals in 0 … 1
 * with a point, dates ISO.  Filter or pivot it in a spreadsheet.  The
 * header, sections, measures and ids are fixed codes in every language, so
 * that scripts can rely on them; only the @c title column is text, in the
 * language of the process's locale (as for the JSON form).
 * @param r  the report (finished); only read.
 * @param[out] out receives the text: owned, NUL-terminated UTF-8; free with
 *                 ek_free().  Set to NULL on failure.
 * @return EK_OK; EK_EINVAL (NULL argument); EK_ESTATE (not finished);
 *         EK_ENOMEM.
 */
EK_API int ek_report_write_csv(const ek_report *r, char **out);

/**
 * As ek_report_write_csv() in CSV dialect @p dialect: EK_CSV_RFC4180 gives
 * exactly ek_report_write_csv()'s text; EK_CSV_EXCEL_SV the same rows with
 * ';' between fields, a decimal comma in the rates and medians and a UTF-8
 * byte order mark first, so that Swedish Excel opens it in columns with
 * å, ä and ö intact.
 * @param r  the report (finished); only read.
 * @param dialect  the dialect.
 * @param[out] out as for ek_report_write_csv().
 * @return as ek_report_write_csv(); EK_EINVAL also for an unknown @p dialect.
 */
EK_API int ek_report_write_csv_dialect(const ek_report *r, ek_csv_dialect dialect, char **out);

/**
 * Write the text of ek_report_write_csv_dialect() to @p sink in pieces of
 * whole lines, in order: the concatenated pieces are byte for byte that
 * text.  The writer holds at most about 64 KiB of it at a time besides the
 * report itself, however long the overdue list (issue 15: flat memory).
 * @param r        the report (finished); only read.
 * @param dialect  the dialect, as for ek_report_write_csv_dialect().
 * @param sink     receives the pieces (::ek_write_fn); called on the calling
 *                 thread.
 * @param user     passed to @p sink.
 * @return EK_OK; EK_EINVAL (@p r or @p sink NULL, unknown @p dialect);
 *         EK_ESTATE (not finished, before anything is written); EK_EIO
 *         (@p sink returned non-zero: nothing more is written); EK_ENOMEM.
 *         On failure @p sink may have received part of the text.
 */
EK_API int ek_report_write_csv_sink(const ek_report *r, ek_csv_dialect dialect, ek_write_fn sink, void *user);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_REPORT_H */
