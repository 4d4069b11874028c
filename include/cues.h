/* cues.h — giving cues: libcanberra tones or a voice, the terminal bell, a
 * screen flash, and the cue log.
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
#include <stdio.h>

#include "error.h"
#include "sinks.h"
#include "sound.h"
#include "timeline.h"

struct cues_options {
	const char *sound;   /* a --sound value; NULL for auto */
	bool voice;          /* speak the cues */
	const char *cue_log; /* a file for the cue log; NULL for none */
};

struct cue_sinks {
	struct sink_set live;
	bool muted;
	bool voice_wanted;
	bool voice;          /* speaking: wanted, built in, and the words are ready */
	struct sound *sound; /* the sound server; NULL when not used */
	char sounds_dir[PATH_MAX];
	char voice_dir[PATH_MAX];
	FILE *log;        /* owned */
	char notice[200]; /* something to tell the person once; "" for nothing */
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

/* Gives the cues that fell due: logs each, and sounds one per group of
 * cues due at the same planned time. Falls back to the bell (with a
 * notice) when the sound server has gone. */
void cues_emit(struct cue_sinks *sinks, const struct timeline *tl, const struct cue_event *events,
               size_t count);

/* The live sinks for the status line: "canberra+voice", "bell", "muted".
 * Returns buf. */
const char *cues_describe(const struct cue_sinks *sinks, char *buf, size_t size);

void cues_close(struct cue_sinks *sinks);

#endif
