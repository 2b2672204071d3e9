/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER: egenkontroll report (being written). */
#include "commands.h"

int ek_cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ek_tool_error("report: not implemented yet");
    return EK_EXIT_FAILURE;
}
