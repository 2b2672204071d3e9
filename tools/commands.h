/* SPDX-License-Identifier: MIT */
/* Subcommands of the egenkontroll command-line tool. Each returns the exit status. */
#ifndef EK_TOOLS_COMMANDS_H
#define EK_TOOLS_COMMANDS_H

#include <libintl.h>
#include <stdio.h>

#include <egenkontroll/calendar.h>
#include <stdint.h>

#include <egenkontroll/answers.h>
#include <egenkontroll/case.h>
#include <egenkontroll/sarah.h>

/*
 * Messages: the tool shares the library's gettext domain (po/); main() binds
 * it and makes it the default domain.  _() translates, N_() only marks.
 */
#define EK_TEXT_DOMAIN "egenkontroll"
#define _(s) gettext(s)
#define N_(s) s
/*
 * A translation in context @ctx (msgctxt in the .po files; xgettext keyword C_:1c,2), for short
 * strings whose msgid alone would be ambiguous ("decimal mark", the review dropdown's words).
 */
#define C_(ctx, s) ek_tool_ctx_gettext(ctx "\004" s, s)
const char *ek_tool_ctx_gettext(const char *key, const char *s);

/* Exit statuses (documented in the man page and README). */
enum {
    EK_EXIT_OK = 0,        /* success; every input record accepted */
    EK_EXIT_FINDINGS = 1,  /* reserved: success with findings, where a command documents it */
    EK_EXIT_USAGE = 2,     /* bad command line */
    EK_EXIT_INPUT = 3,     /* some input record or file was rejected (the others were processed) */
    EK_EXIT_FAILURE = 4    /* could not run at all (out of memory, I/O error) */
};

int ek_cmd_calendar(int argc, char **argv);
int ek_cmd_deadline(int argc, char **argv);
int ek_cmd_evaluate(int argc, char **argv);
int ek_cmd_sarah(int argc, char **argv);
int ek_cmd_check(int argc, char **argv);
int ek_cmd_report(int argc, char **argv);
int ek_cmd_review(int argc, char **argv);
int ek_cmd_policy(int argc, char **argv);
int ek_cmd_rules(int argc, char **argv);

/* Shared helpers of the subcommands (cli_util.c). */

/* The language of the tool's messages, "sv" or "en" (--lang or the environment; main() decides). */
const char *ek_tool_language(void);

/*
 * ek_context_new() for a subcommand: the context speaks the tool's language
 * (ek_context_set_language()), so the library's messages for its calls come
 * from the catalogues compiled into the library, whatever the locale.
 */
int ek_tool_context_new(ek_context **out);

/* Today's date in local time, or EK_DATE_NONE (the default --as-of). */
ek_date ek_tool_today(void);

/* "YYYY-MM-DD" of @d in @buf (EK_DATE_BUFSIZE bytes), or "-" for no date. */
const char *ek_tool_date_str(ek_date d, char *buf);

/* Number of characters (UTF-8 code points) of @s, for aligned columns. */
size_t ek_tool_ulen(const char *s);

/*
 * Text from input (ids, units, messages) on a line of text output: control characters escaped
 * and personal identity numbers masked (ek_text_safe(), EK_TEXT_LINE), so that an id holding
 * ESC or a newline can neither recolour the terminal nor forge a line (issue 18).  Every text
 * output of the subcommands prints input through one of these two.
 */
/* @s made safe in @buf (@size bytes, at least 4), cut with "…" when longer; returns @buf. */
const char *ek_tool_safe(const char *s, char *buf, size_t size);
/* Write @s made safe to @f, however long. */
void ek_tool_fputs_safe(const char *s, FILE *f);
/* @s made safe, however long: in @small (@size bytes, at least 4) when it fits, else in *@owned
 * (free with ek_free(); NULL when not used), or cut with "…" into @small when out of memory. */
const char *ek_tool_safe_whole(const char *s, char *small, size_t size, char **owned);

/*
 * Read the --answers files @paths (egenkontroll/granskning-1) into a new set *out (NULL when @n is 0;
 * free with ek_answers_free()).  An xlsx workbook is refused with the command that converts it.
 * Returns EK_EXIT_OK, EK_EXIT_INPUT (a file could not be read), EK_EXIT_USAGE or EK_EXIT_FAILURE.
 */
int ek_tool_answers_load(const char *cmd, const char *const *paths, size_t n, ek_answers **out);

/*
 * Print the notes of @a from *printed on (conflicts as warnings, the rest as errors) and set
 * *printed to their count.  Returns EK_EXIT_INPUT when some note is an error, else EK_EXIT_OK.
 */
int ek_tool_answers_notes(const char *cmd, const ek_answers *a, size_t *printed);

/*
 * Warnings formats.md promises (issue 18): a case without "format", an unknown event type, an
 * unknown key … are kept with a warning (ek_case_warning()); the subcommands print them on stderr
 * as "egenkontroll: CMD: FILE:LINE: warning: … (case ID)", at most EK_TOOL_MAX_WARNINGS per file,
 * then how many more.  @count is the caller's per-file counter (start at 0).
 */
#define EK_TOOL_MAX_WARNINGS 20
void ek_tool_case_warnings(const char *cmd, const char *file, unsigned long line, const ek_case *c, size_t *count);
/* Whether warning @w is one formats.md promises (no "format" key, an unknown event type); unknown
 * keys are kept silently, as formats.md says. */
int ek_tool_warning_shown(const char *w);
/* One warning @w of case @id (already filtered with ek_tool_warning_shown()). */
void ek_tool_case_warning(const char *cmd, const char *file, unsigned long line, const char *w, const char *id,
                          size_t *count);
/* After a file: "… N more warnings in FILE" when more than EK_TOOL_MAX_WARNINGS were found. */
void ek_tool_warnings_done(const char *cmd, const char *file, size_t count);
/* Warn about a file given more than once among @files[0 … @n-1] (the same path, or the same file
 * under another name): its records would be counted twice. */
void ek_tool_warn_repeated_files(const char *cmd, char *const *files, int n);

/*
 * The reproducible sample of `check --sample` and `review --sample`: pass 1 reads every case of
 * @files (unreadable files and lines are skipped: pass 2 reports them), keeps those of unit @unit
 * (NULL: every unit) whose first event falls in [@from, @to] (EK_DATE_NONE: open) and draws at
 * most @n per group ek_sample_group(@period) with ek_sample_select(@seed) — the library's one
 * implementation.  In pass 2 the caller numbers the cases it reads successfully 0, 1, … in the
 * same order and asks ek_tool_sample_has().  Returns EK_OK or EK_ENOMEM (s is then empty).
 */
typedef struct ek_tool_sample {
    char **ids, **groups;     /* every case read, in order; group NULL: outside the population */
    size_t n, cap, population;
    unsigned char *selected;  /* n flags */
} ek_tool_sample;
int ek_tool_sample_draw(ek_tool_sample *s, char *const *files, int nfiles, const char *period, size_t n,
                        uint64_t seed, const char *unit, ek_date from, ek_date to);
int ek_tool_sample_has(const ek_tool_sample *s, size_t ordinal, const ek_case *c);
/* Whether @period is one of ek_sample_group()'s ("year", "half", "quarter", "month", "all"; the library
 * decides: ek_sample_period_label()). */
int ek_tool_sample_period_ok(const char *period);
void ek_tool_sample_free(ek_tool_sample *s);
/* The date of @c's first event in date order (EK_DATE_NONE: none); whether @c is of @unit (NULL: any)
 * with that date in [@from, @to]. */
ek_date ek_tool_case_date(const ek_case *c);
int ek_tool_case_wanted(const ek_case *c, const char *unit, ek_date from, ek_date to);

/*
 * --strict: when @c uses an event type or attribute key outside the vocabulary, print one error
 * naming the file, line, case and field (ek_case_check_vocabulary()) and return 1 (reject the
 * case); else 0.
 */
int ek_tool_strict_reject(const char *cmd, const char *file, unsigned long line, const ek_case *c);

/*
 * The options of a subcommand, as a table: "--name VALUE" or "--name=VALUE" for an option with
 * a value (EK_TOOL_VALUE: the last one given counts; EK_TOOL_LIST: repeatable, appended), "--name"
 * for a flag (EK_TOOL_FLAG: set to 1).  Another spelling of the same option ("-o" for "--output")
 * is another row with the same target.  The strings stay in argv (borrowed).
 */
typedef enum ek_tool_opt_kind { EK_TOOL_OPT_VALUE, EK_TOOL_OPT_LIST, EK_TOOL_OPT_FLAG } ek_tool_opt_kind;
/* The values of a repeatable option; @v has room for argc entries (the caller's). */
typedef struct ek_tool_list {
    const char **v;
    size_t n;
} ek_tool_list;
typedef struct ek_tool_opt {
    const char *name;
    ek_tool_opt_kind kind;
    const char **value;  /* EK_TOOL_OPT_VALUE */
    ek_tool_list *list;  /* EK_TOOL_OPT_LIST */
    int *flag;           /* EK_TOOL_OPT_FLAG */
} ek_tool_opt;
#define EK_TOOL_VALUE(name, target) { (name), EK_TOOL_OPT_VALUE, (target), NULL, NULL }
#define EK_TOOL_LIST(name, target) { (name), EK_TOOL_OPT_LIST, NULL, (target), NULL }
#define EK_TOOL_FLAG(name, target) { (name), EK_TOOL_OPT_FLAG, NULL, NULL, (target) }

/* What the option parsers return besides EK_EXIT_OK and EK_EXIT_USAGE: --help or -h was given
 * (the caller prints its usage and returns EK_EXIT_OK). */
#define EK_TOOL_HELP (-1)

/*
 * Parse the options of @cmd in argv[1 …] by the table @opts (@n rows), the files after them:
 * the options end at the first file ("-" is one) or after "--"; *first_file is the index of the
 * first file (argc: none).  An option after the files is an error.  Returns EK_EXIT_OK,
 * EK_TOOL_HELP, or EK_EXIT_USAGE after an error naming @cmd and the argument (an unknown option,
 * a missing value).
 */
int ek_tool_options_first(const char *cmd, int argc, char **argv, const ek_tool_opt *opts, size_t n,
                          int *first_file);
/*
 * The same with options and files in any order (every argument after "--" is a file): the
 * files go to @files (room for argc entries) in order, their number to *nfiles.
 */
int ek_tool_options_anywhere(const char *cmd, int argc, char **argv, const ek_tool_opt *opts, size_t n,
                             char **files, int *nfiles);

/* A decimal count without sign into *out: 0, or -1 when @s is empty, not digits or too large. */
int ek_tool_parse_u64(const char *s, uint64_t *out);

/*
 * The display string of an error (ek_error_format(): "file:line:column: message (case ID, field F)")
 * in @buf; returns @buf.  EK_TOOL_LAST_ERROR() gives the calling thread's last error's, in a buffer
 * that lives until the end of the enclosing block (a compound literal).
 */
const char *ek_tool_error_text(const ek_error *e, char *buf, size_t size);
#define EK_TOOL_LAST_ERROR() \
    ek_tool_error_text(ek_error_last(), (char[EK_ERROR_FORMAT_SIZE]){ 0 }, EK_ERROR_FORMAT_SIZE)
#define EK_TOOL_ERROR_TEXT(e) ek_tool_error_text((e), (char[EK_ERROR_FORMAT_SIZE]){ 0 }, EK_ERROR_FORMAT_SIZE)

/* ---- text output shared by the subcommands (text_out.c) ---- */

/* A share as a percentage, "86,2 %" ("86.2 %" in English), or "–" when @has is 0; returns @b. */
const char *ek_tool_pct(int has, double v, char *b, size_t size);
/* Days with one decimal when needed, with the language's decimal mark, or "–"; returns @b. */
const char *ek_tool_days(int has, double v, char *b, size_t size);
/*
 * The lex Sarah register summary as text lines on standard output: the one of `egenkontroll sarah`
 * (@in_report 0: quartiles of the days to the IVO notification, per typ) or of the report's
 * section 4 (1: the items named, the median in the language's notation, no grouping by typ).
 */
void ek_tool_sarah_summary_print(const ek_sarah_summary *s, int in_report);

/* Print "egenkontroll: <message>" on stderr (one line, made safe); @fmt is translated (gettext). */
void ek_tool_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
