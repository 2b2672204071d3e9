/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the `egenkontroll/checklist-1` loader and the
 * `egenkontroll/delegation-1` loader.  A checklist that loads is evaluated
 * against a fixed case (the evaluation must succeed and give a result for
 * every item); a delegation order that loads answers queries consistently. */
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
static ek_case *kase;

static const char case_json[] =
    "{\"format\": \"egenkontroll/case-1\", \"id\": \"BU-FUZZ-1\", \"unit\": \"Barn och unga\", "
    "\"child\": {\"birth_date\": \"2014-03-09\"}, \"events\": ["
    "{\"type\": \"anmalan_mottagen\", \"date\": \"2025-11-03\"}, "
    "{\"type\": \"skyddsbedomning\", \"date\": \"2025-11-04\"}, "
    "{\"type\": \"beslut_inleda_utredning\", \"date\": \"2025-11-20\"}, "
    "{\"type\": \"utredning_inledd\", \"date\": \"2025-11-20\"}, "
    "{\"type\": \"samtal_med_barnet\", \"date\": \"2025-12-10\"}]}";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ek_context_new(&ctx) != EK_OK || ek_case_new(&kase, "x") != EK_OK)
        abort();
    if (ek_case_read_json(kase, case_json, sizeof case_json - 1, "fixture") != EK_OK) {
        fprintf(stderr, "fixture case: %s\n", ek_error_last()->message);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    ek_checklist *cl = NULL;
    int rc = ek_checklist_load_json_string(&cl, text, size, "fuzz.json");
    if (rc == EK_OK) {
        CHECK(cl != NULL);
        size_t n = ek_checklist_item_count(cl);
        ek_checklist_result *res = NULL;
        CHECK(ek_checklist_result_new(&res) == EK_OK);
        rc = ek_checklist_evaluate(ctx, cl, kase, NULL, 20468 /* 2026-01-15 */, res);
        if (rc == EK_OK) {
            CHECK(ek_checklist_result_count(res) <= n);
            for (size_t k = 0; k < ek_checklist_result_count(res); k++) {
                ek_item_result ir = EK_ITEM_RESULT_INIT;
                CHECK(ek_checklist_result_item(res, k, &ir) == EK_OK);
                CHECK(ir.result != EK_RESULT_INVALID);
            }
            char *out = NULL;
            CHECK(ek_checklist_result_write_json(res, &out) == EK_OK);
            ek_free(out);
        } else {
            CHECK(rc < 0 && rc != EK_ENOMEM && ek_error_last()->message[0] != '\0');
        }
        ek_checklist_result_free(res);
        ek_checklist_free(cl);
    } else {
        CHECK(cl == NULL);
        CHECK(rc == EK_EPARSE || rc == EK_ECONFLICT || rc == EK_ENOTFOUND || rc == EK_ELIMIT || rc == EK_EINVAL);
        CHECK(ek_error_last()->status == rc && ek_error_last()->message[0] != '\0');
    }

    ek_delegation *d = NULL;
    rc = ek_delegation_load_json_string(&d, text, size, "fuzz.json");
    if (rc == EK_OK) {
        size_t types = ek_delegation_type_count(d);
        for (size_t k = 0; k < types; k++) {
            const char *type = NULL;
            size_t roles = 0;
            CHECK(ek_delegation_type(d, k, &type, &roles) == EK_OK && type != NULL);
            for (size_t j = 0; j < roles; j++) {
                const char *role = NULL;
                int allowed = 0;
                CHECK(ek_delegation_role(d, k, j, &role) == EK_OK && role != NULL);
                CHECK(ek_delegation_check(d, type, role, &allowed) == EK_OK && allowed == 1);
            }
        }
        ek_delegation_free(d);
    } else {
        CHECK(d == NULL);
        CHECK(rc == EK_EPARSE || rc == EK_ELIMIT || rc == EK_EINVAL);
        CHECK(ek_error_last()->message[0] != '\0');
    }
    return 0;
}
