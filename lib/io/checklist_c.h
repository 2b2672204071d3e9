/* SPDX-License-Identifier: MIT */
/* Writing a loaded checklist as C data (checklist_c.c); for the build tool gen_checklist_builtin.c
 * and the tests, not part of the library. */
#ifndef EK_CHECKLIST_C_H
#define EK_CHECKLIST_C_H

#include <stdio.h>

#include "../checklist_internal.h"

/* Write @cl as the definition of `const ek_checklist ek__checklist_builtin` (a whole C file). */
void ek__checklist_write_c(FILE *out, const ek_checklist *cl);

#endif
