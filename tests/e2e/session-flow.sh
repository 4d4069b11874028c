# A whole session at high speed: the screens a person sees in order, pause,
# the summary, the line left in the terminal, and the cue log.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

log=$WORK/cues.log
start 80 24 run "$FIXTURES/short.yaml" --leg left --speed 4 --cue-log "$log"

wait_for "GET READY"
wait_for "Test hold"
wait_for "1.  Stand tall."
wait_for "Remember: Keep breathing."
wait_for "Next: hold 1 of 2, 4 s"
wait_for "HOLD"
wait_for "Left leg · hold 1 of 2"

# Pausing stops the clock: the screen stands still.
press Space
wait_for "PAUSED"
before=$(screen)
sleep 0.6
[ "$before" = "$(screen)" ] || fail "the screen changed while paused"
press Space
wait_gone "PAUSED"

wait_for "SWITCH TO THE RIGHT LEG"
wait_for "Right leg · hold 1 of 2"
wait_for "Left leg (affected) · set 1 of 1 · 2.5 kg"
wait_for "LOWER — affected leg, slowly"
wait_for "Rep 2 of 3"
wait_for "Session complete" 20
wait_for "Sets done:      5 of 5"
wait_for "Reps:           3"
wait_for "Time in holds:  16 s"
press Enter
# How it felt: the pain-monitoring model's question, with its source.
wait_for "How much pain did you feel in the tendon during these exercises?"
screen | tr -s ' \n' ' ' | grep -qF "(the pain-monitoring model, Silbernagel 2007)" ||
	fail "the pain question does not give its source"
press 3
status=$(finished)
[ "$status" = 0 ] || fail "tendo exited $status after the summary"
wait_for "tendo: Short test routine complete: 5 of 5 sets, 3 reps, 16 s in holds"

# The cue log: one line per cue, PLANNED ACTUAL NAME.
count() {
	awk -v n="$1" '$3 == n' "$log" | wc -l
}
for want in go:5 set-done:5 switch-side:1 rest-over:2 session-done:1 raise:3 lower:3 tick:8 halfway:0; do
	name=${want%%:*} n=${want#*:}
	[ "$(count "$name")" -eq "$n" ] || fail "the cue log has $(count "$name") \"$name\", not $n: $(cat "$log")"
done
awk 'NF != 3 || $1 !~ /^[0-9]+\.[0-9]+$/ || $2 !~ /^[0-9]+\.[0-9]+$/ { bad = 1 } END { exit bad }' "$log" ||
	fail "a cue log line is not PLANNED ACTUAL NAME: $(cat "$log")"
awk '$1 + 0 < last { bad = 1 } { last = $1 + 0 } END { exit bad }' "$log" ||
	fail "planned times go backwards: $(cat "$log")"
# Every cue fired at or after its planned time, never before.
awk '$2 + 0 < $1 + 0 { bad = 1 } END { exit bad }' "$log" || fail "a cue fired early: $(cat "$log")"
# The first tick is 1 s into the 3 s count-in: at speed 4, 250 ms.
awk 'NR == 1 && $1 != "250.000" { exit 1 }' "$log" || fail "first cue planned at $(head -n 1 "$log")"
exit 0
