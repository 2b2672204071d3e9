/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the lex Sarah `egenkontroll/avvikelse-1` JSON Lines
 * reader (ek_sarah_reader_*, ek_sarah_read_json), the writer, the
 * evaluation and the register summary.
 * Invariants: documented statuses with a message and the line; every record
 * read validates, is writable, and written-then-read-then-written gives the
 * same text; evaluation of a record read never fails except for ENOMEM. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#define CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); abort(); } } while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ek_context *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ek_context_new(&ctx) != EK_OK)
        abort();
    return 0;
}

static int documented(int rc)
{
    return rc == EK_EPARSE || rc == EK_EINVAL || rc == EK_ERANGE || rc == EK_ECONFLICT || rc == EK_ELIMIT;
}

static void round_trip(const ek_sarah_record *rec)
{
    char *text = NULL;
    CHECK(ek_sarah_write_json(rec, &text) == EK_OK);
    CHECK(text != NULL && strchr(text, '\n') == NULL);
    ek_sarah_record *again = NULL;
    int rc = ek_sarah_read_json(&again, text, strlen(text), "round-trip");
    if (rc != EK_OK) {
        fprintf(stderr, "written record does not read back: %s\n%s\n", ek_error_last()->message, text);
        abort();
    }
    char *text2 = NULL;
    CHECK(ek_sarah_write_json(again, &text2) == EK_OK);
    if (strcmp(text, text2) != 0) {
        fprintf(stderr, "round trip changed the record:\n%s\n%s\n", text, text2);
        abort();
    }
    ek_sarah_record *copy = NULL;
    CHECK(ek_sarah_record_clone(again, &copy) == EK_OK);
    char *text3 = NULL;
    CHECK(ek_sarah_write_json(copy, &text3) == EK_OK);
    CHECK(strcmp(text, text3) == 0);
    ek_free(text3);
    ek_sarah_record_free(copy);
    ek_free(text2);
    ek_free(text);
    ek_sarah_record_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    ek_sarah_summary *sum = NULL;
    CHECK(ek_sarah_summary_new(&sum) == EK_OK);
    ek_sarah_reader *r = NULL;
    CHECK(ek_sarah_reader_from_memory(&r, (const char *)data, size, "fuzz.jsonl") == EK_OK);
    unsigned long prev = 0;
    ek_date as_of = 20468; /* 2026-01-15 */
    for (;;) {
        ek_sarah_record *rec = NULL;
        int rc = ek_sarah_reader_next(r, &rec);
        if (rc == 0)
            break;
        unsigned long line = ek_sarah_reader_line(r);
        CHECK(line > prev && line <= lines);
        prev = line;
        if (rc == 1) {
            CHECK(rec != NULL);
            CHECK(ek_sarah_record_id(rec) != NULL && ek_sarah_record_id(rec)[0] != '\0');
            round_trip(rec);
            ek_sarah_result *res = NULL;
            CHECK(ek_sarah_result_new(&res) == EK_OK);
            rc = ek_sarah_evaluate(ctx, rec, as_of, res);
            if (rc == EK_OK) {
                char *text = NULL;
                CHECK(ek_sarah_result_write_json(res, &text) == EK_OK);
                ek_free(text);
                CHECK(ek_sarah_summary_add(sum, rec, res) == EK_OK);
            } else {
                CHECK(rc < 0 && rc != EK_ENOMEM && ek_error_last()->message[0] != '\0');
            }
            ek_sarah_result_free(res);
            ek_sarah_record_free(rec);
        } else {
            CHECK(documented(rc));
            const ek_error *e = ek_error_last();
            CHECK(e->status == rc && e->message[0] != '\0');
            CHECK(e->line == line);
            CHECK(ek_sarah_summary_add_rejected(sum) == EK_OK);
        }
    }
    ek_sarah_reader_free(r);
    char *text = NULL;
    CHECK(ek_sarah_summary_write_json(sum, &text) == EK_OK);
    ek_free(text);
    ek_sarah_summary_free(sum);

    ek_sarah_record *rec = NULL;
    int rc = ek_sarah_read_json(&rec, (const char *)data, size, NULL);
    if (rc == EK_OK) {
        round_trip(rec);
        ek_sarah_record_free(rec);
    } else {
        CHECK(documented(rc) && ek_error_last()->message[0] != '\0');
    }
    return 0;
}
