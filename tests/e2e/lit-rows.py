#!/usr/bin/env python3
"""lit-rows.py — reads `tmux capture-pane -p -e` of a session's screen on
stdin and prints how many rows hold a lit run of a big digit: three or
more cells in a row (a stroke of the font is three columns wide from two
rows of height on) that are block characters, hashes, or spaces on a
background colour or in reverse video. The first row (the title) and the
last two (the session's bar and the keys) are lit in other ways and are
not counted. The cells as looks.py reads them, colours carried over
from one row to the next as tmux does."""
import sys

from looks import cells_of

count = 0
lines = sys.stdin.read().split("\n")
if lines[-1] == "":
    lines.pop()  # the newline that ends the last row
for number, cells in enumerate(cells_of(lines)):
    run = best = 0
    for ch, bg, fg, on in cells:
        lit = ch in "█#" or (ch == " " and (bg or 7 in on))
        run = run + 1 if lit else 0
        best = max(best, run)
    if best >= 3 and 0 < number < len(lines) - 2:
        count += 1
print(count)
