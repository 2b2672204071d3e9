/* SPDX-License-Identifier: MIT */
/* `egenkontroll/case-1` JSON Lines: streaming reader into a reusable ek_case,
 * canonical one-line writer.  (The `egenkontroll/policy-1` loader: json_policy.c.)
 *
 * Errors name source, line, column, case id and field.  Columns come from a
 * small locator that walks the (already validated) JSON text along a path
 * such as events[3].date, so they point at the offending value exactly. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../buf_internal.h"
#include "../i18n.h"
#include "io_internal.h"
#ifdef EK_HAVE_SIMDJSON
#include "json_case_fast.h"
#endif

#define CASE_FORMAT "egenkontroll/case-1"
#define NO_INDEX ((size_t)-1)

/* ---- locating a path in the JSON text ------------------------------------ */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* @i at '"': the index after the closing quote. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        while (i < n) {
            char ch = s[i];
            if (ch == '"') {
                i = skip_string(s, n, i);
                continue;
            }
            if (ch == '{' || ch == '[')
                depth++;
            else if ((ch == '}' || ch == ']') && --depth == 0)
                return i + 1;
            i++;
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
           s[i] != '\r')
        i++;
    return i;
}

/* Descend into member @key of the object at @i; returns the value's offset or n. */
static size_t enter_key(const char *s, size_t n, size_t i, const char *key)
{
    i = skip_ws(s, n, i);
    if (i >= n || s[i] != '{')
        return n;
    size_t kl = strlen(key);
    i++;
    for (;;) {
        i = skip_ws(s, n, i);
        if (i >= n || s[i] != '"')
            return n;
        size_t k = i + 1, e = skip_string(s, n, i);
        int match = e - 1 - k == kl && memcmp(s + k, key, kl) == 0;
        i = skip_ws(s, n, e);
        if (i >= n || s[i] != ':')
            return n;
        i = skip_ws(s, n, i + 1);
        if (match)
            return i;
        i = skip_ws(s, n, skip_value(s, n, i));
        if (i >= n || s[i] != ',')
            return n;
        i++;
    }
}

static size_t enter_index(const char *s, size_t n, size_t i, size_t index)
{
    i = skip_ws(s, n, i);
    if (i >= n || s[i] != '[')
        return n;
    i = skip_ws(s, n, i + 1);
    for (size_t k = 0; k < index; k++) {
        i = skip_ws(s, n, skip_value(s, n, i));
        if (i >= n || s[i] != ',')
            return n;
        i = skip_ws(s, n, i + 1);
    }
    return i < n && s[i] != ']' ? i : n;
}

/* Offset of the value at k0[idx].k2 (each part optional after k0), or the
 * deepest part found; 0 when nothing is found. */
static size_t locate(const char *s, size_t n, const char *k0, size_t idx, const char *k2)
{
    if (k0 == NULL)
        return skip_ws(s, n, 0);
    size_t i = enter_key(s, n, 0, k0);
    if (i >= n)
        return 0;
    if (idx != NO_INDEX) {
        size_t j = enter_index(s, n, i, idx);
        if (j >= n)
            return i;
        i = j;
    }
    if (k2 != NULL) {
        size_t j = enter_key(s, n, i, k2);
        if (j >= n)
            return i;
        i = j;
    }
    return i;
}

/* ---- parse context and errors ----------------------------------------------- */

typedef struct pctx {
    const char *source;
    unsigned long lineno;    /* line of the text's first byte */
    const char *text;
    size_t len;
    const char *id;          /* case id once known */
} pctx;

static void linecol(const pctx *p, size_t off, unsigned long *line, unsigned long *col)
{
    unsigned long l = p->lineno;
    size_t start = 0;
    for (size_t i = 0; i < off && i < p->len; i++)
        if (p->text[i] == '\n') {
            l++;
            start = i + 1;
        }
    *line = l;
    *col = (unsigned long)(off - start) + 1;
}

static void make_field(char *buf, size_t size, const char *k0, size_t idx, const char *k2)
{
    if (k0 == NULL)
        buf[0] = '\0';
    else if (idx != NO_INDEX && k2)
        snprintf(buf, size, "%s[%zu].%s", k0, idx, k2);
    else if (idx != NO_INDEX)
        snprintf(buf, size, "%s[%zu]", k0, idx);
    else if (k2)
        snprintf(buf, size, "%s.%s", k0, k2);
    else
        snprintf(buf, size, "%s", k0);
}

static int perr(const pctx *p, int status, const char *k0, size_t idx, const char *k2, const char *fmt, ...)
    EK_PRINTF(6, 7);
static int perr(const pctx *p, int status, const char *k0, size_t idx, const char *k2, const char *fmt, ...)
{
    char what[sizeof ek_error_last()->message], field[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, _(fmt), ap);  /* translated (i18n.h) */
    va_end(ap);
    ek__utf8_trim(what);
    make_field(field, sizeof field, k0, idx, k2);
    unsigned long line, col;
    linecol(p, locate(p->text, p->len, k0, idx, k2), &line, &col);
    return ek__error_at(status, p->source, line, col, p->id, field, "%s", what);
}

/* Like rewrap() below, but keep the field the last error names and point at @k0[@idx]. */
static int rewrap_keep_field(const pctx *p, const char *k0, size_t idx)
{
    const ek_error *e = ek_error_last();
    int status = e->status;
    char what[sizeof e->message], field[sizeof e->field];
    ek__strlcpy(what, e->message, sizeof what);
    ek__strlcpy(field, e->field, sizeof field);
    unsigned long line, col;
    linecol(p, locate(p->text, p->len, k0, idx, NULL), &line, &col);
    return ek__error_at(status, p->source, line, col, p->id, field, "%s", what);
}

/* Re-issue the last error (from the case model or the date parser) at this location.  The message
 * is the description only (the location lives in the error's fields), so nothing is cut out. */
static int rewrap(const pctx *p, const char *k0, size_t idx, const char *k2)
{
    const ek_error *e = ek_error_last();
    int status = e->status;
    char what[sizeof e->message];
    ek__strlcpy(what, e->message, sizeof what);
    return perr(p, status, k0, idx, k2, "%s", what);
}

/* A JSON value as verbatim text (our allocator); NULL when out of memory. */
static char *dump_value(const json_t *v)
{
    size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER;
    size_t n = json_dumpb(v, NULL, 0, flags);
    if (n == 0)
        return NULL;
    char *buf = ek__malloc(n + 1);
    if (buf == NULL)
        return NULL;
    json_dumpb(v, buf, n, flags);
    buf[n] = '\0';
    return buf;
}

static int keep_extra(const pctx *p, ek_case *c, const char *where, const char *key, const json_t *v,
                      int (*set)(ek_case *, const char *, const char *), size_t answer, const char *k0,
                      size_t idx)
{
    char *text = dump_value(v);
    if (text == NULL)
        return ek__oom();
    int rc = set ? set(c, key, text) : ek_case_answer_set_extra(c, answer, key, text);
    ek__free(text);
    if (rc != EK_OK)
        return rc == EK_ENOMEM ? rc : rewrap(p, k0, idx, key);
    char msg[200];
    snprintf(msg, sizeof msg, "%sunknown key \"%.100s\" (kept)", where, key);
    return ek_case_add_warning(c, msg);
}

static int get_date(const pctx *p, const json_t *v, const char *k0, size_t idx, const char *k2, ek_date *out)
{
    if (!json_is_string(v))
        return perr(p, EK_EPARSE, k0, idx, k2, "expected a date \"YYYY-MM-DD\", found %s", ek__json_type_name(v));
    if (ek_date_parse_n(json_string_value(v), json_string_length(v), out) != EK_OK)
        return rewrap(p, k0, idx, k2);
    return EK_OK;
}

static int want_string(const pctx *p, const json_t *v, const char *k0, size_t idx, const char *k2)
{
    if (json_is_string(v))
        return EK_OK;
    return perr(p, EK_EPARSE, k0, idx, k2, "expected a string, found %s", ek__json_type_name(v));
}

/* ---- reading one case ------------------------------------------------------------ */

static int read_id(pctx *p, const json_t *root)
{
    const json_t *v = json_object_get(root, "id");
    if (v == NULL)
        return perr(p, EK_EPARSE, NULL, NO_INDEX, NULL, "missing required key \"id\"");
    if (!json_is_string(v) || json_string_length(v) == 0)
        return perr(p, EK_EPARSE, "id", NO_INDEX, NULL, "\"id\" must be a non-empty string, found %s",
                    json_is_string(v) ? _("an empty string") : ek__json_type_name(v));
    if (strlen(json_string_value(v)) != json_string_length(v))
        return perr(p, EK_EPARSE, "id", NO_INDEX, NULL, "\"id\" contains a NUL character");
    p->id = json_string_value(v);
    return EK_OK;
}

static int read_event(const pctx *p, ek_case *c, size_t i, json_t *ev)
{
    if (!json_is_object(ev))
        return perr(p, EK_EPARSE, "events", i, NULL, "an event must be an object, found %s", ek__json_type_name(ev));
    const json_t *jt = json_object_get(ev, "type"), *jd = json_object_get(ev, "date");
    if (jt == NULL)
        return perr(p, EK_EPARSE, "events", i, NULL, "missing required key \"type\"");
    if (!json_is_string(jt) || json_string_length(jt) == 0)
        return perr(p, EK_EPARSE, "events", i, "type", "\"type\" must be a non-empty string, found %s",
                    json_is_string(jt) ? _("an empty string") : ek__json_type_name(jt));
    if (jd == NULL)
        return perr(p, EK_EPARSE, "events", i, NULL, "missing required key \"date\"");
    ek_date d;
    int rc = get_date(p, jd, "events", i, "date", &d);
    if (rc != EK_OK)
        return rc;
    const char *type_name = json_string_value(jt);
    ek_event_type type = ek_event_type_from_name(type_name);
    size_t idx;
    if ((rc = ek_case_add_event(c, type_name, d, &idx)) != EK_OK)
        return rc == EK_ENOMEM ? rc : rewrap(p, "events", i, "date");
    const char *key;
    json_t *v;
    json_object_foreach(ev, key, v) {
        if (strcmp(key, "type") == 0 || strcmp(key, "date") == 0)
            continue;
        if (strcmp(key, "id") == 0 || strcmp(key, "ref") == 0) {
            if ((rc = want_string(p, v, "events", i, key)) != EK_OK)
                return rc;
            rc = key[0] == 'i' ? ek_case_event_set_id(c, idx, json_string_value(v))
                               : ek_case_event_set_ref(c, idx, json_string_value(v));
        } else {
            ek_attr_kind kind;
            if (ek_event_attr_spec(type, key, &kind, NULL, NULL) == EK_OK) {
                if (kind == EK_ATTR_BOOL) {
                    if (!json_is_boolean(v))
                        return perr(p, EK_EPARSE, "events", i, key, "\"%s\" must be a boolean, found %s", key,
                                    ek__json_type_name(v));
                    rc = ek_case_event_set_bool(c, idx, key, json_is_true(v));
                } else if (kind == EK_ATTR_DATE) {
                    ek_date ad;
                    if ((rc = get_date(p, v, "events", i, key, &ad)) != EK_OK)
                        return rc;
                    rc = ek_case_event_set_date(c, idx, key, ad);
                } else {
                    if (!json_is_string(v))
                        return perr(p, EK_EPARSE, "events", i, key, "\"%s\" must be a string, found %s", key,
                                    ek__json_type_name(v));
                    rc = ek_case_event_set_string(c, idx, key, json_string_value(v));
                }
            } else if (json_is_string(v)) {
                rc = ek_case_event_set_string(c, idx, key, json_string_value(v));
            } else if (json_is_boolean(v)) {
                rc = ek_case_event_set_bool(c, idx, key, json_is_true(v));
            } else {
                char *text = dump_value(v);
                if (text == NULL)
                    return ek__oom();
                rc = ek_case_event_set_raw(c, idx, key, text);
                ek__free(text);
            }
        }
        if (rc != EK_OK)
            return rc == EK_ENOMEM ? rc : rewrap(p, "events", i, key);
    }
    return EK_OK;
}

static int read_answer(const pctx *p, ek_case *c, size_t i, json_t *a)
{
    if (!json_is_object(a))
        return perr(p, EK_EPARSE, "answers", i, NULL, "an answer must be an object, found %s",
                    ek__json_type_name(a));
    const json_t *ji = json_object_get(a, "item"), *jr = json_object_get(a, "result");
    const json_t *jrev = json_object_get(a, "reviewer"), *jd = json_object_get(a, "date"),
                 *jc = json_object_get(a, "comment");
    if (ji == NULL)
        return perr(p, EK_EPARSE, "answers", i, NULL, "missing required key \"item\"");
    if (jr == NULL)
        return perr(p, EK_EPARSE, "answers", i, NULL, "missing required key \"result\"");
    int rc;
    if ((rc = want_string(p, ji, "answers", i, "item")) != EK_OK || (rc = want_string(p, jr, "answers", i, "result")) ||
        (jrev && (rc = want_string(p, jrev, "answers", i, "reviewer"))) ||
        (jc && (rc = want_string(p, jc, "answers", i, "comment"))))
        return rc;
    ek_result result;
    if (ek_result_from_name(json_string_value(jr), &result) != EK_OK)
        return rewrap(p, "answers", i, "result");
    ek_date d = EK_DATE_NONE;
    if (jd && (rc = get_date(p, jd, "answers", i, "date", &d)) != EK_OK)
        return rc;
    const char *item = json_string_value(ji);
    ek_answer_info prev = EK_ANSWER_INFO_INIT;
    int replaced = ek_case_find_answer(c, item, &prev) == EK_OK;
    rc = ek_case_add_answer(c, item, result, jrev ? json_string_value(jrev) : NULL, d,
                            jc ? json_string_value(jc) : NULL);
    if (rc != EK_OK)
        return rc == EK_ENOMEM ? rc : rewrap(p, "answers", i, json_string_length(ji) ? "result" : "item");
    if (replaced) {
        char msg[200];
        snprintf(msg, sizeof msg, "answers[%zu]: a second answer for item \"%.60s\" replaces the earlier one", i,
                 item);
        if ((rc = ek_case_add_warning(c, msg)) != EK_OK)
            return rc;
    }
    size_t k = 0;
    while (k < ek_case_answer_count(c)) {
        ek_answer_info ai = EK_ANSWER_INFO_INIT;
        if (ek_case_answer(c, k, &ai) == EK_OK && strcmp(ai.item, item) == 0)
            break;
        k++;
    }
    const char *key;
    json_t *v;
    char where[48];
    snprintf(where, sizeof where, "answers[%zu]: ", i);
    json_object_foreach(a, key, v) {
        if (strcmp(key, "item") == 0 || strcmp(key, "result") == 0 || strcmp(key, "reviewer") == 0 ||
            strcmp(key, "date") == 0 || strcmp(key, "comment") == 0)
            continue;
        if ((rc = keep_extra(p, c, where, key, v, NULL, k, "answers", i)) != EK_OK)
            return rc;
    }
    return EK_OK;
}

/* Fill @c from a parsed case object whose id was read into p->id. */
static int read_case(pctx *p, json_t *root, ek_case *c)
{
    int rc = ek_case_reset(c, p->id);
    if (rc != EK_OK)
        return rc == EK_ENOMEM ? rc : rewrap(p, "id", NO_INDEX, NULL);
    const json_t *fmt = json_object_get(root, "format");
    if (fmt == NULL) {
        if ((rc = ek_case_add_warning(c, "no \"format\" key; read as " CASE_FORMAT)) != EK_OK)
            return rc;
    } else if (!json_is_string(fmt) || strcmp(json_string_value(fmt), CASE_FORMAT) != 0) {
        return perr(p, EK_EPARSE, "format", NO_INDEX, NULL, "unsupported format (expected \"%s\")",
                    CASE_FORMAT);  /* never the value given (issue 18) */
    }
    const json_t *events = json_object_get(root, "events");
    if (events == NULL)
        return perr(p, EK_EPARSE, NULL, NO_INDEX, NULL, "missing required key \"events\"");
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        if (strcmp(key, "id") == 0 || strcmp(key, "format") == 0)
            continue;
        if (strcmp(key, "unit") == 0) {
            if ((rc = want_string(p, v, "unit", NO_INDEX, NULL)) != EK_OK)
                return rc;
            rc = ek_case_set_unit(c, json_string_value(v));
        } else if (strcmp(key, "child") == 0) {
            if (!json_is_object(v))
                return perr(p, EK_EPARSE, "child", NO_INDEX, NULL, "\"child\" must be an object, found %s",
                            ek__json_type_name(v));
            const char *ck;
            json_t *cv;
            json_object_foreach(v, ck, cv) {
                if (strcmp(ck, "birth_date") == 0) {
                    ek_date d;
                    if ((rc = get_date(p, cv, "child", NO_INDEX, "birth_date", &d)) != EK_OK)
                        return rc;
                    rc = ek_case_set_birth_date(c, d);
                    if (rc != EK_OK && rc != EK_ENOMEM)
                        return rewrap(p, "child", NO_INDEX, "birth_date");
                } else {
                    rc = keep_extra(p, c, "child: ", ck, cv, ek_case_set_child_extra, 0, "child", NO_INDEX);
                }
                if (rc != EK_OK)
                    return rc;
            }
        } else if (strcmp(key, "events") == 0) {
            if (!json_is_array(v))
                return perr(p, EK_EPARSE, "events", NO_INDEX, NULL, "\"events\" must be an array, found %s",
                            ek__json_type_name(v));
            size_t i;
            json_t *ev;
            json_array_foreach(v, i, ev) {
                if ((rc = read_event(p, c, i, ev)) != EK_OK)
                    return rc;
            }
        } else if (strcmp(key, "answers") == 0) {
            if (!json_is_array(v))
                return perr(p, EK_EPARSE, "answers", NO_INDEX, NULL, "\"answers\" must be an array, found %s",
                            ek__json_type_name(v));
            size_t i;
            json_t *a;
            json_array_foreach(v, i, a) {
                if ((rc = read_answer(p, c, i, a)) != EK_OK)
                    return rc;
            }
        } else {
            rc = keep_extra(p, c, "", key, v, ek_case_set_extra, 0, key, NO_INDEX);
        }
        if (rc != EK_OK)
            return rc; /* located by the branch that failed */
    }
    if ((rc = ek_case_validate(c)) != EK_OK) {
        size_t idx = 0;
        char k2[96] = "";
        const char *f = ek_error_last()->field;
        if (sscanf(f, "events[%zu].%95s", &idx, k2) == 2)
            return rewrap_keep_field(p, "events", idx);
        return rewrap(p, NULL, NO_INDEX, NULL);
    }
    return EK_OK;
}

/* Parse and read one text; @seen_check is called with the id (may be NULL). */
typedef int (*seen_fn)(void *user, const pctx *p);

static int read_text(const char *source, unsigned long lineno, const char *text, size_t len, ek_case *c,
                     seen_fn seen, void *user)
{
    json_t *root = NULL;
    int rc = ek__json_parse_object(source, lineno, text, len, &root);
    if (rc != EK_OK)
        return rc;
    pctx p = { source, lineno, text, len, NULL };
    rc = read_id(&p, root);
    if (rc == EK_OK && seen)
        rc = seen(user, &p);
    if (rc == EK_OK)
        rc = read_case(&p, root, c);
    json_decref(root);
    return rc;
}

/* Read one text with the fast reader @fast when it takes it (json_case_fast.h), else with the
 * reference reader; @fast may be NULL (then a temporary one is used, if it can be made).  The
 * results are the same either way. */
static int read_text_any(void *fast, const char *source, unsigned long lineno, const char *text, size_t len,
                         ek_case *c, seen_fn seen, void *user)
{
#ifdef EK_HAVE_SIMDJSON
    ek__fast_reader *f = fast ? fast : ek__fast_reader_new();
    int took = f != NULL ? ek__fast_read_case(f, c, text, len) : 0;
    if (f != fast)
        ek__fast_reader_free(f);
    if (took < 0)
        return took;
    if (took) {
        pctx p = { source, lineno, text, len, ek_case_id(c) };
        return seen ? seen(user, &p) : EK_OK;
    }
#else
    (void)fast;
#endif
    return read_text(source, lineno, text, len, c, seen, user);
}

int ek_case_read_json(ek_case *c, const char *text, size_t len, const char *name)
{
    if (c == NULL || (text == NULL && len > 0))
        return ek__error(EK_EINVAL, "ek_case_read_json: NULL argument");
    if (len > EK_IO_MAX_LINE)
        return ek__error_at(EK_ELIMIT, name ? name : "<string>", 1, 0, NULL, NULL, "text longer than %u bytes",
                            (unsigned)EK_IO_MAX_LINE);
    return read_text_any(NULL, name ? name : "<string>", 1, text ? text : "", len, c, NULL, NULL);
}

/* ---- the streaming reader ---------------------------------------------------------- */

/*
 * The case ids seen so far are kept as 64-bit hashes, not as copies: 8 bytes per slot of an
 * open-addressing table at most 3/4 full (11-21 bytes per case instead of a copy of every id).  Two
 * different ids are taken for the same (a false "appears earlier") only if their 64-bit hashes
 * collide: for n ids about n^2 / 2^65, i.e. 3e-8 for a million cases.  (Someone who writes the
 * input could craft such a pair, but could as well repeat an id.)
 */
struct ek_case_reader {
    ek_jsonl_reader *src;
    int owns_src;
#ifdef EK_HAVE_SIMDJSON
    ek__fast_reader *fast; /* the fast reader (json_case_fast.h), made on first use; NULL: none */
    int fast_failed;       /* it could not be made: the reference reader only */
#endif
    uint64_t *ids;     /* open-addressing set of the hashes of the case ids seen; 0 = empty slot */
    size_t nids, cap;  /* cap is 0 or a power of two */
};

/* FNV-1a over the bytes, then a 64-bit finaliser (murmur3 fmix64) so that every bit of the slot
 * index depends on every byte; never 0 (the empty slot). */
static uint64_t hash_id(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return h ? h : 1;
}

/* 1 already seen, 0 inserted, EK_ENOMEM. */
static int ids_insert_key(ek_case_reader *r, uint64_t h)
{
    if ((r->nids + 1) * 4 > r->cap * 3) {
        size_t ncap = r->cap ? r->cap * 2 : 64;
        uint64_t *n = ek__calloc(ncap, sizeof *n);
        if (n == NULL)
            return ek__oom();
        for (size_t k = 0; k < r->cap; k++)
            if (r->ids[k]) {
                size_t j = (size_t)r->ids[k] & (ncap - 1);
                while (n[j])
                    j = (j + 1) & (ncap - 1);
                n[j] = r->ids[k];
            }
        ek__free(r->ids);
        r->ids = n;
        r->cap = ncap;
    }
    size_t j = (size_t)h & (r->cap - 1);
    while (r->ids[j]) {
        if (r->ids[j] == h)
            return 1;
        j = (j + 1) & (r->cap - 1);
    }
    r->ids[j] = h;
    r->nids++;
    return 0;
}

static int seen_error(const pctx *p)
{
    return perr(p, EK_ECONFLICT, "id", NO_INDEX, NULL, "case id \"%.80s\" appears earlier in this input", p->id);
}

static int seen_check(void *user, const pctx *p)
{
    int rc = ids_insert_key(user, hash_id(p->id));
    return rc == 1 ? seen_error(p) : rc;
}

/* For the split pipeline: note the id's key instead of checking it. */
static int seen_key(void *user, const pctx *p)
{
    *(unsigned long long *)user = hash_id(p->id);
    return EK_OK;
}

static int seen_always(void *user, const pctx *p)
{
    (void)user;
    return seen_error(p);
}

const char *ek_case_reader_name(const ek_case_reader *r) { return r ? ek_jsonl_reader_name(r->src) : NULL; }

/* ---- the split reader behind ek_evaluate_stream() (io_internal.h) ---------------------- */

int ek__case_reader_next_text(ek_case_reader *r, const char **text, size_t *len)
{
    return ek__jsonl_next(r->src, text, len);
}

void *ek__case_parser_new(void)
{
#ifdef EK_HAVE_SIMDJSON
    return ek__fast_reader_new();
#else
    return NULL;
#endif
}

void ek__case_parser_free(void *parser)
{
#ifdef EK_HAVE_SIMDJSON
    ek__fast_reader_free(parser);
#else
    (void)parser;
#endif
}

int ek__case_read_line(void *parser, ek_case *c, const char *text, size_t len, const char *name,
                       unsigned long line, unsigned long long *id_key)
{
    *id_key = 0;
    if (len > EK_IO_MAX_LINE)
        return ek__error_at(EK_ELIMIT, name, line, 0, NULL, NULL, "text longer than %u bytes",
                            (unsigned)EK_IO_MAX_LINE);
    return read_text_any(parser, name, line, text ? text : "", len, c, seen_key, id_key);
}

int ek__case_read_json_reference(ek_case *c, const char *text, size_t len, const char *name, unsigned long line,
                                 unsigned long long *id_key)
{
    *id_key = 0;
    return read_text(name, line, text, len, c, seen_key, id_key);
}

int ek__case_reader_claim_id(ek_case_reader *r, unsigned long long id_key, const char *text, size_t len,
                             unsigned long line)
{
    if (id_key == 0)
        return EK_OK;
    int rc = ids_insert_key(r, (uint64_t)id_key);
    if (rc != 1)
        return rc;
    /* Seen: re-read the line only to say so exactly as ek_case_reader_next() does. */
    rc = read_text(ek_jsonl_reader_name(r->src), line, text ? text : "", len, NULL, seen_always, NULL);
    return rc != EK_OK ? rc : ek__error(EK_ECONFLICT, "case id appears earlier in this input");
}

int ek_case_reader_new(ek_case_reader **out, ek_jsonl_reader *src)
{
    if (out == NULL || src == NULL)
        return ek__error(EK_EINVAL, "ek_case_reader_new: NULL argument");
    ek_case_reader *r = ek__calloc(1, sizeof *r);
    if (r == NULL)
        return ek__oom();
    r->src = src;
    *out = r;
    return EK_OK;
}

static int adopt(ek_case_reader **out, ek_jsonl_reader *src)
{
    int rc = ek_case_reader_new(out, src);
    if (rc != EK_OK) {
        ek_jsonl_reader_free(src);
        return rc;
    }
    (*out)->owns_src = 1;
    return EK_OK;
}

int ek_case_reader_open(ek_case_reader **out, const char *path)
{
    if (out == NULL || path == NULL)
        return ek__error(EK_EINVAL, "ek_case_reader_open: NULL argument");
    ek_jsonl_reader *src;
    int rc = ek_jsonl_reader_open(&src, path);
    return rc != EK_OK ? rc : adopt(out, src);
}

int ek_case_reader_from_memory(ek_case_reader **out, const char *data, size_t len, const char *name)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_case_reader_from_memory: NULL argument");
    ek_jsonl_reader *src;
    int rc = ek_jsonl_reader_from_memory(&src, data, len, name);
    return rc != EK_OK ? rc : adopt(out, src);
}

void ek_case_reader_free(ek_case_reader *r)
{
    if (r == NULL)
        return;
    ek__free(r->ids);
#ifdef EK_HAVE_SIMDJSON
    ek__fast_reader_free(r->fast);
#endif
    if (r->owns_src)
        ek_jsonl_reader_free(r->src);
    ek__free(r);
}

unsigned long ek_case_reader_line(const ek_case_reader *r) { return r ? ek_jsonl_reader_line(r->src) : 0; }

int ek_case_reader_next(ek_case_reader *r, ek_case *c)
{
    if (r == NULL || c == NULL)
        return ek__error(EK_EINVAL, "ek_case_reader_next: NULL argument");
    const char *line;
    size_t len;
    int rc = ek__jsonl_next(r->src, &line, &len);
    if (rc <= 0)
        return rc;
    void *fast = NULL;
#ifdef EK_HAVE_SIMDJSON
    /* The fast reader takes the ordinary lines; whatever it declines, the reference reader
     * reads (and reports) exactly as without it. */
    if (r->fast == NULL && !r->fast_failed)
        r->fast_failed = (r->fast = ek__fast_reader_new()) == NULL;
    fast = r->fast;
#endif
    rc = read_text_any(fast, ek_jsonl_reader_name(r->src), ek_jsonl_reader_line(r->src), line, len, c, seen_check, r);
    return rc == EK_OK ? 1 : rc;
}

/* ---- the writer ------------------------------------------------------------------------ */

typedef struct sbuf {
    char *p;
    size_t n, cap;
    int oom;
} sbuf;

static void put_n(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (n > ((size_t)-1) - b->n - 1 || ek__vec_reserve((void **)&b->p, &b->cap, b->n + n + 1, 1, 256) != EK_OK) {
        b->oom = 1;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void put(sbuf *b, const char *s) { put_n(b, s, strlen(s)); }

/* A JSON string, escaped as jansson escapes (so canonical text round-trips). */
static void put_str(sbuf *b, const char *s)
{
    put_n(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        const char *esc = NULL;
        char seq[8];
        switch (ch) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (ch < 0x20) {
                snprintf(seq, sizeof seq, "\\u%04X", ch);
                esc = seq;
            }
        }
        if (esc) {
            put_n(b, run, (size_t)(s - run));
            put(b, esc);
            run = s + 1;
        }
    }
    put_n(b, run, (size_t)(s - run));
    put_n(b, "\"", 1);
}

static void put_date(sbuf *b, ek_date d)
{
    char buf[EK_DATE_BUFSIZE];
    if (ek_date_format(d, buf, sizeof buf) != EK_OK)
        ek__strlcpy(buf, "", sizeof buf); /* cannot happen: dates are checked on the way in */
    put_str(b, buf);
}

static void put_key(sbuf *b, const char *key)
{
    put(b, ", ");
    put_str(b, key);
    put(b, ": ");
}

int ek_case_write_json(const ek_case *c, char **out)
{
    if (c == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_case_write_json: NULL argument");
    sbuf b = { NULL, 0, 0, 0 };
    const char *k, *j;
    put(&b, "{\"format\": \"" CASE_FORMAT "\"");
    put_key(&b, "id");
    put_str(&b, ek_case_id(c));
    if (ek_case_unit(c)) {
        put_key(&b, "unit");
        put_str(&b, ek_case_unit(c));
    }
    size_t nce = ek_case_child_extra_count(c);
    if (ek_case_birth_date(c) != EK_DATE_NONE || nce > 0) {
        put_key(&b, "child");
        put(&b, "{");
        const char *sep = "";
        if (ek_case_birth_date(c) != EK_DATE_NONE) {
            put(&b, "\"birth_date\": ");
            put_date(&b, ek_case_birth_date(c));
            sep = ", ";
        }
        for (size_t x = 0; x < nce; x++) {
            if (ek_case_child_extra(c, x, &k, &j) != EK_OK)
                continue;
            put(&b, sep);
            put_str(&b, k);
            put(&b, ": ");
            put(&b, j);
            sep = ", ";
        }
        put(&b, "}");
    }
    put_key(&b, "events");
    put(&b, "[");
    for (size_t i = 0; i < ek_case_event_count(c); i++) {
        ek_event_info e = EK_EVENT_INFO_INIT;
        if (ek_case_event(c, i, &e) != EK_OK)
            continue;
        put(&b, i ? ", {\"type\": " : "{\"type\": ");
        put_str(&b, e.type_name);
        put_key(&b, "date");
        put_date(&b, e.date);
        if (e.id) {
            put_key(&b, "id");
            put_str(&b, e.id);
        }
        if (e.ref) {
            put_key(&b, "ref");
            put_str(&b, e.ref);
        }
        for (size_t a = 0; a < e.attr_count; a++) {
            ek_attr_info ai = EK_ATTR_INFO_INIT;
            if (ek_case_event_attr(c, i, a, &ai) != EK_OK)
                continue;
            put_key(&b, ai.key);
            switch (ai.kind) {
            case EK_ATTR_STRING: put_str(&b, ai.string); break;
            case EK_ATTR_BOOL: put(&b, ai.boolean ? "true" : "false"); break;
            case EK_ATTR_DATE: put_date(&b, ai.date); break;
            case EK_ATTR_RAW: put(&b, ai.string); break;
            }
        }
        put(&b, "}");
    }
    put(&b, "]");
    if (ek_case_answer_count(c) > 0) {
        put_key(&b, "answers");
        put(&b, "[");
        for (size_t i = 0; i < ek_case_answer_count(c); i++) {
            ek_answer_info a = EK_ANSWER_INFO_INIT;
            if (ek_case_answer(c, i, &a) != EK_OK)
                continue;
            put(&b, i ? ", {\"item\": " : "{\"item\": ");
            put_str(&b, a.item);
            put_key(&b, "result");
            put_str(&b, ek_result_name(a.result));
            if (a.reviewer) {
                put_key(&b, "reviewer");
                put_str(&b, a.reviewer);
            }
            if (a.date != EK_DATE_NONE) {
                put_key(&b, "date");
                put_date(&b, a.date);
            }
            if (a.comment) {
                put_key(&b, "comment");
                put_str(&b, a.comment);
            }
            for (size_t x = 0; x < ek_case_answer_extra_count(c, i); x++)
                if (ek_case_answer_extra(c, i, x, &k, &j) == EK_OK) {
                    put_key(&b, k);
                    put(&b, j);
                }
            put(&b, "}");
        }
        put(&b, "]");
    }
    for (size_t x = 0; x < ek_case_extra_count(c); x++)
        if (ek_case_extra(c, x, &k, &j) == EK_OK) {
            put_key(&b, k);
            put(&b, j);
        }
    put(&b, "}");
    if (b.oom) {
        ek__free(b.p);
        return ek__oom();
    }
    *out = b.p;
    return EK_OK;
}
