/* SPDX-License-Identifier: MIT */
/* Text output shared by the subcommands: numbers in the language's notation and the lex Sarah
 * register summary of `sarah` and of the report's section 4 (written once, here). */
#include <stdio.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

const char *ek_tool_ctx_gettext(const char *key, const char *s)
{
    const char *t = gettext(key);
    return t == key ? s : t;
}

/* The decimal mark of the text output's percentages and days. */
static char decimal_mark(void)
{
    /* TRANSLATORS: the decimal mark of the text report's percentages and days (one character):
       "," in Swedish, "." in English. */
    const char *m = C_("decimal mark", ",");
    return m[0] != '\0' ? m[0] : ',';
}

const char *ek_tool_pct(int has, double v, char *b, size_t size)
{
    if (!has) {
        snprintf(b, size, "–");
        return b;
    }
    snprintf(b, size, "%.1f %%", v * 100.0);
    char *dot = strchr(b, '.');
    if (dot)
        *dot = decimal_mark();
    return b;
}

const char *ek_tool_days(int has, double v, char *b, size_t size)
{
    if (!has) {
        snprintf(b, size, "–");
        return b;
    }
    if (v == (double)(long)v)
        snprintf(b, size, "%ld", (long)v);
    else
        snprintf(b, size, "%.1f", v);
    char *dot = strchr(b, '.');
    if (dot)
        *dot = decimal_mark();
    return b;
}

void ek_tool_sarah_summary_print(const ek_sarah_summary *s, int in_report)
{
    ek_sarah_summary_counts c = EK_SARAH_SUMMARY_COUNTS_INIT;
    if (ek_sarah_summary_counts_get(s, &c) != EK_OK)
        return;
    if (in_report)
        printf(_("%zu avvikelser i perioden, %zu avvisade\n"), c.records, c.rejected);
    else
        printf(_("\nSammanfattning: %zu avvikelser, %zu avvisade\n"), c.records, c.rejected);
    /* The states are the codes of egenkontroll/avvikelse-1 ("rapporterad", …): never translated. */
    fputs(_("  status:"), stdout);
    for (int i = EK_SARAH_STATE_RAPPORTERAD; i <= EK_SARAH_STATE_AVSLUTAD; i++)
        printf(" %s %zu%s", ek_sarah_state_name((ek_sarah_state)i), c.by_state[i],
               i < EK_SARAH_STATE_AVSLUTAD ? "," : "\n");
    printf(_("  allvarliga %zu, inte allvarliga %zu, ej bedömda %zu; anmälda till IVO %zu\n"), c.allvarlig_yes,
           c.allvarlig_no, c.allvarlig_unknown, c.anmald_ivo);
    if (c.ivo_days_n && in_report) {
        char d[32];
        printf(_("  dagar från rapport till anmälan till IVO: median %s (min %ld, max %ld, n %zu)\n"),
               ek_tool_days(1, c.ivo_days_median, d, sizeof d), c.ivo_days_min, c.ivo_days_max, c.ivo_days_n);
    } else if (c.ivo_days_n) {
        printf(_("  dagar från rapport till anmälan: median %.1f (kvartiler %.1f-%.1f, min %ld, max %ld, n %zu)\n"),
               c.ivo_days_median, c.ivo_days_q1, c.ivo_days_q3, c.ivo_days_min, c.ivo_days_max, c.ivo_days_n);
    }
    /* The report names the items; `sarah` has named them on every record. */
    static const char *const items[2][2] = { { "E1", "E2" },
                                             { N_("E1 tidsgränser"), N_("E2 utredningens innehåll") } };
    for (int k = 0; k < 2; k++) {
        const size_t *v = k == 0 ? c.e1 : c.e2;
        printf("  %s:", in_report ? _(items[1][k]) : items[0][k]);
        for (int i = 1; i < 10; i++)
            if (v[i])
                printf(" %s %zu", ek_result_label((ek_result)i), v[i]);
        printf("\n");
    }
    printf(in_report ? _("  åtgärder %zu: ej genomförda efter slutdatum %zu, genomförda för sent %zu\n")
                     : _("  åtgärder %zu: försenade (ej genomförda) %zu, genomförda efter slutdatum %zu\n"),
           c.measures, c.measures_overdue, c.measures_late);
    /* The report leaves out the grouping by typ (its section 4 is per period, kategori and unit). */
    static const struct { ek_sarah_group g; const char *title; } groups[] = {
        { EK_SARAH_GROUP_TYP, N_("  per typ:") },
        { EK_SARAH_GROUP_KATEGORI, N_("  per kategori:") },
        { EK_SARAH_GROUP_UNIT, N_("  per enhet:") },
    };
    for (size_t g = in_report ? 1 : 0; g < sizeof groups / sizeof groups[0]; g++) {
        fputs(_(groups[g].title), stdout);
        for (size_t k = 0; k < ek_sarah_summary_group_count(s, groups[g].g); k++) {
            const char *name;
            char safe[256];
            size_t n, serious;
            if (ek_sarah_summary_group(s, groups[g].g, k, &name, &n, &serious) == EK_OK)
                printf(_("%s %s %zu (allvarliga %zu)"), k ? "," : "", ek_tool_safe(name, safe, sizeof safe), n,
                       serious);
        }
        printf("\n");
    }
}
