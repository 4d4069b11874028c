/* main.c — tendo's command line: wires the core to the shells. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "clock.h"
#include "coach.h"
#include "kiosk.h"
#include "pin.h"
#include "config.h"
#include "cues.h"
#include "duration.h"
#include "paths.h"
#include "plan.h"
#include "remind.h"
#include "report.h"
#include "screens.h"
#include "screening.h"
#include "settings.h"
#include "spool.h"
#include "store.h"
#include "timeline.h"
#include "ui.h"

enum { EXIT_BAD = 1, EXIT_USAGE = 2, MAX_FOLDERS = 16 };

/* A kiosk's screens go back to the members after this long alone. */
#define KIOSK_IDLE_MS (2 * 60 * INT64_C(1000))

struct options {
	const char *routine_dirs[MAX_FOLDERS];
	size_t routine_dir_count;
	enum leg leg;
	double speed;
	const char *sound;
	int voice; /* 1 --voice, 0 --no-voice, -1 neither */
	const char *cue_log;
	const char *data_dir; /* NULL: $XDG_DATA_HOME/tendo */
	const char *database; /* NULL: the config's, else the SQLite file */
	const char *profile;  /* NULL: the login name */
	bool csv;
	const char *start;     /* enrol --start YYYY-MM-DD */
	const char *date;      /* rate, log --date YYYY-MM-DD */
	const char *from, *to; /* report --from, --to YYYY-MM-DD */
	const char *output;    /* report -o FILE */
	const char *chart_map; /* report --chart-map FILE: each chart's marks, for tests */
	const char *stiffness; /* rate morning --stiffness N */
	const char *pain;      /* log --pain N */
	const char *load;      /* log --load KG[,KG...] */
	bool reset;            /* baseline --reset */
	bool quiet;            /* today --quiet */
	int remind;            /* remind --install, --remove, --notify, --show: the flag's letter */
	const char *at;        /* remind --install --at HH:MM */
	int week;              /* plan --week N; 0 for this week */
	int frames;            /* --frames N: leave after N frames (tests, the benchmark) */
	bool kiosk;            /* --kiosk, or kiosk = yes in the system's config */
	struct settings settings; /* the config files' */
};

static const char usage_head[] =
    "Usage: tendo [OPTION]... [COMMAND [ARG]...]\n"
    "A full-screen coach for Achilles tendon exercise: timed holds, reps at a\n"
    "tempo, sets, sides and rests, with sound cues.\n"
    "\n";

static const char usage_options[] =
    "Options:\n"
    "  --routines DIR     look for routines in DIR too (may be repeated)\n"
    "  --leg left|right   the affected leg, for exercises done on it\n"
    "  --speed FACTOR     run time FACTOR times as fast (0.1 to 1000), for demos\n"
    "                     and tests; cues and the cue log keep real times\n"
    "  --sound LIST       where cues go: auto, canberra, alsa, bell, flash or off,\n"
    "                     or several joined by commas (default: auto: not over\n"
    "                     SSH, canberra where a sound server answers, else alsa\n"
    "                     where the sound card opens; else the bell)\n"
    "  --voice, --no-voice  speak the cues (count-in, reps, phases, switches)\n"
    "  --data-dir DIR     keep the log in DIR/tendo.db (default:\n"
    "                     ~/.local/share/tendo)\n"
    "  --database DB      keep the log in a PostgreSQL database instead: a\n"
    "                     postgresql:// URI, a libpq connection string, or\n"
    "                     service=NAME (sets wait in DIR while it is away)\n"
    "  --profile NAME     whose log (default: your login name)\n"
    "  --kiosk            a shared screen: members choose their profile, idle\n"
    "                     screens return to them, and only the admin PIN leaves\n"
    "  --cue-log FILE     write each cue as it fires: PLANNED ACTUAL NAME, both\n"
    "                     in milliseconds from the session's start\n"
    "  --test-clock FIFO  for tests: time stands still and moves on only when\n"
    "                     a line \"+MS\" is written to the FIFO\n"
    "  --chart-map FILE   for tests: report writes each chart's marks (a bar, a\n"
    "                     point) with their place on the page to FILE\n"
    "  -h, --help         show this help\n"
    "  -V, --version      show the version\n"
    "\n";

static const char usage_end[] =
    "\n"
    "tendo is not medical advice. A sudden pop in the heel with pain and\n"
    "trouble pushing off needs a same-day medical assessment.\n"
    "See tendo(1) and tendo-routine(5).\n";

static void print_usage(void);

/* An error on stderr: "tendo: FILE:LINE:COLUMN: what" (the place when
 * known). */
static void print_error(const struct tendo_error *err)
{
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 32];

	fprintf(stderr, "tendo: %s\n", error_format(err, text, sizeof text));
}

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
	    {"sound", required_argument, NULL, 'u'},
	    {"output", required_argument, NULL, 'o'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"chart-map", required_argument, NULL, 'M'},
	    {"voice", no_argument, NULL, 'v'},
	    {"no-voice", no_argument, NULL, 'N'},
	    {"data-dir", required_argument, NULL, 'd'},
	    {"database", required_argument, NULL, 'B'},
	    {"profile", required_argument, NULL, 'P'},
	    {"csv", no_argument, NULL, 'C'},
	    {"start", required_argument, NULL, 'S'},
	    {"week", required_argument, NULL, 'W'},
	    {"frames", required_argument, NULL, 'F'},
	    {"cue-log", required_argument, NULL, 'c'},
	    {"kiosk", no_argument, NULL, 'K'},
	    {"test-clock", required_argument, NULL, 'T'},
	    {"date", required_argument, NULL, 'D'},
	    {"stiffness", required_argument, NULL, 'X'},
	    {"pain", required_argument, NULL, 'p'},
	    {"load", required_argument, NULL, 'L'},
	    {"reset", no_argument, NULL, 'R'},
	    {"quiet", no_argument, NULL, 'Q'},
	    {"install", no_argument, NULL, 'i'},
	    {"remove", no_argument, NULL, 'e'},
	    {"notify", no_argument, NULL, 'y'},
	    {"show", no_argument, NULL, 'w'},
	    {"at", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	char *end, why[PATH_MAX + 64];

	opterr = 0;
	while ((c = getopt_long(argc, argv, "hVo:", longs, NULL)) != -1) {
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
		case 'u': o->sound = optarg; break;
		case 'o': o->output = optarg; break;
		case 'f': o->from = optarg; break;
		case 't': o->to = optarg; break;
		case 'M': o->chart_map = optarg; break;
		case 'c': o->cue_log = optarg; break;
		case 'v': o->voice = 1; break;
		case 'd': o->data_dir = optarg; break;
		case 'B':
			if (!settings_is_database(optarg))
				return usage_error("--database takes a PostgreSQL database: a "
				                   "postgresql:// URI, a connection string "
				                   "(host=... dbname=...) or service=NAME");
			o->database = optarg;
			break;
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
		case 'K': o->kiosk = true; break;
		case 'D': o->date = optarg; break;
		case 'X': o->stiffness = optarg; break;
		case 'p': o->pain = optarg; break;
		case 'L': o->load = optarg; break;
		case 'R': o->reset = true; break;
		case 'Q': o->quiet = true; break;
		case 'i':
		case 'e':
		case 'y':
		case 'w': o->remind = o->remind && o->remind != c ? '?' : c; break;
		case 'A': o->at = optarg; break;
		case 'T':
			if (!clock_drive(optarg, why, sizeof why))
				return usage_error("%s", why);
			break;
		case 'h': print_usage(); exit(EXIT_SUCCESS);
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
	struct catalog_folder folders[MAX_FOLDERS + SETTINGS_MAX_FOLDERS + 2];
	char user[PATH_MAX], shipped[PATH_MAX];
	size_t n = 0;

	for (size_t i = 0; i < o->routine_dir_count; i++)
		folders[n++] =
		    (struct catalog_folder){o->routine_dirs[i], ORIGIN_COMMAND_LINE, true};
	for (size_t i = 0; i < o->settings.routine_count; i++)
		folders[n++] =
		    (struct catalog_folder){o->settings.routines[i], ORIGIN_CONFIG, true};
	/* A kiosk's members see the configured folders only. */
	if (!o->kiosk && paths_user_routines(user, sizeof user))
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

/* The columns a UTF-8 text takes in a terminal: one a character (the
 * titles are in Latin letters). */
static int text_columns(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += ((unsigned char)*text & 0xC0) != 0x80;
	return n;
}

/* A column's width with text in it too: as wide as the widest, up to most. */
static int widest(int width, const char *text, int most)
{
	int columns = text_columns(text) < most ? text_columns(text) : most;

	return columns > width ? columns : width;
}

/* text, then spaces to fill `columns`, and one more between columns. */
static void print_column(const char *text, int columns)
{
	int pad = columns - text_columns(text);

	printf("%s%*s", text, pad > 0 ? pad + 1 : 1, "");
}

static int command_list(const struct options *o, char **args)
{
	(void)args;
	struct catalog cat;
	char d[32], text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	int names = 0, titles = 0;

	load_catalog(o, &cat);
	if (cat.count == 0)
		printf("No routines found.\n");
	/* The columns as wide as what they hold, so that they line up, up
	 * to a width past which a long one stands out instead. */
	for (size_t i = 0; i < cat.count; i++) {
		names = widest(names, cat.entries[i].name, 32);
		if (cat.entries[i].routine)
			titles = widest(titles, cat.entries[i].routine->title, 48);
	}
	for (size_t i = 0; i < cat.count; i++) {
		const struct catalog_entry *e = &cat.entries[i];
		struct timeline tl;
		struct tendo_error err;
		print_column(e->name, names);
		if (!e->routine) {
			printf("broken: %s\n", error_format(&e->error, text, sizeof text));
			continue;
		}
		d[0] = '\0';
		if (timeline_build(e->routine, LEG_LEFT, &tl, &err)) {
			duration_clock(tl.total_ms, d, sizeof d);
			timeline_free(&tl);
		}
		print_column(e->routine->title, titles);
		printf("%7s  %-10s %s\n", d, catalog_origin_name(e->origin), e->path);
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

static int command_check(const struct options *o, char **args)
{
	(void)o;
	int bad = 0;

	if (!args[0])
		return usage_error("%s", "check needs at least one routine file");
	for (int i = 0; args[i]; i++)
		bad += !check_one(args[i]);
	return bad ? EXIT_BAD : EXIT_SUCCESS;
}

/* ------------------------------------------------------------ running */

static bool looks_like_file(const char *arg)
{
	struct stat st;
	size_t len = strlen(arg);

	return strchr(arg, '/') || (len > 5 && strcmp(arg + len - 5, ".yaml") == 0) ||
	       (len > 4 && strcmp(arg + len - 4, ".yml") == 0) ||
	       (stat(arg, &st) == 0 && S_ISREG(st.st_mode));
}

/* Reads one config file, if it is there, into *settings; its mistakes are
 * reported and skipped, never fatal. */
static void read_config(const char *path, enum settings_scope scope, struct settings *settings)
{
	struct settings_errors errors;
	char text[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8], *buf;
	size_t len;
	FILE *f = fopen(path, "rb");

	if (!f)
		return;
	buf = malloc(SETTINGS_MAX_FILE + 1);
	len = buf ? fread(buf, 1, SETTINGS_MAX_FILE + 1, f) : 0;
	fclose(f);
	if (buf && !settings_parse(buf, len, path, scope, settings, &errors))
		for (size_t i = 0; i < errors.count; i++)
			fprintf(stderr, "tendo: %s (ignored)\n",
			        error_format(&errors.items[i], text, sizeof text));
	free(buf);
}

/* The system's config files, then the person's own: a later one's
 * settings win. */
static struct settings read_settings(void)
{
	struct settings settings = settings_defaults();
	char system[PATHS_SYSTEM_CONFIGS][PATH_MAX], user[PATH_MAX];
	size_t n = paths_system_configs(system);

	for (size_t i = 0; i < n; i++)
		read_config(system[i], SETTINGS_SYSTEM, &settings);
	if (paths_user_config(user, sizeof user))
		read_config(user, SETTINGS_USER, &settings);
	return settings;
}

static bool open_sinks(const struct options *o, struct cue_sinks *sinks)
{
	const struct settings settings = o->settings;
	struct cues_options co = {.sound = o->sound,
	                          .sound_device =
	                              settings.sound_device[0] ? settings.sound_device : NULL,
	                          .voice = o->voice == 1,
	                          .cue_log = o->cue_log};
	struct tendo_error err;

	if (!co.sound && settings.sound[0])
		co.sound = settings.sound;
	if (o->voice < 0)
		co.voice = settings.voice == 1;
	if (!cues_open(sinks, &co, &err)) {
		print_error(&err);
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

/* The profile's name: --profile, else the login name. */
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

/* The folder the log is kept in: --data-dir, the config's, or the
 * user's data folder. */
static bool log_dir(const struct options *o, char *dir, size_t size, struct tendo_error *err)
{
	if (o->data_dir)
		snprintf(dir, size, "%s", o->data_dir);
	else if (o->settings.data_dir[0])
		snprintf(dir, size, "%s", o->settings.data_dir);
	else if (!paths_data_dir(dir, size)) {
		error_set(err, NULL, 0, 0,
		          "can't tell where the log goes: set HOME or use --data-dir");
		return false;
	}
	return true;
}

/* The PostgreSQL database the log is in: --database, the config's; NULL
 * for the SQLite file in the log's folder. */
static const char *log_database(const struct options *o)
{
	if (o->database)
		return o->database;
	return o->settings.database[0] ? o->settings.database : NULL;
}

static bool open_store(const struct options *o, struct store **store, struct tendo_error *err)
{
	char dir[PATH_MAX];

	*store = NULL;
	if (!log_dir(o, dir, sizeof dir, err) ||
	    !store_open_database(log_database(o), dir, store, err))
		return false;
	store_set_place(*store, o->settings.kiosk_name);
	spool_replay(*store);
	return true;
}

/* A person's coaching on this terminal: the log, the sound, curses. */
struct desk {
	struct coach_options co;
	struct store *store; /* NULL when the log can't be used */
	struct cue_sinks sinks;
	struct ui ui;
	struct coach coach;
};

/* Opens the log and the sound, starts curses, and asks the first
 * questions. Returns false when there is no terminal or no sound sinks. */
static bool desk_open(struct desk *d, const struct options *o, enum screen_outcome *outcome)
{
	struct tendo_error err = {0};

	memset(d, 0, sizeof *d);
	d->co = (struct coach_options){o->leg, o->speed, false};
	if (!have_terminal() || !open_sinks(o, &d->sinks))
		return false;
	open_store(o, &d->store, &err);
	ui_start(&d->ui);
	d->ui.frames = o->frames;
	coach_open(&d->coach, &d->ui, &d->co, &d->sinks, d->store, profile_name(o), &err);
	*outcome = coach_welcome(&d->coach);
	return true;
}

/* Ends curses, says what happened, and returns the exit status. */
static int desk_close(struct desk *d, enum screen_outcome outcome)
{
	int status = outcome == OUTCOME_STOP ? ui_status(&d->ui) : EXIT_SUCCESS;

	coach_finish(&d->coach);
	if (d->coach.err.message[0])
		status = EXIT_BAD;
	coach_close(&d->coach);
	store_close(d->store);
	cues_close(&d->sinks);
	return status;
}

/* What a command looks up by name. */
enum wanted { WANT_ANY, WANT_ROUTINE, WANT_PROGRAM };

/* Loads the catalog into cat and finds name in it: any entry (a broken
 * file too), a good routine, or a program, as wanted. NULL, said on
 * stderr and with cat freed, when there is none such. */
static const struct catalog_entry *find_named(const struct options *o, struct catalog *cat,
                                              const char *name, enum wanted wanted)
{
	static const char *const kinds[] = {"routine", "routine or program", "program"};
	const struct catalog_entry *entry;

	load_catalog(o, cat);
	entry = catalog_find(cat, name);
	if (entry && (wanted == WANT_ANY ||
	              (entry->routine && (wanted == WANT_ROUTINE || entry->routine->program))))
		return entry;
	fprintf(stderr, "tendo: there is no %s called \"%s\"; 'tendo list' shows them\n",
	        kinds[wanted], name);
	catalog_free(cat);
	return NULL;
}

static int command_run(const struct options *o, char **args)
{
	const char *target = args[0];

	struct catalog cat = {0};
	struct catalog_entry file_entry = {0};
	const struct catalog_entry *entry;
	struct desk desk;
	enum screen_outcome outcome = OUTCOME_BACK;
	int status = EXIT_BAD;

	if (looks_like_file(target)) {
		catalog_load_file(target, ORIGIN_FILE, &file_entry);
		entry = &file_entry;
	} else {
		if (!(entry = find_named(o, &cat, target, WANT_ANY)))
			return EXIT_BAD;
	}
	if (!entry->routine) {
		print_error(&entry->error);
	} else if (desk_open(&desk, o, &outcome)) {
		if (outcome == OUTCOME_BACK)
			outcome = coach_routine(&desk.coach, entry);
		status = desk_close(&desk, outcome);
	}
	catalog_entry_free(&file_entry);
	catalog_free(&cat);
	return status;
}

static int command_pick(const struct options *o)
{
	struct catalog cat;
	struct desk desk;
	enum screen_outcome outcome = OUTCOME_BACK;
	int status = EXIT_BAD;

	load_catalog(o, &cat);
	if (desk_open(&desk, o, &outcome)) {
		if (outcome != OUTCOME_STOP && !desk.coach.err.message[0])
			outcome = coach_start_screen(&desk.coach, &cat);
		status = desk_close(&desk, outcome);
	}
	catalog_free(&cat);
	return status;
}

/* A shared screen: the members' screen until the staff leave it. */
static int command_kiosk(const struct options *o)
{
	struct catalog cat;
	struct cue_sinks sinks;
	struct ui ui;
	struct tendo_error err = {0};
	char dir[PATH_MAX];
	int64_t idle_ms = o->settings.idle_ms > 0 ? o->settings.idle_ms : KIOSK_IDLE_MS;
	enum screen_outcome outcome;
	int status;

	if (!log_dir(o, dir, sizeof dir, &err)) {
		print_error(&err);
		return EXIT_BAD;
	}
	if (!have_terminal() || !open_sinks(o, &sinks))
		return EXIT_BAD;
	load_catalog(o, &cat);
	ui_start(&ui);
	ui_lock(&ui);
	ui.idle_ns = idle_ms * 1000000;
	ui.frames = o->frames;
	/* The kiosk opens the log itself, and waits on a calm screen while
	 * it can't. */
	outcome = kiosk_run(&ui, &(struct kiosk){{LEG_NONE, o->speed, true},
	                                         o->settings.admin_pin,
	                                         dir,
	                                         log_database(o),
	                                         o->settings.kiosk_name,
	                                         &cat,
	                                         &sinks});
	status = outcome == OUTCOME_STOP ? ui_status(&ui) : EXIT_SUCCESS;
	ui_stop(&ui);
	cues_close(&sinks);
	catalog_free(&cat);
	return status;
}

/* Reads a PIN (without echo on a terminal) and prints its hash, for the
 * admin-pin setting. */
/* Reads a PIN on standard input (not echoed on a terminal, after prompt);
 * "" for an empty line. False at the end of the input. */
static bool read_pin(const char *prompt, char *pin, size_t size)
{
	struct termios saved, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	bool read_ok;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		quiet = saved;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	read_ok = fgets(pin, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fprintf(stderr, "\n");
	}
	pin[read_ok ? strcspn(pin, "\r\n") : 0] = '\0';
	return read_ok;
}

static int command_hash_pin(const struct options *o, char **args)
{
	char pin[64], hash[PIN_HASH_MAX], salt[PIN_HASH_MAX], prompt[64];
	struct tendo_error err;

	(void)o;
	(void)args;
	snprintf(prompt, sizeof prompt, "PIN (%d to %d digits): ", PIN_DIGITS_MIN, PIN_DIGITS_MAX);
	read_pin(prompt, pin, sizeof pin);
	if (!settings_pin_valid(pin)) {
		fprintf(stderr, "tendo: a PIN has %d to %d digits\n", PIN_DIGITS_MIN,
		        PIN_DIGITS_MAX);
		return EXIT_BAD;
	}
	if (!pin_hash(pin, hash, salt, &err)) {
		fprintf(stderr, "tendo: %s\n", err.message);
		return EXIT_BAD;
	}
	memset(pin, 0, sizeof pin);
	printf("%s\n", hash);
	return EXIT_SUCCESS;
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

	if (open_store(o, store, &err) &&
	    (*profile = store_profile(*store, profile_name(o), &err)) >= 0)
		return true;
	print_error(&err);
	store_close(*store);
	*store = NULL;
	return false;
}

/* A command on one person's log about one routine or program: the
 * catalog, the entry named, the log and the profile, open together. */
struct named_profile {
	struct catalog cat;
	const struct catalog_entry *entry;
	struct store *store;
	int64_t profile;
};

/* Finds name in the catalog, as wanted, and opens the profile's log.
 * EXIT_SUCCESS when both are open (close with named_close()); else, said
 * on stderr and with nothing left open, EXIT_USAGE when there is no such
 * entry and EXIT_BAD when the log can't be opened. */
static int named_open(const struct options *o, const char *name, enum wanted wanted,
                      struct named_profile *np)
{
	if (!(np->entry = find_named(o, &np->cat, name, wanted)))
		return EXIT_USAGE;
	if (open_profile(o, &np->store, &np->profile))
		return EXIT_SUCCESS;
	catalog_free(&np->cat);
	return EXIT_BAD;
}

static void named_close(struct named_profile *np)
{
	store_close(np->store);
	catalog_free(&np->cat);
}

/* Reads a yes or a no for a question from standard input. False at the
 * end of the input or for any other answer. */
static bool read_yes_no(const char *question, bool *yes)
{
	char line[64];
	size_t n;

	printf("%s [yes/no] ", question);
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return false;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (!strcasecmp(line, "y") || !strcasecmp(line, "yes"))
		*yes = true;
	else if (!strcasecmp(line, "n") || !strcasecmp(line, "no"))
		*yes = false;
	else
		return false;
	if (!isatty(STDIN_FILENO))
		printf("%s\n", *yes ? "yes" : "no");
	return true;
}

/* The screening before a program, on standard input (a terminal or a
 * script's answers, one a line). Returns the verdict; *asked false when an
 * answer was not a yes or a no. */
static enum screening_verdict screen_on_stdin(struct screening *answers, bool *asked)
{
	enum screening_question q = QUESTION_RED_FLAG;

	memset(answers, 0, sizeof *answers);
	*asked = true;
	do {
		if (q == QUESTION_CLEARED)
			printf("%s\n", screening_advice(SCREENING_CLINICIAN_FIRST));
		if (!read_yes_no(screening_questions[q], screening_answer(answers, q))) {
			*asked = false;
			return SCREENING_CLINICIAN_FIRST;
		}
	} while (screening_next(answers, &q));
	return screening_verdict(answers);
}

/* Following a program that is followed already starts it afresh, from
 * week 1 at its first load: asked first, saying where it stands, so that
 * weeks of progress are not lost to a command run twice. True to go on;
 * else *status says why not (1: kept as it stands; 2: not yes or no). */
static bool afresh_agreed(struct store *store, int64_t profile, const struct catalog_entry *entry,
                          int *status)
{
	const struct program *p = entry->routine->program;
	struct store_enrolment en;
	char day[16], where[64], question[600];
	bool yes = false;
	int week;

	if (!store_enrolment(store, profile, entry->path, &en))
		return true;
	week = plan_week(en.start_day, store_today(store));
	if (plan_finished(p, week))
		snprintf(where, sizeof where, "it ended after week %d", p->weeks);
	else
		snprintf(where, sizeof where, "now in week %d", week > 0 ? week : 1);
	snprintf(question, sizeof question,
	         "You follow %.200s already, since %s: %s. Following it again starts it afresh, "
	         "from week 1 and its first load; the sessions so far stay in the log. Start it "
	         "afresh?",
	         entry->routine->title, store_day_text(en.start_day, day, sizeof day), where);
	if (!read_yes_no(question, &yes)) {
		fprintf(stderr, "\ntendo: the question takes yes or no; nothing was changed\n");
		*status = EXIT_USAGE;
		return false;
	}
	if (!yes)
		printf("Nothing was changed: %s goes on as it stands.\n", entry->routine->title);
	return yes;
}

static int command_enrol(const struct options *o, char **args)
{
	const char *name = args[0];

	struct catalog cat;
	const struct catalog_entry *entry;
	struct store *store;
	struct tendo_error err;
	struct screening answers;
	enum screening_verdict verdict;
	int64_t profile, start = store_local_day(clock_wall_s());
	int status = EXIT_BAD;
	bool asked;
	char words[120];

	if (o->start && !parse_day(o->start, &start))
		return usage_error("--start takes a day as YYYY-MM-DD, found \"%s\"", o->start);
	if (!(entry = find_named(o, &cat, name, WANT_PROGRAM)))
		return EXIT_BAD;
	printf("Before you start %s, a few questions.\n", entry->routine->title);
	verdict = screen_on_stdin(&answers, &asked);
	if (!asked) {
		catalog_free(&cat);
		fprintf(stderr, "\ntendo: each question takes yes or no; nothing was saved\n");
		return EXIT_USAGE;
	}
	if (open_profile(o, &store, &profile)) {
		if (!store_screening(store, profile, entry->name, &answers,
		                     screening_verdict_name(verdict), &err))
			print_error(&err);
		if (verdict != SCREENING_START)
			printf("%s\n", screening_advice(verdict));
		else if (!afresh_agreed(store, profile, entry, &status))
			; /* followed already, and kept as it stands */
		else if (store_enrol(store, profile, entry->name, entry->path, start,
		                     screening_site(&answers), &err)) {
			printf("%s follows %s from %s%s.\n", profile_name(o), entry->routine->title,
			       o->start ? o->start : "today",
			       answers.insertional
			           ? plan_insertional_words(entry->routine, words, sizeof words)
			           : "");
			if (answers.insertional && entry->routine->caution &&
			    plan_insertional_forms(entry->routine) < entry->routine->exercise_count)
				printf("%s\n", entry->routine->caution);
			status = EXIT_SUCCESS;
		} else {
			print_error(&err);
		}
		store_close(store);
	}
	catalog_free(&cat);
	return status;
}

/* What `rate` and `log` say of a pain of 8 or more (%d): the programs are
 * paused. */
static const char pain_pauses[] =
    "Pain of %d recorded. Pain of 8 or more out of 10 is too much for a loading program: it "
    "is paused until a doctor or physiotherapist has assessed the tendon.\n";

/* A pain or stiffness score: a whole number from 0 to 10. */
static bool parse_score(const char *text, int *score)
{
	char *end;
	long n = strtol(text, &end, 10);

	if (end == text || *end || n < 0 || n > 10)
		return false;
	*score = (int)n;
	return true;
}

/* The day --date names (today without it); false, said, when it is not a
 * day or is in the future. */
static bool chosen_day(const struct options *o, int64_t *day)
{
	*day = store_local_day(clock_wall_s());
	if (o->date && !parse_day(o->date, day)) {
		usage_error("--date takes a day as YYYY-MM-DD, found \"%s\"", o->date);
		return false;
	}
	if (*day > store_local_day(clock_wall_s())) {
		usage_error("--date can't be in the future, found %s", o->date);
		return false;
	}
	return true;
}

/* When something done on day happened: now for today, else hour o'clock. */
static int64_t time_on(int64_t day, int hour)
{
	return day == store_local_day(clock_wall_s()) ? 0 : store_day_start(day) + hour * 3600;
}

static const char *const rating_kinds[] = {"during", "after", "morning"};
static const char *const rating_words[] = {"during a session", "after activity", "in the morning"};

static const char rate_usage[] =
    "rate takes during, after or morning and a score: tendo rate during 3";

static int command_rate(const struct options *o, char **args)
{
	struct store *store;
	struct tendo_error err;
	int score, stiffness = -1, kind = -1;
	int64_t profile, day, session = -1;
	bool ok;

	for (int i = 0; i < 3; i++)
		if (strcmp(args[0], rating_kinds[i]) == 0)
			kind = i;
	if (kind < 0)
		return usage_error("%s", rate_usage);
	if (!parse_score(args[1], &score))
		return usage_error("a pain score is a whole number from 0 to 10, found \"%s\"",
		                   args[1]);
	if (o->stiffness && (kind != 2 || !parse_score(o->stiffness, &stiffness)))
		return usage_error("--stiffness goes with a morning rating and is a whole number "
		                   "from 0 to 10, found \"%s\"",
		                   o->stiffness);
	if (!chosen_day(o, &day))
		return EXIT_USAGE;
	if (!open_profile(o, &store, &profile))
		return EXIT_BAD;
	/* Pain during and after belongs to that day's session. */
	if (kind != 2 && (session = store_session_between(store, profile, store_day_start(day),
	                                                  store_day_start(day + 1))) < 0) {
		store_close(store);
		fprintf(stderr,
		        "tendo: %s has no session on %s to rate; 'tendo log' records one done away "
		        "from the screen\n",
		        profile_name(o), o->date ? o->date : "today");
		return EXIT_USAGE;
	}
	store_set_time(store, time_on(day, kind == 2 ? 7 : 20));
	ok = store_pain(store, profile, session, rating_kinds[kind], score, stiffness, &err);
	if (ok && score >= 8)
		ok = store_pause_program(store, profile, true, &err);
	if (!ok)
		print_error(&err);
	else if (score >= 8)
		printf(pain_pauses, score);
	else
		printf("Pain %s of %d recorded for %s.\n", rating_words[kind], score,
		       o->date ? o->date : "today");
	store_close(store);
	return ok ? EXIT_SUCCESS : EXIT_BAD;
}

/* Logs every hold and set of a timeline as done in full. */
static bool log_in_full(struct store *store, int64_t session, const struct timeline *tl, int *sets,
                        int *reps, struct tendo_error *err)
{
	for (size_t i = 0; i < tl->count; i++) {
		const struct step *step = &tl->steps[i];
		const struct exercise *e;
		struct store_set set;
		if (step->kind != STEP_WORK)
			continue;
		e = timeline_exercise(tl, step);
		set = (struct store_set){i, e->name, step->leg, step->set, true, 0,
		                         0, 0,       0,         e->load,   0};
		if (e->kind == EXERCISE_REPS)
			set.planned_reps = set.done_reps = e->reps;
		else
			set.planned_hold_ms = set.done_hold_ms = e->hold_ms;
		*reps += set.done_reps;
		*sets += 1;
		if (!store_set_done(store, session, &set, err))
			return false;
	}
	return true;
}

/* The loads of `tendo log --load KG[,KG...]`, one for each exercise with
 * reps of r in its order, into done[]; with no --load, each as prescribed.
 * Every exercise with reps was done, and each set reached its reps: the
 * session is logged in full. */
static int loads_given(const struct options *o, struct store *store,
                       const struct store_enrolment *en, const struct routine *r,
                       struct rm_done *done)
{
	const char *at = o->load;
	size_t wanted = routine_count(r, EXERCISE_REPS), given = 1;
	char *end;

	for (const char *c = at; c && *c; c++)
		given += *c == ',';
	if (at && given != wanted)
		return usage_error("--load takes one load for each of the %zu exercises of %s, in "
		                   "its order (see 'tendo plan'), found %zu",
		                   wanted, r->title, given);
	for (size_t i = 0; i < r->exercise_count && i < ROUTINE_MAX_EXERCISES; i++) {
		const struct exercise *e = &r->exercises[i];
		if (e->kind != EXERCISE_REPS)
			continue;
		done[i] = (struct rm_done){
		    true, store_exercise_load(store, en->id, e->name, en->load_kg), true};
		if (!at)
			continue;
		errno = 0;
		done[i].used_kg = strtod(at, &end);
		if (end == at || errno || !(done[i].used_kg >= 0 && done[i].used_kg <= 1000) ||
		    (*end && *end != ','))
			return usage_error(
			    "--load takes kilograms from 0 (bodyweight) to 1000, found "
			    "\"%.*s\" for %s",
			    (int)strcspn(at, ","), at, e->name);
		at = end + (*end == ',');
	}
	return EXIT_SUCCESS;
}

/* The session of `entry` on day, as that day's prescription has it. */
static int log_session(const struct options *o, struct store *store, int64_t profile,
                       const struct catalog_entry *entry, int64_t day, int pain)
{
	const struct routine *r = entry->routine;
	struct store_enrolment en;
	struct prescription rx = {0};
	struct timeline tl;
	struct tendo_error err = {0};
	enum leg leg = o->leg != LEG_NONE ? o->leg : store_profile_leg(store, profile);
	bool enrolled =
	    r->program && store_enrolment(store, profile, entry->path, &en) && day >= en.start_day;
	int week = enrolled ? plan_week(en.start_day, day) : 0, sets = 0, reps = 0;
	/* Heavy slow resistance: each exercise's load kept, the next decided. */
	bool rm =
	    enrolled && r->program->load_rule == LOAD_RULE_RM && !plan_finished(r->program, week);
	struct rm_done done[ROUTINE_MAX_EXERCISES] = {{0}};
	enum load_action action;
	char decision[1500] = "";
	int64_t session;
	int status;
	bool ok;

	if (o->load && (!r->program || r->program->load_rule != LOAD_RULE_RM))
		return usage_error("--load is for a program that moves each exercise's load by its "
		                   "reps (heavy slow resistance); %s is not one",
		                   r->title);
	if (o->load && !rm && enrolled)
		return usage_error("--load proposes the next loads of a program you follow, and %s "
		                   "ended after week %d: its loads no longer move",
		                   r->title, r->program->weeks);
	if (o->load && !rm)
		return usage_error(
		    "--load proposes the next loads of a program you follow, and you "
		    "%s %s%s (tendo enrol)",
		    o->date ? "did not follow" : "do not follow", r->title,
		    o->date ? " on that day" : "");
	if (rm && (status = loads_given(o, store, &en, r, done)) != EXIT_SUCCESS)
		return status;
	if (leg == LEG_NONE && routine_needs_leg(r))
		return usage_error("%s works the affected leg: say which with --leg left or --leg "
		                   "right",
		                   r->title);
	for (size_t i = 0; i < r->exercise_count; i++)
		if (r->exercises[i].to_fatigue)
			return usage_error("%s is a test to fatigue: run it on the screen, where "
			                   "tendo counts the reps",
			                   r->title);
	if (enrolled && !coach_prescribe(store, &en, r, week, &rx))
		return EXIT_BAD;
	if (!timeline_build(enrolled ? &rx.routine : r, leg, &tl, &err)) {
		plan_prescription_free(&rx);
		print_error(&err);
		return EXIT_BAD;
	}
	store_set_time(store, time_on(day, 12));
	session = store_session_begin(store, profile, entry->name, entry->path, leg, &err);
	ok = session >= 0 &&
	     (!enrolled || store_session_program(store, session, en.program, week, &err)) &&
	     log_in_full(store, session, &tl, &sets, &reps, &err) &&
	     store_session_end(store, session, "completed", &err) &&
	     (pain < 0 || store_pain(store, profile, session, "during", pain, -1, &err));
	/* As on the screen: pain of 8 or more pauses the programs. Under
	 * heavy slow resistance the loads used are kept all the same, and the
	 * pain counts in the next ones (a pause moves none). */
	if (ok && rm)
		ok = coach_decide_rm(store, profile, &en, &rx.routine, week, session, done,
		                     decision, sizeof decision, &action, &err);
	if (ok && pain >= 8)
		ok = store_pause_program(store, profile, true, &err);
	if (ok && enrolled)
		printf("Logged %s on %s: week %d, %d sets, %d reps.\n", r->title,
		       o->date ? o->date : "today", week, sets, reps);
	else if (ok)
		printf("Logged %s on %s: %d sets, %d reps.\n", r->title,
		       o->date ? o->date : "today", sets, reps);
	else
		print_error(&err);
	if (ok && pain >= 8)
		printf(pain_pauses, pain);
	else if (ok && decision[0])
		printf("The load: %s\n", decision);
	timeline_free(&tl);
	plan_prescription_free(&rx);
	return ok ? EXIT_SUCCESS : EXIT_BAD;
}

static int command_log(const struct options *o, char **args)
{
	struct named_profile np;
	int64_t day;
	int pain = -1, status;

	if (o->pain && !parse_score(o->pain, &pain))
		return usage_error("--pain is a whole number from 0 to 10, found \"%s\"", o->pain);
	if (!chosen_day(o, &day))
		return EXIT_USAGE;
	if ((status = named_open(o, args[0], WANT_ROUTINE, &np)) != EXIT_SUCCESS)
		return status;
	status = log_session(o, np.store, np.profile, np.entry, day, pain);
	named_close(&np);
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

/* The baseline of mornings a program's load is judged against. */
static void print_baseline(struct store *store, int64_t profile, const struct store_enrolment *en)
{
	struct baseline b;
	char day[16], stiffness[32] = "stiffness not rated";

	store_day_text(en->baseline_day, day, sizeof day);
	store_baseline(store, profile, en->baseline_day, &b);
	if (b.stiffness >= 0)
		snprintf(stiffness, sizeof stiffness, "stiffness %d", b.stiffness);
	if (b.pain >= 0)
		printf("Baseline of mornings (from the seven days from %s): pain %d, %s; "
		       "'tendo baseline --reset' measures it afresh.\n",
		       day, b.pain, stiffness);
	else
		printf("Baseline of mornings: measured over the seven days from %s, once they are "
		       "over.\n",
		       day);
}

/* One program followed: its week's prescription, load and decision. */
static bool plan_one(const struct options *o, struct store *store, int64_t profile,
                     struct store_enrolment *en)
{
	struct catalog_entry entry;
	struct prescription rx;
	struct tendo_error err;
	char status[600];
	int week;

	if (!catalog_load_file(en->path, ORIGIN_FILE, &entry) || !entry.routine->program) {
		fprintf(stderr,
		        "tendo: the program %s (%s) can't be read; 'tendo check' says why\n",
		        en->program, en->path);
		catalog_entry_free(&entry);
		return false;
	}
	if (!coach_update_load(store, profile, entry.routine->program, en, &err))
		print_error(&err);
	week = o->week ? o->week : plan_week(en->start_day, store_today(store));
	if (week == 0) {
		printf("%s starts later: week 1 is the first week from its start day.\n",
		       entry.routine->title);
		week = 1;
	}
	if (plan_finished(entry.routine->program, week)) {
		printf("%s ended after week %d; its last week was:\n", entry.routine->title,
		       entry.routine->program->weeks);
		week = entry.routine->program->weeks;
	}
	if (coach_prescribe(store, en, entry.routine, week, &rx)) {
		print_prescription(&rx.routine, week, plan_block(entry.routine->program, week));
		plan_prescription_free(&rx);
	}
	printf("%s\n", plan_load_status(entry.routine->program, en->start_day,
	                                plan_week(en->start_day, store_today(store)), en->load_kg,
	                                en->decision, status, sizeof status));
	if (*coach_visa_a_text(store, profile, en, status, sizeof status))
		printf("%s\n", status);
	print_baseline(store, profile, en);
	catalog_entry_free(&entry);
	return true;
}

/* What a command does for one program the profile follows; false when
 * it failed (and said so). */
typedef bool each_program_fn(const struct options *o, struct store *store, int64_t profile,
                             struct store_enrolment *en);

/* Runs fn for each program the profile follows, with between printed
 * between two, saying so when it follows none. EXIT_SUCCESS when there
 * were some and fn did each. */
static int each_program(const struct options *o, each_program_fn *fn, const char *between)
{
	struct store *store;
	struct store_enrolment ens[16];
	int64_t profile;
	size_t n;
	bool ok = true;

	if (!open_profile(o, &store, &profile))
		return EXIT_BAD;
	n = store_enrolments(store, profile, NULL, ens, 16);
	if (n == 0)
		fprintf(stderr, "tendo: %s follows no program; 'tendo enrol PROGRAM' starts one\n",
		        profile_name(o));
	for (size_t i = 0; i < n; i++) {
		fputs(i > 0 ? between : "", stdout);
		ok = fn(o, store, profile, &ens[i]) && ok;
	}
	store_close(store);
	return n > 0 && ok ? EXIT_SUCCESS : EXIT_BAD;
}

static int command_plan(const struct options *o, char **args)
{
	(void)args;
	return each_program(o, plan_one, "\n");
}

static int command_visa_a(const struct options *o, char **args)
{
	const char *text = args[0];

	struct store *store;
	struct tendo_error err;
	char *end;
	long score = strtol(text, &end, 10);
	int64_t profile, day;
	bool ok;

	if (end == text || *end || score < 0 || score > 100)
		return usage_error("a VISA-A score is a whole number from 0 to 100, found \"%s\"",
		                   text);
	if (!chosen_day(o, &day))
		return EXIT_USAGE;
	if (!open_profile(o, &store, &profile))
		return EXIT_BAD;
	store_set_time(store, time_on(day, 12));
	ok = store_visa_a(store, profile, (int)score, &err);
	if (ok)
		printf("VISA-A score of %ld recorded for %s.\n", score,
		       o->date ? o->date : "today");
	else
		print_error(&err);
	store_close(store);
	return ok ? EXIT_SUCCESS : EXIT_BAD;
}

/* One program's baseline of mornings, measured afresh from today with
 * --reset. */
static bool baseline_one(const struct options *o, struct store *store, int64_t profile,
                         struct store_enrolment *en)
{
	struct tendo_error err;

	if (o->reset) {
		if (!store_reset_baseline(store, en->id, store_today(store), &err)) {
			print_error(&err);
			return false;
		}
		en->baseline_day = store_today(store);
	}
	printf("%s: ", en->program);
	print_baseline(store, profile, en);
	return true;
}

/* tendo baseline [--reset]: each program's baseline of mornings, or
 * measured afresh from today (after a flare has settled, say). */
static int command_baseline(const struct options *o, char **args)
{
	(void)args;
	return each_program(o, baseline_one, "");
}

/* Opens the log of a profile that has one, for a look that must not
 * create it (a shell's startup file runs it for everyone). False, saying
 * nothing, when there is no log or no such profile. */
static bool open_existing_profile(const struct options *o, struct store **store, int64_t *profile)
{
	char dir[PATH_MAX], db[PATH_MAX + 16];
	struct tendo_error err;

	*store = NULL;
	if (!log_dir(o, dir, sizeof dir, &err))
		return false;
	snprintf(db, sizeof db, "%s/tendo.db", dir);
	if (access(db, R_OK) != 0 || !open_store(o, store, &err))
		return false;
	if (store_member_taken(*store, profile_name(o)) &&
	    (*profile = store_profile(*store, profile_name(o), &err)) >= 0)
		return true;
	store_close(*store);
	*store = NULL;
	return false;
}

/* One program's lines for tendo today, appended to text when a session of
 * it is due. Returns whether one is. */
static bool today_one(struct store *store, int64_t profile, const struct store_enrolment *en,
                      char *text, size_t size)
{
	struct catalog_entry entry;
	struct week_standing ws;
	char week[200], of[24] = "";
	size_t used = strlen(text);
	bool due = false;

	if (!catalog_load_file(en->path, ORIGIN_FILE, &entry) || !entry.routine->program) {
		catalog_entry_free(&entry);
		return false;
	}
	/* Never due, but not to be forgotten: it waits on an assessment. */
	if (en->paused)
		snprintf(text + used, size - used,
		         "tendo: %s is paused (pain of 8 or more, or a red flag) until a doctor or "
		         "physiotherapist has assessed the tendon; then start tendo to go on.\n",
		         entry.routine->title);
	coach_week_standing(store, profile, entry.routine->program, en, &ws);
	if (ws.a.today_due > 0) {
		due = true;
		if (entry.routine->program->weeks)
			snprintf(of, sizeof of, " of %d", entry.routine->program->weeks);
		snprintf(
		    text + used, size - used,
		    "tendo: %d session%s of %s due today (week %d%s).\n  %s\n", ws.a.today_due,
		    ws.a.today_due == 1 ? "" : "s", entry.routine->title, ws.week, of,
		    plan_adherence_text(&ws.a, ws.done, ws.today, ws.first, week, sizeof week));
	}
	catalog_entry_free(&entry);
	return due;
}

/* What is due today across the programs followed, in text (a line or two
 * each; "" for nothing). Never makes a log. Returns whether anything is. */
static bool due_today(const struct options *o, char *text, size_t size)
{
	struct store *store;
	struct store_enrolment ens[16];
	int64_t profile;
	size_t n;
	bool due = false;

	text[0] = '\0';
	if (!open_existing_profile(o, &store, &profile))
		return false;
	n = store_enrolments(store, profile, NULL, ens, 16);
	for (size_t i = 0; i < n; i++)
		due = today_one(store, profile, &ens[i], text, size) || due;
	store_close(store);
	return due;
}

/* tendo today: what is due today across the programs followed, for a
 * shell's startup file; nothing when nothing is. With --quiet, only the
 * exit status: 1 when something is due. */
static int command_today(const struct options *o, char **args)
{
	char text[4096];
	bool due = due_today(o, text, sizeof text);

	(void)args;
	if (!o->quiet)
		fputs(text, stdout);
	return o->quiet && due ? EXIT_BAD : EXIT_SUCCESS;
}

/* tendo itself, and the options that choose the log, as arguments for
 * a command line that runs later (a timer, a login): quoted for systemd
 * (quote_for_systemd) or for a shell. False when one can't be quoted. */
static bool later_command(const struct options *o, const char *args, bool for_systemd, char *buf,
                          size_t size)
{
	const char *parts[7] = {NULL};
	char self[PATH_MAX], quoted[PATH_MAX + 8];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	size_t used = 0, count = 0;

	if (n <= 0)
		return false;
	self[n] = '\0';
	parts[count++] = self;
	if (o->data_dir) {
		parts[count++] = "--data-dir";
		parts[count++] = o->data_dir;
	}
	if (o->database) {
		parts[count++] = "--database";
		parts[count++] = o->database;
	}
	if (o->profile) {
		parts[count++] = "--profile";
		parts[count++] = o->profile;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		if (for_systemd ? !remind_quote(parts[i], quoted, sizeof quoted)
		                : strchr(parts[i], '\'') != NULL)
			return false;
		if (!for_systemd)
			snprintf(quoted, sizeof quoted, "'%s'", parts[i]);
		used += (size_t)snprintf(buf + used, size - used, "%s ", quoted);
	}
	snprintf(buf + used, size - used, "%s", args);
	return used < size;
}

static int remind_install_command(const struct options *o)
{
	char command[3 * PATH_MAX], show[3 * PATH_MAX + 64], line[sizeof show + 16];
	struct tendo_error err;
	int hour = 18, minute = 0;
	bool started;

	if (o->at && !remind_parse_at(o->at, &hour, &minute))
		return usage_error("--at takes a time as HH:MM, from 00:00 to 23:59, found \"%s\"",
		                   o->at);
	if (!later_command(o, "remind --notify", true, command, sizeof command) ||
	    !later_command(o, "remind --show", false, show, sizeof show))
		return usage_error(
		    "tendo's path, --data-dir, --database or --profile holds a quote, a "
		    "backslash or a control character a timer can't run");
	snprintf(line, sizeof line, "%s 2>/dev/null", show);
	if (!remind_install(hour, minute, command, line, &started, &err)) {
		print_error(&err);
		return EXIT_BAD;
	}
	printf("tendo will remind you at %02d:%02d each day a session is due: a desktop "
	       "notification, or, with no desktop, a line at your next login.\n"
	       "Files: ~/.config/systemd/user/tendo-remind.timer and tendo-remind.service, and "
	       "a block in ~/.profile; tendo remind --remove takes them away.\n",
	       hour, minute);
	if (!started)
		printf("systemctl --user could not start the timer here; in your own session, "
		       "run: systemctl --user enable --now tendo-remind.timer\n");
	return EXIT_SUCCESS;
}

/* The timer's run: what is due, as a desktop notification where a desktop
 * runs, else kept for the next login. */
static int remind_notify(const struct options *o)
{
	char text[4096], dir[PATH_MAX];
	struct tendo_error err;
	const char *display = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");

	if (!due_today(o, text, sizeof text))
		return EXIT_SUCCESS;
	if (((display && *display) || (wayland && *wayland)) && remind_notify_send(text))
		return EXIT_SUCCESS;
	if (!log_dir(o, dir, sizeof dir, &err) || !remind_leave(dir, text)) {
		fprintf(stderr, "tendo: can't keep the reminder for the next login\n");
		return EXIT_BAD;
	}
	return EXIT_SUCCESS;
}

/* tendo remind --install [--at HH:MM] | --remove | --notify | --show */
static int command_remind(const struct options *o, char **args)
{
	char dir[PATH_MAX];
	struct tendo_error err;

	(void)args;
	switch (o->remind) {
	case 'i': return remind_install_command(o);
	case 'y': return remind_notify(o);
	case 'w':
		if (log_dir(o, dir, sizeof dir, &err))
			remind_take(dir, stdout);
		return EXIT_SUCCESS;
	case 'e':
		if (!remind_remove(&err)) {
			print_error(&err);
			return EXIT_BAD;
		}
		printf("The reminder is removed.\n");
		return EXIT_SUCCESS;
	default:
		return usage_error("remind takes one of --install [--at HH:MM], --remove, --notify "
		                   "or --show");
	}
}

/* tendo member list: each member with their last session and any lockout. */
static int member_list(struct store *store)
{
	struct store_member *members = malloc(1000 * sizeof *members);
	size_t n = members ? store_members(store, members, 1000) : 0;

	printf("%-24s %-6s %-4s %-17s %s\n", "member", "leg", "PIN", "last session", "locked");
	for (size_t i = 0; i < n; i++) {
		char last[32] = "never", locked[32] = "";
		time_t at = (time_t)store_member_last_session(store, members[i].id);
		time_t until = (time_t)store_pin_locked_until(store, members[i].id);
		if (at)
			strftime(last, sizeof last, "%Y-%m-%d %H:%M", localtime(&at));
		if (until)
			strftime(locked, sizeof locked, "until %H:%M:%S", localtime(&until));
		printf("%-24s %-6s %-4s %-17s %s\n", members[i].name,
		       members[i].leg == LEG_NONE ? "-" : leg_name(members[i].leg),
		       members[i].has_pin ? "yes" : "no", last, locked);
	}
	free(members);
	return EXIT_SUCCESS;
}

/* A member's new PIN, read on standard input: 4 digits, or nothing for
 * none (the member then goes straight in). */
static int member_reset_pin(struct store *store, int64_t id, const char *name)
{
	char pin[64], hash[PIN_HASH_MAX] = "", salt[PIN_HASH_MAX] = "", prompt[96];
	struct tendo_error err;
	bool ok;

	snprintf(prompt, sizeof prompt, "%.40s's new PIN (%d digits; Enter for none): ", name,
	         PIN_MEMBER_DIGITS);
	if (!read_pin(prompt, pin, sizeof pin) ||
	    (pin[0] && (strlen(pin) != PIN_MEMBER_DIGITS || !settings_pin_valid(pin)))) {
		memset(pin, 0, sizeof pin);
		fprintf(stderr, "tendo: a member's PIN has %d digits; nothing was changed\n",
		        PIN_MEMBER_DIGITS);
		return EXIT_USAGE;
	}
	ok = (!pin[0] || pin_hash(pin, hash, salt, &err)) &&
	     store_member_set_pin(store, id, hash, salt, &err) && store_pin_clear(store, id, &err);
	memset(pin, 0, sizeof pin);
	if (!ok) {
		print_error(&err);
		return EXIT_BAD;
	}
	printf("%s's PIN is %s.\n", name, hash[0] ? "set" : "removed: no PIN is asked");
	return EXIT_SUCCESS;
}

/* What staff do to one member: remove (after a yes), reset-pin, unlock.
 * Each is noted in the log with when and where. */
static int member_action(struct store *store, const char *action, const char *name)
{
	struct tendo_error err = {0};
	int64_t id = store_member_find(store, name);
	int status = EXIT_BAD;
	bool yes = false;
	char question[200];

	if (id < 0) {
		fprintf(stderr,
		        "tendo: there is no member called \"%s\"; 'tendo member list' shows "
		        "them\n",
		        name);
		return EXIT_BAD;
	}
	if (strcmp(action, "remove") == 0) {
		snprintf(question, sizeof question,
		         "Remove %.64s and everything logged of them, for good?", name);
		if (!read_yes_no(question, &yes) || !yes) {
			printf("Nothing was removed.\n");
			return EXIT_BAD;
		}
		if (store_member_remove(store, id, &err)) {
			printf("%s and their log are removed.\n", name);
			status = EXIT_SUCCESS;
		}
	} else if (strcmp(action, "reset-pin") == 0) {
		status = member_reset_pin(store, id, name);
	} else if (store_pin_clear(store, id, &err)) {
		printf("%s may try a PIN again.\n", name);
		status = EXIT_SUCCESS;
	}
	if (status == EXIT_BAD && err.message[0])
		print_error(&err);
	if (status == EXIT_SUCCESS && !store_staff_action(store, action, name, &err))
		print_error(&err);
	return status;
}

/* tendo member list | remove NAME | reset-pin NAME | unlock NAME */
static int command_member(const struct options *o, char **args)
{
	static const char usage[] = "member takes list, or remove, reset-pin or unlock and a "
	                            "member's name";
	struct store *store;
	struct tendo_error err;
	int status;
	bool list = args[0] && strcmp(args[0], "list") == 0 && !args[1];
	bool one = args[0] && args[1] && !args[2] &&
	           (strcmp(args[0], "remove") == 0 || strcmp(args[0], "reset-pin") == 0 ||
	            strcmp(args[0], "unlock") == 0);

	if (!list && !one)
		return usage_error("%s", usage);
	if (!open_store(o, &store, &err)) {
		print_error(&err);
		return EXIT_BAD;
	}
	status = list ? member_list(store) : member_action(store, args[0], args[1]);
	store_close(store);
	return status;
}

static int command_leave(const struct options *o, char **args)
{
	struct named_profile np;
	struct store_enrolment en;
	struct tendo_error err = {0};
	int status = named_open(o, args[0], WANT_PROGRAM, &np);

	if (status != EXIT_SUCCESS)
		return status;
	if (!store_enrolment(np.store, np.profile, np.entry->path, &en)) {
		fprintf(stderr,
		        "tendo: %s does not follow %s; 'tendo plan' lists the programs followed\n",
		        profile_name(o), np.entry->routine->title);
		status = EXIT_BAD;
	} else if (store_leave(np.store, np.profile, np.entry->path, &err))
		printf("%s no longer follows %s.\n", profile_name(o), np.entry->routine->title);
	else {
		print_error(&err);
		status = EXIT_BAD;
	}
	named_close(&np);
	return status;
}

static int command_export(const struct options *o, char **args)
{
	(void)args;
	struct store *store;
	struct tendo_error err;
	bool ok;

	if (!o->csv)
		return usage_error("%s", "export needs a format: tendo export --csv");
	if (!open_store(o, &store, &err)) {
		print_error(&err);
		return EXIT_BAD;
	}
	ok = store_export_csv(store, o->profile, stdout, &err);
	if (!ok)
		print_error(&err);
	store_close(store);
	return ok ? EXIT_SUCCESS : EXIT_BAD;
}

/* A day given as YYYY-MM-DD by option (its name, for messages) into *day;
 * 0 when not given. False, said, when it is not a day. */
static bool option_day(const char *option, const char *text, int64_t *day)
{
	*day = 0;
	if (!text || parse_day(text, day))
		return true;
	usage_error("%s takes a day as YYYY-MM-DD, found \"%s\"", option, text);
	return false;
}

/* Writes the report on a profile of an open log to path; says where, or
 * what went wrong. */
static int write_report(const struct options *o, struct store *store, const char *name,
                        const char *path)
{
	struct tendo_error err;
	int64_t first, last, profile = store_member_find(store, name);

	if (profile < 0) {
		fprintf(stderr, "tendo: the log has no profile \"%s\": no report written\n", name);
		return EXIT_BAD;
	}
	if (!option_day("--from", o->from, &first) || !option_day("--to", o->to, &last))
		return EXIT_USAGE;
	if (!report_make(store, profile, name, first, last, path, o->chart_map, &err)) {
		print_error(&err);
		return EXIT_BAD;
	}
	printf("The report on %s is in %s.\n", name, path);
	return EXIT_SUCCESS;
}

static int command_report(const struct options *o, char **args)
{
	(void)args;
	struct store *store;
	struct tendo_error err;
	int status;

	if (!o->output)
		return usage_error("%s", "report needs a file to write: tendo report -o FILE.pdf");
	if (!open_store(o, &store, &err)) {
		print_error(&err);
		return EXIT_BAD;
	}
	status = write_report(o, store, profile_name(o), o->output);
	store_close(store);
	return status;
}

/* A command: its name, its arguments and what it does as --help shows
 * them, how many arguments it takes (-1: it checks them itself) and what
 * to say when the count is wrong, and the function that runs it (given
 * the command's own arguments, NULL-terminated as argv is). */
struct command {
	const char *name;
	const char *args;
	const char *summary; /* NULL: not listed (another spelling) */
	int arg_count;
	const char *wrong_count;
	int (*run)(const struct options *o, char **args);
};

static const struct command commands[] = {
    {"run", "NAME|FILE", "run a routine by its name, its title, or its file", 1,
     "run takes one routine: a name, a title or a file", command_run},
    {"list", "", "list the routines found, and where each came from", 0, "list takes nothing",
     command_list},
    {"check", "FILE...", "check routine files; exits 1 if any has an error", -1, NULL,
     command_check},
    {"export", "--csv",
     "write the log as CSV, one row per set (all profiles,\nor the one named with --profile)", 0,
     "export takes no name: tendo export --csv [--profile NAME]", command_export},
    {"report", "-o FILE.pdf [--from DATE] [--to DATE]",
     "write a report for a physiotherapist (a PDF): sessions\ndone, the load, pain, "
     "capacity and red flags, week by\nweek (default: since the programs followed began)",
     0, "report takes no name: tendo report -o FILE.pdf [--profile NAME]", command_report},
    {"enrol", "PROGRAM [--start YYYY-MM-DD]",
     "follow a program (a routine with weeks) from a day\n(several may be followed at once)", 1,
     "enrol takes one program: tendo enrol PROGRAM", command_enrol},
    {"enroll", "", NULL, 1, "enrol takes one program: tendo enrol PROGRAM", command_enrol},
    {"leave", "PROGRAM", "stop following a program", 1,
     "leave takes one program: tendo leave PROGRAM", command_leave},
    {"visa-a", "SCORE [--date YYYY-MM-DD]", "record the VISA-A total (0-100) your clinician gave",
     1, "visa-a takes a score: tendo visa-a 62", command_visa_a},
    {"baseline", "[--reset]",
     "the baseline of mornings each program judges the\nload against; --reset measures it "
     "afresh from today",
     0, "baseline takes no name: tendo baseline [--reset]", command_baseline},
    {"today", "[--quiet]",
     "what is due today and how the week stands, in a line\nor two (nothing when nothing is "
     "due); --quiet: exit 1\nwhen something is due",
     0, "today takes no name: tendo today [--quiet]", command_today},
    {"remind", "--install [--at HH:MM] | --remove",
     "remind you each day a session is due (a systemd user\ntimer: a desktop notification, "
     "else a line at the next\nlogin); --remove takes it away",
     0, "remind takes no name: tendo remind --install [--at HH:MM]", command_remind},
    {"plan", "[--week N]", "this week's prescription of each program followed", 0,
     "plan takes no name: tendo plan [--week N]", command_plan},
    {"rate", "during|after|morning SCORE [--stiffness N] [--date YYYY-MM-DD]",
     "record a pain rating, 0 to 10, as the screen asks it", 2, rate_usage, command_rate},
    {"log", "NAME [--date YYYY-MM-DD] [--pain N] [--load KG,...]",
     "record a session done away from the screen, in full,\nat that day's prescription; "
     "--load: the kilograms\nheavy slow resistance's exercises were done at, in\nthe "
     "order 'tendo plan' lists them (else as prescribed)",
     1, "log takes one routine or program: tendo log NAME", command_log},
    {"member", "list | remove|reset-pin|unlock NAME",
     "staff: the members with their last session; remove one\nwith their log (after a yes), "
     "set a new PIN (read on\nstandard input; none when empty), or lift a lockout",
     -1, NULL, command_member},
    {"hash-pin", "",
     "read a PIN on standard input and print its hash, for\nadmin-pin in /etc/tendo/config", 0,
     "hash-pin takes nothing: it reads the PIN on standard input", command_hash_pin},
};

/* The commands as --help lists them: the name and arguments, then what it
 * does, on the same line when they fit, each later line indented. */
static void print_commands(FILE *out)
{
	fputs("Commands:\n  (none)             choose a routine from a list and run it\n", out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const struct command *c = &commands[i];
		char head[120];
		const char *line = c->summary;
		if (!line)
			continue;
		snprintf(head, sizeof head, "%s%s%s", c->name, c->args[0] ? " " : "", c->args);
		if (strlen(head) > 18)
			fprintf(out, "  %s\n%21s", head, "");
		else
			fprintf(out, "  %-18s ", head);
		for (const char *nl; (nl = strchr(line, '\n')); line = nl + 1)
			fprintf(out, "%.*s\n%21s", (int)(nl - line), line, "");
		fprintf(out, "%s\n", line);
	}
	fputc('\n', out);
}

/* --help: the commands and options, then the keys from the screens' own
 * tables. */
static void print_usage(void)
{
	fputs(usage_head, stdout);
	print_commands(stdout);
	fputs(usage_options, stdout);
	picker_keys_help(stdout);
	session_keys_help(stdout);
	fputs(usage_end, stdout);
}

int main(int argc, char **argv)
{
	struct options o = {.speed = 1.0, .voice = -1};
	int first = 1, status;
	const char *command;

	setlocale(LC_ALL, "");
	/* Numbers are read and written with a point whatever the language:
	 * routine files, the log's loads ("2.5 kg") and a database server's
	 * answers all use one. */
	setlocale(LC_NUMERIC, "C");
	status = parse_options(argc, argv, &o, &first);
	if (status)
		return status;
	o.settings = read_settings();
	if (o.kiosk && first != argc)
		return usage_error("a kiosk takes no command, found \"%s\"", argv[first]);
	/* A kiosk's machine (kiosk = yes in its config) is a kiosk when tendo
	 * starts with no command (the kiosk's login, its unit); a command is
	 * staff at a shell: tendo member, tendo hash-pin. A login shell's -c
	 * gives tendo no command: its string is an option's value. */
	o.kiosk = o.kiosk || (o.settings.kiosk == 1 && first == argc);
	if (o.kiosk)
		return command_kiosk(&o);
	if (first == argc)
		return command_pick(&o);
	command = argv[first];
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const struct command *c = &commands[i];
		int count = argc - first - 1;
		if (strcmp(command, c->name) != 0)
			continue;
		if (c->arg_count >= 0 && count != c->arg_count)
			return usage_error("%s", c->wrong_count);
		return c->run(&o, argv + first + 1);
	}
	return usage_error("unknown command \"%s\"", command);
}
