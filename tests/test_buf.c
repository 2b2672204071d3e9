/* SPDX-License-Identifier: MIT */
/* The internal growable array / text buffer and UTF-8-safe truncation (lib/buf_internal.h). */
#include <stdio.h>

#include "ek_test.h"

#include "buf_internal.h"

/* "bäråö" in bytes: b C3 A4 r C3 A5 C3 B6 (8 bytes). */
static const char *SV = "b\xC3\xA4r\xC3\xA5\xC3\xB6";

START_TEST(utf8_cut_never_splits_a_character)
{
    size_t len = strlen(SV);
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 100), len);
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 8), 8);
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 7), 6);  /* inside ö: before it */
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 6), 6);  /* between å and ö */
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 5), 4);  /* inside å */
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 2), 1);  /* inside ä */
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 1), 1);
    ck_assert_uint_eq(ek__utf8_cut(SV, len, 0), 0);
    /* three- and four-byte characters: € (E2 82 AC), U+1F600 (F0 9F 98 80) */
    const char *wide = "\xE2\x82\xAC\xF0\x9F\x98\x80";
    for (size_t m = 0; m <= 7; m++) {
        size_t want = m < 3 ? 0 : m < 7 ? 3 : 7;
        ck_assert_msg(ek__utf8_cut(wide, 7, m) == want, "cut at %zu gave %zu", m, ek__utf8_cut(wide, 7, m));
    }
    /* not UTF-8: stray continuation bytes are cut at the byte */
    const char *junk = "\x80\x80\x80\x80\x80";
    ck_assert_uint_eq(ek__utf8_cut(junk, 5, 4), 4);
}
END_TEST

START_TEST(utf8_trim_drops_a_torn_character)
{
    char s[16];
    snprintf(s, sizeof s, "%s", "ab\xC3");
    ek__utf8_trim(s);
    ck_assert_str_eq(s, "ab");
    snprintf(s, sizeof s, "%s", "a\xE2\x82");
    ek__utf8_trim(s);
    ck_assert_str_eq(s, "a");
    snprintf(s, sizeof s, "%s", "a\xE2\x82\xAC");
    ek__utf8_trim(s);
    ck_assert_str_eq(s, "a\xE2\x82\xAC");
    snprintf(s, sizeof s, "%s", SV);
    ek__utf8_trim(s);
    ck_assert_str_eq(s, SV);
    s[0] = '\0';
    ek__utf8_trim(s);
    ck_assert_str_eq(s, "");
}
END_TEST

START_TEST(buf_grows_and_formats)
{
    ek__buf b = EK__BUF_INIT;
    ck_assert_str_eq(ek__buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        ck_ok(ek__buf_printf(&b, "%s%d;", SV, i));
    ck_assert_uint_eq(b.len, strlen(b.data));
    ck_assert_ptr_nonnull(strstr(b.data, "b\xC3\xA4r\xC3\xA5\xC3\xB6" "999;"));
    /* one long piece (past the 256-byte fast path) */
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    size_t before = b.len;
    ck_ok(ek__buf_printf(&b, "[%s]", big));
    ck_assert_uint_eq(b.len, before + sizeof big + 1);
    ck_assert_int_eq(b.data[b.len - 1], ']');
    ck_ok(ek__buf_append(&b, "", 0));
    ek__buf_truncate(&b, 2);  /* inside ä */
    ck_assert_str_eq(ek__buf_str(&b), "b");
    ek__buf_clear(&b);
    ck_assert_str_eq(ek__buf_str(&b), "");
    ck_ok(ek__buf_puts(&b, SV));
    ck_ok(ek__buf_puts(&b, NULL));
    char *s = ek__buf_steal(&b);
    ck_assert_str_eq(s, SV);
    ck_assert_ptr_null(b.data);
    ek__free(s);
    ek__buf_free(&b);
}
END_TEST

START_TEST(vec_reserve_doubles_and_zeroes)
{
    int *a = NULL;
    size_t cap = 0;
    ck_ok(EK__VEC_RESERVE_ZERO(a, cap, 3, 4));
    ck_assert_uint_eq(cap, 4);
    for (size_t i = 0; i < cap; i++)
        ck_assert_int_eq(a[i], 0);
    a[0] = 7;
    ck_ok(EK__VEC_RESERVE_ZERO(a, cap, 9, 4));
    ck_assert_uint_eq(cap, 16);
    ck_assert_int_eq(a[0], 7);
    for (size_t i = 1; i < cap; i++)
        ck_assert_int_eq(a[i], 0);
    ck_ok(EK__VEC_RESERVE(a, cap, 16, 4));  /* enough already */
    ck_assert_uint_eq(cap, 16);
    /* overflow: refused, nothing changed */
    int *keep = a;
    ck_status(EK__VEC_RESERVE(a, cap, ((size_t)-1) / 2, 4), EK_ENOMEM);
    ck_assert_ptr_eq(a, keep);
    ck_assert_uint_eq(cap, 16);
    ek__free(a);
}
END_TEST

START_TEST(buf_allocation_failure_leaves_it_unchanged)
{
    ek_t_alloc st = { 0, 2, 1, 0 };  /* the first allocation succeeds, every later one fails */
    ek_t_alloc_install(&st);
    ek__buf b = EK__BUF_INIT;
    int rc1 = ek__buf_puts(&b, "abc");
    char big[600];
    memset(big, 'y', sizeof big);
    int rc2 = ek__buf_append(&b, big, sizeof big);
    int rc3 = ek__buf_printf(&b, "%600s", "z");
    char same = strcmp(ek__buf_str(&b), "abc") == 0 && b.len == 3;
    ek__buf_free(&b);
    long live = st.live;
    ek_t_alloc_uninstall();
    ck_assert_int_eq(rc1, EK_OK);
    ck_assert_int_eq(rc2, EK_ENOMEM);
    ck_assert_int_eq(rc3, EK_ENOMEM);
    ck_assert_msg(same, "the buffer changed on a failed append");
    ck_assert_int_eq(live, 0);
}
END_TEST

static Suite *buf_suite(void)
{
    Suite *s = suite_create("buf");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, utf8_cut_never_splits_a_character);
    tcase_add_test(tc, utf8_trim_drops_a_torn_character);
    suite_add_tcase(s, tc);
    tc = tcase_create("buffers");
    tcase_add_test(tc, buf_grows_and_formats);
    tcase_add_test(tc, vec_reserve_doubles_and_zeroes);
    tcase_add_test(tc, buf_allocation_failure_leaves_it_unchanged);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ek_t_run(buf_suite()); }
