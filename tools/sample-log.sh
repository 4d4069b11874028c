#!/bin/bash
# tools/sample-log.sh TENDO OUT.sql — lives twelve weeks of the Alfredson
# program as a made-up person would, day by day on the dates they fall
# (libfaketime), and writes the log as SQL: docs/report-sample.sql, from
# which `make report-sample` draws the README's page of the report.
#
# Sam starts on Monday 5 January 2026 with a left mid-portion
# tendinopathy: easy first weeks, a flare in week 4 (pain 6 after, a step
# back), a missed weekend, a steady climb, a heel-raise test at the start,
# in week 6 and at the end, and VISA-A scores at the same points.
set -eu
tendo=$1
out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=2026-01-05
minute=0

on() {
	local day=$1
	shift
	minute=$((minute + 1))
	faketime "$(date -d "@$(($(date -d "$start 07:00" +%s) + day * 86400 + minute * 60))" "+%F %T")" \
		"$tendo" --data-dir "$work" --profile Sam "$@" >/dev/null
}

# A day's pain during and after, by week: easy, a flare in week 4, then
# settling.
pain_on() {
	local day=$1 week=$(($1 / 7 + 1))
	case $week in
	1 | 2) echo 1 ;;
	3) echo 2 ;;
	4) [ $((day % 7)) -ge 2 ] && echo 6 || echo 3 ;;
	5) echo 3 ;;
	*) echo $((day % 3 == 0 ? 2 : 1)) ;;
	esac
}

printf "no\nno\nno\nno\nno\n" | on 0 enrol alfredson-program --start "$start"
on 0 visa-a 52
for day in $(seq 0 83); do
	[ $((day % 7)) = 0 ] && on "$day" plan
	case $day in 19 | 20) continue ;; esac # a weekend away in week 3
	p=$(pain_on "$day")
	on "$day" log alfredson-program --leg left --pain "$p"
	on "$day" log alfredson-program --leg left --pain "$p"
	on "$day" rate after "$p"
	on "$((day + 1))" rate morning $((p > 3 ? 3 : 1)) --stiffness $((p > 3 ? 4 : 2))
done
on 41 visa-a 68
on 83 visa-a 81
# The heel-raise tests, as the test routine records them.
at() { date -d "$start + $1 days 18:00" +%s; }
sqlite3 "$work/tendo.db" "UPDATE profiles SET leg = 'left';
	INSERT INTO capacity_tests (profile_id, at, left_reps, right_reps, affected) VALUES
	(1, $(at 1), 14, 27, 'left'), (1, $(at 41), 19, 27, 'left'), (1, $(at 82), 25, 28, 'left')"
# The routine's file as a path from the source tree, wherever it was.
{
	sqlite3 "$work/tendo.db" .dump |
		sed "s|'[^']*/routines/alfredson-program.yaml'|'routines/alfredson-program.yaml'|g"
	# .dump leaves out the schema's version, by which tendo knows its log.
	echo "PRAGMA user_version = $(sqlite3 "$work/tendo.db" "PRAGMA user_version");"
} >"$out"
