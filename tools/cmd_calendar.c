/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER: egenkontroll calendar (being written). */
#include "commands.h"

int ek_cmd_calendar(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ek_tool_error("calendar: not implemented yet");
    return EK_EXIT_FAILURE;
}
