/* paths.c — where tendo looks for its files (see paths.h). */
#include "paths.h"

#include <limits.h>
#include <stdbool.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static char *fill(char *buf, size_t size, const char *a, const char *b)
{
	int n = snprintf(buf, size, "%s%s", a, b);
	return n < 0 || (size_t)n >= size ? NULL : buf;
}

/* True when this executable sits in the build tree it was built in. */
static bool running_from_build_tree(void)
{
	char exe[PATH_MAX], real_build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	if (!realpath(TENDO_BUILDDIR, real_build))
		return false;
	return strcmp(exe, real_build) == 0;
}

char *paths_shipped_routines(char *buf, size_t size)
{
	const char *dir = getenv("TENDO_DATADIR");

	if (dir && *dir)
		return fill(buf, size, dir, "/routines");
	if (running_from_build_tree())
		return fill(buf, size, TENDO_SRCDIR, "/routines");
	return fill(buf, size, TENDO_PKGDATADIR, "/routines");
}

char *paths_user_routines(char *buf, size_t size)
{
	const char *config = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (config && config[0] == '/')
		return fill(buf, size, config, "/tendo/routines");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return NULL;
	return fill(buf, size, home, "/.config/tendo/routines");
}
