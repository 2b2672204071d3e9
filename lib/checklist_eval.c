/* SPDX-License-Identifier: MIT */
/* Evaluating a checklist for one case: predicates, item results, evidence and messages. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <egenkontroll/policy.h>

#include "buf_internal.h"
#include "case_internal.h"
#include "checklist_internal.h"
#include "i18n.h"

#define MAX_EVIDENCE_PER_ITEM 40
#define MAX_FRAGMENTS 4

/* ---- the result set ------------------------------------------------------------ */

typedef struct rslot {
    size_t item;
    ek_result result;
    ek_truth criterion;
    unsigned int flags;
    size_t msg, msg_len;     /* pool offset, length */
    const char *basis;       /* the checklist's prepared text (ek__btext), or NULL: basis_off */
    size_t basis_len, basis_off;
    int basis_plain;         /* ek__btext.plain */
    ek_date basis_date;
    size_t ev_first, ev_count;
} rslot;

typedef struct evid {
    ek_evidence_kind kind;
    ek_truth value;
    size_t event_index;
    size_t type;             /* pool offset, 0 = none */
    ek_date date;
    const char *rule;        /* static */
    unsigned int sequence;
    ek_obligation_status status;
    size_t obl_index;
    size_t note;             /* pool offset */
} evid;

struct ek_checklist_result {
    const ek_checklist *cl;
    size_t case_id, unit;    /* pool offsets */
    ek_date as_of, case_date;
    rslot *r;
    size_t n, cap;
    evid *ev;
    size_t nev, evcap;
    char *pool;
    size_t plen, pcap;
    struct oev *ord;         /* the case's event index (scratch, kept for the next case) */
    size_t ordcap;
    uint64_t decider, decider_known; /* per event type below 64: type_has_decider() */
    /* ek_checklist_evaluate_answers()'s rulebook evaluation and copy of its obligations, kept for the
     * next case once the result set is used for a second one (issue 15: not made and freed per
     * case; a result set evaluated once, as ek_checklist_evaluate_cases() uses them, keeps none) */
    ek_evaluation *scratch_ev;
    ek_obligation *scratch_obl;
    size_t scratch_cap;
    unsigned int uses;
    int head_lang;           /* default_head(): the language of head[] (0: none yet) */
    const char *head[10];    /* the default texts per result in that language (static strings) */
};

int ek_checklist_result_new(ek_checklist_result **out)
{
    if (!out)
        return ek__error(EK_EINVAL, "ek_checklist_result_new: NULL argument");
    ek_checklist_result *res = ek__calloc(1, sizeof *res);
    if (!res)
        return ek__oom();
    res->as_of = res->case_date = EK_DATE_NONE;
    *out = res;
    return EK_OK;
}

void ek_checklist_result_free(ek_checklist_result *res)
{
    if (!res)
        return;
    ek__free(res->r);
    ek__free(res->ev);
    ek__free(res->pool);
    ek__free(res->ord);
    ek_evaluation_free(res->scratch_ev);
    ek__free(res->scratch_obl);
    ek__free(res);
}

int ek__checklist_result_scratch(ek_checklist_result *res, ek_evaluation **ev)
{
    if (res->uses < 2)
        res->uses++;
    if (res->scratch_ev) {
        *ev = res->scratch_ev;
        return EK_OK;
    }
    int rc = ek_evaluation_new(ev);
    if (rc == EK_OK && res->uses >= 2)
        res->scratch_ev = *ev;
    return rc;
}

ek_obligation *ek__checklist_result_scratch_obligations(ek_checklist_result *res, size_t n)
{
    if (res->uses < 2)
        return ek__calloc(n ? n : 1, sizeof(ek_obligation));
    if (EK__VEC_RESERVE(res->scratch_obl, res->scratch_cap, n ? n : 1, 16) != EK_OK)
        return NULL;
    return res->scratch_obl;
}

void ek__checklist_result_scratch_done(ek_checklist_result *res, ek_evaluation *ev, ek_obligation *obl)
{
    if (ev != res->scratch_ev)
        ek_evaluation_free(ev);
    if (obl != res->scratch_obl)
        ek__free(obl);
}

static void result_clear(ek_checklist_result *res)
{
    res->cl = NULL;
    res->n = res->nev = 0;
    res->plen = 0;
    res->case_id = res->unit = 0;
    res->as_of = res->case_date = EK_DATE_NONE;
    if (res->pool && res->pcap)
        res->pool[0] = '\0';
}

/* Append a string to the pool; *off receives its offset.  Offset 0 is always "". */
static int pool_add(ek_checklist_result *res, const char *s, size_t len, size_t *off)
{
    if (res->plen == 0) {
        int rc = EK__VEC_RESERVE(res->pool, res->pcap, 1, 32);
        if (rc)
            return rc;
        res->pool[0] = '\0';
        res->plen = 1;
    }
    if (len == 0) {
        *off = 0;
        return EK_OK;
    }
    int rc = EK__VEC_RESERVE(res->pool, res->pcap, res->plen + len + 1, 32);
    if (rc)
        return rc;
    memcpy(res->pool + res->plen, s, len);
    res->pool[res->plen + len] = '\0';
    *off = res->plen;
    res->plen += len + 1;
    return EK_OK;
}

/* Append the concatenation of @n strings (lengths @lens) to the pool as one string, without a
 * double full stop at its end ("…..": the last '.' left out); *off receives its offset. */
static int pool_add_parts(ek_checklist_result *res, const char *const *parts, const size_t *lens, size_t n,
                          size_t *off)
{
    size_t len = 0;
    for (size_t k = 0; k < n; k++)
        len += lens[k];
    int rc = pool_add(res, "", 0, off);  /* the pool's leading "" */
    if (rc == EK_OK)
        rc = EK__VEC_RESERVE(res->pool, res->pcap, res->plen + len + 1, 32);
    if (rc)
        return rc;
    char *o = res->pool + res->plen;
    for (size_t k = 0; k < n; k++) {
        memcpy(o, parts[k], lens[k]);
        o += lens[k];
    }
    if (len >= 2 && o[-1] == '.' && o[-2] == '.') {
        o--;
        len--;
    }
    if (len == 0) {
        *off = 0;
        return EK_OK;
    }
    *o = '\0';
    *off = res->plen;
    res->plen += len + 1;
    return EK_OK;
}

static int pool_str(ek_checklist_result *res, const char *s, size_t *off)
{
    return pool_add(res, s ? s : "", s ? strlen(s) : 0, off);
}

static const char *pool_get(const ek_checklist_result *res, size_t off)
{
    return res->pool && off < res->plen ? res->pool + off : "";
}

/* ---- Swedish labels ---------------------------------------------------------------- */

/* Labels of the known event types, by code (the event index gives the code: no name compared). */
static const char *const type_labels[] = {
    [EK_EV_ANMALAN_MOTTAGEN] = N_("anmälan"),
    [EK_EV_SKYDDSBEDOMNING] = N_("skyddsbedömning"),
    [EK_EV_FORHANDSBEDOMNING_SYNNERLIGA_SKAL] = N_("dokumenterade synnerliga skäl"),
    [EK_EV_BESLUT_INLEDA_UTREDNING] = N_("beslut att inleda utredning"),
    [EK_EV_BESLUT_INTE_INLEDA_UTREDNING] = N_("beslut att inte inleda utredning"),
    [EK_EV_PAGAENDE_UTREDNING] = N_("anmälan till pågående utredning"),
    [EK_EV_ATERKOPPLING_BEGARD] = N_("begäran om återkoppling"),
    [EK_EV_ATERKOPPLING_LAMNAD] = N_("återkoppling"),
    [EK_EV_UTREDNING_INLEDD] = N_("inledd utredning"),
    [EK_EV_INFORMATION_UTREDNING] = N_("information om utredning"),
    [EK_EV_UTREDNING_FORLANGD] = N_("beslut om förlängd utredning"),
    [EK_EV_SAMTAL_MED_BARNET] = N_("samtal med barnet"),
    [EK_EV_NATVERK_UTRETT] = N_("utredning av nätverket"),
    [EK_EV_UTREDNING_AVSLUTAD] = N_("avslutad utredning"),
    [EK_EV_FAMILJEHEMSUTREDNING_KLAR] = N_("familjehemsutredning"),
    [EK_EV_BESLUT_VARD] = N_("beslut om vård"),
    [EK_EV_PLACERING_VERKSTALLD] = N_("placering"),
    [EK_EV_PLACERING_AVSLUTAD] = N_("avslutad placering"),
    [EK_EV_HALSOUNDERSOKNING_UNDERRATTELSE] = N_("underrättelse om hälsoundersökning"),
    [EK_EV_VARDPLAN] = N_("vårdplan"),
    [EK_EV_VARDPLAN_REVIDERAD] = N_("reviderad vårdplan"),
    [EK_EV_GENOMFORANDEPLAN] = N_("genomförandeplan"),
    [EK_EV_GENOMFORANDEPLAN_REVIDERAD] = N_("reviderad genomförandeplan"),
    [EK_EV_OVERVAGANDE] = N_("övervägande"),
    [EK_EV_OMPROVNING] = N_("omprövning"),
    [EK_EV_VARDNADSOVERFLYTTNING_OVERVAGD] = N_("övervägande av vårdnadsöverflyttning"),
    [EK_EV_ANSVARIG_SOCIALSEKRETERARE] = N_("utsedd ansvarig socialsekreterare"),
    [EK_EV_BESOK] = N_("besök"),
    [EK_EV_STOD_TILL_FAMILJEHEM] = N_("stöd till familjehemmet"),
    [EK_EV_VARDNADSHAVARE_BEGAR_AVSLUT] = N_("vårdnadshavares begäran om avslut"),
    [EK_EV_HEMFLYTT_RISKBEDOMNING] = N_("riskbedömning inför hemflytt"),
    [EK_EV_FLYTTNINGSFORBUD_OVERVAGT] = N_("övervägt flyttningsförbud"),
    [EK_EV_ANSOKAN_LVU] = N_("ansökan om vård enligt LVU"),
    [EK_EV_OMEDELBART_OMHANDERTAGANDE] = N_("beslut om omedelbart omhändertagande"),
    [EK_EV_OMEDELBART_OMHANDERTAGANDE_VERKSTALLT] = N_("verkställt omedelbart omhändertagande"),
    [EK_EV_UNDERSTALLNING] = N_("underställning till förvaltningsrätten"),
    [EK_EV_DOM_LAGA_KRAFT] = N_("dom som vunnit laga kraft"),
    [EK_EV_POLISHANDRACKNING] = N_("begäran om polishandräckning"),
    [EK_EV_UMGANGESBEGRANSNING] = N_("umgängesbegränsning"),
    [EK_EV_UMGANGESBEGRANSNING_OMPROVAD] = N_("omprövad umgängesbegränsning"),
    [EK_EV_IVO_BESLUT] = N_("beslut från IVO"),
    [EK_EV_IVO_SVAR] = N_("svar till IVO"),
};

/* The label of an event of type @type (named @name): translated (i18n.h), or the name itself for a
 * type without one (a type of the checklist's own). */
static const char *type_label(ek_event_type type, const char *name)
{
    const char *l = (unsigned)type < sizeof type_labels / sizeof type_labels[0] ? type_labels[type] : NULL;
    return l ? _(l) : name;
}

static const char *spec_label(const ek__espec *s)
{
    return s->ntypes ? type_label(s->codes[0], s->types[0]) : _("händelse");
}

/* ---- evaluation state ----------------------------------------------------------------- */

typedef struct ev {
    const ek_context *ctx;
    const ek_checklist *cl;
    const ek_case *c;
    const ek__event *events;    /* the case's events, read directly (case_internal.h; issue 15) */
    const struct oev *ord;      /* the events on or before the as-of date, in date order */
    size_t nord;
    uint64_t present;           /* bit t: ord has an event of known type t < 64 */
    const ek_obligation *obl;
    size_t nobl;
    const ek_delegation *del;
    const ek_answers *answers;  /* answers kept apart from the case, or NULL */
    ek_date as_of;
    size_t nevents;
    size_t cur;                 /* current event (inside an event quantifier), or EK__NONE */
    ek_date last_event;         /* latest event date on or before as_of, or EK_DATE_NONE */
    ek_checklist_result *res;
    size_t item_ev_first;       /* first evidence of the item being evaluated */
    int verdicts_only;          /* results and flags only: no evidence, basis or message */
    char frag[1024];
    size_t fraglen;
    int nfrag;
    int status;                 /* first allocation failure while collecting */
} ev;

/* The label of the case's event @index. */
static const char *event_label(const ev *e, size_t index)
{
    return type_label(e->events[index].type, e->events[index].type_name);
}

static void fragment(ev *e, const char *fmt, ...) EK_PRINTF(2, 3);

static void fragment(ev *e, const char *fmt, ...)
{
    if (e->nfrag >= MAX_FRAGMENTS) {
        if (e->nfrag == MAX_FRAGMENTS && e->fraglen + 6 < sizeof e->frag) {
            memcpy(e->frag + e->fraglen, "; …", 6);
            e->fraglen += 5;
            e->frag[e->fraglen] = '\0';
        }
        e->nfrag++;
        return;
    }
    char tmp[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, _(fmt), ap);  /* translated (i18n.h) */
    va_end(ap);
    ek__utf8_trim(tmp);  /* a long reason is cut, never inside a character */
    /* no duplicates */
    if (strstr(e->frag, tmp))
        return;
    /* what snprintf("%s%s") wrote (cut to the room left), without its cost (issue 15) */
    size_t ls = e->nfrag ? 2 : 0, lt = strlen(tmp), n = ls + lt, room = sizeof e->frag - e->fraglen - 1;
    size_t a = ls < room ? ls : room, b = n < room ? lt : room - a;
    memcpy(e->frag + e->fraglen, "; ", a);
    memcpy(e->frag + e->fraglen + a, tmp, b);
    e->frag[e->fraglen + a + b] = '\0';
    if (n > 0) {
        e->fraglen += n;
        if (e->fraglen >= sizeof e->frag) {  /* full: cut, never inside a character */
            e->fraglen = ek__utf8_cut(e->frag, sizeof e->frag - 1, sizeof e->frag - 1);
            e->frag[e->fraglen] = '\0';
        }
    }
    e->nfrag++;
}

static void datestr(ek_date d, char *buf)
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        strcpy(buf, "?");
}

static void add_evidence(ev *e, const evid *x, const char *type, const char *note)
{
    ek_checklist_result *res = e->res;
    if (e->status)
        return;
    size_t count = res->nev - e->item_ev_first;
    for (size_t i = e->item_ev_first; i < res->nev; i++) {
        const evid *y = &res->ev[i];
        if (y->kind != x->kind)
            continue;
        if (x->kind == EK_EVIDENCE_EVENT && y->event_index == x->event_index)
            return;
        if (x->kind == EK_EVIDENCE_OBLIGATION && y->obl_index == x->obl_index)
            return;
        if (x->kind == EK_EVIDENCE_ANSWER)
            return;
    }
    if (count >= MAX_EVIDENCE_PER_ITEM)
        return;
    evid v = *x;
    int rc = pool_str(res, type, &v.type);
    if (rc == EK_OK)
        rc = pool_str(res, note, &v.note);
    if (rc == EK_OK)
        rc = EK__VEC_RESERVE(res->ev, res->evcap, res->nev + 1, 32);
    if (rc) {
        e->status = rc;
        return;
    }
    res->ev[res->nev++] = v;
}

static void cite_event(ev *e, size_t index, ek_truth value, const char *note)
{
    if (index >= e->nevents)
        return;
    evid x;
    memset(&x, 0, sizeof x);
    x.kind = EK_EVIDENCE_EVENT;
    x.value = value;
    x.event_index = index;
    x.date = e->events[index].date;
    add_evidence(e, &x, e->events[index].type_name, note);
}

static void cite_obligation(ev *e, size_t k, ek_truth value)
{
    const ek_obligation *o = &e->obl[k];
    evid x;
    memset(&x, 0, sizeof x);
    x.kind = EK_EVIDENCE_OBLIGATION;
    x.value = value;
    x.event_index = o->start_event;
    x.date = o->judged != EK_DATE_NONE ? o->judged : o->legal;
    x.rule = o->rule_name;
    x.sequence = o->sequence;
    x.status = o->status;
    x.obl_index = k;
    add_evidence(e, &x, NULL, o->message);
}

/* ---- events ----------------------------------------------------------------------------- */

/* An event of the case's index: what ek_case_event_in_date_order() gives for the events on or
 * before the as-of date, in that order, with the type as a bit for the specs' masks (issue 15: each
 * item looks at the events of its types without walking and comparing every event). */
typedef struct oev {
    size_t index;            /* in the case */
    ek_date date;
    ek_event_type type;
    uint64_t bit;            /* 1 << type for a known type below 64, else 0 */
} oev;

/* Build the index of @c's events into res->ord: the events on or before @as_of in date order. */
static int index_events(ev *e, ek_checklist_result *res, ek_date as_of)
{
    const size_t *by_date = NULL;
    size_t n = 0;
    e->events = ek__case_events(e->c, &by_date, &n);
    e->nevents = n;
    int rc = EK__VEC_RESERVE(res->ord, res->ordcap, n ? n : 1, 16);
    if (rc)
        return rc;
    size_t m = 0;
    uint64_t present = 0;
    for (size_t k = 0; k < n; k++) {
        const ek__event *x = &e->events[by_date[k]];
        if (x->date > as_of)
            continue;
        oev *o = &res->ord[m++];
        o->index = by_date[k];
        o->date = x->date;
        o->type = x->type;
        o->bit = x->type != EK_EV_UNKNOWN && (unsigned)x->type < 64 ? UINT64_C(1) << (unsigned)x->type : 0;
        present |= o->bit;
    }
    e->ord = res->ord;
    e->nord = m;
    e->present = present;
    return EK_OK;
}

/* A spec's types as a mask of oev.bit: exact (1) when every type is known and below 64 (or there
 * is no type: every event); 0 when an event must be compared by name (spec_type_matches()). */
typedef struct smask {
    uint64_t bits;
    int exact, any;
} smask;

static smask spec_mask(const ek__espec *s)
{
    smask m = { 0, 1, s->ntypes == 0 };
    for (size_t t = 0; t < s->ntypes; t++) {
        if (s->codes[t] == EK_EV_UNKNOWN || (unsigned)s->codes[t] >= 64)
            m.exact = 0;
        else
            m.bits |= UINT64_C(1) << (unsigned)s->codes[t];
    }
    return m;
}

/* Whether no event of the index can match a spec with mask @m. */
static int spec_none(const ev *e, const smask *m)
{
    return m->exact && !m->any && (m->bits & e->present) == 0;
}

static int spec_type_matches(const ev *e, const ek__espec *s, const smask *m, const oev *o);

/* Whether event @o matches @s (types, then dates); the usual case, a type the mask holds, inline. */
static inline int spec_matches(const ev *e, const ek__espec *s, const smask *m, const oev *o)
{
    if (m->bits & o->bit)
        ;
    else if (m->exact ? !m->any : !spec_type_matches(e, s, m, o))
        return 0;
    return (s->date_from == EK_DATE_NONE || o->date >= s->date_from) &&
           (s->date_to == EK_DATE_NONE || o->date <= s->date_to);
}

static ek_truth eval_node(ev *e, size_t ni, int collect, int depth);

/* The slow path of spec_matches(): a type known only by name, or a code the mask cannot hold. */
static int spec_type_matches(const ev *e, const ek__espec *s, const smask *m, const oev *o)
{
    if ((m->bits & o->bit) != 0)
        return 1;
    for (size_t t = 0; t < s->ntypes; t++) {
        if (s->codes[t] != EK_EV_UNKNOWN ? o->type == s->codes[t]
                                         : strcmp(e->events[o->index].type_name, s->types[t]) == 0)
            return 1;
    }
    return 0;
}

/* The value of a spec's condition for event @index (true when none). */
static ek_truth spec_where(ev *e, const ek__espec *s, size_t index, int collect, int depth)
{
    if (s->where == EK__NONE)
        return EK_TRUTH_TRUE;
    size_t saved = e->cur;
    e->cur = index;
    ek_truth v = eval_node(e, s->where, collect, depth + 1);
    e->cur = saved;
    return v;
}

static int find_attr(const ek_case *c, size_t index, const char *key, ek_attr_info *out)
{
    return ek__case_event_attr_find(c, index, key, out);  /* case_internal.h: one walk (issue 15) */
}

static ek_truth eval_event(ev *e, const ek__node *n, int collect, int depth)
{
    /* some: any over matching events; every: all; none: not some.  No matching event:
     * some → false, every → notapplicable, none → true. */
    ek_truth acc = EK_TRUTH_INVALID;
    size_t matched = 0;
    int some = n->quant != EK__Q_EVERY;
    ek_truth dominant = some ? EK_TRUTH_TRUE : EK_TRUTH_FALSE;
    smask m = spec_mask(&n->spec);
    for (size_t k = spec_none(e, &m) ? e->nord : 0; k < e->nord; k++) {
        const oev *o = &e->ord[k];
        if (!spec_matches(e, &n->spec, &m, o))
            continue;
        matched++;
        ek_truth w = spec_where(e, &n->spec, o->index, 0, depth);
        ek_truth pair[2] = { acc == EK_TRUTH_INVALID ? EK_TRUTH_NOTAPPLICABLE : acc, w };
        acc = some ? ek_truth_any(pair, 2) : ek_truth_all(pair, 2);
        if (acc == dominant)
            break;  /* the dominant value stays (ek_truth_any/all); the events after change nothing */
    }
    ek_truth v;
    if (matched == 0)
        v = some ? EK_TRUTH_FALSE : EK_TRUTH_NOTAPPLICABLE;
    else if (acc == EK_TRUTH_NOTAPPLICABLE)
        v = some ? EK_TRUTH_FALSE : EK_TRUTH_NOTAPPLICABLE;
    else
        v = acc;
    if (n->quant == EK__Q_NONE)
        v = ek_truth_not(v);
    if (!collect)
        return v;
    /* Explain: cite the events whose condition has the deciding value. */
    ek_truth inner = n->quant == EK__Q_NONE ? ek_truth_not(v) : v;
    int cited = 0;
    for (size_t k = spec_none(e, &m) ? e->nord : 0; k < e->nord; k++) {
        const oev *o = &e->ord[k];
        if (!spec_matches(e, &n->spec, &m, o))
            continue;
        ek_truth w = spec_where(e, &n->spec, o->index, 0, depth);
        if (w != inner)
            continue;
        cite_event(e, o->index, v, "");
        cited++;
        if (w != EK_TRUTH_TRUE && !n->message) {
            char d[EK_DATE_BUFSIZE];
            datestr(o->date, d);
            fragment(e, "%s %s:", event_label(e, o->index), d);
            e->fraglen -= (e->fraglen && e->frag[e->fraglen - 1] == ':') ? 1 : 0;
            e->frag[e->fraglen] = '\0';
            spec_where(e, &n->spec, o->index, 1, depth);
        } else if (n->quant == EK__Q_NONE && !n->message) {
            char d[EK_DATE_BUFSIZE];
            datestr(o->date, d);
            fragment(e, "%s %s finns", event_label(e, o->index), d);
        }
        if (inner == dominant && some)
            break;  /* one witness is enough */
    }
    if (n->message && v != EK_TRUTH_TRUE)
        fragment(e, "%s", _(n->message));
    else if (!cited && v == EK_TRUTH_FALSE && n->quant == EK__Q_SOME)
        fragment(e, "%s saknas%s", spec_label(&n->spec), n->spec.where != EK__NONE ? _(" (med de uppgifter som krävs)") : "");
    return v;
}

static int aval_equal(const ek__aval *a, const ek_attr_info *x)
{
    if (a->kind == EK_ATTR_BOOL)
        return x->kind == EK_ATTR_BOOL && (x->boolean != 0) == (a->boolean != 0);
    if (a->kind == EK_ATTR_DATE)
        return x->kind == EK_ATTR_DATE && x->date == a->date;
    return (x->kind == EK_ATTR_STRING || x->kind == EK_ATTR_RAW) && x->string && strcmp(x->string, a->string) == 0;
}

static void aval_text(const ek__aval *a, char *buf, size_t size)
{
    if (a->kind == EK_ATTR_BOOL)
        snprintf(buf, size, "%s", a->boolean ? _("ja") : _("nej"));
    else if (a->kind == EK_ATTR_DATE) {
        char d[EK_DATE_BUFSIZE];
        datestr(a->date, d);
        snprintf(buf, size, "%s", d);
    } else
        snprintf(buf, size, "\"%s\"", a->string);
}

static ek_truth eval_attr(ev *e, const ek__node *n, int collect)
{
    if (e->cur == EK__NONE)
        return EK_TRUTH_ERROR;  /* the loader forbids it; defensive */
    ek_attr_info a = EK_ATTR_INFO_INIT;
    ek_truth v;
    int found = find_attr(e->c, e->cur, n->key, &a);
    if (!found)
        v = n->missing;
    else if (n->cmp == EK__CMP_PRESENT)
        v = EK_TRUTH_TRUE;
    else {
        v = EK_TRUTH_FALSE;
        for (size_t i = 0; i < n->nvals; i++)
            if (aval_equal(&n->vals[i], &a))
                v = EK_TRUTH_TRUE;
    }
    if (collect && v != EK_TRUTH_TRUE) {
        if (n->message)
            fragment(e, "%s", _(n->message));
        else if (!found)
            fragment(e, "uppgift om %s saknas", n->key);
        else if (n->nvals) {
            char want[128];
            aval_text(&n->vals[0], want, sizeof want);
            if (a.kind == EK_ATTR_BOOL)
                fragment(e, "%s är %s", n->key, a.boolean ? _("ja") : _("nej"));
            else if (a.kind == EK_ATTR_DATE) {
                char d[EK_DATE_BUFSIZE];
                datestr(a.date, d);
                fragment(e, "%s är %s", n->key, d);
            } else
                fragment(e, "%s har inte det värde som krävs", n->key);  /* never the value (issue 18) */
        }
    }
    return v;
}

/* AGE: the child's age in whole years on the current event's date; a birthday counts like a
 * period of years under Lag (1930:173) 1 § (born 29 February: 28 February in other years). */
static ek_truth eval_age(ev *e, const ek__node *n, int collect)
{
    if (e->cur == EK__NONE)
        return EK_TRUTH_ERROR;  /* the loader forbids it; defensive */
    if (e->cur >= e->nevents)
        return EK_TRUTH_ERROR;
    const ek_date date = e->events[e->cur].date;
    ek_date born = ek_case_birth_date(e->c);
    if (born == EK_DATE_NONE) {
        if (collect && n->missing != EK_TRUTH_TRUE) {
            if (n->message)
                fragment(e, "%s", _(n->message));
            else
                fragment(e, "födelsedatum saknas: barnets ålder kan inte bedömas");
        }
        return n->missing;
    }
    int ok = 1;
    const int bounds[2] = { n->age_min, n->age_under };
    for (int k = 0; k < 2; k++) {
        if (bounds[k] < 0)
            continue;
        ek_period p = { bounds[k], EK_UNIT_YEARS };
        ek_date birthday;
        if (ek_period_add(born, p, &birthday) != EK_OK)
            birthday = EK_DATE_MAX + 1;   /* after the range: not reached */
        int reached = date >= birthday;
        ok &= k == 0 ? reached : !reached;
    }
    if (collect && !ok) {
        char b[EK_DATE_BUFSIZE];
        datestr(date, b);
        if (n->message)
            fragment(e, "%s", _(n->message));
        else if (n->age_min >= 0)
            fragment(e, "barnet hade inte fyllt %d år %s", n->age_min, b);
        else
            fragment(e, "barnet hade fyllt %d år %s", n->age_under, b);
    }
    return ok ? EK_TRUTH_TRUE : EK_TRUTH_FALSE;
}

static int same_ok(const ev *e, const ek__node *n, size_t a, size_t b)
{
    for (size_t k = 0; k < n->nsame; k++) {
        ek_attr_info x = EK_ATTR_INFO_INIT, y = EK_ATTR_INFO_INIT;
        if (find_attr(e->c, a, n->same[k], &x) && find_attr(e->c, b, n->same[k], &y) && x.string && y.string &&
            strcmp(x.string, y.string) != 0)
            return 0;
    }
    return 1;
}

/* The judged end of @n's period from @start; 0 on success.  @ptext (or NULL) receives the period's text. */
static int window_end(ev *e, const ek__node *n, ek_date start, ek_date *end, char *ptext)
{
    ek_period p = n->period;
    if (!n->has_period) {
        if (ek_policy_get_period(ek_context_policy_const(e->ctx), n->policy, &p) != EK_OK)
            return -1;
    }
    if (ptext)
        ek_period_format(p, ptext, EK_PERIOD_BUFSIZE);
    ek_deadline dl;
    /* A policy's number is not a time set by law: counted, never rolled (1930:173 2 §, DOMAIN.md §3). */
    if (ek_deadline_compute_kind(ek_context_calendar(e->ctx), start, p,
                                 n->has_period ? EK_PERIOD_LAW : EK_PERIOD_POLICY, &dl) != EK_OK)
        return -1;
    ek__judge j = n->judge;
    if (j == EK__JUDGE_POLICY)
        j = ek_policy_judge_on(ek_context_policy_const(e->ctx)) == EK_JUDGE_NOMINAL ? EK__JUDGE_NOMINAL
                                                                                     : EK__JUDGE_LEGAL;
    *end = j == EK__JUDGE_NOMINAL ? dl.nominal : dl.legal;
    return 0;
}

/* WITHIN and BEFORE: for each anchor ("from"), look for a matching "to" event. */
static ek_truth eval_relation(ev *e, const ek__node *n, int collect, int depth)
{
    int within = n->op == EK__OP_WITHIN;
    int some = n->quant == EK__Q_SOME;
    ek_truth acc = EK_TRUTH_NOTAPPLICABLE;
    int anchors = 0;
    smask mfrom = spec_mask(&n->from), mto = spec_mask(&n->to);
    int no_to = spec_none(e, &mto);
    for (int pass = 0; pass < (collect ? 2 : 1); pass++) {
        for (size_t k = spec_none(e, &mfrom) ? e->nord : 0; k < e->nord; k++) {
            const oev *ao = &e->ord[k];
            if (!spec_matches(e, &n->from, &mfrom, ao))
                continue;
            const size_t a_index = ao->index;
            const ek_date a_date = ao->date;
            ek_truth aw = spec_where(e, &n->from, a_index, 0, depth);
            if (aw == EK_TRUTH_FALSE || aw == EK_TRUTH_NOTAPPLICABLE)
                continue;
            ek_date end = EK_DATE_NONE;
            char ptext[EK_PERIOD_BUFSIZE] = "";
            ek_truth v;
            size_t found = EK__NONE;
            if (within && window_end(e, n, a_date, &end, pass ? ptext : NULL) != 0) {
                v = EK_TRUTH_ERROR;
            } else {
                ek_truth best = EK_TRUTH_FALSE;
                for (size_t j = no_to ? e->nord : 0; j < e->nord; j++) {
                    const oev *b = &e->ord[j];
                    if (b->index == a_index || !spec_matches(e, &n->to, &mto, b))
                        continue;
                    if (within ? (b->date < a_date || b->date > end) : b->date > a_date)
                        continue;
                    if (!same_ok(e, n, a_index, b->index))
                        continue;
                    ek_truth bw = spec_where(e, &n->to, b->index, 0, depth);
                    ek_truth pair[2] = { best, bw };
                    ek_truth nb = ek_truth_any(pair, 2);
                    if (nb != best && (nb == EK_TRUTH_TRUE || found == EK__NONE))
                        found = b->index;
                    best = nb;
                    if (best == EK_TRUTH_TRUE)
                        break;
                }
                v = best;
                if (v == EK_TRUTH_FALSE && within && e->as_of <= end)
                    v = EK_TRUTH_NOTCHECKED;  /* the window is still open */
                if (v == EK_TRUTH_FALSE && aw != EK_TRUTH_TRUE)
                    v = aw;  /* the anchor itself is uncertain */
            }
            if (pass == 0) {
                anchors++;
                ek_truth pair[2] = { acc, v };
                acc = some ? ek_truth_any(pair, 2) : ek_truth_all(pair, 2);
                if (acc == (some ? EK_TRUTH_TRUE : EK_TRUTH_FALSE))
                    break;  /* dominant: the anchors after change nothing (pass 1 looks at them all) */
                continue;
            }
            /* pass 1: explain the anchors with the deciding value */
            if (v != acc)
                continue;
            cite_event(e, a_index, v, "");
            if (found != EK__NONE)
                cite_event(e, found, v, "");
            if (v == EK_TRUTH_TRUE)
                continue;
            const char *a_label = event_label(e, a_index);
            char d[EK_DATE_BUFSIZE], de[EK_DATE_BUFSIZE];
            datestr(a_date, d);
            datestr(end, de);
            if (n->message)
                fragment(e, "%s (%s %s)", _(n->message), a_label, d);
            else if (v == EK_TRUTH_NOTCHECKED)
                fragment(e, "tiden för %s efter %s %s löper till %s", spec_label(&n->to), a_label, d, de);
            else if (v == EK_TRUTH_ERROR)
                fragment(e, "fristen efter %s %s kunde inte beräknas", a_label, d);
            else if (within)
                fragment(e, "ingen %s inom %s efter %s %s (senast %s)", spec_label(&n->to), ptext,
                         a_label, d, de);
            else if (some)
                fragment(e, "%s %s", a_label, d);
            else
                fragment(e, "%s %s föregicks inte av %s", a_label, d, spec_label(&n->to));
        }
    }
    if (anchors == 0)
        return some ? EK_TRUTH_FALSE : EK_TRUTH_NOTAPPLICABLE;
    if (acc == EK_TRUTH_NOTAPPLICABLE)
        return some ? EK_TRUTH_FALSE : EK_TRUTH_NOTAPPLICABLE;
    (void)depth;
    return acc;
}

static int rule_selected(const ek__node *n, ek_rule_id r)
{
    for (size_t i = 0; i < n->nrules; i++)
        if (n->rules[i] == r)
            return 1;
    return 0;
}

static ek_truth obligation_value(const ek__node *n, const ek_obligation *o)
{
    if (n->require == EK__REQ_DONE && o->status == EK_OBL_LATE)
        return EK_TRUTH_TRUE;
    return ek_obligation_truth(o->status);
}

static ek_truth eval_rule(ev *e, const ek__node *n, int collect)
{
    ek_truth acc = EK_TRUTH_NOTAPPLICABLE;
    int pending = 0, any = 0;
    for (size_t k = 0; k < e->nobl; k++) {
        const ek_obligation *o = &e->obl[k];
        if (!rule_selected(n, o->rule))
            continue;
        if (n->require == EK__REQ_EXISTS || n->require == EK__REQ_FLAG) {
            if (o->status == EK_OBL_NOTAPPLICABLE)
                continue;
            if (n->require == EK__REQ_EXISTS || (o->flags & n->flag))
                any = 1;
            continue;
        }
        ek_truth v = obligation_value(n, o);
        if (v == EK_TRUTH_NOTCHECKED) {
            pending = 1;
            continue;
        }
        ek_truth pair[2] = { acc, v };
        acc = ek_truth_all(pair, 2);
    }
    ek_truth v;
    if (n->require == EK__REQ_EXISTS || n->require == EK__REQ_FLAG)
        v = any ? EK_TRUTH_TRUE : EK_TRUTH_FALSE;
    else if (acc == EK_TRUTH_NOTAPPLICABLE && pending)
        v = EK_TRUTH_NOTCHECKED;
    else
        v = acc;
    if (!collect)
        return v;
    for (size_t k = 0; k < e->nobl; k++) {
        const ek_obligation *o = &e->obl[k];
        if (!rule_selected(n, o->rule) || o->status == EK_OBL_NOTAPPLICABLE)
            continue;
        ek_truth ov;
        if (n->require == EK__REQ_EXISTS)
            ov = EK_TRUTH_TRUE;
        else if (n->require == EK__REQ_FLAG)
            ov = (o->flags & n->flag) ? EK_TRUTH_TRUE : EK_TRUTH_FALSE;
        else
            ov = obligation_value(n, o);
        if (ov != v)
            continue;
        cite_obligation(e, k, ov);
        if (v == EK_TRUTH_TRUE || n->require == EK__REQ_EXISTS || n->require == EK__REQ_FLAG)
            continue;
        char dj[EK_DATE_BUFSIZE], dd[EK_DATE_BUFSIZE], ds[EK_DATE_BUFSIZE];
        datestr(o->judged != EK_DATE_NONE ? o->judged : o->legal, dj);
        datestr(o->done, dd);
        datestr(o->start, ds);
        if (n->message)
            fragment(e, "%s", _(n->message));
        else if (o->status == EK_OBL_LATE)
            fragment(e, "%s: fristen gick ut %s men fullgjordes först %s", o->rule_name, dj, dd);
        else if (o->status == EK_OBL_OVERDUE)
            fragment(e, "%s: fristen räknat från %s gick ut %s och är inte fullgjord", o->rule_name, ds, dj);
        else if (o->status == EK_OBL_PENDING)
            fragment(e, "%s: fristen löper till %s", o->rule_name, dj);
        else if (o->status == EK_OBL_ERROR)
            fragment(e, "%s: %s", o->rule_name, o->message && *o->message ? o->message : _("motstridiga uppgifter"));
    }
    if (v == EK_TRUTH_FALSE && n->require == EK__REQ_EXISTS && !n->message)
        fragment(e, "ingen frist enligt %s har uppkommit", n->nrules ? ek_rule_name(n->rules[0]) : _("regeln"));
    return v;
}

static ek_truth eval_answer(ev *e, const ek__node *n, int collect)
{
    ek_answer_info a = EK_ANSWER_INFO_INIT;
    int rc = ek_answers_find(e->answers, e->c, n->item, &a);
    ek_truth v;
    if (rc != EK_OK || (a.date != EK_DATE_NONE && a.date > e->as_of))
        v = EK_TRUTH_NOTCHECKED;
    else if (a.result == EK_RESULT_PASS)
        v = EK_TRUTH_TRUE;
    else if (a.result == EK_RESULT_FAIL)
        v = EK_TRUTH_FALSE;
    else if (a.result == EK_RESULT_NOTAPPLICABLE)
        v = EK_TRUTH_NOTAPPLICABLE;
    else
        v = EK_TRUTH_ERROR;
    if (!collect)
        return v;
    if (v == EK_TRUTH_NOTCHECKED) {
        fragment(e, "granskarens bedömning av %s saknas", n->item);
        return v;
    }
    evid x;
    memset(&x, 0, sizeof x);
    x.kind = EK_EVIDENCE_ANSWER;
    x.value = v;
    x.event_index = EK_NO_EVENT;
    x.date = a.date;
    add_evidence(e, &x, NULL, "");  /* the reviewer and the comment are free text: never shown (issue 18) */
    if (v == EK_TRUTH_FALSE)
        fragment(e, "granskaren har bedömt %s som inte uppfylld", n->item);
    return v;
}

/* Whether the case-1 vocabulary gives events of type @o->type a "beslutsfattare" (decision maker);
 * ek_event_attr_spec() asked once per type and remembered in the result set (a fact of the
 * vocabulary: the same for every case). */
static int type_has_decider(ev *e, const oev *o)
{
    ek_checklist_result *res = e->res;
    if (o->bit == 0) {
        ek_attr_kind kind;
        return o->type != EK_EV_UNKNOWN &&
               ek_event_attr_spec(o->type, "beslutsfattare", &kind, NULL, NULL) == EK_OK;
    }
    if (!(res->decider_known & o->bit)) {
        ek_attr_kind kind;
        if (ek_event_attr_spec(o->type, "beslutsfattare", &kind, NULL, NULL) == EK_OK)
            res->decider |= o->bit;
        res->decider_known |= o->bit;
    }
    return (res->decider & o->bit) != 0;
}

static int is_decision_event(ev *e, const oev *o)
{
    if (type_has_decider(e, o))
        return 1;
    ek_attr_info a = EK_ATTR_INFO_INIT;
    return find_attr(e->c, o->index, "beslutsfattare", &a);
}

static ek_truth eval_delegation(ev *e, const ek__node *n, int collect)
{
    ek_truth acc = EK_TRUTH_NOTAPPLICABLE;
    int decisions = 0, unchecked = 0;
    for (int pass = 0; pass < (collect ? 2 : 1); pass++) {
        for (size_t k = 0; k < e->nord; k++) {
            const oev *o = &e->ord[k];
            const char *type_name = e->events[o->index].type_name;
            int in_order = 0, allowed = 0;
            ek_attr_info a = EK_ATTR_INFO_INIT;
            /* the role matters only to a delegation order (without one nothing is in order) */
            int has_role = e->del && find_attr(e->c, o->index, "beslutsfattare", &a) && a.string;
            if (e->del)
                in_order = ek_delegation_check(e->del, type_name, has_role ? a.string : "", &allowed) == EK_OK;
            if (!in_order && !is_decision_event(e, o))
                continue;
            if (!e->del && !collect)
                return EK_TRUTH_NOTCHECKED; /* a decision and no delegation order: what the end of pass 0 gives */
            char d[EK_DATE_BUFSIZE] = "";
            if (pass == 1)
                datestr(o->date, d);
            if (!in_order) {
                if (pass == 0) {
                    decisions++;
                    unchecked++;
                } else if (acc == EK_TRUTH_NOTCHECKED) {
                    cite_event(e, o->index, EK_TRUTH_NOTCHECKED, e->del ? _("typen saknas i delegationsordningen") : "");
                    if (e->del)
                        fragment(e, "%s %s: beslutstypen finns inte i delegationsordningen", event_label(e, o->index), d);
                }
                continue;
            }
            ek_truth v = !has_role ? EK_TRUTH_UNKNOWN : allowed ? EK_TRUTH_TRUE : EK_TRUTH_FALSE;
            if (pass == 0) {
                decisions++;
                ek_truth pair[2] = { acc, v };
                acc = ek_truth_all(pair, 2);
                continue;
            }
            if (v != acc)
                continue;
            cite_event(e, o->index, v, v == EK_TRUTH_FALSE ? _("beslutsfattaren saknar delegation") : "");
            if (n->message && v != EK_TRUTH_TRUE)
                fragment(e, "%s", _(n->message));
            else if (v == EK_TRUTH_FALSE)
                fragment(e, "%s %s fattades av en beslutsfattare som enligt delegationsordningen inte får fatta "
                         "beslutet", event_label(e, o->index), d);  /* never the role given (issue 18) */
            else if (v == EK_TRUTH_UNKNOWN)
                fragment(e, "%s %s: beslutsfattare är inte angiven", event_label(e, o->index), d);
        }
        if (pass == 0) {
            if (decisions == 0)
                return EK_TRUTH_NOTAPPLICABLE;
            if (!e->del) {
                if (collect)
                    fragment(e, "ingen delegationsordning angiven; delegationen kan inte kontrolleras");
                return EK_TRUTH_NOTCHECKED;
            }
            if (acc == EK_TRUTH_NOTAPPLICABLE && unchecked)
                acc = EK_TRUTH_NOTCHECKED;
        }
    }
    return acc;
}

static ek_truth eval_node(ev *e, size_t ni, int collect, int depth)
{
    if (ni >= e->cl->nnodes || depth > EK__CL_MAX_DEPTH + 2)
        return EK_TRUTH_ERROR;
    const ek__node *n = &e->cl->nodes[ni];
    switch (n->op) {
    case EK__OP_VALUE:
        if (collect && n->value != EK_TRUTH_TRUE && n->message)
            fragment(e, "%s", _(n->message));
        return n->value;
    case EK__OP_REF:
        return eval_node(e, e->cl->defs[n->def].node, collect, depth + 1);
    case EK__OP_NOT: {
        ek_truth v = ek_truth_not(eval_node(e, n->kids[0], 0, depth + 1));
        if (collect) {
            if (n->message && v != EK_TRUTH_TRUE)
                fragment(e, "%s", _(n->message));
            else
                eval_node(e, n->kids[0], 1, depth + 1);
        }
        return v;
    }
    case EK__OP_ALL:
    case EK__OP_ANY:
    case EK__OP_FIRST_KNOWN: {
        ek_truth vals[64];
        vals[0] = EK_TRUTH_NOTAPPLICABLE; /* (no operand: read by nothing) */
        size_t nk = n->nkids < 64 ? n->nkids : 64;
        if (!collect) {
            /* the verdict only: stop at the dominant value of all/any (it stays) or, for first_known,
             * at the first known value; what is not evaluated is never read (issue 15) */
            size_t m = 0;
            ek_truth dom = n->op == EK__OP_ALL ? EK_TRUTH_FALSE : EK_TRUTH_TRUE;
            while (m < nk) {
                ek_truth x = eval_node(e, n->kids[m], 0, depth + 1);
                vals[m++] = x;
                if (n->op == EK__OP_FIRST_KNOWN ? (x != EK_TRUTH_UNKNOWN && x != EK_TRUTH_NOTCHECKED) : x == dom)
                    break;
            }
            nk = m;
        } else
            for (size_t k = 0; k < nk; k++)
                vals[k] = eval_node(e, n->kids[k], 0, depth + 1);
        ek_truth v;
        size_t chosen = EK__NONE;
        if (n->op == EK__OP_ALL)
            v = ek_truth_all(vals, nk);
        else if (n->op == EK__OP_ANY)
            v = ek_truth_any(vals, nk);
        else {
            ek_truth rest = EK_TRUTH_NOTAPPLICABLE;
            v = EK_TRUTH_INVALID;
            for (size_t k = 0; k < nk && v == EK_TRUTH_INVALID; k++) {
                if (vals[k] != EK_TRUTH_UNKNOWN && vals[k] != EK_TRUTH_NOTCHECKED) {
                    v = vals[k];
                    chosen = k;
                } else if (vals[k] == EK_TRUTH_UNKNOWN || rest == EK_TRUTH_NOTAPPLICABLE)
                    rest = vals[k];
            }
            if (v == EK_TRUTH_INVALID)
                v = rest;
        }
        if (collect) {
            if (n->message && v != EK_TRUTH_TRUE)
                fragment(e, "%s", _(n->message));
            else if (chosen != EK__NONE)
                eval_node(e, n->kids[chosen], 1, depth + 1);
            else
                for (size_t k = 0; k < nk; k++)
                    if (vals[k] == v)
                        eval_node(e, n->kids[k], 1, depth + 1);
        }
        return v;
    }
    case EK__OP_EVENT:
        return eval_event(e, n, collect, depth);
    case EK__OP_ATTR:
        return eval_attr(e, n, collect);
    case EK__OP_AGE:
        return eval_age(e, n, collect);
    case EK__OP_WITHIN:
    case EK__OP_BEFORE:
        return eval_relation(e, n, collect, depth);
    case EK__OP_RULE:
        return eval_rule(e, n, collect);
    case EK__OP_ANSWER:
        return eval_answer(e, n, collect);
    case EK__OP_DELEGATION:
        return eval_delegation(e, n, collect);
    }
    return EK_TRUTH_ERROR;
}

/* ---- items ------------------------------------------------------------------------------ */

static ek_result applies_result(ek_truth a)
{
    switch (a) {
    case EK_TRUTH_TRUE: return EK_RESULT_INVALID;  /* go on */
    case EK_TRUTH_FALSE:
    case EK_TRUTH_NOTAPPLICABLE: return EK_RESULT_NOTAPPLICABLE;
    case EK_TRUTH_UNKNOWN: return EK_RESULT_UNKNOWN;
    case EK_TRUTH_NOTCHECKED: return EK_RESULT_NOTCHECKED;
    default: return EK_RESULT_ERROR;
    }
}

/* The default text for result @r in the current language (_(ek__result_text_sv(r))).  A language
 * of the compiled catalogues gives static strings: each is looked up once per result set and
 * language, not once per item and case (issue 15); the process's language (gettext) every time. */
static const char *default_head(ek_checklist_result *res, ek_result r)
{
    int lang = ek__lang_current();
    if (lang == EK__LANG_PROCESS || (unsigned)r >= 10)
        return _(ek__result_text_sv(r));
    if (res->head_lang != lang) {
        memset(res->head, 0, sizeof res->head);
        res->head_lang = lang;
    }
    if (!res->head[r])
        res->head[r] = _(ek__result_text_sv(r));
    return res->head[r];
}

static int eval_item(ev *e, size_t ii)
{
    const ek__item *it = &e->cl->items[ii];
    ek_checklist_result *res = e->res;
    int rc = EK__VEC_RESERVE(res->r, res->cap, res->n + 1, 32);
    if (rc)
        return rc;
    rslot s;
    memset(&s, 0, sizeof s);
    s.item = ii;
    s.criterion = EK_TRUTH_INVALID;
    s.ev_first = res->nev;
    e->item_ev_first = res->nev;
    e->frag[0] = '\0';
    e->fraglen = 0;
    e->nfrag = 0;
    e->cur = EK__NONE;
    e->status = EK_OK;

    const char *prefix = NULL;
    size_t explain = EK__NONE;     /* node to explain */
    ek_result r = EK_RESULT_INVALID;
    ek_truth a = it->applies == EK__NONE ? EK_TRUTH_TRUE : eval_node(e, it->applies, 0, 0);
    r = applies_result(a);
    if (r != EK_RESULT_INVALID) {
        if (r != EK_RESULT_NOTAPPLICABLE)
            explain = it->applies;
    } else if (it->exclude != EK__NONE && eval_node(e, it->exclude, 0, 0) == EK_TRUTH_TRUE) {
        r = EK_RESULT_NOTAPPLICABLE;
        s.flags |= EK_ITEM_EXCLUDED;
        explain = it->exclude;
        prefix = _("Undantagen från granskningen");
    } else {
        ek_truth c = eval_node(e, it->criterion, 0, 0);
        s.criterion = c;
        explain = it->criterion;
        if (c == EK_TRUTH_TRUE)
            r = EK_RESULT_PASS;
        else if (it->exception != EK__NONE && eval_node(e, it->exception, 0, 0) == EK_TRUTH_TRUE) {
            r = EK_RESULT_PASS;
            s.flags |= EK_ITEM_EXCEPTION;
            explain = it->exception;
            prefix = _("Uppfylld genom dokumenterat undantag");
        } else if (c == EK_TRUTH_FALSE && it->oq_when != EK__NONE &&
                   eval_node(e, it->oq_when, 0, 0) == EK_TRUTH_TRUE) {
            r = it->oq_result;
            s.flags |= EK_ITEM_OPEN_QUESTION;
            explain = it->oq_when;
            prefix = _(it->oq_message);
        } else
            r = ek_truth_result(c);
    }
    if (e->verdicts_only) {
        /* ek__checklist_evaluate_verdicts(): no explanation, basis or message (offset 0: "") */
        s.result = r;
        s.basis_date = EK_DATE_NONE;
        s.basis = "";
        res->r[res->n++] = s;
        return EK_OK;
    }
    /* Collect evidence and explanations from the deciding predicates. */
    if (explain != EK__NONE) {
        eval_node(e, explain, 1, 0);
        if (explain != it->criterion && it->criterion != EK__NONE && s.criterion != EK_TRUTH_INVALID &&
            !(s.flags & EK_ITEM_OPEN_QUESTION)) {
            /* keep the criterion's evidence too (exception: the failed limit) */
            size_t keep = e->fraglen;
            int nf = e->nfrag;
            eval_node(e, it->criterion, 1, 0);
            e->fraglen = keep;
            e->nfrag = nf;
            e->frag[keep] = '\0';
        }
    }
    if (e->status)
        return e->status;
    s.result = r;
    for (size_t i = s.ev_first; i < res->nev; i++)
        if (res->ev[i].kind == EK_EVIDENCE_ANSWER)
            s.flags |= EK_ITEM_ANSWERED;
    s.ev_count = res->nev - s.ev_first;

    /* The law of the day: latest evidence date, else the case's latest event (what is missing was
     * missing then), else the as-of date. */
    ek_date bd = EK_DATE_NONE;
    for (size_t i = s.ev_first; i < res->nev; i++)
        if (res->ev[i].date != EK_DATE_NONE && (bd == EK_DATE_NONE || res->ev[i].date > bd))
            bd = res->ev[i].date;
    if (bd == EK_DATE_NONE)
        bd = e->last_event != EK_DATE_NONE ? e->last_event : e->as_of;
    s.basis_date = bd;
    const ek__btext *bt = ek__item_btext(it, bd);  /* prepared with the checklist (issue 15) */
    if (bt) {
        s.basis = bt->text;
        s.basis_len = bt->len;
        s.basis_plain = bt->plain;
    } else {
        char basis[512];
        if (ek_checklist_item_basis_on(e->cl, ii, bd, basis, sizeof basis) != EK_OK)
            basis[0] = '\0';
        rc = pool_str(res, basis, &s.basis_off);
        if (rc)
            return rc;
        s.basis = NULL; /* in the pool, which may move: resolved when read */
        s.basis_len = strlen(basis);
    }

    /* The message: the item's text for the result, then the reasons. */
    const char *head = prefix;
    if (!head) {
        head = (r >= 1 && r <= 9 && it->messages[r]) ? _(it->messages[r]) : default_head(res, r);
        if (r == EK_RESULT_NOTCHECKED && it->kind == EK_ITEM_JUDGEMENT && !it->messages[r])
            head = _("Inte granskad: punkten kräver granskarens bedömning");
    }
    /* "head: reasons." or "head." (no double full stop), put together in the pool: a long item text
     * is kept whole (issue 19, point 5), with no formatting and no allocation per item (issue 15). */
    int with_reasons = e->fraglen && (r != EK_RESULT_PASS || (s.flags & EK_ITEM_EXCEPTION));
    const char *parts[4] = { head, ": ", e->frag, "." };
    size_t lens[4] = { strlen(head), 2, strlen(e->frag), 1 };
    if (!with_reasons)
        lens[1] = lens[2] = 0;
    rc = pool_add_parts(res, parts, lens, 4, &s.msg);
    if (rc)
        return rc;
    s.msg_len = s.msg ? res->plen - s.msg - 1 : 0; /* the string just added */
    res->r[res->n++] = s;
    return EK_OK;
}

int ek_checklist_evaluate_obligations(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                      const ek_obligation *obligations, size_t count,
                                      const ek_delegation *delegation, ek_date as_of,
                                      ek_checklist_result *out)
{
    EK__CONTEXT_LANG(ctx);
    return ek_checklist_evaluate_obligations_answers(ctx, cl, c, obligations, count, delegation, NULL, as_of, out);
}

static int evaluate(const ek_context *ctx, const ek_checklist *cl, const ek_case *c, const ek_obligation *obligations,
                    size_t count, const ek_delegation *delegation, const ek_answers *answers, ek_date as_of,
                    ek_checklist_result *out, int verdicts_only)
{
    if (!ctx || !cl || !c || !out || (count > 0 && !obligations))
        return ek__error(EK_EINVAL, "ek_checklist_evaluate: NULL argument");
    if (as_of == EK_DATE_NONE)
        return ek__error(EK_EINVAL, "ek_checklist_evaluate: as-of date missing");
    if (!ek_date_in_range(as_of))
        return ek__error(EK_ERANGE, "ek_checklist_evaluate: as-of date outside the supported range");
    result_clear(out);
    ev e;
    memset(&e, 0, sizeof e);
    e.ctx = ctx;
    e.cl = cl;
    e.c = c;
    e.obl = obligations;
    e.nobl = count;
    e.del = delegation;
    e.answers = answers;
    e.as_of = as_of;
    e.cur = EK__NONE;
    e.res = out;
    e.verdicts_only = verdicts_only;
    int rc = index_events(&e, out, as_of);
    if (rc == EK_OK)
        rc = pool_str(out, ek_case_id(c), &out->case_id);
    if (rc == EK_OK)
        rc = pool_str(out, ek_case_unit(c), &out->unit);
    if (rc) {
        result_clear(out);
        return rc;
    }
    out->cl = cl;
    out->as_of = as_of;
    e.last_event = e.nord ? e.ord[e.nord - 1].date : EK_DATE_NONE;
    out->case_date = e.nord ? e.ord[0].date : EK_DATE_NONE;
    for (size_t i = 0; i < cl->nitems; i++) {
        if (cl->items[i].population != EK_POPULATION_CASE)
            continue;
        rc = eval_item(&e, i);
        if (rc) {
            result_clear(out);
            return rc;
        }
    }
    return EK_OK;
}

int ek_checklist_evaluate_obligations_answers(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                              const ek_obligation *obligations, size_t count,
                                              const ek_delegation *delegation, const ek_answers *answers,
                                              ek_date as_of, ek_checklist_result *out)
{
    EK__CONTEXT_LANG(ctx);
    return evaluate(ctx, cl, c, obligations, count, delegation, answers, as_of, out, 0);
}

int ek__checklist_evaluate_verdicts(const ek_context *ctx, const ek_checklist *cl, const ek_case *c,
                                    const ek_obligation *obligations, size_t count, const ek_delegation *delegation,
                                    const ek_answers *answers, ek_date as_of, ek_checklist_result *out)
{
    EK__CONTEXT_LANG(ctx);
    return evaluate(ctx, cl, c, obligations, count, delegation, answers, as_of, out, 1);
}

/* ---- reading results ------------------------------------------------------------------------ */

size_t ek_checklist_result_count(const ek_checklist_result *res)
{
    return res ? res->n : 0;
}

const char *ek_checklist_result_case_id(const ek_checklist_result *res)
{
    return res ? pool_get(res, res->case_id) : "";
}

const char *ek_checklist_result_unit(const ek_checklist_result *res)
{
    return res ? pool_get(res, res->unit) : "";
}

ek_date ek_checklist_result_as_of(const ek_checklist_result *res)
{
    return res ? res->as_of : EK_DATE_NONE;
}

ek_date ek_checklist_result_case_date(const ek_checklist_result *res)
{
    return res ? res->case_date : EK_DATE_NONE;
}

const ek_checklist *ek_checklist_result_checklist(const ek_checklist_result *res)
{
    return res ? res->cl : NULL;
}

int ek_checklist_result_item(const ek_checklist_result *res, size_t k, ek_item_result *out)
{
    if (!res || !out)
        return ek__error(EK_EINVAL, "ek_checklist_result_item: NULL argument");
    if (out->version != EK_ITEM_RESULT_VERSION)
        return ek__error(EK_EVERSION, "ek_checklist_result_item: unknown struct version %u", out->version);
    if (k >= res->n)
        return ek__error(EK_ERANGE, "ek_checklist_result_item: index %zu out of range (%zu results)", k, res->n);
    const rslot *s = &res->r[k];
    out->item_index = s->item;
    out->item = res->cl->items[s->item].id;
    out->result = s->result;
    out->criterion = s->criterion;
    out->flags = s->flags;
    out->message = pool_get(res, s->msg);
    out->basis = s->basis ? s->basis : pool_get(res, s->basis_off);
    out->basis_date = s->basis_date;
    out->evidence_count = s->ev_count;
    return EK_OK;
}

int ek__checklist_result_basis(const ek_checklist_result *res, size_t k, const char **text, size_t *len)
{
    const rslot *s = &res->r[k];
    *text = s->basis ? s->basis : pool_get(res, s->basis_off);
    *len = s->basis_len;
    return s->basis != NULL && s->basis_plain;
}

void ek__checklist_result_verdict(const ek_checklist_result *res, size_t k, size_t *item, ek_result *result,
                                  unsigned int *flags)
{
    const rslot *s = &res->r[k];
    *item = s->item;
    *result = s->result;
    *flags = s->flags;
}

const char *ek__checklist_result_message(const ek_checklist_result *res, size_t k, size_t *len)
{
    *len = res->r[k].msg_len;
    return pool_get(res, res->r[k].msg);
}

int ek_checklist_result_find(const ek_checklist_result *res, const char *id, size_t *k)
{
    if (!res || !id || !k)
        return ek__error(EK_EINVAL, "ek_checklist_result_find: NULL argument");
    for (size_t i = 0; i < res->n; i++)
        if (strcmp(res->cl->items[res->r[i].item].id, id) == 0) {
            *k = i;
            return EK_OK;
        }
    return EK_ENOTFOUND;
}

int ek_checklist_result_evidence(const ek_checklist_result *res, size_t k, size_t j, ek_evidence *out)
{
    if (!res || !out)
        return ek__error(EK_EINVAL, "ek_checklist_result_evidence: NULL argument");
    if (out->version != EK_EVIDENCE_VERSION)
        return ek__error(EK_EVERSION, "ek_checklist_result_evidence: unknown struct version %u", out->version);
    if (k >= res->n || j >= res->r[k].ev_count)
        return ek__error(EK_ERANGE, "ek_checklist_result_evidence: index out of range");
    const evid *x = &res->ev[res->r[k].ev_first + j];
    out->kind = x->kind;
    out->value = x->value;
    out->event_index = x->event_index;
    out->event_type = x->kind == EK_EVIDENCE_EVENT ? pool_get(res, x->type) : NULL;
    out->date = x->date;
    out->rule = x->rule;
    out->sequence = x->sequence;
    out->status = x->status;
    out->obligation_index = x->obl_index;
    out->note = pool_get(res, x->note);
    return EK_OK;
}
