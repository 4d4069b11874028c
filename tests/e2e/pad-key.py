#!/usr/bin/env python3
"""pad-key.py FACE — reads `tmux capture-pane -p` on stdin and prints the
column and row (from 1, as a terminal's mouse reports them) of the middle
of the on-screen key whose face is FACE: the first, from the top, on a row
of such keys (two or more short words, none longer than six letters). Exits
1 when there is none."""
import re
import sys

face = sys.argv[1]
for row, line in enumerate(sys.stdin.read().split("\n"), start=1):
    cells = [(m.start(), m.group()) for m in re.finditer(r"\S+", line)]
    if len(cells) < 2 or any(len(text) > 6 for _, text in cells):
        continue
    for start, text in cells:
        if text == face:
            print(start + 1, row)
            sys.exit(0)
sys.exit(1)
