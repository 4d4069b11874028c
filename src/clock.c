/* clock.c — the one clock (see clock.h). */
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { MOVE_MAX_MS = 86400000 };

/* A driven clock: where it stands, and what has been read of the FIFO
 * but not yet applied. */
static struct {
	int fd;
	int64_t now_ns;
	int64_t started_ns, started_wall_ns; /* when it began to be driven */
	char pending[4096];
	size_t used;
} driven = {.fd = -1};

static int64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t clock_now_ns(void)
{
	return driven.fd >= 0 ? driven.now_ns : monotonic_ns();
}

int64_t clock_real_ns(void)
{
	return monotonic_ns();
}

int64_t clock_wall_s(void)
{
	/* A driven clock moves the calendar with it: what the log is stamped
	 * with stays in step with what the screens saw. */
	if (driven.fd >= 0)
		return (driven.started_wall_ns + driven.now_ns - driven.started_ns) / 1000000000;
	return (int64_t)time(NULL);
}

bool clock_drive(const char *path, char *why, size_t why_size)
{
	/* Read and write: the FIFO then never reads as closed between two
	 * writers, and opening it does not wait for one. */
	int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	struct timespec wall;

	if (fd < 0) {
		snprintf(why, why_size, "can't open the test clock %s: %s", path, strerror(errno));
		return false;
	}
	clock_gettime(CLOCK_REALTIME, &wall);
	driven.now_ns = driven.started_ns = monotonic_ns();
	driven.started_wall_ns = (int64_t)wall.tv_sec * 1000000000 + wall.tv_nsec;
	driven.fd = fd;
	return true;
}

int clock_driven_fd(void)
{
	return driven.fd;
}

static void apply_move(const char *line)
{
	char *end;
	long ms;

	errno = 0;
	ms = line[0] == '+' ? strtol(line + 1, &end, 10) : -1;
	if (line[0] != '+' || end == line + 1 || *end || errno || ms < 0 || ms > MOVE_MAX_MS) {
		fprintf(stderr, "tendo: the test clock takes +MS, found \"%.40s\"\n", line);
		return;
	}
	driven.now_ns += (int64_t)ms * 1000000;
}

static char *line_end(void)
{
	return memchr(driven.pending, '\n', driven.used);
}

/* Reads what the FIFO holds, without waiting, when no whole move is
 * already read. */
static void read_moves(void)
{
	ssize_t n;

	if (line_end() || driven.used == sizeof driven.pending)
		return;
	n = read(driven.fd, driven.pending + driven.used, sizeof driven.pending - driven.used);
	if (n > 0)
		driven.used += (size_t)n;
}

bool clock_move_waiting(void)
{
	if (driven.fd < 0)
		return false;
	read_moves();
	return line_end() != NULL;
}

bool clock_take_move(void)
{
	char *end;

	if (driven.fd < 0)
		return false;
	read_moves();
	end = line_end();
	if (!end) {
		if (driven.used == sizeof driven.pending)
			driven.used = 0; /* a line longer than any move: dropped */
		return false;
	}
	*end = '\0';
	apply_move(driven.pending);
	driven.used -= (size_t)(end + 1 - driven.pending);
	memmove(driven.pending, end + 1, driven.used);
	return true;
}
