/* SPDX-License-Identifier: MIT */
/* The case model (case.h): events in one growable array, attributes in one
 * flat growable array (linked per event), all strings in one chunked arena
 * per case, a stable date-order index maintained on insert.  ek_case_reset()
 * keeps every buffer, so a streaming reader allocates nothing per case once
 * its case has grown to the largest case seen.
 *
 * Strings live in arena blocks that are never moved, so a borrowed string
 * stays valid until the case is reset or freed (the header promises less).
 * Every mutating function either succeeds or leaves the case unchanged:
 * capacity is reserved first and arena allocations are rolled back. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/case.h>

#include "buf_internal.h"
#include "case_internal.h"
#include "i18n.h"
#include "internal.h"

/* ---- vocabulary ---------------------------------------------------------- */

static const char *const type_names[] = {
    NULL,
    "anmalan_mottagen", "skyddsbedomning", "forhandsbedomning_synnerliga_skal",
    "beslut_inleda_utredning", "beslut_inte_inleda_utredning", "pagaende_utredning",
    "aterkoppling_begard", "aterkoppling_lamnad", "utredning_inledd", "information_utredning",
    "utredning_forlangd", "samtal_med_barnet", "natverk_utrett", "utredning_avslutad",
    "familjehemsutredning_klar", "beslut_vard", "placering_verkstalld", "placering_avslutad",
    "halsoundersokning_underrattelse", "vardplan", "vardplan_reviderad", "genomforandeplan",
    "genomforandeplan_reviderad", "overvagande", "omprovning", "vardnadsoverflyttning_overvagd",
    "ansvarig_socialsekreterare", "besok", "stod_till_familjehem", "vardnadshavare_begar_avslut",
    "hemflytt_riskbedomning", "flyttningsforbud_overvagt", "ansokan_lvu", "omedelbart_omhandertagande",
    "omedelbart_omhandertagande_verkstallt", "understallning", "dom_laga_kraft", "polishandrackning",
    "umgangesbegransning", "umgangesbegransning_omprovad", "ivo_beslut", "ivo_svar",
    "lvu_vard_avslutad", "lvu_uppfoljning_avslutad", "lvu_uppfoljning_paborjad",
    "begaran_avgorande", "begaran_avgorande_besvarad",
};
_Static_assert(sizeof type_names / sizeof type_names[0] == EK__EV_LIMIT,
               "one name per ek_event_type (case.h) and EK__EV_LIMIT (case_internal.h) after the last");

size_t ek_event_type_count(void)
{
    return (size_t)EK__EV_LIMIT - 1;
}

const char *ek_event_type_name(ek_event_type type)
{
    if ((int)type <= 0 || (int)type >= EK__EV_LIMIT)
        return NULL;
    return type_names[type];
}

ek_event_type ek_event_type_from_name(const char *name)
{
    if (name == NULL || *name == '\0')
        return EK_EV_UNKNOWN;
    for (int i = 1; i < EK__EV_LIMIT; i++)
        if (type_names[i][0] == name[0] && strcmp(type_names[i], name) == 0)
            return (ek_event_type)i;
    return EK_EV_UNKNOWN;
}

/* Listed attributes (FORMATS.md, table "Event types and their attributes"). */
typedef struct attr_spec {
    ek_event_type type;
    const char *key;
    ek_attr_kind kind;
    const char *values;   /* allowed words "a|b|c", or NULL */
    int required;
} attr_spec;

#define S EK_ATTR_STRING
#define B EK_ATTR_BOOL
#define D EK_ATTR_DATE
#define ASIKT "dokumenterad|skal_dokumenterat|saknas"
#define GRUND "sol|lvu2|lvu3"
#define PLACERINGSFORM "familjehem|jourhem|hvb|stodboende|skyddat_boende|sis"
static const attr_spec specs[] = {
    { EK_EV_ANMALAN_MOTTAGEN, "anmalare", S, NULL, 0 },
    { EK_EV_ANMALAN_MOTTAGEN, "avser_vald", B, NULL, 0 },
    { EK_EV_SKYDDSBEDOMNING, "omedelbart_skydd", B, NULL, 0 },
    { EK_EV_FORHANDSBEDOMNING_SYNNERLIGA_SKAL, "skal", S, NULL, 0 },
    { EK_EV_BESLUT_INLEDA_UTREDNING, "beslutsfattare", S, NULL, 0 },
    { EK_EV_BESLUT_INTE_INLEDA_UTREDNING, "beslutsfattare", S, NULL, 0 },
    { EK_EV_BESLUT_INTE_INLEDA_UTREDNING, "motivering", B, NULL, 0 },
    { EK_EV_BESLUT_INTE_INLEDA_UTREDNING, "barnets_asikt", S, ASIKT, 0 },
    { EK_EV_UTREDNING_FORLANGD, "beslutsfattare", S, NULL, 0 },
    { EK_EV_UTREDNING_FORLANGD, "ny_slutdag", D, NULL, 1 },
    { EK_EV_UTREDNING_FORLANGD, "skal", S, NULL, 0 },
    { EK_EV_SAMTAL_MED_BARNET, "enskilt", B, NULL, 0 },
    { EK_EV_UTREDNING_AVSLUTAD, "beslutsfattare", S, NULL, 0 },
    { EK_EV_UTREDNING_AVSLUTAD, "utfall", S, "insats|ingen_insats", 0 },
    { EK_EV_UTREDNING_AVSLUTAD, "barnets_asikt", S, ASIKT, 0 },
    { EK_EV_UTREDNING_AVSLUTAD, "barnets_basta_bedomt", B, NULL, 0 },
    { EK_EV_UTREDNING_AVSLUTAD, "onskemal_foljt", B, NULL, 0 },
    { EK_EV_UTREDNING_AVSLUTAD, "skal_dokumenterat", B, NULL, 0 },
    { EK_EV_FAMILJEHEMSUTREDNING_KLAR, "hem", S, NULL, 1 },
    { EK_EV_FAMILJEHEMSUTREDNING_KLAR, "utredd_av", S, "egen|annan", 0 },
    { EK_EV_FAMILJEHEMSUTREDNING_KLAR, "registerkontroll", B, NULL, 0 },
    { EK_EV_FAMILJEHEMSUTREDNING_KLAR, "hem_i_annan_kommun", B, NULL, 0 },
    { EK_EV_FAMILJEHEMSUTREDNING_KLAR, "samrad_annan_kommun", B, NULL, 0 },
    { EK_EV_BESLUT_VARD, "beslutsfattare", S, NULL, 0 },
    { EK_EV_BESLUT_VARD, "grund", S, GRUND, 0 },
    { EK_EV_BESLUT_VARD, "placeringsform", S, PLACERINGSFORM, 0 },
    { EK_EV_BESLUT_VARD, "hem", S, NULL, 0 },
    { EK_EV_PLACERING_VERKSTALLD, "placeringsform", S, PLACERINGSFORM, 1 },
    { EK_EV_PLACERING_VERKSTALLD, "grund", S, GRUND, 1 },
    { EK_EV_PLACERING_VERKSTALLD, "hem", S, NULL, 0 },
    { EK_EV_PLACERING_AVSLUTAD, "orsak", S, NULL, 0 },
    { EK_EV_OVERVAGANDE, "beslutsfattare", S, NULL, 0 },
    { EK_EV_OMPROVNING, "beslutsfattare", S, NULL, 0 },
    { EK_EV_BESOK, "enskilt_samtal", B, NULL, 0 },
    { EK_EV_OMEDELBART_OMHANDERTAGANDE, "beslutsfattare", S, NULL, 0 },
    { EK_EV_VARDNADSHAVARE_BEGAR_AVSLUT, "begard_av", S, "vardnadshavare|barnet", 0 },
    { EK_EV_POLISHANDRACKNING, "nodvandighet_dokumenterad", B, NULL, 0 },
    { EK_EV_IVO_BESLUT, "svar_senast", D, NULL, 1 },
};
#undef S
#undef B
#undef D

static const attr_spec *find_spec(ek_event_type type, const char *key)
{
    if (type == EK_EV_UNKNOWN)
        return NULL;
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (specs[i].type == type && strcmp(specs[i].key, key) == 0)
            return &specs[i];
    return NULL;
}

int ek_event_attr_spec(ek_event_type type, const char *key, ek_attr_kind *kind, const char **values,
                       int *required)
{
    if (key == NULL || kind == NULL)
        return ek__error(EK_EINVAL, "ek_event_attr_spec: NULL argument");
    const attr_spec *s = find_spec(type, key);
    if (s == NULL)
        return EK_ENOTFOUND;
    *kind = s->kind;
    if (values)
        *values = s->values;
    if (required)
        *required = s->required;
    return EK_OK;
}

/* Is the word of @n bytes at @word one of the '|'-separated @list? */
static int in_list_n(const char *list, const char *word, size_t n)
{
    const char *p = list;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && memcmp(p, word, n) == 0)
            return 1;
        if (bar == NULL)
            return 0;
        p = bar + 1;
    }
}

static int in_list(const char *list, const char *word) { return in_list_n(list, word, strlen(word)); }

/* ---- string arena ---------------------------------------------------------- */

typedef struct blk {
    struct blk *next;
    size_t cap, used;
    char data[];
} blk;

typedef struct arena {
    blk *first, *cur, *last;
} arena;

typedef struct arena_mark {
    blk *cur;
    size_t used;
} arena_mark;

static arena_mark arena_save(const arena *a)
{
    arena_mark m = { a->cur, a->cur ? a->cur->used : 0 };
    return m;
}

static void arena_restore(arena *a, arena_mark m)
{
    if (m.cur == NULL) { /* nothing was allocated before: empty every block */
        for (blk *b = a->first; b; b = b->next)
            b->used = 0;
        a->cur = a->first;
        return;
    }
    a->cur = m.cur;
    m.cur->used = m.used;
    for (blk *b = m.cur->next; b; b = b->next)
        b->used = 0;
}

static void arena_clear(arena *a)
{
    for (blk *b = a->first; b; b = b->next)
        b->used = 0;
    a->cur = a->first;
}

static void arena_free(arena *a)
{
    blk *b = a->first;
    while (b) {
        blk *n = b->next;
        ek__free(b);
        b = n;
    }
    a->first = a->cur = a->last = NULL;
}

/* Space for @n bytes; NULL when out of memory (nothing changed). */
static char *arena_alloc(arena *a, size_t n)
{
    blk *b = a->cur;
    while (b && b->cap - b->used < n)
        b = b->next; /* blocks after cur are empty (kept from before a reset) */
    if (b == NULL) {
        size_t cap = a->last ? a->last->cap * 2 : 1024;
        if (cap < n)
            cap = n;
        if (cap > ((size_t)-1) / 2 - sizeof(blk))
            return NULL;
        b = ek__malloc(sizeof(blk) + cap);
        if (b == NULL)
            return NULL;
        b->next = NULL;
        b->cap = cap;
        b->used = 0;
        if (a->last)
            a->last->next = b;
        else
            a->first = b;
        a->last = b;
    }
    a->cur = b;
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

static const char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memmove(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static const char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

/* ---- the case ---------------------------------------------------------------- */

#define NONE ((size_t)-1)

typedef ek__event event; /* case_internal.h: shared with the evaluation */

typedef struct attr {
    const char *key;
    ek_attr_kind kind;
    const char *string;
    int boolean;
    ek_date date;
    size_t next;
} attr;

typedef struct ek__answer_rec {
    const char *item;
    ek_result result;
    const char *reviewer;
    ek_date date;
    const char *comment;
} answer_rec;

/* Extra keys, scoped: SCOPE_TOP, SCOPE_CHILD, or SCOPE_ANSWER + answer index. */
enum { SCOPE_TOP = 0, SCOPE_CHILD = 1, SCOPE_ANSWER = 2 };
typedef struct extra {
    size_t scope;
    const char *key;
    const char *json;
} extra;

struct ek_case {
    const char *id;
    const char *unit;
    ek_date birth_date;
    event *events;
    size_t nevents, cap_events;
    size_t *order;            /* indices in date order (stable); nevents of them */
    size_t cap_order;
    attr *attrs;
    size_t nattrs, cap_attrs;
    answer_rec *answers;
    size_t nanswers, cap_answers;
    const char **warnings;
    size_t nwarnings, cap_warnings;
    extra *extras;
    size_t nextras, cap_extras;
    arena ar;
};

#define GROW(c, field, capfield, need) EK__VEC_RESERVE((c)->field, (c)->capfield, (need), 8)

static int case_error(const ek_case *c, int status, const char *field, const char *fmt, ...) EK_PRINTF(4, 5);
static int case_error(const ek_case *c, int status, const char *field, const char *fmt, ...)
{
    char what[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, _(fmt), ap);  /* translated (i18n.h) */
    va_end(ap);
    return ek__error_at(status, NULL, 0, 0, c ? c->id : NULL, field, "%s", what);
}

static int valid_text(const char *s) { return s != NULL; }

int ek_case_new(ek_case **out, const char *id)
{
    if (out == NULL || id == NULL || *id == '\0')
        return ek__error(EK_EINVAL, "ek_case_new: %s", out == NULL ? _("out is NULL") : _("the case id is required"));
    ek_case *c = ek__calloc(1, sizeof *c);
    if (c == NULL)
        return ek__oom();
    c->birth_date = EK_DATE_NONE;
    c->id = arena_strdup(&c->ar, id);
    if (c->id == NULL) {
        ek_case_free(c);
        return ek__oom();
    }
    *out = c;
    return EK_OK;
}

void ek_case_free(ek_case *c)
{
    if (c == NULL)
        return;
    arena_free(&c->ar);
    ek__free(c->events);
    ek__free(c->order);
    ek__free(c->attrs);
    ek__free(c->answers);
    ek__free(c->warnings);
    ek__free(c->extras);
    ek__free(c);
}

int ek_case_reset(ek_case *c, const char *id)
{
    if (c == NULL || id == NULL || *id == '\0')
        return ek__error(EK_EINVAL, "ek_case_reset: %s", c == NULL ? _("case is NULL") : _("the case id is required"));
    size_t n = strlen(id) + 1;
    /* Make sure some block can take the id before anything is cleared, and
     * copy it aside when it lives in our own arena (it is overwritten). */
    int have = 0;
    for (blk *b = c->ar.first; b && !have; b = b->next)
        have = b->cap >= n;
    char *tmp = NULL;
    int own = 0;
    for (blk *b = c->ar.first; b && !own; b = b->next)
        own = id >= b->data && id < b->data + b->cap;
    if (!have || own) {
        /* Rare: allocate (outside the arena) first, so failure changes nothing. */
        tmp = ek__malloc(n);
        if (tmp == NULL)
            return ek__oom();
        memcpy(tmp, id, n);
        id = tmp;
    }
    arena_mark m = arena_save(&c->ar);
    arena_clear(&c->ar);
    const char *nid = arena_strndup(&c->ar, id, n - 1);
    if (nid == NULL) {
        arena_restore(&c->ar, m);
        ek__free(tmp);
        return ek__oom();
    }
    ek__free(tmp);
    c->id = nid;
    c->unit = NULL;
    c->birth_date = EK_DATE_NONE;
    c->nevents = c->nattrs = c->nanswers = c->nwarnings = c->nextras = 0;
    return EK_OK;
}

const char *ek_case_id(const ek_case *c) { return c ? c->id : NULL; }

int ek_case_set_unit(ek_case *c, const char *unit)
{
    if (c == NULL)
        return ek__error(EK_EINVAL, "ek_case_set_unit: case is NULL");
    if (unit == NULL) {
        c->unit = NULL;
        return EK_OK;
    }
    const char *u = arena_strdup(&c->ar, unit);
    if (u == NULL)
        return ek__oom();
    c->unit = u;
    return EK_OK;
}

const char *ek_case_unit(const ek_case *c) { return c ? c->unit : NULL; }

static int in_range(ek_date d) { return d >= EK_DATE_MIN && d <= EK_DATE_MAX; }

static int range_error(const ek_case *c, ek_date d, const char *field)
{
    return case_error(c, EK_ERANGE, field, "date (day %lld) outside the supported range 1953-01-01 to 2199-12-31",
                      (long long)d);
}

static int check_date(const ek_case *c, ek_date d, const char *field)
{
    return in_range(d) ? EK_OK : range_error(c, d, field);
}

/* Field names for messages are formatted only when a message is made (issue 15: not per event). */
static const char *event_field(char *buf, size_t size, size_t index, const char *key)
{
    snprintf(buf, size, "events[%zu].%.120s", index, key);
    return buf;
}

int ek_case_set_birth_date(ek_case *c, ek_date birth_date)
{
    if (c == NULL)
        return ek__error(EK_EINVAL, "ek_case_set_birth_date: case is NULL");
    if (birth_date != EK_DATE_NONE) {
        int rc = check_date(c, birth_date, "child.birth_date");
        if (rc != EK_OK)
            return rc;
    }
    c->birth_date = birth_date;
    return EK_OK;
}

ek_date ek_case_birth_date(const ek_case *c) { return c ? c->birth_date : EK_DATE_NONE; }

/* Add a warning; the message is already formatted. Caller rolls back the arena on failure. */
static int add_warning_raw(ek_case *c, const char *msg)
{
    int rc = GROW(c, warnings, cap_warnings, c->nwarnings + 1);
    if (rc != EK_OK)
        return rc;
    const char *w = arena_strdup(&c->ar, msg);
    if (w == NULL)
        return ek__oom();
    c->warnings[c->nwarnings++] = w;
    return EK_OK;
}

static int add_event(ek_case *c, ek_event_type type, const char *type_name, ek_date date, size_t *index);

int ek_case_add_event(ek_case *c, const char *type_name, ek_date date, size_t *index)
{
    if (c == NULL || type_name == NULL || *type_name == '\0')
        return ek__error_at(EK_EINVAL, NULL, 0, 0, c ? c->id : NULL, NULL,
                            "ek_case_add_event: %s", c == NULL ? _("case is NULL") : _("the event type is required"));
    if (date == EK_DATE_NONE || !in_range(date)) {
        char field[160];
        event_field(field, sizeof field, c->nevents, "date");
        if (date == EK_DATE_NONE)
            return case_error(c, EK_EINVAL, field, "the event date is required");
        return range_error(c, date, field);
    }
    return add_event(c, ek_event_type_from_name(type_name), type_name, date, index);
}

int ek__case_add_event_listed(ek_case *c, ek_event_type type, ek_date date, size_t *index)
{
    if (c == NULL || type <= EK_EV_UNKNOWN || type >= EK__EV_LIMIT || date == EK_DATE_NONE || !in_range(date))
        return ek_case_add_event(c, ek_event_type_name(type) ? ek_event_type_name(type) : "", date, index);
    return add_event(c, type, type_names[type], date, index);
}

/* ek_case_add_event() once the arguments are checked and the type is looked up. */
static int add_event(ek_case *c, ek_event_type type, const char *type_name, ek_date date, size_t *index)
{
    int rc;
    if (c->nevents >= c->cap_events && (rc = GROW(c, events, cap_events, c->nevents + 1)) != EK_OK)
        return rc;
    if (c->nevents >= c->cap_order && (rc = GROW(c, order, cap_order, c->nevents + 1)) != EK_OK)
        return rc;
    arena_mark m = arena_save(&c->ar);
    const char *name = type != EK_EV_UNKNOWN ? type_names[type] : arena_strdup(&c->ar, type_name);
    if (name == NULL)
        return ek__oom();
    if (type == EK_EV_UNKNOWN) {
        char msg[256];
        snprintf(msg, sizeof msg, "events[%zu]: unknown event type \"%.180s\" (kept)", c->nevents, type_name);
        if ((rc = add_warning_raw(c, msg)) != EK_OK) {
            arena_restore(&c->ar, m);
            return rc;
        }
    }
    size_t i = c->nevents;
    event *e = &c->events[i];
    e->type = type;
    e->type_name = name;
    e->date = date;
    e->id = e->ref = NULL;
    e->attr_first = e->attr_last = NONE;
    e->attr_count = 0;
    /* Stable insert into the date order: after every event with date <= this one (most often
     * the last: events tend to come in date order). */
    size_t lo = 0, hi = i;
    if (i == 0 || c->events[c->order[i - 1]].date <= date)
        lo = i;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->events[c->order[mid]].date <= date)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < i)
        memmove(c->order + lo + 1, c->order + lo, (i - lo) * sizeof *c->order);
    c->order[lo] = i;
    c->nevents++;
    if (index)
        *index = i;
    return EK_OK;
}

size_t ek_case_event_count(const ek_case *c) { return c ? c->nevents : 0; }

static int check_index(const ek_case *c, size_t index, const char *fn)
{
    if (c == NULL)
        return ek__error(EK_EINVAL, "%s: case is NULL", fn);
    if (index >= c->nevents)
        return case_error(c, EK_ERANGE, NULL, "%s: event index %zu out of range (%zu events)", fn, index,
                          c->nevents);
    return EK_OK;
}

int ek_case_event(const ek_case *c, size_t index, ek_event_info *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_case_event: out is NULL");
    if (out->version != EK_EVENT_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_case_event: struct version %u unknown (expected %u)", out->version,
                         (unsigned)EK_EVENT_INFO_VERSION);
    int rc = check_index(c, index, "ek_case_event");
    if (rc != EK_OK)
        return rc;
    const event *e = &c->events[index];
    out->index = index;
    out->type = e->type;
    out->type_name = e->type_name;
    out->date = e->date;
    out->id = e->id;
    out->ref = e->ref;
    out->attr_count = e->attr_count;
    return EK_OK;
}

const ek__event *ek__case_events(const ek_case *c, const size_t **by_date, size_t *n)
{
    *by_date = c->order;
    *n = c->nevents;
    return c->events;
}

int ek_case_event_in_date_order(const ek_case *c, size_t k, size_t *index)
{
    if (index == NULL)
        return ek__error(EK_EINVAL, "ek_case_event_in_date_order: index is NULL");
    int rc = check_index(c, k, "ek_case_event_in_date_order");
    if (rc != EK_OK)
        return rc;
    *index = c->order[k];
    return EK_OK;
}

static int set_id_ref(ek_case *c, size_t index, const char *value, int is_ref)
{
    int rc = check_index(c, index, is_ref ? "ek_case_event_set_ref" : "ek_case_event_set_id");
    if (rc != EK_OK)
        return rc;
    const char *v = NULL;
    if (value != NULL && (v = arena_strdup(&c->ar, value)) == NULL)
        return ek__oom();
    if (is_ref)
        c->events[index].ref = v;
    else
        c->events[index].id = v;
    return EK_OK;
}

int ek__case_event_set_id_ref_n(ek_case *c, size_t index, const char *value, size_t n, int is_ref)
{
    const char *v = arena_strndup(&c->ar, value, n);
    if (v == NULL)
        return ek__oom();
    if (is_ref)
        c->events[index].ref = v;
    else
        c->events[index].id = v;
    return EK_OK;
}

int ek_case_event_set_id(ek_case *c, size_t index, const char *id) { return set_id_ref(c, index, id, 0); }
int ek_case_event_set_ref(ek_case *c, size_t index, const char *ref) { return set_id_ref(c, index, ref, 1); }

static attr *find_attr(const ek_case *c, size_t index, const char *key)
{
    for (size_t a = c->events[index].attr_first; a != NONE; a = c->attrs[a].next)
        if (strcmp(c->attrs[a].key, key) == 0)
            return &c->attrs[a];
    return NULL;
}

int ek__case_event_attr_find(const ek_case *c, size_t index, const char *key, ek_attr_info *out)
{
    if (index >= c->nevents)
        return 0;
    for (size_t a = c->events[index].attr_first; a != NONE; a = c->attrs[a].next) {
        const attr *at = &c->attrs[a];
        if (strcmp(at->key, key) == 0) {
            out->key = at->key;
            out->kind = at->kind;
            out->string = at->string;
            out->boolean = at->boolean;
            out->date = at->date;
            return 1;
        }
    }
    return 0;
}

static const char *kind_name(ek_attr_kind k)
{
    switch (k) {
    case EK_ATTR_STRING: return "text";
    case EK_ATTR_BOOL: return "a boolean";
    case EK_ATTR_DATE: return "a date";
    case EK_ATTR_RAW: return "a raw JSON value";
    }
    return "?";
}

/* A new attribute @k at the end of event @e's list (room reserved by the caller). */
static attr *append_attr(ek_case *c, event *e, const char *k)
{
    size_t ai = c->nattrs++;
    attr *a = &c->attrs[ai];
    a->key = k;
    a->next = NONE;
    if (e->attr_last == NONE)
        e->attr_first = ai;
    else
        c->attrs[e->attr_last].next = ai;
    e->attr_last = ai;
    e->attr_count++;
    return a;
}

static void fill_attr(attr *a, ek_attr_kind kind, const char *v, int boolean, ek_date date)
{
    a->kind = kind;
    a->string = v;
    a->boolean = kind == EK_ATTR_BOOL ? (boolean != 0) : 0;
    a->date = kind == EK_ATTR_DATE ? date : EK_DATE_NONE;
}

/* The common part of the setters: validate, then store (string copied). */
static int set_attr(ek_case *c, size_t index, const char *key, ek_attr_kind kind, const char *string,
                    int boolean, ek_date date)
{
    int rc = check_index(c, index, "ek_case_event_set");
    if (rc != EK_OK)
        return rc;
    if (key == NULL || *key == '\0')
        return case_error(c, EK_EINVAL, NULL, "events[%zu]: attribute key is required", index);
    char field[160];
#define FIELD event_field(field, sizeof field, index, key)
    if ((kind == EK_ATTR_STRING || kind == EK_ATTR_RAW) && !valid_text(string))
        return case_error(c, EK_EINVAL, FIELD, "attribute value is NULL");
    if (strcmp(key, "type") == 0 || strcmp(key, "date") == 0 || strcmp(key, "id") == 0 ||
        strcmp(key, "ref") == 0)
        return case_error(c, EK_EINVAL, FIELD, "\"%s\" is not an attribute (it is a field of every event)", key);
    event *e = &c->events[index];
    const attr_spec *spec = find_spec(e->type, key);
    if (spec != NULL) {
        if (spec->kind != kind)
            return case_error(c, EK_EINVAL, FIELD, "\"%s\" of %s must be %s, not %s", key, e->type_name,
                              kind_name(spec->kind), kind_name(kind));
        if (spec->values && !in_list(spec->values, string))
            return case_error(c, EK_EINVAL, FIELD, "\"%s\" of %s must be one of %s (the value given is not shown)",
                              key, e->type_name, spec->values);
    }
    if (kind == EK_ATTR_DATE && !in_range(date))
        return range_error(c, date, FIELD);
#undef FIELD

    attr *a = find_attr(c, index, key);
    if (a == NULL && (rc = GROW(c, attrs, cap_attrs, c->nattrs + 1)) != EK_OK)
        return rc;
    arena_mark m = arena_save(&c->ar);
    const char *v = NULL;
    if (string != NULL && (v = arena_strdup(&c->ar, string)) == NULL)
        return ek__oom();
    if (a == NULL) {
        const char *k = spec ? spec->key : arena_strdup(&c->ar, key);
        if (k == NULL) {
            arena_restore(&c->ar, m);
            return ek__oom();
        }
        if (spec == NULL && e->type != EK_EV_UNKNOWN) {
            char msg[256];
            snprintf(msg, sizeof msg, "events[%zu]: key \"%.100s\" is not listed for %s (kept)", index, key,
                     e->type_name);
            if ((rc = add_warning_raw(c, msg)) != EK_OK) {
                arena_restore(&c->ar, m);
                return rc;
            }
        }
        a = append_attr(c, e, k);
    }
    fill_attr(a, kind, v, boolean, date);
    return EK_OK;
}

const ek__attr_spec *ek__event_attr_spec_n(ek_event_type type, const char *key, size_t n, ek_attr_kind *kind)
{
    if (type == EK_EV_UNKNOWN)
        return NULL;
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (specs[i].type == type && strncmp(specs[i].key, key, n) == 0 && specs[i].key[n] == '\0') {
            *kind = specs[i].kind;
            return &specs[i];
        }
    return NULL;
}

const ek__attr_spec *ek__attr_spec_at(size_t i, ek_event_type *type, const char **key, ek_attr_kind *kind,
                                     int *required)
{
    if (i >= sizeof specs / sizeof specs[0])
        return NULL;
    *type = specs[i].type;
    *key = specs[i].key;
    *kind = specs[i].kind;
    *required = specs[i].required;
    return &specs[i];
}

/* The @n bytes at @s NUL-terminated: in @buf (@size bytes) when they fit, else in memory of their
 * own (*heap, for the caller to free); NULL when out of memory. */
static const char *terminated(const char *s, size_t n, char *buf, size_t size, char **heap)
{
    *heap = NULL;
    if (s == NULL)
        return NULL;
    char *d = buf;
    if (n >= size && (d = *heap = ek__malloc(n + 1)) == NULL)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* set_attr() of a key and a string that need not be NUL-terminated. */
static int set_attr_n(ek_case *c, size_t index, const char *key, size_t key_len, ek_attr_kind kind,
                      const char *string, size_t string_len, int boolean, ek_date date)
{
    char kbuf[256], sbuf[1024], *kheap, *sheap;  /* (longer ones are allocated: rare) */
    const char *k = terminated(key, key_len, kbuf, sizeof kbuf, &kheap);
    const char *v = terminated(string, string_len, sbuf, sizeof sbuf, &sheap);
    int rc = (key != NULL && k == NULL) || (string != NULL && v == NULL)
                 ? ek__oom()
                 : set_attr(c, index, k, kind, v, boolean, date);
    ek__free(kheap);
    ek__free(sheap);
    return rc;
}

int ek__case_event_add_attr(ek_case *c, size_t index, const ek__attr_spec *spec, const char *key, size_t key_len,
                            ek_attr_kind kind, const char *string, size_t string_len, int boolean, ek_date date)
{
    event *e = &c->events[index];
    /* Anything set_attr() would refuse or warn about in a way this shortcut does not repeat: let it. */
    if ((spec != NULL && (spec->kind != kind || (spec->values != NULL && !in_list_n(spec->values, string, string_len)))) ||
        (kind == EK_ATTR_DATE && !in_range(date)) || (spec == NULL && e->type != EK_EV_UNKNOWN))
        return set_attr_n(c, index, key, key_len, kind, string, string_len, boolean, date);
    int rc;
    if (c->nattrs >= c->cap_attrs && (rc = GROW(c, attrs, cap_attrs, c->nattrs + 1)) != EK_OK)
        return rc;
    arena_mark m = arena_save(&c->ar);
    const char *v = NULL;
    if (string != NULL && (v = arena_strndup(&c->ar, string, string_len)) == NULL)
        return ek__oom();
    const char *k = spec ? spec->key : arena_strndup(&c->ar, key, key_len);
    if (k == NULL) {
        arena_restore(&c->ar, m);
        return ek__oom();
    }
    fill_attr(append_attr(c, e, k), kind, v, boolean, date);
    return EK_OK;
}

int ek_case_event_set_string(ek_case *c, size_t index, const char *key, const char *value)
{
    return set_attr(c, index, key, EK_ATTR_STRING, value, 0, EK_DATE_NONE);
}

int ek_case_event_set_bool(ek_case *c, size_t index, const char *key, int value)
{
    return set_attr(c, index, key, EK_ATTR_BOOL, NULL, value, EK_DATE_NONE);
}

int ek_case_event_set_date(ek_case *c, size_t index, const char *key, ek_date value)
{
    return set_attr(c, index, key, EK_ATTR_DATE, NULL, 0, value);
}

int ek_case_event_set_raw(ek_case *c, size_t index, const char *key, const char *json_text)
{
    return set_attr(c, index, key, EK_ATTR_RAW, json_text, 0, EK_DATE_NONE);
}

static int get_attr(const ek_case *c, size_t index, const char *key, ek_attr_kind kind, const attr **out)
{
    int rc = check_index(c, index, "ek_case_event_get");
    if (rc != EK_OK)
        return rc;
    if (key == NULL)
        return ek__error(EK_EINVAL, "ek_case_event_get: key is NULL");
    const attr *a = find_attr(c, index, key);
    if (a == NULL)
        return EK_ENOTFOUND;
    if (a->kind != kind) {
        char field[160];
        snprintf(field, sizeof field, "events[%zu].%.120s", index, key);
        return case_error(c, EK_EINVAL, field, "attribute is %s, not %s", kind_name(a->kind), kind_name(kind));
    }
    *out = a;
    return EK_OK;
}

int ek_case_event_get_string(const ek_case *c, size_t index, const char *key, const char **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_case_event_get_string: out is NULL");
    const attr *a;
    int rc = get_attr(c, index, key, EK_ATTR_STRING, &a);
    if (rc == EK_OK)
        *out = a->string;
    return rc;
}

int ek_case_event_get_bool(const ek_case *c, size_t index, const char *key, int *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_case_event_get_bool: out is NULL");
    const attr *a;
    int rc = get_attr(c, index, key, EK_ATTR_BOOL, &a);
    if (rc == EK_OK)
        *out = a->boolean;
    return rc;
}

int ek_case_event_get_date(const ek_case *c, size_t index, const char *key, ek_date *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_case_event_get_date: out is NULL");
    const attr *a;
    int rc = get_attr(c, index, key, EK_ATTR_DATE, &a);
    if (rc == EK_OK)
        *out = a->date;
    return rc;
}

int ek_case_event_attr(const ek_case *c, size_t index, size_t k, ek_attr_info *out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_case_event_attr: out is NULL");
    if (out->version != EK_ATTR_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_case_event_attr: struct version %u unknown (expected %u)", out->version,
                         (unsigned)EK_ATTR_INFO_VERSION);
    int rc = check_index(c, index, "ek_case_event_attr");
    if (rc != EK_OK)
        return rc;
    const event *e = &c->events[index];
    if (k >= e->attr_count)
        return case_error(c, EK_ERANGE, NULL, "ek_case_event_attr: attribute %zu out of range (events[%zu] has %zu)",
                          k, index, e->attr_count);
    size_t a = e->attr_first;
    while (k-- > 0)
        a = c->attrs[a].next;
    const attr *at = &c->attrs[a];
    out->key = at->key;
    out->kind = at->kind;
    out->string = at->string;
    out->boolean = at->boolean;
    out->date = at->date;
    return EK_OK;
}

/* ---- answers ------------------------------------------------------------------ */

static void remove_scope(ek_case *c, size_t scope)
{
    size_t w = 0;
    for (size_t r = 0; r < c->nextras; r++)
        if (c->extras[r].scope != scope)
            c->extras[w++] = c->extras[r];
    c->nextras = w;
}

int ek_case_add_answer(ek_case *c, const char *item, ek_result result, const char *reviewer, ek_date date,
                       const char *comment)
{
    if (c == NULL || item == NULL || *item == '\0')
        return ek__error_at(EK_EINVAL, NULL, 0, 0, c ? c->id : NULL, NULL, "ek_case_add_answer: %s",
                            c == NULL ? _("case is NULL") : _("the item is required"));
    int bad_result = result != EK_RESULT_PASS && result != EK_RESULT_FAIL && result != EK_RESULT_NOTAPPLICABLE;
    if (bad_result || (date != EK_DATE_NONE && !in_range(date))) {
        char field[48];
        snprintf(field, sizeof field, "answers[%zu]", c->nanswers);
        if (bad_result)
            return case_error(c, EK_EINVAL, field, "an answer's result must be pass, fail or notapplicable, not %s",
                              ek_result_name(result));
        return range_error(c, date, field);
    }
    int rc;
    size_t k;
    for (k = 0; k < c->nanswers; k++)
        if (strcmp(c->answers[k].item, item) == 0)
            break;
    if (k == c->nanswers && (rc = GROW(c, answers, cap_answers, c->nanswers + 1)) != EK_OK)
        return rc;
    arena_mark m = arena_save(&c->ar);
    const char *it = arena_strdup(&c->ar, item);
    const char *rv = it && reviewer ? arena_strdup(&c->ar, reviewer) : NULL;
    const char *cm = it && comment ? arena_strdup(&c->ar, comment) : NULL;
    if (it == NULL || (reviewer && rv == NULL) || (comment && cm == NULL)) {
        arena_restore(&c->ar, m);
        return ek__oom();
    }
    if (k == c->nanswers)
        c->nanswers++;
    else
        remove_scope(c, SCOPE_ANSWER + k);
    answer_rec *a = &c->answers[k];
    a->item = it;
    a->result = result;
    a->reviewer = rv;
    a->date = date;
    a->comment = cm;
    return EK_OK;
}

size_t ek_case_answer_count(const ek_case *c) { return c ? c->nanswers : 0; }

static void answer_info(const answer_rec *a, ek_answer_info *out)
{
    out->item = a->item;
    out->result = a->result;
    out->reviewer = a->reviewer;
    out->date = a->date;
    out->comment = a->comment;
}

int ek_case_answer(const ek_case *c, size_t k, ek_answer_info *out)
{
    if (c == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_case_answer: NULL argument");
    if (out->version != EK_ANSWER_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_case_answer: struct version %u unknown (expected %u)", out->version,
                         (unsigned)EK_ANSWER_INFO_VERSION);
    if (k >= c->nanswers)
        return case_error(c, EK_ERANGE, NULL, "ek_case_answer: answer %zu out of range (%zu answers)", k,
                          c->nanswers);
    answer_info(&c->answers[k], out);
    return EK_OK;
}

int ek_case_find_answer(const ek_case *c, const char *item, ek_answer_info *out)
{
    if (c == NULL || item == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_case_find_answer: NULL argument");
    if (out->version != EK_ANSWER_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_case_find_answer: struct version %u unknown (expected %u)",
                         out->version, (unsigned)EK_ANSWER_INFO_VERSION);
    for (size_t k = 0; k < c->nanswers; k++)
        if (strcmp(c->answers[k].item, item) == 0) {
            answer_info(&c->answers[k], out);
            return EK_OK;
        }
    return EK_ENOTFOUND;
}

/* ---- warnings and extras --------------------------------------------------------- */

int ek_case_add_warning(ek_case *c, const char *message)
{
    if (c == NULL || message == NULL)
        return ek__error(EK_EINVAL, "ek_case_add_warning: NULL argument");
    arena_mark m = arena_save(&c->ar);
    int rc = add_warning_raw(c, message);
    if (rc != EK_OK)
        arena_restore(&c->ar, m);
    return rc;
}

size_t ek_case_warning_count(const ek_case *c) { return c ? c->nwarnings : 0; }

const char *ek_case_warning(const ek_case *c, size_t k)
{
    return c && k < c->nwarnings ? c->warnings[k] : NULL;
}

static int set_extra(ek_case *c, size_t scope, const char *key, const char *json_text, const char *fn)
{
    if (c == NULL || key == NULL || json_text == NULL || *key == '\0')
        return ek__error_at(EK_EINVAL, NULL, 0, 0, c ? c->id : NULL, NULL, "%s: %s", fn,
                            c == NULL ? _("case is NULL") : _("key and JSON text are required"));
    size_t k;
    for (k = 0; k < c->nextras; k++)
        if (c->extras[k].scope == scope && strcmp(c->extras[k].key, key) == 0)
            break;
    int rc;
    if (k == c->nextras && (rc = GROW(c, extras, cap_extras, c->nextras + 1)) != EK_OK)
        return rc;
    arena_mark m = arena_save(&c->ar);
    const char *v = arena_strdup(&c->ar, json_text);
    const char *kk = v && k == c->nextras ? arena_strdup(&c->ar, key) : NULL;
    if (v == NULL || (k == c->nextras && kk == NULL)) {
        arena_restore(&c->ar, m);
        return ek__oom();
    }
    if (k == c->nextras) {
        c->extras[k].scope = scope;
        c->extras[k].key = kk;
        c->nextras++;
    }
    c->extras[k].json = v;
    return EK_OK;
}

static size_t scope_count(const ek_case *c, size_t scope)
{
    size_t n = 0;
    if (c)
        for (size_t k = 0; k < c->nextras; k++)
            n += c->extras[k].scope == scope;
    return n;
}

static int scope_get(const ek_case *c, size_t scope, size_t k, const char **key, const char **json_text,
                     const char *fn)
{
    if (c == NULL || key == NULL || json_text == NULL)
        return ek__error(EK_EINVAL, "%s: NULL argument", fn);
    for (size_t i = 0; i < c->nextras; i++)
        if (c->extras[i].scope == scope && k-- == 0) {
            *key = c->extras[i].key;
            *json_text = c->extras[i].json;
            return EK_OK;
        }
    return case_error(c, EK_ERANGE, NULL, "%s: index out of range", fn);
}

int ek_case_set_extra(ek_case *c, const char *key, const char *json_text)
{
    return set_extra(c, SCOPE_TOP, key, json_text, "ek_case_set_extra");
}

size_t ek_case_extra_count(const ek_case *c) { return scope_count(c, SCOPE_TOP); }

int ek_case_extra(const ek_case *c, size_t k, const char **key, const char **json_text)
{
    return scope_get(c, SCOPE_TOP, k, key, json_text, "ek_case_extra");
}

int ek_case_set_child_extra(ek_case *c, const char *key, const char *json_text)
{
    if (key && strcmp(key, "birth_date") == 0)
        return ek__error(EK_EINVAL, "ek_case_set_child_extra: \"birth_date\" is not an extra");
    return set_extra(c, SCOPE_CHILD, key, json_text, "ek_case_set_child_extra");
}

size_t ek_case_child_extra_count(const ek_case *c) { return scope_count(c, SCOPE_CHILD); }

int ek_case_child_extra(const ek_case *c, size_t k, const char **key, const char **json_text)
{
    return scope_get(c, SCOPE_CHILD, k, key, json_text, "ek_case_child_extra");
}

int ek_case_answer_set_extra(ek_case *c, size_t answer, const char *key, const char *json_text)
{
    if (c != NULL && answer >= c->nanswers)
        return case_error(c, EK_ERANGE, NULL, "ek_case_answer_set_extra: answer %zu out of range (%zu answers)",
                          answer, c->nanswers);
    return set_extra(c, SCOPE_ANSWER + answer, key, json_text, "ek_case_answer_set_extra");
}

size_t ek_case_answer_extra_count(const ek_case *c, size_t answer)
{
    return c && answer < c->nanswers ? scope_count(c, SCOPE_ANSWER + answer) : 0;
}

int ek_case_answer_extra(const ek_case *c, size_t answer, size_t k, const char **key, const char **json_text)
{
    return scope_get(c, SCOPE_ANSWER + answer, k, key, json_text, "ek_case_answer_extra");
}

/* ---- validation ---------------------------------------------------------------------- */

int ek_case_validate(const ek_case *c)
{
    if (c == NULL)
        return ek__error(EK_EINVAL, "ek_case_validate: case is NULL");
    /* The required attributes, in the order of the table (so the first one missing is named). */
    const attr_spec *req[sizeof specs / sizeof specs[0]];
    size_t nreq = 0;
    uint64_t req_types = 0; /* EK__EV_LIMIT <= 64 (rules_internal.h) */
    for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++)
        if (specs[s].required) {
            req[nreq++] = &specs[s];
            req_types |= (uint64_t)1 << specs[s].type;
        }
    for (size_t i = 0; i < c->nevents; i++) {
        const event *e = &c->events[i];
        if (e->type == EK_EV_UNKNOWN || !(req_types & ((uint64_t)1 << e->type)))
            continue;
        for (size_t r = 0; r < nreq; r++) {
            const attr_spec *sp = req[r];
            if (sp->type != e->type)
                continue;
            if (find_attr(c, i, sp->key) == NULL) {
                char field[160];
                snprintf(field, sizeof field, "events[%zu].%s", i, sp->key);
                return case_error(c, EK_EINVAL, field, "%s requires \"%s\" (%s)", e->type_name, sp->key,
                                  kind_name(sp->kind));
            }
        }
    }
    return EK_OK;
}

int ek_case_check_vocabulary(const ek_case *c)
{
    if (c == NULL)
        return ek__error(EK_EINVAL, "ek_case_check_vocabulary: case is NULL");
    char field[96];
    size_t n = ek_case_event_count(c);
    for (size_t i = 0; i < n; i++) {
        ek_event_info ev = EK_EVENT_INFO_INIT;
        if (ek_case_event(c, i, &ev) != EK_OK)
            return EK_EINVAL;
        if (ev.type == EK_EV_UNKNOWN) {
            snprintf(field, sizeof field, "events[%zu].type", i);
            return ek__error_at(EK_EPARSE, NULL, 0, 0, ek_case_id(c), field,
                                "unknown event type \"%.60s\" (strict input)", ev.type_name ? ev.type_name : "");
        }
        for (size_t k = 0; k < ev.attr_count; k++) {
            ek_attr_info a = EK_ATTR_INFO_INIT;
            if (ek_case_event_attr(c, i, k, &a) != EK_OK)
                return EK_EINVAL;
            ek_attr_kind kind;
            if (ek_event_attr_spec(ev.type, a.key, &kind, NULL, NULL) == EK_ENOTFOUND) {
                snprintf(field, sizeof field, "events[%zu].%.60s", i, a.key);
                return ek__error_at(EK_EPARSE, NULL, 0, 0, ek_case_id(c), field,
                                    "attribute \"%.60s\" is not in the vocabulary of %s (strict input)", a.key,
                                    ev.type_name ? ev.type_name : "");
            }
        }
    }
    return EK_OK;
}
