/* SPDX-License-Identifier: MIT */
/* Text made safe for output (common.h, ek_text_safe): control characters escaped,
 * personal identity numbers masked, spreadsheet formulas neutralised. */
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "internal.h"

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

/* Length of a digit run starting at s[i]. */
static size_t run(const char *s, size_t i)
{
    size_t n = 0;
    while (is_digit((unsigned char)s[i + n]))
        n++;
    return n;
}

/* The length of the personal identity number starting at s[i] (s[i] a digit
 * not preceded by one), or 0.  YYMMDD or YYYYMMDD, then '-', '+' or nothing,
 * then NNNN, the whole not followed by a digit.  The month 01–12 and the day
 * 01–31 (61–91: samordningsnummer) are checked so that other numbers of ten or
 * twelve digits are not taken for one. */
static size_t pnr_at(const char *s, size_t i)
{
    size_t a = run(s, i), date_len, len;
    if (a == 10 || a == 12) {
        date_len = a - 4;
        len = a;
    } else if ((a == 6 || a == 8) && (s[i + a] == '-' || s[i + a] == '+') && run(s, i + a + 1) == 4) {
        date_len = a;
        len = a + 5;
    } else {
        return 0;
    }
    const char *d = s + i + date_len - 4; /* MMDD */
    int month = two(d), day = two(d + 2);
    if (month < 1 || month > 12)
        return 0;
    if (!((day >= 1 && day <= 31) || (day >= 61 && day <= 91)))
        return 0;
    if (date_len == 8 && !(two(s + i) >= 18 && two(s + i) <= 20))
        return 0;
    return len;
}

/*
 * Every personal identity number has a run of at least six digits (YYMMDD) at its start, so the
 * scan looks at every sixth byte only (issue 15: the output of `check` and `evaluate` is masked
 * line by line): when s[i + 5] is not a digit, no such run starts anywhere in s[i .. i + 5].  When
 * it is one, the run it belongs to is measured from its first digit, which is never before i
 * (at the top of the loop s[i - 1] or s[i] is not a digit: each step ends after a non-digit or
 * on one).  Same result as looking at every byte (tests/test_core.c compares the two).
 */
size_t ek_text_mask_pnr(char *s)
{
    size_t n = 0;
    if (!s)
        return 0;
    size_t len = strlen(s), i = 0;
    while (i + 6 <= len) {
        if (!is_digit((unsigned char)s[i + 5])) {
            i += 6;
            continue;
        }
        size_t k = i + 5;
        while (k > i && is_digit((unsigned char)s[k - 1]))
            k--;
        size_t m = pnr_at(s, k);
        if (m == 0) {
            i = k + run(s, k);
            continue;
        }
        for (size_t q = k; q < k + m; q++)
            if (is_digit((unsigned char)s[q]))
                s[q] = 'X';
        i = k + m;
        n++;
    }
    return n;
}

int ek_text_is_formula(const char *s)
{
    if (!s)
        return 0;
    switch (s[0]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r':
        return 1;
    default:
        return 0;
    }
}

/* Length of the valid UTF-8 sequence at s (1–4), its code point in *cp; 0 when invalid. */
static size_t utf8(const unsigned char *s, unsigned long *cp)
{
    unsigned char c = s[0];
    size_t n;
    unsigned long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static int unsafe_cp(unsigned long cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

typedef struct out {
    char *buf;
    size_t size, len; /* bytes available; length of the whole result */
    size_t written;   /* bytes written to buf */
    int full;         /* a unit did not fit: nothing more is written */
} out;

/* Append one output unit whole, or nothing (then nothing after it either). */
static void put(out *o, const char *s, size_t n)
{
    if (!o->full && o->written + n < o->size) {
        memcpy(o->buf + o->written, s, n);
        o->written += n;
    } else {
        o->full = 1;
    }
    o->len += n;
}

static const char hex[] = "0123456789abcdef";

size_t ek_text_safe(const char *s, unsigned int flags, char *buf, size_t size)
{
    out o = { buf, size, 0, 0, size == 0 };
    if (!s)
        s = "";
    if ((flags & EK_TEXT_FORMULA) && ek_text_is_formula(s))
        put(&o, "'", 1);
    size_t i = 0;
    while (s[i]) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (!(flags & EK_TEXT_ESCAPE)) {
            put(&o, (const char *)u, 1);
            i++;
            continue;
        }
        unsigned long cp = 0;
        size_t n = utf8(u, &cp);
        if (n == 0) { /* not UTF-8: the byte in hex */
            char e[4] = { '\\', 'x', hex[u[0] >> 4], hex[u[0] & 15] };
            put(&o, e, 4);
            i++;
        } else if (cp == '\n') {
            put(&o, "\\n", 2);
            i++;
        } else if (cp == '\r') {
            put(&o, "\\r", 2);
            i++;
        } else if (cp == '\t') {
            put(&o, "\\t", 2);
            i++;
        } else if (cp < 0x20 || cp == 0x7F) {
            char e[4] = { '\\', 'x', hex[cp >> 4], hex[cp & 15] };
            put(&o, e, 4);
            i++;
        } else if (unsafe_cp(cp)) {
            char e[6] = { '\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15], hex[cp & 15] };
            put(&o, e, 6);
            i += n;
        } else {
            put(&o, (const char *)u, n);
            i += n;
        }
    }
    if (size > 0) {
        buf[o.written] = '\0';
        /* Masked in the result, not in the input: an escape such as \x18 next to "1212-1212" must not
         * make a new one (the length does not change). */
        if (flags & EK_TEXT_MASK_PNR)
            ek_text_mask_pnr(buf);
    }
    return o.len;
}

int ek_text_safe_dup(const char *s, unsigned int flags, char **out_text)
{
    if (!out_text)
        return ek__error(EK_EINVAL, "ek_text_safe_dup: NULL argument");
    *out_text = NULL;
    size_t n = ek_text_safe(s, flags, NULL, 0);
    char *p = ek__malloc(n + 1);
    if (!p)
        return ek__oom();
    ek_text_safe(s, flags, p, n + 1);
    *out_text = p;
    return EK_OK;
}
