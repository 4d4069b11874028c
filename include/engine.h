/* engine.h — runs a timeline: time and keys in, state and cues out.
 *
 * The engine is told the time (milliseconds of session time, from any
 * origin, never going back) and the person's actions; it reports the step
 * in progress and the cues that fell due. Deadlines are the session's start
 * plus the planned durations plus the time spent paused, so nothing drifts.
 * Pure: no clock, no I/O. The engine borrows the timeline.
 *
 * Call order: engine_start(), then any of engine_advance() and the actions,
 * with times that never decrease. Call engine_advance() at or after
 * engine_next_deadline() to collect the cues.
 */
#ifndef TENDO_ENGINE_H
#define TENDO_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "timeline.h"

#define ENGINE_NEVER INT64_MAX

/* What was done, for the summary at the end. */
struct engine_tally {
	int sets_done;    /* holds and sets of reps run to the end */
	int sets_skipped; /* cut short with skip */
	int sets_planned;
	int reps_done;      /* reps finished, including those of sets cut short */
	int64_t hold_ms;    /* time spent in holds */
	int64_t elapsed_ms; /* from start to end, less time paused */
};

/* A hold or set that has ended, run to its end or cut short. */
struct engine_result {
	size_t step; /* its index in the timeline */
	bool completed;
	int reps_done;   /* for reps */
	int64_t hold_ms; /* for a hold: time held */
};

enum { ENGINE_RESULTS_MAX = 16 };

/* A cue that fell due, with the step it belongs to. */
struct engine_cue {
	struct cue cue;
	const struct step *step;
	int64_t planned_ms; /* when it was due, in session time */
};

struct engine {
	const struct timeline *tl;
	size_t index;       /* the step in progress */
	int64_t step_start; /* when it started (shifted by pauses) */
	size_t next_cue;    /* the step's next cue to give */
	bool paused;
	int64_t paused_at;
	int64_t started_at;
	int64_t paused_total;
	bool finished;
	bool quit; /* ended early by the person */
	int64_t ended_at;
	struct engine_tally tally;
	struct engine_result results[ENGINE_RESULTS_MAX]; /* ended, not yet taken */
	size_t result_count;
};

/* What to show at a moment. */
struct engine_view {
	const struct step *step;
	const struct step *next; /* the step after, or NULL */
	int64_t elapsed_ms;      /* into the step */
	int64_t remaining_ms;    /* of the step */
	struct rep_position rep; /* for a set of reps */
	int64_t session_done_ms; /* planned time behind us, for the progress bar */
	int64_t session_total_ms;
	bool paused;
	bool finished;
};

void engine_start(struct engine *e, const struct timeline *tl, int64_t now);

/* Starts at step index instead of the first: to take up a session that was
 * cut off. The tally counts from there on. */
void engine_start_at(struct engine *e, const struct timeline *tl, int64_t now, size_t index);

/* Takes the oldest hold or set that has ended since the last call, for the
 * log. Returns false when there is none. Call after each advance or action:
 * at most ENGINE_RESULTS_MAX are kept. */
bool engine_take_result(struct engine *e, struct engine_result *out);

/* Moves through every step and cue due by now. Writes up to max cues to out,
 * in order, and returns how many. If more than max fell due, the rest come
 * on the next call. */
size_t engine_advance(struct engine *e, int64_t now, struct engine_cue *out, size_t max);

/* When the next cue or step change falls due; ENGINE_NEVER while paused or
 * finished. */
int64_t engine_next_deadline(const struct engine *e);

/* Pausing stops the timeline; resuming shifts every later deadline by the
 * pause. Both are no-ops where they do not apply. */
void engine_pause(struct engine *e, int64_t now);
void engine_resume(struct engine *e, int64_t now);
void engine_toggle_pause(struct engine *e, int64_t now);

/* Ends the step in progress now and starts the next; a hold or set cut
 * short counts as skipped. Its remaining cues are dropped. */
void engine_skip(struct engine *e, int64_t now);

/* Starts the current set again from its beginning, now (in a rest, the set
 * just done). */
void engine_back(struct engine *e, int64_t now);

/* Ends the session early. */
void engine_quit(struct engine *e, int64_t now);

struct engine_view engine_view(const struct engine *e, int64_t now);

#endif
