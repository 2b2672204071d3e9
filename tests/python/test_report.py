"""egenkontroll report: the numbers agree with evaluate, check and sarah on the demo data; the Python
API (build_report, previous_period) and the HTML page."""
import base64
import collections
import json
import os
import re
import subprocess

import pytest

from conftest import find_tool

from egenkontroll import report as rp
from egenkontroll import Context, InvalidArgumentError, ParseError, policy_params, wilson_interval

SRC = os.environ.get("EK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = find_tool()  # $EK_TOOL, the installed command or the build tree's
DATA = os.path.join(SRC, "examples", "data")
CASES = os.path.join(DATA, "cases.jsonl")
SARAH = os.path.join(DATA, "sarah.jsonl")
DELEG = os.path.join(DATA, "delegation.json")
AS_OF = "2026-03-01"
STATUSES = ("met", "late", "pending", "overdue", "notapplicable", "error")


def run(*args, ok=(0,)):
    p = subprocess.run([TOOL, *args], capture_output=True, text=True)
    assert p.returncode in ok, (args, p.returncode, p.stderr[-2000:])
    return p.stdout


@pytest.fixture(scope="module")
def first_dates():
    """Case id -> date of its first event on or before AS_OF (the report's case date)."""
    out = {}
    with open(CASES, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            ds = [e["date"] for e in c["events"] if e["date"] <= AS_OF]
            out[c["id"]] = min(ds) if ds else None
    return out


@pytest.fixture(scope="module")
def evaluations():
    return [json.loads(line) for line in run("evaluate", "--as-of", AS_OF, "--format", "json", CASES).splitlines()]


@pytest.fixture(scope="module")
def checks():
    lines = run("check", "--as-of", AS_OF, "--delegation", DELEG, "--sarah", SARAH, "--format", "json",
                CASES).splitlines()
    return [json.loads(line) for line in lines]


def tool_report(*extra):
    return json.loads(run("report", "--as-of", AS_OF, "--delegation", DELEG, "--sarah", SARAH, "--format", "json",
                          *extra, CASES))


def deadline_counts(evaluations, ids=None):
    per_rule = collections.defaultdict(collections.Counter)
    for ev in evaluations:
        if ids is not None and ev["id"] not in ids:
            continue
        for o in ev["obligations"]:
            per_rule[o["rule"]][o["status"]] += 1
    return per_rule


def item_counts(checks, ids=None):
    per_item = collections.defaultdict(collections.Counter)
    for c in checks:
        if "results" not in c or (ids is not None and c["id"] not in ids):
            continue
        for r in c["results"]:
            per_item[r["item"]][r["result"]] += 1
    return per_item


@pytest.mark.parametrize("period", [None, ("2025-01-01", "2025-12-31"), ("2024-07-01", "2024-07-31")])
def test_deadlines_agree_with_evaluate(period, evaluations, first_dates):
    rep = tool_report(*(["--from", period[0], "--to", period[1]] if period else []))
    ids = None if period is None else {i for i, d in first_dates.items() if d and period[0] <= d <= period[1]}
    want = deadline_counts(evaluations, ids)
    assert rep["input"]["cases_in_period"] == (len(first_dates) if ids is None else len(ids))
    got = {d["rule"]: d["counts"] for d in rep["deadlines"]}
    for rule, counts in got.items():
        for s in STATUSES:
            assert counts[s] == want[rule][s], (rule, s, counts[s], want[rule][s])
        due = counts["met"] + counts["late"] + counts["overdue"]
        assert counts["due"] == due
        if due:
            assert counts["on_time_rate"] == pytest.approx(counts["met"] / due)
    assert set(want) <= set(got)
    # The overdue list is exactly the overdue obligations of evaluate.
    listed = collections.Counter((o["case"], o["rule"], o["legal"]) for o in rep["overdue"])
    expected = collections.Counter((ev["id"], o["rule"], o["legal"]) for ev in evaluations
                                   if ids is None or ev["id"] in ids
                                   for o in ev["obligations"] if o["status"] == "overdue")
    assert listed == expected
    days = [o["days_overdue"] for o in rep["overdue"]]
    assert days == sorted(days, reverse=True) and all(d >= 1 for d in days)


def test_median_delay_agrees_with_evaluate(evaluations):
    import datetime
    import statistics
    rep = tool_report()
    d = lambda s: datetime.date.fromisoformat(s)  # noqa: E731
    for dl in rep["deadlines"]:
        delays = [(d(o["done"]) - d(o["judged"])).days for ev in evaluations for o in ev["obligations"]
                  if o["rule"] == dl["rule"] and o["status"] == "late"]
        if delays:
            assert dl["counts"]["late_median_days"] == pytest.approx(statistics.median(delays)), dl["rule"]
        else:
            assert dl["counts"]["late_median_days"] is None


def test_items_agree_with_check(checks):
    rep = tool_report()
    summary = next(c["summary"] for c in checks if "summary" in c)
    want = {s["item"]: s for s in summary["items"]}
    for it in rep["items"]:
        c = it["counts"]
        w = want[it["id"]]
        for k in ("total", "notapplicable", "denominator", "exclusions", "exceptions", "numerator", "failed",
                  "notchecked", "error", "unknown", "informational", "judged"):
            assert c[k] == w[k], (it["id"], k, c[k], w[k])
        assert (c["rate"] is None) == (w["rate"] is None)
        if c["rate"] is not None:
            assert c["rate"] == pytest.approx(w["rate"])
    # every item of the checklist is named, with title and legal basis
    assert [i["id"] for i in rep["items"]][:5] == ["A1", "A2", "A3", "A4", "A5"]
    assert all(i["title"] and i["basis"] for i in rep["items"])


def test_items_by_period_and_unit_agree_with_check(checks, first_dates):
    period = ("2025-01-01", "2025-12-31")
    rep = tool_report("--from", period[0], "--to", period[1])
    ids = {i for i, d in first_dates.items() if d and period[0] <= d <= period[1]}
    want = item_counts(checks, ids)
    for it in rep["items"]:
        if it["population"] != "case":
            continue
        c = it["counts"]
        w = want[it["id"]]
        assert c["numerator"] + c["exceptions"] == w["pass"], it["id"]
        assert c["failed"] == w["fail"] and c["notchecked"] == w["notchecked"] and c["error"] == w["error"], it["id"]
        assert c["denominator"] == sum(w.values()) - w["notapplicable"], it["id"]
    units = collections.defaultdict(collections.Counter)
    unit_of = {}
    with open(CASES, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            unit_of[c["id"]] = c.get("unit", "")
    for c in checks:
        if "results" in c and c["id"] in ids:
            for r in c["results"]:
                if r["item"] == "B1":
                    units[unit_of[c["id"]]][r["result"]] += 1
    b1 = next(i for i in rep["items"] if i["id"] == "B1")
    for u, cnt in units.items():
        assert b1["by_unit"][u]["failed"] == cnt["fail"]


def test_sample_agrees_with_check():
    args = ("--from", "2025-01-01", "--to", "2025-12-31", "--sample", "25", "--seed", "7")
    rep = tool_report(*args)
    assert rep["input"]["cases_checked"] == 75  # 25 in each of the three units
    out = run("check", "--as-of", AS_OF, "--delegation", DELEG, "--format", "json", "--sample", "25", "--seed", "7",
              "--sample-period", "year", CASES).splitlines()
    checked = [json.loads(line) for line in out]
    ids2025 = {c["id"] for c in checked if "results" in c and c["id"].startswith("BU-2025-")}
    got = item_counts(checked, None)  # noqa: F841 (all years; restrict below)
    want = item_counts(checked, ids2025)
    for it in rep["items"]:
        if it["population"] == "case":
            assert it["counts"]["failed"] == want[it["id"]]["fail"], it["id"]
    # the deadline statistics are not thinned by the sample
    full = tool_report("--from", "2025-01-01", "--to", "2025-12-31")
    assert rep["deadlines_total"] == full["deadlines_total"]


def test_sarah_agrees_with_sarah():
    rep = tool_report()
    lines = run("sarah", "--as-of", AS_OF, "--format", "json", SARAH).splitlines()
    summary = json.loads(lines[-1])["summary"]
    assert rep["sarah"] == summary
    items = {i["id"]: i["counts"] for i in rep["items"]}
    for item in ("E1", "E2"):
        assert items[item]["numerator"] == summary[item].get("pass", 0)
        assert items[item]["failed"] == summary[item].get("fail", 0)
        assert items[item]["notchecked"] == summary[item].get("notchecked", 0)


def test_text_names_every_item_with_rate():
    out = run("report", "--as-of", AS_OF, "--delegation", DELEG, "--sarah", SARAH, CASES)
    rep = tool_report()
    for it in rep["items"]:
        line = next(l for l in out.splitlines() if l.startswith(it["id"] + " "))
        rate = it["counts"]["rate"]
        want = "–" if rate is None else f"{rate * 100:.1f} %".replace(".", ",")
        assert line.rstrip().endswith(want), (line, want)
    assert "BU-" in out and "personnummer" not in out
    assert not re.search(r"\b\d{6}-\d{4}\b", out)  # nothing looks like a personal identity number


def test_python_api_matches_tool():
    with rp.build_report(CASES, sarah=SARAH, delegation=DELEG, as_of=AS_OF, date_from="2025-01-01",
                         date_to="2025-12-31") as rep:
        data = rep.data
        csv = rep.to_csv()
    tool = tool_report("--from", "2025-01-01", "--to", "2025-12-31")
    assert data == tool
    assert csv.splitlines()[0] == "section,unit,id,title,measure,value"
    assert rep.closed


def test_write_json_equals_to_json(tmp_path):
    """Report.write_json() writes to_json()'s document in pieces (ek_report_write_json_file); a full
    disk is an OSError naming the file."""
    from egenkontroll import LibraryIOError
    out = tmp_path / "report.json"
    with rp.build_report(CASES, sarah=SARAH, delegation=DELEG, as_of=AS_OF) as rep:
        rep.write_json(out)
        assert out.read_text(encoding="utf-8") == rep.to_json() + "\n"
        if os.path.exists("/dev/full"):
            with pytest.raises(LibraryIOError, match="/dev/full") as e:
                rep.write_json("/dev/full")
            assert isinstance(e.value, OSError)
        with pytest.raises(OSError, match="cannot open"):
            rep.write_json(tmp_path / "no-such-dir" / "report.json")


def test_python_case_objects_and_rejected(tmp_path):
    from egenkontroll.cases import read_cases
    bad = tmp_path / "bad.jsonl"
    with open(CASES, encoding="utf-8") as f:
        head = [next(f) for _ in range(30)]
    bad.write_text("".join(head) + '{"id": "BAD-X", "events": [{"type": "anmalan_mottagen", "date": "2025-02-29"}]}\n',
                   encoding="utf-8")
    data = rp.report(str(bad), as_of=AS_OF)
    assert data["input"]["cases_read"] == 30 and data["input"]["cases_rejected"] == 1
    assert data["input"]["rejected"][0]["id"] == "BAD-X"
    objs = [c for c in read_cases(str(bad), errors="collect") if hasattr(c, "_handle")]
    data2 = rp.report(objs, as_of=AS_OF)
    assert data2["input"]["cases_read"] == 30 and data2["deadlines_total"] == data["deadlines_total"]


def test_previous_period():
    import datetime as dt
    assert rp.previous_period("2025-01-01", "2025-12-31") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert rp.previous_period("2025-07-01", "2025-09-30") == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    assert rp.previous_period("2024-03-01", "2024-03-31") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert rp.previous_period("2025-01-10", "2025-01-19") == (dt.date(2024, 12, 31), dt.date(2025, 1, 9))
    assert rp.default_period("2026-03-01") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_html_is_self_contained(tmp_path):
    pytest.importorskip("matplotlib")
    from egenkontroll import html
    out = tmp_path / "r.html"
    rc = html.main(["--as-of", AS_OF, "--delegation", DELEG, "--sarah", SARAH, "-o", str(out), CASES])
    assert rc == 0
    page = out.read_text(encoding="utf-8")
    imgs = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(imgs) == 3
    assert all(base64.b64decode(i)[:8] == b"\x89PNG\r\n\x1a\n" for i in imgs)
    assert not re.search(r'(src|href)="(https?:|//|file:)', page)  # nothing fetched from elsewhere
    assert "2025-01-01 – 2025-12-31" in page and "2024-01-01 – 2024-12-31" in page
    for item in ("A1", "B1", "D10", "E2", "F4"):
        assert f">{item}<" in page


def test_html_lowest_rates_ignore_small_n_and_show_wilson(tmp_path):
    """Rates from fewer than 10 judged cases are marked uncertain and never headlined: the "lowest rates"
    card ignores them (F4 with n = 2 led it); every rate shows n and its Wilson 95 % interval."""
    pytest.importorskip("matplotlib")
    from egenkontroll import html
    with rp.build_report(CASES, delegation=DELEG, sarah=SARAH, as_of=AS_OF, date_from="2025-01-01",
                         date_to="2025-12-31") as r:
        data = r.data
    small = {i["id"] for i in data["items"] if i["counts"]["rate"] is not None and i["counts"]["judged"] < 10}
    assert small, "the demo data should have an item judged in fewer than 10 cases"
    page = html.render(data)
    card = re.search(r'<div class="kpi"><b>([^<]*)</b>lägst andel', page).group(1).split(", ")
    assert not set(card) & small, f"uncertain rates headlined: {set(card) & small}"
    big = sorted((i for i in data["items"] if i["counts"]["rate"] is not None and i["counts"]["judged"] >= 10),
                 key=lambda i: i["counts"]["rate"])
    assert card == [i["id"] for i in big[:3]]
    # n and the library's interval next to every rate: 1 of 2 judged -> 50,0 % (n 2; 9,5–90,5 %), uncertain
    assert not hasattr(html, "_wilson") and not hasattr(html, "MIN_JUDGED"), "html.py must not compute Wilson itself"
    for i in data["items"]:
        c = i["counts"]
        if c["rate"] is not None:
            lo, hi = wilson_interval(c["numerator"], c["judged"])
            assert (c["rate_low"], c["rate_high"]) == pytest.approx((lo, hi), abs=1e-12)
            assert c["uncertain"] == (c["judged"] < 10)
            ci = f'{lo * 100:.1f}–{hi * 100:.1f} %'.replace(".", ",")
            assert f'n {c["judged"]}; {ci}' in page
        else:
            assert c["rate_low"] is None and c["rate_high"] is None and c["uncertain"] is True
    assert "osäker" in page


def test_wilson_interval_known_values():
    """The library's 95 % Wilson interval (ek_wilson_interval) against values computed by hand."""
    assert wilson_interval(8, 10) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert wilson_interval(0, 5) == pytest.approx((0.0, 0.4345), abs=1e-4)
    assert wilson_interval(5, 5) == pytest.approx((0.5655, 1.0), abs=1e-4)
    assert wilson_interval(1, 2) == pytest.approx((0.0945, 0.9055), abs=1e-4)
    with pytest.raises(InvalidArgumentError):
        wilson_interval(0, 0)
    with pytest.raises(InvalidArgumentError):
        wilson_interval(3, 2)


def test_minsta_underlag_policy_decides_uncertain(tmp_path):
    """The policy parameter minsta_underlag (a count) sets the minimum below which a rate is uncertain."""
    ctx = Context(policy={"minsta_underlag": "2"})
    assert ctx.policy["minsta_underlag"] == "2"
    assert {p.name: p.type for p in policy_params()}["minsta_underlag"] == "count"
    with pytest.raises(ParseError):
        ctx.policy["minsta_underlag"] = "2d"
    with pytest.raises(ParseError):
        ctx.policy["minsta_underlag"] = "-1"
    with rp.build_report(CASES, delegation=DELEG, sarah=SARAH, as_of=AS_OF, date_from="2025-01-01",
                         date_to="2025-12-31", context=ctx) as r:
        data = r.data
        csv = r.to_csv()
    assert ",rate_low," in csv and ",rate_high," in csv and ",uncertain," in csv
    judged = [i["counts"] for i in data["items"] if i["counts"]["rate"] is not None]
    assert any(c["judged"] < 10 for c in judged)
    for c in judged:
        assert c["uncertain"] == (c["judged"] < 2)
