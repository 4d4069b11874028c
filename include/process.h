/* process.h — whether a process is still the one it was.
 *
 * The log marks each running session with its process and the time it
 * claimed the session; a session whose process is gone was cut off, and
 * can be taken up again. Linux: kill(pid, 0) and /proc.
 */
#ifndef TENDO_PROCESS_H
#define TENDO_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

/* True when pid still runs and is the process that was running at claimed
 * (Unix seconds): not gone, not a zombie no one has reaped (a container's
 * init may never), and not a later process that was given the pid since.
 * True when it can't be told. */
bool process_running(int64_t pid, int64_t claimed);

#endif
