# egenkontroll evaluate: JSON Lines, text, --as-of filtering, --policy, rejected cases, exit statuses.
TOOL="$1"; . "$(dirname "$0")/lib.sh"
DATA="$(dirname "$0")/../data/rules"

expect_exit 0 "$TOOL" evaluate --help
contains "$OUT" "--as-of DATUM"
expect_exit 2 "$TOOL" evaluate
expect_exit 2 "$TOOL" evaluate --format xml "$DATA/cases.jsonl"
expect_exit 2 "$TOOL" evaluate --as-of 2026-02-30 "$DATA/cases.jsonl"
contains "$ERR" "2026-02-30"

# One bad line: its error record, the others still evaluated, exit 3.
expect_exit 3 "$TOOL" evaluate --as-of 2026-01-05 --format json "$DATA/cases.jsonl"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 4 ] || fail "expected 4 JSON lines: $OUT"
contains "$OUT" '{"id":"R-1","as_of":"2026-01-05","obligations":[{"rule":"skyddsbedomning","start":"2025-12-17","nominal":"2025-12-18","legal":"2025-12-18","done":"2025-12-17","status":"met","basis":"SoL (2025:400) 20 kap. 1 §"'
contains "$OUT" '{"rule":"forhandsbedomning","start":"2025-12-17","nominal":"2025-12-31","legal":"2026-01-02","done":"2026-01-02","status":"met","basis":"SoL (2025:400) 20 kap. 2 §"'
# "genast" (policy information_utredning, 1 day) is counted in calendar days and never rolls (issue 14).
contains "$OUT" '"rule":"information_utredning","start":"2026-01-02","nominal":"2026-01-03","legal":"2026-01-03","done":null,"status":"overdue"'
contains "$OUT" '{"id":"BAD-R1","error":'
contains "$ERR" "2026-02-29"
contains "$OUT" '"id":"R-3"'
contains "$OUT" '"status":"error"'
# R-2: extension decided after the legal end (2026-03-02) does not rescue the investigation.
expect_exit 3 "$TOOL" evaluate --as-of 2026-03-10 --format json "$DATA/cases.jsonl"
contains "$OUT" '"rule":"utredning","start":"2025-10-31","nominal":"2026-02-28","legal":"2026-03-02","done":null,"status":"overdue"'
contains "$OUT" '"forlangning_for_sent"'

# Strict policy judges by the nominal end: the decision on 2026-01-02 is late.
expect_exit 3 "$TOOL" evaluate --as-of 2026-01-05 --policy "$DATA/strict.json" --format json "$DATA/cases.jsonl"
contains "$OUT" '"done":"2026-01-02","status":"late"'
expect_exit 2 "$TOOL" evaluate --policy /nonexistent/policy.json "$DATA/cases.jsonl"

# as-of before the decision: it does not count yet.
head -n 1 "$DATA/cases.jsonl" > /tmp/ek_eval_$$.jsonl
expect_exit 0 "$TOOL" evaluate --as-of 2025-12-31 --format json /tmp/ek_eval_$$.jsonl
contains "$OUT" '"rule":"forhandsbedomning","start":"2025-12-17","nominal":"2025-12-31","legal":"2026-01-02","done":null,"status":"pending"'
# Standard input and the text form sorted by urgency (overdue first).
expect_exit 0 "$TOOL" evaluate --as-of 2026-01-20 - < /tmp/ek_eval_$$.jsonl
rm -f /tmp/ek_eval_$$.jsonl
contains "$OUT" "R-1"
first=$(printf '%s\n' "$OUT" | sed -n 2p)
contains "$first" "försenad"
contains "$first" "information_utredning"

# A missing file is reported, the other files still evaluated.
expect_exit 3 "$TOOL" evaluate --as-of 2026-01-05 --format json /nonexistent.jsonl "$DATA/cases.jsonl"
contains "$ERR" "/nonexistent.jsonl"
contains "$OUT" '"id":"R-1"'

# --explain (issue 14): every verdict with its events, period kind, the days that moved it, law and policy.
XFILE=$(mktemp "${TMPDIR:-/tmp}/ek-explain-XXXXXX.jsonl"); trap 'rm -f "$XFILE"' EXIT
printf '%s\n' '{"format":"egenkontroll/case-1","id":"X-1","events":[{"type":"anmalan_mottagen","date":"2026-12-10"},{"type":"beslut_inleda_utredning","date":"2026-12-28"}]}' > "$XFILE"
expect_exit 0 "$TOOL" evaluate --as-of 2027-01-10 --explain "$XFILE"
contains "$OUT" "förklaring: Räknas från anmalan_mottagen 2026-12-10 (händelse 0). Frist 14d, satt i lag"
contains "$OUT" "flyttad förbi julafton 2026-12-24, juldagen 2026-12-25, annandag jul 2026-12-26, söndag 2026-12-27 till 2026-12-28"
contains "$OUT" "policyparametern skyddsbedomning_marginal = 1d"
expect_exit 0 "$TOOL" evaluate --as-of 2027-01-10 --explain --format json "$XFILE"
contains "$OUT" '"explain":{"period":"14d","period_kind":"lag","start":{"event":0,"type":"anmalan_mottagen","date":"2026-12-10"},"done":{"event":1,"type":"beslut_inleda_utredning","date":"2026-12-28"},"original_nominal":"2026-12-24","moved_by":[{"date":"2026-12-24","name":"julafton"}'
contains "$OUT" '"policy":{"bedom_mot":"legal","skyddsbedomning_marginal":"1d"}'
expect_exit 2 "$TOOL" evaluate --as-of 2027-01-10 --explain --format csv "$XFILE"

# --compare-policy (issue 14, what-if): only the obligations whose status differs under the other policy.
expect_exit 0 "$TOOL" evaluate --as-of 2027-01-10 --compare-policy "$DATA/strict.json" "$XFILE"
contains "$OUT" "X-1  forhandsbedomning  start 2026-12-10: "
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] || fail "expected one change: $OUT"
expect_exit 0 "$TOOL" evaluate --as-of 2027-01-10 --compare-policy "$DATA/strict.json" --format json "$XFILE"
contains "$OUT" '{"id":"X-1","as_of":"2027-01-10","changes":[{"rule":"forhandsbedomning","seq":0,"start":"2026-12-10","before":{"status":"met","nominal":"2026-12-24","legal":"2026-12-28","judged":"2026-12-28"},"after":{"status":"late","nominal":"2026-12-24","legal":"2026-12-28","judged":"2026-12-24"}}]}'
expect_exit 2 "$TOOL" evaluate --as-of 2027-01-10 --compare-policy /nonexistent.json "$XFILE"
expect_exit 2 "$TOOL" evaluate --as-of 2027-01-10 --compare-policy "$DATA/strict.json" --format csv "$XFILE"

# --strict (issue 14): a typo in an event type or an unknown attribute key rejects the case, naming file:line, case, field.
S="${TMPDIR:-/tmp}/ek-strict-$$.jsonl"
printf '%s\n' '{"format":"egenkontroll/case-1","id":"S-1","events":[{"type":"anmalan_mottagen","date":"2026-01-05"}]}' \
  '{"format":"egenkontroll/case-1","id":"S-2","events":[{"type":"anmalan_mottagen","date":"2026-01-05"},{"type":"utrednin_inledd","date":"2026-01-10"}]}' \
  '{"format":"egenkontroll/case-1","id":"S-3","events":[{"type":"anmalan_mottagen","date":"2026-01-05","farg":"bla"}]}' > "$S"
expect_exit 0 "$TOOL" evaluate --as-of 2026-02-01 --format json "$S"
expect_exit 3 "$TOOL" evaluate --as-of 2026-02-01 --strict --format json "$S"
contains "$OUT" '{"id":"S-1","as_of":"2026-02-01"'
contains "$OUT" '{"id":"S-2","error":"unknown event type \"utrednin_inledd\" (strict input)'
contains "$ERR" "ek-strict-$$.jsonl:2: unknown event type"
contains "$ERR" "events[1].type"
contains "$ERR" "ek-strict-$$.jsonl:3: attribute \"farg\""
expect_exit 3 "$TOOL" check --as-of 2026-02-01 --strict "$S"
contains "$ERR" "check: $S:2: unknown event type"
rm -f "$S"
