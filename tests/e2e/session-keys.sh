# Keys during a session: next, back, help, mute, the quit question, and a
# mouse click on a key label.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

start 80 24 run "$FIXTURES/short.yaml" --leg right
wait_for "GET READY"
press n
wait_for "Left leg · hold 1 of 2"
wait_for "HOLD"
advance 2000
wait_for "2 s left of 4 s"
press n
wait_for "REST"
wait_for "Next: hold 2 of 2"
press p
wait_for "HOLD"
wait_for "Left leg · hold 1 of 2"
# Back to the start of the hold: all of its time again.
wait_for "4 s left of 4 s"

press "?"
wait_for "Any key closes this."
# Every key of the footer is in the overlay, the red flag too.
for k in "space  pause, or go on" "q      quit the session" "!      red flag (a pop, sharp pain"; do
	on_screen "$k" || fail "the keys overlay lacks \"$k\""
done
press x
wait_gone "Any key closes this."
wait_for "HOLD"

# The red flag stays in the footer at every width down to 40 columns;
# other labels give way first.
for cols in 80 60 50 45 40; do
	t resize-window -x "$cols" -y 24
	wait_whole "${cols}x24" "Short test" "red flag"
	screen | tail -n 1 | grep -qE "! +red flag|!red flag" || fail "no red flag in the footer at $cols columns"
	screen | tail -n 1 | grep -qF "quit" || fail "no quit in the footer at $cols columns"
done
t resize-window -x 80 -y 24
wait_whole 80x24 "Short test routine" "red flag"
# --help lists the same keys.
"$TENDO" --help | grep -qF "  !      red flag (a pop, sharp pain, can't push off): stop now" ||
	fail "--help does not list the red flag key"

press m
wait_for "sound: muted"
press m
wait_for "sound: bell"

press q
wait_for "Quit this session?"
wait_for "The timer is paused."
press n
wait_gone "Quit this session?"

# A click on the "next" label does what n does: an SGR mouse report (what
# xterm-256color's kmous asks for), button 1 pressed on the last row.
# Paused first: a skip keeps the pause.
press Space
wait_for "PAUSED"
col=$(screen | tail -n 1 | awk '{ print index($0, " n  next") + 1 }')
[ "$col" -gt 1 ] || fail "no \"n next\" label on the last row"
press -l "$(printf '\033[<0;%d;24M' "$col")"
wait_for "REST"
wait_for "PAUSED"
press Space

press q
wait_for "Quit this session?"
press y
wait_for "Session stopped early"
wait_for "Sets cut short: 2"
press Enter
status=$(finished)
[ "$status" = 0 ] || fail "tendo exited $status"
wait_for "tendo: Short test routine stopped early: 0 of 5 sets"
t kill-server

# The red-flag key stops the session at once and says what to do.
start 80 24 run "$FIXTURES/short.yaml" --leg right --data-dir "$WORK/flag"
wait_for "GET READY"
press n
wait_for "HOLD"
press "!"
wait_for "Session stopped: a red flag"
screen | tr -s ' \n' ' ' | grep -qF "Get a medical assessment today" || fail "no advice after the red flag"
screen | tr -s ' \n' ' ' | grep -qF "do not walk it off" || fail "no 'do not walk it off'"
press Enter
[ "$(finished)" = 0 ] || fail "tendo exited badly after a red flag"
wait_for "Get a medical assessment today"
"$TENDO" export --csv --data-dir "$WORK/flag" | grep -q ",stopped,Test hold,left,1,no," ||
	fail "the session is not logged as stopped: $("$TENDO" export --csv --data-dir "$WORK/flag")"
exit 0
