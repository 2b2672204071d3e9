/* SPDX-License-Identifier: MIT */
/* ek_checklist_evaluate_cases(): the checklist over many cases on several threads (checklist.h). */
#include <egenkontroll/egenkontroll.h>

#include "i18n.h"
#include "internal.h"
#include "parallel_internal.h"

typedef struct many {
    const ek_context *ctx;
    const ek_checklist *cl;
    const ek_case *const *cases;
    const ek_delegation *delegation;
    ek_checklist_result *const *out;
    ek_date as_of;
} many;

static int check_one(void *arg, size_t i)
{
    const many *m = arg;
    if (m->cases[i] == NULL || m->out[i] == NULL)
        return ek__error(EK_EINVAL, "ek_checklist_evaluate_cases: case or result %zu is NULL", i);
    return ek_checklist_evaluate(m->ctx, m->cl, m->cases[i], m->delegation, m->as_of, m->out[i]);
}

int ek_checklist_evaluate_cases(const ek_context *ctx, const ek_checklist *cl, const ek_case *const *cases,
                                size_t count, const ek_delegation *delegation, ek_date as_of,
                                ek_checklist_result *const *out, int *statuses, unsigned int threads)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || cl == NULL || (count > 0 && (cases == NULL || out == NULL)))
        return ek__error(EK_EINVAL, "ek_checklist_evaluate_cases: NULL argument");
    many m = { ctx, cl, cases, delegation, out, as_of };
    return ek__parallel_for(count, threads, check_one, &m, statuses);
}
