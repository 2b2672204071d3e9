/* rules.h: the temporal rulebook and deadline evaluation (bevakning).
 *
 * Views come back as tuples (the Python layer, egenkontroll.rules, makes
 * dataclasses of them):
 *   ek_rulebook_rule          -> (status, (id, name, title, description, kind, start_events,
 *                                           completion_events, extension, extension_text, version_count))
 *   ek_rulebook_rule_version  -> (status, (valid_from, valid_to, has_limit, (n, unit), (n, unit),
 *                                           policy_param, basis, certainty, note))
 *   ek_py_evaluation_rows(ev) -> list of obligation tuples (see EK__PY_OBLIGATION below)
 *   ek_py_evaluate_many(ctx, rb, [case, …], as_of, threads, order)
 *                             -> list (one per case) of lists of obligation tuples; runs
 *                                ek_evaluate_cases() (and ek_evaluation_sort() unless order
 *                                is EK_ORDER_RULE) with the GIL released.
 *   ek_evaluation_write_json(ev) -> (status, str)
 *   ek_evaluation_error_write_json(id or None, message) -> (status, str)
 *   ek_py_evaluate_file(ctx, rb, path, as_of, jobs) -> (status, case_ids, errors, columns): a whole
 *                                file read and evaluated in C on up to jobs threads
 *                                (ek_evaluate_stream()), GIL released (issues 15, 19)
 * Dates are int (EK_DATE_NONE for none); event indices None when absent.
 */
EK_OUT_OBJECT(ek_evaluation)

%typemap(in, numinputs=0) size_t *index (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *index { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }

%typemap(in, numinputs=0) ek_rule_info *out (ek_rule_info tmp) {
    ek_rule_info init = EK_RULE_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_rule_info *out {
    PyObject *t = Py_BuildValue("(iNNNiNNiNn)", (int)$1->id, ek__py_str_or_none($1->name),
                                ek__py_str_or_none($1->title), ek__py_str_or_none($1->description), (int)$1->kind,
                                ek__py_str_or_none($1->start_events), ek__py_str_or_none($1->completion_events),
                                (int)$1->extension, ek__py_str_or_none($1->extension_text),
                                (Py_ssize_t)$1->version_count);
    $result = SWIG_Python_AppendOutput($result, t);
}

%typemap(in, numinputs=0) ek_rule_version_info *out (ek_rule_version_info tmp) {
    ek_rule_version_info init = EK_RULE_VERSION_INFO_INIT; tmp = init; $1 = &tmp;
}
%typemap(argout) ek_rule_version_info *out {
    PyObject *t = Py_BuildValue("(LLi(ii)(ii)NNNN)", (long long)$1->valid_from, (long long)$1->valid_to,
                                $1->has_limit, (int)$1->period.n, (int)$1->period.unit, (int)$1->repeat.n,
                                (int)$1->repeat.unit, ek__py_str_or_none($1->policy_param),
                                ek__py_str_or_none($1->basis), ek__py_str_or_none($1->certainty),
                                ek__py_str_or_none($1->note));
    $result = SWIG_Python_AppendOutput($result, t);
}

%{
static PyObject *ek__py_index(size_t i)
{
    if (i == EK_NO_EVENT)
        Py_RETURN_NONE;
    return PyLong_FromSize_t(i);
}

/* One obligation as a tuple:
 * (rule_id, rule_name, sequence, status, flags, start, nominal, legal, judged, done, original_nominal,
 *  start_event, done_event, extension_event, basis, certainty, version_from, version_to, message,
 *  (period_n, period_unit), period_kind, policy_param) */
static PyObject *ek__py_obligation(const ek_obligation *o)
{
    return Py_BuildValue("(iNIiILLLLLLNNNNNLLN(ii)iN)", (int)o->rule, ek__py_str_or_none(o->rule_name), o->sequence,
                         (int)o->status, o->flags, (long long)o->start, (long long)o->nominal, (long long)o->legal,
                         (long long)o->judged, (long long)o->done, (long long)o->original_nominal,
                         ek__py_index(o->start_event), ek__py_index(o->done_event),
                         ek__py_index(o->extension_event), ek__py_str_or_none(o->basis),
                         ek__py_str_or_none(o->certainty), (long long)o->version_from, (long long)o->version_to,
                         ek__py_str_or_none(o->message), (int)o->period.n, (int)o->period.unit, (int)o->period_kind,
                         ek__py_str_or_none(o->policy_param));
}

static PyObject *ek__py_rows(const ek_evaluation *ev)
{
    size_t n = ek_evaluation_count(ev);
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (list == NULL)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        PyObject *t = ek__py_obligation(ek_evaluation_at(ev, k));
        if (t == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)k, t);
    }
    return list;
}
%}

/* ek_evaluate_annual: the obligation as a tuple. */
%typemap(in, numinputs=0) ek_obligation *out (ek_obligation tmp) { memset(&tmp, 0, sizeof tmp); $1 = &tmp; }
%typemap(argout) ek_obligation *out { $result = SWIG_Python_AppendOutput($result, ek__py_obligation($1)); }

%nothread ek_py_evaluation_rows;
%nothread ek_py_evaluate_many;
%inline %{
/* The obligations of @ev as a list of tuples. */
PyObject *ek_py_evaluation_rows(const ek_evaluation *ev)
{
    if (ev == NULL) {
        PyErr_SetString(PyExc_ValueError, "evaluation is NULL");
        return NULL;
    }
    return ek__py_rows(ev);
}

/* Evaluate a list of cases with ek_evaluate_cases() (GIL released); returns (status, rows). */
PyObject *ek_py_evaluate_many(const ek_context *ctx, const ek_rulebook *rb, PyObject *cases, long long as_of,
                              unsigned int threads, int order)
{
    PyObject *seq = PySequence_Fast(cases, "cases must be a sequence of case handles");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    const ek_case **cs = PyMem_Calloc((size_t)n + 1, sizeof *cs);
    ek_evaluation **evs = PyMem_Calloc((size_t)n + 1, sizeof *evs);
    int *st = PyMem_Calloc((size_t)n + 1, sizeof *st);
    PyObject *result = NULL;
    int rc = EK_OK;
    if (cs == NULL || evs == NULL || st == NULL) {
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
        if (ek_evaluation_new(&evs[i]) != EK_OK) {
            PyErr_NoMemory();
            goto out;
        }
    }
    Py_BEGIN_ALLOW_THREADS
    rc = ek_evaluate_cases(ctx, rb, cs, (size_t)n, (ek_date)as_of, evs, st, threads);
    for (Py_ssize_t i = 0; rc == EK_OK && order != EK_ORDER_RULE && i < n; i++)
        rc = ek_evaluation_sort(evs[i], (ek_evaluation_order)order);
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
            PyObject *rows = ek__py_rows(evs[i]);
            if (rows == NULL) {
                Py_DECREF(all);
                goto out;
            }
            PyList_SET_ITEM(all, i, rows);
        }
        result = Py_BuildValue("(iN)", EK_OK, all);
    }
out:
    for (Py_ssize_t i = 0; evs != NULL && i < n; i++)
        ek_evaluation_free(evs[i]);
    PyMem_Free(cs);
    PyMem_Free(evs);
    PyMem_Free(st);
    Py_DECREF(seq);
    return result;
}
%}

/* ---- a whole file, read and evaluated in C (issue 15) ---------------------------------------- */
%{
/* Growable column of fixed-size items (PyMem_Raw*: usable without the GIL). */
typedef struct ek__py_col {
    char *p;
    size_t n, cap, size;
} ek__py_col;

static int ek__py_col_push(ek__py_col *c, const void *item)
{
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 4096;
        char *np = PyMem_RawRealloc(c->p, ncap * c->size);
        if (np == NULL)
            return EK_ENOMEM;
        c->p = np;
        c->cap = ncap;
    }
    memcpy(c->p + c->n * c->size, item, c->size);
    c->n++;
    return EK_OK;
}

static int ek__py_col_append(ek__py_col *c, const void *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int rc = ek__py_col_push(c, (const char *)items + i * c->size);
        if (rc != EK_OK)
            return rc;
    }
    return EK_OK;
}

enum { EK__COL_CASE, EK__COL_RULE, EK__COL_STATUS, EK__COL_FLAGS, EK__COL_SEQ, EK__COL_START, EK__COL_NOMINAL,
       EK__COL_LEGAL, EK__COL_JUDGED, EK__COL_DONE, EK__NCOLS };
%}

%nothread ek_py_evaluate_file;
%{
/* ek_py_evaluate_file's result callback (the calling thread, in input order, GIL released). */
typedef struct ek__py_file {
    ek__py_col col[EK__NCOLS], ids, errs;
    int32_t ncases;
} ek__py_file;

static int ek__py_file_result(void *user, const ek_stream_result *r)
{
    ek__py_file *F = user;
    int rc = EK_OK;
    if (r->stage == EK_STREAM_READ)
        return ek__py_col_push(&F->errs, r->error) != EK_OK ? EK_ENOMEM : 0;
    const char *id = ek_case_id(r->c);
    rc = ek__py_col_append(&F->ids, id, strlen(id) + 1);
    if (rc == EK_OK && r->status != EK_OK)
        rc = r->status; /* not evaluated: as ek_evaluate_case's failure before */
    size_t m = rc == EK_OK ? ek_evaluation_count(r->ev) : 0;
    for (size_t k = 0; k < m && rc == EK_OK; k++) {
        const ek_obligation *o = ek_evaluation_at(r->ev, k);
        int16_t rule = (int16_t)o->rule;
        int8_t status = (int8_t)o->status;
        uint32_t flags = o->flags, seq = o->sequence;
        int64_t d[5] = { o->start, o->nominal, o->legal, o->judged, o->done };
        rc = ek__py_col_push(&F->col[EK__COL_CASE], &F->ncases);
        if (rc == EK_OK) rc = ek__py_col_push(&F->col[EK__COL_RULE], &rule);
        if (rc == EK_OK) rc = ek__py_col_push(&F->col[EK__COL_STATUS], &status);
        if (rc == EK_OK) rc = ek__py_col_push(&F->col[EK__COL_FLAGS], &flags);
        if (rc == EK_OK) rc = ek__py_col_push(&F->col[EK__COL_SEQ], &seq);
        for (int j = 0; j < 5 && rc == EK_OK; j++)
            rc = ek__py_col_push(&F->col[EK__COL_START + j], &d[j]);
    }
    F->ncases++;
    return rc == EK_OK ? 0 : rc; /* a library status (negative) stops and is returned */
}
%}
%inline %{
/*
 * Read the case-1 file @path and evaluate every case at @as_of on up to @jobs threads
 * (ek_evaluate_stream()), all in C with the GIL released; no Python object per event or
 * obligation.  Returns (status, case_ids, errors, columns): case_ids a list of str (one per case
 * read), errors a list of (message, status, source, line, column, case_id, field, language) for the lines
 * that could not be read, columns a tuple of bytes: case index (int32), rule id (int16), status
 * (int8), flags (uint32), sequence (uint32), and start, nominal, legal, judged, done (int64 day
 * numbers, EK_DATE_NONE for none), one item per obligation.  status is EK_OK, or EK_EIO /
 * EK_ENOMEM / the status of a case that could not be evaluated (then the rest is None).
 */
PyObject *ek_py_evaluate_file(const ek_context *ctx, const ek_rulebook *rb, const char *path, long long as_of,
                              unsigned int jobs)
{
    static const size_t sizes[EK__NCOLS] = { 4, 2, 1, 4, 4, 8, 8, 8, 8, 8 };
    ek__py_file F;
    memset(&F, 0, sizeof F);
    F.ids.size = 1;
    F.errs.size = sizeof(ek_error);
    for (int k = 0; k < EK__NCOLS; k++)
        F.col[k].size = sizes[k];
    ek_case_reader *rd = NULL;
    int rc = EK_OK;
    PyObject *result = NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = ek_case_reader_open(&rd, path);
    if (rc == EK_OK) {
        ek_evaluate_stream_options opt = EK_EVALUATE_STREAM_OPTIONS_INIT;
        opt.as_of = (ek_date)as_of;
        opt.jobs = jobs;
        opt.rulebook = rb;
        rc = ek_evaluate_stream(ctx, rd, &opt, ek__py_file_result, &F);
    }
    Py_END_ALLOW_THREADS
    if (rc != EK_OK) {
        result = Py_BuildValue("(iOOO)", rc, Py_None, Py_None, Py_None);
        goto out;
    }
    {
        PyObject *pids = PyList_New(F.ncases), *perrs = PyList_New((Py_ssize_t)F.errs.n),
                 *pcols = PyTuple_New(EK__NCOLS);
        if (pids == NULL || perrs == NULL || pcols == NULL) {
            Py_XDECREF(pids);
            Py_XDECREF(perrs);
            Py_XDECREF(pcols);
            goto out;
        }
        const char *s = F.ids.p;
        for (int32_t i = 0; i < F.ncases; i++) {
            size_t l = strlen(s);
            PyObject *o = PyUnicode_DecodeUTF8(s, (Py_ssize_t)l, "replace");
            if (o == NULL)
                goto fail;
            PyList_SET_ITEM(pids, i, o);
            s += l + 1;
        }
        for (size_t i = 0; i < F.errs.n; i++) {
            const ek_error *e = (const ek_error *)(F.errs.p + i * F.errs.size);
            PyObject *t = Py_BuildValue("(NiNkkNNN)", ek__py_str_or_none(e->message), e->status,
                                        ek__py_str_or_none(e->source), e->line, e->column,
                                        ek__py_str_or_none(e->record_id), ek__py_str_or_none(e->field),
                                        ek__py_str_or_none(e->language));
            if (t == NULL)
                goto fail;
            PyList_SET_ITEM(perrs, (Py_ssize_t)i, t);
        }
        for (int k = 0; k < EK__NCOLS; k++) {
            PyObject *b = PyBytes_FromStringAndSize(F.col[k].p ? F.col[k].p : "",
                                                    (Py_ssize_t)(F.col[k].n * F.col[k].size));
            if (b == NULL)
                goto fail;
            PyTuple_SET_ITEM(pcols, k, b);
        }
        result = Py_BuildValue("(iNNN)", EK_OK, pids, perrs, pcols);
        goto out;
    fail:
        Py_DECREF(pids);
        Py_DECREF(perrs);
        Py_DECREF(pcols);
    }
out:
    ek_case_reader_free(rd);
    for (int k = 0; k < EK__NCOLS; k++)
        PyMem_RawFree(F.col[k].p);
    PyMem_RawFree(F.ids.p);
    PyMem_RawFree(F.errs.p);
    return result;
}
%}

%ignore ek_evaluation_at;       /* borrowed struct: use ek_py_evaluation_rows */
%ignore ek_evaluate_cases;      /* pointer arrays: use ek_py_evaluate_many */
%ignore ek_obligation_status_from_name;   /* the Python layer maps names itself */
%ignore ek_obligation;
%ignore ek_rule_info;
%ignore ek_rule_version_info;
%immutable;
%include <egenkontroll/rules.h>
%mutable;

/* From io.h, section "deadline evaluations": the JSON line as str (the C buffer freed here). */
%typemap(in, numinputs=0) char **json_out (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **json_out { $result = SWIG_Python_AppendOutput($result, ek__py_str_or_none(*$1)); }
%typemap(freearg) char **json_out { ek_free(*$1); }
int ek_evaluation_write_json(const ek_evaluation *ev, char **json_out);
int ek_evaluation_error_write_json(const char *id, const char *message, char **json_out);
%clear char **json_out;

%clear size_t *index;
%clear ek_rule_info *out;
%clear ek_rule_version_info *out;
%clear ek_obligation *out;

/* Explanations and what-if (issue 14), with the GIL held (short calls). */
%nothread ek_py_evaluation_explained_json;
%nothread ek_py_evaluation_compare;
%inline %{
/* The evaluation with every obligation's "explain" object, as the JSON line of evaluate --explain. */
PyObject *ek_py_evaluation_explained_json(const ek_context *ctx, const ek_case *c, const ek_evaluation *ev)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = ek_evaluation_append_json_explained(ctx, c, ev, &buf, &len, &cap);
    PyObject *r = rc == EK_OK ? Py_BuildValue("(is#)", rc, buf, (Py_ssize_t)len) : Py_BuildValue("(iO)", rc, Py_None);
    ek_free(buf);
    return r;
}

/* ek_evaluation_compare() as a list of (index in a or None, index in b or None). */
PyObject *ek_py_evaluation_compare(const ek_evaluation *a, const ek_evaluation *b)
{
    size_t n = 0;
    int rc = ek_evaluation_compare(a, b, NULL, 0, &n);
    ek_obligation_change *ch = NULL;
    if (rc == EK_OK && n > 0) {
        ch = PyMem_Malloc(n * sizeof *ch);
        if (ch == NULL)
            return PyErr_NoMemory();
        rc = ek_evaluation_compare(a, b, ch, n, &n);
    }
    PyObject *list = rc == EK_OK ? PyList_New(0) : NULL;
    for (size_t k = 0; list != NULL && k < n; k++) {
        PyObject *ia = Py_None, *ib = Py_None;
        for (size_t i = 0; ch[k].before && i < ek_evaluation_count(a); i++)
            if (ek_evaluation_at(a, i) == ch[k].before) { ia = PyLong_FromSize_t(i); break; }
        for (size_t j = 0; ch[k].after && j < ek_evaluation_count(b); j++)
            if (ek_evaluation_at(b, j) == ch[k].after) { ib = PyLong_FromSize_t(j); break; }
        if (ia == Py_None) Py_INCREF(Py_None);
        if (ib == Py_None) Py_INCREF(Py_None);
        PyObject *t = Py_BuildValue("(NN)", ia, ib);
        if (t == NULL || PyList_Append(list, t) != 0) {
            Py_XDECREF(t);
            Py_CLEAR(list);
            break;
        }
        Py_DECREF(t);
    }
    PyMem_Free(ch);
    if (rc != EK_OK)
        return Py_BuildValue("(iO)", rc, Py_None);
    if (list == NULL)
        return NULL;
    return Py_BuildValue("(iN)", rc, list);
}
%}
