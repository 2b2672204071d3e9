#!/bin/bash
# Check what `meson install` installs, from a staging directory (meson install
# --destdir), the way a vendor or a packager would use it:
#   1. the Python package imports from the staged site-packages and loads the
#      STAGED shared library (PYTHONPATH + LD_LIBRARY_PATH), its version agrees
#      and it evaluates a case;
#   2. every examples/*.c compiles with nothing but
#      `pkg-config --cflags --libs egenkontroll` (PKG_CONFIG_PATH = the staged
#      pkgconfig dir) under -std=c99 -pedantic -Wall -Wextra -Werror, and runs.
# Usage: tools/test-install.sh [BUILDDIR]      (default build-ci-install)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/bin:$PATH"
ROOT=$PWD
BUILD=${1:-build-ci-install}
PREFIX=/usr/local
CC=${CC:-cc}

if [ ! -d "$BUILD" ]; then
  meson setup "$BUILD" -Dwerror=true --prefix="$PREFIX" --python.install-env=prefix -Dtests=false >/dev/null
fi
meson compile -C "$BUILD" >/dev/null
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
meson install -C "$BUILD" --destdir "$STAGE" --quiet

lib=$(find "$STAGE" -name 'libegenkontroll.so' | head -n1)
pc=$(find "$STAGE" -name 'egenkontroll.pc' | head -n1)
pkg=$(find "$STAGE" -path '*/egenkontroll/__init__.py' | head -n1)
[ -n "$lib" ] || { echo "test-install: no libegenkontroll.so staged"; exit 1; }
[ -n "$pc" ] || { echo "test-install: no egenkontroll.pc staged"; exit 1; }
[ -n "$pkg" ] || { echo "test-install: no Python package staged"; exit 1; }
# The manual pages: English, and Swedish when po4a built it (CI installs po4a).
[ -n "$(find "$STAGE" -path '*/man1/egenkontroll.1' -not -path '*/sv/*')" ] || { echo "test-install: no man page staged"; exit 1; }
if command -v po4a-translate >/dev/null; then
  [ -n "$(find "$STAGE" -path '*/sv/man1/egenkontroll.1')" ] || { echo "test-install: no Swedish man page staged"; exit 1; }
fi
LIBDIR=$(dirname "$lib")
PCDIR=$(dirname "$pc")
SITE=$(dirname "$(dirname "$pkg")")
echo "test-install: staged in $STAGE: lib ${LIBDIR#"$STAGE"}, pkgconfig ${PCDIR#"$STAGE"}, python ${SITE#"$STAGE"}"

# ---- 1. the Python package from the staged tree --------------------------------------------------
export LD_LIBRARY_PATH="$LIBDIR"
(cd "$STAGE" && env -u EK_BUILD_DIR PYTHONPATH="$SITE" EK_STAGE="$STAGE" /usr/bin/python3 - <<'EOF'
import datetime, os
import egenkontroll as ek
stage = os.environ["EK_STAGE"]
assert ek.__file__.startswith(stage), ek.__file__
with open("/proc/self/maps") as maps:
    libs = {line.split()[-1] for line in maps if "libegenkontroll" in line}
assert libs and all(p.startswith(stage) for p in libs), libs
assert ek.__version__ == ek.library_version(), (ek.__version__, ek.library_version())
with ek.Case("BU-INSTALL") as case:
    case.add_event("anmalan_mottagen", datetime.date(2025, 12, 17))
    o = [o for o in ek.evaluate(case, as_of="2026-01-02") if o.rule == "forhandsbedomning"][0]
assert (o.legal, o.status) == (datetime.date(2026, 1, 2), "pending"), o
print(f"test-install: python: egenkontroll {ek.__version__} from the staged tree, library {sorted(libs)[0][len(stage):]}")
EOF
)

# ---- 2. the C examples through pkg-config alone --------------------------------------------------
export PKG_CONFIG_PATH="$PCDIR"
PKG=(pkg-config --define-variable=prefix="$STAGE$PREFIX")
cflags=$("${PKG[@]}" --cflags egenkontroll)
libs=$("${PKG[@]}" --libs egenkontroll)
case "$cflags" in *"$STAGE"*) ;; *) echo "test-install: pkg-config cflags do not point into the stage: $cflags"; exit 1;; esac
n=0
for src in "$ROOT"/examples/*.c; do
  exe="$STAGE/$(basename "$src" .c)"
  # An example that needs more than the library names it: " * pkg-config: sqlite3".
  extra=$(sed -n 's/^ \* pkg-config: *//p' "$src")
  xcflags="" xlibs=""
  if [ -n "$extra" ]; then xcflags=$(pkg-config --cflags $extra); xlibs=$(pkg-config --libs $extra); fi
  # shellcheck disable=SC2086
  "$CC" -std=c99 -pedantic -Wall -Wextra -Werror $cflags $xcflags "$src" $libs $xlibs -o "$exe"
  "$exe" > "$exe.out"
  [ -s "$exe.out" ] || { echo "test-install: $(basename "$src") printed nothing"; exit 1; }
  echo "test-install: examples/$(basename "$src"): compiled with pkg-config, ran: $(head -n1 "$exe.out")"
  n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "test-install: no examples/*.c"; exit 1; }
echo "test-install: ok"
