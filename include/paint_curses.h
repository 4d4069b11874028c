/* paint_curses.h — lit cells that change (the big digits, the bars) sent
 * as erases, beside curses.
 *
 * The shell of paint.h: reads what curses has on the screen (curscr) and
 * what it is about to send (newscr) over rectangles, writes the blank
 * cells that changed to the terminal as erases in their colour
 * (terminfo's sequences), ahead of curses' update, and writes them into
 * curscr, so that doupdate() sends only the rest. Call between
 * wnoutrefresh() and doupdate(); the rectangles' owner is the caller.
 */
#ifndef TENDO_PAINT_CURSES_H
#define TENDO_PAINT_CURSES_H

#include <stdbool.h>
#include <stddef.h>

/* A rectangle of the screen whose blank cells paint may send. */
struct paint_rect {
	int y, x, rows, cols;
};

/* Whether the terminal curses runs on can be painted: it erases in the
 * background colour (bce) and has the sequences paint needs. Call after
 * initscr() and start_color(). */
bool paint_curses_usable(void);

/* Sends the changes of the rectangles, which do not overlap. */
void paint_curses(const struct paint_rect *rects, size_t count);

#endif
