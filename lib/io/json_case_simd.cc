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
#include "../calendar_internal.h"
#include "../case_internal.h"
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

// Event type names by length (built once per reader from ek_event_type_name(): no global state).
const size_t MAX_TYPE_LEN = 63;

struct type_table {
    unsigned char first[MAX_TYPE_LEN + 2];  // the types of length n: idx[first[n] .. first[n + 1])
    unsigned char idx[EK__EV_LIMIT];
    unsigned char len[EK__EV_LIMIT];
    const char *name[EK__EV_LIMIT];
};

}  // namespace

struct ek__fast_reader {
    type_table types;
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
    // Eight bytes at a time while none is a quote, a backslash or a control character (the line
    // is padded with SIMDJSON_PADDING bytes, so reading past the closing quote is in bounds).
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (;;) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
        uint64_t hit = (((q - ones) & ~q) | ((bs - ones) & ~bs) | ((w - ones * 0x20) & ~w)) & high;
        if (hit == 0) {
            p += 8;
            continue;
        }
        // The lowest byte flagged is a real hit (a borrow only ever flags a byte above one).
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        p += __builtin_ctzll(hit) / 8;
#endif
        for (;;) {
            unsigned char ch = (unsigned char)*p;
            if (ch == '"')
                goto closed;
            if (ch == '\\' || ch < 0x20)
                return 0;
            p++;
        }
    }
closed:
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

// "YYYY-MM-DD" read from its fixed positions when it is an ordinary date of the supported range;
// anything else goes through ek_date_parse_n(), which has the last word.
int get_date(ek__fast_reader *f, span s, ek_date *out)
{
    const char *t = f->pad + s.off;
    if (s.len == 10 && t[4] == '-' && t[7] == '-') {
        unsigned d[8];
        const int at[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
        unsigned bad = 0;
        for (int i = 0; i < 8; i++) {
            d[i] = (unsigned)((unsigned char)t[at[i]] - '0');
            bad |= d[i] > 9;
        }
        int y = (int)(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
        int m = (int)(d[4] * 10 + d[5]), day = (int)(d[6] * 10 + d[7]);
        if (!bad && m >= 1 && m <= 12 && day >= 1 && day <= 28 && y >= EK__YEAR_MIN && y <= EK__YEAR_MAX) {
            *out = (ek_date)ek__days_from_civil(y, m, day);
            return 1;
        }
    }
    return ek_date_parse_n(t, s.len, out) == EK_OK;
}

// The event type named by the @n bytes at @name (EK_EV_UNKNOWN: not a listed type), as
// ek_event_type_from_name() finds it.
ek_event_type type_of(const ek__fast_reader *f, const char *name, size_t n)
{
    const type_table &t = f->types;
    if (n == 0 || n > MAX_TYPE_LEN) {
        for (int i = 1; i < EK__EV_LIMIT; i++)  // (no listed name is that long)
            if (std::strlen(t.name[i]) == n && std::memcmp(t.name[i], name, n) == 0)
                return static_cast<ek_event_type>(i);
        return EK_EV_UNKNOWN;
    }
    for (unsigned k = t.first[n]; k < t.first[n + 1]; k++)
        if (std::memcmp(t.name[t.idx[k]], name, n) == 0)
            return static_cast<ek_event_type>(t.idx[k]);
    return EK_EV_UNKNOWN;
}

void build_types(type_table &t)
{
    unsigned count[MAX_TYPE_LEN + 1] = { 0 };
    t.name[0] = "";
    for (int i = 1; i < EK__EV_LIMIT; i++) {
        t.name[i] = ek_event_type_name(static_cast<ek_event_type>(i));
        size_t n = std::strlen(t.name[i]);
        t.len[i] = static_cast<unsigned char>(n <= MAX_TYPE_LEN ? n : 0);  // 0: found by the slow scan
        count[t.len[i]]++;
    }
    unsigned at = 0;
    for (size_t n = 0; n <= MAX_TYPE_LEN; n++) {
        t.first[n] = static_cast<unsigned char>(at);
        at += count[n];
    }
    t.first[MAX_TYPE_LEN + 1] = static_cast<unsigned char>(at);
    unsigned fill[MAX_TYPE_LEN + 1];
    for (size_t n = 0; n <= MAX_TYPE_LEN; n++)
        fill[n] = t.first[n];
    for (int i = 1; i < EK__EV_LIMIT; i++)
        t.idx[fill[t.len[i]]++] = static_cast<unsigned char>(i);
}

// The keys every event has, told apart once.
enum key_kind { KEY_OTHER, KEY_TYPE, KEY_DATE, KEY_ID, KEY_REF };

key_kind classify(const ek__fast_reader *f, span k)
{
    const char *p = f->pad + k.off;
    switch (k.len) {
    case 2: return std::memcmp(p, "id", 2) == 0 ? KEY_ID : KEY_OTHER;
    case 3: return std::memcmp(p, "ref", 3) == 0 ? KEY_REF : KEY_OTHER;
    case 4: return std::memcmp(p, "type", 4) == 0 ? KEY_TYPE : std::memcmp(p, "date", 4) == 0 ? KEY_DATE : KEY_OTHER;
    default: return KEY_OTHER;
    }
}

// One member of an event: a plain string or a boolean.
struct member {
    span key;
    key_kind kind;
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
        x.kind = classify(f, x.key);
        if (x.kind == KEY_TYPE) {
            if (x.is_bool || x.str.len == 0)
                return DECLINE;
            type = x.str;
            have_type = 1;
        } else if (x.kind == KEY_DATE) {
            if (x.is_bool)
                return DECLINE;
            date = x.str;
            have_date = 1;
        } else if ((x.kind == KEY_ID || x.kind == KEY_REF) && x.is_bool) {
            return DECLINE;
        }
        n++;
    }
    if (!have_type || !have_date)
        return DECLINE;
    ek_date d;
    if (!get_date(f, date, &d))
        return DECLINE;
    ek_event_type etype = type_of(f, f->pad + type.off, type.len);
    size_t idx;
    int r = lib(etype != EK_EV_UNKNOWN ? ek__case_add_event_listed(c, etype, d, &idx)
                                       : ek_case_add_event(c, cstr(f, type), d, &idx));
    if (r <= 0)
        return r;
    for (size_t k = 0; k < n; k++) {
        const member &x = m[k];
        int rc;
        switch (x.kind) {
        case KEY_TYPE:
        case KEY_DATE:
            continue;
        case KEY_ID:
            rc = ek_case_event_set_id(c, idx, cstr(f, x.str));
            break;
        case KEY_REF:
            rc = ek_case_event_set_ref(c, idx, cstr(f, x.str));
            break;
        default: {
            const char *key = cstr(f, x.key);
            ek_attr_kind kind;
            const ek__attr_spec *spec = ek__event_attr_spec_n(etype, key, x.key.len, &kind);
            if (spec == NULL)
                kind = x.is_bool ? EK_ATTR_BOOL : EK_ATTR_STRING;  // kept as given
            if (kind == EK_ATTR_BOOL) {
                if (!x.is_bool)
                    return DECLINE;
                rc = ek__case_event_add_attr(c, idx, spec, key, x.key.len, EK_ATTR_BOOL, nullptr, 0, x.boolean,
                                             EK_DATE_NONE);
            } else if (kind == EK_ATTR_DATE) {
                ek_date ad;
                if (x.is_bool || !get_date(f, x.str, &ad))
                    return DECLINE;
                rc = ek__case_event_add_attr(c, idx, spec, key, x.key.len, EK_ATTR_DATE, nullptr, 0, 0, ad);
            } else {
                if (x.is_bool)
                    return DECLINE;
                rc = ek__case_event_add_attr(c, idx, spec, key, x.key.len, EK_ATTR_STRING, cstr(f, x.str), x.str.len,
                                             0, EK_DATE_NONE);
            }
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
        ek__fast_reader *f = new (std::nothrow) ek__fast_reader();
        if (f != nullptr)
            build_types(f->types);
        return f;
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
