TOOL="$1"; . "$(dirname "$0")/lib.sh"
# Issue 18, point 6: a UTF-8 byte order mark does not cost the first record; the same file given
# twice is warned about; a case without "format" and an unknown event type are warned about on
# stderr (docs/formats.md promises it) and the records are kept.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
printf '\357\273\277{"format": "egenkontroll/case-1", "id": "BOM-1", "events": [{"type": "anmalan_mottagen", "date": "2025-01-02"}]}\r\n' > "$T/bom.jsonl"
printf '{"format": "egenkontroll/case-1", "id": "BOM-2", "events": []}\r\n' >> "$T/bom.jsonl"
printf '{"id": "NOFMT", "events": [{"type": "okand_typ", "date": "2025-01-02"}]}\n' > "$T/warn.jsonl"
printf '\357\273\277{"format": "egenkontroll/avvikelse-1", "id": "LS-BOM", "typ": "missforhallande", "datum": {"rapport": "2025-02-03"}}\n' > "$T/sarah.jsonl"

for cmd in evaluate check report; do
  expect_exit 0 "$TOOL" --lang en "$cmd" --as-of 2026-01-01 "$T/bom.jsonl"
  lacks "$ERR" "invalid JSON"
done
expect_exit 0 "$TOOL" evaluate --as-of 2026-01-01 --format json "$T/bom.jsonl"
contains "$OUT" '"id":"BOM-1"'
contains "$OUT" '"id":"BOM-2"'
expect_exit 0 "$TOOL" sarah --as-of 2026-01-01 "$T/sarah.jsonl"
contains "$OUT" "LS-BOM"

for cmd in evaluate check report; do
  expect_exit 0 "$TOOL" --lang en "$cmd" --as-of 2026-01-01 "$T/bom.jsonl" "$T/bom.jsonl"
  contains "$ERR" "is the same file as"
  expect_exit 0 "$TOOL" --lang en "$cmd" --as-of 2026-01-01 "$T/warn.jsonl"
  contains "$ERR" "warn.jsonl:1: warning: no \"format\" key"
  contains "$ERR" "unknown event type \"okand_typ\" (kept) (case NOFMT)"
done
# the same file under another name is the same file too
ln -s "$T/bom.jsonl" "$T/link.jsonl"
expect_exit 0 "$TOOL" --lang en evaluate --as-of 2026-01-01 "$T/bom.jsonl" "$T/link.jsonl"
contains "$ERR" "is the same file as"
expect_exit 0 "$TOOL" --lang en evaluate --as-of 2026-01-01 "$T/bom.jsonl"
lacks "$ERR" "same file"
