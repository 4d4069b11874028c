#!/bin/sh
# first-frame.sh — time to the first frame of the start screen, and peak
# memory, with an empty log and with ten synthetic years of log (two
# sessions a day), and 20 routines.
#
#   bench/first-frame.sh [BUILD]
#
# Runs tendo --frames 1 in a pseudo-terminal (python3's pty) several times
# and prints the median wall time from start to exit (the first frame is
# the last thing drawn) and the peak resident memory (ru_maxrss). The same
# harness runs a peer that does nothing (/bin/true) in the same run, and
# the figures are given less the peer's time: what the harness itself
# costs (a fork, a pty, python) is not tendo's.
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

def run(args, rounds=9):
    times = []
    for _ in range(rounds):
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
        _, status, usage = os.wait4(pid, 0)
        times.append((time.monotonic() - start) * 1000)
    return statistics.median(times), usage.ru_maxrss / 1024

def peak_memory(args):
    """tendo's own peak resident memory (VmHWM) once its first frame is up:
    run it for two frames (the second never comes), read, and stop it."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LINES="24", COLUMNS="80")
        os.execv(args[0], [a if a != "1" else "2" for a in args])
    time.sleep(0.5)
    kb = 0
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                kb = int(line.split()[1])
    os.kill(pid, 15)
    os.waitpid(pid, 0)
    return kb / 1024

peer, _ = run(["/bin/true"])
tendo, _ = run(sys.argv[1:])
print("first frame %.1f ms (the harness with the peer /bin/true: %.1f ms, so %.1f ms of "
      "tendo's own); peak memory %.1f MB" % (tendo, peer, tendo - peer, peak_memory(sys.argv[1:])))
PY
}

printf 'empty log, 20 routines:           '
HOME=$work/home measure "$build/tendo" --frames 1 --sound off --routines "$work/routines" --data-dir "$work/empty" --profile bench
printf 'ten years of log, 20 routines:    '
HOME=$work/home measure "$build/tendo" --frames 1 --sound off --routines "$work/routines" --data-dir "$work/years" --profile bench
