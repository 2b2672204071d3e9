/* SPDX-License-Identifier: MIT */
/*
 * Message translation (lib/i18n.c, po/): the library's own text domain follows
 * the process's locale and LANGUAGE; msgids stay untouched in the "C" locale
 * and when no catalogue is found.
 *
 * Run twice by tests/meson.build: with EK_LOCALEDIR set to the build tree's
 * po/ directory (the catalogues), and with EK_T_I18N=nowhere, where the test
 * points EK_LOCALEDIR at a directory without catalogues before the first call.
 */
#include <locale.h>
#include <stdio.h>

#include "ek_test.h"

static int nowhere;

static const char *rule_title(const char *name)
{
    const ek_rulebook *rb = ek_rulebook_builtin();
    size_t i = 0;
    ck_ok(ek_rulebook_find(rb, name, &i));
    ek_rule_info info = EK_RULE_INFO_INIT;
    ck_ok(ek_rulebook_rule(rb, i, &info));
    return info.title;
}

static const char *day_name(const char *date)
{
    ek_calendar *cal = NULL;
    ck_ok(ek_calendar_new(&cal));
    const char *name = NULL;
    ck_ok(ek_calendar_day_name(cal, ek_t_date(date), &name));
    ek_calendar_free(cal);
    return name;
}

static const char *date_error(void)
{
    ek_date d;
    ck_assert_int_ne(ek_date_parse("2026-02-30", &d), EK_OK);
    return ek_error_last()->message;
}

/*
 * LANGUAGE, then the locale: glibc caches translations until the locale (or a
 * text domain) changes, so the locale is set afresh after LANGUAGE.
 */
static void use_language(const char *lang, const char *locale)
{
    ck_assert_int_eq(setenv("LANGUAGE", lang, 1), 0);
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "POSIX"));
    ck_assert_ptr_nonnull(setlocale(LC_ALL, locale));
}

/* In the "C" locale gettext ignores LANGUAGE: the msgids come back. */
START_TEST(c_locale_keeps_msgids)
{
    use_language("en", "C");
    ck_assert_str_eq(rule_title("forhandsbedomning"), "Förhandsbedömning inom 14 dagar");
    ck_assert_str_eq(day_name("2026-12-24"), "julafton");
    ck_assert_ptr_nonnull(strstr(date_error(), "is not a valid date"));
}
END_TEST

START_TEST(english)
{
    use_language("en", "C.UTF-8");
    if (nowhere) {
        /* No catalogue: untouched msgids, no crash. */
        ck_assert_str_eq(rule_title("forhandsbedomning"), "Förhandsbedömning inom 14 dagar");
        ck_assert_str_eq(day_name("2026-06-19"), "midsommarafton");
        ck_assert_ptr_nonnull(strstr(date_error(), "is not a valid date: month 02 of 2026 has 28 days"));
        return;
    }
    ck_assert_str_eq(rule_title("forhandsbedomning"), "Förhandsbedömning (initial assessment) within 14 days");
    ck_assert_str_eq(rule_title("utredning"), "Investigation completed within four months");
    ck_assert_str_eq(day_name("2026-06-19"), "Midsummer Eve");
    /* English msgids are their own translation in en.po. */
    ck_assert_ptr_nonnull(strstr(date_error(), "is not a valid date: month 02 of 2026 has 28 days"));
    /* Legal references are never translated. */
    const ek_rulebook *rb = ek_rulebook_builtin();
    size_t i = 0;
    ck_ok(ek_rulebook_find(rb, "forhandsbedomning", &i));
    ek_rule_version_info v = EK_RULE_VERSION_INFO_INIT;
    ck_ok(ek_rulebook_version_on(rb, i, ek_t_date("2026-01-01"), &v));
    ck_assert_str_eq(v.basis, "SoL (2025:400) 20 kap. 2 §");
}
END_TEST

START_TEST(swedish)
{
    use_language("sv", "C.UTF-8");
    ck_assert_str_eq(rule_title("forhandsbedomning"), "Förhandsbedömning inom 14 dagar");
    ck_assert_str_eq(day_name("2026-06-19"), "midsommarafton");
    const char *msg = date_error();
    if (nowhere)
        ck_assert_ptr_nonnull(strstr(msg, "is not a valid date"));
    else
        ck_assert_msg(strstr(msg, "\"2026-02-30\" är inte ett giltigt datum: månad 02 år 2026 har 28 dagar") != NULL,
                      "not Swedish: %s", msg);
    /* Located errors: the location suffix is translated too. */
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "-"));
    const char *text = "{\"format\":\"egenkontroll/case-1\",\"id\":\"T-1\",\"events\":[{\"type\":"
                       "\"anmalan_mottagen\",\"date\":\"2026-02-30\"}]}";
    ck_assert_int_ne(ek_case_read_json(c, text, strlen(text), "t.jsonl"), EK_OK);
    if (!nowhere)
        ck_assert_msg(strstr(ek_error_last()->message, "(ärende T-1, fält events[0].date)") != NULL, "%s",
                      ek_error_last()->message);
    ek_case_free(c);
}
END_TEST

/* Any language other than sv/en: the msgids. */
START_TEST(other_language)
{
    use_language("de", "C.UTF-8");
    ck_assert_str_eq(rule_title("forhandsbedomning"), "Förhandsbedömning inom 14 dagar");
    ck_assert_ptr_nonnull(strstr(date_error(), "is not a valid date"));
}
END_TEST

static Suite *i18n_suite(void)
{
    Suite *s = suite_create("i18n");
    TCase *tc = tcase_create("gettext");
    tcase_add_test(tc, c_locale_keeps_msgids);
    tcase_add_test(tc, english);
    tcase_add_test(tc, swedish);
    tcase_add_test(tc, other_language);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    const char *mode = getenv("EK_T_I18N");
    nowhere = mode != NULL && strcmp(mode, "nowhere") == 0;
    /* Before the library's first message: the domain is bound once. */
    if (nowhere && setenv("EK_LOCALEDIR", "/nonexistent/egenkontroll-locale", 1) != 0)
        return 1;
    if (!nowhere && getenv("EK_LOCALEDIR") == NULL) {
        fputs("test_i18n: EK_LOCALEDIR (the build tree's po directory) is not set\n", stderr);
        return 1;
    }
    return ek_t_run(i18n_suite());
}
