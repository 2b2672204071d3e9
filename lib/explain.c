/* SPDX-License-Identifier: MIT */
/*
 * Explanations of obligations (rules.h): the events, the period and who set
 * it, the days that moved the last day, the law version and the policy
 * values — read back from the obligation, the case and the context.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "rules_internal.h"

static int fill_event(const ek_case *c, size_t index, ek_explain_event *out)
{
    out->index = index;
    out->type = NULL;
    out->date = EK_DATE_NONE;
    if (index == EK_NO_EVENT)
        return EK_OK;
    ek_event_info info = EK_EVENT_INFO_INIT;
    if (ek_case_event(c, index, &info) != EK_OK)
        return ek__error(EK_EINVAL, "ek_obligation_explain: event %zu is not an event of case \"%.60s\"", index,
                         ek_case_id(c));
    out->type = info.type_name;
    out->date = info.date;
    return EK_OK;
}

int ek_obligation_explain(const ek_context *ctx, const ek_case *c, const ek_obligation *o, ek_explanation *out)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || c == NULL || o == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_obligation_explain: NULL argument");
    if (out->version != EK_EXPLANATION_VERSION)
        return ek__error(EK_EVERSION, "ek_obligation_explain: struct version %u unknown (expected %u)", out->version,
                         (unsigned)EK_EXPLANATION_VERSION);
    memset((char *)out + sizeof out->version, 0, sizeof *out - sizeof out->version);
    int rc;
    if ((rc = fill_event(c, o->start_event, &out->start)) != EK_OK ||
        (rc = fill_event(c, o->done_event, &out->done)) != EK_OK ||
        (rc = fill_event(c, o->extension_event, &out->extension)) != EK_OK)
        return rc;
    const ek_policy *pol = ek_context_policy_const(ctx);
    const ek_calendar *cal = ek_context_calendar(ctx);
    if (o->version >= 2) {
        out->period = o->period;
        out->period_kind = o->period_kind;
        out->policy_param = o->policy_param;
    }
    if (out->policy_param != NULL && ek_policy_get(pol, out->policy_param, out->policy_value, sizeof out->policy_value) != EK_OK)
        out->policy_value[0] = '\0';
    out->judge_on = ek_policy_judge_on(pol) == EK_JUDGE_NOMINAL ? "nominal" : "legal";
    out->original_nominal = o->original_nominal;
    out->nominal = o->nominal;
    out->legal = o->legal;
    out->judged = o->judged;
    if (o->nominal != EK_DATE_NONE && o->legal != EK_DATE_NONE && o->legal > o->nominal) {
        /* The calendar says which days 1930:173 2 § skipped, by name, in the wording of the day. */
        ek_skipped_day days[8];
        size_t n = 0;
        if (ek_calendar_roll_explain(cal, o->nominal, days, 8, &n) == EK_OK)
            for (size_t i = 0; i < n && i < 8; i++) {
                out->moved[i].date = days[i].date;
                out->moved[i].name = days[i].name;
                out->moved_count = i + 1;
            }
    }
    out->basis = o->basis;
    out->certainty = o->certainty;
    out->law_from = o->version_from;
    out->law_to = o->version_to;
    return EK_OK;
}

/* ---- text ------------------------------------------------------------------ */

typedef struct tbuf {
    char *p;
    size_t size, len;
    int cut;
} tbuf;

static void put(tbuf *b, const char *fmt, ...) EK_PRINTF(2, 3);
static void put(tbuf *b, const char *fmt, ...)
{
    if (b->cut)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(b->p + b->len, b->size - b->len, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= b->size - b->len) {
        b->cut = 1;
        /* never leave half a UTF-8 character at the end */
        size_t k = strlen(b->p);
        while (k > 0 && ((unsigned char)b->p[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)b->p[k - 1] & 0x80))
            k--;
        b->p[k] = '\0';
        b->len = k;
        return;
    }
    b->len += (size_t)w;
}

static const char *d10(ek_date d, char *buf)
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        strcpy(buf, "-");
    return buf;
}

static const char *kind_text(ek_period_kind k)
{
    switch (k) {
    case EK_PERIOD_LAW: return _("satt i lag (lagen (1930:173) gäller)");
    case EK_PERIOD_POLICY: return _("policyns tal för en skyldighet lagen lämnar öppen (flyttas inte)");
    case EK_PERIOD_SET_DATE: return _("dag bestämd i ett beslut (flyttas inte)");
    }
    return "?";
}

int ek_explanation_format(const ek_explanation *x, char *buf, size_t size)
{
    if (x == NULL || buf == NULL || size == 0)
        return ek__error(EK_EINVAL, "ek_explanation_format: NULL argument");
    tbuf b = { buf, size, 0, 0 };
    buf[0] = '\0';
    char d1[EK_DATE_BUFSIZE], d2[EK_DATE_BUFSIZE], pb[EK_PERIOD_BUFSIZE];
    if (x->start.index != EK_NO_EVENT)
        put(&b, _("Räknas från %s %s (händelse %zu)."), x->start.type ? x->start.type : "?", d10(x->start.date, d1),
            x->start.index);
    if (x->period.unit != 0) {
        (void)ek_period_format(x->period, pb, sizeof pb);
        put(&b, _(" Frist %s, %s"), pb, kind_text(x->period_kind));
        if (x->policy_param != NULL)
            put(&b, _("; policyparametern %s = %s"), x->policy_param, x->policy_value[0] ? x->policy_value : "?");
        put(&b, ".");
    } else if (x->period_kind == EK_PERIOD_SET_DATE || x->nominal != EK_DATE_NONE) {
        put(&b, " %s.", kind_text(x->period_kind));
    }
    if (x->original_nominal != EK_DATE_NONE && x->original_nominal != x->nominal)
        put(&b, _(" Ursprunglig slutdag %s."), d10(x->original_nominal, d1));
    if (x->extension.index != EK_NO_EVENT)
        put(&b, _(" Förlängning: %s %s (händelse %zu)."), x->extension.type ? x->extension.type : "?",
            d10(x->extension.date, d1), x->extension.index);
    if (x->nominal != EK_DATE_NONE) {
        put(&b, _(" Nominell slutdag %s"), d10(x->nominal, d1));
        if (x->moved_count > 0) {
            put(&b, _("; flyttad förbi"));
            for (size_t i = 0; i < x->moved_count; i++)
                put(&b, "%s %s %s", i ? "," : "", x->moved[i].name, d10(x->moved[i].date, d2));
            put(&b, _(" till %s (2 § lagen (1930:173))"), d10(x->legal, d1));
        } else if (x->legal != EK_DATE_NONE) {
            put(&b, _("; laglig slutdag densamma"));
        }
        put(&b, ".");
    }
    if (x->judged != EK_DATE_NONE)
        put(&b, _(" Bedömd mot %s slutdag %s (policy bedom_mot = %s)."),
            strcmp(x->judge_on ? x->judge_on : "", "nominal") == 0 ? _("den nominella") : _("den lagliga"),
            d10(x->judged, d1), x->judge_on ? x->judge_on : "?");
    if (x->done.index != EK_NO_EVENT)
        put(&b, _(" Fullgjord %s %s (händelse %zu)."), x->done.type ? x->done.type : "?", d10(x->done.date, d1),
            x->done.index);
    if (x->basis != NULL)
        put(&b, _(" Lagrum: %s, version %s–%s, säkerhet %s."), x->basis, d10(x->law_from, d1), d10(x->law_to, d2),
            x->certainty ? x->certainty : "?");
    if (b.cut)
        return ek__error(EK_ERANGE, "ek_explanation_format: buffer of %zu bytes too small", size);
    return EK_OK;
}
