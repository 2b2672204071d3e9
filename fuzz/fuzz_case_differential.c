/* SPDX-License-Identifier: MIT */
/* libFuzzer target (issue 15): the library's case-1 reader (the fast simdjson reader where it
 * takes a line, lib/io/json_case_fast.h) against the reference jansson reader on the same
 * input, line by line (tests/case_diff.c).  Invariant: the same statuses, error records
 * (message, line, column, case id, field) and cases (canonical text, attribute kinds, warnings,
 * date order).  Without simdjson both sides are the reference reader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "case_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[4096];
    if (ek_t_case_diff((const char *)data, size, "fuzz.jsonl", NULL, why, sizeof why)) {
        fprintf(stderr, "invariant failed: the case readers differ: %s\n", why);
        abort();
    }
    return 0;
}
