/* screen_picker.c — the routine list and the affected-leg question
 * (see screens.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "screens.h"

struct picker {
	const struct catalog *cat;
	const struct picker_status *status;
	int list_top; /* below the status lines */
	bool history;
	int64_t *minutes_ms; /* each good routine's planned length */
	size_t selected;
	size_t top;    /* the first entry shown */
	int list_rows; /* as last drawn */
	bool chosen, back;
	const char *message; /* shown once under the list, then cleared */
};

static const char *entry_title(const struct catalog_entry *e)
{
	return e->routine ? e->routine->title : e->name;
}

/* Rows left for the list once the details of the selected entry fit. */
static int detail_rows(void)
{
	return LINES >= 20 ? 7 : 4;
}

static void keep_selected_visible(struct picker *p)
{
	int rows = LINES - p->list_top - detail_rows() - 2;

	if (rows < 1)
		rows = 1;
	p->list_rows = rows;
	if (p->selected < p->top)
		p->top = p->selected;
	if (p->selected >= p->top + (size_t)rows)
		p->top = p->selected - (size_t)rows + 1;
}

static void draw_entry(struct picker *p, struct ui *ui, size_t i, int y)
{
	const struct catalog_entry *e = &p->cat->entries[i];
	bool selected = i == p->selected;
	enum ui_role role = selected ? ROLE_SELECTED : e->routine ? ROLE_TEXT : ROLE_BROKEN;
	char right[64], d[32];

	if (selected) {
		attrset(ui->attr[ROLE_SELECTED]);
		mvhline(y, 0, ' ', COLS);
	}
	if (e->routine)
		snprintf(right, sizeof right, "%s \u00b7 %s ",
		         duration_clock(p->minutes_ms[i], d, sizeof d),
		         catalog_origin_name(e->origin));
	else
		snprintf(right, sizeof right, "broken \u00b7 %s ", catalog_origin_name(e->origin));
	ui_text(ui, y, 1, 2, role, selected ? ">" : " ");
	ui_text(ui, y, 3, COLS - 4 - ui_text_width(ui, right), role, entry_title(e));
	ui_text(ui, y, COLS - ui_text_width(ui, right), COLS, role, right);
	ui_label(ui, y, 0, COLS, UI_KEY_ROW + (int)i);
}

static void draw_details(struct picker *p, struct ui *ui, int y, int rows)
{
	const struct catalog_entry *e = &p->cat->entries[p->selected];
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
	/* The caution and the source keep a line each when there is room. */
	int kept = (e->routine->caution && rows > 3) + (e->routine->source && rows > 2);
	int used = ui_wrap(ui, y, 1, COLS - 2, rows - kept, 0, ROLE_TEXT,
	                   e->routine->summary ? e->routine->summary : e->routine->title);

	if (e->routine->source && rows > 2 && used < rows) {
		snprintf(text, sizeof text, "Source: %s", e->routine->source);
		used += ui_wrap(ui, y + used, 1, COLS - 2,
		                rows - used - (e->routine->caution && rows > 3), 2, ROLE_DIM, text);
	}
	if (e->routine->caution && used < rows)
		ui_wrap(ui, y + used, 1, COLS - 2, rows - used, 0, ROLE_WARNING,
		        e->routine->caution);
}

static void picker_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {KEY_UP, KEY_DOWN, '\n', 'H', 'q'};
	static const char *const names[] = {"Up", "Down", "Enter", "H", "q"};
	static const char *const quit_words[] = {"", "choose", "start", "history", "quit"};
	static const char *const done_words[] = {"", "choose", "start", "history", "done"};
	struct picker *p = ctx;
	bool member = p->status && p->status->who[0];
	const char *const *words = member ? done_words : quit_words;
	char title[160];
	int y = 2;

	snprintf(title, sizeof title, "tendo \u2014 %s%schoose a routine",
	         member ? p->status->who : "", member ? ": " : "");
	ui_header(ui, title);
	if (p->cat->count == 0) {
		ui_wrap(
		    ui, 2, 1, COLS - 2, LINES - 4, 0, ROLE_TEXT,
		    "No routines were found. Put routine files (.yaml) in ~/.config/tendo/routines "
		    "or name a folder with --routines; see tendo-routine(5).");
		ui_keys(ui, LINES - 1, 0, COLS, keys + 3, names + 3, words + 3, 1);
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
	keep_selected_visible(p);
	for (size_t i = p->top; i < p->cat->count && y < p->list_top + p->list_rows; i++)
		draw_entry(p, ui, i, y++);
	if (p->message)
		ui_text(ui, LINES - detail_rows() - 2, 1, COLS - 2, ROLE_WARNING, p->message);
	ui_rule(ui, LINES - detail_rows() - 1, 0, COLS, ROLE_DIM);
	draw_details(p, ui, LINES - detail_rows(), detail_rows() - 1);
	if (p->status && p->status->has_history)
		ui_keys(ui, LINES - 1, 0, COLS, keys, names, words, 5);
	else
		ui_keys(ui, LINES - 1, 0, COLS, (const int[]){keys[0], keys[1], keys[2], keys[4]},
		        (const char *const[]){names[0], names[1], names[2], names[4]},
		        (const char *const[]){words[0], words[1], words[2], words[4]}, 4);
}

static void move_to(struct picker *p, long target)
{
	long last = (long)p->cat->count - 1;
	p->selected = (size_t)(target < 0 ? 0 : target > last ? last : target);
}

/* Jumps to the next routine whose title starts with c. */
static void jump_to_letter(struct picker *p, int c)
{
	size_t n = p->cat->count;
	for (size_t k = 1; k <= n; k++) {
		size_t i = (p->selected + k) % n;
		if (tolower((unsigned char)entry_title(&p->cat->entries[i])[0]) == tolower(c)) {
			p->selected = i;
			return;
		}
	}
}

static unsigned picker_key(void *ctx, int key)
{
	struct picker *p = ctx;

	p->message = NULL;
	if (key == 'q' || key == 'Q') {
		p->back = true;
		return UI_CLOSE;
	}
	/* Capital H: a lower-case h jumps to a routine, as other letters do. */
	if (key == 'H' && p->status && p->status->has_history) {
		p->history = true;
		return UI_CLOSE;
	}
	if (p->cat->count == 0)
		return UI_NOTHING;
	/* A click or a touch on a row: the first selects it, the second starts it. */
	if (key >= UI_KEY_ROW && key < UI_KEY_ROW + (int)p->cat->count) {
		size_t row = (size_t)(key - UI_KEY_ROW);
		if (row != p->selected) {
			p->selected = row;
			return UI_REDRAW;
		}
		key = '\n';
	}
	switch (key) {
	case KEY_UP: move_to(p, (long)p->selected - 1); break;
	case KEY_DOWN: move_to(p, (long)p->selected + 1); break;
	case KEY_PPAGE: move_to(p, (long)p->selected - p->list_rows); break;
	case KEY_NPAGE: move_to(p, (long)p->selected + p->list_rows); break;
	case KEY_HOME: move_to(p, 0); break;
	case KEY_END: move_to(p, (long)p->cat->count); break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (p->cat->entries[p->selected].routine) {
			p->chosen = true;
			return UI_CLOSE;
		}
		p->message = "That routine's file has an error (shown below); choose another.";
		break;
	default:
		if (key > 0 && key < 128 && isalnum(key))
			jump_to_letter(p, key);
		else
			return UI_NOTHING;
	}
	return UI_REDRAW;
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
	struct picker p = {.cat = cat, .status = status, .list_top = 2, .selected = *chosen};
	enum screen_outcome outcome;

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
	if (p.selected >= cat->count)
		p.selected = 0;
	if (!p.minutes_ms)
		return OUTCOME_BACK;
	if (!ui_run(ui, &picker_screen, &p))
		outcome = screen_ended(ui);
	else
		outcome = p.chosen ? OUTCOME_CHOSEN : p.history ? OUTCOME_HISTORY : OUTCOME_BACK;
	*chosen = p.selected;
	free(p.minutes_ms);
	return outcome;
}

/* ------------------------------------------------------------ the leg */

struct leg_prompt {
	const char *title, *why;
	enum leg leg;
	bool back;
};

static void leg_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {'l', 'r', 'q'};
	static const char *const names[] = {"l", "r", "q"};
	static const char *const words[] = {"left", "right", "back"};
	struct leg_prompt *p = ctx;

	ui_header(ui, p->title);
	ui_text(ui, 2, 1, COLS - 2, ROLE_TITLE, "Which leg is affected?");
	ui_wrap(ui, 4, 1, COLS - 2, 4, 0, ROLE_TEXT, p->why);
	ui_keys(ui, 9 < LINES - 1 ? 9 : LINES - 1, 1, COLS - 2, keys, names, words, 3);
}

static unsigned leg_key(void *ctx, int key)
{
	struct leg_prompt *p = ctx;

	switch (tolower(key < 256 && key >= 0 ? key : 0)) {
	case 'l': p->leg = LEG_LEFT; return UI_CLOSE;
	case 'r': p->leg = LEG_RIGHT; return UI_CLOSE;
	case 'q':
	case 27: p->back = true; return UI_CLOSE;
	default: return UI_NOTHING;
	}
}

static const struct screen leg_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = leg_draw,
    .key = leg_key,
};

enum screen_outcome leg_prompt_run(struct ui *ui, const char *title, const char *why, enum leg *leg)
{
	struct leg_prompt p = {.title = title, .why = why, .leg = LEG_NONE};

	if (!ui_run(ui, &leg_screen, &p))
		return screen_ended(ui);
	*leg = p.leg;
	return p.back ? OUTCOME_BACK : OUTCOME_CHOSEN;
}

/* ------------------------------------------------------------ a question */

struct question {
	const char *title, *text;
	bool yes, answered;
};

static void question_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {'y', 'n'};
	static const char *const names[] = {"y", "n"};
	static const char *const words[] = {"yes", "no"};
	struct question *q = ctx;
	int y;

	ui_header(ui, q->title);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, LINES - 5, 0, ROLE_TITLE, q->text);
	ui_keys(ui, y + 1 < LINES - 1 ? y + 1 : LINES - 1, 1, COLS - 2, keys, names, words, 2);
}

static unsigned question_key(void *ctx, int key)
{
	struct question *q = ctx;

	if (key == 'y' || key == 'Y' || key == 'n' || key == 'N') {
		q->yes = key == 'y' || key == 'Y';
		q->answered = true;
		return UI_CLOSE;
	}
	return UI_NOTHING;
}

static const struct screen question_screen = {
    .min_cols = 30,
    .min_rows = 8,
    .draw = question_draw,
    .key = question_key,
};

enum screen_outcome screen_ended(const struct ui *ui)
{
	return ui->away ? OUTCOME_AWAY : OUTCOME_STOP;
}

enum screen_outcome question_run(struct ui *ui, const char *title, const char *question, bool *yes)
{
	struct question q = {.title = title, .text = question};

	if (!ui_run(ui, &question_screen, &q))
		return screen_ended(ui);
	*yes = q.yes;
	return OUTCOME_CHOSEN;
}

/* ------------------------------------------------------------ a rating */

struct rating {
	const char *title, *question, *hint;
	int score;
	bool skipped;
};

static void rating_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {'s'};
	static const char *const names[] = {"s"};
	static const char *const words[] = {"skip"};
	static const int scores[] = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't'};
	static const char *const score_names[] = {"0", "1", "2", "3", "4", "5",
	                                          "6", "7", "8", "9", "10"};
	static const char *const score_words[] = {"", "", "", "", "", "", "", "", "", "", ""};
	struct rating *r = ctx;
	int y;

	ui_header(ui, r->title);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, 4, 0, ROLE_TITLE, r->question);
	y += ui_wrap(ui, y + 1, 1, COLS - 2, 3, 0, ROLE_TEXT,
	             "Press 0 (none) to 9, or t for 10 (the worst you can imagine).") +
	     1;
	/* The scores as labels too, for a mouse or a touch screen. */
	ui_keys(ui, y, 1, COLS - 2, scores, score_names, score_words, 11);
	if (r->hint)
		ui_wrap(ui, y + 2, 1, COLS - 2, LINES - y - 4, 0, ROLE_DIM, r->hint);
	ui_keys(ui, LINES - 1, 1, COLS - 2, keys, names, words, 1);
}

static unsigned rating_key(void *ctx, int key)
{
	struct rating *r = ctx;

	if (key >= '0' && key <= '9')
		r->score = key - '0';
	else if (key == 't' || key == 'T')
		r->score = 10;
	else if (key == 's' || key == 'S')
		r->skipped = true;
	else
		return UI_NOTHING;
	return UI_CLOSE;
}

static const struct screen rating_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = rating_draw,
    .key = rating_key,
};

enum screen_outcome rating_run(struct ui *ui, const char *title, const char *question,
                               const char *hint, int *score)
{
	struct rating r = {.title = title, .question = question, .hint = hint, .score = -1};

	if (!ui_run(ui, &rating_screen, &r))
		return screen_ended(ui);
	if (r.skipped)
		return OUTCOME_BACK;
	*score = r.score;
	return OUTCOME_CHOSEN;
}

/* ------------------------------------------------------------ advice */

struct advice {
	const char *title, *text;
};

static void advice_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {'\n'};
	static const char *const names[] = {"Enter"};
	static const char *const words[] = {"I have read this"};
	struct advice *a = ctx;

	ui_header(ui, a->title);
	ui_wrap(ui, 2, 1, COLS - 2, LINES - 4, 0, ROLE_WARNING, a->text);
	ui_keys(ui, LINES - 1, 1, COLS - 2, keys, names, words, 1);
}

static unsigned advice_key(void *ctx, int key)
{
	(void)ctx;
	return key == '\n' || key == '\r' || key == KEY_ENTER ? UI_CLOSE : UI_NOTHING;
}

static const struct screen advice_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = advice_draw,
    .key = advice_key,
};

enum screen_outcome advice_run(struct ui *ui, const char *title, const char *text)
{
	struct advice a = {title, text};

	return ui_run(ui, &advice_screen, &a) ? OUTCOME_CHOSEN : screen_ended(ui);
}

/* ------------------------------------------------------------ a number */

struct number {
	const char *title, *question, *hint, *unit;
	char text[16];
	bool done, skipped;
};

static void number_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {'\n', 's'};
	static const char *const names[] = {"Enter", "s"};
	static const char *const words[] = {"done", "skip"};
	struct number *n = ctx;
	char shown[40];
	int y;

	ui_header(ui, n->title);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, 4, 0, ROLE_TITLE, n->question);
	snprintf(shown, sizeof shown, "> %s_ %.20s", n->text, n->unit);
	ui_text(ui, y + 1, 2, COLS - 4, ROLE_DIGITS, shown);
	if (n->hint)
		ui_wrap(ui, y + 3, 1, COLS - 2, LINES - y - 5, 0, ROLE_DIM, n->hint);
	ui_keys(ui, LINES - 1, 1, COLS - 2, keys, names, words, 2);
}

static unsigned number_key(void *ctx, int key)
{
	struct number *n = ctx;
	size_t len = strlen(n->text);

	if ((key >= '0' && key <= '9') || (key == '.' && !strchr(n->text, '.'))) {
		if (len + 1 < sizeof n->text && len < 6) {
			n->text[len] = (char)key;
			n->text[len + 1] = '\0';
		}
	} else if ((key == KEY_BACKSPACE || key == 127 || key == 8) && len > 0) {
		n->text[len - 1] = '\0';
	} else if ((key == '\n' || key == '\r' || key == KEY_ENTER) && len > 0) {
		n->done = true;
		return UI_CLOSE;
	} else if (key == 's' || key == 'S') {
		n->skipped = true;
		return UI_CLOSE;
	} else {
		return UI_NOTHING;
	}
	return UI_REDRAW;
}

static const struct screen number_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = number_draw,
    .key = number_key,
};

enum screen_outcome number_run(struct ui *ui, const char *title, const char *question,
                               const char *hint, const char *unit, double *value)
{
	struct number n = {.title = title, .question = question, .hint = hint, .unit = unit};

	if (!ui_run(ui, &number_screen, &n))
		return screen_ended(ui);
	if (n.skipped)
		return OUTCOME_BACK;
	*value = strtod(n.text, NULL);
	return OUTCOME_CHOSEN;
}
