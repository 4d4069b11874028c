/* test_timeline.c — a routine expanded into steps and cues. */
#include "helpers.h"

static const char stretches[] = "title: Stretches\n"
                                "exercises:\n"
                                "  - name: Wall\n"
                                "    hold: 30s\n"
                                "    sets: 3\n"
                                "    sides: both\n"
                                "    rest: 10s\n"
                                "    ready: 10s\n";

static const char drops[] = "title: Drops\n"
                            "exercises:\n"
                            "  - name: Drop\n"
                            "    reps: 15\n"
                            "    sets: 3\n"
                            "    sides: affected\n"
                            "    rest: 60s\n"
                            "    ready: 5s\n"
                            "    tempo: { raise: 1s, lower: 3s }\n";

struct expected_step {
	enum step_kind kind;
	int64_t ms;
	int set;
	enum leg leg;
};

static void expect_steps(const struct timeline *tl, const struct expected_step *want, size_t n)
{
	assert_int_equal(tl->count, n);
	for (size_t i = 0; i < n; i++) {
		if (tl->steps[i].kind != want[i].kind || tl->steps[i].ms != want[i].ms ||
		    tl->steps[i].set != want[i].set || tl->steps[i].leg != want[i].leg)
			fail_msg("step %zu: kind %d, %lld ms, set %d, leg %d; expected kind %d, "
			         "%lld ms, "
			         "set %d, leg %d",
			         i, tl->steps[i].kind, (long long)tl->steps[i].ms, tl->steps[i].set,
			         tl->steps[i].leg, want[i].kind, (long long)want[i].ms, want[i].set,
			         want[i].leg);
	}
}

static void test_holds_on_both_sides(void **state)
{
	struct routine *r = parse_good(stretches);
	struct timeline tl = build(r, LEG_NONE);
	const struct expected_step want[] = {
	    {STEP_READY, 10000, 1, LEG_LEFT},   {STEP_WORK, 30000, 1, LEG_LEFT},
	    {STEP_REST, 10000, 1, LEG_LEFT},    {STEP_WORK, 30000, 2, LEG_LEFT},
	    {STEP_REST, 10000, 2, LEG_LEFT},    {STEP_WORK, 30000, 3, LEG_LEFT},
	    {STEP_SWITCH, 10000, 1, LEG_RIGHT}, {STEP_WORK, 30000, 1, LEG_RIGHT},
	    {STEP_REST, 10000, 1, LEG_RIGHT},   {STEP_WORK, 30000, 2, LEG_RIGHT},
	    {STEP_REST, 10000, 2, LEG_RIGHT},   {STEP_WORK, 30000, 3, LEG_RIGHT},
	    {STEP_DONE, 0, 0, LEG_NONE},
	};
	(void)state;
	expect_steps(&tl, want, sizeof want / sizeof want[0]);
	assert_int_equal(tl.total_ms, 10000 + 6 * 30000 + 4 * 10000 + 10000);
	/* A rest goes back to the set it follows. */
	assert_int_equal(tl.steps[2].set_start, 1);
	assert_int_equal(tl.steps[3].set_start, 3);
	timeline_free(&tl);
	routine_free(r);
}

static void test_reps_on_the_affected_leg(void **state)
{
	struct routine *r = parse_good(drops);
	struct timeline tl = build(r, LEG_RIGHT);
	const struct expected_step want[] = {
	    {STEP_READY, 5000, 1, LEG_RIGHT}, {STEP_WORK, 60000, 1, LEG_RIGHT},
	    {STEP_REST, 60000, 1, LEG_RIGHT}, {STEP_WORK, 60000, 2, LEG_RIGHT},
	    {STEP_REST, 60000, 2, LEG_RIGHT}, {STEP_WORK, 60000, 3, LEG_RIGHT},
	    {STEP_DONE, 0, 0, LEG_NONE},
	};
	(void)state;
	expect_steps(&tl, want, sizeof want / sizeof want[0]);
	timeline_free(&tl);
	routine_free(r);
}

static void test_the_affected_leg_must_be_named(void **state)
{
	struct routine *r = parse_good(drops);
	struct timeline tl;
	struct tendo_error err;
	(void)state;
	assert_false(timeline_build(r, LEG_NONE, &tl, &err));
	assert_non_null(strstr(err.message, "affected leg"));
	routine_free(r);
}

static void test_no_rest_and_no_ready(void **state)
{
	struct routine *r = parse_good("title: T\nexercises:\n"
	                               "  - {name: A, hold: 5s, sets: 2, ready: 0}\n"
	                               "  - {name: B, hold: 5s, sides: left}\n");
	struct timeline tl = build(r, LEG_NONE);
	const struct expected_step want[] = {
	    {STEP_WORK, 5000, 1, LEG_NONE},   {STEP_WORK, 5000, 2, LEG_NONE},
	    {STEP_READY, 10000, 1, LEG_LEFT}, {STEP_WORK, 5000, 1, LEG_LEFT},
	    {STEP_DONE, 0, 0, LEG_NONE},
	};
	(void)state;
	expect_steps(&tl, want, sizeof want / sizeof want[0]);
	timeline_free(&tl);
	routine_free(r);
}

static void test_a_switch_lasts_at_least_five_seconds(void **state)
{
	struct routine *r = parse_good("title: T\nexercises:\n"
	                               "  - {name: A, hold: 5s, sides: both, ready: 2s}\n");
	struct timeline tl = build(r, LEG_NONE);
	(void)state;
	assert_int_equal(tl.steps[2].kind, STEP_SWITCH);
	assert_int_equal(tl.steps[2].ms, 5000);
	timeline_free(&tl);
	routine_free(r);
}

/* Collects every cue of a step as "name@offset" words. */
static void cues_of(const struct timeline *tl, const struct step *step, char *out, size_t size)
{
	struct cue cue;
	size_t used = 0;

	out[0] = '\0';
	for (size_t k = 0; timeline_cue(tl, step, k, &cue); k++)
		used +=
		    (size_t)snprintf(out + used, size - used, "%s%s@%lld", k ? " " : "",
		                     timeline_cue_name(tl, step, &cue), (long long)cue.offset_ms);
}

static void test_cues_of_holds_rests_and_switches(void **state)
{
	struct routine *r = parse_good(stretches);
	struct timeline tl = build(r, LEG_NONE);
	char got[512];
	(void)state;
	cues_of(&tl, &tl.steps[0], got, sizeof got);
	assert_string_equal(got, "tick@7000 tick@8000 tick@9000");
	cues_of(&tl, &tl.steps[1], got, sizeof got);
	assert_string_equal(got, "go@0 halfway@15000 last-seconds@27000 last-seconds@28000 "
	                         "last-seconds@29000 set-done@30000");
	cues_of(&tl, &tl.steps[2], got, sizeof got);
	assert_string_equal(got, "tick@7000 tick@8000 tick@9000 rest-over@10000");
	cues_of(&tl, &tl.steps[6], got, sizeof got);
	assert_string_equal(got, "switch-side@0 tick@7000 tick@8000 tick@9000");
	cues_of(&tl, &tl.steps[12], got, sizeof got);
	assert_string_equal(got, "session-done@0");
	timeline_free(&tl);
	routine_free(r);
}

static void test_short_holds_have_no_halfway(void **state)
{
	struct routine *r = parse_good("title: T\nexercises:\n  - {name: A, hold: 5s, ready: 0}\n");
	struct timeline tl = build(r, LEG_NONE);
	char got[256];
	(void)state;
	cues_of(&tl, &tl.steps[0], got, sizeof got);
	assert_string_equal(got, "go@0 set-done@5000");
	timeline_free(&tl);
	routine_free(r);
}

static void test_every_phase_of_every_rep_is_cued(void **state)
{
	struct routine *r = parse_good(drops);
	struct timeline tl = build(r, LEG_LEFT);
	const struct step *set = &tl.steps[1];
	struct cue cue;
	size_t k;
	(void)state;
	assert_true(timeline_cue(&tl, set, 0, &cue));
	assert_int_equal(cue.kind, CUE_GO);
	for (k = 1; k <= 30; k++) {
		assert_true(timeline_cue(&tl, set, k, &cue));
		assert_int_equal(cue.kind, CUE_PHASE);
		assert_int_equal(cue.rep, (int)(k - 1) / 2 + 1);
		assert_int_equal(cue.phase, (int)(k - 1) % 2);
		assert_int_equal(cue.offset_ms,
		                 (int64_t)((k - 1) / 2) * 4000 + ((k - 1) % 2) * 1000);
		assert_string_equal(timeline_cue_name(&tl, set, &cue),
		                    (k - 1) % 2 ? "lower" : "raise");
	}
	assert_true(timeline_cue(&tl, set, 31, &cue));
	assert_int_equal(cue.kind, CUE_SET_DONE);
	assert_int_equal(cue.offset_ms, 60000);
	assert_false(timeline_cue(&tl, set, 32, &cue));
	timeline_free(&tl);
	routine_free(r);
}

static void test_rep_position(void **state)
{
	struct routine *r = parse_good(drops);
	struct timeline tl = build(r, LEG_LEFT);
	const struct step *set = &tl.steps[1];
	struct rep_position p;
	(void)state;
	p = timeline_rep_at(&tl, set, 0);
	assert_int_equal(p.rep, 1);
	assert_int_equal(p.phase, 0);
	p = timeline_rep_at(&tl, set, 2500);
	assert_int_equal(p.rep, 1);
	assert_int_equal(p.phase, 1);
	assert_int_equal(p.phase_elapsed_ms, 1500);
	assert_int_equal(p.phase_ms, 3000);
	p = timeline_rep_at(&tl, set, 4000);
	assert_int_equal(p.rep, 2);
	assert_int_equal(p.phase, 0);
	p = timeline_rep_at(&tl, set, 60000);
	assert_int_equal(p.rep, 15);
	assert_int_equal(p.phase, 1);
	assert_int_equal(p.phase_elapsed_ms, 3000);
	timeline_free(&tl);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_holds_on_both_sides),
	    cmocka_unit_test(test_reps_on_the_affected_leg),
	    cmocka_unit_test(test_the_affected_leg_must_be_named),
	    cmocka_unit_test(test_no_rest_and_no_ready),
	    cmocka_unit_test(test_a_switch_lasts_at_least_five_seconds),
	    cmocka_unit_test(test_cues_of_holds_rests_and_switches),
	    cmocka_unit_test(test_short_holds_have_no_halfway),
	    cmocka_unit_test(test_every_phase_of_every_rep_is_cued),
	    cmocka_unit_test(test_rep_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
