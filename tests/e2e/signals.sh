# SIGTERM, SIGHUP and Ctrl-C end a session cleanly: the terminal is given
# back and the summary line says what was done.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

for sig in TERM HUP INT; do
	start 80 24 run calf-stretches --data-dir "$WORK/data-$sig"
	wait_for "GET READY"
	if [ "$sig" = INT ]; then
		press C-c
		want=130
	else
		# The pane's shell runs tendo as its child; other tests' tendo
		# processes are left alone.
		pane=$(t list-panes -F '#{pane_pid}')
		pkill -"$sig" -P "$pane" || fail "no tendo to signal"
		[ "$sig" = TERM ] && want=143 || want=129
	fi
	status=$(finished)
	[ "$status" = "$want" ] || fail "SIG$sig: exited $status, not $want"
	wait_for "tendo: Calf stretches stopped early: 0 of 18 sets"
	t kill-server
done

# SIGTERM after a set is done: saved, and the next start offers to go on.
start 80 24 run calf-stretches --data-dir "$WORK/data-resume"
wait_for "Starting in 10 s"
advance 50000 # the count-in, the first hold and its rest
wait_for "Left leg · hold 2 of 3"
wait_for "HOLD"
pkill -TERM -P "$(t list-panes -F '#{pane_pid}')"
[ "$(finished)" = 143 ] || fail "SIGTERM after a set"
t kill-server
start 80 24 run calf-stretches --data-dir "$WORK/data-resume"
wait_for "was cut off"
press n
wait_for "GET READY"
press q y Enter
finished >/dev/null
t kill-server
# Ctrl-Z suspends, as in any shell with job control: fg brings the session
# back, paused, waiting for the person; the screen is whole again.
new_session 80 24 "env -i HOME=$HOME TERM=xterm-256color PATH=$PATH ALSA_CONFIG_PATH=$ALSA_CONFIG_PATH $SANITIZER_ENV PS1='$ ' bash --norc --noprofile -i"
press "$(quote_args "$TENDO" --test-clock "$CLOCK" run calf-stretches --data-dir "$WORK/data-tstp")" Enter
wait_for "GET READY"
advance 1000
wait_for "Starting in 9 s"
press C-z
wait_for "Stopped"
advance 5000 # time that must not count
press "fg" Enter
wait_for "PAUSED"
screen_whole "Calf stretches" "quit"
left=$(screen | grep -o "Starting in [0-9]* s")
[ "$left" = "Starting in 9 s" ] || fail "the count-in went on while suspended: $left"
press Space
wait_gone "PAUSED"
press q y Enter
wait_for "tendo: Calf stretches stopped early"
# Typed while tendo may still be leaving (the leak check of a sanitizer
# build takes a while), the command is echoed on the screen at once, so its
# text must not read as the line it prints.
press 'printf "tendo %s: %s\n" exited $?' Enter
[ "$(finished)" = 0 ] || fail "tendo did not exit cleanly after a suspend"
# No sound card here: what alsa-lib says of it stays off the terminal.
on_screen "ALSA lib" && fail "alsa-lib's errors are on the terminal"
exit 0
