"""The tool's language from a build tree (issue 17, point 5): without EK_LOCALEDIR, build/tools/egenkontroll
finds the catalogues of its own build tree (or the installed ones), --lang en is English throughout, Swedish
is the default, and a missing catalogue is said once on standard error instead of mixing languages silently."""
import os
import subprocess

import pytest

SRC = os.environ.get("EK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CASES = os.path.join(SRC, "tests", "data", "report", "cases.jsonl")


@pytest.fixture
def run(tool, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("EK_LOCALEDIR", "LANGUAGE", "LC_ALL", "LC_MESSAGES",
                                                             "LANG")}

    def go(*args, **extra):
        p = subprocess.run([os.path.abspath(tool), *args], capture_output=True, text=True, cwd=tmp_path,
                           env={**env, **extra})
        return p
    return go


def test_lang_en_is_english_throughout(run):
    p = run("--lang", "en", "report", "--as-of", "2026-06-30", CASES)
    assert p.returncode == 3
    assert "EGENKONTROLL — report as of 2026-06-30" in p.stdout
    assert "Checklist" in p.stdout or "checklist" in p.stdout
    assert "no message catalogue" not in p.stderr
    p = run("--lang", "en", "evaluate", "no-such-file.jsonl")
    assert "cannot open" in p.stderr and "finns inte" not in p.stderr, p.stderr
    p = run("--lang", "en", "evaluate", "--as-of", "2026-03-01", os.path.join(SRC, "examples", "data", "seeds.jsonl"))
    assert " overdue " in p.stdout or " met " in p.stdout


def test_swedish_by_default(run):
    p = run("report", "--as-of", "2026-06-30", CASES)
    assert "EGENKONTROLL — rapport per 2026-06-30" in p.stdout
    p = run("evaluate", "no-such-file.jsonl")
    assert "kan inte öppnas" in p.stderr, p.stderr
    p = run("--help")
    assert "användning" in p.stdout.lower() or "Användning" in p.stdout, p.stdout[:300]


def test_missing_catalogue_is_said_once(run, tmp_path):
    empty = tmp_path / "no-catalogues"
    empty.mkdir()
    p = run("--lang", "en", "policy", EK_LOCALEDIR=str(empty))
    assert p.returncode == 0
    lines = [ln for ln in p.stderr.splitlines() if "no message catalogue" in ln]
    assert len(lines) == 1 and '"en"' in lines[0] and str(empty) in lines[0]
