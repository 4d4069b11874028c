#!/bin/bash
# The store's unit tests (tests/unit/test_store.c), each on an emptied
# PostgreSQL database on a private server: one contract, both logs.
. "$(dirname "$0")/lib.sh"
tests=$(dirname "$TENDO")/tests/unit/test_store
[ -x "$tests" ] || skip "the unit tests were not built (cmocka is missing)"
need_postgresql
TENDO_TEST_DATABASE=$PG_DATABASE "$tests" >"$WORK/store.out" 2>&1 || {
	cat "$WORK/store.out"
	fail "the store's tests failed on PostgreSQL"
}
grep -E "^(ok|not ok|# )" "$WORK/store.out" || cat "$WORK/store.out"
# Only what a server can't show is left out.
skipped=$(grep -c "# SKIP" "$WORK/store.out")
[ "$skipped" -le 1 ] || fail "$skipped of the store's tests were skipped on PostgreSQL"
exit 0
