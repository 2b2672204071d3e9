/* common.h: status, errors, version, context. */
EK_OUT_OBJECT(ek_context)

%ignore ek_set_allocator;     /* process-wide C hook; not for Python */
%ignore ek_context_set_log;   /* C callback; the Python layer has its own logging */
%ignore ek_allocator;
%ignore ek_free;
%ignore ek_error_copy;
%ignore ek_error_format;      /* buffer-and-size form: ek_py_error_format() below gives a str */
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

/* The display string of an error given by its parts (ek_error_format(); issue 19): the Python
 * exceptions keep the parts as attributes and make str() with this.  @language: the language the
 * message was written in ("sv", "en"; "" the process's), as ek_error's member. */
%inline %{
PyObject *ek_py_error_format(int status, const char *message, const char *source, unsigned long line,
                             unsigned long column, const char *record_id, const char *field,
                             const char *language)
{
    ek_error e = EK_ERROR_INIT;
    snprintf(e.language, sizeof e.language, "%s", language ? language : "");
    e.status = status;
    snprintf(e.message, sizeof e.message, "%s", message ? message : "");
    snprintf(e.source, sizeof e.source, "%s", source ? source : "");
    e.line = line;
    e.column = column;
    snprintf(e.record_id, sizeof e.record_id, "%s", record_id ? record_id : "");
    snprintf(e.field, sizeof e.field, "%s", field ? field : "");
    char buf[EK_ERROR_FORMAT_SIZE];
    int n = ek_error_format(&e, buf, sizeof buf);
    if (n < 0)
        buf[0] = '\0';
    return PyUnicode_DecodeUTF8(buf, (Py_ssize_t)strlen(buf), "surrogateescape");
}

/* The display string of the thread's last error itself, in the language it was written in. */
PyObject *ek_py_last_error_format(void)
{
    char buf[EK_ERROR_FORMAT_SIZE];
    if (ek_error_format(ek_error_last(), buf, sizeof buf) < 0)
        buf[0] = '\0';
    return PyUnicode_DecodeUTF8(buf, (Py_ssize_t)strlen(buf), "surrogateescape");
}
%}

%immutable;
%include <egenkontroll/version.h>
%include <egenkontroll/common.h>
%mutable;
%clear ek_result *out;
%clear char **out;
