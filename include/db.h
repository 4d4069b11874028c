/* db.h — the one interface the log (store.c) speaks to its database
 * through: SQLite (db_sqlite.c, always built) or PostgreSQL through libpq
 * (db_pg.c, built when configure finds libpq).
 *
 * SQL is written once, in what both understand: parameters are ?1, ?2, ...
 * (the PostgreSQL driver makes them $1, $2, ...), types are the plain ones,
 * and nothing reads the clock or the time zone (store.c works out local
 * days in C). A backend's own schema and its migrations live in its file.
 *
 * A struct db belongs to one thread. Rows returned by db_query() belong
 * to the caller until db_rows_free(), and must be freed before the next
 * statement on the same db. Every failure leaves db_failure() and
 * db_message() saying why, until the next statement.
 */
#ifndef TENDO_DB_H
#define TENDO_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

/* The most values one statement binds. */
enum { DB_PARAMS_MAX = 16 };

/* One bound value. type is one of:
 *   'i' int64 ('r' too: an id, NULL when negative)   'n' int (a bool as int)
 *   'd' double                                        't' text, NULL for NULL */
struct db_param {
	char type;
	union {
		int64_t i;
		double d;
		const char *t;
	} v;
};

/* Why the last statement failed, in the terms the log's messages need. */
enum db_failure {
	DB_OK,
	DB_FULL,       /* no room left on the disk */
	DB_UNWRITABLE, /* can't be opened or written: permissions, read-only */
	DB_DAMAGED,    /* not a database, or a damaged one */
	DB_CONSTRAINT, /* a unique or check constraint said no */
	DB_AWAY,       /* the server can't be reached (PostgreSQL) */
	DB_OTHER,
};

struct db;
struct db_rows;

struct db_ops {
	bool (*script)(struct db *db, const char *sql);
	bool (*begin)(struct db *db);
	struct db_rows *(*query)(struct db *db, const char *sql, const struct db_param *params,
	                         int n);
	bool (*exec)(struct db *db, const char *sql, const struct db_param *params, int n,
	             int64_t *changes, int64_t *id);
	enum db_failure (*failure)(struct db *db);
	const char *(*message)(struct db *db);
	void (*close)(struct db *db);
};

/* What every backend's struct db begins with. */
struct db {
	const struct db_ops *ops;
	/* What messages name: the file, or the database and its server. */
	char where[512];
};

/* Rows of a query, read one at a time; each backend's begins with this. */
struct db_rows_ops {
	bool (*next)(struct db_rows *rows);
	bool (*null)(struct db_rows *rows, int column);
	int64_t (*integer)(struct db_rows *rows, int column);
	double (*real)(struct db_rows *rows, int column);
	const char *(*text)(struct db_rows *rows, int column);
	bool (*failed)(struct db_rows *rows);
	void (*free)(struct db_rows *rows);
};

struct db_rows {
	const struct db_rows_ops *ops;
};

/* Opens (creating if need be) the SQLite file at path. Each open checks
 * that the database is a tendo log this tendo can use and brings its
 * schema up to date (STORE_SCHEMA), whatever other tendo processes do at
 * the same time; a newer log, or another program's, is refused untouched. */
bool db_sqlite_open(const char *path, struct db **out, struct tendo_error *err);

/* Connects to the PostgreSQL database that conninfo names (a
 * postgresql:// URI, a libpq connection string, or service=NAME); false
 * with a message that says so where tendo was built without libpq. */
bool db_pg_open(const char *conninfo, struct db **out, struct tendo_error *err);

/* Fills err from the last failure, in words that say what to do: doing
 * failed, and why. */
void db_fail(struct db *db, struct tendo_error *err, const char *doing);

/* Fills err for a log written by a newer tendo (its schema version), with
 * how to name another log: elsewhere ("name another folder with ..."). */
void db_newer(struct db *db, struct tendo_error *err, int64_t version, const char *elsewhere);

/* Runs statements with no parameters and no rows (several, with ;). */
static inline bool db_script(struct db *db, const char *sql)
{
	return db->ops->script(db, sql);
}

/* Begins a transaction that writes: other writers wait until it ends. */
static inline bool db_begin(struct db *db)
{
	return db->ops->begin(db);
}

/* A query's rows; NULL when it can't be run. */
static inline struct db_rows *db_query(struct db *db, const char *sql,
                                       const struct db_param *params, int n)
{
	return db->ops->query(db, sql, params, n);
}

/* Runs one statement that returns no rows: changes (may be NULL) gets the
 * rows it changed, id (may be NULL; for an INSERT into a table with an id)
 * the new row's id. */
static inline bool db_exec(struct db *db, const char *sql, const struct db_param *params, int n,
                           int64_t *changes, int64_t *id)
{
	return db->ops->exec(db, sql, params, n, changes, id);
}

static inline enum db_failure db_failure(struct db *db)
{
	return db->ops->failure(db);
}

static inline const char *db_message(struct db *db)
{
	return db->ops->message(db);
}

static inline void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

/* The next row; false at the end or on failure (db_rows_failed says). */
static inline bool db_next(struct db_rows *rows)
{
	return rows && rows->ops->next(rows);
}

static inline bool db_null(struct db_rows *rows, int column)
{
	return rows->ops->null(rows, column);
}

/* A column's value as an integer; a PostgreSQL boolean is 1 or 0. */
static inline int64_t db_int(struct db_rows *rows, int column)
{
	return rows->ops->integer(rows, column);
}

static inline double db_double(struct db_rows *rows, int column)
{
	return rows->ops->real(rows, column);
}

/* A column's text, NULL for NULL; valid until the next db_next(). */
static inline const char *db_text(struct db_rows *rows, int column)
{
	return rows->ops->text(rows, column);
}

/* True when the rows ended because reading them failed. */
static inline bool db_rows_failed(struct db_rows *rows)
{
	return !rows || rows->ops->failed(rows);
}

static inline void db_rows_free(struct db_rows *rows)
{
	if (rows)
		rows->ops->free(rows);
}

#endif
