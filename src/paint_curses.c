/* paint_curses.c — lit cells that change, sent as erases beside curses
 * (see paint_curses.h). */
#include "paint_curses.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "paint.h"

/* ------------------------------------------------------------ sequences */

/* A terminfo string as paint may send it: there, and with no padding
 * (which tputs alone turns into a delay). */
static const char *plain(const char *s)
{
	if (!s || s == (const char *)-1 || strstr(s, "$<"))
		return NULL;
	return s;
}

static const char *with(const char *cap, int a, int b)
{
	return plain(cap) ? plain(tiparm(cap, a, b)) : NULL;
}

/* The terminal's own background, as curses sends it: SGR 49 where the
 * entry says the terminal takes it (AX), else the original pair. */
static const char *default_background(void)
{
	return tigetflag("AX") > 0 ? "\033[49m" : plain(orig_pair);
}

/* A line feed goes down a row in the same column unless the tty turns it
 * into a carriage return and a line feed (ONLCR; curses' nonl() turns
 * that off). */
static bool newline_keeps_column(void)
{
	struct termios t;

	return tcgetattr(STDOUT_FILENO, &t) == 0 && (!(t.c_oflag & OPOST) || !(t.c_oflag & ONLCR));
}

static const char *down(bool newline_down)
{
	const char *s = plain(cursor_down);

	return s && s[0] == '\n' && !newline_down ? NULL : s;
}

static int format(void *ctx, enum paint_op op, int a, int b, char *buf, size_t size)
{
	const bool *newline_down = ctx;
	const char *s = NULL;
	size_t n;

	switch (op) {
	case PAINT_SAVE: s = plain(save_cursor); break;
	case PAINT_RESTORE: s = plain(restore_cursor); break;
	case PAINT_MOVE: s = with(cursor_address, a, b); break;
	case PAINT_DOWN: s = down(*newline_down); break;
	case PAINT_RIGHT: s = with(parm_right_cursor, a, 0); break;
	case PAINT_LEFT: s = with(parm_left_cursor, a, 0); break;
	case PAINT_COLUMN: s = with(column_address, a, 0); break;
	case PAINT_RETURN: s = plain(carriage_return); break;
	case PAINT_BACKGROUND:
		s = a >= 0 ? with(set_a_background, a, 0) : default_background();
		break;
	case PAINT_ERASE: s = with(erase_chars, a, 0); break;
	}
	if (!s || (n = strlen(s)) >= size)
		return -1;
	memcpy(buf, s, n);
	return (int)n;
}

bool paint_curses_usable(void)
{
	/* The sequences paint cannot do without (paint.h), with arguments. */
	static const struct {
		enum paint_op op;
		int a, b;
	} needed[] = {
	    {PAINT_SAVE, 0, 0},
	    {PAINT_RESTORE, 0, 0},
	    {PAINT_MOVE, 1, 1},
	    {PAINT_ERASE, 1, 0},
	    {PAINT_BACKGROUND, PAINT_DEFAULT, 0},
	    {PAINT_BACKGROUND, COLOR_GREEN, 0},
	};
	bool newline_down = false;
	char buf[64];

	if (!back_color_erase)
		return false;
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
		if (format(&newline_down, needed[i].op, needed[i].a, needed[i].b, buf, sizeof buf) <
		    0)
			return false;
	return true;
}

/* ------------------------------------------------------------ cells */

/* A cell as paint sees it (see paint.h); *wide is set for a character two
 * columns wide, which an erase of one of its halves would break. */
static int background_of(const cchar_t *cell, bool *wide)
{
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attrs;
	short pair, fg, bg;

	if (getcchar(cell, wch, &attrs, &pair, NULL) == ERR)
		return PAINT_OTHER;
	if (wch[0] != L' ' || wch[1] != L'\0') {
		if (wcwidth(wch[0]) > 1)
			*wide = true;
		return PAINT_OTHER;
	}
	if ((attrs & A_ATTRIBUTES & ~A_COLOR) != 0 || pair_content(pair, &fg, &bg) == ERR)
		return PAINT_OTHER;
	return bg < 0 ? PAINT_DEFAULT : bg;
}

/* A rectangle's cells as curses has them on the screen and is about to
 * send them, each row followed by a null cell (as curses reads them). */
struct cells {
	struct paint_rect rect;
	cchar_t *shown_cells, *next_cells;
	int *shown, *next;
};

static bool cells_alloc(struct cells *c, const struct paint_rect *rect)
{
	size_t n = (size_t)rect->rows * (size_t)rect->cols;
	size_t with_ends = (size_t)rect->rows * (size_t)(rect->cols + 1);

	c->rect = *rect;
	c->shown_cells = calloc(with_ends, sizeof *c->shown_cells);
	c->next_cells = calloc(with_ends, sizeof *c->next_cells);
	c->shown = calloc(n, sizeof *c->shown);
	c->next = calloc(n, sizeof *c->next);
	return c->shown_cells && c->next_cells && c->shown && c->next;
}

static void cells_free(struct cells *c)
{
	free(c->shown_cells);
	free(c->next_cells);
	free(c->shown);
	free(c->next);
}

/* Reads the rectangle's cells from win into cells and their backgrounds
 * into backgrounds. False where a wide character is among them. */
static bool read_cells(WINDOW *win, const struct paint_rect *r, cchar_t *cells, int *backgrounds)
{
	bool wide = false;

	for (int y = 0; y < r->rows; y++) {
		cchar_t *row = cells + (size_t)y * (size_t)(r->cols + 1);
		if (mvwin_wchnstr(win, r->y + y, r->x, row, r->cols) == ERR)
			return false;
		for (int x = 0; x < r->cols; x++)
			backgrounds[y * r->cols + x] = background_of(&row[x], &wide);
	}
	return !wide;
}

static bool cells_read(struct cells *c)
{
	return read_cells(curscr, &c->rect, c->shown_cells, c->shown) &&
	       read_cells(newscr, &c->rect, c->next_cells, c->next);
}

/* Tells curses the painted cells are on the screen: what it then finds
 * there is what it was about to send. */
static void mark_painted(const struct cells *c)
{
	const struct paint_rect *r = &c->rect;

	for (int y = 0; y < r->rows; y++) {
		const cchar_t *row = c->next_cells + (size_t)y * (size_t)(r->cols + 1);
		const int *next = c->next + y * r->cols;
		for (int x = 0; x < r->cols;) {
			int end = x;
			while (end < r->cols && next[end] != PAINT_OTHER)
				end++;
			if (end > x)
				mvwadd_wchnstr(curscr, r->y + y, r->x + x, row + x, end - x);
			x = end + 1;
		}
	}
}

/* ------------------------------------------------------------ the frame */

/* Writes the bytes to the terminal ahead of curses' update, which sends
 * its own with write(2) at the end of doupdate(): anything of curses'
 * still in stdout's buffer (a bell) goes first. Once begun, the bytes
 * are written whole, as curses writes its own: a sequence cut short
 * would swallow the start of curses'. False where the terminal has gone
 * (then curses is not told the cells are drawn). */
static bool send(const char *bytes, size_t n)
{
	fflush(stdout);
	while (n > 0) {
		ssize_t done = write(STDOUT_FILENO, bytes, n);
		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0 && errno == EAGAIN) { /* a terminal opened without blocking */
			struct pollfd out = {STDOUT_FILENO, POLLOUT, 0};
			if (poll(&out, 1, -1) >= 0 || errno == EINTR)
				continue;
		}
		if (done <= 0)
			return false;
		bytes += done;
		n -= (size_t)done;
	}
	return true;
}

enum { MOST_RECTS = 16 };

void paint_curses(const struct paint_rect *rects, size_t count)
{
	static char bytes[1 << 16];
	struct cells cells[MOST_RECTS] = {0};
	struct paint_region regions[MOST_RECTS];
	bool newline_down, ready = true;
	/* curses ends each update with the attributes normal, but on a
	 * terminal whose attributes take a cell of their own (xmc). */
	struct paint_terminal term = {format, &newline_down, COLS, magic_cookie_glitch <= 0};
	int cy, cx;
	size_t n = 0;

	/* A screen about to be cleared is sent whole by curses; after endwin()
	 * (a suspend) the terminal is the shell's until curses takes it back
	 * in its update. */
	if (count == 0 || count > MOST_RECTS || is_cleared(curscr) || isendwin())
		return;
	newline_down = newline_keeps_column();
	getyx(curscr, cy, cx);
	for (size_t i = 0; i < count && ready; i++) {
		ready = cells_alloc(&cells[i], &rects[i]) && cells_read(&cells[i]);
		regions[i] = (struct paint_region){rects[i].y,    rects[i].x,     rects[i].rows,
		                                   rects[i].cols, cells[i].shown, cells[i].next};
	}
	if (ready)
		n = paint_regions(&term, regions, count, bytes, sizeof bytes);
	if (n > 0 && send(bytes, n))
		for (size_t i = 0; i < count; i++)
			mark_painted(&cells[i]);
	wmove(curscr, cy, cx);
	for (size_t i = 0; i < count; i++)
		cells_free(&cells[i]);
}
