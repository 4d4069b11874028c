/* coach.c — one person's time with tendo (see coach.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "coach.h"
#include "duration.h"
#include "plan.h"
#include "report.h"

static void print_summary(const struct routine *r, const struct engine_tally *t, bool quit)
{
	char held[32], total[32], reps[32] = "", holds[64] = "";

	/* As the screen's summary: reps and holds where the routine has them. */
	if (routine_count(r, EXERCISE_REPS))
		snprintf(reps, sizeof reps, ", %d reps", t->reps_done);
	if (routine_count(r, EXERCISE_HOLD))
		snprintf(holds, sizeof holds, ", %s in holds",
		         duration_format(t->hold_ms / 1000 * 1000, held, sizeof held));
	printf("tendo: %s %s: %d of %d sets%s%s, %s in all.\n", r->title,
	       quit ? "stopped early" : "complete", t->sets_done, t->sets_planned, reps, holds,
	       duration_clock(t->elapsed_ms, total, sizeof total));
}

static void journal_problem(struct journal *j, const struct tendo_error *err)
{
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	snprintf(j->problem, sizeof j->problem, "Nothing will be saved: %s",
	         error_format(err, text, sizeof text));
	snprintf(j->brief, sizeof j->brief, "Nothing will be saved: %s", err->message);
}

/* Notes a write to the log that failed (ok false), to be shown by
 * show_unsaved(): what names what was not saved ("the red flag"); the
 * first failure's reason is kept. Returns ok. */
static bool logged(struct journal *j, bool ok, const struct tendo_error *err, const char *what)
{
	size_t used = strlen(j->unsaved);

	if (ok)
		return true;
	if (!j->unsaved_why[0])
		error_format(err, j->unsaved_why, sizeof j->unsaved_why);
	snprintf(j->unsaved + used, sizeof j->unsaved - used, "%s%s", used ? ", " : "", what);
	return false;
}

/* Tells the person what could not be saved, if anything; OUTCOME_CHOSEN
 * when there was nothing to tell or it was read. */
static enum screen_outcome show_unsaved(struct ui *ui, struct journal *j)
{
	char text[sizeof j->unsaved + sizeof j->unsaved_why + 64];

	if (!j->unsaved[0])
		return OUTCOME_CHOSEN;
	snprintf(text, sizeof text, "Not saved in the log: %s. %s", j->unsaved, j->unsaved_why);
	j->unsaved[0] = j->unsaved_why[0] = '\0';
	return advice_run(ui, "tendo \u2014 not saved", text);
}

static void journal_open(struct journal *j, struct store *store, const char *name,
                         const struct tendo_error *err)
{
	struct tendo_error why = {0};

	memset(j, 0, sizeof *j);
	j->session = -1;
	j->spool.fd = -1;
	snprintf(j->name, sizeof j->name, "%s", name);
	if (!store) {
		journal_problem(j, err ? err : &why);
		return;
	}
	j->store = store;
	j->profile = store_profile(store, name, &why);
	if (j->profile >= 0) {
		j->leg = store_profile_leg(store, j->profile);
		return;
	}
	j->store = NULL;
	journal_problem(j, &why);
}

/* Writes the sets waiting for the log, oldest first, until one fails (a
 * disk briefly full): each is written once, when the log takes it.
 * Returns true when none waits. */
static bool catch_up(struct journal *j, struct tendo_error *err)
{
	size_t done = 0;

	while (done < j->pending_count &&
	       store_set_done(j->store, j->session, &j->pending[done], err))
		done++;
	memmove(j->pending, j->pending + done, (j->pending_count - done) * sizeof *j->pending);
	j->pending_count -= done;
	return j->pending_count == 0;
}

/* The session's end: the sets still waiting get a last try; those the
 * log would not take are said to be unsaved. */
static void catch_up_at_the_end(struct journal *j)
{
	struct tendo_error err;
	char what[160];

	if (j->pending_count == 0 || catch_up(j, &err)) {
		if (j->spool.waiting)
			(void)spool_keep(&j->spool, NULL, 0);
		spool_close(&j->spool);
		return;
	}
	if (spool_keep(&j->spool, j->pending, j->pending_count))
		snprintf(
		    what, sizeof what,
		    "%zu set%s yet (kept beside the log, to be written when tendo next opens it)",
		    j->pending_count, j->pending_count == 1 ? "" : "s");
	else
		snprintf(what, sizeof what, "%zu set%s", j->pending_count,
		         j->pending_count == 1 ? "" : "s");
	logged(j, false, &err, what);
	j->pending_count = 0;
	spool_close(&j->spool);
}

/* The session screen's hook: the session's heartbeat, after each set and
 * once a minute. A beat the log would not take is not said: the sets say
 * when the log is away, and the next beat tries again. */
static void journal_alive(void *ctx)
{
	struct journal *j = ctx;
	struct tendo_error err;

	if (j->store && j->session >= 0)
		(void)store_session_alive(j->store, j->session, &err);
}

/* The session screen's hook: each hold or set, committed as it ends. */
static void journal_set(void *ctx, const struct engine_result *r, char *notice, size_t size)
{
	struct journal *j = ctx;
	const struct step *step = &j->tl->steps[r->step];
	const struct exercise *e = timeline_exercise(j->tl, step);
	struct store_set set = {r->step, e->name,      step->leg, step->set,  r->completed,
	                        0,       r->reps_done, 0,         r->hold_ms, e->load,
	                        0};
	struct tendo_error err;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	bool waited = j->pending_count > 0;

	if (e->to_fatigue) {
		j->fatigue_reps[step->leg] += r->reps_done;
		j->fatigue_test = true;
	}
	if (r->completed && step->exercise < ROUTINE_MAX_EXERCISES)
		j->sets_done[step->exercise]++;
	if (!j->store || j->session < 0)
		return;
	if (e->kind == EXERCISE_REPS)
		set.planned_reps = e->reps;
	else
		set.planned_hold_ms = e->hold_ms;
	/* In the order they ended, after any still waiting for the log. */
	set.at = store_now(j->store);
	if (j->pending_count == JOURNAL_PENDING_MAX)
		logged(j, false, &err, "a set (too many waited for the log)");
	else
		j->pending[j->pending_count++] = set;
	bool caught_up = catch_up(j, &err);

	/* What waits is kept on disk too: a kiosk killed now loses none. */
	if (waited || !caught_up)
		(void)spool_keep(&j->spool, j->pending, j->pending_count);
	if (caught_up) {
		journal_alive(j);
		if (waited)
			snprintf(notice, size, "The log has caught up: every set is saved.");
		return;
	}
	snprintf(notice, size, "The log is catching up: %zu set%s wait to be saved (%s).",
	         j->pending_count, j->pending_count == 1 ? "" : "s",
	         error_format(&err, text, sizeof text));
}

/* The session screen's hook under heavy slow resistance: the reps the
 * person confirmed for a set, kept with it; a set short of its reps means
 * the exercise did not meet its RM this time. */
static void journal_reps(void *ctx, size_t step, int reps)
{
	struct journal *j = ctx;
	const struct step *s = &j->tl->steps[step];
	const struct exercise *e = timeline_exercise(j->tl, s);
	struct tendo_error err;

	if (reps < e->reps && s->exercise < ROUTINE_MAX_EXERCISES)
		j->sets_short[s->exercise]++;
	if (j->store && j->session >= 0)
		logged(j, store_set_reps(j->store, j->session, step, reps, &err), &err,
		       "the set's reps");
}

static const char pain_hint[] =
    "Pain up to 5 during the exercises is acceptable if it has settled by the next morning "
    "and does not rise from week to week (the pain-monitoring model, Silbernagel 2007).";

static const char pain_too_high[] =
    "Pain of 8 or more out of 10 is too much for this program. Stop it here, and have the "
    "tendon assessed by a doctor or physiotherapist before you go on. If the pain came with a "
    "sudden pop, or you can't push off or stand on tiptoe, get a medical assessment today.";

/* Paused (pain of 8 or more, or a red flag), and not yet assessed. */
static const char still_paused[] =
    "The program stays paused until a doctor or physiotherapist has assessed the tendon. "
    "After a sudden pop, or if you can't push off or stand on tiptoe, get a medical "
    "assessment today.";

static const char pain_above_five[] =
    "That is more than the 5 out of 10 the pain-monitoring model allows. Next time, keep the "
    "load as it is or make it lighter; if the pain has not settled by tomorrow morning, rest "
    "a day.";

/* The load one exercise of heavy slow resistance was done at: as
 * prescribed unless the person says otherwise. */
static enum screen_outcome ask_load(struct ui *ui, struct journal *j, const struct exercise *e,
                                    double *used)
{
	double prescribed = store_exercise_load(j->store, j->en.id, e->name, j->en.load_kg);
	char question[300], hint[200], kg[32];
	enum screen_outcome outcome;

	snprintf(question, sizeof question, "%.120s: what load did you use, in kilograms?",
	         e->name);
	snprintf(hint, sizeof hint, "Press s if it was the %s prescribed; 0 for bodyweight.",
	         routine_load_text(prescribed, kg, sizeof kg));
	*used = prescribed;
	outcome = number_run(ui, "tendo \u2014 the load", question, hint, "kg", used);
	if (outcome == OUTCOME_BACK)
		*used = prescribed;
	return outcome;
}

/* Heavy slow resistance, exercise by exercise: the load each was done at,
 * asked, and whether its sets reached their reps (the person said so: a
 * timer that ran out is not a rep done); the next loads then proposed. */
static enum screen_outcome ask_weight(struct ui *ui, struct journal *j)
{
	const struct routine *routine = j->tl->routine;
	struct rm_done done[ROUTINE_MAX_EXERCISES] = {0};
	struct tendo_error err;
	enum screen_outcome outcome;
	enum load_action action;
	char text[1500];

	if (!j->follows || routine->program->load_rule != LOAD_RULE_RM ||
	    plan_finished(routine->program, j->week))
		return OUTCOME_CHOSEN;
	for (size_t i = 0; i < routine->exercise_count && i < ROUTINE_MAX_EXERCISES; i++) {
		const struct exercise *e = &routine->exercises[i];
		if (e->kind != EXERCISE_REPS || j->sets_done[i] == 0)
			continue;
		outcome = ask_load(ui, j, e, &done[i].used_kg);
		if (outcome == OUTCOME_STOP || outcome == OUTCOME_AWAY)
			return outcome;
		done[i].done = true;
		done[i].met = j->sets_short[i] == 0;
	}
	logged(j,
	       coach_decide_rm(j->store, j->profile, &j->en, routine, j->week, j->session, done,
	                       text, sizeof text, &action, &err),
	       &err, "the decision on the load");
	return text[0] ? advice_run(ui, "tendo \u2014 the load", text) : OUTCOME_CHOSEN;
}

bool coach_decide_rm(struct store *store, int64_t profile, const struct store_enrolment *en,
                     const struct routine *routine, int week, int64_t session,
                     const struct rm_done *done, char *text, size_t size, enum load_action *action,
                     struct tendo_error *err)
{
	const struct program *p = routine->program;
	struct pain_week pain;
	struct baseline base;
	size_t used = 0;
	bool ok = true;

	/* The session's decision in a word: a step back or pause of any
	 * exercise, else a step up of any, else a hold. */
	*action = LOAD_HOLD;
	text[0] = '\0';
	store_baseline(store, profile, en->baseline_day, &base);
	store_pain_between(store, profile, en->path,
	                   en->decided_at ? en->decided_at : store_day_start(en->start_day),
	                   INT64_MAX / 2, &pain);
	for (size_t i = 0; i < routine->exercise_count && i < ROUTINE_MAX_EXERCISES; i++) {
		const struct exercise *e = &routine->exercises[i];
		struct load_decision d;
		if (!done[i].done)
			continue;
		d = plan_decide_rm(p, plan_block(p, week), done[i].used_kg, done[i].met, &pain,
		                   &base);
		ok = store_session_load(store, session, e->name, done[i].used_kg, err) && ok;
		ok = store_set_exercise_load(store, en->id, e->name, d.load_kg, err) && ok;
		if (d.action >= LOAD_STEP_BACK ? d.action > *action : *action == LOAD_HOLD)
			*action = d.action;
		/* A pause is the whole session's, in the same words for every
		 * exercise: said once. */
		if (d.action == LOAD_PAUSE)
			used = (size_t)snprintf(text, size, "%s", d.reason);
		else if (used < size)
			used += (size_t)snprintf(text + used, size - used, "%s%.100s: %s",
			                         used ? " " : "", e->name, d.reason);
	}
	if (!used)
		return ok;
	ok = store_decide(store, en->id, en->load_kg, week, false, plan_action_name(*action), text,
	                  err) &&
	     ok;
	if (*action == LOAD_PAUSE)
		ok = store_pause_program(store, profile, true, err) && ok;
	return ok;
}

/* A heel-raise capacity test: the reps on each leg, the limb symmetry
 * index, and the tests before, to see it over time. */
static enum screen_outcome report_test(struct ui *ui, struct journal *j)
{
	enum leg affected = j->tl->affected;
	int left = j->fatigue_reps[LEG_LEFT], right = j->fatigue_reps[LEG_RIGHT];
	int lsi = affected == LEG_LEFT ? plan_symmetry(left, right) : plan_symmetry(right, left);
	struct store_capacity earlier[4];
	struct tendo_error err;
	char text[900];
	size_t used, n = 0;

	if (!j->fatigue_test || affected == LEG_NONE)
		return OUTCOME_CHOSEN;
	if (j->store)
		n = store_capacity_tests(j->store, j->profile, earlier, 4);
	used = (size_t)snprintf(text, sizeof text, "Left leg: %d reps. Right leg: %d reps.", left,
	                        right);
	if (lsi >= 0)
		used += (size_t)snprintf(
		    text + used, sizeof text - used,
		    " Limb symmetry index: %d%% (the affected %s's reps as a share "
		    "of the other's).",
		    lsi, leg_name(affected));
	for (size_t i = 0; i < n && used < sizeof text; i++) {
		char when[32];
		time_t at = (time_t)earlier[i].at;
		int was = earlier[i].affected == LEG_RIGHT
		              ? plan_symmetry(earlier[i].right, earlier[i].left)
		              : plan_symmetry(earlier[i].left, earlier[i].right);
		strftime(when, sizeof when, "%d %b %Y", localtime(&at));
		used += (size_t)snprintf(
		    text + used, sizeof text - used, "%s %s: left %d, right %d, %d%%.",
		    i == 0 ? " Before:" : "", when, earlier[i].left, earlier[i].right, was);
	}
	if (j->store)
		logged(j,
		       store_capacity_test(j->store, j->profile, j->session, left, right, affected,
		                           &err),
		       &err, "the test's result");
	return advice_run(ui, "tendo \u2014 heel-raise capacity", text);
}

/* Pain of 8 or more: the program pauses until a clinician has seen the
 * tendon. */
static void pause_program(struct journal *j)
{
	struct tendo_error err;

	logged(j, store_pause_program(j->store, j->profile, true, &err), &err,
	       "the program's pause");
}

/* After a rating away from a session: what could not be saved, then, at
 * pain of 8 or more, the pause and its advice. OUTCOME_BACK when the start
 * goes on as before. */
static enum screen_outcome pain_checked(struct ui *ui, struct journal *j, int pain)
{
	enum screen_outcome outcome;

	if (pain >= 8)
		pause_program(j);
	outcome = show_unsaved(ui, j);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	if (pain >= 8)
		return advice_run(ui, "tendo \u2014 stop and get assessed", pain_too_high);
	return OUTCOME_BACK;
}

/* After a session that ran: the log's last word on it, a red flag, and how
 * the tendon felt. */
static enum screen_outcome after_session(struct ui *ui, struct journal *j,
                                         const struct session_result *r, bool away)
{
	struct tendo_error err;
	int score = -1;
	enum screen_outcome outcome;
	const char *status = r->red_flag ? "stopped" : r->quit ? "partial" : "completed";

	if (j->store && j->session >= 0)
		logged(j, store_session_end(j->store, j->session, status, &err), &err,
		       "the session's end");
	if (r->red_flag) {
		if (j->store)
			logged(j,
			       store_red_flag(j->store, j->profile, j->session,
			                      "sudden pop, sharp pain, or can't push off", &err),
			       &err, "the red flag");
		else { /* said as the session began; said again, as it matters most */
			snprintf(j->unsaved, sizeof j->unsaved, "the red flag");
			snprintf(j->unsaved_why, sizeof j->unsaved_why, "%s", j->brief);
		}
		/* The summary showed the advice; what was not saved, if anything,
		 * is said even to a kiosk left alone. */
		outcome = show_unsaved(ui, j);
		return outcome == OUTCOME_STOP ? outcome : OUTCOME_CHOSEN;
	}
	if (away)
		return OUTCOME_AWAY; /* no one is there to answer */
	outcome = report_test(ui, j);
	if (outcome == OUTCOME_STOP || outcome == OUTCOME_AWAY)
		return outcome;
	if (!j->store || r->tally.sets_done == 0)
		return OUTCOME_CHOSEN;
	/* The pain first: the load proposed next counts it. */
	outcome = rating_run(ui, "tendo \u2014 how was it?",
	                     "How much pain did you feel in the tendon during these exercises?",
	                     pain_hint, &score);
	if (outcome == OUTCOME_STOP || outcome == OUTCOME_AWAY)
		return outcome;
	if (outcome == OUTCOME_CHOSEN) {
		logged(j, store_pain(j->store, j->profile, j->session, "during", score, -1, &err),
		       &err, "the pain rating");
		if (score >= 8) {
			pause_program(j);
			outcome = show_unsaved(ui, j);
			return outcome == OUTCOME_CHOSEN
			           ? advice_run(ui, "tendo \u2014 stop and get assessed",
			                        pain_too_high)
			           : outcome;
		}
	}
	outcome = ask_weight(ui, j);
	if (outcome == OUTCOME_STOP || outcome == OUTCOME_AWAY)
		return outcome;
	outcome = show_unsaved(ui, j);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	if (score > 5 && score < 8)
		return advice_run(ui, "tendo \u2014 too much", pain_above_five);
	return OUTCOME_CHOSEN;
}

/* On the next start after a session (an hour or more after it): how the
 * tendon felt after the exercises, later that day. */
static enum screen_outcome ask_after(struct ui *ui, struct journal *j)
{
	struct tendo_error err;
	int64_t session;
	int pain;
	enum screen_outcome outcome;

	if (!j->store || (session = store_after_due(j->store, j->profile)) < 0)
		return OUTCOME_BACK;
	outcome = rating_run(ui, "tendo \u2014 after your last session",
	                     "How much pain did you feel in the tendon after your last session, "
	                     "later that day or that evening?",
	                     pain_hint, &pain);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	logged(j, store_pain(j->store, j->profile, session, "after", pain, -1, &err), &err,
	       "the pain rating");
	return pain_checked(ui, j, pain);
}

/* On the first start of a day after training: how the tendon is this
 * morning, the other half of the pain-monitoring model. */
static enum screen_outcome ask_morning(struct ui *ui, struct journal *j)
{
	struct tendo_error err;
	int pain, stiffness = -1;
	enum screen_outcome outcome = ask_after(ui, j);

	if (outcome == OUTCOME_STOP || outcome == OUTCOME_AWAY)
		return outcome;
	if (!j->store || !store_morning_due(j->store, j->profile))
		return OUTCOME_BACK;
	outcome = rating_run(ui, "tendo \u2014 good morning",
	                     "How much pain do you feel in the tendon this morning?",
	                     "Morning pain that is no higher than yesterday's means the tendon "
	                     "coped with yesterday's load.",
	                     &pain);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	outcome = rating_run(ui, "tendo \u2014 good morning", "And how stiff is it this morning?",
	                     NULL, &stiffness);
	if (outcome == OUTCOME_STOP)
		return outcome;
	logged(j, store_pain(j->store, j->profile, -1, "morning", pain, stiffness, &err), &err,
	       "the morning's rating");
	if (outcome == OUTCOME_AWAY)
		return outcome;
	return pain_checked(ui, j, pain);
}

/* The ratings of program week `week` of an enrolment; a step back made
 * inside that week counts only what came after it. */
static void week_ratings(struct store *store, int64_t profile, const struct store_enrolment *en,
                         int week, struct pain_week *w)
{
	int64_t from = store_day_start(en->start_day + 7 * (week - 1));
	int64_t to = store_day_start(en->start_day + 7 * week);

	/* What came after a decision made within the week; not what it was
	 * made from (that same second included). */
	if (en->decided_week == week && en->mid_week && en->decided_at >= from)
		from = en->decided_at + 1;
	store_pain_between(store, profile, en->path, from, to, w);
	w->week = week;
}

bool coach_update_load(struct store *store, int64_t profile, const struct program *p,
                       struct store_enrolment *en, struct tendo_error *err)
{
	char text[sizeof en->decision];
	bool mid_week;
	int week = plan_week(en->start_day, store_today(store));
	struct pain_week ended, before, since;
	struct baseline base;
	struct load_decision d;

	if (p->load_rule != LOAD_RULE_PAIN || week == 0 || plan_finished(p, week))
		return true;
	/* A new week whose start has not been decided on yet; else mid-week. */
	mid_week = !(week >= 2 && en->decided_week < week);
	store_baseline(store, profile, en->baseline_day, &base);
	if (!mid_week) {
		week_ratings(store, profile, en, week - 1, &ended);
		if (week >= 3)
			week_ratings(store, profile, en, week - 2, &before);
		d = plan_decide_week(p, en->load_kg, &ended, week >= 3 ? &before : NULL, &base);
	} else {
		int64_t from = en->decided_at ? en->decided_at + 1 : store_day_start(en->start_day);
		store_pain_between(store, profile, en->path, from, INT64_MAX / 2, &since);
		d = plan_check_limits(p, en->load_kg, &since, &base);
		if (d.action == LOAD_HOLD)
			return true;
	}
	/* The decision as shown: its reason and facts, then the rule by name. */
	snprintf(text, sizeof text, "%.380s Rule: %.80s.", d.reason, d.rule);
	if (!store_decide(store, en->id, d.load_kg, week, mid_week, plan_action_name(d.action),
	                  text, err))
		return false;
	if (d.action == LOAD_PAUSE && !store_pause_program(store, profile, true, err))
		return false;
	en->load_kg = d.load_kg;
	en->decided_at = store_now(store);
	en->decided_week = week;
	en->mid_week = mid_week;
	en->paused = en->paused || d.action == LOAD_PAUSE;
	snprintf(en->decision, sizeof en->decision, "%s", text);
	return true;
}

bool coach_prescribe(struct store *store, const struct store_enrolment *en,
                     const struct routine *routine, int week, struct prescription *rx)
{
	double loads[ROUTINE_MAX_EXERCISES];
	struct plan_person who = {en->load_kg, NULL, en->insertional};

	/* Heavy slow resistance: each exercise at its own load. */
	if (routine->program && routine->program->load_rule == LOAD_RULE_RM) {
		for (size_t i = 0; i < routine->exercise_count && i < ROUTINE_MAX_EXERCISES; i++)
			loads[i] = store_exercise_load(store, en->id, routine->exercises[i].name,
			                               en->load_kg);
		who.loads_kg = loads;
	}
	return plan_prescribe(routine, plan_block(routine->program, week), &who, rx);
}

void coach_week_standing(struct store *store, int64_t profile, const struct program *p,
                         const struct store_enrolment *en, struct week_standing *ws)
{
	int64_t today = store_today(store);
	int days[8]; /* the day before the week, then its days up to today */

	memset(ws, 0, sizeof *ws);
	ws->week = plan_week(en->start_day, today);
	if (ws->week == 0)
		return;
	ws->first = en->start_day + 7 * (int64_t)(ws->week - 1);
	ws->today = (int)(today - ws->first);
	store_done_by_day(store, profile, en->path, ws->first - 1, ws->today + 2, days);
	memcpy(ws->done, days + 1, sizeof *days * (size_t)(ws->today + 1));
	if (plan_finished(p, ws->week))
		ws->a.today_done = ws->done[ws->today]; /* nothing prescribed, nothing due */
	else
		plan_adherence(p, ws->done, ws->today, days[0] > 0, &ws->a);
	if (en->paused)
		ws->a.today_due = 0;
}

/* What a finished program came to, from the log. */
static void program_record(struct store *store, int64_t profile, const struct routine *routine,
                           const struct store_enrolment *en, struct program_record *rec)
{
	const struct program *p = routine->program;
	int64_t from = store_day_start(en->start_day);
	int64_t to = store_day_start(en->start_day + 7 * (int64_t)p->weeks);
	struct store_capacity tests[64];
	size_t n = store_capacity_tests(store, profile, tests, 64);
	struct pain_week w;
	int in_program = 0; /* tests after the newest one in the program */

	memset(rec, 0, sizeof *rec);
	store_pain_between(store, profile, en->path, from, to, &w);
	rec->sessions = w.sessions;
	rec->prescribed = p->weeks * p->days_per_week * p->sessions_per_day;
	rec->load_from = store_first_load(store, profile, en->path, NULL, from);
	rec->load_to = en->load_kg;
	for (size_t i = 0; i < routine->exercise_count && p->load_rule == LOAD_RULE_RM; i++) {
		const struct exercise *e = &routine->exercises[i];
		if (e->kind != EXERCISE_REPS || rec->exercise_count == ROUTINE_MAX_EXERCISES)
			continue;
		rec->exercises[rec->exercise_count].name = e->name;
		rec->exercises[rec->exercise_count].from =
		    store_first_load(store, profile, en->path, e->name, from);
		rec->exercises[rec->exercise_count++].to =
		    store_exercise_load(store, en->id, e->name, en->load_kg);
	}
	store_pain_between(store, profile, en->path, from, store_day_start(en->start_day + 7), &w);
	rec->pain_first_tenths = w.during_tenths;
	store_pain_between(store, profile, en->path, to - 7 * 86400, to, &w);
	rec->pain_last_tenths = w.during_tenths;
	rec->lsi_first = rec->lsi_last = -1;
	/* The tests during the program, newest first; a change needs two. */
	for (size_t i = 0; i < n; i++) {
		const struct store_capacity *t = &tests[i];
		if (t->at < from || t->at >= to)
			continue;
		rec->lsi_first = t->affected == LEG_RIGHT ? plan_symmetry(t->right, t->left)
		                                          : plan_symmetry(t->left, t->right);
		if (rec->lsi_last < 0)
			rec->lsi_last = rec->lsi_first;
		else
			in_program++;
	}
	if (in_program == 0)
		rec->lsi_first = rec->lsi_last = -1;
}

/* A program past its last week: the closing screen, the first time. */
static enum screen_outcome close_program(struct ui *ui, struct journal *j,
                                         const struct routine *routine)
{
	const struct program *p = routine->program;
	struct store_enrolment *en = &j->en;
	struct program_record rec;
	struct tendo_error err;
	char text[1600];

	if (!plan_finished(p, j->week) || en->decided_week > p->weeks)
		return OUTCOME_CHOSEN;
	program_record(j->store, j->profile, routine, en, &rec);
	plan_closing_text(routine->title, p, &rec, text, sizeof text);
	/* Marked as closed: a decision past the last week, never a change. */
	logged(j,
	       store_decide(j->store, en->id, en->load_kg, p->weeks + 1, false, "end", en->decision,
	                    &err),
	       &err, "the program's end");
	en->decided_week = p->weeks + 1;
	return advice_run(ui, "tendo \u2014 the program is complete", text);
}

/* Where a session starts: afresh, or where a cut-off one stopped. */
struct start {
	size_t first_step;
	enum leg leg;
	int64_t resumed; /* the cut-off session's id; -1 for a new one */
};

/* The leg a session runs on: the one it stopped on, the one given, the
 * profile's, or (when some exercise needs it) the one the person says. */
static enum screen_outcome choose_leg(struct coach *c, const struct routine *routine,
                                      const struct start *from, enum leg *leg)
{
	*leg = from->leg != LEG_NONE         ? from->leg
	       : c->options->leg != LEG_NONE ? c->options->leg
	                                     : c->journal.leg;
	if (*leg != LEG_NONE || !routine_needs_leg(routine))
		return OUTCOME_CHOSEN;
	return leg_prompt_run(
	    c->ui, routine->title,
	    "Some exercises here work only the affected leg. Press l for the left leg or r for the "
	    "right. (--leg left or --leg right skips this question.)",
	    leg);
}

/* A program paused after pain of 8 or more waits for an assessment:
 * OUTCOME_CHOSEN when the person says it has been done. */
static enum screen_outcome resume_paused(struct ui *ui, struct journal *j)
{
	struct tendo_error err;
	bool assessed = false;
	enum screen_outcome outcome;

	if (!j->follows || !j->en.paused)
		return OUTCOME_CHOSEN;
	outcome = question_run(ui, "tendo \u2014 the program is paused",
	                       "This program is paused: you reported pain of 8 or more out of 10, "
	                       "or a red flag. Has a doctor or physiotherapist assessed the tendon "
	                       "and told you that you can go on?",
	                       &assessed);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	if (!assessed) {
		outcome = advice_run(ui, "tendo \u2014 the program is paused", still_paused);
		return outcome == OUTCOME_CHOSEN ? OUTCOME_BACK : outcome;
	}
	if (logged(j, store_pause_program(j->store, j->profile, false, &err), &err,
	           "going on with the program"))
		j->en.paused = false;
	return OUTCOME_CHOSEN;
}

/* Whether the person follows the program of the routine at path: the
 * enrolment, read once into the journal, and its week today. */
static void follow_program(struct journal *j, const struct routine *routine, const char *path)
{
	j->follows =
	    j->store && routine->program && store_enrolment(j->store, j->profile, path, &j->en);
	j->week = j->follows ? plan_week(j->en.start_day, store_today(j->store)) : 0;
}

/* A program followed, before its session: the load brought up to date,
 * and the closing screen the first time after its last week. */
static enum screen_outcome program_today(struct ui *ui, struct journal *j,
                                         const struct routine *routine)
{
	struct tendo_error err;

	if (!j->follows)
		return OUTCOME_CHOSEN;
	logged(j, coach_update_load(j->store, j->profile, routine->program, &j->en, &err), &err,
	       "the decision on the load");
	return close_program(ui, j, routine);
}

/* Whether the person's latest screening found insertional pain. */
static bool screened_insertional(const struct journal *j)
{
	struct store_screening latest;

	return j->store && store_screening_of(j->store, j->profile, NULL, &latest) &&
	       latest.answers.insertional;
}

/* The routine a session runs: for a program followed, this week's
 * prescription at today's load, a routine of this person's own (after
 * the end, the last week's at the last load); for anyone else the file as
 * written, in its insertional forms when their screening found that pain
 * (Jonsson 2008: heel drops stop at floor level for it, whatever the
 * routine). NULL, with err, when it can't be planned. */
static const struct routine *session_routine(struct coach *c, const struct catalog_entry *entry,
                                             struct prescription *rx)
{
	const struct journal *j = &c->journal;
	const struct program *p = entry->routine->program;
	bool planned;

	if (!j->follows) {
		if (!plan_insertional_forms(entry->routine) || !screened_insertional(j))
			return entry->routine;
		planned =
		    plan_prescribe(entry->routine, NULL, &(struct plan_person){0, NULL, true}, rx);
	} else {
		planned = coach_prescribe(j->store, &j->en, entry->routine,
		                          plan_finished(p, j->week) ? p->weeks : j->week, rx);
	}
	if (!planned) {
		error_set(&c->err, entry->path, 0, 0, "out of memory planning the session");
		return NULL;
	}
	return &rx->routine;
}

/* Room on disk for the session's sets to wait in, should the log stop
 * taking them. Without it (the folder won't take even that), they still
 * wait in memory; the sets themselves say when the log is away. */
static void open_spool(struct journal *j)
{
	struct tendo_error err;
	size_t longest = 0;

	for (size_t i = 0; i < j->tl->count; i++) {
		const struct exercise *e = timeline_exercise(j->tl, &j->tl->steps[i]);
		size_t len = e ? strlen(e->name) : 0; /* none: the count-in, a rest */
		longest = len > longest ? len : longest;
	}
	(void)spool_open(&j->spool, store_path(j->store), j->session, store_place(j->store),
	                 j->tl->count < JOURNAL_PENDING_MAX ? j->tl->count : JOURNAL_PENDING_MAX,
	                 longest, &err);
}

/* The journal set for a session on tl: its counts afresh, the session
 * begun in the log (or the cut-off one taken up), and its spool. */
static void journal_begin(struct journal *j, const struct catalog_entry *entry,
                          const struct timeline *tl, const struct start *from, enum leg leg)
{
	struct tendo_error err = {0};

	j->tl = tl;
	j->path = entry->path;
	memset(j->fatigue_reps, 0, sizeof j->fatigue_reps);
	memset(j->sets_done, 0, sizeof j->sets_done);
	memset(j->sets_short, 0, sizeof j->sets_short);
	j->fatigue_test = false;
	j->pending_count = 0;
	j->session = from->resumed;
	if (j->store && j->session < 0)
		j->session =
		    store_session_begin(j->store, j->profile, entry->name, entry->path, leg, &err);
	if (j->store && j->session < 0)
		journal_problem(j, &err);
	else if (j->session >= 0 && j->follows)
		logged(j, store_session_program(j->store, j->session, j->en.program, j->week, &err),
		       &err, "the session's program");
	if (j->store && j->session >= 0)
		open_spool(j);
}

/* What the session screen says first: why nothing is saved, else the
 * program's week and load. */
static void session_notice(const struct journal *j, const struct routine *routine, char *notice,
                           size_t size)
{
	char status[600];

	if (j->brief[0] || !j->follows) {
		snprintf(notice, size, "%.399s", j->brief);
		return;
	}
	snprintf(notice, size, "Week %d: %.380s", j->week,
	         plan_load_status(routine->program, j->en.start_day, j->week, j->en.load_kg,
	                          j->en.decision, status, sizeof status));
}

/* Runs one routine in a started ui: the leg if needed, the program's
 * checks, then the session, logged, and the questions after it. */
static enum screen_outcome coach_from(struct coach *c, const struct catalog_entry *entry,
                                      const struct start *from)
{
	struct journal *j = &c->journal;
	struct session_options so = {
	    c->options->speed, c->sinks, from->first_step, journal_set, j, NULL, journal_alive, ""};
	struct prescription rx = {0};
	const struct routine *runs;
	struct timeline tl;
	enum leg leg;
	enum screen_outcome outcome = choose_leg(c, entry->routine, from, &leg);

	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	follow_program(j, entry->routine, entry->path);
	if ((outcome = resume_paused(c->ui, j)) != OUTCOME_CHOSEN)
		return outcome;
	if ((outcome = program_today(c->ui, j, entry->routine)) != OUTCOME_CHOSEN)
		return outcome;
	if (!(runs = session_routine(c, entry, &rx)))
		return OUTCOME_BACK;
	if (!timeline_build(runs, leg, &tl, &c->err)) {
		plan_prescription_free(&rx);
		return OUTCOME_BACK;
	}
	if (c->sinks->voice_wanted)
		ui_message(c->ui, "Getting the voice ready...");
	cues_prepare(c->sinks, &tl);
	journal_begin(j, entry, &tl, from, leg);
	if (j->follows && entry->routine->program->load_rule == LOAD_RULE_RM)
		so.on_reps = journal_reps;
	session_notice(j, entry->routine, so.notice, sizeof so.notice);
	outcome = session_run(c->ui, &tl, &so, &c->done.result);
	catch_up_at_the_end(j);
	/* Ended by a signal (a hang-up, a kill): left open, to be taken up. */
	if (outcome != OUTCOME_STOP)
		outcome = after_session(c->ui, j, &c->done.result, outcome == OUTCOME_AWAY);
	j->session = -1;
	j->tl = NULL;
	j->path = NULL;
	j->follows = false;
	c->done.ran = true;
	c->done.routine = entry->routine;
	timeline_free(&tl);
	plan_prescription_free(&rx);
	return outcome;
}

/* Offers to take up a session that was cut off. Returns OUTCOME_CHOSEN
 * when one ran, OUTCOME_BACK when there was none or the person declined.
 * The routine taken up is kept in c->resumed, as c->done names it. */
static enum screen_outcome offer_resume(struct coach *c)
{
	struct journal *j = &c->journal;
	struct store_interrupted cut;
	struct catalog_entry entry;
	struct start from;
	char question[600], when[64];
	enum screen_outcome outcome;
	struct tendo_error err_cut;
	bool yes = false;
	time_t started;

	if (!j->store || !store_find_interrupted(j->store, j->profile, &cut))
		return OUTCOME_BACK;
	/* Cut off before a set was done: nothing to take up. */
	if (cut.sets_done == 0) {
		logged(j, store_session_end(j->store, cut.id, "partial", &err_cut), &err_cut,
		       "the end of a session cut off");
		return OUTCOME_BACK;
	}
	if (!cut.path[0] || !catalog_load_file(cut.path, ORIGIN_FILE, &entry)) {
		if (cut.path[0])
			catalog_entry_free(&entry);
		logged(j, store_session_end(j->store, cut.id, "partial", &err_cut), &err_cut,
		       "the end of a session cut off");
		return OUTCOME_BACK;
	}
	started = (time_t)cut.started;
	strftime(when, sizeof when, "%A %d %B at %H:%M", localtime(&started));
	snprintf(question, sizeof question,
	         "Your session of %s on %s was cut off after %d sets. Take it up where it "
	         "stopped?",
	         entry.routine->title, when, cut.sets_done);
	outcome = question_run(c->ui, "tendo \u2014 a session was cut off", question, &yes);
	if (outcome == OUTCOME_CHOSEN && yes &&
	    logged(j, store_session_adopt(j->store, cut.id, &err_cut), &err_cut,
	           "taking up the session")) {
		from = (struct start){(size_t)cut.next_step, cut.leg, cut.id};
		c->resumed = entry; /* kept: c->done names its routine */
		outcome = coach_from(c, &c->resumed, &from);
		if (outcome == OUTCOME_BACK)
			outcome = OUTCOME_CHOSEN;
	} else if (outcome == OUTCOME_CHOSEN) {
		logged(j, store_session_end(j->store, cut.id, "partial", &err_cut), &err_cut,
		       "the end of a session cut off");
		outcome = OUTCOME_BACK;
	}
	if (c->resumed.routine != entry.routine)
		catalog_entry_free(&entry);
	return outcome;
}

const char *coach_visa_a_text(struct store *store, int64_t profile,
                              const struct store_enrolment *en, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int week = 1; week <= PROGRAM_MAX_WEEKS && n < size; week++) {
		int64_t from = store_day_start(en->start_day + 7 * (week - 1));
		int score = plan_visa_a_week(week)
		                ? store_visa_a_between(store, profile, from, from + 7 * 86400)
		                : -1;
		if (score >= 0)
			n += (size_t)snprintf(buf + n, size - n, "%s%d in week %d",
			                      n ? ", " : "VISA-A: ", score, week);
	}
	if (n > 0 && n < size)
		snprintf(buf + n, size - n, ".");
	return buf;
}

/* The program week a VISA-A score is due in, for any program followed;
 * 0 when none is due. *from and *to: that week. */
static int visa_a_due(struct journal *j, int64_t *from, int64_t *to)
{
	struct store_enrolment ens[8];
	size_t n = j->store ? store_enrolments(j->store, j->profile, NULL, ens, 8) : 0;

	for (size_t i = 0; i < n; i++) {
		int week = plan_week(ens[i].start_day, store_today(j->store));
		if (!plan_visa_a_week(week))
			continue;
		*from = store_day_start(ens[i].start_day + 7 * (week - 1));
		*to = store_day_start(ens[i].start_day + 7 * week);
		if (store_visa_a_between(j->store, j->profile, *from, *to) < 0)
			return week;
	}
	return 0;
}

/* At the start, week 6 and week 12: the VISA-A score the person's
 * clinician gave, if they have one. */
static enum screen_outcome ask_visa_a(struct ui *ui, struct journal *j)
{
	struct tendo_error err;
	int64_t from, to;
	int week = visa_a_due(j, &from, &to);
	double score;
	char question[200];
	enum screen_outcome outcome;

	if (week == 0)
		return OUTCOME_BACK;
	snprintf(question, sizeof question,
	         "Week %d: if your clinician has given you a VISA-A score this week, what is it "
	         "(0 to 100)?",
	         week);
	do {
		outcome =
		    number_run(ui, "tendo \u2014 VISA-A", question,
		               "The VISA-A questionnaire measures how the Achilles tendon "
		               "limits you, from 0 (most) to 100 (not at all). tendo keeps the "
		               "total beside your load; s skips until next time.",
		               "out of 100", &score);
	} while (outcome == OUTCOME_CHOSEN && score > 100);
	if (outcome == OUTCOME_CHOSEN)
		logged(j, store_visa_a(j->store, j->profile, (int)score, &err), &err,
		       "the VISA-A score");
	return outcome == OUTCOME_CHOSEN ? OUTCOME_BACK : outcome;
}

void coach_open(struct coach *c, struct ui *ui, const struct coach_options *o,
                struct cue_sinks *sinks, struct store *store, const char *name,
                const struct tendo_error *why)
{
	memset(c, 0, sizeof *c);
	c->ui = ui;
	c->options = o;
	c->sinks = sinks;
	journal_open(&c->journal, store, name, why);
}

enum screen_outcome coach_welcome(struct coach *c)
{
	enum screen_outcome outcome = ask_morning(c->ui, &c->journal);

	if (outcome != OUTCOME_STOP && outcome != OUTCOME_AWAY)
		outcome = ask_visa_a(c->ui, &c->journal);
	if (outcome != OUTCOME_STOP && outcome != OUTCOME_AWAY)
		outcome = offer_resume(c);
	if (outcome == OUTCOME_BACK) {
		enum screen_outcome told = show_unsaved(c->ui, &c->journal);
		if (told != OUTCOME_CHOSEN)
			return told;
	}
	return outcome;
}

enum screen_outcome coach_routine(struct coach *c, const struct catalog_entry *entry)
{
	static const struct start fresh = {0, LEG_NONE, -1};

	return coach_from(c, entry, &fresh);
}

void coach_finish(struct coach *c)
{
	const struct coached *done = &c->done;

	ui_stop(c->ui);
	if (done->ran)
		print_summary(done->routine, &done->result.tally, done->result.quit);
	if (done->ran && done->result.red_flag)
		fprintf(stderr, "tendo: %s\n", red_flag_advice);
	if (c->err.message[0])
		fprintf(stderr, "tendo: %s\n", c->err.message);
	if (c->journal.problem[0])
		fprintf(stderr, "tendo: %s\n", c->journal.problem);
}

void coach_close(struct coach *c)
{
	catalog_entry_free(&c->resumed);
}

/* The entry in the catalog whose file is path, or NULL. */
static const struct catalog_entry *entry_at(const struct catalog *cat, const char *path)
{
	for (size_t i = 0; i < cat->count; i++)
		if (cat->entries[i].routine && strcmp(cat->entries[i].path, path) == 0)
			return &cat->entries[i];
	return NULL;
}

enum { FOLLOWED_MAX = 8 };

/* The programs the profile follows that are in the catalog, as the start
 * screen shows them: read once each time it is drawn. */
struct followed {
	size_t n;
	struct store_enrolment ens[FOLLOWED_MAX]; /* loads brought up to date */
	const struct catalog_entry *entries[FOLLOWED_MAX];
	struct week_standing weeks[FOLLOWED_MAX]; /* each one's week as it stands today */
	size_t due; /* the first with a session due today, else the first */
};

static void followed_read(struct journal *j, const struct catalog *cat, struct followed *f)
{
	struct store_enrolment all[FOLLOWED_MAX];
	struct tendo_error err;
	size_t count =
	    j->store ? store_enrolments(j->store, j->profile, NULL, all, FOLLOWED_MAX) : 0;
	bool due_found = false;

	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < count; i++) {
		const struct catalog_entry *e = entry_at(cat, all[i].path);
		const struct program *p = e ? e->routine->program : NULL;
		if (!p)
			continue;
		logged(j, coach_update_load(j->store, j->profile, p, &all[i], &err), &err,
		       "the decision on the load");
		f->ens[f->n] = all[i];
		f->entries[f->n] = e;
		coach_week_standing(j->store, j->profile, p, &all[i], &f->weeks[f->n]);
		if (!due_found && f->weeks[f->n].a.today_due > 0) {
			f->due = f->n;
			due_found = true;
		}
		f->n++;
	}
}

/* The heaviest load of a program's sets between from and to (Unix): where
 * each exercise has its own load, the week's one figure on the glance. */
static double heaviest_load(struct store *store, int64_t profile, const char *path, int64_t from,
                            int64_t to)
{
	struct store_load_row *loads = NULL;
	size_t n = store_loads_between(store, profile, from, to, &loads);
	double kg = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(loads[i].path, path) == 0 && loads[i].load_kg > kg)
			kg = loads[i].load_kg;
	free(loads);
	return kg;
}

/* The program due next at a glance: each week's sessions, load and pain,
 * from its first week to today's. False when none is followed. */
static bool glance_read(struct journal *j, const struct followed *f, struct program_glance *g)
{
	const struct store_enrolment *en = &f->ens[f->due];
	const struct program *p;
	int done[GLANCE_WEEKS * 7];

	memset(g, 0, sizeof *g);
	if (f->n == 0 || f->weeks[f->due].week == 0)
		return false;
	p = f->entries[f->due]->routine->program;
	snprintf(g->title, sizeof g->title, "%s", f->entries[f->due]->routine->title);
	g->weeks = p->weeks;
	g->current = f->weeks[f->due].week;
	if (g->current > GLANCE_WEEKS)
		g->current = GLANCE_WEEKS;
	g->prescribed = p->days_per_week * p->sessions_per_day;
	/* Every day's sessions in one query; each week's pain as the load
	 * rule reads it. */
	store_done_by_day(j->store, j->profile, en->path, en->start_day, g->current * 7, done);
	for (int w = 0; w < g->current; w++) {
		int64_t first = en->start_day + 7 * (int64_t)w;
		int64_t from = store_day_start(first), to = store_day_start(first + 7);
		struct pain_week pw;
		for (int d = 0; d < 7; d++)
			g->done[w] += done[w * 7 + d];
		store_pain_between(j->store, j->profile, en->path, from, to, &pw);
		g->during[w] = pw.during_rated > 0 ? pw.during_max : -1;
		g->after[w] = pw.after_rated > 0 ? pw.after_max : -1;
		g->morning[w] = pw.mornings_rated > 0 ? pw.morning_max : -1;
		g->red_flag[w] = pw.red_flag;
		g->load_kg[w] = -1;
		if (pw.sessions > 0 && p->load_rule == LOAD_RULE_RM)
			g->load_kg[w] = heaviest_load(j->store, j->profile, en->path, from, to);
		else if (pw.sessions > 0) /* its sets are the first from `from` */
			g->load_kg[w] =
			    store_first_load(j->store, j->profile, en->path, NULL, from);
	}
	return true;
}

/* Whether the entry is one of the programs followed. */
static bool is_followed(const struct followed *f, const struct catalog_entry *entry)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->entries[i] == entry)
			return true;
	return false;
}

/* This week's prescription in a few words: "3 x 15 reps (15RM) a set." */
static const char *prescription(const struct routine *r, int week)
{
	static char text[96];
	const struct block *b = plan_block(r->program, week);
	const struct exercise *e = &r->exercises[0];
	int sets = b && b->sets ? b->sets : e->sets;
	char hold[32];

	if (e->kind == EXERCISE_HOLD)
		snprintf(
		    text, sizeof text, "%d x %s holds.", sets,
		    duration_format(b && b->hold_ms ? b->hold_ms : e->hold_ms, hold, sizeof hold));
	else
		snprintf(text, sizeof text, "%d x %d reps%s%s%s.", sets,
		         b && b->reps ? b->reps : e->reps, b && b->intensity ? " (" : "",
		         b && b->intensity ? b->intensity : "", b && b->intensity ? ")" : "");
	return text;
}

/* A program's week in words: "Title: week 3 of 12". */
static void program_week(const struct routine *r, int week, char *buf, size_t size)
{
	const struct program *p = r->program;

	if (week == 0)
		snprintf(buf, size, "%.120s starts later.", r->title);
	else if (plan_finished(p, week))
		snprintf(buf, size, "%.120s: finished (%d weeks).", r->title, p->weeks);
	else if (p->weeks)
		snprintf(buf, size, "%.120s: week %d of %d", r->title, week, p->weeks);
	else
		snprintf(buf, size, "%.120s: week %d", r->title, week);
}

/* The load a program stands at, for the start screen: " Load: 20 kg."
 * under the pain-monitoring model; under heavy slow resistance, where each
 * exercise has its own, " Loads: 10 kg, 15 kg and 20 kg." in the order
 * the plan lists them; "" for a program with no load. */
static const char *load_words(struct store *store, const struct store_enrolment *en,
                              const struct routine *r, char *buf, size_t size)
{
	size_t n, count = routine_count(r, EXERCISE_REPS), shown = 0;
	char kg[24];

	buf[0] = '\0';
	if (r->program->load_rule == LOAD_RULE_PAIN)
		snprintf(buf, size, " Load: %s.", routine_load_text(en->load_kg, kg, sizeof kg));
	if (r->program->load_rule != LOAD_RULE_RM)
		return buf;
	n = (size_t)snprintf(buf, size, " Loads:");
	for (size_t i = 0; i < r->exercise_count && n < size; i++) {
		const struct exercise *e = &r->exercises[i];
		if (e->kind != EXERCISE_REPS)
			continue;
		shown++;
		routine_load_text(store_exercise_load(store, en->id, e->name, en->load_kg), kg,
		                  sizeof kg);
		n += (size_t)snprintf(buf + n, size - n, "%s %s",
		                      shown == 1       ? ""
		                      : shown == count ? " and"
		                                       : ",",
		                      kg);
	}
	if (n < size)
		snprintf(buf + n, size - n, ".");
	return buf;
}

/* What the start screen says of the programs followed: today's sessions
 * across them, then the one due next in full. */
static void start_screen_status(const struct journal *j, const struct followed *f,
                                struct picker_status *ps)
{
	const struct store_enrolment *en = &f->ens[f->due];
	const struct week_standing *ws = &f->weeks[f->due];
	const struct routine *r;
	const struct program *p;
	char load[200], status[600], line[200], visa[80];
	int done, row = f->n > 1 ? 1 : 0;

	memset(ps, 0, sizeof *ps);
	ps->has_history = j->store != NULL;
	if (!j->store)
		return;
	if (f->n == 0) {
		snprintf(ps->lines[0], sizeof ps->lines[0],
		         "%.60s follows no program: choose one below to start it.", j->name);
		return;
	}
	/* One program: its week as the title. Several: a line each, with
	 * today's sessions, under a title. */
	if (f->n > 1)
		snprintf(ps->lines[0], sizeof ps->lines[0], "%.60s follows %zu programs:", j->name,
		         f->n);
	for (size_t i = 0; i < f->n && row < PICKER_STATUS_LINES - 3; i++) {
		program_week(f->entries[i]->routine, f->weeks[i].week, line, sizeof line);
		if (f->n == 1)
			snprintf(ps->lines[row++], sizeof ps->lines[0], "%s", line);
		else
			snprintf(ps->lines[row++], sizeof ps->lines[0], "%s%s (%d of %d today)",
			         i == f->due ? "> " : "  ", line, f->weeks[i].a.today_done,
			         f->entries[i]->routine->program->sessions_per_day);
	}
	r = f->entries[f->due]->routine;
	p = r->program;
	done = ws->a.today_done < p->sessions_per_day ? ws->a.today_done : p->sessions_per_day;
	load_words(j->store, en, r, load, sizeof load);
	coach_visa_a_text(j->store, j->profile, en, visa, sizeof visa);
	snprintf(ps->lines[row++], sizeof ps->lines[0],
	         "%.120s%sToday: %d of %d session%s done. %s%s%s%s%s", f->n > 1 ? r->title : "",
	         f->n > 1 ? ": " : "", done, p->sessions_per_day,
	         p->sessions_per_day == 1 ? "" : "s", prescription(r, ws->week), load,
	         visa[0] ? " " : "", visa,
	         en->paused ? " Paused until the tendon has been assessed." : "");
	/* The week's sessions by day, beside the load. */
	if (ws->a.prescribed > 0)
		plan_adherence_text(&ws->a, ws->done, ws->today, ws->first, ps->lines[row++],
		                    sizeof ps->lines[0]);
	if (p->load_rule != LOAD_RULE_NONE) {
		plan_load_status(p, en->start_day, ws->week, en->load_kg, en->decision, status,
		                 sizeof status);
		snprintf(ps->lines[row], sizeof ps->lines[0], "%.*s", (int)sizeof ps->lines[0] - 1,
		         status);
	}
}

/* The screening before a program: each question, its advice, and the
 * answers kept. *may_start says whether the program may start. */
static enum screen_outcome screen_before(struct ui *ui, struct journal *j,
                                         const struct catalog_entry *entry,
                                         struct screening *answers, bool *may_start)
{
	enum screening_question q = QUESTION_RED_FLAG;
	enum screening_verdict verdict;
	enum screen_outcome outcome;
	struct tendo_error err;

	memset(answers, 0, sizeof *answers);
	*may_start = false;
	do {
		if (q == QUESTION_CLEARED) {
			outcome = advice_run(ui, "tendo \u2014 before you start",
			                     screening_advice(SCREENING_CLINICIAN_FIRST));
			if (outcome != OUTCOME_CHOSEN)
				return outcome;
		}
		outcome = question_run(ui, "tendo \u2014 before you start", screening_questions[q],
		                       screening_answer(answers, q));
		if (outcome != OUTCOME_CHOSEN)
			return outcome;
	} while (screening_next(answers, &q));
	verdict = screening_verdict(answers);
	logged(j,
	       store_screening(j->store, j->profile, entry->name, answers,
	                       screening_verdict_name(verdict), &err),
	       &err, "the screening's answers");
	if (verdict == SCREENING_START) {
		*may_start = true;
		return OUTCOME_CHOSEN;
	}
	return advice_run(ui,
	                  verdict == SCREENING_SAME_DAY_CARE ? "tendo \u2014 get it seen today"
	                                                     : "tendo \u2014 see a clinician first",
	                  screening_advice(verdict));
}

/* Insertional pain, and a program none of whose exercises has a form for
 * it: said before its first session, with the routine's caution. */
static enum screen_outcome without_insertional_forms(struct ui *ui, const struct routine *r)
{
	char text[1200];

	snprintf(text, sizeof text,
	         "None of the exercises of %.200s has a form for pain where the tendon meets the "
	         "heel. %.800s",
	         r->title, r->caution ? r->caution : "");
	return advice_run(ui, "tendo \u2014 a program", text);
}

/* A program chosen on the start screen that is not one followed: ask to
 * follow it from today. */
static enum screen_outcome offer_program(struct ui *ui, struct journal *j, const struct followed *f,
                                         const struct catalog_entry *entry)
{
	struct tendo_error err;
	char question[400];
	bool yes = false, may_start = false;
	struct screening answers;
	enum screen_outcome outcome;

	if (!j->store || !entry->routine->program || is_followed(f, entry))
		return OUTCOME_CHOSEN;
	snprintf(question, sizeof question,
	         "Follow %.200s from today? Its sessions then run at each week's prescription.%s",
	         entry->routine->title,
	         f->n > 0 ? " The programs you follow now go on beside it." : "");
	outcome = question_run(ui, "tendo \u2014 a program", question, &yes);
	if (outcome != OUTCOME_CHOSEN || !yes)
		return outcome;
	outcome = screen_before(ui, j, entry, &answers, &may_start);
	if (outcome != OUTCOME_CHOSEN || !may_start)
		return outcome == OUTCOME_CHOSEN ? OUTCOME_BACK : outcome;
	if (!store_enrol(j->store, j->profile, entry->name, entry->path, store_today(j->store),
	                 screening_site(&answers), &err))
		return advice_run(ui, "tendo \u2014 a program", err.message);
	if (answers.insertional && plan_insertional_forms(entry->routine) == 0)
		return without_insertional_forms(ui, entry->routine);
	return OUTCOME_CHOSEN;
}

/* R on the start screen: the person's report, in their data folder (a
 * kiosk's member may not choose where), and where it is. */
static enum screen_outcome own_report(struct ui *ui, struct journal *j)
{
	char path[PATH_MAX], text[PATH_MAX + ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 200];
	char why[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	struct tendo_error err = {0};

	if (report_own_path(j->store, j->name, path, sizeof path, &err) &&
	    report_make(j->store, j->profile, j->name, 0, 0, path, NULL, &err))
		snprintf(
		    text, sizeof text,
		    "Your report for your physiotherapist is in %s: the sessions, the load, the "
		    "pain and the heel-raise tests of your programs, week by week.",
		    path);
	else
		snprintf(text, sizeof text, "No report was written: %s",
		         error_format(&err, why, sizeof why));
	return advice_run(ui, "tendo \u2014 your report", text);
}

enum screen_outcome coach_start_screen(struct coach *c, const struct catalog *cat)
{
	struct journal *j = &c->journal;
	enum screen_outcome outcome;
	struct followed f;
	size_t chosen = 0;
	bool opened = false;

	for (;;) {
		struct picker_status ps;
		followed_read(j, cat, &f);
		/* The start screen opens on the program due next. */
		if (!opened && f.n > 0)
			chosen = (size_t)(f.entries[f.due] - cat->entries);
		opened = true;
		start_screen_status(j, &f, &ps);
		if (c->options->kiosk)
			snprintf(ps.who, sizeof ps.who, "%.64s", j->name);
		outcome = picker_run(c->ui, cat, &chosen, &ps);
		if (outcome == OUTCOME_HISTORY) {
			struct store_history h;
			struct program_glance g;
			bool glance = glance_read(j, &f, &g);
			if (store_history(j->store, j->profile, &h))
				outcome = history_run(c->ui, &h, glance ? &g : NULL, j->name);
			if (outcome == OUTCOME_STOP || outcome == OUTCOME_AWAY)
				return outcome;
			continue;
		}
		if (outcome == OUTCOME_REPORT) {
			if (own_report(c->ui, j) == OUTCOME_STOP)
				return OUTCOME_STOP;
			continue;
		}
		if (outcome != OUTCOME_CHOSEN)
			return outcome;
		outcome = offer_program(c->ui, j, &f, &cat->entries[chosen]);
		if (outcome == OUTCOME_CHOSEN)
			outcome = coach_routine(c, &cat->entries[chosen]);
		if (outcome == OUTCOME_STOP || outcome == OUTCOME_AWAY || c->err.message[0])
			return outcome;
	}
}
