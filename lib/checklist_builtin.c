/* SPDX-License-Identifier: MIT */
/*
 * The built-in checklist in the core, without JSON: ek__checklist_builtin is C data generated at
 * build time (checklist_builtin_data.c, written by lib/io/gen_checklist_builtin.c from the JSON text
 * of lib/io/checklist_builtin.c, parsed by the ordinary loader), and ek_checklist_new_builtin() hands
 * out an owned copy of it.  docs/HACKING.md, "Layers".
 */
#include <string.h>

#include "checklist_internal.h"

static int dup_str(const char *s, char **out)
{
    if (s == NULL)
        return EK_OK;
    *out = ek__strdup(s);
    return *out ? EK_OK : ek__oom();
}

/* A copy of @n elements of @elem bytes at @src (NULL stays NULL). */
static int dup_mem(const void *src, size_t n, size_t elem, void **out)
{
    if (src == NULL || n == 0)
        return EK_OK;
    *out = ek__malloc(n * elem);
    if (*out == NULL)
        return ek__oom();
    memcpy(*out, src, n * elem);
    return EK_OK;
}

static int dup_strv(char *const *v, size_t n, char ***out)
{
    if (v == NULL || n == 0)
        return EK_OK;
    *out = ek__calloc(n, sizeof **out);
    if (*out == NULL)
        return ek__oom();
    for (size_t i = 0; i < n; i++) {
        int rc = dup_str(v[i], &(*out)[i]);
        if (rc)
            return rc;
    }
    return EK_OK;
}

/* Deep copies: @d starts as a bitwise copy of its source with every pointer cleared, so that a
 * failure half-way leaves only owned pointers or NULL for ek_checklist_free(). */
static int copy_espec(ek__espec *d, const ek__espec *s)
{
    d->types = NULL;
    d->codes = NULL;
    int rc = dup_strv(s->types, s->ntypes, &d->types);
    if (rc == EK_OK)
        rc = dup_mem(s->codes, s->ntypes, sizeof *s->codes, (void **)&d->codes);
    return rc;
}

static int copy_node(ek__node *d, const ek__node *s)
{
    *d = *s;
    d->path = d->message = d->key = d->policy = d->item = NULL;
    d->kids = NULL;
    d->vals = NULL;
    d->same = NULL;
    d->rules = NULL;
    d->spec.types = d->from.types = d->to.types = NULL;
    d->spec.codes = d->from.codes = d->to.codes = NULL;
    int rc = EK_OK;
    if (rc == EK_OK)
        rc = dup_str(s->path, &d->path);
    if (rc == EK_OK)
        rc = dup_str(s->message, &d->message);
    if (rc == EK_OK)
        rc = dup_mem(s->kids, s->nkids, sizeof *s->kids, (void **)&d->kids);
    if (rc == EK_OK)
        rc = copy_espec(&d->spec, &s->spec);
    if (rc == EK_OK)
        rc = dup_str(s->key, &d->key);
    if (rc == EK_OK && s->vals != NULL && s->nvals > 0) {
        d->vals = ek__calloc(s->nvals, sizeof *d->vals);
        if (d->vals == NULL)
            rc = ek__oom();
        for (size_t i = 0; rc == EK_OK && i < s->nvals; i++) {
            d->vals[i] = s->vals[i];
            d->vals[i].string = NULL;
            rc = dup_str(s->vals[i].string, &d->vals[i].string);
        }
    }
    if (rc == EK_OK)
        rc = copy_espec(&d->from, &s->from);
    if (rc == EK_OK)
        rc = copy_espec(&d->to, &s->to);
    if (rc == EK_OK)
        rc = dup_str(s->policy, &d->policy);
    if (rc == EK_OK)
        rc = dup_strv(s->same, s->nsame, &d->same);
    if (rc == EK_OK)
        rc = dup_mem(s->rules, s->nrules, sizeof *s->rules, (void **)&d->rules);
    if (rc == EK_OK)
        rc = dup_str(s->item, &d->item);
    return rc;
}

static int copy_item(ek__item *d, const ek__item *s)
{
    *d = *s;
    d->id = d->title = d->description = d->origin = d->seeds = d->oq_message = NULL;
    d->basis = NULL;
    d->nbasis = 0;
    for (size_t k = 0; k < sizeof d->messages / sizeof d->messages[0]; k++)
        d->messages[k] = NULL;
    int rc = dup_str(s->id, &d->id);
    if (rc == EK_OK)
        rc = dup_str(s->title, &d->title);
    if (rc == EK_OK)
        rc = dup_str(s->description, &d->description);
    if (rc == EK_OK)
        rc = dup_str(s->origin, &d->origin);
    if (rc == EK_OK)
        rc = dup_str(s->seeds, &d->seeds);
    if (rc == EK_OK && s->basis != NULL && s->nbasis > 0) {
        d->basis = ek__calloc(s->nbasis, sizeof *d->basis);
        if (d->basis == NULL)
            rc = ek__oom();
        for (size_t k = 0; rc == EK_OK && k < s->nbasis; k++, d->nbasis++) {
            d->basis[k].from = s->basis[k].from;
            d->basis[k].to = s->basis[k].to;
            rc = dup_str(s->basis[k].reference, &d->basis[k].reference);
            if (rc == EK_OK)
                rc = dup_str(s->basis[k].certainty, &d->basis[k].certainty);
            if (rc == EK_OK)
                rc = dup_str(s->basis[k].note, &d->basis[k].note);
        }
    }
    if (rc == EK_OK)
        rc = dup_str(s->oq_message, &d->oq_message);
    for (size_t k = 0; rc == EK_OK && k < sizeof d->messages / sizeof d->messages[0]; k++)
        rc = dup_str(s->messages[k], &d->messages[k]);
    return rc;
}

static int copy_checklist(ek_checklist *d, const ek_checklist *s)
{
    int rc = dup_str(s->id, &d->id);
    if (rc == EK_OK)
        rc = dup_str(s->version, &d->version);
    if (rc == EK_OK)
        rc = dup_str(s->title, &d->title);
    if (rc == EK_OK && s->nitems > 0) {
        d->items = ek__calloc(s->nitems, sizeof *d->items);
        if (d->items == NULL)
            return ek__oom();
        d->items_cap = s->nitems;
        for (size_t i = 0; rc == EK_OK && i < s->nitems; i++, d->nitems++)
            rc = copy_item(&d->items[i], &s->items[i]);
    }
    if (rc == EK_OK && s->nnodes > 0) {
        d->nodes = ek__calloc(s->nnodes, sizeof *d->nodes);
        if (d->nodes == NULL)
            return ek__oom();
        d->nodes_cap = s->nnodes;
        for (size_t i = 0; rc == EK_OK && i < s->nnodes; i++, d->nnodes++)
            rc = copy_node(&d->nodes[i], &s->nodes[i]);
    }
    if (rc == EK_OK && s->ndefs > 0) {
        d->defs = ek__calloc(s->ndefs, sizeof *d->defs);
        if (d->defs == NULL)
            return ek__oom();
        d->defs_cap = s->ndefs;
        for (size_t i = 0; rc == EK_OK && i < s->ndefs; i++, d->ndefs++) {
            d->defs[i].node = s->defs[i].node;
            rc = dup_str(s->defs[i].name, &d->defs[i].name);
        }
    }
    return rc;
}

int ek_checklist_new_builtin(ek_checklist **out)
{
    if (!out)
        return ek__error(EK_EINVAL, "ek_checklist_new_builtin: NULL argument");
    ek_checklist *cl = NULL;
    int rc = ek__checklist_alloc(&cl);
    if (rc)
        return rc;
    rc = copy_checklist(cl, &ek__checklist_builtin);
    if (rc == EK_OK)
        rc = ek__checklist_prepare(cl);
    if (rc) {
        ek_checklist_free(cl);
        return rc;
    }
    *out = cl;
    return EK_OK;
}
