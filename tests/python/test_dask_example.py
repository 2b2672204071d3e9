"""examples/dask_evaluate.py (issue 15): a partitioned export evaluated with Dask, one task per
partition, gives exactly the bytes of the single-process CLI on the whole file."""
import os
import pathlib
import subprocess
import sys

import pytest

import egenkontroll as ek

pytest.importorskip("dask")

AS_OF = "2025-12-31"


def split(src: pathlib.Path, parts: int, into: pathlib.Path):
    lines = src.read_bytes().splitlines(keepends=True)
    per = -(-len(lines) // parts)
    paths = []
    for k in range(parts):
        p = into / f"part-{k:02d}.jsonl"
        p.write_bytes(b"".join(lines[k * per:(k + 1) * per]))
        paths.append(str(p))
    return paths


def run_dask(source_dir, parts, out, scheduler):
    subprocess.run([sys.executable, str(source_dir / "examples" / "dask_evaluate.py"), "--as-of", AS_OF,
                    "--scheduler", scheduler, "-o", str(out)] + parts, check=True, env=dict(os.environ))
    return out.read_bytes()


def run_cli(tool, path):
    # Messages as written, as the library gives them in this process's "C" locale: the tool would
    # otherwise find its build tree's catalogues and translate the English error messages into Swedish.
    nowhere = os.path.join(os.path.dirname(str(path)), "no-catalogues")
    os.makedirs(nowhere, exist_ok=True)
    r = subprocess.run([tool, "evaluate", "--format", "json", "--as-of", AS_OF, str(path)],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "EK_LOCALEDIR": nowhere})
    assert r.returncode in (0, 3)
    return r.stdout


@pytest.mark.parametrize("scheduler", ["processes", "threads"])
def test_partitions_equal_the_cli_on_the_demo_data(source_dir, tool, tmp_path, scheduler):
    demo = source_dir / "examples" / "data" / "cases.jsonl"
    parts = split(demo, 5, tmp_path)
    got = run_dask(source_dir, parts, tmp_path / "dask.jsonl", scheduler)
    want = run_cli(tool, demo)
    assert len(want.splitlines()) == 3000
    assert got == want


def test_rejected_lines_are_error_records_as_the_cli_writes_them(source_dir, tool, tmp_path):
    demo = (source_dir / "examples" / "data" / "cases.jsonl").read_bytes().splitlines(keepends=True)
    part = tmp_path / "part-bad.jsonl"
    part.write_bytes(b"".join(demo[:3]) + b'{"id": "BAD-1", "events": [}\n' + b'{"id": 7}\n' + b"".join(demo[3:6]))
    got = run_dask(source_dir, [str(part)], tmp_path / "dask.jsonl", "synchronous")
    want = run_cli(tool, part)
    assert b'"error"' in want
    assert got == want


def test_evaluation_error_json_is_the_cli_record():
    assert ek.evaluation_error_json("X-1", 'bad "date"') == '{"id":"X-1","error":"bad \\"date\\""}'
    assert ek.evaluation_error_json("", "no id") == '{"id":null,"error":"no id"}'
    assert ek.evaluation_error_json(None, "no id") == '{"id":null,"error":"no id"}'
