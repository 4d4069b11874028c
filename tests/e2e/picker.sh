# The routine list: good and broken routines side by side, a broken one
# can't be started and says why, a good one runs and comes back to the list.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

cd "$FIXTURES"
start 80 24 --routines folder
wait_for "tendo — choose a routine"
wait_for "follows no program: choose one below to start it."
wait_for "> A good routine"
wait_for "A second good one"
wait_for "Calf stretches"
wait_for "broken · --routines"
screen | tail -n 1 | grep -qF "q  quit" || fail "the list's keys lack q quit: $(screen | tail -n 1)"

# The last entry is broken: its details name the file, line and column.
press End
wait_for "can't be used until its file is fixed"
wait_for "folder/bad-zero-hold.yaml:4:11: hold must be a duration"
press Enter
wait_for "That routine's file has an error"

# First letters jump: "c" goes to Calf stretches.
press Home c
wait_for "> Calf stretches"
wait_for "Source: NHS"
# Where room is short, its caution keeps its lines before the source does,
# and the source, cut, ends in an ellipsis.
wait_for "same-day medical care."
wait_for "Source: NHS and NHS inform exercise sheets for Achilles tendinopathy and calf…"
press Home
wait_for "> A good routine"
press Enter
wait_for "Stand"
advance 3600000 # however long it is: to its end
wait_for "Session complete"
# Holds only: the summary speaks of holds, not of reps it never had.
wait_for "Time in holds:  5 s"
on_screen "Reps:" && fail "a routine of holds alone shows its reps"
press Enter
wait_for "How much pain did you feel"
press 1
wait_for "tendo — choose a routine"

# The affected leg is asked when a routine needs it and --leg was not given.
press e
wait_for "> Eccentric heel drops (Alfredson)"
press Enter
wait_for "Which leg is affected?"
press r
wait_for "Right leg (affected)"
press q
wait_for "Quit this session?"
press y
wait_for "Session stopped early"
press Enter
wait_for "choose a routine"
# The history: today's session is in it.
press H
wait_for "last four weeks"
wait_for "Weekly volume"
screen | grep -qE "●|#" || fail "no session in the calendar"
# At 80x24 (the smallest tendo draws at) every week of the volume fits,
# down to this week.
for week in "7 weeks ago" "2 weeks ago" "1 week ago" "this week"; do
	on_screen "$week" || fail "\"$week\" is not on the history screen at 80x24"
done
press q
wait_for "choose a routine"

# A program chosen here: follow it from today, and the start screen says so.
choose_alfredson_program
# The screening: no red flag, mid-portion pain, none of the cautions.
answer_screening n n n n n
wait_for "Which leg is affected?"
press l
wait_for "Week 1: At bodyweight."
press q y Enter
wait_for "Alfredson eccentric program (12 weeks): week 1 of 12"
wait_for "Today: 0 of 2 sessions done. 3 x 15 reps. Load: bodyweight."
press q
status=$(finished)
[ "$status" = 0 ] || fail "tendo exited $status"
wait_for "tendo: Alfredson eccentric program (12 weeks) stopped early"
t kill-server

# No routines at all (none shipped, none of the user's): it says where to
# put them, and q is still offered to leave.
mkdir -p "$WORK/no-routines" "$WORK/empty-home"
TEST_ENV="TENDO_DATADIR=$WORK/no-routines HOME=$WORK/empty-home XDG_CONFIG_HOME=$WORK/empty-home" \
	start 80 24 --data-dir "$WORK/data-empty"
wait_for "No routines were found."
screen | tail -n 1 | grep -qF "q  quit" || fail "no q to leave a list of no routines: $(screen | tail -n 1)"
press q
[ "$(finished)" = 0 ] || fail "tendo did not leave a list of no routines"
exit 0
