#!/usr/bin/env python3
"""lit-rows.py — reads `tmux capture-pane -p -e` of a session's screen on
stdin and prints how many rows hold a lit run of a big digit: three or
more cells in a row (a stroke of the font is three columns wide from two
rows of height on) that are block characters, hashes, or spaces on a
background colour or in reverse video. The first row (the title) and the
last two (the session's bar and the keys) are lit in other ways and are
not counted. tmux carries colours over from one row to the next, so the
state is kept across rows."""
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;]*)m")
bg = False
reverse = False
count = 0
lines = sys.stdin.read().split("\n")
if lines[-1] == "":
    lines.pop()  # the newline that ends the last row
for number, line in enumerate(lines):
    run = best = 0
    pos = 0
    while pos < len(line):
        m = SGR.match(line, pos)
        if m:
            codes = [int(c) if c else 0 for c in m.group(1).split(";")]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0:
                    bg = reverse = False
                elif c == 7:
                    reverse = True
                elif c == 27:
                    reverse = False
                elif 40 <= c <= 47 or 100 <= c <= 107:
                    bg = True
                elif c == 49:
                    bg = False
                elif c in (38, 48):
                    if c == 48:
                        bg = True
                    i += 2 if i + 1 < len(codes) and codes[i + 1] == 5 else 4
                i += 1
            pos = m.end()
            continue
        ch = line[pos]
        lit = ch in "█#" or (ch == " " and (bg or reverse))
        run = run + 1 if lit else 0
        best = max(best, run)
        pos += 1
    if best >= 3 and 0 < number < len(lines) - 2:
        count += 1
print(count)
