/* screen_members.c — a kiosk's start screen: who is training (see
 * screens.h; the PIN and the name are dialogs, in screen_dialogs.c). Every
 * choice can be made with keys, a mouse or a touch: list rows are labels. */
#include <ctype.h>
#include <stdio.h>

#include "screens.h"

/* ------------------------------------------------------------ members */

struct members {
	struct screen_state state;
	const struct store_member *members;
	struct ui_list list; /* the members, and a last row for someone new */
	const char *notice;
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
	return screen_choose(m, key);
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
    {'q', "q", "staff", "the staff's way out (asks for the admin PIN)", 1, screen_back, NULL},
    {KEY_PPAGE, NULL, NULL, NULL, 0, members_move, NULL},
    {KEY_NPAGE, NULL, NULL, NULL, 0, members_move, NULL},
    {KEY_HOME, NULL, NULL, NULL, 0, members_move, NULL},
    {KEY_END, NULL, NULL, NULL, 0, members_move, NULL},
};

static struct ui_list_text member_row(const void *ctx, size_t i)
{
	const struct members *m = ctx;

	if (is_new_row(m, i))
		return (struct ui_list_text){"+ I'm new here", NULL, ROLE_TITLE};
	return (struct ui_list_text){m->members[i].name, NULL, ROLE_TEXT};
}

static void members_draw(void *ctx, struct ui *ui)
{
	struct members *m = ctx;

	ui_header(ui, "tendo \u2014 who is training?", NULL);
	if (LINES >= 16)
		ui_text(ui, 2, 1, COLS - 2, ROLE_TITLE,
		        "Choose your name, or \"I'm new here\" to add yourself.");
	ui_list_draw(ui, &m->list, members_list_top(), LINES - members_list_top() - 5, member_row,
	             m);
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
	if (ui_list_touched(&m->list, key, &m->list.selected))
		return members_choose(m, key);
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
	struct members m = {.members = members, .notice = notice};
	enum screen_outcome outcome;

	m.list = (struct ui_list){.count = count + 1, .selected = *chosen <= count ? *chosen : 0};
	outcome = screen_run(ui, &members_screen, &m);
	*chosen = m.list.selected;
	return outcome;
}

/* ------------------------------------------------------------ staff */

struct staff {
	struct screen_state state;
	const struct staff_row *rows;
	const char *in_use, *notice;
	struct ui_list list;
	int action;
};

static unsigned staff_move(void *ctx, int key)
{
	struct staff *s = ctx;

	ui_list_key(&s->list, key);
	return UI_REDRAW;
}

/* An action on the member chosen, or leaving tendo. */
static unsigned staff_act(void *ctx, int key)
{
	struct staff *s = ctx;

	s->action = key;
	return screen_choose(s, key);
}

static bool has_member(const void *ctx)
{
	return ((const struct staff *)ctx)->list.count > 0;
}

static const struct ui_key staff_keys[] = {
    {KEY_UP, "Up", "", "the member above", 2, staff_move, NULL},
    {KEY_DOWN, "Down", "choose", "the member below (or touch one)", 3, staff_move, NULL},
    {'r', "r", "remove", "remove the member and their log (asks first)", 4, staff_act, has_member},
    {'p', "p", "PIN", "give the member a new PIN, or none", 4, staff_act, has_member},
    {'u', "u", "unlock", "lift the lockout after three wrong PINs", 4, staff_act, has_member},
    {'R', "R", "report", "write the member's report for their physiotherapist (a PDF)", 4,
     staff_act, has_member},
    {'x', "x", "leave tendo", "leave tendo", 5, staff_act, NULL},
    {27, "Esc", "back", "back to the members' screen", 1, screen_back, NULL},
    {KEY_PPAGE, NULL, NULL, NULL, 0, staff_move, NULL},
    {KEY_NPAGE, NULL, NULL, NULL, 0, staff_move, NULL},
    {KEY_HOME, NULL, NULL, NULL, 0, staff_move, NULL},
    {KEY_END, NULL, NULL, NULL, 0, staff_move, NULL},
};

static struct ui_list_text staff_row(const void *ctx, size_t i)
{
	const struct staff *s = ctx;

	return (struct ui_list_text){s->rows[i].member->name, s->rows[i].detail, ROLE_TEXT};
}

static void staff_draw(void *ctx, struct ui *ui)
{
	struct staff *s = ctx;
	int top = 4;

	ui_header(ui, "tendo \u2014 staff", NULL);
	ui_text(ui, 2, 1, COLS - 2, ROLE_TITLE, s->in_use);
	ui_list_draw(ui, &s->list, top, LINES - top - 3, staff_row, s);
	if (s->list.count == 0)
		ui_text(ui, top, 3, COLS - 4, ROLE_DIM, "No members yet.");
	if (s->notice && s->notice[0])
		ui_text(ui, LINES - 3, 1, COLS - 2, ROLE_WARNING, s->notice);
	ui_key_row(ui, LINES - 1, 0, COLS, staff_keys, UI_KEY_COUNT(staff_keys), s, NULL);
}

static unsigned staff_key(void *ctx, int key)
{
	struct staff *s = ctx;
	const struct ui_key *k = ui_key_find(staff_keys, UI_KEY_COUNT(staff_keys), s, key);

	s->notice = NULL;
	if (k)
		return k->act(s, key);
	/* A touch on a member chooses them; the action is a key. */
	ui_list_touched(&s->list, key, &s->list.selected);
	return UI_REDRAW;
}

static const struct screen staff_screen = {
    .min_cols = 30,
    .min_rows = 10,
    .draw = staff_draw,
    .key = staff_key,
};

enum screen_outcome staff_run(struct ui *ui, const struct staff_row *rows, size_t count,
                              const char *in_use, const char *notice, size_t *chosen, int *action)
{
	struct staff s = {.rows = rows, .in_use = in_use, .notice = notice};
	enum screen_outcome outcome;

	s.list = (struct ui_list){.count = count, .selected = *chosen < count ? *chosen : 0};
	outcome = screen_run(ui, &staff_screen, &s);
	*chosen = s.list.selected;
	*action = s.action;
	return outcome;
}
