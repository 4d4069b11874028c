/* timeline.c — a routine expanded into a session's steps (see timeline.h). */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

enum {
	SWITCH_MIN_MS = 5000,   /* time to change legs, whatever ready says */
	HALFWAY_MIN_MS = 10000, /* shorter holds get no halfway cue */
	LAST_SECONDS_MIN_MS = 8000,
};

int64_t exercise_rep_ms(const struct exercise *e)
{
	int64_t ms = 0;
	for (size_t i = 0; i < e->phase_count; i++)
		ms += e->phases[i].ms;
	return ms;
}

static int64_t work_ms(const struct exercise *e)
{
	return e->kind == EXERCISE_HOLD ? e->hold_ms : exercise_rep_ms(e) * e->reps;
}

/* The legs an exercise works, in order. Returns how many (1 or 2). */
static int legs_of(const struct exercise *e, enum leg affected, enum leg legs[2])
{
	switch (e->sides) {
	case SIDES_LEFT: legs[0] = LEG_LEFT; return 1;
	case SIDES_RIGHT: legs[0] = LEG_RIGHT; return 1;
	case SIDES_BOTH:
		legs[0] = LEG_LEFT;
		legs[1] = LEG_RIGHT;
		return 2;
	case SIDES_AFFECTED: legs[0] = affected; return 1;
	case SIDES_NONE: break;
	}
	legs[0] = LEG_NONE;
	return 1;
}

struct builder {
	struct timeline *tl;
	size_t capacity;
	bool full;
};

static struct step *push(struct builder *b, enum step_kind kind, int64_t ms)
{
	struct step *step;

	if (b->tl->count == TIMELINE_MAX_STEPS) {
		b->full = true;
		return NULL;
	}
	if (b->tl->count == b->capacity) {
		size_t capacity = b->capacity ? b->capacity * 2 : 64;
		struct step *steps = realloc(b->tl->steps, capacity * sizeof *steps);
		if (!steps) {
			b->full = true;
			return NULL;
		}
		b->tl->steps = steps;
		b->capacity = capacity;
	}
	step = &b->tl->steps[b->tl->count];
	memset(step, 0, sizeof *step);
	step->kind = kind;
	step->ms = ms;
	step->set_start = b->tl->count++;
	b->tl->total_ms += ms;
	return step;
}

static void push_exercise(struct builder *b, const struct exercise *e, size_t index)
{
	enum leg legs[2];
	int leg_count = legs_of(e, b->tl->affected, legs);
	struct step *step;

	if (e->ready_ms > 0 && (step = push(b, STEP_READY, e->ready_ms)))
		*step = (struct step){STEP_READY, e->ready_ms, index,          1,
		                      e->sets,    legs[0],     step->set_start};
	for (int side = 0; side < leg_count; side++) {
		int64_t switch_ms = e->ready_ms > SWITCH_MIN_MS ? e->ready_ms : SWITCH_MIN_MS;
		if (side > 0 && (step = push(b, STEP_SWITCH, switch_ms)))
			*step = (struct step){STEP_SWITCH, switch_ms,  index,          1,
			                      e->sets,     legs[side], step->set_start};
		for (int set = 1; set <= e->sets; set++) {
			size_t work;
			if (!(step = push(b, STEP_WORK, work_ms(e))))
				return;
			work = step->set_start;
			*step = (struct step){STEP_WORK, work_ms(e), index, set,
			                      e->sets,   legs[side], work};
			if (set < e->sets && e->rest_ms > 0 &&
			    (step = push(b, STEP_REST, e->rest_ms)))
				*step = (struct step){STEP_REST, e->rest_ms, index, set,
				                      e->sets,   legs[side], work};
		}
	}
}

bool timeline_build(const struct routine *routine, enum leg affected, struct timeline *tl,
                    struct tendo_error *err)
{
	struct builder b = {tl, 0, false};
	struct step *done;

	memset(tl, 0, sizeof *tl);
	tl->routine = routine;
	tl->affected = affected;
	if (affected == LEG_NONE && routine_needs_leg(routine)) {
		error_set(
		    err, NULL, 0, 0,
		    "this routine works the affected leg: say which one it is (left or right)");
		return false;
	}
	for (size_t i = 0; i < routine->exercise_count && !b.full; i++)
		push_exercise(&b, &routine->exercises[i], i);
	done = b.full ? NULL : push(&b, STEP_DONE, 0);
	if (!done) {
		error_set(err, NULL, 0, 0,
		          "this routine is too long to run: it would take more than %d steps",
		          TIMELINE_MAX_STEPS);
		timeline_free(tl);
		return false;
	}
	done->exercise = routine->exercise_count;
	return true;
}

void timeline_free(struct timeline *tl)
{
	free(tl->steps);
	tl->steps = NULL;
	tl->count = 0;
}

const struct exercise *timeline_exercise(const struct timeline *tl, const struct step *step)
{
	if (step->kind == STEP_DONE)
		return NULL;
	return &tl->routine->exercises[step->exercise];
}

/* ---------------------------------------------------------------- cues */

static size_t add_ticks(struct cue *out, size_t n, int64_t end_ms, enum cue_kind kind)
{
	for (int64_t s = TIMELINE_TICKS; s >= 1; s--)
		if (end_ms - s * 1000 > 0)
			out[n++] = (struct cue){kind, end_ms - s * 1000, 0, 0};
	return n;
}

/* The cues of a step that is not a set of reps; at most 8. */
static size_t fixed_cues(const struct step *step, struct cue out[8])
{
	size_t n = 0;

	switch (step->kind) {
	case STEP_READY: n = add_ticks(out, n, step->ms, CUE_TICK); break;
	case STEP_WORK: /* a hold */
		out[n++] = (struct cue){CUE_GO, 0, 0, 0};
		if (step->ms >= HALFWAY_MIN_MS)
			out[n++] = (struct cue){CUE_HALFWAY, step->ms / 2, 0, 0};
		if (step->ms >= LAST_SECONDS_MIN_MS)
			n = add_ticks(out, n, step->ms, CUE_LAST_SECONDS);
		out[n++] = (struct cue){CUE_SET_DONE, step->ms, 0, 0};
		break;
	case STEP_REST:
		n = add_ticks(out, n, step->ms, CUE_TICK);
		out[n++] = (struct cue){CUE_REST_OVER, step->ms, 0, 0};
		break;
	case STEP_SWITCH:
		out[n++] = (struct cue){CUE_SWITCH_SIDE, 0, 0, 0};
		n = add_ticks(out, n, step->ms, CUE_TICK);
		break;
	case STEP_DONE: out[n++] = (struct cue){CUE_SESSION_DONE, 0, 0, 0}; break;
	}
	return n;
}

/* The cues of a set of reps: go, each phase of each rep, set done. */
static bool rep_cue(const struct exercise *e, size_t k, struct cue *out)
{
	size_t phases = e->phase_count;
	size_t phase_cues = (size_t)e->reps * phases;

	if (k == 0) {
		*out = (struct cue){CUE_GO, 0, 0, 0};
	} else if (k <= phase_cues) {
		size_t rep = (k - 1) / phases, phase = (k - 1) % phases;
		int64_t offset = (int64_t)rep * exercise_rep_ms(e);
		for (size_t i = 0; i < phase; i++)
			offset += e->phases[i].ms;
		*out = (struct cue){CUE_PHASE, offset, (int)rep + 1, (int)phase};
	} else if (k == phase_cues + 1) {
		*out = (struct cue){CUE_SET_DONE, work_ms(e), 0, 0};
	} else {
		return false;
	}
	return true;
}

bool timeline_cue(const struct timeline *tl, const struct step *step, size_t k, struct cue *out)
{
	const struct exercise *e = timeline_exercise(tl, step);
	struct cue cues[8];
	size_t n;

	if (step->kind == STEP_WORK && e->kind == EXERCISE_REPS)
		return rep_cue(e, k, out);
	n = fixed_cues(step, cues);
	if (k >= n)
		return false;
	*out = cues[k];
	return true;
}

struct rep_position timeline_rep_at(const struct timeline *tl, const struct step *step,
                                    int64_t offset_ms)
{
	const struct exercise *e = timeline_exercise(tl, step);
	int64_t rep_ms = exercise_rep_ms(e);
	struct rep_position pos = {1, 0, 0, e->phases[0].ms};
	int64_t into;

	if (offset_ms < 0)
		offset_ms = 0;
	pos.rep = (int)(offset_ms / rep_ms) + 1;
	if (pos.rep > e->reps)
		pos.rep = e->reps;
	into = offset_ms - (int64_t)(pos.rep - 1) * rep_ms;
	for (size_t i = 0; i < e->phase_count; i++) {
		pos.phase = (int)i;
		pos.phase_ms = e->phases[i].ms;
		if (into < e->phases[i].ms || i + 1 == e->phase_count)
			break;
		into -= e->phases[i].ms;
	}
	pos.phase_elapsed_ms = into < pos.phase_ms ? into : pos.phase_ms;
	return pos;
}

static const char *const cue_names[CUE_KIND_COUNT] = {
    [CUE_TICK] = "tick",
    [CUE_GO] = "go",
    [CUE_PHASE] = "phase",
    [CUE_HALFWAY] = "halfway",
    [CUE_LAST_SECONDS] = "last-seconds",
    [CUE_SET_DONE] = "set-done",
    [CUE_SWITCH_SIDE] = "switch-side",
    [CUE_REST_OVER] = "rest-over",
    [CUE_SESSION_DONE] = "session-done",
};

const char *cue_kind_name(enum cue_kind kind)
{
	return cue_names[kind];
}

const char *timeline_cue_name(const struct timeline *tl, const struct step *step,
                              const struct cue *cue)
{
	if (cue->kind == CUE_PHASE)
		return timeline_exercise(tl, step)->phases[cue->phase].name;
	return cue_names[cue->kind];
}
