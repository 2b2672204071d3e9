"""The documentation says what the code does: README examples run, the README's
policy table and the manual page agree with the tool."""
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest


def _read(source_dir: pathlib.Path, name: str) -> str:
    return (source_dir / name).read_text(encoding="utf-8")


def _section(text: str, title: str) -> str:
    """The body of the '## title' section of a Markdown text."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert m, f"no section '## {title}'"
    return m.group(1)


def _fenced(text: str, lang: str) -> list:
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.M | re.S)


def _subcommands(source_dir: pathlib.Path) -> list:
    main_c = _read(source_dir, "tools/main.c")
    return re.findall(r'\{ "([a-z]+)", ek_cmd_', main_c)


def test_quick_start_has_exactly_two_commands(source_dir):
    body = _section(_read(source_dir, "README.md"), "Quick start")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```$", body, re.M | re.S)
    assert blocks, "Quick start has no fenced block"
    commands = [line for line in blocks[0].splitlines() if line.strip()]
    assert commands == ["bash tools/quickstart.sh", "bash tools/test.sh"]
    for script in ("tools/quickstart.sh", "tools/test.sh"):
        assert (source_dir / script).is_file(), script


def test_readme_python_example_runs(source_dir, tmp_path):
    ek = pytest.importorskip("egenkontroll")
    blocks = _fenced(_section(_read(source_dir, "README.md"), "Python"), "python")
    assert blocks, "the Python section has no ```python block"
    script = tmp_path / "readme_example.py"
    script.write_text(blocks[0], encoding="utf-8")
    env = os.environ.copy()   # run it against the same package this test imported
    env["PYTHONPATH"] = os.pathsep.join(
        [str(pathlib.Path(ek.__file__).resolve().parent.parent)] + env.get("PYTHONPATH", "").split(os.pathsep))
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip(), "the README's Python example printed nothing"


def _tool_policy(tool):
    out = subprocess.run([tool, "policy"], capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.splitlines():
        # NAME, DEFAULT, CERTAINTY, BASIS and (from the i18n work on) a translated DESCRIPTION
        fields = line.split("\t")
        assert len(fields) in (4, 5), f"`egenkontroll policy` line with {len(fields)} fields: {line!r}"
        name, default, certainty = fields[:3]
        rows[name] = (default, certainty)
    return rows


def test_readme_policy_table_matches_tool(source_dir, tool):
    body = _section(_read(source_dir, "README.md"), "Policy parameters")
    table = {}
    for m in re.finditer(r"^\| `([a-z_]+)` \| `([^`]+)` \| ([VSR]) \|", body, re.M):
        table[m.group(1)] = (m.group(2), m.group(3))
    assert table == _tool_policy(tool), \
        "README 'Policy parameters' table differs from `egenkontroll policy`; update the README"


def test_user_guide_lists_every_policy_parameter(source_dir, tool):
    guide = _read(source_dir, "docs/anvandarguide.md")
    for name, (default, _cert) in _tool_policy(tool).items():
        assert re.search(rf"`{name}`.*`{re.escape(default)}`", guide), \
            f"docs/anvandarguide.md does not list policy parameter {name} with default {default}"


def test_man_page_documents_every_subcommand_and_exit_status(source_dir):
    man = _read(source_dir, "docs/egenkontroll.1")
    for cmd in _subcommands(source_dir):
        assert re.search(rf'^\.SS "{cmd}\b', man, re.M), f"man page has no section for '{cmd}'"
    commands_h = _read(source_dir, "tools/commands.h")
    statuses = re.findall(r"EK_EXIT_[A-Z]+ = (\d+)", commands_h)
    assert statuses
    exit_section = man.split('.SH "EXIT STATUS"', 1)[1].split(".SH", 1)[0]
    for s in statuses:
        assert re.search(rf"^\.B {s}$", exit_section, re.M), f"man page does not document exit status {s}"


def test_man_page_renders_without_warnings(source_dir):
    groff = shutil.which("groff")
    if groff is None:
        pytest.skip("groff not installed")
    run = subprocess.run([groff, "-ww", "-z", "-man", "-K", "utf8", str(source_dir / "docs/egenkontroll.1")],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stderr == "", run.stderr


def test_readme_command_table_lists_every_subcommand(source_dir):
    body = _section(_read(source_dir, "README.md"), "Command line")
    for cmd in _subcommands(source_dir):
        assert f"| `{cmd}" in body, f"README 'Command line' table lacks '{cmd}'"


@pytest.mark.parametrize("doc", ["docs/anvandarguide.md"])
def test_guide_commands_run_as_written(source_dir, tool, doc):
    """Every `egenkontroll …` line in the guide's ```sh blocks runs and succeeds."""
    lines = [line.strip() for block in _fenced(_read(source_dir, doc), "sh")
             for line in block.splitlines() if line.strip().startswith("egenkontroll ")]
    assert lines, f"{doc} has no runnable egenkontroll command"
    for line in lines:
        argv = [tool] + line.split()[1:]
        run = subprocess.run(argv, capture_output=True, text=True, cwd=source_dir, timeout=300)
        assert run.returncode == 0, f"{doc}: `{line}` exited {run.returncode}: {run.stderr}"
        assert run.stdout.strip(), f"{doc}: `{line}` printed nothing"


def test_readme_for_analysts_runs(source_dir, tmp_path):
    """The pandas example of "For analysts" runs from the repository root against the package under test."""
    pytest.importorskip("pandas")
    ek = pytest.importorskip("egenkontroll")
    blocks = _fenced(_section(_read(source_dir, "README.md"), "For analysts: pandas"), "python")
    assert blocks and "evaluate_frame" in blocks[0] and "check_frame" in blocks[0] and "frames()" in blocks[0]
    script = tmp_path / "analysts.py"
    script.write_text(blocks[0], encoding="utf-8")
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(
        [str(pathlib.Path(ek.__file__).resolve().parent.parent)] + env.get("PYTHONPATH", "").split(os.pathsep))
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=source_dir,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert "forhandsbedomning" in run.stdout or "utredning" in run.stdout, run.stdout
    assert "on_time_rate" in run.stdout


def test_readme_for_the_board_runs(source_dir, tmp_path):
    """The commands of "For the board" run as written (with the tool under test for `egenkontroll`) and
    write what they promise."""
    from conftest import find_tool
    tool = find_tool()
    if not tool:
        pytest.skip("no egenkontroll command")
    body = _section(_read(source_dir, "README.md"), "For the board: PDF and Excel")
    pdf_block, block = _fenced(body, "sh")
    if shutil.which("chromium") and shutil.which("pdftotext"):
        pytest.importorskip("matplotlib")
        argv = pdf_block.replace("\\\n", " ").split()
        assert argv[0].startswith("PYTHONPATH=") and argv[1:4] == ["python3", "-m", "egenkontroll.html"]
        ek = pytest.importorskip("egenkontroll")
        env = dict(os.environ, PYTHONPATH=str(pathlib.Path(ek.__file__).resolve().parent.parent))
        argv = [sys.executable] + [a if a.startswith("-") or "/" not in a else str(source_dir / a) for a in argv[2:]]
        p = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
        assert p.returncode == 0, p.stderr
        text = subprocess.run(["pdftotext", str(tmp_path / "egenkontroll-rapport.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "1. Checklistan" in text and "Sida 1 av" in text
    commands = [c.strip() for c in block.replace("\\\n", " ").splitlines() if c.strip()]
    assert len(commands) >= 3
    for c in commands:
        argv = c.split()
        assert argv[0] == "egenkontroll"
        out = None
        if ">" in argv:
            i = argv.index(">")
            out, argv = argv[i + 1], argv[:i]
        argv = [os.path.abspath(tool)] + [a if a.startswith("-") or "/" not in a else str(source_dir / a) for a in argv[1:]]
        p = subprocess.run(argv, capture_output=True, cwd=tmp_path, timeout=300)
        assert p.returncode == 0, (c, p.stderr[-1000:])
        if out:
            (tmp_path / out).write_bytes(p.stdout)
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(tmp_path / "egenkontroll-rapport.xlsx")
    assert "Checklistan" in wb.sheetnames and wb["Checklistan"]["A2"].value == "A1"
    for name in ("egenkontroll-rapport.csv", "frister.csv"):
        raw = (tmp_path / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]


def test_rules_md_table_is_the_tools_listing(source_dir, tool):
    """docs/rules.md carries `egenkontroll rules --format md` verbatim (issue 14: the tables come from the entries)."""
    text = _read(source_dir, "docs/rules.md")
    m = re.search(r"<!-- egenkontroll rules --format md -->\n(.*?)<!-- /egenkontroll rules -->", text, re.S)
    assert m, "docs/rules.md lacks the rules table markers"
    env = dict(os.environ, LANGUAGE="sv", EK_LOCALEDIR="")
    out = subprocess.run([tool, "--lang", "sv", "rules", "--format", "md"], capture_output=True, text=True,
                         check=True, env=env).stdout
    assert m.group(1) == out, "docs/rules.md: the rules table differs from `egenkontroll rules --format md`"


def test_user_guide_rule_table_matches_the_entries(source_dir):
    """docs/anvandarguide.md 4.1 lists exactly the rules of the rulebook, and its "ny" column cites a basis the
    entries carry (issue 14: the user guide's tables are tested against the entries)."""
    import egenkontroll as ek
    text = _read(source_dir, "docs/anvandarguide.md")
    section = text.split("### 4.1 Frister i barnärenden", 1)[1].split("\n### ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| `")]
    book = {rule.id: rule for rule in ek.rulebook().rules}
    names = [r.split("`")[1] for r in rows]
    assert sorted(names) == sorted(book), "the guide's rule table and the rulebook list different rules"
    for r in rows:
        cells = [c.strip() for c in r.strip("|").split("|")]
        name, new = cells[0].strip("`"), cells[4]
        if new in ("samma", "—"):
            continue
        bases = " ".join(v.basis for v in book[name].versions)
        for ref in new.split(";"):
            ref = ref.strip().replace("SoL ", "").replace("SoF ", "")
            assert ref in bases, f"{name}: the guide cites {ref!r}, the entries {bases!r}"


def test_guide_excel_walkthrough_runs(source_dir, tool, tmp_path):
    """docs/anvandarguide.md 6.4, "Arbetsbladet i Excel": the ```bash block runs as written, from export to
    worksheet to answers to run record and report, with a reviewer (openpyxl here) filling three rows where
    the guide says so; the record's checksums are sha256sum's and the report counts the three judgements."""
    import hashlib
    import json
    import shlex
    openpyxl = pytest.importorskip("openpyxl")
    text = _section(_read(source_dir, "docs/anvandarguide.md"), "6. Att köra en egenkontroll")
    (block,) = [b for b in _fenced(text, "bash") if "--from-xlsx" in b]
    (tmp_path / "examples").symlink_to((source_dir / "examples").resolve())
    import egenkontroll
    env = dict(os.environ)  # python3 -m egenkontroll.review: the package under test
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(pathlib.Path(egenkontroll.__file__).parent.parent),
                                                    env.get("PYTHONPATH", "")] if p)

    def report_items():
        out = subprocess.run([tool, "report", "--as-of", "2026-03-01", "--format", "json", "--answers",
                              "svar.jsonl", "examples/data/cases.jsonl"], cwd=tmp_path, capture_output=True,
                             text=True, check=True)
        return {i["id"]: i["counts"] for i in json.loads(out.stdout)["items"]}

    filled = []
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("# …"):  # the reviewer fills three rows of pure judgement items
            wb = openpyxl.load_workbook(tmp_path / "granskning.xlsx")
            rows = [r for r in wb.worksheets[0].iter_rows(min_row=2) if r[2].value in ("A4", "B4")][:3]
            for r, word in zip(rows, ("uppfylld", "inte uppfylld", "uppfylld")):
                r[5].value = word
                filled.append((r[2].value, word))
            wb.save(tmp_path / "granskning.xlsx")
            continue
        if not line or line.startswith("#"):
            continue
        argv = shlex.split(line)
        if argv[0] == "egenkontroll":
            argv[0] = tool
        elif argv[0] == "python3":
            argv[0] = "/usr/bin/python3"
        run = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
        if run.returncode == 2 and "without libxlsxwriter" in run.stderr:
            pytest.skip("egenkontroll built without libxlsxwriter")
        assert run.returncode == 0, f"`{line}` exited {run.returncode}: {run.stderr}"
    assert len(filled) == 3
    rec = json.loads((tmp_path / "korning.json").read_text(encoding="utf-8"))
    for f in ("examples/data/cases.jsonl", "svar.jsonl"):
        assert rec["sha256"][f] == hashlib.sha256((tmp_path / f).read_bytes()).hexdigest()
    assert rec["svar"] == ["svar.jsonl"] and rec["atgarder"][0]["beskrivning"].startswith("Rutinen")
    f1 = [i for i in rec["sammanstallning"]["items"] if i["item"] == "F1"][0]
    assert f1["numerator"] == 1
    after = report_items()
    (tmp_path / "svar.jsonl").write_text("", encoding="utf-8")
    before = report_items()
    for item in ("A4", "B4"):
        n = sum(1 for i, _ in filled if i == item)
        assert after[item]["judged"] == before[item]["judged"] + n
        assert after[item]["notchecked"] == before[item]["notchecked"] - n
    assert after["A4"]["numerator"] + after["B4"]["numerator"] == \
        before["A4"]["numerator"] + before["B4"]["numerator"] + sum(1 for _, w in filled if w == "uppfylld")
