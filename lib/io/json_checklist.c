/* SPDX-License-Identifier: MIT */
/* egenkontroll/checklist-1 and egenkontroll/delegation-1: reading and validating; writing results. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"
#include "jbuf_internal.h"
#include "../checklist_internal.h"
#include "../i18n.h"

#define MAX_FILE (8u * 1024u * 1024u)

/* ---- the loader ------------------------------------------------------------------------ */

typedef struct L {
    const char *name;
    const char *text;
    size_t len;
    ek_checklist *cl;
    char path[512];
    const char *item;          /* id of the item being read, for messages */
    const char *origin;
    char **event_types;        /* declared extra event types */
    size_t nevent_types;
} L;

static int lerr(L *l, int status, const char *fmt, ...) EK_PRINTF(3, 4);

static int lerr(L *l, int status, const char *fmt, ...)
{
    char what[sizeof ek_error_last()->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, _(fmt), ap);  /* translated (i18n.h) */
    va_end(ap);
    unsigned long line = 0, col = 0;
    if (l->text)
        ek__json_line_col(l->text, l->len, ek__json_locate(l->text, l->len, l->path), &line, &col);
    /* The item's id goes into the record id (shown once by ek_error_format()), not into the text. */
    return ek__error_at(status, l->name, line, col, l->item, l->path, "%s", what);
}

/* Path helpers: push returns the old length for pop. */
static size_t push_key(L *l, const char *key)
{
    size_t old = strlen(l->path);
    snprintf(l->path + old, sizeof l->path - old, "%s%s", old ? "." : "", key);
    return old;
}

static size_t push_index(L *l, size_t k)
{
    size_t old = strlen(l->path);
    snprintf(l->path + old, sizeof l->path - old, "[%zu]", k);
    return old;
}

static void pop(L *l, size_t old)
{
    l->path[old] = '\0';
}

static const char *jtype(const json_t *v)
{
    return ek__json_type_name(v);
}

static int dup_str(L *l, const char *s, char **out)
{
    (void)l;
    *out = ek__strdup(s);
    return *out ? EK_OK : ek__oom();
}

/* A string member (optional unless @required). */
static int get_str(L *l, json_t *obj, const char *key, int required, char **out)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required) {
            size_t o = push_key(l, key);
            pop(l, o);
            return lerr(l, EK_EPARSE, "missing required key \"%s\"", key);
        }
        return EK_OK;
    }
    size_t o = push_key(l, key);
    int rc;
    if (!json_is_string(v))
        rc = lerr(l, EK_EPARSE, "wrong argument type: \"%s\" must be a string, not %s", key, jtype(v));
    else if (required && json_string_length(v) == 0)
        rc = lerr(l, EK_EPARSE, "\"%s\" must not be empty", key);
    else
        rc = dup_str(l, json_string_value(v), out);
    pop(l, o);
    return rc;
}

static int check_keys(L *l, json_t *obj, const char *const *allowed, const char *what)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        int ok = strncmp(key, "x_", 2) == 0;
        for (size_t i = 0; !ok && allowed[i]; i++)
            ok = strcmp(key, allowed[i]) == 0;
        if (!ok) {
            size_t o = push_key(l, key);
            int rc = lerr(l, EK_EPARSE, "unknown key \"%s\" in %s", key, what);
            pop(l, o);
            return rc;
        }
    }
    return EK_OK;
}

static int parse_date_str(L *l, json_t *v, const char *what, ek_date *out)
{
    if (!json_is_string(v))
        return lerr(l, EK_EPARSE, "wrong argument type: %s must be a date string \"YYYY-MM-DD\", not %s", what,
                    jtype(v));
    if (ek_date_parse(json_string_value(v), out) != EK_OK)
        return lerr(l, EK_EPARSE, "%s: \"%s\" is not a valid date", what, json_string_value(v));
    return EK_OK;
}

static int known_type(L *l, const char *name, ek_event_type *code)
{
    *code = ek_event_type_from_name(name);
    if (*code != EK_EV_UNKNOWN)
        return 1;
    /* rules.h vocabulary beyond case-1, and the checklist's own declarations */
    if (strcmp(name, "begaran_avgorande") == 0 || strcmp(name, "begaran_avgorande_besvarad") == 0)
        return 1;
    for (size_t i = 0; i < l->nevent_types; i++)
        if (strcmp(l->event_types[i], name) == 0)
            return 1;
    return 0;
}

static int parse_pred(L *l, json_t *v, const ek__espec *ctx, int depth, size_t *out);

static int parse_spec(L *l, json_t *v, ek__espec *s, const char *const *extra_keys, int depth)
{
    if (!json_is_object(v))
        return lerr(l, EK_EPARSE, "wrong argument type: an event selection must be an object, not %s", jtype(v));
    static const char *const base[] = { "type", "where", "date_from", "date_to", NULL };
    const char *key;
    json_t *m;
    json_object_foreach(v, key, m) {
        int ok = strncmp(key, "x_", 2) == 0;
        for (size_t i = 0; !ok && base[i]; i++)
            ok = strcmp(key, base[i]) == 0;
        for (size_t i = 0; !ok && extra_keys && extra_keys[i]; i++)
            ok = strcmp(key, extra_keys[i]) == 0;
        if (!ok) {
            size_t o = push_key(l, key);
            int rc = lerr(l, EK_EPARSE, "unknown key \"%s\" in an event selection", key);
            pop(l, o);
            return rc;
        }
    }
    json_t *t = json_object_get(v, "type");
    if (!t)
        return lerr(l, EK_EPARSE, "an event selection needs \"type\"");
    size_t o = push_key(l, "type");
    size_t nt = json_is_array(t) ? json_array_size(t) : 1;
    if (!json_is_string(t) && !(json_is_array(t) && nt > 0)) {
        int rc = lerr(l, EK_EPARSE, "wrong argument type: \"type\" must be an event type name or a non-empty "
                      "array of them, not %s", jtype(t));
        pop(l, o);
        return rc;
    }
    s->types = ek__calloc(nt, sizeof *s->types);
    s->codes = ek__calloc(nt, sizeof *s->codes);
    if (!s->types || !s->codes) {
        pop(l, o);
        return ek__oom();
    }
    for (size_t k = 0; k < nt; k++) {
        json_t *e = json_is_array(t) ? json_array_get(t, k) : t;
        size_t o2 = json_is_array(t) ? push_index(l, k) : strlen(l->path);
        int rc = EK_OK;
        if (!json_is_string(e))
            rc = lerr(l, EK_EPARSE, "wrong argument type: an event type must be a string, not %s", jtype(e));
        else if (!known_type(l, json_string_value(e), &s->codes[k]))
            rc = lerr(l, EK_EPARSE, "unknown event type \"%s\" (declare a type of your own in \"event_types\")",
                      json_string_value(e));
        else {
            s->types[k] = ek__strdup(json_string_value(e));
            if (!s->types[k])
                rc = ek__oom();
            else
                s->ntypes = k + 1;
        }
        pop(l, o2);
        if (rc) {
            pop(l, o);
            return rc;
        }
    }
    pop(l, o);
    json_t *d;
    int rc = EK_OK;
    if ((d = json_object_get(v, "date_from"))) {
        o = push_key(l, "date_from");
        rc = parse_date_str(l, d, "\"date_from\"", &s->date_from);
        pop(l, o);
    }
    if (rc == EK_OK && (d = json_object_get(v, "date_to"))) {
        o = push_key(l, "date_to");
        rc = parse_date_str(l, d, "\"date_to\"", &s->date_to);
        pop(l, o);
    }
    if (rc == EK_OK && (d = json_object_get(v, "where"))) {
        o = push_key(l, "where");
        rc = parse_pred(l, d, s, depth + 1, &s->where);
        pop(l, o);
    }
    return rc;
}

static int parse_quant(L *l, json_t *obj, ek__quant def, ek__quant *out)
{
    json_t *q = json_object_get(obj, "for");
    *out = def;
    if (!q)
        return EK_OK;
    size_t o = push_key(l, "for");
    int rc = EK_OK;
    const char *s = json_is_string(q) ? json_string_value(q) : NULL;
    if (!s)
        rc = lerr(l, EK_EPARSE, "wrong argument type: \"for\" must be \"some\", \"every\" or \"none\", not %s", jtype(q));
    else if (strcmp(s, "some") == 0)
        *out = EK__Q_SOME;
    else if (strcmp(s, "every") == 0)
        *out = EK__Q_EVERY;
    else if (strcmp(s, "none") == 0)
        *out = EK__Q_NONE;
    else
        rc = lerr(l, EK_EPARSE, "\"for\" must be \"some\", \"every\" or \"none\", not \"%s\"", s);
    pop(l, o);
    return rc;
}

/* Check an attribute comparison value against the event types of the context. */
static int parse_aval(L *l, json_t *v, const char *key, const ek__espec *ctx, ek__aval *out)
{
    ek_attr_kind want = (ek_attr_kind)0;
    const char *values = NULL, *tname = NULL;
    for (size_t t = 0; ctx && t < ctx->ntypes; t++) {
        ek_attr_kind k;
        const char *vals = NULL;
        if (ctx->codes[t] != EK_EV_UNKNOWN && ek_event_attr_spec(ctx->codes[t], key, &k, &vals, NULL) == EK_OK) {
            want = k;
            values = vals;
            tname = ctx->types[t];
            break;
        }
    }
    static const char *const kind_names[] = { "?", "a string", "a boolean", "a date", "a value" };
    if (json_is_boolean(v)) {
        if (want && want != EK_ATTR_BOOL)
            return lerr(l, EK_EPARSE, "wrong argument type: \"%s\" of %s is %s, not a boolean", key, tname,
                        kind_names[want]);
        out->kind = EK_ATTR_BOOL;
        out->boolean = json_is_true(v);
        return EK_OK;
    }
    if (!json_is_string(v))
        return lerr(l, EK_EPARSE, "wrong argument type: the value compared with \"%s\" must be a string or a "
                    "boolean, not %s", key, jtype(v));
    const char *s = json_string_value(v);
    if (want == EK_ATTR_BOOL)
        return lerr(l, EK_EPARSE, "wrong argument type: \"%s\" of %s is a boolean, not a string", key, tname);
    if (want == EK_ATTR_DATE) {
        out->kind = EK_ATTR_DATE;
        if (ek_date_parse(s, &out->date) != EK_OK)
            return lerr(l, EK_EPARSE, "\"%s\" of %s is a date; \"%s\" is not a valid date", key, tname, s);
        return EK_OK;
    }
    if (values) {
        size_t sl = strlen(s);
        const char *p = values;
        int ok = 0;
        while (*p && !ok) {
            size_t wl = strcspn(p, "|");
            ok = wl == sl && memcmp(p, s, sl) == 0;
            p += wl + (p[wl] == '|');
        }
        if (!ok)
            return lerr(l, EK_EPARSE, "\"%s\" is not a value of \"%s\" for %s (%s)", s, key, tname, values);
    }
    out->kind = EK_ATTR_STRING;
    out->string = ek__strdup(s);
    return out->string ? EK_OK : ek__oom();
}

static int parse_attr(L *l, json_t *a, const ek__espec *ctx, size_t ni)
{
    static const char *const keys[] = { "key", "equals", "in", "present", "missing", NULL };
    if (!json_is_object(a))
        return lerr(l, EK_EPARSE, "wrong argument type: \"attr\" takes an object, not %s", jtype(a));
    int rc = check_keys(l, a, keys, "\"attr\"");
    if (rc)
        return rc;
    char *key = NULL;
    rc = get_str(l, a, "key", 1, &key);
    if (rc)
        return rc;
    l->cl->nodes[ni].key = key;
    json_t *eq = json_object_get(a, "equals"), *in = json_object_get(a, "in"), *pr = json_object_get(a, "present");
    if ((eq != NULL) + (in != NULL) + (pr != NULL) != 1)
        return lerr(l, EK_EPARSE, "\"attr\" needs exactly one of \"equals\", \"in\", \"present\"");
    json_t *miss = json_object_get(a, "missing");
    if (miss) {
        size_t o = push_key(l, "missing");
        ek_truth t;
        if (!json_is_string(miss))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"missing\" must be a truth value name, not %s", jtype(miss));
        else if (ek_truth_from_name(json_string_value(miss), &t) != EK_OK)
            rc = lerr(l, EK_EPARSE, "\"missing\": \"%s\" is not a truth value (true, false, unknown, notchecked, "
                      "notapplicable, error)", json_string_value(miss));
        else
            l->cl->nodes[ni].missing = t;
        pop(l, o);
        if (rc)
            return rc;
    }
    if (pr) {
        size_t o = push_key(l, "present");
        if (!json_is_true(pr))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"present\" must be true");
        pop(l, o);
        l->cl->nodes[ni].cmp = EK__CMP_PRESENT;
        if (!miss)
            l->cl->nodes[ni].missing = EK_TRUTH_FALSE;
        return rc;
    }
    json_t *vals = eq ? eq : in;
    size_t o = push_key(l, eq ? "equals" : "in");
    size_t nv = eq ? 1 : json_array_size(in);
    if (in && (!json_is_array(in) || nv == 0)) {
        rc = lerr(l, EK_EPARSE, "wrong argument type: \"in\" must be a non-empty array, not %s", jtype(in));
        pop(l, o);
        return rc;
    }
    ek__aval *av = ek__calloc(nv, sizeof *av);
    if (!av) {
        pop(l, o);
        return ek__oom();
    }
    l->cl->nodes[ni].vals = av;
    l->cl->nodes[ni].cmp = eq ? EK__CMP_EQUALS : EK__CMP_IN;
    for (size_t k = 0; k < nv && rc == EK_OK; k++) {
        size_t o2 = in ? push_index(l, k) : strlen(l->path);
        rc = parse_aval(l, in ? json_array_get(in, k) : vals, key, ctx, &av[k]);
        /* the node may have moved? no: parse_aval adds no nodes */
        if (rc == EK_OK)
            l->cl->nodes[ni].nvals = k + 1;
        else if (av[k].string) {
            ek__free(av[k].string);
            av[k].string = NULL;
        }
        pop(l, o2);
    }
    pop(l, o);
    return rc;
}

/* {"age": {"min": N, "under": M, "missing": TRUTH}}: whole years, 0-150; at least one bound. */
static int parse_age(L *l, json_t *a, size_t ni)
{
    static const char *const keys[] = { "min", "under", "missing", NULL };
    if (!json_is_object(a))
        return lerr(l, EK_EPARSE, "wrong argument type: \"age\" takes an object such as {\"min\": 15}, not %s",
                    jtype(a));
    int rc = check_keys(l, a, keys, "\"age\"");
    if (rc)
        return rc;
    ek__node *n = &l->cl->nodes[ni];
    n->age_min = n->age_under = -1;
    n->missing = EK_TRUTH_UNKNOWN;
    static const char *const bounds[] = { "min", "under" };
    for (int k = 0; k < 2 && rc == EK_OK; k++) {
        json_t *b = json_object_get(a, bounds[k]);
        if (!b)
            continue;
        size_t o = push_key(l, bounds[k]);
        if (!json_is_integer(b) || json_integer_value(b) < 0 || json_integer_value(b) > 150)
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"%s\" must be a whole number of years 0-150, not %s",
                      bounds[k], json_is_integer(b) ? "that number" : jtype(b));
        else if (k == 0)
            n->age_min = (int)json_integer_value(b);
        else
            n->age_under = (int)json_integer_value(b);
        pop(l, o);
    }
    if (rc == EK_OK && n->age_min < 0 && n->age_under < 0)
        rc = lerr(l, EK_EPARSE, "\"age\" needs \"min\" or \"under\" (whole years)");
    json_t *miss = json_object_get(a, "missing");
    if (rc == EK_OK && miss) {
        size_t o = push_key(l, "missing");
        ek_truth t;
        if (!json_is_string(miss) || ek_truth_from_name(json_string_value(miss), &t) != EK_OK)
            rc = lerr(l, EK_EPARSE, "\"missing\" must be a truth value name (true, false, unknown, notchecked, "
                      "notapplicable, error)");
        else
            n->missing = t;
        pop(l, o);
    }
    return rc;
}

static int parse_period(L *l, json_t *p, size_t ni)
{
    ek__node *n = &l->cl->nodes[ni];
    if (json_is_string(p)) {
        if (ek_period_parse(json_string_value(p), &n->period) != EK_OK)
            return lerr(l, EK_EPARSE, "\"%s\" is not a period (e.g. \"14d\", \"1m\", \"10wd\")", json_string_value(p));
        n->has_period = 1;
        return EK_OK;
    }
    if (json_is_object(p) && json_object_size(p) == 1 && json_is_string(json_object_get(p, "policy"))) {
        const char *name = json_string_value(json_object_get(p, "policy"));
        ek_policy *pol = NULL;
        int rc = ek_policy_new(&pol);
        if (rc)
            return rc;
        ek_period tmp;
        rc = ek_policy_get_period(pol, name, &tmp);
        ek_policy_free(pol);
        if (rc == EK_ENOMEM)
            return rc;
        if (rc) {
            size_t o = push_key(l, "policy");
            rc = lerr(l, EK_EPARSE, "\"%s\" is not a period parameter of the policy", name);
            pop(l, o);
            return rc;
        }
        n->policy = ek__strdup(name);
        return n->policy ? EK_OK : ek__oom();
    }
    return lerr(l, EK_EPARSE, "wrong argument type: \"period\" must be a period such as \"14d\" or "
                "{\"policy\": NAME}, not %s", jtype(p));
}

static int parse_same(L *l, json_t *s, size_t ni)
{
    if (!json_is_array(s))
        return lerr(l, EK_EPARSE, "wrong argument type: \"same\" must be an array of attribute names, not %s", jtype(s));
    size_t n = json_array_size(s);
    if (n == 0)
        return EK_OK;
    char **v = ek__calloc(n, sizeof *v);
    if (!v)
        return ek__oom();
    l->cl->nodes[ni].same = v;
    for (size_t k = 0; k < n; k++) {
        json_t *e = json_array_get(s, k);
        if (!json_is_string(e)) {
            size_t o = push_index(l, k);
            int rc = lerr(l, EK_EPARSE, "wrong argument type: an attribute name must be a string, not %s", jtype(e));
            pop(l, o);
            return rc;
        }
        v[k] = ek__strdup(json_string_value(e));
        if (!v[k])
            return ek__oom();
        l->cl->nodes[ni].nsame = k + 1;
    }
    return EK_OK;
}

static int parse_relation(L *l, json_t *a, int within, int depth, size_t ni)
{
    static const char *const wkeys[] = { "from", "to", "period", "for", "same", "judge", NULL };
    static const char *const bkeys[] = { "anchor", "event", "for", "same", NULL };
    const char *op = within ? "\"within\"" : "\"before\"";
    if (!json_is_object(a))
        return lerr(l, EK_EPARSE, "wrong argument type: %s takes an object, not %s", op, jtype(a));
    int rc = check_keys(l, a, within ? wkeys : bkeys, op);
    if (rc)
        return rc;
    const char *k1 = within ? "from" : "anchor", *k2 = within ? "to" : "event";
    json_t *s1 = json_object_get(a, k1), *s2 = json_object_get(a, k2);
    if (!s1 || !s2)
        return lerr(l, EK_EPARSE, "%s needs \"%s\" and \"%s\"", op, k1, k2);
    ek__espec tmp1, tmp2;
    ek__espec_init(&tmp1);
    ek__espec_init(&tmp2);
    size_t o = push_key(l, k1);
    rc = parse_spec(l, s1, &tmp1, NULL, depth);
    pop(l, o);
    l->cl->nodes[ni].from = tmp1;  /* owned by the node from here on */
    if (rc)
        return rc;
    o = push_key(l, k2);
    rc = parse_spec(l, s2, &tmp2, NULL, depth);
    pop(l, o);
    l->cl->nodes[ni].to = tmp2;
    if (rc)
        return rc;
    rc = parse_quant(l, a, EK__Q_EVERY, &l->cl->nodes[ni].quant);
    if (rc == EK_OK && l->cl->nodes[ni].quant == EK__Q_NONE)
        rc = lerr(l, EK_EPARSE, "%s: \"for\" must be \"every\" or \"some\" (use \"not\" for none)", op);
    if (rc)
        return rc;
    json_t *m;
    if ((m = json_object_get(a, "same"))) {
        o = push_key(l, "same");
        rc = parse_same(l, m, ni);
        pop(l, o);
        if (rc)
            return rc;
    }
    if (!within)
        return EK_OK;
    m = json_object_get(a, "period");
    if (!m)
        return lerr(l, EK_EPARSE, "\"within\" needs \"period\"");
    o = push_key(l, "period");
    rc = parse_period(l, m, ni);
    pop(l, o);
    if (rc)
        return rc;
    if ((m = json_object_get(a, "judge"))) {
        o = push_key(l, "judge");
        const char *s = json_is_string(m) ? json_string_value(m) : "";
        if (strcmp(s, "legal") == 0)
            l->cl->nodes[ni].judge = EK__JUDGE_LEGAL;
        else if (strcmp(s, "nominal") == 0)
            l->cl->nodes[ni].judge = EK__JUDGE_NOMINAL;
        else if (strcmp(s, "policy") == 0)
            l->cl->nodes[ni].judge = EK__JUDGE_POLICY;
        else
            rc = lerr(l, EK_EPARSE, "\"judge\" must be \"legal\", \"nominal\" or \"policy\"");
        pop(l, o);
    }
    return rc;
}

static const struct { const char *name; unsigned int bit; } flag_names[] = {
    { "undantag", EK_OBL_EXCEPTION }, { "undantag_for_sent", EK_OBL_EXCEPTION_TOO_LATE },
    { "forlangd", EK_OBL_EXTENDED }, { "forlangning_for_sent", EK_OBL_EXTENSION_TOO_LATE },
    { "ikrafttradande", EK_OBL_CLAMPED }, { "aterkommande", EK_OBL_RECURRING }, { "nasta", EK_OBL_NEXT },
    { "forfaller", EK_OBL_LAPSES }, { "strikt", EK_OBL_NOMINAL_JUDGED }, { "osaker", EK_OBL_UNCERTAIN },
    { "antagande", EK_OBL_ASSUMED },
};

static int parse_rule(L *l, json_t *a, size_t ni)
{
    static const char *const keys[] = { "rule", "require", "flag", NULL };
    if (!json_is_object(a))
        return lerr(l, EK_EPARSE, "wrong argument type: \"rule\" takes an object, not %s", jtype(a));
    int rc = check_keys(l, a, keys, "\"rule\"");
    if (rc)
        return rc;
    json_t *r = json_object_get(a, "rule");
    if (!r)
        return lerr(l, EK_EPARSE, "\"rule\" needs \"rule\" (a rule id of rules.h or an array of them)");
    size_t o = push_key(l, "rule");
    size_t nr = json_is_array(r) ? json_array_size(r) : 1;
    if (!json_is_string(r) && !(json_is_array(r) && nr > 0)) {
        rc = lerr(l, EK_EPARSE, "wrong argument type: \"rule\" must be a rule id or a non-empty array of them, not %s",
                  jtype(r));
        pop(l, o);
        return rc;
    }
    ek_rule_id *ids = ek__calloc(nr, sizeof *ids);
    if (!ids) {
        pop(l, o);
        return ek__oom();
    }
    l->cl->nodes[ni].rules = ids;
    for (size_t k = 0; k < nr; k++) {
        json_t *e = json_is_array(r) ? json_array_get(r, k) : r;
        size_t o2 = json_is_array(r) ? push_index(l, k) : strlen(l->path);
        size_t idx = 0;
        if (!json_is_string(e))
            rc = lerr(l, EK_EPARSE, "wrong argument type: a rule id must be a string, not %s", jtype(e));
        else if (ek_rulebook_find(ek_rulebook_builtin(), json_string_value(e), &idx) != EK_OK)
            rc = lerr(l, EK_EPARSE, "unknown rule \"%s\" (see `egenkontroll evaluate --list-rules`)", json_string_value(e));
        pop(l, o2);
        if (rc) {
            pop(l, o);
            return rc;
        }
        ids[k] = (ek_rule_id)idx;
        l->cl->nodes[ni].nrules = k + 1;
    }
    pop(l, o);
    ek__node *n = &l->cl->nodes[ni];
    n->require = EK__REQ_MET;
    json_t *q = json_object_get(a, "require");
    if (q) {
        o = push_key(l, "require");
        const char *s = json_is_string(q) ? json_string_value(q) : NULL;
        if (!s)
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"require\" must be a string, not %s", jtype(q));
        else if (strcmp(s, "met") == 0)
            n->require = EK__REQ_MET;
        else if (strcmp(s, "done") == 0)
            n->require = EK__REQ_DONE;
        else if (strcmp(s, "exists") == 0)
            n->require = EK__REQ_EXISTS;
        else if (strcmp(s, "flag") == 0)
            n->require = EK__REQ_FLAG;
        else
            rc = lerr(l, EK_EPARSE, "\"require\" must be \"met\", \"done\", \"exists\" or \"flag\", not \"%s\"", s);
        pop(l, o);
        if (rc)
            return rc;
    }
    json_t *f = json_object_get(a, "flag");
    if ((f != NULL) != (n->require == EK__REQ_FLAG))
        return lerr(l, EK_EPARSE, "\"flag\" is given exactly when \"require\" is \"flag\"");
    if (f) {
        o = push_key(l, "flag");
        const char *s = json_is_string(f) ? json_string_value(f) : "";
        for (size_t k = 0; k < sizeof flag_names / sizeof flag_names[0]; k++)
            if (strcmp(flag_names[k].name, s) == 0)
                n->flag = flag_names[k].bit;
        if (!n->flag)
            rc = lerr(l, EK_EPARSE, "unknown obligation flag \"%s\" (undantag, forlangd, ikrafttradande, …)", s);
        pop(l, o);
    }
    return rc;
}

static const char *const pred_names[] = {
    "all", "any", "not", "first_known", "value", "event", "attr", "within", "before", "rule", "answer",
    "delegation", "ref", "age", NULL
};

static int parse_pred(L *l, json_t *v, const ek__espec *ctx, int depth, size_t *out)
{
    if (depth > EK__CL_MAX_DEPTH)
        return lerr(l, EK_ELIMIT, "excessive depth: predicates nested deeper than %d levels", EK__CL_MAX_DEPTH);
    if (!json_is_object(v))
        return lerr(l, EK_EPARSE, "wrong argument type: a predicate must be an object such as {\"all\": [...]}, "
                    "not %s", jtype(v));
    const char *op = NULL, *key;
    json_t *arg = NULL, *m;
    json_object_foreach(v, key, m) {
        if (strcmp(key, "message") == 0 || strncmp(key, "x_", 2) == 0)
            continue;
        int known = 0;
        for (size_t i = 0; pred_names[i]; i++)
            known |= strcmp(key, pred_names[i]) == 0;
        size_t o = push_key(l, key);
        int rc = EK_OK;
        if (!known)
            rc = lerr(l, EK_EPARSE, "unknown predicate \"%s\" (all, any, not, first_known, value, event, attr, "
                      "within, before, rule, answer, delegation, ref, age)", key);
        else if (op)
            rc = lerr(l, EK_EPARSE, "a predicate object holds one predicate; found \"%s\" and \"%s\"", op, key);
        pop(l, o);
        if (rc)
            return rc;
        op = key;
        arg = m;
    }
    if (!op)
        return lerr(l, EK_EPARSE, "empty predicate: expected one of all, any, not, first_known, value, event, attr, "
                    "within, before, rule, answer, delegation, ref, age");
    ek__op code = strcmp(op, "all") == 0 ? EK__OP_ALL : strcmp(op, "any") == 0 ? EK__OP_ANY
                : strcmp(op, "not") == 0 ? EK__OP_NOT : strcmp(op, "first_known") == 0 ? EK__OP_FIRST_KNOWN
                : strcmp(op, "value") == 0 ? EK__OP_VALUE : strcmp(op, "event") == 0 ? EK__OP_EVENT
                : strcmp(op, "attr") == 0 ? EK__OP_ATTR : strcmp(op, "within") == 0 ? EK__OP_WITHIN
                : strcmp(op, "before") == 0 ? EK__OP_BEFORE : strcmp(op, "rule") == 0 ? EK__OP_RULE
                : strcmp(op, "answer") == 0 ? EK__OP_ANSWER : strcmp(op, "delegation") == 0 ? EK__OP_DELEGATION
                : strcmp(op, "age") == 0 ? EK__OP_AGE : EK__OP_REF;
    size_t ni;
    int rc = ek__checklist_add_node(l->cl, code, &ni);
    if (rc)
        return rc;
    *out = ni;
    l->cl->nodes[ni].path = ek__strdup(l->path);
    if (!l->cl->nodes[ni].path)
        return ek__oom();
    json_t *msg = json_object_get(v, "message");
    if (msg) {
        size_t o = push_key(l, "message");
        if (!json_is_string(msg))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"message\" must be a string, not %s", jtype(msg));
        else
            rc = dup_str(l, json_string_value(msg), &l->cl->nodes[ni].message);
        pop(l, o);
        if (rc)
            return rc;
    }
    size_t o = push_key(l, op);
    switch (code) {
    case EK__OP_ALL:
    case EK__OP_ANY:
    case EK__OP_FIRST_KNOWN: {
        size_t n = json_is_array(arg) ? json_array_size(arg) : 0;
        if (!json_is_array(arg) || n == 0) {
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"%s\" takes a non-empty array of predicates, not %s", op,
                      json_is_array(arg) ? "an empty array" : jtype(arg));
            break;
        }
        if (n > 64) {
            rc = lerr(l, EK_ELIMIT, "\"%s\" takes at most 64 operands", op);
            break;
        }
        size_t *kids = ek__calloc(n, sizeof *kids);
        if (!kids) {
            rc = ek__oom();
            break;
        }
        l->cl->nodes[ni].kids = kids;
        for (size_t k = 0; k < n && rc == EK_OK; k++) {
            size_t o2 = push_index(l, k);
            size_t kid;
            rc = parse_pred(l, json_array_get(arg, k), ctx, depth + 1, &kid);
            if (rc == EK_OK) {
                l->cl->nodes[ni].kids[k] = kid;
                l->cl->nodes[ni].nkids = k + 1;
            }
            pop(l, o2);
        }
        break;
    }
    case EK__OP_NOT: {
        size_t *kids = ek__calloc(1, sizeof *kids);
        if (!kids) {
            rc = ek__oom();
            break;
        }
        l->cl->nodes[ni].kids = kids;
        size_t kid;
        rc = parse_pred(l, arg, ctx, depth + 1, &kid);
        if (rc == EK_OK) {
            l->cl->nodes[ni].kids[0] = kid;
            l->cl->nodes[ni].nkids = 1;
        }
        break;
    }
    case EK__OP_VALUE: {
        ek_truth t = EK_TRUTH_INVALID;
        if (json_is_boolean(arg))
            t = json_is_true(arg) ? EK_TRUTH_TRUE : EK_TRUTH_FALSE;
        else if (!json_is_string(arg))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"value\" takes a truth value name or a boolean, not %s",
                      jtype(arg));
        else if (ek_truth_from_name(json_string_value(arg), &t) != EK_OK)
            rc = lerr(l, EK_EPARSE, "\"%s\" is not a truth value (true, false, error, unknown, notchecked, "
                      "notapplicable)", json_string_value(arg));
        l->cl->nodes[ni].value = t;
        break;
    }
    case EK__OP_EVENT: {
        static const char *const extra[] = { "for", NULL };
        ek__espec tmp;
        ek__espec_init(&tmp);
        rc = parse_spec(l, arg, &tmp, extra, depth);
        l->cl->nodes[ni].spec = tmp;
        if (rc == EK_OK)
            rc = parse_quant(l, arg, EK__Q_SOME, &l->cl->nodes[ni].quant);
        break;
    }
    case EK__OP_ATTR:
        rc = parse_attr(l, arg, ctx, ni);
        break;
    case EK__OP_AGE:
        rc = parse_age(l, arg, ni);
        break;
    case EK__OP_WITHIN:
    case EK__OP_BEFORE:
        rc = parse_relation(l, arg, code == EK__OP_WITHIN, depth, ni);
        break;
    case EK__OP_RULE:
        rc = parse_rule(l, arg, ni);
        break;
    case EK__OP_ANSWER: {
        json_t *it = json_is_object(arg) ? json_object_get(arg, "item") : arg;
        if (json_is_object(arg) && json_object_size(arg) != 1)
            rc = lerr(l, EK_EPARSE, "\"answer\" takes an item id or {\"item\": ID}");
        else if (!json_is_string(it) || json_string_length(it) == 0)
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"answer\" takes an item id string, not %s",
                      it ? jtype(it) : "an object without \"item\"");
        else
            rc = dup_str(l, json_string_value(it), &l->cl->nodes[ni].item);
        break;
    }
    case EK__OP_DELEGATION:
        if (!json_is_true(arg) && !(json_is_object(arg) && json_object_size(arg) == 0))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"delegation\" takes true or {}");
        break;
    case EK__OP_REF: {
        if (!json_is_string(arg)) {
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"ref\" takes a definition name, not %s", jtype(arg));
            break;
        }
        const char *name = json_string_value(arg);
        for (size_t d = 0; d < l->cl->ndefs; d++)
            if (strcmp(l->cl->defs[d].name, name) == 0)
                l->cl->nodes[ni].def = d;
        if (l->cl->nodes[ni].def == EK__NONE)
            rc = lerr(l, EK_EPARSE, "\"ref\": no definition named \"%s\"", name);
        break;
    }
    }
    pop(l, o);
    return rc;
}

/* ---- whole-checklist checks: reference cycles, depth through refs, attr outside events ------- */

static int set_path(L *l, const char *path)
{
    ek__strlcpy(l->path, path ? path : "", sizeof l->path);
    return 0;
}

static int walk(L *l, size_t ni, int in_event, int depth, unsigned char *state, const char *chain)
{
    const ek__node *n = &l->cl->nodes[ni];
    if (depth > EK__CL_MAX_DEPTH) {
        set_path(l, n->path);
        return lerr(l, EK_ELIMIT, "excessive depth: predicates nested deeper than %d levels (counting definitions "
                    "through \"ref\")", EK__CL_MAX_DEPTH);
    }
    int rc = EK_OK;
    switch (n->op) {
    case EK__OP_ATTR:
    case EK__OP_AGE:
        if (!in_event) {
            set_path(l, n->path);
            return lerr(l, EK_EPARSE, "\"%s\" is used outside an event's \"where\"%s%s",
                        n->op == EK__OP_AGE ? "age" : "attr", chain ? " via " : "", chain ? chain : "");
        }
        return EK_OK;
    case EK__OP_REF: {
        size_t d = n->def;
        if (state[d] == 1) {
            set_path(l, n->path);
            return lerr(l, EK_EPARSE, "reference cycle: definition \"%s\" refers back to itself%s%s",
                        l->cl->defs[d].name, chain ? " via " : "", chain ? chain : "");
        }
        state[d] = 1;
        rc = walk(l, l->cl->defs[d].node, in_event, depth + 1, state, l->cl->defs[d].name);
        state[d] = 0;
        return rc;
    }
    case EK__OP_EVENT:
        return n->spec.where != EK__NONE ? walk(l, n->spec.where, 1, depth + 1, state, chain) : EK_OK;
    case EK__OP_WITHIN:
    case EK__OP_BEFORE:
        if (n->from.where != EK__NONE)
            rc = walk(l, n->from.where, 1, depth + 1, state, chain);
        if (rc == EK_OK && n->to.where != EK__NONE)
            rc = walk(l, n->to.where, 1, depth + 1, state, chain);
        return rc;
    default:
        for (size_t k = 0; k < n->nkids && rc == EK_OK; k++)
            rc = walk(l, n->kids[k], in_event, depth + 1, state, chain);
        return rc;
    }
}

static int check_all(L *l, size_t first_item)
{
    unsigned char *state = ek__calloc(l->cl->ndefs ? l->cl->ndefs : 1, 1);
    if (!state)
        return ek__oom();
    int rc = EK_OK;
    const char *saved = l->item;
    for (size_t d = 0; d < l->cl->ndefs && rc == EK_OK; d++) {
        l->item = NULL;
        state[d] = 1;
        if (l->cl->defs[d].node != EK__NONE)
            rc = walk(l, l->cl->defs[d].node, 1, 0, state, l->cl->defs[d].name);
        state[d] = 0;
    }
    for (size_t i = first_item; i < l->cl->nitems && rc == EK_OK; i++) {
        const ek__item *it = &l->cl->items[i];
        l->item = it->id;
        size_t roots[5] = { it->applies, it->exclude, it->criterion, it->exception, it->oq_when };
        for (int k = 0; k < 5 && rc == EK_OK; k++)
            if (roots[k] != EK__NONE)
                rc = walk(l, roots[k], 0, 0, state, NULL);
    }
    l->item = saved;
    ek__free(state);
    return rc;
}

/* ---- items ----------------------------------------------------------------------------- */

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 16)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.'))
            return 0;
    }
    return 1;
}

static int parse_basis(L *l, json_t *b, ek__item *it)
{
    size_t n = json_is_array(b) ? json_array_size(b) : 0;
    if (!json_is_array(b) || n == 0)
        return lerr(l, EK_EPARSE, "wrong argument type: \"basis\" must be a non-empty array of "
                    "{\"ref\", \"from\", \"to\", \"certainty\"}, not %s", json_is_array(b) ? "an empty array" : jtype(b));
    it->basis = ek__calloc(n, sizeof *it->basis);
    if (!it->basis)
        return ek__oom();
    static const char *const keys[] = { "ref", "from", "to", "certainty", "note", NULL };
    for (size_t k = 0; k < n; k++) {
        json_t *e = json_array_get(b, k);
        size_t o = push_index(l, k);
        ek__basis *x = &it->basis[k];
        x->from = x->to = EK_DATE_NONE;
        it->nbasis = k + 1;
        int rc = EK_OK;
        if (!json_is_object(e))
            rc = lerr(l, EK_EPARSE, "wrong argument type: a basis entry must be an object, not %s", jtype(e));
        if (rc == EK_OK)
            rc = check_keys(l, e, keys, "a basis entry");
        if (rc == EK_OK)
            rc = get_str(l, e, "ref", 1, &x->reference);
        json_t *d;
        if (rc == EK_OK && (d = json_object_get(e, "from"))) {
            size_t o2 = push_key(l, "from");
            rc = parse_date_str(l, d, "\"from\"", &x->from);
            pop(l, o2);
        }
        if (rc == EK_OK && (d = json_object_get(e, "to"))) {
            size_t o2 = push_key(l, "to");
            rc = parse_date_str(l, d, "\"to\"", &x->to);
            if (rc == EK_OK && x->from != EK_DATE_NONE && x->to < x->from)
                rc = lerr(l, EK_ECONFLICT, "\"to\" is before \"from\"");
            pop(l, o2);
        }
        if (rc == EK_OK)
            rc = get_str(l, e, "certainty", 0, &x->certainty);
        if (rc == EK_OK && x->certainty && strcmp(x->certainty, "V") && strcmp(x->certainty, "S") &&
            strcmp(x->certainty, "R")) {
            size_t o2 = push_key(l, "certainty");
            rc = lerr(l, EK_EPARSE, "\"certainty\" must be \"V\", \"S\" or \"R\"");
            pop(l, o2);
        }
        if (rc == EK_OK)
            rc = get_str(l, e, "note", 0, &x->note);
        pop(l, o);
        if (rc)
            return rc;
    }
    return EK_OK;
}

static int parse_root(L *l, json_t *obj, const char *key, size_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return EK_OK;
    size_t o = push_key(l, key);
    int rc = parse_pred(l, v, NULL, 0, out);
    pop(l, o);
    return rc;
}

static int parse_item(L *l, json_t *v, ek__item *it, int *replace)
{
    static const char *const keys[] = { "id", "title", "kind", "population", "description", "seeds", "basis",
                                        "applies", "exclude", "criterion", "exception", "open_question",
                                        "messages", "replace", NULL };
    if (!json_is_object(v))
        return lerr(l, EK_EPARSE, "wrong argument type: an item must be an object, not %s", jtype(v));
    int rc = get_str(l, v, "id", 1, &it->id);
    if (rc)
        return rc;
    l->item = it->id;
    if (!valid_id(it->id)) {
        size_t o = push_key(l, "id");
        rc = lerr(l, EK_EPARSE, "item id \"%s\" must be 1-16 characters A-Z a-z 0-9 _ - .", it->id);
        pop(l, o);
        return rc;
    }
    rc = check_keys(l, v, keys, "an item");
    if (rc == EK_OK)
        rc = get_str(l, v, "title", 1, &it->title);
    if (rc == EK_OK)
        rc = get_str(l, v, "description", 0, &it->description);
    if (rc == EK_OK)
        rc = get_str(l, v, "seeds", 0, &it->seeds);
    if (rc == EK_OK)
        rc = dup_str(l, l->origin, &it->origin);
    if (rc)
        return rc;
    json_t *r = json_object_get(v, "replace");
    if (r && !json_is_boolean(r)) {
        size_t o = push_key(l, "replace");
        rc = lerr(l, EK_EPARSE, "wrong argument type: \"replace\" must be a boolean, not %s", jtype(r));
        pop(l, o);
        return rc;
    }
    *replace = r && json_is_true(r);
    char *kind = NULL;
    rc = get_str(l, v, "kind", 1, &kind);
    if (rc)
        return rc;
    it->kind = strcmp(kind, "D") == 0 ? EK_ITEM_DEADLINE : strcmp(kind, "C") == 0 ? EK_ITEM_PRESENCE
             : strcmp(kind, "J") == 0 ? EK_ITEM_JUDGEMENT : strcmp(kind, "C/J") == 0 ? EK_ITEM_PRESENCE_JUDGEMENT
             : (ek_item_kind)0;
    if (!it->kind) {
        size_t o = push_key(l, "kind");
        rc = lerr(l, EK_EPARSE, "\"kind\" must be \"D\", \"C\", \"J\" or \"C/J\", not \"%s\"", kind);
        pop(l, o);
    }
    ek__free(kind);
    if (rc)
        return rc;
    it->population = EK_POPULATION_CASE;
    char *pop_name = NULL;
    rc = get_str(l, v, "population", 0, &pop_name);
    if (rc)
        return rc;
    if (pop_name) {
        it->population = strcmp(pop_name, "case") == 0 ? EK_POPULATION_CASE
                       : strcmp(pop_name, "sarah") == 0 ? EK_POPULATION_SARAH
                       : strcmp(pop_name, "run") == 0 ? EK_POPULATION_RUN : (ek_item_population)0;
        if (!it->population) {
            size_t o = push_key(l, "population");
            rc = lerr(l, EK_EPARSE, "\"population\" must be \"case\", \"sarah\" or \"run\", not \"%s\"", pop_name);
            pop(l, o);
        }
        ek__free(pop_name);
        if (rc)
            return rc;
    }
    json_t *b = json_object_get(v, "basis");
    if (!b)
        return lerr(l, EK_EPARSE, "missing required key \"basis\" (every item carries its legal basis)");
    size_t o = push_key(l, "basis");
    rc = parse_basis(l, b, it);
    pop(l, o);
    if (rc)
        return rc;
    json_t *crit = json_object_get(v, "criterion");
    if (it->population == EK_POPULATION_CASE && !crit)
        return lerr(l, EK_EPARSE, "missing required key \"criterion\"");
    rc = parse_root(l, v, "applies", &it->applies);
    if (rc == EK_OK)
        rc = parse_root(l, v, "exclude", &it->exclude);
    if (rc == EK_OK)
        rc = parse_root(l, v, "criterion", &it->criterion);
    if (rc == EK_OK)
        rc = parse_root(l, v, "exception", &it->exception);
    if (rc)
        return rc;
    json_t *oq = json_object_get(v, "open_question");
    if (oq) {
        o = push_key(l, "open_question");
        static const char *const okeys[] = { "when", "result", "message", NULL };
        if (!json_is_object(oq))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"open_question\" must be an object, not %s", jtype(oq));
        if (rc == EK_OK)
            rc = check_keys(l, oq, okeys, "\"open_question\"");
        if (rc == EK_OK && !json_object_get(oq, "when"))
            rc = lerr(l, EK_EPARSE, "\"open_question\" needs \"when\"");
        if (rc == EK_OK)
            rc = get_str(l, oq, "message", 1, &it->oq_message);
        char *res = NULL;
        if (rc == EK_OK)
            rc = get_str(l, oq, "result", 0, &res);
        it->oq_result = EK_RESULT_INFORMATIONAL;
        if (rc == EK_OK && res) {
            if (strcmp(res, "unknown") == 0)
                it->oq_result = EK_RESULT_UNKNOWN;
            else if (strcmp(res, "informational") != 0) {
                size_t o2 = push_key(l, "result");
                rc = lerr(l, EK_EPARSE, "an open question's \"result\" must be \"informational\" or \"unknown\" "
                          "(never pass or fail), not \"%s\"", res);
                pop(l, o2);
            }
        }
        ek__free(res);
        if (rc == EK_OK)
            rc = parse_root(l, oq, "when", &it->oq_when);
        pop(l, o);
        if (rc)
            return rc;
    }
    json_t *msgs = json_object_get(v, "messages");
    if (msgs) {
        o = push_key(l, "messages");
        if (!json_is_object(msgs))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"messages\" must be an object, not %s", jtype(msgs));
        const char *key;
        json_t *m;
        if (rc == EK_OK)
            json_object_foreach(msgs, key, m) {
                ek_result r2;
                size_t o2 = push_key(l, key);
                if (ek_result_from_name(key, &r2) != EK_OK)
                    rc = lerr(l, EK_EPARSE, "\"%s\" is not a result name (pass, fail, error, unknown, notapplicable, "
                              "notchecked, notselected, informational, fixed)", key);
                else if (!json_is_string(m))
                    rc = lerr(l, EK_EPARSE, "wrong argument type: a message must be a string, not %s", jtype(m));
                else
                    rc = dup_str(l, json_string_value(m), &it->messages[r2]);
                pop(l, o2);
                if (rc)
                    break;
            }
        pop(l, o);
    }
    return rc;
}

/* ---- top level ------------------------------------------------------------------------- */

static int load_into(ek_checklist *cl, const char *text, size_t len, const char *name, int builtin);

static int load_doc(L *l, json_t *root, int builtin)
{
    static const char *const keys[] = { "format", "id", "version", "title", "extends", "event_types",
                                        "definitions", "items", NULL };
    ek_checklist *cl = l->cl;
    if (!json_is_object(root))
        return lerr(l, EK_EPARSE, "a checklist must be a JSON object, not %s", jtype(root));
    int rc = check_keys(l, root, keys, "the checklist");
    if (rc)
        return rc;
    json_t *f = json_object_get(root, "format");
    size_t o = push_key(l, "format");
    if (!f)
        rc = lerr(l, EK_EPARSE, "missing required key \"format\": \"egenkontroll/checklist-1\"");
    else if (!json_is_string(f) || strcmp(json_string_value(f), "egenkontroll/checklist-1") != 0)
        rc = lerr(l, EK_EPARSE, "unsupported format (expected \"egenkontroll/checklist-1\")");
    pop(l, o);
    if (rc)
        return rc;
    char *id = NULL, *version = NULL, *title = NULL, *extends = NULL;
    rc = get_str(l, root, "id", 1, &id);
    if (rc == EK_OK)
        rc = get_str(l, root, "version", 1, &version);
    if (rc == EK_OK)
        rc = get_str(l, root, "title", 0, &title);
    if (rc == EK_OK)
        rc = get_str(l, root, "extends", 0, &extends);
    if (rc == EK_OK && extends && (builtin || strcmp(extends, "builtin") != 0)) {
        o = push_key(l, "extends");
        rc = lerr(l, EK_EPARSE, "\"extends\" can only name \"builtin\"");
        pop(l, o);
    }
    if (rc == EK_OK && extends) {
        rc = load_into(cl, ek_checklist_builtin_json(), strlen(ek_checklist_builtin_json()), "<builtin>", 1);
        if (rc == EK_OK) {
            /* the extension's id; the version records both */
            size_t n = strlen(cl->version) + strlen(id) + strlen(version) + 3;
            char *v = ek__malloc(n);
            if (!v)
                rc = ek__oom();
            else {
                snprintf(v, n, "%s+%s-%s", cl->version, id, version);
                ek__free(version);
                version = v;
            }
        }
    }
    ek__free(extends);
    if (rc) {
        ek__free(id);
        ek__free(version);
        ek__free(title);
        return rc;
    }
    ek__free(cl->id);
    ek__free(cl->version);
    ek__free(cl->title);
    cl->id = id;
    cl->version = version;
    cl->title = title;

    json_t *et = json_object_get(root, "event_types");
    if (et) {
        o = push_key(l, "event_types");
        size_t n = json_is_array(et) ? json_array_size(et) : 0;
        if (!json_is_array(et))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"event_types\" must be an array of names, not %s", jtype(et));
        else if (n) {
            l->event_types = ek__calloc(n, sizeof *l->event_types);
            if (!l->event_types)
                rc = ek__oom();
        }
        for (size_t k = 0; rc == EK_OK && k < n; k++) {
            json_t *e = json_array_get(et, k);
            size_t o2 = push_index(l, k);
            if (!json_is_string(e))
                rc = lerr(l, EK_EPARSE, "wrong argument type: an event type must be a string, not %s", jtype(e));
            else if ((l->event_types[k] = ek__strdup(json_string_value(e))) == NULL)
                rc = ek__oom();
            else
                l->nevent_types = k + 1;
            pop(l, o2);
        }
        pop(l, o);
        if (rc)
            return rc;
    }

    json_t *defs = json_object_get(root, "definitions");
    if (defs) {
        o = push_key(l, "definitions");
        if (!json_is_object(defs))
            rc = lerr(l, EK_EPARSE, "wrong argument type: \"definitions\" must be an object, not %s", jtype(defs));
        const char *key;
        json_t *m;
        size_t first = cl->ndefs;
        /* names first, so definitions may refer to each other in any order */
        if (rc == EK_OK)
            json_object_foreach(defs, key, m) {
                size_t o2 = push_key(l, key);
                if (!valid_id(key) && strlen(key) <= 64) {
                    int okname = 1;
                    for (const char *p = key; *p; p++)
                        okname &= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                                  *p == '_' || *p == '-';
                    if (!okname || !*key)
                        rc = lerr(l, EK_EPARSE, "definition name \"%s\" must be letters, digits, _ or -", key);
                }
                for (size_t d = 0; rc == EK_OK && d < cl->ndefs; d++)
                    if (strcmp(cl->defs[d].name, key) == 0)
                        rc = lerr(l, EK_EPARSE, "duplicate definition \"%s\"", key);
                size_t di;
                if (rc == EK_OK)
                    rc = ek__checklist_add_def(cl, key, &di);
                pop(l, o2);
                if (rc)
                    break;
            }
        size_t d = first;
        if (rc == EK_OK)
            json_object_foreach(defs, key, m) {
                size_t o2 = push_key(l, key);
                size_t node;
                rc = parse_pred(l, m, NULL, 0, &node);
                pop(l, o2);
                if (rc)
                    break;
                cl->defs[d++].node = node;
            }
        pop(l, o);
        if (rc)
            return rc;
    }

    json_t *items = json_object_get(root, "items");
    if (!items)
        return lerr(l, EK_EPARSE, "missing required key \"items\"");
    o = push_key(l, "items");
    if (!json_is_array(items)) {
        rc = lerr(l, EK_EPARSE, "wrong argument type: \"items\" must be an array, not %s", jtype(items));
        pop(l, o);
        return rc;
    }
    size_t first_item = cl->nitems;
    size_t base_items = cl->nitems;
    for (size_t k = 0; k < json_array_size(items) && rc == EK_OK; k++) {
        size_t o2 = push_index(l, k);
        size_t ii;
        int replace = 0;
        rc = ek__checklist_add_item(cl, &ii);
        if (rc == EK_OK)
            rc = parse_item(l, json_array_get(items, k), &cl->items[ii], &replace);
        if (rc == EK_OK) {
            size_t dup = EK__NONE;
            for (size_t j = 0; j < ii; j++)
                if (strcmp(cl->items[j].id, cl->items[ii].id) == 0)
                    dup = j;
            size_t o3 = push_key(l, "id");
            if (dup != EK__NONE && !(replace && dup < base_items))
                rc = lerr(l, EK_ECONFLICT, "duplicate item id \"%s\"%s", cl->items[ii].id,
                          dup < base_items ? " (it is in the built-in checklist: add \"replace\": true to replace it)"
                                           : "");
            else if (dup == EK__NONE && replace)
                rc = lerr(l, EK_ENOTFOUND, "\"replace\": no item \"%s\" in the checklist it extends", cl->items[ii].id);
            else if (dup != EK__NONE) {
                ek__checklist_free_item(&cl->items[dup]);
                cl->items[dup] = cl->items[ii];
                memset(&cl->items[ii], 0, sizeof cl->items[ii]);
                cl->nitems--;
            }
            pop(l, o3);
        }
        pop(l, o2);
        l->item = NULL;
    }
    pop(l, o);
    if (rc)
        return rc;
    (void)first_item;
    return check_all(l, 0);
}

static int load_into(ek_checklist *cl, const char *text, size_t len, const char *name, int builtin)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return ek__error_at(EK_EPARSE, name, (unsigned long)(jerr.line > 0 ? jerr.line : 0),
                            (unsigned long)(jerr.column > 0 ? jerr.column : 0), NULL, NULL, "invalid JSON: %s",
                            jerr.text);
    L l;
    memset(&l, 0, sizeof l);
    l.name = name;
    l.text = text;
    l.len = len;
    l.cl = cl;
    l.origin = builtin ? "builtin" : name;
    int rc = load_doc(&l, root, builtin);
    if (rc == EK_OK)
        rc = ek__checklist_prepare(cl);
    for (size_t i = 0; i < l.nevent_types; i++)
        ek__free(l.event_types[i]);
    ek__free(l.event_types);
    json_decref(root);
    return rc;
}

int ek_checklist_load_json_string(ek_checklist **out, const char *text, size_t len, const char *name)
{
    if (!out || !text)
        return ek__error(EK_EINVAL, "ek_checklist_load_json_string: NULL argument");
    ek_checklist *cl;
    int rc = ek__checklist_alloc(&cl);
    if (rc)
        return rc;
    rc = load_into(cl, text, len, name ? name : "<string>", 0);
    if (rc) {
        ek_checklist_free(cl);
        return rc;
    }
    *out = cl;
    return EK_OK;
}

int ek_checklist_load_json(ek_checklist **out, const char *path)
{
    if (!out || !path)
        return ek__error(EK_EINVAL, "ek_checklist_load_json: NULL argument");
    char *text;
    size_t len;
    int rc = ek__io_read_file(path, MAX_FILE, &text, &len);
    if (rc)
        return rc;
    rc = ek_checklist_load_json_string(out, text, len, strcmp(path, "-") == 0 ? "<stdin>" : path);
    ek__free(text);
    return rc;
}

/* The built-in checklist parsed from its JSON text (io_internal.h): for the generator of the core's
 * copy (gen_checklist_builtin.c) and the test that compares the two. */
int ek__checklist_parse_builtin(ek_checklist **out)
{
    ek_checklist *cl;
    int rc = ek__checklist_alloc(&cl);
    if (rc)
        return rc;
    const char *t = ek_checklist_builtin_json();
    rc = load_into(cl, t, strlen(t), "<builtin>", 1);
    if (rc) {
        ek_checklist_free(cl);
        if (rc == EK_ENOMEM)
            return rc;
        char what[EK_ERROR_FORMAT_SIZE];
        ek_error_format(ek_error_last(), what, sizeof what);
        return ek__error(EK_EINTERNAL, "the built-in checklist is invalid: %s", what);
    }
    *out = cl;
    return EK_OK;
}

/* ---- delegation-1 ------------------------------------------------------------------------ */

int ek_delegation_load_json_string(ek_delegation **out, const char *text, size_t len, const char *name)
{
    if (!out || !text)
        return ek__error(EK_EINVAL, "ek_delegation_load_json_string: NULL argument");
    name = name ? name : "<string>";
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return ek__error_at(EK_EPARSE, name, (unsigned long)(jerr.line > 0 ? jerr.line : 0),
                            (unsigned long)(jerr.column > 0 ? jerr.column : 0), NULL, NULL, "invalid JSON: %s",
                            jerr.text);
    L l;
    memset(&l, 0, sizeof l);
    l.name = name;
    l.text = text;
    l.len = len;
    int rc = EK_OK;
    ek_delegation *d = NULL;
    char *kommun = NULL;
    json_t *f = json_object_get(root, "format"), *b = NULL;
    if (!json_is_object(root))
        rc = lerr(&l, EK_EPARSE, "a delegation order must be a JSON object, not %s", jtype(root));
    else if (!f || !json_is_string(f) || strcmp(json_string_value(f), "egenkontroll/delegation-1") != 0) {
        size_t o = push_key(&l, "format");
        rc = lerr(&l, EK_EPARSE, "\"format\" must be \"egenkontroll/delegation-1\"");
        pop(&l, o);
    }
    if (rc == EK_OK)
        rc = get_str(&l, root, "kommun", 0, &kommun);
    if (rc == EK_OK)
        rc = ek_delegation_new(&d, kommun);
    if (rc == EK_OK) {
        b = json_object_get(root, "beslut");
        size_t o = push_key(&l, "beslut");
        if (!b)
            rc = lerr(&l, EK_EPARSE, "missing required key \"beslut\"");
        else if (!json_is_object(b))
            rc = lerr(&l, EK_EPARSE, "wrong type: \"beslut\" must be an object of decision type → roles, not %s",
                      jtype(b));
        const char *key;
        json_t *roles;
        if (rc == EK_OK)
            json_object_foreach(b, key, roles) {
                size_t o2 = push_key(&l, key);
                if (!*key)
                    rc = lerr(&l, EK_EPARSE, "empty decision type");
                else if (!json_is_array(roles))
                    rc = lerr(&l, EK_EPARSE, "wrong type: the roles of \"%s\" must be an array of strings, not %s", key,
                              jtype(roles));
                else
                    rc = ek_delegation_add_type(d, key);
                for (size_t k = 0; rc == EK_OK && k < json_array_size(roles); k++) {
                    json_t *r = json_array_get(roles, k);
                    size_t o3 = push_index(&l, k);
                    if (!json_is_string(r) || json_string_length(r) == 0)
                        rc = lerr(&l, EK_EPARSE, "wrong type: a role must be a non-empty string, not %s",
                                  json_is_string(r) ? "an empty string" : jtype(r));
                    else
                        rc = ek_delegation_allow(d, key, json_string_value(r));
                    pop(&l, o3);
                }
                pop(&l, o2);
                if (rc)
                    break;
            }
        pop(&l, o);
    }
    ek__free(kommun);
    json_decref(root);
    if (rc) {
        ek_delegation_free(d);
        return rc;
    }
    *out = d;
    return EK_OK;
}

int ek_delegation_load_json(ek_delegation **out, const char *path)
{
    if (!out || !path)
        return ek__error(EK_EINVAL, "ek_delegation_load_json: NULL argument");
    char *text;
    size_t len;
    int rc = ek__io_read_file(path, MAX_FILE, &text, &len);
    if (rc)
        return rc;
    rc = ek_delegation_load_json_string(out, text, len, strcmp(path, "-") == 0 ? "<stdin>" : path);
    ek__free(text);
    return rc;
}

/* ---- writing results ---------------------------------------------------------------------- */

static int set(json_t *obj, const char *key, json_t *v)
{
    return v ? json_object_set_new(obj, key, v) : -1;
}

static int dump(json_t *root, char **out)
{
    if (!root)
        return ek__oom();
    char *s = json_dumps(root, JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!s)
        return ek__oom();
    char *copy = ek__strdup(s);
    free(s);
    if (!copy)
        return ek__oom();
    ek_text_mask_pnr(copy);  /* results and summaries: nothing shaped like a personnummer (issue 18) */
    *out = copy;
    return EK_OK;
}

static const char *const item_flag_names[] = { "undantag", "exkluderad", "oppen_fraga", "granskarsvar" };

/*
 * One case's results, written straight into the buffer (jbuf_internal.h): the bytes are exactly
 * those of jansson's json_dumps(JSON_PRESERVE_ORDER) of the object built before (", " and ": "
 * between members, keys in this order), which cost check 10-16x the time of evaluate (issue 15).
 */
/* A name of the library's own (a result, a status: ASCII letters) as a JSON string: nothing to
 * escape or check (issue 15). */
static void jb_name(ek__jbuf *b, const char *s)
{
    (void)ek__jb_quoted(b, s, strlen(s));
}

/* A message written before in the same line: its text and where its JSON string went. */
typedef struct seen_msg {
    const char *text;
    size_t len, at, n;
} seen_msg;

/* The message @s (@len bytes) as a JSON string.  Most items of a case have the same message ("Gäller
 * inte ärendet."): a text written before in this line is copied from there, the same bytes (issue
 * 15: escaping and masking depend on the text alone). */
static void jb_message(ek__jbuf *b, const char *s, size_t len, seen_msg *seen, size_t *nseen)
{
    for (size_t i = 0; i < *nseen; i++)
        if (seen[i].len == len && memcmp(seen[i].text, s, len) == 0) {
            if (ek__jb_reserve(b, seen[i].n)) {
                memcpy(b->p + b->n, b->p + seen[i].at, seen[i].n); /* after reserve: b->p may move */
                b->n += seen[i].n;
            }
            return;
        }
    size_t at = b->n;
    ek__jb_str(b, s);
    if (b->oom || b->bad_utf8)
        return;
    size_t k = *nseen < 4 ? (*nseen)++ : (size_t)(at % 4); /* four kept; later ones replace one */
    seen[k].text = s;
    seen[k].len = len;
    seen[k].at = at;
    seen[k].n = b->n - at;
}

static void jb_checklist_result(ek__jbuf *b, const ek_checklist_result *res)
{
    const ek_checklist *cl = ek_checklist_result_checklist(res);
    seen_msg seen[4];
    size_t nseen = 0;
    EK__JB_LIT(b, "{\"id\": ");
    ek__jb_str(b, ek_checklist_result_case_id(res));
    if (*ek_checklist_result_unit(res)) {
        EK__JB_LIT(b, ", \"unit\": ");
        ek__jb_str(b, ek_checklist_result_unit(res));
    }
    EK__JB_LIT(b, ", \"as_of\": ");
    ek__jb_date(b, ek_checklist_result_as_of(res));
    EK__JB_LIT(b, ", \"results\": [");
    const char *sep = "";
    for (size_t k = 0; k < ek_checklist_result_count(res); k++) {
        ek_item_result ir = EK_ITEM_RESULT_INIT;
        if (ek_checklist_result_item(res, k, &ir) != EK_OK)
            continue;
        ek__jb_put(b, sep, strlen(sep));
        sep = ", ";
        EK__JB_LIT(b, "{\"item\": ");
        if (cl && ir.item_index < cl->nitems && cl->items[ir.item_index].id_plain)
            (void)ek__jb_quoted(b, ir.item, strlen(ir.item)); /* checked with the checklist */
        else
            ek__jb_str(b, ir.item);
        EK__JB_LIT(b, ", \"result\": ");
        jb_name(b, ek_result_name(ir.result));
        EK__JB_LIT(b, ", \"message\": ");
        size_t mlen;
        const char *msg = ek__checklist_result_message(res, k, &mlen);
        jb_message(b, msg, mlen, seen, &nseen);
        EK__JB_LIT(b, ", \"basis\": ");
        const char *basis;
        size_t blen;
        if (ek__checklist_result_basis(res, k, &basis, &blen))
            (void)ek__jb_quoted(b, basis, blen); /* prepared with the checklist: nothing to escape or mask */
        else
            ek__jb_str(b, ir.basis);
        EK__JB_LIT(b, ", \"evidence\": [");
        const char *esep = "";
        for (size_t j = 0; j < ir.evidence_count; j++) {
            ek_evidence x = EK_EVIDENCE_INIT;
            if (ek_checklist_result_evidence(res, k, j, &x) != EK_OK)
                continue;
            ek__jb_put(b, esep, strlen(esep));
            esep = ", ";
            if (x.kind == EK_EVIDENCE_EVENT) {
                EK__JB_LIT(b, "{\"event\": ");
                ek__jb_uint(b, x.event_index);
                EK__JB_LIT(b, ", \"type\": ");
                ek__jb_str(b, x.event_type);
                EK__JB_LIT(b, ", \"date\": ");
                ek__jb_date(b, x.date);
            } else if (x.kind == EK_EVIDENCE_OBLIGATION) {
                EK__JB_LIT(b, "{\"obligation\": ");
                ek__jb_str(b, x.rule ? x.rule : "");
                EK__JB_LIT(b, ", \"sequence\": ");
                ek__jb_uint(b, x.sequence);
                EK__JB_LIT(b, ", \"status\": ");
                jb_name(b, ek_obligation_status_name(x.status));
                EK__JB_LIT(b, ", \"due\": ");
                ek__jb_date(b, x.date);
                if (x.event_index != EK_NO_EVENT) {
                    EK__JB_LIT(b, ", \"event\": ");
                    ek__jb_uint(b, x.event_index);
                }
            } else {
                EK__JB_LIT(b, "{\"answer\": ");
                ek__jb_str(b, ir.item);
                EK__JB_LIT(b, ", \"date\": ");
                ek__jb_date(b, x.date);
            }
            if (x.note && *x.note) {
                EK__JB_LIT(b, ", \"note\": ");
                ek__jb_str(b, x.note);
            }
            EK__JB_LIT(b, "}");
        }
        EK__JB_LIT(b, "]");
        if (ir.flags & 15u) {
            EK__JB_LIT(b, ", \"flags\": [");
            const char *fsep = "";
            for (unsigned int f = 0; f < 4; f++)
                if (ir.flags & (1u << f)) {
                    ek__jb_put(b, fsep, strlen(fsep));
                    fsep = ", ";
                    jb_name(b, item_flag_names[f]);
                }
            EK__JB_LIT(b, "]");
        }
        EK__JB_LIT(b, "}");
    }
    EK__JB_LIT(b, "]}");
}

/* Each string is masked as it is written (mask_each, jbuf_internal.h): the text is only strings,
 * dates, integers below ten digits (event indexes, sequences) and keys and punctuation without
 * digits, so that is what masking the whole line gave (issue 15: not a second pass over 4.9 KB a
 * case; tests/test_io_checklist_json.c compares with the whole line masked). */
int ek_checklist_result_write_json(const ek_checklist_result *res, char **out)
{
    if (!res || !out)
        return ek__error(EK_EINVAL, "ek_checklist_result_write_json: NULL argument");
    ek__jbuf b = { NULL, 0, 0, 0, 0, 1 };
    jb_checklist_result(&b, res);
    return ek__jb_take(&b, out);
}

int ek_checklist_result_append_json(const ek_checklist_result *res, char **buf, size_t *len, size_t *cap)
{
    if (!res || !buf || !len || !cap || (*buf == NULL && (*len || *cap)) || *len > *cap)
        return ek__error(EK_EINVAL, "ek_checklist_result_append_json: NULL or inconsistent argument");
    ek__jbuf b = { *buf, *len, *cap, 0, 0, 1 };
    jb_checklist_result(&b, res);
    return ek__jb_finish(&b, *len, buf, len, cap);
}

int ek_checklist_aggregate_write_json(const ek_checklist_aggregate *agg, const ek_checklist *cl, char **out)
{
    if (!agg || !cl || !out)
        return ek__error(EK_EINVAL, "ek_checklist_aggregate_write_json: NULL argument");
    json_t *root = json_object(), *items = json_array(), *groups = json_array();
    int bad = !root || !items || !groups;
    for (size_t g = 0; !bad && g <= ek_checklist_aggregate_group_count(agg); g++) {
        size_t gi = g == 0 ? EK_ALL_GROUPS : g - 1;
        json_t *arr = json_array();
        bad |= !arr;
        for (size_t i = 0; !bad && i < ek_checklist_item_count(cl); i++) {
            ek_item_counts c = EK_ITEM_COUNTS_INIT;
            if (ek_checklist_aggregate_counts(agg, i, gi, &c) != EK_OK)
                continue;
            json_t *o = json_object();
            bad |= !o;
            if (bad)
                break;
            bad |= set(o, "item", json_string(c.item));
            bad |= set(o, "total", json_integer((json_int_t)c.total));
            bad |= set(o, "notapplicable", json_integer((json_int_t)c.notapplicable));
            bad |= set(o, "denominator", json_integer((json_int_t)c.denominator));
            bad |= set(o, "exclusions", json_integer((json_int_t)c.exclusions));
            bad |= set(o, "exceptions", json_integer((json_int_t)c.exceptions));
            bad |= set(o, "numerator", json_integer((json_int_t)c.numerator));
            bad |= set(o, "failed", json_integer((json_int_t)c.failed));
            bad |= set(o, "fixed", json_integer((json_int_t)c.fixed));
            bad |= set(o, "notchecked", json_integer((json_int_t)c.notchecked));
            bad |= set(o, "error", json_integer((json_int_t)c.error));
            bad |= set(o, "unknown", json_integer((json_int_t)c.unknown));
            bad |= set(o, "informational", json_integer((json_int_t)c.informational));
            bad |= set(o, "judged", json_integer((json_int_t)c.judged));
            bad |= set(o, "rate", c.has_rate ? json_real(c.rate) : json_null());
            bad |= set(o, "rate_low", c.has_rate ? json_real(c.rate_low) : json_null());
            bad |= set(o, "rate_high", c.has_rate ? json_real(c.rate_high) : json_null());
            bad |= set(o, "uncertain", json_boolean(c.uncertain));
            bad |= json_array_append_new(arr, o);
        }
        if (bad) {
            json_decref(arr);
            break;
        }
        if (g == 0)
            bad |= json_object_set_new(root, "items", arr);
        else {
            const char *unit = "", *period = "";
            ek_checklist_aggregate_group(agg, gi, &unit, &period);
            json_t *go = json_object();
            bad |= !go;
            if (!bad) {
                bad |= set(go, "unit", json_string(unit));
                bad |= set(go, "period", json_string(period));
                bad |= json_object_set_new(go, "items", arr);
                bad |= json_array_append_new(groups, go);
            } else
                json_decref(arr);
        }
    }
    json_decref(items);
    bad |= json_object_set_new(root, "groups", groups);
    bad |= set(root, "cases", json_integer((json_int_t)ek_checklist_aggregate_case_count(agg)));
    if (bad) {
        json_decref(root);
        return ek__oom();
    }
    return dump(root, out);
}
