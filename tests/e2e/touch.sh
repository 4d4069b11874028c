#!/bin/bash
# A kiosk with only a touch screen: a new member adds themselves by touch
# alone (the on-screen keyboard for the name, the leg, an empty PIN), and
# a number (here the VISA-A score; the same keypad takes a load in
# kilograms, with its decimal point) is entered on the on-screen keypad.
. "$(dirname "$0")/lib.sh"
need_tmux
command -v python3 >/dev/null || skip "python3 is not installed"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"
kiosk_config
export TENDO_SYSTEM_CONFIG=$WORK/system-config
db=$WORK/data/tendo.db

# A touch on the members' list row that starts with TEXT.
touch_row() {
	local row
	row=$(screen | awk -v t="$1" '{ s = $0; sub(/^ *>? */, "", s) } index(s, t) == 1 { print NR; exit }')
	[ -n "$row" ] || fail "no row \"$1\": $(screen)"
	press -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' 8 "$row" 8 "$row")"
}

TEST_ENV="TENDO_SYSTEM_CONFIG=$WORK/system-config" start 80 24 --sound off
wait_for "who is training?"
touch_row "+ I'm new here"
wait_for "Your name, as you would like to find it"
touch_key A
touch_key N
touch_key A
touch_key space
touch_key B
wait_for "> Ana B_"
touch_key "<-"
touch_key "<-"
wait_for "> Ana_"
touch_key OK
wait_for "Which leg is affected?"
touch_key l
wait_for "PIN"
touch_key OK
wait_for "Ana: choose a routine"
[ "$(sqlite3 "$db" "SELECT name || ' ' || leg FROM profiles")" = "Ana left" ] ||
	fail "the member made by touch: $(sqlite3 "$db" "SELECT * FROM profiles")"

# Following a program, her next start asks for a VISA-A score: by touch,
# a decimal point taken back, then 62.
printf 'no\nno\nno\nno\nno\n' | "$TENDO" enrol alfredson-program --profile Ana >/dev/null ||
	fail "enrol"
press q
wait_for "who is training?"
touch_row "Ana"
wait_for "VISA-A score"
for face in 1 2 . 5; do touch_key "$face"; done
wait_for "> 12.5_"
for _ in 1 2 3 4; do touch_key "<-"; done
touch_key 6
touch_key 2
touch_key OK
wait_for "Ana: choose a routine"
[ "$(sqlite3 "$db" "SELECT score FROM visa_a")" = 62 ] || fail "the score touched: $(sqlite3 "$db" "SELECT * FROM visa_a")"
press q
wait_for "who is training?"
press q
wait_for "The admin PIN, for the staff's screen."
for face in 2 4 6 8 OK; do touch_key "$face"; done
wait_for "tendo — staff"
touch_key x
[ "$(finished)" = 0 ] || fail "the admin PIN by touch did not leave"
