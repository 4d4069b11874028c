#!/usr/bin/env python3
"""ptymeasure.py — what a program costs while it shows a countdown.

    ptymeasure.py [--cols 80] [--rows 24] [--skip S] [--window W] [--rounds N] -- COMMAND...

Runs COMMAND in a pseudo-terminal of COLS x ROWS (TERM=xterm-256color),
lets it settle for S seconds, then for W seconds counts the bytes it
writes to the terminal, and the wake-ups (voluntary context switches)
and CPU time (to the nanosecond) of every thread of it and of its
children, from /proc, with the CPU of children that ended and were
waited for (in clock ticks). Prints one line of JSON with the medians
over N rounds:
    {"bytes_per_s": ..., "wakeups_per_s": ..., "cpu_percent": ..., "threads": ...}
"""
import argparse, fcntl, json, os, pty, select, signal, statistics, struct, sys, termios, time

TICK = os.sysconf("SC_CLK_TCK")


def family(pid):
    """The process and every process below it, alive now."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def snapshot(pid):
    """Each thread of the process and of its children, alive now: its CPU
    time to the nanosecond (/proc/P/task/T/schedstat) and its wake-ups
    (voluntary context switches, /proc/P/task/T/status); with the
    process's waited-for children's CPU in clock ticks (/proc/PID/stat: a
    peer such as watch runs a program each second)."""
    threads = {}
    for p in family(pid):
        try:
            tids = os.listdir("/proc/%d/task" % p)
        except OSError:
            continue
        for tid in tids:
            try:
                with open("/proc/%d/task/%s/schedstat" % (p, tid)) as f:
                    cpu = int(f.read().split()[0]) / 1e9
                with open("/proc/%d/task/%s/status" % (p, tid)) as f:
                    wakes = next(int(l.split()[1]) for l in f if l.startswith("voluntary_ctxt_switches:"))
            except (OSError, StopIteration):
                continue
            threads[int(tid)] = (cpu, wakes)
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # cutime, cstime: fields 16-17, here at index 13 and 14.
    return threads, (int(fields[13]) + int(fields[14])) / TICK


def spent(before, after):
    """CPU seconds and wake-ups between two snapshots: every thread alive
    at the end, from 0 for those begun since, and the children waited for."""
    (was, was_children), (now, now_children) = before, after
    cpu = sum(c - was.get(t, (0, 0))[0] for t, (c, _) in now.items()) + now_children - was_children
    wakes = sum(w - was.get(t, (0, 0))[1] for t, (_, w) in now.items())
    return cpu, wakes, len(now)


def drain(fd, until, keep=None):
    """Reads what the program writes until the monotonic time until (into
    the list keep, when given); returns the bytes read, or -1 when it
    ended."""
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
            if keep is not None:
                keep.append(data)


def end(pid, fd, settle=0.5):
    """Ends a program started by spawn or pty.fork: SIGTERM, what it
    writes as it goes, and its exit."""
    os.kill(pid, signal.SIGTERM)
    drain(fd, time.monotonic() + settle)
    os.waitpid(pid, 0)
    os.close(fd)


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
        start, before = time.monotonic(), snapshot(pid)
        written = drain(fd, start + window)
        elapsed = time.monotonic() - start
        if written < 0:
            raise SystemExit("%s ended while it was measured" % command[0])
        cpu, wakes, threads = spent(before, snapshot(pid))
        return {
            "bytes_per_s": written / elapsed,
            "wakeups_per_s": wakes / elapsed,
            "cpu_percent": cpu / elapsed * 100,
            "threads": threads,
        }
    finally:
        end(pid, fd)


def measure(command, cols=80, rows=24, skip=4, window=10, rounds=3):
    """Medians over rounds of bytes, wake-ups and CPU (see the top)."""
    results = [one_round(command, cols, rows, skip, window) for _ in range(rounds)]
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def spawn(command, cols=80, rows=24):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execvp(command[0], command)
    return pid, fd


def run_until(command, predicate, limit):
    """Runs command in a pty until predicate() holds (checked each 0.2 s)
    or limit seconds pass; then ends it."""
    pid, fd = spawn(command)
    deadline = time.monotonic() + limit
    try:
        while time.monotonic() < deadline and not predicate():
            if drain(fd, time.monotonic() + 0.2) < 0:
                break
    finally:
        end(pid, fd)


def _start_to(command, until_output):
    """Milliseconds from fork to the program's exit, or to its first
    output when until_output."""
    start = time.monotonic()
    pid, fd = spawn(command)
    while True:
        ready, _, _ = select.select([fd], [], [], 5)
        try:
            data = os.read(fd, 65536) if ready else b""
        except OSError:
            data = b""
        if until_output and data:
            elapsed = time.monotonic() - start
            os.kill(pid, signal.SIGTERM)
            drain(fd, time.monotonic() + 0.3)
            break
        if not data:
            elapsed = time.monotonic() - start
            break
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed * 1000


def peak_memory_mb(command):
    """VmHWM half a second after the start (the first frame is up)."""
    pid, fd = spawn(command)
    drain(fd, time.monotonic() + 0.5)
    kb = 0
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                kb = int(line.split()[1])
    end(pid, fd, 0.3)
    return kb / 1024


def first_frame(command, until_output=False, rounds=9):
    """Time to the first frame, less the harness's own cost (a peer that
    does nothing, /bin/true, in the same run), and peak memory. For tendo,
    command has --frames 1 (it leaves once the frame is drawn); for a peer,
    until_output takes the first output as its first frame."""
    harness = statistics.median(_start_to(["/bin/true"], False) for _ in range(rounds))
    ms = statistics.median(_start_to(command, until_output) for _ in range(rounds))
    stays = [c for i, c in enumerate(command)
             if c != "--frames" and (i == 0 or command[i - 1] != "--frames")]
    return {"ms": ms - harness, "mb": peak_memory_mb(stays)}


BROKEN = [
    ("tab", "title: T\nexercises:\n\t- name: x\n"),
    ("unknown-key", "title: T\nexercises:\n  - name: x\n    hold: 5s\n    sets: 1\n    colour: red\n"),
    ("no-title", "exercises:\n  - name: x\n    hold: 5s\n    sets: 1\n"),
    ("bad-duration", "title: T\nexercises:\n  - name: x\n    hold: 5 parsecs\n    sets: 1\n"),
    ("binary", "\x00\x01\x02tendo"),
    ("empty", ""),
    ("two-documents", "title: A\n---\ntitle: B\n"),
    ("negative-sets", "title: T\nexercises:\n  - name: x\n    hold: 5s\n    sets: -3\n"),
    ("hold-and-reps", "title: T\nexercises:\n  - name: x\n    hold: 5s\n    reps: 5\n    sets: 1\n"),
    ("open-quote", "title: \"T\nexercises: []\n"),
]


def make_folder(good, folder, files=1000, broken=100):
    """files routine files in folder: copies of good, and broken ones, ten
    kinds of breakage in turn."""
    os.makedirs(folder, exist_ok=True)
    text = open(good).read()
    for i in range(files - broken):
        with open(os.path.join(folder, "good-%04d.yaml" % i), "w") as f:
            f.write(text.replace("title: ", "title: %04d " % i, 1))
    for i in range(broken):
        kind, body = BROKEN[i % len(BROKEN)]
        with open(os.path.join(folder, "broken-%s-%03d.yaml" % (kind, i)), "w") as f:
            f.write(body)


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
