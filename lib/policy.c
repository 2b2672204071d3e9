/* SPDX-License-Identifier: MIT */
/* Policy parameters: what the law leaves open, with documented defaults. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"  /* N_(): descriptions are msgids of the "egenkontroll" domain */
#include "internal.h"
#include "policy_internal.h"

typedef struct param_def {
    ek_policy_param_info info;
} param_def;

#define PERIOD(name, def, desc, basis, cert) \
    { { EK_POLICY_PARAM_INFO_VERSION, name, EK_POLICY_PERIOD, def, NULL, desc, basis, cert } }
#define CHOICE(name, def, choices, desc, basis, cert) \
    { { EK_POLICY_PARAM_INFO_VERSION, name, EK_POLICY_CHOICE, def, choices, desc, basis, cert } }

#define COUNT(name, def, desc, basis, cert) \
    { { EK_POLICY_PARAM_INFO_VERSION, name, EK_POLICY_COUNT, def, NULL, desc, basis, cert } }

/* Same order as ek__policy_id. */
static const param_def params[EK__P_COUNT] = {
    CHOICE("bedom_mot", "legal", "legal|nominal",
           N_("Vilket slutdatum som avgör om en frist hölls: det lagliga (efter 2 § lagen (1930:173)) "
           "eller det nominella (strikt policy)."),
           "Lag (1930:173) 2 §; tillämpning på myndighetens egna frister oklar", "R"),
    PERIOD("skyddsbedomning_marginal", "1d",
           N_("Marginal för \"genast\" vid skyddsbedömning: antal dagar efter mottagandet."),
           "SoL (2025:400) 20 kap. 1 §; SoL (2001:453) 11 kap. 1 a § 1 st.", "R"),
    PERIOD("information_utredning", "1d",
           N_("Frist för att \"genast\" underrätta den som berörs om att utredning inletts."),
           "SoL (2025:400) 20 kap. 4 §; SoL (2001:453) 11 kap. 2 § 3 st.", "R"),
    PERIOD("aterkoppling_genast", "1d",
           N_("Frist för \"genast\" lämnad återkoppling när begäran kommer sent eller utredning pågår."),
           "SoL (2025:400) 19 kap. 6 § (fr.o.m. 2026-01-15)", "R"),
    PERIOD("besok_intervall", "3m",
           N_("Längsta tid mellan besök hos placerat barn (4 besök per år enligt tidigare SOSFS 2012:11)."),
           "SoL (2025:400) 22 kap. 11-12 §§; SoL (2001:453) 6 kap. 7 b-c §§", "R"),
    PERIOD("genomforandeplan_intervall", "6m",
           N_("Intervall för uppföljning/revidering av genomförandeplanen när planen inte anger annat."),
           "SoL (2025:400) 9 kap. 12-13 §§; SoF (2025:468) 10 kap. 3 §", "R"),
    PERIOD("vardnadshavare_begar_avslut", "14d",
           N_("Frist för nämndens åtgärd när vårdnadshavare begär att frivillig placering upphör (D9)."),
           "SoL (2025:400) 22 kap. 16 §; SoL (2001:453) 6 kap. 8 a §", "R"),
    PERIOD("aterinledd_utredning", "1m",
           N_("Inom denna tid efter en avslutad utredning räknas en ny utredning om samma barn som "
           "\"direkt efterföljande\" (B7)."),
           "JO 2565-2016", "R"),
    PERIOD("sarah_registrering", "1d",
           N_("Lex Sarah: rapport registrerad \"genast\"."),
           "SoL (2025:400) 27 kap. 5 §; SoL (2001:453) 14 kap. 6 §", "R"),
    PERIOD("sarah_utredning_inledd", "1d",
           N_("Lex Sarah: utredning inledd \"genast\" efter rapporten."),
           "SoL (2025:400) 27 kap. 5 §; SoL (2001:453) 14 kap. 6 §", "R"),
    PERIOD("sarah_anmalan_ivo", "14d",
           N_("Lex Sarah: anmälan till IVO \"snarast\" efter bedömningen att missförhållandet är allvarligt."),
           "SoL (2025:400) 27 kap. 6 §; SoL (2001:453) 14 kap. 7 §", "R"),
    PERIOD("sarah_utredning_till_ivo", "2m",
           N_("Lex Sarah: utredning som inte bifogades anmälan skickas till IVO senast inom denna tid."),
           "SOSFS 2011:5; ställning under SoL (2025:400) 27 kap. 6 § oklar", "S"),
    PERIOD("synnerliga_skal_forlangning", "14d",
           N_("Förhandsbedömning: hur långt efter den ursprungliga slutdagen tiden längst förlängs vid synnerliga "
           "skäl när ingen ny slutdag (ny_slutdag) är dokumenterad. Lagen anger ingen längd."),
           "SoL (2025:400) 20 kap. 2 §; SoL (2001:453) 11 kap. 1 a § 2 st.", "R"),
    COUNT("minsta_underlag", "10",
          N_("Minsta antal bedömda ärenden för att en andel ska redovisas som säker; andelar av färre "
          "bedömda markeras osäkra och lyfts aldrig fram."),
          "Ingen lagregel; statistisk redovisning av egenkontrollen (SOSFS 2011:9)", "R"),
};

typedef union param_value {
    ek_period period;
    int choice;
    long count;
} param_value;

struct ek_policy {
    param_value v[EK__P_COUNT];
};

static int find_param(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < EK__P_COUNT; i++)
        if (strcmp(params[i].info.name, name) == 0)
            return i;
    return -1;
}

/* Index of @word in the '|'-separated @choices, or -1. */
static int choice_index(const char *choices, const char *word)
{
    size_t wl = strlen(word);
    int idx = 0;
    const char *p = choices;
    while (*p) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == wl && strncmp(p, word, len) == 0)
            return idx;
        idx++;
        if (!end)
            break;
        p = end + 1;
    }
    return -1;
}

static int parse_value(int i, const char *text, param_value *out)
{
    const ek_policy_param_info *info = &params[i].info;
    if (info->type == EK_POLICY_PERIOD) {
        ek_period p;
        if (ek_period_parse(text, &p) != EK_OK)
            return ek__error(EK_EPARSE, "policy parameter %s: \"%s\" is not a period (e.g. 1d, 2w, 3m, 1y, 5wd)",
                             info->name, text);
        out->period = p;
        return EK_OK;
    }
    if (info->type == EK_POLICY_COUNT) {
        char *end = NULL;
        errno = 0;
        long v = (text[0] >= '0' && text[0] <= '9') ? strtol(text, &end, 10) : -1;
        if (v < 0 || errno != 0 || end == NULL || *end != '\0' || v > 1000000)
            return ek__error(EK_EPARSE, "policy parameter %s: \"%s\" is not a whole number from 0 to 1000000",
                             info->name, text);
        out->count = v;
        return EK_OK;
    }
    int c = choice_index(info->choices, text);
    if (c < 0)
        return ek__error(EK_EPARSE, "policy parameter %s: \"%s\" is not one of %s", info->name, text,
                         info->choices);
    out->choice = c;
    return EK_OK;
}

int ek_policy_reset(ek_policy *policy)
{
    if (policy == NULL)
        return ek__error(EK_EINVAL, "ek_policy_reset: policy is NULL");
    for (int i = 0; i < EK__P_COUNT; i++) {
        int rc = parse_value(i, params[i].info.default_value, &policy->v[i]);
        if (rc != EK_OK)
            return ek__error(EK_EINTERNAL, "built-in default of %s does not parse", params[i].info.name);
    }
    return EK_OK;
}

int ek_policy_new(ek_policy **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_policy_new: out is NULL");
    ek_policy *p = ek__calloc(1, sizeof *p);
    if (p == NULL)
        return ek__oom();
    int rc = ek_policy_reset(p);
    if (rc != EK_OK) {
        ek__free(p);
        return rc;
    }
    *out = p;
    return EK_OK;
}

void ek_policy_free(ek_policy *policy) { ek__free(policy); }

int ek_policy_copy(ek_policy *dst, const ek_policy *src)
{
    if (dst == NULL || src == NULL)
        return ek__error(EK_EINVAL, "ek_policy_copy: NULL policy");
    *dst = *src;
    return EK_OK;
}

int ek_policy_set(ek_policy *policy, const char *name, const char *value)
{
    if (policy == NULL || name == NULL || value == NULL)
        return ek__error(EK_EINVAL, "ek_policy_set: NULL argument");
    int i = find_param(name);
    if (i < 0)
        return ek__error(EK_ENOTFOUND, "unknown policy parameter \"%s\"", name);
    param_value v;
    int rc = parse_value(i, value, &v);
    if (rc != EK_OK)
        return rc;
    policy->v[i] = v;
    return EK_OK;
}

int ek_policy_get(const ek_policy *policy, const char *name, char *buf, size_t size)
{
    if (policy == NULL || name == NULL || buf == NULL)
        return ek__error(EK_EINVAL, "ek_policy_get: NULL argument");
    int i = find_param(name);
    if (i < 0)
        return ek__error(EK_ENOTFOUND, "unknown policy parameter \"%s\"", name);
    char tmp[EK_PERIOD_BUFSIZE + 16];
    const ek_policy_param_info *info = &params[i].info;
    if (info->type == EK_POLICY_PERIOD) {
        int rc = ek_period_format(policy->v[i].period, tmp, sizeof tmp);
        if (rc != EK_OK)
            return rc;
    } else if (info->type == EK_POLICY_COUNT) {
        snprintf(tmp, sizeof tmp, "%ld", policy->v[i].count);
    } else {
        const char *p = info->choices;
        for (int k = 0; k < policy->v[i].choice; k++)
            p = strchr(p, '|') + 1;
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        memcpy(tmp, p, len);
        tmp[len] = '\0';
    }
    if (strlen(tmp) + 1 > size)
        return ek__error(EK_ELIMIT, "ek_policy_get: buffer of %zu bytes too small for %s", size, name);
    memcpy(buf, tmp, strlen(tmp) + 1);
    return EK_OK;
}

int ek_policy_get_period(const ek_policy *policy, const char *name, ek_period *out)
{
    if (policy == NULL || name == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_policy_get_period: NULL argument");
    int i = find_param(name);
    if (i < 0)
        return ek__error(EK_ENOTFOUND, "unknown policy parameter \"%s\"", name);
    if (params[i].info.type != EK_POLICY_PERIOD)
        return ek__error(EK_EINVAL, "policy parameter %s is not a period", name);
    *out = policy->v[i].period;
    return EK_OK;
}

int ek_policy_get_count(const ek_policy *policy, const char *name, long *out)
{
    if (policy == NULL || name == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_policy_get_count: NULL argument");
    int i = find_param(name);
    if (i < 0)
        return ek__error(EK_ENOTFOUND, "unknown policy parameter \"%s\"", name);
    if (params[i].info.type != EK_POLICY_COUNT)
        return ek__error(EK_EINVAL, "policy parameter %s is not a count", name);
    *out = policy->v[i].count;
    return EK_OK;
}

long ek__policy_count(const ek_policy *policy, ek__policy_id id)
{
    return policy->v[id].count;
}

ek_judge_on ek_policy_judge_on(const ek_policy *policy)
{
    if (policy == NULL)
        return EK_JUDGE_LEGAL;
    return policy->v[EK_P_BEDOM_MOT].choice == 1 ? EK_JUDGE_NOMINAL : EK_JUDGE_LEGAL;
}

ek_period ek__policy_period(const ek_policy *policy, ek__policy_id id)
{
    return policy->v[id].period;
}

size_t ek_policy_param_count(void) { return EK__P_COUNT; }

int ek_policy_param_at(size_t index, const ek_policy_param_info **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_policy_param_at: out is NULL");
    if (index >= EK__P_COUNT)
        return ek__error(EK_ERANGE, "policy parameter index %zu out of range (0-%d)", index, EK__P_COUNT - 1);
    *out = &params[index].info;
    return EK_OK;
}
