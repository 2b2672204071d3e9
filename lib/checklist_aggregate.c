/* SPDX-License-Identifier: MIT */
/* Aggregating item results over a sample: the population model. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <egenkontroll/sarah.h>

#include "checklist_internal.h"
#include "strmap_internal.h"

typedef struct cell {
    size_t by_result[10];   /* indexed by ek_result */
    size_t exclusions;
    size_t exceptions;
} cell;

typedef struct group {
    char *unit, *period;
} group;

struct ek_checklist_aggregate {
    const ek_checklist *cl;
    size_t nitems;
    group *groups;
    size_t ngroups, gcap;
    ek__strmap group_map;   /* (unit, period) -> group index */
    cell *cells;            /* ngroups × nitems, group-major */
    size_t cases;
    size_t min_judged;      /* below it a rate is uncertain */
};

int ek_checklist_aggregate_new(ek_checklist_aggregate **out, const ek_checklist *cl)
{
    if (!out || !cl)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_new: NULL argument");
    ek_checklist_aggregate *agg = ek__calloc(1, sizeof *agg);
    if (!agg)
        return ek__oom();
    agg->cl = cl;
    agg->nitems = cl->nitems;
    agg->min_judged = EK_MIN_JUDGED_DEFAULT;
    *out = agg;
    return EK_OK;
}

void ek_checklist_aggregate_free(ek_checklist_aggregate *agg)
{
    if (!agg)
        return;
    for (size_t g = 0; g < agg->ngroups; g++) {
        ek__free(agg->groups[g].unit);
        ek__free(agg->groups[g].period);
    }
    ek__free(agg->groups);
    ek__strmap_free(&agg->group_map);
    ek__free(agg->cells);
    ek__free(agg);
}

typedef struct group_probe {
    const ek_checklist_aggregate *agg;
    const char *unit, *period;
} group_probe;

static int group_eq(const void *ctx, size_t g)
{
    const group_probe *p = ctx;
    return strcmp(p->agg->groups[g].unit, p->unit) == 0 && strcmp(p->agg->groups[g].period, p->period) == 0;
}

/* Find or add the group (a hash map: constant expected time per result); on failure nothing changes. */
static int group_index(ek_checklist_aggregate *agg, const char *unit, const char *period, size_t *out)
{
    unit = unit ? unit : "";
    period = period ? period : "";
    uint64_t h = ek__hash_str(ek__hash_str(EK__HASH_SEED, unit), period);
    group_probe probe = { agg, unit, period };
    if (ek__strmap_find(&agg->group_map, h, group_eq, &probe, out))
        return EK_OK;
    if (agg->ngroups == agg->gcap) {
        size_t ncap = agg->gcap ? agg->gcap * 2 : 8;
        group *ng = ek__realloc(agg->groups, ncap * sizeof *ng);
        if (!ng)
            return ek__oom();
        agg->groups = ng;
        size_t cells = agg->nitems ? agg->nitems : 1;
        cell *nc = ek__realloc(agg->cells, ncap * cells * sizeof *nc);
        if (!nc)
            return ek__oom();
        agg->cells = nc;
        agg->gcap = ncap;
    }
    char *u = ek__strdup(unit), *p = ek__strdup(period);
    if (!u || !p) {
        ek__free(u);
        ek__free(p);
        return ek__oom();
    }
    if (ek__strmap_add(&agg->group_map, h, agg->ngroups) != EK_OK) {
        ek__free(u);
        ek__free(p);
        return ek__oom();
    }
    agg->groups[agg->ngroups].unit = u;
    agg->groups[agg->ngroups].period = p;
    memset(&agg->cells[agg->ngroups * agg->nitems], 0, agg->nitems * sizeof(cell));
    *out = agg->ngroups++;
    return EK_OK;
}

static void count_times(cell *c, ek_result r, unsigned int flags, size_t times)
{
    c->by_result[r] += times;
    if (r == EK_RESULT_NOTAPPLICABLE && (flags & EK_ITEM_EXCLUDED))
        c->exclusions += times;
    if (r == EK_RESULT_PASS && (flags & EK_ITEM_EXCEPTION))
        c->exceptions += times;
}

static void count(cell *c, ek_result r, unsigned int flags)
{
    count_times(c, r, flags, 1);
}

int ek_checklist_aggregate_add(ek_checklist_aggregate *agg, const ek_checklist_result *res, const char *period)
{
    if (!agg || !res)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_add: NULL argument");
    size_t n = ek_checklist_result_count(res);
    if (n > 0 && ek_checklist_result_checklist(res) != agg->cl)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_add: the results are of another checklist");
    size_t g;
    int rc = group_index(agg, ek_checklist_result_unit(res), period, &g);
    if (rc)
        return rc;
    cell *cells = &agg->cells[g * agg->nitems];
    for (size_t k = 0; k < n; k++) {
        size_t item;
        ek_result result;
        unsigned int flags;
        ek__checklist_result_verdict(res, k, &item, &result, &flags);
        if (item >= agg->nitems || (int)result < 1 || (int)result > 9)
            continue;
        count(&cells[item], result, flags);
    }
    agg->cases++;
    return EK_OK;
}

int ek_checklist_aggregate_add_result(ek_checklist_aggregate *agg, const char *item, const char *unit,
                                      const char *period, ek_result result, unsigned int flags)
{
    if (!agg || !item)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_add_result: NULL argument");
    if ((int)result < 1 || (int)result > 9)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_add_result: invalid result %d", (int)result);
    size_t ii;
    if (ek_checklist_find(agg->cl, item, &ii) != EK_OK || ii >= agg->nitems)
        return ek__error(EK_ENOTFOUND, "ek_checklist_aggregate_add_result: no item \"%s\" in the checklist", item);
    size_t g;
    int rc = group_index(agg, unit, period, &g);
    if (rc)
        return rc;
    count(&agg->cells[g * agg->nitems + ii], result, flags);
    return EK_OK;
}

size_t ek_checklist_aggregate_case_count(const ek_checklist_aggregate *agg)
{
    return agg ? agg->cases : 0;
}

size_t ek_checklist_aggregate_group_count(const ek_checklist_aggregate *agg)
{
    return agg ? agg->ngroups : 0;
}

int ek_checklist_aggregate_group(const ek_checklist_aggregate *agg, size_t g, const char **unit, const char **period)
{
    if (!agg)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_group: NULL argument");
    if (g >= agg->ngroups)
        return ek__error(EK_ERANGE, "ek_checklist_aggregate_group: index %zu out of range", g);
    if (unit)
        *unit = agg->groups[g].unit;
    if (period)
        *period = agg->groups[g].period;
    return EK_OK;
}

int ek_checklist_aggregate_counts(const ek_checklist_aggregate *agg, size_t item_index, size_t grp,
                                  ek_item_counts *out)
{
    if (!agg || !out)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_counts: NULL argument");
    if (out->version != 1 && out->version != EK_ITEM_COUNTS_VERSION)
        return ek__error(EK_EVERSION, "ek_checklist_aggregate_counts: unknown struct version %u", out->version);
    if (item_index >= agg->nitems || (grp != EK_ALL_GROUPS && grp >= agg->ngroups))
        return ek__error(EK_ERANGE, "ek_checklist_aggregate_counts: index out of range");
    cell sum;
    memset(&sum, 0, sizeof sum);
    /* one group: that cell alone (a scan of every group per call made reports quadratic in the units) */
    size_t g0 = grp == EK_ALL_GROUPS ? 0 : grp, g1 = grp == EK_ALL_GROUPS ? agg->ngroups : grp + 1;
    for (size_t g = g0; g < g1; g++) {
        const cell *c = &agg->cells[g * agg->nitems + item_index];
        for (int r = 0; r < 10; r++)
            sum.by_result[r] += c->by_result[r];
        sum.exclusions += c->exclusions;
        sum.exceptions += c->exceptions;
    }
    unsigned int version = out->version;
    memset(out, 0, ek__item_counts_size(version));
    out->version = version;
    out->item = agg->cl->items[item_index].id;
    for (int r = 1; r < 10; r++)
        out->total += sum.by_result[r];
    out->exclusions = sum.exclusions;
    out->exceptions = sum.exceptions;
    out->notapplicable = sum.by_result[EK_RESULT_NOTAPPLICABLE] - sum.exclusions;
    out->denominator = out->total - out->notapplicable;
    out->numerator = sum.by_result[EK_RESULT_PASS] - sum.exceptions;
    out->failed = sum.by_result[EK_RESULT_FAIL];
    out->fixed = sum.by_result[EK_RESULT_FIXED];
    out->notchecked = sum.by_result[EK_RESULT_NOTCHECKED];
    out->error = sum.by_result[EK_RESULT_ERROR];
    out->unknown = sum.by_result[EK_RESULT_UNKNOWN];
    out->informational = sum.by_result[EK_RESULT_INFORMATIONAL];
    out->notselected = sum.by_result[EK_RESULT_NOTSELECTED];
    out->judged = out->numerator + out->failed + out->fixed;
    out->has_rate = out->judged > 0;
    out->rate = out->judged ? (double)out->numerator / (double)out->judged : 0.0;
    if (version >= 2) {
        if (out->judged)
            (void)ek_wilson_interval(out->numerator, out->judged, &out->rate_low, &out->rate_high);
        out->uncertain = out->judged < agg->min_judged || out->judged == 0;
    }
    return EK_OK;
}

int ek_checklist_aggregate_add_sarah(ek_checklist_aggregate *agg, const struct ek_sarah_result *res,
                                     const char *unit, const char *period)
{
    if (!agg || !res)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_add_sarah: NULL argument");
    for (size_t k = 0; k < 2; k++) {
        ek_sarah_item it = EK_SARAH_ITEM_INIT;
        int rc = ek_sarah_result_item(res, k, &it);
        if (rc)
            return rc;
        size_t ii;
        if (!it.item || ek_checklist_find(agg->cl, it.item, &ii) != EK_OK)
            continue;
        rc = ek_checklist_aggregate_add_result(agg, it.item, unit, period, it.result, 0);
        if (rc)
            return rc;
    }
    return EK_OK;
}

int ek__checklist_aggregate_add_times(ek_checklist_aggregate *agg, size_t item_index, const char *unit,
                                      const char *period, ek_result result, unsigned int flags, size_t times)
{
    if (!agg || item_index >= agg->nitems || (int)result < 1 || (int)result > 9)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate: bad item or result");
    if (times == 0)
        return EK_OK;
    size_t g;
    int rc = group_index(agg, unit, period, &g);
    if (rc)
        return rc;
    count_times(&agg->cells[g * agg->nitems + item_index], result, flags, times);
    return EK_OK;
}

int ek__checklist_aggregate_merge(ek_checklist_aggregate *dst, const ek_checklist_aggregate *src)
{
    if (!dst || !src || dst->cl != src->cl)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate merge: NULL argument or another checklist");
    size_t *map = ek__calloc(src->ngroups ? src->ngroups : 1, sizeof *map);
    if (!map)
        return ek__oom();
    /* Every group first (a failure leaves at most empty groups, never counts), then the counts. */
    for (size_t g = 0; g < src->ngroups; g++) {
        int rc = group_index(dst, src->groups[g].unit, src->groups[g].period, &map[g]);
        if (rc) {
            ek__free(map);
            return rc;
        }
    }
    for (size_t g = 0; g < src->ngroups; g++)
        for (size_t i = 0; i < src->nitems; i++) {
            const cell *s = &src->cells[g * src->nitems + i];
            cell *d = &dst->cells[map[g] * dst->nitems + i];
            for (int r = 0; r < 10; r++)
                d->by_result[r] += s->by_result[r];
            d->exclusions += s->exclusions;
            d->exceptions += s->exceptions;
        }
    dst->cases += src->cases;
    ek__free(map);
    return EK_OK;
}

int ek_checklist_aggregate_set_min_judged(ek_checklist_aggregate *agg, size_t n)
{
    if (!agg)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_set_min_judged: NULL argument");
    agg->min_judged = n;
    return EK_OK;
}

size_t ek__item_counts_size(unsigned int version)
{
    return version >= 2 ? sizeof(ek_item_counts) : offsetof(ek_item_counts, rate_low);
}

int ek_wilson_interval(size_t k, size_t n, double *low, double *high)
{
    if (!low || !high || n == 0 || k > n)
        return ek__error(EK_EINVAL, "ek_wilson_interval: need 0 <= k <= n, n > 0 and outputs (k %zu, n %zu)", k, n);
    const double z = 1.959964, z2 = z * z;
    double nn = (double)n, kk = (double)k;
    double centre = (kk + z2 / 2.0) / (nn + z2);
    double half = z * sqrt(kk * (nn - kk) / nn + z2 / 4.0) / (nn + z2);
    double lo = centre - half, hi = centre + half;
    *low = k == 0 || lo < 0.0 ? 0.0 : lo;
    *high = k == n || hi > 1.0 ? 1.0 : hi;
    return EK_OK;
}
