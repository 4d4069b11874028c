#!/usr/bin/env python3
"""termbytes.py — where a program's bytes to the terminal go.

    termbytes.py [--cols 80] [--rows 24] [--skip 8] [--window 10] -- COMMAND...

Runs COMMAND in a pseudo-terminal (TERM=xterm-256color), lets it settle for
SKIP seconds, records every byte it writes for WINDOW seconds, and sorts
them by what they do: cursor moves, attribute changes (SGR, and the
character set designations xterm's sgr0 carries), cells drawn (ASCII, or
UTF-8 characters), erasing, and the rest. Prints bytes a second for each,
largest first, and the total.
"""
import argparse, re, time

import ptymeasure

SEQUENCE = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|[\x00-\x1f]"
                      rb"|[\x20-\x7e]+|[\x80-\xff]+")
CSI = {b"H": "cursor moves", b"G": "cursor moves", b"d": "cursor moves", b"A": "cursor moves",
       b"B": "cursor moves", b"C": "cursor moves", b"D": "cursor moves",
       b"m": "attribute changes", b"K": "erasing", b"J": "erasing", b"X": "erasing",
       b"b": "cells (repeats)"}


def kind(token):
    if token.startswith(b"\x1b["):
        return CSI.get(token[-1:], "other sequences")
    if token[:2] in (b"\x1b(", b"\x1b)"):
        return "attribute changes"
    if token.startswith(b"\x1b"):
        return "other sequences"
    if token[0] < 0x20:
        return "cursor moves" if token in (b"\r", b"\n", b"\b") else "other sequences"
    return "cells (UTF-8)" if token[0] >= 0x80 else "cells (ASCII)"


def breakdown(data, seconds):
    """Bytes a second by kind, from a recording of `seconds`."""
    spent = {}
    for m in SEQUENCE.finditer(data):
        k = kind(m.group())
        spent[k] = spent.get(k, 0) + len(m.group())
    return {k: v / seconds for k, v in spent.items()}


def record(command, cols=80, rows=24, skip=8, window=10):
    pid, fd = ptymeasure.spawn(command, cols, rows)
    kept = []
    try:
        ptymeasure.drain(fd, time.monotonic() + skip)
        ptymeasure.drain(fd, time.monotonic() + window, kept)
        return b"".join(kept)
    finally:
        ptymeasure.end(pid, fd)


def measure(command, cols=80, rows=24, skip=8, window=10):
    return breakdown(record(command, cols, rows, skip, window), window)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cols", type=int, default=80)
    p.add_argument("--rows", type=int, default=24)
    p.add_argument("--skip", type=float, default=8)
    p.add_argument("--window", type=float, default=10)
    p.add_argument("command", nargs="+")
    a = p.parse_args()
    spent = measure(a.command, a.cols, a.rows, a.skip, a.window)
    for k, v in sorted(spent.items(), key=lambda kv: -kv[1]):
        print("%-20s %7.1f B/s" % (k, v))
    print("%-20s %7.1f B/s" % ("total", sum(spent.values())))


if __name__ == "__main__":
    main()
