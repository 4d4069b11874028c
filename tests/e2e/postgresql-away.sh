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

# Away for a while: two sets wait, then all are written when it is back.
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$WORK/data" --database "$PG_DATABASE"
wait_for "GET READY"
pg_stop
advance 8000 # the first hold ends: the server is away
wait_for "The log is catching up: 1 set wait to be saved"
screen | tr -s ' \n' ' ' | grep -q "server does not answer" || fail "the screen does not say why the sets wait"
advance 6000
wait_for "The log is catching up: 2 sets wait to be saved"
[ "$(pg_sql "SELECT COUNT(*) FROM sets" 2>/dev/null)" = "" ] || fail "the server was not away"
pg_start
advance 10000 # the legs switch, the third ends: the server answers, all three are written
wait_for "The log has caught up: every set is saved."
[ "$(latest_sets)" = "3 3" ] || fail "after the server came back: $(latest_sets), not 3 3"
advance 26000
wait_for "Session complete"
press Enter
answer_pain_if_asked 2
[ "$(finished)" = 0 ] || fail "the session with the server away for a while failed"
t kill-server
[ "$(latest_sets)" = "5 5" ] || fail "the sets that waited were lost or doubled: $(latest_sets)"
[ "$(pg_sql "SELECT status FROM sessions")" = completed ] || fail "the session did not end in the log"

# Killed while the server is away: the journal keeps the sets.
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$WORK/data" --database "$PG_DATABASE"
wait_for "GET READY"
pg_stop
advance 8000
wait_for "The log is catching up: 1 set wait to be saved"
advance 6000
wait_for "The log is catching up: 2 sets wait to be saved"
pkill -KILL -P "$(t list-panes -F '#{pane_pid}')"
finished >/dev/null
t kill-server
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
