#!/bin/bash
# Install the Python package the way a user would (pip, Debian's Python, no
# network, no build isolation) into a fresh virtual environment, then run the
# pytest suite against the INSTALLED package from outside the source tree.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
export PATH="/usr/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
# A clean copy of the committed tree, as a fresh clone would have it.
git -C "$src" archive HEAD | tar -x -C "$work" --one-top-level=src
"$work/venv/bin/python" -m pip install --no-build-isolation --no-index -q "$work/src"
cd "$work"
unset PYTHONPATH
"$work/venv/bin/python" -c 'import egenkontroll, sys; assert "/venv/" in egenkontroll.__file__, egenkontroll.__file__; print("installed egenkontroll", egenkontroll.__version__, "from", egenkontroll.__file__)'
EK_SOURCE_DIR="$src" "$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$src/tests/python"
