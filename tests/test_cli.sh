#!/bin/sh
# Runs every tests/cli/*.sh with the tool's path as $1; fails if any fails.
# Each script must exit non-zero on failure (use `set -e` and the helpers in cli/lib.sh).
tool="$1"
dir=$(dirname "$0")/cli
fail=0
for t in "$dir"/*.sh; do
  case "$t" in */lib.sh) continue ;; esac
  if sh "$t" "$tool"; then echo "PASS $(basename "$t")"; else echo "FAIL $(basename "$t")"; fail=1; fi
done
exit $fail
