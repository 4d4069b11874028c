/* clock.h — the one clock: CLOCK_MONOTONIC, in nanoseconds.
 *
 * Tests may drive it instead (clock_drive, tendo --test-clock FIFO): time
 * then stands still and moves only when the test writes to the FIFO, one
 * line a move:
 *
 *     +MS      move on MS milliseconds (a whole number, 0 to 86400000)
 *
 * so that a test sees each state for as long as it needs, however busy the
 * machine. The ui's loop waits on clock_driven_fd() in place of a timer,
 * and takes the moves one at a time. */
#ifndef TENDO_CLOCK_H
#define TENDO_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int64_t clock_now_ns(void);

/* The machine's CLOCK_MONOTONIC, in nanoseconds, even while the clock is
 * driven: for how long work takes (the benchmark's frame times), never
 * for what a screen shows. */
int64_t clock_real_ns(void);

/* The date and time (Unix seconds, CLOCK_REALTIME): what the log is
 * stamped with. The one place tendo reads the calendar. A driven clock
 * (--test-clock) moves it too, from the time it began to be driven. */
int64_t clock_wall_s(void);

/* Drives the clock from the FIFO at path (opened here, kept open for the
 * process's life). False, with the reason in why, when it can't be opened. */
bool clock_drive(const char *path, char *why, size_t why_size);

/* The FIFO's descriptor while the clock is driven; -1 when it runs. */
int clock_driven_fd(void);

/* Applies the next move written to the FIFO, reading it first when none
 * is waiting. One move a call, so that each is a step of its own: a test
 * that writes +1000 three times sees three wake-ups, not one of 3 s.
 * Returns whether a move was applied. A line that is not a move is
 * ignored (and said on stderr). */
bool clock_take_move(void);

/* Whether a move waits to be applied: one already read, or one the FIFO
 * holds now (read without waiting). The ui reads no more keys while one
 * does: a move the test wrote before it sent a key is applied before that
 * key is acted on. */
bool clock_move_waiting(void);

#endif
