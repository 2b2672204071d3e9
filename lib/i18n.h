/* SPDX-License-Identifier: MIT */
/*
 * Message translation inside the library (private; not installed).
 *
 * Messages are written in the language of their author: English for errors,
 * Swedish for the domain texts; po/sv.po and po/en.po translate each into the
 * other language (the gettext text domain EK_TEXT_DOMAIN, "egenkontroll").
 *
 * The language is a property of the call, not of the process.  Each thread
 * has a *current language* (a thread-local, like the last error):
 *
 *  - EK__LANG_PROCESS (0), the default: follow the process as gettext does.
 *    Messages are looked up with dgettext() (never textdomain(), which
 *    belongs to the application), in catalogues found in $EK_LOCALEDIR if
 *    set (the build tree's po/ directory in tests), else in the configured
 *    install localedir; the process's locale and LANGUAGE choose.  In the
 *    "C" locale the msgids come back untouched.
 *  - a language of the compiled catalogues ("sv", "en"): the po files are
 *    compiled into the library at build time (lib/gen_catalogs.py writes
 *    ek_catalogues.h, sorted tables searched with bsearch()), so nothing is
 *    looked for at run time and nothing depends on the locale.
 *
 * Every public entry point that takes a context (or an object that holds
 * one, such as a report, or the context's calendar) makes the context's
 * language current for the call with EK__LANG_SCOPE() and restores the
 * caller's on return; ek__parallel_for() and ek__threads_start() hand it to their threads.
 * Functions without a context use the calling thread's current language:
 * the process's, unless they are called from inside such a call (a log
 * callback, a job).  No locale, environment or process-wide state changes.
 *
 *   _("text")   translate now (returns a string valid for the process lifetime)
 *   N_("text")  mark for extraction only (static tables; translate at use)
 *
 * xgettext keywords (po/meson.build): _, N_, ek__error:2, ek__error_at:7, and each
 * printf-like helper that translates its format (msgf, set_error, set_na,
 * case_error, perr, sperr, ek__log).  A helper's keyword names one argument
 * position, so helpers with the format at different positions need different
 * names (json_case.c's perr:6, json_sarah.c's sperr:5).
 */
#ifndef EK_I18N_H
#define EK_I18N_H

#define EK_TEXT_DOMAIN "egenkontroll"

#if defined(__GNUC__)
#  define EK_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#  define EK_FORMAT_ARG(n)
#endif

/*
 * The translation of @msgid into the calling thread's current language, or
 * @msgid itself (also for NULL and "").  Thread-safe; binds the gettext
 * domain once (pthread_once) when the process's language is used.
 */
const char *ek__gettext(const char *msgid) EK_FORMAT_ARG(1);

#define _(s) ek__gettext(s)
#define N_(s) s

/*
 * What the process's gettext answers depend on besides the msgid, for
 * callers that remember its translations (evaluate.c): glibc's catalogue
 * counter, which setlocale(), textdomain() and bindtextdomain() advance and
 * which glibc's own cache of translations is checked against (a change of
 * LANGUAGE shows only after one of them, in glibc as in such a caller), and
 * the calling thread's locale (uselocale()).  Two equal states give the same
 * translations.  Returns 1, or 0 when the C library gives no such counter
 * (then any two lookups may differ).
 */
typedef struct ek__gettext_state {
    int counter;
    const void *locale;
} ek__gettext_state;
int ek__gettext_state_get(ek__gettext_state *st);

/* ---- the current language ------------------------------------------------ */

/* Follow the process (gettext); languages of the compiled catalogues are 1, 2, … */
#define EK__LANG_PROCESS 0
/* For ek__lang_enter(): keep the current language (an object without a context). */
#define EK__LANG_KEEP (-1)

/*
 * The language named @name: EK__LANG_PROCESS for NULL and "", else the
 * number of a compiled catalogue; -1 when there is none of that name.
 */
int ek__lang_from_name(const char *name);

/* The name of @lang ("sv"), NULL for EK__LANG_PROCESS or an unknown number. */
const char *ek__lang_name(int lang);

/* The names of the compiled catalogues, "sv, en" (static; for error messages). */
const char *ek__lang_names(void);

/* The calling thread's current language. */
int ek__lang_current(void);

/* Make @lang current on this thread (EK__LANG_KEEP: no change); returns the previous one. */
int ek__lang_enter(int lang);

/* Restore a language saved by ek__lang_enter() (a cleanup handler: takes its address). */
void ek__lang_restore(const int *saved);

/*
 * Make @lang current until the end of the enclosing block, whichever way
 * it is left (GCC/Clang cleanup attribute).  At most one per block.
 */
#define EK__LANG_SCOPE(lang) \
    __attribute__((cleanup(ek__lang_restore), unused)) const int ek__lang_saved = ek__lang_enter(lang)

#endif /* EK_I18N_H */
