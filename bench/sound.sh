#!/bin/bash
# sound.sh — when each cue's sound starts, against the cue log, for tones
# and for the voice, through the sound server (canberra) and straight to
# the card (alsa).
#
#   bench/sound.sh [BUILD]
#
# Plays tests/fixtures/audio.yaml at real speed into a private PulseAudio
# null sink, records the sink's monitor, finds where each sound starts
# (tests/audio/onsets) and compares with the cue log. The recording's clock
# is not the session's: the first sound is lined up with the first cue, so
# the figures are each sound's delay relative to the first one's (jitter),
# not the constant latency of the sound server. The alsa modes play
# through ALSA's own path (tendo's player thread, alsa-lib) into the same
# sink by way of ALSA's pulse plugin (libasound2-plugins), the nearest this
# machine has to a card. Needs tmux, pulseaudio and pulseaudio-utils.
# Takes about two minutes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
export TENDO="$build/tendo" TOP_SRCDIR="$here/.." ONSETS="$build/tests/audio/onsets"
. "$here/../tests/e2e/lib.sh"
need_tmux
. "$here/../tests/audio/pulse.sh"
start_pulse
trap 'stop_pulse; cleanup' EXIT

printf 'pcm.!default { type pulse }\n' >"$WORK/pulse-card.conf"
for mode in tones voice alsa-tones alsa-voice; do
	extra="--sound canberra"
	case $mode in *voice) extra="$extra --voice" ;; esac
	case $mode in alsa-*) extra="--sound alsa ${extra#--sound canberra}" ALSA_CONFIG_PATH=$WORK/pulse-card.conf ;; esac
	record "$WORK/$mode.raw"
	start_real 80 24 run "$FIXTURES/audio.yaml" --leg left $extra --cue-log "$WORK/$mode.log"
	wait_for "Session complete" 90
	press Enter
	answer_pain_if_asked 0
	finished >/dev/null
	stop_recording
	t kill-server
	"$ONSETS" "$WORK/$mode.raw" >"$WORK/onsets"
	awk '$1 != last { print $2; last = $1 }' "$WORK/$mode.log" >"$WORK/groups"
	paste "$WORK/onsets" "$WORK/groups" | awk 'NR == 1 { o = $1 - $2 } { print $1 - $2 - o }' |
		sort -n | awk -v mode="$mode" -v s="$(wc -l <"$WORK/onsets")" -v c="$(wc -l <"$WORK/groups")" '
		{ a[NR] = $1 }
		END {
			printf "%s: %d sounds for %d cue groups; onset against cue, relative to the first: median %.1f ms, p99 %.1f ms, worst %.1f ms (min %.1f)\n",
				mode, s, c, a[int((NR + 1) / 2)], a[int(NR * 0.99 + 0.999)], a[NR], a[1]
		}'
done
