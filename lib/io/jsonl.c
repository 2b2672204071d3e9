/* SPDX-License-Identifier: MIT */
/* JSON Lines reading shared by every format: line reader with a reused
 * buffer and limits, and strict parsing of one line into a JSON object. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../i18n.h"
#include "io_internal.h"

/*
 * Input is read in blocks (read(2) on the file's descriptor, so a line that has arrived on a pipe
 * is handed out at once) into one buffer; lines are found with memchr and handed out in place: the
 * '\n' (or a trailing '\r') is overwritten with the terminating NUL, so a line is never copied.
 * The buffer holds buf[pos, fill) unread; it grows only while one line does not fit, up to
 * EK_IO_MAX_LINE + 3 bytes (the longest line with its CR, its LF and the spare byte that keeps room
 * for the NUL after an unterminated last line); a longer line is skipped (EK_ELIMIT).  Memory input
 * is the same buffer, filled once (the reader's own copy of the data) and at end of input.
 */
#define BLOCK_SIZE (32u * 1024u) /* the buffer of a file of short lines stays this size (tests/test_hostile.c) */
#define MAX_CAP ((size_t)EK_IO_MAX_LINE + 3u)

struct ek_jsonl_reader {
    FILE *fp;             /* NULL for memory */
    int owns_fp;
    int eof;              /* no more input after buf[pos, fill) */
    char *buf;            /* the block buffer (for memory input: the copy of the data) */
    size_t pos, fill, cap;
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
    r->buf = copy;
    r->fill = len;
    r->cap = len + 1;
    r->eof = 1;
    *out = r;
    return EK_OK;
}

void ek_jsonl_reader_free(ek_jsonl_reader *r)
{
    if (r == NULL)
        return;
    if (r->fp && r->owns_fp)
        fclose(r->fp);
    ek__free(r->buf);
    ek__free(r->name);
    ek__free(r);
}

unsigned long ek_jsonl_reader_line(const ek_jsonl_reader *r) { return r ? r->line : 0; }

const char *ek_jsonl_reader_name(const ek_jsonl_reader *r) { return r ? r->name : NULL; }

/* Read more input into buf[fill, cap - 1) (one byte stays spare for a NUL).  Returns 0 (read
 * something or reached the end: r->eof) or EK_EIO. */
static int fill_more(ek_jsonl_reader *r)
{
    if (r->eof)
        return 0;
    for (;;) {
        ssize_t got = read(fileno(r->fp), r->buf + r->fill, r->cap - 1 - r->fill);
        if (got > 0) {
            r->fill += (size_t)got;
            return 0;
        }
        if (got == 0) {
            r->eof = 1;
            return 0;
        }
        if (errno != EINTR)
            return ek__error_at(EK_EIO, r->name, r->line + 1, 0, NULL, NULL, "read error: %s", strerror(errno));
    }
}

/* Make room to read more of the line that starts at buf[pos]: move it to the front, or grow the
 * buffer.  Returns 1 room made, 0 the line does not fit (too long or out of memory: *oom says). */
static int make_room(ek_jsonl_reader *r, int *oom)
{
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->fill - r->pos);
        r->fill -= r->pos;
        r->pos = 0;
    }
    if (r->fill + 1 < r->cap)
        return 1;
    if (r->cap >= MAX_CAP)
        return 0; /* MAX_CAP - 1 bytes without a newline: longer than EK_IO_MAX_LINE + CR */
    size_t ncap = r->cap ? r->cap * 2 : BLOCK_SIZE;
    if (ncap > MAX_CAP)
        ncap = MAX_CAP;
    char *nb = ek__realloc(r->buf, ncap);
    if (nb == NULL) {
        *oom = 1;
        return 0;
    }
    r->buf = nb;
    r->cap = ncap;
    return 1;
}

/* Read one raw line (without its LF and a trailing CR), NUL-terminated in place.  Returns 1 line,
 * 0 end of input, <0 status.  A line that is too long (or that memory cannot hold) is skipped up
 * to its newline and reported with its number. */
static int read_raw(ek_jsonl_reader *r, const char **line, size_t *len)
{
    int skip = 0, oom = 0;
    size_t scan = r->pos; /* where to look for the newline */
    for (;;) {
        char *nl = r->fill > scan ? memchr(r->buf + scan, '\n', r->fill - scan) : NULL;
        size_t end; /* the line is buf[pos, end) */
        if (nl != NULL) {
            end = (size_t)(nl - r->buf);
        } else if (r->eof) {
            if (r->fill == r->pos && !skip)
                return 0;
            end = r->fill; /* an unterminated last line; buf[fill] is the spare byte */
        } else {
            if (skip) {
                r->pos = r->fill = 0; /* drop what was read of the skipped line */
            } else {
                scan = r->fill - r->pos;
                if (!make_room(r, &oom)) {
                    skip = 1;
                    r->pos = r->fill = 0;
                }
            }
            if (skip)
                scan = 0;
            if (r->buf == NULL && !make_room(r, &oom)) /* the first read: allocate the block */
                return ek__oom();
            int rc = fill_more(r);
            if (rc != EK_OK)
                return rc;
            continue;
        }
        size_t start = r->pos;
        r->pos = nl != NULL ? end + 1 : end;
        r->line++;
        /* A UTF-8 byte order mark before the first line (Windows exports) is not part of the record. */
        if (r->line == 1 && end - start >= 3 && memcmp(r->buf + start, "\xEF\xBB\xBF", 3) == 0)
            start += 3;
        if (skip) {
            if (oom)
                return ek__error_at(EK_ENOMEM, r->name, r->line, 0, NULL, NULL,
                                    "out of memory reading the line; skipped");
            return ek__error_at(EK_ELIMIT, r->name, r->line, 0, NULL, NULL, "line longer than %u bytes; skipped",
                                (unsigned)EK_IO_MAX_LINE);
        }
        if (end > start && r->buf[end - 1] == '\r')
            end--;
        if (end - start > EK_IO_MAX_LINE)
            return ek__error_at(EK_ELIMIT, r->name, r->line, 0, NULL, NULL, "line longer than %u bytes; skipped",
                                (unsigned)EK_IO_MAX_LINE);
        r->buf[end] = '\0';
        *line = r->buf + start;
        *len = end - start;
        return 1;
    }
}

int ek__jsonl_next(ek_jsonl_reader *r, const char **line, size_t *len)
{
    if (r == NULL || line == NULL || len == NULL)
        return ek__error(EK_EINVAL, "ek__jsonl_next: NULL argument");
    for (;;) {
        const char *s = NULL;
        size_t n = 0;
        int rc = read_raw(r, &s, &n);
        if (rc <= 0)
            return rc;
        size_t i = 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == n)
            continue; /* blank line */
        *line = s;
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

int ek__io_read_file(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "cannot open: %s", strerror(errno));
    size_t cap = 65536, n = 0;
    char *buf = ek__malloc(cap);
    int rc = EK_OK;
    if (!buf)
        rc = ek__oom();
    while (rc == EK_OK) {
        if (n + 1 >= cap) {
            if (cap >= max) {
                rc = ek__error_at(EK_ELIMIT, path, 0, 0, NULL, NULL, "file larger than %zu bytes", max);
                break;
            }
            char *nb = ek__realloc(buf, cap * 2);
            if (!nb) {
                rc = ek__oom();
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                rc = ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "read error: %s", strerror(errno));
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    if (rc) {
        ek__free(buf);
        return rc;
    }
    buf[n] = '\0';
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) { /* a UTF-8 byte order mark (Windows): skipped */
        memmove(buf, buf + 3, n - 3 + 1);
        n -= 3;
    }
    *out = buf;
    *len = n;
    return EK_OK;
}

/* ---- a rejected record as JSON ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at @p (1-4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            return 0; /* overlong, surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

/* A JSON string of @s (a fixed field of ek_error, NUL-terminated within @size bytes) with every byte that is
 * not part of valid UTF-8 replaced by U+FFFD; NULL when out of memory. */
static json_t *repaired_string(const char *s, size_t size)
{
    char buf[4 * 512];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + strnlen(s, size);
    while (p < end && n + 4 < sizeof buf) {
        size_t k = utf8_len(p);
        if (k == 0 || p + k > end) {
            memcpy(buf + n, "\xEF\xBF\xBD", 3);
            n += 3;
            p++;
        } else {
            memcpy(buf + n, p, k);
            n += k;
            p += k;
        }
    }
    return json_stringn(buf, n);
}

static int set_text(json_t *o, const char *key, const char *s, size_t size, int null_when_empty)
{
    json_t *v = null_when_empty && s[0] == '\0' ? json_null() : repaired_string(s, size);
    return v && json_object_set_new(o, key, v) == 0 ? 0 : -1;
}

int ek_error_write_json(const ek_error *e, char **out)
{
    if (!e || !out)
        return ek__error(EK_EINVAL, "ek_error_write_json: NULL argument");
    char shown[EK_ERROR_FORMAT_SIZE];  /* "error": what a user reads, the place included (as the tool prints) */
    if (ek_error_format(e, shown, sizeof shown) < 0)
        ek__strlcpy(shown, ek_status_name(e->status), sizeof shown);
    json_t *o = json_object();
    int bad = !o || set_text(o, "id", e->record_id, sizeof e->record_id, 1) ||
              set_text(o, "error", shown, sizeof shown, 0) ||
              json_object_set_new(o, "status", json_string(ek_status_name(e->status))) != 0 ||
              set_text(o, "source", e->source, sizeof e->source, 1) ||
              json_object_set_new(o, "line", json_integer((json_int_t)e->line)) != 0 ||
              json_object_set_new(o, "column", json_integer((json_int_t)e->column)) != 0 ||
              set_text(o, "field", e->field, sizeof e->field, 1);
    char *s = bad ? NULL : json_dumps(o, JSON_PRESERVE_ORDER);
    json_decref(o);
    char *copy = s ? ek__strdup(s) : NULL;
    free(s);
    if (!copy)
        return ek__oom();
    *out = copy;
    return EK_OK;
}
