#!/bin/bash
# SPDX-License-Identifier: MIT
# ABI checks of the shared library (see RELIABILITY.md, "ABI"):
#   1. the exported dynamic symbols equal the EK_API declarations of the public
#      headers, in both directions (tests/check-symbols.sh);
#   2. a program generated from the headers that references every public
#      symbol links against the shared library and resolves them all at load;
#   3. abidiff of the library against the committed baseline of the last
#      release, abi/egenkontroll-<version>.abi (abigail-tools): any change other
#      than added functions/variables fails (removed or changed symbols, changed
#      types, moved members); additions are printed.
# Usage: tools/abi-check.sh [BUILD_DIR]          (default build-rel-abi; configured if missing)
#        tools/abi-check.sh --write-baseline [BUILD_DIR]   (at a release: write the baseline)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/bin:$PATH"
PYTHON=${PYTHON:-/usr/bin/python3}
write=0
if [ "${1:-}" = "--write-baseline" ]; then write=1; shift; fi
BUILD=${1:-build-rel-abi}

if [ ! -d "$BUILD" ]; then
  # gcc, -O2 -g: the baseline and every check must come from the same kind of build.
  CC=${ABI_CC:-gcc} meson setup "$BUILD" -Dwerror=true -Dbuildtype=debugoptimized -Dpython=false -Dtests=false >/dev/null
fi
if ! out=$(meson compile -C "$BUILD" lib/egenkontroll:shared_library 2>&1); then
  echo "$out" | grep -E "error|FAILED" | head -30
  echo "abi-check: FAILED (the library does not build)"
  exit 1
fi
lib="$BUILD/lib/libegenkontroll.so"
version=$(sed -n "s/^ *version *: *'\([0-9.]*\)'.*/\1/p" meson.build | head -1)
baseline="abi/egenkontroll-$version.abi"
status=0

echo "abi-check: [1/3] exported symbols vs EK_API declarations"
PYTHON=$PYTHON sh tests/check-symbols.sh "$lib" include/egenkontroll || status=1

echo "abi-check: [2/3] a generated program that links every public symbol"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PYTHON" tests/gen-symbol-test.py --c "$tmp/link_all.c" include/egenkontroll/*.h
if ${CC:-cc} -std=c11 -Wall -Werror -Iinclude -I"$BUILD/include" "$tmp/link_all.c" -o "$tmp/link_all" \
     -Wl,--no-as-needed -Wl,-z,now -L"$BUILD/lib" -legenkontroll -Wl,-rpath,"$PWD/$BUILD/lib" 2> "$tmp/link.err"; then
  LD_BIND_NOW=1 "$tmp/link_all" || { echo "abi-check: the link-all program failed"; status=1; }
else
  echo "abi-check: a declared symbol does not link:"
  grep -E "undefined reference|error" "$tmp/link.err" | sed 's/^/  /' | head -40
  status=1
fi

echo "abi-check: [3/3] abidiff against $baseline"
abidw --no-show-locs --drop-undefined-syms --headers-dir include/egenkontroll \
      --header-file "$BUILD/include/egenkontroll/version.h" --out-file "$tmp/current.abi" "$lib"
if [ $write = 1 ]; then
  mkdir -p abi
  cp "$tmp/current.abi" "$baseline"
  echo "abi-check: wrote $baseline ($(grep -c '<elf-symbol ' "$baseline") ELF symbols); commit it with the release"
elif [ ! -f "$baseline" ]; then
  echo "abi-check: SKIP abidiff: no baseline $baseline yet (write one at the release with"
  echo "           tools/abi-check.sh --write-baseline, and commit it)"
else
  # Opaque types (declared `typedef struct X X;` in the headers, never defined
  # there) are not part of the ABI: changes inside them are suppressed.
  opaque=$(cat include/egenkontroll/*.h | sed -n 's/^typedef struct \(ek_[a-z_0-9]*\) \1;.*/\1/p' | sort -u |
           while read -r t; do grep -q "struct $t {" include/egenkontroll/*.h || echo "$t"; done | paste -sd'|')
  printf '[suppress_type]\n  type_kind = struct\n  name_regexp = ^(%s)$\n' "$opaque" > "$tmp/opaque.supp"
  set +e
  abidiff --no-default-suppression --suppressions "$tmp/opaque.supp" "$baseline" "$tmp/current.abi" > "$tmp/abidiff.out"
  rc=$?
  # The same without added functions and variables: whatever remains (a removed
  # or changed symbol, a changed public type, a moved member) breaks the promise.
  abidiff --no-default-suppression --suppressions "$tmp/opaque.supp" --no-added-syms "$baseline" "$tmp/current.abi" \
    > "$tmp/abidiff-strict.out"
  strict=$?
  set -e
  # abidiff exit status is a bit field: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
  if [ $((rc & 3)) -ne 0 ] || [ $((strict & 3)) -ne 0 ]; then
    echo "abi-check: abidiff failed (exit $rc):"
    sed 's/^/  /' "$tmp/abidiff.out"
    status=1
  elif [ $((strict & 12)) -ne 0 ]; then
    echo "abi-check: ABI CHANGED against $baseline (not only additions; abidiff exit $strict):"
    sed 's/^/  /' "$tmp/abidiff-strict.out"
    echo "  (a change other than adding functions needs a soversion bump: see the comment in meson.build;"
    echo "   at a release, write a new baseline with tools/abi-check.sh --write-baseline)"
    status=1
  elif [ $((rc & 4)) -ne 0 ]; then
    echo "abi-check: compatible additions since $baseline (they need a new node in lib/egenkontroll.sym):"
    sed 's/^/  /' "$tmp/abidiff.out"
  else
    echo "abi-check: ABI identical to $baseline"
  fi
fi
[ $status = 0 ] && echo "abi-check: OK" || echo "abi-check: FAILED"
exit $status
