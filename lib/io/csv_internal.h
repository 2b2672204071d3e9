/* SPDX-License-Identifier: MIT */
/*
 * CSV text in a growing buffer, in one of the dialects of ::ek_csv_dialect
 * (csv.c): the report's long CSV (report_csv.c) and the flat obligation
 * table of evaluations (rules_csv.c) are both written with it.
 */
#ifndef EK_CSV_INTERNAL_H
#define EK_CSV_INTERNAL_H

#include <stddef.h>

#include <egenkontroll/common.h>

typedef struct ek__csv {
    char *p;
    size_t len, cap;
    int failed;              /* out of memory: every later call is a no-op */
    ek_csv_dialect dialect;
    int fields;              /* fields written on the current line */
    ek_write_fn sink;        /* when set: whole lines handed over once EK__CSV_PIECE bytes are held */
    void *user;
    int refused;             /* the sink's non-zero answer: every later call is a no-op */
} ek__csv;

/* About how many bytes a sink receives at a time (whole lines). */
#define EK__CSV_PIECE 65536

/* Start @b (empty) in @dialect; EK_EINVAL for an unknown dialect. */
int ek__csv_init(ek__csv *b, ek_csv_dialect dialect);
/* Start @b on a caller's growable buffer (append after @len bytes); take it back from b->p, b->len, b->cap. */
int ek__csv_attach(ek__csv *b, ek_csv_dialect dialect, char *buf, size_t len, size_t cap);
/* The byte order mark of excel-sv (nothing in rfc4180): first in a file. */
void ek__csv_bom(ek__csv *b);
/* A text field, made safe first (ek_text_safe(), EK_TEXT_CELL: no formula, no control character, no
 * personal identity number), then quoted when it holds the separator or a quote. */
void ek__csv_text(ek__csv *b, const char *s);
/* @n bytes of text the library itself owns (rule, status and flag names, legal bases, certainties,
 * ISO dates) that ek_text_safe() leaves as they are: written without it (issue 15: the evaluation
 * table; tests/test_jbuf_eval.c checks every such string), quoted only when they hold the
 * separator or a quote. */
void ek__csv_own(ek__csv *b, const char *s, size_t n);
/* The @n bytes at @from in the buffer again, @fields fields that begin a line there (none written
 * on the current line yet): a case's id and unit on each of its lines, made safe once.  Not with
 * a sink (what was written may have been handed over). */
void ek__csv_repeat(ek__csv *b, size_t from, size_t n, int fields);
/* A whole number. */
void ek__csv_size(ek__csv *b, size_t v);
void ek__csv_long(ek__csv *b, long v);
/* A decimal (%.6g; decimal comma in excel-sv), or an empty field when !has. */
void ek__csv_real(ek__csv *b, int has, double v);
/* End the line (CRLF). */
void ek__csv_end(ek__csv *b);
/* Hand over the text (*out, owned, free with ek_free()), or free it and return EK_ENOMEM. */
int ek__csv_finish(ek__csv *b, char **out);
/* With b->sink set: hand the rest to the sink and free the buffer; EK_ENOMEM, EK_EIO (the sink
 * refused a piece: b->refused holds its answer; no last error is set, the caller says what failed)
 * or EK_OK. */
int ek__csv_finish_sink(ek__csv *b);
/* Free the buffer (on an error path). */
void ek__csv_discard(ek__csv *b);

#endif
