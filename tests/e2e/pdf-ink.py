#!/usr/bin/env python3
"""Checks a report's charts against the ink on its rendered pages.

usage: pdf-ink.py MAP PAGE-PREFIX CHECK...

MAP is the chart map `tendo report --chart-map` wrote: one mark a line,
"PAGE CHART INDEX VALUE X Y W H" in points from the page's top left. Each
page was rendered by `pdftoppm -r 72 -ppm` to PAGE-PREFIX-N.ppm, so a
point is a pixel. CHECKs:

  bars:CHART          each bar of CHART with a value has ink inside it; a
                      bar of 0 has none where it would stand; the heights
                      are in proportion to the values, left to right in
                      order of INDEX
  points:CHART        each point of CHART has ink at it, and a higher value
                      stands higher on the page
  value:CHART:INDEX:V the mark of CHART at INDEX has the value V
Prints what failed and exits 1, else exits 0.
"""
import sys


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6", path + " is not a binary PPM"
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:]


class Page:
    def __init__(self, path):
        self.width, self.height, self.pixels = read_ppm(path)

    def rgb(self, x, y):
        x, y = int(round(x)), int(round(y))
        i = 3 * (y * self.width + x)
        return tuple(self.pixels[i:i + 3])

    def inked(self, x, y, radius=0):
        """True when some pixel within radius of x, y is not white-ish."""
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                if min(self.rgb(x + dx, y + dy)) < 200:
                    return True
        return False


def main():
    marks, pages, failed = {}, {}, []
    with open(sys.argv[1]) as f:
        for line in f:
            page, chart, index, value, x, y, w, h = line.split()
            marks.setdefault(chart, []).append(
                (int(index), float(value), int(page), float(x), float(y), float(w), float(h)))

    def page(n):
        if n not in pages:
            pages[n] = Page("%s-%d.ppm" % (sys.argv[2], n))
        return pages[n]

    for check in sys.argv[3:]:
        kind, chart = check.split(":")[:2]
        got = sorted(marks.get(chart, []))
        if not got:
            failed.append("%s: the chart map has no %s" % (check, chart))
            continue
        if kind == "bars":
            scale = None
            for index, value, n, x, y, w, h in got:
                p, middle = page(n), x + w / 2
                if value > 0 and not p.inked(middle, y + h / 2):
                    failed.append("%s: bar %d (%g) has no ink" % (check, index, value))
                if value == 0 and p.inked(middle, y - 3):
                    failed.append("%s: bar %d (0) has ink" % (check, index))
                if value > 0:
                    scale = scale or h / value
                    if abs(h / value - scale) > 0.05:
                        failed.append("%s: bar %d is %.1f high for %g" % (check, index, h, value))
            xs = [m[3] for m in got]
            if xs != sorted(xs):
                failed.append("%s: the bars are not in order of their weeks" % check)
        elif kind == "points":
            for index, value, n, x, y, w, h in got:
                if not page(n).inked(x, y, 1):
                    failed.append("%s: point %d (%g) has no ink" % (check, index, value))
            for a in got:
                for b in got:
                    if a[1] > b[1] and not a[4] < b[4]:
                        failed.append("%s: %g does not stand above %g" % (check, a[1], b[1]))
                        break
        elif kind == "value":
            index, want = int(check.split(":")[2]), float(check.split(":")[3])
            found = [m[1] for m in got if m[0] == index]
            if found != [want]:
                failed.append("%s: found %s" % (check, found))
    for f in failed[:20]:
        print(f)
    sys.exit(1 if failed else 0)


main()
