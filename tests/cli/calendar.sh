# egenkontroll calendar / deadline
TOOL="$1"; . "$(dirname "$0")/lib.sh"
TAB=$(printf '\t')

# calendar YEAR: named holidays and the three eves, in date order
expect_exit 0 "$TOOL" calendar 2026
[ "$(printf '%s\n' "$OUT" | wc -l)" = 16 ] || fail "2026 should have 16 named days: $OUT"
[ "$(printf '%s\n' "$OUT" | head -1)" = "2026-01-01${TAB}holiday${TAB}nyårsdagen" ] || fail "first line: $OUT"
contains "$OUT" "2026-06-19${TAB}eve${TAB}midsommarafton"
contains "$OUT" "2026-06-20${TAB}holiday${TAB}midsommardagen"
contains "$OUT" "2026-12-24${TAB}eve${TAB}julafton"
contains "$OUT" "2026-12-31${TAB}eve${TAB}nyårsafton"
[ "$(printf '%s\n' "$OUT" | cut -f1 | sort -c 2>&1)" = "" ] || fail "not in date order"
case "$OUT" in *trettondedagsafton*|*påskafton*|*pingstafton*) fail "eves that do not roll listed" ;; esac
expect_exit 0 "$TOOL" calendar 2004
contains "$OUT" "2004-05-31${TAB}holiday${TAB}annandag pingst"
case "$OUT" in *nationaldagen*) fail "no nationaldag holiday in 2004" ;; esac
expect_exit 0 "$TOOL" calendar 2005
contains "$OUT" "2005-06-06${TAB}holiday${TAB}nationaldagen"
case "$OUT" in *"annandag pingst"*) fail "no annandag pingst in 2005" ;; esac
expect_exit 0 "$TOOL" calendar 1953
case "$OUT" in *"${TAB}eve${TAB}"*) fail "no eve verified before SFS 1961:70: $OUT" ;; esac
# the eves of 1930:173 2 § in the wording in force: påskafton under SFS 1961:70, nyårsafton from SFS 1974:756
expect_exit 0 "$TOOL" calendar 1965
contains "$OUT" "1965-04-17${TAB}eve${TAB}påskafton"
expect_exit 0 "$TOOL" calendar 1970
case "$OUT" in *nyårsafton*) fail "nyårsafton listed in 1970: $OUT" ;; esac
expect_exit 0 "$TOOL" calendar 1975
contains "$OUT" "1975-12-31${TAB}eve${TAB}nyårsafton"
case "$OUT" in *påskafton*) fail "påskafton listed in 1975: $OUT" ;; esac
expect_exit 0 "$TOOL" calendar 2199
expect_exit 0 "$TOOL" calendar --help
contains "$OUT" "användning: egenkontroll calendar ÅR"
for bad in 1952 2200 20x6 "" -2026 ; do
  expect_exit 2 "$TOOL" calendar "$bad"
  contains "$ERR" "\"$bad\""
  [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "error is not one line: $ERR"
done
expect_exit 2 "$TOOL" calendar
expect_exit 2 "$TOOL" calendar 2026 2027
contains "$ERR" '"2027"'

# deadline START PERIOD: the hand-checked examples of DOMAIN.md §3
check() {
  expect_exit 0 "$TOOL" deadline "$1" "$2"
  [ "$OUT" = "nominal${TAB}$3
legal${TAB}$4" ] || fail "deadline $1 $2: got $OUT"
  expect_exit 0 "$TOOL" deadline "$1" "$2" --format json
  contains "$OUT" "\"start\": \"$1\""
  contains "$OUT" "\"period\": \"$2\""
  contains "$OUT" "\"nominal\": \"$3\""
  contains "$OUT" "\"legal\": \"$4\""
}
check 2025-12-17 14d 2025-12-31 2026-01-02
check 2026-06-05 14d 2026-06-19 2026-06-22
check 2026-12-10 14d 2026-12-24 2026-12-28
check 2025-10-31 4m 2026-02-28 2026-03-02
check 2026-08-31 4m 2026-12-31 2027-01-04
check 2026-02-20 4m 2026-06-20 2026-06-22
check 2024-02-29 1y 2025-02-28 2025-02-28
check 2026-12-23 1wd 2026-12-28 2026-12-28
check 2026-01-01 1w 2026-01-08 2026-01-08
expect_exit 0 "$TOOL" deadline --format=json 2026-12-21 10wd
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] || fail "json is not one line"
if command -v python3 >/dev/null 2>&1; then
  printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["nominal"]==d["legal"]=="2027-01-11", d' \
    || fail "json: $OUT"
fi
expect_exit 0 "$TOOL" deadline --help
contains "$OUT" "användning: egenkontroll deadline START PERIOD"

# bad arguments: one line naming the value, exit 2
bad() { expect_exit 2 "$TOOL" deadline "$@"; [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "not one line: $ERR"; }
bad 2026-02-29 4m;       contains "$ERR" '"2026-02-29"'
bad 2025-13-01 4m;       contains "$ERR" '"2025-13-01"'
bad 2026-01-01x 4m;      contains "$ERR" 'position 11'; lacks "$ERR" '2026-01-01x'  # never the value (issue 18)
bad 1952-12-31 1d;       contains "$ERR" '"1952-12-31"'
bad 2026-01-01 4x;       contains "$ERR" '"4x"'
bad 2026-01-01 -4m;      contains "$ERR" '"-4m"'
bad 2026-01-01 100001d;  contains "$ERR" '100001d'
bad 2026-01-01 4m --format xml; contains "$ERR" '"xml"'
bad 2026-01-01 4m extra; contains "$ERR" '"extra"'
bad 2026-01-01;          contains "$ERR" "START och PERIOD"
bad 2199-12-01 1m;       contains "$ERR" "2199-12-31"
bad 2026-01-01 4m --format
exit 0
