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
	pgrep -f -- "$TENDO --sound off --speed 50 --data-dir $WORK/data" >/dev/null ||
		fail "tendo is gone after $1"
}

# The keys: printable ASCII, the keys curses names, and control keys.
keys=()
for c in $(seq 33 126); do keys+=("$(printf "\\$(printf %03o "$c")")"); done
keys+=(Space Enter Escape BSpace Tab BTab Up Down Left Right Home End PPage NPage IC DC)
for f in $(seq 1 12); do keys+=("F$f"); done
for c in a b c d e f g h i j k l m n o p r s t u v w x y z '\' ']'; do keys+=("C-$c"); done

send_all() {
	local k
	for k in "${keys[@]}"; do
		case $k in
		?) press -l "$k" ;;
		*) press "$k" ;;
		esac
	done
}

start 80 24 --sound off --speed 50 --data-dir "$WORK/data"
wait_for "who is training?"

# Every key on each screen a member can reach, each screen reached afresh.
reach() {
	press Escape Escape
	case $1 in
	members) ;;
	name) press + ;;
	member)
		press Home Enter
		sleep 0.2
		;;
	session)
		press Home Enter
		sleep 0.2
		press S Enter
		;;
	esac
	sleep 0.3
}
press + && wait_for "Your name" && press -l Ana && press Enter && press l && press Enter
wait_for "Ana: choose a routine"
for where in members name member session; do
	# Back to the members first: q from a member's screen, Escape elsewhere.
	for _ in 1 2 3; do press Escape q Escape; done
	wait_for "who is training?" 15
	reach "$where"
	send_all
	sleep 0.3
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
	for k in "${batch[@]}"; do
		case $k in
		?) press -l "$k" ;;
		*) press "$k" ;;
		esac
	done
	n=$((n + 1))
	[ $((n % 10)) -eq 0 ] && alive "$((n * 100)) random keys"
done <"$WORK/storm"
[ "$n" -eq 100 ] || fail "only $n batches of keys were sent"
sleep 0.5
alive "10,000 random keys"

# Whole: a title on the first row and key labels or a question below.
for _ in $(seq 5); do press Escape; done
sleep 0.5
[ -n "$(screen | head -n 1 | tr -d ' ')" ] || fail "the first row is empty after the storm"
screen | grep -qE "tendo|Esc|Enter|quit|skip|y  yes" || fail "no key labels after the storm"
[ "$(screen | wc -l)" -eq 24 ] || fail "the screen is not 24 rows after the storm"

# The kiosk ends on SIGTERM like any tendo, and the log is sound.
pkill -TERM -f -- "$TENDO --sound off --speed 50 --data-dir $WORK/data"
[ "$(finished)" = 143 ] || fail "tendo did not end cleanly on SIGTERM"
[ "$(sqlite3 "$WORK/data/tendo.db" "PRAGMA integrity_check")" = ok ] || fail "the log is damaged"
exit 0
