/* main.c — tendo's command line: wires the core to the shells. */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "config.h"
#include "cues.h"
#include "duration.h"
#include "paths.h"
#include "plan.h"
#include "screens.h"
#include "settings.h"
#include "store.h"
#include "timeline.h"
#include "ui.h"

enum { EXIT_BAD = 1, EXIT_USAGE = 2, MAX_FOLDERS = 16 };

struct options {
	const char *routine_dirs[MAX_FOLDERS];
	size_t routine_dir_count;
	enum leg leg;
	double speed;
	const char *sound;
	int voice; /* 1 --voice, 0 --no-voice, -1 neither */
	const char *cue_log;
	const char *data_dir; /* NULL: $XDG_DATA_HOME/tendo */
	const char *profile;  /* NULL: the login name */
	bool csv;
	const char *start; /* enrol --start YYYY-MM-DD */
	int week;          /* plan --week N; 0 for this week */
	int frames;        /* --frames N: leave after N frames (tests, the benchmark) */
};

static const char usage_text[] =
    "Usage: tendo [OPTION]... [COMMAND [ARG]...]\n"
    "A full-screen coach for Achilles tendon exercise: timed holds, reps at a\n"
    "tempo, sets, sides and rests, with sound cues.\n"
    "\n"
    "Commands:\n"
    "  (none)             choose a routine from a list and run it\n"
    "  run NAME|FILE      run a routine by its name, its title, or its file\n"
    "  list               list the routines found, and where each came from\n"
    "  check FILE...      check routine files; exits 1 if any has an error\n"
    "  export --csv       write the log as CSV, one row per set (all profiles,\n"
    "                     or the one named with --profile)\n"
    "  enrol PROGRAM [--start YYYY-MM-DD]\n"
    "                     follow a program (a routine with weeks) from a day\n"
    "  plan [--week N]    this week's prescription of the program followed\n"
    "\n"
    "Options:\n"
    "  --routines DIR     look for routines in DIR too (may be repeated)\n"
    "  --leg left|right   the affected leg, for exercises done on it\n"
    "  --speed FACTOR     run time FACTOR times as fast (0.1 to 1000), for demos\n"
    "                     and tests; cues and the cue log keep real times\n"
    "  --sound LIST       where cues go: auto, canberra, bell, flash or off, or\n"
    "                     several joined by commas (default: auto, canberra where\n"
    "                     a sound server answers and not over SSH, else the bell)\n"
    "  --voice, --no-voice  speak the cues (count-in, reps, phases, switches)\n"
    "  --data-dir DIR     keep the log in DIR/tendo.db (default:\n"
    "                     ~/.local/share/tendo)\n"
    "  --profile NAME     whose log (default: your login name)\n"
    "  --cue-log FILE     write each cue as it fires: PLANNED ACTUAL NAME, both\n"
    "                     in milliseconds from the session's start\n"
    "  -h, --help         show this help\n"
    "  -V, --version      show the version\n"
    "\n"
    "Keys in a session: space pause, n next, p back to the start of the set,\n"
    "m mute, q quit, ? keys.\n"
    "\n"
    "tendo is not medical advice. A sudden pop in the heel with pain and\n"
    "trouble pushing off needs a same-day medical assessment.\n"
    "See tendo(1) and tendo-routine(5).\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tendo: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'tendo --help'.\n");
	return EXIT_USAGE;
}

/* Parses the options, wherever they stand among the words. Leaves the
 * command and its arguments in argv from *first. */
static int parse_options(int argc, char **argv, struct options *o, int *first)
{
	static const struct option longs[] = {
	    {"routines", required_argument, NULL, 'r'},
	    {"leg", required_argument, NULL, 'l'},
	    {"speed", required_argument, NULL, 's'},
	    {"sound", required_argument, NULL, 'o'},
	    {"voice", no_argument, NULL, 'v'},
	    {"no-voice", no_argument, NULL, 'N'},
	    {"data-dir", required_argument, NULL, 'd'},
	    {"profile", required_argument, NULL, 'P'},
	    {"csv", no_argument, NULL, 'C'},
	    {"start", required_argument, NULL, 'S'},
	    {"week", required_argument, NULL, 'W'},
	    {"frames", required_argument, NULL, 'F'},
	    {"cue-log", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	char *end;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "hV", longs, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (o->routine_dir_count == MAX_FOLDERS)
				return usage_error(
				    "at most 16 --routines folders, found more at %s", optarg);
			o->routine_dirs[o->routine_dir_count++] = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "left") == 0)
				o->leg = LEG_LEFT;
			else if (strcmp(optarg, "right") == 0)
				o->leg = LEG_RIGHT;
			else
				return usage_error("--leg takes left or right, found \"%s\"",
				                   optarg);
			break;
		case 's':
			o->speed = strtod(optarg, &end);
			if (end == optarg || *end || !(o->speed >= 0.1 && o->speed <= 1000))
				return usage_error(
				    "--speed takes a number from 0.1 to 1000, found \"%s\"",
				    optarg);
			break;
		case 'o': o->sound = optarg; break;
		case 'c': o->cue_log = optarg; break;
		case 'v': o->voice = 1; break;
		case 'd': o->data_dir = optarg; break;
		case 'P':
			if (!*optarg || strlen(optarg) > 64)
				return usage_error("--profile takes a name of 1 to 64 characters");
			o->profile = optarg;
			break;
		case 'C': o->csv = true; break;
		case 'S': o->start = optarg; break;
		case 'F':
			o->frames = (int)strtol(optarg, &end, 10);
			if (end == optarg || *end || o->frames < 1)
				return usage_error("--frames takes a number from 1, found \"%s\"",
				                   optarg);
			break;
		case 'W':
			o->week = (int)strtol(optarg, &end, 10);
			if (end == optarg || *end || o->week < 1 ||
			    o->week > PROGRAM_MAX_WEEKS + 52)
				return usage_error("--week takes a week from 1, found \"%s\"",
				                   optarg);
			break;
		case 'N': o->voice = 0; break;
		case 'h': fputs(usage_text, stdout); exit(EXIT_SUCCESS);
		case 'V': printf("tendo %s\n", PACKAGE_VERSION); exit(EXIT_SUCCESS);
		default: return usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	*first = optind;
	return 0;
}

/* ------------------------------------------------------------ the catalog */

static void load_catalog(const struct options *o, struct catalog *cat)
{
	struct catalog_folder folders[MAX_FOLDERS + 2];
	char user[PATH_MAX], shipped[PATH_MAX];
	size_t n = 0;

	for (size_t i = 0; i < o->routine_dir_count; i++)
		folders[n++] =
		    (struct catalog_folder){o->routine_dirs[i], ORIGIN_COMMAND_LINE, true};
	if (paths_user_routines(user, sizeof user))
		folders[n++] = (struct catalog_folder){user, ORIGIN_USER, false};
	if (paths_shipped_routines(shipped, sizeof shipped))
		folders[n++] = (struct catalog_folder){shipped, ORIGIN_SHIPPED, true};
	catalog_load(cat, folders, n);
	for (size_t i = 0; i < cat->warning_count; i++) {
		char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
		fprintf(stderr, "tendo: can't read the routine folder %s\n",
		        error_format(&cat->warnings[i], text, sizeof text));
	}
}

static int command_list(const struct options *o)
{
	struct catalog cat;
	char d[32], text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	load_catalog(o, &cat);
	if (cat.count == 0)
		printf("No routines found.\n");
	for (size_t i = 0; i < cat.count; i++) {
		const struct catalog_entry *e = &cat.entries[i];
		struct timeline tl;
		struct tendo_error err;
		if (!e->routine) {
			printf("%-24s broken: %s\n", e->name,
			       error_format(&e->error, text, sizeof text));
			continue;
		}
		d[0] = '\0';
		if (timeline_build(e->routine, LEG_LEFT, &tl, &err)) {
			duration_clock(tl.total_ms, d, sizeof d);
			timeline_free(&tl);
		}
		printf("%-24s %-36s %7s  %-10s %s\n", e->name, e->routine->title, d,
		       catalog_origin_name(e->origin), e->path);
	}
	catalog_free(&cat);
	return EXIT_SUCCESS;
}

/* ------------------------------------------------------------ check */

static bool check_one(const char *path)
{
	struct routine_errors *errors = malloc(sizeof *errors);
	struct routine *routine = NULL;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	bool ok;

	if (!errors) {
		fprintf(stderr, "tendo: out of memory\n");
		return false;
	}
	ok = catalog_parse_file(path, &routine, errors);
	if (ok) {
		struct timeline tl;
		struct tendo_error err;
		if (timeline_build(routine, LEG_LEFT, &tl, &err)) {
			timeline_free(&tl);
			printf("%s: ok\n", path);
		} else {
			printf("%s: %s\n", path, err.message);
			ok = false;
		}
	}
	for (size_t i = 0; i < errors->count; i++)
		printf("%s\n", error_format(&errors->items[i], text, sizeof text));
	if (errors->dropped)
		printf("%s: and %zu more errors\n", path, errors->dropped);
	routine_free(routine);
	free(errors);
	return ok;
}

static int command_check(int argc, char **argv)
{
	int bad = 0;

	if (argc == 0)
		return usage_error("%s", "check needs at least one routine file");
	for (int i = 0; i < argc; i++)
		bad += !check_one(argv[i]);
	return bad ? EXIT_BAD : EXIT_SUCCESS;
}

/* ------------------------------------------------------------ running */

static void print_summary(const struct routine *r, const struct engine_tally *t, bool quit)
{
	char held[32], total[32];

	printf("tendo: %s %s: %d of %d sets, %d reps, %s in holds, %s in all.\n", r->title,
	       quit ? "stopped early" : "complete", t->sets_done, t->sets_planned, t->reps_done,
	       duration_format(t->hold_ms / 1000 * 1000, held, sizeof held),
	       duration_clock(t->elapsed_ms, total, sizeof total));
}

/* What one coached session came to, for the line printed at the end. */
struct coached {
	bool ran;
	struct session_result result;
	const struct routine *routine;
};

/* The log as the sessions see it. */
struct journal {
	struct store *store; /* NULL: nothing is saved */
	int64_t profile;
	int64_t session; /* the session being logged; -1 for none */
	const struct timeline *tl;
	const char *path;    /* the routine file of the session being logged */
	int fatigue_reps[3]; /* a test to fatigue: reps on each leg (enum leg) */
	bool fatigue_test;
	char problem[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 64]; /* why nothing is saved */
	char brief[ERROR_MESSAGE_MAX + 64];                    /* the same, for the screen */
};

static void journal_problem(struct journal *j, const struct tendo_error *err)
{
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	snprintf(j->problem, sizeof j->problem, "Nothing will be saved: %s",
	         error_format(err, text, sizeof text));
	snprintf(j->brief, sizeof j->brief, "Nothing will be saved: %s", err->message);
}

static const char *profile_name(const struct options *o)
{
	struct passwd *pw = getpwuid(getuid());
	const char *user = getenv("USER");

	if (o->profile)
		return o->profile;
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	return user && *user ? user : "me";
}

static bool open_store(const struct options *o, struct store **store, struct tendo_error *err)
{
	char dir[PATH_MAX];

	if (o->data_dir)
		snprintf(dir, sizeof dir, "%s", o->data_dir);
	else if (!paths_data_dir(dir, sizeof dir)) {
		error_set(err, NULL, 0, 0,
		          "can't tell where the log goes: set HOME or use --data-dir");
		return false;
	}
	return store_open(dir, store, err);
}

/* Opens the log for a session. A log that can't be opened does not stop
 * the session: it runs, saying plainly that nothing will be saved. */
static void open_journal(const struct options *o, struct journal *j)
{
	struct tendo_error err = {0};

	memset(j, 0, sizeof *j);
	j->session = -1;
	if (open_store(o, &j->store, &err) &&
	    (j->profile = store_profile(j->store, profile_name(o), &err)) >= 0)
		return;
	store_close(j->store);
	j->store = NULL;
	journal_problem(j, &err);
}

/* The session screen's hook: each hold or set, committed as it ends. */
static void journal_set(void *ctx, const struct engine_result *r, char *notice, size_t size)
{
	struct journal *j = ctx;
	const struct step *step = &j->tl->steps[r->step];
	const struct exercise *e = timeline_exercise(j->tl, step);
	struct store_set set = {r->step, e->name,      step->leg, step->set,  r->completed,
	                        0,       r->reps_done, 0,         r->hold_ms, e->load};
	struct tendo_error err;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	if (e->to_fatigue) {
		j->fatigue_reps[step->leg] += r->reps_done;
		j->fatigue_test = true;
	}
	if (!j->store || j->session < 0)
		return;
	if (e->kind == EXERCISE_REPS)
		set.planned_reps = e->reps;
	else
		set.planned_hold_ms = e->hold_ms;
	if (!store_set_done(j->store, j->session, &set, &err))
		snprintf(notice, size, "This set was not saved: %s",
		         error_format(&err, text, sizeof text));
}

static const char pain_hint[] =
    "Pain up to 5 during the exercises is acceptable if it has settled by the next morning "
    "and does not rise from week to week (the pain-monitoring model, Silbernagel 2007).";

static const char pain_too_high[] =
    "Pain of 8 or more out of 10 is too much for this program. Stop it here, and have the "
    "tendon assessed by a doctor or physiotherapist before you go on. If the pain came with a "
    "sudden pop, or you can't push off or stand on tiptoe, get a medical assessment today.";

static const char pain_above_five[] =
    "That is more than the 5 out of 10 the pain-monitoring model allows. Next time, keep the "
    "load as it is or make it lighter; if the pain has not settled by tomorrow morning, rest "
    "a day.";

/* The program followed, when it is the one whose session just ran. */
static bool session_program(struct journal *j, struct store_enrolment *en)
{
	return j->store && j->tl && j->tl->routine->program &&
	       store_enrolment(j->store, j->profile, en) && j->path &&
	       strcmp(en->path, j->path) == 0;
}

/* Heavy slow resistance: the person says the load used, and the next is
 * proposed from whether every set reached its reps. */
static enum screen_outcome ask_weight(struct ui *ui, struct journal *j,
                                      const struct session_result *r)
{
	const struct program *p = j->tl ? j->tl->routine->program : NULL;
	struct store_enrolment en;
	struct load_decision d;
	struct tendo_error err;
	char question[200];
	double used;
	enum screen_outcome outcome;

	if (!p || p->load_rule != LOAD_RULE_RM || !session_program(j, &en))
		return OUTCOME_CHOSEN;
	snprintf(question, sizeof question, "What load did you use, in kilograms?%s",
	         en.load_kg > 0 ? "" : " (0 for bodyweight)");
	outcome = number_run(ui, "tendo \u2014 the load", question,
	                     "tendo proposes the next session's load from it: a step more when "
	                     "every set reached its reps.",
	                     &used);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	store_session_load(j->store, j->session, used, &err);
	d = plan_decide_rm(p, plan_block(p, plan_week(en.start_day, store_today())), used,
	                   r->tally.sets_skipped == 0 && !r->quit);
	store_decide(j->store, en.id, d.load_kg, d.action != LOAD_PROGRESS, d.reason, &err);
	return advice_run(ui, "tendo \u2014 the load", d.reason);
}

/* A heel-raise capacity test: the reps on each leg, the limb symmetry
 * index, and the tests before, to see it over time. */
static enum screen_outcome report_test(struct ui *ui, struct journal *j)
{
	enum leg affected = j->tl->affected;
	int left = j->fatigue_reps[LEG_LEFT], right = j->fatigue_reps[LEG_RIGHT];
	int lsi = affected == LEG_LEFT ? plan_symmetry(left, right) : plan_symmetry(right, left);
	struct store_capacity earlier[4];
	struct tendo_error err;
	char text[900];
	size_t used, n = 0;

	if (!j->fatigue_test || affected == LEG_NONE)
		return OUTCOME_CHOSEN;
	if (j->store)
		n = store_capacity_tests(j->store, j->profile, earlier, 4);
	used = (size_t)snprintf(text, sizeof text, "Left leg: %d reps. Right leg: %d reps.", left,
	                        right);
	if (lsi >= 0)
		used += (size_t)snprintf(
		    text + used, sizeof text - used,
		    " Limb symmetry index: %d%% (the affected %s's reps as a share "
		    "of the other's).",
		    lsi, leg_name(affected));
	for (size_t i = 0; i < n && used < sizeof text; i++) {
		char when[32];
		time_t at = (time_t)earlier[i].at;
		int was = earlier[i].affected == LEG_RIGHT
		              ? plan_symmetry(earlier[i].right, earlier[i].left)
		              : plan_symmetry(earlier[i].left, earlier[i].right);
		strftime(when, sizeof when, "%d %b %Y", localtime(&at));
		used += (size_t)snprintf(
		    text + used, sizeof text - used, "%s %s: left %d, right %d, %d%%.",
		    i == 0 ? " Before:" : "", when, earlier[i].left, earlier[i].right, was);
	}
	if (j->store)
		store_capacity_test(j->store, j->profile, j->session, left, right, affected, &err);
	return advice_run(ui, "tendo \u2014 heel-raise capacity", text);
}

/* After a session that ran: the log's last word on it, a red flag, and how
 * the tendon felt. */
static enum screen_outcome after_session(struct ui *ui, struct journal *j,
                                         const struct session_result *r)
{
	struct tendo_error err;
	int score;
	enum screen_outcome outcome;
	const char *status = r->red_flag ? "stopped" : r->quit ? "partial" : "completed";

	if (j->store && j->session >= 0)
		store_session_end(j->store, j->session, status, &err);
	if (r->red_flag) {
		if (j->store)
			store_red_flag(j->store, j->profile, j->session,
			               "sudden pop, sharp pain, or can't push off", &err);
		return OUTCOME_CHOSEN; /* the summary showed the advice */
	}
	outcome = report_test(ui, j);
	if (outcome == OUTCOME_STOP)
		return outcome;
	if (!j->store || r->tally.sets_done == 0)
		return OUTCOME_CHOSEN;
	outcome = ask_weight(ui, j, r);
	if (outcome == OUTCOME_STOP)
		return outcome;
	outcome = rating_run(ui, "tendo \u2014 how was it?",
	                     "How much pain did you feel in the tendon during these exercises?",
	                     pain_hint, &score);
	if (outcome != OUTCOME_CHOSEN)
		return outcome == OUTCOME_STOP ? outcome : OUTCOME_CHOSEN;
	store_pain(j->store, j->profile, j->session, "during", score, -1, &err);
	if (score >= 8) {
		store_pause_program(j->store, j->profile, true, &err);
		return advice_run(ui, "tendo \u2014 stop and get assessed", pain_too_high);
	}
	if (score > 5)
		return advice_run(ui, "tendo \u2014 too much", pain_above_five);
	return OUTCOME_CHOSEN;
}

/* On the first start of a day after training: how the tendon is this
 * morning, the other half of the pain-monitoring model. */
static enum screen_outcome ask_morning(struct ui *ui, struct journal *j)
{
	struct tendo_error err;
	int pain, stiffness = -1;
	enum screen_outcome outcome;

	if (!j->store || !store_morning_due(j->store, j->profile))
		return OUTCOME_BACK;
	outcome = rating_run(ui, "tendo \u2014 good morning",
	                     "How much pain do you feel in the tendon this morning?",
	                     "Morning pain that is no higher than yesterday's means the tendon "
	                     "coped with yesterday's load.",
	                     &pain);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	outcome = rating_run(ui, "tendo \u2014 good morning", "And how stiff is it this morning?",
	                     NULL, &stiffness);
	if (outcome == OUTCOME_STOP)
		return outcome;
	store_pain(j->store, j->profile, -1, "morning", pain, stiffness, &err);
	if (pain >= 8) {
		store_pause_program(j->store, j->profile, true, &err);
		return advice_run(ui, "tendo \u2014 stop and get assessed", pain_too_high);
	}
	return OUTCOME_BACK;
}

/* The load for today under the program followed, decided once a day from
 * the pain ratings. Returns false when the profile follows no program or
 * not this one. */
static bool todays_load(struct journal *j, const struct routine *routine, const char *path,
                        struct store_enrolment *en)
{
	struct load_decision d;
	struct pain_facts facts;
	struct tendo_error err;

	if (!j->store || !routine->program || !store_enrolment(j->store, j->profile, en) ||
	    strcmp(en->path, path) != 0)
		return false;
	/* Decided once a day; only the pain-monitoring rule decides on its own. */
	if (en->decided_today || routine->program->load_rule != LOAD_RULE_PAIN)
		return true;
	store_pain_facts(j->store, j->profile, &facts);
	facts.held_last = en->held;
	d = plan_decide(routine->program, en->load_kg, &facts);
	if (store_decide(j->store, en->id, d.load_kg, d.action != LOAD_PROGRESS, d.reason, &err)) {
		en->load_kg = d.load_kg;
		snprintf(en->decision, sizeof en->decision, "%s", d.reason);
	}
	return true;
}

/* Where a session starts: afresh, or where a cut-off one stopped. */
struct start {
	size_t first_step;
	enum leg leg;
	int64_t resumed; /* the cut-off session's id; -1 for a new one */
};

/* Runs one routine in a started ui: asks for the leg if needed, then the
 * session, logged. Returns the outcome; fills *done when a session ran. */
static enum screen_outcome coach(struct ui *ui, const struct catalog_entry *entry,
                                 const struct options *o, struct cue_sinks *sinks,
                                 struct journal *j, const struct start *from, struct coached *done,
                                 struct tendo_error *err)
{
	struct session_options so = {o->speed, sinks, from->first_step, journal_set, j, ""};
	const struct routine *routine = entry->routine;
	struct timeline tl;
	enum leg leg = from->leg != LEG_NONE ? from->leg : o->leg;
	enum screen_outcome outcome;
	struct tendo_error log_err = {0};

	struct store_enrolment en;

	if (leg == LEG_NONE && routine_needs_leg(routine)) {
		outcome = leg_prompt_run(ui, routine, &leg);
		if (outcome != OUTCOME_CHOSEN)
			return outcome;
	}
	/* A program paused after pain of 8 or more waits for an assessment. */
	if (j->store && routine->program && store_enrolment(j->store, j->profile, &en) &&
	    strcmp(en.path, entry->path) == 0 && en.paused) {
		bool assessed = false;
		outcome =
		    question_run(ui, "tendo \u2014 the program is paused",
		                 "You reported pain of 8 or more out of 10, so this program is "
		                 "paused. Has a doctor or physiotherapist assessed the tendon and "
		                 "told you that you can go on?",
		                 &assessed);
		if (outcome != OUTCOME_CHOSEN)
			return outcome;
		if (!assessed) {
			outcome =
			    advice_run(ui, "tendo \u2014 the program is paused", pain_too_high);
			return outcome == OUTCOME_STOP ? outcome : OUTCOME_BACK;
		}
		store_pause_program(j->store, j->profile, false, &log_err);
	}
	/* A program followed: this week's prescription at today's load. */
	if (todays_load(j, routine, entry->path, &en)) {
		int week = plan_week(en.start_day, store_today());
		plan_apply(entry->routine, plan_block(routine->program, week), en.load_kg);
	}
	if (!timeline_build(routine, leg, &tl, err))
		return OUTCOME_BACK;
	if (sinks->voice_wanted)
		ui_message(ui, "Getting the voice ready...");
	cues_prepare(sinks, &tl);
	j->tl = &tl;
	j->path = entry->path;
	memset(j->fatigue_reps, 0, sizeof j->fatigue_reps);
	j->fatigue_test = false;
	j->session = from->resumed;
	if (j->store && j->session < 0)
		j->session = store_session_begin(j->store, j->profile, entry->name, entry->path,
		                                 leg, &log_err);
	if (j->store && j->session >= 0 && routine->program &&
	    store_enrolment(j->store, j->profile, &en) && strcmp(en.path, entry->path) == 0)
		store_session_program(j->store, j->session, en.program,
		                      plan_week(en.start_day, store_today()), &log_err);
	if (j->store && j->session < 0)
		journal_problem(j, &log_err);
	snprintf(so.notice, sizeof so.notice, "%.399s", j->brief[0] ? j->brief : "");
	if (!so.notice[0] && routine->program && j->store &&
	    store_enrolment(j->store, j->profile, &en) && strcmp(en.path, entry->path) == 0)
		snprintf(so.notice, sizeof so.notice, "Week %d: %.300s",
		         plan_week(en.start_day, store_today()), en.decision);
	outcome = session_run(ui, &tl, &so, &done->result);
	/* Ended by a signal (a hang-up, a kill): left open, to be taken up. */
	if (outcome != OUTCOME_STOP)
		outcome = after_session(ui, j, &done->result);
	j->session = -1;
	j->tl = NULL;
	j->path = NULL;
	done->ran = true;
	done->routine = routine;
	timeline_free(&tl);
	return outcome;
}

/* Offers to take up a session that was cut off. Returns OUTCOME_CHOSEN
 * when one ran, OUTCOME_BACK when there was none or the person declined.
 * The routine taken up is kept in *entry (the caller frees it with
 * catalog_entry_free(), after done is used). */
static enum screen_outcome offer_resume(struct ui *ui, const struct options *o,
                                        struct cue_sinks *sinks, struct journal *j,
                                        struct coached *done, struct tendo_error *err,
                                        struct catalog_entry *kept)
{
	struct store_interrupted cut;
	struct catalog_entry entry;
	struct start from;
	char question[600], when[64];
	enum screen_outcome outcome;
	struct tendo_error ignored;
	bool yes = false;
	time_t started;

	if (!j->store || !store_find_interrupted(j->store, j->profile, &cut))
		return OUTCOME_BACK;
	/* Cut off before a set was done: nothing to take up. */
	if (cut.sets_done == 0) {
		store_session_end(j->store, cut.id, "partial", &ignored);
		return OUTCOME_BACK;
	}
	if (!cut.path[0] || !catalog_load_file(cut.path, ORIGIN_FILE, &entry)) {
		if (cut.path[0])
			catalog_entry_free(&entry);
		store_session_end(j->store, cut.id, "partial", &ignored);
		return OUTCOME_BACK;
	}
	started = (time_t)cut.started;
	strftime(when, sizeof when, "%A %d %B at %H:%M", localtime(&started));
	snprintf(question, sizeof question,
	         "Your session of %s on %s was cut off after %d sets. Take it up where it "
	         "stopped?",
	         entry.routine->title, when, cut.sets_done);
	outcome = question_run(ui, "tendo \u2014 a session was cut off", question, &yes);
	if (outcome == OUTCOME_CHOSEN && yes && store_session_adopt(j->store, cut.id, &ignored)) {
		from = (struct start){(size_t)cut.next_step, cut.leg, cut.id};
		outcome = coach(ui, &entry, o, sinks, j, &from, done, err);
		if (outcome == OUTCOME_BACK)
			outcome = OUTCOME_CHOSEN;
	} else if (outcome == OUTCOME_CHOSEN) {
		store_session_end(j->store, cut.id, "partial", &ignored);
		outcome = OUTCOME_BACK;
	}
	*kept = entry;
	return outcome;
}

static const struct start fresh = {0, LEG_NONE, -1};

/* What every start does before the first screen of choice: the log, the
 * terminal, this morning's pain, and a cut-off session to take up.
 * Returns OUTCOME_BACK when nothing ran and the person may choose. */
static enum screen_outcome open_session_ui(struct ui *ui, const struct options *o,
                                           struct cue_sinks *sinks, struct journal *j,
                                           struct coached *done, struct tendo_error *err,
                                           struct catalog_entry *resumed)
{
	enum screen_outcome outcome;

	open_journal(o, j);
	ui_start(ui);
	ui->frames = o->frames;
	outcome = ask_morning(ui, j);
	if (outcome != OUTCOME_STOP)
		outcome = offer_resume(ui, o, sinks, j, done, err, resumed);
	return outcome;
}

static void finish_ui(struct ui *ui, const struct coached *done, const struct tendo_error *err)
{
	ui_stop(ui);
	if (done->ran)
		print_summary(done->routine, &done->result.tally, done->result.quit);
	if (done->ran && done->result.red_flag)
		fprintf(stderr, "tendo: %s\n", red_flag_advice);
	if (err->message[0])
		fprintf(stderr, "tendo: %s\n", err->message);
}

static bool looks_like_file(const char *arg)
{
	struct stat st;
	size_t len = strlen(arg);

	return strchr(arg, '/') || (len > 5 && strcmp(arg + len - 5, ".yaml") == 0) ||
	       (len > 4 && strcmp(arg + len - 4, ".yml") == 0) ||
	       (stat(arg, &st) == 0 && S_ISREG(st.st_mode));
}

/* Reads the config file, if there is one; its mistakes are reported and
 * skipped, never fatal. */
static struct settings read_settings(void)
{
	struct settings settings = settings_defaults();
	struct settings_errors errors;
	char path[PATH_MAX], text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8], *buf;
	size_t len;
	FILE *f;

	if (!paths_user_config(path, sizeof path) || !(f = fopen(path, "rb")))
		return settings;
	buf = malloc(SETTINGS_MAX_FILE + 1);
	len = buf ? fread(buf, 1, SETTINGS_MAX_FILE + 1, f) : 0;
	fclose(f);
	if (buf && !settings_parse(buf, len, path, &settings, &errors))
		for (size_t i = 0; i < errors.count; i++)
			fprintf(stderr, "tendo: %s (ignored)\n",
			        error_format(&errors.items[i], text, sizeof text));
	free(buf);
	return settings;
}

static bool open_sinks(const struct options *o, struct cue_sinks *sinks)
{
	struct settings settings = read_settings();
	struct cues_options co = {o->sound, o->voice == 1, o->cue_log};
	struct tendo_error err;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	if (!co.sound && settings.sound[0])
		co.sound = settings.sound;
	if (o->voice < 0)
		co.voice = settings.voice == 1;
	if (!cues_open(sinks, &co, &err)) {
		fprintf(stderr, "tendo: %s\n", error_format(&err, text, sizeof text));
		return false;
	}
	return true;
}

static bool have_terminal(void)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return true;
	fprintf(stderr, "tendo: a session needs a terminal; to check routine files without "
	                "one, use tendo check\n");
	return false;
}

/* The exit status after the ui loop: 128 plus the signal that ended it,
 * as a shell would report it, or 0. */
static int ui_status(const struct ui *ui)
{
	if (ui->stop_signal)
		return 128 + ui->stop_signal;
	return ui->hung_up ? 128 + SIGHUP : EXIT_SUCCESS;
}

static int command_run(const struct options *o, const char *target)
{
	struct catalog cat = {0};
	struct catalog_entry file_entry = {0};
	const struct catalog_entry *entry;
	struct cue_sinks sinks;
	struct ui ui;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	int status = EXIT_SUCCESS;

	if (looks_like_file(target)) {
		catalog_load_file(target, ORIGIN_FILE, &file_entry);
		entry = &file_entry;
	} else {
		load_catalog(o, &cat);
		entry = catalog_find(&cat, target);
		if (!entry) {
			fprintf(
			    stderr,
			    "tendo: there is no routine called \"%s\"; 'tendo list' shows them\n",
			    target);
			catalog_free(&cat);
			return EXIT_BAD;
		}
	}
	if (!entry->routine) {
		fprintf(stderr, "tendo: %s\n", error_format(&entry->error, text, sizeof text));
		status = EXIT_BAD;
	} else if (!have_terminal() || !open_sinks(o, &sinks)) {
		status = EXIT_BAD;
	} else {
		struct coached done = {0};
		struct tendo_error err = {0};
		struct journal journal;
		struct catalog_entry resumed = {0};
		enum screen_outcome outcome;
		outcome = open_session_ui(&ui, o, &sinks, &journal, &done, &err, &resumed);
		if (outcome == OUTCOME_BACK)
			outcome = coach(&ui, entry, o, &sinks, &journal, &fresh, &done, &err);
		if (outcome == OUTCOME_STOP)
			status = ui_status(&ui);
		finish_ui(&ui, &done, &err);
		if (journal.problem[0])
			fprintf(stderr, "tendo: %s\n", journal.problem);
		if (err.message[0])
			status = EXIT_BAD;
		catalog_entry_free(&resumed);
		store_close(journal.store);
		cues_close(&sinks);
	}
	catalog_entry_free(&file_entry);
	catalog_free(&cat);
	return status;
}

/* The entry in the catalog whose file is path, or NULL. */
static const struct catalog_entry *entry_at(const struct catalog *cat, const char *path)
{
	for (size_t i = 0; i < cat->count; i++)
		if (cat->entries[i].routine && strcmp(cat->entries[i].path, path) == 0)
			return &cat->entries[i];
	return NULL;
}

/* The start screen opens on the program followed. */
static void preselect_program(struct journal *j, const struct catalog *cat, size_t *chosen)
{
	struct store_enrolment en;
	const struct catalog_entry *e;

	if (j->store && store_enrolment(j->store, j->profile, &en) && (e = entry_at(cat, en.path)))
		*chosen = (size_t)(e - cat->entries);
}

/* This week's prescription in a few words: "3 x 15 reps (15RM) a set." */
static const char *prescription(const struct routine *r, int week)
{
	static char text[96];
	const struct block *b = plan_block(r->program, week);
	const struct exercise *e = &r->exercises[0];
	int sets = b && b->sets ? b->sets : e->sets;
	char hold[32];

	if (e->kind == EXERCISE_HOLD)
		snprintf(
		    text, sizeof text, "%d x %s holds.", sets,
		    duration_format(b && b->hold_ms ? b->hold_ms : e->hold_ms, hold, sizeof hold));
	else
		snprintf(text, sizeof text, "%d x %d reps%s%s%s.", sets,
		         b && b->reps ? b->reps : e->reps, b && b->intensity ? " (" : "",
		         b && b->intensity ? b->intensity : "", b && b->intensity ? ")" : "");
	return text;
}

/* What the start screen says of the program followed. */
static void start_screen_status(const struct options *o, struct journal *j,
                                const struct catalog *cat, struct picker_status *ps)
{
	struct store_enrolment en;
	const struct catalog_entry *e;
	const struct program *p;
	char load[32];
	int week, done;

	memset(ps, 0, sizeof *ps);
	ps->has_history = j->store != NULL;
	if (!j->store)
		return;
	if (!store_enrolment(j->store, j->profile, &en) || !(e = entry_at(cat, en.path)) ||
	    !e->routine->program) {
		snprintf(ps->lines[0], sizeof ps->lines[0],
		         "%.60s follows no program: choose one below to start it.",
		         profile_name(o));
		return;
	}
	p = e->routine->program;
	week = plan_week(en.start_day, store_today());
	if (week == 0)
		snprintf(ps->lines[0], sizeof ps->lines[0], "%.120s starts later.",
		         e->routine->title);
	else if (plan_finished(p, week))
		snprintf(ps->lines[0], sizeof ps->lines[0], "%.120s: finished (%d weeks).",
		         e->routine->title, p->weeks);
	else if (p->weeks)
		snprintf(ps->lines[0], sizeof ps->lines[0], "%.120s: week %d of %d",
		         e->routine->title, week, p->weeks);
	else
		snprintf(ps->lines[0], sizeof ps->lines[0], "%.120s: week %d", e->routine->title,
		         week);
	done = store_done_today(j->store, j->profile, en.path);
	if (en.load_kg > 0)
		snprintf(load, sizeof load, "%g kg", en.load_kg);
	else
		snprintf(load, sizeof load, "bodyweight");
	snprintf(ps->lines[1], sizeof ps->lines[1],
	         "Today: %d of %d session%s done. %s Load: %s.%s",
	         done < p->sessions_per_day ? done : p->sessions_per_day, p->sessions_per_day,
	         p->sessions_per_day == 1 ? "" : "s", prescription(e->routine, week), load,
	         en.paused ? " Paused until the tendon has been assessed." : "");
	snprintf(ps->lines[2], sizeof ps->lines[2], "%.220s", en.decision);
}

/* A program chosen on the start screen that is not the one followed: ask
 * to follow it from today. */
static enum screen_outcome offer_program(struct ui *ui, const struct options *o, struct journal *j,
                                         const struct catalog_entry *entry)
{
	struct store_enrolment en;
	struct tendo_error err;
	char question[300];
	bool yes = false;
	enum screen_outcome outcome;

	(void)o;
	if (!j->store || !entry->routine->program ||
	    (store_enrolment(j->store, j->profile, &en) && strcmp(en.path, entry->path) == 0))
		return OUTCOME_CHOSEN;
	snprintf(question, sizeof question,
	         "Follow %.200s from today? Its sessions then run at each week's prescription.",
	         entry->routine->title);
	outcome = question_run(ui, "tendo \u2014 a program", question, &yes);
	if (outcome == OUTCOME_CHOSEN && yes)
		store_enrol(j->store, j->profile, entry->name, entry->path, store_today(), &err);
	return outcome;
}

static int command_pick(const struct options *o)
{
	struct catalog cat;
	struct cue_sinks sinks;
	struct coached done = {0};
	struct tendo_error err = {0};
	struct journal journal;
	struct catalog_entry resumed = {0};
	struct ui ui;
	size_t chosen = 0;
	int status = EXIT_SUCCESS;
	enum screen_outcome outcome;

	if (!have_terminal() || !open_sinks(o, &sinks))
		return EXIT_BAD;
	load_catalog(o, &cat);
	outcome = open_session_ui(&ui, o, &sinks, &journal, &done, &err, &resumed);
	preselect_program(&journal, &cat, &chosen);
	while (outcome != OUTCOME_STOP && !err.message[0]) {
		struct picker_status ps;
		start_screen_status(o, &journal, &cat, &ps);
		outcome = picker_run(&ui, &cat, &chosen, &ps);
		if (outcome == OUTCOME_BACK)
			break;
		if (outcome == OUTCOME_HISTORY) {
			struct store_history h;
			if (store_history(journal.store, journal.profile, &h))
				outcome = history_run(&ui, &h, profile_name(o));
			continue;
		}
		if (outcome == OUTCOME_CHOSEN)
			outcome = offer_program(&ui, o, &journal, &cat.entries[chosen]);
		if (outcome == OUTCOME_CHOSEN)
			outcome = coach(&ui, &cat.entries[chosen], o, &sinks, &journal, &fresh,
			                &done, &err);
		else if (outcome == OUTCOME_BACK)
			continue;
		else if (outcome != OUTCOME_STOP)
			break;
		if (outcome == OUTCOME_STOP) {
			status = ui_status(&ui);
			break;
		}
		if (err.message[0]) {
			status = EXIT_BAD;
			break;
		}
	}
	if (outcome == OUTCOME_STOP)
		status = ui_status(&ui);
	finish_ui(&ui, &done, &err);
	if (journal.problem[0])
		fprintf(stderr, "tendo: %s\n", journal.problem);
	catalog_entry_free(&resumed);
	store_close(journal.store);
	cues_close(&sinks);
	catalog_free(&cat);
	return status;
}

/* "2026-11-23" into days since 1970-01-01. */
static bool parse_day(const char *text, int64_t *day)
{
	struct tm tm = {0};
	char *end = strptime(text, "%Y-%m-%d", &tm);

	if (!end || *end)
		return false;
	*day = (int64_t)(timegm(&tm) / 86400);
	return true;
}

/* Opens the log and the profile for a command outside a session. */
static bool open_profile(const struct options *o, struct store **store, int64_t *profile)
{
	struct tendo_error err;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	if (open_store(o, store, &err) &&
	    (*profile = store_profile(*store, profile_name(o), &err)) >= 0)
		return true;
	fprintf(stderr, "tendo: %s\n", error_format(&err, text, sizeof text));
	store_close(*store);
	*store = NULL;
	return false;
}

static int command_enrol(const struct options *o, const char *name)
{
	struct catalog cat;
	const struct catalog_entry *entry;
	struct store *store;
	struct tendo_error err;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	int64_t profile, start = store_today();
	int status = EXIT_BAD;

	if (o->start && !parse_day(o->start, &start))
		return usage_error("--start takes a day as YYYY-MM-DD, found \"%s\"", o->start);
	load_catalog(o, &cat);
	entry = catalog_find(&cat, name);
	if (!entry || !entry->routine || !entry->routine->program) {
		fprintf(stderr,
		        "tendo: there is no program called \"%s\"; 'tendo list' shows them\n",
		        name);
	} else if (open_profile(o, &store, &profile)) {
		if (store_enrol(store, profile, entry->name, entry->path, start, &err)) {
			printf("%s follows %s from %s.\n", profile_name(o), entry->routine->title,
			       o->start ? o->start : "today");
			status = EXIT_SUCCESS;
		} else {
			fprintf(stderr, "tendo: %s\n", error_format(&err, text, sizeof text));
		}
		store_close(store);
	}
	catalog_free(&cat);
	return status;
}

static void print_prescription(const struct routine *r, int week, const struct block *b)
{
	const struct program *p = r->program;
	char d[32];

	if (p->weeks)
		printf("%s, week %d of %d", r->title, week, p->weeks);
	else
		printf("%s, week %d", r->title, week);
	printf(": %d session%s a day, %d day%s a week", p->sessions_per_day,
	       p->sessions_per_day == 1 ? "" : "s", p->days_per_week,
	       p->days_per_week == 1 ? "" : "s");
	if (b && b->intensity)
		printf(", %s", b->intensity);
	printf(".\n");
	for (size_t i = 0; i < r->exercise_count; i++) {
		const struct exercise *e = &r->exercises[i];
		if (e->kind == EXERCISE_HOLD)
			printf("  %s: %d x %s hold", e->name, e->sets,
			       duration_format(e->hold_ms, d, sizeof d));
		else
			printf("  %s: %d x %d reps", e->name, e->sets, e->reps);
		if (e->sides == SIDES_BOTH || e->sides == SIDES_AFFECTED)
			printf(" (%s)", e->sides == SIDES_BOTH ? "each leg" : "the affected leg");
		if (e->rest_ms)
			printf(", rest %s", duration_format(e->rest_ms, d, sizeof d));
		if (e->load)
			printf(", %s", e->load);
		printf(".\n");
	}
}

static int command_plan(const struct options *o)
{
	struct store *store;
	struct store_enrolment en;
	struct catalog_entry entry;
	int64_t profile;
	int week, status = EXIT_BAD;

	if (!open_profile(o, &store, &profile))
		return EXIT_BAD;
	if (!store_enrolment(store, profile, &en)) {
		fprintf(stderr, "tendo: %s follows no program; 'tendo enrol PROGRAM' starts one\n",
		        profile_name(o));
	} else if (!catalog_load_file(en.path, ORIGIN_FILE, &entry) || !entry.routine->program) {
		fprintf(stderr,
		        "tendo: the program %s (%s) can't be read; 'tendo check' says why\n",
		        en.program, en.path);
		catalog_entry_free(&entry);
	} else {
		week = o->week ? o->week : plan_week(en.start_day, store_today());
		if (week == 0) {
			printf("%s starts later: week 1 is the first week from its start day.\n",
			       entry.routine->title);
			week = 1;
		}
		if (plan_finished(entry.routine->program, week))
			printf("%s ended after week %d; this is its last week.\n",
			       entry.routine->title, entry.routine->program->weeks);
		if (plan_finished(entry.routine->program, week))
			week = entry.routine->program->weeks;
		plan_apply(entry.routine, plan_block(entry.routine->program, week), en.load_kg);
		print_prescription(entry.routine, week, plan_block(entry.routine->program, week));
		if (en.decision[0])
			printf("%s\n", en.decision);
		catalog_entry_free(&entry);
		status = EXIT_SUCCESS;
	}
	store_close(store);
	return status;
}

static int command_export(const struct options *o)
{
	struct store *store;
	struct tendo_error err;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	bool ok;

	if (!o->csv)
		return usage_error("%s", "export needs a format: tendo export --csv");
	if (!open_store(o, &store, &err)) {
		fprintf(stderr, "tendo: %s\n", error_format(&err, text, sizeof text));
		return EXIT_BAD;
	}
	ok = store_export_csv(store, o->profile, stdout, &err);
	if (!ok)
		fprintf(stderr, "tendo: %s\n", error_format(&err, text, sizeof text));
	store_close(store);
	return ok ? EXIT_SUCCESS : EXIT_BAD;
}

int main(int argc, char **argv)
{
	struct options o = {.speed = 1.0, .voice = -1};
	int first = 1, status;
	const char *command;

	setlocale(LC_ALL, "");
	status = parse_options(argc, argv, &o, &first);
	if (status)
		return status;
	if (first == argc)
		return command_pick(&o);
	command = argv[first];
	if (strcmp(command, "run") == 0) {
		if (argc - first != 2)
			return usage_error("%s",
			                   "run takes one routine: a name, a title or a file");
		return command_run(&o, argv[first + 1]);
	}
	if (strcmp(command, "list") == 0)
		return command_list(&o);
	if (strcmp(command, "export") == 0)
		return command_export(&o);
	if (strcmp(command, "plan") == 0)
		return command_plan(&o);
	if (strcmp(command, "enrol") == 0 || strcmp(command, "enroll") == 0) {
		if (argc - first != 2)
			return usage_error("%s", "enrol takes one program: tendo enrol PROGRAM");
		return command_enrol(&o, argv[first + 1]);
	}
	if (strcmp(command, "check") == 0)
		return command_check(argc - first - 1, argv + first + 1);
	return usage_error("unknown command \"%s\"", command);
}
