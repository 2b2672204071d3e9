#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side by side in one run (issue 15): the library's tool against what else reads the same file.

    side_by_side.py [--rounds 5] [--as-of 2025-12-31] [--tool T] [--previous P] FILE

Runs each contender on FILE, the contenders alternating round by round, and reports the median
CPU time (user + system of the child, from wait4) and the largest peak RSS of each, and ratios
against `egenkontroll evaluate --format json`.  Contenders (each writes to /dev/null):

    evaluate       egenkontroll evaluate --format json (--tool)
    evaluate -j2   the same with --jobs 2 (wall time is reported too: it is the point)
    check          egenkontroll check --format json
    report         egenkontroll report --format json
    previous       the previous release build's evaluate --format json (--previous, optional)
    previous check the previous release build's check --format json (--previous)
    json.loads     a bare Python loop: json.loads on every line (malformed lines skipped)
    jq             jq -cR 'fromjson? // empty' (every line parsed and printed compactly)
    baseline       bench/baseline_eval.py: six rules in plain Python (the analyst's script)
    python api     egenkontroll.read_cases + evaluate_many (Python API, --python-api)
    python file    egenkontroll.evaluate_file: the file read and evaluated in C, NumPy columns
                   (--python-api)

With --inmem, after the table: `bench_eval --repeat 5 inmem FILE` of this build and of the previous
one (the bench_eval next to each tool: build/bench/bench_eval), evaluation alone on cases already in
memory (median wall, best CPU, allocations in the second pass); with --calendar:
bench/calendar_vs_numpy.py with this build's module (medians of CPU time).

Timings never go into the test suite; --smoke runs one round on a small file and only checks
that every contender ran (CI).  Prints a Markdown table and one key=value line per contender.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"

JSON_LOOP = r"""
import json, sys
n = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        if line.strip():
            try:
                json.loads(line)
                n += 1
            except ValueError:
                pass
"""

PY_API = r"""
import sys
import egenkontroll as ek
cases = [c for c in ek.read_cases(sys.argv[1], errors="collect") if isinstance(c, ek.Case)]
rows = ek.evaluate_many(cases, as_of=sys.argv[2])
print(sum(len(r) for r in rows), file=sys.stderr)
"""

PY_FILE = r"""
import sys
import egenkontroll as ek
r = ek.evaluate_file(sys.argv[1], as_of=sys.argv[2])
print(len(r), len(r.case_ids), file=sys.stderr)
"""


def run(cmd, env=None):
    """(cpu seconds, wall seconds, peak RSS KiB, exit status) of one run, output to /dev/null.
    The peak RSS comes from /usr/bin/time (a child forked from this Python process would count
    the parent's pages it had before exec)."""
    rss_file = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"side_by_side.{os.getpid()}.rss")
    t0 = time.monotonic()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, stdout=null, stderr=null, env=env)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    with open(rss_file) as fh:
        rss = int(fh.read().split()[-1])
    os.unlink(rss_file)
    return ru.ru_utime + ru.ru_stime, wall, rss, os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--as-of", default="2025-12-31")
    ap.add_argument("--tool", default=os.path.join(ROOT, "build-rel", "tools", "egenkontroll"))
    ap.add_argument("--previous", help="the previous release build's egenkontroll (optional)")
    ap.add_argument("--python-api", action="store_true", help="also time the Python API (needs the build's module)")
    ap.add_argument("--build-dir", help="build directory whose Python module --python-api uses")
    ap.add_argument("--skip", default="", help="comma-separated contenders to leave out")
    ap.add_argument("--smoke", action="store_true", help="one round; fail only if a contender cannot run")
    ap.add_argument("--inmem", action="store_true", help="also bench_eval inmem of this and the previous build")
    ap.add_argument("--calendar", action="store_true", help="also bench/calendar_vs_numpy.py (this build's module)")
    ap.add_argument("--calendar-n", type=int, default=10_000_000, help="dates for --calendar (default 10 million)")
    a = ap.parse_args()
    if a.smoke:
        a.rounds = 1
    f, asof = a.input, a.as_of
    size = os.path.getsize(f)
    with open(f, "rb") as fh:
        lines = sum(1 for line in fh if line.strip())
    tool = a.tool
    c = {
        "evaluate": [tool, "evaluate", "--format", "json", "--as-of", asof, f],
        "evaluate -j2": [tool, "evaluate", "--jobs", "2", "--format", "json", "--as-of", asof, f],
        "check": [tool, "check", "--format", "json", "--as-of", asof, f],
        "report": [tool, "report", "--format", "json", "--as-of", asof, f],
    }
    if a.previous:
        c["previous"] = [a.previous, "evaluate", "--format", "json", "--as-of", asof, f]
        c["previous check"] = [a.previous, "check", "--format", "json", "--as-of", asof, f]
    c["json.loads"] = [PY, "-c", JSON_LOOP, f]
    if shutil.which("jq"):
        c["jq"] = ["jq", "-cR", "fromjson? // empty", f]
    c["baseline"] = [PY, os.path.join(HERE, "baseline_eval.py"), "--as-of", asof, f, "-o", os.devnull]
    env = dict(os.environ)
    if a.python_api:
        bd = a.build_dir or os.path.dirname(os.path.dirname(os.path.abspath(tool)))
        env["PYTHONPATH"] = os.path.join(bd, "bindings", "python") + os.pathsep + env.get("PYTHONPATH", "")
        c["python api"] = [PY, "-c", PY_API, f, asof]
        c["python file"] = [PY, "-c", PY_FILE, f, asof]
    for s in filter(None, a.skip.split(",")):
        c.pop(s.strip(), None)
    res = {k: [] for k in c}
    for r in range(a.rounds):
        order = list(c) if r % 2 == 0 else list(reversed(c))  # alternate, so drift hits all alike
        for k in order:
            res[k].append(run(c[k], env))
            cpu, wall, rss, rc = res[k][-1]
            print(f"round {r + 1} {k}: cpu {cpu:.2f}s wall {wall:.2f}s rss {rss / 1024:.1f} MiB exit {rc}",
                  file=sys.stderr)
    bad = [k for k, v in res.items() if any(x[3] not in (0, 3) for x in v)]  # 3: rejected lines
    med = {k: statistics.median(x[0] for x in v) for k, v in res.items()}
    wall = {k: statistics.median(x[1] for x in v) for k, v in res.items()}
    rss = {k: max(x[2] for x in v) for k, v in res.items()}
    ref = med["evaluate"]
    print(f"machine: {platform.node()} {os.cpu_count()} CPUs, {platform.platform()}, load {os.getloadavg()[0]:.1f}")
    print(f"input: {f} ({size / 1e6:.1f} MB, {lines} lines), as of {asof}; {a.rounds} alternating rounds, "
          "medians of CPU time (user+sys)")
    print()
    print("| contender | CPU s | MB/s (CPU) | cases/s (CPU) | wall s | peak RSS MiB | CPU time / evaluate |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k in c:
        print(f"| {k} | {med[k]:.2f} | {size / 1e6 / med[k]:.0f} | {lines / med[k]:,.0f} | {wall[k]:.2f} | "
              f"{rss[k] / 1024:.1f} | {med[k] / ref:.2f}× |".replace(",", " "))
    print()
    for k in c:
        print(f"contender={k.replace(' ', '_')} cpu_s={med[k]:.3f} wall_s={wall[k]:.3f} "
              f"rss_kib={rss[k]} ratio_to_evaluate={med[k] / ref:.3f}")
    if a.inmem:
        print()
        builds = [("this build", tool)] + ([("previous", a.previous)] if a.previous else [])
        for name, t in builds:
            be = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(t))), "bench", "bench_eval")
            out = subprocess.run([be, "--as-of", asof, "--repeat", "5", "inmem", f], capture_output=True, text=True)
            kv = dict(x.split("=", 1) for x in out.stdout.split() if "=" in x)
            rate = f"{float(kv.get('cases_per_s', 0)):,.0f}".replace(",", " ")
            print(f"inmem ({name}): {rate} cases/s (best CPU of 5 passes {kv.get('best_cpu_s')} s, "
                  f"median wall {kv.get('median_wall_s')} s), allocations in the 2nd pass {kv.get('allocs_second_pass')}")
            if out.returncode != 0:
                bad.append(f"inmem ({name})")
    if a.calendar:
        print()
        bd = a.build_dir or os.path.dirname(os.path.dirname(os.path.abspath(tool)))
        cenv = dict(os.environ, EK_BUILD_DIR=bd)
        out = subprocess.run([PY, os.path.join(HERE, "calendar_vs_numpy.py"), "--n", str(a.calendar_n)],
                             capture_output=True, text=True, env=cenv)
        print(out.stdout.rstrip())
        if out.returncode != 0:
            bad.append("calendar")
    if bad:
        print("failed to run: " + ", ".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
