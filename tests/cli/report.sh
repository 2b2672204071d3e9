# egenkontroll report: text, JSON, CSV, the period, the sample, rejected input, exit statuses.
TOOL="$1"; . "$(dirname "$0")/lib.sh"
DATA="$(dirname "$0")/../data/report"
ARGS="--as-of 2025-06-01 --from 2025-01-01 --to 2025-12-31 --delegation $DATA/delegation.json --sarah $DATA/sarah.jsonl"

expect_exit 0 "$TOOL" report --help
contains "$OUT" "--from DATUM"   # Swedish by default (tests/cli/i18n.sh)
contains "$OUT" "--format csv"
expect_exit 2 "$TOOL" report
expect_exit 2 "$TOOL" report --format xml "$DATA/cases.jsonl"
expect_exit 2 "$TOOL" report --from 2025-02-30 "$DATA/cases.jsonl"
contains "$ERR" "2025-02-30"
expect_exit 2 "$TOOL" report --from 2025-12-01 --to 2025-01-01 "$DATA/cases.jsonl"
expect_exit 2 "$TOOL" report --sample 0 "$DATA/cases.jsonl"
expect_exit 2 "$TOOL" report --seed 3 "$DATA/cases.jsonl"
expect_exit 2 "$TOOL" report --delegation /nonexistent.json "$DATA/cases.jsonl"
expect_exit 2 "$TOOL" report --bogus "$DATA/cases.jsonl"

# Text: the hand-checked figures (see tests/data/report/cases.jsonl).  T-3 (2024) is outside the
# period, BAD-1 is rejected (exit 3, the others counted, the number in the report).
expect_exit 3 "$TOOL" report $ARGS "$DATA/cases.jsonl"
contains "$ERR" "BAD-1"
contains "$ERR" "2025-02-29"
contains "$OUT" "Underlag:    3 ärenden lästa, 2 i perioden; 1 avvisade"
contains "$OUT" "Lex Sarah:   2 avvikelser lästa, 1 i perioden; 0 avvisade"
# every item is named, with its rate
for item in A1 A2 A3 A4 A5 B1 B2 B3 B4 B5 B6 B7 C1 C2 C3 D1 D2 D3 D4 D5 D6 D7 D8 D9 D10 E1 E2 F1 F4; do
  printf '%s\n' "$OUT" | grep -q "^$item " || fail "item $item missing from the text report"
done
printf '%s\n' "$OUT" | grep -q '^A1 .* 2 .* 1 .* 1 .*50,0 %$' || fail "A1 row: $(printf '%s\n' "$OUT" | grep '^A1 ')"
printf '%s\n' "$OUT" | grep -q '^C1 .* 1 .* 0 .* 1 .*0,0 %$' || fail "C1 row"
# skyddsbedomning: T-1 met, T-2 4 days late (judged end 2025-03-06, done 2025-03-10)
printf '%s\n' "$OUT" | grep -q '^skyddsbedomning  *2  *1  *1  *0  *0  *0  *50,0 %  *4  *0  *0$' \
  || fail "skyddsbedomning row: $(printf '%s\n' "$OUT" | grep '^skyddsbedomning')"
# forhandsbedomning of T-2: legal end Wednesday 2025-03-19, 74 days overdue on 2025-06-01
contains "$OUT" "5. Försenade frister att åtgärda (1)"
printf '%s\n' "$OUT" | grep -q '^T-2  *Söder  *forhandsbedomning  *2025-03-19  *74$' || fail "overdue row"
contains "$OUT" "4. Lex Sarah-registret"
contains "$OUT" "1 avvikelser i perioden"
case "$OUT" in *T-3*) fail "T-3 is outside the period" ;; esac

# JSON: the same figures.
expect_exit 3 "$TOOL" report $ARGS --format json "$DATA/cases.jsonl"
contains "$OUT" '"format": "egenkontroll/report-1"'
contains "$OUT" '"cases_rejected": 1'
contains "$OUT" '"days_overdue": 74'
contains "$OUT" '"case": "T-2"'
printf '%s\n' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
d = {x["rule"]: x["counts"] for x in r["deadlines"]}
assert d["skyddsbedomning"]["met"] == 1 and d["skyddsbedomning"]["late"] == 1, d["skyddsbedomning"]
assert d["skyddsbedomning"]["late_median_days"] == 4 and d["skyddsbedomning"]["on_time_rate"] == 0.5
assert d["forhandsbedomning"]["overdue"] == 1 and d["forhandsbedomning"]["open"] == 1
i = {x["id"]: x for x in r["items"]}
assert i["A1"]["counts"]["denominator"] == 2 and i["A1"]["counts"]["rate"] == 0.5
assert i["A1"]["by_unit"]["Norr"]["numerator"] == 1 and i["A1"]["by_unit"]["Söder"]["failed"] == 1
assert r["units"] == ["Norr", "Söder"], r["units"]
assert r["input"]["rejected"][0]["id"] == "BAD-1"
assert r["sarah"]["records"] == 1, r["sarah"]
' || fail "JSON figures"

# A full disk: the JSON is written in pieces; the first failed write stops it with the reason (exit 4).
expect_exit 4 sh -c '"$0" "$@" > /dev/full' "$TOOL" --lang en report $ARGS --format json "$DATA/cases.jsonl"
contains "$ERR" "report: error writing the output: No space left on device"
expect_exit 4 "$TOOL" --lang en report $ARGS --format json -o /dev/full "$DATA/cases.jsonl"
contains "$ERR" "report: error writing the output: No space left on device"
expect_exit 4 sh -c '"$0" "$@" > /dev/full' "$TOOL" report $ARGS --format json "$DATA/cases.jsonl"
contains "$ERR" "report: fel när utdata skrevs: "
# The CSV too is written in pieces (ek_report_write_csv_sink()), and stops alike.
expect_exit 4 "$TOOL" --lang en report $ARGS --format csv -o /dev/full "$DATA/cases.jsonl"
contains "$ERR" "report: error writing the output: No space left on device"

# CSV: long format with a header.
expect_exit 3 "$TOOL" report $ARGS --format csv "$DATA/cases.jsonl"
[ "$(printf '%s\n' "$OUT" | head -n 1 | tr -d '\r')" = "section,unit,id,title,measure,value" ] || fail "CSV header"
contains "$OUT" "item,,A1,Skyddsbedömning samma dag som anmälan,rate,0.5"
contains "$OUT" "deadline,,skyddsbedomning,"
contains "$OUT" "overdue,Söder,T-2,forhandsbedomning,days_overdue,74"
contains "$OUT" "input,,,,cases_rejected,1"

# Without the bad line: exit 0.  Standard input works.  Without a period T-3 counts too.
grep -v BAD- "$DATA/cases.jsonl" > /tmp/ek_report_$$.jsonl
expect_exit 0 "$TOOL" report --as-of 2025-06-01 - < /tmp/ek_report_$$.jsonl
contains "$OUT" "3 ärenden lästa, 3 i perioden; 0 avvisade"
contains "$OUT" "inget register angivet"
# The sample: at most one case per unit and year for the checklist (as check --sample: T-2 and T-3 are both
# Söder, 2025 and 2024); deadlines stay complete.
expect_exit 0 "$TOOL" report --as-of 2025-06-01 --sample 1 --seed 7 --format json /tmp/ek_report_$$.jsonl
contains "$OUT" '"cases_checked": 3'
contains "$OUT" '"period": "year"'
expect_exit 0 "$TOOL" report --as-of 2025-06-01 --sample 1 --seed 7 --sample-period all --format json \
  /tmp/ek_report_$$.jsonl
contains "$OUT" '"cases_checked": 2'
contains "$OUT" '"per_unit": 1'
printf '%s\n' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert {x["rule"]: x["counts"] for x in r["deadlines"]}["skyddsbedomning"]["obligations"] == 3
' || fail "sample must not thin the deadline statistics"
expect_exit 2 "$TOOL" report --sample 1 --sample-period week /tmp/ek_report_$$.jsonl
contains "$ERR" "week"
expect_exit 2 "$TOOL" report --sample-period all /tmp/ek_report_$$.jsonl
rm -f /tmp/ek_report_$$.jsonl
# A file that cannot be opened is rejected, the rest counted.
expect_exit 3 "$TOOL" report --as-of 2025-06-01 /nonexistent.jsonl "$DATA/cases.jsonl"
contains "$ERR" "nonexistent"
echo "report: ok"
