"""egenkontroll.rules: the rulebook and deadline evaluation from Python."""
import datetime
import threading

import pytest

from egenkontroll import NotFoundError, OutOfRangeError
from egenkontroll.cases import Case
from egenkontroll.rules import Context, Obligation, evaluate, evaluate_annual, evaluate_many, rulebook

D = datetime.date


def first(obls, rule):
    return [o for o in obls if o.rule == rule][0]


def test_rulebook_catalogue():
    rb = rulebook()
    assert rb is rulebook()
    assert len(rb) == 22
    assert rb.rules[0].id == "skyddsbedomning"
    u = rb["utredning"]
    assert u.kind == "single" and u.extension == "new_end_date"
    assert u.start_events == ("utredning_inledd",) and u.completion_events == ("utredning_avslutad",)
    assert u.version_on("2025-06-30").basis == "SoL (2001:453) 11 kap. 2 § 2 st."
    assert u.version_on(D(2025, 7, 1)).basis == "SoL (2025:400) 20 kap. 3 §"
    v = rb["vardnadsoverflyttning"].version_on("2022-07-01")
    assert (v.period, v.repeat, v.valid_from) == ("2y", "1y", D(2022, 7, 1))
    assert rb["besok_placerat_barn"].versions[-1].policy_param == "besok_intervall"
    assert rb["forteckning_ivo"].kind == "annual"
    with pytest.raises(KeyError):
        rb["nope"]


def test_evaluate_dates_status_and_basis():
    c = Case("BU-1")
    c.add_event("anmalan_mottagen", "2025-12-17")
    o = first(evaluate(c, as_of="2026-01-02"), "forhandsbedomning")
    assert isinstance(o, Obligation)
    assert (o.start, o.nominal, o.legal, o.done, o.status) == (D(2025, 12, 17), D(2025, 12, 31), D(2026, 1, 2),
                                                               None, "pending")
    assert o.basis == "SoL (2025:400) 20 kap. 2 §" and o.certainty == "V"
    assert first(evaluate(c, as_of=D(2026, 1, 3)), "forhandsbedomning").status == "overdue"
    c.add_event("beslut_inleda_utredning", "2026-01-02")
    assert first(evaluate(c, as_of="2026-02-01"), "forhandsbedomning").status == "met"
    strict = Context(policy={"bedom_mot": "nominal"})
    o = first(evaluate(c, as_of="2026-02-01", context=strict), "forhandsbedomning")
    assert o.status == "late" and "strikt" in o.flags and o.judged == D(2025, 12, 31)
    # as-of filtering: the decision does not exist yet
    assert first(evaluate(c, as_of="2025-12-31"), "forhandsbedomning").done is None


def test_extension_and_exception_flags_are_visible():
    c = Case("BU-2")
    c.add_event("utredning_inledd", "2025-10-31")
    i = c.add_event("utredning_forlangd", "2026-03-03")
    c.set_attr(i, "ny_slutdag", D(2026, 4, 30))
    o = first(evaluate(c, as_of="2026-03-10"), "utredning")
    assert o.status == "overdue" and "forlangning_for_sent" in o.flags and o.extension_event == i
    assert "räddar inte" in o.message


def test_recurring_and_clamped():
    c = Case("BU-3")
    i = c.add_event("placering_verkstalld", "2020-01-10")
    c.set_attr(i, "placeringsform", "familjehem")
    c.set_attr(i, "grund", "sol")
    obls = evaluate(c, as_of="2022-08-01")
    v = first(obls, "vardnadsoverflyttning")
    assert v.nominal == D(2022, 7, 1) and "ikrafttradande" in v.flags and v.original_nominal == D(2022, 1, 10)
    ov = [o for o in obls if o.rule == "overvagande_sol"]
    assert [o.sequence for o in ov] == list(range(1, len(ov) + 1))
    assert ov[-1].status == "pending" and "nasta" in ov[-1].flags
    assert all(o.status == "overdue" for o in ov[:-1])


def test_error_never_met():
    c = Case("BU-4")
    c.add_event("utredning_avslutad", "2025-09-05")
    c.add_event("utredning_inledd", "2025-09-10")
    o = first(evaluate(c, as_of="2025-12-01"), "utredning")
    assert o.status == "error" and "2025-09-05" in o.message


def test_evaluate_many_matches_single_and_threads():
    cases = []
    for k in range(40):
        c = Case(f"BU-{k}")
        c.add_event("anmalan_mottagen", D(2025, 1, 1) + datetime.timedelta(days=k * 9))
        c.add_event("utredning_inledd", D(2025, 1, 5) + datetime.timedelta(days=k * 9))
        cases.append(c)
    single = [evaluate(c, as_of="2026-01-01") for c in cases]
    assert evaluate_many(cases, as_of="2026-01-01", threads=4) == single
    assert evaluate_many(cases, as_of="2026-01-01") == single
    # Python threads at once (the GIL is released in C)
    out = [None] * 4
    def work(n):
        out[n] = evaluate_many(cases, as_of="2026-01-01")
    ts = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    assert all(o == single for o in out)
    with pytest.raises(TypeError):
        evaluate_many([object()], as_of="2026-01-01")


def test_annual_register():
    o = evaluate_annual("forteckning_ivo", 2026, as_of="2026-02-03")
    assert (o.nominal, o.legal, o.status) == (D(2026, 1, 31), D(2026, 2, 2), "overdue")
    o = evaluate_annual("forteckning_ivo", 2025, done="2025-01-30", as_of="2025-03-01")
    assert o.status == "met" and o.basis == "SoF (2001:937) 7 kap. 1 §"
    with pytest.raises(NotFoundError):
        evaluate_annual("no_such_rule", 2025)


def test_bad_arguments():
    c = Case("BU-5")
    with pytest.raises(OutOfRangeError):
        evaluate(c, as_of="2200-01-01")
    with pytest.raises(TypeError):
        evaluate("not a case", as_of="2026-01-01")
