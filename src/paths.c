/* paths.c — where tendo looks for its files (see paths.h). */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* A folder of what ships: under $TENDO_DATADIR when set; in the build tree
 * (build_root: the source tree for files kept in git, the build tree for
 * files the build makes) for a binary run from it; else installed. */
static char *shipped(char *buf, size_t size, const char *build_root, const char *tail)
{
	const char *dir = getenv("TENDO_DATADIR");

	if (dir && *dir)
		return fill(buf, size, dir, tail);
	if (running_from_build_tree())
		return fill(buf, size, build_root, tail);
	return fill(buf, size, TENDO_PKGDATADIR, tail);
}

char *paths_report_module(char *buf, size_t size)
{
	return fill(buf, size, running_from_build_tree() ? TENDO_BUILDDIR : TENDO_PKGLIBEXECDIR,
	            "/report.so");
}

char *paths_shipped_routines(char *buf, size_t size)
{
	return shipped(buf, size, TENDO_SRCDIR, "/routines");
}

char *paths_shipped_sounds(char *buf, size_t size)
{
	return shipped(buf, size, TENDO_BUILDDIR, "/sounds");
}

/* $XDG_..._HOME/tail, or ~/fallback/tail: the XDG base directory rule. */
static char *xdg_path(char *buf, size_t size, const char *variable, const char *fallback,
                      const char *tail)
{
	const char *base = getenv(variable);
	const char *home = getenv("HOME");
	char joined[PATH_MAX];

	if (base && base[0] == '/')
		return fill(buf, size, base, tail);
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || snprintf(joined, sizeof joined, "%s/%s", home, fallback) >= (int)sizeof joined)
		return NULL;
	return fill(buf, size, joined, tail);
}

char *paths_user_routines(char *buf, size_t size)
{
	return xdg_path(buf, size, "XDG_CONFIG_HOME", ".config", "/tendo/routines");
}

char *paths_data_dir(char *buf, size_t size)
{
	return xdg_path(buf, size, "XDG_DATA_HOME", ".local/share", "/tendo");
}

char *paths_user_config(char *buf, size_t size)
{
	return xdg_path(buf, size, "XDG_CONFIG_HOME", ".config", "/tendo/config");
}

bool paths_make_folders(const char *dir)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return false;
	}
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return false;
		}
		*p = '/';
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

char *paths_voice_cache(char *buf, size_t size)
{
	if (!xdg_path(buf, size, "XDG_CACHE_HOME", ".cache", "/tendo/voice-1"))
		return NULL;
	return paths_make_folders(buf) ? buf : NULL;
}

size_t paths_system_configs(char bufs[PATHS_SYSTEM_CONFIGS][PATH_MAX])
{
	const char *chosen = getenv("TENDO_SYSTEM_CONFIG");
	size_t n = 0;

	if (chosen && *chosen)
		return fill(bufs[0], PATH_MAX, chosen, "") ? 1 : 0;
	if (fill(bufs[n], PATH_MAX, "/etc", "/tendo/config"))
		n++;
	if (strcmp(TENDO_SYSCONFDIR, "/etc") != 0 &&
	    fill(bufs[n], PATH_MAX, TENDO_SYSCONFDIR, "/tendo/config"))
		n++;
	return n;
}
