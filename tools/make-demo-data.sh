#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerate the bundled demo data under examples/data/ (commit the outputs with this script).
# Reproducible: the same script gives byte-identical files on any machine with Python 3.8+.
#   tools/make-demo-data.sh [OUTDIR]        (default: examples/data next to this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../examples/data"}
py=${PYTHON:-/usr/bin/python3}
[ -x "$py" ] || py=python3
mkdir -p "$out"

# Exempelby: a mid-size municipality, three units from the most to the least timely,
# reports received 2024-01-01 .. 2025-12-31, exported on 2026-03-01.
units="Barn och unga Norr,Barn och unga Söder,Barn och unga Väster"
"$py" "$here/gen_cases.py" --cases 3000 --seed 20260301 --start 2024-01-01 --end 2025-12-31 \
    --as-of 2026-03-01 --units "$units" --malformed-rate 0 --jobs 1 -o "$out/cases.jsonl"
"$py" "$here/gen_sarah.py" --records 36 --seed 20260301 --start 2024-01-01 --end 2025-12-31 \
    --as-of 2026-03-01 --units "$units" -o "$out/sarah.jsonl" \
    --delegation "$out/delegation.json" --kommun Exempelby
# The five seed scenarios, written by hand (tools/seed_cases.py; see examples/data/README.md).
"$py" "$here/seed_cases.py" -o "$out/seeds.jsonl" --sarah "$out/seeds-sarah.jsonl"
