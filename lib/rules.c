/* SPDX-License-Identifier: MIT */
/*
 * The built-in temporal rulebook: every time limit of DOMAIN.md §4 with its
 * versions (validity dates, period, legal basis, certainty).
 *
 * Old law: SoL (2001:453) / SoF (2001:937), in force up to 2025-06-30.
 * New law: SoL (2025:400) / SoF (2025:468), from 2025-07-01 (no transitional rule).
 */
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "rules_internal.h"

#define NONE EK_DATE_NONE
#define D EK__DATE
#define OLD_END D(2025, 6, 30)
#define NEW_FROM D(2025, 7, 1)
#define P(n, u) { (n), (u) }
#define NOP { 0, (ek_period_unit)0 }
#define DAYS EK_UNIT_DAYS
#define WEEKS EK_UNIT_WEEKS
#define MONTHS EK_UNIT_MONTHS
#define YEARS EK_UNIT_YEARS

/* A version with a fixed period. */
#define V(from, to, per, rep, basis, cert, note) { from, to, 1, per, rep, -1, basis, cert, note }
/* A version whose period is a policy parameter. */
#define VP(from, to, pol, basis, cert, note) { from, to, 1, NOP, NOP, pol, basis, cert, note }
/* A version with the duty but no time limit. */
#define VN(from, to, basis, cert, note) { from, to, 0, NOP, NOP, -1, basis, cert, note }

static const ek__rule_version v_skyddsbedomning[] = {
    VP(D(2013, 1, 1), OLD_END, EK_P_SKYDDSBEDOMNING_MARGINAL, "SoL (2001:453) 11 kap. 1 a § 1 st.", "S",
       N_("\"Genast\": samma dag; marginalen är policyparametern skyddsbedomning_marginal. Ikraftträdande "
       "2013-01-01 (samma ändring som förhandsbedömningen) antaget (R).")),
    VP(NEW_FROM, NONE, EK_P_SKYDDSBEDOMNING_MARGINAL, "SoL (2025:400) 20 kap. 1 §", "V",
       N_("\"Genast\": samma dag; marginalen är policyparametern skyddsbedomning_marginal.")),
};

static const ek__rule_version v_forhandsbedomning[] = {
    V(D(2013, 1, 1), OLD_END, P(14, DAYS), NOP, "SoL (2001:453) 11 kap. 1 a § 2 st.", "S", NULL),
    V(NEW_FROM, NONE, P(14, DAYS), NOP, "SoL (2025:400) 20 kap. 2 §", "V", NULL),
};

static const ek__rule_version v_utredning[] = {
    V(NONE, OLD_END, P(4, MONTHS), NOP, "SoL (2001:453) 11 kap. 2 § 2 st.", "S", NULL),
    V(NEW_FROM, NONE, P(4, MONTHS), NOP, "SoL (2025:400) 20 kap. 3 §", "V", NULL),
};

static const ek__rule_version v_information_utredning[] = {
    VP(NONE, OLD_END, EK_P_INFORMATION_UTREDNING, "SoL (2001:453) 11 kap. 2 § 3 st.", "R",
       N_("\"Genast\": fristen är policyparametern information_utredning. Hänvisningen i äldre lag är inte "
       "verifierad (R).")),
    VP(NEW_FROM, NONE, EK_P_INFORMATION_UTREDNING, "SoL (2025:400) 20 kap. 4 §", "V",
       N_("\"Genast\": fristen är policyparametern information_utredning.")),
};

static const ek__rule_version v_aterkoppling[] = {
    VN(NONE, OLD_END, "SoL (2001:453) 14 kap. 1 b §", "V", N_("Återkoppling på begäran, utan tidsfrist.")),
    VN(NEW_FROM, D(2026, 1, 14), "SoL (2025:400) 19 kap. 6 §", "V",
       N_("Utan tidsfrist före ändringen SFS 2025:1501 (i kraft 2026-01-15).")),
    V(D(2026, 1, 15), NONE, P(1, WEEKS), NOP, "SoL (2025:400) 19 kap. 6 § (SFS 2025:1501)", "V",
      N_("Inom en vecka från beslutet att inleda eller inte inleda utredning; \"genast\" (policyparametern "
      "aterkoppling_genast) om begäran kommer senare eller utredning redan pågår.")),
};

static const ek__rule_version v_overvagande_sol[] = {
    V(NONE, OLD_END, P(6, MONTHS), P(6, MONTHS), "SoL (2001:453) 6 kap. 8 § 1 st.", "R",
      N_("Lagrummet och sexmånadersfristen är lästa i lagtext (V); att fristen räknas från verkställd placering, "
      "sedan från varje övervägande, är en läsning (R).")),
    V(NEW_FROM, NONE, P(6, MONTHS), P(6, MONTHS), "SoL (2025:400) 22 kap. 13 §", "R",
      N_("Lagrummet och sexmånadersfristen är lästa i lagtext (V); att fristen räknas från verkställd placering, "
      "sedan från varje övervägande, är en läsning (R).")),
};

static const ek__rule_version v_vardnadsoverflyttning[] = {
    V(NONE, D(2021, 2, 28), P(3, YEARS), NOP, "SoL (2001:453) 6 kap. 8 § 2 st.", "V",
      N_("Efter tre år i samma familjehem; ingen årlig upprepning före 2021-03-01.")),
    V(D(2021, 3, 1), D(2022, 6, 30), P(3, YEARS), P(1, YEARS), "SoL (2001:453) 6 kap. 8 § 2 st.", "V",
      N_("Efter tre år, därefter årligen (från 2021-03-01).")),
    V(D(2022, 7, 1), OLD_END, P(2, YEARS), P(1, YEARS), "SoL (2001:453) 6 kap. 8 b §", "V",
      N_("Efter två år (från 2022-07-01), därefter årligen; förfaller tidigast 2022-07-01.")),
    V(NEW_FROM, NONE, P(2, YEARS), P(1, YEARS), "SoL (2025:400) 22 kap. 14 §", "V",
      N_("Efter två år i samma familjehem, därefter årligen.")),
};

static const ek__rule_version v_vardplan_revision[] = {
    V(D(2021, 3, 1), OLD_END, P(2, YEARS), NOP, "SoL (2001:453) 11 kap. 3 §", "V",
      N_("Första revidering senast efter två års placering (från 2021-03-01).")),
    V(NEW_FROM, NONE, P(2, YEARS), NOP, "SoL (2025:400) 9 kap. 13 §", "V", NULL),
};

static const ek__rule_version v_jourhem[] = {
    V(NONE, OLD_END, P(2, MONTHS), NOP, "SoL (2001:453) 6 kap. 6 §", "R",
      N_("Hänvisningen i äldre lag och dess ikraftträdande är inte verifierade (R).")),
    V(NEW_FROM, NONE, P(2, MONTHS), NOP, "SoL (2025:400) 22 kap. 4 §", "V",
      N_("Längre tid vid särskilda skäl; kan inte anges i case-1 (granskas manuellt).")),
};

static const ek__rule_version v_forteckning_ivo[] = {
    V(NONE, OLD_END, P(30, DAYS), NOP, "SoF (2001:937) 7 kap. 1 §", "R",
      N_("Senast den 31 januari varje år. Hänvisningen i äldre förordning är inte verifierad (R).")),
    V(NEW_FROM, NONE, P(30, DAYS), NOP, "SoF (2025:468) 3 kap. 4 §", "V", N_("Senast den 31 januari varje år.")),
};

static const ek__rule_version v_lvu_overvagande[] = {
    V(NONE, NONE, P(6, MONTHS), P(6, MONTHS), "LVU (1990:52) 13 § 1 st.", "R",
      N_("Lagrummet och sexmånadersfristen är lästa i lagtext (V); att fristen räknas från att vården började "
      "(10 §), sedan från varje övervägande, är en läsning (R).")),
};

static const ek__rule_version v_lvu_omprovning[] = {
    V(NONE, NONE, P(6, MONTHS), P(6, MONTHS), "LVU (1990:52) 13 § 2 st.", "V", NULL),
};

static const ek__rule_version v_lvu_vardnadsoverflyttning[] = {
    V(NONE, D(2021, 2, 28), P(3, YEARS), NOP, "LVU (1990:52) 13 § 3 st.", "R",
      N_("Tidigare lydelse (tre år) ej verifierad i lagtext (R).")),
    V(D(2021, 3, 1), D(2022, 6, 30), P(3, YEARS), P(1, YEARS), "LVU (1990:52) 13 § 3 st.", "R",
      N_("Tidigare lydelse (tre år, därefter årligen) ej verifierad i lagtext (R).")),
    V(D(2022, 7, 1), NONE, P(2, YEARS), P(1, YEARS), "LVU (1990:52) 13 c §", "V",
      N_("Efter två år i samma familjehem, därefter årligen; förfaller tidigast 2022-07-01.")),
};

static const ek__rule_version v_lvu_understallning[] = {
    V(NONE, NONE, P(1, WEEKS), NOP, "LVU (1990:52) 7 §", "V",
      N_("Underställs förvaltningsrätten inom en vecka, annars upphör omhändertagandet.")),
};

static const ek__rule_version v_lvu_ansokan_vard[] = {
    V(NONE, NONE, P(4, WEEKS), NOP, "LVU (1990:52) 8 §", "V",
      N_("Rätten kan förlänga tiden; förlängning kan inte anges i case-1.")),
};

static const ek__rule_version v_lvu_vard_paborjad[] = {
    V(NONE, NONE, P(4, WEEKS), NOP, "LVU (1990:52) 5 §", "V",
      N_("Vården ska ha påbörjats inom fyra veckor från att domen vann laga kraft, annars upphör beslutet.")),
};

static const ek__rule_version v_lvu_umgange[] = {
    V(NONE, NONE, P(3, MONTHS), P(3, MONTHS), "LVU (1990:52) 14 § 3 st.", "V", NULL),
};

static const ek__rule_version v_lvu_uppfoljning[] = {
    V(D(2023, 7, 1), NONE, P(6, MONTHS), NOP, "LVU (1990:52) 21 b–c §§", "R",
      N_("Ikraftträdandet 2023-07-01 är inte verifierat (R); uppföljningen avslutas senast sex månader "
      "efter att den påbörjats, endast om barnet är under 18 år.")),
};

static const ek__rule_version v_fl_begaran[] = {
    V(D(2018, 7, 1), OLD_END, P(4, WEEKS), NOP, "FL (2017:900) 12 §", "R",
      N_("Gäller ärenden som inletts av enskild part och pågått mer än sex månader.")),
    V(NEW_FROM, NONE, P(4, WEEKS), NOP, "FL (2017:900) 12 §; SoL (2025:400) 14 kap. 10 §", "R",
      N_("Gäller ärenden som inletts av enskild part och pågått mer än sex månader.")),
};

static const ek__rule_version v_ivo_forelaggande[] = {
    V(NONE, NONE, P(0, DAYS), NOP, "IVO:s beslut (föreläggande)", "V",
      N_("Slutdagen är den dag beslutet anger (svar_senast); att 2 § lagen (1930:173) flyttar den är en läsning (R).")),
};

static const ek__rule_version v_besok[] = {
    VP(NONE, OLD_END, EK_P_BESOK_INTERVALL, "SoL (2001:453) 6 kap. 7 b–c §§", "R",
       N_("Skyldigheten följer av lag; intervallet är policyparametern besok_intervall (förr SOSFS 2012:11, R).")),
    VP(NEW_FROM, NONE, EK_P_BESOK_INTERVALL, "SoL (2025:400) 22 kap. 11–12 §§", "R",
       N_("Skyldigheten följer av lag; intervallet är policyparametern besok_intervall (R).")),
};

static const ek__rule_version v_genomforandeplan[] = {
    VP(NONE, OLD_END, EK_P_GENOMFORANDEPLAN_INTERVALL, "SoL (2001:453) 11 kap. 3 §; SoF (2001:937) 5 kap. 1 a §",
       "R", N_("Skyldigheten följer av lag; intervallet är policyparametern genomforandeplan_intervall.")),
    VP(NEW_FROM, NONE, EK_P_GENOMFORANDEPLAN_INTERVALL, "SoL (2025:400) 9 kap. 12–13 §§; SoF (2025:468) 10 kap. 3 §",
       "R", N_("Skyldigheten följer av lag; intervallet är policyparametern genomforandeplan_intervall.")),
};

#define NV(a) (sizeof(a) / sizeof((a)[0]))
#define RULE(id, name, title, desc, kind, st, co, ext, exttext, vers) \
    { id, name, title, desc, kind, st, co, ext, exttext, vers, NV(vers) }

static const ek__rule_def builtin_rules[EK__RULE_COUNT] = {
    RULE(EK_RULE_SKYDDSBEDOMNING, "skyddsbedomning", N_("Skyddsbedömning genast"),
         N_("När en anmälan kommit in ska nämnden genast bedöma om barnet behöver omedelbart skydd."),
         EK_RULE_SINGLE, "anmalan_mottagen", "skyddsbedomning", EK_EXTENSION_NONE, NULL, v_skyddsbedomning),
    RULE(EK_RULE_FORHANDSBEDOMNING, "forhandsbedomning", N_("Förhandsbedömning inom 14 dagar"),
         N_("Beslut om att inleda eller inte inleda utredning inom 14 dagar från att anmälan kom in; behövs inte "
         "om anmälan förs till en redan pågående utredning."),
         EK_RULE_SINGLE, "anmalan_mottagen", "beslut_inleda_utredning|beslut_inte_inleda_utredning",
         EK_EXTENSION_SYNNERLIGA_SKAL,
         N_("Synnerliga skäl, dokumenterade (forhandsbedomning_synnerliga_skal) senast på slutdagen, undantar "
         "fristen; arbetsbelastning eller bemanning är aldrig synnerliga skäl."),
         v_forhandsbedomning),
    RULE(EK_RULE_UTREDNING, "utredning", N_("Utredning klar inom fyra månader"),
         N_("En utredning ska vara slutförd inom fyra månader från att den inleddes."),
         EK_RULE_SINGLE, "utredning_inledd", "utredning_avslutad", EK_EXTENSION_NEW_END_DATE,
         N_("Vid särskilda skäl får nämnden besluta att förlänga utredningen för viss tid (utredning_forlangd med "
         "ny_slutdag); beslutet måste fattas innan fristen löpt ut."),
         v_utredning),
    RULE(EK_RULE_INFORMATION_UTREDNING, "information_utredning", N_("Information om inledd utredning"),
         N_("Den som berörs ska genast underrättas om att en utredning inletts."),
         EK_RULE_SINGLE, "utredning_inledd", "information_utredning", EK_EXTENSION_NONE, NULL,
         v_information_utredning),
    RULE(EK_RULE_ATERKOPPLING_ANMALARE, "aterkoppling_anmalare", N_("Återkoppling till anmälare"),
         N_("En anmälningsskyldig anmälare som begär det ska få veta om utredning inletts: från 2026-01-15 inom en "
         "vecka från beslutet, genast om begäran kommer senare eller utredning redan pågår."),
         EK_RULE_SINGLE, "aterkoppling_begard", "aterkoppling_lamnad", EK_EXTENSION_NONE, NULL, v_aterkoppling),
    RULE(EK_RULE_OVERVAGANDE_SOL, "overvagande_sol", N_("Övervägande av vård enligt SoL var sjätte månad"),
         N_("När ett barn är placerat ska nämnden minst en gång var sjätte månad överväga om vården behövs och hur den "
         "bör inriktas."),
         EK_RULE_RECURRING, "placering_verkstalld", "overvagande", EK_EXTENSION_NONE, NULL, v_overvagande_sol),
    RULE(EK_RULE_VARDNADSOVERFLYTTNING, "vardnadsoverflyttning", N_("Överväga vårdnadsöverflyttning"),
         N_("När barnet varit placerat i samma familjehem i två år (tre år före 2022-07-01) ska nämnden särskilt "
         "överväga om det finns skäl att ansöka om vårdnadsöverflyttning, därefter minst en gång per år."),
         EK_RULE_RECURRING, "placering_verkstalld", "vardnadsoverflyttning_overvagd", EK_EXTENSION_NONE, NULL,
         v_vardnadsoverflyttning),
    RULE(EK_RULE_VARDPLAN_REVISION, "vardplan_revision", N_("Revidering av vårdplanen"),
         N_("Vårdplanen ska ses över och revideras senast när barnet varit placerat i två år."),
         EK_RULE_SINGLE, "placering_verkstalld", "vardplan_reviderad", EK_EXTENSION_NONE, NULL,
         v_vardplan_revision),
    RULE(EK_RULE_JOURHEM_EFTER_UTREDNING, "jourhem_efter_utredning", N_("Högst två månader i jourhem efter utredningen"),
         N_("Ett barn får vara placerat i jourhem högst två månader efter att utredningen avslutats."),
         EK_RULE_SINGLE, "utredning_avslutad", "placering_avslutad|placering_verkstalld", EK_EXTENSION_SARSKILDA_SKAL,
         N_("Särskilda skäl medger längre tid; kan inte anges i case-1."), v_jourhem),
    RULE(EK_RULE_FORTECKNING_IVO, "forteckning_ivo", N_("Förteckning över barn i familjehem till IVO"),
         N_("Nämnden ska senast den 31 januari varje år lämna en kopia av förteckningen över barn placerade i "
         "familjehem till IVO (nämndnivå, inte per ärende)."),
         EK_RULE_ANNUAL, "", "", EK_EXTENSION_NONE, NULL, v_forteckning_ivo),
    RULE(EK_RULE_LVU_OVERVAGANDE, "lvu_overvagande", N_("Övervägande av LVU-vård (2 §) var sjätte månad"),
         N_("När ett barn vårdas enligt 2 § LVU ska nämnden minst en gång var sjätte månad överväga om vården "
         "fortfarande behövs."),
         EK_RULE_RECURRING, "placering_verkstalld", "overvagande", EK_EXTENSION_NONE, NULL, v_lvu_overvagande),
    RULE(EK_RULE_LVU_OMPROVNING, "lvu_omprovning", N_("Omprövning av LVU-vård (3 §) var sjätte månad"),
         N_("När ett barn vårdas enligt 3 § LVU ska nämnden inom sex månader från verkställigheten, och sedan inom "
         "sex månader från senaste omprövningen, pröva om vården ska upphöra."),
         EK_RULE_RECURRING, "placering_verkstalld", "omprovning", EK_EXTENSION_NONE, NULL, v_lvu_omprovning),
    RULE(EK_RULE_LVU_VARDNADSOVERFLYTTNING, "lvu_vardnadsoverflyttning", N_("Överväga vårdnadsöverflyttning (LVU)"),
         N_("När barnet vårdats enligt LVU i samma familjehem i två år ska nämnden särskilt överväga "
         "vårdnadsöverflyttning, därefter minst en gång per år."),
         EK_RULE_RECURRING, "placering_verkstalld", "vardnadsoverflyttning_overvagd", EK_EXTENSION_NONE, NULL,
         v_lvu_vardnadsoverflyttning),
    RULE(EK_RULE_LVU_UNDERSTALLNING, "lvu_understallning", N_("Underställning av omedelbart omhändertagande"),
         N_("Beslut om omedelbart omhändertagande ska underställas förvaltningsrätten inom en vecka, annars upphör det."),
         EK_RULE_SINGLE, "omedelbart_omhandertagande", "understallning", EK_EXTENSION_NONE, NULL,
         v_lvu_understallning),
    RULE(EK_RULE_LVU_ANSOKAN_VARD, "lvu_ansokan_vard", N_("Ansökan om vård efter omedelbart omhändertagande"),
         N_("Ansökan om vård ska göras inom fyra veckor från att omhändertagandet verkställdes."),
         EK_RULE_SINGLE, "omedelbart_omhandertagande_verkstallt", "ansokan_lvu", EK_EXTENSION_COURT,
         N_("Förvaltningsrätten kan medge längre tid; kan inte anges i case-1."), v_lvu_ansokan_vard),
    RULE(EK_RULE_LVU_VARD_PABORJAD, "lvu_vard_paborjad", N_("Vården påbörjad inom fyra veckor"),
         N_("Vård enligt dom ska ha påbörjats inom fyra veckor från att domen vann laga kraft, annars upphör beslutet."),
         EK_RULE_SINGLE, "dom_laga_kraft", "placering_verkstalld", EK_EXTENSION_NONE, NULL, v_lvu_vard_paborjad),
    RULE(EK_RULE_LVU_UMGANGE, "lvu_umgange", N_("Omprövning av umgängesbegränsning var tredje månad"),
         N_("Ett beslut om umgängesbegränsning eller hemlighållande av vistelseort ska övervägas minst en gång var "
         "tredje månad."),
         EK_RULE_RECURRING, "umgangesbegransning", "umgangesbegransning_omprovad", EK_EXTENSION_NONE, NULL,
         v_lvu_umgange),
    RULE(EK_RULE_LVU_UPPFOLJNING, "lvu_uppfoljning", N_("Uppföljning efter avslutad LVU-vård"),
         N_("När vård enligt LVU upphört för ett barn under 18 år ska nämnden följa upp barnets situation; "
         "uppföljningen avslutas senast sex månader efter att den påbörjats."),
         EK_RULE_SINGLE, "lvu_vard_avslutad", "lvu_uppfoljning_avslutad", EK_EXTENSION_NONE, NULL,
         v_lvu_uppfoljning),
    RULE(EK_RULE_FL_BEGARAN_AVGORANDE, "fl_begaran_avgorande", N_("Begäran om avgörande (FL 12 §)"),
         N_("Om ett ärende som inletts av enskild part inte avgjorts inom sex månader får parten begära att det "
         "avgörs; nämnden ska inom fyra veckor avgöra ärendet eller avslå begäran."),
         EK_RULE_SINGLE, "begaran_avgorande", "begaran_avgorande_besvarad", EK_EXTENSION_NONE, NULL, v_fl_begaran),
    RULE(EK_RULE_IVO_FORELAGGANDE, "ivo_forelaggande", N_("Svar på IVO:s beslut"),
         N_("Svar till IVO senast den dag beslutet anger."),
         EK_RULE_SINGLE, "ivo_beslut", "ivo_svar", EK_EXTENSION_NONE, NULL, v_ivo_forelaggande),
    RULE(EK_RULE_BESOK_PLACERAT_BARN, "besok_placerat_barn", N_("Besök och enskilda samtal med placerat barn"),
         N_("Den ansvariga socialsekreteraren ska regelbundet besöka det placerade barnet och samtala enskilt med "
         "det; lagen anger inget antal, policyn anger intervallet."),
         EK_RULE_RECURRING, "placering_verkstalld", "besok", EK_EXTENSION_NONE, NULL, v_besok),
    RULE(EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING, "genomforandeplan_uppfoljning", N_("Uppföljning av genomförandeplanen"),
         N_("Genomförandeplanen ska följas upp och revideras med det intervall planen eller nämndens rutin anger; "
         "policyn anger intervallet."),
         EK_RULE_RECURRING, "genomforandeplan", "genomforandeplan_reviderad", EK_EXTENSION_NONE, NULL,
         v_genomforandeplan),
};

static const ek_rulebook builtin = { "2026.1", builtin_rules, EK__RULE_COUNT };

const ek_rulebook *ek_rulebook_builtin(void) { return &builtin; }

const char *ek_rulebook_version(const ek_rulebook *rb) { return rb ? rb->version : NULL; }

size_t ek_rulebook_rule_count(const ek_rulebook *rb) { return rb ? rb->nrules : 0; }

const char *ek_rule_name(ek_rule_id rule)
{
    if ((int)rule < 0 || rule >= EK__RULE_COUNT)
        return NULL;
    return builtin_rules[rule].name;
}

int ek_rulebook_rule(const ek_rulebook *rb, size_t index, ek_rule_info *out)
{
    if (rb == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_rulebook_rule: NULL argument");
    if (out->version != EK_RULE_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_rulebook_rule: struct version %u unknown (expected %u)", out->version,
                         (unsigned)EK_RULE_INFO_VERSION);
    if (index >= rb->nrules)
        return ek__error(EK_ERANGE, "ek_rulebook_rule: index %zu out of range (%zu rules)", index, rb->nrules);
    const ek__rule_def *r = &rb->rules[index];
    out->id = r->id;
    out->name = r->name;
    out->title = _(r->title);              /* translated (i18n.h) */
    out->description = _(r->description);
    out->kind = r->kind;
    out->start_events = r->start_events;
    out->completion_events = r->completion_events;
    out->extension = r->extension;
    out->extension_text = _(r->extension_text);
    out->version_count = r->nversions;
    return EK_OK;
}

int ek_rulebook_find(const ek_rulebook *rb, const char *name, size_t *index)
{
    if (rb == NULL || name == NULL || index == NULL)
        return ek__error(EK_EINVAL, "ek_rulebook_find: NULL argument");
    for (size_t i = 0; i < rb->nrules; i++)
        if (strcmp(rb->rules[i].name, name) == 0) {
            *index = i;
            return EK_OK;
        }
    return ek__error(EK_ENOTFOUND, "no rule \"%.80s\" in rulebook %s", name, rb->version);
}

static void fill_version(const ek__rule_def *r, const ek__rule_version *v, ek_rule_version_info *out)
{
    out->rule = r->id;
    out->valid_from = v->from;
    out->valid_to = v->to;
    out->has_limit = v->has_limit;
    out->period = v->period;
    out->repeat = v->repeat;
    out->policy_param = NULL;
    if (v->policy >= 0) {
        const ek_policy_param_info *pi = NULL;
        if (ek_policy_param_at((size_t)v->policy, &pi) == EK_OK)
            out->policy_param = pi->name;
    }
    out->basis = v->basis;
    out->certainty = v->certainty;
    out->note = _(v->note);
}

static int version_args(const ek_rulebook *rb, size_t index, const ek_rule_version_info *out, const char *fn)
{
    if (rb == NULL || out == NULL)
        return ek__error(EK_EINVAL, "%s: NULL argument", fn);
    if (out->version != EK_RULE_VERSION_INFO_VERSION)
        return ek__error(EK_EVERSION, "%s: struct version %u unknown (expected %u)", fn, out->version,
                         (unsigned)EK_RULE_VERSION_INFO_VERSION);
    if (index >= rb->nrules)
        return ek__error(EK_ERANGE, "%s: rule index %zu out of range (%zu rules)", fn, index, rb->nrules);
    return EK_OK;
}

int ek_rulebook_rule_version(const ek_rulebook *rb, size_t index, size_t k, ek_rule_version_info *out)
{
    int rc = version_args(rb, index, out, "ek_rulebook_rule_version");
    if (rc != EK_OK)
        return rc;
    const ek__rule_def *r = &rb->rules[index];
    if (k >= r->nversions)
        return ek__error(EK_ERANGE, "ek_rulebook_rule_version: rule %s has %zu versions, not %zu", r->name,
                         r->nversions, k + 1);
    fill_version(r, &r->versions[k], out);
    return EK_OK;
}

int ek_rulebook_version_on(const ek_rulebook *rb, size_t index, ek_date day, ek_rule_version_info *out)
{
    int rc = version_args(rb, index, out, "ek_rulebook_version_on");
    if (rc != EK_OK)
        return rc;
    if (!ek_date_in_range(day))
        return ek__error(EK_ERANGE, "ek_rulebook_version_on: date outside the supported range");
    const ek__rule_def *r = &rb->rules[index];
    for (size_t k = 0; k < r->nversions; k++) {
        const ek__rule_version *v = &r->versions[k];
        if ((v->from == EK_DATE_NONE || v->from <= day) && (v->to == EK_DATE_NONE || day <= v->to)) {
            fill_version(r, v, out);
            return EK_OK;
        }
    }
    return EK_ENOTFOUND;
}
