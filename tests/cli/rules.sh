# egenkontroll rules: the rulebook as the engine reads it (versions, periods and their kind).
TOOL="$1"; . "$(dirname "$0")/lib.sh"
expect_exit 0 "$TOOL" rules --help
contains "$OUT" "faststalld_dag"
expect_exit 0 "$TOOL" rules
contains "$OUT" "skyddsbedomning	2025-07-01	-	policy:skyddsbedomning_marginal	policy	V	SoL (2025:400) 20 kap. 1 §"
contains "$OUT" "forhandsbedomning	2025-07-01	-	14d	lag	V	SoL (2025:400) 20 kap. 2 §"
contains "$OUT" "ivo_forelaggande	-	-	dag i beslutet	faststalld_dag	V	IVO:s beslut (föreläggande)"
contains "$OUT" "vardnadsoverflyttning	2022-07-01	2025-06-30	2y+1y	lag	V	SoL (2001:453) 6 kap. 8 b §"
# one line per version of every rule (22 rules) and of every lex Sarah limit (5)
[ "$(printf '%s\n' "$OUT" | cut -f1 | sort -u | wc -l)" = 27 ] || fail "expected 22 rules and 5 lex Sarah limits"
contains "$OUT" "sarah_registrering	2025-07-01	-	policy:sarah_registrering	policy	"
contains "$OUT" "sarah_atgard	2025-07-01	-	dag i beslutet	faststalld_dag	V	"
expect_exit 0 "$TOOL" rules --format md
contains "$OUT" '| `utredning` | single | 2025-07-01 | - | 4m | lag | V | SoL (2025:400) 20 kap. 3 § |'
expect_exit 2 "$TOOL" rules --format xml
expect_exit 2 "$TOOL" rules extra
