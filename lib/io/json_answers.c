/* SPDX-License-Identifier: MIT */
/* egenkontroll/granskning-1: reviewers' answers as JSON Lines, one answer a line, into an answer set (answers.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/answers.h>

#include "../buf_internal.h"
#include "../i18n.h"
#include "io_internal.h"

#define ANSWERS_FORMAT "egenkontroll/granskning-1"

#include "../answers_internal.h"

typedef struct actx {
    const char *source;
    unsigned long line;
    const char *text;
    size_t len;
    const char *id;
} actx;

/* An error about key @key of the current line; @fmt is translated (xgettext keyword aerr:4, po/meson.build). */
static int aerr(const actx *p, int status, const char *key, const char *fmt, ...) EK_PRINTF(4, 5);

static int aerr(const actx *p, int status, const char *key, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    va_end(ap);
    unsigned long col = key ? ek__jsonl_key_column(p->text, p->len, key, 1) : 0;
    return ek__error_at(status, p->source, p->line, col ? col : 1, p->id, key, "%s", msg);
}

/* A required (or optional) string key; *out NULL when absent and optional. */
static int get_str(const actx *p, json_t *root, const char *key, int required, const char **out)
{
    json_t *v = json_object_get(root, key);
    *out = NULL;
    if (!v) {
        if (required)
            return aerr(p, EK_EPARSE, NULL, "missing required key \"%s\"", key);
        return EK_OK;
    }
    if (!json_is_string(v))
        return aerr(p, EK_EPARSE, key, "\"%s\" must be a string, found %s", key, ek__json_type_name(v));
    if (strlen(json_string_value(v)) != json_string_length(v))
        return aerr(p, EK_EPARSE, key, "\"%s\" contains a NUL character", key);
    *out = json_string_value(v);
    return EK_OK;
}

static int read_line(ek_answers *a, const actx *pin, json_t *root)
{
    actx p = *pin;
    const char *fmt, *id, *item, *result, *comment, *reviewer, *date, *cl, *ver;
    int rc;
    if ((rc = get_str(&p, root, "format", 1, &fmt)) != EK_OK)
        return rc;
    if (strcmp(fmt, ANSWERS_FORMAT) != 0)
        return aerr(&p, EK_EPARSE, "format", "\"format\" must be \"%s\", not \"%s\"", ANSWERS_FORMAT, fmt);
    if ((rc = get_str(&p, root, "id", 1, &id)) != EK_OK)
        return rc;
    if (!*id)
        return aerr(&p, EK_EPARSE, "id", "\"id\" must not be empty");
    p.id = id;
    if ((rc = get_str(&p, root, "item", 1, &item)) != EK_OK || (rc = get_str(&p, root, "result", 1, &result)) != EK_OK ||
        (rc = get_str(&p, root, "comment", 1, &comment)) != EK_OK ||
        (rc = get_str(&p, root, "reviewer", 1, &reviewer)) != EK_OK ||
        (rc = get_str(&p, root, "date", 1, &date)) != EK_OK ||
        (rc = get_str(&p, root, "checklist", 0, &cl)) != EK_OK || (rc = get_str(&p, root, "version", 0, &ver)) != EK_OK)
        return rc;
    if (!*item)
        return aerr(&p, EK_EPARSE, "item", "\"item\" must not be empty");
    ek_answer_record rec = EK_ANSWER_RECORD_INIT;
    if (strcmp(result, "pass") == 0)
        rec.result = EK_RESULT_PASS;
    else if (strcmp(result, "fail") == 0)
        rec.result = EK_RESULT_FAIL;
    else if (strcmp(result, "notapplicable") == 0)
        rec.result = EK_RESULT_NOTAPPLICABLE;
    else
        return aerr(&p, EK_EPARSE, "result", "\"result\" must be pass, fail or notapplicable, not \"%s\"", result);
    if (ek_date_parse(date, &rec.date) != EK_OK)
        return aerr(&p, EK_EPARSE, "date", "\"date\" is not a valid date (YYYY-MM-DD): \"%s\"", date);
    rec.case_id = id;
    rec.item = item;
    rec.comment = *comment ? comment : NULL;
    rec.reviewer = *reviewer ? reviewer : NULL;
    rec.checklist = cl;
    rec.checklist_version = ver;
    rec.source = p.source;
    rec.line = p.line;
    return ek_answers_add(a, &rec);
}

static int read_all(ek_answers *a, ek_jsonl_reader *src, size_t *rejected)
{
    size_t bad = 0;
    int rc;
    for (;;) {
        const char *line;
        size_t len;
        rc = ek__jsonl_next(src, &line, &len);
        if (rc == 0)
            break;
        if (rc == EK_ENOMEM || rc == EK_EIO)
            break;
        if (rc > 0) {
            actx p = { ek_jsonl_reader_name(src), ek_jsonl_reader_line(src), line, len, NULL };
            json_t *root = NULL;
            rc = ek__json_parse_object(p.source, p.line, line, len, &root);
            if (rc == EK_OK) {
                rc = read_line(a, &p, root);
                json_decref(root);
            }
        }
        if (rc == EK_ENOMEM)
            break;
        if (rc != EK_OK) {
            bad++;
            if ((rc = ek__answers_note_error(a, ek_error_last())) != EK_OK)
                break;
        }
        rc = EK_OK;
    }
    if (rejected)
        *rejected = bad;
    return rc;
}

int ek_answers_read_json(ek_answers *a, const char *path, size_t *rejected)
{
    if (rejected)
        *rejected = 0;
    if (!a || !path)
        return ek__error(EK_EINVAL, "ek_answers_read_json: NULL argument");
    ek_jsonl_reader *src = NULL;
    int rc = ek_jsonl_reader_open(&src, path);
    if (rc != EK_OK)
        return rc;
    rc = read_all(a, src, rejected);
    ek_jsonl_reader_free(src);
    return rc;
}

int ek_answers_read_json_string(ek_answers *a, const char *text, size_t len, const char *name, size_t *rejected)
{
    if (rejected)
        *rejected = 0;
    if (!a || (!text && len > 0))
        return ek__error(EK_EINVAL, "ek_answers_read_json_string: NULL argument");
    ek_jsonl_reader *src = NULL;
    int rc = ek_jsonl_reader_from_memory(&src, text ? text : "", len, name ? name : "<string>");
    if (rc != EK_OK)
        return rc;
    rc = read_all(a, src, rejected);
    ek_jsonl_reader_free(src);
    return rc;
}

/* ---- writing ------------------------------------------------------------------------------ */

static int put_str(json_t *o, const char *key, const char *v)
{
    json_t *s = v ? json_string(v) : json_string("");
    return s && json_object_set_new(o, key, s) == 0 ? EK_OK : EK_ENOMEM;
}

int ek_answers_write_json(const ek_answers *a, char **out)
{
    if (!a || !out)
        return ek__error(EK_EINVAL, "ek_answers_write_json: NULL argument");
    ek__buf buf = EK__BUF_INIT;
    if (ek__buf_append(&buf, "", 0) != EK_OK) /* "" when there is no answer */
        return EK_ENOMEM;
    for (size_t k = 0; k < ek_answers_count(a); k++) {
        ek_answer_record r = EK_ANSWER_RECORD_INIT;
        char date[EK_DATE_BUFSIZE] = "";
        int rc = ek_answers_get(a, k, &r);
        if (rc) {
            ek__buf_free(&buf);
            return rc;
        }
        if (r.date != EK_DATE_NONE)
            ek_date_format(r.date, date, sizeof date);
        json_t *o = json_object();
        int bad = !o || put_str(o, "format", ANSWERS_FORMAT) || put_str(o, "id", r.case_id) ||
                  put_str(o, "item", r.item) || put_str(o, "result", ek_result_name(r.result)) ||
                  put_str(o, "comment", r.comment) || put_str(o, "reviewer", r.reviewer) ||
                  put_str(o, "date", date) || (r.checklist && put_str(o, "checklist", r.checklist)) ||
                  (r.checklist_version && put_str(o, "version", r.checklist_version));
        char *text = bad ? NULL : json_dumps(o, JSON_PRESERVE_ORDER);
        json_decref(o);
        if (!text) {
            ek__buf_free(&buf);
            return ek__oom();
        }
        rc = ek__buf_puts(&buf, text);
        free(text);
        if (rc == EK_OK)
            rc = ek__buf_append(&buf, "\n", 1);
        if (rc != EK_OK) {
            ek__buf_free(&buf);
            return rc;
        }
    }
    *out = ek__buf_steal(&buf);
    return EK_OK;
}
