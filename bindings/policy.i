/* policy.h */
EK_OUT_OBJECT(ek_policy)

/* (char *buf, size_t size): a 64-byte output buffer returned as str. */
%typemap(in, numinputs=0) (char *buf, size_t size) (char tmp[64]) { tmp[0] = '\0'; $1 = tmp; $2 = sizeof tmp; }
%typemap(argout) (char *buf, size_t size) { $result = SWIG_Python_AppendOutput($result, PyUnicode_FromString($1)); }

%typemap(in, numinputs=0) const ek_policy_param_info **out (const ek_policy_param_info *tmp = NULL) { $1 = ($1_ltype)&tmp; }
%typemap(argout) const ek_policy_param_info **out {
    $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $descriptor(ek_policy_param_info *), 0));
}
/* ek_policy_get_period: the period as an (n, unit) tuple. */
%typemap(in, numinputs=0) ek_period *out (ek_period tmp) { tmp.n = 0; tmp.unit = EK_UNIT_DAYS; $1 = &tmp; }
%typemap(argout) ek_period *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(li)", (long)$1->n, (int)$1->unit));
}

%immutable;
%include <egenkontroll/policy.h>
%mutable;
%clear ek_period *out;
%clear const ek_policy_param_info **out;
