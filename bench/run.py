#!/usr/bin/env python3
"""run.py — every figure of the benchmark, in one table.

    bench/run.py BUILD_DIR [--peer 'COMMAND'] [--out bench/results.md] [--long]

What `make bench` runs. Each figure that applies to any terminal countdown
(bytes, wake-ups, CPU, first frame, memory) is measured for tendo and for
the peer command in the same run, the same way, and given with the ratio.
The default peer is `watch -t -n 1 date +%T`: a full-screen clock that
changes once a second (termdown, where installed, is a closer one:
--peer 'termdown 10m'). Figures are medians of several runs. Nothing here
passes or fails; the table says which targets (DESIGN.md) are met.
"""
import argparse, os, platform, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ptymeasure  # noqa: E402
import termbytes  # noqa: E402


def tendo_cmd(build, *args):
    return [os.path.join(build, "tendo"), "--sound", "off", *args]


def cue_timing(build, work, routine):
    """Runs routine at real speed in a pty with --cue-log; cue lateness
    (median, p99, worst) and where the end fell against plan."""
    log = os.path.join(work, "cues.log")
    data = tempfile.mkdtemp(dir=work)
    command = tendo_cmd(build, "--leg", "left", "--cue-log", log, "--data-dir", data, "run", routine)
    ptymeasure.run_until(command, lambda: done(log), limit=15 * 60)
    return summarise_cues(log)


def summarise_cues(log):
    """A cue log's lateness (median, p99, worst, ms) and where its end fell
    against plan."""
    rows = [line.split() for line in open(log)]
    late = sorted(float(r[1]) - float(r[0]) for r in rows)
    end = [r for r in rows if r[2] == "session-done"][0]
    return {
        "cues": len(late),
        "median": late[(len(late) - 1) // 2],
        "p99": late[min(len(late) - 1, int(len(late) * 0.99 + 0.999) - 1)],
        "worst": late[-1],
        "end": float(end[1]) - float(end[0]),
    }


def done(log):
    try:
        return any(line.rstrip().endswith(" session-done") for line in open(log))
    except FileNotFoundError:
        return False


def commit_times(build, work, writers, sets=300, database=None):
    """bench/commit: WRITERS processes each write SETS sets to one log (in
    DATABASE, a PostgreSQL connection string, when given)."""
    data = tempfile.mkdtemp(dir=work)
    out = subprocess.run([os.path.join(build, "bench", "commit"), data, str(sets), str(writers)]
                         + ([database] if database else []),
                         check=True, capture_output=True, text=True).stdout.split()
    return {"median": float(out[1]), "p99": float(out[3]), "lost": int(out[7])}


class PostgreSQL:
    """A private PostgreSQL server in WORK on a Unix socket, durable as a
    real one (fsync on), for as long as the with-block; None where the
    server's programs are missing. As the postgres user when run as root."""

    def __init__(self, work):
        bins = sorted(d for d in (os.path.join("/usr/lib/postgresql", v, "bin")
                                  for v in os.listdir("/usr/lib/postgresql"))
                      if os.path.exists(os.path.join(d, "initdb"))) \
            if os.path.isdir("/usr/lib/postgresql") else []
        self.bin = bins[-1] if bins else None
        self.dir = os.path.join(work, "pg")
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []

    def __enter__(self):
        if not self.bin:
            return None
        os.makedirs(self.dir)
        if self.as_user:
            os.chmod(os.path.dirname(self.dir), 0o711)
            shutil.chown(self.dir, "postgres")
        quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        subprocess.run(self.as_user + [os.path.join(self.bin, "initdb"), "-D", self.dir + "/data",
                                       "-U", "tendo", "--auth=trust", "--no-locale"], **quiet)
        subprocess.run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", self.dir + "/data",
                                       "-l", self.dir + "/log", "-w", "-o",
                                       "-k %s -c listen_addresses=''" % self.dir, "start"], **quiet)
        return self

    def __exit__(self, *exc):
        if self.bin and os.path.isdir(self.dir + "/data"):
            subprocess.run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D",
                                           self.dir + "/data", "-m", "fast", "-w", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def database(self, name):
        """A new, empty database NAME; its connection string."""
        self.sql("postgres", "CREATE DATABASE %s" % name)
        return "host=%s user=tendo dbname=%s" % (self.dir, name)

    def sql(self, database, sql):
        subprocess.run(["psql", "-h", self.dir, "-U", "tendo", "-d", database, "-Xqc", sql],
                       check=True, stdout=subprocess.DEVNULL)


def years_in_postgresql(build, work, pg, years=10):
    """The same ten years as bench/genlog, made on the server: the tables by
    tendo (opening the log), the rows by SQL."""
    database = pg.database("years")
    subprocess.run(tendo_cmd(build, "--database", database, "--data-dir", os.path.join(work, "pgdata"),
                             "member", "list"), stdout=subprocess.DEVNULL, check=True)
    now = int(time.time())
    pg.sql("years", """
        INSERT INTO profiles (name, created) VALUES ('bench', %(now)d) ON CONFLICT DO NOTHING;
        INSERT INTO sessions (profile_id, routine, path, leg, started, ended, status)
          SELECT (SELECT id FROM profiles WHERE name = 'bench'), 'heel-drops-alfredson', '/bench',
                 'left', %(now)d - d * 86400 + s * 36000, %(now)d - d * 86400 + s * 36000 + 720,
                 'completed'
          FROM generate_series(%(days)d, 1, -1) AS d, generate_series(0, 1) AS s ORDER BY d DESC, s;
        INSERT INTO sets (session_id, step, exercise, side, set_number, completed, planned_reps,
                          done_reps, planned_hold_ms, done_hold_ms, load, at)
          SELECT x.id, 1 + 2 * k, 'Eccentric heel drop', 'left', k %% 3 + 1, 1, 15, 15, 0, 0,
                 'bodyweight', x.started + 100 * (k + 1)
          FROM sessions x, generate_series(0, 5) AS k;
        INSERT INTO pain (profile_id, session_id, kind, score, at)
          SELECT profile_id, id, 'during', ((%(now)d - started) / 86400) %% 6, started + 720
          FROM sessions;
        INSERT INTO pain (profile_id, kind, score, at)
          SELECT (SELECT id FROM profiles WHERE name = 'bench'), 'morning', d %% 4,
                 %(now)d - d * 86400 FROM generate_series(%(days)d, 1, -1) AS d;
        ANALYZE;""" % {"now": now, "days": years * 365})
    return database


def report_time(build, work, years):
    """tendo report over the ten years of bench/genlog's log, its sessions
    made those of an ongoing program (the daily calf stretches) followed
    from the first day: a bar a week, 520 of them, and the pain in four-week
    slots. The median of five runs, and the peak memory of one."""
    program = os.path.join(os.path.dirname(HERE), "routines", "calf-stretching-program.yaml")
    db = sqlite3.connect(os.path.join(years, "tendo.db"))
    first = db.execute("SELECT MIN(started) FROM sessions").fetchone()[0]
    start = time.strftime("%Y-%m-%d", time.localtime(first))
    with db:
        db.execute("INSERT INTO enrolments (profile_id, program, path, start_date, load_kg, active) "
                   "SELECT id, 'calf-stretching-program', ?, ?, 0, 1 FROM profiles", (program, start))
        db.execute("UPDATE sessions SET path = ?", (program,))
    sessions = db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    db.close()
    out = os.path.join(work, "ten-years.pdf")
    cmd = tendo_cmd(build, "--data-dir", years, "--profile", "bench", "report",
                    "--from", start, "-o", out)
    times = []
    for _ in range(5):
        t0 = time.monotonic()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.monotonic() - t0) * 1000)
    # Its own peak: a process of its own whose only child is the report.
    peak = subprocess.run([sys.executable, "-c",
                           "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
                           "stdout=subprocess.DEVNULL); "
                           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"] + cmd,
                          check=True, capture_output=True, text=True).stdout
    mb = int(peak) / 1024
    pages = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
    pages = int(([l.split()[1] for l in pages.splitlines() if l.startswith("Pages:")] or ["0"])[0])
    return {"ms": statistics.median(times), "mb": mb, "sessions": sessions, "pages": pages}


def list_folder(build, work):
    """tendo list on a folder of 1,000 routine files, 100 of them broken in
    ten ways: median wall time of 5, and the broken ones it reported."""
    folder = os.path.join(work, "thousand")
    ptymeasure.make_folder(os.path.join(HERE, "..", "tests", "fixtures", "short.yaml"), folder)
    times, broken = [], 0
    for _ in range(5):
        start = time.monotonic()
        out = subprocess.run(tendo_cmd(build, "list", "--routines", folder),
                             capture_output=True, text=True, env=dict(os.environ, HOME=work)).stdout
        times.append((time.monotonic() - start) * 1000)
        broken = sum(" broken: " in line for line in out.splitlines())
    return statistics.median(times), broken


def sound_onsets(build):
    script = os.path.join(HERE, "sound.sh")
    if not (shutil.which("pulseaudio") and shutil.which("parec") and shutil.which("tmux")):
        return None
    out = subprocess.run(["bash", script, build], capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        mode = line.split(":")[0]
        if "p99" in line:
            found[mode] = float(line.split("p99 ")[1].split(" ms")[0])
    return found or None


# termdown 1.18, beside the repository (see ../shared/peers/README.md):
# the countdown people use in a terminal.
TERMDOWN = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared", "peers", "termdown")


def default_peer():
    """termdown where it is at hand, else watch printing the time."""
    if os.access(TERMDOWN, os.X_OK):
        return [TERMDOWN, "-f", "standard", "10m"]
    return ["watch", "-t", "-n", "1", "date", "+%T"]


def ratio(a, b):
    return "%.2f" % (a / b) if b else "—"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build")
    p.add_argument("--peer", default="")
    p.add_argument("--out", default=os.path.join(HERE, "results.md"))
    p.add_argument("--long", action="store_true", help="a 10-minute session for cue timing")
    p.add_argument("--soak", type=int, default=0, help="sessions for bench/soak.py (0: none)")
    p.add_argument("--hour-cues", help="the cue log of bench/drift.sh over bench/sixty-minutes.yaml")
    a = p.parse_args()
    build = os.path.abspath(a.build)
    peer = a.peer.split() if a.peer else default_peer()
    work = tempfile.mkdtemp(prefix="tendo-bench.")
    os.environ["HOME"] = work
    rows = []

    def row(figure, tendo, peer_value, target, met):
        rows.append((figure, tendo, peer_value, target, met))
        print("  %-52s %-14s %-14s %s" % (figure, tendo, peer_value, target), flush=True)

    print("tendo's benchmark; the peer: %s" % " ".join(peer), flush=True)
    routine = os.path.join(HERE, "ten-minutes.yaml" if a.long else "two-minutes.yaml")
    t = cue_timing(build, work, routine)
    row("cue lateness, median (%d cues)" % t["cues"], "%.3f ms" % t["median"], "", "", None)
    row("cue lateness, p99", "%.3f ms" % t["p99"], "", "under 2 ms", t["p99"] < 2)
    row("cue lateness, worst", "%.3f ms" % t["worst"], "", "under 10 ms", t["worst"] < 10)
    row("end of session against plan", "%.3f ms" % t["end"], "", "within 5 ms", abs(t["end"]) < 5)

    for phase, file in (("hold", "hold.yaml"), ("reps", "reps.yaml")):
        # A log of its own: the cue-timing run leaves a session to take up.
        data = tempfile.mkdtemp(dir=work)
        mine = ptymeasure.measure(tendo_cmd(build, "--data-dir", data, "run", os.path.join(HERE, file)))
        theirs = ptymeasure.measure(peer)
        for key, name, unit, target, limit in (
            # DESIGN.md's target: fewer bytes than the peer's in the same run.
            ("bytes_per_s", "bytes to the terminal a second", "", "fewer than the peer" if phase == "hold" else "",
             theirs["bytes_per_s"]),
            ("wakeups_per_s", "wake-ups a second", "", "about 1" if phase == "hold" else "", 1.5),
            ("cpu_percent", "CPU, % of a core", " %", "under 0.1 %" if phase == "hold" else "", 0.1),
        ):
            met = mine[key] < limit if phase == "hold" else None
            row("%s, %s, 80x24 (ratio %s)" % (name, phase, ratio(mine[key], theirs[key])),
                "%.3g%s" % (mine[key], unit), "%.3g%s" % (theirs[key], unit), target, met)

    # Where the bytes go, during a hold: at 80x24 and at 200x60.
    spent = []
    for cols, rows_ in ((80, 24), (200, 60)):
        data = tempfile.mkdtemp(dir=work)
        mine = termbytes.measure(tendo_cmd(build, "--data-dir", data, "run", os.path.join(HERE, "hold.yaml")),
                              cols, rows_)
        theirs = termbytes.measure(peer, cols, rows_)
        spent.append(("%dx%d" % (cols, rows_), mine, theirs))
        total, peer_total = sum(mine.values()), sum(theirs.values())
        row("bytes to the terminal a second, hold, %dx%d (ratio %s)" % (cols, rows_, ratio(total, peer_total)),
            "%.1f" % total, "%.1f" % peer_total, "fewer than the peer", total < peer_total)

    if a.hour_cues:
        t = summarise_cues(a.hour_cues)
        row("an hour at speed 1: cue lateness median / p99 / worst (%d cues)" % t["cues"],
            "%.3f / %.3f / %.3f ms" % (t["median"], t["p99"], t["worst"]), "", "p99 under 2 ms",
            t["p99"] < 2)
        row("an hour at speed 1: end of session against plan", "%.3f ms" % t["end"], "",
            "within 5 ms", abs(t["end"]) < 5)

    years = os.path.join(work, "years")
    subprocess.run([os.path.join(build, "bench", "genlog"), years, "10", "bench"],
                   check=True, stdout=subprocess.DEVNULL)
    for label, data in (("empty log", os.path.join(work, "empty")), ("ten years of log", years)):
        mine = ptymeasure.first_frame(tendo_cmd(build, "--frames", "1", "--data-dir", data, "--profile", "bench"))
        theirs = ptymeasure.first_frame(peer, until_output=True)
        row("first frame, %s (ratio %s)" % (label, ratio(mine["ms"], theirs["ms"])),
            "%.1f ms" % mine["ms"], "%.1f ms" % theirs["ms"], "under 15 ms", mine["ms"] < 15)
        row("peak memory, %s (ratio %s)" % (label, ratio(mine["mb"], theirs["mb"])),
            "%.1f MB" % mine["mb"], "%.1f MB" % theirs["mb"], "under 8 MB", mine["mb"] < 8)

    # No peer writes a report: this figure stands alone, against its target.
    r = report_time(build, work, years)
    row("a report from ten years of log (%d sessions, %d pages), median of 5" % (r["sessions"], r["pages"]),
        "%.0f ms" % r["ms"], "", "under 1 s", r["ms"] < 1000)
    row("peak memory, writing that report", "%.1f MB" % r["mb"], "", "", None)

    # No peer keeps a log: these figures stand alone.
    for writers in (1, 3):
        c = commit_times(build, work, writers)
        row("a set's commit to the log (SQLite), %s: median / p99 (lost: %d)"
            % ("one kiosk" if writers == 1 else "three kiosks at once", c["lost"]),
            "%.2f / %.2f ms" % (c["median"], c["p99"]), "", "", None)
    with PostgreSQL(work) as pg:
        if pg is None:
            print("  (PostgreSQL figures skipped: no server programs; apt-get install postgresql)")
        else:
            for writers in (1, 3):
                c = commit_times(build, work, writers, database=pg.database("commit%d" % writers))
                row("a set's commit to the log (PostgreSQL, local socket), %s: median / p99 "
                    "(lost: %d)" % ("one kiosk" if writers == 1 else "three kiosks at once",
                                   c["lost"]),
                    "%.2f / %.2f ms" % (c["median"], c["p99"]), "", "", None)
            database = years_in_postgresql(build, work, pg)
            mine = ptymeasure.first_frame(tendo_cmd(build, "--frames", "1", "--database", database,
                                                    "--data-dir", os.path.join(work, "pgdata"),
                                                    "--profile", "bench"))
            theirs = ptymeasure.first_frame(peer, until_output=True)
            row("first frame, ten years of log in PostgreSQL (ratio %s)"
                % ratio(mine["ms"], theirs["ms"]),
                "%.1f ms" % mine["ms"], "%.1f ms" % theirs["ms"], "under 15 ms", mine["ms"] < 15)

    soak = ""
    if a.soak:
        out = os.path.join(work, "soak.md")
        subprocess.run([sys.executable, os.path.join(HERE, "soak.py"), build, "--sessions", str(a.soak),
                        "--out", out], check=False)
        soak = open(out).read() if os.path.exists(out) else "The soak did not finish.\n"

    ms, broken = list_folder(build, work)
    row("tendo list, 1,000 files (100 broken: %d reported)" % broken, "%.0f ms" % ms, "", "", None)
    onsets = sound_onsets(build)
    if onsets:
        for mode, p99 in sorted(onsets.items()):
            row("sound onset against cue, p99, %s" % mode, "%.1f ms" % p99, "", "under 20 ms", p99 < 20)
    else:
        print("  (sound onsets skipped: pulseaudio, parec and tmux are needed)")
    shutil.rmtree(work, ignore_errors=True)

    with open(a.out, "w") as f:
        f.write("# Benchmark results\n\n")
        f.write("Written by `make bench` (bench/run.py) on %s: %s, %d cores, %s. The peer, "
                "measured the same way in the same run: `%s`.\n\n"
                % (time.strftime("%Y-%m-%d"), platform.machine(), os.cpu_count(),
                   "cue timing over " + os.path.basename(routine), " ".join(peer)))
        f.write("| figure | tendo | peer | target | met |\n|---|---|---|---|---|\n")
        for figure, mine, theirs, target, met in rows:
            f.write("| %s | %s | %s | %s | %s |\n"
                    % (figure, mine, theirs, target, "" if met is None else "yes" if met else "no"))
        kinds = sorted({k for _, m, t in spent for k in list(m) + list(t)})
        f.write("\n## Where the bytes go, during a hold (bytes a second, bench/termbytes.py)\n\n")
        f.write("| what | " + " | ".join("tendo %s | peer %s" % (size, size) for size, _, _ in spent)
                + " |\n|---|" + "---|---|" * len(spent) + "\n")
        for k in kinds + ["total"]:
            cells = []
            for _, m, t in spent:
                cells += ["%.1f" % (sum(m.values()) if k == "total" else m.get(k, 0)),
                          "%.1f" % (sum(t.values()) if k == "total" else t.get(k, 0))]
            f.write("| %s | %s |\n" % (k, " | ".join(cells)))
        if soak:
            f.write("\n## A day at the kiosk (bench/soak.py, %d sessions)\n\n%s" % (a.soak, soak))
        f.write("\nSee bench/README.md for how each figure is taken and what was learnt.\n")
    print("written to %s" % a.out)


if __name__ == "__main__":
    main()
