/* SPDX-License-Identifier: MIT */
/* Lex Sarah: process order, the frozen IVO report, changes with their history, measures (sarah.h). */
#include <stdio.h>
#include <string.h>

#include <egenkontroll/calendar.h>
#include <egenkontroll/sarah.h>

#include "i18n.h"
#include "internal.h"
#include "sarah_internal.h"


/* ---- process order ----------------------------------------------------------------- */

/* (earlier, later): later must not be before earlier when both are set. */
static const unsigned char order_pairs[][2] = {
    { EK_SARAH_HANDELSE, EK_SARAH_UPPMARKSAMMAD },
    { EK_SARAH_HANDELSE, EK_SARAH_RAPPORT },
    { EK_SARAH_UPPMARKSAMMAD, EK_SARAH_RAPPORT },
    { EK_SARAH_RAPPORT, EK_SARAH_REGISTRERAD },
    { EK_SARAH_RAPPORT, EK_SARAH_UTREDNING_INLEDD },
    { EK_SARAH_RAPPORT, EK_SARAH_BEDOMD },
    { EK_SARAH_RAPPORT, EK_SARAH_ANMALD_IVO },
    { EK_SARAH_RAPPORT, EK_SARAH_UTREDNING_TILL_IVO },
    { EK_SARAH_RAPPORT, EK_SARAH_AVSLUTAD },
    { EK_SARAH_UTREDNING_INLEDD, EK_SARAH_BEDOMD },
    { EK_SARAH_UTREDNING_INLEDD, EK_SARAH_ANMALD_IVO },
    { EK_SARAH_UTREDNING_INLEDD, EK_SARAH_AVSLUTAD },
    { EK_SARAH_BEDOMD, EK_SARAH_ANMALD_IVO },
    { EK_SARAH_BEDOMD, EK_SARAH_AVSLUTAD },
    { EK_SARAH_ANMALD_IVO, EK_SARAH_AVSLUTAD },
    { EK_SARAH_ANMALD_IVO, EK_SARAH_UTREDNING_TILL_IVO },
};

static int order_check(const ek_date *d, ek_sarah_date_field *later, ek_sarah_date_field *earlier)
{
    for (size_t i = 0; i < sizeof order_pairs / sizeof order_pairs[0]; i++) {
        int e = order_pairs[i][0], l = order_pairs[i][1];
        if (d[e] != EK_DATE_NONE && d[l] != EK_DATE_NONE && d[l] < d[e]) {
            *later = (ek_sarah_date_field)l;
            *earlier = (ek_sarah_date_field)e;
            return 1;
        }
    }
    return 0;
}

static void order_message(const ek_date *d, ek_sarah_date_field l, ek_sarah_date_field e, char *msg, size_t size)
{
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    snprintf(msg, size, _("%s %s is before %s %s"), ek_sarah_date_field_name(l), ek__sarah_dstr(d[l], b1), ek_sarah_date_field_name(e), ek__sarah_dstr(d[e], b2));
}

static int order_error(const char *id, const ek_date *d, ek_sarah_date_field l, ek_sarah_date_field e)
{
    char msg[200];
    order_message(d, l, e, msg, sizeof msg);
    return ek__error_at(EK_ECONFLICT, NULL, 0, 0, id, ek__sarah_date_fields[l], "%s", msg);
}

int ek__sarah_order_conflict(const ek_sarah_record *r, char *msg, size_t size, ek_sarah_date_field *later)
{
    ek_sarah_date_field l, e;
    if (!order_check(r->dates, &l, &e))
        return 0;
    order_message(r->dates, l, e, msg, size);
    *later = l;
    return 1;
}

int ek_sarah_record_validate(const ek_sarah_record *r)
{
    if (r == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_record_validate: NULL record");
    if (r->dates[EK_SARAH_RAPPORT] == EK_DATE_NONE)
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, "datum.rapport", "datum.rapport is missing");
    char msg[400];
    ek_sarah_date_field l;
    if (ek__sarah_order_conflict(r, msg, sizeof msg, &l))
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, ek__sarah_date_fields[l], "%s", msg);
    size_t bad;
    if (ek__sarah_history_conflict(r, msg, sizeof msg, &bad))
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, "historik", "%s", msg);
    return EK_OK;
}

/* ---- freezing --------------------------------------------------------------------- */

static const char *const frozen_fields[] = {
    "unit", "typ", "kategori", "rapportor", "allvarlig",
    "datum.handelse", "datum.uppmarksammad", "datum.rapport", "datum.bedomd", "datum.anmald_ivo",
};

int ek__sarah_field_frozen(const char *field)
{
    if (field == NULL)
        return 0;
    for (size_t i = 0; i < sizeof frozen_fields / sizeof frozen_fields[0]; i++)
        if (strcmp(field, frozen_fields[i]) == 0)
            return 1;
    return 0;
}

int ek__sarah_history_conflict(const ek_sarah_record *r, char *msg, size_t size, size_t *bad_index)
{
    ek_date ivo = r->dates[EK_SARAH_ANMALD_IVO];
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    /* The entry that recorded the IVO report, if the history holds it: frozen fields may not change after
     * it.  Without it (a register imported without full history), entries dated after the report count. */
    size_t sent_at = r->n_hist;
    for (size_t i = 0; ivo != EK_DATE_NONE && i < r->n_hist; i++)
        if (r->hist[i].kind == EK_SARAH_HIST_ANDRING && r->hist[i].field &&
            strcmp(r->hist[i].field, "datum.anmald_ivo") == 0 && r->hist[i].old_value == NULL)
            sent_at = i;
    for (size_t i = 0; i < r->n_hist; i++) {
        const ek__sarah_hist *h = &r->hist[i];
        if (i > 0 && h->date < r->hist[i - 1].date) {
            *bad_index = i;
            snprintf(msg, size, _("historik[%zu] dated %s is before historik[%zu] dated %s"), i,
                     ek__sarah_dstr(h->date, b1), i - 1, ek__sarah_dstr(r->hist[i - 1].date, b2));
            return 1;
        }
        if (ivo == EK_DATE_NONE || h->kind != EK_SARAH_HIST_ANDRING || !ek__sarah_field_frozen(h->field))
            continue;
        if (sent_at < r->n_hist ? i <= sent_at : h->date <= ivo)
            continue;
        if (strcmp(h->field, "datum.anmald_ivo") == 0 && h->old_value == NULL)
            continue; /* the IVO report being recorded */
        *bad_index = i;
        snprintf(msg, size, _("historik[%zu] changes %s on %s, after the report to IVO %s; "
                              "the report is frozen and only amendments (komplettering) are allowed"),
                 i, h->field, ek__sarah_dstr(h->date, b1), ek__sarah_dstr(ivo, b2));
        return 1;
    }
    return 0;
}

/* ---- changes and history ------------------------------------------------------------- */

static int check_change(const ek_sarah_record *r, const ek_sarah_change *ch, const char *fn)
{
    if (r == NULL || ch == NULL)
        return ek__error(EK_EINVAL, "%s: NULL argument (a change with date and who is required)", fn);
    if (ch->version != EK_SARAH_CHANGE_VERSION)
        return ek__error(EK_EVERSION, "%s: ek_sarah_change version %u unknown", fn, ch->version);
    if (!ek_date_in_range(ch->date))
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "%s: the change date is missing or out of range", fn);
    if (ch->who == NULL || ch->who[0] == '\0')
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "%s: the change needs \"who\"", fn);
    if (r->n_hist > 0 && ch->date < r->hist[r->n_hist - 1].date) {
        char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, "historik",
                            "change dated %s is before the last history entry dated %s",
                            ek__sarah_dstr(ch->date, b1), ek__sarah_dstr(r->hist[r->n_hist - 1].date, b2));
    }
    return EK_OK;
}

static int frozen_error(const ek_sarah_record *r, const char *field)
{
    char b[EK_DATE_BUFSIZE];
    return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, field,
                        "%s is part of the report to IVO sent %s and cannot be changed; "
                        "add an amendment (komplettering) instead",
                        field, ek__sarah_dstr(r->dates[EK_SARAH_ANMALD_IVO], b));
}

static int is_frozen(const ek_sarah_record *r, const char *field)
{
    return r->dates[EK_SARAH_ANMALD_IVO] != EK_DATE_NONE && ek__sarah_field_frozen(field);
}

/* A history entry built before the change is applied: all allocations done, nothing changed yet. */
static int hist_prepare(ek_sarah_record *r, const ek_sarah_change *ch, ek_sarah_history_kind kind,
                        const char *field, const char *old_value, const char *new_value, ek__sarah_hist *h)
{
    memset(h, 0, sizeof *h);
    ek__sarah_hist *slot;
    int rc = ek__sarah_push_hist(r, &slot); /* capacity only; count not bumped */
    if (rc != EK_OK)
        return rc;
    h->kind = kind;
    h->date = ch->date;
    if (ek__sarah_dup_opt(&h->who, ch->who) || ek__sarah_dup_opt(&h->field, field) || ek__sarah_dup_opt(&h->old_value, old_value) ||
        ek__sarah_dup_opt(&h->new_value, new_value)) {
        ek__sarah_hist_clear(h);
        return ek__oom();
    }
    return EK_OK;
}

static void hist_commit(ek_sarah_record *r, ek__sarah_hist *h)
{
    r->hist[r->n_hist++] = *h;
}

static const char *tri_text(ek_sarah_tri t)
{
    return t == EK_SARAH_YES ? "true" : t == EK_SARAH_NO ? "false" : NULL;
}

static int tri_valid(ek_sarah_tri t)
{
    return t == EK_SARAH_YES || t == EK_SARAH_NO || t == EK_SARAH_UNKNOWN;
}

int ek_sarah_record_set_date(ek_sarah_record *r, ek_sarah_date_field field, ek_date value,
                             const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_set_date");
    if (rc != EK_OK)
        return rc;
    if ((unsigned)field >= EK__SARAH_DATE_COUNT)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown lex Sarah date field %d", (int)field);
    const char *fname = ek__sarah_date_fields[field];
    if (value != EK_DATE_NONE && !ek_date_in_range(value))
        return ek__error_at(EK_ERANGE, NULL, 0, 0, r->id, fname, "%s is outside the supported range", fname);
    if (value == EK_DATE_NONE && field == EK_SARAH_RAPPORT)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, fname, "datum.rapport is required and cannot be cleared");
    if (r->dates[field] == value)
        return EK_OK;
    if (is_frozen(r, fname))
        return frozen_error(r, fname);
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    if (value != EK_DATE_NONE && value > ch->date)
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, fname,
                            "%s %s is after the change date %s: a date cannot be recorded before it happened",
                            ek_sarah_date_field_name(field), ek__sarah_dstr(value, b1), ek__sarah_dstr(ch->date, b2));
    ek_date d[EK__SARAH_DATE_COUNT];
    memcpy(d, r->dates, sizeof d);
    d[field] = value;
    ek_sarah_date_field l, e;
    if (order_check(d, &l, &e))
        return order_error(r->id, d, l, e);
    char ob[EK_DATE_BUFSIZE], nb[EK_DATE_BUFSIZE];
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, fname,
                      r->dates[field] == EK_DATE_NONE ? NULL : ek__sarah_dstr(r->dates[field], ob),
                      value == EK_DATE_NONE ? NULL : ek__sarah_dstr(value, nb), &h);
    if (rc != EK_OK)
        return rc;
    r->dates[field] = value;
    hist_commit(r, &h);
    return EK_OK;
}

static ek_sarah_date_field state_date(ek_sarah_state s)
{
    switch (s) {
    case EK_SARAH_STATE_REGISTRERAD: return EK_SARAH_REGISTRERAD;
    case EK_SARAH_STATE_UNDER_UTREDNING: return EK_SARAH_UTREDNING_INLEDD;
    case EK_SARAH_STATE_BEDOMD: return EK_SARAH_BEDOMD;
    case EK_SARAH_STATE_ANMALD_IVO: return EK_SARAH_ANMALD_IVO;
    case EK_SARAH_STATE_AVSLUTAD: return EK_SARAH_AVSLUTAD;
    default: return EK_SARAH_RAPPORT;
    }
}

int ek_sarah_record_transition(ek_sarah_record *r, ek_sarah_state to, ek_date date, const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_transition");
    if (rc != EK_OK)
        return rc;
    if (!ek__sarah_state_valid(to))
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown lex Sarah state %d", (int)to);
    ek_sarah_state from = ek_sarah_record_state(r);
    if (!ek_sarah_transition_allowed(from, to))
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "state",
                            "transition from %s to %s is not allowed", ek_sarah_state_name(from), ek_sarah_state_name(to));
    if (to == EK_SARAH_STATE_BEDOMD && r->allvarlig == EK_SARAH_UNKNOWN)
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "allvarlig",
                            "transition from %s to bedomd needs allvarlig set to true or false first",
                            ek_sarah_state_name(from));
    if (to == EK_SARAH_STATE_ANMALD_IVO && r->allvarlig != EK_SARAH_YES)
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "allvarlig",
                            "transition from %s to anmald_ivo needs allvarlig true (it is %s)",
                            ek_sarah_state_name(from), r->allvarlig == EK_SARAH_NO ? "false" : "not set");
    if (to == EK_SARAH_STATE_AVSLUTAD && from == EK_SARAH_STATE_BEDOMD && r->allvarlig != EK_SARAH_NO)
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "allvarlig",
                            "transition from bedomd to avslutad: a serious (allvarlig) matter must be "
                            "reported to IVO (anmald_ivo) before it is closed");
    if (date == EK_DATE_NONE)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, ek__sarah_date_fields[state_date(to)],
                            "transition to %s needs a date", ek_sarah_state_name(to));
    return ek_sarah_record_set_date(r, state_date(to), date, ch);
}

/* Replace a string field with history; value NULL clears. */
static int set_string(ek_sarah_record *r, char **slot, const char *field, const char *value, const ek_sarah_change *ch)
{
    if ((*slot == NULL && value == NULL) || (*slot && value && strcmp(*slot, value) == 0))
        return EK_OK;
    if (is_frozen(r, field))
        return frozen_error(r, field);
    char *nv = NULL;
    if (ek__sarah_dup_opt(&nv, value) != EK_OK)
        return ek__oom();
    ek__sarah_hist h;
    int rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, field, *slot, value, &h);
    if (rc != EK_OK) {
        ek__free(nv);
        return rc;
    }
    ek__free(*slot);
    *slot = nv;
    hist_commit(r, &h);
    return EK_OK;
}

int ek_sarah_record_set_text(ek_sarah_record *r, ek_sarah_text_field field, const char *value,
                             const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_set_text");
    if (rc != EK_OK)
        return rc;
    if ((unsigned)field >= EK__SARAH_TEXT_COUNT)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown lex Sarah text field %d", (int)field);
    return set_string(r, &r->text[field], ek_sarah_text_field_name(field), value, ch);
}

int ek_sarah_record_set_typ(ek_sarah_record *r, ek_sarah_typ typ, const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_set_typ");
    if (rc != EK_OK)
        return rc;
    if (ek_sarah_typ_name(typ) == NULL)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, "typ", "unknown lex Sarah typ %d", (int)typ);
    if (typ == r->typ)
        return EK_OK;
    if (is_frozen(r, "typ"))
        return frozen_error(r, "typ");
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, "typ", ek_sarah_typ_name(r->typ), ek_sarah_typ_name(typ), &h);
    if (rc != EK_OK)
        return rc;
    r->typ = typ;
    hist_commit(r, &h);
    return EK_OK;
}

static int set_tri(ek_sarah_record *r, ek_sarah_tri *slot, const char *field, ek_sarah_tri value,
                   const ek_sarah_change *ch)
{
    if (!tri_valid(value))
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, field, "%s: %d is not true, false or unknown",
                            field, (int)value);
    if (*slot == value)
        return EK_OK;
    if (is_frozen(r, field))
        return frozen_error(r, field);
    ek__sarah_hist h;
    int rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, field, tri_text(*slot), tri_text(value), &h);
    if (rc != EK_OK)
        return rc;
    *slot = value;
    hist_commit(r, &h);
    return EK_OK;
}

int ek_sarah_record_set_allvarlig(ek_sarah_record *r, ek_sarah_tri value, const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_set_allvarlig");
    return rc != EK_OK ? rc : set_tri(r, &r->allvarlig, "allvarlig", value, ch);
}

int ek_sarah_record_set_element(ek_sarah_record *r, ek_sarah_element el, ek_sarah_tri value,
                                const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_set_element");
    if (rc != EK_OK)
        return rc;
    if ((unsigned)el >= EK__SARAH_ELEMENT_COUNT)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown investigation element %d", (int)el);
    return set_tri(r, &r->elements[el], ek__sarah_element_fields[el], value, ch);
}

int ek_sarah_record_set_utredning_bifogad(ek_sarah_record *r, ek_sarah_tri value, const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_set_utredning_bifogad");
    return rc != EK_OK ? rc : set_tri(r, &r->bifogad, "ivo.utredning_bifogad", value, ch);
}

int ek_sarah_record_add_amendment(ek_sarah_record *r, const char *field, const char *text,
                                  const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_add_amendment");
    if (rc != EK_OK)
        return rc;
    if (field == NULL || field[0] == '\0' || text == NULL || text[0] == '\0')
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "an amendment needs a field and a text");
    ek_date ivo = r->dates[EK_SARAH_ANMALD_IVO];
    if (ivo == EK_DATE_NONE)
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, field,
                            "no report to IVO yet: change %s directly instead of amending", field);
    if (ch->date < ivo) {
        char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, field,
                            "amendment dated %s is before the report to IVO %s", ek__sarah_dstr(ch->date, b1), ek__sarah_dstr(ivo, b2));
    }
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_KOMPLETTERING, field, NULL, text, &h);
    if (rc != EK_OK)
        return rc;
    hist_commit(r, &h);
    return EK_OK;
}

/* ---- measures ----------------------------------------------------------------------- */

int ek_sarah_record_add_measure(ek_sarah_record *r, const ek_sarah_measure *m, const ek_sarah_change *ch,
                                size_t *index)
{
    int rc = check_change(r, ch, "ek_sarah_record_add_measure");
    if (rc != EK_OK)
        return rc;
    if (m == NULL || m->beskrivning == NULL || m->beskrivning[0] == '\0')
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, "atgarder", "a measure needs a beskrivning");
    if (m->version != EK_SARAH_MEASURE_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_measure version %u unknown", m->version);
    if ((m->senast != EK_DATE_NONE && !ek_date_in_range(m->senast)) ||
        (m->genomford != EK_DATE_NONE && !ek_date_in_range(m->genomford)))
        return ek__error_at(EK_ERANGE, NULL, 0, 0, r->id, "atgarder", "a measure date is outside the supported range");
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    if (m->genomford != EK_DATE_NONE && m->genomford > ch->date)
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, "atgarder",
                            "genomford %s is after the change date %s", ek__sarah_dstr(m->genomford, b1), ek__sarah_dstr(ch->date, b2));
    char field[48];
    snprintf(field, sizeof field, "atgarder[%zu]", r->n_measures);
    ek__sarah_measure *slot;
    if ((rc = ek__sarah_push_measure(r, &slot)) != EK_OK)
        return rc;
    ek__sarah_measure nm;
    memset(&nm, 0, sizeof nm);
    nm.senast = m->senast;
    nm.genomford = m->genomford;
    if (ek__sarah_dup_opt(&nm.beskrivning, m->beskrivning) || ek__sarah_dup_opt(&nm.ansvarig, m->ansvarig)) {
        ek__sarah_measure_clear(&nm);
        return ek__oom();
    }
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, field, NULL, m->beskrivning, &h);
    if (rc != EK_OK) {
        ek__sarah_measure_clear(&nm);
        return rc;
    }
    r->measures[r->n_measures] = nm;
    if (index)
        *index = r->n_measures;
    r->n_measures++;
    hist_commit(r, &h);
    return EK_OK;
}

int ek_sarah_record_set_measure_done(ek_sarah_record *r, size_t index, ek_date date, const ek_sarah_change *ch)
{
    int rc = check_change(r, ch, "ek_sarah_record_set_measure_done");
    if (rc != EK_OK)
        return rc;
    if (index >= r->n_measures)
        return ek__error_at(EK_ERANGE, NULL, 0, 0, r->id, "atgarder", "no measure %zu (the record has %zu)",
                            index, r->n_measures);
    if (date != EK_DATE_NONE && !ek_date_in_range(date))
        return ek__error_at(EK_ERANGE, NULL, 0, 0, r->id, "atgarder", "genomford is outside the supported range");
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE], field[64];
    snprintf(field, sizeof field, "atgarder[%zu].genomford", index);
    if (date != EK_DATE_NONE && date > ch->date)
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, field, "genomford %s is after the change date %s",
                            ek__sarah_dstr(date, b1), ek__sarah_dstr(ch->date, b2));
    ek__sarah_measure *m = &r->measures[index];
    if (m->genomford == date)
        return EK_OK;
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, field, m->genomford == EK_DATE_NONE ? NULL : ek__sarah_dstr(m->genomford, b1),
                      date == EK_DATE_NONE ? NULL : ek__sarah_dstr(date, b2), &h);
    if (rc != EK_OK)
        return rc;
    m->genomford = date;
    hist_commit(r, &h);
    return EK_OK;
}

size_t ek_sarah_record_measure_count(const ek_sarah_record *r) { return r ? r->n_measures : 0; }

int ek_sarah_record_measure(const ek_sarah_record *r, size_t index, ek_sarah_measure *out)
{
    if (r == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_record_measure: NULL argument");
    if (out->version != EK_SARAH_MEASURE_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_measure version %u unknown", out->version);
    if (index >= r->n_measures)
        return ek__error(EK_ERANGE, "no measure %zu (the record has %zu)", index, r->n_measures);
    const ek__sarah_measure *m = &r->measures[index];
    out->beskrivning = m->beskrivning;
    out->ansvarig = m->ansvarig;
    out->senast = m->senast;
    out->genomford = m->genomford;
    return EK_OK;
}

/* ---- history access, extras -------------------------------------------------------- */

size_t ek_sarah_record_history_count(const ek_sarah_record *r) { return r ? r->n_hist : 0; }

int ek_sarah_record_history(const ek_sarah_record *r, size_t k, ek_sarah_history_entry *out)
{
    if (r == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_record_history: NULL argument");
    if (out->version != EK_SARAH_HISTORY_ENTRY_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_history_entry version %u unknown", out->version);
    if (k >= r->n_hist)
        return ek__error(EK_ERANGE, "no history entry %zu (the record has %zu)", k, r->n_hist);
    const ek__sarah_hist *h = &r->hist[k];
    out->kind = h->kind;
    out->date = h->date;
    out->who = h->who;
    out->field = h->field;
    out->old_value = h->old_value;
    out->new_value = h->new_value;
    return EK_OK;
}
