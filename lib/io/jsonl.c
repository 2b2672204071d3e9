/* SPDX-License-Identifier: MIT */
/* JSON Lines reading shared by every format: line reader with a reused
 * buffer and limits, and strict parsing of one line into a JSON object. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "io_internal.h"

struct ek_jsonl_reader {
    FILE *fp;             /* NULL for memory */
    int owns_fp;
    const char *mem;      /* memory input (owned copy) */
    size_t mem_len, mem_pos;
    char *buf;            /* reused line buffer */
    size_t cap;
    unsigned long line;
    char *name;
};

/* A new reader named @name, or NULL (EK_ENOMEM set as the last error).  Returning the
 * pointer (rather than a status and an out parameter) lets the compiler see that it is
 * set whenever it is used: -O3 -Werror gave a -Wmaybe-uninitialized false positive. */
static ek_jsonl_reader *reader_alloc(const char *name)
{
    ek_jsonl_reader *r = ek__calloc(1, sizeof *r);
    if (r == NULL) {
        ek__oom();
        return NULL;
    }
    r->name = ek__strdup(name);
    if (r->name == NULL) {
        ek__free(r);
        ek__oom();
        return NULL;
    }
    return r;
}

int ek_jsonl_reader_open(ek_jsonl_reader **out, const char *path)
{
    if (out == NULL || path == NULL)
        return ek__error(EK_EINVAL, "ek_jsonl_reader_open: NULL argument");
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (fp == NULL)
        return ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "cannot open: %s", strerror(errno));
    ek_jsonl_reader *r = reader_alloc(is_stdin ? "<stdin>" : path);
    if (r == NULL) {
        if (!is_stdin)
            fclose(fp);
        return EK_ENOMEM;
    }
    r->fp = fp;
    r->owns_fp = !is_stdin;
    *out = r;
    return EK_OK;
}

int ek_jsonl_reader_from_memory(ek_jsonl_reader **out, const char *data, size_t len, const char *name)
{
    if (out == NULL || (data == NULL && len > 0))
        return ek__error(EK_EINVAL, "ek_jsonl_reader_from_memory: NULL argument");
    ek_jsonl_reader *r = reader_alloc(name ? name : "<memory>");
    if (r == NULL)
        return EK_ENOMEM;
    char *copy = ek__malloc(len + 1);
    if (copy == NULL) {
        ek_jsonl_reader_free(r);
        return ek__oom();
    }
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    r->mem = copy;
    r->mem_len = len;
    *out = r;
    return EK_OK;
}

void ek_jsonl_reader_free(ek_jsonl_reader *r)
{
    if (r == NULL)
        return;
    if (r->fp && r->owns_fp)
        fclose(r->fp);
    ek__free((void *)r->mem);
    ek__free(r->buf);
    ek__free(r->name);
    ek__free(r);
}

unsigned long ek_jsonl_reader_line(const ek_jsonl_reader *r) { return r ? r->line : 0; }

const char *ek_jsonl_reader_name(const ek_jsonl_reader *r) { return r ? r->name : NULL; }

/* Append one byte to the line buffer, growing it; returns 0 or EK_ENOMEM. */
static int buf_put(ek_jsonl_reader *r, size_t *n, char c)
{
    if (*n + 2 > r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 4096;
        char *nb = ek__realloc(r->buf, ncap);
        if (nb == NULL)
            return EK_ENOMEM;
        r->buf = nb;
        r->cap = ncap;
    }
    r->buf[(*n)++] = c;
    return 0;
}

/* Read one raw line into r->buf. Returns 1 line, 0 EOF, <0 status. */
static int read_raw(ek_jsonl_reader *r, size_t *len)
{
    size_t n = 0;
    int too_long = 0, oom = 0, got = 0;
    for (;;) {
        int c;
        if (r->fp) {
            c = getc(r->fp);
            if (c == EOF) {
                if (ferror(r->fp))
                    return ek__error_at(EK_EIO, r->name, r->line + 1, 0, NULL, NULL, "read error: %s",
                                        strerror(errno));
                break;
            }
        } else {
            if (r->mem_pos >= r->mem_len)
                break;
            c = (unsigned char)r->mem[r->mem_pos++];
        }
        got = 1;
        if (c == '\n')
            break;
        if (too_long || oom)
            continue;
        if (n > EK_IO_MAX_LINE) { /* room for the line and the CR of a CRLF */
            too_long = 1;
            continue;
        }
        if (buf_put(r, &n, (char)c) != 0)
            oom = 1; /* skip the rest: never hand out the tail of a line as a line */
    }
    if (!got)
        return 0;
    r->line++;
    if (oom)
        return ek__error_at(EK_ENOMEM, r->name, r->line, 0, NULL, NULL, "out of memory reading the line; skipped");
    if (!too_long && n > 0 && r->buf[n - 1] == '\r')
        n--;
    if (too_long || n > EK_IO_MAX_LINE)
        return ek__error_at(EK_ELIMIT, r->name, r->line, 0, NULL, NULL,
                            "line longer than %u bytes; skipped", (unsigned)EK_IO_MAX_LINE);
    if (r->buf == NULL) { /* an empty first line: make room for the NUL only */
        if (buf_put(r, &n, '\0') != 0)
            return ek__oom();
        n = 0;
    }
    r->buf[n] = '\0';
    *len = n;
    return 1;
}

int ek__jsonl_next(ek_jsonl_reader *r, const char **line, size_t *len)
{
    if (r == NULL || line == NULL || len == NULL)
        return ek__error(EK_EINVAL, "ek__jsonl_next: NULL argument");
    for (;;) {
        size_t n = 0;
        int rc = read_raw(r, &n);
        if (rc <= 0)
            return rc;
        size_t i = 0;
        while (i < n && (r->buf[i] == ' ' || r->buf[i] == '\t'))
            i++;
        if (i == n)
            continue; /* blank line */
        *line = r->buf;
        *len = n;
        return 1;
    }
}

static size_t json_depth(const json_t *v)
{
    size_t best = 0;
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) {
            size_t d = json_depth(x);
            if (d > best)
                best = d;
        }
        return best + 1;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            size_t d = json_depth(x);
            if (d > best)
                best = d;
        }
        return best + 1;
    }
    return 0;
}

/* Quick structural depth check on the raw text, so hostile nesting is
 * rejected before jansson recurses into it. */
static unsigned long raw_depth_exceeded(const char *s, size_t len, size_t max)
{
    size_t depth = 0;
    int in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            if (++depth > max)
                return (unsigned long)i + 1;
        } else if (c == '}' || c == ']') {
            if (depth)
                depth--;
        }
    }
    return 0;
}

int ek__json_parse_object(const char *source, unsigned long lineno, const char *line, size_t len,
                          json_t **out)
{
    unsigned long deep = raw_depth_exceeded(line, len, EK_IO_MAX_DEPTH);
    if (deep)
        return ek__error_at(EK_ELIMIT, source, lineno, deep, NULL, NULL,
                            "JSON nested deeper than %d levels", EK_IO_MAX_DEPTH);
    json_error_t jerr;
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        unsigned long col = jerr.column > 0 ? (unsigned long)jerr.column : (unsigned long)jerr.position + 1;
        return ek__error_at(EK_EPARSE, source, lineno, col, NULL, NULL, "invalid JSON: %s", jerr.text);
    }
    if (!json_is_object(root)) {
        const char *found = ek__json_type_name(root); /* static; read before the value is freed */
        json_decref(root);
        return ek__error_at(EK_EPARSE, source, lineno, 1, NULL, NULL, "expected a JSON object, found %s",
                            found);
    }
    if (json_depth(root) > EK_IO_MAX_DEPTH) { /* defensive; the raw check should have caught it */
        json_decref(root);
        return ek__error_at(EK_ELIMIT, source, lineno, 1, NULL, NULL, "JSON nested deeper than %d levels",
                            EK_IO_MAX_DEPTH);
    }
    *out = root;
    return EK_OK;
}

unsigned long ek__jsonl_column(const char *line, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    if (nl == 0 || nl > len)
        return 0;
    for (size_t i = 0; i + nl <= len; i++)
        if (memcmp(line + i, needle, nl) == 0)
            return (unsigned long)i + 1;
    return 0;
}

unsigned long ek__jsonl_key_column(const char *line, size_t len, const char *key, unsigned long from)
{
    size_t start = from > 1 ? from - 1 : 0;
    if (start >= len)
        return 0;
    char pat[128];
    int pn = snprintf(pat, sizeof pat, "\"%s\"", key);
    if (pn <= 0 || (size_t)pn >= sizeof pat)
        return 0;
    unsigned long c = ek__jsonl_column(line + start, len - start, pat);
    if (c == 0)
        return 0;
    size_t i = start + c - 1 + (size_t)pn;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i < len && line[i] == ':')
        i++;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return (unsigned long)i + 1;
}

const char *ek__json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return _("an object");
    case JSON_ARRAY: return _("an array");
    case JSON_STRING: return _("a string");
    case JSON_INTEGER: return _("an integer");
    case JSON_REAL: return _("a number");
    case JSON_TRUE: case JSON_FALSE: return _("a boolean");
    case JSON_NULL: return "null";
    }
    return _("a value");
}
