# A whole session at high speed: the screens a person sees in order, pause,
# the summary, the line left in the terminal, and the cue log.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

log=$WORK/cues.log
# The routine's timeline, in ms: get ready 0-3000, left hold 1 3000-7000,
# rest, left hold 2 9000-13000, switch 13000-18000, right holds 18000-22000
# and 24000-28000, get ready, the drop's three reps 30000-39000.
start 80 24 run "$FIXTURES/short.yaml" --leg left --cue-log "$log"

wait_for "GET READY"
wait_for "Test hold"
wait_for "1.  Stand tall."
wait_for "Remember: Keep breathing."
wait_for "Next: hold 1 of 2, 4 s"
wait_for "Starting in 3 s"
advance 1000
wait_for "Starting in 2 s"
advance 2000
wait_for "HOLD"
wait_for "Left leg · hold 1 of 2"
wait_for "4 s left of 4 s"
advance 1000
wait_for "3 s left of 4 s"

# Pausing stops the clock: time that passes while paused does not count.
press Space
wait_for "PAUSED"
advance 5000
press Space
wait_gone "PAUSED"
wait_for "3 s left of 4 s"
advance 3000 # 7000
wait_for "REST"
wait_for "Next: hold 2 of 2"

advance 6000 # 13000
wait_for "SWITCH TO THE RIGHT LEG"
advance 5000 # 18000
wait_for "Right leg · hold 1 of 2"
advance 12000 # 30000
wait_for "Left leg (affected) · set 1 of 1 · 2.5 kg"
wait_for "RAISE"
wait_for "Rep 1 of 3"
advance 1000
wait_for "LOWER — affected leg, slowly"
advance 2000
wait_for "Rep 2 of 3"
advance 6000
wait_for "Session complete"
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
# The first tick is 1 s into the 3 s count-in, and came when time reached it.
awk 'NR == 1 && ($1 != "1000.000" || $2 != "1000.000") { exit 1 }' "$log" ||
	fail "first cue planned and fired at $(head -n 1 "$log")"
# The session's end: 39 s of routine and the 5 s it was paused.
awk 'END { exit !($1 == "44000.000" && $2 == "44000.000") }' "$log" ||
	fail "the last cue was planned and fired at $(tail -n 1 "$log")"
exit 0
