# Messages in Swedish by default, English with --lang en or an English locale (po/, gettext).
TOOL="$1"; . "$(dirname "$0")/lib.sh"
DATA="$(dirname "$0")/../data/rules"
EXAMPLES="$(dirname "$0")/../../examples/data"
[ -n "${EK_LOCALEDIR:-}" ] || fail "EK_LOCALEDIR (the build tree's po directory) is not set"
# A clean language environment: no inherited preference.
unset LANGUAGE LC_ALL LC_MESSAGES LANG || true

# Domain texts (calendar names) and the deadline list: Swedish by default, English on request.
expect_exit 0 "$TOOL" calendar 2026
contains "$OUT" "2026-12-24	eve	julafton"
expect_exit 0 "$TOOL" --lang en calendar 2026
contains "$OUT" "2026-12-24	eve	Christmas Eve"
expect_exit 0 "$TOOL" calendar 2026 --lang=en        # accepted anywhere on the command line
contains "$OUT" "Midsummer Eve"

# egenkontroll evaluate on a seed example: the rules' messages and the list's words.
expect_exit 0 "$TOOL" evaluate --as-of 2026-03-10 "$EXAMPLES/seeds.jsonl"
contains "$OUT" "försenade"
contains "$OUT" "slut "
case "$OUT" in *"overdue"*|*"pending"*) fail "English status words in the Swedish list: $OUT" ;; esac
contains "$OUT" "SoL (2001:453) 11 kap. 2 § 2 st."
contains "$OUT" "förlängd till 2021-03-07 genom beslut 2021-01-25"
SV="$OUT"
expect_exit 0 "$TOOL" --lang en evaluate --as-of 2026-03-10 "$EXAMPLES/seeds.jsonl"
contains "$OUT" "overdue"
contains "$OUT" " end "
contains "$OUT" "SoL (2001:453) 11 kap. 2 § 2 st."   # legal references keep the Swedish form
contains "$OUT" "extended to 2021-03-07 by a decision on 2021-01-25"
[ "$(printf '%s\n' "$OUT" | wc -l)" = "$(printf '%s\n' "$SV" | wc -l)" ] || fail "the two languages list different lines"

# egenkontroll check on a seed example: item messages, result words and the summary.
expect_exit 0 "$TOOL" check --as-of 2026-03-01 "$EXAMPLES/seeds.jsonl"
contains "$OUT" "SEED-000-A (Seed 000 Åstorp)  (per 2026-03-01: 5 brister, 2 ej bedömda)"
contains "$OUT" "  D7   BRIST         Brist i uppföljningen av det placerade barnet: inget enskilt samtal med barnet dokumenterat."
contains "$OUT" "Förhandsbedömning klar inom 14 dagar. [SoL (2001:453) 11 kap. 1 a § 2 st.]"
contains "$OUT" "Sammanställning:"
expect_exit 0 "$TOOL" check --lang en --as-of 2026-03-01 "$EXAMPLES/seeds.jsonl"
contains "$OUT" "SEED-000-A (Seed 000 Åstorp)  (as of 2026-03-01: 5 deficiencies, 2 not assessed)"
contains "$OUT" "  D7   DEFICIENCY    Deficiency in the follow-up of the placed child: no private talk with the child documented."
contains "$OUT" "Förhandsbedömning (initial assessment) completed within 14 days. [SoL (2001:453) 11 kap. 1 a § 2 st.]"
contains "$OUT" "Summary:"
case "$OUT" in *"uppfylld "*|*"BRIST"*) fail "Swedish result words with --lang en" ;; esac

# egenkontroll report: headings, labels, decimal mark and help; JSON keys and CSV codes never change.
REPORT="$(dirname "$0")/../data/report"
RARGS="--as-of 2025-06-01 --from 2025-01-01 --to 2025-12-31 --delegation $REPORT/delegation.json --sarah $REPORT/sarah.jsonl"
expect_exit 3 "$TOOL" report $RARGS "$REPORT/cases.jsonl"
contains "$OUT" "EGENKONTROLL — rapport per 2025-06-01"
contains "$OUT" "Underlag:    3 ärenden lästa, 2 i perioden; 1 avvisade"
contains "$OUT" "1. Checklistan (andel godkända av bedömda)"
contains "$OUT" "2. Frister (bevakning) per regel"
contains "$OUT" "4. Lex Sarah-registret"
contains "$OUT" "E1 tidsgränser: ej bedömd 1"
contains "$OUT" "5. Försenade frister att åtgärda (1)"
printf '%s\n' "$OUT" | grep -q '^A1 .*50,0 %$' || fail "Swedish decimal comma"
contains "$ERR" "är inte ett giltigt datum"
SV="$OUT"
expect_exit 3 "$TOOL" --lang en report $RARGS "$REPORT/cases.jsonl"
contains "$OUT" "EGENKONTROLL — report as of 2025-06-01"
contains "$OUT" "Input:       3 cases read, 2 in the period; 1 rejected"
contains "$OUT" "1. The checklist (share passed of those judged)"
contains "$OUT" "2. Time limits (bevakning) per rule"
contains "$OUT" "3. By unit"
contains "$OUT" "4. The lex Sarah register"
contains "$OUT" "E1 time limits: notchecked 1"
contains "$OUT" "5. Overdue time limits to act on (1)"
printf '%s\n' "$OUT" | grep -q '^A1 .*50\.0 %$' || fail "English decimal point"
printf '%s\n' "$OUT" | grep -q '^T-2  *Söder  *forhandsbedomning  *2025-03-19  *74$' || fail "overdue row (rule codes stay)"
printf '%s\n' "$OUT" | grep -q '^Rule  *Limits  *Met  *Late ' || fail "English deadline table header"
contains "$ERR" "is not a valid date"
case "$OUT" in *"Checklistan"*|*"avvisade"*|*"Frister"*) fail "Swedish report text with --lang en" ;; esac
[ "$(printf '%s\n' "$OUT" | wc -l)" = "$(printf '%s\n' "$SV" | wc -l)" ] || fail "the two reports have different lines"
expect_exit 0 "$TOOL" report --lang en --help
contains "$OUT" "--from DATE"
expect_exit 0 "$TOOL" report --help
contains "$OUT" "--from DATUM"
for lang in sv en; do
  expect_exit 3 "$TOOL" --lang $lang report $RARGS --format csv "$REPORT/cases.jsonl"
  [ "$(printf '%s\n' "$OUT" | head -n 1 | tr -d '\r')" = "section,unit,id,title,measure,value" ] || fail "CSV header ($lang)"
  contains "$OUT" "overdue,Söder,T-2,forhandsbedomning,days_overdue,74"
  contains "$OUT" "input,,,,cases_rejected,1"
  expect_exit 3 "$TOOL" --lang $lang report $RARGS --format json "$REPORT/cases.jsonl"
  contains "$OUT" '"format": "egenkontroll/report-1"'
  contains "$OUT" '"days_overdue": 74'
done

# egenkontroll sarah: result words, labels and the summary; the codes of the format stay.
SARAH="$(dirname "$0")/../data/sarah"
expect_exit 3 "$TOOL" sarah --as-of 2026-01-15 "$SARAH/mixed.jsonl"
contains "$OUT" "sarah_anmalan_ivo          brist         nominell 2025-12-24  laglig 2025-12-24  utfört 2025-12-30"
contains "$OUT" "Sammanfattning: 3 avvikelser, 3 avvisade"
contains "$OUT" "  per kategori:"
contains "$ERR" "bedomd 2025-09-01 är före rapport 2025-09-05"
contains "$ERR" '"allvarlig" måste vara true eller false'
expect_exit 3 "$TOOL" --lang en sarah --as-of 2026-01-15 "$SARAH/mixed.jsonl"
contains "$OUT" "sarah_anmalan_ivo          fail          nominal 2025-12-24  legal 2025-12-24  done 2025-12-30"
contains "$OUT" "Summary: 3 reports, 3 rejected"
contains "$OUT" "  by category:"
contains "$OUT" "  state:"
contains "$ERR" "bedomd 2025-09-01 is before rapport 2025-09-05"
contains "$ERR" '"allvarlig" must be true or false'
expect_exit 0 "$TOOL" sarah --help
contains "$OUT" "användning: egenkontroll sarah"
expect_exit 0 "$TOOL" --lang en sarah --help
contains "$OUT" "usage: egenkontroll sarah"
expect_exit 3 "$TOOL" --lang en sarah --as-of 2026-01-15 --format json "$SARAH/mixed.jsonl"
contains "$OUT" '"result": "fail"'
contains "$OUT" '"records": 3, "rejected": 3'

# egenkontroll policy: the description (fifth column) in the language asked for; the rest are codes.
expect_exit 0 "$TOOL" policy
contains "$OUT" "besok_intervall	3m	R	"
contains "$OUT" "	Längsta tid mellan besök hos placerat barn"
expect_exit 0 "$TOOL" --lang en policy
contains "$OUT" "besok_intervall	3m	R	"
case "$OUT" in *"Längsta tid"*) fail "Swedish policy description with --lang en" ;; esac

# JSON Lines keep their codes in every language.
head -n 1 "$DATA/cases.jsonl" > /tmp/ek_i18n_$$.jsonl
expect_exit 0 "$TOOL" evaluate --as-of 2026-01-20 --format json /tmp/ek_i18n_$$.jsonl
contains "$OUT" '"status":"overdue"'
expect_exit 0 "$TOOL" --lang en evaluate --as-of 2026-01-20 --format json /tmp/ek_i18n_$$.jsonl
contains "$OUT" '"status":"overdue"'
rm -f /tmp/ek_i18n_$$.jsonl

# Errors a user can act on: the library's (English msgid) and the tool's.
expect_exit 2 "$TOOL" deadline 2026-02-30 4m
contains "$ERR" '"2026-02-30" är inte ett giltigt datum: månad 02 år 2026 har 28 dagar'
expect_exit 2 "$TOOL" deadline 2026-02-30 4m --lang en
contains "$ERR" '"2026-02-30" is not a valid date: month 02 of 2026 has 28 days'
expect_exit 3 "$TOOL" evaluate --as-of 2026-01-05 --format json "$DATA/cases.jsonl"
contains "$ERR" "(ärende BAD-R1, fält "
expect_exit 3 "$TOOL" --lang en evaluate --as-of 2026-01-05 --format json "$DATA/cases.jsonl"
contains "$ERR" "(case BAD-R1, field "
expect_exit 2 "$TOOL" nosuchcommand
contains "$ERR" 'okänt kommando "nosuchcommand"'
expect_exit 2 "$TOOL" --lang en nosuchcommand
contains "$ERR" 'unknown command "nosuchcommand"'

# The locale: LANGUAGE, LC_ALL, LANG ask for English; Swedish and C locales give Swedish.
expect_exit 2 env LANGUAGE=en "$TOOL" nosuchcommand
contains "$ERR" 'unknown command'
expect_exit 2 env LANGUAGE=de:en "$TOOL" nosuchcommand
contains "$ERR" 'unknown command'
expect_exit 2 env LC_ALL=en_GB.UTF-8 "$TOOL" nosuchcommand
contains "$ERR" 'unknown command'
expect_exit 2 env LANG=en_US.UTF-8 "$TOOL" nosuchcommand
contains "$ERR" 'unknown command'
expect_exit 2 env LANG=sv_SE.UTF-8 "$TOOL" nosuchcommand
contains "$ERR" 'okänt kommando'
expect_exit 2 env LC_ALL=C "$TOOL" nosuchcommand
contains "$ERR" 'okänt kommando'
expect_exit 2 env LANGUAGE=en "$TOOL" --lang sv nosuchcommand    # the option wins
contains "$ERR" 'okänt kommando'

# Help in both languages; bad --lang values.
expect_exit 0 "$TOOL" --help
contains "$OUT" "användning: egenkontroll"
expect_exit 0 "$TOOL" --lang en --help
contains "$OUT" "usage: egenkontroll"
expect_exit 2 "$TOOL" --lang de calendar 2026
contains "$ERR" '"de"'
expect_exit 2 "$TOOL" calendar 2026 --lang
[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "error is not one line: $ERR"
# --lang reaches the library through the context (ek_context_set_language()): its messages come
# from the catalogues compiled into the library, so even without catalogue files they are English.
expect_exit 0 env EK_LOCALEDIR=/nonexistent/ek-locale "$TOOL" --lang en evaluate --as-of 2026-03-10 --format json \
  "$EXAMPLES/seeds.jsonl"
contains "$OUT" "extended to 2021-03-07 by a decision on 2021-01-25"
contains "$ERR" 'no message catalogue for "en"'
expect_exit 0 env EK_LOCALEDIR=/nonexistent/ek-locale "$TOOL" check --lang en --as-of 2026-03-01 --format json \
  "$EXAMPLES/seeds.jsonl"
contains "$OUT" "Deficiency in the follow-up of the placed child: no private talk with the child documented."
expect_exit 0 env EK_LOCALEDIR=/nonexistent/ek-locale "$TOOL" --lang sv evaluate --as-of 2026-03-10 --format json \
  "$EXAMPLES/seeds.jsonl"
contains "$OUT" "förlängd till 2021-03-07 genom beslut 2021-01-25"
expect_exit 0 env EK_LOCALEDIR=/nonexistent/ek-locale "$TOOL" --lang en calendar 2026
contains "$OUT" "2026-12-24	eve	Christmas Eve"
exit 0
