/* SPDX-License-Identifier: MIT */
/**
 * @file rules.h
 * @brief The temporal rulebook of statutory time limits and deadline evaluation (bevakning).
 *
 * **The rulebook** (::ek_rulebook) holds every time limit of a child and
 * youth case listed in DOMAIN.md §4 under its public id
 * ("forhandsbedomning", "utredning", "overvagande_sol", …; see
 * ::ek_rule_id).  Each rule has one or more *versions*, each valid from one
 * date to another, with its period, its legal reference in Swedish
 * citation form ("SoL (2025:400) 20 kap. 2 §", "SoL (2001:453) 11 kap. 2 §
 * 2 st.", "LVU (1990:52) 13 § 1 st.", "SoF (2025:468) 3 kap. 4 §",
 * "FL (2017:900) 12 §") and how certain it is: "V" read in the statute, "S"
 * from an authority's or municipality's secondary text, "R" reasoned
 * reading.  SoL (2001:453) applies up to 2025-06-30 and SoL (2025:400) from
 * 2025-07-01, with no transitional rule (DOMAIN.md §2).  A version's mark is
 * the weakest part of what it applies: where DOMAIN.md qualifies a mark
 * ("V (start R)" for overvagande_sol and lvu_overvagande, "V (number R)" for
 * besok_placerat_barn) or gives none for the old law ("V new" only:
 * information_utredning, forteckning_ivo), the version is "R", so its
 * obligations carry ::EK_OBL_UNCERTAIN ("osaker"); the note says which part
 * was read in the statute.
 *
 * **Which version applies.**  The version in force on the day the
 * obligation falls due.  Versions are tried in date order; for each, the
 * due date is the start plus that version's period, but never before the
 * version came into force (an amendment that shortens a period cannot make
 * something fall due before it entered into force, DOMAIN.md §2); the first
 * version in force on its own due date is used.  So a family-home placement
 * executed 2020-01-10 has its custody-transfer consideration due
 * 2022-07-01 (2 years from 2022-07-01, but not earlier than that day), and a
 * reporter's feedback request that is still open on 2026-01-15 falls due
 * that day at the earliest.  Obligations whose due date was moved this way
 * carry ::EK_OBL_CLAMPED.
 *
 * **Counting** follows DOMAIN.md §3 (calendar.h): days with the start day
 * not counted, weeks/months/years by Lag (1930:173) 1 §; every obligation
 * reports the nominal end (1 §) and the legal end (rolled to a working day
 * by 2 §); the policy parameter "bedom_mot" decides which one judges "on
 * time" (default: the legal end; a strict policy uses the nominal end).
 * Numbers the law leaves open ("genast", visit frequency, follow-up
 * interval of a genomförandeplan) come from the context's policy (policy.h),
 * never from a constant.
 *
 * **Evaluation.**  ek_evaluate_case() looks at the events of a case dated on
 * or before an as-of date (later events do not exist for it) and produces
 * one ::ek_obligation per duty that has arisen: each report of concern
 * gives a skyddsbedömning and a förhandsbedömning, each investigation an
 * investigation limit and an information duty, each period of a recurring
 * duty (six-monthly reviews, yearly custody-transfer considerations, visits,
 * genomförandeplan follow-ups) one obligation, up to the as-of date plus the
 * next pending one.  Recurring duties end when the placement ends
 * (placering_avslutad; for LVU also lvu_vard_avslutad).  Statuses:
 *
 * | status        | meaning                                                     |
 * |---------------|-------------------------------------------------------------|
 * | met           | completed on or before the judged end                       |
 * | late          | completed after the judged end                              |
 * | pending       | not completed and as-of on or before the judged end         |
 * | overdue       | not completed and the judged end has passed                 |
 * | notapplicable | the duty does not arise (e.g. report joined to a running    |
 * |               | investigation; no rule in force on the day)                 |
 * | error         | the data contradict each other (completed before it started,|
 * |               | a required date missing): never reported as met             |
 *
 * **Pairing** of a start event with its completion: an event whose `ref`
 * names the start event's `id` wins; otherwise, in date order, each start
 * takes the first unused completion dated on or after it.  A completion
 * left over that is dated before an uncompleted start makes that
 * obligation an error ("… daterad före …").
 *
 * **Extensions.**  forhandsbedomning: documented synnerliga skäl
 * (forhandsbedomning_synnerliga_skal, on or before the judged end) except
 * the 14-day limit; the obligation is then met (or pending) with
 * ::EK_OBL_EXCEPTION set, never silently.  utredning: an utredning_forlangd
 * decided on or before the then-current judged end moves the end to its
 * ny_slutdag (::EK_OBL_EXTENDED; extensions may be chained); one decided
 * after expiry does not rescue the investigation
 * (::EK_OBL_EXTENSION_TOO_LATE).
 *
 * **Board-level rules.**  forteckning_ivo (the register of children in
 * family homes sent to IVO by 31 January) is a calendar duty of the board,
 * not of a case: ek_evaluate_case() never reports it; evaluate it with
 * ek_evaluate_annual().
 *
 * **Event vocabulary beyond case-1** (kept by name as unknown types by the
 * case reader, recognised here): "begaran_avgorande" (a party asks for a
 * decision under FL (2017:900) 12 §) and "begaran_avgorande_besvarad"
 * (decided, or the request rejected by a reasoned decision).
 *
 * Thread safety: the built-in rulebook is immutable and may be used by any
 * number of threads.  An ::ek_evaluation is used by one thread at a time;
 * different evaluations may be filled by different threads at once from the
 * same context, rulebook and case.
 */
#ifndef EGENKONTROLL_RULES_H
#define EGENKONTROLL_RULES_H

#include <stddef.h>

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>
#include <egenkontroll/case.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Rules                                                                     */

/**
 * The rules of the built-in rulebook, in the order of DOMAIN.md §4.  The
 * value is also the rule's index in the built-in rulebook.  New rules are
 * added at the end: the rules are 0 …
 * ek_rulebook_rule_count(ek_rulebook_builtin()) - 1 (a later version of the
 * library may have more than this header names).
 */
typedef enum ek_rule_id {
    EK_RULE_SKYDDSBEDOMNING = 0,          /**< skyddsbedomning: "genast" after a report (policy grace). */
    EK_RULE_FORHANDSBEDOMNING,            /**< forhandsbedomning: decide to open or not within 14 days. */
    EK_RULE_UTREDNING,                    /**< utredning: complete within 4 months (extension possible). */
    EK_RULE_INFORMATION_UTREDNING,        /**< information_utredning: inform those concerned "genast". */
    EK_RULE_ATERKOPPLING_ANMALARE,        /**< aterkoppling_anmalare: feedback to a mandatory reporter. */
    EK_RULE_OVERVAGANDE_SOL,              /**< overvagande_sol: review every 6 months (recurring). */
    EK_RULE_VARDNADSOVERFLYTTNING,        /**< vardnadsoverflyttning: custody transfer considered (recurring). */
    EK_RULE_VARDPLAN_REVISION,            /**< vardplan_revision: first revision within 2 years of placement. */
    EK_RULE_JOURHEM_EFTER_UTREDNING,      /**< jourhem_efter_utredning: at most 2 months in a jourhem after. */
    EK_RULE_FORTECKNING_IVO,              /**< forteckning_ivo: register to IVO by 31 January (board level). */
    EK_RULE_LVU_OVERVAGANDE,              /**< lvu_overvagande: LVU 2 § care reviewed every 6 months. */
    EK_RULE_LVU_OMPROVNING,               /**< lvu_omprovning: LVU 3 § care re-examined every 6 months. */
    EK_RULE_LVU_VARDNADSOVERFLYTTNING,    /**< lvu_vardnadsoverflyttning: custody transfer considered (LVU). */
    EK_RULE_LVU_UNDERSTALLNING,           /**< lvu_understallning: immediate custody to court within 1 week. */
    EK_RULE_LVU_ANSOKAN_VARD,             /**< lvu_ansokan_vard: apply for care within 4 weeks. */
    EK_RULE_LVU_VARD_PABORJAD,            /**< lvu_vard_paborjad: care begun within 4 weeks of final judgment. */
    EK_RULE_LVU_UMGANGE,                  /**< lvu_umgange: contact restriction reviewed every 3 months. */
    EK_RULE_LVU_UPPFOLJNING,              /**< lvu_uppfoljning: follow-up after LVU care ends, at most 6 months. */
    EK_RULE_FL_BEGARAN_AVGORANDE,         /**< fl_begaran_avgorande: decide within 4 weeks of a request. */
    EK_RULE_IVO_FORELAGGANDE,             /**< ivo_forelaggande: reply to IVO by the date it set. */
    EK_RULE_BESOK_PLACERAT_BARN,          /**< besok_placerat_barn: visits at the policy interval (recurring). */
    EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING  /**< genomforandeplan_uppfoljning: follow-up at the policy interval. */
} ek_rule_id;

/** How a rule's obligations arise. */
typedef enum ek_rule_kind {
    EK_RULE_SINGLE = 1,     /**< One obligation per start event. */
    EK_RULE_RECURRING = 2,  /**< One obligation per period while the duty lasts. */
    EK_RULE_ANNUAL = 3      /**< A calendar duty of the board (ek_evaluate_annual()). */
} ek_rule_kind;

/** How the limit of a rule can be extended or excepted. */
typedef enum ek_extension_kind {
    EK_EXTENSION_NONE = 0,              /**< No extension. */
    EK_EXTENSION_SYNNERLIGA_SKAL = 1,   /**< Documented synnerliga skäl except the limit (förhandsbedömning). */
    EK_EXTENSION_NEW_END_DATE = 2,      /**< A decision before expiry sets a new end date (utredning). */
    EK_EXTENSION_SARSKILDA_SKAL = 3,    /**< Särskilda skäl allow more time; not representable in case-1 (jourhem). */
    EK_EXTENSION_COURT = 4              /**< The court may extend; not representable in case-1 (LVU 8 §). */
} ek_extension_kind;

/** Version of struct ek_rule_info understood by this header. */
#define EK_RULE_INFO_VERSION 1

/** Static description of a rule.  All strings are static (valid for the life of the process). */
typedef struct ek_rule_info {
    unsigned int version;           /**< Set to EK_RULE_INFO_VERSION by the caller. */
    ek_rule_id id;                  /**< The rule. */
    const char *name;               /**< Public id, e.g. "forhandsbedomning". */
    const char *title;              /**< Swedish title, e.g. "Förhandsbedömning inom 14 dagar". */
    const char *description;        /**< Swedish: what starts it, what the limit is, what completes it. */
    ek_rule_kind kind;              /**< Single, recurring or annual. */
    const char *start_events;       /**< Event type names that start it, '|'-separated. */
    const char *completion_events;  /**< Event type names that complete it, '|'-separated. */
    ek_extension_kind extension;    /**< Extension rule. */
    const char *extension_text;     /**< Swedish description of the extension rule, or NULL. */
    size_t version_count;           /**< Number of versions (ek_rulebook_rule_version()). */
} ek_rule_info;

/** Static initializer for struct ek_rule_info. */
#define EK_RULE_INFO_INIT { EK_RULE_INFO_VERSION, (ek_rule_id)0, NULL, NULL, NULL, (ek_rule_kind)0, NULL, NULL, \
                            EK_EXTENSION_NONE, NULL, 0 }

/** Version of struct ek_rule_version_info understood by this header (2: period_kind; version 1 is still accepted). */
#define EK_RULE_VERSION_INFO_VERSION 2

/**
 * One version of a rule: what it says while it is in force.  Strings are
 * static.
 */
typedef struct ek_rule_version_info {
    unsigned int version;        /**< Set to EK_RULE_VERSION_INFO_VERSION by the caller. */
    ek_rule_id rule;             /**< The rule. */
    ek_date valid_from;          /**< First day in force, or EK_DATE_NONE (since before the supported range). */
    ek_date valid_to;            /**< Last day in force, or EK_DATE_NONE (still in force). */
    int has_limit;               /**< 0: the duty exists without a time limit in this version. */
    ek_period period;            /**< The period (first period of a recurring rule), when has_limit and no policy_param. */
    ek_period repeat;            /**< Recurring rules: the period of each later obligation (n = 0: no repetition). */
    const char *policy_param;    /**< Name of the policy parameter giving the period, or NULL. */
    const char *basis;           /**< Legal reference, e.g. "SoL (2025:400) 20 kap. 2 §". */
    const char *certainty;       /**< "V", "S" or "R" (DOMAIN.md §1). */
    const char *note;            /**< Swedish note on the version (what changed, what is uncertain), or NULL. */
    /* Since version 2 (0.2): */
    ek_period_kind period_kind;  /**< Who set the limit: law (1930:173 roll-over), policy or a day set by a decision (never rolled). */
} ek_rule_version_info;

/** Static initializer for struct ek_rule_version_info. */
#define EK_RULE_VERSION_INFO_INIT { EK_RULE_VERSION_INFO_VERSION, (ek_rule_id)0, EK_DATE_NONE, EK_DATE_NONE, 0, \
                                    { 0, (ek_period_unit)0 }, { 0, (ek_period_unit)0 }, NULL, NULL, NULL, NULL, \
                                    EK_PERIOD_LAW }

/** A rulebook (opaque, immutable). */
typedef struct ek_rulebook ek_rulebook;

/**
 * The built-in rulebook: every rule of DOMAIN.md §4.
 * @return the rulebook: static data, never NULL; borrowed for the life of
 *         the process (do not free).  Thread-safe.
 */
EK_API const ek_rulebook *ek_rulebook_builtin(void);

/**
 * The rulebook's version, e.g. "2026.1" (recorded with egenkontroll runs,
 * checklist item F1).
 * @param rb  the rulebook.
 * @return the version; static; NULL for a NULL rulebook.  Thread-safe.
 */
EK_API const char *ek_rulebook_version(const ek_rulebook *rb);

/**
 * Number of rules.
 * @param rb  the rulebook.
 * @return the count; 0 for NULL.  Thread-safe.
 */
EK_API size_t ek_rulebook_rule_count(const ek_rulebook *rb);

/**
 * Describe rule @p index (0 … count-1; for the built-in rulebook the index
 * is the ::ek_rule_id).
 * @param rb     the rulebook.
 * @param index  0 … ek_rulebook_rule_count() - 1.
 * @param[in,out] out with out->version set (EK_RULE_INFO_INIT); receives the
 *               description; strings static (title, description and
 *               extension_text translated like ek_calendar_day_name()).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (index), EK_EVERSION.  Thread-safe.
 */
EK_API int ek_rulebook_rule(const ek_rulebook *rb, size_t index, ek_rule_info *out);

/**
 * Find a rule by its public id ("utredning").
 * @param rb    the rulebook.
 * @param name  the public id (case-sensitive).
 * @param[out] index receives the rule's index.
 * @return EK_OK; EK_ENOTFOUND (unknown id, named in the last error); EK_EINVAL.  Thread-safe.
 */
EK_API int ek_rulebook_find(const ek_rulebook *rb, const char *name, size_t *index);

/**
 * The public id of a rule of the built-in rulebook.
 * @param rule  the rule.
 * @return the id ("utredning"); static; NULL when out of range (the last
 *         error is not set).  Thread-safe.
 */
EK_API const char *ek_rule_name(ek_rule_id rule);

/**
 * Describe version @p k (0 … version_count-1, oldest first) of rule @p index.
 * @param rb     the rulebook.
 * @param index  the rule's index.
 * @param k      0 … ek_rule_info.version_count - 1.
 * @param[in,out] out with out->version set (EK_RULE_VERSION_INFO_INIT);
 *               receives the version; strings static.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p index or @p k), EK_EVERSION.
 *         Thread-safe.
 */
EK_API int ek_rulebook_rule_version(const ek_rulebook *rb, size_t index, size_t k, ek_rule_version_info *out);

/**
 * The version of rule @p index in force on @p day.
 * @param rb     the rulebook.
 * @param index  the rule's index.
 * @param day    the day, within the supported range.
 * @param[in,out] out with out->version set (EK_RULE_VERSION_INFO_INIT);
 *               receives the version; strings static.
 * @return EK_OK; EK_ENOTFOUND when no version is in force that day (no
 * error message set); EK_EINVAL (NULL), EK_ERANGE (@p index, or @p day
 * outside the range), EK_EVERSION.  Thread-safe.
 */
EK_API int ek_rulebook_version_on(const ek_rulebook *rb, size_t index, ek_date day, ek_rule_version_info *out);

/* ------------------------------------------------------------------------ */
/* Obligations                                                               */

/** The state of one obligation at the as-of date. */
typedef enum ek_obligation_status {
    EK_OBL_MET = 1,            /**< Completed on or before the judged end. */
    EK_OBL_LATE = 2,           /**< Completed after the judged end. */
    EK_OBL_PENDING = 3,        /**< Not completed; as-of on or before the judged end. */
    EK_OBL_OVERDUE = 4,        /**< Not completed; the judged end has passed. */
    EK_OBL_NOTAPPLICABLE = 5,  /**< The duty does not arise for this case (message says why). */
    EK_OBL_ERROR = 6           /**< Contradictory or missing data: cannot be judged (message says why). */
} ek_obligation_status;

/**
 * The name of an obligation status.
 * @param status  the status.
 * @return "met", "late", "pending", "overdue", "notapplicable" or "error";
 *         "invalid" for any other value; static, never NULL.  Thread-safe.
 */
EK_API const char *ek_obligation_status_name(ek_obligation_status status);

/**
 * The word for an obligation status shown to people: the code of
 * ek_obligation_status_name() in the language of the library's messages
 * (Swedish "hållen", "försenad", "väntande", …; untranslated in the "C"
 * locale).  `egenkontroll evaluate`'s text output uses it.
 * @param status  the status.
 * @return static, never NULL; "invalid" for a value outside the enumeration.
 *         Thread-safe.
 */
EK_API const char *ek_obligation_status_label(ek_obligation_status status);

/**
 * Parse an obligation status name (as given by ek_obligation_status_name()).
 * @param name      the name; borrowed for the call.
 * @param[out] out  receives the status; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_EPARSE (unknown name).  Thread-safe.
 */
EK_API int ek_obligation_status_from_name(const char *name, ek_obligation_status *out);

/** Flags of an obligation (bits of ek_obligation::flags). */
typedef enum ek_obligation_flag {
    EK_OBL_EXCEPTION = 1u << 0,           /**< "undantag": synnerliga skäl documented; the limit does not apply. */
    EK_OBL_EXCEPTION_TOO_LATE = 1u << 1,  /**< "undantag_for_sent": synnerliga skäl documented only after the end. */
    EK_OBL_EXTENDED = 1u << 2,            /**< "forlangd": the end was moved by an extension decided in time. */
    EK_OBL_EXTENSION_TOO_LATE = 1u << 3,  /**< "forlangning_for_sent": an extension decided after expiry (ignored). */
    EK_OBL_CLAMPED = 1u << 4,             /**< "ikrafttradande": due date moved to an amendment's entry into force. */
    EK_OBL_RECURRING = 1u << 5,           /**< "aterkommande": one period of a recurring duty. */
    EK_OBL_NEXT = 1u << 6,                /**< "nasta": the next period of a recurring duty, due after as-of. */
    EK_OBL_LAPSES = 1u << 7,              /**< "forfaller": missing the limit makes a decision lapse (LVU 5, 7 §§). */
    EK_OBL_NOMINAL_JUDGED = 1u << 8,      /**< "strikt": judged against the nominal end (strict policy). */
    EK_OBL_UNCERTAIN = 1u << 9,           /**< "osaker": the rule version or its start point is an R reading. */
    EK_OBL_ASSUMED = 1u << 10             /**< "antagande": applicability assumed for lack of data (e.g. no birth date). */
} ek_obligation_flag;

/**
 * The short name of one flag bit.
 * @param flag  exactly one ::ek_obligation_flag bit.
 * @return "undantag", "forlangd", … (see ::ek_obligation_flag); static; NULL
 *         for 0, several bits or an unknown bit.  Thread-safe.
 */
EK_API const char *ek_obligation_flag_name(unsigned int flag);

/** "No event" in the event-index fields of ek_obligation. */
#define EK_NO_EVENT ((size_t)-1)

/** Version of struct ek_obligation understood by this header (2: period, period_kind, policy_param). */
#define EK_OBLIGATION_VERSION 2

/**
 * One obligation of a case at the as-of date.  Filled by the library
 * (version set to EK_OBLIGATION_VERSION); borrowed from its ::ek_evaluation.
 * Event indices refer to ek_case_event() of the evaluated case.
 */
typedef struct ek_obligation {
    unsigned int version;         /**< EK_OBLIGATION_VERSION. */
    ek_rule_id rule;              /**< The rule. */
    const char *rule_name;        /**< Its public id (static). */
    unsigned int sequence;        /**< Recurring rules: 1, 2, … within one placement (series); 0 otherwise. */
    ek_obligation_status status;  /**< See ::ek_obligation_status. */
    unsigned int flags;           /**< Bits of ::ek_obligation_flag. */
    ek_date start;                /**< The day the period is counted from. */
    ek_date nominal;              /**< Nominal end (after extensions); EK_DATE_NONE when not yet known. */
    ek_date legal;                /**< Legal end (1930:173 2 §); EK_DATE_NONE when not yet known. */
    ek_date judged;               /**< The end that judged the status (legal, or nominal under a strict policy). */
    ek_date done;                 /**< Completion date, or EK_DATE_NONE. */
    ek_date original_nominal;     /**< Nominal end before any extension or clamping (else equal to nominal). */
    size_t start_event;           /**< Index of the start event, or EK_NO_EVENT. */
    size_t done_event;            /**< Index of the completing event, or EK_NO_EVENT. */
    size_t extension_event;       /**< Index of the extension / synnerliga-skäl event used, or EK_NO_EVENT. */
    const char *basis;            /**< Legal reference of the version applied (static), e.g. "SoL (2025:400) 20 kap. 3 §". */
    const char *certainty;        /**< "V", "S" or "R" of that version (static). */
    ek_date version_from;         /**< valid_from of the version applied, or EK_DATE_NONE. */
    ek_date version_to;           /**< valid_to of the version applied, or EK_DATE_NONE. */
    const char *message;          /**< Swedish explanation (why error/notapplicable, exception, extension), translated like ek_calendar_day_name(); "" when none; any length (never cut). Borrowed from the evaluation; formatted when the evaluation is first read (ek_evaluation_at()), in the language of the evaluating call. */
    /* Since version 2 (0.2): */
    ek_period period;             /**< The period applied (n = 0 and unit 0 when no period was applied). */
    ek_period_kind period_kind;   /**< Who set it: law (the legal end rolls over), policy or a day set by a decision (never rolled). */
    const char *policy_param;     /**< The policy parameter that gave the period (static name), or NULL. */
} ek_obligation;

/* ------------------------------------------------------------------------ */
/* Evaluation                                                                */

/**
 * The obligations of one case at one as-of date.  Reusable: each
 * evaluation replaces the previous content and keeps its buffers, so
 * evaluating case after case does not allocate once the buffers have grown.
 * One thread at a time.
 */
typedef struct ek_evaluation ek_evaluation;

/**
 * Create an empty evaluation.
 * @param[out] out receives the evaluation; owned; free with
 *                 ek_evaluation_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_evaluation_new(ek_evaluation **out);

/**
 * Free an evaluation.  Obligations and strings borrowed from it become invalid.
 * @param ev  the evaluation, or NULL (no-op).  No other thread may use it meanwhile.
 */
EK_API void ek_evaluation_free(ek_evaluation *ev);

/**
 * Empty an evaluation (no obligations, as-of EK_DATE_NONE, case id ""),
 * keeping its buffers.  Borrowed obligations become invalid.
 * @param ev  the evaluation, or NULL (no-op).  One thread at a time.
 */
EK_API void ek_evaluation_clear(ek_evaluation *ev);

/**
 * Number of obligations.
 * @param ev  the evaluation.
 * @return the count; 0 for NULL.  One thread at a time per evaluation.
 */
EK_API size_t ek_evaluation_count(const ek_evaluation *ev);

/**
 * Obligation @p k (0 … count-1).
 * @param ev  the evaluation.
 * @param k   0 … ek_evaluation_count() - 1.
 * @return the obligation; borrowed: valid until @p ev is evaluated again,
 *         sorted, cleared or freed.  NULL when @p ev is NULL or @p k out of
 *         range (the last error is not set).  One thread at a time per
 *         evaluation.
 */
EK_API const ek_obligation *ek_evaluation_at(const ek_evaluation *ev, size_t k);

/**
 * The as-of date of the last evaluation.
 * @param ev  the evaluation.
 * @return the date; EK_DATE_NONE when @p ev is NULL, empty, cleared or the
 *         last evaluation failed.  One thread at a time per evaluation.
 */
EK_API ek_date ek_evaluation_as_of(const ek_evaluation *ev);

/**
 * The id of the case evaluated last (copied at evaluation).
 * @param ev  the evaluation.
 * @return the id; "" when @p ev is NULL, empty or cleared; borrowed like
 *         ek_evaluation_at().  One thread at a time per evaluation.
 */
EK_API const char *ek_evaluation_case_id(const ek_evaluation *ev);

/**
 * Find the next obligation of @p rule at or after position @p from.
 * @param ev    the evaluation.
 * @param rule  the rule.
 * @param from  the first position to look at (0 for the first match).
 * @param[out] index receives its position; untouched on failure.
 * @return EK_OK; EK_ENOTFOUND when there is none (no error message set);
 *         EK_EINVAL (NULL).  One thread at a time per evaluation.
 */
EK_API int ek_evaluation_find(const ek_evaluation *ev, ek_rule_id rule, size_t from, size_t *index);

/**
 * Number of obligations with a given status.
 * @param ev      the evaluation.
 * @param status  the status to count.
 * @return the count; 0 for NULL.  One thread at a time per evaluation.
 */
EK_API size_t ek_evaluation_count_status(const ek_evaluation *ev, ek_obligation_status status);

/** Orders for ek_evaluation_sort(). */
typedef enum ek_evaluation_order {
    EK_ORDER_RULE = 0,    /**< By rule (catalogue order), then start date, then sequence: the order produced. */
    EK_ORDER_URGENCY = 1  /**< Overdue (oldest judged end first), pending (by legal end), error, late, met, notapplicable. */
} ek_evaluation_order;

/**
 * Sort the obligations (stable: ties keep the order in which they were
 * produced).  Borrowed obligation pointers are invalidated.
 * @param ev     the evaluation.
 * @param order  the order.
 * @return EK_OK, EK_EINVAL (NULL, unknown order).  One thread at a time.
 */
EK_API int ek_evaluation_sort(ek_evaluation *ev, ek_evaluation_order order);

/**
 * Append the CSV header line of ek_evaluation_append_csv()'s table,
 * preceded by the byte order mark of EK_CSV_EXCEL_SV: the columns
 * `id,unit,rule,seq,status,start,nominal,legal,judged,done,basis,certainty,flags,message`
 * (fixed codes in every language).
 * @param dialect  the CSV dialect.
 * @param[in,out] buf, len, cap  a growable buffer as for
 *                ek_evaluation_append_json() (io.h): NULL/0/0 or one these
 *                functions returned; owned by the caller, free with ek_free().
 * @return EK_OK; EK_EINVAL (NULL or inconsistent buffer, unknown dialect);
 *         EK_ENOMEM (@p len unchanged).  Thread-safe for distinct buffers.
 */
EK_API int ek_evaluation_csv_header(ek_csv_dialect dialect, char **buf, size_t *len, size_t *cap);

/**
 * Append the obligations of @p ev as CSV lines (CRLF), one per obligation in
 * the evaluation's current order, under the header of
 * ek_evaluation_csv_header(): the case id, @p unit, the rule id, the
 * sequence (empty for single duties), the status code (met, late, …), the
 * dates start, nominal, legal, judged and done as YYYY-MM-DD (empty when
 * none), the legal basis, the certainty (V/S/R), the flag names joined by
 * "|" and the message (in the language of the process).  A case without
 * obligations appends nothing.
 * @param ev       the evaluation; only read.
 * @param unit     the case's unit (ek_case_unit()), or NULL for "".
 * @param dialect  the CSV dialect (EK_CSV_EXCEL_SV: ';' between fields).
 * @param[in,out] buf, len, cap  as for ek_evaluation_csv_header().
 * @return EK_OK; EK_EINVAL (NULL @p ev, inconsistent buffer, unknown
 *         dialect); EK_ENOMEM (@p len unchanged).  One thread at a time per
 *         evaluation and per buffer.
 */
EK_API int ek_evaluation_append_csv(const ek_evaluation *ev, const char *unit, ek_csv_dialect dialect, char **buf,
                                    size_t *len, size_t *cap);

/**
 * Evaluate every per-case rule of @p rb for case @p c at @p as_of.
 *
 * Only events dated on or before @p as_of are considered.  The context
 * supplies the calendar and the policy ("bedom_mot" and the periods of
 * "genast" and other open limits).  Contradictory data do not make this
 * function fail: they give obligations with status EK_OBL_ERROR.
 *
 * @param ctx   the context (calendar, policy); borrowed for the call.
 * @param rb    the rulebook (ek_rulebook_builtin()).
 * @param c     the case; only read.
 * @param as_of the evaluation date (must be in the supported range).
 * @param[out] out receives the obligations (previous content replaced).  On
 *              failure it is left empty, except when an argument is NULL
 *              (then it is untouched).
 * @return EK_OK; EK_EINVAL (NULL argument, as_of EK_DATE_NONE); EK_ERANGE
 *         (as_of outside the range); EK_ENOMEM.
 * Thread-safe for distinct @p out objects (@p ctx, @p rb and @p c may be
 * shared).
 */
EK_API int ek_evaluate_case(const ek_context *ctx, const ek_rulebook *rb, const ek_case *c, ek_date as_of,
                            ek_evaluation *out);

/**
 * Evaluate @p count cases, each into its own evaluation (out[i] for
 * cases[i]), with up to @p threads threads (0 or 1: the calling thread
 * only).  The context, rulebook and cases are only read.  A case that fails
 * does not stop the others.
 *
 * @param ctx       the context (calendar, policy); borrowed for the call.
 * @param rb        the rulebook.
 * @param cases     @p count cases; only read (may be NULL when @p count is 0).
 * @param count     number of cases.
 * @param as_of     the evaluation date, as for ek_evaluate_case().
 * @param out       @p count distinct evaluations; out[i] receives the
 *                  obligations of cases[i] as with ek_evaluate_case().
 * @param[out] statuses optional array of @p count: receives each case's status.
 * @param threads   most threads to use, including the calling thread (at
 *                  most 64 and @p count; if a thread cannot be started,
 *                  fewer are used).
 * @return EK_OK when every case was evaluated; otherwise the status of the
 *         failed case with the lowest index (the calling thread's last
 *         error then describes that failure); EK_EINVAL for NULL @p ctx or
 *         @p rb, or NULL arrays with @p count > 0; EK_ENOMEM when no mutex
 *         can be created.  Thread-safe for distinct @p out objects.
 */
EK_API int ek_evaluate_cases(const ek_context *ctx, const ek_rulebook *rb, const ek_case *const *cases,
                             size_t count, ek_date as_of, ek_evaluation *const *out, int *statuses,
                             unsigned int threads);

/** One obligation whose status differs between two evaluations of the same case (ek_evaluation_compare()). */
typedef struct ek_obligation_change {
    const ek_obligation *before;  /**< In the first evaluation, or NULL (it does not arise there). */
    const ek_obligation *after;   /**< In the second evaluation, or NULL (it does not arise there). */
} ek_obligation_change;

/**
 * What changes for a case between two evaluations — the same case at the
 * same as-of date under another policy or rulebook (the board's question
 * "what changes for our open cases if we judge against the nominal end?";
 * `egenkontroll evaluate --compare-policy FILE`).  Obligations are matched
 * by rule, start event and sequence; a pair is listed when its status
 * differs or when it arises in only one of them.
 * @param a, b       the two evaluations (only read).
 * @param[out] out   caller's array of @p cap changes, ordered by rule, start
 *                   event and sequence; pointers borrowed from @p a and
 *                   @p b.  May be NULL when @p cap is 0.
 * @param cap        entries @p out holds.
 * @param[out] count receives the number of changes (may exceed @p cap: call
 *                   again with a larger array).
 * @return EK_OK, EK_EINVAL (NULL @p a, @p b or @p count; @p out NULL with
 *         @p cap > 0), EK_ENOMEM.  O(n log n).  Thread-safe for evaluations
 *         no thread is changing.
 */
EK_API int ek_evaluation_compare(const ek_evaluation *a, const ek_evaluation *b, ek_obligation_change *out,
                                 size_t cap, size_t *count);

/**
 * Evaluate an annual (board-level) rule, such as forteckning_ivo, for
 * calendar year @p year.
 *
 * @param ctx   the context (calendar, policy); borrowed for the call.
 * @param rb    the rulebook.
 * @param rule  an EK_RULE_ANNUAL rule (else EK_EINVAL).
 * @param year  the year in which the duty falls due (forteckning_ivo: 31
 *              January of @p year).
 * @param done  the day it was done, or EK_DATE_NONE.
 * @param as_of evaluation date; a @p done after it is ignored.
 * @param[out] out filled like an obligation of ek_evaluate_case() (start =
 *             1 January of @p year; message static, not borrowed from an
 *             evaluation).  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL, not an annual rule), EK_ERANGE (@p as_of
 *         EK_DATE_NONE or outside the range, @p year outside 1953-2199, or
 *         the due date outside the range).  Thread-safe.
 */
EK_API int ek_evaluate_annual(const ek_context *ctx, const ek_rulebook *rb, ek_rule_id rule, int year,
                              ek_date done, ek_date as_of, ek_obligation *out);

/* ------------------------------------------------------------------------ */
/* Explanations                                                              */

/** An event an explanation refers to. */
typedef struct ek_explain_event {
    size_t index;          /**< Index in the case (ek_case_event()), or EK_NO_EVENT. */
    const char *type;      /**< Its type name (borrowed from the case), or NULL. */
    ek_date date;          /**< Its date, or EK_DATE_NONE. */
} ek_explain_event;

/** A day that moved a last day (1930:173 2 §). */
typedef struct ek_explain_day {
    ek_date date;          /**< The day. */
    const char *name;      /**< "lördag", "söndag", "julafton", a holiday's name, … (static, translated). */
} ek_explain_day;

/** Version of struct ek_explanation understood by this header. */
#define EK_EXPLANATION_VERSION 1

/**
 * Why an obligation has its status: everything a jurist needs to follow the
 * verdict without reading code.  Filled by ek_obligation_explain(); strings
 * are static or borrowed from the case.
 */
typedef struct ek_explanation {
    unsigned int version;          /**< Set to EK_EXPLANATION_VERSION by the caller (EK_EXPLANATION_INIT). */
    ek_explain_event start;        /**< The event the period is counted from. */
    ek_explain_event done;         /**< The completing event, if any. */
    ek_explain_event extension;    /**< The extension (or synnerliga skäl) event used, if any. */
    ek_period period;              /**< The period applied (n = 0, unit 0: none). */
    ek_period_kind period_kind;    /**< Who set it. */
    const char *policy_param;      /**< The policy parameter that gave the period, or NULL. */
    char policy_value[16];         /**< Its value in the context's policy ("1d"), or "". */
    const char *judge_on;          /**< "legal" or "nominal": the policy bedom_mot. */
    ek_date original_nominal;      /**< End before extensions and clamping. */
    ek_date nominal;               /**< Nominal end (1930:173 1 §, or the day set). */
    ek_date legal;                 /**< Legal end (after 2 § for a time set by law). */
    ek_date judged;                /**< The end that judged the status. */
    size_t moved_count;            /**< Days from the nominal end up to the legal end that moved it (at most 8). */
    ek_explain_day moved[8];       /**< Those days, in order. */
    const char *basis;             /**< Legal basis of the version applied. */
    const char *certainty;         /**< Its certainty ("V", "S", "R"). */
    ek_date law_from;              /**< Its validity. */
    ek_date law_to;                /**< (valid_from and valid_to of that version; EK_DATE_NONE: open). */
} ek_explanation;

/** Static initializer for struct ek_explanation. */
#define EK_EXPLANATION_INIT { EK_EXPLANATION_VERSION, { EK_NO_EVENT, NULL, EK_DATE_NONE }, \
                              { EK_NO_EVENT, NULL, EK_DATE_NONE }, { EK_NO_EVENT, NULL, EK_DATE_NONE }, \
                              { 0, (ek_period_unit)0 }, EK_PERIOD_LAW, NULL, "", NULL, EK_DATE_NONE, EK_DATE_NONE, \
                              EK_DATE_NONE, EK_DATE_NONE, 0, { { EK_DATE_NONE, NULL } }, NULL, NULL, EK_DATE_NONE, \
                              EK_DATE_NONE }

/**
 * Explain obligation @p o of an evaluation of case @p c under @p ctx.
 * @param ctx  the context the case was evaluated with (calendar, policy).
 * @param c    the evaluated case (event indices of @p o refer to it).
 * @param o    an obligation of that evaluation.
 * @param[in,out] out  with out->version set (EK_EXPLANATION_INIT); receives the explanation (strings
 *             borrowed from @p c or static).
 * @return EK_OK, EK_EINVAL (NULL, an event index out of range), EK_EVERSION.
 *         Thread-safe for distinct @p out.
 */
EK_API int ek_obligation_explain(const ek_context *ctx, const ek_case *c, const ek_obligation *o,
                                 ek_explanation *out);

/**
 * The explanation as one paragraph of text in the language of the messages
 * (Swedish by default), e.g. "Räknas från anmalan_mottagen 2026-12-10
 * (händelse 0). Frist 14d, satt i lag: nominell slutdag 2026-12-24; flyttad
 * förbi julafton 2026-12-24, juldagen 2026-12-25, … till 2026-12-28
 * (2 § lagen (1930:173)). …".
 * @param x     the explanation.
 * @param[out] buf  caller's buffer; always NUL-terminated when @p size > 0
 *              (cut at a UTF-8 character boundary when too small).
 * @param size  its size (1024 is always enough).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (cut short).  Thread-safe.
 */
EK_API int ek_explanation_format(const ek_explanation *x, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_RULES_H */
