/* settings.c — the config file (see settings.h). */
#include "settings.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sinks.h"

struct settings settings_defaults(void)
{
	struct settings s = {"", -1};
	return s;
}

static void add(struct settings_errors *errors, const char *file, int line, int column,
                const char *message)
{
	if (errors->count < SETTINGS_ERRORS_MAX)
		error_set(&errors->items[errors->count++], file, line, column, "%s", message);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One line, without its newline: "key = value", a comment, or blank. */
static void parse_line(const char *line, size_t len, const char *file, int number,
                       struct settings *out, struct settings_errors *errors)
{
	size_t k = 0, key_end, eq, v, v_end = len;
	char key[32], value[64], message[ERROR_MESSAGE_MAX];

	while (k < len && is_space(line[k]))
		k++;
	if (k == len || line[k] == '#')
		return;
	key_end = k;
	while (key_end < len && !is_space(line[key_end]) && line[key_end] != '=')
		key_end++;
	eq = key_end;
	while (eq < len && is_space(line[eq]))
		eq++;
	if (eq == len || line[eq] != '=') {
		add(errors, file, number, (int)eq + 1,
		    "expected \"key = value\", such as sound = bell");
		return;
	}
	v = eq + 1;
	while (v < len && is_space(line[v]))
		v++;
	while (v_end > v && is_space(line[v_end - 1]))
		v_end--;
	if (key_end - k >= sizeof key || v_end - v >= sizeof value) {
		add(errors, file, number, (int)k + 1, "this line is too long for a setting");
		return;
	}
	snprintf(key, sizeof key, "%.*s", (int)(key_end - k), line + k);
	snprintf(value, sizeof value, "%.*s", (int)(v_end - v), line + v);
	if (strcmp(key, "sound") == 0) {
		struct sound_request request;
		struct tendo_error err;
		if (sinks_parse(value, &request, &err))
			snprintf(out->sound, sizeof out->sound, "%s", value);
		else
			add(errors, file, number, (int)v + 1, err.message);
	} else if (strcmp(key, "voice") == 0) {
		if (!strcasecmp(value, "yes") || !strcasecmp(value, "on") ||
		    !strcasecmp(value, "true"))
			out->voice = 1;
		else if (!strcasecmp(value, "no") || !strcasecmp(value, "off") ||
		         !strcasecmp(value, "false"))
			out->voice = 0;
		else {
			snprintf(message, sizeof message, "voice takes yes or no, found \"%s\"",
			         value);
			add(errors, file, number, (int)v + 1, message);
		}
	} else {
		snprintf(message, sizeof message,
		         "unknown setting \"%s\"; tendo knows sound and voice", key);
		add(errors, file, number, (int)k + 1, message);
	}
}

bool settings_parse(const char *text, size_t len, const char *file, struct settings *out,
                    struct settings_errors *errors)
{
	size_t start = 0;
	int number = 1;

	errors->count = 0;
	if (len > SETTINGS_MAX_FILE) {
		add(errors, file, 0, 0, "the config file is too large (over 64 KiB)");
		return false;
	}
	if (memchr(text, '\0', len)) {
		add(errors, file, 0, 0, "the config file must be text, found a NUL byte");
		return false;
	}
	for (size_t i = 0; i <= len; i++)
		if (i == len || text[i] == '\n') {
			parse_line(text + start, i - start, file, number++, out, errors);
			start = i + 1;
		}
	return errors->count == 0;
}
