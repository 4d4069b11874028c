/* catalog.h — the routines found on this machine.
 *
 * A shell around the parser: finds routine files (*.yaml, *.yml) in an
 * ordered list of folders, reads and parses each, and keeps the broken ones
 * with their first message so that a list can show them. A broken file
 * never stops the others from loading. Where two folders hold a routine of
 * the same name, the earlier folder's wins.
 */
#ifndef TENDO_CATALOG_H
#define TENDO_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "routine.h"

/* Where a folder of routines comes from, in the order they are searched. */
enum origin { ORIGIN_COMMAND_LINE, ORIGIN_CONFIG, ORIGIN_USER, ORIGIN_SHIPPED, ORIGIN_FILE };

struct catalog_entry {
	char *path; /* the file */
	char *name; /* the file's name less its extension: what `run NAME` matches */
	enum origin origin;
	/* NULL when broken. Read-only: the catalog is shared by everyone who
	 * trains (on a kiosk, one member after another in one process); what
	 * one person does is a prescription (plan_prescribe), a new value. */
	const struct routine *routine;
	struct tendo_error error; /* when broken: the first problem */
	size_t error_count;       /* when broken: how many problems in all */
};

struct catalog {
	struct catalog_entry *entries; /* sorted by title (broken ones by name) */
	size_t count;
	struct tendo_error warnings[8]; /* folders that could not be read */
	size_t warning_count;
};

struct catalog_folder {
	const char *path;
	enum origin origin;
	bool must_exist; /* say so when it is missing (true for --routines) */
};

/* Loads every routine in the folders, in order. Never fails as a whole:
 * unreadable folders become warnings, broken files broken entries. Free
 * with catalog_free(). */
void catalog_load(struct catalog *cat, const struct catalog_folder *folders, size_t count);

/* Reads and parses one file into entry (broken or not). Returns true when
 * the routine is good. The caller frees with catalog_entry_free(). */
bool catalog_load_file(const char *path, enum origin origin, struct catalog_entry *entry);

/* Reads a routine file and parses it, filling errors. The routine is the
 * caller's to free (routine_free). */
bool catalog_parse_file(const char *path, struct routine **out, struct routine_errors *errors);

/* The entry whose name (file name less extension) or title (any case)
 * matches, or NULL. */
const struct catalog_entry *catalog_find(const struct catalog *cat, const char *name);

/* "shipped", "yours", "--routines", "file". */
const char *catalog_origin_name(enum origin origin);

void catalog_entry_free(struct catalog_entry *entry);
void catalog_free(struct catalog *cat);

#endif
