/* db.c — what both of the log's databases share (see db.h): the messages
 * their failures make. */
#include "db.h"

#include <string.h>

#include "config.h"
#include "store.h"

void db_fail(struct db *db, struct tendo_error *err, const char *doing)
{
	const char *why = db_message(db);

	switch (db_failure(db)) {
	case DB_FULL:
		error_set(err, db->where, 0, 0, "the disk is full, so %s failed; free some space",
		          doing);
		break;
	case DB_UNWRITABLE:
		error_set(err, db->where, 0, 0, "%s failed: the log can't be written (%s)", doing,
		          why);
		break;
	case DB_DAMAGED:
		error_set(err, db->where, 0, 0,
		          "this is not a tendo log, or it is damaged (%s); tendo leaves it as it "
		          "is: move it away, or name another folder with --data-dir",
		          why);
		break;
	case DB_AWAY:
		/* libpq's words name sockets and ports: for staff, not for a
		 * member's screen; where names the server. */
		error_set(err, db->where, 0, 0, "%s failed: its server does not answer", doing);
		break;
	default: error_set(err, db->where, 0, 0, "%s failed: %s", doing, why); break;
	}
}

void db_newer(struct db *db, struct tendo_error *err, int64_t version, const char *elsewhere)
{
	error_set(err, db->where, 0, 0,
	          "this log was written by a newer tendo (schema %lld; this tendo knows up to "
	          "%d); tendo leaves it as it is: use the newer tendo, or %s",
	          (long long)version, STORE_SCHEMA, elsewhere);
}

#ifndef HAVE_LIBPQ
bool db_pg_open(const char *conninfo, struct db **out, struct tendo_error *err)
{
	(void)conninfo;
	*out = NULL;
	error_set(err, NULL, 0, 0,
	          "this tendo was built without PostgreSQL, so it can't keep the log in a "
	          "database server; build it with libpq (apt-get install libpq-dev, then "
	          "configure --with-postgresql), or leave out the database setting to keep the "
	          "log in a file");
	return false;
}
#endif
