// SPDX-License-Identifier: MIT
// The fast case-1 reader over simdjson's On Demand API (no DOM): see json_case_fast.h for the
// contract.  It mirrors read_case() / read_event() / read_answer() of json_case.c for the
// ordinary lines and declines (returns 0) on anything else: a key it does not know (kept
// extras are dumped by jansson), a string with an escape or a control character, a number or
// null where the reference reader would fail or dump, a duplicate key, a case whose warnings
// it cannot order exactly, any error.  Only the C API leaves this file; no exception crosses it.
#include <cstdlib>
#include <cstring>
#include <new>

#include <simdjson.h>

extern "C" {
#include "../internal.h"
#include "json_case_fast.h"
}

using namespace simdjson;

namespace {

const char CASE_FORMAT[] = "egenkontroll/case-1";

// A plain JSON string: its bytes in the line, without the quotes.
struct span {
    size_t off, len;
};

// Longest event/answer object the fast reader takes (more keys: declined).
const size_t MAX_KEYS = 32;

}  // namespace

struct ek__fast_reader {
    ondemand::parser parser;
    char *pad = nullptr;   // the line, padded for simdjson (SIMDJSON_PADDING)
    char *str = nullptr;   // a second copy in which strings are NUL-terminated in place
    size_t cap = 0;        // bytes of each buffer
    size_t len = 0;        // length of the current line
};

namespace {

// Decline: the reference reader takes over.
const int DECLINE = 0;

// After a call into the case model: go on (1), out of memory (EK_ENOMEM: the reader fails as
// the reference reader would), or decline (any other error: the reference reader reports it).
int lib(int rc)
{
    return rc == EK_OK ? 1 : rc == EK_ENOMEM ? EK_ENOMEM : DECLINE;
}

// The string at @raw (just after its opening quote, in f->pad): 1 and its span when it has no
// escape and no control character (then its bytes are its value), 0 otherwise.  simdjson has
// checked that the string is closed, so the scan stops at the closing quote.
int plain(const ek__fast_reader *f, const char *raw, span *out)
{
    const char *p = raw;
    for (;;) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '"')
            break;
        if (ch == '\\' || ch < 0x20)
            return 0;
        p++;
    }
    out->off = (size_t)(raw - f->pad);
    out->len = (size_t)(p - raw);
    return 1;
}

// The span as a NUL-terminated string (in f->str, whose closing quote becomes the NUL).
const char *cstr(ek__fast_reader *f, span s)
{
    f->str[s.off + s.len] = '\0';
    return f->str + s.off;
}

int is_key(const ek__fast_reader *f, span k, const char *name)
{
    size_t n = std::strlen(name);
    return k.len == n && std::memcmp(f->pad + k.off, name, n) == 0;
}

int same_key(const ek__fast_reader *f, span a, span b)
{
    return a.len == b.len && std::memcmp(f->pad + a.off, f->pad + b.off, a.len) == 0;
}

int get_key(ek__fast_reader *f, ondemand::field &fld, span *out)
{
    return plain(f, fld.key().raw(), out);
}

// A value that must be a plain string.
int get_string(ek__fast_reader *f, ondemand::value v, span *out)
{
    ondemand::raw_json_string r;
    if (v.get_raw_json_string().get(r) != SUCCESS)
        return 0;
    return plain(f, r.raw(), out);
}

int get_date(ek__fast_reader *f, span s, ek_date *out)
{
    return ek_date_parse_n(f->pad + s.off, s.len, out) == EK_OK;
}

// One member of an event: a plain string or a boolean.
struct member {
    span key;
    int is_bool;
    int boolean;
    span str;
};

int read_event(ek__fast_reader *f, ek_case *c, ondemand::value ev)
{
    ondemand::object obj;
    if (ev.get_object().get(obj) != SUCCESS)
        return DECLINE;
    member m[MAX_KEYS];
    size_t n = 0;
    span type = { 0, 0 }, date = { 0, 0 };
    int have_type = 0, have_date = 0;
    for (auto fr : obj) {
        ondemand::field fld;
        if (std::move(fr).get(fld) != SUCCESS || n == MAX_KEYS)
            return DECLINE;
        member &x = m[n];
        if (!get_key(f, fld, &x.key))
            return DECLINE;
        for (size_t k = 0; k < n; k++)
            if (same_key(f, m[k].key, x.key))
                return DECLINE;  // duplicate key: the reference reader rejects it
        ondemand::value v = fld.value();
        ondemand::json_type t;
        if (v.type().get(t) != SUCCESS)
            return DECLINE;
        if (t == ondemand::json_type::string) {
            x.is_bool = 0;
            if (!get_string(f, v, &x.str))
                return DECLINE;
        } else if (t == ondemand::json_type::boolean) {
            bool b;
            if (v.get_bool().get(b) != SUCCESS)
                return DECLINE;
            x.is_bool = 1;
            x.boolean = b ? 1 : 0;
        } else {
            return DECLINE;  // a number, null, object or array: an error or a raw value
        }
        if (is_key(f, x.key, "type")) {
            if (x.is_bool || x.str.len == 0)
                return DECLINE;
            type = x.str;
            have_type = 1;
        } else if (is_key(f, x.key, "date")) {
            if (x.is_bool)
                return DECLINE;
            date = x.str;
            have_date = 1;
        } else if ((is_key(f, x.key, "id") || is_key(f, x.key, "ref")) && x.is_bool) {
            return DECLINE;
        }
        n++;
    }
    if (!have_type || !have_date)
        return DECLINE;
    ek_date d;
    if (!get_date(f, date, &d))
        return DECLINE;
    const char *type_name = cstr(f, type);
    size_t idx;
    int r = lib(ek_case_add_event(c, type_name, d, &idx));
    if (r <= 0)
        return r;
    ek_event_type etype = ek_event_type_from_name(type_name);
    for (size_t k = 0; k < n; k++) {
        const member &x = m[k];
        if (is_key(f, x.key, "type") || is_key(f, x.key, "date"))
            continue;
        const char *key = cstr(f, x.key);
        int rc;
        if (is_key(f, x.key, "id")) {
            rc = ek_case_event_set_id(c, idx, cstr(f, x.str));
        } else if (is_key(f, x.key, "ref")) {
            rc = ek_case_event_set_ref(c, idx, cstr(f, x.str));
        } else {
            ek_attr_kind kind;
            if (ek_event_attr_spec(etype, key, &kind, NULL, NULL) == EK_OK) {
                if (kind == EK_ATTR_BOOL) {
                    if (!x.is_bool)
                        return DECLINE;
                    rc = ek_case_event_set_bool(c, idx, key, x.boolean);
                } else if (kind == EK_ATTR_DATE) {
                    ek_date ad;
                    if (x.is_bool || !get_date(f, x.str, &ad))
                        return DECLINE;
                    rc = ek_case_event_set_date(c, idx, key, ad);
                } else {
                    if (x.is_bool)
                        return DECLINE;
                    rc = ek_case_event_set_string(c, idx, key, cstr(f, x.str));
                }
            } else if (x.is_bool) {
                rc = ek_case_event_set_bool(c, idx, key, x.boolean);
            } else {
                rc = ek_case_event_set_string(c, idx, key, cstr(f, x.str));
            }
        }
        if ((r = lib(rc)) <= 0)
            return r;
    }
    return 1;
}

int read_answer(ek__fast_reader *f, ek_case *c, ondemand::value a)
{
    ondemand::object obj;
    if (a.get_object().get(obj) != SUCCESS)
        return DECLINE;
    static const char *const names[] = { "item", "result", "reviewer", "date", "comment" };
    span val[5];
    int have[5] = { 0, 0, 0, 0, 0 };
    for (auto fr : obj) {
        ondemand::field fld;
        span key;
        if (std::move(fr).get(fld) != SUCCESS || !get_key(f, fld, &key))
            return DECLINE;
        size_t k = 0;
        while (k < 5 && !is_key(f, key, names[k]))
            k++;
        if (k == 5 || have[k])
            return DECLINE;  // a kept extra, or a duplicate key
        if (!get_string(f, fld.value(), &val[k]))
            return DECLINE;
        have[k] = 1;
    }
    if (!have[0] || !have[1])
        return DECLINE;
    ek_result result;
    if (ek_result_from_name(cstr(f, val[1]), &result) != EK_OK)
        return DECLINE;
    ek_date d = EK_DATE_NONE;
    if (have[3] && !get_date(f, val[3], &d))
        return DECLINE;
    const char *item = cstr(f, val[0]);
    ek_answer_info prev = EK_ANSWER_INFO_INIT;
    if (ek_case_find_answer(c, item, &prev) == EK_OK)
        return DECLINE;  // a second answer for the item: its warning is the reference reader's
    return lib(ek_case_add_answer(c, item, result, have[2] ? cstr(f, val[2]) : NULL, d,
                                  have[4] ? cstr(f, val[4]) : NULL));
}

int read_array(ek__fast_reader *f, ek_case *c, ondemand::value v,
               int (*one)(ek__fast_reader *, ek_case *, ondemand::value))
{
    ondemand::array arr;
    if (v.get_array().get(arr) != SUCCESS)
        return DECLINE;
    for (auto er : arr) {
        ondemand::value x;
        if (std::move(er).get(x) != SUCCESS)
            return DECLINE;
        int r = one(f, c, x);
        if (r <= 0)
            return r;
    }
    return 1;
}

int read_child(ek__fast_reader *f, ek_case *c, ondemand::value v)
{
    ondemand::object obj;
    if (v.get_object().get(obj) != SUCCESS)
        return DECLINE;
    int have = 0;
    for (auto fr : obj) {
        ondemand::field fld;
        span key, s;
        if (std::move(fr).get(fld) != SUCCESS || !get_key(f, fld, &key))
            return DECLINE;
        if (!is_key(f, key, "birth_date") || have)
            return DECLINE;  // a kept extra, or a duplicate key
        ek_date d;
        if (!get_string(f, fld.value(), &s) || !get_date(f, s, &d))
            return DECLINE;
        int r = lib(ek_case_set_birth_date(c, d));
        if (r <= 0)
            return r;
        have = 1;
    }
    return 1;
}

int read_line(ek__fast_reader *f, ek_case *c)
{
    ondemand::document doc;
    if (f->parser.iterate(f->pad, f->len, f->cap).get(doc) != SUCCESS)
        return DECLINE;
    // The id first: ek_case_reset() needs it before anything is stored.
    span id;
    {
        ondemand::object obj;
        ondemand::value v;
        if (doc.get_object().get(obj) != SUCCESS || obj.find_field_unordered("id").get(v) != SUCCESS ||
            !get_string(f, v, &id) || id.len == 0)
            return DECLINE;
    }
    doc.rewind();
    int r = lib(ek_case_reset(c, cstr(f, id)));
    if (r <= 0)
        return r;
    ondemand::object obj;
    if (doc.get_object().get(obj) != SUCCESS)
        return DECLINE;
    enum { K_FORMAT = 1, K_ID = 2, K_UNIT = 4, K_CHILD = 8, K_EVENTS = 16, K_ANSWERS = 32 };
    unsigned seen = 0;
    for (auto fr : obj) {
        ondemand::field fld;
        span key;
        if (std::move(fr).get(fld) != SUCCESS || !get_key(f, fld, &key))
            return DECLINE;
        unsigned k;
        int ok;
        if (is_key(f, key, "format")) {
            span s;
            k = K_FORMAT;
            ok = get_string(f, fld.value(), &s) && s.len == sizeof CASE_FORMAT - 1 &&
                 std::memcmp(f->pad + s.off, CASE_FORMAT, s.len) == 0;
        } else if (is_key(f, key, "id")) {
            span s;
            k = K_ID;
            ok = get_string(f, fld.value(), &s);
        } else if (is_key(f, key, "unit")) {
            span s;
            k = K_UNIT;
            ok = get_string(f, fld.value(), &s) ? lib(ek_case_set_unit(c, cstr(f, s))) : DECLINE;
        } else if (is_key(f, key, "child")) {
            k = K_CHILD;
            ok = read_child(f, c, fld.value());
        } else if (is_key(f, key, "events")) {
            k = K_EVENTS;
            ok = read_array(f, c, fld.value(), read_event);
        } else if (is_key(f, key, "answers")) {
            k = K_ANSWERS;
            ok = read_array(f, c, fld.value(), read_answer);
        } else {
            return DECLINE;  // a kept extra: jansson dumps its text
        }
        if (ok < 0)
            return ok;
        if (!ok || (seen & k))
            return DECLINE;  // seen & k: a duplicate key
        seen |= k;
    }
    // Nothing may follow the object.
    const char *rest;
    if (doc.current_location().get(rest) != OUT_OF_BOUNDS)
        return DECLINE;
    if (!(seen & K_EVENTS))
        return DECLINE;
    if (!(seen & K_FORMAT)) {
        // The reference reader gives this warning first; with others before it, decline.
        if (ek_case_warning_count(c) != 0)
            return DECLINE;
        if ((r = lib(ek_case_add_warning(c, "no \"format\" key; read as egenkontroll/case-1"))) <= 0)
            return r;
    }
    return ek_case_validate(c) == EK_OK ? 1 : DECLINE;
}

}  // namespace

extern "C" ek__fast_reader *ek__fast_reader_new(void)
{
    try {
        return new (std::nothrow) ek__fast_reader();
    } catch (...) {
        return nullptr;
    }
}

extern "C" void ek__fast_reader_free(ek__fast_reader *f)
{
    if (f == nullptr)
        return;
    ek__free(f->pad);
    ek__free(f->str);
    delete f;
}

extern "C" int ek__fast_read_case(ek__fast_reader *f, ek_case *c, const char *text, size_t len)
{
    if (f == nullptr || c == nullptr || (text == nullptr && len > 0))
        return DECLINE;
    // What the reference reader rejects before parsing, or simdjson might read differently:
    // NUL bytes, anything but an object (a byte order mark, a scalar).
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
        i++;
    if (i == len || text[i] != '{' || std::memchr(text, 0, len) != nullptr)
        return DECLINE;
    if (len + SIMDJSON_PADDING > f->cap) {
        size_t ncap = f->cap ? f->cap : 4096;
        while (ncap < len + SIMDJSON_PADDING)
            ncap *= 2;
        char *p = static_cast<char *>(ek__realloc(f->pad, ncap));
        if (p == nullptr)
            return ek__oom();
        f->pad = p;
        char *s = static_cast<char *>(ek__realloc(f->str, ncap));
        if (s == nullptr)
            return ek__oom();
        f->str = s;
        f->cap = ncap;
    }
    std::memcpy(f->pad, text, len);
    std::memset(f->pad + len, 0, SIMDJSON_PADDING);
    std::memcpy(f->str, text, len);
    f->str[len] = '\0';
    f->len = len;
    try {
        return read_line(f, c);
    } catch (...) {
        return DECLINE;
    }
}
