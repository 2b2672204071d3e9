/* SPDX-License-Identifier: MIT */
/* egenkontroll/avvikelse-1: lex Sarah records as JSON Lines (reader, writer), and the JSON form of
 * evaluation results and register summaries.  Extension keys (documented in docs/sarah.md):
 * "rapportor", "ivo" {"diarienummer", "beslut", "utredning_bifogad"}, "historik" [...]. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "io_internal.h"
#include "../sarah_internal.h"

#define SARAH_FORMAT "egenkontroll/avvikelse-1"

/* ---- parsing context -------------------------------------------------------------- */

typedef struct pctx {
    const char *source;
    unsigned long line;
    const char *text;
    size_t len;
    const char *id;
} pctx;

/* A parse error at @col of the current line; @fmt is translated (xgettext keyword sperr:5, po/meson.build). */
static int sperr(const pctx *p, int status, unsigned long col, const char *field, const char *fmt, ...)
    EK_PRINTF(5, 6);

static int sperr(const pctx *p, int status, unsigned long col, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);  /* translated (i18n.h) */
    va_end(ap);
    return ek__error_at(status, p->source, p->line, col, p->id, field, "%s", msg);
}

/* Column of key @k2 inside container @k1 (NULL = top level), the @nth occurrence after the container. */
static unsigned long col_of(const pctx *p, const char *k1, const char *k2, size_t nth)
{
    unsigned long from = 1;
    if (p->text == NULL)
        return 0;
    if (k1 != NULL) {
        from = ek__jsonl_key_column(p->text, p->len, k1, 1);
        if (from == 0)
            return 0;
        if (k2 == NULL)
            return from;
    }
    unsigned long c = 0;
    for (size_t i = 0; i <= nth; i++) {
        c = ek__jsonl_key_column(p->text, p->len, k2, from);
        if (c == 0)
            return from;
        from = c;
    }
    return c;
}

static int get_string(const pctx *p, json_t *v, const char *field, unsigned long col, const char **out)
{
    if (!json_is_string(v))
        return sperr(p, EK_EPARSE, col, field, "\"%s\" must be a string, found %s", field, ek__json_type_name(v));
    *out = json_string_value(v);
    return EK_OK;
}

static int get_bool(const pctx *p, json_t *v, const char *field, unsigned long col, ek_sarah_tri *out)
{
    if (!json_is_boolean(v))
        return sperr(p, EK_EPARSE, col, field, "\"%s\" must be true or false, found %s", field,
                     ek__json_type_name(v));
    *out = json_is_true(v) ? EK_SARAH_YES : EK_SARAH_NO;
    return EK_OK;
}

static int get_date(const pctx *p, json_t *v, const char *field, unsigned long col, ek_date *out)
{
    if (!json_is_string(v))
        return sperr(p, EK_EPARSE, col, field, "\"%s\" must be a date string \"YYYY-MM-DD\", found %s", field,
                     ek__json_type_name(v));
    const char *s = json_string_value(v);
    int rc = ek_date_parse_n(s, json_string_length(v), out);
    if (rc != EK_OK && ek__date_shaped(s))  /* an impossible date such as "2025-02-30": quoted */
        return sperr(p, rc, col, field, "\"%s\" is not a valid date: \"%s\"", field, s);
    if (rc != EK_OK)  /* other text is never quoted: it may be anything (issue 18) */
        return sperr(p, rc, col, field, "\"%s\" is not a date (expected YYYY-MM-DD)", field);
    return EK_OK;
}

/* Collect the keys of @obj not in @known into a JSON object text (*out NULL when none). */
static int collect_extra(json_t *obj, const char *const *known, size_t nknown, char **out)
{
    *out = NULL;
    json_t *extra = NULL;
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        size_t i = 0;
        while (i < nknown && strcmp(known[i], k) != 0)
            i++;
        if (i < nknown)
            continue;
        if (extra == NULL && (extra = json_object()) == NULL)
            return ek__oom();
        if (json_object_set(extra, k, v) != 0) {
            json_decref(extra);
            return ek__oom();
        }
    }
    if (extra == NULL)
        return EK_OK;
    char *s = json_dumps(extra, JSON_PRESERVE_ORDER);
    json_decref(extra);
    if (s == NULL)
        return ek__oom();
    *out = ek__strdup(s);
    free(s);
    return *out ? EK_OK : ek__oom();
}

static const char *const top_keys[] = {
    "format", "id", "unit", "typ", "kategori", "rapportor", "datum", "allvarlig", "utredning",
    "atgarder", "ivo", "historik",
};
static const char *const measure_keys[] = { "beskrivning", "ansvarig", "senast", "genomford" };
static const char *const ivo_keys[] = { "diarienummer", "beslut", "utredning_bifogad" };
static const char *const hist_keys[] = { "datum", "av", "typ", "falt", "fore", "efter" };

static int dup_into(char **slot, const char *s)
{
    char *d = ek__strdup(s);
    if (d == NULL)
        return ek__oom();
    ek__free(*slot);
    *slot = d;
    return EK_OK;
}

/* The keys @names[0..@n) of the object @obj (the record's key @container), each read if present:
 * dates into @dates[i] when @dates is not NULL, else truth values into @tri[i]; a bad value is an
 * error at "container.key". */
static int get_named(const pctx *p, json_t *obj, const char *container, const char *const *names, int n,
                     ek_date *dates, ek_sarah_tri *tri)
{
    for (int i = 0; i < n; i++) {
        json_t *v = json_object_get(obj, names[i]);
        if (v == NULL)
            continue;
        char field[64];
        snprintf(field, sizeof field, "%s.%s", container, names[i]);
        unsigned long col = col_of(p, container, names[i], 0);
        int rc = dates ? get_date(p, v, field, col, &dates[i]) : get_bool(p, v, field, col, &tri[i]);
        if (rc != EK_OK)
            return rc;
    }
    return EK_OK;
}

static int parse_datum(const pctx *p, json_t *datum, ek_sarah_record *r)
{
    unsigned long dcol = col_of(p, "datum", NULL, 0);
    if (!json_is_object(datum))
        return sperr(p, EK_EPARSE, dcol, "datum", "\"datum\" must be an object, found %s", ek__json_type_name(datum));
    const char *names[EK__SARAH_DATE_COUNT];
    for (int i = 0; i < EK__SARAH_DATE_COUNT; i++)
        names[i] = ek_sarah_date_field_name((ek_sarah_date_field)i);
    int rc = get_named(p, datum, "datum", names, EK__SARAH_DATE_COUNT, r->dates, NULL);
    if (rc != EK_OK)
        return rc;
    if (r->dates[EK_SARAH_RAPPORT] == EK_DATE_NONE)
        return sperr(p, EK_EPARSE, dcol, "datum.rapport", "required key \"datum.rapport\" is missing");
    return collect_extra(datum, names, EK__SARAH_DATE_COUNT, &r->container_extra[EK__SARAH_X_DATUM]);
}

static int parse_utredning(const pctx *p, json_t *u, ek_sarah_record *r)
{
    if (!json_is_object(u))
        return sperr(p, EK_EPARSE, col_of(p, "utredning", NULL, 0), "utredning",
                     "\"utredning\" must be an object, found %s", ek__json_type_name(u));
    const char *names[EK__SARAH_ELEMENT_COUNT];
    for (int i = 0; i < EK__SARAH_ELEMENT_COUNT; i++)
        names[i] = ek_sarah_element_name((ek_sarah_element)i);
    int rc = get_named(p, u, "utredning", names, EK__SARAH_ELEMENT_COUNT, NULL, r->elements);
    if (rc != EK_OK)
        return rc;
    return collect_extra(u, names, EK__SARAH_ELEMENT_COUNT, &r->container_extra[EK__SARAH_X_UTREDNING]);
}

static int parse_ivo(const pctx *p, json_t *o, ek_sarah_record *r)
{
    if (!json_is_object(o))
        return sperr(p, EK_EPARSE, col_of(p, "ivo", NULL, 0), "ivo", "\"ivo\" must be an object, found %s",
                     ek__json_type_name(o));
    json_t *v;
    const char *s = NULL;
    int rc;
    if ((v = json_object_get(o, "diarienummer")) != NULL) {
        if ((rc = get_string(p, v, "ivo.diarienummer", col_of(p, "ivo", "diarienummer", 0), &s)) != EK_OK ||
            (rc = dup_into(&r->text[EK_SARAH_IVO_DIARIENUMMER], s)) != EK_OK)
            return rc;
    }
    if ((v = json_object_get(o, "beslut")) != NULL) {
        if ((rc = get_string(p, v, "ivo.beslut", col_of(p, "ivo", "beslut", 0), &s)) != EK_OK ||
            (rc = dup_into(&r->text[EK_SARAH_IVO_BESLUT], s)) != EK_OK)
            return rc;
    }
    if ((v = json_object_get(o, "utredning_bifogad")) != NULL &&
        (rc = get_bool(p, v, "ivo.utredning_bifogad", col_of(p, "ivo", "utredning_bifogad", 0), &r->bifogad)) != EK_OK)
        return rc;
    return collect_extra(o, ivo_keys, sizeof ivo_keys / sizeof ivo_keys[0], &r->container_extra[EK__SARAH_X_IVO]);
}

/* How many of the objects @a[0..@i) have @key: col_of()'s @nth for element @i's optional @key. */
static size_t earlier_with(json_t *a, size_t i, const char *key)
{
    size_t n = 0;
    for (size_t j = 0; j < i; j++)
        n += json_object_get(json_array_get(a, j), key) != NULL;
    return n;
}

static int parse_measures(const pctx *p, json_t *a, ek_sarah_record *r)
{
    if (!json_is_array(a))
        return sperr(p, EK_EPARSE, col_of(p, "atgarder", NULL, 0), "atgarder",
                     "\"atgarder\" must be an array, found %s", ek__json_type_name(a));
    size_t i;
    json_t *m;
    json_array_foreach(a, i, m) {
        char field[64];
        snprintf(field, sizeof field, "atgarder[%zu]", i);
        if (!json_is_object(m))
            return sperr(p, EK_EPARSE, col_of(p, "atgarder", NULL, 0), field, "%s must be an object, found %s",
                         field, ek__json_type_name(m));
        ek__sarah_measure *slot;
        int rc = ek__sarah_push_measure(r, &slot);
        if (rc != EK_OK)
            return rc;
        r->n_measures++; /* zeroed slot: freed with the record on a later failure */
        json_t *v = json_object_get(m, "beskrivning");
        const char *s = NULL;
        snprintf(field, sizeof field, "atgarder[%zu].beskrivning", i);
        if (v == NULL)
            return sperr(p, EK_EPARSE, col_of(p, "atgarder", NULL, 0), field, "required key \"%s\" is missing", field);
        if ((rc = get_string(p, v, field, col_of(p, "atgarder", "beskrivning", i), &s)) != EK_OK)
            return rc;
        if (s == NULL || s[0] == '\0')
            return sperr(p, EK_EPARSE, col_of(p, "atgarder", "beskrivning", i), field, "\"%s\" is empty", field);
        if ((rc = dup_into(&slot->beskrivning, s)) != EK_OK)
            return rc;
        if ((v = json_object_get(m, "ansvarig")) != NULL) {
            snprintf(field, sizeof field, "atgarder[%zu].ansvarig", i);
            if ((rc = get_string(p, v, field, col_of(p, "atgarder", "ansvarig", earlier_with(a, i, "ansvarig")), &s)) != EK_OK ||
                (rc = dup_into(&slot->ansvarig, s)) != EK_OK)
                return rc;
        }
        if ((v = json_object_get(m, "senast")) != NULL) {
            snprintf(field, sizeof field, "atgarder[%zu].senast", i);
            if ((rc = get_date(p, v, field, col_of(p, "atgarder", "senast", earlier_with(a, i, "senast")), &slot->senast)) != EK_OK)
                return rc;
        }
        if ((v = json_object_get(m, "genomford")) != NULL) {
            snprintf(field, sizeof field, "atgarder[%zu].genomford", i);
            if ((rc = get_date(p, v, field, col_of(p, "atgarder", "genomford", earlier_with(a, i, "genomford")), &slot->genomford)) != EK_OK)
                return rc;
        }
        if ((rc = collect_extra(m, measure_keys, 4, &slot->extra)) != EK_OK)
            return rc;
    }
    return EK_OK;
}

static int parse_history(const pctx *p, json_t *a, ek_sarah_record *r)
{
    unsigned long hcol = col_of(p, "historik", NULL, 0);
    if (!json_is_array(a))
        return sperr(p, EK_EPARSE, hcol, "historik", "\"historik\" must be an array, found %s", ek__json_type_name(a));
    size_t i;
    json_t *h;
    json_array_foreach(a, i, h) {
        char field[64];
        snprintf(field, sizeof field, "historik[%zu]", i);
        if (!json_is_object(h))
            return sperr(p, EK_EPARSE, hcol, field, "%s must be an object, found %s", field, ek__json_type_name(h));
        ek__sarah_hist *slot;
        int rc = ek__sarah_push_hist(r, &slot);
        if (rc != EK_OK)
            return rc;
        r->n_hist++;
        slot->kind = EK_SARAH_HIST_ANDRING;
        const char *s = NULL;
        json_t *v;
        static const char *const req[] = { "datum", "av", "falt" };
        for (int k = 0; k < 3; k++) {
            snprintf(field, sizeof field, "historik[%zu].%s", i, req[k]);
            v = json_object_get(h, req[k]);
            if (v == NULL)
                return sperr(p, EK_EPARSE, hcol, field, "required key \"%s\" is missing", field);
            unsigned long c = col_of(p, "historik", req[k], i);
            if (k == 0)
                rc = get_date(p, v, field, c, &slot->date);
            else if ((rc = get_string(p, v, field, c, &s)) == EK_OK)
                rc = dup_into(k == 1 ? &slot->who : &slot->field, s);
            if (rc != EK_OK)
                return rc;
        }
        if ((v = json_object_get(h, "typ")) != NULL) {
            snprintf(field, sizeof field, "historik[%zu].typ", i);
            unsigned long c = col_of(p, "historik", "typ", earlier_with(a, i, "typ"));
            if ((rc = get_string(p, v, field, c, &s)) != EK_OK)
                return rc;
            if (strcmp(s, "andring") == 0)
                slot->kind = EK_SARAH_HIST_ANDRING;
            else if (strcmp(s, "komplettering") == 0)
                slot->kind = EK_SARAH_HIST_KOMPLETTERING;
            else
                return sperr(p, EK_EINVAL, c, field, "\"%s\" must be \"andring\" or \"komplettering\"", field);
        }
        static const char *const vals[] = { "fore", "efter" };
        for (int k = 0; k < 2; k++) {
            if ((v = json_object_get(h, vals[k])) == NULL || json_is_null(v))
                continue;
            snprintf(field, sizeof field, "historik[%zu].%s", i, vals[k]);
            if ((rc = get_string(p, v, field, col_of(p, "historik", vals[k], 0), &s)) != EK_OK ||
                (rc = dup_into(k == 0 ? &slot->old_value : &slot->new_value, s)) != EK_OK)
                return rc;
        }
        if ((rc = collect_extra(h, hist_keys, 6, &slot->extra)) != EK_OK)
            return rc;
    }
    return EK_OK;
}

static int opt_text(const pctx *p, json_t *root, const char *key, ek_sarah_record *r, ek_sarah_text_field f)
{
    json_t *v = json_object_get(root, key);
    if (v == NULL)
        return EK_OK;
    const char *s = NULL;
    int rc = get_string(p, v, key, col_of(p, NULL, key, 0), &s);
    return rc != EK_OK ? rc : dup_into(&r->text[f], s);
}

static int from_json(const pctx *pin, json_t *root, ek_sarah_record **out)
{
    pctx p = *pin;
    json_t *v = json_object_get(root, "format");
    if (v != NULL && (!json_is_string(v) || strcmp(json_string_value(v), SARAH_FORMAT) != 0))
        return sperr(&p, EK_EPARSE, col_of(&p, NULL, "format", 0), "format",
                     "\"format\" must be \"%s\"", SARAH_FORMAT);
    v = json_object_get(root, "id");
    if (v == NULL)
        return sperr(&p, EK_EPARSE, 1, "id", "required key \"id\" is missing");
    if (!json_is_string(v) || json_string_length(v) == 0 || strlen(json_string_value(v)) != json_string_length(v))
        return sperr(&p, EK_EPARSE, col_of(&p, NULL, "id", 0), "id", "\"id\" must be a non-empty string, found %s",
                     ek__json_type_name(v));
    p.id = json_string_value(v);

    ek_sarah_record *r;
    int rc = ek__sarah_record_alloc(&r, p.id);
    if (rc != EK_OK)
        return rc;
    v = json_object_get(root, "typ");
    const char *s = NULL;
    if (v == NULL)
        rc = sperr(&p, EK_EPARSE, 1, "typ", "required key \"typ\" is missing");
    else if ((rc = get_string(&p, v, "typ", col_of(&p, NULL, "typ", 0), &s)) == EK_OK &&
             ek_sarah_typ_from_name(s, &r->typ) != EK_OK)
        rc = sperr(&p, EK_EINVAL, col_of(&p, NULL, "typ", 0), "typ",
                   "\"typ\" must be \"missforhallande\" or \"pataglig_risk\"");  /* never the value (issue 18) */
    if (rc == EK_OK) {
        v = json_object_get(root, "datum");
        rc = v == NULL ? sperr(&p, EK_EPARSE, 1, "datum", "required key \"datum\" (with \"rapport\") is missing")
                       : parse_datum(&p, v, r);
    }
    if (rc == EK_OK) rc = opt_text(&p, root, "unit", r, EK_SARAH_UNIT);
    if (rc == EK_OK) rc = opt_text(&p, root, "kategori", r, EK_SARAH_KATEGORI);
    if (rc == EK_OK) rc = opt_text(&p, root, "rapportor", r, EK_SARAH_RAPPORTOR);
    if (rc == EK_OK && (v = json_object_get(root, "allvarlig")) != NULL)
        rc = get_bool(&p, v, "allvarlig", col_of(&p, NULL, "allvarlig", 0), &r->allvarlig);
    if (rc == EK_OK && (v = json_object_get(root, "utredning")) != NULL)
        rc = parse_utredning(&p, v, r);
    if (rc == EK_OK && (v = json_object_get(root, "atgarder")) != NULL)
        rc = parse_measures(&p, v, r);
    if (rc == EK_OK && (v = json_object_get(root, "ivo")) != NULL)
        rc = parse_ivo(&p, v, r);
    if (rc == EK_OK && (v = json_object_get(root, "historik")) != NULL)
        rc = parse_history(&p, v, r);
    if (rc == EK_OK) {
        const char *k;
        json_object_foreach(root, k, v) {
            size_t i = 0;
            while (i < sizeof top_keys / sizeof top_keys[0] && strcmp(top_keys[i], k) != 0)
                i++;
            if (i < sizeof top_keys / sizeof top_keys[0])
                continue;
            char *txt = json_dumps(v, JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
            if (txt == NULL) {
                rc = ek__oom();
                break;
            }
            rc = ek_sarah_record_set_extra(r, k, txt);
            free(txt);
            if (rc != EK_OK)
                break;
        }
    }
    if (rc == EK_OK) {
        char msg[400], field[64];
        ek_sarah_date_field later;
        size_t bad = 0;
        if (ek__sarah_order_conflict(r, msg, sizeof msg, &later)) {
            snprintf(field, sizeof field, "datum.%s", ek_sarah_date_field_name(later));
            rc = sperr(&p, EK_ECONFLICT, col_of(&p, "datum", ek_sarah_date_field_name(later), 0), field, "%s", msg);
        } else if (ek__sarah_history_conflict(r, msg, sizeof msg, &bad)) {
            snprintf(field, sizeof field, "historik[%zu]", bad);
            rc = sperr(&p, EK_ECONFLICT, col_of(&p, "historik", "datum", bad), field, "%s", msg);
        }
    }
    if (rc != EK_OK) {
        ek_sarah_record_free(r);
        return rc;
    }
    *out = r;
    return EK_OK;
}

int ek_sarah_read_json(ek_sarah_record **out, const char *text, size_t len, const char *name)
{
    if (out == NULL || (text == NULL && len > 0))
        return ek__error(EK_EINVAL, "ek_sarah_read_json: NULL argument");
    pctx p = { name ? name : "<string>", 1, text ? text : "", len, NULL };
    json_t *root;
    int rc = ek__json_parse_object(p.source, 1, p.text, len, &root);
    if (rc != EK_OK)
        return rc;
    rc = from_json(&p, root, out);
    json_decref(root);
    return rc;
}

/* ---- the streaming reader ---------------------------------------------------------- */

struct ek_sarah_reader {
    ek_jsonl_reader *src;
    int owns_src;
    char **ids;        /* open-addressing set of ids seen */
    size_t n_ids, cap_ids;
};

int ek_sarah_reader_new(ek_sarah_reader **out, ek_jsonl_reader *src)
{
    if (out == NULL || src == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_reader_new: NULL argument");
    ek_sarah_reader *r = ek__calloc(1, sizeof *r);
    if (r == NULL)
        return ek__oom();
    r->src = src;
    *out = r;
    return EK_OK;
}

int ek_sarah_reader_open(ek_sarah_reader **out, const char *path)
{
    if (out == NULL || path == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_reader_open: NULL argument");
    ek_jsonl_reader *src;
    int rc = ek_jsonl_reader_open(&src, path);
    if (rc != EK_OK)
        return rc;
    if ((rc = ek_sarah_reader_new(out, src)) != EK_OK) {
        ek_jsonl_reader_free(src);
        return rc;
    }
    (*out)->owns_src = 1;
    return EK_OK;
}

int ek_sarah_reader_from_memory(ek_sarah_reader **out, const char *data, size_t len, const char *name)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_reader_from_memory: NULL argument");
    ek_jsonl_reader *src;
    int rc = ek_jsonl_reader_from_memory(&src, data, len, name);
    if (rc != EK_OK)
        return rc;
    if ((rc = ek_sarah_reader_new(out, src)) != EK_OK) {
        ek_jsonl_reader_free(src);
        return rc;
    }
    (*out)->owns_src = 1;
    return EK_OK;
}

void ek_sarah_reader_free(ek_sarah_reader *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->cap_ids; i++)
        ek__free(r->ids[i]);
    ek__free(r->ids);
    if (r->owns_src)
        ek_jsonl_reader_free(r->src);
    ek__free(r);
}

unsigned long ek_sarah_reader_line(const ek_sarah_reader *r) { return r ? ek_jsonl_reader_line(r->src) : 0; }

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* 1 when @id was seen before; else inserts it (0) or fails (EK_ENOMEM). */
static int id_seen(ek_sarah_reader *r, const char *id)
{
    if (r->cap_ids) {
        for (size_t i = hash_str(id) & (r->cap_ids - 1);; i = (i + 1) & (r->cap_ids - 1)) {
            if (r->ids[i] == NULL)
                break;
            if (strcmp(r->ids[i], id) == 0)
                return 1;
        }
    }
    if ((r->n_ids + 1) * 2 > r->cap_ids) {
        size_t ncap = r->cap_ids ? r->cap_ids * 2 : 64;
        char **nv = ek__calloc(ncap, sizeof *nv);
        if (nv == NULL)
            return ek__oom();
        for (size_t i = 0; i < r->cap_ids; i++) {
            if (r->ids[i] == NULL)
                continue;
            size_t j = hash_str(r->ids[i]) & (ncap - 1);
            while (nv[j] != NULL)
                j = (j + 1) & (ncap - 1);
            nv[j] = r->ids[i];
        }
        ek__free(r->ids);
        r->ids = nv;
        r->cap_ids = ncap;
    }
    char *copy = ek__strdup(id);
    if (copy == NULL)
        return ek__oom();
    size_t j = hash_str(id) & (r->cap_ids - 1);
    while (r->ids[j] != NULL)
        j = (j + 1) & (r->cap_ids - 1);
    r->ids[j] = copy;
    r->n_ids++;
    return 0;
}

int ek_sarah_reader_next(ek_sarah_reader *r, ek_sarah_record **out)
{
    if (r == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_reader_next: NULL argument");
    const char *line;
    size_t len;
    int rc = ek__jsonl_next(r->src, &line, &len);
    if (rc <= 0)
        return rc;
    pctx p = { ek_jsonl_reader_name(r->src), ek_jsonl_reader_line(r->src), line, len, NULL };
    json_t *root;
    if ((rc = ek__json_parse_object(p.source, p.line, line, len, &root)) != EK_OK)
        return rc;
    /* Duplicate ids are rejected on the later line, whether or not the earlier one was valid. */
    json_t *idv = json_object_get(root, "id");
    if (json_is_string(idv) && json_string_length(idv) > 0 &&
        strlen(json_string_value(idv)) == json_string_length(idv)) {
        int seen = id_seen(r, json_string_value(idv));
        if (seen != 0) {
            p.id = json_string_value(idv);
            rc = seen < 0 ? seen
                          : sperr(&p, EK_ECONFLICT, col_of(&p, NULL, "id", 0), "id",
                                  "record id \"%s\" appears more than once in the input", p.id);
            json_decref(root);
            return rc;
        }
    }
    ek_sarah_record *rec = NULL;
    rc = from_json(&p, root, &rec);
    json_decref(root);
    if (rc != EK_OK)
        return rc;
    *out = rec;
    return 1;
}

/* ---- writing ------------------------------------------------------------------------ */

/* Owned copy (ek__malloc) of a jansson dump; frees the dump. */
static int dump_owned(json_t *root, char **out)
{
    char *s = json_dumps(root, JSON_PRESERVE_ORDER);
    json_decref(root);
    if (s == NULL)
        return ek__oom();
    *out = ek__strdup(s);
    free(s);
    return *out ? EK_OK : ek__oom();
}

/* As dump_owned() for an output (results, summaries; not the record format itself): nothing shaped
 * like a personnummer is left (issue 18). */
static int dump_masked(json_t *root, char **out)
{
    int rc = dump_owned(root, out);
    if (rc == EK_OK)
        ek_text_mask_pnr(*out);
    return rc;
}

/* Add to @obj; on failure (out of memory) decref @v and return nonzero. */
static int put(json_t *obj, const char *key, json_t *v)
{
    return v == NULL || json_object_set_new(obj, key, v) != 0;
}

static json_t *jdate(ek_date d)
{
    char b[EK_DATE_BUFSIZE];
    if (d == EK_DATE_NONE || ek_date_format(d, b, sizeof b) != EK_OK)
        return json_null();
    return json_string(b);
}

static json_t *jstr_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* Merge the keys of the JSON object text @extra into @obj. */
static int merge_extra(json_t *obj, const char *extra)
{
    if (extra == NULL)
        return 0;
    json_t *x = json_loads(extra, 0, NULL);
    if (!json_is_object(x)) {
        json_decref(x);
        return 1;
    }
    int bad = json_object_update(obj, x) != 0;
    json_decref(x);
    return bad;
}

static json_t *record_json(const ek_sarah_record *r)
{
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    int bad = put(o, "format", json_string(SARAH_FORMAT)) || put(o, "id", json_string(r->id));
    if (!bad && r->text[EK_SARAH_UNIT]) bad = put(o, "unit", json_string(r->text[EK_SARAH_UNIT]));
    if (!bad) bad = put(o, "typ", json_string(ek_sarah_typ_name(r->typ) ? ek_sarah_typ_name(r->typ) : "?"));
    if (!bad && r->text[EK_SARAH_KATEGORI]) bad = put(o, "kategori", json_string(r->text[EK_SARAH_KATEGORI]));
    if (!bad && r->text[EK_SARAH_RAPPORTOR]) bad = put(o, "rapportor", json_string(r->text[EK_SARAH_RAPPORTOR]));
    json_t *d = json_object();
    bad = bad || d == NULL;
    for (int i = 0; !bad && i < EK__SARAH_DATE_COUNT; i++)
        if (r->dates[i] != EK_DATE_NONE)
            bad = put(d, ek_sarah_date_field_name((ek_sarah_date_field)i), jdate(r->dates[i]));
    if (!bad) bad = merge_extra(d, r->container_extra[EK__SARAH_X_DATUM]);
    if (!bad) { bad = put(o, "datum", d); d = NULL; }
    json_decref(d);
    if (!bad && r->allvarlig != EK_SARAH_UNKNOWN)
        bad = put(o, "allvarlig", json_boolean(r->allvarlig == EK_SARAH_YES));
    int any_el = r->container_extra[EK__SARAH_X_UTREDNING] != NULL;
    for (int i = 0; i < EK__SARAH_ELEMENT_COUNT; i++)
        any_el |= r->elements[i] != EK_SARAH_UNKNOWN;
    if (!bad && any_el) {
        json_t *u = json_object();
        bad = u == NULL;
        for (int i = 0; !bad && i < EK__SARAH_ELEMENT_COUNT; i++)
            if (r->elements[i] != EK_SARAH_UNKNOWN)
                bad = put(u, ek_sarah_element_name((ek_sarah_element)i), json_boolean(r->elements[i] == EK_SARAH_YES));
        if (!bad) bad = merge_extra(u, r->container_extra[EK__SARAH_X_UTREDNING]);
        if (!bad) { bad = put(o, "utredning", u); u = NULL; }
        json_decref(u);
    }
    if (!bad && r->n_measures) {
        json_t *a = json_array();
        bad = a == NULL;
        for (size_t i = 0; !bad && i < r->n_measures; i++) {
            const ek__sarah_measure *m = &r->measures[i];
            json_t *mo = json_object();
            bad = mo == NULL || put(mo, "beskrivning", json_string(m->beskrivning));
            if (!bad && m->ansvarig) bad = put(mo, "ansvarig", json_string(m->ansvarig));
            if (!bad && m->senast != EK_DATE_NONE) bad = put(mo, "senast", jdate(m->senast));
            if (!bad && m->genomford != EK_DATE_NONE) bad = put(mo, "genomford", jdate(m->genomford));
            if (!bad) bad = merge_extra(mo, m->extra);
            if (!bad) { bad = json_array_append_new(a, mo) != 0; mo = NULL; }
            json_decref(mo);
        }
        if (!bad) { bad = put(o, "atgarder", a); a = NULL; }
        json_decref(a);
    }
    if (!bad && (r->text[EK_SARAH_IVO_DIARIENUMMER] || r->text[EK_SARAH_IVO_BESLUT] ||
                 r->bifogad != EK_SARAH_UNKNOWN || r->container_extra[EK__SARAH_X_IVO])) {
        json_t *io = json_object();
        bad = io == NULL;
        if (!bad && r->text[EK_SARAH_IVO_DIARIENUMMER])
            bad = put(io, "diarienummer", json_string(r->text[EK_SARAH_IVO_DIARIENUMMER]));
        if (!bad && r->text[EK_SARAH_IVO_BESLUT]) bad = put(io, "beslut", json_string(r->text[EK_SARAH_IVO_BESLUT]));
        if (!bad && r->bifogad != EK_SARAH_UNKNOWN)
            bad = put(io, "utredning_bifogad", json_boolean(r->bifogad == EK_SARAH_YES));
        if (!bad) bad = merge_extra(io, r->container_extra[EK__SARAH_X_IVO]);
        if (!bad) { bad = put(o, "ivo", io); io = NULL; }
        json_decref(io);
    }
    if (!bad && r->n_hist) {
        json_t *a = json_array();
        bad = a == NULL;
        for (size_t i = 0; !bad && i < r->n_hist; i++) {
            const ek__sarah_hist *h = &r->hist[i];
            json_t *ho = json_object();
            bad = ho == NULL || put(ho, "datum", jdate(h->date)) || put(ho, "av", jstr_or_null(h->who)) ||
                  put(ho, "typ", json_string(h->kind == EK_SARAH_HIST_KOMPLETTERING ? "komplettering" : "andring")) ||
                  put(ho, "falt", jstr_or_null(h->field)) || put(ho, "fore", jstr_or_null(h->old_value)) ||
                  put(ho, "efter", jstr_or_null(h->new_value));
            if (!bad) bad = merge_extra(ho, h->extra);
            if (!bad) { bad = json_array_append_new(a, ho) != 0; ho = NULL; }
            json_decref(ho);
        }
        if (!bad) { bad = put(o, "historik", a); a = NULL; }
        json_decref(a);
    }
    for (size_t i = 0; !bad && i < r->n_extras; i++) {
        json_t *x = json_loads(r->extras[i].json, JSON_DECODE_ANY, NULL);
        bad = put(o, r->extras[i].key, x);
    }
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int ek_sarah_write_json(const ek_sarah_record *r, char **out)
{
    if (r == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_write_json: NULL argument");
    json_t *o = record_json(r);
    if (o == NULL)
        return ek__error_at(EK_ENOMEM, NULL, 0, 0, r->id, NULL,
                            "out of memory (or an extra key holds invalid JSON text)");
    return dump_owned(o, out);
}

static json_t *limit_json(const ek_sarah_limit *l)
{
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    int bad = put(o, "id", json_string(l->name));
    if (!bad && l->kind == EK_SARAH_LIMIT_ATGARD) bad = put(o, "measure", json_integer((json_int_t)l->measure_index));
    if (!bad) bad = put(o, "result", json_string(ek_result_name(l->result))) ||
                    put(o, "start", jdate(l->start)) || put(o, "nominal", jdate(l->nominal)) ||
                    put(o, "legal", jdate(l->legal)) || put(o, "done", jdate(l->done)) ||
                    put(o, "period", jstr_or_null(l->period)) ||
                    put(o, "period_kind", json_string(ek_period_kind_name(ek__sarah_limit_period_kind(l->kind)))) ||
                    put(o, "policy", jstr_or_null(l->policy)) ||
                    put(o, "basis", jstr_or_null(l->basis)) || put(o, "basis_old", jstr_or_null(l->basis_old)) ||
                    put(o, "basis_new", jstr_or_null(l->basis_new)) ||
                    put(o, "certainty", jstr_or_null(l->certainty)) || put(o, "message", jstr_or_null(l->message));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *element_list(unsigned bits)
{
    json_t *a = json_array();
    for (int i = 0; a && i < EK__SARAH_ELEMENT_COUNT; i++)
        if ((bits & (1u << i)) && json_array_append_new(a, json_string(ek_sarah_element_name((ek_sarah_element)i)))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

int ek_sarah_result_write_json(const ek_sarah_result *res, char **out)
{
    if (res == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_result_write_json: NULL argument");
    json_t *o = json_object(), *items = json_array(), *obl = json_array();
    int bad = o == NULL || items == NULL || obl == NULL;
    if (!bad) bad = put(o, "id", json_string(ek_sarah_result_id(res))) ||
                    put(o, "state", jstr_or_null(ek_sarah_state_name(ek_sarah_result_state(res)))) ||
                    put(o, "as_of", jdate(ek_sarah_result_as_of(res)));
    for (size_t k = 0; !bad && k < 2; k++) {
        ek_sarah_item it = EK_SARAH_ITEM_INIT;
        ek_sarah_result_item(res, k, &it);
        json_t *io = json_object();
        bad = io == NULL || put(io, "item", json_string(it.item)) ||
              put(io, "result", json_string(ek_result_name(it.result))) || put(io, "basis", json_string(it.basis)) ||
              put(io, "message", json_string(it.message));
        if (!bad && k == 1)
            bad = put(io, "missing", element_list(it.missing)) || put(io, "unknown", element_list(it.unknown));
        if (!bad) { bad = json_array_append_new(items, io) != 0; io = NULL; }
        json_decref(io);
    }
    for (size_t k = 0; !bad && k < ek_sarah_result_limit_count(res); k++) {
        ek_sarah_limit l = EK_SARAH_LIMIT_INIT;
        ek_sarah_result_limit(res, k, &l);
        bad = json_array_append_new(obl, limit_json(&l)) != 0;
    }
    if (!bad) { bad = put(o, "results", items); items = NULL; }
    if (!bad) { bad = put(o, "obligations", obl); obl = NULL; }
    json_decref(items);
    json_decref(obl);
    if (bad) {
        json_decref(o);
        return ek__oom();
    }
    return dump_masked(o, out);
}

static json_t *result_counts(const size_t *v)
{
    json_t *o = json_object();
    for (int i = 1; o && i < 10; i++)
        if (v[i] && put(o, ek_result_name((ek_result)i), json_integer((json_int_t)v[i]))) {
            json_decref(o);
            return NULL;
        }
    return o;
}

static json_t *group_json(const ek_sarah_summary *s, ek_sarah_group g)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < ek_sarah_summary_group_count(s, g); k++) {
        const char *name;
        size_t count, serious;
        ek_sarah_summary_group(s, g, k, &name, &count, &serious);
        json_t *o = json_object();
        if (o == NULL || put(o, "name", json_string(name)) || put(o, "count", json_integer((json_int_t)count)) ||
            put(o, "allvarlig", json_integer((json_int_t)serious)) || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

int ek_sarah_summary_write_json(const ek_sarah_summary *s, char **out)
{
    if (s == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_write_json: NULL argument");
    ek_sarah_summary_counts c = EK_SARAH_SUMMARY_COUNTS_INIT;
    int rc = ek_sarah_summary_counts_get(s, &c);
    if (rc != EK_OK)
        return rc;
    json_t *o = json_object(), *st = json_object(), *allv = json_object(), *days = json_object();
    int bad = !o || !st || !allv || !days;
    for (int i = EK_SARAH_STATE_RAPPORTERAD; !bad && i <= EK_SARAH_STATE_AVSLUTAD; i++)
        bad = put(st, ek_sarah_state_name((ek_sarah_state)i), json_integer((json_int_t)c.by_state[i]));
    if (!bad) bad = put(allv, "true", json_integer((json_int_t)c.allvarlig_yes)) ||
                    put(allv, "false", json_integer((json_int_t)c.allvarlig_no)) ||
                    put(allv, "unknown", json_integer((json_int_t)c.allvarlig_unknown));
    if (!bad) bad = put(days, "n", json_integer((json_int_t)c.ivo_days_n));
    if (!bad && c.ivo_days_n) bad = put(days, "median", json_real(c.ivo_days_median)) ||
                                    put(days, "min", json_integer(c.ivo_days_min)) ||
                                    put(days, "max", json_integer(c.ivo_days_max)) ||
                                    put(days, "q1", json_real(c.ivo_days_q1)) || put(days, "q3", json_real(c.ivo_days_q3));
    if (!bad) bad = put(o, "records", json_integer((json_int_t)c.records)) ||
                    put(o, "rejected", json_integer((json_int_t)c.rejected));
    if (!bad) { bad = put(o, "state", st); st = NULL; }
    if (!bad) { bad = put(o, "allvarlig", allv); allv = NULL; }
    if (!bad) bad = put(o, "anmald_ivo", json_integer((json_int_t)c.anmald_ivo));
    if (!bad) { bad = put(o, "dagar_rapport_till_ivo", days); days = NULL; }
    if (!bad) bad = put(o, "E1", result_counts(c.e1)) || put(o, "E2", result_counts(c.e2)) ||
                    put(o, "atgarder", json_integer((json_int_t)c.measures)) ||
                    put(o, "atgarder_forsenade", json_integer((json_int_t)c.measures_overdue)) ||
                    put(o, "atgarder_sent_genomforda", json_integer((json_int_t)c.measures_late)) ||
                    put(o, "typ", group_json(s, EK_SARAH_GROUP_TYP)) ||
                    put(o, "kategori", group_json(s, EK_SARAH_GROUP_KATEGORI)) ||
                    put(o, "unit", group_json(s, EK_SARAH_GROUP_UNIT));
    json_decref(st);
    json_decref(allv);
    json_decref(days);
    if (bad) {
        json_decref(o);
        return ek__oom();
    }
    json_t *wrap = json_object();
    if (wrap == NULL) {
        json_decref(o);
        return ek__oom();
    }
    if (put(wrap, "summary", o)) {
        json_decref(wrap);
        return ek__oom();
    }
    return dump_masked(wrap, out);
}
