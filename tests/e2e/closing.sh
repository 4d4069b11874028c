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
exit 0
