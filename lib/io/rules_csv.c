/* SPDX-License-Identifier: MIT */
/* The obligations of evaluations as a flat CSV table, one line per obligation (rules.h). */
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "csv_internal.h"
#include "jbuf_internal.h"
#include "../internal.h"

static int check_buffer(char **buf, size_t *len, size_t *cap)
{
    if (buf == NULL || len == NULL || cap == NULL || (*buf == NULL && (*len || *cap)) || *len > *cap)
        return ek__error(EK_EINVAL, "ek_evaluation_append_csv: NULL or inconsistent buffer");
    return EK_OK;
}

/* Hand the buffer back; on failure keep *len (the buffer may have grown). */
static int give_back(ek__csv *b, size_t old_len, char **buf, size_t *len, size_t *cap)
{
    *buf = b->p;
    *cap = b->cap;
    if (b->failed)
        return ek__oom();
    *len = b->len;
    (void)old_len;
    return EK_OK;
}

int ek_evaluation_csv_header(ek_csv_dialect dialect, char **buf, size_t *len, size_t *cap)
{
    int rc = check_buffer(buf, len, cap);
    ek__csv b;
    if (rc == EK_OK)
        rc = ek__csv_attach(&b, dialect, *buf, *len, *cap);
    if (rc)
        return rc;
    static const char *const cols[] = { "id",   "unit",  "rule",   "seq",   "status", "start",     "nominal",
                                        "legal", "judged", "done", "basis", "certainty", "flags", "message" };
    ek__csv_bom(&b);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        ek__csv_text(&b, cols[i]);
    ek__csv_end(&b);
    return give_back(&b, *len, buf, len, cap);
}

/* A date as ek_date_format() writes it (the digits of the JSON writer's, without its quotes), or an
 * empty field for none. */
static void date_field(ek__csv *b, ek_date d)
{
    if (d < EK_DATE_MIN || d > EK_DATE_MAX) {
        ek__csv_own(b, "", 0);
        return;
    }
    char t[EK__JB_DATE_ROOM];
    (void)ek__jb_date_at(t, d);
    ek__csv_own(b, t + 1, 10);
}

/* The library's own text (rule, status, legal basis, certainty): see ek__csv_own(). */
static void own_field(ek__csv *b, const char *s)
{
    if (s == NULL)
        s = "";
    ek__csv_own(b, s, strlen(s));
}

int ek_evaluation_append_csv(const ek_evaluation *ev, const char *unit, ek_csv_dialect dialect, char **buf,
                             size_t *len, size_t *cap)
{
    int rc = ev ? check_buffer(buf, len, cap) : ek__error(EK_EINVAL, "ek_evaluation_append_csv: NULL evaluation");
    ek__csv b;
    if (rc == EK_OK)
        rc = ek__csv_attach(&b, dialect, *buf, *len, *cap);
    if (rc)
        return rc;
    const char *id = ek_evaluation_case_id(ev);
    size_t lead = 0, lead_len = 0;
    for (size_t k = 0; k < ek_evaluation_count(ev); k++) {
        const ek_obligation *o = ek_evaluation_at(ev, k);
        char flags[256];
        size_t fl = 0;
        for (unsigned bit = 1; bit != 0 && bit <= o->flags; bit <<= 1) {
            const char *name = (o->flags & bit) ? ek_obligation_flag_name(bit) : NULL;
            if (name == NULL)
                continue;
            size_t n = strlen(name);
            if (fl + (fl > 0) + n >= sizeof flags) /* never: all eleven names take 124 bytes */
                continue;
            if (fl > 0)
                flags[fl++] = '|';
            memcpy(flags + fl, name, n);
            fl += n;
        }
        if (k == 0) { /* the id and unit made safe once, repeated on the case's other lines */
            lead = b.len;
            ek__csv_text(&b, id);
            ek__csv_text(&b, unit);
            lead_len = b.len - lead;
        } else {
            ek__csv_repeat(&b, lead, lead_len, 2);
        }
        own_field(&b, o->rule_name);
        if (o->sequence)
            ek__csv_size(&b, o->sequence);
        else
            ek__csv_own(&b, "", 0);
        own_field(&b, ek_obligation_status_name(o->status));
        date_field(&b, o->start);
        date_field(&b, o->nominal);
        date_field(&b, o->legal);
        date_field(&b, o->judged);
        date_field(&b, o->done);
        own_field(&b, o->basis);
        own_field(&b, o->certainty);
        ek__csv_own(&b, flags, fl);
        if (o->message != NULL && o->message[0] != '\0')
            ek__csv_text(&b, o->message);
        else
            ek__csv_own(&b, "", 0);
        ek__csv_end(&b);
    }
    return give_back(&b, *len, buf, len, cap);
}
