/* common.h: status, errors, version, context. */
EK_OUT_OBJECT(ek_context)

%ignore ek_set_allocator;     /* process-wide C hook; not for Python */
%ignore ek_context_set_log;   /* C callback; the Python layer has its own logging */
%ignore ek_allocator;
%ignore ek_free;
%ignore ek_error_copy;
%ignore ek_context_policy_const;
%immutable;
%include <egenkontroll/version.h>
%include <egenkontroll/common.h>
%mutable;
