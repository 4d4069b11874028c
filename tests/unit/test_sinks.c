/* test_sinks.c — choosing sinks, and what each cue sounds like. */
#include "helpers.h"

#include "sinks.h"

static struct sound_request request(const char *spec)
{
	struct sound_request req;
	struct tendo_error err;
	if (!sinks_parse(spec, &req, &err))
		fail_msg("\"%s\" did not parse: %s", spec, err.message);
	return req;
}

static const char *resolved(const char *spec, const struct sink_facts *facts)
{
	static char buf[64];
	struct sound_request req = request(spec);
	return sinks_describe(sinks_resolve(&req, facts), buf, sizeof buf);
}

static void test_parse(void **state)
{
	struct sound_request req;
	struct tendo_error err;
	(void)state;
	req = request("auto");
	assert_true(req.automatic);
	req = request("canberra,flash");
	assert_false(req.automatic);
	assert_true(req.want[SINK_CANBERRA]);
	assert_true(req.want[SINK_FLASH]);
	assert_false(req.want[SINK_BELL]);
	req = request("off");
	assert_false(req.automatic || req.want[0] || req.want[1] || req.want[2] || req.want[3]);
	req = request("alsa");
	assert_true(req.want[SINK_ALSA]);
	assert_false(sinks_parse("bell,beep", &req, &err));
	assert_non_null(strstr(err.message, "found \"beep\""));
	assert_false(sinks_parse("", &req, &err));
}

/* What is played where: auto reaches for the sound server, then the card
 * (a console with no server), then the bell, and never plays the server's
 * or the card's speakers over SSH; a sink asked for by name and not to be
 * had gives way to the bell. */
static void test_which_sinks(void **state)
{
	enum { LOCAL = 0, SSH = 1 };
	static const struct {
		const char *spec;
		struct sink_facts facts; /* over SSH, forwarded, a server answers, the card opens */
		const char *live;
	} rows[] = {
	    {"auto", {LOCAL, false, true, true}, "canberra"},
	    {"auto", {LOCAL, false, true, false}, "canberra"},
	    {"auto", {LOCAL, false, false, true}, "alsa"},
	    {"auto", {LOCAL, false, false, false}, "bell"},
	    {"auto", {SSH, false, true, true}, "bell"},
	    {"auto", {SSH, false, false, true}, "bell"},
	    {"auto", {SSH, true, true, false}, "canberra"}, /* the client's own server */
	    {"auto", {SSH, true, false, true}, "bell"},
	    {"canberra", {LOCAL, false, true, false}, "canberra"},
	    {"canberra", {SSH, false, true, false}, "canberra"}, /* asked for by name */
	    {"canberra", {LOCAL, false, false, true}, "bell"},
	    {"canberra,flash", {LOCAL, false, false, false}, "bell+flash"},
	    {"alsa", {LOCAL, false, false, true}, "alsa"},
	    {"alsa", {LOCAL, false, true, true}, "alsa"},
	    {"alsa", {LOCAL, false, false, false}, "bell"},
	    {"alsa,flash", {SSH, false, false, true}, "alsa+flash"},
	    {"canberra,alsa", {LOCAL, false, true, true}, "canberra"},
	    {"canberra,alsa", {LOCAL, false, false, true}, "alsa"},
	    {"canberra,alsa", {LOCAL, false, false, false}, "bell"},
	    {"bell,flash", {LOCAL, false, true, true}, "bell+flash"},
	    {"flash", {SSH, false, false, false}, "flash"},
	    {"off", {LOCAL, false, true, true}, "silent"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *live = resolved(rows[i].spec, &rows[i].facts);
		if (strcmp(live, rows[i].live) != 0)
			fail_msg("row %zu: --sound %s gave %s, not %s", i, rows[i].spec, live,
			         rows[i].live);
	}
}

/* Cues told apart by the bell alone: two rings to switch legs, three when
 * the session is done, one for any other cue that sounds. */
static void test_rings(void **state)
{
	static const struct {
		enum cue_kind kind;
		int rings;
	} rows[] = {
	    {CUE_TICK, 1},      {CUE_GO, 1},          {CUE_PHASE, 1},        {CUE_SET_DONE, 1},
	    {CUE_REST_OVER, 1}, {CUE_SWITCH_SIDE, 2}, {CUE_SESSION_DONE, 3},
	};
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(sinks_rings(rows[i].kind), rows[i].rings);
}

static void test_fallback_when_the_server_goes(void **state)
{
	struct sink_set live = {{[SINK_CANBERRA] = true, [SINK_FLASH] = true}};
	char buf[64];
	(void)state;
	assert_string_equal(sinks_describe(sinks_fallback(live), buf, sizeof buf), "bell+flash");
	live = (struct sink_set){{[SINK_ALSA] = true}};
	assert_string_equal(sinks_describe(sinks_fallback(live), buf, sizeof buf), "bell");
	live = (struct sink_set){{[SINK_BELL] = true}};
	assert_string_equal(sinks_describe(sinks_fallback(live), buf, sizeof buf), "bell");
}

static const char routine_text[] = "title: T\n"
                                   "exercises:\n"
                                   "  - name: Drop\n"
                                   "    reps: 12\n"
                                   "    sets: 2\n"
                                   "    sides: both\n"
                                   "    rest: 5s\n"
                                   "    ready: 5s\n"
                                   "    tempo: { up: 1s, lower: 3s, pause: 1s }\n"
                                   "  - name: Hold\n"
                                   "    hold: 20s\n";

struct fixture {
	struct routine *r;
	struct timeline tl;
};

static struct fixture *setup_fixture(void)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->r = parse_good(routine_text);
	f->tl = build(f->r, LEG_NONE);
	return f;
}

static void teardown_fixture(struct fixture *f)
{
	timeline_free(&f->tl);
	routine_free(f->r);
	free(f);
}

/* The k-th cue of step i. */
static struct cue cue_at(const struct fixture *f, size_t i, size_t k)
{
	struct cue c;
	assert_true(timeline_cue(&f->tl, &f->tl.steps[i], k, &c));
	return c;
}

static const char *word(const struct fixture *f, size_t i, struct cue c)
{
	static char buf[SINKS_WORD_MAX];
	if (!sinks_word(&f->tl, &f->tl.steps[i], &c, buf, sizeof buf))
		return "(none)";
	return buf;
}

static const char *tone(const struct fixture *f, size_t i, size_t k)
{
	struct cue c = cue_at(f, i, k);
	return sinks_tone(&f->tl, &f->tl.steps[i], &c);
}

static void test_tones(void **state)
{
	struct fixture *f = setup_fixture();
	(void)state;
	/* steps: 0 ready, 1 set, 2 rest, 3 set, 4 switch, ... */
	assert_string_equal(tone(f, 1, 0), "go");
	assert_string_equal(tone(f, 1, 1), "raise");
	assert_string_equal(tone(f, 1, 2), "lower");
	assert_string_equal(tone(f, 1, 3), "phase");
	assert_string_equal(tone(f, 0, 0), "tick");
	assert_string_equal(tone(f, 4, 0), "switch-side");
	teardown_fixture(f);
}

static void test_words(void **state)
{
	struct fixture *f = setup_fixture();
	(void)state;
	/* The count-in: ticks at 2, 3 and 4 s of a 5 s ready. */
	assert_string_equal(word(f, 0, cue_at(f, 0, 0)), "three");
	assert_string_equal(word(f, 0, cue_at(f, 0, 1)), "two");
	assert_string_equal(word(f, 0, cue_at(f, 0, 2)), "one");
	assert_string_equal(word(f, 1, cue_at(f, 1, 0)), "go");
	/* The rep's number at its first phase, the phase's name after. */
	assert_string_equal(word(f, 1, cue_at(f, 1, 1)), "1");
	assert_string_equal(word(f, 1, cue_at(f, 1, 2)), "lower");
	assert_string_equal(word(f, 1, cue_at(f, 1, 3)), "pause");
	assert_string_equal(word(f, 1, cue_at(f, 1, 4)), "2");
	/* The set done: "rest" before a rest, "done" before a switch. */
	assert_string_equal(word(f, 1, cue_at(f, 1, 1 + 36)), "rest");
	assert_string_equal(word(f, 3, cue_at(f, 3, 1 + 36)), "done");
	assert_string_equal(word(f, 4, cue_at(f, 4, 0)), "switch to the right leg");
	assert_string_equal(word(f, 2, cue_at(f, 2, 3)), "(none)"); /* rest over: go says it */
	assert_string_equal(word(f, f->tl.count - 1, cue_at(f, f->tl.count - 1, 0)),
	                    "session complete");
	teardown_fixture(f);
}

static size_t pick(const struct fixture *f, const size_t *steps, const struct cue *cues, size_t n,
                   bool voice)
{
	const struct step *s[8];
	for (size_t i = 0; i < n; i++)
		s[i] = &f->tl.steps[steps[i]];
	return sinks_pick(&f->tl, s, cues, n, voice);
}

static void test_one_sound_for_cues_due_together(void **state)
{
	struct fixture *f = setup_fixture();
	(void)state;
	/* The end of a rest and go: go. */
	struct cue rest_go[] = {cue_at(f, 2, 3), cue_at(f, 3, 0)};
	assert_int_equal(pick(f, (size_t[]){2, 3}, rest_go, 2, false), 1);
	assert_int_equal(pick(f, (size_t[]){2, 3}, rest_go, 2, true), 1);
	/* Go and the first rep's first phase: go. */
	struct cue go_up[] = {cue_at(f, 1, 0), cue_at(f, 1, 1)};
	assert_int_equal(pick(f, (size_t[]){1, 1}, go_up, 2, false), 0);
	/* Set done and switch side: switch side. */
	struct cue done_switch[] = {cue_at(f, 3, 37), cue_at(f, 4, 0)};
	assert_int_equal(pick(f, (size_t[]){3, 4}, done_switch, 2, false), 1);
	/* Halfway is spoken, but never rung. */
	size_t hold = f->tl.count - 2;
	struct cue halfway[] = {cue_at(f, hold, 1)};
	assert_int_equal(halfway[0].kind, CUE_HALFWAY);
	assert_int_equal(pick(f, (size_t[]){hold}, halfway, 1, false), 1);
	assert_int_equal(pick(f, (size_t[]){hold}, halfway, 1, true), 0);
	teardown_fixture(f);
}

static void test_all_words(void **state)
{
	struct fixture *f = setup_fixture();
	char words[64][SINKS_WORD_MAX];
	size_t n, numbers = 0;
	bool lower = false, pause = false, up = false;
	(void)state;
	n = sinks_all_words(&f->tl, words, 64);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(words[i], words[j]);
		numbers += words[i][0] >= '0' && words[i][0] <= '9';
		lower |= strcmp(words[i], "lower") == 0;
		pause |= strcmp(words[i], "pause") == 0;
		up |= strcmp(words[i], "up") == 0;
	}
	assert_int_equal(numbers, 12);
	assert_true(lower && pause);
	assert_false(up); /* the first phase is said as the rep's number */
	teardown_fixture(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_which_sinks),
	    cmocka_unit_test(test_rings),
	    cmocka_unit_test(test_fallback_when_the_server_goes),
	    cmocka_unit_test(test_tones),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_one_sound_for_cues_due_together),
	    cmocka_unit_test(test_all_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
