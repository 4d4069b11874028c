#!/bin/bash
# Logs that can't be used: a tendo log truncated, one with pages
# overwritten, one from a newer tendo. Each time the session still runs and
# says plainly that nothing will be saved and why, export says so and exits
# 1, and the file is left exactly as it was.
. "$(dirname "$0")/lib.sh"
need_tmux
GENLOG=${GENLOG:-$(dirname "$TENDO")/bench/genlog}
[ -x "$GENLOG" ] || skip "bench/genlog is not built"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"

"$GENLOG" "$WORK/good" 1 ana >/dev/null || fail "genlog"
size=$(stat -c %s "$WORK/good/tendo.db")
[ "$size" -gt 16384 ] || fail "the log made is too small to damage: $size bytes"

make_log() {
	mkdir -p "$WORK/$1"
	cp "$WORK/good/tendo.db" "$WORK/$1/tendo.db"
}
make_log truncated
truncate -s $((size / 2)) "$WORK/truncated/tendo.db"
make_log overwritten
# Pages 2 and 3 (the schema's and the first tables') turned to noise.
head -c 8192 /dev/urandom | dd of="$WORK/overwritten/tendo.db" bs=4096 seek=1 conv=notrunc 2>/dev/null
make_log newer
sqlite3 "$WORK/newer/tendo.db" "PRAGMA user_version = 99" || fail "sqlite3"

for case in truncated overwritten newer; do
	db=$WORK/$case/tendo.db
	cp "$db" "$WORK/$case.copy"
	start 80 24 run "$FIXTURES/short.yaml" --leg left --sound off --data-dir "$WORK/$case"
	wait_for "Nothing will be saved:"
	case $case in
	newer) wait_for "newer tendo" ;;
	*) screen | grep -qE "damaged|malformed|not a tendo log|can't be read" ||
		fail "$case: the message does not say the log is damaged" ;;
	esac
	wait_for "Test hold"
	press q y Enter
	[ "$(finished)" = 0 ] || fail "$case: the session did not end cleanly"
	t kill-server
	cmp -s "$db" "$WORK/$case.copy" || fail "$case: tendo changed the log"
	[ ! -e "$db-wal" ] || [ ! -s "$db-wal" ] || fail "$case: tendo wrote a journal beside the log"
	err=$("$TENDO" export --csv --data-dir "$WORK/$case" 2>&1 >/dev/null)
	[ $? -eq 1 ] || fail "$case: export did not exit 1"
	printf '%s\n' "$err" | grep -qF "$db" || fail "$case: export does not name the file: $err"
	cmp -s "$db" "$WORK/$case.copy" || fail "$case: export changed the log"
done
exit 0
