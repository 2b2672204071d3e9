/* checklist.h: the egenkontroll checklist, and the checklist/delegation JSON functions of io.h.
 *
 * Views come back as tuples (the Python layer, egenkontroll.checklist, makes dataclasses of them):
 *   ek_checklist_item        -> (status, (id, title, description, kind, population, basis_count, origin, seeds))
 *   ek_checklist_item_basis  -> (status, (reference, valid_from, valid_to, certainty, note))
 *   ek_checklist_result_item -> (status, (item_index, item, result, criterion, flags, message, basis,
 *                                         basis_date, evidence_count))
 *   ek_checklist_result_evidence -> (status, (kind, value, event_index, event_type, date, rule, sequence,
 *                                             status, obligation_index, note))
 *   ek_checklist_aggregate_counts -> (status, (item, total, notapplicable, denominator, exclusions,
 *                                              exceptions, numerator, failed, fixed, notchecked, error,
 *                                              unknown, informational, notselected, judged, has_rate, rate))
 *   ek_py_sample_select(ids, groups or None, n, seed) -> list of bools
 *   ek_py_check_many(ctx, cl, [case, …], delegation, as_of, threads, with_json)
 *                            -> (status, [(id, unit, as_of, case_date, json or None,
 *                                          [(item, result, criterion, flags, message, basis, basis_date,
 *                                            [evidence tuple, …])])]); ek_checklist_evaluate_cases()
 *                               with the GIL released
 *   ek_checklist_*_write_json -> (status, str)
 * Dates are int (EK_DATE_NONE for none); event indices None when absent.
 */
EK_OUT_OBJECT(ek_checklist)
EK_OUT_OBJECT(ek_delegation)
EK_OUT_OBJECT(ek_checklist_result)
EK_OUT_OBJECT(ek_checklist_aggregate)

%typemap(in, numinputs=0) size_t *index (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *index { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }
%typemap(in, numinputs=0) size_t *k (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *k { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }
%typemap(in, numinputs=0) const char **unit (const char *tmp = NULL), const char **period (const char *tmp = NULL),
                           const char **type (const char *tmp = NULL), const char **role (const char *tmp = NULL) {
    $1 = ($1_ltype)&tmp;
}
%typemap(argout) const char **unit, const char **period, const char **type, const char **role {
    $result = SWIG_Python_AppendOutput($result, ek__py_str_or_none(*$1));
}
%typemap(in, numinputs=0) size_t *role_count (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *role_count { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }
%typemap(in, numinputs=0) int *allowed (int tmp = 0) { $1 = &tmp; }
%typemap(argout) int *allowed { $result = SWIG_Python_AppendOutput($result, PyBool_FromLong(*$1)); }
%typemap(in, numinputs=0) ek_truth *out (ek_truth tmp = EK_TRUTH_INVALID) { $1 = &tmp; }
%typemap(argout) ek_truth *out { $result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long)*$1)); }

%typemap(in, numinputs=0) ek_item_info *out (ek_item_info tmp) {
    ek_item_info init = EK_ITEM_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_item_info *out {
    PyObject *t = Py_BuildValue("(NNNiinNN)", ek__py_str_or_none($1->id), ek__py_str_or_none($1->title),
                                ek__py_str_or_none($1->description), (int)$1->kind, (int)$1->population,
                                (Py_ssize_t)$1->basis_count, ek__py_str_or_none($1->origin),
                                ek__py_str_or_none($1->seeds));
    $result = SWIG_Python_AppendOutput($result, t);
}

%typemap(in, numinputs=0) ek_item_basis *out (ek_item_basis tmp) {
    ek_item_basis init = EK_ITEM_BASIS_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_item_basis *out {
    PyObject *t = Py_BuildValue("(NLLNN)", ek__py_str_or_none($1->reference), (long long)$1->valid_from,
                                (long long)$1->valid_to, ek__py_str_or_none($1->certainty),
                                ek__py_str_or_none($1->note));
    $result = SWIG_Python_AppendOutput($result, t);
}

%typemap(in, numinputs=0) ek_item_result *out (ek_item_result tmp) {
    ek_item_result init = EK_ITEM_RESULT_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_item_result *out {
    PyObject *t = Py_BuildValue("(nNiiINNLn)", (Py_ssize_t)$1->item_index, ek__py_str_or_none($1->item),
                                (int)$1->result, (int)$1->criterion, $1->flags, ek__py_str_or_none($1->message),
                                ek__py_str_or_none($1->basis), (long long)$1->basis_date,
                                (Py_ssize_t)$1->evidence_count);
    $result = SWIG_Python_AppendOutput($result, t);
}

%typemap(in, numinputs=0) ek_evidence *out (ek_evidence tmp) {
    ek_evidence init = EK_EVIDENCE_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_evidence *out {
    PyObject *ei = $1->event_index == EK_NO_EVENT ? (Py_INCREF(Py_None), Py_None) : PyLong_FromSize_t($1->event_index);
    PyObject *t = Py_BuildValue("(iiNNLNIinN)", (int)$1->kind, (int)$1->value, ei, ek__py_str_or_none($1->event_type),
                                (long long)$1->date, ek__py_str_or_none($1->rule), $1->sequence, (int)$1->status,
                                (Py_ssize_t)$1->obligation_index, ek__py_str_or_none($1->note));
    $result = SWIG_Python_AppendOutput($result, t);
}

%typemap(in, numinputs=0) ek_item_counts *out (ek_item_counts tmp) {
    ek_item_counts init = EK_ITEM_COUNTS_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_item_counts *out {
    PyObject *t = Py_BuildValue("(Nnnnnnnnnnnnnnnidddi)", ek__py_str_or_none($1->item), (Py_ssize_t)$1->total,
                                (Py_ssize_t)$1->notapplicable, (Py_ssize_t)$1->denominator,
                                (Py_ssize_t)$1->exclusions, (Py_ssize_t)$1->exceptions, (Py_ssize_t)$1->numerator,
                                (Py_ssize_t)$1->failed, (Py_ssize_t)$1->fixed, (Py_ssize_t)$1->notchecked,
                                (Py_ssize_t)$1->error, (Py_ssize_t)$1->unknown, (Py_ssize_t)$1->informational,
                                (Py_ssize_t)$1->notselected, (Py_ssize_t)$1->judged, $1->has_rate, $1->rate,
                                $1->rate_low, $1->rate_high, $1->uncertain);
    $result = SWIG_Python_AppendOutput($result, t);
}

%{
/* One item result with its evidence, as the tuples of ek_checklist_result_item / _evidence above. */
static PyObject *ek__py_item_full(const ek_checklist_result *res, size_t k)
{
    ek_item_result ir = EK_ITEM_RESULT_INIT;
    if (ek_checklist_result_item(res, k, &ir) != EK_OK)
        Py_RETURN_NONE;
    PyObject *ev = PyList_New((Py_ssize_t)ir.evidence_count);
    if (ev == NULL)
        return NULL;
    for (size_t j = 0; j < ir.evidence_count; j++) {
        ek_evidence x = EK_EVIDENCE_INIT;
        PyObject *t;
        if (ek_checklist_result_evidence(res, k, j, &x) != EK_OK) {
            Py_INCREF(Py_None);
            t = Py_None;
        } else {
            PyObject *ei = x.event_index == EK_NO_EVENT ? (Py_INCREF(Py_None), Py_None) : PyLong_FromSize_t(x.event_index);
            t = Py_BuildValue("(iiNNLNIinN)", (int)x.kind, (int)x.value, ei, ek__py_str_or_none(x.event_type),
                              (long long)x.date, ek__py_str_or_none(x.rule), x.sequence, (int)x.status,
                              (Py_ssize_t)x.obligation_index, ek__py_str_or_none(x.note));
        }
        if (t == NULL) {
            Py_DECREF(ev);
            return NULL;
        }
        PyList_SET_ITEM(ev, (Py_ssize_t)j, t);
    }
    return Py_BuildValue("(NiiINNLN)", ek__py_str_or_none(ir.item), (int)ir.result, (int)ir.criterion, ir.flags,
                         ek__py_str_or_none(ir.message), ek__py_str_or_none(ir.basis), (long long)ir.basis_date, ev);
}

/* One case's results: (id, unit, as_of, case_date, json or None, [item tuples]). */
static PyObject *ek__py_case_results(const ek_checklist_result *res, char *json)
{
    size_t n = ek_checklist_result_count(res);
    PyObject *items = PyList_New((Py_ssize_t)n);
    if (items == NULL)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        PyObject *t = ek__py_item_full(res, k);
        if (t == NULL) {
            Py_DECREF(items);
            return NULL;
        }
        PyList_SET_ITEM(items, (Py_ssize_t)k, t);
    }
    return Py_BuildValue("(NNLLNN)", ek__py_str_or_none(ek_checklist_result_case_id(res)),
                         ek__py_str_or_none(ek_checklist_result_unit(res)), (long long)ek_checklist_result_as_of(res),
                         (long long)ek_checklist_result_case_date(res), ek__py_str_or_none(json), items);
}
%}

%nothread ek_py_check_many;
%inline %{
/*
 * ek_checklist_evaluate_cases() over a list of case handles with the GIL released (and, with
 * @with_json, each result's JSON written there too); returns (status, [case tuples]) as
 * ek__py_case_results() makes them, or (status, None) when a case failed.
 */
PyObject *ek_py_check_many(const ek_context *ctx, const ek_checklist *cl, PyObject *cases,
                           const ek_delegation *delegation, long long as_of, unsigned int threads, int with_json)
{
    PyObject *seq = PySequence_Fast(cases, "cases must be a sequence of case handles");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    const ek_case **cs = PyMem_Calloc((size_t)n + 1, sizeof *cs);
    ek_checklist_result **rs = PyMem_Calloc((size_t)n + 1, sizeof *rs);
    char **js = PyMem_Calloc((size_t)n + 1, sizeof *js);
    PyObject *result = NULL;
    int rc = EK_OK;
    if (cs == NULL || rs == NULL || js == NULL) {
        PyErr_NoMemory();
        goto out;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        void *p = NULL;
        if (!SWIG_IsOK(SWIG_ConvertPtr(PySequence_Fast_GET_ITEM(seq, i), &p, SWIGTYPE_p_ek_case, 0)) || p == NULL) {
            PyErr_Format(PyExc_TypeError, "cases[%zd] is not a case handle", i);
            goto out;
        }
        cs[i] = (const ek_case *)p;
        if (ek_checklist_result_new(&rs[i]) != EK_OK) {
            PyErr_NoMemory();
            goto out;
        }
    }
    Py_BEGIN_ALLOW_THREADS
    rc = ek_checklist_evaluate_cases(ctx, cl, cs, (size_t)n, delegation, (ek_date)as_of, rs, NULL, threads);
    for (Py_ssize_t i = 0; rc == EK_OK && with_json && i < n; i++)
        rc = ek_checklist_result_write_json(rs[i], &js[i]);
    Py_END_ALLOW_THREADS
    if (rc != EK_OK) {
        result = Py_BuildValue("(iO)", rc, Py_None);
        goto out;
    }
    {
        PyObject *all = PyList_New(n);
        if (all == NULL)
            goto out;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *t = ek__py_case_results(rs[i], js[i]);
            if (t == NULL) {
                Py_DECREF(all);
                goto out;
            }
            PyList_SET_ITEM(all, i, t);
        }
        result = Py_BuildValue("(iN)", EK_OK, all);
    }
out:
    for (Py_ssize_t i = 0; rs != NULL && i < n; i++) {
        ek_checklist_result_free(rs[i]);
        if (js != NULL)
            ek_free(js[i]);
    }
    PyMem_Free(cs);
    PyMem_Free(rs);
    PyMem_Free(js);
    Py_DECREF(seq);
    return result;
}
%}

%ignore ek_sample_group;
%inline %{
/* ek_sample_group as a Python str (or NULL with an exception set). */
PyObject *ek_py_sample_group(const ek_case *c, const char *period)
{
    const char *u = ek_case_unit(c);
    size_t size = (u ? strlen(u) : 0) + 32;
    char *buf = PyMem_Malloc(size);
    if (!buf)
        return PyErr_NoMemory();
    PyObject *r = NULL;
    if (ek_sample_group(c, period, buf, size) == EK_OK)
        r = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)strlen(buf), "surrogateescape");
    else
        PyErr_SetString(PyExc_ValueError, ek_error_last()->message);
    PyMem_Free(buf);
    return r;
}
%}

%ignore ek_sample_period_label;
%inline %{
/* ek_sample_period_label as a Python str (or NULL with an exception set). */
PyObject *ek_py_sample_period_label(ek_date d, const char *period)
{
    char buf[EK_SAMPLE_PERIOD_BUFSIZE];
    if (ek_sample_period_label(d, period, buf, sizeof buf) != EK_OK) {
        PyErr_SetString(PyExc_ValueError, ek_error_last()->message);
        return NULL;
    }
    return PyUnicode_FromString(buf);
}
%}

%nothread ek_py_sample_select;
%inline %{
/* ek_sample_select over Python lists; returns a list of bools (or NULL with an exception set). */
PyObject *ek_py_sample_select(PyObject *ids, PyObject *groups, size_t n, unsigned long long seed)
{
    PyObject *si = PySequence_Fast(ids, "ids must be a sequence of str");
    if (si == NULL)
        return NULL;
    PyObject *sg = NULL;
    if (groups != Py_None) {
        sg = PySequence_Fast(groups, "groups must be a sequence of str or None");
        if (sg == NULL) {
            Py_DECREF(si);
            return NULL;
        }
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(si);
    PyObject *result = NULL;
    const char **ci = PyMem_Calloc((size_t)count + 1, sizeof *ci);
    const char **cg = PyMem_Calloc((size_t)count + 1, sizeof *cg);
    unsigned char *sel = PyMem_Calloc((size_t)count + 1, 1);
    if (ci == NULL || cg == NULL || sel == NULL) {
        PyErr_NoMemory();
        goto out;
    }
    if (sg != NULL && PySequence_Fast_GET_SIZE(sg) != count) {
        PyErr_SetString(PyExc_ValueError, "ids and groups differ in length");
        goto out;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        ci[i] = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(si, i));
        if (ci[i] == NULL)
            goto out;
        if (sg != NULL) {
            cg[i] = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(sg, i));
            if (cg[i] == NULL)
                goto out;
        }
    }
    if (ek_sample_select(ci, sg ? cg : NULL, (size_t)count, n, (uint64_t)seed, sel) != EK_OK) {
        PyErr_SetString(PyExc_MemoryError, ek_error_last()->message);
        goto out;
    }
    result = PyList_New(count);
    for (Py_ssize_t i = 0; result != NULL && i < count; i++)
        PyList_SET_ITEM(result, i, PyBool_FromLong(sel[i]));
out:
    PyMem_Free(ci);
    PyMem_Free(cg);
    PyMem_Free(sel);
    Py_XDECREF(sg);
    Py_DECREF(si);
    return result;
}
%}

%ignore ek_run_record;            /* a struct of borrowed arrays: use ek_py_run_record_write */
%ignore ek_run_record_f1;
%ignore ek_run_record_write_json;
%ignore ek_run_record_write_file;
%nothread ek_py_run_record_write;
%ignore ek__py_strings;           /* a C helper of ek_py_run_record_write, not for Python */
%inline %{
/* The strings of a Python sequence (str only) as a PyMem array; *seq keeps them alive (Py_XDECREF it). */
static const char **ek__py_strings(PyObject *obj, const char *what, PyObject **seq, size_t *n)
{
    *seq = NULL;
    *n = 0;
    if (obj == Py_None)
        return PyMem_Calloc(1, sizeof(const char *));
    *seq = PySequence_Fast(obj, what);
    if (*seq == NULL)
        return NULL;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(*seq);
    const char **v = PyMem_Calloc((size_t)count + 1, sizeof *v);
    if (v == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < count; i++)
        if ((v[i] = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(*seq, i))) == NULL) {
            PyMem_Free(v);
            return NULL;
        }
    *n = (size_t)count;
    return v;
}

/*
 * ek_run_record_write_json / _file from Python values: @texts (reviewer, checklist_file, policy_file,
 * delegation_file, sarah_file, sample_period: str or None), @lists (case_files, answer_files, sample_ids,
 * case_results, actions: sequences of str or None), @nums (made, as_of: ek_date numbers; sample_size,
 * sample_seed, sample_read, audited, rejected).  With @add_f1 the F1 result (ek_run_record_f1) is first
 * added to @agg (when the checklist has F1).  Writes @path, or returns the text when @path is None.
 * Returns (status, text or None, F1 result), or NULL with a Python exception set.
 */
PyObject *ek_py_run_record_write(const ek_checklist *cl, ek_checklist_aggregate *agg, PyObject *texts,
                                 PyObject *lists, PyObject *nums, int add_f1, PyObject *path)
{
    const char *t[6] = { NULL };
    PyObject *seqs[5] = { NULL };
    const char **arr[5] = { NULL };
    size_t cnt[5] = { 0 };
    long long num[7] = { 0 };
    PyObject *result = NULL;
    if (!PyTuple_Check(texts) || PyTuple_GET_SIZE(texts) != 6 || !PyTuple_Check(lists) ||
        PyTuple_GET_SIZE(lists) != 5 || !PyTuple_Check(nums) || PyTuple_GET_SIZE(nums) != 7) {
        PyErr_SetString(PyExc_TypeError, "ek_py_run_record_write: texts (6), lists (5), nums (7) tuples expected");
        return NULL;
    }
    for (int i = 0; i < 6; i++) {
        PyObject *o = PyTuple_GET_ITEM(texts, i);
        if (o != Py_None && (t[i] = PyUnicode_AsUTF8(o)) == NULL)
            return NULL;
    }
    for (int i = 0; i < 7; i++) {
        num[i] = PyLong_AsLongLong(PyTuple_GET_ITEM(nums, i));
        if (num[i] == -1 && PyErr_Occurred())
            return NULL;
        if (i >= 2 && num[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "counts and the seed must not be negative");
            return NULL;
        }
    }
    for (int i = 0; i < 5; i++)
        if ((arr[i] = ek__py_strings(PyTuple_GET_ITEM(lists, i), "a sequence of str expected", &seqs[i], &cnt[i])) == NULL)
            goto out;
    const char *p = NULL;
    if (path != Py_None && (p = PyUnicode_AsUTF8(path)) == NULL)
        goto out;
    {
        ek_run_record r = EK_RUN_RECORD_INIT;
        r.reviewer = t[0];
        r.checklist_file = t[1];
        r.policy_file = t[2];
        r.delegation_file = t[3];
        r.sarah_file = t[4];
        r.sample_period = t[5];
        r.case_files = arr[0];
        r.case_file_count = cnt[0];
        r.answer_files = arr[1];
        r.answer_file_count = cnt[1];
        r.sample_ids = arr[2];
        r.sample_id_count = cnt[2];
        r.case_results = arr[3];
        r.case_result_count = cnt[3];
        r.actions = arr[4];
        r.action_count = cnt[4];
        r.made = (ek_date)num[0];
        r.as_of = (ek_date)num[1];
        r.sample_size = (size_t)num[2];
        r.sample_seed = (uint64_t)num[3];
        r.sample_read = (size_t)num[4];
        r.audited = (size_t)num[5];
        r.rejected = (size_t)num[6];
        r.checklist = cl;
        r.aggregate = agg;
        ek_result f1 = ek_run_record_f1(&r);
        size_t k;
        int rc = EK_OK;
        if (add_f1 && cl && agg && ek_checklist_find(cl, "F1", &k) == EK_OK)
            rc = ek_checklist_aggregate_add_result(agg, "F1", NULL, NULL, f1, 0);
        char *text = NULL;
        if (rc == EK_OK)
            rc = p ? ek_run_record_write_file(&r, p) : ek_run_record_write_json(&r, &text);
        PyObject *txt = text ? PyUnicode_FromString(text) : (Py_INCREF(Py_None), Py_None);
        ek_free(text);
        if (txt)
            result = Py_BuildValue("(iNi)", rc, txt, (int)f1);
    }
out:
    for (int i = 0; i < 5; i++) {
        PyMem_Free((void *)arr[i]);
        Py_XDECREF(seqs[i]);
    }
    return result;
}
%}

%ignore ek_truth_all;          /* arrays: Python has all()/any() over its own values */
%ignore ek_truth_any;
%ignore ek_sample_select;      /* arrays: use ek_py_sample_select */
%ignore ek_checklist_evaluate_obligations;  /* obligation arrays: use ek_checklist_evaluate */
%ignore ek_checklist_evaluate_obligations_answers;
%ignore ek_checklist_evaluate_cases;        /* pointer arrays: use ek_py_check_many */
%ignore ek_checklist_aggregate_add_sarah;   /* the lex Sarah result handle lives in sarah.i */
%ignore ek_item_info;
%ignore ek_item_basis;
%ignore ek_item_result;
%ignore ek_evidence;
%ignore ek_item_counts;
%ignore ek_checklist_item_basis_on;
%apply double *OUTPUT { double *low, double *high };
%immutable;
%include <egenkontroll/checklist.h>
%mutable;
%clear double *low, double *high;

/* From io.h, section "checklists and delegation orders". */
/* (const char *text, size_t len): a Python str or bytes (as in case.i). */
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
%typemap(in, numinputs=0) char **ek_json (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **ek_json { $result = SWIG_Python_AppendOutput($result, ek__py_str_or_none(*$1)); }
%typemap(freearg) char **ek_json { ek_free(*$1); }
int ek_checklist_load_json(ek_checklist **out, const char *path);
int ek_checklist_load_json_string(ek_checklist **out, const char *text, size_t len, const char *name);
int ek_delegation_load_json(ek_delegation **out, const char *path);
int ek_delegation_load_json_string(ek_delegation **out, const char *text, size_t len, const char *name);
int ek_checklist_result_write_json(const ek_checklist_result *res, char **ek_json);
int ek_checklist_aggregate_write_json(const ek_checklist_aggregate *agg, const ek_checklist *cl, char **ek_json);
%clear char **ek_json;
%clear (const char *text, size_t len);

%clear size_t *index;
%clear size_t *k;
%clear int *allowed;
%clear const char **unit, const char **period, const char **type, const char **role;
%clear size_t *role_count;
%clear ek_truth *out;
%clear ek_item_info *out;
%clear ek_item_basis *out;
%clear ek_item_result *out;
%clear ek_evidence *out;
%clear ek_item_counts *out;
