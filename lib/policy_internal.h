/* SPDX-License-Identifier: MIT */
/* Fast typed access to policy parameters for the evaluators.  Not installed. */
#ifndef EK_POLICY_INTERNAL_H
#define EK_POLICY_INTERNAL_H

#include <egenkontroll/policy.h>

/* One id per parameter; the table in policy.c has the same order. */
typedef enum ek__policy_id {
    EK_P_BEDOM_MOT = 0,                 /* choice: legal | nominal */
    EK_P_SKYDDSBEDOMNING_MARGINAL,      /* "genast" for skyddsbedömning */
    EK_P_INFORMATION_UTREDNING,         /* "genast" for informing those concerned */
    EK_P_ATERKOPPLING_GENAST,           /* "genast" for feedback when asked late */
    EK_P_BESOK_INTERVALL,               /* visits to a placed child */
    EK_P_GENOMFORANDEPLAN_INTERVALL,    /* follow-up of the genomförandeplan */
    EK_P_VARDNADSHAVARE_BEGAR_AVSLUT,   /* D9: acting on a guardian's request */
    EK_P_ATERINLEDD_UTREDNING,          /* B7: "shortly after" */
    EK_P_SARAH_REGISTRERING,            /* lex Sarah: registered "genast" */
    EK_P_SARAH_UTREDNING_INLEDD,        /* lex Sarah: investigation opened "genast" */
    EK_P_SARAH_ANMALAN_IVO,             /* lex Sarah: IVO report "snarast" */
    EK_P_SARAH_UTREDNING_TILL_IVO,      /* lex Sarah: investigation sent within 2 months */
    EK_P_SYNNERLIGA_SKAL_FORLANGNING,   /* förhandsbedömning: cap of an extension for synnerliga skäl */
    EK_P_MINSTA_UNDERLAG,               /* count: fewest judged cases for a certain rate */
    EK__P_COUNT
} ek__policy_id;

/* The value of a period parameter (the id must name a period parameter). */
ek_period ek__policy_period(const ek_policy *policy, ek__policy_id id);

/* The value of a count parameter (the id must name a count parameter). */
long ek__policy_count(const ek_policy *policy, ek__policy_id id);

#endif
