#!/bin/bash
# The terminal matrix: xterm-256color, screen, tmux-256color, linux and
# vt100, each in the C locale and a UTF-8 one. In each, a hold is whole
# after a storm of resizes from 40x12 to 200x60 and below the minimum and
# back; its big digits are at least a third of the screen's height at 80x24
# and grow on a large screen; and the C locale gets no UTF-8 blocks.
. "$(dirname "$0")/lib.sh"
need_tmux
command -v python3 >/dev/null || skip "python3 is not installed (apt-get install python3)"

# Rows of the screen that hold a lit run of a big digit: three or more
# cells of blocks, hashes, or spaces on a colour or in reverse video.
digit_rows() {
	displayed | python3 "$TOP_SRCDIR/tests/e2e/lit-rows.py"
}

# Big digits at least a third of a screen of ROWS rows high.
digits_a_third() {
	[ $(($(digit_rows) * 3)) -ge "$1" ]
}

check_digits() {
	wait_until -m "$label: big digits not a third of a screen of $1 rows" digits_a_third "$1"
}

for term in xterm-256color screen tmux-256color linux vt100; do
	for lang in C C.UTF-8; do
		label="TERM=$term LANG=$lang"
		TEST_TERM=$term TEST_ENV="LANG=$lang LC_ALL=$lang" \
			start 80 24 run calf-stretches --leg left --sound off
		wait_for "GET READY"
		press n
		wait_for "HOLD"
		check_digits 24
		for size in 40x12 200x60 30x8 120x40 39x11 100x30 41x13 200x60 20x5 80x24 \
			150x50 40x12 60x20; do
			t resize-window -x "${size%x*}" -y "${size#*x}"
		done
		wait_whole 60x20 "Calf stretches" "quit"
		t resize-window -x 30 -y 8
		wait_for "too small"
		t resize-window -x 200 -y 60
		wait_gone "too small"
		wait_for "left of 30 s"
		wait_whole 200x60 "Calf stretches" "quit"
		check_digits 60
		[ "$(digit_rows)" -ge 20 ] || fail "$label: the digits did not grow at 200x60"
		t resize-window -x 40 -y 12
		wait_whole 40x12 "Calf stretches" "quit"
		screen | grep -qF "hold 1 of 3" || fail "$label: lost its place"
		if [ "$lang" = C ]; then
			screen | grep -qE '█|░' && fail "$label: UTF-8 blocks in the C locale"
		fi
		press q y Enter
		answer_pain_if_asked s
		[ "$(finished)" = 0 ] || fail "$label: tendo did not exit cleanly"
		t kill-server
	done
done
exit 0
