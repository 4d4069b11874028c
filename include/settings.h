/* settings.h — the config files: lasting choices the command line can
 * override.
 *
 *   # $XDG_CONFIG_HOME/tendo/config
 *   sound = canberra,flash
 *   voice = yes
 *
 *   # /etc/tendo/config, the system's: also a kiosk's settings
 *   kiosk = yes
 *   kiosk-name = stretching-1   (this PC, in the log; the host's name by default)
 *   sound-device = hw:0         (an ALSA device, for a card played straight)
 *   admin-pin = $y$j9T$...      (from tendo hash-pin; or the digits)
 *   idle = 2m
 *   routines = /srv/tendo/routines
 *   data-dir = /var/lib/tendo
 *
 * Pure: parses a buffer the caller has read.
 */
#ifndef TENDO_SETTINGS_H
#define TENDO_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum {
	SETTINGS_MAX_FILE = 64 * 1024,
	SETTINGS_ERRORS_MAX = 8,
	SETTINGS_MAX_FOLDERS = 8,
	SETTINGS_MAX_VALUE = 256,
};

/* Which file is read: some settings belong to the system's alone. */
enum settings_scope { SETTINGS_USER, SETTINGS_SYSTEM };

struct settings {
	char sound[64];                     /* a --sound value; "" when not set */
	char sound_device[64];              /* the ALSA device for alsa; "" for "default" */
	int voice;                          /* 1 yes, 0 no, -1 not set */
	int kiosk;                          /* 1 yes, 0 no, -1 not set */
	char admin_pin[SETTINGS_MAX_VALUE]; /* digits or a crypt(3) hash; "" when not set */
	int64_t idle_ms;                    /* a kiosk's idle time; -1 when not set */
	char routines[SETTINGS_MAX_FOLDERS][SETTINGS_MAX_VALUE]; /* routine folders */
	size_t routine_count;
	char data_dir[SETTINGS_MAX_VALUE]; /* "" when not set */
	char kiosk_name[64];               /* "" when not set: the host's name */
	/* The PostgreSQL database the log is kept in (settings_is_database);
	 * "" when not set: the SQLite file in data-dir. */
	char database[SETTINGS_MAX_VALUE];
};

struct settings_errors {
	struct tendo_error items[SETTINGS_ERRORS_MAX];
	size_t count;
};

/* The settings when nothing is set. */
struct settings settings_defaults(void);

/* Parses len bytes of text from file into *out (which keeps what it had
 * for keys the text does not set; routines add to the folders). Lines it
 * can't use are reported in errors with their line and column, and
 * skipped. Returns true when there were none. */
bool settings_parse(const char *text, size_t len, const char *file, enum settings_scope scope,
                    struct settings *out, struct settings_errors *errors);

/* A kiosk's PIN as typed: 4 to 12 digits. */
bool settings_pin_valid(const char *pin);

/* True when text names a PostgreSQL database the way libpq takes one: a
 * postgresql:// (or postgres://) URI, or a connection string of
 * key=value pairs ("host=db.gym dbname=tendo", "service=gym"). */
bool settings_is_database(const char *text);

#endif
