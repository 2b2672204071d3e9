/* SPDX-License-Identifier: MIT */
/* libFuzzer target: arbitrary ids, units and free text through the output writers (issue 18).
 * The input is split at NUL bytes into an id, a unit and a text.  Invariants:
 * - ek_text_safe(EK_TEXT_LINE / EK_TEXT_CELL): valid UTF-8 with no control character (C0, DEL,
 *   C1), no line separator or bidirectional control, nothing shaped like a personnummer, and for a
 *   cell no leading formula character; the measuring and the cut calls give the same length;
 * - the CSV of an evaluation (both dialects) and of a report: every line parses back into fields,
 *   no field holds a control byte and none starts with = + - @ TAB CR;
 * - the JSON of an evaluation, an error record and a report parses back (jansson), holds no raw
 *   control byte and nothing shaped like a personnummer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <egenkontroll/egenkontroll.h>
#include <egenkontroll/io.h>

#define CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 with no control, line-separator or bidi character. */
static void check_clean_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t len;
        if (p[i] < 0x80) {
            cp = p[i];
            len = 1;
        } else if ((p[i] & 0xE0) == 0xC0) {
            cp = p[i] & 0x1F;
            len = 2;
        } else if ((p[i] & 0xF0) == 0xE0) {
            cp = p[i] & 0x0F;
            len = 3;
        } else {
            CHECK((p[i] & 0xF8) == 0xF0);
            cp = p[i] & 0x07;
            len = 4;
        }
        CHECK(i + len <= n);
        for (size_t k = 1; k < len; k++) {
            CHECK((p[i + k] & 0xC0) == 0x80);
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        CHECK(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F));
        CHECK(cp != 0x2028 && cp != 0x2029 && !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069));
        i += len;
    }
}

static void check_no_pnr(const char *s, size_t n)
{
    char *copy = malloc(n + 1);
    CHECK(copy != NULL);
    memcpy(copy, s, n);
    copy[n] = '\0';
    CHECK(ek_text_mask_pnr(copy) == 0);
    free(copy);
}

static void check_safe(const char *s, unsigned int flags)
{
    char small[64];
    size_t n = ek_text_safe(s, flags, NULL, 0);
    CHECK(ek_text_safe(s, flags, small, sizeof small) == n);
    CHECK(strlen(small) <= n && strlen(small) < sizeof small);
    char *out = NULL;
    CHECK(ek_text_safe_dup(s, flags, &out) == EK_OK);
    CHECK(strlen(out) == n);
    check_clean_utf8(out, n);
    check_no_pnr(out, n);
    if (flags & EK_TEXT_FORMULA)
        CHECK(!ek_text_is_formula(out));
    ek_free(out);
}

/* Every line of @csv (CRLF line ends) splits into fields; no field holds a control byte or starts
 * like a formula.  Returns the number of lines. */
static size_t check_csv(const char *csv, size_t len, char sep)
{
    size_t lines = 0, i = 0;
    if (len >= 3 && memcmp(csv, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        for (;;) { /* one field */
            const char *start = csv + i;
            size_t flen;
            if (csv[i] == '"') {
                size_t j = i + 1;
                for (;;) {
                    CHECK(j < len);
                    if (csv[j] == '"' && j + 1 < len && csv[j + 1] == '"')
                        j += 2;
                    else if (csv[j] == '"')
                        break;
                    else
                        j++;
                }
                start = csv + i + 1;
                flen = j - i - 1;
                i = j + 1;
            } else {
                size_t j = i;
                while (j < len && csv[j] != sep && csv[j] != '\r' && csv[j] != '\n')
                    j++;
                flen = j - i;
                i = j;
            }
            for (size_t k = 0; k < flen; k++)
                CHECK((unsigned char)start[k] >= 0x20 && start[k] != 0x7F);
            CHECK(flen == 0 || !(start[0] == '=' || start[0] == '+' || start[0] == '-' || start[0] == '@'));
            if (i < len && csv[i] == sep) {
                i++;
                continue;
            }
            break;
        }
        CHECK(i + 1 < len + 1 && csv[i] == '\r' && csv[i + 1] == '\n');
        i += 2;
        lines++;
    }
    check_no_pnr(csv, len);
    return lines;
}

static void check_json(const char *text, int document)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        CHECK(*p >= 0x20 || *p == '\n');
    json_error_t err;
    json_t *v = json_loads(text, document ? 0 : JSON_DISABLE_EOF_CHECK, &err);
    if (v == NULL) {
        fprintf(stderr, "output does not parse back: %s\n%.2000s\n", err.text, text);
        abort();
    }
    json_decref(v);
    check_no_pnr(text, strlen(text));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 3);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = buf[size + 1] = buf[size + 2] = '\0';
    const char *id = buf;
    const char *unit = id + strlen(id) + 1;
    if (unit > buf + size)
        unit = buf + size + 1;
    const char *text = unit + strlen(unit) + 1;
    if (text > buf + size + 1)
        text = buf + size + 2;

    for (const char *s = id; s; s = s == id ? unit : s == unit ? text : NULL) {
        check_safe(s, EK_TEXT_LINE);
        check_safe(s, EK_TEXT_CELL);
    }

    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    CHECK(ek_context_new(&ctx) == EK_OK);
    if (ek_case_new(&c, id[0] ? id : "x") != EK_OK)
        CHECK(ek_case_new(&c, "x") == EK_OK);
    if (unit[0])
        (void)ek_case_set_unit(c, unit);
    ek_date d;
    CHECK(ek_date_parse("2025-01-02", &d) == EK_OK);
    CHECK(ek_case_add_event(c, "anmalan_mottagen", d, NULL) == EK_OK);
    size_t k;
    if (ek_case_add_event(c, "forhandsbedomning_synnerliga_skal", d + 3, &k) == EK_OK)
        (void)ek_case_event_set_string(c, k, "skal", text);
    CHECK(ek_evaluation_new(&ev) == EK_OK);
    ek_date as_of = d + 400;
    CHECK(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, as_of, ev) == EK_OK);

    for (int dia = 0; dia < 2; dia++) {
        char *csv = NULL;
        size_t len = 0, cap = 0;
        ek_csv_dialect dl = dia ? EK_CSV_EXCEL_SV : EK_CSV_RFC4180;
        CHECK(ek_evaluation_csv_header(dl, &csv, &len, &cap) == EK_OK);
        int rc = ek_evaluation_append_csv(ev, ek_case_unit(c), dl, &csv, &len, &cap);
        CHECK(rc == EK_OK);
        CHECK(check_csv(csv, len, dia ? ';' : ',') == 1 + ek_evaluation_count(ev));
        ek_free(csv);
    }
    char *json = NULL;
    int rc = ek_evaluation_write_json(ev, &json);
    CHECK(rc == EK_OK || rc == EK_ENOMEM); /* EK_ENOMEM also for text that is not UTF-8 */
    if (rc == EK_OK)
        check_json(json, 1);
    ek_free(json);
    json = NULL;
    rc = ek_evaluation_error_write_json(id, text, &json);
    if (rc == EK_OK)
        check_json(json, 1);
    ek_free(json);

    ek_report *r = NULL;
    CHECK(ek_report_new(&r, ctx, as_of) == EK_OK);
    CHECK(ek_report_add_case(r, c, NULL) == EK_OK);
    CHECK(ek_report_finish(r) == EK_OK);
    for (int dia = 0; dia < 2; dia++) {
        char *csv = NULL;
        CHECK(ek_report_write_csv_dialect(r, dia ? EK_CSV_EXCEL_SV : EK_CSV_RFC4180, &csv) == EK_OK);
        CHECK(check_csv(csv, strlen(csv), dia ? ';' : ',') > 1);
        ek_free(csv);
    }
    json = NULL;
    if (ek_report_write_json(r, &json) == EK_OK)
        check_json(json, 1);
    ek_free(json);
    ek_report_free(r);
    ek_evaluation_free(ev);
    ek_case_free(c);
    ek_context_free(ctx);
    free(buf);
    return 0;
}
