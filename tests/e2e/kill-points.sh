#!/bin/bash
# SIGKILL at 20 points of a session: each time the log opens whole, every
# set the session finished is in it (the one in progress at most is lost),
# and the next start offers to take the session up from there; some are
# taken up to the end, with no set lost or logged twice.
. "$(dirname "$0")/lib.sh"
need_tmux
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"

routine=$FIXTURES/short.yaml
# The routine's length, in milliseconds.
total_ms=$("$TENDO" list --routines "$FIXTURES" | awk '$1 == "short" { print $(NF-2) }' |
	awk -F: '{ print int(($1 * 60 + $2) * 1000) }')
[ "$total_ms" -gt 1000 ] || fail "can't tell the routine's length: $total_ms"

# The log, asked with a busy timeout: tendo may still hold it a moment.
ask() {
	sqlite3 -cmd ".timeout 5000" "$db" "$1"
}

for point in $(seq 1 20); do
	data=$WORK/data-$point
	log=$WORK/cues-$point.log
	# Points spread over the session, with a random part within each slice.
	at_ms=$(((point - 1) * total_ms / 20 + RANDOM % (total_ms / 20)))
	start 80 24 run "$routine" --leg left --sound off --data-dir "$data" --cue-log "$log"
	wait_for "Short test routine"
	advance "$at_ms"
	# The session's time left, as the screen shows it, once at_ms has passed.
	left=$(((total_ms - at_ms + 999) / 1000))
	wait_for "$(printf '%d:%02d left' $((left / 60)) $((left % 60)))"
	pkill -KILL -f -- "--cue-log $log" || fail "point $point: no tendo to kill"
	t kill-server
	db=$data/tendo.db
	[ -f "$db" ] || continue # killed before the log was made
	[ "$(ask "PRAGMA integrity_check")" = ok ] || fail "point $point: the log is damaged"
	logged=$(ask "SELECT count(*) FROM sets")
	[ "$(ask "SELECT count(*) FROM sets") " = "$(ask "SELECT count(DISTINCT step) FROM sets") " ] ||
		fail "point $point: a set logged twice"
	# Each hold or set that ended fired set-done, switch-side or a rest
	# before the kill; all but the last of them must be logged.
	# (several of those cues may end one set together: counted once).
	ended=$(awk '$3 ~ /^(set-done|switch-side|session-done)$/ { print $1 }' "$log" | sort -u | wc -l)
	[ "$logged" -ge $((ended - 1)) ] ||
		fail "point $point ($at_ms ms): $ended sets had ended, $logged were logged"

	start 80 24 --leg left --sound off --data-dir "$data"
	if [ "$logged" -eq 0 ]; then
		wait_for "choose a routine"
		screen | grep -qF "cut off" && fail "point $point: offered a session with no sets"
		press q
		[ "$(finished)" = 0 ] || fail "point $point: tendo did not leave cleanly"
	else
		wait_for "after $logged sets. Take it up"
		if [ $((point % 4)) -eq 0 ]; then
			press y
			wait_gone "Take it up" # the question's own text names the routine
			advance 3600000
			wait_for "Session complete"
			press Enter
			answer_pain_if_asked s
			wait_for "choose a routine"
			press q
			[ "$(finished)" = 0 ] || fail "point $point: tendo did not leave cleanly"
			[ "$(ask "SELECT count(*) FROM sets")" = 5 ] ||
				fail "point $point: taken up, $(ask "SELECT count(*) FROM sets") sets, not 5"
			[ "$(ask "SELECT count(DISTINCT step) FROM sets")" = 5 ] ||
				fail "point $point: taken up, a set was logged twice"
		else
			press n
			wait_for "choose a routine"
			press q
			[ "$(finished)" = 0 ] || fail "point $point: tendo did not leave cleanly"
			[ "$(ask "SELECT status FROM sessions")" = partial ] ||
				fail "point $point: a session not taken up is not closed as partial"
		fi
	fi
	t kill-server
done
exit 0
