"""One sample: `check --sample`, `review --sample`, `report --sample`, Python `sample_cases()` and
`build_report(sample=)` draw the same case ids for the same seed and options (the library's ek_sample_group +
ek_sample_select)."""
import json
import subprocess

import pytest

import egenkontroll as ek

AS_OF = "2026-03-01"


def _check_ids(tool, cases, *opts):
    out = subprocess.run([tool, "check", "--as-of", AS_OF, "--format", "json", *opts, str(cases)],
                         capture_output=True, text=True, check=True).stdout
    return sorted(json.loads(x)["id"] for x in out.splitlines() if x.startswith('{"id"'))


def _review_ids(tool, cases, tmp_path, *opts):
    page = tmp_path / "g.html"
    subprocess.run([tool, "review", "--as-of", AS_OF, "-o", str(page), *opts, str(cases)], check=True)
    s = page.read_text(encoding="utf-8")
    a = s.index('id="ek-data">') + len('id="ek-data">')
    return sorted(c["case"]["id"] for c in json.loads(s[a:s.index("</script>", a)])["cases"])


def _report_ids(tool, cases, *opts):
    out = subprocess.run([tool, "report", "--as-of", AS_OF, "--format", "json", *opts, str(cases)],
                         capture_output=True, text=True, check=True).stdout
    sample = json.loads(out)["sample"]
    assert sample["cases"] == sorted(sample["cases"])
    return sample["cases"]


@pytest.mark.parametrize("n,seed,period", [(2, 7, "year"), (1, 1, "all"), (3, 12345, "half"), (1, 99, "month")])
def test_all_paths_draw_the_same_cases(source_dir, tool, tmp_path, n, seed, period):
    cases = source_dir / "examples/data/cases.jsonl"
    opts = ["--sample", str(n), "--seed", str(seed), "--sample-period", period]
    py = sorted(ek.sample_cases(cases, n, seed, period))
    assert py, "empty sample"
    assert py == _check_ids(tool, cases, *opts)
    assert py == _review_ids(tool, cases, tmp_path, *opts)
    assert py == _report_ids(tool, cases, *opts)
    rep = ek.build_report(str(cases), as_of=AS_OF, sample=n, seed=seed, sample_period=period)
    assert rep.data["sample"]["cases"] == py
    assert rep.data["sample"]["period"] == period
    assert rep.data["input"]["cases_checked"] == len(py)


def test_report_period_is_the_population(source_dir, tool, tmp_path):
    """With --from/--to the report samples the cases of its period, as review and sample_cases() do."""
    cases = source_dir / "examples/data/cases.jsonl"
    py = sorted(ek.sample_cases(cases, 2, 5, "quarter", date_from="2024-01-01", date_to="2025-06-30"))
    opts = ["--sample", "2", "--seed", "5", "--sample-period", "quarter", "--from", "2024-01-01",
            "--to", "2025-06-30"]
    assert py == _review_ids(tool, cases, tmp_path, *opts)
    assert py == _report_ids(tool, cases, *opts)


def test_report_sample_default_is_check_default(source_dir, tool):
    """Without --sample-period the report groups by unit and year, as check does."""
    cases = source_dir / "examples/data/cases.jsonl"
    assert _report_ids(tool, cases, "--sample", "1", "--seed", "3") == _check_ids(tool, cases, "--sample", "1",
                                                                                  "--seed", "3")


def test_unit_and_period_filters(source_dir, tool, tmp_path):
    cases = source_dir / "examples/data/cases.jsonl"
    opts = ["--unit", "Barn och unga Norr", "--from", "2024-01-01", "--to", "2025-06-30"]
    py = sorted(ek.sample_cases(cases, 2, 5, "quarter", unit="Barn och unga Norr", date_from="2024-01-01",
                                date_to="2025-06-30"))
    assert py == _review_ids(tool, cases, tmp_path, "--sample", "2", "--seed", "5", "--sample-period", "quarter",
                             *opts)
    assert len(py) == 2 * 6   # six quarters, two cases each


def test_sample_period():
    """The period label of a date (ek_sample_period_label): the boundaries of halves and quarters."""
    import datetime
    assert ek.sample_period("2025-06-30", "half") == "2025-H1"
    assert ek.sample_period(datetime.date(2025, 7, 1), "half") == "2025-H2"
    assert [ek.sample_period("2025-03-31", "quarter"), ek.sample_period("2025-04-01", "quarter")] == [
        "2025-Q1", "2025-Q2"]
    assert ek.sample_period("2024-02-29", "month") == "2024-02"
    assert ek.sample_period("2025-12-31") == "2025"
    assert ek.sample_period("2025-12-31", "all") == ""
    assert ek.sample_period(None, "month") == ""
    with pytest.raises(ValueError, match="week"):
        ek.sample_period("2025-01-01", "week")
    # the end of sample_group: the period of the case's first event
    with ek.Case("BU-2") as c:
        c.add_event("anmalan_mottagen", "2025-10-01")
        assert ek.sample_group(c, "quarter") == "|" + ek.sample_period("2025-10-01", "quarter")


def test_sample_group():
    with ek.Case("BU-1") as c:
        assert ek.sample_group(c) == "|"
        c.unit = "Norr"
        c.add_event("anmalan_mottagen", "2025-08-20")
        c.add_event("skyddsbedomning", "2024-12-31")
        assert [ek.sample_group(c, p) for p in ("year", "half", "quarter", "month", "all")] == [
            "Norr|2024", "Norr|2024-H2", "Norr|2024-Q4", "Norr|2024-12", "Norr|"]
        with pytest.raises(ValueError):
            ek.sample_group(c, "week")
