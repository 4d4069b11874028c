#!/bin/bash
# The log on a PostgreSQL server that goes away mid-session: the session
# goes on, the screen says plainly that the log is catching up, and when
# the server is back every set arrives once, in order. A kiosk killed
# while the server is away keeps its sets beside it (its journal), and the
# next tendo to open the log writes them, once each.
. "$(dirname "$0")/lib.sh"
need_tmux
need_postgresql
# Each set of the latest session: how many, and how many steps.
latest_sets() {
	pg_sql "SELECT COUNT(*) || ' ' || COUNT(DISTINCT step) FROM sets
		WHERE session_id = (SELECT MAX(id) FROM sessions)"
}

# Away from the count-in to the last second of the fourth hold (some
# 25 s of the session): three sets wait; back, the fourth set's end writes
# all four, and the screen says the log has caught up.
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$WORK/data" --database "$PG_DATABASE"
wait_for "GET READY"
pg_stop
advance 8000 # the first hold ends: the server is away
wait_for "The log is catching up: 1 set wait to be saved"
screen | tr -s ' \n' ' ' | grep -q "server does not answer" || fail "the screen does not say why the sets wait"
advance 6000
wait_for "The log is catching up: 2 sets wait to be saved"
advance 10000 # the legs switch, the third ends
wait_for "The log is catching up: 3 sets wait to be saved"
wait_for "Right leg · hold 2 of 2" # the fourth hold, to its last second
left=$(screen | sed -n 's/.* \([0-9]\) s left of 4 s.*/\1/p')
[ -n "$left" ] || fail "the fourth hold's time is not on the screen"
[ "$left" -gt 1 ] && advance $(((left - 1) * 1000))
wait_for "1 s left of 4 s"
[ "$(pg_sql "SELECT COUNT(*) FROM sets" 2>/dev/null)" = "" ] || fail "the server was not away"
pg_start
advance 1000 # the fourth ends: the server answers, all four are written
wait_for "The log has caught up: every set is saved."
[ "$(latest_sets)" = "4 4" ] || fail "after the server came back: $(latest_sets), not 4 4"
advance 20000
wait_for "Session complete"
press Enter
answer_pain_if_asked 2
[ "$(finished)" = 0 ] || fail "the session with the server away for a while failed"
t kill-server
[ "$(latest_sets)" = "5 5" ] || fail "the sets that waited were lost or doubled: $(latest_sets)"
[ "$(pg_sql "SELECT status FROM sessions")" = completed ] || fail "the session did not end in the log"
[ "$(pg_sql "SELECT string_agg(step::text, ',' ORDER BY id) FROM sets")" = "$(pg_sql "SELECT string_agg(step::text, ',' ORDER BY step) FROM sets")" ] ||
	fail "the sets that waited were written out of order"

# Killed while the server is away: the journal keeps the sets.
killed_with_two_sets_waiting pg_stop --data-dir "$WORK/data" --database "$PG_DATABASE"
ls "$WORK/data"/tendo.pg.waiting-* >/dev/null 2>&1 || fail "the waiting sets were not kept beside the kiosk"
pg_start
# Any tendo that opens the log writes what waited.
"$TENDO" --database "$PG_DATABASE" --data-dir "$WORK/data" member list >/dev/null ||
	fail "the log would not open again"
[ "$(latest_sets)" = "2 2" ] || fail "the journal's sets did not arrive once each: $(latest_sets)"
"$TENDO" --database "$PG_DATABASE" --data-dir "$WORK/data" member list >/dev/null
[ "$(latest_sets)" = "2 2" ] || fail "the journal's sets were written twice: $(latest_sets)"
ls "$WORK/data"/tendo.pg.waiting-* >/dev/null 2>&1 && fail "the journal was left after its sets were written"
exit 0
