/* SPDX-License-Identifier: MIT */
/* Helpers shared by the subcommands of the egenkontroll tool. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"

const char *ek_tool_language(void)
{
    /* main() always sets LANGUAGE to the language it chose (set_language()). */
    const char *lang = getenv("LANGUAGE");
    return lang != NULL && strcmp(lang, "en") == 0 ? "en" : "sv";
}

int ek_tool_context_new(ek_context **out)
{
    int rc = ek_context_new(out);
    if (rc == EK_OK && (rc = ek_context_set_language(*out, ek_tool_language())) != EK_OK) {
        ek_context_free(*out);
        *out = NULL;
    }
    return rc;
}

ek_date ek_tool_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    ek_date d = EK_DATE_NONE;
    if (localtime_r(&t, &tm) != NULL && ek_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d) != EK_OK)
        d = EK_DATE_NONE;
    return d;
}

const char *ek_tool_date_str(ek_date d, char *buf)
{
    if (d == EK_DATE_NONE || ek_date_format(d, buf, EK_DATE_BUFSIZE) != EK_OK)
        return "-";
    return buf;
}

size_t ek_tool_ulen(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

const char *ek_tool_safe(const char *s, char *buf, size_t size)
{
    size_t n = ek_text_safe(s, EK_TEXT_LINE, buf, size);
    if (n >= size) { /* cut: ek_text_safe never splits a character or an escape */
        size_t len = strlen(buf);
        while (len > 0 && len + sizeof "…" > size) {
            len--;
            while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
                len--;
        }
        memcpy(buf + len, "…", sizeof "…");
    }
    return buf;
}

const char *ek_tool_safe_whole(const char *s, char *small, size_t size, char **owned)
{
    *owned = NULL;
    if (ek_text_safe(s, EK_TEXT_LINE, small, size) < size)
        return small;
    if (ek_text_safe_dup(s, EK_TEXT_LINE, owned) == EK_OK)
        return *owned;
    return ek_tool_safe(s, small, size);
}

void ek_tool_fputs_safe(const char *s, FILE *f)
{
    char small[512], *p;
    fputs(ek_tool_safe_whole(s, small, sizeof small, &p), f);
    ek_free(p);
}

/* ---- reviewers' answers (--answers FILE, repeatable) -------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int ek_tool_answers_load(const char *cmd, const char *const *paths, size_t n, ek_answers **out)
{
    *out = NULL;
    if (n == 0)
        return EK_EXIT_OK;
    for (size_t i = 0; i < n; i++)
        if (ends_with(paths[i], ".xlsx")) {
            ek_tool_error("%s: --answers: \"%s\" is an xlsx workbook; save it as a granskning-1 file first: "
                          "python3 -m egenkontroll.review --from-xlsx \"%s\" -o answers.jsonl", cmd, paths[i],
                          paths[i]);
            return EK_EXIT_USAGE;
        }
    if (ek_answers_new(out) != EK_OK) {
        ek_tool_error("%s: out of memory", cmd);
        return EK_EXIT_FAILURE;
    }
    int status = EK_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        int rc = ek_answers_read_json(*out, paths[i], NULL);
        if (rc == EK_ENOMEM) {
            ek_tool_error("%s: out of memory", cmd);
            return EK_EXIT_FAILURE;
        }
        if (rc != EK_OK) {
            ek_tool_error("%s: --answers: %s", cmd, EK_TOOL_LAST_ERROR());
            status = EK_EXIT_INPUT;
        }
    }
    return status;
}

int ek_tool_answers_notes(const char *cmd, const ek_answers *a, size_t *printed)
{
    int status = EK_EXIT_OK;
    size_t n = ek_answers_note_count(a);
    for (size_t k = *printed; k < n; k++) {
        const ek_error *e = ek_answers_note(a, k);
        if (e->status == EK_ECONFLICT)
            ek_tool_error("%s: --answers: warning: %s", cmd, EK_TOOL_ERROR_TEXT(e));
        else {
            ek_tool_error("%s: --answers: %s", cmd, EK_TOOL_ERROR_TEXT(e));
            status = EK_EXIT_INPUT;
        }
    }
    *printed = n;
    return status;
}

int ek_tool_warning_shown(const char *w)
{
    return strstr(w, "unknown event type") != NULL || strstr(w, "no \"format\" key") != NULL;
}

void ek_tool_case_warning(const char *cmd, const char *file, unsigned long line, const char *w, const char *id,
                          size_t *count)
{
    if ((*count)++ < EK_TOOL_MAX_WARNINGS)
        ek_tool_error("%s: %s:%lu: warning: %s (case %s)", cmd, strcmp(file, "-") == 0 ? "<stdin>" : file, line, w,
                      id);
}

void ek_tool_case_warnings(const char *cmd, const char *file, unsigned long line, const ek_case *c, size_t *count)
{
    for (size_t k = 0; k < ek_case_warning_count(c); k++)
        if (ek_tool_warning_shown(ek_case_warning(c, k)))
            ek_tool_case_warning(cmd, file, line, ek_case_warning(c, k), ek_case_id(c), count);
}

void ek_tool_warnings_done(const char *cmd, const char *file, size_t count)
{
    if (count > EK_TOOL_MAX_WARNINGS)
        ek_tool_error("%s: %s: %zu more warnings", cmd, strcmp(file, "-") == 0 ? "<stdin>" : file,
                      count - EK_TOOL_MAX_WARNINGS);
}

void ek_tool_warn_repeated_files(const char *cmd, char *const *files, int n)
{
    for (int i = 0; i < n; i++) {
        struct stat si;
        int has_i = strcmp(files[i], "-") != 0 && stat(files[i], &si) == 0;
        for (int j = 0; j < i; j++) {
            struct stat sj;
            int same = strcmp(files[i], files[j]) == 0;
            if (!same && has_i && strcmp(files[j], "-") != 0 && stat(files[j], &sj) == 0)
                same = si.st_dev == sj.st_dev && si.st_ino == sj.st_ino;
            if (same) {
                ek_tool_error("%s: warning: %s is the same file as %s, given before: its records are read twice",
                              cmd, files[i], files[j]);
                break;
            }
        }
    }
}

/* ---- the reproducible sample of check and review (two passes over the files) ---------------- */

void ek_tool_sample_free(ek_tool_sample *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->ids[i]);
        free(s->groups[i]);
    }
    free(s->ids);
    free(s->groups);
    free(s->selected);
    memset(s, 0, sizeof *s);
}

static char *tool_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* The date of the case's first event in date order, or EK_DATE_NONE. */
ek_date ek_tool_case_date(const ek_case *c)
{
    size_t idx;
    ek_event_info info = EK_EVENT_INFO_INIT;
    if (ek_case_event_count(c) == 0 || ek_case_event_in_date_order(c, 0, &idx) != EK_OK ||
        ek_case_event(c, idx, &info) != EK_OK)
        return EK_DATE_NONE;
    return info.date;
}

int ek_tool_case_wanted(const ek_case *c, const char *unit, ek_date from, ek_date to)
{
    const char *u = ek_case_unit(c);
    if (unit && strcmp(u ? u : "", unit) != 0)
        return 0;
    if (from == EK_DATE_NONE && to == EK_DATE_NONE)
        return 1;
    ek_date d = ek_tool_case_date(c);
    return d != EK_DATE_NONE && (from == EK_DATE_NONE || d >= from) && (to == EK_DATE_NONE || d <= to);
}

int ek_tool_sample_draw(ek_tool_sample *s, char *const *files, int nfiles, const char *period, size_t n,
                        uint64_t seed, const char *unit, ek_date from, ek_date to)
{
    memset(s, 0, sizeof *s);
    ek_case *c = NULL;
    if (ek_case_new(&c, "-") != EK_OK)
        return EK_ENOMEM;
    int rc = EK_OK;
    for (int f = 0; f < nfiles && rc == EK_OK; f++) {
        ek_case_reader *rd = NULL;
        if (ek_case_reader_open(&rd, files[f]) != EK_OK)
            continue; /* reported in pass 2 */
        int r;
        while ((r = ek_case_reader_next(rd, c)) != 0) {
            if (r < 0) {
                if (r == EK_ENOMEM)
                    rc = EK_ENOMEM;
                if (r == EK_ENOMEM || r == EK_EIO)
                    break;
                continue;
            }
            if (s->n == s->cap) {
                size_t cap = s->cap ? s->cap * 2 : 256;
                char **a = realloc(s->ids, cap * sizeof *a);
                if (a)
                    s->ids = a;
                char **g = realloc(s->groups, cap * sizeof *g);
                if (g)
                    s->groups = g;
                if (!a || !g) {
                    rc = EK_ENOMEM;
                    break;
                }
                s->cap = cap;
            }
            const char *u = ek_case_unit(c);
            size_t gsize = (u ? strlen(u) : 0) + 32;
            char *grp = NULL, *id = tool_strdup(ek_case_id(c));
            /* Cases outside --unit / --from / --to are not in the population: group NULL. */
            if (ek_tool_case_wanted(c, unit, from, to)) {
                grp = malloc(gsize);
                if (grp && ek_sample_group(c, period, grp, gsize) != EK_OK) {
                    free(grp);
                    grp = NULL;
                    free(id);
                    id = NULL;
                }
                if (!grp) {
                    free(id);
                    id = NULL;
                }
            }
            if (!id) {
                rc = EK_ENOMEM;
                break;
            }
            s->ids[s->n] = id;
            s->groups[s->n] = grp;
            s->n++;
        }
        ek_case_reader_free(rd);
    }
    ek_case_free(c);
    if (rc == EK_OK) {
        s->selected = calloc(s->n ? s->n : 1, 1);
        const char **ids = calloc(s->n ? s->n : 1, sizeof *ids), **groups = calloc(s->n ? s->n : 1, sizeof *groups);
        size_t *map = calloc(s->n ? s->n : 1, sizeof *map);
        unsigned char *sel = calloc(s->n ? s->n : 1, 1);
        size_t m = 0;
        if (!s->selected || !ids || !groups || !map || !sel)
            rc = EK_ENOMEM;
        for (size_t i = 0; rc == EK_OK && i < s->n; i++)
            if (s->groups[i]) {
                ids[m] = s->ids[i];
                groups[m] = s->groups[i];
                map[m++] = i;
            }
        if (rc == EK_OK && (rc = ek_sample_select(ids, groups, m, n, seed, sel)) == EK_OK)
            for (size_t k = 0; k < m; k++)
                s->selected[map[k]] = sel[k];
        s->population = m;
        free(ids);
        free(groups);
        free(map);
        free(sel);
    }
    if (rc != EK_OK)
        ek_tool_sample_free(s);
    return rc;
}

int ek_tool_sample_period_ok(const char *period)
{
    char label[EK_SAMPLE_PERIOD_BUFSIZE];
    return ek_sample_period_label(EK_DATE_NONE, period, label, sizeof label) == EK_OK;
}

int ek_tool_sample_has(const ek_tool_sample *s, size_t ordinal, const ek_case *c)
{
    return ordinal < s->n && s->selected[ordinal] && strcmp(s->ids[ordinal], ek_case_id(c)) == 0;
}

int ek_tool_strict_reject(const char *cmd, const char *file, unsigned long line, const ek_case *c)
{
    if (ek_case_check_vocabulary(c) == EK_OK)
        return 0;
    /* the error names the case and the field; the place in the file is the reader's */
    ek_error e = EK_ERROR_INIT;
    ek_error_copy(&e);
    snprintf(e.source, sizeof e.source, "%s", strcmp(file, "-") == 0 ? "<stdin>" : file);
    e.line = line;
    e.column = 0;
    ek_tool_error("%s: %s", cmd, EK_TOOL_ERROR_TEXT(&e));
    return 1;
}

/* What next_option() found at argv[*i]. */
enum { OPT_TAKEN, OPT_FILE, OPT_END, OPT_HELP, OPT_BAD };

/* Take the option at argv[*i] (and its separate value, advancing *i) by the table @opts. */
static int next_option(const char *cmd, int argc, char **argv, int *i, const ek_tool_opt *opts, size_t n)
{
    const char *a = argv[*i];
    if (a[0] != '-' || a[1] == '\0')
        return OPT_FILE;
    if (strcmp(a, "--") == 0)
        return OPT_END;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
        return OPT_HELP;
    for (size_t k = 0; k < n; k++) {
        const ek_tool_opt *o = &opts[k];
        size_t len = strlen(o->name);
        const char *val;
        if (o->kind == EK_TOOL_OPT_FLAG) {
            if (strcmp(a, o->name) != 0)
                continue;
            *o->flag = 1;
            return OPT_TAKEN;
        }
        if (strcmp(a, o->name) == 0) {
            if (*i + 1 >= argc) {
                ek_tool_error("%s: %s needs a value", cmd, a);
                return OPT_BAD;
            }
            val = argv[++*i];
        } else if (strncmp(a, o->name, len) == 0 && a[len] == '=') {
            val = a + len + 1;
        } else {
            continue;
        }
        if (o->kind == EK_TOOL_OPT_LIST)
            o->list->v[o->list->n++] = val;
        else
            *o->value = val;
        return OPT_TAKEN;
    }
    ek_tool_error("%s: unknown option \"%s\" (see egenkontroll %s --help)", cmd, a, cmd);
    return OPT_BAD;
}

int ek_tool_options_first(const char *cmd, int argc, char **argv, const ek_tool_opt *opts, size_t n,
                          int *first_file)
{
    int i, r = OPT_TAKEN;
    for (i = 1; i < argc && (r = next_option(cmd, argc, argv, &i, opts, n)) == OPT_TAKEN; i++)
        ;
    if (r == OPT_HELP)
        return EK_TOOL_HELP;
    if (r == OPT_BAD)
        return EK_EXIT_USAGE;
    *first_file = i < argc && r == OPT_END ? i + 1 : i;
    for (int k = *first_file; k < argc; k++)
        if (argv[k][0] == '-' && argv[k][1] != '\0' && r != OPT_END) {
            ek_tool_error("%s: options must come before the files (\"%s\")", cmd, argv[k]);
            return EK_EXIT_USAGE;
        }
    return EK_EXIT_OK;
}

int ek_tool_options_anywhere(const char *cmd, int argc, char **argv, const ek_tool_opt *opts, size_t n,
                             char **files, int *nfiles)
{
    int only_files = 0;
    *nfiles = 0;
    for (int i = 1; i < argc; i++) {
        int r = only_files ? OPT_FILE : next_option(cmd, argc, argv, &i, opts, n);
        if (r == OPT_FILE)
            files[(*nfiles)++] = argv[i];
        else if (r == OPT_END)
            only_files = 1;
        else if (r == OPT_HELP)
            return EK_TOOL_HELP;
        else if (r == OPT_BAD)
            return EK_EXIT_USAGE;
    }
    return EK_EXIT_OK;
}

const char *ek_tool_error_text(const ek_error *e, char *buf, size_t size)
{
    if (ek_error_format(e, buf, size) < 0 && size > 0)
        buf[0] = '\0';
    return buf;
}

int ek_tool_parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s)
        return -1;
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        uint64_t d = (uint64_t)(*p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}
