#!/bin/sh
# drift.sh — cue lateness and end-of-session drift at real speed.
#
#   bench/drift.sh [TENDO] [ROUTINE] [CUE-LOG]
#
# Runs ROUTINE (default: bench/ten-minutes.yaml, 10 minutes;
# bench/sixty-minutes.yaml is the hour-long run) at --speed 1 in a private
# tmux, with --cue-log, and prints the lateness of every cue against its
# planned time (median, p99, worst) and how far the session's end fell
# from plan. CUE-LOG keeps the cue log (each cue's planned and actual
# time, so each one's lateness). Needs tmux. Takes as long as the routine.
# The session is logged in a folder of its own: a log of earlier sessions
# would ask its questions (the pain after the last one) first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tendo=${1:-$here/../build/tendo}
routine=${2:-$here/ten-minutes.yaml}
work=$(mktemp -d)
trap 'tmux -L tendo-bench-$$ kill-server 2>/dev/null; rm -rf "$work"' EXIT

planned_ms=$("$tendo" list --routines "$(dirname "$routine")" |
	awk -v n="$(basename "$routine" .yaml)" '$1 == n { print $(NF-2) }' |
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s * 1000 }')
tmux -L tendo-bench-$$ -f /dev/null new-session -d -x 80 -y 24 \
	"'$tendo' --data-dir '$work/data' run '$routine' --leg left --sound off --cue-log '$work/cues.log'; sleep 60"
while ! grep -q ' session-done$' "$work/cues.log" 2>/dev/null; do
	sleep 1
done
awk '{ print $2 - $1 }' "$work/cues.log" | sort -n | awk -v n="$(wc -l <"$work/cues.log")" '
	{ a[NR] = $1 }
	END {
		p99 = int(NR * 0.99 + 0.999)
		printf "cue lateness over %d cues: median %.3f ms, p99 %.3f ms, worst %.3f ms\n",
			NR, a[int((NR + 1) / 2)], a[p99], a[NR]
	}'
awk -v plan="$planned_ms" '$3 == "session-done" {
	printf "session end: planned %.3f ms (routine %.0f ms), actual %.3f ms: %.3f ms after plan\n",
		$1, plan, $2, $2 - plan }' "$work/cues.log"
[ -n "${3:-}" ] && cp "$work/cues.log" "$3"
exit 0
