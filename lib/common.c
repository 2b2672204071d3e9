/* SPDX-License-Identifier: MIT */
/* Status names, the per-thread last error, the allocator hook, the version. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_internal.h"
#include "i18n.h"
#include "internal.h"

/* ---- allocator --------------------------------------------------------- */

static void *default_malloc(size_t size, void *user) { (void)user; return malloc(size); }
static void *default_realloc(void *p, size_t size, void *user) { (void)user; return realloc(p, size); }
static void default_free(void *p, void *user) { (void)user; free(p); }

/* The one process-wide setting (see ek_set_allocator()); set before any other call. */
static ek_allocator ek__alloc = { EK_ALLOCATOR_VERSION, default_malloc, default_realloc, default_free, NULL };

int ek_set_allocator(const ek_allocator *a)
{
    if (a == NULL) {
        ek_allocator def = { EK_ALLOCATOR_VERSION, default_malloc, default_realloc, default_free, NULL };
        ek__alloc = def;
        return EK_OK;
    }
    if (a->version != EK_ALLOCATOR_VERSION)
        return ek__error(EK_EVERSION, "ek_set_allocator: struct version %u unknown (expected %u)",
                         a->version, (unsigned)EK_ALLOCATOR_VERSION);
    if (a->malloc_fn == NULL || a->realloc_fn == NULL || a->free_fn == NULL)
        return ek__error(EK_EINVAL, "ek_set_allocator: malloc_fn, realloc_fn and free_fn are all required");
    ek__alloc = *a;
    return EK_OK;
}

void *ek__malloc(size_t size)
{
    return ek__alloc.malloc_fn(size ? size : 1, ek__alloc.user);
}

void *ek__calloc(size_t n, size_t size)
{
    if (size != 0 && n > (size_t)-1 / size)
        return NULL;
    size_t total = n * size;
    void *p = ek__malloc(total);
    if (p)
        memset(p, 0, total ? total : 1);
    return p;
}

void *ek__realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return ek__malloc(size);
    return ek__alloc.realloc_fn(ptr, size ? size : 1, ek__alloc.user);
}

void ek__free(void *ptr)
{
    if (ptr)
        ek__alloc.free_fn(ptr, ek__alloc.user);
}

void ek_free(void *ptr) { ek__free(ptr); }

char *ek__strndup(const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    char *d = ek__malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *ek__strdup(const char *s)
{
    return s ? ek__strndup(s, strlen(s)) : NULL;
}

void ek__strlcpy(char *dst, const char *src, size_t size)
{
    if (size == 0)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= size)
        n = ek__utf8_cut(src, n, size - 1);  /* never inside a UTF-8 character */
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ---- errors ------------------------------------------------------------ */

/* Fixed-size thread-local storage: nothing to free when a thread ends.  Always of the current version:
 * its language member says which language the message was written in (i18n.h). */
static _Thread_local ek_error ek__tls_error = EK_ERROR_INIT;

/* The members of an ek_error of version 1 (the struct before @c language): its size. */
#define EK__ERROR_V1_SIZE offsetof(ek_error, language)

ek_error *ek__error_slot(void) { return &ek__tls_error; }

const ek_error *ek_error_last(void) { return &ek__tls_error; }

void ek_error_clear(void)
{
    ek_error blank = EK_ERROR_INIT;
    ek__tls_error = blank;
}

int ek_error_copy(ek_error *out)
{
    if (out == NULL)
        return EK_EINVAL;
    if (out->version == 1) {
        /* a caller built against the version-1 header: its struct ends before @c language */
        memcpy(out, &ek__tls_error, EK__ERROR_V1_SIZE);
        out->version = 1;
        return EK_OK;
    }
    if (out->version != EK_ERROR_VERSION)
        return EK_EVERSION;
    *out = ek__tls_error;
    return EK_OK;
}

int ek__error_import(ek_error *dst, const ek_error *src)
{
    ek_error blank = EK_ERROR_INIT;
    if (src->version == EK_ERROR_VERSION) {
        *dst = *src;
        return EK_OK;
    }
    if (src->version != 1)
        return EK_EVERSION;
    *dst = blank;
    memcpy(dst, src, EK__ERROR_V1_SIZE);
    dst->version = EK_ERROR_VERSION;
    /* version 1 has no language: the one it would be shown in now (ek_error_format()) */
    ek__strlcpy(dst->language, ek__lang_name(ek__lang_current()), sizeof dst->language);
    return EK_OK;
}

/* Record the calling thread's current language in @e (the message is about to be written in it). */
static void set_language(ek_error *e)
{
    ek__strlcpy(e->language, ek__lang_name(ek__lang_current()), sizeof e->language);
}

int ek__verror(int status, const char *fmt, va_list ap)
{
    ek_error *e = &ek__tls_error;
    ek_error blank = EK_ERROR_INIT;
    *e = blank;
    e->status = status;
    set_language(e);
    vsnprintf(e->message, sizeof e->message, _(fmt), ap);  /* translated: see i18n.h */
    ek__utf8_trim(e->message);     /* a cut message never ends inside a character */
    ek_text_mask_pnr(e->message);  /* nothing shaped like a personnummer leaves in a message (issue 18) */
    return status;
}

int ek__error(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ek__verror(status, fmt, ap);
    va_end(ap);
    return status;
}

int ek__error_at(int status, const char *source, unsigned long line, unsigned long column,
                 const char *record_id, const char *field, const char *fmt, ...)
{
    ek_error *e = &ek__tls_error;
    ek_error blank = EK_ERROR_INIT;
    *e = blank;
    e->status = status;
    set_language(e);
    /* The place goes into the fields only; ek_error_format() makes the display string (issue 19). */
    ek__strlcpy(e->source, source, sizeof e->source);
    e->line = line;
    e->column = column;
    ek__strlcpy(e->record_id, record_id, sizeof e->record_id);
    ek__strlcpy(e->field, field, sizeof e->field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, _(fmt), ap);  /* translated: see i18n.h */
    va_end(ap);
    ek__utf8_trim(e->message);
    /* Nothing shaped like a personnummer leaves in an error (issue 18): not in the message, nor in
     * the record id, field or file name it names. */
    ek_text_mask_pnr(e->message);
    ek_text_mask_pnr(e->source);
    ek_text_mask_pnr(e->record_id);
    ek_text_mask_pnr(e->field);
    return status;
}

/* Append @s to buf[*pos..size), counting what did not fit; *pos is the full length so far. */
static void put(char *buf, size_t size, size_t *pos, const char *s)
{
    size_t n = strlen(s);
    if (*pos < size) {
        size_t room = size - 1 - *pos;
        size_t k = n < room ? n : room;
        memcpy(buf + *pos, s, k);
        buf[*pos + k] = '\0';
    }
    *pos += n;
}

/* Copy at most size - 1 bytes of a char array that may lack its NUL. */
static void bounded_copy(char *dst, const char *src, size_t size)
{
    size_t n = ek__utf8_cut(src, strnlen(src, size - 1), size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int ek_error_format(const ek_error *e, char *buf, size_t size)
{
    if (e == NULL || (buf == NULL && size > 0))
        return EK_EINVAL;
    if (e->version != EK_ERROR_VERSION && e->version != 1)
        return EK_EVERSION;
    if (size > 0)
        buf[0] = '\0';
    /* The words in the language the message was written in (the last error or a copy of it); version 1
     * has no language, nor has a name this library does not know: the calling thread's. */
    int lang = EK__LANG_KEEP;
    if (e->version >= 2) {
        char name[sizeof e->language];
        bounded_copy(name, e->language, sizeof name);
        int l = ek__lang_from_name(name);
        if (l >= EK__LANG_PROCESS)
            lang = l;
    }
    EK__LANG_SCOPE(lang);
    size_t pos = 0;
    char num[48];
    /* Bounded reads: a caller's struct may lack the NULs (the library's never do). */
    char source[sizeof e->source], id[sizeof e->record_id], field[sizeof e->field], msg[sizeof e->message];
    bounded_copy(source, e->source, sizeof source);
    bounded_copy(id, e->record_id, sizeof id);
    bounded_copy(field, e->field, sizeof field);
    bounded_copy(msg, e->message, sizeof msg);
    if (source[0]) {
        put(buf, size, &pos, source);
        if (e->line) {
            if (e->column)
                snprintf(num, sizeof num, ":%lu:%lu", e->line, e->column);
            else
                snprintf(num, sizeof num, ":%lu", e->line);
            put(buf, size, &pos, num);
        }
        put(buf, size, &pos, ": ");
    }
    put(buf, size, &pos, msg[0] ? msg : ek_status_name(e->status));
    char ctx[sizeof id + sizeof field + 64];
    ctx[0] = '\0';
    if (id[0] && field[0])
        snprintf(ctx, sizeof ctx, _(" (case %s, field %s)"), id, field);
    else if (id[0])
        snprintf(ctx, sizeof ctx, _(" (case %s)"), id);
    else if (field[0])
        snprintf(ctx, sizeof ctx, _(" (field %s)"), field);
    put(buf, size, &pos, ctx);
    if (size > 0 && pos >= size)
        ek__utf8_trim(buf);  /* cut: never inside a character */
    return pos > (size_t)INT_MAX ? EK_ELIMIT : (int)pos;
}

const char *ek_status_name(int status)
{
    switch (status) {
    case EK_OK: return "EK_OK";
    case EK_EINVAL: return "EK_EINVAL";
    case EK_ENOMEM: return "EK_ENOMEM";
    case EK_EPARSE: return "EK_EPARSE";
    case EK_ERANGE: return "EK_ERANGE";
    case EK_ENOTFOUND: return "EK_ENOTFOUND";
    case EK_ECONFLICT: return "EK_ECONFLICT";
    case EK_EIO: return "EK_EIO";
    case EK_ESTATE: return "EK_ESTATE";
    case EK_EVERSION: return "EK_EVERSION";
    case EK_ELIMIT: return "EK_ELIMIT";
    case EK_EINTERNAL: return "EK_EINTERNAL";
    default: return "EK_EUNKNOWN";
    }
}

/* ---- results ----------------------------------------------------------- */

/* The one table of the result codes; each code is also the msgid of its word (ek_result_label()). */
static const char *const result_names[] = {
    "invalid",
    /* TRANSLATORS: result codes of checklist and lex Sarah items shown as words in text output. */
    N_("pass"), N_("fail"), N_("error"), N_("unknown"), N_("notapplicable"),
    N_("notchecked"), N_("notselected"), N_("informational"), N_("fixed"),
};

size_t ek_result_count(void) { return sizeof result_names / sizeof result_names[0] - 1; }

const char *ek_result_name(ek_result result)
{
    if ((int)result <= 0 || (size_t)result >= sizeof result_names / sizeof result_names[0])
        return "invalid";
    return result_names[result];
}

const char *ek_result_label(ek_result result)
{
    if ((int)result <= 0 || (size_t)result >= sizeof result_names / sizeof result_names[0])
        return "invalid";
    return _(result_names[result]);
}

int ek_result_from_name(const char *name, ek_result *out)
{
    if (name == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_result_from_name: NULL argument");
    for (size_t i = 1; i < sizeof result_names / sizeof result_names[0]; i++)
        if (strcmp(name, result_names[i]) == 0) {
            *out = (ek_result)i;
            return EK_OK;
        }
    return ek__error(EK_EPARSE, "not a result (pass, fail, error, unknown, notapplicable, "
                     "notchecked, notselected, informational, fixed)");  /* never the value (issue 18) */
}

/* ---- version ----------------------------------------------------------- */

int ek_version(void) { return EK_VERSION_NUMBER; }

const char *ek_version_string(void) { return EK_VERSION_STRING; }
