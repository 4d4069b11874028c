/* test_settings.c — the config file. */
#include "helpers.h"

#include "settings.h"

static struct settings parse_as(const char *text, enum settings_scope scope,
                                struct settings_errors *errors)
{
	struct settings s = settings_defaults();
	settings_parse(text, strlen(text), "config", scope, &s, errors);
	return s;
}

static struct settings parse(const char *text, struct settings_errors *errors)
{
	return parse_as(text, SETTINGS_USER, errors);
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
	assert_false(settings_parse("sound = bell\0x", 14, "config", SETTINGS_USER, &s, &errors));
	assert_non_null(strstr(errors.items[0].message, "NUL"));
}

static void test_kiosk_settings(void **state)
{
	struct settings_errors errors;
	struct settings s;
	(void)state;
	s = parse_as("kiosk = yes\nadmin-pin = 482913\nidle = 90s\nroutines = /srv/a\n"
	             "routines = /srv/b\ndata-dir = /var/lib/tendo\nsound-device = plughw:1,0\n"
	             "kiosk-name = Stretching area 2\n",
	             SETTINGS_SYSTEM, &errors);
	assert_int_equal(errors.count, 0);
	assert_string_equal(s.kiosk_name, "Stretching area 2");
	assert_string_equal(s.sound_device, "plughw:1,0");
	assert_int_equal(s.kiosk, 1);
	assert_string_equal(s.admin_pin, "482913");
	assert_int_equal(s.idle_ms, 90000);
	assert_int_equal(s.routine_count, 2);
	assert_string_equal(s.routines[1], "/srv/b");
	assert_string_equal(s.data_dir, "/var/lib/tendo");
	/* A hash from tendo hash-pin is taken as it is. */
	s = parse_as("admin-pin = $y$j9T$abc$def\n", SETTINGS_SYSTEM, &errors);
	assert_int_equal(errors.count, 0);
	assert_string_equal(s.admin_pin, "$y$j9T$abc$def");
}

static void test_kiosk_mistakes(void **state)
{
	struct settings_errors errors;
	struct settings s;
	(void)state;
	/* A person's own config can't set the admin PIN. */
	s = parse("admin-pin = 1234\n", &errors);
	assert_int_equal(errors.count, 1);
	assert_non_null(strstr(errors.items[0].message, "system's config"));
	assert_string_equal(s.admin_pin, "");
	s = parse_as("admin-pin = 12\nidle = soon\nroutines = here\nkiosk = perhaps\n"
	             "idle = 1s\n",
	             SETTINGS_SYSTEM, &errors);
	assert_int_equal(errors.count, 5);
	assert_non_null(strstr(errors.items[0].message, "4 to 12 digits"));
	assert_int_equal(errors.items[1].line, 2);
	assert_int_equal(errors.items[1].column, 8);
	assert_non_null(strstr(errors.items[1].message, "found \"soon\""));
	assert_non_null(strstr(errors.items[2].message, "full path"));
	assert_non_null(strstr(errors.items[3].message, "kiosk takes yes or no"));
	assert_non_null(strstr(errors.items[4].message, "from 10s"));
	assert_int_equal(s.idle_ms, -1);
	assert_int_equal(s.kiosk, -1);
	/* A device is an ALSA name, not a path or a command. */
	s = parse_as("sound-device = /dev/snd/pcmC0D0p\nsound-device = hw:0; reboot\n",
	             SETTINGS_SYSTEM, &errors);
	assert_int_equal(errors.count, 2);
	assert_non_null(strstr(errors.items[0].message, "an ALSA device's name"));
	assert_string_equal(s.sound_device, "");
	/* A kiosk's name is shown on the staff's screen: no escapes, no
	 * paths; and it names the machine, so a person's config can't set it. */
	s = parse_as("kiosk-name = \x1b[2Jgone\nkiosk-name = ../a\n", SETTINGS_SYSTEM, &errors);
	assert_int_equal(errors.count, 2);
	assert_non_null(strstr(errors.items[0].message, "kiosk-name takes a name"));
	assert_string_equal(s.kiosk_name, "");
	s = parse("kiosk-name = home\n", &errors);
	assert_int_equal(errors.count, 1);
	assert_non_null(strstr(errors.items[0].message, "system's config"));
}

static void test_pins(void **state)
{
	(void)state;
	assert_true(settings_pin_valid("0000"));
	assert_true(settings_pin_valid("123456789012"));
	assert_false(settings_pin_valid("123"));
	assert_false(settings_pin_valid("1234567890123"));
	assert_false(settings_pin_valid("12a4"));
	assert_false(settings_pin_valid(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_settings),
	    cmocka_unit_test(test_nothing_set),
	    cmocka_unit_test(test_mistakes_are_placed_and_skipped),
	    cmocka_unit_test(test_binary_is_refused),
	    cmocka_unit_test(test_kiosk_settings),
	    cmocka_unit_test(test_kiosk_mistakes),
	    cmocka_unit_test(test_pins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
