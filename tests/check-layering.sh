#!/bin/sh
# SPDX-License-Identifier: MIT
# The layers (docs/HACKING.md, "Layers"): no object of the core library (lib/*.c, built as
# libegenkontroll-core.a) references a symbol that only lib/io/ defines, nor a jansson or
# simdjson symbol.  The io symbols are those the whole library (libegenkontroll.a) defines and
# the core does not.
#   check-layering.sh CORE.a FULL.a
# Prints every crossing as "object: symbol" and fails; the allowed exceptions below are listed
# by object and symbol, each with the issue that removes it.
set -eu
core=$1
full=$2
NM=${NM:-nm}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Known crossings, "object symbol", to be removed by the change named (issue 19).
cat >"$tmp/allowed" <<'EOF'
EOF
# (none left: report.c's readers moved to lib/io/report_read.c, issue 19 point 4)

"$NM" --defined-only -g "$core" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/core-def"
"$NM" --defined-only -g "$full" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/full-def"
comm -23 "$tmp/full-def" "$tmp/core-def" >"$tmp/io-def"
# Sanity: the split is real (io/ defines its loaders, the core its evaluators).
grep -qx 'ek_policy_load_json' "$tmp/io-def" || { echo "check-layering: no io symbols found in $full" >&2; exit 2; }
grep -qx 'ek_evaluate_case' "$tmp/core-def" || { echo "check-layering: no core symbols found in $core" >&2; exit 2; }

# "object symbol" for every undefined symbol of every core object.
"$NM" -u "$core" | awk '/:$/ { obj = substr($0, 1, length($0) - 1); sub(/.*\//, "", obj); next } NF >= 2 { print obj, $NF }' |
  sort -u >"$tmp/undef"
awk 'NR == FNR { io[$1] = 1; next } ($2 in io) || $2 ~ /^(json_|jansson_)/ || $2 ~ /simdjson/ { print }' \
  "$tmp/io-def" "$tmp/undef" | sort -u >"$tmp/crossed"

status=0
if [ -s "$tmp/crossed" ]; then
  sort -u "$tmp/allowed" >"$tmp/allowed-sorted"
  comm -23 "$tmp/crossed" "$tmp/allowed-sorted" >"$tmp/bad"
  if [ -s "$tmp/bad" ]; then
    echo "core objects that reference io/ or jansson symbols (the core must not depend on lib/io/):" >&2
    sed 's/^/  /' "$tmp/bad" >&2
    status=1
  fi
fi
# An exception that no longer happens must be removed from the list above.
sort -u "$tmp/allowed" | comm -23 - "$tmp/crossed" >"$tmp/stale"
if [ -s "$tmp/stale" ]; then
  echo "allowed crossings that no longer occur (remove them from tests/check-layering.sh):" >&2
  sed 's/^/  /' "$tmp/stale" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "layering: $(wc -l <"$tmp/undef") references of core objects checked, $(wc -l <"$tmp/crossed") allowed crossings"
exit "$status"
