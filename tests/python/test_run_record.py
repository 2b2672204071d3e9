"""The run record egenkontroll/run-1 (item F1) is written by the library: Python's write_run_record gives the
record `egenkontroll check --record` writes, with sha256 checksums of the files named (issue 16, point 5)."""
import datetime
import hashlib
import json
import subprocess

import pytest

import egenkontroll as ek


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_python_record_equals_the_tools(source_dir, tool, tmp_path):
    cases = source_dir / "tests" / "data" / "checklist" / "items.jsonl"
    as_of = datetime.date(2026, 3, 1)
    ids = ek.sample_cases(str(cases), 5, seed=42, period="all")
    agg = ek.Aggregate()
    results = []
    read = 0
    for c in ek.cases.read_cases(str(cases)):
        read += 1
        if c.id in ids:
            r = ek.check(c, as_of=as_of)
            results.append(r)
            agg.add(r, "")
        c.close()
    actions = ["Rutin för barnsamtal ses över"]
    f1, text = ek.write_run_record(tmp_path / "py.json", agg, as_of=as_of, reviewer="kvalitetscontroller",
                                   case_files=[str(cases)], results=results,
                                   sample={"n": 5, "seed": 42, "period": "all", "read": read, "ids": ids},
                                   actions=actions)
    assert (f1, text) == ("pass", None)
    run = subprocess.run([tool, "check", "--as-of", "2026-03-01", "--sample", "5", "--seed", "42",
                          "--sample-period", "all", "--record", str(tmp_path / "cli.json"), "--reviewer",
                          "kvalitetscontroller", "--action", actions[0], str(cases)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    py = json.loads((tmp_path / "py.json").read_text(encoding="utf-8"))
    cli = json.loads((tmp_path / "cli.json").read_text(encoding="utf-8"))
    # Python's Aggregate.add() adds item results one by one, so its summary does not count cases ("cases": 0);
    # every other figure, and everything else in the record, is the tool's.
    assert py["sammanstallning"].pop("cases") == 0 and cli["sammanstallning"].pop("cases") == 5
    assert py == cli
    assert py["sha256"] == {str(cases): _sha256(cases)}
    assert py["atgarder"] == [{"beskrivning": actions[0]}]
    assert py["nar"] == datetime.date.today().isoformat()
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((source_dir / "docs" / "schema" / "run-1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads((tmp_path / "cli.json").read_text(encoding="utf-8")), schema)


def test_checksums_and_f1_without_actions(source_dir, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_bytes((source_dir / "tests" / "data" / "checklist" / "items.jsonl").read_bytes()[:4000]
                      .rsplit(b"\n", 1)[0] + b"\n")
    svar = tmp_path / "svar.jsonl"
    svar.write_text('{"format": "egenkontroll/granskning-1", "id": "X", "item": "A4", "result": "pass", '
                    '"comment": "", "reviewer": "r", "date": "2026-02-01"}\n', encoding="utf-8")
    agg = ek.Aggregate()
    f1, text = ek.write_run_record(None, agg, as_of="2026-03-01", made="2026-03-02", case_files=[cases, "-"],
                                   answer_files=[svar], actions=["  "])
    assert f1 == "notchecked"  # a blank action documents nothing
    rec = json.loads(text)
    assert rec["sha256"] == {str(cases): _sha256(cases), "-": None, str(svar): _sha256(svar)}
    assert (rec["nar"], rec["as_of"], rec["svar"], rec["urval"]) == ("2026-03-02", "2026-03-01", [str(svar)], None)
    assert agg.counts()["F1"].notchecked == 1 and agg.counts()["F1"].numerator == 0
    with pytest.raises(ek.LibraryIOError, match="no-such.jsonl"):
        ek.write_run_record(None, agg, as_of="2026-03-01", case_files=[tmp_path / "no-such.jsonl"])
    with pytest.raises(ek.LibraryIOError, match="no-dir"):
        ek.write_run_record(tmp_path / "no-dir" / "run.json", agg, as_of="2026-03-01")
