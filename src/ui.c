/* ui.c — curses set-up, drawing helpers and the main loop (see ui.h). */
#define _GNU_SOURCE /* ppoll */
#include "ui.h"

#include <ctype.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include <wchar.h>

#include "clock.h"

/* ------------------------------------------------------------ start, stop */

static void start_colours(struct ui *ui)
{
	static const struct {
		short fg, bg;
		chtype color_attr, mono_attr;
	} roles[ROLE_COUNT] = {
#define X(name, fg, bg, color_attr, mono_attr) [name] = {fg, bg, color_attr, mono_attr},
	    UI_ROLES
#undef X
	};
	const char *no_color = getenv("NO_COLOR");

	ui->color = has_colors() && !(no_color && *no_color);
	if (ui->color) {
		start_color();
		ui->color = COLORS >= 8 && COLOR_PAIRS > ROLE_COUNT;
	}
	if (ui->color && use_default_colors() == ERR)
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	for (int i = 0; i < ROLE_COUNT; i++) {
		if (!ui->color) {
			ui->attr[i] = roles[i].mono_attr;
			continue;
		}
		init_pair((short)(i + 1), roles[i].fg, roles[i].bg);
		ui->attr[i] = COLOR_PAIR(i + 1) | roles[i].color_attr;
	}
}

/* How each role lights a cell. A space on the role's colour, where
 * colours are used: going from plain text to it and back changes only the
 * background colour, the shortest sequences a terminal has (reverse video
 * and bold go through a full reset of the attributes each time, three
 * times the bytes on every change of a big digit). Where the terminal
 * erases in the background colour (bce), a run of them is one erase
 * (paint.h). */
static void light_roles(struct ui *ui)
{
	static const short fg[ROLE_COUNT] = {
#define X(name, fg, bg, color_attr, mono_attr) [name] = fg,
	    UI_ROLES
#undef X
	};
	bool pairs = ui->color && COLOR_PAIRS > 2 * ROLE_COUNT;
	bool reverse = (termattrs() & A_REVERSE) != 0;

	for (int i = 0; i < ROLE_COUNT; i++) {
		ui->lit[i] = 0;
		if (pairs && fg[i] >= 0) {
			init_pair((short)(ROLE_COUNT + i + 1), -1, fg[i]);
			ui->lit[i] = COLOR_PAIR(ROLE_COUNT + i + 1);
		} else if (reverse)
			ui->lit[i] = ui->attr[i] | A_REVERSE;
	}
}

/* Home and End as tmux, screen, the Linux console and xterm in either
 * cursor mode send them, whatever the terminfo entry says. */
static void define_extra_keys(void)
{
	static const struct {
		const char *sequence;
		int key;
	} extra[] = {
	    {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME},
	    {"\033[8~", KEY_END},  {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
	    {"\033OH", KEY_HOME},  {"\033OF", KEY_END},
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].sequence) == 0)
			define_key(extra[i].sequence, extra[i].key);
}

/* Signals only set these flags; the loop acts on them. */
static volatile sig_atomic_t pending_stop, pending_suspend;

static void on_stop(int sig)
{
	pending_stop = sig;
}

static void on_suspend(int sig)
{
	(void)sig;
	pending_suspend = 1;
}

/* Installs the handlers before curses starts (so that curses keeps its
 * hands off them) and blocks the signals: they are taken only while the
 * loop sleeps (see sleep_until). */
static void catch_signals(void)
{
	static const int stops[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sigemptyset(&set);
	sa.sa_handler = on_stop;
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		sigaction(stops[i], &sa, NULL);
		sigaddset(&set, stops[i]);
	}
	sa.sa_handler = on_suspend;
	sigaction(SIGTSTP, &sa, NULL);
	sigaddset(&set, SIGTSTP);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

/* Ctrl-Z: the screen pauses, curses steps aside, the process stops; when it
 * is continued, curses comes back and the whole screen is redrawn. */
static void suspend_now(const struct screen *screen, void *ctx)
{
	struct sigaction sa, old;
	sigset_t set;

	pending_suspend = 0;
	if (screen->suspend)
		screen->suspend(ctx, clock_now_ns());
	endwin();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &old);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	raise(SIGTSTP);                       /* pending while blocked... */
	sigprocmask(SIG_UNBLOCK, &set, NULL); /* ...and taken here: the process stops */
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigaction(SIGTSTP, &old, NULL);
	clearok(curscr, TRUE);
}

/* While curses owns the terminal, what libraries write to stderr (the
 * sound server's client, espeak-ng, ALSA) would land on the screen behind
 * it. It goes to /dev/null until curses steps down. */
static void quiet_stderr(struct ui *ui)
{
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

	fflush(stderr);
	ui->saved_stderr = dup(STDERR_FILENO);
	if (null >= 0 && ui->saved_stderr >= 0)
		dup2(null, STDERR_FILENO);
	if (null >= 0)
		close(null);
}

static void restore_stderr(struct ui *ui)
{
	if (ui->saved_stderr < 0)
		return;
	dup2(ui->saved_stderr, STDERR_FILENO);
	close(ui->saved_stderr);
	ui->saved_stderr = -1;
}

void ui_start(struct ui *ui)
{
	const char *codeset = nl_langinfo(CODESET);
	const char *frame_log = getenv("TENDO_FRAME_LOG");

	memset(ui, 0, sizeof *ui);
	ui->console_blank = -1;
	catch_signals();
	ui->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
	ui->timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_extra_keys();
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	mouseinterval(0);
	start_colours(ui);
	light_roles(ui);
	ui->paint = ui->color && paint_curses_usable();
	/* Where curses no longer draws lit cells (paint sends them), plain
	 * text needs no colour pair of its own: curses then changes no
	 * attribute for it, and has none to reset at the end of an update. */
	if (ui->paint)
		ui->attr[ROLE_TEXT] = A_NORMAL;
	/* Blank cells as plain text: between them and a lit cell, curses
	 * then changes the background colour only, where from blank cells
	 * of no colour pair it would reset every attribute too. */
	if (ui->color)
		bkgdset(' ' | ui->attr[ROLE_TEXT]);
	/* For the benchmark's soak (bench/soak.py): how long each frame takes. */
	if (frame_log && *frame_log)
		ui->frame_log = fopen(frame_log, "ae");
	/* The cursor is hidden: where curses leaves it does not matter, and
	 * moving it back after each update would cost bytes on a slow link. */
	leaveok(stdscr, TRUE);
	/* A digit that changes is rewritten in place: curses' guesses at
	 * inserting and deleting characters cost more bytes than they save. */
	idcok(stdscr, FALSE);
	quiet_stderr(ui);
}

/* The Linux console's blanking, in minutes, as the kernel has it now
 * (consoleblank is in seconds); its documented default when unknown. */
static int console_blank_minutes(void)
{
	FILE *f = fopen("/sys/module/kernel/parameters/consoleblank", "r");
	int seconds = 600;

	if (f) {
		if (fscanf(f, "%d", &seconds) != 1 || seconds < 0)
			seconds = 600;
		fclose(f);
	}
	return (seconds + 59) / 60;
}

/* A kiosk by a stretching area is read from two metres away at any
 * time: on the Linux console (console_codes(4)), no blanking while tendo
 * runs (and so no VESA power-down, which follows blanking). */
static void keep_console_lit(struct ui *ui)
{
	const char *term = getenv("TERM");

	ui->console_blank = -1;
	if (!term || strncmp(term, "linux", 5) != 0)
		return;
	ui->console_blank = console_blank_minutes();
	fputs("\033[9;0]", stdout);
	fflush(stdout);
}

void ui_lock(struct ui *ui)
{
	static const int ignored[] = {SIGINT, SIGQUIT, SIGTSTP};
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		sigaction(ignored[i], &sa, NULL);
	raw();
	ui->locked = true;
	keep_console_lit(ui);
}

void ui_stop(struct ui *ui)
{
	endwin();
	if (ui->console_blank >= 0) {
		printf("\033[9;%d]", ui->console_blank);
		fflush(stdout);
		ui->console_blank = -1;
	}
	restore_stderr(ui);
	if (ui->frame_log)
		fclose(ui->frame_log);
	ui->frame_log = NULL;
	if (ui->timer >= 0)
		close(ui->timer);
	ui->timer = -1;
}

/* ---------------------------------------------------------------- loop */

static void draw_too_small(struct ui *ui, const struct screen *screen)
{
	char text[160];

	snprintf(text, sizeof text,
	         "The terminal is too small (%dx%d). tendo needs %dx%d: make it larger to go on.",
	         COLS, LINES, screen->min_cols, screen->min_rows);
	ui_wrap(ui, 0, 0, COLS, LINES, 0, ROLE_WARNING, text);
}

static void draw(struct ui *ui, const struct screen *screen, void *ctx)
{
	int64_t began = ui->frame_log ? clock_real_ns() : 0;

	ui_labels_clear(ui);
	ui->painted_count = 0;
	erase();
	if (COLS < screen->min_cols || LINES < screen->min_rows)
		draw_too_small(ui, screen);
	else
		screen->draw(ctx, ui);
	wnoutrefresh(stdscr);
	if (ui->paint)
		paint_curses(ui->painted, (size_t)ui->painted_count);
	doupdate();
	if (ui->frame_log) {
		fprintf(ui->frame_log, "%lld\n", (long long)(clock_real_ns() - began));
		fflush(ui->frame_log);
	}
}

static int clicked_key(const struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return -1;
	for (int i = 0; i < ui->label_count; i++) {
		const struct ui_label *l = &ui->labels[i];
		if (ev.y == l->y && ev.x >= l->x && ev.x < l->x + l->width)
			return l->key;
	}
	return -1;
}

/* The signals the loop handles, let through while it sleeps. */
static void sleeping_mask(sigset_t *during)
{
	sigprocmask(SIG_SETMASK, NULL, during);
	sigdelset(during, SIGINT);
	sigdelset(during, SIGTERM);
	sigdelset(during, SIGHUP);
	sigdelset(during, SIGWINCH);
	sigdelset(during, SIGTSTP);
}

/* Waits on the terminal and on `other` (a timerfd, or a test's clock).
 * Returns other's revents. */
static short wait_for_input(struct ui *ui, int other, const struct timespec *timeout)
{
	struct pollfd pfd[2] = {{.fd = 0, .events = POLLIN}, {.fd = other, .events = POLLIN}};
	sigset_t during;

	sleeping_mask(&during);
	if (ppoll(pfd, 2, timeout, &during) <= 0)
		return 0;
	if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		ui->hung_up = true; /* the terminal is gone: an SSH link dropped, a window closed */
	return pfd[1].revents;
}

/* A test drives the clock: nothing to wait for once wake has come; else
 * wait for a key or for the test to move time on. */
static void sleep_on_test_clock(struct ui *ui, int64_t wake)
{
	if (wake != UI_NO_WAKE && clock_now_ns() >= wake)
		return;
	if (clock_move_waiting() || wait_for_input(ui, clock_driven_fd(), NULL) & POLLIN)
		clock_take_move();
}

/* Sleeps until input, a signal, or wake (ns, monotonic). The signals the
 * program handles are blocked outside this call, so none is missed between
 * a check and the sleep. The wake-up is an absolute timerfd deadline: a
 * poll timeout would be relative, and the kernel lets poll timeouts slip by
 * 0.1% of their length (a millisecond a second). */
static void sleep_until(struct ui *ui, int64_t wake)
{
	struct itimerspec when = {{0, 0}, {0, 0}};
	struct timespec fallback, *timeout = NULL;
	uint64_t expirations;

	if (clock_driven_fd() >= 0) {
		sleep_on_test_clock(ui, wake);
		return;
	}
	if (wake != UI_NO_WAKE) {
		when.it_value.tv_sec = wake / 1000000000;
		when.it_value.tv_nsec = wake % 1000000000;
		if (when.it_value.tv_sec == 0 && when.it_value.tv_nsec == 0)
			when.it_value.tv_nsec = 1; /* zero would disarm it */
	}
	if (ui->timer < 0 || timerfd_settime(ui->timer, TFD_TIMER_ABSTIME, &when, NULL) != 0) {
		/* No timerfd: a plain timeout, a little less exact. */
		int64_t ns = wake == UI_NO_WAKE ? -1 : wake - clock_now_ns();
		fallback.tv_sec = ns < 0 ? 0 : ns / 1000000000;
		fallback.tv_nsec = ns < 0 ? 0 : ns % 1000000000;
		timeout = wake == UI_NO_WAKE ? NULL : &fallback;
	}
	if (wait_for_input(ui, ui->timer, timeout) & POLLIN &&
	    read(ui->timer, &expirations, sizeof expirations) < 0)
		expirations = 0;
}

/* Hands every key waiting to the screen, noting when one came in
 * *last_input. Returns the flags gathered. On a test's clock, stops at a
 * move of time waiting: the loop applies it, and the screen sees its time,
 * before the keys sent after it. */
static unsigned read_keys(struct ui *ui, const struct screen *screen, void *ctx,
                          int64_t *last_input)
{
	unsigned flags = UI_NOTHING;
	int ch;

	while (!(flags & UI_CLOSE) && !clock_move_waiting() && (ch = getch()) != ERR) {
		if (ch == KEY_RESIZE) {
			/* The terminal may have reflowed or cleared what it showed:
			 * curses' idea of it no longer holds, so all is sent again. */
			clearok(curscr, TRUE);
			flags |= UI_REDRAW;
			continue;
		}
		*last_input = clock_now_ns();
		if (ch == KEY_MOUSE && (ch = clicked_key(ui)) < 0)
			continue;
		if (COLS < screen->min_cols || LINES < screen->min_rows) {
			/* Only quitting works on the "too small" screen; time goes on. */
			if (ch != 'q' && ch != 'Q')
				continue;
		}
		flags |= screen->key ? screen->key(ctx, ch)
		                     : ui_key_act(screen->keys, screen->key_count, ctx, ch);
	}
	return flags;
}

/* When the screen, left alone since last_input, closes; UI_NO_WAKE for
 * never. */
static int64_t idle_deadline(const struct ui *ui, const struct screen *screen, void *ctx,
                             int64_t last_input)
{
	int64_t limit;

	if (ui->idle_ns <= 0)
		return UI_NO_WAKE;
	limit = screen->idle_limit ? screen->idle_limit(ctx, ui) : ui->idle_ns;
	return limit == UI_NO_WAKE ? UI_NO_WAKE : last_input + limit;
}

static int64_t earlier(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

bool ui_run(struct ui *ui, const struct screen *screen, void *ctx)
{
	unsigned flags = UI_REDRAW;
	int64_t last_input = clock_now_ns(), idle_at;

	ui->away = false;
	for (;;) {
		if (pending_suspend) {
			suspend_now(screen, ctx);
			flags |= UI_REDRAW;
		}
		if (pending_stop || ui->hung_up) {
			ui->stop_signal = pending_stop;
			if (screen->stop)
				screen->stop(ctx, clock_now_ns());
			return false;
		}
		if (screen->tick)
			flags |= screen->tick(ctx, clock_now_ns());
		if (flags & UI_ATTENDED)
			last_input = clock_now_ns();
		if (flags & UI_CLOSE)
			return true;
		if (flags & UI_REDRAW) {
			draw(ui, screen, ctx);
			/* --frames: the real screens, drawn a set number of times. */
			if (ui->frames > 0 && --ui->frames == 0) {
				if (screen->stop)
					screen->stop(ctx, clock_now_ns());
				return false;
			}
		}
		idle_at = idle_deadline(ui, screen, ctx, last_input);
		if (idle_at != UI_NO_WAKE && clock_now_ns() >= idle_at) {
			ui->away = true;
			if (screen->away)
				screen->away(ctx, clock_now_ns());
			return false;
		}
		sleep_until(
		    ui, earlier(idle_at, screen->wake_at ? screen->wake_at(ctx, ui) : UI_NO_WAKE));
		flags = read_keys(ui, screen, ctx, &last_input);
	}
}

void ui_message(struct ui *ui, const char *text)
{
	erase();
	ui_wrap(ui, LINES / 2, 2, COLS - 4, 3, 0, ROLE_TITLE, text);
	refresh();
}

/* ---------------------------------------------------------------- text */

/* The next character of s: its bytes and its width on screen. Outside
 * UTF-8, or for a byte that is not text, a stand-in is given instead. */
struct glyph {
	const char *bytes;
	int len;     /* bytes consumed from s */
	int out_len; /* bytes of .bytes to write */
	int width;
};

static struct glyph next_glyph(const struct ui *ui, const char *s)
{
	static const struct {
		const char *utf8, *ascii;
	} stand_ins[] = {
	    {"\u2014", "-"}, {"\u2013", "-"},  {"\u00b7", "-"},    {"\u2026", "..."},
	    {"\u2018", "'"}, {"\u2019", "'"},  {"\u201c", "\""},   {"\u201d", "\""},
	    {"\u00d7", "x"}, {"\u2192", "->"}, {"\u00b0", " deg"},
	};
	struct glyph g = {s, 1, 1, 1};
	unsigned char c = (unsigned char)*s;
	mbstate_t st;
	wchar_t wc;
	size_t n;

	if (c < 0x20 || c == 0x7f) {
		g.bytes = " "; /* never send control bytes from a file to the terminal */
		return g;
	}
	if (c < 0x80)
		return g;
	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, strnlen(s, 4), &st);
	if (!ui->utf8 || n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		g.len = n == (size_t)-1 || n == (size_t)-2 || n == 0 ? 1 : (int)n;
		if (!ui->utf8) {
			/* The text itself is UTF-8 (routine files must be). */
			int len = (c & 0xe0) == 0xc0   ? 2
			          : (c & 0xf0) == 0xe0 ? 3
			          : (c & 0xf8) == 0xf0 ? 4
			                               : 1;
			g.len = (int)strnlen(s, (size_t)len);
			for (size_t i = 0; i < sizeof stand_ins / sizeof stand_ins[0]; i++)
				if (strncmp(s, stand_ins[i].utf8, strlen(stand_ins[i].utf8)) == 0) {
					g.bytes = stand_ins[i].ascii;
					g.out_len = g.width = (int)strlen(g.bytes);
					return g;
				}
		}
		g.bytes = "?";
		return g;
	}
	g.len = g.out_len = (int)n;
	g.width = wcwidth(wc);
	if (g.width < 0) {
		g.bytes = "?";
		g.out_len = g.width = 1;
	}
	return g;
}

int ui_text_width(const struct ui *ui, const char *text)
{
	int width = 0;

	while (*text) {
		struct glyph g = next_glyph(ui, text);
		width += g.width;
		text += g.len;
	}
	return width;
}

/* Writes at most len bytes of text from the cursor, within width columns. */
static int put_text(const struct ui *ui, int width, const char *text, size_t len)
{
	const char *end = text + len;
	int used = 0;

	while (text < end && *text) {
		struct glyph g = next_glyph(ui, text);
		if (used + g.width > width)
			break;
		addnstr(g.bytes, g.out_len);
		used += g.width;
		text += g.len;
	}
	return used;
}

int ui_text(const struct ui *ui, int y, int x, int width, enum ui_role role, const char *text)
{
	int used;

	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	move(y, x);
	attrset(ui->attr[role]);
	used = put_text(ui, width, text, strlen(text));
	attrset(A_NORMAL);
	return used;
}

void ui_text_centred(const struct ui *ui, int y, int x, int width, enum ui_role role,
                     const char *text)
{
	int w = ui_text_width(ui, text);
	ui_text(ui, y, x + (w < width ? (width - w) / 2 : 0), width, role, text);
}

/* The bytes of text that fit a line of width columns, broken at a space
 * where there is one. Sets *next to where the next line starts. */
static size_t line_fit(const struct ui *ui, const char *text, int width, const char **next)
{
	const char *p = text, *last_space = NULL;
	int used = 0;

	while (*p && *p != '\n') {
		struct glyph g = next_glyph(ui, p);
		if (used + g.width > width)
			break;
		if (*p == ' ')
			last_space = p;
		used += g.width;
		p += g.len;
	}
	if (*p == '\0' || *p == '\n') {
		*next = *p ? p + 1 : p;
		return (size_t)(p - text);
	}
	if (*p == ' ' && p > text) { /* a word that ends at the edge fits */
		*next = p + 1;
		return (size_t)(p - text);
	}
	if (last_space && last_space > text) {
		*next = last_space + 1;
		return (size_t)(last_space - text);
	}
	if (p == text) /* not even one character fits */
		p += next_glyph(ui, p).len;
	*next = p;
	return (size_t)(p - text);
}

/* Whether anything but spaces is left of a text. */
static bool text_left(const char *text)
{
	while (*text == ' ')
		text++;
	return *text != '\0';
}

static int wrap(const struct ui *ui, bool drawing, int y, int x, int width, int max_lines,
                int indent, enum ui_role role, const char *text)
{
	static const char ellipsis[] = "\u2026";
	int lines = 0;

	while (*text && lines < max_lines) {
		int offset = lines ? indent : 0;
		const char *next;
		size_t len = line_fit(ui, text, width - offset, &next);
		/* The last line the room allows, and more to say: it ends in an
		 * ellipsis, so that a cut sentence is seen to be cut. */
		int cut =
		    lines == max_lines - 1 && text_left(next) ? next_glyph(ui, ellipsis).width : 0;
		if (width - offset <= cut)
			cut = 0;
		if (cut)
			len = line_fit(ui, text, width - offset - cut, &next);
		if (drawing && y + lines < LINES) {
			move(y + lines, x + offset);
			attrset(ui->attr[role]);
			put_text(ui, width - offset - cut, text, len);
			if (cut)
				put_text(ui, cut, ellipsis, sizeof ellipsis - 1);
			attrset(A_NORMAL);
		}
		lines++;
		text = next;
		while (*text == ' ')
			text++;
	}
	return lines;
}

int ui_wrap(const struct ui *ui, int y, int x, int width, int max_lines, int indent,
            enum ui_role role, const char *text)
{
	return wrap(ui, true, y, x, width, max_lines, indent, role, text);
}

int ui_wrap_lines(const struct ui *ui, int width, int indent, const char *text)
{
	return wrap(ui, false, 0, 0, width, 1000, indent, ROLE_TEXT, text);
}

/* ---------------------------------------------------------------- widgets */

/* Lit cells at row y, column x, rows x cols: sent as erases where the
 * terminal takes them (see paint_curses.h). */
static void paint_later(struct ui *ui, int y, int x, int rows, int cols)
{
	if (ui->painted_count < UI_MAX_PAINTED && rows > 0 && cols > 0)
		ui->painted[ui->painted_count++] = (struct paint_rect){y, x, rows, cols};
}

/* Sets a lit cell's attribute for role and returns what to write in each
 * such cell: a space where the role lights it (see light_roles), one byte
 * where a block character is three; else the block character. */
static const char *lit_cell(const struct ui *ui, enum ui_role role)
{
	attrset(ui->lit[role] ? ui->lit[role] : ui->attr[role]);
	return ui->lit[role] ? " " : ui->utf8 ? "\u2588" : "#";
}

void ui_bar(struct ui *ui, int y, int x, int width, double fraction, enum ui_role role)
{
	const char *cell;
	int filled;

	if (width <= 0)
		return;
	if (fraction < 0)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	filled = (int)(fraction * width);
	paint_later(ui, y, x, 1, filled);
	move(y, x);
	cell = lit_cell(ui, role);
	for (int i = 0; i < filled; i++)
		addstr(cell);
	attrset(ui->attr[ROLE_BAR_EMPTY]);
	for (int i = filled; i < width; i++)
		addstr(ui->utf8 ? "\u2591" : "-");
	attrset(A_NORMAL);
}

void ui_labels_clear(struct ui *ui)
{
	ui->label_count = 0;
}

void ui_label(struct ui *ui, int y, int x, int width, int key)
{
	if (ui->label_count < UI_MAX_LABELS)
		ui->labels[ui->label_count++] = (struct ui_label){y, x, width, key};
}

/* A row of key labels ("[space] pause"), each recorded for clicks: the
 * compact form when the full one does not fit. */
static void draw_key_labels(struct ui *ui, int y, int x, int width, const int *keys,
                            const char *const *short_names, const char *const *words, int count)
{
	int full = 0, end = x + width;
	bool compact;

	for (int i = 0; i < count; i++)
		full += (int)strlen(short_names[i]) + 2 + 1 + (int)strlen(words[i]) + 2;
	compact = full > width;
	for (int i = 0; i < count; i++) {
		char name[32];
		int need, start = x;
		snprintf(name, sizeof name, compact ? "%s" : " %s ", short_names[i]);
		need = (int)strlen(name) + 1 + (int)strlen(words[i]);
		if (x + need > end)
			break;
		x += ui_text(ui, y, x, end - x, ROLE_KEY, name);
		x += ui_text(ui, y, x, end - x, ROLE_TEXT, " ");
		x += ui_text(ui, y, x, end - x, ROLE_TEXT, words[i]);
		ui_label(ui, y, start, x - start, keys[i]);
		x += compact ? 1 : 2;
	}
}

static bool key_applies(const struct ui_key *k, const void *ctx)
{
	return !k->applies || k->applies(ctx);
}

/* Enter and Backspace are one key each, whichever code a terminal sends. */
static int same_key(int key)
{
	if (key == '\r' || key == KEY_ENTER)
		return '\n';
	if (key == 127 || key == 8)
		return KEY_BACKSPACE;
	return key;
}

/* Whether a row's key is key: the same key, or the row's lower-case letter
 * in capitals. */
static bool key_is(int row_key, int key)
{
	return same_key(row_key) == same_key(key) ||
	       (row_key >= 'a' && row_key <= 'z' && key == row_key - 'a' + 'A');
}

const struct ui_key *ui_key_find(const struct ui_key *keys, size_t count, const void *ctx, int key)
{
	for (size_t i = 0; i < count; i++)
		if (key_is(keys[i].key, key) && key_applies(&keys[i], ctx))
			return &keys[i];
	return NULL;
}

unsigned ui_key_act(const struct ui_key *keys, size_t count, void *ctx, int key)
{
	const struct ui_key *k = ui_key_find(keys, count, ctx, key);

	return k && k->act ? k->act(ctx, key) : UI_NOTHING;
}

void ui_keys_help(FILE *out, const char *heading, const struct ui_key *keys, size_t count)
{
	fprintf(out, "%s\n", heading);
	for (size_t i = 0; i < count; i++)
		if (keys[i].name && keys[i].help)
			fprintf(out, "  %-6s %s\n", keys[i].name, keys[i].help);
}

/* The width of a row of key labels, with keys[i] shown where show[i]. */
static int key_row_width(const struct ui_key *keys, const char *const *labels, const bool *show,
                         size_t count, bool compact)
{
	int w = 0;

	for (size_t i = 0; i < count; i++)
		if (show[i])
			w += (int)strlen(keys[i].name) + (compact ? 0 : 2) + 1 +
			     (int)strlen(labels && labels[i] ? labels[i] : keys[i].label) +
			     (compact ? 1 : 2);
	return w;
}

void ui_key_row(struct ui *ui, int y, int x, int width, const struct ui_key *keys, size_t count,
                const void *ctx, const char *const *labels)
{
	bool show[64], compact = false;
	const char *names[64], *words[64];
	int codes[64], n = 0;

	count = count < 64 ? count : 64;
	for (size_t i = 0; i < count; i++)
		show[i] = keys[i].name != NULL && key_applies(&keys[i], ctx);
	if (key_row_width(keys, labels, show, count, false) > width)
		compact = true;
	/* Leave out the least kept until the row fits. */
	while (key_row_width(keys, labels, show, count, compact) > width) {
		int least = -1;
		for (size_t i = 0; i < count; i++)
			if (show[i] && (least < 0 || keys[i].keep < keys[least].keep))
				least = (int)i;
		if (least < 0)
			break;
		show[least] = false;
	}
	for (size_t i = 0; i < count; i++)
		if (show[i]) {
			codes[n] = keys[i].key;
			names[n] = keys[i].name;
			words[n++] = labels && labels[i] ? labels[i] : keys[i].label;
		}
	draw_key_labels(ui, y, x, width, codes, names, words, n);
}

/* ---------------------------------------------------------------- lists */

void ui_list_fit(struct ui_list *list, int rows)
{
	list->rows = rows < 1 ? 1 : rows;
	if (list->selected < list->top)
		list->top = list->selected;
	if (list->selected >= list->top + (size_t)list->rows)
		list->top = list->selected - (size_t)list->rows + 1;
}

void ui_list_move(struct ui_list *list, long target)
{
	if (list->count == 0 || target < 0)
		list->selected = 0;
	else if (target >= (long)list->count)
		list->selected = list->count - 1;
	else
		list->selected = (size_t)target;
}

bool ui_list_key(struct ui_list *list, int key)
{
	long at = (long)list->selected;

	switch (key) {
	case KEY_UP: ui_list_move(list, at - 1); return true;
	case KEY_DOWN: ui_list_move(list, at + 1); return true;
	case KEY_PPAGE: ui_list_move(list, at - list->rows); return true;
	case KEY_NPAGE: ui_list_move(list, at + list->rows); return true;
	case KEY_HOME: ui_list_move(list, 0); return true;
	case KEY_END: ui_list_move(list, (long)list->count); return true;
	default: return false;
	}
}

void ui_list_jump(struct ui_list *list, int c, const char *(*name)(const void *ctx, size_t row),
                  const void *ctx)
{
	for (size_t k = 1; k <= list->count; k++) {
		size_t i = (list->selected + k) % list->count;
		if (tolower((unsigned char)name(ctx, i)[0]) == tolower(c)) {
			list->selected = i;
			return;
		}
	}
}

void ui_list_draw(struct ui *ui, struct ui_list *list, int y, int rows,
                  struct ui_list_text (*row)(const void *ctx, size_t i), const void *ctx)
{
	ui_list_fit(list, rows);
	for (size_t i = list->top; i < list->count && i < list->top + (size_t)list->rows; i++) {
		struct ui_list_text t = row(ctx, i);
		ui_list_row(ui, list, i, y++, t.role, t.text, t.right);
	}
}

bool ui_list_touched(const struct ui_list *list, int key, size_t *row)
{
	if (key < UI_KEY_ROW || key >= UI_KEY_ROW + (int)list->count)
		return false;
	*row = (size_t)(key - UI_KEY_ROW);
	return true;
}

void ui_list_row(struct ui *ui, const struct ui_list *list, size_t i, int y, enum ui_role role,
                 const char *text, const char *right)
{
	bool selected = i == list->selected;
	int right_width = right ? ui_text_width(ui, right) : 0;

	if (selected) {
		role = ROLE_SELECTED;
		attrset(ui->attr[ROLE_SELECTED]);
		mvhline(y, 0, ' ', COLS);
	}
	ui_text(ui, y, 1, 2, role, selected ? ">" : " ");
	ui_text(ui, y, 3, COLS - 4 - right_width, role, text);
	if (right)
		ui_text(ui, y, COLS - right_width, COLS, role, right);
	ui_label(ui, y, 0, COLS, UI_KEY_ROW + (int)i);
}

/* Line drawing: Unicode box characters in a UTF-8 locale, else the
 * terminal's own line-drawing set (ACS), which vt100s and the Linux console
 * have. */
enum line_part { LINE_H, LINE_V, LINE_UL, LINE_UR, LINE_LL, LINE_LR };

static void put_line(const struct ui *ui, int y, int x, enum line_part part, int n)
{
	if (ui->utf8) {
		const cchar_t *wide[] = {WACS_HLINE,    WACS_VLINE,    WACS_ULCORNER,
		                         WACS_URCORNER, WACS_LLCORNER, WACS_LRCORNER};
		if (part == LINE_V)
			mvvline_set(y, x, wide[part], n);
		else
			mvhline_set(y, x, wide[part], n);
	} else {
		const chtype narrow[] = {ACS_HLINE,    ACS_VLINE,    ACS_ULCORNER,
		                         ACS_URCORNER, ACS_LLCORNER, ACS_LRCORNER};
		if (part == LINE_V)
			mvvline(y, x, narrow[part], n);
		else
			mvhline(y, x, narrow[part], n);
	}
}

void ui_header(struct ui *ui, const char *title, const char *right)
{
	int right_width = right ? ui_text_width(ui, right) : 0;

	attrset(ui->attr[ROLE_HEADER]);
	mvhline(0, 0, ' ', COLS);
	ui_text(ui, 0, 1, COLS - right_width - 2, ROLE_HEADER, title);
	if (right)
		ui_text(ui, 0, COLS - right_width, COLS, ROLE_HEADER, right);
}

int64_t ui_now_ns(const struct ui *ui)
{
	(void)ui;
	return clock_now_ns();
}

void ui_rule(const struct ui *ui, int y, int x, int width, enum ui_role role)
{
	attrset(ui->attr[role]);
	put_line(ui, y, x, LINE_H, width);
	attrset(A_NORMAL);
}

void ui_box(const struct ui *ui, int y, int x, int height, int width)
{
	attrset(ui->attr[ROLE_TEXT]);
	for (int row = y; row < y + height; row++)
		mvhline(row, x, ' ', width);
	put_line(ui, y, x + 1, LINE_H, width - 2);
	put_line(ui, y + height - 1, x + 1, LINE_H, width - 2);
	put_line(ui, y + 1, x, LINE_V, height - 2);
	put_line(ui, y + 1, x + width - 1, LINE_V, height - 2);
	put_line(ui, y, x, LINE_UL, 1);
	put_line(ui, y, x + width - 1, LINE_UR, 1);
	put_line(ui, y + height - 1, x, LINE_LL, 1);
	put_line(ui, y + height - 1, x + width - 1, LINE_LR, 1);
	attrset(A_NORMAL);
}

/* ---------------------------------------------------------------- big text */

enum { FONT_ROWS = 5 };

struct font_glyph {
	char c;
	int width;
	const char *rows[FONT_ROWS];
};

/* A clock's digits. The 1 is a clock's too, a stroke on the right: from
 * 2 to 1 and from 1 to 0 it changes fewer runs of cells than a 1 with a
 * foot and a flag, and a countdown passes through it every ten seconds
 * (bench/README.md). */
static const struct font_glyph font[] = {
    {'0', 3, {"###", "# #", "# #", "# #", "###"}}, {'1', 3, {"  #", "  #", "  #", "  #", "  #"}},
    {'2', 3, {"###", "  #", "###", "#  ", "###"}}, {'3', 3, {"###", "  #", "###", "  #", "###"}},
    {'4', 3, {"# #", "# #", "###", "  #", "  #"}}, {'5', 3, {"###", "#  ", "###", "  #", "###"}},
    {'6', 3, {"###", "#  ", "###", "# #", "###"}}, {'7', 3, {"###", "  #", "  #", "  #", "  #"}},
    {'8', 3, {"###", "# #", "###", "# #", "###"}}, {'9', 3, {"###", "# #", "###", "  #", "###"}},
    {':', 1, {" ", "#", " ", "#", " "}},           {' ', 1, {" ", " ", " ", " ", " "}},
    {'/', 3, {"  #", "  #", " # ", "#  ", "#  "}},
};

static const struct font_glyph *glyph_for(char c)
{
	for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
		if (font[i].c == c)
			return &font[i];
	return NULL;
}

/* The width of text in font units, gaps included; -1 if a character has no
 * glyph. */
static int font_width(const char *text)
{
	int units = 0;

	for (const char *p = text; *p; p++) {
		const struct font_glyph *g = glyph_for(*p);
		if (!g)
			return -1;
		units += g->width + (p[1] ? 1 : 0);
	}
	return units;
}

int ui_big_text(struct ui *ui, int y, int x, int height, int width, enum ui_role role,
                const char *text)
{
	int units = font_width(text);
	/* A third of the screen's height, in whole rows of the font, and no
	 * more: read from two metres away, and every cell more is bytes on
	 * each change (a phone's SSH link pays for them). */
	int third = (LINES + 3 * FONT_ROWS - 1) / (3 * FONT_ROWS);
	int sy = height / FONT_ROWS < third ? height / FONT_ROWS : third, sx;
	const char *cell;

	if (units <= 0 || sy < 1) {
		ui_text_centred(ui, y, x, width, role, text);
		return 1;
	}
	/* Cells are about twice as tall as wide: two columns a row would look
	 * square; three for two rows make a font unit a little taller than
	 * wide, the shape of a clock's digits, and a quarter fewer cells to
	 * send on each change. */
	sx = width / units;
	if (sx > (3 * sy + 1) / 2)
		sx = (3 * sy + 1) / 2;
	if (sy > sx)
		sy = sx;
	if (sx < 1) {
		ui_text_centred(ui, y, x, width, role, text);
		return 1;
	}
	x += (width - units * sx) / 2;
	paint_later(ui, y, x, FONT_ROWS * sy, units * sx);
	cell = lit_cell(ui, role);
	for (int row = 0; row < FONT_ROWS * sy; row++) {
		int col = x;
		for (const char *p = text; *p; p++) {
			const struct font_glyph *g = glyph_for(*p);
			for (int u = 0; u < g->width; u++)
				for (int k = 0; k < sx; k++, col++)
					if (g->rows[row / sy][u] == '#')
						mvaddstr(y + row, col, cell);
			col += sx; /* the gap */
		}
	}
	attrset(A_NORMAL);
	return FONT_ROWS * sy;
}
