/* screen_dialogs.c — the small screens that ask one thing: which leg, yes
 * or no, a rating, a number, advice to read, a PIN, a line of text (see
 * screens.h), and what all the screens share: the outcome in their state
 * and the key actions that set it. Each dialog's keys are one table
 * (ui.h); each dialog's state starts with a struct dialog. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pin.h"
#include "screens.h"

enum screen_outcome screen_ended(const struct ui *ui)
{
	return ui->away ? OUTCOME_AWAY : OUTCOME_STOP;
}

static unsigned close_with(void *ctx, enum screen_outcome outcome)
{
	struct screen_state *state = ctx;

	state->outcome = outcome;
	return UI_CLOSE;
}

unsigned screen_choose(void *ctx, int key)
{
	(void)key;
	return close_with(ctx, OUTCOME_CHOSEN);
}

unsigned screen_back(void *ctx, int key)
{
	(void)key;
	return close_with(ctx, OUTCOME_BACK);
}

unsigned screen_history(void *ctx, int key)
{
	(void)key;
	return close_with(ctx, OUTCOME_HISTORY);
}

unsigned screen_report(void *ctx, int key)
{
	(void)key;
	return close_with(ctx, OUTCOME_REPORT);
}

enum screen_outcome screen_run(struct ui *ui, const struct screen *screen, void *ctx)
{
	struct screen_state *state = ctx;

	state->outcome = OUTCOME_BACK;
	return ui_run(ui, screen, ctx) ? state->outcome : screen_ended(ui);
}

/* The first member of every dialog's state. */
struct dialog {
	struct screen_state state;
	const char *title;
	char *typed; /* what is typed, for Backspace; NULL: nothing is typed */
};

/* Backspace: drops the last character typed, all of its UTF-8 bytes. */
static unsigned dialog_undo(void *ctx, int key)
{
	struct dialog *d = ctx;
	size_t n = strlen(d->typed);

	(void)key;
	while (n > 0 && ((unsigned char)d->typed[n - 1] & 0xC0) == 0x80)
		n--;
	d->typed[n > 0 ? n - 1 : 0] = '\0';
	return UI_REDRAW;
}

/* Adds a byte to what is typed (size bytes) when it fits and fewer than
 * most are there; bytes of UTF-8 arrive one by one. */
static void append(char *text, size_t size, size_t most, int c)
{
	size_t n = strlen(text);

	if (n + 1 < size && n < most) {
		text[n] = (char)c;
		text[n + 1] = '\0';
	}
}

/* The dialog's title, and its question wrapped in at most lines lines
 * from the third row. Returns the row after the question. */
static int draw_question(struct ui *ui, const struct dialog *d, const char *question, int lines)
{
	ui_header(ui, d->title, NULL);
	return 2 + ui_wrap(ui, 2, 1, COLS - 2, lines, 0, ROLE_TITLE, question);
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
	return screen_choose(ctx, key);
}

static const struct ui_key leg_keys[] = {
    {'l', "l", "left", "the left leg", 3, leg_chosen, NULL},
    {'r', "r", "right", "the right leg", 2, leg_chosen, NULL},
    {'q', "q", "back", "back, without choosing", 1, screen_back, NULL},
    {27, NULL, NULL, NULL, 0, screen_back, NULL},
};

static void leg_draw(void *ctx, struct ui *ui)
{
	struct leg_prompt *p = ctx;

	draw_question(ui, &p->d, "Which leg is affected?", 1);
	ui_wrap(ui, 4, 1, COLS - 2, 4, 0, ROLE_TEXT, p->why);
	ui_key_row(ui, row_under(9), 1, COLS - 2, leg_keys, UI_KEY_COUNT(leg_keys), p, NULL);
}

static const struct screen leg_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = leg_draw,
    UI_SCREEN_KEYS(leg_keys),
};

enum screen_outcome leg_prompt_run(struct ui *ui, const char *title, const char *why, enum leg *leg)
{
	struct leg_prompt p = {{.title = title}, why, LEG_NONE};
	enum screen_outcome outcome = screen_run(ui, &leg_screen, &p);

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
	return screen_choose(ctx, key);
}

static const struct ui_key question_keys[] = {
    {'y', "y", "yes", "yes", 2, question_answer, NULL},
    {'n', "n", "no", "no", 1, question_answer, NULL},
};

static void question_draw(void *ctx, struct ui *ui)
{
	struct question *q = ctx;
	int y;

	y = draw_question(ui, &q->d, q->text, LINES - 5);
	ui_key_row(ui, row_under(y + 1), 1, COLS - 2, question_keys, UI_KEY_COUNT(question_keys), q,
	           NULL);
}

static const struct screen question_screen = {
    .min_cols = 30,
    .min_rows = 8,
    .draw = question_draw,
    UI_SCREEN_KEYS(question_keys),
};

enum screen_outcome question_run(struct ui *ui, const char *title, const char *question, bool *yes)
{
	struct question q = {{.title = title}, question, false};
	enum screen_outcome outcome = screen_run(ui, &question_screen, &q);

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
	return screen_choose(ctx, key);
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
};

static const struct ui_key rating_keys[] = {
    {'s', "s", "skip", "skip the rating", 1, screen_back, NULL},
};

static void rating_draw(void *ctx, struct ui *ui)
{
	struct rating *r = ctx;
	int y;

	y = draw_question(ui, &r->d, r->question, 4);
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
	struct rating r = {{.title = title}, question, hint, -1};
	enum screen_outcome outcome = screen_run(ui, &rating_screen, &r);

	if (outcome == OUTCOME_CHOSEN)
		*score = r.score;
	return outcome;
}

/* ------------------------------------------------- advice, and waiting */

/* A text to read, with its keys: advice until it has been read, or a wait
 * that ends by itself at until_ns. */
struct reading {
	struct dialog d;
	const char *text;
	enum ui_role role;
	const struct ui_key *keys;
	size_t key_count;
	int64_t until_ns; /* UI_NO_WAKE: no end but a key */
};

static const struct ui_key advice_keys[] = {
    {'\n', "Enter", "I have read this", "the advice has been read", 1, screen_choose, NULL},
};

static const struct ui_key waiting_keys[] = {
    {'\n', "Enter", "try now", "try again now", 1, screen_choose, NULL},
    {'q', "q", "staff", "staff: the admin PIN leaves tendo", 0, screen_back, NULL},
};

static void reading_draw(void *ctx, struct ui *ui)
{
	struct reading *r = ctx;

	ui_header(ui, r->d.title, NULL);
	ui_wrap(ui, 2, 1, COLS - 2, LINES - 4, 0, r->role, r->text);
	ui_key_row(ui, LINES - 1, 1, COLS - 2, r->keys, r->key_count, r, NULL);
}

static unsigned reading_tick(void *ctx, int64_t now_ns)
{
	struct reading *r = ctx;

	if (now_ns < r->until_ns)
		return UI_NOTHING;
	r->d.state.outcome = OUTCOME_CHOSEN;
	return UI_CLOSE;
}

static int64_t reading_wake_at(void *ctx, const struct ui *ui)
{
	(void)ui;
	return ((struct reading *)ctx)->until_ns;
}

static const struct screen advice_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = reading_draw,
    UI_SCREEN_KEYS(advice_keys),
};

static const struct screen waiting_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = reading_draw,
    .tick = reading_tick,
    .wake_at = reading_wake_at,
    UI_SCREEN_KEYS(waiting_keys),
};

enum screen_outcome advice_run(struct ui *ui, const char *title, const char *text)
{
	struct reading r = {{.title = title},          text,      ROLE_WARNING, advice_keys,
	                    UI_KEY_COUNT(advice_keys), UI_NO_WAKE};

	return screen_run(ui, &advice_screen, &r);
}

enum screen_outcome waiting_run(struct ui *ui, const char *title, const char *text, int64_t for_ns)
{
	struct reading r = {
	    {.title = title},      text, ROLE_TEXT, waiting_keys, UI_KEY_COUNT(waiting_keys),
	    ui_now_ns(ui) + for_ns};
	enum screen_outcome outcome = screen_run(ui, &waiting_screen, &r);

	/* Left alone, it waited on: the time to try again has come. */
	return outcome == OUTCOME_AWAY ? OUTCOME_CHOSEN : outcome;
}

/* ------------------------------------------------------------ typing */

/* An on-screen key, for a touch screen: its face and the key it gives. */
struct pad_key {
	const char *face; /* NULL: a gap */
	int key;
};

/* An on-screen keypad or keyboard: keys a row, left to right. */
struct pad {
	const struct pad_key *keys;
	size_t count;
	int columns;
};

/* A letter touched on the on-screen keyboard (beyond every curses key):
 * typed as a capital to start a word, else small. */
#define PAD_LETTER(c) (0x10000 + (c))

/* What a dialog that is typed into keeps beside struct dialog. */
struct typing {
	struct dialog d;
	const char *question, *hint;
	const char *notice; /* shown until the next key; NULL for none */
	size_t size, most;  /* of typed: its bytes, and the most that may be typed */
	bool (*accepts)(const char *typed, int c); /* what may be typed */
	const struct ui_key *keys;
	size_t key_count;
	const struct pad *pad; /* the keys on the screen, for touch; NULL for none */
};

/* A letter from the on-screen keyboard as typed: a capital at the start
 * of a word ("Ana", "Mary-Jo"), else small. */
static int pad_letter(const char *typed, int key)
{
	size_t n = strlen(typed);
	int c = key - PAD_LETTER(0);

	return n == 0 || typed[n - 1] == ' ' || typed[n - 1] == '-' ? toupper(c) : tolower(c);
}

/* A key: its row's action, or (when it may be typed) the key typed. */
static unsigned typing_key(void *ctx, int key)
{
	struct typing *t = ctx;
	const struct ui_key *k;

	if (key >= PAD_LETTER(0))
		key = pad_letter(t->d.typed, key);
	k = ui_key_find(t->keys, t->key_count, t, key);
	t->notice = NULL;
	if (k)
		return k->act(ctx, key);
	if (!t->accepts(t->d.typed, key))
		return UI_NOTHING;
	append(t->d.typed, t->size, t->most, key);
	return UI_REDRAW;
}

/* The on-screen keys from row y, each a place to touch; returns the row
 * under them. */
static int draw_pad(struct ui *ui, const struct pad *pad, int y)
{
	int cell = (COLS - 2) / pad->columns,
	    rows = ((int)pad->count + pad->columns - 1) / pad->columns;
	int step = LINES - 2 - y >= 2 * rows ? 2 : 1, x0;

	cell = cell > 9 ? 9 : cell;
	x0 = (COLS - pad->columns * cell) / 2;
	for (size_t i = 0; i < pad->count; i++) {
		int row = y + (int)(i / (size_t)pad->columns) * step;
		int x = x0 + (int)(i % (size_t)pad->columns) * cell;
		char face[16];
		if (row >= LINES - 1)
			break;
		if (!pad->keys[i].face)
			continue;
		snprintf(face, sizeof face, " %-*s", cell - 2, pad->keys[i].face);
		ui_text(ui, row, x, cell - 1, ROLE_KEY, face);
		ui_label(ui, row, x, cell - 1, pad->keys[i].key);
	}
	return y + rows * step;
}

/* The title, the question, what is typed as shown, the notice, the keys
 * (and the on-screen ones); returns the row under them, for the dialog's
 * own lines. */
static int draw_typing(struct ui *ui, const struct typing *t, const char *shown)
{
	int y = draw_question(ui, &t->d, t->question, 3);

	ui_text(ui, y + 1, 2, COLS - 4, ROLE_DIGITS, shown);
	if (t->notice && t->notice[0])
		ui_wrap(ui, y + 2, 1, COLS - 2, 2, 0, ROLE_WARNING, t->notice);
	ui_key_row(ui, LINES - 1, 0, COLS, t->keys, t->key_count, t, NULL);
	return t->pad ? draw_pad(ui, t->pad, y + 4) + 1 : y + 4;
}

static void draw_hint(struct ui *ui, const struct typing *t, int y)
{
	if (t->hint)
		ui_wrap(ui, y, 1, COLS - 2, LINES - y - 2, 0, ROLE_DIM, t->hint);
}

static bool is_digit(const char *typed, int c)
{
	(void)typed;
	return c >= '0' && c <= '9';
}

/* ------------------------------------------------------------ a number */

struct number {
	struct typing t;
	const char *unit;
	char text[8];
};

static unsigned number_done(void *ctx, int key)
{
	struct number *n = ctx;

	return n->text[0] ? screen_choose(ctx, key) : UI_NOTHING;
}

/* Digits, and one decimal point. */
static bool is_number_part(const char *typed, int c)
{
	return is_digit(typed, c) || (c == '.' && !strchr(typed, '.'));
}

static const struct ui_key number_keys[] = {
    {'\n', "Enter", "done", "the number is complete", 2, number_done, NULL},
    {'s', "s", "skip", "skip the question", 1, screen_back, NULL},
    {KEY_BACKSPACE, NULL, NULL, NULL, 0, dialog_undo, NULL},
};

/* Digits and a point, for a load in kilograms on a touch screen. */
static const struct pad_key number_pad_keys[] = {
    {"1", '1'},   {"2", '2'},    {"3", '3'}, {"4", '4'}, {"5", '5'}, {"6", '6'},
    {"7", '7'},   {"8", '8'},    {"9", '9'}, {".", '.'}, {"0", '0'}, {"<-", KEY_BACKSPACE},
    {"OK", '\n'}, {"skip", 's'},
};
static const struct pad number_pad = {number_pad_keys, UI_KEY_COUNT(number_pad_keys), 3};

static void number_draw(void *ctx, struct ui *ui)
{
	struct number *n = ctx;
	char shown[40];

	snprintf(shown, sizeof shown, "> %s_ %.20s", n->text, n->unit);
	draw_hint(ui, &n->t, draw_typing(ui, &n->t, shown));
}

static const struct screen number_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = number_draw,
    .key = typing_key,
};

enum screen_outcome number_run(struct ui *ui, const char *title, const char *question,
                               const char *hint, const char *unit, double *value)
{
	struct number n = {{{.title = title},
	                    question,
	                    hint,
	                    NULL,
	                    0,
	                    6,
	                    is_number_part,
	                    UI_SCREEN_KEYS(number_keys),
	                    &number_pad},
	                   unit,
	                   ""};
	enum screen_outcome outcome;

	n.t.d.typed = n.text;
	n.t.size = sizeof n.text;
	outcome = screen_run(ui, &number_screen, &n);
	if (outcome == OUTCOME_CHOSEN)
		*value = strtod(n.text, NULL);
	return outcome;
}

/* ------------------------------------------------------------ a PIN */

struct pin_entry {
	struct typing t;
	int min;
	char digits[PIN_DIGITS_MAX + 1];
	char short_notice[40];
};

static unsigned pin_done(void *ctx, int key)
{
	struct pin_entry *p = ctx;
	size_t n = strlen(p->digits);

	if (n >= (size_t)p->min && (n > 0 || p->min == 0))
		return screen_choose(ctx, key);
	if ((size_t)p->min == p->t.most)
		snprintf(p->short_notice, sizeof p->short_notice, "The PIN has %d digits.", p->min);
	else
		snprintf(p->short_notice, sizeof p->short_notice, "That is too short.");
	p->t.notice = p->short_notice;
	return UI_REDRAW;
}

static const struct ui_key pin_keys[] = {
    {'\n', "Enter", "done", "the PIN is complete", 3, pin_done, NULL},
    {KEY_BACKSPACE, "Backspace", "undo", "take back the last digit", 2, dialog_undo, NULL},
    {27, "Esc", "back", "back, without a PIN", 1, screen_back, NULL},
    {'q', NULL, NULL, NULL, 0, screen_back, NULL},
};

/* The keypad: three keys a row, as on a phone. */
static const struct pad_key pin_pad_keys[] = {
    {"1", '1'}, {"2", '2'},   {"3", '3'}, {"4", '4'}, {"5", '5'},
    {"6", '6'}, {"7", '7'},   {"8", '8'}, {"9", '9'}, {"<-", KEY_BACKSPACE},
    {"0", '0'}, {"OK", '\n'},
};
static const struct pad pin_pad = {pin_pad_keys, UI_KEY_COUNT(pin_pad_keys), 3};

/* The digits as stars, then a place for the next one. */
static void pin_draw(void *ctx, struct ui *ui)
{
	struct pin_entry *p = ctx;
	char shown[2 * PIN_DIGITS_MAX + 8] = "";
	size_t n = strlen(p->digits);

	for (size_t i = 0; i < n; i++)
		memcpy(shown + 2 * i, "* ", 2);
	if (n < p->t.most)
		shown[2 * n] = '_';
	draw_typing(ui, &p->t, shown);
}

static const struct screen pin_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = pin_draw,
    .key = typing_key,
};

enum screen_outcome pin_run(struct ui *ui, const char *title, const char *prompt,
                            const char *notice, int min_digits, int max_digits, char *pin)
{
	struct pin_entry p = {{{.title = title},
	                       prompt,
	                       NULL,
	                       notice,
	                       0,
	                       0,
	                       is_digit,
	                       UI_SCREEN_KEYS(pin_keys),
	                       &pin_pad},
	                      min_digits,
	                      "",
	                      ""};
	enum screen_outcome outcome;

	p.t.d.typed = p.digits;
	p.t.size = sizeof p.digits;
	p.t.most = (size_t)(max_digits < PIN_DIGITS_MAX ? max_digits : PIN_DIGITS_MAX);
	outcome = screen_run(ui, &pin_screen, &p);
	if (outcome == OUTCOME_CHOSEN)
		memcpy(pin, p.digits, strlen(p.digits) + 1);
	memset(p.digits, 0, sizeof p.digits);
	return outcome;
}

/* ------------------------------------------------------------ a line of text */

/* Any byte of text: UTF-8 arrives a byte at a time, and the name is
 * checked whole when the screen is left. */
static bool is_text(const char *typed, int c)
{
	(void)typed;
	return c >= 32 && c < 256 && c != 127;
}

static const struct ui_key text_keys[] = {
    {'\n', "Enter", "next", "the text is complete", 2, screen_choose, NULL},
    {27, "Esc", "back", "back", 1, screen_back, NULL},
    {KEY_BACKSPACE, NULL, NULL, NULL, 0, dialog_undo, NULL},
};

/* The letters, the marks a name may hold, a space: a keyboard to touch. */
static const struct pad_key name_pad_keys[] = {
    {"A", PAD_LETTER('a')},
    {"B", PAD_LETTER('b')},
    {"C", PAD_LETTER('c')},
    {"D", PAD_LETTER('d')},
    {"E", PAD_LETTER('e')},
    {"F", PAD_LETTER('f')},
    {"G", PAD_LETTER('g')},
    {"H", PAD_LETTER('h')},
    {"I", PAD_LETTER('i')},
    {"J", PAD_LETTER('j')},
    {"K", PAD_LETTER('k')},
    {"L", PAD_LETTER('l')},
    {"M", PAD_LETTER('m')},
    {"N", PAD_LETTER('n')},
    {"O", PAD_LETTER('o')},
    {"P", PAD_LETTER('p')},
    {"Q", PAD_LETTER('q')},
    {"R", PAD_LETTER('r')},
    {"S", PAD_LETTER('s')},
    {"T", PAD_LETTER('t')},
    {"U", PAD_LETTER('u')},
    {"V", PAD_LETTER('v')},
    {"W", PAD_LETTER('w')},
    {"X", PAD_LETTER('x')},
    {"Y", PAD_LETTER('y')},
    {"Z", PAD_LETTER('z')},
    {"-", '-'},
    {"'", '\''},
    {".", '.'},
    {NULL, 0},
    {"space", ' '},
    {"<-", KEY_BACKSPACE},
    {"OK", '\n'},
    {"back", 27},
};
static const struct pad name_pad = {name_pad_keys, UI_KEY_COUNT(name_pad_keys), 10};

static void text_draw(void *ctx, struct ui *ui)
{
	struct typing *t = ctx;
	char shown[256];

	snprintf(shown, sizeof shown, "> %s_", t->d.typed);
	draw_hint(ui, t, draw_typing(ui, t, shown));
}

static const struct screen text_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = text_draw,
    .key = typing_key,
};

enum screen_outcome text_run(struct ui *ui, const char *title, const char *question,
                             const char *hint, const char *notice, char *text, size_t size)
{
	struct typing t = {
	    {.title = title, .typed = text}, question, hint, notice, size, size, is_text,
	    UI_SCREEN_KEYS(text_keys),       &name_pad};

	return screen_run(ui, &text_screen, &t);
}
