/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER: egenkontroll deadline (being written). */
#include "commands.h"

int ek_cmd_deadline(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ek_tool_error("deadline: not implemented yet");
    return EK_EXIT_FAILURE;
}
