/* test_store.c — the training log, on real files in a temporary folder;
 * with TENDO_TEST_DATABASE set (tests/e2e/store-postgresql.sh), the same
 * tests on that PostgreSQL database, emptied before each. */
#include "helpers.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "spool.h"
#include "store.h"
#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif

static char dir[256];
static const char *pg; /* the PostgreSQL database under test; NULL: SQLite */

static void exec_sql(const char *sql);

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/tendo-store-XXXXXX");
	if (pg)
		exec_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	return mkdtemp(dir) ? 0 : -1;
}

/* The log under test, in dir: SQLite's file, or pg's database. */
static bool open_log(const char *folder, struct store **s, struct tendo_error *err)
{
	return store_open_database(pg, folder, s, err);
}

/* For what only a file can show (its pragmas, its bytes). */
#define SQLITE_ONLY()                                                                              \
	do {                                                                                       \
		if (pg) {                                                                          \
			print_message("# a test of SQLite's file, not of a database server\n");    \
			skip();                                                                    \
		}                                                                                  \
	} while (0)

static int remove_dir(void **state)
{
	char command[512];
	(void)state;
	snprintf(command, sizeof command, "rm -rf '%s'", dir);
	return system(command) == 0 ? 0 : -1;
}

static char *db_path(char *buf, size_t size)
{
	snprintf(buf, size, "%s/tendo.db", dir);
	return buf;
}

static struct store *open_good(void)
{
	struct store *s;
	struct tendo_error err;
	if (!open_log(dir, &s, &err))
		fail_msg("store_open: %s", err.message);
	return s;
}

#ifdef HAVE_LIBPQ
/* sql run on pg; its first value, or -1. */
static int64_t pg_run(const char *sql)
{
	PGconn *conn = PQconnectdb(pg);
	PGresult *r = PQexec(conn, "SET client_min_messages = warning");
	int64_t v = -1;

	PQclear(r);
	r = PQexec(conn, sql);

	if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		v = strcmp(PQgetvalue(r, 0, 0), "t") == 0 ? 1
		    : strcmp(PQgetvalue(r, 0, 0), "f") == 0
		        ? 0
		        : strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	PQfinish(conn);
	return v;
}
#else
static int64_t pg_run(const char *sql)
{
	fail_msg("this tendo was built without PostgreSQL: %s", sql);
	return -1;
}
#endif

static int64_t query(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char path[300];
	int64_t v = -1;
	if (pg)
		return pg_run(sql);
	assert_int_equal(sqlite3_open(db_path(path, sizeof path), &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void exec_sql(const char *sql)
{
	sqlite3 *db;
	char path[300];
	if (pg) {
		pg_run(sql);
		return;
	}
	assert_int_equal(sqlite3_open(db_path(path, sizeof path), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_a_new_log(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	(void)state;
	if (pg) {
		assert_int_equal(query("SELECT version FROM tendo_schema"), STORE_SCHEMA);
		assert_int_equal(query("SELECT to_regclass('sets') IS NOT NULL"), 1);
	} else {
		assert_int_equal(query("PRAGMA user_version"), STORE_SCHEMA);
		assert_int_equal(query("PRAGMA application_id"), 0x74656e64);
		assert_int_equal(query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sets'"),
		                 1);
	}
	int64_t a = store_profile(s, "ann", &err);
	int64_t b = store_profile(s, "bo", &err);
	assert_true(a > 0 && b > 0 && a != b);
	assert_int_equal(store_profile(s, "ann", &err), a);
	store_close(s);
	/* Opened again: the same log, nothing migrated twice. */
	s = open_good();
	assert_int_equal(store_profile(s, "ann", &err), a);
	store_close(s);
}

static void test_sets_and_the_csv(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	(void)state;
	int64_t p = store_profile(s, "cy", &err);
	int64_t session = store_session_begin(s, p, "drops", "/x/drops.yaml", LEG_RIGHT, &err);
	assert_true(session > 0);
	struct store_set hold = {0, "Wall, straight", LEG_LEFT, 1, true, 0, 0, 30000, 30000, NULL,
	                         0};
	struct store_set reps = {2, "=cmd|' /C calc'!A0", LEG_RIGHT, 2, false, 15, 9, 0, 0, "5 kg",
	                         0};
	assert_true(store_set_done(s, session, &hold, &err));
	assert_true(store_set_done(s, session, &reps, &err));
	assert_true(store_session_end(s, session, "partial", &err));
	assert_true(store_session_program(s, session, "alfredson-program", 3, &err));
	assert_true(store_export_csv(s, "cy", out, &err));
	fclose(out);
	assert_non_null(strstr(
	    text,
	    ",cy,drops,alfredson-program,3,partial,\"Wall, straight\",left,1,yes,,,30.0,30.0,,\n"));
	/* A spreadsheet must not take a name for a formula. */
	assert_non_null(
	    strstr(text, ",3,partial,\"'=cmd|' /C calc'!A0\",right,2,no,15,9,,,5 kg,\n"));
	free(text);
	store_close(s);
}

static void test_a_newer_log_is_refused_and_untouched(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	char path[300];
	struct stat before, after;
	(void)state;
	store_close(s);
	if (pg) {
		exec_sql("UPDATE tendo_schema SET version = 99");
		assert_false(open_log(dir, &s, &err));
		assert_non_null(strstr(err.message, "newer tendo (schema 99"));
		assert_int_equal(query("SELECT version FROM tendo_schema"), 99);
		return;
	}
	exec_sql("PRAGMA user_version = 99");
	stat(db_path(path, sizeof path), &before);
	assert_false(store_open(dir, &s, &err));
	assert_non_null(strstr(err.message, "newer tendo (schema 99"));
	stat(path, &after);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_equal(query("PRAGMA user_version"), 99);
}

static void test_other_files_are_refused_and_untouched(void **state)
{
	struct store *s;
	struct tendo_error err;
	char path[300], buf[64] = "";
	FILE *f;
	(void)state;
	/* Another program's database. */
	exec_sql("CREATE TABLE recipes (name TEXT)");
	assert_false(open_log(dir, &s, &err));
	assert_non_null(strstr(err.message, "another program's"));
	if (pg) {
		assert_int_equal(query("SELECT to_regclass('sets') IS NULL"), 1);
		return; /* a server's database is always a database */
	}
	assert_int_equal(query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sets'"), 0);
	/* Not a database at all. */
	f = fopen(db_path(path, sizeof path), "w");
	fputs("shopping list\n", f);
	fclose(f);
	assert_false(store_open(dir, &s, &err));
	assert_non_null(strstr(err.message, "not a tendo log"));
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "shopping list\n");
}

static void test_a_folder_that_cant_be_made(void **state)
{
	struct store *s;
	struct tendo_error err;
	(void)state;
	assert_false(open_log("/proc/no/such/folder", &s, &err));
	assert_non_null(strstr(err.message, "can't make the folder for the log"));
	assert_string_equal(err.file, "/proc/no/such/folder");
}

static void test_two_writers_lose_nothing(void **state)
{
	enum { WRITERS = 3, SETS = 60 };
	pid_t pids[WRITERS];
	(void)state;
	store_close(open_good()); /* made once, then shared */
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			struct store *s;
			struct tendo_error err;
			char name[16];
			int ok = open_log(dir, &s, &err);
			snprintf(name, sizeof name, "w%d", w);
			int64_t p = ok ? store_profile(s, name, &err) : -1;
			int64_t session =
			    p > 0 ? store_session_begin(s, p, "r", NULL, LEG_NONE, &err) : -1;
			for (int i = 0; ok && session > 0 && i < SETS; i++) {
				struct store_set set = {(size_t)i, "x", LEG_NONE, i + 1, true, 1,
				                        1,         0,   0,        NULL,  0};
				ok = store_set_done(s, session, &set, &err);
			}
			store_close(s);
			_exit(ok && session > 0 ? 0 : 1);
		}
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;
		waitpid(pids[w], &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(query("SELECT COUNT(*) FROM sets"), WRITERS * SETS);
}

static void test_a_cut_off_session_is_found(void **state)
{
	struct store *s = open_good();
	struct store_interrupted cut;
	struct tendo_error err;
	char sql[200];
	pid_t dead = fork();
	(void)state;
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	int64_t p = store_profile(s, "di", &err);
	int64_t session = store_session_begin(s, p, "calf", "/r/calf.yaml", LEG_LEFT, &err);
	struct store_set set = {4, "x", LEG_LEFT, 2, true, 0, 0, 30000, 30000, NULL, 0};
	assert_true(store_set_done(s, session, &set, &err));
	/* Still ours, and we are alive: not cut off. */
	assert_false(store_find_interrupted(s, p, &cut));
	snprintf(sql, sizeof sql, "UPDATE sessions SET pid = %d WHERE id = %lld", (int)dead,
	         (long long)session);
	exec_sql(sql);
	assert_true(store_find_interrupted(s, p, &cut));
	assert_int_equal(cut.id, session);
	assert_string_equal(cut.routine, "calf");
	assert_string_equal(cut.path, "/r/calf.yaml");
	assert_int_equal(cut.leg, LEG_LEFT);
	assert_int_equal(cut.next_step, 5);
	assert_int_equal(cut.sets_done, 1);
	/* Taken up: ours again. */
	assert_true(store_session_adopt(s, session, &err));
	assert_false(store_find_interrupted(s, p, &cut));
	/* Our pid, but claimed before this process began: the pid was given
	 * to another process since, so the session's own is gone. */
	snprintf(sql, sizeof sql, "UPDATE sessions SET claimed = 1000 WHERE id = %lld",
	         (long long)session);
	exec_sql(sql);
	assert_true(store_find_interrupted(s, p, &cut));
	assert_true(store_session_adopt(s, session, &err));
	/* A process that ended and was never reaped (a zombie) is gone too. */
	pid_t zombie = fork();
	if (zombie == 0)
		_exit(0);
	snprintf(sql, sizeof sql, "UPDATE sessions SET pid = %d WHERE id = %lld", (int)zombie,
	         (long long)session);
	exec_sql(sql);
	for (int i = 0; i < 200 && !store_find_interrupted(s, p, &cut); i++)
		usleep(10000); /* until it has exited */
	assert_true(store_find_interrupted(s, p, &cut));
	waitpid(zombie, NULL, 0);
	store_close(s);
}

static void test_pain_and_the_morning(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	(void)state;
	int64_t p = store_profile(s, "ed", &err);
	/* Nothing done yet: no morning question. */
	assert_false(store_morning_due(s, p));
	int64_t session = store_session_begin(s, p, "drops", NULL, LEG_NONE, &err);
	struct store_set set = {1, "Drop", LEG_NONE, 1, true, 15, 15, 0, 0, NULL, 0};
	assert_true(store_set_done(s, session, &set, &err));
	assert_true(store_pain(s, p, session, "during", 4, -1, &err));
	/* Trained today: no morning question until tomorrow. */
	assert_false(store_morning_due(s, p));
	exec_sql("UPDATE sessions SET started = started - 2 * 86400");
	assert_true(store_morning_due(s, p));
	assert_true(store_pain(s, p, -1, "morning", 2, 3, &err));
	assert_false(store_morning_due(s, p));
	assert_int_equal(query("SELECT stiffness FROM pain WHERE kind = 'morning'"), 3);
	/* Out of range: refused by the log itself. */
	assert_false(store_pain(s, p, session, "during", 11, -1, &err));
	assert_true(store_red_flag(s, p, session, "pop", &err));
	assert_int_equal(query("SELECT COUNT(*) FROM red_flags"), 1);
	out = open_memstream(&text, &len);
	assert_true(store_export_csv(s, NULL, out, &err));
	fclose(out);
	assert_non_null(strstr(text, ",Drop,,1,yes,15,15,,,,4\n"));
	free(text);
	store_close(s);
}

/* A log of schema 7 kept only the last decision on the load: it becomes
 * the first of the decisions kept, its action read from its words (on
 * SQLite and on PostgreSQL, each by its own step). */
static void test_migration_keeps_the_last_decision(void **state)
{
	(void)state;
	struct store *s = open_good();
	struct store_enrolment en;
	struct store_decision *made;
	struct tendo_error err;
	int64_t p = store_profile(s, "gus", &err);

	assert_true(store_enrol(s, p, "new", "/r/new.yaml", 20000, NULL, &err));
	assert_true(store_enrolment(s, p, NULL, &en));
	assert_true(store_decide(s, en.id, 2.5, 4, false, "step back",
	                         "Stepping back to 2.5 kg: pain after was 6.", &err));
	store_close(s);
	exec_sql(pg ? "DROP TABLE decisions; UPDATE tendo_schema SET version = 7"
	            : "DROP TABLE decisions; PRAGMA user_version = 7;");
	s = open_good();
	assert_int_equal(store_decisions(s, en.id, 0, INT64_MAX, &made), 1);
	assert_string_equal(made[0].action, "step back");
	assert_int_equal(made[0].week, 4);
	assert_true(made[0].load_kg == 2.5);
	free(made);
	store_close(s);
}

/* A log of every earlier schema is brought up to date, keeping its rows. */
static void test_migration_from_schema_1(void **state)
{
	(void)state;
	SQLITE_ONLY(); /* a PostgreSQL log began at schema 7 */
	struct store *s = open_good();
	struct store_enrolment en;
	struct tendo_error err;
	int64_t p = store_profile(s, "fay", &err);
	int64_t session = store_session_begin(s, p, "calf", NULL, LEG_NONE, &err);
	struct store_set set = {0, "x", LEG_NONE, 1, true, 5, 5, 0, 0, NULL, 0};
	assert_true(store_set_done(s, session, &set, &err));
	store_close(s);
	/* Back to schema 1, as a tendo of that schema left it. */
	exec_sql("DROP TABLE decisions;"
	         "DROP INDEX sessions_by_end;"
	         "DROP INDEX sessions_by_status;"
	         "ALTER TABLE sessions DROP COLUMN heartbeat;"
	         "DROP TABLE pin_lockouts;"
	         "DROP TABLE staff_actions;"
	         "ALTER TABLE enrolments DROP COLUMN site;"
	         "DROP TABLE screenings;"
	         "DROP TABLE visa_a;"
	         "DROP TABLE exercise_loads;"
	         "DROP INDEX pain_by_profile;"
	         "ALTER TABLE enrolments DROP COLUMN decided_week;"
	         "ALTER TABLE enrolments DROP COLUMN decided_at;"
	         "ALTER TABLE enrolments DROP COLUMN baseline_from;"
	         "INSERT INTO pain (profile_id, kind, score, stiffness, at) "
	         "VALUES (1, 'morning', 3, 2, 1000), (1, 'during', 4, NULL, 900);"
	         "ALTER TABLE enrolments DROP COLUMN path;"
	         "ALTER TABLE enrolments DROP COLUMN decided_on;"
	         "ALTER TABLE enrolments DROP COLUMN held;"
	         "ALTER TABLE enrolments DROP COLUMN decision;"
	         "ALTER TABLE enrolments DROP COLUMN paused;"
	         "DROP TABLE capacity_tests;"
	         "ALTER TABLE sessions DROP COLUMN program;"
	         "ALTER TABLE sessions DROP COLUMN week;"
	         "ALTER TABLE sessions DROP COLUMN claimed;"
	         "INSERT INTO enrolments (profile_id, program, start_date) VALUES (1, 'old', "
	         "'2026-01-05');"
	         "PRAGMA user_version = 1;");
	s = open_good();
	assert_int_equal(query("PRAGMA user_version"), STORE_SCHEMA);
	assert_int_equal(query("SELECT COUNT(*) FROM sets"), 1);
	/* Every rating is kept, and the log now takes pain after activity. */
	assert_int_equal(query("SELECT COUNT(*) FROM pain"), 2);
	assert_int_equal(query("SELECT score * 10 + stiffness FROM pain WHERE kind = 'morning'"),
	                 32);
	assert_true(store_pain(s, p, -1, "after", 2, -1, &err));
	assert_true(store_enrolment(s, p, NULL, &en));
	assert_string_equal(en.program, "old");
	assert_string_equal(en.path, "");
	assert_int_equal(en.decided_week, 0);
	assert_int_equal(en.baseline_day, en.start_day);
	assert_true(store_enrol(s, p, "new", "/r/new.yaml", 20000, NULL, &err));
	assert_true(store_enrolment(s, p, NULL, &en));
	assert_string_equal(en.path, "/r/new.yaml");
	assert_int_equal(en.start_day, 20000);
	assert_true(store_decide(s, en.id, 5, 3, false, "hold", "Holding at 5 kg", &err));
	assert_true(store_enrolment(s, p, NULL, &en));
	assert_true(en.decided_today);
	assert_int_equal(en.decided_week, 3);
	assert_false(en.mid_week);
	assert_true(en.decided_at > 0);
	assert_true(
	    store_decide(s, en.id, 2.5, 3, true, "step back", "Stepping back to 2.5 kg", &err));
	assert_true(store_enrolment(s, p, NULL, &en));
	assert_true(en.mid_week);
	assert_true(en.load_kg == 2.5);
	assert_true(store_decide(s, en.id, 5, 3, false, "hold", "Holding at 5 kg", &err));
	assert_true(store_enrolment(s, p, NULL, &en));
	assert_true(en.load_kg == 5);
	assert_string_equal(en.decision, "Holding at 5 kg");
	assert_false(en.paused);
	/* Every decision is kept, in order, for the report. */
	struct store_decision *made;
	int64_t new_id = en.id;
	assert_int_equal(store_decisions(s, new_id, 0, INT64_MAX, &made), 3);
	assert_string_equal(made[1].action, "step back");
	assert_true(made[1].load_kg == 2.5);
	assert_int_equal(made[2].week, 3);
	assert_string_equal(made[2].reason, "Holding at 5 kg");
	free(made);
	/* Several programs at once: enrolling in one never ends another. */
	assert_true(store_enrol(s, p, "test", "/r/test.yaml", 20010, "insertional", &err));
	struct store_enrolment all[4];
	assert_int_equal(store_enrolments(s, p, NULL, all, 4), 3); /* old, new, test */
	assert_true(store_enrolment(s, p, "/r/new.yaml", &en));
	assert_true(en.load_kg == 5);
	assert_true(store_enrolment(s, p, "/r/test.yaml", &en));
	assert_int_equal(en.start_day, 20010);
	assert_true(en.insertional);
	/* The screening's answers are kept. */
	struct screening answers = {.insertional = true, .steroid = true, .cleared = true};
	assert_true(store_screening(s, p, "test", &answers, "start", &err));
	assert_int_equal(query("SELECT steroid * 100 + cleared * 10 + red_flag FROM screenings"),
	                 110);
	assert_int_equal(query("SELECT site = 'insertional' FROM screenings"), 1);
	/* The latest screening, of one program or of any (NULL): a later
	 * one of another program, mid-portion, is the person's latest. */
	struct store_screening latest;
	assert_true(store_screening_of(s, p, NULL, &latest));
	assert_true(latest.answers.insertional);
	store_set_time(s, store_now(s) + 60);
	assert_true(store_screening(s, p, "other", &(struct screening){0}, "start", &err));
	assert_true(store_screening_of(s, p, NULL, &latest));
	assert_false(latest.answers.insertional);
	assert_true(store_screening_of(s, p, "test", &latest));
	assert_true(latest.answers.insertional);
	assert_false(store_screening_of(s, p, "never", &latest));
	/* Following one again starts it afresh; leaving one leaves the other. */
	assert_true(store_enrol(s, p, "new", "/r/new.yaml", 20020, "midportion", &err));
	assert_int_equal(store_enrolments(s, p, NULL, all, 4), 3);
	assert_true(store_enrolment(s, p, "/r/new.yaml", &en));
	assert_int_equal(en.start_day, 20020);
	assert_true(en.load_kg == 0);
	assert_true(store_leave(s, p, "/r/test.yaml", &err));
	assert_false(store_leave(s, p, "/r/test.yaml", &err));
	assert_int_equal(store_enrolments(s, p, NULL, all, 4), 2);
	assert_true(store_pause_program(s, p, true, &err));
	assert_true(store_enrolment(s, p, NULL, &en));
	assert_true(en.paused);
	/* The pause is kept among the decisions of each program it paused,
	 * once: pausing again changes nothing. */
	assert_true(store_pause_program(s, p, true, &err));
	assert_int_equal(query("SELECT COUNT(*) FROM decisions WHERE action = 'pause'"), 2);
	assert_true(store_pause_program(s, p, false, &err));
	assert_int_equal(query("SELECT COUNT(*) FROM decisions WHERE action = 'resume'"), 2);
	store_close(s);
}

/* ------------------------------------------------------------ time as numbers */

/* Monday 2026-11-23, noon UTC (the tests run with TZ=UTC). */
#define MONDAY_NOON INT64_C(1795435200)
#define DAY         INT64_C(86400)

/* A session of one set at the store's time t, ended as status. */
static int64_t session_at(struct store *s, int64_t p, const char *path, int64_t t,
                          const char *status, const char *exercise, int reps, const char *load)
{
	struct tendo_error err;
	struct store_set set = {0, exercise, LEG_NONE, 1, true, reps, reps, 0, 0, load, 0};
	int64_t session;

	store_set_time(s, t);
	session = store_session_begin(s, p, "routine", path, LEG_NONE, &err);
	assert_true(session > 0);
	assert_true(store_set_done(s, session, &set, &err));
	assert_true(store_session_end(s, session, status, &err));
	return session;
}

static void test_history_day_by_day(void **state)
{
	struct store *s = open_good();
	struct store_history h;
	struct tendo_error err;
	int64_t today = MONDAY_NOON / DAY, p;
	(void)state;
	p = store_profile(s, "fay", &err);
	int64_t done =
	    session_at(s, p, "/r.yaml", MONDAY_NOON - 3 * DAY, "completed", "Drop", 15, "20 kg");
	assert_true(store_pain(s, p, done, "during", 4, -1, &err));
	session_at(s, p, "/r.yaml", MONDAY_NOON - 3 * DAY + 3600, "partial", "Drop", 5, NULL);
	session_at(s, p, "/r.yaml", MONDAY_NOON - 9 * DAY, "completed", "Drop", 10, "10 kg");
	session_at(s, p, "/r.yaml", MONDAY_NOON - 60 * DAY, "completed", "Drop", 99, NULL);
	store_set_time(s, MONDAY_NOON);
	assert_true(store_pain(s, p, -1, "morning", 2, 1, &err));
	assert_true(store_pain(s, p, done, "after", 6, -1, &err));
	assert_true(store_history(s, p, &h));
	assert_int_equal(h.first_day, today - (HISTORY_DAYS - 1));
	/* A day with a completed session beside a partial one counts as done. */
	assert_int_equal(h.days[HISTORY_DAYS - 1 - 3], 2);
	assert_int_equal(h.days[HISTORY_DAYS - 1], 0);
	assert_int_equal(h.pain_during[HISTORY_DAYS - 1 - 3], 4);
	assert_int_equal(h.pain_morning[HISTORY_DAYS - 1], 2);
	/* Pain after is not pain during. */
	assert_int_equal(h.pain_during[HISTORY_DAYS - 1], -1);
	/* The weeks run Monday to Sunday; the last is this one. */
	assert_int_equal(h.reps[HISTORY_WEEKS - 1], 0);
	assert_int_equal(h.reps[HISTORY_WEEKS - 2], 20);
	assert_true(h.reps_kg[HISTORY_WEEKS - 2] == 300.0);
	assert_int_equal(h.reps[HISTORY_WEEKS - 3], 10);
	assert_true(h.reps_kg[HISTORY_WEEKS - 3] == 100.0);
	for (int w = 0; w < HISTORY_WEEKS - 3; w++)
		assert_int_equal(h.reps[w], 0); /* 60 days ago is out of sight */
	store_close(s);
}

/* The baseline of mornings: the first week's highest pain and stiffness,
 * known once the week is over; a stiffness never rated stays unknown. */
static void test_the_baseline_of_mornings(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	struct baseline b;
	int64_t first = store_local_day(MONDAY_NOON), p;
	(void)state;
	p = store_profile(s, "hal", &err);
	for (int day = 0; day < 7; day++) {
		store_set_time(s, MONDAY_NOON + day * DAY);
		assert_true(store_pain(s, p, -1, "morning", day == 3 ? 3 : 1, -1, &err));
	}
	store_baseline(s, p, first, &b);
	assert_int_equal(b.pain, -1); /* the week is not over */
	store_set_time(s, MONDAY_NOON + 7 * DAY);
	store_baseline(s, p, first, &b);
	assert_int_equal(b.pain, 3);
	assert_int_equal(b.stiffness, -1);
	/* The week after, stiffness rated too: a baseline measured afresh
	 * from there knows both. */
	for (int day = 7; day < 14; day++) {
		store_set_time(s, MONDAY_NOON + day * DAY);
		assert_true(store_pain(s, p, -1, "morning", 2, day == 9 ? 4 : 2, &err));
	}
	store_set_time(s, MONDAY_NOON + 14 * DAY);
	store_baseline(s, p, first + 7, &b);
	assert_int_equal(b.pain, 2);
	assert_int_equal(b.stiffness, 4);
	store_close(s);
}

static void test_done_today_by_the_local_day(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	int64_t midnight = MONDAY_NOON - 12 * 3600, p;
	(void)state;
	p = store_profile(s, "gus", &err);
	session_at(s, p, "/r.yaml", midnight - 60, "completed", "Drop", 15, NULL);
	session_at(s, p, "/r.yaml", midnight + 60, "completed", "Drop", 15, NULL);
	session_at(s, p, "/r.yaml", midnight + 7200, "partial", "Drop", 3, NULL);
	session_at(s, p, "/other.yaml", midnight + 7200, "completed", "Drop", 3, NULL);
	store_set_time(s, MONDAY_NOON);
	assert_int_equal(store_today(s), MONDAY_NOON / DAY);
	assert_int_equal(store_done_today(s, p, "/r.yaml"), 1);
	store_set_time(s, midnight - 1);
	assert_int_equal(store_done_today(s, p, "/r.yaml"), 1);
	store_set_time(s, midnight + DAY);
	assert_int_equal(store_done_today(s, p, "/r.yaml"), 0);
	/* By day, for a week's adherence: the day before, the day, the next. */
	int by_day[3] = {-1, -1, -1};
	store_done_by_day(s, p, "/r.yaml", store_local_day(midnight - 60), 3, by_day);
	assert_int_equal(by_day[0], 1);
	assert_int_equal(by_day[1], 1);
	assert_int_equal(by_day[2], 0);
	store_close(s);
}

static void test_capacity_tests_newest_first(void **state)
{
	struct store *s = open_good();
	struct store_capacity tests[3];
	struct tendo_error err;
	int64_t p;
	(void)state;
	p = store_profile(s, "hal", &err);
	for (int i = 0; i < 3; i++) {
		store_set_time(s, MONDAY_NOON + i * 28 * DAY);
		assert_true(store_capacity_test(s, p, -1, 20 + i, 10 + i, LEG_RIGHT, &err));
	}
	assert_int_equal(store_capacity_tests(s, p, tests, 2), 2);
	assert_int_equal(tests[0].at, MONDAY_NOON + 56 * DAY);
	assert_int_equal(tests[0].left, 22);
	assert_int_equal(tests[0].right, 12);
	assert_int_equal(tests[0].affected, LEG_RIGHT);
	assert_int_equal(tests[1].at, MONDAY_NOON + 28 * DAY);
	assert_int_equal(store_capacity_tests(s, p + 1, tests, 3), 0);
	store_close(s);
}

static void test_session_load_by_exercise(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	struct store_set calf = {1, "Seated calf raise", LEG_NONE, 1, true, 15, 15, 0, 0, NULL, 0};
	struct store_set press = {2, "Leg-press calf raise", LEG_NONE, 1, true, 15, 15, 0, 0, NULL,
	                          0};
	int64_t p, session;
	(void)state;
	p = store_profile(s, "ida", &err);
	store_set_time(s, MONDAY_NOON);
	session = store_session_begin(s, p, "hsr", "/hsr.yaml", LEG_NONE, &err);
	assert_true(store_set_done(s, session, &calf, &err));
	assert_true(store_set_done(s, session, &press, &err));
	assert_true(store_session_load(s, session, "Seated calf raise", 40, &err));
	assert_true(store_session_load(s, session, "Leg-press calf raise", 0, &err));
	assert_int_equal(query("SELECT COUNT(*) FROM sets WHERE load = '40 kg' AND "
	                       "exercise = 'Seated calf raise'"),
	                 1);
	assert_int_equal(query("SELECT COUNT(*) FROM sets WHERE load = 'bodyweight'"), 1);
	assert_true(store_first_load(s, p, "/hsr.yaml", NULL, MONDAY_NOON - DAY) == 40.0);
	assert_true(
	    store_first_load(s, p, "/hsr.yaml", "Leg-press calf raise", MONDAY_NOON - DAY) == 0.0);
	assert_true(store_first_load(s, p, "/hsr.yaml", "Seated calf raise", MONDAY_NOON - DAY) ==
	            40.0);
	/* No exercise named: every set of the session. */
	assert_true(store_session_load(s, session, NULL, 42.5, &err));
	assert_int_equal(query("SELECT COUNT(*) FROM sets WHERE load = '42.5 kg'"), 2);
	store_close(s);
}

/* Staff removing a member: all of theirs goes, nothing of anyone else's. */
static void test_a_member_removed_takes_only_their_log(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	int64_t ann, bob;
	(void)state;
	ann = store_profile(s, "Ann", &err);
	bob = store_profile(s, "Bob", &err);
	session_at(s, ann, "/r.yaml", MONDAY_NOON, "completed", "Drop", 15, NULL);
	session_at(s, bob, "/r.yaml", MONDAY_NOON + 60, "completed", "Drop", 12, NULL);
	assert_true(store_pain(s, ann, -1, "morning", 3, 2, &err));
	assert_true(store_pain(s, bob, -1, "morning", 1, 1, &err));
	assert_true(store_pin_wrong(s, ann, 3, 30, &err));
	assert_int_equal(store_member_last_session(s, bob), MONDAY_NOON + 60);
	assert_true(store_member_remove(s, ann, &err));
	assert_int_equal(store_member_find(s, "ann"), -1);
	assert_int_equal(store_member_find(s, "BOB"), bob);
	assert_int_equal(store_member_last_session(s, ann), 0);
	assert_int_equal(store_member_last_session(s, bob), MONDAY_NOON + 60);
	struct store_history h;
	store_set_time(s, MONDAY_NOON + 3600);
	assert_true(store_history(s, bob, &h));
	store_close(s);
}

/* Three wrong PINs in a row lock a profile for the time given, for every
 * kiosk on the log; a right one, or staff, start the count again. */
static void test_pin_lockouts_are_kept_in_the_log(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	int64_t p;
	(void)state;
	p = store_profile(s, "Cy", &err);
	store_set_time(s, MONDAY_NOON);
	assert_true(store_pin_wrong(s, p, 3, 30, &err));
	assert_true(store_pin_wrong(s, p, 3, 30, &err));
	assert_int_equal(store_pin_locked_until(s, p), 0);
	assert_true(store_pin_clear(s, p, &err)); /* a right PIN */
	for (int i = 0; i < 3; i++)
		assert_true(store_pin_wrong(s, p, 3, 30, &err));
	assert_int_equal(store_pin_locked_until(s, p), MONDAY_NOON + 30);
	store_set_time(s, MONDAY_NOON + 29);
	assert_int_equal(store_pin_locked_until(s, p), MONDAY_NOON + 30);
	store_set_time(s, MONDAY_NOON + 30);
	assert_int_equal(store_pin_locked_until(s, p), 0);
	for (int i = 0; i < 3; i++)
		assert_true(store_pin_wrong(s, p, 3, 30, &err));
	assert_true(store_pin_locked_until(s, p) > 0);
	assert_true(store_pin_clear(s, p, &err)); /* staff lift it */
	assert_int_equal(store_pin_locked_until(s, p), 0);
	assert_true(store_staff_action(s, "unlock", "Cy", &err));
	store_close(s);
}

/* Two kiosks on one log: a session goes on at A while its heartbeat is
 * fresh; B offers it to be taken up only when A has not beaten for longer
 * than STORE_HEARTBEAT_LAPSE, and A can no longer renew it once B has. */
static void test_another_kiosks_session_by_its_heartbeat(void **state)
{
	struct store *a = open_good(), *b = open_good();
	struct store_interrupted cut;
	struct tendo_error err;
	char in_use[200];
	const int64_t t = MONDAY_NOON;
	(void)state;
	store_set_place(a, "stretching-1");
	store_set_place(b, "stretching-2");
	store_set_time(a, t);
	int64_t p = store_profile(a, "Ana", &err);
	int64_t session = store_session_begin(a, p, "calf", "/r/calf.yaml", LEG_LEFT, &err);
	struct store_set set = {0, "x", LEG_LEFT, 1, true, 0, 0, 30000, 30000, NULL, t + 30};
	assert_true(store_set_done(a, session, &set, &err));
	store_set_time(b, t + 60);
	assert_false(store_find_interrupted(b, p, &cut));
	assert_string_equal(store_in_use(b, in_use, sizeof in_use), "stretching-1");
	store_set_time(a, t + 120); /* a minute on: A beats */
	assert_true(store_session_alive(a, session, &err));
	store_set_time(b, t + 120 + STORE_HEARTBEAT_LAPSE);
	assert_false(store_find_interrupted(b, p, &cut));
	store_set_time(b, t + 120 + STORE_HEARTBEAT_LAPSE + 1);
	assert_true(store_find_interrupted(b, p, &cut));
	assert_int_equal(cut.id, session);
	assert_int_equal(cut.next_step, 1);
	assert_string_equal(store_in_use(b, in_use, sizeof in_use), "");
	/* B takes it up: it is B's, and A's late beat does not take it back. */
	assert_true(store_session_adopt(b, session, &err));
	store_set_time(a, t + 400);
	assert_true(store_session_alive(a, session, &err));
	assert_int_equal(query("SELECT heartbeat FROM sessions"), t + 301);
	assert_false(store_find_interrupted(a, p, &cut));
	assert_string_equal(store_in_use(a, in_use, sizeof in_use), "stretching-2");
	store_close(a);
	store_close(b);
}

/* In a child that then dies without closing: a spool of host holding
 * first the sets of `before`, then all of `sets` (the newer slot). */
static pid_t spool_then_die(struct store *s, int64_t session, const char *host,
                            const struct store_set *sets, size_t count, size_t before)
{
	pid_t child = fork();
	if (child == 0) {
		struct spool sp;
		struct tendo_error err;
		bool ok = spool_open(&sp, store_path(s), session, host, 8, 64, &err) &&
		          spool_keep(&sp, sets, before) && spool_keep(&sp, sets, count);
		_exit(ok ? 0 : 1);
	}
	int status;
	waitpid(child, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return child;
}

static int spools_left(void)
{
	char command[400];
	snprintf(command, sizeof command, "ls '%s' | grep -c '^tendo\\.%s\\.waiting-' >/dev/null",
	         dir, pg ? "pg" : "db");
	return system(command) == 0;
}

/* Sets kept aside by a tendo that died are written by the next one to open
 * the log, once each: one already in the log (the crash came between the
 * two writes) is not written again; texts come back as they were. */
static void test_sets_kept_aside_are_written_once(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	(void)state;
	store_set_place(s, "here");
	int64_t p = store_profile(s, "Ana", &err);
	int64_t session = store_session_begin(s, p, "calf", NULL, LEG_LEFT, &err);
	const struct store_set sets[] = {
	    {1, "Heel drop", LEG_LEFT, 1, true, 15, 15, 0, 0, "2.5 kg", 1000},
	    {2, "Heel drop\twith a tab, a \\ and\na new line", LEG_RIGHT, 1, false, 15, 9, 0, 0,
	     NULL, 1010},
	};
	assert_true(store_set_done(s, session, &sets[0], &err));
	spool_then_die(s, session, "here", sets, 2, 1);
	assert_true(spools_left());
	/* Taken up again here before the log had room: the dead tendo's spool
	 * is kept beside this one's, not replaced by it. */
	struct spool again;
	assert_true(spool_open(&again, store_path(s), session, "here", 8, 64, &err));
	assert_int_equal(spool_replay(s), 1);
	spool_close(&again); /* nothing waited in it: gone */
	assert_false(spools_left());
	assert_int_equal(query("SELECT COUNT(*) FROM sets"), 2);
	char sql[300];
	const char *chr = pg ? "chr" : "char"; /* a character by its code */
	snprintf(sql, sizeof sql,
	         "SELECT COUNT(*) FROM sets WHERE step = 2 AND side = 'right' AND "
	         "exercise = 'Heel drop' || %s(9) || 'with a tab, a \\ and' || "
	         "%s(10) || 'a new line' AND done_reps = 9 AND load IS NULL "
	         "AND completed = 0 AND at = 1010",
	         chr, chr);
	assert_int_equal(query(sql), 1);
	assert_int_equal(spool_replay(s), 0);
	store_close(s);
}

/* A spool whose tendo still runs, or another kiosk's, is left alone; a
 * newer slot cut short by a crash gives way to the older, whole one. */
static void test_spools_not_ours_or_torn(void **state)
{
	struct store *s = open_good();
	struct tendo_error err;
	struct spool live;
	char path[400];
	struct stat st;
	(void)state;
	store_set_place(s, "here");
	int64_t p = store_profile(s, "Ana", &err);
	int64_t one = store_session_begin(s, p, "calf", NULL, LEG_LEFT, &err);
	int64_t two = store_session_begin(s, p, "calf", NULL, LEG_LEFT, &err);
	int64_t three = store_session_begin(s, p, "calf", NULL, LEG_LEFT, &err);
	const struct store_set sets[] = {
	    {1, "Heel drop", LEG_LEFT, 1, true, 15, 15, 0, 0, NULL, 1000},
	    {2, "Heel drop", LEG_LEFT, 2, true, 15, 15, 0, 0, NULL, 1060},
	};
	assert_true(spool_open(&live, store_path(s), one, "here", 8, 64, &err));
	assert_true(spool_keep(&live, sets, 2));
	spool_then_die(s, two, "elsewhere", sets, 2, 1);
	assert_int_equal(spool_replay(s), 0);
	pid_t died = spool_then_die(s, three, "here", sets, 2, 1);
	snprintf(path, sizeof path, "%s.waiting-%lld-%ld", store_path(s), (long long)three,
	         (long)died);
	assert_int_equal(stat(path, &st), 0);
	FILE *f = fopen(path, "r+");
	assert_non_null(f);
	fseek(f, st.st_size / 2 + 40, SEEK_SET); /* the newer slot, torn */
	fputs("##", f);
	fclose(f);
	assert_int_equal(spool_replay(s), 1);
	assert_int_equal(query("SELECT COUNT(*) FROM sets"), 1);
	assert_int_equal(query("SELECT session_id FROM sets"), three);
	spool_close(&live); /* two sets still wait in it: kept */
	assert_true(spools_left());
	store_close(s);
}

int main(void)
{
	/* Local days are UTC days, whatever the machine's zone. */
	setenv("TZ", "UTC", 1);
	tzset();
	pg = getenv("TENDO_TEST_DATABASE");
	if (pg && !*pg)
		pg = NULL;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_a_new_log, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_sets_and_the_csv, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_a_newer_log_is_refused_and_untouched, make_dir,
	                                    remove_dir),
	    cmocka_unit_test_setup_teardown(test_other_files_are_refused_and_untouched, make_dir,
	                                    remove_dir),
	    cmocka_unit_test_setup_teardown(test_a_folder_that_cant_be_made, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_two_writers_lose_nothing, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_a_cut_off_session_is_found, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_pain_and_the_morning, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_migration_from_schema_1, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_migration_keeps_the_last_decision, make_dir,
	                                    remove_dir),
	    cmocka_unit_test_setup_teardown(test_history_day_by_day, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_the_baseline_of_mornings, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_done_today_by_the_local_day, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_capacity_tests_newest_first, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_session_load_by_exercise, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_a_member_removed_takes_only_their_log, make_dir,
	                                    remove_dir),
	    cmocka_unit_test_setup_teardown(test_another_kiosks_session_by_its_heartbeat, make_dir,
	                                    remove_dir),
	    cmocka_unit_test_setup_teardown(test_sets_kept_aside_are_written_once, make_dir,
	                                    remove_dir),
	    cmocka_unit_test_setup_teardown(test_spools_not_ours_or_torn, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(test_pin_lockouts_are_kept_in_the_log, make_dir,
	                                    remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
