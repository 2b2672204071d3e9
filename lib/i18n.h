/* SPDX-License-Identifier: MIT */
/*
 * Message translation inside the library (private; not installed).
 *
 * The library has its own gettext text domain, EK_TEXT_DOMAIN ("egenkontroll"),
 * and looks messages up with dgettext() only: it never calls textdomain(),
 * which belongs to the application.  Catalogues are found in $EK_LOCALEDIR if
 * set (the build tree's po/ directory in tests), else in the configured
 * install localedir.  Messages are written in the language of their author:
 * English for errors, Swedish for the domain texts; po/sv.po and po/en.po
 * translate each into the other language.  Which language is used follows
 * the process's locale and LANGUAGE, as gettext does; in the "C" locale the
 * msgids come back untouched.
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
 * The translation of @msgid in the library's domain, or @msgid itself (also
 * for NULL and "").  Thread-safe; binds the domain once (pthread_once).
 */
const char *ek__gettext(const char *msgid) EK_FORMAT_ARG(1);

#define _(s) ek__gettext(s)
#define N_(s) s

#endif /* EK_I18N_H */
