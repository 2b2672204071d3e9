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
exit 0
