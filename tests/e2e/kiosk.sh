#!/bin/bash
# A kiosk: members choose their profile, a new member adds themselves, PINs
# right and wrong, keys that would leave tendo do nothing, idle screens and a
# paused session go back to the members, one member can't reach another's
# log, and only the admin PIN leaves.
. "$(dirname "$0")/lib.sh"
need_tmux
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"

mkdir -p "$WORK/routines"
cp "$FIXTURES/short.yaml" "$WORK/routines/"
cat >"$WORK/system-config" <<CONFIG
kiosk = yes
admin-pin = 2468
idle = 10s
routines = $WORK/routines
data-dir = $WORK/data
CONFIG
TEST_ENV="TENDO_SYSTEM_CONFIG=$WORK/system-config"
db=$WORK/data/tendo.db

# A touch: button 1 pressed and released at COL ROW, as SGR mouse reports.
touch_at() {
	press -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"
}

alive() {
	pgrep -f "$TENDO" >/dev/null || fail "tendo is no longer running"
}

start 80 24 --sound off
wait_for "who is training?"
wait_for "+ I'm new here"
wait_for "tendo is not a diagnosis"

# Keys that would stop, suspend or quit a program do nothing here: the key
# after them is still read by the members' screen.
press C-c
press C-z
press 'C-\'
# A new member. A name that looks like a path is refused with the reason.
press Enter
wait_for "Your name, as you would like"
alive
press -l "../../etc/passwd"
press Enter
wait_for "A name starts with a letter or a digit."
for _ in $(seq 16); do press BSpace; done
press -l "Ana"
press Enter
wait_for "Which leg is affected?"
press l
wait_for "Choose a 4-digit PIN"
press -l 1357
press Enter
wait_for "The same PIN again"
press -l 1357
press Enter
wait_for "Ana: choose a routine"
wait_for "Ana follows no program"
# Her keys: q hands the screen on ("done"), R is still the report.
keys=$(screen | tail -n 1)
printf '%s\n' "$keys" | grep -qF "q  done" || fail "a member's q is not \"done\": $keys"
printf '%s\n' "$keys" | grep -qF "R  done" && fail "a member's R is labelled \"done\": $keys"

# Ana trains: the short routine on her left leg, all 39 s of it.
press S
wait_for "A routine of a few seconds"
press Enter
wait_for "Short test routine"
wait_for "GET READY"
advance 39000
wait_for "Session complete"
# Ana was on the step, not at the keys: the summary waits its 10 s for her.
advance 9000
wait_for "Session complete"
press Enter
# Her pain, 3 out of 10, given with a touch on the 3 (an SGR mouse report).
wait_for "How much pain did you feel"
row=$(screen | grep -n "^ *0 *1 *2 *3 " | cut -d: -f1)
[ -n "$row" ] || fail "no row of scores to touch"
col=$(screen | sed -n "${row}p" | awk '{ print index($0, " 3 ") + 1 }')
touch_at "$col" "$row"
wait_for "Ana: choose a routine"
[ "$(sqlite3 "$db" "SELECT score FROM pain JOIN profiles p ON p.id = profile_id WHERE p.name = 'Ana'")" = 3 ] ||
	fail "the touched score was not logged as 3"
[ "$(sqlite3 "$db" "SELECT count(*) FROM sets JOIN sessions s ON s.id = session_id JOIN profiles p ON p.id = s.profile_id WHERE p.name = 'Ana'")" -ge 3 ] ||
	fail "Ana's sets are not in the log"
[ "$(sqlite3 "$db" "SELECT leg FROM profiles WHERE name = 'Ana'")" = left ] || fail "Ana's leg was not kept"
# Her PIN is kept as a salted hash, never as the digits.
hash=$(sqlite3 "$db" "SELECT pin_hash FROM profiles WHERE name = 'Ana'")
case $hash in '$'*) ;; *) fail "the PIN is not kept as a hash: $hash" ;; esac
# The digits standing alone: not inside a timestamp, a decimal or the
# hash's own letters.
sqlite3 "$db" .dump | grep -qE '(^|[^[:alnum:]./$])1357([^[:alnum:].]|$)' &&
	fail "the PIN is in the log in clear"
press q
wait_for "who is training?"
wait_for "Ana"

# A second member, without a PIN: nothing of Ana's on their screens.
press +
wait_for "Your name, as you would like"
press -l "Bo"
press Enter
wait_for "Which leg is affected?"
press r
wait_for "Choose a 4-digit PIN"
press Enter
wait_for "Bo: choose a routine"
screen | grep -qF "Ana" && fail "Bo's start screen shows Ana"
press H
wait_for "Bo"
screen | grep -qiF "Ana" && fail "Bo's history shows Ana"
screen | grep -qF "Short test" && fail "Bo's history shows Ana's session"
press q
wait_for "Bo: choose a routine"

# Left alone, Bo's screen goes back to the members (idle = 10s), not before.
advance 9000
press H
wait_for "last four weeks"
advance 9000
wait_for "last four weeks"
press q
wait_for "Bo: choose a routine"
advance 10000
wait_for "who is training?"

# Ana's PIN, wrong then right; three wrong ones lock her profile a while.
press Home
press Enter
wait_for "Your PIN, please."
press -l 0000
press Enter
wait_for "That PIN is not right."
press -l 1357
press Enter
wait_for "Ana: choose a routine"
press q
wait_for "who is training?"
press Home
press Enter
three_wrong_pins Ana
press Enter
wait_for "Too many wrong PINs for Ana"
# Half a minute later her profile opens again.
press Escape
wait_for "who is training?"
advance 30000
press Home Enter
wait_for "Your PIN, please."
press Escape
wait_for "who is training?"

# A touch (a click) on Bo's row goes straight in: no PIN set.
row=$(screen | grep -n "^ *>* *Bo *$" | cut -d: -f1)
[ -n "$row" ] || fail "Bo is not listed"
touch_at 6 "$row"
wait_for "Bo: choose a routine"

# A session left paused is saved as partial and closed after 10 minutes.
press S
wait_for "A routine of a few seconds"
press Enter
wait_for "GET READY" # the session, not the list that names it too
advance 3000
wait_for "HOLD"
press Space
wait_for "PAUSED"
advance 599000
wait_for "PAUSED"
advance 1000
wait_for "who is training?"
[ "$(sqlite3 "$db" "SELECT status FROM sessions s JOIN profiles p ON p.id = s.profile_id WHERE p.name = 'Bo' ORDER BY s.id DESC LIMIT 1")" = partial ] ||
	fail "Bo's paused session was not closed as partial"

# q asks for the admin PIN; a wrong one keeps tendo on screen.
press q
wait_for "The admin PIN, for the staff's screen."
press -l 1111
press Enter
wait_for "That is not the admin PIN."
alive
leave_kiosk
[ "$(finished)" = 0 ] || fail "tendo did not leave with status 0 after the admin PIN"
