TOOL="$1"; . "$(dirname "$0")/lib.sh"
expect_exit 0 "$TOOL" --version
contains "$OUT" "egenkontroll 0."
expect_exit 2 "$TOOL"
expect_exit 2 "$TOOL" nosuchcommand
contains "$ERR" 'okänt kommando "nosuchcommand"'   # Swedish by default (tests/cli/i18n.sh)
[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "error is not one line"
expect_exit 0 "$TOOL" policy
contains "$OUT" "besok_intervall	3m	R	"
contains "$OUT" "bedom_mot	legal	R	"
expect_exit 2 "$TOOL" policy extra
