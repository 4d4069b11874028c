#!/bin/bash
# stress.sh — the whole suite, several times in a row, on a busy machine:
# make -j4 check beside stress-ng --cpu 4, as a loaded CI machine feels.
# A test that fails here fails somewhere; none may.
#
#   tests/stress.sh [RUNS]     (default 3; run from the top of the tree)
#
# Builds in build-stress/ (configured here if it is not), prints each run's
# counts and time, and exits 1 if any run had a failure.
set -u
runs=${1:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build-stress
command -v stress-ng >/dev/null || {
	echo "stress.sh needs stress-ng (apt-get install stress-ng)" >&2
	exit 2
}
[ -x "$top/configure" ] || (cd "$top" && autoreconf -fi) || exit 2
if [ ! -f "$build/Makefile" ]; then
	mkdir -p "$build"
	(cd "$build" && "$top/configure" -q) || exit 2
fi
make -C "$build" -s -j"$(nproc)" >/dev/null || exit 2

stress-ng --cpu 4 --timeout 0 >/dev/null 2>&1 &
load=$!
trap 'kill $load 2>/dev/null; wait $load 2>/dev/null' EXIT

bad=0
for run in $(seq "$runs"); do
	start=$(date +%s)
	make -C "$build" -s -j4 check >"$build/stress-$run.out" 2>&1
	took=$(($(date +%s) - start))
	log=$build/test-suite.log
	pass=$(sed -n 's/^# PASS: *//p' "$log")
	fail=$(($(sed -n 's/^# FAIL: *//p' "$log") + $(sed -n 's/^# ERROR: *//p' "$log")))
	skip=$(sed -n 's/^# SKIP: *//p' "$log")
	echo "run $run: $pass passed, $fail failed, $skip skipped in ${took}s"
	if [ "$fail" -ne 0 ]; then
		bad=1
		grep -E '^(FAIL|ERROR):' "$log"
		cp "$log" "$build/stress-$run.log"
	fi
done
exit "$bad"
