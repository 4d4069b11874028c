/* process.c — whether a process is still the one it was (see process.h). */
#include "process.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* When the system booted (seconds since 1970), from /proc/stat; 0 when
 * unknown. */
static int64_t boot_time(void)
{
	char line[256];
	long long btime = 0;
	FILE *f = fopen("/proc/stat", "r");

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "btime %lld", &btime) == 1)
			break;
	if (f)
		fclose(f);
	return btime;
}

/* See process.h. From /proc/PID/stat: the state, and the start time after
 * the command's name, counted from boot_time(). */
bool process_running(int64_t pid, int64_t claimed)
{
	char path[64], line[1024], state;
	unsigned long long start_ticks;
	int64_t boot = boot_time();
	FILE *f;
	char *close_paren;
	bool running = true;

	if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
		return false;
	snprintf(path, sizeof path, "/proc/%lld/stat", (long long)pid);
	f = fopen(path, "r");
	if (!f)
		return true; /* no /proc: kill said it is there */
	/* After the command's name: state, then 18 fields to the start time. */
	if (fgets(line, sizeof line, f) && (close_paren = strrchr(line, ')')) &&
	    sscanf(
	        close_paren + 1,
	        " %c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %llu",
	        &state, &start_ticks) == 2) {
		int64_t began =
		    boot + (int64_t)(start_ticks / (unsigned long long)sysconf(_SC_CLK_TCK));
		running = state != 'Z' && state != 'X' && (boot == 0 || began <= claimed + 2);
	}
	fclose(f);
	return running;
}
