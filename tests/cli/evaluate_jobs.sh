# egenkontroll evaluate --jobs N: byte for byte the output, messages and exit status of --jobs 1,
# on the demo data and on a file with malformed lines, duplicate ids, blank and CRLF lines.
TOOL="$1"; . "$(dirname "$0")/lib.sh"
ROOT="$(dirname "$0")/../.."
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# A mixed file: good cases from the demo data (several batches' worth), with bad lines between them.
head -n 700 "$ROOT/examples/data/cases.jsonl" > "$T/mixed.jsonl"
{
  printf '\n   \n{"id":"BAD-1","events":[{"type":"anmalan_mottagen","date":"2025-02-30"}]}\n'
  printf 'not json at all\n'
  printf '[1,2,3]\n'
  sed -n 3p "$ROOT/examples/data/cases.jsonl"                         # a duplicate id
  printf '{"id":"CRLF-1","events":[{"type":"anmalan_mottagen","date":"2025-03-03"}]}\r\n'
  printf '{"id":"CRLF-1","events":[{"type":"anmalan_mottagen","date":"2025-99-03"}]}\n'  # duplicate that is also bad
  printf '{"events":[]}\n'
  printf '{"id":"X","events":[{"type":"anmalan_mottagen","date":"2025-03-03"}]}\n'
  printf '{"id":"X","events":[{"type":"anmalan_mottagen","date":"2025-03-03"}]}\n'
  head -n 300 "$ROOT/examples/data/cases.jsonl" | tail -n 50                        # all duplicates
  printf '{"id":"LAST","events":[{"type":"anmalan_mottagen","date":"2025-03-03"}]}'  # no final newline
} >> "$T/mixed.jsonl"

for f in "$ROOT/examples/data/cases.jsonl" "$T/mixed.jsonl"; do
  for fmt in json text; do
    for lang in sv en; do
      set +e
      "$TOOL" --lang $lang evaluate --as-of 2026-06-30 --format $fmt "$f" > "$T/one.out" 2> "$T/one.err"; one=$?
      for j in 2 3 0; do
        "$TOOL" --lang $lang evaluate --jobs $j --as-of 2026-06-30 --format $fmt "$f" > "$T/par.out" 2> "$T/par.err"; par=$?
        [ "$par" = "$one" ] || fail "--jobs $j exit $par, --jobs 1 exit $one ($f $fmt $lang)"
        cmp -s "$T/one.out" "$T/par.out" || fail "--jobs $j output differs from --jobs 1 ($f $fmt $lang)"
        cmp -s "$T/one.err" "$T/par.err" || fail "--jobs $j messages differ from --jobs 1 ($f $fmt $lang)"
      done
      set -e
    done
  done
done
# The mixed file really exercises the rejections (duplicate ids with their line numbers) and standard input.
expect_exit 3 "$TOOL" --lang en evaluate --jobs 2 --as-of 2026-06-30 --format json - < "$T/mixed.jsonl"
contains "$ERR" "<stdin>:704:"
contains "$ERR" "appears earlier"
contains "$OUT" '"id":"LAST"'
expect_exit 2 "$TOOL" evaluate --jobs -1 "$T/mixed.jsonl"
expect_exit 2 "$TOOL" evaluate --jobs x "$T/mixed.jsonl"
