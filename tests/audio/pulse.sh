# pulse.sh — a private PulseAudio with a null sink, for the audio tests.
#
#   start_pulse        start it (XDG_RUNTIME_DIR in $WORK), with a silent
#                      stream that keeps the sink running
#   record FILE        record the sink's monitor (raw s16le mono 44.1 kHz)
#   stop_recording     stop the recorder cleanly (SIGINT)
#   stop_pulse         stop it all
# Needs lib.sh first.

for tool in pulseaudio pactl pacat parec; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip "$tool is not installed (apt-get install pulseaudio pulseaudio-utils)"
done

SINK=tendo_test

pactl_answers() {
	pactl info >/dev/null 2>&1
}

# The recording in FILE holds at least BYTES (44.1 kHz s16le mono: 88,200
# a second).
recorded() {
	[ "$(stat -c %s "$1" 2>/dev/null || echo 0)" -ge "$2" ]
}

start_pulse() {
	export XDG_RUNTIME_DIR="$WORK/run"
	mkdir -p "$XDG_RUNTIME_DIR"
	chmod 700 "$XDG_RUNTIME_DIR"
	unset PULSE_SERVER
	pulseaudio -D -n --exit-idle-time=-1 --disallow-exit --system=false \
		--log-target=file:"$WORK/pulse.log" \
		-L "module-null-sink sink_name=$SINK" \
		-L "module-native-protocol-unix" \
		-L "module-always-sink" 2>/dev/null || fail "pulseaudio did not start: $(cat "$WORK/pulse.log" 2>/dev/null)"
	wait_until -m "pulseaudio does not answer" pactl_answers
	pactl set-default-sink "$SINK"
	# An idle null sink runs at 2 s latency and drops short sounds: keep it
	# busy with silence.
	pacat --raw --format=s16le --channels=1 --rate=44100 --latency-msec=10 -d "$SINK" </dev/zero &
	KEEPALIVE=$!
}

record() {
	parec -d "$SINK.monitor" --latency-msec=10 --format=s16le --channels=1 --rate=44100 \
		--raw >"$1" &
	RECORDER=$!
	RECORDING=$1
	# The recorder takes a moment to start capturing: wait for its first
	# 0.3 s of samples, so that the recording begins before the session does.
	wait_until -m "parec records nothing" recorded "$1" 26460
}

stop_recording() {
	# The last sound and its tail: 2 s more of recording.
	wait_until -m "parec stopped recording" recorded "$RECORDING" \
		$(($(stat -c %s "$RECORDING") + 176400))
	kill -INT "$RECORDER" 2>/dev/null
	wait "$RECORDER" 2>/dev/null
}

stop_pulse() {
	kill "$KEEPALIVE" 2>/dev/null
	pactl exit >/dev/null 2>&1 || true
	pkill -f "pulseaudio -D -n --exit-idle-time=-1 --disallow-exit --system=false --log-target=file:$WORK" 2>/dev/null
}
