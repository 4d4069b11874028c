/* genlog.c — a synthetic log for the benchmark: years of training.
 *
 *   genlog DIR YEARS [PROFILE]
 *
 * Makes DIR/tendo.db (through the store, so the schema is tendo's own) and
 * fills it with two sessions a day of the Alfredson heel drops (six sets of
 * 15 each) for YEARS years up to yesterday, a pain rating after each and a
 * morning rating each day, in one transaction.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store.h"

int main(int argc, char **argv)
{
	struct store *store;
	struct tendo_error err;
	sqlite3 *db;
	sqlite3_stmt *session, *set, *pain;
	char path[4096];
	int years = argc > 2 ? atoi(argv[2]) : 0;
	const char *name = argc > 3 ? argv[3] : "bench";
	int64_t profile, now = (int64_t)time(NULL), days;

	if (argc < 3 || years < 1 || years > 50) {
		fprintf(stderr, "usage: genlog DIR YEARS [PROFILE]\n");
		return 2;
	}
	if (!store_open(argv[1], &store, &err) ||
	    (profile = store_profile(store, name, &err)) < 0) {
		fprintf(stderr, "genlog: %s\n", err.message);
		return 1;
	}
	store_close(store);
	snprintf(path, sizeof path, "%s/tendo.db", argv[1]);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(
	    db,
	    "INSERT INTO sessions (profile_id, routine, path, leg, started, ended, "
	    "status) VALUES (?1, 'heel-drops-alfredson', '/bench', 'left', ?2, ?2 + 720, "
	    "'completed')",
	    -1, &session, NULL);
	sqlite3_prepare_v2(
	    db,
	    "INSERT INTO sets (session_id, step, exercise, side, set_number, completed, "
	    "planned_reps, done_reps, planned_hold_ms, done_hold_ms, load, at) "
	    "VALUES (?1, ?2, 'Eccentric heel drop', 'left', ?3, 1, 15, 15, 0, 0, "
	    "'bodyweight', ?4)",
	    -1, &set, NULL);
	sqlite3_prepare_v2(db,
	                   "INSERT INTO pain (profile_id, session_id, kind, score, at) "
	                   "VALUES (?1, ?2, ?3, ?4, ?5)",
	                   -1, &pain, NULL);
	days = (int64_t)years * 365;
	for (int64_t d = days; d >= 1; d--) {
		for (int s = 0; s < 2; s++) {
			int64_t started = now - d * 86400 + s * 36000, id;
			sqlite3_bind_int64(session, 1, profile);
			sqlite3_bind_int64(session, 2, started);
			sqlite3_step(session);
			sqlite3_reset(session);
			id = sqlite3_last_insert_rowid(db);
			for (int k = 0; k < 6; k++) {
				sqlite3_bind_int64(set, 1, id);
				sqlite3_bind_int(set, 2, 1 + 2 * k);
				sqlite3_bind_int(set, 3, k % 3 + 1);
				sqlite3_bind_int64(set, 4, started + 100 * (k + 1));
				sqlite3_step(set);
				sqlite3_reset(set);
			}
			sqlite3_bind_int64(pain, 1, profile);
			sqlite3_bind_int64(pain, 2, id);
			sqlite3_bind_text(pain, 3, "during", -1, SQLITE_STATIC);
			sqlite3_bind_int(pain, 4, (int)(d % 6));
			sqlite3_bind_int64(pain, 5, started + 720);
			sqlite3_step(pain);
			sqlite3_reset(pain);
		}
		sqlite3_bind_int64(pain, 1, profile);
		sqlite3_bind_null(pain, 2);
		sqlite3_bind_text(pain, 3, "morning", -1, SQLITE_STATIC);
		sqlite3_bind_int(pain, 4, (int)(d % 4));
		sqlite3_bind_int64(pain, 5, now - d * 86400);
		sqlite3_step(pain);
		sqlite3_reset(pain);
	}
	sqlite3_finalize(session);
	sqlite3_finalize(set);
	sqlite3_finalize(pain);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "genlog: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_close(db);
	printf("%lld days, %lld sessions\n", (long long)days, (long long)days * 2);
	return 0;
}
