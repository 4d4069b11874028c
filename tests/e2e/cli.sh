# The command line: help, version, usage errors, and a clear word when a
# session has no terminal or no such routine.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

"$TENDO" --help | grep -qF "Usage: tendo" || fail "--help shows no usage"
"$TENDO" --help | grep -qF "not medical advice" || fail "--help does not say it is not medical advice"
"$TENDO" --version | grep -qE "^tendo [0-9]+\.[0-9]+" || fail "--version"

expect_usage() {
	local words=$1
	shift
	err=$("$TENDO" "$@" 2>&1 >/dev/null)
	status=$?
	[ "$status" -eq 2 ] || fail "tendo $* exited $status, not 2"
	printf '%s\n' "$err" | grep -qF -- "$words" || fail "tendo $*: expected \"$words\", got: $err"
}
expect_usage '--speed takes a number from 0.1 to 1000, found "fast"' --speed fast run x
expect_usage '--speed takes a number' --speed 0 run x
expect_usage '--leg takes left or right, found "up"' --leg up run x
expect_usage 'unknown option --bogus' --bogus
expect_usage 'unknown command "dance"' dance
expect_usage 'check needs at least one routine file' check
expect_usage 'run takes one routine' run

err=$("$TENDO" run no-such-routine 2>&1 </dev/null)
[ $? -eq 1 ] || fail "run of an unknown routine did not exit 1"
printf '%s\n' "$err" | grep -qF 'there is no routine called "no-such-routine"' || fail "unknown routine: $err"

err=$("$TENDO" run calf-stretches 2>&1 </dev/null)
[ $? -eq 1 ] || fail "run without a terminal did not exit 1"
printf '%s\n' "$err" | grep -qF "a session needs a terminal" || fail "no terminal: $err"

err=$("$TENDO" run "$FIXTURES/folder/bad-tab.yaml" 2>&1 </dev/null)
[ $? -eq 1 ] || fail "run of a broken file did not exit 1"
printf '%s\n' "$err" | grep -qF "bad-tab.yaml:3:1: indentation must use spaces" || fail "broken run: $err"

# Options may come after the command too.
"$TENDO" list --routines "$FIXTURES/folder" | grep -q "^a-good" || fail "options after the command"

# A user's own routines are found in $XDG_CONFIG_HOME/tendo/routines.
mkdir -p "$XDG_CONFIG_HOME/tendo/routines"
cp "$FIXTURES/short.yaml" "$XDG_CONFIG_HOME/tendo/routines/mine.yaml"
"$TENDO" list | grep -q "^mine .*yours" || fail "the user's routine is not listed as theirs"
# hash-pin: a salted hash, never the digits; a different salt each time.
a=$(echo 4821 | "$TENDO" hash-pin) || fail "hash-pin failed"
b=$(echo 4821 | "$TENDO" hash-pin) || fail "hash-pin failed"
case $a in '$'*) ;; *) fail "hash-pin printed no hash: $a" ;; esac
printf '%s' "$a" | grep -q 4821 && fail "hash-pin printed the PIN"
[ "$a" != "$b" ] || fail "hash-pin gave the same hash twice: no salt"
err=$(echo 12 | "$TENDO" hash-pin 2>&1)
[ $? -eq 1 ] || fail "a short PIN did not exit 1"
printf '%s\n' "$err" | grep -qF "a PIN has 4 to 12 digits" || fail "short PIN: $err"

# A kiosk takes no command (a login shell given -c gets nothing either).
err=$("$TENDO" --kiosk list 2>&1)
[ $? -eq 2 ] || fail "--kiosk with a command did not exit 2"
printf '%s\n' "$err" | grep -qF "a kiosk takes no command" || fail "kiosk command: $err"
"$TENDO" -c "echo escaped" 2>/dev/null | grep -q escaped && fail "-c ran a command"

# The system's config: its mistakes are placed and skipped; the admin PIN
# belongs there alone.
printf 'idle = soon\nrooutines = /x\n' >"$WORK/system-config"
printf 'admin-pin = 1234\n' >"$XDG_CONFIG_HOME/tendo/config"
err=$(TENDO_SYSTEM_CONFIG=$WORK/system-config "$TENDO" list 2>&1 >/dev/null)
printf '%s\n' "$err" | grep -qF "$WORK/system-config:1:8: idle takes a time" || fail "system config: $err"
printf '%s\n' "$err" | grep -qF "$WORK/system-config:2:1: unknown setting \"rooutines\"" ||
	fail "system config: $err"
printf '%s\n' "$err" | grep -qF "config:1:1: admin-pin belongs in the system's config" ||
	fail "user config: $err"
rm "$XDG_CONFIG_HOME/tendo/config"
exit 0
