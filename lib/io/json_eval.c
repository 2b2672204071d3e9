/* SPDX-License-Identifier: MIT */
/* JSON output of deadline evaluations (rules module). */
#include <string.h>

#include "io_internal.h"

static json_t *jdate(ek_date d)
{
    char b[EK_DATE_BUFSIZE];
    if (d == EK_DATE_NONE || ek_date_format(d, b, sizeof b) != EK_OK)
        return json_null();
    return json_string(b);
}

static json_t *jindex(size_t i) { return json_integer((json_int_t)i); }

/* Set a key; returns 0 on failure (the value is stolen either way). */
static int put(json_t *obj, const char *key, json_t *v)
{
    return v != NULL && json_object_set_new(obj, key, v) == 0;
}

static json_t *obligation_json(const ek_obligation *o)
{
    json_t *j = json_object();
    if (j == NULL)
        return NULL;
    int ok = put(j, "rule", json_string(o->rule_name)) && put(j, "start", jdate(o->start)) &&
             put(j, "nominal", jdate(o->nominal)) && put(j, "legal", jdate(o->legal)) &&
             put(j, "done", jdate(o->done)) && put(j, "status", json_string(ek_obligation_status_name(o->status))) &&
             put(j, "basis", json_string(o->basis ? o->basis : "")) && put(j, "judged", jdate(o->judged)) &&
             put(j, "certainty", json_string(o->certainty ? o->certainty : ""));
    if (ok && o->sequence > 0)
        ok = put(j, "seq", json_integer(o->sequence));
    json_t *flags = ok ? json_array() : NULL;
    ok = ok && flags != NULL;
    for (unsigned bit = 1; ok && bit != 0 && bit <= o->flags; bit <<= 1) {
        const char *name = (o->flags & bit) ? ek_obligation_flag_name(bit) : NULL;
        if (name != NULL)
            ok = json_array_append_new(flags, json_string(name)) == 0;
    }
    if (ok)
        ok = put(j, "flags", flags);
    else
        json_decref(flags);
    if (ok && o->message != NULL && o->message[0] != '\0')
        ok = put(j, "message", json_string(o->message));
    if (ok && o->start_event != EK_NO_EVENT)
        ok = put(j, "start_event", jindex(o->start_event));
    if (ok && o->done_event != EK_NO_EVENT)
        ok = put(j, "done_event", jindex(o->done_event));
    if (ok && o->extension_event != EK_NO_EVENT)
        ok = put(j, "extension_event", jindex(o->extension_event));
    if (!ok) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static int dump(json_t *root, char **out)
{
    char *s = json_dumps(root, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(root);
    if (s == NULL)
        return ek__oom();
    char *copy = ek__strdup(s);
    free(s);
    if (copy == NULL)
        return ek__oom();
    *out = copy;
    return EK_OK;
}

int ek_evaluation_write_json(const ek_evaluation *ev, char **out)
{
    if (ev == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_write_json: NULL argument");
    json_t *root = json_object();
    json_t *arr = json_array();
    int ok = root != NULL && arr != NULL && put(root, "id", json_string(ek_evaluation_case_id(ev))) &&
             put(root, "as_of", jdate(ek_evaluation_as_of(ev)));
    for (size_t k = 0; ok && k < ek_evaluation_count(ev); k++) {
        json_t *o = obligation_json(ek_evaluation_at(ev, k));
        ok = o != NULL && json_array_append_new(arr, o) == 0;
    }
    if (ok) {
        ok = put(root, "obligations", arr);
        arr = NULL;
    }
    json_decref(arr);
    if (!ok) {
        json_decref(root);
        return ek__oom();
    }
    return dump(root, out);
}

int ek_evaluation_error_json(const char *id, const char *message, char **out)
{
    if (message == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_error_json: NULL argument");
    json_t *root = json_object();
    int ok = root != NULL && put(root, "id", id ? json_string(id) : json_null()) &&
             put(root, "error", json_string(message));
    if (!ok) {
        json_decref(root);
        return ek__oom();
    }
    return dump(root, out);
}
