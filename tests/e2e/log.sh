# The log: every set committed as it ends, a kill loses at most the set in
# progress and the next start offers to take the session up, the CSV
# export, and logs that can't be used (the session runs, saying nothing
# will be saved, and the file is left as it was).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux
data=$WORK/data

export_csv() {
	"$TENDO" export --csv --data-dir "$data" "$@" || fail "export failed"
}

# A whole session: five sets, each a row.
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$data" --profile ann
wait_for "GET READY"
advance 39000
wait_for "Session complete"
press Enter
wait_for "How much pain did you feel"
press 4
[ "$(finished)" = 0 ] || fail "tendo failed"
t kill-server
export_csv >"$WORK/one.csv"
head -n 1 "$WORK/one.csv" | grep -qx "date,time,profile,routine,program,week,session,exercise,side,set,completed,planned_reps,done_reps,planned_hold_s,done_hold_s,load,pain_during" ||
	fail "the CSV header is wrong: $(head -n 1 "$WORK/one.csv")"
[ "$(tail -n +2 "$WORK/one.csv" | wc -l)" -eq 5 ] || fail "not 5 rows: $(cat "$WORK/one.csv")"
grep -q ",ann,short,,,completed,Test hold,left,1,yes,,,4.0,4.0,,4$" "$WORK/one.csv" || fail "hold row: $(cat "$WORK/one.csv")"
grep -q ",ann,short,,,completed,Test drop,left,1,yes,3,3,,,2.5 kg,4$" "$WORK/one.csv" || fail "reps row: $(cat "$WORK/one.csv")"
[ "$(export_csv --profile nobody | wc -l)" -eq 1 ] || fail "another profile's rows were exported"

# Killed mid-session: what was done is there, and the next start takes it up.
# The count-in 10 s, then 30 s holds with 10 s rests: the third starts at 90 s.
start 80 24 run calf-stretches --data-dir "$data" --profile bo
wait_for "GET READY"
advance 90000
wait_for "Left leg · hold 3 of 3"
wait_for "HOLD"
pkill -KILL -P "$(t list-panes -F '#{pane_pid}')"
finished >/dev/null
t kill-server
done_before=$(export_csv --profile bo | grep -c ",bo,calf-stretches,,,running,.*,yes,")
[ "$done_before" -eq 2 ] || fail "$done_before sets logged before the kill, not 2: $(export_csv --profile bo)"

start 80 24 run calf-stretches --data-dir "$data" --profile bo
wait_for "was cut off"
screen | tr -s " \n" " " | grep -qF "after 2 sets. Take it up where it stopped?" || fail "the offer does not say 2 sets"
press y
# Taken up from the rest before the third hold: 10 s, the hold's 30 s, then
# the switch of sides.
wait_for "Next: hold 3 of 3"
advance 10000
wait_for "Left leg · hold 3 of 3"
advance 30000
wait_for "SWITCH TO THE RIGHT LEG"
advance 10000
wait_for "Right leg · hold 1 of 3"
wait_for "HOLD"
press q y
wait_for "Session stopped early"
press Enter
# Pain above 5: the advice says so.
wait_for "How much pain did you feel"
press 7
wait_for "more than the 5 out of 10 the pain-monitoring model allows"
press Enter
[ "$(finished)" = 0 ] || fail "tendo failed after resuming"
t kill-server
export_csv --profile bo >"$WORK/bo.csv"
# Left 1-3 done, then the right leg's first hold cut short by q.
[ "$(grep -c ",partial,.*,yes," "$WORK/bo.csv")" -eq 3 ] || fail "sets after resuming: $(cat "$WORK/bo.csv")"
[ "$(cut -d, -f8-11 "$WORK/bo.csv" | grep ',yes$' | sort | uniq -d | wc -l)" -eq 0 ] ||
	fail "a set was logged twice: $(cat "$WORK/bo.csv")"
grep -q ",partial,Wall gastrocnemius stretch (back knee straight),right,1,no," "$WORK/bo.csv" ||
	fail "the set cut short is not marked so: $(cat "$WORK/bo.csv")"

# No offer once the session is over.
start 80 24 run calf-stretches --data-dir "$data" --profile bo
wait_for "GET READY"
screen | grep -q "cut off" && fail "offered to take up a finished session"
press q y Enter
finished >/dev/null
t kill-server

# A log that can't be written: the session runs and says so.
mkdir -p "$WORK/locked"
chmod 500 "$WORK/locked"
if [ "$(id -u)" -ne 0 ]; then
	start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$WORK/locked/log"
	wait_for "Nothing will be saved:"
	press q y Enter
	finished >/dev/null
	t kill-server
fi
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir /proc/tendo-log
wait_for "Nothing will be saved:"
wait_for "can't make the folder for the log"
press x
wait_gone "Nothing will be saved"
press q y Enter
[ "$(finished)" = 0 ] || fail "tendo failed without a log"
wait_for "tendo: Nothing will be saved:"
t kill-server

# A file that is not a tendo log is never touched.
mkdir -p "$WORK/notalog"
printf 'my notes, not a database\n' >"$WORK/notalog/tendo.db"
cp "$WORK/notalog/tendo.db" "$WORK/notes.copy"
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$WORK/notalog"
wait_for "Nothing will be saved:"
wait_for "not a tendo log"
press q y Enter
finished >/dev/null
cmp -s "$WORK/notalog/tendo.db" "$WORK/notes.copy" || fail "tendo changed a file that is not its log"
err=$("$TENDO" export --csv --data-dir "$WORK/notalog" 2>&1 >/dev/null)
[ $? -eq 1 ] || fail "export of a file that is not a log did not exit 1"
printf '%s\n' "$err" | grep -qF "notalog/tendo.db: this is not a tendo log" || fail "export: $err"
exit 0
