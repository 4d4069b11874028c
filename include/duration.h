/* duration.h — durations as people write them in routine files.
 *
 * Accepted: "30s", "1m30s", "2m", "90" (plain seconds), "1.5s", "500ms",
 * "1h". Times are kept as whole milliseconds. Pure: no I/O, no allocation.
 */
#ifndef TENDO_DURATION_H
#define TENDO_DURATION_H

#include <stdbool.h>
#include <stdint.h>

/* Parses text into *ms. Returns false, leaving *ms alone, when text is not
 * a duration (empty, unknown unit, a unit twice, negative, overflow). */
bool duration_parse(const char *text, int64_t *ms);

/* Writes ms as people read it: "30 s", "1 min 30 s", "1.5 s", "2 min".
 * Always NUL-terminated; returns buf. */
char *duration_format(int64_t ms, char *buf, unsigned size);

/* Writes ms as a clock, "1:05" or "0:09" (rounded up to whole seconds), or
 * "1:02:03" from an hour up. Returns buf. */
char *duration_clock(int64_t ms, char *buf, unsigned size);

#endif
