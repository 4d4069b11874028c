#!/usr/bin/env python3
"""tones.py — which cue tones a recording of the sound card holds, in order.

    tones.py RECORDING.raw SOUNDS_DIR CUE_LOG

The recording is what ALSA's file plugin kept of tendo's writes (raw s16le,
mono, 44.1 kHz): the tones one after another, each whole. The cue log says
what was due; of the cues due together one sounds, the one that matters
most to someone who can't see the screen (as sinks_pick chooses it; the
halfway and last-seconds cues only show). Prints the tones found and the
tones expected, and exits 1 when they differ.
"""
import sys
import wave

# Higher sounds first when cues fall due together; None: shown, not sounded.
WEIGHTS = {"session-done": 9, "switch-side": 8, "go": 7, "tick": 6,
           "last-seconds": None, "raise": 4, "lower": 4, "phase": 4,
           "set-done": 3, "rest-over": 2, "halfway": None}


def tone_samples(sounds, name):
    with wave.open(f"{sounds}/tendo-{name}.wav", "rb") as w:
        return w.readframes(w.getnframes())


def found(recording, tones):
    """The tones in the recording, matched whole, one after another."""
    at, names = 0, []
    while at < len(recording):
        for name, samples in tones.items():
            if recording.startswith(samples, at):
                names.append(name)
                at += len(samples)
                break
        else:
            sys.exit(f"tones.py: byte {at} of the recording starts no tone")
    return names


def expected(cue_log):
    groups = {}
    for line in open(cue_log):
        planned, _, name = line.split(maxsplit=2)
        groups.setdefault(planned, []).append(name.strip())
    names = []
    for cues in groups.values():
        sounding = [c for c in cues if WEIGHTS.get(c) is not None]
        if sounding:
            names.append(max(sounding, key=lambda c: WEIGHTS[c]))
    return names


def main():
    recording_path, sounds, cue_log = sys.argv[1:4]
    tones = {name: tone_samples(sounds, name) for name, w in WEIGHTS.items()}
    got = found(open(recording_path, "rb").read(), tones)
    want = expected(cue_log)
    print("found:   ", " ".join(got))
    print("expected:", " ".join(want))
    sys.exit(0 if got == want else 1)


main()
