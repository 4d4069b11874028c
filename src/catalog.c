/* catalog.c — the routines found on this machine (see catalog.h). */
#include "catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char *const origin_names[] = {
    [ORIGIN_COMMAND_LINE] = "--routines", [ORIGIN_CONFIG] = "config", [ORIGIN_USER] = "yours",
    [ORIGIN_SHIPPED] = "shipped",         [ORIGIN_FILE] = "file",
};

const char *catalog_origin_name(enum origin origin)
{
	return origin_names[origin];
}

/* Reads a whole regular file of at most ROUTINE_MAX_FILE bytes. The caller
 * frees *text. */
static bool read_file(const char *path, char **text, size_t *len, struct tendo_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t n;

	if (!f) {
		error_set(err, path, 0, 0, "can't open the file: %s", strerror(errno));
		return false;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		error_set(err, path, 0, 0, "not a regular file");
		fclose(f);
		return false;
	}
	if (st.st_size > ROUTINE_MAX_FILE) {
		error_set(err, path, 0, 0, "the file is too large for a routine (over 1 MiB)");
		fclose(f);
		return false;
	}
	*text = malloc((size_t)st.st_size + 1);
	if (!*text) {
		error_set(err, path, 0, 0, "out of memory reading the file");
		fclose(f);
		return false;
	}
	n = fread(*text, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		error_set(err, path, 0, 0, "can't read the file: %s", strerror(errno));
		free(*text);
		fclose(f);
		return false;
	}
	(*text)[n] = '\0';
	*len = n;
	fclose(f);
	return true;
}

bool catalog_parse_file(const char *path, struct routine **out, struct routine_errors *errors)
{
	char *text;
	size_t len;
	bool ok;

	memset(errors, 0, sizeof *errors);
	*out = NULL;
	if (!read_file(path, &text, &len, &errors->items[0])) {
		errors->count = 1;
		return false;
	}
	ok = routine_parse(text, len, path, out, errors);
	free(text);
	return ok;
}

/* The file name less its folder and extension. */
static char *name_of(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

bool catalog_load_file(const char *path, enum origin origin, struct catalog_entry *entry)
{
	struct routine_errors *errors = malloc(sizeof *errors);
	struct routine *parsed;
	bool ok;

	memset(entry, 0, sizeof *entry);
	entry->path = strdup(path);
	entry->name = name_of(path);
	entry->origin = origin;
	if (!errors) {
		error_set(&entry->error, path, 0, 0, "out of memory reading the file");
		entry->error_count = 1;
		return false;
	}
	ok = catalog_parse_file(path, &parsed, errors);
	entry->routine = parsed;
	if (!ok) {
		entry->error = errors->items[0];
		entry->error_count = errors->count + errors->dropped;
	}
	free(errors);
	return ok;
}

static bool is_routine_file(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.')
		return false;
	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	       (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

static bool has_name(const struct catalog *cat, const char *name)
{
	for (size_t i = 0; i < cat->count; i++)
		if (strcmp(cat->entries[i].name, name) == 0)
			return true;
	return false;
}

static void warn(struct catalog *cat, const char *path, const char *message)
{
	if (cat->warning_count < sizeof cat->warnings / sizeof cat->warnings[0])
		error_set(&cat->warnings[cat->warning_count++], path, 0, 0, "%s", message);
}

static bool add_entry(struct catalog *cat, const char *path, enum origin origin)
{
	struct catalog_entry entry;
	struct catalog_entry *grown = realloc(cat->entries, (cat->count + 1) * sizeof *grown);

	if (!grown)
		return false;
	cat->entries = grown;
	catalog_load_file(path, origin, &entry);
	if (has_name(cat, entry.name)) {
		catalog_entry_free(&entry); /* an earlier folder's routine of that name wins */
		return true;
	}
	cat->entries[cat->count++] = entry;
	return true;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_folder(struct catalog *cat, const struct catalog_folder *folder)
{
	DIR *dir = opendir(folder->path);
	struct dirent *d;
	char **names = NULL;
	size_t count = 0;

	if (!dir) {
		if (errno != ENOENT || folder->must_exist)
			warn(cat, folder->path, strerror(errno));
		return;
	}
	while ((d = readdir(dir))) {
		char **grown;
		if (!is_routine_file(d->d_name))
			continue;
		grown = realloc(names, (count + 1) * sizeof *names);
		if (!grown)
			break;
		names = grown;
		names[count++] = strdup(d->d_name);
	}
	closedir(dir);
	qsort(names, count, sizeof *names, compare_names);
	for (size_t i = 0; i < count; i++) {
		char path[4096];
		if (names[i] &&
		    snprintf(path, sizeof path, "%s/%s", folder->path, names[i]) < (int)sizeof path)
			add_entry(cat, path, folder->origin);
		free(names[i]);
	}
	free(names);
}

static const char *sort_key(const struct catalog_entry *e)
{
	return e->routine ? e->routine->title : e->name;
}

static int compare_entries(const void *a, const void *b)
{
	const struct catalog_entry *x = a, *y = b;

	if (!x->routine != !y->routine)
		return x->routine ? -1 : 1; /* good ones first */
	return strcasecmp(sort_key(x), sort_key(y));
}

void catalog_load(struct catalog *cat, const struct catalog_folder *folders, size_t count)
{
	memset(cat, 0, sizeof *cat);
	for (size_t i = 0; i < count; i++)
		load_folder(cat, &folders[i]);
	if (cat->count > 1)
		qsort(cat->entries, cat->count, sizeof *cat->entries, compare_entries);
}

const struct catalog_entry *catalog_find(const struct catalog *cat, const char *name)
{
	for (size_t i = 0; i < cat->count; i++)
		if (strcmp(cat->entries[i].name, name) == 0)
			return &cat->entries[i];
	for (size_t i = 0; i < cat->count; i++)
		if (cat->entries[i].routine &&
		    strcasecmp(cat->entries[i].routine->title, name) == 0)
			return &cat->entries[i];
	return NULL;
}

/* The catalog made its routines and frees them; to everyone else they are
 * read-only, which is why the entry holds them as const. */
static void free_owned(const struct routine *routine)
{
	union {
		const struct routine *shared;
		struct routine *owned;
	} r = {routine};
	routine_free(r.owned);
}

void catalog_entry_free(struct catalog_entry *entry)
{
	free(entry->path);
	free(entry->name);
	free_owned(entry->routine);
	memset(entry, 0, sizeof *entry);
}

void catalog_free(struct catalog *cat)
{
	for (size_t i = 0; i < cat->count; i++)
		catalog_entry_free(&cat->entries[i]);
	free(cat->entries);
	memset(cat, 0, sizeof *cat);
}
