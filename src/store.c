/* store.c — the training log, in SQLite or PostgreSQL (see store.h, db.h). */
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "paths.h"
#include "process.h"

struct store {
	struct db *db;
	char path[4096]; /* the log's file, or where its spools go (store_path) */
	char host[256];
	int64_t at;      /* the time to stamp what is written; 0 for the clock's */
	int64_t changes; /* rows the last exec() changed */
};

int64_t store_now(const struct store *s)
{
	return s->at ? s->at : clock_wall_s();
}

static void ratings_row(struct store *s, const char *sql, int64_t profile, const char *path,
                        int64_t from, int64_t to, int *out, int n);
static bool orphaned(const struct store *s, int64_t pid, int64_t claimed, const char *host,
                     int64_t heartbeat);
static void read_capacity(struct db_rows *st, void *row);

void store_set_time(struct store *s, int64_t at)
{
	s->at = at;
}

void store_set_place(struct store *s, const char *name)
{
	if (name && name[0])
		snprintf(s->host, sizeof s->host, "%s", name);
}

/* ---------------------------------------------------------------- statements */

/* Fills err from the database's last failure: doing failed, and why. */
static void fail(struct store *s, struct tendo_error *err, const char *doing)
{
	db_fail(s->db, err, doing);
}

static bool run(struct store *s, const char *sql)
{
	return db_script(s->db, sql);
}

/* Reads the values for ?1, ?2, ... from ap, one for each letter of types:
 *   i  int64_t             n  int (a bool as (int))
 *   d  double              t  const char *, NULL for NULL
 *   r  int64_t, a row's id: NULL when negative (none)
 * Returns how many. */
static int params(const char *types, va_list ap, struct db_param *out)
{
	int n = 0;

	for (; types[n]; n++) {
		if (n == DB_PARAMS_MAX)
			abort(); /* more than any statement here binds */
		out[n].type = types[n];
		switch (types[n]) {
		case 'i':
		case 'r': out[n].v.i = va_arg(ap, int64_t); break;
		case 'n': out[n].v.i = va_arg(ap, int); break;
		case 'd': out[n].v.d = va_arg(ap, double); break;
		case 't': out[n].v.t = va_arg(ap, const char *); break;
		default: abort(); /* a letter this file does not use */
		}
	}
	return n;
}

/* A query's rows, bound as params() says; NULL when it can't be run. */
static struct db_rows *query(struct store *s, const char *sql, const char *types, ...)
{
	struct db_param p[DB_PARAMS_MAX];
	va_list ap;
	int n;

	va_start(ap, types);
	n = params(types, ap, p);
	va_end(ap);
	return db_query(s->db, sql, p, n);
}

/* Runs one statement that returns no rows (bound as params() says); the
 * rows it changed are left in s->changes, and for an INSERT that asks
 * (id not NULL) its row's id in *id. On failure, err says that doing
 * failed, and why. */
static bool vexec(struct store *s, struct tendo_error *err, const char *doing, int64_t *id,
                  const char *sql, const char *types, va_list ap)
{
	struct db_param p[DB_PARAMS_MAX];
	int n = params(types, ap, p);

	s->changes = 0;
	if (db_exec(s->db, sql, p, n, &s->changes, id))
		return true;
	fail(s, err, doing);
	return false;
}

static bool exec(struct store *s, struct tendo_error *err, const char *doing, const char *sql,
                 const char *types, ...)
{
	va_list ap;
	bool ok;

	va_start(ap, types);
	ok = vexec(s, err, doing, NULL, sql, types, ap);
	va_end(ap);
	return ok;
}

/* An INSERT into a table with an id; the new row's id, or -1. */
static int64_t insert(struct store *s, struct tendo_error *err, const char *doing, const char *sql,
                      const char *types, ...)
{
	va_list ap;
	int64_t id = -1;
	bool ok;

	va_start(ap, types);
	ok = vexec(s, err, doing, &id, sql, types, ap);
	va_end(ap);
	return ok ? id : -1;
}

/* Ends a transaction begun with db_begin(): commits when ok, else (or
 * when the commit fails, with err saying so) rolls it back. */
static bool commit_or_undo(struct store *s, struct tendo_error *err, const char *doing, bool ok)
{
	if (ok && run(s, "COMMIT"))
		return true;
	if (ok)
		fail(s, err, doing);
	run(s, "ROLLBACK");
	return false;
}

/* Makes room for more rows in *rows (*cap of them, each size bytes):
 * twice as many, 64 at first. False when memory ran out (*rows kept). */
static bool grow(void **rows, size_t *cap, size_t size)
{
	size_t more = *cap ? 2 * *cap : 64;
	void *bigger = realloc(*rows, more * size);

	if (!bigger)
		return false;
	*rows = bigger;
	*cap = more;
	return true;
}

/* A query's first row, stepped to, when its first column is not NULL;
 * else NULL. */
static struct db_rows *first_value(struct store *s, const char *sql, const char *types, va_list ap)
{
	struct db_param p[DB_PARAMS_MAX];
	int n = params(types, ap, p);
	struct db_rows *rows = db_query(s->db, sql, p, n);

	if (rows && (!db_next(rows) || db_null(rows, 0))) {
		db_rows_free(rows);
		return NULL;
	}
	return rows;
}

/* query_int() and query_double(): the first column of a query's first row
 * (bound as params() says), or otherwise when there is no row, the
 * column is NULL, or the query can't be run. One body for both types. */
#define QUERY_FIRST(name, type, column)                                                            \
	static type name(struct store *s, type otherwise, const char *sql, const char *types, ...) \
	{                                                                                          \
		va_list ap;                                                                        \
		struct db_rows *rows;                                                              \
		type value = otherwise;                                                            \
                                                                                                   \
		va_start(ap, types);                                                               \
		rows = first_value(s, sql, types, ap);                                             \
		va_end(ap);                                                                        \
		if (rows)                                                                          \
			value = column(rows, 0);                                                   \
		db_rows_free(rows);                                                                \
		return value;                                                                      \
	}

QUERY_FIRST(query_int, int64_t, db_int)
QUERY_FIRST(query_double, double, db_double)

/* ---------------------------------------------------------------- opening */

static struct store *new_store(void)
{
	struct store *s = calloc(1, sizeof *s);

	if (s && gethostname(s->host, sizeof s->host - 1) != 0)
		snprintf(s->host, sizeof s->host, "localhost");
	return s;
}

/* Makes dir, where the log's file or its spools go. */
static bool make_dir(const char *dir, struct tendo_error *err)
{
	if (paths_make_folders(dir))
		return true;
	error_set(err, dir, 0, 0,
	          "can't make the folder for the log: %s; name another with --data-dir",
	          strerror(errno));
	return false;
}

bool store_open_database(const char *database, const char *dir, struct store **out,
                         struct tendo_error *err)
{
	struct store *s = new_store();
	bool pg = database && database[0];

	*out = NULL;
	if (!s) {
		error_set(err, dir, 0, 0, "out of memory opening the log");
		return false;
	}
	/* A PostgreSQL log's sets wait beside tendo.pg while its server is away. */
	snprintf(s->path, sizeof s->path, "%s/%s", dir, pg ? "tendo.pg" : "tendo.db");
	if (!make_dir(dir, err) ||
	    !(pg ? db_pg_open(database, &s->db, err) : db_sqlite_open(s->path, &s->db, err))) {
		store_close(s);
		return false;
	}
	*out = s;
	return true;
}

bool store_open(const char *dir, struct store **out, struct tendo_error *err)
{
	return store_open_database(NULL, dir, out, err);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	db_close(s->db);
	free(s);
}

const char *store_path(const struct store *s)
{
	return s->path;
}

/* ---------------------------------------------------------------- writing */

static const char *leg_text(enum leg leg)
{
	return leg == LEG_LEFT ? "left" : leg == LEG_RIGHT ? "right" : NULL;
}

/* The kilograms a set's load says: "40 kg" is 40, "bodyweight" 0. */
static double kilograms(const char *load)
{
	double kg = load ? strtod(load, NULL) : 0;

	return kg > 0 ? kg : 0;
}

static enum leg leg_from(const char *text)
{
	if (!text)
		return LEG_NONE;
	return strcmp(text, "left") == 0    ? LEG_LEFT
	       : strcmp(text, "right") == 0 ? LEG_RIGHT
	                                    : LEG_NONE;
}

int64_t store_profile(struct store *s, const char *name, struct tendo_error *err)
{
	int64_t id;

	if (!exec(s, err, "adding the profile",
	          "INSERT INTO profiles (name, created) VALUES (?1, ?2) "
	          "ON CONFLICT (name) DO NOTHING",
	          "ti", name, store_now(s)))
		return -1;
	id = query_int(s, -1, "SELECT id FROM profiles WHERE name = ?1", "t", name);
	if (id < 0)
		fail(s, err, "finding the profile");
	return id;
}

size_t store_members(struct store *s, struct store_member *out, size_t max)
{
	struct db_rows *st = query(s,
	                           "SELECT id, name, leg, pin_hash IS NOT NULL AND pin_hash <> '' "
	                           "FROM profiles ORDER BY lower(name), name",
	                           "");
	size_t n = 0;

	while (st && n < max && db_next(st)) {
		out[n].id = db_int(st, 0);
		snprintf(out[n].name, sizeof out[n].name, "%s", db_text(st, 1));
		out[n].leg = leg_from(db_text(st, 2));
		out[n].has_pin = (int)db_int(st, 3) != 0;
		n++;
	}
	db_rows_free(st);
	return n;
}

int64_t store_member_add(struct store *s, const char *name, enum leg leg, const char *pin_hash,
                         const char *pin_salt, struct tendo_error *err)
{
	bool has_pin = pin_hash && *pin_hash;

	int64_t id = insert(s, err, "adding the profile",
	                    "INSERT INTO profiles (name, leg, pin_hash, pin_salt, created) "
	                    "VALUES (?1, ?2, ?3, ?4, ?5)",
	                    "tttti", name, leg_text(leg), has_pin ? pin_hash : NULL,
	                    has_pin ? pin_salt : NULL, store_now(s));

	if (id < 0 && db_failure(s->db) == DB_CONSTRAINT)
		error_set(err, s->db->where, 0, 0, "someone called %s is already here", name);
	return id;
}

/* The text sql (one column of the profile with id ?1) selects, into buf;
 * false when it is NULL, empty, or there is no such profile. */
static bool profile_text(struct store *s, int64_t profile, const char *sql, char *buf, size_t size)
{
	struct db_rows *st = query(s, sql, "i", profile);
	const char *text;
	bool found = false;

	if (st && db_next(st) && (text = db_text(st, 0)) && *text) {
		snprintf(buf, size, "%s", text);
		found = true;
	}
	db_rows_free(st);
	return found;
}

bool store_member_pin(struct store *s, int64_t profile, char *hash, size_t size)
{
	return profile_text(s, profile, "SELECT pin_hash FROM profiles WHERE id = ?1", hash, size);
}

enum leg store_profile_leg(struct store *s, int64_t profile)
{
	char leg[16];

	if (!profile_text(s, profile, "SELECT leg FROM profiles WHERE id = ?1", leg, sizeof leg))
		return LEG_NONE;
	return leg_from(leg);
}

int64_t store_member_find(struct store *s, const char *name)
{
	return query_int(s, -1, "SELECT id FROM profiles WHERE lower(name) = lower(?1)", "t", name);
}

bool store_member_taken(struct store *s, const char *name)
{
	return store_member_find(s, name) >= 0;
}

int64_t store_member_last_session(struct store *s, int64_t profile)
{
	return query_int(s, 0,
	                 "SELECT COALESCE(MAX(started), 0) FROM sessions WHERE profile_id = ?1",
	                 "i", profile);
}

bool store_member_set_pin(struct store *s, int64_t profile, const char *pin_hash,
                          const char *pin_salt, struct tendo_error *err)
{
	return exec(s, err, "setting the PIN",
	            "UPDATE profiles SET pin_hash = NULLIF(?2, ''), pin_salt = NULLIF(?3, '') "
	            "WHERE id = ?1",
	            "itt", profile, pin_hash ? pin_hash : "", pin_salt ? pin_salt : "");
}

bool store_member_remove(struct store *s, int64_t profile, struct tendo_error *err)
{
	/* Each table that names the profile, its sessions or its enrolments,
	 * those that hang on another first. */
	static const char *const deletes[] = {
	    "DELETE FROM sets WHERE session_id IN (SELECT id FROM sessions WHERE profile_id = ?1)",
	    "DELETE FROM decisions WHERE enrolment_id IN "
	    "(SELECT id FROM enrolments WHERE profile_id = ?1)",
	    "DELETE FROM exercise_loads WHERE enrolment_id IN "
	    "(SELECT id FROM enrolments WHERE profile_id = ?1)",
	    "DELETE FROM pain WHERE profile_id = ?1",
	    "DELETE FROM red_flags WHERE profile_id = ?1",
	    "DELETE FROM capacity_tests WHERE profile_id = ?1",
	    "DELETE FROM screenings WHERE profile_id = ?1",
	    "DELETE FROM visa_a WHERE profile_id = ?1",
	    "DELETE FROM pin_lockouts WHERE profile_id = ?1",
	    "DELETE FROM sessions WHERE profile_id = ?1",
	    "DELETE FROM enrolments WHERE profile_id = ?1",
	    "DELETE FROM profiles WHERE id = ?1",
	};
	bool ok = true;

	if (!db_begin(s->db)) {
		fail(s, err, "removing the member");
		return false;
	}
	for (size_t i = 0; ok && i < sizeof deletes / sizeof deletes[0]; i++)
		ok = exec(s, err, "removing the member", deletes[i], "i", profile);
	return commit_or_undo(s, err, "removing the member", ok);
}

int64_t store_pin_locked_until(struct store *s, int64_t profile)
{
	int64_t until = query_int(
	    s, 0, "SELECT locked_until FROM pin_lockouts WHERE profile_id = ?1", "i", profile);

	return until > store_now(s) ? until : 0;
}

bool store_pin_wrong(struct store *s, int64_t profile, int allowed, int lock_s,
                     struct tendo_error *err)
{
	/* The allowed-th wrong PIN in a row locks the profile for lock_s. */
	return exec(s, err, "counting a wrong PIN",
	            "INSERT INTO pin_lockouts (profile_id, wrong) VALUES (?1, 1) "
	            "ON CONFLICT (profile_id) DO UPDATE SET wrong = pin_lockouts.wrong + 1",
	            "i", profile) &&
	       exec(s, err, "locking the profile",
	            "UPDATE pin_lockouts SET wrong = 0, locked_until = ?3 "
	            "WHERE profile_id = ?1 AND wrong >= ?2",
	            "iii", profile, (int64_t)allowed, store_now(s) + lock_s);
}

bool store_pin_clear(struct store *s, int64_t profile, struct tendo_error *err)
{
	return exec(s, err, "clearing the wrong PINs",
	            "DELETE FROM pin_lockouts WHERE profile_id = ?1", "i", profile);
}

const char *store_in_use(struct store *s, char *buf, size_t size)
{
	struct db_rows *st = query(s,
	                           "SELECT host, pid, COALESCE(claimed, started), "
	                           "  COALESCE(heartbeat, claimed, started) "
	                           "FROM sessions WHERE status = 'running' ORDER BY host",
	                           "");
	size_t n = 0;
	char last[sizeof s->host] = "";

	buf[0] = '\0';
	while (st && db_next(st) && n < size) {
		const char *host = db_text(st, 0);
		if (!host || strcmp((const char *)host, last) == 0 ||
		    orphaned(s, db_int(st, 1), db_int(st, 2), host, db_int(st, 3)))
			continue;
		snprintf(last, sizeof last, "%s", (const char *)host);
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", last);
	}
	db_rows_free(st);
	return buf;
}

bool store_staff_action(struct store *s, const char *action, const char *member,
                        struct tendo_error *err)
{
	return exec(s, err, "noting what staff did",
	            "INSERT INTO staff_actions (at, host, action, member) VALUES (?1, ?2, ?3, ?4)",
	            "ittt", store_now(s), s->host, action, member);
}

int64_t store_session_begin(struct store *s, int64_t profile, const char *routine, const char *path,
                            enum leg leg, struct tendo_error *err)
{
	return insert(s, err, "starting the session's log",
	              "INSERT INTO sessions (profile_id, routine, path, leg, started, "
	              "status, pid, host, claimed, heartbeat) "
	              "VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, ?5, ?5)",
	              "itttiit", profile, routine, path, leg_text(leg), store_now(s),
	              (int64_t)getpid(), s->host);
}

/* The start of both ways of writing a set, the values bound as ?1..?12. */
#define SET_COLUMNS                                                                                \
	"INSERT INTO sets (session_id, step, exercise, side, set_number, completed, "              \
	"planned_reps, done_reps, planned_hold_ms, done_hold_ms, load, at) "

static bool write_set(struct store *s, int64_t session, const struct store_set *set,
                      const char *sql, struct tendo_error *err)
{
	return exec(s, err, "saving the set", sql, "iittnnnniiti", session, (int64_t)set->step,
	            set->exercise, leg_text(set->side), set->set_number, (int)set->completed,
	            set->planned_reps, set->done_reps, set->planned_hold_ms, set->done_hold_ms,
	            set->load, set->at ? set->at : store_now(s));
}

bool store_set_done(struct store *s, int64_t session, const struct store_set *set,
                    struct tendo_error *err)
{
	return write_set(s, session, set,
	                 SET_COLUMNS "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	                 err);
}

bool store_set_once(struct store *s, int64_t session, const struct store_set *set, bool *added,
                    struct tendo_error *err)
{
	*added = false;
	if (!write_set(s, session, set,
	               SET_COLUMNS "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 "
	                           "WHERE NOT EXISTS (SELECT 1 FROM sets "
	                           "WHERE session_id = ?1 AND step = ?2 AND at = ?12)",
	               err))
		return false;
	*added = s->changes > 0;
	return true;
}

const char *store_place(const struct store *s)
{
	return s->host;
}

bool store_session_end(struct store *s, int64_t session, const char *status,
                       struct tendo_error *err)
{
	return exec(s, err, "ending the session's log",
	            "UPDATE sessions SET status = ?2, ended = ?3 WHERE id = ?1", "iti", session,
	            status, store_now(s));
}

bool store_session_program(struct store *s, int64_t session, const char *program, int week,
                           struct tendo_error *err)
{
	return exec(s, err, "noting the session's program",
	            "UPDATE sessions SET program = ?2, week = ?3 WHERE id = ?1", "itn", session,
	            program, week);
}

bool store_session_load(struct store *s, int64_t session, const char *exercise, double load_kg,
                        struct tendo_error *err)
{
	char load[32];

	return exec(s, err, "saving the load",
	            "UPDATE sets SET load = ?2 WHERE session_id = ?1 AND "
	            "(?3 IS NULL OR exercise = ?3)",
	            "itt", session, routine_load_text(load_kg, load, sizeof load), exercise);
}

bool store_set_reps(struct store *s, int64_t session, size_t step, int reps,
                    struct tendo_error *err)
{
	return exec(s, err, "saving the reps",
	            "UPDATE sets SET done_reps = ?3 WHERE session_id = ?1 AND step = ?2", "iin",
	            session, (int64_t)step, reps);
}

bool store_session_adopt(struct store *s, int64_t session, struct tendo_error *err)
{
	return exec(s, err, "taking up the session",
	            "UPDATE sessions SET pid = ?2, host = ?3, claimed = ?4, heartbeat = ?4 "
	            "WHERE id = ?1",
	            "iiti", session, (int64_t)getpid(), s->host, store_now(s));
}

bool store_session_alive(struct store *s, int64_t session, struct tendo_error *err)
{
	return exec(s, err, "noting that the session goes on",
	            "UPDATE sessions SET heartbeat = ?2 WHERE id = ?1 AND host = ?3", "iit",
	            session, store_now(s), s->host);
}

/* True when the session's kiosk is gone: on this host, no process that is
 * still the one that began it; on another, no heartbeat for longer than
 * STORE_HEARTBEAT_LAPSE (its process can't be seen from here). */
static bool orphaned(const struct store *s, int64_t pid, int64_t claimed, const char *host,
                     int64_t heartbeat)
{
	if (!host || strcmp(host, s->host) != 0)
		return store_now(s) - heartbeat > STORE_HEARTBEAT_LAPSE;
	return pid <= 0 || !process_running(pid, claimed);
}

bool store_find_interrupted(struct store *s, int64_t profile, struct store_interrupted *out)
{
	struct db_rows *st =
	    query(s,
	          "SELECT s.id, s.routine, s.path, s.leg, s.started, s.pid, s.host, "
	          "  COALESCE(s.claimed, s.started), "
	          "  (SELECT MAX(step) FROM sets WHERE session_id = s.id), "
	          "  (SELECT COUNT(*) FROM sets WHERE session_id = s.id), "
	          "  COALESCE(s.heartbeat, s.claimed, s.started) "
	          "FROM sessions s WHERE s.profile_id = ?1 AND s.status = 'running' "
	          "ORDER BY s.started DESC, s.id DESC",
	          "i", profile);
	bool found = false;

	while (st && !found && db_next(st)) {
		if (!orphaned(s, db_int(st, 5), db_int(st, 7), db_text(st, 6), db_int(st, 10)))
			continue;
		memset(out, 0, sizeof *out);
		out->id = db_int(st, 0);
		snprintf(out->routine, sizeof out->routine, "%s", db_text(st, 1));
		if (db_text(st, 2))
			snprintf(out->path, sizeof out->path, "%s", db_text(st, 2));
		out->leg = leg_from(db_text(st, 3));
		out->started = db_int(st, 4);
		out->next_step = db_null(st, 8) ? 0 : db_int(st, 8) + 1;
		out->sets_done = (int)db_int(st, 9);
		found = true;
	}
	db_rows_free(st);
	return found;
}

bool store_pain(struct store *s, int64_t profile, int64_t session, const char *kind, int score,
                int stiffness, struct tendo_error *err)
{
	return exec(s, err, "saving the pain rating",
	            "INSERT INTO pain (profile_id, session_id, kind, score, stiffness, at) "
	            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	            "irtnri", profile, session, kind, score, (int64_t)stiffness, store_now(s));
}

bool store_red_flag(struct store *s, int64_t profile, int64_t session, const char *note,
                    struct tendo_error *err)
{
	return exec(s, err, "saving the red flag",
	            "INSERT INTO red_flags (profile_id, session_id, at, note) "
	            "VALUES (?1, ?2, ?3, ?4)",
	            "irit", profile, session, store_now(s), note);
}

bool store_morning_due(struct store *s, int64_t profile)
{
	int64_t today = store_day_start(store_today(s));

	return query_int(s, 0,
	                 "SELECT EXISTS (SELECT 1 FROM sessions WHERE profile_id = ?1 AND "
	                 "  started < ?2) "
	                 "AND NOT EXISTS (SELECT 1 FROM pain WHERE profile_id = ?1 AND "
	                 "  kind = 'morning' AND at >= ?2 AND at < ?3)",
	                 "iii", profile, today, store_day_start(store_today(s) + 1)) == 1;
}

int64_t store_after_due(struct store *s, int64_t profile)
{
	return query_int(
	    s, -1,
	    "SELECT id FROM sessions s WHERE profile_id = ?1 AND "
	    "  status IN ('completed', 'partial') AND ended IS NOT NULL AND "
	    "  ended <= ?2 - 3600 AND EXISTS (SELECT 1 FROM sets WHERE session_id = s.id) AND "
	    "  NOT EXISTS (SELECT 1 FROM pain WHERE profile_id = ?1 AND kind = 'after' AND "
	    "    at >= s.ended) "
	    "ORDER BY ended DESC LIMIT 1",
	    "ii", profile, store_now(s));
}

int64_t store_session_between(struct store *s, int64_t profile, int64_t from, int64_t to)
{
	return query_int(s, -1,
	                 "SELECT id FROM sessions WHERE profile_id = ?1 AND started >= ?2 AND "
	                 "started < ?3 AND status != 'running' ORDER BY started DESC LIMIT 1",
	                 "iii", profile, from, to);
}

double store_first_load(struct store *s, int64_t profile, const char *path, const char *exercise,
                        int64_t from)
{
	struct db_rows *st =
	    query(s,
	          "SELECT t.load FROM sets t "
	          "JOIN sessions s ON s.id = t.session_id "
	          "WHERE s.profile_id = ?1 AND s.path = ?2 AND s.started >= ?3 AND "
	          "t.exercise = COALESCE(?4, t.exercise) AND "
	          "t.load IS NOT NULL ORDER BY t.at, t.id LIMIT 1",
	          "itit", profile, path, from, exercise);
	double kg = db_next(st) ? kilograms(db_text(st, 0)) : 0;

	db_rows_free(st);
	return kg;
}

bool store_visa_a(struct store *s, int64_t profile, int score, struct tendo_error *err)
{
	return exec(s, err, "saving the VISA-A score",
	            "INSERT INTO visa_a (profile_id, at, score) VALUES (?1, ?2, ?3)", "iin",
	            profile, store_now(s), score);
}

int store_visa_a_between(struct store *s, int64_t profile, int64_t from, int64_t to)
{
	int row[1];

	ratings_row(s,
	            "SELECT score FROM visa_a WHERE profile_id = ?1 AND at >= ?3 AND at < ?4 "
	            "ORDER BY at DESC, id DESC LIMIT 1",
	            profile, NULL, from, to, row, 1);
	return row[0];
}

double store_exercise_load(struct store *s, int64_t enrolment, const char *exercise,
                           double otherwise)
{
	return query_double(s, otherwise,
	                    "SELECT load_kg FROM exercise_loads WHERE enrolment_id = ?1 AND "
	                    "exercise = ?2",
	                    "it", enrolment, exercise);
}

bool store_set_exercise_load(struct store *s, int64_t enrolment, const char *exercise,
                             double load_kg, struct tendo_error *err)
{
	return exec(s, err, "saving the exercise's load",
	            "INSERT INTO exercise_loads (enrolment_id, exercise, load_kg) "
	            "VALUES (?1, ?2, ?3) ON CONFLICT (enrolment_id, exercise) "
	            "DO UPDATE SET load_kg = excluded.load_kg",
	            "itd", enrolment, exercise, load_kg);
}

int64_t store_local_day(int64_t at)
{
	time_t t = (time_t)at;
	struct tm local;

	localtime_r(&t, &local);
	/* Local midnight as if it were UTC, in whole days. */
	return (int64_t)(timegm(&local) / 86400);
}

int64_t store_today(const struct store *s)
{
	return store_local_day(store_now(s));
}

char *store_day_text(int64_t day, char *buf, size_t size)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	if (strftime(buf, size, "%Y-%m-%d", &tm) == 0 && size > 0)
		buf[0] = '\0';
	return buf;
}

bool store_enrol(struct store *s, int64_t profile, const char *program, const char *path,
                 int64_t start_day, const char *site, struct tendo_error *err)
{
	char start[16];
	bool ok;

	store_day_text(start_day, start, sizeof start);
	if (!db_begin(s->db)) {
		fail(s, err, "enrolling");
		return false;
	}
	/* Following a program again starts it afresh; any others go on. */
	ok = exec(s, err, "enrolling",
	          "UPDATE enrolments SET active = 0 WHERE profile_id = ?1 AND path = ?2", "it",
	          profile, path) &&
	     exec(s, err, "enrolling",
	          "INSERT INTO enrolments (profile_id, program, path, start_date, "
	          "load_kg, active, site) VALUES (?1, ?2, ?3, ?4, 0, 1, ?5)",
	          "itttt", profile, program, path, start, site);
	return commit_or_undo(s, err, "enrolling", ok);
}

/* The columns read_enrolment() reads, in order. */
#define ENROLMENT_COLUMNS                                                                          \
	"id, program, path, start_date, load_kg, decided_on, held, decision, paused, "             \
	"decided_week, decided_at, COALESCE(baseline_from, start_date), site, active "

/* The day a 'YYYY-MM-DD' text names, in days since 1970-01-01; 0 when it
 * names none. */
static int64_t day_number(const char *text)
{
	struct tm tm = {0};

	if (!text || sscanf(text, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)(timegm(&tm) / 86400);
}

/* A text column into buf, "" for NULL. */
static void text_into(struct db_rows *st, int column, char *buf, size_t size)
{
	const char *text = db_text(st, column);

	snprintf(buf, size, "%s", text ? text : "");
}

static void read_enrolment(struct db_rows *st, const char *today, struct store_enrolment *out)
{
	const char *decided_on = db_text(st, 5), *site = db_text(st, 12);

	memset(out, 0, sizeof *out);
	out->id = db_int(st, 0);
	text_into(st, 1, out->program, sizeof out->program);
	text_into(st, 2, out->path, sizeof out->path);
	out->start_day = day_number(db_text(st, 3));
	out->load_kg = db_double(st, 4);
	out->decided_today = decided_on && strcmp(decided_on, today) == 0;
	out->mid_week = db_int(st, 6) != 0;
	text_into(st, 7, out->decision, sizeof out->decision);
	out->paused = db_int(st, 8) != 0;
	out->decided_week = (int)db_int(st, 9);
	out->decided_at = db_int(st, 10); /* 0 for NULL */
	out->baseline_day = day_number(db_text(st, 11));
	out->insertional = site && strcmp(site, "insertional") == 0;
	out->active = db_int(st, 13) != 0;
}

size_t store_enrolments(struct store *s, int64_t profile, const char *path,
                        struct store_enrolment *out, size_t max)
{
	char today[16];
	struct db_rows *st;
	size_t n = 0;

	store_day_text(store_today(s), today, sizeof today);
	st = query(s,
	           "SELECT " ENROLMENT_COLUMNS "FROM enrolments "
	           "WHERE profile_id = ?1 AND active = 1 AND (?2 IS NULL OR path = ?2) "
	           "ORDER BY id DESC",
	           "it", profile, path);
	while (n < max && db_next(st))
		read_enrolment(st, today, &out[n++]);
	db_rows_free(st);
	return n;
}

bool store_enrolment(struct store *s, int64_t profile, const char *path,
                     struct store_enrolment *out)
{
	return store_enrolments(s, profile, path, out, 1) == 1;
}

bool store_decide(struct store *s, int64_t enrolment, double load_kg, int week, bool mid_week,
                  const char *action, const char *reason, struct tendo_error *err)
{
	static const char doing[] = "saving the decision on the load";
	char today[16];
	bool ok;

	store_day_text(store_today(s), today, sizeof today);
	if (!db_begin(s->db)) {
		fail(s, err, doing);
		return false;
	}
	/* held: the mid_week column's first name, from schema 2. */
	ok =
	    exec(s, err, doing,
	         "UPDATE enrolments SET load_kg = ?2, decided_week = ?3, decision = ?4, "
	         "decided_on = ?5, decided_at = ?6, held = ?7 WHERE id = ?1",
	         "idnttin", enrolment, load_kg, week, reason, today, store_now(s), (int)mid_week) &&
	    exec(s, err, doing,
	         "INSERT INTO decisions (enrolment_id, at, week, action, load_kg, reason) "
	         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	         "iintdt", enrolment, store_now(s), week, action, load_kg, reason);
	return commit_or_undo(s, err, doing, ok);
}

bool store_screening(struct store *s, int64_t profile, const char *program,
                     const struct screening *answers, const char *verdict, struct tendo_error *err)
{
	return exec(s, err, "saving the screening",
	            "INSERT INTO screenings (profile_id, program, at, red_flag, site, "
	            "fluoroquinolone, steroid, systemic, cleared, verdict) "
	            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	            "itintnnnnt", profile, program, store_now(s), (int)answers->red_flag,
	            screening_site(answers), (int)answers->fluoroquinolone, (int)answers->steroid,
	            (int)answers->systemic, (int)answers->cleared, verdict);
}

bool store_leave(struct store *s, int64_t profile, const char *path, struct tendo_error *err)
{
	if (!exec(s, err, "ending the program",
	          "UPDATE enrolments SET active = 0 WHERE profile_id = ?1 AND path = ?2 "
	          "AND active = 1",
	          "it", profile, path))
		return false;
	if (s->changes > 0)
		return true;
	error_set(err, s->path, 0, 0, "that program is not followed");
	return false;
}

bool store_pause_program(struct store *s, int64_t profile, bool paused, struct tendo_error *err)
{
	static const char doing[] = "pausing the program";
	bool ok;

	if (!db_begin(s->db)) {
		fail(s, err, doing);
		return false;
	}
	/* Kept among the decisions of each program it changes; a pause's
	 * reason is its rule, a going on's what the person said. */
	ok = exec(s, err, doing,
	          "INSERT INTO decisions (enrolment_id, at, week, action, load_kg, reason) "
	          "SELECT id, ?2, decided_week, ?3, load_kg, ?4 FROM enrolments "
	          "WHERE profile_id = ?1 AND active = 1 AND paused <> ?5",
	          "iittn", profile, store_now(s), paused ? "pause" : "resume",
	          paused ? "Paused: pain of 8 or more out of 10. The tendon is to be assessed by a "
	                   "doctor or physiotherapist before any loading."
	                 : "Going on: the person said a clinician has assessed the tendon.",
	          (int)paused) &&
	     exec(s, err, doing,
	          "UPDATE enrolments SET paused = ?2 WHERE profile_id = ?1 AND active = 1", "in",
	          profile, (int)paused);
	return commit_or_undo(s, err, doing, ok);
}

/* Runs a query of the ratings between two times and reads its first row's
 * columns into out (-1 for NULL). The query binds ?1 the profile, ?2 the
 * program's file, ?3 and ?4 the times (Unix, from inclusive, to exclusive). */
static void ratings_row(struct store *s, const char *sql, int64_t profile, const char *path,
                        int64_t from, int64_t to, int *out, int n)
{
	struct db_rows *st = query(s, sql, "itii", profile, path, from, to);

	for (int i = 0; i < n; i++)
		out[i] = -1;
	if (st && db_next(st))
		for (int i = 0; i < n; i++)
			if (!db_null(st, i))
				out[i] = (int)db_int(st, i);
	db_rows_free(st);
}

void store_pain_between(struct store *s, int64_t profile, const char *path, int64_t from,
                        int64_t to, struct pain_week *w)
{
	int row[10];

	/* Pain after, and the next mornings: up to a day past the window. */
	ratings_row(s,
	            "SELECT (SELECT count(*) FROM sessions WHERE profile_id = ?1 AND path = ?2 AND "
	            "    started >= ?3 AND started < ?4 AND status IN ('completed', 'partial')), "
	            "  d.n, d.most, d.tenths, a.n, a.most, m.n, m.most, m.stiffness, "
	            "  (SELECT count(*) FROM red_flags WHERE profile_id = ?1 AND at >= ?3 AND "
	            "    at < ?4) "
	            "FROM (SELECT count(DISTINCT p.session_id) AS n, MAX(p.score) AS most, "
	            "    CAST(ROUND(AVG(p.score) * 10) AS INTEGER) AS tenths "
	            "    FROM pain p JOIN sessions s ON s.id = p.session_id "
	            "    WHERE p.kind = 'during' AND s.profile_id = ?1 AND s.path = ?2 AND "
	            "    s.started >= ?3 AND s.started < ?4) AS d, "
	            "  (SELECT count(*) AS n, MAX(score) AS most FROM pain WHERE profile_id = ?1 "
	            "    AND kind = 'after' AND at >= ?3 AND at < ?4 + 86400) AS a, "
	            "  (SELECT count(*) AS n, MAX(score) AS most, MAX(stiffness) AS stiffness "
	            "    FROM pain WHERE profile_id = ?1 AND kind = 'morning' AND at > ?3 AND "
	            "    at < ?4 + 86400) AS m",
	            profile, path, from, to, row, 10);
	memset(w, 0, sizeof *w);
	w->sessions = row[0] > 0 ? row[0] : 0;
	w->during_rated = row[1] > 0 ? row[1] : 0;
	w->during_max = row[2];
	w->during_tenths = row[3];
	w->after_rated = row[4] > 0 ? row[4] : 0;
	w->after_max = row[5];
	w->mornings_rated = row[6] > 0 ? row[6] : 0;
	w->morning_max = row[7];
	w->stiffness_max = row[8];
	w->red_flag = row[9] > 0;
}

int64_t store_day_start(int64_t day)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void store_baseline(struct store *s, int64_t profile, int64_t from_day, struct baseline *b)
{
	int row[3];
	int64_t from = store_day_start(from_day), to = store_day_start(from_day + 7);

	ratings_row(
	    s,
	    "SELECT count(*), MAX(score), MAX(stiffness) FROM pain WHERE profile_id = ?1 AND "
	    "kind = 'morning' AND at >= ?3 AND at < ?4",
	    profile, NULL, from, to, row, 3);
	/* Known once the first week is over and its mornings were rated. */
	if (row[0] <= 0 || store_now(s) < to) {
		b->pain = b->stiffness = -1;
		return;
	}
	/* A stiffness never rated in those days is not a baseline of 0: the
	 * first stiffness rated would then break the limit. It stays unknown
	 * (-1), and only morning pain is judged, until a reset measures it. */
	b->pain = row[1];
	b->stiffness = row[2];
}

bool store_reset_baseline(struct store *s, int64_t enrolment, int64_t from_day,
                          struct tendo_error *err)
{
	char day[16];

	store_day_text(from_day, day, sizeof day);
	return exec(s, err, "re-setting the baseline",
	            "UPDATE enrolments SET baseline_from = ?2 WHERE id = ?1", "it", enrolment, day);
}

/* The index of the local day of `at` in h's days; -1 when outside. */
static int history_day(const struct store_history *h, int64_t at)
{
	int64_t i = store_local_day(at) - h->first_day;

	return i >= 0 && i < HISTORY_DAYS ? (int)i : -1;
}

/* Each day's sessions (2 when one was completed, else 1) and its highest
 * pain during and in the morning; pain after activity has no row of its
 * own in the history. */
static bool history_days(struct store *s, int64_t profile, struct store_history *h)
{
	int64_t from = store_day_start(h->first_day);
	struct db_rows *st = query(s,
	                           "SELECT started, status = 'completed' FROM sessions "
	                           "WHERE profile_id = ?1 AND started >= ?2",
	                           "ii", profile, from);
	int i;

	while (db_next(st))
		if ((i = history_day(h, db_int(st, 0))) >= 0 && h->days[i] < 2)
			h->days[i] = db_int(st, 1) ? 2 : 1;
	if (db_rows_failed(st))
		goto failed;
	db_rows_free(st);
	st = query(s,
	           "SELECT at, kind = 'morning', score FROM pain WHERE profile_id = ?1 AND "
	           "kind IN ('during', 'morning') AND at >= ?2",
	           "ii", profile, from);
	while (db_next(st)) {
		int *day = db_int(st, 1) ? h->pain_morning : h->pain_during;
		int score = (int)db_int(st, 2);
		if ((i = history_day(h, db_int(st, 0))) >= 0 && score > day[i])
			day[i] = score;
	}
	if (db_rows_failed(st))
		goto failed;
	db_rows_free(st);
	return true;
failed:
	db_rows_free(st);
	return false;
}

bool store_history(struct store *s, int64_t profile, struct store_history *h)
{
	int64_t today = store_today(s);
	int64_t monday = today - ((today + 3) % 7); /* 1970-01-01 was a Thursday */
	int64_t first_week = monday - 7 * (HISTORY_WEEKS - 1);
	struct db_rows *st;
	bool ok;

	memset(h, 0, sizeof *h);
	h->first_day = today - (HISTORY_DAYS - 1);
	for (int i = 0; i < HISTORY_DAYS; i++)
		h->pain_during[i] = h->pain_morning[i] = -1;
	if (!history_days(s, profile, h))
		return false;
	/* Each week's reps, reps times kilograms, and time in holds. */
	st = query(s,
	           "SELECT x.at, x.done_reps, x.load, x.done_hold_ms "
	           "FROM sets x JOIN sessions s ON x.session_id = s.id "
	           "WHERE s.profile_id = ?1 AND x.at >= ?2",
	           "ii", profile, store_day_start(first_week));
	while (db_next(st)) {
		int64_t day = store_local_day(db_int(st, 0)) - first_week, w = day / 7;
		int reps = (int)db_int(st, 1); /* 0 for NULL */
		if (day < 0 || w >= HISTORY_WEEKS)
			continue;
		h->reps[w] += reps;
		h->reps_kg[w] += reps * kilograms(db_text(st, 2));
		h->hold_ms[w] += db_int(st, 3);
	}
	ok = !db_rows_failed(st);
	db_rows_free(st);
	return ok;
}

void store_done_by_day(struct store *s, int64_t profile, const char *path, int64_t first_day,
                       int days, int *done)
{
	struct db_rows *st = query(
	    s,
	    "SELECT started FROM sessions WHERE profile_id = ?1 AND path = ?2 "
	    "AND status = 'completed' AND started >= ?3 AND started < ?4",
	    "itii", profile, path, store_day_start(first_day), store_day_start(first_day + days));

	memset(done, 0, sizeof *done * (size_t)days);
	while (st && db_next(st)) {
		int64_t day = store_local_day(db_int(st, 0)) - first_day;
		if (day >= 0 && day < days)
			done[day]++;
	}
	db_rows_free(st);
}

int store_done_today(struct store *s, int64_t profile, const char *path)
{
	int done;

	store_done_by_day(s, profile, path, store_today(s), 1, &done);
	return done;
}

bool store_capacity_test(struct store *s, int64_t profile, int64_t session, int left, int right,
                         enum leg affected, struct tendo_error *err)
{
	return exec(s, err, "saving the test",
	            "INSERT INTO capacity_tests (profile_id, session_id, at, left_reps, "
	            "right_reps, affected) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	            "irinnt", profile, session, store_now(s), left, right, leg_text(affected));
}

size_t store_capacity_tests(struct store *s, int64_t profile, struct store_capacity *out,
                            size_t max)
{
	struct db_rows *st = query(s,
	                           "SELECT at, left_reps, right_reps, affected FROM capacity_tests "
	                           "WHERE profile_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2",
	                           "ii", profile, (int64_t)max);
	size_t n = 0;

	while (st && n < max && db_next(st))
		read_capacity(st, &out[n++]);
	db_rows_free(st);
	return n;
}

/* ---------------------------------------------------------------- a period */

/* Reads one row of a query into row. */
typedef void (*row_reader)(struct db_rows *st, void *row);

/* Every row of sql (bound as params() says), each read by read into a new
 * array of size-byte rows (*out; NULL for none). Returns how many; those
 * read before memory ran out, if it did. */
static size_t collect(struct store *s, void **out, size_t size, row_reader read, const char *sql,
                      const char *types, ...)
{
	struct db_param p[DB_PARAMS_MAX];
	struct db_rows *st;
	va_list ap;
	size_t n = 0, cap = 0;

	va_start(ap, types);
	st = db_query(s->db, sql, p, params(types, ap, p));
	va_end(ap);
	*out = NULL;
	while (st && db_next(st)) {
		if (n == cap && !grow(out, &cap, size))
			break;
		read(st, (char *)*out + n++ * size);
	}
	db_rows_free(st);
	return n;
}

static void read_decision(struct db_rows *st, void *row)
{
	struct store_decision *d = row;

	d->at = db_int(st, 0);
	d->week = (int)db_int(st, 1);
	text_into(st, 2, d->action, sizeof d->action);
	d->load_kg = db_double(st, 3);
	text_into(st, 4, d->reason, sizeof d->reason);
}

size_t store_decisions(struct store *s, int64_t enrolment, int64_t from, int64_t to,
                       struct store_decision **out)
{
	return collect(s, (void **)out, sizeof **out, read_decision,
	               "SELECT at, week, action, load_kg, reason FROM decisions "
	               "WHERE enrolment_id = ?1 AND at >= ?2 AND at < ?3 ORDER BY at, id",
	               "iii", enrolment, from, to);
}

/* read_enrolment() with today's date, which the report does not use. */
static void read_enrolment_row(struct db_rows *st, void *row)
{
	read_enrolment(st, "", row);
}

size_t store_enrolments_between(struct store *s, int64_t profile, int64_t from, int64_t to,
                                struct store_enrolment **out)
{
	char last[16];

	store_day_text(store_local_day(to - 1), last, sizeof last);
	return collect(s, (void **)out, sizeof **out, read_enrolment_row,
	               "SELECT " ENROLMENT_COLUMNS "FROM enrolments e "
	               "WHERE profile_id = ?1 AND start_date <= ?4 AND (active = 1 OR EXISTS "
	               "(SELECT 1 FROM sessions s WHERE s.profile_id = ?1 AND s.path = e.path "
	               "AND s.started >= ?2 AND s.started < ?3)) ORDER BY start_date, id",
	               "iiit", profile, from, to, last);
}

static void read_session_row(struct db_rows *st, void *row)
{
	struct store_session_row *r = row;
	const char *status = db_text(st, 2);

	r->started = db_int(st, 0);
	text_into(st, 1, r->path, sizeof r->path);
	r->completed = status && strcmp(status, "completed") == 0;
	r->leg = leg_from(db_text(st, 3));
}

size_t store_sessions_between(struct store *s, int64_t profile, int64_t from, int64_t to,
                              struct store_session_row **out)
{
	return collect(s, (void **)out, sizeof **out, read_session_row,
	               "SELECT started, path, status, leg FROM sessions WHERE profile_id = ?1 "
	               "AND started >= ?2 AND started < ?3 ORDER BY started, id",
	               "iii", profile, from, to);
}

static void read_load_row(struct db_rows *st, void *row)
{
	struct store_load_row *r = row;
	const char *load = db_text(st, 3);

	r->at = db_int(st, 0);
	text_into(st, 1, r->path, sizeof r->path);
	text_into(st, 2, r->exercise, sizeof r->exercise);
	/* The log keeps a load as shown: "5 kg". */
	r->load_kg = load ? strtod(load, NULL) : 0;
}

size_t store_loads_between(struct store *s, int64_t profile, int64_t from, int64_t to,
                           struct store_load_row **out)
{
	return collect(s, (void **)out, sizeof **out, read_load_row,
	               "SELECT DISTINCT s.started, s.path, x.exercise, x.load FROM sessions s "
	               "JOIN sets x ON x.session_id = s.id WHERE s.profile_id = ?1 "
	               "AND s.started >= ?2 AND s.started < ?3 AND x.load IS NOT NULL "
	               "ORDER BY s.started",
	               "iii", profile, from, to);
}

static void read_rating(struct db_rows *st, void *row)
{
	struct store_rating *r = row;

	r->at = db_int(st, 0);
	text_into(st, 1, r->kind, sizeof r->kind);
	r->score = (int)db_int(st, 2);
	r->stiffness = db_null(st, 3) ? -1 : (int)db_int(st, 3);
}

size_t store_ratings_between(struct store *s, int64_t profile, int64_t from, int64_t to,
                             struct store_rating **out)
{
	return collect(s, (void **)out, sizeof **out, read_rating,
	               "SELECT at, kind, score, stiffness FROM pain WHERE profile_id = ?1 "
	               "AND at >= ?2 AND at < ?3 ORDER BY at, id",
	               "iii", profile, from, to);
}

static void read_red_flag(struct db_rows *st, void *row)
{
	struct store_red_flag *r = row;

	r->at = db_int(st, 0);
	text_into(st, 1, r->note, sizeof r->note);
}

size_t store_red_flags_between(struct store *s, int64_t profile, int64_t from, int64_t to,
                               struct store_red_flag **out)
{
	return collect(s, (void **)out, sizeof **out, read_red_flag,
	               "SELECT at, note FROM red_flags WHERE profile_id = ?1 "
	               "AND at >= ?2 AND at < ?3 ORDER BY at, id",
	               "iii", profile, from, to);
}

static void read_capacity(struct db_rows *st, void *row)
{
	struct store_capacity *c = row;

	c->at = db_int(st, 0);
	c->left = (int)db_int(st, 1);
	c->right = (int)db_int(st, 2);
	c->affected = leg_from(db_text(st, 3));
}

size_t store_capacity_between(struct store *s, int64_t profile, int64_t from, int64_t to,
                              struct store_capacity **out)
{
	return collect(s, (void **)out, sizeof **out, read_capacity,
	               "SELECT at, left_reps, right_reps, affected FROM capacity_tests "
	               "WHERE profile_id = ?1 AND at >= ?2 AND at < ?3 ORDER BY at, id",
	               "iii", profile, from, to);
}

static void read_visa_a(struct db_rows *st, void *row)
{
	struct store_visa_a *v = row;

	v->at = db_int(st, 0);
	v->score = (int)db_int(st, 1);
}

size_t store_visa_a_list(struct store *s, int64_t profile, int64_t from, int64_t to,
                         struct store_visa_a **out)
{
	return collect(s, (void **)out, sizeof **out, read_visa_a,
	               "SELECT at, score FROM visa_a WHERE profile_id = ?1 "
	               "AND at >= ?2 AND at < ?3 ORDER BY at, id",
	               "iii", profile, from, to);
}

bool store_screening_of(struct store *s, int64_t profile, const char *program,
                        struct store_screening *out)
{
	struct db_rows *st = query(s,
	                           "SELECT at, red_flag, site, fluoroquinolone, steroid, systemic, "
	                           "cleared, verdict FROM screenings WHERE profile_id = ?1 AND "
	                           "(?2 IS NULL OR program = ?2) ORDER BY at DESC, id DESC LIMIT 1",
	                           "it", profile, program);
	bool found = st && db_next(st);

	if (found) {
		const char *site = db_text(st, 2);
		out->at = db_int(st, 0);
		out->answers = (struct screening){
		    .red_flag = db_int(st, 1) != 0,
		    .insertional = site && strcmp(site, "insertional") == 0,
		    .fluoroquinolone = db_int(st, 3) != 0,
		    .steroid = db_int(st, 4) != 0,
		    .systemic = db_int(st, 5) != 0,
		    .cleared = db_int(st, 6) != 0,
		};
		text_into(st, 7, out->verdict, sizeof out->verdict);
	}
	db_rows_free(st);
	return found;
}

/* ---------------------------------------------------------------- export */

/* One CSV field: quoted when it must be, and never read as a formula by a
 * spreadsheet (a leading = + - @ gets a ' before it). */
static void csv_field(FILE *out, const char *text, bool last)
{
	bool formula = text && text[0] && strchr("=+-@", text[0]);
	bool quote = text && (strpbrk(text, ",\"\n\r") || formula);

	if (text && quote) {
		fputc('"', out);
		if (formula)
			fputc('\'', out);
		for (const char *p = text; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else if (text) {
		fputs(text, out);
	}
	fputc(last ? '\n' : ',', out);
}

/* A number of milliseconds as seconds with one decimal, into buf. */
static const char *seconds_text(int64_t ms, char *buf, size_t size)
{
	snprintf(buf, size, "%.1f", (double)ms / 1000.0);
	return buf;
}

/* One row of the export (the columns of store_export_csv's query). */
static void csv_row(FILE *out, struct db_rows *st)
{
	time_t at = (time_t)db_int(st, 0);
	struct tm local;
	char date[16], time_of_day[16], planned_s[32], done_s[32];
	int64_t planned_reps = db_int(st, 10), planned_ms = db_int(st, 12);

	localtime_r(&at, &local);
	strftime(date, sizeof date, "%Y-%m-%d", &local);
	strftime(time_of_day, sizeof time_of_day, "%H:%M:%S", &local);
	csv_field(out, date, false);
	csv_field(out, time_of_day, false);
	for (int column = 1; column <= 8; column++) /* profile to set */
		csv_field(out, db_text(st, column), false);
	csv_field(out, db_int(st, 9) == 1 ? "yes" : "no", false);
	csv_field(out, planned_reps > 0 ? db_text(st, 10) : NULL, false);
	csv_field(out, planned_reps > 0 ? db_text(st, 11) : NULL, false);
	csv_field(out,
	          planned_ms > 0 ? seconds_text(planned_ms, planned_s, sizeof planned_s) : NULL,
	          false);
	csv_field(out, planned_ms > 0 ? seconds_text(db_int(st, 13), done_s, sizeof done_s) : NULL,
	          false);
	csv_field(out, db_text(st, 14), false);
	csv_field(out, db_text(st, 15), true);
}

bool store_export_csv(struct store *s, const char *profile, FILE *out, struct tendo_error *err)
{
	static const char header[] =
	    "date,time,profile,routine,program,week,session,exercise,side,set,completed,"
	    "planned_reps,done_reps,planned_hold_s,done_hold_s,load,pain_during\n";
	struct db_rows *st = query(s,
	                           "SELECT x.at, p.name, s.routine, s.program, s.week, s.status, "
	                           "  x.exercise, x.side, x.set_number, x.completed, "
	                           "  x.planned_reps, x.done_reps, x.planned_hold_ms, "
	                           "  x.done_hold_ms, x.load, "
	                           "  (SELECT score FROM pain WHERE session_id = s.id AND "
	                           "   kind = 'during' ORDER BY at DESC LIMIT 1) "
	                           "FROM sets x JOIN sessions s ON x.session_id = s.id "
	                           "JOIN profiles p ON s.profile_id = p.id "
	                           "WHERE ?1 IS NULL OR p.name = ?1 ORDER BY x.at, x.id",
	                           "t", profile);
	bool failed;

	if (!st) {
		fail(s, err, "reading the log");
		return false;
	}
	fputs(header, out);
	while (db_next(st))
		csv_row(out, st);
	failed = db_rows_failed(st);
	db_rows_free(st);
	if (failed) {
		fail(s, err, "reading the log");
		return false;
	}
	if (fflush(out) != 0 || ferror(out)) {
		error_set(err, NULL, 0, 0, "can't write the CSV: %s", strerror(errno));
		return false;
	}
	return true;
}
