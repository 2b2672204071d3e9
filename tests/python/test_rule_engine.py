"""Issue 14 from Python: period kinds, explanations, what-if and strict input, equal to the tool."""
import datetime
import json
import os
import subprocess

import pytest

import egenkontroll as ek

D = datetime.date


def _case():
    c = ek.Case("X-1")
    c.add_event("anmalan_mottagen", D(2026, 12, 10))
    c.add_event("beslut_inleda_utredning", D(2026, 12, 28))
    return c


def test_period_kind_on_every_obligation():
    obls = {o.rule: o for o in ek.evaluate(_case(), as_of="2027-01-10")}
    assert obls["forhandsbedomning"].period == "14d"
    assert obls["forhandsbedomning"].period_kind == "lag"
    assert obls["skyddsbedomning"].period_kind == "policy"
    assert obls["skyddsbedomning"].policy_param == "skyddsbedomning_marginal"
    assert obls["forhandsbedomning"].explain is None


def test_explain_names_the_days_that_moved_the_end():
    obls = {o.rule: o for o in ek.evaluate(_case(), as_of="2027-01-10", explain=True)}
    x = obls["forhandsbedomning"].explain
    assert x["period"] == "14d" and x["period_kind"] == "lag"
    assert [d["name"] for d in x["moved_by"]] == ["julafton", "juldagen", "annandag jul", "söndag"]
    assert x["law"]["basis"] == "SoL (2025:400) 20 kap. 2 §"
    assert obls["skyddsbedomning"].explain["policy"] == {"bedom_mot": "legal", "skyddsbedomning_marginal": "1d"}


def test_explain_equals_the_tool(tmp_path):
    tool = os.environ.get("EK_TOOL") or os.path.join(os.environ.get("EK_BUILD_DIR", "build"), "tools", "egenkontroll")
    if not os.path.exists(tool):
        pytest.skip("the egenkontroll tool is not built here")
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"format": "egenkontroll/case-1", "id": "X-1", "events": [
        {"type": "anmalan_mottagen", "date": "2026-12-10"},
        {"type": "beslut_inleda_utredning", "date": "2026-12-28"}]}) + "\n")
    out = subprocess.run([tool, "evaluate", "--as-of", "2027-01-10", "--explain", "--format", "json", str(f)],
                         check=True, capture_output=True, text=True).stdout
    want = [o["explain"] for o in json.loads(out)["obligations"]]
    got = [o.explain for o in ek.evaluate(_case(), as_of="2027-01-10", explain=True)]
    assert got == want


def test_compare_policy_lists_only_what_changes():
    strict = ek.Context(policy={"bedom_mot": "nominal"})
    changes = ek.compare_policy(_case(), strict, as_of="2027-01-10")
    assert [(b.rule, b.status, a.status) for b, a in changes] == [("forhandsbedomning", "met", "late")]
    assert ek.compare_policy(_case(), ek.Context(), as_of="2027-01-10") == []


def test_strict_context_refuses_a_typo():
    c = _case()
    c.add_event("utrednin_inledd", D(2027, 1, 2))
    assert ek.evaluate(c, as_of="2027-01-10")          # evaluated by default
    ctx = ek.Context(strict=True)
    assert ctx.strict
    with pytest.raises(ek.ParseError) as e:
        ek.evaluate(c, as_of="2027-01-10", context=ctx)
    assert "utrednin_inledd" in str(e.value)
    ctx.strict = False
    assert ek.evaluate(c, as_of="2027-01-10", context=ctx)
