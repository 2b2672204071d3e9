/* SPDX-License-Identifier: MIT */
/* Differential check of the two case-1 readers (issue 15), shared by tests/test_io_case_fast.c
 * and fuzz/fuzz_case_differential.c: the library's reader (the fast simdjson reader where it
 * takes a line, lib/io/json_case_fast.h) against the reference jansson reader, line by line
 * through the whole input.  They must give the same statuses, the same error records (message,
 * source, line, column, case id, field) and the same cases (canonical text, attribute kinds,
 * warnings, date order). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_diff.h"
#include "io/io_internal.h"

/* Everything the case holds, as one string (ek_free). */
static char *fingerprint(const ek_case *c)
{
    char *json = NULL;
    if (ek_case_write_json(c, &json) != EK_OK)
        return NULL;
    size_t cap = strlen(json) + 1024, n = 0;
    for (size_t w = 0; w < ek_case_warning_count(c); w++)
        cap += strlen(ek_case_warning(c, w)) + 8;
    cap += 64 * ek_case_event_count(c);
    for (size_t i = 0; i < ek_case_event_count(c); i++) {
        ek_event_info e = EK_EVENT_INFO_INIT;
        if (ek_case_event(c, i, &e) == EK_OK)
            cap += 8 * e.attr_count;
    }
    char *out = malloc(cap);
    if (out == NULL) {
        ek_free(json);
        return NULL;
    }
    n += (size_t)snprintf(out + n, cap - n, "%s\nwarnings:", json);
    ek_free(json);
    for (size_t w = 0; w < ek_case_warning_count(c); w++)
        n += (size_t)snprintf(out + n, cap - n, "\n  %s", ek_case_warning(c, w));
    n += (size_t)snprintf(out + n, cap - n, "\nevents:");
    for (size_t i = 0; i < ek_case_event_count(c); i++) {
        ek_event_info e = EK_EVENT_INFO_INIT;
        size_t k = 0;
        if (ek_case_event(c, i, &e) != EK_OK || ek_case_event_in_date_order(c, i, &k) != EK_OK)
            continue;
        n += (size_t)snprintf(out + n, cap - n, " %d@%zu:", (int)e.type, k);
        for (size_t a = 0; a < e.attr_count; a++) {
            ek_attr_info ai = EK_ATTR_INFO_INIT;
            if (ek_case_event_attr(c, i, a, &ai) == EK_OK)
                n += (size_t)snprintf(out + n, cap - n, "%d", (int)ai.kind);
        }
    }
    return out;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int differ(char *why, size_t size, const char *fmt, ...);
static int differ(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return 1;
}

static int same_error(const ek_error *a, const ek_error *b)
{
    return a->status == b->status && strcmp(a->message, b->message) == 0 && strcmp(a->source, b->source) == 0 &&
           a->line == b->line && a->column == b->column && strcmp(a->record_id, b->record_id) == 0 &&
           strcmp(a->field, b->field) == 0;
}

int ek_t_case_diff(const char *data, size_t size, const char *name, ek_t_case_diff_stats *stats, char *why,
                   size_t whysize)
{
    ek_case *a = NULL, *b = NULL;
    ek_case_reader *ra = NULL, *rb = NULL;
    int bad = 0;
    if (ek_case_new(&a, "a") != EK_OK || ek_case_new(&b, "b") != EK_OK ||
        ek_case_reader_from_memory(&ra, data, size, name) != EK_OK ||
        ek_case_reader_from_memory(&rb, data, size, name) != EK_OK) {
        bad = differ(why, whysize, "setup failed: %s", ek_error_last()->message);
        goto done;
    }
    for (;;) {
        /* a: the library's reader. */
        int rca = ek_case_reader_next(ra, a);
        ek_error ea = *ek_error_last();
        unsigned long la = ek_case_reader_line(ra);
        /* b: the reference reader, split as ek_evaluate_stream() uses it (io_internal.h). */
        const char *text = NULL;
        size_t len = 0;
        unsigned long long key = 0;
        int rcb = ek__case_reader_next_text(rb, &text, &len);
        unsigned long lb = ek_case_reader_line(rb);
        if (rcb == 1) {
            rcb = ek__case_read_json_reference(b, text, len, ek_case_reader_name(rb), lb, &key);
            /* The duplicate-id check's error replaces the line's result (io.h). */
            int claim = ek__case_reader_claim_id(rb, key, text, len, lb);
            if (claim != EK_OK)
                rcb = claim;
            if (rcb == EK_OK)
                rcb = 1;
        }
        ek_error eb = *ek_error_last();
        if (rca != rcb || la != lb) {
            bad = differ(why, whysize, "line %lu/%lu: status %d vs reference %d (%s | %s)", la, lb, rca, rcb,
                         rca < 0 ? ea.message : "", rcb < 0 ? eb.message : "");
            break;
        }
        if (rca == 0)
            break;
        if (rca < 0) {
            if (!same_error(&ea, &eb)) {
                bad = differ(why, whysize, "line %lu: errors differ:\n  %s [%lu:%lu %s %s]\n  %s [%lu:%lu %s %s]", la,
                             ea.message, ea.line, ea.column, ea.record_id, ea.field, eb.message, eb.line, eb.column,
                             eb.record_id, eb.field);
                break;
            }
            if (stats)
                stats->errors++;
            continue;
        }
        char *fa = fingerprint(a), *fb = fingerprint(b);
        int same = fa != NULL && fb != NULL && strcmp(fa, fb) == 0;
        if (!same)
            bad = differ(why, whysize, "line %lu: cases differ:\n  %s\n  %s", la, fa ? fa : "(none)",
                         fb ? fb : "(none)");
        free(fa);
        free(fb);
        if (!same)
            break;
        if (stats)
            stats->cases++;
    }
done:
    ek_case_reader_free(ra);
    ek_case_reader_free(rb);
    ek_case_free(a);
    ek_case_free(b);
    return bad;
}
