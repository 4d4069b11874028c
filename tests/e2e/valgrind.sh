#!/bin/bash
# A whole session under valgrind, from the start screen through the
# questions after it and out: no memory errors, and no leaks (definite or
# indirect; what curses keeps until exit is still reachable, not a leak).
. "$(dirname "$0")/lib.sh"
need_tmux
command -v valgrind >/dev/null || skip "valgrind is not installed (apt-get install valgrind)"

vg="valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect"
vg="$vg --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --track-origins=yes"
vg="$vg --log-file=$WORK/valgrind.log"
new_session 80 24 "$(pane_command "env TERM=xterm-256color $vg $(quote_args "$TENDO" --routines "$FIXTURES" \
	--sound bell --test-clock "$CLOCK" --leg left --data-dir "$WORK/data")")"
wait_for "choose a routine" 60
press End
press S
wait_for "A routine of a few seconds"
press Enter
wait_for "Short test routine" 30
wait_for "GET READY" 30
advance 39000
wait_for "Session complete" 30
press Enter
answer_pain_if_asked 3
wait_for "choose a routine" 30
press H
wait_for "last four weeks" 30
press q
wait_for "choose a routine" 30
press q
status=$(finished 60)
[ -e "$WORK/valgrind.log" ] || fail "valgrind did not run"
[ -s "$WORK/valgrind.log" ] && cat "$WORK/valgrind.log" >&2
[ "$status" = 0 ] || fail "tendo under valgrind exited $status (99: valgrind found errors or leaks)"
[ ! -s "$WORK/valgrind.log" ] || fail "valgrind reported: $(head -n 5 "$WORK/valgrind.log")"
exit 0
