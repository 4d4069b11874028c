#!/bin/bash
# The big digits and the bars, sent as erases in their colour where the
# terminal erases in the background colour (xterm-256color's bce), look
# as curses draws them where it does not (tmux-256color): second by second
# through a hold at 200x60 (every last digit, the first digit changing),
# across a pause, and after a resize to 120x40 and back.
. "$(dirname "$0")/lib.sh"
need_tmux
command -v python3 >/dev/null || skip "python3 is not installed (apt-get install python3)"

looks() {
	displayed | python3 "$TOP_SRCDIR/tests/e2e/looks.py"
}

# Each moment's screen as a person sees it, into $WORK/TERM.MOMENT; what
# tendo wrote to the terminal, into $WORK/TERM.bytes.
record() {
	local term=$1 s
	TEST_TERM=$term start 200 60 run calf-stretches --leg left --sound off
	t pipe-pane -O "cat >'$WORK/$term.bytes'"
	wait_for "GET READY"
	press n
	wait_for "30 s left of 30 s"
	looks >"$WORK/$term.30"
	for s in 29 28 27 26 25 24 23 22 21 20 19 18; do
		advance 1000
		wait_for "$s s left of 30 s"
		looks >"$WORK/$term.$s"
	done
	press Space
	wait_for "PAUSED"
	looks >"$WORK/$term.paused"
	press Space
	wait_gone "PAUSED"
	advance 1000
	wait_for "17 s left of 30 s"
	looks >"$WORK/$term.17"
	t resize-window -x 120 -y 40
	wait_whole 120x40 "Calf stretches" "quit"
	looks >"$WORK/$term.small"
	t resize-window -x 200 -y 60
	wait_whole 200x60 "Calf stretches" "quit"
	advance 1000
	wait_for "16 s left of 30 s"
	looks >"$WORK/$term.16"
	press q y Enter
	answer_pain_if_asked s
	[ "$(finished)" = 0 ] || fail "TERM=$term: tendo did not exit cleanly"
	t kill-server
}

# Where two screens of looks.py differ: row, column, and each's cell.
differing_cells() {
	python3 - "$1" "$2" <<-'EOF'
		import sys
		drawn, painted = (open(f).read().split("\n") for f in sys.argv[1:])
		for y, (a, b) in enumerate(zip(drawn, painted)):
		    a, b = a.split("|"), b.split("|")
		    for x in range(max(len(a), len(b))):
		        p, q = (a[x] if x < len(a) else None), (b[x] if x < len(b) else None)
		        if p != q:
		            print("row %d, column %d: curses drew %r, paint sent %r" % (y, x, p, q))
	EOF
}

# An erase followed by a line feed: paint's way down a stroke, which
# curses never sends (it does not take a line feed for a move).
painted() {
	python3 -c 'import re, sys; sys.exit(not re.search(rb"\x1b\[[0-9]+X\n", open(sys.argv[1], "rb").read()))' "$1"
}

record xterm-256color
record tmux-256color
painted "$WORK/xterm-256color.bytes" || fail "TERM=xterm-256color: nothing was sent as erases"
painted "$WORK/tmux-256color.bytes" && fail "TERM=tmux-256color (no bce): cells were sent as erases"

# The digits were drawn: a lit stroke on at least a third of the rows.
lit=$(grep -c "| /42| /42| /42" "$WORK/xterm-256color.30")
[ $((lit * 3)) -ge 60 ] || fail "no big digits at 200x60: $lit rows lit"
for moment in 30 29 28 27 26 25 24 23 22 21 20 19 18 paused 17 small 16; do
	if ! cmp -s "$WORK/xterm-256color.$moment" "$WORK/tmux-256color.$moment"; then
		differing_cells "$WORK/tmux-256color.$moment" "$WORK/xterm-256color.$moment" >&2
		fail "at $moment, the screen sent as erases is not the screen curses draws"
	fi
done
exit 0
