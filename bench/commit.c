/* commit.c — how long a set takes to reach the log, for the benchmark.
 *
 *   commit DIR SETS WRITERS [DATABASE]
 *
 * WRITERS processes (kiosks on one log) each begin a session in DIR's log
 * (or in the PostgreSQL DATABASE, a libpq connection string)
 * and write SETS sets through the store, one at a time, as a session does
 * (each its own synced transaction). Prints the median and the 99th
 * percentile of one set's commit, in milliseconds, over every set of
 * every writer, and the sets each writer lost (which must be none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One writer: its sets' commit times, in ms, into out (through a pipe). */
static int write_sets(const char *dir, const char *database, int sets, int writer, int out)
{
	struct store *store;
	struct tendo_error err;
	char name[32];
	int64_t profile, session;

	snprintf(name, sizeof name, "kiosk %d", writer);
	if (!store_open_database(database, dir, &store, &err)) {
		fprintf(stderr, "commit: %s\n", err.message);
		return 1;
	}
	store_set_place(store, name);
	if ((profile = store_profile(store, name, &err)) < 0 ||
	    (session = store_session_begin(store, profile, "bench", NULL, LEG_LEFT, &err)) < 0) {
		fprintf(stderr, "commit: %s\n", err.message);
		return 1;
	}
	for (int i = 0; i < sets; i++) {
		struct store_set set = {(size_t)i, "Heel drop", LEG_LEFT, i % 3 + 1, true, 15,
		                        15,        0,           0,        "2.5 kg",  0};
		double start = now_ms();
		if (!store_set_done(store, session, &set, &err)) {
			fprintf(stderr, "commit: %s\n", err.message);
			return 1;
		}
		double took = now_ms() - start;
		if (write(out, &took, sizeof took) != sizeof took)
			return 1;
	}
	store_close(store);
	return 0;
}

int main(int argc, char **argv)
{
	int sets = argc > 2 ? atoi(argv[2]) : 0, writers = argc > 3 ? atoi(argv[3]) : 0;
	int pipefd[2], failed = 0;
	double *times;
	size_t n = 0;

	if (argc < 4 || argc > 5 || sets < 1 || sets > 100000 || writers < 1 || writers > 16) {
		fprintf(stderr, "usage: commit DIR SETS WRITERS [DATABASE]\n");
		return 2;
	}
	if (!(times = calloc((size_t)sets * (size_t)writers, sizeof *times)) || pipe(pipefd) != 0)
		return 1;
	for (int w = 0; w < writers; w++)
		if (fork() == 0) {
			close(pipefd[0]);
			_exit(write_sets(argv[1], argc > 4 ? argv[4] : NULL, sets, w, pipefd[1]));
		}
	close(pipefd[1]);
	while (n < (size_t)sets * (size_t)writers &&
	       read(pipefd[0], &times[n], sizeof times[n]) == sizeof times[n])
		n++;
	for (int w = 0; w < writers; w++) {
		int status;
		wait(&status);
		failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	if (failed || n == 0) {
		fprintf(stderr, "commit: %d writers failed\n", failed);
		return 1;
	}
	qsort(times, n, sizeof *times, by_value);
	printf("median %.3f p99 %.3f sets %zu lost %zu\n", times[n / 2], times[(n * 99) / 100], n,
	       (size_t)sets * (size_t)writers - n);
	free(times);
	return 0;
}
