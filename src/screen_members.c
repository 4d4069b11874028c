/* screen_members.c — a kiosk's start screen: who is training (see
 * screens.h; the PIN and the name are dialogs, in screen_dialogs.c). Every
 * choice can be made with keys, a mouse or a touch: list rows are labels. */
#include <ctype.h>
#include <stdio.h>

#include "screens.h"

/* ------------------------------------------------------------ members */

struct members {
	const struct store_member *members;
	struct ui_list list; /* the members, and a last row for someone new */
	const char *notice;
	enum screen_outcome outcome;
};

static const char not_a_diagnosis[] =
    "tendo is not a diagnosis. A sudden pop at the back of the heel, with pain and trouble "
    "pushing off, needs a medical assessment today.";

static int members_list_top(void)
{
	return LINES >= 16 ? 4 : 2;
}

static bool is_new_row(const struct members *m, size_t row)
{
	return row + 1 == m->list.count;
}

static const char *member_name(const void *ctx, size_t row)
{
	const struct members *m = ctx;
	return is_new_row(m, row) ? "" : m->members[row].name;
}

static unsigned members_choose(void *ctx, int key)
{
	struct members *m = ctx;

	if (key == '+')
		m->list.selected = m->list.count - 1;
	m->outcome = OUTCOME_CHOSEN;
	return UI_CLOSE;
}

static unsigned members_staff(void *ctx, int key)
{
	struct members *m = ctx;

	(void)key;
	m->outcome = OUTCOME_BACK;
	return UI_CLOSE;
}

static unsigned members_move(void *ctx, int key)
{
	struct members *m = ctx;

	ui_list_key(&m->list, key);
	return UI_REDRAW;
}

static const struct ui_key members_keys[] = {
    {KEY_UP, "Up", "", "the name above", 2, members_move, NULL},
    {KEY_DOWN, "Down", "choose",
     "the name below (Page Up, Page Down, Home, End, or a "
     "name's first letter)",
     3, members_move, NULL},
    {'\n', "Enter", "start", "train as the chosen member (or touch the name)", 5, members_choose,
     NULL},
    {'+', "+", "new", "add yourself as a new member", 4, members_choose, NULL},
    {'q', "q", "staff", "the staff's way out (asks for the admin PIN)", 1, members_staff, NULL},
    {KEY_PPAGE, NULL, NULL, NULL, 0, members_move, NULL},
    {KEY_NPAGE, NULL, NULL, NULL, 0, members_move, NULL},
    {KEY_HOME, NULL, NULL, NULL, 0, members_move, NULL},
    {KEY_END, NULL, NULL, NULL, 0, members_move, NULL},
};

static void members_draw(void *ctx, struct ui *ui)
{
	struct members *m = ctx;
	int y = members_list_top();

	ui_header(ui, "tendo \u2014 who is training?", NULL);
	if (LINES >= 16)
		ui_text(ui, 2, 1, COLS - 2, ROLE_TITLE,
		        "Choose your name, or \"I'm new here\" to add yourself.");
	ui_list_fit(&m->list, LINES - members_list_top() - 5);
	for (size_t i = m->list.top; i < m->list.count && y < members_list_top() + m->list.rows;
	     i++)
		ui_list_row(ui, &m->list, i, y++, is_new_row(m, i) ? ROLE_TITLE : ROLE_TEXT,
		            is_new_row(m, i) ? "+ I'm new here" : m->members[i].name, NULL);
	if (m->notice && m->notice[0])
		ui_text(ui, LINES - 4, 1, COLS - 2, ROLE_WARNING, m->notice);
	ui_wrap(ui, LINES - 3, 1, COLS - 2, 2, 0, ROLE_DIM, not_a_diagnosis);
	ui_key_row(ui, LINES - 1, 0, COLS, members_keys, UI_KEY_COUNT(members_keys), m, NULL);
}

static unsigned members_key(void *ctx, int key)
{
	struct members *m = ctx;
	const struct ui_key *k = ui_key_find(members_keys, UI_KEY_COUNT(members_keys), m, key);

	m->notice = NULL;
	if (k)
		return k->act(m, key);
	/* A click or a touch on a name chooses it at once. */
	if (key >= UI_KEY_ROW && key < UI_KEY_ROW + (int)m->list.count) {
		m->list.selected = (size_t)(key - UI_KEY_ROW);
		return members_choose(m, key);
	}
	if (key > 0 && key < 128 && isalnum(key))
		ui_list_jump(&m->list, key, member_name, m);
	return UI_REDRAW; /* the notice, if any, goes */
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
	struct members m = {.members = members, .notice = notice, .outcome = OUTCOME_BACK};

	m.list = (struct ui_list){.count = count + 1, .selected = *chosen <= count ? *chosen : 0};
	if (!ui_run(ui, &members_screen, &m))
		return screen_ended(ui);
	*chosen = m.list.selected;
	return m.outcome;
}
