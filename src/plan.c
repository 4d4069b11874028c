/* plan.c — a program's week, its prescription, the load rule (see plan.h). */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

bool plan_prescribe(const struct routine *routine, const struct block *block,
                    const struct plan_person *who, struct prescription *out)
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
		double kg = who->loads_kg ? who->loads_kg[i] : who->load_kg;
		*e = routine->exercises[i];
		if (who->insertional && e->insertional) {
			if (e->insertional->step_count) {
				e->steps = e->insertional->steps;
				e->step_count = e->insertional->step_count;
			}
			if (e->insertional->cue)
				e->cue = e->insertional->cue;
		}
		if (block && block->sets)
			e->sets = block->sets;
		if (block && block->reps && e->kind == EXERCISE_REPS)
			e->reps = block->reps;
		if (block && block->hold_ms && e->kind == EXERCISE_HOLD)
			e->hold_ms = block->hold_ms;
		if (block && block->rest_ms != BLOCK_REST_UNSET)
			e->rest_ms = block->rest_ms;
		if (kg > 0 && e->kind == EXERCISE_REPS) {
			routine_load_text(kg, out->loads[i], sizeof out->loads[i]);
			e->load = out->loads[i];
		}
	}
	out->routine.exercises = out->exercises;
	return true;
}

size_t plan_insertional_forms(const struct routine *routine)
{
	size_t forms = 0;

	for (size_t i = 0; i < routine->exercise_count; i++)
		forms += routine->exercises[i].insertional != NULL;
	return forms;
}

char *plan_insertional_words(const struct routine *routine, char *buf, size_t size)
{
	size_t forms = plan_insertional_forms(routine), n = routine->exercise_count;

	if (forms == n)
		snprintf(buf, size, ", its exercises down to floor level only");
	else if (forms)
		snprintf(buf, size, ", down to floor level only in %zu of its %zu exercises", forms,
		         n);
	else
		snprintf(
		    buf, size,
		    "; none of its exercises has a form for pain where the tendon meets the heel");
	return buf;
}

void plan_prescription_free(struct prescription *p)
{
	free(p->exercises);
	free(p->loads);
	memset(p, 0, sizeof *p);
}

/* How far the load moves in one decision: a step, never past the cap. */
static double move_kg(const struct program *p)
{
	return p->load_cap_kg > 0 && p->load_cap_kg < p->load_step_kg ? p->load_cap_kg
	                                                              : p->load_step_kg;
}

static int max3(int a, int b, int c)
{
	int m = a > b ? a : b;
	return m > c ? m : c;
}

/* The facts a decision was made from, in words. */
static void describe_week(const struct pain_week *w, const struct baseline *b, char *buf,
                          size_t size)
{
	char during[48] = "not rated", after[24] = "not rated", morning[64] = "not rated";
	char stiff[32] = "";

	if (w->during_max >= 0)
		snprintf(during, sizeof during, "up to %d (average %.1f)", w->during_max,
		         w->during_tenths / 10.0);
	if (w->after_max >= 0)
		snprintf(after, sizeof after, "up to %d", w->after_max);
	/* Stiffness may go unrated (the screen lets it be passed over, and
	 * `tendo rate morning` takes it only with --stiffness): then it is
	 * not spoken of. */
	if (w->morning_max >= 0)
		snprintf(morning, sizeof morning,
		         w->stiffness_max >= 0 ? "up to %d, stiffness up to %d" : "up to %d",
		         w->morning_max, w->stiffness_max);
	snprintf(buf, size, " %s%.0d: %d session%s; pain during %s, after %s; mornings %s",
	         w->week ? "Week " : "Since the last decision", w->week, w->sessions,
	         w->sessions == 1 ? "" : "s", during, after, morning);
	if (b->stiffness >= 0)
		snprintf(stiff, sizeof stiff, ", stiffness %d", b->stiffness);
	if (b->pain >= 0)
		snprintf(buf + strlen(buf), size - strlen(buf), " (baseline %d%s).", b->pain,
		         stiff);
	else
		snprintf(buf + strlen(buf), size - strlen(buf), " (no baseline yet).");
}

/* A limit of the model broken: pause (8 or more, a red flag) or step back
 * at once. False, d untouched, when every limit held. */
static bool limit_broken(const struct program *p, double load_kg, const struct pain_week *w,
                         const struct pain_week *before, const struct baseline *b,
                         struct load_decision *d)
{
	char why[160], load[32];
	int worst = max3(w->during_max, w->after_max, w->morning_max);

	if (w->red_flag || worst >= 8) {
		d->action = LOAD_PAUSE;
		snprintf(d->rule, sizeof d->rule,
		         "pause and refer (pain of 8 or more, a red flag)");
		/* A red flag can be a torn tendon: seen the same day, not
		 * whenever a clinician is free (Martin 2018 CPG). */
		if (w->red_flag)
			snprintf(
			    d->reason, sizeof d->reason,
			    "Paused: a red flag was reported (a pop, sharp pain, or not being "
			    "able to push off). Get a medical assessment today, and go on only "
			    "once a doctor or physiotherapist has seen the tendon.");
		else
			snprintf(
			    d->reason, sizeof d->reason,
			    "Paused: pain of %d out of 10 was reported. Have the tendon assessed "
			    "by a doctor or physiotherapist before going on.",
			    worst);
		return true;
	}
	if (w->during_max > 5)
		snprintf(why, sizeof why, "pain during a session was %d, above 5", w->during_max);
	else if (w->after_max > 5)
		snprintf(why, sizeof why, "pain after activity was %d, above 5", w->after_max);
	else if (b->pain >= 0 && w->morning_max > b->pain)
		snprintf(why, sizeof why, "a morning's pain was %d, above your baseline of %d",
		         w->morning_max, b->pain);
	else if (b->stiffness >= 0 && w->stiffness_max > b->stiffness)
		snprintf(why, sizeof why, "a morning's stiffness was %d, above your baseline of %d",
		         w->stiffness_max, b->stiffness);
	/* A rise is a whole point or more: ratings are whole points, and a
	 * rise of less is a session or two rated one higher (1.3 to 1.4 in a
	 * week of fourteen), within what the scale can tell apart. */
	else if (before && before->sessions > 0 && before->during_tenths >= 0 &&
	         w->during_tenths >= before->during_tenths + 10)
		snprintf(why, sizeof why,
		         "the pain during sessions rose from %.1f to %.1f on average, week on week",
		         before->during_tenths / 10.0, w->during_tenths / 10.0);
	else
		return false;
	d->action = LOAD_STEP_BACK;
	d->load_kg = load_kg - move_kg(p) > 0 ? load_kg - move_kg(p) : 0;
	snprintf(d->rule, sizeof d->rule, "step back: a limit of the pain-monitoring model broken");
	snprintf(d->reason, sizeof d->reason, "%s %s: %s.",
	         load_kg > 0 ? "Stepping back to" : "Staying at",
	         routine_load_text(d->load_kg, load, sizeof load), why);
	return true;
}

/* The ratings a week needs before it can move the load up. */
static bool ratings_missing(const struct pain_week *w, const struct baseline *b, char *buf,
                            size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (w->during_rated < w->sessions)
		n += (size_t)snprintf(buf + n, size - n, "%spain during (%d of %d sessions)",
		                      n ? ", " : "", w->during_rated, w->sessions);
	if (w->after_rated == 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%spain after activity", n ? ", " : "");
	if (w->mornings_rated == 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%snext-morning pain", n ? ", " : "");
	if (b->pain < 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%sa baseline of your mornings",
		                      n ? ", " : "");
	return n > 0;
}

struct load_decision plan_decide_week(const struct program *p, double load_kg,
                                      const struct pain_week *w, const struct pain_week *before,
                                      const struct baseline *b)
{
	struct load_decision d = {LOAD_HOLD, load_kg, "", ""};
	char now[32], next[32], facts[200], missing[160];

	routine_load_text(load_kg, now, sizeof now);
	describe_week(w, b, facts, sizeof facts);
	if (p->load_rule != LOAD_RULE_PAIN) {
		snprintf(d.rule, sizeof d.rule, "moved by hand");
		snprintf(d.reason, sizeof d.reason,
		         "Staying at %s: this program moves the load by hand.", now);
		return d;
	}
	if (limit_broken(p, load_kg, w, before, b, &d)) {
		snprintf(d.reason + strlen(d.reason), sizeof d.reason - strlen(d.reason), "%s",
		         facts);
		return d;
	}
	if (w->sessions == 0) {
		snprintf(d.rule, sizeof d.rule, "hold: no sessions");
		snprintf(d.reason, sizeof d.reason,
		         "Holding at %s: no sessions were done in week %d.", now, w->week);
		return d;
	}
	if (ratings_missing(w, b, missing, sizeof missing)) {
		snprintf(d.rule, sizeof d.rule, "hold: ratings missing");
		snprintf(d.reason, sizeof d.reason,
		         "Holding at %s: week %d lacks %s, and a missing rating is never taken as "
		         "a good one.%s",
		         now, w->week, missing, facts);
		return d;
	}
	if (w->during_max > p->progress_pain || w->after_max > p->progress_pain) {
		snprintf(d.rule, sizeof d.rule, "hold: within the limits, not yet easy");
		snprintf(d.reason, sizeof d.reason,
		         "Holding at %s: within the limits, but the load goes up only when the "
		         "pain during and after stays at %d or less.%s",
		         now, p->progress_pain, facts);
		return d;
	}
	d.action = LOAD_PROGRESS;
	d.load_kg = load_kg + move_kg(p);
	snprintf(d.rule, sizeof d.rule, "progress: within every limit and easy");
	snprintf(d.reason, sizeof d.reason, "Up to %s: week %d stayed within every limit.%s",
	         routine_load_text(d.load_kg, next, sizeof next), w->week, facts);
	return d;
}

struct load_decision plan_check_limits(const struct program *p, double load_kg,
                                       const struct pain_week *since, const struct baseline *b)
{
	struct load_decision d = {LOAD_HOLD, load_kg, "", ""};

	if (p->load_rule == LOAD_RULE_NONE || !limit_broken(p, load_kg, since, NULL, b, &d))
		d.action = LOAD_HOLD;
	return d;
}

struct load_decision plan_decide_rm(const struct program *program, const struct block *block,
                                    double used_kg, bool all_sets_met, const struct pain_week *pain,
                                    const struct baseline *baseline)
{
	struct load_decision d = {LOAD_HOLD, used_kg, "", ""};
	char used[32], next[32], target[32];

	if (pain && limit_broken(program, used_kg, pain, NULL, baseline, &d))
		return d;
	routine_load_text(used_kg, used, sizeof used);
	if (block && block->intensity)
		snprintf(target, sizeof target, "%s", block->intensity);
	else
		snprintf(target, sizeof target, "every rep");
	if (all_sets_met) {
		d.action = LOAD_PROGRESS;
		d.load_kg = used_kg + move_kg(program);
		routine_load_text(d.load_kg, next, sizeof next);
		snprintf(d.rule, sizeof d.rule, "progress: every set reached its reps");
		snprintf(d.reason, sizeof d.reason, "Next time %s: you met %s at %s.", next, target,
		         used);
	} else {
		snprintf(d.rule, sizeof d.rule, "hold: not every set reached its reps");
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

/* A day (days since 1970-01-01) as "Monday 30 November". */
static void day_words(int64_t day, char *buf, size_t size)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%A %d %B", &tm);
}

const char *plan_load_status(const struct program *p, int64_t start_day, int week, double load_kg,
                             const char *decision, char *buf, size_t size)
{
	char load[32], next[40];

	routine_load_text(load_kg, load, sizeof load);
	day_words(start_day + 7 * (int64_t)week, next, sizeof next);
	if (plan_finished(p, week) && p->load_rule == LOAD_RULE_RM)
		snprintf(buf, size,
		         "The program ended after week %d; each exercise's load stays where it "
		         "is.",
		         p->weeks);
	else if (plan_finished(p, week))
		snprintf(buf, size, "The program ended after week %d; the load stays at %s.",
		         p->weeks, load);
	else if (p->load_rule == LOAD_RULE_PAIN && decision && decision[0])
		snprintf(buf, size, "%s Next decision: %s, from week %d's ratings.", decision, next,
		         week);
	else if (p->load_rule == LOAD_RULE_PAIN)
		snprintf(buf, size,
		         "At %s. The load is first decided on %s, from week %d's ratings: pain "
		         "during and after each session, and each next morning.",
		         load, next, week > 0 ? week : 1);
	else if (p->load_rule == LOAD_RULE_RM && decision && decision[0])
		snprintf(buf, size, "%s The next load is proposed after each session.", decision);
	else if (p->load_rule == LOAD_RULE_RM)
		snprintf(buf, size,
		         "At %s. After each session you say the load you used, and the next is "
		         "proposed from it.",
		         load);
	else
		snprintf(buf, size, "At %s: this program moves the load by hand.", load);
	return buf;
}

/* An average pain x10 in words: "2.5", or "not rated". */
static const char *tenths_text(int tenths, char *buf, size_t size)
{
	if (tenths < 0)
		snprintf(buf, size, "not rated");
	else
		snprintf(buf, size, "%.1f", tenths / 10.0);
	return buf;
}

/* The load over a program, from and to: the program's one, or each
 * exercise's where each has its own. */
static void loads_over(const struct program_record *rec, char *buf, size_t size)
{
	char from[32], to[32];
	size_t n;

	if (rec->exercise_count == 0) {
		snprintf(buf, size, "Load: from %s to %s.",
		         routine_load_text(rec->load_from, from, sizeof from),
		         routine_load_text(rec->load_to, to, sizeof to));
		return;
	}
	n = (size_t)snprintf(buf, size, "Loads:");
	for (size_t i = 0; i < rec->exercise_count && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s %.100s from %s to %s", i ? ";" : "",
		                      rec->exercises[i].name,
		                      routine_load_text(rec->exercises[i].from, from, sizeof from),
		                      routine_load_text(rec->exercises[i].to, to, sizeof to));
	if (n < size)
		snprintf(buf + n, size - n, ".");
}

const char *plan_closing_text(const char *title, const struct program *p,
                              const struct program_record *rec, char *buf, size_t size)
{
	char loads[600], first[16], last[16];
	size_t n;

	loads_over(rec, loads, sizeof loads);
	n = (size_t)snprintf(
	    buf, size,
	    "You have finished the %d weeks of %s. Sessions: %d of the %d prescribed. %s Pain "
	    "during the exercises: %s on average in week 1, %s in week %d.",
	    p->weeks, title, rec->sessions, rec->prescribed, loads,
	    tenths_text(rec->pain_first_tenths, first, sizeof first),
	    tenths_text(rec->pain_last_tenths, last, sizeof last), p->weeks);
	if (n < size && rec->lsi_first >= 0 && rec->lsi_last >= 0)
		n += (size_t)snprintf(
		    buf + n, size - n,
		    " Heel-raise test: the affected leg's reps from %d%% to %d%% of "
		    "the other's.",
		    rec->lsi_first, rec->lsi_last);
	else if (n < size)
		n += (size_t)snprintf(buf + n, size - n,
		                      " Heel-raise test: not done twice during the program.");
	if (n < size && p->next)
		n += (size_t)snprintf(buf + n, size - n, " What comes next: %s", p->next);
	if (n < size)
		snprintf(buf + n, size - n,
		         " Sessions from now on run at the last week's prescription and never move "
		         "the load.");
	return buf;
}

bool plan_visa_a_week(int week)
{
	return week == 1 || week == 6 || week == 12;
}

static int at_most(int n, int most)
{
	return n < most ? n : most;
}

void plan_adherence(const struct program *p, const int done[7], int today, bool trained_day_before,
                    struct adherence *a)
{
	bool trained_yesterday = today > 0 ? done[today - 1] > 0 : trained_day_before;
	int per_day = p->sessions_per_day, days_trained = 0, left, days_open, fits;

	memset(a, 0, sizeof *a);
	a->prescribed = p->days_per_week * per_day;
	for (int d = 0; d < today; d++) {
		a->done += at_most(done[d], per_day);
		days_trained += done[d] > 0;
	}
	a->today_done = done[today];
	a->done += at_most(done[today], per_day);
	left = a->prescribed - a->done;
	if (left <= 0)
		return;
	/* The days still open for training: today, then each day after it,
	 * no more than the week's training days not yet used. */
	days_open = at_most(7 - today, p->days_per_week - days_trained);
	fits = days_open * per_day - at_most(done[today], per_day);
	a->missed = left > fits ? left - fits : 0;
	if (done[today] >= per_day || days_open <= 0)
		return;
	/* Every day: due. Fewer: a rest day after training, unless the
	 * sessions left need today. */
	if (p->days_per_week >= 7 || !trained_yesterday ||
	    (left + per_day - 1) / per_day >= 7 - today)
		a->today_due = per_day - done[today];
}

const char *plan_adherence_text(const struct adherence *a, const int done[7], int today,
                                int64_t first_day, char *buf, size_t size)
{
	static const char *const names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	size_t n = (size_t)snprintf(buf, size, "This week: %d of %d session%s", a->done,
	                            a->prescribed, a->prescribed == 1 ? "" : "s");

	if (a->missed > 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, ", %d missed", a->missed);
	for (int d = 0; d <= today && n < size; d++) {
		/* 1970-01-01, day 0, was a Thursday. */
		const char *name = d == today ? "today" : names[(first_day + d + 4) % 7];
		n += (size_t)snprintf(buf + n, size - n, "%s%s %d", d == 0 ? " (" : ", ", name,
		                      done[d]);
	}
	if (n < size)
		snprintf(buf + n, size - n, ").");
	return buf;
}

const char *plan_action_name(enum load_action action)
{
	static const char *const names[] = {
	    [LOAD_PROGRESS] = "progress",
	    [LOAD_HOLD] = "hold",
	    [LOAD_STEP_BACK] = "step back",
	    [LOAD_PAUSE] = "pause",
	};

	return names[action];
}
