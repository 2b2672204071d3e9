/* SPDX-License-Identifier: MIT */
/**
 * @file common.h
 * @brief Status codes, errors, the allocator hook, the context and the version.
 *
 * See egenkontroll.h for the conventions every function of the library follows.
 */
#ifndef EGENKONTROLL_COMMON_H
#define EGENKONTROLL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <egenkontroll/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(EK_STATIC)
#  define EK_API
#elif defined(_WIN32)
#  if defined(EK_BUILDING_LIBRARY)
#    define EK_API __declspec(dllexport)
#  else
#    define EK_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define EK_API __attribute__((visibility("default")))
#else
#  define EK_API
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#  define EK_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#  define EK_DEPRECATED(msg)
#endif
/** @endcond */

/**
 * Status codes.  Every fallible function returns EK_OK (0) or one of the
 * negative codes below, and sets the calling thread's last error
 * (ek_error_last()) to a message that says what went wrong, with where in
 * its location fields (ek_error_format() shows both).
 * New codes may be added; treat any unknown negative value as a failure.
 */
typedef enum ek_status {
    EK_OK = 0,            /**< Success. */
    EK_EINVAL = -1,       /**< Invalid argument (NULL object, unknown enum value, bad name). */
    EK_ENOMEM = -2,       /**< An allocation failed; nothing was changed. */
    EK_EPARSE = -3,       /**< Malformed input text: date, period, JSON. */
    EK_ERANGE = -4,       /**< A date or number is outside the supported range. */
    EK_ENOTFOUND = -5,    /**< The named thing (rule, item, key, file) does not exist. */
    EK_ECONFLICT = -6,    /**< The data contradict each other (e.g. closed before opened). */
    EK_EIO = -7,          /**< Reading or writing a file failed. */
    EK_ESTATE = -8,       /**< Not allowed in the object's current state. */
    EK_EVERSION = -9,     /**< A versioned struct has a version this library does not know. */
    EK_ELIMIT = -10,      /**< A size limit was exceeded (line length, nesting, count). */
    EK_EINTERNAL = -99    /**< A bug in the library; please report it. */
} ek_status;

/**
 * A short constant English name for a status.
 * @param status  an ::ek_status value (any int accepted).
 * @return the name, e.g. "EK_EPARSE"; "EK_EUNKNOWN" for a value that is not
 *         a status; static, never NULL.  Thread-safe.
 */
EK_API const char *ek_status_name(int status);

/** Version of struct ek_error understood by this header (2: @c language; version 1 is still accepted). */
#define EK_ERROR_VERSION 2

/**
 * An error: status, message and location.  Versioned: set @c version to
 * EK_ERROR_VERSION (or use EK_ERROR_INIT) before passing one to the library.
 * Location fields are empty strings / 0 when unknown.
 *
 * Version 2 adds @c language, the language the message was written in, so
 * that a copy is shown in that language wherever and whenever it is
 * formatted (ek_error_format()).  A struct of version 1 (compiled against an
 * older header) is still served: the library reads and writes only its
 * members, and formats it in the calling thread's language.
 *
 * The location lives in the fields only: @c message is the description
 * ("what"), never prefixed with the file and line nor suffixed with the case
 * id and field.  ek_error_format() composes the display string from all of
 * them.  (Before 0.x "Unreleased", @c message carried the location too.)
 * Every string is valid UTF-8 when the input was, NUL-terminated, and cut
 * (when too long) at a character boundary.
 */
typedef struct ek_error {
    unsigned int version;   /**< EK_ERROR_VERSION. */
    int status;             /**< The ek_status, EK_OK when there is no error. */
    char message[512];      /**< Human-readable description, without the location; NUL-terminated. */
    char source[256];       /**< File name or "<string>", when the error concerns input text. */
    unsigned long line;     /**< 1-based line in @c source, 0 if not applicable. */
    unsigned long column;   /**< 1-based column (in bytes) in @c line, 0 if not applicable. */
    char record_id[96];     /**< Case or record id, when known. */
    char field[96];         /**< Key, event index or field name, when known. */
    /* Since version 2: */
    char language[16];      /**< The language @c message was written in: a context's ("sv", "en";
                                 ek_context_set_language()) when the call that failed had one, "" for
                                 the process's (gettext, the locale).  Set by the library. */
} ek_error;

/** Static initializer for struct ek_error. */
#define EK_ERROR_INIT { EK_ERROR_VERSION, 0, {0}, {0}, 0, 0, {0}, {0}, {0} }

/**
 * The calling thread's last error.  Never NULL; after a successful call the
 * content is unspecified (functions do not clear it on success).  The pointer
 * stays valid for the life of the thread and is only changed by library calls
 * made on this thread.
 * @return the last error; borrowed: valid until the calling thread ends.
 *         Thread-safe.
 */
EK_API const ek_error *ek_error_last(void);

/**
 * Copy the calling thread's last error into a caller-supplied struct.
 * Unlike other functions, a failure does not change the last error (so the
 * error to be copied survives a bad call).  The copy keeps the language its
 * message was written in (@c language, version 2), so ek_error_format() shows
 * it in that language on any thread, later.
 * @param[out] out  struct with out->version set (EK_ERROR_INIT); receives a
 *                  copy of the last error.  For version 1 only the members of
 *                  version 1 are written (out->version stays 1).
 * @return EK_OK, EK_EINVAL (NULL), EK_EVERSION (unknown out->version).
 * Thread-safe.
 */
EK_API int ek_error_copy(ek_error *out);

/**
 * Compose the display string of an error:
 *
 *     SOURCE:LINE:COLUMN: MESSAGE (case ID, field FIELD)
 *
 * e.g. `cases.jsonl:12:34: "2026-02-30" is not a valid date: month 02 of 2026
 * has 28 days (case BU-1, field events[3].date)`; in Swedish the words in
 * parentheses are "ärende" and "fält".  Each part appears once and only when
 * known: no SOURCE, no "SOURCE:...: " prefix (LINE and COLUMN are left out
 * when 0); the parenthesis names the case id and/or the field, or is left
 * out.  An empty message is shown as the status name (ek_status_name()).
 * The connecting words are in the language the message was written in,
 * @c e->language (a context's, ek_context_set_language(); "" the process's),
 * for ek_error_last() and for a copy alike, on whatever thread formats it;
 * a language this library does not know, and a struct of version 1 (no
 * @c language), are shown in the calling thread's language (the process's,
 * or a context's inside a call made with it).
 *
 * Like snprintf(): writes at most @p size bytes including the NUL (nothing
 * when @p size is 0, @p buf may then be NULL) and returns the length of the
 * whole display string (without the NUL), so a return value >= @p size means
 * it was cut; a cut never ends inside a UTF-8 character.  A buffer of
 * EK_ERROR_FORMAT_SIZE bytes always holds the whole string.
 *
 * @param e     the error (e.g. ek_error_last(), or a copy); only read.  Its
 *              char arrays need not be NUL-terminated.
 * @param[out] buf   receives the display string; owned by the caller.
 * @param size  the size of @p buf in bytes.
 * @return the length (>= 0); EK_EINVAL (NULL @p e, or NULL @p buf with
 *         @p size > 0), EK_EVERSION (unknown e->version).  Never changes the
 *         thread's last error, so ek_error_format(ek_error_last(), ...) is
 *         safe.  Thread-safe.
 */
EK_API int ek_error_format(const ek_error *e, char *buf, size_t size);

/** A buffer size that always holds ek_error_format()'s whole display string. */
#define EK_ERROR_FORMAT_SIZE 1280

/**
 * Reset the calling thread's last error to EK_OK with an empty message and
 * empty location.  Thread-safe (affects the calling thread only).
 */
EK_API void ek_error_clear(void);

/* ------------------------------------------------------------------------ */
/* Result vocabulary (XCCDF, NIST IR 7275)                                   */

/**
 * The result of judging one checklist item (or lex Sarah item) for one
 * case.  0 is "invalid", never a result.  Something that could not be judged
 * is never EK_RESULT_PASS.
 */
typedef enum ek_result {
    EK_RESULT_INVALID = 0,        /**< Not a result (uninitialised). */
    EK_RESULT_PASS = 1,           /**< The case meets the item. */
    EK_RESULT_FAIL = 2,           /**< The case does not meet the item. */
    EK_RESULT_ERROR = 3,          /**< The data contradict themselves; cannot judge. */
    EK_RESULT_UNKNOWN = 4,        /**< The evaluation could not decide (e.g. unsettled law). */
    EK_RESULT_NOTAPPLICABLE = 5,  /**< The item does not concern this case. */
    EK_RESULT_NOTCHECKED = 6,     /**< Not judged (e.g. judgement item without a reviewer's answer). */
    EK_RESULT_NOTSELECTED = 7,    /**< The item was not selected for this run. */
    EK_RESULT_INFORMATIONAL = 8,  /**< Reported for information only. */
    EK_RESULT_FIXED = 9           /**< Failed, then remedied. */
} ek_result;

/**
 * Number of results: they are 1 … ek_result_count() (EK_RESULT_INVALID, 0,
 * is none).  A later version of the library may add results at the end;
 * iterate up to this count rather than up to a constant of the header you
 * compiled against.
 * @return the count (9 in this version).  Thread-safe.
 */
EK_API size_t ek_result_count(void);

/**
 * The XCCDF name of a result.
 * @param result  the result.
 * @return the name ("pass", "notchecked"); "invalid" for EK_RESULT_INVALID
 *         and unknown values; static, never NULL.  Thread-safe.
 */
EK_API const char *ek_result_name(ek_result result);

/**
 * The word for a result shown to people: the name of ek_result_name() in
 * the language of the library's messages (Swedish "uppfylld", "brist",
 * "ej bedömd", …; untranslated in the "C" locale).  The text outputs of
 * `egenkontroll sarah` and `report` use it.
 * @param result  the result.
 * @return static, never NULL; "invalid" for EK_RESULT_INVALID and unknown
 *         values.  Thread-safe.
 */
EK_API const char *ek_result_label(ek_result result);

/**
 * Parse an XCCDF result name ("invalid" is not accepted).
 * @param name      NUL-terminated, case-sensitive; borrowed for the call.
 * @param[out] out  receives the result; untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_EPARSE (not a result name; named in the last error).
 *         Thread-safe.
 */
EK_API int ek_result_from_name(const char *name, ek_result *out);

/* ------------------------------------------------------------------------ */
/* Allocator hook                                                            */

/** Version of struct ek_allocator understood by this header. */
#define EK_ALLOCATOR_VERSION 1

/**
 * A memory allocator.  All three functions are required; they receive @c user.
 * @c malloc_fn and @c realloc_fn return NULL on failure; @c free_fn accepts NULL.
 * Sizes are never 0.
 */
typedef struct ek_allocator {
    unsigned int version;                                   /**< EK_ALLOCATOR_VERSION. */
    void *(*malloc_fn)(size_t size, void *user);            /**< Allocate. */
    void *(*realloc_fn)(void *ptr, size_t size, void *user);/**< Resize. */
    void (*free_fn)(void *ptr, void *user);                 /**< Release. */
    void *user;                                             /**< Passed to each function. */
} ek_allocator;

/**
 * Install the allocator used for every allocation of the library, or restore
 * the C library's malloc/realloc/free with NULL.
 *
 * Call it once at start-up, before any other library function and before
 * other threads exist; objects allocated with one allocator must not be freed
 * after switching to another.  This is the only process-wide setting of the
 * library, and the only function that is not thread-safe.
 * @param allocator  the allocator, or NULL for the C library's; copied (the
 *                   struct need not outlive the call; @c user is kept as is).
 * @return EK_OK, EK_EINVAL (a function pointer missing), EK_EVERSION
 *         (unknown allocator->version); on failure the allocator in use is
 *         unchanged.
 */
EK_API int ek_set_allocator(const ek_allocator *allocator);

/**
 * Free memory that the library allocated and handed to the caller
 * (functions say so: "owned; free with ek_free()").  Thread-safe.
 * @param ptr  the memory, or NULL (no-op).
 */
EK_API void ek_free(void *ptr);

/* ------------------------------------------------------------------------ */
/* CSV                                                                       */

/**
 * The CSV dialects of the CSV writers (ek_report_write_csv_dialect(),
 * ek_evaluation_append_csv()).  Both use CRLF line ends, UTF-8 and quote a
 * field that holds the separator, a quote, CR or LF (quotes doubled).
 */
typedef enum ek_csv_dialect {
    EK_CSV_RFC4180 = 0,  /**< RFC 4180: comma separator, decimal point, no byte order mark. */
    EK_CSV_EXCEL_SV = 1  /**< As Swedish Excel reads it: semicolon, decimal comma, UTF-8 byte order mark. */
} ek_csv_dialect;

/* ------------------------------------------------------------------------ */
/* Text made safe for output (issue 18)                                      */

/*
 * Every writer that puts text from input files (ids, units, messages, free
 * text) into an output uses these, so that nothing unsafe leaves the library:
 * - a terminal or a text line gets no control character (an id holding ESC
 *   or a newline cannot recolour the screen or forge an output line);
 * - a spreadsheet (CSV, xlsx) gets no formula (a cell "=HYPERLINK(…)" is
 *   neutralised with a leading apostrophe, as OWASP recommends);
 * - nothing shaped like a Swedish personal identity number is shown.
 * The library's own writers (text, CSV, JSON of reports, evaluations and
 * checklist results, every error message) already do this; an application
 * writing its own output (e.g. an xlsx writer) calls ek_text_safe() with
 * EK_TEXT_CELL for each text cell, or EK_TEXT_LINE for a line of text.
 */

/** What ek_text_safe() does; combine with |. */
typedef enum ek_text_flags {
    /** Escape control characters: C0 (U+0000–U+001F) and DEL as \\n, \\r, \\t or \\xHH; C1
     *  (U+0080–U+009F), U+2028, U+2029 and the bidirectional controls (U+202A–U+202E,
     *  U+2066–U+2069) as \\uHHHH; a byte that is not valid UTF-8 as \\xHH. */
    EK_TEXT_ESCAPE = 1,
    /** Mask personal identity numbers: every run shaped like YYMMDD-NNNN or YYYYMMDD-NNNN
     *  (separator '-', '+' or none; month 01–12; day 01–31, or 61–91 for a
     *  samordningsnummer; not part of a longer digit run) has its digits replaced by 'X'. */
    EK_TEXT_MASK_PNR = 2,
    /** Neutralise a spreadsheet formula: text starting with '=', '+', '-', '@', TAB or CR
     *  gets a leading apostrophe (see ek_text_is_formula()). */
    EK_TEXT_FORMULA = 4,
    /** For a line of text (terminal, log): EK_TEXT_ESCAPE | EK_TEXT_MASK_PNR. */
    EK_TEXT_LINE = 3,
    /** For a spreadsheet cell (CSV field before quoting, xlsx string): all three. */
    EK_TEXT_CELL = 7
} ek_text_flags;

/**
 * Make @p s safe for an output, as @p flags say.  Works like snprintf():
 * writes at most @p size - 1 bytes and a NUL to @p buf (when @p size > 0),
 * never cutting a character or an escape in two, and returns the length of
 * the whole result, so a result is complete when the return value is less
 * than @p size.  The result is at most 6 * strlen(s) + 1 bytes long.
 * @param s      the text (UTF-8 expected; any bytes accepted); NULL reads as "".
 * @param flags  ::ek_text_flags.
 * @param buf    the output; may be NULL when @p size is 0 (to measure).
 * @param size   bytes available in @p buf.
 * @return the length of the complete result (without the NUL).
 * Thread-safe; never fails.
 */
EK_API size_t ek_text_safe(const char *s, unsigned int flags, char *buf, size_t size);

/**
 * As ek_text_safe(), into new memory.
 * @param s      the text; NULL reads as "".
 * @param flags  ::ek_text_flags.
 * @param[out] out  the result; owned, free with ek_free(); NULL on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_text_safe_dup(const char *s, unsigned int flags, char **out);

/**
 * Whether a spreadsheet would take @p s for a formula: it starts with '=',
 * '+', '-', '@', TAB or CR (the OWASP list for CSV injection).
 * @param s  the text, or NULL (not a formula).
 * @return 1 or 0.  Thread-safe.
 */
EK_API int ek_text_is_formula(const char *s);

/**
 * Mask personal identity numbers in place (EK_TEXT_MASK_PNR: digits become
 * 'X'; the length does not change).  For a whole output written at once,
 * e.g. a JSON document.
 * @param s  the text, changed in place; NULL does nothing.
 * @return how many were masked.  Thread-safe (for distinct @p s).
 */
EK_API size_t ek_text_mask_pnr(char *s);

/* ------------------------------------------------------------------------ */
/* Version                                                                   */

/**
 * The library's run-time version as a number.
 * @return the EK_VERSION_NUMBER the library was built with.  Thread-safe.
 */
EK_API int ek_version(void);

/**
 * The library's run-time version as a string.
 * @return e.g. "0.1.0"; static, never NULL.  Thread-safe.
 */
EK_API const char *ek_version_string(void);

/* ------------------------------------------------------------------------ */
/* Context: policy, calendar and logging                                     */

/** Log levels, most severe first. */
typedef enum ek_log_level {
    EK_LOG_ERROR = 0,   /**< An input record was rejected. */
    EK_LOG_WARNING = 1, /**< Something was kept but may be wrong (unknown key, unknown event type). */
    EK_LOG_INFO = 2,    /**< Progress. */
    EK_LOG_DEBUG = 3    /**< Detail for developers. */
} ek_log_level;

/**
 * A log callback.  @p message is borrowed for the duration of the call.
 * It may be called from any thread that uses the context, so it must be
 * thread-safe if the context is shared.
 */
typedef void (*ek_log_fn)(ek_log_level level, const char *message, void *user);

/**
 * An output sink for writers that write a long text piece by piece
 * (ek_report_write_json_sink()): called with the next @p len bytes of the
 * text, in order, on the calling thread.  @p data is borrowed for the
 * duration of the call and is not NUL-terminated.
 * @return 0 to go on; anything else stops the writer, which then returns
 *         EK_EIO (keep the reason, e.g. errno, in @p user).
 */
typedef int (*ek_write_fn)(void *user, const char *data, size_t len);

struct ek_calendar;
struct ek_policy;

/**
 * A context: the Swedish calendar, the policy parameters, the log sink and
 * the language of messages (ek_context_set_language()) used by evaluations.  There is no global state in the library; everything
 * configurable lives here.
 *
 * Thread safety: configure a context on one thread; once no setter is called
 * any more, any number of threads may evaluate with it at once.
 */
typedef struct ek_context ek_context;

/**
 * Create a context with the default policy (see policy.h), the built-in
 * Swedish calendar and no logging (no callback; the level is EK_LOG_WARNING
 * until ek_context_set_log() changes it).
 * @param[out] out  receives the context; owned, free with ek_context_free().
 *                  Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM (nothing leaked).
 *         Thread-safe.
 */
EK_API int ek_context_new(ek_context **out);

/**
 * Free a context, its calendar and its policy.  Objects borrowed from it
 * (ek_context_calendar(), ek_context_policy()) become invalid.  Not while
 * another thread uses it.
 * @param ctx  the context, or NULL (no-op).
 */
EK_API void ek_context_free(ek_context *ctx);

/**
 * Set the log callback (NULL disables logging) and the most detailed level
 * passed to it.  Not thread-safe against concurrent use of @p ctx.
 * @param ctx        the context.
 * @param fn         the callback, or NULL to disable logging.
 * @param user       passed to @p fn unchanged; borrowed: must stay valid
 *                   while @p ctx may log.
 * @param max_level  the most detailed level passed to @p fn.
 * @return EK_OK, EK_EINVAL (@p ctx NULL, unknown level; nothing changed).
 */
EK_API int ek_context_set_log(ek_context *ctx, ek_log_fn fn, void *user, ek_log_level max_level);

/**
 * The context's calendar.
 * @param ctx  the context.
 * @return the calendar; borrowed: valid until @p ctx is freed.  NULL only
 *         when @p ctx is NULL (the last error is not set).  Thread-safe.
 */
EK_API const struct ek_calendar *ek_context_calendar(const ek_context *ctx);

/**
 * The context's policy, to change it with ek_policy_set() before sharing
 * the context between threads.
 * @param ctx  the context.
 * @return the policy; borrowed: valid until @p ctx is freed.  NULL only when
 *         @p ctx is NULL (the last error is not set).  Not thread-safe
 *         against concurrent use of @p ctx once the policy is changed.
 */
EK_API struct ek_policy *ek_context_policy(ek_context *ctx);

/**
 * Read-only view of the context's policy.
 * @param ctx  the context.
 * @return the policy; borrowed: valid until @p ctx is freed.  NULL only when
 *         @p ctx is NULL.  Thread-safe.
 */
EK_API const struct ek_policy *ek_context_policy_const(const ek_context *ctx);

/**
 * Strict input: when on, a case that uses an event type or an attribute key
 * outside the case-1 vocabulary is refused by ek_evaluate_case() (and what
 * builds on it) with EK_EPARSE naming the case and the field
 * (ek_case_check_vocabulary()) instead of being evaluated — a typo such as
 * "utrednin_inledd" would otherwise silently make a duty overdue.  Off by
 * default: then such a case is evaluated and the reader's warnings say what
 * was not understood.  `egenkontroll evaluate|check --strict`.
 * @param ctx     the context.
 * @param strict  1 on, 0 off.
 * @return EK_OK, EK_EINVAL (NULL).  Not while another thread uses @p ctx.
 */
EK_API int ek_context_set_strict(ek_context *ctx, int strict);

/**
 * Whether strict input is on (ek_context_set_strict()).
 * @param ctx  the context.
 * @return 1 or 0 (0 for NULL).  Thread-safe.
 */
EK_API int ek_context_strict(const ek_context *ctx);

/**
 * The language of every message the library produces for calls made with
 * @p ctx: evaluation messages (ek_obligation::message, checklist item
 * messages and evidence, lex Sarah item messages), explanations, rule and
 * item titles, the report's texts and rejected-record messages, the names
 * of the context's calendar (ek_calendar_day_name() and the others on
 * ek_context_calendar()), log messages and the errors of those calls.
 *
 * - "sv" (Swedish) or "en" (English): the translations compiled into the
 *   library from its po/ files.  No catalogue file is looked for at run
 *   time and neither the process's locale nor LANGUAGE nor LANG has any
 *   effect, so threads may evaluate with contexts of different languages at
 *   once, and a server's JSON reports do not depend on its environment.
 * - NULL or "" (the default): follow the process as gettext does (the
 *   installed catalogues, chosen by the locale and LANGUAGE; untranslated
 *   in the "C" locale).
 *
 * Functions that take no context (readers and parsers such as
 * ek_case_read_json(), ek_date_parse(), ek_policy_set(),
 * ek_rulebook_rule(), a calendar of one's own) use the calling thread's
 * language: the process's, except inside a call made with a context (a log
 * callback, for instance), where it is that context's.  The language is
 * never changed process-wide: no setlocale(), uselocale() or environment.
 *
 * Strings the library returns borrowed in a language (titles, names,
 * messages) are static and stay valid for the life of the process.
 *
 * @param ctx   the context.
 * @param lang  "sv", "en", or NULL/"" to follow the process; borrowed for
 *              the call.
 * @return EK_OK, EK_EINVAL (@p ctx NULL; @p lang unknown, named in the
 *         message; nothing changed).  Not while another thread uses @p ctx.
 */
EK_API int ek_context_set_language(ek_context *ctx, const char *lang);

/**
 * The language set with ek_context_set_language().
 * @param ctx  the context.
 * @return "sv" or "en" (static), or NULL when the context follows the
 *         process (the default) or @p ctx is NULL.  Thread-safe.
 */
EK_API const char *ek_context_language(const ek_context *ctx);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_COMMON_H */
