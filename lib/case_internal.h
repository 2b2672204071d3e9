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

#endif
