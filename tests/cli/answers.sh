# egenkontroll check/report --answers: reviewers' answers kept apart from the export (egenkontroll/granskning-1).
TOOL="$1"; . "$(dirname "$0")/lib.sh"
DATA="$(dirname "$0")/../data"
CASES="$DATA/checklist/items.jsonl"
TMP="${TMPDIR:-/tmp}/ek_answers_cli.$$"
mkdir -p "$TMP"; trap 'rm -rf "$TMP"' EXIT

summary() { printf '%s\n' "$OUT" | grep "^{\"summary\"" | python3 -c "
import json, sys
d = json.load(sys.stdin)['summary']
print(' '.join(f\"{i['item']}:{i['numerator']}/{i['failed']}/{i['notchecked']}/{i['notapplicable']}\" for i in d['items'] if i['item'] in ('A4', 'B4')))"; }

expect_exit 0 "$TOOL" --lang en check --as-of 2026-03-01 --format json "$CASES"
before=$(summary)
contains "$before" "A4:1/1/1/"
# Three answers: A4 pass, B4 fail, B4 notapplicable.
expect_exit 0 "$TOOL" --lang en check --as-of 2026-03-01 --format json --answers "$DATA/answers/svar.jsonl" "$CASES"
after=$(summary)
contains "$after" "A4:2/1/0/"
b4_before=$(printf '%s' "$before" | sed 's/.*B4:\([0-9]*\)\/\([0-9]*\)\/\([0-9]*\)\/\([0-9]*\).*/\1 \2 \3 \4/')
b4_after=$(printf '%s' "$after" | sed 's/.*B4:\([0-9]*\)\/\([0-9]*\)\/\([0-9]*\)\/\([0-9]*\).*/\1 \2 \3 \4/')
set -- $b4_before; p0=$1 f0=$2 n0=$3 na0=$4
set -- $b4_after
[ "$1" = "$p0" ] || fail "B4 passed changed: $b4_before -> $b4_after"
[ "$2" = "$((f0 + 1))" ] || fail "B4 failed should grow by one: $b4_before -> $b4_after"
[ "$3" = "$((n0 - 2))" ] || fail "B4 notchecked should shrink by two: $b4_before -> $b4_after"
[ "$4" = "$((na0 + 1))" ] || fail "B4 notapplicable should grow by one: $b4_before -> $b4_after"
contains "$OUT" '"id": "B1-PASS"'
[ -z "$ERR" ] || fail "unexpected messages: $ERR"

# Bad answers: each named by file:line; the good ones still count; exit status 3.
expect_exit 3 "$TOOL" --lang en check --as-of 2026-03-01 --format json --answers "$DATA/answers/svar.jsonl" \
  --answers "$DATA/answers/svar-bad.jsonl" "$CASES"
contains "$ERR" 'svar-bad.jsonl:2: unknown case id "INTE-FINNS"'
contains "$ERR" 'svar-bad.jsonl:3: unknown item "X9"'
contains "$ERR" 'svar-bad.jsonl:4:82: "result" must be pass, fail or notapplicable, not "kanske"'
contains "$ERR" 'warning: '
contains "$ERR" 'svar-bad.jsonl:5: conflicting answers for B4 of case B1-PASS'
after2=$(summary)
b4=$(printf '%s' "$after2" | sed 's/.*B4:\([0-9]*\)\/\([0-9]*\)\/\([0-9]*\)\/\([0-9]*\).*/\1 \2 \3 \4/')
set -- $b4
[ "$1" = "$((p0 + 2))" ] || fail "B4 passed should grow by two (B7-FAIL, B1-PASS later answer): $b4_before -> $b4"
[ "$2" = "$f0" ] || fail "B4 failed: $b4_before -> $b4"

# The report counts the same answers.
expect_exit 0 "$TOOL" --lang en report --as-of 2026-03-01 --format json --answers "$DATA/answers/svar.jsonl" "$CASES"
contains "$(printf '%s' "$OUT" | python3 -c "
import json, sys
d = json.load(sys.stdin)
print([i['counts']['numerator'] for i in d['items'] if i['id'] == 'A4'])")" "[2]"
expect_exit 3 "$TOOL" --lang en report --as-of 2026-03-01 --answers "$DATA/answers/svar-bad.jsonl" "$CASES"
contains "$ERR" 'report: --answers: '
contains "$ERR" 'unknown case id "INTE-FINNS"'

# Files that cannot be used.
expect_exit 3 "$TOOL" --lang en check --as-of 2026-03-01 --answers "$TMP/none.jsonl" "$CASES"
contains "$ERR" "none.jsonl"
: > "$TMP/ark.xlsx"
expect_exit 2 "$TOOL" --lang en check --as-of 2026-03-01 --answers "$TMP/ark.xlsx" "$CASES"
contains "$ERR" "python3 -m egenkontroll.review --from-xlsx"
expect_exit 2 "$TOOL" --lang en report --answers

# Swedish by default.
expect_exit 3 "$TOOL" check --as-of 2026-03-01 --answers "$DATA/answers/svar.jsonl" --answers "$DATA/answers/svar-bad.jsonl" "$CASES"
contains "$ERR" 'okänt ärende-id "INTE-FINNS"'
contains "$ERR" 'varning: '
