#!/bin/bash
# tendo report: a PDF for a physiotherapist, from made-up logs lived day by
# day (libfaketime). The PDF opens (pdfinfo); its text holds the figures
# the log holds (pdftotext); each page renders (pdftoppm) with the charts'
# ink where the data put it (pdf-ink.py, against the marks the report
# notes with --chart-map). A log with nothing in it, a damaged log and a
# folder that can't be written get a clear message and no file, half
# written or otherwise.
. "$(dirname "$0")/lib.sh"
need_faketime
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"
for tool in pdfinfo pdftotext pdftoppm; do
	command -v $tool >/dev/null || skip "$tool is not installed (apt-get install poppler-utils)"
done
data=$WORK/data
start=2026-01-05 # a Monday, long past
who=ruth

# tendo as ruth (or $who), on day N of the program: on_day N ARGS...
on_day() {
	local day=$1
	shift
	on "$day" --data-dir "$data" --profile "$who" "$@"
}

# A day's two sessions at PAIN during, the pain after, and the next
# morning's.
train_day() {
	local day=$1 pain=$2
	on_day "$day" log alfredson-program --leg left --pain "$pain" >/dev/null || fail "log on day $day"
	on_day "$day" log alfredson-program --leg left --pain "$pain" >/dev/null || fail "log on day $day"
	on_day "$day" rate after "$pain" >/dev/null || fail "rate after on day $day"
	on_day "$((day + 1))" rate morning 1 --stiffness 2 >/dev/null || fail "rate morning on day $((day + 1))"
}

# tendo report as ruth, at the real time: the report reads the clock only
# for a period not given (pango's threads and a faked clock don't mix).
rep() {
	"$TENDO" --data-dir "$data" --profile "$who" report "$@"
}

# The day N days after the start, as YYYY-MM-DD.
day() {
	date -d "$start + $1 days" +%F
}

# Writes the report with ARGS to $WORK/out.pdf and its chart map, then
# its text to $WORK/out.txt and each page to $WORK/page-N.ppm.
report() {
	rm -f "$WORK"/out.pdf "$WORK"/page-*.ppm
	rep -o "$WORK/out.pdf" --chart-map "$WORK/map" "$@" >"$WORK/said" 2>&1 ||
		fail "tendo report $*: $(cat "$WORK/said")"
	grep -qF "The report on $who is in $WORK/out.pdf." "$WORK/said" ||
		fail "tendo report did not say where: $(cat "$WORK/said")"
	pdfinfo "$WORK/out.pdf" >"$WORK/info" 2>&1 || fail "pdfinfo can't open the report: $(cat "$WORK/info")"
	grep -q "^Page size: *595.* x 841.* pts (A4)" "$WORK/info" || fail "not A4: $(cat "$WORK/info")"
	pdftotext "$WORK/out.pdf" - | tr -s ' \n' ' ' >"$WORK/out.txt"
	pdftoppm -r 72 "$WORK/out.pdf" "$WORK/page" || fail "pdftoppm can't render the report"
	# pdftoppm names pages page-1.ppm, or page-01.ppm from ten pages on.
	for f in "$WORK"/page-0*.ppm; do [ -e "$f" ] && mv "$f" "${f/-0/-}"; done
	return 0
}

says() {
	local text
	for text in "$@"; do
		grep -qF -- "$text" "$WORK/out.txt" || fail "the report lacks \"$text\": $(cut -c1-3000 "$WORK/out.txt")"
	done
}

ink() {
	python3 "$TOP_SRCDIR/tests/e2e/pdf-ink.py" "$WORK/map" "$WORK/page" "$@" >"$WORK/ink" ||
		fail "the charts' ink is not where the data put it: $(cat "$WORK/ink")"
}

# ---- a program lived: steady, a skipped day, a flare, a red flag, a pause
printf "no\nno\nno\nno\nno\n" | on_day 0 enrol alfredson-program --start "$start" >/dev/null || fail "enrol"
on_day 1 visa-a 40 >/dev/null || fail "visa-a"
for d in $(seq 0 22); do
	[ "$d" = 9 ] && continue # week 2's Wednesday: no sessions
	pain=1
	[ "$d" -ge 15 ] && [ "$d" -le 17 ] && pain=4 # a flare in week 3
	train_day "$d" "$pain"
	[ $((d % 7)) = 0 ] && { on_day "$d" plan >/dev/null || fail "plan on day $d"; }
done
# Day 23: two sessions, then pain of 9 after: the program pauses; a red
# flag that day (as the session's key would record it) and no more
# sessions; two heel-raise tests; a VISA-A score in the pause.
on_day 23 log alfredson-program --leg left --pain 3 >/dev/null || fail "log on day 23"
on_day 23 log alfredson-program --leg left --pain 3 >/dev/null || fail "log on day 23"
on_day 23 rate after 9 >/dev/null || fail "rate after 9"
at() { date -d "$(day "$1") $2" +%s; }
sqlite3 "$data/tendo.db" "INSERT INTO red_flags (profile_id, at, note) VALUES (1, $(at 23 18:00), 'a sudden pop');
	INSERT INTO capacity_tests (profile_id, at, left_reps, right_reps, affected) VALUES
	(1, $(at 2 09:00), 15, 25, 'left'), (1, $(at 27 09:00), 20, 25, 'left')" || fail "sqlite3"
on_day 30 visa-a 55 >/dev/null || fail "visa-a"

report --from "$start" --to "$(day 34)"
# Weeks 1-5: 14, 12 (a day skipped), 14, 6 (paused on day 23), 0: 46 of 70.
says "ruth" "$(date -d "$start" "+%d %b %Y") to $(date -d "$(day 34)" "+%d %b %Y") (35 days). Affected leg: left." \
	"Alfredson eccentric program" "46 sessions done of 70 prescribed (66%)" \
	"Up to 2.5 kg: week 1 stayed within every limit" "week 4 — pause" \
	"Paused: pain of 8 or more" "red flag: a sudden pop" "The program was paused on 12 days" \
	"left 15, right 25, LSI 60%" "left 20, right 25, LSI 80%" "40 of 100" "55 of 100" \
	"Silbernagel" "Alfredson H" "tendo is not a diagnosis" "Screening: no signs of a rupture"
grep -q "^Pages: *[2-9]" "$WORK/info" || fail "the report is not on two pages or more: $(cat "$WORK/info")"
ink bars:adherence-0 value:adherence-0:1:14 value:adherence-0:2:12 value:adherence-0:4:6 \
	value:adherence-0:5:0 points:pain-during points:pain-after value:pain-after:23:9 \
	value:pain-during:16:4 points:pain-morning
# The step back after the flare is drawn where its week is, and listed.
grep -q " load-0 " "$WORK/map" || fail "no load chart: $(cat "$WORK/map")"

# ---- a period that starts in the pause: paused from its first day
report --from "$(day 25)" --to "$(day 34)"
says "The program was paused on 10 days"

# ---- one day only
report --from "$(day 16)" --to "$(day 16)"
says "(1 day)" "Pain, day by day"
ink value:pain-during:0:4 value:pain-after:0:4

# ---- ten weeks on a long period: pain week by week
report --from "$(date -d "$start - 300 days" +%F)" --to "$(day 34)"
says "Pain, week by week" "Each week's highest"

# ---- two programs at once
printf "no\nno\nno\nno\nno\n" | who=sam on_day 0 enrol alfredson-program --start "$start" >/dev/null || fail "enrol sam"
printf "no\nno\nno\nno\nno\n" | who=sam on_day 0 enrol calf-stretching-program --start "$start" >/dev/null ||
	fail "enrol sam in the stretches"
for d in 0 1 2; do
	who=sam on_day "$d" log alfredson-program --leg right --pain 2 >/dev/null || fail "sam's log"
	who=sam on_day "$d" log alfredson-program --leg right --pain 2 >/dev/null || fail "sam's log"
	who=sam on_day "$d" log calf-stretching-program >/dev/null || fail "sam's stretches"
done
who=sam report --from "$start" --to "$(day 6)"
says "Alfredson eccentric program" "Calf stretching program" "6 sessions done of 14" \
	"3 sessions done of 7"
ink value:adherence-0:1:6 value:adherence-1:1:3

# ---- heavy slow resistance: each exercise has its own load, so a decision
# has no one load of its own: it is listed without one, and its mark stands
# at the week's highest load, on the lines, not at 0 kg
printf "no\nno\nno\nno\nno\n" | who=hal on_day 0 enrol hsr-program --start "$start" >/dev/null || fail "enrol hal"
for d in 0 2; do
	who=hal on_day "$d" log hsr-program --load 20,30,40 --pain 2 >/dev/null || fail "hal's log on day $d"
done
who=hal report --from "$start" --to "$(day 6)"
says "week 1 — progress: Seated calf raise (knee bent): Next time 22.5 kg: you met 15RM at 20 kg."
grep -qF ", 0 kg:" "$WORK/out.txt" && fail "a decision of hal's is listed at 0 kg: $(cat "$WORK/out.txt")"
ink points:decisions-0 value:decisions-0:0:40 value:decisions-0:1:40

# ---- R on the start screen: the report in the person's data folder, and
# where it is said
if command -v tmux >/dev/null; then
	# Pat trained today, so no question comes before the start screen.
	"$TENDO" --data-dir "$data" --profile pat log calf-stretches >/dev/null || fail "pat's log"
	start 100 30 --data-dir "$data" --profile pat --sound off
	wait_for "choose a routine"
	screen | grep -qE "R +report" || fail "the start screen does not offer R: $(screen)"
	press R
	wait_for "Your report for your physiotherapist is in"
	own=$data/reports/pat-$(date +%F).pdf
	wait_for "$own"
	pdfinfo "$own" >/dev/null 2>&1 || fail "R wrote no report at $own: $(ls -R "$data")"
	pdftotext "$own" - | tr -s ' \n' ' ' | grep -qF "pat — " || fail "R's report is not Pat's"
	t kill-server
else
	echo "the R key is not tried: tmux is not installed"
fi

# ---- nothing to report: a clear message, exit 1, no file
: >"$WORK/keep.pdf"
printf "no\nno\nno\nno\nno\n" | who=lee on_day 0 enrol alfredson-program --start "$start" >/dev/null || fail "enrol lee"
for case in "lee:has nothing logged from" "nobody:the log has no profile \"nobody\""; do
	err=$(who=${case%%:*} rep -o "$WORK/keep.pdf" 2>&1 >/dev/null)
	[ $? = 1 ] || fail "a report of nothing (${case%%:*}) did not exit 1: $err"
	printf '%s\n' "$err" | grep -qF "${case#*:}" || fail "a report of nothing said: $err"
done
[ ! -s "$WORK/keep.pdf" ] || fail "a report of nothing wrote the file"

# ---- bad input: exit 2
for bad in "--from 2026-13-01" "--to yesterday"; do
	# shellcheck disable=SC2086
	err=$(rep -o "$WORK/bad.pdf" $bad 2>&1 >/dev/null)
	[ $? = 2 ] || fail "report $bad did not exit 2: $err"
done
err=$(rep 2>&1 >/dev/null)
[ $? = 2 ] && printf '%s\n' "$err" | grep -qF "report needs a file to write" || fail "report without -o: $err"
err=$(rep -o "$WORK/bad.pdf" --from "$(day 10)" --to "$(day 5)" 2>&1 >/dev/null)
[ $? = 1 ] && printf '%s\n' "$err" | grep -qF "ends ($(day 5)) before it starts" || fail "a period backwards: $err"
[ ! -e "$WORK/bad.pdf" ] || fail "bad input wrote a report"

# ---- a folder that can't be written, and a damaged log: the report
# that was there is untouched, and nothing half-written is left
cp "$WORK/out.pdf" "$WORK/good.pdf"
mkdir "$WORK/locked" && chmod 555 "$WORK/locked"
if [ ! -w "$WORK/locked" ]; then # root writes anywhere
	err=$(rep -o "$WORK/locked/r.pdf" 2>&1 >/dev/null)
	[ $? = 1 ] && printf '%s\n' "$err" | grep -qF "$WORK/locked/r.pdf" || fail "an unwritable folder: $err"
fi
mkdir "$WORK/damaged" && head -c 8192 /dev/urandom >"$WORK/damaged/tendo.db"
cp "$WORK/good.pdf" "$WORK/damaged/r.pdf"
err=$("$TENDO" --data-dir "$WORK/damaged" --profile ruth report -o "$WORK/damaged/r.pdf" 2>&1 >/dev/null)
[ $? = 1 ] && printf '%s\n' "$err" | grep -qF "$WORK/damaged/tendo.db" || fail "a damaged log: $err"
cmp -s "$WORK/good.pdf" "$WORK/damaged/r.pdf" || fail "a damaged log changed the report that was there"
# A disk that fills up midway through the drawing (a small tmpfs, as
# root): the report that was there is untouched, and no part of the new
# one is left.
if [ "$(id -u)" -eq 0 ] && mkdir "$WORK/small" && mount -t tmpfs -o size=96k tmpfs "$WORK/small" 2>/dev/null; then
	on_exit 'umount "$WORK/small" 2>/dev/null'
	cp "$WORK/good.pdf" "$WORK/small/r.pdf" || fail "no room for the first report"
	dd if=/dev/zero of="$WORK/small/filler" bs=1k count=$((96 - 4 - $(du -k "$WORK/good.pdf" | cut -f1))) 2>/dev/null
	err=$(rep -o "$WORK/small/r.pdf" --from "$start" --to "$(day 34)" 2>&1 >/dev/null)
	[ $? = 1 ] && printf '%s\n' "$err" | grep -qF "can't write the report" || fail "a full disk: $err"
	cmp -s "$WORK/good.pdf" "$WORK/small/r.pdf" || fail "a full disk changed the report that was there"
	[ "$(ls "$WORK/small")" = "$(printf 'filler\nr.pdf')" ] || fail "a half-written report was left: $(ls "$WORK/small")"
else
	echo "a full disk is not tried: it needs root and a tmpfs"
fi
exit 0
