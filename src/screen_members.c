/* screen_members.c — a kiosk's screens: who is training, a PIN, a name
 * (see screens.h). Every choice can be made with keys, a mouse or a
 * touch: list rows and keypad keys are labels. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "screens.h"

static bool is_enter(int key)
{
	return key == '\n' || key == '\r' || key == KEY_ENTER;
}

static bool is_backspace(int key)
{
	return key == KEY_BACKSPACE || key == 127 || key == 8;
}

/* ------------------------------------------------------------ members */

struct members {
	const struct store_member *members;
	size_t count; /* the rows are the members and one for someone new */
	size_t selected, top;
	int rows; /* as last drawn */
	const char *notice;
	bool chosen, staff;
};

static const char not_a_diagnosis[] =
    "tendo is not a diagnosis. A sudden pop at the back of the heel, with pain and trouble "
    "pushing off, needs a medical assessment today.";

static int members_list_top(void)
{
	return LINES >= 16 ? 4 : 2;
}

static void keep_visible(struct members *m)
{
	int rows = LINES - members_list_top() - 5;

	m->rows = rows < 1 ? 1 : rows;
	if (m->selected < m->top)
		m->top = m->selected;
	if (m->selected >= m->top + (size_t)m->rows)
		m->top = m->selected - (size_t)m->rows + 1;
}

static void draw_member_row(struct members *m, struct ui *ui, size_t i, int y)
{
	bool selected = i == m->selected;
	enum ui_role role = selected ? ROLE_SELECTED : i == m->count ? ROLE_TITLE : ROLE_TEXT;
	char line[STORE_NAME_MAX + 32];

	if (selected) {
		attrset(ui->attr[ROLE_SELECTED]);
		mvhline(y, 0, ' ', COLS);
	}
	if (i == m->count)
		snprintf(line, sizeof line, "+ I'm new here");
	else
		snprintf(line, sizeof line, "%s", m->members[i].name);
	ui_text(ui, y, 1, 2, role, selected ? ">" : " ");
	ui_text(ui, y, 3, COLS - 4, role, line);
	ui_label(ui, y, 0, COLS, UI_KEY_ROW + (int)i);
}

static void members_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {KEY_UP, KEY_DOWN, '\n', '+', 'q'};
	static const char *const names[] = {"Up", "Down", "Enter", "+", "q"};
	static const char *const words[] = {"", "choose", "start", "new", "staff"};
	struct members *m = ctx;
	int y = members_list_top();

	ui_header(ui, "tendo \u2014 who is training?");
	if (LINES >= 16)
		ui_text(ui, 2, 1, COLS - 2, ROLE_TITLE,
		        "Choose your name, or \"I'm new here\" to add yourself.");
	keep_visible(m);
	for (size_t i = m->top; i <= m->count && y < members_list_top() + m->rows; i++)
		draw_member_row(m, ui, i, y++);
	if (m->notice && m->notice[0])
		ui_text(ui, LINES - 4, 1, COLS - 2, ROLE_WARNING, m->notice);
	ui_wrap(ui, LINES - 3, 1, COLS - 2, 2, 0, ROLE_DIM, not_a_diagnosis);
	ui_keys(ui, LINES - 1, 0, COLS, keys, names, words, 5);
}

static void members_move(struct members *m, long target)
{
	long last = (long)m->count;
	m->selected = (size_t)(target < 0 ? 0 : target > last ? last : target);
}

/* The next member whose name starts with c (ASCII letters and digits). */
static void members_jump(struct members *m, int c)
{
	for (size_t k = 1; k <= m->count; k++) {
		size_t i = (m->selected + k) % (m->count + 1);
		if (i < m->count && tolower((unsigned char)m->members[i].name[0]) == tolower(c)) {
			m->selected = i;
			return;
		}
	}
}

static unsigned members_key(void *ctx, int key)
{
	struct members *m = ctx;

	m->notice = NULL;
	if (key >= UI_KEY_ROW && key <= UI_KEY_ROW + (int)m->count) {
		m->selected = (size_t)(key - UI_KEY_ROW);
		m->chosen = true;
		return UI_CLOSE;
	}
	switch (key) {
	case KEY_UP: members_move(m, (long)m->selected - 1); break;
	case KEY_DOWN: members_move(m, (long)m->selected + 1); break;
	case KEY_PPAGE: members_move(m, (long)m->selected - m->rows); break;
	case KEY_NPAGE: members_move(m, (long)m->selected + m->rows); break;
	case KEY_HOME: members_move(m, 0); break;
	case KEY_END: members_move(m, (long)m->count); break;
	case '+':
		m->selected = m->count;
		m->chosen = true;
		return UI_CLOSE;
	case 'q': m->staff = true; return UI_CLOSE;
	default:
		if (is_enter(key)) {
			m->chosen = true;
			return UI_CLOSE;
		}
		if (key > 0 && key < 128 && isalnum(key))
			members_jump(m, key);
		else
			return UI_REDRAW; /* the notice, if any, goes */
	}
	return UI_REDRAW;
}

/* The start screen is where a kiosk rests: nothing to go back to. */
static int64_t never(void *ctx, const struct ui *ui)
{
	(void)ctx;
	(void)ui;
	return UI_NO_WAKE;
}

static const struct screen members_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = members_draw,
    .key = members_key,
    .idle_limit = never,
};

enum screen_outcome members_run(struct ui *ui, const struct store_member *members, size_t count,
                                size_t *chosen, const char *notice)
{
	struct members m = {.members = members, .count = count, .notice = notice};

	m.selected = *chosen <= count ? *chosen : 0;
	if (!ui_run(ui, &members_screen, &m))
		return screen_ended(ui);
	*chosen = m.selected;
	return m.staff ? OUTCOME_BACK : OUTCOME_CHOSEN;
}

/* ------------------------------------------------------------ a PIN */

enum { PIN_MAX = 12 };

struct pin_entry {
	const char *title, *prompt, *notice;
	int min, max;
	char digits[PIN_MAX + 1];
	bool done, back;
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
	static const int keys[] = {'\n', KEY_BACKSPACE, 27};
	static const char *const names[] = {"Enter", "Backspace", "Esc"};
	static const char *const words[] = {"done", "undo", "back"};
	struct pin_entry *p = ctx;
	char shown[2 * PIN_MAX + 8];
	size_t n = strlen(p->digits);
	int y;

	ui_header(ui, p->title);
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
	ui_keys(ui, LINES - 1, 0, COLS, keys, names, words, 3);
}

static unsigned pin_key(void *ctx, int key)
{
	struct pin_entry *p = ctx;
	size_t n = strlen(p->digits);

	p->notice = NULL;
	if (key >= '0' && key <= '9') {
		if (n < (size_t)p->max) {
			p->digits[n] = (char)key;
			p->digits[n + 1] = '\0';
		}
	} else if (is_backspace(key)) {
		if (n > 0)
			p->digits[n - 1] = '\0';
	} else if (is_enter(key)) {
		if (n >= (size_t)p->min && (n > 0 || p->min == 0)) {
			p->done = true;
			return UI_CLOSE;
		}
		p->notice = p->min == p->max ? "The PIN has 4 digits." : "That is too short.";
	} else if (key == 27 || key == 'q' || key == 'Q') {
		p->back = true;
		return UI_CLOSE;
	} else {
		return UI_NOTHING;
	}
	return UI_REDRAW;
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
	struct pin_entry p = {.title = title, .prompt = prompt, .notice = notice};

	p.min = min_digits;
	p.max = max_digits > PIN_MAX ? PIN_MAX : max_digits;
	if (!ui_run(ui, &pin_screen, &p)) {
		memset(p.digits, 0, sizeof p.digits);
		return screen_ended(ui);
	}
	memcpy(pin, p.digits, strlen(p.digits) + 1);
	memset(p.digits, 0, sizeof p.digits);
	return p.back ? OUTCOME_BACK : OUTCOME_CHOSEN;
}

/* ------------------------------------------------------------ a line of text */

struct text_entry {
	const char *title, *question, *hint, *notice;
	char *text;
	size_t size;
	bool back;
};

static void text_draw(void *ctx, struct ui *ui)
{
	static const int keys[] = {'\n', 27};
	static const char *const names[] = {"Enter", "Esc"};
	static const char *const words[] = {"next", "back"};
	struct text_entry *t = ctx;
	char shown[256];
	int y;

	ui_header(ui, t->title);
	y = 2 + ui_wrap(ui, 2, 1, COLS - 2, 3, 0, ROLE_TITLE, t->question);
	snprintf(shown, sizeof shown, "> %s_", t->text);
	ui_text(ui, y + 1, 2, COLS - 4, ROLE_DIGITS, shown);
	if (t->notice && t->notice[0])
		ui_wrap(ui, y + 3, 1, COLS - 2, 2, 0, ROLE_WARNING, t->notice);
	if (t->hint)
		ui_wrap(ui, y + 6, 1, COLS - 2, LINES - y - 8, 0, ROLE_DIM, t->hint);
	ui_keys(ui, LINES - 1, 0, COLS, keys, names, words, 2);
}

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

static unsigned text_key(void *ctx, int key)
{
	struct text_entry *t = ctx;
	size_t n = strlen(t->text);

	t->notice = NULL;
	if (is_enter(key))
		return UI_CLOSE;
	if (key == 27) {
		t->back = true;
		return UI_CLOSE;
	}
	if (is_backspace(key))
		drop_last(t->text);
	else if (key >= 32 && key < 256 && key != 127 && n + 1 < t->size) {
		/* Bytes of UTF-8 arrive one by one; the name is checked whole. */
		t->text[n] = (char)key;
		t->text[n + 1] = '\0';
	} else
		return UI_NOTHING;
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
	struct text_entry t = {title, question, hint, notice, text, size, false};

	if (!ui_run(ui, &text_screen, &t))
		return screen_ended(ui);
	return t.back ? OUTCOME_BACK : OUTCOME_CHOSEN;
}
