/* calendar.h: dates, the Swedish statutory calendar, periods, deadlines.
 *
 * Scalars: ek_date is a Python int (days since 1970-01-01); periods are
 * (n, unit) tuples; deadlines come back as (start, nominal, legal).
 *
 * Batches: the *_batch functions take objects supporting the buffer protocol
 * (NumPy int64 arrays, array('q'), memoryview) directly, without copying:
 *   ek_calendar_roll_batch(cal, in, out)
 *   ek_calendar_add_working_days_batch(cal, in, n, out)
 *   ek_deadline_compute_batch(cal, start, period, nominal_or_None, legal)
 * Every array must be C-contiguous int64 (format 'q' or 'l', itemsize 8) and
 * the outputs writable and as long as the input.  The GIL is released
 * during the C call (SWIG -threads); the buffers stay acquired until it returns.
 */
EK_OUT_OBJECT(ek_calendar)

%{
/* Acquire an int64 C-contiguous buffer; 0 or -1 with a Python exception set. */
static int ek__py_i64_buffer(PyObject *obj, Py_buffer *view, int writable, const char *fn, const char *arg)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) != 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s: %s must be a C-contiguous%s int64 buffer (e.g. a NumPy int64 array), "
                     "not %.100s", fn, arg, writable ? " writable" : "", Py_TYPE(obj)->tp_name);
        return -1;
    }
    const char *f = view->format ? view->format : "B";
    int ok_order = 1;
    if (*f == '@' || *f == '=')
        f++;
    else if (*f == '<' || *f == '>' || *f == '!') {
        const unsigned int one = 1;
        int little = *(const unsigned char *)&one == 1;
        ok_order = (*f == '<') == little;
        f++;
    }
    if (!ok_order || view->itemsize != 8 || (strcmp(f, "q") != 0 && strcmp(f, "l") != 0)) {
        PyErr_Format(PyExc_TypeError, "%s: %s must hold native int64 values (format 'q', itemsize 8), "
                     "got format '%s' with itemsize %zd", fn, arg, view->format ? view->format : "B",
                     view->itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}
%}

/* Input array: sets the element count every other array is checked against.
 * (Typemaps are written for the parameter names of calendar.h directly: an
 * %apply from a placeholder name would declare the argument with SWIG's view of
 * ek_date, long long, which is not the C compiler's int64_t.) */
%define EK_IN_ARRAY(NAME)
%typemap(in) const ek_date *NAME (Py_buffer view, int got = 0) {
    if (ek__py_i64_buffer($input, &view, 0, "$symname", "$1_name") != 0)
        SWIG_fail;
    got = 1;
    $1 = ($1_ltype)view.buf;
    _global_ek_n_in = view.len / 8;
}
%typemap(freearg) const ek_date *NAME {
    if (got$argnum)
        PyBuffer_Release(&view$argnum);
}
%enddef

/* Output array with the element count (which must equal the input's). */
%define EK_OUT_ARRAY(NAME)
%typemap(in) (ek_date *NAME, size_t count) (Py_buffer view, int got = 0) {
    if (ek__py_i64_buffer($input, &view, 1, "$symname", "$1_name") != 0)
        SWIG_fail;
    got = 1;
    $1 = ($1_ltype)view.buf;
    $2 = (size_t)(view.len / 8);
}
%typemap(check) (ek_date *NAME, size_t count) {
    if ((Py_ssize_t)$2 != _global_ek_n_in) {
        PyErr_Format(PyExc_ValueError, "$symname: $1_name has %zd elements, the input %zd", (Py_ssize_t)$2,
                     _global_ek_n_in);
        SWIG_fail;
    }
}
%typemap(argout) (ek_date *NAME, size_t count) "";
%typemap(freearg) (ek_date *NAME, size_t count) {
    if (got$argnum)
        PyBuffer_Release(&view$argnum);
}
%enddef

/* Optional output array (None gives NULL). */
%define EK_OUT_ARRAY_OPT(NAME)
%typemap(in) ek_date *NAME (Py_buffer view, int got = 0) {
    if ($input == Py_None) {
        $1 = NULL;
    } else {
        if (ek__py_i64_buffer($input, &view, 1, "$symname", "$1_name") != 0)
            SWIG_fail;
        got = 1;
        $1 = ($1_ltype)view.buf;
        if (view.len / 8 != _global_ek_n_in) {
            PyErr_Format(PyExc_ValueError, "$symname: $1_name has %zd elements, the input %zd",
                         (Py_ssize_t)(view.len / 8), _global_ek_n_in);
            SWIG_fail;
        }
    }
}
%typemap(argout) ek_date *NAME "";
%typemap(freearg) ek_date *NAME {
    if (got$argnum)
        PyBuffer_Release(&view$argnum);
}
%enddef

/* The batch functions declare the shared element count once. */
%typemap(arginit, noblock=1) const ek_calendar *cal { Py_ssize_t _global_ek_n_in = -1; (void)_global_ek_n_in; }

/* SWIG casts const pointer arguments to its own view of ek_date (long long),
 * which is not int64_t (long) to the C compiler: write these calls out. */
%feature("action") ek_calendar_roll_batch {
    result = ek_calendar_roll_batch(arg1, (const ek_date *)arg2, arg3, arg4);
}
%feature("action") ek_calendar_add_working_days_batch {
    result = ek_calendar_add_working_days_batch(arg1, (const ek_date *)arg2, arg3, arg4, arg5);
}
%feature("action") ek_deadline_compute_batch {
    result = ek_deadline_compute_batch(arg1, (const ek_date *)arg2, arg3, arg4, arg5, arg6);
}

EK_IN_ARRAY(in)
EK_IN_ARRAY(start)
EK_OUT_ARRAY(out)
EK_OUT_ARRAY(legal)
EK_OUT_ARRAY_OPT(nominal)

/* Periods as (n, unit) tuples. */
%typemap(in) ek_period p {
    long n_, u_;
    if (!PyTuple_Check($input) || PyTuple_GET_SIZE($input) != 2) {
        PyErr_SetString(PyExc_TypeError, "$symname: period must be a tuple (n, unit)");
        SWIG_fail;
    }
    n_ = PyLong_AsLong(PyTuple_GET_ITEM($input, 0));
    u_ = PyLong_AsLong(PyTuple_GET_ITEM($input, 1));
    if (PyErr_Occurred())
        SWIG_fail;
    if (n_ < INT32_MIN || n_ > INT32_MAX || u_ < 0 || u_ > 100) {
        PyErr_SetString(PyExc_OverflowError, "$symname: period count or unit out of range");
        SWIG_fail;
    }
    $1.n = (int32_t)n_;
    $1.unit = (ek_period_unit)u_;
}
%typemap(typecheck) ek_period p { $1 = PyTuple_Check($input) && PyTuple_GET_SIZE($input) == 2; }
%typemap(in, numinputs=0) ek_period *out (ek_period tmp) { tmp.n = 0; tmp.unit = EK_UNIT_DAYS; $1 = &tmp; }
%typemap(argout) ek_period *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(li)", (long)$1->n, (int)$1->unit));
}

/* A deadline as (start, nominal, legal). */
%typemap(in, numinputs=0) ek_deadline *out (ek_deadline tmp) {
    tmp.start = tmp.nominal = tmp.legal = EK_DATE_NONE;
    $1 = &tmp;
}
%typemap(argout) ek_deadline *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(LLL)", (long long)$1->start,
                                        (long long)$1->nominal, (long long)$1->legal));
}

/* Named days as a list of (date, is_eve, name). */
%typemap(in, numinputs=0) (ek_named_day *out, size_t cap, size_t *count) (ek_named_day tmp[32], size_t n = 0) {
    $1 = tmp;
    $2 = 32;
    $3 = &n;
}
%typemap(argout) (ek_named_day *out, size_t cap, size_t *count) {
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list != NULL && i < *$3 && i < $2; i++) {
        PyObject *t = Py_BuildValue("(Lis)", (long long)$1[i].date, $1[i].is_eve, $1[i].name);
        if (t == NULL || PyList_Append(list, t) != 0) {
            Py_XDECREF(t);
            Py_DECREF(list);
            list = NULL;
            break;
        }
        Py_DECREF(t);
    }
    if (list == NULL)
        SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, list);
}

/* The days a roll-over skips, as a list of (date, flags, name, basis). */
%typemap(in, numinputs=0) (ek_skipped_day *out, size_t cap, size_t *count)
    (ek_skipped_day tmp[EK_ROLL_SKIPPED_MAX], size_t n = 0) {
    $1 = tmp;
    $2 = EK_ROLL_SKIPPED_MAX;
    $3 = &n;
}
%typemap(argout) (ek_skipped_day *out, size_t cap, size_t *count) {
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list != NULL && i < *$3 && i < $2; i++) {
        PyObject *t = Py_BuildValue("(LIss)", (long long)$1[i].date, $1[i].flags, $1[i].name, $1[i].basis);
        if (t == NULL || PyList_Append(list, t) != 0) {
            Py_XDECREF(t);
            Py_DECREF(list);
            list = NULL;
            break;
        }
        Py_DECREF(t);
    }
    if (list == NULL)
        SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, list);
}

/* A static name or None. */
%typemap(in, numinputs=0) const char **name (const char *tmp = NULL) { $1 = ($1_ltype)&tmp; }
%typemap(argout) const char **name {
    PyObject *s;
    if (*$1 == NULL) {
        Py_INCREF(Py_None);
        s = Py_None;
    } else {
        s = PyUnicode_FromString(*$1);
    }
    $result = SWIG_Python_AppendOutput($result, s);
}

/* (char *buf, size_t size): a 64-byte output buffer returned as str. */
%typemap(in, numinputs=0) (char *buf, size_t size) (char tmp[64]) { tmp[0] = '\0'; $1 = tmp; $2 = sizeof tmp; }
%typemap(argout) (char *buf, size_t size) { $result = SWIG_Python_AppendOutput($result, PyUnicode_FromString($1)); }

%apply unsigned int *OUTPUT { unsigned int *out };
%apply int *OUTPUT { int *out, int *year, int *month, int *day };

%ignore ek_date_parse_n;   /* Python strings carry their length */

/* SWIG cannot evaluate these casts itself; give the constants from the C values. */
%constant long long EK_DATE_MIN = EK_DATE_MIN;
%constant long long EK_DATE_MAX = EK_DATE_MAX;
%constant long long EK_DATE_NONE = EK_DATE_NONE;

%immutable;
%include <egenkontroll/calendar.h>
%mutable;

/* These typemaps belong to calendar.h only. */
%clear const ek_date *in, const ek_date *start;
%clear (ek_date *out, size_t count), (ek_date *legal, size_t count);
%clear ek_date *nominal;
%clear const ek_calendar *cal;
%clear ek_period p;
%clear ek_period *out;
%clear ek_deadline *out;
%clear (ek_named_day *out, size_t cap, size_t *count);
%clear (ek_skipped_day *out, size_t cap, size_t *count);
%clear const char **name;
%clear (char *buf, size_t size);
%clear unsigned int *out;
%clear int *out, int *year, int *month, int *day;
