/* SPDX-License-Identifier: MIT */
/*
 * The egenkontroll report (report.h): checklist rates, deadline statistics, overdue list, lex Sarah summary.
 *
 * Flat memory (issue 15): nothing is kept per case.  Each case is counted as it is added:
 * - its checklist results into an aggregate per unit (or, with a sample, into a bounded heap per sample
 *   group holding the at most N cases with the smallest sampling keys so far: ek_sample_select()'s order);
 * - its obligations into cells per (unit, rule, month of the judged end): counts by status and, for the
 *   late and the overdue ones, histograms of the day counts (value -> count), from which the medians are
 *   exact;
 * - its overdue obligations into the overdue list (with a copy of the case id): what the report prints.
 * Memory is thus bounded by the units, rules, months, distinct day counts, the sample and the overdue list,
 * not by the number of cases.
 */
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "buf_internal.h"
#include "checklist_internal.h"
#include "i18n.h"
#include "internal.h"
#include "policy_internal.h"
#include "report_internal.h"
#include "strmap_internal.h"

#define NO_MONTH INT32_MIN

/* One bin of a day-count histogram. */
typedef struct hbin {
    int32_t days;
    size_t count;
} hbin;

/* The width of a histogram's dense window: the overdue days of one cell (one month of judged ends) span at most
 * 31 values, and most late days are small. */
#define HIST_DENSE 64

/* A day-count histogram: the counts of a window of HIST_DENSE days around the first value counted (no search, no
 * insertion: issue 15), and bins sorted by days for the values outside it. */
typedef struct hist {
    size_t *dense;    /* HIST_DENSE counts of the days base .. base + HIST_DENSE - 1 (NULL until reserved) */
    int64_t base;     /* set by the first value counted */
    size_t ndense;    /* the nonzero counts in dense */
    hbin *b;
    size_t n, cap;
} hist;

/* The obligations of one (unit, rule, month of the judged end). */
typedef struct rep_cell {
    uint64_t key;     /* unit, rule and month packed (cell_key) */
    uint32_t unit;    /* interned unit index */
    uint16_t rule;
    int32_t month;    /* year * 12 + month - 1, or NO_MONTH; after finish: month index or -1 */
    size_t status[7]; /* by ek_obligation_status (0: unknown, counted as error) */
    size_t exceptions, extended;
    hist late;        /* late: done - judged */
    hist over;        /* overdue: as_of - judged */
} rep_cell;

/* One overdue obligation. */
typedef struct rep_overdue {
    const char *id;   /* the case id: one of r->ids */
    uint32_t unit;
    ek_rule_id rule;
    unsigned int sequence;
    ek_date start, legal, judged;
    long days;
    const char *basis;
} rep_overdue;

/* A case kept in a sample group's heap. */
typedef struct rep_entry {
    uint64_t key;     /* ek_sample_key(seed, id) */
    uint64_t seq;     /* order added: ek_sample_select() breaks ties of equal ids by input order */
    char *id;
    uint32_t unit;
    uint8_t *res;     /* nci * 2 bytes: result, flags */
} rep_entry;

/* A sample group: a max-heap (by key, id, seq) of at most r->sample cases. */
typedef struct rep_group {
    char *label;
    rep_entry *e;
    size_t n, cap;
} rep_group;

/* The E1 and E2 results of the lex Sarah records of one unit, by ek_result. */
typedef struct rep_usarah {
    size_t e[2][10];
} rep_usarah;

typedef struct rep_rejected {
    ek_report_input input;
    ek_error error;
} rep_rejected;

struct ek_report {
    const ek_context *ctx;
    ek_date as_of, from, to;
    size_t sample;
    uint64_t seed;
    char sample_period[8]; /* ek_sample_group()'s period: "year" (default), "half", "quarter", "month", "all" */
    ek_checklist *own_cl;
    const ek_checklist *cl;
    const ek_delegation *delegation;
    ek_answers *answers;   /* borrowed; visited by every case added, checked at finish */
    int started, finished;

    /* scratch */
    ek_evaluation *ev;
    ek_checklist_result *res;
    ek_obligation *obl_buf;
    size_t *obl_cell;      /* the cell of each obligation of the case being added */
    size_t obl_cap, obl_cell_cap;
    char *label_buf;       /* the sample group label */
    size_t label_cap;

    /* units (interned; sorted at finish) */
    char **units;
    size_t nunits, cap_units;
    ek__strmap unit_map;  /* name -> index of units (a unit forgotten on rollback may keep a stale slot) */
    uint32_t *unit_order; /* at finish: sorted index -> interned index */

    /* checklist results of the cases in the period (without a sample) and nothing else */
    size_t nci;            /* case items per result set */
    size_t *ci_index;      /* their item indices in the checklist */
    ek_checklist_aggregate *agg;

    /* the sample */
    rep_group *groups;
    size_t ngroups, cap_groups;
    ek__strmap group_map;
    uint64_t seq;
    const char **sample_ids; /* at finish: the ids of the sample, sorted (borrowed from the groups) */
    size_t nsample_ids;

    /* deadline cells */
    rep_cell *cells;
    size_t ncells, cap_cells;
    ek__strmap cell_map;
    size_t *cell_order;    /* at finish: indices of the cells with obligations, by sorted unit */
    size_t *unit_start;    /* at finish: nunits + 1 offsets into cell_order */
    size_t nordered;

    rep_overdue *overdue;
    size_t noverdue, cap_overdue;
    char **ids;            /* the ids of the cases with an overdue obligation (owned) */
    size_t nids, cap_ids;

    int32_t *months;       /* at finish: sorted distinct month keys */
    size_t nmonths;

    rep_usarah *usarah;    /* by interned unit */
    size_t nusarah, cap_usarah;
    ek_sarah_summary *summary;

    rep_rejected *rejected;
    size_t nrejected, cap_rejected;

    ek_checklist_aggregate *fin;  /* at finish: everything counted */
    size_t *unit_group;    /* at finish: unit -> aggregate group, or EK_REPORT_ALL */

    size_t cases_read, cases_in_period, cases_rejected, cases_checked;
    size_t sarah_read, sarah_in_period, sarah_rejected;
    size_t nobls;
    ek_date first_case, last_case;
};

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
    memcpy(r->sample_period, "year", 5);
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
    ek__free(r->obl_cell);
    ek__free(r->label_buf);
    for (size_t i = 0; i < r->nunits; i++)
        ek__free(r->units[i]);
    ek__free(r->units);
    ek__strmap_free(&r->unit_map);
    ek__free(r->unit_order);
    ek__free(r->ci_index);
    ek_checklist_aggregate_free(r->agg);
    for (size_t g = 0; g < r->ngroups; g++) {
        for (size_t k = 0; k < r->groups[g].n; k++) {
            ek__free(r->groups[g].e[k].id);
            ek__free(r->groups[g].e[k].res);
        }
        ek__free(r->groups[g].e);
        ek__free(r->groups[g].label);
    }
    ek__free(r->groups);
    ek__strmap_free(&r->group_map);
    ek__free(r->sample_ids);
    for (size_t i = 0; i < r->ncells; i++) {
        ek__free(r->cells[i].late.b);
        ek__free(r->cells[i].over.b);
        ek__free(r->cells[i].late.dense);
        ek__free(r->cells[i].over.dense);
    }
    ek__free(r->cells);
    ek__strmap_free(&r->cell_map);
    ek__free(r->cell_order);
    ek__free(r->unit_start);
    ek__free(r->overdue);
    for (size_t i = 0; i < r->nids; i++)
        ek__free(r->ids[i]);
    ek__free(r->ids);
    ek__free(r->months);
    ek__free(r->usarah);
    ek_sarah_summary_free(r->summary);
    ek__free(r->rejected);
    ek_checklist_aggregate_free(r->fin);
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

int ek_report_set_sample_period(ek_report *r, const char *period)
{
    EK__REPORT_LANG(r);
    int rc = check_setup(r, "ek_report_set_sample_period");
    if (rc)
        return rc;
    static const char *const periods[] = { "year", "half", "quarter", "month", "all" };
    for (size_t i = 0; period && i < sizeof periods / sizeof periods[0]; i++)
        if (strcmp(period, periods[i]) == 0) {
            memcpy(r->sample_period, periods[i], strlen(periods[i]) + 1);
            return EK_OK;
        }
    return ek__error(EK_EINVAL, "ek_report_set_sample_period: period must be year, half, quarter, month or all, not "
                                "\"%s\"", period ? period : "(null)");
}

const char *ek_report_sample_period(const ek_report *r)
{
    return r ? r->sample_period : NULL;
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
    int rc = EK__VEC_RESERVE(r->units, r->cap_units, r->nunits + 1, 16);
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

/* The aggregate of the cases' results (without a sample) and nothing else, made on the first input. */
static int ensure_agg(ek_report *r)
{
    return r->agg ? EK_OK : ek_checklist_aggregate_new(&r->agg, r->cl);
}

/* ---- deadline cells --------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static uint64_t cell_key(uint32_t unit, unsigned int rule, int32_t month)
{
    return ((uint64_t)unit << 32) | ((uint64_t)(rule & 0xfffu) << 20) |
           (uint64_t)(month == NO_MONTH ? 0xfffffu : (uint32_t)month & 0xfffffu);
}

/* mix64() is a bijection (xor-shifts and multiplications by odd constants), so equal hashes mean equal keys:
 * the cell itself need not be read (issue 15). */
static int cell_eq(const void *ctx, size_t index)
{
    (void)ctx;
    (void)index;
    return 1;
}

/* The cell of (unit, rule, month), added (empty) when new.  An empty cell is harmless: it is never listed. */
static int cell_index(ek_report *r, uint32_t unit, unsigned int rule, int32_t month, size_t *out)
{
    uint64_t key = cell_key(unit, rule, month);
    uint64_t h = mix64(key);
    if (ek__strmap_find(&r->cell_map, h, cell_eq, NULL, out))
        return EK_OK;
    int rc = EK__VEC_RESERVE(r->cells, r->cap_cells, r->ncells + 1, 16);
    if (rc)
        return rc;
    if ((rc = ek__strmap_add(&r->cell_map, h, r->ncells)) != EK_OK)
        return rc;
    rep_cell *c = &r->cells[r->ncells];
    memset(c, 0, sizeof *c);
    c->key = key;
    c->unit = unit;
    c->rule = (uint16_t)rule;
    c->month = month;
    *out = r->ncells++;
    return EK_OK;
}

/* Room for @p more new bins (and the dense window). */
static int hist_reserve(hist *h, size_t more)
{
    if (!h->dense && !(h->dense = ek__calloc(HIST_DENSE, sizeof *h->dense)))
        return ek__oom();
    return EK__VEC_RESERVE(h->b, h->cap, h->n + more, 16);
}

/* Count @p days (room reserved: cannot fail). */
static void hist_add(hist *h, int32_t days)
{
    if (h->n == 0 && h->ndense == 0)
        h->base = (int64_t)days - (HIST_DENSE / 2 - 1);
    int64_t off = (int64_t)days - h->base;
    if (off >= 0 && off < HIST_DENSE) {
        if (h->dense[off]++ == 0)
            h->ndense++;
        return;
    }
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (h->b[mid].days < days)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < h->n && h->b[lo].days == days) {
        h->b[lo].count++;
        return;
    }
    memmove(&h->b[lo + 1], &h->b[lo], (h->n - lo) * sizeof *h->b);
    h->b[lo].days = days;
    h->b[lo].count = 1;
    h->n++;
}

/* ---- the sample ------------------------------------------------------------- */

typedef struct group_probe {
    const ek_report *r;
    const char *label;
} group_probe;

static int group_eq(const void *ctx, size_t index)
{
    const group_probe *p = ctx;
    return strcmp(p->r->groups[index].label, p->label) == 0;
}

/* The sample group @p label, added (empty) when new. */
static int group_index(ek_report *r, const char *label, size_t *out)
{
    uint64_t h = ek__hash_str(EK__HASH_SEED, label);
    group_probe probe = { r, label };
    if (ek__strmap_find(&r->group_map, h, group_eq, &probe, out))
        return EK_OK;
    int rc = EK__VEC_RESERVE(r->groups, r->cap_groups, r->ngroups + 1, 16);
    if (rc)
        return rc;
    char *copy = ek__strdup(label);
    if (!copy)
        return ek__oom();
    if ((rc = ek__strmap_add(&r->group_map, h, r->ngroups)) != EK_OK) {
        ek__free(copy);
        return rc;
    }
    rep_group *g = &r->groups[r->ngroups];
    memset(g, 0, sizeof *g);
    g->label = copy;
    *out = r->ngroups++;
    return EK_OK;
}

/* ek_sample_select()'s order: key, then id bytes, then input order. */
static int entry_cmp(uint64_t ka, const char *ia, uint64_t sa, const rep_entry *b)
{
    if (ka != b->key)
        return ka < b->key ? -1 : 1;
    int c = strcmp(ia, b->id);
    if (c)
        return c;
    return sa < b->seq ? -1 : sa > b->seq;
}

static void heap_up(rep_group *g, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (entry_cmp(g->e[i].key, g->e[i].id, g->e[i].seq, &g->e[p]) <= 0)
            break;
        rep_entry t = g->e[i];
        g->e[i] = g->e[p];
        g->e[p] = t;
        i = p;
    }
}

static void heap_down(rep_group *g, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, rr = l + 1, m = i;
        if (l < g->n && entry_cmp(g->e[l].key, g->e[l].id, g->e[l].seq, &g->e[m]) > 0)
            m = l;
        if (rr < g->n && entry_cmp(g->e[rr].key, g->e[rr].id, g->e[rr].seq, &g->e[m]) > 0)
            m = rr;
        if (m == i)
            return;
        rep_entry t = g->e[i];
        g->e[i] = g->e[m];
        g->e[m] = t;
        i = m;
    }
}

/* The sample group of a case: ek_sample_group() ("<unit>|<period of its first event>"), as check, review and
 * Python draw. */
static int sample_label(ek_report *r, const ek_case *c, const char **out)
{
    const char *u = ek_case_unit(c);
    size_t need = (u ? strlen(u) : 0) + 32;
    int rc = EK__VEC_RESERVE(r->label_buf, r->label_cap, need, 16);
    if (rc == EK_OK)
        rc = ek_sample_group(c, r->sample_period, r->label_buf, r->label_cap);
    *out = r->label_buf;
    return rc;
}

/* What a case will do to the sample, reserved by sample_prepare() and done by sample_commit(). */
typedef struct sample_slot {
    rep_group *g;   /* NULL: the case does not enter the sample */
    char *id;
    uint8_t *res;
    uint64_t key;
} sample_slot;

static int sample_prepare(ek_report *r, const ek_case *c, uint32_t unit, sample_slot *s)
{
    memset(s, 0, sizeof *s);
    const char *id = ek_case_id(c);
    s->key = ek_sample_key(r->seed, id);
    size_t gi;
    const char *label = NULL;
    int rc = sample_label(r, c, &label);
    if (rc == EK_OK)
        rc = group_index(r, label, &gi);
    if (rc)
        return rc;
    rep_group *g = &r->groups[gi];
    if (g->n >= r->sample && entry_cmp(s->key, id, r->seq, &g->e[0]) >= 0)
        return EK_OK; /* a full group whose largest key is smaller */
    if (g->n < r->sample) {
        if ((rc = EK__VEC_RESERVE(g->e, g->cap, g->n + 1, 16)) != EK_OK)
            return rc;
        if (!(s->res = ek__malloc(r->nci * 2 + 1)))
            return ek__oom();
    }
    if (!(s->id = ek__strdup(id))) {
        ek__free(s->res);
        s->res = NULL;
        return ek__oom();
    }
    s->g = g;
    return EK_OK;
}

static void sample_commit(ek_report *r, sample_slot *s, uint32_t unit)
{
    rep_group *g = s->g;
    if (!g)
        return;
    int append = s->res != NULL; /* room for one more; else the largest is displaced */
    rep_entry *e = append ? &g->e[g->n] : &g->e[0];
    if (append)
        e->res = s->res;
    else
        ek__free(e->id);
    e->key = s->key;
    e->seq = r->seq;
    e->id = s->id;
    e->unit = unit;
    for (size_t k = 0; k < r->nci; k++) {
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        if (ek_checklist_result_item(r->res, k, &ir) != EK_OK)
            ir.result = EK_RESULT_ERROR;
        e->res[2 * k] = (uint8_t)ir.result;
        e->res[2 * k + 1] = (uint8_t)ir.flags;
    }
    if (append)
        heap_up(g, g->n++);
    else
        heap_down(g, 0);
    memset(s, 0, sizeof *s);
}

static void sample_cancel(sample_slot *s)
{
    ek__free(s->id);
    ek__free(s->res);
    memset(s, 0, sizeof *s);
}

/* ---- adding ----------------------------------------------------------------- */

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
    if ((rc = ensure_agg(r)) != EK_OK)
        return rc;
    rc = ek_evaluate_case(r->ctx, ek_rulebook_builtin(), c, r->as_of, r->ev);
    if (rc)
        return rc;
    size_t n = ek_evaluation_count(r->ev);
    if ((rc = EK__VEC_RESERVE(r->obl_buf, r->obl_cap, n ? n : 1, 16)) != EK_OK ||
        (rc = EK__VEC_RESERVE(r->obl_cell, r->obl_cell_cap, n ? n : 1, 16)) != EK_OK)
        return rc;
    for (size_t k = 0; k < n; k++)
        r->obl_buf[k] = *ek_evaluation_at(r->ev, k);
    /* Only results and flags are counted: no messages, basis or evidence are built (issue 15). */
    rc = ek__checklist_evaluate_verdicts(r->ctx, r->cl, c, r->obl_buf, n, r->delegation, r->answers, r->as_of,
                                         r->res);
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

    /* Reserve everything first so that a failure leaves the report unchanged (empty cells, groups and spare
     * room may stay: they count nothing). */
    size_t nover = ek_evaluation_count_status(r->ev, EK_OBL_OVERDUE);
    size_t units_before = r->nunits;
    uint32_t unit;
    char *id = NULL;
    sample_slot ss;
    memset(&ss, 0, sizeof ss);
    if ((rc = unit_index(r, ek_case_unit(c), &unit)) != EK_OK)
        goto fail;
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = &r->obl_buf[k];
        ek_date end = o->judged != EK_DATE_NONE ? o->judged : o->legal;
        if ((rc = cell_index(r, unit, (unsigned int)o->rule, month_key(end), &r->obl_cell[k])) != EK_OK)
            goto fail;
        rep_cell *cell = &r->cells[r->obl_cell[k]];
        if ((o->status == EK_OBL_LATE && (rc = hist_reserve(&cell->late, n)) != EK_OK) ||
            (o->status == EK_OBL_OVERDUE && (rc = hist_reserve(&cell->over, n)) != EK_OK))
            goto fail;
    }
    if (nover > 0 &&
        ((rc = EK__VEC_RESERVE(r->overdue, r->cap_overdue, r->noverdue + nover, 16)) != EK_OK ||
         (rc = EK__VEC_RESERVE(r->ids, r->cap_ids, r->nids + 1, 16)) != EK_OK ||
         (rc = (id = ek__strdup(ek_case_id(c))) == NULL ? ek__oom() : EK_OK) != EK_OK))
        goto fail;
    if (r->sample > 0 && (rc = sample_prepare(r, c, unit, &ss)) != EK_OK)
        goto fail;
    /* The last step that can fail (and leaves the aggregate unchanged when it does). */
    if (r->sample == 0 && (rc = ek_checklist_aggregate_add(r->agg, r->res, "")) != EK_OK)
        goto fail;

    /* Commit. */
    sample_commit(r, &ss, unit);
    if (id)
        r->ids[r->nids++] = id;
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = &r->obl_buf[k];
        rep_cell *cell = &r->cells[r->obl_cell[k]];
        cell->status[(unsigned int)o->status <= 6 ? (unsigned int)o->status : 0]++;
        if (o->status == EK_OBL_MET && (o->flags & EK_OBL_EXCEPTION))
            cell->exceptions++;
        if (o->flags & EK_OBL_EXTENDED)
            cell->extended++;
        if (o->status == EK_OBL_LATE)
            hist_add(&cell->late, o->done != EK_DATE_NONE && o->judged != EK_DATE_NONE
                                      ? (int32_t)(o->done - o->judged) : 0);
        if (o->status == EK_OBL_OVERDUE) {
            hist_add(&cell->over, o->judged != EK_DATE_NONE ? (int32_t)(r->as_of - o->judged) : 0);
            if (o->judged != EK_DATE_NONE) {
                rep_overdue *ov = &r->overdue[r->noverdue++];
                ov->id = id;
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
    }
    r->nobls += n;
    r->seq++;
    r->cases_in_period++;
    r->cases_read++;
    if (r->first_case == EK_DATE_NONE || cd < r->first_case)
        r->first_case = cd;
    if (r->last_case == EK_DATE_NONE || cd > r->last_case)
        r->last_case = cd;
    if (included)
        *included = 1;
    return EK_OK;

fail:
    sample_cancel(&ss);
    ek__free(id);
    if (r->nunits > units_before) /* a unit interned for this case only: forget it (its cells stay empty) */
        ek__free(r->units[--r->nunits]);
    return rc;
}

/* Room for the E1/E2 counts of every unit interned so far. */
static int usarah_reserve(ek_report *r)
{
    if (r->nusarah >= r->nunits)
        return EK_OK;
    int rc = EK__VEC_RESERVE(r->usarah, r->cap_usarah, r->nunits, 16);
    if (rc)
        return rc;
    memset(&r->usarah[r->nusarah], 0, (r->nunits - r->nusarah) * sizeof *r->usarah);
    r->nusarah = r->nunits;
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
        rc = usarah_reserve(r);
    if (rc == EK_OK)
        rc = ek_sarah_summary_add(r->summary, rec, res);
    if (rc == EK_OK) {
        unsigned int e1 = (unsigned int)ek_sarah_result_verdict(res, EK_SARAH_ITEM_E1);
        unsigned int e2 = (unsigned int)ek_sarah_result_verdict(res, EK_SARAH_ITEM_E2);
        r->usarah[unit].e[0][e1 >= 1 && e1 <= 9 ? e1 : EK_RESULT_ERROR]++;
        r->usarah[unit].e[1][e2 >= 1 && e2 <= 9 ? e2 : EK_RESULT_ERROR]++;
        r->sarah_in_period++;
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
    ek_error saved; /* a copy: ek__oom() below would overwrite the thread's last error */
    if (e && r->nrejected < EK_REPORT_MAX_REJECTED && ek__error_import(&saved, e) == EK_OK) {
        if (EK__VEC_RESERVE(r->rejected, r->cap_rejected, r->nrejected + 1, 16) == EK_OK) {
            r->rejected[r->nrejected].input = input;
            r->rejected[r->nrejected].error = saved;
            r->nrejected++;
        } else {
            *ek__error_slot() = saved;
        }
    }
    return EK_OK;
}

/* ---- finishing ------------------------------------------------------------ */

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct unit_sort {
    const char *name;
    uint32_t index;
} unit_sort;

static int cmp_unit(const void *a, const void *b)
{
    return strcmp(((const unit_sort *)a)->name, ((const unit_sort *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_overdue(const void *a, const void *b)
{
    const rep_overdue *x = a, *y = b;
    if (x->days != y->days)
        return x->days > y->days ? -1 : 1;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

/* Every count of the report into a new aggregate: the cases' results (or the sample's), E1/E2, F1. */
static int count_checklist(ek_report *r, ek_checklist_aggregate **out, size_t *checked)
{
    ek_checklist_aggregate *agg = NULL;
    size_t e_ix[2], f1, n = 0;
    int has_e[2] = { ek_checklist_find(r->cl, "E1", &e_ix[0]) == EK_OK,
                     ek_checklist_find(r->cl, "E2", &e_ix[1]) == EK_OK };
    int rc = ek_checklist_aggregate_new(&agg, r->cl);
    if (rc == EK_OK)
        rc = ek_checklist_aggregate_set_min_judged(
            agg, (size_t)ek__policy_count(ek_context_policy_const(r->ctx), EK_P_MINSTA_UNDERLAG));
    if (rc == EK_OK && r->agg)
        rc = ek__checklist_aggregate_merge(agg, r->agg);
    for (size_t g = 0; rc == EK_OK && g < r->ngroups; g++)
        for (size_t i = 0; rc == EK_OK && i < r->groups[g].n; i++) {
            const rep_entry *e = &r->groups[g].e[i];
            n++;
            for (size_t k = 0; rc == EK_OK && k < r->nci; k++)
                rc = ek__checklist_aggregate_add_times(agg, r->ci_index[k], r->units[e->unit], "",
                                                       (ek_result)e->res[2 * k], e->res[2 * k + 1], 1);
        }
    for (size_t u = 0; rc == EK_OK && u < r->nusarah; u++)
        for (int k = 0; k < 2; k++)
            for (int res = 1; rc == EK_OK && has_e[k] && res < 10; res++)
                rc = ek__checklist_aggregate_add_times(agg, e_ix[k], r->units[u], "", (ek_result)res, 0,
                                                       r->usarah[u].e[k][res]);
    /* F1 (the run itself): this report records when, the sample, the versions and the results, not who
     * ran the egenkontroll nor the actions decided: not checked, as `egenkontroll check` without --record. */
    if (rc == EK_OK && ek_checklist_find(r->cl, "F1", &f1) == EK_OK)
        rc = ek_checklist_aggregate_add_result(agg, "F1", NULL, NULL, EK_RESULT_NOTCHECKED, 0);
    if (rc != EK_OK) {
        ek_checklist_aggregate_free(agg);
        return rc;
    }
    *out = agg;
    *checked = r->sample > 0 ? n : r->cases_in_period;
    return EK_OK;
}

/* Whether a cell counts obligations (empty cells, e.g. of a case whose addition failed, are never listed). */
static int cell_listed(const ek_report *r, const rep_cell *c)
{
    if (c->unit >= r->nunits)
        return 0;
    for (int s = 0; s < 7; s++)
        if (c->status[s])
            return 1;
    return 0;
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
    size_t *unit_group = NULL, *unit_start = NULL, *cell_order = NULL;
    const char **sample_ids = NULL;
    ek_checklist_aggregate *agg = NULL;
    size_t nm = 0, checked = 0, nc = 0;

    size_t nu = r->nunits;
    for (size_t i = 0; i < r->ncells; i++)
        nc += cell_listed(r, &r->cells[i]);
    us = ek__calloc(nu ? nu : 1, sizeof *us);
    remap = ek__calloc(nu ? nu : 1, sizeof *remap);
    order = ek__calloc(nu ? nu : 1, sizeof *order);
    months = ek__calloc(nc ? nc : 1, sizeof *months);
    unit_start = ek__calloc(nu + 1, sizeof *unit_start);
    cell_order = ek__calloc(nc ? nc : 1, sizeof *cell_order);
    unit_group = ek__calloc(nu ? nu : 1, sizeof *unit_group);
    if (!us || !remap || !order || !months || !unit_group || !unit_start || !cell_order) {
        rc = ek__oom();
        goto fail;
    }

    /* Answers whose case id no case had, or whose item the checklist lacks, are noted (answers.h). */
    if (r->answers && (rc = ek_answers_check(r->answers, r->cl, NULL)) != EK_OK)
        goto fail;
    if ((rc = count_checklist(r, &agg, &checked)) != EK_OK)
        goto fail;
    /* The ids of the sample, sorted (ek_report_sample_case()). */
    if (r->sample > 0) {
        if (!(sample_ids = ek__calloc(checked ? checked : 1, sizeof *sample_ids))) {
            rc = ek__oom();
            goto fail;
        }
        size_t k = 0;
        for (size_t g = 0; g < r->ngroups; g++)
            for (size_t i = 0; i < r->groups[g].n && k < checked; i++)
                sample_ids[k++] = r->groups[g].e[i].id;
        if (k > 1)
            qsort(sample_ids, k, sizeof *sample_ids, cmp_str);
    }

    /* Units in byte order. */
    for (size_t i = 0; i < nu; i++) {
        us[i].name = r->units[i];
        us[i].index = (uint32_t)i;
    }
    if (nu > 1)
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

    /* The cells with obligations: their months, and their order by unit (a counting sort). */
    for (size_t i = 0; i < r->ncells; i++) {
        const rep_cell *c = &r->cells[i];
        if (!cell_listed(r, c))
            continue;
        if (c->month != NO_MONTH)
            months[nm++] = c->month;
        unit_start[remap[c->unit] + 1]++;
    }
    if (nm > 1)
        qsort(months, nm, sizeof *months, cmp_i32);
    {
        size_t w = 0;
        for (size_t i = 0; i < nm; i++)
            if (w == 0 || months[w - 1] != months[i])
                months[w++] = months[i];
        nm = w;
    }
    for (size_t u = 0; u < nu; u++)
        unit_start[u + 1] += unit_start[u];

    /* Overdue list order (most days first, then id, rule, sequence). */
    if (r->noverdue > 1)
        qsort(r->overdue, r->noverdue, sizeof *r->overdue, cmp_overdue);

    /* Nothing can fail from here on: commit. */
    for (size_t i = 0; i < r->noverdue; i++)
        r->overdue[i].unit = remap[r->overdue[i].unit];
    for (size_t i = 0; i < r->ncells; i++) {
        rep_cell *c = &r->cells[i];
        if (!cell_listed(r, c))
            continue;
        c->unit = remap[c->unit];
        if (c->month == NO_MONTH) {
            c->month = -1;
        } else {
            size_t lo = 0, hi = nm;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (months[mid] < c->month)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            c->month = (int32_t)lo;
        }
        cell_order[unit_start[c->unit]++] = i;
    }
    for (size_t u = nu; u > 0; u--) /* the fill moved each start to the next unit's: shift back */
        unit_start[u] = unit_start[u - 1];
    unit_start[0] = 0;
    r->unit_order = order;
    r->months = months;
    r->nmonths = nm;
    r->unit_start = unit_start;
    r->cell_order = cell_order;
    r->nordered = nc;
    r->unit_group = unit_group;
    r->fin = agg;
    r->sample_ids = sample_ids;
    r->nsample_ids = r->sample > 0 ? checked : 0;
    ek_checklist_aggregate_free(r->agg); /* merged into fin */
    r->agg = NULL;
    r->cases_checked = checked;
    r->finished = 1;
    ek__free(us);
    ek__free(remap);
    return EK_OK;

fail:
    ek_checklist_aggregate_free(agg);
    ek__free(sample_ids);
    ek__free(us);
    ek__free(remap);
    ek__free(order);
    ek__free(months);
    ek__free(unit_start);
    ek__free(cell_order);
    ek__free(unit_group);
    return rc;
}

/* ---- queries ----------------------------------------------------------------- */

int ek__report_finished(const ek_report *r)
{
    return r && r->finished;
}

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
    out->cases_in_period = r->cases_in_period;
    out->cases_checked = r->cases_checked;
    out->cases_rejected = r->cases_rejected;
    out->sarah_read = r->sarah_read;
    out->sarah_in_period = r->sarah_in_period;
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
    if (ek_checklist_aggregate_group_count(r->fin) == 0) {
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
    return ek_checklist_aggregate_counts(r->fin, item, unit == EK_REPORT_ALL ? EK_ALL_GROUPS : r->unit_group[unit],
                                         out);
}


/* Append the bins of @p h (the dense window's nonzero counts, then the sorted bins) to @p out at @p at; returns
 * the new end. */
static size_t hist_bins(const hist *h, hbin *out, size_t at)
{
    if (h->ndense)
        for (size_t i = 0; i < HIST_DENSE; i++)
            if (h->dense[i]) {
                out[at].days = (int32_t)(h->base + (int64_t)i);
                out[at++].count = h->dense[i];
            }
    if (h->n)
        memcpy(out + at, h->b, h->n * sizeof *out);
    return at + h->n;
}

static int cmp_bin(const void *a, const void *b)
{
    const hbin *x = a, *y = b;
    return x->days < y->days ? -1 : x->days > y->days;
}

/* The value at rank @p k (0-based) of the histogram @p b (@p n bins sorted by days). */
static int32_t bin_rank(const hbin *b, size_t n, size_t k)
{
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        seen += b[i].count;
        if (k < seen)
            return b[i].days;
    }
    return n ? b[n - 1].days : 0;
}

/* Sort the @p n bins of @p b by days, adding up the bins of equal days (returns the new count): a counting sort
 * when the days span a range not much larger than @p n, which they usually do (issue 15), else qsort(). */
static size_t bins_sort(hbin *b, size_t n)
{
    if (n < 2)
        return n;
    int32_t lo = b[0].days, hi = b[0].days;
    for (size_t i = 1; i < n; i++) {
        lo = b[i].days < lo ? b[i].days : lo;
        hi = b[i].days > hi ? b[i].days : hi;
    }
    uint64_t range = (uint64_t)((int64_t)hi - (int64_t)lo) + 1;
    size_t *cnt = range <= 4 * (uint64_t)n + 256 ? ek__calloc((size_t)range, sizeof *cnt) : NULL;
    if (!cnt) { /* a wide range (or no memory for the counts) */
        qsort(b, n, sizeof *b, cmp_bin);
        return n;
    }
    for (size_t i = 0; i < n; i++)
        cnt[b[i].days - lo] += b[i].count;
    size_t m = 0;
    for (size_t d = 0; d < (size_t)range; d++)
        if (cnt[d]) {
            b[m].days = (int32_t)((int64_t)lo + (int64_t)d);
            b[m++].count = cnt[d];
        }
    ek__free(cnt);
    return m;
}

/* The median and the largest value of @p total values in the @p n bins of @p b (sorted here). */
static void bins_stats(hbin *b, size_t n, size_t total, double *median, long *max)
{
    *median = 0.0;
    *max = 0;
    if (total == 0 || n == 0)
        return;
    n = bins_sort(b, n);
    if (total % 2)
        *median = (double)bin_rank(b, n, total / 2);
    else
        *median = ((double)bin_rank(b, n, total / 2 - 1) + (double)bin_rank(b, n, total / 2)) / 2.0;
    *max = (long)b[n - 1].days;
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
    if ((rule != EK_REPORT_ALL && rule >= ek_rulebook_rule_count(ek_rulebook_builtin())) || (unit != EK_REPORT_ALL && unit >= r->nunits) ||
        (month != EK_REPORT_ALL && month >= r->nmonths))
        return ek__error(EK_ERANGE, "ek_report_deadline_counts: index out of range");
    /* One unit: that unit's cells; otherwise every cell with obligations. */
    size_t lo = unit != EK_REPORT_ALL ? r->unit_start[unit] : 0;
    size_t hi = unit != EK_REPORT_ALL ? r->unit_start[unit + 1] : r->nordered;
#define CELL_AT(i) (&r->cells[r->cell_order[(i)]])
#define CELL_WANTED(c)                                                                                              \
    ((rule == EK_REPORT_ALL || (c)->rule == rule) && (month == EK_REPORT_ALL || (c)->month == (int32_t)month))
    size_t nlate = 0, nover = 0;
    for (size_t i = lo; i < hi; i++) {
        const rep_cell *c = CELL_AT(i);
        if (!CELL_WANTED(c))
            continue;
        nlate += c->late.n + c->late.ndense;
        nover += c->over.n + c->over.ndense;
    }
    hbin *late = ek__calloc(nlate ? nlate : 1, sizeof *late);
    hbin *over = ek__calloc(nover ? nover : 1, sizeof *over);
    if (!late || !over) {
        ek__free(late);
        ek__free(over);
        return ek__oom();
    }
    ek_deadline_counts d = EK_DEADLINE_COUNTS_INIT;
    size_t il = 0, io = 0;
    for (size_t i = lo; i < hi; i++) {
        const rep_cell *c = CELL_AT(i);
        if (!CELL_WANTED(c))
            continue;
        d.met += c->status[EK_OBL_MET];
        d.late += c->status[EK_OBL_LATE];
        d.pending += c->status[EK_OBL_PENDING];
        d.overdue += c->status[EK_OBL_OVERDUE];
        d.notapplicable += c->status[EK_OBL_NOTAPPLICABLE];
        d.error += c->status[EK_OBL_ERROR] + c->status[0];
        d.exceptions += c->exceptions;
        d.extended += c->extended;
        il = hist_bins(&c->late, late, il);
        io = hist_bins(&c->over, over, io);
    }
#undef CELL_AT
#undef CELL_WANTED
    d.obligations = d.met + d.late + d.pending + d.overdue + d.notapplicable + d.error;
    d.due = d.met + d.late + d.overdue;
    d.open = d.pending + d.overdue;
    d.has_rate = d.due > 0;
    d.on_time_rate = d.due ? (double)d.met / (double)d.due : 0.0;
    bins_stats(late, il, d.late, &d.late_median_days, &d.late_max_days);
    bins_stats(over, io, d.overdue, &d.overdue_median_days, &d.overdue_max_days);
    ek__free(late);
    ek__free(over);
    *out = d;
    return EK_OK;
}

size_t ek_report_sample_count(const ek_report *r)
{
    return r && r->finished ? r->nsample_ids : 0;
}

const char *ek_report_sample_case(const ek_report *r, size_t k)
{
    return r && r->finished && k < r->nsample_ids ? r->sample_ids[k] : NULL;
}

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
    out->case_id = o->id;
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
