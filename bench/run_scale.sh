#!/bin/sh
# SPDX-License-Identifier: MIT
# Growth benchmark (issue 9, benchmark 4): 10 k, 100 k and 1 M synthetic cases.
#
#   bench/run_scale.sh                       # from the repository root
#   BUILD=build-bench SIZES="10000 100000" bench/run_scale.sh
#
# For each size: generate bench/out/cases-N.jsonl with tools/gen_cases.py (--seed 1,
# reused when present), then run
#   bench_eval e2e     streaming JSON Lines in -> evaluate -> JSON Lines out (CPU time, MB/s, peak RSS)
#   egenkontroll evaluate --format json under /usr/bin/time -v (wall, CPU, max RSS), and check
#                      that its output is byte for byte the output of bench_eval e2e
#   bench_eval inmem   all cases in memory, ek_evaluate_case() only (--repeat 5, best)
# and print one table.  Raw key=value lines go to bench/out/scale.txt.
# Needs a build configured with `meson setup build-bench -Dbuildtype=release`.
set -eu
export PATH=/usr/bin:$PATH
BUILD=${BUILD:-build-bench}
SIZES=${SIZES:-"10000 100000 1000000"}
AS_OF=${AS_OF:-2025-12-31}
SEED=${SEED:-1}
OUT=bench/out
BENCH=$BUILD/bench/bench_eval
TOOL=$BUILD/tools/egenkontroll
[ -x "$BENCH" ] && [ -x "$TOOL" ] || { echo "run_scale.sh: build $BUILD first (meson compile -C $BUILD)" >&2; exit 2; }
mkdir -p "$OUT"
RES=$OUT/scale.txt
: > "$RES"

kv() { # kv KEY LINE
    printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

for n in $SIZES; do
    f=$OUT/cases-$n.jsonl
    if [ ! -s "$f" ]; then
        echo "generating $f" >&2
        python3 tools/gen_cases.py --cases "$n" --seed "$SEED" -o "$f"
    fi
    echo "size $n: bench_eval e2e" >&2
    e2e=$("$BENCH" --as-of "$AS_OF" e2e "$f" "$OUT/cases-$n.bench.jsonl")
    echo "size=$n $e2e" >> "$RES"
    echo "size $n: egenkontroll evaluate under /usr/bin/time -v" >&2
    /usr/bin/time -v "$TOOL" evaluate --format json --as-of "$AS_OF" "$f" > "$OUT/cases-$n.lib.jsonl" \
        2> "$OUT/time-$n.txt" || true   # exit 3: the generator's malformed lines are rejected
    cmp -s "$OUT/cases-$n.lib.jsonl" "$OUT/cases-$n.bench.jsonl" && same=yes || same=NO
    tw=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/time-$n.txt")
    tu=$(sed -n 's/.*User time (seconds): //p' "$OUT/time-$n.txt")
    ts=$(sed -n 's/.*System time (seconds): //p' "$OUT/time-$n.txt")
    tr_=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time-$n.txt")
    echo "size=$n mode=cli wall=$tw user_s=$tu sys_s=$ts max_rss_kib=$tr_ same_output_as_bench=$same" >> "$RES"
    echo "size $n: bench_eval inmem" >&2
    inm=$("$BENCH" --as-of "$AS_OF" --repeat 5 inmem "$f" 2>/dev/null)
    echo "size=$n $inm" >> "$RES"
    rm -f "$OUT/cases-$n.bench.jsonl"
done

echo
echo "| cases | input MB | e2e CPU s | e2e MB/s | e2e cases/s | e2e peak RSS MiB | CLI wall | CLI user+sys s | CLI max RSS MiB | same output | in-memory cases/s | obligations/s | allocs/case (2nd pass) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|---:|---:|---:|"
for n in $SIZES; do
    e=$(grep "^size=$n mode=e2e" "$RES")
    c=$(grep "^size=$n mode=cli" "$RES")
    m=$(grep "^size=$n mode=inmem" "$RES")
    awk -v n="$n" -v mb="$(kv input_bytes "$e")" -v cpu="$(kv cpu_s "$e")" -v mbs="$(kv mb_per_s "$e")" \
        -v cps="$(kv cases_per_s "$e")" -v rss="$(kv peak_rss_kib "$e")" -v cw="$(kv wall "$c")" \
        -v cu="$(kv user_s "$c")" -v cs="$(kv sys_s "$c")" -v crss="$(kv max_rss_kib "$c")" \
        -v same="$(kv same_output_as_bench "$c")" -v ic="$(kv cases_per_s "$m")" \
        -v io="$(kv obligations_per_s "$m")" -v ia="$(kv allocs_per_case_second_pass "$m")" 'BEGIN {
        printf "| %d | %.1f | %.2f | %.1f | %.0f | %.1f | %s | %.2f | %.1f | %s | %.0f | %.0f | %s |\n",
               n, mb / 1e6, cpu, mbs, cps, rss / 1024, cw, cu + cs, crss / 1024, same, ic, io, ia }'
done
