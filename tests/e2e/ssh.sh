# Over SSH: a real client to a real sshd on 127.0.0.1. Even with a sound
# server running on the server, auto picks the terminal bell (the server's
# speakers are not where the person is), and the bells reach the client's
# terminal in patterns that tell the cues apart: for each group of cues
# that asks the person to act one ring, two to switch legs, three when the
# session is done. With the client's own sound server forwarded
# (PULSE_SERVER set), auto plays the real tones through it.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || skip "sshd is not installed (apt-get install openssh-server)"
command -v ssh >/dev/null 2>&1 || skip "ssh is not installed (apt-get install openssh-client)"
[ "$(id -u)" -eq 0 ] || skip "this test runs sshd, which needs root here"
mkdir -p /run/sshd

ssh-keygen -q -t ed25519 -N "" -f "$WORK/host_key" || fail "ssh-keygen"
ssh-keygen -q -t ed25519 -N "" -f "$WORK/client_key" || fail "ssh-keygen"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
port=$((20000 + $$ % 20000))
cat >"$WORK/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CONFIG
"$SSHD" -f "$WORK/sshd_config" -D -e 2>"$WORK/sshd.log" &
SSHD_PID=$!
on_exit 'kill $SSHD_PID 2>/dev/null'
wait_until -m "sshd did not start" grep -q "Server listening" "$WORK/sshd.log"

# A sound server on the server side, where pulseaudio is installed.
server_env="-u XDG_RUNTIME_DIR"
if command -v pulseaudio >/dev/null 2>&1 && command -v pacat >/dev/null 2>&1; then
	. "$TOP_SRCDIR/tests/audio/pulse.sh"
	start_pulse
	on_exit stop_pulse
	server_env="XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"
fi

log=$WORK/cues.log
remote="env -u PULSE_SERVER $server_env HOME=$HOME TERM=xterm-256color $(quote_args "$TENDO" run "$FIXTURES/short.yaml" --leg left --test-clock "$CLOCK" --cue-log "$log")"
new_session 80 24 \
	"ssh -F /dev/null -i $WORK/client_key -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t root@127.0.0.1 $(quote_args "$remote"); echo \"tendo exited: \$?\"; sleep 600"
t pipe-pane -o "cat >>'$WORK/terminal.raw'"

wait_for "sound: bell"
wait_for "GET READY"
# A second at a time: each group of cues comes on a wake-up of its own.
for _ in $(seq 39); do advance 1000; done
wait_for "Session complete"
advance 1000 # the session-done pattern's last rings
press Enter
answer_pain_if_asked 0
[ "$(finished)" = 0 ] || fail "tendo over SSH failed"

# For each group of cues due together with at least one that asks for
# action (halfway and the last seconds of a hold don't): three rings when
# the session is done, two to switch legs, else one.
want=$(awk 'function rings() { return done ? 3 : switch_ ? 2 : loud ? 1 : 0 }
	$1 != last { n += rings(); last = $1; loud = done = switch_ = 0 }
	$3 != "halfway" && $3 != "last-seconds" { loud = 1 }
	$3 == "session-done" { done = 1 }
	$3 == "switch-side" { switch_ = 1 }
	END { n += rings(); print n }' "$log")
got=$(tr -cd '\007' <"$WORK/terminal.raw" | wc -c)
[ "$want" -ge 10 ] || fail "only $want cue groups in the log"
[ "$got" -eq "$want" ] || fail "$got bells reached the SSH client, not $want"

# The client's own sound server forwarded into the session (PULSE_SERVER,
# as ssh -R and a forwarded socket give it): auto plays the real tones.
if [ -n "${KEEPALIVE:-}" ]; then
	t kill-server
	forwarded="env PULSE_SERVER=unix:$XDG_RUNTIME_DIR/pulse/native HOME=$HOME TERM=xterm-256color $(quote_args "$TENDO" run "$FIXTURES/short.yaml" --leg left --test-clock "$CLOCK" --sound auto)"
	new_session 80 24 \
		"ssh -F /dev/null -i $WORK/client_key -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t root@127.0.0.1 $(quote_args "$forwarded"); echo \"tendo exited: \$?\"; sleep 600"
	wait_for "sound: canberra"
	press q y Enter
	[ "$(finished)" = 0 ] || fail "tendo over SSH with a forwarded sound server failed"
fi

# A dropped link: the client is killed mid-session. tendo, hung up on,
# saves and leaves; the next login offers to take the session up where it
# stopped, and no set is lost or logged twice.
t kill-server
data=$WORK/data
db=$data/tendo.db
ssh_to() {
	new_session 80 24 \
		"ssh -F /dev/null -i $WORK/client_key -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t root@127.0.0.1 $(quote_args "env HOME=$HOME TERM=xterm-256color $(quote_args "$TENDO" --leg left --test-clock "$CLOCK" --data-dir "$data" "$@")"); echo \"tendo exited: \$?\"; sleep 600"
}
sets_logged() {
	sqlite3 "$db" "SELECT count(*) FROM sets" 2>/dev/null || echo 0
}
two_sets_logged() {
	[ "$(sets_logged)" -ge 2 ]
}
tendo_gone() {
	! pgrep -f -- "--data-dir $data run" >/dev/null
}
ssh_to run "$FIXTURES/short.yaml"
wait_for "Short test routine"
# The left leg's two holds end at 13 s; the right's first starts at 18 s.
advance 15000
wait_until -m "no sets were logged over SSH" two_sets_logged
client=$(pgrep -P "$(t list-panes -F '#{pane_pid}')" -x ssh)
[ -n "$client" ] || fail "no ssh client to kill"
kill -KILL "$client"
wait_until -m "tendo went on after its SSH link dropped" tendo_gone
before=$(sets_logged)
[ "$before" = 2 ] || fail "$before sets logged before the link dropped, not 2"
[ "$(sqlite3 "$db" "SELECT status FROM sessions")" = running ] ||
	fail "the cut-off session was closed, not left to be taken up"
t kill-server

ssh_to
wait_for "after $before sets. Take it up"
press y
wait_for "SWITCH TO THE RIGHT LEG"
advance 3600000
wait_for "Session complete"
press Enter
answer_pain_if_asked s
press q
[ "$(finished)" = 0 ] || fail "tendo did not leave cleanly after the session was taken up"
[ "$(sqlite3 "$db" "SELECT count(*) FROM sessions")" = 1 ] || fail "the session taken up became a second one"
[ "$(sqlite3 "$db" "SELECT status FROM sessions")" = completed ] || fail "the session taken up did not complete"
[ "$(sets_logged)" = 5 ] || fail "$(sets_logged) sets logged, not the routine's 5"
[ "$(sqlite3 "$db" "SELECT count(DISTINCT step) FROM sets")" = 5 ] || fail "a set was logged twice"
exit 0
