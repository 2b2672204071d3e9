#!/usr/bin/env python3
"""Benchmark: the library's calendar batches against numpy.busday_offset.

On 10 million random dates in 2000-2100 it times
  (a) roll to a working day (Lag 1930:173 2 §),
  (b) +10 working days (strictly after the start),
  (c) +4 months (1930:173 1 §, last day of the month where the day does not exist), then roll,
with the library's batch functions and with numpy.busday_offset given the same
Swedish non-working days (weekmask Mon-Fri plus every named holiday and eve
from the library); for (c) numpy's month step uses NumPy's own datetime64
arithmetic.  Both must give identical dates.  Prints ns per date for each and
ends with "min speedup: X" (the smallest numpy/library time ratio).  Times are
medians of CPU time (time.process_time) over alternating runs, not best wall times.

The module is found through EK_BUILD_DIR (EK_BUILD_DIR/bindings/python) or
the installed package.  Run with Debian's python3:
    EK_BUILD_DIR=build /usr/bin/python3 bench/calendar_vs_numpy.py [--n N] [--repeat R]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

if os.environ.get("EK_BUILD_DIR"):
    sys.path.insert(0, os.path.join(os.environ["EK_BUILD_DIR"], "bindings", "python"))

import numpy as np  # noqa: E402

import egenkontroll as ek  # noqa: E402


def cpu_time(fn):
    """CPU time of one run (time.process_time: this process, all threads) and its result."""
    t0 = time.process_time()
    result = fn()
    return time.process_time() - t0, result


def median_cpu_times(lib_fn, np_fn, repeat):
    """Median CPU times of `repeat` alternating runs of each (library first, then NumPy, the order
    reversed every other round), and the last results.  CPU time, not wall time: the machine is
    shared, and the median, not the best, is what a user can expect."""
    t_lib, t_np, r_lib, r_np = [], [], None, None
    for k in range(repeat):
        order = ((0, lib_fn), (1, np_fn)) if k % 2 == 0 else ((1, np_fn), (0, lib_fn))
        for which, fn in order:
            t, r = cpu_time(fn)
            if which == 0:
                t_lib.append(t)
                r_lib = r
            else:
                t_np.append(t)
                r_np = r
    return statistics.median(t_lib), statistics.median(t_np), r_lib, r_np


def numpy_add_months(dates, months):
    """1930:173 1 § with NumPy only: the same day number `months` later, or that month's last day."""
    month = dates.astype("datetime64[M]")
    day = dates - month.astype("datetime64[D]")                    # 0-based day of month
    target = month + np.timedelta64(months, "M")
    first = target.astype("datetime64[D]")
    length = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - first
    return first + np.minimum(day, length - np.timedelta64(1, "D"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000_000, help="number of dates (default 10 million)")
    ap.add_argument("--repeat", type=int, default=5, help="alternating runs per measurement; the median CPU time counts")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()

    cal = ek.Calendar()
    rng = np.random.default_rng(args.seed)
    lo, hi = np.datetime64("2000-01-01"), np.datetime64("2100-12-31")
    dates = lo + rng.integers(0, (hi - lo).astype(int) + 1, size=args.n).astype("timedelta64[D]")

    # The same non-working days for numpy: Mon-Fri plus the library's named days
    # (holidays and the 1930:173 eves) with a margin for rolling back and forward.
    holidays = [d.date for year in range(1999, 2103) for d in cal.named_days(year)]
    bdc = np.busdaycalendar(weekmask="1111100", holidays=np.array(holidays, dtype="datetime64[D]"))

    cases = [
        ("(a) roll to a working day",
         lambda: cal.roll_many(dates),
         lambda: np.busday_offset(dates, 0, roll="forward", busdaycal=bdc)),
        # numpy rolls a non-working start first; rolling it *back* keeps "strictly after the start".
        ("(b) +10 working days",
         lambda: cal.add_working_days_many(dates, 10),
         lambda: np.busday_offset(dates, 10, roll="backward", busdaycal=bdc)),
        ("(c) +4 months then roll",
         lambda: cal.deadline_many(dates, "4m")[1],
         lambda: np.busday_offset(numpy_add_months(dates, 4), 0, roll="forward", busdaycal=bdc)),
    ]

    print(f"calendar_vs_numpy: {args.n:,} random dates {lo}..{hi}; egenkontroll {ek.__version__}, "
          f"numpy {np.__version__}, python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median CPU time of {args.repeat} alternating runs, "
          f"load average {os.getloadavg()[0]:.1f}")
    speedups = []
    ok = True
    for name, lib_fn, np_fn in cases:
        t_lib, t_np, r_lib, r_np = median_cpu_times(lib_fn, np_fn, args.repeat)
        equal = r_lib.dtype == r_np.dtype and np.array_equal(r_lib, r_np)
        ok &= equal
        speedup = t_np / t_lib
        speedups.append(speedup)
        print(f"{name:28s} library {t_lib / args.n * 1e9:7.2f} ns/date   numpy {t_np / args.n * 1e9:7.2f} ns/date"
              f"   speedup {speedup:6.1f}x   {'same dates' if equal else 'RESULTS DIFFER'}")
    # (c) nominal end too: the month step alone must agree
    nominal = cal.deadline_many(dates, "4m")[0]
    if not np.array_equal(nominal, numpy_add_months(dates, 4)):
        print("(c) nominal ends differ between the library and numpy")
        ok = False
    print(f"min speedup: {min(speedups):.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
