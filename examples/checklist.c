/* SPDX-License-Identifier: MIT */
/*
 * checklist: audit one case file against the built-in checklist (A1 … F4).
 *
 *   checklist [AS_OF]        e.g.  checklist 2025-12-31
 *
 * Shows the checklist API as a case system would use it, without JSON:
 * build a case in code (synthetic: a report of concern, an investigation
 * decided by a caseworker the delegation order does not allow, the child's
 * view not documented), state the municipality's delegation order for item
 * C1, record a reviewer's answer for one judgement item, evaluate, and print
 * each item's result with its message and legal basis — and, for what
 * failed, the evidence the library cites.
 *
 * Results use the XCCDF words (pass, fail, notapplicable, notchecked …); a
 * judgement item nobody has answered is "notchecked", never "pass".
 */
#include <stdio.h>

#include <egenkontroll/egenkontroll.h>

static int fail(const char *what)
{
    const ek_error *e = ek_error_last();
    char shown[EK_ERROR_FORMAT_SIZE];  /* where (file:line:column, case, field) and what */
    ek_error_format(e, shown, sizeof shown);
    fprintf(stderr, "checklist: %s: %s (%s)\n", what, shown, ek_status_name(e->status));
    return 1;
}

static ek_date day(const char *iso)
{
    ek_date d = EK_DATE_NONE;
    (void)ek_date_parse(iso, &d); /* literals below: always valid */
    return d;
}

/* The synthetic case.  Every call can fail only for lack of memory. */
static int build_case(ek_case *c)
{
    size_t i;
    int rc = ek_case_set_unit(c, "Barn och unga");
    if (rc == EK_OK)
        rc = ek_case_set_birth_date(c, day("2012-06-01"));
    if (rc == EK_OK && (rc = ek_case_add_event(c, "anmalan_mottagen", day("2025-03-03"), &i)) == EK_OK) {
        rc = ek_case_event_set_id(c, i, "r1");
        if (rc == EK_OK)
            rc = ek_case_event_set_string(c, i, "anmalare", "skola");
        if (rc == EK_OK)
            rc = ek_case_event_set_bool(c, i, "avser_vald", 0);
    }
    if (rc == EK_OK && (rc = ek_case_add_event(c, "skyddsbedomning", day("2025-03-03"), &i)) == EK_OK)
        rc = ek_case_event_set_ref(c, i, "r1");
    if (rc == EK_OK && (rc = ek_case_add_event(c, "beslut_inleda_utredning", day("2025-03-12"), &i)) == EK_OK) {
        rc = ek_case_event_set_ref(c, i, "r1");
        if (rc == EK_OK)
            rc = ek_case_event_set_string(c, i, "beslutsfattare", "socialsekreterare");
    }
    if (rc == EK_OK)
        rc = ek_case_add_event(c, "utredning_inledd", day("2025-03-12"), NULL);
    if (rc == EK_OK)
        rc = ek_case_add_event(c, "information_utredning", day("2025-03-13"), NULL);
    /* Closed after four months and the child's view not documented. */
    if (rc == EK_OK && (rc = ek_case_add_event(c, "utredning_avslutad", day("2025-07-21"), &i)) == EK_OK) {
        rc = ek_case_event_set_string(c, i, "beslutsfattare", "enhetschef");
        if (rc == EK_OK)
            rc = ek_case_event_set_string(c, i, "utfall", "ingen_insats");
        if (rc == EK_OK)
            rc = ek_case_event_set_string(c, i, "barnets_asikt", "saknas");
        if (rc == EK_OK)
            rc = ek_case_event_set_bool(c, i, "barnets_basta_bedomt", 1);
    }
    /* A reviewer read the file and judged item B4 (normally kept apart from the export in a granskning-1
     * file and given to ek_checklist_evaluate_answers(); here on the case itself). */
    if (rc == EK_OK)
        rc = ek_case_add_answer(c, "B4", EK_RESULT_PASS, "kvalitetsutvecklare", day("2025-12-01"), NULL);
    return rc == EK_OK ? ek_case_validate(c) : rc;
}

/* The delegation order: who may decide what (item C1). */
static int build_delegation(ek_delegation *d)
{
    int rc = ek_delegation_allow(d, "beslut_inleda_utredning", "forste_socialsekreterare");
    if (rc == EK_OK)
        rc = ek_delegation_allow(d, "beslut_inleda_utredning", "enhetschef");
    if (rc == EK_OK)
        rc = ek_delegation_allow(d, "beslut_inte_inleda_utredning", "enhetschef");
    return rc;
}

int main(int argc, char **argv)
{
    ek_date as_of;
    if (ek_date_parse(argc > 1 ? argv[1] : "2025-12-31", &as_of) != EK_OK)
        return fail("AS_OF");

    ek_context *ctx = NULL;
    ek_checklist *cl = NULL;
    ek_delegation *deleg = NULL;
    ek_case *c = NULL;
    ek_checklist_result *res = NULL;
    int status = 1;
    if (ek_context_new(&ctx) != EK_OK || ek_checklist_new_builtin(&cl) != EK_OK ||
        ek_delegation_new(&deleg, "Exempelby") != EK_OK || ek_case_new(&c, "EX-2025-0001") != EK_OK ||
        ek_checklist_result_new(&res) != EK_OK) {
        status = fail("setup");
        goto done;
    }
    if (build_case(c) != EK_OK || build_delegation(deleg) != EK_OK) {
        status = fail("case");
        goto done;
    }
    if (ek_checklist_evaluate(ctx, cl, c, deleg, as_of, res) != EK_OK) {
        status = fail("evaluate");
        goto done;
    }

    printf("%s %s, case %s at %s:\n", ek_checklist_id(cl), ek_checklist_version(cl), ek_case_id(c),
           argc > 1 ? argv[1] : "2025-12-31");
    for (size_t k = 0; k < ek_checklist_result_count(res); k++) {
        ek_item_result it = EK_ITEM_RESULT_INIT;
        if (ek_checklist_result_item(res, k, &it) != EK_OK) {
            status = fail("item");
            goto done;
        }
        printf("  %-3s %-13s %s\n", it.item, ek_result_name(it.result), it.message);
        if (it.result != EK_RESULT_FAIL)
            continue;
        printf("      grund: %s\n", it.basis);
        for (size_t j = 0; j < it.evidence_count; j++) {
            ek_evidence e = EK_EVIDENCE_INIT;
            char d[EK_DATE_BUFSIZE] = "-";
            if (ek_checklist_result_evidence(res, k, j, &e) != EK_OK)
                continue;
            if (e.date != EK_DATE_NONE)
                ek_date_format(e.date, d, sizeof d);
            if (e.kind == EK_EVIDENCE_EVENT)
                printf("      underlag: händelse %zu %s %s %s\n", e.event_index, e.event_type, d, e.note);
            else if (e.kind == EK_EVIDENCE_OBLIGATION)
                printf("      underlag: %s %s (%s) %s\n", e.rule, d, ek_obligation_status_name(e.status), e.note);
        }
    }
    status = 0;
done:
    ek_checklist_result_free(res);
    ek_case_free(c);
    ek_delegation_free(deleg);
    ek_checklist_free(cl);
    ek_context_free(ctx);
    return status;
}
