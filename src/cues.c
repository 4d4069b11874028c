/* cues.c — cue sinks: bell, flash, and the cue log (see cues.h). */
#include "cues.h"

#include <curses.h>
#include <errno.h>
#include <string.h>

static const char *const sink_names[SINK_KIND_COUNT] = {
    [SINK_BELL] = "bell",
    [SINK_FLASH] = "flash",
};

/* Matches one comma-separated word of a --sound value. */
static bool choose_one(struct cue_sinks *sinks, const char *word, size_t len)
{
	if (len == 3 && strncmp(word, "off", 3) == 0)
		return true;
	if (len == 4 && strncmp(word, "auto", 4) == 0) {
		sinks->enabled[SINK_BELL] = true;
		return true;
	}
	for (int i = 0; i < SINK_KIND_COUNT; i++)
		if (strlen(sink_names[i]) == len && strncmp(word, sink_names[i], len) == 0) {
			sinks->enabled[i] = true;
			return true;
		}
	return false;
}

bool cues_choose(struct cue_sinks *sinks, const char *spec, struct tendo_error *err)
{
	const char *p = spec;

	memset(sinks->enabled, 0, sizeof sinks->enabled);
	for (;;) {
		size_t len = strcspn(p, ",");
		if (!choose_one(sinks, p, len)) {
			error_set(err, NULL, 0, 0,
			          "--sound takes auto, bell, flash or off (several joined by "
			          "commas), found \"%.*s\"",
			          (int)len, p);
			return false;
		}
		if (p[len] == '\0')
			return true;
		p += len + 1;
	}
}

bool cues_open_log(struct cue_sinks *sinks, const char *path, struct tendo_error *err)
{
	sinks->log = fopen(path, "w");
	if (!sinks->log) {
		error_set(err, path, 0, 0, "can't write the cue log: %s", strerror(errno));
		return false;
	}
	return true;
}

bool cues_audible(enum cue_kind kind)
{
	return kind != CUE_HALFWAY && kind != CUE_LAST_SECONDS;
}

void cues_emit(struct cue_sinks *sinks, const struct cue_event *events, size_t count)
{
	bool ring = false;

	for (size_t i = 0; i < count; i++) {
		if (sinks->log)
			fprintf(sinks->log, "%.3f %.3f %s\n", events[i].planned_ms,
			        events[i].actual_ms, events[i].name);
		ring = ring || cues_audible(events[i].kind);
	}
	if (sinks->log)
		fflush(sinks->log);
	if (!ring || sinks->muted)
		return;
	if (sinks->enabled[SINK_BELL])
		beep();
	if (sinks->enabled[SINK_FLASH])
		flash();
}

const char *cues_describe(const struct cue_sinks *sinks, char *buf, unsigned size)
{
	size_t used = 0;

	buf[0] = '\0';
	if (sinks->muted) {
		snprintf(buf, size, "muted");
		return buf;
	}
	for (int i = 0; i < SINK_KIND_COUNT; i++)
		if (sinks->enabled[i] && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "+" : "",
			                         sink_names[i]);
	if (used == 0)
		snprintf(buf, size, "silent");
	return buf;
}

void cues_close(struct cue_sinks *sinks)
{
	if (sinks->log)
		fclose(sinks->log);
	sinks->log = NULL;
}
