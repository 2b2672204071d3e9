/* case.h: the case model, and the case/policy JSON functions of io.h.
 *
 * Views come back as tuples (the Python layer makes dataclasses of them):
 *   ek_case_event       -> (status, (index, type, type_name, date, id, ref, attr_count))
 *   ek_case_event_attr  -> (status, (key, kind, string, boolean, date))
 *   ek_case_answer / ek_case_find_answer -> (status, (item, result, reviewer, date, comment))
 * Strings that may be NULL come back as None; ek_date as int (EK_DATE_NONE for none).
 * ek_case_write_json returns (status, str); the C buffer is freed here.
 * The io.h functions are declared here (not in io.i) so that this fragment
 * owns everything the case module exports. */
typedef struct ek_case_reader ek_case_reader;
EK_OUT_OBJECT(ek_case)
EK_OUT_OBJECT(ek_case_reader)

%{
static PyObject *ek__py_str_or_none(const char *s)
{
    if (s == NULL)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
}
%}

%typemap(in, numinputs=0) size_t *index (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *index { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }

%typemap(in, numinputs=0) ek_event_info *out (ek_event_info tmp) {
    ek_event_info init = EK_EVENT_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_event_info *out {
    PyObject *t = Py_BuildValue("(niNLNNn)", (Py_ssize_t)$1->index, (int)$1->type, ek__py_str_or_none($1->type_name),
                                (long long)$1->date, ek__py_str_or_none($1->id), ek__py_str_or_none($1->ref),
                                (Py_ssize_t)$1->attr_count);
    $result = SWIG_Python_AppendOutput($result, t);
}

%typemap(in, numinputs=0) ek_attr_info *out (ek_attr_info tmp) {
    ek_attr_info init = EK_ATTR_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_attr_info *out {
    PyObject *t = Py_BuildValue("(NiNiL)", ek__py_str_or_none($1->key), (int)$1->kind, ek__py_str_or_none($1->string),
                                $1->boolean, (long long)$1->date);
    $result = SWIG_Python_AppendOutput($result, t);
}

%typemap(in, numinputs=0) ek_answer_info *out (ek_answer_info tmp) {
    ek_answer_info init = EK_ANSWER_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_answer_info *out {
    PyObject *t = Py_BuildValue("(NiNLN)", ek__py_str_or_none($1->item), (int)$1->result,
                                ek__py_str_or_none($1->reviewer), (long long)$1->date, ek__py_str_or_none($1->comment));
    $result = SWIG_Python_AppendOutput($result, t);
}

/* Borrowed strings out (None for NULL). */
%typemap(in, numinputs=0) const char **out (const char *tmp = NULL), const char **key (const char *tmp = NULL),
    const char **json_text (const char *tmp = NULL), const char **values (const char *tmp = NULL) { $1 = ($1_ltype)&tmp; }
%typemap(argout) const char **out, const char **key, const char **json_text, const char **values {
    $result = SWIG_Python_AppendOutput($result, ek__py_str_or_none(*$1));
}

/* Owned string out: copied to Python, freed with ek_free. */
%typemap(in, numinputs=0) char **out (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **out {
    $result = SWIG_Python_AppendOutput($result, ek__py_str_or_none(*$1));
}
%typemap(freearg) char **out { ek_free(*$1); }

%apply int *OUTPUT { int *out, int *required };
%typemap(in, numinputs=0) ek_attr_kind *kind (ek_attr_kind tmp = (ek_attr_kind)0) { $1 = &tmp; }
%typemap(argout) ek_attr_kind *kind { $result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long)*$1)); }

/* (const char *text, size_t len) and (const char *data, size_t len): a Python str or bytes. */
%typemap(in) (const char *text, size_t len) (Py_ssize_t n = 0, PyObject *utf8obj = NULL),
             (const char *data, size_t len) (Py_ssize_t n = 0, PyObject *utf8obj = NULL) {
    if (PyUnicode_Check($input)) {
        utf8obj = PyUnicode_AsEncodedString($input, "utf-8", "surrogateescape");
        if (utf8obj == NULL)
            SWIG_fail;
    } else if (PyBytes_Check($input)) {
        utf8obj = $input;
        Py_INCREF(utf8obj);
    } else {
        PyErr_SetString(PyExc_TypeError, "$symname: expected str or bytes");
        SWIG_fail;
    }
    char *p = NULL;
    PyBytes_AsStringAndSize(utf8obj, &p, &n);
    $1 = p;
    $2 = (size_t)n;
}
%typemap(freearg) (const char *text, size_t len), (const char *data, size_t len) { Py_XDECREF(utf8obj$argnum); }

%ignore ek_case_reader_new;   /* takes an ek_jsonl_reader; Python uses open / from_memory */

%immutable;
%include <egenkontroll/case.h>
%mutable;

/* From io.h, section "cases and policy". */
int ek_case_reader_open(ek_case_reader **out, const char *path);
int ek_case_reader_from_memory(ek_case_reader **out, const char *data, size_t len, const char *name);
void ek_case_reader_free(ek_case_reader *r);
int ek_case_reader_next(ek_case_reader *r, ek_case *c);
unsigned long ek_case_reader_line(const ek_case_reader *r);
int ek_case_read_json(ek_case *c, const char *text, size_t len, const char *name);
int ek_case_write_json(const ek_case *c, char **out);
int ek_policy_load_json(ek_policy *policy, const char *path);
int ek_policy_load_json_string(ek_policy *policy, const char *text, size_t len, const char *name);

/* These typemaps belong to this fragment only. */
%clear size_t *index;
%clear ek_event_info *out;
%clear ek_attr_info *out;
%clear ek_answer_info *out;
%clear const char **out, const char **key, const char **json_text, const char **values;
%clear char **out;
%clear int *out, int *required;
%clear ek_attr_kind *kind;
%clear (const char *text, size_t len), (const char *data, size_t len);
