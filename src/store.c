/* store.c — the training log in SQLite (see store.h). */
#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "paths.h"
#include "process.h"

/* 'tend': marks the file as a tendo log for PRAGMA application_id. */
enum { APPLICATION_ID = 0x74656e64, BUSY_MS = 5000, RETRIES = 5 };

struct store {
	sqlite3 *db;
	char path[4096];
	char host[256];
	int64_t at; /* the time to stamp what is written; 0 for the clock's */
};

int64_t store_now(const struct store *s)
{
	return s->at ? s->at : clock_wall_s();
}

static void ratings_row(struct store *s, const char *sql, int64_t profile, const char *path,
                        int64_t from, int64_t to, int *out, int n);
static bool orphaned(const struct store *s, int64_t pid, int64_t claimed, const unsigned char *host,
                     int64_t heartbeat);

void store_set_time(struct store *s, int64_t at)
{
	s->at = at;
}

void store_set_place(struct store *s, const char *name)
{
	if (name && name[0])
		snprintf(s->host, sizeof s->host, "%s", name);
}

/* Each step from one schema version to the next, in order: migrations[i]
 * takes a log from version i to version i + 1. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema. */
    "CREATE TABLE profiles ("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, leg TEXT,"
    "  pin_hash TEXT, pin_salt TEXT, created INTEGER NOT NULL);"
    "CREATE TABLE enrolments ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  program TEXT NOT NULL, start_date TEXT NOT NULL, load_kg REAL,"
    "  active INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  routine TEXT NOT NULL, path TEXT, leg TEXT, started INTEGER NOT NULL, ended INTEGER,"
    "  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'partial', 'stopped')),"
    "  pid INTEGER, host TEXT);"
    "CREATE TABLE sets ("
    "  id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id),"
    "  step INTEGER NOT NULL, exercise TEXT NOT NULL, side TEXT, set_number INTEGER NOT NULL,"
    "  completed INTEGER NOT NULL, planned_reps INTEGER, done_reps INTEGER,"
    "  planned_hold_ms INTEGER, done_hold_ms INTEGER, load TEXT, at INTEGER NOT NULL);"
    "CREATE TABLE pain ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  session_id INTEGER REFERENCES sessions(id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('during', 'morning')),"
    "  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), stiffness INTEGER,"
    "  at INTEGER NOT NULL);"
    "CREATE TABLE red_flags ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  session_id INTEGER REFERENCES sessions(id), at INTEGER NOT NULL, note TEXT);"
    "CREATE INDEX sets_by_session ON sets(session_id);"
    "CREATE INDEX sessions_by_profile ON sessions(profile_id, started);",
    /* 1 -> 2: enrolments remember their file and the last decision on the load. */
    "ALTER TABLE enrolments ADD COLUMN path TEXT;"
    "ALTER TABLE enrolments ADD COLUMN decided_on TEXT;"
    "ALTER TABLE enrolments ADD COLUMN held INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE enrolments ADD COLUMN decision TEXT;"
    "ALTER TABLE enrolments ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE sessions ADD COLUMN program TEXT;"
    "ALTER TABLE sessions ADD COLUMN week INTEGER;"
    "CREATE TABLE capacity_tests ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  session_id INTEGER REFERENCES sessions(id), at INTEGER NOT NULL,"
    "  left_reps INTEGER NOT NULL, right_reps INTEGER NOT NULL, affected TEXT);",
    /* 2 -> 3: when the running process claimed the session (began it or
     * took it up), to tell it from a later process given the same pid. */
    "ALTER TABLE sessions ADD COLUMN claimed INTEGER;",
    /* 3 -> 4: pain after activity; the load decided once a program week
     * (which week, and when), and the day the person's baseline of
     * mornings is measured from. Every rating and enrolment is kept. */
    "CREATE TABLE pain4 ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  session_id INTEGER REFERENCES sessions(id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('during', 'after', 'morning')),"
    "  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), stiffness INTEGER,"
    "  at INTEGER NOT NULL);"
    "INSERT INTO pain4 SELECT id, profile_id, session_id, kind, score, stiffness, at FROM pain;"
    "DROP TABLE pain;"
    "ALTER TABLE pain4 RENAME TO pain;"
    "CREATE INDEX pain_by_profile ON pain(profile_id, kind, at);"
    "ALTER TABLE enrolments ADD COLUMN decided_week INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE enrolments ADD COLUMN decided_at INTEGER;"
    "ALTER TABLE enrolments ADD COLUMN baseline_from TEXT;",
    /* 4 -> 5: the screening before a program, and where the pain is. */
    "ALTER TABLE enrolments ADD COLUMN site TEXT;"
    "CREATE TABLE screenings ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  program TEXT NOT NULL, at INTEGER NOT NULL, red_flag INTEGER NOT NULL,"
    "  site TEXT NOT NULL, fluoroquinolone INTEGER NOT NULL, steroid INTEGER NOT NULL,"
    "  systemic INTEGER NOT NULL, cleared INTEGER NOT NULL, verdict TEXT NOT NULL);"
    "CREATE TABLE exercise_loads ("
    "  enrolment_id INTEGER NOT NULL REFERENCES enrolments(id), exercise TEXT NOT NULL,"
    "  load_kg REAL NOT NULL, PRIMARY KEY (enrolment_id, exercise));"
    "CREATE TABLE visa_a ("
    "  id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    "  at INTEGER NOT NULL, score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100));",
    /* 5 -> 6: wrong PINs and lockouts kept in the log, so that every
     * kiosk on it sees them and staff can lift them; what staff did. */
    "CREATE TABLE pin_lockouts ("
    "  profile_id INTEGER PRIMARY KEY REFERENCES profiles(id),"
    "  wrong INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE staff_actions ("
    "  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, host TEXT NOT NULL,"
    "  action TEXT NOT NULL, member TEXT NOT NULL);",
    /* 6 -> 7: the owner's heartbeat, so that a kiosk can tell another
     * kiosk's session that is still running from one whose kiosk is gone. */
    "ALTER TABLE sessions ADD COLUMN heartbeat INTEGER;"
    /* ...and the start screen's questions (the latest session that ended,
     * any cut off) answered from an index, however long the log. */
    "CREATE INDEX sessions_by_end ON sessions(profile_id, ended);"
    "CREATE INDEX sessions_by_status ON sessions(profile_id, status);",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA,
               "one migration for each schema version");

/* ---------------------------------------------------------------- errors */

/* True when the filesystem holding the log has no room left: SQLite
 * reports some of those failures as I/O errors. */
static bool disk_full(const struct store *s)
{
	char dir[4096];
	struct statvfs fs;
	char *slash;

	snprintf(dir, sizeof dir, "%s", s->path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return statvfs(dir, &fs) == 0 && fs.f_bavail == 0;
}

/* Fills err from SQLite's last error, in words that say what to do. */
static void fail(struct store *s, struct tendo_error *err, const char *doing)
{
	int code = sqlite3_extended_errcode(s->db) & 0xff;

	if (code == SQLITE_FULL || (code == SQLITE_IOERR && disk_full(s)))
		error_set(err, s->path, 0, 0, "the disk is full, so %s failed; free some space",
		          doing);
	else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
		error_set(err, s->path, 0, 0, "%s failed: the log can't be written (%s)", doing,
		          sqlite3_errmsg(s->db));
	else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		error_set(err, s->path, 0, 0,
		          "this is not a tendo log, or it is damaged (%s); tendo leaves it as it "
		          "is: move it away, or name another folder with --data-dir",
		          sqlite3_errmsg(s->db));
	else
		error_set(err, s->path, 0, 0, "%s failed: %s", doing, sqlite3_errmsg(s->db));
}

/* Runs SQL with no results, retrying while another tendo holds the lock. */
static bool run(struct store *s, const char *sql)
{
	int rc = SQLITE_BUSY;

	for (int i = 0; i < RETRIES && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); i++)
		rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK;
}

/* Steps a prepared statement to its end, retrying while busy. */
static bool step_done(sqlite3_stmt *st)
{
	int rc = SQLITE_BUSY;

	for (int i = 0; i < RETRIES && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); i++) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_reset(st);
	}
	return rc == SQLITE_DONE;
}

/* A row's id, or NULL for -1 (none). */
static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id >= 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static void bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Prepares sql and binds ?1, ?2, ... from ap, one argument for each letter
 * of types:
 *   i  int64_t             n  int (a bool as (int))
 *   d  double              t  const char *, NULL for NULL
 *   r  int64_t, a row's id: NULL when negative (none)
 * NULL when SQLite can't prepare it; the error stays on the connection,
 * for fail(). The caller finalizes the statement. */
static sqlite3_stmt *vprepare(struct store *s, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	for (int i = 1; types[i - 1]; i++)
		switch (types[i - 1]) {
		case 'i': sqlite3_bind_int64(st, i, va_arg(ap, int64_t)); break;
		case 'n': sqlite3_bind_int(st, i, va_arg(ap, int)); break;
		case 'd': sqlite3_bind_double(st, i, va_arg(ap, double)); break;
		case 't': bind_text(st, i, va_arg(ap, const char *)); break;
		case 'r': bind_id(st, i, va_arg(ap, int64_t)); break;
		default: abort(); /* a letter this file does not use */
		}
	return st;
}

/* A query, prepared and bound as vprepare() says; NULL when it can't be. */
static sqlite3_stmt *query(struct store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *st;

	va_start(ap, types);
	st = vprepare(s, sql, types, ap);
	va_end(ap);
	return st;
}

/* Runs one statement that returns no rows (bound as vprepare() says),
 * retrying while another tendo holds the lock. On failure, err says that
 * doing failed, and why. */
static bool exec(struct store *s, struct tendo_error *err, const char *doing, const char *sql,
                 const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	bool ok;

	va_start(ap, types);
	st = vprepare(s, sql, types, ap);
	va_end(ap);
	ok = st && step_done(st);
	if (!ok)
		fail(s, err, doing);
	sqlite3_finalize(st);
	return ok;
}

/* A query's first row, stepped to, when its first column is not NULL;
 * else NULL. */
static sqlite3_stmt *first_value(struct store *s, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *st = vprepare(s, sql, types, ap);

	if (st && (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL)) {
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* query_int() and query_double(): the first column of a query's first row
 * (bound as vprepare() says), or otherwise when there is no row, the
 * column is NULL, or the query can't be run. One body for both types. */
#define QUERY_FIRST(name, type, column)                                                            \
	static type name(struct store *s, type otherwise, const char *sql, const char *types, ...) \
	{                                                                                          \
		va_list ap;                                                                        \
		sqlite3_stmt *st;                                                                  \
		type value = otherwise;                                                            \
                                                                                                   \
		va_start(ap, types);                                                               \
		st = first_value(s, sql, types, ap);                                               \
		va_end(ap);                                                                        \
		if (st)                                                                            \
			value = column(st, 0);                                                     \
		sqlite3_finalize(st);                                                              \
		return value;                                                                      \
	}

QUERY_FIRST(query_int, int64_t, sqlite3_column_int64)
QUERY_FIRST(query_double, double, sqlite3_column_double)

static int64_t pragma(struct store *s, const char *name, bool *ok)
{
	char sql[64];
	sqlite3_stmt *st;
	int64_t value = 0;

	snprintf(sql, sizeof sql, "PRAGMA %s", name);
	*ok = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	      sqlite3_step(st) == SQLITE_ROW;
	if (*ok)
		value = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return value;
}

/* ---------------------------------------------------------------- opening */

/* Checks that the file is a tendo log this tendo can use, and brings its
 * schema up to date. */
static bool check_and_migrate(struct store *s, struct tendo_error *err)
{
	bool ok;
	int64_t app = pragma(s, "application_id", &ok), version, tables;

	if (!ok) {
		fail(s, err, "reading the log");
		return false;
	}
	version = pragma(s, "user_version", &ok);
	tables = pragma(s, "schema_version", &ok); /* 0 for a new, empty file */
	if ((app != 0 && app != APPLICATION_ID) || (app == 0 && tables != 0 && version == 0)) {
		error_set(err, s->path, 0, 0,
		          "this is another program's database, not a tendo log; tendo leaves it as "
		          "it is: move it away, or name another folder with --data-dir");
		return false;
	}
	if (version > STORE_SCHEMA) {
		error_set(
		    err, s->path, 0, 0,
		    "this log was written by a newer tendo (schema %lld; this tendo knows up to "
		    "%d); tendo leaves it as it is: use the newer tendo, or name another "
		    "folder with --data-dir",
		    (long long)version, STORE_SCHEMA);
		return false;
	}
	for (int64_t v = version; v < STORE_SCHEMA; v++) {
		char sql[128];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %lld; PRAGMA application_id = %d;",
		         (long long)(v + 1), APPLICATION_ID);
		if (!run(s, "BEGIN IMMEDIATE"))
			goto failed;
		/* Another tendo may have migrated it while we waited. */
		if (pragma(s, "user_version", &ok) != v) {
			run(s, "ROLLBACK");
			continue;
		}
		if (!run(s, migrations[v]) || !run(s, sql) || !run(s, "COMMIT")) {
			fail(s, err, "bringing the log up to date");
			run(s, "ROLLBACK");
			return false;
		}
	}
	return true;
failed:
	fail(s, err, "bringing the log up to date");
	return false;
}

bool store_open(const char *dir, struct store **out, struct tendo_error *err)
{
	struct store *s = calloc(1, sizeof *s);

	*out = NULL;
	if (!s) {
		error_set(err, dir, 0, 0, "out of memory opening the log");
		return false;
	}
	snprintf(s->path, sizeof s->path, "%s/tendo.db", dir);
	if (gethostname(s->host, sizeof s->host - 1) != 0)
		snprintf(s->host, sizeof s->host, "localhost");
	if (!paths_make_folders(dir)) {
		error_set(err, dir, 0, 0,
		          "can't make the folder for the log: %s; name another with --data-dir",
		          strerror(errno));
		goto failed;
	}
	if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		fail(s, err, "opening the log");
		goto failed;
	}
	sqlite3_busy_timeout(s->db, BUSY_MS);
	if (!check_and_migrate(s, err))
		goto failed;
	if (!run(
	        s,
	        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")) {
		fail(s, err, "opening the log");
		goto failed;
	}
	*out = s;
	return true;
failed:
	store_close(s);
	return false;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
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

static enum leg leg_from(const unsigned char *text)
{
	if (!text)
		return LEG_NONE;
	return strcmp((const char *)text, "left") == 0    ? LEG_LEFT
	       : strcmp((const char *)text, "right") == 0 ? LEG_RIGHT
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
	sqlite3_stmt *st = query(s,
	                         "SELECT id, name, leg, pin_hash IS NOT NULL AND pin_hash <> '' "
	                         "FROM profiles ORDER BY name COLLATE NOCASE, name",
	                         "");
	size_t n = 0;

	while (st && n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(st, 0);
		snprintf(out[n].name, sizeof out[n].name, "%s",
		         (const char *)sqlite3_column_text(st, 1));
		out[n].leg = leg_from(sqlite3_column_text(st, 2));
		out[n].has_pin = sqlite3_column_int(st, 3) != 0;
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int64_t store_member_add(struct store *s, const char *name, enum leg leg, const char *pin_hash,
                         const char *pin_salt, struct tendo_error *err)
{
	bool has_pin = pin_hash && *pin_hash;

	if (exec(s, err, "adding the profile",
	         "INSERT INTO profiles (name, leg, pin_hash, pin_salt, created) "
	         "VALUES (?1, ?2, ?3, ?4, ?5)",
	         "tttti", name, leg_text(leg), has_pin ? pin_hash : NULL, has_pin ? pin_salt : NULL,
	         store_now(s)))
		return sqlite3_last_insert_rowid(s->db);
	if (sqlite3_errcode(s->db) == SQLITE_CONSTRAINT)
		error_set(err, store_path(s), 0, 0, "someone called %s is already here", name);
	return -1;
}

/* The text sql (one column of the profile with id ?1) selects, into buf;
 * false when it is NULL, empty, or there is no such profile. */
static bool profile_text(struct store *s, int64_t profile, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st = query(s, sql, "i", profile);
	const unsigned char *text;
	bool found = false;

	if (st && sqlite3_step(st) == SQLITE_ROW && (text = sqlite3_column_text(st, 0)) && *text) {
		snprintf(buf, size, "%s", (const char *)text);
		found = true;
	}
	sqlite3_finalize(st);
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
	return leg_from((const unsigned char *)leg);
}

int64_t store_member_find(struct store *s, const char *name)
{
	return query_int(s, -1, "SELECT id FROM profiles WHERE name = ?1 COLLATE NOCASE", "t",
	                 name);
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

	if (!run(s, "BEGIN IMMEDIATE")) {
		fail(s, err, "removing the member");
		return false;
	}
	for (size_t i = 0; ok && i < sizeof deletes / sizeof deletes[0]; i++)
		ok = exec(s, err, "removing the member", deletes[i], "i", profile);
	if (ok && run(s, "COMMIT"))
		return true;
	if (ok)
		fail(s, err, "removing the member");
	run(s, "ROLLBACK");
	return false;
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
	            "ON CONFLICT (profile_id) DO UPDATE SET wrong = wrong + 1",
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
	sqlite3_stmt *st = query(s,
	                         "SELECT host, pid, COALESCE(claimed, started), "
	                         "  COALESCE(heartbeat, claimed, started) "
	                         "FROM sessions WHERE status = 'running' ORDER BY host",
	                         "");
	size_t n = 0;
	char last[sizeof s->host] = "";

	buf[0] = '\0';
	while (st && sqlite3_step(st) == SQLITE_ROW && n < size) {
		const unsigned char *host = sqlite3_column_text(st, 0);
		if (!host || strcmp((const char *)host, last) == 0 ||
		    orphaned(s, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2), host,
		             sqlite3_column_int64(st, 3)))
			continue;
		snprintf(last, sizeof last, "%s", (const char *)host);
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", last);
	}
	sqlite3_finalize(st);
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
	if (!exec(s, err, "starting the session's log",
	          "INSERT INTO sessions (profile_id, routine, path, leg, started, "
	          "status, pid, host, claimed, heartbeat) "
	          "VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, ?5, ?5)",
	          "itttiit", profile, routine, path, leg_text(leg), store_now(s), (int64_t)getpid(),
	          s->host))
		return -1;
	return sqlite3_last_insert_rowid(s->db);
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
	*added = sqlite3_changes(s->db) > 0;
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
static bool orphaned(const struct store *s, int64_t pid, int64_t claimed, const unsigned char *host,
                     int64_t heartbeat)
{
	if (!host || strcmp((const char *)host, s->host) != 0)
		return store_now(s) - heartbeat > STORE_HEARTBEAT_LAPSE;
	return pid <= 0 || !process_running(pid, claimed);
}

bool store_find_interrupted(struct store *s, int64_t profile, struct store_interrupted *out)
{
	sqlite3_stmt *st = query(s,
	                         "SELECT s.id, s.routine, s.path, s.leg, s.started, s.pid, s.host, "
	                         "  COALESCE(s.claimed, s.started), "
	                         "  (SELECT MAX(step) FROM sets WHERE session_id = s.id), "
	                         "  (SELECT COUNT(*) FROM sets WHERE session_id = s.id), "
	                         "  COALESCE(s.heartbeat, s.claimed, s.started) "
	                         "FROM sessions s WHERE s.profile_id = ?1 AND s.status = 'running' "
	                         "ORDER BY s.started DESC, s.id DESC",
	                         "i", profile);
	bool found = false;

	while (st && !found && sqlite3_step(st) == SQLITE_ROW) {
		if (!orphaned(s, sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 7),
		              sqlite3_column_text(st, 6), sqlite3_column_int64(st, 10)))
			continue;
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->routine, sizeof out->routine, "%s",
		         (const char *)sqlite3_column_text(st, 1));
		if (sqlite3_column_text(st, 2))
			snprintf(out->path, sizeof out->path, "%s",
			         (const char *)sqlite3_column_text(st, 2));
		out->leg = leg_from(sqlite3_column_text(st, 3));
		out->started = sqlite3_column_int64(st, 4);
		out->next_step =
		    sqlite3_column_type(st, 8) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 8) + 1;
		out->sets_done = sqlite3_column_int(st, 9);
		found = true;
	}
	sqlite3_finalize(st);
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

double store_first_load(struct store *s, int64_t profile, const char *path, int64_t from)
{
	double kg = query_double(s, 0,
	                         "SELECT CAST(t.load AS REAL) FROM sets t "
	                         "JOIN sessions s ON s.id = t.session_id "
	                         "WHERE s.profile_id = ?1 AND s.path = ?2 AND s.started >= ?3 AND "
	                         "t.load IS NOT NULL ORDER BY t.at, t.id LIMIT 1",
	                         "iti", profile, path, from);

	return kg > 0 ? kg : 0;
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

static void day_text(int64_t day, char *buf, size_t size)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

bool store_enrol(struct store *s, int64_t profile, const char *program, const char *path,
                 int64_t start_day, const char *site, struct tendo_error *err)
{
	char start[16];

	day_text(start_day, start, sizeof start);
	if (!run(s, "BEGIN IMMEDIATE")) {
		fail(s, err, "enrolling");
		return false;
	}
	/* Following a program again starts it afresh; any others go on. */
	if (exec(s, err, "enrolling",
	         "UPDATE enrolments SET active = 0 WHERE profile_id = ?1 AND path = ?2", "it",
	         profile, path) &&
	    exec(s, err, "enrolling",
	         "INSERT INTO enrolments (profile_id, program, path, start_date, "
	         "load_kg, active, site) VALUES (?1, ?2, ?3, ?4, 0, 1, ?5)",
	         "itttt", profile, program, path, start, site)) {
		if (run(s, "COMMIT"))
			return true;
		fail(s, err, "enrolling");
	}
	run(s, "ROLLBACK");
	return false;
}

/* The columns read_enrolment() reads, in order. */
#define ENROLMENT_COLUMNS                                                                          \
	"id, program, path, "                                                                      \
	"CAST(julianday(start_date) - julianday('1970-01-01') AS INTEGER), "                       \
	"load_kg, decided_on = ?2, held, decision, paused, decided_week, COALESCE(decided_at, "    \
	"0), "                                                                                     \
	"CAST(julianday(COALESCE(baseline_from, start_date)) - julianday('1970-01-01') AS "        \
	"INTEGER), site = 'insertional' "

static void read_enrolment(sqlite3_stmt *st, struct store_enrolment *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	snprintf(out->program, sizeof out->program, "%s", sqlite3_column_text(st, 1));
	if (sqlite3_column_text(st, 2))
		snprintf(out->path, sizeof out->path, "%s", sqlite3_column_text(st, 2));
	out->start_day = sqlite3_column_int64(st, 3);
	out->load_kg = sqlite3_column_double(st, 4);
	out->decided_today = sqlite3_column_int(st, 5) == 1;
	out->mid_week = sqlite3_column_int(st, 6) != 0;
	if (sqlite3_column_text(st, 7))
		snprintf(out->decision, sizeof out->decision, "%s", sqlite3_column_text(st, 7));
	out->paused = sqlite3_column_int(st, 8) != 0;
	out->decided_week = sqlite3_column_int(st, 9);
	out->decided_at = sqlite3_column_int64(st, 10);
	out->baseline_day = sqlite3_column_int64(st, 11);
	out->insertional = sqlite3_column_int(st, 12) == 1;
}

size_t store_enrolments(struct store *s, int64_t profile, const char *path,
                        struct store_enrolment *out, size_t max)
{
	char today[16];
	sqlite3_stmt *st;
	size_t n = 0;

	day_text(store_today(s), today, sizeof today);
	st = query(s,
	           "SELECT " ENROLMENT_COLUMNS "FROM enrolments "
	           "WHERE profile_id = ?1 AND active = 1 AND (?3 IS NULL OR path = ?3) "
	           "ORDER BY id DESC",
	           "itt", profile, today, path);
	while (st && n < max && sqlite3_step(st) == SQLITE_ROW)
		read_enrolment(st, &out[n++]);
	sqlite3_finalize(st);
	return n;
}

bool store_enrolment(struct store *s, int64_t profile, const char *path,
                     struct store_enrolment *out)
{
	return store_enrolments(s, profile, path, out, 1) == 1;
}

bool store_decide(struct store *s, int64_t enrolment, double load_kg, int week, bool mid_week,
                  const char *reason, struct tendo_error *err)
{
	char today[16];

	day_text(store_today(s), today, sizeof today);
	/* held: the mid_week column's first name, from schema 2. */
	return exec(s, err, "saving the decision on the load",
	            "UPDATE enrolments SET load_kg = ?2, decided_week = ?3, decision = ?4, "
	            "decided_on = ?5, decided_at = ?6, held = ?7 WHERE id = ?1",
	            "idnttin", enrolment, load_kg, week, reason, today, store_now(s),
	            (int)mid_week);
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
	if (sqlite3_changes(s->db) > 0)
		return true;
	error_set(err, s->path, 0, 0, "that program is not followed");
	return false;
}

bool store_pause_program(struct store *s, int64_t profile, bool paused, struct tendo_error *err)
{
	return exec(s, err, "pausing the program",
	            "UPDATE enrolments SET paused = ?2 WHERE profile_id = ?1 AND active = 1", "in",
	            profile, (int)paused);
}

/* Runs a query of the ratings between two times and reads its first row's
 * columns into out (-1 for NULL). The query binds ?1 the profile, ?2 the
 * program's file, ?3 and ?4 the times (Unix, from inclusive, to exclusive). */
static void ratings_row(struct store *s, const char *sql, int64_t profile, const char *path,
                        int64_t from, int64_t to, int *out, int n)
{
	sqlite3_stmt *st = query(s, sql, "itii", profile, path, from, to);

	for (int i = 0; i < n; i++)
		out[i] = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < n; i++)
			if (sqlite3_column_type(st, i) != SQLITE_NULL)
				out[i] = sqlite3_column_int(st, i);
	sqlite3_finalize(st);
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
	b->pain = row[1];
	b->stiffness = row[2] >= 0 ? row[2] : 0;
}

bool store_reset_baseline(struct store *s, int64_t enrolment, int64_t from_day,
                          struct tendo_error *err)
{
	char day[16];

	day_text(from_day, day, sizeof day);
	return exec(s, err, "re-setting the baseline",
	            "UPDATE enrolments SET baseline_from = ?2 WHERE id = ?1", "it", enrolment, day);
}

/* The local day, in days since 1970-01-01, of a Unix time column. */
#define LOCAL_DAY(column)                                                                          \
	"CAST(julianday(" column ", 'unixepoch', 'localtime') - julianday('1970-01-01') AS "       \
	"INTEGER)"

bool store_history(struct store *s, int64_t profile, struct store_history *h)
{
	int64_t today = store_today(s);
	int64_t monday = today - ((today + 3) % 7); /* 1970-01-01 was a Thursday */
	int64_t first_week = monday - 7 * (HISTORY_WEEKS - 1);
	sqlite3_stmt *st;

	memset(h, 0, sizeof *h);
	h->first_day = today - (HISTORY_DAYS - 1);
	for (int i = 0; i < HISTORY_DAYS; i++)
		h->pain_during[i] = h->pain_morning[i] = -1;
	/* Each day's sessions (2 when one was completed, else 1) and its
	 * highest pain during and in the morning; pain after activity has no
	 * row of its own in the history. */
	st = query(s,
	           "SELECT " LOCAL_DAY("started") ", 'session', MAX(status = 'completed') + 1 "
	                                          "FROM sessions WHERE profile_id = ?1 GROUP BY 1 "
	                                          "UNION ALL SELECT " LOCAL_DAY(
	                                              "at") ", kind, MAX(score) FROM pain "
	                                                    "WHERE profile_id = ?1 AND kind IN "
	                                                    "('during', 'morning') GROUP BY 1, 2",
	           "i", profile);
	if (!st)
		return false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t i = sqlite3_column_int64(st, 0) - h->first_day;
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		int *day = strcmp(kind, "session") == 0   ? h->days
		           : strcmp(kind, "morning") == 0 ? h->pain_morning
		                                          : h->pain_during;
		if (i >= 0 && i < HISTORY_DAYS)
			day[i] = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	st = query(s,
	           "SELECT (" LOCAL_DAY(
	               "x.at") " - ?2) / 7, SUM(x.done_reps), "
	                       "  SUM(x.done_reps * CAST(x.load AS REAL)), SUM(x.done_hold_ms) "
	                       "FROM sets x JOIN sessions s ON x.session_id = s.id "
	                       "WHERE s.profile_id = ?1 AND " LOCAL_DAY("x.at") " >= ?2 GROUP BY 1",
	           "ii", profile, first_week);
	if (!st)
		return false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t w = sqlite3_column_int64(st, 0);
		if (w < 0 || w >= HISTORY_WEEKS)
			continue;
		h->reps[w] = sqlite3_column_int(st, 1);
		h->reps_kg[w] = sqlite3_column_double(st, 2);
		h->hold_ms[w] = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	return true;
}

void store_done_by_day(struct store *s, int64_t profile, const char *path, int64_t first_day,
                       int days, int *done)
{
	sqlite3_stmt *st = query(s,
	                         "SELECT started FROM sessions WHERE profile_id = ?1 AND path = ?2 "
	                         "AND status = 'completed' AND started >= ?3 AND started < ?4",
	                         "itii", profile, path, store_day_start(first_day),
	                         store_day_start(first_day + days));

	memset(done, 0, sizeof *done * (size_t)days);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int64_t day = store_local_day(sqlite3_column_int64(st, 0)) - first_day;
		if (day >= 0 && day < days)
			done[day]++;
	}
	sqlite3_finalize(st);
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
	sqlite3_stmt *st = query(s,
	                         "SELECT at, left_reps, right_reps, affected FROM capacity_tests "
	                         "WHERE profile_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2",
	                         "ii", profile, (int64_t)max);
	size_t n = 0;

	while (st && n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].at = sqlite3_column_int64(st, 0);
		out[n].left = sqlite3_column_int(st, 1);
		out[n].right = sqlite3_column_int(st, 2);
		out[n].affected = leg_from(sqlite3_column_text(st, 3));
		n++;
	}
	sqlite3_finalize(st);
	return n;
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

bool store_export_csv(struct store *s, const char *profile, FILE *out, struct tendo_error *err)
{
	static const char header[] =
	    "date,time,profile,routine,program,week,session,exercise,side,set,completed,"
	    "planned_reps,done_reps,planned_hold_s,done_hold_s,load,pain_during\n";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT strftime('%Y-%m-%d', x.at, 'unixepoch', 'localtime'), "
	        "  strftime('%H:%M:%S', x.at, 'unixepoch', 'localtime'), p.name, s.routine, "
	        "  s.program, s.week, s.status, x.exercise, x.side, x.set_number, "
	        "  CASE x.completed WHEN 1 THEN 'yes' ELSE 'no' END, "
	        "  NULLIF(x.planned_reps, 0), CASE WHEN x.planned_reps > 0 THEN x.done_reps END, "
	        "  CASE WHEN x.planned_hold_ms > 0 THEN printf('%.1f', x.planned_hold_ms / 1000.0) "
	        "END, "
	        "  CASE WHEN x.planned_hold_ms > 0 THEN printf('%.1f', x.done_hold_ms / 1000.0) "
	        "END, "
	        "  x.load, "
	        "  (SELECT score FROM pain WHERE session_id = s.id AND kind = 'during' "
	        "   ORDER BY at DESC LIMIT 1) "
	        "FROM sets x JOIN sessions s ON x.session_id = s.id "
	        "JOIN profiles p ON s.profile_id = p.id "
	        "WHERE ?1 IS NULL OR p.name = ?1 ORDER BY x.at, x.id",
	        -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "reading the log");
		return false;
	}
	bind_text(st, 1, profile);
	fputs(header, out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int columns = sqlite3_column_count(st);
		for (int i = 0; i < columns; i++)
			csv_field(out, (const char *)sqlite3_column_text(st, i), i + 1 == columns);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		fail(s, err, "reading the log");
		return false;
	}
	if (fflush(out) != 0 || ferror(out)) {
		error_set(err, NULL, 0, 0, "can't write the CSV: %s", strerror(errno));
		return false;
	}
	return true;
}
