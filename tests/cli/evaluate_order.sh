# egenkontroll evaluate writes the cases' output in large blocks (issue 15): standard output still
# holds one record per input line, in input order, also when rejected lines' error records fall
# between the blocks (the demo data three times over, ~10 MB of output, a bad line every 400).
TOOL="$1"; . "$(dirname "$0")/lib.sh"
ROOT="$(dirname "$0")/../.."
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

for k in 1 2 3; do
  sed "s/\"id\":\"/\"id\":\"R$k-/" "$ROOT/examples/data/cases.jsonl"
done | awk '{ print } NR % 400 == 0 { printf "{\"id\":\"BAD-%d\",\"events\":[{\"type\":\"anmalan_mottagen\",\"date\":\"2025-02-30\"}]}\n", NR }' \
  > "$T/in.jsonl"
first_id() { awk '{ if (match($0, /"id":"[^"]*"/)) print substr($0, RSTART + 6, RLENGTH - 7); else print "?" }'; }
first_id < "$T/in.jsonl" > "$T/want"
for fmt in json; do
  for j in 1 2; do
    set +e
    "$TOOL" evaluate --jobs $j --as-of 2026-06-30 --format $fmt "$T/in.jsonl" > "$T/out" 2> "$T/err"; rc=$?
    set -e
    [ "$rc" = 3 ] || fail "exit $rc, expected 3 (the bad lines)"
    [ "$(wc -c < "$T/out")" -gt 1048576 ] || fail "the output is not larger than the output blocks"
    first_id < "$T/out" > "$T/got"
    cmp -s "$T/want" "$T/got" || fail "--jobs $j: records not one per input line in input order: $(diff "$T/want" "$T/got" | head -5)"
  done
done
# The text form: the case headers in input order (the rejected lines only on standard error).
"$TOOL" evaluate --as-of 2026-06-30 --format text "$T/in.jsonl" > "$T/out" 2> "$T/err" || true
grep -v BAD- "$T/want" > "$T/want_text"
sed -n 's/^\([^ ]*\)  (per .*/\1/p' "$T/out" > "$T/got_text"
cmp -s "$T/want_text" "$T/got_text" || fail "text: cases not in input order"
