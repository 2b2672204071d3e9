/* SPDX-License-Identifier: MIT */
/* The fast case-1 reader (lib/io/json_case_simd.cc, simdjson's On Demand API; built when the
 * meson option `simdjson` finds libsimdjson).  Private to lib/io; not installed.
 *
 * The jansson reader in json_case.c is the reference: it defines every check, message, warning
 * and the order in which the case is filled.  The fast reader handles only what it can read to
 * exactly the same case (the ordinary lines: the listed keys, plain strings without escapes,
 * booleans) and declines everything else, valid or not; the caller then reads the line again
 * with the reference reader, which produces the case or the error.  So both readers give
 * identical cases, line numbers, warnings and errors on every input (tests/test_io_case_simd.c
 * and fuzz/fuzz_case_differential.c compare them). */
#ifndef EK_JSON_CASE_FAST_H
#define EK_JSON_CASE_FAST_H

#include <stddef.h>

#include <egenkontroll/case.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reusable state (the parser and two line buffers); one thread at a time. */
typedef struct ek__fast_reader ek__fast_reader;

/* A new fast reader, or NULL when out of memory (the caller then uses the reference reader). */
ek__fast_reader *ek__fast_reader_new(void);
void ek__fast_reader_free(ek__fast_reader *f);

/*
 * Read the line @text (@len bytes, need not be NUL-terminated) into @c.
 * Returns 1 when @c now holds exactly the case the reference reader reads from this line
 * (before its duplicate-id check, which the caller applies); 0 when the fast reader declines
 * the line: @c is then in an unspecified (valid) state and the caller must read the line with
 * the reference reader; EK_ENOMEM (the last error set) when an allocation through the library's
 * allocator failed, as the reference reader would fail.  Never sets the last error on success;
 * may change it when it declines.
 */
int ek__fast_read_case(ek__fast_reader *f, ek_case *c, const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif
