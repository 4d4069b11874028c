#!/bin/bash
# Three tendo processes write sessions to one PostgreSQL log at once, from
# a database no tendo has opened yet (they make its tables together):
# nothing lost, nothing doubled.
. "$(dirname "$0")/lib.sh"
need_postgresql
writer() {
	local w=$1 day
	for day in 01 02 03 04 05 06 07 08 09 10; do
		"$TENDO" --database "$PG_DATABASE" --data-dir "$WORK/data-$w" --profile "writer-$w" \
			--date "2026-11-$day" log calf-stretches >/dev/null || return 1
	done
}
pids=""
for w in 1 2 3; do
	writer "$w" &
	pids="$pids $!"
done
for pid in $pids; do
	wait "$pid" || fail "a writer failed"
done
[ "$(pg_sql "SELECT COUNT(*) FROM sessions")" = 30 ] || fail "sessions: $(pg_sql "SELECT COUNT(*) FROM sessions"), not 30"
[ "$(pg_sql "SELECT COUNT(*) FROM sets")" = 540 ] || fail "sets: $(pg_sql "SELECT COUNT(*) FROM sets"), not 540 (30 sessions of 18)"
[ "$(pg_sql "SELECT COUNT(*) FROM (SELECT session_id, step, side, set_number FROM sets
	GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1) AS twice")" = 0 ] || fail "a set was written twice"
for w in 1 2 3; do
	[ "$(pg_sql "SELECT COUNT(*) FROM sessions s JOIN profiles p ON p.id = s.profile_id
		WHERE p.name = 'writer-$w'")" = 10 ] || fail "writer $w's sessions are not all theirs"
done
exit 0
