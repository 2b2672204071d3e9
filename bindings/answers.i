/* answers.h and io.h's section on egenkontroll/granskning-1: reviewers' answers kept apart from the export.
 *   ek_answers_new                 -> (status, answers)
 *   ek_py_answers_add(a, case_id, item, result, comment, reviewer, date, checklist, version, source, line)
 *                                  -> status  (result a name: "pass", "fail", "notapplicable")
 *   ek_py_answers_get(a, k)        -> (case_id, item, result, comment, reviewer, date, checklist, version,
 *                                      source, line, visits) or None
 *   ek_py_answers_note(a, k)       -> (status, message, source, line, column, case_id, field) or None
 *   ek_answers_visit               -> (status, answers)
 *   ek_answers_check               -> (status, unknown)
 *   ek_answers_read_json[_string]  -> (status, rejected)
 *   ek_answers_write_json          -> (status, str)
 * Every typemap here is cleared at the end. */
EK_OUT_OBJECT(ek_answers)

%typemap(in, numinputs=0) size_t *rejected (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *rejected { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }
%typemap(in, numinputs=0) size_t *answers (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *answers { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }
%typemap(in, numinputs=0) size_t *unknown (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *unknown { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }
%typemap(in, numinputs=0) char **ek_json (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **ek_json { $result = SWIG_Python_AppendOutput($result, ek__py_str_or_none(*$1)); }
%typemap(freearg) char **ek_json { ek_free(*$1); }
%typemap(in) (const char *text, size_t len) (Py_ssize_t n = 0, PyObject *utf8obj = NULL) {
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
%typemap(freearg) (const char *text, size_t len) { Py_XDECREF(utf8obj$argnum); }

typedef struct ek_answers ek_answers;
int ek_answers_new(ek_answers **out);
void ek_answers_free(ek_answers *a);
size_t ek_answers_count(const ek_answers *a);
int ek_answers_visit(ek_answers *a, const ek_case *c, size_t *answers);
int ek_answers_check(ek_answers *a, const ek_checklist *cl, size_t *unknown);
size_t ek_answers_note_count(const ek_answers *a);
int ek_answers_read_json(ek_answers *a, const char *path, size_t *rejected);
int ek_answers_read_json_string(ek_answers *a, const char *text, size_t len, const char *name, size_t *rejected);
int ek_answers_write_json(const ek_answers *a, char **ek_json);

%nothread ek_py_answers_get;
%nothread ek_py_answers_note;
%inline %{
int ek_py_answers_add(ek_answers *a, const char *case_id, const char *item, const char *result, const char *comment,
                      const char *reviewer, ek_date date, const char *checklist, const char *version,
                      const char *source, unsigned long line)
{
    ek_answer_record r = EK_ANSWER_RECORD_INIT;
    if (!result || ek_result_from_name(result, &r.result) != EK_OK)
        r.result = EK_RESULT_INVALID;
    r.case_id = case_id;
    r.item = item;
    r.comment = comment;
    r.reviewer = reviewer;
    r.date = date;
    r.checklist = checklist;
    r.checklist_version = version;
    r.source = source;
    r.line = line;
    return ek_answers_add(a, &r);
}

PyObject *ek_py_answers_get(const ek_answers *a, size_t k)
{
    ek_answer_record r = EK_ANSWER_RECORD_INIT;
    if (ek_answers_get(a, k, &r) != EK_OK)
        Py_RETURN_NONE;
    return Py_BuildValue("(NNsNNLNNNkn)", ek__py_str_or_none(r.case_id), ek__py_str_or_none(r.item),
                         ek_result_name(r.result), ek__py_str_or_none(r.comment), ek__py_str_or_none(r.reviewer),
                         (long long)r.date, ek__py_str_or_none(r.checklist), ek__py_str_or_none(r.checklist_version),
                         ek__py_str_or_none(r.source), r.line, (Py_ssize_t)r.visits);
}

PyObject *ek_py_answers_note(const ek_answers *a, size_t k)
{
    const ek_error *e = ek_answers_note(a, k);
    if (!e)
        Py_RETURN_NONE;
    return Py_BuildValue("(iNNkkNN)", e->status, ek__py_str_or_none(e->message), ek__py_str_or_none(e->source),
                         e->line, e->column, ek__py_str_or_none(e->record_id), ek__py_str_or_none(e->field));
}
%}

%clear size_t *rejected;
%clear size_t *answers;
%clear size_t *unknown;
%clear char **ek_json;
%clear (const char *text, size_t len);
