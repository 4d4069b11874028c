# Colours follow the terminal; NO_COLOR and monochrome terminals get none;
# a non-UTF-8 locale gets ASCII bars and digits.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

colours_used() {
	t capture-pane -p -e | grep -cE $'\033\\[[0-9;]*(3[0-7]|4[0-7]|38;5)[;m]'
}

# The first hold, held at its start by the test's clock: its bar is empty.
run_hold() {
	start 80 24 run calf-stretches
	wait_for "GET READY"
	press n
	wait_for "HOLD"
}

run_hold
[ "$(colours_used)" -gt 0 ] || fail "no colour on xterm-256color"
t kill-server

TEST_ENV="NO_COLOR=1" run_hold
[ "$(colours_used)" -eq 0 ] || fail "colour with NO_COLOR set"
t kill-server

TEST_TERM=vt100 TEST_ENV="LANG=C LC_ALL=C" run_hold
[ "$(colours_used)" -eq 0 ] || fail "colour on a vt100"
screen | LC_ALL=C grep -q '[^ -~]' && fail "characters beyond ASCII on a vt100 in the C locale"
[ "$(displayed | python3 "$TOP_SRCDIR/tests/e2e/lit-rows.py")" -ge 8 ] ||
	fail "no big digits in reverse video"
screen | grep -qE -- "^  -{70}" || fail "no ASCII bar"
screen | grep -qF "Left leg - hold 1 of 3" || fail "the separator is not ASCII"
t kill-server

TEST_TERM=linux TEST_ENV="LANG=C.UTF-8" run_hold
[ "$(colours_used)" -gt 0 ] || fail "no colour on the Linux console"
[ "$(displayed | python3 "$TOP_SRCDIR/tests/e2e/lit-rows.py")" -ge 8 ] ||
	fail "no big digits on the Linux console"
exit 0
