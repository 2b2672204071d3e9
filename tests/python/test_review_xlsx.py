"""The reviewer's worksheet as an Excel workbook: `egenkontroll review --format xlsx` writes the same sampled
cases and open judgement items as the HTML page, with the result as a validated dropdown list; a reviewer fills
three rows (here with openpyxl, as Excel would), `python3 -m egenkontroll.review --from-xlsx` saves them as
granskning-1, and `egenkontroll check --answers` counts exactly those three answers more (issue 16, point 2).
The C tool reads granskning-1 only: it refuses the workbook itself and names the command that converts it."""
import json
import re
import subprocess
import sys

import pytest

openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2026-03-01"
SAMPLE = ["--sample", "2", "--seed", "7"]


def _xlsx(tool, out, *extra):
    p = subprocess.run([tool, *extra, "review", "--as-of", AS_OF, *SAMPLE, "--format", "xlsx", "-o", str(out),
                        "examples/data/cases.jsonl"], capture_output=True, text=True)
    if p.returncode == 2 and "without libxlsxwriter" in p.stderr:
        pytest.skip("egenkontroll built without libxlsxwriter")
    assert p.returncode == 0, p.stderr
    return p


def _html_data(tool, out):
    subprocess.run([tool, "review", "--as-of", AS_OF, *SAMPLE, "-o", str(out), "examples/data/cases.jsonl"],
                   check=True, capture_output=True)
    text = out.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="ek-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


def _check(tool, *extra):
    out = subprocess.run([tool, "check", "--as-of", AS_OF, *SAMPLE, "--format", "json", *extra,
                          "examples/data/cases.jsonl"], capture_output=True, text=True, check=True)
    cases, summary = {}, None
    for line in out.stdout.splitlines():
        o = json.loads(line)
        if "summary" in o:
            summary = {i["item"]: i for i in o["summary"]["items"]}
        else:
            cases[o["id"]] = {r["item"]: r["result"] for r in o["results"]}
    return cases, summary


@pytest.fixture
def in_source(source_dir, monkeypatch):
    monkeypatch.chdir(source_dir)


def test_same_cases_and_open_items_as_the_page(tool, tmp_path, in_source):
    _xlsx(tool, tmp_path / "g.xlsx")
    data = _html_data(tool, tmp_path / "g.html")
    wb = openpyxl.load_workbook(tmp_path / "g.xlsx")
    assert wb.sheetnames == ["Att bedöma", "Händelser", "Redan bedömt", "Om granskningen"]
    ws = wb["Att bedöma"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Ärende", "Enhet", "Punkt", "Rubrik", "Vad ska bedömas", "Resultat", "Kommentar",
                       "Granskare", "Datum", "Checklista", "Version")
    open_rows = [(r[0], r[2]) for r in rows[1:]]
    assert open_rows == [(c["case"]["id"], item) for c in data["cases"] for item in c["open"]]
    assert all(r[5] is None and r[7] == "kvalitetscontroller" and r[8].date().isoformat() == AS_OF
               for r in rows[1:])
    # the result column: a dropdown list of the three words, nothing else accepted
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.formula1, str(dv.sqref), dv.showErrorMessage) == (
        "list", '"uppfylld,inte uppfylld,ej aktuell"', f"F2:F{len(rows)}", True)
    # every sampled case's timeline, and what the library judged
    ids = [c["case"]["id"] for c in data["cases"]]
    events = list(wb["Händelser"].iter_rows(min_row=2, values_only=True))
    assert sorted({e[0] for e in events}) == sorted(ids)
    assert len(events) == sum(len(c["case"]["events"]) for c in data["cases"])
    judged = list(wb["Redan bedömt"].iter_rows(min_row=2, values_only=True))
    assert {j[0] for j in judged} <= set(ids) and all(j[3] and j[4] for j in judged)
    about = [r[0] for r in wb["Om granskningen"].iter_rows(values_only=True)]
    assert about[0] == f"Granskning per {AS_OF}" and about[1] == data["meta"]


def test_english_workbook(tool, tmp_path, in_source):
    _xlsx(tool, tmp_path / "en.xlsx", "--lang", "en")
    ws = openpyxl.load_workbook(tmp_path / "en.xlsx").worksheets[0]
    head = next(ws.iter_rows(values_only=True))
    assert head[0] == "Case" and head[5] == "Result" and head[6] == "Comment"
    (dv,) = ws.data_validations.dataValidation
    assert dv.formula1 == '"met,not met,not applicable"'


def test_three_answers_filled_in_excel_change_the_counts_exactly(tool, tmp_path, in_source):
    path = tmp_path / "granskning.xlsx"
    _xlsx(tool, path)
    before_cases, before = _check(tool)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(min_row=2))
    pick, seen = [], set()
    for row in rows:  # three rows of pure judgement items (J) in different cases
        if row[2].value in ("A4", "B4") and row[0].value not in seen:
            pick.append(row)
            seen.add(row[0].value)
        if len(pick) == 3:
            break
    answers = [("uppfylld", "pass"), ("inte uppfylld", "fail"), ("ej aktuell", "notapplicable")]
    for row, (word, _) in zip(pick, answers):
        row[5].value = word
        row[6].value = "granskat i akten"
    wb.save(path)
    # the C tool does not read the workbook itself: it names the command that converts it
    p = subprocess.run([tool, "check", "--as-of", AS_OF, "--answers", str(path), "examples/data/cases.jsonl"],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "--from-xlsx" in p.stderr
    svar = tmp_path / "svar.jsonl"
    p = subprocess.run([sys.executable, "-m", "egenkontroll.review", "--from-xlsx", str(path), "-o", str(svar)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    lines = [json.loads(x) for x in svar.read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], x["item"], x["result"], x["date"], x["reviewer"]) for x in lines] == [
        (r[0].value, r[2].value, res, AS_OF, "kvalitetscontroller") for r, (_, res) in zip(pick, answers)]
    after_cases, after = _check(tool, "--answers", str(svar))
    changed = {(cid, item): (before_cases[cid][item], after_cases[cid][item])
               for cid in before_cases for item in before_cases[cid]
               if before_cases[cid][item] != after_cases[cid][item]}
    assert changed == {(r[0].value, r[2].value): ("notchecked", res) for r, (_, res) in zip(pick, answers)}
    assert sum(after[i]["notchecked"] for i in after) == sum(before[i]["notchecked"] for i in before) - 3
    assert sum(after[i]["numerator"] for i in after) == sum(before[i]["numerator"] for i in before) + 1
    assert sum(after[i]["failed"] for i in after) == sum(before[i]["failed"] for i in before) + 1
