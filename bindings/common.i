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

%immutable;
%include <egenkontroll/version.h>
%include <egenkontroll/common.h>
%mutable;
%clear ek_result *out;
