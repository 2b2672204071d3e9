# egenkontroll review: the reviewer's worksheet (one offline HTML page).
TOOL="$1"; . "$(dirname "$0")/lib.sh"
DATA="$(dirname "$0")/../data"
DEMO="$(dirname "$0")/../../examples/data/cases.jsonl"
TMP="${TMPDIR:-/tmp}/ek_review_cli.$$"
mkdir -p "$TMP"; trap 'rm -rf "$TMP"' EXIT

expect_exit 0 "$TOOL" review --help
contains "$OUT" "användning: egenkontroll review"
expect_exit 0 "$TOOL" --lang en review --help
contains "$OUT" "usage: egenkontroll review"
expect_exit 2 "$TOOL" review -o "$TMP/g.html" "$DEMO"              # no --as-of
expect_exit 2 "$TOOL" review --as-of 2026-03-01 "$DEMO"            # no -o
expect_exit 2 "$TOOL" review --as-of 2026-03-01 -o "$TMP/g.html" --seed 3 "$DEMO"
expect_exit 2 "$TOOL" review --as-of 2026-03-01 -o "$TMP/g.html" --sample 2 -
expect_exit 2 "$TOOL" review --as-of 2026-03-01 -o "$TMP/g.html" --from 2026-01-02 --to 2026-01-01 "$DEMO"
expect_exit 2 "$TOOL" review --as-of 2026-03-01 -o "$TMP/g.html" --format pdf "$DEMO"
contains "$ERR" "--format måste vara html eller xlsx"
# -o FILE.xlsx gives the workbook without --format (a zip archive: "PK") unless built without libxlsxwriter.
set +e; "$TOOL" review --as-of 2026-03-01 -o "$TMP/w.xlsx" "$DATA/checklist/items.jsonl" >/dev/null 2>"$TMP/w.err"; rc=$?; set -e
if ! grep -q "without libxlsxwriter" "$TMP/w.err"; then
  [ "$rc" = 0 ] || fail "review -o w.xlsx exited $rc: $(cat "$TMP/w.err")"
  [ "$(head -c 2 "$TMP/w.xlsx")" = "PK" ] || fail "review -o w.xlsx did not write a workbook"
fi

ids_of_page() { python3 -c "
import json, sys
s = open(sys.argv[1], encoding='utf-8').read()
a = s.index('id=\"ek-data\">') + len('id=\"ek-data\">')
d = json.loads(s[a:s.index('</script>', a)])
print(' '.join(sorted(c['case']['id'] for c in d['cases'])))" "$1"; }
ids_of_check() { printf '%s\n' "$1" | python3 -c "
import json, sys
print(' '.join(sorted(json.loads(l)['id'] for l in sys.stdin if l.startswith('{\"id'))))"; }

# The same sample as check for the same seed and options (one implementation: ek_sample_group + ek_sample_select).
expect_exit 0 "$TOOL" review --as-of 2026-03-01 --sample 2 --seed 7 -o "$TMP/g.html" "$DEMO"
page=$(ids_of_page "$TMP/g.html")
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --sample 2 --seed 7 --format json "$DEMO"
[ "$page" = "$(ids_of_check "$OUT")" ] || fail "review and check drew different samples"
expect_exit 0 "$TOOL" review --as-of 2026-03-01 --sample 1 --seed 7 --sample-period all -o "$TMP/g.html" "$DEMO"
page=$(ids_of_page "$TMP/g.html")
expect_exit 0 "$TOOL" check --as-of 2026-03-01 --sample 1 --seed 7 --sample-period all --format json "$DEMO"
[ "$page" = "$(ids_of_check "$OUT")" ] || fail "review and check drew different samples (period all)"

# --unit and --from/--to restrict the population before sampling.
expect_exit 0 "$TOOL" review --as-of 2026-03-01 --unit "Barn och unga Norr" --from 2025-01-01 --to 2025-03-31 \
  -o "$TMP/u.html" "$DEMO"
python3 - "$TMP/u.html" "$DEMO" <<'PY'
import json, sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.index('id="ek-data">') + len('id="ek-data">')
d = json.loads(s[a:s.index("</script>", a)])
want = []
for line in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(line)
    first = min(e["date"] for e in c["events"]) if c["events"] else None
    if c.get("unit") == "Barn och unga Norr" and first and "2025-01-01" <= first <= "2025-03-31":
        want.append(c["id"])
got = [c["case"]["id"] for c in d["cases"]]
assert sorted(got) == sorted(want) and got, (len(got), len(want))
PY

# Self-contained and safe: no network, and a hostile id cannot end the script element.
expect_exit 0 "$TOOL" review --as-of 2026-03-01 -o "$TMP/g.html" "$DATA/checklist/items.jsonl"
if grep -q 'src="http\|href="http\|https://' "$TMP/g.html"; then fail "the page refers to the network"; fi
printf '%s\n' '{"format": "egenkontroll/case-1", "id": "X</script><script>alert(1)</script>", "unit": "<b>U</b>", "events": [{"type": "anmalan_mottagen", "date": "2025-09-01", "avser_vald": true}]}' > "$TMP/hostile.jsonl"
expect_exit 0 "$TOOL" review --as-of 2026-03-01 -o "$TMP/h.html" "$TMP/hostile.jsonl"
n=$(grep -c '</script>' "$TMP/h.html")
[ "$n" = 3 ] || fail "expected the page's own 3 </script>, found $n"
contains "$(cat "$TMP/h.html")" 'X\u003c/script>\u003cscript>alert(1)\u003c/script>'
# English page.
expect_exit 0 "$TOOL" --lang en review --as-of 2026-03-01 -o "$TMP/e.html" "$DATA/checklist/items.jsonl"
contains "$(head -c 200 "$TMP/e.html")" '<html lang="en">'
# Answers given before fill the forms; a bad one is reported with file and line.
expect_exit 3 "$TOOL" review --as-of 2026-03-01 -o "$TMP/g.html" --answers "$DATA/answers/svar-bad.jsonl" \
  "$DATA/checklist/items.jsonl"
contains "$ERR" 'svar-bad.jsonl:2:'
contains "$(cat "$TMP/g.html")" '"prefill": "{\"format\": \"egenkontroll/granskning-1\"'
