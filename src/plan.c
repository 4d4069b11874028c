/* plan.c — a program's week, its prescription, the load rule (see plan.h). */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int plan_week(int64_t start_day, int64_t today)
{
	if (today < start_day)
		return 0;
	return (int)((today - start_day) / 7) + 1;
}

bool plan_finished(const struct program *program, int week)
{
	return program->weeks > 0 && week > program->weeks;
}

const struct block *plan_block(const struct program *program, int week)
{
	for (size_t i = 0; i < program->block_count; i++)
		if (week >= program->blocks[i].first_week && week <= program->blocks[i].last_week)
			return &program->blocks[i];
	return NULL;
}

static void format_kg(double kg, char *buf, size_t size)
{
	snprintf(buf, size, "%g kg", kg);
}

const char *plan_load_text(double kg, char *buf, size_t size)
{
	if (kg > 0)
		format_kg(kg, buf, size);
	else
		snprintf(buf, size, "bodyweight");
	return buf;
}

bool plan_prescribe(const struct routine *routine, const struct block *block, double load_kg,
                    const double *loads_kg, struct prescription *out)
{
	size_t n = routine->exercise_count;

	memset(out, 0, sizeof *out);
	out->routine = *routine;
	out->exercises = calloc(n ? n : 1, sizeof *out->exercises);
	out->loads = calloc(n ? n : 1, sizeof *out->loads);
	if (!out->exercises || !out->loads) {
		plan_prescription_free(out);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		struct exercise *e = &out->exercises[i];
		double kg = loads_kg ? loads_kg[i] : load_kg;
		*e = routine->exercises[i];
		if (block && block->sets)
			e->sets = block->sets;
		if (block && block->reps && e->kind == EXERCISE_REPS)
			e->reps = block->reps;
		if (block && block->hold_ms && e->kind == EXERCISE_HOLD)
			e->hold_ms = block->hold_ms;
		if (block && block->rest_ms)
			e->rest_ms = block->rest_ms;
		if (kg > 0 && e->kind == EXERCISE_REPS) {
			format_kg(kg, out->loads[i], sizeof out->loads[i]);
			e->load = out->loads[i];
		}
	}
	out->routine.exercises = out->exercises;
	return true;
}

void plan_prescription_free(struct prescription *p)
{
	free(p->exercises);
	free(p->loads);
	memset(p, 0, sizeof *p);
}

struct load_decision plan_decide(const struct program *program, double load_kg,
                                 const struct pain_facts *f)
{
	struct load_decision d = {LOAD_HOLD, load_kg, ""};
	char now[32], next[32];
	bool too_much = f->during_last > 5;
	bool not_settled =
	    f->morning_today >= 0 && f->morning_before >= 0 && f->morning_today > f->morning_before;
	bool rising =
	    f->week_tenths >= 0 && f->before_tenths >= 0 && f->week_tenths > f->before_tenths;

	format_kg(load_kg, now, sizeof now);
	if (load_kg <= 0)
		snprintf(now, sizeof now, "bodyweight");
	if (program->load_rule != LOAD_RULE_PAIN) {
		snprintf(d.reason, sizeof d.reason,
		         "Staying at %s: this program moves the load by hand.", now);
		return d;
	}
	if (f->during_last < 0) {
		snprintf(d.reason, sizeof d.reason,
		         "Staying at %s: no session has been rated for pain yet.", now);
		return d;
	}
	if (too_much || not_settled || rising) {
		char why[140];
		if (too_much)
			snprintf(why, sizeof why,
			         "the pain during the last session was %d, above 5",
			         f->during_last);
		else if (not_settled)
			snprintf(why, sizeof why, "this morning's pain was %d, up from %d",
			         f->morning_today, f->morning_before);
		else
			snprintf(
			    why, sizeof why,
			    "the pain during sessions is rising week on week (on average %g this "
			    "week, %g the week before)",
			    f->week_tenths / 10.0, f->before_tenths / 10.0);
		if (f->held_last && load_kg > 0) {
			d.action = LOAD_STEP_BACK;
			d.load_kg = load_kg - program->load_step_kg > 0
			                ? load_kg - program->load_step_kg
			                : 0;
			format_kg(d.load_kg, next, sizeof next);
			snprintf(d.reason, sizeof d.reason,
			         "Stepping back to %s: %s, twice in a row.",
			         d.load_kg > 0 ? next : "bodyweight", why);
		} else {
			snprintf(d.reason, sizeof d.reason, "Holding at %s: %s.", now, why);
		}
		return d;
	}
	if (f->morning_today < 0) {
		snprintf(
		    d.reason, sizeof d.reason,
		    "Staying at %s: this morning's pain has not been rated, so it is not known "
		    "to have settled.",
		    now);
		return d;
	}
	d.action = LOAD_PROGRESS;
	d.load_kg = load_kg + program->load_step_kg;
	format_kg(d.load_kg, next, sizeof next);
	snprintf(d.reason, sizeof d.reason,
	         "Up to %s: the pain during the last session was %d, at most 5, and it settled "
	         "by this morning.",
	         next, f->during_last);
	return d;
}

struct load_decision plan_decide_rm(const struct program *program, const struct block *block,
                                    double used_kg, bool all_sets_met)
{
	struct load_decision d = {LOAD_HOLD, used_kg, ""};
	char used[32], next[32], target[32];

	format_kg(used_kg, used, sizeof used);
	if (block && block->intensity)
		snprintf(target, sizeof target, "%s", block->intensity);
	else
		snprintf(target, sizeof target, "every rep");
	if (all_sets_met) {
		d.action = LOAD_PROGRESS;
		d.load_kg = used_kg + program->load_step_kg;
		format_kg(d.load_kg, next, sizeof next);
		snprintf(d.reason, sizeof d.reason, "Next time %s: you met %s at %s.", next, target,
		         used);
	} else {
		snprintf(d.reason, sizeof d.reason, "Next time %s again: not every set reached %s.",
		         used, target);
	}
	return d;
}

int plan_symmetry(int affected_reps, int other_reps)
{
	if (other_reps <= 0)
		return -1;
	return (int)((affected_reps * 100 + other_reps / 2) / other_reps);
}
