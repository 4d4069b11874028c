#!/bin/bash
# Every key on every screen, then 10,000 random keys, in a kiosk (where no
# key leaves tendo, so the storm reaches every screen: the members, a new
# member's name and PIN, a member's start screen, sessions, the history,
# the questions after a session). tendo never crashes, the screen is whole
# at the end, and the log is sound.
. "$(dirname "$0")/lib.sh"
need_tmux
command -v python3 >/dev/null || skip "python3 is not installed (apt-get install python3)"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"

mkdir -p "$WORK/routines"
cp "$FIXTURES/short.yaml" "$WORK/routines/"
# An admin PIN no storm will type.
printf 'kiosk = yes\nadmin-pin = 918273645546\nidle = 10s\nroutines = %s\n' \
	"$WORK/routines" >"$WORK/system-config"
TEST_ENV="TENDO_SYSTEM_CONFIG=$WORK/system-config"

alive() {
	pgrep -f -- "--sound off --data-dir $WORK/data" >/dev/null || fail "tendo is gone after $1"
}

# The keys: printable ASCII, the keys curses names, and control keys.
keys=()
for c in $(seq 33 126); do keys+=("$(printf "\\$(printf %03o "$c")")"); done
keys+=(Space Enter Escape BSpace Tab BTab Up Down Left Right Home End PPage NPage IC DC)
for f in $(seq 1 12); do keys+=("F$f"); done
for c in a b c d e f g h i j k l m n o p r s t u v w x y z '\' ']'; do keys+=("C-$c"); done

# Sends the keys given, in order, with one tmux command: a character as
# itself, a name as the key it names.
send_keys() {
	local k args=()
	for k in "$@"; do
		case $k in
		';') args+=(send-keys -H 3b ';') ;; # a lone ; would end a tmux command
		?) args+=(send-keys -l -- "$k" ';') ;;
		*) args+=(send-keys "$k" ';') ;;
		esac
	done
	t "${args[@]}"
}

send_all() {
	send_keys "${keys[@]}"
}

start 80 24 --sound off --data-dir "$WORK/data"
wait_for "who is training?"

# Every key on each screen a member can reach, each screen reached afresh.
reach() {
	press Escape Escape
	case $1 in
	members) wait_for "who is training?" ;;
	name)
		press +
		wait_for "Your name"
		;;
	member)
		press Home Enter
		wait_until -m "Ana's start screen did not come" ana_start
		;;
	session)
		press Home Enter
		wait_until -m "Ana's start screen did not come" ana_start
		press S Enter
		wait_for "GET READY"
		;;
	esac
}
# Ana's start screen, past the questions an hour or more after a session
# brings (the pain since then: skipped).
ana_start() {
	on_screen "Ana: choose a routine" && return 0
	on_screen "  s  skip" && press s
	return 1
}
press + && wait_for "Your name" && press -l Ana && press Enter && press l && press Enter
wait_for "Ana: choose a routine"
# Back to the members: q from a member's screen, Escape elsewhere, and an
# hour for a session to end and its screens to be left alone.
back_to_members() {
	on_screen "who is training?" && return 0
	press Escape q Escape
	advance 3600000
	return 1
}

for where in members name member session; do
	wait_until -m "the members' screen did not come back" back_to_members
	reach "$where"
	send_all
	alive "every key on the $where screen"
done

# 10,000 random keys, in batches.
python3 -c '
import random, sys
keys = sys.argv[1:]
random.seed(20261123)
for _ in range(100):
    print("\t".join(random.choice(keys) for _ in range(100)))
' "${keys[@]}" >"$WORK/storm"
n=0
while IFS=$'\t' read -r -a batch; do
	send_keys "${batch[@]}"
	n=$((n + 1))
	# Time moves too, so that the storm meets holds, rests, summaries and
	# idle screens going back to the members.
	advance 5000
	[ $((n % 10)) -eq 0 ] && alive "$((n * 100)) random keys"
done <"$WORK/storm"
[ "$n" -eq 100 ] || fail "only $n batches of keys were sent"
alive "10,000 random keys"

# Whole: a title on the first row and key labels or a question below.
whole_after_storm() {
	local s
	s=$(screen)
	[ -n "$(printf '%s\n' "$s" | head -n 1 | tr -d ' ')" ] &&
		printf '%s\n' "$s" | grep -qE "tendo|Esc|Enter|quit|skip|y  yes" &&
		[ "$(screen | wc -l)" -eq 24 ] # $(...) drops trailing blank rows
}
for _ in $(seq 5); do press Escape; done
wait_until -m "the screen is not whole after the storm" whole_after_storm

# The kiosk ends on SIGTERM like any tendo, and the log is sound.
pkill -TERM -f -- "--sound off --data-dir $WORK/data"
[ "$(finished)" = 143 ] || fail "tendo did not end cleanly on SIGTERM"
[ "$(sqlite3 "$WORK/data/tendo.db" "PRAGMA integrity_check")" = ok ] || fail "the log is damaged"
exit 0
