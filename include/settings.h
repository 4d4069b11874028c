/* settings.h — the config file: lasting choices the command line can
 * override.
 *
 *   # $XDG_CONFIG_HOME/tendo/config
 *   sound = canberra,flash
 *   voice = yes
 *
 * Pure: parses a buffer the caller has read.
 */
#ifndef TENDO_SETTINGS_H
#define TENDO_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum { SETTINGS_MAX_FILE = 64 * 1024, SETTINGS_ERRORS_MAX = 8 };

struct settings {
	char sound[64]; /* a --sound value; "" when not set */
	int voice;      /* 1 yes, 0 no, -1 not set */
};

struct settings_errors {
	struct tendo_error items[SETTINGS_ERRORS_MAX];
	size_t count;
};

/* The settings when nothing is set. */
struct settings settings_defaults(void);

/* Parses len bytes of text from file into *out (which keeps what it had
 * for keys the text does not set). Lines it can't use are reported in
 * errors with their line and column, and skipped. Returns true when there
 * were none. */
bool settings_parse(const char *text, size_t len, const char *file, struct settings *out,
                    struct settings_errors *errors);

#endif
