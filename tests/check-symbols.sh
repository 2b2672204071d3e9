#!/bin/sh
# SPDX-License-Identifier: MIT
# The shared library must export exactly the functions declared EK_API in the
# public headers: nothing missing (a declared function that does not link),
# nothing extra (a private helper leaking into the ABI).
#   tests/check-symbols.sh BUILD/lib/libegenkontroll.so [INCLUDE_DIR]
# Exit 0 when they match, 1 with both differences listed otherwise.
set -eu
lib=${1:?usage: check-symbols.sh LIBRARY.so [INCLUDE_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
inc=${2:-$here/../include/egenkontroll}
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Defined dynamic symbols (functions and data); the version node (EK_0.1,
# an absolute symbol) is not a symbol of the API.
nm -D --defined-only "$lib" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' | sort -u > "$tmp/exported"
"$PYTHON" "$here/gen-symbol-test.py" --list "$inc"/*.h | sort -u > "$tmp/declared"

[ -s "$tmp/exported" ] || { echo "check-symbols: no symbols exported by $lib" >&2; exit 1; }
[ -s "$tmp/declared" ] || { echo "check-symbols: no EK_API declarations found in $inc" >&2; exit 1; }

missing=$(comm -23 "$tmp/declared" "$tmp/exported")
extra=$(comm -13 "$tmp/declared" "$tmp/exported")
status=0
if [ -n "$missing" ]; then
  echo "check-symbols: declared EK_API in the headers but not exported by $(basename "$lib"):"
  echo "$missing" | sed 's/^/  /'
  status=1
fi
if [ -n "$extra" ]; then
  echo "check-symbols: exported by $(basename "$lib") but not declared EK_API in the headers:"
  echo "$extra" | sed 's/^/  /'
  status=1
fi
# Every exported symbol must carry the release version node.
unversioned=$(nm -D --defined-only "$lib" | awk '$2 != "A" && $3 !~ /@@?EK_/ { print $3 }')
if [ -n "$unversioned" ]; then
  echo "check-symbols: exported without a version node (lib/egenkontroll.sym):"
  echo "$unversioned" | sed 's/^/  /'
  status=1
fi
if [ $status = 0 ]; then
  echo "check-symbols: $(wc -l < "$tmp/exported") exported symbols match the EK_API declarations"
fi
exit $status
