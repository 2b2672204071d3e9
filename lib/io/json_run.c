/* SPDX-License-Identifier: MIT */
/* egenkontroll/run-1: the run record of item F1 (checklist.h: ek_run_record; io.h), with a sha256 checksum
 * of every file it names (nettle). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nettle/sha2.h>

#include <egenkontroll/checklist.h>
#include <egenkontroll/rules.h>
#include <egenkontroll/version.h>

#include "io_internal.h"

#define RUN_FORMAT "egenkontroll/run-1"
#define RUN_ALGORITHM                                                                                             \
    "ek_sample_key: FNV-1a 64 (seed, 8 byte little-endian; id) + SplitMix64; de N minsta nycklarna per enhet och " \
    "period, lika nycklar efter id"

/* The sha256 of file @path as 64 lower-case hex digits in @hex (65 bytes). */
static int file_sha256(const char *path, char hex[2 * SHA256_DIGEST_SIZE + 1])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "cannot open: %s", strerror(errno));
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, got, buf);
    int bad = ferror(f);
    int err = errno;
    fclose(f);
    if (bad)
        return ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "read error: %s", strerror(err));
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return EK_OK;
}

/* A string or null; -1 on failure (no memory, or text that is not UTF-8: jansson refuses it). */
static int put(json_t *o, const char *key, const char *v)
{
    json_t *s = v ? json_string(v) : json_null();
    return s && json_object_set_new(o, key, s) == 0 ? 0 : -1;
}

static int put_new(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0 ? 0 : -1;
}

/* Today in local time (the default of `nar`), or EK_DATE_NONE. */
static ek_date today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    ek_date d = EK_DATE_NONE;
    if (t != (time_t)-1 && localtime_r(&t, &tm) && ek_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d) != EK_OK)
        d = EK_DATE_NONE;
    return d;
}

static json_t *date_or_null(ek_date d)
{
    char b[EK_DATE_BUFSIZE];
    return d != EK_DATE_NONE && ek_date_format(d, b, sizeof b) == EK_OK ? json_string(b) : json_null();
}

static json_t *string_array(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < n; k++)
        if (!v[k] || json_array_append_new(a, json_string(v[k])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* Mask, in place, anything shaped like a personal identity number in every string of @v (not in keys or
 * numbers: masking the text afterwards could turn a number into letters, or a checksum into another). */
static int mask_tree(json_t *v)
{
    if (json_is_string(v)) {
        char *copy = ek__strdup(json_string_value(v));
        if (!copy)
            return -1;
        int rc = ek_text_mask_pnr(copy) ? json_string_set(v, copy) : 0;
        ek__free(copy);
        return rc;
    }
    if (json_is_array(v)) {
        for (size_t k = 0; k < json_array_size(v); k++)
            if (mask_tree(json_array_get(v, k)) != 0)
                return -1;
    } else if (json_is_object(v)) {
        const char *key;
        json_t *x;
        json_object_foreach(v, key, x)
            if (mask_tree(x) != 0)
                return -1;
    }
    return 0;
}

/* The checksum of @path under its own name in @sums (once; "-" gets null: standard input cannot be re-read). */
static int add_sum(json_t *sums, const char *path)
{
    if (!path || json_object_get(sums, path))
        return EK_OK;
    char hex[2 * SHA256_DIGEST_SIZE + 1];
    int rc = strcmp(path, "-") == 0 ? EK_OK : file_sha256(path, hex);
    if (rc)
        return rc;
    char *key = ek__strdup(path); /* the name as in "indata" (masked there too); the digest never is */
    if (!key)
        return ek__oom();
    ek_text_mask_pnr(key);
    rc = json_object_set_new(sums, key, strcmp(path, "-") == 0 ? json_null() : json_string(hex)) == 0 ? EK_OK
                                                                                                     : ek__oom();
    ek__free(key);
    return rc;
}

static int checksums(const ek_run_record *r, json_t *sums)
{
    int rc = EK_OK;
    for (size_t k = 0; !rc && k < r->case_file_count; k++)
        rc = add_sum(sums, r->case_files[k]);
    for (size_t k = 0; !rc && k < r->answer_file_count; k++)
        rc = add_sum(sums, r->answer_files[k]);
    const char *const one[] = { r->checklist_file, r->policy_file, r->delegation_file, r->sarah_file };
    for (size_t k = 0; !rc && k < sizeof one / sizeof one[0]; k++)
        rc = add_sum(sums, one[k]);
    return rc;
}

static int invalid(const char *what)
{
    return ek__error(EK_EINVAL, "ek_run_record_write_json: %s", what);
}

/* The record as a JSON value (*out owned: json_decref). */
static int build(const ek_run_record *r, json_t **out)
{
    if (r->version < 1)
        return invalid("version 0 (start from EK_RUN_RECORD_INIT)");
    if (!r->checklist || !r->aggregate)
        return invalid("checklist and aggregate are required");
    if ((r->case_file_count && !r->case_files) || (r->answer_file_count && !r->answer_files) ||
        (r->sample_id_count && !r->sample_ids) || (r->case_result_count && !r->case_results) ||
        (r->action_count && !r->actions))
        return invalid("an array is NULL with a count above 0");
    for (size_t k = 0; k < r->case_file_count; k++)
        if (!r->case_files[k])
            return invalid("case_files holds NULL");
    for (size_t k = 0; k < r->answer_file_count; k++)
        if (!r->answer_files[k])
            return invalid("answer_files holds NULL");

    json_t *sums = json_object();
    if (!sums)
        return ek__oom();
    int rc = checksums(r, sums);
    if (rc) {
        json_decref(sums);
        return rc;
    }
    char *agg_text = NULL;
    rc = ek_checklist_aggregate_write_json(r->aggregate, r->checklist, &agg_text);
    if (rc) {
        json_decref(sums);
        return rc;
    }
    json_error_t jerr;
    json_t *agg = json_loads(agg_text, 0, &jerr);
    ek_free(agg_text);

    json_t *root = json_object(), *cl = json_object();
    int bad = !root || !cl || !agg;
    bad = bad || put(root, "format", RUN_FORMAT) || put(root, "vem", r->reviewer) ||
          put_new(root, "nar", date_or_null(r->made != EK_DATE_NONE ? r->made : today())) ||
          put_new(root, "as_of", date_or_null(r->as_of));
    bad = bad || put(cl, "id", ek_checklist_id(r->checklist)) || put(cl, "version", ek_checklist_version(r->checklist)) ||
          put(cl, "fil", r->checklist_file) || json_object_set(root, "checklista", cl) != 0;
    bad = bad || put(root, "regelbok", ek_rulebook_version(ek_rulebook_builtin())) ||
          put(root, "bibliotek", ek_version_string()) || put(root, "policy", r->policy_file) ||
          put(root, "delegation", r->delegation_file) || put(root, "sarah", r->sarah_file) ||
          put_new(root, "indata", string_array(r->case_files, r->case_file_count)) ||
          put_new(root, "svar", string_array(r->answer_files, r->answer_file_count)) ||
          put_new(root, "sha256", json_null());
    if (!bad && r->sample_size) {
        json_t *u = json_object();
        bad = !u || json_object_set_new(root, "urval", u) != 0 ||
              put_new(u, "n", json_integer((json_int_t)r->sample_size)) ||
              put_new(u, "seed", json_integer((json_int_t)r->sample_seed)) ||
              put(u, "period", r->sample_period ? r->sample_period : "year") || put(u, "algoritm", RUN_ALGORITHM) ||
              put_new(u, "lasta", json_integer((json_int_t)r->sample_read)) ||
              put_new(u, "valda", string_array(r->sample_ids, r->sample_id_count));
    } else
        bad = bad || put_new(root, "urval", json_null());
    bad = bad || put_new(root, "granskade", json_integer((json_int_t)r->audited)) ||
          put_new(root, "avvisade", json_integer((json_int_t)r->rejected)) ||
          json_object_set(root, "sammanstallning", agg) != 0;
    json_t *fall = bad ? NULL : json_array();
    bad = bad || !fall || json_object_set(root, "fall", fall) != 0;
    for (size_t k = 0; !bad && k < r->case_result_count; k++) {
        json_t *c = r->case_results[k] ? json_loads(r->case_results[k], JSON_REJECT_DUPLICATES, &jerr) : NULL;
        if (!c || !json_is_object(c)) {
            json_decref(c);
            json_decref(fall);
            json_decref(agg);
            json_decref(cl);
            json_decref(sums);
            json_decref(root);
            return ek__error(EK_EINVAL, "ek_run_record_write_json: case_results[%zu] is not a JSON object%s%s", k,
                             r->case_results[k] ? ": " : "", r->case_results[k] ? jerr.text : "");
        }
        bad = json_array_append_new(fall, c) != 0;
    }
    json_t *acts = bad ? NULL : json_array();
    bad = bad || !acts || json_object_set_new(root, "atgarder", acts) != 0;
    for (size_t k = 0; !bad && k < r->action_count; k++) {
        json_t *a = json_object();
        bad = !a || json_array_append_new(acts, a) != 0 || put(a, "beskrivning", r->actions[k] ? r->actions[k] : "");
    }
    /* Nothing shaped like a personnummer in the record (issue 18); the checksums are added after. */
    bad = bad || mask_tree(root) != 0 || json_object_set(root, "sha256", sums) != 0;
    json_decref(fall);
    json_decref(agg);
    json_decref(cl);
    json_decref(sums);
    if (bad) {
        json_decref(root);
        return ek__error(EK_ENOMEM, "out of memory (or a text of the record that is not valid UTF-8)");
    }
    *out = root;
    return EK_OK;
}

int ek_run_record_write_json(const ek_run_record *r, char **out)
{
    if (!r || !out)
        return ek__error(EK_EINVAL, "ek_run_record_write_json: NULL argument");
    json_t *root = NULL;
    int rc = build(r, &root);
    if (rc)
        return rc;
    char *s = json_dumps(root, JSON_PRESERVE_ORDER);
    json_decref(root);
    size_t n = s ? strlen(s) : 0;
    char *copy = s ? ek__malloc(n + 2) : NULL;
    if (!copy) {
        free(s);
        return ek__oom();
    }
    memcpy(copy, s, n);
    copy[n] = '\n';
    copy[n + 1] = '\0';
    free(s);
    *out = copy;
    return EK_OK;
}

int ek_run_record_write_file(const ek_run_record *r, const char *path)
{
    if (!r || !path)
        return ek__error(EK_EINVAL, "ek_run_record_write_file: NULL argument");
    char *text = NULL;
    int rc = ek_run_record_write_json(r, &text);
    if (rc)
        return rc;
    FILE *f = fopen(path, "w");
    if (!f) {
        rc = ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "cannot open for writing: %s", strerror(errno));
        ek_free(text);
        return rc;
    }
    int ok = fputs(text, f) >= 0;
    int err = errno;
    if (fclose(f) != 0) {
        ok = 0;
        err = errno;
    }
    ek_free(text);
    if (!ok)
        return ek__error_at(EK_EIO, path, 0, 0, NULL, NULL, "write error: %s", strerror(err));
    return EK_OK;
}
