/* SPDX-License-Identifier: MIT */
/* JSON output of deadline evaluations (rules module). */
#include <stdint.h>
#include <string.h>

#include "../calendar_internal.h"
#include "io_internal.h"

/*
 * The writer appends straight into a growable text buffer (no jansson objects): the bytes are
 * exactly those of jansson's json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) of the object the
 * previous implementation built (tests/test_io_eval_json.c compares the two): keys in insertion
 * order, "," and ":" without spaces, integers in decimal, strings escaped as jansson escapes them
 * (\" \\ \b \f \n \r \t, other control characters as \u00XX with upper-case hex, everything
 * else verbatim, including non-ASCII UTF-8 and DEL).  Like json_string(), text that is not valid
 * UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF) is refused.
 */
typedef struct jbuf {
    char *p;
    size_t n, cap;
    int oom;      /* an allocation failed */
    int bad_utf8; /* a string was not valid UTF-8 */
} jbuf;

static int jb_reserve(jbuf *b, size_t more)
{
    if (b->oom)
        return 0;
    if (b->n + more + 1 <= b->cap)
        return 1;
    size_t ncap = b->cap ? b->cap : 1024;
    while (ncap < b->n + more + 1)
        ncap *= 2;
    char *np = ek__realloc(b->p, ncap);
    if (np == NULL) {
        b->oom = 1;
        return 0;
    }
    b->p = np;
    b->cap = ncap;
    return 1;
}

static void jb_put(jbuf *b, const char *s, size_t n)
{
    if (jb_reserve(b, n)) {
        memcpy(b->p + b->n, s, n);
        b->n += n;
    }
}

#define JB_LIT(b, lit) jb_put((b), (lit), sizeof(lit) - 1)

/* Length of the valid UTF-8 sequence at @s (first byte >= 0x80), or 0 (jansson's utf8_check_full). */
static size_t utf8_seq(const unsigned char *s)
{
    unsigned u = s[0];
    size_t size;
    unsigned long value;
    if (u >= 0xC2 && u <= 0xDF) {
        size = 2;
        value = u & 0x1F;
    } else if (u >= 0xE0 && u <= 0xEF) {
        size = 3;
        value = u & 0x0F;
    } else if (u >= 0xF0 && u <= 0xF4) {
        size = 4;
        value = u & 0x07;
    } else {
        return 0; /* a continuation byte, C0/C1 (overlong ASCII) or F5..FF */
    }
    for (size_t i = 1; i < size; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF) /* also stops at the terminating NUL */
            return 0;
        value = (value << 6) | (s[i] & 0x3Fu);
    }
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) || (size == 3 && value < 0x800) ||
        (size == 4 && value < 0x10000))
        return 0;
    return size;
}

/* Whether any of the 8 bytes in @w needs a look: a control character, '"', '\\' or a non-ASCII
 * byte (then UTF-8 is checked).  May say yes for a byte that needs nothing; never no for one that
 * does (SWAR: "has a zero byte" tests, exact as a whole). */
static int word_needs_look(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    uint64_t low = (w - ones * 0x20) & ~w;  /* a byte below 0x20 (or a false alarm) */
    uint64_t zq = (q - ones) & ~q, zb = (bs - ones) & ~bs;
    return ((w | low | zq | zb) & high) != 0;
}

/* A JSON string for the NUL-terminated @s, written straight into the buffer (room for the worst
 * case, every byte escaped as \u00XX, reserved once). */
static void jb_str(jbuf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    if (!jb_reserve(b, 6 * n + 2))
        return;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    char *o = b->p + b->n;
    *o++ = '"';
    while (p < end) {
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (word_needs_look(w))
                break;
            memcpy(o, p, 8);
            o += 8;
            p += 8;
        }
        if (p == end)
            break;
        unsigned ch = *p;
        if (ch >= 0x20 && ch != '"' && ch != '\\' && ch < 0x80) {
            *o++ = (char)ch;
            p++;
            continue;
        }
        if (ch >= 0x80) {
            size_t k = utf8_seq(p); /* stops at the terminating NUL */
            if (k == 0) {
                b->bad_utf8 = 1;
                return;
            }
            memcpy(o, p, k);
            o += k;
            p += k;
            continue;
        }
        *o++ = '\\';
        switch (ch) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[ch >> 4];
            *o++ = hex[ch & 15];
        }
        p++;
    }
    *o++ = '"';
    b->n = (size_t)(o - b->p);
}

static void jb_uint(jbuf *b, unsigned long long v)
{
    char t[24];
    size_t i = sizeof t;
    do {
        t[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    jb_put(b, t + i, sizeof t - i);
}

/* "00" … "99": two digits at a time. */
static const char two_digits[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* "YYYY-MM-DD" with its quotes straight into the buffer (what ek_date_format() writes); null for
 * no date or one outside the supported range. */
static void jb_date(jbuf *b, ek_date d)
{
    if (!ek_date_in_range(d)) {
        JB_LIT(b, "null");
        return;
    }
    if (!jb_reserve(b, 12))
        return;
    int64_t y;
    int m, dd;
    ek__civil_from_days(d, &y, &m, &dd);
    char *o = b->p + b->n;
    o[0] = '"';
    memcpy(o + 1, two_digits + 2 * (y / 100), 2);
    memcpy(o + 3, two_digits + 2 * (y % 100), 2);
    o[5] = '-';
    memcpy(o + 6, two_digits + 2 * m, 2);
    o[8] = '-';
    memcpy(o + 9, two_digits + 2 * dd, 2);
    o[11] = '"';
    b->n += 12;
}

static void jb_obligation(jbuf *b, const ek_obligation *o)
{
    JB_LIT(b, "{\"rule\":");
    jb_str(b, o->rule_name);
    JB_LIT(b, ",\"start\":");
    jb_date(b, o->start);
    JB_LIT(b, ",\"nominal\":");
    jb_date(b, o->nominal);
    JB_LIT(b, ",\"legal\":");
    jb_date(b, o->legal);
    JB_LIT(b, ",\"done\":");
    jb_date(b, o->done);
    JB_LIT(b, ",\"status\":");
    jb_str(b, ek_obligation_status_name(o->status));
    JB_LIT(b, ",\"basis\":");
    jb_str(b, o->basis ? o->basis : "");
    JB_LIT(b, ",\"judged\":");
    jb_date(b, o->judged);
    JB_LIT(b, ",\"certainty\":");
    jb_str(b, o->certainty ? o->certainty : "");
    if (o->sequence > 0) {
        JB_LIT(b, ",\"seq\":");
        jb_uint(b, o->sequence);
    }
    JB_LIT(b, ",\"flags\":[");
    const char *sep = "";
    for (unsigned bit = 1; bit != 0 && bit <= o->flags; bit <<= 1) {
        const char *name = (o->flags & bit) ? ek_obligation_flag_name(bit) : NULL;
        if (name != NULL) {
            jb_put(b, sep, strlen(sep));
            jb_str(b, name);
            sep = ",";
        }
    }
    JB_LIT(b, "]");
    if (o->message != NULL && o->message[0] != '\0') {
        JB_LIT(b, ",\"message\":");
        jb_str(b, o->message);
    }
    if (o->start_event != EK_NO_EVENT) {
        JB_LIT(b, ",\"start_event\":");
        jb_uint(b, o->start_event);
    }
    if (o->done_event != EK_NO_EVENT) {
        JB_LIT(b, ",\"done_event\":");
        jb_uint(b, o->done_event);
    }
    if (o->extension_event != EK_NO_EVENT) {
        JB_LIT(b, ",\"extension_event\":");
        jb_uint(b, o->extension_event);
    }
}

static void jb_explain_event(jbuf *b, const char *key, const ek_explain_event *e)
{
    if (e->index == EK_NO_EVENT)
        return;
    JB_LIT(b, ",\"");
    jb_put(b, key, strlen(key));
    JB_LIT(b, "\":{\"event\":");
    jb_uint(b, e->index);
    JB_LIT(b, ",\"type\":");
    jb_str(b, e->type ? e->type : "");
    JB_LIT(b, ",\"date\":");
    jb_date(b, e->date);
    JB_LIT(b, "}");
}

/* "explain": the machine-readable form of ek_explanation (docs/formats.md). */
static void jb_explain(jbuf *b, const ek_explanation *x)
{
    JB_LIT(b, ",\"explain\":{\"period\":");
    if (x->period.unit != 0) {
        char pb[EK_PERIOD_BUFSIZE];
        (void)ek_period_format(x->period, pb, sizeof pb);
        jb_str(b, pb);
    } else {
        JB_LIT(b, "null");
    }
    JB_LIT(b, ",\"period_kind\":");
    jb_str(b, ek_period_kind_name(x->period_kind));
    jb_explain_event(b, "start", &x->start);
    jb_explain_event(b, "done", &x->done);
    jb_explain_event(b, "extension", &x->extension);
    JB_LIT(b, ",\"original_nominal\":");
    jb_date(b, x->original_nominal);
    JB_LIT(b, ",\"moved_by\":[");
    for (size_t i = 0; i < x->moved_count; i++) {
        if (i > 0)
            JB_LIT(b, ",");
        JB_LIT(b, "{\"date\":");
        jb_date(b, x->moved[i].date);
        JB_LIT(b, ",\"name\":");
        jb_str(b, x->moved[i].name);
        JB_LIT(b, "}");
    }
    JB_LIT(b, "],\"law\":{\"basis\":");
    jb_str(b, x->basis ? x->basis : "");
    JB_LIT(b, ",\"from\":");
    jb_date(b, x->law_from);
    JB_LIT(b, ",\"to\":");
    jb_date(b, x->law_to);
    JB_LIT(b, ",\"certainty\":");
    jb_str(b, x->certainty ? x->certainty : "");
    JB_LIT(b, "},\"policy\":{\"bedom_mot\":");
    jb_str(b, x->judge_on ? x->judge_on : "");
    if (x->policy_param != NULL) {
        JB_LIT(b, ",");
        jb_str(b, x->policy_param);
        JB_LIT(b, ":");
        jb_str(b, x->policy_value);
    }
    JB_LIT(b, "}}");
}

/* Finish an append: keep the text (NUL-terminated) on success, roll back to @start on failure. */
static int jb_finish(jbuf *b, size_t start, char **buf, size_t *len, size_t *cap)
{
    *buf = b->p;
    *cap = b->cap;
    if (b->oom || b->bad_utf8) {
        *len = start;
        if (b->p != NULL && start < b->cap)
            b->p[start] = '\0';
        return b->oom ? ek__oom() : ek__error(EK_ENOMEM, "text that is not valid UTF-8 cannot be written as JSON");
    }
    b->p[b->n] = '\0';
    ek_text_mask_pnr(b->p + start);  /* nothing shaped like a personnummer leaves (issue 18) */
    *len = b->n;
    return EK_OK;
}

/* With @ctx and @c: each obligation carries its "explain" object. */
static int jb_evaluation_x(jbuf *b, const ek_evaluation *ev, const ek_context *ctx, const ek_case *c)
{
    JB_LIT(b, "{\"id\":");
    jb_str(b, ek_evaluation_case_id(ev));
    JB_LIT(b, ",\"as_of\":");
    jb_date(b, ek_evaluation_as_of(ev));
    JB_LIT(b, ",\"obligations\":[");
    size_t n = ek_evaluation_count(ev);
    for (size_t k = 0; k < n && !b->bad_utf8; k++) {
        if (k > 0)
            JB_LIT(b, ",");
        const ek_obligation *o = ek_evaluation_at(ev, k);
        jb_obligation(b, o);
        if (ctx != NULL) {
            ek_explanation x = { .version = EK_EXPLANATION_VERSION };
            int rc = ek_obligation_explain(ctx, c, o, &x);
            if (rc != EK_OK)
                return rc;
            jb_explain(b, &x);
        }
        JB_LIT(b, "}");
    }
    JB_LIT(b, "]}");
    return EK_OK;
}

static void jb_evaluation(jbuf *b, const ek_evaluation *ev)
{
    (void)jb_evaluation_x(b, ev, NULL, NULL);
}

static void jb_side(jbuf *b, const ek_obligation *o)
{
    if (o == NULL) {
        JB_LIT(b, "null");
        return;
    }
    JB_LIT(b, "{\"status\":");
    jb_str(b, ek_obligation_status_name(o->status));
    JB_LIT(b, ",\"nominal\":");
    jb_date(b, o->nominal);
    JB_LIT(b, ",\"legal\":");
    jb_date(b, o->legal);
    JB_LIT(b, ",\"judged\":");
    jb_date(b, o->judged);
    JB_LIT(b, "}");
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
    jbuf jb = { *buf, *len, *cap, 0, 0 };
    JB_LIT(&jb, "{\"id\":");
    jb_str(&jb, ek_evaluation_case_id(a));
    JB_LIT(&jb, ",\"as_of\":");
    jb_date(&jb, ek_evaluation_as_of(a));
    JB_LIT(&jb, ",\"changes\":[");
    for (size_t k = 0; k < n; k++) {
        const ek_obligation *o = ch[k].before ? ch[k].before : ch[k].after;
        if (k > 0)
            JB_LIT(&jb, ",");
        JB_LIT(&jb, "{\"rule\":");
        jb_str(&jb, o->rule_name);
        JB_LIT(&jb, ",\"seq\":");
        jb_uint(&jb, o->sequence);
        JB_LIT(&jb, ",\"start\":");
        jb_date(&jb, o->start);
        JB_LIT(&jb, ",\"before\":");
        jb_side(&jb, ch[k].before);
        JB_LIT(&jb, ",\"after\":");
        jb_side(&jb, ch[k].after);
        JB_LIT(&jb, "}");
    }
    JB_LIT(&jb, "]}");
    ek__free(ch);
    return jb_finish(&jb, *len, buf, len, cap);
}

int ek_evaluation_append_json_explained(const ek_context *ctx, const ek_case *c, const ek_evaluation *ev,
                                        char **buf, size_t *len, size_t *cap)
{
    if (ctx == NULL || c == NULL || ev == NULL || buf == NULL || len == NULL || cap == NULL ||
        (*buf == NULL && (*len || *cap)) || *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_append_json_explained: NULL or inconsistent argument");
    jbuf b = { *buf, *len, *cap, 0, 0 };
    int rc = jb_evaluation_x(&b, ev, ctx, c);
    if (rc != EK_OK) {
        *buf = b.p;
        *cap = b.cap;
        return rc;
    }
    return jb_finish(&b, *len, buf, len, cap);
}

static void jb_error(jbuf *b, const char *id, const char *message)
{
    JB_LIT(b, "{\"id\":");
    if (id != NULL)
        jb_str(b, id);
    else
        JB_LIT(b, "null");
    JB_LIT(b, ",\"error\":");
    jb_str(b, message);
    JB_LIT(b, "}");
}

int ek_evaluation_append_json(const ek_evaluation *ev, char **buf, size_t *len, size_t *cap)
{
    if (ev == NULL || buf == NULL || len == NULL || cap == NULL || (*buf == NULL && (*len || *cap)) ||
        *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_append_json: NULL or inconsistent argument");
    jbuf b = { *buf, *len, *cap, 0, 0 };
    jb_evaluation(&b, ev);
    return jb_finish(&b, *len, buf, len, cap);
}

int ek_evaluation_error_append_json(const char *id, const char *message, char **buf, size_t *len, size_t *cap)
{
    if (message == NULL || buf == NULL || len == NULL || cap == NULL || (*buf == NULL && (*len || *cap)) ||
        *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_error_append_json: NULL or inconsistent argument");
    jbuf b = { *buf, *len, *cap, 0, 0 };
    jb_error(&b, id, message);
    return jb_finish(&b, *len, buf, len, cap);
}

/* The text of a fresh buffer, or its status (the buffer is freed on failure). */
static int jb_take(jbuf *b, char **out)
{
    char *p = NULL;
    size_t len = 0, cap = 0;
    int rc = jb_finish(b, 0, &p, &len, &cap);
    if (rc != EK_OK) {
        ek__free(p);
        return rc;
    }
    *out = p;
    return EK_OK;
}

int ek_evaluation_write_json(const ek_evaluation *ev, char **out)
{
    if (ev == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_write_json: NULL argument");
    jbuf b = { NULL, 0, 0, 0, 0 };
    jb_evaluation(&b, ev);
    return jb_take(&b, out);
}

int ek_evaluation_error_json(const char *id, const char *message, char **out)
{
    if (message == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_error_json: NULL argument");
    jbuf b = { NULL, 0, 0, 0, 0 };
    jb_error(&b, id, message);
    return jb_take(&b, out);
}
