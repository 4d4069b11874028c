/* gensounds.c — makes tendo's cue sounds, the same bytes every time.
 *
 *   gensounds DIR
 *
 * Writes one short WAV file (16-bit mono, 44.1 kHz) per cue into DIR. Each
 * cue has its own pitch and rhythm so that it can be told apart by ear: a
 * click for the count-in, a rising pair for go, a rising sweep for raise, a
 * slow falling sweep for lower, falling notes for set done, alternating
 * notes for a switch of side, rising notes for the end of a rest, and a
 * longer rising arpeggio for the end of the session.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wav.h"

enum { RATE = 44100, MAX_NOTES = 6, ATTACK_MS = 4, RELEASE_MS = 25 };

struct note {
	double from_hz, to_hz; /* a sweep when they differ */
	int ms;
	int gap_ms; /* silence after it */
};

struct sound {
	const char *name;
	struct note notes[MAX_NOTES];
};

static const struct sound sounds[] = {
    {"tick", {{1000, 1000, 35, 0}}},
    {"go", {{784, 784, 90, 30}, {1175, 1175, 170, 0}}},
    {"raise", {{523, 880, 150, 0}}},
    {"lower", {{880, 440, 280, 0}}},
    {"phase", {{660, 660, 110, 0}}},
    {"halfway", {{740, 740, 60, 60}, {740, 740, 60, 0}}},
    {"last-seconds", {{1320, 1320, 45, 0}}},
    {"set-done", {{1047, 1047, 110, 20}, {784, 784, 110, 20}, {523, 523, 220, 0}}},
    {"switch-side",
     {{587, 587, 90, 40}, {880, 880, 90, 40}, {587, 587, 90, 40}, {880, 880, 90, 0}}},
    {"rest-over", {{523, 523, 90, 20}, {659, 659, 90, 20}, {784, 784, 170, 0}}},
    {"session-done",
     {{523, 523, 120, 20}, {659, 659, 120, 20}, {784, 784, 120, 20}, {1047, 1047, 400, 0}}},
};

/* One note into samples; returns how many were written. */
static size_t render_note(const struct note *n, int16_t *out)
{
	size_t count = (size_t)n->ms * RATE / 1000;
	size_t gap = (size_t)n->gap_ms * RATE / 1000;
	double phase = 0;

	for (size_t i = 0; i < count; i++) {
		double t = (double)i / (double)count;
		double hz = n->from_hz + (n->to_hz - n->from_hz) * t;
		double ms = (double)i * 1000.0 / RATE;
		double left_ms = (double)(count - i) * 1000.0 / RATE;
		double env = 1.0;
		if (ms < ATTACK_MS)
			env = ms / ATTACK_MS;
		if (left_ms < RELEASE_MS)
			env *= left_ms / RELEASE_MS;
		phase += 2 * M_PI * hz / RATE;
		/* A touch of the second harmonic makes it carry on small speakers. */
		out[i] = (int16_t)lrint(20000.0 * env * (0.8 * sin(phase) + 0.2 * sin(2 * phase)));
	}
	memset(out + count, 0, gap * sizeof *out);
	return count + gap;
}

static int write_sound(const char *dir, const struct sound *s)
{
	int16_t *samples = calloc((size_t)RATE * 3, sizeof *samples);
	size_t total = 0;
	char path[4096];

	if (!samples)
		return 1;
	for (int i = 0; i < MAX_NOTES && s->notes[i].ms; i++)
		total += render_note(&s->notes[i], samples + total);
	snprintf(path, sizeof path, "%s/tendo-%s.wav", dir, s->name);
	if (!wav_write(path, samples, total, RATE)) {
		perror(path);
		free(samples);
		return 1;
	}
	free(samples);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: gensounds DIR\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof sounds / sizeof sounds[0]; i++)
		failed |= write_sound(argv[1], &sounds[i]);
	return failed;
}
