/* SPDX-License-Identifier: MIT */
/*
 * Message translation (lib/i18n.c, po/): the library's own text domain follows
 * the process's locale and LANGUAGE; msgids stay untouched in the "C" locale
 * and when no catalogue is found.  A context's language
 * (ek_context_set_language()) overrides all of that for the calls made with
 * it, from the catalogues compiled into the library: per context, per
 * thread, with or without catalogue files, whatever the environment says.
 *
 * Run twice by tests/meson.build: with EK_LOCALEDIR set to the build tree's
 * po/ directory (the catalogues), and with EK_T_I18N=nowhere, where the test
 * points EK_LOCALEDIR at a directory without catalogues before the first call.
 */
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

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
        ck_assert_msg(strstr(ek_t_last_error_text(), "(ärende T-1, fält events[0].date)") != NULL, "%s",
                      ek_t_last_error_text());
    /* Issue 19: the case model's error re-issued by the reader at its place names the case once (the
     * reader used to cut the English " (case " out of the message, which a Swedish one lacks). */
    const char *missing = "{\"format\":\"egenkontroll/case-1\",\"id\":\"T-2\",\"events\":[{\"type\":"
                          "\"utredning_forlangd\",\"date\":\"2026-01-10\"}]}";
    ck_assert_int_ne(ek_case_read_json(c, missing, strlen(missing), "t.jsonl"), EK_OK);
    const char *shown = ek_t_last_error_text();
    ck_assert_msg(strncmp(shown, "t.jsonl:1:", 10) == 0, "%s", shown);
    const char *first = strstr(shown, "T-2");
    ck_assert_msg(first != NULL && strstr(first + 1, "T-2") == NULL, "case id not exactly once: %s", shown);
    ck_assert_msg(strstr(ek_error_last()->message, "T-2") == NULL, "%s", ek_error_last()->message);
    if (!nowhere)
        ck_assert_msg(strstr(shown, "(ärende T-2, fält events[0].ny_slutdag)") != NULL, "%s", shown);
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


/* ---- the context's language ---------------------------------------------- */

/* Cases as JSON Lines: messages from the rules and the checklist, and one bad line. */
static const char *const case_lines[] = {
    ("{\"format\":\"egenkontroll/case-1\",\"id\":\"L-1\",\"unit\":\"Norr\",\"events\":["
     "{\"type\":\"anmalan_mottagen\",\"date\":\"2025-03-03\",\"id\":\"r1\"},"
     "{\"type\":\"aterkoppling_begard\",\"date\":\"2025-03-20\",\"ref\":\"r1\"},"
     "{\"type\":\"beslut_inleda_utredning\",\"date\":\"2025-03-12\",\"ref\":\"r1\"},"
     "{\"type\":\"utredning_inledd\",\"date\":\"2025-03-12\"}]}"),
    ("{\"format\":\"egenkontroll/case-1\",\"id\":\"L-2\",\"unit\":\"Syd\",\"events\":["
     "{\"type\":\"anmalan_mottagen\",\"date\":\"2025-05-02\",\"id\":\"r1\",\"anmalare\":\"skola\"},"
     "{\"type\":\"skyddsbedomning\",\"date\":\"2025-05-09\",\"ref\":\"r1\"}]}"),
    ("{\"format\":\"egenkontroll/case-1\",\"id\":\"L-3\",\"events\":[{\"type\":\"anmalan_mottagen\","
     "\"date\":\"2025-02-30\"}]}"),
};
#define NLINES (sizeof case_lines / sizeof case_lines[0])
#define NGOOD 2 /* the last line is rejected */

static ek_checklist *checklist; /* the built-in checklist (main()) */

/* Long texts: Check cannot print them whole, so show where they part. */
#define ck_same(a, b) do { const char *a_ = (a), *b_ = (b); size_t i_ = 0; \
    while (a_[i_] && a_[i_] == b_[i_]) i_++; \
    ck_assert_msg(a_[i_] == b_[i_], "texts differ at byte %zu: \"%.80s\" vs \"%.80s\"", i_, \
                  a_ + (i_ > 40 ? i_ - 40 : 0), b_ + (i_ > 40 ? i_ - 40 : 0)); } while (0)
#define ck_has(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, "lacks \"%s\": %.300s", (needle), (hay))

static ek_context *context_in(const char *lang)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_context_set_language(ctx, lang));
    return ctx;
}

/* Append @s to the growing text *@out. */
static void append(char **out, const char *s)
{
    size_t n = *out ? strlen(*out) : 0, m = strlen(s);
    char *t = realloc(*out, n + m + 2);
    ck_assert_ptr_nonnull(t);
    memcpy(t + n, s, m);
    t[n + m] = '\n';
    t[n + m + 1] = '\0';
    *out = t;
}

/*
 * Everything the library says about the cases with @ctx, as text: the
 * deadline evaluations (JSON, with explanations), the checklist results, the
 * names of the context's calendar and the error of the bad line.
 */
static char *all_messages(const ek_context *ctx)
{
    char *out = NULL;
    ek_evaluation *ev = NULL;
    ek_checklist_result *res = NULL;
    ek_case *c = NULL;
    ck_ok(ek_evaluation_new(&ev));
    ck_ok(ek_checklist_result_new(&res));
    ck_ok(ek_case_new(&c, "-"));
    for (size_t k = 0; k < NGOOD; k++) {
        ck_ok(ek_case_read_json(c, case_lines[k], strlen(case_lines[k]), "t.jsonl"));
        ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, ek_t_date("2025-09-01"), ev));
        char *buf = NULL;
        size_t len = 0, cap = 0;
        ck_ok(ek_evaluation_append_json_explained(ctx, c, ev, &buf, &len, &cap));
        append(&out, buf);
        free(buf);
        ck_ok(ek_checklist_evaluate(ctx, checklist, c, NULL, ek_t_date("2025-09-01"), res));
        ck_ok(ek_checklist_result_write_json(res, &buf));
        append(&out, buf);
        free(buf);
    }
    const char *name = NULL;
    ck_ok(ek_calendar_day_name(ek_context_calendar(ctx), ek_t_date("2026-06-19"), &name));
    append(&out, name);
    ek_case_free(c);
    ek_checklist_result_free(res);
    ek_evaluation_free(ev);
    return out;
}

START_TEST(language_api)
{
    ek_context *ctx = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_assert_ptr_null(ek_context_language(ctx));
    ck_ok(ek_context_set_language(ctx, "en"));
    ck_assert_str_eq(ek_context_language(ctx), "en");
    ck_ok(ek_context_set_language(ctx, "sv"));
    ck_assert_str_eq(ek_context_language(ctx), "sv");
    /* Unknown: EK_EINVAL naming the language and the known ones; nothing changed. */
    ck_status(ek_context_set_language(ctx, "de"), EK_EINVAL);
    ck_msg_has("\"de\"");
    ck_msg_has("sv, en");
    ck_status(ek_context_set_language(ctx, "sv_SE.UTF-8"), EK_EINVAL);
    ck_assert_str_eq(ek_context_language(ctx), "sv");
    ck_ok(ek_context_set_language(ctx, ""));
    ck_assert_ptr_null(ek_context_language(ctx));
    ck_ok(ek_context_set_language(ctx, "en"));
    ck_ok(ek_context_set_language(ctx, NULL));
    ck_assert_ptr_null(ek_context_language(ctx));
    ck_status(ek_context_set_language(NULL, "sv"), EK_EINVAL);
    ck_assert_ptr_null(ek_context_language(NULL));
    ek_context_free(ctx);
}
END_TEST

/* The context's language wins over LANGUAGE and the locale, also without catalogue files. */
START_TEST(context_language_not_environment)
{
    ek_context *sv = context_in("sv"), *en = context_in("en");
    use_language("en", "C.UTF-8");
    char *sv1 = all_messages(sv), *en1 = all_messages(en);
    use_language("sv", "C.UTF-8");
    char *sv2 = all_messages(sv), *en2 = all_messages(en);
    use_language("de", "C");
    char *en3 = all_messages(en);
    ck_same(sv1, sv2);
    ck_same(en1, en2);
    ck_same(en1, en3);
    ck_assert(strcmp(sv1, en1) != 0);
    ck_has(en1, "the reporter is not recorded: assumed to have a duty to report");
    ck_has(sv1, "anmälaren är inte angiven: antas vara anmälningsskyldig");
    ck_has(en1, "Midsummer Eve");
    ck_has(sv1, "midsommarafton");
    /* The caller's language is back after each call: the process's. */
    ck_assert_str_eq(rule_title("forhandsbedomning"), "Förhandsbedömning inom 14 dagar");
    free(sv1);
    free(sv2);
    free(en1);
    free(en2);
    free(en3);
    ek_context_free(sv);
    ek_context_free(en);
}
END_TEST

/* Errors of calls made with a context are in its language. */
START_TEST(context_language_errors)
{
    use_language("sv", "C.UTF-8");
    ek_context *en = context_in("en"), *sv = context_in("sv");
    ek_evaluation *ev = NULL;
    ck_ok(ek_evaluation_new(&ev));
    ck_status(ek_evaluate_case(en, ek_rulebook_builtin(), NULL, ek_t_date("2025-09-01"), ev), EK_EINVAL);
    const char *name = NULL;
    ck_status(ek_calendar_day_name(ek_context_calendar(sv), ek_t_date("1953-01-01") - 1, &name), EK_ERANGE);
    ck_msg_has("utanför");
    ck_status(ek_calendar_day_name(ek_context_calendar(en), ek_t_date("1953-01-01") - 1, &name), EK_ERANGE);
    ck_msg_has("outside the supported range");
    ek_evaluation_free(ev);
    ek_context_free(en);
    ek_context_free(sv);
}
END_TEST

/* The JSON report of a context with a language does not depend on LANGUAGE or LANG. */
static char *report_json(const ek_context *ctx, const char *path)
{
    ek_report *r = NULL;
    ck_ok(ek_report_new(&r, ctx, ek_t_date("2025-09-01")));
    size_t rejected = 0;
    ck_ok(ek_report_read_cases(r, path, &rejected));
    ck_assert_uint_eq(rejected, 1);
    ck_ok(ek_report_finish(r));
    char *json = NULL;
    ck_ok(ek_report_write_json(r, &json));
    ek_report_free(r);
    return json;
}

START_TEST(report_json_not_environment)
{
    char path[] = "/tmp/ek-test-i18n-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    for (size_t k = 0; k < NLINES; k++)
        fprintf(f, "%s\n", case_lines[k]);
    ck_assert_int_eq(fclose(f), 0);

    ek_context *en = context_in("en"), *sv = context_in("sv");
    use_language("sv", "C.UTF-8");
    ck_assert_int_eq(setenv("LANG", "sv_SE.UTF-8", 1), 0);
    char *en1 = report_json(en, path), *sv1 = report_json(sv, path);
    use_language("en", "C.UTF-8");
    ck_assert_int_eq(setenv("LANG", "en_US.UTF-8", 1), 0);
    char *en2 = report_json(en, path), *sv2 = report_json(sv, path);
    ck_assert_int_eq(unsetenv("LANG"), 0);
    ck_same(en1, en2);
    ck_same(sv1, sv2);
    /* The rejected line's message and the titles are in the context's language. */
    ck_has(en1, "is not a valid date");
    ck_has(sv1, "är inte ett giltigt datum");
    ck_has(en1, "Förhandsbedömning (initial assessment) within 14 days");
    ck_has(sv1, "Förhandsbedömning inom 14 dagar");
    free(en1);
    free(en2);
    free(sv1);
    free(sv2);
    ek_context_free(en);
    ek_context_free(sv);
    unlink(path);
}
END_TEST

/* Two threads, one context in Swedish and one in English, the same cases at the same time. */
typedef struct lang_job {
    const ek_context *ctx;
    const char *want;
    int rounds;
    int bad;
} lang_job;

static void *lang_worker(void *arg)
{
    lang_job *j = arg;
    for (int i = 0; i < j->rounds; i++) {
        char *got = all_messages(j->ctx);
        j->bad += strcmp(got, j->want) != 0;
        free(got);
    }
    return NULL;
}

START_TEST(two_threads_two_languages)
{
    use_language("de", "C.UTF-8");
    ek_context *sv = context_in("sv"), *en = context_in("en");
    char *want_sv = all_messages(sv), *want_en = all_messages(en);
    ck_assert(strcmp(want_sv, want_en) != 0);
    int rounds = getenv("EK_UNDER_VALGRIND") ? 2 : 40;
    lang_job jobs[2] = { { sv, want_sv, rounds, 0 }, { en, want_en, rounds, 0 } };
    pthread_t t[2];
    for (int k = 0; k < 2; k++)
        ck_assert_int_eq(pthread_create(&t[k], NULL, lang_worker, &jobs[k]), 0);
    for (int k = 0; k < 2; k++)
        ck_assert_int_eq(pthread_join(t[k], NULL), 0);
    ck_assert_int_eq(jobs[0].bad, 0);
    ck_assert_int_eq(jobs[1].bad, 0);
    /* The library's own threads (ek_checklist_evaluate_cases) take the context's language along. */
    ek_case *cases[4];
    ek_checklist_result *res[4];
    for (int k = 0; k < 4; k++) {
        ck_ok(ek_case_new(&cases[k], "-"));
        ck_ok(ek_case_read_json(cases[k], case_lines[0], strlen(case_lines[0]), "t.jsonl"));
        ck_ok(ek_checklist_result_new(&res[k]));
    }
    ck_ok(ek_checklist_evaluate_cases(en, checklist, (const ek_case *const *)cases, 4, NULL,
                                      ek_t_date("2025-09-01"), res, NULL, 4));
    char *first = NULL;
    for (int k = 0; k < 4; k++) {
        char *json = NULL;
        ck_ok(ek_checklist_result_write_json(res[k], &json));
        if (k == 0)
            first = json;
        else {
            ck_same(json, first);
            free(json);
        }
    }
    ck_assert(strstr(want_en, first) != NULL);
    free(first);
    for (int k = 0; k < 4; k++) {
        ek_case_free(cases[k]);
        ek_checklist_result_free(res[k]);
    }
    free(want_sv);
    free(want_en);
    ek_context_free(sv);
    ek_context_free(en);
}
END_TEST

/* ---- a copied error keeps its language (issue 19) ---------------------------------------------------- */

typedef struct fmt_job {
    const ek_error *e;
    char buf[EK_ERROR_FORMAT_SIZE];
    int n;
} fmt_job;

static void *format_on_thread(void *arg)
{
    fmt_job *j = arg;
    j->n = ek_error_format(j->e, j->buf, sizeof j->buf);
    return NULL;
}

/* ek_error_format(@e) on a new thread (its language: the process's). */
static const char *shown_elsewhere(const ek_error *e, fmt_job *j)
{
    pthread_t t;
    j->e = e;
    ck_assert_int_eq(pthread_create(&t, NULL, format_on_thread, j), 0);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    ck_assert_int_gt(j->n, 0);
    return j->buf;
}

/* A Swedish context's error, copied (ek_error_copy(), or kept by a report) and formatted later on another
 * thread of a process in English: the connecting words are Swedish, as the message is; an English context's
 * in English; the process's own ("" language) in the process's. */
START_TEST(copied_error_keeps_its_language)
{
    use_language("en", "C.UTF-8");
    ek_context *sv = context_in("sv"), *en = context_in("en");
    ek_sarah_record *r = NULL;
    ck_ok(ek_sarah_record_new(&r, "LS-K", EK_SARAH_TYP_MISSFORHALLANDE, ek_t_date("2025-09-01")));
    ek_sarah_result *res = NULL;
    ck_ok(ek_sarah_result_new(&res));
    fmt_job j;

    ck_status(ek_sarah_evaluate(sv, r, (ek_date)99999999, res), EK_ERANGE);
    ek_error copy = EK_ERROR_INIT;
    ck_ok(ek_error_copy(&copy));
    ck_assert_str_eq(copy.language, "sv");
    ck_assert_str_eq(ek_error_last()->language, "sv");
    ck_status(ek_sarah_evaluate(en, r, (ek_date)99999999, res), EK_ERANGE); /* the last error moves on */
    const char *shown = shown_elsewhere(&copy, &j);
    ck_assert_msg(strstr(shown, " (\xC3\xa4rende LS-K)") != NULL, "%s", shown);
    ck_assert_msg(strstr(shown, copy.message) == shown, "%s", shown);
    ek_error copy_en = EK_ERROR_INIT;
    ck_ok(ek_error_copy(&copy_en));
    ck_assert_str_eq(copy_en.language, "en");
    ck_assert_msg(strstr(shown_elsewhere(&copy_en, &j), " (case LS-K)") != NULL, "%s", j.buf);

    /* a record id and a field: the report's copy of a rejected line */
    char path[] = "/tmp/ek-test-i18n-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "%s\n", case_lines[NLINES - 1]);
    ck_assert_int_eq(fclose(f), 0);
    ek_report *rep = NULL;
    ck_ok(ek_report_new(&rep, sv, ek_t_date("2025-09-01")));
    size_t rejected = 0;
    ck_ok(ek_report_read_cases(rep, path, &rejected));
    ck_assert_uint_eq(rejected, 1);
    ek_report_input input;
    const ek_error *kept = NULL;
    ck_ok(ek_report_rejected(rep, 0, &input, &kept));
    shown = shown_elsewhere(kept, &j);
    ck_assert_msg(strstr(shown, "\xC3\xa4r inte ett giltigt datum") != NULL, "%s", shown);
    ck_assert_msg(strstr(shown, " (\xC3\xa4rende L-3, f\xC3\xa4lt events[0].date)") != NULL, "%s", shown);
    ek_report_free(rep);
    unlink(path);

    /* no context: the process's language, recorded as "" and shown in it */
    ek_date d;
    ck_assert_int_ne(ek_date_parse("2026-02-30", &d), EK_OK);
    ek_error plain = EK_ERROR_INIT;
    ck_ok(ek_error_copy(&plain));
    ck_assert_str_eq(plain.language, "");
    snprintf(plain.record_id, sizeof plain.record_id, "X-1");
    ck_assert_msg(strstr(shown_elsewhere(&plain, &j), " (case X-1)") != NULL, "%s", j.buf);

    ek_sarah_result_free(res);
    ek_sarah_record_free(r);
    ek_context_free(sv);
    ek_context_free(en);
}
END_TEST

/* The words for statuses and results (one table in the library, used by the CLI): the codes, translated. */
START_TEST(status_and_result_labels)
{
    use_language("sv", "C");
    for (int i = EK_OBL_MET; i <= EK_OBL_ERROR; i++)
        ck_assert_str_eq(ek_obligation_status_label((ek_obligation_status)i),
                         ek_obligation_status_name((ek_obligation_status)i));
    for (int i = EK_RESULT_PASS; i <= EK_RESULT_FIXED; i++)
        ck_assert_str_eq(ek_result_label((ek_result)i), ek_result_name((ek_result)i));
    ck_assert_str_eq(ek_obligation_status_label((ek_obligation_status)0), "invalid");
    ck_assert_str_eq(ek_obligation_status_label((ek_obligation_status)7), "invalid");
    ck_assert_str_eq(ek_result_label(EK_RESULT_INVALID), "invalid");
    ck_assert_str_eq(ek_result_label((ek_result)10), "invalid");
    use_language("sv", "C.UTF-8");
    if (nowhere) {
        ck_assert_str_eq(ek_obligation_status_label(EK_OBL_MET), "met");
        ck_assert_str_eq(ek_result_label(EK_RESULT_PASS), "pass");
        return;
    }
    ck_assert_str_eq(ek_obligation_status_label(EK_OBL_MET), "hållen");
    ck_assert_str_eq(ek_obligation_status_label(EK_OBL_OVERDUE), "försenad");
    ck_assert_str_eq(ek_result_label(EK_RESULT_PASS), "uppfylld");
    ck_assert_str_eq(ek_result_label(EK_RESULT_NOTCHECKED), "ej bedömd");
    ck_assert_str_eq(ek_obligation_status_name(EK_OBL_MET), "met"); /* the codes stay */
}
END_TEST

/* The messages of the first good case evaluated into @ev (reused), in the process's language. */
static char *process_messages(ek_evaluation *ev)
{
    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ck_ok(ek_context_new(&ctx));   /* no language: the process's */
    ck_ok(ek_case_new(&c, "-"));
    ck_ok(ek_case_read_json(c, case_lines[0], strlen(case_lines[0]), "t.jsonl"));
    ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, ek_t_date("2025-09-01"), ev));
    char *out = NULL;
    for (size_t k = 0; k < ek_evaluation_count(ev); k++)
        append(&out, ek_evaluation_at(ev, k)->message);
    ek_case_free(c);
    ek_context_free(ctx);
    return out;
}

/*
 * Issue 15: an evaluation object remembers the process's translations from
 * call to call; a change of the locale between two calls is still followed
 * (each message is what gettext says during the call that records it).
 */
START_TEST(process_language_followed_between_calls)
{
    ek_evaluation *ev = NULL;
    ck_ok(ek_evaluation_new(&ev));
    use_language("en", "C.UTF-8");
    char *en1 = process_messages(ev), *en2 = process_messages(ev);
    use_language("sv", "C.UTF-8");
    char *sv = process_messages(ev);
    use_language("en", "C.UTF-8");
    char *en3 = process_messages(ev);
    ck_same(en1, en2);
    ck_same(en1, en3);
    if (!nowhere) {
        ck_has(en1, "the reporter is not recorded: assumed to have a duty to report");
        ck_has(sv, "anmälaren är inte angiven: antas vara anmälningsskyldig");
    }
    free(en1);
    free(en2);
    free(sv);
    free(en3);
    ek_evaluation_free(ev);
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
    tcase_add_test(tc, status_and_result_labels);
    tcase_add_test(tc, process_language_followed_between_calls);
    suite_add_tcase(s, tc);
    TCase *tl = tcase_create("context");
    tcase_set_timeout(tl, 120);
    tcase_add_test(tl, language_api);
    tcase_add_test(tl, context_language_not_environment);
    tcase_add_test(tl, context_language_errors);
    tcase_add_test(tl, report_json_not_environment);
    tcase_add_test(tl, two_threads_two_languages);
    tcase_add_test(tl, copied_error_keeps_its_language);
    suite_add_tcase(s, tl);
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
    if (ek_checklist_new_builtin(&checklist) != EK_OK)
        return 1;
    int rc = ek_t_run(i18n_suite());
    ek_checklist_free(checklist);
    return rc;
}
