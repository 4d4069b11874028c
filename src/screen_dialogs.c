/* screen_dialogs.c — the small screens that ask one thing: which leg, yes
 * or no, a rating, a number, advice to read, a PIN, a line of text (see
 * screens.h). Each dialog's keys are one table (ui.h); each dialog's state
 * starts with a struct dialog, whose outcome its keys set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pin.h"
#include "screens.h"

enum screen_outcome screen_ended(const struct ui *ui)
{
	return ui->away ? OUTCOME_AWAY : OUTCOME_STOP;
}

/* The first member of every dialog's state. */
struct dialog {
	const char *title;
	enum screen_outcome outcome; /* as the dialog closed */
};

static unsigned dialog_close(void *ctx, enum screen_outcome outcome)
{
	struct dialog *d = ctx;

	d->outcome = outcome;
	return UI_CLOSE;
}

static unsigned dialog_done(void *ctx, int key)
{
	(void)key;
	return dialog_close(ctx, OUTCOME_CHOSEN);
}

static unsigned dialog_back(void *ctx, int key)
{
	(void)key;
	return dialog_close(ctx, OUTCOME_BACK);
}

/* Runs a dialog: its outcome, or why the loop ended without one. */
static enum screen_outcome dialog_run(struct ui *ui, const struct screen *screen, void *ctx)
{
	struct dialog *d = ctx;

	return ui_run(ui, screen, ctx) ? d->outcome : screen_ended(ui);
}

/* The row just under text that ends at y, or the last row. */
static int row_under(int y)
{
	return y < LINES - 1 ? y : LINES - 1;
}

/* ------------------------------------------------------------ the leg */

struct leg_prompt {
	struct dialog d;
	const char *why;
	enum leg leg;
};

static unsigned leg_chosen(void *ctx, int key)
{
	struct leg_prompt *p = ctx;

	p->leg = key == 'l' || key == 'L' ? LEG_LEFT : LEG_RIGHT;
	return dialog_done(ctx, key);
}

static const struct ui_key leg_keys[] = {
    {'l', "l", "left", "the left leg", 3, leg_chosen, NULL},
    {'r', "r", "right", "the right leg", 2, leg_chosen, NULL},
    {'q', "q", "back", "back, without choosing", 1, dialog_back, NULL},
    {'L', NULL, NULL, NULL, 0, leg_chosen, NULL},
    {'R', NULL, NULL, NULL, 0, leg_chosen, NULL},
    {'Q', NULL, NULL, NULL, 0, dialog_back, NULL},
    {27, NULL, NULL, NULL, 0, dialog_back, NULL},
};

static void leg_draw(void *ctx, struct ui *ui)
{
	struct leg_prompt *p = ctx;

	ui_header(ui, p->d.title, NULL);
	ui_text(ui, 2, 1, COLS - 2, ROLE_TITLE, "Which leg is affected?");
	ui_wrap(ui, 4, 1, COLS - 2, 4, 0, ROLE_TEXT, p->why);
	ui_key_row(ui, row_under(9), 1, COLS - 2, leg_keys, UI_KEY_COUNT(leg_keys), p, NULL);
}

static unsigned leg_key(void *ctx, int key)
{
	return ui_key_act(leg_keys, UI_KEY_COUNT(leg_keys), ctx, key);
}

static const struct screen leg_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = leg_draw,
    .key = leg_key,
};

enum screen_outcome leg_prompt_run(struct ui *ui, const char *title, const char *why, enum leg *leg)
{
	struct leg_prompt p = {{title, OUTCOME_BACK}, why, LEG_NONE};
	enum screen_outcome outcome = dialog_run(ui, &leg_screen, &p);

	if (outcome == OUTCOME_CHOSEN)
		*leg = p.leg;
	return outcome;
}

/* ------------------------------------------------------------ a question */

struct question {
	struct dialog d;
	const char *text;
	bool yes;
};

static unsigned question_answer(void *ctx, int key)
{
	struct question *q = ctx;

	q->yes = key == 'y' || key == 'Y';
	return dialog_done(ctx, key);
}

static const struct ui_key question_keys[] = {
    {'y', "y", "yes", "yes", 2, question_answer, NULL},
    {'n', "n", "no", "no", 1, question_answer, NULL},
    {'Y', NULL, NULL, NULL, 0, question_answer, NULL},
    {'N', NULL, NULL, NULL, 0, question_answer, NULL},
};

static void question_draw(void *ctx, struct ui *ui)
{
	struct question *q = ctx;
	int y;

	ui_header(ui, q->d.title, NULL);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, LINES - 5, 0, ROLE_TITLE, q->text);
	ui_key_row(ui, row_under(y + 1), 1, COLS - 2, question_keys, UI_KEY_COUNT(question_keys), q,
	           NULL);
}

static unsigned question_key(void *ctx, int key)
{
	return ui_key_act(question_keys, UI_KEY_COUNT(question_keys), ctx, key);
}

static const struct screen question_screen = {
    .min_cols = 30,
    .min_rows = 8,
    .draw = question_draw,
    .key = question_key,
};

enum screen_outcome question_run(struct ui *ui, const char *title, const char *question, bool *yes)
{
	struct question q = {{title, OUTCOME_BACK}, question, false};
	enum screen_outcome outcome = dialog_run(ui, &question_screen, &q);

	if (outcome == OUTCOME_CHOSEN)
		*yes = q.yes;
	return outcome;
}

/* ------------------------------------------------------------ a rating */

struct rating {
	struct dialog d;
	const char *question, *hint;
	int score;
};

static unsigned rating_score(void *ctx, int key)
{
	struct rating *r = ctx;

	r->score = key == 't' || key == 'T' ? 10 : key - '0';
	return dialog_done(ctx, key);
}

/* The scores, as labels too for a mouse or a touch screen. */
static const struct ui_key score_keys[] = {
    {'0', "0", "", "none", 0, rating_score, NULL},
    {'1', "1", "", NULL, 0, rating_score, NULL},
    {'2', "2", "", NULL, 0, rating_score, NULL},
    {'3', "3", "", NULL, 0, rating_score, NULL},
    {'4', "4", "", NULL, 0, rating_score, NULL},
    {'5', "5", "", NULL, 0, rating_score, NULL},
    {'6', "6", "", NULL, 0, rating_score, NULL},
    {'7', "7", "", NULL, 0, rating_score, NULL},
    {'8', "8", "", NULL, 0, rating_score, NULL},
    {'9', "9", "", NULL, 0, rating_score, NULL},
    {'t', "10", "", "the worst you can imagine", 0, rating_score, NULL},
    {'T', NULL, NULL, NULL, 0, rating_score, NULL},
};

static const struct ui_key rating_keys[] = {
    {'s', "s", "skip", "skip the rating", 1, dialog_back, NULL},
    {'S', NULL, NULL, NULL, 0, dialog_back, NULL},
};

static void rating_draw(void *ctx, struct ui *ui)
{
	struct rating *r = ctx;
	int y;

	ui_header(ui, r->d.title, NULL);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, 4, 0, ROLE_TITLE, r->question);
	y += ui_wrap(ui, y + 1, 1, COLS - 2, 3, 0, ROLE_TEXT,
	             "Press 0 (none) to 9, or t for 10 (the worst you can imagine).") +
	     1;
	ui_key_row(ui, y, 1, COLS - 2, score_keys, UI_KEY_COUNT(score_keys), r, NULL);
	if (r->hint)
		ui_wrap(ui, y + 2, 1, COLS - 2, LINES - y - 4, 0, ROLE_DIM, r->hint);
	ui_key_row(ui, LINES - 1, 1, COLS - 2, rating_keys, UI_KEY_COUNT(rating_keys), r, NULL);
}

static unsigned rating_key(void *ctx, int key)
{
	unsigned seen = ui_key_act(score_keys, UI_KEY_COUNT(score_keys), ctx, key);

	return seen ? seen : ui_key_act(rating_keys, UI_KEY_COUNT(rating_keys), ctx, key);
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
	struct rating r = {{title, OUTCOME_BACK}, question, hint, -1};
	enum screen_outcome outcome = dialog_run(ui, &rating_screen, &r);

	if (outcome == OUTCOME_CHOSEN)
		*score = r.score;
	return outcome;
}

/* ------------------------------------------------------------ advice */

struct advice {
	struct dialog d;
	const char *text;
};

static const struct ui_key advice_keys[] = {
    {'\n', "Enter", "I have read this", "the advice has been read", 1, dialog_done, NULL},
};

static void advice_draw(void *ctx, struct ui *ui)
{
	struct advice *a = ctx;

	ui_header(ui, a->d.title, NULL);
	ui_wrap(ui, 2, 1, COLS - 2, LINES - 4, 0, ROLE_WARNING, a->text);
	ui_key_row(ui, LINES - 1, 1, COLS - 2, advice_keys, UI_KEY_COUNT(advice_keys), a, NULL);
}

static unsigned advice_key(void *ctx, int key)
{
	return ui_key_act(advice_keys, UI_KEY_COUNT(advice_keys), ctx, key);
}

static const struct screen advice_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = advice_draw,
    .key = advice_key,
};

enum screen_outcome advice_run(struct ui *ui, const char *title, const char *text)
{
	struct advice a = {{title, OUTCOME_BACK}, text};

	return dialog_run(ui, &advice_screen, &a);
}

/* ------------------------------------------------------------ typing */

/* Drops the last character, all of its UTF-8 bytes. */
static void drop_last(char *text)
{
	size_t n = strlen(text);

	while (n > 0 && ((unsigned char)text[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0)
		n--;
	text[n] = '\0';
}

/* Adds a byte to text (size bytes) when it fits and fewer than most are
 * there; bytes of UTF-8 arrive one by one. */
static void append(char *text, size_t size, size_t most, int c)
{
	size_t n = strlen(text);

	if (n + 1 < size && n < most) {
		text[n] = (char)c;
		text[n + 1] = '\0';
	}
}

/* ------------------------------------------------------------ a number */

struct number {
	struct dialog d;
	const char *question, *hint, *unit;
	char text[16];
};

static unsigned number_done(void *ctx, int key)
{
	struct number *n = ctx;

	return n->text[0] ? dialog_done(ctx, key) : UI_NOTHING;
}

static unsigned number_undo(void *ctx, int key)
{
	struct number *n = ctx;

	(void)key;
	drop_last(n->text);
	return UI_REDRAW;
}

static const struct ui_key number_keys[] = {
    {'\n', "Enter", "done", "the number is complete", 2, number_done, NULL},
    {'s', "s", "skip", "skip the question", 1, dialog_back, NULL},
    {'S', NULL, NULL, NULL, 0, dialog_back, NULL},
    {KEY_BACKSPACE, NULL, NULL, NULL, 0, number_undo, NULL},
};

static void number_draw(void *ctx, struct ui *ui)
{
	struct number *n = ctx;
	char shown[40];
	int y;

	ui_header(ui, n->d.title, NULL);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, 4, 0, ROLE_TITLE, n->question);
	snprintf(shown, sizeof shown, "> %s_ %.20s", n->text, n->unit);
	ui_text(ui, y + 1, 2, COLS - 4, ROLE_DIGITS, shown);
	if (n->hint)
		ui_wrap(ui, y + 3, 1, COLS - 2, LINES - y - 5, 0, ROLE_DIM, n->hint);
	ui_key_row(ui, LINES - 1, 1, COLS - 2, number_keys, UI_KEY_COUNT(number_keys), n, NULL);
}

static unsigned number_key(void *ctx, int key)
{
	struct number *n = ctx;

	if ((key >= '0' && key <= '9') || (key == '.' && !strchr(n->text, '.'))) {
		append(n->text, sizeof n->text, 6, key);
		return UI_REDRAW;
	}
	return ui_key_act(number_keys, UI_KEY_COUNT(number_keys), ctx, key);
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
	struct number n = {{title, OUTCOME_BACK}, question, hint, unit, ""};
	enum screen_outcome outcome = dialog_run(ui, &number_screen, &n);

	if (outcome == OUTCOME_CHOSEN)
		*value = strtod(n.text, NULL);
	return outcome;
}

/* ------------------------------------------------------------ a PIN */

struct pin_entry {
	struct dialog d;
	const char *prompt, *notice;
	int min, max;
	char digits[PIN_DIGITS_MAX + 1];
	char short_notice[40];
};

static unsigned pin_done(void *ctx, int key)
{
	struct pin_entry *p = ctx;
	size_t n = strlen(p->digits);

	if (n >= (size_t)p->min && (n > 0 || p->min == 0))
		return dialog_done(ctx, key);
	if (p->min == p->max)
		snprintf(p->short_notice, sizeof p->short_notice, "The PIN has %d digits.", p->min);
	else
		snprintf(p->short_notice, sizeof p->short_notice, "That is too short.");
	p->notice = p->short_notice;
	return UI_REDRAW;
}

static unsigned pin_undo(void *ctx, int key)
{
	struct pin_entry *p = ctx;

	(void)key;
	drop_last(p->digits);
	return UI_REDRAW;
}

static const struct ui_key pin_keys[] = {
    {'\n', "Enter", "done", "the PIN is complete", 3, pin_done, NULL},
    {KEY_BACKSPACE, "Backspace", "undo", "take back the last digit", 2, pin_undo, NULL},
    {27, "Esc", "back", "back, without a PIN", 1, dialog_back, NULL},
    {'q', NULL, NULL, NULL, 0, dialog_back, NULL},
    {'Q', NULL, NULL, NULL, 0, dialog_back, NULL},
};

/* The keypad: three keys a row, as on a phone. */
static const struct {
	const char *face;
	int key;
} pin_pad[] = {
    {"1", '1'}, {"2", '2'},   {"3", '3'}, {"4", '4'}, {"5", '5'},
    {"6", '6'}, {"7", '7'},   {"8", '8'}, {"9", '9'}, {"<-", KEY_BACKSPACE},
    {"0", '0'}, {"OK", '\n'},
};

static void draw_keypad(struct ui *ui, int y)
{
	int cell = COLS >= 60 ? 9 : 6, x0 = (COLS - 3 * cell) / 2;
	int step = LINES - y >= 10 ? 2 : 1;

	for (size_t i = 0; i < sizeof pin_pad / sizeof pin_pad[0]; i++) {
		int row = y + (int)(i / 3) * step, x = x0 + (int)(i % 3) * cell;
		char face[16];
		if (row >= LINES - 1)
			return;
		snprintf(face, sizeof face, " %-*s", cell - 2, pin_pad[i].face);
		ui_text(ui, row, x, cell - 1, ROLE_KEY, face);
		ui_label(ui, row, x, cell - 1, pin_pad[i].key);
	}
}

static void pin_draw(void *ctx, struct ui *ui)
{
	struct pin_entry *p = ctx;
	char shown[2 * PIN_DIGITS_MAX + 8];
	size_t n = strlen(p->digits);
	int y;

	ui_header(ui, p->d.title, NULL);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, 3, 0, ROLE_TITLE, p->prompt);
	memset(shown, 0, sizeof shown);
	for (size_t i = 0; i < n; i++)
		memcpy(shown + 2 * i, "* ", 2);
	if (n < (size_t)p->max)
		shown[2 * n] = '_';
	ui_text(ui, y + 1, 4, COLS - 5, ROLE_DIGITS, shown);
	if (p->notice && p->notice[0])
		ui_text(ui, y + 2, 1, COLS - 2, ROLE_WARNING, p->notice);
	draw_keypad(ui, y + 4);
	ui_key_row(ui, LINES - 1, 0, COLS, pin_keys, UI_KEY_COUNT(pin_keys), p, NULL);
}

static unsigned pin_key(void *ctx, int key)
{
	struct pin_entry *p = ctx;

	p->notice = NULL;
	if (key >= '0' && key <= '9') {
		append(p->digits, sizeof p->digits, (size_t)p->max, key);
		return UI_REDRAW;
	}
	return ui_key_act(pin_keys, UI_KEY_COUNT(pin_keys), ctx, key);
}

static const struct screen pin_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = pin_draw,
    .key = pin_key,
};

enum screen_outcome pin_run(struct ui *ui, const char *title, const char *prompt,
                            const char *notice, int min_digits, int max_digits, char *pin)
{
	struct pin_entry p = {
	    {title, OUTCOME_BACK}, prompt, notice, min_digits, max_digits, "", ""};
	enum screen_outcome outcome;

	if (p.max > PIN_DIGITS_MAX)
		p.max = PIN_DIGITS_MAX;
	outcome = dialog_run(ui, &pin_screen, &p);
	if (outcome == OUTCOME_CHOSEN)
		memcpy(pin, p.digits, strlen(p.digits) + 1);
	memset(p.digits, 0, sizeof p.digits);
	return outcome;
}

/* ------------------------------------------------------------ a line of text */

struct text_entry {
	struct dialog d;
	const char *question, *hint, *notice;
	char *text;
	size_t size;
};

static unsigned text_undo(void *ctx, int key)
{
	struct text_entry *t = ctx;

	(void)key;
	drop_last(t->text);
	return UI_REDRAW;
}

static const struct ui_key text_keys[] = {
    {'\n', "Enter", "next", "the text is complete", 2, dialog_done, NULL},
    {27, "Esc", "back", "back", 1, dialog_back, NULL},
    {KEY_BACKSPACE, NULL, NULL, NULL, 0, text_undo, NULL},
};

static void text_draw(void *ctx, struct ui *ui)
{
	struct text_entry *t = ctx;
	char shown[256];
	int y;

	ui_header(ui, t->d.title, NULL);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, 3, 0, ROLE_TITLE, t->question);
	snprintf(shown, sizeof shown, "> %s_", t->text);
	ui_text(ui, y + 1, 2, COLS - 4, ROLE_DIGITS, shown);
	if (t->notice && t->notice[0])
		ui_wrap(ui, y + 3, 1, COLS - 2, 2, 0, ROLE_WARNING, t->notice);
	if (t->hint)
		ui_wrap(ui, y + 6, 1, COLS - 2, LINES - y - 8, 0, ROLE_DIM, t->hint);
	ui_key_row(ui, LINES - 1, 0, COLS, text_keys, UI_KEY_COUNT(text_keys), t, NULL);
}

static unsigned text_key(void *ctx, int key)
{
	struct text_entry *t = ctx;
	const struct ui_key *k = ui_key_find(text_keys, UI_KEY_COUNT(text_keys), t, key);

	t->notice = NULL;
	if (k)
		return k->act(ctx, key);
	if (key < 32 || key >= 256 || key == 127)
		return UI_NOTHING;
	/* The name is checked whole when the screen is left. */
	append(t->text, t->size, t->size, key);
	return UI_REDRAW;
}

static const struct screen text_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = text_draw,
    .key = text_key,
};

enum screen_outcome text_run(struct ui *ui, const char *title, const char *question,
                             const char *hint, const char *notice, char *text, size_t size)
{
	struct text_entry t = {{title, OUTCOME_BACK}, question, hint, notice, text, size};

	return dialog_run(ui, &text_screen, &t);
}
