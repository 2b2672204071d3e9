/* SPDX-License-Identifier: MIT */
/*
 * Build tool (not installed): writes the built-in checklist as C data for the core.
 *   gen_checklist_builtin OUTPUT.c
 * It parses the JSON text of checklist_builtin.c with the ordinary loader (json_checklist.c, so there
 * is one reading of the format) and writes the loaded structures (checklist_internal.h) as static
 * initialisers of `ek__checklist_builtin` (checklist_c.c), which lib/checklist_builtin.c copies for
 * ek_checklist_new_builtin().  The core so has the built-in checklist without JSON
 * (docs/HACKING.md, "Layers"); tests/test_checklist_builtin.c compares the two.
 */
#include <stdio.h>

#include "checklist_c.h"
#include "io_internal.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT.c\n", argv[0]);
        return 2;
    }
    ek_checklist *cl = NULL;
    if (ek__checklist_parse_builtin(&cl) != EK_OK) {
        fprintf(stderr, "%s: the built-in checklist does not load: %s\n", argv[0], ek_error_last()->message);
        return 1;
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        ek_checklist_free(cl);
        return 1;
    }
    ek__checklist_write_c(out, cl);
    ek_checklist_free(cl);
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
