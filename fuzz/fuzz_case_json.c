/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the `egenkontroll/case-1` JSON Lines reader
 * (ek_case_reader_*, ek_case_read_json) and the canonical writer.
 * Invariants: every status is documented; errors carry a message and the
 * line; every case read is writable, and written-then-read gives the same
 * canonical text (lossless round trip); the reader never stops early. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#define CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int documented(int rc)
{
    return rc == EK_EPARSE || rc == EK_EINVAL || rc == EK_ERANGE || rc == EK_ECONFLICT || rc == EK_ELIMIT;
}

static void round_trip(const ek_case *c)
{
    char *text = NULL;
    CHECK(ek_case_write_json(c, &text) == EK_OK);
    CHECK(text != NULL && strchr(text, '\n') == NULL);
    ek_case *again = NULL;
    CHECK(ek_case_new(&again, "x") == EK_OK);
    int rc = ek_case_read_json(again, text, strlen(text), "round-trip");
    if (rc != EK_OK) {
        fprintf(stderr, "written case does not read back: %s\n%s\n", ek_error_last()->message, text);
        abort();
    }
    CHECK(strcmp(ek_case_id(again), ek_case_id(c)) == 0);
    CHECK(ek_case_event_count(again) == ek_case_event_count(c));
    char *text2 = NULL;
    CHECK(ek_case_write_json(again, &text2) == EK_OK);
    if (strcmp(text, text2) != 0) {
        fprintf(stderr, "round trip changed the case:\n%s\n%s\n", text, text2);
        abort();
    }
    ek_free(text2);
    ek_free(text);
    ek_case_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';

    ek_case *c = NULL;
    CHECK(ek_case_new(&c, "fuzz") == EK_OK);
    ek_case_reader *r = NULL;
    CHECK(ek_case_reader_from_memory(&r, (const char *)data, size, "fuzz.jsonl") == EK_OK);
    unsigned long prev = 0;
    for (;;) {
        int rc = ek_case_reader_next(r, c);
        if (rc == 0)
            break;
        unsigned long line = ek_case_reader_line(r);
        CHECK(line > prev && line <= lines);
        prev = line;
        if (rc == 1) {
            CHECK(ek_case_id(c) != NULL && ek_case_id(c)[0] != '\0');
            round_trip(c);
        } else {
            CHECK(documented(rc));
            const ek_error *e = ek_error_last();
            CHECK(e->status == rc && e->message[0] != '\0');
            CHECK(e->line == line);
        }
    }
    ek_case_reader_free(r);

    /* The whole input as one JSON text (newlines allowed). */
    int rc = ek_case_read_json(c, (const char *)data, size, NULL);
    if (rc == EK_OK)
        round_trip(c);
    else
        CHECK(documented(rc) && ek_error_last()->message[0] != '\0');
    ek_case_free(c);
    return 0;
}
