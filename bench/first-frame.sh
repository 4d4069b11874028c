#!/bin/sh
# first-frame.sh — time to the first frame of the start screen, and peak
# memory, with an empty log and with ten synthetic years of log (two
# sessions a day), and 20 routines.
#
#   bench/first-frame.sh [BUILD]
#
# Runs tendo --frames 1 in a pseudo-terminal (python3's pty) several times
# and prints the median wall time from start to exit (the first frame is
# the last thing drawn) and the peak resident memory (ru_maxrss).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v python3 >/dev/null || { echo "first-frame.sh needs python3" >&2; exit 1; }

mkdir -p "$work/routines"
for i in $(seq 1 3); do
	for f in "$here"/../routines/*.yaml; do
		cp "$f" "$work/routines/$(basename "$f" .yaml)-$i.yaml"
	done
done
ls "$work/routines" | head -n 20 >"$work/keep"
for f in "$work"/routines/*.yaml; do
	grep -qx "$(basename "$f")" "$work/keep" || rm "$f"
done
"$build/bench/genlog" "$work/years" 10 bench >/dev/null

measure() {
	python3 - "$@" <<'PY'
import os, pty, resource, statistics, sys, time
args = sys.argv[1:]
times, rss = [], 0
for _ in range(7):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LINES="24", COLUMNS="80")
        os.execv(args[0], args)
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    times.append((time.monotonic() - start) * 1000)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("first frame: median %.1f ms (min %.1f, max %.1f); peak memory %.1f MB"
      % (statistics.median(times), min(times), max(times), rss / 1024))
PY
}

printf 'empty log, 20 routines:           '
HOME=$work/home measure "$build/tendo" --frames 1 --sound off --routines "$work/routines" --data-dir "$work/empty" --profile bench
printf 'ten years of log, 20 routines:    '
HOME=$work/home measure "$build/tendo" --frames 1 --sound off --routines "$work/routines" --data-dir "$work/years" --profile bench
