/* SPDX-License-Identifier: MIT */
/* The context: calendar, policy, log sink and language. */
#include <stdio.h>

#include <egenkontroll/calendar.h>
#include <egenkontroll/policy.h>

#include "calendar_internal.h"
#include "i18n.h"
#include "internal.h"

struct ek_context {
    ek_calendar *calendar;
    ek_policy *policy;
    ek_log_fn log_fn;
    void *log_user;
    ek_log_level log_max;
    int strict;
    int lang; /* i18n.h: EK__LANG_PROCESS or a compiled catalogue */
};

int ek_context_new(ek_context **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_context_new: out is NULL");
    ek_context *ctx = ek__calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return ek__oom();
    int rc = ek_calendar_new(&ctx->calendar);
    if (rc == EK_OK)
        rc = ek_policy_new(&ctx->policy);
    if (rc != EK_OK) {
        ek_context_free(ctx);
        return rc;
    }
    ctx->log_max = EK_LOG_WARNING;
    *out = ctx;
    return EK_OK;
}

void ek_context_free(ek_context *ctx)
{
    if (ctx == NULL)
        return;
    ek_calendar_free(ctx->calendar);
    ek_policy_free(ctx->policy);
    ek__free(ctx);
}

int ek_context_set_log(ek_context *ctx, ek_log_fn fn, void *user, ek_log_level max_level)
{
    if (ctx == NULL)
        return ek__error(EK_EINVAL, "ek_context_set_log: ctx is NULL");
    if ((int)max_level < EK_LOG_ERROR || max_level > EK_LOG_DEBUG)
        return ek__error(EK_EINVAL, "ek_context_set_log: log level %d unknown", (int)max_level);
    ctx->log_fn = fn;
    ctx->log_user = user;
    ctx->log_max = max_level;
    return EK_OK;
}

const ek_calendar *ek_context_calendar(const ek_context *ctx)
{
    return ctx ? ctx->calendar : NULL;
}

ek_policy *ek_context_policy(ek_context *ctx)
{
    return ctx ? ctx->policy : NULL;
}

const ek_policy *ek_context_policy_const(const ek_context *ctx)
{
    return ctx ? ctx->policy : NULL;
}

void ek__log(const ek_context *ctx, ek_log_level level, const char *fmt, ...)
{
    if (ctx == NULL || ctx->log_fn == NULL || level > ctx->log_max)
        return;
    EK__LANG_SCOPE(ctx->lang);
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, _(fmt), ap);  /* translated (i18n.h) */
    va_end(ap);
    ctx->log_fn(level, buf, ctx->log_user);
}

int ek_context_set_strict(ek_context *ctx, int strict)
{
    if (ctx == NULL)
        return ek__error(EK_EINVAL, "ek_context_set_strict: ctx is NULL");
    ctx->strict = strict != 0;
    return EK_OK;
}

int ek_context_strict(const ek_context *ctx) { return ctx != NULL && ctx->strict; }

int ek_context_set_language(ek_context *ctx, const char *lang)
{
    if (ctx == NULL)
        return ek__error(EK_EINVAL, "ek_context_set_language: ctx is NULL");
    EK__LANG_SCOPE(ctx->lang);
    int k = ek__lang_from_name(lang);
    if (k < 0)
        return ek__error(EK_EINVAL, "ek_context_set_language: language \"%s\" unknown (known: %s)", lang,
                         ek__lang_names());
    ctx->lang = k;
    ek__calendar_set_lang(ctx->calendar, k);
    return EK_OK;
}

const char *ek_context_language(const ek_context *ctx)
{
    return ctx ? ek__lang_name(ctx->lang) : NULL;
}

int ek__context_lang(const ek_context *ctx)
{
    return ctx ? ctx->lang : EK__LANG_KEEP;
}
