TOOL="$1"; . "$(dirname "$0")/lib.sh"
# Issue 19, point 3: one error model.  A rejected case line names its place (file:line:column), its
# case id and its field exactly once, in Swedish (the default) and in English, and costs nothing
# around it.  (The place used to be formatted into the message and cut out again by looking for the
# English " (case ", so Swedish messages carried it twice.)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
{
  printf '{"format": "egenkontroll/case-1", "id": "E-1", "events": [{"type": "utredning_forlangd", "date": "2026-01-10"}]}\n'
  printf '{"format": "egenkontroll/case-1", "id": "OK-1", "events": [{"type": "anmalan_mottagen", "date": "2026-01-05"}]}\n'
  printf '{"format": "egenkontroll/case-1", "id": "E-3", "events": [{"type": "utredning_avslutad", "date": "2026-01-10", "utfall": "kanske"}]}\n'
  printf '{"format": "egenkontroll/case-1", "id": "E-4", "events": [{"type": "anmalan_mottagen", "date": "2026-02-30"}]}\n'
} > "$T/bad.jsonl"

# once HAYSTACK NEEDLE: NEEDLE occurs exactly once
once() {
  n=$(printf '%s\n' "$1" | grep -o -F -- "$2" | wc -l)
  [ "$n" -eq 1 ] || fail "expected \"$2\" exactly once, found $n times in: $1"
}
# line_of HAYSTACK NEEDLE: the one line of HAYSTACK that contains NEEDLE
line_of() { printf '%s\n' "$1" | grep -F -- "$2" || fail "no line with \"$2\" in: $1"; }

for lang in sv en; do
  if [ "$lang" = sv ]; then CASE=ärende FIELD=fält; else CASE=case FIELD=field; fi
  for cmd in evaluate check report; do
    expect_exit 3 "$TOOL" --lang "$lang" "$cmd" --as-of 2026-03-01 "$T/bad.jsonl"
    L=$(line_of "$ERR" "bad.jsonl:1:")
    contains "$L" "bad.jsonl:1:59: "
    once "$L" "E-1"
    once "$L" "$CASE E-1, $FIELD events[0].ny_slutdag"
    once "$L" "events[0].ny_slutdag"
    L=$(line_of "$ERR" "bad.jsonl:3:")
    once "$L" "bad.jsonl:3:"
    once "$L" "$CASE E-3, $FIELD events[0].utfall"
    once "$L" "E-3"
    L=$(line_of "$ERR" "bad.jsonl:4:")
    once "$L" "bad.jsonl:4:96: "
    once "$L" "$CASE E-4, $FIELD events[0].date"
    lacks "$ERR" "OK-1"
  done
  expect_exit 3 "$TOOL" --lang "$lang" evaluate --as-of 2026-03-01 --format json "$T/bad.jsonl"
  contains "$OUT" '"id":"OK-1"'
done
