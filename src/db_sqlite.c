/* db_sqlite.c — the log in one SQLite file (see db.h).
 *
 * Each statement is written through (synchronous=FULL) in WAL mode; two
 * tendo processes may share the file (a busy timeout, and retries). The
 * schema's version is PRAGMA user_version, the file marked as a tendo log
 * by PRAGMA application_id; older logs are migrated forward, newer ones
 * and files that are not tendo logs are refused and never touched.
 */
#include "db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "store.h"

/* 'tend': marks the file as a tendo log for PRAGMA application_id. */
enum { APPLICATION_ID = 0x74656e64, BUSY_MS = 5000, RETRIES = 5 };

struct db_sqlite {
	struct db base;
	sqlite3 *handle;
	char path[4096];
};

struct rows_sqlite {
	struct db_rows base;
	sqlite3_stmt *st;
	int rc; /* the last step's */
};

static sqlite3 *handle_of(struct db *db)
{
	return ((struct db_sqlite *)db)->handle;
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
    /* 7 -> 8: every decision on the load kept, not only the last, for
     * the report's load chart; the last one carried over, its action read
     * from its words. */
    "CREATE TABLE decisions ("
    "  id INTEGER PRIMARY KEY, enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),"
    "  at INTEGER NOT NULL, week INTEGER NOT NULL, action TEXT NOT NULL, load_kg REAL,"
    "  reason TEXT);"
    "CREATE INDEX decisions_by_enrolment ON decisions(enrolment_id, at);"
    "INSERT INTO decisions (enrolment_id, at, week, action, load_kg, reason) "
    "  SELECT id, decided_at, decided_week, CASE WHEN decision LIKE 'Paused%' THEN 'pause' "
    "  WHEN decision LIKE 'Stepping back%' THEN 'step back' "
    "  WHEN decision LIKE 'Up to%' THEN 'progress' ELSE 'hold' END, load_kg, decision "
    "  FROM enrolments WHERE decided_at IS NOT NULL;",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA,
               "one migration for each schema version");

/* ---------------------------------------------------------------- errors */

/* True when the filesystem holding the log has no room left: SQLite
 * reports some of those failures as I/O errors. */
static bool disk_full(const char *path)
{
	char dir[4096];
	struct statvfs fs;
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return statvfs(dir, &fs) == 0 && fs.f_bavail == 0;
}

static enum db_failure failure(struct db *db)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	int code = sqlite3_extended_errcode(d->handle) & 0xff;

	switch (code) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE: return DB_OK;
	case SQLITE_FULL: return DB_FULL;
	case SQLITE_IOERR: return disk_full(d->path) ? DB_FULL : DB_OTHER;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM: return DB_UNWRITABLE;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT: return DB_DAMAGED;
	case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
	default: return DB_OTHER;
	}
}

static const char *message(struct db *db)
{
	return sqlite3_errmsg(handle_of(db));
}

/* ---------------------------------------------------------------- statements */

static bool busy(int rc)
{
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

/* Runs SQL with no results, retrying while another tendo holds the lock. */
static bool script(struct db *db, const char *sql)
{
	int rc = SQLITE_BUSY;

	for (int i = 0; i < RETRIES && busy(rc); i++)
		rc = sqlite3_exec(handle_of(db), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK;
}

static bool begin(struct db *db)
{
	return script(db, "BEGIN IMMEDIATE");
}

/* Steps a statement, retrying while busy. */
static int step(sqlite3_stmt *st)
{
	int rc = SQLITE_BUSY;

	for (int i = 0; i < RETRIES && busy(rc); i++) {
		rc = sqlite3_step(st);
		if (busy(rc))
			sqlite3_reset(st);
	}
	return rc;
}

static sqlite3_stmt *prepare(struct db *db, const char *sql, const struct db_param *params, int n)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(handle_of(db), sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	for (int i = 0; i < n; i++) {
		const struct db_param *p = &params[i];
		switch (p->type) {
		case 'i':
		case 'n': sqlite3_bind_int64(st, i + 1, p->v.i); break;
		case 'r':
			if (p->v.i >= 0)
				sqlite3_bind_int64(st, i + 1, p->v.i);
			break; /* left NULL */
		case 'd': sqlite3_bind_double(st, i + 1, p->v.d); break;
		case 't':
			if (p->v.t)
				sqlite3_bind_text(st, i + 1, p->v.t, -1, SQLITE_TRANSIENT);
			break;
		default: abort(); /* a type db.h does not name */
		}
	}
	return st;
}

static bool exec(struct db *db, const char *sql, const struct db_param *params, int n,
                 int64_t *changes, int64_t *id)
{
	sqlite3_stmt *st = prepare(db, sql, params, n);
	bool ok = st && step(st) == SQLITE_DONE;

	sqlite3_finalize(st);
	if (ok && changes)
		*changes = sqlite3_changes(handle_of(db));
	if (ok && id)
		*id = sqlite3_last_insert_rowid(handle_of(db));
	return ok;
}

static bool rows_next(struct db_rows *rows)
{
	struct rows_sqlite *r = (struct rows_sqlite *)rows;

	if (r->rc != SQLITE_ROW && r->rc != SQLITE_OK)
		return false;
	r->rc = step(r->st);
	return r->rc == SQLITE_ROW;
}

static bool rows_null(struct db_rows *rows, int column)
{
	return sqlite3_column_type(((struct rows_sqlite *)rows)->st, column) == SQLITE_NULL;
}

static int64_t rows_int(struct db_rows *rows, int column)
{
	return sqlite3_column_int64(((struct rows_sqlite *)rows)->st, column);
}

static double rows_double(struct db_rows *rows, int column)
{
	return sqlite3_column_double(((struct rows_sqlite *)rows)->st, column);
}

static const char *rows_text(struct db_rows *rows, int column)
{
	return (const char *)sqlite3_column_text(((struct rows_sqlite *)rows)->st, column);
}

static bool rows_failed(struct db_rows *rows)
{
	int rc = ((struct rows_sqlite *)rows)->rc;

	return rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_OK;
}

static void rows_free(struct db_rows *rows)
{
	sqlite3_finalize(((struct rows_sqlite *)rows)->st);
	free(rows);
}

static const struct db_rows_ops rows_ops = {
    rows_next, rows_null, rows_int, rows_double, rows_text, rows_failed, rows_free,
};

static struct db_rows *query(struct db *db, const char *sql, const struct db_param *params, int n)
{
	struct rows_sqlite *r = calloc(1, sizeof *r);

	if (!r || !(r->st = prepare(db, sql, params, n))) {
		free(r);
		return NULL;
	}
	r->base.ops = &rows_ops;
	r->rc = SQLITE_OK;
	return &r->base;
}

/* ---------------------------------------------------------------- schema */

static int64_t pragma(struct db *db, const char *name, bool *ok)
{
	char sql[64];
	sqlite3_stmt *st;
	int64_t value = 0;

	snprintf(sql, sizeof sql, "PRAGMA %s", name);
	*ok = sqlite3_prepare_v2(handle_of(db), sql, -1, &st, NULL) == SQLITE_OK &&
	      sqlite3_step(st) == SQLITE_ROW;
	if (*ok)
		value = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return value;
}

/* Brings the file's schema up to date, one step per transaction. */
static bool migrate(struct db *db, struct tendo_error *err)
{
	bool ok;
	int64_t app = pragma(db, "application_id", &ok), version, tables;

	if (!ok) {
		db_fail(db, err, "reading the log");
		return false;
	}
	version = pragma(db, "user_version", &ok);
	tables = pragma(db, "schema_version", &ok); /* 0 for a new, empty file */
	if ((app != 0 && app != APPLICATION_ID) || (app == 0 && tables != 0 && version == 0)) {
		error_set(err, db->where, 0, 0,
		          "this is another program's database, not a tendo log; tendo leaves it as "
		          "it is: move it away, or name another folder with --data-dir");
		return false;
	}
	if (version > STORE_SCHEMA) {
		db_newer(db, err, version, "name another folder with --data-dir");
		return false;
	}
	for (int64_t v = version; v < STORE_SCHEMA; v++) {
		char sql[128];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %lld; PRAGMA application_id = %d;",
		         (long long)(v + 1), APPLICATION_ID);
		if (!begin(db)) {
			db_fail(db, err, "bringing the log up to date");
			return false;
		}
		/* Another tendo may have migrated it while we waited. */
		if (pragma(db, "user_version", &ok) != v) {
			script(db, "ROLLBACK");
			continue;
		}
		if (!script(db, migrations[v]) || !script(db, sql) || !script(db, "COMMIT")) {
			db_fail(db, err, "bringing the log up to date");
			script(db, "ROLLBACK");
			return false;
		}
	}
	return true;
}

static void close_db(struct db *db)
{
	sqlite3_close(handle_of(db));
	free(db);
}

static const struct db_ops ops = {
    script, begin, query, exec, failure, message, close_db,
};

bool db_sqlite_open(const char *path, struct db **out, struct tendo_error *err)
{
	struct db_sqlite *d = calloc(1, sizeof *d);

	*out = NULL;
	if (!d) {
		error_set(err, path, 0, 0, "out of memory opening the log");
		return false;
	}
	d->base.ops = &ops;
	snprintf(d->path, sizeof d->path, "%s", path);
	snprintf(d->base.where, sizeof d->base.where, "%s", path);
	if (sqlite3_open_v2(path, &d->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		db_fail(&d->base, err, "opening the log");
		close_db(&d->base);
		return false;
	}
	sqlite3_busy_timeout(d->handle, BUSY_MS);
	if (!migrate(&d->base, err))
		goto failed;
	if (!script(
	        &d->base,
	        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")) {
		db_fail(&d->base, err, "opening the log");
		goto failed;
	}
	*out = &d->base;
	return true;
failed:
	close_db(&d->base);
	return false;
}
