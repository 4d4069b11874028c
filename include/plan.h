/* plan.h — a program's week, its prescription, and the load rule.
 *
 * Pure: days are plain numbers (days since 1970-01-01, local time) and
 * pain ratings plain facts, so every rule is tested directly.
 */
#ifndef TENDO_PLAN_H
#define TENDO_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine.h"

/* The program's week on a day: 1 in the first seven days from start, 0
 * before the start. Past the end of a program of N weeks: N + 1 and on. */
int plan_week(int64_t start_day, int64_t today);

/* True when week is past the program's end (never for an ongoing one). */
bool plan_finished(const struct program *program, int week);

/* The block that sets week's prescription, or NULL (as the exercises say). */
const struct block *plan_block(const struct program *program, int week);

/* A prescription: a routine as one person does it in one week. It is a
 * new value: the routine it was planned from (the catalog's, shared by
 * everyone who uses it) is never changed. It borrows that routine's text
 * (names, steps, tempo), so it must not outlive it; it owns its figures.
 * Run prescription.routine; free with plan_prescription_free(). */
struct prescription {
	struct routine routine;
	struct exercise *exercises; /* routine.exercises: its own figures */
	char (*loads)[32];          /* each exercise's load as shown, "5 kg" */
};

/* One person's side of a prescription. */
struct plan_person {
	double load_kg;         /* for every exercise with reps; 0 for bodyweight */
	const double *loads_kg; /* or each exercise's own, in the routine's order; NULL: load_kg */
	bool insertional;       /* insertional pain: each exercise's insertional variant */
};

/* Prescribes a block for a person: sets, reps, hold and rest where the
 * block gives them (reps only to exercises with reps, hold only to holds);
 * the load, "5 kg" above 0 kg, to exercises with reps; for insertional
 * pain, the steps and cue of each exercise's insertional variant. False
 * when memory ran out. */
bool plan_prescribe(const struct routine *routine, const struct block *block,
                    const struct plan_person *who, struct prescription *out);
void plan_prescription_free(struct prescription *p);

/* How many of a routine's exercises have a form for insertional pain. */
size_t plan_insertional_forms(const struct routine *routine);

/* What following a routine means for insertional pain, said after "X
 * follows ROUTINE from today": ", its exercises down to floor level only"
 * when each has an insertional variant, how many when some have, and when
 * none has, that it keeps no such form (its caution then says what to do).
 * Written into buf; returns buf. */
char *plan_insertional_words(const struct routine *routine, char *buf, size_t size);

/* The pain ratings of a stretch of time (a program week, or the days since
 * the last decision), as the log holds them. A maximum is -1 when nothing
 * of its kind was rated. */
struct pain_week {
	int week;          /* the program week they are from; 0 for "since the last decision" */
	int sessions;      /* sessions of the program done */
	int during_rated;  /* of those, how many were rated for pain during */
	int during_max;    /* the highest pain during a session */
	int during_tenths; /* the average pain during, x10; -1 for none */
	int after_rated;   /* ratings of pain after activity (that evening or the next start) */
	int after_max;
	int mornings_rated; /* next-morning ratings */
	int morning_max;    /* the highest next-morning pain */
	int stiffness_max;  /* the highest next-morning stiffness; -1 if none rated */
	bool red_flag;      /* a sudden pop, sharp pain, can't push off */
};

/* The person's own mornings before the load moved: the highest morning
 * pain and stiffness of the program's first week (or of the week after a
 * re-set). -1 while not known; stiffness also -1 when those mornings' was
 * never rated, and then only morning pain is judged. Mornings above it
 * mean the tendon has not settled. */
struct baseline {
	int pain, stiffness;
};

enum load_action {
	LOAD_PROGRESS,  /* up a step */
	LOAD_HOLD,      /* the same load */
	LOAD_STEP_BACK, /* down a step, at once */
	LOAD_PAUSE,     /* stop the program until a clinician has seen the tendon */
};

/* The action in a word or two, as the log keeps it: "progress", "hold",
 * "step back", "pause". */
const char *plan_action_name(enum load_action action);

struct load_decision {
	enum load_action action;
	double load_kg;   /* the load from now on */
	char rule[80];    /* the rule that applied, in a few words */
	char reason[320]; /* in words, with the facts: "Holding at 5 kg: ..." */
};

/* The pain-monitoring model (Silbernagel 2007) for a program that moves
 * the load by pain, once a week, from the whole week that ended:
 *   pause and refer  a red flag, or pain of 8 or more;
 *   step back        a limit broken: pain during or after above 5, a
 *                    morning's pain or stiffness above the baseline, the
 *                    week's average pain during a whole point or more
 *                    above the week before's;
 *   hold             ratings missing (a missing rating is never a good
 *                    one), or within the limits but not yet easy;
 *   progress         within every limit, and the pain during and after at
 *                    most the program's progress_pain (Alfredson 1998:
 *                    close to pain-free), by load_step, at most load_cap.
 * before is the week before (for the trend); NULL or no sessions: none. */
struct load_decision plan_decide_week(const struct program *program, double load_kg,
                                      const struct pain_week *ended, const struct pain_week *before,
                                      const struct baseline *baseline);

/* Between weekly decisions: the ratings since the last decision, checked
 * against the limits so that a broken one steps back at once (or pauses).
 * LOAD_HOLD when none was broken: the load waits for the week's end. */
struct load_decision plan_check_limits(const struct program *program, double load_kg,
                                       const struct pain_week *since,
                                       const struct baseline *baseline);

/* Where the load stands, in words, for the start screen, a session's
 * first notice and `tendo plan`: the load, the last decision (with the
 * ratings and the rule it came from) or that none was made yet, and when
 * the next is due. start_day and week as for plan_week(). */
const char *plan_load_status(const struct program *program, int64_t start_day, int week,
                             double load_kg, const char *decision, char *buf, size_t size);

/* What a program came to, for its closing screen; -1 where not known. */
struct program_record {
	int sessions, prescribed;  /* sessions done, and prescribed over its weeks */
	double load_from, load_to; /* kg; 0 for bodyweight */
	int pain_first_tenths;     /* average pain during, x10, in week 1 */
	int pain_last_tenths;      /* the same in the last week */
	int lsi_first, lsi_last;   /* limb symmetry index, the first and last test */
	/* Where each exercise's load moves on its own (heavy slow
	 * resistance): each one's, from its first set in the program to where
	 * it stands, in place of load_from and load_to. Names are the
	 * routine's, borrowed. */
	size_t exercise_count;
	struct {
		const char *name;
		double from, to;
	} exercises[ROUTINE_MAX_EXERCISES];
};

/* The closing screen's text: weeks done, sessions done of those
 * prescribed, the load and the pain from and to, the heel-raise test's
 * change, and what comes next (the program's next, with its source). */
const char *plan_closing_text(const char *title, const struct program *program,
                              const struct program_record *rec, char *buf, size_t size);

/* The program weeks a VISA-A score is asked for: the start, week 6 and
 * week 12 (the points Beyer et al. 2015 measured it at in the first 12
 * weeks). */
bool plan_visa_a_week(int week);

/* The limb symmetry index: the affected leg's reps as a percentage of the
 * other's; -1 when the other did none. */
int plan_symmetry(int affected_reps, int other_reps);

/* The repetition-maximum rule (heavy slow resistance, Beyer 2015), kept
 * within the pain-monitoring model: the person says the load they used;
 * one step down (or a pause) when a pain limit was broken since the last
 * decision (pain, may be NULL); a step up when every set reached the
 * block's reps; otherwise the same load again. */
struct load_decision plan_decide_rm(const struct program *program, const struct block *block,
                                    double used_kg, bool all_sets_met, const struct pain_week *pain,
                                    const struct baseline *baseline);

/* How a program week stands, for the start screen and `tendo today`. */
struct adherence {
	int done;       /* sessions done this week, each day's counted up to its prescription */
	int prescribed; /* days_per_week x sessions_per_day */
	int missed;     /* sessions that no longer fit in the days left */
	int today_done; /* today's sessions */
	int today_due;  /* sessions still due today; 0 when none */
};

/* The sessions of a program week done by day (done[0] on the week's first
 * day, up to done[today]; today from 0 to 6) and whether the day before
 * the week's first had one. Sessions a day count up to sessions_per_day. A program of
 * fewer than seven days a week rests a day between sessions (Beyer et al.
 * 2015 trained three times a week): a session is due today when the
 * week's are not all done, none was done yesterday, or the days left need
 * today to fit them. */
void plan_adherence(const struct program *program, const int done[7], int today,
                    bool trained_day_before, struct adherence *a);

/* A week's adherence in words, by day: "This week: 5 of 14 sessions, 1
 * missed (Mon 2, Tue 1, Wed 2, today 0)." first_day is the week's first
 * day (days since 1970-01-01), for the days' names. */
const char *plan_adherence_text(const struct adherence *a, const int done[7], int today,
                                int64_t first_day, char *buf, size_t size);

#endif
