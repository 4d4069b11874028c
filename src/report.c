/* report.c — what a report holds, read from the log; its PDF through the
 * drawing module (see report.h). */
#include "report.h"

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "paths.h"

void report_period(struct store *store, int64_t profile, int64_t *first_day, int64_t *last_day)
{
	struct store_enrolment followed[REPORT_PROGRAMS_MAX];
	size_t n = store_enrolments(store, profile, NULL, followed, REPORT_PROGRAMS_MAX);

	if (*last_day == 0)
		*last_day = store_today(store);
	if (*first_day != 0)
		return;
	*first_day = *last_day - 83;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || followed[i].start_day < *first_day)
			*first_day = followed[i].start_day;
	if (*first_day > *last_day)
		*first_day = *last_day;
}

/* The day's index in r->day, or -1 outside the period. */
static int day_index(const struct report *r, int64_t at)
{
	int64_t day = store_local_day(at);

	return day >= r->first_day && day <= r->last_day ? (int)(day - r->first_day) : -1;
}

static void keep_max(int *kept, int value)
{
	if (value > *kept)
		*kept = value;
}

/* Each day's pain ratings: its highest of each kind. */
static void read_ratings(struct store *store, int64_t profile, int64_t from, int64_t to,
                         struct report *r)
{
	struct store_rating *ratings;
	size_t n = store_ratings_between(store, profile, from, to, &ratings);

	for (size_t i = 0; i < n; i++) {
		struct report_day *d;
		int at = day_index(r, ratings[i].at);
		if (at < 0)
			continue;
		d = &r->day[at];
		if (strcmp(ratings[i].kind, "during") == 0)
			keep_max(&d->during, ratings[i].score);
		else if (strcmp(ratings[i].kind, "after") == 0)
			keep_max(&d->after, ratings[i].score);
		else {
			keep_max(&d->morning, ratings[i].score);
			keep_max(&d->stiffness, ratings[i].stiffness);
		}
	}
	r->ratings = (int)n;
	free(ratings);
}

/* Whether the program's days were paused, from its decisions up to the
 * period's end (the pauses before it too): from each pause to the next
 * going on. */
static void mark_paused(struct report *r, const struct store_decision *d, size_t n)
{
	int from = -1; /* the day paused from; -1 while not paused */

	for (size_t i = 0; i < n; i++) {
		/* Before the period: its first day. */
		int at = store_local_day(d[i].at) < r->first_day ? 0 : day_index(r, d[i].at);
		if (strcmp(d[i].action, "pause") == 0 && from < 0)
			from = at;
		else if (strcmp(d[i].action, "resume") == 0 && from >= 0) {
			for (int day = from; day < at; day++)
				r->day[day].paused = true;
			from = -1;
		}
	}
	for (int day = from; day >= 0 && day < r->days; day++)
		r->day[day].paused = true;
}

/* The program's decisions: every one up to the period's end marks the
 * paused days; those in the period are kept. */
static void read_decisions(struct store *store, struct report *r, struct report_program *p,
                           int64_t from, int64_t to)
{
	size_t n = store_decisions(store, p->en.id, 0, to, &p->decisions), first = 0;

	mark_paused(r, p->decisions, n);
	while (first < n && p->decisions[first].at < from)
		first++;
	if (first > 0)
		memmove(p->decisions, p->decisions + first, (n - first) * sizeof *p->decisions);
	p->decision_count = n - first;
}

/* The program's file: its title, length, prescription and source. */
static void read_program_file(struct report_program *p)
{
	struct catalog_entry entry;
	const struct routine *routine;

	snprintf(p->title, sizeof p->title, "%s", p->en.program);
	if (!p->en.path[0] || !catalog_load_file(p->en.path, ORIGIN_SHIPPED, &entry))
		return;
	routine = entry.routine;
	if (routine && routine->program) {
		p->readable = true;
		snprintf(p->title, sizeof p->title, "%s", routine->title);
		snprintf(p->source, sizeof p->source, "%s", routine->source ? routine->source : "");
		p->weeks = routine->program->weeks;
		p->per_day = routine->program->sessions_per_day;
		p->per_week = routine->program->days_per_week * p->per_day;
		p->each_exercise = routine->program->load_rule == LOAD_RULE_RM;
	}
	catalog_entry_free(&entry);
}

/* True when the period holds the whole of the program's week: the totals
 * count those, as a week cut short has not had all its sessions yet. */
static bool whole_week(const struct report *r, const struct report_program *p, int week)
{
	return p->en.start_day + 7 * (week - 1) >= r->first_day &&
	       p->en.start_day + 7 * week - 1 <= r->last_day;
}

/* The sessions completed in each of the program's weeks, each day's
 * counted up to its prescription (as plan_adherence counts them). */
static void count_sessions(const struct report *r, struct report_program *p,
                           const struct store_session_row *sessions, size_t n, int per_day)
{
	int *by_day = calloc((size_t)r->days, sizeof *by_day);

	if (!by_day)
		return;
	for (size_t i = 0; i < n; i++) {
		int at = day_index(r, sessions[i].started);
		if (at >= 0 && sessions[i].completed && strcmp(sessions[i].path, p->en.path) == 0)
			by_day[at]++;
	}
	for (int day = 0; day < r->days; day++) {
		int week = plan_week(p->en.start_day, r->first_day + day);
		int done = per_day > 0 && by_day[day] > per_day ? per_day : by_day[day];
		if (week < p->first_week || week > p->last_week)
			continue;
		p->done[week - p->first_week] += done;
		if (whole_week(r, p, week))
			p->done_total += done;
	}
	free(by_day);
}

/* The exercise's index among the program's loads, added when new; -1 when
 * there are too many to draw. */
static int exercise_index(struct report_program *p, const char *name)
{
	for (size_t i = 0; i < p->exercise_count; i++)
		if (strcmp(p->exercises[i], name) == 0)
			return (int)i;
	if (p->exercise_count == REPORT_EXERCISES_MAX)
		return -1;
	snprintf(p->exercises[p->exercise_count], sizeof p->exercises[0], "%s", name);
	return (int)p->exercise_count++;
}

/* Each exercise's highest load of each week. */
static void read_loads(const struct report *r, struct report_program *p,
                       const struct store_load_row *loads, size_t n)
{
	int weeks = report_week_count(p);

	for (size_t i = 0; i < n; i++) {
		int week = plan_week(p->en.start_day, store_local_day(loads[i].at)) - p->first_week;
		int ex;
		double *kept;
		if (day_index(r, loads[i].at) < 0 || week < 0 || week >= weeks ||
		    strcmp(loads[i].path, p->en.path) != 0 ||
		    (ex = exercise_index(p, loads[i].exercise)) < 0)
			continue;
		kept = &p->load[ex * weeks + week];
		if (loads[i].load_kg > *kept)
			*kept = loads[i].load_kg;
	}
}

static bool read_program(struct store *store, int64_t profile, struct report *r,
                         struct report_program *p, const struct store_session_row *sessions,
                         size_t session_count, const struct store_load_row *loads,
                         size_t load_count, int64_t from, int64_t to)
{
	int weeks;

	read_program_file(p);
	p->first_week = plan_week(p->en.start_day, r->first_day);
	if (p->first_week < 1)
		p->first_week = 1;
	p->last_week = plan_week(p->en.start_day, r->last_day);
	if (p->weeks > 0 && p->last_week > p->weeks)
		p->last_week = p->weeks;
	weeks = report_week_count(p);
	p->done = calloc((size_t)weeks + 1, sizeof *p->done);
	p->load = malloc(((size_t)weeks * REPORT_EXERCISES_MAX + 1) * sizeof *p->load);
	if (!p->done || !p->load)
		return false;
	for (int i = 0; i < weeks * REPORT_EXERCISES_MAX; i++)
		p->load[i] = -1;
	count_sessions(r, p, sessions, session_count, p->per_day);
	/* Prescribed: every week of the program the period covers whole. */
	for (int w = p->first_week; w <= p->last_week; w++)
		if (whole_week(r, p, w))
			p->prescribed_total += p->per_week;
	read_loads(r, p, loads, load_count);
	read_decisions(store, r, p, from, to);
	p->screened = store_screening_of(store, profile, p->en.program, &p->screening);
	return true;
}

/* The programs of the period, with their weeks, loads and decisions. */
static bool read_programs(struct store *store, int64_t profile, int64_t from, int64_t to,
                          struct report *r)
{
	struct store_enrolment *followed;
	struct store_session_row *sessions;
	struct store_load_row *loads;
	size_t n = store_enrolments_between(store, profile, from, to, &followed);
	size_t session_count = store_sessions_between(store, profile, from, to, &sessions);
	size_t load_count = store_loads_between(store, profile, from, to, &loads);
	enum leg latest_leg = LEG_NONE;
	bool ok = true;

	for (size_t i = 0; i < session_count; i++) {
		int at = day_index(r, sessions[i].started);
		if (at >= 0 && sessions[i].completed) {
			r->day[at].sessions++;
			r->sessions++;
		}
		if (sessions[i].leg != LEG_NONE)
			latest_leg = sessions[i].leg;
	}
	/* A profile that never said its leg: the one its sessions were for. */
	if (r->leg == LEG_NONE)
		r->leg = latest_leg;
	/* The latest programs, when there are more than fit. */
	for (size_t i = n > REPORT_PROGRAMS_MAX ? n - REPORT_PROGRAMS_MAX : 0; ok && i < n; i++) {
		struct report_program *p = &r->programs[r->program_count++];
		p->en = followed[i];
		ok = read_program(store, profile, r, p, sessions, session_count, loads, load_count,
		                  from, to);
	}
	r->programs_left_out = n > REPORT_PROGRAMS_MAX ? n - REPORT_PROGRAMS_MAX : 0;
	free(followed);
	free(sessions);
	free(loads);
	return ok;
}

bool report_read(struct store *store, int64_t profile, const char *name, int64_t first_day,
                 int64_t last_day, struct report *r, struct tendo_error *err)
{
	int64_t from = store_day_start(first_day), to = store_day_start(last_day + 1);
	char first[16], last[16];

	memset(r, 0, sizeof *r);
	store_day_text(first_day, first, sizeof first);
	store_day_text(last_day, last, sizeof last);
	if (last_day < first_day) {
		error_set(err, "", 0, 0, "the report's period ends (%s) before it starts (%s)",
		          last, first);
		return false;
	}
	if (last_day - first_day + 1 > REPORT_DAYS_MAX) {
		error_set(err, "", 0, 0,
		          "a report covers at most %d days (ten years); %s to %s is longer",
		          REPORT_DAYS_MAX, first, last);
		return false;
	}
	snprintf(r->name, sizeof r->name, "%s", name);
	r->leg = store_profile_leg(store, profile);
	r->first_day = first_day;
	r->last_day = last_day;
	r->days = (int)(last_day - first_day + 1);
	if (!(r->day = malloc((size_t)r->days * sizeof *r->day))) {
		error_set(err, "", 0, 0, "out of memory for the report");
		return false;
	}
	for (int i = 0; i < r->days; i++)
		r->day[i] = (struct report_day){-1, -1, -1, -1, 0, false, false};
	read_ratings(store, profile, from, to, r);
	if (!read_programs(store, profile, from, to, r)) {
		report_free(r);
		error_set(err, "", 0, 0, "out of memory for the report");
		return false;
	}
	r->flag_count = store_red_flags_between(store, profile, from, to, &r->flags);
	for (size_t i = 0; i < r->flag_count; i++)
		if (day_index(r, r->flags[i].at) >= 0)
			r->day[day_index(r, r->flags[i].at)].red_flag = true;
	r->test_count = store_capacity_between(store, profile, from, to, &r->tests);
	r->lsi = calloc(r->test_count + 1, sizeof *r->lsi);
	for (size_t i = 0; r->lsi && i < r->test_count; i++) {
		const struct store_capacity *t = &r->tests[i];
		r->lsi[i] = t->affected == LEG_LEFT    ? plan_symmetry(t->left, t->right)
		            : t->affected == LEG_RIGHT ? plan_symmetry(t->right, t->left)
		                                       : -1;
	}
	r->visa_count = store_visa_a_list(store, profile, from, to, &r->visa);
	r->baseline = (struct baseline){-1, -1};
	if (r->program_count > 0)
		store_baseline(store, profile, r->programs[r->program_count - 1].en.baseline_day,
		               &r->baseline);
	if (r->sessions == 0 && r->ratings == 0 && r->test_count == 0 && r->visa_count == 0 &&
	    r->flag_count == 0) {
		report_free(r);
		error_set(err, "", 0, 0,
		          "%s has nothing logged from %s to %s (no sessions, ratings or tests): "
		          "no report written",
		          name, first, last);
		return false;
	}
	return true;
}

void report_free(struct report *r)
{
	for (size_t i = 0; i < r->program_count; i++) {
		free(r->programs[i].done);
		free(r->programs[i].load);
		free(r->programs[i].decisions);
	}
	free(r->day);
	free(r->tests);
	free(r->lsi);
	free(r->visa);
	free(r->flags);
	memset(r, 0, sizeof *r);
}

/* The drawing, from the module; NULL with err when it can't be loaded.
 * The module stays loaded: a kiosk may write the next member's report. */
static report_draw_fn load_module(struct tendo_error *err)
{
	static report_draw_fn draw;
	char path[PATH_MAX];
	void *module;

	if (draw)
		return draw;
	if (!paths_report_module(path, sizeof path)) {
		error_set(err, "", 0, 0, "can't tell where the report's drawing module is");
		return NULL;
	}
	if (!(module = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
		error_set(
		    err, path, 0, 0,
		    "the report's drawing can't be loaded (%.200s); is tendo installed whole?",
		    dlerror());
		return NULL;
	}
	*(void **)&draw = dlsym(module, REPORT_DRAW_SYMBOL);
	if (!draw)
		error_set(err, path, 0, 0, "not tendo's report module: it has no %s",
		          REPORT_DRAW_SYMBOL);
	return draw;
}

/* Makes what was written at tmp durable and puts it at path. */
static bool settle(const char *tmp, const char *path, struct tendo_error *err)
{
	int fd = open(tmp, O_RDONLY);
	bool synced = fd >= 0 && fsync(fd) == 0;

	if (fd >= 0)
		close(fd);
	if (synced && rename(tmp, path) == 0)
		return true;
	error_set(err, path, 0, 0, "can't write the report: %s", strerror(errno));
	return false;
}

bool report_write(const struct report *r, const char *path, const char *chart_map,
                  struct tendo_error *err)
{
	report_draw_fn draw = load_module(err);
	char tmp[PATH_MAX];
	mode_t mask;
	int fd;

	if (!draw)
		return false;
	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp ||
	    (fd = mkstemp(tmp)) < 0) {
		error_set(err, path, 0, 0, "can't write the report: %s", strerror(errno));
		return false;
	}
	/* As any file the person makes (mkstemp's is theirs alone). */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	if (draw(r, tmp, chart_map, err) && settle(tmp, path, err))
		return true;
	unlink(tmp);
	return false;
}

bool report_make(struct store *store, int64_t profile, const char *name, int64_t first_day,
                 int64_t last_day, const char *path, const char *chart_map, struct tendo_error *err)
{
	struct report r;
	bool ok;

	report_period(store, profile, &first_day, &last_day);
	if (!report_read(store, profile, name, first_day, last_day, &r, err))
		return false;
	ok = report_write(&r, path, chart_map, err);
	report_free(&r);
	return ok;
}

char *report_own_path(struct store *store, const char *name, char *buf, size_t size,
                      struct tendo_error *err)
{
	char dir[PATH_MAX], file[STORE_NAME_MAX + 1], today[16];
	const char *slash = strrchr(store_path(store), '/');
	int n;

	snprintf(dir, sizeof dir, "%.*s/reports", slash ? (int)(slash - store_path(store)) : 1,
	         slash ? store_path(store) : ".");
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		error_set(err, dir, 0, 0, "can't make the folder for reports: %s", strerror(errno));
		return NULL;
	}
	/* Letters, digits and any character beyond ASCII stay; a leading dot
	 * and everything else (a slash, a space) become "_". */
	snprintf(file, sizeof file, "%s", name);
	for (char *c = file; *c; c++)
		if (!((unsigned char)*c >= 0x80 || isalnum((unsigned char)*c) ||
		      ((*c == '.' || *c == '-') && c != file)))
			*c = '_';
	store_day_text(store_today(store), today, sizeof today);
	n = snprintf(buf, size, "%s/%s-%s.pdf", dir, file, today);
	if (n < 0 || (size_t)n >= size) {
		error_set(err, dir, 0, 0, "the report's path is too long");
		return NULL;
	}
	return buf;
}
