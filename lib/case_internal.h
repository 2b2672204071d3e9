/* SPDX-License-Identifier: MIT */
/* Private access to a case's events for the deadline evaluation (lib/evaluate.c): one call per
 * case instead of the checked public per-event functions.  Not installed. */
#ifndef EK_CASE_INTERNAL_H
#define EK_CASE_INTERNAL_H

#include <stddef.h>

#include <egenkontroll/case.h>

/* Bound of arrays indexed by ek_event_type: the known types are 1 … EK__EV_LIMIT - 1
 * (ek_event_type_count() returns EK__EV_LIMIT - 1).  Update it with the enum in case.h: lib/case.c
 * checks it against its table of names, tests/python/test_cases.py against the enum. */
#define EK__EV_LIMIT ((int)EK_EV_BEGARAN_AVGORANDE_BESVARAD + 1)

/* An event as the case stores it (lib/case.c). */
typedef struct ek__event {
    ek_event_type type;
    const char *type_name;
    ek_date date;
    const char *id, *ref;
    size_t attr_first, attr_last, attr_count; /* list through the case's attributes */
} ek__event;

/*
 * The case's events (*n of them, in insertion order) and their indices in date order
 * (stable); borrowed, valid until the case changes.  @c must not be NULL.
 */
const ek__event *ek__case_events(const ek_case *c, const size_t **by_date, size_t *n);

/*
 * The first attribute @key of event @index (what ek_case_event_attr() gives for it), found in
 * one walk of the event's attributes instead of one walk per position: 1 found (*out filled but
 * for its version), 0 not found or no such event.  @c, @key and @out must not be NULL.
 */
int ek__case_event_attr_find(const ek_case *c, size_t index, const char *key, ek_attr_info *out);

/* ---- the fast path of the JSON readers (lib/io/json_case_simd.cc) ------------------------ */

/*
 * ek_case_add_event(c, ek_event_type_name(@type), @date, @index) without looking the name up:
 * the same result, errors and all.  @c must not be NULL.
 */
int ek__case_add_event_listed(ek_case *c, ek_event_type type, ek_date date, size_t *index);

/*
 * ek_case_event_set_id() (@is_ref 0) or ek_case_event_set_ref() (1) of the @n bytes at @value
 * (need not be NUL-terminated; no NUL among them): the same result.  @c must not be NULL, @index
 * must be an event of @c.
 */
int ek__case_event_set_id_ref_n(ek_case *c, size_t index, const char *value, size_t n, int is_ref);

/* A listed attribute (FORMATS.md), opaque. */
typedef struct attr_spec ek__attr_spec;

/* The listed attribute @key (@n bytes, need not be NUL-terminated) of @type and its kind, or NULL
 * when it is not listed (*kind untouched); what ek_event_attr_spec() finds. */
const ek__attr_spec *ek__event_attr_spec_n(ek_event_type type, const char *key, size_t n, ek_attr_kind *kind);

/*
 * The listed attributes one by one (@i from 0, in the order of the table that ek_case_validate()
 * checks): the spec (what ek__event_attr_spec_n() gives for its type and key) and its parts, or
 * NULL past the last (nothing set).  For readers that build their own look-up once.
 */
const ek__attr_spec *ek__attr_spec_at(size_t i, ek_event_type *type, const char **key, ek_attr_kind *kind,
                                     int *required);

/*
 * ek_case_event_set_string/_bool/_date(@c, @index, @key, …) for a key the event does not have
 * yet (the caller makes sure: a second value for a key would replace the first), that is not
 * "type", "date", "id" or "ref": the same result, warnings and errors, in fewer steps.  @spec is
 * ek__event_attr_spec_n() of the event's type and @key; @key (@key_len bytes) and @string
 * (@string_len bytes; NULL for a boolean or a date) need not be NUL-terminated and have no NUL
 * among their bytes.  @c must not be NULL, @index must be an event of @c.
 */
int ek__case_event_add_attr(ek_case *c, size_t index, const ek__attr_spec *spec, const char *key, size_t key_len,
                            ek_attr_kind kind, const char *string, size_t string_len, int boolean, ek_date date);

#endif
