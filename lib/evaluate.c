/* SPDX-License-Identifier: MIT */
/*
 * Deadline evaluation (bevakning): the obligations of one case at an as-of
 * date, under the temporal rulebook (rules.c).  See rules.h for the
 * semantics; the comments here say how.
 */
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_internal.h"
#include "calendar_internal.h"
#include "case_internal.h"
#include "i18n.h"
#include "internal.h"
#include "parallel_internal.h"
#include "rules_internal.h"

#define NONE EK_DATE_NONE
#define MAX_SERIES 1000u     /* obligations per recurring series */
#define NOPART UINT32_MAX   /* end of an obligation's list of message parts */
#define MAX_ARGS 5          /* arguments of one message part kept for later formatting */
#define TCACHE 64           /* translations remembered per evaluation (a power of two) */
#define DSLOTS 8            /* dates of message arguments in flight (od(); a power of two) */

#define BIT(t) ((uint64_t)1 << (t))

typedef struct ev_event {
    size_t index;        /* index in the case */
    int type;            /* ek_event_type or a pseudo type */
    ek_date date;
    const char *id;
    const char *ref;
    const char *type_name;
} ev_event;

struct ek_evaluation;

typedef struct obl_item {
    ek_obligation pub;
    size_t ord;          /* production order, for stable sorting */
    long done_k;         /* position in evs of the completion, or -1 */
    uint32_t first, last; /* the message's parts (msg_part), or NOPART */
    struct ek_evaluation *owner;
} obl_item;

/*
 * Messages are lazy (issue 15) and growable (issue 19).  While a case is
 * evaluated, each message part is recorded as its translated format and
 * its arguments (strings copied into argtext, so nothing is borrowed from
 * the case); the text is formatted only when an obligation is first asked
 * for (ek_evaluation_at(), ek_evaluation_compare()), all of the evaluation's
 * messages at once into `text`, whose room was reserved at the end of the
 * evaluation (an upper bound of the formatted length: formatting never
 * allocates, so reading an obligation cannot fail).  The parts of one
 * obligation are joined with "; ", in the order they were added.
 */
typedef struct msg_part {
    const char *fmt;     /* translated format (%s and %u only); NULL: the text at arg[0] was formatted when added */
    uint32_t next;       /* the obligation's next part, or NOPART */
    unsigned char nargs;
    unsigned char is_uint; /* the one argument is an unsigned value (a format with one %u) */
    unsigned char dates; /* bit i: arg[i] is a date (od()), formatted with the message */
    uint64_t arg[MAX_ARGS]; /* offsets in argtext, the unsigned value, or a date */
} msg_part;

/*
 * A remembered translation.  A compiled catalogue never changes: its entries
 * last as long as the evaluation object's language.  The process's gettext
 * may answer otherwise after setlocale() and the like: its entries last while
 * ek__gettext_state_get() says the same at the start of each
 * ek_evaluate_case() (without that counter, one call), so every message is
 * what the process's gettext says during the call that records it.
 */
typedef struct tr_entry {
    const char *msgid, *tr;
    size_t len;
    uint64_t gen;        /* the tr_gen it was looked up in */
    unsigned char ns, nu, other; /* the msgid's conversions: %s, %u, any other (conversions()) */
} tr_entry;

/* A placement segment: from one placering_verkstalld to the next placement event. */
typedef struct seg {
    ek_date start, end;  /* end NONE: still placed at as-of */
    size_t start_k;      /* position in evs */
    long end_k;          /* position in evs of the ending event, or -1 */
    unsigned grund;      /* one EK__G_* bit */
    const char *form;    /* placeringsform or NULL */
    const char *hem;     /* hem or NULL */
    int closes;          /* ended by placering_avslutad / lvu_vard_avslutad (not by a move) */
} seg;

struct ek_evaluation {
    obl_item *items;
    size_t n, cap;
    ev_event *evs;
    size_t nev, evcap;
    unsigned char *used;
    uint64_t *pos;       /* per event type, a bitset of the positions in evs of its events (index_events) */
    size_t poscap;       /* words in pos */
    seg *segs;
    size_t nseg, segcap;
    char *case_id;
    size_t idcap;
    ek_date as_of;
    /* messages (see msg_part) */
    msg_part *parts;
    size_t nparts, partcap;
    ek__buf argtext;     /* the parts' string arguments, NUL-terminated */
    ek__buf text;        /* the formatted messages, NUL-terminated, one after the other */
    size_t bound;        /* upper bound of the formatted length of all messages */
    int msg_rc;          /* sticky failure while recording (EK_ENOMEM) */
    int rendered;        /* 0 not yet, 1 being formatted, 2 done (atomic: formatted by a const reader) */
    const ek_rulebook *rules_rb; /* the rulebook of rules_by_type (rulebooks are immutable) */
    uint64_t rules_by_type[64];  /* per event type, the rules (bit = index, first 64) it starts */
    ek_date dslot[DSLOTS]; /* the dates od() handed out, by slot */
    char dmark[DSLOTS];  /* od()'s stand-ins: slot i is &dmark[i] (each "" as a string) */
    unsigned dnext;      /* the next slot */
    int tr_lang;         /* the language of tr[] */
    uint64_t tr_gen;     /* entries of another generation are stale (tr_entry) */
    ek__gettext_state tr_state; /* the process's gettext when tr_gen began (EK__LANG_PROCESS) */
    tr_entry tr[TCACHE];
};

typedef struct state {
    const ek_calendar *cal;
    const ek_policy *pol;
    ek_judge_on judge;
    const ek_rulebook *rb;
    const ek_case *c;
    ek_date as_of;
    ek_evaluation *ev;
    int rc;              /* sticky failure (EK_ENOMEM) */
    uint64_t present;      /* the event types the loaded events have (bit ek_event_type) */
    size_t words;          /* words per event type in ev->pos */
} state;

/* ------------------------------------------------------------------------ */
/* Small helpers                                                             */

static const char *ds(ek_date d, char *buf)
{
    if (d == NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        strcpy(buf, "?");
    return buf;
}

/*
 * A date as an argument (%s) of a message of @o (msgf(), set_error(),
 * set_na()): recorded as the date and formatted with the message (ds()),
 * not now.  The string returned only stands for the date in vmsgf() (it is
 * "" to anyone else); the slots are reused after DSLOTS dates, more than
 * one message takes.
 */
static const char *od(obl_item *o, ek_date d)
{
    ek_evaluation *ev = o->owner;
    unsigned i = ev->dnext++ & (DSLOTS - 1);
    ev->dslot[i] = d;
    return &ev->dmark[i];
}

/* The translation of @msgid in the current language, and its length. */
/* Count the conversions of @msgid into @e (%s, %u, and whether there is any other). */
static void conversions(tr_entry *e, const char *msgid)
{
    int ns = 0, nu = 0, other = 0;
    for (const char *q = strchr(msgid, '%'); q != NULL; q = strchr(q + 2, '%')) {
        if (q[1] == 's')
            ns++;
        else if (q[1] == 'u')
            nu++;
        else if (q[1] != '%')
            other = 1;
        if (q[1] == '\0')
            break;
    }
    e->ns = (unsigned char)(ns < 255 ? ns : 255);
    e->nu = (unsigned char)(nu < 255 ? nu : 255);
    e->other = (unsigned char)other;
}

/* The translation of @msgid in the current language: its entry (tr, len and the msgid's conversions). */
static const tr_entry *translate(ek_evaluation *ev, const char *msgid)
{
    tr_entry *e = &ev->tr[((uintptr_t)msgid >> 3) & (TCACHE - 1)];
    if (e->msgid != msgid || e->gen != ev->tr_gen) {
        e->tr = _(msgid);
        e->len = strlen(e->tr);
        e->msgid = msgid;
        e->gen = ev->tr_gen;
        conversions(e, msgid);
    }
    return e;
}

/* Copy @str into argtext; its offset, or SIZE_MAX when out of memory. */
static size_t keep_str(ek_evaluation *ev, const char *str, size_t *bound)
{
    if (str == NULL)
        str = "(null)";   /* what printf writes */
    size_t n = strlen(str), off = ev->argtext.len;
    if (ek__buf_append(&ev->argtext, str, n + 1) != EK_OK)
        return SIZE_MAX;
    *bound += n;
    return off;
}

/*
 * Append a message part to the obligation's, to be formatted later
 * (msg_part): @msgid untranslated, its arguments as printf takes them.
 * Formats with other conversions than %s and %u (or %u with others) are
 * formatted now.
 */
static void vmsgf(obl_item *o, const char *msgid, va_list ap) EK_PRINTF(2, 0);
static void vmsgf(obl_item *o, const char *msgid, va_list ap)
{
    ek_evaluation *ev = o->owner;
    if (ev->msg_rc != EK_OK)
        return;
    if (ev->nparts >= ev->partcap && EK__VEC_RESERVE(ev->parts, ev->partcap, ev->nparts + 1, 16) != EK_OK) {
        ev->msg_rc = EK_ENOMEM;
        return;
    }
    msg_part *p = &ev->parts[ev->nparts];
    const tr_entry *te = translate(ev, msgid);
    const char *fmt = te->tr;
    size_t bound = 2 + te->len;   /* "; " and the format's own text */
    size_t argmark = ev->argtext.len;
    int ns = te->ns, nu = te->nu, other = te->other;
    p->fmt = fmt;
    p->next = NOPART;
    p->is_uint = 0;
    p->dates = 0;
    p->nargs = 0;
    if (!other && ns + nu <= MAX_ARGS && (nu == 0 || (nu == 1 && ns == 0))) {
        if (nu == 1) {
            p->is_uint = 1;
            p->nargs = 1;
            p->arg[0] = va_arg(ap, unsigned);
            bound += 10;
        } else {
            for (int i = 0; i < ns; i++) {
                const char *a = va_arg(ap, const char *);
                uintptr_t at = (uintptr_t)a, mark = (uintptr_t)ev->dmark;
                if (at >= mark && at < mark + DSLOTS) {   /* a date from od() */
                    p->dates |= (unsigned char)(1u << p->nargs);
                    p->arg[p->nargs++] = (uint64_t)ev->dslot[at - mark];
                    bound += EK_DATE_BUFSIZE;
                    continue;
                }
                size_t off = keep_str(ev, a, &bound);
                if (off == SIZE_MAX) {
                    ev->argtext.len = argmark;
                    ev->msg_rc = EK_ENOMEM;
                    return;
                }
                p->arg[p->nargs++] = off;
            }
        }
    } else {
        /* formatted now, kept as text: @fmt is the translation of @msgid, which the printf
         * attribute of msgf() checked against these arguments, hence the pragma (clang's
         * -Wformat-nonliteral cannot follow a format through a variable) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        int vrc = ek__buf_vprintf(&ev->argtext, fmt, ap);
#pragma GCC diagnostic pop
        if (vrc != EK_OK || ek__buf_append(&ev->argtext, "", 1) != EK_OK) {
            ev->argtext.len = argmark;
            ev->msg_rc = EK_ENOMEM;
            return;
        }
        p->fmt = NULL;
        p->nargs = 1;
        p->arg[0] = argmark;
        bound = 2 + (ev->argtext.len - argmark);
    }
    uint32_t k = (uint32_t)ev->nparts++;
    if (o->first == NOPART)
        o->first = k;
    else
        ev->parts[o->last].next = k;
    o->last = k;
    ev->bound += bound;
}

static void msgf(obl_item *o, const char *fmt, ...) EK_PRINTF(2, 3);
static void msgf(obl_item *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsgf(o, fmt, ap);  /* translated (i18n.h) */
    va_end(ap);
}

static const char *tname(const state *s, const ev_event *e)
{
    (void)s;
    return e->type_name != NULL ? e->type_name : "?";
}

static const char *attr_str(const state *s, const ev_event *e, const char *key)
{
    const char *v = NULL;
    if (ek_case_event_get_string(s->c, e->index, key, &v) != EK_OK)
        return NULL;
    return v;
}

static obl_item *new_obl(state *s, const ek__rule_def *r)
{
    if (s->rc != EK_OK)
        return NULL;
    ek_evaluation *ev = s->ev;
    if (ev->n >= ev->cap && (s->rc = EK__VEC_RESERVE(ev->items, ev->cap, ev->n + 1, 32)) != EK_OK)
        return NULL;
    obl_item *o = &ev->items[ev->n];
    const ek__rule_version *last = &r->versions[r->nversions - 1];
    /* Every field stored once (an initialiser zero-fills the 200-byte struct first, rep stos);
     * a field added at the end (EK_OBLIGATION_VERSION) must be stored here too. */
    _Static_assert(offsetof(ek_obligation, policy_param) + sizeof(const char *) == sizeof(ek_obligation),
                   "new_obl() stores every field of ek_obligation: store the new one");
    ek_obligation *p = &o->pub;
    p->version = EK_OBLIGATION_VERSION;
    p->rule = r->id;
    p->rule_name = r->name;
    p->sequence = 0;
    p->status = EK_OBL_PENDING;
    p->flags = 0;
    p->start = p->nominal = p->legal = p->judged = p->done = p->original_nominal = NONE;
    p->start_event = p->done_event = p->extension_event = EK_NO_EVENT;
    p->basis = last->basis;
    p->certainty = last->certainty;
    p->version_from = p->version_to = NONE;
    p->message = "";
    p->period = (ek_period){ 0, 0 };
    p->period_kind = 0;
    p->policy_param = NULL;
    o->ord = ev->n++;
    o->done_k = -1;
    o->first = o->last = NOPART;
    o->owner = ev;
    return o;
}

static void set_error(obl_item *o, const char *fmt, ...) EK_PRINTF(2, 3);
static void set_error(obl_item *o, const char *fmt, ...)
{
    o->pub.status = EK_OBL_ERROR;
    va_list ap;
    va_start(ap, fmt);
    vmsgf(o, fmt, ap);  /* translated (i18n.h) */
    va_end(ap);
}

static void set_na(obl_item *o, const char *fmt, ...) EK_PRINTF(2, 3);
static void set_na(obl_item *o, const char *fmt, ...)
{
    if (o->pub.status == EK_OBL_ERROR)
        return;
    o->pub.status = EK_OBL_NOTAPPLICABLE;
    va_list ap;
    va_start(ap, fmt);
    vmsgf(o, fmt, ap);  /* translated (i18n.h) */
    va_end(ap);
}

/* ------------------------------------------------------------------------ */
/* Due dates under the temporal rulebook                                      */

typedef struct due {
    ek_date nominal, legal, unclamped;
    const ek__rule_version *v;
    int clamped;
    ek_period period;      /* the period applied */
    ek_period_kind kind;   /* and who set it */
    int policy;            /* the policy parameter it came from, or -1 */
} due;

/*
 * The due date of @r counted from @start: the first version (in date order)
 * that is in force on its own due date, where that due date is start +
 * period (times @mult), but not before the version came into force.
 * @repeat selects the repeat period of recurring rules; @override_policy
 * (a policy parameter, or -1) replaces the period of every version with a
 * limit by the policy's number for "genast".
 * Returns 1 (found), 0 (no version applies), or a negative status (the
 * date arithmetic left the supported range).
 */
static int compute_due(state *s, const ek__rule_def *r, ek_date start, int repeat, int mult,
                       int override_policy, due *out)
{
    for (size_t k = 0; k < r->nversions; k++) {
        const ek__rule_version *v = &r->versions[k];
        if (!v->has_limit)
            continue;
        ek_period p;
        int64_t n;
        int policy = override_policy >= 0 ? override_policy : v->policy;
        if (override_policy >= 0) {
            p = ek__policy_period(s->pol, (ek__policy_id)override_policy);
            n = (int64_t)p.n * mult;
        } else if (v->policy >= 0) {
            p = ek__policy_period(s->pol, (ek__policy_id)v->policy);
            n = (int64_t)p.n * mult;
        } else if (repeat) {
            if (v->repeat.n == 0)
                continue;
            p = v->repeat;
            n = (int64_t)p.n * mult;
        } else {
            /* The first period plus (mult - 1) repeat periods, counted from the same start day. */
            p = v->period;
            n = p.n;
            if (mult > 1) {
                if (v->repeat.n == 0)
                    continue;
                int64_t rn = v->repeat.n;
                if (v->repeat.unit != p.unit) {
                    if (v->repeat.unit == EK_UNIT_YEARS && p.unit == EK_UNIT_MONTHS)
                        rn *= 12;
                    else if (v->repeat.unit == EK_UNIT_MONTHS && p.unit == EK_UNIT_YEARS) {
                        p.unit = EK_UNIT_MONTHS;
                        n *= 12;
                    } else
                        continue;
                }
                n += rn * (mult - 1);
            }
        }
        if (n > 100000)
            return EK_ERANGE;
        p.n = (int32_t)n;
        /* A "genast" override is the policy's number, whatever the version says. */
        ek_period_kind kind = override_policy >= 0 ? EK_PERIOD_POLICY : v->kind;
        ek_deadline dl;
        /* Periods come from the rulebook or a validated policy; only the start needs checking here. */
        if (start < EK_DATE_MIN || start > EK_DATE_MAX || ek__deadline_kind(s->cal, start, p, kind, &dl) != EK_OK)
            return EK_ERANGE;
        ek_date nominal = dl.nominal, legal = dl.legal;
        int clamped = 0;
        if (v->from != NONE && nominal < v->from) {
            nominal = legal = v->from;
            clamped = 1;
            if (kind == EK_PERIOD_LAW && ek_calendar_roll(s->cal, nominal, &legal) != EK_OK)
                return EK_ERANGE;
        }
        if (v->to == NONE || nominal <= v->to) {
            out->nominal = nominal;
            out->legal = legal;
            out->unclamped = dl.nominal;
            out->v = v;
            out->clamped = clamped;
            out->period = p;
            out->kind = kind;
            out->policy = policy;
            return 1;
        }
    }
    return 0;
}

static void apply_version(obl_item *o, const ek__rule_version *v)
{
    o->pub.basis = v->basis;
    o->pub.certainty = v->certainty;
    o->pub.version_from = v->from;
    o->pub.version_to = v->to;
    if (v->certainty[0] == 'R')
        o->pub.flags |= EK_OBL_UNCERTAIN;
}

static void apply_due(obl_item *o, const due *d)
{
    o->pub.nominal = d->nominal;
    o->pub.legal = d->legal;
    o->pub.original_nominal = d->unclamped;
    apply_version(o, d->v);
    o->pub.period = d->period;
    o->pub.period_kind = d->kind;
    o->pub.policy_param = NULL;
    if (d->policy >= 0) {
        const ek_policy_param_info *pi = NULL;
        if (ek_policy_param_at((size_t)d->policy, &pi) == EK_OK)
            o->pub.policy_param = pi->name;
    }
    if (d->clamped) {
        o->pub.flags |= EK_OBL_CLAMPED;
        msgf(o, "förfaller tidigast när %s trädde i kraft %s (beräknat %s)", d->v->basis, od(o, d->v->from),
             od(o, d->unclamped));
    }
}

/* Compute the due date of @o from @start; record a failure as an error. Returns 1 when a due date was set. */
static int due_for(state *s, const ek__rule_def *r, obl_item *o, ek_date start, int repeat, int mult,
                   int override_policy)
{
    due d;
    int f = compute_due(s, r, start, repeat, mult, override_policy, &d);
    if (f < 0) {
        /* the calendar says why: the end after 2199-12-31, or a day whose 1930:173 wording is unverified */
        set_error(o, "fristen från %s kan inte beräknas: %s", od(o, start), ek_error_last()->message);
        return 0;
    }
    if (f == 0) {
        set_na(o, "ingen version av regeln gäller för en frist från %s", od(o, start));
        return 0;
    }
    apply_due(o, &d);
    return 1;
}

/*
 * A duty without a time limit in the version in force when it was done
 * (feedback to a reporter before 2026-01-15): met under that version.
 */
static int done_without_limit(const ek__rule_def *r, obl_item *o)
{
    ek_date done = o->pub.done;
    if (done == NONE || o->pub.version_from == NONE || done >= o->pub.version_from)
        return 0;
    for (size_t k = 0; k < r->nversions; k++) {
        const ek__rule_version *v = &r->versions[k];
        if (v->has_limit || !((v->from == NONE || v->from <= done) && (v->to == NONE || done <= v->to)))
            continue;
        ek_date lim_from = o->pub.version_from;
        o->pub.nominal = o->pub.legal = NONE;
        o->pub.flags &= ~(unsigned)(EK_OBL_CLAMPED | EK_OBL_UNCERTAIN);
        o->first = o->last = NOPART;   /* the message starts again */
        apply_version(o, v);
        msgf(o, "gjort när ingen tidsfrist gällde (fristen gäller från %s)", od(o, lim_from));
        return 1;
    }
    return 0;
}

/* Final status from start, ends, done and as-of. */
static void judge(state *s, obl_item *o)
{
    ek_obligation *p = &o->pub;
    if (p->status == EK_OBL_ERROR || p->status == EK_OBL_NOTAPPLICABLE)
        return;
    ek_date end = p->legal;
    if (s->judge == EK_JUDGE_NOMINAL) {
        end = p->nominal;
        if (end != NONE)
            p->flags |= EK_OBL_NOMINAL_JUDGED;
    }
    p->judged = end;
    if (p->done != NONE) {
        if (p->start != NONE && p->done < p->start) {
            set_error(o, "slutförd %s före starten %s: motstridiga uppgifter", od(o, p->done), od(o, p->start));
            return;
        }
        if ((p->flags & EK_OBL_EXCEPTION) || end == NONE || p->done <= end)
            p->status = EK_OBL_MET;
        else
            p->status = EK_OBL_LATE;
    } else {
        if ((p->flags & EK_OBL_EXCEPTION) || end == NONE || s->as_of <= end)
            p->status = EK_OBL_PENDING;
        else
            p->status = EK_OBL_OVERDUE;
    }
}

/* ------------------------------------------------------------------------ */
/* Events and pairing                                                        */

static int in_mask(const ev_event *e, uint64_t mask) { return (mask & BIT(e->type)) != 0; }

/*
 * True when completion @e names start @st by ref: its ref is the start's id,
 * or both refer to the same event (e.g. a feedback request and the feedback
 * given, both naming the report they concern).
 */
static int refers_to_start(const ev_event *e, const ev_event *st)
{
    if (e->ref == NULL)
        return 0;
    return (st->id != NULL && strcmp(e->ref, st->id) == 0) || (st->ref != NULL && strcmp(e->ref, st->ref) == 0);
}

/*
 * The completion of the start event at position @sk: an unused event of
 * @mask that refers to the start (refers_to_start); else the first unused
 * one in date order dated within [lo, hi] (hi NONE: open) whose ref is unset.
 * Returns the position or -1.
 */
/*
 * Position of the first loaded event dated on or after @date (nev when none).
 * The events are in date order; binary search keeps the scans below from
 * being quadratic in the number of events of a case.
 */
static size_t first_on_or_after(const ek_evaluation *ev, ek_date date)
{
    size_t lo = 0, hi = ev->nev;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ev->evs[mid].date < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The events of a case by type (built once per case by load_events): for
 * each type present, a bitset of its positions in evs, so that every scan
 * below visits only the events of the types it looks for, in date order.
 */
static const uint64_t *pos_row(const state *s, unsigned t) { return s->ev->pos + (size_t)t * s->words; }

/* The positions of the events of @mask in word @w of the bitsets. */
static uint64_t mask_word(const state *s, uint64_t mask, size_t w)
{
    uint64_t b = 0;
    for (uint64_t m = mask & s->present; m != 0; m &= m - 1)
        b |= pos_row(s, (unsigned)__builtin_ctzll(m))[w];
    return b;
}

/* The first position >= @from of an event of @mask; nev when there is none. */
static size_t next_of(const state *s, uint64_t mask, size_t from)
{
    size_t nev = s->ev->nev;
    if (from >= nev || !(mask & s->present))
        return nev;
    size_t w = from >> 6;
    uint64_t b = mask_word(s, mask, w) & (~(uint64_t)0 << (from & 63));
    while (b == 0) {
        if (++w >= s->words)
            return nev;
        b = mask_word(s, mask, w);
    }
    size_t k = (w << 6) + (size_t)__builtin_ctzll(b);
    return k < nev ? k : nev;
}

/* The last position < @before of an event of @mask; SIZE_MAX when there is none. */
static size_t prev_of(const state *s, uint64_t mask, size_t before)
{
    if (before == 0 || !(mask & s->present))
        return SIZE_MAX;
    size_t last = before - 1, w = last >> 6;
    uint64_t b = mask_word(s, mask, w);
    if ((last & 63) != 63)
        b &= ((uint64_t)1 << ((last & 63) + 1)) - 1;
    while (b == 0) {
        if (w-- == 0)
            return SIZE_MAX;
        b = mask_word(s, mask, w);
    }
    return (w << 6) + 63 - (size_t)__builtin_clzll(b);
}

/*
 * A scan over the positions of the events of @mask: @w the word of the
 * bitsets it is in, @b the positions of that word not yet visited.  The next
 * position, or nev when there is none; the word is gathered from the type
 * rows once, not once per position (most cases have one word).
 */
static inline uint64_t scan_next(const state *s, uint64_t mask, uint64_t *w, uint64_t *b)
{
    while (*b == 0) {
        if (++*w >= s->words)
            return s->ev->nev;
        *b = mask_word(s, mask, (size_t)*w);
    }
    uint64_t k = (*w << 6) + (uint64_t)__builtin_ctzll(*b);
    *b &= *b - 1;
    return k < s->ev->nev ? k : s->ev->nev;
}

/* Start a scan (scan_next) at position @from; the first position, or nev. */
static inline uint64_t scan_first(const state *s, uint64_t mask, size_t from, uint64_t *w, uint64_t *b)
{
    *w = from >> 6;
    *b = 0;
    if (from >= s->ev->nev || !(mask & s->present))
        return s->ev->nev;
    *b = mask_word(s, mask, from >> 6) & (~(uint64_t)0 << (from & 63));
    return scan_next(s, mask, w, b);
}

/* The positions of the events of @mask from @from on, in date order (@mask is evaluated on each step). */
#define FOR_EACH(k, s, mask, from)                                                          \
    for (uint64_t k##_w_, k##_b_, k = scan_first((s), (mask), (from), &k##_w_, &k##_b_); \
         k < (s)->ev->nev; k = scan_next((s), (mask), &k##_w_, &k##_b_))

static long find_completion(state *s, size_t sk, uint64_t mask, ek_date lo, ek_date hi)
{
    const ek_evaluation *ev = s->ev;
    const ev_event *st = &ev->evs[sk];
    if (!(mask & s->present))
        return -1;   /* no event of @mask in the case */
    if (st->id != NULL || st->ref != NULL)
        FOR_EACH(k, s, mask, 0) {
            const ev_event *e = &ev->evs[k];
            if (!ev->used[k] && refers_to_start(e, st))
                return (long)k;
        }
    size_t from = 0;
    if (lo == st->date) {   /* the usual window: from the start's own day, a step or two back from it */
        from = sk;
        while (from > 0 && ev->evs[from - 1].date >= lo)
            from--;
    } else if (lo != NONE) {
        from = first_on_or_after(ev, lo);
    }
    FOR_EACH(k, s, mask, from) {
        const ev_event *e = &ev->evs[k];
        if (ev->used[k] || e->ref != NULL)
            continue;
        if (hi != NONE && e->date > hi)
            break;
        return (long)k;
    }
    return -1;
}

/* An unused, unreferenced completion dated in (after, before): evidence of contradictory data. */
static long find_early(const state *s, uint64_t mask, ek_date after, ek_date before)
{
    const ek_evaluation *ev = s->ev;
    if (!(mask & s->present))
        return -1;
    FOR_EACH(k, s, mask, after != NONE ? first_on_or_after(ev, after + 1) : 0) {
        const ev_event *e = &ev->evs[k];
        if (e->date >= before)
            break;
        if (!ev->used[k] && e->ref == NULL)
            return (long)k;
    }
    return -1;
}

static void set_done(state *s, obl_item *o, long k)
{
    s->ev->used[k] = 1;
    o->done_k = k;
    o->pub.done = s->ev->evs[k].date;
    o->pub.done_event = s->ev->evs[k].index;
}

/* Date of the next start event (of @mask) after position @sk, or NONE. */
static ek_date next_start_date(const state *s, size_t sk, uint64_t mask)
{
    FOR_EACH(k, s, mask, sk + 1)
        if (s->ev->evs[k].date > s->ev->evs[sk].date)
            return s->ev->evs[k].date;
    return NONE;
}

/* Give back a completion claimed by an obligation that turned out not to apply. */
static void unclaim(state *s, obl_item *o)
{
    if (o->done_k >= 0)
        s->ev->used[o->done_k] = 0;
    o->done_k = -1;
    o->pub.done = NONE;
    o->pub.done_event = EK_NO_EVENT;
}

/* used is NULL for no events, else of evcap >= 32 bytes: a short case clears a constant 32 (no call). */
static void reset_used(state *s)
{
    if (s->ev->nev > 32)
        memset(s->ev->used, 0, s->ev->nev);
    else if (s->ev->nev)
        memset(s->ev->used, 0, 32);
}

/*
 * After pairing: a start left without completion although an unused
 * completion lies between the previous start and it is an error.
 */
static void check_early(state *s, obl_item *o, uint64_t done_mask, ek_date prev_start, const ev_event *st)
{
    if (o->pub.done != NONE || o->pub.status == EK_OBL_ERROR || o->pub.status == EK_OBL_NOTAPPLICABLE)
        return;
    long k = find_early(s, done_mask, prev_start, st->date);
    if (k >= 0) {
        const ev_event *e = &s->ev->evs[k];
        s->ev->used[k] = 1;
        o->pub.done_event = e->index;
        set_error(o, "%s (%s) är daterad före %s (%s): motstridiga uppgifter", tname(s, e), od(o, e->date),
                  tname(s, st), od(o, st->date));
    }
}

/* ------------------------------------------------------------------------ */
/* Single rules                                                              */

/* An investigation opened strictly before @date and not completed on or before it. */
static long investigation_running(const state *s, ek_date date)
{
    /* The last opening or completion before @date decides (events in date order). */
    long open = -1;
    if (!(s->present & EK__EV(UTREDNING_INLEDD)))
        return -1;
    size_t from = first_on_or_after(s->ev, date);
    size_t k = prev_of(s, EK__EV(UTREDNING_INLEDD) | EK__EV(UTREDNING_AVSLUTAD), from);
    if (k != SIZE_MAX && s->ev->evs[k].type == EK_EV_UTREDNING_INLEDD)
        open = (long)k;
    /* Completed on the report's own day: no longer running. */
    if (open >= 0) {
        k = next_of(s, EK__EV(UTREDNING_AVSLUTAD), from);
        if (k < s->ev->nev && s->ev->evs[k].date == date)
            open = -1;
    }
    return open;
}

static ek_date judged_end(const state *s, const obl_item *o)
{
    return s->judge == EK_JUDGE_NOMINAL ? o->pub.nominal : o->pub.legal;
}

/* The 18th birthday of the child, or NONE when the birth date is not recorded. */
static ek_date adult_day(const state *s)
{
    ek_date bd = ek_case_birth_date(s->c), adult = NONE;
    ek_period p = { 18, EK_UNIT_YEARS };
    if (bd == NONE || ek_period_add(bd, p, &adult) != EK_OK)
        return NONE;
    return adult;
}

/* Date of the next start event (of @mask) after position @sk, minus one day; NONE when there is none. */
static ek_date window_end(const state *s, size_t sk, uint64_t mask)
{
    ek_date hi = next_start_date(s, sk, mask);
    return hi != NONE ? hi - 1 : NONE;
}

/*
 * Extensions (ek__extension_def): decisions of the extending types that name
 * the start (ref) or, unreferenced, fall between it and the next start, in
 * date order.  Each must be taken on or before the end in force when it was
 * taken; it moves the end to the day it sets (date_attr: a day set by the
 * board, never rolled) or, with no day recorded, to the original end plus
 * the policy's cap.  An extension never waives the limit.
 */
static void apply_extensions(state *s, const ek__rule_def *r, obl_item *o, size_t sk)
{
    const ev_event *st = &s->ev->evs[sk];
    if (!(s->present & r->ext.event))
        return;   /* no extending decision in the case */
    ek_date hi = next_start_date(s, sk, r->start_mask);
    FOR_EACH(k, s, r->ext.event, st->id != NULL ? 0 : first_on_or_after(s->ev, st->date)) {
        if (s->rc != EK_OK)
            break;
        const ev_event *e = &s->ev->evs[k];
        if (st->id == NULL && hi != NONE && e->date >= hi)
            break; /* only a ref could name a later extension, and there is no id to name */
        if (s->ev->used[k])
            continue;
        int by_ref = e->ref != NULL && st->id != NULL && strcmp(e->ref, st->id) == 0;
        if (!by_ref && (e->ref != NULL || e->date < st->date || (hi != NONE && e->date >= hi)))
            continue;
        if (o->pub.done != NONE && e->date > o->pub.done)
            continue;  /* decided after the duty was done: not needed */
        s->ev->used[k] = 1;
        ek_date end = judged_end(s, o);
        if (e->date > end) {
            o->pub.flags |= EK_OBL_EXTENSION_TOO_LATE;
            if (o->pub.extension_event == EK_NO_EVENT)
                o->pub.extension_event = e->index;
            msgf(o, "%s %s, efter att fristen löpt ut %s: räddar inte fristen", tname(s, e), od(o, e->date),
                 od(o, end));
            continue;
        }
        ek_date ny = NONE;
        int has_date = r->ext.date_attr != NULL && ek_case_event_get_date(s->c, e->index, r->ext.date_attr, &ny) == EK_OK;
        if (!has_date && r->ext.cap_policy < 0) {
            o->pub.extension_event = e->index;
            set_error(o, "%s %s saknar giltig %s", tname(s, e), od(o, e->date), r->ext.date_attr);
            return;
        }
        ek_deadline dl;
        int rc;
        if (has_date) {
            ek_period zero = { 0, EK_UNIT_DAYS };
            rc = ek_deadline_compute_kind(s->cal, ny, zero, EK_PERIOD_SET_DATE, &dl);
        } else {
            rc = ek_deadline_compute_kind(s->cal, o->pub.original_nominal,
                                          ek__policy_period(s->pol, (ek__policy_id)r->ext.cap_policy),
                                          EK_PERIOD_POLICY, &dl);
        }
        if (rc != EK_OK) {
            set_error(o, "förlängningen %s slutar utanför det datumintervall som stöds", od(o, e->date));
            return;
        }
        if (dl.nominal <= o->pub.nominal) {
            msgf(o, "%s %s anger slutdag %s, inte senare än slutdagen: ignoreras", tname(s, e), od(o, e->date),
                 od(o, dl.nominal));
            continue;
        }
        o->pub.nominal = dl.nominal;
        o->pub.legal = dl.legal;
        o->pub.flags |= EK_OBL_EXTENDED;
        o->pub.extension_event = e->index;
        if (has_date)
            msgf(o, "förlängd till %s genom beslut %s", od(o, dl.nominal), od(o, e->date));
        else
            msgf(o, "förlängd till %s genom %s %s (ingen ny slutdag angiven: policyns tak)", od(o, dl.nominal),
                 tname(s, e), od(o, e->date));
    }
}

/* EK__C_NOT_IF_INVESTIGATION_RUNNING: returns 1 when the obligation was made notapplicable. */
static int cond_not_if_running(state *s, const ek__rule_def *r, obl_item *o, size_t sk)
{
    const ev_event *st = &s->ev->evs[sk];
    long p = (s->present & r->na_mask) ? find_completion(s, sk, r->na_mask, st->date, window_end(s, sk, r->start_mask)) : -1;
    if (p >= 0 && (o->pub.done == NONE || s->ev->evs[p].date <= o->pub.done)) {
        unclaim(s, o);   /* that decision belongs to another report */
        s->ev->used[p] = 1;
        o->pub.done = s->ev->evs[p].date;
        o->pub.done_event = s->ev->evs[p].index;
        set_na(o, "anmälan förd till pågående utredning %s: ingen förhandsbedömning behövs", od(o, s->ev->evs[p].date));
        return 1;
    }
    long run = investigation_running(s, st->date);
    if (run >= 0 && o->pub.done == NONE) {
        o->pub.flags |= EK_OBL_ASSUMED;
        set_na(o, "utredning inledd %s pågick när anmälan kom in (ingen pagaende_utredning registrerad): "
               "ingen förhandsbedömning behövs", od(o, s->ev->evs[run].date));
        return 1;
    }
    return 0;
}

/* The report a request concerns: the one it names (ref), else the last one on or before it. */
static long report_of(const state *s, const ev_event *st)
{
    long rep = -1;
    FOR_EACH(k, s, EK__EV(ANMALAN_MOTTAGEN), 0) {
        const ev_event *e = &s->ev->evs[k];
        if (st->ref != NULL && e->id != NULL && strcmp(st->ref, e->id) == 0)
            return (long)k;
        if (e->date <= st->date)
            rep = (long)k;
    }
    return rep;
}

/* EK__C_MANDATORY_REPORTER; returns 1 when the obligation was settled (notapplicable or error). */
static int cond_mandatory_reporter(state *s, obl_item *o, size_t sk, long *rep_out)
{
    const ev_event *st = &s->ev->evs[sk];
    long rep = report_of(s, st);
    *rep_out = rep;
    if (rep < 0) {
        set_error(o, "begäran om återkoppling %s utan någon anmälan före den", od(o, st->date));
        return 1;
    }
    const char *anmalare = attr_str(s, &s->ev->evs[rep], "anmalare");
    if (anmalare != NULL && strcmp(anmalare, "privatperson") == 0) {
        set_na(o, "anmälaren (privatperson) är inte anmälningsskyldig enligt 19 kap. 1–3 §§");
        return 1;
    }
    if (anmalare == NULL) { /* only mandatory reporters may ask: an assumption, kept visible */
        o->pub.flags |= EK_OBL_ASSUMED;
        msgf(o, "anmälaren är inte angiven: antas vara anmälningsskyldig");
    }
    return 0;
}

/* EK__C_FROM_DECISION: sets the due date (counted from the decision, or "genast"). */
static void cond_from_decision(state *s, const ek__rule_def *r, obl_item *o, size_t sk, long rep)
{
    const ev_event *st = &s->ev->evs[sk];
    const ev_event *re = &s->ev->evs[rep];
    long dec = -1, pag = -1;
    size_t k = next_of(s, EK__EV(BESLUT_INLEDA_UTREDNING) | EK__EV(BESLUT_INTE_INLEDA_UTREDNING), (size_t)rep);
    if (k < s->ev->nev)
        dec = (long)k;
    k = next_of(s, EK__EV(PAGAENDE_UTREDNING), (size_t)rep);
    if (k < s->ev->nev)
        pag = (long)k;
    if (pag >= 0 || investigation_running(s, re->date) >= 0) {
        due_for(s, r, o, st->date, 0, 1, r->genast_policy);
        msgf(o, "utredning pågår: återkoppling genast");
    } else if (dec >= 0 && s->ev->evs[dec].date < st->date) {
        due_for(s, r, o, st->date, 0, 1, r->genast_policy);
        msgf(o, "begärd efter beslutet %s: återkoppling genast", od(o, s->ev->evs[dec].date));
    } else if (dec >= 0) {
        o->pub.start = s->ev->evs[dec].date;
        due_for(s, r, o, o->pub.start, 0, 1, -1);
        msgf(o, "räknas från beslutet %s", od(o, o->pub.start));
    } else {
        apply_version(o, &r->versions[r->nversions - 1]);
        msgf(o, "fristen räknas från beslutet om att inleda eller inte inleda utredning, som ännu inte fattats");
    }
    if (o->pub.status == EK_OBL_PENDING)
        done_without_limit(r, o);
}

/* EK__C_PENDING_SIX_MONTHS: returns 1 when the obligation was made notapplicable. */
static int cond_pending_six_months(state *s, const ek__rule_def *r, obl_item *o, size_t sk)
{
    const ev_event *st = &s->ev->evs[sk];
    ek_date first = s->ev->evs[0].date, six;
    ek_period p = { 6, EK_UNIT_MONTHS };
    if (ek_period_add(first, p, &six) == EK_OK && st->date < six) {
        unclaim(s, o);
        due_for(s, r, o, st->date, 0, 1, -1);
        set_na(o, "ärendet (första händelse %s) hade inte pågått sex månader när avgörande begärdes %s",
               od(o, first), od(o, st->date));
        return 1;
    }
    return 0;
}

/* EK__C_CHILD_AT_START: returns 1 when the obligation was made notapplicable. */
static int cond_child_at_start(state *s, const ek__rule_def *r, obl_item *o, size_t sk)
{
    const ev_event *st = &s->ev->evs[sk];
    ek_date adult = adult_day(s);
    if (ek_case_birth_date(s->c) == NONE) {
        o->pub.flags |= EK_OBL_ASSUMED;
        msgf(o, "födelsedatum saknas: barnet antas vara under 18 år");
    } else if (adult != NONE && st->date >= adult) {
        unclaim(s, o);
        due_for(s, r, o, st->date, 0, 1, -1);
        set_na(o, "barnet fyllde 18 år %s, före %s", od(o, adult), tname(s, st));
        return 1;
    }
    return 0;
}

static unsigned grund_bit(const char *g)
{
    if (g == NULL)
        return EK__G_UNKNOWN;
    if (strcmp(g, "sol") == 0)
        return EK__G_SOL;
    if (strcmp(g, "lvu2") == 0)
        return EK__G_LVU2;
    if (strcmp(g, "lvu3") == 0)
        return EK__G_LVU3;
    return EK__G_OTHER;
}

/* EK__C_DONE_BY_PLACEMENT: completed by a placement that passes the filter, or one already running. */
static void cond_done_by_placement(state *s, const ek__rule_def *r, obl_item *o, size_t sk)
{
    const ev_event *st = &s->ev->evs[sk];
    unsigned known = r->placement.grund & ~(unsigned)EK__G_UNKNOWN;
    for (size_t i = 0; i < s->ev->nseg; i++) {
        const seg *g = &s->ev->segs[i];
        if (g->start < st->date && (g->end == NONE || g->end > st->date) && (g->grund & known)) {
            o->pub.done = st->date;
            o->pub.done_event = s->ev->evs[g->start_k].index;
            msgf(o, "vården pågick redan (placering verkställd %s)", od(o, g->start));
            return;
        }
    }
    FOR_EACH(k, s, r->done_mask, sk) {
        const ev_event *e = &s->ev->evs[k];
        if (s->ev->used[k] || e->date < st->date)
            continue;
        unsigned g = grund_bit(attr_str(s, e, "grund"));
        if (g & r->placement.grund) {
            if (g == EK__G_UNKNOWN) {
                o->pub.flags |= EK_OBL_ASSUMED;
                msgf(o, "placeringens grund saknas: antas gälla");
            }
            set_done(s, o, (long)k);
            return;
        }
    }
}

/* A version of kind EK_PERIOD_SET_DATE: the day set is the start event's attribute; returns 1 on error. */
static int set_date_start(state *s, const ek__rule_def *r, obl_item *o, size_t sk, ek_date *from)
{
    const ev_event *st = &s->ev->evs[sk];
    ek_date day = NONE;
    if (ek_case_event_get_date(s->c, st->index, r->set_date_attr, &day) != EK_OK || !ek_date_in_range(day)) {
        apply_version(o, &r->versions[0]);
        set_error(o, "%s %s saknar %s", tname(s, st), od(o, st->date), r->set_date_attr);
        return 1;
    }
    if (day < st->date) {
        apply_version(o, &r->versions[0]);
        set_error(o, "%s %s är före beslutet %s: motstridiga uppgifter", r->set_date_attr, od(o, day),
                  od(o, st->date));
        return 1;
    }
    *from = day;
    return 0;
}

/* EK__C_ALT_START: the period runs from the event that began it; returns the start day. */
static ek_date cond_alt_start(state *s, const ek__rule_def *r, obl_item *o, size_t sk)
{
    const ev_event *st = &s->ev->evs[sk];
    ek_date hi = window_end(s, sk, r->start_mask);
    long a = find_completion(s, sk, r->alt_start_mask, st->date, hi);
    if (a >= 0) {
        const ev_event *e = &s->ev->evs[a];
        s->ev->used[a] = 1;
        o->pub.start = e->date;
        o->pub.start_event = e->index;
        return e->date;
    }
    o->pub.flags |= EK_OBL_ASSUMED;
    msgf(o, "ingen händelse som påbörjar fristen (%s) registrerad: räknas från %s", "lvu_uppfoljning_paborjad",
         tname(s, st));
    return st->date;
}

/*
 * EK__SHAPE_PER_START: one obligation per start event; pair, apply the
 * entry's conditions, compute the due date, extend, judge.
 */
static void per_start(state *s, const ek__rule_def *r)
{
    reset_used(s);
    ek_date prev_start = NONE;
    FOR_EACH(sk, s, r->start_mask, 0) {
        if (s->rc != EK_OK)
            break;
        const ev_event *st = &s->ev->evs[sk];
        obl_item *o = new_obl(s, r);
        if (o == NULL)
            return;
        o->pub.start = st->date;
        o->pub.start_event = st->index;
        o->pub.flags |= r->flags;
        if (!(r->conditions & EK__C_DONE_BY_PLACEMENT)) {
            long k = !(s->present & r->done_mask) ? -1 :
                     find_completion(s, sk, r->done_mask, st->date, r->window_to_next ? window_end(s, sk, r->start_mask) : NONE);
            if (k >= 0)
                set_done(s, o, k);
        }
        if (r->nversions > 0 && r->versions[0].from != NONE && st->date < r->versions[0].from) {
            /* The duty arises with the start event; it did not exist yet. */
            set_na(o, "skyldigheten infördes %s, efter händelsen %s", od(o, r->versions[0].from), od(o, st->date));
            prev_start = st->date;
            continue;
        }
        unsigned c = r->conditions;
        int settled = 0;
        ek_date from = st->date;
        if (c & EK__C_DONE_BY_PLACEMENT)
            cond_done_by_placement(s, r, o, sk);
        if (!settled && (c & EK__C_PENDING_SIX_MONTHS))
            settled = cond_pending_six_months(s, r, o, sk);
        if (!settled && (c & EK__C_CHILD_AT_START))
            settled = cond_child_at_start(s, r, o, sk);
        if (!settled && (c & EK__C_ALT_START))
            from = cond_alt_start(s, r, o, sk);
        if (!settled && r->set_date_attr != NULL)
            settled = set_date_start(s, r, o, sk, &from);
        long rep = -1;
        if (!settled && (c & EK__C_MANDATORY_REPORTER))
            settled = cond_mandatory_reporter(s, o, sk, &rep);
        if (!settled) {
            if ((c & EK__C_FROM_DECISION) && rep >= 0) {
                cond_from_decision(s, r, o, sk, rep);
            } else if (due_for(s, r, o, from, 0, 1, -1)) {
                if (!((c & EK__C_NOT_IF_INVESTIGATION_RUNNING) && cond_not_if_running(s, r, o, sk)) && r->ext.event)
                    apply_extensions(s, r, o, sk);
            }
        }
        if (!(c & EK__C_DONE_BY_PLACEMENT))   /* an earlier placement is not a contradiction there */
            check_early(s, o, r->done_mask, prev_start, st);
        judge(s, o);
        prev_start = st->date;
    }
}

/* ------------------------------------------------------------------------ */
/* Placements and recurring duties                                           */

static int build_segments(state *s)
{
    ek_evaluation *ev = s->ev;
    ev->nseg = 0;
    if (!(s->present & EK__EV(PLACERING_VERKSTALLD)))
        return EK_OK;   /* every segment starts with one */
    long active = -1;
    for (size_t k = 0; k < ev->nev; k++) {
        const ev_event *e = &ev->evs[k];
        if (e->type == EK_EV_PLACERING_VERKSTALLD) {
            if (active >= 0) {
                ev->segs[active].end = e->date;
                ev->segs[active].end_k = (long)k;
            }
            int rc = EK__VEC_RESERVE(ev->segs, ev->segcap, ev->nseg + 1, 8);
            if (rc != EK_OK)
                return s->rc = rc;
            seg *g = &ev->segs[ev->nseg];
            g->start = e->date;
            g->end = NONE;
            g->start_k = k;
            g->end_k = -1;
            g->grund = grund_bit(attr_str(s, e, "grund"));
            g->form = attr_str(s, e, "placeringsform");
            g->hem = attr_str(s, e, "hem");
            g->closes = 0;
            active = (long)ev->nseg++;
        } else if (e->type == EK_EV_PLACERING_AVSLUTAD ||
                   (e->type == EK_EV_LVU_VARD_AVSLUTAD && active >= 0 &&
                    (ev->segs[active].grund & (EK__G_LVU2 | EK__G_LVU3)))) {
            if (active >= 0) {
                ev->segs[active].end = e->date;
                ev->segs[active].end_k = (long)k;
                ev->segs[active].closes = 1;
                active = -1;
            }
        }
    }
    return EK_OK;
}

static int passes(const ek__placement_filter *f, const seg *g)
{
    return (g->grund & f->grund) != 0 && (f->form == NULL || (g->form != NULL && strcmp(g->form, f->form) == 0));
}

static int same_home(const seg *a, const seg *b)
{
    return a->hem == NULL || b->hem == NULL || strcmp(a->hem, b->hem) == 0;
}

/*
 * One recurring series from @s0 (start event at position @sk) until @end
 * (NONE: ongoing): an obligation per period up to as-of and the next
 * pending one.  Each period runs from the last completion (or, while
 * periods are missed, is counted in whole multiples from it, so month
 * arithmetic always counts from the same day).  A duty towards a child
 * (EK__C_CHILD_DUTY) has no period falling due on or after the 18th birthday.
 */
static void series(state *s, const ek__rule_def *r, ek_date s0, ek_date end, size_t sk, unsigned flags)
{
    ek_date anchor = s0, prev_nominal = s0, last_done = NONE;
    int repeat = 0, mult = 1;
    ek_date adult = (r->conditions & EK__C_CHILD_DUTY) ? adult_day(s) : NONE;
    int assumed_child = (r->conditions & EK__C_CHILD_DUTY) && ek_case_birth_date(s->c) == NONE;
    for (unsigned seq = 1; s->rc == EK_OK; seq++) {
        due d;
        int f = compute_due(s, r, anchor, repeat, mult, -1, &d);
        if (f == 0)
            return;
        if (f > 0 && end != NONE && d.nominal > end)
            return;   /* the placement ended before this period fell due */
        if (f > 0 && adult != NONE && d.nominal >= adult)
            return;   /* no longer a child when this period falls due (SoL 3 kap. 1 § 2 st.) */
        obl_item *o = new_obl(s, r);
        if (o == NULL)
            return;
        o->pub.sequence = seq;
        o->pub.flags |= EK_OBL_RECURRING | flags | r->flags;
        o->pub.start = mult > 1 ? prev_nominal : anchor;
        o->pub.start_event = s->ev->evs[sk].index;
        if (flags & EK_OBL_ASSUMED)
            msgf(o, "placeringens grund saknas: antas gälla");
        if (assumed_child) {
            o->pub.flags |= EK_OBL_ASSUMED;
            msgf(o, "födelsedatum saknas: barnet antas vara under 18 år");
        }
        if (f < 0) {
            set_error(o, "fristen från %s slutar utanför det datumintervall som stöds", od(o, anchor));
            return;
        }
        apply_due(o, &d);
        /* The first completion after the last one (from the series start for the first period). */
        FOR_EACH(k, s, r->done_mask, 0) {
            const ev_event *e = &s->ev->evs[k];
            if (s->ev->used[k])
                continue;
            if (last_done == NONE ? e->date < s0 : e->date <= last_done)
                continue;
            if (end != NONE && e->date > end)
                break;
            set_done(s, o, (long)k);
            break;
        }
        judge(s, o);
        if (seq >= MAX_SERIES) {
            msgf(o, "serien avbruten efter %u perioder", MAX_SERIES);
            return;
        }
        if (o->pub.status == EK_OBL_ERROR)
            return;
        if (o->pub.done != NONE) {
            anchor = last_done = o->pub.done;
            repeat = 1;
            mult = 1;
        } else if (o->pub.status == EK_OBL_PENDING) {
            o->pub.flags |= EK_OBL_NEXT;
            return;
        } else {
            mult++;   /* missed: the next period ends one more repeat period from the same anchor */
        }
        prev_nominal = d.nominal;
    }
}

/* The last segment of the run of adjacent placements starting at segment @i that pass @f (all, when NULL). */
static size_t run_end(const ek_evaluation *ev, size_t i, const ek__placement_filter *f)
{
    size_t j = i;
    while (!ev->segs[j].closes && j + 1 < ev->nseg && ev->segs[j + 1].start == ev->segs[j].end &&
           (f == NULL || (passes(f, &ev->segs[j + 1]) && (!f->same_home || same_home(&ev->segs[j], &ev->segs[j + 1])))))
        j++;
    return j;
}

/* EK__SHAPE_PLACEMENT_SERIES: recurring duties over placement runs. */
static void placement_series(state *s, const ek__rule_def *r)
{
    reset_used(s);
    const ek_evaluation *ev = s->ev;
    for (size_t i = 0; i < ev->nseg && s->rc == EK_OK; i++) {
        if (!passes(&r->placement, &ev->segs[i]))
            continue;
        size_t j = run_end(ev, i, &r->placement);
        unsigned flags = 0;
        for (size_t q = i; q <= j; q++)
            if (ev->segs[q].grund == EK__G_UNKNOWN && r->placement.grund != EK__G_ANY)
                flags |= EK_OBL_ASSUMED;
        series(s, r, ev->segs[i].start, ev->segs[j].end, ev->segs[i].start_k, flags);
        i = j;
    }
}

/* EK__SHAPE_EVENT_SERIES: recurring duties started by an event and ended by others. */
static void event_series(state *s, const ek__rule_def *r)
{
    reset_used(s);
    FOR_EACH(sk, s, r->start_mask, 0) {
        if (s->rc != EK_OK)
            break;
        const ev_event *st = &s->ev->evs[sk];
        ek_date end = NONE;
        FOR_EACH(k, s, r->start_mask | r->end_mask, sk + 1) {
            const ev_event *e = &s->ev->evs[k];
            if ((in_mask(e, r->start_mask) && e->date > st->date) || (in_mask(e, r->end_mask) && e->date >= st->date)) {
                end = e->date;
                break;
            }
        }
        series(s, r, st->date, end, sk, 0);
    }
}

/* EK__SHAPE_PLACEMENT_ONCE: one obligation per placement run. */
static void placement_once(state *s, const ek__rule_def *r)
{
    reset_used(s);
    const ek_evaluation *ev = s->ev;
    for (size_t i = 0; i < ev->nseg && s->rc == EK_OK; i++) {
        size_t j = run_end(ev, i, NULL);
        ek_date start = ev->segs[i].start, end = ev->segs[j].end;
        size_t first_k = ev->segs[i].start_k;
        due d;
        int f = compute_due(s, r, start, 0, 1, -1, &d);
        i = j;
        if (f == 0 || (f > 0 && end != NONE && d.nominal > end))
            continue;
        obl_item *o = new_obl(s, r);
        if (o == NULL)
            return;
        o->pub.start = start;
        o->pub.start_event = ev->evs[first_k].index;
        if (f < 0) {
            set_error(o, "fristen slutar utanför det datumintervall som stöds");
            continue;
        }
        apply_due(o, &d);
        FOR_EACH(k, s, r->done_mask, 0) {
            const ev_event *e = &ev->evs[k];
            if (ev->used[k] || e->date < start)
                continue;
            if (end != NONE && e->date > end)
                break;
            set_done(s, o, (long)k);
            break;
        }
        judge(s, o);
    }
}

/* EK__SHAPE_IN_PLACEMENT: a start event while the child is in a placement of the filter's form. */
static void in_placement(state *s, const ek__rule_def *r)
{
    const ek_evaluation *ev = s->ev;
    FOR_EACH(k, s, r->start_mask, 0) {
        if (s->rc != EK_OK)
            break;
        const ev_event *e = &ev->evs[k];
        for (size_t i = 0; i < ev->nseg; i++) {
            const seg *g = &ev->segs[i];
            if (!(g->start <= e->date && (g->end == NONE || g->end > e->date)))
                continue;
            if (!passes(&r->placement, g))
                break;
            obl_item *o = new_obl(s, r);
            if (o == NULL)
                return;
            o->pub.start = e->date;
            o->pub.start_event = e->index;
            if (due_for(s, r, o, e->date, 0, 1, -1) && g->end != NONE) {
                o->pub.done = g->end;
                o->pub.done_event = ev->evs[g->end_k].index;
            }
            if (g->end == NONE)
                msgf(o, "barnet är kvar i placeringen (%s, placerat %s)", r->placement.form ? r->placement.form : "",
                     od(o, g->start));
            judge(s, o);
            break;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The evaluation object                                                     */

int ek_evaluation_new(ek_evaluation **out)
{
    if (out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_new: out is NULL");
    ek_evaluation *ev = ek__calloc(1, sizeof *ev);
    if (ev == NULL)
        return ek__oom();
    ev->as_of = NONE;
    *out = ev;
    return EK_OK;
}

void ek_evaluation_free(ek_evaluation *ev)
{
    if (ev == NULL)
        return;
    ek__free(ev->items);
    ek__free(ev->evs);
    ek__free(ev->used);
    ek__free(ev->pos);
    ek__free(ev->segs);
    ek__free(ev->case_id);
    ek__free(ev->parts);
    ek__buf_free(&ev->argtext);
    ek__buf_free(&ev->text);
    ek__free(ev);
}

/* Forget the messages, keep the buffers. */
static void clear_messages(ek_evaluation *ev)
{
    ev->nparts = 0;
    ev->bound = 0;
    ev->msg_rc = EK_OK;
    ek__buf_clear(&ev->argtext);
    ek__buf_clear(&ev->text);
    __atomic_store_n(&ev->rendered, 0, __ATOMIC_RELAXED);
}

/*
 * Messages are recorded in the current language (the context's): remember
 * translations in it, for as long as tr_entry says (a new generation forgets
 * them all at once).
 */
static void begin_messages(ek_evaluation *ev)
{
    int lang = ek__lang_current();
    int same = lang == ev->tr_lang && ev->tr_gen != 0;
    if (lang == EK__LANG_PROCESS) {
        ek__gettext_state st;
        int known = ek__gettext_state_get(&st);
        same = same && known && st.counter == ev->tr_state.counter && st.locale == ev->tr_state.locale;
        ev->tr_state = st;
    }
    if (!same) {
        ev->tr_gen++;
        ev->tr_lang = lang;
    }
}

/* Reserve the room for formatting every message (msg_part); EK_OK or EK_ENOMEM. */
static int reserve_messages(ek_evaluation *ev)
{
    if (ev->msg_rc != EK_OK)
        return ek__oom();
    if (ev->nparts == 0)
        return EK_OK;
    return ek__buf_reserve(&ev->text, ev->bound + ev->n); /* and one NUL per obligation */
}

/*
 * Format one part at the end of ev->text (room reserved).  The format is the
 * translation of a literal that msgf()'s printf attribute checked against
 * these very arguments when the part was recorded (vmsgf() keeps only
 * formats whose conversions are all %s, or one %u), hence the pragma.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void render_part(ek_evaluation *ev, const msg_part *p)
{
    ek__buf *b = &ev->text;
    size_t room = b->cap - b->len;
    int w;
    const char *at = ev->argtext.data;
    if (p->fmt == NULL) {
        w = snprintf(b->data + b->len, room, "%s", at + p->arg[0]);
    } else if (p->is_uint) {
        w = snprintf(b->data + b->len, room, p->fmt, (unsigned)p->arg[0]);
    } else {
        const char *a[MAX_ARGS];
        char dates[MAX_ARGS][EK_DATE_BUFSIZE];
        for (int i = 0; i < MAX_ARGS; i++)
            a[i] = i >= p->nargs ? "" : (p->dates >> i) & 1 ? ds((ek_date)p->arg[i], dates[i]) : at + p->arg[i];
        /* Arguments beyond those the format uses are ignored (C11 7.21.6.1p2). */
        w = snprintf(b->data + b->len, room, p->fmt, a[0], a[1], a[2], a[3], a[4]);
    }
    if (w > 0)
        b->len += (size_t)w < room ? (size_t)w : room - 1;   /* never more than the bound (see reserve_messages) */
}
#pragma GCC diagnostic pop

/* Format every message once; the obligations then point at their text. */
static void render_messages(ek_evaluation *ev)
{
    ek__buf *b = &ev->text;
    for (size_t k = 0; k < ev->n; k++) {
        obl_item *o = &ev->items[k];
        if (o->first == NOPART || b->data == NULL) {
            o->pub.message = "";
            continue;
        }
        size_t off = b->len;
        for (uint32_t i = o->first; i != NOPART; i = ev->parts[i].next) {
            if (i != o->first && b->cap - b->len > 3) {
                memcpy(b->data + b->len, "; ", 2);
                b->len += 2;
            }
            render_part(ev, &ev->parts[i]);
        }
        b->data[b->len] = '\0';
        if (b->len + 1 < b->cap)
            b->len++;
        o->pub.message = b->data + off;
    }
}

/*
 * The messages formatted, by the first reader (an evaluation is read by one
 * thread at a time, but ek_evaluation_compare() promises readers on several
 * threads; the loser of the race waits).
 */
static void ensure_messages(const ek_evaluation *cev)
{
    ek_evaluation *ev = (ek_evaluation *)cev;  /* only the lazily formatted messages change */
    if (__atomic_load_n(&ev->rendered, __ATOMIC_ACQUIRE) == 2)
        return;
    int expect = 0;
    if (__atomic_compare_exchange_n(&ev->rendered, &expect, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        render_messages(ev);
        __atomic_store_n(&ev->rendered, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&ev->rendered, __ATOMIC_ACQUIRE) != 2)
        sched_yield();
}

void ek_evaluation_clear(ek_evaluation *ev)
{
    if (ev == NULL)
        return;
    ev->n = 0;
    ev->nev = 0;
    ev->nseg = 0;
    ev->as_of = NONE;
    if (ev->case_id)
        ev->case_id[0] = '\0';
    clear_messages(ev);
}

size_t ek_evaluation_count(const ek_evaluation *ev) { return ev ? ev->n : 0; }

const ek_obligation *ek_evaluation_at(const ek_evaluation *ev, size_t k)
{
    if (ev == NULL || k >= ev->n)
        return NULL;
    ensure_messages(ev);
    return &ev->items[k].pub;
}

ek_date ek_evaluation_as_of(const ek_evaluation *ev) { return ev ? ev->as_of : NONE; }

const char *ek_evaluation_case_id(const ek_evaluation *ev)
{
    return ev && ev->case_id ? ev->case_id : "";
}

int ek_evaluation_find(const ek_evaluation *ev, ek_rule_id rule, size_t from, size_t *index)
{
    if (ev == NULL || index == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_find: NULL argument");
    for (size_t k = from; k < ev->n; k++)
        if (ev->items[k].pub.rule == rule) {
            *index = k;
            return EK_OK;
        }
    return EK_ENOTFOUND;
}

size_t ek_evaluation_count_status(const ek_evaluation *ev, ek_obligation_status status)
{
    size_t n = 0;
    for (size_t k = 0; ev && k < ev->n; k++)
        n += ev->items[k].pub.status == status;
    return n;
}

static int urgency_rank(ek_obligation_status st)
{
    switch (st) {
    case EK_OBL_OVERDUE: return 0;
    case EK_OBL_PENDING: return 1;
    case EK_OBL_ERROR: return 2;
    case EK_OBL_LATE: return 3;
    case EK_OBL_MET: return 4;
    case EK_OBL_NOTAPPLICABLE: return 5;
    }
    return 6;
}

static int cmp_date(ek_date a, ek_date b)
{
    /* NONE (INT64_MIN) sorts last. */
    if (a == b)
        return 0;
    if (a == NONE)
        return 1;
    if (b == NONE)
        return -1;
    return a < b ? -1 : 1;
}

static int cmp_rule(const void *pa, const void *pb)
{
    const obl_item *a = pa, *b = pb;
    if (a->pub.rule != b->pub.rule)
        return a->pub.rule < b->pub.rule ? -1 : 1;
    int c = cmp_date(a->pub.start, b->pub.start);
    if (c)
        return c;
    if (a->pub.sequence != b->pub.sequence)
        return a->pub.sequence < b->pub.sequence ? -1 : 1;
    return a->ord < b->ord ? -1 : a->ord > b->ord;
}

static int cmp_urgency(const void *pa, const void *pb)
{
    const obl_item *a = pa, *b = pb;
    int ra = urgency_rank(a->pub.status), rb = urgency_rank(b->pub.status);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    int c = ra == 0 ? cmp_date(a->pub.judged, b->pub.judged) : cmp_date(a->pub.legal, b->pub.legal);
    if (c)
        return c;
    return a->ord < b->ord ? -1 : a->ord > b->ord;
}

int ek_evaluation_sort(ek_evaluation *ev, ek_evaluation_order order)
{
    if (ev == NULL)
        return ek__error(EK_EINVAL, "ek_evaluation_sort: evaluation is NULL");
    if (order != EK_ORDER_RULE && order != EK_ORDER_URGENCY)
        return ek__error(EK_EINVAL, "ek_evaluation_sort: unknown order %d", (int)order);
    if (ev->n > 1)
        qsort(ev->items, ev->n, sizeof *ev->items, order == EK_ORDER_RULE ? cmp_rule : cmp_urgency);
    return EK_OK;
}

/* ------------------------------------------------------------------------ */
/* Evaluation                                                                */

static int load_events(state *s)
{
    ek_evaluation *ev = s->ev;
    size_t n = ek_case_event_count(s->c);
    if (n > ev->evcap) {
        size_t cap = ev->evcap ? ev->evcap : 32;
        while (cap < n)
            cap *= 2;
        ev_event *p = ek__realloc(ev->evs, cap * sizeof *p);
        if (p == NULL)
            return ek__oom();
        ev->evs = p;
        unsigned char *u = ek__realloc(ev->used, cap);
        if (u == NULL)
            return ek__oom();
        ev->used = u;
        ev->evcap = cap;
    }
    ev->nev = 0;
    s->words = (n + 63) / 64;
    if (s->words > 0 && EK__VEC_RESERVE(ev->pos, ev->poscap, s->words * 64, 64) != EK_OK)
        return EK_ENOMEM;
    const size_t *by_date;
    size_t count;
    const ek__event *events = ek__case_events(s->c, &by_date, &count); /* case_internal.h: no per-event calls */
    for (size_t k = 0; k < n && k < count; k++) {
        size_t idx = by_date[k];
        const ek__event *info = &events[idx];
        if (info->date > s->as_of)
            break;   /* date order: nothing later counts */
        ev_event *e = &ev->evs[ev->nev++];
        e->index = idx;
        e->type = (int)info->type;
        uint64_t *row = ev->pos + (size_t)e->type * s->words;
        if (!(s->present & BIT(e->type))) {   /* the first of its type: the type's row starts empty */
            s->present |= BIT(e->type);
            if (s->words == 1)
                row[0] = 0;   /* most cases: no call */
            else
                memset(row, 0, s->words * sizeof *row);
        }
        row[k >> 6] |= (uint64_t)1 << (k & 63);
        e->date = info->date;
        e->id = info->id;
        e->ref = info->ref;
        e->type_name = info->type_name;
    }
    return EK_OK;
}

/* One routine per shape (rules_internal.h); the entry says the rest. */
static void run_rule(state *s, const ek__rule_def *r)
{
    if (!(s->present & r->start_mask))
        return;   /* nothing starts it in this case (every shape starts from an event of start_mask) */
    switch (r->shape) {
    case EK__SHAPE_PER_START: per_start(s, r); break;
    case EK__SHAPE_PLACEMENT_SERIES: placement_series(s, r); break;
    case EK__SHAPE_EVENT_SERIES: event_series(s, r); break;
    case EK__SHAPE_PLACEMENT_ONCE: placement_once(s, r); break;
    case EK__SHAPE_IN_PLACEMENT: in_placement(s, r); break;
    case EK__SHAPE_BOARD: break;   /* board level: ek_evaluate_annual() */
    }
}

/* The rules each event type starts (bit i: rule i), computed once per rulebook and evaluation object. */
static const uint64_t *rules_for(ek_evaluation *ev, const ek_rulebook *rb)
{
    if (ev->rules_rb != rb) {
        memset(ev->rules_by_type, 0, sizeof ev->rules_by_type);
        for (size_t i = 0; i < rb->nrules && i < 64; i++)
            for (uint64_t m = rb->rules[i].start_mask; m != 0; m &= m - 1)
                ev->rules_by_type[__builtin_ctzll(m)] |= (uint64_t)1 << i;
        ev->rules_rb = rb;
    }
    return ev->rules_by_type;
}

static int set_case_id(ek_evaluation *ev, const char *id)
{
    size_t len = strlen(id) + 1;
    if (len > ev->idcap) {
        char *p = ek__realloc(ev->case_id, len);
        if (p == NULL)
            return ek__oom();
        ev->case_id = p;
        ev->idcap = len;
    }
    memcpy(ev->case_id, id, len);
    return EK_OK;
}

int ek_evaluate_case(const ek_context *ctx, const ek_rulebook *rb, const ek_case *c, ek_date as_of,
                     ek_evaluation *out)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || rb == NULL || c == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluate_case: NULL argument");
    ek_evaluation_clear(out);
    if (as_of == NONE)
        return ek__error(EK_EINVAL, "ek_evaluate_case: as_of is required (got EK_DATE_NONE)");
    if (!ek_date_in_range(as_of))
        return ek__error(EK_ERANGE, "ek_evaluate_case: as_of %lld is outside the supported range "
                         "1953-01-01 to 2199-12-31", (long long)as_of);
    if (ek_context_strict(ctx)) {
        int vrc = ek_case_check_vocabulary(c);
        if (vrc != EK_OK)
            return vrc;
    }
    const char *id = ek_case_id(c);
    state s = { ek_context_calendar(ctx), ek_context_policy_const(ctx), EK_JUDGE_LEGAL, rb, c, as_of, out, EK_OK, 0, 0 };
    s.judge = ek_policy_judge_on(s.pol);
    begin_messages(out);
    int rc = set_case_id(out, id ? id : "");
    if (rc == EK_OK)
        rc = load_events(&s);
    if (rc == EK_OK)
        rc = build_segments(&s);
    if (rc == EK_OK) {
        /* Only the rules an event of the case starts, in rulebook order (run_rule() tests again). */
        uint64_t todo = 0;
        for (uint64_t m = s.present; m != 0; m &= m - 1)
            todo |= rules_for(out, rb)[__builtin_ctzll(m)];
        for (; rc == EK_OK && todo != 0; todo &= todo - 1) {
            run_rule(&s, &rb->rules[__builtin_ctzll(todo)]);
            rc = s.rc;
        }
        for (size_t i = 64; rc == EK_OK && i < rb->nrules; i++) {  /* beyond the first 64 (none today) */
            run_rule(&s, &rb->rules[i]);
            rc = s.rc;
        }
    }
    if (rc == EK_OK)
        rc = reserve_messages(out);
    if (rc != EK_OK) {
        ek_evaluation_clear(out);
        return rc;
    }
    out->as_of = as_of;
    return EK_OK;
}

/* ---- batch ---------------------------------------------------------------- */

typedef struct batch {
    const ek_context *ctx;
    const ek_rulebook *rb;
    const ek_case *const *cases;
    ek_evaluation *const *out;
    ek_date as_of;
} batch;

static int batch_job(void *arg, size_t i)
{
    const batch *b = arg;
    return ek_evaluate_case(b->ctx, b->rb, b->cases[i], b->as_of, b->out[i]);
}

int ek_evaluate_cases(const ek_context *ctx, const ek_rulebook *rb, const ek_case *const *cases, size_t count,
                      ek_date as_of, ek_evaluation *const *out, int *statuses, unsigned int threads)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || rb == NULL || (count > 0 && (cases == NULL || out == NULL)))
        return ek__error(EK_EINVAL, "ek_evaluate_cases: NULL argument");
    batch b = { ctx, rb, cases, out, as_of };
    /* one thread pool for every batch entry point (parallel_internal.h) */
    return ek__parallel_for(count, threads, batch_job, &b, statuses);
}

/* ---- comparing two evaluations --------------------------------------------- */

static int cmp_key(const ek_obligation *x, const ek_obligation *y)
{
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    if (x->start_event != y->start_event)
        return x->start_event < y->start_event ? -1 : 1;
    if (x->sequence != y->sequence)
        return x->sequence < y->sequence ? -1 : 1;
    return 0;
}

static int cmp_key_ptr(const void *pa, const void *pb)
{
    return cmp_key(*(const ek_obligation *const *)pa, *(const ek_obligation *const *)pb);
}

static void add_change(ek_obligation_change *out, size_t cap, size_t *n, const ek_obligation *b4,
                       const ek_obligation *af)
{
    if (*n < cap) {
        out[*n].before = b4;
        out[*n].after = af;
    }
    (*n)++;
}

/* The obligations of @ev by key (rule, start event, sequence); NULL on allocation failure. */
static const ek_obligation **by_key(const ek_evaluation *ev)
{
    const ek_obligation **p = ek__malloc((ev->n ? ev->n : 1) * sizeof *p);
    if (p == NULL)
        return NULL;
    for (size_t i = 0; i < ev->n; i++)
        p[i] = &ev->items[i].pub;
    qsort(p, ev->n, sizeof *p, cmp_key_ptr);
    return p;
}

int ek_evaluation_compare(const ek_evaluation *a, const ek_evaluation *b, ek_obligation_change *out, size_t cap,
                          size_t *count)
{
    if (a == NULL || b == NULL || count == NULL || (out == NULL && cap > 0))
        return ek__error(EK_EINVAL, "ek_evaluation_compare: NULL argument");
    ensure_messages(a);
    ensure_messages(b);
    const ek_obligation **pa = by_key(a), **pb = by_key(b);
    if (pa == NULL || pb == NULL) {
        ek__free(pa);
        ek__free(pb);
        return ek__oom();
    }
    /* A merge of the two key orders: O(n log n) however many obligations a case has. */
    size_t n = 0, i = 0, j = 0;
    while (i < a->n || j < b->n) {
        int c = i == a->n ? 1 : j == b->n ? -1 : cmp_key(pa[i], pb[j]);
        if (c < 0)
            add_change(out, cap, &n, pa[i++], NULL);
        else if (c > 0)
            add_change(out, cap, &n, NULL, pb[j++]);
        else {
            if (pa[i]->status != pb[j]->status)
                add_change(out, cap, &n, pa[i], pb[j]);
            i++;
            j++;
        }
    }
    ek__free(pa);
    ek__free(pb);
    *count = n;
    return EK_OK;
}

/* ---- board level ---------------------------------------------------------- */

int ek_evaluate_annual(const ek_context *ctx, const ek_rulebook *rb, ek_rule_id rule, int year, ek_date done,
                       ek_date as_of, ek_obligation *out)
{
    EK__CONTEXT_LANG(ctx);
    if (ctx == NULL || rb == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_evaluate_annual: NULL argument");
    if ((int)rule < 0 || (size_t)rule >= rb->nrules || rb->rules[rule].kind != EK_RULE_ANNUAL)
        return ek__error(EK_EINVAL, "ek_evaluate_annual: rule %d is not an annual (board-level) rule", (int)rule);
    if (as_of == NONE || !ek_date_in_range(as_of))
        return ek__error(EK_ERANGE, "ek_evaluate_annual: as_of outside the supported range");
    ek_date jan1;
    int rc = ek_date_from_ymd(year, 1, 1, &jan1);
    if (rc != EK_OK)
        return rc;
    const ek__rule_def *r = &rb->rules[rule];
    ek_evaluation tmp;
    memset(&tmp, 0, sizeof tmp);
    begin_messages(&tmp);
    obl_item item;
    tmp.items = &item;
    tmp.cap = 1;
    state s = { ek_context_calendar(ctx), ek_context_policy_const(ctx), EK_JUDGE_LEGAL, rb, NULL, as_of, &tmp, EK_OK, 0, 0 };
    s.judge = ek_policy_judge_on(s.pol);
    obl_item *o = new_obl(&s, r);
    o->pub.start = jan1;
    if (done != NONE && done <= as_of) {
        o->pub.done = done;
    }
    if (due_for(&s, r, o, jan1, 0, 1, -1))
        judge(&s, o);
    if (o->pub.status == EK_OBL_ERROR && o->pub.nominal == NONE) {
        rc = reserve_messages(&tmp);
        if (rc == EK_OK) {
            render_messages(&tmp);
            rc = ek__error(EK_ERANGE, "ek_evaluate_annual: year %d: %s", year, o->pub.message);
        }
        ek__free(tmp.parts);
        ek__buf_free(&tmp.argtext);
        ek__buf_free(&tmp.text);
        return rc;
    }
    ek__free(tmp.parts);
    ek__buf_free(&tmp.argtext);
    ek__buf_free(&tmp.text);
    *out = o->pub;
    out->message = o->pub.flags & EK_OBL_CLAMPED ? _("förfaller tidigast vid ikraftträdandet") : "";
    return EK_OK;
}

/* ---- names ---------------------------------------------------------------- */

/* The one table of the status codes; each code is also the msgid of its word (ek_obligation_status_label()). */
static const char *const status_names[] = {
    NULL,
    /* TRANSLATORS: obligation status codes shown as words (evaluate's text deadline list), at most 13 columns. */
    N_("met"), N_("late"), N_("pending"), N_("overdue"), N_("notapplicable"), N_("error"),
};

const char *ek_obligation_status_name(ek_obligation_status status)
{
    if ((int)status < EK_OBL_MET || status > EK_OBL_ERROR)
        return "invalid";
    return status_names[status];
}

const char *ek_obligation_status_label(ek_obligation_status status)
{
    if ((int)status < EK_OBL_MET || status > EK_OBL_ERROR)
        return "invalid";
    return _(status_names[status]);
}

int ek_obligation_status_from_name(const char *name, ek_obligation_status *out)
{
    if (name == NULL || out == NULL)
        return ek__error(EK_EINVAL, "ek_obligation_status_from_name: NULL argument");
    for (int i = EK_OBL_MET; i <= EK_OBL_ERROR; i++)
        if (strcmp(status_names[i], name) == 0) {
            *out = (ek_obligation_status)i;
            return EK_OK;
        }
    return ek__error(EK_EPARSE, "\"%.60s\" is not an obligation status (met, late, pending, overdue, "
                     "notapplicable, error)", name);
}

const char *ek_obligation_flag_name(unsigned int flag)
{
    switch (flag) {
    case EK_OBL_EXCEPTION: return "undantag";
    case EK_OBL_EXCEPTION_TOO_LATE: return "undantag_for_sent";
    case EK_OBL_EXTENDED: return "forlangd";
    case EK_OBL_EXTENSION_TOO_LATE: return "forlangning_for_sent";
    case EK_OBL_CLAMPED: return "ikrafttradande";
    case EK_OBL_RECURRING: return "aterkommande";
    case EK_OBL_NEXT: return "nasta";
    case EK_OBL_LAPSES: return "forfaller";
    case EK_OBL_NOMINAL_JUDGED: return "strikt";
    case EK_OBL_UNCERTAIN: return "osaker";
    case EK_OBL_ASSUMED: return "antagande";
    }
    return NULL;
}
