/* screen_history.c — the history: the last four weeks, the weekly volume,
 * and the pain; or the program followed at a glance (see screens.h). */
#include <stdio.h>
#include <string.h>

#include "screens.h"

struct history_screen {
	struct screen_state state;
	const struct store_history *h;
	const struct program_glance *glance; /* NULL: no program followed */
	bool program;                        /* showing the glance */
	const char *profile;
};

/* Eighths of a cell, from empty to full. */
static const char *const eighths[] = {" ",      "\u2581", "\u2582", "\u2583", "\u2584",
                                      "\u2585", "\u2586", "\u2587", "\u2588"};

/* A day in the calendar: done, partial, nothing. */
static const char *day_mark(const struct ui *ui, int state)
{
	if (ui->utf8)
		return state == 2 ? "\u25cf" : state == 1 ? "\u25d0" : "\u00b7";
	return state == 2 ? "#" : state == 1 ? "+" : ".";
}

/* A terminal smaller than 80x24 (down to 40x12, a phone's): the same
 * figures, closer together, without the blank lines, legends and titles
 * that only help where there is room. */
static bool compact(void)
{
	return LINES < 24 || COLS < 60;
}

/* Where the day-by-day rows' figures start. */
static int day_column(void)
{
	return compact() ? 10 : 16;
}

static int draw_calendar(const struct history_screen *hs, struct ui *ui, int y)
{
	static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	const struct store_history *h = hs->h;
	/* Rows are weeks from Monday; 1970-01-01 was a Thursday (index 3). */
	int first_weekday = (int)((h->first_day + 3) % 7);
	int left = compact() ? 9 : 12, step = compact() ? 4 : 5;

	for (int d = 0; d < 7; d++)
		ui_text(ui, y, left + d * step, step - 1, ROLE_DIM, names[d]);
	y++;
	for (int row = 0; row < 5; row++) {
		bool any = false;
		for (int d = 0; d < 7; d++) {
			int i = row * 7 + d - first_weekday;
			if (i < 0 || i >= HISTORY_DAYS)
				continue;
			any = true;
			ui_text(ui, y, left + 1 + d * step, 2, h->days[i] ? ROLE_DIGITS : ROLE_DIM,
			        day_mark(ui, h->days[i]));
		}
		if (any)
			y++;
	}
	if (!compact())
		ui_text(ui, y++, 1, COLS - 2, ROLE_DIM,
		        ui->utf8 ? "\u25cf done   \u25d0 partial   \u00b7 none"
		                 : "# done   + partial   . none");
	return y;
}

/* A row of pain ratings, one character a day: a bar from 0 to 10. */
static void pain_row(struct ui *ui, int y, const char *label, const int *pain)
{
	static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
	                                     "\u2585", "\u2586", "\u2587", "\u2588"};
	int x = day_column();

	ui_text(ui, y, 1, x - 1, ROLE_TEXT, label);
	for (int i = 0; i < HISTORY_DAYS && x < COLS - 1; i++, x++) {
		char ascii[2] = {'.', 0};
		if (pain[i] < 0) {
			ui_text(ui, y, x, 1, ROLE_DIM, ui->utf8 ? "\u00b7" : ".");
			continue;
		}
		ascii[0] = pain[i] >= 10 ? 'X' : (char)('0' + pain[i]);
		ui_text(ui, y, x, 1, pain[i] > 5 ? ROLE_WARNING : ROLE_BAR,
		        ui->utf8 ? blocks[pain[i] * 7 / 10] : ascii);
	}
}

static int draw_volume(const struct history_screen *hs, struct ui *ui, int y)
{
	const struct store_history *h = hs->h;
	double most = 0, value[HISTORY_WEEKS];
	bool loaded = false;
	char line[64];

	for (int w = 0; w < HISTORY_WEEKS; w++)
		loaded |= h->reps_kg[w] > 0;
	for (int w = 0; w < HISTORY_WEEKS; w++) {
		value[w] = loaded ? h->reps_kg[w] : h->reps[w] + (double)h->hold_ms[w] / 1000.0;
		if (value[w] > most)
			most = value[w];
	}
	ui_text(ui, y++, 1, COLS - 2, ROLE_TITLE,
	        loaded ? "Weekly volume (reps x kg)" : "Weekly volume (reps, and seconds held)");
	/* The rows down to the keys' row; what doesn't fit gives way oldest
	 * first: this week is the one that matters. */
	int rows = LINES - 1 - y, first = rows < HISTORY_WEEKS ? HISTORY_WEEKS - rows : 0;
	for (int w = first; w < HISTORY_WEEKS; w++) {
		int ago = HISTORY_WEEKS - 1 - w;
		if (ago == 0)
			snprintf(line, sizeof line, "this week");
		else
			snprintf(line, sizeof line, "%d week%s ago", ago, ago == 1 ? "" : "s");
		ui_text(ui, y, 2, 12, ROLE_DIM, line);
		ui_bar(ui, y, 15, COLS - 26, most > 0 ? value[w] / most : 0, ROLE_BAR);
		snprintf(line, sizeof line, "%.0f", value[w]);
		ui_text(ui, y++, COLS - 10, 9, ROLE_TEXT, line);
	}
	return y;
}

/* The weeks the glance shows, first to last (1-based, inclusive), and each
 * one's width in cells. */
struct glance_columns {
	int first, last, width;
};

/* The whole program where it fits; else, oldest giving way first, the
 * latest weeks up to this one. */
static struct glance_columns glance_columns(const struct program_glance *g)
{
	int room = COLS - 15;
	struct glance_columns c = {
	    1, g->weeks > g->current && g->weeks <= GLANCE_WEEKS ? g->weeks : g->current, 0};

	c.width = room / c.last;
	if (c.width >= 3) {
		c.width = c.width > 6 ? 6 : c.width;
		return c;
	}
	c.last = g->current;
	c.first = c.last - room / 3 + 1 > 1 ? c.last - room / 3 + 1 : 1;
	c.width = 3;
	return c;
}

/* The sessions of each week as bars `rows` high, full at the prescribed. */
static int glance_bars(const struct program_glance *g, struct ui *ui, int y, int rows,
                       const struct glance_columns *c)
{
	char text[32];

	snprintf(text, sizeof text, "%d a week", g->prescribed);
	ui_text(ui, y, 1, 12, ROLE_DIM, text);
	ui_text(ui, y + rows - 1, 1, 12, ROLE_TEXT, "sessions");
	for (int w = c->first; w <= c->last && w <= g->current; w++) {
		double share = g->prescribed > 0 ? (double)g->done[w - 1] / g->prescribed : 0;
		int height = (int)(share > 1 ? rows * 8 : share * rows * 8 + 0.5);
		for (int r = 0; r < rows; r++) {
			int fill = height - (rows - 1 - r) * 8;
			fill = fill < 0 ? 0 : fill > 8 ? 8 : fill;
			for (int x = 0; x < c->width - 1; x++)
				ui_text(ui, y + r, 14 + (w - c->first) * c->width + x, 1, ROLE_BAR,
				        ui->utf8    ? eighths[fill]
				        : fill >= 4 ? "#"
				                    : " ");
		}
	}
	return y + rows;
}

/* A row of one figure a week, as each() writes it (NULL: none), for the
 * weeks up to `through`; those after have none. */
static void glance_row(const struct program_glance *g, struct ui *ui, int y, const char *label,
                       const struct glance_columns *c, int through,
                       const char *(*each)(const struct program_glance *g, int w, char *buf,
                                           bool utf8, enum ui_role *role))
{
	char buf[16];

	ui_text(ui, y, 1, 12, ROLE_TEXT, label);
	for (int w = c->first; w <= c->last; w++) {
		enum ui_role role = ROLE_TEXT;
		const char *text = w <= through ? each(g, w - 1, buf, ui->utf8, &role) : NULL;
		ui_text(ui, y, 14 + (w - c->first) * c->width, c->width - 1, text ? role : ROLE_DIM,
		        text       ? text
		        : ui->utf8 ? "\u00b7"
		                   : ".");
	}
}

static const char *week_number(const struct program_glance *g, int w, char *buf, bool utf8,
                               enum ui_role *role)
{
	(void)utf8;
	*role = w + 1 == g->current ? ROLE_TITLE : ROLE_DIM;
	snprintf(buf, 16, "%d", w + 1);
	return buf;
}

static const char *sessions_done(const struct program_glance *g, int w, char *buf, bool utf8,
                                 enum ui_role *role)
{
	(void)utf8;
	*role = g->done[w] < g->prescribed && w + 1 < g->current ? ROLE_DIM : ROLE_TEXT;
	snprintf(buf, 16, "%d", g->done[w]);
	return buf;
}

static const char *load(const struct program_glance *g, int w, char *buf, bool utf8,
                        enum ui_role *role)
{
	(void)utf8;
	(void)role;
	if (g->load_kg[w] < 0)
		return NULL;
	if (g->load_kg[w] == 0)
		return "bw";
	snprintf(buf, 16, "%g", g->load_kg[w]);
	return buf;
}

/* A pain score as a bar and its figure: above 5 of 10 stands out. */
static const char *pain(int score, char *buf, bool utf8, enum ui_role *role)
{
	if (score < 0)
		return NULL;
	*role = score > 5 ? ROLE_WARNING : ROLE_BAR;
	if (utf8)
		snprintf(buf, 16, "%s%d", eighths[1 + score * 7 / 10], score);
	else
		snprintf(buf, 16, "%d", score);
	return buf;
}

static const char *pain_during(const struct program_glance *g, int w, char *buf, bool utf8,
                               enum ui_role *role)
{
	return pain(g->during[w], buf, utf8, role);
}

static const char *pain_after(const struct program_glance *g, int w, char *buf, bool utf8,
                              enum ui_role *role)
{
	return pain(g->after[w], buf, utf8, role);
}

static const char *pain_morning(const struct program_glance *g, int w, char *buf, bool utf8,
                                enum ui_role *role)
{
	return pain(g->morning[w], buf, utf8, role);
}

static const char *red_flag(const struct program_glance *g, int w, char *buf, bool utf8,
                            enum ui_role *role)
{
	(void)buf;
	(void)utf8;
	*role = ROLE_WARNING;
	return g->red_flag[w] ? "!" : "";
}

/* The program week by week: sessions done against those prescribed, the
 * load, and the week's highest pain during, after and the next mornings. */
static void draw_glance(const struct history_screen *hs, struct ui *ui)
{
	const struct program_glance *g = hs->glance;
	struct glance_columns c = glance_columns(g);
	int now = g->current, y = compact() ? 1 : 2;
	/* The bars: taller on a larger terminal; at 12 lines, two. */
	int rows = compact() ? (LINES - 10 < 1   ? 1
	                        : LINES - 10 > 5 ? 5
	                                         : LINES - 10)
	                     : 5 + (LINES - 24) / 3;
	char line[160];

	/* Narrow, the week first: the title is what gives way. */
	if (compact() && g->weeks > 0)
		snprintf(line, sizeof line, "Week %d of %d: %s", g->current, g->weeks, g->title);
	else if (compact())
		snprintf(line, sizeof line, "Week %d: %s", g->current, g->title);
	else if (g->weeks > 0)
		snprintf(line, sizeof line, "%s: week %d of %d", g->title, g->current, g->weeks);
	else
		snprintf(line, sizeof line, "%s: week %d", g->title, g->current);
	ui_text(ui, y, 1, COLS - 2, ROLE_TITLE, line);
	y += compact() ? 1 : 2;
	glance_row(g, ui, y++, "week", &c, c.last, week_number); /* weeks to come too */
	y = glance_bars(g, ui, y, rows, &c);
	glance_row(g, ui, y++, "done", &c, now, sessions_done);
	glance_row(g, ui, y++, "load, kg", &c, now, load);
	if (!compact()) {
		y++;
		ui_text(ui, y++, 1, COLS - 2, ROLE_TITLE,
		        "Pain, the week's highest of 10 (above 5 stands out)");
	}
	glance_row(g, ui, y++, "during", &c, now, pain_during);
	glance_row(g, ui, y++, "after", &c, now, pain_after);
	glance_row(g, ui, y++, "next morning", &c, now, pain_morning);
	glance_row(g, ui, y++, "red flag", &c, now, red_flag);
}

static unsigned toggle_program(void *ctx, int key)
{
	struct history_screen *hs = ctx;

	(void)key;
	hs->program = !hs->program;
	return UI_REDRAW;
}

static bool glance_offered(const void *ctx)
{
	const struct history_screen *hs = ctx;

	return hs->glance && !hs->program;
}

static bool glance_shown(const void *ctx)
{
	return ((const struct history_screen *)ctx)->program;
}

static const struct ui_key history_keys[] = {
    {'q', "q", "back", "back to the routine list", 1, screen_back, NULL},
    {'p', "p", "program", "the program followed, week by week", 2, toggle_program, glance_offered},
    {'p', "p", "four weeks", "back to the last four weeks", 2, toggle_program, glance_shown},
    {27, NULL, NULL, NULL, 0, screen_back, NULL},
    {'\n', NULL, NULL, NULL, 0, screen_back, NULL},
};

static void history_draw(void *ctx, struct ui *ui)
{
	struct history_screen *hs = ctx;
	char title[120];
	int y;

	if (hs->program) {
		snprintf(title, sizeof title, "tendo \u2014 %s's program at a glance", hs->profile);
		ui_header(ui, title, NULL);
		draw_glance(hs, ui);
		ui_key_row(ui, LINES - 1, 0, COLS, history_keys, UI_KEY_COUNT(history_keys), hs,
		           NULL);
		return;
	}
	snprintf(title, sizeof title, "tendo \u2014 %s's last four weeks", hs->profile);
	ui_header(ui, title, NULL);
	y = draw_calendar(hs, ui, compact() ? 1 : 2) + !compact();
	if (!compact())
		ui_text(ui, y++, 1, COLS - 2, ROLE_TITLE,
		        "Pain, 0 to 10, day by day (oldest first)");
	pain_row(ui, y++, "during", hs->h->pain_during);
	pain_row(ui, y++, compact() ? "mornings" : "next morning", hs->h->pain_morning);
	draw_volume(hs, ui, y + !compact());
	ui_key_row(ui, LINES - 1, 0, COLS, history_keys, UI_KEY_COUNT(history_keys), hs, NULL);
}

static const struct screen history_screen = {
    .min_cols = 40,
    .min_rows = 12,
    .draw = history_draw,
    UI_SCREEN_KEYS(history_keys),
};

enum screen_outcome history_run(struct ui *ui, const struct store_history *history,
                                const struct program_glance *glance, const char *profile)
{
	struct history_screen hs = {.h = history, .glance = glance, .profile = profile};

	return screen_run(ui, &history_screen, &hs);
}
