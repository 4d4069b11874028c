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

/* Prescribes a block and a load: sets, reps, hold and rest where the block
 * gives them (reps only to exercises with reps, hold only to holds), and
 * the load, "5 kg" above 0 kg, to exercises with reps. loads_kg, when not
 * NULL, gives each exercise its own load (in the routine's order) in place
 * of load_kg. False when memory ran out. */
bool plan_prescribe(const struct routine *routine, const struct block *block, double load_kg,
                    const double *loads_kg, struct prescription *out);
void plan_prescription_free(struct prescription *p);

/* A load in words: "5 kg", or "bodyweight" at 0. */
const char *plan_load_text(double kg, char *buf, size_t size);

/* What is known of the pain when the load is decided (-1: not rated). */
struct pain_facts {
	int during_last;    /* pain during the latest session */
	int morning_today;  /* this morning's pain */
	int morning_before; /* the morning before that was rated */
	bool held_last;     /* the last decision held the load or stepped back */
	int week_tenths;    /* the average pain during sessions in the last 7 days, x10 */
	int before_tenths;  /* the same for the 7 days before those */
};

enum load_action { LOAD_PROGRESS, LOAD_HOLD, LOAD_STEP_BACK };

struct load_decision {
	enum load_action action;
	double load_kg;   /* the load from now on */
	char reason[240]; /* in words: "Holding at 5 kg: this morning's pain was 4, up from 2" */
};

/* The pain-monitoring model (Silbernagel 2007): pain during at most 5 that
 * has settled by the next morning, and not rising week on week, moves the
 * load up a step; pain during above 5, morning pain higher than the
 * morning before, or pain rising week on week holds it; the same twice in
 * a row steps back. Without ratings, the load holds. */
struct load_decision plan_decide(const struct program *program, double load_kg,
                                 const struct pain_facts *facts);

/* The limb symmetry index: the affected leg's reps as a percentage of the
 * other's; -1 when the other did none. */
int plan_symmetry(int affected_reps, int other_reps);

/* The repetition-maximum rule (heavy slow resistance): the person says the
 * load they used; every set run to its end means the block's reps were met
 * at that load, so the next session proposes a step more; otherwise the
 * same load again. */
struct load_decision plan_decide_rm(const struct program *program, const struct block *block,
                                    double used_kg, bool all_sets_met);

#endif
