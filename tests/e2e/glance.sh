#!/bin/bash
# The program at a glance on the history screen (p): week by week from the
# program's first to its twelfth, the sessions done against those
# prescribed as bars, the load, and the week's highest pain during, above
# 5 of 10 standing out. In UTF-8 and in the C locale (ASCII only), at
# 80x24 and larger, and at 40x12 (a phone's terminal), where the history
# and the glance keep every figure of the latest weeks.
. "$(dirname "$0")/lib.sh"
need_tmux
data=$WORK/data
# Week 1 began 15 days ago: today is in week 3. Week 1: all 14 sessions,
# pain 3 during; week 2: 4 sessions, pain 7.
d0=$(date -d '-15 days' +%F)
enrol alfredson-program --start "$d0" --data-dir "$data" --profile Ann >/dev/null || fail "enrol"
log_days() {
	local pain=$1 i
	shift
	for i in "$@"; do
		for _ in 1 2; do
			"$TENDO" log alfredson-program --leg left --pain "$pain" --data-dir "$data" --profile Ann \
				--date "$(date -d "$d0 +$i days" +%F)" >/dev/null || fail "log on day $i"
		done
	done
}
log_days 3 0 1 2 3 4 5 6
log_days 7 7 8

# The history, then its program view, past the questions of the day: as
# Ann, or as $who.
open_glance() {
	start_real "$@" --data-dir "$data" --profile "${who:-Ann}"
	skip_day_questions "choose a routine"
	press H
	wait_for "last four weeks"
	press p
	wait_for "program at a glance"
}
# Back to the start screen, and out.
leave() {
	press q
	wait_for "choose a routine"
	press q
	[ "$(finished)" = 0 ] || fail "tendo did not leave cleanly"
	t kill-server
}

# The row that begins with LABEL, from its first figure on.
row() {
	screen | sed -n "s/^ $1  *//p" | head -n 1 | tr -s ' '
}

TEST_ENV="LANG=C.UTF-8" open_glance 80 24
on_screen "Alfredson eccentric program (12 weeks): week 3 of 12" || fail "no title and week: $(screen)"
[ "$(row week)" = "1 2 3 4 5 6 7 8 9 10 11 12" ] || fail "the weeks: $(row week)"
[ "$(row done)" = "14 4 0 · · · · · · · · ·" ] || fail "the sessions done: $(row done)"
[ "$(row 'load, kg')" = "bw bw · · · · · · · · · ·" ] || fail "the load: $(row 'load, kg')"
[ "$(row during)" = "▃3 ▅7 · · · · · · · · · ·" ] || fail "the pain during: $(row during)"
on_screen "14 a week" || fail "the bars' full height is not named"
# Week 1's bar is full: the cell under "1" on the bars' top row; week 2's
# (4 of 14) is not.
top=$(screen | sed -n '/14 a week/p')
[ "$top" = " 14 a week    ████" ] || fail "the bars' top row is not week 1's alone: [$top]"
press p
wait_for "last four weeks"
leave

TEST_TERM=vt100 TEST_ENV="LANG=C LC_ALL=C" open_glance 80 24
screen | LC_ALL=C grep -q '[^ -~]' && fail "characters beyond ASCII in the C locale"
[ "$(row during)" = "3 7 . . . . . . . . . ." ] || fail "the pain during in ASCII: $(row during)"
screen | grep -q "^ sessions  *#### ####" || fail "no ASCII bars: $(screen)"
leave

# At 40x12: the last four weeks down to today's pain and this week's
# volume; the glance with the week first in its title, and the weeks up
# to this one.
history_at() {
	start_real "$@" --data-dir "$data" --profile Ann
	skip_day_questions "choose a routine"
	press H
	wait_for "last four weeks"
}
for locale in C.UTF-8 C; do
	TEST_TERM=$([ $locale = C ] && echo vt100 || echo xterm-256color) \
		TEST_ENV="LANG=$locale LC_ALL=$locale" history_at 40 12
	on_screen "this week" || fail "40x12, $locale: no row for this week: $(screen)"
	# 28 days of pain during, today's the last: none rated today.
	days=$(screen | sed -n 's/^ during *//p' | LC_ALL=C.UTF-8 sed 's/ *$//')
	[ "$(printf '%s' "$days" | LC_ALL=C.UTF-8 wc -m)" = 28 ] ||
		fail "40x12, $locale: the pain during is not 28 days: [$days]"
	press p
	wait_for "Week 3 of 12: Alfredson"
	[ "$(row week)" = "1 2 3" ] || fail "40x12, $locale: the weeks: $(row week)"
	[ "$(row done)" = "14 4 0" ] || fail "40x12, $locale: the sessions done: $(row done)"
	on_screen "red flag" || fail "40x12, $locale: the red flags' row is cut off: $(screen)"
	if [ $locale = C ]; then
		screen | LC_ALL=C grep -q '[^ -~]' && fail "characters beyond ASCII in the C locale at 40x12"
		[ "$(row during)" = "3 7 ." ] || fail "40x12: the pain during in ASCII: $(row during)"
	else
		[ "$(row during)" = "▃3 ▅7 ·" ] || fail "40x12: the pain during: $(row during)"
	fi
	leave
done

# Heavy slow resistance: each exercise has its own load, and the week's
# figure is the heaviest of them, not whichever set came first.
enrol hsr-program --start "$d0" --data-dir "$data" --profile Bo >/dev/null || fail "enrol Bo"
for when in "0 20,30,40" "2 20,30,40" "7 22.5,32.5,45"; do
	"$TENDO" log hsr-program --load "${when#* }" --data-dir "$data" --profile Bo \
		--date "$(date -d "$d0 +${when%% *} days" +%F)" >/dev/null || fail "Bo's log on day ${when%% *}"
done
who=Bo TEST_ENV="LANG=C.UTF-8" open_glance 80 24
[ "$(row 'load, kg')" = "40 45 · · · · · · · · · ·" ] || fail "Bo's load: $(row 'load, kg')"
leave

# Larger, the bars grow taller and every week still shows.
TEST_ENV="LANG=C.UTF-8" open_glance 200 60
[ "$(row week)" = "1 2 3 4 5 6 7 8 9 10 11 12" ] || fail "the weeks at 200x60: $(row week)"
[ "$(screen | grep -c '████')" -ge 15 ] || fail "the bars did not grow at 200x60"
leave
exit 0
