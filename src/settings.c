/* settings.c — the config file (see settings.h). */
#include "settings.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "duration.h"
#include "pin.h"
#include "sinks.h"

struct settings settings_defaults(void)
{
	struct settings s = {.voice = -1, .kiosk = -1, .idle_ms = -1};
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

/* A yes-or-no value into *out; false when it is neither. */
static bool parse_yes_no(const char *value, int *out)
{
	if (!strcasecmp(value, "yes") || !strcasecmp(value, "on") || !strcasecmp(value, "true"))
		*out = 1;
	else if (!strcasecmp(value, "no") || !strcasecmp(value, "off") ||
	         !strcasecmp(value, "false"))
		*out = 0;
	else
		return false;
	return true;
}

bool settings_pin_valid(const char *pin)
{
	size_t n = strlen(pin);

	if (n < PIN_DIGITS_MIN || n > PIN_DIGITS_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return false;
	return true;
}

/* Each setting's reader: stores value in out, or writes why not into
 * message and returns false. */
typedef bool (*setting_reader)(const char *value, struct settings *out, char *message, size_t size);

static bool read_sound(const char *value, struct settings *out, char *message, size_t size)
{
	struct sound_request request;
	struct tendo_error err;

	if (strlen(value) >= sizeof out->sound || !sinks_parse(value, &request, &err)) {
		snprintf(message, size, "%s",
		         strlen(value) >= sizeof out->sound ? "too long for sound" : err.message);
		return false;
	}
	snprintf(out->sound, sizeof out->sound, "%s", value);
	return true;
}

static bool read_voice(const char *value, struct settings *out, char *message, size_t size)
{
	if (parse_yes_no(value, &out->voice))
		return true;
	snprintf(message, size, "voice takes yes or no, found \"%s\"", value);
	return false;
}

static bool read_kiosk(const char *value, struct settings *out, char *message, size_t size)
{
	if (parse_yes_no(value, &out->kiosk))
		return true;
	snprintf(message, size, "kiosk takes yes or no, found \"%s\"", value);
	return false;
}

static bool read_admin_pin(const char *value, struct settings *out, char *message, size_t size)
{
	if (value[0] != '$' && !settings_pin_valid(value)) {
		snprintf(message, size,
		         "admin-pin takes %d to %d digits, or a hash from tendo hash-pin",
		         PIN_DIGITS_MIN, PIN_DIGITS_MAX);
		return false;
	}
	snprintf(out->admin_pin, sizeof out->admin_pin, "%s", value);
	return true;
}

/* An ALSA PCM name: "hw:0", "plughw:1,0", "default", a name from
 * asound.conf; checked when it is opened, not here. */
static bool read_sound_device(const char *value, struct settings *out, char *message, size_t size)
{
	if (strlen(value) >= sizeof out->sound_device ||
	    strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:,.=-") !=
	        strlen(value)) {
		snprintf(message, size,
		         "sound-device takes an ALSA device's name, such as hw:0 or plughw:1,0");
		return false;
	}
	snprintf(out->sound_device, sizeof out->sound_device, "%s", value);
	return true;
}

/* What the log and the staff's screen call this kiosk: letters, digits,
 * and - _ . and spaces between, as a person would label a PC. */
static bool read_kiosk_name(const char *value, struct settings *out, char *message, size_t size)
{
	size_t len = strlen(value);

	if (len == 0 || len >= sizeof out->kiosk_name ||
	    strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.- ") !=
	        len) {
		snprintf(message, size,
		         "kiosk-name takes a name of up to %zu letters, digits, spaces, - _ or ., "
		         "such as stretching-1",
		         sizeof out->kiosk_name - 1);
		return false;
	}
	snprintf(out->kiosk_name, sizeof out->kiosk_name, "%s", value);
	return true;
}

static bool read_idle(const char *value, struct settings *out, char *message, size_t size)
{
	int64_t ms;

	if (!duration_parse(value, &ms) || ms < 10000 || ms > 24 * 3600 * 1000) {
		snprintf(message, size,
		         "idle takes a time from 10s to 24h, such as 2m or 90s, found \"%s\"",
		         value);
		return false;
	}
	out->idle_ms = ms;
	return true;
}

static bool read_routines(const char *value, struct settings *out, char *message, size_t size)
{
	if (value[0] != '/') {
		snprintf(message, size, "routines takes a folder's full path, from /");
		return false;
	}
	if (out->routine_count == SETTINGS_MAX_FOLDERS) {
		snprintf(message, size, "at most %d routines folders", SETTINGS_MAX_FOLDERS);
		return false;
	}
	snprintf(out->routines[out->routine_count++], SETTINGS_MAX_VALUE, "%s", value);
	return true;
}

static bool read_data_dir(const char *value, struct settings *out, char *message, size_t size)
{
	if (value[0] != '/') {
		snprintf(message, size, "data-dir takes a folder's full path, from /");
		return false;
	}
	snprintf(out->data_dir, sizeof out->data_dir, "%s", value);
	return true;
}

bool settings_is_database(const char *text)
{
	/* A folder's name never has a '=' in it in tendo's settings. */
	return strncmp(text, "postgresql://", 13) == 0 || strncmp(text, "postgres://", 11) == 0 ||
	       strchr(text, '=') != NULL;
}

static bool read_database(const char *value, struct settings *out, char *message, size_t size)
{
	if (!settings_is_database(value) || strlen(value) >= sizeof out->database) {
		snprintf(message, size,
		         "database takes a PostgreSQL database: a URI such as "
		         "postgresql://db.gym.lan/tendo, a connection string such as "
		         "\"host=db.gym.lan dbname=tendo\", or service=NAME");
		return false;
	}
	snprintf(out->database, sizeof out->database, "%s", value);
	return true;
}

static const struct {
	const char *key;
	setting_reader read;
	bool system_only;
} setting_keys[] = {
    {"sound", read_sound, false},
    {"voice", read_voice, false},
    {"kiosk", read_kiosk, false},
    {"admin-pin", read_admin_pin, true},
    {"idle", read_idle, false},
    {"routines", read_routines, false},
    {"data-dir", read_data_dir, false},
    {"sound-device", read_sound_device, false},
    {"kiosk-name", read_kiosk_name, true},
    {"database", read_database, false},
};

/* "key = value", with its key and value found: the setting's reader. */
static void apply(const char *key, const char *value, int number, int key_col, int value_col,
                  const char *file, enum settings_scope scope, struct settings *out,
                  struct settings_errors *errors)
{
	char message[ERROR_MESSAGE_MAX];

	for (size_t i = 0; i < sizeof setting_keys / sizeof setting_keys[0]; i++) {
		if (strcmp(key, setting_keys[i].key) != 0)
			continue;
		if (setting_keys[i].system_only && scope != SETTINGS_SYSTEM) {
			snprintf(message, sizeof message,
			         "%s belongs in the system's config (/etc/tendo/config)", key);
			add(errors, file, number, key_col, message);
		} else if (!setting_keys[i].read(value, out, message, sizeof message)) {
			add(errors, file, number, value_col, message);
		}
		return;
	}
	snprintf(message, sizeof message,
	         "unknown setting \"%s\"; tendo knows sound, sound-device, voice, kiosk, "
	         "kiosk-name, admin-pin, idle, routines, data-dir and database",
	         key);
	add(errors, file, number, key_col, message);
}

/* One line, without its newline: "key = value", a comment, or blank. */
static void parse_line(const char *line, size_t len, const char *file, int number,
                       enum settings_scope scope, struct settings *out,
                       struct settings_errors *errors)
{
	size_t k = 0, key_end, eq, v, v_end = len;
	char key[32], value[SETTINGS_MAX_VALUE];

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
	apply(key, value, number, (int)k + 1, (int)v + 1, file, scope, out, errors);
}

bool settings_parse(const char *text, size_t len, const char *file, enum settings_scope scope,
                    struct settings *out, struct settings_errors *errors)
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
			parse_line(text + start, i - start, file, number++, scope, out, errors);
			start = i + 1;
		}
	return errors->count == 0;
}
