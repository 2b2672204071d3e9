/* SPDX-License-Identifier: MIT */
/* A growable JSON text buffer written straight into (no jansson objects): the writers of
 * evaluations (json_eval.c), checklist results (json_checklist.c) and the report (json_report.c).
 * Not installed. */
#ifndef EK_IO_JBUF_INTERNAL_H
#define EK_IO_JBUF_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include <egenkontroll/calendar.h>
#include <egenkontroll/common.h>

/*
 * The bytes written are those jansson's json_dumps writes for the same values: strings escaped as
 * jansson escapes them (\" \\ \b \f \n \r \t, other control characters as \u00XX with upper-case
 * hex, everything else verbatim, including non-ASCII UTF-8 and DEL); integers in decimal.  Like
 * json_string(), text that is not valid UTF-8 (RFC 3629: no overlong forms, surrogates or code
 * points above U+10FFFF) is refused: bad_utf8 is set and the writer's result is an error.
 * A failed allocation sets oom; every later write is then a no-op.
 */
typedef struct ek__jbuf {
    char *p;
    size_t n, cap;
    int oom;      /* an allocation failed */
    int bad_utf8; /* a string was not valid UTF-8 (or missing: NULL) */
    int mask_each; /* set by a writer whose text is only strings, dates, integers, and keys and
                    * punctuation without digits: each string (and each integer of ten digits or
                    * more) is masked as it is written, and ek__jb_finish() does not scan the
                    * whole text again (the same result: a personnummer is digits, '-' and '+'
                    * only, so none spans a quote, and a date's digit runs are too short) */
} ek__jbuf;

/* Room for @more bytes and the terminating NUL; 0 after a failed allocation. */
int ek__jb_grow(ek__jbuf *b, size_t more);

static inline int ek__jb_reserve(ek__jbuf *b, size_t more)
{
    if (b->n + more + 1 <= b->cap && !b->oom)
        return 1;
    return ek__jb_grow(b, more);
}

static inline void ek__jb_put(ek__jbuf *b, const char *s, size_t n)
{
    if (ek__jb_reserve(b, n)) {
        memcpy(b->p + b->n, s, n);
        b->n += n;
    }
}

#define EK__JB_LIT(b, lit) ek__jb_put((b), (lit), sizeof(lit) - 1)

/*
 * @n bytes of @s between quotes, copied as they are: for text known to need no escaping (the
 * library's own names, text already checked by ek__jb_str()).  Returns the offset of the opening
 * quote in the buffer, or (size_t)-1 when the buffer could not grow.
 */
static inline size_t ek__jb_quoted(ek__jbuf *b, const char *s, size_t n)
{
    if (!ek__jb_reserve(b, n + 2))
        return (size_t)-1;
    char *o = b->p + b->n;
    o[0] = '"';
    memcpy(o + 1, s, n);
    o[n + 1] = '"';
    b->n += n + 2;
    return (size_t)(o - b->p);
}

/* A JSON string for the NUL-terminated @s (NULL: bad_utf8, as json_string(NULL) fails). */
void ek__jb_str(ek__jbuf *b, const char *s);

/* An unsigned integer in decimal. */
void ek__jb_uint(ek__jbuf *b, unsigned long long v);

/* A signed integer in decimal (json_integer()). */
void ek__jb_int(ek__jbuf *b, long long v);

/* A real as jansson's json_real() dumps it: "%.17g" with a '.' whatever the locale, ".0" added
 * when it would read as an integer, no '+' or leading zeros in the exponent ("1e-6").  NaN and
 * infinities, which json_real() refuses, are not written: the result is then -1, else 0. */
int ek__jb_real(ek__jbuf *b, double v);

/* "YYYY-MM-DD" with its quotes (what ek_date_format() writes), or null for no date or one outside
 * the supported range. */
void ek__jb_date(ek__jbuf *b, ek_date d);

/* Year, month and day of @d, a date in the supported range (ek_date_in_range()), without a
 * division (C. Neri and L. Schneider, "Euclidean affine functions and their application to
 * calendar algorithms", Softw. Pract. Exper. 2023): what ek__civil_from_days() gives. */
static inline void ek__jb_ymd(ek_date d, int *y, int *m, int *dd)
{
    const unsigned s = 82;                     /* 400-year cycles added to keep every value unsigned */
    const unsigned k = 719468 + 146097 * s;    /* 1970-01-01 as days since 0000-03-01, shifted */
    unsigned n = (unsigned)(d + (long long)k);
    unsigned n1 = 4 * n + 3;
    unsigned c = n1 / 146097, nc = n1 % 146097 / 4;
    unsigned n2 = 4 * nc + 3;
    unsigned long long p2 = 2939745ull * n2;
    unsigned z = (unsigned)(p2 >> 32), ny = (unsigned)(p2 & 0xFFFFFFFFu) / 2939745 / 4;
    unsigned yy = 100 * c + z;
    unsigned n3 = 2141 * ny + 197913;
    unsigned mm = n3 >> 16, day = (n3 & 0xFFFFu) / 2141;
    unsigned j = ny >= 306;
    *y = (int)(yy - 400 * s + j);
    *m = (int)(j ? mm - 12 : mm);
    *dd = (int)(day + 1);
}

/* "00" … "99": two digits at a time (jbuf.c). */
extern const char ek__jb_two_digits[201];

/* The most ek__jb_date_at() writes. */
#define EK__JB_DATE_ROOM 12

/* What ek__jb_date() writes, at @o in a buffer with room for EK__JB_DATE_ROOM bytes there (the
 * caller reserved it); returns the end.  For writers that reserve once for a whole record. */
static inline char *ek__jb_date_at(char *o, ek_date d)
{
    if (d < EK_DATE_MIN || d > EK_DATE_MAX) {
        memcpy(o, "null", 4);
        return o + 4;
    }
    int y, m, dd;
    ek__jb_ymd(d, &y, &m, &dd);
    o[0] = '"';
    memcpy(o + 1, ek__jb_two_digits + 2 * (y / 100), 2);
    memcpy(o + 3, ek__jb_two_digits + 2 * (y % 100), 2);
    o[5] = '-';
    memcpy(o + 6, ek__jb_two_digits + 2 * m, 2);
    o[8] = '-';
    memcpy(o + 9, ek__jb_two_digits + 2 * dd, 2);
    o[11] = '"';
    return o + 12;
}

/* The most ek__jb_uint_at() writes. */
#define EK__JB_UINT_ROOM 20

/* @v in decimal at @o (room for EK__JB_UINT_ROOM bytes reserved), two digits at a time; returns
 * the end.  Not masked: for numbers of ten digits or more (which may be shaped like a
 * personnummer) a writer with mask_each uses ek__jb_uint(). */
static inline char *ek__jb_uint_at(char *o, unsigned long long v)
{
    if (v < 10) {
        *o = (char)('0' + v);
        return o + 1;
    }
    if (v < 100) {
        memcpy(o, ek__jb_two_digits + 2 * v, 2);
        return o + 2;
    }
    char t[EK__JB_UINT_ROOM];
    char *e = t + sizeof t, *p = e;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        p -= 2;
        memcpy(p, ek__jb_two_digits + 2 * r, 2);
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, ek__jb_two_digits + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    memcpy(o, p, (size_t)(e - p));
    return o + (e - p);
}

/* ek__jb_uint_at() masked as ek__jb_uint() masks with mask_each: a number of ten digits or more
 * may be shaped like a personnummer (room for a NUL after it reserved too). */
static inline char *ek__jb_uint_masked_at(char *o, unsigned long long v)
{
    char *end = ek__jb_uint_at(o, v);
    if (v >= 1000000000ull) {
        *end = '\0';
        ek_text_mask_pnr(o);
    }
    return end;
}

/*
 * Finish an append that started at @start: on success the text is NUL-terminated, everything
 * shaped like a personnummer from @start on is masked (issue 18), and *buf, *len, *cap describe
 * the buffer; on failure the buffer is rolled back to @start (*len = @start) and the status is
 * EK_ENOMEM (out of memory, or text that is not valid UTF-8, with its own message).
 */
int ek__jb_finish(ek__jbuf *b, size_t start, char **buf, size_t *len, size_t *cap);

/* The text of a buffer started empty as an owned string (ek_free), or the status of
 * ek__jb_finish() (the buffer is freed on failure). */
int ek__jb_take(ek__jbuf *b, char **out);

#endif
