#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Evaluate a partitioned case export with Dask, one task per partition (issue 15).

    dask_evaluate.py [--as-of DATE] [--scheduler processes|threads|synchronous] [-o OUT] PART...

Each PART is one `egenkontroll/case-1` JSON Lines file of the export (e.g. one per
municipality or per year).  Every Dask task reads one partition and evaluates it with the
library (`egenkontroll.read_cases` + `evaluate_json`, the evaluation in C), and the results
are written in partition order: for partitions cut from one file, exactly the bytes of
`egenkontroll evaluate --format json FILE` (tests/python/test_dask_example.py checks this on
the demo data).

A national year (~420 000 cases) takes a few CPU seconds in one process
(`egenkontroll evaluate`, or `--jobs N` on one machine); this is for many years or many
municipalities, and for a Dask cluster when there is one.  Dask only schedules: the library
does the work, and no Python object is built per event.

What a partition cannot know: a case id repeated in another partition (the CLI over the whole
file reports the second one as an error), and the line numbers of rejected lines are those of
the partition's file.  Rejected lines give `{"id": …, "error": …}` records, as the CLI's do.
Needs Debian's python3-dask.
"""
import argparse
import os
import sys

import dask
import dask.bag as db

import egenkontroll as ek


def evaluate_partition(path, as_of):
    """The JSON lines of one partition (a list of str), in input order."""
    out = []
    for item in ek.read_cases(path, errors="collect"):
        if isinstance(item, ek.Case):
            with item:
                out.append(ek.evaluate_json(item, as_of=as_of))
        else:
            out.append(ek.evaluation_error_json(item.case_id, str(item)))  # the place and the message
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("parts", nargs="+", help="the partitions (case-1 JSON Lines files), in order")
    ap.add_argument("--as-of", required=True, help="evaluation date YYYY-MM-DD")
    ap.add_argument("--scheduler", default="processes", choices=["processes", "threads", "synchronous"])
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args(argv)
    bag = db.from_sequence(a.parts, npartitions=len(a.parts)).map(evaluate_partition, a.as_of)
    with dask.config.set(scheduler=a.scheduler):
        results = bag.compute()
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    try:
        for lines in results:
            for line in lines:
                out.write(line)
                out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
