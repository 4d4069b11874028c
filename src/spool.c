/* spool.c — the sets that wait for the log, kept on disk (see spool.h). */
#include "spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "process.h"

static const char magic[] = "tendo spool 1\n";
static const char suffix[] = ".waiting-";
static const char making_suffix[] = ".making-";

enum {
	NUMBERS_MAX = 200, /* a set's numbers and tabs, as text */
	LOAD_MAX = 64,
	HOST_MAX = 256,
	EXERCISE_MAX = 2 * 2000 + 1, /* an exercise's name, escaped */
};

/* FNV-1a: enough to tell a slot written whole from one cut short. */
static uint32_t checksum(const char *p, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

/* Appends text with \, tab and newline escaped; false when it would not
 * fit. */
static bool put_escaped(char *buf, size_t size, size_t *n, const char *text)
{
	for (const char *c = text ? text : ""; *c; c++) {
		const char *esc = *c == '\\'   ? "\\\\"
		                  : *c == '\t' ? "\\t"
		                  : *c == '\n' ? "\\n"
		                               : NULL;
		size_t len = esc ? 2 : 1;
		if (*n + len >= size)
			return false;
		memcpy(buf + *n, esc ? esc : c, len);
		*n += len;
	}
	buf[*n] = '\0';
	return true;
}

static bool put(char *buf, size_t size, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool put(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= size - *n)
		return false;
	*n += (size_t)len;
	return true;
}

bool spool_open(struct spool *sp, const char *log_path, int64_t session, const char *host,
                size_t sets_max, size_t name_max, struct tendo_error *err)
{
	char making[sizeof sp->path];
	int e;

	memset(sp, 0, sizeof *sp);
	sp->fd = -1;
	sp->session = session;
	sp->slot = sizeof magic + sizeof sp->header + 64 +
	           sets_max * (2 * name_max + LOAD_MAX + NUMBERS_MAX);
	snprintf(sp->header, sizeof sp->header,
	         "session %" PRId64 " pid %ld since %" PRId64 "\nhost %s\n", session,
	         (long)getpid(), clock_wall_s(), host);
	/* One for each process: a session taken up again while the spool of
	 * the tendo that was cut off still waits for room keeps both. */
	if ((size_t)snprintf(sp->path, sizeof sp->path, "%s%s%" PRId64 "-%ld", log_path, suffix,
	                     session, (long)getpid()) >= sizeof sp->path) {
		error_set(err, log_path, 0, 0, "the log's path is too long for its spool");
		return false;
	}
	/* Made under another name and put in place whole, its header
	 * written: another tendo looking for spools to replay never finds one
	 * it can't tell the owner of. */
	snprintf(making, sizeof making, "%s%s%" PRId64 "-%ld", log_path, making_suffix, session,
	         (long)getpid());
	sp->fd = open(making, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (sp->fd < 0) {
		error_set(err, making, 0, 0, "can't make the spool for waiting sets: %s",
		          strerror(errno));
		return false;
	}
	/* The room, set aside now: when the sets come to need it, the disk
	 * may have none left. */
	if ((e = posix_fallocate(sp->fd, 0, (off_t)(2 * sp->slot))) != 0 ||
	    !spool_keep(sp, NULL, 0) || rename(making, sp->path) != 0) {
		error_set(err, sp->path, 0, 0, "can't set room aside for waiting sets: %s",
		          strerror(e ? e : errno));
		close(sp->fd);
		unlink(making);
		sp->fd = -1;
		return false;
	}
	return true;
}

/* One set as a line: its fields, tab-separated, the texts escaped. */
static bool put_set(char *buf, size_t size, size_t *n, const struct store_set *set)
{
	return put(buf, size, n, "%zu\t", set->step) && put_escaped(buf, size, n, set->exercise) &&
	       put(buf, size, n, "\t%d\t%d\t%d\t%d\t%d\t%" PRId64 "\t%" PRId64 "\t", (int)set->side,
	           set->set_number, (int)set->completed, set->planned_reps, set->done_reps,
	           set->planned_hold_ms, set->done_hold_ms) &&
	       put_escaped(buf, size, n, set->load) &&
	       put(buf, size, n, "\t%" PRId64 "\n", set->at);
}

bool spool_keep(struct spool *sp, const struct store_set *sets, size_t count)
{
	char *buf;
	size_t n = 0, kept = 0;
	bool ok;

	if (sp->fd < 0)
		return false;
	if (!(buf = malloc(sp->slot)))
		return false;
	sp->seq++;
	ok = put(buf, sp->slot, &n, "%s%sseq %" PRIu64 "\n", magic, sp->header, sp->seq);
	/* The oldest first, as many as the room holds (it holds them all:
	 * spool_open sized it for the most that may wait). */
	while (ok && kept < count && put_set(buf, sp->slot - 48, &n, &sets[kept]))
		kept++;
	ok = ok &&
	     put(buf, sp->slot, &n, "end %" PRIu64 " %08" PRIx32 "\n", sp->seq, checksum(buf, n));
	ok = ok && pwrite(sp->fd, buf, n, (off_t)((sp->seq % 2) * sp->slot)) == (ssize_t)n &&
	     fdatasync(sp->fd) == 0 && kept == count;
	if (ok)
		sp->waiting = count;
	free(buf);
	return ok;
}

void spool_close(struct spool *sp)
{
	if (sp->fd < 0)
		return;
	close(sp->fd);
	sp->fd = -1;
	if (sp->waiting == 0)
		unlink(sp->path);
}

/* ------------------------------------------------------------ reading */

/* A set read back, with room for its texts. */
struct read_set {
	struct store_set set;
	char exercise[EXERCISE_MAX];
	char load[LOAD_MAX];
};

/* Undoes put_escaped in place. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*out++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* Splits line (its newline gone) at tabs into at most max fields. */
static size_t fields(char *line, char **out, size_t max)
{
	size_t n = 0;

	out[n++] = line;
	for (char *c = line; *c && n < max; c++)
		if (*c == '\t') {
			*c = '\0';
			out[n++] = c + 1;
		}
	return n;
}

static bool parse_set(char *line, struct read_set *r)
{
	char *f[11];
	long long step, at, planned_hold, done_hold;
	int side, number, completed, planned, done;

	if (fields(line, f, 11) != 11 || sscanf(f[0], "%lld", &step) != 1 ||
	    sscanf(f[2], "%d", &side) != 1 || sscanf(f[3], "%d", &number) != 1 ||
	    sscanf(f[4], "%d", &completed) != 1 || sscanf(f[5], "%d", &planned) != 1 ||
	    sscanf(f[6], "%d", &done) != 1 || sscanf(f[7], "%lld", &planned_hold) != 1 ||
	    sscanf(f[8], "%lld", &done_hold) != 1 || sscanf(f[10], "%lld", &at) != 1 ||
	    strlen(f[1]) >= sizeof r->exercise || strlen(f[9]) >= sizeof r->load || step < 0 ||
	    side < LEG_NONE || side > LEG_RIGHT)
		return false;
	unescape(f[1]);
	unescape(f[9]);
	snprintf(r->exercise, sizeof r->exercise, "%s", f[1]);
	snprintf(r->load, sizeof r->load, "%s", f[9]);
	r->set = (struct store_set){(size_t)step,
	                            r->exercise,
	                            (enum leg)side,
	                            number,
	                            completed != 0,
	                            planned,
	                            done,
	                            planned_hold,
	                            done_hold,
	                            r->load[0] ? r->load : NULL,
	                            at};
	return true;
}

/* A slot as read: whole (its end line's checksum holds) or not. */
struct slot {
	bool whole;
	uint64_t seq;
	int64_t session, since;
	long pid;
	char host[HOST_MAX];
	char *sets; /* the first set's line, in the caller's buffer */
	char *end;  /* the end line */
};

static struct slot read_slot(char *p, size_t size)
{
	struct slot s = {0};
	char *nl, *end;
	unsigned long long seq, end_seq;
	unsigned sum;

	p[size - 1] = '\0';
	if (strncmp(p, magic, sizeof magic - 1) != 0)
		return s;
	for (end = p; (end = strstr(end, "\nend ")) != NULL; end++)
		if (sscanf(end + 1, "end %llu %x", &end_seq, &sum) == 2 &&
		    checksum(p, (size_t)(end + 1 - p)) == sum)
			break;
	if (!end)
		return s;
	if (sscanf(p + sizeof magic - 1, "session %" SCNd64 " pid %ld since %" SCNd64, &s.session,
	           &s.pid, &s.since) != 3 ||
	    !(nl = strchr(p + sizeof magic - 1, '\n')) || strncmp(nl + 1, "host ", 5) != 0)
		return s;
	p = nl + 6;
	if (!(nl = strchr(p, '\n')) || (size_t)(nl - p) >= sizeof s.host)
		return s;
	memcpy(s.host, p, (size_t)(nl - p));
	s.host[nl - p] = '\0';
	p = nl + 1;
	if (sscanf(p, "seq %llu", &seq) != 1 || seq != end_seq || !(nl = strchr(p, '\n')))
		return s;
	s.seq = seq;
	s.sets = nl + 1;
	s.end = end + 1;
	s.whole = true;
	return s;
}

/* Writes the sets of the newer whole slot of the file at path; true when
 * the spool is done with (every set in the log, or nothing to read). */
static bool replay_file(struct store *store, const char *path, size_t *written)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	char *buf = NULL;
	struct slot a, b, *use;
	struct read_set *r = malloc(sizeof *r);
	bool done = true;
	size_t half;

	if (!f || !r || fstat(fileno(f), &st) != 0 || st.st_size < 2 ||
	    !(buf = calloc(1, (size_t)st.st_size + 1)) ||
	    fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		done = !f; /* gone already */
		goto out;
	}
	half = (size_t)st.st_size / 2;
	a = read_slot(buf, half);
	b = read_slot(buf + half, half);
	use = a.whole && (!b.whole || a.seq > b.seq) ? &a : b.whole ? &b : NULL;
	if (!use)
		goto out; /* never written: nothing waited */
	if (strcmp(use->host, store_place(store)) != 0 || process_running(use->pid, use->since)) {
		done = false; /* another kiosk's, or its tendo still runs */
		goto out;
	}
	for (char *line = use->sets, *nl; done && line < use->end; line = nl + 1) {
		struct tendo_error err;
		bool added;
		nl = strchr(line, '\n');
		*nl = '\0';
		if (!parse_set(line, r))
			continue; /* a line tendo did not write: the rest still count */
		if (!store_set_once(store, use->session, &r->set, &added, &err))
			done = false; /* the log still can't take it: next time */
		else if (added)
			(*written)++;
	}
out:
	if (f)
		fclose(f);
	free(buf);
	free(r);
	return done;
}

size_t spool_replay(struct store *store)
{
	char dir[4096], *slash;
	const char *log = store_path(store);
	const char *base;
	size_t written = 0;
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof dir, "%s", log);
	if (!(slash = strrchr(dir, '/')))
		return 0;
	*slash = '\0';
	base = slash + 1 - dir + log;
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)) != NULL) {
		char path[4400];
		size_t len = strlen(base);
		if (strncmp(e->d_name, base, len) != 0 ||
		    strncmp(e->d_name + len, suffix, sizeof suffix - 1) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (replay_file(store, path, &written))
			unlink(path);
	}
	closedir(d);
	return written;
}
