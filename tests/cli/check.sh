TOOL="$1"; . "$(dirname "$0")/lib.sh"
DATA="$(dirname "$0")/../data/checklist"
TMP="${TMPDIR:-/tmp}/ek_check_cli.$$"
mkdir -p "$TMP"; trap 'rm -rf "$TMP"' EXIT

expect_exit 0 "$TOOL" check --help
contains "$OUT" "användning: egenkontroll check"   # Swedish by default (tests/cli/i18n.sh)
expect_exit 2 "$TOOL" check
expect_exit 2 "$TOOL" check --format xml "$DATA/items.jsonl"
expect_exit 2 "$TOOL" check --as-of 2026-02-30 "$DATA/items.jsonl"
expect_exit 2 "$TOOL" check --bogus "$DATA/items.jsonl"
expect_exit 2 "$TOOL" check --seed 4 "$DATA/items.jsonl"
expect_exit 2 "$TOOL" check --sample 0 "$DATA/items.jsonl"
expect_exit 2 "$TOOL" check --sample 3 -
expect_exit 2 "$TOOL" check --sample-period week --sample 2 "$DATA/items.jsonl"

# The built-in checklist prints as checklist-1 JSON and loads back as a file.
expect_exit 0 "$TOOL" check --print-checklist
contains "$OUT" '"format": "egenkontroll/checklist-1"'
printf '%s\n' "$OUT" > "$TMP/builtin.json"
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --checklist "$TMP/builtin.json" "$DATA/items.jsonl"

# Text: failures first, Swedish messages, the basis of the day; a summary table with rates.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 "$DATA/items.jsonl"
contains "$OUT" "A1-FAIL (Barn och unga)  (per 2026-03-01: 2 brister, 0 ej bedömda)"
contains "$OUT" "  A1   BRIST         Skyddsbedömningen gjordes inte i tid: skyddsbedomning: fristen gick ut 2025-09-02 men fullgjordes först 2025-09-05. [SoL (2025:400) 20 kap. 1 §]"
contains "$OUT" "  D1   för kännedom  För kännedom (rättsfrågan är öppen)"
contains "$OUT" "  D1   BRIST         Brist i familjehemsutredningen: familjehemmet är inte utrett med registerkontroll av den egna nämnden före placeringen (placering 2024-03-01). [SoL (2001:453) 6 kap. 6 §; JO 3728-2016; SOSFS 2012:11]"
contains "$OUT" "  A4   ej bedömd     Inte granskad: punkten kräver granskarens bedömning: granskarens bedömning av A4 saknas."
contains "$OUT" "Sammanställning: 61 ärenden (checklista egenkontroll-sol 2026.1)"
contains "$OUT" "  E1          0      0       0         0        0         0     0       0         0       -  (lex Sarah-rapporter: ange --sarah FILE)"
contains "$OUT" "  F1          1      0       0         0        0         1"
# failures are listed before passes within a case
printf '%s\n' "$OUT" | awk '/^B1-PASS/{p=1;next} p&&/^$/{exit} p' > "$TMP/b1"
first=$(head -1 "$TMP/b1"); contains "$first" "ej bedömd"

# JSON Lines: one object per case, then the summary line.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --format json "$DATA/items.jsonl"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 62 ] || fail "expected 61 cases and a summary line"
contains "$OUT" '{"id": "A2-UNDANTAG", "unit": "Barn och unga", "as_of": "2026-03-01", "results": [{"item": "A1"'
contains "$OUT" '{"item": "A2", "result": "pass", "message": "Uppfylld genom dokumenterat undantag'
contains "$OUT" '"flags": ["undantag"]'
contains "$OUT" '{"event": 0, "type": "familjehemsutredning_klar", "date": "2025-08-01"}'
contains "$OUT" '{"summary": {"items": [{"item": "A1", "total": 61'

# C1 with a delegation order.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --delegation "$DATA/delegation.json" --format json "$DATA/items.jsonl"
contains "$OUT" '{"item": "C1", "result": "pass", "message": "Besluten fattade enligt delegationsordningen."'
contains "$OUT" '{"item": "C1", "result": "notchecked", "message": "Delegationen är inte kontrollerad: beslut att inte inleda utredning 2025-09-25: beslutstypen finns inte i delegationsordningen."'

# A municipality's own item, extending the built-in checklist.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --checklist "$DATA/local-checklist.json" "$DATA/items.jsonl"
contains "$OUT" "  X1   BRIST         Inget enskilt samtal: inget enskilt samtal med barnet under utredningen. [Lokal rutin 2026:1]"
contains "$OUT" "(checklista exempelby 2026.1+exempelby-1)"

# Rejected checklist and delegation files name the place; exit 2.
expect_exit 2 "$TOOL" check --checklist "$DATA/bad-checklist.json" "$DATA/items.jsonl"
contains "$ERR" 'bad-checklist.json:5:26: okänt predikat "evnt"'   # Swedish by default (tests/cli/i18n.sh)
contains "$ERR" "X1"; contains "$ERR" "items[0].criterion.evnt)"
printf '{"format": "egenkontroll/delegation-1", "beslut": {"beslut_vard": "utskott"}}\n' > "$TMP/d.json"
expect_exit 2 "$TOOL" check --delegation "$TMP/d.json" "$DATA/items.jsonl"
contains "$ERR" "d.json:1:67: fel typ: rollerna för \"beslut_vard\" måste vara en vektor av strängar"

# A rejected case: exit 3, the others are still audited.
expect_exit 3 "$TOOL" check --as-of 2026-03-01 --format json "$DATA/mixed.jsonl"
contains "$ERR" "mixed.jsonl:4:"
contains "$OUT" '{"id": "BAD-1", "error": '
contains "$OUT" '{"id": "A2-PASS"'
expect_exit 3 "$TOOL" check --as-of 2026-03-01 "$DATA/mixed.jsonl" "$TMP/missing.jsonl"
contains "$ERR" "missing.jsonl"
contains "$OUT" "Sammanställning: 5 ärenden, 1 avvisade"

# Sampling is reproducible: the same seed gives the same cases, another seed (usually) others.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --sample 5 --seed 42 --sample-period all --format json "$DATA/items.jsonl"
printf '%s\n' "$OUT" | grep -o '^{"id": "[^"]*"' > "$TMP/s1"
[ "$(wc -l < "$TMP/s1")" = 5 ] || fail "sample of 5 per unit expected"
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --sample 5 --seed 42 --sample-period all --format json "$DATA/items.jsonl"
printf '%s\n' "$OUT" | grep -o '^{"id": "[^"]*"' > "$TMP/s2"
cmp -s "$TMP/s1" "$TMP/s2" || fail "same seed, different sample"
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --sample 5 --seed 43 --sample-period all --format json "$DATA/items.jsonl"
printf '%s\n' "$OUT" | grep -o '^{"id": "[^"]*"' > "$TMP/s3"
cmp -s "$TMP/s1" "$TMP/s3" && fail "seeds 42 and 43 gave the same sample"

# The run record (F1).
# F1 passes only when the follow-up actions are documented: a record without --action leaves F1 notchecked.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --sample 5 --seed 42 --sample-period all --record "$TMP/run0.json" --reviewer kvalitetscontroller "$DATA/items.jsonl"
contains "$OUT" "(denna körning: åtgärderna saknas, ange --action TEXT)"
contains "$(cat "$TMP/run0.json")" '"atgarder": []}'
[ "$(printf '%s\n' "$OUT" | awk '$1 == "F1" { print $5 "/" $7 }')" = "0/1" ] || fail "F1 should be notchecked without actions"
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --sample 5 --seed 42 --sample-period all --record "$TMP/run.json" --reviewer kvalitetscontroller --action "Rutin för barnsamtal ses över" --action 'Uppföljning "om ett halvår"' "$DATA/items.jsonl"
contains "$OUT" "(denna körning är dokumenterad)"
contains "$(cat "$TMP/run.json")" '"atgarder": [{"beskrivning": "Rutin för barnsamtal ses över"}, {"beskrivning": "Uppföljning \"om ett halvår\""}]}'
expect_exit 2 "$TOOL" check --as-of 2026-03-01 --action "x" "$DATA/items.jsonl"
REC=$(cat "$TMP/run.json")
contains "$REC" '"format": "egenkontroll/run-1"'
contains "$REC" '"vem": "kvalitetscontroller"'
contains "$REC" '"checklista": {"id": "egenkontroll-sol", "version": "2026.1"'
contains "$REC" '"urval": {"n": 5, "seed": 42, "period": "all"'
contains "$REC" '"granskade": 5, "avvisade": 0'
contains "$REC" '"fall": ['
for id in $(sed 's/^{"id": "//; s/"$//' "$TMP/s1"); do contains "$REC" "\"$id\""; done
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/run.json" || fail "run record is not JSON"
fi
# The record is written by the library (ek_run_record_write_file) and carries the sha256 of every file it
# names, equal to sha256sum's; the answer files are listed ("svar") and checksummed too.
if command -v sha256sum >/dev/null 2>&1; then
  contains "$REC" "\"sha256\": {\"$DATA/items.jsonl\": \"$(sha256sum < "$DATA/items.jsonl" | cut -d' ' -f1)\"}"
  printf '{"format": "egenkontroll/granskning-1", "id": "A4-EJBEDOMD", "item": "A4", "result": "pass", "comment": "ok", "reviewer": "kvalitetscontroller", "date": "2026-02-01"}\n' > "$TMP/svar.jsonl"
  expect_exit 0 "$TOOL" check --as-of 2026-03-01 --record "$TMP/run2.json" --answers "$TMP/svar.jsonl" --checklist "$TMP/builtin.json" "$DATA/items.jsonl"
  REC2=$(cat "$TMP/run2.json")
  contains "$REC2" "\"svar\": [\"$TMP/svar.jsonl\"]"
  contains "$REC2" "\"urval\": null"
  for f in "$DATA/items.jsonl" "$TMP/svar.jsonl" "$TMP/builtin.json"; do
    contains "$REC2" "\"$f\": \"$(sha256sum < "$f" | cut -d' ' -f1)\""
  done
fi
# A blank action documents nothing: F1 stays notchecked.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --record "$TMP/run3.json" --action "  " "$DATA/items.jsonl"
[ "$(printf '%s\n' "$OUT" | awk '$1 == "F1" { print $5 "/" $7 }')" = "0/1" ] || fail "F1 should be notchecked with a blank action"
# A record that cannot be written: exit 4 naming the file.
expect_exit 4 "$TOOL" check --as-of 2026-03-01 --record "$TMP/no/such/dir/run.json" --action x "$DATA/items.jsonl"
contains "$ERR" "no/such/dir/run.json"
# Standard input has no checksum (it cannot be read again): null.
expect_exit 0 sh -c "\"\$1\" check --as-of 2026-03-01 --record \"\$2\" - < \"\$3\"" sh "$TOOL" "$TMP/run4.json" "$DATA/items.jsonl"
contains "$(cat "$TMP/run4.json")" '"sha256": {"-": null}'
# A rejected case in --format json: the library's error line (id, error, status, source, line, column, field).
expect_exit 3 "$TOOL" check --as-of 2026-03-01 --format json "$DATA/mixed.jsonl"
contains "$OUT" '{"id": "BAD-1", "error": '
contains "$OUT" '"status": "'
contains "$OUT" "\"source\": \"$DATA/mixed.jsonl\", \"line\": 4, \"column\": "
