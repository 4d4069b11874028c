/* cues.h — giving cues: tones or a voice (through the sound server, or
 * straight to the sound card), the terminal bell, a screen flash, and the
 * cue log.
 *
 * The shell around sinks.h: it connects to the sound server, caches the
 * sounds, synthesises the words, and plays each group of cues that fall
 * due together as one sound. A sink never writes onto the screen behind
 * curses: the bell and the flash go through curses, and libcanberra's and
 * the sound server's own messages are kept off the terminal (see ui.h).
 */
#ifndef TENDO_CUES_H
#define TENDO_CUES_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "sinks.h"
#include "sound.h"
#include "timeline.h"

struct cues_options {
	const char *sound;        /* a --sound value; NULL for auto */
	const char *sound_device; /* the ALSA device for alsa; NULL for "default" */
	bool voice;               /* speak the cues */
	const char *cue_log;      /* a file for the cue log; NULL for none */
};

struct cue_sinks {
	struct sink_set live;
	bool muted;
	bool voice_wanted;
	bool voice;          /* speaking: wanted, built in, and the words are ready */
	struct sound *sound; /* the sound server or the card; NULL when not used */
	char sounds_dir[PATH_MAX];
	char voice_dir[PATH_MAX];
	int rings_left;       /* the bell's pattern: rings still to give, ... */
	int64_t next_ring_ns; /* ... the next at this time (monotonic) */
	FILE *log;            /* owned */
	char notice[200];     /* something to tell the person once; "" for nothing */
};

/* One cue as the sinks receive it: the times are milliseconds of real time
 * from the session's start on the monotonic clock. */
struct cue_event {
	struct cue cue;
	const struct step *step;
	const char *name; /* as in the cue log */
	double planned_ms;
	double actual_ms;
};

/* Chooses and opens the sinks. Returns false with err filled when the
 * request or the cue log is bad; a missing sound server is not an error
 * (the bell takes over, and sinks->notice says so). */
bool cues_open(struct cue_sinks *sinks, const struct cues_options *options,
               struct tendo_error *err);

/* Gets ready for a session on tl: the words a voice will need. Sets a
 * notice when the voice can't be had. */
void cues_prepare(struct cue_sinks *sinks, const struct timeline *tl);

/* Gives the cues that fell due at now_ns: logs each, and sounds one per
 * group of cues due at the same planned time. Falls back to the bell
 * (with a notice) when the sound server or the card has gone. The bell
 * rings in a pattern (sinks_rings), a ring every CUES_RING_GAP_NS: the
 * rest are given by cues_ring(). */
void cues_emit(struct cue_sinks *sinks, const struct timeline *tl, const struct cue_event *events,
               size_t count, int64_t now_ns);

/* Apart enough for a terminal to give each ring (xterm merges bells less
 * than 200 ms apart). */
#define CUES_RING_GAP_NS (300 * INT64_C(1000000))

/* Rings the pattern's next bell when its time (cues_next_ring) has come. */
void cues_ring(struct cue_sinks *sinks, int64_t now_ns);

/* When the pattern's next ring is due (monotonic ns); INT64_MAX for none. */
int64_t cues_next_ring(const struct cue_sinks *sinks);

/* The live sinks for the status line: "canberra+voice", "bell", "muted".
 * Returns buf. */
const char *cues_describe(const struct cue_sinks *sinks, char *buf, size_t size);

void cues_close(struct cue_sinks *sinks);

#endif
