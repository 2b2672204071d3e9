TOOL="$1"; . "$(dirname "$0")/lib.sh"
DATA="$(dirname "$0")/../data/sarah"
DEMO="$(dirname "$0")/../../examples/data/sarah-demo.jsonl"

expect_exit 0 "$TOOL" sarah --help
contains "$OUT" "användning: egenkontroll sarah"   # Swedish by default (tests/cli/i18n.sh)
expect_exit 2 "$TOOL" sarah
expect_exit 2 "$TOOL" sarah --as-of 2025-02-30 "$DEMO"
expect_exit 2 "$TOOL" sarah --format xml "$DEMO"
expect_exit 2 "$TOOL" sarah --bogus "$DEMO"

# The demo register is valid: exit 0, every record and a summary.
expect_exit 0 "$TOOL" sarah --as-of 2026-01-15 "$DEMO"
contains "$OUT" "LS-2025-001  anmald_ivo"
contains "$OUT" "sarah_utredning_till_ivo   brist"   # result words in Swedish (codes in JSON)
contains "$OUT" "Sammanfattning: 8 avvikelser, 0 avvisade"
expect_exit 0 "$TOOL" sarah --as-of 2026-01-15 --format json "$DEMO"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 9 ] || fail "expected 8 records and a summary line"
contains "$OUT" '{"id": "LS-2025-004", "state": "avslutad", "as_of": "2026-01-15", "results": [{"item": "E1", "result": "fail"'
contains "$OUT" '"summary": {"records": 8, "rejected": 0'

# Bad records are rejected with file:line:column, the others are still checked: exit 3.
expect_exit 3 "$TOOL" sarah --as-of 2026-01-15 --format json "$DATA/mixed.jsonl"
contains "$ERR" "mixed.jsonl:2:"
contains "$ERR" "bedomd 2025-09-01 är före rapport 2025-09-05"
contains "$ERR" 'mixed.jsonl:3:'
contains "$ERR" '"allvarlig" måste vara true eller false'
contains "$ERR" 'mixed.jsonl:5:3: ogiltig JSON'   # Swedish by default (tests/cli/i18n.sh)
contains "$OUT" '{"id": "BAD-2", "error": '
contains "$OUT" '"field": "datum.bedomd"'
contains "$OUT" '{"id": "T-1", "state": "avslutad"'
contains "$OUT" '{"id": "T-5", "state": "under_utredning"'
contains "$OUT" '"records": 3, "rejected": 3'

# T-4: bedomd 2025-12-10 + 14d = julafton, the last day (a policy number for "snarast": no roll-over);
# reported 12-30: fail.
expect_exit 3 "$TOOL" sarah --as-of 2026-01-15 "$DATA/mixed.jsonl"
contains "$OUT" "sarah_anmalan_ivo          brist         nominell 2025-12-24  laglig 2025-12-24  utfört 2025-12-30"
# ... and a policy of 21 days makes it pass.
expect_exit 3 "$TOOL" sarah --as-of 2026-01-15 --policy "$DATA/policy-strict.json" "$DATA/mixed.jsonl"
contains "$OUT" "sarah_anmalan_ivo          uppfylld      nominell 2025-12-31  laglig 2025-12-31  utfört 2025-12-30"

# A missing file is rejected, the other file still read.
expect_exit 3 "$TOOL" sarah --as-of 2026-01-15 "$DATA/nonexistent.jsonl" "$DEMO"
contains "$ERR" "nonexistent.jsonl"
contains "$OUT" "Sammanfattning: 8 avvikelser"
