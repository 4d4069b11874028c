# Programs: enrol, this week's prescription from the published tables, and
# a session of the program at this week's prescription and load.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
data=$WORK/data
t3=$(date -d '-21 days' +%F)

out=$(enrol hsr-program --start "$t3" --data-dir "$data" --profile quinn) || fail "enrol: $out"
[ "$(printf '%s\n' "$out" | tail -n 1)" = "quinn follows Heavy slow resistance program (12 weeks) from $t3." ] ||
	fail "enrol said: $out"
out=$("$TENDO" plan --data-dir "$data" --profile quinn) || fail "plan"
printf '%s\n' "$out" | grep -qF "week 4 of 12: 1 session a day, 3 days a week, 10RM." || fail "plan: $out"
printf '%s\n' "$out" | grep -qF "Seated calf raise (knee bent): 4 x 10 reps, rest 2 min 30 s." || fail "plan: $out"
out=$("$TENDO" plan --week 9 --data-dir "$data" --profile quinn)
printf '%s\n' "$out" | grep -qF "Calf raise in the leg press: 4 x 6 reps" || fail "week 9: $out"

# A program started in the future: its first week is shown, and said to start later.
enrol hsr-program --start "$(date -d '+3 days' +%F)" --data-dir "$data" --profile uma >/dev/null || fail "enrol ahead"
out=$("$TENDO" plan --data-dir "$data" --profile uma)
printf '%s\n' "$out" | grep -qF "Heavy slow resistance program (12 weeks) starts later" || fail "future: $out"
printf '%s\n' "$out" | grep -qF "week 1 of 12" || fail "future: $out"

err=$(enrol calf-stretches --data-dir "$data" 2>&1)
[ $? -eq 1 ] || fail "enrolling in a routine that is not a program did not exit 1"
printf '%s\n' "$err" | grep -qF 'there is no program called "calf-stretches"' || fail "not a program: $err"
err=$(enrol hsr-program --start 23/11/2026 --data-dir "$data" 2>&1)
[ $? -eq 2 ] || fail "a bad --start did not exit 2"
printf '%s\n' "$err" | grep -qF -- '--start takes a day as YYYY-MM-DD' || fail "bad start: $err"
err=$("$TENDO" plan --data-dir "$data" --profile nobody 2>&1)
[ $? -eq 1 ] || fail "plan with no program did not exit 1"
printf '%s\n' "$err" | grep -qF "nobody follows no program" || fail "no program: $err"

# The baseline of mornings: a line for each program followed, measured
# afresh from today with --reset.
enrol alfredson-program --start "$t3" --data-dir "$data" --profile vic >/dev/null || fail "enrol vic"
enrol hsr-program --start "$t3" --data-dir "$data" --profile vic >/dev/null || fail "enrol vic"
out=$("$TENDO" baseline --data-dir "$data" --profile vic) || fail "baseline: $out"
[ "$(printf '%s\n' "$out" | grep -c "^[a-z-]*-program: Baseline of mornings")" = 2 ] ||
	fail "baseline did not give a line for each program: $out"
out=$("$TENDO" baseline --reset --data-dir "$data" --profile vic) || fail "baseline --reset: $out"
[ "$(printf '%s\n' "$out" | grep -c "from $(date +%F), once they are over")" = 2 ] ||
	fail "baseline --reset did not start both from today: $out"
err=$("$TENDO" baseline --data-dir "$data" --profile nobody 2>&1)
[ $? -eq 1 ] || fail "baseline with no program did not exit 1"

# A session of the program followed: the load and its reason.
need_tmux
enrol alfredson-program --data-dir "$data" --profile quinn >/dev/null || fail "enrol"
start 80 24 run alfredson-program --leg right --data-dir "$data" --profile quinn
# Week 1: the VISA-A score, if the clinician gave one.
wait_for "if your clinician has given you a VISA-A score this week, what is it"
press 1 0 1 Enter
wait_for "> _ out of 100" # more than 100: asked again
press 4 5 Enter
wait_for "Week 1: At bodyweight. The load is first decided on"
wait_for "Right leg (affected) · set 1 of 3 · bodyweight"
press q y Enter
answer_pain_if_asked s
[ "$(finished)" = 0 ] || fail "tendo failed"
"$TENDO" plan --data-dir "$data" --profile quinn | grep -qF "The load is first decided on" ||
	fail "plan does not say when the load is first decided"
"$TENDO" plan --data-dir "$data" --profile quinn | grep -qF "VISA-A: 45 in week 1." ||
	fail "plan does not show the VISA-A score"
t kill-server

# Pain of 8 or more pauses the program until the person has been assessed.
start 80 24 run alfredson-program --leg right --data-dir "$data" --profile quinn
wait_for "GET READY"
press n
wait_for "Rep 1 of 15" # the count-in skipped: the key taken before time moves
advance 75000 # 15 reps of 5 s
wait_for "Next: set 2 of 3"
press q y Enter
wait_for "How much pain did you feel"
press 9
wait_for "Pain of 8 or more out of 10 is too much for this program."
press Enter
finished >/dev/null
t kill-server
start 80 24 run alfredson-program --leg right --data-dir "$data" --profile quinn
wait_for "This program is paused: you reported pain of 8 or more"
press n
wait_for "The program stays paused until a doctor or physiotherapist has assessed"
press Enter
[ "$(finished)" = 0 ] || fail "tendo failed when the program stayed paused"
screen | grep -q "GET READY" && fail "a paused program's session started"
t kill-server
start 80 24 run alfredson-program --leg right --data-dir "$data" --profile quinn
wait_for "This program is paused"
press y
wait_for "GET READY"
press q y Enter
finished >/dev/null
t kill-server

# Heavy slow resistance: the load used, and the next proposed from it.
enrol hsr-program --start "$t3" --data-dir "$data" --profile rae >/dev/null || fail "enrol"
start 80 24 run hsr-program --data-dir "$data" --profile rae
wait_for "set 1 of 4"
advance 86400000
wait_for "Session complete"
# The last set's reps are asked on the summary: as prescribed.
wait_for "Calf raise in the leg press, set 4: you did 10 of 10 reps?"
press Enter
wait_gone "you did 10 of 10 reps?"
press Enter
# The pain first: the load proposed counts it.
wait_for "How much pain did you feel"
press 2
# Exercise by exercise: the load used (every set's reps were confirmed as
# prescribed as each rest ended).
wait_for "Seated calf raise (knee bent): what load did you use, in kilograms?"
press 4 0 Enter
wait_for "Standing calf raise (knee straight): what load did you use, in kilograms?"
press 3 0 Enter
wait_for "Calf raise in the leg press: what load did you use, in kilograms?"
press 6 0 Enter
wait_for "Seated calf raise (knee bent): Next time 42.5 kg: you met 10RM at 40 kg."
screen | tr -s ' \n' ' ' | grep -qF "Standing calf raise (knee straight): Next time 32.5 kg: you met 10RM at 30 kg." ||
	fail "no step for the standing calf raise at its own load"
press Enter
[ "$(finished)" = 0 ] || fail "tendo failed after the load"
out=$("$TENDO" plan --data-dir "$data" --profile rae)
printf '%s\n' "$out" | grep -qF "Seated calf raise (knee bent): 4 x 10 reps, rest 2 min 30 s, 42.5 kg." || fail "plan after: $out"
printf '%s\n' "$out" | grep -qF "Standing calf raise (knee straight): 4 x 10 reps, rest 2 min 30 s, 32.5 kg." || fail "plan after: $out"
printf '%s\n' "$out" | grep -qF "Calf raise in the leg press: 4 x 10 reps, rest 2 min 30 s, 62.5 kg." || fail "plan after: $out"
printf '%s\n' "$out" | grep -qF "Next time 42.5 kg: you met 10RM at 40 kg." || fail "plan after: $out"
# The export names the program and its week.
"$TENDO" export --csv --data-dir "$data" --profile rae | grep -q ",rae,hsr-program,hsr-program,4,completed,Seated calf raise (knee bent),,1,yes,10,10,,,40 kg,2$" ||
	fail "export: $("$TENDO" export --csv --data-dir "$data" --profile rae | head -n 3)"
"$TENDO" export --csv --data-dir "$data" --profile rae | grep -q ",Standing calf raise (knee straight),,1,yes,10,10,,,30 kg,2$" ||
	fail "export: each exercise's sets at its own load: $("$TENDO" export --csv --data-dir "$data" --profile rae)"
t kill-server

# The start screen says each exercise's own load, in the plan's order, not
# one load for the program (which heavy slow resistance does not have).
# The day's questions about the pain come first: skipped.
start 100 30 --data-dir "$data" --profile rae --sound off
skip_day_questions "choose a routine"
wait_for "Loads: 42.5 kg, 32.5 kg and 62.5 kg."
not_on_screen "Load: bodyweight" || fail "the start screen gives heavy slow resistance one load: $(screen)"
press q
finished >/dev/null
t kill-server

# Several programs at once: the heel-raise test beside the two quinn
# follows; none ends another, and the start screen shows today's sessions
# across them.
enrol heel-raise-test --data-dir "$data" --profile quinn >/dev/null || fail "enrol"
out=$("$TENDO" plan --data-dir "$data" --profile quinn) || fail "plan: $out"
for want in "Heel-raise capacity test, week 1" "Alfredson eccentric program (12 weeks), week 1 of 12" \
	"Heavy slow resistance program (12 weeks), week 4 of 12"; do
	printf '%s\n' "$out" | grep -qF "$want" || fail "plan lacks \"$want\": $out"
done
start 100 30 --leg right --data-dir "$data" --profile quinn
wait_for "quinn follows 3 programs:"
wait_for "Heel-raise capacity test: week 1 (0 of 1 today)"
wait_for "Alfredson eccentric program (12 weeks): week 1 of 12 (0 of 2 today)"
wait_for "Heavy slow resistance program (12 weeks): week 4 of 12 (0 of 1 today)"
press q
finished >/dev/null
t kill-server
out=$("$TENDO" leave heel-raise-test --data-dir "$data" --profile quinn) || fail "leave: $out"
[ "$out" = "quinn no longer follows Heel-raise capacity test." ] || fail "leave said: $out"
"$TENDO" plan --data-dir "$data" --profile quinn | grep -qF "Heel-raise" && fail "left, but still planned"
"$TENDO" plan --data-dir "$data" --profile quinn | grep -qF "Alfredson eccentric program" ||
	fail "leaving one program ended another"
err=$("$TENDO" leave heel-raise-test --data-dir "$data" --profile quinn 2>&1)
[ $? -eq 1 ] || fail "leaving a program not followed did not exit 1"
printf '%s\n' "$err" | grep -qF "does not follow Heel-raise capacity test; 'tendo plan' lists the programs followed" || fail "leave: $err"

# The heel-raise capacity test: reps to fatigue on each leg, the limb
# symmetry index, and the tests before.
capacity_test() {
	start 80 24 run heel-raise-test --leg left --data-dir "$data" --profile sol
	wait_for "GET READY"
	advance 23000 # the count-in of 15 s, then a rep each 2 s
	wait_for "Rep 5: press n when you can't do another"
	press n
	wait_for "SWITCH TO THE RIGHT LEG"
	advance 31000 # the switch and count-in of 15 s, then 8 reps
	wait_for "Rep 9: press n"
	press n
	wait_for "Session complete"
	press Enter
	wait_for "heel-raise capacity"
	result=$(screen | tr -s ' \n' ' ')
}
capacity_test
left=$(printf '%s' "$result" | sed -n 's/.*Left leg: \([0-9]*\) reps.*/\1/p')
right=$(printf '%s' "$result" | sed -n 's/.*Right leg: \([0-9]*\) reps.*/\1/p')
[ -n "$left" ] && [ -n "$right" ] && [ "$right" -gt "$left" ] || fail "test result: $result"
lsi=$(( (left * 100 + right / 2) / right ))
printf '%s' "$result" | grep -qF "Limb symmetry index: $lsi% (the affected left leg's reps as a share of the other's)." ||
	fail "no LSI of $lsi%: $result"
press Enter
answer_pain_if_asked 1
finished >/dev/null
t kill-server
capacity_test
printf '%s' "$result" | grep -qF "Before: $(date +'%d %b %Y'): left $left, right $right, $lsi%." ||
	fail "the earlier test is not shown: $result"
press Enter
answer_pain_if_asked 1
finished >/dev/null
exit 0
