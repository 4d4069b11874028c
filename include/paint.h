/* paint.h — a region of blank cells sent as erases in their colour. Pure.
 *
 * The big digits are blank cells on a colour. Each second a few of their
 * rows change, and curses reaches each changed row with a move of its own
 * and writes its cells: at 200x60, where a digit is 20 rows high, that is
 * most of the bytes a hold sends. A terminal that erases in the current
 * background colour (terminfo's bce) can be sent a run of such cells as
 * one erase (ECH), which leaves the cursor where it is; a line feed (with
 * the tty's ONLCR off, as curses' nonl() leaves it) then moves down a row
 * in the same column, to the next row of the same stroke.
 *
 * paint_regions works out those bytes from what the terminal shows and
 * what it should show next; the shell (ui.c) formats each sequence from
 * terminfo, sends the bytes ahead of curses' own and tells curses the
 * cells are drawn. No I/O, no terminfo here.
 */
#ifndef TENDO_PAINT_H
#define TENDO_PAINT_H

#include <stdbool.h>
#include <stddef.h>

/* A cell as paint sees it: the background colour of a blank cell with no
 * other attribute (PAINT_DEFAULT for the terminal's own), or PAINT_OTHER
 * for anything else (text, reverse video, an underline), left to curses. */
enum { PAINT_OTHER = -2, PAINT_DEFAULT = -1 };

/* The sequences paint uses. */
enum paint_op {
	PAINT_SAVE,       /* save the cursor and the attributes */
	PAINT_RESTORE,    /* put both back */
	PAINT_MOVE,       /* to row a, column b (from 0) */
	PAINT_DOWN,       /* down one row, same column */
	PAINT_RIGHT,      /* a columns right */
	PAINT_LEFT,       /* a columns left */
	PAINT_COLUMN,     /* to column a of this row */
	PAINT_RETURN,     /* to column 0 of this row */
	PAINT_BACKGROUND, /* the background colour a (PAINT_DEFAULT or a colour) */
	PAINT_ERASE,      /* a cells from the cursor, in the background colour */
};
/* A run shorter than its erase is sent as spaces, where the attributes
 * are known to be plain (struct paint_terminal). */

/* Writes op's bytes for the terminal into buf (size bytes) and returns
 * their length, or -1 where the terminal has no such sequence (or the
 * bytes do not fit). SAVE, RESTORE, MOVE, BACKGROUND and ERASE must be
 * there for paint to be used; the rest are taken where cheaper. */
typedef int (*paint_format)(void *ctx, enum paint_op op, int a, int b, char *buf, size_t size);

struct paint_terminal {
	paint_format format;
	void *ctx;
	int cols; /* the screen's width */
	/* The attributes are normal when paint begins (the terminal's own
	 * background, nothing underlined or reversed), as curses leaves them
	 * at the end of each update: no background to set for the terminal's
	 * own, and spaces are blanks of the background alone. */
	bool starts_plain;
};

/* A rectangle of the screen, its cells row by row: shown, what the
 * terminal shows now; next, what it should show. */
struct paint_region {
	int top, left, rows, cols;
	const int *shown, *next;
};

/* Writes to out (size bytes) what makes the terminal show each cell of
 * the regions' next that is not PAINT_OTHER and differs from their shown,
 * leaving the cursor and the attributes as they were. Cells of
 * PAINT_OTHER in next are not touched. The regions do not overlap.
 * Returns the bytes written: 0 where nothing is to be sent, or where it
 * cannot be (a sequence missing, out too small), and curses should send
 * it all. */
size_t paint_regions(const struct paint_terminal *term, const struct paint_region *regions,
                     size_t count, char *out, size_t size);

#endif
