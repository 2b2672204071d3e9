/* SPDX-License-Identifier: MIT */
/* egenkontroll: command-line front end of libegenkontroll. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"
#include "ek_config.h"

void ek_tool_error(const char *fmt, ...)
{
    va_list ap;
    char msg[2048];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);  /* translated: xgettext keyword ek_tool_error:1 */
    va_end(ap);
    fputs("egenkontroll: ", stderr);
    ek_tool_fputs_safe(msg, stderr);  /* one line: the message may quote input (issue 18) */
    fputc('\n', stderr);
}

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    { "calendar", ek_cmd_calendar, N_("list the public holidays and eves of a year") },
    { "deadline", ek_cmd_deadline, N_("compute the nominal and legal end of a period") },
    { "evaluate", ek_cmd_evaluate, N_("evaluate the statutory time limits of cases (bevakning)") },
    { "check", ek_cmd_check, N_("audit cases against the egenkontroll checklist") },
    { "sarah", ek_cmd_sarah, N_("check a lex Sarah register") },
    { "report", ek_cmd_report, N_("write the egenkontroll report for a period") },
    { "review", ek_cmd_review, N_("write the reviewer's worksheet for a sample (HTML)") },
    { "policy", ek_cmd_policy, N_("list the policy parameters and their defaults") },
    { "rules", ek_cmd_rules, N_("list the rules, their versions, legal bases and periods") },
};

static void usage(FILE *f)
{
    fprintf(f, _("usage: egenkontroll [--lang sv|en] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
    fprintf(f, _("\n  egenkontroll --version\n  egenkontroll COMMAND --help\n\n"
                 "  --lang sv|en   language of messages and reports (default: Swedish, or English\n"
                 "                 when LANGUAGE, LC_ALL, LC_MESSAGES or LANG asks for it)\n"));
}

/* ---- language ------------------------------------------------------------ */

/* 1 if the locale name or LANGUAGE entry @p s is English, 0 if Swedish, -1 if neither. */
static int lang_of(const char *s, size_t n)
{
    if (n >= 2 && (strncmp(s, "en", 2) == 0) && (n == 2 || s[2] == '_' || s[2] == '.' || s[2] == '@'))
        return 1;
    if (n >= 2 && (strncmp(s, "sv", 2) == 0) && (n == 2 || s[2] == '_' || s[2] == '.' || s[2] == '@'))
        return 0;
    return -1;
}

/*
 * The language the user's environment asks for, in gettext's order: the first
 * Swedish or English entry of LANGUAGE, else the first of LC_ALL, LC_MESSAGES,
 * LANG that is set.  1 English, 0 Swedish, -1 no preference.
 */
static int lang_from_environment(void)
{
    const char *language = getenv("LANGUAGE");
    if (language != NULL) {
        for (const char *p = language; *p != '\0';) {
            size_t n = strcspn(p, ":");
            int l = lang_of(p, n);
            if (l >= 0)
                return l;
            p += n;
            if (*p == ':')
                p++;
        }
    }
    const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0')
            return lang_of(v, strlen(v));
    }
    return -1;
}

/*
 * Take every "--lang X" / "--lang=X" out of argv (anywhere before a "--"),
 * leaving the rest in order.  Returns 1 English, 0 Swedish, -1 not given,
 * -2 bad value (error printed).
 */
static int take_lang_option(int *argc, char **argv)
{
    int lang = -1, out = 1;
    int i = 1;
    for (; i < *argc; i++) {
        const char *a = argv[i], *value = NULL;
        if (strcmp(a, "--") == 0)
            break;
        if (strcmp(a, "--lang") == 0) {
            if (i + 1 >= *argc) {
                ek_tool_error("--lang needs a value (sv or en)");
                return -2;
            }
            value = argv[++i];
        } else if (strncmp(a, "--lang=", 7) == 0) {
            value = a + 7;
        } else {
            argv[out++] = argv[i];
            continue;
        }
        if (strcmp(value, "sv") == 0)
            lang = 0;
        else if (strcmp(value, "en") == 0)
            lang = 1;
        else {
            ek_tool_error("--lang must be sv or en, not \"%s\"", value);
            return -2;
        }
    }
    for (; i < *argc; i++)
        argv[out++] = argv[i];
    argv[out] = NULL;
    *argc = out;
    return lang;
}

/*
 * Messages in Swedish unless --lang en or the environment asks for English.
 * gettext honours LANGUAGE only outside the "C" locale, so a "C"/"POSIX" (or
 * missing) locale is replaced by C.UTF-8; numbers keep the "C" format.
 */
static void locale_dir(char *dir, size_t size);

static void set_language(int lang)
{
    if (setlocale(LC_ALL, "") == NULL)
        (void)setlocale(LC_ALL, "C");
    const char *m = setlocale(LC_MESSAGES, NULL);
    if (m == NULL || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
        if (setlocale(LC_ALL, "C.UTF-8") == NULL)
            (void)setlocale(LC_ALL, "C.utf8");
    (void)setlocale(LC_NUMERIC, "C");
    (void)setenv("LANGUAGE", lang == 1 ? "en" : "sv", 1);
    char dir[4096];
    locale_dir(dir, sizeof dir);
    /* The library (maybe linked in statically) looks in $EK_LOCALEDIR first: the same catalogues. */
    (void)setenv("EK_LOCALEDIR", dir, 1);
    (void)bindtextdomain(EK_TEXT_DOMAIN, dir);
    (void)bind_textdomain_codeset(EK_TEXT_DOMAIN, "UTF-8");
    (void)textdomain(EK_TEXT_DOMAIN);
}

/* Whether @dir holds the catalogue of language @lang ("sv", "en"). */
static int has_catalogue(const char *dir, const char *lang)
{
    char mo[4200];
    struct stat st;
    int n = snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/%s.mo", dir, lang, EK_TEXT_DOMAIN);
    return n > 0 && (size_t)n < sizeof mo && stat(mo, &st) == 0;
}

/*
 * Where the message catalogues are: $EK_LOCALEDIR; else, when the tool runs
 * from a build tree (<build>/tools/egenkontroll), that tree's po/ directory
 * (<build>/po, built by Meson); else <bin>/../share/locale next to the
 * command (a pip install into a virtual environment); else the configured
 * install localedir.
 */
static void locale_dir(char *dir, size_t size)
{
    const char *env = getenv("EK_LOCALEDIR");
    if (env != NULL && env[0] != '\0') {
        snprintf(dir, size, "%s", env);
        return;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            static const char *const rel[] = { "/../po", "/../share/locale" };
            for (size_t r = 0; r < sizeof rel / sizeof rel[0]; r++) {
                int k = snprintf(dir, size, "%s%s", exe, rel[r]);
                if (k > 0 && (size_t)k < size && has_catalogue(dir, "sv"))
                    return;
            }
        }
    }
    snprintf(dir, size, "%s", EK_CONFIG_LOCALEDIR);
}

/* Say once, on standard error, when the chosen language has no catalogue (messages would mix languages). */
static void check_catalogue(int lang)
{
    char dir[4096];
    const char *code = lang == 1 ? "en" : "sv";
    locale_dir(dir, sizeof dir);
    if (!has_catalogue(dir, code))
        fprintf(stderr, "egenkontroll: no message catalogue for \"%s\" in %s: messages are shown as written "
                        "(errors in English, domain texts in Swedish); set EK_LOCALEDIR or install the catalogues\n",
                code, dir);
}

int main(int argc, char **argv)
{
    /* Before any message: the environment's choice, then --lang overrides it. */
    int env_lang = lang_from_environment();
    set_language(env_lang);
    int lang = take_lang_option(&argc, argv);
    if (lang == -2)
        return EK_EXIT_USAGE;
    if (lang >= 0 && lang != env_lang)
        set_language(lang);
    check_catalogue(lang >= 0 ? lang : env_lang);
    if (argc < 2) {
        usage(stderr);
        return EK_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EK_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("egenkontroll %s (library %s)\n", EK_VERSION_STRING, ek_version_string());
        return EK_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    ek_tool_error("unknown command \"%s\" (see egenkontroll --help)", argv[1]);
    return EK_EXIT_USAGE;
}
