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
#include <egenkontroll/sarah.h>
#include <egenkontroll/checklist.h>

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
 * Open @p path for reading ("-" means standard input).
 * @param[out] out owned; free with ek_jsonl_reader_free().
 * @return EK_OK, EK_EINVAL, EK_ENOMEM, EK_EIO (names the file and the system error).
 */
EK_API int ek_jsonl_reader_open(ek_jsonl_reader **out, const char *path);

/**
 * Read from a memory buffer of @p len bytes (copied).  @p name is used in
 * error messages (NULL gives "<memory>").
 * @param[out] out owned; free with ek_jsonl_reader_free().
 * @return EK_OK, EK_EINVAL, EK_ENOMEM.
 */
EK_API int ek_jsonl_reader_from_memory(ek_jsonl_reader **out, const char *data, size_t len, const char *name);

/** Close and free a reader. Accepts NULL. */
EK_API void ek_jsonl_reader_free(ek_jsonl_reader *r);

/** 1-based number of the line last read (0 before the first). */
EK_API unsigned long ek_jsonl_reader_line(const ek_jsonl_reader *r);

/** The name used in messages (file name, "<stdin>", or the memory name); borrowed. */
EK_API const char *ek_jsonl_reader_name(const ek_jsonl_reader *r);

/* ==== section: cases and policy (owner: case module) ====================== */

/* ==== section: lex Sarah records (owner: sarah module) ===================== */

/* ==== section: checklists and delegation orders (owner: checklist module) == */

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_IO_H */
