/* SPDX-License-Identifier: MIT */
/* Private helpers shared by the library's modules.  Not installed. */
#ifndef EK_INTERNAL_H
#define EK_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include <egenkontroll/common.h>

#if defined(__GNUC__)
#  define EK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define EK_PRINTF(f, a)
#endif

/* Allocation through the installed allocator hook (common.c). */
void *ek__malloc(size_t size);
void *ek__calloc(size_t n, size_t size);   /* zeroed; checks overflow */
void *ek__realloc(void *ptr, size_t size);
void ek__free(void *ptr);
char *ek__strdup(const char *s);           /* NULL for NULL */
char *ek__strndup(const char *s, size_t n);

/*
 * Set the calling thread's last error and return @status (so callers can
 * write `return ek__error(EK_EINVAL, "…")`).
 */
int ek__error(int status, const char *fmt, ...) EK_PRINTF(2, 3);
int ek__verror(int status, const char *fmt, va_list ap) EK_PRINTF(2, 0);

/*
 * Set the last error with a location.  Any of source / record_id / field may
 * be NULL; line and column 0 mean unknown.  The location goes into the error's
 * fields only, never into the message (ek_error_format() composes the display
 * string); so re-issuing an error elsewhere is ek__error_at(e->status, ...,
 * "%s", e->message), with no text to cut out.
 */
int ek__error_at(int status, const char *source, unsigned long line, unsigned long column,
                 const char *record_id, const char *field, const char *fmt, ...) EK_PRINTF(7, 8);

/* The thread's error record, writable (common.c). */
ek_error *ek__error_slot(void);

/* Copy a caller's error @src of any known version into @dst (of the current version): a version-1
 * struct is read only as far as its members go and gets the calling thread's current language.
 * EK_OK, or EK_EVERSION (unknown src->version; @dst untouched).  Sets no error. */
int ek__error_import(ek_error *dst, const ek_error *src);

/* Out-of-memory shortcut. */
#define ek__oom() ek__error(EK_ENOMEM, "out of memory")

/* Logging through a context (context.c); NULL ctx or no callback is a no-op. */
void ek__log(const ek_context *ctx, ek_log_level level, const char *fmt, ...) EK_PRINTF(3, 4);

/*
 * The language of @ctx for EK__LANG_SCOPE() (i18n.h): EK__LANG_PROCESS or a
 * compiled catalogue; EK__LANG_KEEP for a NULL @ctx (context.c).  Every public
 * function that takes a context starts with EK__CONTEXT_LANG(ctx).
 */
int ek__context_lang(const ek_context *ctx);
#define EK__CONTEXT_LANG(ctx) EK__LANG_SCOPE(ek__context_lang(ctx))
/* The same for a report's context (report.c); every public ek_report_* function starts with it. */
struct ek_report;
int ek__report_lang(const struct ek_report *r);
#define EK__REPORT_LANG(r) EK__LANG_SCOPE(ek__report_lang(r))

/* Safe string copy: always NUL-terminates, truncates. */
void ek__strlcpy(char *dst, const char *src, size_t size);
/* Whether @s looks like YYYY-MM-DD (ten characters, digits and the two dashes): such text may be
 * quoted in an error message; any other rejected text is not (it may hold personal data, issue 18). */
int ek__date_shaped(const char *s);

#endif /* EK_INTERNAL_H */
