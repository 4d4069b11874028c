# Resizes at any moment: the screen is whole after each, a terminal too
# small says so, and the session keeps its place and goes on when it grows.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

start 80 24 run calf-stretches
wait_for "GET READY"
press n
wait_for "HOLD"
wait_for "Left leg · hold 1 of 3"

for size in 40x12 100x30 41x13 200x60 60x20 80x24; do
	t resize-window -x "${size%x*}" -y "${size#*x}"
	wait_whole "$size" "Calf stretches" "quit"
	screen | grep -qF "hold 1 of 3" || fail "lost its place at $size"
done

t resize-window -x 30 -y 8
wait_for "The terminal is too small"
wait_for "40x12"
t resize-window -x 80 -y 24
wait_gone "too small"
wait_whole 80x24 "Calf stretches" "quit"
screen | grep -qF "hold 1 of 3" || fail "lost its place after being too small"

# Time goes on as before: the countdown moves.
wait_for "30 s left of 30 s"
advance 1000
wait_for "29 s left of 30 s"

# Small enough for big digits to fall back to plain ones, but still whole.
t resize-window -x 40 -y 12
wait_whole 40x12 "Calf stretches" "quit"
wait_until -m "no plain countdown at 40x12" eval 'screen | grep -qE "^ +29 *$"'

press q y Enter
answer_pain_if_asked s
[ "$(finished)" = 0 ] || fail "tendo did not exit cleanly"
exit 0
