/* SPDX-License-Identifier: MIT */
/* Lex Sarah deviation records: lifecycle, history, time limits (E1), content (E2), summaries.
 * Legal basis and definitions: include/egenkontroll/sarah.h and docs/sarah.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/calendar.h>
#include <egenkontroll/policy.h>
#include <egenkontroll/sarah.h>

#include "i18n.h"
#include "internal.h"
#include "policy_internal.h"
#include "rules_internal.h"   /* EK__DATE: a date from year, month, day at compile time */
#include "sarah_internal.h"


/* ---- names ------------------------------------------------------------------ */

static const char *const date_names[EK_SARAH_DATE_COUNT] = {
    "handelse", "uppmarksammad", "rapport", "registrerad", "utredning_inledd",
    "bedomd", "anmald_ivo", "utredning_till_ivo", "avslutad",
};

static const char *const date_fields[EK_SARAH_DATE_COUNT] = {
    "datum.handelse", "datum.uppmarksammad", "datum.rapport", "datum.registrerad",
    "datum.utredning_inledd", "datum.bedomd", "datum.anmald_ivo", "datum.utredning_till_ivo",
    "datum.avslutad",
};

static const char *const element_names[EK_SARAH_ELEMENT_COUNT] = {
    "vad_och_konsekvenser", "nar_och_hur_uppmarksammat", "nar_det_hande", "orsaker",
    "tidigare_liknande", "risk_upprepning", "atgarder", "ovrigt", "stallningstagande",
};

static const char *const element_fields[EK_SARAH_ELEMENT_COUNT] = {
    "utredning.vad_och_konsekvenser", "utredning.nar_och_hur_uppmarksammat", "utredning.nar_det_hande",
    "utredning.orsaker", "utredning.tidigare_liknande", "utredning.risk_upprepning", "utredning.atgarder",
    "utredning.ovrigt", "utredning.stallningstagande",
};

static const char *const text_names[EK_SARAH_TEXT_COUNT] = {
    "unit", "kategori", "rapportor", "ivo.diarienummer", "ivo.beslut",
};

static const char *const state_names[EK_SARAH_STATE_LIMIT] = {
    NULL, "rapporterad", "registrerad", "under_utredning", "bedomd", "anmald_ivo", "avslutad",
};

const char *ek_sarah_typ_name(ek_sarah_typ typ)
{
    switch (typ) {
    case EK_SARAH_TYP_MISSFORHALLANDE: return "missforhallande";
    case EK_SARAH_TYP_PATAGLIG_RISK: return "pataglig_risk";
    }
    return NULL;
}

int ek_sarah_typ_from_name(const char *name, ek_sarah_typ *out)
{
    if (name == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_typ_from_name: NULL argument");
    if (strcmp(name, "missforhallande") == 0)
        *out = EK_SARAH_TYP_MISSFORHALLANDE;
    else if (strcmp(name, "pataglig_risk") == 0)
        *out = EK_SARAH_TYP_PATAGLIG_RISK;
    else
        return ek__error(EK_EPARSE, "not a lex Sarah typ (missforhallande, pataglig_risk)");  /* never the value */
    return EK_OK;
}

const char *ek_sarah_date_field_name(ek_sarah_date_field field)
{
    return (unsigned)field < EK_SARAH_DATE_COUNT ? date_names[field] : NULL;
}

const char *ek_sarah_element_name(ek_sarah_element el)
{
    return (unsigned)el < EK_SARAH_ELEMENT_COUNT ? element_names[el] : NULL;
}

const char *ek_sarah_text_field_name(ek_sarah_text_field field)
{
    return (unsigned)field < EK_SARAH_TEXT_COUNT ? text_names[field] : NULL;
}

const char *ek_sarah_state_name(ek_sarah_state state)
{
    return (state >= EK_SARAH_STATE_RAPPORTERAD && state <= EK_SARAH_STATE_AVSLUTAD) ? state_names[state] : NULL;
}

static int state_valid(ek_sarah_state s)
{
    return s >= EK_SARAH_STATE_RAPPORTERAD && s <= EK_SARAH_STATE_AVSLUTAD;
}

int ek_sarah_transition_allowed(ek_sarah_state from, ek_sarah_state to)
{
    if (!state_valid(from) || !state_valid(to))
        return 0;
    switch (from) {
    case EK_SARAH_STATE_RAPPORTERAD:
        return to == EK_SARAH_STATE_REGISTRERAD || to == EK_SARAH_STATE_UNDER_UTREDNING;
    case EK_SARAH_STATE_REGISTRERAD:
        return to == EK_SARAH_STATE_UNDER_UTREDNING;
    case EK_SARAH_STATE_UNDER_UTREDNING:
        return to == EK_SARAH_STATE_BEDOMD;
    case EK_SARAH_STATE_BEDOMD:
        return to == EK_SARAH_STATE_ANMALD_IVO || to == EK_SARAH_STATE_AVSLUTAD;
    case EK_SARAH_STATE_ANMALD_IVO:
        return to == EK_SARAH_STATE_AVSLUTAD;
    case EK_SARAH_STATE_AVSLUTAD:
        return 0;
    }
    return 0;
}

static const char *dstr(ek_date d, char buf[EK_DATE_BUFSIZE])
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        ek__strlcpy(buf, "(inget)", EK_DATE_BUFSIZE);
    return buf;
}

/* ---- records --------------------------------------------------------------------- */

int ek__sarah_record_alloc(ek_sarah_record **out, const char *id)
{
    ek_sarah_record *r = ek__calloc(1, sizeof *r);
    if (r == NULL)
        return ek__oom();
    r->id = ek__strdup(id);
    if (r->id == NULL) {
        ek__free(r);
        return ek__oom();
    }
    for (int i = 0; i < EK_SARAH_DATE_COUNT; i++)
        r->dates[i] = EK_DATE_NONE;
    r->allvarlig = EK_SARAH_UNKNOWN;
    r->bifogad = EK_SARAH_UNKNOWN;
    for (int i = 0; i < EK_SARAH_ELEMENT_COUNT; i++)
        r->elements[i] = EK_SARAH_UNKNOWN;
    *out = r;
    return EK_OK;
}

int ek_sarah_record_new(ek_sarah_record **out, const char *id, ek_sarah_typ typ, ek_date rapport)
{
    if (out == NULL || id == NULL || id[0] == '\0')
        return ek__error(EK_EINVAL, "ek_sarah_record_new: out and a non-empty id are required");
    if (ek_sarah_typ_name(typ) == NULL)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, id, "typ", "unknown lex Sarah typ %d", (int)typ);
    if (!ek_date_in_range(rapport))
        return ek__error_at(EK_ERANGE, NULL, 0, 0, id, "datum.rapport",
                            "datum.rapport is missing or outside the supported range");
    ek_sarah_record *r;
    int rc = ek__sarah_record_alloc(&r, id);
    if (rc != EK_OK)
        return rc;
    r->typ = typ;
    r->dates[EK_SARAH_RAPPORT] = rapport;
    *out = r;
    return EK_OK;
}

static void measure_clear(ek__sarah_measure *m)
{
    ek__free(m->beskrivning);
    ek__free(m->ansvarig);
    ek__free(m->extra);
}

static void hist_clear(ek__sarah_hist *h)
{
    ek__free(h->who);
    ek__free(h->field);
    ek__free(h->old_value);
    ek__free(h->new_value);
    ek__free(h->extra);
}

void ek_sarah_record_free(ek_sarah_record *r)
{
    if (r == NULL)
        return;
    ek__free(r->id);
    for (int i = 0; i < EK_SARAH_TEXT_COUNT; i++)
        ek__free(r->text[i]);
    for (size_t i = 0; i < r->n_measures; i++)
        measure_clear(&r->measures[i]);
    ek__free(r->measures);
    for (size_t i = 0; i < r->n_hist; i++)
        hist_clear(&r->hist[i]);
    ek__free(r->hist);
    for (size_t i = 0; i < r->n_extras; i++) {
        ek__free(r->extras[i].key);
        ek__free(r->extras[i].json);
    }
    ek__free(r->extras);
    for (int i = 0; i < EK__SARAH_X_COUNT; i++)
        ek__free(r->container_extra[i]);
    ek__free(r);
}

/* Grow an array to hold one more element. */
static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return EK_OK;
    size_t ncap = *cap ? *cap * 2 : 4;
    if (ncap > ((size_t)-1) / elem)
        return ek__oom();
    void *p = ek__realloc(*arr, ncap * elem);
    if (p == NULL)
        return ek__oom();
    memset((char *)p + *cap * elem, 0, (ncap - *cap) * elem);
    *arr = p;
    *cap = ncap;
    return EK_OK;
}

int ek__sarah_push_measure(ek_sarah_record *r, ek__sarah_measure **slot)
{
    int rc = grow((void **)&r->measures, &r->cap_measures, r->n_measures, sizeof *r->measures);
    if (rc != EK_OK)
        return rc;
    *slot = &r->measures[r->n_measures];
    memset(*slot, 0, sizeof **slot);
    (*slot)->senast = (*slot)->genomford = EK_DATE_NONE;
    return EK_OK;
}

int ek__sarah_push_hist(ek_sarah_record *r, ek__sarah_hist **slot)
{
    int rc = grow((void **)&r->hist, &r->cap_hist, r->n_hist, sizeof *r->hist);
    if (rc != EK_OK)
        return rc;
    *slot = &r->hist[r->n_hist];
    memset(*slot, 0, sizeof **slot);
    (*slot)->date = EK_DATE_NONE;
    return EK_OK;
}

/* strdup of an optional string into *dst; 0 or EK_ENOMEM */
static int dup_opt(char **dst, const char *src)
{
    *dst = NULL;
    if (src == NULL)
        return EK_OK;
    *dst = ek__strdup(src);
    return *dst ? EK_OK : ek__oom();
}

int ek_sarah_record_clone(const ek_sarah_record *r, ek_sarah_record **out)
{
    if (r == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_record_clone: NULL argument");
    ek_sarah_record *c;
    int rc = ek__sarah_record_alloc(&c, r->id);
    if (rc != EK_OK)
        return rc;
    c->typ = r->typ;
    memcpy(c->dates, r->dates, sizeof c->dates);
    c->allvarlig = r->allvarlig;
    memcpy(c->elements, r->elements, sizeof c->elements);
    c->bifogad = r->bifogad;
    for (int i = 0; i < EK_SARAH_TEXT_COUNT && rc == EK_OK; i++)
        rc = dup_opt(&c->text[i], r->text[i]);
    for (int i = 0; i < EK__SARAH_X_COUNT && rc == EK_OK; i++)
        rc = dup_opt(&c->container_extra[i], r->container_extra[i]);
    for (size_t i = 0; i < r->n_measures && rc == EK_OK; i++) {
        ek__sarah_measure *m;
        rc = ek__sarah_push_measure(c, &m);
        if (rc != EK_OK)
            break;
        c->n_measures++; /* slot is zeroed: safe to free on a later failure */
        m->senast = r->measures[i].senast;
        m->genomford = r->measures[i].genomford;
        rc = dup_opt(&m->beskrivning, r->measures[i].beskrivning);
        if (rc == EK_OK)
            rc = dup_opt(&m->ansvarig, r->measures[i].ansvarig);
        if (rc == EK_OK)
            rc = dup_opt(&m->extra, r->measures[i].extra);
    }
    for (size_t i = 0; i < r->n_hist && rc == EK_OK; i++) {
        ek__sarah_hist *h;
        rc = ek__sarah_push_hist(c, &h);
        if (rc != EK_OK)
            break;
        c->n_hist++;
        const ek__sarah_hist *s = &r->hist[i];
        h->kind = s->kind;
        h->date = s->date;
        rc = dup_opt(&h->who, s->who);
        if (rc == EK_OK) rc = dup_opt(&h->field, s->field);
        if (rc == EK_OK) rc = dup_opt(&h->old_value, s->old_value);
        if (rc == EK_OK) rc = dup_opt(&h->new_value, s->new_value);
        if (rc == EK_OK) rc = dup_opt(&h->extra, s->extra);
    }
    for (size_t i = 0; i < r->n_extras && rc == EK_OK; i++)
        rc = ek_sarah_record_set_extra(c, r->extras[i].key, r->extras[i].json);
    if (rc != EK_OK) {
        ek_sarah_record_free(c);
        return rc;
    }
    *out = c;
    return EK_OK;
}

const char *ek_sarah_record_id(const ek_sarah_record *r) { return r ? r->id : NULL; }
ek_sarah_typ ek_sarah_record_typ(const ek_sarah_record *r) { return r ? r->typ : (ek_sarah_typ)0; }

ek_date ek_sarah_record_date(const ek_sarah_record *r, ek_sarah_date_field field)
{
    return (r && (unsigned)field < EK_SARAH_DATE_COUNT) ? r->dates[field] : EK_DATE_NONE;
}

const char *ek_sarah_record_text(const ek_sarah_record *r, ek_sarah_text_field field)
{
    return (r && (unsigned)field < EK_SARAH_TEXT_COUNT) ? r->text[field] : NULL;
}

ek_sarah_tri ek_sarah_record_allvarlig(const ek_sarah_record *r) { return r ? r->allvarlig : EK_SARAH_UNKNOWN; }

ek_sarah_tri ek_sarah_record_element(const ek_sarah_record *r, ek_sarah_element el)
{
    return (r && (unsigned)el < EK_SARAH_ELEMENT_COUNT) ? r->elements[el] : EK_SARAH_UNKNOWN;
}

ek_sarah_tri ek_sarah_record_utredning_bifogad(const ek_sarah_record *r) { return r ? r->bifogad : EK_SARAH_UNKNOWN; }

ek_sarah_state ek_sarah_record_state(const ek_sarah_record *r)
{
    if (r == NULL)
        return (ek_sarah_state)0;
    if (r->dates[EK_SARAH_AVSLUTAD] != EK_DATE_NONE) return EK_SARAH_STATE_AVSLUTAD;
    if (r->dates[EK_SARAH_ANMALD_IVO] != EK_DATE_NONE) return EK_SARAH_STATE_ANMALD_IVO;
    if (r->dates[EK_SARAH_BEDOMD] != EK_DATE_NONE) return EK_SARAH_STATE_BEDOMD;
    if (r->dates[EK_SARAH_UTREDNING_INLEDD] != EK_DATE_NONE) return EK_SARAH_STATE_UNDER_UTREDNING;
    if (r->dates[EK_SARAH_REGISTRERAD] != EK_DATE_NONE) return EK_SARAH_STATE_REGISTRERAD;
    return EK_SARAH_STATE_RAPPORTERAD;
}

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
    snprintf(msg, size, _("%s %s is before %s %s"), date_names[l], dstr(d[l], b1), date_names[e], dstr(d[e], b2));
}

static int order_error(const char *id, const ek_date *d, ek_sarah_date_field l, ek_sarah_date_field e)
{
    char msg[200];
    order_message(d, l, e, msg, sizeof msg);
    return ek__error_at(EK_ECONFLICT, NULL, 0, 0, id, date_fields[l], "%s", msg);
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
        return ek__error_at(EK_ECONFLICT, NULL, 0, 0, r->id, date_fields[l], "%s", msg);
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
                     dstr(h->date, b1), i - 1, dstr(r->hist[i - 1].date, b2));
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
                 i, h->field, dstr(h->date, b1), dstr(ivo, b2));
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
                            dstr(ch->date, b1), dstr(r->hist[r->n_hist - 1].date, b2));
    }
    return EK_OK;
}

static int frozen_error(const ek_sarah_record *r, const char *field)
{
    char b[EK_DATE_BUFSIZE];
    return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, field,
                        "%s is part of the report to IVO sent %s and cannot be changed; "
                        "add an amendment (komplettering) instead",
                        field, dstr(r->dates[EK_SARAH_ANMALD_IVO], b));
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
    if (dup_opt(&h->who, ch->who) || dup_opt(&h->field, field) || dup_opt(&h->old_value, old_value) ||
        dup_opt(&h->new_value, new_value)) {
        hist_clear(h);
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
    if ((unsigned)field >= EK_SARAH_DATE_COUNT)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown lex Sarah date field %d", (int)field);
    const char *fname = date_fields[field];
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
                            date_names[field], dstr(value, b1), dstr(ch->date, b2));
    ek_date d[EK_SARAH_DATE_COUNT];
    memcpy(d, r->dates, sizeof d);
    d[field] = value;
    ek_sarah_date_field l, e;
    if (order_check(d, &l, &e))
        return order_error(r->id, d, l, e);
    char ob[EK_DATE_BUFSIZE], nb[EK_DATE_BUFSIZE];
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, fname,
                      r->dates[field] == EK_DATE_NONE ? NULL : dstr(r->dates[field], ob),
                      value == EK_DATE_NONE ? NULL : dstr(value, nb), &h);
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
    if (!state_valid(to))
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown lex Sarah state %d", (int)to);
    ek_sarah_state from = ek_sarah_record_state(r);
    if (!ek_sarah_transition_allowed(from, to))
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "state",
                            "transition from %s to %s is not allowed", state_names[from], state_names[to]);
    if (to == EK_SARAH_STATE_BEDOMD && r->allvarlig == EK_SARAH_UNKNOWN)
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "allvarlig",
                            "transition from %s to bedomd needs allvarlig set to true or false first",
                            state_names[from]);
    if (to == EK_SARAH_STATE_ANMALD_IVO && r->allvarlig != EK_SARAH_YES)
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "allvarlig",
                            "transition from %s to anmald_ivo needs allvarlig true (it is %s)",
                            state_names[from], r->allvarlig == EK_SARAH_NO ? "false" : "not set");
    if (to == EK_SARAH_STATE_AVSLUTAD && from == EK_SARAH_STATE_BEDOMD && r->allvarlig != EK_SARAH_NO)
        return ek__error_at(EK_ESTATE, NULL, 0, 0, r->id, "allvarlig",
                            "transition from bedomd to avslutad: a serious (allvarlig) matter must be "
                            "reported to IVO (anmald_ivo) before it is closed");
    if (date == EK_DATE_NONE)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, date_fields[state_date(to)],
                            "transition to %s needs a date", state_names[to]);
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
    if (dup_opt(&nv, value) != EK_OK)
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
    if ((unsigned)field >= EK_SARAH_TEXT_COUNT)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown lex Sarah text field %d", (int)field);
    return set_string(r, &r->text[field], text_names[field], value, ch);
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
    if ((unsigned)el >= EK_SARAH_ELEMENT_COUNT)
        return ek__error_at(EK_EINVAL, NULL, 0, 0, r->id, NULL, "unknown investigation element %d", (int)el);
    return set_tri(r, &r->elements[el], element_fields[el], value, ch);
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
                            "amendment dated %s is before the report to IVO %s", dstr(ch->date, b1), dstr(ivo, b2));
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
                            "genomford %s is after the change date %s", dstr(m->genomford, b1), dstr(ch->date, b2));
    char field[48];
    snprintf(field, sizeof field, "atgarder[%zu]", r->n_measures);
    ek__sarah_measure *slot;
    if ((rc = ek__sarah_push_measure(r, &slot)) != EK_OK)
        return rc;
    ek__sarah_measure nm;
    memset(&nm, 0, sizeof nm);
    nm.senast = m->senast;
    nm.genomford = m->genomford;
    if (dup_opt(&nm.beskrivning, m->beskrivning) || dup_opt(&nm.ansvarig, m->ansvarig)) {
        measure_clear(&nm);
        return ek__oom();
    }
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, field, NULL, m->beskrivning, &h);
    if (rc != EK_OK) {
        measure_clear(&nm);
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
                            dstr(date, b1), dstr(ch->date, b2));
    ek__sarah_measure *m = &r->measures[index];
    if (m->genomford == date)
        return EK_OK;
    ek__sarah_hist h;
    rc = hist_prepare(r, ch, EK_SARAH_HIST_ANDRING, field, m->genomford == EK_DATE_NONE ? NULL : dstr(m->genomford, b1),
                      date == EK_DATE_NONE ? NULL : dstr(date, b2), &h);
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

int ek_sarah_record_set_extra(ek_sarah_record *r, const char *key, const char *json_text)
{
    if (r == NULL || key == NULL || json_text == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_record_set_extra: NULL argument");
    char *j = ek__strdup(json_text);
    if (j == NULL)
        return ek__oom();
    for (size_t i = 0; i < r->n_extras; i++)
        if (strcmp(r->extras[i].key, key) == 0) {
            ek__free(r->extras[i].json);
            r->extras[i].json = j;
            return EK_OK;
        }
    char *k = ek__strdup(key);
    if (k == NULL || grow((void **)&r->extras, &r->cap_extras, r->n_extras, sizeof *r->extras) != EK_OK) {
        ek__free(k);
        ek__free(j);
        return ek__oom();
    }
    r->extras[r->n_extras].key = k;
    r->extras[r->n_extras].json = j;
    r->n_extras++;
    return EK_OK;
}

size_t ek_sarah_record_extra_count(const ek_sarah_record *r) { return r ? r->n_extras : 0; }

int ek_sarah_record_extra(const ek_sarah_record *r, size_t k, const char **key, const char **json_text)
{
    if (r == NULL || key == NULL || json_text == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_record_extra: NULL argument");
    if (k >= r->n_extras)
        return ek__error(EK_ERANGE, "no extra key %zu (the record has %zu)", k, r->n_extras);
    *key = r->extras[k].key;
    *json_text = r->extras[k].json;
    return EK_OK;
}

/* ---- evaluation ------------------------------------------------------------------------ */

typedef struct limit_slot {
    ek_sarah_limit pub;      /* strings: message owned (char *) below, others static */
    char *message;
    char period[EK_PERIOD_BUFSIZE];
} limit_slot;

struct ek_sarah_result {
    char *id;
    ek_sarah_state state;
    ek_date as_of;
    ek_sarah_item items[2];
    char *item_msg[2];
    limit_slot *limits;
    size_t n_limits;
};

void ek_sarah_result_free(ek_sarah_result *res)
{
    if (res == NULL)
        return;
    ek__free(res->id);
    for (int i = 0; i < 2; i++)
        ek__free(res->item_msg[i]);
    for (size_t i = 0; i < res->n_limits; i++)
        ek__free(res->limits[i].message);
    ek__free(res->limits);
    ek__free(res);
}

/* ---- the limit table ---------------------------------------------------------------------
 * Every lex Sarah time limit is one entry: what it is counted from and what completes it (date fields of the
 * record, or a measure's own dates), when it applies, who set its time (ek_period_kind), the policy parameter,
 * the statute's words, and its law versions with basis and certainty.  ek_sarah_evaluate() judges every entry
 * with one function (judge_limit); ek_sarah_limit_at() gives the same entries to the documentation and
 * `egenkontroll rules`.  Reading of the texts: docs/sarah.md, "Why these kinds". */

/* When an entry applies: the only evaluation difference between the entries. */
typedef enum sarah_when {
    WHEN_ALWAYS = 1,        /* every record */
    WHEN_SERIOUS,           /* allvarlig true (notapplicable when false, notchecked when unknown) */
    WHEN_NOT_ATTACHED,      /* reported to IVO and the investigation not attached */
    WHEN_MEASURE            /* once per measure; counted from the day set */
} sarah_when;

#define D EK__DATE
#define NONE EK_DATE_NONE
#define FIELD_MEASURE (-1)  /* the measure's senast / genomford */

typedef struct sarah_version {
    ek_date from, to;
    const char *basis, *certainty;
} sarah_version;

/* Lex Sarah in SoL (2001:453) 14 kap. 3-7 §§ and SOSFS 2011:5: from 2011-07-01 (Socialstyrelsen's handbook,
 * foreword); SoL (2025:400) replaced it on 2025-07-01 with no transitional rule (DOMAIN.md §2). */
#define OLD_FROM D(2011, 7, 1)
#define OLD_TO D(2025, 6, 30)
#define NEW_FROM D(2025, 7, 1)

static const sarah_version v_registrering[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 6 §; SOSFS 2011:5", "R" },
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 5 §; SOSFS 2011:5", "R" },
};
static const sarah_version v_anmalan[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 7 §; SOSFS 2011:5", "R" },
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 6 §; SOSFS 2011:5", "R" },
};
static const sarah_version v_till_ivo[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 7 §; SOSFS 2011:5", "S" },
    /* DOMAIN.md §5: SOSFS 2011:5 was issued under the old law; its standing under 27 kap. 6 § is unclear. */
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 6 §; SOSFS 2011:5 (ställning under nya lagen oklar)", "R" },
};
static const sarah_version v_atgard[] = {
    { OLD_FROM, OLD_TO, "SoL (2001:453) 14 kap. 6 §; SOSFS 2011:5 5 kap.", "V" },
    { NEW_FROM, NONE, "SoL (2025:400) 27 kap. 5 §; SOSFS 2011:5 5 kap.", "V" },
};

typedef struct limit_def {
    ek_sarah_limit_kind kind;
    const char *name;
    int start_field, done_field;      /* ek_sarah_date_field, or FIELD_MEASURE */
    sarah_when when;
    ek_period_kind period_kind;       /* who set the time */
    int policy_id;                    /* ek__policy_id, or -1 (a day set) */
    const char *policy;
    const char *words;                /* the statute's words for the time */
    const char *applies;              /* Swedish: when it applies */
    const sarah_version *versions;
    size_t n_versions;
    const char *done_cap;             /* Swedish: what was done, capitalised */
    const char *not_done_cap;         /* Swedish: not done, capitalised */
    const char *start_word;           /* Swedish: counted from */
} limit_def;

#define VERSIONS(v) v, sizeof v / sizeof v[0]

static const limit_def limit_defs[] = {
    { EK_SARAH_LIMIT_REGISTRERING, "sarah_registrering", EK_SARAH_RAPPORT, EK_SARAH_REGISTRERAD, WHEN_ALWAYS,
      EK_PERIOD_POLICY, EK_P_SARAH_REGISTRERING, "sarah_registrering", "utan dröjsmål (dokumentera)",
      "varje rapport", VERSIONS(v_registrering),
      "Registrerad", "Inte registrerad", "rapporten" },
    { EK_SARAH_LIMIT_UTREDNING_INLEDD, "sarah_utredning_inledd", EK_SARAH_RAPPORT, EK_SARAH_UTREDNING_INLEDD,
      WHEN_ALWAYS, EK_PERIOD_POLICY, EK_P_SARAH_UTREDNING_INLEDD, "sarah_utredning_inledd",
      "utan dröjsmål (utreda)", "varje rapport", VERSIONS(v_registrering),
      "Utredning inledd", "Utredning inte inledd", "rapporten" },
    { EK_SARAH_LIMIT_ANMALAN_IVO, "sarah_anmalan_ivo", EK_SARAH_BEDOMD, EK_SARAH_ANMALD_IVO, WHEN_SERIOUS,
      EK_PERIOD_POLICY, EK_P_SARAH_ANMALAN_IVO, "sarah_anmalan_ivo", "snarast",
      "bedömd som allvarlig", VERSIONS(v_anmalan),
      "Anmäld till IVO", "Inte anmäld till IVO", "bedömningen som allvarlig" },
    { EK_SARAH_LIMIT_UTREDNING_TILL_IVO, "sarah_utredning_till_ivo", EK_SARAH_ANMALD_IVO,
      EK_SARAH_UTREDNING_TILL_IVO, WHEN_NOT_ATTACHED, EK_PERIOD_LAW, EK_P_SARAH_UTREDNING_TILL_IVO,
      "sarah_utredning_till_ivo", "senast två månader efter anmälan (SOSFS 2011:5)",
      "anmäld till IVO utan att utredningen bifogades", VERSIONS(v_till_ivo),
      "Utredningen skickad till IVO", "Utredningen inte skickad till IVO", "anmälan till IVO" },
    { EK_SARAH_LIMIT_ATGARD, "sarah_atgard", FIELD_MEASURE, FIELD_MEASURE, WHEN_MEASURE,
      EK_PERIOD_SET_DATE, -1, NULL, "nämndens eget datum (senast)", "varje åtgärd", VERSIONS(v_atgard),
      "Åtgärden genomförd", "Inte genomförd", "" },
};

#define N_LIMIT_DEFS (sizeof limit_defs / sizeof limit_defs[0])

ek_period_kind ek__sarah_limit_period_kind(ek_sarah_limit_kind kind)
{
    for (size_t i = 0; i < N_LIMIT_DEFS; i++)
        if (limit_defs[i].kind == kind)
            return limit_defs[i].period_kind;
    return EK_PERIOD_LAW;
}

size_t ek_sarah_limit_count(void) { return N_LIMIT_DEFS; }

static const char *field_text(int f, int done)
{
    static const char *const names[EK_SARAH_DATE_COUNT] = {
        "datum.handelse", "datum.uppmarksammad", "datum.rapport", "datum.registrerad", "datum.utredning_inledd",
        "datum.bedomd", "datum.anmald_ivo", "datum.utredning_till_ivo", "datum.avslutad",
    };
    if (f == FIELD_MEASURE)
        return done ? "atgarder[].genomford" : "atgarder[].senast";
    return names[f];
}

int ek_sarah_limit_at(size_t index, ek_sarah_limit_info *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_limit_at: NULL argument");
    if (out->version != EK_SARAH_LIMIT_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_limit_info version %u unknown", out->version);
    if (index >= N_LIMIT_DEFS)
        return ek__error(EK_ERANGE, "no lex Sarah limit %zu (there are %zu)", index, N_LIMIT_DEFS);
    const limit_def *d = &limit_defs[index];
    out->kind = d->kind;
    out->name = d->name;
    out->start = field_text(d->start_field, 0);
    out->done = field_text(d->done_field, 1);
    out->applies = d->applies;
    out->period_kind = d->period_kind;
    out->policy = d->policy;
    out->words = d->words;
    out->version_count = d->n_versions;
    return EK_OK;
}

int ek_sarah_limit_version(size_t index, size_t k, ek_sarah_limit_version_info *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_limit_version: NULL argument");
    if (out->version != EK_SARAH_LIMIT_VERSION_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_limit_version_info version %u unknown", out->version);
    if (index >= N_LIMIT_DEFS)
        return ek__error(EK_ERANGE, "no lex Sarah limit %zu (there are %zu)", index, N_LIMIT_DEFS);
    const limit_def *d = &limit_defs[index];
    if (k >= d->n_versions)
        return ek__error(EK_ERANGE, "lex Sarah limit %s has no version %zu (it has %zu)", d->name, k, d->n_versions);
    out->valid_from = d->versions[k].from;
    out->valid_to = d->versions[k].to;
    out->basis = d->versions[k].basis;
    out->certainty = d->versions[k].certainty;
    return EK_OK;
}

static const char E1_BASIS[] = "SoL (2025:400) 27 kap. 2-6 §§; SoL (2001:453) 14 kap. 3-7 §§; SOSFS 2011:5";
static const char E2_BASIS[] = "SOSFS 2011:5 5 kap.";

typedef struct eval_env {
    const ek_calendar *cal;
    const ek_policy *policy;
    ek_judge_on judge;
    ek_date as_of;
} eval_env;

/* Fill slot->pub's static parts for definition @d. */
static void limit_init(limit_slot *s, const limit_def *d)
{
    ek_sarah_limit init = EK_SARAH_LIMIT_INIT;
    s->pub = init;
    s->pub.kind = d->kind;
    s->pub.name = d->name;
    s->pub.policy = d->policy;
    s->pub.basis_old = d->versions[0].basis;
    s->pub.basis_new = d->versions[d->n_versions - 1].basis;
    s->pub.basis = s->pub.basis_new; /* replaced by the version in force on the due date */
    s->pub.certainty = d->versions[d->n_versions - 1].certainty;
    s->message = NULL;
    s->period[0] = '\0';
}

/* The law version in force on the nominal due date (the first one before it) gives basis and certainty; a limit
 * without a due date (not applicable, not computable) takes the version in force on @as_of, else the latest. */
static void set_version_by_due(limit_slot *s, const limit_def *d, ek_date as_of)
{
    ek_date due = s->pub.nominal != EK_DATE_NONE ? s->pub.nominal : as_of;
    if (due == EK_DATE_NONE)
        return;
    const sarah_version *v = &d->versions[0];
    for (size_t k = 0; k < d->n_versions; k++)
        if (due >= d->versions[k].from && (d->versions[k].to == EK_DATE_NONE || due <= d->versions[k].to))
            v = &d->versions[k];
    s->pub.basis = v->basis;
    s->pub.certainty = v->certainty;
}

/* Judge a limit whose end dates are set in s->pub: the action's date is @done. Writes msg. */
static void judge(limit_slot *s, const limit_def *d, const eval_env *env, ek_date done, char *msg, size_t msz)
{
    char bs[EK_DATE_BUFSIZE], be[EK_DATE_BUFSIZE], bd[EK_DATE_BUFSIZE], ba[EK_DATE_BUFSIZE];
    ek_date end = env->judge == EK_JUDGE_NOMINAL ? s->pub.nominal : s->pub.legal;
    /* Only a time set by law or a författning has a legal end apart from the nominal one (1930:173 2 §). */
    char endtext[96];
    if (d->period_kind == EK_PERIOD_SET_DATE)
        snprintf(endtext, sizeof endtext, "fastställd slutdag %s", dstr(end, be));
    else if (d->period_kind == EK_PERIOD_POLICY)
        snprintf(endtext, sizeof endtext, "slutdag %s", dstr(end, be));
    else
        snprintf(endtext, sizeof endtext, "%s slutdag %s", env->judge == EK_JUDGE_NOMINAL ? "nominella" : "lagliga",
                 dstr(end, be));
    char from[160] = "";
    if (s->pub.start != EK_DATE_NONE)
        snprintf(from, sizeof from, " (%s från %s %s%s)", s->period, d->start_word, dstr(s->pub.start, bs),
                 d->period_kind == EK_PERIOD_POLICY ? "; policyns tid, flyttas inte till vardag" : "");
    s->pub.done = done;
    if (done != EK_DATE_NONE) {
        s->pub.result = done <= end ? EK_RESULT_PASS : EK_RESULT_FAIL;
        snprintf(msg, msz, "%s %s, %s fristen: %s%s.", d->done_cap, dstr(done, bd),
                 done <= end ? "inom" : "efter", endtext, from);
    } else if (env->as_of == EK_DATE_NONE) {
        s->pub.result = EK_RESULT_NOTCHECKED;
        snprintf(msg, msz, "%s; inget bedömningsdatum angivet (%s%s).", d->not_done_cap, endtext, from);
    } else if (env->as_of > end) {
        s->pub.result = EK_RESULT_FAIL;
        snprintf(msg, msz, "%s per %s; fristen gick ut %s%s.", d->not_done_cap, dstr(env->as_of, ba),
                 dstr(end, be), from);
    } else {
        s->pub.result = EK_RESULT_NOTCHECKED;
        snprintf(msg, msz, "%s ännu per %s; fristen löper ut %s%s.", d->not_done_cap, dstr(env->as_of, ba),
                 dstr(end, be), from);
    }
}

/* Whether entry @d applies to @r: 1 yes; 0 not (result and message written). */
static int applies(limit_slot *s, const limit_def *d, const ek_sarah_record *r, char *msg, size_t msz)
{
    ek_date ivo = r->dates[EK_SARAH_ANMALD_IVO], sent = r->dates[EK_SARAH_UTREDNING_TILL_IVO];
    ek_date closed = r->dates[EK_SARAH_AVSLUTAD];
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    switch (d->when) {
    case WHEN_ALWAYS:
    case WHEN_MEASURE:
        return 1;
    case WHEN_SERIOUS:
        if (r->allvarlig == EK_SARAH_NO) {
            s->pub.result = EK_RESULT_NOTAPPLICABLE;
            if (ivo != EK_DATE_NONE)
                snprintf(msg, msz, "Bedömd som inte allvarlig; anmäld till IVO %s ändå (frivilligt).", dstr(ivo, b1));
            else
                snprintf(msg, msz, "Bedömd som inte allvarlig: ingen anmälningsskyldighet till IVO.");
            return 0;
        }
        if (r->allvarlig == EK_SARAH_UNKNOWN) {
            s->pub.result = EK_RESULT_NOTCHECKED;
            if (ivo != EK_DATE_NONE)
                snprintf(msg, msz, "Allvarlighet inte angiven (anmäld till IVO %s); fristen kan inte bedömas.",
                         dstr(ivo, b1));
            else
                snprintf(msg, msz, "Allvarlighet inte bedömd ännu; fristen för anmälan till IVO kan inte bedömas.");
            return 0;
        }
        if (r->dates[d->start_field] == EK_DATE_NONE) {
            s->pub.result = EK_RESULT_NOTCHECKED;
            snprintf(msg, msz, "Bedömd som allvarlig men datum för bedömningen (%s) saknas; fristen kan inte "
                               "beräknas.", field_text(d->start_field, 0));
            return 0;
        }
        return 1;
    case WHEN_NOT_ATTACHED:
        if (ivo == EK_DATE_NONE) {
            s->pub.result = EK_RESULT_NOTAPPLICABLE;
            snprintf(msg, msz, "Ingen anmälan till IVO.");
            return 0;
        }
        if (sent == EK_DATE_NONE && r->bifogad == EK_SARAH_YES) {
            s->pub.result = EK_RESULT_NOTAPPLICABLE;
            snprintf(msg, msz, "Utredningen bifogades anmälan till IVO %s.", dstr(ivo, b1));
            return 0;
        }
        if (sent == EK_DATE_NONE && r->bifogad == EK_SARAH_UNKNOWN && closed != EK_DATE_NONE && closed <= ivo) {
            s->pub.result = EK_RESULT_NOTCHECKED;
            snprintf(msg, msz, "Utredningen var avslutad %s, före anmälan till IVO %s; uppgift om den "
                               "bifogades (ivo.utredning_bifogad) saknas.", dstr(closed, b1), dstr(ivo, b2));
            return 0;
        }
        return 1;
    }
    return 1;
}

/* The one judge of every table entry: applicability, the start and done dates, the period of its kind through
 * ek_deadline_compute_kind(), the law version on the due date, and the verdict.  @mi: the measure (WHEN_MEASURE). */
static void judge_limit_body(limit_slot *s, const limit_def *d, const ek_sarah_record *r, size_t mi,
                             const eval_env *env, char *msg, size_t msz)
{
    limit_init(s, d);
    const ek__sarah_measure *m = d->when == WHEN_MEASURE ? &r->measures[mi] : NULL;
    char prefix[120] = "";
    if (m != NULL) {
        /* the measure by its number, never by its beskrivning (free text, issue 18) */
        snprintf(prefix, sizeof prefix, "Åtgärd %zu", mi);
        s->pub.measure_index = mi;
    }
    ek_date start = m ? m->senast : r->dates[d->start_field];
    ek_date done = m ? m->genomford : r->dates[d->done_field];
    s->pub.done = done;
    char body[480];
    body[0] = '\0';
    if (!applies(s, d, r, body, sizeof body)) {
        snprintf(msg, msz, "%s%s%s", prefix, *prefix ? ": " : "", body);
        return;
    }
    if (start == EK_DATE_NONE) { /* only a measure without a due date reaches here */
        char b[EK_DATE_BUFSIZE];
        s->pub.result = EK_RESULT_NOTCHECKED;
        if (done != EK_DATE_NONE)
            snprintf(msg, msz, "%s genomförd %s; inget slutdatum (senast) att bedöma mot.", prefix, dstr(done, b));
        else
            snprintf(msg, msz, "%s saknar slutdatum (senast).", prefix);
        return;
    }
    ek_period p = { 0, EK_UNIT_DAYS };
    if (d->period_kind != EK_PERIOD_SET_DATE) {
        p = ek__policy_period(env->policy, (ek__policy_id)d->policy_id);
        if (ek_period_format(p, s->period, sizeof s->period) != EK_OK)
            s->period[0] = '\0';
        s->pub.period = s->period;
        s->pub.start = start;
    }
    ek_deadline dl;
    if (ek_deadline_compute_kind(env->cal, start, p, d->period_kind, &dl) != EK_OK) {
        s->pub.result = EK_RESULT_ERROR;
        snprintf(msg, msz, "%s%sFristen kunde inte beräknas: %.300s", prefix, *prefix ? ": " : "",
                 ek_error_last()->message);
        return;
    }
    s->pub.nominal = dl.nominal;
    s->pub.legal = dl.legal;
    judge(s, d, env, done, body, sizeof body);
    snprintf(msg, msz, "%s%s%s", prefix, *prefix ? ": " : "", body);
}

static void judge_limit(limit_slot *s, const limit_def *d, const ek_sarah_record *r, size_t mi, const eval_env *env,
                        char *msg, size_t msz)
{
    judge_limit_body(s, d, r, mi, env, msg, msz);
    set_version_by_due(s, d, env->as_of);
}

static ek_result combine_e1(const limit_slot *l, size_t n)
{
    int any_err = 0, any_fail = 0, any_nc = 0, any_pass = 0;
    for (size_t i = 0; i < n; i++) {
        switch (l[i].pub.result) {
        case EK_RESULT_ERROR: any_err = 1; break;
        case EK_RESULT_FAIL: any_fail = 1; break;
        case EK_RESULT_PASS: any_pass = 1; break;
        case EK_RESULT_NOTAPPLICABLE: break;
        default: any_nc = 1; break;
        }
    }
    if (any_err) return EK_RESULT_ERROR;
    if (any_fail) return EK_RESULT_FAIL;
    if (any_nc) return EK_RESULT_NOTCHECKED;
    if (any_pass) return EK_RESULT_PASS;
    return EK_RESULT_NOTAPPLICABLE;
}

/* Append ", name" (or "name" first) to buf. */
static void list_add(char *buf, size_t size, const char *name)
{
    size_t n = strlen(buf);
    if (n + 1 >= size)
        return;
    snprintf(buf + n, size - n, "%s%s", n && buf[n - 1] != ' ' ? ", " : "", name);
}

static void e1_message(ek_result res, const limit_slot *l, size_t n, char *msg, size_t msz)
{
    msg[0] = '\0';
    switch (res) {
    case EK_RESULT_PASS: snprintf(msg, msz, "Alla tillämpliga frister hölls."); return;
    case EK_RESULT_NOTAPPLICABLE: snprintf(msg, msz, "Inga frister tillämpliga."); return;
    case EK_RESULT_FAIL: snprintf(msg, msz, "Frist inte hållen: "); break;
    case EK_RESULT_ERROR: snprintf(msg, msz, "Kan inte bedömas (fel i uppgifterna): "); break;
    default: snprintf(msg, msz, "Kan inte bedömas fullt ut: "); break;
    }
    for (size_t i = 0; i < n; i++) {
        ek_result r = l[i].pub.result;
        int want = res == EK_RESULT_FAIL ? r == EK_RESULT_FAIL
                 : res == EK_RESULT_ERROR ? r == EK_RESULT_ERROR
                 : (r == EK_RESULT_NOTCHECKED || r == EK_RESULT_UNKNOWN);
        if (!want)
            continue;
        char name[48];
        if (l[i].pub.kind == EK_SARAH_LIMIT_ATGARD)
            snprintf(name, sizeof name, "sarah_atgard[%zu]", l[i].pub.measure_index);
        else
            snprintf(name, sizeof name, "%s", l[i].pub.name);
        list_add(msg, msz, name);
    }
    size_t len = strlen(msg);
    if (len + 1 < msz)
        snprintf(msg + len, msz - len, ".");
}

/* The value of element @el on day @day: the current value with every history change dated after @day undone
 * (newest first).  A change dated @day counts as done that day. */
static ek_sarah_tri element_on(const ek_sarah_record *r, int el, ek_date day)
{
    ek_sarah_tri v = r->elements[el];
    for (size_t k = r->n_hist; k-- > 0;) {
        const ek__sarah_hist *h = &r->hist[k];
        if (h->date <= day)
            break; /* the history is in time order */
        if (h->kind == EK_SARAH_HIST_ANDRING && h->field && strcmp(h->field, element_fields[el]) == 0)
            v = h->old_value == NULL ? EK_SARAH_UNKNOWN
              : strcmp(h->old_value, "true") == 0 ? EK_SARAH_YES : EK_SARAH_NO;
    }
    return v;
}

/* "(4) orsaker, (9) stallningstagande" for the bits of @bits. */
static void element_list_text(char *buf, size_t size, unsigned bits)
{
    buf[0] = '\0';
    for (int i = 0; i < EK_SARAH_ELEMENT_COUNT; i++)
        if (bits & (1u << i)) {
            char nm[48];
            snprintf(nm, sizeof nm, "(%d) %s", i + 1, element_names[i]);
            list_add(buf, size, nm);
        }
}

/* One day on which E2 is judged (DOMAIN.md §6 E2; docs/sarah.md "E2"). */
typedef struct e2_point {
    ek_date day;
    const char *what;       /* Swedish: "anmälan till IVO", "utredningen skickad till IVO", "avslut" */
    unsigned missing, unknown;
} e2_point;

/* E2.  The judgement days: the IVO report (27 kap. 6 §: the investigation made is attached to the report),
 * unless the SOSFS 2011:5 route is taken -- the investigation was not finished or not attached at the report
 * and goes to IVO separately within the limit sarah_utredning_till_ivo (@till, already evaluated), in which case
 * the day it is sent; and the closing day.  Elements are taken as they stood on each day. */
static void e2_eval(ek_sarah_item *it, const ek_sarah_record *r, const limit_slot *till, const eval_env *env,
                    char *msg, size_t msz)
{
    ek_date ivo = r->dates[EK_SARAH_ANMALD_IVO], sent = r->dates[EK_SARAH_UTREDNING_TILL_IVO];
    ek_date closed = r->dates[EK_SARAH_AVSLUTAD];
    char b1[EK_DATE_BUFSIZE], b2[EK_DATE_BUFSIZE];
    e2_point pt[3];
    size_t np = 0;
    int pending_route = 0;
    ek_date route_end = EK_DATE_NONE;
    if (ivo != EK_DATE_NONE) {
        /* The route: not attached (or not finished at the report, and not said to be attached). */
        int route = r->bifogad != EK_SARAH_YES &&
                    (sent != EK_DATE_NONE || r->bifogad == EK_SARAH_NO || closed == EK_DATE_NONE || closed > ivo);
        if (till != NULL && till->pub.nominal != EK_DATE_NONE)
            route_end = env->judge == EK_JUDGE_NOMINAL ? till->pub.nominal : till->pub.legal;
        int excused = 0;
        if (route && route_end != EK_DATE_NONE) {
            if (sent != EK_DATE_NONE)
                excused = sent <= route_end;
            else
                excused = pending_route = env->as_of == EK_DATE_NONE || env->as_of <= route_end;
        }
        if (!excused)
            pt[np++] = (e2_point){ ivo, "anmälan till IVO", 0, 0 };
        if (sent != EK_DATE_NONE)
            pt[np++] = (e2_point){ sent, "utredningen skickad till IVO", 0, 0 };
    }
    if (closed != EK_DATE_NONE)
        pt[np++] = (e2_point){ closed, "avslut", 0, 0 };
    unsigned missing = 0, unknown = 0, now_missing = 0, now_unknown = 0;
    for (int i = 0; i < EK_SARAH_ELEMENT_COUNT; i++) {
        if (r->elements[i] == EK_SARAH_NO) now_missing |= 1u << i;
        else if (r->elements[i] == EK_SARAH_UNKNOWN) now_unknown |= 1u << i;
    }
    for (size_t k = 0; k < np; k++) {
        for (int i = 0; i < EK_SARAH_ELEMENT_COUNT; i++) {
            ek_sarah_tri v = element_on(r, i, pt[k].day);
            if (v == EK_SARAH_NO) pt[k].missing |= 1u << i;
            else if (v == EK_SARAH_UNKNOWN) pt[k].unknown |= 1u << i;
        }
        missing |= pt[k].missing;
        unknown |= pt[k].unknown;
    }
    char list[400], list2[400];
    if (np == 0) {
        it->missing = now_missing;
        it->unknown = now_unknown;
        if (!now_missing && !now_unknown) {
            it->result = EK_RESULT_PASS;
            snprintf(msg, msz, "Utredningen innehåller alla nio uppgifter.");
            return;
        }
        element_list_text(list, sizeof list, now_missing | now_unknown);
        it->result = EK_RESULT_NOTCHECKED;
        if (pending_route)
            snprintf(msg, msz, "Utredningen bifogades inte anmälan till IVO %s; den ska skickas senast %s "
                     "(SOSFS 2011:5) och bedöms då. Ännu inte dokumenterat: %s.", dstr(ivo, b1),
                     dstr(route_end, b2), list);
        else
            snprintf(msg, msz, "Utredningen är inte avslutad; ännu inte dokumenterat: %s.", list);
        return;
    }
    it->missing = missing;
    it->unknown = pt[np - 1].unknown;
    if (missing) {
        it->result = EK_RESULT_FAIL;
        size_t n = 0;
        msg[0] = '\0';
        for (size_t k = 0; k < np && n + 1 < msz; k++) {
            if (!pt[k].missing)
                continue;
            element_list_text(list, sizeof list, pt[k].missing);
            n += (size_t)snprintf(msg + n, msz - n, "%sVid %s %s saknades i utredningen: %s.", n ? " " : "",
                                  pt[k].what, dstr(pt[k].day, b1), list);
        }
        if (it->unknown && n + 1 < msz) {
            element_list_text(list2, sizeof list2, it->unknown);
            snprintf(msg + n, msz - n, " Uppgift saknas om: %s.", list2);
        }
    } else if (unknown) {
        it->result = EK_RESULT_NOTCHECKED;
        element_list_text(list, sizeof list, unknown);
        snprintf(msg, msz, "Vid %s %s: uppgift saknas om: %s.", pt[np - 1].what, dstr(pt[np - 1].day, b1), list);
    } else {
        it->result = EK_RESULT_PASS;
        if (np > 1)
            snprintf(msg, msz, "Utredningen innehöll alla nio uppgifter vid %s %s och vid %s %s.", pt[0].what,
                     dstr(pt[0].day, b1), pt[np - 1].what, dstr(pt[np - 1].day, b2));
        else
            snprintf(msg, msz, "Utredningen innehöll alla nio uppgifter vid %s %s.", pt[0].what, dstr(pt[0].day, b1));
    }
}

int ek_sarah_evaluate(const ek_context *ctx, const ek_sarah_record *r, ek_date as_of, ek_sarah_result **out)
{
    if (ctx == NULL || r == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_evaluate: NULL argument");
    if (as_of != EK_DATE_NONE && !ek_date_in_range(as_of))
        return ek__error_at(EK_ERANGE, NULL, 0, 0, r->id, NULL, "as-of date outside the supported range");
    eval_env env = { ek_context_calendar(ctx), ek_context_policy_const(ctx), EK_JUDGE_LEGAL, as_of };
    env.judge = ek_policy_judge_on(env.policy);

    ek_sarah_result *res = ek__calloc(1, sizeof *res);
    if (res == NULL)
        return ek__oom();
    res->as_of = as_of;
    res->state = ek_sarah_record_state(r);
    res->id = ek__strdup(r->id);
    size_t n = r->n_measures;
    for (size_t k = 0; k < N_LIMIT_DEFS; k++)
        n += limit_defs[k].when != WHEN_MEASURE;
    res->limits = ek__calloc(n, sizeof *res->limits);
    if (res->id == NULL || res->limits == NULL) {
        ek_sarah_result_free(res);
        return ek__oom();
    }
    char msg[600];
    ek_sarah_item e1 = EK_SARAH_ITEM_INIT, e2 = EK_SARAH_ITEM_INIT;
    e1.item = "E1";
    e1.basis = E1_BASIS;
    e2.item = "E2";
    e2.basis = E2_BASIS;
    char e1msg[600], e2msg[600];

    /* Save the caller's last error: a conflict here is reported as result "error", not as a failure. */
    int conflict = ek_sarah_record_validate(r);
    char conflict_msg[512] = "";
    if (conflict != EK_OK)
        snprintf(conflict_msg, sizeof conflict_msg, "%s", ek_error_last()->message);

    for (size_t i = 0, def = 0, mi = 0; i < n; i++) {
        limit_slot *s = &res->limits[i];
        msg[0] = '\0';
        /* table order; an entry WHEN_MEASURE takes one slot per measure (none without measures) */
        while (limit_defs[def].when == WHEN_MEASURE && mi >= r->n_measures) {
            def++;
            mi = 0;
        }
        judge_limit(s, &limit_defs[def], r, mi, &env, msg, sizeof msg);
        if (limit_defs[def].when == WHEN_MEASURE)
            mi++;
        else
            def++;
        if (conflict != EK_OK && s->pub.result != EK_RESULT_NOTAPPLICABLE) {
            s->pub.result = EK_RESULT_ERROR;
            snprintf(msg, sizeof msg, "Motstridiga datum: %s", conflict_msg);
        }
        res->n_limits = i + 1;
        s->message = ek__strdup(msg);
        if (s->message == NULL) {
            ek_sarah_result_free(res);
            return ek__oom();
        }
        s->pub.message = s->message;
    }
    if (conflict != EK_OK) {
        e1.result = e2.result = EK_RESULT_ERROR;
        snprintf(e1msg, sizeof e1msg, "Kan inte bedömas: %s", conflict_msg);
        snprintf(e2msg, sizeof e2msg, "Kan inte bedömas: %s", conflict_msg);
    } else {
        e1.result = combine_e1(res->limits, res->n_limits);
        e1_message(e1.result, res->limits, res->n_limits, e1msg, sizeof e1msg);
        const limit_slot *till = NULL;
        for (size_t i = 0; i < res->n_limits; i++)
            if (res->limits[i].pub.kind == EK_SARAH_LIMIT_UTREDNING_TILL_IVO)
                till = &res->limits[i];
        e2_eval(&e2, r, till, &env, e2msg, sizeof e2msg);
    }
    res->item_msg[0] = ek__strdup(e1msg);
    res->item_msg[1] = ek__strdup(e2msg);
    if (res->item_msg[0] == NULL || res->item_msg[1] == NULL) {
        ek_sarah_result_free(res);
        return ek__oom();
    }
    e1.message = res->item_msg[0];
    e2.message = res->item_msg[1];
    res->items[0] = e1;
    res->items[1] = e2;
    *out = res;
    return EK_OK;
}

const char *ek_sarah_result_id(const ek_sarah_result *res) { return res ? res->id : NULL; }
ek_sarah_state ek_sarah_result_state(const ek_sarah_result *res) { return res ? res->state : (ek_sarah_state)0; }
ek_date ek_sarah_result_as_of(const ek_sarah_result *res) { return res ? res->as_of : EK_DATE_NONE; }

int ek_sarah_result_item(const ek_sarah_result *res, size_t k, ek_sarah_item *out)
{
    if (res == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_result_item: NULL argument");
    if (out->version != EK_SARAH_ITEM_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_item version %u unknown", out->version);
    if (k >= 2)
        return ek__error(EK_ERANGE, "no item %zu (0 = E1, 1 = E2)", k);
    *out = res->items[k];
    return EK_OK;
}

size_t ek_sarah_result_limit_count(const ek_sarah_result *res) { return res ? res->n_limits : 0; }

int ek_sarah_result_limit(const ek_sarah_result *res, size_t k, ek_sarah_limit *out)
{
    if (res == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_result_limit: NULL argument");
    if (out->version != EK_SARAH_LIMIT_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_limit version %u unknown", out->version);
    if (k >= res->n_limits)
        return ek__error(EK_ERANGE, "no limit %zu (the result has %zu)", k, res->n_limits);
    *out = res->limits[k].pub;
    return EK_OK;
}

/* ---- summary ---------------------------------------------------------------------------- */

typedef struct group_entry {
    char *name;
    size_t count, serious;
} group_entry;

typedef struct group_list {
    group_entry *v;
    size_t n, cap;
} group_list;

struct ek_sarah_summary {
    ek_sarah_summary_counts c;
    group_list groups[3];   /* kategori, unit, typ */
    long *ivo_days;
    size_t n_days, cap_days;
};

int ek_sarah_summary_new(ek_sarah_summary **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_new: out is NULL");
    ek_sarah_summary *s = ek__calloc(1, sizeof *s);
    if (s == NULL)
        return ek__oom();
    ek_sarah_summary_counts init = EK_SARAH_SUMMARY_COUNTS_INIT;
    s->c = init;
    *out = s;
    return EK_OK;
}

void ek_sarah_summary_free(ek_sarah_summary *s)
{
    if (s == NULL)
        return;
    for (int g = 0; g < 3; g++) {
        for (size_t i = 0; i < s->groups[g].n; i++)
            ek__free(s->groups[g].v[i].name);
        ek__free(s->groups[g].v);
    }
    ek__free(s->ivo_days);
    ek__free(s);
}

static const char NO_VALUE[] = "(ingen)";

static long group_find(const group_list *gl, const char *name)
{
    for (size_t i = 0; i < gl->n; i++)
        if (strcmp(gl->v[i].name, name) == 0)
            return (long)i;
    return -1;
}

int ek_sarah_summary_add(ek_sarah_summary *s, const ek_sarah_record *r, const ek_sarah_result *res)
{
    if (s == NULL || r == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_add: NULL argument");
    const char *names[3] = {
        r->text[EK_SARAH_KATEGORI] ? r->text[EK_SARAH_KATEGORI] : NO_VALUE,
        r->text[EK_SARAH_UNIT] ? r->text[EK_SARAH_UNIT] : NO_VALUE,
        ek_sarah_typ_name(r->typ) ? ek_sarah_typ_name(r->typ) : NO_VALUE,
    };
    /* Allocate everything first so that a failure leaves the summary unchanged. */
    char *fresh[3] = { NULL, NULL, NULL };
    long idx[3];
    int rc = EK_OK;
    for (int g = 0; g < 3 && rc == EK_OK; g++) {
        idx[g] = group_find(&s->groups[g], names[g]);
        if (idx[g] >= 0)
            continue;
        rc = grow((void **)&s->groups[g].v, &s->groups[g].cap, s->groups[g].n, sizeof(group_entry));
        if (rc == EK_OK && (fresh[g] = ek__strdup(names[g])) == NULL)
            rc = ek__oom();
    }
    ek_date rap = r->dates[EK_SARAH_RAPPORT], ivo = r->dates[EK_SARAH_ANMALD_IVO];
    int has_days = rap != EK_DATE_NONE && ivo != EK_DATE_NONE;
    if (rc == EK_OK && has_days)
        rc = grow((void **)&s->ivo_days, &s->cap_days, s->n_days, sizeof(long));
    if (rc != EK_OK) {
        for (int g = 0; g < 3; g++)
            ek__free(fresh[g]);
        return rc;
    }
    int serious = r->allvarlig == EK_SARAH_YES;
    for (int g = 0; g < 3; g++) {
        group_list *gl = &s->groups[g];
        if (idx[g] < 0) {
            gl->v[gl->n].name = fresh[g];
            gl->v[gl->n].count = gl->v[gl->n].serious = 0;
            idx[g] = (long)gl->n++;
        }
        gl->v[idx[g]].count++;
        gl->v[idx[g]].serious += (size_t)serious;
    }
    ek_sarah_summary_counts *c = &s->c;
    c->records++;
    ek_sarah_state st = ek_sarah_record_state(r);
    if (state_valid(st))
        c->by_state[st]++;
    if (r->allvarlig == EK_SARAH_YES) c->allvarlig_yes++;
    else if (r->allvarlig == EK_SARAH_NO) c->allvarlig_no++;
    else c->allvarlig_unknown++;
    if (ivo != EK_DATE_NONE)
        c->anmald_ivo++;
    c->measures += r->n_measures;
    if (has_days) { /* kept sorted (insertion), so reading needs no sort */
        long v = (long)(ivo - rap);
        size_t at = s->n_days;
        while (at > 0 && s->ivo_days[at - 1] > v) {
            s->ivo_days[at] = s->ivo_days[at - 1];
            at--;
        }
        s->ivo_days[at] = v;
        s->n_days++;
    }
    if (res != NULL) {
        if ((unsigned)res->items[0].result < 10) c->e1[res->items[0].result]++;
        if ((unsigned)res->items[1].result < 10) c->e2[res->items[1].result]++;
        for (size_t i = 0; i < res->n_limits; i++) {
            const ek_sarah_limit *l = &res->limits[i].pub;
            if (l->kind != EK_SARAH_LIMIT_ATGARD || l->result != EK_RESULT_FAIL)
                continue;
            if (l->done == EK_DATE_NONE) c->measures_overdue++;
            else c->measures_late++;
        }
    }
    return EK_OK;
}

int ek_sarah_summary_add_rejected(ek_sarah_summary *s)
{
    if (s == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_add_rejected: NULL summary");
    s->c.rejected++;
    return EK_OK;
}

static double quantile(const long *v, size_t n, double q)
{
    double pos = q * (double)(n - 1);
    size_t lo = (size_t)pos;
    double frac = pos - (double)lo;
    if (lo + 1 >= n)
        return (double)v[n - 1];
    return (double)v[lo] + frac * (double)(v[lo + 1] - v[lo]);
}

int ek_sarah_summary_counts_get(const ek_sarah_summary *s, ek_sarah_summary_counts *out)
{
    if (s == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_counts_get: NULL argument");
    if (out->version != EK_SARAH_SUMMARY_COUNTS_VERSION)
        return ek__error(EK_EVERSION, "ek_sarah_summary_counts version %u unknown", out->version);
    *out = s->c;
    out->ivo_days_n = s->n_days;
    if (s->n_days > 0) {
        out->ivo_days_min = s->ivo_days[0];
        out->ivo_days_max = s->ivo_days[s->n_days - 1];
        out->ivo_days_median = quantile(s->ivo_days, s->n_days, 0.5);
        out->ivo_days_q1 = quantile(s->ivo_days, s->n_days, 0.25);
        out->ivo_days_q3 = quantile(s->ivo_days, s->n_days, 0.75);
    }
    return EK_OK;
}

static const group_list *group_of(const ek_sarah_summary *s, ek_sarah_group g)
{
    if (s == NULL || g < EK_SARAH_GROUP_KATEGORI || g > EK_SARAH_GROUP_TYP)
        return NULL;
    return &s->groups[g - 1];
}

size_t ek_sarah_summary_group_count(const ek_sarah_summary *s, ek_sarah_group g)
{
    const group_list *gl = group_of(s, g);
    return gl ? gl->n : 0;
}

int ek_sarah_summary_group(const ek_sarah_summary *s, ek_sarah_group g, size_t k, const char **name,
                           size_t *count, size_t *serious)
{
    const group_list *gl = group_of(s, g);
    if (gl == NULL || name == NULL)
        return ek__error(EK_EINVAL, "ek_sarah_summary_group: NULL summary or unknown grouping");
    if (k >= gl->n)
        return ek__error(EK_ERANGE, "no group value %zu (there are %zu)", k, gl->n);
    *name = gl->v[k].name;
    if (count) *count = gl->v[k].count;
    if (serious) *serious = gl->v[k].serious;
    return EK_OK;
}
