/* test_plan.c — programs: their files, their weeks against the published
 * tables, and the pain-monitoring rule. */
#include "helpers.h"

#include "plan.h"
#include "screening.h"

static void test_weeks_from_the_start_day(void **state)
{
	(void)state;
	assert_int_equal(plan_week(100, 99), 0); /* starts tomorrow */
	assert_int_equal(plan_week(100, 100), 1);
	assert_int_equal(plan_week(100, 106), 1);
	assert_int_equal(plan_week(100, 107), 2);
	assert_int_equal(plan_week(100, 100 + 7 * 11 + 6), 12);
	assert_int_equal(plan_week(100, 100 + 7 * 12), 13);
}

/* Beyer et al. 2015: week 1 3 x 15RM, weeks 2-3 3 x 12RM, weeks 4-5 4 x 10RM,
 * weeks 6-8 4 x 8RM, weeks 9-12 4 x 6RM. */
static void test_heavy_slow_resistance_week_by_week(void **state)
{
	static const struct {
		int sets, reps;
		const char *intensity;
	} table[13] = {
	    {0, 0, NULL},    {3, 15, "15RM"}, {3, 12, "12RM"}, {3, 12, "12RM"}, {4, 10, "10RM"},
	    {4, 10, "10RM"}, {4, 8, "8RM"},   {4, 8, "8RM"},   {4, 8, "8RM"},   {4, 6, "6RM"},
	    {4, 6, "6RM"},   {4, 6, "6RM"},   {4, 6, "6RM"},
	};
	(void)state;
	for (int week = 1; week <= 12; week++) {
		struct routine *r = read_shipped("hsr-program.yaml");
		const struct block *b = plan_block(r->program, week);
		assert_non_null(b);
		assert_string_equal(b->intensity, table[week].intensity);
		struct prescription rx;
		assert_true(plan_prescribe(r, b, &(struct plan_person){40, NULL, false}, &rx));
		assert_int_equal(rx.routine.exercise_count, 3);
		for (size_t i = 0; i < rx.routine.exercise_count; i++) {
			const struct exercise *e = &rx.routine.exercises[i];
			assert_int_equal(e->sets, table[week].sets);
			assert_int_equal(e->reps, table[week].reps);
			assert_string_equal(e->load, "40 kg");
			assert_int_equal(e->phases[0].ms, 3000);
			assert_int_equal(e->phases[1].ms, 3000);
			assert_true(e->rest_ms >= 120000 && e->rest_ms <= 180000);
		}
		assert_int_equal(r->program->weeks, 12);
		assert_int_equal(r->program->days_per_week, 3);
		assert_false(plan_finished(r->program, week));
		plan_prescription_free(&rx);
		routine_free(r);
	}
	struct routine *r = read_shipped("hsr-program.yaml");
	assert_true(plan_finished(r->program, 13));
	assert_null(plan_block(r->program, 13));
	routine_free(r);
}

/* A prescription is a value: two people planned from one routine, one
 * after the other, each get their own figures, and the routine (shared, in
 * the catalog) is as its file says. */
static void test_two_people_from_one_routine(void **state)
{
	struct routine *r = read_shipped("hsr-program.yaml");
	struct prescription ann, bob;
	const double ann_loads[3] = {40, 60, 35};

	(void)state;
	assert_true(plan_prescribe(r, plan_block(r->program, 4),
	                           &(struct plan_person){0, ann_loads, false}, &ann));
	assert_true(plan_prescribe(r, plan_block(r->program, 1),
	                           &(struct plan_person){0, NULL, true}, &bob));
	assert_int_equal(ann.routine.exercises[0].sets, 4);
	assert_int_equal(ann.routine.exercises[0].reps, 10);
	assert_string_equal(ann.routine.exercises[0].load, "40 kg");
	assert_string_equal(ann.routine.exercises[1].load, "60 kg");
	assert_string_equal(ann.routine.exercises[2].load, "35 kg");
	assert_int_equal(bob.routine.exercises[0].sets, 3);
	assert_int_equal(bob.routine.exercises[0].reps, 15);
	assert_true(bob.routine.exercises[0].load == NULL ||
	            strcmp(bob.routine.exercises[0].load, "40 kg") != 0);
	/* The routine itself: untouched. */
	for (size_t i = 0; i < r->exercise_count; i++) {
		assert_true(r->exercises[i].load == NULL ||
		            strstr(r->exercises[i].load, "kg") == NULL);
		assert_ptr_not_equal(&r->exercises[i], &ann.routine.exercises[i]);
	}
	plan_prescription_free(&ann);
	plan_prescription_free(&bob);
	routine_free(r);
}

/* Alfredson 1998: 3 x 15, knee straight and knee bent, twice a day, every
 * day, 12 weeks. */
static void test_alfredson_is_the_same_every_week(void **state)
{
	(void)state;
	for (int week = 1; week <= 12; week++) {
		struct routine *r = read_shipped("alfredson-program.yaml");
		struct prescription rx;
		assert_true(plan_prescribe(r, plan_block(r->program, week),
		                           &(struct plan_person){0, NULL, false}, &rx));
		assert_int_equal(r->program->sessions_per_day, 2);
		assert_int_equal(r->program->days_per_week, 7);
		assert_int_equal(r->program->load_rule, LOAD_RULE_PAIN);
		assert_int_equal(rx.routine.exercise_count, 2);
		for (size_t i = 0; i < 2; i++) {
			assert_int_equal(rx.routine.exercises[i].sets, 3);
			assert_int_equal(rx.routine.exercises[i].reps, 15);
			assert_int_equal(rx.routine.exercises[i].sides, SIDES_AFFECTED);
			assert_string_equal(rx.routine.exercises[i].load, "bodyweight");
		}
		plan_prescription_free(&rx);
		routine_free(r);
	}
}

static void test_an_ongoing_program_never_ends(void **state)
{
	struct routine *r = read_shipped("calf-stretching-program.yaml");
	(void)state;
	assert_int_equal(r->program->weeks, 0);
	assert_false(plan_finished(r->program, 500));
	assert_null(plan_block(r->program, 3));
	routine_free(r);
}

/* Alfredson 1998 as shipped: a step of 2.5 kg, at most 2.5 kg a week, up
 * only when the exercises have become close to pain-free (2 or less). */
static const struct program pain_program = {.weeks = 12,
                                            .sessions_per_day = 2,
                                            .days_per_week = 7,
                                            .load_rule = LOAD_RULE_PAIN,
                                            .load_step_kg = 2.5,
                                            .load_cap_kg = 2.5,
                                            .progress_pain = 2};

static const struct baseline base = {2, 3};

/* A week of 14 sessions, every rating given. */
static struct pain_week week_of(int during, int after, int morning, int stiffness)
{
	return (struct pain_week){.week = 3,
	                          .sessions = 14,
	                          .during_rated = 14,
	                          .during_max = during,
	                          .during_tenths = during * 10,
	                          .after_rated = 7,
	                          .after_max = after,
	                          .mornings_rated = 7,
	                          .morning_max = morning,
	                          .stiffness_max = stiffness};
}

/* The pain-monitoring model, case by case. Each row: the week that ended,
 * the week before, the decision, and where the rule comes from. */
static void test_the_pain_rule(void **state)
{
	static const struct pain_week none = {.during_max = -1, .during_tenths = -1};
	struct pain_week missing_after = week_of(2, 2, 2, 3), missing_during = week_of(2, 2, 2, 3),
	                 empty = {.week = 3,
	                          .during_max = -1,
	                          .during_tenths = -1,
	                          .after_max = -1,
	                          .morning_max = -1,
	                          .stiffness_max = -1},
	                 flag = week_of(1, 1, 1, 1), lower = week_of(2, 2, 2, 3),
	                 low_13 = week_of(2, 1, 2, 3), low_14 = week_of(2, 1, 2, 3);
	struct {
		const char *source;
		struct pain_week week;
		const struct pain_week *before;
		struct baseline baseline;
		enum load_action action;
		double kg; /* from 5 kg */
		const char *says;
	} rows[] = {
	    {"Alfredson 1998: more load once close to pain-free", week_of(2, 1, 2, 3), &none, base,
	     LOAD_PROGRESS, 7.5, "Up to 7.5 kg: week 3 stayed within every limit."},
	    {"Silbernagel 2007: up to 5 is acceptable, so no step back; Alfredson 1998: not "
	     "yet easy, so no step up",
	     week_of(4, 4, 2, 3), &none, base, LOAD_HOLD, 5, "stays at 2 or less"},
	    {"Silbernagel 2007: pain during above 5", week_of(6, 3, 2, 3), &none, base,
	     LOAD_STEP_BACK, 2.5, "Stepping back to 2.5 kg: pain during a session was 6"},
	    {"Silbernagel 2007: pain after activity above 5", week_of(3, 6, 2, 3), &none, base,
	     LOAD_STEP_BACK, 2.5, "pain after activity was 6, above 5"},
	    {"Silbernagel 2007: not settled by the next morning", week_of(2, 2, 3, 3), &none, base,
	     LOAD_STEP_BACK, 2.5, "a morning's pain was 3, above your baseline of 2"},
	    {"Silbernagel 2007: morning stiffness above the baseline", week_of(2, 2, 2, 4), &none,
	     base, LOAD_STEP_BACK, 2.5, "a morning's stiffness was 4, above your baseline of 3"},
	    {"Silbernagel 2007: the pain must not rise week to week", week_of(4, 4, 2, 3), &lower,
	     base, LOAD_STEP_BACK, 2.5, "rose from 2.0 to 4.0"},
	    {"Silbernagel 2007: a rise of less than a whole point is one session rated higher, "
	     "not pain rising",
	     low_14, &low_13, base, LOAD_PROGRESS, 7.5, "Up to 7.5 kg"},
	    {"Silbernagel 2007 (pain of 8 or more: stop, see a clinician)", week_of(8, 3, 2, 3),
	     &none, base, LOAD_PAUSE, 5, "Paused: pain of 8 out of 10"},
	    {"Martin 2018 CPG: a pop is a red flag for rupture: seen the same day", flag, &none,
	     base, LOAD_PAUSE, 5,
	     "a red flag was reported (a pop, sharp pain, or not being able "
	     "to push off). Get a medical assessment today"},
	    {"a missing rating is never a good one: pain after not given", missing_after, &none,
	     base, LOAD_HOLD, 5, "lacks pain after activity"},
	    {"a missing rating is never a good one: sessions not rated", missing_during, &none,
	     base, LOAD_HOLD, 5, "lacks pain during (10 of 14 sessions)"},
	    {"no sessions in the week: nothing to decide from", empty, &none, base, LOAD_HOLD, 5,
	     "no sessions were done in week 3"},
	    {"the baseline is the first week's mornings: none yet, so not known to settle",
	     week_of(1, 1, 1, 1), &none, (struct baseline){-1, -1}, LOAD_HOLD, 5,
	     "a baseline of your mornings"},
	    {"a re-set baseline (5 after a flare) is the limit from then on", week_of(2, 2, 5, 3),
	     &none, (struct baseline){5, 5}, LOAD_PROGRESS, 7.5, "(baseline 5, stiffness 5)"},
	    {"Silbernagel 2007: mornings are judged against your own; stiffness not rated in the "
	     "baseline's week has no baseline to be above",
	     week_of(1, 1, 1, 2), &none, (struct baseline){2, -1}, LOAD_PROGRESS, 7.5,
	     "mornings up to 1, stiffness up to 2 (baseline 2)."},
	    {"a stiffness not rated is not reported as one", week_of(1, 1, 1, -1), &none, base,
	     LOAD_PROGRESS, 7.5, "mornings up to 1 (baseline 2, stiffness 3)."},
	};
	(void)state;
	low_13.during_tenths = 13;
	low_14.during_tenths = 14;
	rows[7].week = low_14;
	missing_after.after_rated = 0;
	missing_after.after_max = -1;
	missing_during.during_rated = 10;
	rows[9].week.red_flag = true;
	rows[10].week = missing_after;
	rows[11].week = missing_during;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct load_decision d = plan_decide_week(&pain_program, 5, &rows[i].week,
		                                          rows[i].before, &rows[i].baseline);
		if (d.action != rows[i].action || d.load_kg != rows[i].kg ||
		    !strstr(d.reason, rows[i].says))
			fail_msg("row %zu (%s): %d %g \"%s\"", i, rows[i].source, d.action,
			         d.load_kg, d.reason);
	}
}

/* The cap: a step of 5 kg in a program that caps a week's move at 2.5. */
static void test_the_cap(void **state)
{
	struct program capped = pain_program;
	struct pain_week easy = week_of(1, 1, 1, 1);
	(void)state;
	capped.load_step_kg = 5;
	capped.load_cap_kg = 2.5;
	assert_true(plan_decide_week(&capped, 10, &easy, NULL, &base).load_kg == 12.5);
	easy.during_max = 7;
	assert_true(plan_decide_week(&capped, 10, &easy, NULL, &base).load_kg == 7.5);
	/* Never below bodyweight. */
	assert_true(plan_decide_week(&capped, 0, &easy, NULL, &base).load_kg == 0);
}

/* Between weeks: a broken limit steps back at once; one within the limits
 * waits for the week's end. */
static void test_limits_between_weeks(void **state)
{
	struct pain_week since = week_of(6, -1, -1, -1);
	(void)state;
	since.week = 0;
	assert_int_equal(plan_check_limits(&pain_program, 5, &since, &base).action, LOAD_STEP_BACK);
	since = week_of(1, 1, 1, 1);
	assert_int_equal(plan_check_limits(&pain_program, 5, &since, &base).action, LOAD_HOLD);
	assert_true(plan_check_limits(&pain_program, 5, &since, &base).load_kg == 5);
}

/* Twelve weeks with time as numbers: the load week by week, decided at
 * the start of each week from the week that ended. */
static void run_weeks(const int during[12], const int morning[12], bool rated[12], double loads[13])
{
	struct pain_week before = {.during_max = -1, .during_tenths = -1};
	double kg = 0;

	loads[1] = kg;
	for (int w = 1; w <= 12; w++) {
		struct pain_week ended = week_of(during[w - 1], during[w - 1], morning[w - 1], 2);
		struct load_decision d;
		ended.week = w;
		if (!rated[w - 1]) {
			ended.during_rated = ended.after_rated = ended.mornings_rated = 0;
			ended.during_max = ended.after_max = ended.morning_max = -1;
			ended.during_tenths = -1;
		}
		if (w < 12) {
			d = plan_decide_week(&pain_program, kg, &ended, &before, &base);
			kg = d.load_kg;
			loads[w + 1] = kg;
		}
		before = ended;
	}
}

static void test_twelve_weeks(void **state)
{
	static const struct {
		const char *name;
		int during[12], morning[12];
		int unrated_week; /* 0 for none */
		double loads[13]; /* weeks 1 to 12 */
	} scenarios[] = {
	    {"steady low pain",
	     {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	     {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	     0,
	     {0, 0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5, 20, 22.5, 25, 27.5}},
	    {"steady pain of 4",
	     {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
	     {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
	     0,
	     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
	    {"a flare in week 5",
	     {1, 1, 1, 1, 7, 2, 1, 1, 1, 1, 1, 1},
	     {1, 1, 1, 1, 3, 2, 1, 1, 1, 1, 1, 1},
	     0,
	     {0, 0, 2.5, 5, 7.5, 10, 7.5, 10, 12.5, 15, 17.5, 20, 22.5}},
	    {"mornings creeping up",
	     {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
	     {1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4},
	     0,
	     {0, 0, 2.5, 5, 7.5, 5, 2.5, 0, 0, 0, 0, 0, 0}},
	    {"a week with no ratings",
	     {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	     {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	     4,
	     {0, 0, 2.5, 5, 7.5, 7.5, 10, 12.5, 15, 17.5, 20, 22.5, 25}},
	};
	(void)state;
	for (size_t s = 0; s < sizeof scenarios / sizeof scenarios[0]; s++) {
		bool rated[12];
		double loads[13] = {0};
		for (int w = 0; w < 12; w++)
			rated[w] = w + 1 != scenarios[s].unrated_week;
		run_weeks(scenarios[s].during, scenarios[s].morning, rated, loads);
		for (int w = 1; w <= 12; w++)
			if (loads[w] != scenarios[s].loads[w])
				fail_msg("%s: week %d at %g kg, not %g", scenarios[s].name, w,
				         loads[w], scenarios[s].loads[w]);
	}
}

static void test_the_repetition_maximum_rule(void **state)
{
	struct routine *r = read_shipped("hsr-program.yaml");
	struct load_decision d;
	(void)state;
	d = plan_decide_rm(r->program, plan_block(r->program, 2), 40, true, NULL, &base);
	assert_int_equal(d.action, LOAD_PROGRESS);
	assert_true(d.load_kg == 42.5);
	assert_string_equal(d.reason, "Next time 42.5 kg: you met 12RM at 40 kg.");
	d = plan_decide_rm(r->program, plan_block(r->program, 9), 60, false, NULL, &base);
	assert_int_equal(d.action, LOAD_HOLD);
	assert_true(d.load_kg == 60);
	assert_string_equal(d.reason, "Next time 60 kg again: not every set reached 6RM.");
	/* Every set met, but pain of 6 during: a step down (Silbernagel 2007). */
	struct pain_week sore = week_of(6, 3, 2, 2);
	d = plan_decide_rm(r->program, plan_block(r->program, 9), 60, true, &sore, &base);
	assert_int_equal(d.action, LOAD_STEP_BACK);
	assert_true(d.load_kg == 57.5);
	routine_free(r);
}

/* The closing screen: the program's one load from and to (Alfredson 1998:
 * a backpack's weight), or each exercise's own where each moves on its own
 * (Beyer 2015: each calf raise at its own RM). */
static void test_closing_text(void **state)
{
	static const struct {
		const char *file;
		struct program_record rec;
		const char *said, *said_too, *not_said;
	} cases[] = {
	    {"alfredson-program.yaml",
	     {150, 168, 0, 15, 40, 10, -1, -1, 0, {{0}}},
	     "Sessions: 150 of the 168 prescribed. Load: from bodyweight to 15 kg. Pain during "
	     "the exercises: 4.0 on average in week 1, 1.0 in week 12.",
	     "Heel-raise test: not done twice during the program.",
	     "Loads:"},
	    {"hsr-program.yaml",
	     {34,
	      36,
	      0,
	      0,
	      30,
	      5,
	      70,
	      92,
	      3,
	      {{"Seated calf raise (knee bent)", 20, 60},
	       {"Standing calf raise (knee straight)", 0, 45},
	       {"Calf raise in the leg press", 40, 100}}},
	     "Sessions: 34 of the 36 prescribed. Loads: Seated calf raise (knee bent) from 20 kg "
	     "to "
	     "60 kg; Standing calf raise (knee straight) from bodyweight to 45 kg; Calf raise in "
	     "the leg press from 40 kg to 100 kg. Pain during",
	     "the affected leg's reps from 70% to 92% of the other's.",
	     "Load: from"},
	};
	char text[1600];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct routine *r = read_shipped(cases[i].file);
		plan_closing_text(r->title, r->program, &cases[i].rec, text, sizeof text);
		if (!strstr(text, cases[i].said) || !strstr(text, cases[i].said_too) ||
		    strstr(text, cases[i].not_said))
			fail_msg("%s: %s", cases[i].file, text);
		routine_free(r);
	}
}

/* The screening before a program: each row, the answers, the verdict, and
 * the source of the rule. */
static void test_screening(void **state)
{
	static const struct {
		const char *source;
		struct screening answers;
		enum screening_verdict verdict;
		int questions; /* how many are asked */
	} rows[] = {
	    {"nothing in the way", {0}, SCREENING_START, 5},
	    {"Martin 2018 CPG: a pop, a gap, can't push off: possible rupture, same-day care",
	     {.red_flag = true},
	     SCREENING_SAME_DAY_CARE,
	     1},
	    {"Martin 2018 CPG: fluoroquinolones weaken tendons: a clinician first",
	     {.fluoroquinolone = true},
	     SCREENING_CLINICIAN_FIRST,
	     6},
	    {"Martin 2018 CPG: a steroid injection near the tendon: a clinician first",
	     {.steroid = true},
	     SCREENING_CLINICIAN_FIRST,
	     6},
	    {"Martin 2018 CPG: both tendons and other joints (systemic): a clinician first",
	     {.systemic = true},
	     SCREENING_CLINICIAN_FIRST,
	     6},
	    {"a clinician has cleared it: the program may start",
	     {.steroid = true, .cleared = true},
	     SCREENING_START,
	     6},
	    {"Jonsson 2008: insertional pain still starts, at floor level",
	     {.insertional = true},
	     SCREENING_START,
	     5},
	};
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		enum screening_question q = QUESTION_RED_FLAG;
		int asked = 1;
		while (screening_next(&rows[i].answers, &q))
			asked++;
		if (screening_verdict(&rows[i].answers) != rows[i].verdict ||
		    asked != rows[i].questions)
			fail_msg("row %zu (%s): verdict %d, %d questions", i, rows[i].source,
			         screening_verdict(&rows[i].answers), asked);
	}
	assert_non_null(
	    strstr(screening_advice(SCREENING_SAME_DAY_CARE), "medical assessment today"));
}

/* Insertional pain: the Alfredson drops to floor level, a variant in the
 * same file (Jonsson 2008). */
static void test_insertional_variant(void **state)
{
	struct routine *r = read_shipped("alfredson-program.yaml");
	struct prescription mid, ins;
	(void)state;
	assert_true(plan_prescribe(r, NULL, &(struct plan_person){0, NULL, false}, &mid));
	assert_true(plan_prescribe(r, NULL, &(struct plan_person){0, NULL, true}, &ins));
	assert_non_null(strstr(mid.routine.exercises[0].steps[2], "below the step"));
	assert_non_null(strstr(ins.routine.exercises[0].steps[2], "to the floor"));
	assert_string_equal(ins.routine.exercises[0].cue, "Down to the floor, never below it.");
	assert_int_equal(ins.routine.exercises[0].reps, mid.routine.exercises[0].reps);
	plan_prescription_free(&mid);
	plan_prescription_free(&ins);
	routine_free(r);
}

/* What each shipped program keeps for insertional pain, as said when it
 * is followed: each row the file, its source, and the words. */
static void test_insertional_forms_of_the_programs(void **state)
{
	static const struct {
		const char *file, *source, *says;
	} rows[] = {
	    {"alfredson-program.yaml", "Jonsson 2008: drops down to floor level",
	     ", its exercises down to floor level only"},
	    {"hsr-program.yaml", "Jonsson 2008: the heel no lower than flat",
	     ", its exercises down to floor level only"},
	    {"heel-raise-test.yaml", "Jonsson 2008: on the flat floor, not the incline",
	     ", its exercises down to floor level only"},
	    {"calf-stretching-program.yaml",
	     "Cook and Purdam 2012: a stretch presses the tendon on the bone; no form for it",
	     "; none of its exercises has a form for pain where the tendon meets the heel"},
	    {"heel-drops-alfredson.yaml", "Jonsson 2008: the drops on their own, to floor level",
	     ", its exercises down to floor level only"},
	};
	char words[120];
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct routine *r = read_shipped(rows[i].file);
		struct prescription rx;
		if (strcmp(plan_insertional_words(r, words, sizeof words), rows[i].says))
			fail_msg("row %zu (%s): \"%s\"", i, rows[i].source, words);
		/* Every step it then shows stays at flat or above: the steps say
		 * so, not only the cue (Jonsson 2008). */
		assert_true(plan_prescribe(r, NULL, &(struct plan_person){0, NULL, true}, &rx));
		for (size_t e = 0; e < rx.routine.exercise_count; e++)
			for (size_t k = 0; k < rx.routine.exercises[e].step_count; k++)
				if (strstr(rx.routine.exercises[e].steps[k], "below") ||
				    strstr(rx.routine.exercises[e].steps[k], "as far as"))
					fail_msg("row %zu (%s): %s goes past flat: \"%s\"", i,
					         rows[i].source, rx.routine.exercises[e].name,
					         rx.routine.exercises[e].steps[k]);
		plan_prescription_free(&rx);
		/* Where none has a form, the caution says what to do. */
		if (!plan_insertional_forms(r) &&
		    (!r->caution ||
		     !strstr(r->caution,
		             "Ask a physiotherapist first: a stretch presses it on the bone")))
			fail_msg("row %zu (%s): no caution for insertional pain", i,
			         rows[i].source);
		routine_free(r);
	}
}

/* Some exercises with a form and some without: how many. */
static void test_insertional_forms_counted(void **state)
{
	struct routine *r = read_shipped("hsr-program.yaml");
	struct exercise *kept = r->exercises[1].insertional;
	char words[120];
	(void)state;
	r->exercises[1].insertional = NULL;
	assert_int_equal(plan_insertional_forms(r), 2);
	assert_string_equal(plan_insertional_words(r, words, sizeof words),
	                    ", down to floor level only in 2 of its 3 exercises");
	r->exercises[1].insertional = kept;
	routine_free(r);
}

static void test_program_errors(void **state)
{
	static const char head[] =
	    "title: P\nexercises:\n  - {name: A, reps: 5, tempo: {up: 1s}}\n";
	struct {
		const char *program;
		int line, column;
		const char *words;
	} cases[] = {
	    {"program:\n  weeks: 0\n", 5, 10,
	     "weeks (or ongoing) must be a whole number from 1 to 104"},
	    {"program:\n  weeks: 4\n  blocks:\n    - {weeks: 3-2, sets: 3}\n", 7, 15,
	     "weeks must be a week or a range of weeks"},
	    {"program:\n  weeks: 4\n  blocks:\n    - {weeks: 1-2}\n    - {weeks: 2-3}\n", 8, 7,
	     "blocks must come in week order without overlapping: week 2"},
	    {"program:\n  weeks: 4\n  blocks:\n    - {weeks: 3-6}\n", 7, 1,
	     "this block reaches week 6, past the program's 4 weeks"},
	    {"program:\n  weeks: 4\n  load_rule: pain-monitoring\n", 5, 3,
	     "a program that moves the load needs load_step"},
	    {"program:\n  weeks: 4\n  load_rule: guess\n", 6, 14,
	     "load_rule must be none, pain-monitoring or repetition-maximum"},
	    {"program:\n  days_per_week: 7\n", 5, 3, "the program needs weeks"},
	    {"program:\n  weeks: 4\n  blocks:\n    - {sets: 2}\n", 7, 7, "a block needs weeks"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512];
		struct routine *r;
		struct routine_errors errors;
		snprintf(text, sizeof text, "%s%s", head, cases[i].program);
		assert_false(routine_parse(text, strlen(text), "p.yaml", &r, &errors));
		if (errors.items[0].line != cases[i].line ||
		    errors.items[0].column != cases[i].column ||
		    !strstr(errors.items[0].message, cases[i].words))
			fail_msg("case %zu: expected %d:%d ...%s..., found %d:%d %s", i,
			         cases[i].line, cases[i].column, cases[i].words,
			         errors.items[0].line, errors.items[0].column,
			         errors.items[0].message);
	}
}

/* How a week stands: sessions done by day against the program's
 * prescription, what is missed, and what is due today. */
static void test_adherence(void **state)
{
	static const struct program every_day = {
	    .weeks = 12, .sessions_per_day = 2, .days_per_week = 7};
	static const struct program three_a_week = {
	    .weeks = 12, .sessions_per_day = 1, .days_per_week = 3};
	static const struct {
		const char *source;
		const struct program *p;
		int done_by_day[7], today;
		bool day_before; /* a session the day before the week's first */
		int done, prescribed, missed, due;
	} rows[] = {
	    // clang-format off
	    {"Alfredson 1998: twice a day, every day; the first day",
	     &every_day, {0}, 0, false, 0, 14, 0, 2},
	    {"Alfredson 1998: on track on day 4, one done today",
	     &every_day, {2, 2, 2, 1}, 3, false, 7, 14, 0, 1},
	    {"Alfredson 1998: one session of day 2 missed",
	     &every_day, {2, 1, 2, 0}, 3, false, 5, 14, 1, 2},
	    {"Alfredson 1998: a third session a day counts as two",
	     &every_day, {3, 0}, 1, false, 2, 14, 0, 2},
	    {"Alfredson 1998: the week done",
	     &every_day, {2, 2, 2, 2, 2, 2, 2}, 6, false, 14, 14, 0, 0},
	    {"Beyer 2015: three times a week; the first day",
	     &three_a_week, {0}, 0, false, 0, 3, 0, 1},
	    {"Beyer 2015: a rest day after the last session of the week before",
	     &three_a_week, {0}, 0, true, 0, 3, 0, 0},
	    {"Beyer 2015: a rest day after a session",
	     &three_a_week, {1, 0}, 1, false, 1, 3, 0, 0},
	    {"Beyer 2015: due again after the rest day",
	     &three_a_week, {1, 0, 0}, 2, false, 1, 3, 0, 1},
	    {"Beyer 2015: two left for two days",
	     &three_a_week, {1, 0, 0, 0, 0, 0}, 5, false, 1, 3, 0, 1},
	    {"Beyer 2015: one left, tomorrow will do",
	     &three_a_week, {1, 0, 0, 0, 1, 0}, 5, false, 2, 3, 0, 0},
	    {"Beyer 2015: the last day, two left: one missed",
	     &three_a_week, {1, 0, 0, 0, 0, 0, 0}, 6, false, 1, 3, 1, 1},
	    {"Beyer 2015: the last day needs a session even after yesterday's",
	     &three_a_week, {1, 0, 0, 0, 0, 1, 0}, 6, false, 2, 3, 0, 1},
	    {"Beyer 2015: the week done",
	     &three_a_week, {1, 0, 1, 0, 1, 0, 0}, 6, false, 3, 3, 0, 0},
	    // clang-format on
	};
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct adherence a;
		plan_adherence(rows[i].p, rows[i].done_by_day, rows[i].today, rows[i].day_before,
		               &a);
		if (a.done != rows[i].done || a.prescribed != rows[i].prescribed ||
		    a.missed != rows[i].missed || a.today_due != rows[i].due)
			fail_msg("row %zu (%s): %d of %d done, %d missed, %d due", i,
			         rows[i].source, a.done, a.prescribed, a.missed, a.today_due);
	}
}

static void test_adherence_in_words(void **state)
{
	const struct adherence a = {5, 14, 1, 0, 2};
	const int done[7] = {2, 1, 2, 0};
	char text[200];

	(void)state;
	/* Day 20416 is Monday 24 November 2025. */
	assert_string_equal(
	    plan_adherence_text(&a, done, 3, 20416, text, sizeof text),
	    "This week: 5 of 14 sessions, 1 missed (Mon 2, Tue 1, Wed 2, today 0).");
	assert_string_equal(plan_adherence_text(&(struct adherence){0, 3, 0, 0, 1}, done, 0, 20416,
	                                        text, sizeof text),
	                    "This week: 0 of 3 sessions (today 2).");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_weeks_from_the_start_day),
	    cmocka_unit_test(test_heavy_slow_resistance_week_by_week),
	    cmocka_unit_test(test_alfredson_is_the_same_every_week),
	    cmocka_unit_test(test_two_people_from_one_routine),
	    cmocka_unit_test(test_an_ongoing_program_never_ends),
	    cmocka_unit_test(test_the_pain_rule),
	    cmocka_unit_test(test_the_cap),
	    cmocka_unit_test(test_limits_between_weeks),
	    cmocka_unit_test(test_twelve_weeks),
	    cmocka_unit_test(test_the_repetition_maximum_rule),
	    cmocka_unit_test(test_closing_text),
	    cmocka_unit_test(test_screening),
	    cmocka_unit_test(test_insertional_variant),
	    cmocka_unit_test(test_insertional_forms_of_the_programs),
	    cmocka_unit_test(test_insertional_forms_counted),
	    cmocka_unit_test(test_program_errors),
	    cmocka_unit_test(test_adherence),
	    cmocka_unit_test(test_adherence_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
