/* paths.h — where tendo looks for its files.
 *
 * Every function writes into a buffer the caller owns and returns it, or
 * NULL when the path would not fit or can't be known.
 */
#ifndef TENDO_PATHS_H
#define TENDO_PATHS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* The routines that ship: the source tree's routines/ when this binary runs
 * from its build tree, else the installed $(pkgdatadir)/routines. */
char *paths_shipped_routines(char *buf, size_t size);

/* The person's own routines: $XDG_CONFIG_HOME/tendo/routines, by default
 * ~/.config/tendo/routines. */
char *paths_user_routines(char *buf, size_t size);

/* The config file: $XDG_CONFIG_HOME/tendo/config, by default
 * ~/.config/tendo/config. */
char *paths_user_config(char *buf, size_t size);

/* The log's folder: $XDG_DATA_HOME/tendo, by default ~/.local/share/tendo. */
char *paths_data_dir(char *buf, size_t size);

enum { PATHS_SYSTEM_CONFIGS = 2 };

/* The system's config files, read in order (a later one's settings win):
 * /etc/tendo/config, then $(sysconfdir)/tendo/config when that is
 * elsewhere; or only $TENDO_SYSTEM_CONFIG when it is set. Returns how many
 * paths were filled. */
size_t paths_system_configs(char bufs[PATHS_SYSTEM_CONFIGS][PATH_MAX]);

/* The report's drawing module: the build tree's report.so when this
 * binary runs from its build tree, else the installed
 * $(pkglibexecdir)/report.so. */
char *paths_report_module(char *buf, size_t size);

/* The cue sounds: the build tree's sounds/ (made by the build) when this
 * binary runs from its build tree, else the installed $(pkgdatadir)/sounds. */
char *paths_shipped_sounds(char *buf, size_t size);

/* The folder for spoken words: $XDG_CACHE_HOME/tendo/voice-1 (the number changes when the words
 * would sound different), by default
 * ~/.cache/tendo/voice-1, made if missing. NULL when it can't be made. */
char *paths_voice_cache(char *buf, size_t size);

/* Makes each folder of dir in turn, as mkdir -p does (mode 0700). False,
 * with errno, when one can't be made. */
bool paths_make_folders(const char *dir);

#endif
