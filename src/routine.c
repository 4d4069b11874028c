/* routine.c — reading routine files with libyaml (see routine.h).
 *
 * The file is checked in three passes, each with its own clear messages:
 * bytes (UTF-8, tabs, size), YAML syntax (libyaml's loader), then the
 * shape (keys, types, ranges), which walks libyaml's node tree and keeps
 * going after an error so that one run of `tendo check` shows them all.
 */
#include "routine.h"

#include <ctype.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "duration.h"

struct reader {
	yaml_document_t *doc;
	const char *file;
	struct routine_errors *errors;
};

/* ---------------------------------------------------------------- errors */

static void add_error(struct reader *r, const yaml_mark_t *mark, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_error_at(struct routine_errors *errors, const char *file, int line, int column,
                         const char *message)
{
	if (errors->count == ROUTINE_ERRORS_MAX) {
		errors->dropped++;
		return;
	}
	error_set(&errors->items[errors->count++], file, line, column, "%s", message);
}

static void add_error(struct reader *r, const yaml_mark_t *mark, const char *fmt, ...)
{
	char message[ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	add_error_at(r->errors, r->file, (int)mark->line + 1, (int)mark->column + 1, message);
}

/* ------------------------------------------------------------ byte checks */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned min;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2, min = 0x80, cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, min = 0x800, cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, min = 0x10000, cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Checks what libyaml would report badly or not at all: bytes that are not
 * UTF-8, NUL bytes, and tabs used for indentation. */
static bool check_bytes(const char *text, size_t len, const char *file,
                        struct routine_errors *errors)
{
	const unsigned char *s = (const unsigned char *)text;
	int line = 1, column = 1;
	bool line_start = true;
	char message[ERROR_MESSAGE_MAX];

	for (size_t i = 0; i < len;) {
		size_t n = utf8_sequence(s + i, len - i);
		if (n == 0) {
			snprintf(
			    message, sizeof message,
			    "the file must be UTF-8 text, found the byte 0x%02X; save it as UTF-8",
			    s[i]);
			add_error_at(errors, file, line, column, message);
			return false;
		}
		if (s[i] == '\0') {
			add_error_at(errors, file, line, column,
			             "the file must be text, found a NUL byte");
			return false;
		}
		if (s[i] == '\t' && line_start) {
			add_error_at(errors, file, line, column,
			             "indentation must use spaces, found a tab");
			return false;
		}
		if (s[i] == '\n') {
			line++, column = 1, line_start = true;
		} else {
			if (s[i] != ' ' && s[i] != '\t')
				line_start = false;
			column++;
		}
		i += n;
	}
	return true;
}

/* ------------------------------------------------------------ node access */

static yaml_node_t *node_at(struct reader *r, int index)
{
	return yaml_document_get_node(r->doc, index);
}

/* How a node looks in "found ..." messages: the text for a scalar,
 * shortened and with control characters escaped. */
static const char *describe(const yaml_node_t *node, char *buf, size_t size)
{
	size_t out = 0;

	if (node->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (node->type == YAML_MAPPING_NODE)
		return "a set of keys";
	if (node->data.scalar.length == 0)
		return "nothing";
	buf[out++] = '"';
	for (size_t i = 0; i < node->data.scalar.length && out + 6 < size; i++) {
		unsigned char c = node->data.scalar.value[i];
		if (i == 40) {
			memcpy(buf + out, "...", 3);
			out += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f)
			out += (size_t)snprintf(buf + out, size - out, "\\x%02X", c);
		else
			buf[out++] = (char)c;
	}
	buf[out++] = '"';
	buf[out] = '\0';
	return buf;
}

static bool scalar_is_empty(const yaml_node_t *node)
{
	return node->type == YAML_SCALAR_NODE && node->data.scalar.length == 0 &&
	       node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* The scalar's text as a new string, or NULL (with an error) when the node
 * is not text or is too long. */
static char *read_text(struct reader *r, const yaml_node_t *node, const char *what)
{
	char found[64];

	if (node->type != YAML_SCALAR_NODE || scalar_is_empty(node)) {
		add_error(r, &node->start_mark, "%s must be text, found %s", what,
		          describe(node, found, sizeof found));
		return NULL;
	}
	if (node->data.scalar.length > ROUTINE_MAX_TEXT) {
		add_error(r, &node->start_mark, "%s is too long: at most %d characters", what,
		          ROUTINE_MAX_TEXT);
		return NULL;
	}
	if (memchr(node->data.scalar.value, '\0', node->data.scalar.length)) {
		add_error(r, &node->start_mark, "%s must not contain a NUL character", what);
		return NULL;
	}
	return strndup((const char *)node->data.scalar.value, node->data.scalar.length);
}

static bool read_whole(struct reader *r, const yaml_node_t *node, const char *what, int min,
                       int max, int *out)
{
	char found[64];
	const char *s = (const char *)node->data.scalar.value;
	long value = 0;

	if (node->type == YAML_SCALAR_NODE && node->data.scalar.length > 0 &&
	    node->data.scalar.length < 10) {
		size_t i = 0;
		while (i < node->data.scalar.length && isdigit((unsigned char)s[i]))
			value = value * 10 + (s[i++] - '0');
		if (i == node->data.scalar.length && value >= min && value <= max) {
			*out = (int)value;
			return true;
		}
	}
	add_error(r, &node->start_mark, "%s must be a whole number from %d to %d, found %s", what,
	          min, max, describe(node, found, sizeof found));
	return false;
}

static bool read_duration(struct reader *r, const yaml_node_t *node, const char *what,
                          int64_t min_ms, int64_t max_ms, int64_t *out)
{
	char found[64], lo[32], hi[32];
	int64_t ms;

	if (node->type == YAML_SCALAR_NODE && node->data.scalar.length < 32 &&
	    !memchr(node->data.scalar.value, '\0', node->data.scalar.length)) {
		char text[32];
		memcpy(text, node->data.scalar.value, node->data.scalar.length);
		text[node->data.scalar.length] = '\0';
		if (duration_parse(text, &ms) && ms >= min_ms && ms <= max_ms) {
			*out = ms;
			return true;
		}
	}
	add_error(r, &node->start_mark,
	          "%s must be a duration from %s to %s (such as 30s, 1m30s or 90), found %s", what,
	          duration_format(min_ms, lo, sizeof lo), duration_format(max_ms, hi, sizeof hi),
	          describe(node, found, sizeof found));
	return false;
}

/* ---------------------------------------------------------------- mappings */

/* What a key's value is; each kind has one reader, which checks it. */
enum field_kind {
	FIELD_TEXT,     /* char *, owned by the target */
	FIELD_WHOLE,    /* int, from min to max */
	FIELD_DURATION, /* int64_t milliseconds, from min to max */
	FIELD_KG,       /* double kilograms, above 0 and up to 50 */
	FIELD_OTHER,    /* read by the field's own read() */
};

/* A key a mapping may hold: its kind, where its value goes in the target
 * (offsetof), and its limits. */
struct field {
	const char *key;
	enum field_kind kind;
	size_t offset;
	int64_t min, max;
	const char *what; /* its name in messages; NULL: the key */
	bool (*read)(struct reader *r, const yaml_node_t *value, void *target);
};

#define TEXT_FIELD(key, type, member)                                                              \
	{                                                                                          \
		key, FIELD_TEXT, offsetof(type, member), 0, 0, NULL, NULL                          \
	}
#define WHOLE_FIELD(key, type, member, min, max)                                                   \
	{                                                                                          \
		key, FIELD_WHOLE, offsetof(type, member), min, max, NULL, NULL                     \
	}
#define DURATION_FIELD(key, type, member, limits)                                                  \
	{                                                                                          \
		key, FIELD_DURATION, offsetof(type, member), limits, NULL, NULL                    \
	}
#define KG_FIELD(key, type, member)                                                                \
	{                                                                                          \
		key, FIELD_KG, offsetof(type, member), 0, 0, NULL, NULL                            \
	}
#define OTHER_FIELD(key, read)                                                                     \
	{                                                                                          \
		key, FIELD_OTHER, 0, 0, 0, NULL, read                                              \
	}

/* The limits of a duration, the same wherever it is written: in an
 * exercise, a program's block or a tempo (milliseconds). A rest of 0 runs
 * the sets back to back. */
#define HOLD_LIMITS  1000, 30 * 60000
#define REST_LIMITS  0, 30 * 60000
#define READY_LIMITS 0, 5 * 60000
#define PHASE_LIMITS 100, 60000

static bool read_kg(struct reader *r, const yaml_node_t *v, const char *key, double *kg);

/* Reads a key's value into the target as its field says. */
static bool read_field(struct reader *r, const struct field *f, const yaml_node_t *v, void *target)
{
	char *at = (char *)target + f->offset;
	const char *what = f->what ? f->what : f->key;

	switch (f->kind) {
	case FIELD_TEXT: return (*(char **)(void *)at = read_text(r, v, what)) != NULL;
	case FIELD_WHOLE:
		return read_whole(r, v, what, (int)f->min, (int)f->max, (int *)(void *)at);
	case FIELD_DURATION:
		return read_duration(r, v, what, f->min, f->max, (int64_t *)(void *)at);
	case FIELD_KG: return read_kg(r, v, what, (double *)(void *)at);
	case FIELD_OTHER: return f->read(r, v, target);
	}
	return false;
}

/* A list: what it must look like, and how many items it may hold. */
struct list_shape {
	const char *key;   /* "steps" */
	const char *shape; /* "a list of instructions, each on a line starting with \"- \"" */
	const char *items; /* "instructions" */
	size_t min, max;
};

/* The items of the list v, size bytes each, zeroed, and their number in
 * *count; NULL (with an error, unless out of memory) when v is not such a
 * list. */
static void *read_list(struct reader *r, const yaml_node_t *v, const struct list_shape *l,
                       size_t size, size_t *count)
{
	char found[64];

	if (v->type != YAML_SEQUENCE_NODE) {
		add_error(r, &v->start_mark, "%s must be %s, found %s", l->key, l->shape,
		          describe(v, found, sizeof found));
		return NULL;
	}
	*count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	if (*count < l->min || *count > l->max) {
		add_error(r, &v->start_mark, "%s must list from %zu to %zu %s, found %zu", l->key,
		          l->min, l->max, l->items, *count);
		return NULL;
	}
	return calloc(*count ? *count : 1, size);
}

/* The i-th item of a list. */
static yaml_node_t *list_item(struct reader *r, const yaml_node_t *list, size_t i)
{
	return node_at(r, list->data.sequence.items.start[i]);
}

/* Edit distance, for "did you mean" on a misspelt key. Keys are short. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[33];

	if (la > 32 || lb > 32)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (tolower((unsigned char)a[i - 1]) !=
			                      tolower((unsigned char)b[j - 1]));
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static void unknown_key(struct reader *r, const yaml_node_t *key, const char *where,
                        const struct field *fields, size_t count)
{
	char found[64], expected[256] = "";
	const char *closest = NULL;
	size_t best = 3;

	for (size_t i = 0; i < count; i++) {
		size_t d = distance((const char *)key->data.scalar.value, fields[i].key);
		if (d < best) {
			best = d;
			closest = fields[i].key;
		}
		strncat(expected, i ? ", " : "", sizeof expected - strlen(expected) - 1);
		strncat(expected, fields[i].key, sizeof expected - strlen(expected) - 1);
	}
	if (closest)
		add_error(r, &key->start_mark, "unknown key %s in %s; did you mean \"%s\"?",
		          describe(key, found, sizeof found), where, closest);
	else
		add_error(r, &key->start_mark, "unknown key %s in %s; expected one of: %s",
		          describe(key, found, sizeof found), where, expected);
}

/* True when v is a mapping (a set of keys); else an error: "<must>, found
 * <what v is>". */
static bool is_mapping(struct reader *r, const yaml_node_t *v, const char *must)
{
	char found[64];

	if (v->type == YAML_MAPPING_NODE)
		return true;
	add_error(r, &v->start_mark, "%s, found %s", must, describe(v, found, sizeof found));
	return false;
}

/* Reads each key of a mapping with its field's reader. Reports unknown and
 * duplicate keys. seen[i] is set for each field present. */
static void read_mapping(struct reader *r, const yaml_node_t *map, const char *where,
                         const struct field *fields, size_t count, void *target, bool *seen)
{
	const yaml_mark_t *first_at[32] = {0};

	for (yaml_node_pair_t *pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = node_at(r, pair->key);
		yaml_node_t *value = node_at(r, pair->value);
		char found[64];
		size_t i;

		if (key->type != YAML_SCALAR_NODE) {
			add_error(r, &key->start_mark, "a key in %s must be a word, found %s",
			          where, describe(key, found, sizeof found));
			continue;
		}
		for (i = 0; i < count; i++)
			if (key->data.scalar.length == strlen(fields[i].key) &&
			    memcmp(key->data.scalar.value, fields[i].key,
			           key->data.scalar.length) == 0)
				break;
		if (i == count) {
			unknown_key(r, key, where, fields, count);
			continue;
		}
		if (first_at[i]) {
			add_error(r, &key->start_mark,
			          "duplicate key \"%s\" in %s; it was already given at line %d, "
			          "column %d",
			          fields[i].key, where, (int)first_at[i]->line + 1,
			          (int)first_at[i]->column + 1);
			continue;
		}
		first_at[i] = &key->start_mark;
		read_field(r, &fields[i], value, target);
		seen[i] = true; /* present even if wrong: no "missing" message too */
	}
}

/* ------------------------------------------------------------ exercise keys */

static const char *const side_words[] = {
    [SIDES_NONE] = "none", [SIDES_LEFT] = "left",         [SIDES_RIGHT] = "right",
    [SIDES_BOTH] = "both", [SIDES_AFFECTED] = "affected",
};

const char *sides_name(enum sides sides)
{
	return side_words[sides];
}

const char *leg_name(enum leg leg)
{
	return leg == LEG_LEFT ? "left leg" : leg == LEG_RIGHT ? "right leg" : "both legs";
}

static bool read_sides(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	char found[64];

	if (v->type == YAML_SCALAR_NODE)
		for (size_t i = 0; i < sizeof side_words / sizeof side_words[0]; i++)
			if (v->data.scalar.length == strlen(side_words[i]) &&
			    memcmp(v->data.scalar.value, side_words[i], v->data.scalar.length) ==
			        0) {
				e->sides = (enum sides)i;
				return true;
			}
	add_error(r, &v->start_mark,
	          "sides must be one of left, right, both, affected or none, found %s",
	          describe(v, found, sizeof found));
	return false;
}

static const struct list_shape steps_list = {
    "steps", "a list of instructions, each on a line starting with \"- \"", "instructions", 0,
    ROUTINE_MAX_STEPS};

static bool read_steps(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	size_t count;

	if (!(e->steps = read_list(r, v, &steps_list, sizeof *e->steps, &count)))
		return false;
	for (size_t i = 0; i < count; i++) {
		char *text = read_text(r, list_item(r, v, i), "a step");
		if (text)
			e->steps[e->step_count++] = text;
	}
	return true;
}

const char *routine_load_text(double kg, char *buf, size_t size)
{
	if (kg > 0)
		snprintf(buf, size, "%g kg", kg);
	else
		snprintf(buf, size, "bodyweight");
	return buf;
}

/* load: "bodyweight", "5 kg", or a plain number of kilograms. */
static bool read_load(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	char *text = read_text(r, v, "load");
	char *end;
	double kg;

	if (!text)
		return false;
	kg = strtod(text, &end);
	if (end != text && *end == '\0' && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (kg < 0 || kg > 1000) {
			char found[64];
			add_error(r, &v->start_mark,
			          "load must be text such as \"bodyweight\" or a number of "
			          "kilograms from 0 to 1000, found %s",
			          describe(v, found, sizeof found));
			free(text);
			return false;
		}
		char buf[32];
		routine_load_text(kg, buf, sizeof buf);
		free(text);
		text = strdup(buf);
	}
	e->load = text;
	return text != NULL;
}

/* One phase: "lower: 3s", or "lower: { time: 3s, note: affected leg, slowly }". */
static const struct field phase_fields[] = {
    {"time", FIELD_DURATION, offsetof(struct phase, ms), PHASE_LIMITS, "a tempo phase", NULL},
    TEXT_FIELD("note", struct phase, note),
};

static void read_phase(struct reader *r, const yaml_node_t *key, const yaml_node_t *value,
                       struct phase *p)
{
	p->name = read_text(r, key, "a tempo phase's name");
	if (value->type == YAML_MAPPING_NODE) {
		bool seen[2] = {false, false};
		read_mapping(r, value, "a tempo phase", phase_fields, 2, p, seen);
		if (!seen[0])
			add_error(r, &value->start_mark,
			          "a tempo phase needs a time, such as time: 3s");
	} else {
		read_field(r, &phase_fields[0], value, p);
	}
}

static bool read_tempo(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	char found[64];
	size_t count;

	if (!is_mapping(
	        r, v,
	        "tempo must list the phases of a rep in order, such as { raise: 1s, lower: 3s }"))
		return false;
	count = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
	if (count == 0 || count > ROUTINE_MAX_PHASES) {
		add_error(r, &v->start_mark, "tempo must have from 1 to %d phases, found %zu",
		          ROUTINE_MAX_PHASES, count);
		return false;
	}
	e->phases = calloc(count, sizeof *e->phases);
	if (!e->phases)
		return false;
	for (size_t i = 0; i < count; i++) {
		const yaml_node_pair_t *pair = &v->data.mapping.pairs.start[i];
		const yaml_node_t *key = node_at(r, pair->key);
		for (size_t j = 0; j < i; j++) {
			const yaml_node_t *other = node_at(r, v->data.mapping.pairs.start[j].key);
			if (key->type == YAML_SCALAR_NODE && other->type == YAML_SCALAR_NODE &&
			    key->data.scalar.length == other->data.scalar.length &&
			    memcmp(key->data.scalar.value, other->data.scalar.value,
			           key->data.scalar.length) == 0)
				add_error(r, &key->start_mark,
				          "duplicate key %s in tempo; it was already given at line "
				          "%d, column %d",
				          describe(key, found, sizeof found),
				          (int)other->start_mark.line + 1,
				          (int)other->start_mark.column + 1);
		}
		read_phase(r, key, node_at(r, pair->value), &e->phases[i]);
		e->phase_count++;
	}
	return true;
}

enum {
	F_NAME,
	F_HOLD,
	F_REPS,
	F_TEMPO,
	F_SETS,
	F_SIDES,
	F_REST,
	F_READY,
	F_STEPS,
	F_CUE,
	F_LOAD,
	F_SOURCE,
	F_TO_FATIGUE,
	F_INSERTIONAL,
	F_EXERCISE_COUNT
};

static bool read_to_fatigue(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	char found[64];

	if (v->type == YAML_SCALAR_NODE) {
		const char *text = (const char *)v->data.scalar.value;
		if (!strcmp(text, "yes") || !strcmp(text, "true")) {
			e->to_fatigue = true;
			return true;
		}
		if (!strcmp(text, "no") || !strcmp(text, "false"))
			return true;
	}
	add_error(r, &v->start_mark, "to_fatigue must be yes or no, found %s",
	          describe(v, found, sizeof found));
	return false;
}

static void exercise_free(struct exercise *e);

/* How the exercise is done for insertional pain: its steps and cue in place
 * of the exercise's own. */
enum { V_STEPS, V_CUE, V_COUNT };

static const struct field variant_fields[V_COUNT] = {
    [V_STEPS] = OTHER_FIELD("steps", read_steps),
    [V_CUE] = TEXT_FIELD("cue", struct exercise, cue),
};

static bool read_insertional(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	bool seen[V_COUNT] = {false};

	if (!is_mapping(r, v,
	                "insertional must be a set of keys (steps, cue) for insertional pain"))
		return false;
	e->insertional = calloc(1, sizeof *e->insertional);
	if (!e->insertional)
		return false;
	read_mapping(r, v, "insertional", variant_fields, V_COUNT, e->insertional, seen);
	if (!seen[V_STEPS] && !seen[V_CUE])
		add_error(r, &v->start_mark, "insertional needs steps or a cue");
	return true;
}

static const struct field exercise_fields[F_EXERCISE_COUNT] = {
    [F_NAME] = TEXT_FIELD("name", struct exercise, name),
    [F_HOLD] = DURATION_FIELD("hold", struct exercise, hold_ms, HOLD_LIMITS),
    [F_REPS] = WHOLE_FIELD("reps", struct exercise, reps, 1, ROUTINE_MAX_REPS),
    [F_TEMPO] = OTHER_FIELD("tempo", read_tempo),
    [F_SETS] = WHOLE_FIELD("sets", struct exercise, sets, 1, ROUTINE_MAX_SETS),
    [F_SIDES] = OTHER_FIELD("sides", read_sides),
    [F_REST] = DURATION_FIELD("rest", struct exercise, rest_ms, REST_LIMITS),
    [F_READY] = DURATION_FIELD("ready", struct exercise, ready_ms, READY_LIMITS),
    [F_STEPS] = OTHER_FIELD("steps", read_steps),
    [F_CUE] = TEXT_FIELD("cue", struct exercise, cue),
    [F_LOAD] = OTHER_FIELD("load", read_load),
    [F_SOURCE] = TEXT_FIELD("source", struct exercise, source),
    [F_TO_FATIGUE] = OTHER_FIELD("to_fatigue", read_to_fatigue),
    [F_INSERTIONAL] = OTHER_FIELD("insertional", read_insertional),
};

static void read_exercise(struct reader *r, const yaml_node_t *node, struct exercise *e)
{
	bool seen[F_EXERCISE_COUNT] = {false};

	e->sets = ROUTINE_DEFAULT_SETS;
	e->ready_ms = ROUTINE_DEFAULT_READY_MS;
	e->sides = SIDES_NONE;
	e->line = (int)node->start_mark.line + 1;
	if (!is_mapping(r, node,
	                "an exercise must be a set of keys (name, hold or reps, sets, ...)"))
		return;
	read_mapping(r, node, "an exercise", exercise_fields, F_EXERCISE_COUNT, e, seen);
	if (!seen[F_NAME])
		add_error(r, &node->start_mark, "an exercise needs a name");
	if (seen[F_HOLD] && seen[F_REPS])
		add_error(
		    r, &node->start_mark,
		    "an exercise has either hold (a timed hold) or reps (counted reps), not both");
	else if (!seen[F_HOLD] && !seen[F_REPS])
		add_error(
		    r, &node->start_mark,
		    "an exercise needs either hold (such as hold: 30s) or reps (such as reps: 15)");
	else if (seen[F_REPS] && !seen[F_TEMPO])
		add_error(
		    r, &node->start_mark,
		    "an exercise with reps needs a tempo, such as tempo: { raise: 1s, lower: 3s }");
	else if (seen[F_HOLD] && seen[F_TEMPO])
		add_error(r, &node->start_mark, "tempo is for reps; a hold exercise has none");
	else if (seen[F_HOLD] && e->to_fatigue)
		add_error(r, &node->start_mark, "to_fatigue is for reps, not for a hold");
	e->kind = seen[F_REPS] ? EXERCISE_REPS : EXERCISE_HOLD;
}

/* ------------------------------------------------------------ routine keys */

static const struct list_shape exercises_list = {"exercises",
                                                 "a list, each exercise starting with \"- name:\"",
                                                 "exercises", 1, ROUTINE_MAX_EXERCISES};

static bool read_exercises(struct reader *r, const yaml_node_t *v, void *t)
{
	struct routine *routine = t;
	size_t count;

	routine->exercises = read_list(r, v, &exercises_list, sizeof *routine->exercises, &count);
	if (!routine->exercises)
		return false;
	for (size_t i = 0; i < count; i++)
		read_exercise(r, list_item(r, v, i),
		              &routine->exercises[routine->exercise_count++]);
	return true;
}

/* ------------------------------------------------------------ programs */

/* "3" or "2-3": a week or a range of weeks, from 1. */
static bool read_week_range(struct reader *r, const yaml_node_t *v, void *t)
{
	struct block *b = t;
	char found[64], text[32];
	int first, last, used = 0;

	if (v->type == YAML_SCALAR_NODE && v->data.scalar.length < sizeof text) {
		memcpy(text, v->data.scalar.value, v->data.scalar.length);
		text[v->data.scalar.length] = '\0';
		if (sscanf(text, "%d-%d%n", &first, &last, &used) == 2 &&
		    used == (int)strlen(text)) {
			b->first_week = first;
			b->last_week = last;
		} else if (sscanf(text, "%d%n", &first, &used) == 1 && used == (int)strlen(text)) {
			b->first_week = b->last_week = first;
		} else {
			used = 0;
		}
		if (used && b->first_week >= 1 && b->first_week <= b->last_week &&
		    b->last_week <= PROGRAM_MAX_WEEKS)
			return true;
	}
	add_error(
	    r, &v->start_mark,
	    "weeks must be a week or a range of weeks from 1 to %d, such as 4 or 2-3, found %s",
	    PROGRAM_MAX_WEEKS, describe(v, found, sizeof found));
	return false;
}

enum { B_WEEKS, B_SETS, B_REPS, B_HOLD, B_REST, B_INTENSITY, B_COUNT };

static const struct field block_fields[B_COUNT] = {
    [B_WEEKS] = OTHER_FIELD("weeks", read_week_range),
    [B_SETS] = WHOLE_FIELD("sets", struct block, sets, 1, ROUTINE_MAX_SETS),
    [B_REPS] = WHOLE_FIELD("reps", struct block, reps, 1, ROUTINE_MAX_REPS),
    [B_HOLD] = DURATION_FIELD("hold", struct block, hold_ms, HOLD_LIMITS),
    [B_REST] = DURATION_FIELD("rest", struct block, rest_ms, REST_LIMITS),
    [B_INTENSITY] = TEXT_FIELD("intensity", struct block, intensity),
};

static const struct list_shape blocks_list = {
    "blocks", "a list, each block starting with \"- weeks:\"", "blocks", 1, PROGRAM_MAX_BLOCKS};

static bool read_blocks(struct reader *r, const yaml_node_t *v, void *t)
{
	struct program *p = t;
	size_t count;

	if (!(p->blocks = read_list(r, v, &blocks_list, sizeof *p->blocks, &count)))
		return false;
	for (size_t i = 0; i < count; i++) {
		const yaml_node_t *node = list_item(r, v, i);
		struct block *b = &p->blocks[p->block_count++];
		bool seen[B_COUNT] = {false};
		b->line = (int)node->start_mark.line + 1;
		b->rest_ms = BLOCK_REST_UNSET;
		if (!is_mapping(r, node, "a block must be a set of keys (weeks, sets, reps, ...)"))
			continue;
		read_mapping(r, node, "a block", block_fields, B_COUNT, b, seen);
		if (!seen[B_WEEKS])
			add_error(r, &node->start_mark, "a block needs weeks, such as weeks: 2-3");
		else if (i > 0 && b->first_week <= p->blocks[i - 1].last_week)
			add_error(r, &node->start_mark,
			          "blocks must come in week order without overlapping: week %d is "
			          "already in the block at line %d",
			          b->first_week, p->blocks[i - 1].line);
	}
	return true;
}

static bool read_program_weeks(struct reader *r, const yaml_node_t *v, void *t)
{
	struct program *p = t;

	if (v->type == YAML_SCALAR_NODE && v->data.scalar.length == 7 &&
	    memcmp(v->data.scalar.value, "ongoing", 7) == 0) {
		p->weeks = 0;
		return true;
	}
	return read_whole(r, v, "weeks (or ongoing)", 1, PROGRAM_MAX_WEEKS, &p->weeks);
}

static bool read_load_rule(struct reader *r, const yaml_node_t *v, void *t)
{
	static const char *const names[] = {[LOAD_RULE_NONE] = "none",
	                                    [LOAD_RULE_PAIN] = "pain-monitoring",
	                                    [LOAD_RULE_RM] = "repetition-maximum"};
	struct program *p = t;
	char found[64];

	for (size_t i = 0; v->type == YAML_SCALAR_NODE && i < 3; i++)
		if (v->data.scalar.length == strlen(names[i]) &&
		    memcmp(v->data.scalar.value, names[i], v->data.scalar.length) == 0) {
			p->load_rule = (enum load_rule)i;
			return true;
		}
	add_error(r, &v->start_mark,
	          "load_rule must be none, pain-monitoring or repetition-maximum, found %s",
	          describe(v, found, sizeof found));
	return false;
}

/* A number of kilograms above 0 and up to 50 ("2.5", "2.5 kg"). */
static bool read_kg(struct reader *r, const yaml_node_t *v, const char *key, double *kg)
{
	char found[64], text[32], *end;

	if (v->type == YAML_SCALAR_NODE && v->data.scalar.length < sizeof text) {
		memcpy(text, v->data.scalar.value, v->data.scalar.length);
		text[v->data.scalar.length] = '\0';
		*kg = strtod(text, &end);
		if (end != text &&
		    (!strcmp(end, "") || !strcmp(end, " kg") || !strcmp(end, "kg")) && *kg > 0 &&
		    *kg <= 50)
			return true;
	}
	add_error(r, &v->start_mark,
	          "%s must be a number of kilograms above 0 and up to 50, such as 2.5, found %s",
	          key, describe(v, found, sizeof found));
	return false;
}

enum { P_WEEKS, P_SESSIONS, P_DAYS, P_RULE, P_STEP, P_CAP, P_PROGRESS, P_NEXT, P_BLOCKS, P_COUNT };

static const struct field program_fields[P_COUNT] = {
    [P_WEEKS] = OTHER_FIELD("weeks", read_program_weeks),
    [P_SESSIONS] = WHOLE_FIELD("sessions_per_day", struct program, sessions_per_day, 1, 6),
    [P_DAYS] = WHOLE_FIELD("days_per_week", struct program, days_per_week, 1, 7),
    [P_RULE] = OTHER_FIELD("load_rule", read_load_rule),
    [P_STEP] = KG_FIELD("load_step", struct program, load_step_kg),
    [P_CAP] = KG_FIELD("load_cap", struct program, load_cap_kg),
    [P_PROGRESS] = {"progress_pain", FIELD_WHOLE, offsetof(struct program, progress_pain), 0, 5,
                    "progress_pain (pain out of 10)", NULL},
    [P_NEXT] = TEXT_FIELD("next", struct program, next),
    [P_BLOCKS] = OTHER_FIELD("blocks", read_blocks),
};

static bool read_program(struct reader *r, const yaml_node_t *v, void *t)
{
	struct routine *routine = t;
	struct program *p;
	bool seen[P_COUNT] = {false};

	if (!is_mapping(r, v,
	                "program must be a set of keys (weeks, sessions_per_day, blocks, ...)"))
		return false;
	p = routine->program = calloc(1, sizeof *p);
	if (!p)
		return false;
	p->sessions_per_day = 1;
	p->days_per_week = 7;
	read_mapping(r, v, "the program", program_fields, P_COUNT, p, seen);
	if (!seen[P_WEEKS])
		add_error(r, &v->start_mark, "the program needs weeks: a number, or ongoing");
	for (size_t i = 0; i < p->block_count && p->weeks > 0; i++)
		if (p->blocks[i].last_week > p->weeks) {
			yaml_mark_t at = {0, (size_t)p->blocks[i].line - 1, 0};
			add_error(r, &at, "this block reaches week %d, past the program's %d weeks",
			          p->blocks[i].last_week, p->weeks);
		}
	if (p->load_rule != LOAD_RULE_NONE && !seen[P_STEP])
		add_error(r, &v->start_mark,
		          "a program that moves the load needs load_step, such as load_step: 2.5");
	/* Unless the file says otherwise: one step a week at the most, and
	 * progress within the pain-monitoring model's own limit of 5. */
	if (!seen[P_CAP])
		p->load_cap_kg = p->load_step_kg;
	if (!seen[P_PROGRESS])
		p->progress_pain = 5;
	return true;
}

enum { R_TITLE, R_SUMMARY, R_SOURCE, R_CAUTION, R_EXERCISES, R_PROGRAM, R_COUNT };

static const struct field routine_fields[R_COUNT] = {
    [R_TITLE] = TEXT_FIELD("title", struct routine, title),
    [R_SUMMARY] = TEXT_FIELD("summary", struct routine, summary),
    [R_SOURCE] = TEXT_FIELD("source", struct routine, source),
    [R_CAUTION] = TEXT_FIELD("caution", struct routine, caution),
    [R_EXERCISES] = OTHER_FIELD("exercises", read_exercises),
    [R_PROGRAM] = OTHER_FIELD("program", read_program),
};

static void read_routine(struct reader *r, const yaml_node_t *root, struct routine *routine)
{
	bool seen[R_COUNT] = {false};

	if (!is_mapping(r, root, "a routine must be a set of keys (title, exercises, ...)"))
		return;
	read_mapping(r, root, "the routine", routine_fields, R_COUNT, routine, seen);
	if (!seen[R_TITLE])
		add_error(r, &root->start_mark, "the routine needs a title");
	if (!seen[R_EXERCISES])
		add_error(r, &root->start_mark, "the routine needs a list of exercises");
}

/* ------------------------------------------------------------ YAML syntax */

static void syntax_error(const yaml_parser_t *parser, const char *file,
                         struct routine_errors *errors)
{
	char message[ERROR_MESSAGE_MAX];
	const yaml_mark_t *at = &parser->problem_mark;

	if (parser->error == YAML_MEMORY_ERROR) {
		add_error_at(errors, file, 0, 0, "out of memory while reading the file");
		return;
	}
	if (parser->context)
		snprintf(message, sizeof message,
		         "this is not valid YAML: %s (%s that started at line %d, column %d)",
		         parser->problem ? parser->problem : "unknown problem", parser->context,
		         (int)parser->context_mark.line + 1, (int)parser->context_mark.column + 1);
	else
		snprintf(message, sizeof message, "this is not valid YAML: %s",
		         parser->problem ? parser->problem : "unknown problem");
	add_error_at(errors, file, (int)at->line + 1, (int)at->column + 1, message);
}

/* Loads the one document of the file into doc. Returns false (with an
 * error) on a syntax error, an empty file, or a second document. */
static bool load_document(const char *text, size_t len, const char *file, yaml_document_t *doc,
                          struct routine_errors *errors)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	bool ok = false;

	if (!yaml_parser_initialize(&parser)) {
		add_error_at(errors, file, 0, 0, "out of memory while reading the file");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, doc)) {
		syntax_error(&parser, file, errors);
		goto out;
	}
	if (!yaml_document_get_root_node(doc)) {
		add_error_at(errors, file, 1, 1,
		             "the file is empty; a routine needs a title and a list of exercises");
		yaml_document_delete(doc);
		goto out;
	}
	if (!yaml_parser_load(&parser, &extra)) {
		syntax_error(&parser, file, errors);
		yaml_document_delete(doc);
		goto out;
	}
	if (yaml_document_get_root_node(&extra)) {
		const yaml_mark_t *at = &extra.start_mark;
		add_error_at(
		    errors, file, (int)at->line + 1, (int)at->column + 1,
		    "a routine file holds one routine, found a second document after \"---\"");
		yaml_document_delete(&extra);
		yaml_document_delete(doc);
		goto out;
	}
	yaml_document_delete(&extra);
	ok = true;
out:
	yaml_parser_delete(&parser);
	return ok;
}

/* ---------------------------------------------------------------- public */

static bool is_blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r')
			return false;
	return true;
}

bool routine_parse(const char *text, size_t len, const char *file, struct routine **out,
                   struct routine_errors *errors)
{
	yaml_document_t doc;
	struct routine *routine;
	struct reader r = {&doc, file, errors};

	memset(errors, 0, sizeof *errors);
	*out = NULL;
	if (len > ROUTINE_MAX_FILE) {
		add_error_at(errors, file, 0, 0,
		             "the file is too large for a routine (over 1 MiB)");
		return false;
	}
	if (is_blank(text, len)) {
		add_error_at(errors, file, 1, 1,
		             "the file is empty; a routine needs a title and a list of exercises");
		return false;
	}
	if (!check_bytes(text, len, file, errors) || !load_document(text, len, file, &doc, errors))
		return false;
	routine = calloc(1, sizeof *routine);
	if (!routine) {
		yaml_document_delete(&doc);
		add_error_at(errors, file, 0, 0, "out of memory while reading the file");
		return false;
	}
	read_routine(&r, yaml_document_get_root_node(&doc), routine);
	yaml_document_delete(&doc);
	if (errors->count > 0) {
		routine_free(routine);
		return false;
	}
	*out = routine;
	return true;
}

static void exercise_free(struct exercise *e)
{
	free(e->name);
	for (size_t i = 0; i < e->phase_count; i++) {
		free(e->phases[i].name);
		free(e->phases[i].note);
	}
	free(e->phases);
	for (size_t i = 0; i < e->step_count; i++)
		free(e->steps[i]);
	free(e->steps);
	free(e->cue);
	free(e->load);
	free(e->source);
	if (e->insertional) {
		exercise_free(e->insertional);
		free(e->insertional);
	}
}

static void program_free(struct program *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->block_count; i++)
		free(p->blocks[i].intensity);
	free(p->blocks);
	free(p->next);
	free(p);
}

void routine_free(struct routine *routine)
{
	if (!routine)
		return;
	program_free(routine->program);
	for (size_t i = 0; i < routine->exercise_count; i++)
		exercise_free(&routine->exercises[i]);
	free(routine->exercises);
	free(routine->title);
	free(routine->summary);
	free(routine->source);
	free(routine->caution);
	free(routine);
}

size_t routine_count(const struct routine *routine, enum exercise_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < routine->exercise_count; i++)
		n += routine->exercises[i].kind == kind;
	return n;
}

bool routine_needs_leg(const struct routine *routine)
{
	for (size_t i = 0; i < routine->exercise_count; i++) {
		const struct exercise *e = &routine->exercises[i];
		if (e->sides == SIDES_AFFECTED || (e->to_fatigue && e->sides == SIDES_BOTH))
			return true;
	}
	return false;
}
