#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Library vs the Python baseline on the same file in the same run (issue 9, benchmark 3).

    compare.py [--as-of 2025-12-31] [--tool build-bench/tools/egenkontroll] [--show 5]
               [--out-dir bench/out] INPUT.jsonl

1. Runs `egenkontroll evaluate --format json --as-of DATE INPUT` and then
   `bench/baseline_eval.py --as-of DATE INPUT`, each writing JSON Lines to a file, and
   measures each one's wall time, CPU time (user + system) and peak RSS (os.wait4).
2. Compares the outputs case by case (line by line: both write one line per input line)
   for the rules they share: every obligation of skyddsbedomning, forhandsbedomning,
   utredning, information_utredning, overvagande_sol and besok_placerat_barn in the order
   produced, field by field: seq, start, nominal, legal, judged, done, status, basis, the
   flags both know (undantag, undantag_for_sent, forlangd, forlangning_for_sent,
   ikrafttradande, aterkommande, nasta, antagande) and the event indices.
   Lines that only one side rejects are counted apart (validation, not rules).
3. Prints the time ratios and the agreement, the first --show disagreements with the
   input line, and exits 1 if any obligation disagrees.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_RULES = ("skyddsbedomning", "forhandsbedomning", "utredning", "information_utredning",
                "overvagande_sol", "besok_placerat_barn")
SHARED_FLAGS = {"undantag", "undantag_for_sent", "forlangd", "forlangning_for_sent", "ikrafttradande",
                "aterkommande", "nasta", "antagande"}
FIELDS = ("seq", "start", "nominal", "legal", "judged", "done", "status", "basis", "flags",
          "start_event", "done_event", "extension_event")


def run(cmd, out_path):
    """Run @cmd with stdout to @out_path; (wall s, cpu s, peak RSS KiB, exit status)."""
    with open(out_path, "wb") as out, open(os.devnull, "wb") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode


def norm(o):
    o = dict(o)
    o["flags"] = sorted(set(o.get("flags", [])) & SHARED_FLAGS)
    return tuple(o.get(f) for f in FIELDS)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input")
    p.add_argument("--as-of", default="2025-12-31")
    p.add_argument("--tool", default=os.path.join(os.path.dirname(HERE), "build-bench", "tools", "egenkontroll"))
    p.add_argument("--out-dir", default=os.path.join(HERE, "out"))
    p.add_argument("--show", type=int, default=5, help="disagreements to print in full")
    p.add_argument("--skip-run", action="store_true", help="compare existing outputs only")
    a = p.parse_args(argv)
    os.makedirs(a.out_dir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(a.input))[0]
    lib_out = os.path.join(a.out_dir, stem + ".lib.jsonl")
    base_out = os.path.join(a.out_dir, stem + ".baseline.jsonl")
    size = os.path.getsize(a.input)

    if not a.skip_run:
        lib = run([a.tool, "evaluate", "--format", "json", "--as-of", a.as_of, a.input], lib_out)
        base = run([sys.executable, os.path.join(HERE, "baseline_eval.py"), "--as-of", a.as_of, a.input], base_out)
        print("input: %s (%.1f MB)" % (a.input, size / 1e6))
        print("%-22s %9s %9s %10s %12s" % ("", "wall s", "cpu s", "MB/s(cpu)", "peak RSS MiB"))
        for name, r in (("library (21 rules)", lib), ("python baseline (6)", base)):
            print("%-22s %9.2f %9.2f %10.1f %12.1f" % (name, r[0], r[1], size / 1e6 / r[1], r[2] / 1024))
        print("ratio baseline/library: wall %.1fx, cpu %.1fx" % (base[0] / lib[0], base[1] / lib[1]))

    cases = both = only_lib = only_base = 0
    obligations = 0
    bad_cases = 0
    by_field = collections.Counter()
    by_status = collections.Counter()
    shown = 0
    with open(a.input, encoding="utf-8") as fin, open(lib_out, encoding="utf-8") as fl, \
            open(base_out, encoding="utf-8") as fb:
        for n, (src, ll, bl) in enumerate(zip(fin, fl, fb), 1):
            cases += 1
            lj, bj = json.loads(ll), json.loads(bl)
            le, be = "error" in lj, "error" in bj
            if le or be:
                if le and not be:
                    only_base += 1
                elif be and not le:
                    only_lib += 1
                continue
            if lj["id"] != bj["id"]:
                print("line %d: outputs out of step (%r vs %r)" % (n, lj["id"], bj["id"]))
                return 2
            both += 1
            lo = [norm(o) for o in lj["obligations"] if o["rule"] in SHARED_RULES]
            bo = [norm(o) for o in bj["obligations"]]
            obligations += len(lo)
            for o in lo:
                by_status[(o[0] is not None, o[FIELDS.index("status")])] += 1
            if lo == bo:
                continue
            bad_cases += 1
            diffs = []
            for k in range(max(len(lo), len(bo))):
                x = lo[k] if k < len(lo) else None
                y = bo[k] if k < len(bo) else None
                if x == y:
                    continue
                if x is None or y is None:
                    by_field["count"] += 1
                    diffs.append((k, "presence", x, y))
                    continue
                for f, u, v in zip(FIELDS, x, y):
                    if u != v:
                        by_field[f] += 1
                        diffs.append((k, f, u, v))
            if shown < a.show:
                shown += 1
                print("\nDISAGREEMENT case %s (line %d):" % (lj["id"], n))
                for k, f, u, v in diffs[:8]:
                    print("  obligation %d %s: library %r, baseline %r" % (k, f, u, v))
                lib_rules = [o for o in lj["obligations"] if o["rule"] in SHARED_RULES]
                k0 = diffs[0][0]
                if k0 < len(lib_rules):
                    print("  library obligation: %s" % json.dumps(lib_rules[k0], ensure_ascii=False))
                if k0 < len(bj["obligations"]):
                    print("  baseline obligation: %s" % json.dumps(bj["obligations"][k0], ensure_ascii=False))
                print("  input: %s" % src.strip())
    print("\ncases: %d lines; evaluated by both: %d; rejected only by the library: %d; only by the baseline: %d"
          % (cases, both, only_base, only_lib))
    print("shared-rule obligations compared: %d; cases disagreeing: %d" % (obligations, bad_cases))
    if by_field:
        print("disagreeing fields: %s" % dict(by_field))
    st = collections.Counter()
    for (_, s), c in by_status.items():
        st[s] += c
    print("statuses (library, shared rules): %s" % dict(st))
    return 1 if bad_cases else 0


if __name__ == "__main__":
    sys.exit(main())
