/* coach.h — one person's time with tendo: the start screen, sessions and
 * their log, the pain questions, and the program's weekly load.
 *
 * A shell: it wires the screens to the log (store) and the plan. Call
 * order: ui_start(), coach_open(), coach_welcome(), then
 * coach_start_screen() or coach_routine() (as often as wanted), then
 * coach_finish() where the terminal is left (not on a kiosk), and
 * coach_close().
 */
#ifndef TENDO_COACH_H
#define TENDO_COACH_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "cues.h"
#include "error.h"
#include "plan.h"
#include "screens.h"
#include "spool.h"
#include "store.h"
#include "ui.h"

/* What coaching takes from the command line. */
struct coach_options {
	enum leg leg; /* the affected leg; LEG_NONE: the profile's, else ask */
	double speed; /* session seconds per real second */
	bool kiosk;   /* a shared screen: the start screen names the member */
};

enum { JOURNAL_PENDING_MAX = 256 };

/* The log as the sessions see it: one profile's. */
struct journal {
	struct store *store; /* NULL: nothing is saved; borrowed */
	int64_t profile;
	char name[STORE_NAME_MAX + 1]; /* the profile's name, for the screens */
	enum leg leg;                  /* the profile's affected leg, or LEG_NONE */
	int64_t session;               /* the session being logged; -1 for none */
	const struct timeline *tl;
	const char *path;    /* the routine file of the session being logged */
	int fatigue_reps[3]; /* a test to fatigue: reps on each leg (enum leg) */
	bool fatigue_test;
	int sets_done[ROUTINE_MAX_EXERCISES];  /* sets run to their end, by exercise */
	int sets_short[ROUTINE_MAX_EXERCISES]; /* sets confirmed short of their reps */
	/* Sets the log would not take yet (a disk briefly full), in order:
	 * written, once each, as soon as it takes them (see journal_set). */
	struct store_set pending[JOURNAL_PENDING_MAX];
	size_t pending_count;
	struct spool spool; /* the same on disk, for a crash meanwhile (fd -1: none) */
	char problem[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 64]; /* why nothing is saved */
	char brief[ERROR_MESSAGE_MAX + 64];                    /* the same, for the screen */
	/* The writes to the log that failed since the person was last told
	 * ("the red flag, the pain rating"; "" for none), and why the first
	 * did: shown on the next screen that can. */
	char unsaved[400];
	char unsaved_why[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	/* The program this session is a session of, when the person follows
	 * it: read once as the session starts, its load brought up to date. */
	bool follows;
	struct store_enrolment en;
	int week; /* its program week today */
};

/* What the coached sessions came to, for the line printed at the end. */
struct coached {
	bool ran;
	struct session_result result;
	const struct routine *routine;
};

/* One person's coaching: what it is lent for its life, and what it keeps. */
struct coach {
	struct ui *ui;                       /* started; borrowed */
	const struct coach_options *options; /* borrowed */
	struct cue_sinks *sinks;             /* borrowed */
	struct journal journal;              /* the person's log */
	struct coached done;                 /* the last session that ran */
	struct tendo_error err;              /* why the coaching had to stop */
	struct catalog_entry resumed;        /* a cut-off session taken up; owned */
};

/* Takes up the profile called name in store (creating it if new) for
 * coaching on ui. When store is NULL or the profile can't be had, sessions
 * still run: nothing is saved and c->journal.problem says why, from why
 * when it is given. Free with coach_close(). */
void coach_open(struct coach *c, struct ui *ui, const struct coach_options *o,
                struct cue_sinks *sinks, struct store *store, const char *name,
                const struct tendo_error *why);

/* The first screens of a start: the pain since the last session and this
 * morning's, a VISA-A score when due, and a cut-off session to take up.
 * Returns OUTCOME_BACK when nothing ran and the person may choose. */
enum screen_outcome coach_welcome(struct coach *c);

/* Runs one routine: the leg if it must be asked, the session, logged, and
 * the questions after it. Fills c->done when a session ran; c->err when
 * the routine can't be run. */
enum screen_outcome coach_routine(struct coach *c, const struct catalog_entry *entry);

/* The start screen (the programs followed, the routines, the history) and
 * the sessions chosen there, until the person leaves it (OUTCOME_BACK), a
 * stop signal (OUTCOME_STOP), or the person has gone (OUTCOME_AWAY). */
enum screen_outcome coach_start_screen(struct coach *c, const struct catalog *cat);

/* Ends curses and prints the last session's summary, a red flag's advice,
 * c->err and why nothing was saved, on the terminal left behind. */
void coach_finish(struct coach *c);

/* Frees what the coaching kept (not what it was lent). */
void coach_close(struct coach *c);

/* Brings an enrolment's load up to date by the pain-monitoring model:
 * once a program week, from the week that ended; in between, only when a
 * limit was broken since the last decision (a step back at once, or a
 * pause). After the program's last week the load never moves. The
 * decision is written to the log and into *en. False, with err, when the
 * log can't be written (the load stays as it was). */
bool coach_update_load(struct store *store, int64_t profile, const struct program *program,
                       struct store_enrolment *en, struct tendo_error *err);

/* One exercise of heavy slow resistance in a session, as its decision
 * reads it: whether it was done, the load it was done at, and whether
 * every set reached its reps. */
struct rm_done {
	bool done;
	double used_kg;
	bool met;
};

/* Heavy slow resistance after a session (program week `week` of en):
 * each exercise done (done[], one per exercise of routine) keeps its load
 * with the session, and its next load with the enrolment, proposed from
 * whether its sets reached their reps and the pain since the last
 * decision. The session's decision in a word (*action: a step back or
 * pause of any exercise, else a step up of any, else a hold) is kept with
 * the enrolment, with the reasons, exercise by exercise, that go in text;
 * a pause pauses the programs. Text is "" when no exercise was done. The
 * screen and `tendo log` both decide here. False, with err, when a write
 * failed (the decisions go on; what failed is not in the log). */
bool coach_decide_rm(struct store *store, int64_t profile, const struct store_enrolment *en,
                     const struct routine *routine, int week, int64_t session,
                     const struct rm_done *done, char *text, size_t size, enum load_action *action,
                     struct tendo_error *err);

/* The VISA-A scores recorded in an enrolment's weeks 1, 6 and 12, in
 * words ("VISA-A: 45 in week 1, 60 in week 6."); "" for none. */
const char *coach_visa_a_text(struct store *store, int64_t profile,
                              const struct store_enrolment *en, char *buf, size_t size);

/* A person's prescription of a program's week: the block, the load (each
 * exercise's own under heavy slow resistance), the insertional variant.
 * The caller frees rx with plan_prescription_free(). */
bool coach_prescribe(struct store *store, const struct store_enrolment *en,
                     const struct routine *routine, int week, struct prescription *rx);

/* How a program followed stands this week, today. */
struct week_standing {
	int week;           /* the program week today; 0 before it starts */
	int today;          /* today's place in the week, 0 to 6 */
	int64_t first;      /* the week's first day (days since 1970-01-01) */
	int done[7];        /* sessions completed on each day of the week, up to today */
	struct adherence a; /* nothing due while paused; all 0 before the start or after the end */
};

void coach_week_standing(struct store *store, int64_t profile, const struct program *program,
                         const struct store_enrolment *en, struct week_standing *ws);

#endif
