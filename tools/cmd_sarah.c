/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER: egenkontroll sarah (being written). */
#include "commands.h"

int ek_cmd_sarah(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ek_tool_error("sarah: not implemented yet");
    return EK_EXIT_FAILURE;
}
