/* SPDX-License-Identifier: MIT */
/* The growable array and text buffer, UTF-8-safe truncation (buf_internal.h). */
#include <stdio.h>
#include <string.h>

#include "buf_internal.h"

static int vec_reserve(void **arr, size_t *cap, size_t need, size_t elem, size_t min_cap, int zero)
{
    if (need <= *cap)
        return EK_OK;
    if (elem == 0)
        return ek__error(EK_EINTERNAL, "ek__vec_reserve: element size 0");
    size_t n = *cap ? *cap : (min_cap ? min_cap : 1);
    while (n < need) {
        if (n > ((size_t)-1) / 2)
            return ek__oom();
        n *= 2;
    }
    if (n > ((size_t)-1) / elem)
        return ek__oom();
    char *p = ek__realloc(*arr, n * elem);
    if (p == NULL)
        return ek__oom();
    if (zero)
        memset(p + *cap * elem, 0, (n - *cap) * elem);
    *arr = p;
    *cap = n;
    return EK_OK;
}

int ek__vec_reserve(void **arr, size_t *cap, size_t need, size_t elem, size_t min_cap)
{
    return vec_reserve(arr, cap, need, elem, min_cap, 0);
}

int ek__vec_reserve_zero(void **arr, size_t *cap, size_t need, size_t elem, size_t min_cap)
{
    return vec_reserve(arr, cap, need, elem, min_cap, 1);
}

int ek__buf_reserve(ek__buf *b, size_t extra)
{
    if (extra > ((size_t)-1) - b->len - 1)
        return ek__oom();
    return ek__vec_reserve((void **)&b->data, &b->cap, b->len + extra + 1, 1, 64);
}

int ek__buf_append(ek__buf *b, const char *s, size_t n)
{
    int rc = ek__buf_reserve(b, n);
    if (rc != EK_OK)
        return rc;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return EK_OK;
}

int ek__buf_puts(ek__buf *b, const char *s)
{
    return s ? ek__buf_append(b, s, strlen(s)) : EK_OK;
}

int ek__buf_vprintf(ek__buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, aq);
    va_end(aq);
    if (n < 0)
        return ek__error(EK_EINVAL, "ek__buf_printf: format error");
    if ((size_t)n < sizeof small)
        return ek__buf_append(b, small, (size_t)n);
    int rc = ek__buf_reserve(b, (size_t)n);
    if (rc != EK_OK)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return EK_OK;
}

int ek__buf_printf(ek__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ek__buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void ek__buf_clear(ek__buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void ek__buf_truncate(ek__buf *b, size_t len)
{
    if (b->data == NULL || len >= b->len)
        return;
    b->len = ek__utf8_cut(b->data, b->len, len);
    b->data[b->len] = '\0';
}

const char *ek__buf_str(const ek__buf *b)
{
    return b->data ? b->data : "";
}

char *ek__buf_steal(ek__buf *b)
{
    char *p = b->data;
    ek__buf blank = EK__BUF_INIT;
    *b = blank;
    return p;
}

void ek__buf_free(ek__buf *b)
{
    if (b == NULL)
        return;
    ek__free(b->data);
    ek__buf blank = EK__BUF_INIT;
    *b = blank;
}

/* ---- UTF-8 ---------------------------------------------------------------------------------- */

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Bytes of the sequence a lead byte starts; 0 for a continuation or invalid byte. */
static size_t seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

size_t ek__utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    const unsigned char *u = (const unsigned char *)s;
    /* The cut falls before u[max]; it splits a character when u[max] continues one. */
    size_t i = max;
    while (i > 0 && max - i < 3 && is_cont(u[i]))
        i--;
    if (i == max)
        return max;
    size_t need = seq_len(u[i]);
    if (need > 1 && i + need > max && !is_cont(u[i]))
        return i;
    return max;  /* not UTF-8 there: cut at the byte */
}

void ek__utf8_trim(char *s)
{
    size_t len = strlen(s);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = len;
    while (i > 0 && len - i < 3 && is_cont(u[i - 1]))
        i--;
    if (i == 0)
        return;
    i--;  /* the byte before the trailing continuation bytes (or the last byte) */
    size_t need = seq_len(u[i]);
    if (need > 1 && i + need > len)
        s[i] = '\0';
}
