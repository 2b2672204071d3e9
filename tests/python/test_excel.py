"""egenkontroll report --format xlsx and --csv-dialect excel-sv: what Excel opens (issue 17, point 2).
The files are read back (openpyxl, csv) and every figure compared with the JSON report."""
import csv
import datetime
import io
import json
import os
import subprocess

import pytest

from conftest import find_tool

SRC = os.environ.get("EK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = find_tool()  # $EK_TOOL, the installed command or the build tree's
DATA = os.path.join(SRC, "examples", "data")
ARGS = ["--as-of", "2026-03-01", "--delegation", os.path.join(DATA, "delegation.json"),
        "--sarah", os.path.join(DATA, "sarah.jsonl"), os.path.join(DATA, "cases.jsonl")]


def run(*args, ok=(0,)):
    p = subprocess.run([TOOL, *args], capture_output=True)
    assert p.returncode in ok, (args, p.returncode, p.stderr[-2000:])
    return p


@pytest.fixture(scope="module")
def report():
    return json.loads(run("report", "--format", "json", *ARGS).stdout)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path_factory.mktemp("xlsx") / "rapport.xlsx"
    p = run("report", "--format", "xlsx", "-o", str(path), *ARGS, ok=(0, 2))
    if p.returncode == 2 and b"without libxlsxwriter" in p.stderr:
        pytest.skip("egenkontroll built without libxlsxwriter")
    assert p.returncode == 0 and p.stdout == b""
    return openpyxl.load_workbook(path)


def rows(ws):
    """The sheet as a list of dicts keyed by the header row."""
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r)) for r in values[1:]]


def test_sheets_headers_frozen_filtered(workbook):
    assert workbook.sheetnames == ["Översikt", "Checklistan", "Frister", "Per månad", "Försenade", "Lex Sarah"]
    for ws in workbook:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
    assert [c.value for c in workbook["Checklistan"][1]][:4] == ["Punkt", "Titel", "Enhet", "Berörda"]


def test_items_are_numbers_and_percentages(workbook, report):
    got = {(r["Punkt"], r["Enhet"]): r for r in rows(workbook["Checklistan"])}
    ws = workbook["Checklistan"]
    rate_col = [c.value for c in ws[1]].index("Andel godkända")
    for it in report["items"]:
        for unit, c in [("Alla", it["counts"])] + list(it["by_unit"].items()):
            r = got[(it["id"], unit or "(ingen enhet)")]
            assert r["Titel"] == it["title"]
            assert r["Berörda"] == c["denominator"] and r["Godkända"] == c["numerator"]
            assert r["Brister"] == c["failed"] + c["fixed"] and r["Bedömda"] == c["judged"]
            assert r["Fel"] == c["error"] and r["Undantag"] == c["exceptions"]
            if c["rate"] is None:
                assert r["Andel godkända"] is None
            else:
                assert r["Andel godkända"] == pytest.approx(c["rate"])
    rated = [row[rate_col] for row in ws.iter_rows(min_row=2) if row[rate_col].value is not None]
    assert rated and all(c.number_format == "0.0%" and isinstance(c.value, (int, float)) for c in rated)


def test_deadlines_months_overdue(workbook, report):
    got = {(r["Regel-id"], r["Enhet"]): r for r in rows(workbook["Frister"])}
    for d in report["deadlines"]:
        if d["counts"]["obligations"] == 0:
            assert (d["rule"], "Alla") not in got
            continue
        r = got[(d["rule"], "Alla")]
        c = d["counts"]
        assert r["Regel"] == d["title"]
        assert (r["Frister"], r["I tid"], r["Sena"], r["Ej klara efter slutdagen"], r["Väntar"], r["Öppna"]) == \
            (c["obligations"], c["met"], c["late"], c["overdue"], c["pending"], c["open"])
        assert r["Andel i tid"] == (pytest.approx(c["on_time_rate"]) if c["on_time_rate"] is not None else None)
    total = got[(None, "Alla")]
    assert total["Regel"] == "Totalt" and total["Frister"] == report["deadlines_total"]["counts"]["obligations"]
    months = rows(workbook["Per månad"])
    assert [m["Månad"] for m in months] == [m["month"] for m in report["deadlines_by_month"]]
    assert [m["Frister"] for m in months] == [m["obligations"] for m in report["deadlines_by_month"]]
    over = rows(workbook["Försenade"])
    assert len(over) == len(report["overdue"]) > 0
    for r, o in zip(over, report["overdue"]):
        assert r["Ärende"] == o["case"] and r["Regel-id"] == o["rule"]
        assert r["Laglig slutdag"] == datetime.datetime.fromisoformat(o["legal"])
        assert r["Dagar efter slutdagen"] == o["days_overdue"]


def test_overview_and_sarah(workbook, report):
    ov = {r["Uppgift"]: r["Värde"] for r in rows(workbook["Översikt"])}
    assert ov["Rapportdag"] == datetime.datetime(2026, 3, 1)
    assert ov["Ärenden lästa"] == report["input"]["cases_read"]
    assert ov["Frister"] == report["input"]["obligations"]
    sarah = rows(workbook["Lex Sarah"])
    assert sarah[0]["Mått"] == "Avvikelser i perioden" and sarah[0]["Antal"] == report["sarah"]["records"]
    states = {r["Värde"]: r["Antal"] for r in sarah if r["Mått"] == "Status"}
    assert states["under utredning"] == report["sarah"]["state"]["under_utredning"]


def test_xlsx_needs_output_file():
    p = run("report", "--format", "xlsx", *ARGS, ok=(2,))
    assert p.stdout == b"" and len(p.stderr.decode().strip().splitlines()) == 1


def test_csv_excel_sv(report):
    plain = run("report", "--format", "csv", *ARGS).stdout.decode("utf-8")
    raw = run("report", "--format", "csv", "--csv-dialect", "excel-sv", *ARGS).stdout
    assert raw.startswith(b"\xef\xbb\xbf")
    sv = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    rfc = list(csv.reader(io.StringIO(plain, newline="")))
    assert sv[0] == ["section", "unit", "id", "title", "measure", "value"]
    assert len(sv) == len(rfc)
    decimals = 0
    for a, b in zip(sv, rfc):
        assert a[:5] == b[:5]
        if "." in b[5] and b[4] not in ("as_of", "from", "to", "legal"):
            decimals += 1
            assert a[5] == b[5].replace(".", ",")
        else:
            assert a[5] == b[5]
    assert decimals > 0
    rate = next(r for r in sv if r[0] == "item" and r[1] == "" and r[2] == "A1" and r[4] == "rate")
    assert float(rate[5].replace(",", ".")) == pytest.approx(next(i for i in report["items"]
                                                                 if i["id"] == "A1")["counts"]["rate"], abs=1e-6)


def test_output_file_for_text_formats(tmp_path):
    out = tmp_path / "r.json"
    p = run("report", "--format", "json", "-o", str(out), *ARGS)
    assert p.stdout == b"" and json.loads(out.read_text("utf-8"))["format"] == "egenkontroll/report-1"
    p = run("report", "--format", "csv", "--csv-dialect", "semikolon", *ARGS, ok=(2,))
    assert b"excel-sv" in p.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_evaluate_csv_matches_json(jobs):
    """evaluate --format csv: one line per obligation, the same fields as the JSON Lines form."""
    cases = os.path.join(DATA, "cases.jsonl")
    units = {}
    with open(cases, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            units[c["id"]] = c.get("unit") or ""
    js = [json.loads(line) for line in
          run("evaluate", "--as-of", "2026-03-01", "--format", "json", cases).stdout.decode().splitlines()]
    want = []
    for case in js:
        for o in case.get("obligations", []):
            want.append([case["id"], units[case["id"]], o["rule"], str(o.get("seq") or ""), o["status"],
                         o.get("start") or "", o.get("nominal") or "", o.get("legal") or "",
                         o.get("judged") or "", o.get("done") or "", o.get("basis") or "",
                         o.get("certainty") or "", "|".join(o.get("flags", [])), o.get("message") or ""])
    out = run("evaluate", "-j", jobs, "--as-of", "2026-03-01", "--format", "csv", cases).stdout.decode("utf-8")
    got = list(csv.reader(io.StringIO(out, newline="")))
    assert got[0] == ["id", "unit", "rule", "seq", "status", "start", "nominal", "legal", "judged", "done",
                      "basis", "certainty", "flags", "message"]
    assert got[1:] == want and len(want) > 100
    assert any(r[12] for r in want) and any(r[3] for r in want)
    sv = run("evaluate", "-j", jobs, "--as-of", "2026-03-01", "--format", "csv", "--csv-dialect", "excel-sv",
             cases).stdout
    assert sv.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(sv.decode("utf-8-sig"), newline=""), delimiter=";")) == got


def test_evaluate_csv_rejected_case_only_on_stderr(tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = open(os.path.join(DATA, "cases.jsonl"), encoding="utf-8").readline()
    bad.write_text('{"id": "X-1", "events": [{"type": "anmalan", "date": "2025-02-29"}]}\n' + good, "utf-8")
    p = run("evaluate", "--as-of", "2026-03-01", "--format", "csv", str(bad), ok=(3,))
    rows = list(csv.reader(io.StringIO(p.stdout.decode(), newline="")))
    assert rows[0][0] == "id" and all(r[0] != "X-1" for r in rows) and len(rows) > 1
    assert b"X-1" in p.stderr or b"2025-02-29" in p.stderr
