/* SPDX-License-Identifier: MIT */
/* ek_checklist_evaluate(): the rulebook's obligations, then the checklist. */
#include <string.h>

#include "checklist_internal.h"
#include "i18n.h"

int ek_checklist_evaluate(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                          const ek_delegation *delegation, ek_date as_of, ek_checklist_result *out)
{
    EK__CONTEXT_LANG(ctx);
    return ek_checklist_evaluate_answers(ctx, cl, c, delegation, NULL, as_of, out);
}

int ek_checklist_evaluate_answers(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                  const ek_delegation *delegation, const ek_answers *answers, ek_date as_of,
                                  ek_checklist_result *out)
{
    EK__CONTEXT_LANG(ctx);
    if (!ctx || !cl || !c || !out)
        return ek__error(EK_EINVAL, "ek_checklist_evaluate: NULL argument");
    ek_evaluation *ev = NULL;
    int rc = ek__checklist_result_scratch(out, &ev);  /* kept from case to case (issue 15) */
    if (rc)
        return rc;
    rc = ek_evaluate_case(ctx, ek_rulebook_builtin(), c, as_of, ev);
    ek_obligation *obl = NULL;
    size_t n = rc == EK_OK ? ek_evaluation_count(ev) : 0;
    if (rc == EK_OK && n > 0) {
        obl = ek__checklist_result_scratch_obligations(out, n);
        if (!obl)
            rc = ek__oom();
        for (size_t k = 0; rc == EK_OK && k < n; k++)
            obl[k] = *ek_evaluation_at(ev, k);
    }
    if (rc == EK_OK)
        rc = ek_checklist_evaluate_obligations_answers(ctx, cl, c, obl, n, delegation, answers, as_of, out);
    /* The obligations' strings (messages) are borrowed from ev: results copy what they cite. */
    ek__checklist_result_scratch_done(out, ev, obl);
    return rc;
}
