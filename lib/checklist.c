/* SPDX-License-Identifier: MIT */
/* Checklists: truth values, the result mapping, the checklist object, delegation orders, sampling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_internal.h"
#include "checklist_internal.h"
#include "i18n.h"

/* ---- truth values ---------------------------------------------------------- */

static const char *const truth_names[] = {
    "invalid", "true", "false", "error", "unknown", "notchecked", "notapplicable"
};

const char *ek_truth_name(ek_truth value)
{
    if ((int)value < 1 || (int)value > 6)
        return "invalid";
    return truth_names[value];
}

int ek_truth_from_name(const char *name, ek_truth *out)
{
    if (!name || !out)
        return ek__error(EK_EINVAL, "ek_truth_from_name: NULL argument");
    for (int i = 1; i <= 6; i++)
        if (strcmp(name, truth_names[i]) == 0) {
            *out = (ek_truth)i;
            return EK_OK;
        }
    return ek__error(EK_EPARSE, "\"%s\" is not a truth value (true, false, error, unknown, notchecked, "
                     "notapplicable)", name);
}

static ek_truth sanitize(ek_truth v)
{
    return ((int)v < 1 || (int)v > 6) ? EK_TRUTH_ERROR : v;
}

/* The OVAL operator tables: a dominant value (false for all, true for any), then error, unknown, notchecked. */
static ek_truth combine(const ek_truth *v, size_t n, ek_truth dominant, ek_truth neutral)
{
    size_t seen = 0;
    int err = 0, unk = 0, nc = 0, dom = 0;
    for (size_t i = 0; i < n; i++) {
        ek_truth x = sanitize(v[i]);
        if (x == EK_TRUTH_NOTAPPLICABLE)
            continue;
        seen++;
        if (x == dominant)
            dom = 1;
        else if (x == EK_TRUTH_ERROR)
            err = 1;
        else if (x == EK_TRUTH_UNKNOWN)
            unk = 1;
        else if (x == EK_TRUTH_NOTCHECKED)
            nc = 1;
    }
    if (seen == 0)
        return EK_TRUTH_NOTAPPLICABLE;
    if (dom)
        return dominant;
    if (err)
        return EK_TRUTH_ERROR;
    if (unk)
        return EK_TRUTH_UNKNOWN;
    if (nc)
        return EK_TRUTH_NOTCHECKED;
    return neutral;
}

ek_truth ek_truth_all(const ek_truth *values, size_t n)
{
    if (!values)
        return n == 0 ? EK_TRUTH_NOTAPPLICABLE : EK_TRUTH_ERROR;
    return combine(values, n, EK_TRUTH_FALSE, EK_TRUTH_TRUE);
}

ek_truth ek_truth_any(const ek_truth *values, size_t n)
{
    if (!values)
        return n == 0 ? EK_TRUTH_NOTAPPLICABLE : EK_TRUTH_ERROR;
    return combine(values, n, EK_TRUTH_TRUE, EK_TRUTH_FALSE);
}

ek_truth ek_truth_not(ek_truth value)
{
    value = sanitize(value);
    if (value == EK_TRUTH_TRUE)
        return EK_TRUTH_FALSE;
    if (value == EK_TRUTH_FALSE)
        return EK_TRUTH_TRUE;
    return value;
}

ek_result ek_truth_result(ek_truth value)
{
    switch (value) {
    case EK_TRUTH_TRUE: return EK_RESULT_PASS;
    case EK_TRUTH_FALSE: return EK_RESULT_FAIL;
    case EK_TRUTH_ERROR: return EK_RESULT_ERROR;
    case EK_TRUTH_UNKNOWN: return EK_RESULT_UNKNOWN;
    case EK_TRUTH_NOTCHECKED: return EK_RESULT_NOTCHECKED;
    case EK_TRUTH_NOTAPPLICABLE: return EK_RESULT_NOTAPPLICABLE;
    default: return EK_RESULT_ERROR;
    }
}

ek_truth ek_obligation_truth(ek_obligation_status status)
{
    switch (status) {
    case EK_OBL_MET: return EK_TRUTH_TRUE;
    case EK_OBL_LATE: return EK_TRUTH_FALSE;
    case EK_OBL_OVERDUE: return EK_TRUTH_FALSE;
    case EK_OBL_PENDING: return EK_TRUTH_NOTCHECKED;
    case EK_OBL_NOTAPPLICABLE: return EK_TRUTH_NOTAPPLICABLE;
    case EK_OBL_ERROR: return EK_TRUTH_ERROR;
    default: return EK_TRUTH_ERROR;
    }
}

const char *ek_item_kind_name(ek_item_kind kind)
{
    switch (kind) {
    case EK_ITEM_DEADLINE: return "D";
    case EK_ITEM_PRESENCE: return "C";
    case EK_ITEM_JUDGEMENT: return "J";
    case EK_ITEM_PRESENCE_JUDGEMENT: return "C/J";
    default: return NULL;
    }
}

const char *ek_item_population_name(ek_item_population population)
{
    switch (population) {
    case EK_POPULATION_CASE: return "case";
    case EK_POPULATION_SARAH: return "sarah";
    case EK_POPULATION_RUN: return "run";
    default: return NULL;
    }
}

const char *ek__result_text_sv(ek_result r)
{
    switch (r) {
    case EK_RESULT_PASS: return N_("Uppfylld");
    case EK_RESULT_FAIL: return N_("Brist");
    case EK_RESULT_ERROR: return N_("Kan inte bedömas: uppgifterna i akten motsäger varandra");
    case EK_RESULT_UNKNOWN: return N_("Kan inte avgöras utifrån uppgifterna");
    case EK_RESULT_NOTAPPLICABLE: return N_("Gäller inte ärendet");
    case EK_RESULT_NOTCHECKED: return N_("Inte bedömd");
    case EK_RESULT_NOTSELECTED: return N_("Inte vald i denna granskning");
    case EK_RESULT_INFORMATIONAL: return N_("För kännedom");
    case EK_RESULT_FIXED: return N_("Brist som har åtgärdats");
    default: return N_("Ogiltigt resultat");
    }
}

/* ---- the checklist object ---------------------------------------------------- */

void ek__espec_init(ek__espec *s)
{
    memset(s, 0, sizeof *s);
    s->where = EK__NONE;
    s->date_from = EK_DATE_NONE;
    s->date_to = EK_DATE_NONE;
}

int ek__checklist_alloc(ek_checklist **out)
{
    ek_checklist *cl = ek__calloc(1, sizeof *cl);
    if (!cl)
        return ek__oom();
    *out = cl;
    return EK_OK;
}

int ek__checklist_add_node(ek_checklist *cl, ek__op op, size_t *index)
{
    if (cl->nnodes >= EK__CL_MAX_NODES)
        return ek__error(EK_ELIMIT, "too many predicates in the checklist (at most %d)", EK__CL_MAX_NODES);
    int rc = EK__VEC_RESERVE(cl->nodes, cl->nodes_cap, cl->nnodes + 1, 16);
    if (rc)
        return rc;
    ek__node *n = &cl->nodes[cl->nnodes];
    memset(n, 0, sizeof *n);
    n->op = op;
    n->missing = EK_TRUTH_UNKNOWN;
    n->def = EK__NONE;
    ek__espec_init(&n->spec);
    ek__espec_init(&n->from);
    ek__espec_init(&n->to);
    *index = cl->nnodes++;
    return EK_OK;
}

int ek__checklist_add_item(ek_checklist *cl, size_t *index)
{
    if (cl->nitems >= EK__CL_MAX_ITEMS)
        return ek__error(EK_ELIMIT, "too many items in the checklist (at most %d)", EK__CL_MAX_ITEMS);
    int rc = EK__VEC_RESERVE(cl->items, cl->items_cap, cl->nitems + 1, 16);
    if (rc)
        return rc;
    ek__item *it = &cl->items[cl->nitems];
    memset(it, 0, sizeof *it);
    it->applies = it->exclude = it->criterion = it->exception = it->oq_when = EK__NONE;
    *index = cl->nitems++;
    return EK_OK;
}

int ek__checklist_add_def(ek_checklist *cl, const char *name, size_t *index)
{
    int rc = EK__VEC_RESERVE(cl->defs, cl->defs_cap, cl->ndefs + 1, 16);
    if (rc)
        return rc;
    char *copy = ek__strdup(name);
    if (!copy)
        return ek__oom();
    cl->defs[cl->ndefs].name = copy;
    cl->defs[cl->ndefs].node = EK__NONE;
    *index = cl->ndefs++;
    return EK_OK;
}

static void free_strv(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        ek__free(v[i]);
    ek__free(v);
}

static void free_espec(ek__espec *s)
{
    free_strv(s->types, s->ntypes);
    ek__free(s->codes);
}

static void free_node(ek__node *n)
{
    ek__free(n->path);
    ek__free(n->message);
    ek__free(n->kids);
    free_espec(&n->spec);
    free_espec(&n->from);
    free_espec(&n->to);
    ek__free(n->key);
    if (n->vals) {
        for (size_t i = 0; i < n->nvals; i++)
            ek__free(n->vals[i].string);
        ek__free(n->vals);
    }
    ek__free(n->policy);
    free_strv(n->same, n->nsame);
    ek__free(n->rules);
    ek__free(n->item);
}

void ek__checklist_free_item(ek__item *it)
{
    ek__free(it->id);
    ek__free(it->title);
    ek__free(it->description);
    ek__free(it->origin);
    ek__free(it->seeds);
    for (size_t k = 0; k < it->nbasis; k++) {
        ek__free(it->basis[k].reference);
        ek__free(it->basis[k].certainty);
        ek__free(it->basis[k].note);
    }
    ek__free(it->basis);
    ek__free(it->oq_message);
    for (size_t k = 0; k < 10; k++)
        ek__free(it->messages[k]);
    for (size_t k = 0; k < it->nbtext; k++)
        ek__free(it->btext[k].text);
    ek__free(it->btext);
    memset(it, 0, sizeof *it);
}

static int date_cmp(const void *a, const void *b)
{
    ek_date x = *(const ek_date *)a, y = *(const ek_date *)b;
    return x < y ? -1 : x > y;
}

/* Whether @s (@n bytes) is valid UTF-8 without control characters, '"' or '\\', and without anything
 * shaped like a personnummer. */
static int plain_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F)
            return 0;
        size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (k == 0 || k > n - i)
            return 0;
        unsigned long v = k == 1 ? c : k == 2 ? (c & 0x1Fu) : k == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t j = 1; j < k; j++) {
            if (((unsigned char)s[i + j] & 0xC0) != 0x80)
                return 0;
            v = (v << 6) | ((unsigned char)s[i + j] & 0x3Fu);
        }
        if ((k == 3 && v < 0x800) || (k == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        i += k;
    }
    char copy[512]; /* a text of ek_checklist_item_basis_on() into 512 bytes */
    if (n >= sizeof copy)
        return 0; /* not known: written the slow way */
    memcpy(copy, s, n);
    copy[n] = '\0';
    return ek_text_mask_pnr(copy) == 0;
}

/* Item @it's basis texts: the days where a reference starts or stops being valid cut time into
 * intervals; each gets the text of its first day. */
static int prepare_item(const ek_checklist *cl, size_t index)
{
    ek__item *it = &cl->items[index];
    for (size_t k = 0; k < it->nbtext; k++)
        ek__free(it->btext[k].text);
    ek__free(it->btext);
    it->btext = NULL;
    it->nbtext = 0;
    ek_date *cut = ek__calloc(2 * it->nbasis + 1, sizeof *cut);
    ek__btext *bt = ek__calloc(2 * it->nbasis + 1, sizeof *bt);
    if (!cut || !bt) {
        ek__free(cut);
        ek__free(bt);
        return ek__oom();
    }
    size_t nc = 0;
    for (size_t k = 0; k < it->nbasis; k++) {
        if (it->basis[k].from != EK_DATE_NONE)
            cut[nc++] = it->basis[k].from;
        if (it->basis[k].to != EK_DATE_NONE && it->basis[k].to < EK_DATE_MAX)
            cut[nc++] = it->basis[k].to + 1;
    }
    qsort(cut, nc, sizeof *cut, date_cmp);
    size_t u = 0; /* each day once */
    for (size_t k = 0; k < nc; k++)
        if (u == 0 || cut[u - 1] != cut[k])
            cut[u++] = cut[k];
    nc = u;
    size_t n = 0;
    for (size_t k = 0; k <= nc; k++) {
        /* interval 0: every day before the first cut (all days when there is none) */
        ek_date start = k == 0 ? EK_DATE_NONE : cut[k - 1];
        ek_date day = k == 0 ? (nc ? cut[0] - 1 : 0) : start;
        char buf[512];
        if (ek_checklist_item_basis_on(cl, index, day, buf, sizeof buf) != EK_OK)
            buf[0] = '\0'; /* as the evaluation gave it */
        size_t len = strlen(buf);
        char *t = ek__malloc(len + 1);
        if (!t) {
            for (size_t j = 0; j < n; j++)
                ek__free(bt[j].text);
            ek__free(bt);
            ek__free(cut);
            return ek__oom();
        }
        memcpy(t, buf, len + 1);
        bt[n].start = start;
        bt[n].text = t;
        bt[n].len = len;
        bt[n].plain = plain_text(t, len);
        n++;
    }
    ek__free(cut);
    it->btext = bt;
    it->nbtext = n;
    it->id_plain = it->id != NULL && plain_text(it->id, strlen(it->id));
    return EK_OK;
}

int ek__checklist_prepare(ek_checklist *cl)
{
    for (size_t i = 0; i < cl->nitems; i++) {
        int rc = prepare_item(cl, i);
        if (rc)
            return rc;
    }
    return EK_OK;
}

void ek_checklist_free(ek_checklist *cl)
{
    if (!cl)
        return;
    ek__free(cl->id);
    ek__free(cl->version);
    ek__free(cl->title);
    for (size_t i = 0; i < cl->nitems; i++)
        ek__checklist_free_item(&cl->items[i]);
    ek__free(cl->items);
    for (size_t i = 0; i < cl->nnodes; i++)
        free_node(&cl->nodes[i]);
    ek__free(cl->nodes);
    for (size_t i = 0; i < cl->ndefs; i++)
        ek__free(cl->defs[i].name);
    ek__free(cl->defs);
    ek__free(cl);
}

const char *ek_checklist_id(const ek_checklist *cl)
{
    return cl && cl->id ? cl->id : "";
}

const char *ek_checklist_version(const ek_checklist *cl)
{
    return cl && cl->version ? cl->version : "";
}

size_t ek_checklist_item_count(const ek_checklist *cl)
{
    return cl ? cl->nitems : 0;
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

int ek_checklist_item(const ek_checklist *cl, size_t index, ek_item_info *out)
{
    if (!cl || !out)
        return ek__error(EK_EINVAL, "ek_checklist_item: NULL argument");
    if (out->version != EK_ITEM_INFO_VERSION)
        return ek__error(EK_EVERSION, "ek_checklist_item: unknown struct version %u", out->version);
    if (index >= cl->nitems)
        return ek__error(EK_ERANGE, "ek_checklist_item: index %zu out of range (%zu items)", index, cl->nitems);
    const ek__item *it = &cl->items[index];
    out->id = it->id;
    out->title = _(nz(it->title));              /* translated (i18n.h) */
    out->description = _(nz(it->description));
    out->kind = it->kind;
    out->population = it->population;
    out->basis_count = it->nbasis;
    out->origin = nz(it->origin);
    out->seeds = nz(it->seeds);
    return EK_OK;
}

int ek_checklist_find(const ek_checklist *cl, const char *id, size_t *index)
{
    if (!cl || !id || !index)
        return ek__error(EK_EINVAL, "ek_checklist_find: NULL argument");
    for (size_t i = 0; i < cl->nitems; i++)
        if (strcmp(cl->items[i].id, id) == 0) {
            *index = i;
            return EK_OK;
        }
    return EK_ENOTFOUND;
}

int ek_checklist_item_basis(const ek_checklist *cl, size_t index, size_t k, ek_item_basis *out)
{
    if (!cl || !out)
        return ek__error(EK_EINVAL, "ek_checklist_item_basis: NULL argument");
    if (out->version != EK_ITEM_BASIS_VERSION)
        return ek__error(EK_EVERSION, "ek_checklist_item_basis: unknown struct version %u", out->version);
    if (index >= cl->nitems || k >= cl->items[index].nbasis)
        return ek__error(EK_ERANGE, "ek_checklist_item_basis: index out of range");
    const ek__basis *b = &cl->items[index].basis[k];
    out->reference = b->reference;
    out->valid_from = b->from;
    out->valid_to = b->to;
    out->certainty = nz(b->certainty);
    out->note = _(nz(b->note));
    return EK_OK;
}

int ek_checklist_item_basis_on(const ek_checklist *cl, size_t index, ek_date day, char *buf, size_t size)
{
    if (!cl || !buf || size == 0)
        return ek__error(EK_EINVAL, "ek_checklist_item_basis_on: NULL argument");
    if (index >= cl->nitems)
        return ek__error(EK_ERANGE, "ek_checklist_item_basis_on: index %zu out of range", index);
    const ek__item *it = &cl->items[index];
    size_t used = 0, found = 0;
    buf[0] = '\0';
    for (int pass = 0; pass < 2 && found == 0; pass++) {
        for (size_t k = 0; k < it->nbasis; k++) {
            const ek__basis *b = &it->basis[k];
            int valid = (b->from == EK_DATE_NONE || day == EK_DATE_NONE || b->from <= day) &&
                        (b->to == EK_DATE_NONE || day == EK_DATE_NONE || day <= b->to);
            if (pass == 0 && !valid)
                continue;
            /* what snprintf("%s%s") wrote, without its cost (issue 15: once per item and case) */
            const char *sep = found ? "; " : "";
            size_t ls = strlen(sep), lr = strlen(b->reference);
            if (ls + lr >= size - used) {
                size_t room = size - used - 1, a = ls < room ? ls : room;
                memcpy(buf + used, sep, a);
                memcpy(buf + used + a, b->reference, room - a);
                buf[used + room] = '\0';
                return ek__error(EK_ELIMIT, "ek_checklist_item_basis_on: buffer of %zu bytes too small", size);
            }
            memcpy(buf + used, sep, ls);
            memcpy(buf + used + ls, b->reference, lr + 1);
            used += ls + lr;
            found++;
        }
    }
    return EK_OK;
}

/* ---- delegation orders --------------------------------------------------------- */

typedef struct ek__dtype {
    char *type;
    char **roles;
    size_t nroles, cap;
} ek__dtype;

struct ek_delegation {
    char *kommun;
    ek__dtype *types;
    size_t ntypes, cap;
};

int ek_delegation_new(ek_delegation **out, const char *kommun)
{
    if (!out)
        return ek__error(EK_EINVAL, "ek_delegation_new: NULL argument");
    ek_delegation *d = ek__calloc(1, sizeof *d);
    if (!d)
        return ek__oom();
    if (kommun) {
        d->kommun = ek__strdup(kommun);
        if (!d->kommun) {
            ek__free(d);
            return ek__oom();
        }
    }
    *out = d;
    return EK_OK;
}

void ek_delegation_free(ek_delegation *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->ntypes; i++) {
        ek__free(d->types[i].type);
        free_strv(d->types[i].roles, d->types[i].nroles);
    }
    ek__free(d->types);
    ek__free(d->kommun);
    ek__free(d);
}

const char *ek_delegation_kommun(const ek_delegation *d)
{
    return d ? d->kommun : NULL;
}

static ek__dtype *find_type(const ek_delegation *d, const char *type)
{
    for (size_t i = 0; i < d->ntypes; i++)
        if (strcmp(d->types[i].type, type) == 0)
            return &d->types[i];
    return NULL;
}

static int add_type(ek_delegation *d, const char *type, ek__dtype **out)
{
    ek__dtype *t = find_type(d, type);
    if (!t) {
        int rc = EK__VEC_RESERVE(d->types, d->cap, d->ntypes + 1, 16);
        if (rc)
            return rc;
        char *copy = ek__strdup(type);
        if (!copy)
            return ek__oom();
        t = &d->types[d->ntypes++];
        memset(t, 0, sizeof *t);
        t->type = copy;
    }
    *out = t;
    return EK_OK;
}

int ek_delegation_add_type(ek_delegation *d, const char *decision_type)
{
    if (!d || !decision_type || !*decision_type)
        return ek__error(EK_EINVAL, "ek_delegation_add_type: NULL or empty argument");
    ek__dtype *t;
    return add_type(d, decision_type, &t);
}

int ek_delegation_allow(ek_delegation *d, const char *decision_type, const char *role)
{
    if (!d || !decision_type || !*decision_type || !role || !*role)
        return ek__error(EK_EINVAL, "ek_delegation_allow: NULL or empty argument");
    ek__dtype *t = find_type(d, decision_type);
    if (t)
        for (size_t j = 0; j < t->nroles; j++)
            if (strcmp(t->roles[j], role) == 0)
                return EK_OK;
    /* Reserve everything first so a failure changes nothing. */
    char *copy = ek__strdup(role);
    if (!copy)
        return ek__oom();
    int rc = add_type(d, decision_type, &t);
    if (rc == EK_OK)
        rc = EK__VEC_RESERVE(t->roles, t->cap, t->nroles + 1, 16);
    if (rc) {
        ek__free(copy);
        return rc;
    }
    t->roles[t->nroles++] = copy;
    return EK_OK;
}

int ek_delegation_check(const ek_delegation *d, const char *decision_type, const char *role, int *allowed)
{
    if (!d || !decision_type || !role || !allowed)
        return ek__error(EK_EINVAL, "ek_delegation_check: NULL argument");
    const ek__dtype *t = find_type(d, decision_type);
    if (!t)
        return EK_ENOTFOUND;
    *allowed = 0;
    for (size_t j = 0; j < t->nroles; j++)
        if (strcmp(t->roles[j], role) == 0)
            *allowed = 1;
    return EK_OK;
}

size_t ek_delegation_type_count(const ek_delegation *d)
{
    return d ? d->ntypes : 0;
}

int ek_delegation_type(const ek_delegation *d, size_t k, const char **type, size_t *role_count)
{
    if (!d || !type)
        return ek__error(EK_EINVAL, "ek_delegation_type: NULL argument");
    if (k >= d->ntypes)
        return ek__error(EK_ERANGE, "ek_delegation_type: index %zu out of range", k);
    *type = d->types[k].type;
    if (role_count)
        *role_count = d->types[k].nroles;
    return EK_OK;
}

int ek_delegation_role(const ek_delegation *d, size_t k, size_t j, const char **role)
{
    if (!d || !role)
        return ek__error(EK_EINVAL, "ek_delegation_role: NULL argument");
    if (k >= d->ntypes || j >= d->types[k].nroles)
        return ek__error(EK_ERANGE, "ek_delegation_role: index out of range");
    *role = d->types[k].roles[j];
    return EK_OK;
}

/* ---- sampling --------------------------------------------------------------------- */

uint64_t ek_sample_key(uint64_t seed, const char *case_id)
{
    uint64_t h = 14695981039346656037ULL;
    for (int i = 0; i < 8; i++) {
        h ^= (uint64_t)((seed >> (8 * i)) & 0xffu);
        h *= 1099511628211ULL;
    }
    if (case_id)
        for (const unsigned char *p = (const unsigned char *)case_id; *p; p++) {
            h ^= (uint64_t)*p;
            h *= 1099511628211ULL;
        }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

typedef struct sample_entry {
    uint64_t key;
    const char *id;
    const char *group;
    size_t index;
} sample_entry;

static int sample_cmp(const void *a, const void *b)
{
    const sample_entry *x = a, *y = b;
    int g = strcmp(x->group, y->group);
    if (g)
        return g;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->index < y->index ? -1 : (x->index > y->index);
}

int ek_sample_select(const char *const *ids, const char *const *groups, size_t count, size_t n,
                     uint64_t seed, unsigned char *selected)
{
    if ((!ids || !selected) && count > 0)
        return ek__error(EK_EINVAL, "ek_sample_select: NULL argument");
    if (count == 0)
        return EK_OK;
    sample_entry *e = ek__calloc(count, sizeof *e);
    if (!e)
        return ek__oom();
    for (size_t i = 0; i < count; i++) {
        if (!ids[i]) {
            ek__free(e);
            return ek__error(EK_EINVAL, "ek_sample_select: ids[%zu] is NULL", i);
        }
        e[i].id = ids[i];
        e[i].group = (groups && groups[i]) ? groups[i] : "";
        e[i].key = ek_sample_key(seed, ids[i]);
        e[i].index = i;
        selected[i] = 0;
    }
    qsort(e, count, sizeof *e, sample_cmp);
    size_t taken = 0;
    for (size_t i = 0; i < count; i++) {
        if (i == 0 || strcmp(e[i].group, e[i - 1].group) != 0)
            taken = 0;
        if (taken < n) {
            selected[e[i].index] = 1;
            taken++;
        }
    }
    ek__free(e);
    return EK_OK;
}

/* The periods of ek_sample_group(): 0 all, 1 year, 2 half, 3 quarter, 4 month; -1 another name. */
static int period_kind(const char *period)
{
    static const char *const kinds[] = { "all", "year", "half", "quarter", "month" };
    for (int k = 0; period && k < (int)(sizeof kinds / sizeof kinds[0]); k++)
        if (strcmp(period, kinds[k]) == 0)
            return k;
    return -1;
}

/* The label of date @d in period @kind (period_kind()) in @label (32 bytes: more than any int year takes;
 * the supported dates need at most 8). */
#define PERIOD_LABEL_SIZE 32
static void period_label(int kind, ek_date d, char label[PERIOD_LABEL_SIZE])
{
    int y, m, dd;
    label[0] = '\0';
    if (kind <= 0 || d == EK_DATE_NONE || ek_date_to_ymd(d, &y, &m, &dd) != EK_OK)
        return;
    if (kind == 1)
        snprintf(label, PERIOD_LABEL_SIZE, "%04d", y);
    else if (kind == 2)
        snprintf(label, PERIOD_LABEL_SIZE, "%04d-H%d", y, m <= 6 ? 1 : 2);
    else if (kind == 3)
        snprintf(label, PERIOD_LABEL_SIZE, "%04d-Q%d", y, (m - 1) / 3 + 1);
    else
        snprintf(label, PERIOD_LABEL_SIZE, "%04d-%02d", y, m);
}

int ek_sample_period_label(ek_date d, const char *period, char *buf, size_t size)
{
    if (!period || !buf || size == 0)
        return ek__error(EK_EINVAL, "ek_sample_period_label: NULL argument");
    int kind = period_kind(period);
    if (kind < 0)
        return ek__error(EK_EINVAL,
                         "ek_sample_period_label: period must be year, half, quarter, month or all, not \"%s\"",
                         period);
    char label[PERIOD_LABEL_SIZE];
    period_label(kind, d, label);
    size_t need = strlen(label) + 1;
    if (need > size)
        return ek__error(EK_ELIMIT, "ek_sample_period_label: buffer of %zu bytes too small (%zu needed)", size,
                         need);
    memcpy(buf, label, need);
    return EK_OK;
}

int ek_sample_group(const ek_case *c, const char *period, char *buf, size_t size)
{
    if (!c || !period || !buf || size == 0)
        return ek__error(EK_EINVAL, "ek_sample_group: NULL argument");
    int kind = period_kind(period);
    if (kind < 0)
        return ek__error(EK_EINVAL, "ek_sample_group: period must be year, half, quarter, month or all, not \"%s\"",
                         period);
    char label[PERIOD_LABEL_SIZE];
    size_t idx;
    ek_event_info info = EK_EVENT_INFO_INIT;
    ek_date first = EK_DATE_NONE;
    if (ek_case_event_count(c) > 0 && ek_case_event_in_date_order(c, 0, &idx) == EK_OK &&
        ek_case_event(c, idx, &info) == EK_OK)
        first = info.date;
    period_label(kind, first, label);
    const char *unit = ek_case_unit(c);
    if (!unit)
        unit = "";
    size_t need = strlen(unit) + 1 + strlen(label) + 1;
    if (need > size)
        return ek__error(EK_ELIMIT, "ek_sample_group: buffer of %zu bytes too small (%zu needed)", size, need);
    snprintf(buf, size, "%s|%s", unit, label);
    return EK_OK;
}
