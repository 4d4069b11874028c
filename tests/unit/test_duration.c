/* test_duration.c — durations as people write them. */
#include "helpers.h"

#include "duration.h"

static void expect(const char *text, int64_t ms)
{
	int64_t got = -1;
	if (!duration_parse(text, &got))
		fail_msg("\"%s\" should be a duration", text);
	assert_int_equal(got, ms);
}

static void reject(const char *text)
{
	int64_t got = 42;
	if (duration_parse(text, &got))
		fail_msg("\"%s\" should not be a duration, parsed as %lld ms", text,
		         (long long)got);
	assert_int_equal(got, 42);
}

static void test_seconds_minutes_and_plain_numbers(void **state)
{
	(void)state;
	expect("30s", 30000);
	expect("1m30s", 90000);
	expect("2m", 120000);
	expect("90", 90000);
	expect("0", 0);
	expect("1h", 3600000);
	expect("1h2m3s", 3723000);
}

static void test_fractions_and_milliseconds(void **state)
{
	(void)state;
	expect("1.5s", 1500);
	expect("0.25s", 250);
	expect("500ms", 500);
	expect("2.5", 2500);
	expect("1s500ms", 1500);
}

static void test_malformed(void **state)
{
	(void)state;
	reject("");
	reject("s");
	reject("30sec");
	reject("thirty");
	reject("-5s");
	reject("1m1m");
	reject("30s1m"); /* units out of order */
	reject("1m30");  /* a bare number only on its own */
	reject("1.s");
	reject("1.2345s"); /* finer than a millisecond */
	reject("30 s");
	reject("25h"); /* over a day */
	reject("99999999999999999999s");
}

static void test_formatting(void **state)
{
	char buf[32];
	(void)state;
	assert_string_equal(duration_format(30000, buf, sizeof buf), "30 s");
	assert_string_equal(duration_format(90000, buf, sizeof buf), "1 min 30 s");
	assert_string_equal(duration_format(120000, buf, sizeof buf), "2 min");
	assert_string_equal(duration_format(1500, buf, sizeof buf), "1.5 s");
	assert_string_equal(duration_clock(9000, buf, sizeof buf), "0:09");
	assert_string_equal(duration_clock(8001, buf, sizeof buf), "0:09");
	assert_string_equal(duration_clock(65000, buf, sizeof buf), "1:05");
	assert_string_equal(duration_clock(3723000, buf, sizeof buf), "1:02:03");
	assert_string_equal(duration_clock(-5, buf, sizeof buf), "0:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seconds_minutes_and_plain_numbers),
	    cmocka_unit_test(test_fractions_and_milliseconds),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_formatting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
