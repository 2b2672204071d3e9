"""The JSON Schemas in docs/schema/ describe the interchange formats: they are
valid schemas, accept every example in the documentation and every record of
the bundled data, and reject records the library rejects.

Test input for the readers is partly malformed on purpose, so these are not
validated here: files whose name contains one of BAD_WORDS, lines that are
not JSON, and records whose id starts with "BAD" (the convention of
tests/data: OK-1 …, BAD-DATE …).
"""
import functools
import json
import pathlib
import re
import subprocess

import pytest

jsonschema = pytest.importorskip("jsonschema")

FORMATS = ["case-1", "avvikelse-1", "delegation-1", "policy-1", "granskning-1"]
# Also described by a schema, but not export formats of a case system: a
# checklist (docs/FORMATS-checklist.md) and the report the tool writes.
OTHER_FORMATS = ["checklist-1", "report-1", "run-1"]
ALL_FORMATS = FORMATS + OTHER_FORMATS
BAD_WORDS = ("bad", "invalid", "malformed", "broken", "error", "hostile", "fuzz", "corrupt", "reject")


def _schema(source_dir, fmt):
    return json.loads((source_dir / "docs" / "schema" / f"{fmt}.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _validator(source_dir, fmt):
    schema = _schema(source_dir, fmt)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(source_dir, fmt, obj):
    return [e.message for e in _validator(source_dir, fmt).iter_errors(obj)]


def _markdown_examples(text):
    """Every JSON object in the ```json blocks of a Markdown text."""
    out = []
    for block in re.findall(r"^```json\n(.*?)^```$", text, re.M | re.S):
        try:
            out.append(json.loads(block))
        except json.JSONDecodeError:
            out.extend(json.loads(line) for line in block.splitlines() if line.strip())
    return out


def _format_of(obj):
    f = obj.get("format", "") if isinstance(obj, dict) else ""
    return f[len("egenkontroll/"):] if f.startswith("egenkontroll/") else None


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_schema_is_valid(source_dir, fmt):
    schema = _schema(source_dir, fmt)
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert schema["properties"]["format"] == {"const": f"egenkontroll/{fmt}"}


def _check_examples(source_dir, text, where):
    examples = [e for e in _markdown_examples(text) if _format_of(e) in ALL_FORMATS]
    for ex in examples:
        errs = _errors(source_dir, _format_of(ex), ex)
        assert not errs, f"{where}: example {ex.get('id', ex.get('format'))} does not validate: {errs}"
    return {_format_of(e) for e in examples}


def test_examples_in_docs_formats_validate(source_dir):
    seen = _check_examples(source_dir, (source_dir / "docs/formats.md").read_text(encoding="utf-8"),
                           "docs/formats.md")
    want = set(FORMATS) | {"checklist-1"}
    assert seen >= want, f"docs/formats.md lacks an example of {want - seen}"


def test_examples_in_checklist_format_doc_validate(source_dir):
    seen = _check_examples(source_dir, (source_dir / "docs/FORMATS-checklist.md").read_text(encoding="utf-8"),
                           "docs/FORMATS-checklist.md")
    assert "checklist-1" in seen


def test_examples_in_user_guide_validate(source_dir):
    _check_examples(source_dir, (source_dir / "docs/anvandarguide.md").read_text(encoding="utf-8"),
                    "docs/anvandarguide.md")


def test_examples_in_shared_spec_validate(source_dir):
    spec = source_dir.parent / "shared" / "spec" / "FORMATS.md"
    if not spec.is_file():
        pytest.skip("the shared specification is not next to this checkout")
    seen = _check_examples(source_dir, spec.read_text(encoding="utf-8"), "FORMATS.md")
    assert {"case-1", "avvikelse-1", "delegation-1"} <= seen


def _data_files(source_dir):
    for sub in ("examples/data", "tests/data", "docs/examples"):
        d = source_dir / sub
        if d.is_dir():
            for p in sorted(d.rglob("*")):
                if p.suffix in (".json", ".jsonl") and p.is_file() \
                        and not any(w in p.name.lower() for w in BAD_WORDS):
                    yield p


def _records(path):
    """(line number, object) for every JSON line; a .json file may also hold one pretty-printed object."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        try:
            yield 1, json.loads(text)
            return
        except json.JSONDecodeError:
            pass
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError:
                continue   # the readers' business, not the schema's


MAX_PER_FILE = 100   # a large file is checked on an evenly spread sample of its records


def test_bundled_data_validates(source_dir):
    files = list(_data_files(source_dir))
    if not files:
        pytest.skip("no data files under examples/data or tests/data yet")
    checked = 0
    for path in files:
        file_fmt = None
        records = list(_records(path))
        step = max(1, len(records) // MAX_PER_FILE)
        for n, obj in records[::step]:
            fmt = _format_of(obj) or file_fmt
            if fmt is None or fmt not in FORMATS:
                continue
            if str(obj.get("id", "")).upper().startswith("BAD"):
                continue
            file_fmt = file_fmt or fmt
            errs = _errors(source_dir, fmt, obj)
            assert not errs, f"{path.relative_to(source_dir)}:{n}: {errs[:3]}"
            checked += 1
    assert checked > 0 or pytest.skip("no records in a known format yet")


def test_policy_schema_lists_every_parameter(source_dir, tool):
    out = subprocess.run([tool, "policy"], capture_output=True, text=True, check=True).stdout
    params = {line.split("\t")[0]: line.split("\t")[1] for line in out.splitlines()}
    props = _schema(source_dir, "policy-1")["properties"]["parametrar"]["properties"]
    assert set(props) == set(params), "docs/schema/policy-1.schema.json and `egenkontroll policy` differ"
    for name, default in params.items():
        assert props[name]["default"] == default, name
        doc = {"format": "egenkontroll/policy-1", "parametrar": {name: default}}
        assert not _errors(source_dir, "policy-1", doc), f"default of {name} does not validate"


ANSWER = {"format": "egenkontroll/granskning-1", "id": "T-1", "item": "B4", "result": "pass", "comment": "",
          "reviewer": "kvalitetscontroller", "date": "2026-02-01"}
CASE = {"format": "egenkontroll/case-1", "id": "T-1", "events": [
    {"type": "anmalan_mottagen", "date": "2025-09-01", "avser_vald": False}]}


@pytest.mark.parametrize("fmt,bad,why", [
    ("case-1", {"format": "egenkontroll/case-1", "events": []}, "no id"),
    ("case-1", {"id": "T-1"}, "no events"),
    ("case-1", {**CASE, "events": [{"type": "utredning_inledd", "date": "2026-02-29"}]}, "impossible date"),
    ("case-1", {**CASE, "events": [{"type": "utredning_inledd", "date": "1952-12-31"}]}, "before the range"),
    ("case-1", {**CASE, "events": [{"type": "utredning_inledd", "date": "2025-9-1"}]}, "not ISO"),
    ("case-1", {**CASE, "events": [{"type": "anmalan_mottagen", "date": "2025-09-01", "avser_vald": "ja"}]},
     "listed key with a wrong type"),
    ("case-1", {**CASE, "events": [{"type": "placering_verkstalld", "date": "2025-09-01", "grund": "sol"}]},
     "required attribute missing"),
    ("case-1", {**CASE, "events": [{"type": "placering_verkstalld", "date": "2025-09-01",
                                    "grund": "sol", "placeringsform": "villa"}]}, "word not in the list"),
    ("case-1", {**CASE, "answers": [{"item": "B4", "result": "maybe"}]}, "answer result"),
    ("case-1", {**CASE, "format": "egenkontroll/case-2"}, "other format"),
    ("avvikelse-1", {"id": "LS-1", "typ": "missforhallande", "datum": {}}, "no report date"),
    ("avvikelse-1", {"id": "LS-1", "typ": "annat", "datum": {"rapport": "2025-09-01"}}, "unknown typ"),
    ("avvikelse-1", {"id": "LS-1", "typ": "missforhallande", "datum": {"rapport": "2025-09-01"},
                     "allvarlig": "ja"}, "allvarlig not boolean"),
    ("avvikelse-1", {"id": "LS-1", "typ": "missforhallande", "datum": {"rapport": "2025-09-01"},
                     "atgarder": [{"ansvarig": "enhetschef"}]}, "measure without description"),
    ("avvikelse-1", {"id": "LS-1", "typ": "missforhallande", "datum": {"rapport": "2025-09-01"},
                     "historik": [{"datum": "2025-09-02", "falt": "kategori"}]}, "history entry without av"),
    ("avvikelse-1", {"id": "LS-1", "typ": "missforhallande", "datum": {"rapport": "2025-09-01"},
                     "historik": [{"datum": "2025-09-02", "av": "enhetschef", "falt": "x", "typ": "radering"}]},
     "unknown history kind"),
    ("delegation-1", {"format": "egenkontroll/delegation-1", "beslut": {"beslut_vard": "namnd"}},
     "roles not a list"),
    ("policy-1", {"format": "egenkontroll/policy-1", "parametrar": {"besok_intervall": "tre manader"}},
     "not a period"),
    ("policy-1", {"format": "egenkontroll/policy-1", "parametrar": {"bedom_mot": "strict"}}, "not a choice"),
    ("policy-1", {"format": "egenkontroll/policy-1", "parametrar": {"no_such_parameter": "1d"}},
     "unknown parameter"),
    ("policy-1", {"format": "egenkontroll/policy-1", "parametrar": {}, "besok": "3m"}, "unknown top-level key"),
    ("policy-1", {"format": "egenkontroll/policy-1", "parametrar": {"besok_intervall": 3}}, "number, not text"),
    ("granskning-1", {**ANSWER, "result": "maybe"}, "result not pass, fail or notapplicable"),
    ("granskning-1", {k: v for k, v in ANSWER.items() if k != "date"}, "no date"),
    ("granskning-1", {k: v for k, v in ANSWER.items() if k != "reviewer"}, "no reviewer"),
    ("granskning-1", {**ANSWER, "date": "2026-02-30"}, "impossible date"),
    ("granskning-1", {**ANSWER, "id": ""}, "empty case id"),
    ("granskning-1", {**ANSWER, "format": "egenkontroll/case-1"}, "other format"),
])
def test_schema_rejects(source_dir, fmt, bad, why):
    assert _errors(source_dir, fmt, bad), f"{fmt} schema accepted a record with {why}"


def test_schema_keeps_unknown_keys(source_dir):
    case = {**CASE, "vendor_key": {"anything": 1},
            "events": [{"type": "anmalan_mottagen", "date": "2025-09-01", "x_vendor": 3},
                       {"type": "okand_handelse", "date": "2025-09-02", "vad": "som helst"}]}
    assert not _errors(source_dir, "case-1", case)


# ---- checklist-1 and report-1 ------------------------------------------------------------------

def test_builtin_checklist_validates(source_dir, tool):
    out = subprocess.run([tool, "check", "--print-checklist"], capture_output=True, text=True, check=True).stdout
    doc = json.loads(out)
    assert doc["format"] == "egenkontroll/checklist-1" and len(doc["items"]) >= 29
    errs = _errors(source_dir, "checklist-1", doc)
    assert not errs, errs[:3]


def test_builtin_checklist_from_python_validates(source_dir):
    core = pytest.importorskip("egenkontroll._core")
    doc = json.loads(core.ek_checklist_builtin_json())
    assert not _errors(source_dir, "checklist-1", doc)


def test_checklist_test_files(source_dir, tool):
    """The loader and the schema agree on the checklist test files: the good one validates, the bad one fails."""
    d = source_dir / "tests" / "data" / "checklist"
    good = json.loads((d / "local-checklist.json").read_text(encoding="utf-8"))
    assert not _errors(source_dir, "checklist-1", good)
    bad = json.loads((d / "bad-checklist.json").read_text(encoding="utf-8"))
    assert _errors(source_dir, "checklist-1", bad)


BUILTIN_ITEM = {"id": "X1", "title": "Lokal punkt", "kind": "C",
                "basis": [{"ref": "Lokal rutin 2026:1", "from": "2026-01-01", "certainty": "S"}],
                "applies": {"event": {"type": "utredning_inledd"}},
                "criterion": {"event": {"type": "samtal_med_barnet", "where": {"attr": {"key": "enskilt",
                                                                                        "equals": True}}}}}
CHECKLIST = {"format": "egenkontroll/checklist-1", "id": "exempelby", "version": "1", "items": [BUILTIN_ITEM]}


def _with_item(**changes):
    item = {**BUILTIN_ITEM, **changes}
    item = {k: v for k, v in item.items() if v is not None}
    return {**CHECKLIST, "items": [item]}


@pytest.mark.parametrize("bad,why", [
    ({**CHECKLIST, "exlude": {}}, "misspelt top-level key"),
    ({**CHECKLIST, "extends": "other"}, "extends something other than builtin"),
    (_with_item(basis=None), "item without basis"),
    (_with_item(basis=[]), "empty basis"),
    (_with_item(kind="X"), "unknown kind"),
    (_with_item(id="an id that is far too long"), "id over 16 characters"),
    (_with_item(criterion=None), "case item without criterion"),
    (_with_item(criterion={"evnt": {"type": "besok"}}), "unknown predicate"),
    (_with_item(criterion={"event": {"type": "besok"}, "any": [{"value": True}]}), "two operators"),
    (_with_item(criterion={"all": []}), "empty all"),
    (_with_item(criterion={"value": "maybe"}), "not a truth value"),
    (_with_item(criterion={"event": {"type": "besok", "for": "most"}}), "unknown quantifier"),
    (_with_item(criterion={"event": {"type": "besok", "where": {"attr": {"key": "enskilt", "equals": True,
                                                                         "in": [True]}}}}),
     "attr with equals and in"),
    (_with_item(criterion={"within": {"from": {"type": "besok"}, "to": {"type": "besok"}}}), "within without period"),
    (_with_item(criterion={"within": {"from": {"type": "besok"}, "to": {"type": "besok"}, "period": "tre dagar"}}),
     "not a period"),
    (_with_item(criterion={"rule": {"rule": "utredning", "require": "flag"}}), "require flag without flag"),
    (_with_item(criterion={"rule": {"rule": "utredning", "flag": "forlangd"}}), "flag without require flag"),
    (_with_item(open_question={"when": {"value": True}, "result": "pass", "message": "x"}),
     "open question that passes"),
    (_with_item(messages={"ok": "Bra"}), "message for a result that does not exist"),
    (_with_item(basis=[{"ref": "x", "certainty": "Q"}]), "unknown certainty"),
])
def test_checklist_schema_rejects(source_dir, bad, why):
    assert _errors(source_dir, "checklist-1", bad), f"checklist-1 schema accepted a checklist with {why}"


def test_checklist_schema_accepts_x_keys_and_other_populations(source_dir):
    ok = _with_item(x_intern="fri text", population="run", criterion=None)
    ok["x_leverantor"] = {"a": 1}
    assert not _errors(source_dir, "checklist-1", ok)


def _report(tool, source_dir, *args):
    run = subprocess.run([tool, "report", "--as-of", "2026-03-01", "--format", "json", *args],
                         capture_output=True, text=True, cwd=source_dir, timeout=300)
    assert run.returncode in (0, 3), run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("args", [
    ["--delegation", "examples/data/delegation.json", "--sarah", "examples/data/seeds-sarah.jsonl",
     "examples/data/seeds.jsonl"],
    ["--delegation", "tests/data/report/delegation.json", "--sarah", "tests/data/report/sarah.jsonl",
     "--from", "2025-01-01", "--to", "2025-12-31", "--sample", "2", "--seed", "9", "tests/data/report/cases.jsonl",
     "tests/data/cases/mixed.jsonl"],
    ["examples/data/cases.jsonl"],
])
def test_generated_report_validates(source_dir, tool, args):
    doc = _report(tool, source_dir, *args)
    errs = _errors(source_dir, "report-1", doc)
    assert not errs, errs[:3]


def test_report_schema_rejects(source_dir, tool):
    doc = _report(tool, source_dir, "--sarah", "examples/data/seeds-sarah.jsonl", "examples/data/seeds.jsonl")
    assert not _errors(source_dir, "report-1", doc)
    broken = [
        ({k: v for k, v in doc.items() if k != "items"}, "no items"),
        ({**doc, "format": "egenkontroll/report-2"}, "other format"),
        ({**doc, "extra": 1}, "unknown top-level key"),
        ({**doc, "items": [{**doc["items"][0], "counts": {**doc["items"][0]["counts"], "rate": 1.5}}]}, "rate > 1"),
        ({**doc, "items": [{**doc["items"][0], "counts": {**doc["items"][0]["counts"], "numerator": -1}}]},
         "negative count"),
        ({**doc, "deadlines_by_month": [{**doc["deadlines_by_month"][0], "month": "2025-13"}]}, "no such month"),
        ({**doc, "overdue": [{**doc["overdue"][0], "days_overdue": 0}]}, "overdue by 0 days"),
        ({**doc, "as_of": "2026-02-29"}, "impossible date"),
    ]
    for bad, why in broken:
        assert _errors(source_dir, "report-1", bad), f"report-1 schema accepted a report with {why}"
