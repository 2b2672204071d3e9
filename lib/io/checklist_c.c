/* SPDX-License-Identifier: MIT */
/*
 * A loaded checklist (checklist_internal.h) written as C: static initialisers of
 * `ek__checklist_builtin` (gen_checklist_builtin.c, the build tool that makes the core's built-in
 * checklist), and the text the tests compare (test_checklist_builtin.c).  Not part of the library.
 */
#include <inttypes.h>
#include <stdio.h>

#include "checklist_c.h"

static void str(FILE *out, const char *s)
{
    if (s == NULL) {
        fputs("NULL", out);
        return;
    }
    fputs("(char *)\"", out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p >= 0x20 && *p < 0x7f && *p != '?')  /* '?': no trigraphs */
            fputc(*p, out);
        else
            fprintf(out, "\\%03o", *p);
    }
    fputc('"', out);
}

static void size(FILE *out, size_t v)
{
    if (v == EK__NONE)
        fputs("EK__NONE", out);
    else
        fprintf(out, "%zu", v);
}

static void date(FILE *out, ek_date d)
{
    if (d == EK_DATE_NONE)
        fputs("EK_DATE_NONE", out);
    else
        fprintf(out, "%" PRId64, (int64_t)d);
}

static void strv(FILE *out, char *const *v, size_t n)
{
    if (v == NULL || n == 0) {
        fputs("NULL", out);
        return;
    }
    fputs("(char *[]){ ", out);
    for (size_t i = 0; i < n; i++) {
        str(out, v[i]);
        fputs(", ", out);
    }
    fputs("}", out);
}

static void espec(FILE *out, const ek__espec *s)
{
    fputs("{ .types = ", out);
    strv(out, s->types, s->ntypes);
    fputs(", .codes = ", out);
    if (s->codes == NULL || s->ntypes == 0) {
        fputs("NULL", out);
    } else {
        fputs("(ek_event_type[]){ ", out);
        for (size_t i = 0; i < s->ntypes; i++)
            fprintf(out, "(ek_event_type)%d, ", (int)s->codes[i]);
        fputs("}", out);
    }
    fprintf(out, ", .ntypes = %zu, .where = ", s->ntypes);
    size(out, s->where);
    fputs(", .date_from = ", out);
    date(out, s->date_from);
    fputs(", .date_to = ", out);
    date(out, s->date_to);
    fputs(" }", out);
}

static void node(FILE *out, const ek__node *n)
{
    fprintf(out, "    { .op = (ek__op)%d, .path = ", (int)n->op);
    str(out, n->path);
    fputs(", .message = ", out);
    str(out, n->message);
    fputs(",\n      .kids = ", out);
    if (n->kids == NULL || n->nkids == 0) {
        fputs("NULL", out);
    } else {
        fputs("(size_t[]){ ", out);
        for (size_t i = 0; i < n->nkids; i++) {
            size(out, n->kids[i]);
            fputs(", ", out);
        }
        fputs("}", out);
    }
    fprintf(out, ", .nkids = %zu, .value = (ek_truth)%d,\n      .spec = ", n->nkids, (int)n->value);
    espec(out, &n->spec);
    fprintf(out, ",\n      .quant = (ek__quant)%d, .key = ", (int)n->quant);
    str(out, n->key);
    fprintf(out, ", .cmp = (ek__cmp)%d, .vals = ", (int)n->cmp);
    if (n->vals == NULL || n->nvals == 0) {
        fputs("NULL", out);
    } else {
        fputs("(ek__aval[]){ ", out);
        for (size_t i = 0; i < n->nvals; i++) {
            fprintf(out, "{ .kind = (ek_attr_kind)%d, .string = ", (int)n->vals[i].kind);
            str(out, n->vals[i].string);
            fprintf(out, ", .boolean = %d, .date = ", n->vals[i].boolean);
            date(out, n->vals[i].date);
            fputs(" }, ", out);
        }
        fputs("}", out);
    }
    fprintf(out, ", .nvals = %zu, .missing = (ek_truth)%d,\n      .from = ", n->nvals, (int)n->missing);
    espec(out, &n->from);
    fputs(",\n      .to = ", out);
    espec(out, &n->to);
    fprintf(out, ",\n      .has_period = %d, .period = { %" PRId32 ", (ek_period_unit)%d }, .policy = ", n->has_period,
            (int32_t)n->period.n, (int)n->period.unit);
    str(out, n->policy);
    fprintf(out, ", .judge = (ek__judge)%d, .same = ", (int)n->judge);
    strv(out, n->same, n->nsame);
    fprintf(out, ", .nsame = %zu, .rules = ", n->nsame);
    if (n->rules == NULL || n->nrules == 0) {
        fputs("NULL", out);
    } else {
        fputs("(ek_rule_id[]){ ", out);
        for (size_t i = 0; i < n->nrules; i++)
            fprintf(out, "(ek_rule_id)%d, ", (int)n->rules[i]);
        fputs("}", out);
    }
    fprintf(out, ", .nrules = %zu, .require = (ek__require)%d, .flag = %uu, .item = ", n->nrules, (int)n->require,
            n->flag);
    str(out, n->item);
    fprintf(out, ", .age_min = %d, .age_under = %d, .def = ", n->age_min, n->age_under);
    size(out, n->def);
    fputs(" },\n", out);
}

static void item(FILE *out, const ek__item *it)
{
    fputs("    { .id = ", out);
    str(out, it->id);
    fputs(", .title = ", out);
    str(out, it->title);
    fputs(",\n      .description = ", out);
    str(out, it->description);
    fputs(",\n      .origin = ", out);
    str(out, it->origin);
    fputs(", .seeds = ", out);
    str(out, it->seeds);
    fprintf(out, ", .kind = (ek_item_kind)%d, .population = (ek_item_population)%d,\n      .basis = ", (int)it->kind,
            (int)it->population);
    if (it->basis == NULL || it->nbasis == 0) {
        fputs("NULL", out);
    } else {
        fputs("(ek__basis[]){\n", out);
        for (size_t k = 0; k < it->nbasis; k++) {
            fputs("        { .reference = ", out);
            str(out, it->basis[k].reference);
            fputs(", .from = ", out);
            date(out, it->basis[k].from);
            fputs(", .to = ", out);
            date(out, it->basis[k].to);
            fputs(", .certainty = ", out);
            str(out, it->basis[k].certainty);
            fputs(", .note = ", out);
            str(out, it->basis[k].note);
            fputs(" },\n", out);
        }
        fputs("      }", out);
    }
    fprintf(out, ", .nbasis = %zu,\n      .applies = ", it->nbasis);
    size(out, it->applies);
    fputs(", .exclude = ", out);
    size(out, it->exclude);
    fputs(", .criterion = ", out);
    size(out, it->criterion);
    fputs(", .exception = ", out);
    size(out, it->exception);
    fputs(", .oq_when = ", out);
    size(out, it->oq_when);
    fprintf(out, ", .oq_result = (ek_result)%d, .oq_message = ", (int)it->oq_result);
    str(out, it->oq_message);
    fputs(",\n      .messages = { ", out);
    for (size_t k = 0; k < sizeof it->messages / sizeof it->messages[0]; k++) {
        str(out, it->messages[k]);
        fputs(", ", out);
    }
    fputs("} },\n", out);
}

void ek__checklist_write_c(FILE *out, const ek_checklist *cl)
{
    fputs("/* Generated by lib/io/gen_checklist_builtin.c from lib/io/checklist_builtin.c: do not edit. */\n"
          "#include \"checklist_internal.h\"\n\n",
          out);
    fprintf(out, "static const ek__node nodes[%zu] = {\n", cl->nnodes ? cl->nnodes : 1);
    for (size_t i = 0; i < cl->nnodes; i++)
        node(out, &cl->nodes[i]);
    fputs("};\n\n", out);
    fprintf(out, "static const ek__item items[%zu] = {\n", cl->nitems ? cl->nitems : 1);
    for (size_t i = 0; i < cl->nitems; i++)
        item(out, &cl->items[i]);
    fputs("};\n\n", out);
    fprintf(out, "static const ek__def defs[%zu] = {\n", cl->ndefs ? cl->ndefs : 1);
    for (size_t i = 0; i < cl->ndefs; i++) {
        fputs("    { ", out);
        str(out, cl->defs[i].name);
        fputs(", ", out);
        size(out, cl->defs[i].node);
        fputs(" },\n", out);
    }
    fputs("};\n\n", out);
    fputs("const ek_checklist ek__checklist_builtin = {\n    .id = ", out);
    str(out, cl->id);
    fputs(", .version = ", out);
    str(out, cl->version);
    fputs(", .title = ", out);
    str(out, cl->title);
    fprintf(out, ",\n    .items = (ek__item *)items, .nitems = %zu,\n", cl->nitems);
    fprintf(out, "    .nodes = (ek__node *)nodes, .nnodes = %zu,\n", cl->nnodes);
    fprintf(out, "    .defs = (ek__def *)defs, .ndefs = %zu,\n};\n", cl->ndefs);
}
