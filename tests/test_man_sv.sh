#!/bin/sh
# SPDX-License-Identifier: MIT
# The Swedish manual page (built by po4a from docs/egenkontroll.1 and docs/man/sv.po):
#   1. renders with groff without errors or warnings (other than line-adjust notes, which the
#      English page has too);
#   2. has the Swedish section names and every command of the English page, in the same order;
#   3. is translated: its text is not the English text, and no .SH heading is left in English.
# usage: test_man_sv.sh SWEDISH_PAGE ENGLISH_PAGE
set -eu
sv=$1 en=$2
export LC_ALL=C.UTF-8
warn=$(groff -k -man -Tutf8 -ww -z "$sv" 2>&1 | grep -v "cannot adjust line" || true)
[ -z "$warn" ] || { echo "groff complains about the Swedish page:"; echo "$warn"; exit 1; }
text=$(groff -k -man -Tutf8 "$sv" 2>/dev/null | col -bx)
for h in NAMN SYNOPSIS BESKRIVNING KOMMANDON FLAGGOR SLUTSTATUS MILJÖ EXEMPEL "SE ÄVEN" ANMÄRKNINGAR; do
  printf '%s\n' "$text" | grep -q "^$h\$" || { echo "section missing: $h"; exit 1; }
done
# The commands: the first word of each .SS heading, in order, equal in both pages.
cmds() { sed -n 's/^\.SS "\{0,1\}\([a-z]*\).*/\1/p' "$1" | tr '\n' ' '; }
[ "$(cmds "$sv")" = "$(cmds "$en")" ] || { echo "commands differ: sv [$(cmds "$sv")] en [$(cmds "$en")]"; exit 1; }
# No English section heading left (a paragraph that changed in English shows in English until
# docs/man/sv.po is updated; a heading never should).
for h in DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT EXAMPLES "SEE ALSO" NOTES; do
  if printf '%s\n' "$text" | grep -q "^$h\$"; then echo "English heading left: $h"; exit 1; fi
done
printf '%s\n' "$text" | grep -q "Beräknar  *slutet  *av" || { echo "the deadline command is not in Swedish"; exit 1; }
echo "test_man_sv: ok ($(cmds "$sv"))"
