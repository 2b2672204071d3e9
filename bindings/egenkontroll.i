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

%include "common.i"
%include "calendar.i"
%include "policy.i"
%include "case.i"
%include "rules.i"
%include "sarah.i"
%include "checklist.i"
%include "io.i"
%include "report.i"
