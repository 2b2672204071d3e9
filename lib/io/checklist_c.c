/* SPDX-License-Identifier: MIT */
/*
 * A loaded checklist (checklist_internal.h) written as C: static initialisers of
 * `ek__checklist_builtin` (gen_checklist_builtin.c, the build tool that makes the core's built-in
 * checklist), and the text the tests compare (test_checklist_builtin.c).  Not part of the library.
 *
 * Each struct is written from a table of its fields (what stands before the value, how the value is
 * written, where it is); arrays are one field kind with the element's writer.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "checklist_c.h"

/* ---- values --------------------------------------------------------------------------------- */

/* Writes the value at @p (a field of the struct, or an array element). */
typedef void value_fn(FILE *out, const void *p);

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

static void v_str(FILE *out, const void *p) { str(out, *(char *const *)p); }

/* A node or definition index, or EK__NONE. */
static void v_index(FILE *out, const void *p)
{
    size_t v = *(const size_t *)p;
    if (v == EK__NONE)
        fputs("EK__NONE", out);
    else
        fprintf(out, "%zu", v);
}

/* An element count. */
static void v_count(FILE *out, const void *p) { fprintf(out, "%zu", *(const size_t *)p); }

static void v_int(FILE *out, const void *p) { fprintf(out, "%d", *(const int *)p); }

static void v_flag(FILE *out, const void *p) { fprintf(out, "%uu", *(const unsigned int *)p); }

static void v_date(FILE *out, const void *p)
{
    ek_date d = *(const ek_date *)p;
    if (d == EK_DATE_NONE)
        fputs("EK_DATE_NONE", out);
    else
        fprintf(out, "%" PRId64, (int64_t)d);
}

static void v_period(FILE *out, const void *p)
{
    const ek_period *d = p;
    fprintf(out, "{ %" PRId32 ", (ek_period_unit)%d }", (int32_t)d->n, (int)d->unit);
}

/* An enumeration constant as a cast number: "(ek__op)3". */
#define ENUM_VALUE(type) \
    static void v_##type(FILE *out, const void *p) { fprintf(out, "(" #type ")%d", (int)*(const type *)p); }
ENUM_VALUE(ek__op)
ENUM_VALUE(ek__quant)
ENUM_VALUE(ek__cmp)
ENUM_VALUE(ek__judge)
ENUM_VALUE(ek__require)
ENUM_VALUE(ek_truth)
ENUM_VALUE(ek_attr_kind)
ENUM_VALUE(ek_event_type)
ENUM_VALUE(ek_rule_id)
ENUM_VALUE(ek_item_kind)
ENUM_VALUE(ek_item_population)
ENUM_VALUE(ek_result)

/* ---- structs: one table each ---------------------------------------------------------------- */

typedef struct field {
    const char *before;   /* written before the value: separator and designator */
    value_fn *value;      /* the value, or (an array) each element */
    size_t off;           /* where the value (an array: its pointer) is in the struct */
    /* arrays: the pointer at off, count elements of elem bytes; NULL (the text) when empty */
    const char *open;     /* NULL: not an array; else the compound literal's start, "(size_t[]){ " */
    size_t count_off;
    size_t elem;
    const char *after;    /* after each element */
    const char *close;    /* after the last */
} field;

#define SCALAR(before, fn, type, member) { before, fn, offsetof(type, member), NULL, 0, 0, NULL, NULL }
#define ARRAY(before, fn, type, member, count, open, after, close) \
    { before, fn, offsetof(type, member), open, offsetof(type, count), sizeof *((type *)0)->member, after, close }
#define FIELDS(t) t, sizeof t / sizeof t[0]

/* The pointer (to the first element of an array) in the struct at @obj, at @off. */
static const char *pointer_at(const void *obj, size_t off)
{
    const void *v;
    memcpy(&v, (const char *)obj + off, sizeof v);
    return v;
}

/* The count (size_t) in the struct at @obj, at @off. */
static size_t count_at(const void *obj, size_t off)
{
    size_t n;
    memcpy(&n, (const char *)obj + off, sizeof n);
    return n;
}

/* The fields @f[0..@n) of the struct at @obj, then @end. */
static void fields(FILE *out, const field *f, size_t n, const void *obj, const char *end)
{
    const char *base = obj;
    for (size_t i = 0; i < n; i++) {
        fputs(f[i].before, out);
        if (f[i].open == NULL) {
            f[i].value(out, base + f[i].off);
            continue;
        }
        const char *v = pointer_at(obj, f[i].off);
        size_t count = count_at(obj, f[i].count_off);
        if (v == NULL || count == 0) {
            fputs("NULL", out);
            continue;
        }
        fputs(f[i].open, out);
        for (size_t k = 0; k < count; k++) {
            f[i].value(out, v + k * f[i].elem);
            fputs(f[i].after, out);
        }
        fputs(f[i].close, out);
    }
    fputs(end, out);
}

static const field espec_fields[] = {
    ARRAY("{ .types = ", v_str, ek__espec, types, ntypes, "(char *[]){ ", ", ", "}"),
    ARRAY(", .codes = ", v_ek_event_type, ek__espec, codes, ntypes, "(ek_event_type[]){ ", ", ", "}"),
    SCALAR(", .ntypes = ", v_count, ek__espec, ntypes),
    SCALAR(", .where = ", v_index, ek__espec, where),
    SCALAR(", .date_from = ", v_date, ek__espec, date_from),
    SCALAR(", .date_to = ", v_date, ek__espec, date_to),
};

static void v_espec(FILE *out, const void *p) { fields(out, FIELDS(espec_fields), p, " }"); }

static const field aval_fields[] = {
    SCALAR("{ .kind = ", v_ek_attr_kind, ek__aval, kind),
    SCALAR(", .string = ", v_str, ek__aval, string),
    SCALAR(", .boolean = ", v_int, ek__aval, boolean),
    SCALAR(", .date = ", v_date, ek__aval, date),
};

static void v_aval(FILE *out, const void *p) { fields(out, FIELDS(aval_fields), p, " }"); }

static const field node_fields[] = {
    SCALAR("    { .op = ", v_ek__op, ek__node, op),
    SCALAR(", .path = ", v_str, ek__node, path),
    SCALAR(", .message = ", v_str, ek__node, message),
    ARRAY(",\n      .kids = ", v_index, ek__node, kids, nkids, "(size_t[]){ ", ", ", "}"),
    SCALAR(", .nkids = ", v_count, ek__node, nkids),
    SCALAR(", .value = ", v_ek_truth, ek__node, value),
    SCALAR(",\n      .spec = ", v_espec, ek__node, spec),
    SCALAR(",\n      .quant = ", v_ek__quant, ek__node, quant),
    SCALAR(", .key = ", v_str, ek__node, key),
    SCALAR(", .cmp = ", v_ek__cmp, ek__node, cmp),
    ARRAY(", .vals = ", v_aval, ek__node, vals, nvals, "(ek__aval[]){ ", ", ", "}"),
    SCALAR(", .nvals = ", v_count, ek__node, nvals),
    SCALAR(", .missing = ", v_ek_truth, ek__node, missing),
    SCALAR(",\n      .from = ", v_espec, ek__node, from),
    SCALAR(",\n      .to = ", v_espec, ek__node, to),
    SCALAR(",\n      .has_period = ", v_int, ek__node, has_period),
    SCALAR(", .period = ", v_period, ek__node, period),
    SCALAR(", .policy = ", v_str, ek__node, policy),
    SCALAR(", .judge = ", v_ek__judge, ek__node, judge),
    ARRAY(", .same = ", v_str, ek__node, same, nsame, "(char *[]){ ", ", ", "}"),
    SCALAR(", .nsame = ", v_count, ek__node, nsame),
    ARRAY(", .rules = ", v_ek_rule_id, ek__node, rules, nrules, "(ek_rule_id[]){ ", ", ", "}"),
    SCALAR(", .nrules = ", v_count, ek__node, nrules),
    SCALAR(", .require = ", v_ek__require, ek__node, require),
    SCALAR(", .flag = ", v_flag, ek__node, flag),
    SCALAR(", .item = ", v_str, ek__node, item),
    SCALAR(", .age_min = ", v_int, ek__node, age_min),
    SCALAR(", .age_under = ", v_int, ek__node, age_under),
    SCALAR(", .def = ", v_index, ek__node, def),
};

static void v_node(FILE *out, const void *p) { fields(out, FIELDS(node_fields), p, " },\n"); }

static const field basis_fields[] = {
    SCALAR("        { .reference = ", v_str, ek__basis, reference),
    SCALAR(", .from = ", v_date, ek__basis, from),
    SCALAR(", .to = ", v_date, ek__basis, to),
    SCALAR(", .certainty = ", v_str, ek__basis, certainty),
    SCALAR(", .note = ", v_str, ek__basis, note),
};

static void v_basis(FILE *out, const void *p) { fields(out, FIELDS(basis_fields), p, " }"); }

/* An item's fixed array of messages, one per result. */
static void v_messages(FILE *out, const void *p)
{
    char *const *m = p;
    fputs("{ ", out);
    for (size_t k = 0; k < sizeof ((const ek__item *)0)->messages / sizeof *m; k++) {
        str(out, m[k]);
        fputs(", ", out);
    }
    fputs("}", out);
}

static const field item_fields[] = {
    SCALAR("    { .id = ", v_str, ek__item, id),
    SCALAR(", .title = ", v_str, ek__item, title),
    SCALAR(",\n      .description = ", v_str, ek__item, description),
    SCALAR(",\n      .origin = ", v_str, ek__item, origin),
    SCALAR(", .seeds = ", v_str, ek__item, seeds),
    SCALAR(", .kind = ", v_ek_item_kind, ek__item, kind),
    SCALAR(", .population = ", v_ek_item_population, ek__item, population),
    ARRAY(",\n      .basis = ", v_basis, ek__item, basis, nbasis, "(ek__basis[]){\n", ",\n", "      }"),
    SCALAR(", .nbasis = ", v_count, ek__item, nbasis),
    SCALAR(",\n      .applies = ", v_index, ek__item, applies),
    SCALAR(", .exclude = ", v_index, ek__item, exclude),
    SCALAR(", .criterion = ", v_index, ek__item, criterion),
    SCALAR(", .exception = ", v_index, ek__item, exception),
    SCALAR(", .oq_when = ", v_index, ek__item, oq_when),
    SCALAR(", .oq_result = ", v_ek_result, ek__item, oq_result),
    SCALAR(", .oq_message = ", v_str, ek__item, oq_message),
    SCALAR(",\n      .messages = ", v_messages, ek__item, messages),
};

static void v_item(FILE *out, const void *p) { fields(out, FIELDS(item_fields), p, " },\n"); }

static const field def_fields[] = {
    SCALAR("    { ", v_str, ek__def, name),
    SCALAR(", ", v_index, ek__def, node),
};

static void v_def(FILE *out, const void *p) { fields(out, FIELDS(def_fields), p, " },\n"); }

static const field checklist_fields[] = {
    SCALAR("const ek_checklist ek__checklist_builtin = {\n    .id = ", v_str, ek_checklist, id),
    SCALAR(", .version = ", v_str, ek_checklist, version),
    SCALAR(", .title = ", v_str, ek_checklist, title),
    SCALAR(",\n    .items = (ek__item *)items, .nitems = ", v_count, ek_checklist, nitems),
    SCALAR(",\n    .nodes = (ek__node *)nodes, .nnodes = ", v_count, ek_checklist, nnodes),
    SCALAR(",\n    .defs = (ek__def *)defs, .ndefs = ", v_count, ek_checklist, ndefs),
};

/* ---- the file ------------------------------------------------------------------------------- */

/* The checklist's three arrays, each a static array of the generated file. */
static const struct {
    const char *type, *name;
    value_fn *value;
    size_t off, count_off, elem;
} arrays[] = {
    { "ek__node", "nodes", v_node, offsetof(ek_checklist, nodes), offsetof(ek_checklist, nnodes), sizeof(ek__node) },
    { "ek__item", "items", v_item, offsetof(ek_checklist, items), offsetof(ek_checklist, nitems), sizeof(ek__item) },
    { "ek__def", "defs", v_def, offsetof(ek_checklist, defs), offsetof(ek_checklist, ndefs), sizeof(ek__def) },
};

void ek__checklist_write_c(FILE *out, const ek_checklist *cl)
{
    fputs("/* Generated by lib/io/gen_checklist_builtin.c from lib/io/checklist_builtin.c: do not edit. */\n"
          "#include \"checklist_internal.h\"\n\n",
          out);
    for (size_t a = 0; a < sizeof arrays / sizeof arrays[0]; a++) {
        const char *v = pointer_at(cl, arrays[a].off);
        size_t count = count_at(cl, arrays[a].count_off);
        fprintf(out, "static const %s %s[%zu] = {\n", arrays[a].type, arrays[a].name, count ? count : 1);
        for (size_t k = 0; k < count; k++)
            arrays[a].value(out, v + k * arrays[a].elem);
        fputs("};\n\n", out);
    }
    fields(out, FIELDS(checklist_fields), cl, ",\n};\n");
}
