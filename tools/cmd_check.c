/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER: egenkontroll check (being written). */
#include "commands.h"

int ek_cmd_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ek_tool_error("check: not implemented yet");
    return EK_EXIT_FAILURE;
}
