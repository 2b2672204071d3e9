#!/bin/sh
# Install every Debian package the project needs to build, test, benchmark
# and document itself.  Run as root; installs only what is missing.
# There is no PyPI here: Python packages come from Debian (python3-*), and
# the interpreter used everywhere is Debian's /usr/bin/python3.
set -eu
PKGS="meson ninja-build pkg-config gcc g++ clang lld llvm libclang-rt-14-dev check swig
python3 python3-dev python3-pytest python3-numpy python3-holidays python3-mesonpy python3-pip
python3-jsonschema python3-matplotlib libjansson-dev nettle-dev libsimdjson-dev valgrind abigail-tools gcovr doxygen
gettext git libxlsxwriter-dev python3-openpyxl jq python3-dask chromium chromium-driver python3-selenium
libsqlite3-dev po4a"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install-deps: installing:$missing"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
else
  echo "install-deps: everything present"
fi
