/* SPDX-License-Identifier: MIT */
/* Private definitions of the rules module (rules.c, evaluate.c).  Not installed. */
#ifndef EK_RULES_INTERNAL_H
#define EK_RULES_INTERNAL_H

#include <egenkontroll/rules.h>

#include "policy_internal.h"

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
    const char *basis;
    const char *certainty;
    const char *note;
} ek__rule_version;

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
} ek__rule_def;

struct ek_rulebook {
    const char *version;
    const ek__rule_def *rules;
    size_t nrules;
};

#endif
