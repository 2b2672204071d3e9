#!/bin/bash
# The README's Quick start, first command: on a fresh Debian machine (as root)
# install what is missing, build into build/, and run the main job on the
# bundled demo data in examples/data/.
#
# The main job is `egenkontroll report`: it prints the report on the demo data
# and writes the HTML report to $BUILD/egenkontroll-rapport.html.  (Should the
# report command be missing, the script falls back to showing what the other
# subcommands can do.)
#
# Exit status: 0 when everything that ran succeeded (input records the tool
# rejected, exit 3, are reported but do not fail the quick start — the demo
# data may contain deliberately malformed lines); non-zero otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/bin:$PATH"   # Debian's python3 and tools, not a pyenv one
BUILD=${BUILD:-build}
DATA=${DATA:-examples/data}

echo "::: installing what is missing (tools/install-deps.sh)"
bash tools/install-deps.sh

echo "::: building into $BUILD/"
if [ ! -f "$BUILD/build.ninja" ]; then
  # the same options as tools/test.sh, so both commands share one build
  meson setup "$BUILD" -Dwerror=true --python.install-env=auto
fi
meson compile -C "$BUILD"
TOOL="$BUILD/tools/egenkontroll"
"$TOOL" --version

# A subcommand is available when its --help succeeds.
available() { "$TOOL" "$1" --help >/dev/null 2>&1; }

# Files of the demo data by their "format" field (first line of each file).
files_of() {
  local fmt=$1 f
  [ -d "$DATA" ] || return 0
  for f in "$DATA"/*.jsonl "$DATA"/*.json; do
    [ -f "$f" ] || continue
    head -c 4096 "$f" | head -n 1 | grep -q "\"egenkontroll/$fmt\"" && printf '%s\n' "$f"
  done
  return 0
}
mapfile -t CASES < <(files_of case-1)
mapfile -t SARAH < <(files_of avvikelse-1)
mapfile -t DELEG < <(files_of delegation-1)
mapfile -t POLICY < <(files_of policy-1)

status=0
# run TITLE MAXLINES CMD...: run CMD, show at most MAXLINES lines of its output
# (0 = all); exit 3 (some records rejected) is a note, anything else non-zero fails.
run() {
  local title=$1 max=$2 out rc
  shift 2
  echo
  echo "::: $title"
  echo "\$ ${*}"
  out=$(mktemp)
  set +e
  "$@" >"$out"
  rc=$?
  set -e
  if [ "$max" -gt 0 ] && [ "$(wc -l <"$out")" -gt "$max" ]; then
    head -n "$max" "$out"
    echo "… ($(wc -l <"$out") lines in all)"
  else
    cat "$out"
  fi
  rm -f "$out"
  case $rc in
    0) ;;
    3) echo "(some input records were rejected; see the messages above — the others were processed)" ;;
    *) echo "quickstart: \"$*\" failed with exit status $rc" >&2; status=1 ;;
  esac
}

opt_deleg=(); [ ${#DELEG[@]} -gt 0 ] && opt_deleg=(--delegation "${DELEG[0]}")
opt_sarah=(); [ ${#SARAH[@]} -gt 0 ] && opt_sarah=(--sarah "${SARAH[0]}")
opt_policy=(); [ ${#POLICY[@]} -gt 0 ] && opt_policy=(--policy "${POLICY[0]}")

if available report && [ ${#CASES[@]} -gt 0 ]; then
  # The main job: the egenkontroll report over the demo municipality and the seed scenarios, judged
  # on the day the demo data was exported (examples/data/README.md), with the delegation order and the
  # lex Sarah registers that belong to them.
  AS_OF=${AS_OF:-2026-03-01}
  cases=(); sarah=()
  for f in "$DATA/cases.jsonl" "$DATA/seeds.jsonl"; do [ -f "$f" ] && cases+=("$f"); done
  for f in "$DATA/sarah.jsonl" "$DATA/seeds-sarah.jsonl"; do [ -f "$f" ] && sarah+=(--sarah "$f"); done
  [ ${#cases[@]} -gt 0 ] || cases=("${CASES[@]}")
  opt_deleg=(); [ -f "$DATA/delegation.json" ] && opt_deleg=(--delegation "$DATA/delegation.json")
  run "the egenkontroll report on the demo data (as of $AS_OF)" 0 \
    "$TOOL" report --as-of "$AS_OF" "${opt_deleg[@]}" "${sarah[@]}" "${cases[@]}"
  # The same as one HTML page with charts (needs the Python bindings and matplotlib).
  if [ -d "$BUILD/bindings/python/egenkontroll" ] && python3 -c 'import matplotlib' 2>/dev/null; then
    html="$BUILD/egenkontroll-rapport.html"
    if PYTHONPATH="$BUILD/bindings/python" python3 -m egenkontroll.html --as-of "$AS_OF" "${opt_deleg[@]}" \
        "${sarah[@]}" -o "$html" "${cases[@]}"; then
      echo
      echo "::: the HTML report (last calendar year against the one before, with charts): $html"
    else
      echo "quickstart: the HTML report failed" >&2; status=1
    fi
  fi
  exit $status
fi

echo
echo "::: \`egenkontroll report\` is not available yet; showing what the tool can already do"
if [ ${#CASES[@]} -eq 0 ]; then
  echo "(no case files in $DATA/ yet)"
fi

if available check && [ ${#CASES[@]} -gt 0 ]; then
  run "checklist audit of the demo cases" 60 "$TOOL" check "${opt_deleg[@]}" "${CASES[@]}"
fi
if available evaluate && [ ${#CASES[@]} -gt 0 ]; then
  run "statutory deadlines of the demo cases" 60 "$TOOL" evaluate "${opt_policy[@]}" "${CASES[@]}"
fi
if available sarah && [ ${#SARAH[@]} -gt 0 ]; then
  run "the demo lex Sarah register" 60 "$TOOL" sarah "${SARAH[@]}"
fi
if available deadline; then
  # The hand-checked examples of DOMAIN.md §3: nominal end (1930:173 1 §)
  # and legal end (after the 2 § roll-over).
  run "a förhandsbedömning due on nyårsafton rolls to the next working day" 0 \
    "$TOOL" deadline 2025-12-17 14d
  run "an investigation due on midsommardagen (4 months)" 0 "$TOOL" deadline 2026-02-20 4m
  run "month end: 31 October + 4 months" 0 "$TOOL" deadline 2025-10-31 4m --format json
fi
if available calendar; then
  run "the days that extend a time limit in $(date +%Y)" 0 "$TOOL" calendar "$(date +%Y)"
fi
if available policy; then
  run "policy parameters (what the law leaves open) and their defaults" 0 "$TOOL" policy
fi
exit $status
