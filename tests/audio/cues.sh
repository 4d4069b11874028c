# Real sound: tendo plays its cues into a PulseAudio null sink at real
# speed; the recording must have a sound starting within 50 ms of every
# group of cues in the cue log, and nothing where no cue was due. Then the
# same with --voice.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
need_tmux
. "$TOP_SRCDIR/tests/audio/pulse.sh"
ONSETS=${ONSETS:-$(dirname "$TENDO")/tests/audio/onsets}

start_pulse
on_exit stop_pulse

# Cues due at the same planned time sound as one: their groups' times.
groups() {
	awk '$1 != last { print $2; last = $1 }' "$1"
}

check_recording() {
	local log=$1 rec=$2 what=$3
	"$ONSETS" "$rec" >"$WORK/onsets" || fail "onsets failed"
	groups "$log" >"$WORK/groups"
	local sounds cues
	sounds=$(wc -l <"$WORK/onsets")
	cues=$(wc -l <"$WORK/groups")
	[ "$cues" -ge 10 ] || fail "$what: only $cues cue groups in the log"
	[ "$sounds" -eq "$cues" ] ||
		fail "$what: $sounds sounds in the recording for $cues groups of cues: onsets $(tr '\n' ' ' <"$WORK/onsets"); cues $(tr '\n' ' ' <"$WORK/groups")"
	# The recording began before the session: line the first sound up with
	# the first cue, then every other must fall within 50 ms of its cue.
	paste "$WORK/onsets" "$WORK/groups" | awk -v what="$what" '
		NR == 1 { offset = $1 - $2 }
		{ d = $1 - $2 - offset; if (d < 0) d = -d; if (d > worst) { worst = d; at = $2 } }
		END {
			printf "%s: %d sounds, worst %.1f ms from its cue\n", what, NR, worst
			if (worst > 50) { printf "%s: the sound for the cue at %.0f ms was %.1f ms off\n", what, at, worst; exit 1 }
		}' || fail "$what: a sound was off its cue"
}

for mode in tones voice; do
	extra=""
	[ "$mode" = voice ] && extra=--voice
	record "$WORK/$mode.raw"
	start_real 80 24 run "$FIXTURES/audio.yaml" --sound canberra $extra --cue-log "$WORK/$mode.log"
	if [ "$mode" = voice ]; then
		wait_for "sound: canberra+voice" 15
	else
		wait_for "sound: canberra" 10
	fi
	wait_for "Session complete" 60
	press Enter
	answer_pain_if_asked 0
	[ "$(finished)" = 0 ] || fail "tendo failed"
	stop_recording
	t kill-server
	check_recording "$WORK/$mode.log" "$WORK/$mode.raw" "$mode"
done
exit 0
