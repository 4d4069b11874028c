/* screen_session.c — the session player and its summary (see screens.h).
 *
 * The engine keeps session time in milliseconds; this screen maps it to
 * the monotonic clock (with --speed), feeds it keys and time, hands due
 * cues to the sinks, and draws the engine's view.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "duration.h"
#include "screens.h"

enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_QUIT };

/* What the screen shows that changes with time, quantised to what a person
 * can see: countdowns and their bars move once a second, a tempo phase's
 * bar four times a second. When it is unchanged the loop has nothing to
 * redraw, and the loop wakes only when it will change (or a cue is due). */
enum { PHASE_STEP_MS = 250 };

/* A kiosk: a session left paused this long (in session time: --speed
 * shortens it) is saved as it stands and closed, so that the next member
 * finds the start screen. */
#define PAUSED_LIMIT_NS (10 * 60 * INT64_C(1000000000))

struct visible {
	size_t step;
	int64_t seconds_left; /* of the step, rounded up */
	int rep, phase;
	int64_t phase_shown_ms;       /* of the phase, in PHASE_STEP_MS steps */
	int64_t session_seconds_left; /* rounded up */
	bool paused, finished;
};

struct session_screen {
	const struct ui *ui; /* for the time: screens read it only through ui */
	const struct timeline *tl;
	struct session_options *options;
	bool stopping; /* ended by a signal: the set in progress is not logged */
	bool red_flag; /* ended by the red-flag key */
	struct engine engine;
	int64_t start_ns;
	int64_t next_beat_ns; /* when on_alive is next due (real time) */
	enum overlay overlay;
	bool paused_for_overlay;
	bool summary_left; /* the person has left the summary */
	struct visible shown;
	/* A set of reps just done, its reps to confirm (see on_reps). */
	struct {
		bool active;
		size_t step;
		int reps, planned;
	} confirm;
};

/* ------------------------------------------------------------ time */

static int64_t session_ms(const struct session_screen *s, int64_t now_ns)
{
	return (int64_t)floor((double)(now_ns - s->start_ns) / 1e6 * s->options->speed);
}

static int64_t real_ns(const struct session_screen *s, int64_t ms)
{
	return s->start_ns + (int64_t)ceil((double)ms * 1e6 / s->options->speed);
}

static int64_t now_ms(const struct session_screen *s)
{
	return session_ms(s, ui_now_ns(s->ui));
}

/* ------------------------------------------------------------ layout */

enum { HEADER_ROWS = 4, FOOTER_ROWS = 3 };

static int bar_width(void)
{
	return COLS - 4;
}

static int session_bar_width(void)
{
	return COLS - 28 > 10 ? COLS - 28 : 10;
}

static bool is_reps(const struct session_screen *s, const struct step *step)
{
	const struct exercise *e = timeline_exercise(s->tl, step);
	return step->kind == STEP_WORK && e->kind == EXERCISE_REPS;
}

static int64_t seconds_up(int64_t ms)
{
	return ms <= 0 ? 0 : (ms + 999) / 1000;
}

static struct visible visible_now(const struct session_screen *s, const struct engine_view *v)
{
	struct visible vis = {0};

	vis.step = s->engine.index;
	vis.seconds_left = seconds_up(v->remaining_ms);
	if (is_reps(s, v->step)) {
		vis.rep = v->rep.rep;
		vis.phase = v->rep.phase;
		vis.phase_shown_ms = v->rep.phase_elapsed_ms / PHASE_STEP_MS * PHASE_STEP_MS;
	}
	vis.session_seconds_left = seconds_up(v->session_total_ms - v->session_done_ms);
	vis.paused = v->paused;
	vis.finished = v->finished;
	return vis;
}

static double fraction(int64_t part, int64_t whole)
{
	if (whole <= 0)
		return 1.0;
	if (part < 0)
		return 0.0;
	return part >= whole ? 1.0 : (double)part / (double)whole;
}

/* Session time until the seconds shown for `left` ms change. */
static int64_t until_next_second(int64_t left)
{
	if (left <= 0)
		return ENGINE_NEVER;
	return left % 1000 ? left % 1000 : 1000;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* ------------------------------------------------------------ cues */

static unsigned deliver_cues(struct session_screen *s, int64_t now_ns)
{
	struct engine_cue due[32];
	struct cue_event events[32];
	size_t n;
	unsigned flags = UI_NOTHING;

	cues_ring(s->options->sinks, now_ns);
	while ((n = engine_advance(&s->engine, session_ms(s, now_ns), due, 32)) > 0) {
		for (size_t i = 0; i < n; i++)
			events[i] = (struct cue_event){
			    due[i].cue,
			    due[i].step,
			    timeline_cue_name(s->tl, due[i].step, &due[i].cue),
			    (double)due[i].planned_ms / s->options->speed,
			    (double)(now_ns - s->start_ns) / 1e6,
			};
		cues_emit(s->options->sinks, s->tl, events, n, now_ns);
		flags |= UI_REDRAW;
		if (n < 32)
			break;
	}
	return flags;
}

/* Hands each hold or set that has ended to the log. */
static const struct step *current_step(const struct session_screen *s)
{
	return &s->tl->steps[s->engine.index];
}

/* The reps of the set waiting to be confirmed, as they stand now. */
static void confirm_reps(struct session_screen *s)
{
	if (!s->confirm.active)
		return;
	s->confirm.active = false;
	s->options->on_reps(s->options->on_set_ctx, s->confirm.step, s->confirm.reps);
}

/* A set of reps run to its end: its reps wait to be confirmed. */
static void ask_reps(struct session_screen *s, const struct engine_result *r)
{
	const struct step *step = &s->tl->steps[r->step];
	const struct exercise *e = timeline_exercise(s->tl, step);

	if (!s->options->on_reps || !r->completed || step->kind != STEP_WORK ||
	    e->kind != EXERCISE_REPS || e->to_fatigue)
		return;
	confirm_reps(s); /* one left from before: as it stood */
	s->confirm.active = true;
	s->confirm.step = r->step;
	s->confirm.reps = s->confirm.planned = e->reps;
}

static void log_results(struct session_screen *s)
{
	struct engine_result r;

	while (engine_take_result(&s->engine, &r)) {
		if (s->stopping && !r.completed)
			continue; /* cut off, not cut short: taken up again on resume */
		if (s->options->on_set)
			s->options->on_set(s->options->on_set_ctx, &r, s->options->notice,
			                   sizeof s->options->notice);
		ask_reps(s, &r);
	}
	/* The next set has begun, or the session was stopped: the reps stand.
	 * (After the last set the summary keeps asking.) */
	if (s->confirm.active && !s->engine.finished &&
	    (s->stopping || current_step(s)->kind == STEP_WORK))
		confirm_reps(s);
}

/* ------------------------------------------------------------ screen functions */

enum { BEAT_NS = 60 * 1000000000LL };

static void beat(struct session_screen *s, int64_t now_ns)
{
	if (!s->options->on_alive || now_ns < s->next_beat_ns)
		return;
	s->options->on_alive(s->options->on_set_ctx);
	s->next_beat_ns = now_ns + BEAT_NS;
}

static unsigned session_tick(void *ctx, int64_t now_ns)
{
	struct session_screen *s = ctx;
	unsigned flags = deliver_cues(s, now_ns);

	beat(s, now_ns);
	log_results(s);
	struct engine_view v = engine_view(&s->engine, session_ms(s, now_ns));
	struct visible vis = visible_now(s, &v);

	if (s->summary_left) {
		confirm_reps(s);
		return UI_CLOSE;
	}
	/* The summary is for a person who was busy on a step, not at the keys:
	 * a kiosk gives it its whole idle time. */
	if (vis.finished && !s->shown.finished)
		flags |= UI_ATTENDED;
	if (memcmp(&vis, &s->shown, sizeof vis) != 0) {
		s->shown = vis;
		flags |= UI_REDRAW;
	}
	return flags;
}

static int64_t session_wake_at(void *ctx, const struct ui *ui)
{
	struct session_screen *s = ctx;
	int64_t now = now_ms(s);
	struct engine_view v = engine_view(&s->engine, now);
	int64_t wait;

	/* The bell's pattern and the heartbeat go on, paused or finished too. */
	int64_t ring = cues_next_ring(s->options->sinks);

	if (s->options->on_alive)
		ring = min64(ring, s->next_beat_ns);
	(void)ui;
	if (v.paused || v.finished)
		return ring == INT64_MAX ? UI_NO_WAKE : ring;
	wait = until_next_second(v.remaining_ms);
	wait = min64(wait, until_next_second(v.session_total_ms - v.session_done_ms));
	if (is_reps(s, v.step))
		wait = min64(wait, PHASE_STEP_MS - v.rep.phase_elapsed_ms % PHASE_STEP_MS);
	return min64(ring, real_ns(s, min64(now + wait, engine_next_deadline(&s->engine))));
}

static void session_stop(void *ctx, int64_t now_ns)
{
	struct session_screen *s = ctx;
	s->stopping = true;
	engine_quit(&s->engine, session_ms(s, now_ns));
	log_results(s);
}

/* A kiosk: a session in progress is never cut short for want of keys; a
 * paused one is, after PAUSED_LIMIT_NS; the summary goes like any screen. */
static int64_t session_idle_limit(void *ctx, const struct ui *ui)
{
	struct session_screen *s = ctx;

	if (s->engine.finished)
		return ui->idle_ns;
	return s->engine.paused ? (int64_t)(PAUSED_LIMIT_NS / s->options->speed) : UI_NO_WAKE;
}

/* Left paused (or on its summary) with no one there: what was done is
 * logged, the set in progress as far as it went. */
static void session_away(void *ctx, int64_t now_ns)
{
	struct session_screen *s = ctx;

	if (!s->engine.finished)
		engine_quit(&s->engine, session_ms(s, now_ns));
	log_results(s);
	confirm_reps(s);
}

/* Suspended with Ctrl-Z: the person is away, so the session waits for them
 * (space goes on). */
static void session_suspend(void *ctx, int64_t now_ns)
{
	struct session_screen *s = ctx;
	engine_pause(&s->engine, session_ms(s, now_ns));
}

/* ------------------------------------------------------------ keys */

static void close_overlay(struct session_screen *s)
{
	if (s->paused_for_overlay)
		engine_resume(&s->engine, now_ms(s));
	s->paused_for_overlay = false;
	s->overlay = OVERLAY_NONE;
}

/* Space, n and p: what the engine does with the key now. */
static unsigned act_engine(void *ctx, int key)
{
	struct session_screen *s = ctx;
	int64_t now = now_ms(s);

	if (key == ' ')
		engine_toggle_pause(&s->engine, now);
	else if (key == 'n')
		engine_skip(&s->engine, now);
	else
		engine_back(&s->engine, now);
	return UI_REDRAW;
}

static unsigned act_quit(void *ctx, int key)
{
	struct session_screen *s = ctx;

	(void)key;
	s->overlay = OVERLAY_QUIT;
	s->paused_for_overlay = !s->engine.paused;
	engine_pause(&s->engine, now_ms(s));
	return UI_REDRAW;
}

static unsigned act_help(void *ctx, int key)
{
	struct session_screen *s = ctx;

	(void)key;
	s->overlay = OVERLAY_HELP;
	return UI_REDRAW;
}

/* A sudden pop, sharp pain, or can't push off: stop at once. */
static unsigned act_red_flag(void *ctx, int key)
{
	struct session_screen *s = ctx;

	(void)key;
	s->red_flag = true;
	engine_quit(&s->engine, now_ms(s));
	return UI_REDRAW;
}

static unsigned act_mute(void *ctx, int key)
{
	struct session_screen *s = ctx;

	(void)key;
	s->options->sinks->muted = !s->options->sinks->muted;
	return UI_REDRAW;
}

/* The session's keys: the footer, the `?` overlay, --help, the click
 * labels and what each key does all come from this table. The red flag
 * is kept to the last as the row narrows. Letters work in either case. */
static const struct ui_key session_keys[] = {
    {' ', "space", "pause", "pause, or go on", 6, act_engine, NULL},
    {'n', "n", "next", "skip to the next step", 4, act_engine, NULL},
    {'p', "p", "back", "back to the start of this set", 1, act_engine, NULL},
    {'m', "m", "mute", "mute or unmute the sound", 2, act_mute, NULL},
    {'q', "q", "quit", "quit the session (asks first)", 7, act_quit, NULL},
    {'?', "?", "keys", "show or hide these keys", 3, act_help, NULL},
    {'!', "!", "red flag", "red flag (a pop, sharp pain, can't push off): stop now", 9,
     act_red_flag, NULL},
    {'h', NULL, NULL, NULL, 0, act_help, NULL},
    {KEY_F(1), NULL, NULL, NULL, 0, act_help, NULL},
};

enum { SESSION_KEY_COUNT = UI_KEY_COUNT(session_keys) };

void session_keys_help(FILE *out)
{
	ui_keys_help(out, "Keys in a session:", session_keys, SESSION_KEY_COUNT);
}

/* The quit question's keys. */
static unsigned quit_yes(void *ctx, int key)
{
	struct session_screen *s = ctx;

	(void)key;
	s->overlay = OVERLAY_NONE;
	s->paused_for_overlay = false;
	engine_quit(&s->engine, now_ms(s));
	return UI_REDRAW;
}

static unsigned quit_no(void *ctx, int key)
{
	(void)key;
	close_overlay(ctx);
	return UI_REDRAW;
}

static const struct ui_key quit_keys[] = {
    {'y', "y", "yes, quit", "end the session here", 2, quit_yes, NULL},
    {'n', "n", "no, go on", "go on with the session", 1, quit_no, NULL},
    {'q', NULL, NULL, NULL, 0, quit_no, NULL},
    {27, NULL, NULL, NULL, 0, quit_no, NULL},
};

/* The reps of the set just done, to confirm while the rest runs. */
static unsigned reps_change(void *ctx, int key)
{
	struct session_screen *s = ctx;
	int reps = s->confirm.reps + (key == '-' ? -1 : 1);

	if (reps >= 0 && reps <= ROUTINE_MAX_REPS)
		s->confirm.reps = reps;
	return UI_REDRAW;
}

static unsigned reps_right(void *ctx, int key)
{
	(void)key;
	confirm_reps(ctx);
	return UI_REDRAW;
}

static const struct ui_key confirm_keys[] = {
    {'-', "-", "fewer", "one rep fewer", 1, reps_change, NULL},
    {'+', "+", "more", "one rep more", 2, reps_change, NULL},
    {'\n', "Enter", "that's right", "the set's reps are right", 3, reps_right, NULL},
    {'=', NULL, NULL, NULL, 0, reps_change, NULL},
};

/* The summary's keys: the red flag until it has been given. */
static unsigned summary_leave(void *ctx, int key)
{
	struct session_screen *s = ctx;

	(void)key;
	s->summary_left = true;
	return UI_CLOSE;
}

static bool red_flag_not_given(const void *ctx)
{
	const struct session_screen *s = ctx;
	return !s->red_flag;
}

static unsigned summary_red_flag(void *ctx, int key)
{
	struct session_screen *s = ctx;

	(void)key;
	s->red_flag = true;
	return UI_REDRAW;
}

static const struct ui_key summary_keys[] = {
    {'\n', "Enter", "done", "leave the summary", 2, summary_leave, NULL},
    {'!', "!", "a pop, sharp pain, can't push off", "red flag: a pop, sharp pain, can't push off",
     3, summary_red_flag, red_flag_not_given},
    {'q', NULL, NULL, NULL, 0, summary_leave, NULL},
    {27, NULL, NULL, NULL, 0, summary_leave, NULL},
    {' ', NULL, NULL, NULL, 0, summary_leave, NULL},
};

static unsigned summary_key(struct session_screen *s, int key)
{
	unsigned seen = ui_key_act(summary_keys, UI_KEY_COUNT(summary_keys), s, key);

	return s->summary_left ? UI_CLOSE : seen;
}

static unsigned session_key(void *ctx, int key)
{
	struct session_screen *s = ctx;
	const struct ui_key *k;
	unsigned seen = UI_NOTHING;

	/* A notice (such as "the sound server stopped") stays until a key. */
	if (s->options->sinks->notice[0] || s->options->notice[0]) {
		s->options->sinks->notice[0] = '\0';
		s->options->notice[0] = '\0';
		seen = UI_REDRAW;
	}
	if (s->confirm.active &&
	    (k = ui_key_find(confirm_keys, UI_KEY_COUNT(confirm_keys), s, key)))
		return seen | k->act(s, key);
	if (s->engine.finished)
		return seen | summary_key(s, key);
	if (s->overlay == OVERLAY_QUIT)
		return ui_key_act(quit_keys, UI_KEY_COUNT(quit_keys), s, key) | UI_REDRAW;
	if (s->overlay == OVERLAY_HELP) {
		close_overlay(s);
		return UI_REDRAW;
	}
	if (key < 256 && key >= 0)
		key = tolower(key);
	return seen | ui_key_act(session_keys, SESSION_KEY_COUNT, s, key);
}

/* ------------------------------------------------------------ drawing */

static void upper(char *dst, size_t size, const char *src)
{
	size_t i;
	for (i = 0; src[i] && i + 1 < size; i++)
		dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

/* "Left leg · set 2 of 3 · 5 kg" */
static void describe_set(const struct session_screen *s, const struct step *step, char *buf,
                         size_t size)
{
	const struct exercise *e = timeline_exercise(s->tl, step);
	int n = 0;

	buf[0] = '\0';
	if (step->leg != LEG_NONE) {
		const char *affected = e->sides == SIDES_AFFECTED ? " (affected)" : "";
		n = snprintf(buf, size, "%s%s", step->leg == LEG_LEFT ? "Left leg" : "Right leg",
		             affected);
	} else {
		n = snprintf(buf, size, "Both legs");
	}
	if (n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " \u00b7 %s %d of %d",
		              e->kind == EXERCISE_HOLD ? "hold" : "set", step->set, step->sets);
	if (e->load && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " \u00b7 %s", e->load);
}

/* The words for what is happening now: "HOLD", "LOWER — affected leg, slowly". */
static void describe_state(const struct session_screen *s, const struct engine_view *v, char *buf,
                           size_t size)
{
	const struct step *step = v->step;
	const struct exercise *e = timeline_exercise(s->tl, step);
	char name[64];

	switch (step->kind) {
	case STEP_READY: snprintf(buf, size, "GET READY"); break;
	case STEP_REST: snprintf(buf, size, "REST"); break;
	case STEP_SWITCH:
		snprintf(buf, size, "SWITCH TO THE %s",
		         step->leg == LEG_LEFT ? "LEFT LEG" : "RIGHT LEG");
		break;
	case STEP_DONE: snprintf(buf, size, "DONE"); break;
	case STEP_WORK:
		if (e->kind == EXERCISE_HOLD) {
			snprintf(buf, size, "HOLD");
			break;
		}
		upper(name, sizeof name, e->phases[v->rep.phase].name);
		if (e->phases[v->rep.phase].note)
			snprintf(buf, size, "%s \u2014 %s", name, e->phases[v->rep.phase].note);
		else
			snprintf(buf, size, "%s", name);
		break;
	}
}

/* "Next: rest 10 s", "Next: Wall soleus stretch", "Next: the end". */
static void describe_next(const struct session_screen *s, const struct step *next, char *buf,
                          size_t size)
{
	char d[32];

	if (!next || next->kind == STEP_DONE) {
		snprintf(buf, size, "Next: the end of the session");
		return;
	}
	duration_format(next->ms, d, sizeof d);
	switch (next->kind) {
	case STEP_READY:
		snprintf(buf, size, "Next: %s", timeline_exercise(s->tl, next)->name);
		break;
	case STEP_REST: snprintf(buf, size, "Next: rest %s", d); break;
	case STEP_SWITCH: snprintf(buf, size, "Next: switch to the %s", leg_name(next->leg)); break;
	case STEP_WORK:
		if (timeline_exercise(s->tl, next)->kind == EXERCISE_HOLD)
			snprintf(buf, size, "Next: hold %d of %d, %s", next->set, next->sets, d);
		else
			snprintf(buf, size, "Next: set %d of %d, %d reps", next->set, next->sets,
			         timeline_exercise(s->tl, next)->reps);
		break;
	case STEP_DONE: break;
	}
}

static enum ui_role digits_role(const struct step *step)
{
	return step->kind == STEP_WORK   ? ROLE_DIGITS
	       : step->kind == STEP_REST ? ROLE_DIGITS_REST
	                                 : ROLE_DIGITS_READY;
}

/* The numbers in big digits: seconds left, or "rep/reps". */
static void big_numbers(const struct session_screen *s, const struct engine_view *v, char *buf,
                        size_t size)
{
	int64_t secs = (v->remaining_ms + 999) / 1000;

	if (is_reps(s, v->step) && timeline_exercise(s->tl, v->step)->to_fatigue)
		snprintf(buf, size, "%d", v->rep.rep);
	else if (is_reps(s, v->step))
		snprintf(buf, size, "%d/%d", v->rep.rep, timeline_exercise(s->tl, v->step)->reps);
	else if (secs >= 60)
		duration_clock(v->remaining_ms, buf, size);
	else
		snprintf(buf, size, "%lld", (long long)secs);
}

/* The line under the bar: how far through, in words a person can read from
 * across the room. */
static void describe_count(const struct session_screen *s, const struct engine_view *v, char *buf,
                           size_t size)
{
	int64_t secs = (v->remaining_ms + 999) / 1000;
	char total[32];

	duration_format(v->step->ms, total, sizeof total);
	if (is_reps(s, v->step) && timeline_exercise(s->tl, v->step)->to_fatigue)
		snprintf(buf, size, "Rep %d: press n when you can't do another", v->rep.rep);
	else if (is_reps(s, v->step))
		snprintf(buf, size, "Rep %d of %d", v->rep.rep,
		         timeline_exercise(s->tl, v->step)->reps);
	else if (v->step->kind == STEP_READY)
		snprintf(buf, size, "Starting in %lld s", (long long)secs);
	else
		snprintf(buf, size, "%lld s left of %s", (long long)secs, total);
}

static void draw_header(struct session_screen *s, struct ui *ui, const struct engine_view *v)
{
	char sinks[32], right[64];
	const struct exercise *e = timeline_exercise(s->tl, v->step);
	char set[128];

	if (v->paused && s->overlay != OVERLAY_QUIT)
		snprintf(right, sizeof right, "PAUSED \u2014 space goes on ");
	else
		snprintf(right, sizeof right, "sound: %s ",
		         cues_describe(s->options->sinks, sinks, sizeof sinks));
	ui_header(ui, s->tl->routine->title, right);
	if (!e)
		return;
	ui_text(ui, 1, 1, COLS - 2, ROLE_TITLE, e->name);
	describe_set(s, v->step, set, sizeof set);
	ui_text(ui, 2, 1, COLS - 2, ROLE_TEXT, set);
}

/* The instructions, shown while getting ready. Returns the rows used. */
static int draw_steps(struct session_screen *s, struct ui *ui, const struct exercise *e, int y,
                      int rows)
{
	int used = 0;

	for (size_t i = 0; i < e->step_count && used < rows; i++) {
		char number[24];
		snprintf(number, sizeof number, "%zu.", i + 1);
		ui_text(ui, y + used, 2, 4, ROLE_DIM, number);
		used += ui_wrap(ui, y + used, 6, COLS - 8, rows - used, 0, ROLE_TEXT, e->steps[i]);
	}
	(void)s;
	return used;
}

/* The reps of the set just done, to confirm: two rows from y. */
static void draw_confirm(const struct session_screen *s, struct ui *ui, int y)
{
	const struct exercise *e = timeline_exercise(s->tl, &s->tl->steps[s->confirm.step]);
	char line[200];

	snprintf(line, sizeof line, "%.100s, set %d: you did %d of %d reps?", e->name,
	         s->tl->steps[s->confirm.step].set, s->confirm.reps, s->confirm.planned);
	move(y, 0);
	clrtoeol();
	ui_text(ui, y, 2, COLS - 4, ROLE_WARNING, line);
	move(y + 1, 0);
	clrtoeol();
	ui_key_row(ui, y + 1, 2, COLS - 4, confirm_keys, UI_KEY_COUNT(confirm_keys), s, NULL);
}

static void draw_main(struct session_screen *s, struct ui *ui, const struct engine_view *v,
                      const struct visible *shown)
{
	const struct exercise *e = timeline_exercise(s->tl, v->step);
	int top = HEADER_ROWS, bottom = LINES - FOOTER_ROWS - 1; /* rows top..bottom */
	int rows = bottom - top + 1;
	char state[160], big[32], count[64], cue[256];
	int steps_rows = 0, big_rows, y;

	describe_state(s, v, state, sizeof state);
	ui_text(ui, 3, 1, COLS - 2, v->paused ? ROLE_WARNING : ROLE_PHASE, state);
	big_numbers(s, v, big, sizeof big);
	describe_count(s, v, count, sizeof count);
	cue[0] = '\0';
	if (e && e->cue)
		snprintf(cue, sizeof cue, "Remember: %s", e->cue);

	/* While getting ready, the instructions come first. */
	if (v->step->kind == STEP_READY && e)
		for (size_t i = 0; i < e->step_count; i++)
			steps_rows += ui_wrap_lines(ui, COLS - 8, 0, e->steps[i]);
	big_rows = rows - 2 - (cue[0] ? 1 : 0) - (steps_rows ? steps_rows + 1 : 0);
	if (v->step->kind == STEP_READY && big_rows > 5)
		big_rows = 5;
	if (big_rows < 1)
		big_rows = 1;
	y = top;
	y += ui_big_text(ui, y, 0, big_rows, COLS, digits_role(v->step), big);
	if (y > bottom)
		return;
	if (is_reps(s, v->step))
		ui_bar(ui, y++, 2, bar_width(), fraction(shown->phase_shown_ms, v->rep.phase_ms),
		       ROLE_BAR);
	else
		ui_bar(ui, y++, 2, bar_width(),
		       fraction(v->step->ms - shown->seconds_left * 1000, v->step->ms), ROLE_BAR);
	if (y <= bottom)
		ui_text_centred(ui, y++, 0, COLS, ROLE_TEXT, count);
	if (cue[0] && y <= bottom)
		y += ui_wrap(ui, y, 2, COLS - 4, bottom - y + 1, 2, ROLE_TITLE, cue);
	if (steps_rows && y < bottom)
		draw_steps(s, ui, e, y + 1, bottom - y);
	if (s->confirm.active)
		draw_confirm(s, ui, bottom - 1);
}

static void draw_footer(struct session_screen *s, struct ui *ui, const struct engine_view *v,
                        const struct visible *shown)
{
	const char *labels[SESSION_KEY_COUNT] = {v->paused ? "go on" : NULL};
	char next[160], left[32], line[64];
	int64_t session_left = shown->session_seconds_left * 1000;
	double done = fraction(v->session_total_ms - session_left, v->session_total_ms);
	int pct = (int)(done * 100);

	const char *notice = s->options->notice[0] ? s->options->notice : s->options->sinks->notice;

	if (notice[0]) {
		/* Up to two lines, over the bottom of the main area if need be. */
		int lines = ui_wrap_lines(ui, COLS - 2, 0, notice) > 1 ? 2 : 1;
		move(LINES - 2 - lines, 0);
		clrtoeol();
		ui_wrap(ui, LINES - 2 - lines, 1, COLS - 2, lines, 0, ROLE_WARNING, notice);
	} else {
		describe_next(s, v->next, next, sizeof next);
		ui_text(ui, LINES - 3, 1, COLS - 2, ROLE_DIM, next);
	}
	duration_clock(session_left, left, sizeof left);
	ui_text(ui, LINES - 2, 1, 8, ROLE_DIM, "Session");
	ui_bar(ui, LINES - 2, 9, session_bar_width(), done, ROLE_BAR);
	snprintf(line, sizeof line, "%3d%% %s left", pct, left);
	ui_text(ui, LINES - 2, 10 + session_bar_width(), COLS - 11 - session_bar_width(), ROLE_TEXT,
	        line);
	ui_key_row(ui, LINES - 1, 0, COLS, session_keys, SESSION_KEY_COUNT, s, labels);
}

/* The keys, from the one table, each wrapped under its name. */
static void draw_help(struct ui *ui)
{
	int w = COLS - 4 < 60 ? COLS - 4 : 60, rows = 2, y, x, row;

	for (size_t i = 0; i < SESSION_KEY_COUNT; i++)
		if (session_keys[i].name)
			rows += ui_wrap_lines(ui, w - 11, 0, session_keys[i].help);
	rows = rows + 3 < LINES ? rows + 3 : LINES;
	y = (LINES - rows) / 2;
	x = (COLS - w) / 2;
	ui_box(ui, y, x, rows, w);
	ui_text(ui, y, x + 2, w - 4, ROLE_TITLE, " Keys ");
	row = y + 2;
	for (size_t i = 0; i < SESSION_KEY_COUNT && row < y + rows - 2; i++) {
		if (!session_keys[i].name)
			continue;
		ui_text(ui, row, x + 2, 7, ROLE_TEXT, session_keys[i].name);
		row += ui_wrap(ui, row, x + 9, w - 11, y + rows - 2 - row, 0, ROLE_TEXT,
		               session_keys[i].help);
	}
	ui_text(ui, y + rows - 2, x + 2, w - 4, ROLE_TEXT, "Any key closes this.");
}

static void draw_quit_question(struct session_screen *s, struct ui *ui)
{
	int w = COLS - 4 < 44 ? COLS - 4 : 44, h = 6;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;

	ui_box(ui, y, x, h, w);
	ui_text(ui, y + 1, x + 2, w - 4, ROLE_TITLE, "Quit this session?");
	ui_text(ui, y + 2, x + 2, w - 4, ROLE_TEXT, "The timer is paused.");
	ui_key_row(ui, y + 4, x + 2, w - 4, quit_keys, UI_KEY_COUNT(quit_keys), s, NULL);
}

static void draw_summary(struct session_screen *s, struct ui *ui)
{
	const struct engine_tally *t = &s->engine.tally;
	const struct routine *r = s->tl->routine;
	char line[160], d[32];
	int y = 1;

	ui_header(ui, r->title, NULL);
	ui_text(ui, y++, 1, COLS - 2, s->red_flag ? ROLE_WARNING : ROLE_TITLE,
	        s->red_flag      ? "Session stopped: a red flag"
	        : s->engine.quit ? "Session stopped early"
	                         : "Session complete");
	y++;
	snprintf(line, sizeof line, "Sets done:      %d of %d", t->sets_done, t->sets_planned);
	ui_text(ui, y++, 2, COLS - 3, ROLE_TEXT, line);
	if (t->sets_skipped) {
		snprintf(line, sizeof line, "Sets cut short: %d", t->sets_skipped);
		ui_text(ui, y++, 2, COLS - 3, ROLE_TEXT, line);
	}
	/* Reps and holds only where the routine has them: no "Reps: 0"
	 * after stretches. */
	if (routine_count(r, EXERCISE_REPS)) {
		snprintf(line, sizeof line, "Reps:           %d", t->reps_done);
		ui_text(ui, y++, 2, COLS - 3, ROLE_TEXT, line);
	}
	if (routine_count(r, EXERCISE_HOLD)) {
		snprintf(line, sizeof line, "Time in holds:  %s",
		         duration_format(t->hold_ms / 1000 * 1000, d, sizeof d));
		ui_text(ui, y++, 2, COLS - 3, ROLE_TEXT, line);
	}
	snprintf(line, sizeof line, "Session time:   %s",
	         duration_clock(t->elapsed_ms, d, sizeof d));
	ui_text(ui, y++, 2, COLS - 3, ROLE_TEXT, line);
	if (s->red_flag)
		ui_wrap(ui, y + 1, 2, COLS - 4, LINES - y - 3, 0, ROLE_WARNING, red_flag_advice);
	else if (r->caution && y + 2 < LINES - 1)
		ui_wrap(ui, y + 1, 2, COLS - 4, LINES - y - 3, 0, ROLE_WARNING, r->caution);
	ui_key_row(ui, LINES - 1, 0, COLS, summary_keys, UI_KEY_COUNT(summary_keys), s, NULL);
}

static void session_draw(void *ctx, struct ui *ui)
{
	struct session_screen *s = ctx;
	struct engine_view v = engine_view(&s->engine, now_ms(s));

	if (v.finished) {
		draw_summary(s, ui);
		if (s->confirm.active)
			draw_confirm(s, ui, LINES - 4);
		return;
	}
	s->shown = visible_now(s, &v);
	draw_header(s, ui, &v);
	draw_main(s, ui, &v, &s->shown);
	draw_footer(s, ui, &v, &s->shown);
	if (s->overlay == OVERLAY_HELP)
		draw_help(ui);
	else if (s->overlay == OVERLAY_QUIT)
		draw_quit_question(s, ui);
}

static const struct screen session_screen = {
    .min_cols = 40,
    .min_rows = 12,
    .draw = session_draw,
    .key = session_key,
    .tick = session_tick,
    .wake_at = session_wake_at,
    .stop = session_stop,
    .suspend = session_suspend,
    .idle_limit = session_idle_limit,
    .away = session_away,
};

const char red_flag_advice[] =
    "Stop now. A sudden pop or snap at the back of the heel, sharp pain, or not being able to "
    "push off or stand on tiptoe can mean the Achilles tendon has torn. Get a medical "
    "assessment today (urgent care or an emergency department); do not walk it off, and keep "
    "weight off the leg until you are seen.";

enum screen_outcome session_run(struct ui *ui, const struct timeline *tl,
                                struct session_options *options, struct session_result *result)
{
	struct session_screen s = {.tl = tl, .options = options, .ui = ui};
	bool closed;

	s.start_ns = ui_now_ns(ui);
	s.next_beat_ns = s.start_ns + BEAT_NS;
	engine_start_at(&s.engine, tl, 0, options->first_step);
	closed = ui_run(ui, &session_screen, &s);
	result->tally = s.engine.tally;
	result->quit = s.engine.quit;
	result->red_flag = s.red_flag;
	return closed ? OUTCOME_CHOSEN : screen_ended(ui);
}
