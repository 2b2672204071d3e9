/* SPDX-License-Identifier: MIT */
/*
 * SWIG interface of the low-level module egenkontroll._core.  It wraps the
 * installed public headers only; the pure-Python package egenkontroll gives
 * the Pythonic API (datetime.date, exceptions, context managers) on top.
 *
 * Conventions of this layer:
 * - functions keep their C names and return the int status; out-parameters
 *   become extra return values (a tuple (status, out1, …));
 * - opaque objects come back as SWIG pointers that the Python layer frees
 *   exactly once (it keeps a reference to the parent where one is borrowed);
 * - one fragment per module: common.i, calendar.i, …
 */
%module(package="egenkontroll") _core

%{
#define SWIG_FILE_WITH_INIT
#include <egenkontroll/egenkontroll.h>
%}

%include <stdint.i>
%include <typemaps.i>
%include <cstring.i>

/* An opaque object returned through TYPE **out. */
%define EK_OUT_OBJECT(TYPE)
%typemap(in, numinputs=0) TYPE **out (TYPE *tmp = NULL) { $1 = &tmp; }
%typemap(argout) TYPE **out {
    $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, 0));
}
%enddef

/* ek_date is int64_t days since 1970-01-01. */
typedef long long ek_date;
%apply long long *OUTPUT { ek_date *out };

#define EK_API
#define EK_DEPRECATED(msg)

/* The GIL (swig -threads).  Every call keeps it, so Python code in another
 * thread (Handle.close() in particular) cannot run during the call and free an
 * object under it.  Only the calls that can run long release it; the Python
 * layer wraps each of them in egenkontroll._handle.in_use(), which makes
 * close() in another thread wait until the call has returned (issue 18).
 * A function added here must be called through in_use() with every
 * closable object it takes (tests/python/test_close_while_busy.py). */
%nothread;
%thread ek_evaluate_case;
%thread ek_checklist_evaluate;
%thread ek_checklist_evaluate_answers;
%thread ek_sarah_evaluate;
%thread ek_report_add_case;
%thread ek_report_add_sarah;
%thread ek_report_read_cases;
%thread ek_report_read_sarah;
%thread ek_report_finish;
%thread ek_report_write_json;
%thread ek_report_write_csv;
%thread ek_calendar_roll_batch;
%thread ek_calendar_add_working_days_batch;
%thread ek_deadline_compute_batch;
/* Readers: the reader and the record being filled belong to the generator
 * that reads (egenkontroll.cases.read_cases, egenkontroll.sarah.read_records),
 * so nothing another thread can close is used. */
%thread ek_case_reader_open;
%thread ek_case_reader_from_memory;
%thread ek_case_reader_next;
%thread ek_sarah_reader_open;
%thread ek_sarah_reader_from_memory;
%thread ek_sarah_reader_next;

%include "common.i"
%include "calendar.i"
%include "policy.i"
%include "case.i"
%include "rules.i"
%include "sarah.i"
%include "checklist.i"
%include "answers.i"
%include "io.i"
%include "report.i"
