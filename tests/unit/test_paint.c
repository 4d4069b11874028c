/* test_paint.c — cells sent as erases in their colour: what a terminal
 * that erases in the background colour shows after paint's bytes. The
 * terminal here is a model of xterm's: each case plays paint's bytes on it
 * and compares every cell with what it should show. */
#include "helpers.h"

#include <stdio.h>

#include "paint.h"

enum { ROWS = 30, COLS = 40 };

/* ------------------------------------------------------------ a terminal */

struct term {
	int bg[ROWS][COLS];     /* each cell's background; a cell written is a blank */
	bool under[ROWS][COLS]; /* a cell written while underlining was on */
	int y, x, colour;
	bool underline; /* left on by what was drawn before paint */
	int saved_y, saved_x, saved_colour;
	bool pending_wrap; /* the last column was written: xterm holds the cursor there */
};

static int number(const char **p)
{
	int n = 0;
	while (**p >= '0' && **p <= '9')
		n = n * 10 + *(*p)++ - '0';
	return n;
}

static void csi(struct term *t, const char **p)
{
	int a = number(p), b = 0;
	if (**p == ';') {
		(*p)++;
		b = number(p);
	}
	switch (*(*p)++) {
	case 'H': t->y = (a ? a : 1) - 1, t->x = (b ? b : 1) - 1; break;
	case 'X': /* an erased cell takes the background, and no underline */
		for (int i = 0; i < (a ? a : 1) && t->x + i < COLS; i++) {
			t->bg[t->y][t->x + i] = t->colour;
			t->under[t->y][t->x + i] = false;
		}
		break;
	case 'C': t->x += a ? a : 1; break;
	case 'D': t->x -= a ? a : 1; break;
	case 'G': t->x = (a ? a : 1) - 1; break;
	case 'm': t->colour = a == 49 ? PAINT_DEFAULT : a - 40; break;
	default: fail_msg("a sequence the model does not know, before \"%s\"", *p);
	}
	t->pending_wrap = false;
	assert_true(t->y >= 0 && t->y < ROWS && t->x >= 0 && t->x < COLS);
}

static void play(struct term *t, const char *bytes, size_t n)
{
	const char *p = bytes, *end = bytes + n;

	while (p < end) {
		char c = *p++;
		if (c == '\033' && *p == '[') {
			p++;
			csi(t, &p);
		} else if (c == '\033' && *p == '7') {
			p++;
			t->saved_y = t->y, t->saved_x = t->x, t->saved_colour = t->colour;
		} else if (c == '\033' && *p == '8') {
			p++;
			t->y = t->saved_y, t->x = t->saved_x, t->colour = t->saved_colour;
		} else if (c == '\n') {
			assert_true(++t->y < ROWS); /* paint never scrolls */
			t->pending_wrap = false;
		} else if (c == '\r') {
			t->x = 0;
			t->pending_wrap = false;
		} else if (c == ' ') {
			if (t->pending_wrap)
				fail_msg("a space written past the last column wraps");
			t->bg[t->y][t->x] = t->colour;
			t->under[t->y][t->x] = t->underline;
			if (t->x == COLS - 1)
				t->pending_wrap = true;
			else
				t->x++;
		} else
			fail_msg("a byte the model does not know: 0x%02x", (unsigned char)c);
	}
}

/* ------------------------------------------------------------ sequences */

struct caps {
	bool no_down, no_relative; /* a terminal without them */
};

static int ansi(void *ctx, enum paint_op op, int a, int b, char *buf, size_t size)
{
	const struct caps *caps = ctx;
	int n = -1;

	switch (op) {
	case PAINT_SAVE: n = snprintf(buf, size, "\0337"); break;
	case PAINT_RESTORE: n = snprintf(buf, size, "\0338"); break;
	case PAINT_MOVE: n = snprintf(buf, size, "\033[%d;%dH", a + 1, b + 1); break;
	case PAINT_DOWN: n = caps->no_down ? -1 : snprintf(buf, size, "\n"); break;
	case PAINT_RIGHT: n = caps->no_relative ? -1 : snprintf(buf, size, "\033[%dC", a); break;
	case PAINT_LEFT: n = caps->no_relative ? -1 : snprintf(buf, size, "\033[%dD", a); break;
	case PAINT_COLUMN:
		n = caps->no_relative ? -1 : snprintf(buf, size, "\033[%dG", a + 1);
		break;
	case PAINT_RETURN: n = caps->no_relative ? -1 : snprintf(buf, size, "\r"); break;
	case PAINT_BACKGROUND:
		n = snprintf(buf, size, "\033[%dm", a == PAINT_DEFAULT ? 49 : 40 + a);
		break;
	case PAINT_ERASE: n = snprintf(buf, size, "\033[%dX", a); break;
	}
	return n >= 0 && (size_t)n < size ? n : -1;
}

/* ------------------------------------------------------------ cases */

/* A region drawn as text: '.' the terminal's own background, a digit
 * that colour, '#' a cell paint leaves alone (text). */
struct paint_case {
	const char *name;
	int top, left;
	const char *shown[8], *next[8];
	struct caps caps;
	bool starts_plain;
};

static int cell_of(char c)
{
	return c == '.' ? PAINT_DEFAULT : c == '#' ? PAINT_OTHER : c - '0';
}

static int rows_of(const struct paint_case *c)
{
	int rows = 0;
	while (rows < 8 && c->next[rows])
		rows++;
	return rows;
}

/* Plays the case on a terminal that shows shown (its '#' cells in colour
 * 7, as text would be) with the cursor at the bottom right; in colour 5
 * and underlining unless the case starts plain. Returns the bytes sent. */
static size_t run_case(const struct paint_case *c, struct term *t, char *out, size_t size)
{
	int rows = rows_of(c), cols = (int)strlen(c->next[0]);
	int shown[8 * COLS], next[8 * COLS];
	struct paint_region region = {c->top, c->left, rows, cols, shown, next};
	struct caps caps = c->caps;
	struct paint_terminal term = {ansi, &caps, COLS, c->starts_plain};
	size_t n;

	memset(t, 0, sizeof *t);
	t->y = ROWS - 1, t->x = COLS - 1, t->colour = c->starts_plain ? PAINT_DEFAULT : 5;
	t->underline = !c->starts_plain;
	for (int y = 0; y < ROWS; y++)
		for (int x = 0; x < COLS; x++)
			t->bg[y][x] = PAINT_DEFAULT;
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			shown[y * cols + x] = cell_of(c->shown[y][x]);
			next[y * cols + x] = cell_of(c->next[y][x]);
			t->bg[c->top + y][c->left + x] =
			    shown[y * cols + x] == PAINT_OTHER ? 7 : shown[y * cols + x];
		}
	n = paint_regions(&term, &region, 1, out, size);
	play(t, out, n);
	return n;
}

static void check_case(const struct paint_case *c)
{
	int rows = rows_of(c), cols = (int)strlen(c->next[0]);
	char out[4096];
	struct term t;

	run_case(c, &t, out, sizeof out);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			int want = cell_of(c->next[y][x]);
			int got = t.bg[c->top + y][c->left + x];
			if (want == PAINT_OTHER)
				want = cell_of(c->shown[y][x]) == PAINT_OTHER
				           ? 7
				           : cell_of(c->shown[y][x]);
			if (got != want)
				fail_msg("%s: row %d, column %d shows %d, not %d", c->name, y, x,
				         got, want);
			if (t.under[c->top + y][c->left + x])
				fail_msg("%s: row %d, column %d is underlined", c->name, y, x);
		}
	if (t.y != ROWS - 1 || t.x != COLS - 1 || t.colour != (c->starts_plain ? -1 : 5))
		fail_msg("%s: the cursor or the colour was not put back", c->name);
}

#define CASE(name_, top_, left_, ...)                                                              \
	{                                                                                          \
		.name = name_, .top = top_, .left = left_, __VA_ARGS__                             \
	}

static const struct paint_case cases[] = {
    CASE("a stroke turns on, down a digit's right side", 2, 10,
         .shown = {"......", "......", "......", "......"},
         .next = {"....22", "....22", "....22", "....22"}),
    CASE("a 5 becomes a 6: one stroke on, in two colours' company", 3, 4,
         .shown = {"222", "2..", "222", "..2", "222"}, .next = {"222", "2..", "222", "2.2", "222"}),
    CASE("an 8 becomes a 7: strokes off and on", 0, 0, .shown = {"333", "3.3", "333", "3.3", "333"},
         .next = {"333", "..3", "..3", "..3", "..3"}),
    CASE("text in the region is left to curses", 5, 5, .shown = {"#..#", "#..#"},
         .next = {"#22#", "#..#"}),
    CASE("a run at the screen's right edge, then one below to its left", 2, COLS - 4,
         .shown = {"....", "...."}, .next = {"...1", "2..."}, .starts_plain = true),
    CASE("short runs, the attributes not known to be plain", 6, 0, .shown = {"....", "...."},
         .next = {"1.1.", ".1.1"}),
    CASE("a terminal with no line feed as a move, nor relative moves", 4, 8,
         .shown = {"....", "....", "...."}, .next = {"2..2", "2..2", "2222"},
         .caps = {.no_down = true, .no_relative = true}),
    CASE("the background already the terminal's own", 0, 2, .shown = {"11", "11"},
         .next = {"..", "1."}, .starts_plain = true),
    CASE("a cell that shows text becomes a blank", 9, 0, .shown = {"#", "#"}, .next = {"4", "."}),
};

static void test_what_the_terminal_shows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(&cases[i]);
}

/* The rows of a stroke follow each other a line feed apart: one move to
 * the stroke, not one for each of its rows (what makes the big digits
 * cheap on a large screen). */
static int absolute_moves(const char *bytes, size_t n)
{
	int moves = 0;

	for (size_t i = 0; i + 1 < n; i++)
		if (bytes[i] == '\033' && bytes[i + 1] == '[') {
			size_t k = i + 2;
			while (k < n && ((bytes[k] >= '0' && bytes[k] <= '9') || bytes[k] == ';'))
				k++;
			moves += k < n && bytes[k] == 'H';
		}
	return moves;
}

static void test_a_stroke_is_one_move(void **state)
{
	char out[4096];
	struct term t;
	size_t n = run_case(&cases[0], &t, out, sizeof out);

	(void)state;
	assert_int_equal(absolute_moves(out, n), 1);
}

static void test_nothing_to_send(void **state)
{
	static const struct paint_case same =
	    CASE("nothing changed", 0, 0, .shown = {"2.", ".2"}, .next = {"2.", ".2"});
	static const struct paint_case text =
	    CASE("only text", 0, 0, .shown = {"2."}, .next = {"##"});
	char out[256];
	struct term t;

	(void)state;
	assert_int_equal(run_case(&same, &t, out, sizeof out), 0);
	assert_int_equal(run_case(&text, &t, out, sizeof out), 0);
}

/* Bytes that do not fit are none at all: curses then sends the cells. */
static void test_too_small_a_buffer(void **state)
{
	char out[8];
	struct term t;

	(void)state;
	assert_int_equal(run_case(&cases[2], &t, out, sizeof out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_what_the_terminal_shows),
	    cmocka_unit_test(test_a_stroke_is_one_move),
	    cmocka_unit_test(test_nothing_to_send),
	    cmocka_unit_test(test_too_small_a_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
