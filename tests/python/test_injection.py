"""Ids, units and text from input cannot inject anything into an output (issue 18, points 3 and 4).

- CSV and xlsx: a cell starting with = + - @ TAB or CR would be a formula in a
  spreadsheet (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``): it gets a leading
  apostrophe (OWASP), in every CSV writer (``report --format csv`` in both
  dialects, ``Report.to_csv()``) and the xlsx writer.
- Text: ESC, BEL, CR, LF and the other control characters in an id or unit are
  escaped in every text output (evaluate, check, report, sarah, and the error
  messages on standard error): no terminal escape, no forged line.
"""
import csv
import io
import json
import os
import subprocess
import unicodedata

import pytest

import egenkontroll as ek

HOSTILE = [
    '=HYPERLINK("http://example.invalid/x","klicka")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1-1",
    "@SUM(1)",
    "\tTAB",
    "\rCR",
    "ESC\x1b[31mröd\x1b[0m",
    "BEL\x07",
    "LF\nFORGED: allt uppfyllt",
    "CRLF\r\nFORGED: allt uppfyllt",
    "C1\u009b2J",
    "BIDI\u202eabc",
    "LS\u2028FORGED",
]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _case(i, text):
    return {"format": "egenkontroll/case-1", "id": f"{text}#{i}", "unit": f"{text}",
            "events": [{"type": "anmalan_mottagen", "date": "2025-01-02", "anmalare": "skola"},
                       {"type": "beslut_inleda_utredning", "date": "2025-01-20", "beslutsfattare": "enhetschef"}]}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    cases = d / "cases.jsonl"
    with open(cases, "w", encoding="utf-8") as f:
        for i, t in enumerate(HOSTILE):
            f.write(json.dumps(_case(i, t)) + "\n")
        # a rejected line whose id is hostile (its error message names the case)
        f.write(json.dumps({"format": "egenkontroll/case-1", "id": "REJ\nFORGED: ok\x1b[2J",
                            "events": [{"type": "anmalan_mottagen", "date": "2025-13-01"}]}) + "\n")
    sarah = d / "sarah.jsonl"
    with open(sarah, "w", encoding="utf-8") as f:
        for i, t in enumerate(HOSTILE):
            f.write(json.dumps({"format": "egenkontroll/avvikelse-1", "id": f"{t}#{i}", "unit": t, "kategori": t,
                                "typ": "missforhallande", "datum": {"rapport": "2025-02-03"}}) + "\n")
    return str(cases), str(sarah)


def _run(tool, *args):
    p = subprocess.run([tool, *args], capture_output=True)
    assert p.returncode in (0, 3), (args, p.returncode, p.stderr[-2000:])
    return p


def _bad_chars(text):
    """Control and format characters a terminal would act on (the line end itself excepted)."""
    return sorted({c for c in text if c != "\n" and (unicodedata.category(c) in ("Cc", "Zl", "Zp")
                                                      or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069)})


def _assert_clean_text(raw):
    text = raw.decode("utf-8")  # also proves every byte is valid UTF-8
    assert _bad_chars(text) == [], text[:3000]
    for line in text.split("\n"):
        assert not line.lstrip().startswith("FORGED"), line


@pytest.mark.parametrize("cmd", [
    ["evaluate", "--as-of", "2026-01-01"],
    ["check", "--as-of", "2026-01-01"],
    ["report", "--as-of", "2026-01-01"],
])
def test_text_outputs_escape_control_characters(tool, files, cmd):
    cases, sarah = files
    extra = ["--sarah", sarah] if cmd[0] in ("check", "report") else []
    p = _run(tool, *cmd, *extra, cases)
    _assert_clean_text(p.stdout)
    _assert_clean_text(p.stderr)
    assert b"\\x1b" in p.stdout or b"\\x1b" in p.stderr  # escaped, still visible


def test_sarah_text_output_escapes_control_characters(tool, files):
    _, sarah = files
    p = _run(tool, "sarah", "--as-of", "2026-01-01", sarah)
    _assert_clean_text(p.stdout)
    _assert_clean_text(p.stderr)
    assert b"ESC\\x1b[31m" in p.stdout


def test_json_outputs_have_no_raw_control_bytes(tool, files):
    cases, sarah = files
    for cmd in (["evaluate", "--format", "json"], ["check", "--format", "json"], ["report", "--format", "json"],
                ["sarah", "--format", "json"]):
        src = sarah if cmd[0] == "sarah" else cases
        p = _run(tool, *cmd, "--as-of", "2026-01-01", src)
        assert all(b >= 0x20 or b == 0x0A for b in p.stdout), cmd
        if cmd[0] == "report":
            json.loads(p.stdout)
        else:
            for line in p.stdout.decode().split("\n")[:-1]:
                json.loads(line)


def _assert_clean_csv(text, dialect):
    assert _bad_chars(text.replace("\r\n", "\n")) == []
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if dialect == "excel-sv" else ","))
    assert rows[0] == ["section", "unit", "id", "title", "measure", "value"]
    seen = 0
    for row in rows:
        assert len(row) == 6, row
        for cell in row[:5]:
            assert not cell.startswith(FORMULA), row
        seen += any(c.startswith("'") for c in row[:5])
    assert seen > 0  # the hostile ids and units are there, neutralised


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_report_csv_neutralises_formulas(tool, files, dialect):
    cases, sarah = files
    p = _run(tool, "report", "--format", "csv", "--csv-dialect", dialect, "--as-of", "2026-01-01",
             "--sarah", sarah, cases)
    text = p.stdout.decode("utf-8")
    _assert_clean_csv(text, dialect)
    assert "'=HYPERLINK(" in text and "'=cmd|" in text and "'+1+1" in text and "'@SUM(1)" in text


def test_report_to_csv_neutralises_formulas():
    cs = []
    for i, t in enumerate(HOSTILE):
        c = ek.Case(f"{t}#{i}")
        c.unit = t
        c.add_event("anmalan_mottagen", "2025-01-02")
        cs.append(c)
    with ek.build_report(cs, as_of="2026-01-01") as rep:
        _assert_clean_csv(rep.to_csv(), "rfc4180")
    for c in cs:
        c.close()


def test_report_xlsx_neutralises_formulas(tool, files, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    cases, sarah = files
    path = tmp_path / "r.xlsx"
    p = subprocess.run([tool, "report", "--format", "xlsx", "-o", str(path), "--as-of", "2026-01-01",
                        "--sarah", sarah, cases], capture_output=True)
    if p.returncode == 2 and b"without libxlsxwriter" in p.stderr:
        pytest.skip("egenkontroll built without libxlsxwriter")
    assert p.returncode in (0, 3), p.stderr
    wb = openpyxl.load_workbook(path)
    strings = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(s.startswith("'=HYPERLINK(") for s in strings)
    for s in strings:
        assert not s.startswith(FORMULA), s
        assert _bad_chars(s) == [], s


def test_safe_text_for_writers_of_ones_own():
    assert ek.safe_text("BU-1") == "BU-1"
    assert ek.safe_text("a\x1b[2J\nb") == "a\\x1b[2J\\nb"
    assert ek.safe_text("=SUM(A1)", cell=True) == "'=SUM(A1)"
    assert ek.safe_text("=SUM(A1)") == "=SUM(A1)"
    assert ek.safe_text("pnr 19121212-1212") == "pnr XXXXXXXX-XXXX"


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_evaluate_csv_neutralises_formulas(tool, files, dialect):
    import re
    cases, _ = files
    p = _run(tool, "evaluate", "--format", "csv", "--csv-dialect", dialect, "--as-of", "2026-01-01", cases)
    text = p.stdout.decode("utf-8")
    assert _bad_chars(text.replace("\r\n", "\n")) == []
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if dialect == "excel-sv" else ","))
    assert any(c.startswith("'=HYPERLINK(") for row in rows for c in row)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA) or re.fullmatch(r"-\d+([.,]\d+)?", cell), row


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_evaluate_csv_repeats_a_cases_safe_id_and_unit(tool, tmp_path, dialect):
    """The id and unit are made safe once per case and repeated on each of its lines (issue 15)."""
    case_id, unit = '=a,"b";19121212-1212', '@u;1,"2"\x1b'
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps(dict(_case(0, "x"), id=case_id, unit=unit)) + "\n", encoding="utf-8")
    p = _run(tool, "evaluate", "--format", "csv", "--csv-dialect", dialect, "--as-of", "2026-01-01", str(cases))
    text = p.stdout.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if dialect == "excel-sv" else ","))
    assert len(rows) >= 3, rows  # the header and at least two obligations
    for row in rows[1:]:
        assert row[:2] == [ek.safe_text(case_id, cell=True), ek.safe_text(unit, cell=True)], row
    assert "1212" not in text
