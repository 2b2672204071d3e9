/* SPDX-License-Identifier: MIT */
/* The run record of item F1 (checklist.h: ek_run_record): what makes the run documented.  Writing it is
 * lib/io/json_run.c. */
#include <ctype.h>

#include "internal.h"

#include <egenkontroll/checklist.h>

ek_result ek_run_record_f1(const ek_run_record *r)
{
    if (!r || r->version < 1 || !r->actions)
        return EK_RESULT_NOTCHECKED;
    for (size_t k = 0; k < r->action_count; k++) {
        const char *a = r->actions[k];
        for (; a && *a; a++)
            if (!isspace((unsigned char)*a))
                return EK_RESULT_PASS;
    }
    return EK_RESULT_NOTCHECKED;
}
