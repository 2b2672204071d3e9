/* SPDX-License-Identifier: MIT */
/* The `egenkontroll/policy-1` loader (io.h): one JSON object into an ek_policy, all or nothing.
 * Errors name the file, line, column and field (parametrar.<name>). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/policy.h>

#include "../i18n.h"
#include "io_internal.h"

#define POLICY_FORMAT "egenkontroll/policy-1"

typedef struct pctx {
    const char *source;
    const char *text;
    size_t len;
} pctx;

/* The error at field @k0 (or @k0.@k2; the whole text when @k0 is NULL), located in the text. */
static int polerr(const pctx *p, int status, const char *k0, const char *k2, const char *fmt, ...) EK_PRINTF(5, 6);
static int polerr(const pctx *p, int status, const char *k0, const char *k2, const char *fmt, ...)
{
    char what[400], field[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, _(fmt), ap);  /* translated (i18n.h) */
    va_end(ap);
    if (k0 == NULL)
        field[0] = '\0';
    else if (k2 != NULL)
        snprintf(field, sizeof field, "%s.%s", k0, k2);
    else
        snprintf(field, sizeof field, "%s", k0);
    unsigned long line, col;
    ek__json_line_col(p->text, p->len, ek__json_locate(p->text, p->len, field), &line, &col);
    return ek__error_at(status, p->source, line, col, NULL, field, "%s", what);
}

/* Re-issue the last error (from the policy model) at this location.  The message is the
 * description only (the location lives in the error's fields), so nothing is cut out. */
static int rewrap(const pctx *p, const char *k0, const char *k2)
{
    const ek_error *e = ek_error_last();
    int status = e->status;
    char what[sizeof e->message];
    ek__strlcpy(what, e->message, sizeof what);
    return polerr(p, status, k0, k2, "%s", what);
}

static int policy_apply(ek_policy *tmp, const pctx *p, json_t *root)
{
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        if (strcmp(key, "format") == 0) {
            if (!json_is_string(v) || strcmp(json_string_value(v), POLICY_FORMAT) != 0)
                return polerr(p, EK_EPARSE, "format", NULL, "unsupported format (expected \"%s\")", POLICY_FORMAT);
        } else if (strcmp(key, "kommun") == 0 || strcmp(key, "beskrivning") == 0) {
            if (!json_is_string(v))
                return polerr(p, EK_EPARSE, key, NULL, "expected a string, found %s", ek__json_type_name(v));
        } else if (strcmp(key, "parametrar") == 0) {
            if (!json_is_object(v))
                return polerr(p, EK_EPARSE, "parametrar", NULL, "\"parametrar\" must be an object, found %s",
                            ek__json_type_name(v));
            const char *name;
            json_t *pv;
            json_object_foreach(v, name, pv) {
                if (!json_is_string(pv))
                    return polerr(p, EK_EPARSE, "parametrar", name,
                                "policy parameter %s: expected a string such as \"3m\" or a choice word, found %s",
                                name, ek__json_type_name(pv));
                if (ek_policy_set(tmp, name, json_string_value(pv)) != EK_OK)
                    return rewrap(p, "parametrar", name);
            }
        } else {
            return polerr(p, EK_ENOTFOUND, key, NULL,
                        "unknown key \"%s\" in a policy file (expected format, parametrar, kommun, beskrivning)", key);
        }
    }
    return EK_OK;
}

int ek_policy_load_json_string(ek_policy *policy, const char *text, size_t len, const char *name)
{
    if (policy == NULL || (text == NULL && len > 0))
        return ek__error(EK_EINVAL, "ek_policy_load_json_string: NULL argument");
    if (name == NULL)
        name = "<string>";
    if (text == NULL)
        text = "";
    if (len > EK_IO_MAX_LINE)
        return ek__error_at(EK_ELIMIT, name, 0, 0, NULL, NULL, "policy text longer than %u bytes",
                            (unsigned)EK_IO_MAX_LINE);
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL)
        return ek__error_at(EK_EPARSE, name, jerr.line > 0 ? (unsigned long)jerr.line : 1,
                            jerr.column > 0 ? (unsigned long)jerr.column : 1, NULL, NULL, "invalid JSON: %s", jerr.text);
    pctx p = { name, text, len };
    int rc;
    if (!json_is_object(root)) {
        rc = polerr(&p, EK_EPARSE, NULL, NULL, "a policy file holds a JSON object, found %s",
                  ek__json_type_name(root));
        json_decref(root);
        return rc;
    }
    ek_policy *tmp = NULL;
    rc = ek_policy_new(&tmp);
    if (rc == EK_OK)
        rc = ek_policy_copy(tmp, policy);
    if (rc == EK_OK)
        rc = policy_apply(tmp, &p, root);
    if (rc == EK_OK)
        rc = ek_policy_copy(policy, tmp);
    ek_policy_free(tmp);
    json_decref(root);
    return rc;
}

int ek_policy_load_json(ek_policy *policy, const char *path)
{
    if (policy == NULL || path == NULL)
        return ek__error(EK_EINVAL, "ek_policy_load_json: NULL argument");
    char *buf = NULL;
    size_t n = 0;
    int rc = ek__io_read_file(path, EK_IO_MAX_LINE, &buf, &n);
    if (rc == EK_OK)
        rc = ek_policy_load_json_string(policy, buf, n, strcmp(path, "-") == 0 ? "<stdin>" : path);
    ek__free(buf);
    return rc;
}
