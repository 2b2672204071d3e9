#!/bin/bash
# Compare what two builds of the tool print (issue 15: "every output byte-identical").
#
#   bench/compare_outputs.sh OLD_TOOL NEW_TOOL FILE...
#
# For each input FILE and each of --lang sv and --lang en: evaluate (json, csv, text), evaluate
# --jobs 2 (json), check (json, text) and report (json), each run by both tools; stdout, stderr and
# the exit status must be the same.  Prints one line per comparison; exits 1 if any differs.
# Set AS_OF / REPORT_AS_OF to change the dates (defaults 2025-12-31 / 2026-01-15).
set -u
[ $# -ge 3 ] || { echo "usage: $0 OLD_TOOL NEW_TOOL FILE..." >&2; exit 2; }
OLD=$1 NEW=$2; shift 2
AS_OF=${AS_OF:-2025-12-31} REPORT_AS_OF=${REPORT_AS_OF:-2026-01-15}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
one() { # FILE ARGS...
    local f=$1; shift
    "$OLD" "$@" "$f" > "$T/o.out" 2> "$T/o.err"; local ro=$?
    "$NEW" "$@" "$f" > "$T/n.out" 2> "$T/n.err"; local rn=$?
    if [ "$ro" = "$rn" ] && cmp -s "$T/o.out" "$T/n.out" && cmp -s "$T/o.err" "$T/n.err"; then
        echo "same  $(basename "$f") $* ($(stat -c %s "$T/n.out") bytes, exit $rn)"
    else
        echo "DIFF  $(basename "$f") $* (exit $ro / $rn)"; fail=1
    fi
}
for f in "$@"; do
    for lang in sv en; do
        for fmt in json csv text; do one "$f" --lang $lang evaluate --as-of "$AS_OF" --format $fmt; done
        one "$f" --lang $lang evaluate --as-of "$AS_OF" --format json --jobs 2
        for fmt in json text; do one "$f" --lang $lang check --as-of "$AS_OF" --format $fmt; done
        one "$f" --lang $lang report --as-of "$REPORT_AS_OF" --format json
    done
done
exit $fail
