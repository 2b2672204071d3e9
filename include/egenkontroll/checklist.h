/* SPDX-License-Identifier: MIT */
/**
 * @file checklist.h
 * @brief The egenkontroll checklist: items as data, evaluation of a case, delegation check, aggregation, sampling.
 *
 * **Items** (DOMAIN.md §6: A1 … F4) are data: id, Swedish title, kind
 * (::ek_item_kind: D deadline, C presence, J judgement, C/J), the legal basis
 * in each law version with validity dates, the population it counts over
 * (cases, lex Sarah records, or the egenkontroll run itself) and four
 * predicates written in the predicate language of docs/FORMATS-checklist.md:
 * `applies` (which cases it concerns), `exclude` (denominator exclusions),
 * `criterion` (what passes) and `exception` (documented exceptions, e.g.
 * synnerliga skäl), plus an optional `open_question` clause for a legal
 * question that is not settled.  The built-in checklist
 * (ek_checklist_new_builtin()) holds every item of §6; a municipality loads
 * its own or extends the built-in one from `egenkontroll/checklist-1` JSON
 * (io.h: ek_checklist_load_json()).
 *
 * **Truth values.**  Predicates are three-valued plus three "could not
 * judge" values (::ek_truth): true, false, error, unknown, notchecked,
 * notapplicable.  `all` and `any` follow the OVAL operator tables
 * (commutative, order never matters):
 *
 * | all (AND)                               | any (OR)                                 |
 * |-----------------------------------------|------------------------------------------|
 * | notapplicable operands are ignored      | notapplicable operands are ignored       |
 * | no operand left: notapplicable          | no operand left: notapplicable           |
 * | any false: false                        | any true: true                           |
 * | else any error: error                   | else any error: error                    |
 * | else any unknown: unknown               | else any unknown: unknown                |
 * | else any notchecked: notchecked         | else any notchecked: notchecked          |
 * | else true                               | else false                               |
 *
 * `not` swaps true and false and keeps the others.  ek_truth_result() maps a
 * criterion's value to the item result: true → pass, false → fail, error →
 * error, unknown → unknown, notchecked → notchecked, notapplicable →
 * notapplicable.  Nothing that could not be judged ever becomes pass.
 *
 * **Obligations** from the rulebook (rules.h) enter through the `rule`
 * predicate.  One obligation maps (ek_obligation_truth()) met → true, late →
 * false, overdue → false, pending → notchecked, notapplicable →
 * notapplicable, error → error.  With "require": "met" a rule's obligations
 * are combined with `all`, except that pending ones (not yet due) are left
 * out while any other obligation judges the case: a placement with six
 * reviews met and the seventh pending passes D5.
 *
 * **Evaluating an item** for a case (ek_checklist_evaluate()):
 * 1. `applies`: false or notapplicable → notapplicable; error → error;
 *    unknown → unknown; notchecked → notchecked.
 * 2. `exclude` true → notapplicable with ::EK_ITEM_EXCLUDED (a denominator
 *    exclusion); error → error.
 * 3. `criterion` true → pass.
 * 4. Otherwise `exception` true → pass with ::EK_ITEM_EXCEPTION.
 * 5. Otherwise, when the criterion is false and `open_question.when` is
 *    true → the clause's result (informational or unknown) with its message
 *    and ::EK_ITEM_OPEN_QUESTION: the law does not settle the case (D1 under
 *    SoL 2025:400).
 * 6. Otherwise the criterion's value mapped by ek_truth_result().
 *
 * Items whose population is not the case (E1, E2: lex Sarah records; F1:
 * the run) are not evaluated per case: their results enter an aggregate
 * through ek_checklist_aggregate_add_result() (E1 and E2 come from
 * ek_sarah_evaluate(), sarah.h).
 *
 * Thread safety: a checklist and a delegation order are immutable once
 * built and may be used by any number of threads.  A result or aggregate is
 * used by one thread at a time.
 */
#ifndef EGENKONTROLL_CHECKLIST_H
#define EGENKONTROLL_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>
#include <egenkontroll/case.h>
#include <egenkontroll/rules.h>
#include <egenkontroll/answers.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Truth values and the result mapping                                       */

/** The value of a predicate.  0 is not a value. */
typedef enum ek_truth {
    EK_TRUTH_INVALID = 0,        /**< Not a value (uninitialised). */
    EK_TRUTH_TRUE = 1,           /**< The condition holds. */
    EK_TRUTH_FALSE = 2,          /**< The condition does not hold. */
    EK_TRUTH_ERROR = 3,          /**< The data contradict each other (an obligation in error). */
    EK_TRUTH_UNKNOWN = 4,        /**< The data cannot decide (an attribute not recorded). */
    EK_TRUTH_NOTCHECKED = 5,     /**< Not judged (no reviewer answer, no delegation order, not yet due). */
    EK_TRUTH_NOTAPPLICABLE = 6   /**< Does not concern the case (no event to judge). */
} ek_truth;

/**
 * The name of a truth value.
 * @param value  the value.
 * @return "true", "false", "error", "unknown", "notchecked" or
 *         "notapplicable"; "invalid" otherwise; static, never NULL.  Thread-safe.
 */
EK_API const char *ek_truth_name(ek_truth value);

/**
 * Parse a truth value name (as given by ek_truth_name(); "invalid" is not accepted).
 * @param name      the name; borrowed for the call.
 * @param[out] out  receives the value; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_EPARSE (unknown name).  Thread-safe.
 */
EK_API int ek_truth_from_name(const char *name, ek_truth *out);

/**
 * `all` over @p n values (table in the file comment).
 * @param values  @p n values (may be NULL when @p n is 0); only read.
 *                Invalid values count as error.
 * @param n       number of values.
 * @return the combined value; EK_TRUTH_NOTAPPLICABLE for n = 0;
 *         EK_TRUTH_ERROR when @p values is NULL and n > 0.  Thread-safe.
 */
EK_API ek_truth ek_truth_all(const ek_truth *values, size_t n);

/**
 * `any` over @p n values (table in the file comment).
 * @param values  @p n values (may be NULL when @p n is 0); only read.
 *                Invalid values count as error.
 * @param n       number of values.
 * @return the combined value; EK_TRUTH_NOTAPPLICABLE for n = 0;
 *         EK_TRUTH_ERROR when @p values is NULL and n > 0.  Thread-safe.
 */
EK_API ek_truth ek_truth_any(const ek_truth *values, size_t n);

/**
 * `not`: swaps true and false, keeps the others.
 * @param value  the value.
 * @return the negated value; EK_TRUTH_ERROR for an invalid value.  Thread-safe.
 */
EK_API ek_truth ek_truth_not(ek_truth value);

/**
 * The item result of a criterion value (the mapping in the file comment).
 * @param value  the criterion's value.
 * @return true → pass, …; EK_RESULT_ERROR for an invalid value.  Never pass
 *         for anything but true.  Thread-safe.
 */
EK_API ek_result ek_truth_result(ek_truth value);

/**
 * The truth value of one obligation.
 * @param status  the obligation's status.
 * @return met → true, late/overdue → false, pending → notchecked,
 *         notapplicable → notapplicable, error or unknown status → error.
 *         Thread-safe.
 */
EK_API ek_truth ek_obligation_truth(ek_obligation_status status);

/* ------------------------------------------------------------------------ */
/* Checklists                                                                */

/** Item kinds (DOMAIN.md §6). */
typedef enum ek_item_kind {
    EK_ITEM_DEADLINE = 1,            /**< "D": computed from dates. */
    EK_ITEM_PRESENCE = 2,            /**< "C": computed from structured data. */
    EK_ITEM_JUDGEMENT = 3,           /**< "J": a reviewer answers; unanswered = notchecked. */
    EK_ITEM_PRESENCE_JUDGEMENT = 4   /**< "C/J": structured data where they decide, else the reviewer. */
} ek_item_kind;

/**
 * The short name of an item kind.
 * @param kind  the kind.
 * @return "D", "C", "J" or "C/J"; static; NULL otherwise.  Thread-safe.
 */
EK_API const char *ek_item_kind_name(ek_item_kind kind);

/** What an item counts over. */
typedef enum ek_item_population {
    EK_POPULATION_CASE = 1,   /**< "case": one result per case (ek_checklist_evaluate()). */
    EK_POPULATION_SARAH = 2,  /**< "sarah": one result per lex Sarah record (E1, E2). */
    EK_POPULATION_RUN = 3     /**< "run": one result per egenkontroll run (F1). */
} ek_item_population;

/**
 * The name of a population.
 * @param population  the population.
 * @return "case", "sarah" or "run"; static; NULL otherwise.  Thread-safe.
 */
EK_API const char *ek_item_population_name(ek_item_population population);

/** A checklist (opaque, immutable once built). */
typedef struct ek_checklist ek_checklist;

/**
 * Build the built-in checklist: every item of DOMAIN.md §6.  It is defined
 * in the `egenkontroll/checklist-1` format (docs/FORMATS-checklist.md; the
 * text is ek_checklist_builtin_json()) and parsed by the same code as a
 * user's file, at build time: the library holds the result as C data, so
 * this parses nothing (and works without the JSON layer).
 * @param[out] out receives the checklist; owned; free with
 *                 ek_checklist_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_checklist_new_builtin(ek_checklist **out);

/**
 * The built-in checklist's JSON text.
 * @return the text; static, NUL-terminated, never NULL.  Thread-safe.
 */
EK_API const char *ek_checklist_builtin_json(void);

/**
 * Free a checklist.  Item results, aggregates and strings borrowed from it
 * become invalid; not while another thread uses it.
 * @param cl  the checklist, or NULL (no-op).
 */
EK_API void ek_checklist_free(ek_checklist *cl);

/**
 * The checklist's id.
 * @param cl  the checklist.
 * @return the id ("egenkontroll-sol"); "" when unset or for NULL; borrowed,
 *         valid until the checklist is freed.  Thread-safe.
 */
EK_API const char *ek_checklist_id(const ek_checklist *cl);

/**
 * The checklist's version, recorded in every run (F1).
 * @param cl  the checklist.
 * @return e.g. "2026.1" or "2026.1+exempelby-1" for an extension; "" when
 *         unset or for NULL; borrowed, valid until the checklist is freed.
 *         Thread-safe.
 */
EK_API const char *ek_checklist_version(const ek_checklist *cl);

/**
 * Number of items.
 * @param cl  the checklist.
 * @return the count; 0 for NULL.  Thread-safe.
 */
EK_API size_t ek_checklist_item_count(const ek_checklist *cl);

/** Version of struct ek_item_info understood by this header. */
#define EK_ITEM_INFO_VERSION 1

/** Description of one item.  Strings borrowed from the checklist (valid until it is freed). */
typedef struct ek_item_info {
    unsigned int version;           /**< Set to EK_ITEM_INFO_VERSION by the caller. */
    const char *id;                 /**< "A1" … "F4", or a municipality's own id. */
    const char *title;              /**< Swedish title. */
    const char *description;        /**< Swedish: what passes (DOMAIN.md §6 wording), or "". */
    ek_item_kind kind;              /**< D, C, J or C/J. */
    ek_item_population population;  /**< What it counts over. */
    size_t basis_count;             /**< Number of legal basis versions (ek_checklist_item_basis()). */
    const char *origin;             /**< "builtin" or the name of the file that defined it. */
    const char *seeds;              /**< The seed cases it answers ("001, 002"), or "". */
} ek_item_info;

/** Static initializer for struct ek_item_info. */
#define EK_ITEM_INFO_INIT { EK_ITEM_INFO_VERSION, NULL, NULL, NULL, (ek_item_kind)0, (ek_item_population)0, 0, NULL, NULL }

/**
 * Describe item @p index (0 … count-1; items keep the order of the file).
 * @param cl     the checklist.
 * @param index  0 … ek_checklist_item_count() - 1.
 * @param[in,out] out  struct with out->version set (EK_ITEM_INFO_INIT);
 *               receives the description (strings borrowed from @p cl).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p index), EK_EVERSION.  Thread-safe.
 */
EK_API int ek_checklist_item(const ek_checklist *cl, size_t index, ek_item_info *out);

/**
 * Find an item by id.
 * @param cl  the checklist.
 * @param id  the item id, e.g. "A2" (case-sensitive).
 * @param[out] index  receives the item's index; untouched on failure.
 * @return EK_OK; EK_ENOTFOUND (no error message set); EK_EINVAL (NULL).  Thread-safe.
 */
EK_API int ek_checklist_find(const ek_checklist *cl, const char *id, size_t *index);

/** Version of struct ek_item_basis understood by this header. */
#define EK_ITEM_BASIS_VERSION 1

/** One version of an item's legal basis.  Strings borrowed from the checklist. */
typedef struct ek_item_basis {
    unsigned int version;  /**< Set to EK_ITEM_BASIS_VERSION by the caller. */
    const char *reference; /**< Swedish citation form: "SoL (2025:400) 20 kap. 2 §". */
    ek_date valid_from;    /**< First day in force, or EK_DATE_NONE. */
    ek_date valid_to;      /**< Last day in force, or EK_DATE_NONE (still in force). */
    const char *certainty; /**< "V", "S" or "R" (DOMAIN.md §1). */
    const char *note;      /**< Swedish note, or "". */
} ek_item_basis;

/** Static initializer for struct ek_item_basis. */
#define EK_ITEM_BASIS_INIT { EK_ITEM_BASIS_VERSION, NULL, EK_DATE_NONE, EK_DATE_NONE, NULL, NULL }

/**
 * Basis version @p k of item @p index.
 * @param cl     the checklist.
 * @param index  the item's index.
 * @param k      0 … ek_item_info.basis_count - 1.
 * @param[in,out] out  struct with out->version set (EK_ITEM_BASIS_INIT);
 *               receives the basis (strings borrowed from @p cl).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p index or @p k), EK_EVERSION.
 *         Thread-safe.
 */
EK_API int ek_checklist_item_basis(const ek_checklist *cl, size_t index, size_t k, ek_item_basis *out);

/**
 * The item's legal basis in force on @p day, as one string: the references
 * of every basis version valid that day joined by "; " (an item may rest on
 * several provisions at once), e.g. "SoL (2025:400) 20 kap. 2 §".  When none
 * is valid that day, every reference is given.  Written into @p buf of
 * @p size bytes, NUL-terminated.
 * @param cl        the checklist.
 * @param index     the item's index.
 * @param day       the day; EK_DATE_NONE counts every version as valid.
 * @param[out] buf  caller's buffer of @p size bytes.
 * @param size      size of @p buf (not 0).
 * @return EK_OK, EK_EINVAL (NULL, @p size 0), EK_ERANGE (index), EK_ELIMIT
 *         (buffer too small; 512 bytes always suffice).  Thread-safe.
 */
EK_API int ek_checklist_item_basis_on(const ek_checklist *cl, size_t index, ek_date day, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Delegation orders (item C1)                                               */

/** A delegation order: decision type → roles allowed to decide (opaque). */
typedef struct ek_delegation ek_delegation;

/**
 * Create an empty delegation order.
 * @param[out] out receives the order; owned; free with ek_delegation_free().
 *                 Untouched on failure.
 * @param kommun the municipality (copied; may be NULL).
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_delegation_new(ek_delegation **out, const char *kommun);

/**
 * Free a delegation order; strings borrowed from it become invalid.
 * @param d  the order, or NULL (no-op).  Not while another thread uses it.
 */
EK_API void ek_delegation_free(ek_delegation *d);

/**
 * The municipality.
 * @param d  the order.
 * @return the municipality, or NULL (unset, or @p d NULL); borrowed, valid
 *         until @p d is freed.  Thread-safe.
 */
EK_API const char *ek_delegation_kommun(const ek_delegation *d);

/**
 * Allow @p role to take decisions of event type @p decision_type (both
 * copied).  Allowing the same pair twice is harmless.  A type with an
 * empty role list (ek_delegation_add_type()) is delegated to nobody.
 * On failure the order is unchanged.
 * @param d              the order; no other thread may use it meanwhile.
 * @param decision_type  event type name of the decision (non-empty; copied).
 * @param role           the role (non-empty; copied).
 * @return EK_OK, EK_EINVAL (NULL or empty), EK_ENOMEM.
 */
EK_API int ek_delegation_allow(ek_delegation *d, const char *decision_type, const char *role);

/**
 * Add @p decision_type with no roles yet (a type already present is kept as is).
 * @param d              the order; no other thread may use it meanwhile.
 * @param decision_type  event type name of the decision (non-empty; copied).
 * @return EK_OK, EK_EINVAL (NULL or empty), EK_ENOMEM.
 */
EK_API int ek_delegation_add_type(ek_delegation *d, const char *decision_type);

/**
 * Whether @p role may take decisions of type @p decision_type.
 * @param d              the order.
 * @param decision_type  event type name of the decision.
 * @param role           the role.
 * @param[out] allowed   receives 1 or 0; untouched unless EK_OK.
 * @return EK_OK; EK_ENOTFOUND when the type is not in the order (not
 *         checked; no error message set); EK_EINVAL (NULL).  Thread-safe.
 */
EK_API int ek_delegation_check(const ek_delegation *d, const char *decision_type, const char *role, int *allowed);

/**
 * Number of decision types in the order.
 * @param d  the order.
 * @return the count; 0 for NULL.  Thread-safe.
 */
EK_API size_t ek_delegation_type_count(const ek_delegation *d);

/**
 * Decision type @p k with its number of roles, in the order added.
 * @param d  the order.
 * @param k  0 … ek_delegation_type_count() - 1.
 * @param[out] type        receives the type; borrowed, valid until @p d is freed.
 * @param[out] role_count  optional: receives its number of roles.
 * @return EK_OK, EK_EINVAL (NULL @p d or @p type), EK_ERANGE (@p k).  Thread-safe.
 */
EK_API int ek_delegation_type(const ek_delegation *d, size_t k, const char **type, size_t *role_count);

/**
 * Role @p j of decision type @p k.
 * @param d  the order.
 * @param k  the type's index.
 * @param j  0 … its role count - 1.
 * @param[out] role  receives the role; borrowed, valid until @p d is freed.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k or @p j).  Thread-safe.
 */
EK_API int ek_delegation_role(const ek_delegation *d, size_t k, size_t j, const char **role);

/* ------------------------------------------------------------------------ */
/* Evaluating a case                                                         */

/** Flags of an item result (bits of ek_item_result::flags). */
typedef enum ek_item_flag {
    EK_ITEM_EXCEPTION = 1u << 0,      /**< Passed through the item's exception (e.g. documented synnerliga skäl). */
    EK_ITEM_EXCLUDED = 1u << 1,       /**< Notapplicable through the item's exclusion (a denominator exclusion). */
    EK_ITEM_OPEN_QUESTION = 1u << 2,  /**< The law does not settle the case; see the message (D1, SoL 2025:400). */
    EK_ITEM_ANSWERED = 1u << 3        /**< A reviewer's answer decided (or took part in) the result. */
} ek_item_flag;

/** Kinds of evidence. */
typedef enum ek_evidence_kind {
    EK_EVIDENCE_EVENT = 1,       /**< An event of the case. */
    EK_EVIDENCE_OBLIGATION = 2,  /**< An obligation of the rulebook evaluation. */
    EK_EVIDENCE_ANSWER = 3       /**< A reviewer's answer. */
} ek_evidence_kind;

/** Version of struct ek_evidence understood by this header. */
#define EK_EVIDENCE_VERSION 1

/** One piece of evidence.  Strings borrowed from the result (or static). */
typedef struct ek_evidence {
    unsigned int version;         /**< Set to EK_EVIDENCE_VERSION by the caller. */
    ek_evidence_kind kind;        /**< What it is. */
    ek_truth value;               /**< The value of the predicate that cited it. */
    size_t event_index;           /**< EVENT: index in the case (ek_case_event()); OBLIGATION: its start event or EK_NO_EVENT. */
    const char *event_type;       /**< EVENT: its type name; else NULL. */
    ek_date date;                 /**< EVENT: its date; OBLIGATION: the judged end; ANSWER: the answer's date. */
    const char *rule;             /**< OBLIGATION: the rule id ("utredning"); else NULL. */
    unsigned int sequence;        /**< OBLIGATION: its sequence; else 0. */
    ek_obligation_status status;  /**< OBLIGATION: its status; else 0. */
    size_t obligation_index;      /**< OBLIGATION: index in the obligations evaluated; else 0. */
    const char *note;             /**< Swedish note ("saknar beslutsfattare"), or "". */
} ek_evidence;

/** Static initializer for struct ek_evidence. */
#define EK_EVIDENCE_INIT { EK_EVIDENCE_VERSION, (ek_evidence_kind)0, EK_TRUTH_INVALID, 0, NULL, EK_DATE_NONE, \
                           NULL, 0, (ek_obligation_status)0, 0, NULL }

/** Version of struct ek_item_result understood by this header. */
#define EK_ITEM_RESULT_VERSION 1

/** The result of one item for one case.  Strings borrowed from the result set. */
typedef struct ek_item_result {
    unsigned int version;    /**< Set to EK_ITEM_RESULT_VERSION by the caller. */
    size_t item_index;       /**< The item's index in the checklist. */
    const char *item;        /**< Its id ("A2"). */
    ek_result result;        /**< The XCCDF result; never pass for anything that could not be judged. */
    ek_truth criterion;      /**< The criterion's value (EK_TRUTH_INVALID when not evaluated). */
    unsigned int flags;      /**< Bits of ::ek_item_flag. */
    const char *message;     /**< Swedish message for a caseworker. */
    const char *basis;       /**< Legal basis in force on @c basis_date (ek_checklist_item_basis_on()). */
    ek_date basis_date;      /**< The day whose law applies: latest evidence date, else the case's latest event on or before as-of, else as-of. */
    size_t evidence_count;   /**< Number of evidence entries (ek_checklist_result_evidence()). */
} ek_item_result;

/** Static initializer for struct ek_item_result. */
#define EK_ITEM_RESULT_INIT { EK_ITEM_RESULT_VERSION, 0, NULL, EK_RESULT_INVALID, EK_TRUTH_INVALID, 0u, NULL, NULL, \
                              EK_DATE_NONE, 0 }

/**
 * The results of one case (opaque).  Reusable: each evaluation replaces the
 * content and keeps the buffers.  One thread at a time.
 */
typedef struct ek_checklist_result ek_checklist_result;

/**
 * Create an empty result set.
 * @param[out] out receives the result set; owned; free with
 *                 ek_checklist_result_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_checklist_result_new(ek_checklist_result **out);

/**
 * Free a result set; strings borrowed from it become invalid.
 * @param res  the result set, or NULL (no-op).
 */
EK_API void ek_checklist_result_free(ek_checklist_result *res);

/**
 * Evaluate every case item of @p cl for case @p c at @p as_of, with the
 * obligations the caller computed (normally ek_evaluation_at(0 …
 * count-1) of ek_evaluate_case() for the same case and date; they are
 * copied by value where cited).  Events dated after @p as_of are ignored.
 *
 * @param ctx        calendar and policy (periods of the `within` predicate);
 *                   borrowed for the call.
 * @param cl         the checklist; borrowed: must outlive the use of @p out
 *                   (ek_checklist_result_checklist()).
 * @param c          the case; only read (what is cited is copied).
 * @param obligations array of @p count obligations (NULL when count is 0);
 *                   only read.
 * @param count      number of obligations.
 * @param delegation the order for item C1, or NULL (C1 is then notchecked).
 * @param as_of      the evaluation date.
 * @param[out] out   receives one result per item of population "case", in
 *                   checklist order (previous content replaced; left empty
 *                   on failure, except when an argument is NULL or @p as_of
 *                   is invalid: then untouched).
 * @return EK_OK; EK_EINVAL (NULL, as_of EK_DATE_NONE); EK_ERANGE (as_of
 *         outside the range); EK_ENOMEM.
 *         Contradictory data never make it fail: they give results "error".
 * Thread-safe for distinct @p out objects.
 */
EK_API int ek_checklist_evaluate_obligations(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                             const ek_obligation *obligations, size_t count,
                                             const ek_delegation *delegation, ek_date as_of,
                                             ek_checklist_result *out);

/**
 * Evaluate the rulebook (ek_evaluate_case() with the built-in rulebook)
 * and then every case item of @p cl, as ek_checklist_evaluate_obligations().
 * @param ctx        calendar and policy; borrowed for the call.
 * @param cl         the checklist; borrowed as in ek_checklist_evaluate_obligations().
 * @param c          the case; only read.
 * @param delegation the order for item C1, or NULL (C1 is then notchecked).
 * @param as_of      the evaluation date.
 * @param[out] out   receives the results as in
 *                   ek_checklist_evaluate_obligations(); untouched when the
 *                   rulebook evaluation fails.
 * @return as ek_checklist_evaluate_obligations() (including the statuses of
 *         ek_evaluate_case()).  Thread-safe for distinct @p out objects.
 */
EK_API int ek_checklist_evaluate(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                 const ek_delegation *delegation, ek_date as_of, ek_checklist_result *out);

/**
 * As ek_checklist_evaluate_obligations(), with reviewers' answers kept apart
 * from the case: the `answer` predicate takes the answer that counts
 * (ek_answers_find(): the case's own or the set's, the later date winning).
 * @param ctx         calendar and policy; borrowed for the call.
 * @param cl          the checklist; borrowed as in ek_checklist_evaluate_obligations().
 * @param c           the case; only read.
 * @param obligations array of @p count obligations (NULL when count is 0); only read.
 * @param count       number of obligations.
 * @param delegation  the order for item C1, or NULL.
 * @param answers     the answer set, or NULL (the case's own answers only); only read.
 * @param as_of       the evaluation date.
 * @param[out] out    receives the results.
 * @return as ek_checklist_evaluate_obligations().  Thread-safe for distinct
 *         @p out objects while nobody changes @p answers.
 */
EK_API int ek_checklist_evaluate_obligations_answers(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                                     const ek_obligation *obligations, size_t count,
                                                     const ek_delegation *delegation, const ek_answers *answers,
                                                     ek_date as_of, ek_checklist_result *out);

/**
 * As ek_checklist_evaluate(), with reviewers' answers kept apart from the case
 * (ek_checklist_evaluate_obligations_answers()).
 * @param ctx        calendar and policy; borrowed for the call.
 * @param cl         the checklist.
 * @param c          the case; only read.
 * @param delegation the order for item C1, or NULL.
 * @param answers    the answer set, or NULL; only read.
 * @param as_of      the evaluation date.
 * @param[out] out   receives the results.
 * @return as ek_checklist_evaluate().
 */
EK_API int ek_checklist_evaluate_answers(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                         const ek_delegation *delegation, const ek_answers *answers, ek_date as_of,
                                         ek_checklist_result *out);
/**
 * ek_checklist_evaluate() for @p count cases, each into its own result set
 * (out[i] for cases[i]), with up to @p threads threads (0 or 1: the calling
 * thread only), as ek_evaluate_cases() does for the rulebook.  The context,
 * checklist, delegation order and cases are only read.  A case that fails
 * does not stop the others.
 * @param ctx        calendar and policy; borrowed for the call.
 * @param cl         the checklist; borrowed as in ek_checklist_evaluate().
 * @param cases      @p count cases; only read (NULL when @p count is 0).
 * @param count      number of cases.
 * @param delegation the order for item C1, or NULL.
 * @param as_of      the evaluation date.
 * @param out        @p count distinct result sets.
 * @param[out] statuses optional array of @p count: each case's status.
 * @param threads    most threads to use, including the calling thread (at
 *                   most 64 and @p count).
 * @return EK_OK when every case was evaluated; otherwise the status of the
 *         failed case with the lowest index (the calling thread's last error
 *         then describes it); EK_EINVAL for NULL @p ctx or @p cl, or NULL
 *         arrays with @p count > 0; EK_ENOMEM when no mutex can be created.
 *         Thread-safe for distinct @p out objects.
 */
EK_API int ek_checklist_evaluate_cases(const ek_context *ctx, const ek_checklist *cl, const ek_case *const *cases,
                                       size_t count, const ek_delegation *delegation, ek_date as_of,
                                       ek_checklist_result *const *out, int *statuses, unsigned int threads);

/**
 * Number of item results.
 * @param res  the result set.
 * @return the count; 0 for NULL.  One thread at a time per result set.
 */
EK_API size_t ek_checklist_result_count(const ek_checklist_result *res);

/**
 * The id of the case evaluated (copied at evaluation).
 * @param res  the result set.
 * @return the id; "" when empty or for NULL; borrowed from @p res (valid
 *         until it is evaluated again or freed).
 */
EK_API const char *ek_checklist_result_case_id(const ek_checklist_result *res);

/**
 * The unit of the case evaluated (copied at evaluation).
 * @param res  the result set.
 * @return the unit, or "" (none, empty, or NULL); borrowed from @p res
 *         (valid until it is evaluated again or freed).
 */
EK_API const char *ek_checklist_result_unit(const ek_checklist_result *res);

/**
 * The as-of date of the last evaluation.
 * @param res  the result set.
 * @return the date, or EK_DATE_NONE (empty, failed, or NULL).
 */
EK_API ek_date ek_checklist_result_as_of(const ek_checklist_result *res);

/**
 * The date of the case's first event on or before as-of (for grouping by period).
 * @param res  the result set.
 * @return the date, or EK_DATE_NONE (no such event, empty, or NULL).
 */
EK_API ek_date ek_checklist_result_case_date(const ek_checklist_result *res);

/**
 * The checklist evaluated.
 * @param res  the result set.
 * @return the checklist passed to the evaluation (borrowed from the caller;
 *         must outlive the result's use), or NULL.
 */
EK_API const ek_checklist *ek_checklist_result_checklist(const ek_checklist_result *res);

/**
 * Item result @p k (0 … count-1).
 * @param res  the result set.
 * @param k    0 … ek_checklist_result_count() - 1.
 * @param[in,out] out  struct with out->version set (EK_ITEM_RESULT_INIT);
 *             receives the result (item id borrowed from the checklist,
 *             message and basis from @p res, valid until it is evaluated
 *             again or freed).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k), EK_EVERSION.
 */
EK_API int ek_checklist_result_item(const ek_checklist_result *res, size_t k, ek_item_result *out);

/**
 * Find the result of item @p id.
 * @param res  the result set.
 * @param id   the item id, e.g. "A2".
 * @param[out] k  receives the result's position; untouched on failure.
 * @return EK_OK; EK_ENOTFOUND (no message set); EK_EINVAL (NULL).
 */
EK_API int ek_checklist_result_find(const ek_checklist_result *res, const char *id, size_t *k);

/**
 * Evidence @p j of item result @p k.
 * @param res  the result set.
 * @param k    the item result's position.
 * @param j    0 … ek_item_result.evidence_count - 1.
 * @param[in,out] out  struct with out->version set (EK_EVIDENCE_INIT);
 *             receives the evidence (strings borrowed from @p res or static).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k or @p j), EK_EVERSION.
 */
EK_API int ek_checklist_result_evidence(const ek_checklist_result *res, size_t k, size_t j, ek_evidence *out);

/* ------------------------------------------------------------------------ */
/* Aggregation over a sample (population model)                              */

/**
 * Counts of one item over the results added to an aggregate, following
 * the population model of quality measures:
 *
 * - @c total: results added for the item;
 * - @c notapplicable: outside the population (result notapplicable, not
 *   an exclusion);
 * - @c denominator = total − notapplicable: the cases the item concerns;
 * - @c exclusions: denominator exclusions (::EK_ITEM_EXCLUDED);
 * - @c exceptions: denominator exceptions (pass through ::EK_ITEM_EXCEPTION);
 * - @c numerator: pass without an exception;
 * - @c failed, @c fixed, @c notchecked, @c error, @c unknown,
 *   @c informational, @c notselected: the other results;
 * - @c judged = numerator + failed + fixed: the performance denominator
 *   (denominator − exclusions − exceptions − the results that could not be
 *   judged);
 * - @c rate = numerator / judged, when @c judged > 0 (else @c has_rate is 0
 *   and @c rate 0.0).  Results that could not be judged are never counted
 *   as passed: they are shown beside the rate;
 * - (version 2) @c rate_low, @c rate_high: the 95 % Wilson score interval
 *   of the rate (z = 1.959964), 0.0 when @c has_rate is 0;
 * - (version 2) @c uncertain: 1 when @c judged is below the aggregate's
 *   minimum (ek_checklist_aggregate_set_min_judged(); the report takes it
 *   from the policy parameter "minsta_underlag"), also when nothing was
 *   judged.  An uncertain rate must never be headlined.
 * A caller compiled against version 1 of the struct gets the version 1
 * fields only.
 */
typedef struct ek_item_counts {
    unsigned int version;   /**< Set to EK_ITEM_COUNTS_VERSION by the caller. */
    const char *item;       /**< Item id (borrowed from the checklist). */
    size_t total;           /**< Results added. */
    size_t notapplicable;   /**< Outside the population. */
    size_t denominator;     /**< total − notapplicable. */
    size_t exclusions;      /**< Denominator exclusions. */
    size_t exceptions;      /**< Denominator exceptions. */
    size_t numerator;       /**< Passed (without exception). */
    size_t failed;          /**< fail. */
    size_t fixed;           /**< fixed (failed, then remedied). */
    size_t notchecked;      /**< notchecked. */
    size_t error;           /**< error. */
    size_t unknown;         /**< unknown. */
    size_t informational;   /**< informational (e.g. open legal question). */
    size_t notselected;     /**< notselected. */
    size_t judged;          /**< numerator + failed + fixed. */
    int has_rate;           /**< 1 when judged > 0. */
    double rate;            /**< numerator / judged, or 0.0. */
    double rate_low;        /**< Version 2: lower end of the 95 % Wilson interval, or 0.0. */
    double rate_high;       /**< Version 2: upper end of the 95 % Wilson interval, or 0.0. */
    int uncertain;          /**< Version 2: 1 when judged < the minimum ("minsta_underlag"). */
} ek_item_counts;

/** Version of struct ek_item_counts understood by this header. */
#define EK_ITEM_COUNTS_VERSION 2

/** Static initializer for struct ek_item_counts. */
#define EK_ITEM_COUNTS_INIT \
    { EK_ITEM_COUNTS_VERSION, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0 }

/** Default minimum of judged cases below which a rate is uncertain. */
#define EK_MIN_JUDGED_DEFAULT 10

/**
 * The 95 % Wilson score interval of @p k passed among @p n judged
 * (z = 1.959964): centre (k + z²/2) / (n + z²) ± z·√(k(n−k)/n + z²/4) / (n + z²),
 * clamped to [0, 1].  E.g. 8 of 10 gives [0.4902, 0.9433].
 * @param k          passed; at most @p n.
 * @param n          judged.
 * @param[out] low   receives the lower end.
 * @param[out] high  receives the upper end.
 * @return EK_OK; EK_EINVAL (NULL, @p n 0 or @p k > @p n; outputs untouched).
 *         Thread-safe.
 */
EK_API int ek_wilson_interval(size_t k, size_t n, double *low, double *high);

/** An aggregate of item results by unit and period (opaque).  One thread at a time. */
typedef struct ek_checklist_aggregate ek_checklist_aggregate;

/**
 * Create an empty aggregate over the items of @p cl.
 * @param[out] out receives the aggregate; owned; free with
 *                 ek_checklist_aggregate_free().  Untouched on failure.
 * @param cl borrowed: must outlive the aggregate.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_checklist_aggregate_new(ek_checklist_aggregate **out, const ek_checklist *cl);

/**
 * Free an aggregate; group labels borrowed from it become invalid.
 * @param agg  the aggregate, or NULL (no-op).
 */
EK_API void ek_checklist_aggregate_free(ek_checklist_aggregate *agg);

/**
 * Add the results of one case, grouped under the case's unit ("" when
 * none) and @p period (a label the caller chooses, e.g. "2025" or
 * "2025-H2"; NULL means "").  On failure the aggregate is unchanged.
 * @param agg     the aggregate.
 * @param res     the results of one case; only read (what is needed is copied).
 * @param period  the period label (copied), or NULL.
 * @return EK_OK, EK_EINVAL (NULL; results of another checklist), EK_ENOMEM.
 */
EK_API int ek_checklist_aggregate_add(ek_checklist_aggregate *agg, const ek_checklist_result *res,
                                      const char *period);

/**
 * Add one result of item @p item for one member of its population: the
 * hook for items not evaluated per case (E1, E2 per lex Sarah record from
 * ek_sarah_evaluate(); F1 per run).  @p unit and @p period as for
 * ek_checklist_aggregate_add() (NULL means "").  Does not count as a case
 * (ek_checklist_aggregate_case_count()).
 * @param agg     the aggregate.
 * @param item    the item id, e.g. "E1".
 * @param unit    the unit label (copied), or NULL.
 * @param period  the period label (copied), or NULL.
 * @param result  the result (any valid ::ek_result).
 * @param flags   ::ek_item_flag bits (EK_ITEM_EXCLUDED, EK_ITEM_EXCEPTION count).
 * @return EK_OK, EK_EINVAL (NULL, invalid result), EK_ENOTFOUND (no such item), EK_ENOMEM.
 */
EK_API int ek_checklist_aggregate_add_result(ek_checklist_aggregate *agg, const char *item, const char *unit,
                                             const char *period, ek_result result, unsigned int flags);

struct ek_sarah_result;

/**
 * Add items E1 and E2 of one evaluated lex Sarah record (ek_sarah_evaluate(),
 * sarah.h) under @p unit and @p period (NULL means "").  Items the
 * checklist does not have are skipped.  On failure the aggregate is unchanged
 * only for the item that failed (E1 may have been added when E2 fails).
 * @param agg     the aggregate.
 * @param res     the lex Sarah result; only read.
 * @param unit    the unit label (copied), or NULL.
 * @param period  the period label (copied), or NULL.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.
 */
EK_API int ek_checklist_aggregate_add_sarah(ek_checklist_aggregate *agg, const struct ek_sarah_result *res,
                                            const char *unit, const char *period);

/**
 * Number of results sets added through ek_checklist_aggregate_add() (cases).
 * @param agg  the aggregate.
 * @return the count; 0 for NULL.
 */
EK_API size_t ek_checklist_aggregate_case_count(const ek_checklist_aggregate *agg);

/**
 * Number of distinct (unit, period) groups, in order of first appearance.
 * @param agg  the aggregate.
 * @return the count; 0 for NULL.
 */
EK_API size_t ek_checklist_aggregate_group_count(const ek_checklist_aggregate *agg);

/**
 * Group @p g's unit and period.
 * @param agg  the aggregate.
 * @param g    0 … ek_checklist_aggregate_group_count() - 1.
 * @param[out] unit    optional: receives the unit ("" when none); borrowed,
 *                     valid until @p agg is freed.
 * @param[out] period  optional: receives the period ("" when none); borrowed likewise.
 * @return EK_OK, EK_EINVAL (@p agg NULL), EK_ERANGE (@p g).
 */
EK_API int ek_checklist_aggregate_group(const ek_checklist_aggregate *agg, size_t g, const char **unit,
                                        const char **period);

/**
 * Counts of item @p item_index: over every group when @p group is
 * (size_t)-1 (::EK_ALL_GROUPS), else over group @p group.
 * @param agg         the aggregate.
 * @param item_index  the item's index in the checklist.
 * @param group       a group index, or EK_ALL_GROUPS.
 * @param[in,out] out struct with out->version set (EK_ITEM_COUNTS_INIT);
 *                    receives the counts (item id borrowed from the checklist).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p item_index or @p group), EK_EVERSION.
 */
EK_API int ek_checklist_aggregate_counts(const ek_checklist_aggregate *agg, size_t item_index, size_t group,
                                         ek_item_counts *out);

/**
 * Set the minimum number of judged cases below which a rate is flagged
 * uncertain (::ek_item_counts @c uncertain); EK_MIN_JUDGED_DEFAULT until set.
 * @param agg  the aggregate.
 * @param n    the minimum (0: never uncertain once something was judged).
 * @return EK_OK, EK_EINVAL (NULL).
 */
EK_API int ek_checklist_aggregate_set_min_judged(ek_checklist_aggregate *agg, size_t n);

/** "Every group" for ek_checklist_aggregate_counts(). */
#define EK_ALL_GROUPS ((size_t)-1)

/* ------------------------------------------------------------------------ */
/* Reproducible sampling                                                     */

/**
 * The sampling key of a case: FNV-1a 64-bit over the 8 bytes of @p seed in
 * little-endian order followed by the bytes of @p case_id (no terminator),
 * then the SplitMix64 finaliser (x ^= x >> 30; x *= 0xbf58476d1ce4e5b9;
 * x ^= x >> 27; x *= 0x94d049bb133111eb; x ^= x >> 31).  Integer arithmetic
 * modulo 2^64 only: the same on every platform.  Thread-safe.
 * @param seed     the sampling seed.
 * @param case_id  the case id (NULL is taken as "").
 * @return the key.
 */
EK_API uint64_t ek_sample_key(uint64_t seed, const char *case_id);

/**
 * Draw a reproducible random sample of at most @p n cases per group: within
 * each group (cases with equal @p groups[i]; all cases form one group when
 * @p groups is NULL), the @p n cases with the smallest ek_sample_key(seed,
 * id) are selected, ties broken by the id's bytes.  The selection does not
 * depend on the order of the input, and adding cases to a group never
 * removes a selected case unless it is displaced by a smaller key.
 * @param ids       @p count case ids (none NULL); only read.
 * @param groups    @p count group labels (e.g. "unit|2025"), or NULL; a NULL
 *                  label is taken as "".
 * @param count     number of cases.
 * @param n         most cases selected per group.
 * @param seed      the sampling seed (ek_sample_key()).
 * @param[out] selected @p count bytes: 1 selected, 0 not.
 * @return EK_OK, EK_EINVAL (NULL arrays with @p count > 0, or a NULL id:
 *         then @p selected may have been partly set to 0), EK_ENOMEM.
 *         Thread-safe.
 */
EK_API int ek_sample_select(const char *const *ids, const char *const *groups, size_t count, size_t n,
                            uint64_t seed, unsigned char *selected);

/**
 * The sampling group of a case, as `egenkontroll check --sample`,
 * `egenkontroll review --sample` and Python `egenkontroll.sample_cases()`
 * draw (one implementation): "<unit>|<period>", where the unit is the case's
 * ("" when none) and the period is that of the date of its first event in
 * date order: "2025" (year), "2025-H2" (half), "2025-Q3" (quarter),
 * "2025-09" (month), or "" for "all" and for a case without events.  Pass the
 * groups of the cases to ek_sample_select().
 * @param c       the case; only read.
 * @param period  "year", "half", "quarter", "month" or "all".
 * @param[out] buf  receives the NUL-terminated label.
 * @param size    size of @p buf (the unit's length + 32 always suffices).
 * @return EK_OK; EK_EINVAL (NULL, @p size 0, another period); EK_ELIMIT
 *         (@p buf too small).  Thread-safe.
 */
EK_API int ek_sample_group(const ek_case *c, const char *period, char *buf, size_t size);

/** A buffer of this many bytes holds every label of ek_sample_period_label(). */
#define EK_SAMPLE_PERIOD_BUFSIZE 16

/**
 * The period label of a date, the second half of ek_sample_group()'s group:
 * "2025" (year), "2025-H1" (January to June) or "2025-H2" (half), "2025-Q3"
 * (quarter: Q1 January to March, …), "2025-09" (month), or "" for "all" and
 * for EK_DATE_NONE.  `egenkontroll check` files each case under the period
 * of its first event and each lex Sarah record under that of its report
 * date with it (ek_checklist_aggregate_add(), _add_sarah()).
 * @param d       the date, or EK_DATE_NONE.
 * @param period  "year", "half", "quarter", "month" or "all"; borrowed.
 * @param[out] buf  receives the NUL-terminated label.
 * @param size    size of @p buf (EK_SAMPLE_PERIOD_BUFSIZE always suffices).
 * @return EK_OK; EK_EINVAL (NULL, @p size 0, another period: so it also
 *         checks a period name); EK_ELIMIT (@p buf too small).  Thread-safe.
 */
EK_API int ek_sample_period_label(ek_date d, const char *period, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* The run record (item F1)                                                  */

/** Version of struct ek_run_record understood by this header. */
#define EK_RUN_RECORD_VERSION 1

/**
 * What one egenkontroll run documents (item F1: who, when, which sample,
 * which versions of the checklist and the rules, the results and the
 * follow-up actions decided).  The caller fills it; the library writes it as
 * `egenkontroll/run-1` with ek_run_record_write_json() /
 * ek_run_record_write_file() (io.h; docs/formats.md), adding the versions
 * of the rulebook and the library and a sha256 checksum of every file named.
 * Every pointer is borrowed: the library never keeps or frees any of them.
 * Strings are UTF-8.  Start from EK_RUN_RECORD_INIT so that later members
 * added to a newer version keep their defaults.
 */
typedef struct ek_run_record {
    unsigned int version;                /**< EK_RUN_RECORD_VERSION (set by EK_RUN_RECORD_INIT). */
    const char *reviewer;                /**< `vem`: who ran it, a role (never a name); NULL: null. */
    ek_date made;                        /**< `nar`: the day of the run; EK_DATE_NONE: today (local time). */
    ek_date as_of;                       /**< `as_of`: the day audited as of. */
    const ek_checklist *checklist;         /**< The checklist used (required: id and version). */
    const char *checklist_file;          /**< Its file, or NULL for the built-in checklist. */
    const char *policy_file;             /**< The policy-1 file, or NULL. */
    const char *delegation_file;         /**< The delegation-1 file, or NULL. */
    const char *sarah_file;              /**< The avvikelse-1 file, or NULL. */
    const char *const *case_files;       /**< `indata`: @c case_file_count case files ("-": standard input). */
    size_t case_file_count;              /**< Number of @c case_files. */
    const char *const *answer_files;     /**< `svar`: @c answer_file_count granskning-1 files. */
    size_t answer_file_count;            /**< Number of @c answer_files. */
    size_t sample_size;                  /**< `urval.n`: cases drawn per group; 0: no sample (`urval` null). */
    uint64_t sample_seed;                /**< `urval.seed`. */
    const char *sample_period;           /**< `urval.period` ("year", …; NULL: "year"). */
    size_t sample_read;                  /**< `urval.lasta`: how many cases were read to draw from. */
    const char *const *sample_ids;       /**< `urval.valda`: the @c sample_id_count ids drawn. */
    size_t sample_id_count;              /**< Number of @c sample_ids. */
    size_t audited;                      /**< `granskade`: cases audited. */
    size_t rejected;                     /**< `avvisade`: records rejected. */
    const ek_checklist_aggregate *aggregate;         /**< `sammanstallning` (required); add F1 first. */
    const char *const *case_results;     /**< `fall`: @c case_result_count JSON objects, each as
                                              ek_checklist_result_write_json() writes it. */
    size_t case_result_count;            /**< Number of @c case_results. */
    const char *const *actions;          /**< `atgarder`: @c action_count follow-up actions decided. */
    size_t action_count;                 /**< Number of @c actions. */
} ek_run_record;

/** Static initializer for struct ek_run_record. */
#define EK_RUN_RECORD_INIT { EK_RUN_RECORD_VERSION, NULL, EK_DATE_NONE, EK_DATE_NONE, NULL, NULL, NULL, NULL, NULL, \
                             NULL, 0, NULL, 0, 0, 0, NULL, 0, NULL, 0, 0, 0, NULL, NULL, 0, NULL, 0 }

/**
 * The result of item F1 for the run @p r documents: EK_RESULT_PASS when it
 * documents at least one follow-up action that is not blank, else
 * EK_RESULT_NOTCHECKED (also for a run without a record: @p r NULL).  Add it
 * to the run's aggregate (ek_checklist_aggregate_add_result(agg, "F1", …))
 * before writing the record.  Thread-safe.
 * @param r  the run record, or NULL (no record written).
 * @return EK_RESULT_PASS or EK_RESULT_NOTCHECKED.
 */
EK_API ek_result ek_run_record_f1(const ek_run_record *r);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_CHECKLIST_H */
