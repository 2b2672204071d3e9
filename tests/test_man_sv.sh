#!/bin/sh
# SPDX-License-Identifier: MIT
# The Swedish manual page (built by po4a from docs/egenkontroll.1 and docs/man/sv.po):
#   1. renders with groff without errors or warnings (other than line-adjust notes, which the
#      English page has too);
#   2. has the Swedish section names and every command of the English page, in the same order;
#   3. is translated: its text is not the English text, and no .SH heading is left in English;
#   4. with SV_PO: every paragraph of the English page has its current translation in sv.po
#      (po4a-updatepo on a copy leaves no fuzzy or untranslated entry), so a changed English
#      paragraph cannot go on showing in English on the Swedish page unnoticed.
# usage: test_man_sv.sh SWEDISH_PAGE ENGLISH_PAGE [SV_PO]
set -eu
sv=$1 en=$2 po=${3:-}
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
if [ -n "$po" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  cp "$po" "$tmp/sv.po"
  po4a-updatepo --format man --master "$en" --po "$tmp/sv.po" --master-charset UTF-8 >/dev/null 2>&1 ||
    { echo "po4a-updatepo failed on $po"; exit 1; }
  nfuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/sv.po" | grep -c '^#, fuzzy' || true)
  nuntr=$(msgattrib --untranslated --no-obsolete "$tmp/sv.po" | grep -c '^msgid' || true)
  if [ "$nfuzzy" -gt 0 ] || [ "$nuntr" -gt 1 ]; then
    echo "docs/man/sv.po is behind docs/egenkontroll.1: $nfuzzy changed and $((nuntr > 0 ? nuntr - 1 : 0)) new paragraphs"
    echo "(run: ninja -C build egenkontroll-update-man-po, translate them, see docs/HACKING.md)"
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/sv.po" | grep '^msgid' | cut -c1-120
    exit 1
  fi
fi
echo "test_man_sv: ok ($(cmds "$sv"))"
