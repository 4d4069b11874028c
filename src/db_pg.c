/* db_pg.c — the log on a PostgreSQL server, through libpq (see db.h).
 *
 * For several kiosks sharing one log. Every statement is its own
 * transaction unless store.c begins one; the server makes each durable
 * before it answers. Values go both ways as text, each parameter with its
 * type named, so that ?1 means the same as in SQLite. The schema's
 * version is kept in the table tendo_schema; older schemas are migrated
 * forward under an advisory lock, newer ones and databases that hold
 * another program's tables are refused and never touched.
 *
 * libpq is loaded at run time (see load_libpq). When the server goes
 * away, a statement fails with DB_AWAY; the next one
 * connects again first (libpq's PQreset), so that a log that was away
 * comes back by itself once the server answers.
 */
#include "db.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* libpq, loaded when a PostgreSQL log is first opened (dlopen), not when
 * tendo starts: it brings some twenty libraries with it (TLS, Kerberos,
 * LDAP), which would add some 18 ms to every start of every tendo that
 * keeps its log in a file. Each function as libpq-fe.h declares it. */
#define LIBPQ_FUNCTIONS(X)                                                                         \
	X(PGconn *, PQconnectdbParams, (const char *const *, const char *const *, int))            \
	X(ConnStatusType, PQstatus, (const PGconn *))                                              \
	X(void, PQreset, (PGconn *))                                                               \
	X(void, PQfinish, (PGconn *))                                                              \
	X(char *, PQdb, (const PGconn *))                                                          \
	X(char *, PQhost, (const PGconn *))                                                        \
	X(char *, PQerrorMessage, (const PGconn *))                                                \
	X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *, PQnoticeProcessor, void *))          \
	X(PGresult *, PQexec, (PGconn *, const char *))                                            \
	X(PGresult *, PQexecParams,                                                                \
	  (PGconn *, const char *, int, const Oid *, const char *const *, const int *,             \
	   const int *, int))                                                                      \
	X(ExecStatusType, PQresultStatus, (const PGresult *))                                      \
	X(char *, PQresultErrorField, (const PGresult *, int))                                     \
	X(char *, PQcmdTuples, (PGresult *))                                                       \
	X(int, PQntuples, (const PGresult *))                                                      \
	X(char *, PQgetvalue, (const PGresult *, int, int))                                        \
	X(int, PQgetisnull, (const PGresult *, int, int))                                          \
	X(void, PQclear, (PGresult *))

#define LIBPQ_POINTER(type, name, args) type(*name) args;
static struct {
	bool tried, loaded;
	LIBPQ_FUNCTIONS(LIBPQ_POINTER)
} pq;

/* Loads libpq once; false when it is not installed. */
static bool load_libpq(void)
{
	void *lib;

	if (pq.tried)
		return pq.loaded;
	pq.tried = true;
	if (!(lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL)))
		return false;
	pq.loaded = true;
#define LIBPQ_LOAD(type, name, args)                                                               \
	*(void **)&pq.name = dlsym(lib, #name);                                                    \
	pq.loaded = pq.loaded && pq.name;
	LIBPQ_FUNCTIONS(LIBPQ_LOAD)
	return pq.loaded;
}

enum {
	/* The advisory lock held while the schema is checked and migrated:
	 * 'tend', as SQLite's application_id. */
	SCHEMA_LOCK = 0x74656e64,
	/* Type OIDs of the parameters (pg_type.h). */
	OID_INT8 = 20,
	OID_INT4 = 23,
	OID_TEXT = 25,
	OID_FLOAT8 = 701,
};

/* How long a kiosk waits for its server, unless the connection string says
 * otherwise: 3 s to connect, and 3 s for what it sent to be acknowledged
 * (tcp_user_timeout), with keepalives, so that a server whose network
 * went away (a cable pulled: no one says the connection is closed) fails
 * a statement in seconds, not after TCP's own minutes. A kiosk whose
 * server is away goes on with its session, its sets kept aside. */
static const char *const LINK_KEYS[] = {"connect_timeout", "tcp_user_timeout", "keepalives_idle",
                                        "keepalives_interval", "keepalives_count"};
static const char *const LINK_VALUES[] = {"3", "3000", "5", "2", "2"};

struct db_pg {
	struct db base;
	PGconn *conn;
	enum db_failure failure;
	char message[512];
};

struct rows_pg {
	struct db_rows base;
	PGresult *result;
	int row, rows;
};

/* Each step of the schema on PostgreSQL, from one version to a later one.
 * A new log is made at schema 7 in one step, then taken up step by step,
 * all in one transaction: the SQLite log's steps before 7 (db_sqlite.c)
 * mend files that existed before there was a PostgreSQL log. Later
 * versions add a step here and one in db_sqlite.c. */
static const struct {
	int from, to;
	const char *sql;
} migrations[] = {
    {0, 7,
     "CREATE TABLE profiles ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
     "  leg TEXT, pin_hash TEXT, pin_salt TEXT, created BIGINT NOT NULL);"
     "CREATE TABLE enrolments ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  profile_id BIGINT NOT NULL REFERENCES profiles(id),"
     "  program TEXT NOT NULL, start_date TEXT NOT NULL, load_kg DOUBLE PRECISION,"
     "  active BIGINT NOT NULL DEFAULT 1, path TEXT, decided_on TEXT,"
     "  held BIGINT NOT NULL DEFAULT 0, decision TEXT, paused BIGINT NOT NULL DEFAULT 0,"
     "  decided_week BIGINT NOT NULL DEFAULT 0, decided_at BIGINT, baseline_from TEXT,"
     "  site TEXT);"
     "CREATE TABLE sessions ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  profile_id BIGINT NOT NULL REFERENCES profiles(id),"
     "  routine TEXT NOT NULL, path TEXT, leg TEXT, started BIGINT NOT NULL, ended BIGINT,"
     "  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'partial', 'stopped')),"
     "  pid BIGINT, host TEXT, program TEXT, week BIGINT, claimed BIGINT, heartbeat BIGINT);"
     "CREATE TABLE sets ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  session_id BIGINT NOT NULL REFERENCES sessions(id),"
     "  step BIGINT NOT NULL, exercise TEXT NOT NULL, side TEXT, set_number BIGINT NOT NULL,"
     "  completed BIGINT NOT NULL, planned_reps BIGINT, done_reps BIGINT,"
     "  planned_hold_ms BIGINT, done_hold_ms BIGINT, load TEXT, at BIGINT NOT NULL);"
     "CREATE TABLE pain ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  profile_id BIGINT NOT NULL REFERENCES profiles(id),"
     "  session_id BIGINT REFERENCES sessions(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('during', 'after', 'morning')),"
     "  score BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10), stiffness BIGINT,"
     "  at BIGINT NOT NULL);"
     "CREATE TABLE red_flags ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  profile_id BIGINT NOT NULL REFERENCES profiles(id),"
     "  session_id BIGINT REFERENCES sessions(id), at BIGINT NOT NULL, note TEXT);"
     "CREATE TABLE capacity_tests ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  profile_id BIGINT NOT NULL REFERENCES profiles(id),"
     "  session_id BIGINT REFERENCES sessions(id), at BIGINT NOT NULL,"
     "  left_reps BIGINT NOT NULL, right_reps BIGINT NOT NULL, affected TEXT);"
     "CREATE TABLE screenings ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  profile_id BIGINT NOT NULL REFERENCES profiles(id),"
     "  program TEXT NOT NULL, at BIGINT NOT NULL, red_flag BIGINT NOT NULL,"
     "  site TEXT NOT NULL, fluoroquinolone BIGINT NOT NULL, steroid BIGINT NOT NULL,"
     "  systemic BIGINT NOT NULL, cleared BIGINT NOT NULL, verdict TEXT NOT NULL);"
     "CREATE TABLE exercise_loads ("
     "  enrolment_id BIGINT NOT NULL REFERENCES enrolments(id), exercise TEXT NOT NULL,"
     "  load_kg DOUBLE PRECISION NOT NULL, PRIMARY KEY (enrolment_id, exercise));"
     "CREATE TABLE visa_a ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  profile_id BIGINT NOT NULL REFERENCES profiles(id),"
     "  at BIGINT NOT NULL, score BIGINT NOT NULL CHECK (score BETWEEN 0 AND 100));"
     "CREATE TABLE pin_lockouts ("
     "  profile_id BIGINT PRIMARY KEY REFERENCES profiles(id),"
     "  wrong BIGINT NOT NULL DEFAULT 0, locked_until BIGINT NOT NULL DEFAULT 0);"
     "CREATE TABLE staff_actions ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL,"
     "  host TEXT NOT NULL, action TEXT NOT NULL, member TEXT NOT NULL);"
     "CREATE INDEX sets_by_session ON sets(session_id);"
     "CREATE INDEX sessions_by_profile ON sessions(profile_id, started);"
     "CREATE INDEX pain_by_profile ON pain(profile_id, kind, at);"
     "CREATE INDEX sessions_by_end ON sessions(profile_id, ended);"
     "CREATE INDEX sessions_by_status ON sessions(profile_id, status);"},
    {7, 8,
     "CREATE TABLE decisions ("
     "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
     "  enrolment_id BIGINT NOT NULL REFERENCES enrolments(id), at BIGINT NOT NULL,"
     "  week BIGINT NOT NULL, action TEXT NOT NULL, load_kg DOUBLE PRECISION, reason TEXT);"
     "CREATE INDEX decisions_by_enrolment ON decisions(enrolment_id, at);"
     "INSERT INTO decisions (enrolment_id, at, week, action, load_kg, reason) "
     "  SELECT id, decided_at, decided_week, CASE WHEN decision LIKE 'Paused%' THEN 'pause' "
     "  WHEN decision LIKE 'Stepping back%' THEN 'step back' "
     "  WHEN decision LIKE 'Up to%' THEN 'progress' ELSE 'hold' END, load_kg, decision "
     "  FROM enrolments WHERE decided_at IS NOT NULL;"},
};

_Static_assert(STORE_SCHEMA == 8, "a step to the new schema version on PostgreSQL too");

static struct db_pg *pg_of(struct db *db)
{
	return (struct db_pg *)db;
}

/* ---------------------------------------------------------------- errors */

/* Keeps what went wrong: from the result when there is one, else from the
 * connection. */
static void note_failure(struct db_pg *d, const PGresult *result)
{
	const char *state = result ? pq.PQresultErrorField(result, PG_DIAG_SQLSTATE) : NULL;
	const char *text = result ? pq.PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	size_t len;

	if (pq.PQstatus(d->conn) != CONNECTION_OK || !state || strncmp(state, "08", 2) == 0 ||
	    strcmp(state, "57P01") == 0)
		d->failure = DB_AWAY;
	else if (strncmp(state, "23", 2) == 0)
		d->failure = DB_CONSTRAINT;
	else if (strcmp(state, "53100") == 0)
		d->failure = DB_FULL;
	else if (strcmp(state, "25006") == 0 || strcmp(state, "42501") == 0)
		d->failure = DB_UNWRITABLE;
	else
		d->failure = DB_OTHER;
	snprintf(d->message, sizeof d->message, "%s", text ? text : pq.PQerrorMessage(d->conn));
	len = strlen(d->message);
	while (len > 0 && (d->message[len - 1] == '\n' || d->message[len - 1] == ' '))
		d->message[--len] = '\0';
}

static enum db_failure failure(struct db *db)
{
	return pg_of(db)->failure;
}

static const char *message(struct db *db)
{
	return pg_of(db)->message;
}

/* ---------------------------------------------------------------- statements */

/* True when connected, connecting again first if the link was lost. */
static bool connected(struct db_pg *d)
{
	if (pq.PQstatus(d->conn) != CONNECTION_OK)
		pq.PQreset(d->conn);
	if (pq.PQstatus(d->conn) == CONNECTION_OK)
		return true;
	note_failure(d, NULL);
	return false;
}

/* The result when it is what a good statement gives, else NULL (the
 * failure noted, the result cleared). */
static PGresult *checked(struct db_pg *d, PGresult *result)
{
	ExecStatusType status = result ? pq.PQresultStatus(result) : PGRES_FATAL_ERROR;

	if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
		d->failure = DB_OK;
		return result;
	}
	note_failure(d, result);
	pq.PQclear(result);
	return NULL;
}

static bool script(struct db *db, const char *sql)
{
	struct db_pg *d = pg_of(db);
	PGresult *result;

	if (!connected(d) || !(result = checked(d, pq.PQexec(d->conn, sql))))
		return false;
	pq.PQclear(result);
	return true;
}

static bool begin(struct db *db)
{
	return script(db, "BEGIN");
}

/* sql with ?N made $N, outside quoted text; the caller frees it. */
static char *dollars(const char *sql, const char *returning)
{
	size_t len = strlen(sql);
	char *out = malloc(len + strlen(returning) + 1);
	bool quoted = false;

	if (!out)
		return NULL;
	for (size_t i = 0; i <= len; i++) {
		if (sql[i] == '\'')
			quoted = !quoted;
		out[i] = sql[i] == '?' && !quoted ? '$' : sql[i];
	}
	strcat(out, returning);
	return out;
}

/* Runs sql with params, each sent as text with its type named. */
static PGresult *run(struct db_pg *d, const char *sql, const char *returning,
                     const struct db_param *params, int n)
{
	Oid types[DB_PARAMS_MAX];
	const char *values[DB_PARAMS_MAX];
	char numbers[DB_PARAMS_MAX][32];
	char *text;
	PGresult *result;

	for (int i = 0; i < n; i++) {
		const struct db_param *p = &params[i];
		values[i] = numbers[i];
		switch (p->type) {
		case 'i':
		case 'r':
			types[i] = OID_INT8;
			snprintf(numbers[i], sizeof numbers[i], "%lld", (long long)p->v.i);
			if (p->type == 'r' && p->v.i < 0)
				values[i] = NULL;
			break;
		case 'n':
			types[i] = OID_INT4;
			snprintf(numbers[i], sizeof numbers[i], "%lld", (long long)p->v.i);
			break;
		case 'd':
			types[i] = OID_FLOAT8;
			snprintf(numbers[i], sizeof numbers[i], "%.17g", p->v.d);
			break;
		case 't':
			types[i] = OID_TEXT;
			values[i] = p->v.t;
			break;
		default: abort(); /* a type db.h does not name */
		}
	}
	if (!connected(d))
		return NULL;
	if (!(text = dollars(sql, returning))) {
		d->failure = DB_OTHER;
		snprintf(d->message, sizeof d->message, "out of memory");
		return NULL;
	}
	result = checked(d, pq.PQexecParams(d->conn, text, n, types, values, NULL, NULL, 0));
	free(text);
	return result;
}

static bool exec(struct db *db, const char *sql, const struct db_param *params, int n,
                 int64_t *changes, int64_t *id)
{
	PGresult *result = run(pg_of(db), sql, id ? " RETURNING id" : "", params, n);

	if (!result)
		return false;
	if (changes)
		*changes = strtoll(pq.PQcmdTuples(result), NULL, 10);
	if (id)
		*id =
		    pq.PQntuples(result) > 0 ? strtoll(pq.PQgetvalue(result, 0, 0), NULL, 10) : -1;
	pq.PQclear(result);
	return true;
}

static struct rows_pg *rows_of(struct db_rows *rows)
{
	return (struct rows_pg *)rows;
}

static bool rows_next(struct db_rows *rows)
{
	struct rows_pg *r = rows_of(rows);

	if (r->row < r->rows)
		r->row++;
	return r->row < r->rows;
}

static bool rows_null(struct db_rows *rows, int column)
{
	struct rows_pg *r = rows_of(rows);

	return pq.PQgetisnull(r->result, r->row, column);
}

static const char *rows_text(struct db_rows *rows, int column)
{
	struct rows_pg *r = rows_of(rows);

	return rows_null(rows, column) ? NULL : pq.PQgetvalue(r->result, r->row, column);
}

/* An integer, as SQLite gives it: a boolean is 1 or 0, NULL is 0. */
static int64_t rows_int(struct db_rows *rows, int column)
{
	const char *text = rows_text(rows, column);

	if (!text)
		return 0;
	if (strcmp(text, "t") == 0 || strcmp(text, "f") == 0)
		return text[0] == 't';
	return strtoll(text, NULL, 10);
}

static double rows_double(struct db_rows *rows, int column)
{
	const char *text = rows_text(rows, column);

	return text ? strtod(text, NULL) : 0;
}

static bool rows_failed(struct db_rows *rows)
{
	(void)rows; /* the rows came whole, or not at all */
	return false;
}

static void rows_free(struct db_rows *rows)
{
	pq.PQclear(rows_of(rows)->result);
	free(rows);
}

static const struct db_rows_ops rows_ops = {
    rows_next, rows_null, rows_int, rows_double, rows_text, rows_failed, rows_free,
};

static struct db_rows *query(struct db *db, const char *sql, const struct db_param *params, int n)
{
	struct rows_pg *r = calloc(1, sizeof *r);

	if (!r || !(r->result = run(pg_of(db), sql, "", params, n))) {
		free(r);
		return NULL;
	}
	r->base.ops = &rows_ops;
	r->row = -1;
	r->rows = pq.PQntuples(r->result);
	return &r->base;
}

/* ---------------------------------------------------------------- schema */

/* The first column of sql's first row as an integer; -1 for none. */
static int64_t value(struct db *db, const char *sql)
{
	struct db_rows *rows = query(db, sql, NULL, 0);
	int64_t v = db_next(rows) && !db_null(rows, 0) ? db_int(rows, 0) : -1;

	db_rows_free(rows);
	return v;
}

/* Checks the schema and brings it up to date, inside the transaction that
 * holds the advisory lock. */
static bool migrate_locked(struct db *db, struct tendo_error *err)
{
	int64_t version = -1;
	char sql[96];

	/* Asked first: a statement that fails ends the transaction. */
	if (value(db, "SELECT to_regclass('tendo_schema') IS NOT NULL") == 1)
		version = value(db, "SELECT max(version) FROM tendo_schema");
	if (version < 0) {
		if (value(db,
		          "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()") !=
		    0) {
			error_set(err, db->where, 0, 0,
			          "this database holds another program's tables, not a tendo log; "
			          "tendo leaves it as it is: name another database");
			return false;
		}
		if (!script(db, "CREATE TABLE tendo_schema (version BIGINT NOT NULL);"
		                "INSERT INTO tendo_schema VALUES (0)"))
			goto failed;
		version = 0;
	}
	if (version > STORE_SCHEMA) {
		db_newer(db, err, version, "name another database");
		return false;
	}
	for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++) {
		if (migrations[i].from != version)
			continue;
		snprintf(sql, sizeof sql, "UPDATE tendo_schema SET version = %d", migrations[i].to);
		if (!script(db, migrations[i].sql) || !script(db, sql))
			goto failed;
		version = migrations[i].to;
	}
	return true;
failed:
	db_fail(db, err, "bringing the log up to date");
	return false;
}

/* Brings the schema up to date; one tendo at a time (an advisory lock),
 * so that kiosks started together migrate it once. */
static bool migrate(struct db *db, struct tendo_error *err)
{
	char lock[64];

	snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d)", SCHEMA_LOCK);
	if (!begin(db) || !script(db, lock)) {
		db_fail(db, err, "opening the log");
		return false;
	}
	if (!migrate_locked(db, err)) {
		script(db, "ROLLBACK");
		return false;
	}
	if (script(db, "COMMIT"))
		return true;
	db_fail(db, err, "bringing the log up to date");
	return false;
}

static void close_db(struct db *db)
{
	pq.PQfinish(pg_of(db)->conn);
	free(db);
}

static const struct db_ops ops = {
    script, begin, query, exec, failure, message, close_db,
};

/* Names the log for messages, short enough for a line on a member's
 * screen: its database, and its server unless that is a local socket;
 * never the password or anything else the connection string holds. */
static void name(struct db_pg *d)
{
	const char *db = pq.PQdb(d->conn), *host = pq.PQhost(d->conn);

	if (host && host[0] && host[0] != '/')
		snprintf(d->base.where, sizeof d->base.where, "PostgreSQL log %s@%s", db ? db : "?",
		         host);
	else
		snprintf(d->base.where, sizeof d->base.where, "PostgreSQL log %s", db ? db : "?");
}

/* Notices (a table that already exists, ...) are not for the screen. */
static void quiet(void *arg, const char *text)
{
	(void)arg;
	(void)text;
}

bool db_pg_open(const char *conninfo, struct db **out, struct tendo_error *err)
{
	enum { LINKS = sizeof LINK_KEYS / sizeof LINK_KEYS[0] };
	/* Ours first: what the connection string names (dbname, expanded)
	 * comes after, and wins. */
	const char *keys[LINKS + 3], *values[LINKS + 3];

	for (size_t i = 0; i < LINKS; i++) {
		keys[i] = LINK_KEYS[i];
		values[i] = LINK_VALUES[i];
	}
	keys[LINKS] = "fallback_application_name";
	values[LINKS] = "tendo";
	keys[LINKS + 1] = "dbname";
	values[LINKS + 1] = conninfo;
	keys[LINKS + 2] = values[LINKS + 2] = NULL;
	struct db_pg *d = calloc(1, sizeof *d);

	*out = NULL;
	if (!load_libpq()) {
		free(d);
		error_set(err, NULL, 0, 0,
		          "the PostgreSQL client library is not installed, so the log can't be on "
		          "a database server; install it with: apt-get install libpq5");
		return false;
	}
	if (!d) {
		error_set(err, NULL, 0, 0, "out of memory opening the log");
		return false;
	}
	d->base.ops = &ops;
	d->conn = pq.PQconnectdbParams(keys, values, 1);
	if (!d->conn) {
		free(d);
		error_set(err, NULL, 0, 0, "out of memory opening the log");
		return false;
	}
	name(d);
	pq.PQsetNoticeProcessor(d->conn, quiet, NULL);
	if (pq.PQstatus(d->conn) != CONNECTION_OK) {
		note_failure(d, NULL);
		db_fail(&d->base, err, "opening the log");
		close_db(&d->base);
		return false;
	}
	if (!migrate(&d->base, err)) {
		close_db(&d->base);
		return false;
	}
	*out = &d->base;
	return true;
}
