#!/bin/bash
# Two kiosks on one log (kiosk-name tells them apart). Ana trains at kiosk
# A; kiosk B sees A in use and does not offer her session while A's
# heartbeat is fresh, paused or not. A dies: once its heartbeat has lapsed
# (STORE_HEARTBEAT_LAPSE, 3 min), B offers the session, takes it up where
# it stopped, and it is B's. With LOG=postgresql (kiosks-postgresql.sh),
# the log is a PostgreSQL database and each kiosk has a folder of its own.
. "$(dirname "$0")/lib.sh"
need_tmux
use_log "$WORK/data"
data_a=$WORK/data
[ "${LOG:-sqlite}" = postgresql ] && data_a=$WORK/data-a
kiosk_config "kiosk-name = stretching-2"
printf 'kiosk-name = stretching-1\n' >"$WORK/config-a"

# Kiosk A: Ana's session on its own terminal and clock.
A=$SOCKET-a
CLOCK_A=$WORK/clock-a
mkfifo "$CLOCK_A"
on_exit "tmux -L $A kill-server 2>/dev/null"
tmux -L "$A" -f /dev/null new-session -d -x 80 -y 24 \
	"$(pane_command "env TERM=xterm-256color TENDO_SYSTEM_CONFIG=$WORK/config-a $(quote_args "$TENDO" --test-clock "$CLOCK_A" \
		run calf-stretches --profile Ana --data-dir "$data_a" --sound off)")"
on_a() {
	tmux -L "$A" capture-pane -p | grep -qF -- "$1"
}
advance_a() {
	timeout "$WAIT_LIMIT" sh -c 'printf "+%s\n" "$1" >"$2"' advance "$1" "$CLOCK_A" ||
		fail "kiosk A's clock could not be moved on"
}
wait_until -m "kiosk A did not start Ana's session" on_a "GET READY"
# The count-in and the first 30 s hold: one set in the log.
advance_a 40000
wait_until -m "kiosk A's first set did not end" on_a "REST"
# Paused for two and a half minutes: the heartbeat goes on.
tmux -L "$A" send-keys Space
wait_until on_a "PAUSED"
advance_a 150000
wait_until -m "no heartbeat while paused" \
	eval '[ "$(log_sql "SELECT heartbeat - started FROM sessions")" -ge 150 ]'
[ "$(log_sql "SELECT host FROM sessions")" = stretching-1 ] || fail "the session is not kiosk A's"

# Kiosk B: A is in use, and Ana's session there is not offered.
TEST_ENV="TENDO_SYSTEM_CONFIG=$WORK/system-config" start 80 24 --sound off
wait_for "who is training?"
press Home Enter
wait_for "Ana: choose a routine"
not_on_screen "was cut off" || fail "B offered a session that goes on at A"
press q
wait_for "who is training?"
press q
wait_for "The admin PIN, for the staff's screen."
press -l 2468
press Enter
wait_for "Training now on: stretching-1"
press Escape
wait_for "who is training?"

# A dies. Until its heartbeat lapses, B still leaves the session alone.
tmux -L "$A" kill-server
wait_until -m "kiosk A did not die" eval '! pgrep -f -- "$CLOCK_A" >/dev/null'
press Home Enter
wait_for "Ana: choose a routine"
not_on_screen "was cut off" || fail "B offered the session before A's heartbeat lapsed"
press q
wait_for "who is training?"
advance 400000
press Home Enter
wait_for "was cut off"
screen | tr -s " \n" " " | grep -qF "after 1 sets. Take it up where it stopped?" ||
	screen | tr -s " \n" " " | grep -qF "after 1 set. Take it up where it stopped?" ||
	fail "the offer does not say 1 set: $(screen)"
press y
wait_for "hold 2 of 3"
[ "$(log_sql "SELECT host FROM sessions")" = stretching-2 ] || fail "the session taken up is not B's"
[ "$(log_sql "SELECT COUNT(*) FROM sessions")" = 1 ] || fail "a second session was begun"
exit 0
