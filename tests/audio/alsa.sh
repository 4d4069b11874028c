# No sound server (a kiosk on the Linux console): tendo plays its tones
# straight to the sound card through ALSA. The card here is ALSA's file
# plugin, which keeps every sound tendo writes: each group of cues in the
# cue log must leave its tone there, whole and in order, in a whole
# session, as auto chose it beside a dead PulseAudio server and as
# --sound alsa asks for it; with the voice too. With a live sound server
# auto takes the server and the card is left alone; over SSH, and with
# no card, the bell; a config's sound-device names the card.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux
command -v python3 >/dev/null || skip "python3 is not installed"
SOUNDS=$(dirname "$TENDO")/sounds
DEAD_SERVER="PULSE_SERVER=unix:$WORK/no-server"

# A session of the audio fixture with more ARGS (--sound ...): the corner
# must say SHOWN; the cue log in $WORK/LOG. At four times real speed its
# cues are still a quarter of a second apart, ages for the thread that
# writes to the card (the file plugin takes a sound at once).
session() {
	local shown=$1 log=$2
	shift 2
	start_real 80 24 run "$FIXTURES/audio.yaml" --leg left --speed 4 --cue-log "$WORK/$log" "$@"
	wait_for "sound: $shown" 15
	wait_for "Session complete" 60
	press Enter
	answer_pain_if_asked 0
	[ "$(finished)" = 0 ] || fail "tendo failed with $*"
	t kill-server
}

# The recording holds the tone of each group of cues in LOG, in order.
tones_in_order() {
	python3 "$TOP_SRCDIR/tests/audio/tones.py" "$1" "$SOUNDS" "$WORK/$2" >"$WORK/tones.out" ||
		fail "$3: the tones played are not the cues' ($(cat "$WORK/tones.out"))"
}

# auto, a dead sound server: the card.
alsa_recorder "$WORK/auto.raw"
TEST_ENV=$DEAD_SERVER session alsa auto.log --sound auto
tones_in_order "$WORK/auto.raw" auto.log "auto with a dead sound server"

# --sound alsa, by name, with no server configured at all.
printf 'pcm.!default { type hw card 31 }\n' >"$ALSA_CONFIG_PATH"
alsa_recorder "$WORK/named.raw"
TEST_ENV="XDG_RUNTIME_DIR=$WORK/nothing-here" session alsa named.log --sound alsa
tones_in_order "$WORK/named.raw" named.log "--sound alsa"

# The voice goes the same way: the recording holds the session's words.
printf 'pcm.!default { type hw card 31 }\n' >"$ALSA_CONFIG_PATH"
alsa_recorder "$WORK/voice.raw"
TEST_ENV=$DEAD_SERVER session alsa+voice voice.log --sound alsa --voice
[ "$(stat -c %s "$WORK/voice.raw")" -gt 88200 ] || fail "the voice left less than a second of sound"

# The system config names the card: sound-device = a PCM of its own.
printf 'pcm.!default { type hw card 31 }\n' >"$ALSA_CONFIG_PATH"
alsa_recorder "$WORK/device.raw" tendo_card
printf 'sound-device = tendo_card\n' >"$WORK/system-config"
TEST_ENV="$DEAD_SERVER TENDO_SYSTEM_CONFIG=$WORK/system-config" session alsa device.log --sound auto
tones_in_order "$WORK/device.raw" device.log "sound-device"

# Over SSH the card's speakers are not the person's: auto gives the bell.
printf 'pcm.!default { type hw card 31 }\n' >"$ALSA_CONFIG_PATH"
alsa_recorder "$WORK/ssh.raw"
TEST_ENV="$DEAD_SERVER SSH_CONNECTION=10.0.0.2" start_real 80 24 run calf-stretches --sound auto
wait_for "sound: bell"
press q y Enter
[ "$(finished)" = 0 ] || fail "tendo failed over SSH"
t kill-server
[ ! -s "$WORK/ssh.raw" ] || fail "tendo played to the card over SSH"

# No card: --sound alsa says so and rings the bell.
printf 'pcm.!default { type hw card 31 }\n' >"$ALSA_CONFIG_PATH"
TEST_ENV=$DEAD_SERVER start_real 80 24 run calf-stretches --sound alsa
wait_for "sound: bell"
wait_for "The sound card (default) could not be opened: the cues use the terminal bell."
press q y Enter
[ "$(finished)" = 0 ] || fail "tendo failed with no card"
t kill-server

# A live sound server: auto takes it, and the card stays silent.
. "$TOP_SRCDIR/tests/audio/pulse.sh"
start_pulse
on_exit stop_pulse
alsa_recorder "$WORK/live.raw"
start_real 80 24 run calf-stretches --sound auto
wait_for "sound: canberra"
press q y Enter
[ "$(finished)" = 0 ] || fail "tendo failed with a sound server"
[ ! -s "$WORK/live.raw" ] || fail "tendo played to the card beside a sound server"
exit 0
