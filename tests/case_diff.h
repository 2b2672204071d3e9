/* SPDX-License-Identifier: MIT */
/* Differential check of the two case-1 readers (tests/case_diff.c). */
#ifndef EK_T_CASE_DIFF_H
#define EK_T_CASE_DIFF_H

#include <stddef.h>

#include <egenkontroll/egenkontroll.h>

typedef struct ek_t_case_diff_stats {
    unsigned long cases, errors;  /* lines read to a case / to an error by both readers alike */
} ek_t_case_diff_stats;

/*
 * Read @data (@size bytes of JSON Lines, named @name in messages) with the library's case reader
 * and with the reference reader; 0 when they agree on every line, else 1 with the first
 * difference described in @why.  @stats (may be NULL) accumulates.
 */
int ek_t_case_diff(const char *data, size_t size, const char *name, ek_t_case_diff_stats *stats, char *why,
                   size_t whysize);

#endif
