/* SPDX-License-Identifier: MIT */
/* Private helpers of the JSON I/O module (lib/io).  Not installed. */
#ifndef EK_IO_INTERNAL_H
#define EK_IO_INTERNAL_H

#include <jansson.h>

#include <egenkontroll/io.h>

#include "../internal.h"

/*
 * Read the next non-blank line.  On success *line points to the reader's
 * buffer (valid until the next call) holding *len bytes, NUL-terminated
 * (the line may contain NUL bytes itself; *len counts them).  A trailing
 * "\r" is removed.
 * Returns 1 for a line, 0 at end of input, or a negative status:
 *   EK_ELIMIT  the line is longer than EK_IO_MAX_LINE (it is skipped; the
 *              next call continues with the following line),
 *   EK_EIO     a read error,
 *   EK_ENOMEM.
 * The last error names the source and line for the negative statuses.
 */
int ek__jsonl_next(ek_jsonl_reader *r, const char **line, size_t *len);

/*
 * Parse one line as a JSON object (rejecting duplicate keys, NUL bytes,
 * invalid UTF-8 and nesting deeper than EK_IO_MAX_DEPTH).  On failure
 * returns EK_EPARSE / EK_ELIMIT with the last error naming source, line and
 * column.  The caller owns *out (json_decref).
 */
int ek__json_parse_object(const char *source, unsigned long lineno, const char *line, size_t len,
                          json_t **out);

/*
 * 1-based column of the first occurrence of @needle in the line, or 0.
 * Used to point error messages at a key or value.
 */
unsigned long ek__jsonl_column(const char *line, size_t len, const char *needle);

/*
 * 1-based column of a key's value for an error about key @key: finds the
 * text "\"key\"" at or after column @from (1-based; 0 or 1 = start) and
 * returns the column just after the following ':' and spaces, or 0.
 */
unsigned long ek__jsonl_key_column(const char *line, size_t len, const char *key, unsigned long from);

/*
 * Read a whole file ("-": standard input) of at most @max bytes into an
 * owned, NUL-terminated buffer (ek__free).  EK_EIO / EK_ELIMIT name the
 * file; EK_ENOMEM.  Used by the loaders of one-object files (policy,
 * checklist, delegation order).
 */
int ek__io_read_file(const char *path, size_t max, char **out, size_t *len);

/*
 * The case reader split in three, for ek_evaluate_stream() (evaluate_stream.c), which reads lines
 * in the calling thread and parses them in others and must give exactly the results of
 * ek_case_reader_next():
 *  - ek__case_reader_next_text(): the next non-blank line, unparsed (as ek__jsonl_next(); the
 *    line number is ek_case_reader_line());
 *  - ek__case_read_line(): read one line into @c with every check and message of
 *    ek_case_reader_next() but the duplicate-id check; *id_key receives a key for the case id
 *    when the id could be read (also when the line is rejected later), else 0.  @parser is a
 *    per-thread parser from ek__case_parser_new() (NULL: one is made for the call).  Thread-safe
 *    for distinct cases and parsers; @name not NULL.
 *  - ek__case_reader_claim_id(): in input order, record the id key in the reader's set of ids
 *    seen: EK_OK (new or no key), EK_ECONFLICT (seen: the last error is then exactly
 *    ek_case_reader_next()'s for this line, whose result it replaces), EK_ENOMEM.
 */
int ek__case_reader_next_text(ek_case_reader *r, const char **text, size_t *len);
void *ek__case_parser_new(void);
void ek__case_parser_free(void *parser);
int ek__case_read_line(void *parser, ek_case *c, const char *text, size_t len, const char *name,
                       unsigned long line, unsigned long long *id_key);
int ek__case_reader_claim_id(ek_case_reader *r, unsigned long long id_key, const char *text, size_t len,
                             unsigned long line);

/*
 * The reference (jansson) reader of one case-1 line: ek__case_read_line() without the fast
 * reader (json_case_fast.h).  For the differential tests and fuzz target that compare the two.
 * @text must not be NULL; @name not NULL.
 */
int ek__case_read_json_reference(ek_case *c, const char *text, size_t len, const char *name, unsigned long line,
                                 unsigned long long *id_key);

/*
 * Offset in @t (@n bytes, valid JSON) of the value at @path ("items[3].criterion.all[1]",
 * "parametrar.besok_intervall"), or of the deepest part of it found (json_locate.c).
 */
size_t ek__json_locate(const char *t, size_t n, const char *path);

/* 1-based line and column of byte offset @off in @t (@n bytes). */
void ek__json_line_col(const char *t, size_t n, size_t off, unsigned long *line, unsigned long *col);

/*
 * The built-in checklist parsed from its JSON text (ek_checklist_builtin_json()), origin "builtin":
 * what ek_checklist_new_builtin() returns, which the core builds from C data generated from this
 * at build time (gen_checklist_builtin.c).  EK_ENOMEM; EK_EINTERNAL if the text does not load.
 */
int ek__checklist_parse_builtin(ek_checklist **out);

/* The JSON type name of a value ("string", "number", …) for messages. */
const char *ek__json_type_name(const json_t *v);

#endif
