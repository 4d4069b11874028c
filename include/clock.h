/* clock.h — the one clock: CLOCK_MONOTONIC, in nanoseconds. */
#ifndef TENDO_CLOCK_H
#define TENDO_CLOCK_H

#include <stdint.h>

int64_t clock_now_ns(void);

#endif
