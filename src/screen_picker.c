/* screen_picker.c — the routine list
 * (see screens.h); the dialogs live in screen_dialogs.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "screens.h"

struct picker {
	struct screen_state state;
	const struct catalog *cat;
	const struct picker_status *status;
	int list_top;        /* below the status lines */
	int64_t *minutes_ms; /* each good routine's planned length */
	struct ui_list list;
	const char *message; /* shown once under the list, then cleared */
};

static const char *entry_title(const struct catalog_entry *e)
{
	return e->routine ? e->routine->title : e->name;
}

static const char *row_title(const void *ctx, size_t row)
{
	const struct picker *p = ctx;
	return entry_title(&p->cat->entries[row]);
}

/* Rows left for the list once the details of the selected entry fit. */
static int detail_rows(void)
{
	return LINES >= 20 ? 7 : 4;
}

static void draw_entry(struct picker *p, struct ui *ui, size_t i, int y)
{
	const struct catalog_entry *e = &p->cat->entries[i];
	char right[64], d[32];

	if (e->routine)
		snprintf(right, sizeof right, "%s \u00b7 %s ",
		         duration_clock(p->minutes_ms[i], d, sizeof d),
		         catalog_origin_name(e->origin));
	else
		snprintf(right, sizeof right, "broken \u00b7 %s ", catalog_origin_name(e->origin));
	ui_list_row(ui, &p->list, i, y, e->routine ? ROLE_TEXT : ROLE_BROKEN, entry_title(e),
	            right);
}

static void draw_details(struct picker *p, struct ui *ui, int y, int rows)
{
	const struct catalog_entry *e = &p->cat->entries[p->list.selected];
	char text[1200];

	if (!e->routine) {
		char where[ERROR_MESSAGE_MAX + ERROR_FILE_MAX + 32];
		error_format(&e->error, where, sizeof where);
		snprintf(text, sizeof text,
		         "This routine can't be used until its file is fixed: %s%s", where,
		         e->error_count > 1 ? " (and more: run tendo check on it)" : "");
		ui_wrap(ui, y, 1, COLS - 2, rows, 0, ROLE_BROKEN, text);
		return;
	}
	/* Where room is short, the caution (safety) keeps its lines before the
	 * source (a citation) does: all of them while two are left for the
	 * summary and one for the source. The source keeps one. */
	const char *caution = e->routine->caution;
	int source = e->routine->source && rows > 2;
	int caution_rows = caution && rows > 3 ? ui_wrap_lines(ui, COLS - 2, 0, caution) : 0;
	if (caution_rows > rows - 2 - source)
		caution_rows = rows - 2 - source > 1 ? rows - 2 - source : 1;
	int used = ui_wrap(ui, y, 1, COLS - 2, rows - caution_rows - source, 0, ROLE_TEXT,
	                   e->routine->summary ? e->routine->summary : e->routine->title);

	if (source && used < rows) {
		snprintf(text, sizeof text, "Source: %s", e->routine->source);
		used += ui_wrap(ui, y + used, 1, COLS - 2, rows - used - caution_rows, 2, ROLE_DIM,
		                text);
	}
	if (caution && used < rows)
		ui_wrap(ui, y + used, 1, COLS - 2, rows - used, 0, ROLE_WARNING, caution);
}

static bool has_history(const void *ctx)
{
	const struct picker *p = ctx;
	return p->status && p->status->has_history;
}

static unsigned picker_start(void *ctx, int key)
{
	struct picker *p = ctx;

	(void)key;
	if (p->cat->count == 0)
		return UI_NOTHING;
	if (!p->cat->entries[p->list.selected].routine) {
		p->message = "That routine's file has an error (shown below); choose another.";
		return UI_REDRAW;
	}
	return screen_choose(p, key);
}

static unsigned picker_move(void *ctx, int key)
{
	struct picker *p = ctx;
	return ui_list_key(&p->list, key) ? UI_REDRAW : UI_NOTHING;
}

/* The routine list's keys. Capital H: a lower-case h jumps to a routine,
 * as other letters do. */
static const struct ui_key picker_keys[] = {
    {KEY_UP, "Up", "", "the routine above", 2, picker_move, NULL},
    {KEY_DOWN, "Down", "choose",
     "the routine below (Page Up, Page Down, Home, End, or "
     "a routine's first letter)",
     3, picker_move, NULL},
    {'\n', "Enter", "start", "start the chosen routine (or click it twice)", 4, picker_start, NULL},
    {'H', "H", "history", "the last four weeks: sessions, volume and pain", 1, screen_history,
     has_history},
    {'R', "R", "report",
     "write a report for your physiotherapist: a PDF in your data folder, with the sessions, "
     "load and pain of your programs",
     1, screen_report, has_history},
    {'q', "q", "quit", "quit tendo (on a kiosk: done, the next member)", 5, screen_back, NULL},
    {KEY_PPAGE, NULL, NULL, NULL, 0, picker_move, NULL},
    {KEY_NPAGE, NULL, NULL, NULL, 0, picker_move, NULL},
    {KEY_HOME, NULL, NULL, NULL, 0, picker_move, NULL},
    {KEY_END, NULL, NULL, NULL, 0, picker_move, NULL},
};

enum { PICKER_KEY_COUNT = UI_KEY_COUNT(picker_keys) };

/* Where a key is in picker_keys: looked up, not counted by hand, so that a
 * key added to the table does not shift a label onto its neighbour. */
static int picker_key_at(int key)
{
	for (int i = 0; i < PICKER_KEY_COUNT; i++)
		if (picker_keys[i].key == key)
			return i;
	abort(); /* a key the table does not have */
}

void picker_keys_help(FILE *out)
{
	ui_keys_help(out, "Keys in the routine list:", picker_keys, PICKER_KEY_COUNT);
}

static void picker_draw(void *ctx, struct ui *ui)
{
	struct picker *p = ctx;
	bool member = p->status && p->status->who[0];
	const char *labels[PICKER_KEY_COUNT] = {NULL};
	char title[160];
	int y = 2, history = picker_key_at('H');

	/* A kiosk's member is done, not quitting tendo. */
	labels[picker_key_at('q')] = member ? "done" : NULL;

	snprintf(title, sizeof title, "tendo \u2014 %s%schoose a routine",
	         member ? p->status->who : "", member ? ": " : "");
	ui_header(ui, title, NULL);
	if (p->cat->count == 0) {
		ui_wrap(
		    ui, 2, 1, COLS - 2, LINES - 4, 0, ROLE_TEXT,
		    "No routines were found. Put routine files (.yaml) in ~/.config/tendo/routines "
		    "or name a folder with --routines; see tendo-routine(5).");
		/* History, report and quit: what there is to do without routines. */
		ui_key_row(ui, LINES - 1, 0, COLS, picker_keys + history,
		           picker_key_at('q') - history + 1, p, labels + history);
		return;
	}
	p->list_top = 2;
	/* The program's lines, wrapped, in the top third of the screen. */
	for (int i = 0; p->status && i < PICKER_STATUS_LINES; i++)
		if (p->status->lines[i][0] && y < LINES / 3) {
			y += ui_wrap(ui, y, 1, COLS - 2, LINES / 3 - y, 0,
			             i == 0 ? ROLE_TITLE : ROLE_TEXT, p->status->lines[i]);
			p->list_top = y + 1;
		}
	y = p->list_top;
	ui_list_fit(&p->list, LINES - p->list_top - detail_rows() - 2);
	for (size_t i = p->list.top; i < p->cat->count && y < p->list_top + p->list.rows; i++)
		draw_entry(p, ui, i, y++);
	if (p->message)
		ui_text(ui, LINES - detail_rows() - 2, 1, COLS - 2, ROLE_WARNING, p->message);
	ui_rule(ui, LINES - detail_rows() - 1, 0, COLS, ROLE_DIM);
	draw_details(p, ui, LINES - detail_rows(), detail_rows() - 1);
	ui_key_row(ui, LINES - 1, 0, COLS, picker_keys, PICKER_KEY_COUNT, p, labels);
}

static unsigned picker_key(void *ctx, int key)
{
	struct picker *p = ctx;
	const struct ui_key *k = ui_key_find(picker_keys, PICKER_KEY_COUNT, p, key);

	p->message = NULL;
	if (k)
		return k->act(p, key);
	if (p->cat->count == 0)
		return UI_NOTHING;
	/* A click or a touch on a row: the first selects it, the second starts it. */
	size_t row;
	if (ui_list_touched(&p->list, key, &row)) {
		if (row == p->list.selected)
			return picker_start(p, '\n');
		p->list.selected = row;
		return UI_REDRAW;
	}
	if (key > 0 && key < 128 && isalnum(key)) {
		ui_list_jump(&p->list, key, row_title, p);
		return UI_REDRAW;
	}
	return UI_NOTHING;
}

static const struct screen picker_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = picker_draw,
    .key = picker_key,
};

enum screen_outcome picker_run(struct ui *ui, const struct catalog *cat, size_t *chosen,
                               const struct picker_status *status)
{
	struct picker p = {.cat = cat, .status = status, .list_top = 2};
	enum screen_outcome outcome;

	p.list =
	    (struct ui_list){.count = cat->count, .selected = *chosen < cat->count ? *chosen : 0};

	p.minutes_ms = calloc(cat->count ? cat->count : 1, sizeof *p.minutes_ms);
	for (size_t i = 0; p.minutes_ms && i < cat->count; i++) {
		struct timeline tl;
		struct tendo_error err;
		if (cat->entries[i].routine &&
		    timeline_build(cat->entries[i].routine, LEG_LEFT, &tl, &err)) {
			p.minutes_ms[i] = tl.total_ms;
			timeline_free(&tl);
		}
	}
	if (!p.minutes_ms)
		return OUTCOME_BACK;
	outcome = screen_run(ui, &picker_screen, &p);
	*chosen = p.list.selected;
	free(p.minutes_ms);
	return outcome;
}
