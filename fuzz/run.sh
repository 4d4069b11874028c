#!/bin/sh
# run.sh — each libFuzzer target for SECONDS, from the seed corpus.
#
#   fuzz/run.sh BUILD [SECONDS]      (BUILD configured with CC=clang --enable-fuzzing)
#
# First replays every input in fuzz/regressions/TARGET (each once crashed
# a target), then fuzzes for SECONDS (default 60). A crash, a leak or a
# sanitizer report fails the target; the input that caused it is kept in
# fuzz/regressions/TARGET, to be committed as a regression case, and shown
# in base64 so that it can be had from a CI log. Prints "TARGET: ok" or
# "TARGET: FAILED ..." for each, and exits 1 if any failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: fuzz/run.sh BUILD [SECONDS]}
seconds=${2:-60}
failed=0
for target in routine settings member; do
	bin=$build/fuzz/fuzz_$target
	if [ ! -x "$bin" ]; then
		echo "$target: FAILED: $bin is not built (configure with CC=clang --enable-fuzzing)"
		failed=1
		continue
	fi
	work=$(mktemp -d)
	regressions=$here/regressions/$target
	mkdir -p "$regressions" "$work/corpus" "$work/crashes"
	cases=$(find "$regressions" -type f ! -name .keep)
	if [ -n "$cases" ] && ! "$bin" $cases >"$work/replay.log" 2>&1; then
		echo "$target: FAILED: a regression case crashes it again"
		tail -n 30 "$work/replay.log"
		failed=1
		rm -rf "$work"
		continue
	fi
	# The seeds are read, never written: new inputs go to the work corpus.
	if "$bin" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
		-artifact_prefix="$work/crashes/" -print_final_stats=1 \
		"$work/corpus" "$here/corpus/$target" >"$work/fuzz.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
		echo "$target: ok, ${runs:-?} inputs in ${seconds}s"
	else
		echo "$target: FAILED"
		grep -E '^==[0-9]+==|SUMMARY|ERROR' "$work/fuzz.log" | head -n 20
		for crash in "$work"/crashes/*; do
			[ -f "$crash" ] || continue
			kept=$regressions/$(basename "$crash")
			cp "$crash" "$kept"
			echo "  kept as $kept; base64:"
			base64 "$crash" | sed 's/^/    /'
		done
		failed=1
	fi
	rm -rf "$work"
done
exit $failed
