/* store.h — the training log: one SQLite file per installation, or one
 * PostgreSQL database shared by several kiosks (db.h says how each is
 * kept; this interface is the same for both).
 *
 * Holds profiles, sessions and every set as it completes, so that a crash,
 * a kill or a dropped SSH link loses at most the set in progress. Each set
 * is its own transaction, durable before it returns; several tendo
 * processes may share the log. Older logs are migrated forward, newer
 * ones and databases that are not tendo logs are refused and never
 * touched.
 *
 * Writes, and the reads that take err: on failure they return false (or
 * -1 where they return an id) and fill err with a message that names the
 * file and says what to do. Reads without err can't tell a failure from
 * nothing found: they return what they found, and on failure the same as
 * for nothing (0 rows, 0, -1 or false, as each says); the screens treat
 * both alike, and the next write says what is wrong.
 *
 * Time is passed in: what is written is stamped with the store's time
 * (store_set_time), and "today" is the local day of that time; when none
 * is set, the clock's (clock_wall_s). SQL never reads the clock.
 */
#ifndef TENDO_STORE_H
#define TENDO_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "plan.h"
#include "routine.h"
#include "screening.h"

enum {
	STORE_SCHEMA = 8,
	STORE_NAME_MAX = 64,
	/* A session run on another kiosk counts as cut off when its kiosk has
	 * not said for this long (s) that it goes on: three missed heartbeats
	 * (see store_session_alive). */
	STORE_HEARTBEAT_LAPSE = 180,
};

struct store;

/* Opens (creating if need be) dir/tendo.db, making dir. The caller closes
 * it with store_close(). */
bool store_open(const char *dir, struct store **out, struct tendo_error *err);

/* Opens the log in the PostgreSQL database that database names (a
 * postgresql:// URI, a libpq connection string or service=NAME; see
 * settings_is_database), or when database is NULL or "", dir/tendo.db as store_open.
 * dir is made either way: a PostgreSQL log's sets wait there while its
 * server is away (spool.h). */
bool store_open_database(const char *database, const char *dir, struct store **out,
                         struct tendo_error *err);
void store_close(struct store *store);

/* Stamps what is written from now on with `at` (Unix time) in place of
 * the clock's time: a session or a rating recorded for an earlier day
 * (tendo log, tendo rate). 0 goes back to the clock. */
void store_set_time(struct store *store, int64_t at);

/* Names this kiosk in what it writes (the sessions it runs, what staff do
 * on it): the system config's kiosk-name; the host's name until then. The
 * name is copied. Two kiosks sharing one log must have different names. */
void store_set_place(struct store *store, const char *name);

/* This kiosk's name, as store_set_place left it; owned by the store. */
const char *store_place(const struct store *store);

/* The latest session of the profile, over or cut off, that started between
 * from and to (Unix, to exclusive); -1 for none. */
int64_t store_session_between(struct store *store, int64_t profile, int64_t from, int64_t to);

/* The log's file, or for a PostgreSQL log dir/tendo.pg (no such file:
 * the name its spools are made beside). */
const char *store_path(const struct store *store);

/* The profile's id, creating the profile if it is new. -1 on failure. */
int64_t store_profile(struct store *store, const char *name, struct tendo_error *err);

/* A profile as the kiosk's start screen lists it. */
struct store_member {
	int64_t id;
	char name[STORE_NAME_MAX + 1];
	enum leg leg;
	bool has_pin;
};

/* The profiles, in order of name (ignoring case), up to max. Returns how
 * many; 0 on failure too. */
size_t store_members(struct store *store, struct store_member *out, size_t max);

/* Adds a profile with its affected leg and the hash of its PIN (NULL or ""
 * for none; the hash carries its own salt, also kept in pin_salt). Returns
 * its id, or -1 with err (saying so when the name is taken). */
int64_t store_member_add(struct store *store, const char *name, enum leg leg, const char *pin_hash,
                         const char *pin_salt, struct tendo_error *err);

/* The hash of a profile's PIN into hash; false when it has none. */
bool store_member_pin(struct store *store, int64_t profile, char *hash, size_t size);

/* True when a profile has name, whatever its case ("ana" and "Ana"). */
bool store_member_taken(struct store *store, const char *name);

/* The id of the profile called name (whatever its case), or -1: never
 * made, unlike store_profile(). */
int64_t store_member_find(struct store *store, const char *name);

/* When the profile's last session began (Unix time); 0 for none. */
int64_t store_member_last_session(struct store *store, int64_t profile);

/* Sets the profile's PIN to a new hash (NULL or "" for none). */
bool store_member_set_pin(struct store *store, int64_t profile, const char *pin_hash,
                          const char *pin_salt, struct tendo_error *err);

/* Removes the profile and everything logged of it, in one transaction:
 * all or nothing. */
bool store_member_remove(struct store *store, int64_t profile, struct tendo_error *err);

/* PIN lockouts, in the log so that every kiosk on it sees them. Until when
 * the profile is locked (Unix time), 0 when it is not. */
int64_t store_pin_locked_until(struct store *store, int64_t profile);

/* A wrong PIN: the allowed-th in a row locks the profile for lock_s. */
bool store_pin_wrong(struct store *store, int64_t profile, int allowed, int lock_s,
                     struct tendo_error *err);

/* A right PIN, or staff lifting a lockout: the count starts again. */
bool store_pin_clear(struct store *store, int64_t profile, struct tendo_error *err);

/* The kiosks where a session is running now (its process alive here, or
 * its heartbeat fresh elsewhere), "a, b"; "" for none. Returns buf. */
const char *store_in_use(struct store *store, char *buf, size_t size);

/* Notes what staff did (action: "remove", "reset-pin", "unlock") to a
 * member, when and on which host. */
bool store_staff_action(struct store *store, const char *action, const char *member,
                        struct tendo_error *err);

/* The profile's affected leg, or LEG_NONE when it has not said. */
enum leg store_profile_leg(struct store *store, int64_t profile);

/* A set as it ended. */
struct store_set {
	size_t step; /* its place in the session's timeline */
	const char *exercise;
	enum leg side; /* LEG_NONE when not per side */
	int set_number;
	bool completed;                        /* run to its end; false when cut short */
	int planned_reps, done_reps;           /* 0 for a hold */
	int64_t planned_hold_ms, done_hold_ms; /* 0 for reps */
	const char *load;                      /* NULL for none */
	int64_t at;                            /* when it ended (Unix time); 0: now */
};

/* Starts a session of a routine (name: its file's name; path: its file)
 * for a profile. Returns its id, or -1. */
int64_t store_session_begin(struct store *store, int64_t profile, const char *routine,
                            const char *path, enum leg leg, struct tendo_error *err);

/* Notes that a session is week `week` of a program (for the export). */
bool store_session_program(struct store *store, int64_t session, const char *program, int week,
                           struct tendo_error *err);

/* Sets the load of every set of an exercise of a session (NULL: of every
 * exercise): the load the person says they used, known when it is over. */
bool store_session_load(struct store *store, int64_t session, const char *exercise, double load_kg,
                        struct tendo_error *err);

/* An exercise's own load in an enrolment (heavy slow resistance: each
 * exercise has its own); otherwise when none was set yet. */
double store_exercise_load(struct store *store, int64_t enrolment, const char *exercise,
                           double otherwise);
bool store_set_exercise_load(struct store *store, int64_t enrolment, const char *exercise,
                             double load_kg, struct tendo_error *err);

/* The reps the person says a set of the session (by its step) came to. */
bool store_set_reps(struct store *store, int64_t session, size_t step, int reps,
                    struct tendo_error *err);

/* Records one set, committed before it returns. */
bool store_set_done(struct store *store, int64_t session, const struct store_set *set,
                    struct tendo_error *err);

/* The same, unless the session already holds a set of that step that
 * ended at the same time: a set kept aside (spool.h) is written once.
 * *added says whether it was written now. */
bool store_set_once(struct store *store, int64_t session, const struct store_set *set, bool *added,
                    struct tendo_error *err);

/* Ends a session: "completed", "partial", or "stopped" (a red flag). */
bool store_session_end(struct store *store, int64_t session, const char *status,
                       struct tendo_error *err);

/* A session that was cut off (killed, or its terminal lost) and can be
 * taken up again. */
struct store_interrupted {
	int64_t id;
	char routine[128];
	char path[1024];
	enum leg leg;
	int64_t started;   /* Unix time */
	int64_t next_step; /* the step after the last set recorded */
	int sets_done;
};

/* The profile's latest session that is still marked running but whose
 * kiosk is gone: on this host its process has ended; on another, its
 * heartbeat is older than STORE_HEARTBEAT_LAPSE. A session that goes on
 * elsewhere is never offered. Returns false when there is none. */
bool store_find_interrupted(struct store *store, int64_t profile, struct store_interrupted *out);

/* Marks a session taken up again by this process (or left, with "partial"). */
bool store_session_adopt(struct store *store, int64_t session, struct tendo_error *err);

/* The session's heartbeat: this kiosk still runs it. Written after each
 * set and at least once a minute while the session is on screen; only
 * the kiosk that owns the session can renew it. */
bool store_session_alive(struct store *store, int64_t session, struct tendo_error *err);

/* Records a pain rating (0-10): "during" a session (session >= 0),
 * "after" activity (that evening or the next start), or "morning" with
 * stiffness (0-10, or -1 for none). */
bool store_pain(struct store *store, int64_t profile, int64_t session, const char *kind, int score,
                int stiffness, struct tendo_error *err);

/* Records a red flag (a sudden pop, sharp pain, can't push off). */
bool store_red_flag(struct store *store, int64_t profile, int64_t session, const char *note,
                    struct tendo_error *err);

/* The session whose pain after activity is still to be asked: the latest
 * one with sets done, ended an hour ago or more, with no rating of pain
 * after it since. -1 when none is due. */
int64_t store_after_due(struct store *store, int64_t profile);

/* True when the profile trained on an earlier day and has not yet said how
 * the tendon is this morning. */
bool store_morning_due(struct store *store, int64_t profile);

/* A profile's enrolment in a program. */
struct store_enrolment {
	int64_t id;
	char program[128];    /* the routine file's name */
	char path[1024];      /* the routine file */
	int64_t start_day;    /* days since 1970-01-01 */
	double load_kg;       /* the load now; 0 for bodyweight */
	bool decided_today;   /* the load was decided today already */
	bool mid_week;        /* the last decision was a step back (or pause) within its week */
	char decision[480];   /* the last decision, its facts and rule; "" for none */
	bool paused;          /* after pain of 8 or more, until the person has been assessed */
	int decided_week;     /* the program week the load was last decided for; 0 for none */
	int64_t decided_at;   /* when (Unix time); 0 for never */
	int64_t baseline_day; /* the first of the seven days the baseline of mornings is from */
	bool insertional;     /* the pain is insertional: exercises' insertional variants */
	bool active;          /* followed now; false once left or followed afresh */
};

/* Pauses every program the profile follows (pain of 8 or more: the tendon
 * needs assessing before any loading), or takes them up again; each
 * program that changes keeps it among its decisions. */
bool store_pause_program(struct store *store, int64_t profile, bool paused,
                         struct tendo_error *err);

/* Enrols a profile in a program (by its file) from start_day, for pain at
 * site ("midportion", "insertional"; NULL: not asked). A person
 * may follow several programs at once: this ends only an earlier
 * enrolment in the same program (following it again starts it afresh). */
bool store_enrol(struct store *store, int64_t profile, const char *program, const char *path,
                 int64_t start_day, const char *site, struct tendo_error *err);

/* Keeps the answers to the screening before a program (program: its
 * file's name), with the verdict in a word. */
bool store_screening(struct store *store, int64_t profile, const char *program,
                     const struct screening *answers, const char *verdict, struct tendo_error *err);

/* Ends the profile's enrolment in the program at path; false (with err)
 * when it follows no such program. */
bool store_leave(struct store *store, int64_t profile, const char *path, struct tendo_error *err);

/* The profile's enrolment in the program at path (NULL: the latest one it
 * follows); false when there is none. */
bool store_enrolment(struct store *store, int64_t profile, const char *path,
                     struct store_enrolment *out);

/* Every program the profile follows (or only the one at path), newest
 * first, up to max. Returns how many. */
size_t store_enrolments(struct store *store, int64_t profile, const char *path,
                        struct store_enrolment *out, size_t max);

/* Records a decision on the load, made for program week `week`, now:
 * at the week's start, or within it (mid_week: a broken limit). action
 * names it in a word or two (plan_action_name(), or "end" when the
 * program is over); every decision is kept (store_decisions). */
bool store_decide(struct store *store, int64_t enrolment, double load_kg, int week, bool mid_week,
                  const char *action, const char *reason, struct tendo_error *err);

/* A decision on the load as the log keeps it. */
struct store_decision {
	int64_t at; /* Unix time */
	int week;
	char action[16]; /* "progress", "hold", "step back", "pause", "resume", "end" */
	double load_kg;  /* the load from then on */
	char reason[480];
};

/* The decisions of an enrolment made between from and to (Unix, to
 * exclusive), oldest first, into a new array (*out, freed by the caller;
 * NULL for none). Returns how many. */
size_t store_decisions(struct store *store, int64_t enrolment, int64_t from, int64_t to,
                       struct store_decision **out);

/* The ratings of the profile's sessions of a program (by its file) that
 * started between from and to (Unix times, to exclusive), with the pain
 * after and the mornings up to a day past to, and red flags. */
void store_pain_between(struct store *store, int64_t profile, const char *path, int64_t from,
                        int64_t to, struct pain_week *w);

/* The Unix time a local day (days since 1970-01-01) starts. */
int64_t store_day_start(int64_t day);

/* The baseline of mornings: the highest morning pain and stiffness in the
 * seven days from from_day, known once those days are over (-1 before). */
void store_baseline(struct store *store, int64_t profile, int64_t from_day, struct baseline *b);

/* Measures the baseline afresh from from_day (after a flare has settled,
 * say). */
bool store_reset_baseline(struct store *store, int64_t enrolment, int64_t from_day,
                          struct tendo_error *err);

enum { HISTORY_DAYS = 28, HISTORY_WEEKS = 8 };

/* What the history screen shows: the last four weeks day by day and the
 * last eight weeks' volume. Index 0 is the oldest; the last is today (or
 * this week, Monday to Sunday). */
struct store_history {
	int64_t first_day;              /* days since 1970-01-01 of days[0] */
	int days[HISTORY_DAYS];         /* 0 nothing, 1 partial, 2 a session completed */
	int pain_during[HISTORY_DAYS];  /* the day's highest, -1 for none */
	int pain_morning[HISTORY_DAYS]; /* -1 for none */
	int reps[HISTORY_WEEKS];
	double reps_kg[HISTORY_WEEKS]; /* reps times kilograms */
	int64_t hold_ms[HISTORY_WEEKS];
};

/* Fills h for the profile, up to today. */
bool store_history(struct store *store, int64_t profile, struct store_history *h);

/* How many sessions of the routine (by file) were completed today. */
int store_done_today(struct store *store, int64_t profile, const char *path);

/* The sessions of the routine (by file) completed on each of days local
 * days from first_day: done[0] on first_day. */
void store_done_by_day(struct store *store, int64_t profile, const char *path, int64_t first_day,
                       int days, int *done);

/* A heel-raise capacity test: reps to fatigue on each leg. */
struct store_capacity {
	int64_t at; /* Unix time */
	int left, right;
	enum leg affected;
};

/* Records a capacity test. */
bool store_capacity_test(struct store *store, int64_t profile, int64_t session, int left, int right,
                         enum leg affected, struct tendo_error *err);

/* The profile's latest tests, newest first, up to max. Returns how many. */
size_t store_capacity_tests(struct store *store, int64_t profile, struct store_capacity *out,
                            size_t max);

/* The load of the first set with one in the profile's sessions of the
 * program at path since from (Unix), of the exercise named (NULL: of any);
 * 0 for none or bodyweight. */
double store_first_load(struct store *store, int64_t profile, const char *path,
                        const char *exercise, int64_t from);

/* Records a VISA-A score (0-100): the total of the Victorian Institute of
 * Sport Assessment questionnaire for the Achilles, as the person's
 * clinician gives it (the questionnaire itself is not part of tendo). */
bool store_visa_a(struct store *store, int64_t profile, int score, struct tendo_error *err);

/* The latest VISA-A score recorded between from and to (Unix); -1 for none. */
int store_visa_a_between(struct store *store, int64_t profile, int64_t from, int64_t to);

/* The time what is written now is stamped with (Unix): the one given to
 * store_set_time, else the wall clock. */
int64_t store_now(const struct store *store);

/* Today, in days since 1970-01-01, local time, at the store's time (see
 * store_set_time). */
int64_t store_today(const struct store *store);

/* A day (days since 1970-01-01) as YYYY-MM-DD into buf; returns buf. */
char *store_day_text(int64_t day, char *buf, size_t size);

/* The local day (days since 1970-01-01) of a Unix time. */
int64_t store_local_day(int64_t at);

/* ---- a period of the log, for the report (report.h) ----
 * Each reads what falls between from and to (Unix times, to exclusive),
 * oldest first, into a new array (*out, freed by the caller; NULL for
 * none), and returns how many rows. */

/* The profile's programs in the period: those followed now and those with
 * sessions in it, oldest first (ended ones too, unlike store_enrolments). */
size_t store_enrolments_between(struct store *store, int64_t profile, int64_t from, int64_t to,
                                struct store_enrolment **out);

/* A session as the report counts it. */
struct store_session_row {
	int64_t started; /* Unix time */
	char path[1024]; /* the routine's file; "" when not known */
	bool completed;
	enum leg leg; /* the affected leg it was run for; LEG_NONE when none */
};
size_t store_sessions_between(struct store *store, int64_t profile, int64_t from, int64_t to,
                              struct store_session_row **out);

/* The loads an exercise was done at: one row for each session, exercise
 * and load of the sets with a load. */
struct store_load_row {
	int64_t at; /* the session's start (Unix time) */
	char path[1024];
	char exercise[64];
	double load_kg;
};
size_t store_loads_between(struct store *store, int64_t profile, int64_t from, int64_t to,
                           struct store_load_row **out);

/* A pain rating: kind "during", "after" or "morning" (with stiffness, or
 * -1). */
struct store_rating {
	int64_t at;
	char kind[8];
	int score, stiffness;
};
size_t store_ratings_between(struct store *store, int64_t profile, int64_t from, int64_t to,
                             struct store_rating **out);

/* A red flag and what the person said of it ("" for nothing). */
struct store_red_flag {
	int64_t at;
	char note[200];
};
size_t store_red_flags_between(struct store *store, int64_t profile, int64_t from, int64_t to,
                               struct store_red_flag **out);

/* Heel-raise tests, oldest first. */
size_t store_capacity_between(struct store *store, int64_t profile, int64_t from, int64_t to,
                              struct store_capacity **out);

/* VISA-A scores, oldest first. */
struct store_visa_a {
	int64_t at;
	int score;
};
size_t store_visa_a_list(struct store *store, int64_t profile, int64_t from, int64_t to,
                         struct store_visa_a **out);

/* The latest screening before a program (by its file's name; NULL: before
 * any program): false when none was kept. */
struct store_screening {
	int64_t at;
	struct screening answers;
	char verdict[32];
};
bool store_screening_of(struct store *store, int64_t profile, const char *program,
                        struct store_screening *out);

/* Writes the log as CSV, one row per set, for one profile or all (NULL). */
bool store_export_csv(struct store *store, const char *profile, FILE *out, struct tendo_error *err);

#endif
