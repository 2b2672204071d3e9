/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the shared JSON Lines reader (lib/io/jsonl.c): line
 * splitting with limits, blank lines, CR, NUL bytes, and the strict parse of
 * each line into one JSON object (depth limit, duplicate keys, UTF-8). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io_internal.h"

#define CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ek_jsonl_reader *r = NULL;
    CHECK(ek_jsonl_reader_from_memory(&r, (const char *)data, size, "fuzz.jsonl") == EK_OK);
    CHECK(strcmp(ek_jsonl_reader_name(r), "fuzz.jsonl") == 0);
    size_t newlines = 0;
    for (size_t i = 0; i < size; i++)
        newlines += data[i] == '\n';
    unsigned long prev = 0;
    for (;;) {
        const char *line = NULL;
        size_t len = 0;
        int rc = ek__jsonl_next(r, &line, &len);
        if (rc == 0)
            break;
        unsigned long lineno = ek_jsonl_reader_line(r);
        CHECK(lineno > prev && lineno <= newlines + 1);
        prev = lineno;
        if (rc < 0) {
            CHECK(rc == EK_ELIMIT);
            continue;
        }
        CHECK(rc == 1 && line != NULL && len > 0 && len <= EK_IO_MAX_LINE);
        CHECK(line[len] == '\0');
        CHECK(memchr(line, '\n', len) == NULL);
        /* one trailing CR (of a CRLF) is removed; "\r\r\n" keeps the first */
        json_t *obj = NULL;
        rc = ek__json_parse_object("fuzz.jsonl", lineno, line, len, &obj);
        if (rc == EK_OK) {
            CHECK(json_is_object(obj));
            /* Serialise and parse again: must still be an object. */
            char *s = json_dumps(obj, JSON_COMPACT);
            if (s) {
                json_t *again = NULL;
                CHECK(ek__json_parse_object("again", 1, s, strlen(s), &again) == EK_OK);
                CHECK(json_equal(obj, again));
                json_decref(again);
                free(s);
            }
            const char *key;
            json_t *v;
            json_object_foreach(obj, key, v) {
                (void)ek__json_type_name(v);
                (void)ek__jsonl_key_column(line, len, key, 0);
            }
            json_decref(obj);
        } else {
            CHECK(rc == EK_EPARSE || rc == EK_ELIMIT);
            CHECK(obj == NULL);
            const ek_error *e = ek_error_last();
            CHECK(e->status == rc && e->line == lineno && strcmp(e->source, "fuzz.jsonl") == 0);
        }
    }
    ek_jsonl_reader_free(r);
    return 0;
}
