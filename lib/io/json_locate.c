/* SPDX-License-Identifier: MIT */
/* Locating a JSON path in the text of a one-object file, for file:line:column in the messages of the
 * loaders of checklists, delegation orders and policies (io_internal.h).  The text has been parsed
 * already; this only walks it. */
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

static size_t skip_ws(const char *t, size_t n, size_t i)
{
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

static size_t skip_string(const char *t, size_t n, size_t i)
{
    i++; /* opening quote */
    while (i < n && t[i] != '"') {
        if (t[i] == '\\')
            i++;
        i++;
    }
    return i < n ? i + 1 : n;
}

static size_t skip_value(const char *t, size_t n, size_t i)
{
    i = skip_ws(t, n, i);
    if (i >= n)
        return n;
    if (t[i] == '"')
        return skip_string(t, n, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (i < n) {
            if (t[i] == '"') {
                i = skip_string(t, n, i);
                continue;
            }
            if (t[i] == '{' || t[i] == '[')
                depth++;
            else if (t[i] == '}' || t[i] == ']') {
                depth--;
                if (depth == 0)
                    return i + 1;
            }
            i++;
        }
        return n;
    }
    while (i < n && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' && t[i] != '\r' &&
           t[i] != '\t')
        i++;
    return i;
}

/* Offset of the value at @path ("items[3].criterion.all[1]"), or of the deepest part found. */
size_t ek__json_locate(const char *t, size_t n, const char *path)
{
    size_t i = skip_ws(t, n, 0);
    const char *p = path;
    while (*p && i < n) {
        if (*p == '.')
            p++;
        if (*p == '[') {
            long idx = strtol(p + 1, NULL, 10);
            const char *close = strchr(p, ']');
            p = close ? close + 1 : p + strlen(p);
            if (t[i] != '[')
                return i;
            i = skip_ws(t, n, i + 1);
            for (long k = 0; k < idx && i < n; k++) {
                i = skip_value(t, n, i);
                i = skip_ws(t, n, i);
                if (i < n && t[i] == ',')
                    i = skip_ws(t, n, i + 1);
                else
                    return i;
            }
            continue;
        }
        size_t klen = strcspn(p, ".[");
        if (t[i] != '{')
            return i;
        size_t obj = i;
        i = skip_ws(t, n, i + 1);
        int found = 0;
        while (i < n && t[i] == '"') {
            size_t ks = i + 1, ke = skip_string(t, n, i) - 1;
            i = skip_ws(t, n, ke + 1);
            if (i < n && t[i] == ':')
                i = skip_ws(t, n, i + 1);
            if (ke - ks == klen && memcmp(t + ks, p, klen) == 0) {
                found = 1;
                break;
            }
            i = skip_ws(t, n, skip_value(t, n, i));
            if (i < n && t[i] == ',')
                i = skip_ws(t, n, i + 1);
        }
        if (!found)
            return obj;
        p += klen;
    }
    return i;
}

void ek__json_line_col(const char *t, size_t n, size_t off, unsigned long *line, unsigned long *col)
{
    unsigned long l = 1;
    size_t start = 0;
    for (size_t i = 0; i < off && i < n; i++)
        if (t[i] == '\n') {
            l++;
            start = i + 1;
        }
    *line = l;
    *col = (unsigned long)(off - start) + 1;
}
