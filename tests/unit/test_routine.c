/* test_routine.c — reading routine files: the model, and every error with
 * its line and column. */
#include "helpers.h"

#include <stdlib.h>

#include "plan.h"

/* Parses text that must fail; checks the first error's place and words. */
static void expect_error_n(const char *text, size_t len, int line, int column, const char *words)
{
	struct routine_errors errors;
	struct routine *r = (struct routine *)1;
	char buf[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	assert_false(routine_parse(text, len, "x.yaml", &r, &errors));
	assert_null(r);
	assert_true(errors.count >= 1);
	error_format(&errors.items[0], buf, sizeof buf);
	if (errors.items[0].line != line || errors.items[0].column != column ||
	    !strstr(errors.items[0].message, words))
		fail_msg("expected x.yaml:%d:%d: ...%s...\n   found %s", line, column, words, buf);
	assert_string_equal(errors.items[0].file, "x.yaml");
}

static void expect_error(const char *text, int line, int column, const char *words)
{
	expect_error_n(text, strlen(text), line, column, words);
}

#define HEAD "title: T\nexercises:\n"

static void test_a_full_routine(void **state)
{
	struct routine *r = parse_good("title: Calf stretches\n"
	                               "summary: Two stretches.\n"
	                               "source: NHS\n"
	                               "caution: Stop if it hurts.\n"
	                               "exercises:\n"
	                               "  - name: Wall stretch\n"
	                               "    hold: 30s\n"
	                               "    sets: 3\n"
	                               "    sides: both\n"
	                               "    rest: 10s\n"
	                               "    ready: 5s\n"
	                               "    cue: Heel down.\n"
	                               "    steps:\n"
	                               "      - Face the wall.\n"
	                               "      - Step back.\n"
	                               "  - name: Heel drop\n"
	                               "    reps: 15\n"
	                               "    sets: 3\n"
	                               "    sides: affected\n"
	                               "    load: 5\n"
	                               "    tempo:\n"
	                               "      raise: 1s\n"
	                               "      lower: { time: 3s, note: \"slowly, one leg\" }\n");
	(void)state;
	assert_string_equal(r->title, "Calf stretches");
	assert_string_equal(r->summary, "Two stretches.");
	assert_string_equal(r->source, "NHS");
	assert_string_equal(r->caution, "Stop if it hurts.");
	assert_int_equal(r->exercise_count, 2);

	const struct exercise *hold = &r->exercises[0];
	assert_string_equal(hold->name, "Wall stretch");
	assert_int_equal(hold->kind, EXERCISE_HOLD);
	assert_int_equal(hold->hold_ms, 30000);
	assert_int_equal(hold->sets, 3);
	assert_int_equal(hold->sides, SIDES_BOTH);
	assert_int_equal(hold->rest_ms, 10000);
	assert_int_equal(hold->ready_ms, 5000);
	assert_string_equal(hold->cue, "Heel down.");
	assert_int_equal(hold->step_count, 2);
	assert_string_equal(hold->steps[1], "Step back.");
	assert_int_equal(hold->line, 6);

	const struct exercise *reps = &r->exercises[1];
	assert_int_equal(reps->kind, EXERCISE_REPS);
	assert_int_equal(reps->reps, 15);
	assert_int_equal(reps->sides, SIDES_AFFECTED);
	assert_string_equal(reps->load, "5 kg");
	assert_int_equal(reps->phase_count, 2);
	assert_string_equal(reps->phases[0].name, "raise");
	assert_int_equal(reps->phases[0].ms, 1000);
	assert_null(reps->phases[0].note);
	assert_string_equal(reps->phases[1].name, "lower");
	assert_int_equal(reps->phases[1].ms, 3000);
	assert_string_equal(reps->phases[1].note, "slowly, one leg");
	assert_int_equal(reps->ready_ms, ROUTINE_DEFAULT_READY_MS);
	assert_true(routine_needs_leg(r));
	routine_free(r);
}

static void test_defaults(void **state)
{
	struct routine *r = parse_good(HEAD "  - name: A\n    hold: 20\n");
	(void)state;
	assert_int_equal(r->exercises[0].sets, 1);
	assert_int_equal(r->exercises[0].sides, SIDES_NONE);
	assert_int_equal(r->exercises[0].rest_ms, 0);
	assert_int_equal(r->exercises[0].hold_ms, 20000);
	assert_null(r->exercises[0].load);
	assert_false(routine_needs_leg(r));
	routine_free(r);
}

static void test_text_load_and_quoted_numbers(void **state)
{
	struct routine *r = parse_good(HEAD "  - name: A\n    hold: \"45s\"\n    load: bodyweight\n"
	                                    "    sets: '2'\n");
	(void)state;
	assert_string_equal(r->exercises[0].load, "bodyweight");
	assert_int_equal(r->exercises[0].hold_ms, 45000);
	assert_int_equal(r->exercises[0].sets, 2);
	routine_free(r);
}

/* Each bad file, and the first error it must give: where and what. */
static const struct {
	const char *text;
	int line, column;
	const char *words;
} bad_files[] = {
    /* reps not a number */
    {HEAD "  - name: A\n    reps: fifteen\n    tempo: { up: 1s }\n", 4, 11,
     "reps must be a whole number from 1 to 500, found \"fifteen\""},
    /* out of range numbers */
    {HEAD "  - name: A\n    reps: 10000\n    tempo: { up: 1s }\n", 4, 11,
     "from 1 to 500, found \"10000\""},
    {HEAD "  - name: A\n    hold: 0s\n", 4, 11, "hold must be a duration from 1 s to 30 min"},
    {HEAD "  - name: A\n    hold: 30s\n    sets: 0\n", 5, 11,
     "sets must be a whole number from 1 to 50, found \"0\""},
    {HEAD "  - name: A\n    reps: 3\n    tempo: { up: 0.05s }\n", 5, 18,
     "a tempo phase must be a duration from 0.1 s to 1 min"},
    {HEAD "  - name: A\n    hold: 30s\n    load: -5\n", 5, 11,
     "load must be text such as \"bodyweight\" or a number of kilograms"},
    /* bad durations */
    {HEAD "  - name: A\n    hold: 30 seconds\n", 4, 11,
     "hold must be a duration from 1 s to 30 min (such as 30s, 1m30s or 90), "
     "found \"30 seconds\""},
    {HEAD "  - name: A\n    hold: 30s\n    rest: [1, 2]\n", 5, 11,
     "rest must be a duration from 0 s to 30 min (such as 30s, 1m30s or 90), found a list"},
    /* unknown key suggests the nearest */
    {HEAD "  - name: A\n    holdd: 30s\n", 4, 5,
     "unknown key \"holdd\" in an exercise; did you mean \"hold\"?"},
    {HEAD "  - name: A\n    hold: 30s\n    colour: red\n", 5, 5,
     "unknown key \"colour\" in an exercise; expected one of: name, hold, reps"},
    {"title: T\nauthor: me\nexercises:\n  - {name: A, hold: 3}\n", 2, 1,
     "unknown key \"author\" in the routine"},
    /* duplicate key */
    {HEAD "  - name: A\n    sets: 2\n    hold: 30s\n    sets: 3\n", 6, 5,
     "duplicate key \"sets\" in an exercise; it was already given at line 4, column 5"},
    {"title: T\ntitle: U\nexercises:\n  - {name: A, hold: 3}\n", 2, 1, "duplicate key \"title\""},
    {HEAD "  - name: A\n    reps: 3\n    tempo: { up: 1s, up: 2s }\n", 5, 22,
     "duplicate key \"up\" in tempo"},
    /* wrong types */
    {"title: T\nexercises: none\n", 2, 12, "exercises must be a list"},
    {"- a\n- b\n", 1, 1, "a routine must be a set of keys"},
    {HEAD "  - just a line\n", 3, 5, "an exercise must be a set of keys"},
    {HEAD "  - name: A\n    hold: 3s\n    steps: Do it.\n", 5, 12,
     "steps must be a list of instructions"},
    {HEAD "  - name: [A, B]\n    hold: 3s\n", 3, 11, "name must be text, found a list"},
    {HEAD "  - name: A\n    hold: 3s\n    sides: up\n", 5, 12,
     "sides must be one of left, right, both, affected or none, found \"up\""},
    {HEAD "  - name: A\n    reps: 3\n    tempo: 3s\n", 5, 12,
     "tempo must list the phases of a rep in order"},
    {"title:\nexercises:\n  - {name: A, hold: 3}\n", 1, 7, "title must be text, found nothing"},
    /* missing and conflicting */
    {"exercises:\n  - {name: A, hold: 3}\n", 1, 1, "the routine needs a title"},
    {"title: T\n", 1, 1, "the routine needs a list of exercises"},
    {HEAD "  - hold: 3s\n", 3, 5, "an exercise needs a name"},
    {HEAD "  - name: A\n", 3, 5, "needs either hold (such as hold: 30s) or reps"},
    {HEAD "  - name: A\n    hold: 3s\n    reps: 4\n", 3, 5,
     "either hold (a timed hold) or reps (counted reps), not both"},
    {HEAD "  - name: A\n    reps: 4\n", 3, 5, "an exercise with reps needs a tempo"},
    {HEAD "  - name: A\n    hold: 4s\n    tempo: {up: 1s}\n", 3, 5, "tempo is for reps"},
    {"title: T\nexercises: []\n", 2, 12, "exercises must list from 1 to 100"},
    {HEAD "  - name: A\n    reps: 4\n    tempo: {}\n", 5, 12,
     "tempo must have from 1 to 8 phases, found 0"},
    {HEAD "  - name: A\n    reps: 4\n    tempo: { up: { note: x } }\n", 5, 18,
     "a tempo phase needs a time"},
};

static void test_each_bad_file_says_where_and_what(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++)
		expect_error(bad_files[i].text, bad_files[i].line, bad_files[i].column,
		             bad_files[i].words);
}

static void test_empty_files(void **state)
{
	(void)state;
	expect_error("", 1, 1, "the file is empty");
	expect_error("\n\n  \n", 1, 1, "the file is empty");
	expect_error("# only a comment\n", 1, 1, "the file is empty");
}

static void test_not_utf8(void **state)
{
	(void)state;
	expect_error(HEAD "  - name: Caf\xe9\n    hold: 3s\n", 3, 14,
	             "the file must be UTF-8 text, found the byte 0xE9");
	expect_error_n("title: T\0x\n", 10, 1, 9, "found a NUL byte");
}

static void test_tabs(void **state)
{
	(void)state;
	expect_error(HEAD "  - name: A\n\thold: 3s\n", 4, 1,
	             "indentation must use spaces, found a tab");
	expect_error(HEAD "  - name: A\n  \t  hold: 3s\n", 4, 3, "found a tab");
}

static void test_yaml_syntax_errors(void **state)
{
	(void)state;
	expect_error(HEAD "  - name: A\n    hold: [3s\n", 5, 1, "this is not valid YAML");
	expect_error("title: T\n  bad: indent\n", 2, 6,
	             "this is not valid YAML: mapping values are not allowed");
	expect_error("title: \"unterminated\nexercises: []\n", 3, 1,
	             "found unexpected end of stream");
}

static void test_a_second_document(void **state)
{
	(void)state;
	expect_error("title: T\nexercises:\n  - {name: A, hold: 3}\n---\ntitle: U\n", 4, 1,
	             "a routine file holds one routine, found a second document");
}

static void test_every_error_is_reported(void **state)
{
	const char *text = HEAD "  - name: A\n    reps: lots\n    tempo: { up: 1s }\n"
	                        "  - name: B\n    hold: forever\n    sidez: both\n";
	struct routine_errors errors;
	struct routine *r;
	(void)state;
	assert_false(routine_parse(text, strlen(text), "x.yaml", &r, &errors));
	assert_int_equal(errors.count, 3);
	assert_int_equal(errors.items[0].line, 4);
	assert_int_equal(errors.items[1].line, 7);
	assert_int_equal(errors.items[2].line, 8);
	assert_non_null(strstr(errors.items[2].message, "did you mean \"sides\""));
}

static void test_control_characters_are_escaped_in_messages(void **state)
{
	(void)state;
	expect_error(HEAD "  - name: A\n    hold: \"\\e[2J\"\n", 4, 11, "found \"\\x1B[2J\"");
}

/* A rest is read with the same limits wherever it is written: in an
 * exercise or in a program's block, where 0 runs the sets back to back and
 * a block that says nothing leaves the exercise's own. */
static void test_rest_limits_are_one(void **state)
{
	struct routine *r = parse_good("title: P\n"
	                               "exercises:\n"
	                               "  - name: Drop\n    reps: 15\n    rest: 30s\n"
	                               "    tempo: { lower: 3s }\n"
	                               "program:\n  weeks: 2\n  blocks:\n"
	                               "    - { weeks: 1, rest: 0 }\n"
	                               "    - { weeks: 2, sets: 2 }\n");
	struct plan_person who = {0};
	struct prescription rx;
	(void)state;
	assert_true(plan_prescribe(r, plan_block(r->program, 1), &who, &rx));
	assert_int_equal(rx.routine.exercises[0].rest_ms, 0);
	plan_prescription_free(&rx);
	assert_true(plan_prescribe(r, plan_block(r->program, 2), &who, &rx));
	assert_int_equal(rx.routine.exercises[0].rest_ms, 30000);
	plan_prescription_free(&rx);
	routine_free(r);
	expect_error(HEAD "  - name: A\n    hold: 30s\nprogram:\n  weeks: 1\n  blocks:\n"
	                  "    - { weeks: 1, rest: 31m }\n",
	             8, 25, "rest must be a duration from 0 s to 30 min");
	expect_error(HEAD "  - name: A\n    hold: 31m\n", 4, 11,
	             "hold must be a duration from 1 s to 30 min");
	expect_error(HEAD "  - name: A\n    hold: 30s\nprogram:\n  weeks: 1\n  blocks:\n"
	                  "    - { weeks: 1, hold: 31m }\n",
	             8, 25, "hold must be a duration from 1 s to 30 min");
}

static void test_shipped_routines_parse(void **state)
{
	static const char *const files[] = {
	    "calf-stretches.yaml",    "heel-drops-alfredson.yaml", "single-leg-calf-raises.yaml",
	    "alfredson-program.yaml", "hsr-program.yaml",          "calf-stretching-program.yaml",
	    "heel-raise-test.yaml"};
	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct routine *r = read_shipped(files[i]);
		assert_non_null(r->source);
		assert_non_null(r->caution);
		routine_free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_full_routine),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_text_load_and_quoted_numbers),
	    cmocka_unit_test(test_each_bad_file_says_where_and_what),
	    cmocka_unit_test(test_rest_limits_are_one),
	    cmocka_unit_test(test_empty_files),
	    cmocka_unit_test(test_not_utf8),
	    cmocka_unit_test(test_tabs),
	    cmocka_unit_test(test_yaml_syntax_errors),
	    cmocka_unit_test(test_a_second_document),
	    cmocka_unit_test(test_every_error_is_reported),
	    cmocka_unit_test(test_control_characters_are_escaped_in_messages),
	    cmocka_unit_test(test_shipped_routines_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
