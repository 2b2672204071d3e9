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

/* A version with a period set by law (1930:173 applies: the last day rolls over). */
#define V(from, to, per, rep, basis, cert, note) { from, to, 1, per, rep, -1, EK_PERIOD_LAW, basis, cert, note }
/* A version whose period is a policy parameter: a duty the law leaves open ("genast",
 * "regelbundet"); counted in calendar days / months, never rolled. */
#define VP(from, to, pol, basis, cert, note) { from, to, 1, NOP, NOP, pol, EK_PERIOD_POLICY, basis, cert, note }
/* A version whose last day is set by a decision (the rule's set_date_attr): that day, never rolled. */
#define VS(from, to, basis, cert, note) { from, to, 1, P(0, DAYS), NOP, -1, EK_PERIOD_SET_DATE, basis, cert, note }
/* A version with the duty but no time limit. */
#define VN(from, to, basis, cert, note) { from, to, 0, NOP, NOP, -1, EK_PERIOD_LAW, basis, cert, note }

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
      "efter att den påbörjats (21 c §), endast om barnet är under 18 år; den får påbörjas när barnet "
      "flyttat hem (21 b § 2 st.).")),
};

static const ek__rule_version v_fl_begaran[] = {
    V(D(2018, 7, 1), OLD_END, P(4, WEEKS), NOP, "FL (2017:900) 12 §", "R",
      N_("Gäller ärenden som inletts av enskild part och pågått mer än sex månader.")),
    V(NEW_FROM, NONE, P(4, WEEKS), NOP, "FL (2017:900) 12 §; SoL (2025:400) 14 kap. 10 §", "R",
      N_("Gäller ärenden som inletts av enskild part och pågått mer än sex månader.")),
};

static const ek__rule_version v_ivo_forelaggande[] = {
    VS(NONE, NONE, "IVO:s beslut (föreläggande)", "V",
       N_("Slutdagen är den dag beslutet anger (svar_senast). Den är bestämd i ett beslut, inte \"enligt lag eller "
       "särskild författning\": 2 § lagen (1930:173) flyttar den inte (samma regel för alla dagar som nämnden "
       "eller en myndighet bestämt, docs/rules.md).")),
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
#define EV EK__EV
#define NO_EXT { 0, NULL, -1 }
#define ANY_PLACEMENT { EK__G_ANY, NULL, 0 }

/*
 * The entries.  The strings (start_events, completion_events) document what
 * the masks below them evaluate; tests/test_rules.c fails when they differ.
 */
static const ek__rule_def builtin_rules[] = {
    { .id = EK_RULE_SKYDDSBEDOMNING, .name = "skyddsbedomning", .title = N_("Skyddsbedömning genast"),
      .description = N_("När en anmälan kommit in ska nämnden genast bedöma om barnet behöver omedelbart skydd."),
      .kind = EK_RULE_SINGLE, .start_events = "anmalan_mottagen", .completion_events = "skyddsbedomning",
      .extension = EK_EXTENSION_NONE, .versions = v_skyddsbedomning, .nversions = NV(v_skyddsbedomning),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(ANMALAN_MOTTAGEN), .done_mask = EV(SKYDDSBEDOMNING),
      .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_FORHANDSBEDOMNING, .name = "forhandsbedomning", .title = N_("Förhandsbedömning inom 14 dagar"),
      .description = N_("Beslut om att inleda eller inte inleda utredning inom 14 dagar från att anmälan kom in; behövs inte "
         "om anmälan förs till en redan pågående utredning."),
      .kind = EK_RULE_SINGLE, .start_events = "anmalan_mottagen",
      .completion_events = "beslut_inleda_utredning|beslut_inte_inleda_utredning",
      .extension = EK_EXTENSION_SYNNERLIGA_SKAL,
      .extension_text = N_("Tiden får endast förlängas om det finns synnerliga skäl (20 kap. 2 §), dokumenterade "
         "(forhandsbedomning_synnerliga_skal) senast på slutdagen; förlängningen gäller till den nya slutdag som "
         "anges (ny_slutdag), annars policyns tak (synnerliga_skal_forlangning efter den ursprungliga slutdagen). "
         "Därefter är fristen överskriden; synnerliga skäl är aldrig ett undantag från fristen. Arbetsbelastning "
         "eller bemanning är aldrig synnerliga skäl."),
      .versions = v_forhandsbedomning, .nversions = NV(v_forhandsbedomning),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(ANMALAN_MOTTAGEN),
      .done_mask = EV(BESLUT_INLEDA_UTREDNING) | EV(BESLUT_INTE_INLEDA_UTREDNING),
      .na_mask = EV(PAGAENDE_UTREDNING), .conditions = EK__C_NOT_IF_INVESTIGATION_RUNNING,
      .genast_policy = -1, .placement = ANY_PLACEMENT,
      .ext = { EV(FORHANDSBEDOMNING_SYNNERLIGA_SKAL), "ny_slutdag", EK_P_SYNNERLIGA_SKAL_FORLANGNING } },
    { .id = EK_RULE_UTREDNING, .name = "utredning", .title = N_("Utredning klar inom fyra månader"),
      .description = N_("En utredning ska vara slutförd inom fyra månader från att den inleddes."),
      .kind = EK_RULE_SINGLE, .start_events = "utredning_inledd", .completion_events = "utredning_avslutad",
      .extension = EK_EXTENSION_NEW_END_DATE,
      .extension_text = N_("Vid särskilda skäl får nämnden besluta att förlänga utredningen för viss tid (utredning_forlangd "
         "med ny_slutdag); beslutet måste fattas innan fristen löpt ut. Den nya slutdagen är bestämd av nämnden och "
         "flyttas inte enligt 2 § lagen (1930:173)."),
      .versions = v_utredning, .nversions = NV(v_utredning),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(UTREDNING_INLEDD), .done_mask = EV(UTREDNING_AVSLUTAD),
      .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = { EV(UTREDNING_FORLANGD), "ny_slutdag", -1 } },
    { .id = EK_RULE_INFORMATION_UTREDNING, .name = "information_utredning", .title = N_("Information om inledd utredning"),
      .description = N_("Den som berörs ska genast underrättas om att en utredning inletts."),
      .kind = EK_RULE_SINGLE, .start_events = "utredning_inledd", .completion_events = "information_utredning",
      .extension = EK_EXTENSION_NONE, .versions = v_information_utredning, .nversions = NV(v_information_utredning),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(UTREDNING_INLEDD), .done_mask = EV(INFORMATION_UTREDNING),
      .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_ATERKOPPLING_ANMALARE, .name = "aterkoppling_anmalare", .title = N_("Återkoppling till anmälare"),
      .description = N_("En anmälningsskyldig anmälare som begär det ska få veta om utredning inletts: från 2026-01-15 inom en "
         "vecka från beslutet, genast om begäran kommer senare eller utredning redan pågår."),
      .kind = EK_RULE_SINGLE, .start_events = "aterkoppling_begard", .completion_events = "aterkoppling_lamnad",
      .extension = EK_EXTENSION_NONE, .versions = v_aterkoppling, .nversions = NV(v_aterkoppling),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(ATERKOPPLING_BEGARD), .done_mask = EV(ATERKOPPLING_LAMNAD),
      .conditions = EK__C_MANDATORY_REPORTER | EK__C_FROM_DECISION, .genast_policy = EK_P_ATERKOPPLING_GENAST,
      .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_OVERVAGANDE_SOL, .name = "overvagande_sol", .title = N_("Övervägande av vård enligt SoL var sjätte månad"),
      .description = N_("När ett barn är placerat ska nämnden minst en gång var sjätte månad överväga om vården behövs och hur den "
         "bör inriktas; skyldigheten gäller barn och upphör när barnet fyller 18 år."),
      .kind = EK_RULE_RECURRING, .start_events = "placering_verkstalld", .completion_events = "overvagande",
      .extension = EK_EXTENSION_NONE, .versions = v_overvagande_sol, .nversions = NV(v_overvagande_sol),
      .shape = EK__SHAPE_PLACEMENT_SERIES, .start_mask = EV(PLACERING_VERKSTALLD), .done_mask = EV(OVERVAGANDE),
      .conditions = EK__C_CHILD_DUTY, .genast_policy = -1,
      .placement = { EK__G_SOL | EK__G_UNKNOWN, NULL, 0 }, .ext = NO_EXT },
    { .id = EK_RULE_VARDNADSOVERFLYTTNING, .name = "vardnadsoverflyttning", .title = N_("Överväga vårdnadsöverflyttning"),
      .description = N_("När barnet varit placerat i samma familjehem i två år (tre år före 2022-07-01) ska nämnden särskilt "
         "överväga om det finns skäl att ansöka om vårdnadsöverflyttning, därefter minst en gång per år; "
         "skyldigheten upphör när barnet fyller 18 år."),
      .kind = EK_RULE_RECURRING, .start_events = "placering_verkstalld",
      .completion_events = "vardnadsoverflyttning_overvagd", .extension = EK_EXTENSION_NONE,
      .versions = v_vardnadsoverflyttning, .nversions = NV(v_vardnadsoverflyttning),
      .shape = EK__SHAPE_PLACEMENT_SERIES, .start_mask = EV(PLACERING_VERKSTALLD),
      .done_mask = EV(VARDNADSOVERFLYTTNING_OVERVAGD), .conditions = EK__C_CHILD_DUTY, .genast_policy = -1,
      .placement = { EK__G_SOL | EK__G_UNKNOWN, "familjehem", 1 }, .ext = NO_EXT },
    { .id = EK_RULE_VARDPLAN_REVISION, .name = "vardplan_revision", .title = N_("Revidering av vårdplanen"),
      .description = N_("Vårdplanen ska ses över och revideras senast när barnet varit placerat i två år."),
      .kind = EK_RULE_SINGLE, .start_events = "placering_verkstalld", .completion_events = "vardplan_reviderad",
      .extension = EK_EXTENSION_NONE, .versions = v_vardplan_revision, .nversions = NV(v_vardplan_revision),
      .shape = EK__SHAPE_PLACEMENT_ONCE, .start_mask = EV(PLACERING_VERKSTALLD), .done_mask = EV(VARDPLAN_REVIDERAD),
      .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_JOURHEM_EFTER_UTREDNING, .name = "jourhem_efter_utredning",
      .title = N_("Högst två månader i jourhem efter utredningen"),
      .description = N_("Ett barn får vara placerat i jourhem högst två månader efter att utredningen avslutats."),
      .kind = EK_RULE_SINGLE, .start_events = "utredning_avslutad",
      .completion_events = "placering_avslutad|placering_verkstalld", .extension = EK_EXTENSION_SARSKILDA_SKAL,
      .extension_text = N_("Särskilda skäl medger längre tid; kan inte anges i case-1."),
      .versions = v_jourhem, .nversions = NV(v_jourhem),
      .shape = EK__SHAPE_IN_PLACEMENT, .start_mask = EV(UTREDNING_AVSLUTAD),
      .done_mask = EV(PLACERING_AVSLUTAD) | EV(PLACERING_VERKSTALLD), .genast_policy = -1,
      .placement = { EK__G_ANY, "jourhem", 0 }, .ext = NO_EXT },
    { .id = EK_RULE_FORTECKNING_IVO, .name = "forteckning_ivo", .title = N_("Förteckning över barn i familjehem till IVO"),
      .description = N_("Nämnden ska senast den 31 januari varje år lämna en kopia av förteckningen över barn placerade i "
         "familjehem till IVO (nämndnivå, inte per ärende)."),
      .kind = EK_RULE_ANNUAL, .start_events = "", .completion_events = "", .extension = EK_EXTENSION_NONE,
      .versions = v_forteckning_ivo, .nversions = NV(v_forteckning_ivo),
      .shape = EK__SHAPE_BOARD, .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_LVU_OVERVAGANDE, .name = "lvu_overvagande", .title = N_("Övervägande av LVU-vård (2 §) var sjätte månad"),
      .description = N_("När ett barn vårdas enligt 2 § LVU ska nämnden minst en gång var sjätte månad överväga om vården "
         "fortfarande behövs."),
      .kind = EK_RULE_RECURRING, .start_events = "placering_verkstalld", .completion_events = "overvagande",
      .extension = EK_EXTENSION_NONE, .versions = v_lvu_overvagande, .nversions = NV(v_lvu_overvagande),
      .shape = EK__SHAPE_PLACEMENT_SERIES, .start_mask = EV(PLACERING_VERKSTALLD), .done_mask = EV(OVERVAGANDE),
      .genast_policy = -1, .placement = { EK__G_LVU2, NULL, 0 }, .ext = NO_EXT },
    { .id = EK_RULE_LVU_OMPROVNING, .name = "lvu_omprovning", .title = N_("Omprövning av LVU-vård (3 §) var sjätte månad"),
      .description = N_("När ett barn vårdas enligt 3 § LVU ska nämnden inom sex månader från verkställigheten, och sedan inom "
         "sex månader från senaste omprövningen, pröva om vården ska upphöra."),
      .kind = EK_RULE_RECURRING, .start_events = "placering_verkstalld", .completion_events = "omprovning",
      .extension = EK_EXTENSION_NONE, .versions = v_lvu_omprovning, .nversions = NV(v_lvu_omprovning),
      .shape = EK__SHAPE_PLACEMENT_SERIES, .start_mask = EV(PLACERING_VERKSTALLD), .done_mask = EV(OMPROVNING),
      .genast_policy = -1, .placement = { EK__G_LVU3, NULL, 0 }, .ext = NO_EXT },
    { .id = EK_RULE_LVU_VARDNADSOVERFLYTTNING, .name = "lvu_vardnadsoverflyttning",
      .title = N_("Överväga vårdnadsöverflyttning (LVU)"),
      .description = N_("När barnet vårdats enligt LVU i samma familjehem i två år ska nämnden särskilt överväga "
         "vårdnadsöverflyttning, därefter minst en gång per år; skyldigheten upphör när barnet fyller 18 år."),
      .kind = EK_RULE_RECURRING, .start_events = "placering_verkstalld",
      .completion_events = "vardnadsoverflyttning_overvagd", .extension = EK_EXTENSION_NONE,
      .versions = v_lvu_vardnadsoverflyttning, .nversions = NV(v_lvu_vardnadsoverflyttning),
      .shape = EK__SHAPE_PLACEMENT_SERIES, .start_mask = EV(PLACERING_VERKSTALLD),
      .done_mask = EV(VARDNADSOVERFLYTTNING_OVERVAGD), .conditions = EK__C_CHILD_DUTY, .genast_policy = -1,
      .placement = { EK__G_LVU2 | EK__G_LVU3, "familjehem", 1 }, .ext = NO_EXT },
    { .id = EK_RULE_LVU_UNDERSTALLNING, .name = "lvu_understallning", .title = N_("Underställning av omedelbart omhändertagande"),
      .description = N_("Beslut om omedelbart omhändertagande ska underställas förvaltningsrätten inom en vecka, annars upphör det."),
      .kind = EK_RULE_SINGLE, .start_events = "omedelbart_omhandertagande", .completion_events = "understallning",
      .extension = EK_EXTENSION_NONE, .versions = v_lvu_understallning, .nversions = NV(v_lvu_understallning),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(OMEDELBART_OMHANDERTAGANDE), .done_mask = EV(UNDERSTALLNING),
      .flags = EK_OBL_LAPSES, .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_LVU_ANSOKAN_VARD, .name = "lvu_ansokan_vard", .title = N_("Ansökan om vård efter omedelbart omhändertagande"),
      .description = N_("Ansökan om vård ska göras inom fyra veckor från att omhändertagandet verkställdes."),
      .kind = EK_RULE_SINGLE, .start_events = "omedelbart_omhandertagande_verkstallt", .completion_events = "ansokan_lvu",
      .extension = EK_EXTENSION_COURT, .extension_text = N_("Förvaltningsrätten kan medge längre tid; kan inte anges i case-1."),
      .versions = v_lvu_ansokan_vard, .nversions = NV(v_lvu_ansokan_vard),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(OMEDELBART_OMHANDERTAGANDE_VERKSTALLT), .done_mask = EV(ANSOKAN_LVU),
      .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_LVU_VARD_PABORJAD, .name = "lvu_vard_paborjad", .title = N_("Vården påbörjad inom fyra veckor"),
      .description = N_("Vård enligt dom ska ha påbörjats inom fyra veckor från att domen vann laga kraft, annars upphör beslutet."),
      .kind = EK_RULE_SINGLE, .start_events = "dom_laga_kraft", .completion_events = "placering_verkstalld",
      .extension = EK_EXTENSION_NONE, .versions = v_lvu_vard_paborjad, .nversions = NV(v_lvu_vard_paborjad),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(DOM_LAGA_KRAFT), .done_mask = EV(PLACERING_VERKSTALLD),
      .conditions = EK__C_DONE_BY_PLACEMENT, .flags = EK_OBL_LAPSES, .genast_policy = -1,
      .placement = { EK__G_LVU2 | EK__G_LVU3 | EK__G_UNKNOWN, NULL, 0 }, .ext = NO_EXT },
    { .id = EK_RULE_LVU_UMGANGE, .name = "lvu_umgange", .title = N_("Omprövning av umgängesbegränsning var tredje månad"),
      .description = N_("Ett beslut om umgängesbegränsning eller hemlighållande av vistelseort ska övervägas minst en gång var "
         "tredje månad."),
      .kind = EK_RULE_RECURRING, .start_events = "umgangesbegransning", .completion_events = "umgangesbegransning_omprovad",
      .extension = EK_EXTENSION_NONE, .versions = v_lvu_umgange, .nversions = NV(v_lvu_umgange),
      .shape = EK__SHAPE_EVENT_SERIES, .start_mask = EV(UMGANGESBEGRANSNING), .done_mask = EV(UMGANGESBEGRANSNING_OMPROVAD),
      .end_mask = EV(LVU_VARD_AVSLUTAD) | EV(PLACERING_AVSLUTAD), .genast_policy = -1, .placement = ANY_PLACEMENT,
      .ext = NO_EXT },
    { .id = EK_RULE_LVU_UPPFOLJNING, .name = "lvu_uppfoljning", .title = N_("Uppföljning efter avslutad LVU-vård"),
      .description = N_("När vård enligt LVU upphört för ett barn under 18 år ska nämnden följa upp barnets situation; "
         "uppföljningen (lvu_uppfoljning_paborjad; den får påbörjas när barnet flyttat hem) avslutas senast sex "
         "månader efter att den påbörjats."),
      .kind = EK_RULE_SINGLE, .start_events = "lvu_vard_avslutad", .completion_events = "lvu_uppfoljning_avslutad",
      .extension = EK_EXTENSION_NONE, .versions = v_lvu_uppfoljning, .nversions = NV(v_lvu_uppfoljning),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(LVU_VARD_AVSLUTAD), .done_mask = EV(LVU_UPPFOLJNING_AVSLUTAD),
      .alt_start_mask = EV(LVU_UPPFOLJNING_PABORJAD), .conditions = EK__C_CHILD_AT_START | EK__C_ALT_START,
      .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_FL_BEGARAN_AVGORANDE, .name = "fl_begaran_avgorande", .title = N_("Begäran om avgörande (FL 12 §)"),
      .description = N_("Om ett ärende som inletts av enskild part inte avgjorts inom sex månader får parten begära att det "
         "avgörs; nämnden ska inom fyra veckor avgöra ärendet eller avslå begäran."),
      .kind = EK_RULE_SINGLE, .start_events = "begaran_avgorande", .completion_events = "begaran_avgorande_besvarad",
      .extension = EK_EXTENSION_NONE, .versions = v_fl_begaran, .nversions = NV(v_fl_begaran),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(BEGARAN_AVGORANDE), .done_mask = EV(BEGARAN_AVGORANDE_BESVARAD),
      .conditions = EK__C_PENDING_SIX_MONTHS, .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_IVO_FORELAGGANDE, .name = "ivo_forelaggande", .title = N_("Svar på IVO:s beslut"),
      .description = N_("Svar till IVO senast den dag beslutet anger."),
      .kind = EK_RULE_SINGLE, .start_events = "ivo_beslut", .completion_events = "ivo_svar",
      .extension = EK_EXTENSION_NONE, .versions = v_ivo_forelaggande, .nversions = NV(v_ivo_forelaggande),
      .shape = EK__SHAPE_PER_START, .start_mask = EV(IVO_BESLUT), .done_mask = EV(IVO_SVAR),
      .genast_policy = -1, .set_date_attr = "svar_senast", .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_BESOK_PLACERAT_BARN, .name = "besok_placerat_barn", .title = N_("Besök och enskilda samtal med placerat barn"),
      .description = N_("Den ansvariga socialsekreteraren ska regelbundet besöka det placerade barnet och samtala enskilt med "
         "det; lagen anger inget antal, policyn anger intervallet."),
      .kind = EK_RULE_RECURRING, .start_events = "placering_verkstalld", .completion_events = "besok",
      .extension = EK_EXTENSION_NONE, .versions = v_besok, .nversions = NV(v_besok),
      .shape = EK__SHAPE_PLACEMENT_SERIES, .start_mask = EV(PLACERING_VERKSTALLD), .done_mask = EV(BESOK),
      .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
    { .id = EK_RULE_GENOMFORANDEPLAN_UPPFOLJNING, .name = "genomforandeplan_uppfoljning",
      .title = N_("Uppföljning av genomförandeplanen"),
      .description = N_("Genomförandeplanen ska följas upp och revideras med det intervall planen eller nämndens rutin anger; "
         "policyn anger intervallet."),
      .kind = EK_RULE_RECURRING, .start_events = "genomforandeplan", .completion_events = "genomforandeplan_reviderad",
      .extension = EK_EXTENSION_NONE, .versions = v_genomforandeplan, .nversions = NV(v_genomforandeplan),
      .shape = EK__SHAPE_EVENT_SERIES, .start_mask = EV(GENOMFORANDEPLAN), .done_mask = EV(GENOMFORANDEPLAN_REVIDERAD),
      .end_mask = EV(PLACERING_AVSLUTAD), .genast_policy = -1, .placement = ANY_PLACEMENT, .ext = NO_EXT },
};
_Static_assert(sizeof builtin_rules / sizeof builtin_rules[0] == EK__RULE_COUNT,
               "one entry per ek_rule_id (rules.h) and EK__RULE_COUNT (rules_internal.h) after the last");

static const ek_rulebook builtin = { "2026.1", builtin_rules, EK__RULE_COUNT };

const ek_rulebook *ek_rulebook_builtin(void) { return &builtin; }

const char *ek_rulebook_version(const ek_rulebook *rb) { return rb ? rb->version : NULL; }

size_t ek_rulebook_rule_count(const ek_rulebook *rb) { return rb ? rb->nrules : 0; }

const char *ek_rule_name(ek_rule_id rule)
{
    if ((int)rule < 0 || (int)rule >= EK__RULE_COUNT)
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
    if (out->version >= 2)
        out->period_kind = v->kind;
}

static int version_args(const ek_rulebook *rb, size_t index, const ek_rule_version_info *out, const char *fn)
{
    if (rb == NULL || out == NULL)
        return ek__error(EK_EINVAL, "%s: NULL argument", fn);
    if (out->version < 1 || out->version > EK_RULE_VERSION_INFO_VERSION)
        return ek__error(EK_EVERSION, "%s: struct version %u unknown (expected 1 to %u)", fn, out->version,
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
