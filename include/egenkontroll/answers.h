/* SPDX-License-Identifier: MIT */
/**
 * @file answers.h
 * @brief Reviewers' answers kept apart from the case export (`egenkontroll/granskning-1`).
 *
 * The judgement items of the checklist (kind J and C/J: A4, B4, B6, …) need
 * a person who reads the case file.  Their answers can be written into each
 * case line's `answers` array, but the next export from the case system
 * overwrites those.  An **answer set** (::ek_answers) holds answers kept in
 * files of their own (`egenkontroll/granskning-1`, docs/formats.md; io.h:
 * ek_answers_read_json()), one answer per case and item, and the checklist
 * evaluation merges them with the case's own answers
 * (ek_checklist_evaluate_answers(), checklist.h; ek_report_set_answers(),
 * report.h).
 *
 * **Which answer counts.**  For one case and item the answer with the later
 * date counts.  On equal dates, or when a date is missing, the answer of the
 * set counts over the case's own, and within the set the one added last
 * counts.  A conflict (two answers with different results, or with different
 * comments) is never silent: it is recorded as a note (ek_answers_note())
 * that names both answers and says which one counts.
 *
 * **Unknown cases and items.**  ek_answers_visit() marks the case ids seen;
 * ek_answers_check() then records a note, naming the answer's file and line,
 * for every answer whose case id was never visited and every answer for an
 * item the checklist does not have.  Those answers affect nothing; the other
 * answers still count.
 *
 * Thread safety: building (ek_answers_add(), the reader), ek_answers_visit()
 * and ek_answers_check() change the set: one thread at a time.  Once built,
 * lookups by the evaluation (ek_answers_find()) only read it and may run in
 * any number of threads as long as nobody changes the set meanwhile.
 */
#ifndef EGENKONTROLL_ANSWERS_H
#define EGENKONTROLL_ANSWERS_H

#include <stddef.h>

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>
#include <egenkontroll/case.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An answer set (opaque). */
typedef struct ek_answers ek_answers;

struct ek_checklist; /* checklist.h */

/** Version of struct ek_answer_record understood by this header. */
#define EK_ANSWER_RECORD_VERSION 1

/** One answer of a set.  Strings are copied by ek_answers_add() and borrowed from the set by ek_answers_get(). */
typedef struct ek_answer_record {
    unsigned int version;           /**< Set to EK_ANSWER_RECORD_VERSION by the caller. */
    const char *case_id;            /**< The case id (required). */
    const char *item;               /**< The checklist item id, e.g. "B4" (required). */
    ek_result result;               /**< EK_RESULT_PASS, EK_RESULT_FAIL or EK_RESULT_NOTAPPLICABLE. */
    const char *comment;            /**< Free text, or NULL. */
    const char *reviewer;           /**< Who answered: a role, never a name; or NULL. */
    ek_date date;                   /**< The day of the answer, or EK_DATE_NONE. */
    const char *checklist;          /**< The checklist id the answer was given for, or NULL. */
    const char *checklist_version;  /**< Its version, or NULL. */
    const char *source;             /**< The file it came from, or NULL. */
    unsigned long line;             /**< Its line in @c source (1-based), or 0. */
    size_t visits;                  /**< ek_answers_get(): how many visited cases had this id (ignored by add). */
} ek_answer_record;

/** Static initializer for struct ek_answer_record. */
#define EK_ANSWER_RECORD_INIT { EK_ANSWER_RECORD_VERSION, NULL, NULL, EK_RESULT_INVALID, NULL, NULL, EK_DATE_NONE, \
                                NULL, NULL, NULL, 0, 0 }

/**
 * Create an empty answer set.
 * @param[out] out receives the set; owned; free with ek_answers_free().
 *                 Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_answers_new(ek_answers **out);

/**
 * Free an answer set; strings borrowed from it become invalid.
 * @param a  the set, or NULL (no-op).
 */
EK_API void ek_answers_free(ek_answers *a);

/**
 * Add one answer (every string copied).  When the set already holds an
 * answer for the same case and item, the rule in the file comment decides
 * which one is kept; a conflict is recorded as a note.  On failure the set
 * is unchanged.
 * @param a    the set.
 * @param rec  the answer: @c version EK_ANSWER_RECORD_VERSION, non-empty
 *             @c case_id and @c item, @c result pass, fail or
 *             notapplicable; only read.
 * @return EK_OK; EK_EINVAL (NULL, empty id or item, another result: the last
 *         error names @c source and @c line); EK_ERANGE (date out of range);
 *         EK_EVERSION; EK_ENOMEM.  One thread at a time.
 */
EK_API int ek_answers_add(ek_answers *a, const ek_answer_record *rec);

/**
 * Number of answers kept (one per case and item).
 * @param a  the set.
 * @return the count; 0 for NULL.
 */
EK_API size_t ek_answers_count(const ek_answers *a);

/**
 * Answer @p k, in the order first added.
 * @param a  the set.
 * @param k  0 … ek_answers_count() - 1.
 * @param[in,out] out struct with out->version set (EK_ANSWER_RECORD_INIT);
 *                    receives the answer (strings borrowed from @p a, valid
 *                    until it is changed or freed).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k), EK_EVERSION.
 */
EK_API int ek_answers_get(const ek_answers *a, size_t k, ek_answer_record *out);

/**
 * The answer that counts for item @p item of case @p c: the case's own
 * answer (ek_case_find_answer()) or the set's, by the rule in the file
 * comment.
 * @param a     the set, or NULL (then only the case's own answer).
 * @param c     the case; only read.
 * @param item  the item id.
 * @param[in,out] out struct with out->version set (EK_ANSWER_INFO_INIT, case.h);
 *                    receives the answer (strings borrowed from @p c or @p a).
 * @return EK_OK; EK_ENOTFOUND when neither has one (no message set);
 *         EK_EINVAL (NULL @p c, @p item or @p out); EK_EVERSION.  Only reads
 *         @p a and @p c: safe in many threads while nobody changes them.
 */
EK_API int ek_answers_find(const ek_answers *a, const ek_case *c, const char *item, ek_answer_info *out);

/**
 * Mark case @p c as seen: its id is known (ek_answers_check()), and every
 * answer of the set for it that conflicts with the case's own answer for the
 * same item is recorded as a note saying which one counts.  Visiting the
 * same case twice records its conflicts once.
 * @param a  the set.
 * @param c  the case; only read.
 * @param[out] answers optional: receives the number of the set's answers for this case.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  One thread at a time.
 */
EK_API int ek_answers_visit(ek_answers *a, const ek_case *c, size_t *answers);

/**
 * Record a note for every answer whose case id no visited case had, and,
 * when @p cl is given, for every answer whose item the checklist does not
 * have ("file:line: unknown case id …").  Call once after every case was
 * visited; a second call records nothing new.
 * @param a   the set.
 * @param cl  the checklist, or NULL (items not checked).
 * @param[out] unknown optional: receives the number of answers that were
 *                     found unknown (by this call and earlier ones).
 * @return EK_OK, EK_EINVAL (@p a NULL), EK_ENOMEM.  One thread at a time.
 */
EK_API int ek_answers_check(ek_answers *a, const struct ek_checklist *cl, size_t *unknown);

/**
 * Number of notes: conflicts (status EK_ECONFLICT, a warning: one answer
 * still counts), rejected lines of a reader and unknown case ids or items
 * (EK_EPARSE, EK_ENOTFOUND, …: errors; those answers count for nothing).
 * @param a  the set.
 * @return the count; 0 for NULL.
 */
EK_API size_t ek_answers_note_count(const ek_answers *a);

/**
 * Note @p k, in the order recorded, as an error record: status, message
 * (with "file:line: " in front when known), source, line, column, case id
 * and field (the item).
 * @param a  the set.
 * @param k  0 … ek_answers_note_count() - 1.
 * @return the note; borrowed, valid until @p a is freed; NULL when @p k is
 *         out of range or @p a is NULL.
 */
EK_API const ek_error *ek_answers_note(const ek_answers *a, size_t k);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_ANSWERS_H */
