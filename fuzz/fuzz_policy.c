/* SPDX-License-Identifier: MIT */
/* libFuzzer target: policy parameters set from text (ek_policy_set and,
 * once it exists, the JSON policy reader).  Input: "name\0value" or
 * "name=value"; a set that succeeds must read back and re-set identically,
 * a set that fails must leave the policy unchanged.  Input starting with '{'
 * (or whitespace) is a policy-1 JSON document for ek_policy_load_json_string,
 * which is all or nothing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#define CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Snapshot of every parameter's value as text. */
static void snapshot(const ek_policy *p, char out[][32])
{
    size_t n = ek_policy_param_count();
    for (size_t i = 0; i < n && i < 64; i++) {
        const ek_policy_param_info *info;
        CHECK(ek_policy_param_at(i, &info) == EK_OK);
        CHECK(ek_policy_get(p, info->name, out[i], 32) == EK_OK);
    }
}

/* A policy-1 JSON document: all or nothing. */
static void fuzz_json(const uint8_t *data, size_t size)
{
    static char before[64][32], after[64][32];
    size_t n = ek_policy_param_count();
    ek_policy *p = NULL;
    CHECK(ek_policy_new(&p) == EK_OK);
    CHECK(ek_policy_set(p, "besok_intervall", "5w") == EK_OK);
    snapshot(p, before);
    int rc = ek_policy_load_json_string(p, (const char *)data, size, "fuzz.json");
    snapshot(p, after);
    if (rc != EK_OK) {
        CHECK(rc == EK_EPARSE || rc == EK_ENOTFOUND || rc == EK_ELIMIT || rc == EK_EINVAL || rc == EK_ERANGE);
        CHECK(ek_error_last()->status == rc && ek_error_last()->message[0] != '\0');
        for (size_t i = 0; i < n; i++)
            CHECK(strcmp(before[i], after[i]) == 0); /* unchanged on failure */
    } else {
        /* every value it set reads back and sets again */
        ek_policy *q = NULL;
        CHECK(ek_policy_new(&q) == EK_OK);
        for (size_t i = 0; i < n; i++) {
            const ek_policy_param_info *info;
            CHECK(ek_policy_param_at(i, &info) == EK_OK);
            CHECK(ek_policy_set(q, info->name, after[i]) == EK_OK);
        }
        ek_policy_free(q);
    }
    ek_policy_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && (data[0] == '{' || data[0] == ' ' || data[0] == '\n')) {
        fuzz_json(data, size);
        return 0;
    }
    char *z = malloc(size + 1);
    if (z == NULL)
        return 0;
    memcpy(z, data, size);
    z[size] = '\0';
    const char *name = z, *value = "";
    char *sep = memchr(z, 0, size);
    if (sep == NULL)
        sep = strchr(z, '=');
    if (sep) {
        *sep = '\0';
        value = sep + 1;
    }

    ek_policy *p = NULL;
    CHECK(ek_policy_new(&p) == EK_OK);
    static char before[64][32], after[64][32];
    size_t n = ek_policy_param_count();
    CHECK(n <= 64);
    snapshot(p, before);

    int rc = ek_policy_set(p, name, value);
    CHECK(rc == EK_OK || rc == EK_ENOTFOUND || rc == EK_EPARSE || rc == EK_ERANGE || rc == EK_EINVAL);
    if (rc == EK_OK) {
        char buf[32];
        CHECK(ek_policy_get(p, name, buf, sizeof buf) == EK_OK);
        ek_policy *q = NULL;
        CHECK(ek_policy_new(&q) == EK_OK);
        CHECK(ek_policy_set(q, name, buf) == EK_OK);
        char buf2[32];
        CHECK(ek_policy_get(q, name, buf2, sizeof buf2) == EK_OK);
        CHECK(strcmp(buf, buf2) == 0);
        ek_period per;
        if (ek_policy_get_period(q, name, &per) == EK_OK)
            CHECK(per.n >= 0);
        /* copy and reset */
        CHECK(ek_policy_copy(q, p) == EK_OK);
        snapshot(q, after);
        snapshot(p, before);
        for (size_t i = 0; i < n; i++)
            CHECK(strcmp(before[i], after[i]) == 0);
        CHECK(ek_policy_reset(q) == EK_OK);
        ek_policy_free(q);
    } else {
        CHECK(ek_error_last()->status == rc && ek_error_last()->message[0] != '\0');
        snapshot(p, after);
        for (size_t i = 0; i < n; i++)
            CHECK(strcmp(before[i], after[i]) == 0); /* unchanged on failure */
    }
    (void)ek_policy_judge_on(p);
    ek_policy_free(p);
    free(z);
    return 0;
}
