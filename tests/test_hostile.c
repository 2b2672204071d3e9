/* SPDX-License-Identifier: MIT */
/* Suite "hostile": input an attacker or a broken export could produce.
 * Every case must end in a clear error (status + message naming the place),
 * in bounded memory and time, and must not cost the valid records around it.
 *
 * Covered so far: the shared JSON Lines reader (lib/io/jsonl.c) — huge
 * lines, deep nesting, NUL bytes, invalid UTF-8, CR/LF, blank lines, huge
 * files; dates and periods at the ends of the supported range.
 * Uses private symbols (io_internal.h), so it links the static library. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ek_test.h"
#include "io/io_internal.h"

static int under_valgrind(void) { return getenv("EK_UNDER_VALGRIND") != NULL; }

/* The full-size scaling checks (hundreds of thousands to a million events in
 * one case) run when EK_HOSTILE_SCALE is set — .ci/run's "scale" step; the
 * default run uses sizes that take well under a second. */
static int full_scale(void) { return getenv("EK_HOSTILE_SCALE") != NULL && !under_valgrind(); }

/* ---- a byte-counting allocator: proves memory stays bounded ------------ */

typedef struct bytes_state { size_t live, peak; long blocks; } bytes_state;
typedef union bhdr { size_t size; max_align_t align; } bhdr;

static void *b_malloc(size_t size, void *user)
{
    bytes_state *st = user;
    bhdr *h = malloc(sizeof(bhdr) + size);
    if (!h)
        return NULL;
    h->size = size;
    st->live += size;
    st->blocks++;
    if (st->live > st->peak)
        st->peak = st->live;
    return h + 1;
}

static void *b_realloc(void *p, size_t size, void *user)
{
    bytes_state *st = user;
    bhdr *old = (bhdr *)p - 1;
    size_t old_size = old->size;
    bhdr *h = realloc(old, sizeof(bhdr) + size);
    if (!h)
        return NULL;
    h->size = size;
    st->live = st->live - old_size + size;
    if (st->live > st->peak)
        st->peak = st->live;
    return h + 1;
}

static void b_free(void *p, void *user)
{
    bytes_state *st = user;
    if (!p)
        return;
    bhdr *h = (bhdr *)p - 1;
    st->live -= h->size;
    st->blocks--;
    free(h);
}

static void bytes_install(bytes_state *st)
{
    memset(st, 0, sizeof *st);
    ek_allocator a = { EK_ALLOCATOR_VERSION, b_malloc, b_realloc, b_free, st };
    ck_assert_int_eq(ek_set_allocator(&a), EK_OK);
}

/* ---- helpers ------------------------------------------------------------- */

static ek_jsonl_reader *mem_reader(const char *data, size_t len)
{
    ek_jsonl_reader *r = NULL;
    ck_ok(ek_jsonl_reader_from_memory(&r, data, len, "hostile.jsonl"));
    return r;
}

/* Next line, parsed: returns the status of reading (1/0/<0) or, for a line,
 * the status of parsing (EK_OK/…) as *parse. */
static int next_parsed(ek_jsonl_reader *r, int *parse, json_t **obj)
{
    const char *line;
    size_t len;
    *obj = NULL;
    int rc = ek__jsonl_next(r, &line, &len);
    if (rc == 1)
        *parse = ek__json_parse_object(ek_jsonl_reader_name(r), ek_jsonl_reader_line(r), line, len, obj);
    return rc;
}

/* Expect the next line to parse as an object whose key "k" has integer v. */
static void expect_good(ek_jsonl_reader *r, long v, unsigned long lineno)
{
    int parse = -1;
    json_t *obj;
    int rc = next_parsed(r, &parse, &obj);
    ck_assert_msg(rc == 1, "expected a line, got %d (%s)", rc, ek_error_last()->message);
    ck_assert_msg(parse == EK_OK, "line %lu did not parse: %s", lineno, ek_error_last()->message);
    ck_assert_uint_eq(ek_jsonl_reader_line(r), lineno);
    ck_assert_int_eq(json_integer_value(json_object_get(obj, "k")), v);
    json_decref(obj);
}

/* Expect the next line to be read but rejected by the parser with @status. */
static void expect_bad(ek_jsonl_reader *r, int status, unsigned long lineno, const char *msg)
{
    int parse = EK_OK;
    json_t *obj;
    int rc = next_parsed(r, &parse, &obj);
    ck_assert_msg(rc == 1, "expected a line, got %d (%s)", rc, ek_error_last()->message);
    ck_assert_msg(parse == status, "line %lu: got %s, expected %s (%s)", lineno, ek_status_name(parse),
                  ek_status_name(status), ek_error_last()->message);
    ck_assert_ptr_null(obj);
    const ek_error *e = ek_error_last();
    ck_assert_int_eq(e->status, status);
    ck_assert_uint_eq(e->line, lineno);
    ck_assert_str_eq(e->source, "hostile.jsonl");
    if (msg)
        ck_msg_has(msg);
}

static void expect_eof(ek_jsonl_reader *r)
{
    const char *line;
    size_t len;
    ck_assert_int_eq(ek__jsonl_next(r, &line, &len), 0);
    ck_assert_int_eq(ek__jsonl_next(r, &line, &len), 0); /* and stays at the end */
}

/* ---- JSON Lines: line limit ----------------------------------------------- */

/* A line one byte over EK_IO_MAX_LINE is EK_ELIMIT, the next line is still
 * read, and the reader's buffer never grows past the limit. */
START_TEST(jsonl_line_over_limit_then_good_line)
{
    size_t big = (size_t)EK_IO_MAX_LINE + 1;
    const char *tail = "\n{\"k\":2}\n";
    size_t total = 8 + big + strlen(tail);
    char *data = malloc(total);
    ck_assert_ptr_nonnull(data);
    memcpy(data, "{\"k\":1}\n", 8);
    memset(data + 8, ' ', big);
    data[8] = '{';
    memcpy(data + 8 + big, tail, strlen(tail));

    bytes_state st;
    bytes_install(&st);
    ek_jsonl_reader *r = mem_reader(data, total);
    size_t copy = st.live; /* the reader's own copy of the input */
    expect_good(r, 1, 1);
    const char *line;
    size_t len;
    ck_assert_int_eq(ek__jsonl_next(r, &line, &len), EK_ELIMIT);
    ck_assert_uint_eq(ek_error_last()->line, 2);
    ck_msg_has("hostile.jsonl:2");
    ck_msg_has("longer than");
    expect_good(r, 2, 3);
    expect_eof(r);
    ek_jsonl_reader_free(r);
    ck_assert_int_eq(ek_set_allocator(NULL), EK_OK);
    ck_assert_uint_eq(st.live, 0);
    ck_assert_msg(st.peak <= copy + 2 * (size_t)EK_IO_MAX_LINE + 4096,
                  "peak %zu bytes for a %zu-byte input", st.peak, total);
    free(data);
}
END_TEST

/* A line of exactly EK_IO_MAX_LINE bytes is accepted (the boundary). */
START_TEST(jsonl_line_at_limit_is_read)
{
    size_t n = EK_IO_MAX_LINE;
    char *data = malloc(n + 20);
    ck_assert_ptr_nonnull(data);
    /* {"k":3,"s":"xxxx…"} exactly n bytes, then a good line */
    const char *head = "{\"k\":3,\"s\":\"";
    size_t hl = strlen(head);
    memcpy(data, head, hl);
    memset(data + hl, 'x', n - hl - 2);
    memcpy(data + n - 2, "\"}", 2);
    memcpy(data + n, "\r\n{\"k\":4}", 9);
    ek_jsonl_reader *r = mem_reader(data, n + 9);
    const char *line;
    size_t len;
    ck_assert_int_eq(ek__jsonl_next(r, &line, &len), 1);
    ck_assert_uint_eq(len, n);
    if (!under_valgrind()) { /* jansson on 16 MiB under valgrind is slow, not wrong */
        json_t *obj = NULL;
        ck_ok(ek__json_parse_object("x", 1, line, len, &obj));
        ck_assert_uint_eq(json_string_length(json_object_get(obj, "s")), n - hl - 2);
        json_decref(obj);
    }
    expect_good(r, 4, 2);
    expect_eof(r);
    ek_jsonl_reader_free(r);
    free(data);
}
END_TEST

/* ---- JSON Lines: structure ------------------------------------------------- */

/* A line that is JSON but not an object is EK_EPARSE naming what it found
 * (regression: the message once read the freed value). */
START_TEST(jsonl_not_an_object)
{
    const char *in = "[1,2]\n\"str\"\n42\nnull\n{\"k\":5}\n";
    ek_jsonl_reader *r = mem_reader(in, strlen(in));
    expect_bad(r, EK_EPARSE, 1, "found an array");
    expect_bad(r, EK_EPARSE, 2, "hostile.jsonl:2:"); /* scalars: jansson's own message */
    expect_bad(r, EK_EPARSE, 3, "hostile.jsonl:3:");
    expect_bad(r, EK_EPARSE, 4, "hostile.jsonl:4:");
    expect_good(r, 5, 5);
    expect_eof(r);
    ek_jsonl_reader_free(r);
}
END_TEST

START_TEST(jsonl_deep_nesting)
{
    /* EK_IO_MAX_DEPTH levels pass, one more is EK_ELIMIT, and 1,000,000
     * levels are rejected without recursion (no stack overflow), quickly. */
    size_t huge = 1000000;
    size_t cap = 2 * huge + 4096;
    char *in = malloc(cap);
    ck_assert_ptr_nonnull(in);
    size_t n = 0;
    for (int depth = EK_IO_MAX_DEPTH; depth <= EK_IO_MAX_DEPTH + 1; depth++) {
        n += (size_t)sprintf(in + n, "{\"k\":%d,\"a\":", depth);
        for (int i = 1; i < depth; i++)
            in[n++] = '[';
        for (int i = 1; i < depth; i++)
            in[n++] = ']';
        in[n++] = '}';
        in[n++] = '\n';
    }
    for (size_t i = 0; i < huge; i++)
        in[n++] = '[';
    in[n++] = '\n';
    /* brackets inside strings do not count */
    n += (size_t)sprintf(in + n, "{\"k\":7,\"s\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[\"}\n");
    n += (size_t)sprintf(in + n, "{\"k\":8}");
    ck_assert_uint_lt(n, cap);
    ek_jsonl_reader *r = mem_reader(in, n);
    expect_good(r, EK_IO_MAX_DEPTH, 1);
    expect_bad(r, EK_ELIMIT, 2, "nested deeper");
    expect_bad(r, EK_ELIMIT, 3, "nested deeper");
    ck_assert_uint_eq(ek_error_last()->column, EK_IO_MAX_DEPTH + 1);
    expect_good(r, 7, 4);
    expect_good(r, 8, 5);
    expect_eof(r);
    ek_jsonl_reader_free(r);
    free(in);
}
END_TEST

/* ---- JSON Lines: bytes ------------------------------------------------------ */

START_TEST(jsonl_nul_bytes)
{
    static const char in[] = "{\"k\":1,\"s\":\"a\0b\"}\n{\"k\":2,\"s\":\"a\\u0000b\"}\n\0\n{\"k\":3}\n";
    ek_jsonl_reader *r = mem_reader(in, sizeof in - 1);
    expect_bad(r, EK_EPARSE, 1, "hostile.jsonl:1:");
    expect_bad(r, EK_EPARSE, 2, NULL);   /* \u0000 escapes are refused too */
    expect_bad(r, EK_EPARSE, 3, NULL);   /* a line holding only a NUL is not blank */
    expect_good(r, 3, 4);
    expect_eof(r);
    ek_jsonl_reader_free(r);
}
END_TEST

START_TEST(jsonl_invalid_utf8)
{
    static const char in[] =
        "{\"k\":1,\"s\":\"\xff\xfe\"}\n"             /* never valid */
        "{\"k\":2,\"s\":\"\xc0\xaf\"}\n"             /* overlong '/' */
        "{\"k\":3,\"s\":\"\xed\xa0\x80\"}\n"         /* UTF-16 surrogate encoded */
        "{\"k\":4,\"s\":\"\xe5\xe4\xf6\"}\n"         /* Latin-1 å ä ö */
        "{\"k\":5,\"s\":\"\\ud800\"}\n"              /* lone surrogate escape */
        "{\"k\":6,\"s\":\"\xc3\xa5\xc3\xa4\xc3\xb6\"}\n"; /* valid: å ä ö */
    ek_jsonl_reader *r = mem_reader(in, sizeof in - 1);
    for (unsigned long i = 1; i <= 5; i++)
        expect_bad(r, EK_EPARSE, i, NULL);
    expect_good(r, 6, 6);
    expect_eof(r);
    ek_jsonl_reader_free(r);
}
END_TEST

START_TEST(jsonl_crlf_blank_and_final_line)
{
    static const char in[] = "\r\n  \t \n{\"k\":1}\r\n\n\r\n{\"k\":2}   \r\n{\"k\":3}\r{\"k\":4}\n{\"k\":5}";
    ek_jsonl_reader *r = mem_reader(in, sizeof in - 1);
    expect_good(r, 1, 3);
    expect_good(r, 2, 6);
    expect_bad(r, EK_EPARSE, 7, NULL);  /* a lone CR is not a line break */
    expect_good(r, 5, 8);               /* last line without newline */
    expect_eof(r);
    ek_jsonl_reader_free(r);

    /* Empty input and input of only blank lines. */
    r = mem_reader("", 0);
    expect_eof(r);
    ek_jsonl_reader_free(r);
    r = mem_reader("\n\n \r\n", 5);
    expect_eof(r);
    ck_assert_uint_eq(ek_jsonl_reader_line(r), 3);
    ek_jsonl_reader_free(r);
}
END_TEST

START_TEST(jsonl_duplicate_keys_and_junk)
{
    static const char in[] = "{\"k\":1,\"k\":2}\n{\"k\":2} trailing\n{\"k\":3\n{\"k\":4}\n";
    ek_jsonl_reader *r = mem_reader(in, sizeof in - 1);
    expect_bad(r, EK_EPARSE, 1, NULL);
    expect_bad(r, EK_EPARSE, 2, NULL);
    expect_bad(r, EK_EPARSE, 3, NULL);
    expect_good(r, 4, 4);
    expect_eof(r);
    ek_jsonl_reader_free(r);
}
END_TEST

/* Long strings and many keys in one (valid) line; long keys in the column helper. */
START_TEST(jsonl_long_strings_and_keys)
{
    size_t slen = 4u << 20;
    char *in = malloc(slen + 64);
    ck_assert_ptr_nonnull(in);
    size_t n = (size_t)sprintf(in, "{\"k\":1,\"");
    memset(in + n, 'K', slen);
    n += slen;
    n += (size_t)sprintf(in + n, "\":\"v\"}\n{\"k\":2}");
    ek_jsonl_reader *r = mem_reader(in, n);
    const char *line;
    size_t len;
    ck_assert_int_eq(ek__jsonl_next(r, &line, &len), 1);
    json_t *obj = NULL;
    ck_ok(ek__json_parse_object("x", 1, line, len, &obj));
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        (void)v;
        /* a key longer than the helper's pattern buffer gives 0, not overflow */
        (void)ek__jsonl_key_column(line, len, key, 0);
    }
    ck_assert_uint_eq(ek__jsonl_key_column(line, len, "k", 0), 6);
    ck_assert_uint_eq(ek__jsonl_key_column(line, len, "k", (unsigned long)len + 10), 0);
    json_decref(obj);
    expect_good(r, 2, 2);
    ek_jsonl_reader_free(r);
    free(in);
}
END_TEST

/* A file of many lines is read with flat memory; every good line around bad
 * ones is delivered. */
START_TEST(jsonl_huge_file_flat_memory)
{
    long lines = under_valgrind() ? 20000 : 300000;
    char path[] = "/tmp/ek_hostile_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *fp = fdopen(fd, "w");
    ck_assert_ptr_nonnull(fp);
    for (long i = 1; i <= lines; i++) {
        if (i % 1000 == 0)
            fprintf(fp, "{\"k\":%ld,\"broken\n", i);
        else
            fprintf(fp, "{\"k\":%ld,\"pad\":\"%s\"}\n", i, "0123456789abcdef0123456789abcdef");
    }
    fclose(fp);

    bytes_state st;
    bytes_install(&st);
    ek_jsonl_reader *r = NULL;
    ck_ok(ek_jsonl_reader_open(&r, path));
    long good = 0, bad = 0;
    for (;;) {
        int parse = -1;
        json_t *obj;
        int rc = next_parsed(r, &parse, &obj);
        if (rc == 0)
            break;
        ck_assert_int_eq(rc, 1);
        if (parse == EK_OK) {
            ck_assert_int_eq(json_integer_value(json_object_get(obj, "k")), (long)ek_jsonl_reader_line(r));
            good++;
            json_decref(obj);
        } else {
            ck_assert_int_eq(parse, EK_EPARSE);
            ck_assert_uint_eq(ek_jsonl_reader_line(r) % 1000, 0);
            bad++;
        }
    }
    ek_jsonl_reader_free(r);
    ck_assert_int_eq(ek_set_allocator(NULL), EK_OK);
    unlink(path);
    ck_assert_int_eq(good + bad, lines);
    ck_assert_int_eq(bad, lines / 1000);
    ck_assert_uint_eq(st.live, 0);
    /* flat: a read buffer of a fixed size, whatever the file's size (~20 MB here) */
    ck_assert_msg(st.peak < 1024 * 1024, "peak %zu bytes reading %ld lines", st.peak, lines);
}
END_TEST

START_TEST(jsonl_open_errors)
{
    ek_jsonl_reader *r = NULL;
    ck_status(ek_jsonl_reader_open(&r, "/nonexistent/dir/cases.jsonl"), EK_EIO);
    ck_msg_has("/nonexistent/dir/cases.jsonl");
    ck_assert_ptr_null(r);
    /* A directory opens on Linux but cannot be read: EK_EIO, not a crash. */
    if (ek_jsonl_reader_open(&r, "/") == EK_OK) {
        const char *line;
        size_t len;
        ck_status(ek__jsonl_next(r, &line, &len), EK_EIO);
        ek_jsonl_reader_free(r);
    }
    ck_status(ek_jsonl_reader_open(NULL, "x"), EK_EINVAL);
    ck_status(ek_jsonl_reader_open(&r, NULL), EK_EINVAL);
    ck_status(ek_jsonl_reader_from_memory(&r, NULL, 5, NULL), EK_EINVAL);
    ck_ok(ek_jsonl_reader_from_memory(&r, NULL, 0, NULL));
    ck_assert_str_eq(ek_jsonl_reader_name(r), "<memory>");
    ek_jsonl_reader_free(r);
    ck_assert_uint_eq(ek_jsonl_reader_line(NULL), 0);
    ck_assert_ptr_null(ek_jsonl_reader_name(NULL));
}
END_TEST

/* ---- dates and periods at the ends of the range --------------------------- */

START_TEST(dates_at_range_ends)
{
    ek_date d = 0;
    ck_ok(ek_date_parse("1953-01-01", &d));
    ck_assert_int_eq(d, EK_DATE_MIN);
    ck_ok(ek_date_parse("2199-12-31", &d));
    ck_assert_int_eq(d, EK_DATE_MAX);
    d = 42;
    ck_status(ek_date_parse("1952-12-31", &d), EK_ERANGE);
    ck_status(ek_date_parse("2200-01-01", &d), EK_ERANGE);
    ck_status(ek_date_parse("9999-12-31", &d), EK_ERANGE);
    ck_status(ek_date_parse("0000-01-01", &d), EK_ERANGE);
    ck_assert_int_eq(d, 42);
    static const char *bad[] = { "", "-001-01-01", "+2026-01-15", "2026-01-15T00:00", "2026-01-15\n",
                                 "20260115", "2026-1-15", "2026-01-1", "２０２６-01-15", "2026-01-15\xff",
                                 "99999999999999999999-01-01", "2026-00-10", "2026-01-00" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = ek_date_parse(bad[i], &d);
        ck_assert_msg(rc == EK_EPARSE || rc == EK_EINVAL || rc == EK_ERANGE, "\"%s\" gave %s", bad[i],
                      ek_status_name(rc));
        ck_assert_int_eq(d, 42);
    }
    /* A buffer with a NUL inside, and one not NUL-terminated. */
    ck_assert_int_ne(ek_date_parse_n("2026-01\0-15", 10, &d), EK_OK);
    ck_ok(ek_date_parse_n("2026-01-15XYZ", 10, &d));
    ck_assert_int_ne(ek_date_parse_n("2026-01-15", 9, &d), EK_OK);

    /* Integers far outside the range are refused, not wrapped. */
    static const ek_date far[] = { EK_DATE_MIN - 1, EK_DATE_MAX + 1, INT64_MIN, INT64_MAX, INT64_MIN + 1,
                                   (ek_date)INT32_MIN, (ek_date)INT32_MAX };
    char buf[EK_DATE_BUFSIZE];
    for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
        ck_assert(!ek_date_in_range(far[i]));
        ck_status(ek_date_format(far[i], buf, sizeof buf), EK_ERANGE);
        ck_status(ek_date_to_ymd(far[i], NULL, NULL, NULL), EK_ERANGE);
        ck_assert_int_eq(ek_date_weekday(far[i]), 0);
    }
    ck_status(ek_date_format(EK_DATE_MAX, buf, EK_DATE_BUFSIZE - 1), EK_EINVAL);
    ck_status(ek_date_from_ymd(2200, 1, 1, &d), EK_ERANGE);
    ck_status(ek_date_from_ymd(1952, 12, 31, &d), EK_ERANGE);
    ck_status(ek_date_from_ymd(2147483647, 12, 31, &d), EK_ERANGE);
    ck_status(ek_date_from_ymd(-2147483647 - 1, 1, 1, &d), EK_ERANGE);
    ck_status(ek_date_from_ymd(2026, 2, 29, &d), EK_EINVAL);
}
END_TEST

START_TEST(arithmetic_at_range_ends)
{
    ek_calendar *cal = NULL;
    ck_ok(ek_calendar_new(&cal));
    ek_date out = 42;
    ek_period one_day = { 1, EK_UNIT_DAYS }, max = { 100000, EK_UNIT_YEARS };
    ck_status(ek_period_add(EK_DATE_MAX, one_day, &out), EK_ERANGE);
    ck_status(ek_period_add(EK_DATE_MIN, max, &out), EK_ERANGE);
    ck_status(ek_period_add(EK_DATE_MAX + 1, one_day, &out), EK_ERANGE);
    ck_status(ek_period_add(INT64_MAX, one_day, &out), EK_ERANGE);
    ck_assert_int_eq(out, 42);
    ek_period neg = { -1, EK_UNIT_DAYS };
    ck_assert_int_ne(ek_period_add(EK_DATE_MIN, neg, &out), EK_OK);
    ek_period huge = { INT32_MAX, EK_UNIT_MONTHS };
    ck_assert_int_ne(ek_period_add(EK_DATE_MIN, huge, &out), EK_OK);

    /* 2199-12-31 is nyårsafton: rolling it would leave the range. */
    ck_status(ek_calendar_roll(cal, EK_DATE_MAX, &out), EK_ERANGE);
    ek_deadline dl;
    ck_status(ek_deadline_compute(cal, EK_DATE_MAX, one_day, &dl), EK_ERANGE);
    ck_status(ek_deadline_compute(cal, INT64_MIN, one_day, &dl), EK_ERANGE);
    ck_status(ek_calendar_add_working_days(cal, EK_DATE_MAX - 3, 10, &out), EK_ERANGE);
    ck_status(ek_calendar_add_working_days(cal, EK_DATE_MIN, INT32_MAX, &out), EK_ERANGE);
    ck_assert_int_ne(ek_calendar_add_working_days(cal, EK_DATE_MIN, -1, &out), EK_OK);
    unsigned int flags;
    ck_status(ek_calendar_day_flags(cal, EK_DATE_MIN - 1, &flags), EK_ERANGE);
    ck_ok(ek_calendar_day_flags(cal, EK_DATE_MIN, &flags));
    ck_ok(ek_calendar_day_flags(cal, EK_DATE_MAX, &flags));

    /* Batches: out-of-range elements give EK_DATE_NONE, the others are computed. */
    ek_date in[5] = { EK_DATE_NONE, EK_DATE_MIN, INT64_MAX, EK_DATE_MAX, 20468 /* 2026-01-15 */ };
    ek_date res[5];
    ck_status(ek_calendar_roll_batch(cal, in, res, 5), EK_ERANGE);
    ck_assert_int_eq(res[0], EK_DATE_NONE);
    ck_assert_int_ne(res[1], EK_DATE_NONE);
    ck_assert_int_eq(res[2], EK_DATE_NONE);
    ck_assert_int_eq(res[3], EK_DATE_NONE);
    ck_assert_int_eq(res[4], 20468);
    ek_date nominal[5], legal[5];
    ck_status(ek_deadline_compute_batch(cal, in, one_day, nominal, legal, 5), EK_ERANGE);
    ck_assert_int_eq(legal[2], EK_DATE_NONE);
    ck_assert_int_eq(legal[3], EK_DATE_NONE);
    ck_assert_int_ne(legal[4], EK_DATE_NONE);

    /* Periods: counts at and over the documented maximum, hostile text. */
    ek_period p;
    ck_ok(ek_period_parse("100000d", &p));
    ck_status(ek_period_parse("100001d", &p), EK_ERANGE);
    /* A count of any length is refused without overflow as too large
     * (calendar.h: EK_ERANGE), as long as the text is a period. */
    ck_status(ek_period_parse("99999999999999999999999d", &p), EK_ERANGE);
    ck_status(ek_period_parse("999999999d", &p), EK_ERANGE);
    ck_status(ek_period_parse("2147483648d", &p), EK_ERANGE);
    ck_status(ek_period_parse("99999999999999999999999x", &p), EK_EPARSE);
    static const char *bad[] = { "", "d", "-1d", "+1d", " 1d", "1d ", "1 d", "1D", "1dd", "1wdx", "0x10d",
                                 "1\xff", "1d\n" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(ek_period_parse(bad[i], &p) == EK_EPARSE, "\"%s\" accepted or wrong status", bad[i]);
    char small[3];
    ek_period big = { 100000, EK_UNIT_WORKING_DAYS };
    ck_assert_int_ne(ek_period_format(big, small, sizeof small), EK_OK);
    ek_calendar_free(cal);
}
END_TEST

/* ---- the case reader (case-1) -------------------------------------------- */

#include <time.h>

static double seconds_since(clock_t t0) { return (double)(clock() - t0) / CLOCKS_PER_SEC; }

/* Growable libc buffer for building inputs. */
typedef struct sbuf { char *p; size_t n, cap; } sbuf;

static void sb_put(sbuf *b, const char *s, size_t len)
{
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + len + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        ck_assert_ptr_nonnull(b->p);
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

/* Bad records of every kind between good ones: each bad line is rejected
 * with a documented status naming the line, every good one is read. */
START_TEST(case_reader_hostile_lines)
{
    sbuf in = { 0 };
    char *long_id = malloc(1 << 20);
    ck_assert_ptr_nonnull(long_id);
    memset(long_id, 'X', (1 << 20) - 1);
    long_id[(1 << 20) - 1] = '\0';
    /* [is_good, text] */
    static const char *lines[][2] = {
        { "1", "{\"id\": \"G-1\", \"events\": [{\"type\": \"anmalan_mottagen\", \"date\": \"2025-09-01\"}]}" },
        { "0", "{\"id\": \"B-1\", \"events\": [{\"type\": \"anmalan_mottagen\", \"date\": \"2199-12-32\"}]}" },
        { "0", "{\"id\": \"B-2\", \"events\": [{\"type\": \"anmalan_mottagen\", \"date\": \"2200-01-01\"}]}" },
        { "0", "{\"id\": \"B-3\", \"events\": [{\"type\": \"anmalan_mottagen\", \"date\": \"1952-12-31\"}]}" },
        { "1", "{\"id\": \"G-2\", \"events\": [{\"type\": \"anmalan_mottagen\", \"date\": \"1953-01-01\"}, "
               "{\"type\": \"besok\", \"date\": \"2199-12-31\"}]}" },
        { "0", "{\"id\": 42, \"events\": []}" },
        { "0", "{\"id\": \"\", \"events\": []}" },
        { "0", "{\"id\": \"B-4\", \"events\": {}}" },
        { "0", "{\"id\": \"B-5\"}" },
        { "0", "{\"events\": []}" },
        { "0", "{\"id\": \"B-6\", \"events\": [{\"type\": 7, \"date\": \"2025-09-01\"}]}" },
        { "0", "{\"id\": \"B-7\", \"events\": [{\"type\": \"besok\", \"date\": 20250901}]}" },
        { "0", "{\"id\": \"B-8\", \"events\": [{\"type\": \"besok\"}]}" },
        { "0", "{\"id\": \"B-9\", \"events\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}" },
        { "0", "{\"id\": \"B-\\u0000\", \"events\": []}" },
        { "0", "{\"id\": \"B-\xff\", \"events\": []}" },
        { "0", "{\"id\": \"B-10\", \"events\": [null, 1, \"x\"]}" },
        { "0", "{\"id\": \"G-1\", \"events\": []}" },                       /* duplicate id */
        { "0", "{\"id\": \"B-11\", \"events\": [], \"child\": {\"birth_date\": \"2026-13-01\"}}" },
        { "0", "{\"id\": \"B-12\", \"events\": [], \"answers\": [{\"item\": \"B4\", \"result\": \"maybe\"}]}" },
        { "1", "{\"id\": \"G-3\", \"unit\": \"\\u00c5s\", \"events\": [], \"x_unknown\": {\"deep\": [1, [2, [3]]]}}" },
    };
    size_t nlines = sizeof lines / sizeof lines[0];
    for (size_t i = 0; i < nlines; i++) {
        sb_str(&in, lines[i][1]);
        sb_str(&in, i % 3 ? "\n" : "\r\n");
    }
    /* a 1 MiB id is read (and its warnings/messages stay bounded) */
    sb_str(&in, "{\"id\": \"");
    sb_str(&in, long_id);
    sb_str(&in, "\", \"events\": []}\n");

    ek_case_reader *r = NULL;
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "x"));
    ck_ok(ek_case_reader_from_memory(&r, in.p, in.n, "hostile.jsonl"));
    size_t good = 0;
    for (size_t i = 0; i <= nlines; i++) {
        int rc = ek_case_reader_next(r, c);
        ck_assert_uint_eq(ek_case_reader_line(r), i + 1);
        if (i == nlines) {
            ck_assert_msg(rc == 1, "1 MiB id: %s", ek_error_last()->message);
            ck_assert_uint_eq(strlen(ek_case_id(c)), (1u << 20) - 1);
            continue;
        }
        if (lines[i][0][0] == '1') {
            ck_assert_msg(rc == 1, "line %zu (%s) rejected: %s", i + 1, lines[i][1], ek_error_last()->message);
            good++;
            continue;
        }
        ck_assert_msg(rc == EK_EPARSE || rc == EK_EINVAL || rc == EK_ERANGE || rc == EK_ECONFLICT ||
                      rc == EK_ELIMIT, "line %zu (%s) gave %d", i + 1, lines[i][1], rc);
        const ek_error *e = ek_error_last();
        ck_assert_int_eq(e->status, rc);
        ck_assert_uint_eq(e->line, i + 1);
        ck_assert_msg(strstr(ek_t_error_text(e), "hostile.jsonl:") != NULL, "no location in \"%s\"",
                      ek_t_error_text(e));
        ck_assert_uint_lt(strlen(e->message), sizeof e->message);
    }
    ck_assert_int_eq(ek_case_reader_next(r, c), 0);
    ck_assert_uint_eq(good, 3);
    ek_case_reader_free(r);
    ek_case_free(c);
    free(long_id);
    free(in.p);
}
END_TEST

/* One case with as many events as a 16 MiB line holds (~300,000), read,
 * evaluated against the rulebook and the checklist, and written back —
 * in bounded time and memory. */
START_TEST(case_reader_huge_case)
{
    size_t events = full_scale() ? 300000 : under_valgrind() ? 2000 : 10000;
    sbuf in = { 0 };
    sb_str(&in, "{\"format\": \"egenkontroll/case-1\", \"id\": \"HUGE-1\", \"events\": [");
    static const char *types[] = { "anmalan_mottagen", "skyddsbedomning", "beslut_inleda_utredning",
                                   "utredning_inledd", "samtal_med_barnet", "besok" };
    char ev[160];
    ek_date base = 20000;
    for (size_t i = 0; i < events; i++) {
        char date[EK_DATE_BUFSIZE];
        ck_ok(ek_date_format(base + (ek_date)(i % 700), date, sizeof date));
        int n = snprintf(ev, sizeof ev, "%s{\"type\": \"%s\", \"date\": \"%s\"}", i ? ", " : "", types[i % 6], date);
        sb_put(&in, ev, (size_t)n);
    }
    sb_str(&in, "]}\n{\"id\": \"AFTER\", \"events\": []}\n");
    ck_assert_uint_le(in.n, (size_t)EK_IO_MAX_LINE + 100);

    bytes_state st;
    bytes_install(&st);
    clock_t t0 = clock();
    ek_case_reader *r = NULL;
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "x"));
    ck_ok(ek_case_reader_from_memory(&r, in.p, in.n, "huge.jsonl"));
    int rc = ek_case_reader_next(r, c);
    ck_assert_msg(rc == 1, "huge case rejected: %s", ek_error_last()->message);
    ck_assert_uint_eq(ek_case_event_count(c), events);
    double t_read = seconds_since(t0);

    ek_context *ctx = NULL;
    ek_evaluation *ev_out = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_evaluation_new(&ev_out));
    t0 = clock();
    ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, 20468, ev_out));
    double t_eval = seconds_since(t0);
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_ok(ek_checklist_result_new(&res));
    t0 = clock();
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, 20468, res));
    double t_check = seconds_since(t0);
    char *out = NULL;
    t0 = clock();
    ck_ok(ek_case_write_json(c, &out));
    double t_write = seconds_since(t0);
    ck_assert_uint_gt(strlen(out), events * 30);
    ek_free(out);
    /* the next line is still read */
    ck_assert_int_eq(ek_case_reader_next(r, c), 1);
    ck_assert_str_eq(ek_case_id(c), "AFTER");
    size_t peak = st.peak;
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_evaluation_free(ev_out);
    ek_context_free(ctx);
    ek_case_reader_free(r);
    ek_case_free(c);
    ck_ok(ek_set_allocator(NULL));
    ck_assert_uint_eq(st.live, 0);
    fprintf(stderr, "hostile: %zu events: read %.2fs, rules %.2fs, checklist %.2fs, write %.2fs, peak %zu MiB\n",
            events, t_read, t_eval, t_check, t_write, peak >> 20);
    /* generous bounds (sanitizer builds are slow); quadratic behaviour would blow them */
    /* Time is reported, never asserted (shared, noisy machines): the test's
     * timeout and CI's `timeout` bound it. */
    /* Memory is linear in the events of the one case and independent of the
     * file.  Per event: the case (~100 B), its canonical JSON (~50 B) and two
     * evaluations alive at once (the caller's and the checklist's), each with
     * ~0.65 obligations per event of ~1 KiB (struct plus a fixed 400-byte
     * message buffer): ~1.4 KiB measured.  The first bound written here
     * (400 B per event) was never run in CI (the step stopped at the
     * quadratic-time failure before it) and did not count the obligations;
     * shrinking them (messages in an arena) is an open item in RELIABILITY.md. */
    ck_assert_msg(peak < (size_t)EK_IO_MAX_LINE + events * 1600 + (8u << 20), "peak %zu bytes", peak);
    free(in.p);
}
END_TEST

/* Time of building and evaluating a case of @events events (CPU seconds). */
static double build_and_evaluate(size_t events, double *t_eval_out);

/* How evaluation time grows with the number of events, for the CI log (4x the
 * events took 16x while evaluation was quadratic; about 4x since).  Reported,
 * not asserted: timings do not go into tests on shared machines; the step's
 * `timeout` is the bound. */
START_TEST(evaluation_scales_linearly)
{
    if (!full_scale())
        return; /* see full_scale() */
    double t1, t4;
    build_and_evaluate(25000, &t1);
    build_and_evaluate(100000, &t4);
    fprintf(stderr, "hostile: evaluation of 25,000 events %.3fs, of 100,000 events %.3fs (x%.1f)\n", t1, t4,
            t4 / (t1 > 1e-3 ? t1 : 1e-3));
}
END_TEST

/* Time of a report over @n cases, each in a unit of its own (CPU seconds): add, finish, every figure per unit. */
static double report_over_units(size_t n)
{
    ek_context *ctx = NULL;
    ek_report *r = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_report_new(&r, ctx, ek_t_date("2026-01-01")));
    clock_t t0 = clock();
    for (size_t i = 0; i < n; i++) {
        char id[32], unit[32];
        ek_case *c = NULL;
        snprintf(id, sizeof id, "BU-%zu", i);
        snprintf(unit, sizeof unit, "Enhet %zu", (i * 7919) % n); /* every unit once, not in order */
        ck_ok(ek_case_new(&c, id));
        ck_ok(ek_case_set_unit(c, unit));
        ck_ok(ek_case_add_event(c, "anmalan_mottagen", ek_t_date("2025-03-01") + (ek_date)(i % 200), NULL));
        ck_ok(ek_report_add_case(r, c, NULL));
        ek_case_free(c);
    }
    ck_ok(ek_report_finish(r));
    ck_assert_uint_eq(ek_report_unit_count(r), n);
    /* every figure per unit, as the writers ask for them (their text is as long as units x items x
     * measures, so the writers themselves are not timed here) */
    size_t total = 0;
    for (size_t u = 0; u < n; u++) {
        for (size_t i = 0; i < ek_checklist_item_count(ek_report_checklist(r)); i++) {
            ek_item_counts ic = EK_ITEM_COUNTS_INIT;
            ck_ok(ek_report_item_counts(r, i, u, &ic));
            total += ic.total;
        }
        for (size_t k = 0; k < ek_rulebook_rule_count(ek_rulebook_builtin()); k++) {
            ek_deadline_counts dc = EK_DEADLINE_COUNTS_INIT;
            ck_ok(ek_report_deadline_counts(r, k, u, EK_REPORT_ALL, &dc));
            total += dc.obligations;
        }
    }
    ck_assert_uint_gt(total, n);
    double t = seconds_since(t0);
    ek_report_free(r);
    ek_context_free(ctx);
    return t;
}

/* How the report's time grows with the number of units (issue 18: one unit per
 * case took 6.75 s for 10,000 units, 82 s for 20,000 and never finished for
 * 271,000 while units and groups were found by linear scans).  Reported, not
 * asserted, like evaluation_scales_linearly; the test's timeout (and CI's
 * `timeout`) is the bound a quadratic report would break.  A small run always
 * (it checks the report is built), the full one with EK_HOSTILE_SCALE. */
START_TEST(report_scales_linearly_in_units)
{
    size_t small = under_valgrind() ? 300 : 4000, big = full_scale() ? 100000 : small * 4;
    double t1 = report_over_units(big / 4), t4 = report_over_units(big);
    fprintf(stderr, "hostile: report over %zu units %.3fs, over %zu units %.3fs (x%.1f)\n", big / 4, t1, big, t4,
            t4 / (t1 > 1e-3 ? t1 : 1e-3));
}
END_TEST

/* Built through the API (no line limit): a million events in one case. */
START_TEST(case_million_events_builder)
{
    size_t events = full_scale() ? 1000000 : under_valgrind() ? 2000 : 10000;
    double t_eval;
    build_and_evaluate(events, &t_eval);
}
END_TEST

static double build_and_evaluate(size_t events, double *t_eval_out)
{
    ek_case *c = NULL;
    ck_ok(ek_case_new(&c, "MILLION-1"));
    static const char *types[] = { "anmalan_mottagen", "skyddsbedomning", "utredning_inledd", "besok",
                                   "samtal_med_barnet", "okand_typ" };
    clock_t t0 = clock();
    for (size_t i = 0; i < events; i++)
        ck_ok(ek_case_add_event(c, types[i % 6], 19000 + (ek_date)((i * 7919) % 5000), NULL));
    double t_build = seconds_since(t0);
    ek_context *ctx = NULL;
    ek_evaluation *ev = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_evaluation_new(&ev));
    t0 = clock();
    ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, 20468, ev));
    double t_eval = seconds_since(t0);
    size_t prev = 0;
    for (size_t k = 0; k < events; k += events / 100) {
        size_t idx;
        ek_event_info info = EK_EVENT_INFO_INIT;
        ck_ok(ek_case_event_in_date_order(c, k, &idx));
        ck_ok(ek_case_event(c, idx, &info));
        ck_assert_uint_ge((size_t)info.date, prev);
        prev = (size_t)info.date;
    }
    fprintf(stderr, "hostile: %zu events built in %.2fs, evaluated in %.2fs (%zu obligations)\n", events, t_build,
            t_eval, ek_evaluation_count(ev));
    ek_evaluation_free(ev);
    ek_context_free(ctx);
    ek_case_free(c);
    *t_eval_out = t_eval;
    return t_build + t_eval;
}

/* Empty input everywhere: a case without events evaluated, a report of no
 * cases finished (regression: memset/qsort on a NULL array of length 0,
 * undefined behaviour that UBSan reports). */
START_TEST(empty_case_and_empty_report)
{
    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    ek_checklist *cl = NULL;
    ek_checklist_result *res = NULL;
    ek_report *rep = NULL;
    ck_ok(ek_context_new(&ctx));
    ck_ok(ek_case_new(&c, "EMPTY-1"));
    ck_ok(ek_evaluation_new(&ev));
    ck_ok(ek_evaluate_case(ctx, ek_rulebook_builtin(), c, 20468, ev));
    ck_ok(ek_checklist_new_builtin(&cl));
    ck_ok(ek_checklist_result_new(&res));
    ck_ok(ek_checklist_evaluate(ctx, cl, c, NULL, 20468, res));
    ck_ok(ek_report_new(&rep, ctx, 20468));
    ck_ok(ek_report_finish(rep));
    ek_report_free(rep);
    ek_checklist_result_free(res);
    ek_checklist_free(cl);
    ek_evaluation_free(ev);
    ek_case_free(c);
    ek_context_free(ctx);
}
END_TEST

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("jsonl");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, jsonl_line_over_limit_then_good_line);
    tcase_add_test(tc, jsonl_line_at_limit_is_read);
    tcase_add_test(tc, jsonl_not_an_object);
    tcase_add_test(tc, jsonl_deep_nesting);
    tcase_add_test(tc, jsonl_nul_bytes);
    tcase_add_test(tc, jsonl_invalid_utf8);
    tcase_add_test(tc, jsonl_crlf_blank_and_final_line);
    tcase_add_test(tc, jsonl_duplicate_keys_and_junk);
    tcase_add_test(tc, jsonl_long_strings_and_keys);
    tcase_add_test(tc, jsonl_huge_file_flat_memory);
    tcase_add_test(tc, jsonl_open_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("cases");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, empty_case_and_empty_report);
    tcase_add_test(tc, case_reader_hostile_lines);
    tcase_add_test(tc, case_reader_huge_case);
    tcase_add_test(tc, case_million_events_builder);
    suite_add_tcase(s, tc);
    tc = tcase_create("scale"); /* CK_RUN_CASE=scale EK_HOSTILE_SCALE=1: .ci/run's "scale" step */
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, evaluation_scales_linearly);
    tcase_add_test(tc, report_scales_linearly_in_units);
    suite_add_tcase(s, tc);
    tc = tcase_create("dates");
    tcase_add_test(tc, dates_at_range_ends);
    tcase_add_test(tc, arithmetic_at_range_ends);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ek_t_run(hostile_suite());
}
