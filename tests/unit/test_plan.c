/* test_plan.c — programs: their files, their weeks against the published
 * tables, and the pain-monitoring rule. */
#include "helpers.h"

#include "plan.h"

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
		assert_true(plan_prescribe(r, b, 40, NULL, &rx));
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
	assert_true(plan_prescribe(r, plan_block(r->program, 4), 0, ann_loads, &ann));
	assert_true(plan_prescribe(r, plan_block(r->program, 1), 0, NULL, &bob));
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
		assert_true(plan_prescribe(r, plan_block(r->program, week), 0, NULL, &rx));
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

static const struct program pain_program = {12, 2, 7, LOAD_RULE_PAIN, 2.5, NULL, 0};

static struct load_decision decide(double kg, int during, int morning, int before, bool held)
{
	struct pain_facts f = {during, morning, before, held, -1, -1};
	return plan_decide(&pain_program, kg, &f);
}

static void test_the_pain_rule(void **state)
{
	struct load_decision d;
	(void)state;
	/* At most 5 during, settled by the morning: a step up. */
	d = decide(5, 4, 2, 2, false);
	assert_int_equal(d.action, LOAD_PROGRESS);
	assert_true(d.load_kg == 7.5);
	assert_string_equal(d.reason, "Up to 7.5 kg: the pain during the last session was 4, at "
	                              "most 5, and it settled by this morning.");
	/* Above 5 during: hold. */
	d = decide(5, 6, 1, 1, false);
	assert_int_equal(d.action, LOAD_HOLD);
	assert_true(d.load_kg == 5);
	assert_string_equal(d.reason,
	                    "Holding at 5 kg: the pain during the last session was 6, above 5.");
	/* The morning worse than the morning before: hold. */
	d = decide(5, 3, 4, 2, false);
	assert_int_equal(d.action, LOAD_HOLD);
	assert_string_equal(d.reason, "Holding at 5 kg: this morning's pain was 4, up from 2.");
	/* The same twice in a row: a step back. */
	d = decide(5, 3, 4, 2, true);
	assert_int_equal(d.action, LOAD_STEP_BACK);
	assert_true(d.load_kg == 2.5);
	assert_non_null(strstr(
	    d.reason,
	    "Stepping back to 2.5 kg: this morning's pain was 4, up from 2, twice in a row."));
	/* Never below bodyweight. */
	d = decide(0, 8, -1, -1, true);
	assert_true(d.load_kg == 0);
	assert_non_null(strstr(d.reason, "Holding at bodyweight"));
	/* Nothing rated yet, or this morning not rated: hold. */
	d = decide(2.5, -1, -1, -1, false);
	assert_int_equal(d.action, LOAD_HOLD);
	assert_non_null(strstr(d.reason, "no session has been rated"));
	d = decide(2.5, 3, -1, 2, false);
	assert_int_equal(d.action, LOAD_HOLD);
	assert_non_null(strstr(d.reason, "this morning's pain has not been rated"));
	/* Rising week on week: hold, though each session was within 5. */
	struct pain_facts rising = {4, 2, 2, false, 45, 30};
	d = plan_decide(&pain_program, 5, &rising);
	assert_int_equal(d.action, LOAD_HOLD);
	assert_string_equal(d.reason, "Holding at 5 kg: the pain during sessions is rising week on "
	                              "week (on average 4.5 this week, 3 the week before).");
	struct pain_facts steady = {4, 2, 2, false, 30, 30};
	assert_int_equal(plan_decide(&pain_program, 5, &steady).action, LOAD_PROGRESS);
}

static void test_the_repetition_maximum_rule(void **state)
{
	struct routine *r = read_shipped("hsr-program.yaml");
	struct load_decision d;
	(void)state;
	d = plan_decide_rm(r->program, plan_block(r->program, 2), 40, true);
	assert_int_equal(d.action, LOAD_PROGRESS);
	assert_true(d.load_kg == 42.5);
	assert_string_equal(d.reason, "Next time 42.5 kg: you met 12RM at 40 kg.");
	d = plan_decide_rm(r->program, plan_block(r->program, 9), 60, false);
	assert_int_equal(d.action, LOAD_HOLD);
	assert_true(d.load_kg == 60);
	assert_string_equal(d.reason, "Next time 60 kg again: not every set reached 6RM.");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_weeks_from_the_start_day),
	    cmocka_unit_test(test_heavy_slow_resistance_week_by_week),
	    cmocka_unit_test(test_alfredson_is_the_same_every_week),
	    cmocka_unit_test(test_two_people_from_one_routine),
	    cmocka_unit_test(test_an_ongoing_program_never_ends),
	    cmocka_unit_test(test_the_pain_rule),
	    cmocka_unit_test(test_the_repetition_maximum_rule),
	    cmocka_unit_test(test_program_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
