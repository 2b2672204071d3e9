/* SPDX-License-Identifier: MIT */
/* The checklist's in-memory form, shared by the evaluator (checklist*.c) and
 * the JSON loader (io/json_checklist.c).  Not installed. */
#ifndef EK_CHECKLIST_INTERNAL_H
#define EK_CHECKLIST_INTERNAL_H

#include <egenkontroll/checklist.h>

#include "internal.h"

/* Deepest predicate nesting (after following "ref"s) and most nodes per checklist. */
#define EK__CL_MAX_DEPTH 24
#define EK__CL_MAX_NODES 100000
#define EK__CL_MAX_ITEMS 1000
#define EK__NONE ((size_t)-1)

typedef enum ek__op {
    EK__OP_ALL = 1,
    EK__OP_ANY,
    EK__OP_NOT,
    EK__OP_FIRST_KNOWN,
    EK__OP_VALUE,       /* a constant truth value */
    EK__OP_EVENT,       /* quantifier over events of a spec */
    EK__OP_ATTR,        /* attribute of the current event */
    EK__OP_WITHIN,      /* each "from" event followed by a "to" event within a period */
    EK__OP_BEFORE,      /* each anchor event preceded (on or before) by an event */
    EK__OP_RULE,        /* obligations of rules */
    EK__OP_ANSWER,      /* a reviewer's answer */
    EK__OP_DELEGATION,  /* every decision by a delegated role */
    EK__OP_REF,         /* a named definition */
    EK__OP_AGE          /* the child's age on the current event's date */
} ek__op;

typedef enum ek__quant { EK__Q_SOME = 1, EK__Q_EVERY = 2, EK__Q_NONE = 3 } ek__quant;
typedef enum ek__cmp { EK__CMP_EQUALS = 1, EK__CMP_IN = 2, EK__CMP_PRESENT = 3 } ek__cmp;
typedef enum ek__require { EK__REQ_MET = 1, EK__REQ_DONE = 2, EK__REQ_EXISTS = 3, EK__REQ_FLAG = 4 } ek__require;
typedef enum ek__judge { EK__JUDGE_POLICY = 0, EK__JUDGE_LEGAL = 1, EK__JUDGE_NOMINAL = 2 } ek__judge;

/* A value compared with an attribute. */
typedef struct ek__aval {
    ek_attr_kind kind;   /* EK_ATTR_STRING, EK_ATTR_BOOL or EK_ATTR_DATE */
    char *string;
    int boolean;
    ek_date date;
} ek__aval;

/* Which events: types (by name; known ones also by code), a condition on each, a date range. */
typedef struct ek__espec {
    char **types;
    ek_event_type *codes;
    size_t ntypes;
    size_t where;        /* node, or EK__NONE */
    ek_date date_from;   /* inclusive, or EK_DATE_NONE */
    ek_date date_to;
} ek__espec;

typedef struct ek__node {
    ek__op op;
    char *path;          /* JSON path where it was defined, for messages */
    char *message;       /* optional Swedish explanation given by the author */
    size_t *kids;        /* ALL, ANY, FIRST_KNOWN: operands; NOT: one */
    size_t nkids;
    ek_truth value;      /* VALUE */
    /* EVENT */
    ek__espec spec;
    ek__quant quant;
    /* ATTR */
    char *key;
    ek__cmp cmp;
    ek__aval *vals;
    size_t nvals;
    ek_truth missing;
    /* WITHIN: from → to; BEFORE: anchor = from, looked-for = to */
    ek__espec from, to;
    int has_period;
    ek_period period;
    char *policy;        /* period from this policy parameter */
    ek__judge judge;
    char **same;
    size_t nsame;
    /* RULE */
    ek_rule_id *rules;
    size_t nrules;
    ek__require require;
    unsigned int flag;
    /* ANSWER */
    char *item;
    /* AGE: age >= age_min (when >= 0) and age < age_under (when >= 0); missing birth date -> missing */
    int age_min, age_under;
    /* REF */
    size_t def;          /* index into definitions */
} ek__node;

typedef struct ek__basis {
    char *reference;
    ek_date from, to;
    char *certainty;
    char *note;
} ek__basis;

/* The text of ek_checklist_item_basis_on() for the days from @start until the next interval's
 * start: an item's basis references change only at their from/to days, so the text of every day is
 * prepared once when the checklist is made (issue 15: not once per item and case). */
typedef struct ek__btext {
    ek_date start;       /* first day (EK_DATE_NONE for the first interval: every day before) */
    char *text;          /* what ek_checklist_item_basis_on() gives into 512 bytes; "" when it fails */
    size_t len;
    int plain;           /* valid UTF-8 without control characters, '"' or '\\', and nothing shaped
                          * like a personnummer (ek_text_mask_pnr() finds none): written as it is */
} ek__btext;

typedef struct ek__item {
    char *id, *title, *description, *origin, *seeds;
    ek_item_kind kind;
    ek_item_population population;
    ek__basis *basis;
    size_t nbasis;
    size_t applies, exclude, criterion, exception;   /* nodes or EK__NONE */
    size_t oq_when;                                   /* open question, or EK__NONE */
    ek_result oq_result;
    char *oq_message;
    char *messages[10];                               /* per ek_result, or NULL */
    ek__btext *btext;                                 /* ek__checklist_prepare(); not in the generated data */
    int id_plain;                                     /* ek__checklist_prepare(): the id as ek__btext.plain */
    size_t nbtext;
} ek__item;

typedef struct ek__def {
    char *name;
    size_t node;
} ek__def;

struct ek_checklist {
    char *id, *version, *title;
    ek__item *items;
    size_t nitems, items_cap;
    ek__node *nodes;
    size_t nnodes, nodes_cap;
    ek__def *defs;
    size_t ndefs, defs_cap;
};

/* Building (the loader).  Pointers into nodes/items are invalidated by the next add. */
int ek__checklist_alloc(ek_checklist **out);
int ek__checklist_add_node(ek_checklist *cl, ek__op op, size_t *index);
int ek__checklist_add_item(ek_checklist *cl, size_t *index);
int ek__checklist_add_def(ek_checklist *cl, const char *name, size_t *index);
void ek__checklist_free_item(ek__item *it);

/* Prepare what evaluation reads of a finished checklist (each item's basis texts, ek__btext); called
 * by the loader and ek_checklist_new_builtin() when the checklist is complete, again after a change.
 * EK_OK or EK_ENOMEM. */
int ek__checklist_prepare(ek_checklist *cl);

/* The basis text of item @it on @day (prepared), or NULL when the item has none prepared. */
static inline const ek__btext *ek__item_btext(const ek__item *it, ek_date day)
{
    if (it->nbtext == 0)
        return NULL;
    size_t k = it->nbtext - 1;
    while (k > 0 && day < it->btext[k].start)
        k--;
    return &it->btext[k];
}
void ek__espec_init(ek__espec *s);

/* The built-in checklist as C data, generated at build time from its JSON text by
 * lib/io/gen_checklist_builtin.c (build/lib/checklist_builtin_data.c); ek_checklist_new_builtin()
 * (checklist_builtin.c) copies it.  A field added to the structs above must also be written by the
 * generator and copied there. */
extern const ek_checklist ek__checklist_builtin;

/* As ek_checklist_evaluate_obligations_answers(), for callers that only count (the report, issue 15):
 * every item's result, criterion and the flags EK_ITEM_EXCLUDED, EK_ITEM_EXCEPTION and
 * EK_ITEM_OPEN_QUESTION exactly as the full evaluation gives them, but no explanation is built: no
 * evidence (evidence_count 0, and so never EK_ITEM_ANSWERED), message and basis "", basis_date
 * EK_DATE_NONE.  Same errors; the same thread safety. */
int ek__checklist_evaluate_verdicts(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                    const ek_obligation *obligations, size_t count, const ek_delegation *delegation,
                                    const ek_answers *answers, ek_date as_of, ek_checklist_result *out);

/* The basis text of result @k (what ek_checklist_result_item() gives) and its length; 1 when it is
 * the checklist's prepared text that needs neither escaping nor masking (ek__btext.plain), else 0.
 * @k must be in range. */
int ek__checklist_result_basis(const ek_checklist_result *res, size_t k, const char **text, size_t *len);

/* ek_checklist_evaluate_answers()'s scratch, kept in the result set @res once it evaluates a second
 * case (issue 15): *ev receives an evaluation to evaluate into (EK_OK or EK_ENOMEM); then an array of
 * @n obligations (NULL: out of memory); ek__checklist_result_scratch_done() frees what the result set
 * does not keep. */
int ek__checklist_result_scratch(ek_checklist_result *res, ek_evaluation **ev);
ek_obligation *ek__checklist_result_scratch_obligations(ek_checklist_result *res, size_t n);
void ek__checklist_result_scratch_done(ek_checklist_result *res, ek_evaluation *ev, ek_obligation *obl);

/* The message of result @k (what ek_checklist_result_item() gives) and its length. @k in range. */
const char *ek__checklist_result_message(const ek_checklist_result *res, size_t k, size_t *len);

/* The item index, result and flags of result @k (what ek_checklist_result_item() gives, without building
 * the rest: the counting of ek_checklist_aggregate_add(), issue 15). @k in range. */
void ek__checklist_result_verdict(const ek_checklist_result *res, size_t k, size_t *item, ek_result *result,
                                  unsigned int *flags);

/* Default Swedish messages per result. */
const char *ek__result_text_sv(ek_result r);

/* Bytes of struct ek_item_counts that a caller of @version owns (1 or 2). */
size_t ek__item_counts_size(unsigned int version);

/* Add every count of aggregate @src into @dst (same checklist), group by group (unit and period).  EK_OK;
 * EK_EINVAL; EK_ENOMEM: then @dst may have gained empty groups, but no counts. */
/* As ek_checklist_aggregate_add_result() @times times, for item @item_index (atomic: EK_OK, EK_EINVAL, EK_ENOMEM). */
int ek__checklist_aggregate_add_times(ek_checklist_aggregate *agg, size_t item_index, const char *unit,
                                      const char *period, ek_result result, unsigned int flags, size_t times);
int ek__checklist_aggregate_merge(ek_checklist_aggregate *dst, const ek_checklist_aggregate *src);

#endif
