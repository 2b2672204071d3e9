"""evaluate_file (issue 15): a whole file read and evaluated in C, the obligations as NumPy
columns; the same obligations and errors as read_cases + evaluate, case by case."""
import datetime

import pytest

import egenkontroll as ek

np = pytest.importorskip("numpy")

AS_OF = "2025-12-31"


def day(v):
    return None if np.isnat(v) else datetime.date.fromisoformat(str(v))


@pytest.mark.parametrize("rel", ["examples/data/cases.jsonl", "tests/data/cases/mixed.jsonl",
                                 "tests/data/rules/cases.jsonl", "examples/data/seeds.jsonl"])
def test_same_as_read_cases_and_evaluate(source_dir, rel):
    path = source_dir / rel
    got = ek.evaluate_file(path, as_of=AS_OF)
    want_ids, want_obls, want_errors = [], [], []
    for item in ek.read_cases(path, errors="collect"):
        if isinstance(item, ek.Case):
            with item:
                want_ids.append(item.id)
                want_obls += [(len(want_ids) - 1, o) for o in ek.evaluate(item, as_of=AS_OF)]
        else:
            want_errors.append(item)
    assert got.case_ids == want_ids
    assert got.errors == want_errors
    assert len(got) == len(want_obls) > 0
    cols = got.obligations
    names = got.status_names()
    for k, (ci, o) in enumerate(want_obls):
        assert cols["case"][k] == ci
        assert got.rule_names[int(cols["rule"][k])] == o.rule
        assert names[k] == o.status
        assert int(cols["seq"][k]) == o.sequence
        assert tuple(ek.FLAGS[b] for b in sorted(ek.FLAGS) if int(cols["flags"][k]) & b) == o.flags
        for f in ("start", "nominal", "legal", "judged", "done"):
            assert day(cols[f][k]) == getattr(o, f), (k, f)


def test_errors_name_the_line(source_dir):
    got = ek.evaluate_file(source_dir / "tests/data/cases/mixed.jsonl", as_of=AS_OF)
    assert got.errors and all(e.line > 0 and e.message for e in got.errors)


def test_a_missing_file_raises(tmp_path):
    with pytest.raises(ek.EgenkontrollError):
        ek.evaluate_file(tmp_path / "nope.jsonl", as_of=AS_OF)


def test_an_empty_file(tmp_path):
    p = tmp_path / "empty.jsonl"
    p.write_text("")
    got = ek.evaluate_file(p, as_of=AS_OF)
    assert got.case_ids == [] and got.errors == [] and len(got) == 0
    assert got.obligations["start"].dtype == np.dtype("datetime64[D]")


def test_jobs_give_the_same_in_the_same_order(source_dir, tmp_path):
    """jobs (issue 19: ek_evaluate_stream): the same cases, errors and obligations, in the file's
    order, for every number of threads, also with bad lines and duplicate ids between batches."""
    demo = (source_dir / "examples/data/cases.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    mixed = (source_dir / "tests/data/cases/mixed.jsonl").read_text(encoding="utf-8")
    p = tmp_path / "many.jsonl"
    p.write_text("".join(demo[:1500]) + mixed + "".join(demo[100:400]) + "not json\n" + "".join(demo[1500:]),
                 encoding="utf-8")
    one = ek.evaluate_file(p, as_of=AS_OF, jobs=1)
    assert len(one.errors) > 300 and any("appears earlier" in e.message for e in one.errors)
    for jobs in (0, 2, 4):
        got = ek.evaluate_file(p, as_of=AS_OF, jobs=jobs)
        assert got.case_ids == one.case_ids
        assert got.errors == one.errors
        assert got.obligations.keys() == one.obligations.keys()
        for name, col in one.obligations.items():
            assert np.array_equal(got.obligations[name].view(col.dtype.str.replace("M8[D]", "i8")),
                                  col.view(col.dtype.str.replace("M8[D]", "i8"))), (jobs, name)
