/* SPDX-License-Identifier: MIT */
/* A growable JSON text buffer written straight into (jbuf_internal.h). */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../buf_internal.h"
#include "../calendar_internal.h"
#include "../internal.h"
#include "jbuf_internal.h"

int ek__jb_grow(ek__jbuf *b, size_t more)
{
    if (b->oom)
        return 0;
    if (more > ((size_t)-1) - b->n - 1 || ek__vec_reserve((void **)&b->p, &b->cap, b->n + more + 1, 1, 1024) != EK_OK) {
        b->oom = 1;
        return 0;
    }
    return 1;
}

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

/* Whether any of the 8 bytes in @w is a control character, '"' or '\\' (bytes >= 0x80 are not):
 * exact as a whole ("has a byte less than" and "has a zero byte" tests). */
static int word_needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    uint64_t low = (w - ones * 0x20) & ~w;
    uint64_t zq = (q - ones) & ~q, zb = (bs - ones) & ~bs;
    return ((low | zq | zb) & high) != 0;
}

/* Whether the @n bytes at @s (NUL-terminated) are valid UTF-8 that JSON takes as it is: nothing to
 * escape.  The common case of the checklist's Swedish messages (issue 15): then the string is
 * copied whole instead of character by character. */
static int plain_utf8(const unsigned char *s, size_t n)
{
    const unsigned char *p = s, *end = s + n;
    const uint64_t high = 0x8080808080808080u;
    while (p < end) {
        if (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (word_needs_escape(w))
                return 0;
            uint64_t h = w & high;
            if (h == 0) {
                p += 8;
                continue;
            }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            p += (unsigned)__builtin_ctzll(h) >> 3; /* the ASCII before the first byte >= 0x80 */
#endif
        }
        unsigned c = *p;
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\')
                return 0;
            p++;
        } else if (c >= 0xC2 && c <= 0xDF && (p[1] & 0xC0) == 0x80) {
            p += 2;
        } else {
            size_t k = utf8_seq(p); /* stops at the terminating NUL */
            if (k == 0)
                return 0;
            p += k;
        }
    }
    return 1;
}

/* With mask_each: mask the string just written from @from (its opening quote) to the end. */
static void mask_string(ek__jbuf *b, size_t from)
{
    /* The shortest personnummer has ten characters (and the quotes are two more). */
    if (b->mask_each && b->n - from >= 12) {
        b->p[b->n] = '\0'; /* (room reserved: ek__jb_reserve() keeps a byte for the NUL) */
        ek_text_mask_pnr(b->p + from);
    }
}

/* A JSON string for the NUL-terminated @s, written straight into the buffer (room for the worst
 * case, every byte escaped as \u00XX, reserved once). */
void ek__jb_str(ek__jbuf *b, const char *s)
{
    if (s == NULL) {
        b->bad_utf8 = 1;
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    if (plain_utf8((const unsigned char *)s, n)) {
        size_t at = ek__jb_quoted(b, s, n);
        if (at != (size_t)-1)
            mask_string(b, at);
        return;
    }
    if (!ek__jb_reserve(b, 6 * n + 2))
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
        if (ch >= 0xC2 && ch <= 0xDF && (p[1] & 0xC0) == 0x80) {
            /* two bytes (å, ä, ö, é, §): always valid, checked inline (issue 15) */
            o[0] = (char)p[0];
            o[1] = (char)p[1];
            o += 2;
            p += 2;
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
    size_t from = b->n;
    b->n = (size_t)(o - b->p);
    mask_string(b, from);
}

void ek__jb_uint(ek__jbuf *b, unsigned long long v)
{
    if (!ek__jb_reserve(b, EK__JB_UINT_ROOM))
        return;
    char *o = b->p + b->n;
    b->n = (size_t)((b->mask_each ? ek__jb_uint_masked_at(o, v) : ek__jb_uint_at(o, v)) - b->p);
}

void ek__jb_int(ek__jbuf *b, long long v)
{
    if (v < 0) {
        EK__JB_LIT(b, "-");
        ek__jb_uint(b, 0ull - (unsigned long long)v);
    } else {
        ek__jb_uint(b, (unsigned long long)v);
    }
}

/* jansson's jsonp_dtostr() (dump.c, strconv.c) with its default precision: the same bytes. */
int ek__jb_real(ek__jbuf *b, double v)
{
    if (!isfinite(v))
        return -1;
    char t[40];
    int n = snprintf(t, sizeof t, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof t - 3)
        return -1; /* cannot happen: "%.17g" is at most 24 bytes */
    size_t len = (size_t)n;
    const char *point = localeconv()->decimal_point;
    if (point[0] != '.') { /* a locale with a decimal comma: '.' as jansson's from_locale() */
        char *pos = strchr(t, point[0]);
        if (pos)
            *pos = '.';
    }
    if (!strchr(t, '.') && !strchr(t, 'e')) {
        t[len++] = '.';
        t[len++] = '0';
        t[len] = '\0';
    }
    char *e = strchr(t, 'e');
    if (e) { /* no '+' and no leading zeros in the exponent */
        char *start = e + 1, *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - t) + 1);
            len -= (size_t)(end - start);
        }
    }
    ek__jb_put(b, t, len);
    return 0;
}

const char ek__jb_two_digits[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* "YYYY-MM-DD" with its quotes straight into the buffer (what ek_date_format() writes); null for
 * no date or one outside the supported range. */
void ek__jb_date(ek__jbuf *b, ek_date d)
{
    if (!ek__jb_reserve(b, EK__JB_DATE_ROOM))
        return;
    b->n = (size_t)(ek__jb_date_at(b->p + b->n, d) - b->p);
}

/* Finish an append: keep the text (NUL-terminated) on success, roll back to @start on failure. */
int ek__jb_finish(ek__jbuf *b, size_t start, char **buf, size_t *len, size_t *cap)
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
    if (!b->mask_each)
        ek_text_mask_pnr(b->p + start);  /* nothing shaped like a personnummer leaves (issue 18) */
    *len = b->n;
    return EK_OK;
}

/* The text of a fresh buffer, or its status (the buffer is freed on failure). */
int ek__jb_take(ek__jbuf *b, char **out)
{
    char *p = NULL;
    size_t len = 0, cap = 0;
    int rc = ek__jb_finish(b, 0, &p, &len, &cap);
    if (rc != EK_OK) {
        ek__free(p);
        return rc;
    }
    *out = p;
    return EK_OK;
}

