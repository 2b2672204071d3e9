/* SPDX-License-Identifier: MIT */
/**
 * @file sarah.h
 * @brief Lex Sarah deviation records: lifecycle, history, time limits (E1), content (E2), register summary.
 *
 * Legal basis (DOMAIN.md §5): anyone working in social services reports a
 * missförhållande or a påtaglig risk of one at once (SoL (2025:400) 27 kap.
 * 2 §, SoL (2001:453) 14 kap. 3 §); the board documents, investigates and
 * remedies it at once (27 kap. 5 § / 14 kap. 6 §) and reports a serious one
 * to IVO "snarast" (27 kap. 6 § / 14 kap. 7 §); SOSFS 2011:5 gives the content
 * of the investigation (5 kap.) and the 2-month limit for an investigation not
 * attached to the IVO report.  SoL 2001:453 applies to obligations falling due
 * up to 2025-06-30, SoL 2025:400 from 2025-07-01 (no transitional rule).
 *
 * @section sarah_life Lifecycle
 *
 * A record's state is derived from its process dates: the latest stage
 * reached, in this order (ek_sarah_state):
 *
 * | state              | reached when the date is set |
 * |--------------------|------------------------------|
 * | RAPPORTERAD        | datum.rapport (required)     |
 * | REGISTRERAD        | datum.registrerad            |
 * | UNDER_UTREDNING    | datum.utredning_inledd       |
 * | BEDOMD             | datum.bedomd (with allvarlig true/false) |
 * | ANMALD_IVO         | datum.anmald_ivo             |
 * | AVSLUTAD           | datum.avslutad               |
 *
 * ek_sarah_record_transition() moves a record forward.  Allowed transitions
 * (every other pair, backwards and to the same state included, is EK_ESTATE):
 * - RAPPORTERAD → REGISTRERAD, UNDER_UTREDNING (registration may coincide
 *   with opening the investigation);
 * - REGISTRERAD → UNDER_UTREDNING;
 * - UNDER_UTREDNING → BEDOMD (allvarlig must be set to true or false first);
 * - BEDOMD → ANMALD_IVO (only when allvarlig is true);
 * - BEDOMD → AVSLUTAD (only when allvarlig is false: a serious one is
 *   reported to IVO before the matter is closed);
 * - ANMALD_IVO → AVSLUTAD.
 *
 * Process order (checked by every setter, by transitions and by the reader;
 * a violation is EK_ECONFLICT naming both dates): handelse ≤ uppmarksammad ≤
 * rapport; handelse ≤ rapport; rapport ≤ registrerad, utredning_inledd,
 * bedomd, anmald_ivo, avslutad; utredning_inledd ≤ bedomd ≤ anmald_ivo;
 * utredning_inledd ≤ avslutad; bedomd ≤ avslutad; anmald_ivo ≤ avslutad
 * (the closing decision states whether the matter was reported to IVO,
 * SOSFS 2011:5 5 kap., element 9); anmald_ivo ≤ utredning_till_ivo.
 *
 * @section sarah_frozen The IVO report is frozen
 *
 * Once datum.anmald_ivo is set, the content of the report to IVO (unit, typ,
 * kategori, rapportor, allvarlig and the dates handelse, uppmarksammad,
 * rapport, bedomd, anmald_ivo) cannot be changed: setters return EK_ESTATE.
 * Corrections are added as amendments (ek_sarah_record_add_amendment(), a
 * "komplettering" dated on or after the IVO report).  The investigation,
 * measures, the later dates and IVO's reference and decision stay editable:
 * the investigation is always completed, even after the report.
 *
 * @section sarah_history History
 *
 * Every change made through this API appends a history entry (ek_sarah_change:
 * when, who, which field, old → new).  History entries are in time order:
 * a change dated before the last entry is EK_ECONFLICT.  A process date
 * cannot be recorded before it happened (the value must not be later than
 * the change date).  The JSON form keeps the history in the extension key
 * "historik" (see docs/sarah.md).
 *
 * Thread safety: a record may be read by many threads at once; changing it
 * is one thread at a time with no readers.  Results and summaries likewise.
 */
#ifndef EGENKONTROLL_SARAH_H
#define EGENKONTROLL_SARAH_H

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A lex Sarah record (opaque). */
typedef struct ek_sarah_record ek_sarah_record;

/** Kind of deviation ("typ"). */
typedef enum ek_sarah_typ {
    EK_SARAH_TYP_MISSFORHALLANDE = 1, /**< "missforhallande": a missförhållande. */
    EK_SARAH_TYP_PATAGLIG_RISK = 2    /**< "pataglig_risk": a påtaglig risk of one. */
} ek_sarah_typ;

/**
 * The format name of a typ.
 * @param typ  the typ.
 * @return "missforhallande" or "pataglig_risk"; static; NULL for an unknown
 *         value (the last error is not set).  Thread-safe.
 */
EK_API const char *ek_sarah_typ_name(ek_sarah_typ typ);
/**
 * Parse a typ name.
 * @param name      the name; borrowed for the call.
 * @param[out] out  receives the typ; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_EPARSE (unknown name, named in the error).
 *         Thread-safe.
 */
EK_API int ek_sarah_typ_from_name(const char *name, ek_sarah_typ *out);

/** A three-valued answer (allvarlig, the investigation elements). */
typedef enum ek_sarah_tri {
    EK_SARAH_UNKNOWN = -1, /**< Absent: not (yet) assessed / not stated. */
    EK_SARAH_NO = 0,       /**< false. */
    EK_SARAH_YES = 1       /**< true. */
} ek_sarah_tri;

/** The process dates ("datum" keys), in process order. */
typedef enum ek_sarah_date_field {
    EK_SARAH_HANDELSE = 0,          /**< "handelse": when it happened. */
    EK_SARAH_UPPMARKSAMMAD,         /**< "uppmarksammad": when it was noticed. */
    EK_SARAH_RAPPORT,               /**< "rapport": the staff member's report (required). */
    EK_SARAH_REGISTRERAD,           /**< "registrerad": registered by the board. */
    EK_SARAH_UTREDNING_INLEDD,      /**< "utredning_inledd": investigation opened. */
    EK_SARAH_BEDOMD,                /**< "bedomd": seriousness assessed. */
    EK_SARAH_ANMALD_IVO,            /**< "anmald_ivo": reported to IVO. */
    EK_SARAH_UTREDNING_TILL_IVO,    /**< "utredning_till_ivo": investigation sent to IVO (not attached). */
    EK_SARAH_AVSLUTAD               /**< "avslutad": the matter closed (closing decision). */
} ek_sarah_date_field;

/**
 * Number of date fields: they are 0 … ek_sarah_date_field_count() - 1.
 * @return the count (9 in this version; later versions may add fields).  Thread-safe.
 */
EK_API size_t ek_sarah_date_field_count(void);

/**
 * The format name of a date field (the key under "datum").
 * @param field  the field.
 * @return e.g. "bedomd"; static; NULL when out of range.  Thread-safe.
 */
EK_API const char *ek_sarah_date_field_name(ek_sarah_date_field field);

/** The nine elements of the investigation record, SOSFS 2011:5 5 kap. ("utredning" keys). */
typedef enum ek_sarah_element {
    EK_SARAH_EL_VAD_OCH_KONSEKVENSER = 0,  /**< (1) "vad_och_konsekvenser": what happened, consequences. */
    EK_SARAH_EL_NAR_OCH_HUR_UPPMARKSAMMAT, /**< (2) "nar_och_hur_uppmarksammat": when and how noticed. */
    EK_SARAH_EL_NAR_DET_HANDE,             /**< (3) "nar_det_hande": when it happened. */
    EK_SARAH_EL_ORSAKER,                   /**< (4) "orsaker": causes found. */
    EK_SARAH_EL_TIDIGARE_LIKNANDE,         /**< (5) "tidigare_liknande": similar before, why again. */
    EK_SARAH_EL_RISK_UPPREPNING,           /**< (6) "risk_upprepning": could it happen again. */
    EK_SARAH_EL_ATGARDER,                  /**< (7) "atgarder": measures with dates. */
    EK_SARAH_EL_OVRIGT,                    /**< (8) "ovrigt": anything else that emerged. */
    EK_SARAH_EL_STALLNINGSTAGANDE          /**< (9) "stallningstagande": closing decision incl. seriousness and IVO. */
} ek_sarah_element;

/**
 * Number of investigation elements: they are 0 … ek_sarah_element_count() - 1.
 * @return the count (9, SOSFS 2011:5 5 kap.).  Thread-safe.
 */
EK_API size_t ek_sarah_element_count(void);

/**
 * The format name of an investigation element (the key under "utredning").
 * @param el  the element.
 * @return e.g. "orsaker"; static; NULL when out of range.  Thread-safe.
 */
EK_API const char *ek_sarah_element_name(ek_sarah_element el);

/** Text fields of a record. */
typedef enum ek_sarah_text_field {
    EK_SARAH_UNIT = 0,            /**< "unit": the unit concerned (frozen after the IVO report). */
    EK_SARAH_KATEGORI,            /**< "kategori": category, free word (frozen). */
    EK_SARAH_RAPPORTOR,           /**< "rapportor": the reporter's role, never a name (frozen). */
    EK_SARAH_IVO_DIARIENUMMER,    /**< "ivo.diarienummer": IVO's reference. */
    EK_SARAH_IVO_BESLUT           /**< "ivo.beslut": IVO's decision (text). */
} ek_sarah_text_field;

/**
 * Number of text fields: they are 0 … ek_sarah_text_field_count() - 1.
 * @return the count (5 in this version; later versions may add fields).  Thread-safe.
 */
EK_API size_t ek_sarah_text_field_count(void);

/**
 * The history name of a text field.
 * @param field  the field.
 * @return e.g. "unit", "ivo.diarienummer"; static; NULL when out of range.
 *         Thread-safe.
 */
EK_API const char *ek_sarah_text_field_name(ek_sarah_text_field field);

/** Lifecycle states (see @ref sarah_life). 0 is not a state. */
typedef enum ek_sarah_state {
    EK_SARAH_STATE_RAPPORTERAD = 1,     /**< "rapporterad": reported by staff. */
    EK_SARAH_STATE_REGISTRERAD = 2,     /**< "registrerad": registered. */
    EK_SARAH_STATE_UNDER_UTREDNING = 3, /**< "under_utredning": investigation opened. */
    EK_SARAH_STATE_BEDOMD = 4,          /**< "bedomd": seriousness assessed. */
    EK_SARAH_STATE_ANMALD_IVO = 5,      /**< "anmald_ivo": reported to IVO. */
    EK_SARAH_STATE_AVSLUTAD = 6         /**< "avslutad": closed. */
} ek_sarah_state;

/** Number of states + 1 (for arrays indexed by state). */
#define EK_SARAH_STATE_LIMIT 7

/**
 * The name of a lifecycle state.
 * @param state  the state.
 * @return e.g. "under_utredning"; static; NULL for an unknown value.
 *         Thread-safe.
 */
EK_API const char *ek_sarah_state_name(ek_sarah_state state);

/**
 * Whether the lifecycle allows @p from → @p to in general (the table in
 * @ref sarah_life, ignoring the allvarlig conditions).  Thread-safe.
 * @param from  the current state.
 * @param to    the wanted state.
 * @return 1 allowed, 0 not (also for an unknown state).
 */
EK_API int ek_sarah_transition_allowed(ek_sarah_state from, ek_sarah_state to);

/** Version of struct ek_sarah_change understood by this header. */
#define EK_SARAH_CHANGE_VERSION 1

/** Who makes a change and when; required by every changing function. */
typedef struct ek_sarah_change {
    unsigned int version; /**< EK_SARAH_CHANGE_VERSION. */
    ek_date date;         /**< When the change is made (required). */
    const char *who;      /**< Who makes it: role or user id, never a personal identity number (required; copied). */
} ek_sarah_change;

/** Static initializer for struct ek_sarah_change. */
#define EK_SARAH_CHANGE_INIT { EK_SARAH_CHANGE_VERSION, EK_DATE_NONE, NULL }

/* ---- creating and reading ------------------------------------------------ */

/**
 * Create a record in state RAPPORTERAD.
 * @param id      the register's serial or diary number (required, non-empty; copied).
 * @param typ     kind of deviation.
 * @param rapport the date of the staff member's report (datum.rapport).
 * @param[out] out receives the record; owned; free with
 *                ek_sarah_record_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL/empty id, unknown typ), EK_ERANGE (date
 *         EK_DATE_NONE or outside the range), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_sarah_record_new(ek_sarah_record **out, const char *id, ek_sarah_typ typ, ek_date rapport);

/**
 * Free a record; every string borrowed from it becomes invalid.
 * @param r  the record, or NULL (no-op).  No other thread may use it meanwhile.
 */
EK_API void ek_sarah_record_free(ek_sarah_record *r);

/**
 * Deep copy of a record (history, measures, extras included).
 * @param r  the record to copy; only read.
 * @param[out] out receives the copy; owned; free with ek_sarah_record_free().
 *                 Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM (nothing leaked).
 *         Safe for concurrent readers of @p r.
 */
EK_API int ek_sarah_record_clone(const ek_sarah_record *r, ek_sarah_record **out);

/**
 * The record's id.
 * @param r  the record.
 * @return the id; borrowed, valid until the record is freed; NULL for NULL.
 *         Safe for concurrent readers of @p r.
 */
EK_API const char *ek_sarah_record_id(const ek_sarah_record *r);
/**
 * The record's typ.
 * @param r  the record.
 * @return the typ; 0 for NULL.  Safe for concurrent readers of @p r.
 */
EK_API ek_sarah_typ ek_sarah_record_typ(const ek_sarah_record *r);
/**
 * A process date.
 * @param r      the record.
 * @param field  the date field.
 * @return the date; EK_DATE_NONE when unset (or for NULL / an unknown
 *         field).  Safe for concurrent readers of @p r.
 */
EK_API ek_date ek_sarah_record_date(const ek_sarah_record *r, ek_sarah_date_field field);
/**
 * A text field.
 * @param r      the record.
 * @param field  the text field.
 * @return the text, or NULL when unset (or for NULL / an unknown field);
 *         borrowed, valid until the field is changed or the record freed.
 *         Safe for concurrent readers of @p r.
 */
EK_API const char *ek_sarah_record_text(const ek_sarah_record *r, ek_sarah_text_field field);
/**
 * The seriousness assessment.
 * @param r  the record.
 * @return the value; EK_SARAH_UNKNOWN when absent or for NULL.
 *         Safe for concurrent readers of @p r.
 */
EK_API ek_sarah_tri ek_sarah_record_allvarlig(const ek_sarah_record *r);
/**
 * One investigation element.
 * @param r   the record.
 * @param el  the element.
 * @return the value; EK_SARAH_UNKNOWN when absent or for NULL / an unknown
 *         element.  Safe for concurrent readers of @p r.
 */
EK_API ek_sarah_tri ek_sarah_record_element(const ek_sarah_record *r, ek_sarah_element el);
/**
 * Whether the investigation was attached to the IVO report ("ivo.utredning_bifogad").
 * @param r  the record.
 * @return the value; EK_SARAH_UNKNOWN when absent or for NULL.
 *         Safe for concurrent readers of @p r.
 */
EK_API ek_sarah_tri ek_sarah_record_utredning_bifogad(const ek_sarah_record *r);
/**
 * The lifecycle state derived from the dates (see @ref sarah_life): the
 * state of the latest process step whose date is set.
 * @param r  the record.
 * @return the state; 0 for NULL.  Safe for concurrent readers of @p r.
 */
EK_API ek_sarah_state ek_sarah_record_state(const ek_sarah_record *r);

/**
 * Check the process order of all dates (see @ref sarah_life), that
 * datum.rapport is set, and that the history changes no frozen field after
 * the IVO report (@ref sarah_frozen).
 * @param r  the record.
 * @return EK_OK; EK_ECONFLICT with the last error naming both fields and
 *         dates, e.g. "datum.bedomd 2025-09-01 is before datum.rapport 2025-09-05"
 *         (or the history entry); EK_EINVAL (NULL).
 *         Safe for concurrent readers of @p r.
 */
EK_API int ek_sarah_record_validate(const ek_sarah_record *r);

/* ---- changing (each change appends a history entry) ---------------------- */
/* Setting a value equal to the current one is not a change: EK_OK, no      */
/* history entry.  Every changing function changes @p r: no other thread    */
/* may use the record meanwhile.  On failure the record is unchanged.       */

/**
 * Set or clear (EK_DATE_NONE) a process date.  datum.rapport cannot be cleared.
 * @param r       the record.
 * @param field   the date field.
 * @param value   the date (not after the change date), or EK_DATE_NONE.
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK; EK_EINVAL (NULL, bad field, bad change, clearing rapport);
 *   EK_EVERSION (change->version); EK_ERANGE (date); EK_ECONFLICT (process
 *   order, a date after the change date, a change dated before the last
 *   history entry); EK_ESTATE (frozen after the IVO report); EK_ENOMEM.
 *   On failure the record is unchanged.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_date(ek_sarah_record *r, ek_sarah_date_field field, ek_date value,
                                    const ek_sarah_change *change);

/**
 * Move the record to state @p to, setting that state's date to @p date.
 * Checks the lifecycle table and the allvarlig conditions (EK_ESTATE, the
 * message names both states), then everything ek_sarah_record_set_date() checks.
 * @param r       the record.
 * @param to      the new state (not RAPPORTERAD: that is where records start).
 * @param date    the date of the state's "datum" key (required).
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return as ek_sarah_record_set_date(), plus EK_ESTATE for a forbidden
 *         transition and EK_EINVAL for an unknown state or @p date
 *         EK_DATE_NONE.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_transition(ek_sarah_record *r, ek_sarah_state to, ek_date date,
                                      const ek_sarah_change *change);

/**
 * Set or clear a text field.
 * @param r       the record.
 * @param field   the text field.
 * @param value   the text (copied), or NULL to clear it.
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK, EK_EINVAL (NULL, bad field, bad change), EK_EVERSION,
 *         EK_ECONFLICT, EK_ESTATE (frozen field after the IVO report), EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_text(ek_sarah_record *r, ek_sarah_text_field field, const char *value,
                                    const ek_sarah_change *change);

/**
 * Set the typ.
 * @param r       the record.
 * @param typ     the new typ.
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK, EK_EINVAL (NULL, unknown typ, bad change), EK_EVERSION,
 *         EK_ECONFLICT, EK_ESTATE (frozen), EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_typ(ek_sarah_record *r, ek_sarah_typ typ, const ek_sarah_change *change);

/**
 * Set the seriousness assessment.
 * @param r       the record.
 * @param value   EK_SARAH_YES, EK_SARAH_NO or EK_SARAH_UNKNOWN (clears it).
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK, EK_EINVAL (NULL, bad value, bad change), EK_EVERSION,
 *         EK_ECONFLICT, EK_ESTATE (frozen), EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_allvarlig(ek_sarah_record *r, ek_sarah_tri value, const ek_sarah_change *change);

/**
 * Set one investigation element (never frozen).
 * @param r       the record.
 * @param el      the element.
 * @param value   EK_SARAH_YES, EK_SARAH_NO or EK_SARAH_UNKNOWN (clears it).
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK, EK_EINVAL (NULL, unknown element, bad value, bad change),
 *         EK_EVERSION, EK_ECONFLICT, EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_element(ek_sarah_record *r, ek_sarah_element el, ek_sarah_tri value,
                                       const ek_sarah_change *change);

/**
 * Set whether the investigation was attached to the IVO report (never frozen).
 * @param r       the record.
 * @param value   EK_SARAH_YES, EK_SARAH_NO or EK_SARAH_UNKNOWN (clears it).
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK, EK_EINVAL (NULL, bad value, bad change), EK_EVERSION,
 *         EK_ECONFLICT, EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_utredning_bifogad(ek_sarah_record *r, ek_sarah_tri value,
                                                 const ek_sarah_change *change);

/**
 * Add an amendment (komplettering) to the IVO report: allowed only once
 * datum.anmald_ivo is set, dated on or after it.  It is kept as a
 * "komplettering" history entry only.
 * @param r     the record.
 * @param field the field it corrects (e.g. "kategori"; copied, non-empty).
 * @param text  the amendment (copied, non-empty).
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK, EK_EINVAL (NULL, empty field or text, bad change),
 *         EK_EVERSION, EK_ESTATE (no IVO report yet), EK_ECONFLICT (dated
 *         before the IVO report or before the last history entry), EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_add_amendment(ek_sarah_record *r, const char *field, const char *text,
                                         const ek_sarah_change *change);

/* ---- measures ------------------------------------------------------------ */

/** Version of struct ek_sarah_measure understood by this header. */
#define EK_SARAH_MEASURE_VERSION 1

/** A measure ("atgarder" entry).  Strings borrowed from the record when read. */
typedef struct ek_sarah_measure {
    unsigned int version;     /**< EK_SARAH_MEASURE_VERSION. */
    const char *beskrivning;  /**< What (required). */
    const char *ansvarig;     /**< Owner's role, or NULL. */
    ek_date senast;           /**< Due date, or EK_DATE_NONE. */
    ek_date genomford;        /**< Done, or EK_DATE_NONE. */
} ek_sarah_measure;

/** Static initializer for struct ek_sarah_measure. */
#define EK_SARAH_MEASURE_INIT { EK_SARAH_MEASURE_VERSION, NULL, NULL, EK_DATE_NONE, EK_DATE_NONE }

/**
 * Add a measure (strings copied); recorded in the history as
 * "atgarder[i]" with the beskrivning as new value.
 * @param r       the record.
 * @param m       the measure (version EK_SARAH_MEASURE_VERSION, non-empty
 *                beskrivning; genomford not after the change date); only read.
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @param[out] index optional: receives its index.
 * @return EK_OK, EK_EINVAL (NULL, no beskrivning, bad change), EK_EVERSION
 *         (@p m or @p change), EK_ERANGE (a date outside the range),
 *         EK_ECONFLICT (genomford after the change date, change before the
 *         last history entry), EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_add_measure(ek_sarah_record *r, const ek_sarah_measure *m,
                                       const ek_sarah_change *change, size_t *index);

/**
 * Mark measure @p index done on @p date.
 * @param r       the record.
 * @param index   the measure's index.
 * @param date    the day it was done (not after the change date), or
 *                EK_DATE_NONE to clear it.
 * @param change  who and when (required: version EK_SARAH_CHANGE_VERSION, a
 *                date in range not before the last history entry, a
 *                non-empty who; copied into the history).
 * @return EK_OK, EK_EINVAL (NULL, bad change), EK_EVERSION, EK_ERANGE
 *         (@p index, date outside the range), EK_ECONFLICT, EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_measure_done(ek_sarah_record *r, size_t index, ek_date date,
                                            const ek_sarah_change *change);

/**
 * Number of measures.
 * @param r  the record.
 * @return the count; 0 for NULL.  Safe for concurrent readers of @p r.
 */
EK_API size_t ek_sarah_record_measure_count(const ek_sarah_record *r);

/**
 * Describe measure @p index.
 * @param r      the record.
 * @param index  0 … ek_sarah_record_measure_count() - 1.
 * @param[in,out] out  struct with out->version set (EK_SARAH_MEASURE_INIT);
 *               receives the measure (strings borrowed from @p r, valid
 *               until it is freed).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (index), EK_EVERSION.
 *         Safe for concurrent readers of @p r.
 */
EK_API int ek_sarah_record_measure(const ek_sarah_record *r, size_t index, ek_sarah_measure *out);

/* ---- history ------------------------------------------------------------- */

/** Kinds of history entry. */
typedef enum ek_sarah_history_kind {
    EK_SARAH_HIST_ANDRING = 1,      /**< "andring": a field changed (old → new). */
    EK_SARAH_HIST_KOMPLETTERING = 2 /**< "komplettering": an amendment to the IVO report. */
} ek_sarah_history_kind;

/** Version of struct ek_sarah_history_entry understood by this header. */
#define EK_SARAH_HISTORY_ENTRY_VERSION 1

/** One history entry; strings borrowed from the record (valid until it is freed). */
typedef struct ek_sarah_history_entry {
    unsigned int version;        /**< EK_SARAH_HISTORY_ENTRY_VERSION. */
    ek_sarah_history_kind kind;  /**< andring or komplettering. */
    ek_date date;                /**< When. */
    const char *who;             /**< Who. */
    const char *field;           /**< What: "kategori", "datum.bedomd", "utredning.orsaker", "atgarder[0].genomford", … */
    const char *old_value;       /**< Before, as text ("2025-09-01", "true"), or NULL when absent. */
    const char *new_value;       /**< After (for komplettering: the amendment text), or NULL when cleared. */
} ek_sarah_history_entry;

/** Static initializer for struct ek_sarah_history_entry. */
#define EK_SARAH_HISTORY_ENTRY_INIT { EK_SARAH_HISTORY_ENTRY_VERSION, (ek_sarah_history_kind)0, EK_DATE_NONE, NULL, NULL, NULL, NULL }

/**
 * Number of history entries.
 * @param r  the record.
 * @return the count; 0 for NULL.  Safe for concurrent readers of @p r.
 */
EK_API size_t ek_sarah_record_history_count(const ek_sarah_record *r);

/**
 * Describe history entry @p k (oldest first).
 * @param r  the record.
 * @param k  0 … ek_sarah_record_history_count() - 1.
 * @param[in,out] out  struct with out->version set
 *           (EK_SARAH_HISTORY_ENTRY_INIT); receives the entry (strings
 *           borrowed from @p r, valid until it is freed).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k), EK_EVERSION.
 *         Safe for concurrent readers of @p r.
 */
EK_API int ek_sarah_record_history(const ek_sarah_record *r, size_t k, ek_sarah_history_entry *out);

/* ---- unknown top-level keys (kept for the round trip) --------------------- */

/**
 * Keep an unknown top-level key with its value as JSON text; replaces the
 * value of a key set before.  Not a change: no history entry.
 * @param r          the record.
 * @param key        the key (copied).
 * @param json_text  the value, kept verbatim and not validated (copied).
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.
 *         Changes @p r: no other thread may use it meanwhile.
 */
EK_API int ek_sarah_record_set_extra(ek_sarah_record *r, const char *key, const char *json_text);
/**
 * Number of extra keys.
 * @param r  the record.
 * @return the count; 0 for NULL.  Safe for concurrent readers of @p r.
 */
EK_API size_t ek_sarah_record_extra_count(const ek_sarah_record *r);
/**
 * Extra key @p k and its JSON text, in the order first set.
 * @param r  the record.
 * @param k  0 … ek_sarah_record_extra_count() - 1.
 * @param[out] key        receives the key; borrowed, valid until the record is freed.
 * @param[out] json_text  receives the JSON text; borrowed, valid until the
 *                        key is set again or the record freed.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k).
 *         Safe for concurrent readers of @p r.
 */
EK_API int ek_sarah_record_extra(const ek_sarah_record *r, size_t k, const char **key, const char **json_text);

/* ---- evaluation: items E1 and E2 ------------------------------------------ */

/** The time limits of a record (the obligations behind E1). */
typedef enum ek_sarah_limit_kind {
    EK_SARAH_LIMIT_REGISTRERING = 1,       /**< "sarah_registrering": registered after the report (policy sarah_registrering). */
    EK_SARAH_LIMIT_UTREDNING_INLEDD = 2,   /**< "sarah_utredning_inledd": investigation opened (policy sarah_utredning_inledd). */
    EK_SARAH_LIMIT_ANMALAN_IVO = 3,        /**< "sarah_anmalan_ivo": IVO report after a serious assessment (policy sarah_anmalan_ivo). */
    EK_SARAH_LIMIT_UTREDNING_TILL_IVO = 4, /**< "sarah_utredning_till_ivo": investigation sent after the IVO report (policy sarah_utredning_till_ivo). */
    EK_SARAH_LIMIT_ATGARD = 5              /**< "sarah_atgard": a measure done by its due date. */
} ek_sarah_limit_kind;

/* ---- the limit table -------------------------------------------------------- */

/** Version of struct ek_sarah_limit_info understood by this header. */
#define EK_SARAH_LIMIT_INFO_VERSION 1

/**
 * One entry of the lex Sarah limit table: what a limit is counted from, what
 * completes it, who set its time, and the legal basis in each law version.
 * ek_sarah_evaluate() judges every limit from this table, and docs/sarah.md
 * and `egenkontroll rules` list it.  Strings are static.
 */
typedef struct ek_sarah_limit_info {
    unsigned int version;         /**< Set to EK_SARAH_LIMIT_INFO_VERSION by the caller. */
    ek_sarah_limit_kind kind;     /**< The limit. */
    const char *name;             /**< Its id, e.g. "sarah_anmalan_ivo". */
    const char *start;            /**< What it is counted from: "datum.rapport", …, or "atgarder[].senast" (the day set). */
    const char *done;             /**< What completes it: "datum.registrerad", …, or "atgarder[].genomford". */
    const char *applies;          /**< When it applies, in Swedish. */
    ek_period_kind period_kind;   /**< Who set the time: law, policy number or a day set by the board. */
    const char *policy;           /**< The policy parameter giving the period, or NULL (a day set). */
    const char *words;            /**< The statute's words for the time, in Swedish (e.g. "snarast"). */
    size_t version_count;         /**< Number of law versions (ek_sarah_limit_version()). */
} ek_sarah_limit_info;

/** Static initializer for struct ek_sarah_limit_info. */
#define EK_SARAH_LIMIT_INFO_INIT { EK_SARAH_LIMIT_INFO_VERSION, (ek_sarah_limit_kind)0, NULL, NULL, NULL, NULL, \
    EK_PERIOD_LAW, NULL, NULL, 0 }

/** Version of struct ek_sarah_limit_version_info understood by this header. */
#define EK_SARAH_LIMIT_VERSION_INFO_VERSION 1

/** One law version of a limit: its basis and certainty while in force.  Strings are static. */
typedef struct ek_sarah_limit_version_info {
    unsigned int version;   /**< Set to EK_SARAH_LIMIT_VERSION_INFO_VERSION by the caller. */
    ek_date valid_from;     /**< First day in force. */
    ek_date valid_to;       /**< Last day in force, or EK_DATE_NONE (still in force). */
    const char *basis;      /**< Legal basis, e.g. "SoL (2025:400) 27 kap. 6 §; SOSFS 2011:5". */
    const char *certainty;  /**< "V", "S" or "R" for the time limit (DOMAIN.md §1). */
} ek_sarah_limit_version_info;

/** Static initializer for struct ek_sarah_limit_version_info. */
#define EK_SARAH_LIMIT_VERSION_INFO_INIT { EK_SARAH_LIMIT_VERSION_INFO_VERSION, EK_DATE_NONE, EK_DATE_NONE, NULL, NULL }

/**
 * Number of entries in the limit table (one per ::ek_sarah_limit_kind).
 * @return the count.  Thread-safe.
 */
EK_API size_t ek_sarah_limit_count(void);

/**
 * Entry @p index of the limit table, in the order of ::ek_sarah_limit_kind
 * (the order of the limits in a result).
 * @param index  0 … ek_sarah_limit_count() - 1.
 * @param[in,out] out  struct with out->version set (EK_SARAH_LIMIT_INFO_INIT);
 *             receives the entry; strings static.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p index), EK_EVERSION.  Thread-safe.
 */
EK_API int ek_sarah_limit_at(size_t index, ek_sarah_limit_info *out);

/**
 * Law version @p k of table entry @p index, oldest first.  The version in
 * force on a limit's nominal due date gives the basis and certainty of its
 * result; a due date before the first version uses the first.
 * @param index  0 … ek_sarah_limit_count() - 1.
 * @param k      0 … version_count - 1.
 * @param[in,out] out  struct with out->version set (EK_SARAH_LIMIT_VERSION_INFO_INIT);
 *             receives the version; strings static.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p index or @p k), EK_EVERSION.  Thread-safe.
 */
EK_API int ek_sarah_limit_version(size_t index, size_t k, ek_sarah_limit_version_info *out);

/** Version of struct ek_sarah_limit understood by this header. */
#define EK_SARAH_LIMIT_VERSION 1

/** One evaluated time limit.  Strings borrowed from the result (or static). */
typedef struct ek_sarah_limit {
    unsigned int version;      /**< EK_SARAH_LIMIT_VERSION. */
    ek_sarah_limit_kind kind;  /**< Which limit. */
    const char *name;          /**< Its id, e.g. "sarah_anmalan_ivo" (static). */
    size_t measure_index;      /**< For EK_SARAH_LIMIT_ATGARD: the measure; else 0. */
    ek_result result;          /**< pass, fail, notapplicable, notchecked or error. */
    ek_date start;             /**< Counted from, or EK_DATE_NONE. */
    ek_date nominal;           /**< Nominal end (1930:173 1 §), or EK_DATE_NONE. */
    ek_date legal;             /**< Legal end (after 1930:173 2 §), or EK_DATE_NONE. */
    ek_date done;              /**< When the action was taken, or EK_DATE_NONE. */
    const char *period;        /**< The period as text ("14d"), or NULL (measure due dates). */
    const char *policy;        /**< The policy parameter that sets it, or NULL (static). */
    const char *basis;         /**< Legal basis in force on the due date (static). */
    const char *basis_old;     /**< Basis under SoL (2001:453) (static). */
    const char *basis_new;     /**< Basis under SoL (2025:400) (static). */
    const char *certainty;     /**< "V", "S" or "R" for the period (static). */
    const char *message;       /**< Swedish explanation of the result. */
} ek_sarah_limit;

/** Static initializer for struct ek_sarah_limit. */
#define EK_SARAH_LIMIT_INIT { EK_SARAH_LIMIT_VERSION, (ek_sarah_limit_kind)0, NULL, 0, EK_RESULT_INVALID, \
    EK_DATE_NONE, EK_DATE_NONE, EK_DATE_NONE, EK_DATE_NONE, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** The two items of a lex Sarah evaluation: the index @p k of ek_sarah_result_item(). */
typedef enum ek_sarah_item_id {
    EK_SARAH_ITEM_E1 = 0, /**< E1: the time limits (the checklist's item "E1"). */
    EK_SARAH_ITEM_E2 = 1  /**< E2: the content of the investigation (item "E2"). */
} ek_sarah_item_id;

/** Version of struct ek_sarah_item understood by this header. */
#define EK_SARAH_ITEM_VERSION 1

/** The result of item E1 or E2 for one record.  Strings borrowed from the result (or static). */
typedef struct ek_sarah_item {
    unsigned int version;   /**< EK_SARAH_ITEM_VERSION. */
    const char *item;       /**< "E1" or "E2" (static). */
    ek_result result;       /**< The result. */
    const char *basis;      /**< Legal basis (static). */
    const char *message;    /**< Swedish explanation, naming failed limits or missing elements. */
    unsigned int missing;   /**< E2: bit (1u << ek_sarah_element) for each element documented false on a judgement
                                 day (see ek_sarah_evaluate()); before any such day, false now. */
    unsigned int unknown;   /**< E2: bit for each element not stated on the last judgement day (before any, now). */
} ek_sarah_item;

/** Static initializer for struct ek_sarah_item. */
#define EK_SARAH_ITEM_INIT { EK_SARAH_ITEM_VERSION, NULL, EK_RESULT_INVALID, NULL, NULL, 0u, 0u }

/**
 * The evaluation of one record (opaque).  Like the results of
 * ek_evaluate_case() and ek_checklist_evaluate(), it is created once
 * (ek_sarah_result_new()) and filled by ek_sarah_evaluate(), which replaces
 * its content and keeps its buffers: one object serves a whole register.
 * One thread at a time.
 */
typedef struct ek_sarah_result ek_sarah_result;

/**
 * Create an empty result (no id, no limits, items EK_RESULT_INVALID).
 * @param[out] out receives the result; owned; free with
 *                 ek_sarah_result_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_sarah_result_new(ek_sarah_result **out);

/**
 * Evaluate E1 and E2 for @p r as of @p as_of.
 *
 * A limit whose action was taken is pass or fail by the policy's judging
 * end (bedom_mot); one not taken is fail when @p as_of is past that end and
 * notchecked while it is still open (or when @p as_of is EK_DATE_NONE).
 * The IVO limit is notapplicable when allvarlig is false and notchecked when
 * it is absent (never pass).  A "genast"/"snarast" limit is a policy number and
 * never rolls over; the SOSFS 2011:5 two months do; a measure's due date is
 * a day set by the board (docs/sarah.md, "Why these kinds").
 *
 * E2 is judged on each of these days, with the elements as they stood that
 * day (the history undoes later changes): the IVO report (SoL (2025:400)
 * 27 kap. 6 §: the investigation made is attached to the report) -- except
 * when the SOSFS 2011:5 route is taken (the investigation was not attached, or
 * not finished and not said to be attached) and the investigation is sent
 * within sarah_utredning_till_ivo, or that limit is still open; the day the
 * investigation is sent to IVO; and the closing day.  An element false on a
 * judgement day is fail (the message names the day); otherwise an element not
 * stated on the last one is notchecked.  Before any judgement day, all nine
 * true is pass and anything else notchecked.
 * @param ctx   calendar and policy; borrowed for the call.
 * @param r     the record; only read (not kept).
 * @param as_of the evaluation date, or EK_DATE_NONE (open limits notchecked).
 * @param[out] out a result from ek_sarah_result_new(); receives the
 *                 evaluation (previous content replaced, strings borrowed
 *                 from it before become invalid).  Untouched when an argument
 *                 is NULL or @p as_of is out of range; left empty (as new)
 *                 on EK_ENOMEM.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p as_of outside the range),
 *         EK_ENOMEM.  A record whose dates break the process order is not an
 *         error here: E1 and E2 are EK_RESULT_ERROR with the conflict as
 *         message (the calling thread's last error is then overwritten even
 *         though EK_OK is returned).
 *         Thread-safe for distinct @p out objects: @p ctx and @p r may be
 *         shared by concurrent callers.
 */
EK_API int ek_sarah_evaluate(const ek_context *ctx, const ek_sarah_record *r, ek_date as_of,
                             ek_sarah_result *out);

/**
 * Free a result; strings borrowed from it become invalid.
 * @param res  the result, or NULL (no-op).  No other thread may use it meanwhile.
 */
EK_API void ek_sarah_result_free(ek_sarah_result *res);

/**
 * The id of the evaluated record (copied at evaluation).
 * @param res  the result.
 * @return the id; borrowed from the result, valid until it is freed; NULL
 *         for NULL.  Safe for concurrent readers of @p res.
 */
EK_API const char *ek_sarah_result_id(const ek_sarah_result *res);

/**
 * The record's lifecycle state at evaluation.
 * @param res  the result.
 * @return the state; 0 for NULL.  Safe for concurrent readers of @p res.
 */
EK_API ek_sarah_state ek_sarah_result_state(const ek_sarah_result *res);

/**
 * The as-of date of the evaluation.
 * @param res  the result.
 * @return the date (EK_DATE_NONE when evaluated without one, or for NULL).
 *         Safe for concurrent readers of @p res.
 */
EK_API ek_date ek_sarah_result_as_of(const ek_sarah_result *res);

/**
 * The verdict of item E1 or E2, without copying the item.
 * @param res   the result.
 * @param item  EK_SARAH_ITEM_E1 or EK_SARAH_ITEM_E2.
 * @return the item's result; EK_RESULT_INVALID for NULL, an unknown item or
 *         a result not (successfully) evaluated.  Safe for concurrent readers of @p res.
 */
EK_API ek_result ek_sarah_result_verdict(const ek_sarah_result *res, ek_sarah_item_id item);

/**
 * Item @p k of the result.
 * @param res  the result.
 * @param k    an ::ek_sarah_item_id: 0 = E1, 1 = E2.
 * @param[in,out] out  struct with out->version set (EK_SARAH_ITEM_INIT);
 *             receives the item (message borrowed from @p res, valid until
 *             it is freed; other strings static).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k > 1), EK_EVERSION.
 *         Safe for concurrent readers of @p res.
 */
EK_API int ek_sarah_result_item(const ek_sarah_result *res, size_t k, ek_sarah_item *out);

/**
 * Number of limits evaluated (four, plus one per measure).
 * @param res  the result.
 * @return the count; 0 for NULL.  Safe for concurrent readers of @p res.
 */
EK_API size_t ek_sarah_result_limit_count(const ek_sarah_result *res);

/**
 * Limit @p k of the result, in the order of ::ek_sarah_limit_kind (measures
 * last, in measure order).
 * @param res  the result.
 * @param k    0 … ek_sarah_result_limit_count() - 1.
 * @param[in,out] out  struct with out->version set (EK_SARAH_LIMIT_INIT);
 *             receives the limit (message and period borrowed from @p res,
 *             valid until it is freed; other strings static).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k), EK_EVERSION.
 *         Safe for concurrent readers of @p res.
 */
EK_API int ek_sarah_result_limit(const ek_sarah_result *res, size_t k, ek_sarah_limit *out);

/* ---- register summary ------------------------------------------------------ */

/** A summary of a register, for the board's half-yearly report (opaque). */
typedef struct ek_sarah_summary ek_sarah_summary;

/** Groupings for ek_sarah_summary_group(). */
typedef enum ek_sarah_group {
    EK_SARAH_GROUP_KATEGORI = 1, /**< By kategori ("(ingen)" when unset). */
    EK_SARAH_GROUP_UNIT = 2,     /**< By unit ("(ingen)" when unset). */
    EK_SARAH_GROUP_TYP = 3       /**< By typ. */
} ek_sarah_group;

/** Version of struct ek_sarah_summary_counts understood by this header. */
#define EK_SARAH_SUMMARY_COUNTS_VERSION 1

/** Counts of a summary. */
typedef struct ek_sarah_summary_counts {
    unsigned int version;            /**< EK_SARAH_SUMMARY_COUNTS_VERSION. */
    size_t records;                  /**< Records added. */
    size_t rejected;                 /**< Records rejected by a reader (ek_sarah_summary_add_rejected()). */
    size_t by_state[EK_SARAH_STATE_LIMIT]; /**< Indexed by ek_sarah_state (index 0 unused). */
    size_t allvarlig_yes;            /**< Assessed serious. */
    size_t allvarlig_no;             /**< Assessed not serious. */
    size_t allvarlig_unknown;        /**< Not (yet) assessed. */
    size_t anmald_ivo;               /**< Reported to IVO. */
    size_t e1[10];                   /**< E1 results, indexed by ek_result. */
    size_t e2[10];                   /**< E2 results, indexed by ek_result. */
    size_t measures;                 /**< Measures in all records. */
    size_t measures_overdue;         /**< Measures not done and past their due date at the as-of date. */
    size_t measures_late;            /**< Measures done after their due date. */
    size_t ivo_days_n;               /**< Records with both rapport and anmald_ivo. */
    double ivo_days_median;          /**< Days from rapport to anmald_ivo: median (0 when n is 0). */
    long ivo_days_min;               /**< … minimum. */
    long ivo_days_max;               /**< … maximum. */
    double ivo_days_q1;              /**< … first quartile (linear interpolation). */
    double ivo_days_q3;              /**< … third quartile. */
} ek_sarah_summary_counts;

/** Static initializer for struct ek_sarah_summary_counts. */
#define EK_SARAH_SUMMARY_COUNTS_INIT { EK_SARAH_SUMMARY_COUNTS_VERSION, 0, 0, {0}, 0, 0, 0, 0, {0}, {0}, 0, 0, 0, 0, 0.0, 0, 0, 0.0, 0.0 }

/**
 * Create an empty summary.
 * @param[out] out receives the summary; owned; free with
 *                 ek_sarah_summary_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_sarah_summary_new(ek_sarah_summary **out);
/**
 * Free a summary; group names borrowed from it become invalid.
 * @param s  the summary, or NULL (no-op).  No other thread may use it meanwhile.
 */
EK_API void ek_sarah_summary_free(ek_sarah_summary *s);

/**
 * Add a record and its evaluation.  The summary copies what it needs
 * (group names); neither @p r nor @p res is kept.
 * On failure the summary is unchanged.
 * @param s    the summary; no other thread may use it meanwhile.
 * @param r    the record; only read.
 * @param res  its evaluation (ek_sarah_evaluate()), or NULL (or a result
 *             not evaluated): the E1/E2 and measure overdue/late counts
 *             are then not changed.
 * @return EK_OK, EK_EINVAL (@p s or @p r NULL), EK_ENOMEM.
 */
EK_API int ek_sarah_summary_add(ek_sarah_summary *s, const ek_sarah_record *r, const ek_sarah_result *res);
/**
 * Count one rejected record.
 * @param s  the summary; no other thread may use it meanwhile.
 * @return EK_OK, EK_EINVAL (NULL).
 */
EK_API int ek_sarah_summary_add_rejected(ek_sarah_summary *s);
/**
 * The counts.
 * @param s  the summary.
 * @param[in,out] out  struct with out->version set
 *           (EK_SARAH_SUMMARY_COUNTS_INIT); receives the counts.
 * @return EK_OK, EK_EINVAL (NULL), EK_EVERSION.
 *         Safe for concurrent readers of @p s.
 */
EK_API int ek_sarah_summary_counts_get(const ek_sarah_summary *s, ek_sarah_summary_counts *out);
/**
 * Number of distinct values in grouping @p g.
 * @param s  the summary.
 * @param g  the grouping.
 * @return the count; 0 for NULL or an unknown grouping.
 *         Safe for concurrent readers of @p s.
 */
EK_API size_t ek_sarah_summary_group_count(const ek_sarah_summary *s, ek_sarah_group g);
/**
 * Value @p k of grouping @p g (in order of first appearance), with its counts.
 * @param s  the summary.
 * @param g  the grouping.
 * @param k  0 … ek_sarah_summary_group_count() - 1.
 * @param[out] name     receives the value ("(ingen)" when unset); borrowed
 *                      from the summary, valid until it is freed.
 * @param[out] count    optional: receives the number of records.
 * @param[out] serious  optional: receives the number of records assessed serious.
 * @return EK_OK, EK_EINVAL (NULL @p s or @p name, unknown grouping),
 *         EK_ERANGE (@p k).  Safe for concurrent readers of @p s.
 */
EK_API int ek_sarah_summary_group(const ek_sarah_summary *s, ek_sarah_group g, size_t k, const char **name,
                                  size_t *count, size_t *serious);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_SARAH_H */
