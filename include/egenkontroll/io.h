/* SPDX-License-Identifier: MIT */
/**
 * @file io.h
 * @brief Reading and writing the JSON Lines interchange formats (FORMATS.md).
 *
 * The only part of the library that knows JSON (it uses jansson).  Readers
 * never fail on an unknown key; they fail, naming file, line, column, record
 * id and key, on a listed key with a wrong type or an impossible date.  A bad
 * line never costs the valid lines around it: readers hand back one record
 * at a time and report a bad one through its status, then continue.
 *
 * Limits (EK_ELIMIT beyond them): a line of at most EK_IO_MAX_LINE bytes,
 * JSON nesting of at most EK_IO_MAX_DEPTH levels.
 */
#ifndef EGENKONTROLL_IO_H
#define EGENKONTROLL_IO_H

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>
#include <egenkontroll/policy.h>
#include <egenkontroll/case.h>
#include <egenkontroll/rules.h>
#include <egenkontroll/sarah.h>
#include <egenkontroll/checklist.h>
#include <egenkontroll/answers.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest accepted input line (bytes, without the newline): 16 MiB. */
#define EK_IO_MAX_LINE (16u * 1024u * 1024u)
/** Deepest accepted JSON nesting. */
#define EK_IO_MAX_DEPTH 32

/* ==== section: JSON Lines reader (shared) ================================ */

/**
 * A JSON Lines source: a file, a stream or a memory buffer, read line by
 * line with a reused buffer (memory stays flat however long the file).
 * One thread at a time.
 */
typedef struct ek_jsonl_reader ek_jsonl_reader;

/**
 * Open @p path for reading ("-" means standard input, which is read but
 * never closed).
 * @param[out] out receives the reader; owned; free with
 *                 ek_jsonl_reader_free().  Untouched on failure.
 * @param path  the file name (copied for messages), or "-".
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM, EK_EIO (names the file and the
 *         system error).  Thread-safe.
 */
EK_API int ek_jsonl_reader_open(ek_jsonl_reader **out, const char *path);

/**
 * Read from a memory buffer of @p len bytes (copied).  @p name is used in
 * error messages (NULL gives "<memory>").
 * @param[out] out receives the reader; owned; free with
 *                 ek_jsonl_reader_free().  Untouched on failure.
 * @param data  @p len bytes (copied; may be NULL when @p len is 0).
 * @param len   number of bytes.
 * @param name  used in error messages; copied; NULL gives "<memory>".
 * @return EK_OK, EK_EINVAL (@p out NULL, @p data NULL with @p len > 0),
 *         EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_jsonl_reader_from_memory(ek_jsonl_reader **out, const char *data, size_t len, const char *name);

/**
 * Close (unless it is standard input) and free a reader.  Not while a case or
 * lex Sarah reader still uses it.
 * @param r  the reader, or NULL (no-op).
 */
EK_API void ek_jsonl_reader_free(ek_jsonl_reader *r);

/**
 * 1-based number of the line last read (0 before the first).
 * @param r  the reader.
 * @return the line number; 0 for NULL.  One thread at a time.
 */
EK_API unsigned long ek_jsonl_reader_line(const ek_jsonl_reader *r);

/**
 * The name used in messages (file name, "<stdin>", or the memory name).
 * @param r  the reader.
 * @return the name; borrowed, valid until @p r is freed; NULL for NULL.
 *         One thread at a time.
 */
EK_API const char *ek_jsonl_reader_name(const ek_jsonl_reader *r);

/**
 * Write an error (a rejected record) as one JSON object, one line without
 * newline: `{"id": …, "error": …, "status": …, "source": …, "line": …,
 * "column": …, "field": …}` — `id` the record id or null, `error` the
 * display string (ek_error_format(): the place and the message),
 * `status` ek_status_name(), `source` and `field` or null, `line`
 * and `column` numbers (0: unknown); separators ", " and ": ".  This is the
 * line `egenkontroll check --format json` and `egenkontroll sarah --format
 * json` print for a rejected record.
 * @param e  the error (e.g. ek_error_last()); only read.
 * @param[out] out receives the text; owned, NUL-terminated UTF-8 (bytes of
 *                 the error that are not UTF-8 are replaced by U+FFFD);
 *                 free with ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_error_write_json(const ek_error *e, char **out);

/* ==== section: cases and policy (owner: case module) ====================== */

/**
 * A streaming reader of `egenkontroll/case-1` JSON Lines (FORMATS.md): one
 * case per line, read into a caller's reusable ::ek_case.  One thread at a
 * time.
 *
 * What it accepts and rejects (see docs/formats.md):
 * - `id` (non-empty string) and `events` (array) are required; `format`,
 *   when present, must be "egenkontroll/case-1" (when absent the line is
 *   read as case-1 and a warning is recorded on the case);
 * - a listed key with a wrong JSON type, an impossible or malformed date, a
 *   value outside its listed words, or a missing required attribute
 *   (ek_case_validate()) rejects the case;
 * - unknown keys (top level, `child`, events, answers) and unknown event
 *   types are kept for ek_case_write_json() and recorded as warnings on the
 *   case;
 * - a case id seen before in the same input is rejected (EK_ECONFLICT) on the
 *   later line, whether or not the earlier line was valid.
 */
typedef struct ek_case_reader ek_case_reader;

/**
 * Read cases from @p src.
 * @param[out] out receives the case reader; owned; free with
 *                 ek_case_reader_free().  Untouched on failure.
 * @param src borrowed: must outlive the case reader; not freed by it.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_case_reader_new(ek_case_reader **out, ek_jsonl_reader *src);

/**
 * Open @p path and read cases from it (ek_jsonl_reader_open()).
 * @param[out] out receives the case reader, which owns its source; owned;
 *                 free with ek_case_reader_free().  Untouched on failure.
 * @param path  the file name, or "-" for standard input.
 * @return EK_OK, EK_EINVAL (NULL), EK_EIO, EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_case_reader_open(ek_case_reader **out, const char *path);

/**
 * Read cases from a memory buffer (ek_jsonl_reader_from_memory()).
 * @param[out] out receives the case reader, which owns its source; owned;
 *                 free with ek_case_reader_free().  Untouched on failure.
 * @param data  @p len bytes (copied; may be NULL when @p len is 0).
 * @param len   number of bytes.
 * @param name  used in error messages; copied; NULL gives "<memory>".
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_case_reader_from_memory(ek_case_reader **out, const char *data, size_t len, const char *name);

/**
 * Free a case reader (and its source when it opened it: ek_case_reader_open(),
 * ek_case_reader_from_memory()).
 * @param r  the case reader, or NULL (no-op).
 */
EK_API void ek_case_reader_free(ek_case_reader *r);

/**
 * Read the next case into @p c (reset first; its buffers are reused).
 * Blank lines are skipped.
 * @param r  the case reader.
 * @param[out] c  the caller's case, overwritten (ek_case_reset()); changed:
 *                no other thread may use it meanwhile.
 * @return 1 a case was read; 0 end of input; or a negative status for a
 * line that could not be read: EK_EPARSE (invalid JSON, a wrong type, a
 * malformed date, a missing required key, an unsupported format), EK_EINVAL
 * (an impossible date, a value not among the listed words, a missing
 * required attribute), EK_ERANGE (a date outside the supported range),
 * EK_ECONFLICT (duplicate case id: an id read earlier from this reader;
 * detected by a 64-bit hash of the id, so the reader keeps 8-16 bytes per
 * case rather than a copy of every id, and a false duplicate needs a hash
 * collision: probability about n^2 / 2^65 for n cases, 3e-8 at a million),
 * EK_ELIMIT (line too long, nesting too
 * deep), EK_EIO, EK_ENOMEM.  The last error names the source, line, column,
 * case id (when it was read) and field (e.g. "events[3].date").  After an
 * error the content of @p c is unspecified (but valid), and the next call
 * continues with the next line.  EK_EINVAL also for NULL arguments.
 * One thread at a time per reader.
 */
EK_API int ek_case_reader_next(ek_case_reader *r, ek_case *c);

/**
 * 1-based number of the line last read (0 before the first).
 * @param r  the case reader.
 * @return the line number; 0 for NULL.  One thread at a time per reader.
 */
EK_API unsigned long ek_case_reader_line(const ek_case_reader *r);

/**
 * The source name used in messages ("<stdin>" for "-").
 * @param r  the case reader, or NULL.
 * @return borrowed, valid until the reader is freed; NULL for NULL.
 */
EK_API const char *ek_case_reader_name(const ek_case_reader *r);

/**
 * Read one case from JSON text (one object; newlines allowed) into @p c,
 * with the rules of ek_case_reader_next() except the duplicate-id check.
 * @p name is used in messages (NULL gives "<string>").
 * @param[out] c  the caller's case, overwritten; after a failure its content
 *                is unspecified (but valid).  No other thread may use it meanwhile.
 * @param text  @p len bytes of JSON (need not be NUL-terminated; may be
 *              NULL when @p len is 0); only read.
 * @param len   number of bytes, at most EK_IO_MAX_LINE (else EK_ELIMIT).
 * @param name  used in messages; NULL gives "<string>".
 * @return EK_OK or a status as for ek_case_reader_next() (EK_EINVAL for
 *         NULL arguments).  Thread-safe for distinct cases.
 */
EK_API int ek_case_read_json(ek_case *c, const char *text, size_t len, const char *name);

/**
 * Write @p c as one line of `egenkontroll/case-1` JSON (no newline).  The
 * output is canonical: keys in the order format, id, unit, child, events,
 * answers, then extra keys in the order read; events in the order added,
 * each as type, date, id, ref, then its attributes in the order set;
 * separators ", " and ": "; raw values and extras verbatim.  Reading the
 * output back gives the same case, and canonical input is written back
 * byte for byte.
 * @param c  the case; only read.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Safe for concurrent readers of @p c.
 */
EK_API int ek_case_write_json(const ek_case *c, char **out);

/**
 * Load policy parameters from a JSON file `egenkontroll/policy-1`
 * (docs/formats.md, docs/FORMATS-policy.md):
 * `{"format": "egenkontroll/policy-1", "parametrar": {"besok_intervall": "3m", …}}`.
 * Parameters not named keep their values.  All or nothing: on failure
 * @p policy is unchanged.
 * @param policy  the policy to change; no other thread may use it meanwhile.
 * @param path    the file name; "-" reads standard input (named "<stdin>" in messages).
 * @return EK_OK; EK_EIO (file); EK_EPARSE (invalid JSON, wrong type, wrong
 * format, a value that is not a period or choice); EK_ENOTFOUND (unknown
 * parameter or key); EK_ELIMIT (file longer than EK_IO_MAX_LINE);
 * EK_EINVAL (NULL); EK_ENOMEM.  The last error names the file, line, column
 * and key.
 */
EK_API int ek_policy_load_json(ek_policy *policy, const char *path);

/**
 * Like ek_policy_load_json() for JSON text of @p len bytes.
 * @param policy  the policy to change; no other thread may use it meanwhile.
 * @param text    @p len bytes of JSON (may be NULL when @p len is 0); only read.
 * @param len     number of bytes, at most EK_IO_MAX_LINE (else EK_ELIMIT).
 * @param name    used in messages; NULL gives "<string>".
 * @return as ek_policy_load_json() (no EK_EIO).
 */
EK_API int ek_policy_load_json_string(ek_policy *policy, const char *text, size_t len, const char *name);

/* ==== section: deadline evaluations (owner: rules module) ================= */

/**
 * Write the obligations of @p ev as one JSON object (one line, no newline):
 * `{"id": …, "as_of": …, "obligations": [{"rule": …, "start": …,
 * "nominal": …, "legal": …, "done": … or null, "status": …, "basis": …,
 * "judged": …, "certainty": …, "seq": …, "flags": […], "message": …,
 * "start_event": …, "done_event": …, "extension_event": …}, …]}`.
 * Dates are ISO strings or null; "seq" is present for recurring duties,
 * "message" when not empty, the event indices when known (index into the
 * case's events array).  Obligations appear in the evaluation's current
 * order.  The output is compact (no spaces between tokens).
 * @param ev  the evaluation; only read.
 * @param[out] out receives the text; owned, NUL-terminated UTF-8; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  One thread at a time per
 *         evaluation.
 */
EK_API int ek_evaluation_write_json(const ek_evaluation *ev, char **out);

/**
 * Write the record for a case that could not be evaluated:
 * `{"id": …, "error": …}` (id null when unknown).
 * @param id       the case id, or NULL when unknown; valid UTF-8.
 * @param message  the error message (e.g. ek_error_last()->message); valid UTF-8.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p message or @p out NULL), EK_ENOMEM (also
 *         reported for text that is not valid UTF-8).  Thread-safe.
 */
EK_API int ek_evaluation_error_write_json(const char *id, const char *message, char **out);

/**
 * Append the text of ek_evaluation_write_json() (the same bytes, no newline)
 * to a growable buffer that the caller reuses from case to case, so that
 * writing allocates nothing once the buffer has grown.
 * @param ev        the evaluation; only read.
 * @param[in,out] buf  the buffer: NULL (with @p len and @p cap 0) or one
 *                  this function or ek_evaluation_error_append_json()
 *                  returned; owned by the caller; free with ek_free().  It
 *                  may be reallocated.
 * @param[in,out] len  bytes in use (at most @p cap); grows by the text's
 *                  length.  The text is NUL-terminated, so the byte after it
 *                  may be overwritten (e.g. with a newline: *len may then
 *                  equal *cap).
 * @param[in,out] cap  the buffer's capacity.
 * @return EK_OK; EK_EINVAL (NULL, inconsistent @p buf / @p len / @p cap);
 *         EK_ENOMEM (also for text that is not valid UTF-8).  On failure
 *         @p len is unchanged (the buffer may have grown).  One thread at a
 *         time per evaluation and per buffer.
 */
EK_API int ek_evaluation_append_json(const ek_evaluation *ev, char **buf, size_t *len, size_t *cap);

/**
 * Append, as one JSON object, what changes for a case between two
 * evaluations (ek_evaluation_compare()): {"id", "as_of", "changes": [{"rule",
 * "seq", "start", "before": {"status", "nominal", "legal", "judged"} or null,
 * "after": … or null}]}.  Nothing is appended when nothing changes.  Used by
 * `egenkontroll evaluate --compare-policy FILE --format json`.
 * @param a, b  the evaluations (the policy in force, the other).
 * @param[in,out] buf, len, cap  as for ek_evaluation_append_json().
 * @return EK_OK, EK_EINVAL, EK_ENOMEM.  Thread-safe for distinct buffers.
 */
EK_API int ek_evaluation_compare_append_json(const ek_evaluation *a, const ek_evaluation *b, char **buf,
                                             size_t *len, size_t *cap);

/**
 * ek_evaluation_append_json() with each obligation's explanation
 * (ek_obligation_explain()) as an "explain" object: period and period_kind,
 * the start, done and extension events, original_nominal, moved_by (the days
 * that moved the last day, with their names), law (basis, from, to,
 * certainty) and policy (bedom_mot and the parameter applied).  Used by
 * `egenkontroll evaluate --format json --explain` (docs/formats.md).
 * @param ctx  the context the case was evaluated with.
 * @param c    the evaluated case.
 * @param ev   its evaluation.
 * @param[in,out] buf, len, cap  as for ek_evaluation_append_json().
 * @return EK_OK, EK_EINVAL, EK_ENOMEM (the text is then rolled back).
 * Thread-safe for distinct buffers.
 */
EK_API int ek_evaluation_append_json_explained(const ek_context *ctx, const ek_case *c, const ek_evaluation *ev,
                                               char **buf, size_t *len, size_t *cap);

/**
 * Append the text of ek_evaluation_error_write_json() (the same bytes, no newline)
 * to a growable buffer, as ek_evaluation_append_json() does.
 * @param id       the case id, or NULL when unknown; valid UTF-8.
 * @param message  the error message; valid UTF-8.
 * @param[in,out] buf, len, cap  as for ek_evaluation_append_json().
 * @return EK_OK, EK_EINVAL, EK_ENOMEM (also for text that is not valid
 *         UTF-8); @p len unchanged on failure.  Thread-safe for distinct
 *         buffers.
 */
EK_API int ek_evaluation_error_append_json(const char *id, const char *message, char **buf, size_t *len,
                                           size_t *cap);

/* ==== section: evaluating a stream of cases (owner: rules module) ========== */

/*
 * ek_evaluate_stream() reads every case of a case reader, evaluates it
 * (ek_evaluate_case()) on up to `jobs` threads and hands each line's outcome
 * to the caller's callback in input order, on the calling thread: the
 * library's form of `egenkontroll evaluate --jobs N`.  The outcomes, their
 * order, the errors and the progress calls are the same for every `jobs`.
 *
 *   static int print(void *user, const ek_stream_result *r)
 *   {
 *       if (r->status != EK_OK)
 *           fprintf(stderr, "%s\n", r->error->message);   // file:line, case id, field
 *       else
 *           printf("%s: %zu overdue\n", r->c ? ek_case_id(r->c) : "",
 *                  ek_evaluation_count_status(r->ev, EK_OBL_OVERDUE));
 *       return 0;                                          // non-zero stops
 *   }
 *   ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
 *   opt.as_of = today;
 *   opt.jobs = 4;
 *   int rc = ek_evaluate_stream(ctx, reader, &opt, print, NULL);
 */

/** Where the line of an ::ek_stream_result failed. */
typedef enum ek_stream_stage {
    EK_STREAM_OK = 0,        /**< Nothing failed. */
    EK_STREAM_READ = 1,      /**< The line could not be read as a case (also a duplicate id, a read error). */
    EK_STREAM_EVALUATE = 2,  /**< The case was read but could not be evaluated. */
    EK_STREAM_RENDER = 3     /**< The render callback failed. */
} ek_stream_stage;

/** Version of ::ek_stream_result this header describes. */
#define EK_STREAM_RESULT_VERSION 1

/**
 * The outcome of one input line (blank lines are skipped), given to the
 * result callback of ek_evaluate_stream().  Filled by the library; everything
 * it points to is borrowed and valid only during the callback.
 */
typedef struct ek_stream_result {
    unsigned int version;     /**< EK_STREAM_RESULT_VERSION (or later: fields are only added at the end). */
    unsigned long line;       /**< 1-based line of the input. */
    int status;               /**< EK_OK: read and evaluated; else the status of the failure. */
    ek_stream_stage stage;    /**< Where it failed; EK_STREAM_OK with EK_OK. */
    const ek_error *error;    /**< On failure the error: message, source, line, column, case id, field; else NULL. */
    const ek_case *c;         /**< The case read (also when its evaluation failed); NULL when it could not be read. */
    ek_evaluation *ev;        /**< Its evaluation (EK_OK, EK_STREAM_RENDER); the callback may sort it; else NULL. */
    const char *text;         /**< What the render callback appended for it (NULL without one); not NUL-terminated. */
    size_t text_len;          /**< Bytes in @c text. */
} ek_stream_result;

/**
 * The result callback: called once per input line, in input order, on the
 * thread that called ek_evaluate_stream(), never concurrently with itself.
 * @param user  the @p user argument of ek_evaluate_stream().
 * @param r     the line's outcome; borrowed for the call.
 * @return 0 to go on; any other value stops the stream at once (no further
 *         callback) and becomes ek_evaluate_stream()'s return value.
 */
typedef int (*ek_stream_result_fn)(void *user, const ek_stream_result *r);

/**
 * The optional render callback: turns a case and its evaluation into output
 * text on the worker threads, so that formatting runs in parallel too (e.g.
 * ek_evaluation_append_json(), ek_evaluation_append_csv()).  Called, for the
 * cases read and evaluated, on any of the threads — including the calling
 * one — and concurrently for different cases: it must be thread-safe (it
 * may change @p ev, e.g. sort it, and nothing else shared).
 * @param user  ek_evaluate_stream_options::render_user.
 * @param c     the case read; only read.
 * @param ev    its evaluation; may be changed (e.g. ek_evaluation_sort()).
 * @param[in,out] buf  a growable buffer as for
 *                ek_evaluation_append_json(), empty (*len 0) at the call;
 *                append the text (the library's append functions,
 *                ek_buffer_append()).  The library owns it.
 * @param[in,out] len  bytes in use.
 * @param[in,out] cap  its capacity.
 * @return EK_OK, or a status (set the last error, e.g. by the failing
 *         library call): the line then fails with EK_STREAM_RENDER.
 */
typedef int (*ek_stream_render_fn)(void *user, const ek_case *c, ek_evaluation *ev, char **buf, size_t *len,
                                   size_t *cap);

/** Version of ::ek_stream_progress this header describes. */
#define EK_STREAM_PROGRESS_VERSION 1

/** Counts so far, given to the progress callback. */
typedef struct ek_stream_progress {
    unsigned int version;        /**< EK_STREAM_PROGRESS_VERSION (or later). */
    unsigned long long lines;    /**< Lines handed to the result callback (blank lines not counted). */
    unsigned long long evaluated;/**< Of these, cases read and evaluated (status EK_OK). */
    unsigned long long rejected; /**< Of these, lines that failed. */
    unsigned long line;          /**< Input line of the last one. */
    int done;                    /**< 1 on the last call (the whole input was handed over), else 0. */
} ek_stream_progress;

/**
 * The optional progress callback: called on the calling thread after every
 * `progress_every` lines handed to the result callback and once at the end
 * (done 1), at the same points for every `jobs`.
 * @param user  ek_evaluate_stream_options::progress_user.
 * @param p     the counts; borrowed for the call.
 * @return 0 to go on; any other value stops as for ::ek_stream_result_fn.
 */
typedef int (*ek_stream_progress_fn)(void *user, const ek_stream_progress *p);

/** Version of ::ek_evaluate_stream_options this header describes. */
#define EK_EVALUATE_STREAM_OPTIONS_VERSION 1

/** Options of ek_evaluate_stream(); start from EK_EVALUATE_STREAM_OPTIONS_INIT. */
typedef struct ek_evaluate_stream_options {
    unsigned int version;           /**< Set to EK_EVALUATE_STREAM_OPTIONS_VERSION by the caller. */
    ek_date as_of;                  /**< The evaluation date (required), as for ek_evaluate_case(). */
    unsigned int jobs;              /**< Threads, the calling one included: 0 or 1 the calling thread only; at most 64 are used. */
    const ek_rulebook *rulebook;    /**< NULL: ek_rulebook_builtin(). */
    ek_stream_render_fn render;     /**< Optional, see ::ek_stream_render_fn. */
    void *render_user;              /**< Passed to @c render. */
    ek_stream_progress_fn progress; /**< Optional, see ::ek_stream_progress_fn. */
    void *progress_user;            /**< Passed to @c progress. */
    unsigned long progress_every;   /**< Lines between progress calls; 0: 1000. */
} ek_evaluate_stream_options;

/** Static initializer for ::ek_evaluate_stream_options (as_of still to be set). */
#define EK_EVALUATE_STREAM_OPTIONS_INIT { EK_EVALUATE_STREAM_OPTIONS_VERSION, EK_DATE_NONE, 1u, NULL, NULL, NULL, NULL, NULL, 0ul }

/**
 * Append @p n bytes to a growable buffer of the kind ek_evaluation_append_json()
 * uses (e.g. in a render callback, text of one's own next to the library's).
 * @param[in,out] buf  as for ek_evaluation_append_json(); the text stays
 *                NUL-terminated.
 * @param[in,out] len  bytes in use.
 * @param[in,out] cap  the buffer's capacity.
 * @param data  @p n bytes (may be NULL when @p n is 0); may contain NUL bytes.
 * @param n     number of bytes.
 * @return EK_OK; EK_EINVAL (NULL, inconsistent @p buf / @p len / @p cap);
 *         EK_ENOMEM (the buffer is then unchanged).  Thread-safe for
 *         distinct buffers.
 */
EK_API int ek_buffer_append(char **buf, size_t *len, size_t *cap, const char *data, size_t n);

/**
 * Read every case of @p r, evaluate it at @p opt->as_of, and call
 * @p on_result for each line in input order (see the section comment).
 *
 * A bad line never costs the lines around it: each failure — a line that is
 * not a case (EK_EPARSE, EK_EINVAL, EK_ERANGE, EK_ELIMIT), a case id seen
 * before (EK_ECONFLICT, on the later line, exactly as ek_case_reader_next()
 * reports it), a case that cannot be evaluated, a render failure — is
 * handed to @p on_result with its error, and the next line follows.  A read
 * error (EK_EIO) or an allocation failure while reading ends the input: that
 * line is handed over as well, then the call returns its status.
 *
 * Threads: the reading, the duplicate-id check and every call of
 * @p on_result and the progress callback happen on the calling thread;
 * parsing, evaluation and @c render on up to @c jobs threads (the calling one
 * among them).  Languages: the evaluations' messages are in the language of
 * @p ctx (ek_evaluate_case()); the errors of lines that cannot be read are in
 * the calling thread's, as ek_case_reader_next()'s are, whatever @c jobs.
 * The threads are started once per call and joined before it returns (also
 * when a callback stops it): no @c render call runs after the return.
 * With more than one thread the reading and the result callbacks overlap
 * the work of the other threads on the lines after them.
 * Memory: up to 128 lines per thread (8 with one) are in flight, each with
 * its own case and evaluation (reused from batch to batch).  No global state.
 *
 * @param ctx        the context (calendar, policy); only read; must not be
 *                   changed during the call.
 * @param r          the case reader; read to its end (or to the stop); one
 *                   thread at a time, as always.
 * @param opt        the options (@c version EK_EVALUATE_STREAM_OPTIONS_VERSION,
 *                   @c as_of set); only read.
 * @param on_result  the result callback (required).
 * @param user       passed to @p on_result.
 * @return EK_OK when every line was handed over (whatever their statuses);
 *         a callback's non-zero value when it stopped the stream (use
 *         positive values to tell them from the library's statuses, which
 *         are negative); EK_EIO or EK_ENOMEM when reading ended early;
 *         EK_ENOMEM (nothing handed over for the current batch); EK_EINVAL
 *         (NULL @p ctx, @p r, @p opt or @p on_result, a wrong @c version,
 *         @c as_of EK_DATE_NONE).  Thread-safe for distinct readers.
 */
EK_API int ek_evaluate_stream(const ek_context *ctx, ek_case_reader *r, const ek_evaluate_stream_options *opt,
                              ek_stream_result_fn on_result, void *user);

/* ==== section: lex Sarah records (owner: sarah module) ===================== */

/**
 * A streaming reader of `egenkontroll/avvikelse-1` JSON Lines: one lex
 * Sarah record per line (docs/sarah.md lists the keys, with the extensions
 * "rapportor", "ivo" and "historik").  One thread at a time.
 *
 * - `id` (non-empty string), `typ` and `datum.rapport` are required;
 *   `format`, when present, must be "egenkontroll/avvikelse-1";
 * - a listed key with a wrong JSON type or a malformed date is EK_EPARSE, an
 *   impossible date or a value outside its listed words EK_EINVAL, a date
 *   outside the supported range EK_ERANGE;
 * - dates that break the process order (sarah.h), or a history entry that
 *   changes the IVO report after it was sent, are EK_ECONFLICT naming both
 *   fields;
 * - a record id seen before in the same input is EK_ECONFLICT on the later line;
 * - unknown keys (at the top level and inside datum, utredning, ivo,
 *   atgarder[] and historik[]) are kept and written back by ek_sarah_write_json().
 */
typedef struct ek_sarah_reader ek_sarah_reader;

/**
 * Read records from @p src.
 * @param[out] out receives the reader; owned; free with
 *                 ek_sarah_reader_free().  Untouched on failure.
 * @param src borrowed: must outlive the reader; not freed by it.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_sarah_reader_new(ek_sarah_reader **out, ek_jsonl_reader *src);

/**
 * Open @p path and read records from it (ek_jsonl_reader_open()).
 * @param[out] out receives the reader, which owns its source; owned; free
 *                 with ek_sarah_reader_free().  Untouched on failure.
 * @param path  the file name, or "-" for standard input.
 * @return as ek_jsonl_reader_open().  Thread-safe.
 */
EK_API int ek_sarah_reader_open(ek_sarah_reader **out, const char *path);

/**
 * Read records from a memory buffer (ek_jsonl_reader_from_memory()).
 * @param[out] out receives the reader, which owns its source; owned; free
 *                 with ek_sarah_reader_free().  Untouched on failure.
 * @param data  @p len bytes (copied; may be NULL when @p len is 0).
 * @param len   number of bytes.
 * @param name  used in error messages; copied; NULL gives "<memory>".
 * @return EK_OK, EK_EINVAL, EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_sarah_reader_from_memory(ek_sarah_reader **out, const char *data, size_t len, const char *name);

/**
 * Free a reader (and its source when it opened it: ek_sarah_reader_open(),
 * ek_sarah_reader_from_memory()).  Records it returned stay valid.
 * @param r  the reader, or NULL (no-op).
 */
EK_API void ek_sarah_reader_free(ek_sarah_reader *r);

/**
 * Read the next record.  Blank lines are skipped.
 * @param r  the reader.
 * @param[out] out on 1: receives a new record, owned; free with
 *                 ek_sarah_record_free().  Untouched otherwise.
 * @return 1 a record was read; 0 end of input; or a negative status for a
 * line that was rejected (EK_EPARSE, EK_EINVAL, EK_ERANGE, EK_ECONFLICT,
 * EK_ELIMIT, EK_EIO, EK_ENOMEM); the last error names the source, line,
 * column, record id (when read) and field (e.g. "datum.bedomd").  The next
 * call continues with the next line: a bad record never costs the good ones.
 * EK_EINVAL also for NULL arguments.  One thread at a time per reader.
 */
EK_API int ek_sarah_reader_next(ek_sarah_reader *r, ek_sarah_record **out);

/**
 * 1-based number of the line last read (0 before the first).
 * @param r  the reader.
 * @return the line number; 0 for NULL.  One thread at a time per reader.
 */
EK_API unsigned long ek_sarah_reader_line(const ek_sarah_reader *r);

/**
 * Read one record from JSON text (one object) with the rules of
 * ek_sarah_reader_next() except the duplicate-id check.
 * @param[out] out receives the record; owned; free with
 *                 ek_sarah_record_free().  Untouched on failure.
 * @param text  @p len bytes of JSON (need not be NUL-terminated; may be
 *              NULL when @p len is 0); only read.
 * @param len   number of bytes.
 * @param name used in messages (NULL: "<string>").
 * @return EK_OK or a status as for ek_sarah_reader_next() (EK_EINVAL for
 *         NULL arguments).  Thread-safe.
 */
EK_API int ek_sarah_read_json(ek_sarah_record **out, const char *text, size_t len, const char *name);

/**
 * Write @p r as one line of `egenkontroll/avvikelse-1` JSON (no newline):
 * format, id, unit, typ, kategori, rapportor, datum, allvarlig, utredning,
 * atgarder, ivo, historik, then unknown keys in the order read; separators
 * ", " and ": ".  Reading the output back gives the same record.
 * @param r  the record; only read.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM (also when an extra key holds
 *         text that is not valid JSON).  Safe for concurrent readers of @p r.
 */
EK_API int ek_sarah_write_json(const ek_sarah_record *r, char **out);

/**
 * Write an evaluation as one JSON line:
 * `{"id": …, "state": …, "as_of": …, "results": [{"item": "E1", "result": …, "basis": …, "message": …},
 * {"item": "E2", …, "missing": […], "unknown": […]}], "obligations": [{"id": "sarah_registrering",
 * "result": …, "start": …, "nominal": …, "legal": …, "done": …, "period": …, "period_kind": …, "policy": …,
 * "basis": …, "basis_old": …, "basis_new": …, "certainty": …, "message": …}, …]}`.  "period_kind" is
 * ek_period_kind_name() of who set the time: "lag", "policy" or "faststalld_dag" (docs/sarah.md).
 * @param res  the result; only read.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Safe for concurrent readers of @p res.
 */
EK_API int ek_sarah_result_write_json(const ek_sarah_result *res, char **out);

/**
 * Write a register summary as one JSON line `{"summary": {…}}` (counts by
 * state, typ, kategori, unit; serious; reported to IVO; days from report to
 * IVO notification; E1/E2 results; measures, overdue and done late;
 * records rejected).
 * @param s  the summary; only read.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Safe for concurrent readers of @p s.
 */
EK_API int ek_sarah_summary_write_json(const ek_sarah_summary *s, char **out);

/* ==== section: reviewers' answers (owner: answers module) ================== */

/**
 * Read an `egenkontroll/granskning-1` file (JSON Lines, one answer a line;
 * docs/formats.md) into answer set @p a (ek_answers_add(): a second answer
 * for the same case and item is resolved by date and a conflict is noted).
 * Every key but `checklist` and `version` is required: `format`, `id`,
 * `item`, `result` (pass, fail, notapplicable), `comment` (may be ""),
 * `reviewer` and `date`; unknown keys are ignored.  A bad line is recorded as
 * a note (ek_answers_note(): file, line, column, case id and key) and
 * counted in @p rejected; the other lines still count.
 * @param a     the set; one thread at a time.
 * @param path  the file, or "-" for standard input.
 * @param[out] rejected optional: receives the number of lines rejected.
 * @return EK_OK (also when lines were rejected); EK_EIO (cannot open or
 *         read: the lines read before stay); EK_ENOMEM; EK_EINVAL (NULL).
 */
EK_API int ek_answers_read_json(ek_answers *a, const char *path, size_t *rejected);

/**
 * As ek_answers_read_json() for @p len bytes of JSON Lines text.
 * @param a     the set.
 * @param text  @p len bytes (may be NULL when @p len is 0); only read.
 * @param len   number of bytes.
 * @param name  used in messages; NULL gives "<string>".
 * @param[out] rejected optional: receives the number of lines rejected.
 * @return as ek_answers_read_json() (no EK_EIO).
 */
EK_API int ek_answers_read_json_string(ek_answers *a, const char *text, size_t len, const char *name,
                                       size_t *rejected);

/**
 * Write every answer of @p a as `egenkontroll/granskning-1` JSON Lines (one
 * line per answer, in the order first added, each ending in a newline).
 * @param a  the set; only read.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.
 */
EK_API int ek_answers_write_json(const ek_answers *a, char **out);

/* ==== section: checklists and delegation orders (owner: checklist module) == */

/**
 * Load a checklist from an `egenkontroll/checklist-1` JSON document
 * (docs/FORMATS-checklist.md; one JSON value, any layout).  With
 * `"extends": "builtin"` the file's items are added to the built-in
 * checklist (an item may replace a built-in one only with `"replace": true`).
 * Everything is validated before anything is returned: unknown predicates
 * and keys, wrong argument types (checked against the event attributes of
 * case-1), unknown event types, rules, flags and policy parameters,
 * duplicate item ids and definitions, reference cycles, and nesting deeper
 * than 24 levels (counting through references).  The last error names the
 * file, line, column, item and JSON path, e.g.
 * `lokal.json:14:22: unknown predicate "evnt" … in item X1 (field items[0].criterion.evnt)`.
 * @param[out] out receives the checklist; owned; free with
 *                 ek_checklist_free().  Untouched on failure.
 * @param path a file name, or "-" for standard input.
 * @return EK_OK; EK_EIO; EK_EPARSE (invalid JSON, wrong type, unknown name, bad format);
 *         EK_ECONFLICT (duplicate item id); EK_ENOTFOUND ("replace" of a missing item);
 *         EK_ELIMIT (depth, size: a file of at most 8 MiB); EK_EINVAL (NULL); EK_ENOMEM.
 *         Thread-safe.
 */
EK_API int ek_checklist_load_json(ek_checklist **out, const char *path);

/**
 * Like ek_checklist_load_json() for @p len bytes of JSON text.
 * @param[out] out receives the checklist; owned; free with
 *                 ek_checklist_free().  Untouched on failure.
 * @param text  @p len bytes of JSON (not NULL); only read.
 * @param len   number of bytes.
 * @param name  used in messages; NULL gives "<string>".
 * @return as ek_checklist_load_json() (no EK_EIO).  Thread-safe.
 */
EK_API int ek_checklist_load_json_string(ek_checklist **out, const char *text, size_t len, const char *name);

/**
 * Load a delegation order from `egenkontroll/delegation-1` JSON (FORMATS.md):
 * `{"format": "egenkontroll/delegation-1", "kommun": …, "beslut": {TYPE: [ROLE, …], …}}`.
 * "format" and "beslut" are required, "kommun" optional; unknown top-level
 * keys are ignored; a wrong type names file, line, column and key.
 * @param[out] out receives the delegation order; owned; free with
 *                 ek_delegation_free().  Untouched on failure.
 * @param path  a file name, or "-" for standard input (at most 8 MiB).
 * @return EK_OK, EK_EIO, EK_EPARSE, EK_ELIMIT, EK_EINVAL (NULL), EK_ENOMEM.
 *         Thread-safe.
 */
EK_API int ek_delegation_load_json(ek_delegation **out, const char *path);

/**
 * Like ek_delegation_load_json() for JSON text of @p len bytes.
 * @param[out] out receives the delegation order; owned; free with
 *                 ek_delegation_free().  Untouched on failure.
 * @param text  @p len bytes of JSON (not NULL); only read.
 * @param len   number of bytes.
 * @param name  used in messages; NULL gives "<string>".
 * @return as ek_delegation_load_json() (no EK_EIO).  Thread-safe.
 */
EK_API int ek_delegation_load_json_string(ek_delegation **out, const char *text, size_t len, const char *name);

/**
 * Write the results of one case as one line of JSON (no newline):
 * `{"id": …, "unit": …, "as_of": …, "results": [{"item": "A2", "result": "fail", "message": …,
 * "basis": …, "evidence": [{"event": 0, "type": …, "date": …} | {"obligation": …, "sequence": …,
 * "status": …, "due": …}, …], "flags": [...]}, …]}`.
 * @param res  the result; only read.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Safe for concurrent readers of @p res.
 */
EK_API int ek_checklist_result_write_json(const ek_checklist_result *res, char **out);

/**
 * Append the text of ek_checklist_result_write_json() (the same bytes, no
 * newline) to a growable buffer that the caller reuses from case to case, as
 * ek_evaluation_append_json() does: nothing is allocated once the buffer has
 * grown (`egenkontroll check --format json` writes each case this way).
 * @param res  the result; only read.
 * @param[in,out] buf, len, cap  as for ek_evaluation_append_json(): NULL/0/0
 *                  or a buffer one of the append functions returned; owned by
 *                  the caller (ek_free()); the text is NUL-terminated.
 * @return EK_OK; EK_EINVAL (NULL, inconsistent @p buf / @p len / @p cap);
 *         EK_ENOMEM (also for text that is not valid UTF-8).  On failure
 *         @p len is unchanged (the buffer may have grown).  Safe for
 *         concurrent readers of @p res; one thread at a time per buffer.
 */
EK_API int ek_checklist_result_append_json(const ek_checklist_result *res, char **buf, size_t *len, size_t *cap);

/**
 * Write an aggregate as one JSON object: `{"items": [counts per item over all groups],
 * "groups": [{"unit", "period", "items": […]}], "cases": N}`; each counts object holds the
 * fields of ::ek_item_counts ("rate" null when nothing was judged).
 * @param agg  the aggregate; only read.
 * @param cl the aggregate's checklist; only read.
 * @param[out] out receives the text; owned, NUL-terminated; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK, EK_EINVAL (NULL), EK_ENOMEM.  Safe for concurrent readers
 *         of @p agg and @p cl.
 */
EK_API int ek_checklist_aggregate_write_json(const ek_checklist_aggregate *agg, const ek_checklist *cl, char **out);

/* ==== section: the run record (owner: checklist module) ==================== */

/**
 * Write the run record @p r (item F1; struct ek_run_record in checklist.h)
 * as one `egenkontroll/run-1` JSON document (docs/formats.md): one line of
 * JSON with ", " and ": " separators and a final newline, keys in the
 * documented order.  The library adds `regelbok` (the built-in rulebook's
 * version), `bibliotek` (ek_version_string()), the aggregate's summary
 * (ek_checklist_aggregate_write_json()) and `sha256`: for every file named
 * (case files, answer files, checklist, policy, delegation order, lex Sarah
 * register; each once, under the name given) the sha256 of its bytes as 64
 * lower-case hex digits, computed while writing (so name the files that were
 * read, and write the record before changing them), null for "-" (standard
 * input cannot be read again).  Anything shaped like a personal identity
 * number is masked (ek_text_mask_pnr()).
 * @param r  the record; only read (its files are read to checksum them).
 * @param[out] out receives the text; owned, NUL-terminated UTF-8; free with
 *                 ek_free().  Untouched on failure.
 * @return EK_OK; EK_EIO (a named file cannot be read: the last error names
 *         it); EK_EINVAL (NULL @p r or @p out, @c version 0, no checklist or
 *         aggregate, a NULL array with a count above 0, a NULL file name, a
 *         case result that is not a JSON object: the last error names its
 *         index); EK_ENOMEM (also for a text that is not valid UTF-8).
 *         Thread-safe as long as nobody changes what @p r points to.
 */
EK_API int ek_run_record_write_json(const ek_run_record *r, char **out);

/**
 * Write the text of ek_run_record_write_json() to the file @p path
 * (created or truncated).
 * @param r     the record; only read.
 * @param path  the file to write.
 * @return the statuses of ek_run_record_write_json(); EK_EIO also when @p path
 *         cannot be written (the last error names it; the file may then be
 *         incomplete).  Thread-safe for distinct paths.
 */
EK_API int ek_run_record_write_file(const ek_run_record *r, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_IO_H */
