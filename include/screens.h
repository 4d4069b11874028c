/* screens.h — the screens of tendo, each run on the ui loop.
 *
 * Each function builds its screen's state, runs it with ui_run() and
 * returns what the person chose. The screens draw what they are handed;
 * none reads files or the clock except through ui (ui_now_ns) and cues.
 */
#ifndef TENDO_SCREENS_H
#define TENDO_SCREENS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "cues.h"
#include "engine.h"
#include "store.h"
#include "timeline.h"
#include "ui.h"

enum screen_outcome {
	OUTCOME_CHOSEN,  /* the person chose (a routine, a leg) or finished */
	OUTCOME_BACK,    /* the person went back or quit this screen */
	OUTCOME_STOP,    /* a stop signal arrived */
	OUTCOME_HISTORY, /* the person asked for their history */
	OUTCOME_AWAY,    /* the person left the screen alone too long (a kiosk) */
	OUTCOME_REPORT,  /* the person asked for a report for their physiotherapist */
};

/* What a screen came to when ui_run() returned false: OUTCOME_AWAY when
 * it was left alone (a kiosk), else OUTCOME_STOP. */
enum screen_outcome screen_ended(const struct ui *ui);

/* The first member of a screen's state: what it came to. The key actions
 * below set it, so any screen whose state starts with one may put them in
 * its table of keys. */
struct screen_state {
	enum screen_outcome outcome;
};

/* Close the screen with OUTCOME_CHOSEN, OUTCOME_BACK, OUTCOME_HISTORY or
 * OUTCOME_REPORT. */
unsigned screen_choose(void *ctx, int key);
unsigned screen_back(void *ctx, int key);
unsigned screen_history(void *ctx, int key);
unsigned screen_report(void *ctx, int key);

/* Runs a screen whose state (ctx) starts with a struct screen_state: its
 * outcome when it closed itself, else screen_ended(). */
enum screen_outcome screen_run(struct ui *ui, const struct screen *screen, void *ctx);

/* Asks a yes-or-no question (y, n). On OUTCOME_CHOSEN, *yes holds the
 * answer. */
enum screen_outcome question_run(struct ui *ui, const char *title, const char *question, bool *yes);

/* What the start screen says above the routine list: the program followed,
 * its week, today's sessions, the load and the last decision. */
enum { PICKER_STATUS_LINES = 7 };

/* What the start screen says above the list: the first line as a title,
 * the rest as text, each wrapped; "" for none. */
struct picker_status {
	char lines[PICKER_STATUS_LINES][480];
	bool has_history; /* h shows the history */
	char who[80];     /* a kiosk's member, named in the title; "" for none */
};

/* The routine list. On OUTCOME_CHOSEN, *chosen is the index of a good entry
 * in cat; OUTCOME_HISTORY when the person pressed H, OUTCOME_REPORT for R.
 * status may be NULL. */
enum screen_outcome picker_run(struct ui *ui, const struct catalog *cat, size_t *chosen,
                               const struct picker_status *status);

enum { GLANCE_WEEKS = PROGRAM_MAX_WEEKS };

/* A program at a glance, week by week from its first (index 0) to today's
 * (index current - 1); later weeks are still to come. */
struct program_glance {
	char title[96];               /* the program's; "" when none is followed */
	int weeks;                    /* the program's length; 0 for no end */
	int current;                  /* today's week, 1 to GLANCE_WEEKS */
	int prescribed;               /* sessions a week */
	int done[GLANCE_WEEKS];       /* sessions completed */
	double load_kg[GLANCE_WEEKS]; /* the week's first load (where each exercise has its own,
	                               * the heaviest); 0 bodyweight, -1 none */
	int during[GLANCE_WEEKS];     /* the week's highest pain, -1 for none rated */
	int after[GLANCE_WEEKS];
	int morning[GLANCE_WEEKS];
	bool red_flag[GLANCE_WEEKS];
};

/* The history: a calendar of the last four weeks, the weekly volume, and
 * the pain during and the next mornings; p shows the program at a glance
 * (glance may be NULL: no program followed). */
enum screen_outcome history_run(struct ui *ui, const struct store_history *history,
                                const struct program_glance *glance, const char *profile);

/* Asks which leg is affected, under title with why the question is
 * asked. On OUTCOME_CHOSEN, *leg is LEG_LEFT or LEG_RIGHT. */
enum screen_outcome leg_prompt_run(struct ui *ui, const char *title, const char *why,
                                   enum leg *leg);

struct session_options {
	double speed;            /* session seconds per real second */
	struct cue_sinks *sinks; /* borrowed */
	size_t first_step;       /* where to start: 0, or where a cut-off session stopped */
	/* Called with each hold or set as it ends (for the log); NULL for none.
	 * May write a line for the person into notice. */
	void (*on_set)(void *ctx, const struct engine_result *result, char *notice,
	               size_t notice_size);
	void *on_set_ctx;
	/* Heavy slow resistance: after each set of reps, the person confirms
	 * the reps they did (the prescribed number unless they change it with
	 * - and +, by key or touch) while the rest runs; on_reps (with
	 * on_set_ctx) is then called with the set's step and the reps. NULL:
	 * nothing is asked. */
	void (*on_reps)(void *ctx, size_t step, int reps);
	/* Called (with on_set_ctx) at least once a minute of real time while
	 * the session is on screen, paused or not: the log's heartbeat, by
	 * which other kiosks know the session goes on. NULL for none. */
	void (*on_alive)(void *ctx);
	char notice[400]; /* shown until a key is pressed; "" for none */
};

/* What a session came to. */
struct session_result {
	struct engine_tally tally;
	bool quit;     /* ended early by the person */
	bool red_flag; /* ended by the red-flag key: a sudden pop, sharp pain, can't push off */
};

/* Coaches the person through tl, then shows the summary. OUTCOME_CHOSEN
 * when the session ran to its end or the person ended it and left the
 * summary; OUTCOME_STOP on a signal. */
enum screen_outcome session_run(struct ui *ui, const struct timeline *tl,
                                struct session_options *options, struct session_result *result);

/* The advice for a red flag, from public guidance. */
extern const char red_flag_advice[];

/* Asks for a rating from 0 to 10 (keys 0-9, and t for 10; s skips). On
 * OUTCOME_CHOSEN, *score holds it; OUTCOME_BACK when skipped. */
enum screen_outcome rating_run(struct ui *ui, const char *title, const char *question,
                               const char *hint, int *score);

/* Asks for a number (digits and a point; Enter; s skips), shown with its
 * unit ("kg"). */
enum screen_outcome number_run(struct ui *ui, const char *title, const char *question,
                               const char *hint, const char *unit, double *value);

/* Shows text until Enter: advice the person must not miss. */
enum screen_outcome advice_run(struct ui *ui, const char *title, const char *text);

/* Says why something must wait (text), calmly, and waits for_ns:
 * OUTCOME_CHOSEN when the time is up or Enter asks to try now,
 * OUTCOME_BACK when the staff press q, OUTCOME_STOP on a stop signal. */
enum screen_outcome waiting_run(struct ui *ui, const char *title, const char *text, int64_t for_ns);

/* --- a kiosk's screens (screen_members.c, screen_dialogs.c) ---------- */

/* A member as the staff screen lists them. */
struct staff_row {
	const struct store_member *member;
	char detail[64]; /* "last 2026-11-24 18:02, locked" */
};

/* The staff's screen, behind the admin PIN: the members (in_use above
 * them says which kiosks are training now). On OUTCOME_CHOSEN, *action is
 * 'r' (remove), 'p' (a new PIN), 'u' (unlock) or 'R' (a report) for member
 * *chosen, or
 * 'x' to leave tendo; OUTCOME_BACK for the members' screen. */
enum screen_outcome staff_run(struct ui *ui, const struct staff_row *rows, size_t count,
                              const char *in_use, const char *notice, size_t *chosen, int *action);

/* Who is training: the members by name, and a row for someone new. On
 * OUTCOME_CHOSEN, *chosen is an index into members, or count for someone
 * new; OUTCOME_BACK when q asks for the staff. notice is shown in red
 * until a key ("" for none). */
enum screen_outcome members_run(struct ui *ui, const struct store_member *members, size_t count,
                                size_t *chosen, const char *notice);

/* A PIN of min_digits to max_digits digits, typed or touched on a keypad,
 * shown as stars, into pin (max_digits + 1 bytes). With min_digits 0,
 * Enter with no digits means none. OUTCOME_BACK on Esc or q. */
enum screen_outcome pin_run(struct ui *ui, const char *title, const char *prompt,
                            const char *notice, int min_digits, int max_digits, char *pin);

/* A line of text, such as a name, into text (size bytes, kept as typed
 * when the screen is left). OUTCOME_BACK on Esc. */
enum screen_outcome text_run(struct ui *ui, const char *title, const char *question,
                             const char *hint, const char *notice, char *text, size_t size);

/* Write the keys of the session and of the routine list, from the tables
 * the screens draw them from and act on, for --help. */
void session_keys_help(FILE *out);
void picker_keys_help(FILE *out);

#endif
