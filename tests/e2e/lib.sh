# lib.sh — helpers for end-to-end tests: the real tendo in a private tmux.
#
# Each test sources this file, then uses:
#   start COLS ROWS ARGS...   run tendo ARGS in a fresh tmux pane of that size,
#                             its clock driven by the test (see advance)
#   start_real COLS ROWS ARGS...  the same on the real clock (whole sessions
#                             at --speed, sound, timing)
#   advance MS                move tendo's clock on MS milliseconds; until then
#                             it stands still, so each state stays on screen
#   wait_until [-t SECONDS] [-m MESSAGE] COMMAND [ARG]...
#                             run COMMAND until it succeeds; fail after SECONDS
#                             (default $WAIT_LIMIT). Every wait is this one.
#   wait_for TEXT [SECONDS]   wait until TEXT is on the screen
#   wait_gone TEXT [SECONDS]  wait until TEXT is no longer on screen
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

# How long a wait may take before the test fails. A wait is for a state
# that stays (the test holds the clock), so this is a limit for a tendo that
# went wrong, not a window to catch: generous, for a busy machine.
WAIT_LIMIT=${WAIT_LIMIT:-30}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tendo-test.XXXXXX")
SOCKET=tendo-test-$$
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config
mkdir -p "$HOME"
# No sound card, whatever the machine has: a test that wants one (ALSA's
# file plugin) says so with alsa_recorder. alsa-lib complains of the
# missing card, as it does on a machine that has none.
printf 'pcm.!default { type hw card nosuchcard }\n' >"$WORK/no-card.conf"
export ALSA_CONFIG_PATH=$WORK/no-card.conf

# A sound card that records what tendo plays into FILE (raw s16le mono
# 44.1 kHz, each sound whole, as written), as the ALSA PCM called NAME
# (default: the default device).
alsa_recorder() {
	local file=$1 name=${2:-!default}
	printf 'pcm.%s {\n\ttype file\n\tslave.pcm { type null }\n\tfile "%s"\n\tformat "raw"\n}\n' \
		"$name" "$file" >>"$ALSA_CONFIG_PATH"
}

# Every process a test starts names its $WORK (a data folder, the clock's
# FIFO, a config): one still running at the end was left behind.
strays() {
	pgrep -af -- "$WORK/"
}

# What a test adds to the cleanup at exit (a server it started, a mount):
# on_exit COMMAND runs COMMAND first.
AT_EXIT=""
on_exit() {
	AT_EXIT="$1; $AT_EXIT"
}

cleanup() {
	local status=$? i=0
	eval "$AT_EXIT"
	# tendo leaves by itself when its terminal goes; make sure of it.
	for pane in $(tmux -L "$SOCKET" list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		pkill -TERM -P "$pane" 2>/dev/null
	done
	tmux -L "$SOCKET" kill-server >/dev/null 2>&1
	tmux -L "$SOCKET-view" kill-server >/dev/null 2>&1 # see displayed
	# A process on its way out may take a moment (a sanitizer's report).
	while strays >/dev/null && [ "$i" -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if strays >/dev/null; then
		echo "FAIL: processes were left behind:" >&2
		strays >&2
		pkill -KILL -f -- "$WORK/"
		status=1
	fi
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT

t() {
	tmux -L "$SOCKET" "$@"
}

# A private PostgreSQL server for this test, on a Unix socket in $WORK,
# made and removed by it: PG_DATABASE names its database "tendo" as libpq
# takes it; pg_sql SQL runs SQL there and prints the answer; pg_stop and
# pg_start stop it and start it again. Skips the test where the server's
# programs are missing or tendo was built without libpq. The server never
# runs as root: as the postgres user when the test is root.
need_postgresql() {
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && command -v psql >/dev/null ||
		skip "no PostgreSQL server here (Debian: apt-get install postgresql)"
	"$TENDO" --database "host=$WORK/nowhere dbname=x" member list 2>&1 |
		grep -q "built without PostgreSQL" &&
		skip "this tendo was built without PostgreSQL (configure found no libpq)"
	PG_DIR=$WORK/pg
	PG_AS=""
	mkdir -p "$PG_DIR"
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || skip "running as root, with no postgres user to run the server as"
		chmod 711 "$WORK"
		chown postgres "$PG_DIR"
		PG_AS="runuser -u postgres --"
	fi
	$PG_AS "$PG_BIN/initdb" -D "$PG_DIR/data" -U tendo --auth=trust -E UTF8 --no-locale \
		>"$WORK/initdb.log" 2>&1 || fail "initdb failed: $(tail -n 3 "$WORK/initdb.log")"
	PG_DATABASE="host=$PG_DIR user=tendo dbname=tendo"
	on_exit pg_stop
	pg_start
	psql -h "$PG_DIR" -U tendo -d postgres -qc "CREATE DATABASE tendo" ||
		fail "could not make the test's database"
}

pg_start() {
	# Durability is the server's own business, tested upstream: without
	# fsync the tests run as fast on a busy machine.
	$PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-k $PG_DIR -c listen_addresses='' -c fsync=off" start >/dev/null ||
		fail "the PostgreSQL server would not start: $(tail -n 3 "$PG_DIR/server.log")"
}

pg_stop() {
	$PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}

pg_sql() {
	psql -h "$PG_DIR" -U tendo -d tendo -XAtqc "$1"
}

# The log a test reads behind tendo's back, in the folder DIR: SQLite's
# file there, or with LOG=postgresql (the *-postgresql.sh tests) the
# test's own PostgreSQL database, named in the user's config so that every
# tendo the test starts keeps its log there. log_sql SQL runs SQL on it.
use_log() {
	LOG_DIR=$1
	if [ "${LOG:-sqlite}" = postgresql ]; then
		need_postgresql
		mkdir -p "$XDG_CONFIG_HOME/tendo"
		printf 'database = %s\n' "$PG_DATABASE" >>"$XDG_CONFIG_HOME/tendo/config"
	else
		command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (apt-get install sqlite3)"
	fi
}

log_sql() {
	if [ "${LOG:-sqlite}" = postgresql ]; then
		pg_sql "$1"
	else
		sqlite3 "$LOG_DIR/tendo.db" "$1"
	fi
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

# The sanitizers' settings, for a command run with a clean environment.
SANITIZER_ENV="ASAN_OPTIONS=${ASAN_OPTIONS:-} LSAN_OPTIONS=${LSAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-}"

# Says how tendo left, at the start of a line of its own: a tendo that was
# killed leaves the cursor wherever it was. On a terminal that was hung up
# on, the shell leaves at once.
EXIT_LINE='s=$?; trap - HUP; printf "\\r\\n" && echo "tendo exited: $s" || exit'

# What a pane's shell runs: COMMAND, how it left, then a wait for the test
# to read the screen. A hangup (kill-server) reaches COMMAND as the end of
# its input, as a dropped link does: the shell, the terminal's session
# leader, ignores SIGHUP until COMMAND has left. Were it to die first, the
# kernel would send COMMAND's process group a SIGCONT as it went, which
# cancels the stop a sanitizer build's leak check puts tendo in at exit and
# leaves it waiting for ever.
pane_command() {
	printf 'trap "" HUP; %s; %s; sleep 600' "$1" "$EXIT_LINE"
}

start_real() {
	local cols=$1 rows=$2
	shift 2
	new_session "$cols" "$rows" \
		"$(pane_command "env TERM=${TEST_TERM:-xterm-256color} ${TEST_ENV:-} $(quote_args "$TENDO" "$@")")"
}

# The test's clock: a FIFO tendo reads moves of time from (tendo --test-clock).
CLOCK=$WORK/clock
mkfifo "$CLOCK"

start() {
	local cols=$1 rows=$2
	shift 2
	start_real "$cols" "$rows" --test-clock "$CLOCK" "$@"
}

advance() {
	# tendo holds the FIFO open from its start: the write waits for that,
	# never for long (the limit is for a tendo that never started).
	timeout "$WAIT_LIMIT" sh -c 'printf "+%s\n" "$1" >"$2"' advance "$1" "$CLOCK" ||
		fail "tendo's clock could not be moved on"
}

screen() {
	t capture-pane -p
}

# The screen as a terminal attached to tendo's tmux shows it, with its
# colours (capture-pane -e): what capture-pane of tendo's own pane leaves
# out is the colour of cells that were erased in a colour (a run of a big
# digit's cells, erased on a terminal that erases in the background colour),
# which tmux draws all the same. A read-only client in a second tmux of the
# same size, once it shows the same text.
displayed() {
	local view=$SOCKET-view size
	size=$(t display-message -p '#{pane_width} #{pane_height}')
	tmux -L "$view" -f /dev/null new-session -d -x "${size% *}" -y "${size#* }" \
		"env -u TMUX tmux -L $SOCKET attach -f read-only,ignore-size" \; set -g status off ||
		fail "no second tmux to look with"
	wait_until -m "the second tmux does not show tendo's screen" same_text "$view"
	tmux -L "$view" capture-pane -p -e -N
	tmux -L "$view" kill-server
}

same_text() {
	[ "$(tmux -L "$1" capture-pane -p | sed 's/ *$//')" = "$(screen | sed 's/ *$//')" ]
}

# To stderr, so that a failure inside a command whose output is thrown away
# (finished >/dev/null) is still seen in the test's log.
fail() {
	{
		echo "FAIL: $*"
		echo "---- screen ----"
		screen 2>/dev/null
		echo "---- processes still running (a tendo that would not leave: its state, and where it waits) ----"
		local pids
		pids=$(pgrep -d, -f -- "$WORK/")
		[ -n "$pids" ] && ps -o pid,ppid,stat,pcpu,wchan:24,args -p "$pids" | cut -c1-160
		echo "----------------"
	} >&2
	exit 1
}

wait_until() {
	local limit=$WAIT_LIMIT message="" i=0
	while [ $# -gt 1 ]; do
		case $1 in
		-t) limit=$2; shift 2 ;;
		-m) message=$2; shift 2 ;;
		*) break ;;
		esac
	done
	while ! "$@"; do
		i=$((i + 1))
		[ "$i" -lt $((limit * 20)) ] || fail "${message:-"$* did not come true"} within $limit s"
		sleep 0.05
	done
}

on_screen() {
	screen 2>/dev/null | grep -qF -- "$1"
}

not_on_screen() {
	! on_screen "$1"
}

wait_for() {
	wait_until -t "${2:-$WAIT_LIMIT}" -m "\"$1\" did not appear" on_screen "$1"
}

wait_gone() {
	wait_until -t "${2:-$WAIT_LIMIT}" -m "\"$1\" was still on screen" not_on_screen "$1"
}

press() {
	t send-keys "$@"
}

finished() {
	wait_for "tendo exited:" "${1:-20}"
	screen | sed -n 's/.*tendo exited: \([0-9]*\).*/\1/p' | tail -n 1
}

# After a session with sets done, tendo asks how much it hurt: answer KEY
# (a digit, t for 10, s to skip) if it asks, before tendo exits.
asked_or_gone() {
	on_screen "How much pain did you feel" || on_screen "tendo exited:"
}

answer_pain_if_asked() {
	wait_until -m "neither the pain question nor the end came" asked_or_gone
	on_screen "How much pain did you feel" && press "${1:-s}"
	return 0
}

# Skips the day's questions about the pain (after the last session, this
# morning), if tendo asks them, until UNTIL is on the screen. Their titles
# without "tendo —", which the C locale writes "tendo -".
skip_day_questions() {
	local until=$1 q questions=("after your last session" "good morning")
	until on_screen "$until"; do
		wait_until -m "neither a question nor \"$until\" came" eval \
			'on_screen "$until" || on_screen "${questions[0]}" || on_screen "${questions[1]}"'
		for q in "${questions[@]}"; do
			if on_screen "$q"; then
				press s
				wait_gone "$q"
			fi
		done
	done
}

# On the start screen: chooses the Alfredson program and says yes to
# following it, up to the screening's first question.
choose_alfredson_program() {
	wait_for "choose a routine"
	press Home a a
	wait_for "> Alfredson eccentric program (12 weeks)"
	press Enter
	wait_for "Follow Alfredson eccentric program (12 weeks) from today?"
	press y
}

# Answers the screening questions on the screen, in order, one key each
# (y or n): red flag, insertional, fluoroquinolone, steroid, both tendons.
answer_screening() {
	local texts=("Did the pain start with a sudden pop or snap"
		"Is the pain where the tendon meets the heel bone" "fluoroquinolone antibiotic"
		"steroid injection near the tendon" "Do both Achilles tendons hurt") i=0 a
	for a in "$@"; do
		wait_for "${texts[$i]}"
		press "$a"
		i=$((i + 1))
	done
}

# tendo enrol ARGS..., answering no to each screening question (no red
# flag, mid-portion pain, none of the cautions).
enrol() {
	printf 'no\nno\nno\nno\nno\n' | "$TENDO" enrol "$@"
}

# The screen drawn whole at COLSxROWS: TITLE on the first row, KEYS on the
# last, and the first row reaching the right edge (a session's header ends
# with what is said of the sound, or that it is paused, one column in).
# After a resize, tmux shows what was drawn before at the new size until
# tendo has drawn again: rows alone would not tell the two apart when only
# the width changed.
whole_at() {
	local s cols=${1%x*} rows=${1#*x}
	s=$(screen)
	# Counted from tmux itself: $(...) drops trailing blank rows.
	[ "$(screen | wc -l)" -eq "$rows" ] &&
		[ "$(printf '%s\n' "$s" | head -n 1 | LC_ALL=C.UTF-8 wc -L)" -eq $((cols - 1)) ] &&
		printf '%s\n' "$s" | head -n 1 | grep -qF -- "$2" &&
		printf '%s\n' "$s" | tail -n 1 | grep -qF -- "$3"
}

# Waits for the screen to be drawn whole at COLSxROWS (after a resize).
wait_whole() {
	wait_until -m "the screen was not drawn whole at $1" whole_at "$@"
}

# The screen must be whole: the header's first line and the keys' last line.
screen_whole() {
	local s
	s=$(screen)
	printf '%s\n' "$s" | head -n 1 | grep -qF -- "$1" || fail "the header \"$1\" is missing"
	printf '%s\n' "$s" | grep -qF -- "$2" || fail "\"$2\" is missing"
}

# tendo as the profile $who, with the log in $data, on a day: DAY (days
# after $start, a YYYY-MM-DD) ARGS... Each call is a minute after the one
# before: libfaketime starts every process at the time it is given, so two
# calls at the same time would share a second and the log could not tell
# which came first. The test skips without faketime (need_faketime).
on() {
	local when minutes
	minutes=$(($(cat "$WORK/minutes" 2>/dev/null || echo 0) + 1))
	echo "$minutes" >"$WORK/minutes"
	when=$(date -d "@$(($(date -d "$start 06:00" +%s) + $1 * 86400 + minutes * 60))" "+%F %T")
	shift
	# libfaketime is preloaded before AddressSanitizer's runtime: tell
	# ASan that this is wanted (a sanitizer build).
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$when" \
		"$TENDO" --data-dir "$data" --profile "$who" "$@"
}

need_faketime() {
	command -v faketime >/dev/null || skip "faketime is not installed (apt-get install faketime)"
}

# A kiosk's system config in $WORK/system-config: the admin PIN 2468, the
# log in $WORK/data, routines from $FIXTURES, and any more lines given as
# arguments. Run tendo with TENDO_SYSTEM_CONFIG pointing at it.
kiosk_config() {
	printf '%s\n' "kiosk = yes" "admin-pin = 2468" "routines = $FIXTURES" \
		"data-dir = $WORK/data" "$@" >"$WORK/system-config"
}

# A short session (tests/fixtures/short.yaml, with ARGS) whose log stops
# taking its sets once REFUSE has run: two sets wait, then tendo is killed
# with SIGKILL. killed_with_two_sets_waiting REFUSE ARGS...
killed_with_two_sets_waiting() {
	local refuse=$1
	shift
	start 80 24 run "$FIXTURES/short.yaml" --leg left "$@"
	wait_for "GET READY"
	$refuse
	advance 8000
	wait_for "The log is catching up: 1 set wait to be saved"
	advance 6000
	wait_for "The log is catching up: 2 sets wait to be saved"
	pkill -KILL -P "$(t list-panes -F '#{pane_pid}')"
	finished >/dev/null
	t kill-server
}

# On a member's PIN screen, three wrong PINs: the profile of NAME locks.
three_wrong_pins() {
	wait_for "Your PIN, please."
	for _ in 1 2 3; do
		press -l 9999
		press Enter
	done
	wait_for "Too many wrong PINs for $1"
}

# A touch (a click, as SGR mouse reports: pressed and released) on the
# on-screen key whose face is FACE.
touch_key() {
	local where
	where=$(screen | python3 "$TOP_SRCDIR/tests/e2e/pad-key.py" "$1") ||
		fail "no on-screen key \"$1\": $(screen)"
	set -- $where
	press -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"
}

# Leaves a kiosk from its members' screen: q, the admin PIN 2468, and on
# the staff's screen x.
leave_kiosk() {
	press q
	wait_for "The admin PIN, for the staff's screen."
	press -l 2468
	press Enter
	wait_for "tendo — staff"
	press x
}
