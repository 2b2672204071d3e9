"""Reviewers' answers kept apart from the export (egenkontroll/granskning-1): the Python API agrees with the
tool, the later date counts, unknown case ids and items are listed with file and line."""
import json
import subprocess

import pytest

import egenkontroll as ek
from egenkontroll.report import build_report


def _line(case_id, item, result, date, comment=""):
    return json.dumps({"format": "egenkontroll/granskning-1", "id": case_id, "item": item, "result": result,
                       "comment": comment, "reviewer": "kvalitetscontroller", "date": date}, ensure_ascii=False)


@pytest.fixture
def cases(source_dir):
    return source_dir / "tests/data/checklist/items.jsonl"


def _case(path, case_id):
    for c in ek.read_cases(path):
        if c.id == case_id:
            return c
        c.close()
    raise KeyError(case_id)


def test_check_takes_answers(source_dir, cases):
    c = _case(cases, "A4-EJBEDOMD")
    assert ek.check(c, as_of="2026-03-01")["A4"].result == "notchecked"
    path = source_dir / "tests/data/answers/svar.jsonl"
    r = ek.check(c, as_of="2026-03-01", answers=path)
    assert r["A4"].result == "pass"
    assert "granskarsvar" in r["A4"].flags
    with ek.Answers.from_json(_line("A4-EJBEDOMD", "A4", "fail", "2026-02-10", "saknas") + "\n") as a:
        assert ek.check(c, as_of="2026-03-01", answers=a)["A4"].result == "fail"
        # dated after the as-of date: not yet given
        assert ek.check(c, as_of="2026-02-09", answers=a)["A4"].result == "notchecked"
        assert len(a) == 1
    assert len(c.answers) == 0  # the case itself is not changed
    c.close()


def test_later_date_counts_and_conflicts_are_noted():
    a = ek.Answers()
    a.add("BU-1", "B4", "pass", date="2026-02-01", source="a.jsonl", line=1)
    a.add("BU-1", "B4", "fail", date="2026-01-01", source="b.jsonl", line=4)
    assert [r.result for r in a.records] == ["pass"]
    (n,) = a.notes
    assert n.warning and n.source == "b.jsonl" and n.line == 4 and n.case_id == "BU-1"
    assert "earlier one counts" in n.message
    with pytest.raises(ek.InvalidArgumentError):
        a.add("BU-1", "B4", "notchecked")
    a.close()


def test_report_and_tool_agree(source_dir, cases, tool):
    good = source_dir / "tests/data/answers/svar.jsonl"
    bad = source_dir / "tests/data/answers/svar-bad.jsonl"
    with build_report(cases, as_of="2026-03-01", answers=[good, bad]) as rep:
        py = {i["id"]: i["counts"] for i in rep.data["items"]}
        notes = rep.answer_notes
    out = subprocess.run([tool, "report", "--as-of", "2026-03-01", "--format", "json", "--answers", str(good),
                          "--answers", str(bad), str(cases)], capture_output=True, text=True)
    assert out.returncode == 3
    cli = {i["id"]: i["counts"] for i in json.loads(out.stdout)["items"]}
    assert py == cli
    errors = [n for n in notes if not n.warning]
    assert [(n.line, n.field) for n in errors] == [(4, "result"), (2, "id"), (3, "item")]
    assert all(n.source == str(bad) for n in errors)
    assert any(n.warning and n.case_id == "B1-PASS" for n in notes)
    with build_report(cases, as_of="2026-03-01") as plain:
        before = {i["id"]: i["counts"] for i in plain.data["items"]}
    assert py["A4"]["numerator"] == before["A4"]["numerator"] + 1
    assert py["A4"]["notchecked"] == before["A4"]["notchecked"] - 1


def test_round_trip(source_dir):
    path = source_dir / "tests/data/answers/svar.jsonl"
    with ek.Answers.load(path) as a:
        text = a.to_json()
        assert [r.line for r in a.records] == [1, 2, 3]
    with ek.Answers.from_json(text) as b:
        assert b.to_json() == text
    assert json.loads(text.splitlines()[0])["comment"] == "våld beaktat"


def test_html_takes_answers(source_dir, cases, tmp_path):
    from egenkontroll import html
    out = tmp_path / "r.html"
    rc = html.main(["--as-of", "2026-03-01", "--from", "2000-01-01", "--to", "2026-02-28", "--answers",
                    str(source_dir / "tests/data/answers/svar.jsonl"), "-o", str(out), str(cases)])
    assert rc == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_xlsx_worksheet_read_back(source_dir, cases, tmp_path, tool):
    """An Excel worksheet of answers (header row with the granskning-1 keys) is read by Answers / answers=
    and converted by python3 -m egenkontroll.review --from-xlsx into a file the tool reads."""
    openpyxl = pytest.importorskip("openpyxl")
    import datetime
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "unit", "item", "title", "result", "comment", "reviewer", "date"])
    ws.append(["A4-EJBEDOMD", "Barn och unga", "A4", "Anmälan om våld", "uppfylld", "ok", "kvalitetscontroller",
               datetime.date(2026, 2, 1)])
    ws.append(["B1-PASS", "Barn och unga", "B4", "Barnets bästa", "fail", None, "kvalitetscontroller",
               "2026-02-02"])
    ws.append(["B3-FAIL", "Barn och unga", "B4", "Barnets bästa", None, None, None, None])  # not answered
    path = tmp_path / "granskning.xlsx"
    wb.save(path)
    with ek.Answers.load(path) as a:
        assert [(r.case_id, r.item, r.result, r.date, r.line) for r in a.records] == [
            ("A4-EJBEDOMD", "A4", "pass", datetime.date(2026, 2, 1), 2),
            ("B1-PASS", "B4", "fail", datetime.date(2026, 2, 2), 3)]
    c = _case(cases, "A4-EJBEDOMD")
    assert ek.check(c, as_of="2026-03-01", answers=path)["A4"].result == "pass"
    c.close()
    from egenkontroll import review
    out = tmp_path / "svar.jsonl"
    assert review.main(["--from-xlsx", str(path), "-o", str(out)]) == 0
    run = subprocess.run([tool, "check", "--as-of", "2026-03-01", "--answers", str(out), str(cases)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    ws.append(["B3-FAIL", "", "B4", "", "kanske", None, None, "2026-02-02"])
    wb.save(path)
    with pytest.raises(ValueError, match=r"granskning.xlsx:5: result must be"):
        ek.Answers.load(path)
