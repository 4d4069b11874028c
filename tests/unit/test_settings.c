/* test_settings.c — the config file. */
#include "helpers.h"

#include "settings.h"

static struct settings parse(const char *text, struct settings_errors *errors)
{
	struct settings s = settings_defaults();
	settings_parse(text, strlen(text), "config", &s, errors);
	return s;
}

static void test_good_settings(void **state)
{
	struct settings_errors errors;
	struct settings s;
	(void)state;
	s = parse("# my tendo\n\nsound = canberra,flash\n  voice=yes  \n", &errors);
	assert_int_equal(errors.count, 0);
	assert_string_equal(s.sound, "canberra,flash");
	assert_int_equal(s.voice, 1);
	s = parse("voice = off\r\n", &errors);
	assert_int_equal(errors.count, 0);
	assert_int_equal(s.voice, 0);
	assert_string_equal(s.sound, "");
}

static void test_nothing_set(void **state)
{
	struct settings_errors errors;
	struct settings s = parse("", &errors);
	(void)state;
	assert_int_equal(errors.count, 0);
	assert_int_equal(s.voice, -1);
	assert_string_equal(s.sound, "");
}

static void test_mistakes_are_placed_and_skipped(void **state)
{
	struct settings_errors errors;
	struct settings s;
	(void)state;
	s = parse("sound = bell\nvolume = 11\nvoice = maybe\nsound beep\nsound = loud\n", &errors);
	assert_int_equal(errors.count, 4);
	assert_int_equal(errors.items[0].line, 2);
	assert_int_equal(errors.items[0].column, 1);
	assert_non_null(strstr(errors.items[0].message, "unknown setting \"volume\""));
	assert_int_equal(errors.items[1].line, 3);
	assert_int_equal(errors.items[1].column, 9);
	assert_non_null(strstr(errors.items[1].message, "voice takes yes or no, found \"maybe\""));
	assert_int_equal(errors.items[2].line, 4);
	assert_int_equal(errors.items[2].column, 7);
	assert_non_null(strstr(errors.items[2].message, "expected \"key = value\""));
	assert_int_equal(errors.items[3].line, 5);
	assert_non_null(strstr(errors.items[3].message, "found \"loud\""));
	/* What was good still counts. */
	assert_string_equal(s.sound, "bell");
	assert_int_equal(s.voice, -1);
}

static void test_binary_is_refused(void **state)
{
	struct settings_errors errors;
	struct settings s = settings_defaults();
	(void)state;
	assert_false(settings_parse("sound = bell\0x", 14, "config", &s, &errors));
	assert_non_null(strstr(errors.items[0].message, "NUL"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_settings),
	    cmocka_unit_test(test_nothing_set),
	    cmocka_unit_test(test_mistakes_are_placed_and_skipped),
	    cmocka_unit_test(test_binary_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
