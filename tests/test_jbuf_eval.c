/* SPDX-License-Identifier: MIT */
/* The JSON text buffer of the evaluation writer (lib/io/jbuf_internal.h, issue 15): dates formatted without
 * a division, and personnummer masked string by string, both against the routines they replace. */
#include <stdio.h>
#include <stdlib.h>

#include "ek_test.h"

#include "calendar_internal.h"
#include "io/csv_internal.h"
#include "io/jbuf_internal.h"

/* Every day of the supported range, and the days just outside it. */
START_TEST(ymd_every_day)
{
    for (ek_date d = EK_DATE_MIN - 400; d <= EK_DATE_MAX + 400; d++) {
        int64_t y;
        int m, dd, y2, m2, dd2;
        ek__civil_from_days(d, &y, &m, &dd);
        ek__jb_ymd(d, &y2, &m2, &dd2);
        ck_assert_msg(y == y2 && m == m2 && dd == dd2, "day %lld: %lld-%d-%d vs %d-%d-%d", (long long)d,
                      (long long)y, m, dd, y2, m2, dd2);
    }
}
END_TEST

START_TEST(date_text_is_ek_date_format)
{
    for (ek_date d = EK_DATE_MIN; d <= EK_DATE_MAX; d += 1) {
        char want[EK_DATE_BUFSIZE + 2] = "\"";
        ck_ok(ek_date_format(d, want + 1, EK_DATE_BUFSIZE));
        strcat(want, "\"");
        ek__jbuf b = { NULL, 0, 0, 0, 0, 1 };
        ek__jb_date(&b, d);
        char *got = NULL;
        ck_ok(ek__jb_take(&b, &got));
        ck_assert_str_eq(got, want);
        ek_free(got);
    }
}
END_TEST

/* A random string of digits, '-', '+', quotes, backslashes, control characters, letters and 'å'. */
static void random_text(unsigned *seed, char *out, size_t max)
{
    static const char *const parts[] = { "0", "1", "2", "3", "5", "8", "9", "-", "+", "\"", "\\", "\x01",
                                         "\n", "a", " ", "\xc3\xa5", "19", "20", "12", "31", "0101" };
    size_t n = (size_t)(rand_r(seed) % 40), len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *p = parts[rand_r(seed) % (sizeof parts / sizeof parts[0])];
        size_t l = strlen(p);
        if (len + l + 1 > max)
            break;
        memcpy(out + len, p, l + 1);
        len += l;
    }
}

/* The same values written with each string masked as written and with the whole text masked at
 * the end (what the writers did before): the same bytes. */
START_TEST(masking_each_string_is_masking_the_text)
{
    unsigned seed = 15;
    static const char *const fixed[] = {
        "850101-1234", "198501011234", "8501011234", "x19850101-1234y", "\x01" "234567", "\x01" "23456712",
        "8501011234\"", "850101+1234", "20250101", "2025-01-01",
    };
    static const unsigned long long numbers[] = { 0, 7, 123456789, 8501011234ull, 198501011234ull, 9999999999ull };
    for (int round = 0; round < 20000; round++) {
        char *text[2] = { NULL, NULL };
        for (int each = 0; each <= 1; each++) {
            unsigned s = seed;
            ek__jbuf b = { NULL, 0, 0, 0, 0, each };
            EK__JB_LIT(&b, "[");
            for (int k = 0; k < 6; k++) {
                char str[128];
                int pick = (int)(rand_r(&s) % 8);
                if (pick == 0)
                    ek__jb_uint(&b, numbers[rand_r(&s) % (sizeof numbers / sizeof numbers[0])]);
                else if (pick == 1)
                    ek__jb_date(&b, EK_DATE_MIN + (ek_date)(rand_r(&s) % 90000));
                else if (pick == 2)
                    ek__jb_str(&b, fixed[rand_r(&s) % (sizeof fixed / sizeof fixed[0])]);
                else {
                    random_text(&s, str, sizeof str);
                    ek__jb_str(&b, str);
                }
                EK__JB_LIT(&b, ",");
            }
            EK__JB_LIT(&b, "0]");
            ck_ok(ek__jb_take(&b, &text[each]));
            if (each)
                seed = s;
        }
        ck_assert_str_eq(text[1], text[0]);
        ek_free(text[0]);
        ek_free(text[1]);
    }
}
END_TEST

/* ek__jb_str() of @s, masked string by string, is @want. */
static void str_written_as(const char *s, const char *want)
{
    ek__jbuf b = { NULL, 0, 0, 0, 0, 1 };
    ek__jb_str(&b, s);
    char *got = NULL;
    ck_ok(ek__jb_take(&b, &got));
    ck_assert_msg(strcmp(got, want) == 0, "%s is written as %s, not %s", s, got, want);
    ek_free(got);
}

/* A personnummer (and near misses) at every offset of text of other characters, digits among
 * them: each string masked as it is written equals the string masked afterwards (the writer looks
 * for a run of six digits eight bytes at a time before it masks). */
START_TEST(pnr_at_every_offset_is_masked)
{
    static const char *const shapes[] = { "850101-1234", "19850101-1234", "8501011234", "198501011234",
                                          "850101+1234", "000001", "85010-1234", "2025-08-27" };
    static const char *const fills[] = { "x", "1", "-", "\xc3\xa5", " 20" };
    for (size_t sh = 0; sh < sizeof shapes / sizeof shapes[0]; sh++)
        for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++)
            for (size_t before = 0; before < 20; before++)
                for (size_t after = 0; after < 12; after += 3) {
                    char text[256] = "";
                    for (size_t i = 0; i < before; i++)
                        strcat(text, fills[f]);
                    strcat(text, shapes[sh]);
                    for (size_t i = 0; i < after; i++)
                        strcat(text, fills[(f + 1) % (sizeof fills / sizeof fills[0])]);
                    char want[300];
                    snprintf(want, sizeof want, "\"%s\"", text);
                    ek_text_mask_pnr(want);
                    str_written_as(text, want);
                }
}
END_TEST

/* ek__jb_str() of @s is @s between quotes: nothing to escape, nothing masked. */
static void written_as_it_is(const char *what, const char *s)
{
    char want[512];
    ck_assert_msg(strlen(s) + 3 <= sizeof want, "%s %s is too long for the test", what, s);
    snprintf(want, sizeof want, "\"%s\"", s);
    str_written_as(s, want);
    /* and the CSV table's cell (ek__csv_own()): what ek_text_safe() makes of it */
    char cell[512];
    ck_assert_uint_lt(ek_text_safe(s, EK_TEXT_CELL, cell, sizeof cell), sizeof cell);
    ck_assert_msg(strcmp(cell, s) == 0, "%s %s is %s as a cell", what, s, cell);
}

/* The evaluation writers copy the library's own text (rule names, legal bases, certainties,
 * status and flag names; in CSV also dates) without escaping or masking it (json_eval.c,
 * rules_csv.c, issue 15): every such string of the built-in rulebook needs neither. */
START_TEST(own_text_needs_no_escape_and_no_mask)
{
    const ek_rulebook *rb = ek_rulebook_builtin();
    size_t rules = ek_rulebook_rule_count(rb), versions = 0;
    ck_assert_uint_gt(rules, 10);
    for (size_t i = 0; i < rules; i++) {
        ek_rule_info r = EK_RULE_INFO_INIT;
        ck_ok(ek_rulebook_rule(rb, i, &r));
        written_as_it_is("rule name", r.name);
        for (size_t k = 0; k < r.version_count; k++, versions++) {
            ek_rule_version_info v = EK_RULE_VERSION_INFO_INIT;
            ck_ok(ek_rulebook_rule_version(rb, i, k, &v));
            written_as_it_is("legal basis", v.basis ? v.basis : "");
            written_as_it_is("certainty", v.certainty ? v.certainty : "");
        }
    }
    ck_assert_uint_gt(versions, rules);
    for (int st = -1; st <= EK_OBL_ERROR + 2; st++)
        written_as_it_is("status", ek_obligation_status_name((ek_obligation_status)st));
    char all_flags[512] = "";
    for (unsigned bit = 1; bit != 0; bit <<= 1)
        if (ek_obligation_flag_name(bit) != NULL) {
            written_as_it_is("flag", ek_obligation_flag_name(bit));
            if (all_flags[0] != '\0')
                strcat(all_flags, "|");
            strcat(all_flags, ek_obligation_flag_name(bit));
        }
    written_as_it_is("flags", all_flags); /* the CSV table's flags cell */
    for (ek_date d = EK_DATE_MIN; d <= EK_DATE_MAX; d += 1) { /* its dates (JSON: date_text_is_ek_date_format) */
        char text[EK_DATE_BUFSIZE], cell[EK_DATE_BUFSIZE];
        ck_ok(ek_date_format(d, text, sizeof text));
        ek_text_safe(text, EK_TEXT_CELL, cell, sizeof cell);
        ck_assert_str_eq(cell, text);
    }
}
END_TEST

/* Numbers written into reserved room (the evaluation writer's event indices and sequence numbers)
 * are masked as the whole text would be: a number of ten or twelve digits can be shaped like a
 * personnummer. */
START_TEST(numbers_written_in_place_are_masked)
{
    static const unsigned long long numbers[] = {
        0, 9, 10, 99, 100, 101, 999, 1000, 12345, 123456789, 999999999, 1000000000, 8501011234ull,
        8501311234ull, 8513011234ull, 198501011234ull, 9999999999ull, 18446744073709551615ull,
    };
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        char want[32], got[EK__JB_UINT_ROOM + 1];
        snprintf(want, sizeof want, "%llu", numbers[i]);
        ek_text_mask_pnr(want);
        char *end = ek__jb_uint_masked_at(got, numbers[i]);
        *end = '\0';
        ck_assert_str_eq(got, want);
        end = ek__jb_uint_at(got, numbers[i]); /* unmasked: the digits */
        *end = '\0';
        snprintf(want, sizeof want, "%llu", numbers[i]);
        ck_assert_str_eq(got, want);
    }
}
END_TEST

/* The CSV table's own fields (ek__csv_own(), looked at eight bytes at a time): quoted, quotes
 * doubled, exactly when they hold the separator, a quote, CR or LF, at any position. */
START_TEST(csv_own_field_quoted_when_needed)
{
    static const char specials[] = { ',', ';', '"', '\r', '\n', 'a', '|', (char)0xC3 };
    for (int dialect = 0; dialect < 2; dialect++) {
        char sep = dialect ? ';' : ',';
        for (size_t len = 1; len <= 24; len++)
            for (size_t at = 0; at < len; at++)
                for (size_t k = 0; k < sizeof specials; k++) {
                    char text[32], want[80];
                    memset(text, 'x', len);
                    text[at] = specials[k];
                    char c = specials[k];
                    int quote = c == sep || c == '"' || c == '\r' || c == '\n';
                    size_t w = 0;
                    if (quote)
                        want[w++] = '"';
                    for (size_t i = 0; i < len; i++) {
                        want[w++] = text[i];
                        if (text[i] == '"')
                            want[w++] = '"';
                    }
                    if (quote)
                        want[w++] = '"';
                    ek__csv b;
                    ck_ok(ek__csv_init(&b, dialect ? EK_CSV_EXCEL_SV : EK_CSV_RFC4180));
                    ek__csv_own(&b, text, len);
                    ck_assert_msg(b.len == w && memcmp(b.p, want, w) == 0, "dialect %d, %zu bytes, 0x%02x at %zu",
                                  dialect, len, (unsigned char)c, at);
                    ek__csv_discard(&b);
                }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jbuf_eval");
    TCase *tc = tcase_create("jbuf_eval");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, ymd_every_day);
    tcase_add_test(tc, date_text_is_ek_date_format);
    tcase_add_test(tc, masking_each_string_is_masking_the_text);
    tcase_add_test(tc, own_text_needs_no_escape_and_no_mask);
    tcase_add_test(tc, pnr_at_every_offset_is_masked);
    tcase_add_test(tc, csv_own_field_quoted_when_needed);
    tcase_add_test(tc, numbers_written_in_place_are_masked);
    suite_add_tcase(s, tc);
    return ek_t_run(s);
}
