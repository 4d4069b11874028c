# SIGTERM, SIGHUP and Ctrl-C end a session cleanly: the terminal is given
# back and the summary line says what was done.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

for sig in TERM HUP INT; do
	start 80 24 run calf-stretches --speed 1
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
exit 0
