/* timeline.h — a routine expanded into the steps of one session.
 *
 * Expansion turns exercises into a flat list of steps: get ready, the work
 * of each set (a hold, or a set of reps), rests between sets, a switch
 * between sides, and the end. A set of reps is one step: the rep and the
 * tempo phase at any moment, and the cues, are computed from the time into
 * the step, so a long routine stays small in memory. Pure: no I/O, no clock.
 */
#ifndef TENDO_TIMELINE_H
#define TENDO_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "routine.h"

enum step_kind {
	STEP_READY,  /* an exercise's instructions and the count-in to its first set */
	STEP_WORK,   /* a hold, or a set of reps */
	STEP_REST,   /* between two sets on the same side */
	STEP_SWITCH, /* between the last set on one side and the first on the other */
	STEP_DONE,   /* the end of the session; lasts no time */
};

/* Every cue a session can give (docs/DESIGN.md, Cues). */
enum cue_kind {
	CUE_TICK,         /* each of the last seconds before a hold or set starts */
	CUE_GO,           /* a hold or set starts */
	CUE_PHASE,        /* a tempo phase of a rep starts ("raise", "lower") */
	CUE_HALFWAY,      /* half of a hold has passed */
	CUE_LAST_SECONDS, /* each of the final seconds of a hold */
	CUE_SET_DONE,     /* a hold or set is complete */
	CUE_SWITCH_SIDE,  /* change legs */
	CUE_REST_OVER,    /* the rest has ended */
	CUE_SESSION_DONE, /* the session has ended */
	CUE_KIND_COUNT
};

/* A cue within a step: when it falls due, counted from the step's start. */
struct cue {
	enum cue_kind kind;
	int64_t offset_ms;
	int rep;   /* CUE_PHASE: the rep, from 1 */
	int phase; /* CUE_PHASE: index into the exercise's phases */
};

struct step {
	enum step_kind kind;
	int64_t ms;      /* planned duration */
	size_t exercise; /* index into the routine's exercises (STEP_DONE: none) */
	int set;         /* from 1 */
	int sets;
	enum leg leg;     /* the leg this step works; LEG_NONE if not per side */
	size_t set_start; /* index of the step that `back` returns to */
};

/* A session's plan. Owns its steps; borrows the routine, which must outlive
 * it. */
struct timeline {
	const struct routine *routine;
	enum leg affected;
	struct step *steps;
	size_t count;
	int64_t total_ms; /* the sum of the steps' durations */
};

/* Where a set of reps is at offset_ms into its step. */
struct rep_position {
	int rep;   /* from 1 */
	int phase; /* index into the exercise's phases */
	int64_t phase_elapsed_ms;
	int64_t phase_ms;
};

enum { TIMELINE_MAX_STEPS = 100000, TIMELINE_TICKS = 3 };

/* Expands routine for a session. affected is the person's affected leg; it
 * may be LEG_NONE only when routine_needs_leg() is false. On success fills
 * tl (free with timeline_free()) and returns true; on failure returns false
 * with err filled. */
bool timeline_build(const struct routine *routine, enum leg affected, struct timeline *tl,
                    struct tendo_error *err);

void timeline_free(struct timeline *tl);

/* The k-th cue of step (k from 0), in time order. Returns false when the
 * step has fewer cues. Cues with equal offsets come in the order a person
 * should hear them (set done before switch side, go before the first phase). */
bool timeline_cue(const struct timeline *tl, const struct step *step, size_t k, struct cue *out);

/* The rep and phase of a set of reps at offset_ms into its step. */
struct rep_position timeline_rep_at(const struct timeline *tl, const struct step *step,
                                    int64_t offset_ms);

/* The exercise a step belongs to, or NULL for STEP_DONE. */
const struct exercise *timeline_exercise(const struct timeline *tl, const struct step *step);

/* The name of a kind of cue: "tick", "go", "set-done", ... */
const char *cue_kind_name(enum cue_kind kind);

/* The cue's name as written in the cue log: "go", "set-done", or for a
 * phase, the phase's own name ("lower"). */
const char *timeline_cue_name(const struct timeline *tl, const struct step *step,
                              const struct cue *cue);

/* The duration of one rep of an exercise with reps. */
int64_t exercise_rep_ms(const struct exercise *e);

#endif
