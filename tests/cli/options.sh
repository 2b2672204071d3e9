# The command lines of check, evaluate, review, report and sarah (one option parser, tools/cli_util.c):
# "--name VALUE" and "--name=VALUE", repeatable options, a missing value, an unknown option, "--",
# --help anywhere, and where files may stand (before the options only for check, evaluate and review).
TOOL="$1"; . "$(dirname "$0")/lib.sh"
CASES="$(cd "$(dirname "$0")/../../examples/data" && pwd)/cases.jsonl"
SARAH="$(dirname "$0")/../../examples/data/sarah.jsonl"
POLICY="$(dirname "$0")/../data/cases/policy.json"
TMP="${TMPDIR:-/tmp}/ek_options_cli.$$"
mkdir -p "$TMP"; trap 'rm -rf "$TMP"' EXIT

for cmd in check evaluate review report sarah; do
  expect_exit 2 "$TOOL" $cmd --bogus "$CASES"
  [ "$ERR" = "egenkontroll: $cmd: okänd flagga \"--bogus\" (se egenkontroll $cmd --help)" ] || fail "$cmd: $ERR"
  expect_exit 2 "$TOOL" --lang en $cmd --bogus=1 "$CASES"
  [ "$ERR" = "egenkontroll: $cmd: unknown option \"--bogus=1\" (see egenkontroll $cmd --help)" ] || fail "$cmd: $ERR"
  expect_exit 2 "$TOOL" $cmd --as-of
  [ "$ERR" = "egenkontroll: $cmd: --as-of kräver ett värde" ] || fail "$cmd: $ERR"
  expect_exit 0 "$TOOL" $cmd --as-of 2025-06-30 -h
  contains "$OUT" "användning: egenkontroll $cmd"
  # a flag takes no value
  expect_exit 2 "$TOOL" $cmd --help=1
  contains "$ERR" "okänd flagga \"--help=1\""
done

# "--name=VALUE" is "--name VALUE", for every option with a value (here -j=N and --compare-policy=FILE too).
expect_exit 0 "$TOOL" evaluate --as-of 2025-06-30 --format json -j 2 --compare-policy "$POLICY" "$CASES"
A=$OUT
expect_exit 0 "$TOOL" evaluate --as-of=2025-06-30 --format=json -j=2 --compare-policy="$POLICY" "$CASES"
[ "$OUT" = "$A" ] || fail "evaluate: the = form gave other output"
expect_exit 2 "$TOOL" evaluate -j
[ "$ERR" = "egenkontroll: evaluate: -j kräver ett värde" ] || fail "evaluate -j: $ERR"

# check, evaluate, review: the options come before the files; after "--" every argument is a file.
expect_exit 2 "$TOOL" check "$CASES" --as-of 2025-06-30
[ "$ERR" = "egenkontroll: check: flaggor måste komma före filerna (\"--as-of\")" ] || fail "check: $ERR"
expect_exit 2 "$TOOL" --lang en evaluate "$CASES" --explain
[ "$ERR" = "egenkontroll: evaluate: options must come before the files (\"--explain\")" ] || fail "evaluate: $ERR"
# review used to read an option after the files as a file and ignore it
expect_exit 2 "$TOOL" review --as-of 2025-06-30 -o "$TMP/g.html" "$CASES" --unit "Barn och unga"
[ "$ERR" = "egenkontroll: review: flaggor måste komma före filerna (\"--unit\")" ] || fail "review: $ERR"
[ ! -e "$TMP/g.html" ] || fail "review wrote a worksheet despite the bad command line"
cp "$CASES" "$TMP/-x.jsonl"
expect_exit 0 "$TOOL" check --as-of 2025-06-30 --format json -- "$CASES"
A=$OUT
(cd "$TMP" && "$TOOL" check --as-of 2025-06-30 --format json -- "$CASES" -x.jsonl >"$TMP/two.json") \
  || fail "check -- FILE -x.jsonl: a file named -x.jsonl after -- was not read"
[ "$(wc -l <"$TMP/two.json")" -gt "$(printf '%s\n' "$A" | wc -l)" ] || fail "check -- FILE -x.jsonl: the second file was not read"

# report, sarah: files and options in any order; repeatable options keep every value.
expect_exit 0 "$TOOL" report --as-of 2025-06-30 --sarah "$SARAH" "$CASES"
A=$OUT
expect_exit 0 "$TOOL" report "$CASES" --sarah="$SARAH" --as-of=2025-06-30
[ "$OUT" = "$A" ] || fail "report: options after the files gave other output"
expect_exit 0 "$TOOL" sarah --as-of 2025-06-30 "$SARAH"
A=$OUT
expect_exit 0 "$TOOL" sarah "$SARAH" --as-of=2025-06-30
[ "$OUT" = "$A" ] || fail "sarah: an option after the file gave other output"
expect_exit 0 "$TOOL" sarah --as-of 2025-06-30 -- "$SARAH"
[ "$OUT" = "$A" ] || fail "sarah: -- before the file gave other output"
expect_exit 2 "$TOOL" sarah --format xml "$SARAH"
[ "$ERR" = "egenkontroll: sarah: okänt format \"xml\" (väntade text eller json)" ] || fail "sarah --format xml: $ERR"
