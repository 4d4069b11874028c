# lib.sh — helpers for end-to-end tests: the real tendo in a private tmux.
#
# Each test sources this file, then uses:
#   start COLS ROWS ARGS...   run tendo ARGS in a fresh tmux pane of that size
#   wait_for TEXT [SECONDS]   poll the screen until TEXT appears (fails after SECONDS)
#   wait_gone TEXT [SECONDS]  poll until TEXT is no longer on screen
#   press KEY...              send keys (tmux key names: Space, Enter, Up, C-c)
#   screen                    print the screen now
#   finished [SECONDS]        wait for tendo to exit; prints its exit status
#   need_tmux                 skip the test when tmux is missing
#   fail MESSAGE              print the message and the screen, and exit 1
# Automake's test driver reads the exit status: 0 pass, 1 fail, 77 skip.

set -u

TENDO=${TENDO:-$(pwd)/tendo}
TOP_SRCDIR=${TOP_SRCDIR:-$(pwd)}
FIXTURES=$TOP_SRCDIR/tests/fixtures

skip() {
	echo "SKIP: $*"
	exit 77
}

need_tmux() {
	command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (apt-get install tmux)"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tendo-test.XXXXXX")
SOCKET=tendo-test-$$
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config
mkdir -p "$HOME"

cleanup() {
	# tendo leaves by itself when its terminal goes; make sure of it.
	for pane in $(tmux -L "$SOCKET" list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		pkill -TERM -P "$pane" 2>/dev/null
	done
	tmux -L "$SOCKET" kill-server >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT

t() {
	tmux -L "$SOCKET" "$@"
}

# Quotes each argument for the shell tmux starts.
quote_args() {
	local a out=""
	for a in "$@"; do
		out="$out '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	done
	printf '%s' "$out"
}

# A fresh tmux session of COLS x ROWS running COMMAND. A server that is
# still going away after kill-server can refuse the first try.
new_session() {
	local cols=$1 rows=$2 command=$3 i
	for i in 1 2 3 4 5; do
		t -f /dev/null new-session -d -x "$cols" -y "$rows" "$command" 2>/dev/null && break
		sleep 0.2
	done
	t set-option -g status off >/dev/null || fail "tmux would not start"
}

# Under AddressSanitizer, the leak check at exit can hang in a process whose
# terminal was taken away (tests that kill tmux under it): the unit tests
# check for leaks; here ASan and UBSan still check every access.
NO_LEAK_CHECK="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# Says how tendo left, at the start of a line of its own: a tendo that was
# killed leaves the cursor wherever it was.
EXIT_LINE='s=$?; printf "\\r\\n"; echo "tendo exited: $s"'

start() {
	local cols=$1 rows=$2
	shift 2
	new_session "$cols" "$rows" \
		"env TERM=${TEST_TERM:-xterm-256color} $NO_LEAK_CHECK ${TEST_ENV:-} $(quote_args "$TENDO" "$@"); $EXIT_LINE; sleep 600"
}

screen() {
	t capture-pane -p
}

# To stderr, so that a failure inside a command whose output is thrown away
# (finished >/dev/null) is still seen in the test's log.
fail() {
	{
		echo "FAIL: $*"
		echo "---- screen ----"
		screen 2>/dev/null
		echo "----------------"
	} >&2
	exit 1
}

wait_for() {
	local text=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		screen 2>/dev/null | grep -qF -- "$text" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "\"$text\" did not appear within $limit s"
}

wait_gone() {
	local text=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		screen 2>/dev/null | grep -qF -- "$text" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "\"$text\" was still on screen after $limit s"
}

press() {
	t send-keys "$@"
}

finished() {
	wait_for "tendo exited:" "${1:-20}"
	screen | sed -n 's/.*tendo exited: \([0-9]*\).*/\1/p' | tail -n 1
}

# After a session with sets done, tendo asks how much it hurt: answer KEY
# (a digit, t for 10, s to skip) if it asks within a few seconds.
answer_pain_if_asked() {
	local i=0
	while [ "$i" -lt 60 ]; do
		if screen 2>/dev/null | grep -qF "How much pain did you feel"; then
			press "${1:-s}"
			return 0
		fi
		screen 2>/dev/null | grep -qF "tendo exited:" && return 0
		sleep 0.05
		i=$((i + 1))
	done
}

# The screen must be whole: the header's first line and the keys' last line.
screen_whole() {
	local s
	s=$(screen)
	printf '%s\n' "$s" | head -n 1 | grep -qF -- "$1" || fail "the header \"$1\" is missing"
	printf '%s\n' "$s" | grep -qF -- "$2" || fail "\"$2\" is missing"
}
