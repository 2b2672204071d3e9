/* SPDX-License-Identifier: MIT */
/* Lex Sarah records: names, creation, copying, reading, extras.  The rest of the module: changes and their
 * history (sarah_history.c), time limits E1 and content E2 (sarah_eval.c), the register summary
 * (sarah_summary.c); shared private layout in sarah_internal.h.
 * Legal basis and definitions: include/egenkontroll/sarah.h and docs/sarah.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/calendar.h>
#include <egenkontroll/sarah.h>

#include "buf_internal.h"
#include "i18n.h"
#include "internal.h"
#include "sarah_internal.h"


/* ---- names ------------------------------------------------------------------ */

static const char *const date_names[EK__SARAH_DATE_COUNT] = {
    "handelse", "uppmarksammad", "rapport", "registrerad", "utredning_inledd",
    "bedomd", "anmald_ivo", "utredning_till_ivo", "avslutad",
};

const char *const ek__sarah_date_fields[EK__SARAH_DATE_COUNT] = {
    "datum.handelse", "datum.uppmarksammad", "datum.rapport", "datum.registrerad",
    "datum.utredning_inledd", "datum.bedomd", "datum.anmald_ivo", "datum.utredning_till_ivo",
    "datum.avslutad",
};

static const char *const element_names[EK__SARAH_ELEMENT_COUNT] = {
    "vad_och_konsekvenser", "nar_och_hur_uppmarksammat", "nar_det_hande", "orsaker",
    "tidigare_liknande", "risk_upprepning", "atgarder", "ovrigt", "stallningstagande",
};

const char *const ek__sarah_element_fields[EK__SARAH_ELEMENT_COUNT] = {
    "utredning.vad_och_konsekvenser", "utredning.nar_och_hur_uppmarksammat", "utredning.nar_det_hande",
    "utredning.orsaker", "utredning.tidigare_liknande", "utredning.risk_upprepning", "utredning.atgarder",
    "utredning.ovrigt", "utredning.stallningstagande",
};

static const char *const text_names[EK__SARAH_TEXT_COUNT] = {
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

size_t ek_sarah_date_field_count(void) { return EK__SARAH_DATE_COUNT; }
size_t ek_sarah_element_count(void) { return EK__SARAH_ELEMENT_COUNT; }
size_t ek_sarah_text_field_count(void) { return EK__SARAH_TEXT_COUNT; }

const char *ek_sarah_date_field_name(ek_sarah_date_field field)
{
    return (unsigned)field < EK__SARAH_DATE_COUNT ? date_names[field] : NULL;
}

const char *ek_sarah_element_name(ek_sarah_element el)
{
    return (unsigned)el < EK__SARAH_ELEMENT_COUNT ? element_names[el] : NULL;
}

const char *ek_sarah_text_field_name(ek_sarah_text_field field)
{
    return (unsigned)field < EK__SARAH_TEXT_COUNT ? text_names[field] : NULL;
}

const char *ek_sarah_state_name(ek_sarah_state state)
{
    return (state >= EK_SARAH_STATE_RAPPORTERAD && state <= EK_SARAH_STATE_AVSLUTAD) ? state_names[state] : NULL;
}

int ek__sarah_state_valid(ek_sarah_state s)
{
    return s >= EK_SARAH_STATE_RAPPORTERAD && s <= EK_SARAH_STATE_AVSLUTAD;
}

int ek_sarah_transition_allowed(ek_sarah_state from, ek_sarah_state to)
{
    if (!ek__sarah_state_valid(from) || !ek__sarah_state_valid(to))
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

const char *ek__sarah_dstr(ek_date d, char buf[EK_DATE_BUFSIZE])
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        ek__strlcpy(buf, _("(inget)"), EK_DATE_BUFSIZE);
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
    for (int i = 0; i < EK__SARAH_DATE_COUNT; i++)
        r->dates[i] = EK_DATE_NONE;
    r->allvarlig = EK_SARAH_UNKNOWN;
    r->bifogad = EK_SARAH_UNKNOWN;
    for (int i = 0; i < EK__SARAH_ELEMENT_COUNT; i++)
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

void ek__sarah_measure_clear(ek__sarah_measure *m)
{
    ek__free(m->beskrivning);
    ek__free(m->ansvarig);
    ek__free(m->extra);
}

void ek__sarah_hist_clear(ek__sarah_hist *h)
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
    for (int i = 0; i < EK__SARAH_TEXT_COUNT; i++)
        ek__free(r->text[i]);
    for (size_t i = 0; i < r->n_measures; i++)
        ek__sarah_measure_clear(&r->measures[i]);
    ek__free(r->measures);
    for (size_t i = 0; i < r->n_hist; i++)
        ek__sarah_hist_clear(&r->hist[i]);
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

int ek__sarah_push_measure(ek_sarah_record *r, ek__sarah_measure **slot)
{
    int rc = EK__VEC_RESERVE_ZERO(r->measures, r->cap_measures, r->n_measures + 1, 4);
    if (rc != EK_OK)
        return rc;
    *slot = &r->measures[r->n_measures];
    memset(*slot, 0, sizeof **slot);
    (*slot)->senast = (*slot)->genomford = EK_DATE_NONE;
    return EK_OK;
}

int ek__sarah_push_hist(ek_sarah_record *r, ek__sarah_hist **slot)
{
    int rc = EK__VEC_RESERVE_ZERO(r->hist, r->cap_hist, r->n_hist + 1, 4);
    if (rc != EK_OK)
        return rc;
    *slot = &r->hist[r->n_hist];
    memset(*slot, 0, sizeof **slot);
    (*slot)->date = EK_DATE_NONE;
    return EK_OK;
}

/* strdup of an optional string into *dst; 0 or EK_ENOMEM */
int ek__sarah_dup_opt(char **dst, const char *src)
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
    for (int i = 0; i < EK__SARAH_TEXT_COUNT && rc == EK_OK; i++)
        rc = ek__sarah_dup_opt(&c->text[i], r->text[i]);
    for (int i = 0; i < EK__SARAH_X_COUNT && rc == EK_OK; i++)
        rc = ek__sarah_dup_opt(&c->container_extra[i], r->container_extra[i]);
    for (size_t i = 0; i < r->n_measures && rc == EK_OK; i++) {
        ek__sarah_measure *m;
        rc = ek__sarah_push_measure(c, &m);
        if (rc != EK_OK)
            break;
        c->n_measures++; /* slot is zeroed: safe to free on a later failure */
        m->senast = r->measures[i].senast;
        m->genomford = r->measures[i].genomford;
        rc = ek__sarah_dup_opt(&m->beskrivning, r->measures[i].beskrivning);
        if (rc == EK_OK)
            rc = ek__sarah_dup_opt(&m->ansvarig, r->measures[i].ansvarig);
        if (rc == EK_OK)
            rc = ek__sarah_dup_opt(&m->extra, r->measures[i].extra);
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
        rc = ek__sarah_dup_opt(&h->who, s->who);
        if (rc == EK_OK) rc = ek__sarah_dup_opt(&h->field, s->field);
        if (rc == EK_OK) rc = ek__sarah_dup_opt(&h->old_value, s->old_value);
        if (rc == EK_OK) rc = ek__sarah_dup_opt(&h->new_value, s->new_value);
        if (rc == EK_OK) rc = ek__sarah_dup_opt(&h->extra, s->extra);
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
    return (r && (unsigned)field < EK__SARAH_DATE_COUNT) ? r->dates[field] : EK_DATE_NONE;
}

const char *ek_sarah_record_text(const ek_sarah_record *r, ek_sarah_text_field field)
{
    return (r && (unsigned)field < EK__SARAH_TEXT_COUNT) ? r->text[field] : NULL;
}

ek_sarah_tri ek_sarah_record_allvarlig(const ek_sarah_record *r) { return r ? r->allvarlig : EK_SARAH_UNKNOWN; }

ek_sarah_tri ek_sarah_record_element(const ek_sarah_record *r, ek_sarah_element el)
{
    return (r && (unsigned)el < EK__SARAH_ELEMENT_COUNT) ? r->elements[el] : EK_SARAH_UNKNOWN;
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
    if (k == NULL || EK__VEC_RESERVE_ZERO(r->extras, r->cap_extras, r->n_extras + 1, 4) != EK_OK) {
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
