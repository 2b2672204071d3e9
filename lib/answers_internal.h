/* SPDX-License-Identifier: MIT */
/* Private helpers of the answers module, for its reader in lib/io.  Not installed. */
#ifndef EK_ANSWERS_INTERNAL_H
#define EK_ANSWERS_INTERNAL_H

#include <egenkontroll/answers.h>

/* Record @p e (a rejected line) as a note of @p a.  EK_OK or EK_ENOMEM. */
int ek__answers_note_error(ek_answers *a, const ek_error *e);

#endif
