/* SPDX-License-Identifier: MIT */
/*
 * egenkontroll rules: the rulebook as the engine reads it — every rule with
 * its versions, legal bases, periods and their kind (law, policy, a day set
 * by a decision).  Everything printed comes from the entries themselves
 * (ek_rulebook_rule, ek_rulebook_rule_version), so the listing cannot drift
 * from what is evaluated; docs/rules.md's table is tested against it.
 */
#include <stdio.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

static const char *kind_name(ek_rule_kind k)
{
    switch (k) {
    case EK_RULE_SINGLE: return "single";
    case EK_RULE_RECURRING: return "recurring";
    case EK_RULE_ANNUAL: return "annual";
    }
    return "?";
}

static void date_or(ek_date d, const char *none, char *buf)
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        snprintf(buf, EK_DATE_BUFSIZE, "%s", none);
}

/* The limit of a version: "14d", "policy:besok_intervall", "dag:beslutet", or "-" without a limit. */
static void limit_text(const ek_rule_version_info *v, char *buf, size_t size)
{
    char p[EK_PERIOD_BUFSIZE] = "", r[EK_PERIOD_BUFSIZE] = "";
    if (!v->has_limit)
        snprintf(buf, size, "-");
    else if (v->policy_param != NULL)
        snprintf(buf, size, "policy:%s", v->policy_param);
    else if (v->period_kind == EK_PERIOD_SET_DATE)
        snprintf(buf, size, "%s", _("dag i beslutet"));
    else {
        (void)ek_period_format(v->period, p, sizeof p);
        if (v->repeat.n > 0) {
            (void)ek_period_format(v->repeat, r, sizeof r);
            snprintf(buf, size, "%s+%s", p, r);
        } else
            snprintf(buf, size, "%s", p);
    }
}

int ek_cmd_rules(int argc, char **argv)
{
    int md = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("%s", _("usage: egenkontroll rules [--format text|md]\n\n"
                           "Lists every rule of the built-in rulebook and each of its versions, then the\n"
                           "lex Sarah time limits, as\n"
                           "RULE<TAB>FROM<TAB>TO<TAB>LIMIT<TAB>KIND<TAB>CERTAINTY<TAB>BASIS\n"
                           "(LIMIT: a period such as 14d or 6m+6m (first period + repeat), policy:NAME, or\n"
                           "the day set by a decision; KIND: lag (1930:173 applies), policy or\n"
                           "faststalld_dag (never rolled)).  --format md writes the same as a Markdown\n"
                           "table (docs/rules.md).\n"));
            return EK_EXIT_OK;
        }
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "md") == 0)
                md = 1;
            else if (strcmp(f, "text") != 0) {
                ek_tool_error("rules: unknown format \"%s\" (text, md)", f);
                return EK_EXIT_USAGE;
            }
            continue;
        }
        ek_tool_error("rules: unexpected argument \"%s\"", argv[i]);
        return EK_EXIT_USAGE;
    }
    const ek_rulebook *rb = ek_rulebook_builtin();
    if (md) {
        printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n", _("regel"), _("typ"), _("från"), _("till"),
               _("frist"), _("fristens art"), _("säkerhet"), _("lagrum"));
        printf("|---|---|---|---|---|---|---|---|\n");
    }
    for (size_t i = 0; i < ek_rulebook_rule_count(rb); i++) {
        ek_rule_info info = EK_RULE_INFO_INIT;
        if (ek_rulebook_rule(rb, i, &info) != EK_OK)
            return EK_EXIT_FAILURE;
        for (size_t k = 0; k < info.version_count; k++) {
            ek_rule_version_info v = EK_RULE_VERSION_INFO_INIT;
            if (ek_rulebook_rule_version(rb, i, k, &v) != EK_OK)
                return EK_EXIT_FAILURE;
            char from[EK_DATE_BUFSIZE], to[EK_DATE_BUFSIZE], lim[64];
            date_or(v.valid_from, "-", from);
            date_or(v.valid_to, "-", to);
            limit_text(&v, lim, sizeof lim);
            const char *kind = v.has_limit ? ek_period_kind_name(v.period_kind) : "-";
            if (md)
                printf("| `%s` | %s | %s | %s | %s | %s | %s | %s |\n", info.name, kind_name(info.kind), from, to, lim,
                       kind, v.certainty, v.basis);
            else
                printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", info.name, from, to, lim, kind, v.certainty, v.basis);
        }
    }
    /* The lex Sarah limits (sarah.h): the same columns; the rule name is the limit's id. */
    for (size_t i = 0; i < ek_sarah_limit_count(); i++) {
        ek_sarah_limit_info li = EK_SARAH_LIMIT_INFO_INIT;
        if (ek_sarah_limit_at(i, &li) != EK_OK)
            return EK_EXIT_FAILURE;
        for (size_t k = 0; k < li.version_count; k++) {
            ek_sarah_limit_version_info v = EK_SARAH_LIMIT_VERSION_INFO_INIT;
            if (ek_sarah_limit_version(i, k, &v) != EK_OK)
                return EK_EXIT_FAILURE;
            char from[EK_DATE_BUFSIZE], to[EK_DATE_BUFSIZE], lim[64];
            date_or(v.valid_from, "-", from);
            date_or(v.valid_to, "-", to);
            if (li.period_kind == EK_PERIOD_SET_DATE)
                snprintf(lim, sizeof lim, "%s", _("dag i beslutet"));
            else if (li.policy != NULL)
                snprintf(lim, sizeof lim, "policy:%s", li.policy);
            else
                snprintf(lim, sizeof lim, "-");
            const char *kind = ek_period_kind_name(li.period_kind);
            if (md)
                printf("| `%s` | sarah | %s | %s | %s | %s | %s | %s |\n", li.name, from, to, lim, kind, v.certainty,
                       v.basis);
            else
                printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", li.name, from, to, lim, kind, v.certainty, v.basis);
        }
    }
    return EK_EXIT_OK;
}
