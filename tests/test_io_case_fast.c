/* SPDX-License-Identifier: MIT */
/* The fast case-1 reader (simdjson, lib/io/json_case_fast.h) against the reference jansson
 * reader (issue 15): identical cases, line numbers, warnings, errors and messages on every
 * fixture, on hand-made awkward lines and on systematic mutations of real lines.  Built with and
 * without simdjson; without it both sides are the reference reader (the test then checks the
 * split pipeline against the stream reader, which must agree too). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_diff.h"
#include "ek_test.h"
#ifdef EK_HAVE_SIMDJSON
#include "io/json_case_fast.h"
#endif

static const char *src_dir(void)
{
    const char *d = getenv("EK_SOURCE_DIR");
    return d ? d : ".";
}

static ek_t_case_diff_stats totals;

static void diff_buf(const char *data, size_t len, const char *name)
{
    char why[4096];
    int bad = ek_t_case_diff(data, len, name, &totals, why, sizeof why);
    ck_assert_msg(!bad, "%s: the readers differ: %s", name, why);
}

static void diff_file(const char *path)
{
    size_t len;
    char *data = ek_t_slurp(path, &len);
    diff_buf(data, len, path);
    free(data);
}

static void diff_dir(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4608];
        snprintf(path, sizeof path, "%.4095s/%.255s", dir, e->d_name);
        diff_file(path);
        n++;
    }
    closedir(d);
    ck_assert_msg(n > 0, "%s is empty", dir);
}

START_TEST(fixtures)
{
    static const char *const files[] = {
        "tests/data/cases/canonical.jsonl", "tests/data/cases/crlf.jsonl", "tests/data/cases/mixed.jsonl",
        "tests/data/rules/cases.jsonl", "tests/data/report/cases.jsonl", "tests/data/checklist/audit.jsonl",
        "tests/data/checklist/items.jsonl", "tests/data/checklist/mixed.jsonl", "tests/data/sarah/mixed.jsonl",
        "examples/data/cases.jsonl", "examples/data/seeds.jsonl", "examples/data/sarah.jsonl",
    };
    static const char *const dirs[] = {
        "fuzz/corpus/fuzz_case_json", "fuzz/corpus/fuzz_jsonl", "fuzz/corpus/fuzz_case_differential",
    };
    char path[4096];
    memset(&totals, 0, sizeof totals);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", src_dir(), files[i]);
        diff_file(path);
    }
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", src_dir(), dirs[i]);
        diff_dir(path);
    }
    /* Not vacuous: most lines are cases, and the errors are compared too. */
    ck_assert_uint_gt(totals.cases, 3000);
    ck_assert_uint_gt(totals.errors, 20);
}
END_TEST

/* Lines the fast reader must decline or read exactly: each alone, and all together (duplicate ids). */
static const char *const awkward[] = {
    /* ordinary, with key orders and whitespace varied */
    "{\"format\":\"egenkontroll/case-1\",\"id\":\"A1\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\"}]}",
    " {\"events\":[{\"date\":\"2025-01-02\",\"type\":\"anmalan_mottagen\"}], \"id\" : \"A2\" ,\"format\":\"egenkontroll/case-1\"}\t",
    "{\"id\":\"A3\",\"unit\":\"Norr\",\"child\":{\"birth_date\":\"2010-05-06\"},\"events\":[],\"answers\":[]}",
    /* no format key: a warning first; with other warnings too */
    "{\"id\":\"F1\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\"}]}",
    "{\"id\":\"F2\",\"events\":[{\"type\":\"okand_typ\",\"date\":\"2025-01-02\"}]}",
    "{\"id\":\"F3\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"x\":\"y\"}]}",
    "{\"format\":\"egenkontroll/case-2\",\"id\":\"F4\",\"events\":[]}",
    "{\"format\":1,\"id\":\"F5\",\"events\":[]}",
    /* escapes, control characters, NUL, invalid UTF-8, a byte order mark */
    "{\"id\":\"E\\u0031\",\"events\":[]}",
    "{\"id\":\"E2\",\"unit\":\"a\\\"b\",\"events\":[]}",
    "{\"id\":\"E3\",\"unit\":\"a\\u0000b\",\"events\":[]}",
    "{\"id\":\"E4\",\"unit\":\"a\tb\",\"events\":[]}",
    "{\"i\\u0064\":\"E5\",\"events\":[]}",
    "{\"id\":\"E6\",\"unit\":\"\xff\",\"events\":[]}",
    "{\"id\":\"E7\",\"unit\":\"\xc3\xa5\xe2\x82\xac\xf0\x9f\x98\x80\",\"events\":[]}",
    "\xef\xbb\xbf{\"id\":\"E8\",\"events\":[]}",
    "{\"id\":\"E9\",\"unit\":\"\\ud800\",\"events\":[]}",
    /* duplicate keys at every level */
    "{\"id\":\"D1\",\"id\":\"D1\",\"events\":[]}",
    "{\"id\":\"D2\",\"events\":[],\"events\":[]}",
    "{\"id\":\"D3\",\"child\":{\"birth_date\":\"2010-01-01\",\"birth_date\":\"2010-01-01\"},\"events\":[]}",
    "{\"id\":\"D4\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"date\":\"2025-01-03\"}]}",
    "{\"id\":\"D5\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"anmalare\":\"a\",\"anmalare\":\"b\"}]}",
    "{\"id\":\"D6\",\"events\":[],\"answers\":[{\"item\":\"x\",\"result\":\"ja\",\"item\":\"y\"}]}",
    /* structure */
    "{\"id\":\"S1\",\"events\":[]} x",
    "{\"id\":\"S2\",\"events\":[]}}",
    "{\"id\":\"S3\",\"events\":[]}{}",
    "{\"id\":\"S4\",\"events\":[],}",
    "{\"id\":\"S5\",\"events\":[{}]]}",
    "{\"id\":\"S6\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\"},]}",
    "{\"id\":\"S7\" \"events\":[]}",
    "{\"id\":\"S8\",\"events\":[]",
    "[{\"id\":\"S9\",\"events\":[]}]",
    "\"S10\"",
    "{\"id\":\"S11\",\"events\":[tru]}",
    "{\"id\":\"S12\",\"events\":[{\"type\":\"samtal_med_barnet\",\"date\":\"2025-01-02\",\"enskilt\":truex}]}",
    "{\"id\":\"S13\",\"events\":[]}\r",
    "{\"id\":\"S14\",\"events\":[]}\f",
    /* types and values */
    "{\"id\":\"\",\"events\":[]}",
    "{\"id\":7,\"events\":[]}",
    "{\"events\":[]}",
    "{\"id\":\"T1\"}",
    "{\"id\":\"T2\",\"events\":{}}",
    "{\"id\":\"T3\",\"events\":[1]}",
    "{\"id\":\"T4\",\"unit\":null,\"events\":[]}",
    "{\"id\":\"T5\",\"child\":[],\"events\":[]}",
    "{\"id\":\"T6\",\"child\":{\"birth_date\":\"2010-02-30\"},\"events\":[]}",
    "{\"id\":\"T7\",\"child\":{\"birth_date\":\"2010-01-01\",\"namn\":\"x\"},\"events\":[]}",
    "{\"id\":\"T8\",\"extra\":{\"a\":[1,2.50,true,null]},\"events\":[]}",
    "{\"id\":\"T9\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"1900-01-01\"}]}",
    "{\"id\":\"T10\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-1-01\"}]}",
    "{\"id\":\"T11\",\"events\":[{\"type\":\"\",\"date\":\"2025-01-01\"}]}",
    "{\"id\":\"T12\",\"events\":[{\"date\":\"2025-01-01\"}]}",
    "{\"id\":\"T13\",\"events\":[{\"type\":\"anmalan_mottagen\"}]}",
    "{\"id\":\"T14\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-01\",\"avser_vald\":\"ja\"}]}",
    "{\"id\":\"T15\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-01\",\"anmalare\":true}]}",
    "{\"id\":\"T16\",\"events\":[{\"type\":\"utredning_forlangd\",\"date\":\"2025-01-01\",\"ny_slutdag\":\"2025-06-01\"}]}",
    "{\"id\":\"T17\",\"events\":[{\"type\":\"utredning_forlangd\",\"date\":\"2025-01-01\"}]}",
    "{\"id\":\"T18\",\"events\":[{\"type\":\"utredning_forlangd\",\"date\":\"2025-01-01\",\"ny_slutdag\":true}]}",
    "{\"id\":\"T19\",\"events\":[{\"type\":\"beslut_vard\",\"date\":\"2025-01-01\",\"grund\":\"lvu9\"}]}",
    "{\"id\":\"T20\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-01\",\"id\":true}]}",
    "{\"id\":\"T21\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-01\",\"id\":\"r1\",\"ref\":\"r0\"}]}",
    "{\"id\":\"T22\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-01\",\"n\":5}]}",
    "{\"id\":\"T23\",\"events\":[{\"type\":\"okand\",\"date\":\"2025-01-01\",\"avser_vald\":\"x\",\"b\":false}]}",
    "{\"id\":\"T24\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-01\",\"type2\":\"x\"}],\"answers\":"
    "[{\"item\":\"a\",\"result\":\"ja\",\"reviewer\":\"r\",\"date\":\"2025-02-01\",\"comment\":\"c\"},"
    "{\"item\":\"a\",\"result\":\"nej\"}]}",
    "{\"id\":\"T25\",\"events\":[],\"answers\":[{\"item\":\"a\",\"result\":\"kanske\"}]}",
    "{\"id\":\"T26\",\"events\":[],\"answers\":[{\"item\":\"a\"}]}",
    "{\"id\":\"T27\",\"events\":[],\"answers\":[{\"item\":\"a\",\"result\":\"ja\",\"extra\":1}]}",
    "{\"id\":\"T28\",\"events\":[],\"answers\":[{\"item\":\"a\",\"result\":\"ja\",\"date\":5}]}",
    "{\"id\":\"T29\",\"events\":[],\"answers\":[\"a\"]}",
    "{\"id\":\"T30\",\"events\":[{\"type\":\"placering_verkstalld\",\"date\":\"2025-01-01\",\"grund\":\"sol\"}]}",
    "{\"id\":\"T31\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-03-01\"},"
    "{\"type\":\"skyddsbedomning\",\"date\":\"2025-02-01\"},{\"type\":\"skyddsbedomning\",\"date\":\"2025-03-01\"}]}",
    "{\"id\":\"T32\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-01\",\"a\":\"1\",\"b\":\"1\",\"c\":\"1\","
    "\"d\":\"1\",\"e\":\"1\",\"f\":\"1\",\"g\":\"1\",\"h\":\"1\",\"i\":\"1\",\"j\":\"1\",\"k\":\"1\",\"l\":\"1\",\"m\":\"1\","
    "\"n\":\"1\",\"o\":\"1\",\"p\":\"1\",\"q\":\"1\",\"r\":\"1\",\"s\":\"1\",\"t\":\"1\",\"u\":\"1\",\"v\":\"1\",\"w\":\"1\","
    "\"x\":\"1\",\"y\":\"1\",\"z\":\"1\",\"A\":\"1\",\"B\":\"1\",\"C\":\"1\",\"D\":\"1\"}]}",
    /* (fourth round) strings and keys taken from their tokens: white space around every colon and
     * comma, junk after a closing quote, listed keys in unusual places, a key a byte off a listed
     * one, long keys, duplicate unlisted keys, a required attribute missing or of the wrong kind */
    "{ \"id\" :\t\"W1\" , \"events\" : [ { \"type\" : \"anmalan_mottagen\" ,\r\"date\"\t:\"2025-01-02\" , "
    "\"anmalare\" :  \"x y\"  , \"avser_vald\" : true , \"id\" : \"e1\" } , {\"ref\":\"e1\" ,\"date\":\"2025-01-03\"\t,"
    "\"type\":\"skyddsbedomning\"\r} ] , \"unit\" : \"U\" }",
    "{\"id\":\"W2\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"anmalare\":\"a\"b}]}",
    "{\"id\":\"W3\",\"events\":[{\"type\":\"anmalan_mottagen\"x,\"date\":\"2025-01-02\"}]}",
    "{\"id\":\"W4\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"anmalare\"x:\"a\"}]}",
    "{\"id\":\"W5\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"anmalar\":\"a\",\"anmalaren\":\"b\","
    "\"Anmalare\":\"c\",\"typ\":\"d\",\"dat\":\"e\",\"refs\":\"f\",\"i\":\"g\"}]}",
    "{\"id\":\"W6\",\"events\":[{\"type\":\"okand_typ\",\"date\":\"2025-01-02\",\"x\":\"1\",\"y\":true,\"x\":\"2\"}]}",
    "{\"id\":\"W7\",\"events\":[{\"type\":\"okand_typ\",\"date\":\"2025-01-02\","
    "\"en_mycket_lang_nyckel_som_inte_finns_i_formatet_alls\":\"1\",\"nodvandighet_dokumenterad\":true}]}",
    "{\"id\":\"W8\",\"events\":[{\"type\":\"polishandrackning\",\"date\":\"2025-01-02\","
    "\"nodvandighet_dokumenterad\":true,\"en_mycket_lang_nyckel_som_inte_finns_i_formatet_alls\":false}]}",
    "{\"id\":\"W9\",\"events\":[{\"type\":\"ivo_beslut\",\"date\":\"2025-01-02\",\"svar_senast\":\"2025-02-30\"}]}",
    "{\"id\":\"W10\",\"events\":[{\"type\":\"ivo_beslut\",\"date\":\"2025-01-02\"},"
    "{\"type\":\"ivo_beslut\",\"date\":\"2025-01-03\",\"svar_senast\":\"2025-02-28\"}]}",
    "{\"id\":\"W11\",\"events\":[{\"type\":\"ivo_beslut\",\"date\":\"2025-01-31\",\"svar_senast\":\"2025-12-31\"},"
    "{\"type\":\"ivo_beslut\",\"date\":\"2024-02-29\",\"svar_senast\":\"2100-02-29\"}]}",
    "{\"id\":\"W12\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"anmalare\":\"\"}],"
    "\"answers\":[{\"item\" : \"a\" , \"result\" : \"ja\" }]}",
    "{\"id\":\"A1\",\"events\":[]}",
    /* a duplicate id on a line that is wrong after the id: the duplicate is reported */
    "{\"id\":\"A2\",\"events\":[1]}",
};

START_TEST(awkward_lines)
{
    size_t n = sizeof awkward / sizeof awkward[0];
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "awkward-%zu", i);
        diff_buf(awkward[i], strlen(awkward[i]), name);
        total += strlen(awkward[i]) + 1;
    }
    char *all = malloc(total + 1), *p = all;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(awkward[i]);
        memcpy(p, awkward[i], l);
        p[l] = '\n';
        p += l + 1;
    }
    diff_buf(all, total, "awkward.jsonl");
    free(all);
}
END_TEST

/* The fast reader's own shortcuts (issue 15, third round) against the reference: event types
 * looked up by length (every listed name, and each one a byte short or long), dates read from
 * fixed positions (month ends, leap days, the range's ends, malformed ones), strings scanned eight
 * bytes at a time (a quote, backslash or control character at every offset), attributes stored
 * without a second look-up (listed, unlisted, restricted values, an empty key). */
static void diff_line(const char *line, const char *what)
{
    diff_buf(line, strlen(line), what);
}

START_TEST(shortcuts)
{
    char line[4096];
    for (int t = 1; t <= (int)ek_event_type_count(); t++) {
        const char *name = ek_event_type_name((ek_event_type)t);
        size_t n = strlen(name);
        snprintf(line, sizeof line, "{\"id\":\"Y%d\",\"events\":[{\"type\":\"%s\",\"date\":\"2025-01-02\"}]}", t, name);
        diff_line(line, name);
        snprintf(line, sizeof line, "{\"id\":\"Y%d\",\"events\":[{\"type\":\"%.*s\",\"date\":\"2025-01-02\"}]}", t,
                 (int)n - 1, name);
        diff_line(line, "type a byte short");
        snprintf(line, sizeof line, "{\"id\":\"Y%d\",\"events\":[{\"type\":\"%sx\",\"date\":\"2025-01-02\"}]}", t, name);
        diff_line(line, "type a byte long");
    }
    static const char *const dates[] = {
        "2024-02-28", "2024-02-29", "2023-02-29", "2000-02-29", "2100-02-29", "2025-04-30", "2025-04-31",
        "2025-01-31", "2025-01-32", "2025-12-31", "2025-00-10", "2025-13-01", "2025-01-00", "1952-12-31",
        "1953-01-01", "2199-12-31", "2200-01-01", "2025-01-0a", "2025/01/01", "20250-1-01", "2025-01-011",
        "2025-01-1", "", "0000-01-01", "9999-12-31", "2025-1a-01", "202a-01-01", "2025-01-29", "2025-02-28",
    };
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        snprintf(line, sizeof line, "{\"id\":\"D\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"%s\"}]}",
                 dates[k]);
        diff_line(line, dates[k]);
        snprintf(line, sizeof line,
                 "{\"id\":\"D\",\"events\":[{\"type\":\"utredning_forlangd\",\"date\":\"2025-01-02\","
                 "\"ny_slutdag\":\"%s\"}]}", dates[k]);
        diff_line(line, dates[k]);
        snprintf(line, sizeof line, "{\"id\":\"D\",\"child\":{\"birth_date\":\"%s\"},\"events\":[]}", dates[k]);
        diff_line(line, dates[k]);
    }
    static const char *const bad[] = { "\\\"", "\\\\", "\\n", "\\u0041", "\t", "\x01", "\x1f" };
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
        for (int at = 0; at <= 17; at++) {
            char text[64];
            snprintf(text, sizeof text, "%.*s%s%s", at, "abcdefghijklmnopqrstuvwxyz", bad[b], "tail");
            snprintf(line, sizeof line, "{\"id\":\"S\",\"unit\":\"%s\",\"events\":[]}", text);
            diff_line(line, "unit");
            snprintf(line, sizeof line,
                     "{\"id\":\"S\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"anmalare\":\"%s\"}]}",
                     text);
            diff_line(line, "attribute value");
            snprintf(line, sizeof line,
                     "{\"id\":\"S\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"%s\":\"x\"}]}", text);
            diff_line(line, "attribute key");
        }
    /* keys and values around the sizes the attribute intake copies on the stack (256, 1024) */
    static const size_t lens[] = { 1, 255, 256, 257, 600, 1023, 1024, 1025, 1100 };
    for (size_t a = 0; a < sizeof lens / sizeof lens[0]; a++) {
        char big[1200];
        memset(big, 'k', lens[a]);
        big[lens[a]] = '\0';
        snprintf(line, sizeof line,
                 "{\"format\":\"egenkontroll/case-1\",\"id\":\"L\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"%s\":\"v\"}]}", big);
        diff_line(line, "long unlisted key");
        snprintf(line, sizeof line,
                 "{\"format\":\"egenkontroll/case-1\",\"id\":\"L\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"x\":\"%s\"}]}", big);
        diff_line(line, "long value of an unlisted key");
        snprintf(line, sizeof line,
                 "{\"format\":\"egenkontroll/case-1\",\"id\":\"L\",\"events\":[{\"type\":\"utredning_avslutad\",\"date\":\"2025-01-02\","
                 "\"barnets_asikt\":\"%s\"}]}", big);
        diff_line(line, "long value outside the listed words");
        snprintf(line, sizeof line,
                 "{\"format\":\"egenkontroll/case-1\",\"id\":\"%s\",\"unit\":\"%s\",\"events\":[{\"type\":\"%s\",\"date\":\"2025-01-02\"}]}",
                 big, big, lens[a] < 300 ? big : "x");
        diff_line(line, "long id, unit and unknown type");
    }
    static const char *const attrs[] = {
        "\"grund\":\"sol\"", "\"grund\":\"lvu\"", "\"grund\":\"lvu22\"", "\"grund\":\"\"", "\"grund\":true",
        "\"placeringsform\":\"hvb\"", "\"placeringsform\":\"hv\"", "\"hem\":\"H1\"", "\"hem\":false",
        "\"ny_slutdag\":\"2025-03-01\"", "\"okand\":\"x\"", "\"okand\":true", "\"\":\"x\"", "\"\":true",
        "\"grun\":\"sol\"", "\"grundx\":\"sol\"", "\"avser_vald\":true", "\"avser_vald\":\"true\"",
    };
    static const char *const types[] = { "beslut_vard", "placering_verkstalld", "anmalan_mottagen", "okand_typ" };
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
        for (size_t a = 0; a < sizeof attrs / sizeof attrs[0]; a++) {
            snprintf(line, sizeof line,
                     "{\"id\":\"K\",\"events\":[{\"type\":\"%s\",\"date\":\"2025-01-02\",%s,\"id\":\"e1\"},"
                     "{\"type\":\"%s\",\"date\":\"2025-01-01\",\"ref\":\"e1\",%s}]}",
                     types[t], attrs[a], types[t], attrs[(a + 1) % (sizeof attrs / sizeof attrs[0])]);
            diff_line(line, attrs[a]);
        }
}
END_TEST

/* Every single-byte deletion, and a set of replacements and insertions at every position, of
 * lines that use every branch of the fast reader. */
START_TEST(mutations)
{
    static const char *const lines[] = {
        "{\"format\":\"egenkontroll/case-1\",\"id\":\"M1\",\"unit\":\"U\",\"child\":{\"birth_date\":\"2010-05-06\"},"
        "\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-01-02\",\"id\":\"r1\",\"avser_vald\":false},"
        "{\"type\":\"utredning_forlangd\",\"date\":\"2025-03-01\",\"ref\":\"r1\",\"ny_slutdag\":\"2025-09-01\",\"x\":true}],"
        "\"answers\":[{\"item\":\"i\",\"result\":\"ja\",\"date\":\"2025-04-01\"}]}",
        "{\"id\":\"M2\",\"events\":[{\"type\":\"beslut_vard\",\"date\":\"2025-01-02\",\"grund\":\"lvu2\"}]}",
    };
    static const char subst[] = { '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\0', '\x01', '\xff', 'a', '0' };
    char buf[1024];
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        size_t len = strlen(lines[k]);
        ck_assert_uint_lt(len + 2, sizeof buf);
        for (size_t i = 0; i < len; i++) {
            /* deletion */
            memcpy(buf, lines[k], i);
            memcpy(buf + i, lines[k] + i + 1, len - i - 1);
            diff_buf(buf, len - 1, "deleted");
            for (size_t s = 0; s < sizeof subst; s++) {
                /* replacement */
                memcpy(buf, lines[k], len);
                buf[i] = subst[s];
                diff_buf(buf, len, "replaced");
                /* insertion */
                memcpy(buf, lines[k], i);
                buf[i] = subst[s];
                memcpy(buf + i + 1, lines[k] + i, len - i);
                diff_buf(buf, len + 1, "inserted");
            }
        }
    }
}
END_TEST

#ifdef EK_HAVE_SIMDJSON
/* The fast reader really is used: it takes the ordinary lines of the demo data (and declines
 * lines with escapes, which the reference reader reads). */
START_TEST(fast_takes_ordinary_lines)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/data/cases.jsonl", src_dir());
    size_t len;
    char *data = ek_t_slurp(path, &len);
    ek__fast_reader *f = ek__fast_reader_new();
    ck_assert_ptr_nonnull(f);
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "x"));
    size_t lines = 0, taken = 0;
    for (char *p = data, *end = data + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (l > 0) {
            lines++;
            taken += ek__fast_read_case(f, c, p, l) == 1;
        }
        p += l + 1;
    }
    ck_assert_uint_gt(taken * 100, lines * 95);
    const char *esc = "{\"id\":\"E\\u0031\",\"events\":[]}";
    ck_assert_int_eq(ek__fast_read_case(f, c, esc, strlen(esc)), 0);
    ck_ok(ek_case_read_json(c, esc, strlen(esc), NULL));
    ck_assert_str_eq(ek_case_id(c), "E1");
    ek_case_free(c);
    ek__fast_reader_free(f);
    free(data);
}
END_TEST
#endif

int main(void)
{
    Suite *s = suite_create("io_case_fast");
    TCase *tc = tcase_create("differential");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, fixtures);
    tcase_add_test(tc, awkward_lines);
    tcase_add_test(tc, mutations);
    tcase_add_test(tc, shortcuts);
#ifdef EK_HAVE_SIMDJSON
    tcase_add_test(tc, fast_takes_ordinary_lines);
#endif
    suite_add_tcase(s, tc);
    return ek_t_run(s);
}
