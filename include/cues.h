/* cues.h — where cues go: the terminal bell, a screen flash, a log file.
 *
 * One event list, several sinks (DESIGN.md, Cues). Sinks are chosen by
 * name ("bell", "flash", "off", or several joined by commas); the cue log
 * is added separately. A sink never writes onto the screen behind curses:
 * the bell and the flash go through curses itself.
 */
#ifndef TENDO_CUES_H
#define TENDO_CUES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "timeline.h"

enum cue_sink_kind { SINK_BELL, SINK_FLASH, SINK_KIND_COUNT };

struct cue_sinks {
	bool enabled[SINK_KIND_COUNT];
	bool muted;
	FILE *log; /* the --cue-log file; NULL for none. Owned: closed by cues_close(). */
};

/* One cue as the sinks receive it: the times are milliseconds of real time
 * from the session's start on the monotonic clock. */
struct cue_event {
	enum cue_kind kind;
	const char *name; /* as in the cue log */
	double planned_ms;
	double actual_ms;
};

/* Parses a --sound value ("bell", "flash,bell", "off"; "auto" means bell
 * for now) into sinks. Returns false with err filled on an unknown name. */
bool cues_choose(struct cue_sinks *sinks, const char *spec, struct tendo_error *err);

/* Opens path for the cue log (truncating it). Returns false with err filled
 * when it can't be written. */
bool cues_open_log(struct cue_sinks *sinks, const char *path, struct tendo_error *err);

/* True when a sound sink rings for this kind of cue: every cue that asks
 * the person to act (the halfway and last-seconds cues are shown, not rung). */
bool cues_audible(enum cue_kind kind);

/* Delivers the cues that fell due together: writes each to the log, then
 * rings the bell or flashes once for the group. Needs curses started when
 * bell or flash is enabled. */
void cues_emit(struct cue_sinks *sinks, const struct cue_event *events, size_t count);

/* A short name for the live sinks, for the status line: "bell", "muted". */
const char *cues_describe(const struct cue_sinks *sinks, char *buf, unsigned size);

void cues_close(struct cue_sinks *sinks);

#endif
