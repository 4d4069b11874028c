# A full disk under the log: a clear message, the session goes on, a red
# flag that can't be saved is said to be unsaved, and nothing already saved
# is lost; a disk full for a while loses no set: they wait and are written
# once each when there is room.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux
[ "$(id -u)" -eq 0 ] || skip "this test mounts a small filesystem, which needs root"
small=$WORK/small
mkdir -p "$small"
mount -t tmpfs -o size=512k tmpfs "$small" 2>/dev/null || skip "can't mount a small tmpfs here"
on_exit 'umount "$small" 2>/dev/null'
fill_disk() {
	dd if=/dev/zero of="$small/filler" bs=4k 2>/dev/null
}

# A first session, saved.
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$small/log"
wait_for "GET READY"
advance 39000
wait_for "Session complete"
press Enter
answer_pain_if_asked 2
[ "$(finished)" = 0 ] || fail "the first session failed"
t kill-server
"$TENDO" export --csv --data-dir "$small/log" >"$WORK/before.csv" || fail "export before"
[ "$(wc -l <"$WORK/before.csv")" -eq 6 ] || fail "the first session is not in the log"

# Fill the disk, then train again.
fill_disk
start 80 24 run calf-stretches --data-dir "$small/log"
wait_for "GET READY"
advance 40000 # the first hold ends, and its set can't be written
wait_for "disk is full"
advance 10000
wait_for "HOLD"
screen | grep -q "tendo exited" && fail "tendo stopped on a full disk"
# A red flag: the advice, then plainly that it was not saved, and why.
press '!'
wait_for "Session stopped: a red flag"
press Enter
wait_for "Not saved in the log:"
on_screen "the red flag" || fail "the screen does not say the red flag was not saved"
on_screen "disk is full" || fail "the screen does not say why"
press Enter
[ "$(finished)" = 0 ] || fail "tendo failed on a full disk"
t kill-server

# Space again: what was saved before is all there.
rm -f "$small/filler"
"$TENDO" export --csv --data-dir "$small/log" >"$WORK/after.csv" || fail "export after"
[ "$(grep -c ",completed,Test" "$WORK/after.csv")" -eq 5 ] || fail "sets were lost: $(cat "$WORK/after.csv")"

# The disk full for a while mid-session: the sets it would not take wait,
# in order, and are written once each as soon as there is room again.
start 80 24 run "$FIXTURES/short.yaml" --leg left --data-dir "$small/log"
wait_for "GET READY"
fill_disk
advance 8000 # the first hold ends: the log can't take it
wait_for "The log is catching up: 1 set wait to be saved"
rm -f "$small/filler"
advance 6000 # the second ends: room again, both are written
wait_for "The log has caught up: every set is saved."
advance 30000
wait_for "Session complete"
press Enter
answer_pain_if_asked 2
[ "$(finished)" = 0 ] || fail "the session with the disk full for a while failed"
"$TENDO" export --csv --data-dir "$small/log" >"$WORK/caught-up.csv" || fail "export"
[ "$(grep -c ",completed,Test" "$WORK/caught-up.csv")" -eq 10 ] ||
	fail "the sets that waited were lost or doubled: $(cat "$WORK/caught-up.csv")"
if command -v sqlite3 >/dev/null; then
	[ "$(sqlite3 "$small/log/tendo.db" "SELECT COUNT(*) || ' ' || COUNT(DISTINCT step) FROM sets
		WHERE session_id = (SELECT MAX(id) FROM sessions)")" = "5 5" ] ||
		fail "the session's sets are not each there once"
fi

# Killed while the disk is full: the sets that waited were kept beside the
# log (room set aside when the session began), and the next tendo to open
# the log writes them, once each.
killed_with_two_sets_waiting fill_disk --data-dir "$small/log"
ls "$small/log"/tendo.db.waiting-* >/dev/null 2>&1 || fail "the waiting sets were not kept beside the log"
rm -f "$small/filler"
last_session() {
	"$TENDO" export --csv --data-dir "$small/log" | grep -c ",running,Test .*,yes,"
}
[ "$(last_session)" = 2 ] || fail "the kept sets were not written: $("$TENDO" export --csv --data-dir "$small/log")"
[ "$(last_session)" = 2 ] || fail "the kept sets were written twice"
ls "$small/log"/tendo.db.waiting-* >/dev/null 2>&1 && fail "the spool was left after its sets were written"
exit 0
