/* SPDX-License-Identifier: MIT */
/* egenkontroll policy: list the policy parameters, their defaults and basis. */
#include <stdio.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

int ek_cmd_policy(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("%s", _("usage: egenkontroll policy\n\nLists every policy parameter as "
                       "NAME<TAB>DEFAULT<TAB>CERTAINTY<TAB>BASIS<TAB>DESCRIPTION\n"
                       "(the description in the language of the messages).\n"));
        return EK_EXIT_OK;
    }
    if (argc > 1) {
        ek_tool_error("policy: unexpected argument \"%s\"", argv[1]);
        return EK_EXIT_USAGE;
    }
    for (size_t i = 0; i < ek_policy_param_count(); i++) {
        const ek_policy_param_info *info;
        if (ek_policy_param_at(i, &info) != EK_OK)
            return EK_EXIT_FAILURE;
        /* The description is a Swedish msgid of the "egenkontroll" domain (policy.h): translate it here. */
        printf("%s\t%s\t%s\t%s\t%s\n", info->name, info->default_value, info->certainty, info->basis,
               _(info->description));
    }
    return EK_EXIT_OK;
}
