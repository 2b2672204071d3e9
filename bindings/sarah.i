/* sarah.h: lex Sarah records, and the lex Sarah functions of io.h.
 *
 * Views come back as tuples (the Python layer egenkontroll.sarah makes dataclasses of them):
 *   ek_sarah_record_measure  -> (status, (beskrivning, ansvarig, senast, genomford))
 *   ek_sarah_record_history  -> (status, (kind, date, who, field, old_value, new_value))
 *   ek_sarah_result_item     -> (status, (item, result, basis, message, missing, unknown))
 *   ek_sarah_result_limit    -> (status, (kind, name, measure_index, result, start, nominal, legal, done,
 *                                         period, policy, basis, basis_old, basis_new, certainty, message))
 *   ek_sarah_summary_counts_get -> (status, dict)
 *   ek_sarah_limit_at        -> (status, (kind, name, start, done, applies, period_kind, policy, words, version_count))
 *   ek_sarah_limit_version   -> (status, (valid_from, valid_to, basis, certainty))
 * A change (who and when) is passed as a tuple (date, who); a measure as
 * (beskrivning, ansvarig or None, senast, genomford).  Dates are ints
 * (EK_DATE_NONE for none); strings that may be NULL come back as None.
 * Every typemap here is cleared at the end: they belong to this fragment only. */
typedef struct ek_sarah_reader ek_sarah_reader;
EK_OUT_OBJECT(ek_sarah_record)
EK_OUT_OBJECT(ek_sarah_result)
EK_OUT_OBJECT(ek_sarah_summary)
EK_OUT_OBJECT(ek_sarah_reader)

%{
static PyObject *ek__sarah_str(const char *s)
{
    if (s == NULL)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
}
%}

/* (date, who) -> ek_sarah_change; the who string is borrowed from the tuple for the call. */
%typemap(in) const ek_sarah_change *change (ek_sarah_change tmp) {
    long long d = 0;
    const char *who = NULL;
    if (!PyArg_ParseTuple($input, "Lz;change must be a tuple (date, who)", &d, &who))
        SWIG_fail;
    ek_sarah_change init = EK_SARAH_CHANGE_INIT;
    tmp = init;
    tmp.date = (ek_date)d;
    tmp.who = who;
    $1 = &tmp;
}

/* (beskrivning, ansvarig, senast, genomford) -> ek_sarah_measure. */
%typemap(in) const ek_sarah_measure *m (ek_sarah_measure tmp) {
    long long s = 0, g = 0;
    const char *b = NULL, *a = NULL;
    if (!PyArg_ParseTuple($input, "szLL;measure must be a tuple (beskrivning, ansvarig, senast, genomford)",
                          &b, &a, &s, &g))
        SWIG_fail;
    ek_sarah_measure init = EK_SARAH_MEASURE_INIT;
    tmp = init;
    tmp.beskrivning = b;
    tmp.ansvarig = a;
    tmp.senast = (ek_date)s;
    tmp.genomford = (ek_date)g;
    $1 = &tmp;
}

%typemap(in, numinputs=0) size_t *index (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *index { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }

%typemap(in, numinputs=0) ek_sarah_measure *out (ek_sarah_measure tmp) {
    ek_sarah_measure init = EK_SARAH_MEASURE_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_sarah_measure *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(NNLL)", ek__sarah_str($1->beskrivning),
        ek__sarah_str($1->ansvarig), (long long)$1->senast, (long long)$1->genomford));
}

%typemap(in, numinputs=0) ek_sarah_history_entry *out (ek_sarah_history_entry tmp) {
    ek_sarah_history_entry init = EK_SARAH_HISTORY_ENTRY_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_sarah_history_entry *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(iLNNNN)", (int)$1->kind, (long long)$1->date,
        ek__sarah_str($1->who), ek__sarah_str($1->field), ek__sarah_str($1->old_value), ek__sarah_str($1->new_value)));
}

%typemap(in, numinputs=0) ek_sarah_item *out (ek_sarah_item tmp) {
    ek_sarah_item init = EK_SARAH_ITEM_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_sarah_item *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(NiNNII)", ek__sarah_str($1->item), (int)$1->result,
        ek__sarah_str($1->basis), ek__sarah_str($1->message), $1->missing, $1->unknown));
}

%typemap(in, numinputs=0) ek_sarah_limit *out (ek_sarah_limit tmp) {
    ek_sarah_limit init = EK_SARAH_LIMIT_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_sarah_limit *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(iNniLLLLNNNNNNN)", (int)$1->kind,
        ek__sarah_str($1->name), (Py_ssize_t)$1->measure_index, (int)$1->result, (long long)$1->start,
        (long long)$1->nominal, (long long)$1->legal, (long long)$1->done, ek__sarah_str($1->period),
        ek__sarah_str($1->policy), ek__sarah_str($1->basis), ek__sarah_str($1->basis_old),
        ek__sarah_str($1->basis_new), ek__sarah_str($1->certainty), ek__sarah_str($1->message)));
}

%typemap(in, numinputs=0) ek_sarah_limit_info *out (ek_sarah_limit_info tmp) {
    ek_sarah_limit_info init = EK_SARAH_LIMIT_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_sarah_limit_info *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(iNNNNiNNn)", (int)$1->kind, ek__sarah_str($1->name),
        ek__sarah_str($1->start), ek__sarah_str($1->done), ek__sarah_str($1->applies), (int)$1->period_kind,
        ek__sarah_str($1->policy), ek__sarah_str($1->words), (Py_ssize_t)$1->version_count));
}

%typemap(in, numinputs=0) ek_sarah_limit_version_info *out (ek_sarah_limit_version_info tmp) {
    ek_sarah_limit_version_info init = EK_SARAH_LIMIT_VERSION_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_sarah_limit_version_info *out {
    $result = SWIG_Python_AppendOutput($result, Py_BuildValue("(LLNN)", (long long)$1->valid_from,
        (long long)$1->valid_to, ek__sarah_str($1->basis), ek__sarah_str($1->certainty)));
}

%typemap(in, numinputs=0) ek_sarah_summary_counts *out (ek_sarah_summary_counts tmp) {
    ek_sarah_summary_counts init = EK_SARAH_SUMMARY_COUNTS_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_sarah_summary_counts *out {
    PyObject *st = PyList_New(EK_SARAH_STATE_LIMIT), *e1 = PyList_New(10), *e2 = PyList_New(10);
    for (Py_ssize_t i = 0; st && i < EK_SARAH_STATE_LIMIT; i++)
        PyList_SET_ITEM(st, i, PyLong_FromSize_t($1->by_state[i]));
    for (Py_ssize_t i = 0; e1 && e2 && i < 10; i++) {
        PyList_SET_ITEM(e1, i, PyLong_FromSize_t($1->e1[i]));
        PyList_SET_ITEM(e2, i, PyLong_FromSize_t($1->e2[i]));
    }
    PyObject *d = Py_BuildValue("{s:n,s:n,s:N,s:n,s:n,s:n,s:n,s:N,s:N,s:n,s:n,s:n,s:n,s:d,s:l,s:l,s:d,s:d}",
        "records", (Py_ssize_t)$1->records, "rejected", (Py_ssize_t)$1->rejected, "by_state", st,
        "allvarlig_yes", (Py_ssize_t)$1->allvarlig_yes, "allvarlig_no", (Py_ssize_t)$1->allvarlig_no,
        "allvarlig_unknown", (Py_ssize_t)$1->allvarlig_unknown, "anmald_ivo", (Py_ssize_t)$1->anmald_ivo,
        "e1", e1, "e2", e2, "measures", (Py_ssize_t)$1->measures,
        "measures_overdue", (Py_ssize_t)$1->measures_overdue, "measures_late", (Py_ssize_t)$1->measures_late,
        "ivo_days_n", (Py_ssize_t)$1->ivo_days_n, "ivo_days_median", $1->ivo_days_median,
        "ivo_days_min", $1->ivo_days_min, "ivo_days_max", $1->ivo_days_max,
        "ivo_days_q1", $1->ivo_days_q1, "ivo_days_q3", $1->ivo_days_q3);
    $result = SWIG_Python_AppendOutput($result, d);
}

/* Borrowed strings out (None for NULL). */
%typemap(in, numinputs=0) const char **key (const char *tmp = NULL), const char **json_text (const char *tmp = NULL),
    const char **name (const char *tmp = NULL) { $1 = ($1_ltype)&tmp; }
%typemap(argout) const char **key, const char **json_text, const char **name {
    $result = SWIG_Python_AppendOutput($result, ek__sarah_str(*$1));
}
%typemap(in, numinputs=0) size_t *count (size_t tmp = 0), size_t *serious (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *count, size_t *serious { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }

/* Owned string out: copied to Python, freed with ek_free. */
%typemap(in, numinputs=0) char **out (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **out { $result = SWIG_Python_AppendOutput($result, ek__sarah_str(*$1)); }
%typemap(freearg) char **out { ek_free(*$1); }

/* (const char *text, size_t len) and (const char *data, size_t len): a Python str or bytes. */
%typemap(in) (const char *text, size_t len) (Py_ssize_t n = 0, PyObject *sbytes = NULL),
             (const char *data, size_t len) (Py_ssize_t n = 0, PyObject *sbytes = NULL) {
    if (PyUnicode_Check($input)) {
        sbytes = PyUnicode_AsEncodedString($input, "utf-8", "surrogateescape");
        if (sbytes == NULL)
            SWIG_fail;
    } else if (PyBytes_Check($input)) {
        sbytes = $input;
        Py_INCREF(sbytes);
    } else {
        PyErr_SetString(PyExc_TypeError, "$symname: expected str or bytes");
        SWIG_fail;
    }
    char *p = NULL;
    PyBytes_AsStringAndSize(sbytes, &p, &n);
    $1 = p;
    $2 = (size_t)n;
}
%typemap(freearg) (const char *text, size_t len), (const char *data, size_t len) { Py_XDECREF(sbytes$argnum); }

%ignore ek_sarah_change;
%ignore ek_sarah_measure;
%ignore ek_sarah_history_entry;
%ignore ek_sarah_limit;
%ignore ek_sarah_limit_info;
%ignore ek_sarah_limit_version_info;
%ignore ek_sarah_item;
%ignore ek_sarah_summary_counts;
%ignore ek_sarah_reader_new;   /* takes an ek_jsonl_reader; Python uses open / from_memory */

%immutable;
%include <egenkontroll/sarah.h>
%mutable;

/* From io.h, section "lex Sarah records". */
int ek_sarah_reader_open(ek_sarah_reader **out, const char *path);
int ek_sarah_reader_from_memory(ek_sarah_reader **out, const char *data, size_t len, const char *name);
void ek_sarah_reader_free(ek_sarah_reader *r);
int ek_sarah_reader_next(ek_sarah_reader *r, ek_sarah_record **out);
unsigned long ek_sarah_reader_line(const ek_sarah_reader *r);
int ek_sarah_read_json(ek_sarah_record **out, const char *text, size_t len, const char *name);
int ek_sarah_write_json(const ek_sarah_record *r, char **out);
int ek_sarah_result_write_json(const ek_sarah_result *res, char **out);
int ek_sarah_summary_write_json(const ek_sarah_summary *s, char **out);

%clear const ek_sarah_change *change;
%clear const ek_sarah_measure *m;
%clear size_t *index;
%clear ek_sarah_measure *out;
%clear ek_sarah_history_entry *out;
%clear ek_sarah_item *out;
%clear ek_sarah_limit *out;
%clear ek_sarah_limit_info *out;
%clear ek_sarah_limit_version_info *out;
%clear ek_sarah_summary_counts *out;
%clear const char **key, const char **json_text, const char **name;
%clear size_t *count, size_t *serious;
%clear char **out;
%clear (const char *text, size_t len), (const char *data, size_t len);
