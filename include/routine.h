/* routine.h — routine files: what they hold and how they are read.
 *
 * The model of a routine as a physiotherapist writes it, and the parser
 * that turns the text of a routine file (YAML) into that model. Pure: the
 * parser reads a buffer the caller has loaded; it opens no file.
 * The format is described in tendo-routine(5).
 */
#ifndef TENDO_ROUTINE_H
#define TENDO_ROUTINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Limits a routine must keep to; the parser names them in its messages. */
enum {
	ROUTINE_MAX_EXERCISES = 100,
	ROUTINE_MAX_SETS = 50,
	ROUTINE_MAX_REPS = 500,
	ROUTINE_MAX_PHASES = 8,
	ROUTINE_MAX_STEPS = 40,
	ROUTINE_MAX_TEXT = 2000,        /* bytes in one text value */
	ROUTINE_MAX_FILE = 1024 * 1024, /* bytes in one routine file */
	ROUTINE_ERRORS_MAX = 20,        /* errors kept for one file */
};

enum exercise_kind { EXERCISE_HOLD, EXERCISE_REPS };

/* Which legs an exercise is done on, as written in the file. */
enum sides {
	SIDES_NONE, /* not per side: both legs together */
	SIDES_LEFT,
	SIDES_RIGHT,
	SIDES_BOTH,     /* left, then right */
	SIDES_AFFECTED, /* the leg the person names (--leg) */
};

/* One leg, as the session runs it. */
enum leg { LEG_NONE, LEG_LEFT, LEG_RIGHT };

/* One phase of a rep's tempo, such as "lower" for 3 s. */
struct phase {
	char *name; /* as written: "raise", "lower", "hold" */
	char *note; /* optional words shown with it, such as "affected leg, slowly"; NULL if none */
	int64_t ms;
};

struct exercise {
	char *name;
	enum exercise_kind kind;
	int64_t hold_ms;      /* EXERCISE_HOLD: how long each hold lasts */
	int reps;             /* EXERCISE_REPS: reps in each set */
	struct phase *phases; /* EXERCISE_REPS: the tempo, in order */
	size_t phase_count;
	int sets; /* sets (or holds) per side */
	enum sides sides;
	int64_t rest_ms;  /* rest between sets */
	int64_t ready_ms; /* get-ready time before the first set and after a side switch */
	char **steps;     /* instructions in order */
	size_t step_count;
	char *cue;       /* the one thing to remember; NULL if none */
	char *load;      /* "bodyweight", "5 kg"; NULL if none */
	char *source;    /* where the figures come from; NULL if none */
	bool to_fatigue; /* reps until the person can do no more (n ends the set): a test */
	/* For insertional pain: steps and cue in place of these (only those two
	 * are set); NULL when the exercise is done the same way. */
	struct exercise *insertional;
	int line; /* where the exercise starts in its file */
};

/* How a program moves the load from session to session. */
enum load_rule {
	LOAD_RULE_NONE,
	LOAD_RULE_PAIN, /* the pain-monitoring model (Silbernagel 2007) */
	LOAD_RULE_RM,   /* the heaviest load for the block's reps: up when the reps are met */
};

/* Weeks of a program and what they prescribe; 0 or NULL: as the exercise says. */
#define BLOCK_REST_UNSET INT64_C(-1)

struct block {
	int first_week, last_week; /* from 1, inclusive */
	int sets;
	int reps;
	int64_t hold_ms;
	int64_t rest_ms; /* 0 runs the sets back to back; BLOCK_REST_UNSET: the exercise's own */
	char *intensity; /* such as "15RM"; NULL if none */
	int line;
};

/* A routine done over weeks. */
struct program {
	int weeks;            /* how many; 0 for no end */
	int sessions_per_day; /* 1 or more */
	int days_per_week;    /* 1 to 7 */
	enum load_rule load_rule;
	double load_step_kg;  /* how much the load moves by */
	double load_cap_kg;   /* the most it moves in one week (default: one step) */
	int progress_pain;    /* pain rule: the load goes up only when the week's pain during
	                       * and after was at most this (0-5; default 5) */
	char *next;           /* what comes after the last week, with its source; NULL if none */
	struct block *blocks; /* in week order, not overlapping */
	size_t block_count;
};

enum { PROGRAM_MAX_WEEKS = 104, PROGRAM_MAX_BLOCKS = 52 };

struct routine {
	char *title;
	char *summary; /* NULL if none */
	char *source;  /* NULL if none */
	char *caution; /* safety advice shown before starting; NULL if none */
	struct exercise *exercises;
	size_t exercise_count;
	struct program *program; /* NULL for a routine that is not a program */
};

/* The errors found in one file, in the order found. */
struct routine_errors {
	struct tendo_error items[ROUTINE_ERRORS_MAX];
	size_t count;
	size_t dropped; /* errors found past ROUTINE_ERRORS_MAX */
};

/* Defaults used when an exercise leaves a field out. */
enum {
	ROUTINE_DEFAULT_READY_MS = 10000,
	ROUTINE_DEFAULT_SETS = 1,
};

/* Parses len bytes of text. file names the source in messages.
 * On success returns true and sets *out to a routine the caller frees with
 * routine_free(); errors->count is 0. On failure returns false, *out is
 * NULL, and errors holds at least one error with its line and column. */
bool routine_parse(const char *text, size_t len, const char *file, struct routine **out,
                   struct routine_errors *errors);

/* Frees a routine from routine_parse(); NULL is fine. */
void routine_free(struct routine *routine);

/* True when some exercise is done on the affected leg, or is a test to
 * fatigue on both legs (whose result compares the legs), so a leg must be
 * chosen before the routine can run. */
bool routine_needs_leg(const struct routine *routine);

/* How many of the routine's exercises are of that kind (holds, reps). */
size_t routine_count(const struct routine *routine, enum exercise_kind kind);

/* The words for a side setting: "left", "both", ... */
const char *sides_name(enum sides sides);

/* "left leg", "right leg", or "both legs" for LEG_NONE. */
const char *leg_name(enum leg leg);

/* A load in words, as the routine files, the screens and the log write
 * it: "5 kg", "42.5 kg", or "bodyweight" at 0. Returns buf. */
const char *routine_load_text(double kg, char *buf, size_t size);

#endif
