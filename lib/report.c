/* SPDX-License-Identifier: MIT */
/* The egenkontroll report (report.h): checklist rates, deadline statistics, overdue list, lex Sarah summary. */
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>
#include <egenkontroll/io.h>

#include "checklist_internal.h"
#include "i18n.h"
#include "internal.h"
#include "policy_internal.h"
#include "strmap_internal.h"

#define NO_MONTH INT32_MIN

/* One obligation of a case in the period, kept for the statistics. */
typedef struct rep_obl {
    uint32_t unit;   /* unit index (after finish: sorted index) */
    int32_t month;   /* year * 12 + month - 1 of the judged end, or NO_MONTH; after finish: month index or -1 */
    int32_t delay;   /* late: done - judged; overdue: as_of - judged; else 0 */
    uint16_t rule;
    uint8_t status;
    uint8_t flags;   /* bit 0 exception, bit 1 extended */
} rep_obl;

/* One overdue obligation. */
typedef struct rep_overdue {
    uint32_t case_ix;
    uint32_t unit;
    ek_rule_id rule;
    unsigned int sequence;
    ek_date start, legal, judged;
    long days;
    const char *basis;
} rep_overdue;

/* One case in the period. */
typedef struct rep_case {
    char *id;
    uint32_t unit;
} rep_case;

/* One lex Sarah record in the period: its E1 and E2 results. */
typedef struct rep_sarah {
    uint32_t unit;
    uint8_t e1, e2;
} rep_sarah;

typedef struct rep_rejected {
    ek_report_input input;
    ek_error error;
} rep_rejected;

struct ek_report {
    const ek_context *ctx;
    ek_date as_of, from, to;
    size_t sample;
    uint64_t seed;
    ek_checklist *own_cl;
    const ek_checklist *cl;
    const ek_delegation *delegation;
    ek_answers *answers;   /* borrowed; visited by every case added, checked at finish */
    int started, finished;

    /* scratch */
    ek_evaluation *ev;
    ek_checklist_result *res;
    ek_obligation *obl_buf;
    size_t obl_cap;

    /* units (interned; sorted at finish) */
    char **units;
    size_t nunits, cap_units;
    ek__strmap unit_map;  /* name -> index of units (a unit forgotten on rollback may keep a stale slot) */
    uint32_t *unit_order; /* at finish: sorted index -> interned index */

    /* cases in the period and their case-item results */
    rep_case *cases;
    size_t ncases, cap_cases;
    size_t nci;            /* case items per result set */
    size_t *ci_index;      /* their item indices in the checklist */
    uint8_t *results;      /* ncases * nci * 2: result, flags */
    size_t cap_results;

    rep_obl *obls;
    size_t nobls, cap_obls;
    size_t *rule_start;    /* at finish: EK__RULE_COUNT + 1 offsets into obls (sorted by rule) */
    size_t *unit_start;    /* at finish: nunits + 1 offsets into by_unit */
    size_t *by_unit;       /* at finish: obls indices grouped by unit (by rule within a unit) */

    rep_overdue *overdue;
    size_t noverdue, cap_overdue;

    int32_t *months;       /* at finish: sorted distinct month keys */
    size_t nmonths;

    rep_sarah *sarah;
    size_t nsarah, cap_sarah;
    ek_sarah_summary *summary;

    rep_rejected *rejected;
    size_t nrejected, cap_rejected;

    ek_checklist_aggregate *agg;
    size_t *unit_group;    /* at finish: unit -> aggregate group, or EK_REPORT_ALL */

    size_t cases_read, cases_rejected, cases_checked;
    size_t sarah_read, sarah_rejected;
    ek_date first_case, last_case;
};

/* Grow *arr (of *cap elements of size sz) to hold at least need. */
static int grow(void **arr, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return EK_OK;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / sz)
            return ek__oom();
        n *= 2;
    }
    void *p = ek__realloc(*arr, n * sz);
    if (!p)
        return ek__oom();
    *arr = p;
    *cap = n;
    return EK_OK;
}

int ek_report_new(ek_report **out, const ek_context *ctx, ek_date as_of)
{
    EK__CONTEXT_LANG(ctx);
    if (out)
        *out = NULL;
    if (!out || !ctx || as_of == EK_DATE_NONE)
        return ek__error(EK_EINVAL, "ek_report_new: NULL argument or no as-of date");
    if (!ek_date_in_range(as_of))
        return ek__error(EK_ERANGE, "ek_report_new: as-of date outside the supported range");
    ek_report *r = ek__calloc(1, sizeof *r);
    if (!r)
        return ek__oom();
    r->ctx = ctx;
    r->as_of = as_of;
    r->from = r->to = EK_DATE_NONE;
    r->first_case = r->last_case = EK_DATE_NONE;
    int rc = ek_checklist_new_builtin(&r->own_cl);
    if (rc == EK_OK)
        rc = ek_evaluation_new(&r->ev);
    if (rc == EK_OK)
        rc = ek_checklist_result_new(&r->res);
    if (rc == EK_OK)
        rc = ek_sarah_summary_new(&r->summary);
    if (rc != EK_OK) {
        ek_report_free(r);
        return rc;
    }
    r->cl = r->own_cl;
    *out = r;
    return EK_OK;
}

void ek_report_free(ek_report *r)
{
    if (!r)
        return;
    ek_evaluation_free(r->ev);
    ek_checklist_result_free(r->res);
    ek__free(r->obl_buf);
    for (size_t i = 0; i < r->nunits; i++)
        ek__free(r->units[i]);
    ek__free(r->units);
    ek__strmap_free(&r->unit_map);
    ek__free(r->unit_order);
    for (size_t i = 0; i < r->ncases; i++)
        ek__free(r->cases[i].id);
    ek__free(r->cases);
    ek__free(r->ci_index);
    ek__free(r->results);
    ek__free(r->obls);
    ek__free(r->rule_start);
    ek__free(r->unit_start);
    ek__free(r->by_unit);
    ek__free(r->overdue);
    ek__free(r->months);
    ek__free(r->sarah);
    ek_sarah_summary_free(r->summary);
    ek__free(r->rejected);
    ek_checklist_aggregate_free(r->agg);
    ek__free(r->unit_group);
    ek_checklist_free(r->own_cl);
    ek__free(r);
}

int ek__report_lang(const ek_report *r)
{
    return r ? ek__context_lang(r->ctx) : EK__LANG_KEEP;
}

static int check_setup(ek_report *r, const char *fn)
{
    if (!r)
        return ek__error(EK_EINVAL, "%s: NULL argument", fn);
    if (r->started || r->finished)
        return ek__error(EK_ESTATE, "%s: input has already been added to the report", fn);
    return EK_OK;
}

int ek_report_set_period(ek_report *r, ek_date from, ek_date to)
{
    EK__REPORT_LANG(r);
    int rc = check_setup(r, "ek_report_set_period");
    if (rc)
        return rc;
    if (from != EK_DATE_NONE && to != EK_DATE_NONE && from > to)
        return ek__error(EK_EINVAL, "ek_report_set_period: the period starts after it ends");
    r->from = from;
    r->to = to;
    return EK_OK;
}

int ek_report_set_sample(ek_report *r, size_t n, uint64_t seed)
{
    EK__REPORT_LANG(r);
    int rc = check_setup(r, "ek_report_set_sample");
    if (rc)
        return rc;
    r->sample = n;
    r->seed = seed;
    return EK_OK;
}

int ek_report_set_checklist(ek_report *r, const ek_checklist *cl)
{
    EK__REPORT_LANG(r);
    int rc = check_setup(r, "ek_report_set_checklist");
    if (rc)
        return rc;
    if (!cl)
        return ek__error(EK_EINVAL, "ek_report_set_checklist: NULL checklist");
    r->cl = cl;
    return EK_OK;
}

int ek_report_set_answers(ek_report *r, ek_answers *a)
{
    EK__REPORT_LANG(r);
    int rc = check_setup(r, "ek_report_set_answers");
    if (rc)
        return rc;
    r->answers = a;
    return EK_OK;
}

int ek_report_set_delegation(ek_report *r, const ek_delegation *d)
{
    EK__REPORT_LANG(r);
    int rc = check_setup(r, "ek_report_set_delegation");
    if (rc)
        return rc;
    r->delegation = d;
    return EK_OK;
}

typedef struct unit_probe {
    const ek_report *r;
    const char *name;
} unit_probe;

static int unit_eq(const void *ctx, size_t index)
{
    const unit_probe *p = ctx;
    return index < p->r->nunits && strcmp(p->r->units[index], p->name) == 0;
}

/* The interned index of unit @p name (NULL = ""), adding it when new (a hash map: linear in the units). */
static int unit_index(ek_report *r, const char *name, uint32_t *out)
{
    if (!name)
        name = "";
    uint64_t h = ek__hash_str(EK__HASH_SEED, name);
    unit_probe probe = { r, name };
    size_t found;
    if (ek__strmap_find(&r->unit_map, h, unit_eq, &probe, &found)) {
        *out = (uint32_t)found;
        return EK_OK;
    }
    if (r->nunits >= UINT32_MAX)
        return ek__error(EK_ELIMIT, "ek_report: too many units");
    int rc = grow((void **)&r->units, &r->cap_units, r->nunits + 1, sizeof *r->units);
    if (rc)
        return rc;
    char *copy = ek__strdup(name);
    if (!copy)
        return ek__oom();
    if ((rc = ek__strmap_add(&r->unit_map, h, r->nunits)) != EK_OK) {
        ek__free(copy);
        return rc;
    }
    r->units[r->nunits] = copy;
    *out = (uint32_t)r->nunits++;
    return EK_OK;
}

static int in_period(const ek_report *r, ek_date d)
{
    if (r->from == EK_DATE_NONE && r->to == EK_DATE_NONE)
        return 1;
    if (d == EK_DATE_NONE)
        return 0;
    return (r->from == EK_DATE_NONE || d >= r->from) && (r->to == EK_DATE_NONE || d <= r->to);
}

static int32_t month_key(ek_date d)
{
    int y, m, day;
    if (d == EK_DATE_NONE || ek_date_to_ymd(d, &y, &m, &day) != EK_OK)
        return NO_MONTH;
    return (int32_t)(y * 12 + m - 1);
}

/* The date of the case's first event on or before as-of, or EK_DATE_NONE. */
static ek_date case_date(const ek_case *c, ek_date as_of)
{
    size_t idx;
    ek_event_info ei = EK_EVENT_INFO_INIT;
    if (ek_case_event_count(c) == 0 || ek_case_event_in_date_order(c, 0, &idx) != EK_OK ||
        ek_case_event(c, idx, &ei) != EK_OK || ei.date == EK_DATE_NONE || ei.date > as_of)
        return EK_DATE_NONE;
    return ei.date;
}

int ek_report_add_case(ek_report *r, const ek_case *c, int *included)
{
    EK__REPORT_LANG(r);
    if (included)
        *included = 0;
    if (!r || !c)
        return ek__error(EK_EINVAL, "ek_report_add_case: NULL argument");
    if (r->finished)
        return ek__error(EK_ESTATE, "ek_report_add_case: the report is finished");
    r->started = 1;
    int rc;
    if (r->answers && (rc = ek_answers_visit(r->answers, c, NULL)) != EK_OK)
        return rc;
    ek_date cd = case_date(c, r->as_of);
    if (!in_period(r, cd)) {
        r->cases_read++;
        return EK_OK;
    }
    rc = ek_evaluate_case(r->ctx, ek_rulebook_builtin(), c, r->as_of, r->ev);
    if (rc)
        return rc;
    size_t n = ek_evaluation_count(r->ev);
    if ((rc = grow((void **)&r->obl_buf, &r->obl_cap, n ? n : 1, sizeof *r->obl_buf)) != EK_OK)
        return rc;
    for (size_t k = 0; k < n; k++)
        r->obl_buf[k] = *ek_evaluation_at(r->ev, k);
    rc = ek_checklist_evaluate_obligations_answers(r->ctx, r->cl, c, r->obl_buf, n, r->delegation, r->answers,
                                                   r->as_of, r->res);
    if (rc)
        return rc;
    size_t nres = ek_checklist_result_count(r->res);
    if (r->ci_index == NULL) {
        r->ci_index = ek__calloc(nres ? nres : 1, sizeof *r->ci_index);
        if (!r->ci_index)
            return ek__oom();
        for (size_t k = 0; k < nres; k++) {
            ek_item_result ir = EK_ITEM_RESULT_INIT;
            if ((rc = ek_checklist_result_item(r->res, k, &ir)) != EK_OK) {
                ek__free(r->ci_index);
                r->ci_index = NULL;
                return rc;
            }
            r->ci_index[k] = ir.item_index;
        }
        r->nci = nres;
    } else if (nres != r->nci) {
        return ek__error(EK_EINVAL, "ek_report_add_case: %zu item results for case \"%s\", expected %zu", nres,
                         ek_case_id(c), r->nci);
    }

    /* Reserve everything first so that a failure leaves the report unchanged. */
    size_t nover = ek_evaluation_count_status(r->ev, EK_OBL_OVERDUE);
    size_t units_before = r->nunits;
    uint32_t unit;
    char *id = NULL;
    if ((rc = unit_index(r, ek_case_unit(c), &unit)) != EK_OK ||
        (rc = grow((void **)&r->cases, &r->cap_cases, r->ncases + 1, sizeof *r->cases)) != EK_OK ||
        (rc = grow((void **)&r->results, &r->cap_results, (r->ncases + 1) * r->nci * 2 + 1, 1)) != EK_OK ||
        (rc = grow((void **)&r->obls, &r->cap_obls, r->nobls + n + 1, sizeof *r->obls)) != EK_OK ||
        (rc = grow((void **)&r->overdue, &r->cap_overdue, r->noverdue + nover + 1, sizeof *r->overdue)) != EK_OK ||
        (rc = r->ncases >= UINT32_MAX ? ek__error(EK_ELIMIT, "ek_report_add_case: too many cases") : EK_OK) != EK_OK ||
        (rc = (id = ek__strdup(ek_case_id(c))) == NULL ? ek__oom() : EK_OK) != EK_OK) {
        if (r->nunits > units_before) /* a unit interned for this case only: forget it */
            ek__free(r->units[--r->nunits]);
        return rc;
    }

    uint32_t ci = (uint32_t)r->ncases;
    r->cases[ci].id = id;
    r->cases[ci].unit = unit;
    uint8_t *slot = r->results + (size_t)ci * r->nci * 2;
    for (size_t k = 0; k < r->nci; k++) {
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        if (ek_checklist_result_item(r->res, k, &ir) != EK_OK)
            ir.result = EK_RESULT_ERROR;
        slot[2 * k] = (uint8_t)ir.result;
        slot[2 * k + 1] = (uint8_t)ir.flags;
    }
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = &r->obl_buf[k];
        rep_obl *ro = &r->obls[r->nobls++];
        ek_date end = o->judged != EK_DATE_NONE ? o->judged : o->legal;
        ro->unit = unit;
        ro->rule = (uint16_t)o->rule;
        ro->status = (uint8_t)o->status;
        ro->flags = (uint8_t)(((o->flags & EK_OBL_EXCEPTION) ? 1u : 0u) | ((o->flags & EK_OBL_EXTENDED) ? 2u : 0u));
        ro->month = month_key(end);
        ro->delay = 0;
        if (o->status == EK_OBL_LATE && o->done != EK_DATE_NONE && o->judged != EK_DATE_NONE)
            ro->delay = (int32_t)(o->done - o->judged);
        if (o->status == EK_OBL_OVERDUE && o->judged != EK_DATE_NONE) {
            ro->delay = (int32_t)(r->as_of - o->judged);
            rep_overdue *ov = &r->overdue[r->noverdue++];
            ov->case_ix = ci;
            ov->unit = unit;
            ov->rule = o->rule;
            ov->sequence = o->sequence;
            ov->start = o->start;
            ov->legal = o->legal;
            ov->judged = o->judged;
            ov->days = (long)(r->as_of - o->judged);
            ov->basis = o->basis;
        }
    }
    r->ncases++;
    r->cases_read++;
    if (r->first_case == EK_DATE_NONE || cd < r->first_case)
        r->first_case = cd;
    if (r->last_case == EK_DATE_NONE || cd > r->last_case)
        r->last_case = cd;
    if (included)
        *included = 1;
    return EK_OK;
}

int ek_report_add_sarah(ek_report *r, const ek_sarah_record *rec, int *included)
{
    EK__REPORT_LANG(r);
    if (included)
        *included = 0;
    if (!r || !rec)
        return ek__error(EK_EINVAL, "ek_report_add_sarah: NULL argument");
    if (r->finished)
        return ek__error(EK_ESTATE, "ek_report_add_sarah: the report is finished");
    r->started = 1;
    if (!in_period(r, ek_sarah_record_date(rec, EK_SARAH_RAPPORT))) {
        r->sarah_read++;
        return EK_OK;
    }
    ek_sarah_result *res = NULL;
    uint32_t unit;
    int rc = ek_sarah_result_new(&res);
    if (rc == EK_OK)
        rc = ek_sarah_evaluate(r->ctx, rec, r->as_of, res);
    if (rc == EK_OK)
        rc = unit_index(r, ek_sarah_record_text(rec, EK_SARAH_UNIT), &unit);
    if (rc == EK_OK)
        rc = grow((void **)&r->sarah, &r->cap_sarah, r->nsarah + 1, sizeof *r->sarah);
    if (rc == EK_OK)
        rc = ek_sarah_summary_add(r->summary, rec, res);
    if (rc == EK_OK) {
        rep_sarah *s = &r->sarah[r->nsarah++];
        s->unit = unit;
        s->e1 = (uint8_t)ek_sarah_result_verdict(res, EK_SARAH_ITEM_E1);
        s->e2 = (uint8_t)ek_sarah_result_verdict(res, EK_SARAH_ITEM_E2);
        r->sarah_read++;
        if (included)
            *included = 1;
    }
    ek_sarah_result_free(res);
    return rc;
}

int ek_report_add_rejected(ek_report *r, ek_report_input input, const ek_error *e)
{
    EK__REPORT_LANG(r);
    if (!r || (input != EK_REPORT_INPUT_CASE && input != EK_REPORT_INPUT_SARAH))
        return ek__error(EK_EINVAL, "ek_report_add_rejected: NULL report or unknown input kind");
    if (r->finished)
        return ek__error(EK_ESTATE, "ek_report_add_rejected: the report is finished");
    r->started = 1;
    if (input == EK_REPORT_INPUT_CASE)
        r->cases_rejected++;
    else {
        r->sarah_rejected++;
        ek_sarah_summary_add_rejected(r->summary);
    }
    if (e && r->nrejected < EK_REPORT_MAX_REJECTED) {
        ek_error saved = *e; /* ek__oom() below would overwrite the thread's last error */
        if (grow((void **)&r->rejected, &r->cap_rejected, r->nrejected + 1, sizeof *r->rejected) == EK_OK) {
            r->rejected[r->nrejected].input = input;
            r->rejected[r->nrejected].error = saved;
            r->nrejected++;
        } else {
            *ek__error_slot() = saved;
        }
    }
    return EK_OK;
}

int ek_report_read_cases(ek_report *r, const char *path, size_t *rejected)
{
    EK__REPORT_LANG(r);
    if (rejected)
        *rejected = 0;
    if (!r || !path)
        return ek__error(EK_EINVAL, "ek_report_read_cases: NULL argument");
    if (r->finished)
        return ek__error(EK_ESTATE, "ek_report_read_cases: the report is finished");
    ek_case_reader *rd = NULL;
    ek_case *c = NULL;
    int rc = ek_case_reader_open(&rd, path);
    if (rc != EK_OK) {
        if (rc != EK_ENOMEM) {
            ek_error e = *ek_error_last();
            ek_report_add_rejected(r, EK_REPORT_INPUT_CASE, &e);
            if (rejected)
                *rejected = 1;
            *ek__error_slot() = e;
        }
        return rc;
    }
    if ((rc = ek_case_new(&c, "-")) != EK_OK) {
        ek_case_reader_free(rd);
        return rc;
    }
    for (;;) {
        int n = ek_case_reader_next(rd, c);
        if (n == 0)
            break;
        if (n > 0) {
            n = ek_report_add_case(r, c, NULL);
            if (n == EK_OK)
                continue;
        }
        if (n == EK_ENOMEM) {
            rc = n;
            break;
        }
        ek_error e = *ek_error_last();
        ek_report_add_rejected(r, EK_REPORT_INPUT_CASE, &e);
        if (rejected)
            (*rejected)++;
        if (n == EK_EIO) {
            *ek__error_slot() = e;
            rc = n;
            break;
        }
    }
    ek_case_free(c);
    ek_case_reader_free(rd);
    return rc;
}

int ek_report_read_sarah(ek_report *r, const char *path, size_t *rejected)
{
    EK__REPORT_LANG(r);
    if (rejected)
        *rejected = 0;
    if (!r || !path)
        return ek__error(EK_EINVAL, "ek_report_read_sarah: NULL argument");
    if (r->finished)
        return ek__error(EK_ESTATE, "ek_report_read_sarah: the report is finished");
    ek_sarah_reader *rd = NULL;
    int rc = ek_sarah_reader_open(&rd, path);
    if (rc != EK_OK) {
        if (rc != EK_ENOMEM) {
            ek_error e = *ek_error_last();
            ek_report_add_rejected(r, EK_REPORT_INPUT_SARAH, &e);
            if (rejected)
                *rejected = 1;
            *ek__error_slot() = e;
        }
        return rc;
    }
    for (;;) {
        ek_sarah_record *rec = NULL;
        int n = ek_sarah_reader_next(rd, &rec);
        if (n == 0)
            break;
        if (n > 0) {
            n = ek_report_add_sarah(r, rec, NULL);
            ek_sarah_record_free(rec);
            if (n == EK_OK)
                continue;
        }
        if (n == EK_ENOMEM) {
            rc = n;
            break;
        }
        ek_error e = *ek_error_last();
        ek_report_add_rejected(r, EK_REPORT_INPUT_SARAH, &e);
        if (rejected)
            (*rejected)++;
        if (n == EK_EIO) {
            *ek__error_slot() = e;
            rc = n;
            break;
        }
    }
    ek_sarah_reader_free(rd);
    return rc;
}

/* ---- finishing ------------------------------------------------------------ */

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_obl_rule(const void *a, const void *b)
{
    const rep_obl *x = a, *y = b;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

typedef struct unit_sort {
    const char *name;
    uint32_t index;
} unit_sort;

static int cmp_unit(const void *a, const void *b)
{
    return strcmp(((const unit_sort *)a)->name, ((const unit_sort *)b)->name);
}

typedef struct overdue_sort {
    rep_overdue ov;
    const char *id;
} overdue_sort;

static int cmp_overdue(const void *a, const void *b)
{
    const overdue_sort *x = a, *y = b;
    if (x->ov.days != y->ov.days)
        return x->ov.days > y->ov.days ? -1 : 1;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    if (x->ov.rule != y->ov.rule)
        return x->ov.rule < y->ov.rule ? -1 : 1;
    return x->ov.sequence < y->ov.sequence ? -1 : x->ov.sequence > y->ov.sequence;
}

int ek_report_finish(ek_report *r)
{
    EK__REPORT_LANG(r);
    if (!r)
        return ek__error(EK_EINVAL, "ek_report_finish: NULL argument");
    if (r->finished)
        return EK_OK;
    int rc = EK_OK;
    unit_sort *us = NULL;
    uint32_t *remap = NULL, *order = NULL;
    int32_t *months = NULL;
    size_t *rule_start = NULL, *unit_group = NULL, *unit_start = NULL, *by_unit = NULL;
    overdue_sort *os = NULL;
    const char **ids = NULL, **groups = NULL;
    unsigned char *selected = NULL;
    ek_checklist_aggregate *agg = NULL;
    size_t nm = 0, checked = 0;

    size_t nu = r->nunits;
    us = ek__calloc(nu ? nu : 1, sizeof *us);
    remap = ek__calloc(nu ? nu : 1, sizeof *remap);
    order = ek__calloc(nu ? nu : 1, sizeof *order);
    months = ek__calloc(r->nobls ? r->nobls : 1, sizeof *months);
    rule_start = ek__calloc((size_t)EK__RULE_COUNT + 1, sizeof *rule_start);
    unit_start = ek__calloc(nu + 1, sizeof *unit_start);
    by_unit = ek__calloc(r->nobls ? r->nobls : 1, sizeof *by_unit);
    unit_group = ek__calloc(nu ? nu : 1, sizeof *unit_group);
    os = ek__calloc(r->noverdue ? r->noverdue : 1, sizeof *os);
    ids = ek__calloc(r->ncases ? r->ncases : 1, sizeof *ids);
    groups = ek__calloc(r->ncases ? r->ncases : 1, sizeof *groups);
    selected = ek__calloc(r->ncases ? r->ncases : 1, 1);
    if (!us || !remap || !order || !months || !rule_start || !unit_group || !os || !ids || !groups || !selected ||
        !unit_start || !by_unit) {
        rc = ek__oom();
        goto fail;
    }

    /* Answers whose case id no case had, or whose item the checklist lacks, are noted (answers.h). */
    if (r->answers && (rc = ek_answers_check(r->answers, r->cl, NULL)) != EK_OK)
        goto fail;

    /* The checklist counts: the sample (or every case in the period), then E1/E2. */
    if ((rc = ek_checklist_aggregate_new(&agg, r->cl)) != EK_OK ||
        (rc = ek_checklist_aggregate_set_min_judged(
             agg, (size_t)ek__policy_count(ek_context_policy_const(r->ctx), EK_P_MINSTA_UNDERLAG))) != EK_OK)
        goto fail;
    for (size_t i = 0; i < r->ncases; i++) {
        ids[i] = r->cases[i].id;
        groups[i] = r->units[r->cases[i].unit];
        selected[i] = 1;
    }
    if (r->sample > 0 && r->ncases > 0 &&
        (rc = ek_sample_select(ids, groups, r->ncases, r->sample, r->seed, selected)) != EK_OK)
        goto fail;
    for (size_t i = 0; i < r->ncases; i++) {
        if (!selected[i])
            continue;
        checked++;
        const uint8_t *slot = r->results + i * r->nci * 2;
        for (size_t k = 0; k < r->nci; k++) {
            ek_item_info info = EK_ITEM_INFO_INIT;
            if ((rc = ek_checklist_item(r->cl, r->ci_index[k], &info)) != EK_OK ||
                (rc = ek_checklist_aggregate_add_result(agg, info.id, groups[i], "", (ek_result)slot[2 * k],
                                                        slot[2 * k + 1])) != EK_OK)
                goto fail;
        }
    }
    for (size_t i = 0; i < r->nsarah; i++) {
        const char *unit = r->units[r->sarah[i].unit];
        size_t dummy;
        if (ek_checklist_find(r->cl, "E1", &dummy) == EK_OK &&
            (rc = ek_checklist_aggregate_add_result(agg, "E1", unit, "", (ek_result)r->sarah[i].e1, 0)) != EK_OK)
            goto fail;
        if (ek_checklist_find(r->cl, "E2", &dummy) == EK_OK &&
            (rc = ek_checklist_aggregate_add_result(agg, "E2", unit, "", (ek_result)r->sarah[i].e2, 0)) != EK_OK)
            goto fail;
    }

    /* F1 (the run itself): this report records when, the sample, the versions and the results, not who
     * ran the egenkontroll nor the actions decided: not checked, as `egenkontroll check` without --record. */
    {
        size_t f1;
        if (ek_checklist_find(r->cl, "F1", &f1) == EK_OK &&
            (rc = ek_checklist_aggregate_add_result(agg, "F1", NULL, NULL, EK_RESULT_NOTCHECKED, 0)) != EK_OK)
            goto fail;
    }

    /* Units in byte order. */
    for (size_t i = 0; i < nu; i++) {
        us[i].name = r->units[i];
        us[i].index = (uint32_t)i;
    }
    qsort(us, nu, sizeof *us, cmp_unit);
    for (size_t i = 0; i < nu; i++) {
        order[i] = us[i].index;
        remap[us[i].index] = (uint32_t)i;
        unit_group[i] = EK_REPORT_ALL;
    }
    /* Each aggregate group's unit (the report's groups are per unit alone): one pass over the groups, each
     * unit found through the map, instead of every unit against every group. */
    for (size_t g = 0; g < ek_checklist_aggregate_group_count(agg); g++) {
        const char *gu = NULL;
        size_t ui;
        unit_probe probe = { r, NULL };
        if (ek_checklist_aggregate_group(agg, g, &gu, NULL) != EK_OK || !gu)
            continue;
        probe.name = gu;
        if (ek__strmap_find(&r->unit_map, ek__hash_str(EK__HASH_SEED, gu), unit_eq, &probe, &ui))
            unit_group[remap[ui]] = g;
    }

    /* Months. */
    for (size_t i = 0; i < r->nobls; i++)
        if (r->obls[i].month != NO_MONTH)
            months[nm++] = r->obls[i].month;
    qsort(months, nm, sizeof *months, cmp_i32);
    {
        size_t w = 0;
        for (size_t i = 0; i < nm; i++)
            if (w == 0 || months[w - 1] != months[i])
                months[w++] = months[i];
        nm = w;
    }

    /* Overdue list order (needs the ids). */
    for (size_t i = 0; i < r->noverdue; i++) {
        os[i].ov = r->overdue[i];
        os[i].id = r->cases[r->overdue[i].case_ix].id;
    }
    qsort(os, r->noverdue, sizeof *os, cmp_overdue);

    /* Nothing can fail from here on: commit. */
    for (size_t i = 0; i < r->noverdue; i++) {
        r->overdue[i] = os[i].ov;
        r->overdue[i].unit = remap[r->overdue[i].unit];
    }
    for (size_t i = 0; i < r->nobls; i++) {
        rep_obl *o = &r->obls[i];
        o->unit = remap[o->unit];
        if (o->month == NO_MONTH) {
            o->month = -1;
        } else {
            size_t lo = 0, hi = nm;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (months[mid] < o->month)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            o->month = (int32_t)lo;
        }
    }
    if (r->nobls > 1) /* obls is NULL when there are none: qsort(NULL, 0, …) is undefined */
        qsort(r->obls, r->nobls, sizeof *r->obls, cmp_obl_rule);
    {
        size_t k = 0;
        for (size_t rule = 0; rule <= (size_t)EK__RULE_COUNT; rule++) {
            while (k < r->nobls && r->obls[k].rule < rule)
                k++;
            rule_start[rule] = k;
        }
    }
    /* The obligations of each unit (a counting sort, stable: by rule within a unit), so that a query for one
     * unit reads that unit's obligations only; scanning them all per unit made reports quadratic (issue 18). */
    for (size_t i = 0; i < r->nobls; i++)
        unit_start[r->obls[i].unit + 1]++;
    for (size_t u = 0; u < nu; u++)
        unit_start[u + 1] += unit_start[u];
    for (size_t i = 0; i < r->nobls; i++)
        by_unit[unit_start[r->obls[i].unit]++] = i;
    for (size_t u = nu; u > 0; u--) /* the fill moved each start to the next unit's: shift back */
        unit_start[u] = unit_start[u - 1];
    unit_start[0] = 0;
    for (size_t i = 0; i < r->ncases; i++)
        r->cases[i].unit = remap[r->cases[i].unit];
    for (size_t i = 0; i < r->nsarah; i++)
        r->sarah[i].unit = remap[r->sarah[i].unit];
    r->unit_order = order;
    r->months = months;
    r->nmonths = nm;
    r->rule_start = rule_start;
    r->unit_start = unit_start;
    r->by_unit = by_unit;
    r->unit_group = unit_group;
    r->agg = agg;
    r->cases_checked = checked;
    r->finished = 1;
    ek__free(us);
    ek__free(remap);
    ek__free(os);
    ek__free(ids);
    ek__free(groups);
    ek__free(selected);
    return EK_OK;

fail:
    ek_checklist_aggregate_free(agg);
    ek__free(us);
    ek__free(remap);
    ek__free(order);
    ek__free(months);
    ek__free(rule_start);
    ek__free(unit_start);
    ek__free(by_unit);
    ek__free(unit_group);
    ek__free(os);
    ek__free(ids);
    ek__free(groups);
    ek__free(selected);
    return rc;
}

/* ---- queries ----------------------------------------------------------------- */

int ek_report_totals_get(const ek_report *r, ek_report_totals *out)
{
    EK__REPORT_LANG(r);
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_report_totals_get: NULL argument");
    if (out->version != EK_REPORT_TOTALS_VERSION)
        return ek__error(EK_EVERSION, "ek_report_totals_get: unknown struct version %u", out->version);
    out->as_of = r->as_of;
    out->from = r->from;
    out->to = r->to;
    out->sample = r->sample;
    out->seed = r->seed;
    out->cases_read = r->cases_read;
    out->cases_in_period = r->ncases;
    out->cases_checked = r->cases_checked;
    out->cases_rejected = r->cases_rejected;
    out->sarah_read = r->sarah_read;
    out->sarah_in_period = r->nsarah;
    out->sarah_rejected = r->sarah_rejected;
    out->obligations = r->nobls;
    out->overdue = r->noverdue;
    out->first_case = r->first_case;
    out->last_case = r->last_case;
    return EK_OK;
}

const ek_checklist *ek_report_checklist(const ek_report *r)
{
    return r ? r->cl : NULL;
}

size_t ek_report_unit_count(const ek_report *r)
{
    return r && r->finished ? r->nunits : 0;
}

const char *ek_report_unit(const ek_report *r, size_t k)
{
    if (!r || !r->finished || k >= r->nunits)
        return NULL;
    return r->units[r->unit_order[k]];
}

size_t ek_report_month_count(const ek_report *r)
{
    return r && r->finished ? r->nmonths : 0;
}

ek_date ek_report_month(const ek_report *r, size_t k)
{
    ek_date d = EK_DATE_NONE;
    if (!r || !r->finished || k >= r->nmonths)
        return EK_DATE_NONE;
    int32_t key = r->months[k];
    if (ek_date_from_ymd((int)(key / 12), (int)(key % 12) + 1, 1, &d) != EK_OK)
        return EK_DATE_NONE;
    return d;
}

/* The report's first and last day for the legal basis. */
static void span(const ek_report *r, ek_date *first, ek_date *last)
{
    *first = r->from != EK_DATE_NONE ? r->from : r->first_case != EK_DATE_NONE ? r->first_case : r->as_of;
    *last = r->to != EK_DATE_NONE && r->to < r->as_of ? r->to : r->as_of;
    if (*first > *last)
        *first = *last;
}

/* Does the "; "-separated list @p list hold the part [p, p + n)? */
static int has_part(const char *list, const char *p, size_t n)
{
    const char *q = list;
    while (*q) {
        const char *e = strstr(q, "; ");
        size_t m = e ? (size_t)(e - q) : strlen(q);
        if (m == n && strncmp(q, p, n) == 0)
            return 1;
        if (!e)
            break;
        q = e + 2;
    }
    return 0;
}

/* @p a, then every "; "-separated part of @p b that @p a does not hold. */
static int join_basis(const char *a, const char *b, char *buf, size_t size)
{
    size_t len = strlen(a);
    if (len + 1 > size)
        return ek__error(EK_ELIMIT, "ek_report: basis buffer of %zu bytes too small", size);
    memcpy(buf, a, len + 1);
    const char *q = b ? b : "";
    while (*q) {
        const char *e = strstr(q, "; ");
        size_t m = e ? (size_t)(e - q) : strlen(q);
        if (m > 0 && !has_part(a, q, m)) {
            if (len + 2 + m + 1 > size)
                return ek__error(EK_ELIMIT, "ek_report: basis buffer of %zu bytes too small", size);
            if (len > 0) {
                memcpy(buf + len, "; ", 2);
                len += 2;
            }
            memcpy(buf + len, q, m);
            len += m;
            buf[len] = '\0';
        }
        if (!e)
            break;
        q = e + 2;
    }
    return EK_OK;
}

int ek_report_item_basis(const ek_report *r, size_t item, char *buf, size_t size)
{
    EK__REPORT_LANG(r);
    if (!r || !buf || size == 0)
        return ek__error(EK_EINVAL, "ek_report_item_basis: NULL argument");
    ek_date first, last;
    span(r, &first, &last);
    char a[512], b[512];
    int rc = ek_checklist_item_basis_on(r->cl, item, first, a, sizeof a);
    if (rc == EK_OK)
        rc = ek_checklist_item_basis_on(r->cl, item, last, b, sizeof b);
    if (rc)
        return rc;
    return join_basis(a, b, buf, size);
}

int ek_report_rule_basis(const ek_report *r, size_t rule, char *buf, size_t size)
{
    EK__REPORT_LANG(r);
    if (!r || !buf || size == 0)
        return ek__error(EK_EINVAL, "ek_report_rule_basis: NULL argument");
    const ek_rulebook *rb = ek_rulebook_builtin();
    if (rule >= ek_rulebook_rule_count(rb))
        return ek__error(EK_ERANGE, "ek_report_rule_basis: rule %zu out of range", rule);
    ek_date first, last;
    span(r, &first, &last);
    ek_rule_version_info va = EK_RULE_VERSION_INFO_INIT, vb = EK_RULE_VERSION_INFO_INIT;
    int ha = ek_rulebook_version_on(rb, rule, first, &va) == EK_OK;
    int hb = ek_rulebook_version_on(rb, rule, last, &vb) == EK_OK;
    if (!ha && !hb) {
        /* Not in force in the span: give the latest version. */
        ek_rule_info info = EK_RULE_INFO_INIT;
        int rc = ek_rulebook_rule(rb, rule, &info);
        if (rc == EK_OK && info.version_count > 0)
            rc = ek_rulebook_rule_version(rb, rule, info.version_count - 1, &vb);
        if (rc)
            return rc;
        hb = 1;
    }
    return join_basis(ha ? va.basis : vb.basis, ha && hb ? vb.basis : NULL, buf, size);
}

int ek_report_item_counts(const ek_report *r, size_t item, size_t unit, ek_item_counts *out)
{
    EK__REPORT_LANG(r);
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_report_item_counts: NULL argument");
    if (out->version != 1 && out->version != EK_ITEM_COUNTS_VERSION)
        return ek__error(EK_EVERSION, "ek_report_item_counts: unknown struct version %u", out->version);
    if (!r->finished)
        return ek__error(EK_ESTATE, "ek_report_item_counts: the report is not finished");
    if (item >= ek_checklist_item_count(r->cl) || (unit != EK_REPORT_ALL && unit >= r->nunits))
        return ek__error(EK_ERANGE, "ek_report_item_counts: index out of range");
    if (unit != EK_REPORT_ALL && r->unit_group[unit] == EK_REPORT_ALL) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        int rc = ek_checklist_item(r->cl, item, &info);
        if (rc)
            return rc;
        unsigned int version = out->version;
        memset(out, 0, ek__item_counts_size(version));
        out->version = version;
        out->item = info.id;
        if (version >= 2)
            out->uncertain = 1; /* nothing judged */
        return EK_OK;
    }
    if (ek_checklist_aggregate_group_count(r->agg) == 0) {
        /* Nothing added: the aggregate still names the item. */
        ek_item_info info = EK_ITEM_INFO_INIT;
        int rc = ek_checklist_item(r->cl, item, &info);
        if (rc)
            return rc;
        unsigned int version = out->version;
        memset(out, 0, ek__item_counts_size(version));
        out->version = version;
        out->item = info.id;
        if (version >= 2)
            out->uncertain = 1; /* nothing judged */
        return EK_OK;
    }
    return ek_checklist_aggregate_counts(r->agg, item, unit == EK_REPORT_ALL ? EK_ALL_GROUPS : r->unit_group[unit],
                                         out);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

static double median(long *v, size_t n)
{
    if (n == 0)
        return 0.0;
    qsort(v, n, sizeof *v, cmp_long);
    if (n % 2)
        return (double)v[n / 2];
    return ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

int ek_report_deadline_counts(const ek_report *r, size_t rule, size_t unit, size_t month, ek_deadline_counts *out)
{
    EK__REPORT_LANG(r);
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_report_deadline_counts: NULL argument");
    if (out->version != EK_DEADLINE_COUNTS_VERSION)
        return ek__error(EK_EVERSION, "ek_report_deadline_counts: unknown struct version %u", out->version);
    if (!r->finished)
        return ek__error(EK_ESTATE, "ek_report_deadline_counts: the report is not finished");
    if ((rule != EK_REPORT_ALL && rule >= (size_t)EK__RULE_COUNT) || (unit != EK_REPORT_ALL && unit >= r->nunits) ||
        (month != EK_REPORT_ALL && month >= r->nmonths))
        return ek__error(EK_ERANGE, "ek_report_deadline_counts: index out of range");
    /* One unit: that unit's obligations (by_unit); otherwise the rule's range of obls. */
    int per_unit = unit != EK_REPORT_ALL;
    size_t lo = per_unit ? r->unit_start[unit] : rule == EK_REPORT_ALL ? 0 : r->rule_start[rule];
    size_t hi = per_unit ? r->unit_start[unit + 1] : rule == EK_REPORT_ALL ? r->nobls : r->rule_start[rule + 1];
#define OBL_AT(i) (&r->obls[per_unit ? r->by_unit[(i)] : (i)])
    size_t nlate = 0, nover = 0;
    for (size_t i = lo; i < hi; i++) {
        const rep_obl *o = OBL_AT(i);
        if ((rule != EK_REPORT_ALL && o->rule != rule) || (unit != EK_REPORT_ALL && o->unit != unit) ||
            (month != EK_REPORT_ALL && o->month != (int32_t)month))
            continue;
        nlate += o->status == EK_OBL_LATE;
        nover += o->status == EK_OBL_OVERDUE;
    }
    long *late = ek__calloc(nlate ? nlate : 1, sizeof *late);
    long *over = ek__calloc(nover ? nover : 1, sizeof *over);
    if (!late || !over) {
        ek__free(late);
        ek__free(over);
        return ek__oom();
    }
    ek_deadline_counts c = EK_DEADLINE_COUNTS_INIT;
    size_t il = 0, io = 0;
    for (size_t i = lo; i < hi; i++) {
        const rep_obl *o = OBL_AT(i);
        if ((rule != EK_REPORT_ALL && o->rule != rule) || (unit != EK_REPORT_ALL && o->unit != unit) ||
            (month != EK_REPORT_ALL && o->month != (int32_t)month))
            continue;
        c.obligations++;
        switch ((ek_obligation_status)o->status) {
        case EK_OBL_MET:
            c.met++;
            c.exceptions += (o->flags & 1u) != 0;
            break;
        case EK_OBL_LATE:
            c.late++;
            late[il++] = o->delay;
            break;
        case EK_OBL_PENDING:
            c.pending++;
            break;
        case EK_OBL_OVERDUE:
            c.overdue++;
            over[io++] = o->delay;
            break;
        case EK_OBL_NOTAPPLICABLE:
            c.notapplicable++;
            break;
        default:
            c.error++;
            break;
        }
        c.extended += (o->flags & 2u) != 0;
    }
    c.due = c.met + c.late + c.overdue;
    c.open = c.pending + c.overdue;
    c.has_rate = c.due > 0;
    c.on_time_rate = c.due ? (double)c.met / (double)c.due : 0.0;
    c.late_median_days = median(late, il);
    c.late_max_days = il ? late[il - 1] : 0;
    c.overdue_median_days = median(over, io);
    c.overdue_max_days = io ? over[io - 1] : 0;
    ek__free(late);
    ek__free(over);
    *out = c;
    return EK_OK;
}
#undef OBL_AT

size_t ek_report_overdue_count(const ek_report *r)
{
    return r && r->finished ? r->noverdue : 0;
}

int ek_report_overdue_at(const ek_report *r, size_t k, ek_report_overdue *out)
{
    EK__REPORT_LANG(r);
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_report_overdue_at: NULL argument");
    if (out->version != EK_REPORT_OVERDUE_VERSION)
        return ek__error(EK_EVERSION, "ek_report_overdue_at: unknown struct version %u", out->version);
    if (!r->finished)
        return ek__error(EK_ESTATE, "ek_report_overdue_at: the report is not finished");
    if (k >= r->noverdue)
        return ek__error(EK_ERANGE, "ek_report_overdue_at: index %zu out of range", k);
    const rep_overdue *o = &r->overdue[k];
    out->case_id = r->cases[o->case_ix].id;
    out->unit = r->units[r->unit_order[o->unit]];
    out->rule = o->rule;
    out->rule_name = ek_rule_name(o->rule);
    out->sequence = o->sequence;
    out->start = o->start;
    out->legal = o->legal;
    out->judged = o->judged;
    out->days_overdue = o->days;
    out->basis = o->basis;
    return EK_OK;
}

const ek_sarah_summary *ek_report_sarah_summary(const ek_report *r)
{
    return r ? r->summary : NULL;
}

size_t ek_report_rejected_count(const ek_report *r)
{
    return r ? r->nrejected : 0;
}

int ek_report_rejected(const ek_report *r, size_t k, ek_report_input *input, const ek_error **error)
{
    EK__REPORT_LANG(r);
    if (!r)
        return ek__error(EK_EINVAL, "ek_report_rejected: NULL argument");
    if (k >= r->nrejected)
        return ek__error(EK_ERANGE, "ek_report_rejected: index %zu out of range", k);
    if (input)
        *input = r->rejected[k].input;
    if (error)
        *error = &r->rejected[k].error;
    return EK_OK;
}
