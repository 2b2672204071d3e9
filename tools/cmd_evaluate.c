/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER: egenkontroll evaluate (being written). */
#include "commands.h"

int ek_cmd_evaluate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ek_tool_error("evaluate: not implemented yet");
    return EK_EXIT_FAILURE;
}
