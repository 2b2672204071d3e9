/* SPDX-License-Identifier: MIT */
/* JSON output of deadline evaluations (rules module). */
#include <string.h>

#include "../i18n.h"
#include "io_internal.h"
#include "jbuf_internal.h"

/*
 * The writer appends straight into a growable text buffer (jbuf_internal.h; no jansson objects):
 * the bytes are exactly those of jansson's json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) of the
 * object the previous implementation built (tests/test_io_eval_json.c compares the two): keys in
 * insertion order, "," and ":" without spaces.
 */

/* @n bytes at @o (room reserved), returning the end: a literal is copied with its size known. */
static inline char *put(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}

#define PUT_LIT(o, lit) put((o), (lit), sizeof(lit) - 1)

/*
 * Text the library itself owns, between quotes: rule names, legal bases and certainties of the
 * built-in rulebook, status and flag names (static strings; in obligations, in their "explain"
 * law and in --compare-policy changes).  None needs escaping and none holds
 * anything shaped like a personnummer, so it is copied as it is, without the check and the mask
 * of ek__jb_str() (issue 15; tests/test_jbuf_eval.c checks every one of them against
 * ek__jb_str()).
 */
static inline char *put_own(char *o, const char *s, size_t n)
{
    *o++ = '"';
    memcpy(o, s, n);
    o[n] = '"';
    return o + n + 1;
}

/* put_own() through the buffer: room reserved for it alone. */
static void jb_own(ek__jbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (ek__jb_reserve(b, n + 2))
        b->n = (size_t)(put_own(b->p + b->n, s, n) - b->p);
}

/* @d at @o, or a copy of the text at @prev when it is the same date @prev_d (a nominal end is
 * mostly the legal one and the judged one). */
static inline char *put_date_again(char *o, ek_date d, ek_date prev_d, const char *prev)
{
    if (d == prev_d && d >= EK_DATE_MIN && d <= EK_DATE_MAX) {
        memcpy(o, prev, EK__JB_DATE_ROOM);
        return o + EK__JB_DATE_ROOM;
    }
    return ek__jb_date_at(o, d);
}

/*
 * One obligation without its closing brace.  All but the message has a size known in advance
 * (the library's own names, dates, integers): room for it is reserved once and the pieces are
 * stored straight into the buffer (issue 15).
 */
static void jb_obligation(ek__jbuf *b, const ek_obligation *o)
{
    if (o->rule_name == NULL) {
        b->bad_utf8 = 1; /* as ek__jb_str(NULL) */
        return;
    }
    const char *status = ek_obligation_status_name(o->status);
    const char *basis = o->basis ? o->basis : "", *certainty = o->certainty ? o->certainty : "";
    size_t rule_len = strlen(o->rule_name), status_len = strlen(status), basis_len = strlen(basis),
           certainty_len = strlen(certainty);
    const char *flag[sizeof o->flags * 8];
    size_t flag_len[sizeof o->flags * 8], flags = 0, flags_len = 0;
    for (unsigned f = o->flags; f != 0; f &= f - 1) {
        flag[flags] = ek_obligation_flag_name(f & (0u - f));
        if (flag[flags] != NULL) {
            flag_len[flags] = strlen(flag[flags]);
            flags_len += flag_len[flags] + 3;
            flags++;
        }
    }
    size_t room = 192 + rule_len + status_len + basis_len + certainty_len + flags_len + 5 * EK__JB_DATE_ROOM +
                  EK__JB_UINT_ROOM;
    if (!ek__jb_reserve(b, room))
        return;
    char *w = b->p + b->n;
    w = PUT_LIT(w, "{\"rule\":");
    w = put_own(w, o->rule_name, rule_len);
    w = PUT_LIT(w, ",\"start\":");
    w = ek__jb_date_at(w, o->start);
    w = PUT_LIT(w, ",\"nominal\":");
    char *nominal = w;
    w = ek__jb_date_at(w, o->nominal);
    w = PUT_LIT(w, ",\"legal\":");
    char *legal = w;
    w = put_date_again(w, o->legal, o->nominal, nominal);
    w = PUT_LIT(w, ",\"done\":");
    w = ek__jb_date_at(w, o->done);
    w = PUT_LIT(w, ",\"status\":");
    w = put_own(w, status, status_len);
    w = PUT_LIT(w, ",\"basis\":");
    w = put_own(w, basis, basis_len);
    w = PUT_LIT(w, ",\"judged\":");
    w = put_date_again(w, o->judged, o->legal, legal);
    w = PUT_LIT(w, ",\"certainty\":");
    w = put_own(w, certainty, certainty_len);
    if (o->sequence > 0) {
        w = PUT_LIT(w, ",\"seq\":");
        w = ek__jb_uint_masked_at(w, o->sequence);
    }
    w = PUT_LIT(w, ",\"flags\":[");
    for (size_t i = 0; i < flags; i++) {
        if (i > 0)
            *w++ = ',';
        w = put_own(w, flag[i], flag_len[i]);
    }
    *w++ = ']';
    b->n = (size_t)(w - b->p);
    if (o->message != NULL && o->message[0] != '\0') {
        EK__JB_LIT(b, ",\"message\":");
        ek__jb_str(b, o->message);
    }
    if (!ek__jb_reserve(b, 3 * (24 + EK__JB_UINT_ROOM)))
        return;
    w = b->p + b->n;
    if (o->start_event != EK_NO_EVENT) {
        w = PUT_LIT(w, ",\"start_event\":");
        w = ek__jb_uint_masked_at(w, o->start_event);
    }
    if (o->done_event != EK_NO_EVENT) {
        w = PUT_LIT(w, ",\"done_event\":");
        w = ek__jb_uint_masked_at(w, o->done_event);
    }
    if (o->extension_event != EK_NO_EVENT) {
        w = PUT_LIT(w, ",\"extension_event\":");
        w = ek__jb_uint_masked_at(w, o->extension_event);
    }
    b->n = (size_t)(w - b->p);
}

static void jb_explain_event(ek__jbuf *b, const char *key, size_t key_len, const ek_explain_event *e)
{
    if (e->index == EK_NO_EVENT)
        return;
    if (!ek__jb_reserve(b, key_len + 32 + EK__JB_UINT_ROOM))
        return;
    char *w = PUT_LIT(b->p + b->n, ",\"");
    w = put(w, key, key_len);
    w = PUT_LIT(w, "\":{\"event\":");
    w = ek__jb_uint_masked_at(w, e->index);
    w = PUT_LIT(w, ",\"type\":");
    b->n = (size_t)(w - b->p);
    ek__jb_str(b, e->type ? e->type : "");
    if (!ek__jb_reserve(b, 16 + EK__JB_DATE_ROOM))
        return;
    w = PUT_LIT(b->p + b->n, ",\"date\":");
    w = ek__jb_date_at(w, e->date);
    *w++ = '}';
    b->n = (size_t)(w - b->p);
}

#define JB_EXPLAIN_EVENT(b, key, e) jb_explain_event((b), (key), sizeof(key) - 1, (e))

/* "explain": the machine-readable form of ek_explanation (docs/formats.md). */
static void jb_explain(ek__jbuf *b, const ek_explanation *x)
{
    EK__JB_LIT(b, ",\"explain\":{\"period\":");
    if (x->period.unit != 0) {
        char pb[EK_PERIOD_BUFSIZE];
        (void)ek_period_format(x->period, pb, sizeof pb);
        ek__jb_str(b, pb);
    } else {
        EK__JB_LIT(b, "null");
    }
    EK__JB_LIT(b, ",\"period_kind\":");
    ek__jb_str(b, ek_period_kind_name(x->period_kind));
    JB_EXPLAIN_EVENT(b, "start", &x->start);
    JB_EXPLAIN_EVENT(b, "done", &x->done);
    JB_EXPLAIN_EVENT(b, "extension", &x->extension);
    EK__JB_LIT(b, ",\"original_nominal\":");
    ek__jb_date(b, x->original_nominal);
    EK__JB_LIT(b, ",\"moved_by\":[");
    for (size_t i = 0; i < x->moved_count; i++) {
        if (i > 0)
            EK__JB_LIT(b, ",");
        EK__JB_LIT(b, "{\"date\":");
        ek__jb_date(b, x->moved[i].date);
        EK__JB_LIT(b, ",\"name\":");
        ek__jb_str(b, x->moved[i].name);
        EK__JB_LIT(b, "}");
    }
    EK__JB_LIT(b, "],\"law\":{\"basis\":");
    jb_own(b, x->basis ? x->basis : "");
    EK__JB_LIT(b, ",\"from\":");
    ek__jb_date(b, x->law_from);
    EK__JB_LIT(b, ",\"to\":");
    ek__jb_date(b, x->law_to);
    EK__JB_LIT(b, ",\"certainty\":");
    jb_own(b, x->certainty ? x->certainty : "");
    EK__JB_LIT(b, "},\"policy\":{\"bedom_mot\":");
    ek__jb_str(b, x->judge_on ? x->judge_on : "");
    if (x->policy_param != NULL) {
        EK__JB_LIT(b, ",");
        ek__jb_str(b, x->policy_param);
        EK__JB_LIT(b, ":");
        ek__jb_str(b, x->policy_value);
    }
    EK__JB_LIT(b, "}}");
}

/* With @ctx and @c: each obligation carries its "explain" object. */
static int jb_evaluation_x(ek__jbuf *b, const ek_evaluation *ev, const ek_context *ctx, const ek_case *c)
{
    EK__JB_LIT(b, "{\"id\":");
    ek__jb_str(b, ek_evaluation_case_id(ev));
    EK__JB_LIT(b, ",\"as_of\":");
    ek__jb_date(b, ek_evaluation_as_of(ev));
    EK__JB_LIT(b, ",\"obligations\":[");
    size_t n = ek_evaluation_count(ev);
    for (size_t k = 0; k < n && !b->bad_utf8; k++) {
        if (k > 0)
            EK__JB_LIT(b, ",");
        const ek_obligation *o = ek_evaluation_at(ev, k);
        jb_obligation(b, o);
        if (ctx != NULL) {
            ek_explanation x = { .version = EK_EXPLANATION_VERSION };
            int rc = ek_obligation_explain(ctx, c, o, &x);
            if (rc != EK_OK)
                return rc;
            jb_explain(b, &x);
        }
        EK__JB_LIT(b, "}");
    }
    EK__JB_LIT(b, "]}");
    return EK_OK;
}

static void jb_evaluation(ek__jbuf *b, const ek_evaluation *ev)
{
    (void)jb_evaluation_x(b, ev, NULL, NULL);
}

static void jb_side(ek__jbuf *b, const ek_obligation *o)
{
    if (o == NULL) {
        EK__JB_LIT(b, "null");
        return;
    }
    EK__JB_LIT(b, "{\"status\":");
    jb_own(b, ek_obligation_status_name(o->status));
    EK__JB_LIT(b, ",\"nominal\":");
    ek__jb_date(b, o->nominal);
    EK__JB_LIT(b, ",\"legal\":");
    ek__jb_date(b, o->legal);
    EK__JB_LIT(b, ",\"judged\":");
    ek__jb_date(b, o->judged);
    EK__JB_LIT(b, "}");
}

int ek_evaluation_compare_append_json(const ek_evaluation *a, const ek_evaluation *b, char **buf, size_t *len,
                                      size_t *cap)
{
    if (a == NULL || b == NULL || buf == NULL || len == NULL || cap == NULL || (*buf == NULL && (*len || *cap)) ||
        *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_compare_append_json: NULL or inconsistent argument");
    size_t n = 0;
    int rc = ek_evaluation_compare(a, b, NULL, 0, &n);
    if (rc != EK_OK || n == 0)
        return rc;
    ek_obligation_change *ch = ek__malloc(n * sizeof *ch);
    if (ch == NULL)
        return ek__oom();
    rc = ek_evaluation_compare(a, b, ch, n, &n);
    if (rc != EK_OK) {
        ek__free(ch);
        return rc;
    }
    ek__jbuf jb = { *buf, *len, *cap, 0, 0, 1 };
    EK__JB_LIT(&jb, "{\"id\":");
    ek__jb_str(&jb, ek_evaluation_case_id(a));
    EK__JB_LIT(&jb, ",\"as_of\":");
    ek__jb_date(&jb, ek_evaluation_as_of(a));
    EK__JB_LIT(&jb, ",\"changes\":[");
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = ch[k].before ? ch[k].before : ch[k].after;
        if (k > 0)
            EK__JB_LIT(&jb, ",");
        EK__JB_LIT(&jb, "{\"rule\":");
        if (o->rule_name != NULL)
            jb_own(&jb, o->rule_name);
        else
            jb.bad_utf8 = 1; /* as ek__jb_str(NULL) */
        EK__JB_LIT(&jb, ",\"seq\":");
        ek__jb_uint(&jb, o->sequence);
        EK__JB_LIT(&jb, ",\"start\":");
        ek__jb_date(&jb, o->start);
        EK__JB_LIT(&jb, ",\"before\":");
        jb_side(&jb, ch[k].before);
        EK__JB_LIT(&jb, ",\"after\":");
        jb_side(&jb, ch[k].after);
        EK__JB_LIT(&jb, "}");
    }
    EK__JB_LIT(&jb, "]}");
    ek__free(ch);
    return ek__jb_finish(&jb, *len, buf, len, cap);
}

int ek_evaluation_append_json_explained(const ek_context *ctx, const ek_case *c, const ek_evaluation *ev,
                                        char **buf, size_t *len, size_t *cap)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || c == NULL || ev == NULL || buf == NULL || len == NULL || cap == NULL ||
        (*buf == NULL && (*len || *cap)) || *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_append_json_explained: NULL or inconsistent argument");
    ek__jbuf b = { *buf, *len, *cap, 0, 0, 1 };
    int rc = jb_evaluation_x(&b, ev, ctx, c);
    if (rc != EK_OK) {
        *buf = b.p;
        *cap = b.cap;
        return rc;
    }
    return ek__jb_finish(&b, *len, buf, len, cap);
}

static void jb_error(ek__jbuf *b, const char *id, const char *message)
{
    EK__JB_LIT(b, "{\"id\":");
    if (id != NULL)
        ek__jb_str(b, id);
    else
        EK__JB_LIT(b, "null");
    EK__JB_LIT(b, ",\"error\":");
    ek__jb_str(b, message);
    EK__JB_LIT(b, "}");
}

int ek_evaluation_append_json(const ek_evaluation *ev, char **buf, size_t *len, size_t *cap)
{
    if (ev == NULL || buf == NULL || len == NULL || cap == NULL || (*buf == NULL && (*len || *cap)) ||
        *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_append_json: NULL or inconsistent argument");
    ek__jbuf b = { *buf, *len, *cap, 0, 0, 1 };
    jb_evaluation(&b, ev);
    return ek__jb_finish(&b, *len, buf, len, cap);
}

int ek_evaluation_error_append_json(const char *id, const char *message, char **buf, size_t *len, size_t *cap)
{
    if (message == NULL || buf == NULL || len == NULL || cap == NULL || (*buf == NULL && (*len || *cap)) ||
        *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_error_append_json: NULL or inconsistent argument");
    ek__jbuf b = { *buf, *len, *cap, 0, 0, 1 };
    jb_error(&b, id, message);
    return ek__jb_finish(&b, *len, buf, len, cap);
}

int ek_evaluation_write_json(const ek_evaluation *ev, char **out)
{
    if (ev == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_write_json: NULL argument");
    ek__jbuf b = { NULL, 0, 0, 0, 0, 1 };
    jb_evaluation(&b, ev);
    return ek__jb_take(&b, out);
}

int ek_evaluation_error_write_json(const char *id, const char *message, char **out)
{
    if (message == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_error_write_json: NULL argument");
    ek__jbuf b = { NULL, 0, 0, 0, 0, 1 };
    jb_error(&b, id, message);
    return ek__jb_take(&b, out);
}
