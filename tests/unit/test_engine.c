/* test_engine.c — the engine, with time given as plain numbers. */
#include "helpers.h"

#include "engine.h"

/* In YAML's flow style: the same keys as test_timeline.c's, other figures. */
static const char stretches[] = "title: Stretches\n"
                                "exercises:\n"
                                "  - { name: Wall, hold: 30s, sets: 2, sides: both, rest: 10s,\n"
                                "      ready: 10s }\n";

static const char drops[] = "title: Drops\n"
                            "exercises:\n"
                            "  - { name: Drop, reps: 3, sets: 2, rest: 5s, ready: 5s,\n"
                            "      tempo: { raise: 1s, lower: 3s } }\n";

struct fixture {
	struct routine *routine;
	struct timeline tl;
	struct engine engine;
	struct engine_cue cues[64];
	size_t count;
};

static struct fixture *start(const char *text, int64_t t0)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->routine = parse_good(text);
	f->tl = build(f->routine, LEG_LEFT);
	engine_start(&f->engine, &f->tl, t0);
	return f;
}

static void stop(struct fixture *f)
{
	timeline_free(&f->tl);
	routine_free(f->routine);
	free(f);
}

/* Advances to now; keeps the cues in f and returns them as "name@planned". */
static const char *advance(struct fixture *f, int64_t now)
{
	static char text[2048];
	size_t used = 0;

	f->count = engine_advance(&f->engine, now, f->cues, 64);
	text[0] = '\0';
	for (size_t i = 0; i < f->count; i++)
		used +=
		    (size_t)snprintf(text + used, sizeof text - used, "%s%s@%lld", i ? " " : "",
		                     timeline_cue_name(&f->tl, f->cues[i].step, &f->cues[i].cue),
		                     (long long)f->cues[i].planned_ms);
	return text;
}

static void test_start_and_count_in(void **state)
{
	struct fixture *f = start(stretches, 0);
	(void)state;
	assert_string_equal(advance(f, 0), "");
	assert_int_equal(engine_next_deadline(&f->engine), 7000);
	assert_string_equal(advance(f, 6999), "");
	assert_string_equal(advance(f, 7000), "tick@7000");
	assert_string_equal(advance(f, 9500), "tick@8000 tick@9000");
	assert_int_equal(engine_next_deadline(&f->engine), 10000);
	assert_string_equal(advance(f, 10000), "go@10000");
	assert_int_equal(f->engine.index, 1);
	assert_int_equal(engine_next_deadline(&f->engine), 25000);
	stop(f);
}

static void test_late_wakeups_do_not_drift(void **state)
{
	struct fixture *f = start(stretches, 1000);
	(void)state;
	/* Woken 400 ms late for the go: the hold still ends on plan. */
	advance(f, 11400);
	assert_int_equal(f->cues[f->count - 1].planned_ms, 11000);
	assert_int_equal(engine_next_deadline(&f->engine), 26000);
	assert_string_equal(advance(f, 41003),
	                    "halfway@26000 last-seconds@38000 last-seconds@39000 "
	                    "last-seconds@40000 set-done@41000");
	assert_int_equal(f->engine.index, 2);
	assert_int_equal(f->engine.step_start, 41000);
	stop(f);
}

static void test_view_of_a_hold(void **state)
{
	struct fixture *f = start(stretches, 0);
	struct engine_view v;
	(void)state;
	advance(f, 22000);
	v = engine_view(&f->engine, 22000);
	assert_int_equal(v.step->kind, STEP_WORK);
	assert_int_equal(v.elapsed_ms, 12000);
	assert_int_equal(v.remaining_ms, 18000);
	assert_int_equal(v.next->kind, STEP_REST);
	assert_int_equal(v.session_done_ms, 22000);
	assert_int_equal(v.session_total_ms, f->tl.total_ms);
	assert_false(v.paused);
	stop(f);
}

static void test_pause_shifts_later_deadlines(void **state)
{
	struct fixture *f = start(stretches, 0);
	struct engine_view v;
	(void)state;
	advance(f, 12000);
	engine_pause(&f->engine, 12000);
	assert_true(engine_next_deadline(&f->engine) == ENGINE_NEVER);
	assert_string_equal(advance(f, 100000), "");
	v = engine_view(&f->engine, 100000);
	assert_true(v.paused);
	assert_int_equal(v.elapsed_ms, 2000); /* time stood still */
	engine_resume(&f->engine, 100000);
	/* The halfway was due 13 s after the pause began; now 13 s after resuming. */
	assert_int_equal(engine_next_deadline(&f->engine), 113000);
	assert_string_equal(advance(f, 113000), "halfway@113000");
	stop(f);
}

static void test_toggle_pause(void **state)
{
	struct fixture *f = start(stretches, 0);
	(void)state;
	engine_toggle_pause(&f->engine, 1000);
	assert_true(f->engine.paused);
	engine_toggle_pause(&f->engine, 4000);
	assert_false(f->engine.paused);
	assert_int_equal(engine_next_deadline(&f->engine), 10000);
	stop(f);
}

static void test_skip_cuts_the_step_short(void **state)
{
	struct fixture *f = start(stretches, 0);
	(void)state;
	advance(f, 10000);
	advance(f, 20000);
	engine_skip(&f->engine, 20000);
	assert_int_equal(f->engine.index, 2); /* the rest */
	assert_int_equal(f->engine.step_start, 20000);
	assert_int_equal(f->engine.tally.sets_skipped, 1);
	assert_int_equal(f->engine.tally.hold_ms, 10000);
	/* The skipped hold's cues are not given; the rest's are. */
	assert_string_equal(advance(f, 29999), "tick@27000 tick@28000 tick@29000");
	assert_string_equal(advance(f, 30000), "rest-over@30000 go@30000");
	stop(f);
}

static void test_skip_while_paused_stays_paused(void **state)
{
	struct fixture *f = start(stretches, 0);
	(void)state;
	engine_pause(&f->engine, 3000);
	engine_skip(&f->engine, 5000);
	assert_true(f->engine.paused);
	assert_int_equal(f->engine.index, 1);
	engine_resume(&f->engine, 8000);
	assert_string_equal(advance(f, 8000), "go@8000");
	stop(f);
}

static void test_back_restarts_the_set(void **state)
{
	struct fixture *f = start(drops, 0);
	struct engine_view v;
	(void)state;
	advance(f, 11000); /* ready 5 s, then 6 s into the first set */
	v = engine_view(&f->engine, 11000);
	assert_int_equal(v.rep.rep, 2);
	engine_back(&f->engine, 11000);
	v = engine_view(&f->engine, 11000);
	assert_int_equal(v.rep.rep, 1);
	assert_int_equal(v.elapsed_ms, 0);
	assert_string_equal(advance(f, 11000), "go@11000 raise@11000");
	/* In the rest after a set, back goes to the start of that set. */
	advance(f, 23000);
	assert_int_equal(f->engine.tl->steps[f->engine.index].kind, STEP_REST);
	engine_back(&f->engine, 24000);
	assert_int_equal(f->engine.index, 1);
	assert_int_equal(f->engine.step_start, 24000);
	stop(f);
}

static void test_quit_ends_early(void **state)
{
	struct fixture *f = start(drops, 0);
	(void)state;
	advance(f, 14000); /* 9 s into the set: 2 reps done */
	engine_quit(&f->engine, 14000);
	assert_true(f->engine.finished);
	assert_true(f->engine.quit);
	assert_int_equal(f->engine.tally.reps_done, 2);
	assert_int_equal(f->engine.tally.sets_done, 0);
	assert_true(engine_next_deadline(&f->engine) == ENGINE_NEVER);
	assert_string_equal(advance(f, 99999), "");
	stop(f);
}

static void test_a_whole_session(void **state)
{
	struct fixture *f = start(drops, 0);
	size_t phases = 0, go = 0, done = 0, rest_over = 0;
	int64_t t = 0, last = -1;
	(void)state;
	/* Wake at each deadline, a little late each time, as a real loop would. */
	while (!f->engine.finished) {
		t = engine_next_deadline(&f->engine) + 3;
		advance(f, t);
		for (size_t i = 0; i < f->count; i++) {
			const struct engine_cue *c = &f->cues[i];
			assert_true(c->planned_ms >= last);
			last = c->planned_ms;
			phases += c->cue.kind == CUE_PHASE;
			go += c->cue.kind == CUE_GO;
			done += c->cue.kind == CUE_SESSION_DONE;
			rest_over += c->cue.kind == CUE_REST_OVER;
		}
	}
	assert_int_equal(phases, 2 * 3 * 2);
	assert_int_equal(go, 2);
	assert_int_equal(rest_over, 1);
	assert_int_equal(done, 1);
	/* Ended exactly on plan: 5 s ready, two 12 s sets, 5 s rest. */
	assert_int_equal(f->engine.ended_at, 34000);
	assert_int_equal(f->engine.ended_at, f->tl.total_ms);
	assert_int_equal(f->engine.tally.sets_done, 2);
	assert_int_equal(f->engine.tally.sets_planned, 2);
	assert_int_equal(f->engine.tally.reps_done, 6);
	assert_int_equal(f->engine.tally.elapsed_ms, 34000);
	stop(f);
}

static void test_ten_minutes_with_pauses_end_on_plan(void **state)
{
	struct fixture *f =
	    start("title: Ten\nexercises:\n"
	          "  - {name: A, hold: 45s, sets: 5, sides: both, rest: 15s, ready: 15s}\n",
	          0);
	int64_t t = 0, paused = 0;
	int wakes = 0;
	(void)state;
	assert_int_equal(f->tl.total_ms, 10 * 60000);
	while (!f->engine.finished) {
		t = engine_next_deadline(&f->engine) + (wakes % 7); /* 0 to 6 ms late */
		advance(f, t);
		if (++wakes % 25 == 0 && !f->engine.finished) {
			engine_pause(&f->engine, t);
			engine_resume(&f->engine, t + 1234);
			t += 1234;
			paused += 1234;
		}
	}
	assert_int_equal(f->engine.ended_at, 10 * 60000 + paused);
	assert_int_equal(f->engine.tally.hold_ms, 10 * 45000);
	assert_int_equal(f->engine.tally.elapsed_ms, 10 * 60000);
	stop(f);
}

static void test_cues_beyond_the_buffer_come_next_time(void **state)
{
	struct fixture *f = start(drops, 0);
	struct engine_cue few[2];
	(void)state;
	assert_int_equal(engine_advance(&f->engine, 20000, few, 2), 2);
	assert_int_equal(few[0].planned_ms, 2000);
	assert_int_equal(few[1].planned_ms, 3000);
	assert_int_equal(engine_advance(&f->engine, 20000, few, 2), 2);
	assert_int_equal(few[0].planned_ms, 4000);
	assert_int_equal(few[1].cue.kind, CUE_GO);
	assert_int_equal(few[1].planned_ms, 5000);
	stop(f);
}

static void test_each_ended_set_is_handed_on_once(void **state)
{
	struct fixture *f = start(drops, 0);
	struct engine_result r;
	(void)state;
	assert_false(engine_take_result(&f->engine, &r));
	advance(f, 17000); /* ready 5 s, a 12 s set: done */
	assert_true(engine_take_result(&f->engine, &r));
	assert_int_equal(r.step, 1);
	assert_true(r.completed);
	assert_int_equal(r.reps_done, 3);
	assert_false(engine_take_result(&f->engine, &r));
	advance(f, 22000 + 4500); /* the rest, then 1 rep and a bit */
	engine_skip(&f->engine, 26500);
	assert_true(engine_take_result(&f->engine, &r));
	assert_int_equal(r.step, 3);
	assert_false(r.completed);
	assert_int_equal(r.reps_done, 1);
	stop(f);
}

static void test_start_where_a_session_stopped(void **state)
{
	struct fixture *f = start(drops, 0);
	(void)state;
	engine_start_at(&f->engine, &f->tl, 1000, 3); /* the second set */
	assert_int_equal(f->engine.index, 3);
	assert_int_equal(f->engine.tally.sets_planned, 1);
	assert_string_equal(advance(f, 1000), "go@1000 raise@1000");
	while (!f->engine.finished)
		advance(f, engine_next_deadline(&f->engine));
	assert_int_equal(f->engine.tally.sets_done, 1);
	assert_int_equal(f->engine.ended_at, 1000 + 12000);
	stop(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_start_and_count_in),
	    cmocka_unit_test(test_late_wakeups_do_not_drift),
	    cmocka_unit_test(test_view_of_a_hold),
	    cmocka_unit_test(test_pause_shifts_later_deadlines),
	    cmocka_unit_test(test_toggle_pause),
	    cmocka_unit_test(test_skip_cuts_the_step_short),
	    cmocka_unit_test(test_skip_while_paused_stays_paused),
	    cmocka_unit_test(test_back_restarts_the_set),
	    cmocka_unit_test(test_quit_ends_early),
	    cmocka_unit_test(test_a_whole_session),
	    cmocka_unit_test(test_ten_minutes_with_pauses_end_on_plan),
	    cmocka_unit_test(test_cues_beyond_the_buffer_come_next_time),
	    cmocka_unit_test(test_each_ended_set_is_handed_on_once),
	    cmocka_unit_test(test_start_where_a_session_stopped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
