#!/bin/bash
# A routine folder of 1,000 files, 100 of them broken in ten ways: the good
# ones load, each broken one has its own message with its place, and the
# start screen opens on them.
. "$(dirname "$0")/lib.sh"
need_tmux

folder=$WORK/routines
mkdir -p "$folder"
good=$(cat "$FIXTURES/short.yaml")
for i in $(seq -w 1 900); do
	printf '%s\n' "${good/title: Short/title: $i Short}" >"$folder/good-$i.yaml"
done
kinds=(tab unknown-key no-title bad-duration binary empty two-documents negative-sets
	hold-and-reps open-quote)
bodies=(
	'title: T\nexercises:\n\t- name: x\n'
	'title: T\nexercises:\n  - name: x\n    hold: 5s\n    sets: 1\n    colour: red\n'
	'exercises:\n  - name: x\n    hold: 5s\n    sets: 1\n'
	'title: T\nexercises:\n  - name: x\n    hold: 5 parsecs\n    sets: 1\n'
	'\001\000\002tendo'
	''
	'title: A\n---\ntitle: B\n'
	'title: T\nexercises:\n  - name: x\n    hold: 5s\n    sets: -3\n'
	'title: T\nexercises:\n  - name: x\n    hold: 5s\n    reps: 5\n    sets: 1\n'
	'title: "T\nexercises: []\n'
)
messages=("tab-.*:3:1: indentation must use spaces, found a tab"
	"unknown-key-.*:6:5: unknown key \"colour\" in an exercise"
	"no-title-.*:1:1: the routine needs a title"
	"bad-duration-.*:4:11: hold must be a duration"
	"binary-.*:1:2: the file must be text, found a NUL byte"
	"empty-.*:1:1: the file is empty"
	"two-documents-.*:2:1: a routine file holds one routine"
	"negative-sets-.*:5:11: sets must be a whole number"
	"hold-and-reps-.*:3:5: an exercise has either hold .* or reps"
	"open-quote-.*:3:1: this is not valid YAML")
for i in $(seq 0 99); do
	k=$((i % 10))
	printf "${bodies[$k]}" >"$folder/broken-${kinds[$k]}-$i.yaml"
done
[ "$(ls "$folder" | wc -l)" -eq 1000 ] || fail "the folder does not hold 1,000 files"

out=$("$TENDO" list --routines "$folder") || fail "tendo list failed"
[ "$(printf '%s\n' "$out" | grep -c '^good-')" -eq 900 ] || fail "not every good routine was listed"
[ "$(printf '%s\n' "$out" | grep -c ' broken: ')" -eq 100 ] || fail "not every broken file was reported"
for m in "${messages[@]}"; do
	[ "$(printf '%s\n' "$out" | grep -cE -- "$m")" -eq 10 ] ||
		fail "\"$m\" is not given for each of its 10 files: $(printf '%s\n' "$out" | grep -F "${m%%-*}" | head -2)"
done

# The start screen opens, and a good one runs from among them.
start 100 30 --routines "$folder" --sound off --leg left --data-dir "$WORK/data"
wait_for "choose a routine" 20
press End
wait_for "broken"
press Home
press Enter
press n
wait_for "Short test routine"
press q y Enter
press q
[ "$(finished)" = 0 ] || fail "tendo did not leave cleanly"
exit 0
