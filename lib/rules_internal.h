/* SPDX-License-Identifier: MIT */
/* Private definitions of the rules module (rules.c, evaluate.c).  Not installed. */
#ifndef EK_RULES_INTERNAL_H
#define EK_RULES_INTERNAL_H

#include <egenkontroll/case.h>
#include <egenkontroll/rules.h>

#include "case_internal.h"
#include "policy_internal.h"

/* A set of event types (bit ek_event_type). */
#define EK__EV(t) ((uint64_t)1 << (EK_EV_##t))
_Static_assert(EK__EV_LIMIT <= 64, "a set of event types is a uint64_t");

/* Number of rules of the built-in rulebook: 0 … EK__RULE_COUNT - 1 (what
 * ek_rulebook_rule_count(ek_rulebook_builtin()) returns).  Update it with the enum in rules.h:
 * lib/rules.c checks it against the table of rules, whose entries name their ids. */
#define EK__RULE_COUNT ((int)EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING + 1)

/* Days since 1970-01-01 of y-m-d as a constant expression (H. Hinnant's days_from_civil). */
#define EK__CY(y, m) ((m) <= 2 ? (y) - 1 : (y))
#define EK__CERA(y, m) ((EK__CY(y, m) >= 0 ? EK__CY(y, m) : EK__CY(y, m) - 399) / 400)
#define EK__CYOE(y, m) (EK__CY(y, m) - EK__CERA(y, m) * 400)
#define EK__CDOY(m, d) ((153 * ((m) > 2 ? (m) - 3 : (m) + 9) + 2) / 5 + (d) - 1)
#define EK__CDOE(y, m, d) (EK__CYOE(y, m) * 365 + EK__CYOE(y, m) / 4 - EK__CYOE(y, m) / 100 + EK__CDOY(m, d))
#define EK__DATE(y, m, d) ((ek_date)(EK__CERA(y, m) * 146097 + EK__CDOE(y, m, d) - 719468))

/* One version of a rule. */
typedef struct ek__rule_version {
    ek_date from;          /* EK_DATE_NONE: open start */
    ek_date to;            /* EK_DATE_NONE: still in force */
    int has_limit;
    ek_period period;      /* first period */
    ek_period repeat;      /* recurring: later periods; n == 0: none */
    int policy;            /* ek__policy_id giving both periods, or -1 */
    ek_period_kind kind;   /* who set the limit: law (rolls), policy or a set day (never rolls) */
    const char *basis;
    const char *certainty;
    const char *note;
} ek__rule_version;

/*
 * How a rule produces its obligations.  evaluate.c has one routine per
 * shape; no evaluation code names an individual rule.
 */
typedef enum ek__shape {
    EK__SHAPE_PER_START = 0,        /* one obligation per start event, paired with a completion */
    EK__SHAPE_PLACEMENT_SERIES = 1, /* recurring over each run of placements that pass the filter */
    EK__SHAPE_EVENT_SERIES = 2,     /* recurring from each start event until the next one or an end event */
    EK__SHAPE_PLACEMENT_ONCE = 3,   /* once per run of adjacent placements */
    EK__SHAPE_IN_PLACEMENT = 4,     /* per start event inside a placement of the filter's form; done when it ends */
    EK__SHAPE_BOARD = 5             /* board level, not per case: ek_evaluate_annual() */
} ek__shape;

/* Legal grounds of a placement (bits of ek__placement_filter.grund). */
enum {
    EK__G_UNKNOWN = 1u << 0,  /* "grund" missing: assumed to pass, the result says so (antagande) */
    EK__G_SOL = 1u << 1,
    EK__G_LVU2 = 1u << 2,
    EK__G_LVU3 = 1u << 3,
    EK__G_OTHER = 1u << 4,
    EK__G_ANY = 0x1Fu
};

/* Which placements a rule concerns. */
typedef struct ek__placement_filter {
    unsigned grund;        /* EK__G_* bits */
    const char *form;      /* placeringsform required, or NULL for any */
    int same_home;         /* a run continues only in the same home ("hem") */
} ek__placement_filter;

/* Generic conditions an entry can name; each is implemented once in evaluate.c. */
enum {
    /* Not needed when the start joins an investigation already running (recorded by the
     * not-needed event, or inferred from an open investigation: an assumption). */
    EK__C_NOT_IF_INVESTIGATION_RUNNING = 1u << 0,
    /* Only a reporter with a duty to report may ask (attribute anmalare of the report):
     * a private person's request is notapplicable; no reporter recorded is an assumption. */
    EK__C_MANDATORY_REPORTER = 1u << 1,
    /* Counted from the decision to open or not open an investigation on the report; the
     * policy's "genast" period (genast_policy) when asked after it or while an investigation runs. */
    EK__C_FROM_DECISION = 1u << 2,
    /* Only when the case (its first event) had been running six months (FL 12 §). */
    EK__C_PENDING_SIX_MONTHS = 1u << 3,
    /* Only for a child (under 18) on the start day. */
    EK__C_CHILD_AT_START = 1u << 4,
    /* A duty towards a "barn" (SoL 3 kap. 1 § 2 st.): periods due on or after the 18th
     * birthday do not arise; without a birth date it is assumed to go on (antagande). */
    EK__C_CHILD_DUTY = 1u << 5,
    /* Completed by a placement that passes the filter, or by one already running. */
    EK__C_DONE_BY_PLACEMENT = 1u << 6,
    /* The period runs from the event that began the follow-up (alt_start); when only the
     * start event is recorded the period is counted from it, and the result says so. */
    EK__C_ALT_START = 1u << 7
};

/* An extension: a decision (event) that moves the end to a later day. */
typedef struct ek__extension_def {
    uint64_t event;        /* the extending event types; 0: no extension in case-1 */
    const char *date_attr; /* attribute holding the new end date (a day set by the board) */
    int cap_policy;        /* policy period added to the original end when no date is recorded; -1: the date is required */
} ek__extension_def;

typedef struct ek__rule_def {
    ek_rule_id id;
    const char *name;
    const char *title;
    const char *description;
    ek_rule_kind kind;
    const char *start_events;
    const char *completion_events;
    ek_extension_kind extension;
    const char *extension_text;
    const ek__rule_version *versions;
    size_t nversions;
    /* --- what evaluation reads (tests/test_rules.c checks it against the strings above) --- */
    ek__shape shape;
    uint64_t start_mask;       /* start_events as types */
    uint64_t done_mask;        /* completion_events as types */
    uint64_t end_mask;         /* event series: what ends the duty */
    uint64_t na_mask;          /* EK__C_NOT_IF_INVESTIGATION_RUNNING: the event that says so */
    uint64_t alt_start_mask;   /* EK__C_ALT_START: the event the period runs from */
    unsigned conditions;       /* EK__C_* */
    unsigned flags;            /* ek_obligation_flag bits set on every obligation (EK_OBL_LAPSES) */
    int window_to_next;        /* a completion must come before the next start event */
    int genast_policy;         /* EK__C_FROM_DECISION: the policy period for "genast", else -1 */
    const char *set_date_attr; /* EK_PERIOD_SET_DATE versions: the start event's attribute with the day set */
    ek__placement_filter placement;
    ek__extension_def ext;
} ek__rule_def;

struct ek_rulebook {
    const char *version;
    const ek__rule_def *rules;
    size_t nrules;
};

#endif
