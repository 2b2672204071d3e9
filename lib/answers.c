/* SPDX-License-Identifier: MIT */
/* Answer sets (answers.h): reviewers' answers kept apart from the case export, and which answer counts. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/answers.h>
#include <egenkontroll/checklist.h>

#include "i18n.h"
#include "answers_internal.h"
#include "buf_internal.h"
#include "internal.h"

#define NO_INDEX ((size_t)-1)

typedef struct arec {
    char *case_id, *item, *comment, *reviewer, *checklist, *checklist_version, *source;
    ek_result result;
    ek_date date;
    unsigned long line;
    size_t visits;
    size_t next;          /* next answer of the same case id, or NO_INDEX */
    unsigned char noted;  /* conflict with the case's own answer already noted */
    unsigned char unknown;/* found unknown by ek_answers_check() */
} arec;

struct ek_answers {
    arec *r;
    size_t n, cap;
    size_t *table;        /* open addressing: case id -> first answer index, NO_INDEX = empty */
    size_t tcap;          /* power of two */
    ek_error *notes;
    size_t nnotes, cap_notes;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

int ek_answers_new(ek_answers **out)
{
    if (!out)
        return ek__error(EK_EINVAL, "ek_answers_new: NULL argument");
    ek_answers *a = ek__calloc(1, sizeof *a);
    if (!a)
        return ek__oom();
    *out = a;
    return EK_OK;
}

static void rec_free(arec *x)
{
    ek__free(x->case_id);
    ek__free(x->item);
    ek__free(x->comment);
    ek__free(x->reviewer);
    ek__free(x->checklist);
    ek__free(x->checklist_version);
    ek__free(x->source);
}

void ek_answers_free(ek_answers *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        rec_free(&a->r[i]);
    ek__free(a->r);
    ek__free(a->table);
    ek__free(a->notes);
    ek__free(a);
}

/* The table slot of case id @p id: its slot, or the empty slot where it would go. */
static size_t slot_of(const ek_answers *a, const char *id)
{
    size_t mask = a->tcap - 1, i = (size_t)hash_str(id) & mask;
    while (a->table[i] != NO_INDEX && strcmp(a->r[a->table[i]].case_id, id) != 0)
        i = (i + 1) & mask;
    return i;
}

/* First answer of case @p id, or NO_INDEX. */
static size_t first_of(const ek_answers *a, const char *id)
{
    if (!a || a->tcap == 0)
        return NO_INDEX;
    return a->table[slot_of(a, id)];
}

static size_t find_rec(const ek_answers *a, const char *id, const char *item)
{
    for (size_t k = first_of(a, id); k != NO_INDEX; k = a->r[k].next)
        if (strcmp(a->r[k].item, item) == 0)
            return k;
    return NO_INDEX;
}

/* Make room for one more case id in the table (load at most 1/2). */
static int table_grow(ek_answers *a, size_t ncases)
{
    if (ncases * 2 < a->tcap)
        return EK_OK;
    size_t cap = a->tcap ? a->tcap * 2 : 64;
    if (cap > ((size_t)-1) / sizeof(size_t) / 2)
        return ek__oom();
    size_t *t = ek__malloc(cap * sizeof *t);
    if (!t)
        return ek__oom();
    for (size_t i = 0; i < cap; i++)
        t[i] = NO_INDEX;
    size_t *old = a->table, oldcap = a->tcap;
    a->table = t;
    a->tcap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i] != NO_INDEX)
            a->table[slot_of(a, a->r[old[i]].case_id)] = old[i];
    ek__free(old);
    return EK_OK;
}

static int same_text(const char *x, const char *y)
{
    if (!x || !*x)
        return !y || !*y;
    return y && strcmp(x, y) == 0;
}

/* Does answer (date db, from the set) count over answer (date da)?  Later date wins; ties and a missing date: db. */
static int second_wins(ek_date da, ek_date db)
{
    return !(da != EK_DATE_NONE && db != EK_DATE_NONE && da > db);
}

/* Record a note (a copy of what ek__error_at formats); the thread's last error is left as it was. */
static int anote(ek_answers *a, int status, const char *source, unsigned long line, const char *id, const char *field,
                const char *fmt, ...) EK_PRINTF(7, 8);
static int anote(ek_answers *a, int status, const char *source, unsigned long line, const char *id, const char *field,
                const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    va_end(ap);
    ek_error saved = *ek__error_slot();
    ek__error_at(status, source, line, 0, id, field, "%s", msg);
    ek_error e = *ek__error_slot();
    *ek__error_slot() = saved;
    return ek__answers_note_error(a, &e);
}

static char *dup_opt(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *p = ek__strdup(s);
    if (!p)
        *oom = 1;
    return p;
}

static void date_text(ek_date d, char *buf)
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        snprintf(buf, EK_DATE_BUFSIZE, "%s", _("no date"));
}

int ek_answers_add(ek_answers *a, const ek_answer_record *rec)
{
    if (!a || !rec)
        return ek__error(EK_EINVAL, "ek_answers_add: NULL argument");
    if (rec->version != EK_ANSWER_RECORD_VERSION)
        return ek__error(EK_EVERSION, "ek_answers_add: struct version %u unknown (expected %u)", rec->version,
                         (unsigned)EK_ANSWER_RECORD_VERSION);
    if (!rec->case_id || !*rec->case_id)
        return ek__error_at(EK_EINVAL, rec->source, rec->line, 0, NULL, "id", "an answer needs a case id");
    if (!rec->item || !*rec->item)
        return ek__error_at(EK_EINVAL, rec->source, rec->line, 0, rec->case_id, "item", "an answer needs an item");
    if (rec->result != EK_RESULT_PASS && rec->result != EK_RESULT_FAIL && rec->result != EK_RESULT_NOTAPPLICABLE)
        return ek__error_at(EK_EINVAL, rec->source, rec->line, 0, rec->case_id, "result",
                            "an answer's result must be pass, fail or notapplicable, not %s",
                            ek_result_name(rec->result));
    if (rec->date != EK_DATE_NONE && (rec->date < EK_DATE_MIN || rec->date > EK_DATE_MAX))
        return ek__error_at(EK_ERANGE, rec->source, rec->line, 0, rec->case_id, "date",
                            "the answer's date is outside the supported range");
    size_t k = find_rec(a, rec->case_id, rec->item);
    if (k != NO_INDEX) {
        arec *old = &a->r[k];
        int wins = second_wins(old->date, rec->date);
        if (old->result != rec->result || !same_text(old->comment, rec->comment)) {
            char d1[EK_DATE_BUFSIZE], d2[EK_DATE_BUFSIZE];
            date_text(old->date, d1);
            date_text(rec->date, d2);
            int rc = anote(a, EK_ECONFLICT, rec->source, rec->line, rec->case_id, "result",
                          "conflicting answers for %s of case %s: %s (%s, %s:%lu) and %s (%s); the %s one counts",
                          rec->item, rec->case_id, ek_result_name(old->result), d1,
                          old->source ? old->source : "?", old->line, ek_result_name(rec->result), d2,
                          wins ? _("later") : _("earlier"));
            if (rc)
                return rc;
        }
        if (!wins)
            return EK_OK;
        int oom = 0;
        arec x = *old;
        x.comment = dup_opt(rec->comment, &oom);
        x.reviewer = dup_opt(rec->reviewer, &oom);
        x.checklist = dup_opt(rec->checklist, &oom);
        x.checklist_version = dup_opt(rec->checklist_version, &oom);
        x.source = dup_opt(rec->source, &oom);
        if (oom) {
            ek__free(x.comment);
            ek__free(x.reviewer);
            ek__free(x.checklist);
            ek__free(x.checklist_version);
            ek__free(x.source);
            return ek__oom();
        }
        ek__free(old->comment);
        ek__free(old->reviewer);
        ek__free(old->checklist);
        ek__free(old->checklist_version);
        ek__free(old->source);
        x.result = rec->result;
        x.date = rec->date;
        x.line = rec->line;
        x.noted = 0;
        *old = x;
        return EK_OK;
    }
    size_t first = first_of(a, rec->case_id);
    if (first == NO_INDEX) {
        size_t ncases = 0;
        for (size_t i = 0; i < a->tcap; i++)
            ncases += a->table[i] != NO_INDEX;
        int rc = table_grow(a, ncases + 1);
        if (rc)
            return rc;
    }
    int rc = EK__VEC_RESERVE(a->r, a->cap, a->n + 1, 32);
    if (rc)
        return rc;
    arec x;
    memset(&x, 0, sizeof x);
    int oom = 0;
    x.case_id = dup_opt(rec->case_id, &oom);
    x.item = dup_opt(rec->item, &oom);
    x.comment = dup_opt(rec->comment, &oom);
    x.reviewer = dup_opt(rec->reviewer, &oom);
    x.checklist = dup_opt(rec->checklist, &oom);
    x.checklist_version = dup_opt(rec->checklist_version, &oom);
    x.source = dup_opt(rec->source, &oom);
    if (oom) {
        rec_free(&x);
        return ek__oom();
    }
    x.result = rec->result;
    x.date = rec->date;
    x.line = rec->line;
    x.next = NO_INDEX;
    a->r[a->n] = x;
    /* Append to the case's chain (answers keep their order per case). */
    if (first == NO_INDEX)
        a->table[slot_of(a, x.case_id)] = a->n;
    else {
        size_t k2 = first;
        while (a->r[k2].next != NO_INDEX)
            k2 = a->r[k2].next;
        a->r[k2].next = a->n;
    }
    a->n++;
    return EK_OK;
}

size_t ek_answers_count(const ek_answers *a)
{
    return a ? a->n : 0;
}

int ek_answers_get(const ek_answers *a, size_t k, ek_answer_record *out)
{
    if (!a || !out)
        return ek__error(EK_EINVAL, "ek_answers_get: NULL argument");
    if (out->version != EK_ANSWER_RECORD_VERSION)
        return ek__error(EK_EVERSION, "ek_answers_get: struct version %u unknown (expected %u)", out->version,
                         (unsigned)EK_ANSWER_RECORD_VERSION);
    if (k >= a->n)
        return ek__error(EK_ERANGE, "ek_answers_get: index %zu out of range (%zu answers)", k, a->n);
    const arec *x = &a->r[k];
    out->case_id = x->case_id;
    out->item = x->item;
    out->result = x->result;
    out->comment = x->comment;
    out->reviewer = x->reviewer;
    out->date = x->date;
    out->checklist = x->checklist;
    out->checklist_version = x->checklist_version;
    out->source = x->source;
    out->line = x->line;
    out->visits = x->visits;
    return EK_OK;
}

int ek_answers_find(const ek_answers *a, const ek_case *c, const char *item, ek_answer_info *out)
{
    if (!c || !item || !out)
        return ek__error(EK_EINVAL, "ek_answers_find: NULL argument");
    if (out->version != EK_ANSWER_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_answers_find: struct version %u unknown (expected %u)", out->version,
                         (unsigned)EK_ANSWER_INFO_VERSION);
    ek_answer_info own = EK_ANSWER_INFO_INIT;
    int has_own = ek_case_find_answer(c, item, &own) == EK_OK;
    size_t k = a ? find_rec(a, ek_case_id(c), item) : NO_INDEX;
    if (k != NO_INDEX && (!has_own || second_wins(own.date, a->r[k].date))) {
        const arec *x = &a->r[k];
        out->item = x->item;
        out->result = x->result;
        out->reviewer = x->reviewer;
        out->date = x->date;
        out->comment = x->comment;
        return EK_OK;
    }
    if (!has_own)
        return EK_ENOTFOUND;
    *out = own;
    return EK_OK;
}

int ek_answers_visit(ek_answers *a, const ek_case *c, size_t *answers)
{
    if (answers)
        *answers = 0;
    if (!a || !c)
        return ek__error(EK_EINVAL, "ek_answers_visit: NULL argument");
    size_t n = 0;
    for (size_t k = first_of(a, ek_case_id(c)); k != NO_INDEX; k = a->r[k].next) {
        arec *x = &a->r[k];
        n++;
        x->visits++;
        ek_answer_info own = EK_ANSWER_INFO_INIT;
        if (x->noted || ek_case_find_answer(c, x->item, &own) != EK_OK)
            continue;
        if (own.result == x->result && same_text(own.comment, x->comment))
            continue;
        char d1[EK_DATE_BUFSIZE], d2[EK_DATE_BUFSIZE];
        date_text(own.date, d1);
        date_text(x->date, d2);
        int wins = second_wins(own.date, x->date);
        int rc = anote(a, EK_ECONFLICT, x->source, x->line, x->case_id, "result",
                      "the answer for %s of case %s (%s, %s) conflicts with the export's answer (%s, %s); the %s counts",
                      x->item, x->case_id, ek_result_name(x->result), d2, ek_result_name(own.result), d1,
                      wins ? _("answer file's") : _("export's"));
        if (rc)
            return rc;
        x->noted = 1;
    }
    if (answers)
        *answers = n;
    return EK_OK;
}

int ek_answers_check(ek_answers *a, const struct ek_checklist *cl, size_t *unknown)
{
    if (unknown)
        *unknown = 0;
    if (!a)
        return ek__error(EK_EINVAL, "ek_answers_check: NULL argument");
    size_t n = 0;
    for (size_t k = 0; k < a->n; k++) {
        arec *x = &a->r[k];
        if (!x->unknown) {
            size_t idx;
            int rc = EK_OK;
            if (x->visits == 0) {
                rc = anote(a, EK_ENOTFOUND, x->source, x->line, x->case_id, "id",
                          "unknown case id \"%s\": no case read has it (the answer for %s is not used)", x->case_id,
                          x->item);
                x->unknown = 1;
            } else if (cl && ek_checklist_find(cl, x->item, &idx) != EK_OK) {
                rc = anote(a, EK_ENOTFOUND, x->source, x->line, x->case_id, "item",
                          "unknown item \"%s\": the checklist %s %s has no such item (the answer is not used)",
                          x->item, ek_checklist_id(cl), ek_checklist_version(cl));
                x->unknown = 1;
            }
            if (rc)
                return rc;
        }
        n += x->unknown;
    }
    if (unknown)
        *unknown = n;
    return EK_OK;
}

size_t ek_answers_note_count(const ek_answers *a)
{
    return a ? a->nnotes : 0;
}

const ek_error *ek_answers_note(const ek_answers *a, size_t k)
{
    if (!a || k >= a->nnotes)
        return NULL;
    return &a->notes[k];
}

/* For the reader (lib/io): record a rejected line as a note. */
int ek__answers_note_error(ek_answers *a, const ek_error *e)
{
    int rc = EK__VEC_RESERVE(a->notes, a->cap_notes, a->nnotes + 1, 16);
    if (rc)
        return rc;
    a->notes[a->nnotes++] = *e;
    return EK_OK;
}
