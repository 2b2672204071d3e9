# Helpers for CLI tests.  Source after setting TOOL.
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_exit CODE CMD...: run CMD, require exit status CODE; output in $OUT, stderr in $ERR
expect_exit() {
  want=$1; shift
  set +e
  OUT=$("$@" 2>/tmp/ek_cli_err.$$); got=$?
  set -e
  ERR=$(cat /tmp/ek_cli_err.$$); rm -f /tmp/ek_cli_err.$$
  [ "$got" = "$want" ] || fail "$* exited $got, expected $want; stderr: $ERR"
}
# contains HAYSTACK NEEDLE
contains() { case "$1" in *"$2"*) ;; *) fail "expected \"$2\" in: $1" ;; esac; }
# lacks HAYSTACK NEEDLE
lacks() { case "$1" in *"$2"*) fail "did not expect \"$2\" in: $1" ;; *) ;; esac; }
