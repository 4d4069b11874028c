/* routine.c — reading routine files with libyaml (see routine.h).
 *
 * The file is checked in three passes, each with its own clear messages:
 * bytes (UTF-8, tabs, size), YAML syntax (libyaml's loader), then the
 * shape (keys, types, ranges), which walks libyaml's node tree and keeps
 * going after an error so that one run of `tendo check` shows them all.
 */
#include "routine.h"

#include <ctype.h>
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

/* A key a mapping may hold, and what reads its value into the target. */
struct field {
	const char *key;
	bool (*read)(struct reader *r, const yaml_node_t *value, void *target);
};

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
		fields[i].read(r, value, target);
		seen[i] = true; /* present even if wrong: no "missing" message too */
	}
}

/* ------------------------------------------------------------ exercise keys */

static bool read_name(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	return (e->name = read_text(r, v, "name")) != NULL;
}

static bool read_hold(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	return read_duration(r, v, "hold", 1000, 30 * 60000, &e->hold_ms);
}

static bool read_reps(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	return read_whole(r, v, "reps", 1, ROUTINE_MAX_REPS, &e->reps);
}

static bool read_sets(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	return read_whole(r, v, "sets", 1, ROUTINE_MAX_SETS, &e->sets);
}

static bool read_rest(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	return read_duration(r, v, "rest", 0, 30 * 60000, &e->rest_ms);
}

static bool read_ready(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	return read_duration(r, v, "ready", 0, 5 * 60000, &e->ready_ms);
}

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

static bool read_steps(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	char found[64];
	size_t count;

	if (v->type != YAML_SEQUENCE_NODE) {
		add_error(r, &v->start_mark,
		          "steps must be a list of instructions, each on a line starting with \"- "
		          "\", found %s",
		          describe(v, found, sizeof found));
		return false;
	}
	count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	if (count > ROUTINE_MAX_STEPS) {
		add_error(r, &v->start_mark, "steps may hold at most %d instructions, found %zu",
		          ROUTINE_MAX_STEPS, count);
		return false;
	}
	e->steps = calloc(count ? count : 1, sizeof *e->steps);
	if (!e->steps)
		return false;
	for (size_t i = 0; i < count; i++) {
		char *text = read_text(r, node_at(r, v->data.sequence.items.start[i]), "a step");
		if (text)
			e->steps[e->step_count++] = text;
	}
	return true;
}

static bool read_optional_text(struct reader *r, const yaml_node_t *v, char **out, const char *what)
{
	return (*out = read_text(r, v, what)) != NULL;
}

static bool read_cue(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct exercise *)t)->cue, "cue");
}

static bool read_exercise_source(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct exercise *)t)->source, "source");
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
		snprintf(buf, sizeof buf, "%g kg", kg);
		free(text);
		text = strdup(buf);
	}
	e->load = text;
	return text != NULL;
}

/* One phase: "lower: 3s", or "lower: { time: 3s, note: affected leg, slowly }". */
struct phase_target {
	struct phase *phase;
};

static bool read_phase_time(struct reader *r, const yaml_node_t *v, void *t)
{
	struct phase *p = ((struct phase_target *)t)->phase;
	return read_duration(r, v, "a tempo phase", 100, 60000, &p->ms);
}

static bool read_phase_note(struct reader *r, const yaml_node_t *v, void *t)
{
	struct phase *p = ((struct phase_target *)t)->phase;
	return (p->note = read_text(r, v, "note")) != NULL;
}

static const struct field phase_fields[] = {
    {"time", read_phase_time},
    {"note", read_phase_note},
};

static void read_phase(struct reader *r, const yaml_node_t *key, const yaml_node_t *value,
                       struct phase *p)
{
	p->name = read_text(r, key, "a tempo phase's name");
	if (value->type == YAML_MAPPING_NODE) {
		struct phase_target target = {p};
		bool seen[2] = {false, false};
		read_mapping(r, value, "a tempo phase", phase_fields, 2, &target, seen);
		if (!seen[0])
			add_error(r, &value->start_mark,
			          "a tempo phase needs a time, such as time: 3s");
	} else {
		read_duration(r, value, "a tempo phase", 100, 60000, &p->ms);
	}
}

static bool read_tempo(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	char found[64];
	size_t count;

	if (v->type != YAML_MAPPING_NODE) {
		add_error(r, &v->start_mark,
		          "tempo must list the phases of a rep in order, such as { raise: 1s, "
		          "lower: 3s }, found %s",
		          describe(v, found, sizeof found));
		return false;
	}
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
    [V_STEPS] = {"steps", read_steps},
    [V_CUE] = {"cue", read_cue},
};

static bool read_insertional(struct reader *r, const yaml_node_t *v, void *t)
{
	struct exercise *e = t;
	bool seen[V_COUNT] = {false};
	char found[64];

	if (v->type != YAML_MAPPING_NODE) {
		add_error(r, &v->start_mark,
		          "insertional must be a set of keys (steps, cue) for insertional pain, "
		          "found %s",
		          describe(v, found, sizeof found));
		return false;
	}
	e->insertional = calloc(1, sizeof *e->insertional);
	if (!e->insertional)
		return false;
	read_mapping(r, v, "insertional", variant_fields, V_COUNT, e->insertional, seen);
	if (!seen[V_STEPS] && !seen[V_CUE])
		add_error(r, &v->start_mark, "insertional needs steps or a cue");
	return true;
}

static const struct field exercise_fields[F_EXERCISE_COUNT] = {
    [F_NAME] = {"name", read_name},
    [F_HOLD] = {"hold", read_hold},
    [F_REPS] = {"reps", read_reps},
    [F_TEMPO] = {"tempo", read_tempo},
    [F_SETS] = {"sets", read_sets},
    [F_SIDES] = {"sides", read_sides},
    [F_REST] = {"rest", read_rest},
    [F_READY] = {"ready", read_ready},
    [F_STEPS] = {"steps", read_steps},
    [F_CUE] = {"cue", read_cue},
    [F_LOAD] = {"load", read_load},
    [F_SOURCE] = {"source", read_exercise_source},
    [F_TO_FATIGUE] = {"to_fatigue", read_to_fatigue},
    [F_INSERTIONAL] = {"insertional", read_insertional},
};

static void read_exercise(struct reader *r, const yaml_node_t *node, struct exercise *e)
{
	bool seen[F_EXERCISE_COUNT] = {false};
	char found[64];

	e->sets = ROUTINE_DEFAULT_SETS;
	e->ready_ms = ROUTINE_DEFAULT_READY_MS;
	e->sides = SIDES_NONE;
	e->line = (int)node->start_mark.line + 1;
	if (node->type != YAML_MAPPING_NODE) {
		add_error(
		    r, &node->start_mark,
		    "an exercise must be a set of keys (name, hold or reps, sets, ...), found %s",
		    describe(node, found, sizeof found));
		return;
	}
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

static bool read_title(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct routine *)t)->title, "title");
}

static bool read_summary(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct routine *)t)->summary, "summary");
}

static bool read_routine_source(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct routine *)t)->source, "source");
}

static bool read_caution(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct routine *)t)->caution, "caution");
}

static bool read_exercises(struct reader *r, const yaml_node_t *v, void *t)
{
	struct routine *routine = t;
	char found[64];
	size_t count;

	if (v->type != YAML_SEQUENCE_NODE) {
		add_error(
		    r, &v->start_mark,
		    "exercises must be a list, each exercise starting with \"- name:\", found %s",
		    describe(v, found, sizeof found));
		return false;
	}
	count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	if (count == 0 || count > ROUTINE_MAX_EXERCISES) {
		add_error(r, &v->start_mark,
		          "exercises must list from 1 to %d exercises, found %zu",
		          ROUTINE_MAX_EXERCISES, count);
		return false;
	}
	routine->exercises = calloc(count, sizeof *routine->exercises);
	if (!routine->exercises)
		return false;
	for (size_t i = 0; i < count; i++) {
		read_exercise(r, node_at(r, v->data.sequence.items.start[i]),
		              &routine->exercises[i]);
		routine->exercise_count++;
	}
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

static bool read_block_sets(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_whole(r, v, "sets", 1, ROUTINE_MAX_SETS, &((struct block *)t)->sets);
}

static bool read_block_reps(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_whole(r, v, "reps", 1, ROUTINE_MAX_REPS, &((struct block *)t)->reps);
}

static bool read_block_hold(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_duration(r, v, "hold", 1000, 30 * 60000, &((struct block *)t)->hold_ms);
}

static bool read_block_rest(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_duration(r, v, "rest", 1000, 30 * 60000, &((struct block *)t)->rest_ms);
}

static bool read_block_intensity(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct block *)t)->intensity, "intensity");
}

enum { B_WEEKS, B_SETS, B_REPS, B_HOLD, B_REST, B_INTENSITY, B_COUNT };

static const struct field block_fields[B_COUNT] = {
    [B_WEEKS] = {"weeks", read_week_range}, [B_SETS] = {"sets", read_block_sets},
    [B_REPS] = {"reps", read_block_reps},   [B_HOLD] = {"hold", read_block_hold},
    [B_REST] = {"rest", read_block_rest},   [B_INTENSITY] = {"intensity", read_block_intensity},
};

static bool read_blocks(struct reader *r, const yaml_node_t *v, void *t)
{
	struct program *p = t;
	char found[64];
	size_t count;

	if (v->type != YAML_SEQUENCE_NODE) {
		add_error(r, &v->start_mark,
		          "blocks must be a list, each block starting with \"- weeks:\", found %s",
		          describe(v, found, sizeof found));
		return false;
	}
	count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	if (count == 0 || count > PROGRAM_MAX_BLOCKS) {
		add_error(r, &v->start_mark, "blocks must list from 1 to %d blocks, found %zu",
		          PROGRAM_MAX_BLOCKS, count);
		return false;
	}
	p->blocks = calloc(count, sizeof *p->blocks);
	if (!p->blocks)
		return false;
	for (size_t i = 0; i < count; i++) {
		const yaml_node_t *node = node_at(r, v->data.sequence.items.start[i]);
		struct block *b = &p->blocks[p->block_count++];
		bool seen[B_COUNT] = {false};
		b->line = (int)node->start_mark.line + 1;
		if (node->type != YAML_MAPPING_NODE) {
			add_error(
			    r, &node->start_mark,
			    "a block must be a set of keys (weeks, sets, reps, ...), found %s",
			    describe(node, found, sizeof found));
			continue;
		}
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

static bool read_sessions_per_day(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_whole(r, v, "sessions_per_day", 1, 6, &((struct program *)t)->sessions_per_day);
}

static bool read_days_per_week(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_whole(r, v, "days_per_week", 1, 7, &((struct program *)t)->days_per_week);
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

static bool read_load_step(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_kg(r, v, "load_step", &((struct program *)t)->load_step_kg);
}

static bool read_load_cap(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_kg(r, v, "load_cap", &((struct program *)t)->load_cap_kg);
}

static bool read_progress_pain(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_whole(r, v, "progress_pain (pain out of 10)", 0, 5,
	                  &((struct program *)t)->progress_pain);
}

static bool read_program_next(struct reader *r, const yaml_node_t *v, void *t)
{
	return read_optional_text(r, v, &((struct program *)t)->next, "next");
}

enum { P_WEEKS, P_SESSIONS, P_DAYS, P_RULE, P_STEP, P_CAP, P_PROGRESS, P_NEXT, P_BLOCKS, P_COUNT };

static const struct field program_fields[P_COUNT] = {
    [P_WEEKS] = {"weeks", read_program_weeks},
    [P_SESSIONS] = {"sessions_per_day", read_sessions_per_day},
    [P_DAYS] = {"days_per_week", read_days_per_week},
    [P_RULE] = {"load_rule", read_load_rule},
    [P_STEP] = {"load_step", read_load_step},
    [P_CAP] = {"load_cap", read_load_cap},
    [P_PROGRESS] = {"progress_pain", read_progress_pain},
    [P_NEXT] = {"next", read_program_next},
    [P_BLOCKS] = {"blocks", read_blocks},
};

static bool read_program(struct reader *r, const yaml_node_t *v, void *t)
{
	struct routine *routine = t;
	struct program *p;
	bool seen[P_COUNT] = {false};
	char found[64];

	if (v->type != YAML_MAPPING_NODE) {
		add_error(r, &v->start_mark,
		          "program must be a set of keys (weeks, sessions_per_day, blocks, ...), "
		          "found %s",
		          describe(v, found, sizeof found));
		return false;
	}
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
    [R_TITLE] = {"title", read_title},
    [R_SUMMARY] = {"summary", read_summary},
    [R_SOURCE] = {"source", read_routine_source},
    [R_CAUTION] = {"caution", read_caution},
    [R_EXERCISES] = {"exercises", read_exercises},
    [R_PROGRAM] = {"program", read_program},
};

static void read_routine(struct reader *r, const yaml_node_t *root, struct routine *routine)
{
	bool seen[R_COUNT] = {false};
	char found[64];

	if (root->type != YAML_MAPPING_NODE) {
		add_error(r, &root->start_mark,
		          "a routine must be a set of keys (title, exercises, ...), found %s",
		          describe(root, found, sizeof found));
		return;
	}
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

bool routine_needs_leg(const struct routine *routine)
{
	for (size_t i = 0; i < routine->exercise_count; i++) {
		const struct exercise *e = &routine->exercises[i];
		if (e->sides == SIDES_AFFECTED || (e->to_fatigue && e->sides == SIDES_BOTH))
			return true;
	}
	return false;
}
