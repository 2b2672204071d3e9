/* SPDX-License-Identifier: MIT */
/**
 * @file egenkontroll.h
 * @brief libegenkontroll: the quality logic of Swedish child-welfare case handling.
 *
 * Include this one header:
 * @code
 * #include <egenkontroll/egenkontroll.h>
 * @endcode
 * and link with `pkg-config --cflags --libs egenkontroll`.
 *
 * @section conventions API conventions
 *
 * These hold for every public function; the per-function documentation only
 * states what differs or what is specific.
 *
 * - **Names.** Everything public starts with `ek_` (functions, types) or
 *   `EK_` (macros, enum values).  Names starting with `ek__` are private.
 * - **Objects** are opaque types created by `ek_<type>_new(&out, …)` and
 *   released by `ek_<type>_free(obj)`; every `_free` accepts NULL.
 * - **Status.** Every function that can fail returns an `int`: `EK_OK` (0)
 *   or a negative ::ek_status.  On failure, output parameters are left
 *   untouched unless documented otherwise, and the calling thread's last
 *   error (ek_error_last()) holds a message saying what went wrong and, in
 *   separate fields, where (file, line, column, case id, field);
 *   ek_error_format() composes the two for display.  ek_error_copy() copies
 *   it into a caller-supplied, versioned ::ek_error.
 * - **Ownership** is stated on every function with the same words:
 *   *owned* — the caller must release the result with the named function;
 *   *borrowed* — the result belongs to another object and stays valid until
 *   that object is freed or changed (the documentation names it);
 *   *copied* — the library keeps its own copy of what it was given.
 * - **Versioned structs.** A public struct that may grow starts with
 *   `unsigned int version`; set it with the `_INIT` macro or `_init()`
 *   function of that struct.  Structs only ever grow at the end.
 * - **No mutable global state.** Calendar, policy, logging and the language
 *   of messages live in an ::ek_context.  The only process-wide setting is the allocator hook
 *   (ek_set_allocator()), set once at start-up.
 * - **Dates** are ::ek_date values (days since 1970-01-01, like NumPy
 *   `datetime64[D]`), valid from 1953-01-01 to 2199-12-31.
 * - **Text** is UTF-8 and NUL-terminated unless a length is passed.
 *
 * @section threads Thread safety
 *
 * - Functions without an object argument are thread-safe, except
 *   ek_set_allocator().
 * - Immutable objects (a built ::ek_calendar, the built-in rulebook and
 *   checklist, a loaded delegation order) may be used by any number of
 *   threads at once.
 * - A context or policy may be shared by threads once configured; calling a
 *   setter while another thread uses it is not allowed.
 * - Any other object (a case, a lex Sarah record, a result set) may be used
 *   by one thread at a time; different objects may be used by different
 *   threads at once.
 * - The last error is per thread.  It is kept in fixed-size thread-local
 *   storage that needs no clean-up.
 *
 * @section versioning Versions and ABI
 *
 * EK_VERSION_NUMBER (headers) and ek_version() (library) must agree in
 * major and minor version.  The shared library exports only the symbols
 * declared in these headers, listed per release in a linker version script;
 * its soversion changes only when the ABI breaks (see README, "Stability").
 */
#ifndef EGENKONTROLL_H
#define EGENKONTROLL_H

#include <egenkontroll/version.h>
#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>
#include <egenkontroll/policy.h>
#include <egenkontroll/case.h>
#include <egenkontroll/answers.h>
#include <egenkontroll/rules.h>
#include <egenkontroll/sarah.h>
#include <egenkontroll/checklist.h>
#include <egenkontroll/io.h>
#include <egenkontroll/report.h>

#endif /* EGENKONTROLL_H */
