/* report.h: the egenkontroll report.
 *
 * The Python layer (egenkontroll.report) builds a report from files or Case
 * objects, finishes it and reads it back as the JSON document of
 * ek_report_write_json() (egenkontroll/report-1), which it parses; the
 * per-figure query functions of report.h are not wrapped.
 *   ek_report_new            -> (status, report)
 *   ek_report_read_cases     -> (status, rejected)   (likewise ek_report_read_sarah)
 *   ek_report_add_case       -> (status, included)
 *   ek_report_write_json/csv -> (status, str); the C buffer is freed here.
 *   ek_report_write_json_file -> status (the document written in pieces: a
 *                                large report never is one Python str).
 * ek_report_write_json_sink() and ek_report_write_csv_sink() take a C callback and are not wrapped.
 * Every typemap here is cleared at the end: they belong to this fragment only. */
EK_OUT_OBJECT(ek_report)

%typemap(in, numinputs=0) size_t *rejected (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *rejected { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1)); }
%typemap(in, numinputs=0) int *included (int tmp = 0) { $1 = &tmp; }
%typemap(argout) int *included { $result = SWIG_Python_AppendOutput($result, PyBool_FromLong(*$1)); }
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

typedef struct ek_report ek_report;
int ek_report_new(ek_report **out, const ek_context *ctx, ek_date as_of);
void ek_report_free(ek_report *r);
int ek_report_set_period(ek_report *r, ek_date from, ek_date to);
int ek_report_set_sample(ek_report *r, size_t n, uint64_t seed);
int ek_report_set_sample_period(ek_report *r, const char *period);
int ek_report_set_checklist(ek_report *r, const ek_checklist *cl);
int ek_report_set_delegation(ek_report *r, const ek_delegation *d);
int ek_report_set_answers(ek_report *r, ek_answers *a);
int ek_report_add_case(ek_report *r, const ek_case *c, int *included);
int ek_report_add_sarah(ek_report *r, const ek_sarah_record *rec, int *included);
int ek_report_read_cases(ek_report *r, const char *path, size_t *rejected);
int ek_report_read_sarah(ek_report *r, const char *path, size_t *rejected);
int ek_report_finish(ek_report *r);
int ek_report_write_json(const ek_report *r, char **out);
int ek_report_write_csv(const ek_report *r, char **out);
int ek_report_write_json_file(const ek_report *r, const char *path);

%clear size_t *rejected;
%clear int *included;
%clear char **out;
