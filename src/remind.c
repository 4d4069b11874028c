/* remind.c — a daily reminder (see remind.h). */
#include "remind.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paths.h"

#define TIMER         "tendo-remind.timer"
#define SERVICE       "tendo-remind.service"
#define PROFILE_BEGIN "# >>> tendo remind: the reminder left when no desktop showed it >>>"
#define PROFILE_END   "# <<< tendo remind (tendo remind --remove takes this away) <<<"

bool remind_parse_at(const char *text, int *hour, int *minute)
{
	return strlen(text) == 5 && isdigit((unsigned char)text[0]) &&
	       isdigit((unsigned char)text[1]) && text[2] == ':' &&
	       isdigit((unsigned char)text[3]) && isdigit((unsigned char)text[4]) &&
	       (*hour = (text[0] - '0') * 10 + text[1] - '0') < 24 &&
	       (*minute = (text[3] - '0') * 10 + text[4] - '0') < 60;
}

const char *remind_timer_text(int hour, int minute, char *buf, size_t size)
{
	snprintf(buf, size,
	         "# tendo's daily reminder, from tendo remind --install; tendo remind --remove\n"
	         "# takes it away.\n"
	         "[Unit]\n"
	         "Description=tendo: a reminder when a session is due\n"
	         "\n"
	         "[Timer]\n"
	         "OnCalendar=*-*-* %02d:%02d:00\n"
	         "Persistent=true\n"
	         "\n"
	         "[Install]\n"
	         "WantedBy=timers.target\n",
	         hour, minute);
	return buf;
}

const char *remind_service_text(const char *command, char *buf, size_t size)
{
	snprintf(buf, size,
	         "# Run by tendo-remind.timer: says what is due today, if anything.\n"
	         "[Unit]\n"
	         "Description=tendo: a reminder when a session is due\n"
	         "\n"
	         "[Service]\n"
	         "Type=oneshot\n"
	         "ExecStart=%s\n",
	         command);
	return buf;
}

bool remind_quote(const char *arg, char *buf, size_t size)
{
	size_t n = 0;

	if (size < 3)
		return false;
	buf[n++] = '"';
	for (const char *p = arg; *p; p++) {
		if (*p == '"' || *p == '\\' || iscntrl((unsigned char)*p) || n + 4 >= size)
			return false;
		if (*p == '%')
			buf[n++] = '%';
		buf[n++] = *p;
	}
	buf[n++] = '"';
	buf[n] = '\0';
	return true;
}

/* ~/.config/systemd/user, made if missing. */
static bool unit_dir(char *buf, size_t size)
{
	const char *config = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (config && config[0] == '/')
		snprintf(buf, size, "%s/systemd/user", config);
	else if (home && home[0] == '/')
		snprintf(buf, size, "%s/.config/systemd/user", home);
	else
		return false;
	return paths_make_folders(buf);
}

static bool profile_path(char *buf, size_t size)
{
	const char *home = getenv("HOME");

	if (!home || home[0] != '/')
		return false;
	snprintf(buf, size, "%s/.profile", home);
	return true;
}

static bool write_file(const char *path, const char *text, struct tendo_error *err)
{
	FILE *f = fopen(path, "w");
	bool ok = f && fputs(text, f) >= 0;

	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		error_set(err, path, 0, 0, "can't write it: %s", strerror(errno));
	return ok;
}

/* Reads the whole of path into a buffer the caller frees ("" when it is
 * not there). NULL when it can't be read. */
static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[4096];

	if (!f)
		return errno == ENOENT ? calloc(1, 1) : NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		char *bigger = len + n + 1 > cap ? realloc(text, cap = 2 * (len + n + 1)) : text;
		if (!bigger) {
			free(text);
			fclose(f);
			return NULL;
		}
		text = bigger;
		memcpy(text + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (!text)
		return calloc(1, 1);
	text[len] = '\0';
	return text;
}

/* ~/.profile without tendo's block, and with a new one when line is not
 * NULL. */
static bool edit_profile(const char *line, struct tendo_error *err)
{
	char path[PATH_MAX], *text, *begin, *end, *out;
	size_t size;
	bool ok;

	if (!profile_path(path, sizeof path) || !(text = read_all(path))) {
		error_set(err, path, 0, 0, "can't read it: %s", strerror(errno));
		return false;
	}
	if ((begin = strstr(text, PROFILE_BEGIN)) && (end = strstr(begin, PROFILE_END))) {
		end += strlen(PROFILE_END);
		if (*end == '\n')
			end++;
		memmove(begin, end, strlen(end) + 1);
	}
	size = strlen(text) + (line ? strlen(line) : 0) + 256;
	if (!(out = malloc(size))) {
		free(text);
		error_set(err, path, 0, 0, "out of memory");
		return false;
	}
	if (line)
		snprintf(out, size, "%s%s%s\n%s\n%s\n", text,
		         text[0] && text[strlen(text) - 1] != '\n' ? "\n" : "", PROFILE_BEGIN, line,
		         PROFILE_END);
	else
		snprintf(out, size, "%s", text);
	ok = write_file(path, out, err);
	free(out);
	free(text);
	return ok;
}

/* Runs a program (argv, NULL-ended, found on PATH) quietly; true when it
 * ran and succeeded. */
static bool run_quietly(const char *const argv[])
{
	char *args[8] = {NULL};

	pid_t pid = fork();
	int status;

	if (pid < 0)
		return false;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		for (size_t i = 0; i < 7 && argv[i]; i++)
			args[i] = strdup(argv[i]);
		execvp(args[0], args);
		_exit(127);
	}
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* systemctl --user ARGS (up to three, NULL-ended). */
static bool systemctl_user(const char *a, const char *b, const char *c)
{
	const char *argv[] = {"systemctl", "--user", a, b, c, NULL};

	return run_quietly(argv);
}

bool remind_notify_send(const char *text)
{
	const char *argv[] = {"notify-send", "--app-name=tendo", "tendo", text, NULL};

	return run_quietly(argv);
}

bool remind_install(int hour, int minute, const char *command, const char *show_command,
                    bool *started, struct tendo_error *err)
{
	char dir[PATH_MAX], path[PATH_MAX + 32], text[2048];

	*started = false;
	if (!unit_dir(dir, sizeof dir)) {
		error_set(err, NULL, 0, 0, "can't make ~/.config/systemd/user: %s",
		          strerror(errno));
		return false;
	}
	snprintf(path, sizeof path, "%s/" SERVICE, dir);
	if (!write_file(path, remind_service_text(command, text, sizeof text), err))
		return false;
	snprintf(path, sizeof path, "%s/" TIMER, dir);
	if (!write_file(path, remind_timer_text(hour, minute, text, sizeof text), err) ||
	    !edit_profile(show_command, err))
		return false;
	*started =
	    systemctl_user("daemon-reload", NULL, NULL) && systemctl_user("enable", "--now", TIMER);
	return true;
}

bool remind_remove(struct tendo_error *err)
{
	char dir[PATH_MAX], path[PATH_MAX + 32];
	static const char *const files[] = {TIMER, SERVICE};

	systemctl_user("disable", "--now", TIMER);
	if (!unit_dir(dir, sizeof dir)) {
		error_set(err, NULL, 0, 0, "can't find ~/.config/systemd/user: %s",
		          strerror(errno));
		return false;
	}
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (unlink(path) != 0 && errno != ENOENT) {
			error_set(err, path, 0, 0, "can't remove it: %s", strerror(errno));
			return false;
		}
	}
	systemctl_user("daemon-reload", NULL, NULL);
	return edit_profile(NULL, err);
}

bool remind_leave(const char *dir, const char *text)
{
	char path[PATH_MAX + 16];
	struct tendo_error err;

	snprintf(path, sizeof path, "%s/reminder", dir);
	return paths_make_folders(dir) && write_file(path, text, &err);
}

void remind_take(const char *dir, FILE *out)
{
	char path[PATH_MAX + 16], *text;

	snprintf(path, sizeof path, "%s/reminder", dir);
	if (!(text = read_all(path)))
		return;
	fputs(text, out);
	free(text);
	unlink(path);
}
