/* SPDX-License-Identifier: MIT */
/*
 * The library's one growable array and text buffer (issue 19, point 5), and UTF-8-safe truncation.
 * Private (not installed).  All memory goes through the allocator hook (internal.h); every failing
 * function sets the thread's last error (EK_ENOMEM) and leaves the buffer as it was.  One thread at
 * a time per buffer; no state outside the buffer.
 */
#ifndef EK_BUF_INTERNAL_H
#define EK_BUF_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "internal.h"

/* ---- growable arrays ---------------------------------------------------------------------- */

/*
 * Make room for @need elements of @elem bytes in the array *@arr of capacity *@cap (elements):
 * when *@cap < @need, the capacity doubles (starting at @min_cap, at least 1) until it holds
 * @need, and the array is reallocated.  New elements are not initialised.
 * @return EK_OK; EK_ENOMEM (allocation failed or size overflow; *@arr and *@cap unchanged).
 */
int ek__vec_reserve(void **arr, size_t *cap, size_t need, size_t elem, size_t min_cap);

/* Like ek__vec_reserve(), and the new elements (from the old capacity on) are zeroed. */
int ek__vec_reserve_zero(void **arr, size_t *cap, size_t need, size_t elem, size_t min_cap);

/* ek__vec_reserve() for a typed pointer lvalue: EK__VEC_RESERVE(r->items, r->cap, r->n + 1, 8). */
#define EK__VEC_RESERVE(arr, cap, need, min_cap) \
    ek__vec_reserve((void **)&(arr), &(cap), (need), sizeof *(arr), (min_cap))
#define EK__VEC_RESERVE_ZERO(arr, cap, need, min_cap) \
    ek__vec_reserve_zero((void **)&(arr), &(cap), (need), sizeof *(arr), (min_cap))

/* ---- growable text ------------------------------------------------------------------------ */

/*
 * A growable, NUL-terminated text.  @data is NULL until the first append (ek__buf_str() gives ""
 * then); @len excludes the NUL; @cap is the allocation's size.  Zero-initialise (EK__BUF_INIT);
 * release with ek__buf_free().
 */
typedef struct ek__buf {
    char *data;
    size_t len;
    size_t cap;
} ek__buf;

#define EK__BUF_INIT { NULL, 0, 0 }

/* Room for @extra more bytes plus the NUL.  EK_OK or EK_ENOMEM. */
int ek__buf_reserve(ek__buf *b, size_t extra);
/* Append @n bytes of @s (which need not be NUL-terminated).  EK_OK or EK_ENOMEM. */
int ek__buf_append(ek__buf *b, const char *s, size_t n);
/* Append a NUL-terminated string (NULL appends nothing).  EK_OK or EK_ENOMEM. */
int ek__buf_puts(ek__buf *b, const char *s);
/* Append printf-formatted text (@fmt is used as given: translate it first if it is shown to people).
 * EK_OK; EK_ENOMEM; EK_EINVAL for a format error (the buffer unchanged). */
int ek__buf_printf(ek__buf *b, const char *fmt, ...) EK_PRINTF(2, 3);
int ek__buf_vprintf(ek__buf *b, const char *fmt, va_list ap) EK_PRINTF(2, 0);
/* Forget the text, keep the allocation (for reuse from record to record). */
void ek__buf_clear(ek__buf *b);
/* Shorten the text to at most @len bytes, never inside a UTF-8 character. */
void ek__buf_truncate(ek__buf *b, size_t len);
/* The text; "" (static) before the first append.  Valid until the next change to @b. */
const char *ek__buf_str(const ek__buf *b);
/* Hand the allocation to the caller (free with ek__free()); NULL when nothing was appended.  @b is
 * left empty (EK__BUF_INIT). */
char *ek__buf_steal(ek__buf *b);
/* Release the allocation; @b is left empty and may be reused.  NULL is a no-op. */
void ek__buf_free(ek__buf *b);

/* ---- UTF-8-safe truncation ---------------------------------------------------------------- */

/*
 * The largest length <= @max (and <= @len) at which @s (of @len bytes) can be cut without
 * splitting a UTF-8 character: never after a lead byte whose continuation bytes fall beyond the
 * cut.  Text that is not UTF-8 is cut at @max.
 */
size_t ek__utf8_cut(const char *s, size_t len, size_t max);

/* Shorten the NUL-terminated @s in place so that it does not end inside a UTF-8 character (after
 * a truncating snprintf). */
void ek__utf8_trim(char *s);

#endif /* EK_BUF_INTERNAL_H */
