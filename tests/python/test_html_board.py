"""The HTML report as a board reads it (issue 17, points 3 and 4): rendered in headless Chromium and printed
to PDF; the sections, Swedish labels and figures are checked in what a reader sees (the DOM after layout, the
PDF's text), against the JSON report.  And python3 -m egenkontroll.html fails like the CLI: one line, exit 2/3."""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import find_tool

SRC = os.environ.get("EK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = find_tool()  # $EK_TOOL, the installed command or the build tree's
DATA = os.path.join(SRC, "examples", "data")
CASES = os.path.join(DATA, "cases.jsonl")
SARAH = os.path.join(DATA, "sarah.jsonl")
DELEG = os.path.join(DATA, "delegation.json")
AS_OF = "2026-03-01"
CHROMIUM = os.environ.get("EK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def html_tool(*args, cwd=None):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "egenkontroll.html", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)


def pct(rate):
    return f"{rate * 100:.1f} %".replace(".", ",")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    pytest.importorskip("matplotlib")
    if not CHROMIUM:
        pytest.skip("no Chromium")
    d = tmp_path_factory.mktemp("board")
    p = html_tool("--as-of", AS_OF, "--delegation", DELEG, "--sarah", SARAH, "-o", str(d / "r.html"),
                  "--pdf", str(d / "r.pdf"), CASES)
    assert p.returncode == 0, p.stderr
    rep = json.loads(subprocess.run([TOOL, "report", "--as-of", AS_OF, "--from", "2025-01-01", "--to", "2025-12-31",
                                     "--delegation", DELEG, "--sarah", SARAH, "--format", "json", CASES],
                                    capture_output=True, text=True, check=True).stdout)
    return d, rep


@pytest.fixture(scope="module")
def pdf_text(made):
    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext (poppler-utils)")
    d, _ = made
    return {mode: subprocess.run(["pdftotext", *opt, str(d / "r.pdf"), "-"], capture_output=True, text=True,
                                 check=True).stdout for mode, opt in (("layout", ["-layout"]), ("raw", []))}


@pytest.fixture(scope="module")
def dom(made):
    """The page as Chromium lays it out (its DOM, serialised after scripts and layout)."""
    d, _ = made
    p = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        f"--user-data-dir={d / 'profile'}", "--dump-dom", "file://" + str(d / "r.html")],
                       capture_output=True, text=True, timeout=300,
                       # not the sanitizer runtime the CI ASan step preloads into Python: Chromium hangs under it
                       env={k: v for k, v in os.environ.items() if k != "LD_PRELOAD"})
    assert p.returncode == 0, p.stderr[-1000:]
    return p.stdout


def test_pdf_has_every_section_page_numbers_and_the_figures(made, pdf_text):
    _, rep = made
    text = re.sub(r"[ \t]+", " ", pdf_text["layout"])
    raw = pdf_text["raw"]
    pages = pdf_text["layout"].count("\f")
    for h in ("1. Checklistan", "2. Frister (bevakning)", "3. Per enhet", "4. Lex Sarah",
              "5. Försenade frister att åtgärda", "Underlag"):
        assert h in text, h
    assert re.search(rf"Sida 1 av {pages}\b", text) and re.search(rf"Sida {pages} av {pages}\b", text)
    tot = rep["deadlines_total"]["counts"]
    kpis = raw[:raw.index("1. Checklistan")]  # the first page: the key figures
    assert pct(tot["on_time_rate"]) in kpis and "frister klara i tid" in kpis
    assert f"\n{tot['overdue']}\n" in kpis and "försenade frister nu" in kpis
    assert f"\n{tot['open']}\n" in kpis and "öppna frister nu" in kpis
    a1 = next(i for i in rep["items"] if i["id"] == "A1")
    assert re.search(rf"A1 Skyddsbedömning.*{a1['counts']['denominator']} {a1['counts']['numerator']}", text)
    assert pct(a1["counts"]["rate"]) in text
    # nothing collapsed: every overdue obligation is printed
    for o in rep["overdue"]:
        assert o["case"] in text, o["case"]
    assert f"({len(rep['overdue'])})" in text


def test_swedish_labels_not_codes(made, dom):
    _, rep = made
    body = re.sub(r"<img[^>]*>", "", dom)
    for code in ("under_utredning", "notchecked", "anmald_ivo ", "bedomd "):
        assert code not in body, code
    assert "under utredning" in body and "ej granskad" in body
    assert "<details" not in body
    # every table has a caption; the per-unit table carries item titles; rules by their titles
    assert body.count("<table") == body.count("<caption>") > 5
    assert "Checklistan per enhet" in body and "Skyddsbedömning samma dag som anmälan" in body
    assert "Förhandsbedömning inom 14 dagar" in body
    assert "@media print" in body and "break-before:page" in body and "counter(pages)" in body


def test_charts_have_alt_texts_with_the_numbers_and_data_tables(made, dom):
    _, rep = made
    alts = re.findall(r'<img alt="([^"]*)"', dom)
    assert len(alts) == 3
    a1 = next(i for i in rep["items"] if i["id"] == "A1")
    assert f"A1 {pct(a1['counts']['rate'])}" in alts[0]
    months = [m for m in rep["deadlines_by_month"] if m["due"] > 0 and "2025-01" <= m["month"] <= "2025-12"]
    assert months and all(f"{m['due']}" in alts[1] for m in months)
    assert "Frister per månad då de löpte ut" in dom
    # no artificial last point: months after the period or not over at the as-of date are not drawn
    assert "2026" not in alts[1]
    assert "Försenade frister efter ålder och enhet" in dom and str(len(rep["overdue"])) in dom


def test_default_period_is_said_on_the_page(made, dom):
    assert "Perioden är förvald" in dom and "alla ärenden" in dom


@pytest.mark.parametrize("args,status,words", [
    (["--as-of", "2026-13-01", CASES], 2, "--as-of"),
    (["--as-of", AS_OF, "--from", "2025-01-01", CASES], 2, "--from and --to"),
    (["--as-of", AS_OF, "--from", "2025-12-31", "--to", "2025-01-01", CASES], 2, "after"),
    (["--as-of", AS_OF, "no-such-file.jsonl"], 3, "no-such-file.jsonl"),
    (["--as-of", AS_OF, "--delegation", "no-such.json", CASES], 2, "no-such.json"),
    (["--no-such-option", CASES], 2, "--no-such-option"),
])
def test_errors_are_one_line_with_the_tools_exit_status(tmp_path, args, status, words):
    pytest.importorskip("matplotlib")
    p = html_tool(*args, "-o", str(tmp_path / "x.html"), cwd=tmp_path)
    assert p.returncode == status, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("egenkontroll.html: ") and words in lines[0], p.stderr
    assert "Traceback" not in p.stderr
