#!/usr/bin/env python3
"""looks.py — reads `tmux capture-pane -p -e` of a screen on stdin and
prints what a person sees of each cell, a line a row, cells between bars: the character, its
background, and for a cell that is not blank its colour and weight. A
blank cell's own colour is not seen, and terminals differ in it: one
erased in a colour takes the default, one written as a space the colour
of its text. Cells never written in are blanks on the terminal's own
background. tmux carries colours over from one row to the next, so the
state is kept across rows."""
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def apply(codes, state):
    """state: dict of fg, bg, and the set of attributes on."""
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.update(fg="", bg="", on=set())
        elif c in (38, 48):
            if i + 1 < len(codes) and codes[i + 1] == 5:
                value, i = "5;%d" % codes[i + 2], i + 2
            else:
                value, i = "2;%d;%d;%d" % tuple(codes[i + 2:i + 5]), i + 4
            state["fg" if c == 38 else "bg"] = value
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state["fg"] = str(c)
        elif c == 39:
            state["fg"] = ""
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state["bg"] = str(c)
        elif c == 49:
            state["bg"] = ""
        elif 1 <= c <= 9:
            state["on"].add(c)
        elif 21 <= c <= 29:
            state["on"].difference_update({c - 20, 1} if c == 22 else {c - 20})
            if c == 22:
                state["on"].discard(2)
        i += 1


def cells_of(lines):
    """Each row's cells as (character, background, colour, attributes on),
    the attributes carried over from one row to the next as tmux does."""
    state = {"fg": "", "bg": "", "on": set()}
    rows = []
    for line in lines:
        cells = []
        pos = 0
        while pos < len(line):
            m = SGR.match(line, pos)
            if m:
                apply([int(c) if c else 0 for c in m.group(1).split(";")], state)
                pos = m.end()
                continue
            cells.append((line[pos], state["bg"], state["fg"], frozenset(state["on"])))
            pos += 1
        rows.append(cells)
    return rows


def main():
    rows = []
    for cells in cells_of(sys.stdin.read().split("\n")):
        seen = []
        for ch, bg, fg, on in cells:
            if ch == " " and 7 not in on:
                seen.append(" /%s" % bg)
            else:
                seen.append("%s/%s/%s/%s" % (ch, bg, fg, ",".join(map(str, sorted(on)))))
        rows.append(seen)
    # A row's cells that nothing was ever written in are left out of it:
    # blank, on the terminal's own background.
    width = max(len(cells) for cells in rows)
    for cells in rows:
        print("|".join(cells + [" /"] * (width - len(cells))))


if __name__ == "__main__":
    main()
