/* SPDX-License-Identifier: MIT */
/* Lex Sarah: the limit table, time limits (E1) and the content of the investigation (E2) (sarah.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/calendar.h>
#include <egenkontroll/policy.h>
#include <egenkontroll/sarah.h>

#include "i18n.h"
#include "buf_internal.h"
#include "internal.h"
#include "policy_internal.h"
#include "rules_internal.h"   /* EK__DATE: a date from year, month, day at compile time */
#include "sarah_internal.h"


/* ---- evaluation ------------------------------------------------------------------------ */

/* Empty: as new, the memory kept. */
static void result_clear(ek_sarah_result *res)
{
    ek_sarah_item init = EK_SARAH_ITEM_INIT;
    res->evaluated = 0;
    ek__buf_clear(&res->id);
    res->state = (ek_sarah_state)0;
    res->as_of = EK_DATE_NONE;
    res->items[0] = res->items[1] = init;
    res->n_limits = 0;
    ek__buf_clear(&res->pool);
}

int ek_sarah_result_new(ek_sarah_result **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_result_new: out is NULL");
    ek_sarah_result *res = ek__calloc(1, sizeof *res);
    if (res == NULL)
        return ek__oom();
    result_clear(res);
    *out = res;
    return EK_OK;
}

void ek_sarah_result_free(ek_sarah_result *res)
{
    if (res == NULL)
        return;
    ek__buf_free(&res->id);
    ek__buf_free(&res->pool);
    for (size_t k = 0; k < sizeof res->part / sizeof res->part[0]; k++)
        ek__buf_free(&res->part[k]);
    ek__free(res->limits);
    ek__free(res);
}

/* ---- messages (issue 19, point 5) ------------------------------------------------------------
 * Every message is written straight into the result's pool, growable and kept from record to record, so a
 * long message (many measures, many elements on several days, a long translation) is never cut and a
 * refilled result allocates nothing once it has held its largest record.  Parts set into a translated
 * sentence (a list, a date phrase) are composed in the result's scratch buffers first.  The first failure
 * (EK_ENOMEM) is kept and every later write skipped. */
typedef struct msgw {
    ek__buf *out;   /* the result's pool: the message being written */
    ek__buf *part;  /* the result's scratch buffers (part[], PART_*) */
    int rc;
} msgw;

enum { PART_A, PART_B, PART_PREFIX };

/* Append printf-formatted text to @b (the pool or a part). */
static void put(msgw *w, ek__buf *b, const char *fmt, ...) EK_PRINTF(3, 4);
static void put(msgw *w, ek__buf *b, const char *fmt, ...)
{
    if (w->rc != EK_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    w->rc = ek__buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* Append the text @t to @b. */
static void put_text(msgw *w, ek__buf *b, const char *t)
{
    if (w->rc == EK_OK)
        w->rc = ek__buf_puts(b, t);
}

/* Part @k emptied for a new text; returns it. */
static ek__buf *part(msgw *w, int k)
{
    ek__buf_clear(&w->part[k]);
    return &w->part[k];
}

/* End the message being written (its NUL goes into the pool). */
static void message_end(msgw *w)
{
    if (w->rc == EK_OK)
        w->rc = ek__buf_append(w->out, "", 1);
}

/* ---- the limit table ---------------------------------------------------------------------
 * Every lex Sarah time limit is one entry: what it is counted from and what completes it (date fields of the
 * record, or a measure's own dates), when it applies, who set its time (ek_period_kind), the policy parameter,
 * the statute's words, and its law versions with basis and certainty.  ek_sarah_evaluate() judges every entry
 * with one function (judge_limit); ek_sarah_limit_at() gives the same entries to the documentation and
 * `egenkontroll rules`.  Reading of the texts: docs/sarah.md, "Why these kinds". */

/* When an entry applies: the only evaluation difference between the entries. */
typedef enum sarah_when {
    WHEN_ALWAYS = 1,        /* every record */
    WHEN_SERIOUS,           /* allvarlig true (notapplicable when false, notchecked when unknown) */
    WHEN_NOT_ATTACHED,      /* reported to IVO and the investigation not attached */
    WHEN_MEASURE            /* once per measure; counted from the day set */
} sarah_when;

#define D EK__DATE
#define NONE EK_DATE_NONE
#define FIELD_MEASURE (-1)  /* the measure's senast / genomford */

typedef struct sarah_version {
    ek_date from, to;
    const char *basis, *certainty;
} sarah_version;

/* Lex Sarah in SoL (2001:453) 14 kap. 3-7 §§ and SOSFS 2011:5: from 2011-07-01 (Socialstyrelsen's handbook,
 * foreword); SoL (2025:400) replaced it on 2025-07-01 with no transitional rule (DOMAIN.md §2). */
#define OLD_FROM D(2011, 7, 1)
#define OLD_TO D(2025, 6, 30)
#define NEW_FROM D(2025, 7, 1)

static const sarah_version v_registrering[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 6 §; SOSFS 2011:5", "R" },
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 5 §; SOSFS 2011:5", "R" },
};
static const sarah_version v_anmalan[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 7 §; SOSFS 2011:5", "R" },
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 6 §; SOSFS 2011:5", "R" },
};
static const sarah_version v_till_ivo[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 7 §; SOSFS 2011:5", "S" },
    /* DOMAIN.md §5: SOSFS 2011:5 was issued under the old law; its standing under 27 kap. 6 § is unclear. */
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 6 §; SOSFS 2011:5 (ställning under nya lagen oklar)", "R" },
};
static const sarah_version v_atgard[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 6 §; SOSFS 2011:5 5 kap.", "V" },
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 5 §; SOSFS 2011:5 5 kap.", "V" },
};

typedef struct limit_def {
    ek_sarah_limit_kind kind;
    const char *name;
    int start_field, done_field;      /* ek_sarah_date_field, or FIELD_MEASURE */
    sarah_when when;
    ek_period_kind period_kind;       /* who set the time */
    int policy_id;                    /* ek__policy_id, or -1 (a day set) */
    const char *policy;
    const char *words;                /* the statute's words for the time */
    const char *applies;              /* Swedish: when it applies */
    const sarah_version *versions;
    size_t n_versions;
    const char *done_cap;             /* msgid: what was done, capitalised (a whole word: no ASCII case mapping) */
    const char *not_done_cap;         /* msgid: not done, capitalised */
    const char *start_word;           /* msgid: counted from */
} limit_def;

#define VERSIONS(v) v, sizeof v / sizeof v[0]

static const limit_def limit_defs[] = {
    { EK_SARAH_LIMIT_REGISTRERING, "sarah_registrering", EK_SARAH_RAPPORT, EK_SARAH_REGISTRERAD, WHEN_ALWAYS,
      EK_PERIOD_POLICY, EK_P_SARAH_REGISTRERING, "sarah_registrering", "utan dröjsmål (dokumentera)",
      "varje rapport", VERSIONS(v_registrering),
      N_("Registrerad"), N_("Inte registrerad"), N_("rapporten") },
    { EK_SARAH_LIMIT_UTREDNING_INLEDD, "sarah_utredning_inledd", EK_SARAH_RAPPORT, EK_SARAH_UTREDNING_INLEDD,
      WHEN_ALWAYS, EK_PERIOD_POLICY, EK_P_SARAH_UTREDNING_INLEDD, "sarah_utredning_inledd",
      "utan dröjsmål (utreda)", "varje rapport", VERSIONS(v_registrering),
      N_("Utredning inledd"), N_("Utredning inte inledd"), N_("rapporten") },
    { EK_SARAH_LIMIT_ANMALAN_IVO, "sarah_anmalan_ivo", EK_SARAH_BEDOMD, EK_SARAH_ANMALD_IVO, WHEN_SERIOUS,
      EK_PERIOD_POLICY, EK_P_SARAH_ANMALAN_IVO, "sarah_anmalan_ivo", "snarast",
      "bedömd som allvarlig", VERSIONS(v_anmalan),
      N_("Anmäld till IVO"), N_("Inte anmäld till IVO"), N_("bedömningen som allvarlig") },
    { EK_SARAH_LIMIT_UTREDNING_TILL_IVO, "sarah_utredning_till_ivo", EK_SARAH_ANMALD_IVO,
      EK_SARAH_UTREDNING_TILL_IVO, WHEN_NOT_ATTACHED, EK_PERIOD_LAW, EK_P_SARAH_UTREDNING_TILL_IVO,
      "sarah_utredning_till_ivo", "senast två månader efter anmälan (SOSFS 2011:5)",
      "anmäld till IVO utan att utredningen bifogades", VERSIONS(v_till_ivo),
      N_("Utredningen skickad till IVO"), N_("Utredningen inte skickad till IVO"), N_("anmälan till IVO") },
    { EK_SARAH_LIMIT_ATGARD, "sarah_atgard", FIELD_MEASURE, FIELD_MEASURE, WHEN_MEASURE,
      EK_PERIOD_SET_DATE, -1, NULL, "nämndens eget datum (senast)", "varje åtgärd", VERSIONS(v_atgard),
      N_("Åtgärden genomförd"), N_("Inte genomförd"), "" },
};

#define N_LIMIT_DEFS (sizeof limit_defs / sizeof limit_defs[0])

ek_period_kind ek__sarah_limit_period_kind(ek_sarah_limit_kind kind)
{
    for (size_t i = 0; i < N_LIMIT_DEFS; i++)
        if (limit_defs[i].kind == kind)
            return limit_defs[i].period_kind;
    return EK_PERIOD_LAW;
}

size_t ek_sarah_limit_count(void) { return N_LIMIT_DEFS; }

static const char *field_text(int f, int done)
{
    static const char *const names[EK__SARAH_DATE_COUNT] = {
        "datum.handelse", "datum.uppmarksammad", "datum.rapport", "datum.registrerad", "datum.utredning_inledd",
        "datum.bedomd", "datum.anmald_ivo", "datum.utredning_till_ivo", "datum.avslutad",
    };
    if (f == FIELD_MEASURE)
        return done ? "atgarder[].genomford" : "atgarder[].senast";
    return names[f];
}

int ek_sarah_limit_at(size_t index, ek_sarah_limit_info *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_limit_at: NULL argument");
    if (out->version != EK_SARAH_LIMIT_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_limit_info version %u unknown", out->version);
    if (index >= N_LIMIT_DEFS)
        return ek__error(EK_ERANGE, "no lex Sarah limit %zu (there are %zu)", index, N_LIMIT_DEFS);
    const limit_def *d = &limit_defs[index];
    out->kind = d->kind;
    out->name = d->name;
    out->start = field_text(d->start_field, 0);
    out->done = field_text(d->done_field, 1);
    out->applies = d->applies;
    out->period_kind = d->period_kind;
    out->policy = d->policy;
    out->words = d->words;
    out->version_count = d->n_versions;
    return EK_OK;
}

int ek_sarah_limit_version(size_t index, size_t k, ek_sarah_limit_version_info *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_limit_version: NULL argument");
    if (out->version != EK_SARAH_LIMIT_VERSION_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_limit_version_info version %u unknown", out->version);
    if (index >= N_LIMIT_DEFS)
        return ek__error(EK_ERANGE, "no lex Sarah limit %zu (there are %zu)", index, N_LIMIT_DEFS);
    const limit_def *d = &limit_defs[index];
    if (k >= d->n_versions)
        return ek__error(EK_ERANGE, "lex Sarah limit %s has no version %zu (it has %zu)", d->name, k, d->n_versions);
    out->valid_from = d->versions[k].from;
    out->valid_to = d->versions[k].to;
    out->basis = d->versions[k].basis;
    out->certainty = d->versions[k].certainty;
    return EK_OK;
}

static const char E1_BASIS[] = "SoL (2025:400) 27 kap. 2-6 §§; SoL (2001:453) 14 kap. 3-7 §§; SOSFS 2011:5";
static const char E2_BASIS[] = "SOSFS 2011:5 5 kap.";

typedef struct eval_env {
    const ek_calendar *cal;
    const ek_policy *policy;
    ek_judge_on judge;
    ek_date as_of;
} eval_env;

/* Fill slot->pub's static parts for definition @d. */
static void limit_init(ek__sarah_limit_slot *s, const limit_def *d)
{
    ek_sarah_limit init = EK_SARAH_LIMIT_INIT;
    s->pub = init;
    s->pub.kind = d->kind;
    s->pub.name = d->name;
    s->pub.policy = d->policy;
    s->pub.basis_old = d->versions[0].basis;
    s->pub.basis_new = d->versions[d->n_versions - 1].basis;
    s->pub.basis = s->pub.basis_new; /* replaced by the version in force on the due date */
    s->pub.certainty = d->versions[d->n_versions - 1].certainty;
    s->message = 0;
    s->period[0] = '\0';
}

/* The law version in force on the nominal due date (the first one before it) gives basis and certainty; a limit
 * without a due date (not applicable, not computable) takes the version in force on @as_of, else the latest. */
static void set_version_by_due(ek__sarah_limit_slot *s, const limit_def *d, ek_date as_of)
{
    ek_date due = s->pub.nominal != EK_DATE_NONE ? s->pub.nominal : as_of;
    if (due == EK_DATE_NONE)
        return;
    const sarah_version *v = &d->versions[0];
    for (size_t k = 0; k < d->n_versions; k++)
        if (due >= d->versions[k].from && (d->versions[k].to == EK_DATE_NONE || due <= d->versions[k].to))
            v = &d->versions[k];
    s->pub.basis = v->basis;
    s->pub.certainty = v->certainty;
}

/* Judge a limit whose end dates are set in s->pub: the action's date is @done. Writes the message. */
static void judge(ek__sarah_limit_slot *s, const limit_def *d, const eval_env *env, ek_date done, msgw *w)
{
    char bs[EK_DATE_BUFSIZE], be[EK_DATE_BUFSIZE], bd[EK_DATE_BUFSIZE], ba[EK_DATE_BUFSIZE];
    ek_date end = env->judge == EK_JUDGE_NOMINAL ? s->pub.nominal : s->pub.legal;
    /* Only a time set by law or a författning has a legal end apart from the nominal one (1930:173 2 §). */
    ek__buf *endtext = part(w, PART_A), *from = part(w, PART_B);
    if (d->period_kind == EK_PERIOD_SET_DATE)
        put(w, endtext, _("fastställd slutdag %s"), ek__sarah_dstr(end, be));
    else if (d->period_kind == EK_PERIOD_POLICY)
        put(w, endtext, _("slutdag %s"), ek__sarah_dstr(end, be));
    else if (env->judge == EK_JUDGE_NOMINAL)
        put(w, endtext, _("nominella slutdag %s"), ek__sarah_dstr(end, be));
    else
        put(w, endtext, _("lagliga slutdag %s"), ek__sarah_dstr(end, be));
    if (s->pub.start != EK_DATE_NONE)
        put(w, from, _(" (%s från %s %s%s)"), s->period, _(d->start_word), ek__sarah_dstr(s->pub.start, bs),
            d->period_kind == EK_PERIOD_POLICY ? _("; policyns tid, flyttas inte till vardag") : "");
    const char *et = ek__buf_str(endtext), *fr = ek__buf_str(from);
    s->pub.done = done;
    if (done != EK_DATE_NONE) {
        s->pub.result = done <= end ? EK_RESULT_PASS : EK_RESULT_FAIL;
        put(w, w->out, done <= end ? _("%s %s, inom fristen: %s%s.") : _("%s %s, efter fristen: %s%s."),
            _(d->done_cap), ek__sarah_dstr(done, bd), et, fr);
    } else if (env->as_of == EK_DATE_NONE) {
        s->pub.result = EK_RESULT_NOTCHECKED;
        put(w, w->out, _("%s; inget bedömningsdatum angivet (%s%s)."), _(d->not_done_cap), et, fr);
    } else if (env->as_of > end) {
        s->pub.result = EK_RESULT_FAIL;
        put(w, w->out, _("%s per %s; fristen gick ut %s%s."), _(d->not_done_cap), ek__sarah_dstr(env->as_of, ba),
            ek__sarah_dstr(end, be), fr);
    } else {
        s->pub.result = EK_RESULT_NOTCHECKED;
        put(w, w->out, _("%s ännu per %s; fristen löper ut %s%s."), _(d->not_done_cap), ek__sarah_dstr(env->as_of, ba),
            ek__sarah_dstr(end, be), fr);
    }
}

/* Whether entry @d applies to @r: 1 yes; 0 not (result and message written). */
static int applies(ek__sarah_limit_slot *s, const limit_def *d, const ek_sarah_record *r, msgw *w)
{
    ek_date ivo = r->dates[EK_SARAH_ANMALD_IVO], sent = r->dates[EK_SARAH_UTREDNING_TILL_IVO];
    ek_date closed = r->dates[EK_SARAH_AVSLUTAD];
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    switch (d->when) {
    case WHEN_ALWAYS:
    case WHEN_MEASURE:
        return 1;
    case WHEN_SERIOUS:
        if (r->allvarlig == EK_SARAH_NO) {
            s->pub.result = EK_RESULT_NOTAPPLICABLE;
            if (ivo != EK_DATE_NONE)
                put(w, w->out, _("Bedömd som inte allvarlig; anmäld till IVO %s ändå (frivilligt)."), ek__sarah_dstr(ivo, b1));
            else
                put(w, w->out, _("Bedömd som inte allvarlig: ingen anmälningsskyldighet till IVO."));
            return 0;
        }
        if (r->allvarlig == EK_SARAH_UNKNOWN) {
            s->pub.result = EK_RESULT_NOTCHECKED;
            if (ivo != EK_DATE_NONE)
                put(w, w->out, _("Allvarlighet inte angiven (anmäld till IVO %s); fristen kan inte bedömas."),
                    ek__sarah_dstr(ivo, b1));
            else
                put(w, w->out, _("Allvarlighet inte bedömd ännu; fristen för anmälan till IVO kan inte bedömas."));
            return 0;
        }
        if (r->dates[d->start_field] == EK_DATE_NONE) {
            s->pub.result = EK_RESULT_NOTCHECKED;
            put(w, w->out, _("Bedömd som allvarlig men datum för bedömningen (%s) saknas; fristen kan inte "
                             "beräknas."), field_text(d->start_field, 0));
            return 0;
        }
        return 1;
    case WHEN_NOT_ATTACHED:
        if (ivo == EK_DATE_NONE) {
            s->pub.result = EK_RESULT_NOTAPPLICABLE;
            put(w, w->out, _("Ingen anmälan till IVO."));
            return 0;
        }
        if (sent == EK_DATE_NONE && r->bifogad == EK_SARAH_YES) {
            s->pub.result = EK_RESULT_NOTAPPLICABLE;
            put(w, w->out, _("Utredningen bifogades anmälan till IVO %s."), ek__sarah_dstr(ivo, b1));
            return 0;
        }
        if (sent == EK_DATE_NONE && r->bifogad == EK_SARAH_UNKNOWN && closed != EK_DATE_NONE && closed <= ivo) {
            s->pub.result = EK_RESULT_NOTCHECKED;
            put(w, w->out, _("Utredningen var avslutad %s, före anmälan till IVO %s; uppgift om den "
                             "bifogades (ivo.utredning_bifogad) saknas."), ek__sarah_dstr(closed, b1), ek__sarah_dstr(ivo, b2));
            return 0;
        }
        return 1;
    }
    return 1;
}

/* The one judge of every table entry: applicability, the start and done dates, the period of its kind through
 * ek_deadline_compute_kind(), the law version on the due date, and the verdict.  @mi: the measure (WHEN_MEASURE). */
static void judge_limit_body(ek__sarah_limit_slot *s, const limit_def *d, const ek_sarah_record *r, size_t mi,
                             const eval_env *env, msgw *w)
{
    limit_init(s, d);
    const ek__sarah_measure *m = d->when == WHEN_MEASURE ? &r->measures[mi] : NULL;
    ek__buf *pb = part(w, PART_PREFIX);
    if (m != NULL) {
        /* the measure by its number, never by its beskrivning (free text, issue 18) */
        put(w, pb, _("Åtgärd %zu"), mi);
        s->pub.measure_index = mi;
    }
    const char *prefix = ek__buf_str(pb), *sep = *prefix ? ": " : "";
    ek_date start = m ? m->senast : r->dates[d->start_field];
    ek_date done = m ? m->genomford : r->dates[d->done_field];
    s->pub.done = done;
    size_t at = w->out->len;
    if (*prefix)
        put(w, w->out, "%s%s", prefix, sep);
    if (!applies(s, d, r, w))
        return;
    ek__buf_truncate(w->out, at);  /* it applies: the message is written below */
    if (start == EK_DATE_NONE) { /* only a measure without a due date reaches here */
        char b[EK_DATE_BUFSIZE];
        s->pub.result = EK_RESULT_NOTCHECKED;
        if (done != EK_DATE_NONE)
            put(w, w->out, _("%s genomförd %s; inget slutdatum (senast) att bedöma mot."), prefix, ek__sarah_dstr(done, b));
        else
            put(w, w->out, _("%s saknar slutdatum (senast)."), prefix);
        return;
    }
    ek_period p = { 0, EK_UNIT_DAYS };
    if (d->period_kind != EK_PERIOD_SET_DATE) {
        p = ek__policy_period(env->policy, (ek__policy_id)d->policy_id);
        if (ek_period_format(p, s->period, sizeof s->period) != EK_OK)
            s->period[0] = '\0';
        s->pub.period = s->period;
        s->pub.start = start;
    }
    ek_deadline dl;
    if (ek_deadline_compute_kind(env->cal, start, p, d->period_kind, &dl) != EK_OK) {
        s->pub.result = EK_RESULT_ERROR;
        put(w, w->out, _("%s%sFristen kunde inte beräknas: %s"), prefix, sep, ek_error_last()->message);
        return;
    }
    s->pub.nominal = dl.nominal;
    s->pub.legal = dl.legal;
    if (*prefix)
        put(w, w->out, "%s%s", prefix, sep);
    judge(s, d, env, done, w);
}

static void judge_limit(ek__sarah_limit_slot *s, const limit_def *d, const ek_sarah_record *r, size_t mi, const eval_env *env,
                        msgw *w)
{
    judge_limit_body(s, d, r, mi, env, w);
    set_version_by_due(s, d, env->as_of);
}

static ek_result combine_e1(const ek__sarah_limit_slot *l, size_t n)
{
    int any_err = 0, any_fail = 0, any_nc = 0, any_pass = 0;
    for (size_t i = 0; i < n; i++) {
        switch (l[i].pub.result) {
        case EK_RESULT_ERROR: any_err = 1; break;
        case EK_RESULT_FAIL: any_fail = 1; break;
        case EK_RESULT_PASS: any_pass = 1; break;
        case EK_RESULT_NOTAPPLICABLE: break;
        default: any_nc = 1; break;
        }
    }
    if (any_err) return EK_RESULT_ERROR;
    if (any_fail) return EK_RESULT_FAIL;
    if (any_nc) return EK_RESULT_NOTCHECKED;
    if (any_pass) return EK_RESULT_PASS;
    return EK_RESULT_NOTAPPLICABLE;
}

static void e1_message(ek_result res, const ek__sarah_limit_slot *l, size_t n, msgw *w)
{
    switch (res) {
    case EK_RESULT_PASS: put_text(w, w->out, _("Alla tillämpliga frister hölls.")); return;
    case EK_RESULT_NOTAPPLICABLE: put_text(w, w->out, _("Inga frister tillämpliga.")); return;
    case EK_RESULT_FAIL: put_text(w, w->out, _("Frist inte hållen: ")); break;
    case EK_RESULT_ERROR: put_text(w, w->out, _("Kan inte bedömas (fel i uppgifterna): ")); break;
    default: put_text(w, w->out, _("Kan inte bedömas fullt ut: ")); break;
    }
    const char *sep = "";
    for (size_t i = 0; i < n; i++) {
        ek_result r = l[i].pub.result;
        int want = res == EK_RESULT_FAIL ? r == EK_RESULT_FAIL
                 : res == EK_RESULT_ERROR ? r == EK_RESULT_ERROR
                 : (r == EK_RESULT_NOTCHECKED || r == EK_RESULT_UNKNOWN);
        if (!want)
            continue;
        if (l[i].pub.kind == EK_SARAH_LIMIT_ATGARD)
            put(w, w->out, "%ssarah_atgard[%zu]", sep, l[i].pub.measure_index);
        else
            put(w, w->out, "%s%s", sep, l[i].pub.name);
        sep = ", ";
    }
    put_text(w, w->out, ".");
}

/* The value of element @el on day @day: the current value with every history change dated after @day undone
 * (newest first).  A change dated @day counts as done that day. */
static ek_sarah_tri element_on(const ek_sarah_record *r, int el, ek_date day)
{
    ek_sarah_tri v = r->elements[el];
    for (size_t k = r->n_hist; k-- > 0;) {
        const ek__sarah_hist *h = &r->hist[k];
        if (h->date <= day)
            break; /* the history is in time order */
        if (h->kind == EK_SARAH_HIST_ANDRING && h->field && strcmp(h->field, ek__sarah_element_fields[el]) == 0)
            v = h->old_value == NULL ? EK_SARAH_UNKNOWN
              : strcmp(h->old_value, "true") == 0 ? EK_SARAH_YES : EK_SARAH_NO;
    }
    return v;
}

/* "(4) orsaker, (9) stallningstagande" for the bits of @bits, in part @k; returns the text. */
static const char *element_list_text(msgw *w, int k, unsigned bits)
{
    ek__buf *b = part(w, k);
    const char *sep = "";
    for (int i = 0; i < EK__SARAH_ELEMENT_COUNT; i++)
        if (bits & (1u << i)) {
            put(w, b, "%s(%d) %s", sep, i + 1, ek_sarah_element_name(i));
            sep = ", ";
        }
    return ek__buf_str(b);
}

/* One day on which E2 is judged (DOMAIN.md §6 E2; docs/sarah.md "E2"). */
typedef struct e2_point {
    ek_date day;
    const char *what;       /* translated: "anmälan till IVO", "utredningen skickad till IVO", "avslut" */
    unsigned missing, unknown;
} e2_point;

/* E2.  The judgement days: the IVO report (27 kap. 6 §: the investigation made is attached to the report),
 * unless the SOSFS 2011:5 route is taken -- the investigation was not finished or not attached at the report
 * and goes to IVO separately within the limit sarah_utredning_till_ivo (@till, already evaluated), in which case
 * the day it is sent; and the closing day.  Elements are taken as they stood on each day. */
static void e2_eval(ek_sarah_item *it, const ek_sarah_record *r, const ek__sarah_limit_slot *till, const eval_env *env,
                    msgw *w)
{
    ek_date ivo = r->dates[EK_SARAH_ANMALD_IVO], sent = r->dates[EK_SARAH_UTREDNING_TILL_IVO];
    ek_date closed = r->dates[EK_SARAH_AVSLUTAD];
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    e2_point pt[3];
    size_t np = 0;
    int pending_route = 0;
    ek_date route_end = EK_DATE_NONE;
    if (ivo != EK_DATE_NONE) {
        /* The route: not attached (or not finished at the report, and not said to be attached). */
        int route = r->bifogad != EK_SARAH_YES &&
                    (sent != EK_DATE_NONE || r->bifogad == EK_SARAH_NO || closed == EK_DATE_NONE || closed > ivo);
        if (till != NULL && till->pub.nominal != EK_DATE_NONE)
            route_end = env->judge == EK_JUDGE_NOMINAL ? till->pub.nominal : till->pub.legal;
        int excused = 0;
        if (route && route_end != EK_DATE_NONE) {
            if (sent != EK_DATE_NONE)
                excused = sent <= route_end;
            else
                excused = pending_route = env->as_of == EK_DATE_NONE || env->as_of <= route_end;
        }
        if (!excused)
            pt[np++] = (e2_point){ ivo, _("anmälan till IVO"), 0, 0 };
        if (sent != EK_DATE_NONE)
            pt[np++] = (e2_point){ sent, _("utredningen skickad till IVO"), 0, 0 };
    }
    if (closed != EK_DATE_NONE)
        pt[np++] = (e2_point){ closed, _("avslut"), 0, 0 };
    unsigned missing = 0, unknown = 0, now_missing = 0, now_unknown = 0;
    for (int i = 0; i < EK__SARAH_ELEMENT_COUNT; i++) {
        if (r->elements[i] == EK_SARAH_NO) now_missing |= 1u << i;
        else if (r->elements[i] == EK_SARAH_UNKNOWN) now_unknown |= 1u << i;
    }
    for (size_t k = 0; k < np; k++) {
        for (int i = 0; i < EK__SARAH_ELEMENT_COUNT; i++) {
            ek_sarah_tri v = element_on(r, i, pt[k].day);
            if (v == EK_SARAH_NO) pt[k].missing |= 1u << i;
            else if (v == EK_SARAH_UNKNOWN) pt[k].unknown |= 1u << i;
        }
        missing |= pt[k].missing;
        unknown |= pt[k].unknown;
    }
    if (np == 0) {
        it->missing = now_missing;
        it->unknown = now_unknown;
        if (!now_missing && !now_unknown) {
            it->result = EK_RESULT_PASS;
            put_text(w, w->out, _("Utredningen innehåller alla nio uppgifter."));
            return;
        }
        const char *list = element_list_text(w, PART_A, now_missing | now_unknown);
        it->result = EK_RESULT_NOTCHECKED;
        if (pending_route)
            put(w, w->out, _("Utredningen bifogades inte anmälan till IVO %s; den ska skickas senast %s "
                             "(SOSFS 2011:5) och bedöms då. Ännu inte dokumenterat: %s."), ek__sarah_dstr(ivo, b1),
                ek__sarah_dstr(route_end, b2), list);
        else
            put(w, w->out, _("Utredningen är inte avslutad; ännu inte dokumenterat: %s."), list);
        return;
    }
    it->missing = missing;
    it->unknown = pt[np - 1].unknown;
    if (missing) {
        it->result = EK_RESULT_FAIL;
        const char *sep = "";
        for (size_t k = 0; k < np; k++) {
            if (!pt[k].missing)
                continue;
            put(w, w->out, _("%sVid %s %s saknades i utredningen: %s."), sep, pt[k].what, ek__sarah_dstr(pt[k].day, b1),
                element_list_text(w, PART_A, pt[k].missing));
            sep = " ";
        }
        if (it->unknown)
            put(w, w->out, _(" Uppgift saknas om: %s."), element_list_text(w, PART_A, it->unknown));
    } else if (unknown) {
        it->result = EK_RESULT_NOTCHECKED;
        put(w, w->out, _("Vid %s %s: uppgift saknas om: %s."), pt[np - 1].what, ek__sarah_dstr(pt[np - 1].day, b1),
            element_list_text(w, PART_A, unknown));
    } else {
        it->result = EK_RESULT_PASS;
        if (np > 1)
            put(w, w->out, _("Utredningen innehöll alla nio uppgifter vid %s %s och vid %s %s."), pt[0].what,
                ek__sarah_dstr(pt[0].day, b1), pt[np - 1].what, ek__sarah_dstr(pt[np - 1].day, b2));
        else
            put(w, w->out, _("Utredningen innehöll alla nio uppgifter vid %s %s."), pt[0].what, ek__sarah_dstr(pt[0].day, b1));
    }
}

int ek_sarah_evaluate(const ek_context *ctx, const ek_sarah_record *r, ek_date as_of, ek_sarah_result *res)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || r == NULL || res == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_evaluate: NULL argument");
    if (as_of != EK_DATE_NONE && !ek_date_in_range(as_of))
        return ek__error_at(EK_ERANGE, NULL, 0, 0, r->id, NULL, "as-of date outside the supported range");
    eval_env env = { ek_context_calendar(ctx), ek_context_policy_const(ctx), EK_JUDGE_LEGAL, as_of };
    env.judge = ek_policy_judge_on(env.policy);

    result_clear(res);
    size_t n = r->n_measures;
    for (size_t k = 0; k < N_LIMIT_DEFS; k++)
        n += limit_defs[k].when != WHEN_MEASURE;
    /* The slots are reserved before any is filled: pub.period points into its slot. */
    int rc = ek__buf_puts(&res->id, r->id);
    if (rc == EK_OK)
        rc = EK__VEC_RESERVE(res->limits, res->cap_limits, n, 8);
    if (rc != EK_OK) {
        result_clear(res);
        return rc;
    }
    ek_sarah_item e1 = EK_SARAH_ITEM_INIT, e2 = EK_SARAH_ITEM_INIT;
    e1.item = "E1";
    e1.basis = E1_BASIS;
    e2.item = "E2";
    e2.basis = E2_BASIS;
    msgw w = { &res->pool, res->part, EK_OK };

    /* Save the caller's last error: a conflict here is reported as result "error", not as a failure.  The
     * copy is as large as the error's message: nothing is cut. */
    int conflict = ek_sarah_record_validate(r);
    char conflict_msg[sizeof ek_error_last()->message] = "";
    if (conflict != EK_OK)
        memcpy(conflict_msg, ek_error_last()->message, sizeof conflict_msg);

    for (size_t i = 0, def = 0, mi = 0; i < n && w.rc == EK_OK; i++) {
        ek__sarah_limit_slot *s = &res->limits[i];
        /* table order; an entry WHEN_MEASURE takes one slot per measure (none without measures) */
        while (limit_defs[def].when == WHEN_MEASURE && mi >= r->n_measures) {
            def++;
            mi = 0;
        }
        size_t at = res->pool.len;
        judge_limit(s, &limit_defs[def], r, mi, &env, &w);
        if (limit_defs[def].when == WHEN_MEASURE)
            mi++;
        else
            def++;
        if (conflict != EK_OK && s->pub.result != EK_RESULT_NOTAPPLICABLE) {
            s->pub.result = EK_RESULT_ERROR;
            ek__buf_truncate(&res->pool, at);
            put(&w, w.out, _("Motstridiga datum: %s"), conflict_msg);
        }
        message_end(&w);
        s->message = at;
        res->n_limits = i + 1;
    }
    size_t off[2] = { 0, 0 };
    if (conflict != EK_OK) {
        e1.result = e2.result = EK_RESULT_ERROR;
        off[0] = res->pool.len;
        put(&w, w.out, _("Kan inte bedömas: %s"), conflict_msg);
        message_end(&w);
        off[1] = res->pool.len;
        put(&w, w.out, _("Kan inte bedömas: %s"), conflict_msg);
        message_end(&w);
    } else {
        e1.result = combine_e1(res->limits, res->n_limits);
        off[0] = res->pool.len;
        e1_message(e1.result, res->limits, res->n_limits, &w);
        message_end(&w);
        const ek__sarah_limit_slot *till = NULL;
        for (size_t i = 0; i < res->n_limits; i++)
            if (res->limits[i].pub.kind == EK_SARAH_LIMIT_UTREDNING_TILL_IVO)
                till = &res->limits[i];
        off[1] = res->pool.len;
        e2_eval(&e2, r, till, &env, &w);
        message_end(&w);
    }
    rc = w.rc;
    if (rc != EK_OK) {
        result_clear(res);
        return rc;
    }
    /* The pool no longer moves: point the messages into it. */
    for (size_t i = 0; i < res->n_limits; i++)
        res->limits[i].pub.message = res->pool.data + res->limits[i].message;
    e1.message = res->pool.data + off[0];
    e2.message = res->pool.data + off[1];
    res->items[EK_SARAH_ITEM_E1] = e1;
    res->items[EK_SARAH_ITEM_E2] = e2;
    res->as_of = as_of;
    res->state = ek_sarah_record_state(r);
    res->evaluated = 1;
    return EK_OK;
}

const char *ek_sarah_result_id(const ek_sarah_result *res)
{
    return res && res->evaluated ? ek__buf_str(&res->id) : NULL;
}

ek_result ek_sarah_result_verdict(const ek_sarah_result *res, ek_sarah_item_id item)
{
    if (res == NULL || (item != EK_SARAH_ITEM_E1 && item != EK_SARAH_ITEM_E2))
        return EK_RESULT_INVALID;
    return res->items[item].result;
}
ek_sarah_state ek_sarah_result_state(const ek_sarah_result *res) { return res ? res->state : (ek_sarah_state)0; }
ek_date ek_sarah_result_as_of(const ek_sarah_result *res) { return res ? res->as_of : EK_DATE_NONE; }

int ek_sarah_result_item(const ek_sarah_result *res, size_t k, ek_sarah_item *out)
{
    if (res == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_result_item: NULL argument");
    if (out->version != EK_SARAH_ITEM_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_item version %u unknown", out->version);
    if (k >= 2)
        return ek__error(EK_ERANGE, "no item %zu (0 = E1, 1 = E2)", k);
    *out = res->items[k];
    return EK_OK;
}

size_t ek_sarah_result_limit_count(const ek_sarah_result *res) { return res ? res->n_limits : 0; }

int ek_sarah_result_limit(const ek_sarah_result *res, size_t k, ek_sarah_limit *out)
{
    if (res == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_result_limit: NULL argument");
    if (out->version != EK_SARAH_LIMIT_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_limit version %u unknown", out->version);
    if (k >= res->n_limits)
        return ek__error(EK_ERANGE, "no limit %zu (the result has %zu)", k, res->n_limits);
    *out = res->limits[k].pub;
    return EK_OK;
}
