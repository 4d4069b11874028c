/* test_report.c — what a report gathers from a log (report_read), on a
 * real SQLite log in a temporary folder and the shipped Alfredson program:
 * the period it covers, each day's ratings and red flags, the sessions of
 * each program week against its prescription, the loads and the pauses. */
#include "helpers.h"

#include <stdlib.h>
#include <time.h>

#include "report.h"
#include "store.h"

/* Monday 2026-11-23, noon UTC (the tests run with TZ=UTC). */
#define MONDAY_NOON INT64_C(1795435200)
#define DAY         INT64_C(86400)
#define MONDAY      (MONDAY_NOON / DAY)

static char dir[256], program[512];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/tendo-report-XXXXXX");
	snprintf(program, sizeof program, "%s/../../routines/alfredson-program.yaml", FIXTURES);
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char command[512];
	(void)state;
	snprintf(command, sizeof command, "rm -rf '%s'", dir);
	return system(command) == 0 ? 0 : -1;
}

/* A log with one person in it, Ann, who follows the Alfredson program
 * from Monday. */
static struct store *ann_enrolled(int64_t *profile)
{
	struct store *s;
	struct tendo_error err;

	if (!store_open(dir, &s, &err))
		fail_msg("store_open: %s", err.message);
	*profile = store_profile(s, "ann", &err);
	assert_true(*profile > 0);
	store_set_time(s, MONDAY_NOON - DAY);
	assert_true(store_enrol(s, *profile, "alfredson-program", program, MONDAY, NULL, &err));
	return s;
}

/* A session of the program, one set of drops at load, on day (days after
 * Monday) at hour, ended as status. */
static int64_t session_on(struct store *s, int64_t profile, int day, int hour, const char *status,
                          const char *load)
{
	struct tendo_error err;
	struct store_set set = {
	    0, "Eccentric heel drop, knee straight", LEG_LEFT, 1, true, 15, 15, 0, 0, load, 0};
	int64_t session;

	store_set_time(s, MONDAY_NOON + day * DAY + (hour - 12) * 3600);
	session = store_session_begin(s, profile, "alfredson-program", program, LEG_LEFT, &err);
	assert_true(session > 0);
	assert_true(store_set_done(s, session, &set, &err));
	assert_true(store_session_end(s, session, status, &err));
	return session;
}

/* Days are days after Monday. */
static bool read_days(struct store *s, int64_t profile, int first, int last, struct report *r,
                      struct tendo_error *err)
{
	return report_read(s, profile, "ann", MONDAY + first, MONDAY + last, r, err);
}

/* A period that can't be reported on says why. */
static void test_periods_refused(void **state)
{
	static const struct {
		int first, last; /* days after Monday */
		bool sessions;   /* a session on Monday is logged */
		const char *says;
	} cases[] = {
	    {5, 4, true, "the report's period ends (2026-11-27) before it starts (2026-11-28)"},
	    {-3700, 0, true, "a report covers at most 3700 days (ten years)"},
	    /* A report of nothing helps no one. */
	    {0, 6, false, "ann has nothing logged from 2026-11-23 to 2026-11-29"},
	    {1, 6, true, "ann has nothing logged from 2026-11-24 to 2026-11-29"},
	    /* Ten years to the day is allowed. */
	    {-3699, 0, true, NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t p;
		struct store *s = ann_enrolled(&p);
		struct report r;
		struct tendo_error err = {0};
		if (cases[i].sessions)
			session_on(s, p, 0, 9, "completed", "bodyweight");
		bool ok = read_days(s, p, cases[i].first, cases[i].last, &r, &err);
		if (cases[i].says) {
			assert_false(ok);
			assert_non_null(strstr(err.message, cases[i].says));
		} else {
			assert_true(ok);
			assert_int_equal(r.days, cases[i].last - cases[i].first + 1);
			report_free(&r);
		}
		store_close(s);
		remove_dir(NULL);
		make_dir(NULL);
	}
}

/* Each day's highest rating of each kind, its sessions and its red flags;
 * a day with none: -1 and 0. */
static void test_days(void **state)
{
	int64_t p, first, stopped;
	struct store *s = ann_enrolled(&p);
	struct report r;
	struct tendo_error err;
	(void)state;
	first = session_on(s, p, 0, 9, "completed", "bodyweight");
	session_on(s, p, 0, 18, "completed", "bodyweight");
	assert_true(store_pain(s, p, first, "during", 3, -1, &err));
	assert_true(store_pain(s, p, first, "during", 5, -1, &err));
	assert_true(store_pain(s, p, first, "after", 2, -1, &err));
	stopped = session_on(s, p, 2, 9, "stopped", "bodyweight");
	assert_true(store_red_flag(s, p, stopped, "a pop in the heel", &err));
	store_set_time(s, MONDAY_NOON + DAY - 4 * 3600);
	assert_true(store_pain(s, p, -1, "morning", 1, 4, &err));

	assert_true(read_days(s, p, 0, 6, &r, &err));
	assert_int_equal(r.days, 7);
	assert_int_equal(r.leg, LEG_LEFT); /* Ann never said: her sessions did */
	assert_int_equal(r.day[0].during, 5);
	assert_int_equal(r.day[0].after, 2);
	assert_int_equal(r.day[0].sessions, 2);
	assert_int_equal(r.day[1].morning, 1);
	assert_int_equal(r.day[1].stiffness, 4);
	assert_int_equal(r.day[1].during, -1);
	assert_int_equal(r.day[1].sessions, 0);
	/* A session stopped by a red flag is not a session done. */
	assert_int_equal(r.day[2].sessions, 0);
	assert_true(r.day[2].red_flag);
	assert_false(r.day[0].red_flag);
	assert_int_equal(r.sessions, 2);
	assert_int_equal(r.ratings, 4);
	assert_int_equal(r.flag_count, 1);
	report_free(&r);
	store_close(s);
}

/* Sessions done against the prescription (Alfredson 1998: twice a day,
 * every day, 14 a week): a day counts up to its two; the totals hold only
 * the weeks the period covers whole. */
static void test_adherence(void **state)
{
	static const struct {
		int first, last;      /* the period, days after Monday */
		int week1, week2;     /* sessions counted in program weeks 1 and 2 */
		int done, prescribed; /* the totals */
	} cases[] = {
	    {0, 13, 4, 14, 18, 28},
	    /* Week 1 not whole: in its column, not in the totals. */
	    {2, 13, 2, 14, 14, 14},
	    {0, 6, 4, -1, 4, 14},
	};
	int64_t p;
	struct store *s = ann_enrolled(&p);
	(void)state;
	/* Week 1: three on Monday (two count), one cut short on Tuesday, two
	 * on Wednesday. Week 2: every session. */
	session_on(s, p, 0, 8, "completed", "bodyweight");
	session_on(s, p, 0, 12, "completed", "bodyweight");
	session_on(s, p, 0, 18, "completed", "bodyweight");
	session_on(s, p, 1, 8, "partial", "bodyweight");
	session_on(s, p, 2, 8, "completed", "bodyweight");
	session_on(s, p, 2, 18, "completed", "bodyweight");
	for (int day = 7; day < 14; day++) {
		session_on(s, p, day, 8, "completed", "bodyweight");
		session_on(s, p, day, 18, "completed", "bodyweight");
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct report r;
		struct tendo_error err;
		const struct report_program *prog;
		assert_true(read_days(s, p, cases[i].first, cases[i].last, &r, &err));
		assert_int_equal(r.program_count, 1);
		prog = &r.programs[0];
		assert_true(prog->readable);
		assert_string_equal(prog->title, "Alfredson eccentric program (12 weeks)");
		assert_int_equal(prog->per_week, 14);
		assert_int_equal(prog->done[0], cases[i].week1);
		if (cases[i].week2 >= 0)
			assert_int_equal(prog->done[1], cases[i].week2);
		else
			assert_int_equal(report_week_count(prog), 1);
		assert_int_equal(prog->done_total, cases[i].done);
		assert_int_equal(prog->prescribed_total, cases[i].prescribed);
		report_free(&r);
	}
	store_close(s);
}

/* Each week's highest load of each exercise; bodyweight is 0 kg; a week
 * with no sets has none (-1). The days paused run from the pause to the
 * day the program went on. */
static void test_loads_and_pauses(void **state)
{
	int64_t p;
	struct store *s = ann_enrolled(&p);
	struct report r;
	struct tendo_error err;
	const struct report_program *prog;
	(void)state;
	session_on(s, p, 1, 9, "completed", "bodyweight");
	session_on(s, p, 8, 9, "completed", "2.5 kg");
	session_on(s, p, 9, 9, "completed", "5 kg");
	session_on(s, p, 10, 9, "completed", "2.5 kg");
	store_set_time(s, MONDAY_NOON + 10 * DAY);
	assert_true(store_pause_program(s, p, true, &err));
	store_set_time(s, MONDAY_NOON + 12 * DAY);
	assert_true(store_pause_program(s, p, false, &err));

	assert_true(read_days(s, p, 0, 20, &r, &err));
	prog = &r.programs[0];
	assert_int_equal(report_week_count(prog), 3);
	assert_int_equal(prog->exercise_count, 1);
	assert_string_equal(prog->exercises[0], "Eccentric heel drop, knee straight");
	assert_true(prog->load[0] == 0);
	assert_true(prog->load[1] == 5);
	assert_true(prog->load[2] == -1);
	assert_int_equal(prog->decision_count, 2);
	assert_string_equal(prog->decisions[0].action, "pause");
	assert_string_equal(prog->decisions[1].action, "resume");
	for (int day = 0; day < r.days; day++)
		assert_int_equal(r.day[day].paused, day == 10 || day == 11);
	report_free(&r);
	store_close(s);
}

int main(void)
{
	/* Local days are UTC days, whatever the machine's zone. */
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_periods_refused, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_days, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_adherence, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_loads_and_pauses, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
