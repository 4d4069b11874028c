# The sound server goes away mid-session: tendo says so once, carries on
# with the terminal bell, and nothing from the sound libraries reaches the
# screen. Then, with no sound server at all, auto picks the bell.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux
. "$TOP_SRCDIR/tests/audio/pulse.sh"

start_pulse
trap 'stop_pulse; cleanup' EXIT

# Text the sound libraries might write behind curses.
no_stray_text() {
	screen | grep -iE "pulse|alsa|canberra:|espeak|connection|assertion|error" &&
		fail "stray text on the screen"
	return 0
}

start 80 24 run calf-stretches --sound auto --speed 2
t pipe-pane -o "cat >>'$WORK/terminal.raw'"
wait_for "sound: canberra"
wait_for "HOLD"
no_stray_text
bells_before=$(tr -cd '\007' <"$WORK/terminal.raw" | wc -c)
[ "$bells_before" -eq 0 ] || fail "the bell rang while the sound server was there"

stop_pulse
wait_for "The sound server stopped: the cues use the terminal bell." 20
wait_for "sound: bell"
no_stray_text
# The next cues ring the bell.
i=0
until [ "$(tr -cd '\007' <"$WORK/terminal.raw" | wc -c)" -ge 2 ]; do
	i=$((i + 1))
	[ "$i" -lt 400 ] || fail "no bell after the fallback"
	sleep 0.05
done
# The notice goes with the next key; the session carries on.
press m m
wait_gone "The sound server stopped"
wait_for "Next:"
press q y Enter
answer_pain_if_asked s
[ "$(finished)" = 0 ] || fail "tendo failed after the fallback"
t kill-server

# No sound server at all: auto means the bell, and nothing stray.
export XDG_RUNTIME_DIR="$WORK/nothing-here"
start 80 24 run calf-stretches --sound auto --speed 2
wait_for "sound: bell"
wait_for "GET READY"
no_stray_text
press q y Enter
[ "$(finished)" = 0 ] || fail "tendo failed with no sound server"
exit 0
