/* ui.h — the terminal: curses set-up, drawing helpers, and the main loop.
 *
 * A screen is a table of functions (struct screen). The loop owns the
 * terminal: it sleeps until the screen's next visible change, a key, or a
 * signal; hands keys and time to the screen; and redraws only when the
 * screen says something changed. Screens draw into curses' buffer and never
 * refresh: curses then sends only the cells that changed.
 */
#ifndef TENDO_UI_H
#define TENDO_UI_H

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>

#include "paint_curses.h"

/* Colour roles: name, foreground, background, attribute with colour,
 * attribute without (NO_COLOR or a monochrome terminal). */
#define UI_ROLES                                                                                   \
	X(ROLE_TEXT, -1, -1, A_NORMAL, A_NORMAL)                                                   \
	X(ROLE_DIM, -1, -1, A_DIM, A_DIM)                                                          \
	X(ROLE_TITLE, COLOR_CYAN, -1, A_BOLD, A_BOLD)                                              \
	X(ROLE_HEADER, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)                               \
	X(ROLE_DIGITS, COLOR_GREEN, -1, A_BOLD, A_BOLD)                                            \
	X(ROLE_DIGITS_REST, COLOR_BLUE, -1, A_BOLD, A_BOLD)                                        \
	X(ROLE_DIGITS_READY, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                                     \
	X(ROLE_PHASE, COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE)                              \
	X(ROLE_BAR, COLOR_GREEN, -1, A_NORMAL, A_BOLD)                                             \
	X(ROLE_BAR_EMPTY, -1, -1, A_DIM, A_NORMAL)                                                 \
	X(ROLE_SELECTED, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE)                           \
	X(ROLE_BROKEN, COLOR_RED, -1, A_NORMAL, A_DIM)                                             \
	X(ROLE_WARNING, COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE)                                 \
	X(ROLE_KEY, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)                                 \
	X(ROLE_BOX, COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE)

enum ui_role {
#define X(name, fg, bg, color_attr, mono_attr) name,
	UI_ROLES
#undef X
	    ROLE_COUNT
};

/* A key label on screen that a mouse click or a touch presses. */
struct ui_label {
	int y, x, width;
	int key;
};

enum { UI_MAX_LABELS = 128, UI_MAX_PAINTED = 8 };

/* Keys beyond curses' own, for labels that stand for a row of a list:
 * UI_KEY_ROW + the row's index. */
enum { UI_KEY_ROW = 0x100000 };

struct ui {
	bool utf8;  /* the locale's text is UTF-8: block characters allowed */
	bool color; /* colours are used */
	chtype attr[ROLE_COUNT];
	/* A lit cell of a role (big digits, a bar's filled part), drawn as a
	 * space: the role's colour as the background where colours are used,
	 * else reverse video; 0 where neither is (block characters then). */
	chtype lit[ROLE_COUNT];
	struct ui_label labels[UI_MAX_LABELS];
	int label_count;
	int stop_signal;   /* the signal (SIGINT, SIGTERM, SIGHUP) that ended the loop, or 0 */
	bool hung_up;      /* the terminal went away; the loop ended */
	int timer;         /* a timerfd for the loop's wake-ups */
	int saved_stderr;  /* the real stderr while curses runs (see ui_start) */
	int frames;        /* leave after drawing this many frames; 0 for no limit */
	FILE *frame_log;   /* $TENDO_FRAME_LOG: each frame's time to draw and send, in ns */
	int64_t idle_ns;   /* a kiosk: a screen left alone this long closes (0: never) */
	bool away;         /* the last ui_run ended because the screen was left alone */
	bool locked;       /* a kiosk: Ctrl-C, Ctrl-Z and Ctrl-\ do nothing */
	int console_blank; /* a kiosk on the Linux console: the blanking (minutes) to
	                      put back on leaving; -1 when it was not turned off */
	/* The terminal erases in the background colour and has the sequences
	 * for it: lit cells that change (the big digits, the bars) are sent as
	 * erases in their colour (see paint.h). */
	bool paint;
	/* Where this frame has lit cells that paint may send: the big text,
	 * the bars. */
	struct paint_rect painted[UI_MAX_PAINTED];
	int painted_count;
};

/* What a screen's functions ask of the loop. */
enum {
	UI_NOTHING = 0,
	UI_REDRAW = 1 << 0, /* something shown has changed */
	UI_CLOSE = 1 << 1,  /* this screen is done; the loop returns */
	/* Something now waits for the person (a session's summary): a kiosk's
	 * idle time starts again from here, as if a key had been pressed. */
	UI_ATTENDED = 1 << 2,
};

#define UI_NO_WAKE INT64_MAX

struct screen {
	int min_cols, min_rows; /* smaller than this: "terminal too small" */
	/* Draws the whole screen into curses' buffer (the loop has erased it). */
	void (*draw)(void *ctx, struct ui *ui);
	/* A key (or the key of a clicked label). Returns UI_* flags. NULL:
	 * the key runs its row's action in keys (below). */
	unsigned (*key)(void *ctx, int key);
	/* The screen's table of keys (struct ui_key), when key() is NULL. */
	const struct ui_key *keys;
	size_t key_count;
	/* Time has passed (now: the monotonic clock, ns). Returns UI_* flags.
	 * May be NULL. */
	unsigned (*tick)(void *ctx, int64_t now_ns);
	/* When tick() should next run (ns, monotonic), or UI_NO_WAKE. May be NULL. */
	int64_t (*wake_at)(void *ctx, const struct ui *ui);
	/* A stop signal arrived (SIGINT, SIGTERM, SIGHUP) or the terminal hung
	 * up. May be NULL; the loop returns after calling it. */
	void (*stop)(void *ctx, int64_t now_ns);
	/* The person suspended tendo (Ctrl-Z). May be NULL. */
	void (*suspend)(void *ctx, int64_t now_ns);
	/* How long the screen may be left alone now before it closes (ns), or
	 * UI_NO_WAKE for as long as it likes. Only asked when ui->idle_ns is
	 * set (a kiosk). May be NULL: ui->idle_ns. */
	int64_t (*idle_limit)(void *ctx, const struct ui *ui);
	/* The screen was left alone past its limit; the loop returns after
	 * calling it, with ui->away set. May be NULL. */
	void (*away)(void *ctx, int64_t now_ns);
};

/* Starts curses: colours (none with NO_COLOR), keypad, mouse, and the
 * signals: SIGINT, SIGTERM and SIGHUP end the loop (ui->stop_signal),
 * SIGTSTP (Ctrl-Z) suspends it, SIGWINCH redraws. Until ui_stop(), stderr
 * goes nowhere, so that no library writes behind curses. Call setlocale()
 * first. */
void ui_start(struct ui *ui);
void ui_stop(struct ui *ui);

/* A kiosk: no key stops or suspends tendo (the terminal's interrupt, quit
 * and suspend characters arrive as plain keys, which the screens ignore),
 * and flow control is off. SIGTERM and SIGHUP still end the loop. On the
 * Linux console (TERM=linux) the screen is kept lit: its blanking is
 * turned off until ui_stop() puts it back. */
void ui_lock(struct ui *ui);

/* Runs a screen until it closes, a stop signal arrives, the terminal
 * hangs up (ui->hung_up), or (a kiosk) it is left alone past its idle
 * limit (ui->away). Returns true when the screen closed itself, false
 * otherwise. */
bool ui_run(struct ui *ui, const struct screen *screen, void *ctx);

/* Shows a line of text alone on the screen at once, for a moment of work
 * outside any screen ("Getting the voice ready..."). */
void ui_message(struct ui *ui, const char *text);

/* --- drawing helpers, for screens ------------------------------------ */

/* Writes text at y, x in at most width columns, in a role. Outside UTF-8,
 * characters beyond ASCII are shown as plain stand-ins. Returns the columns
 * used. */
int ui_text(const struct ui *ui, int y, int x, int width, enum ui_role role, const char *text);

/* The columns text takes on screen. */
int ui_text_width(const struct ui *ui, const char *text);

/* Text centred in a row of width columns starting at x. */
void ui_text_centred(const struct ui *ui, int y, int x, int width, enum ui_role role,
                     const char *text);

/* Word-wraps text into at most max_lines lines of width columns from y, x,
 * each later line indented by indent. Returns the lines used. */
int ui_wrap(const struct ui *ui, int y, int x, int width, int max_lines, int indent,
            enum ui_role role, const char *text);

/* How many lines ui_wrap would use, without drawing. */
int ui_wrap_lines(const struct ui *ui, int width, int indent, const char *text);

/* A bar width columns wide, fraction (0..1) filled. */
void ui_bar(struct ui *ui, int y, int x, int width, double fraction, enum ui_role role);

/* What a key does on its screen: ctx is the screen's state, key the key
 * pressed (one row of a table may serve several). Returns UI_* flags. */
typedef unsigned ui_action(void *ctx, int key);

/* Whether a key applies now (such as "history" only when there is one). */
typedef bool ui_key_applies(const void *ctx);

/* A screen's key, as its one table of keys holds it: the footer, the `?`
 * overlay, --help, the clickable labels and what the key does all come
 * from the one row. */
struct ui_key {
	int key;
	const char *name;        /* the key as shown: "space", "n", "!"; NULL: not shown */
	const char *label;       /* its word in the footer: "pause" */
	const char *help;        /* its line in the `?` overlay and in --help */
	int keep;                /* when the row is short, the lowest go first */
	ui_action *act;          /* what it does; NULL: the screen handles it */
	ui_key_applies *applies; /* NULL: always */
};

/* The row of keys (count rows) for key that applies for ctx, or NULL.
 * Enter ('\n') matches '\r' and KEY_ENTER; KEY_BACKSPACE matches 127 and 8;
 * a row's lower-case letter matches either case (a row's capital letter
 * only itself). */
const struct ui_key *ui_key_find(const struct ui_key *keys, size_t count, const void *ctx, int key);

/* Runs the action of key's row: its UI_* flags, or UI_NOTHING when no row
 * of keys has key or the row has no action. */
unsigned ui_key_act(const struct ui_key *keys, size_t count, void *ctx, int key);

/* The footer's row of key labels from a table: every key with a name that
 * applies for ctx, in the table's order; when the row is short, a compact
 * form, then the keys that matter least left out. labels, when not NULL,
 * gives a label in place of the table's (NULL: the table's), such as
 * "go on" for "pause". Records each label for mouse clicks. */
void ui_key_row(struct ui *ui, int y, int x, int width, const struct ui_key *keys, size_t count,
                const void *ctx, const char *const *labels);

/* Writes the shown keys of a table under heading, one a line, for --help. */
void ui_keys_help(FILE *out, const char *heading, const struct ui_key *keys, size_t count);

#define UI_KEY_COUNT(table) (sizeof(table) / sizeof(table)[0])

/* A screen's keys, in its struct screen: .keys and .key_count. */
#define UI_SCREEN_KEYS(table) .keys = (table), .key_count = UI_KEY_COUNT(table)

/* A scrolling list: its rows, the one chosen and the first shown. The
 * list's screen owns it; the rows' contents are the screen's own. */
struct ui_list {
	size_t count, selected, top;
	int rows; /* rows shown, as last drawn */
};

/* Shows rows of the list (at least one) with the selected one among them. */
void ui_list_fit(struct ui_list *list, int rows);

/* Selects target, kept within the list. */
void ui_list_move(struct ui_list *list, long target);

/* Up, Down, Page Up, Page Down, Home, End: true when key was one. */
bool ui_list_key(struct ui_list *list, int key);

/* Selects the next row after the selected whose name (name(ctx, row); ""
 * for none) starts with the letter or digit c, whatever its case. */
void ui_list_jump(struct ui_list *list, int c, const char *(*name)(const void *ctx, size_t row),
                  const void *ctx);

/* Draws row i of the list at y: a marker and text in role (the selected
 * row across the screen in its own colours), right (NULL for none) against
 * the right edge; a click or touch on it is UI_KEY_ROW + i. */
void ui_list_row(struct ui *ui, const struct ui_list *list, size_t i, int y, enum ui_role role,
                 const char *text, const char *right);

/* What a list's row shows (see ui_list_draw). */
struct ui_list_text {
	const char *text, *right; /* right: NULL for none */
	enum ui_role role;
};

/* Fits the list to rows and draws the rows shown from row y, each as
 * row(ctx, i) gives it. */
void ui_list_draw(struct ui *ui, struct ui_list *list, int y, int rows,
                  struct ui_list_text (*row)(const void *ctx, size_t i), const void *ctx);

/* A click or a touch on one of the list's rows (UI_KEY_ROW + i): true,
 * and *row is i. */
bool ui_list_touched(const struct ui_list *list, int key, size_t *row);

/* Records a part of a row that a click or a touch turns into key. */
void ui_label(struct ui *ui, int y, int x, int width, int key);

/* Forgets the recorded labels; the loop calls this before each draw. */
void ui_labels_clear(struct ui *ui);

/* Big text (digits, ':' and ' ') scaled to fill at most height x width,
 * centred there. Falls back to plain text when there is no room for
 * the big font. Returns the rows used. Its changes are sent as erases
 * where the terminal can take them (see paint.h). */
int ui_big_text(struct ui *ui, int y, int x, int height, int width, enum ui_role role,
                const char *text);

/* The top row: title on the header's colours, across the screen, and
 * right (NULL for none) against its right edge. */
void ui_header(struct ui *ui, const char *title, const char *right);

/* The time now (the monotonic clock, ns): the screens' one way to it. */
int64_t ui_now_ns(const struct ui *ui);

/* A horizontal line across width columns. */
void ui_rule(const struct ui *ui, int y, int x, int width, enum ui_role role);

/* A box with a border, its inside cleared, for a question or the key help. */
void ui_box(const struct ui *ui, int y, int x, int height, int width);

#endif
