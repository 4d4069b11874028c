/* engine.c — runs a timeline (see engine.h). */
#include "engine.h"

#include <string.h>

static const struct step *current(const struct engine *e)
{
	return &e->tl->steps[e->index];
}

static bool is_work(const struct step *s)
{
	return s->kind == STEP_WORK;
}

static int64_t step_deadline(const struct engine *e)
{
	return e->step_start + current(e)->ms;
}

/* Counts the work of the current step, elapsed_ms into it, in the tally. */
static void tally_step(struct engine *e, int64_t elapsed_ms, bool completed)
{
	const struct step *s = current(e);
	const struct exercise *x = timeline_exercise(e->tl, s);

	struct engine_result r = {e->index, completed, 0, 0};

	if (!is_work(s))
		return;
	if (elapsed_ms > s->ms)
		elapsed_ms = s->ms;
	if (elapsed_ms < 0)
		elapsed_ms = 0;
	/* A test to fatigue ends when the person can do no more: that is its end. */
	if (x->to_fatigue)
		completed = true;
	r.completed = completed;
	if (completed)
		e->tally.sets_done++;
	else
		e->tally.sets_skipped++;
	if (x->kind == EXERCISE_HOLD) {
		r.hold_ms = elapsed_ms;
		e->tally.hold_ms += elapsed_ms;
	} else {
		r.reps_done =
		    elapsed_ms >= s->ms ? x->reps : (int)(elapsed_ms / exercise_rep_ms(x));
		e->tally.reps_done += r.reps_done;
	}
	if (e->result_count < ENGINE_RESULTS_MAX)
		e->results[e->result_count++] = r;
}

bool engine_take_result(struct engine *e, struct engine_result *out)
{
	if (e->result_count == 0)
		return false;
	*out = e->results[0];
	memmove(e->results, e->results + 1, --e->result_count * sizeof *e->results);
	return true;
}

static void finish(struct engine *e, int64_t at)
{
	e->finished = true;
	e->ended_at = at;
	e->tally.elapsed_ms = at - e->started_at - e->paused_total;
}

/* Enters step index at time at. */
static void enter(struct engine *e, size_t index, int64_t at)
{
	e->index = index;
	e->step_start = at;
	e->next_cue = 0;
}

void engine_start_at(struct engine *e, const struct timeline *tl, int64_t now, size_t index)
{
	memset(e, 0, sizeof *e);
	e->tl = tl;
	e->started_at = now;
	if (index >= tl->count)
		index = tl->count - 1;
	for (size_t i = index; i < tl->count; i++)
		if (is_work(&tl->steps[i]))
			e->tally.sets_planned++;
	enter(e, index, now);
}

void engine_start(struct engine *e, const struct timeline *tl, int64_t now)
{
	engine_start_at(e, tl, now, 0);
}

size_t engine_advance(struct engine *e, int64_t now, struct engine_cue *out, size_t max)
{
	size_t n = 0;

	while (!e->finished && !e->paused && n < max) {
		const struct step *s = current(e);
		struct cue cue;

		if (timeline_cue(e->tl, s, e->next_cue, &cue)) {
			int64_t due = e->step_start + cue.offset_ms;
			if (due > now)
				break;
			out[n++] = (struct engine_cue){cue, s, due};
			e->next_cue++;
			continue;
		}
		if (step_deadline(e) > now)
			break;
		tally_step(e, s->ms, true);
		if (s->kind == STEP_DONE || e->index + 1 == e->tl->count)
			finish(e, step_deadline(e));
		else
			enter(e, e->index + 1, step_deadline(e));
	}
	return n;
}

int64_t engine_next_deadline(const struct engine *e)
{
	struct cue cue;

	if (e->finished || e->paused)
		return ENGINE_NEVER;
	if (timeline_cue(e->tl, current(e), e->next_cue, &cue))
		return e->step_start + cue.offset_ms;
	return step_deadline(e);
}

void engine_pause(struct engine *e, int64_t now)
{
	if (e->paused || e->finished)
		return;
	e->paused = true;
	e->paused_at = now;
}

void engine_resume(struct engine *e, int64_t now)
{
	if (!e->paused)
		return;
	e->paused = false;
	e->step_start += now - e->paused_at;
	e->paused_total += now - e->paused_at;
}

void engine_toggle_pause(struct engine *e, int64_t now)
{
	if (e->paused)
		engine_resume(e, now);
	else
		engine_pause(e, now);
}

/* The session time of now, as the step sees it: while paused, time stands
 * at the pause. */
static int64_t effective_now(const struct engine *e, int64_t now)
{
	return e->paused ? e->paused_at : now;
}

void engine_skip(struct engine *e, int64_t now)
{
	int64_t at = effective_now(e, now);

	if (e->finished)
		return;
	tally_step(e, at - e->step_start, false);
	if (current(e)->kind == STEP_DONE || e->index + 1 == e->tl->count) {
		finish(e, now);
		return;
	}
	enter(e, e->index + 1, at);
}

void engine_back(struct engine *e, int64_t now)
{
	if (e->finished)
		return;
	enter(e, current(e)->set_start, effective_now(e, now));
}

void engine_quit(struct engine *e, int64_t now)
{
	if (e->finished)
		return;
	engine_resume(e, now);
	tally_step(e, now - e->step_start, false);
	e->quit = true;
	finish(e, now);
}

struct engine_view engine_view(const struct engine *e, int64_t now)
{
	const struct step *s = current(e);
	struct engine_view v = {0};
	int64_t at = e->finished ? e->ended_at : effective_now(e, now);

	v.step = s;
	v.next = e->index + 1 < e->tl->count ? &e->tl->steps[e->index + 1] : NULL;
	v.elapsed_ms = at - e->step_start;
	if (v.elapsed_ms < 0)
		v.elapsed_ms = 0;
	if (v.elapsed_ms > s->ms)
		v.elapsed_ms = s->ms;
	v.remaining_ms = s->ms - v.elapsed_ms;
	if (is_work(s) && timeline_exercise(e->tl, s)->kind == EXERCISE_REPS)
		v.rep = timeline_rep_at(e->tl, s, v.elapsed_ms);
	for (size_t i = 0; i < e->index; i++)
		v.session_done_ms += e->tl->steps[i].ms;
	v.session_done_ms += v.elapsed_ms;
	v.session_total_ms = e->tl->total_ms;
	v.paused = e->paused;
	v.finished = e->finished;
	return v;
}
