/* SPDX-License-Identifier: MIT */
/* Lex Sarah: the register summary for the board's half-yearly report (sarah.h). */
#include <string.h>

#include <egenkontroll/sarah.h>

#include "buf_internal.h"
#include "internal.h"
#include "sarah_internal.h"


/* ---- summary ---------------------------------------------------------------------------- */

typedef struct group_entry {
    char *name;
    size_t count, serious;
} group_entry;

typedef struct group_list {
    group_entry *v;
    size_t n, cap;
} group_list;

struct ek_sarah_summary {
    ek_sarah_summary_counts c;
    group_list groups[3];   /* kategori, unit, typ */
    long *ivo_days;
    size_t n_days, cap_days;
};

int ek_sarah_summary_new(ek_sarah_summary **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_new: out is NULL");
    ek_sarah_summary *s = ek__calloc(1, sizeof *s);
    if (s == NULL)
        return ek__oom();
    ek_sarah_summary_counts init = EK_SARAH_SUMMARY_COUNTS_INIT;
    s->c = init;
    *out = s;
    return EK_OK;
}

void ek_sarah_summary_free(ek_sarah_summary *s)
{
    if (s == NULL)
        return;
    for (int g = 0; g < 3; g++) {
        for (size_t i = 0; i < s->groups[g].n; i++)
            ek__free(s->groups[g].v[i].name);
        ek__free(s->groups[g].v);
    }
    ek__free(s->ivo_days);
    ek__free(s);
}

static const char NO_VALUE[] = "(ingen)";

static long group_find(const group_list *gl, const char *name)
{
    for (size_t i = 0; i < gl->n; i++)
        if (strcmp(gl->v[i].name, name) == 0)
            return (long)i;
    return -1;
}

int ek_sarah_summary_add(ek_sarah_summary *s, const ek_sarah_record *r, const ek_sarah_result *res)
{
    if (s == NULL || r == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_add: NULL argument");
    const char *names[3] = {
        r->text[EK_SARAH_KATEGORI] ? r->text[EK_SARAH_KATEGORI] : NO_VALUE,
        r->text[EK_SARAH_UNIT] ? r->text[EK_SARAH_UNIT] : NO_VALUE,
        ek_sarah_typ_name(r->typ) ? ek_sarah_typ_name(r->typ) : NO_VALUE,
    };
    /* Allocate everything first so that a failure leaves the summary unchanged. */
    char *fresh[3] = { NULL, NULL, NULL };
    long idx[3];
    int rc = EK_OK;
    for (int g = 0; g < 3 && rc == EK_OK; g++) {
        idx[g] = group_find(&s->groups[g], names[g]);
        if (idx[g] >= 0)
            continue;
        rc = EK__VEC_RESERVE_ZERO(s->groups[g].v, s->groups[g].cap, s->groups[g].n + 1, 4);
        if (rc == EK_OK && (fresh[g] = ek__strdup(names[g])) == NULL)
            rc = ek__oom();
    }
    ek_date rap = r->dates[EK_SARAH_RAPPORT], ivo = r->dates[EK_SARAH_ANMALD_IVO];
    int has_days = rap != EK_DATE_NONE && ivo != EK_DATE_NONE;
    if (rc == EK_OK && has_days)
        rc = EK__VEC_RESERVE_ZERO(s->ivo_days, s->cap_days, s->n_days + 1, 4);
    if (rc != EK_OK) {
        for (int g = 0; g < 3; g++)
            ek__free(fresh[g]);
        return rc;
    }
    int serious = r->allvarlig == EK_SARAH_YES;
    for (int g = 0; g < 3; g++) {
        group_list *gl = &s->groups[g];
        if (idx[g] < 0) {
            gl->v[gl->n].name = fresh[g];
            gl->v[gl->n].count = gl->v[gl->n].serious = 0;
            idx[g] = (long)gl->n++;
        }
        gl->v[idx[g]].count++;
        gl->v[idx[g]].serious += (size_t)serious;
    }
    ek_sarah_summary_counts *c = &s->c;
    c->records++;
    ek_sarah_state st = ek_sarah_record_state(r);
    if (ek__sarah_state_valid(st))
        c->by_state[st]++;
    if (r->allvarlig == EK_SARAH_YES) c->allvarlig_yes++;
    else if (r->allvarlig == EK_SARAH_NO) c->allvarlig_no++;
    else c->allvarlig_unknown++;
    if (ivo != EK_DATE_NONE)
        c->anmald_ivo++;
    c->measures += r->n_measures;
    if (has_days) { /* kept sorted (insertion), so reading needs no sort */
        long v = (long)(ivo - rap);
        size_t at = s->n_days;
        while (at > 0 && s->ivo_days[at - 1] > v) {
            s->ivo_days[at] = s->ivo_days[at - 1];
            at--;
        }
        s->ivo_days[at] = v;
        s->n_days++;
    }
    if (res != NULL && res->evaluated) {
        if ((unsigned)res->items[0].result < 10) c->e1[res->items[0].result]++;
        if ((unsigned)res->items[1].result < 10) c->e2[res->items[1].result]++;
        for (size_t i = 0; i < res->n_limits; i++) {
            const ek_sarah_limit *l = &res->limits[i].pub;
            if (l->kind != EK_SARAH_LIMIT_ATGARD || l->result != EK_RESULT_FAIL)
                continue;
            if (l->done == EK_DATE_NONE) c->measures_overdue++;
            else c->measures_late++;
        }
    }
    return EK_OK;
}

int ek_sarah_summary_add_rejected(ek_sarah_summary *s)
{
    if (s == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_add_rejected: NULL summary");
    s->c.rejected++;
    return EK_OK;
}

static double quantile(const long *v, size_t n, double q)
{
    double pos = q * (double)(n - 1);
    size_t lo = (size_t)pos;
    double frac = pos - (double)lo;
    if (lo + 1 >= n)
        return (double)v[n - 1];
    return (double)v[lo] + frac * (double)(v[lo + 1] - v[lo]);
}

int ek_sarah_summary_counts_get(const ek_sarah_summary *s, ek_sarah_summary_counts *out)
{
    if (s == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_counts_get: NULL argument");
    if (out->version != EK_SARAH_SUMMARY_COUNTS_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_summary_counts version %u unknown", out->version);
    *out = s->c;
    out->ivo_days_n = s->n_days;
    if (s->n_days > 0) {
        out->ivo_days_min = s->ivo_days[0];
        out->ivo_days_max = s->ivo_days[s->n_days - 1];
        out->ivo_days_median = quantile(s->ivo_days, s->n_days, 0.5);
        out->ivo_days_q1 = quantile(s->ivo_days, s->n_days, 0.25);
        out->ivo_days_q3 = quantile(s->ivo_days, s->n_days, 0.75);
    }
    return EK_OK;
}

static const group_list *group_of(const ek_sarah_summary *s, ek_sarah_group g)
{
    if (s == NULL || g < EK_SARAH_GROUP_KATEGORI || g > EK_SARAH_GROUP_TYP)
        return NULL;
    return &s->groups[g - 1];
}

size_t ek_sarah_summary_group_count(const ek_sarah_summary *s, ek_sarah_group g)
{
    const group_list *gl = group_of(s, g);
    return gl ? gl->n : 0;
}

int ek_sarah_summary_group(const ek_sarah_summary *s, ek_sarah_group g, size_t k, const char **name,
                           size_t *count, size_t *serious)
{
    const group_list *gl = group_of(s, g);
    if (gl == NULL || name == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_group: NULL summary or unknown grouping");
    if (k >= gl->n)
        return ek__error(EK_ERANGE, "no group value %zu (there are %zu)", k, gl->n);
    *name = gl->v[k].name;
    if (count) *count = gl->v[k].count;
    if (serious) *serious = gl->v[k].serious;
    return EK_OK;
}
