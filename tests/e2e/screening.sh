#!/bin/bash
# The screening before a program, with `tendo enrol` and on the screen: a
# red flag means same-day care and no program; insertional pain gets the
# drops to floor level, and is told the stretches have no such form; a caution means a clinician first, and the program
# starts once they have cleared it; an answer that is not yes or no saves
# nothing. Every screening is kept in the log.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"
data=$WORK/data

answer() {
	local profile=$1
	shift
	printf '%s\n' "$@" | "$TENDO" enrol alfredson-program --data-dir "$data" --profile "$profile"
}
follows() {
	"$TENDO" plan --data-dir "$data" --profile "$1" 2>/dev/null | grep -q "Alfredson eccentric"
}

out=$(answer ada yes)
[ $? -eq 1 ] || fail "a red flag did not exit 1: $out"
printf '%s\n' "$out" | grep -qF "Get a medical assessment today" || fail "no same-day advice: $out"
follows ada && fail "a red flag started the program"

out=$(answer ben no yes no no no) || fail "insertional: $out"
printf '%s\n' "$out" | grep -qF "ben follows Alfredson eccentric program (12 weeks) from today, its exercises down to floor level only." ||
	fail "insertional: $out"
"$TENDO" plan --data-dir "$data" --profile ben >/dev/null || fail "plan"
# Following it again would start it afresh: asked first, saying where it
# stands. No keeps it; an answer that is not yes or no exits 2; yes starts
# it afresh, the old enrolment kept in the log.
enrolments() {
	sqlite3 "$data/tendo.db" "SELECT count(*) || '/' || sum(e.active) FROM enrolments e JOIN profiles p ON p.id = e.profile_id WHERE p.name = 'ben' AND e.program = 'alfredson-program'"
}
out=$(answer ben no yes no no no no)
[ $? -eq 1 ] || fail "declining to start afresh did not exit 1: $out"
printf '%s\n' "$out" | grep -qF "You follow Alfredson eccentric program (12 weeks) already, since $(date +%F): now in week 1. Following it again starts it afresh" ||
	fail "following again did not say where the program stands: $out"
printf '%s\n' "$out" | grep -qF "Nothing was changed" || fail "declined: $out"
[ "$(enrolments)" = 1/1 ] || fail "declining changed the enrolment: $(enrolments)"
err=$(answer ben no yes no no no maybe 2>&1 >/dev/null)
[ $? -eq 2 ] || fail "\"maybe\" to starting afresh did not exit 2: $err"
[ "$(enrolments)" = 1/1 ] || fail "a bad answer changed the enrolment: $(enrolments)"
out=$(answer ben no yes no no no yes) || fail "starting afresh: $out"
[ "$(enrolments)" = 2/1 ] || fail "starting afresh did not keep the old enrolment beside a new one: $(enrolments)"
# The stretches have no form for insertional pain: it is said, with what
# to do (Cook and Purdam 2012), not "down to floor level".
out=$(printf '%s\n' no yes no no no | "$TENDO" enrol calf-stretching-program --data-dir "$data" \
	--profile ben) || fail "insertional stretches: $out"
printf '%s\n' "$out" | grep -qF "ben follows Calf stretching program (daily) from today; none of its exercises has a form for pain where the tendon meets the heel." ||
	fail "insertional stretches: $out"
printf '%s\n' "$out" | grep -qF "Ask a physiotherapist first: a stretch presses it on the bone" ||
	fail "insertional stretches, no caution: $out"

out=$(answer cai no no no yes no no)
[ $? -eq 1 ] || fail "a steroid injection not cleared did not exit 1: $out"
printf '%s\n' "$out" | grep -qF "See a doctor or physiotherapist before you load the tendon" ||
	fail "no clinician-first advice: $out"
follows cai && fail "a caution not cleared started the program"
out=$(answer cai no no no yes no yes) || fail "cleared: $out"
follows cai || fail "cleared by a clinician, the program did not start"

for bad in "maybe" ""; do
	err=$(printf '%s\n' no "$bad" | "$TENDO" enrol alfredson-program --data-dir "$data" \
		--profile dee 2>&1 >/dev/null)
	[ $? -eq 2 ] || fail "the answer \"$bad\" did not exit 2: $err"
	printf '%s\n' "$err" | grep -qF "each question takes yes or no; nothing was saved" || fail "$err"
done
follows dee && fail "a bad answer started the program"

[ "$(sqlite3 "$data/tendo.db" "SELECT group_concat(verdict, ',') FROM (SELECT verdict FROM screenings ORDER BY id)")" = \
	"same-day care,start,start,start,start,start,clinician first,start" ] || fail "the screenings are not all in the log"
[ "$(sqlite3 "$data/tendo.db" "SELECT site FROM enrolments e JOIN profiles p ON p.id = e.profile_id WHERE p.name = 'ben' AND e.program = 'alfredson-program' AND e.active = 1")" = insertional ] ||
	fail "ben's enrolment does not keep the insertional site"

# On the screen, as a new program is chosen: a red flag ends it there.
need_tmux
start 80 24 --leg left --data-dir "$data" --profile eve
choose_alfredson_program
answer_screening y
wait_for "get it seen today"
screen | tr -s ' \n' ' ' | grep -qF "Get a medical assessment today" || fail "no same-day advice"
press Enter
wait_for "eve follows no program"
press q
[ "$(finished)" = 0 ] || fail "tendo failed after the screening"
follows eve && fail "a red flag on the screen started the program"

# Insertional on the screen: the session's steps are the floor-level ones.
start 80 24 --leg left --data-dir "$data" --profile fay
choose_alfredson_program
answer_screening n y n n n
wait_for "GET READY"
wait_until -m "the floor-level steps are not shown" eval \
	'screen | tr -s " \n" " " | grep -qF "lower the affected heel slowly to the floor"'
wait_for "Down to the floor, never below it."
press q y Enter
wait_for "choose a routine"
# The drops as a routine of their own, not the program: the same
# floor-level form for her (Jonsson 2008).
press Home e
wait_for "> Eccentric heel drops (Alfredson)"
press Enter
wait_for "GET READY"
wait_until -m "the standalone drops are not at floor level for insertional pain" eval \
	'screen | tr -s " \n" " " | grep -qF "lower the affected heel slowly to the floor"'
press q y Enter
wait_for "choose a routine"
press q
[ "$(finished)" = 0 ] || fail "tendo failed after an insertional session"

# Someone never screened runs the drops as written: below the step.
start 80 24 --leg left --data-dir "$data" --profile hal run heel-drops-alfredson
wait_for "GET READY"
wait_until -m "the drops as written are not below the step" eval \
	'screen | tr -s " \n" " " | grep -qF "lower the affected heel slowly below the step"'
press q y Enter
[ "$(finished)" = 0 ] || fail "tendo failed after the drops as written"

# Insertional on the screen, and the stretches: said before the session.
start 80 24 --leg left --data-dir "$data" --profile gil
wait_for "choose a routine"
press Home c c
wait_for "> Calf stretching program (daily)"
press Enter
wait_for "Follow Calf stretching program (daily) from today?"
press y
answer_screening n y n n n
wait_for "None of the exercises of Calf stretching program (daily) has a form"
screen | tr -s ' \n' ' ' | grep -qF "Ask a physiotherapist first: a stretch presses it on the bone" ||
	fail "the stretches for insertional pain come without their caution"
press Enter
wait_for "GET READY"
press q y Enter
wait_for "choose a routine"
press q
[ "$(finished)" = 0 ] || fail "tendo failed after insertional stretches"
exit 0
