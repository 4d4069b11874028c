/* store.c — the training log in SQLite (see store.h). */
#include "store.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* 'tend': marks the file as a tendo log for PRAGMA application_id. */
enum { APPLICATION_ID = 0x74656e64, BUSY_MS = 5000, RETRIES = 5 };

struct store {
	sqlite3 *db;
	char path[4096];
	char host[256];
	int64_t at; /* the time to stamp what is written; 0 for the clock's */
};

/* The time what is written now is stamped with (Unix). */
static int64_t now(const struct store *s)
{
	return s->at ? s->at : (int64_t)time(NULL);
}

static void ratings_row(struct store *s, const char *sql, int64_t profile, const char *path,
                        int64_t from, int64_t to, int *out, int n);

void store_set_time(struct store *s, int64_t at)
{
	s->at = at;
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

static bool make_folders(const char *dir, struct tendo_error *err)
{
	char path[4096];

	snprintf(path, sizeof path, "%s", dir);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return true;
fail:
	error_set(err, dir, 0, 0,
	          "can't make the folder for the log: %s; name another with --data-dir",
	          strerror(errno));
	return false;
}

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
	if (!make_folders(dir, err))
		goto failed;
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

int64_t store_profile(struct store *s, const char *name, struct tendo_error *err)
{
	sqlite3_stmt *st;
	int64_t id = -1;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO profiles (name, created) VALUES (?1, ?2) "
	                       "ON CONFLICT (name) DO NOTHING",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "adding the profile");
		return -1;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now(s));
	if (!step_done(st)) {
		fail(s, err, "adding the profile");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM profiles WHERE name = ?1", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (id < 0)
		fail(s, err, "finding the profile");
	return id;
}

size_t store_members(struct store *s, struct store_member *out, size_t max)
{
	sqlite3_stmt *st;
	size_t n = 0;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT id, name, leg, pin_hash IS NOT NULL AND pin_hash <> '' "
	                       "FROM profiles ORDER BY name COLLATE NOCASE, name",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
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
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO profiles (name, leg, pin_hash, pin_salt, created) "
	                       "VALUES (?1, ?2, ?3, ?4, ?5)",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "adding the profile");
		return -1;
	}
	bind_text(st, 1, name);
	bind_text(st, 2, leg_text(leg));
	bind_text(st, 3, pin_hash && *pin_hash ? pin_hash : NULL);
	bind_text(st, 4, pin_hash && *pin_hash ? pin_salt : NULL);
	sqlite3_bind_int64(st, 5, now(s));
	rc = step_done(st) ? SQLITE_DONE : sqlite3_errcode(s->db);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT) {
		error_set(err, store_path(s), 0, 0, "someone called %s is already here", name);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		fail(s, err, "adding the profile");
		return -1;
	}
	return sqlite3_last_insert_rowid(s->db);
}

/* The text sql (one column of the profile with id ?1) selects, into buf;
 * false when it is NULL, empty, or there is no such profile. */
static bool profile_text(struct store *s, int64_t profile, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;
	const unsigned char *text;
	bool found = false;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, profile);
	if (sqlite3_step(st) == SQLITE_ROW && (text = sqlite3_column_text(st, 0)) && *text) {
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

bool store_member_taken(struct store *s, const char *name)
{
	sqlite3_stmt *st;
	bool taken = false;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM profiles WHERE name = ?1 COLLATE NOCASE", -1,
	                       &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return taken;
}

int64_t store_session_begin(struct store *s, int64_t profile, const char *routine, const char *path,
                            enum leg leg, struct tendo_error *err)
{
	sqlite3_stmt *st;
	int64_t id = -1;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO sessions (profile_id, routine, path, leg, started, "
	                       "status, pid, host, claimed) "
	                       "VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, ?5)",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "starting the session's log");
		return -1;
	}
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_text(st, 2, routine, -1, SQLITE_TRANSIENT);
	bind_text(st, 3, path);
	bind_text(st, 4, leg_text(leg));
	sqlite3_bind_int64(st, 5, now(s));
	sqlite3_bind_int64(st, 6, (int64_t)getpid());
	sqlite3_bind_text(st, 7, s->host, -1, SQLITE_TRANSIENT);
	if (step_done(st))
		id = sqlite3_last_insert_rowid(s->db);
	else
		fail(s, err, "starting the session's log");
	sqlite3_finalize(st);
	return id;
}

bool store_set_done(struct store *s, int64_t session, const struct store_set *set,
                    struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(
	        s->db,
	        "INSERT INTO sets (session_id, step, exercise, side, set_number, "
	        "completed, planned_reps, done_reps, planned_hold_ms, done_hold_ms, "
	        "load, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	        -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the set");
		return false;
	}
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_int64(st, 2, (int64_t)set->step);
	sqlite3_bind_text(st, 3, set->exercise, -1, SQLITE_TRANSIENT);
	bind_text(st, 4, leg_text(set->side));
	sqlite3_bind_int(st, 5, set->set_number);
	sqlite3_bind_int(st, 6, set->completed);
	sqlite3_bind_int(st, 7, set->planned_reps);
	sqlite3_bind_int(st, 8, set->done_reps);
	sqlite3_bind_int64(st, 9, set->planned_hold_ms);
	sqlite3_bind_int64(st, 10, set->done_hold_ms);
	bind_text(st, 11, set->load);
	sqlite3_bind_int64(st, 12, now(s));
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the set");
	sqlite3_finalize(st);
	return ok;
}

static bool update_session(struct store *s, int64_t session, const char *sql, const char *text,
                           struct tendo_error *err, const char *doing)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, doing);
		return false;
	}
	sqlite3_bind_int64(st, 1, session);
	bind_text(st, 2, text);
	sqlite3_bind_int64(st, 3, now(s));
	sqlite3_bind_int64(st, 4, (int64_t)getpid());
	ok = step_done(st);
	if (!ok)
		fail(s, err, doing);
	sqlite3_finalize(st);
	return ok;
}

bool store_session_end(struct store *s, int64_t session, const char *status,
                       struct tendo_error *err)
{
	return update_session(
	    s, session, "UPDATE sessions SET status = ?2, ended = ?3 WHERE id = ?1 AND ?4 = ?4",
	    status, err, "ending the session's log");
}

bool store_session_program(struct store *s, int64_t session, const char *program, int week,
                           struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db, "UPDATE sessions SET program = ?2, week = ?3 WHERE id = ?1",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "noting the session's program");
		return false;
	}
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_text(st, 2, program, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, week);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "noting the session's program");
	sqlite3_finalize(st);
	return ok;
}

bool store_session_load(struct store *s, int64_t session, const char *exercise, double load_kg,
                        struct tendo_error *err)
{
	sqlite3_stmt *st;
	char load[32];
	bool ok;

	snprintf(load, sizeof load, "%g kg", load_kg);
	if (sqlite3_prepare_v2(s->db,
	                       "UPDATE sets SET load = ?2 WHERE session_id = ?1 AND "
	                       "(?3 IS NULL OR exercise = ?3)",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the load");
		return false;
	}
	sqlite3_bind_int64(st, 1, session);
	bind_text(st, 2, load_kg > 0 ? load : "bodyweight");
	bind_text(st, 3, exercise);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the load");
	sqlite3_finalize(st);
	return ok;
}

bool store_set_reps(struct store *s, int64_t session, size_t step, int reps,
                    struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db,
	                       "UPDATE sets SET done_reps = ?3 WHERE session_id = ?1 AND step = ?2",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the reps");
		return false;
	}
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_int64(st, 2, (int64_t)step);
	sqlite3_bind_int(st, 3, reps);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the reps");
	sqlite3_finalize(st);
	return ok;
}

bool store_session_adopt(struct store *s, int64_t session, struct tendo_error *err)
{
	return update_session(s, session,
	                      "UPDATE sessions SET pid = ?4, host = ?2, "
	                      "claimed = CAST(strftime('%s', 'now') AS INTEGER) "
	                      "WHERE id = ?1 AND ?3 = ?3",
	                      s->host, err, "taking up the session");
}

/* When the system booted (seconds since 1970), from /proc/stat; 0 when
 * unknown. */
static int64_t boot_time(void)
{
	char line[256];
	long long btime = 0;
	FILE *f = fopen("/proc/stat", "r");

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "btime %lld", &btime) == 1)
			break;
	if (f)
		fclose(f);
	return btime;
}

/* True when pid still runs the session it claimed at claimed (seconds
 * since 1970): not gone, not a zombie no one has reaped (a container's init may
 * never), and not a later process that was given the pid since. */
static bool still_running(int64_t pid, int64_t claimed)
{
	char path[64], line[1024], state;
	unsigned long long start_ticks;
	int64_t boot = boot_time();
	FILE *f;
	char *close_paren;
	bool running = true;

	if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
		return false;
	snprintf(path, sizeof path, "/proc/%lld/stat", (long long)pid);
	f = fopen(path, "r");
	if (!f)
		return true; /* no /proc: kill said it is there */
	/* After the command's name: state, then 18 fields to the start time. */
	if (fgets(line, sizeof line, f) && (close_paren = strrchr(line, ')')) &&
	    sscanf(
	        close_paren + 1,
	        " %c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %llu",
	        &state, &start_ticks) == 2) {
		int64_t began =
		    boot + (int64_t)(start_ticks / (unsigned long long)sysconf(_SC_CLK_TCK));
		running = state != 'Z' && state != 'X' && (boot == 0 || began <= claimed + 2);
	}
	fclose(f);
	return running;
}

/* True when the session's process is gone: on this host, no process that
 * is still the one that began it. */
static bool orphaned(const struct store *s, int64_t pid, int64_t claimed, const unsigned char *host)
{
	if (!host || strcmp((const char *)host, s->host) != 0)
		return false; /* another machine's: can't tell, leave it */
	return pid <= 0 || !still_running(pid, claimed);
}

bool store_find_interrupted(struct store *s, int64_t profile, struct store_interrupted *out)
{
	sqlite3_stmt *st;
	bool found = false;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT s.id, s.routine, s.path, s.leg, s.started, s.pid, s.host, "
	                       "  COALESCE(s.claimed, s.started), "
	                       "  (SELECT MAX(step) FROM sets WHERE session_id = s.id), "
	                       "  (SELECT COUNT(*) FROM sets WHERE session_id = s.id) "
	                       "FROM sessions s WHERE s.profile_id = ?1 AND s.status = 'running' "
	                       "ORDER BY s.started DESC, s.id DESC",
	                       -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, profile);
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		if (!orphaned(s, sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 7),
		              sqlite3_column_text(st, 6)))
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
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(
	        s->db,
	        "INSERT INTO pain (profile_id, session_id, kind, score, stiffness, at) "
	        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	        -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the pain rating");
		return false;
	}
	sqlite3_bind_int64(st, 1, profile);
	bind_id(st, 2, session);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, score);
	bind_id(st, 5, stiffness);
	sqlite3_bind_int64(st, 6, now(s));
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the pain rating");
	sqlite3_finalize(st);
	return ok;
}

bool store_red_flag(struct store *s, int64_t profile, int64_t session, const char *note,
                    struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO red_flags (profile_id, session_id, at, note) "
	                       "VALUES (?1, ?2, ?3, ?4)",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the red flag");
		return false;
	}
	sqlite3_bind_int64(st, 1, profile);
	bind_id(st, 2, session);
	sqlite3_bind_int64(st, 3, now(s));
	bind_text(st, 4, note);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the red flag");
	sqlite3_finalize(st);
	return ok;
}

bool store_morning_due(struct store *s, int64_t profile)
{
	sqlite3_stmt *st;
	bool due = false;

	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT EXISTS (SELECT 1 FROM sessions WHERE profile_id = ?1 AND "
	        "  date(started, 'unixepoch', 'localtime') < date('now', 'localtime')) "
	        "AND NOT EXISTS (SELECT 1 FROM pain WHERE profile_id = ?1 AND kind = 'morning' AND "
	        "  date(at, 'unixepoch', 'localtime') = date('now', 'localtime'))",
	        -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, profile);
	if (sqlite3_step(st) == SQLITE_ROW)
		due = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return due;
}

int64_t store_after_due(struct store *s, int64_t profile)
{
	sqlite3_stmt *st;
	int64_t session = -1;

	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT id FROM sessions s WHERE profile_id = ?1 AND "
	        "  status IN ('completed', 'partial') AND ended IS NOT NULL AND "
	        "  ended <= ?2 - 3600 AND EXISTS (SELECT 1 FROM sets WHERE session_id = s.id) AND "
	        "  NOT EXISTS (SELECT 1 FROM pain WHERE profile_id = ?1 AND kind = 'after' AND "
	        "    at >= s.ended) "
	        "ORDER BY ended DESC LIMIT 1",
	        -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_int64(st, 2, now(s));
	if (sqlite3_step(st) == SQLITE_ROW)
		session = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return session;
}

int64_t store_session_between(struct store *s, int64_t profile, int64_t from, int64_t to)
{
	sqlite3_stmt *st;
	int64_t session = -1;

	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT id FROM sessions WHERE profile_id = ?1 AND started >= ?2 AND "
	        "started < ?3 AND status != 'running' ORDER BY started DESC LIMIT 1",
	        -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	if (sqlite3_step(st) == SQLITE_ROW)
		session = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return session;
}

double store_first_load(struct store *s, int64_t profile, const char *path, int64_t from)
{
	sqlite3_stmt *st;
	double kg = 0;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT t.load FROM sets t JOIN sessions s ON s.id = t.session_id "
	                       "WHERE s.profile_id = ?1 AND s.path = ?2 AND s.started >= ?3 AND "
	                       "t.load IS NOT NULL ORDER BY t.at, t.id LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, profile);
	bind_text(st, 2, path);
	sqlite3_bind_int64(st, 3, from);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		kg = strtod((const char *)sqlite3_column_text(st, 0), NULL);
	sqlite3_finalize(st);
	return kg > 0 ? kg : 0;
}

bool store_visa_a(struct store *s, int64_t profile, int score, struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO visa_a (profile_id, at, score) VALUES (?1, ?2, ?3)", -1,
	                       &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the VISA-A score");
		return false;
	}
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_int64(st, 2, now(s));
	sqlite3_bind_int(st, 3, score);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the VISA-A score");
	sqlite3_finalize(st);
	return ok;
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
	sqlite3_stmt *st;
	double kg = otherwise;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT load_kg FROM exercise_loads WHERE enrolment_id = ?1 AND "
	                       "exercise = ?2",
	                       -1, &st, NULL) != SQLITE_OK)
		return otherwise;
	sqlite3_bind_int64(st, 1, enrolment);
	bind_text(st, 2, exercise);
	if (sqlite3_step(st) == SQLITE_ROW)
		kg = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return kg;
}

bool store_set_exercise_load(struct store *s, int64_t enrolment, const char *exercise,
                             double load_kg, struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO exercise_loads (enrolment_id, exercise, load_kg) "
	                       "VALUES (?1, ?2, ?3) ON CONFLICT (enrolment_id, exercise) "
	                       "DO UPDATE SET load_kg = excluded.load_kg",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the exercise's load");
		return false;
	}
	sqlite3_bind_int64(st, 1, enrolment);
	bind_text(st, 2, exercise);
	sqlite3_bind_double(st, 3, load_kg);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the exercise's load");
	sqlite3_finalize(st);
	return ok;
}

int64_t store_today(void)
{
	time_t now = time(NULL);
	struct tm local;

	localtime_r(&now, &local);
	/* Local midnight as if it were UTC, in whole days. */
	return (int64_t)(timegm(&local) / 86400);
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
	sqlite3_stmt *st;
	char start[16];
	bool ok;

	day_text(start_day, start, sizeof start);
	if (!run(s, "BEGIN IMMEDIATE")) {
		fail(s, err, "enrolling");
		return false;
	}
	/* Following a program again starts it afresh; any others go on. */
	ok = sqlite3_prepare_v2(
	         s->db, "UPDATE enrolments SET active = 0 WHERE profile_id = ?1 AND path = ?2", -1,
	         &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_int64(st, 1, profile);
		bind_text(st, 2, path);
		ok = step_done(st);
	}
	sqlite3_finalize(st);
	ok = ok &&
	     sqlite3_prepare_v2(s->db,
	                        "INSERT INTO enrolments (profile_id, program, path, start_date, "
	                        "load_kg, active, site) VALUES (?1, ?2, ?3, ?4, 0, 1, ?5)",
	                        -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_int64(st, 1, profile);
		sqlite3_bind_text(st, 2, program, -1, SQLITE_TRANSIENT);
		bind_text(st, 3, path);
		sqlite3_bind_text(st, 4, start, -1, SQLITE_TRANSIENT);
		bind_text(st, 5, site);
		ok = step_done(st);
		sqlite3_finalize(st);
	}
	if (!ok || !run(s, "COMMIT")) {
		fail(s, err, "enrolling");
		run(s, "ROLLBACK");
		return false;
	}
	return true;
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
	sqlite3_stmt *st;
	size_t n = 0;
	char today[16];

	day_text(store_today(), today, sizeof today);
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT " ENROLMENT_COLUMNS "FROM enrolments "
	                       "WHERE profile_id = ?1 AND active = 1 AND (?3 IS NULL OR path = ?3) "
	                       "ORDER BY id DESC",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	bind_text(st, 3, path);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
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
	sqlite3_stmt *st;
	char today[16];
	bool ok;

	day_text(store_today(), today, sizeof today);
	if (sqlite3_prepare_v2(
	        s->db,
	        "UPDATE enrolments SET load_kg = ?2, decided_week = ?3, decision = ?4, "
	        "decided_on = ?5, decided_at = ?6, held = ?7 WHERE id = ?1",
	        -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the decision on the load");
		return false;
	}
	sqlite3_bind_int64(st, 1, enrolment);
	sqlite3_bind_double(st, 2, load_kg);
	sqlite3_bind_int(st, 3, week);
	sqlite3_bind_text(st, 4, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, now(s));
	sqlite3_bind_int(st, 7, mid_week); /* the column's first name, from schema 2 */
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the decision on the load");
	sqlite3_finalize(st);
	return ok;
}

bool store_screening(struct store *s, int64_t profile, const char *program,
                     const struct screening *answers, const char *verdict, struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO screenings (profile_id, program, at, red_flag, site, "
	                       "fluoroquinolone, steroid, systemic, cleared, verdict) "
	                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the screening");
		return false;
	}
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_text(st, 2, program, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now(s));
	sqlite3_bind_int(st, 4, answers->red_flag);
	sqlite3_bind_text(st, 5, screening_site(answers), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, answers->fluoroquinolone);
	sqlite3_bind_int(st, 7, answers->steroid);
	sqlite3_bind_int(st, 8, answers->systemic);
	sqlite3_bind_int(st, 9, answers->cleared);
	sqlite3_bind_text(st, 10, verdict, -1, SQLITE_TRANSIENT);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the screening");
	sqlite3_finalize(st);
	return ok;
}

bool store_leave(struct store *s, int64_t profile, const char *path, struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(
	        s->db,
	        "UPDATE enrolments SET active = 0 WHERE profile_id = ?1 AND path = ?2 "
	        "AND active = 1",
	        -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "ending the program");
		return false;
	}
	sqlite3_bind_int64(st, 1, profile);
	bind_text(st, 2, path);
	ok = step_done(st) && sqlite3_changes(s->db) > 0;
	if (!ok && !err->message[0])
		error_set(err, s->path, 0, 0, "that program is not followed");
	sqlite3_finalize(st);
	return ok;
}

bool store_pause_program(struct store *s, int64_t profile, bool paused, struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(
	        s->db, "UPDATE enrolments SET paused = ?2 WHERE profile_id = ?1 AND active = 1", -1,
	        &st, NULL) != SQLITE_OK) {
		fail(s, err, "pausing the program");
		return false;
	}
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_int(st, 2, paused);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "pausing the program");
	sqlite3_finalize(st);
	return ok;
}

/* Runs a query of the ratings between two times and reads its first row's
 * columns into out (-1 for NULL). The query binds ?1 the profile, ?2 the
 * program's file, ?3 and ?4 the times (Unix, from inclusive, to exclusive). */
static void ratings_row(struct store *s, const char *sql, int64_t profile, const char *path,
                        int64_t from, int64_t to, int *out, int n)
{
	sqlite3_stmt *st;

	for (int i = 0; i < n; i++)
		out[i] = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, profile);
	bind_text(st, 2, path);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
	if (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < n; i++)
			if (sqlite3_column_type(st, i) != SQLITE_NULL)
				out[i] = sqlite3_column_int(st, i);
	sqlite3_finalize(st);
}

void store_pain_between(struct store *s, int64_t profile, const char *path, int64_t from,
                        int64_t to, struct pain_week *w)
{
	int row[3];

	memset(w, 0, sizeof *w);
	ratings_row(s,
	            "SELECT count(*) FROM sessions WHERE profile_id = ?1 AND path = ?2 AND "
	            "started >= ?3 AND started < ?4 AND status IN ('completed', 'partial')",
	            profile, path, from, to, row, 1);
	w->sessions = row[0] > 0 ? row[0] : 0;
	ratings_row(s,
	            "SELECT count(DISTINCT p.session_id), MAX(p.score), "
	            "  CAST(ROUND(AVG(p.score) * 10) AS INTEGER) "
	            "FROM pain p JOIN sessions s ON s.id = p.session_id "
	            "WHERE p.kind = 'during' AND s.profile_id = ?1 AND s.path = ?2 AND "
	            "s.started >= ?3 AND s.started < ?4",
	            profile, path, from, to, row, 3);
	w->during_rated = row[0] > 0 ? row[0] : 0;
	w->during_max = row[1];
	w->during_tenths = row[2];
	/* Pain after, and the next mornings: up to a day past the window. */
	ratings_row(s,
	            "SELECT count(*), MAX(score) FROM pain WHERE profile_id = ?1 AND "
	            "kind = 'after' AND at >= ?3 AND at < ?4 + 86400",
	            profile, path, from, to, row, 2);
	w->after_rated = row[0] > 0 ? row[0] : 0;
	w->after_max = row[1];
	ratings_row(
	    s,
	    "SELECT count(*), MAX(score), MAX(stiffness) FROM pain WHERE profile_id = ?1 AND "
	    "kind = 'morning' AND at > ?3 AND at < ?4 + 86400",
	    profile, path, from, to, row, 3);
	w->mornings_rated = row[0] > 0 ? row[0] : 0;
	w->morning_max = row[1];
	w->stiffness_max = row[2];
	ratings_row(s,
	            "SELECT count(*) FROM red_flags WHERE profile_id = ?1 AND at >= ?3 AND "
	            "at < ?4",
	            profile, path, from, to, row, 1);
	w->red_flag = row[0] > 0;
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
	if (row[0] <= 0 || now(s) < to) {
		b->pain = b->stiffness = -1;
		return;
	}
	b->pain = row[1];
	b->stiffness = row[2] >= 0 ? row[2] : 0;
}

bool store_reset_baseline(struct store *s, int64_t enrolment, int64_t from_day,
                          struct tendo_error *err)
{
	sqlite3_stmt *st;
	char day[16];
	bool ok;

	day_text(from_day, day, sizeof day);
	if (sqlite3_prepare_v2(s->db, "UPDATE enrolments SET baseline_from = ?2 WHERE id = ?1", -1,
	                       &st, NULL) != SQLITE_OK) {
		fail(s, err, "re-setting the baseline");
		return false;
	}
	sqlite3_bind_int64(st, 1, enrolment);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	ok = step_done(st);
	if (!ok)
		fail(s, err, "re-setting the baseline");
	sqlite3_finalize(st);
	return ok;
}

/* The local day, in days since 1970-01-01, of a Unix time column. */
#define LOCAL_DAY(column)                                                                          \
	"CAST(julianday(" column ", 'unixepoch', 'localtime') - julianday('1970-01-01') AS "       \
	"INTEGER)"

bool store_history(struct store *s, int64_t profile, struct store_history *h)
{
	int64_t today = store_today();
	int64_t monday = today - ((today + 3) % 7); /* 1970-01-01 was a Thursday */
	int64_t first_week = monday - 7 * (HISTORY_WEEKS - 1);
	sqlite3_stmt *st;

	memset(h, 0, sizeof *h);
	h->first_day = today - (HISTORY_DAYS - 1);
	for (int i = 0; i < HISTORY_DAYS; i++)
		h->pain_during[i] = h->pain_morning[i] = -1;
	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT " LOCAL_DAY("started") ", MAX(status = 'completed') + 1 "
	                                       "FROM sessions WHERE profile_id = ?1 GROUP BY 1",
	        -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, profile);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t i = sqlite3_column_int64(st, 0) - h->first_day;
		if (i >= 0 && i < HISTORY_DAYS)
			h->days[i] = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT " LOCAL_DAY("at") ", kind, MAX(score) FROM pain "
	                                                 "WHERE profile_id = ?1 GROUP BY 1, 2",
	                       -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, profile);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t i = sqlite3_column_int64(st, 0) - h->first_day;
		bool morning = strcmp((const char *)sqlite3_column_text(st, 1), "morning") == 0;
		if (i >= 0 && i < HISTORY_DAYS)
			(morning ? h->pain_morning : h->pain_during)[i] = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT (" LOCAL_DAY(
	            "x.at") " - ?2) / 7, SUM(x.done_reps), "
	                    "  SUM(x.done_reps * CAST(x.load AS REAL)), SUM(x.done_hold_ms) "
	                    "FROM sets x JOIN sessions s ON x.session_id = s.id "
	                    "WHERE s.profile_id = ?1 AND " LOCAL_DAY("x.at") " >= ?2 GROUP BY 1",
	        -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_int64(st, 2, first_week);
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

int store_done_today(struct store *s, int64_t profile, const char *path)
{
	sqlite3_stmt *st;
	int count = 0;

	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT COUNT(*) FROM sessions WHERE profile_id = ?1 AND path = ?2 AND "
	        "status = 'completed' AND date(started, 'unixepoch', 'localtime') = "
	        "date('now', 'localtime')",
	        -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, profile);
	bind_text(st, 2, path);
	if (sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return count;
}

bool store_capacity_test(struct store *s, int64_t profile, int64_t session, int left, int right,
                         enum leg affected, struct tendo_error *err)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO capacity_tests (profile_id, session_id, at, left_reps, "
	                       "right_reps, affected) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                       -1, &st, NULL) != SQLITE_OK) {
		fail(s, err, "saving the test");
		return false;
	}
	sqlite3_bind_int64(st, 1, profile);
	bind_id(st, 2, session);
	sqlite3_bind_int64(st, 3, now(s));
	sqlite3_bind_int(st, 4, left);
	sqlite3_bind_int(st, 5, right);
	bind_text(st, 6, leg_text(affected));
	ok = step_done(st);
	if (!ok)
		fail(s, err, "saving the test");
	sqlite3_finalize(st);
	return ok;
}

size_t store_capacity_tests(struct store *s, int64_t profile, struct store_capacity *out,
                            size_t max)
{
	sqlite3_stmt *st;
	size_t n = 0;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT at, left_reps, right_reps, affected FROM capacity_tests "
	                       "WHERE profile_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, profile);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
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
