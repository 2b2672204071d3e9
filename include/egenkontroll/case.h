/* SPDX-License-Identifier: MIT */
/**
 * @file case.h
 * @brief A child case: identifier, birth date, dated events with typed attributes, reviewer answers.
 *
 * The vocabulary is that of the `egenkontroll/case-1` format (FORMATS.md;
 * ASCII names without å/ä/ö).  Unknown event types and unknown attribute
 * keys are kept (and can be written back unchanged) and reported as
 * warnings, never as errors.
 *
 * Events keep the order in which they were added (index 0, 1, …: the array
 * order of the file).  ek_case_event_in_date_order() gives them sorted by
 * date, events on the same date in the order they were added.
 *
 * Memory: a case stores its events, attributes and strings in a few
 * growable arrays and one string arena, so adding an event does not allocate
 * once the case has grown; ek_case_reset() empties a case and keeps its
 * buffers for the next one (streaming readers reuse one case object).
 *
 * Thread safety: a case may be read by many threads at once; changing it is
 * one thread at a time with no readers.
 */
#ifndef EGENKONTROLL_CASE_H
#define EGENKONTROLL_CASE_H

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Event types of `egenkontroll/case-1` (FORMATS.md).  New types are added at
 * the end: the known types are 1 … ek_event_type_count() (a later version of
 * the library may know more than this header names).
 */
typedef enum ek_event_type {
    EK_EV_UNKNOWN = 0,                        /**< A type this library does not know (kept by name). */
    EK_EV_ANMALAN_MOTTAGEN,                   /**< anmalan_mottagen: report of concern received. */
    EK_EV_SKYDDSBEDOMNING,                    /**< skyddsbedomning. */
    EK_EV_FORHANDSBEDOMNING_SYNNERLIGA_SKAL,  /**< forhandsbedomning_synnerliga_skal. */
    EK_EV_BESLUT_INLEDA_UTREDNING,            /**< beslut_inleda_utredning. */
    EK_EV_BESLUT_INTE_INLEDA_UTREDNING,       /**< beslut_inte_inleda_utredning. */
    EK_EV_PAGAENDE_UTREDNING,                 /**< pagaende_utredning. */
    EK_EV_ATERKOPPLING_BEGARD,                /**< aterkoppling_begard. */
    EK_EV_ATERKOPPLING_LAMNAD,                /**< aterkoppling_lamnad. */
    EK_EV_UTREDNING_INLEDD,                   /**< utredning_inledd. */
    EK_EV_INFORMATION_UTREDNING,              /**< information_utredning. */
    EK_EV_UTREDNING_FORLANGD,                 /**< utredning_forlangd. */
    EK_EV_SAMTAL_MED_BARNET,                  /**< samtal_med_barnet. */
    EK_EV_NATVERK_UTRETT,                     /**< natverk_utrett. */
    EK_EV_UTREDNING_AVSLUTAD,                 /**< utredning_avslutad. */
    EK_EV_FAMILJEHEMSUTREDNING_KLAR,          /**< familjehemsutredning_klar. */
    EK_EV_BESLUT_VARD,                        /**< beslut_vard. */
    EK_EV_PLACERING_VERKSTALLD,               /**< placering_verkstalld. */
    EK_EV_PLACERING_AVSLUTAD,                 /**< placering_avslutad. */
    EK_EV_HALSOUNDERSOKNING_UNDERRATTELSE,    /**< halsoundersokning_underrattelse. */
    EK_EV_VARDPLAN,                           /**< vardplan. */
    EK_EV_VARDPLAN_REVIDERAD,                 /**< vardplan_reviderad. */
    EK_EV_GENOMFORANDEPLAN,                   /**< genomforandeplan. */
    EK_EV_GENOMFORANDEPLAN_REVIDERAD,         /**< genomforandeplan_reviderad. */
    EK_EV_OVERVAGANDE,                        /**< overvagande. */
    EK_EV_OMPROVNING,                         /**< omprovning. */
    EK_EV_VARDNADSOVERFLYTTNING_OVERVAGD,     /**< vardnadsoverflyttning_overvagd. */
    EK_EV_ANSVARIG_SOCIALSEKRETERARE,         /**< ansvarig_socialsekreterare. */
    EK_EV_BESOK,                              /**< besok. */
    EK_EV_STOD_TILL_FAMILJEHEM,               /**< stod_till_familjehem. */
    EK_EV_VARDNADSHAVARE_BEGAR_AVSLUT,        /**< vardnadshavare_begar_avslut. */
    EK_EV_HEMFLYTT_RISKBEDOMNING,             /**< hemflytt_riskbedomning. */
    EK_EV_FLYTTNINGSFORBUD_OVERVAGT,          /**< flyttningsforbud_overvagt. */
    EK_EV_ANSOKAN_LVU,                        /**< ansokan_lvu. */
    EK_EV_OMEDELBART_OMHANDERTAGANDE,         /**< omedelbart_omhandertagande. */
    EK_EV_OMEDELBART_OMHANDERTAGANDE_VERKSTALLT, /**< omedelbart_omhandertagande_verkstallt. */
    EK_EV_UNDERSTALLNING,                     /**< understallning. */
    EK_EV_DOM_LAGA_KRAFT,                     /**< dom_laga_kraft. */
    EK_EV_POLISHANDRACKNING,                  /**< polishandrackning. */
    EK_EV_UMGANGESBEGRANSNING,                /**< umgangesbegransning. */
    EK_EV_UMGANGESBEGRANSNING_OMPROVAD,       /**< umgangesbegransning_omprovad. */
    EK_EV_IVO_BESLUT,                         /**< ivo_beslut. */
    EK_EV_IVO_SVAR,                           /**< ivo_svar. */
    EK_EV_LVU_VARD_AVSLUTAD,                  /**< lvu_vard_avslutad: LVU care ended (extension of case-1). */
    EK_EV_LVU_UPPFOLJNING_AVSLUTAD,           /**< lvu_uppfoljning_avslutad: follow-up after LVU ended (extension). */
    EK_EV_LVU_UPPFOLJNING_PABORJAD,           /**< lvu_uppfoljning_paborjad: that follow-up began (LVU 21 b–c §§; since 0.2). */
    EK_EV_BEGARAN_AVGORANDE,                  /**< begaran_avgorande: a party asked for a decision (FL 12 §; since 0.2). */
    EK_EV_BEGARAN_AVGORANDE_BESVARAD          /**< begaran_avgorande_besvarad: decided or rejected (since 0.2). */
} ek_event_type;

/**
 * Number of known event types: they are 1 … ek_event_type_count()
 * (EK_EV_UNKNOWN, 0, is not counted), so an array indexed by type needs
 * ek_event_type_count() + 1 elements.
 * @return the count of the running library (47 in this version; later
 *         versions only add types at the end).  Thread-safe.
 */
EK_API size_t ek_event_type_count(void);

/**
 * The format name of a known event type.
 * @param type  the type.
 * @return the name ("anmalan_mottagen"); static; NULL for EK_EV_UNKNOWN or
 *         out of range (the last error is not set).  Thread-safe.
 */
EK_API const char *ek_event_type_name(ek_event_type type);

/**
 * Look up an event type by its format name (case-sensitive).
 * @param name  the name; NULL and "" are accepted.
 * @return the type; EK_EV_UNKNOWN when it is not known (the last error is
 *         not set).  Thread-safe.
 */
EK_API ek_event_type ek_event_type_from_name(const char *name);

/** Kinds of attribute value. */
typedef enum ek_attr_kind {
    EK_ATTR_STRING = 1,  /**< Text (UTF-8). */
    EK_ATTR_BOOL = 2,    /**< true / false. */
    EK_ATTR_DATE = 3,    /**< An ISO date (validated). */
    EK_ATTR_RAW = 4      /**< A value the library does not interpret, kept verbatim (e.g. JSON text of an unknown key). */
} ek_attr_kind;

/** A case (opaque). */
typedef struct ek_case ek_case;

/**
 * Create an empty case (no unit, no birth date, no events).
 * @param[out] out receives the case; owned; free with ek_case_free().
 *                 Untouched on failure.
 * @param id  the case identifier (required, non-empty; copied).
 * @return EK_OK, EK_EINVAL (@p out NULL, @p id NULL or empty), EK_ENOMEM.
 *         Thread-safe.
 */
EK_API int ek_case_new(ek_case **out, const char *id);

/**
 * Free a case; every string borrowed from it becomes invalid.
 * @param c  the case, or NULL (no-op).  No other thread may use it meanwhile.
 */
EK_API void ek_case_free(ek_case *c);

/**
 * Empty the case (unit, birth date, events, answers, warnings, extras) and
 * give it a new id, keeping its buffers for reuse.  Every string borrowed
 * from the case becomes invalid.  On failure the case is unchanged.
 * @param c   the case.
 * @param id  the new identifier (required, non-empty; copied; may be a
 *            string borrowed from @p c itself).
 * @return EK_OK, EK_EINVAL (NULL, empty id), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_reset(ek_case *c, const char *id);

/**
 * The case id.
 * @param c  the case.
 * @return the id; borrowed, valid until the case is reset or freed; NULL
 *         when @p c is NULL.  Safe for concurrent readers of @p c.
 */
EK_API const char *ek_case_id(const ek_case *c);

/**
 * Set the unit (the organisational unit that handles the case).
 * @param c     the case.
 * @param unit  the unit (copied), or NULL to clear it.
 * @return EK_OK, EK_EINVAL (@p c NULL), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_set_unit(ek_case *c, const char *unit);

/**
 * The unit.
 * @param c  the case.
 * @return the unit or NULL; borrowed, valid until the case is changed,
 *         reset or freed.  Safe for concurrent readers of @p c.
 */
EK_API const char *ek_case_unit(const ek_case *c);

/**
 * Set the child's birth date.
 * @param c           the case.
 * @param birth_date  the date, or EK_DATE_NONE to clear it.
 * @return EK_OK, EK_EINVAL (@p c NULL), EK_ERANGE (outside the supported
 *         range).
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_set_birth_date(ek_case *c, ek_date birth_date);

/**
 * The child's birth date.
 * @param c  the case.
 * @return the date, or EK_DATE_NONE (also when @p c is NULL).
 *         Safe for concurrent readers of @p c.
 */
EK_API ek_date ek_case_birth_date(const ek_case *c);

/**
 * Add an event.  An unknown @p type_name is kept (type EK_EV_UNKNOWN) and a
 * warning is recorded (ek_case_warning()).
 * @param c         the case.
 * @param type_name format name (required, non-empty; copied).
 * @param date      event date (required: not EK_DATE_NONE; must be in the
 *                  supported range).
 * @param[out] index optional: receives the new event's index.
 * @return EK_OK, EK_EINVAL (NULL, empty type name, EK_DATE_NONE), EK_ERANGE
 *         (date outside the range), EK_ENOMEM; on failure the case is
 *         unchanged.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_add_event(ek_case *c, const char *type_name, ek_date date, size_t *index);

/**
 * Number of events.
 * @param c  the case.
 * @return the count; 0 when @p c is NULL.  Safe for concurrent readers of @p c.
 */
EK_API size_t ek_case_event_count(const ek_case *c);

/** Version of struct ek_event_info understood by this header. */
#define EK_EVENT_INFO_VERSION 1

/** A view of one event.  Strings are borrowed from the case (valid until it is changed, reset or freed). */
typedef struct ek_event_info {
    unsigned int version;   /**< Set to EK_EVENT_INFO_VERSION by the caller. */
    size_t index;           /**< Index in the order added. */
    ek_event_type type;     /**< Known type, or EK_EV_UNKNOWN. */
    const char *type_name;  /**< The type's name as given. */
    ek_date date;           /**< The event date. */
    const char *id;         /**< Optional event id, or NULL. */
    const char *ref;        /**< Optional id of a related event, or NULL. */
    size_t attr_count;      /**< Number of attributes. */
} ek_event_info;

/** Static initializer for struct ek_event_info. */
#define EK_EVENT_INFO_INIT { EK_EVENT_INFO_VERSION, 0, EK_EV_UNKNOWN, NULL, 0, NULL, NULL, 0 }

/**
 * Describe event @p index.
 * @param c          the case.
 * @param index      0 … ek_case_event_count() - 1, in the order added.
 * @param[in,out] out  struct with out->version set (EK_EVENT_INFO_INIT);
 *                   receives the view (its strings are borrowed from @p c).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (index), EK_EVERSION.
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_event(const ek_case *c, size_t index, ek_event_info *out);

/**
 * The index of the @p k th event in date order (stable: same-date events in
 * the order added).
 * @param c           the case.
 * @param k           position in date order, 0 … ek_case_event_count() - 1.
 * @param[out] index  receives the event's index (order added).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k too large).
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_event_in_date_order(const ek_case *c, size_t k, size_t *index);

/**
 * Set an event's optional id.
 * @param c      the case.
 * @param index  the event's index.
 * @param id     the id (copied), or NULL to clear it.
 * @return EK_OK, EK_EINVAL (@p c NULL), EK_ERANGE (index), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_event_set_id(ek_case *c, size_t index, const char *id);
/**
 * Set the optional id of the event that event @p index refers to.
 * @param c      the case.
 * @param index  the event's index.
 * @param ref    the related event's id (copied), or NULL to clear it.
 * @return EK_OK, EK_EINVAL (@p c NULL), EK_ERANGE (index), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_event_set_ref(ek_case *c, size_t index, const char *ref);

/**
 * Set attributes of event @p index; a key set twice keeps the last value.
 * A key that is not listed for the event's type in FORMATS.md is kept (and,
 * for a known event type, a warning is recorded); a listed key with the
 * wrong kind, or a value not among its allowed words
 * (ek_event_attr_spec()), is EK_EINVAL.  "type", "date", "id" and "ref" are
 * not attributes (EK_EINVAL).  Strings are copied.  On failure the case is
 * unchanged.
 * @param c      the case.
 * @param index  the event's index.
 * @param key    attribute key (required, non-empty; copied).
 * @param value  the text (not NULL; copied).
 * @return EK_OK, EK_EINVAL (NULL, see above), EK_ERANGE (index), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_event_set_string(ek_case *c, size_t index, const char *key, const char *value);
/**
 * Set a true/false attribute; see ek_case_event_set_string().
 * @param c      the case.
 * @param index  the event's index.
 * @param key    attribute key (required, non-empty; copied).
 * @param value  0 for false, any other value for true (stored as 1).
 * @return EK_OK, EK_EINVAL, EK_ERANGE (index), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_event_set_bool(ek_case *c, size_t index, const char *key, int value);
/**
 * Set a date attribute; see ek_case_event_set_string().
 * @param c      the case.
 * @param index  the event's index.
 * @param key    attribute key (required, non-empty; copied).
 * @param value  the date, within the supported range.
 * @return EK_OK, EK_EINVAL, EK_ERANGE (index or date), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_event_set_date(ek_case *c, size_t index, const char *key, ek_date value);
/**
 * Set an attribute to a value the library does not interpret, e.g. the JSON
 * text of an unknown key; see ek_case_event_set_string() (a listed key is
 * EK_EINVAL here, since its kind is not EK_ATTR_RAW).
 * @param c          the case.
 * @param index      the event's index.
 * @param key        attribute key (required, non-empty; copied).
 * @param json_text  the value, kept verbatim and not validated (not NULL; copied).
 * @return EK_OK, EK_EINVAL, EK_ERANGE (index), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_event_set_raw(ek_case *c, size_t index, const char *key, const char *json_text);

/**
 * Read a text attribute (EK_ATTR_STRING; not EK_ATTR_RAW) of event @p index.
 * @param c         the case.
 * @param index     the event's index.
 * @param key       attribute key.
 * @param[out] out  receives the text; borrowed (valid until the case is
 *                  changed, reset or freed).
 * @return EK_OK; EK_ENOTFOUND when the event has no such key (no error
 *         message is set for this expected case); EK_EINVAL when it has
 *         another kind or an argument is NULL; EK_ERANGE for a bad index.
 *         @p out is untouched on failure.
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_event_get_string(const ek_case *c, size_t index, const char *key, const char **out);
/**
 * Read a true/false attribute of event @p index.
 * @param c         the case.
 * @param index     the event's index.
 * @param key       attribute key.
 * @param[out] out  receives 0 or 1.
 * @return EK_OK; EK_ENOTFOUND when the event has no such key (no error
 *         message is set for this expected case); EK_EINVAL when it has
 *         another kind or an argument is NULL; EK_ERANGE for a bad index.
 *         @p out is untouched on failure.
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_event_get_bool(const ek_case *c, size_t index, const char *key, int *out);
/**
 * Read a date attribute of event @p index.
 * @param c         the case.
 * @param index     the event's index.
 * @param key       attribute key.
 * @param[out] out  receives the date.
 * @return EK_OK; EK_ENOTFOUND when the event has no such key (no error
 *         message is set for this expected case); EK_EINVAL when it has
 *         another kind or an argument is NULL; EK_ERANGE for a bad index.
 *         @p out is untouched on failure.
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_event_get_date(const ek_case *c, size_t index, const char *key, ek_date *out);

/** Version of struct ek_attr_info understood by this header. */
#define EK_ATTR_INFO_VERSION 1

/** One attribute; strings borrowed from the case. */
typedef struct ek_attr_info {
    unsigned int version;  /**< EK_ATTR_INFO_VERSION. */
    const char *key;       /**< Attribute key. */
    ek_attr_kind kind;     /**< Value kind. */
    const char *string;    /**< EK_ATTR_STRING / EK_ATTR_RAW: the text; else NULL. */
    int boolean;           /**< EK_ATTR_BOOL: 0 or 1. */
    ek_date date;          /**< EK_ATTR_DATE: the date; else EK_DATE_NONE. */
} ek_attr_info;

/** Static initializer for struct ek_attr_info. */
#define EK_ATTR_INFO_INIT { EK_ATTR_INFO_VERSION, NULL, (ek_attr_kind)0, NULL, 0, EK_DATE_NONE }

/**
 * Describe attribute @p k (0 … attr_count-1) of event @p index, in the
 * order first set.
 * @param c      the case.
 * @param index  the event's index.
 * @param k      the attribute's position, 0 … ek_event_info.attr_count - 1.
 * @param[in,out] out  struct with out->version set (EK_ATTR_INFO_INIT);
 *                receives the attribute (strings borrowed from @p c, valid
 *                until the case is changed, reset or freed).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p index or @p k), EK_EVERSION.
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_event_attr(const ek_case *c, size_t index, size_t k, ek_attr_info *out);

/* ---- reviewer answers (judgement items) --------------------------------- */

/**
 * Add a reviewer's answer for checklist item @p item (e.g. "B4").  @p result
 * must be EK_RESULT_PASS, EK_RESULT_FAIL or EK_RESULT_NOTAPPLICABLE.
 * @p reviewer and @p comment are optional (copied); @p date may be EK_DATE_NONE.
 * A later answer for the same item replaces an earlier one (keeping its
 * position, dropping its extras).  On failure the case is unchanged.
 * @param c         the case.
 * @param item      checklist item id (required, non-empty; copied).
 * @param result    EK_RESULT_PASS, EK_RESULT_FAIL or EK_RESULT_NOTAPPLICABLE.
 * @param reviewer  who answered, or NULL (copied).
 * @param date      date of the answer, or EK_DATE_NONE.
 * @param comment   free text, or NULL (copied).
 * @return EK_OK, EK_EINVAL (NULL, empty item, another result), EK_ERANGE
 *         (date outside the range), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_add_answer(ek_case *c, const char *item, ek_result result, const char *reviewer,
                              ek_date date, const char *comment);

/**
 * Number of answers.
 * @param c  the case.
 * @return the count; 0 when @p c is NULL.  Safe for concurrent readers of @p c.
 */
EK_API size_t ek_case_answer_count(const ek_case *c);

/** Version of struct ek_answer_info understood by this header. */
#define EK_ANSWER_INFO_VERSION 1

/** One answer; strings borrowed from the case. */
typedef struct ek_answer_info {
    unsigned int version;  /**< EK_ANSWER_INFO_VERSION. */
    const char *item;      /**< Checklist item id. */
    ek_result result;      /**< pass, fail or notapplicable. */
    const char *reviewer;  /**< Or NULL. */
    ek_date date;          /**< Or EK_DATE_NONE. */
    const char *comment;   /**< Or NULL. */
} ek_answer_info;

/** Static initializer for struct ek_answer_info. */
#define EK_ANSWER_INFO_INIT { EK_ANSWER_INFO_VERSION, NULL, EK_RESULT_INVALID, NULL, EK_DATE_NONE, NULL }

/**
 * Describe answer @p k.
 * @param c    the case.
 * @param k    0 … ek_case_answer_count() - 1.
 * @param[in,out] out  struct with out->version set (EK_ANSWER_INFO_INIT);
 *             receives the answer (strings borrowed from @p c, valid until
 *             the case is changed, reset or freed).
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p k), EK_EVERSION.
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_answer(const ek_case *c, size_t k, ek_answer_info *out);

/**
 * Find the answer for @p item.
 * @param c     the case.
 * @param item  checklist item id.
 * @param[in,out] out  struct with out->version set (EK_ANSWER_INFO_INIT);
 *              receives the answer (strings borrowed as in ek_case_answer()).
 * @return EK_OK; EK_ENOTFOUND when there is none (no error message set);
 *         EK_EINVAL (NULL); EK_EVERSION.
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_find_answer(const ek_case *c, const char *item, ek_answer_info *out);

/* ---- warnings and extra top-level keys ------------------------------------ */

/**
 * Record a warning about the case (copied), e.g. from a reader: "unknown key
 * \"x\" in events[3]".
 * @param c        the case.
 * @param message  the warning (copied).
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_add_warning(ek_case *c, const char *message);

/**
 * Number of warnings recorded (unknown event types and keys, …).
 * @param c  the case.
 * @return the count; 0 when @p c is NULL.  Safe for concurrent readers of @p c.
 */
EK_API size_t ek_case_warning_count(const ek_case *c);

/**
 * Warning @p k, in the order recorded.
 * @param c  the case.
 * @param k  0 … ek_case_warning_count() - 1.
 * @return the message; borrowed (valid until the case is reset or freed);
 *         NULL when @p c is NULL or @p k out of range (the last error is not
 *         set).  Safe for concurrent readers of @p c.
 */
EK_API const char *ek_case_warning(const ek_case *c, size_t k);

/**
 * Check that every event type and attribute key of the case is in the case-1
 * vocabulary (FORMATS.md; ek_event_type_from_name(), ek_event_attr_spec()).
 * Used in strict mode (ek_context_set_strict()).
 * @param c  the case.
 * @return EK_OK; EK_EPARSE for the first unknown type or key in the order of
 *         the events, with the last error naming the case (record_id) and the
 *         field ("events[3].type", "events[3].skal"); EK_EINVAL (NULL).
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_check_vocabulary(const ek_case *c);

/**
 * Keep an unknown top-level key with its value as verbatim JSON text, so a
 * writer can round-trip it; a key set twice keeps the last value.
 * @param c          the case.
 * @param key        the key (required, non-empty; copied).
 * @param json_text  its value as JSON text, kept verbatim and not validated
 *                   (not NULL; copied).
 * @return EK_OK, EK_EINVAL (NULL, empty key), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_set_extra(ek_case *c, const char *key, const char *json_text);

/**
 * Number of extra top-level keys.
 * @param c  the case.
 * @return the count; 0 when @p c is NULL.  Safe for concurrent readers of @p c.
 */
EK_API size_t ek_case_extra_count(const ek_case *c);

/**
 * Extra top-level key @p k and its JSON text, in the order first set.
 * @param c  the case.
 * @param k  0 … ek_case_extra_count() - 1.
 * @param[out] key        receives the key; borrowed (valid until the case is
 *                        changed, reset or freed).
 * @param[out] json_text  receives its JSON text; borrowed likewise.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (out of range).
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_extra(const ek_case *c, size_t k, const char **key, const char **json_text);

/**
 * Keep an unknown key of the `child` object (verbatim JSON text), for round
 * trips; a key set twice keeps the last value.  "birth_date" is not an extra
 * (use ek_case_set_birth_date()).
 * @param c          the case.
 * @param key        the key (required, non-empty; copied).
 * @param json_text  its value as JSON text, kept verbatim and not validated
 *                   (not NULL; copied).
 * @return EK_OK, EK_EINVAL (NULL, empty key, "birth_date"), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_set_child_extra(ek_case *c, const char *key, const char *json_text);

/**
 * Number of extra keys of the `child` object.
 * @param c  the case.
 * @return the count; 0 when @p c is NULL.  Safe for concurrent readers of @p c.
 */
EK_API size_t ek_case_child_extra_count(const ek_case *c);

/**
 * Extra child key @p k and its JSON text, in the order first set.
 * @param c  the case.
 * @param k  0 … ek_case_child_extra_count() - 1.
 * @param[out] key        receives the key; borrowed (valid until the case is
 *                        changed, reset or freed).
 * @param[out] json_text  receives its JSON text; borrowed likewise.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (out of range).
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_child_extra(const ek_case *c, size_t k, const char **key, const char **json_text);

/**
 * Keep an unknown key of answer @p answer (verbatim JSON text), for round
 * trips.  Replacing the answer (ek_case_add_answer() for the same item)
 * drops its extras; a key set twice keeps the last value.
 * @param c          the case.
 * @param answer     the answer's index, 0 … ek_case_answer_count() - 1.
 * @param key        the key (required, non-empty; copied).
 * @param json_text  its value as JSON text, kept verbatim and not validated
 *                   (not NULL; copied).
 * @return EK_OK, EK_EINVAL (NULL, empty key), EK_ERANGE (@p answer), EK_ENOMEM.
 *         Changes @p c: no other thread may use it meanwhile.
 */
EK_API int ek_case_answer_set_extra(ek_case *c, size_t answer, const char *key, const char *json_text);

/**
 * Number of extra keys of answer @p answer.
 * @param c       the case.
 * @param answer  the answer's index.
 * @return the count; 0 when @p c is NULL or @p answer out of range.
 *         Safe for concurrent readers of @p c.
 */
EK_API size_t ek_case_answer_extra_count(const ek_case *c, size_t answer);

/**
 * Extra key @p k of answer @p answer and its JSON text, in the order first set.
 * @param c       the case.
 * @param answer  the answer's index.
 * @param k       0 … ek_case_answer_extra_count() - 1.
 * @param[out] key        receives the key; borrowed (valid until the case is
 *                        changed, reset or freed).
 * @param[out] json_text  receives its JSON text; borrowed likewise.
 * @return EK_OK, EK_EINVAL (NULL), EK_ERANGE (@p answer or @p k out of range).
 *         Safe for concurrent readers of @p c.
 */
EK_API int ek_case_answer_extra(const ek_case *c, size_t answer, size_t k, const char **key,
                                const char **json_text);

/* ---- the vocabulary and validation ------------------------------------------ */

/**
 * Check what the builder cannot check while events are still being filled
 * in: every known event type has its required attributes (marked * in
 * FORMATS.md: utredning_forlangd.ny_slutdag, familjehemsutredning_klar.hem,
 * placering_verkstalld.placeringsform and .grund, ivo_beslut.svar_senast).
 * The case JSON reader calls it for every case it reads, so a case missing
 * one is an error for that case; a program building cases through the C API
 * calls it once the case is complete (evaluations may rely on it).
 * Events of unknown type are not checked.
 * @param c  the case.
 * @return EK_OK; EK_EINVAL (@p c NULL, or the first event missing one: the
 *         last error names the case id and the field, e.g.
 *         "events[3].ny_slutdag").
 *         Thread-safe for concurrent readers of @p c.
 */
EK_API int ek_case_validate(const ek_case *c);

/**
 * The kind a listed attribute of event type @p type must have, and its
 * allowed values.
 * @param type         the event type (nothing is listed for EK_EV_UNKNOWN).
 * @param key          the attribute key.
 * @param[out] kind    receives EK_ATTR_STRING, EK_ATTR_BOOL or EK_ATTR_DATE.
 * @param[out] values  optional: receives the allowed words separated by '|'
 *                     (static), or NULL when any text goes.
 * @param[out] required optional: receives 1 when the attribute is required
 *                     (see ek_case_validate()), else 0.
 * @return EK_OK; EK_ENOTFOUND when @p key is not listed for @p type (no
 * error message set); EK_EINVAL (NULL). Thread-safe.
 */
EK_API int ek_event_attr_spec(ek_event_type type, const char *key, ek_attr_kind *kind, const char **values,
                              int *required);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_CASE_H */
