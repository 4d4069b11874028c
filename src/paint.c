/* paint.c — a region of blank cells sent as erases in their colour (see
 * paint.h). */
#include "paint.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Cells of one colour, side by side in a row, to be erased in one go. */
struct run {
	int colour, y, x, n;
};

struct writer {
	const struct paint_terminal *term;
	char *out;
	size_t size, len;
	bool failed;
};

enum { SEQ_MAX = 64 };

/* The bytes of op, or -1 where the terminal has none. */
static int seq(const struct paint_terminal *term, enum paint_op op, int a, int b, char *buf)
{
	int n = term->format(term->ctx, op, a, b, buf, SEQ_MAX);
	return n >= 0 && n < SEQ_MAX ? n : -1;
}

/* A sequence the terminal has not costs more than any path of those it
 * has. */
enum { MISSING = INT_MAX / 1024 };

static int cost(const struct paint_terminal *term, enum paint_op op, int a, int b)
{
	char buf[SEQ_MAX];
	int n = seq(term, op, a, b, buf);
	return n < 0 ? MISSING : n;
}

/* Where n more bytes go in the writer's buffer; NULL (and the writer
 * failed) where they do not fit. */
static char *room(struct writer *w, size_t n)
{
	char *at = w->out + w->len;

	if (w->failed || w->len + n > w->size) {
		w->failed = true;
		return NULL;
	}
	w->len += n;
	return at;
}

static void put(struct writer *w, enum paint_op op, int a, int b)
{
	char buf[SEQ_MAX], *at;
	int n = seq(w->term, op, a, b, buf);

	if (n < 0)
		w->failed = true;
	else if ((at = room(w, (size_t)n)))
		memcpy(at, buf, (size_t)n);
}

/* ------------------------------------------------------------ the runs */

static bool changed(const struct paint_region *r, int i)
{
	return r->next[i] != PAINT_OTHER && r->next[i] != r->shown[i];
}

/* The runs of one row, each from a changed cell to the last changed cell
 * of its colour before another colour: cells between that already show
 * the colour are erased again, which costs less than a move around them. */
static size_t row_runs(const struct paint_region *r, int y, struct run *runs)
{
	const int *next = r->next + (size_t)y * (size_t)r->cols;
	int base = y * r->cols;
	size_t count = 0;

	for (int x = 0; x < r->cols;) {
		int last = x;
		if (!changed(r, base + x)) {
			x++;
			continue;
		}
		for (int k = x; k < r->cols && next[k] == next[x]; k++)
			if (changed(r, base + k))
				last = k;
		runs[count++] = (struct run){next[x], r->top + y, r->left + x, last - x + 1};
		x = last + 1;
	}
	return count;
}

/* One colour after another (one change of background for each), then
 * column by column: the rows of a stroke follow each other, each a line
 * feed below the last. */
static int by_colour_then_column(const void *a, const void *b)
{
	const struct run *p = a, *q = b;

	if (p->colour != q->colour)
		return p->colour < q->colour ? -1 : 1;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return (p->y > q->y) - (p->y < q->y);
}

/* ------------------------------------------------------------ the moves */

/* The cheapest way along a row from column from to column to: *op is
 * PAINT_MOVE where there is nothing to send. */
static int sideways(const struct paint_terminal *term, int from, int to, enum paint_op *op)
{
	int best, c;

	*op = PAINT_MOVE;
	if (from == to)
		return 0;
	best = cost(term, PAINT_COLUMN, to, 0);
	*op = PAINT_COLUMN;
	c = to > from ? cost(term, PAINT_RIGHT, to - from, 0)
	              : cost(term, PAINT_LEFT, from - to, 0);
	if (c < best) {
		best = c;
		*op = to > from ? PAINT_RIGHT : PAINT_LEFT;
	}
	c = cost(term, PAINT_RETURN, 0, 0) + (to > 0 ? cost(term, PAINT_RIGHT, to, 0) : 0);
	if (c < best) {
		best = c;
		*op = PAINT_RETURN;
	}
	return best;
}

static void put_sideways(struct writer *w, enum paint_op op, int from, int to)
{
	switch (op) {
	case PAINT_COLUMN: put(w, PAINT_COLUMN, to, 0); break;
	case PAINT_RIGHT: put(w, PAINT_RIGHT, to - from, 0); break;
	case PAINT_LEFT: put(w, PAINT_LEFT, from - to, 0); break;
	case PAINT_RETURN:
		put(w, PAINT_RETURN, 0, 0);
		if (to > 0)
			put(w, PAINT_RIGHT, to, 0);
		break;
	default: break;
	}
}

/* How to get from (y, x) to (ty, tx): line feeds down and a move along
 * the row where that is shorter than a move to the cell. */
struct move {
	bool absolute;
	enum paint_op along; /* PAINT_MOVE: nothing to do along the row */
	int cost;
};

/* y < 0 where the cursor's place is not known. */
static struct move plan_move(const struct paint_terminal *term, int y, int x, int ty, int tx)
{
	struct move absolute = {true, PAINT_MOVE, cost(term, PAINT_MOVE, ty, tx)}, local = {0};
	int down = cost(term, PAINT_DOWN, 0, 0);

	if (y < 0 || ty < y || (ty > y && down >= MISSING))
		return absolute;
	local.cost = (ty - y) * down + sideways(term, x, tx, &local.along);
	return local.cost < absolute.cost ? local : absolute;
}

static void move_to(struct writer *w, int y, int x, int ty, int tx)
{
	struct move m = plan_move(w->term, y, x, ty, tx);

	if (m.absolute) {
		put(w, PAINT_MOVE, ty, tx);
		return;
	}
	for (int i = y; i < ty; i++)
		put(w, PAINT_DOWN, 0, 0);
	put_sideways(w, m.along, x, tx);
}

/* ------------------------------------------------------------ the region */

static size_t find_runs(const struct paint_region *regions, size_t regions_count, struct run *runs)
{
	size_t count = 0;

	for (size_t i = 0; i < regions_count; i++)
		for (int y = 0; y < regions[i].rows; y++)
			count += row_runs(&regions[i], y, runs + count);
	qsort(runs, count, sizeof *runs, by_colour_then_column);
	return count;
}

static void put_spaces(struct writer *w, int n)
{
	char *at = room(w, (size_t)n);

	if (at)
		memset(at, ' ', (size_t)n);
}

/* Where spaces over run leave the cursor: after them, or where the last
 * is in the screen's last column (a terminal may hold the cursor there or
 * not), y -1 for a place not known. */
static void after_spaces(const struct paint_terminal *term, const struct run *run, int *y, int *x)
{
	*y = run->y;
	*x = run->x + run->n;
	if (*x >= term->cols)
		*y = -1;
}

/* Erases run, the cursor on its first cell, with an erase (which leaves
 * the cursor there) or with spaces (which move it on, and are blanks of
 * the background alone only where the attributes started plain),
 * whichever costs less with the move to then (NULL: the last run); moves
 * *y, *x to where that leaves the cursor. */
static void put_run(struct writer *w, const struct run *run, const struct run *then, int *y, int *x)
{
	const struct paint_terminal *term = w->term;
	int by_erase = cost(term, PAINT_ERASE, run->n, 0), by_spaces = run->n, sy, sx;

	after_spaces(term, run, &sy, &sx);
	if (then) {
		by_erase += plan_move(term, run->y, run->x, then->y, then->x).cost;
		by_spaces += plan_move(term, sy, sx, then->y, then->x).cost;
	}
	if (term->starts_plain && by_spaces < by_erase) {
		put_spaces(w, run->n);
		*y = sy;
		*x = sx;
		return;
	}
	put(w, PAINT_ERASE, run->n, 0);
	*y = run->y;
	*x = run->x;
}

static void put_runs(struct writer *w, const struct run *runs, size_t count)
{
	int y = -1, x = -1, colour = w->term->starts_plain ? PAINT_DEFAULT : PAINT_OTHER;

	put(w, PAINT_SAVE, 0, 0);
	for (size_t i = 0; i < count; i++) {
		if (runs[i].colour != colour)
			put(w, PAINT_BACKGROUND, runs[i].colour, 0);
		colour = runs[i].colour;
		move_to(w, y, x, runs[i].y, runs[i].x);
		put_run(w, &runs[i], i + 1 < count ? &runs[i + 1] : NULL, &y, &x);
	}
	put(w, PAINT_RESTORE, 0, 0);
}

size_t paint_regions(const struct paint_terminal *term, const struct paint_region *regions,
                     size_t regions_count, char *out, size_t size)
{
	struct writer w = {term, out, size, 0, false};
	size_t most = 0; /* a run a cell */
	struct run *runs;
	size_t count;

	for (size_t i = 0; i < regions_count; i++)
		if (regions[i].rows > 0 && regions[i].cols > 0)
			most += (size_t)regions[i].rows * (size_t)regions[i].cols;
	if (most == 0)
		return 0;
	runs = malloc(most * sizeof *runs);
	if (!runs)
		return 0;
	count = find_runs(regions, regions_count, runs);
	if (count > 0)
		put_runs(&w, runs, count);
	free(runs);
	return w.failed ? 0 : w.len;
}
