/* report_pdf.c — the report drawn as a PDF with cairo and pango: the
 * drawing module, report.so (see report.h). It draws what report_read()
 * gathered and reads nothing else: A4 pages, real fonts, vector charts.
 */
#include <cairo-pdf.h>
#include <math.h>
#include <stddef.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report.h"

bool tendo_report_draw(const struct report *r, const char *path, const char *chart_map,
                       struct tendo_error *err);

/* A4 in points, and the margin all round. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 46.0
#define BOTTOM (PAGE_H - MARGIN - 18.0)
#define WIDTH  (PAGE_W - 2 * MARGIN)

struct rgb {
	double r, g, b;
};

static const struct rgb ink = {0.13, 0.13, 0.13}, grey = {0.55, 0.55, 0.55},
                        faint = {0.88, 0.88, 0.88}, done_full = {0.20, 0.55, 0.35},
                        done_short = {0.90, 0.60, 0.15}, during_ink = {0.80, 0.15, 0.15},
                        after_ink = {0.90, 0.50, 0.10}, morning_ink = {0.15, 0.35, 0.75},
                        stiffness_ink = {0.45, 0.45, 0.45}, flag_ink = {0.85, 0.0, 0.0},
                        paused_ink = {0.93, 0.90, 0.80};

/* The series' colours, one per exercise. */
static const struct rgb series_ink[REPORT_EXERCISES_MAX] = {
    {0.15, 0.35, 0.75}, {0.80, 0.30, 0.10}, {0.20, 0.55, 0.35},
    {0.55, 0.25, 0.60}, {0.45, 0.45, 0.45}, {0.70, 0.55, 0.10},
};

/* Where the drawing stands. */
struct doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct report *r;
	FILE *map; /* the chart map, or NULL */
	double y;  /* the next line's top */
	int page;
};

/* A chart's frame on the page and the values its edges stand for. */
struct chart {
	double x, y, w, h;
	double x0, x1, y0, y1;
	const char *name; /* in the chart map */
};

static double cx(const struct chart *c, double v)
{
	return c->x1 > c->x0 ? c->x + (v - c->x0) / (c->x1 - c->x0) * c->w : c->x;
}

static double cy(const struct chart *c, double v)
{
	return c->y1 > c->y0 ? c->y + c->h - (v - c->y0) / (c->y1 - c->y0) * c->h : c->y + c->h;
}

static void colour(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* ---------------------------------------------------------------- text */

/* Draws text (Pango markup when markup) at x, y in a box width wide;
 * returns its height. */
static double text_at(struct doc *d, double x, double y, double width, const char *text,
                      double size, bool bold, bool markup, struct rgb c)
{
	PangoLayout *layout = pango_cairo_create_layout(d->cr);
	PangoFontDescription *font = pango_font_description_new();
	int w, h;

	pango_font_description_set_family(font, "DejaVu Sans,Sans");
	pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
	pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (markup)
		pango_layout_set_markup(layout, text, -1);
	else
		pango_layout_set_text(layout, text, -1);
	colour(d->cr, c);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, layout);
	pango_layout_get_size(layout, &w, &h);
	pango_font_description_free(font);
	g_object_unref(layout);
	return (double)h / PANGO_SCALE;
}

/* The height text would take, without drawing it. */
static double text_height(struct doc *d, double width, const char *text, double size, bool bold)
{
	double h;

	cairo_save(d->cr);
	cairo_push_group(d->cr);
	h = text_at(d, 0, 0, width, text, size, bold, false, ink);
	cairo_pattern_destroy(cairo_pop_group(d->cr));
	cairo_restore(d->cr);
	return h;
}

static void footer(struct doc *d)
{
	char line[200];

	snprintf(line, sizeof line,
	         "tendo report \u2014 %s \u2014 page %d. tendo is not a diagnosis.", d->r->name,
	         d->page);
	text_at(d, MARGIN, PAGE_H - MARGIN, WIDTH, line, 7.5, false, false, grey);
}

static void new_page(struct doc *d)
{
	footer(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = MARGIN;
}

/* Room for h more points on this page, or a new page. */
static void need(struct doc *d, double h)
{
	if (d->y + h > BOTTOM)
		new_page(d);
}

/* A paragraph across the page at the cursor, on a new page if it does
 * not fit. */
static void flow(struct doc *d, const char *text, double size, bool bold, struct rgb c)
{
	need(d, text_height(d, WIDTH, text, size, bold));
	d->y += text_at(d, MARGIN, d->y, WIDTH, text, size, bold, false, c) + size * 0.35;
}

static void heading(struct doc *d, const char *text)
{
	need(d, 160); /* a heading never ends a page: its chart follows */
	d->y += 6;
	d->y += text_at(d, MARGIN, d->y, WIDTH, text, 13, true, false, ink) + 4;
}

static const char *date_of(int64_t day, char *buf, size_t size)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%d %b %Y", &tm);
	return buf;
}

static const char *date_at(int64_t at, char *buf, size_t size)
{
	time_t t = (time_t)at;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%d %b %Y", &tm);
	return buf;
}

static int64_t day_of(int64_t at)
{
	time_t t = (time_t)at;
	struct tm tm;

	localtime_r(&t, &tm);
	return (int64_t)(timegm(&tm) / 86400);
}

/* ---------------------------------------------------------------- charts */

/* The frame, the grid at each y tick, and the y labels. */
static void frame(struct doc *d, const struct chart *c, double y_step, const char *unit)
{
	cairo_t *cr = d->cr;
	char label[32];

	cairo_set_line_width(cr, 0.5);
	for (double v = c->y0; v <= c->y1 + 1e-9; v += y_step) {
		colour(cr, faint);
		cairo_move_to(cr, c->x, cy(c, v));
		cairo_line_to(cr, c->x + c->w, cy(c, v));
		cairo_stroke(cr);
		snprintf(label, sizeof label, "%g%s", v, unit);
		text_at(d, c->x - 34, cy(c, v) - 5, 30, label, 7, false, false, grey);
	}
	colour(cr, grey);
	cairo_rectangle(cr, c->x, c->y, c->w, c->h);
	cairo_stroke(cr);
}

/* A y step that gives four to eight lines up to top. */
static double step_for(double top)
{
	static const double steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500};

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (top / steps[i] <= 8)
			return steps[i];
	return ceil(top / 8);
}

/* Labels under the x axis: every nth of count slots, centred on each. */
static void x_labels(struct doc *d, const struct chart *c, int count, int every,
                     const char *(*label)(const void *ctx, int i, char *buf, size_t size),
                     const void *ctx)
{
	char buf[32];

	for (int i = 0; i < count; i += every) {
		double x = cx(c, i + 0.5);
		text_at(d, x - 20, c->y + c->h + 3, 40, label(ctx, i, buf, sizeof buf), 7, false,
		        false, grey);
	}
}

/* How many slots apart the x labels stand: at most a dozen fit the page. */
static int label_every(int count)
{
	return count > 12 ? (count + 11) / 12 : 1;
}

/* Notes a mark in the chart map: what it stands for and where it is. */
static void mark(struct doc *d, const struct chart *c, int index, double value, double x, double y,
                 double w, double h)
{
	if (d->map)
		fprintf(d->map, "%d %s %d %g %.2f %.2f %.2f %.2f\n", d->page, c->name, index, value,
		        x, y, w, h);
}

/* A vertical red line where a red flag fell (day: its index in the
 * chart's x). */
static void flag_line(struct doc *d, const struct chart *c, double x)
{
	cairo_t *cr = d->cr;

	colour(cr, flag_ink);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, x, c->y);
	cairo_line_to(cr, x, c->y + c->h);
	cairo_stroke(cr);
}

/* Where paused days and red flags fall on a chart whose x counts days
 * from origin (a day of the period, 0 its first) in units of `per` days:
 * 1, a week, a slot. */
struct day_axis {
	double origin, per;
};

/* A program's weeks as such an axis. */
static struct day_axis weeks_axis(const struct report *r, const struct report_program *p)
{
	return (struct day_axis){(double)(p->en.start_day + 7 * (p->first_week - 1) - r->first_day),
	                         7};
}

/* Paused days shaded (behind the chart: shade) or red flags as red lines
 * (over it), where they fall. */
static void pauses_and_flags(struct doc *d, const struct chart *c, struct day_axis a, bool shade)
{
	const struct report *r = d->r;

	for (int i = 0; i < r->days; i++) {
		double from = (i - a.origin) / a.per, to = (i + 1 - a.origin) / a.per;
		if (from < c->x0 || to > c->x1)
			continue;
		if (shade && r->day[i].paused) {
			colour(d->cr, paused_ink);
			cairo_rectangle(d->cr, cx(c, from), c->y, cx(c, to) - cx(c, from), c->h);
			cairo_fill(d->cr);
		}
		if (!shade && r->day[i].red_flag)
			flag_line(d, c, cx(c, (from + to) / 2));
	}
}

/* ---------------------------------------------------------------- the pages */

static const char *leg_words(enum leg leg)
{
	return leg == LEG_LEFT ? "left" : leg == LEG_RIGHT ? "right" : "not said";
}

static void header(struct doc *d)
{
	const struct report *r = d->r;
	char first[32], last[32], line[900];

	d->y += text_at(d, MARGIN, d->y, WIDTH, "Achilles tendon loading: a report", 20, true,
	                false, ink) +
	        6;
	snprintf(line, sizeof line, "%s \u2014 %s to %s (%d day%s). Affected leg: %s.", r->name,
	         date_of(r->first_day, first, sizeof first),
	         date_of(r->last_day, last, sizeof last), r->days, r->days == 1 ? "" : "s",
	         leg_words(r->leg));
	flow(d, line, 11, false, ink);
	for (size_t i = 0; i < r->program_count; i++) {
		const struct report_program *p = &r->programs[i];
		const struct screening *a = &p->screening.answers;
		char start[32];
		int used = snprintf(line, sizeof line, "%s: from %s", p->title,
		                    date_of(p->en.start_day, start, sizeof start));
		if (p->weeks > 0)
			used += snprintf(line + used, sizeof line - (size_t)used, ", %d weeks",
			                 p->weeks);
		if (report_week_count(p) > 0)
			used += snprintf(line + used, sizeof line - (size_t)used,
			                 "; this report covers weeks %d to %d", p->first_week,
			                 p->last_week);
		used += snprintf(line + used, sizeof line - (size_t)used, "%s. Pain: %s.",
		                 p->en.active ? "" : " (no longer followed)",
		                 p->en.insertional ? "insertional (where the tendon meets the heel)"
		                                   : "mid-portion");
		if (p->screened)
			snprintf(line + used, sizeof line - (size_t)used,
			         " Screening: %s%s%s%s%s; verdict: %s.",
			         a->red_flag ? "signs of a rupture; " : "no signs of a rupture",
			         a->fluoroquinolone ? "; a fluoroquinolone antibiotic" : "",
			         a->steroid ? "; a steroid injection near the tendon" : "",
			         a->systemic ? "; both tendons and other joints" : "",
			         a->cleared ? "; cleared by a clinician" : "",
			         p->screening.verdict);
		flow(d, line, 9.5, false, ink);
	}
	if (r->programs_left_out)
		flow(d,
		     "Older programs of this period are left out: give a shorter period for them.",
		     9.5, false, grey);
}

/* ---- adherence */

static const char *week_label(const void *ctx, int i, char *buf, size_t size)
{
	const struct report_program *p = ctx;

	snprintf(buf, size, "W%d", p->first_week + i);
	return buf;
}

static void adherence(struct doc *d, const struct report_program *p, size_t index)
{
	cairo_t *cr = d->cr;
	int weeks = report_week_count(p), top = p->per_week;
	char line[300], name[32];
	struct chart c = {MARGIN + 36, 0, WIDTH - 40, 110, 0, weeks, 0, 0, name};

	snprintf(name, sizeof name, "adherence-%zu", index);
	if (p->prescribed_total > 0)
		snprintf(line, sizeof line,
		         "%s: %d sessions done of %d prescribed (%d%%) in the whole weeks covered; "
		         "%d a week prescribed.",
		         p->title, p->done_total, p->prescribed_total,
		         (p->done_total * 100 + p->prescribed_total / 2) / p->prescribed_total,
		         p->per_week);
	else
		snprintf(line, sizeof line, "%s: %d sessions done.", p->title, p->done_total);
	flow(d, line, 9.5, true, ink);
	if (weeks == 0)
		return;
	for (int w = 0; w < weeks; w++)
		if (p->done[w] > top)
			top = p->done[w];
	c.y1 = top > 0 ? top : 1;
	need(d, c.h + 20);
	c.y = d->y;
	pauses_and_flags(d, &c, weeks_axis(d->r, p), true);
	frame(d, &c, step_for(c.y1), "");
	for (int w = 0; w < weeks; w++) {
		double x = cx(&c, w + 0.15), bw = cx(&c, w + 0.85) - x;
		double y = cy(&c, p->done[w]);
		if (p->done[w] > 0) {
			colour(cr,
			       p->per_week && p->done[w] < p->per_week ? done_short : done_full);
			cairo_rectangle(cr, x, y, bw, c.y + c.h - y);
			cairo_fill(cr);
		}
		mark(d, &c, p->first_week + w, p->done[w], x, y, bw, c.y + c.h - y);
	}
	if (p->per_week > 0) {
		colour(cr, ink);
		cairo_set_line_width(cr, 0.8);
		cairo_set_dash(cr, (double[]){3, 2}, 2, 0);
		cairo_move_to(cr, c.x, cy(&c, p->per_week));
		cairo_line_to(cr, c.x + c.w, cy(&c, p->per_week));
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	pauses_and_flags(d, &c, weeks_axis(d->r, p), false);
	x_labels(d, &c, weeks, label_every(weeks), week_label, p);
	d->y += c.h + 16;
	flow(d,
	     "Bars: sessions done each week (green: all prescribed; amber: fewer). Dashed: "
	     "sessions prescribed.",
	     7.5, false, grey);
}

/* ---- load */

static void decision_mark(cairo_t *cr, const char *action, double x, double y)
{
	colour(cr, strcmp(action, "pause") == 0 ? flag_ink : ink);
	cairo_set_line_width(cr, 1);
	if (strcmp(action, "progress") == 0) { /* up */
		cairo_move_to(cr, x - 4, y + 3);
		cairo_line_to(cr, x + 4, y + 3);
		cairo_line_to(cr, x, y - 4);
	} else if (strcmp(action, "step back") == 0) { /* down */
		cairo_move_to(cr, x - 4, y - 3);
		cairo_line_to(cr, x + 4, y - 3);
		cairo_line_to(cr, x, y + 4);
	} else if (strcmp(action, "pause") == 0) { /* a cross */
		cairo_move_to(cr, x - 4, y - 4);
		cairo_line_to(cr, x + 4, y + 4);
		cairo_move_to(cr, x + 4, y - 4);
		cairo_line_to(cr, x - 4, y + 4);
		cairo_stroke(cr);
		return;
	} else
		cairo_rectangle(cr, x - 3, y - 3, 6, 6);
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void load_lines(struct doc *d, const struct report_program *p, const struct chart *c)
{
	cairo_t *cr = d->cr;
	int weeks = report_week_count(p);

	for (size_t e = 0; e < p->exercise_count; e++) {
		const double *kg = &p->load[e * (size_t)weeks];
		bool drawing = false;
		colour(cr, series_ink[e]);
		cairo_set_line_width(cr, 1.6);
		/* Exercises at the same load draw over each other: the later
		 * ones dashed, so that each shows. */
		cairo_set_dash(cr, (double[]){5, 3}, e > 0 ? 2 : 0, 0);
		for (int w = 0; w < weeks; w++) {
			if (kg[w] < 0)
				continue;
			if (drawing)
				cairo_line_to(cr, cx(c, w + 0.5), cy(c, kg[w]));
			else
				cairo_move_to(cr, cx(c, w + 0.5), cy(c, kg[w]));
			drawing = true;
		}
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		for (int w = 0; w < weeks; w++)
			if (kg[w] >= 0) {
				cairo_arc(cr, cx(c, w + 0.5), cy(c, kg[w]), 2.2, 0, 2 * M_PI);
				cairo_fill(cr);
				mark(d, c, (int)e * 1000 + p->first_week + w, kg[w], cx(c, w + 0.5),
				     cy(c, kg[w]), 0, 0);
			}
	}
}

/* Where a decision's mark stands on the load chart, in kg: at the load
 * from then on; where each exercise's load moves on its own, there is no
 * one load, so at the highest of week w. */
static double decision_kg(const struct report_program *p, const struct store_decision *dc, int w)
{
	int weeks = report_week_count(p);
	double kg = 0;

	if (!p->each_exercise)
		return dc->load_kg;
	for (size_t e = 0; e < p->exercise_count; e++)
		if (p->load[e * (size_t)weeks + (size_t)w] > kg)
			kg = p->load[e * (size_t)weeks + (size_t)w];
	return kg;
}

static void load(struct doc *d, const struct report_program *p, size_t index)
{
	int weeks = report_week_count(p);
	double top = 1;
	char name[32], line[700];
	struct chart c = {MARGIN + 36, 0, WIDTH - 40, 120, 0, weeks, 0, 0, name};
	/* The decisions' marks, named apart in the chart map. */
	char marks_name[32];
	struct chart marks = {.name = marks_name};

	snprintf(name, sizeof name, "load-%zu", index);
	snprintf(marks_name, sizeof marks_name, "decisions-%zu", index);
	snprintf(line, sizeof line, "%s: the load week by week", p->title);
	flow(d, line, 9.5, true, ink);
	for (int i = 0; i < weeks * (int)p->exercise_count; i++)
		if (p->load[i] > top)
			top = p->load[i];
	for (size_t i = 0; i < p->decision_count && !p->each_exercise; i++)
		if (p->decisions[i].load_kg > top)
			top = p->decisions[i].load_kg;
	if (p->exercise_count == 0)
		flow(d, "No load was recorded: every set was at bodyweight, or logged without one.",
		     9, false, ink);
	if (weeks > 0 && (p->exercise_count > 0 || p->decision_count > 0)) {
		c.y1 = ceil(top / step_for(top)) * step_for(top);
		need(d, c.h + 40);
		c.y = d->y;
		pauses_and_flags(d, &c, weeks_axis(d->r, p), true);
		frame(d, &c, step_for(c.y1), " kg");
		load_lines(d, p, &c);
		for (size_t i = 0; i < p->decision_count; i++) {
			const struct store_decision *dc = &p->decisions[i];
			int w = dc->week - p->first_week;
			double kg;
			if (w < 0 || w >= weeks)
				continue;
			kg = decision_kg(p, dc, w);
			decision_mark(d->cr, dc->action, cx(&c, w + 0.5), cy(&c, kg));
			mark(d, &marks, (int)i, kg, cx(&c, w + 0.5), cy(&c, kg), 0, 0);
		}
		pauses_and_flags(d, &c, weeks_axis(d->r, p), false);
		x_labels(d, &c, weeks, label_every(weeks), week_label, p);
		d->y += c.h + 16;
		for (size_t e = 0; e < p->exercise_count; e++) {
			snprintf(line, sizeof line, "\u25cf %s", p->exercises[e]);
			need(d, 12);
			d->y +=
			    text_at(d, MARGIN, d->y, WIDTH, line, 8, false, false, series_ink[e]);
		}
		flow(d,
		     "Lines: each exercise's highest load of the week. Marks: the decisions "
		     "(\u25b2 up a step, \u25a0 hold, \u25bc step back, \u2716 paused).",
		     7.5, false, grey);
	}
	for (size_t i = 0; i < p->decision_count; i++) {
		const struct store_decision *dc = &p->decisions[i];
		char when[32];
		if (p->each_exercise) /* the reason says each exercise's load */
			snprintf(line, sizeof line, "%s, week %d \u2014 %s: %s",
			         date_at(dc->at, when, sizeof when), dc->week, dc->action,
			         dc->reason);
		else
			snprintf(line, sizeof line, "%s, week %d \u2014 %s, %g kg: %s",
			         date_at(dc->at, when, sizeof when), dc->week, dc->action,
			         dc->load_kg, dc->reason);
		flow(d, line, 8, false, ink);
	}
}

/* ---- pain */

/* The pain chart's x: the period in slots of `days` days each (a day, a
 * week or four), so that a long period still shows its lines apart. */
struct slots {
	const struct report *r;
	int days, count;
};

static struct slots slots_for(const struct report *r)
{
	int days = r->days <= 182 ? 1 : r->days <= 3 * 365 ? 7 : 28;

	return (struct slots){r, days, (r->days + days - 1) / days};
}

static const char *slot_label(const void *ctx, int i, char *buf, size_t size)
{
	const struct slots *s = ctx;
	time_t t = (time_t)((s->r->first_day + (int64_t)i * s->days) * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, s->r->days > 400 ? "%b %Y" : "%d %b", &tm);
	return buf;
}

/* One kind of rating as a line through the slots rated: each slot's
 * highest. */
static void pain_line(struct doc *d, const struct chart *c, const struct slots *s, size_t field,
                      struct rgb ink_of, bool dashed)
{
	const struct report *r = d->r;
	cairo_t *cr = d->cr;
	bool drawing = false;

	colour(cr, ink_of);
	cairo_set_line_width(cr, 1.3);
	cairo_set_dash(cr, (double[]){2.5, 1.5}, dashed ? 2 : 0, 0);
	for (int i = 0; i < s->count; i++) {
		int v = -1;
		for (int day = i * s->days; day < (i + 1) * s->days && day < r->days; day++) {
			int rated = *(const int *)((const char *)&r->day[day] + field);
			if (rated > v)
				v = rated;
		}
		if (v < 0)
			continue;
		if (drawing)
			cairo_line_to(cr, cx(c, i + 0.5), cy(c, v));
		else
			cairo_move_to(cr, cx(c, i + 0.5), cy(c, v));
		drawing = true;
		mark(d, c, i, v, cx(c, i + 0.5), cy(c, v), 0, 0);
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void hline(cairo_t *cr, const struct chart *c, double v, struct rgb ink_of, double dash)
{
	colour(cr, ink_of);
	cairo_set_line_width(cr, 1);
	cairo_set_dash(cr, (double[]){dash, dash}, 2, 0);
	cairo_move_to(cr, c->x, cy(c, v));
	cairo_line_to(cr, c->x + c->w, cy(c, v));
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void pain(struct doc *d)
{
	const struct report *r = d->r;
	const struct slots s = slots_for(r);
	static const struct {
		const char *name;
		size_t field;
		const struct rgb *ink;
		bool dashed;
	} kinds[] = {
	    {"pain-during", offsetof(struct report_day, during), &during_ink, false},
	    {"pain-after", offsetof(struct report_day, after), &after_ink, false},
	    {"pain-morning", offsetof(struct report_day, morning), &morning_ink, false},
	    {"stiffness", offsetof(struct report_day, stiffness), &stiffness_ink, true},
	};
	struct chart c = {MARGIN + 36, 0, WIDTH - 40, 150, 0, s.count, 0, 10, NULL};
	char line[400];

	heading(d, s.days == 1   ? "Pain, day by day"
	           : s.days == 7 ? "Pain, week by week"
	                         : "Pain, four weeks at a time");
	if (r->ratings == 0) {
		flow(d, "No pain was rated in this period.", 9, false, ink);
		return;
	}
	need(d, c.h + 30);
	c.y = d->y;
	pauses_and_flags(d, &c, (struct day_axis){0, s.days}, true);
	frame(d, &c, 1, "");
	hline(d->cr, &c, 5, flag_ink, 4);
	if (r->baseline.pain >= 0)
		hline(d->cr, &c, r->baseline.pain, morning_ink, 1.5);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		c.name = kinds[k].name;
		pain_line(d, &c, &s, kinds[k].field, *kinds[k].ink, kinds[k].dashed);
	}
	pauses_and_flags(d, &c, (struct day_axis){0, s.days}, false);
	x_labels(d, &c, s.count, label_every(s.count), slot_label, &s);
	d->y += c.h + 16;
	d->y += text_at(d, MARGIN, d->y, WIDTH,
	                "<span foreground='#cc2626'>\u2501 during</span>   "
	                "<span foreground='#e6801a'>\u2501 after</span>   "
	                "<span foreground='#2659bf'>\u2501 next morning</span>   "
	                "<span foreground='#737373'>\u2505 morning stiffness</span>   "
	                "<span foreground='#d90000'>\u2506 5/10: the limit</span>",
	                8, false, true, ink) +
	        3;
	snprintf(
	    line, sizeof line,
	    "%sPain up to 5 of 10 during and after is acceptable if it has settled by the next "
	    "morning and does not rise week to week (Silbernagel et al. 2007).%s Red lines: red "
	    "flags. Shaded: the program was paused.",
	    s.days == 1   ? ""
	    : s.days == 7 ? "Each week's highest. "
	                  : "Each four weeks' highest. ",
	    r->baseline.pain >= 0 ? " Dotted blue: the baseline, the highest morning pain of the "
	                            "program's first week."
	                          : "");
	flow(d, line, 7.5, false, grey);
}

/* ---- capacity and VISA-A */

/* x of a time on a chart over the period's days. */
static double day_x(const struct report *r, const struct chart *c, int64_t at)
{
	return cx(c, (double)(day_of(at) - r->first_day) + 0.5);
}

static void capacity(struct doc *d)
{
	const struct report *r = d->r;
	cairo_t *cr = d->cr;
	double top = 5;
	struct chart c = {MARGIN + 36, 0, WIDTH - 40, 110, 0, r->days, 0, 0, "capacity"};
	char line[200], when[32];

	heading(d, "Capacity: the heel-raise test");
	if (r->test_count == 0) {
		flow(d, "No heel-raise test in this period.", 9, false, ink);
		return;
	}
	for (size_t i = 0; i < r->test_count; i++) {
		if (r->tests[i].left > top)
			top = r->tests[i].left;
		if (r->tests[i].right > top)
			top = r->tests[i].right;
	}
	c.y1 = ceil(top / step_for(top)) * step_for(top);
	need(d, c.h + 20);
	c.y = d->y;
	pauses_and_flags(d, &c, (struct day_axis){0, 1}, true);
	frame(d, &c, step_for(c.y1), "");
	for (int leg = 0; leg < 2; leg++) {
		struct rgb of = leg == 0 ? morning_ink : after_ink;
		colour(cr, of);
		cairo_set_line_width(cr, 1.4);
		for (size_t i = 0; i < r->test_count; i++) {
			int reps = leg == 0 ? r->tests[i].left : r->tests[i].right;
			double x = day_x(r, &c, r->tests[i].at);
			if (i == 0)
				cairo_move_to(cr, x, cy(&c, reps));
			else
				cairo_line_to(cr, x, cy(&c, reps));
		}
		cairo_stroke(cr);
		for (size_t i = 0; i < r->test_count; i++) {
			int reps = leg == 0 ? r->tests[i].left : r->tests[i].right;
			cairo_arc(cr, day_x(r, &c, r->tests[i].at), cy(&c, reps), 2.5, 0, 2 * M_PI);
			cairo_fill(cr);
		}
	}
	pauses_and_flags(d, &c, (struct day_axis){0, 1}, false);
	d->y += c.h + 6;
	d->y += text_at(d, MARGIN, d->y, WIDTH,
	                "<span foreground='#2659bf'>● left leg</span>   "
	                "<span foreground='#e6801a'>● right leg</span>: reps to fatigue "
	                "(Silbernagel et al. 2006). LSI: the limb symmetry index, the affected "
	                "leg's reps as a share of the other's.",
	                7.5, false, true, grey) +
	        3;
	for (size_t i = 0; i < r->test_count; i++) {
		const struct store_capacity *t = &r->tests[i];
		int used = snprintf(line, sizeof line, "%s: left %d, right %d",
		                    date_at(t->at, when, sizeof when), t->left, t->right);
		if (r->lsi[i] >= 0)
			snprintf(line + used, sizeof line - (size_t)used, ", LSI %d%%", r->lsi[i]);
		flow(d, line, 8.5, false, ink);
	}
}

static void visa_a(struct doc *d)
{
	const struct report *r = d->r;
	char line[200], when[32];

	heading(d, "VISA-A");
	if (r->visa_count == 0) {
		flow(d, "No VISA-A score recorded in this period.", 9, false, ink);
		return;
	}
	for (size_t i = 0; i < r->visa_count; i++) {
		snprintf(line, sizeof line, "%s: %d of 100",
		         date_at(r->visa[i].at, when, sizeof when), r->visa[i].score);
		flow(d, line, 8.5, false, ink);
	}
	flow(d,
	     "The Victorian Institute of Sport Assessment \u2013 Achilles, as the clinician gave "
	     "it: 100 is a tendon without symptoms.",
	     7.5, false, grey);
}

static void red_flags(struct doc *d)
{
	const struct report *r = d->r;
	char line[300], when[32];
	int paused_days = 0;

	heading(d, "Red flags and pauses");
	for (size_t i = 0; i < r->flag_count; i++) {
		snprintf(line, sizeof line, "%s: red flag%s%s",
		         date_at(r->flags[i].at, when, sizeof when),
		         r->flags[i].note[0] ? ": " : "", r->flags[i].note);
		flow(d, line, 9, true, flag_ink);
	}
	for (int i = 0; i < r->days; i++)
		paused_days += r->day[i].paused;
	if (r->flag_count == 0)
		flow(d, "No red flag in this period.", 9, false, ink);
	snprintf(line, sizeof line,
	         paused_days ? "The program was paused on %d days of this period." : "No pause.",
	         paused_days);
	flow(d, line, 9, false, ink);
}

static void closing(struct doc *d)
{
	const struct report *r = d->r;

	heading(d, "Sources");
	for (size_t i = 0; i < r->program_count; i++)
		if (r->programs[i].source[0]) {
			char line[800];
			snprintf(line, sizeof line, "%s: %s", r->programs[i].title,
			         r->programs[i].source);
			flow(d, line, 8, false, ink);
		}
	flow(d,
	     "tendo is not a diagnosis. A sudden pop in the heel with pain and trouble pushing "
	     "off needs a same-day medical assessment.",
	     9, true, ink);
}

/* ---------------------------------------------------------------- the file */

static void draw(struct doc *d)
{
	const struct report *r = d->r;

	header(d);
	heading(d, "Adherence");
	if (r->program_count == 0)
		flow(d, "No program was followed in this period.", 9, false, ink);
	for (size_t i = 0; i < r->program_count; i++)
		adherence(d, &r->programs[i], i);
	heading(d, "Load");
	for (size_t i = 0; i < r->program_count; i++)
		load(d, &r->programs[i], i);
	pain(d);
	capacity(d);
	visa_a(d);
	red_flags(d);
	closing(d);
	footer(d);
}

bool tendo_report_draw(const struct report *r, const char *path, const char *chart_map,
                       struct tendo_error *err)
{
	struct doc d = {.r = r, .y = MARGIN, .page = 1};
	cairo_status_t status;

	if (chart_map && !(d.map = fopen(chart_map, "w"))) {
		error_set(err, chart_map, 0, 0, "can't write the chart map");
		return false;
	}
	d.surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_TITLE, "tendo report");
	cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_CREATOR, "tendo");
	d.cr = cairo_create(d.surface);
	draw(&d);
	cairo_destroy(d.cr);
	cairo_surface_finish(d.surface);
	status = cairo_surface_status(d.surface);
	cairo_surface_destroy(d.surface);
	if (d.map)
		fclose(d.map);
	if (status != CAIRO_STATUS_SUCCESS) {
		error_set(err, path, 0, 0, "can't write the report: %s",
		          cairo_status_to_string(status));
		return false;
	}
	return true;
}
