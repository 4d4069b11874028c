#!/usr/bin/env python3
"""soak.py — a day at the kiosk: one kiosk process, many sessions.

    bench/soak.py BUILD [--sessions 1000] [--out FILE]

Starts one `tendo` kiosk (a private tmux, 80x24) and runs SESSIONS
sessions of bench/soak.yaml back to back, four members taking turns, with
keys, pauses, quits, resizes and idle returns between them:

  every 3rd session   paused and taken up again (space, space)
  every 4th           a step skipped (n)
  every 5th           quit after its first hold (q, y)
  every 7th           the terminal resized (100x30, then back to 80x24)
  every 11th          left alone on the start screen until it goes back
                      to the members (idle)

Time is the test clock's (--test-clock): each session's 40 seconds, the
summary's wait and the idle time pass as fast as the machine draws, where
--speed would leave the idle returns at 10 s of real time each. At
sessions 100, 200, ... it notes the kiosk's memory (VmRSS), its open file
descriptors, and the time of each frame drawn since the last note
($TENDO_FRAME_LOG: median and p99). At the end it checks that the log
holds every session and every set. Prints a table (and writes it to FILE
as Markdown); exits 1 when something did not hold. Needs tmux and sqlite3.
"""
import argparse, os, sqlite3, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
MEMBERS = ["Ana", "Bo", "Cy", "Di"]
LIMIT = 20  # seconds any screen may take to come


class Kiosk:
    def __init__(self, build, work):
        self.work = work
        self.socket = "tendo-soak-%d" % os.getpid()
        routines = os.path.join(work, "routines")
        os.makedirs(routines)
        with open(os.path.join(HERE, "soak.yaml")) as f, open(os.path.join(routines, "soak.yaml"), "w") as g:
            g.write(f.read())
        self.config = os.path.join(work, "config")
        with open(self.config, "w") as f:
            f.write("kiosk = yes\nadmin-pin = 2468\nidle = 10s\nroutines = %s\ndata-dir = %s\n"
                    % (routines, os.path.join(work, "data")))
        self.clock = os.path.join(work, "clock")
        os.mkfifo(self.clock)
        self.frames = os.path.join(work, "frames")
        command = ("env LANG=C.UTF-8 TERM=xterm-256color TENDO_SYSTEM_CONFIG=%s TENDO_FRAME_LOG=%s "
                   "%s --test-clock %s --sound off; sleep 600"
                   % (self.config, self.frames, os.path.join(build, "tendo"), self.clock))
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", command)
        self.tmux("set-option", "-g", "status", "off")
        self.wait("who is training?")
        # tendo itself, not the shell tmux started it from.
        pids = subprocess.run(["pgrep", "-f", "--", "--test-clock " + self.clock],
                              capture_output=True, text=True).stdout.split()
        self.pid = next(int(p) for p in pids if os.readlink("/proc/%s/exe" % p).endswith("/tendo"))

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null"] + list(args),
                              capture_output=True, text=True).stdout

    def screen(self):
        return self.tmux("capture-pane", "-p")

    def press(self, *keys):
        self.tmux("send-keys", *keys)

    def advance(self, ms):
        with open(self.clock, "w") as f:
            f.write("+%d\n" % ms)

    def wait(self, *texts):
        """Until one of texts is on the screen; returns it."""
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            shown = self.screen()
            for text in texts:
                if text in shown:
                    return text
            time.sleep(0.005)
        raise SystemExit("soak: none of %s came; the screen:\n%s" % (texts, self.screen()))

    def wait_gone(self, text):
        deadline = time.monotonic() + LIMIT
        while text in self.screen():
            if time.monotonic() > deadline:
                raise SystemExit("soak: %r stayed; the screen:\n%s" % (text, self.screen()))
            time.sleep(0.005)

    def status(self):
        with open("/proc/%d/status" % self.pid) as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        return rss / 1024, len(os.listdir("/proc/%d/fd" % self.pid))

    def close(self):
        self.tmux("kill-server")


def answer_questions(k, until):
    """Answers the pain questions that come (1 of 10) until `until` shows."""
    while True:
        seen = k.wait(until, "Press 0 (none) to 9")
        if seen == until:
            return
        k.press("1")
        time.sleep(0.01)


def choose_member(k, name):
    k.press("Home")
    for _ in range(MEMBERS.index(name)):
        k.press("Down")
    k.press("Enter")
    answer_questions(k, "%s: choose a routine" % name)


def add_member(k, name):
    k.press("End")
    k.wait("> + I'm new here")
    k.press("Enter")
    k.wait("Your name, as you would like")
    k.press("-l", name)
    k.press("Enter")
    k.wait("Which leg is affected?")
    k.press("l")
    k.wait("Choose a 4-digit PIN")
    k.press("Enter")
    k.wait("%s: choose a routine" % name)
    k.press("q")
    k.wait("who is training?")


def one_session(k, i):
    """Session i; returns whether it was quit."""
    name = MEMBERS[i % len(MEMBERS)]
    choose_member(k, name)
    while "> Soak" not in k.screen():
        k.press("S")
        time.sleep(0.005)
    k.press("Enter")
    k.wait("GET READY")
    quit_early = i % 5 == 0
    if i % 3 == 0:
        k.press("Space")
        k.wait("PAUSED")
        k.advance(2000)
        k.press("Space")
        k.wait_gone("PAUSED")  # keys and the clock are read apart: one at a time
    if i % 4 == 0 and not quit_early:
        k.press("n")
        k.wait("HOLD")
    if quit_early:
        k.advance(9000)  # the first hold, done
        k.press("q")
        k.wait("Quit this session?")
        k.press("y")
        k.wait("Session stopped early")
    else:
        k.advance(45000)
        k.wait("Session complete")
    k.press("Enter")
    answer_questions(k, "%s: choose a routine" % name)
    if i % 7 == 0:
        k.tmux("resize-window", "-x", "100", "-y", "30")
        k.wait("%s: choose a routine" % name)
        k.tmux("resize-window", "-x", "80", "-y", "24")
    if i % 11 == 0:
        k.advance(11000)  # left alone: back to the members
    else:
        k.press("q")
    k.wait("who is training?")
    return quit_early


def frame_times(path, start):
    """The frames logged from byte start: (median, p99) in ms, and where
    the log ends."""
    with open(path) as f:
        f.seek(start)
        ns = [int(l) for l in f.read().split()]
        end = f.tell()
    ns.sort()
    if not ns:
        return 0, 0, 0, end
    return statistics.median(ns) / 1e6, ns[min(len(ns) - 1, int(len(ns) * 0.99))] / 1e6, len(ns), end


def log_size(work):
    """The log's size in MB, as SQLite counts its pages (the write-ahead
    log's newer ones too): SQLite keeps up to 2 MB of pages in memory (its
    default cache), so the kiosk's memory may grow with the log until then."""
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(work, "data", "tendo.db"), uri=True)
    try:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        return pages * db.execute("PRAGMA page_size").fetchone()[0] / 2**20
    finally:
        db.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build")
    p.add_argument("--sessions", type=int, default=1000)
    p.add_argument("--out")
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="tendo-soak.")
    k = Kiosk(os.path.abspath(a.build), work)
    rows, quits, began = [], 0, time.monotonic()
    log_at = 0
    try:
        for name in MEMBERS:
            add_member(k, name)
        for i in range(1, a.sessions + 1):
            quits += one_session(k, i)
            if i % 100 == 0 or i == a.sessions:
                rss, fds = k.status()
                median, p99, frames, log_at = frame_times(k.frames, log_at)
                rows.append((i, rss, fds, log_size(work), frames, median, p99))
                print("session %4d: VmRSS %.1f MB, %d descriptors, the log %.2f MB, %d frames: "
                      "median %.3f ms, p99 %.3f ms" % rows[-1], flush=True)
    finally:
        k.close()
    db = sqlite3.connect(os.path.join(work, "data", "tendo.db"))
    sessions = db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    by_status = dict(db.execute("SELECT status, COUNT(*) FROM sessions GROUP BY status"))
    full = db.execute("SELECT MIN(n), MAX(n) FROM (SELECT COUNT(x.id) AS n FROM sessions s "
                      "JOIN sets x ON x.session_id = s.id WHERE s.status = 'completed' "
                      "GROUP BY s.id)").fetchone()
    twice = db.execute("SELECT COUNT(*) FROM (SELECT session_id, step FROM sets "
                       "GROUP BY session_id, step HAVING COUNT(*) > 1)").fetchone()[0]
    minutes = (time.monotonic() - began) / 60
    problems = []
    if sessions != a.sessions:
        problems.append("the log holds %d sessions of %d" % (sessions, a.sessions))
    if by_status.get("partial", 0) != quits:
        problems.append("%d sessions quit, %d partial in the log" % (quits, by_status.get("partial", 0)))
    if full[0] != full[1]:
        problems.append("completed sessions hold %s to %s sets" % full)
    if twice:
        problems.append("%d sets written twice" % twice)
    first, last = rows[0], rows[-1]
    lines = ["| at session | VmRSS | descriptors | the log | frames | frame, median | frame, p99 |",
             "|---|---|---|---|---|---|---|"]
    lines += ["| %d | %.1f MB | %d | %.2f MB | %d | %.3f ms | %.3f ms |" % r for r in rows]
    summary = ("%d sessions in %.1f min (%d quit, %s); every completed session holds %s sets; "
               "VmRSS %.1f MB at session %d, %.1f MB at %d (the log %.2f MB and %.2f MB); "
               "descriptors %d and %d; %s"
               % (sessions, minutes, quits, ", ".join("%d %s" % (n, s) for s, n in sorted(by_status.items())),
                  full[1], first[1], first[0], last[1], last[0], first[3], last[3], first[2], last[2],
                  "; ".join(problems) or "nothing lost"))
    print(summary)
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n\n" + summary + "\n")
    subprocess.run(["rm", "-rf", work])
    sys.exit(1 if problems else 0)


main()
