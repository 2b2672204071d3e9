/* SPDX-License-Identifier: MIT */
/* Private layout of lex Sarah records and results, shared by the module's files (lib/sarah*.c) and
 * lib/io/json_sarah.c.  Not installed. */
#ifndef EK_SARAH_INTERNAL_H
#define EK_SARAH_INTERNAL_H

#include <egenkontroll/sarah.h>

#include "buf_internal.h"
#include "internal.h"

/* How many of each the public enums have (the public count functions return these). */
#define EK__SARAH_DATE_COUNT ((int)EK_SARAH_AVSLUTAD + 1)
#define EK__SARAH_ELEMENT_COUNT ((int)EK_SARAH_EL_STALLNINGSTAGANDE + 1)
#define EK__SARAH_TEXT_COUNT ((int)EK_SARAH_IVO_BESLUT + 1)

typedef struct ek__sarah_measure {
    char *beskrivning;
    char *ansvarig;         /* or NULL */
    ek_date senast, genomford;
    char *extra;            /* JSON object text of unknown keys, or NULL */
} ek__sarah_measure;

typedef struct ek__sarah_hist {
    ek_sarah_history_kind kind;
    ek_date date;
    char *who, *field, *old_value, *new_value;
    char *extra;            /* JSON object text of unknown keys, or NULL */
} ek__sarah_hist;

typedef struct ek__sarah_extra {
    char *key, *json;
} ek__sarah_extra;

/* Containers whose unknown keys are kept as one JSON object text. */
enum { EK__SARAH_X_DATUM = 0, EK__SARAH_X_UTREDNING, EK__SARAH_X_IVO, EK__SARAH_X_COUNT };

struct ek_sarah_record {
    char *id;
    ek_sarah_typ typ;
    ek_date dates[EK__SARAH_DATE_COUNT];
    char *text[EK__SARAH_TEXT_COUNT];
    ek_sarah_tri allvarlig;
    ek_sarah_tri elements[EK__SARAH_ELEMENT_COUNT];
    ek_sarah_tri bifogad;
    ek__sarah_measure *measures;
    size_t n_measures, cap_measures;
    ek__sarah_hist *hist;
    size_t n_hist, cap_hist;
    ek__sarah_extra *extras;
    size_t n_extras, cap_extras;
    char *container_extra[EK__SARAH_X_COUNT];
};

/* Reader-side construction: no history entries, no freeze/order checks (the reader validates at the end). */
int ek__sarah_record_alloc(ek_sarah_record **out, const char *id);
/* Grow arrays by one; returns a zeroed slot (owned by the record once the count is bumped). */
int ek__sarah_push_measure(ek_sarah_record *r, ek__sarah_measure **slot);
int ek__sarah_push_hist(ek_sarah_record *r, ek__sarah_hist **slot);

/* The first process-order conflict: 1 and a message ("bedomd 2025-09-01 is before rapport 2025-09-05")
 * naming the later-in-process field in *later; 0 when the order holds.  Sets no error. */
int ek__sarah_order_conflict(const ek_sarah_record *r, char *msg, size_t size, ek_sarah_date_field *later);

/* A history entry out of time order, or one changing the frozen IVO report after it was sent:
 * 1 with a message and the entry's index; 0 when fine.  Sets no error. */
int ek__sarah_history_conflict(const ek_sarah_record *r, char *msg, size_t size, size_t *bad_index);

/* True when the history field name is part of the frozen IVO report. */
int ek__sarah_field_frozen(const char *field);

/* Who set the time of limit @kind (the limit table of lib/sarah_eval.c); EK_PERIOD_LAW for an unknown kind. */
ek_period_kind ek__sarah_limit_period_kind(ek_sarah_limit_kind kind);

/* ---- shared by the module's files (sarah.c) ---- */

/* History field names of the dates ("datum.rapport") and elements ("utredning.orsaker"), by enum value. */
extern const char *const ek__sarah_date_fields[EK__SARAH_DATE_COUNT];
extern const char *const ek__sarah_element_fields[EK__SARAH_ELEMENT_COUNT];
/* Whether @s is one of the six states. */
int ek__sarah_state_valid(ek_sarah_state s);
/* @d as YYYY-MM-DD in @buf, "(inget)" when unset; returns @buf. */
const char *ek__sarah_dstr(ek_date d, char buf[EK_DATE_BUFSIZE]);
/* Free what a measure / history entry owns (not the struct). */
void ek__sarah_measure_clear(ek__sarah_measure *m);
void ek__sarah_hist_clear(ek__sarah_hist *h);
/* *dst = copy of @src (NULL for NULL): EK_OK or EK_ENOMEM (error set). */
int ek__sarah_dup_opt(char **dst, const char *src);

/* ---- results (sarah_eval.c; read by sarah_summary.c) ---- */

typedef struct ek__sarah_limit_slot {
    ek_sarah_limit pub;      /* strings: message and period point into the result, others static */
    size_t message;          /* offset of the message in the result's pool */
    char period[EK_PERIOD_BUFSIZE];
} ek__sarah_limit_slot;

/* Reused from evaluation to evaluation (ek_sarah_evaluate()): the arrays and the pool keep their memory. */
struct ek_sarah_result {
    int evaluated;           /* 0: new, or emptied by a failed evaluation */
    ek__buf id;
    ek_sarah_state state;
    ek_date as_of;
    ek_sarah_item items[2];  /* by ek_sarah_item_id; messages point into the pool */
    ek__sarah_limit_slot *limits;
    size_t n_limits, cap_limits;
    ek__buf pool;            /* the messages, each NUL-terminated, written in place (sarah_eval.c) */
    ek__buf part[3];         /* scratch for the parts of a message (a list, a date phrase), reused */
};

#endif
