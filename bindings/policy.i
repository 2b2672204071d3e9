/* policy.h */
EK_OUT_OBJECT(ek_policy)

/* (char *buf, size_t size): a 64-byte output buffer returned as str. */
%typemap(in, numinputs=0) (char *buf, size_t size) (char tmp[64]) { tmp[0] = '\0'; $1 = tmp; $2 = sizeof tmp; }
%typemap(argout) (char *buf, size_t size) { $result = SWIG_Python_AppendOutput($result, PyUnicode_FromString($1)); }

%typemap(in, numinputs=0) const ek_policy_param_info **out (const ek_policy_param_info *tmp = NULL) { $1 = ($1_ltype)&tmp; }
%typemap(argout) const ek_policy_param_info **out {
    $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $descriptor(ek_policy_param_info *), 0));
}
%immutable;
%include <egenkontroll/policy.h>
%mutable;
