/* SPDX-License-Identifier: MIT */
/* The direct JSON text writer (lib/io/jbuf_internal.h) against jansson's json_dumps(), whose bytes
 * it promises: integers and reals (the report writer, issue 15). */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ek_test.h"
#include "internal.h"
#include "io/jbuf_internal.h"

/* The raw text written (not ek__jb_take(): that masks digit runs shaped like a personnummer). */
static char *raw(ek__jbuf *b)
{
    ck_assert(!b->oom);
    ck_assert(ek__jb_reserve(b, 0));
    b->p[b->n] = '\0';
    return b->p;
}

/* What json_dumps() writes for @v alone. */
static char *jansson_text(json_t *v)
{
    ck_assert_ptr_nonnull(v);
    char *s = json_dumps(v, JSON_ENCODE_ANY);
    json_decref(v);
    ck_assert_ptr_nonnull(s);
    return s;
}

static void same_real(double v)
{
    ek__jbuf b = { NULL, 0, 0, 0, 0, 0 };
    ck_assert_int_eq(ek__jb_real(&b, v), 0);
    char *want = jansson_text(json_real(v));
    char *got = raw(&b);
    ck_assert_msg(strcmp(got, want) == 0, "%.17g: jbuf \"%s\", jansson \"%s\"", v, got, want);
    free(want);
    ek__free(b.p);
}

static void same_int(long long v)
{
    ek__jbuf b = { NULL, 0, 0, 0, 0, 0 };
    ek__jb_int(&b, v);
    char *want = jansson_text(json_integer((json_int_t)v));
    ck_assert_str_eq(raw(&b), want);
    free(want);
    ek__free(b.p);
}

static const double reals[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 0.95, 0.9999999999999999, 12.5, 100.0, 1e15, 1e16,
    1e17, 123456789012345678.0, 1e21, 1e22, 1e100, 1e300, DBL_MAX, 1e-4, 1e-5, 1e-6, 2.5e-7, 1.5e-10, 1e-300,
    DBL_MIN, 5e-324, -2.5e-7, -1e22, 7.0, 42.0, 3.14159, 0.025, 0.975,
};

START_TEST(reals_as_jansson)
{
    for (size_t k = 0; k < sizeof reals / sizeof reals[0]; k++)
        same_real(reals[k]);
    /* rates, medians and bounds as the report has them: k / n and half-days */
    for (int n = 1; n <= 200; n++)
        for (int k = 0; k <= n; k++)
            same_real((double)k / n);
    for (int d = 0; d < 2000; d++)
        same_real(d / 2.0);
    /* random bit patterns: every exponent, no NaN or infinity */
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (isfinite(v))
            same_real(v);
    }
}
END_TEST

/* json_real() refuses NaN and infinities; so does the writer, and writes nothing. */
START_TEST(reals_not_finite_refused)
{
    const double bad[] = { NAN, INFINITY, -INFINITY };
    for (size_t k = 0; k < 3; k++) {
        ck_assert_ptr_null(json_real(bad[k]));
        ek__jbuf b = { NULL, 0, 0, 0, 0, 0 };
        ck_assert_int_eq(ek__jb_real(&b, bad[k]), -1);
        ck_assert_uint_eq(b.n, 0);
        ek__free(b.p);
    }
}
END_TEST

/* In a locale with a decimal comma the point stays a point (jansson's from_locale()).  Skipped where
 * no such locale is installed. */
START_TEST(reals_in_a_comma_locale)
{
    const char *names[] = { "sv_SE.UTF-8", "sv_SE.utf8", "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8" };
    const char *got = NULL;
    for (size_t k = 0; k < sizeof names / sizeof names[0] && !got; k++)
        got = setlocale(LC_NUMERIC, names[k]);
    if (!got || localeconv()->decimal_point[0] == '.') {
        setlocale(LC_NUMERIC, "C");
        return; /* no comma locale here */
    }
    for (size_t k = 0; k < sizeof reals / sizeof reals[0]; k++)
        same_real(reals[k]);
    ek__jbuf b = { NULL, 0, 0, 0, 0, 0 };
    ck_assert_int_eq(ek__jb_real(&b, 0.5), 0);
    ck_assert_str_eq(raw(&b), "0.5");
    ek__free(b.p);
    setlocale(LC_NUMERIC, "C");
}
END_TEST

START_TEST(ints_as_jansson)
{
    const long long v[] = { 0, 1, -1, 9, 10, -10, 219456, -219456, 2147483647LL, -2147483648LL, INT64_MAX,
                            INT64_MIN, INT64_MIN + 1 };
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        same_int(v[k]);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("jbuf");
    TCase *t = tcase_create("jbuf");
    tcase_add_test(t, reals_as_jansson);
    tcase_add_test(t, reals_not_finite_refused);
    tcase_add_test(t, reals_in_a_comma_locale);
    tcase_add_test(t, ints_as_jansson);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return ek_t_run(suite());
}
