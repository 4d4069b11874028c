#!/bin/bash
# The load of the Alfredson program moves week by week as a person would
# live it, each day on its own date (libfaketime): sessions logged with
# `tendo log`, pain during, after and the next morning with `tendo rate`,
# and `tendo plan` at each week's start. Two easy weeks each add 2.5 kg;
# a week of pain 4 holds; pain of 7 mid-week steps back at once; pain of 9
# pauses the program. Bad input exits 2 and writes nothing.
. "$(dirname "$0")/lib.sh"
command -v faketime >/dev/null || skip "faketime is not installed (apt-get install faketime)"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"
data=$WORK/data
start=2026-01-05 # a Monday, long past

# tendo on a day: DAY (days after the start) ARGS... Each call is a minute
# after the one before: libfaketime starts every process at the time it is
# given, so two calls at the same time would share a second and the log
# could not tell which came first.
echo 0 >"$WORK/minutes"
on() {
	local when minutes
	minutes=$(($(cat "$WORK/minutes") + 1))
	echo "$minutes" >"$WORK/minutes"
	when=$(date -d "@$(($(date -d "$start 06:00" +%s) + $1 * 86400 + minutes * 60))" "+%F %T")
	shift
	# libfaketime is preloaded before AddressSanitizer's runtime: tell
	# ASan that this is wanted (a sanitizer build).
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$when" \
		"$TENDO" --data-dir "$data" --profile ruth "$@"
}

# A week of the program, twice a day: PAIN during and after, MORNING pain.
train_week() {
	local week=$1 pain=$2 morning=$3 d
	for d in $(seq $(((week - 1) * 7)) $((week * 7 - 1))); do
		on "$d" log alfredson-program --leg left --pain "$pain" >/dev/null || fail "log on day $d"
		on "$d" log alfredson-program --leg left --pain "$pain" >/dev/null || fail "log on day $d"
		on "$d" rate after "$pain" >/dev/null || fail "rate after on day $d"
		on "$((d + 1))" rate morning "$morning" --stiffness 1 >/dev/null ||
			fail "rate morning on day $((d + 1))"
	done
}

load_on() {
	on "$1" plan | sed -n 's/.*Eccentric heel drop, knee straight: .*, \([^,]*\)\.$/\1/p'
}

printf "no\nno\nno\nno\nno\n" | on 0 enrol alfredson-program --start "$start" >/dev/null || fail "enrol"
[ "$(load_on 0)" = bodyweight ] || fail "week 1 does not start at bodyweight"
on 0 plan | grep -qF "The load is first decided on Monday 12 January, from week 1's ratings" ||
	fail "plan does not say when the load is first decided: $(on 0 plan)"

train_week 1 1 1
[ "$(load_on 7)" = "2.5 kg" ] || fail "an easy week 1 did not add 2.5 kg: $(on 7 plan)"
on 7 plan | grep -qF "Up to 2.5 kg: week 1 stayed within every limit. Week 1: 14 sessions" ||
	fail "the decision does not give its week's facts: $(on 7 plan)"
# Decided once a week: asking again the same week changes nothing.
[ "$(load_on 9)" = "2.5 kg" ] || fail "the load moved again within week 2"

train_week 2 1 1
[ "$(load_on 14)" = "5 kg" ] || fail "an easy week 2 did not add 2.5 kg: $(on 14 plan)"

# A week of pain 4 after weeks of 1: within 5, but rising week on week,
# a limit broken: a step back.
train_week 3 4 1
[ "$(load_on 21)" = "2.5 kg" ] || fail "pain rising week on week did not step back: $(on 21 plan)"
on 21 plan | grep -qF "Stepping back to 2.5 kg: the pain during sessions rose from 1.0 to 4.0 on average, week on week." ||
	fail "the step back does not say why: $(on 21 plan)"

# Steady at 4: within every limit, not yet easy: a hold.
train_week 4 4 1
[ "$(load_on 28)" = "2.5 kg" ] || fail "a steady week of pain 4 did not hold: $(on 28 plan)"
on 28 plan | grep -qF "Holding at 2.5 kg: within the limits, but the load goes up only when the pain during and after stays at 2 or less." ||
	fail "the hold does not say why: $(on 28 plan)"

# Pain of 7 during a session mid-week: a step back at once.
on 30 log alfredson-program --leg left --pain 7 >/dev/null || fail "log"
[ "$(load_on 30)" = bodyweight ] || fail "pain of 7 did not step back at once: $(on 30 plan)"
on 30 plan | grep -qF "Stepping back to bodyweight: pain during a session was 7, above 5." ||
	fail "the step back does not say why: $(on 30 plan)"
on 30 plan | grep -qF "Rule: step back: a limit of the pain-monitoring model broken." ||
	fail "the step back does not name its rule: $(on 30 plan)"
# The rest of week 5 went untrained: the week's end holds, and says so.
[ "$(load_on 35)" = bodyweight ] || fail "week 5 moved the load: $(on 35 plan)"
on 35 plan | grep -qF "Holding at bodyweight: no sessions were done in week 5." ||
	fail "the hold does not say why: $(on 35 plan)"

# A week with no ratings at all holds, and says what was missing.
for d in 35 36 37; do on "$d" log alfredson-program --leg left >/dev/null; done
[ "$(load_on 42)" = bodyweight ] || fail "an unrated week moved the load: $(on 42 plan)"
on 42 plan | grep -qF "week 6 lacks pain during (0 of 3 sessions), pain after activity, next-morning pain" ||
	fail "the hold does not name the missing ratings: $(on 42 plan)"

# Bad input: exit 2, nothing written.
before=$(sqlite3 "$data/tendo.db" "SELECT (SELECT count(*) FROM pain) || '/' || (SELECT count(*) FROM sessions) || '/' || (SELECT count(*) FROM visa_a)")
for bad in "rate during 11" "rate sometimes 3" "rate morning 3 --stiffness x" \
	"rate after 2 --date 2999-01-01" "rate during 3 --date 2026-13-40" \
	"log alfredson-program --leg left --date 2999-01-01" "log no-such-routine" \
	"log alfredson-program --leg left --pain 12" "rate during 2 --date 2025-06-01" \
	"visa-a 101" "visa-a fifty" "visa-a 50 --date 2999-01-01"; do
	# shellcheck disable=SC2086
	err=$(on 43 $bad 2>&1 >/dev/null)
	[ $? -eq 2 ] || fail "tendo $bad did not exit 2: $err"
	[ -n "$err" ] || fail "tendo $bad said nothing"
done
[ "$(sqlite3 "$data/tendo.db" "SELECT (SELECT count(*) FROM pain) || '/' || (SELECT count(*) FROM sessions) || '/' || (SELECT count(*) FROM visa_a)")" = "$before" ] ||
	fail "bad input wrote to the log"

# VISA-A scores, as the clinician gives them, beside the load.
on 2 visa-a 40 >/dev/null || fail "visa-a"
on 37 visa-a 58 >/dev/null || fail "visa-a"
on 43 plan | grep -qF "VISA-A: 40 in week 1, 58 in week 6." || fail "plan lacks the VISA-A scores: $(on 43 plan)"

# Pain of 9: the program is paused until the tendon has been assessed.
out=$(on 43 rate morning 9) || fail "rate morning 9"
printf '%s\n' "$out" | grep -qF "it is paused until a doctor or physiotherapist has assessed" ||
	fail "pain of 9 does not pause: $out"
[ "$(sqlite3 "$data/tendo.db" "SELECT paused FROM enrolments WHERE active = 1")" = 1 ] ||
	fail "the program is not paused in the log"
exit 0
