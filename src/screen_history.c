/* screen_history.c — the history: the last four weeks, the weekly volume,
 * and the pain (see screens.h). */
#include <stdio.h>
#include <string.h>

#include "screens.h"

struct history_screen {
	struct screen_state state;
	const struct store_history *h;
	const char *profile;
};

/* A day in the calendar: done, partial, nothing. */
static const char *day_mark(const struct ui *ui, int state)
{
	if (ui->utf8)
		return state == 2 ? "\u25cf" : state == 1 ? "\u25d0" : "\u00b7";
	return state == 2 ? "#" : state == 1 ? "+" : ".";
}

static int draw_calendar(const struct history_screen *hs, struct ui *ui, int y)
{
	static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	const struct store_history *h = hs->h;
	/* Rows are weeks from Monday; 1970-01-01 was a Thursday (index 3). */
	int first_weekday = (int)((h->first_day + 3) % 7);

	for (int d = 0; d < 7; d++)
		ui_text(ui, y, 12 + d * 5, 4, ROLE_DIM, names[d]);
	y++;
	for (int row = 0; row < 5; row++) {
		bool any = false;
		for (int d = 0; d < 7; d++) {
			int i = row * 7 + d - first_weekday;
			if (i < 0 || i >= HISTORY_DAYS)
				continue;
			any = true;
			ui_text(ui, y, 13 + d * 5, 2, h->days[i] ? ROLE_DIGITS : ROLE_DIM,
			        day_mark(ui, h->days[i]));
		}
		if (any)
			y++;
	}
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
	int x = 16;

	ui_text(ui, y, 1, 15, ROLE_TEXT, label);
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

static const struct ui_key history_keys[] = {
    {'q', "q", "back", "back to the routine list", 1, screen_back, NULL},
    {27, NULL, NULL, NULL, 0, screen_back, NULL},
    {'\n', NULL, NULL, NULL, 0, screen_back, NULL},
};

static void history_draw(void *ctx, struct ui *ui)
{
	struct history_screen *hs = ctx;
	char title[120];
	int y;

	snprintf(title, sizeof title, "tendo \u2014 %s's last four weeks", hs->profile);
	ui_header(ui, title, NULL);
	y = draw_calendar(hs, ui, 2) + 1;
	ui_text(ui, y++, 1, COLS - 2, ROLE_TITLE, "Pain, 0 to 10, day by day (oldest first)");
	pain_row(ui, y++, "during", hs->h->pain_during);
	pain_row(ui, y++, "next morning", hs->h->pain_morning);
	draw_volume(hs, ui, y + 1);
	ui_key_row(ui, LINES - 1, 0, COLS, history_keys, UI_KEY_COUNT(history_keys), hs, NULL);
}

static const struct screen history_screen = {
    .min_cols = 50,
    .min_rows = 24,
    .draw = history_draw,
    UI_SCREEN_KEYS(history_keys),
};

enum screen_outcome history_run(struct ui *ui, const struct store_history *history,
                                const char *profile)
{
	struct history_screen hs = {.h = history, .profile = profile};

	return screen_run(ui, &history_screen, &hs);
}
