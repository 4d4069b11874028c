# Every shipped routine passes `tendo check`; broken files get file:line:col
# messages and a non-zero exit; a broken file never hides the good ones.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

out=$("$TENDO" check "$TOP_SRCDIR"/routines/*.yaml) || fail "tendo check failed on the shipped routines: $out"
for f in "$TOP_SRCDIR"/routines/*.yaml; do
	printf '%s\n' "$out" | grep -qxF "$f: ok" || fail "no \"$f: ok\" in: $out"
done

out=$("$TENDO" check "$FIXTURES/folder/a-good.yaml" "$FIXTURES/folder/bad-reps.yaml")
status=$?
[ "$status" -eq 1 ] || fail "check of a bad file exited $status, not 1"
printf '%s\n' "$out" | grep -qxF "$FIXTURES/folder/a-good.yaml: ok" || fail "good file not ok: $out"
printf '%s\n' "$out" | grep -qxF "$FIXTURES/folder/bad-reps.yaml:4:11: reps must be a whole number from 1 to 500, found \"fifteen\"" ||
	fail "wrong message for bad-reps: $out"

out=$("$TENDO" check "$WORK/missing.yaml")
[ $? -eq 1 ] || fail "check of a missing file did not exit 1"
printf '%s\n' "$out" | grep -qF "missing.yaml: can't open the file: No such file or directory" || fail "missing: $out"

# The list: every good routine loads beside the broken ones, each broken one
# with its message.
out=$("$TENDO" list --routines "$FIXTURES/folder") || fail "tendo list failed"
for name in a-good z-good calf-stretches heel-drops-alfredson single-leg-calf-raises; do
	printf '%s\n' "$out" | grep -q "^$name  *[A-Z]" || fail "$name is missing from the list: $out"
done
for bad in bad-duplicate:5:5 bad-empty:1:1 bad-latin1:1:11 bad-reps:4:11 bad-syntax:5:1 bad-tab:3:1 bad-zero-hold:4:11; do
	name=${bad%%:*} place=${bad#*:}
	printf '%s\n' "$out" | grep -q "^$name  *broken: .*/$name.yaml:$place: " || fail "$name not shown broken at $place: $out"
done
printf '%s\n' "$out" | grep -q "notes" && fail "a .txt file was taken for a routine"
# Its columns line up, the long titles of the programs among them: each
# good routine's length ends in the same column.
[ "$(printf '%s\n' "$out" | grep -v " broken: " | awk '{ match($0, / [0-9]+:[0-9][0-9]  /); print RSTART + RLENGTH }' | sort -u | wc -l)" = 1 ] ||
	fail "the list's columns do not line up: $out"
# The full example in tendo-routine(5) is itself a good routine.
sed -n '/^\.SH EXAMPLE/,/^\.fi/p' "$TOP_SRCDIR/man/tendo-routine.5" | sed '1,2d;$d' |
	sed 's/\\-/-/g; s/\\(dq/"/g' >"$WORK/example.yaml"
[ -s "$WORK/example.yaml" ] || fail "no example in tendo-routine(5)"
out=$("$TENDO" check "$WORK/example.yaml") || fail "the man page's example is not a good routine: $out"
exit 0
