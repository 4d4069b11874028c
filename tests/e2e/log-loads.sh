# Sessions logged away from the screen move the load as the screen would:
# under heavy slow resistance each exercise's load is kept and the next
# proposed (as prescribed, or the kilograms given with --load); pain of 8
# or more pauses the programs at once; a --load that can't be taken says
# where and what, and logs nothing.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
data=$WORK/data
use_log "$data"
start=$(date -d '-6 days' +%F)
day() { date -d "$start + $1 days" +%F; }
as() {
	local who=$1
	shift
	"$TENDO" "$@" --data-dir "$data" --profile "$who"
}
# One value a row, joined with commas (group_concat is SQLite's alone).
joined() {
	log_sql "$1" | paste -sd, -
}
# The load each exercise of session N (1, 2, ...) of WHO was done at, by
# the exercise's name.
loads_of() {
	joined "SELECT load FROM (SELECT DISTINCT s.exercise, s.load FROM sets s
		JOIN sessions n ON n.id = s.session_id JOIN profiles p ON p.id = n.profile_id
		WHERE p.name = '$1' AND n.id = (SELECT id FROM sessions WHERE profile_id = p.id
		ORDER BY id LIMIT 1 OFFSET $(($2 - 1)))) t ORDER BY exercise"
}
# The next load of each exercise of WHO, in tenths of a kilogram.
next_loads() {
	joined "SELECT CAST(x.load_kg * 10 AS INTEGER) FROM exercise_loads x JOIN enrolments e
		ON e.id = x.enrolment_id JOIN profiles p ON p.id = e.profile_id WHERE p.name = '$1'
		ORDER BY x.exercise"
}

enrol hsr-program --start "$start" --data-dir "$data" --profile Ann >/dev/null || fail "enrol Ann"

# As prescribed, every set at its reps: bodyweight kept, each exercise up a
# step of 2.5 kg (the file's load_step; Beyer 2015: the load follows the
# RM as the person gets stronger).
out=$(as Ann log hsr-program --date "$(day 0)" --pain 2) || fail "log as prescribed: $out"
printf '%s\n' "$out" | grep -qF "Seated calf raise (knee bent): Next time 2.5 kg: you met 15RM at bodyweight." ||
	fail "no next load said: $out"
[ "$(loads_of Ann 1)" = "bodyweight,bodyweight,bodyweight" ] || fail "loads kept: $(loads_of Ann 1)"
[ "$(next_loads Ann)" = "25,25,25" ] || fail "next loads: $(next_loads Ann)"
as Ann plan | grep -qF "Seated calf raise (knee bent): 3 x 15 reps, rest 2 min 30 s, 2.5 kg." ||
	fail "the plan does not prescribe 2.5 kg: $(as Ann plan)"

# The loads the exercises were done at, in the order the plan lists them
# (seated, standing, leg press), with pain during of 6: above the model's
# 5 (Silbernagel 2007), a step back from each load used.
out=$(as Ann log hsr-program --date "$(day 2)" --load 20,25.5,0 --pain 6) || fail "log --load: $out"
printf '%s\n' "$out" | grep -qF "Standing calf raise (knee straight): Stepping back to 23 kg: pain during a session was 6, above 5." ||
	fail "no step back said: $out"
[ "$(loads_of Ann 2)" = "bodyweight,20 kg,25.5 kg" ] || fail "loads kept: $(loads_of Ann 2)"
[ "$(next_loads Ann)" = "0,175,230" ] || fail "next loads: $(next_loads Ann)"
[ "$(joined "SELECT action FROM decisions ORDER BY id")" = "progress,step back" ] ||
	fail "decisions: $(log_sql 'SELECT action FROM decisions')"

# Loads that can't be taken: where and what, exit 2, nothing logged.
sessions=$(log_sql "SELECT count(*) FROM sessions")
while IFS='|' read -r loads said; do
	out=$(as Ann log hsr-program --date "$(day 4)" --load "$loads" 2>&1) && fail "--load $loads was taken"
	[ $? -eq 2 ] || fail "--load $loads: not a usage error"
	printf '%s\n' "$out" | grep -qF -- "$said" || fail "--load $loads said: $out"
done <<'CASES'
20,25|one load for each of the 3 exercises of Heavy slow resistance program (12 weeks), in its order (see 'tendo plan'), found 2
20,25,30,35|found 4
20,abc,30|found "abc" for Standing calf raise (knee straight)
20,,30|found "" for Standing calf raise (knee straight)
20,25,2000|found "2000" for Calf raise in the leg press
-5,25,30|found "-5" for Seated calf raise (knee bent)
CASES
[ "$(log_sql "SELECT count(*) FROM sessions")" = "$sessions" ] || fail "a refused --load logged a session"
out=$(as Ann log calf-stretches --load 5 2>&1) && fail "--load on a stretch was taken"
printf '%s\n' "$out" | grep -qF -- "--load is for a program that moves each exercise's load by its reps (heavy slow resistance); Calf stretches is not one" ||
	fail "--load on a stretch said: $out"
out=$(as Bo log hsr-program --load 5,5,5 2>&1) && fail "--load without the program followed was taken"
printf '%s\n' "$out" | grep -qF -- "--load proposes the next loads of a program you follow, and you do not follow Heavy slow resistance program (12 weeks) (tendo enrol)" ||
	fail "--load without the program said: $out"
enrol hsr-program --start "$(date -d '-100 days' +%F)" --data-dir "$data" --profile Ed >/dev/null || fail "enrol Ed"
out=$(as Ed log hsr-program --load 5,5,5 2>&1) && fail "--load after the program's end was taken"
printf '%s\n' "$out" | grep -qF -- "Heavy slow resistance program (12 weeks) ended after week 12: its loads no longer move" ||
	fail "--load after the end said: $out"

# Pain of 8 or more, logged: the programs pause at once, as on the screen
# and with 'tendo rate' (the pain-monitoring model's stop, Silbernagel
# 2007), and no load is proposed.
enrol alfredson-program --start "$start" --data-dir "$data" --profile Cy >/dev/null || fail "enrol Cy"
out=$(as Cy log alfredson-program --leg left --date "$(day 1)" --pain 9) || fail "log --pain 9: $out"
printf '%s\n' "$out" | grep -qF "Pain of 9 recorded. Pain of 8 or more out of 10 is too much for a loading program: it is paused" ||
	fail "the pause was not said: $out"
[ "$(log_sql "SELECT paused FROM enrolments e JOIN profiles p ON p.id = e.profile_id WHERE p.name = 'Cy'")" = 1 ] ||
	fail "the program was not paused: $(log_sql 'SELECT * FROM enrolments')"
as Cy plan | grep -qF "Paused: pain of 9 out of 10 was reported." || fail "the plan does not say the program is paused: $(as Cy plan)"

# A session logged while heavy slow resistance is paused: kept, but no load
# moves while the pain of 9 stands, and the pause is said once, not once
# for each exercise.
enrol hsr-program --start "$start" --data-dir "$data" --profile Di >/dev/null || fail "enrol Di"
as Di log hsr-program --date "$(day 0)" --pain 9 --load 10,12.5,15 >/dev/null || fail "Di's pain of 9"
# The loads Di said are kept with the session, and stay her loads.
[ "$(loads_of Di 1)" = "15 kg,10 kg,12.5 kg" ] || fail "Di's loads: $(loads_of Di 1)"
[ "$(next_loads Di)" = "150,100,125" ] || fail "Di's loads moved at pain 9: $(next_loads Di)"
out=$(as Di log hsr-program --date "$(day 2)" --pain 2) || fail "Di's session while paused: $out"
[ "$(printf '%s\n' "$out" | grep -o "Paused: pain of 9" | wc -l)" -eq 1 ] ||
	fail "the pause was not said once: $out"
[ "$(next_loads Di)" = "150,100,125" ] || fail "loads moved while paused: $(next_loads Di)"
exit 0
