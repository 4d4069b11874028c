/* test_member.c — a kiosk's members: their names, their PINs, and their
 * profiles in the log. */
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "member.h"
#include "pin.h"
#include "store.h"

static void test_good_names(void **state)
{
	static const char *const good[] = {
	    "Ana", "Jean-Luc", "O'Brien", "Mary Ann", "J. Smith",
	    "Zoë", "Łukasz",   "陈伟",    "R2",       "1234567890123456789012345678901234567890",
	};
	struct tendo_error err;
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!member_name_check(good[i], &err))
			fail_msg("\"%s\" was refused: %s", good[i], err.message);
}

static void test_bad_names(void **state)
{
	static const struct {
		const char *name, *why;
	} bad[] = {
	    {"", "Type a name"},
	    {"../../etc/passwd", "starts with a letter"},
	    {"ana/../../x", "letters, digits, spaces"},
	    {"a\\b", "letters, digits, spaces"},
	    {"bob\x1b[2J", "letters, digits, spaces"},
	    {"tab\there", "letters, digits, spaces"},
	    {" lead", "starts with a letter"},
	    {"trail ", "does not end with a space"},
	    {".hidden", "starts with a letter"},
	    {"bad\xff", "can't show"},
	    {"over\xc0\xaflong", "can't show"},
	    {"12345678901234567890123456789012345678901", "too long"},
	};
	struct tendo_error err;
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (member_name_check(bad[i].name, &err))
			fail_msg("\"%s\" was taken", bad[i].name);
		if (!strstr(err.message, bad[i].why))
			fail_msg("\"%s\": \"%s\" does not say \"%s\"", bad[i].name, err.message,
			         bad[i].why);
	}
}

static void test_pins_are_salted_hashes(void **state)
{
	char a[PIN_HASH_MAX], b[PIN_HASH_MAX], salt_a[PIN_HASH_MAX], salt_b[PIN_HASH_MAX];
	struct tendo_error err;
	(void)state;
	assert_true(pin_hash("4821", a, salt_a, &err));
	assert_true(pin_hash("4821", b, salt_b, &err));
	/* Never the PIN itself, and a different salt each time. */
	assert_null(strstr(a, "4821"));
	assert_string_not_equal(salt_a, salt_b);
	assert_string_not_equal(a, b);
	assert_int_equal(strncmp(a, salt_a, strlen(salt_a)), 0);
	assert_true(pin_matches("4821", a));
	assert_true(pin_matches("4821", b));
	assert_false(pin_matches("4822", a));
	assert_false(pin_matches("", a));
	assert_false(pin_matches("48210", a));
	/* An admin PIN written in the config as digits. */
	assert_true(pin_matches("902211", "902211"));
	assert_false(pin_matches("90221", "902211"));
	assert_false(pin_matches("1234", ""));
}

static void test_members_in_the_log(void **state)
{
	char dir[] = "/tmp/tendo-member-XXXXXX", command[300], hash[PIN_HASH_MAX],
	     salt[PIN_HASH_MAX], kept[PIN_HASH_MAX];
	struct store *s;
	struct store_member m[8];
	struct tendo_error err;
	int64_t ana, bo;
	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_true(store_open(dir, &s, &err));
	assert_true(pin_hash("1357", hash, salt, &err));
	ana = store_member_add(s, "ana", LEG_LEFT, hash, salt, &err);
	bo = store_member_add(s, "Bo", LEG_RIGHT, NULL, NULL, &err);
	assert_true(ana > 0 && bo > 0 && ana != bo);
	/* A name is taken once. */
	assert_int_equal(store_member_add(s, "Bo", LEG_LEFT, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.message, "someone called Bo is already here"));
	/* In order of name, whatever the case. */
	assert_int_equal(store_members(s, m, 8), 2);
	assert_string_equal(m[0].name, "ana");
	assert_true(m[0].has_pin);
	assert_int_equal(m[0].leg, LEG_LEFT);
	assert_string_equal(m[1].name, "Bo");
	assert_false(m[1].has_pin);
	assert_int_equal(store_profile_leg(s, bo), LEG_RIGHT);
	assert_true(store_member_taken(s, "ANA"));
	assert_true(store_member_taken(s, "bo"));
	assert_false(store_member_taken(s, "Cy"));
	assert_true(store_member_pin(s, ana, kept, sizeof kept));
	assert_true(pin_matches("1357", kept));
	assert_false(store_member_pin(s, bo, kept, sizeof kept));
	store_close(s);
	snprintf(command, sizeof command, "rm -rf '%s'", dir);
	assert_int_equal(system(command), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_names),
	    cmocka_unit_test(test_bad_names),
	    cmocka_unit_test(test_pins_are_salted_hashes),
	    cmocka_unit_test(test_members_in_the_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
