/* SPDX-License-Identifier: MIT */
/* Shared helpers for the Check suites. */
#ifndef EK_TEST_H
#define EK_TEST_H

#include <check.h>
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
