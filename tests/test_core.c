/* SPDX-License-Identifier: MIT */
/* Suite "core": status names, errors, version, allocator hook, context, policy. */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "ek_test.h"

START_TEST(status_names)
{
    ck_assert_str_eq(ek_status_name(EK_OK), "EK_OK");
    ck_assert_str_eq(ek_status_name(EK_EPARSE), "EK_EPARSE");
    ck_assert_str_eq(ek_status_name(EK_ELIMIT), "EK_ELIMIT");
    ck_assert_str_eq(ek_status_name(-12345), "EK_EUNKNOWN");
}
END_TEST

START_TEST(result_names_round_trip)
{
    /* Every cell of the table, both directions. */
    static const char *names[] = { "pass", "fail", "error", "unknown", "notapplicable",
                                   "notchecked", "notselected", "informational", "fixed" };
    for (int i = 0; i < 9; i++) {
        ek_result r = EK_RESULT_INVALID;
        ck_ok(ek_result_from_name(names[i], &r));
        ck_assert_int_eq(r, i + 1);
        ck_assert_str_eq(ek_result_name(r), names[i]);
    }
    ck_assert_str_eq(ek_result_name(EK_RESULT_ERROR), "error");
    ck_assert_str_eq(ek_result_name(EK_RESULT_UNKNOWN), "unknown");
    ck_assert_str_eq(ek_result_name(EK_RESULT_INVALID), "invalid");
    ck_assert_str_eq(ek_result_name((ek_result)10), "invalid");
    ek_result r = EK_RESULT_PASS;
    ck_status(ek_result_from_name("passed", &r), EK_EPARSE);
    ck_msg_has("not a result (pass, fail");
    ck_assert_msg(strstr(ek_error_last()->message, "passed") == NULL, "%s", ek_error_last()->message); /* never the value (issue 18) */
    ck_status(ek_result_from_name("invalid", &r), EK_EPARSE);
    ck_assert_int_eq(r, EK_RESULT_PASS);
}
END_TEST

START_TEST(result_count_covers_the_table)
{
    /* The results are 1 … ek_result_count(): each has a name, the one after has none. */
    size_t n = ek_result_count();
    ck_assert_uint_eq(n, EK_RESULT_FIXED);
    for (size_t i = 1; i <= n; i++) {
        ek_result r = EK_RESULT_INVALID;
        ck_assert_str_ne(ek_result_name((ek_result)i), "invalid");
        ck_ok(ek_result_from_name(ek_result_name((ek_result)i), &r));
        ck_assert_uint_eq((size_t)r, i);
    }
    ck_assert_str_eq(ek_result_name((ek_result)(n + 1)), "invalid");
}
END_TEST

START_TEST(version_matches_headers)
{
    ck_assert_int_eq(ek_version(), EK_VERSION_NUMBER);
    ck_assert_str_eq(ek_version_string(), EK_VERSION_STRING);
    ck_assert(EK_VERSION_CHECK(0, 1, 0));
    ck_assert(!EK_VERSION_CHECK(EK_VERSION_MAJOR + 1, 0, 0));
}
END_TEST

START_TEST(error_last_never_null_and_copy)
{
    ck_assert_ptr_nonnull(ek_error_last());
    ek_error_clear();
    ck_assert_int_eq(ek_error_last()->status, EK_OK);
    ck_assert_str_eq(ek_error_last()->message, "");

    ek_policy *p = NULL;
    ck_ok(ek_policy_new(&p));
    ck_status(ek_policy_set(p, "no_such_parameter", "1d"), EK_ENOTFOUND);
    ck_msg_has("no_such_parameter");

    ek_error copy = EK_ERROR_INIT;
    ck_ok(ek_error_copy(&copy));
    ck_assert_int_eq(copy.status, EK_ENOTFOUND);
    ck_assert_str_eq(copy.message, ek_error_last()->message);

    ek_error bad = EK_ERROR_INIT;
    bad.version = 999;
    ck_assert_int_eq(ek_error_copy(&bad), EK_EVERSION);
    ck_assert_int_eq(ek_error_copy(NULL), EK_EINVAL);
    ek_policy_free(p);
}
END_TEST

static void *thread_error(void *arg)
{
    (void)arg;
    ek_error_clear();
    ek_policy *p = NULL;
    if (ek_policy_new(&p) != EK_OK)
        return (void *)1;
    ek_policy_set(p, "in_thread", "1d");
    ek_policy_free(p);
    return strstr(ek_error_last()->message, "in_thread") ? NULL : (void *)1;
}

/* struct ek_error as a caller built against the version-1 header has it (before `language`). */
typedef struct error_v1 {
    unsigned int version;
    int status;
    char message[512];
    char source[256];
    unsigned long line;
    unsigned long column;
    char record_id[96];
    char field[96];
} error_v1;

/* Version 1 is still served: ek_error_copy() writes only its members, ek_error_format() shows it (in the
 * calling thread's language), ek_report_add_rejected() keeps it; an unknown version is refused. */
START_TEST(error_version_1_still_served)
{
    ck_assert_uint_eq(sizeof(error_v1), offsetof(ek_error, language));
    ek_policy *p = NULL;
    ck_ok(ek_policy_new(&p));
    ck_status(ek_policy_set(p, "no_such_parameter", "1d"), EK_ENOTFOUND);
    struct {
        error_v1 e;
        unsigned char guard[64];
    } v1;
    memset(&v1, 0xA5, sizeof v1);
    v1.e.version = 1;
    ck_ok(ek_error_copy((ek_error *)&v1.e));
    ck_assert_uint_eq(v1.e.version, 1);
    ck_assert_int_eq(v1.e.status, EK_ENOTFOUND);
    ck_assert_str_eq(v1.e.message, ek_error_last()->message);
    for (size_t k = 0; k < sizeof v1.guard; k++)
        ck_assert_uint_eq(v1.guard[k], 0xA5);
    snprintf(v1.e.record_id, sizeof v1.e.record_id, "BU-1");
    char buf[EK_ERROR_FORMAT_SIZE];
    ck_assert_int_gt(ek_error_format((const ek_error *)&v1.e, buf, sizeof buf), 0);
    ck_assert_msg(strstr(buf, "no_such_parameter") != NULL && strstr(buf, " (case BU-1)") != NULL, "%s", buf);
    /* a report keeps a copy of version 1 without reading past it */
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    ek_report *r = NULL;
    ck_ok(ek_report_new(&r, ctx, ek_t_date("2025-09-01")));
    ck_ok(ek_report_add_rejected(r, EK_REPORT_INPUT_CASE, (const ek_error *)&v1.e));
    const ek_error *kept = NULL;
    ck_ok(ek_report_rejected(r, 0, NULL, &kept));
    ck_assert_uint_eq(kept->version, EK_ERROR_VERSION);
    ck_assert_str_eq(kept->record_id, "BU-1");
    ck_assert_str_eq(kept->language, "");
    ek_report_free(r);
    ek_context_free(ctx);
    /* unknown versions */
    ek_error bad = EK_ERROR_INIT;
    bad.version = 3;
    ck_assert_int_eq(ek_error_copy(&bad), EK_EVERSION);
    ck_assert_int_eq(ek_error_format(&bad, buf, sizeof buf), EK_EVERSION);
    bad.version = 0;
    ck_assert_int_eq(ek_error_copy(&bad), EK_EVERSION);
    ek_policy_free(p);
}
END_TEST

/* ek_error_format (issue 19): the display string from the fields, each part once, snprintf-like. */
START_TEST(error_format_shapes)
{
    ek_error e = EK_ERROR_INIT;
    e.status = EK_EPARSE;
    snprintf(e.message, sizeof e.message, "bad value");
    char buf[EK_ERROR_FORMAT_SIZE];
    ck_assert_int_eq(ek_error_format(&e, buf, sizeof buf), (int)strlen("bad value"));
    ck_assert_str_eq(buf, "bad value");
    snprintf(e.source, sizeof e.source, "a.jsonl");
    ek_error_format(&e, buf, sizeof buf);
    ck_assert_str_eq(buf, "a.jsonl: bad value");
    e.line = 3;
    ek_error_format(&e, buf, sizeof buf);
    ck_assert_str_eq(buf, "a.jsonl:3: bad value");
    e.column = 14;
    ek_error_format(&e, buf, sizeof buf);
    ck_assert_str_eq(buf, "a.jsonl:3:14: bad value");
    snprintf(e.field, sizeof e.field, "events[0].date");
    ek_error_format(&e, buf, sizeof buf);
    ck_assert_str_eq(buf, "a.jsonl:3:14: bad value (field events[0].date)");
    snprintf(e.record_id, sizeof e.record_id, "BU-1");
    int n = ek_error_format(&e, buf, sizeof buf);
    ck_assert_str_eq(buf, "a.jsonl:3:14: bad value (case BU-1, field events[0].date)");
    ck_assert_int_eq(n, (int)strlen(buf));
    e.field[0] = '\0';
    ek_error_format(&e, buf, sizeof buf);
    ck_assert_str_eq(buf, "a.jsonl:3:14: bad value (case BU-1)");
    /* no source: line and column are not shown without it */
    e.source[0] = '\0';
    ek_error_format(&e, buf, sizeof buf);
    ck_assert_str_eq(buf, "bad value (case BU-1)");
    /* an empty message: the status name */
    ek_error blank = EK_ERROR_INIT;
    blank.status = EK_EIO;
    ek_error_format(&blank, buf, sizeof buf);
    ck_assert_str_eq(buf, "EK_EIO");
}
END_TEST

START_TEST(error_format_is_snprintf_like_and_utf8_safe)
{
    ek_error e = EK_ERROR_INIT;
    e.status = EK_EPARSE;
    snprintf(e.source, sizeof e.source, "ärenden.jsonl");
    e.line = 2;
    snprintf(e.message, sizeof e.message, "åäö");
    char full[EK_ERROR_FORMAT_SIZE];
    int n = ek_error_format(&e, full, sizeof full);
    ck_assert_str_eq(full, "ärenden.jsonl:2: åäö");
    ck_assert_int_eq(n, (int)strlen(full));
    /* size 0: nothing written, NULL allowed, the length still returned */
    ck_assert_int_eq(ek_error_format(&e, NULL, 0), n);
    /* every cut: a prefix of the whole, never inside a character, same return value */
    for (size_t size = 1; size <= (size_t)n + 1; size++) {
        char buf[64];
        memset(buf, 'X', sizeof buf);
        ck_assert_int_eq(ek_error_format(&e, buf, size), n);
        size_t len = strlen(buf);
        ck_assert_uint_lt(len, size);
        ck_assert_int_eq(strncmp(buf, full, len), 0);
        ck_assert_msg(len == (size_t)n || (full[len] & 0xC0) != 0x80, "size %zu: cut inside a character", size);
        ck_assert_uint_ge(len + 2, size - 1 < (size_t)n ? size - 1 : (size_t)n);  /* at most a character lost */
    }
    /* fields without their NUL (a caller's struct): read within bounds */
    memset(e.record_id, 'R', sizeof e.record_id);
    n = ek_error_format(&e, full, sizeof full);
    ck_assert_int_eq(n, (int)strlen(full));
    ck_assert_ptr_nonnull(strstr(full, "(case RRR"));
    /* bad arguments; the last error is untouched */
    ek_error_clear();
    ck_assert_int_eq(ek_error_format(NULL, full, sizeof full), EK_EINVAL);
    ck_assert_int_eq(ek_error_format(&e, NULL, 4), EK_EINVAL);
    e.version = 99;
    ck_assert_int_eq(ek_error_format(&e, full, sizeof full), EK_EVERSION);
    ck_assert_int_eq(ek_error_last()->status, EK_OK);
}
END_TEST

/* Whether @s ends with a whole UTF-8 character (or is empty / ASCII at the end). */
static int ends_whole(const char *s)
{
    size_t len = strlen(s), i = len;
    while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0 || (unsigned char)s[i - 1] < 0x80)
        return i == len;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    return len - i == want;
}

/* Cut error texts never end inside a character: a long Swedish case id (the 96-byte record_id)
 * and a long Swedish event type quoted with a byte precision ("%.60s") in the message. */
START_TEST(error_texts_cut_at_a_character)
{
    char id[200] = "", type[200] = "a";
    for (int i = 0; i < 60; i++)
        strcat(id, "ö");  /* 120 bytes: the 95 kept would split the 48th ö */
    for (int i = 0; i < 40; i++)
        strcat(type, "å");  /* "%.60s" would keep a, 29 å and half of the 30th */
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, id));
    ck_ok(ek_case_add_event(c, type, ek_t_date("2026-01-05"), NULL));
    ck_assert_int_ne(ek_case_check_vocabulary(c), EK_OK);
    const ek_error *e = ek_error_last();
    ck_assert_msg(ends_whole(e->record_id), "record_id cut inside a character (%zu bytes)", strlen(e->record_id));
    ck_assert_uint_eq(strlen(e->record_id), 94);
    ck_assert_msg(ends_whole(e->message), "message cut inside a character: %s", e->message);
    ck_assert_ptr_nonnull(strstr(e->message, "a\xC3\xA5"));
    char shown[EK_ERROR_FORMAT_SIZE];
    ek_error_format(e, shown, sizeof shown);
    ck_assert_msg(ends_whole(shown), "%s", shown);
    ek_case_free(c);
}
END_TEST

START_TEST(error_is_per_thread)
{
    ek_policy *p = NULL;
    ck_ok(ek_policy_new(&p));
    ck_status(ek_policy_set(p, "in_main", "1d"), EK_ENOTFOUND);
    pthread_t t;
    void *res = (void *)1;
    ck_assert_int_eq(pthread_create(&t, NULL, thread_error, NULL), 0);
    pthread_join(t, &res);
    ck_assert_ptr_null(res);
    /* The other thread's error did not overwrite ours. */
    ck_msg_has("in_main");
    ek_policy_free(p);
}
END_TEST

START_TEST(allocator_validation)
{
    ek_allocator a = { EK_ALLOCATOR_VERSION, NULL, NULL, NULL, NULL };
    ck_status(ek_set_allocator(&a), EK_EINVAL);
    a.version = 77;
    ck_status(ek_set_allocator(&a), EK_EVERSION);
    ck_ok(ek_set_allocator(NULL));
}
END_TEST

START_TEST(allocator_is_used_and_balanced)
{
    ek_t_alloc st = { 0, 0, 0, 0 };
    ek_t_alloc_install(&st);
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_assert_int_gt(st.count, 0);
    ck_assert_int_gt(st.live, 0);
    ek_context_free(ctx);
    ek_t_alloc_uninstall();
    ck_assert_int_eq(st.live, 0);
}
END_TEST

/* Fail the 1st, 2nd, … allocation of ek_context_new, once and sticky:
 * always EK_ENOMEM, never a leak, and success once N exceeds the need. */
START_TEST(context_new_allocation_failures)
{
    for (int sticky = 0; sticky <= 1; sticky++) {
        int succeeded = 0;
        for (long n = 1; n < 64 && !succeeded; n++) {
            ek_t_alloc st = { 0, n, sticky, 0 };
            ek_t_alloc_install(&st);
            ek_context *ctx = NULL;
            int rc = ek_context_new(&ctx);
            if (rc == EK_OK) {
                succeeded = 1;
                ck_assert_ptr_nonnull(ctx);
                ek_context_free(ctx);
            } else {
                ck_assert_int_eq(rc, EK_ENOMEM);
                ck_assert_ptr_null(ctx);
            }
            ek_t_alloc_uninstall();
            ck_assert_msg(st.live == 0, "fail_at=%ld sticky=%d leaked %ld blocks", n, sticky, st.live);
        }
        ck_assert(succeeded);
    }
}
END_TEST

START_TEST(context_basics)
{
    ek_context *ctx = NULL;
    ck_status(ek_context_new(NULL), EK_EINVAL);
    ck_ok(ek_context_new(&ctx));
    ck_assert_ptr_nonnull(ek_context_calendar(ctx));
    ck_assert_ptr_nonnull(ek_context_policy(ctx));
    ck_assert_ptr_eq(ek_context_policy_const(ctx), ek_context_policy(ctx));
    ck_assert_ptr_null(ek_context_calendar(NULL));
    ck_status(ek_context_set_log(ctx, NULL, NULL, (ek_log_level)42), EK_EINVAL);
    ck_ok(ek_context_set_log(ctx, NULL, NULL, EK_LOG_DEBUG));
    ek_context_free(ctx);
    ek_context_free(NULL);
}
END_TEST

START_TEST(policy_defaults_and_set)
{
    ek_policy *p = NULL;
    char buf[32];
    ck_ok(ek_policy_new(&p));
    ck_ok(ek_policy_get(p, "besok_intervall", buf, sizeof buf));
    ck_assert_str_eq(buf, "3m");
    ck_ok(ek_policy_get(p, "bedom_mot", buf, sizeof buf));
    ck_assert_str_eq(buf, "legal");
    ck_assert_int_eq(ek_policy_judge_on(p), EK_JUDGE_LEGAL);

    ck_ok(ek_policy_set(p, "bedom_mot", "nominal"));
    ck_assert_int_eq(ek_policy_judge_on(p), EK_JUDGE_NOMINAL);
    ck_ok(ek_policy_set(p, "besok_intervall", "6w"));
    ek_period per;
    ck_ok(ek_policy_get_period(p, "besok_intervall", &per));
    ck_assert_int_eq(per.n, 6);
    ck_assert_int_eq(per.unit, EK_UNIT_WEEKS);

    /* A bad value leaves the old one in place and names the value. */
    ck_status(ek_policy_set(p, "besok_intervall", "often"), EK_EPARSE);
    ck_msg_has("often");
    ck_ok(ek_policy_get(p, "besok_intervall", buf, sizeof buf));
    ck_assert_str_eq(buf, "6w");
    ck_status(ek_policy_set(p, "bedom_mot", "lenient"), EK_EPARSE);
    ck_msg_has("legal|nominal");
    ck_status(ek_policy_get_period(p, "bedom_mot", &per), EK_EINVAL);
    ck_status(ek_policy_get(p, "besok_intervall", buf, 2), EK_ELIMIT);

    ek_policy *q = NULL;
    ck_ok(ek_policy_new(&q));
    ck_ok(ek_policy_copy(q, p));
    ck_assert_int_eq(ek_policy_judge_on(q), EK_JUDGE_NOMINAL);
    ck_ok(ek_policy_reset(q));
    ck_assert_int_eq(ek_policy_judge_on(q), EK_JUDGE_LEGAL);
    ek_policy_free(q);
    ek_policy_free(p);
}
END_TEST

START_TEST(policy_param_info_complete)
{
    size_t n = ek_policy_param_count();
    ck_assert_int_ge(n, 10);
    ek_policy *p = NULL;
    ck_ok(ek_policy_new(&p));
    for (size_t i = 0; i < n; i++) {
        const ek_policy_param_info *info = NULL;
        ck_ok(ek_policy_param_at(i, &info));
        ck_assert_int_eq(info->version, EK_POLICY_PARAM_INFO_VERSION);
        ck_assert(info->description && *info->description);
        ck_assert(info->basis && *info->basis);
        ck_assert(strcmp(info->certainty, "V") == 0 || strcmp(info->certainty, "S") == 0 ||
                  strcmp(info->certainty, "R") == 0);
        char buf[32];
        ck_ok(ek_policy_get(p, info->name, buf, sizeof buf));
        ck_assert_str_eq(buf, info->default_value);
    }
    const ek_policy_param_info *info = NULL;
    ck_status(ek_policy_param_at(n, &info), EK_ERANGE);
    ek_policy_free(p);
}
END_TEST


/* ---- text made safe for output (issue 18) ------------------------------- */

static char *safe(const char *s, unsigned int flags)
{
    static char buf[512];
    size_t n = ek_text_safe(s, flags, buf, sizeof buf);
    ck_assert_uint_lt(n, sizeof buf);
    ck_assert_uint_eq(n, strlen(buf));
    ck_assert_uint_eq(ek_text_safe(s, flags, NULL, 0), n); /* measuring gives the same length */
    return buf;
}

START_TEST(text_escapes_control_characters)
{
    ck_assert_str_eq(safe("BU-1", EK_TEXT_LINE), "BU-1");
    ck_assert_str_eq(safe("Söder åäö", EK_TEXT_LINE), "Söder åäö");
    ck_assert_str_eq(safe("a\nb\rc\td", EK_TEXT_LINE), "a\\nb\\rc\\td");
    ck_assert_str_eq(safe("\x1b[31mred\a\x7f", EK_TEXT_LINE), "\\x1b[31mred\\x07\\x7f");
    ck_assert_str_eq(safe("\xc2\x9b" "2J", EK_TEXT_LINE), "\\u009b2J");              /* C1 CSI as UTF-8 */
    ck_assert_str_eq(safe("\x9b" "2J\xff", EK_TEXT_LINE), "\\x9b2J\\xff");           /* bytes that are not UTF-8 */
    ck_assert_str_eq(safe("a\xe2\x80\xae" "b\xe2\x80\xa8", EK_TEXT_LINE), "a\\u202eb\\u2028"); /* bidi, LS */
    ck_assert_str_eq(safe("\xe0\x80\x80", EK_TEXT_LINE), "\\xe0\\x80\\x80");         /* overlong */
    ck_assert_str_eq(safe(NULL, EK_TEXT_LINE), "");
    ck_assert_str_eq(safe("a\nb", 0), "a\nb");
}
END_TEST

START_TEST(text_masks_personal_identity_numbers)
{
    ck_assert_str_eq(safe("x 121212-1212 y", EK_TEXT_LINE), "x XXXXXX-XXXX y");
    ck_assert_str_eq(safe("19121212-1212", EK_TEXT_LINE), "XXXXXXXX-XXXX");
    ck_assert_str_eq(safe("20121212+1212", EK_TEXT_LINE), "XXXXXXXX+XXXX");
    ck_assert_str_eq(safe("191212121212", EK_TEXT_LINE), "XXXXXXXXXXXX");
    ck_assert_str_eq(safe("1212121212", EK_TEXT_LINE), "XXXXXXXXXX");
    ck_assert_str_eq(safe("BU-121272-1212", EK_TEXT_LINE), "BU-XXXXXX-XXXX");  /* samordningsnummer: day + 60 */
    /* not shaped like one: dates, case numbers, a month 13, day 00, longer runs */
    ck_assert_str_eq(safe("2026-01-12 BU-2025-0117", EK_TEXT_LINE), "2026-01-12 BU-2025-0117");
    ck_assert_str_eq(safe("121312-1212 121200-1212", EK_TEXT_LINE), "121312-1212 121200-1212");
    ck_assert_str_eq(safe("12121212121 1212121212123", EK_TEXT_LINE), "12121212121 1212121212123");
    ck_assert_str_eq(safe("121212-12123", EK_TEXT_LINE), "121212-12123");
    ck_assert_str_eq(safe("121212-1212", EK_TEXT_ESCAPE), "121212-1212");  /* only when asked */
    char s[] = "a 19121212-1212, b 121212+1212 c 2026-01-01";
    ck_assert_uint_eq(ek_text_mask_pnr(s), 2);
    ck_assert_str_eq(s, "a XXXXXXXX-XXXX, b XXXXXX+XXXX c 2026-01-01");
    ck_assert_uint_eq(ek_text_mask_pnr(NULL), 0);
    /* found by fuzz_output: an escape next to digits must not make a new one ("\x18" + "1212-1212") */
    char esc[64];
    ek_text_safe("\x18" "1212-1212", EK_TEXT_LINE, esc, sizeof esc);
    ck_assert_uint_eq(ek_text_mask_pnr(esc), 0);
    ck_assert_str_eq(esc, "\\xXXXXXX-XXXX");
}
END_TEST

/* The masking as it looked at every byte before issue 15 made it look at every sixth: the
 * reference for text_masking_same_as_bytewise. */
static int ref_digit(char c) { return c >= '0' && c <= '9'; }
static size_t ref_run(const char *s, size_t i)
{
    size_t n = 0;
    while (ref_digit(s[i + n]))
        n++;
    return n;
}
static int ref_two(const char *p) { return (p[0] - '0') * 10 + (p[1] - '0'); }
static size_t ref_pnr_at(const char *s, size_t i)
{
    size_t a = ref_run(s, i), date_len, len;
    if (a == 10 || a == 12) {
        date_len = a - 4;
        len = a;
    } else if ((a == 6 || a == 8) && (s[i + a] == '-' || s[i + a] == '+') && ref_run(s, i + a + 1) == 4) {
        date_len = a;
        len = a + 5;
    } else {
        return 0;
    }
    const char *d = s + i + date_len - 4;
    int month = ref_two(d), day = ref_two(d + 2);
    if (month < 1 || month > 12 || !((day >= 1 && day <= 31) || (day >= 61 && day <= 91)))
        return 0;
    if (date_len == 8 && !(ref_two(s + i) >= 18 && ref_two(s + i) <= 20))
        return 0;
    return len;
}
static size_t ref_mask_pnr(char *s)
{
    size_t n = 0;
    for (size_t i = 0; s[i]; i++) {
        if (!ref_digit(s[i]) || (i > 0 && ref_digit(s[i - 1])))
            continue;
        size_t len = ref_pnr_at(s, i);
        if (len == 0) {
            i += ref_run(s, i) - 1;
            continue;
        }
        for (size_t k = i; k < i + len; k++)
            if (ref_digit(s[k]))
                s[k] = 'X';
        i += len - 1;
        n++;
    }
    return n;
}

/* Random strings of digits, separators and letters, and personnummer-shaped numbers at every
 * offset of every length, masked as the byte-by-byte reference masks them. */
START_TEST(text_masking_same_as_bytewise)
{
    static const char alphabet[] = "0123456789012345678901-+ aX\"";
    static const char *const pieces[] = { "121212-1212", "19121212-1212", "1212121212", "191212121212",
                                          "121272+1212", "2026-01-12", "121312-1212", "12121212121" };
    char a[96], b[96];
    unsigned long x = 12345;
    for (int round = 0; round < 200000; round++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        size_t n = (size_t)(x >> 33) % 64;
        for (size_t k = 0; k < n; k++) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            a[k] = alphabet[(x >> 33) % (sizeof alphabet - 1)];
        }
        a[n] = '\0';
        if (round % 2) { /* a real-looking number somewhere */
            const char *p = pieces[(x >> 20) % (sizeof pieces / sizeof pieces[0])];
            size_t at = n ? (size_t)(x >> 40) % (n + 1) : 0, pl = strlen(p);
            if (at + pl < sizeof a) {
                memcpy(a + at, p, pl);
                if (at + pl > n)
                    a[at + pl] = '\0';
            }
        }
        memcpy(b, a, sizeof a);
        size_t want = ref_mask_pnr(b);
        char c[96];
        memcpy(c, a, sizeof a);
        size_t got = ek_text_mask_pnr(c);
        ck_assert_msg(got == want && strcmp(b, c) == 0, "\"%s\": got \"%s\" (%zu), want \"%s\" (%zu)", a, c, got,
                      b, want);
    }
}
END_TEST

START_TEST(text_neutralises_formulas)
{
    const char *bad[] = { "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(ek_text_is_formula(bad[i]), 1);
        ck_assert_int_eq(safe(bad[i], EK_TEXT_CELL)[0], '\'');
    }
    ck_assert_str_eq(safe("=cmd|' /C calc'!A0", EK_TEXT_CELL), "'=cmd|' /C calc'!A0");
    ck_assert_str_eq(safe("\tx", EK_TEXT_CELL), "'\\tx");
    ck_assert_str_eq(safe("BU-1", EK_TEXT_CELL), "BU-1");
    ck_assert_int_eq(ek_text_is_formula("BU=1"), 0);
    ck_assert_int_eq(ek_text_is_formula(""), 0);
    ck_assert_int_eq(ek_text_is_formula(NULL), 0);
}
END_TEST

START_TEST(text_truncates_whole_units_only)
{
    char buf[8];
    /* "a\x1b" -> "a\x1b" is 5 bytes; "å" is 2: never cut in two */
    size_t n = ek_text_safe("abcdef\x1b", EK_TEXT_LINE, buf, sizeof buf);
    ck_assert_uint_eq(n, 10);
    ck_assert_str_eq(buf, "abcdef");
    n = ek_text_safe("abcdefå", EK_TEXT_LINE, buf, sizeof buf);
    ck_assert_uint_eq(n, 8);
    ck_assert_str_eq(buf, "abcdef");
    n = ek_text_safe("abcdefg", EK_TEXT_LINE, buf, sizeof buf);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(buf, "abcdefg");
    char *p = NULL;
    ck_assert_int_eq(ek_text_safe_dup("=a\n121212-1212", EK_TEXT_CELL, &p), EK_OK);
    ck_assert_str_eq(p, "'=a\\nXXXXXX-XXXX");
    ek_free(p);
    ck_assert_int_eq(ek_text_safe_dup("x", EK_TEXT_CELL, NULL), EK_EINVAL);
}
END_TEST

static Suite *core_suite(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("errors");
    tcase_add_test(tc, status_names);
    tcase_add_test(tc, version_matches_headers);
    tcase_add_test(tc, result_names_round_trip);
    tcase_add_test(tc, result_count_covers_the_table);
    tcase_add_test(tc, error_last_never_null_and_copy);
    tcase_add_test(tc, error_version_1_still_served);
    tcase_add_test(tc, error_is_per_thread);
    tcase_add_test(tc, error_format_shapes);
    tcase_add_test(tc, error_format_is_snprintf_like_and_utf8_safe);
    tcase_add_test(tc, error_texts_cut_at_a_character);
    suite_add_tcase(s, tc);
    tc = tcase_create("allocator");
    tcase_add_test(tc, allocator_validation);
    tcase_add_test(tc, allocator_is_used_and_balanced);
    tcase_add_test(tc, context_new_allocation_failures);
    suite_add_tcase(s, tc);
    tc = tcase_create("context");
    tcase_add_test(tc, context_basics);
    suite_add_tcase(s, tc);
    tc = tcase_create("policy");
    tcase_add_test(tc, policy_defaults_and_set);
    tcase_add_test(tc, policy_param_info_complete);
    suite_add_tcase(s, tc);
    tc = tcase_create("text");
    tcase_add_test(tc, text_escapes_control_characters);
    tcase_add_test(tc, text_masks_personal_identity_numbers);
    tcase_add_test(tc, text_masking_same_as_bytewise);
    tcase_add_test(tc, text_neutralises_formulas);
    tcase_add_test(tc, text_truncates_whole_units_only);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ek_t_run(core_suite()); }
