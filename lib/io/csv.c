/* SPDX-License-Identifier: MIT */
/* CSV text in the dialects of ek_csv_dialect (csv_internal.h). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/common.h>

#include "csv_internal.h"
#include "../buf_internal.h"

static void put_n(ek__csv *b, const char *s, size_t n)
{
    if (b->failed || b->refused)
        return;
    if (n >= b->cap - b->len && /* (len <= cap always) room without growing: most calls */
        (n > ((size_t)-1) - b->len - 1 ||
         ek__vec_reserve((void **)&b->p, &b->cap, b->len + n + 1, 1, 4096) != EK_OK)) {
        b->failed = 1;
        return;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static char separator(const ek__csv *b)
{
    return b->dialect == EK_CSV_EXCEL_SV ? ';' : ',';
}

int ek__csv_init(ek__csv *b, ek_csv_dialect dialect)
{
    if (dialect != EK_CSV_RFC4180 && dialect != EK_CSV_EXCEL_SV)
        return ek__error(EK_EINVAL, "unknown CSV dialect %d", (int)dialect);
    memset(b, 0, sizeof *b);
    b->dialect = dialect;
    return EK_OK;
}

int ek__csv_attach(ek__csv *b, ek_csv_dialect dialect, char *buf, size_t len, size_t cap)
{
    int rc = ek__csv_init(b, dialect);
    if (rc == EK_OK) {
        b->p = buf;
        b->len = len;
        b->cap = cap;
    }
    return rc;
}

void ek__csv_bom(ek__csv *b)
{
    if (b->dialect == EK_CSV_EXCEL_SV)
        put_n(b, "\xEF\xBB\xBF", 3); /* UTF-8 byte order mark: Excel then reads å, ä, ö right */
}

static void sep(ek__csv *b)
{
    if (b->fields++ > 0) {
        char c = separator(b);
        put_n(b, &c, 1);
    }
}

/* The @n bytes of safe text at @s, between quotes (each quote doubled) when they hold the
 * separator, a quote, CR or LF. */
static void put_quoted(ek__csv *b, const char *s, size_t n)
{
    char c = separator(b);
    int plain = 1;
    size_t i = 0;
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (; i + 8 <= n; i += 8) { /* eight bytes at a time: "has a byte equal to" tests, exact as a whole */
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x1 = w ^ (ones * (unsigned char)c), x2 = w ^ (ones * '"'), x3 = w ^ (ones * '\r'),
                 x4 = w ^ (ones * '\n');
        if ((((x1 - ones) & ~x1) | ((x2 - ones) & ~x2) | ((x3 - ones) & ~x3) | ((x4 - ones) & ~x4)) & high) {
            plain = 0;
            break;
        }
    }
    for (; i < n && plain; i++)
        plain = s[i] != c && s[i] != '"' && s[i] != '\r' && s[i] != '\n';
    if (plain) {
        put_n(b, s, n);
        return;
    }
    put_n(b, "\"", 1);
    for (const char *q = s; q < s + n; q++) {
        if (*q == '"')
            put_n(b, "\"\"", 2);
        else
            put_n(b, q, 1);
    }
    put_n(b, "\"", 1);
}

void ek__csv_text(ek__csv *b, const char *s)
{
    sep(b);
    if (!s)
        s = "";
    /* The text made safe for a spreadsheet (common.h, EK_TEXT_CELL): a leading = + - @ TAB CR gets an
     * apostrophe (no formula), control characters are escaped (no CR or LF is left), personal
     * identity numbers are masked. */
    char small[256], *big = NULL;
    size_t n = ek_text_safe(s, EK_TEXT_CELL, small, sizeof small);
    if (n < sizeof small) {
        s = small;
    } else if (ek_text_safe_dup(s, EK_TEXT_CELL, &big) == EK_OK) {
        s = big;
    } else {
        b->failed = 1;
        return;
    }
    put_quoted(b, s, strlen(s));
    ek__free(big);
}

void ek__csv_repeat(ek__csv *b, size_t from, size_t n, int fields)
{
    if (b->failed || b->refused)
        return;
    if (ek__vec_reserve((void **)&b->p, &b->cap, b->len + n + 1, 1, 4096) != EK_OK) {
        b->failed = 1;
        return;
    }
    memcpy(b->p + b->len, b->p + from, n); /* (from + n <= len: no overlap) */
    b->len += n;
    b->p[b->len] = '\0';
    b->fields += fields;
}

void ek__csv_own(ek__csv *b, const char *s, size_t n)
{
    sep(b);
    put_quoted(b, s, n);
}

static void raw(ek__csv *b, const char *s)
{
    sep(b);
    put_n(b, s, strlen(s));
}

void ek__csv_size(ek__csv *b, size_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", v);
    raw(b, buf);
}

void ek__csv_long(ek__csv *b, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    raw(b, buf);
}

void ek__csv_real(ek__csv *b, int has, double v)
{
    char buf[32] = "";
    if (has)
        snprintf(buf, sizeof buf, "%.6g", v);
    char *dot = strchr(buf, '.');
    if (dot && b->dialect == EK_CSV_EXCEL_SV)
        *dot = ',';
    raw(b, buf);
}

/* Hand what the buffer holds to the sink (whole lines only: called at a line's end). */
static void flush_sink(ek__csv *b)
{
    if (b->len && !b->failed && !b->refused) {
        int src = b->sink(b->user, b->p, b->len);
        if (src != 0)
            b->refused = src;
        b->len = 0;
    }
}

void ek__csv_end(ek__csv *b)
{
    put_n(b, "\r\n", 2);
    b->fields = 0;
    if (b->sink && b->len >= EK__CSV_PIECE)
        flush_sink(b);
}

int ek__csv_finish(ek__csv *b, char **out)
{
    if (b->failed) {
        ek__csv_discard(b);
        return ek__oom();
    }
    if (!b->p) {
        b->p = ek__strdup("");
        if (!b->p)
            return ek__oom();
    }
    *out = b->p;
    b->p = NULL;
    return EK_OK;
}

int ek__csv_finish_sink(ek__csv *b)
{
    flush_sink(b);
    int rc = b->failed ? ek__oom() : b->refused ? EK_EIO : EK_OK;
    ek__csv_discard(b);
    return rc;
}

void ek__csv_discard(ek__csv *b)
{
    ek__free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
