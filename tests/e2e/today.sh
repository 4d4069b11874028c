#!/bin/bash
# tendo today: what is due today and how the week stands, for a shell's
# startup file, on made-up logs and dates (libfaketime). Nothing at all for
# someone with no log (and no log is made); --quiet exits 1 when a session
# is due. Heavy slow resistance rests a day after a session. A paused
# program is named, never due.
. "$(dirname "$0")/lib.sh"
need_faketime
data=$WORK/data
start=2030-03-04 # a Monday
who=ann

out=$(on 0 today 2>&1) || fail "today with no log exited $?"
[ -z "$out" ] || fail "today with no log said: $out"
[ ! -e "$data/tendo.db" ] || fail "today made a log for someone who had none"
on 0 today --quiet || fail "today --quiet with no log exited $?"

printf "no\nno\nno\nno\nno\n" | on 0 enrol alfredson-program --start "$start" >/dev/null || fail "enrol"
printf "no\nno\nno\nno\nno\n" | on 0 enrol hsr-program --start "$start" >/dev/null || fail "enrol hsr"

# Monday, nothing done: both programs are due.
out=$(on 0 today) || fail "today exited $?"
printf '%s\n' "$out" | grep -qxF "tendo: 2 sessions of Alfredson eccentric program (12 weeks) due today (week 1 of 12)." ||
	fail "Monday: $out"
printf '%s\n' "$out" | grep -qxF "tendo: 1 session of Heavy slow resistance program (12 weeks) due today (week 1 of 12)." ||
	fail "Monday: $out"
printf '%s\n' "$out" | grep -qxF "  This week: 0 of 14 sessions (today 0)." || fail "Monday's week: $out"
on 0 today --quiet
[ $? -eq 1 ] || fail "today --quiet did not exit 1 with sessions due"
[ -z "$(on 0 today --quiet)" ] || fail "today --quiet printed something"

# Monday's sessions done: nothing is due, and nothing is said.
on 0 log alfredson-program --leg left >/dev/null || fail "log"
on 0 log alfredson-program --leg left >/dev/null || fail "log"
on 0 log hsr-program --leg left >/dev/null || fail "log hsr"
out=$(on 0 today) || fail "today exited $?"
[ -z "$out" ] || fail "today said something with nothing due: $out"
on 0 today --quiet || fail "today --quiet exited 1 with nothing due"

# Tuesday: heavy slow resistance rests a day after a session; Alfredson is
# due again. Wednesday, with one Alfredson session of Tuesday missed.
out=$(on 1 today)
printf '%s\n' "$out" | grep -qF "Heavy slow resistance" && fail "a rest day said HSR was due: $out"
printf '%s\n' "$out" | grep -qxF "  This week: 2 of 14 sessions (Mon 2, today 0)." || fail "Tuesday: $out"
on 1 log alfredson-program --leg left >/dev/null || fail "log"
out=$(on 2 today)
printf '%s\n' "$out" | grep -qxF "tendo: 1 session of Heavy slow resistance program (12 weeks) due today (week 1 of 12)." ||
	fail "Wednesday: $out"
printf '%s\n' "$out" | grep -qxF "  This week: 3 of 14 sessions, 1 missed (Mon 2, Tue 1, today 0)." ||
	fail "Wednesday: $out"
printf '%s\n' "$out" | grep -qxF "  This week: 1 of 3 sessions (Mon 1, Tue 0, today 0)." ||
	fail "Wednesday's HSR week: $out"

# Pain of 9: the programs pause. Nothing is due, but each is named, with
# what it waits for; --quiet still says nothing is due.
on 3 rate morning 9 >/dev/null || fail "rate morning 9"
out=$(on 3 today) || fail "today exited $?"
printf '%s\n' "$out" | grep -qxF "tendo: Alfredson eccentric program (12 weeks) is paused (pain of 8 or more, or a red flag) until a doctor or physiotherapist has assessed the tendon; then start tendo to go on." ||
	fail "a paused program is not named: $out"
printf '%s\n' "$out" | grep -qF "due today" && fail "a paused program was due: $out"
[ "$(printf '%s\n' "$out" | grep -c "is paused")" = 2 ] || fail "not both paused programs named: $out"
on 3 today --quiet || fail "today --quiet exited 1 with every program paused"
exit 0
