/* common.h: status, errors, version, context. */
EK_OUT_OBJECT(ek_context)

%ignore ek_set_allocator;     /* process-wide C hook; not for Python */
%ignore ek_context_set_log;   /* C callback; the Python layer has its own logging */
%ignore ek_allocator;
%ignore ek_free;
%ignore ek_error_copy;
%ignore ek_context_policy_const;
/* ek_result_from_name: the result as an int. */
%typemap(in, numinputs=0) ek_result *out (ek_result tmp = EK_RESULT_INVALID) { $1 = &tmp; }
%typemap(argout) ek_result *out { $result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long)*$1)); }

/* ek_text_safe_dup (issue 18): (status, str); the C buffer is freed here.  The
 * buffer-and-size form and the in-place masking are for C writers only. */
%ignore ek_text_safe;
%ignore ek_text_mask_pnr;
%typemap(in, numinputs=0) char **out (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **out {
    PyObject *s = Py_None;
    if (*$1 != NULL)
        s = PyUnicode_DecodeUTF8(*$1, (Py_ssize_t)strlen(*$1), "surrogateescape");
    else
        Py_INCREF(Py_None);
    $result = SWIG_Python_AppendOutput($result, s);
}
%typemap(freearg) char **out { ek_free(*$1); }

%immutable;
%include <egenkontroll/version.h>
%include <egenkontroll/common.h>
%mutable;
%clear ek_result *out;
%clear char **out;
