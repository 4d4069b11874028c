# Resizes at any moment: the screen is whole after each, a terminal too
# small says so, and the session keeps its place and goes on when it grows.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux

start 80 24 run calf-stretches --speed 2
wait_for "GET READY"
press n
wait_for "HOLD"
wait_for "Left leg · hold 1 of 3"

for size in 40x12 100x30 41x13 200x60 60x20 80x24; do
	t resize-window -x "${size%x*}" -y "${size#*x}"
	sleep 0.3
	screen_whole "Calf stretches" "quit"
	screen | grep -qF "hold 1 of 3" || fail "lost its place at $size"
	[ "$(screen | wc -l)" -eq "${size#*x}" ] || fail "the screen is not ${size#*x} rows at $size"
done

t resize-window -x 30 -y 8
wait_for "The terminal is too small"
wait_for "40x12"
t resize-window -x 80 -y 24
wait_gone "too small"
screen_whole "Calf stretches" "quit"
screen | grep -qE "hold [12] of 3" || fail "lost its place after being too small"

# Time went on underneath: the countdown moves.
first=$(screen | grep -F "left of 30 s")
sleep 1.2
[ "$first" != "$(screen | grep -F "left of 30 s")" ] || fail "the countdown stopped"

# Small enough for big digits to fall back to plain ones, but still whole.
t resize-window -x 40 -y 12
sleep 0.3
screen | grep -qE "^ +[0-9]+ *$" || fail "no plain countdown at 40x12"
screen_whole "Calf stretches" "quit"
press q y Enter
answer_pain_if_asked s
[ "$(finished)" = 0 ] || fail "tendo did not exit cleanly"
exit 0
