#!/bin/bash
# A program ends: after its twelfth week the next start shows a closing
# screen once (weeks, sessions done of those prescribed, load and pain
# from and to, the heel-raise test, what comes next from its source), and
# sessions after the end run at the last week's prescription and never
# move the load.
. "$(dirname "$0")/lib.sh"
need_tmux
data=$WORK/data
day() {
	date -d "-$1 days" +%F
}

enrol alfredson-program --start "$(day 90)" --data-dir "$data" --profile cleo >/dev/null ||
	fail "enrol"
for d in 89 88; do
	"$TENDO" log alfredson-program --leg left --date "$(day $d)" --pain 4 --data-dir "$data" \
		--profile cleo >/dev/null || fail "log on $(day $d)"
done
"$TENDO" log alfredson-program --leg left --date "$(day 8)" --pain 1 --data-dir "$data" \
	--profile cleo >/dev/null || fail "log in week 12"

start 80 24 run alfredson-program --leg left --data-dir "$data" --profile cleo
# The questions of the first start after a session: pain after it, and
# this morning's.
wait_for "How much pain did you feel in the tendon after your last session"
press 1
wait_for "How much pain do you feel in the tendon this morning?"
press 1
wait_for "And how stiff is it this morning?"
press 1
wait_for "the program is complete"
text=$(screen | tr -s ' \n' ' ')
for want in "You have finished the 12 weeks of Alfredson eccentric program (12 weeks)." \
	"Sessions: 3 of the 168 prescribed." "Load: from bodyweight to bodyweight." \
	"Pain during the exercises: 4.0 on average in week 1, 1.0 in week 12." \
	"What comes next: Keep the drops up two or three times a week"; do
	printf '%s\n' "$text" | grep -qF "$want" || fail "the closing screen lacks \"$want\""
done
press Enter
wait_for "GET READY"
wait_for "set 1 of 3 · bodyweight"
press q y Enter
answer_pain_if_asked s
[ "$(finished)" = 0 ] || fail "tendo failed after the closing screen"
t kill-server

# Once: the next session goes straight in, and the load stays.
start 80 24 run alfredson-program --leg left --data-dir "$data" --profile cleo
wait_for "GET READY"
on_screen "the program is complete" && fail "the closing screen came twice"
press q y Enter
finished >/dev/null
t kill-server
out=$("$TENDO" plan --data-dir "$data" --profile cleo)
printf '%s\n' "$out" | grep -qF "The program ended after week 12; the load stays at bodyweight." ||
	fail "plan after the end: $out"
printf '%s\n' "$out" | head -n 1 | grep -qxF "Alfredson eccentric program (12 weeks) ended after week 12; its last week was:" ||
	fail "plan after the end does not say the week shown was the last: $out"

# Heavy slow resistance: each exercise's load, from its first set in the
# program to where it stands (each moves on its own, Beyer 2015).
enrol hsr-program --start "$(day 90)" --data-dir "$data" --profile hugo >/dev/null || fail "enrol hugo"
"$TENDO" log hsr-program --date "$(day 89)" --load 20,0,40 --pain 3 --data-dir "$data" \
	--profile hugo >/dev/null || fail "hugo's first session"
"$TENDO" log hsr-program --date "$(day 10)" --load 30,10,60 --pain 1 --data-dir "$data" \
	--profile hugo >/dev/null || fail "hugo's session in week 12"
start 100 40 run hsr-program --data-dir "$data" --profile hugo
skip_day_questions "the program is complete"
text=$(screen | tr -s ' \n' ' ')
want="Loads: Seated calf raise (knee bent) from 20 kg to 32.5 kg; Standing calf raise (knee straight) from bodyweight to 12.5 kg; Calf raise in the leg press from 40 kg to 62.5 kg."
printf '%s\n' "$text" | grep -qF "$want" || fail "hugo's closing screen lacks \"$want\": $text"
printf '%s\n' "$text" | grep -qF "Load: from" && fail "hugo's closing screen gives one load: $text"
press Enter
wait_for "GET READY"
wait_for "set 1 of 4 · 32.5 kg"
press q y Enter
answer_pain_if_asked s
finished >/dev/null
t kill-server
out=$("$TENDO" plan --data-dir "$data" --profile hugo)
for want in "Seated calf raise (knee bent): 4 x 6 reps, rest 2 min 30 s, 32.5 kg." \
	"The program ended after week 12; each exercise's load stays where it is."; do
	printf '%s\n' "$out" | grep -qF "$want" || fail "hugo's plan after the end lacks \"$want\": $out"
done
exit 0
