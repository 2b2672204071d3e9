"""pandas DataFrames (issue 17, point 1): evaluate_frame, check_frame, check_many and Report.frames hold
exactly what the command line's JSON holds, with dates as datetime64."""
import json
import os
import subprocess
import sys

import pytest

from conftest import find_tool

import egenkontroll as ek

pd = pytest.importorskip("pandas")

SRC = os.environ.get("EK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = find_tool()  # $EK_TOOL, the installed command or the build tree's
DATA = os.path.join(SRC, "examples", "data")
CASES = os.path.join(DATA, "cases.jsonl")
DELEG = os.path.join(DATA, "delegation.json")
SARAH = os.path.join(DATA, "sarah.jsonl")
AS_OF = "2026-03-01"


def run(*args):
    p = subprocess.run([TOOL, *args], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr[-2000:]
    return p.stdout


def iso(v):
    return None if pd.isna(v) else v.date().isoformat()


@pytest.fixture(scope="module")
def units():
    with open(CASES, encoding="utf-8") as f:
        return {c["id"]: c.get("unit", "") for c in map(json.loads, f)}


def test_evaluate_frame_matches_cli_json(units):
    df = ek.evaluate_frame(CASES, as_of=AS_OF, threads=2)
    assert list(df.columns) == ["id", "unit", "rule", "seq", "status", "start", "nominal", "legal", "judged",
                                "done", "basis", "certainty", "flags", "message"]
    for c in ("start", "nominal", "legal", "judged", "done"):
        assert str(df[c].dtype) == "datetime64[ns]", c
    want = []
    for line in run("evaluate", "--as-of", AS_OF, "--format", "json", CASES).splitlines():
        case = json.loads(line)
        for o in case["obligations"]:
            want.append((case["id"], units[case["id"]], o["rule"], o.get("seq", 0), o["status"], o.get("start"),
                         o.get("nominal"), o.get("legal"), o.get("judged"), o.get("done"), o["basis"],
                         o["certainty"], "|".join(o["flags"]), o.get("message", "")))
    got = [(r.id, r.unit, r.rule, r.seq, r.status, iso(r.start), iso(r.nominal), iso(r.legal), iso(r.judged),
            iso(r.done), r.basis, r.certainty, r.flags, r.message) for r in df.itertuples()]
    assert got == want and len(got) > 10000
    assert df.attrs["rejected"] == []
    # analyst questions answer directly: overdue per unit
    assert df[df.status == "overdue"].groupby("unit").size().sum() == sum(1 for w in want if w[4] == "overdue")


def test_evaluate_frame_takes_cases_and_keeps_rejected(tmp_path):
    bad = tmp_path / "c.jsonl"
    good = open(CASES, encoding="utf-8").readline()
    bad.write_text(good + '{"id": "X-1", "events": [{"type": "anmalan_mottagen", "date": "2025-02-29"}]}\n', "utf-8")
    df = ek.evaluate_frame(bad, as_of=AS_OF)
    assert len(df.attrs["rejected"]) == 1 and "2025-02-29" in df.attrs["rejected"][0]
    assert set(df.id) == {json.loads(good)["id"]}
    case = ek.Case.from_json(good)
    one = ek.evaluate_frame(case, as_of=AS_OF)
    assert one.drop(columns=[]).equals(df)
    assert not case.closed  # the caller's cases stay open
    empty = ek.evaluate_frame([], as_of=AS_OF)
    assert len(empty) == 0 and str(empty.legal.dtype) == "datetime64[ns]"


def test_check_frame_matches_cli_json():
    df = ek.check_frame(CASES, as_of=AS_OF, delegation=DELEG, threads=2)
    assert list(df.columns) == ["id", "unit", "item", "result", "criterion", "flags", "message", "basis",
                                "basis_date", "evidence"]
    assert str(df.basis_date.dtype) == "datetime64[ns]"
    want = []
    for line in run("check", "--as-of", AS_OF, "--delegation", DELEG, "--format", "json", CASES).splitlines():
        case = json.loads(line)
        if "results" not in case:  # the closing summary line
            continue
        for r in case["results"]:
            want.append((case["id"], case.get("unit", ""), r["item"], r["result"], r["message"], r["basis"],
                         r["evidence"], "|".join(r.get("flags", []))))
    got = [(r.id, r.unit, r.item, r.result, r.message, r.basis, r.evidence, r.flags) for r in df.itertuples()]
    assert len(got) == len(want) > 50000
    assert got == want
    assert any(e for e in df.evidence) and any(f for f in df["flags"])  # df.flags is pandas' own


def test_check_many_equals_check():
    cases = [c for c in ek.read_cases(CASES)][:200]
    deleg = ek.Delegation.load(DELEG)
    many = ek.check_many(cases, as_of=AS_OF, delegation=deleg, threads=3)
    assert [m.json for m in many] == [ek.check(c, as_of=AS_OF, delegation=deleg).json for c in cases]
    assert many[5] == ek.check(cases[5], as_of=AS_OF, delegation=deleg)
    with pytest.raises(TypeError):
        ek.check_many(["not a case"], as_of=AS_OF)
    for c in cases:
        c.close()


def test_report_frames_match_cli_json():
    data = json.loads(run("report", "--as-of", AS_OF, "--delegation", DELEG, "--sarah", SARAH, "--format", "json",
                          CASES))
    with ek.build_report(CASES, sarah=SARAH, delegation=DELEG, as_of=AS_OF) as rep:
        fr = rep.frames()
    assert set(fr) == {"items", "deadlines", "units", "months", "overdue", "sarah"}

    def same(a, b):
        return (a is None and pd.isna(b)) or (a is not None and not pd.isna(b) and a == pytest.approx(b))

    items = fr["items"].set_index(["id", fr["items"].unit.fillna("*")])
    for it in data["items"]:
        for unit, counts in [("*", it["counts"])] + list(it["by_unit"].items()):
            row = items.loc[(it["id"], unit)]
            assert row.title == it["title"] and row.basis == it["basis"]
            for k, v in counts.items():
                assert same(v, row[k]), (it["id"], unit, k)
    dl = fr["deadlines"].set_index(["rule", fr["deadlines"].unit.fillna("*")])
    for d in data["deadlines"]:
        for unit, counts in [("*", d["counts"])] + list(d["by_unit"].items()):
            row = dl.loc[(d["rule"], unit)]
            for k, v in counts.items():
                assert same(v, row[k]), (d["rule"], unit, k)
    un = fr["units"].set_index(fr["units"].unit.fillna("*"))
    for unit, counts in [("*", data["deadlines_total"]["counts"])] + list(data["deadlines_total"]["by_unit"].items()):
        for k, v in counts.items():
            assert same(v, un.loc[unit][k]), (unit, k)
    months = fr["months"]
    assert [m.strftime("%Y-%m") for m in months.month] == [m["month"] for m in data["deadlines_by_month"]]
    assert list(months.obligations) == [m["obligations"] for m in data["deadlines_by_month"]]
    ov = fr["overdue"]
    assert str(ov.legal.dtype) == "datetime64[ns]"
    assert [(r.case, r.rule, iso(r.legal), r.days_overdue) for r in ov.itertuples()] == \
        [(o["case"], o["rule"], o["legal"], o["days_overdue"]) for o in data["overdue"]]
    sarah = fr["sarah"]
    assert sarah[sarah.group == "records"]["count"].item() == data["sarah"]["records"]
    states = sarah[sarah.group == "state"].set_index("name")["count"].to_dict()
    assert states == data["sarah"]["state"]
    kat = sarah[sarah.group == "kategori"]
    assert list(kat.name) == [k["name"] for k in data["sarah"]["kategori"]]


def test_clear_import_error_without_pandas():
    code = ("import sys; sys.modules['pandas'] = None\n"
            "import egenkontroll as ek\n"
            "try:\n    ek.evaluate_frame([])\nexcept ImportError as e:\n    print(e)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
    assert p.returncode == 0, p.stderr
    assert "needs pandas" in p.stdout and "python3-pandas" in p.stdout and "pip install pandas" in p.stdout
