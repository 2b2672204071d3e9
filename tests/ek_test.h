/* SPDX-License-Identifier: MIT */
/* Shared helpers for the Check suites. */
#ifndef EK_TEST_H
#define EK_TEST_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

/* An error's display string (ek_error_format(): location, message, case id, field), as a user sees
 * it.  In a per-thread buffer, valid until the next call on the thread. */
static inline const char *ek_t_error_text(const ek_error *e)
{
    static _Thread_local char buf[EK_ERROR_FORMAT_SIZE];
    if (ek_error_format(e, buf, sizeof buf) < 0)
        buf[0] = '\0';
    return buf;
}
#define ek_t_last_error_text() ek_t_error_text(ek_error_last())

/* Assert a call returns EK_OK; on failure show the library's message. */
#define ck_ok(call) do { int ek_rc_ = (call); \
    ck_assert_msg(ek_rc_ == EK_OK, "%s returned %s: %s", #call, ek_status_name(ek_rc_), ek_t_last_error_text()); \
} while (0)

/* Assert a call fails with a given status. */
#define ck_status(call, want) do { int ek_rc_ = (call); \
    ck_assert_msg(ek_rc_ == (want), "%s returned %s, expected %s (%s)", #call, ek_status_name(ek_rc_), \
                  ek_status_name(want), ek_t_last_error_text()); \
} while (0)

/* Assert the last error's display string (ek_error_format()) contains a substring. */
#define ck_msg_has(needle) ck_assert_msg(strstr(ek_t_last_error_text(), (needle)) != NULL, \
    "last error \"%s\" lacks \"%s\"", ek_t_last_error_text(), (needle))

/* Parse a date or fail the test. */
static inline ek_date ek_t_date(const char *s)
{
    ek_date d = EK_DATE_NONE;
    int rc = ek_date_parse(s, &d);
    ck_assert_msg(rc == EK_OK, "bad test date %s: %s", s, ek_error_last()->message);
    return d;
}

/* A path in the source tree: $EK_SOURCE_DIR (tests/meson.build sets it; ".." when unset, the build
 * directory's parent), "/", then the printf-formatted rest, into @buf of @size bytes (the test fails
 * when it does not fit).  Returns @buf. */
static inline char *ek_t_source_path(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline char *ek_t_source_path(char *buf, size_t size, const char *fmt, ...)
{
    const char *src = getenv("EK_SOURCE_DIR");
    int n = snprintf(buf, size, "%s/", src ? src : "..");
    ck_assert_msg(n >= 0 && (size_t)n < size, "source path too long");
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, size - (size_t)n, fmt, ap);
    va_end(ap);
    ck_assert_msg(m >= 0 && (size_t)m < size - (size_t)n, "source path too long: %s", buf);
    return buf;
}

/* The whole file at @path, NUL-terminated, in a malloc'd buffer (free()); its length in *@len.  The
 * test fails when the file cannot be read. */
static inline char *ek_t_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    long n = ftell(fp);
    ck_assert_msg(n >= 0, "cannot tell the size of %s", path);
    ck_assert_int_eq(fseek(fp, 0, SEEK_SET), 0);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

/* ek_t_slurp() of a file in the source tree (@rel as ek_t_source_path() takes it, without format). */
static inline char *ek_t_slurp_source(const char *rel, size_t *len)
{
    char path[4096];
    return ek_t_slurp(ek_t_source_path(path, sizeof path, "%s", rel), len);
}

/* Run a suite; returns the process exit status. */
static inline int ek_t_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ---- allocation-failure injection (through ek_set_allocator) ---------- */
/* Fail allocation number `fail_at` (1-based); with `sticky`, every later one too. */
typedef struct ek_t_alloc {
    long count;        /* allocations attempted */
    long fail_at;      /* 0: never fail */
    int sticky;
    long live;         /* outstanding blocks */
} ek_t_alloc;

void ek_t_alloc_install(ek_t_alloc *state);   /* in ek_test_alloc.c */
void ek_t_alloc_uninstall(void);

#endif
