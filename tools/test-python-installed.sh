#!/bin/bash
# Install the Python package the way a new user would (pip, Debian's Python, no
# network, no build isolation) from a FRESH CLONE of the committed tree into a
# new virtual environment, then run that clone's pytest suite against the
# INSTALLED package from outside the source tree.
#
# pip installs the `egenkontroll` command too (into the venv's bin/): the tests
# that run the command use that one (EK_TOOL is ignored here); tests that need
# a build tree skip.
# Usage: tools/test-python-installed.sh [extra pytest arguments]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
export PATH="/usr/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
git clone -q "$src" "$work/src"
"$work/venv/bin/python" -m pip install --no-build-isolation --no-index -q "$work/src"
cd "$work"
unset PYTHONPATH EK_BUILD_DIR EK_LIBRARY EK_TOOL EK_LOCALEDIR
test -x "$work/venv/bin/egenkontroll" || { echo "pip did not install the egenkontroll command" >&2; exit 1; }
"$work/venv/bin/egenkontroll" --version
# the command finds its catalogues next to itself (<venv>/share/locale): English on request, no notice
out=$("$work/venv/bin/egenkontroll" --lang en evaluate no-such-file 2>&1 || true)
case "$out" in *"cannot open"*) ;; *) echo "installed command: not English with --lang en: $out" >&2; exit 1;; esac
case "$out" in *"no message catalogue"*) echo "installed command: $out" >&2; exit 1;; esac
"$work/venv/bin/python" - <<'EOF'
import pathlib
import egenkontroll
pkg = pathlib.Path(egenkontroll.__file__).parent
assert "/venv/" in str(pkg), pkg
assert (pkg / "py.typed").is_file(), "py.typed is not installed"
assert egenkontroll.__version__ == egenkontroll.library_version()
missing = [n for n in egenkontroll.__all__ if not hasattr(egenkontroll, n)]
assert not missing, missing
print("installed egenkontroll", egenkontroll.__version__, "from", pkg)
EOF
EK_SOURCE_DIR="$work/src" "$work/venv/bin/python" -m pytest -q -rs -p no:cacheprovider "$work/src/tests/python" "$@"
