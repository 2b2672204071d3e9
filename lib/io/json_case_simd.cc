// SPDX-License-Identifier: MIT
// The fast case-1 reader over simdjson's On Demand API (no DOM): see json_case_fast.h for the
// contract.  It mirrors read_case() / read_event() / read_answer() of json_case.c for the
// ordinary lines and declines (returns 0) on anything else: a key it does not know (kept
// extras are dumped by jansson), a line with a backslash (a string with an escape), a number or
// null where the reference reader would fail or dump, a duplicate key, a case whose warnings
// it cannot order exactly, any error.  Only the C API leaves this file; no exception crosses it.
//
// Strings are not scanned: a line without a backslash has no escape, simdjson has rejected
// control characters in strings (UNESCAPED_CHARS) and, when its stage 1 found the tokens, the
// token of a string is the string and the white space after it (whatever follows its closing
// quote starts a token of its own), so the token's extent gives the string's.  A key ends at
// the quote before the colon in front of its value.  Keys are told apart by a table of every
// name the format lists (built once per reader from the case model's table): a key is a small
// number, its duplicates a bit, its attribute spec one look-up by (event type, key).
// simdjson's own assert()s check its callers while it is developed; here they cost a sixth of
// the reading (issue 15, fourth round), so this file is built without them (only this file).
#ifndef NDEBUG
#define NDEBUG 1
#endif
#include <cstdint>
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
const size_t MAX_TYPE_LEN = 55;  // (the table's names, NUL-padded, take MAX_TYPE_LEN + 1 bytes)

struct type_table {
    unsigned char first[MAX_TYPE_LEN + 2];  // the types of length n: idx[first[n] .. first[n + 1])
    unsigned char idx[EK__EV_LIMIT];
    unsigned char len[EK__EV_LIMIT];
    const char *name[EK__EV_LIMIT];
    char padded[EK__EV_LIMIT][MAX_TYPE_LEN + 1];  // the names, NUL-padded for same_bytes()
};

// A cache of the months dates were read in: the day number of the month's first day and its
// length (get_date()).
const unsigned MONTH_SLOTS = 256;
struct month_cache {
    int32_t ym[MONTH_SLOTS];  // year * 16 + month; 0: empty
    int32_t first[MONTH_SLOTS];
    int32_t days[MONTH_SLOTS];
};

// The keys of an event the format lists: "type", "date", "id", "ref" and every attribute name
// (KEY_OTHER: none of them).  Built once per reader from ek__attr_spec_at().
const unsigned MAX_KEY_IDS = 64;  // a key's duplicates are a bit of a uint64_t
const size_t MAX_KEY_LEN = 40;  // (the table's names, NUL-padded, take MAX_KEY_LEN + 8 bytes)
enum : unsigned { KEY_TYPE, KEY_DATE, KEY_ID, KEY_REF, KEY_ATTRS, KEY_OTHER = 255 };

struct key_table {
    unsigned nkeys;
    int complete;                                  // every listed key has a number
    const char *name[MAX_KEY_IDS];
    char padded[MAX_KEY_IDS][MAX_KEY_LEN + 8];     // the names, NUL-padded for same_bytes()
    unsigned char first[MAX_KEY_LEN + 2];          // the keys of length n: idx[first[n] .. first[n + 1])
    unsigned char idx[MAX_KEY_IDS];
    unsigned char len[MAX_KEY_IDS];
    unsigned char slot[256];                       // key_slot(): 1 + the key there, 0 none, SHARED several
    const ek__attr_spec *spec[EK__EV_LIMIT][MAX_KEY_IDS];  // NULL: not listed for the type
    ek_attr_kind kind[EK__EV_LIMIT][MAX_KEY_IDS];
    uint64_t required[EK__EV_LIMIT];               // the keys the type requires
};

}  // namespace

struct ek__fast_reader {
    type_table types;
    key_table keys;
    month_cache months;
    ondemand::parser parser;
    char *pad = nullptr;   // the line, padded for simdjson (SIMDJSON_PADDING)
    char *str = nullptr;   // NUL-terminated copies of strings of the line (cstr())
    size_t cap = 0;        // bytes of each buffer
    size_t len = 0;        // length of the current line
    size_t used = 0;       // bytes of str in use
    int overflow = 0;      // cstr() ran out of room
};

namespace {

// The small helpers of read_event(), inlined there (gcc called them: a tenth of the reading).
#if defined(__GNUC__)
#define HOT inline __attribute__((always_inline))
#else
#define HOT inline
#endif

// Decline: the reference reader takes over.
const int DECLINE = 0;

// After a call into the case model: go on (1), out of memory (EK_ENOMEM: the reader fails as
// the reference reader would), or decline (any other error: the reference reader reports it).
int lib(int rc)
{
    return rc == EK_OK ? 1 : rc == EK_ENOMEM ? EK_ENOMEM : DECLINE;
}

// JSON white space (a line has no '\n').
inline bool ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

inline uint64_t load8(const char *p)
{
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}

// Are the @n bytes at @a (in the padded line) those of @name (NUL-padded to a multiple of eight
// bytes beyond @n)?  Eight bytes at a time, no call.
inline bool same_bytes(const char *a, const char *name, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (load8(a + i) != load8(name + i))
            return false;
    if (i == n)
        return true;
    unsigned rest = static_cast<unsigned>(n - i) * 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    uint64_t mask = ~uint64_t(0) << (64 - rest);
#else
    uint64_t mask = (uint64_t(1) << rest) - 1;
#endif
    return ((load8(a + i) ^ load8(name + i)) & mask) == 0;
}

// The span as a NUL-terminated string: a copy in f->str, valid until the next line.  The spans
// asked for in a line are distinct strings of it, so their copies fit in f->cap bytes; should
// they not, the line is declined (f->overflow).
const char *cstr(ek__fast_reader *f, span s)
{
    if (f->used + s.len + 1 > f->cap) {
        f->overflow = 1;
        return "";
    }
    char *d = f->str + f->used;
    std::memcpy(d, f->pad + s.off, s.len);
    d[s.len] = '\0';
    f->used += s.len + 1;
    return d;
}

// Is @k the key @name (a string literal: its length and the comparison known when compiled)?
template <size_t N>
HOT int is_key(const ek__fast_reader *f, span k, const char (&name)[N])
{
    return k.len == N - 1 && std::memcmp(f->pad + k.off, name, N - 1) == 0;
}

int same_key(const ek__fast_reader *f, span a, span b)
{
    return a.len == b.len && std::memcmp(f->pad + a.off, f->pad + b.off, a.len) == 0;
}

// The key of @fld: from just after its opening quote to the quote before the colon in front of
// the value (the line has no backslash, so no escape).
HOT int get_key(ek__fast_reader *f, ondemand::field &fld, span *out)
{
    const char *k = fld.key().raw();
    const char *p = fld.value().raw_json_token().data() - 1;
    while (ws(*p))
        p--;
    if (*p != ':')
        return 0;
    p--;
    while (ws(*p))
        p--;
    if (*p != '"' || p < k)
        return 0;
    out->off = static_cast<size_t>(k - f->pad);
    out->len = static_cast<size_t>(p - k);
    return 1;
}

// A value that must be a string: 1 and its span (its token without the quotes and the white
// space after it), 0 when it is not a string.
HOT int get_string(ek__fast_reader *f, ondemand::value v, span *out)
{
    std::string_view t = v.raw_json_token();
    size_t n = t.size();
    while (n > 0 && ws(t[n - 1]))
        n--;
    if (n < 2 || t[0] != '"' || t[n - 1] != '"')
        return 0;
    ondemand::raw_json_string r;
    if (v.get_raw_json_string().get(r) != SUCCESS)
        return 0;
    out->off = static_cast<size_t>(t.data() + 1 - f->pad);
    out->len = n - 2;
    return 1;
}

// "YYYY-MM-DD" read from its fixed positions when it is an ordinary date of the supported range
// (the month's first day and length from f->months); anything else goes through
// ek_date_parse_n(), which has the last word.
HOT int get_date(ek__fast_reader *f, span s, ek_date *out)
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
        if (!bad && m >= 1 && m <= 12 && day >= 1 && y >= EK__YEAR_MIN && y <= EK__YEAR_MAX) {
            int32_t ym = y * 16 + m;
            unsigned slot = static_cast<unsigned>(y * 12 + m) % MONTH_SLOTS;
            month_cache &mc = f->months;
            if (mc.ym[slot] != ym) {
                mc.ym[slot] = ym;
                mc.first[slot] = static_cast<int32_t>(ek__days_from_civil(y, m, 1));
                mc.days[slot] = ek__days_in_month(y, m);
            }
            if (day <= mc.days[slot]) {
                *out = static_cast<ek_date>(mc.first[slot] + day - 1);
                return 1;
            }
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
        if (same_bytes(name, t.padded[t.idx[k]], n))
            return static_cast<ek_event_type>(t.idx[k]);
    return EK_EV_UNKNOWN;
}

void build_types(type_table &t)
{
    unsigned count[MAX_TYPE_LEN + 1] = { 0 };
    t.name[0] = "";
    std::memset(t.padded, 0, sizeof t.padded);
    for (int i = 1; i < EK__EV_LIMIT; i++) {
        t.name[i] = ek_event_type_name(static_cast<ek_event_type>(i));
        size_t n = std::strlen(t.name[i]);
        if (n <= MAX_TYPE_LEN)
            std::memcpy(t.padded[i], t.name[i], n);
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

// The number of the key @k (KEY_OTHER: not a listed key).
const unsigned char SHARED = 255;

// Where a key of @n bytes (1 to MAX_KEY_LEN) at @p is in key_table::slot: its length, first and
// last byte tell the listed keys apart (build_keys() copes when two share a slot).
inline unsigned key_slot(const char *p, size_t n)
{
    return (static_cast<unsigned>(n) + 6u * static_cast<unsigned char>(p[0]) + static_cast<unsigned char>(p[n - 1])) &
           255u;
}

HOT unsigned key_of(const ek__fast_reader *f, span k)
{
    if (k.len == 0 || k.len > MAX_KEY_LEN)
        return KEY_OTHER;
    const key_table &t = f->keys;
    const char *p = f->pad + k.off;
    unsigned s = t.slot[key_slot(p, k.len)];
    if (s == 0)
        return KEY_OTHER;
    if (s != SHARED) {
        unsigned kid = s - 1;
        return t.len[kid] == k.len && same_bytes(p, t.padded[kid], k.len) ? kid : KEY_OTHER;
    }
    for (unsigned j = t.first[k.len]; j < t.first[k.len + 1]; j++)
        if (same_bytes(p, t.padded[t.idx[j]], k.len))
            return t.idx[j];
    return KEY_OTHER;
}

void build_keys(key_table &t)
{
    static const char *const fixed[KEY_ATTRS] = { "type", "date", "id", "ref" };
    t.nkeys = 0;
    t.complete = 1;
    for (unsigned k = 0; k < KEY_ATTRS; k++)
        t.name[t.nkeys++] = fixed[k];
    for (int ty = 0; ty < EK__EV_LIMIT; ty++) {
        t.required[ty] = 0;
        for (unsigned k = 0; k < MAX_KEY_IDS; k++) {
            t.spec[ty][k] = nullptr;
            t.kind[ty][k] = EK_ATTR_STRING;
        }
    }
    ek_event_type type;
    const char *key;
    ek_attr_kind kind;
    int required;
    const ek__attr_spec *sp;
    for (size_t i = 0; (sp = ek__attr_spec_at(i, &type, &key, &kind, &required)) != nullptr; i++) {
        unsigned k = 0;
        while (k < t.nkeys && std::strcmp(t.name[k], key) != 0)
            k++;
        if (k == t.nkeys) {
            if (t.nkeys == MAX_KEY_IDS || std::strlen(key) > MAX_KEY_LEN) {
                t.complete = 0;  // found by ek__event_attr_spec_n(), checked by ek_case_validate()
                continue;
            }
            t.name[t.nkeys++] = key;
        }
        if ((int)type <= 0 || (int)type >= EK__EV_LIMIT) {
            t.complete = 0;
            continue;
        }
        t.spec[type][k] = sp;
        t.kind[type][k] = kind;
        if (required)
            t.required[type] |= uint64_t(1) << k;
    }
    std::memset(t.padded, 0, sizeof t.padded);
    std::memset(t.slot, 0, sizeof t.slot);
    unsigned count[MAX_KEY_LEN + 1] = { 0 };
    for (unsigned k = 0; k < t.nkeys; k++) {
        size_t n = std::strlen(t.name[k]);
        std::memcpy(t.padded[k], t.name[k], n);
        t.len[k] = static_cast<unsigned char>(n);
        count[n]++;
        if (n > 0) {
            unsigned char &s = t.slot[key_slot(t.name[k], n)];
            s = s == 0 ? static_cast<unsigned char>(k + 1) : SHARED;
        }
    }
    unsigned at = 0;
    for (size_t n = 0; n <= MAX_KEY_LEN; n++) {
        t.first[n] = static_cast<unsigned char>(at);
        at += count[n];
    }
    t.first[MAX_KEY_LEN + 1] = static_cast<unsigned char>(at);
    unsigned fill[MAX_KEY_LEN + 1];
    for (size_t n = 0; n <= MAX_KEY_LEN; n++)
        fill[n] = t.first[n];
    for (unsigned k = 0; k < t.nkeys; k++)
        t.idx[fill[std::strlen(t.name[k])]++] = static_cast<unsigned char>(k);
}

// One member of an event: a plain string or a boolean.
struct member {
    span key;
    unsigned kid;  // key_of()
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
    uint64_t seen = 0;  // the listed keys met
    int other = 0;      // some key is not listed
    span type = { 0, 0 }, date = { 0, 0 };
    for (auto &&fr : obj) {
        // (the field used where it is, not moved out: a copy of it stalled on the stores just made)
        if (fr.error() != SUCCESS || n == MAX_KEYS)
            return DECLINE;
        ondemand::field &fld = fr.value_unsafe();
        member &x = m[n];
        if (!get_key(f, fld, &x.key))
            return DECLINE;
        x.kid = key_of(f, x.key);
        if (x.kid != KEY_OTHER) {
            uint64_t bit = uint64_t(1) << x.kid;
            if (seen & bit)
                return DECLINE;  // duplicate key: the reference reader rejects it
            seen |= bit;
        } else {
            for (size_t k = 0; other && k < n; k++)
                if (m[k].kid == KEY_OTHER && same_key(f, m[k].key, x.key))
                    return DECLINE;
            other = 1;
        }
        ondemand::value v = fld.value();
        char first = v.raw_json_token().data()[0];
        if (first == '"') {
            x.is_bool = 0;
            if (!get_string(f, v, &x.str))
                return DECLINE;
        } else if (first == 't' || first == 'f') {
            bool b;
            if (v.get_bool().get(b) != SUCCESS)
                return DECLINE;
            x.is_bool = 1;
            x.boolean = b ? 1 : 0;
        } else {
            return DECLINE;  // a number, null, object or array: an error or a raw value
        }
        switch (x.kid) {
        case KEY_TYPE:
            if (x.is_bool || x.str.len == 0)
                return DECLINE;
            type = x.str;
            break;
        case KEY_DATE:
            if (x.is_bool)
                return DECLINE;
            date = x.str;
            break;
        case KEY_ID:
        case KEY_REF:
            if (x.is_bool)
                return DECLINE;
            break;
        default:
            break;
        }
        n++;
    }
    if (!(seen & (uint64_t(1) << KEY_TYPE)) || !(seen & (uint64_t(1) << KEY_DATE)))
        return DECLINE;
    ek_date d;
    if (!get_date(f, date, &d))
        return DECLINE;
    ek_event_type etype = type_of(f, f->pad + type.off, type.len);
    // A required attribute missing: ek_case_validate()'s error, from the reference reader.
    if ((f->keys.required[etype] & ~seen) != 0)
        return DECLINE;
    size_t idx;
    int r = lib(etype != EK_EV_UNKNOWN ? ek__case_add_event_listed(c, etype, d, &idx)
                                       : ek_case_add_event(c, cstr(f, type), d, &idx));
    if (r <= 0)
        return r;
    for (size_t k = 0; k < n; k++) {
        const member &x = m[k];
        int rc;
        switch (x.kid) {
        case KEY_TYPE:
        case KEY_DATE:
            continue;
        case KEY_ID:
            rc = ek__case_event_set_id_ref_n(c, idx, f->pad + x.str.off, x.str.len, 0);
            break;
        case KEY_REF:
            rc = ek__case_event_set_id_ref_n(c, idx, f->pad + x.str.off, x.str.len, 1);
            break;
        default: {
            const char *key = f->pad + x.key.off;  // (ek__case_event_add_attr() takes lengths)
            ek_attr_kind kind;
            const ek__attr_spec *spec;
            if (x.kid != KEY_OTHER) {
                spec = f->keys.spec[etype][x.kid];
                kind = f->keys.kind[etype][x.kid];
            } else {
                spec = f->keys.complete ? nullptr : ek__event_attr_spec_n(etype, key, x.key.len, &kind);
            }
            if (spec == nullptr)
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
                rc = ek__case_event_add_attr(c, idx, spec, key, x.key.len, EK_ATTR_STRING, f->pad + x.str.off, x.str.len,
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
    // item, result, reviewer, date, comment
    span val[5];
    int have[5] = { 0, 0, 0, 0, 0 };
    for (auto &&fr : obj) {
        span key;
        if (fr.error() != SUCCESS)
            return DECLINE;
        ondemand::field &fld = fr.value_unsafe();
        if (!get_key(f, fld, &key))
            return DECLINE;
        size_t k = is_key(f, key, "item")       ? 0
                   : is_key(f, key, "result")   ? 1
                   : is_key(f, key, "reviewer") ? 2
                   : is_key(f, key, "date")     ? 3
                   : is_key(f, key, "comment")  ? 4
                                                : 5;
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
    for (auto &&er : arr) {
        if (er.error() != SUCCESS)
            return DECLINE;
        int r = one(f, c, er.value_unsafe());
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
    for (auto &&fr : obj) {
        span key, s;
        if (fr.error() != SUCCESS)
            return DECLINE;
        ondemand::field &fld = fr.value_unsafe();
        if (!get_key(f, fld, &key))
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
    for (auto &&fr : obj) {
        span key;
        if (fr.error() != SUCCESS)
            return DECLINE;
        ondemand::field &fld = fr.value_unsafe();
        if (!get_key(f, fld, &key))
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
    // read_event() has checked every event's required attributes when the key table has them all.
    if (!f->keys.complete && ek_case_validate(c) != EK_OK)
        return DECLINE;
    return 1;
}

}  // namespace

extern "C" ek__fast_reader *ek__fast_reader_new(void)
{
    try {
        ek__fast_reader *f = new (std::nothrow) ek__fast_reader();
        if (f != nullptr) {
            build_types(f->types);
            build_keys(f->keys);
            std::memset(&f->months, 0, sizeof f->months);
        }
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
    // NUL bytes, anything but an object (a byte order mark, a scalar); and escapes (a backslash
    // can only be in a string): get_key() and get_string() take the bytes as the value.
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
        i++;
    if (i == len || text[i] != '{' || std::memchr(text, 0, len) != nullptr || std::memchr(text, '\\', len) != nullptr)
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
    f->len = len;
    f->used = 0;
    f->overflow = 0;
    try {
        int r = read_line(f, c);
        return r > 0 && f->overflow ? DECLINE : r;
    } catch (...) {
        return DECLINE;
    }
}
