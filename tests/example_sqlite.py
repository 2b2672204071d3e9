#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The SQLite example (examples/sqlite_cases.c) reads the same cases as the
JSON reader and finds the same overdue obligations.

  example_sqlite.py SQLITE_CASES EGENKONTROLL CASES.jsonl AS_OF

Builds a database with the example's own schema (`sqlite_cases --schema`)
from the demo export, runs the example on it, and compares its overdue list
with `egenkontroll evaluate --format json` on the export: the same
(case, rule, sequence, judged end) set, not empty.  Then a case with an
impossible date is added: the example names its case, event and field,
exits 1, and still lists every other case's obligations.
Only the standard library (sqlite3, json, subprocess) is used.
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile


def build_db(path, schema, cases_path):
    db = sqlite3.connect(path)
    db.executescript(schema)
    with open(cases_path, encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            birth = (case.get("child") or {}).get("birth_date")
            db.execute("INSERT INTO cases VALUES (?, ?, ?)", (case["id"], case.get("unit", ""), birth))
            for seq, ev in enumerate(case["events"], start=1):
                db.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
                           (case["id"], seq, ev["type"], ev["date"], ev.get("id"), ev.get("ref")))
                for key, value in ev.items():
                    if key in ("type", "date", "id", "ref"):
                        continue
                    if isinstance(value, bool):
                        row = ("bool", int(value))
                    elif isinstance(value, str):
                        row = ("text", value)
                    else:
                        row = ("json", json.dumps(value, ensure_ascii=False))
                    db.execute("INSERT INTO event_attributes VALUES (?, ?, ?, ?, ?)", (case["id"], seq, key) + row)
    db.commit()
    return db


def example_overdue(exe, db_path, as_of):
    p = subprocess.run([exe, db_path, as_of], capture_output=True, text=True)
    rows = set()
    for line in p.stdout.splitlines():
        cid, rule, seq, judged, basis = line.split("\t")
        assert basis, line
        rows.add((cid, rule, int(seq), judged))
    return p.returncode, rows, p.stderr


def main():
    exe, tool, cases, as_of = sys.argv[1:5]
    schema = subprocess.run([exe, "--schema"], check=True, capture_output=True, text=True).stdout
    out = subprocess.run([tool, "evaluate", "--format", "json", "--as-of", as_of, cases],
                         check=True, capture_output=True, text=True).stdout
    want = set()
    for line in out.splitlines():
        rec = json.loads(line)
        for o in rec.get("obligations", []):
            if o["status"] == "overdue":
                want.add((rec["id"], o["rule"], o.get("seq", 0), o["judged"]))
    assert want, "the demo data has overdue obligations"

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "arenden.db")
        db = build_db(path, schema, cases)
        rc, got, err = example_overdue(exe, path, as_of)
        assert rc == 0, (rc, err)
        missing, extra = want - got, got - want
        assert not missing and not extra, ("differs from the JSON reader", sorted(missing)[:5], sorted(extra)[:5])
        print(f"example_sqlite: {len(got)} overdue obligations, identical to `egenkontroll evaluate`")

        # One bad row costs its own case only, and the message says where.
        victim = sorted(want)[0][0]
        db.execute("UPDATE events SET date = '2025-02-30' WHERE case_id = ? AND seq = 1", (victim,))
        db.commit()
        db.close()
        rc, got2, err = example_overdue(exe, path, as_of)
        assert rc == 1, (rc, err)
        assert f"case {victim}, event 1, date" in err, err
        assert got2 == {r for r in want if r[0] != victim}, "the other cases are still evaluated"
        print("example_sqlite: a bad date is reported with case, event and field; the other cases still count")


if __name__ == "__main__":
    main()
