/* report.h — a report on one person's log over a period, for their
 * physiotherapist: what report_read() gathers from the log and the
 * programs' files, and the PDF drawn from it (report_write()).
 *
 * The drawing lives in a module of its own (report.so, with cairo and
 * pango), loaded when a report is written, so that the forty libraries
 * pango brings never load on an ordinary start. report_read() owns
 * nothing outside the struct it fills; report_free() frees that.
 */
#ifndef TENDO_REPORT_H
#define TENDO_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "plan.h"
#include "store.h"

enum {
	REPORT_PROGRAMS_MAX = 6,
	REPORT_EXERCISES_MAX = 6,
	/* The longest period a report covers: ten years and a little. */
	REPORT_DAYS_MAX = 3700,
};

/* One day of the period. */
struct report_day {
	int during, after, morning, stiffness; /* the day's highest; -1 when none rated */
	int sessions;                          /* sessions completed, of any routine */
	bool red_flag;
	bool paused; /* a program was paused on this day, or before it and not yet going on */
};

/* A program followed in the period, week by week (index 0 is first_week). */
struct report_program {
	struct store_enrolment en;
	char title[128];
	char source[640];   /* the program file's source; "" when none or unread */
	bool readable;      /* its file could be read: its length and prescription are known */
	int weeks;          /* its length; 0 for no end */
	int per_week;       /* sessions prescribed a week; 0 when not known */
	int per_day;        /* sessions prescribed a day; 0 when not known */
	bool each_exercise; /* each exercise's load moves on its own (heavy slow resistance):
	                     * a decision has no one load */
	int first_week, last_week; /* the program weeks the period covers */
	int *done; /* sessions completed in each week, each day's up to its prescription */
	size_t exercise_count;
	char exercises[REPORT_EXERCISES_MAX][64];
	double *load; /* [exercise * week_count + week]: the week's highest kg; -1 none */
	struct store_decision *decisions;
	size_t decision_count;
	struct store_screening screening;
	bool screened;
	int done_total, prescribed_total; /* over the weeks the period holds whole */
};

struct report {
	char name[STORE_NAME_MAX + 1];
	enum leg leg;                /* the profile's, else that of its latest session with one */
	int64_t first_day, last_day; /* days since 1970-01-01, local; both included */
	int days;
	struct report_day *day; /* days of them */
	struct report_program programs[REPORT_PROGRAMS_MAX];
	size_t program_count;
	size_t programs_left_out; /* followed in the period, past REPORT_PROGRAMS_MAX */
	struct store_capacity *tests;
	int *lsi; /* each test's limb symmetry index (plan_symmetry), -1 when not known */
	size_t test_count;
	struct store_visa_a *visa;
	size_t visa_count;
	struct store_red_flag *flags;
	size_t flag_count;
	struct baseline baseline; /* of the latest program's mornings */
	int sessions;             /* sessions completed in the period */
	int ratings;              /* pain ratings in the period */
};

/* The number of weeks a program's arrays hold. */
static inline int report_week_count(const struct report_program *p)
{
	return p->last_week >= p->first_week ? p->last_week - p->first_week + 1 : 0;
}

/* The period a report covers when --from and --to are not given (0 for
 * either): to today; from the start of the earliest program followed now,
 * else twelve weeks before to. */
void report_period(struct store *store, int64_t profile, int64_t *first_day, int64_t *last_day);

/* Gathers the report on profile (called name) from first_day to last_day.
 * False with err when the log can't be read, the period is wrong, or it
 * holds nothing of the person (no sessions, ratings or tests): a report of
 * nothing helps no one. */
bool report_read(struct store *store, int64_t profile, const char *name, int64_t first_day,
                 int64_t last_day, struct report *out, struct tendo_error *err);
void report_free(struct report *r);

/* Writes r as a PDF to path: to a new file beside it first, renamed over
 * path when whole, so that a report never stands half-written. chart_map,
 * when not NULL, names a file that gets each chart's marks (a bar, a
 * point) with their place on the page in points, for the tests. False
 * with err when the drawing module can't be loaded or the file can't be
 * written. */
bool report_write(const struct report *r, const char *path, const char *chart_map,
                  struct tendo_error *err);

/* All of it: the report on profile (called name) from first_day to
 * last_day (0 for either: report_period's) read and written to path. */
bool report_make(struct store *store, int64_t profile, const char *name, int64_t first_day,
                 int64_t last_day, const char *path, const char *chart_map,
                 struct tendo_error *err);

/* Where the report on name goes when the person in front of the screen
 * asks for it: reports/NAME-YYYY-MM-DD.pdf (today's date) in the log's
 * folder, the folder made if need be; any character of name that a file's
 * name can't hold becomes "_". NULL with err when the folder can't be made. */
char *report_own_path(struct store *store, const char *name, char *buf, size_t size,
                      struct tendo_error *err);

/* What the module (report.so) gives: report_write()'s drawing. */
typedef bool (*report_draw_fn)(const struct report *r, const char *path, const char *chart_map,
                               struct tendo_error *err);
#define REPORT_DRAW_SYMBOL "tendo_report_draw"

#endif
