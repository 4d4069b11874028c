#!/usr/bin/env python3
"""pty-measure.py — what a program costs while it shows a countdown.

    pty-measure.py [--cols 80] [--rows 24] [--skip S] [--window W] [--rounds N] -- COMMAND...

Runs COMMAND in a pseudo-terminal of COLS x ROWS (TERM=xterm-256color),
lets it settle for S seconds, then for W seconds counts the bytes it
writes to the terminal, its wake-ups (voluntary context switches, from
/proc) and its CPU time (its own and its children's, from /proc). Prints
one line of JSON with the medians over N rounds:
    {"bytes_per_s": ..., "wakeups_per_s": ..., "cpu_percent": ...}
"""
import argparse, fcntl, json, os, pty, select, signal, statistics, struct, sys, termios, time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime, stime, cutime, cstime: fields 14-17, here from index 11.
    return sum(int(x) for x in fields[11:15])


def switches(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("voluntary_ctxt_switches:"):
                return int(line.split()[1])
    return 0


def drain(fd, until):
    """Reads what the program writes until the monotonic time until;
    returns the bytes read, or -1 when it ended."""
    total = 0
    while True:
        left = until - time.monotonic()
        if left <= 0:
            return total
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return -1
            if not data:
                return -1
            total += len(data)


def one_round(command, cols, rows, skip, window):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("LINES", None)
        os.environ.pop("COLUMNS", None)
        os.execvp(command[0], command)
    try:
        if drain(fd, time.monotonic() + skip) < 0:
            raise SystemExit("%s ended before the measuring began" % command[0])
        start, ticks, wakes = time.monotonic(), cpu_ticks(pid), switches(pid)
        written = drain(fd, start + window)
        elapsed = time.monotonic() - start
        if written < 0:
            raise SystemExit("%s ended while it was measured" % command[0])
        return {
            "bytes_per_s": written / elapsed,
            "wakeups_per_s": (switches(pid) - wakes) / elapsed,
            "cpu_percent": (cpu_ticks(pid) - ticks) / TICK / elapsed * 100,
        }
    finally:
        os.kill(pid, signal.SIGTERM)
        drain(fd, time.monotonic() + 0.5)
        os.waitpid(pid, 0)
        os.close(fd)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cols", type=int, default=80)
    p.add_argument("--rows", type=int, default=24)
    p.add_argument("--skip", type=float, default=4)
    p.add_argument("--window", type=float, default=10)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    command = a.command[1:] if a.command[:1] == ["--"] else a.command
    rounds = [one_round(command, a.cols, a.rows, a.skip, a.window) for _ in range(a.rounds)]
    print(json.dumps({k: statistics.median(r[k] for r in rounds) for k in rounds[0]}))


if __name__ == "__main__":
    main()
