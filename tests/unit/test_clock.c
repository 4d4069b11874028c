/* test_clock.c — a clock driven by a test: moves are seen as soon as they
 * are written, and applied one at a time, in the order written. */
#include "helpers.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"

static char fifo[64];
static int writer = -1;

static int set_up(void **state)
{
	char why[256];

	(void)state;
	snprintf(fifo, sizeof fifo, "/tmp/tendo-clock-%ld", (long)getpid());
	if (mkfifo(fifo, 0600) != 0 || !clock_drive(fifo, why, sizeof why))
		return -1;
	writer = open(fifo, O_WRONLY);
	return writer < 0 ? -1 : 0;
}

static int tear_down(void **state)
{
	(void)state;
	close(writer);
	unlink(fifo);
	return 0;
}

static void write_moves(const char *text)
{
	assert_int_equal(write(writer, text, strlen(text)), (ssize_t)strlen(text));
}

static void test_time_stands_still_until_moved(void **state)
{
	int64_t at = clock_now_ns(), wall = clock_wall_s();

	(void)state;
	assert_false(clock_move_waiting());
	assert_false(clock_take_move());
	assert_int_equal(clock_now_ns(), at);
	assert_int_equal(clock_wall_s(), wall);
}

/* The ui reads no keys while a move waits: a move written before a key
 * must be seen as waiting before it is taken, or the key would be acted
 * on at the old time (a lockout still on half a minute later). */
static void test_a_move_written_is_waiting_at_once(void **state)
{
	int64_t at = clock_now_ns();

	(void)state;
	write_moves("+30000\n");
	assert_true(clock_move_waiting());
	assert_int_equal(clock_now_ns(), at); /* seen, not yet applied */
	assert_true(clock_take_move());
	assert_int_equal(clock_now_ns(), at + 30000000000LL);
	assert_false(clock_move_waiting());
}

static void test_moves_one_at_a_time_with_the_calendar(void **state)
{
	int64_t at = clock_now_ns(), wall = clock_wall_s();

	(void)state;
	write_moves("+1000\n+2000\n+3000\n");
	for (int64_t step = 1; step <= 3; step++) {
		assert_true(clock_take_move());
		at += step * 1000000000LL;
		assert_int_equal(clock_now_ns(), at);
	}
	assert_int_equal(clock_wall_s(), wall + 6);
	assert_false(clock_take_move());
}

static void test_a_line_that_is_not_a_move_changes_nothing(void **state)
{
	static const char *const bad[] = {"30000\n", "+\n", "+-5\n", "+1e3\n", "+86400001\n"};
	int64_t at = clock_now_ns();

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_moves(bad[i]);
		clock_take_move();
		assert_int_equal(clock_now_ns(), at);
	}
	write_moves("+5\n");
	assert_true(clock_take_move());
	assert_int_equal(clock_now_ns(), at + 5000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_time_stands_still_until_moved),
	    cmocka_unit_test(test_a_move_written_is_waiting_at_once),
	    cmocka_unit_test(test_moves_one_at_a_time_with_the_calendar),
	    cmocka_unit_test(test_a_line_that_is_not_a_move_changes_nothing),
	};
	return cmocka_run_group_tests(tests, set_up, tear_down);
}
