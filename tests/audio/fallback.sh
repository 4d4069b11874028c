# The sound server goes away mid-session: tendo says so once, carries on
# with the terminal bell, and nothing from the sound libraries reaches the
# screen. Then, with no sound server at all, auto picks the bell.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux
. "$TOP_SRCDIR/tests/audio/pulse.sh"

start_pulse
on_exit stop_pulse

# Text the sound libraries might write behind curses.
no_stray_text() {
	screen | grep -iE "pulse|alsa|canberra:|espeak|connection|assertion|error" &&
		fail "stray text on the screen"
	return 0
}

start 80 24 run calf-stretches --sound auto
t pipe-pane -o "cat >>'$WORK/terminal.raw'"
wait_for "sound: canberra"
advance 10000 # the count-in's ticks and the go, as sounds
wait_for "HOLD"
no_stray_text
bells_before=$(tr -cd '\007' <"$WORK/terminal.raw" | wc -c)
[ "$bells_before" -eq 0 ] || fail "the bell rang while the sound server was there"

# Time goes on a second at a time until CONDITION holds: the cues it
# brings find the sound server gone.
second_until() {
	"$@" && return 0
	advance 1000
	return 1
}
notice_shown() {
	on_screen "The sound server stopped: the cues use the terminal bell."
}
two_bells() {
	[ "$(tr -cd '\007' <"$WORK/terminal.raw" | wc -c)" -ge 2 ]
}

stop_pulse
wait_until -m "the sound server's going was not noticed" second_until notice_shown
wait_for "sound: bell"
no_stray_text
# The next cues ring the bell.
wait_until -m "no bell after the fallback" second_until two_bells
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
start 80 24 run calf-stretches --sound auto
wait_for "sound: bell"
wait_for "GET READY"
no_stray_text
press q y Enter
[ "$(finished)" = 0 ] || fail "tendo failed with no sound server"
exit 0
