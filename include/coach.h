/* coach.h — one person's time with tendo: the start screen, sessions and
 * their log, the pain questions, and the program's weekly load.
 *
 * A shell: it wires the screens to the log (store) and the plan. Call
 * order: journal_open(), ui_start(), coach_welcome(), then
 * coach_start_screen() or coach_routine() (as often as wanted),
 * coach_finish(), journal_close().
 */
#ifndef TENDO_COACH_H
#define TENDO_COACH_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "cues.h"
#include "error.h"
#include "screens.h"
#include "store.h"
#include "ui.h"

/* What coaching takes from the command line. */
struct coach_options {
	enum leg leg; /* the affected leg; LEG_NONE: the profile's, else ask */
	double speed; /* session seconds per real second */
	bool kiosk;   /* a shared screen: the start screen names the member */
};

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
	char problem[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 64]; /* why nothing is saved */
	char brief[ERROR_MESSAGE_MAX + 64];                    /* the same, for the screen */
	/* The writes to the log that failed since the person was last told
	 * ("the red flag, the pain rating"; "" for none), and why the first
	 * did: shown on the next screen that can. */
	char unsaved[400];
	char unsaved_why[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
};

/* Takes up the profile called name in store (creating it if new). When
 * store is NULL or the profile can't be had, sessions still run: j->store
 * is NULL and j->problem says why, from err when it is given. */
void journal_open(struct journal *j, struct store *store, const char *name,
                  const struct tendo_error *err);

/* What the coached sessions came to, for the line printed at the end. */
struct coached {
	bool ran;
	struct session_result result;
	const struct routine *routine;
};

/* The first screens of a start: this morning's pain, and a cut-off session
 * to take up. Returns OUTCOME_BACK when nothing ran and the person may
 * choose. The routine taken up is kept in *resumed: the caller frees it
 * with catalog_entry_free() after done is used. */
enum screen_outcome coach_welcome(struct ui *ui, const struct coach_options *o,
                                  struct cue_sinks *sinks, struct journal *j, struct coached *done,
                                  struct tendo_error *err, struct catalog_entry *resumed);

/* Runs one routine: the leg if it must be asked, the session, logged, and
 * the questions after it. Fills *done when a session ran; err when the
 * routine can't be run. */
enum screen_outcome coach_routine(struct ui *ui, const struct catalog_entry *entry,
                                  const struct coach_options *o, struct cue_sinks *sinks,
                                  struct journal *j, struct coached *done, struct tendo_error *err);

/* The start screen (the program followed, the routines, the history) and
 * the sessions chosen there, until the person leaves it (OUTCOME_BACK), a
 * stop signal (OUTCOME_STOP), or the person has gone (OUTCOME_AWAY). */
enum screen_outcome coach_start_screen(struct ui *ui, const struct catalog *cat,
                                       const struct coach_options *o, struct cue_sinks *sinks,
                                       struct journal *j, struct coached *done,
                                       struct tendo_error *err);

/* Ends curses and prints the last session's summary, a red flag's advice
 * and err, on the terminal left behind. */
void coach_finish(struct ui *ui, const struct coached *done, const struct tendo_error *err);

/* Brings an enrolment's load up to date by the pain-monitoring model:
 * once a program week, from the week that ended; in between, only when a
 * limit was broken since the last decision (a step back at once, or a
 * pause). After the program's last week the load never moves. The
 * decision is written to the log and into *en. False, with err, when the
 * log can't be written (the load stays as it was). */
bool coach_update_load(struct store *store, int64_t profile, const struct program *program,
                       struct store_enrolment *en, struct tendo_error *err);

/* The VISA-A scores recorded in an enrolment's weeks 1, 6 and 12, in
 * words ("VISA-A: 45 in week 1, 60 in week 6."); "" for none. */
const char *coach_visa_a_text(struct store *store, int64_t profile,
                              const struct store_enrolment *en, char *buf, size_t size);

/* A person's prescription of a program's week: the block, the load (each
 * exercise's own under heavy slow resistance), the insertional variant.
 * The caller frees rx with plan_prescription_free(). */
bool coach_prescribe(struct store *store, const struct store_enrolment *en,
                     const struct routine *routine, int week, struct prescription *rx);

#endif
