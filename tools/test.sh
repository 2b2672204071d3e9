#!/bin/bash
# The project's test command (README, Quick start, second command):
# configure with warnings as errors, build, run every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/bin:$PATH"
BUILD=${BUILD:-build}
if [ ! -d "$BUILD" ]; then
  meson setup "$BUILD" -Dwerror=true --python.install-env=auto
fi
meson compile -C "$BUILD"
meson test -C "$BUILD" --print-errorlogs
